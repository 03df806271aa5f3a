//! End-to-end tests of the language server: each test starts the real
//! `copydesk` binary, speaks JSON-RPC to it over stdin/stdout with
//! `Content-Length` framing, and checks what comes back. The reader thread
//! parses every byte the server writes to stdout, so anything but framed
//! JSON-RPC there (a stray log line, a `println!`) fails the test.
//!
//! Every wait is bounded: a server that hangs fails the test instead of
//! hanging it, and a dropped [`Server`] kills its process. The drafts are
//! invented for these tests, a few lines each.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any single wait may take before the test fails. Generous,
/// because it only matters when something is wrong (and `cargo test` runs
/// a debug build).
const WAIT: Duration = Duration::from_secs(15);

/// A headline, then a body line with curly scare quotes, an em dash and a
/// pound sign before a quotation nobody says.
const HARBOUR: &str = "Harbour plan divides town\n\n\
The “new” harbour — a £4m scheme — opened on Monday. “The water is too shallow for the ferries.”\n";
const HARBOUR_QUOTE: &str = "“The water is too shallow for the ferries.”";

/// A story about one person referred to by full name, then `Ms`, with two
/// quotes she says, one nobody says, and a second person never quoted.
const LIBRARY: &str = "Library to close early\n\n\
Jane Okafor, the head librarian, said the branch would shut at five. “We cannot afford the heating,” Ms Okafor said.\n\n\
Councillor Tom Reddy disagreed with the plan. Ms Okafor later called the decision “final.”\n\n\
The staff of Ms Okafor were not consulted. “Nobody asked us.”\n";

// ---------------------------------------------------------------------------
// The test client
// ---------------------------------------------------------------------------

/// What the reader thread saw on the server's stdout.
enum Incoming {
    Message(Value),
    /// stdout closed cleanly between two messages.
    Eof,
    /// Bytes that are not a well-formed JSON-RPC frame.
    Garbage(String),
}

/// Reads one framed message. `Ok(None)` is a clean end of stream.
fn read_frame(out: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let n = out
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("reading stdout: {e}"))?;
        if n == 0 {
            return if first {
                Ok(None)
            } else {
                Err("stdout ended inside a header".to_owned())
            };
        }
        first = false;
        let line = String::from_utf8(line)
            .map_err(|_| "a header line on stdout is not UTF-8".to_owned())?;
        let Some(line) = line.strip_suffix("\r\n") else {
            return Err(format!("not a header line (no CRLF): {line:?}"));
        };
        if line.is_empty() {
            break;
        }
        match line.split_once(": ") {
            Some(("Content-Length", n)) => {
                length = Some(
                    n.parse::<usize>()
                        .map_err(|_| format!("bad Content-Length: {line:?}"))?,
                )
            }
            Some(("Content-Type", _)) => {}
            _ => return Err(format!("not an LSP header: {line:?}")),
        }
    }
    let length = length.ok_or("a frame without Content-Length")?;
    let mut body = vec![0; length];
    out.read_exact(&mut body)
        .map_err(|e| format!("stdout ended inside a {length}-byte body: {e}"))?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        format!(
            "a frame body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&body)
        )
    })?;
    if value.get("jsonrpc") != Some(&json!("2.0")) {
        return Err(format!("not a JSON-RPC 2.0 message: {value}"));
    }
    Ok(Some(value))
}

/// One running server and the client side of its connection.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Incoming>,
    /// Messages received while waiting for something else, oldest first.
    backlog: VecDeque<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
    /// The answer to `workspace/configuration` (one value, repeated per
    /// item); `None` answers MethodNotFound, as a client without the
    /// capability would.
    configuration: Option<Value>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the binary with `args`, without initializing it.
    fn spawn_with(args: &[&str]) -> Server {
        Server::spawn_logging(args, "warn")
    }

    /// Starts the binary with `args` and `COPYDESK_LOG=log`.
    fn spawn_logging(args: &[&str], log: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .env("COPYDESK_LOG", log)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start copydesk");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            loop {
                let item = match read_frame(&mut out) {
                    Ok(Some(message)) => Incoming::Message(message),
                    Ok(None) => Incoming::Eof,
                    Err(garbage) => Incoming::Garbage(garbage),
                };
                let done = !matches!(item, Incoming::Message(_));
                if tx.send(item).is_err() || done {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            stderr,
            configuration: None,
        }
    }

    fn spawn() -> Server {
        Server::spawn_with(&[])
    }

    /// A server initialized with `options` (plus no debounce unless
    /// `options` sets one) and the client capabilities `capabilities`.
    fn start_with(options: Value, capabilities: Value) -> (Server, Value) {
        let mut server = Server::spawn();
        let mut init = json!({"debounceMs": 0});
        if let (Some(init), Some(options)) = (init.as_object_mut(), options.as_object()) {
            init.extend(options.clone());
        }
        let result = server.result(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": init,
            }),
        );
        server.notify("initialized", json!({}));
        (server, result)
    }

    /// A UTF-16 server with no debounce, ready for documents.
    fn start() -> Server {
        Server::start_with(json!({}), client_capabilities()).0
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush to the server");
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message from the server, answering requests it makes of
    /// the client on the way (they are also returned). `None` on timeout.
    fn recv_until(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(Incoming::Message(message)) => {
                if message.get("method").is_some() && message.get("id").is_some() {
                    self.answer(&message);
                }
                Some(message)
            }
            Ok(Incoming::Garbage(what)) => {
                panic!(
                    "the server wrote something other than JSON-RPC to stdout: {what}\nstderr:\n{}",
                    self.stderr()
                )
            }
            Ok(Incoming::Eof) | Err(RecvTimeoutError::Disconnected) => panic!(
                "the server closed stdout unexpectedly (status {:?})\nstderr:\n{}",
                self.child.try_wait(),
                self.stderr()
            ),
            Err(RecvTimeoutError::Timeout) => None,
        }
    }

    /// Answers a request from the server to the client.
    fn answer(&mut self, request: &Value) {
        let id = request["id"].clone();
        let reply = match (request["method"].as_str(), &self.configuration) {
            (Some("workspace/configuration"), Some(value)) => {
                let n = request["params"]["items"].as_array().map_or(1, Vec::len);
                json!({"jsonrpc": "2.0", "id": id, "result": vec![value.clone(); n]})
            }
            (Some("workspace/configuration"), None) => json!({"jsonrpc": "2.0", "id": id,
                "error": {"code": -32601, "message": "this client has no configuration"}}),
            _ => json!({"jsonrpc": "2.0", "id": id, "result": null}),
        };
        if self.stdin.is_some() {
            self.send(&reply);
        }
    }

    /// Sends a request and returns the whole response (result or error),
    /// keeping notifications that arrive meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id, method)
    }

    fn response(&mut self, id: i64, what: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let Some(message) = self.recv_until(deadline) else {
                panic!(
                    "no answer to {what} (id {id}) within {WAIT:?}\nstderr:\n{}",
                    self.stderr()
                );
            };
            if message.get("method").is_none() && message["id"] == json!(id) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// Sends a request and returns its result, failing on an error reply.
    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Takes the first message (already received, or arriving within
    /// `timeout`) that is the notification `method` and satisfies `pred`.
    fn try_notification(
        &mut self,
        method: &str,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        let matches = |m: &Value| m["method"] == json!(method) && pred(&m["params"]);
        if let Some(i) = self.backlog.iter().position(matches) {
            return self.backlog.remove(i).map(|m| m["params"].clone());
        }
        let deadline = Instant::now() + timeout;
        while let Some(message) = self.recv_until(deadline) {
            if matches(&message) {
                return Some(message["params"].clone());
            }
            self.backlog.push_back(message);
        }
        None
    }

    fn wait_for_notification(
        &mut self,
        method: &str,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Value {
        self.try_notification(method, pred, timeout)
            .unwrap_or_else(|| {
                panic!(
                    "no {method} notification within {timeout:?}; received meanwhile:\n{}\nstderr:\n{}",
                    self.backlog
                        .iter()
                        .map(Value::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    self.stderr()
                )
            })
    }

    /// The diagnostics published for `uri` at `version` (`None`: the next
    /// publication for `uri`, whatever its version).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let params = self.wait_for_notification(
            "textDocument/publishDiagnostics",
            |p| {
                p["uri"] == json!(uri)
                    && match version {
                        Some(v) => p["version"] == json!(v),
                        None => true,
                    }
            },
            WAIT,
        );
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri, Some(1))
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// A request at a position in a document.
    fn at(&mut self, method: &str, uri: &str, position: Value) -> Value {
        self.result(
            method,
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
    }

    /// `shutdown` then `exit`, with stdin left open as editors do: the
    /// process must end by itself with status 0 and close stdout cleanly
    /// after nothing but protocol.
    fn shutdown_and_exit(mut self) {
        assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.expect_exit(0);
    }

    /// Waits for the process to end with `code` and for stdout to end
    /// cleanly, every byte before that having been a well-formed message.
    fn expect_exit(&mut self, code: i32) {
        let deadline = Instant::now() + WAIT;
        loop {
            match self
                .incoming
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(Incoming::Message(m)) => self.backlog.push_back(m),
                Ok(Incoming::Eof) => break,
                Ok(Incoming::Garbage(what)) => {
                    panic!(
                        "non-protocol output on stdout: {what}\nstderr:\n{}",
                        self.stderr()
                    )
                }
                Err(_) => panic!(
                    "stdout still open {WAIT:?} after exit\nstderr:\n{}",
                    self.stderr()
                ),
            }
        }
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for copydesk") {
                assert_eq!(
                    status.code(),
                    Some(code),
                    "exit status\nstderr:\n{}",
                    self.stderr()
                );
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server has not exited {WAIT:?} after `exit` (stdin still open)\nstderr:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server still answers: a documentSymbol request on a document
    /// never opened gets a (null) result, not an error and not silence.
    fn still_serving(&mut self) {
        let result = self.result(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": "file:///never/opened.txt"}}),
        );
        assert_eq!(result, Value::Null);
    }
}

/// What a typical editor says it can do.
fn client_capabilities() -> Value {
    json!({
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true, "codeDescriptionSupport": true},
            "completion": {"completionItem": {"labelDetailsSupport": true}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "rename": {"prepareSupport": true},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
        },
        "window": {"showMessage": {}},
    })
}

// ---------------------------------------------------------------------------
// Text helpers: UTF-16 positions computed independently of the server
// ---------------------------------------------------------------------------

/// The LSP position (UTF-16 columns, lines split at `\n`, `\r\n` or a lone
/// `\r`) of byte `offset` in `text`.
fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let mut line = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    let character = before[line_start..].encode_utf16().count();
    json!({"line": line, "character": character})
}

/// The range of the `n`th (0-based) occurrence of `needle` in `text`.
fn range_nth(text: &str, needle: &str, n: usize) -> Value {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1))
        .0;
    json!({"start": pos(text, start), "end": pos(text, start + needle.len())})
}

fn range_of(text: &str, needle: &str) -> Value {
    range_nth(text, needle, 0)
}

/// The byte offset of an LSP (UTF-16) position in `text`.
fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (
        position["line"].as_u64().unwrap() as usize,
        position["character"].as_u64().unwrap() as usize,
    );
    let mut start = 0;
    for _ in 0..line {
        let rest = &text[start..];
        let brk = rest.find(['\n', '\r']).expect("line exists");
        start += brk
            + if rest[brk..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with LSP text edits applied (non-overlapping, any order).
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// The text edits a `WorkspaceEdit` makes to `uri`, whether it uses
/// `changes` or `documentChanges`.
fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["textDocument"]["uri"] == json!(uri))
        .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

fn unattributed(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == json!("unattributed-quote"))
        .collect()
}

/// `body` framed with a correct `Content-Length` header, as raw bytes.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn insert_at(text: &str, at: usize, what: &str) -> Value {
    let p = pos(text, at);
    json!([{"range": {"start": p, "end": p}, "text": what}])
}

// ---------------------------------------------------------------------------
// 1. initialize
// ---------------------------------------------------------------------------

#[test]
fn initialize_advertises_every_feature_and_utf16_by_default() {
    let (server, result) = Server::start_with(json!({}), client_capabilities());
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{caps}");
    // incremental sync (2), as a number or inside options
    let sync = &caps["textDocumentSync"];
    assert!(
        sync == &json!(2) || (sync["change"] == json!(2) && sync["openClose"] == json!(true)),
        "{sync}"
    );
    for provider in [
        "hoverProvider",
        "documentSymbolProvider",
        "definitionProvider",
        "referencesProvider",
        "codeActionProvider",
        "inlayHintProvider",
    ] {
        let p = &caps[provider];
        assert!(
            p == &json!(true) || p.is_object(),
            "{provider} not advertised: {caps}"
        );
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true, "{caps}");
    assert!(caps["completionProvider"].is_object(), "{caps}");
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    server.shutdown_and_exit();
}

#[test]
fn optional_fields_go_only_to_clients_that_announce_them() {
    // A client that announces no prepareSupport and no codeDescriptionSupport
    // (eglot on Emacs 29 is one): RenameOptions are not allowed, and the
    // documentation link is left out.
    let (mut server, result) = Server::start_with(json!({}), json!({}));
    assert_eq!(result["capabilities"]["renameProvider"], true, "{result}");
    let diagnostics = server.open("file:///drafts/plain.txt", "plaintext", HARBOUR);
    assert_eq!(codes(&diagnostics), ["unattributed-quote"]);
    assert!(
        diagnostics[0].get("codeDescription").is_none(),
        "{diagnostics:?}"
    );
    server.shutdown_and_exit();
}

#[test]
fn position_encoding_is_utf8_only_when_the_client_offers_it() {
    let mut offered = client_capabilities();
    offered["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
    let (server, result) = Server::start_with(json!({}), offered);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    server.shutdown_and_exit();

    let mut utf16_only = client_capabilities();
    utf16_only["general"] = json!({"positionEncodings": ["utf-16"]});
    let (server, result) = Server::start_with(json!({}), utf16_only);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    server.shutdown_and_exit();
}

#[test]
fn the_lsp_subcommand_and_stdio_flag_serve_too() {
    for args in [&["lsp"][..], &["--stdio"][..]] {
        let mut server = Server::spawn_with(args);
        let result = server.result(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        server.notify("initialized", json!({}));
        server.shutdown_and_exit();
    }
}

// ---------------------------------------------------------------------------
// 2. diagnostics on open
// ---------------------------------------------------------------------------

#[test]
fn an_unattributed_quote_is_published_with_its_utf16_range() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    let diagnostics = server.open(uri, "plaintext", HARBOUR);
    assert_eq!(
        codes(&diagnostics),
        ["unattributed-quote"],
        "{diagnostics:?}"
    );
    let d = &diagnostics[0];
    // line 2; 53 UTF-16 units before the quote (62 bytes: “ ” — £ — are
    // multi-byte in UTF-8 but one unit each in UTF-16)
    assert_eq!(d["range"], range_of(HARBOUR, HARBOUR_QUOTE));
    assert_eq!(d["range"]["start"], json!({"line": 2, "character": 53}));
    assert_eq!(d["source"], "copydesk");
    assert_eq!(d["severity"], 2, "warning");
    let href = d["codeDescription"]["href"].as_str().unwrap_or_default();
    assert!(
        href.starts_with("http") && href.ends_with("#unattributed-quote"),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("The water is too shallow"),
        "{d}"
    );
    server.shutdown_and_exit();
}

#[test]
fn with_utf8_negotiated_columns_count_bytes() {
    let mut caps = client_capabilities();
    caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
    let (mut server, _) = Server::start_with(json!({}), caps);
    let uri = "file:///drafts/harbour-utf8.txt";
    let diagnostics = server.open(uri, "plaintext", HARBOUR);
    let start = HARBOUR.find(HARBOUR_QUOTE).unwrap() - HARBOUR.find("The “new”").unwrap();
    assert_eq!(start, 62);
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 2, "character": 62},
               "end": {"line": 2, "character": 62 + HARBOUR_QUOTE.len()}})
    );
    // an edit in UTF-8 columns: insert the attribution after the quote
    server.change(
        uri,
        2,
        json!([{"range": {"start": {"line": 2, "character": 62 + HARBOUR_QUOTE.len()},
                          "end": {"line": 2, "character": 62 + HARBOUR_QUOTE.len()}},
                "text": ", she said"}]),
    );
    let diagnostics = server.diagnostics(uri, Some(2));
    assert!(unattributed(&diagnostics).is_empty(), "{diagnostics:?}");
    server.shutdown_and_exit();
}

#[test]
fn markdown_code_blocks_are_not_checked() {
    let text = "# Ferry service resumes\n\nThe boats returned on Friday.\n\n\
```\necho “Nobody said this in a code block.”\n```\n\n“The timetable is a joke.”\n";
    let mut server = Server::start();
    let md = server.open("file:///drafts/ferry.md", "markdown", text);
    assert_eq!(codes(&md), ["unattributed-quote"], "{md:?}");
    assert_eq!(md[0]["range"], range_of(text, "“The timetable is a joke.”"));
    // the same text as plain text has no code block: both quotes count
    let plain = server.open("file:///drafts/ferry.txt", "plaintext", text);
    assert_eq!(unattributed(&plain).len(), 2, "{plain:?}");
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 3. incremental edits
// ---------------------------------------------------------------------------

#[test]
fn adding_an_attribution_clears_the_diagnostic() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(
        unattributed(&server.open(uri, "plaintext", HARBOUR)).len(),
        1
    );
    let after = HARBOUR.find(HARBOUR_QUOTE).unwrap() + HARBOUR_QUOTE.len();
    server.change(uri, 2, insert_at(HARBOUR, after, ", she said"));
    let diagnostics = server.diagnostics(uri, Some(2));
    assert!(unattributed(&diagnostics).is_empty(), "{diagnostics:?}");
    // and deleting it again brings the diagnostic back
    let fixed = HARBOUR.replace(HARBOUR_QUOTE, &format!("{HARBOUR_QUOTE}, she said"));
    let said = fixed.find(", she said").unwrap();
    server.change(
        uri,
        3,
        json!([{"range": {"start": pos(&fixed, said), "end": pos(&fixed, said + 10)}, "text": ""}]),
    );
    let diagnostics = server.diagnostics(uri, Some(3));
    assert_eq!(unattributed(&diagnostics).len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["range"], range_of(HARBOUR, HARBOUR_QUOTE));
    server.shutdown_and_exit();
}

#[test]
fn edits_after_an_emoji_land_where_utf16_says() {
    // each 🎉 is two UTF-16 units: a server counting characters would put
    // the insertion two letters further on ("“We woreally n …”")
    let text = "Fans cheered.\n\n🎉🎉 “We won the cup.”\n";
    let mut server = Server::start();
    let uri = "file:///drafts/cup.txt";
    let before = server.open(uri, "plaintext", text);
    assert_eq!(before[0]["range"], range_of(text, "“We won the cup.”"));
    assert_eq!(before[0]["range"]["start"]["character"], 5);
    let at = text.find("We ").unwrap() + 3;
    assert_eq!(
        pos(text, at),
        json!({"line": 2, "character": 9}),
        "7 characters"
    );
    server.change(uri, 2, insert_at(text, at, "really "));
    let edited = text.replace("We won", "We really won");
    let after = server.diagnostics(uri, Some(2));
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(
        after[0]["range"],
        range_of(&edited, "“We really won the cup.”")
    );
    assert!(
        after[0]["message"]
            .as_str()
            .unwrap()
            .contains("“We really won the cup.”"),
        "{after:?}"
    );
    // range ends inside a surrogate pair snap to the pair's start:
    // deleting [1, 3) removes exactly the first 🎉, never half of one
    server.change(
        uri,
        3,
        json!([{"range": {"start": {"line": 2, "character": 1}, "end": {"line": 2, "character": 3}}, "text": ""}]),
    );
    let after = server.diagnostics(uri, Some(3));
    let edited = edited.replacen("🎉🎉", "🎉", 1);
    assert_eq!(
        after[0]["range"],
        range_of(&edited, "“We really won the cup.”")
    );
    server.shutdown_and_exit();
}

#[test]
fn crlf_documents_count_lines_and_take_edits() {
    let text = "Mill closes\r\n\r\nThe mill shut on Friday.\r\n\r\n“It was our whole life.”\r\nThe site will be sold.\r\n";
    let quote = "“It was our whole life.”";
    let mut server = Server::start();
    let uri = "file:///drafts/mill.txt";
    let d = server.open(uri, "plaintext", text);
    assert_eq!(codes(&d), ["unattributed-quote"], "{d:?}");
    assert_eq!(
        d[0]["range"],
        json!({"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 24}})
    );
    let after = text.find(quote).unwrap() + quote.len();
    server.change(uri, 2, insert_at(text, after, ", a worker said"));
    let d = server.diagnostics(uri, Some(2));
    assert!(unattributed(&d).is_empty(), "{d:?}");
    // a full-text replacement (no range) is incremental sync's other form
    server.change(uri, 3, json!([{"text": text.replace("\r\n", "\n")}]));
    let d = server.diagnostics(uri, Some(3));
    assert_eq!(d[0]["range"]["start"], json!({"line": 4, "character": 0}));
    server.shutdown_and_exit();
}

#[test]
fn a_burst_of_keystrokes_ends_where_a_fresh_open_does() {
    let mut server = Server::start();
    let uri = "file:///drafts/typed.txt";
    server.open(uri, "plaintext", HARBOUR);
    let mut text = HARBOUR.to_owned();
    let mut version = 1;
    // type an attribution after the quote, then a new paragraph with a
    // quote nobody says, one character per didChange, no waiting
    let mut at = HARBOUR.find(HARBOUR_QUOTE).unwrap() + HARBOUR_QUOTE.len();
    for typed in [
        ", she said",
        "\n\nThe ferry timetable was cut in March. “Nobody was told.”",
    ] {
        for c in typed.chars() {
            version += 1;
            server.change(uri, version, insert_at(&text, at, &c.to_string()));
            text.insert(at, c);
            at += c.len_utf8();
        }
        at = text.len() - 1;
    }
    // and a backspace
    version += 1;
    let last = text.find("timetable").unwrap() + 7;
    server.change(
        uri,
        version,
        json!([{"range": {"start": pos(&text, last), "end": pos(&text, last + 1)}, "text": ""}]),
    );
    text.remove(last);
    let typed = server.diagnostics(uri, Some(version));
    let fresh = server.open("file:///drafts/fresh.txt", "plaintext", &text);
    assert_eq!(typed, fresh, "{text}");
    assert_eq!(unattributed(&fresh).len(), 1, "{fresh:?}");
    assert_eq!(fresh[0]["range"], range_of(&text, "“Nobody was told.”"));
    server.shutdown_and_exit();
}

#[test]
fn several_changes_in_one_notification_apply_in_order() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    server.open(uri, "plaintext", HARBOUR);
    let after = HARBOUR.find(HARBOUR_QUOTE).unwrap() + HARBOUR_QUOTE.len();
    // "she" then " said" typed after it: the second range is in the text
    // the first change produced
    let she = format!("{}, she{}", &HARBOUR[..after], &HARBOUR[after..]);
    let mut changes = insert_at(HARBOUR, after, ", she");
    changes.as_array_mut().unwrap().extend(
        insert_at(&she, after + 5, " said")
            .as_array()
            .unwrap()
            .clone(),
    );
    server.change(uri, 2, changes);
    let d = server.diagnostics(uri, Some(2));
    assert!(unattributed(&d).is_empty(), "{d:?}");
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 4. stale versions
// ---------------------------------------------------------------------------

#[test]
fn stale_and_out_of_order_versions_are_ignored() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    server.open(uri, "plaintext", HARBOUR);
    let end = HARBOUR.len();
    // version 3 fixes the quote...
    let after = HARBOUR.find(HARBOUR_QUOTE).unwrap() + HARBOUR_QUOTE.len();
    server.change(uri, 3, insert_at(HARBOUR, after, ", she said"));
    let fixed = HARBOUR.replace(HARBOUR_QUOTE, &format!("{HARBOUR_QUOTE}, she said"));
    assert!(unattributed(&server.diagnostics(uri, Some(3))).is_empty());
    // ...then a late version 2 and a repeated version 3 would each add a
    // new unattributed quote at the end: both must be dropped
    server.change(uri, 2, insert_at(HARBOUR, end, "\n“Version two.”\n"));
    server.change(
        uri,
        3,
        insert_at(HARBOUR, end, "\n“Version three again.”\n"),
    );
    // version 4 is applied to the version-3 text
    server.change(
        uri,
        4,
        insert_at(&fixed, fixed.len(), "\nThe ferry left at noon.\n"),
    );
    let d = server.diagnostics(uri, Some(4));
    assert!(
        unattributed(&d).is_empty(),
        "a stale edit was applied: {d:?}"
    );
    // and no publication ever carried version 2
    let v2 = server.try_notification(
        "textDocument/publishDiagnostics",
        |p| p["version"] == json!(2),
        Duration::from_millis(0),
    );
    assert!(v2.is_none(), "{v2:?}");
    server.shutdown_and_exit();
}

#[test]
fn changes_to_a_document_never_opened_are_ignored() {
    let mut server = Server::start();
    server.change(
        "file:///never/opened.txt",
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "“Hello.”"}]),
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///never/closed.txt"}}),
    );
    server.still_serving();
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 5. close
// ---------------------------------------------------------------------------

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(server.open(uri, "plaintext", HARBOUR).len(), 1);
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = server.diagnostics(uri, None);
    assert!(d.is_empty(), "{d:?}");
    // closed means forgotten: requests about it get nothing
    let hover = server.at(
        "textDocument/hover",
        uri,
        json!({"line": 2, "character": 60}),
    );
    assert_eq!(hover, Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn a_reopened_document_is_never_shown_the_old_texts_findings() {
    // editors number versions from 1 again when a file is reopened: the
    // analysis of a slow old text with the same version number must not be
    // taken for the new one
    let paragraph = "Anna Berg, a baker in Felbury, said flour prices had doubled. “We cannot keep up,” Ms Berg said.\n\n";
    let mut old = String::from("Prices soar\n\n");
    while old.len() < 500_000 {
        old.push_str(paragraph);
    }
    old.push_str("The market closed early. “Old text.”\n");
    let mut server = Server::start();
    // how long this server takes to check the old text
    let started = Instant::now();
    server.open("file:///drafts/timing.txt", "plaintext", &old);
    let check = started.elapsed();
    let uri = "file:///drafts/reopened.txt";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": old}}),
    );
    // once the open is handled (the answer to a later request shows it),
    // let the check of the old text start, then close and reopen while it
    // runs
    server.still_serving();
    thread::sleep((check / 4).min(Duration::from_millis(20)));
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let new = server.open(uri, "plaintext", LIBRARY);
    assert_eq!(codes(&new), ["unattributed-quote"], "{new:?}");
    // give the old check time to finish, then look again
    let late = server.try_notification(
        "textDocument/publishDiagnostics",
        |p| p["uri"] == json!(uri) && p["diagnostics"].to_string().contains("Old text"),
        check * 2 + Duration::from_millis(200),
    );
    assert!(
        late.is_none(),
        "the old text's findings were published for the new one"
    );
    let symbols = server.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        !symbols.to_string().contains("Anna Berg"),
        "answers about the old text"
    );
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 6. settings
// ---------------------------------------------------------------------------

#[test]
fn a_rule_switched_off_by_configuration_disappears() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(server.open(uri, "plaintext", HARBOUR).len(), 1);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"debounceMs": 0, "severity": {"unattributed-quote": "off"}}}}),
    );
    let d = server.diagnostics(uri, None);
    assert!(unattributed(&d).is_empty(), "{d:?}");
    // and a new edit is checked with the new settings too
    server.change(
        uri,
        2,
        insert_at(HARBOUR, HARBOUR.len(), "“Another one.”\n"),
    );
    assert!(unattributed(&server.diagnostics(uri, Some(2))).is_empty());
    // switched back on as an error
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"debounceMs": 0, "severity": {"unattributed-quote": "error"}}}}),
    );
    let d = server.diagnostics(uri, None);
    assert_eq!(unattributed(&d).len(), 2, "{d:?}");
    assert!(d.iter().all(|d| d["severity"] == 1), "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn initialization_options_set_severity() {
    let (mut server, _) = Server::start_with(
        json!({"severity": {"unattributed-quote": "hint"}}),
        client_capabilities(),
    );
    let d = server.open("file:///drafts/harbour.txt", "plaintext", HARBOUR);
    assert_eq!(codes(&d), ["unattributed-quote"]);
    assert_eq!(d[0]["severity"], 4, "hint");
    server.shutdown_and_exit();
}

#[test]
fn pull_model_clients_are_asked_for_their_configuration() {
    let mut caps = client_capabilities();
    caps["workspace"] =
        json!({"configuration": true, "didChangeConfiguration": {"dynamicRegistration": false}});
    let (mut server, _) = Server::start_with(json!({}), caps);
    server.configuration =
        Some(json!({"debounceMs": 0, "severity": {"unattributed-quote": "off"}}));
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(server.open(uri, "plaintext", HARBOUR).len(), 1);
    // VS Code style: the notification carries nothing; the server pulls
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let d = server.diagnostics(uri, None);
    assert!(unattributed(&d).is_empty(), "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn a_bad_setting_value_is_reported_and_the_server_keeps_working() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(server.open(uri, "plaintext", HARBOUR).len(), 1);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"debounceMs": 0, "severity": {"unattributed-quote": "loud", "no-such-rule": "off"}}}}),
    );
    let message = server.wait_for_notification("window/showMessage", |p| p["type"] == 2, WAIT);
    let text = message["message"].as_str().unwrap();
    assert!(
        text.contains("loud") && text.contains("no-such-rule"),
        "{text}"
    );
    // the bad level is skipped: the rule keeps its default
    let d = server.diagnostics(uri, None);
    assert_eq!(unattributed(&d).len(), 1, "{d:?}");
    server.change(uri, 2, insert_at(HARBOUR, 0, "Update: "));
    assert_eq!(unattributed(&server.diagnostics(uri, Some(2))).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn a_setting_of_the_wrong_type_is_reported_and_the_server_keeps_working() {
    // a client that pushes settings and does not offer
    // workspace/configuration: the mistake must reach the user
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(server.open(uri, "plaintext", HARBOUR).len(), 1);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"debounceMs": "soon", "severity": ["off"]}}}),
    );
    let message = server.wait_for_notification(
        "window/showMessage",
        |p| p["type"] == 1 || p["type"] == 2,
        Duration::from_secs(3),
    );
    assert!(
        message["message"].as_str().unwrap().contains("copydesk"),
        "{message}"
    );
    server.change(uri, 2, insert_at(HARBOUR, 0, "Update: "));
    assert_eq!(unattributed(&server.diagnostics(uri, Some(2))).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn an_unknown_rule_in_initialization_options_is_reported() {
    let (mut server, _) = Server::start_with(
        json!({"severity": {"unattributed-quotes": "off"}}),
        client_capabilities(),
    );
    let message = server.wait_for_notification(
        "window/showMessage",
        |p| p["type"] == 2,
        Duration::from_secs(3),
    );
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .contains("unattributed-quotes"),
        "{message}"
    );
    // the misspelt rule switched nothing off
    let d = server.open("file:///drafts/harbour.txt", "plaintext", HARBOUR);
    assert_eq!(unattributed(&d).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn settings_pushed_while_the_first_check_runs_win() {
    // The check of the opened draft is queued under the old settings when
    // the new ones arrive: its analysis must not be reused for the re-check.
    let (mut server, _) = Server::start_with(json!({"debounceMs": 0}), client_capabilities());
    let uri = "file:///drafts/harbour.txt";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": HARBOUR}}),
    );
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"severity": {"unattributed-quote": "error"}}}}),
    );
    server.wait_for_notification(
        "textDocument/publishDiagnostics",
        |p| {
            p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == 1 && d[0]["severity"] == 1)
        },
        Duration::from_secs(5),
    );
    server.shutdown_and_exit();
}

#[test]
fn bare_settings_pushed_without_a_section_are_applied() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    assert_eq!(server.open(uri, "plaintext", HARBOUR).len(), 1);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"severity": {"unattributed-quote": "off"}}}),
    );
    server.change(uri, 2, insert_at(HARBOUR, 0, "Update: "));
    assert!(unattributed(&server.diagnostics(uri, Some(2))).is_empty());
    server.shutdown_and_exit();
}

#[test]
fn initialization_options_of_the_wrong_type_are_reported() {
    let (mut server, _) =
        Server::start_with(json!({"inlayHints": "yes please"}), client_capabilities());
    let message = server.try_notification(
        "window/showMessage",
        |p| p["type"] == 1 || p["type"] == 2,
        Duration::from_secs(3),
    );
    let logged = server.try_notification(
        "window/logMessage",
        |p| p["message"].to_string().contains("copydesk"),
        Duration::from_millis(0),
    );
    assert!(
        message.is_some() || logged.is_some(),
        "the user is never told"
    );
    let d = server.open("file:///drafts/harbour.txt", "plaintext", HARBOUR);
    assert_eq!(unattributed(&d).len(), 1);
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 7. robustness: bad input over stdio
// ---------------------------------------------------------------------------

/// After a framing or JSON error the server may answer with an error whose
/// id is null (Parse error or Invalid Request) or say nothing; either way
/// it must answer the next good request.
fn error_with_null_id_if_any(server: &mut Server) {
    let error = server
        .backlog
        .iter()
        .position(|m| m.get("method").is_none() && m["id"].is_null() && m.get("error").is_some());
    if let Some(i) = error {
        let code = server.backlog.remove(i).unwrap()["error"]["code"].clone();
        assert!(code == -32700 || code == -32600, "{code}");
    }
}

#[test]

fn malformed_json_is_answered_and_the_server_keeps_serving() {
    let mut server = Server::start();
    server.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 40, \"method\": "));
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // JSON, but not a JSON-RPC message
    server.send_raw(&frame("[1, 2, 3]"));
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // not UTF-8
    server.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc");
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    server.shutdown_and_exit();
}

#[test]

fn a_wrong_content_length_loses_at_most_the_next_message() {
    let mut server = Server::start();
    // too long: the body swallows the start of the next message, which the
    // server may lose (copydesk resynchronises and keeps it); the one after
    // that must be answered
    let body = json!({"jsonrpc": "2.0", "method": "$/noSuchNotification"}).to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len() + 10).into_bytes();
    let lost = json!({"jsonrpc": "2.0", "id": 1000, "method": "copydesk/noSuchMethod"}).to_string();
    bytes.extend(frame(&lost));
    server.send_raw(&bytes);
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // too short: the rest of the body is garbage before the next header
    let body =
        json!({"jsonrpc": "2.0", "method": "$/noSuchNotification", "params": {}}).to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len() - 5).into_bytes();
    bytes.extend(b"\r\n");
    server.send_raw(&bytes);
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // no Content-Length at all
    server.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn unknown_methods_and_bad_params_get_errors() {
    let mut server = Server::start();
    let r = server.request("copydesk/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    server.still_serving();
    // unknown notifications (with or without `$/`) are ignored silently
    server.notify("$/noSuchNotification", json!({}));
    server.notify("copydesk/noSuchNotification", json!({}));
    server.still_serving();
    for (method, params) in [
        ("textDocument/hover", json!({"textDocument": 5})),
        ("textDocument/hover", json!("not an object")),
        (
            "textDocument/definition",
            json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": -1, "character": 0}}),
        ),
        ("textDocument/documentSymbol", json!({})),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": "file:///a.txt"}}),
        ),
    ] {
        let r = server.request(method, params.clone());
        assert_eq!(r["error"]["code"], -32602, "{method} {params}: {r}");
        server.still_serving();
    }
    // a notification with bad params is dropped, not fatal
    server.notify("textDocument/didOpen", json!({"textDocument": "nope"}));
    server.notify("textDocument/didChange", json!({"contentChanges": 7}));
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn requests_about_documents_never_opened_get_null() {
    let mut server = Server::start();
    let uri = "file:///never/opened.md";
    let p = json!({"line": 0, "character": 0});
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/documentHighlight",
        "textDocument/prepareRename",
        "textDocument/completion",
    ] {
        let mut params = json!({"textDocument": {"uri": uri}, "position": p});
        if method == "textDocument/references" {
            params["context"] = json!({"includeDeclaration": true});
        }
        assert_eq!(server.result(method, params), Value::Null, "{method}");
    }
    let rename = json!({"textDocument": {"uri": uri}, "position": p, "newName": "Smith"});
    assert_eq!(server.result("textDocument/rename", rename), Value::Null);
    let range = json!({"start": p, "end": p});
    let action =
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}});
    assert_eq!(
        server.result("textDocument/codeAction", action),
        Value::Null
    );
    let hints = json!({"textDocument": {"uri": uri}, "range": range});
    assert_eq!(server.result("textDocument/inlayHint", hints), Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn positions_past_the_end_get_null_not_a_crash() {
    let mut server = Server::start();
    let uri = "file:///drafts/library.txt";
    server.open(uri, "plaintext", LIBRARY);
    for position in [
        json!({"line": 9999, "character": 0}),
        json!({"line": 0, "character": 9999}),
        json!({"line": 4_000_000_000u32, "character": 4_000_000_000u32}),
    ] {
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/documentHighlight",
            "textDocument/prepareRename",
        ] {
            assert_eq!(
                server.at(method, uri, position.clone()),
                Value::Null,
                "{method} {position}"
            );
        }
        let refs = server.result(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": position, "context": {"includeDeclaration": true}}),
        );
        assert!(refs.is_null() || refs == json!([]), "{refs}");
        let range = json!({"start": position, "end": {"line": 99999, "character": 1}});
        let hints = server.result(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        );
        assert!(hints.is_null() || hints.is_array(), "{hints}");
    }
    // an edit past the end appends (clamped), and diagnostics follow it
    server.change(
        uri,
        2,
        json!([{"range": {"start": {"line": 9999, "character": 5}, "end": {"line": 9999, "character": 9}},
                "text": "\n“A late quote.”\n"}]),
    );
    let d = server.diagnostics(uri, Some(2));
    assert_eq!(unattributed(&d).len(), 2, "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn a_two_megabyte_draft_opens_and_is_checked() {
    let paragraph = "Anna Berg, a baker in Felbury, said flour prices had doubled. “We cannot keep up,” Ms Berg said. The council will meet on Tuesday to discuss the market stalls and the parking charges.\n\n";
    let mut text = String::from("Prices soar in Felbury\n\n");
    while text.len() < 2_000_000 {
        text.push_str(paragraph);
    }
    text.push_str("The market closed early on Friday. “Nobody will say this.”\n");
    let lines = text.matches('\n').count();
    let mut server = Server::start();
    let uri = "file:///drafts/big.txt";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let d = server.diagnostics(uri, Some(1));
    let last = unattributed(&d);
    assert_eq!(last.len(), 1, "{:?}", &d[..d.len().min(3)]);
    assert_eq!(
        last[0]["range"],
        json!({"start": {"line": lines - 1, "character": 35}, "end": {"line": lines - 1, "character": 58}})
    );
    // a keystroke at the end is still handled
    let end = pos(&text, text.len());
    server.change(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "x"}]),
    );
    server.diagnostics(uri, Some(2));
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn binary_looking_text_opens_fine() {
    // NUL bytes, control characters, a lone \r (a line break in LSP), a
    // BOM, a private-use character and replacement characters
    let text = "\u{feff}Bin\u{0}ary\u{1}\u{7}\u{1b}[0m\u{fffd}\u{fffd}\rline one\u{0}\u{0}\u{e000}\n“A quote\u{0} with a NUL.”\r";
    let mut server = Server::start();
    let uri = "file:///drafts/binary.txt";
    let d = server.open(uri, "plaintext", text);
    for diagnostic in &d {
        assert!(diagnostic["range"]["start"]["line"].as_u64().unwrap() <= 2);
    }
    let quote = unattributed(&d);
    assert_eq!(quote.len(), 1, "{d:?}");
    assert_eq!(
        quote[0]["range"],
        range_of(text, "“A quote\u{0} with a NUL.”")
    );
    server.change(uri, 2, insert_at(text, 3, "\u{0}\r\r"));
    server.diagnostics(uri, Some(2));
    // and as Markdown
    server.open("file:///drafts/binary.md", "markdown", text);
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn even_trace_logging_leaves_stdout_to_the_protocol() {
    let mut server = Server::spawn_logging(&[], "trace");
    server.result(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": client_capabilities(),
               "initializationOptions": {"debounceMs": 0}}),
    );
    server.notify("initialized", json!({}));
    let uri = "file:///drafts/library.txt";
    server.open(uri, "plaintext", LIBRARY);
    server.change(uri, 2, insert_at(LIBRARY, 0, "Update: "));
    server.diagnostics(uri, Some(2));
    server.at(
        "textDocument/hover",
        uri,
        json!({"line": 2, "character": 3}),
    );
    server.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    server.shutdown_and_exit();
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut server = Server::spawn();
    let r = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32002, "ServerNotInitialized: {r}");
    let r = server.result(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(r["capabilities"].is_object());
    // a second initialize is an error
    let r = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(r.get("error").is_some(), "{r}");
    server.notify("initialized", json!({}));
    server.shutdown_and_exit();
}

#[test]
fn requests_after_shutdown_are_invalid_and_exit_ends_the_process() {
    let mut server = Server::start();
    server.open("file:///drafts/harbour.txt", "plaintext", HARBOUR);
    assert_eq!(server.result("shutdown", Value::Null), Value::Null);
    let r = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///drafts/harbour.txt"}, "position": {"line": 2, "character": 60}}),
    );
    assert_eq!(r["error"]["code"], -32600, "InvalidRequest: {r}");
    let r = server.request("shutdown", Value::Null);
    assert_eq!(r["error"]["code"], -32600, "InvalidRequest: {r}");
    server.notify("exit", Value::Null);
    server.expect_exit(0);
}

#[test]
fn exit_without_shutdown_ends_the_process_with_status_1() {
    let mut server = Server::start();
    server.notify("exit", Value::Null);
    server.expect_exit(1);
}

#[test]
fn closing_stdin_ends_the_process() {
    let mut server = Server::start();
    server.stdin = None;
    let deadline = Instant::now() + WAIT;
    while server.child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "still running after stdin closed"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

// ---------------------------------------------------------------------------
// 8. features (issue 4, items 4–9)
// ---------------------------------------------------------------------------

/// A server with [`LIBRARY`] open; returns its uri.
fn library() -> (Server, &'static str) {
    let mut server = Server::start();
    let uri = "file:///drafts/library.txt";
    let d = server.open(uri, "plaintext", LIBRARY);
    assert_eq!(codes(&d), ["unattributed-quote"], "{d:?}");
    (server, uri)
}

#[test]
fn hover_on_a_mention_names_the_person() {
    let (mut server, uri) = library();
    // on "Okafor" in the last "Ms Okafor"
    let at = range_nth(LIBRARY, "Okafor", 3)["start"].clone();
    let hover = server.at("textDocument/hover", uri, at);
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Jane Okafor"), "{value}");
    // on a quotation: its speaker
    let at = range_of(LIBRARY, "cannot afford")["start"].clone();
    let hover = server.at("textDocument/hover", uri, at);
    assert!(hover.to_string().contains("Jane Okafor"), "{hover}");
    // on plain words: nothing
    let at = range_of(LIBRARY, "branch")["start"].clone();
    assert_eq!(server.at("textDocument/hover", uri, at), Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn the_outline_lists_speakers_with_their_quotes() {
    let (mut server, uri) = library();
    let symbols = server.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().expect("a list of symbols");
    let named = |s: &Value, what: &str| s["name"].as_str().unwrap_or("").contains(what);
    let jane = symbols
        .iter()
        .find(|s| named(s, "Jane Okafor"))
        .unwrap_or_else(|| panic!("no speaker symbol: {symbols:?}"));
    let quotes = jane["children"].as_array().expect("quotes as children");
    assert!(
        quotes.iter().any(|q| named(q, "We cannot afford")),
        "{jane}"
    );
    let heating = quotes
        .iter()
        .find(|q| named(q, "We cannot afford"))
        .unwrap();
    assert_eq!(
        heating["selectionRange"]["start"]["line"],
        range_of(LIBRARY, "“We cannot")["start"]["line"]
    );
    let unattributed = symbols
        .iter()
        .find(|s| named(s, "Unattributed"))
        .unwrap_or_else(|| panic!("no Unattributed group: {symbols:?}"));
    assert!(unattributed.to_string().contains("Nobody asked us"));
    // named but never quoted
    assert!(
        symbols.iter().any(|s| s.to_string().contains("Tom Reddy")),
        "{symbols:?}"
    );
    server.shutdown_and_exit();
}

#[test]
fn definition_goes_to_the_full_name() {
    let (mut server, uri) = library();
    let at = range_nth(LIBRARY, "Okafor", 2)["start"].clone();
    let def = server.at("textDocument/definition", uri, at);
    let location = if def.is_array() { def[0].clone() } else { def };
    let target = location
        .get("targetUri")
        .map_or_else(|| location["uri"].clone(), Value::clone);
    assert_eq!(target, uri);
    let range = location
        .get("targetSelectionRange")
        .unwrap_or(&location["range"])
        .clone();
    assert_eq!(range, range_of(LIBRARY, "Jane Okafor"), "{location}");
    server.shutdown_and_exit();
}

#[test]
fn references_find_every_mention_outside_quotes() {
    let (mut server, uri) = library();
    let at = range_of(LIBRARY, "Jane")["start"].clone();
    let refs = server.result(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": at, "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().expect("locations");
    assert_eq!(refs.len(), 4, "{refs:?}");
    assert!(refs.iter().all(|r| r["uri"] == uri));
    let highlights = server.at("textDocument/documentHighlight", uri, at_okafor(1));
    assert_eq!(highlights.as_array().map(Vec::len), Some(4), "{highlights}");
    server.shutdown_and_exit();
}

fn at_okafor(n: usize) -> Value {
    range_nth(LIBRARY, "Okafor", n)["start"].clone()
}

#[test]
fn rename_changes_every_form_of_the_name() {
    let (mut server, uri) = library();
    let prepared = server.at("textDocument/prepareRename", uri, at_okafor(1));
    assert!(!prepared.is_null(), "prepareRename on a surname");
    let edit = server.result(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": at_okafor(1), "newName": "Okoro"}),
    );
    let edits = edits_for(&edit, uri);
    assert_eq!(
        apply_edits(LIBRARY, &edits),
        LIBRARY.replace("Okafor", "Okoro")
    );
    // plain words cannot be renamed
    let at = range_of(LIBRARY, "branch")["start"].clone();
    assert_eq!(
        server.at("textDocument/prepareRename", uri, at),
        Value::Null
    );
    server.shutdown_and_exit();
}

#[test]
fn code_actions_fix_or_ignore_a_diagnostic() {
    let mut server = Server::start();
    let uri = "file:///drafts/harbour.txt";
    let diagnostics = server.open(uri, "plaintext", HARBOUR);
    let range = diagnostics[0]["range"].clone();
    let actions = server.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range,
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["edit"].is_object()
                && !a["title"]
                    .as_str()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("ignore")
        })
        .unwrap_or_else(|| panic!("no quick fix: {actions:?}"));
    let fixed = apply_edits(HARBOUR, &edits_for(&fix["edit"], uri));
    // the quotation stays (its closing full stop may become a comma) and
    // a `said` clause follows it on its line
    let quote = fixed
        .find("“The water is too shallow for the ferries")
        .expect("the quote is kept");
    let line = fixed[quote..].lines().next().unwrap();
    let close = line.find('”').expect("closing mark");
    assert!(line[close..].contains(" said"), "{fixed}");
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("Ignore"))
        .unwrap_or_else(|| panic!("no Ignore action: {actions:?}"));
    let ignored = apply_edits(HARBOUR, &edits_for(&ignore["edit"], uri));
    assert!(ignored.contains("copydesk"), "{ignored}");
    // and the ignore comment does silence the rule
    server.change(uri, 2, json!([{"text": ignored}]));
    assert!(unattributed(&server.diagnostics(uri, Some(2))).is_empty());
    server.shutdown_and_exit();
}

#[test]
fn completion_after_a_title_offers_the_surname() {
    let (mut server, uri) = library();
    let end = pos(LIBRARY, LIBRARY.len());
    server.change(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "\nLater Ms "}]),
    );
    let typed = format!("{LIBRARY}\nLater Ms ");
    server.diagnostics(uri, Some(2));
    let at = pos(&typed, typed.len());
    let completion = server.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": at,
               "context": {"triggerKind": 2, "triggerCharacter": " "}}),
    );
    let items = completion
        .get("items")
        .unwrap_or(&completion)
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        items.iter().any(|i| i.to_string().contains("Okafor")),
        "{completion}"
    );
    // this client announced label details: the note goes there
    assert!(items
        .iter()
        .all(|i| i["labelDetails"]["description"].is_string()));
    server.shutdown_and_exit();
}

#[test]
fn completion_for_a_client_without_label_details_keeps_the_note_in_detail() {
    let (mut server, _) = Server::start_with(json!({}), json!({}));
    let uri = "file:///drafts/library.txt";
    server.open(uri, "plaintext", LIBRARY);
    let typed = format!("{LIBRARY}\nLater Ms ");
    server.change(uri, 2, json!([{"text": typed}]));
    server.diagnostics(uri, Some(2));
    let completion = server.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(&typed, typed.len())}),
    );
    let items = completion
        .get("items")
        .unwrap_or(&completion)
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!items.is_empty(), "{completion}");
    for item in &items {
        assert!(item.get("labelDetails").is_none(), "{item}");
        assert!(
            item["detail"].as_str().unwrap_or("").contains('('),
            "{item}"
        );
    }
    server.shutdown_and_exit();
}

#[test]
fn inlay_hints_are_off_by_default() {
    let (mut server, uri) = library();
    let hints = server.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": pos(LIBRARY, LIBRARY.len())}}),
    );
    assert!(hints.is_null() || hints == json!([]), "{hints}");
    server.shutdown_and_exit();
}

#[test]
fn inlay_hints_name_the_speaker_of_a_pronoun_attributed_quote() {
    let text = "Pool reopens\n\nMaria Lindqvist, the pool manager, welcomed swimmers back on Monday. “The water is warm at last,” she said.\n";
    let (mut server, _) = Server::start_with(json!({"inlayHints": true}), client_capabilities());
    let uri = "file:///drafts/pool.txt";
    server.open(uri, "plaintext", text);
    let hints = server.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": pos(text, text.len())}}),
    );
    let hints = hints.as_array().expect("hints");
    assert!(
        hints
            .iter()
            .any(|h| h["label"].to_string().contains("Maria Lindqvist")),
        "{hints:?}"
    );
    server.shutdown_and_exit();
}
