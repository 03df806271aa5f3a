;;; eglot-test.el --- copydesk in Emacs with eglot, in batch mode  -*- lexical-binding: t; -*-

;; Run by run.sh:  emacs --batch -l editors/tests/eglot-test.el
;; with COPYDESK_DRAFTS (a folder holding bakery.txt) and PATH (copydesk
;; first) set.  Configures eglot the way editors/README.md tells users to,
;; opens a draft in text-mode, waits for copydesk's diagnostics in flymake,
;; and asks for hover.  Prints PASS/FAIL lines on stdout and exits non-zero
;; when any check failed.  Every wait is bounded, and a timer kills Emacs if
;; the whole run takes too long.

(require 'package)
(package-initialize)                    ; Debian's elpa-eglot and its deps
(require 'eglot)
(require 'flymake)

(defvar copydesk-test-passed 0)
(defvar copydesk-test-failed 0)

(defun copydesk-test-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun copydesk-test-check (name ok &optional detail)
  (if ok
      (progn (setq copydesk-test-passed (1+ copydesk-test-passed))
             (copydesk-test-out "PASS emacs-eglot: %s" name))
    (setq copydesk-test-failed (1+ copydesk-test-failed))
    (copydesk-test-out "FAIL emacs-eglot: %s%s" name
                       (if detail (concat " — " detail) "")))
  ok)

(defun copydesk-test-finish ()
  (copydesk-test-out "emacs-eglot: %d passed, %d failed"
                     copydesk-test-passed copydesk-test-failed)
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs (if (> copydesk-test-failed 0) 1 0)))

(defun copydesk-test-wait (pred seconds)
  "Wait up to SECONDS for PRED to return non-nil, serving process output."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

;; Watchdog: a hung server must not hang the run.
(run-at-time 45 nil (lambda ()
                      (copydesk-test-check "finished within 45 s" nil "watchdog fired")
                      (copydesk-test-finish)))

;;; The configuration from editors/README.md.

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode text-mode) . ("copydesk"))))

(setq-default eglot-workspace-configuration
              ;; One setting changed from the default, to prove the section
              ;; reaches the server: unattributed quotes become errors.
              '(:copydesk (:debounceMs 150
                           :style "auto"
                           :severity (:unattributed-quote "error"))))

(setq eglot-sync-connect 10
      eglot-connect-timeout 20)

;;; The test.

(defun copydesk-test-run ()
  (let* ((drafts (or (getenv "COPYDESK_DRAFTS") (error "COPYDESK_DRAFTS is not set")))
         (file (expand-file-name "bakery.txt" drafts))
         (started (float-time)))
    (find-file file)
    (copydesk-test-check "bakery.txt opens in text-mode" (eq major-mode 'text-mode)
                         (symbol-name major-mode))
    ;; What eglot-ensure does on the next command (there are no commands in
    ;; batch mode): guess the server from eglot-server-programs and connect.
    (apply #'eglot--connect (eglot--guess-contact))
    (copydesk-test-check "eglot connects to copydesk (managed buffer)"
                         (copydesk-test-wait (lambda () (bound-and-true-p eglot--managed-mode)) 15))
    (let ((server (eglot-current-server)))
      (copydesk-test-check "server reports its name as copydesk"
                           (and server (equal (plist-get (eglot--server-info server) :name) "copydesk"))
                           (format "%S" (and server (eglot--server-info server))))
      ;; flymake asks its backends when started; eglot's reports what the
      ;; server published.  Poll until copydesk's findings are there.
      (let* ((bakery-diags
              (lambda ()
                (flymake-start)
                (accept-process-output nil 0.1)
                (flymake-diagnostics)))
             (diags (copydesk-test-wait bakery-diags 15)))
        (copydesk-test-check "flymake shows copydesk diagnostics" diags)
        (goto-char (point-min))
        (search-forward "“Best bread in the county.”")
        (let* ((quote-start (match-beginning 0))
               (hit (copydesk-test-wait
                     (lambda ()
                       (seq-find (lambda (d)
                                   (and (string-match-p "Best bread in the county"
                                                        (flymake-diagnostic-text d))
                                        (eq (flymake-diagnostic-type d) 'eglot-error)))
                                 (funcall bakery-diags)))
                     25)))
          (copydesk-test-check
           "unattributed-quote on “Best bread in the county.”, an error as configured"
           hit
           (format "%S" (mapcar (lambda (d) (list (flymake-diagnostic-beg d)
                                                  (flymake-diagnostic-type d)
                                                  (flymake-diagnostic-text d)))
                                (flymake-diagnostics))))
          (when hit
            (copydesk-test-check
             "diagnostic starts on the opening mark after em dashes (UTF-16 column)"
             (= (flymake-diagnostic-beg hit) quote-start)
             (format "at %d, want %d (line: %s)" (flymake-diagnostic-beg hit) quote-start
                     (buffer-substring (line-beginning-position) (line-end-position))))))
        ;; Hover on a later reference names the person in full.
        (goto-char (point-min))
        (search-forward "Mr Pritchard")
        (backward-char 3)
        (let* ((hover (condition-case err
                          (jsonrpc-request server :textDocument/hover
                                           (eglot--TextDocumentPositionParams)
                                           :timeout 5)
                        (error (format "error: %S" err))))
               (text (cond ((stringp hover) hover)
                           ((null hover) "null")
                           (t (let ((contents (plist-get hover :contents)))
                                (if (seq-empty-p contents) ""
                                  (eglot--hover-info contents (plist-get hover :range))))))))
          (copydesk-test-check "hover (eldoc text) on “Mr Pritchard” names Owen Pritchard"
                               (string-match-p "Owen Pritchard" text)
                               (format "hover returned %S" text))))
      (copydesk-test-out "emacs-eglot: checks took %.1f s" (- (float-time) started)))))

(condition-case err
    (copydesk-test-run)
  (error (copydesk-test-check "test ran without a Lisp error" nil (format "%S" err))))
(copydesk-test-finish)

;;; eglot-test.el ends here
