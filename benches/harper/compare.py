#!/usr/bin/env python3
"""Drive two language servers over stdio with one LSP client and compare
what a draft costs them: first diagnostics, keystroke -> diagnostics, memory.

Standard library only. `run.sh` beside this file installs harper-ls, builds
copydesk, writes the drafts and calls this script; it can also be run alone:

    python3 compare.py \
        --server 'copydesk=/path/to/copydesk lsp' \
        --server 'harper-ls=/path/to/harper-ls --stdio' \
        --draft /path/to/2k_words.txt --draft examples/harbour-closure.txt

For every server and draft a fresh server process is started and sent the
same messages:

1. `initialize` (client capabilities: `workspace.configuration`,
   `publishDiagnostics.versionSupport`, UTF-16 positions), then
   `initialized`; the client then waits until the server has been quiet for
   `--settle` seconds, answering its requests meanwhile (harper-ls asks for
   `workspace/configuration` and registers a file watcher here).
   Settings: copydesk gets `initializationOptions {"debounceMs": 0}`;
   harper-ls reads no initializationOptions but pulls its settings with
   `workspace/configuration`, answered with
   `{"harper-ls": {"diagnosticDelayMs": 0}}` (its only delay setting; 0 is
   also its default, so it has no debounce that cannot be turned off).
2. `didOpen` with `--language-id` (default `plaintext`, which both servers
   accept; `markdown` is the other one they share). First diagnostics = time
   from writing `didOpen` to the first `publishDiagnostics` for the document.
3. Keystrokes: one character at a time typed into the middle of the draft
   (a line in the middle of the text, after a space near its middle),
   `--warmup` unmeasured then `--edits` measured. Each `didChange` is sent
   as an incremental range edit if the server advertises
   `TextDocumentSyncKind.Incremental` (copydesk), else with the full text
   (harper-ls 3.0 advertises Full). The next edit is sent only once the
   previous one's diagnostics arrived, so edits never queue up.
   Matching: the time is taken to the first `publishDiagnostics` for the
   document that arrives after the edit was written and either carries that
   edit's version or carries no version at all (harper-ls never sends one:
   it publishes once per `didChange`, unversioned). A publish that carries a
   different version is counted as `stale` and not matched; publishes that
   arrive when nothing is waiting for them (duplicates) are counted as
   `extra`. Both counts are printed, so a server that publishes twice per
   edit, or not at all for some edits, shows up rather than being hidden.
4. Peak RSS: `VmHWM` from `/proc/<pid>/status` after the last keystroke,
   then `shutdown` / `exit`.

Timestamps are taken with `time.perf_counter()` right before the message is
written (after it is serialised) and in the reader thread as soon as a whole
message has been read, so the client's own JSON work on the reply is
included (small next to the servers' times). p99 is nearest-rank.
"""

import argparse
import json
import math
import os
import platform
import queue
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

# What gets typed, one character per edit: words and spaces, so that a
# spell checker sees half-typed words as a writer would produce them.
TYPED = "and the council said more than ever before "

# Per-server settings: initializationOptions and the answer to
# workspace/configuration. Keyed by the name given with --server.
SETTINGS = {
    "copydesk": {
        "initializationOptions": {"debounceMs": 0},
        "configuration": {"debounceMs": 0},
    },
    "harper-ls": {
        "initializationOptions": None,
        "configuration": {"harper-ls": {"diagnosticDelayMs": 0}},
    },
}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class Server:
    """One language server process and a thread reading what it sends."""

    def __init__(self, name, command, cwd, env, stderr_path, configuration):
        self.name = name
        self.configuration = configuration
        self.stderr = open(stderr_path, "wb")
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            cwd=cwd,
            env=env,
        )
        self.write_lock = threading.Lock()
        self.next_id = 1
        self.responses = {}
        self.responses_cv = threading.Condition()
        self.notifications = queue.Queue()  # (time, method, params)
        self.server_requests = []  # methods the server asked of us
        self.last_message = time.perf_counter()
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- wire -----------------------------------------------------------------

    def _write(self, message):
        """Serialises, then stamps and writes; returns the stamp."""
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        frame = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self.write_lock:
            stamp = time.perf_counter()
            self.proc.stdin.write(frame)
            self.proc.stdin.flush()
        return stamp

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        raise EOFError
                    line = line.strip()
                    if not line:
                        break
                    key, _, value = line.partition(b":")
                    if key.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                body = out.read(length)
                if len(body) < length:
                    raise EOFError
                stamp = time.perf_counter()
                self.last_message = stamp
                self._dispatch(stamp, json.loads(body))
        except (EOFError, ValueError, OSError):
            pass
        finally:
            self.closed = True
            with self.responses_cv:
                self.responses_cv.notify_all()
            self.notifications.put((time.perf_counter(), "<closed>", None))

    def _dispatch(self, stamp, message):
        if "method" in message and "id" in message:
            # A request from the server: answer it at once.
            method = message["method"]
            self.server_requests.append(method)
            result = None
            if method == "workspace/configuration":
                items = (message.get("params") or {}).get("items") or [{}]
                result = [self.configuration for _ in items]
            try:
                self._write({"jsonrpc": "2.0", "id": message["id"], "result": result})
            except OSError:
                pass
        elif "method" in message:
            self.notifications.put((stamp, message["method"], message.get("params")))
        else:
            with self.responses_cv:
                self.responses[message.get("id")] = (stamp, message)
                self.responses_cv.notify_all()

    # -- client API -----------------------------------------------------------

    def notify(self, method, params):
        return self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout):
        rid = self.next_id
        self.next_id += 1
        self._write({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.perf_counter() + timeout
        with self.responses_cv:
            while rid not in self.responses:
                left = deadline - time.perf_counter()
                if left <= 0 or self.closed:
                    raise RuntimeError(f"{self.name}: no answer to {method}")
                self.responses_cv.wait(left)
            return self.responses.pop(rid)[1]

    def settle(self, quiet, limit):
        """Waits until the server has sent nothing for `quiet` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            if time.perf_counter() - self.last_message >= quiet:
                return
            time.sleep(0.02)

    def status(self):
        fields = {}
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    key, _, value = line.partition(":")
                    fields[key] = value.strip()
        except OSError:
            pass
        return fields

    def stop(self, timeout):
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit", None)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


class Publishes:
    """publishDiagnostics for one document, with the bookkeeping above."""

    def __init__(self, server, uri):
        self.server = server
        self.uri = uri
        self.stale = 0
        self.extra = 0
        self.unversioned = 0
        self.received = 0

    def _take(self, timeout):
        stamp, method, params = self.server.notifications.get(timeout=timeout)
        if method == "<closed>":
            raise RuntimeError(f"{self.server.name} exited; see its stderr log")
        if method != "textDocument/publishDiagnostics" or params.get("uri") != self.uri:
            return None
        self.received += 1
        if params.get("version") is None:
            self.unversioned += 1
        return stamp, params

    def drain(self):
        """Counts publishes that arrived while nothing waited for them."""
        while True:
            try:
                got = self._take(0)
            except queue.Empty:
                return
            if got is not None:
                self.extra += 1

    def wait(self, sent, version, timeout):
        """The first publish after `sent` for `version` (or unversioned)."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(
                    f"{self.server.name}: no diagnostics for version {version} in {timeout} s"
                )
            try:
                got = self._take(left)
            except queue.Empty:
                continue
            if got is None:
                continue
            stamp, params = got
            if stamp < sent:
                self.extra += 1
                continue
            v = params.get("version")
            if v is not None and v != version:
                self.stale += 1
                continue
            return stamp, params


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def typing_point(lines):
    """A line in the middle of the text, and a place after a space near its
    middle: (line index, offset in the line in code points)."""
    n = len(lines)
    candidates = [i for i in range(n) if len(lines[i].split()) >= 8]
    if not candidates:
        candidates = [i for i in range(n) if lines[i].strip()] or [0]
    line = min(candidates, key=lambda i: abs(i - n // 2))
    text = lines[line]
    mid = len(text) // 2
    spaces = [i + 1 for i, c in enumerate(text) if c == " "]
    col = min(spaces, key=lambda i: abs(i - mid)) if spaces else len(text)
    return line, col


def sync_kind(capabilities):
    sync = capabilities.get("textDocumentSync")
    if isinstance(sync, int):
        return sync
    if isinstance(sync, dict):
        return sync.get("change", 0) or 0
    return 0


def percentile(samples, p):
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def run_one(name, command, draft_path, args, workdir):
    settings = SETTINGS.get(name, {"initializationOptions": None, "configuration": {}})
    with open(draft_path, encoding="utf-8") as f:
        text = f.read()
    words = len(text.split())
    base = os.path.splitext(os.path.basename(draft_path))[0]
    tag = f"{name}-{base}-{args.language_id}"
    # A workspace of its own with a copy of the draft (harper-ls resolves
    # its workspace dictionary against the root), and XDG folders of its own
    # so neither server reads or writes the user's dictionaries or settings.
    root = os.path.join(workdir, tag)
    os.makedirs(root, exist_ok=True)
    doc_path = os.path.join(root, os.path.basename(draft_path))
    shutil.copyfile(draft_path, doc_path)
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(root, "xdg-config")
    env["XDG_DATA_HOME"] = os.path.join(root, "xdg-data")
    env["XDG_CACHE_HOME"] = os.path.join(root, "xdg-cache")
    root_uri = "file://" + root
    uri = "file://" + doc_path

    server = Server(name, command, root, env, os.path.join(workdir, tag + ".stderr.log"),
                    settings["configuration"])
    try:
        init = server.request("initialize", {
            "processId": os.getpid(),
            "clientInfo": {"name": "copydesk-bench-compare"},
            "rootUri": root_uri,
            "rootPath": root,
            "workspaceFolders": [{"uri": root_uri, "name": tag}],
            "initializationOptions": settings["initializationOptions"],
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "workspace": {"configuration": True,
                              "didChangeConfiguration": {"dynamicRegistration": False},
                              "didChangeWatchedFiles": {"dynamicRegistration": True}},
                "textDocument": {
                    "synchronization": {"didSave": True, "dynamicRegistration": False},
                    "publishDiagnostics": {"versionSupport": True},
                },
            },
        }, args.timeout)
        result = init.get("result") or {}
        info = result.get("serverInfo") or {}
        caps = result.get("capabilities") or {}
        incremental = sync_kind(caps) == 2
        server.notify("initialized", {})
        server.settle(args.settle, 5.0)

        publishes = Publishes(server, uri)
        publishes.drain()
        publishes.extra = 0
        sent = server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": args.language_id, "version": 1, "text": text}})
        stamp, params = publishes.wait(sent, 1, args.timeout)
        first_ms = (stamp - sent) * 1000
        first_count = len(params.get("diagnostics") or [])

        lines = text.split("\n")
        line, col = typing_point(lines)
        times = []
        last_count = first_count
        for i in range(args.warmup + args.edits):
            version = i + 2
            ch = TYPED[i % len(TYPED)]
            before = lines[line][:col]
            character = utf16_len(before)
            lines[line] = before + ch + lines[line][col:]
            col += 1
            if incremental:
                pos = {"line": line, "character": character}
                changes = [{"range": {"start": pos, "end": pos}, "text": ch}]
            else:
                changes = [{"text": "\n".join(lines)}]
            publishes.drain()
            sent = server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": changes})
            stamp, params = publishes.wait(sent, version, args.timeout)
            last_count = len(params.get("diagnostics") or [])
            if i >= args.warmup:
                times.append((stamp - sent) * 1000)
        # Anything still coming after the last edit is a duplicate.
        server.settle(args.settle, 5.0)
        publishes.drain()
        status = server.status()
    finally:
        server.stop(args.timeout)

    def kib(field):
        value = status.get(field, "0 kB").split()[0]
        return int(value)

    return {
        "server": name,
        "version": info.get("version") or "?",
        "draft": os.path.basename(draft_path),
        "language_id": args.language_id,
        "words": words,
        "bytes": len(text.encode("utf-8")),
        "sync": "incremental" if incremental else "full",
        "first_ms": first_ms,
        "edits": len(times),
        "median_ms": statistics.median(times) if times else float("nan"),
        "p99_ms": percentile(times, 99) if times else float("nan"),
        "max_ms": max(times) if times else float("nan"),
        "slowest_edit": (times.index(max(times)) + args.warmup + 1) if times else None,
        "times_ms": [round(t, 3) for t in times],
        "typed": "".join(TYPED[i % len(TYPED)] for i in range(args.warmup + args.edits)),
        "peak_rss_mib": kib("VmHWM") / 1024,
        "diagnostics_first": first_count,
        "diagnostics_last": last_count,
        "publishes": publishes.received,
        "unversioned": publishes.unversioned,
        "stale": publishes.stale,
        "extra": publishes.extra,
        "server_requests": sorted(set(server.server_requests)),
        "typed_at": f"line {line + 1}",
        "exit_code": server.proc.returncode,
    }


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    try:
        rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rustc = "?"
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    return {"nproc": nproc, "cpu": model, "memory": mem, "rustc": rustc,
            "kernel": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


def table(results, m, args):
    out = []
    out.append(f"Machine: `nproc` {m['nproc']}, {m['cpu']}, {m['memory']} of memory, "
               f"{m['kernel']}, {m['rustc']}, Python {m['python']}.")
    out.append("")
    out.append(f"languageId `{args.language_id}`; {args.edits} measured single-character "
               f"edits after {args.warmup} warm-up ones; a fresh server per row.")
    out.append("")
    out.append("| server | version | draft | words | sync | first diagnostics | "
               "keystroke → diagnostics median / p99 | peak RSS (VmHWM) | diagnostics |")
    out.append("| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for r in results:
        out.append(
            f"| {r['server']} | {r['version']} | {r['draft']} | {r['words']:,} | {r['sync']} "
            f"| {r['first_ms']:.1f} ms | {r['median_ms']:.2f} / {r['p99_ms']:.2f} ms "
            f"| {r['peak_rss_mib']:.1f} MiB | {r['diagnostics_first']} |")
    out.append("")
    out.append("| server | draft | publishes | unversioned | stale (other version) "
               "| extra (unmatched) | slowest keystroke (edit #) | asked the client for |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        asked = ", ".join(f"`{x}`" for x in r["server_requests"]) or "nothing"
        out.append(
            f"| {r['server']} | {r['draft']} | {r['publishes']} | {r['unversioned']} "
            f"| {r['stale']} | {r['extra']} | {r['max_ms']:.2f} ms (#{r['slowest_edit']}) "
            f"| {asked} |")
    out.append("")
    out.append(
        "The two do different jobs: harper-ls checks grammar and spelling, copydesk "
        "checks quotations, speakers and attribution. This compares what each costs "
        "an editor on the same text, not the quality or number of their findings "
        "(\"diagnostics\" is the count on the unedited draft).")
    out.append("")
    out.append(
        "Debounce: copydesk gets `debounceMs` 0 in its initializationOptions; "
        "harper-ls gets `diagnosticDelayMs` 0 in its answer to "
        "`workspace/configuration` (it took effect if the last column lists that "
        "request; 0 is also harper-ls's default, so it has no debounce that cannot "
        "be turned off). A keystroke is matched to the first publish after the edit "
        "that carries the edit's version or no version (harper-ls sends none); "
        "\"stale\" publishes carried another version, \"extra\" ones arrived when no "
        "edit was waiting.")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", action="append", required=True,
                    help="NAME=COMMAND (NAME copydesk or harper-ls picks its settings)")
    ap.add_argument("--draft", action="append", required=True)
    ap.add_argument("--language-id", default="plaintext")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--settle", type=float, default=0.3,
                    help="seconds of silence to wait for after initialized / the last edit")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--workdir", help="where workspaces and server logs go (default: a temp dir)")
    ap.add_argument("--json", help="also write the raw results here")
    args = ap.parse_args()

    workdir = args.workdir or tempfile.mkdtemp(prefix="copydesk-harper-")
    os.makedirs(workdir, exist_ok=True)
    results = []
    for draft in args.draft:
        for spec in args.server:
            name, _, command = spec.partition("=")
            log(f"{name}: {os.path.basename(draft)} ({args.language_id}) ...")
            start = time.perf_counter()
            r = run_one(name, shlex.split(command), draft, args, workdir)
            log(f"  first {r['first_ms']:.1f} ms, keystroke median {r['median_ms']:.2f} ms "
                f"p99 {r['p99_ms']:.2f} ms, VmHWM {r['peak_rss_mib']:.1f} MiB "
                f"({time.perf_counter() - start:.1f} s)")
            results.append(r)
    m = machine()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": m, "results": results}, f, indent=2)
    print(table(results, m, args))
    log(f"server logs: {workdir}")


if __name__ == "__main__":
    main()
