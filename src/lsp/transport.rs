//! A filter between stdin and the LSP service that keeps the server alive
//! through bad input.
//!
//! tower-lsp-server's reader stops for good at the first frame it cannot
//! decode (a body that is not JSON, a wrong `Content-Length`, bytes that are
//! not UTF-8, or JSON that is not exactly the message shape it reads: an `id`
//! that is an object, a float or beyond 64 bits, `jsonrpc` other than
//! `"2.0"`, a `method` that is not a string, a repeated key), which would end
//! the session. This filter reads the raw stream and makes sure the service
//! only ever sees frames its decoder accepts:
//!
//! - a well-formed message passes through unchanged;
//! - a frame that cannot be read at all (not UTF-8, not JSON, no header, a
//!   wrong `Content-Length`) is logged and replaced by a stand-in request the
//!   service answers with Parse error (-32700, id null), and the filter
//!   resynchronises at the next `Content-Length` header;
//! - JSON that is not a request the decoder can read is replaced by a
//!   stand-in answered with Invalid Request (-32600), under the message's id
//!   when that can be read and null otherwise (JSON-RPC 2.0, section 5);
//! - a client's response the decoder would refuse or misread (as a request
//!   without a method) is rewritten into a well-formed response so the
//!   request it answers is not left waiting, or dropped when its id cannot
//!   be read (then it answers nothing copydesk asked);
//! - a lone UTF-16 surrogate escape such as `\ud800`, which serde_json
//!   refuses, is replaced by `\uFFFD` and the service is told with a
//!   notification the backend turns into a warning for the user.
//!
//! The decisions are a pure state machine, [`FrameFilter`] (bytes in,
//! message bodies out, no I/O), so they can be tested and fuzzed without a
//! runtime; [`filter_frames`] drives it between two async streams.

use std::fmt;
use std::ops::Range;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// The largest header block accepted before it is treated as garbage.
const MAX_HEADER: usize = 8 * 1024;

/// The header that starts a frame.
const HEADER_NAME: &[u8] = b"Content-Length:";

/// A request standing in for a frame that could not be read: the service
/// answers it with a JSON-RPC parse error whose id is null (see
/// `Backend::unreadable_input`), so the client hears about it.
/// `params.why` says what was wrong.
pub const STAND_IN_METHOD: &str = "copydesk/unreadableInput";

/// A request standing in for JSON that is not a request the service can
/// read: answered with Invalid Request under the id in the stand-in (the
/// client's, or null when it could not be read). `params.why` says what was
/// wrong.
pub const INVALID_REQUEST_METHOD: &str = "copydesk/invalidRequest";

/// A notification telling the service that lone surrogates in a message
/// were replaced with U+FFFD: `params.uri` (the document, when the message
/// names one) and `params.count`. The backend warns the user once a session.
pub const INVALID_CHARACTERS_METHOD: &str = "copydesk/invalidCharacters";

/// What the start of the buffer holds.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// A whole frame of `consumed` bytes whose body is JSON.
    Good {
        consumed: usize,
        /// What to pass on in its place.
        out: Out,
        /// A message to pass on after it.
        notice: Option<Vec<u8>>,
    },
    /// Bytes to drop (answered with a parse error), and why.
    Bad { skip: usize, why: &'static str },
    /// Not enough bytes yet.
    Incomplete,
}

/// What a whole frame whose body is JSON becomes.
#[derive(Debug, PartialEq, Eq)]
enum Out {
    /// The body as it is, at this range of the buffer.
    Body(Range<usize>),
    /// Another body in its place: the message repaired, or a stand-in.
    Instead(Vec<u8>),
    /// Nothing (a response that answers nothing), and why.
    Nothing(&'static str),
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The start of the next real header at or after `from` and before
/// `before`: `Content-Length:` with digits and a raw blank line after it
/// (inside a JSON body line breaks are escaped, so this cannot be part of a
/// well-formed body).
///
/// `Err(resume)` when there is none yet: a later call, with more bytes
/// appended, need only look from `resume` (a candidate whose digits or
/// blank line may still arrive is not passed over), which keeps waiting for
/// a long body linear rather than rescanning it at every read.
fn next_header(buf: &[u8], from: usize, before: usize) -> Result<usize, usize> {
    let before = before.min(buf.len());
    let mut at = from;
    let mut undecided = None;
    while at < before {
        let Some(p) = find(&buf[at..], HEADER_NAME) else {
            break;
        };
        let start = at + p;
        if start >= before {
            break;
        }
        let rest = &buf[start + HEADER_NAME.len()..];
        let spaces = rest.iter().take_while(|b| **b == b' ').count();
        let digits = rest[spaces..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // Room for other header lines (Content-Type) before the blank line.
        let window = spaces + digits + 200;
        if digits > 0 && find(&rest[..window.min(rest.len())], b"\r\n\r\n").is_some() {
            return Ok(start);
        }
        let ruled_out = (digits == 0 && spaces + digits < rest.len()) || rest.len() >= window;
        if !ruled_out {
            undecided.get_or_insert(start);
        }
        at = start + 1;
    }
    // A header name cut off at the end of the buffer may still complete.
    let cut = (1..HEADER_NAME.len())
        .rev()
        .find(|k| buf.ends_with(&HEADER_NAME[..*k]))
        .unwrap_or(0);
    let tail = (buf.len() - cut).max(from);
    Err(undecided.map_or(tail, |u: usize| u.min(tail)))
}

fn content_length(header: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(header).ok()?;
    text.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())
            .flatten()
    })
}

/// Decides what the start of `buf` is. `hint` carries, between calls on a
/// buffer that only grows at the end, where the search for a resync header
/// in an incomplete body may resume; reset it to 0 when the start moves.
fn next_frame(buf: &[u8], hint: &mut usize) -> Frame {
    let Some(end) = find(buf, b"\r\n\r\n") else {
        return if buf.len() > MAX_HEADER {
            Frame::Bad {
                skip: next_header(buf, 1, buf.len()).unwrap_or_else(|resume| resume),
                why: "no header",
            }
        } else {
            Frame::Incomplete
        };
    };
    let body_start = end + 4;
    let Some(length) = content_length(&buf[..end]) else {
        return Frame::Bad {
            skip: next_header(buf, 1, buf.len()).unwrap_or(body_start),
            why: "a header without a valid Content-Length",
        };
    };
    // Saturating: a Content-Length near usize::MAX must not overflow.
    let body_end = body_start.saturating_add(length);
    if buf.len() < body_end {
        // A header inside the partial body means the declared length runs
        // into the next frame: it was wrong.
        return match next_header(buf, body_start.max(*hint), buf.len()) {
            Ok(p) => Frame::Bad {
                skip: p,
                why: "a Content-Length longer than the message",
            },
            Err(resume) => {
                *hint = resume;
                Frame::Incomplete
            }
        };
    }
    let body = body_start..body_end;
    let fixed = replace_lone_surrogates(&buf[body.clone()]);
    let text = fixed
        .as_ref()
        .map_or(&buf[body.clone()], |(f, _)| f.as_slice());
    let (out, notice) = match judge(text, fixed.is_some()) {
        Judged::NotJson => {
            return Frame::Bad {
                skip: match next_header(buf, body_start, body_end) {
                    Ok(p) => p,
                    Err(_) => body_end,
                },
                why: "a body that is not a JSON-RPC message",
            }
        }
        Judged::Pass { uri } => match fixed {
            None => (Out::Body(body), None),
            Some((f, count)) => (Out::Instead(f), Some(invalid_characters(uri, count))),
        },
        Judged::Instead(other) => (Out::Instead(other), None),
        Judged::Nothing(why) => (Out::Nothing(why), None),
    };
    Frame::Good {
        consumed: body_end,
        out,
        notice,
    }
}

/// The shape tower-lsp-server's decoder reads a body as: the same as its
/// private `jsonrpc::Message` (an untagged enum trying a response, then a
/// request), made of its own public types, so that "this deserialises"
/// means exactly "its reader takes this and keeps reading". The decoder
/// checks UTF-8 first and then calls `serde_json::from_str`, as
/// [`tower_accepts`] does.
#[derive(Deserialize)]
#[serde(untagged)]
enum Accepted {
    Response(#[allow(dead_code)] Response),
    Request(Request),
}

/// Whether tower-lsp-server's decoder reads `body` as a message (and so
/// keeps reading after it).
pub fn tower_accepts(body: &[u8]) -> bool {
    std::str::from_utf8(body).is_ok_and(|text| serde_json::from_str::<Accepted>(text).is_ok())
}

/// A JSON object's members in order, repeated keys kept: serde_json's `Map`
/// keeps only the last, but the decoder refuses a repeated field.
struct Members(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Collect;
        impl<'de> Visitor<'de> for Collect {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Collect)
    }
}

/// A key of a message, as far as the decoder is concerned.
enum Member<'a> {
    Missing,
    Once(&'a Value),
    Repeated,
}

impl Members {
    fn get(&self, key: &str) -> Member<'_> {
        let mut found = self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
        match (found.next(), found.next()) {
            (None, _) => Member::Missing,
            (Some(v), None) => Member::Once(v),
            (Some(_), Some(_)) => Member::Repeated,
        }
    }

    fn first(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// What a complete body becomes.
enum Judged {
    /// Not UTF-8 or not JSON: a parse error.
    NotJson,
    /// Passed as it is; `uri` is the document it is about, looked up only
    /// when asked for (for the surrogate warning).
    Pass {
        uri: Option<String>,
    },
    Instead(Vec<u8>),
    Nothing(&'static str),
}

fn judge(body: &[u8], want_uri: bool) -> Judged {
    let Ok(text) = std::str::from_utf8(body) else {
        return Judged::NotJson;
    };
    // The common case: one parse, exactly the decoder's.
    let accepted = serde_json::from_str::<Accepted>(text);
    match &accepted {
        Ok(Accepted::Response(_)) => return Judged::Pass { uri: None },
        // A request without a method is read as one named "": look closer.
        Ok(Accepted::Request(r)) if !r.method().is_empty() => {
            let uri = want_uri
                .then(|| r.params())
                .flatten()
                .and_then(|p| p.get("textDocument"))
                .and_then(|d| d.get("uri"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            return Judged::Pass { uri };
        }
        _ => {}
    }
    let members = match serde_json::from_str::<Members>(text) {
        Ok(members) => members,
        Err(_) if serde_json::from_str::<Value>(text).is_ok() => {
            return invalid(Id::Null, "the message is not a JSON object")
        }
        Err(_) => return Judged::NotJson,
    };
    let id = match members.get("id") {
        Member::Missing => Ok(None),
        Member::Once(v) => Id::deserialize(v)
            .map(Some)
            .map_err(|_| "its id must be an integer of at most 64 bits, a string or null"),
        Member::Repeated => Err("it has more than one id"),
    };
    let method = members.get("method");
    let answers = members.first("result").is_some() || members.first("error").is_some();
    if matches!(method, Member::Missing) && answers {
        return response(&members, id);
    }
    let problem = ["jsonrpc", "method", "params"]
        .into_iter()
        .find(|key| matches!(members.get(key), Member::Repeated))
        .map(|key| match key {
            "jsonrpc" => "its \"jsonrpc\" is repeated",
            "method" => "its method is repeated",
            _ => "its params are repeated",
        })
        .or_else(|| match members.get("jsonrpc") {
            Member::Once(Value::String(v)) if v == "2.0" => None,
            _ => Some("it needs \"jsonrpc\": \"2.0\""),
        })
        .or_else(|| id.as_ref().err().copied())
        .or(match method {
            Member::Once(Value::String(_)) => None,
            Member::Missing => Some("it has no method"),
            _ => Some("its method must be a string"),
        });
    match problem {
        Some(why) => invalid(id.ok().flatten().unwrap_or(Id::Null), why),
        // Nothing found wrong: pass what the decoder takes (a method of
        // "", answered Method not found), refuse the rest.
        None if accepted.is_ok() => Judged::Pass { uri: None },
        None => invalid(
            id.ok().flatten().unwrap_or(Id::Null),
            "it is not a JSON-RPC 2.0 message",
        ),
    }
}

/// A client's response the decoder would refuse or misread, made into one
/// it reads, so the request it answers gets its answer.
fn response(members: &Members, id: Result<Option<Id>, &'static str>) -> Judged {
    let Ok(Some(id)) = id else {
        return Judged::Nothing(
            "a response whose id cannot be read answers nothing copydesk asked",
        );
    };
    let body = match members.first("result") {
        Some(result) => Ok(result.clone()),
        None => {
            let error = members.first("error").unwrap_or(&Value::Null);
            let message = error
                .get("message")
                .or(Some(error))
                .and_then(Value::as_str)
                .unwrap_or("the editor answered with an error copydesk could not read");
            Err(Error {
                code: error
                    .get("code")
                    .and_then(Value::as_i64)
                    .map_or(ErrorCode::InternalError, ErrorCode::from),
                message: message.to_owned().into(),
                data: error.get("data").cloned(),
            })
        }
    };
    tracing::warn!("repaired a malformed response from the client to request {id}");
    Judged::Instead(to_body(&Response::from_parts(id, body)))
}

fn invalid(id: Id, why: &'static str) -> Judged {
    tracing::warn!("answered an invalid request (id {id}): {why}");
    Judged::Instead(stand_in(INVALID_REQUEST_METHOD, id, why))
}

fn to_body<T: serde::Serialize>(message: &T) -> Vec<u8> {
    // Serialising tower-lsp-server's own message types cannot fail: their
    // keys are strings and their values JSON.
    serde_json::to_vec(message).unwrap_or_default()
}

fn stand_in(method: &'static str, id: Id, why: &str) -> Vec<u8> {
    to_body(
        &Request::build(method)
            .id(id)
            .params(json!({ "why": why }))
            .finish(),
    )
}

fn invalid_characters(uri: Option<String>, count: usize) -> Vec<u8> {
    to_body(
        &Request::build(INVALID_CHARACTERS_METHOD)
            .params(json!({ "uri": uri, "count": count }))
            .finish(),
    )
}

/// The warning for [`INVALID_CHARACTERS_METHOD`]'s params.
pub fn invalid_characters_message(params: &Value) -> String {
    let what = match params.get("uri").and_then(Value::as_str) {
        Some(uri) => {
            let name = uri.rsplit('/').find(|s| !s.is_empty()).unwrap_or(uri);
            format!("The document {name}")
        }
        None => "A message from the editor".to_owned(),
    };
    format!(
        "{what} held invalid characters (lone UTF-16 surrogates), which copydesk \
         read as U+FFFD (\u{FFFD}). They cannot be saved as UTF-8: look for them \
         in the draft and retype them."
    )
}

/// The four hex digits of a `\u` escape.
fn hex4(digits: Option<&[u8]>) -> Option<u16> {
    let digits = std::str::from_utf8(digits?).ok()?;
    if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u16::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

/// `body` with every lone UTF-16 surrogate escape (a `\uD800`–`\uDFFF` that
/// is not a high one followed by a low one) replaced by `\uFFFD`, and how
/// many there were; `None`, without allocating, when there are none.
///
/// One pass. An escaped backslash (`\\ud800`) is skipped as a pair, so the
/// text after it is never read as an escape; hex digits may be of either
/// case. U+FFFD is one UTF-16 code unit like the surrogate it replaces, so
/// positions the client computes in UTF-16 still match.
fn replace_lone_surrogates(body: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut fixed: Option<Vec<u8>> = None;
    let mut count = 0;
    let mut i = 0;
    while i < body.len() {
        let Some(p) = body[i..].iter().position(|b| *b == b'\\') else {
            break;
        };
        let at = i + p;
        if body.get(at + 1) != Some(&b'u') {
            i = at + 2; // any other escape, `\\` included
            continue;
        }
        let lone = match hex4(body.get(at + 2..at + 6)) {
            Some(0xD800..=0xDBFF) => {
                let low = body.get(at + 6..at + 8) == Some(b"\\u".as_slice())
                    && matches!(hex4(body.get(at + 8..at + 12)), Some(0xDC00..=0xDFFF));
                if low {
                    i = at + 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            let out = fixed.get_or_insert_with(|| body.to_vec());
            out[at..at + 6].copy_from_slice(b"\\uFFFD");
            count += 1;
            i = at + 6;
        } else {
            i = at + 2;
        }
    }
    fixed.map(|f| (f, count))
}

/// The frame filter's state: bytes read so far and not yet passed on. Feed
/// it with [`push`](Self::push) and take message bodies (without headers)
/// with [`next_message`](Self::next_message) until it needs more bytes.
/// Every body it gives is one tower-lsp-server's decoder accepts.
#[derive(Debug, Default)]
pub struct FrameFilter {
    buf: Vec<u8>,
    /// Bytes at the front of `buf` already dealt with, dropped at the next
    /// `push` (once a read, not once a frame).
    start: usize,
    /// See [`next_frame`].
    hint: usize,
    /// A message to give before looking at the buffer again.
    notice: Option<Vec<u8>>,
    /// The last body given that is not a slice of `buf`.
    out: Vec<u8>,
    /// Bytes dealt with, in all.
    consumed: u64,
}

impl FrameFilter {
    pub fn new() -> FrameFilter {
        FrameFilter::default()
    }

    /// Appends bytes read from the client.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes pushed and not yet dealt with.
    pub fn pending(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Bytes dealt with since the start.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    fn advance(&mut self, n: usize) {
        self.start += n;
        self.consumed += n as u64;
        self.hint = 0;
    }

    /// The next message body to pass to the service, or `None` when more
    /// bytes are needed.
    pub fn next_message(&mut self) -> Option<&[u8]> {
        if let Some(notice) = self.notice.take() {
            self.out = notice;
            return Some(&self.out);
        }
        loop {
            match next_frame(&self.buf[self.start..], &mut self.hint) {
                Frame::Incomplete => return None,
                Frame::Bad { skip, why } => {
                    let skip = skip.clamp(1, self.buf.len() - self.start);
                    tracing::warn!("dropped {skip} bytes of unreadable input: {why}");
                    self.advance(skip);
                    self.out = stand_in(STAND_IN_METHOD, Id::Null, why);
                    return Some(&self.out);
                }
                Frame::Good {
                    consumed,
                    out,
                    notice,
                } => {
                    let at = self.start;
                    self.advance(consumed);
                    self.notice = notice;
                    match out {
                        Out::Body(r) => return Some(&self.buf[at + r.start..at + r.end]),
                        Out::Instead(body) => {
                            self.out = body;
                            return Some(&self.out);
                        }
                        Out::Nothing(why) => tracing::warn!("ignored a message: {why}"),
                    }
                }
            }
        }
    }
}

async fn pass<W: AsyncWrite + Unpin>(output: &mut W, body: &[u8]) -> std::io::Result<()> {
    output
        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    output.write_all(body).await?;
    output.flush().await
}

/// Copies frames from `input` to `output` until `input` ends, through a
/// [`FrameFilter`].
pub async fn filter_frames<R, W>(mut input: R, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut filter = FrameFilter::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        while let Some(body) = filter.next_message() {
            if pass(&mut output, body).await.is_err() {
                return;
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return, // end of input: the service sees EOF
            Ok(n) => filter.push(&chunk[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn decide(buf: &[u8]) -> Frame {
        next_frame(buf, &mut 0)
    }

    #[test]
    fn good_frames_pass_and_bad_ones_resynchronise() {
        let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"x"}"#);
        assert!(matches!(decide(&good), Frame::Good { consumed, .. } if consumed == good.len()));
        // not JSON, then a good frame
        let mut bytes = frame("{\"jsonrpc\": ");
        let bad_len = bytes.len();
        bytes.extend_from_slice(&good);
        assert_eq!(
            decide(&bytes),
            Frame::Bad {
                skip: bad_len,
                why: "a body that is not a JSON-RPC message"
            }
        );
        // a length too long by 10: resync at the next header
        let mut bytes =
            b"Content-Length: 48\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"y\"}".to_vec();
        let first = bytes.len();
        bytes.extend_from_slice(&good);
        assert!(matches!(decide(&bytes), Frame::Bad { skip, .. } if skip == first));
        // not UTF-8
        let mut bytes = b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc".to_vec();
        bytes.extend_from_slice(&good);
        assert!(matches!(decide(&bytes), Frame::Bad { skip: 25, .. }));
        // a half-arrived frame waits
        assert_eq!(decide(&good[..good.len() - 3]), Frame::Incomplete);
        // `Content-Length:` inside a JSON string is not a header
        let tricky = frame(r#"{"text":"Content-Length: 5\r\n\r\nx"}"#);
        assert!(matches!(
            decide(&tricky[..tricky.len() - 2]),
            Frame::Incomplete
        ));
    }

    /// Everything the filter gives for `input` fed in chunks of `size`.
    fn run(input: &[u8], size: usize) -> Vec<Value> {
        let mut filter = FrameFilter::new();
        let mut out = Vec::new();
        for chunk in input.chunks(size.max(1)) {
            filter.push(chunk);
            while let Some(body) = filter.next_message() {
                assert!(tower_accepts(body), "{}", String::from_utf8_lossy(body));
                out.push(serde_json::from_slice(body).unwrap());
            }
        }
        out
    }

    fn one(body: &str) -> Value {
        let out = run(&frame(body), usize::MAX);
        assert_eq!(out.len(), 1, "{out:?}");
        out.into_iter().next().unwrap()
    }

    /// The stand-in for -32600, with the id it will be answered under.
    fn invalid_with(body: &str, id: Value) {
        let out = one(body);
        assert_eq!(out["method"], INVALID_REQUEST_METHOD, "{body} -> {out}");
        assert_eq!(out["id"], id, "{body} -> {out}");
        assert!(out["params"]["why"].is_string());
    }

    #[test]
    fn ids_the_decoder_refuses_are_answered_invalid_under_null() {
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
            "18446744073709551616",
            "-9223372036854775809",
            "123456789012345678901234567890",
        ] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            assert!(!tower_accepts(body.as_bytes()), "tower takes {body}");
            invalid_with(&body, Value::Null);
        }
        // the extremes the decoder takes pass unchanged
        for id in [
            "9223372036854775807",
            "-9223372036854775808",
            "\"x\"",
            "null",
            "0",
        ] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            assert!(tower_accepts(body.as_bytes()));
            assert!(matches!(
                decide(&frame(&body)),
                Frame::Good {
                    out: Out::Body(_),
                    notice: None,
                    ..
                }
            ));
        }
    }

    #[test]
    fn other_invalid_requests_are_answered_under_their_id_when_it_can_be_read() {
        invalid_with(r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#, json!(7));
        invalid_with(r#"{"id":"seven","method":"x"}"#, json!("seven"));
        invalid_with(r#"{"jsonrpc":2,"id":7,"method":"x"}"#, json!(7));
        invalid_with(r#"{"jsonrpc":"2.0","id":8,"method":3}"#, json!(8));
        invalid_with(r#"{"jsonrpc":"2.0","id":8,"method":null}"#, json!(8));
        invalid_with(r#"{"jsonrpc":"2.0","id":9}"#, json!(9));
        invalid_with(
            r#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
            Value::Null,
        );
        invalid_with(
            r#"{"jsonrpc":"2.0","jsonrpc":"2.0","id":3,"method":"x"}"#,
            json!(3),
        );
        invalid_with(
            r#"{"jsonrpc":"2.0","id":4,"method":"x","params":1,"params":2}"#,
            json!(4),
        );
        // two ids: which one the client meant cannot be known
        invalid_with(
            r#"{"jsonrpc":"2.0","id":1,"id":2,"method":"x"}"#,
            Value::Null,
        );
        // JSON, but not an object
        for body in ["[1, 2, 3]", "[]", "3", "\"x\"", "null"] {
            invalid_with(body, Value::Null);
        }
        // params of any kind are the router's business (Invalid params)
        for params in ["\"x\"", "3", "null", "[1]", "true"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":5,"method":"x","params":{params}}}"#);
            assert_eq!(one(&body), serde_json::from_str::<Value>(&body).unwrap());
        }
        // an explicit empty method is read, and answered Method not found
        let body = r#"{"jsonrpc":"2.0","id":6,"method":""}"#;
        assert_eq!(one(body)["method"], "");
        // unknown keys, repeated or not, are ignored by the decoder
        let body = r#"{"jsonrpc":"2.0","id":6,"method":"m","x":1,"x":2}"#;
        assert_eq!(one(body)["method"], "m");
    }

    #[test]
    fn responses_are_repaired_or_dropped() {
        // an id that cannot be read: nothing to answer, nothing passed
        for id in [r#"{"a":1}"#, "1.5", "true", "18446744073709551616"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#);
            assert!(run(&frame(&body), usize::MAX).is_empty(), "{body}");
        }
        assert!(run(&frame(r#"{"jsonrpc":"2.0","result":1}"#), 9).is_empty());
        // an error the decoder refuses (it would read it as a request named
        // "" and answer the client's own id) becomes a well-formed error
        let out =
            one(r#"{"jsonrpc":"2.0","id":3,"error":{"code":-32800,"message":"gone","extra":1}}"#);
        assert_eq!(
            out,
            json!({"jsonrpc":"2.0","error":{"code":-32800,"message":"gone"},"id":3})
        );
        let out = one(r#"{"jsonrpc":"2.0","id":"s","error":"no"}"#);
        assert_eq!(out["error"], json!({"code": -32603, "message": "no"}));
        assert_eq!(out["id"], "s");
        let out = one(r#"{"jsonrpc":"2.0","id":4,"error":{"code":1.5}}"#);
        assert_eq!(out["error"]["code"], -32603);
        // the wrong version or a repeated key in a response
        let out = one(r#"{"jsonrpc":"1.0","id":5,"result":[1]}"#);
        assert_eq!(out, json!({"jsonrpc":"2.0","result":[1],"id":5}));
        let out = one(r#"{"jsonrpc":"2.0","id":6,"result":1,"result":2}"#);
        assert_eq!(out["result"], 1);
        // a good response passes as it is
        let body = r#"{"jsonrpc":"2.0","id":7,"result":{"a":[]}}"#;
        assert_eq!(one(body), serde_json::from_str::<Value>(body).unwrap());
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_are_noticed() {
        let fix = |s: &str| {
            replace_lone_surrogates(s.as_bytes()).map(|(f, n)| (String::from_utf8(f).unwrap(), n))
        };
        assert_eq!(fix(r#""a\ud800b""#), Some((r#""a\uFFFDb""#.to_owned(), 1)));
        assert_eq!(
            fix(r#""\uDC00\uD800""#),
            Some((r#""\uFFFD\uFFFD""#.to_owned(), 2))
        );
        // a proper pair, in either case, is left alone
        assert_eq!(fix(r#""\ud83d\ude00 \uD83D\uDE00 \ud83D\uDe00""#), None);
        // a high surrogate before another high one, then a pair
        assert_eq!(
            fix(r#""\ud800\ud800\udc00""#),
            Some((r#""\uFFFD\ud800\udc00""#.to_owned(), 1))
        );
        // an escaped backslash: `\\ud800` is the text \ud800
        assert_eq!(fix(r#""\\ud800 \\\\uDC00""#), None);
        assert_eq!(fix(r#""\\\ud800""#), Some((r#""\\\uFFFD""#.to_owned(), 1)));
        // a high surrogate followed by a non-surrogate escape, or cut off
        assert_eq!(
            fix(r#""\ud800\u0041""#),
            Some((r#""\uFFFD\u0041""#.to_owned(), 1))
        );
        assert_eq!(fix(r#"\ud800"#), Some((r#"\uFFFD"#.to_owned(), 1)));
        assert_eq!(fix(r#"\ud80"#), None);
        assert_eq!(fix("\\"), None);
        assert_eq!(fix(r#""\n\t\u00e9""#), None);

        let body = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///d/a%20b.txt","languageId":"plaintext","version":1,"text":"x\ud800y"}}}"#;
        assert!(!tower_accepts(body.as_bytes()));
        let out = run(&frame(body), 7);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0]["params"]["textDocument"]["text"], "x\u{FFFD}y");
        assert_eq!(out[1]["method"], INVALID_CHARACTERS_METHOD);
        assert_eq!(
            out[1]["params"],
            json!({"uri": "file:///d/a%20b.txt", "count": 1})
        );
        assert!(invalid_characters_message(&out[1]["params"])
            .starts_with("The document a%20b.txt held"));
        // no notice when the message is refused anyway
        let out = run(
            &frame(r#"{"jsonrpc":"2.0","id":{},"method":"\ud800"}"#),
            100,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["method"], INVALID_REQUEST_METHOD);
    }

    #[test]
    fn a_burst_of_garbage_keeps_every_good_message_whatever_the_reads() {
        let good = |id: usize| frame(&format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"m"}}"#));
        let garbage: Vec<Vec<u8>> = vec![
            frame("{\"jsonrpc\": "),
            b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc".to_vec(),
            frame(r#"{"jsonrpc":"2.0","id":[1],"method":"m"}"#),
            frame("[1,2,3]"),
            b"Content-Type: text/plain\r\n\r\n".to_vec(),
            b"garbage without a header\r\n\r\n".to_vec(),
            frame(""),
            frame(r#"{"jsonrpc":"2.0","id":{"a":1},"result":null}"#),
        ];
        let mut input = Vec::new();
        for (i, g) in garbage.iter().enumerate() {
            input.extend_from_slice(&good(i));
            input.extend_from_slice(g);
        }
        input.extend_from_slice(&good(99));
        for size in [1, 2, 3, 7, 64, 1000, usize::MAX] {
            let ids: Vec<_> = run(&input, size)
                .into_iter()
                .filter(|m| m["method"] == "m")
                .map(|m| m["id"].as_u64().unwrap())
                .collect();
            assert_eq!(ids, [0, 1, 2, 3, 4, 5, 6, 7, 99], "reads of {size}");
        }
    }

    #[test]
    fn a_huge_or_wrong_content_length_waits_or_resynchronises_without_overflow() {
        let huge = format!("Content-Length: {}\r\n\r\n{{}}", usize::MAX);
        assert_eq!(decide(huge.as_bytes()), Frame::Incomplete);
        let mut bytes = huge.into_bytes();
        let first = bytes.len();
        bytes.extend_from_slice(&frame(r#"{"jsonrpc":"2.0","method":"m"}"#));
        assert!(matches!(decide(&bytes), Frame::Bad { skip, .. } if skip == first));
    }

    #[test]
    fn a_long_body_arriving_in_pieces_is_scanned_once() {
        // The resync search resumes where it stopped, so a frame cut into
        // many reads costs a bounded amount of rescanning per read.
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"m","params":"{}"}}"#,
            "Content-Length: 1 x".repeat(50_000)
        );
        let bytes = frame(&body);
        let mut filter = FrameFilter::new();
        let mut given = 0;
        for chunk in bytes.chunks(997) {
            filter.push(chunk);
            while filter.next_message().is_some() {
                given += 1;
            }
            let pending = filter.pending().len();
            assert!(
                pending == 0 || pending - filter.hint < 300,
                "{pending} {}",
                filter.hint
            );
        }
        assert_eq!(given, 1);
        assert_eq!(filter.consumed(), bytes.len() as u64);
    }

    #[test]
    fn garbage_longer_than_a_header_keeps_a_header_cut_off_at_its_end() {
        let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"m"}"#);
        let mut input = vec![b'x'; MAX_HEADER + 10];
        input.extend_from_slice(&good[..5]);
        let mut filter = FrameFilter::new();
        filter.push(&input);
        let mut out = Vec::new();
        while let Some(body) = filter.next_message() {
            out.push(serde_json::from_slice::<Value>(body).unwrap());
        }
        filter.push(&good[5..]);
        while let Some(body) = filter.next_message() {
            out.push(serde_json::from_slice::<Value>(body).unwrap());
        }
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0]["method"], STAND_IN_METHOD);
        assert_eq!(out[1]["id"], 1);
    }
}
