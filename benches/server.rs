//! The language server end to end, over stdio, against the built binary.
//!
//! `cargo bench --bench server` (a plain `main`, no criterion) starts
//! `copydesk lsp` with `{"debounceMs": 0}` and measures, on the generated
//! 1k- and 10k-word drafts:
//!
//! - keystroke → diagnostics: one character typed (`didChange`, incremental)
//!   until the `publishDiagnostics` for that very version arrives;
//! - `textDocument/hover` on a person and `textDocument/documentSymbol`,
//!   request to response;
//!
//! each as median and 99th percentile over 250 samples (after 10 unmeasured
//! warm-up ones); then, in a fresh server each, the peak resident memory
//! (`VmHWM` in `/proc/<pid>/status`) with a 1 MB and a 10 MB draft open,
//! and how long their first diagnostics and a keystroke take.
//!
//! The binary is `$COPYDESK_BIN` if set, else the one cargo builds for this
//! bench (`target/release/copydesk` under the target directory: benches are
//! built with the `bench` profile, which inherits `release`).
//! `COPYDESK_BENCH_TIMEOUT` (seconds, default 300) bounds each wait.
//!
//! Run without `--bench` (as `cargo test --benches` does) it only checks
//! that the measurement works, with a handful of edits on the 1k draft.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{draft, stats, Size, SEED};
use serde_json::{json, Value};

fn binary() -> PathBuf {
    match std::env::var_os("COPYDESK_BIN") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_BIN_EXE_copydesk")),
    }
}

fn timeout() -> Duration {
    let secs = std::env::var("COPYDESK_BENCH_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    Duration::from_secs(secs)
}

fn send(stdin: &Mutex<ChildStdin>, message: &Value) {
    let body = serde_json::to_vec(message).expect("serialise a message");
    let mut stdin = stdin.lock().unwrap_or_else(|e| e.into_inner());
    write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write to the server");
    stdin.write_all(&body).expect("write to the server");
    stdin.flush().expect("write to the server");
}

/// A running `copydesk lsp` and what it has sent.
struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(settings: Value) -> Server {
        let mut child = Command::new(binary())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} ({e}); build it with `cargo build --release` or set COPYDESK_BIN",
                    binary().display()
                )
            });
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("piped stdin")));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, incoming) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return; // the server exited
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length:") {
                        length = n.trim().parse::<usize>().ok();
                    }
                }
                let Some(length) = length else { return };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice::<Value>(&body) else {
                    continue;
                };
                // A request from the server (`workspace/configuration`,
                // `client/registerCapability`): answer at once.
                if message.get("method").is_some() && message.get("id").is_some() {
                    send(
                        &replies,
                        &json!({"jsonrpc": "2.0", "id": message["id"], "result": null}),
                    );
                    continue;
                }
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            incoming,
            next_id: 0,
        };
        server.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {},
                "initializationOptions": settings,
            }),
        );
        server.notify("initialized", json!({}));
        server
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn notify(&self, method: &str, params: Value) {
        send(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    fn next(&self) -> Value {
        self.incoming
            .recv_timeout(timeout())
            .unwrap_or_else(|_| panic!("no message from the server within {:?}", timeout()))
    }

    /// Sends a request and waits for its response, dropping anything else.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        send(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        loop {
            let message = self.next();
            if message.get("id") == Some(&json!(id)) {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].clone();
            }
        }
    }

    /// Waits for the diagnostics of `uri` at `version`; returns their count.
    fn diagnostics(&self, uri: &str, version: i64) -> usize {
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"]
                    .as_array()
                    .map_or(0, Vec::len);
            }
        }
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    /// Types `ch` at (`line`, `character`) as version `version`.
    fn type_char(&self, uri: &str, version: i64, line: usize, character: usize, ch: char) {
        let at = json!({"line": line, "character": character});
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": ch.to_string()}],
            }),
        );
    }

    /// Peak resident memory so far, in KiB.
    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where to type: the start of a body paragraph about halfway through.
fn typing_line(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    (lines.len() / 2..lines.len())
        .find(|&i| !lines[i].is_empty())
        .unwrap_or(0)
}

/// A position on a person's surname (`Ms Kilbride`), about halfway through,
/// in UTF-16 code units as LSP counts by default, not on line `typing`.
fn person_position(text: &str, typing: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    for i in (lines.len() / 2..lines.len()).chain(0..lines.len() / 2) {
        if i == typing {
            continue;
        }
        let line = lines[i];
        // `Ms Kilbride` at the start of the line: a mention, not speech.
        if ["Ms ", "Mr ", "Dr "].iter().any(|t| line.starts_with(t)) {
            return (i, "Ms K".len());
        }
    }
    (0, 0)
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and 99th percentile (nearest rank), in milliseconds.
fn percentiles(samples: &mut [Duration]) -> (f64, f64) {
    samples.sort();
    let rank = |p: f64| {
        let i = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1;
        millis(samples[i])
    };
    (rank(0.5), rank(0.99))
}

struct Latencies {
    draft: String,
    keystroke: (f64, f64),
    hover: (f64, f64),
    symbols: (f64, f64),
}

const TYPED: &str = "The council met again on Friday and agreed nothing. ";

fn latencies(size: Size, samples: usize, warm_up: usize) -> Latencies {
    let text = draft(SEED, size);
    let uri = format!("file:///bench/{}.txt", size.id());
    let mut server = Server::start(json!({"debounceMs": 0}));
    server.open(&uri, &text);
    server.diagnostics(&uri, 1);

    let line = typing_line(&text);
    let mut version = 1;
    let mut typed = TYPED.chars().cycle();
    let mut keystroke = Vec::with_capacity(samples);
    for i in 0..warm_up + samples {
        version += 1;
        let ch = typed.next().unwrap_or('x');
        let start = Instant::now();
        server.type_char(&uri, version, line, i, ch);
        server.diagnostics(&uri, version);
        if i >= warm_up {
            keystroke.push(start.elapsed());
        }
    }

    let (hover_line, hover_character) = person_position(&text, line);
    let mut hover = Vec::with_capacity(samples);
    let mut symbols = Vec::with_capacity(samples);
    for i in 0..warm_up + samples {
        let start = Instant::now();
        let answer = server.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": hover_line, "character": hover_character}}),
        );
        let took = start.elapsed();
        if i == 0 && answer.is_null() {
            eprintln!("note: hover at {hover_line}:{hover_character} found nothing");
        }
        if i >= warm_up {
            hover.push(took);
        }
        let start = Instant::now();
        server.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        if i >= warm_up {
            symbols.push(start.elapsed());
        }
    }
    server.stop();
    Latencies {
        draft: format!("{} ({} bytes)", size.label(), text.len()),
        keystroke: percentiles(&mut keystroke),
        hover: percentiles(&mut hover),
        symbols: percentiles(&mut symbols),
    }
}

struct Memory {
    draft: String,
    idle_kib: Option<u64>,
    peak_kib: Option<u64>,
    open_ms: f64,
    keystroke_ms: Vec<f64>,
}

/// Peak RSS with one big draft open, after its first diagnostics, a few
/// keystrokes and an outline request.
fn memory(size: Size, keystrokes: usize) -> Memory {
    let text = draft(SEED, size);
    let uri = format!("file:///bench/{}.txt", size.id());
    let mut server = Server::start(json!({"debounceMs": 0}));
    let idle_kib = server.peak_rss_kib();
    let start = Instant::now();
    server.open(&uri, &text);
    server.diagnostics(&uri, 1);
    let open_ms = millis(start.elapsed());
    let line = typing_line(&text);
    let mut keystroke_ms = Vec::new();
    for i in 0..keystrokes {
        let version = 2 + i as i64;
        let start = Instant::now();
        server.type_char(&uri, version, line, i, 'x');
        server.diagnostics(&uri, version);
        keystroke_ms.push(millis(start.elapsed()));
    }
    server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let peak_kib = server.peak_rss_kib();
    server.stop();
    Memory {
        draft: format!("{} ({} words)", size.label(), stats(&text).words),
        idle_kib,
        peak_kib,
        open_ms,
        keystroke_ms,
    }
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("?".to_owned(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    println!("server: {}", binary().display());
    if !benching {
        let l = latencies(Size::Words(1_000), 5, 1);
        println!(
            "smoke test: keystroke median {:.2} ms on the 1k draft (run with `cargo bench` to measure)",
            l.keystroke.0
        );
        return;
    }
    let samples = 250;
    let mut lines = vec![
        format!("Latency, debounceMs 0, {samples} samples each (milliseconds, median / p99):"),
        String::new(),
        "| draft | keystroke → diagnostics | hover | documentSymbol |".to_owned(),
        "| --- | ---: | ---: | ---: |".to_owned(),
    ];
    for size in [Size::Words(1_000), Size::Words(10_000)] {
        let l = latencies(size, samples, 10);
        lines.push(format!(
            "| {} | {:.2} / {:.2} | {:.2} / {:.2} | {:.2} / {:.2} |",
            l.draft, l.keystroke.0, l.keystroke.1, l.hover.0, l.hover.1, l.symbols.0, l.symbols.1
        ));
        println!("{}", lines.last().expect("a line"));
    }
    lines.push(String::new());
    lines.push("Memory (VmHWM) and big-draft timings:".to_owned());
    lines.push(String::new());
    lines.push(
        "| draft | peak RSS before open | peak RSS with the draft open | first diagnostics | keystroke → diagnostics |"
            .to_owned(),
    );
    lines.push("| --- | ---: | ---: | ---: | ---: |".to_owned());
    for size in [Size::Bytes(1_000_000), Size::Bytes(10_000_000)] {
        let m = memory(size, 3);
        let keys = m
            .keystroke_ms
            .iter()
            .map(|k| format!("{k:.0}"))
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(format!(
            "| {} | {} | {} | {:.0} ms | {keys} ms |",
            m.draft,
            mib(m.idle_kib),
            mib(m.peak_kib),
            m.open_ms
        ));
        println!("{}", lines.last().expect("a line"));
    }
    let table = lines.join("\n");
    println!("\n{table}\n");
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let out = dir.join("copydesk-server.md");
    if std::fs::write(&out, format!("{table}\n")).is_ok() {
        println!("(written to {})", out.display());
    }
}
