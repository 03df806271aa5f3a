//! The real server over stdio, fed hostile bytes: whatever a client sends,
//! the server answers what it can, says what it cannot read, and keeps
//! serving (see `src/lsp/transport/`).
//!
//! Self-contained: a raw frame writer, and a reader thread whose messages
//! are awaited with a deadline, so a server that hangs fails the test
//! instead of hanging it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(10);

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages read but not yet asked for.
    backlog: VecDeque<Value>,
}

/// Reads frames from the server's stdout until it closes.
fn read_frames(stdout: impl Read, tx: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else {
            panic!("the server wrote a frame without a Content-Length");
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let message = serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!(
                "the server wrote a body that is not JSON ({e}): {}",
                String::from_utf8_lossy(&body)
            )
        });
        if tx.send(message).is_err() {
            return;
        }
    }
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .env("COPYDESK_LOG", "error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start copydesk lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Server {
            stdin: child.stdin.take(),
            child,
            messages,
            backlog: VecDeque::new(),
        }
    }

    /// Starts a server and initialises it, waiting for the answer: requests
    /// sent before it are refused as "not initialized".
    fn initialized() -> Server {
        let mut server = Server::start();
        let init = server.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush to the server");
    }

    fn send_body(&mut self, body: &str) {
        self.send_raw(&frame(body));
    }

    fn send(&mut self, message: &Value) {
        self.send_body(&message.to_string());
    }

    /// The first message (read or still to come) that `wanted` picks,
    /// within `within`; the others stay in the backlog.
    fn find(&mut self, wanted: impl Fn(&Value) -> bool, within: Duration) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if wanted(&m) => return Some(m),
                Ok(m) => self.backlog.push_back(m),
                Err(_) => return None,
            }
        }
    }

    fn expect(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.find(wanted, WAIT).unwrap_or_else(|| {
            panic!(
                "no {what} within {WAIT:?}; read meanwhile: {:?}",
                self.backlog
            )
        })
    }

    fn response(&mut self, id: &Value) -> Value {
        let id = id.clone();
        self.expect(&format!("answer to request {id}"), |m| {
            m.get("method").is_none() && m["id"] == id
        })
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&json!(id))
    }

    /// The next error the server sends with a null id (its answer to input
    /// whose id could not be read).
    fn error_with_null_id(&mut self) -> Value {
        self.expect("error with a null id", |m| {
            m.get("method").is_none() && m["id"].is_null() && m.get("error").is_some()
        })["error"]
            .clone()
    }

    fn shutdown_and_exit(mut self) {
        let r = self.request(9_999, "shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                assert_eq!(status.code(), Some(0), "exit after shutdown");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn ids_the_server_cannot_read_are_answered_and_it_keeps_serving() {
    let mut server = Server::initialized();
    // valid JSON, but not an id tower-lsp-server reads: each used to end the
    // session after its -32600
    for id in [
        r#"{"a":1}"#,
        "[1]",
        "[]",
        "1.5",
        "1.0",
        "1e3",
        "-0",
        "true",
        "false",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "123456789012345678901234567890",
    ] {
        server.send_body(&format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#
        ));
        let error = server.error_with_null_id();
        assert_eq!(error["code"], -32600, "id {id}: {error}");
        assert!(
            error["message"].as_str().unwrap().contains("id"),
            "id {id}: {error}"
        );
    }
    // too big for serde_json at all: a parse error
    server.send_body(r#"{"jsonrpc":"2.0","id":1e400,"method":"shutdown"}"#);
    assert_eq!(server.error_with_null_id()["code"], -32700);
    // a readable id, other things wrong: answered under that id
    for (body, id) in [
        (r#"{"jsonrpc":"1.0","id":7,"method":"shutdown"}"#, 7),
        (r#"{"id":8,"method":"shutdown"}"#, 8),
        (r#"{"jsonrpc":"2.0","id":9,"method":3}"#, 9),
        (
            r#"{"jsonrpc":"2.0","id":10,"method":"shutdown","method":"shutdown"}"#,
            10,
        ),
        (r#"{"jsonrpc":"2.0","id":11}"#, 11),
    ] {
        server.send_body(body);
        let r = server.response(&json!(id));
        assert_eq!(r["error"]["code"], -32600, "{body}: {r}");
    }
    // two ids, a notification of the wrong version
    server.send_body(r#"{"jsonrpc":"2.0","id":12,"id":13,"method":"shutdown"}"#);
    assert_eq!(server.error_with_null_id()["code"], -32600);
    server.send_body(r#"{"jsonrpc":"2.0.1","method":"initialized"}"#);
    assert_eq!(server.error_with_null_id()["code"], -32600);
    // params of the wrong kind: Invalid params, from the router
    for (id, params) in [(20, "\"x\""), (21, "42"), (22, "[1,2]")] {
        server.send_body(&format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{params}}}"#
        ));
        let r = server.response(&json!(id));
        assert_eq!(r["error"]["code"], -32602, "{r}");
    }
    // responses the server cannot match or read: never answered (the second
    // used to be read as a request named "" and answered under id 30)
    server.send_body(r#"{"jsonrpc":"2.0","id":{"a":1},"result":null}"#);
    server.send_body(r#"{"jsonrpc":"2.0","id":[],"error":{"code":1,"message":"x"}}"#);
    server.send_body(r#"{"jsonrpc":"2.0","id":30,"error":{"bad":1}}"#);
    server.send_body(r#"{"jsonrpc":"2.0","result":1}"#);
    let r = server.request(31, "textDocument/hover", json!({"textDocument": {"uri": "file:///none.txt"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(r["result"], Value::Null, "{r}");
    assert!(
        server.find(|m| m["id"] == 30, Duration::ZERO).is_none(),
        "a response was answered"
    );
    // the request from the brief: id 2 answered after an object id
    server.send_body(r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#);
    assert_eq!(server.error_with_null_id()["code"], -32600);
    server.shutdown_and_exit();
}

/// A draft whose JSON text holds the escape `\ud800` (a lone surrogate,
/// which serde_json refuses): line 3 is `*`, the surrogate, a space, then an
/// unattributed quote.
fn draft_with_lone_surrogate(uri: &str, escape: &str) -> String {
    format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":1,"text":"Harbour to close\n\n*{escape} \"We cannot keep paying for the dredging every single year.\"\n\nA literal \\ud800 is only text.\n"}}}}}}"#
    )
}

fn is_warning_about_invalid_characters(m: &Value) -> bool {
    m["method"] == "window/showMessage"
        && m["params"]["message"]
            .as_str()
            .is_some_and(|t| t.contains("U+FFFD"))
}

#[test]
fn a_draft_with_lone_surrogates_is_opened_and_the_user_is_told_once() {
    let mut server = Server::initialized();
    let first = "file:///drafts/harbour.txt";
    server.send_body(&draft_with_lone_surrogate(first, r"\ud800"));
    let published = server.expect("diagnostics for the first draft", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == first
    });
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    // U+FFFD is one UTF-16 unit, like the surrogate the editor holds: the
    // quote starts at the same column for both
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 2, "character": 3})
    );
    let told = server.expect("a warning about invalid characters", |m| {
        is_warning_about_invalid_characters(m)
    });
    assert_eq!(told["params"]["type"], 2, "a warning: {told}");
    assert!(
        told["params"]["message"]
            .as_str()
            .unwrap()
            .contains("harbour.txt"),
        "{told}"
    );

    // a second draft (a lone low surrogate, upper case): opened, not told again
    let second = "file:///drafts/quay.txt";
    server.send_body(&draft_with_lone_surrogate(second, r"\uDC00"));
    let published = server.expect("diagnostics for the second draft", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == second
    });
    assert_eq!(
        published["params"]["diagnostics"].as_array().unwrap().len(),
        1
    );
    let r = server.request(
        40,
        "textDocument/hover",
        json!({"textDocument": {"uri": second}, "position": {"line": 2, "character": 5}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert!(
        server
            .find(
                is_warning_about_invalid_characters,
                Duration::from_millis(500)
            )
            .is_none(),
        "told twice"
    );
    server.shutdown_and_exit();
}

#[test]
fn a_burst_of_garbage_between_good_requests_loses_none_of_them() {
    let mut server = Server::initialized();
    let good = |id: i64| {
        if id % 2 == 0 {
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///none.txt"}, "position": {"line": 0, "character": 0}}})
        } else {
            json!({"jsonrpc": "2.0", "id": id, "method": "copydesk/noSuchMethod"})
        }
        .to_string()
    };
    let long = r#"{"jsonrpc":"2.0","method":"$/noSuchNotification"}"#;
    let garbage: Vec<Vec<u8>> = vec![
        frame(r#"{"jsonrpc": "2.0", "id": 40, "method": "#),
        b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc".to_vec(),
        frame("[1, 2, 3]"),
        frame(""),
        frame(r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","id":[2],"result":null}"#),
        frame(r#"{"jsonrpc":"1.0","method":"exit"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit","method":"exit"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"x","params":"\ud800"}"#),
        // a Content-Length too long by 10, then too short by 5
        format!("Content-Length: {}\r\n\r\n{long}", long.len() + 10).into_bytes(),
        format!("Content-Length: {}\r\n\r\n{long}", long.len() - 5).into_bytes(),
        b"Content-Length: 99999999999999999999999\r\n\r\n{}".to_vec(),
        format!("Content-Length: {}\r\n\r\n{{}}", u64::MAX).into_bytes(),
        b"Content-Type: application/json\r\n\r\n{}".to_vec(),
        b"\x00\x01 not a header at all \xff\r\n\r\n".to_vec(),
        vec![b'x'; 9_000],
    ];
    let mut burst = Vec::new();
    let mut ids = Vec::new();
    for (i, g) in garbage.iter().enumerate() {
        let id = 100 + i as i64;
        burst.extend_from_slice(&frame(&good(id)));
        burst.extend_from_slice(g);
        ids.push(id);
    }
    burst.extend_from_slice(&frame(&good(999)));
    ids.push(999);
    server.send_raw(&burst);
    for id in ids {
        let r = server.response(&json!(id));
        if id % 2 == 0 {
            assert_eq!(r["result"], Value::Null, "{r}");
        } else {
            assert_eq!(r["error"]["code"], -32601, "{r}");
        }
    }
    server.shutdown_and_exit();
}
