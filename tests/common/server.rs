//! The test client: one running `copydesk` process and the client side of
//! its JSON-RPC connection over stdin/stdout.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::WAIT;

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
pub struct Server {
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
    pub fn spawn_with(args: &[&str]) -> Server {
        Server::spawn_logging(args, "warn")
    }

    /// Starts the binary with `args` and `COPYDESK_LOG=log`.
    pub fn spawn_logging(args: &[&str], log: &str) -> Server {
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

    pub fn spawn() -> Server {
        Server::spawn_with(&[])
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush to the server");
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
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
    pub fn request(&mut self, method: &str, params: Value) -> Value {
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
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Takes the first message (already received, or arriving within
    /// `timeout`) that is the notification `method` and satisfies `pred`.
    pub fn try_notification(
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

    pub fn wait_for_notification(
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
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
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

    /// `shutdown` then `exit`, with stdin left open as editors do: the
    /// process must end by itself with status 0 and close stdout cleanly
    /// after nothing but protocol.
    pub fn shutdown_and_exit(mut self) {
        assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.expect_exit(0);
    }

    /// Waits for the process to end with `code` and for stdout to end
    /// cleanly, every byte before that having been a well-formed message.
    pub fn expect_exit(&mut self, code: i32) {
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
        let Some(status) = self.exit_status_by(deadline) else {
            panic!(
                "the server has not exited {WAIT:?} after `exit` (stdin still open)\nstderr:\n{}",
                self.stderr()
            )
        };
        assert_eq!(
            status.code(),
            Some(code),
            "exit status\nstderr:\n{}",
            self.stderr()
        );
    }

    /// The process's exit status once it has ended, polling until
    /// `deadline`; `None` if it is still running then.
    pub fn exit_status_by(&mut self, deadline: Instant) -> Option<ExitStatus> {
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for copydesk") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes the server's stdin, as an editor that goes away does.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// What the server answers to `workspace/configuration` from now on
    /// (one value, repeated per item asked for).
    pub fn answer_configuration_with(&mut self, settings: Value) {
        self.configuration = Some(settings);
    }

    /// Takes from the messages received so far the first error response
    /// whose id is null (the answer to a message the server could not
    /// read), if there is one.
    pub fn take_error_with_null_id(&mut self) -> Option<Value> {
        let i = self.backlog.iter().position(|m| {
            m.get("method").is_none() && m["id"].is_null() && m.get("error").is_some()
        })?;
        self.backlog.remove(i)
    }
}
