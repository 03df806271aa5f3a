//! A filter between stdin and the LSP service that keeps the server alive
//! through bad input.
//!
//! tower-lsp-server stops reading after the first frame it cannot decode (a
//! body that is not JSON, a wrong `Content-Length`, bytes that are not
//! UTF-8), which would end the session. This task reads the raw stream,
//! passes every well-formed frame through unchanged, and for a malformed one
//! logs what was wrong, passes a stand-in message the service answers with a
//! JSON-RPC error (so the client hears about it), and resynchronises at the
//! next `Content-Length` header.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The largest header block accepted before it is treated as garbage.
const MAX_HEADER: usize = 8 * 1024;

/// What the start of the buffer holds.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// A whole frame whose body is JSON: `consumed` bytes, body at `body`.
    Good {
        body: std::ops::Range<usize>,
        consumed: usize,
    },
    /// Bytes to drop, and why.
    Bad { skip: usize, why: &'static str },
    /// Not enough bytes yet.
    Incomplete,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The start of the next real header after `from`: `Content-Length:` with
/// digits and a raw blank line after it (inside a JSON body line breaks are
/// escaped, so this cannot be part of a well-formed body).
fn next_header(buf: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = buf.get(at..).and_then(|b| find(b, b"Content-Length:")) {
        let start = at + p;
        let rest = &buf[start + 15..];
        let digits = rest
            .iter()
            .skip_while(|b| **b == b' ')
            .take_while(|b| b.is_ascii_digit())
            .count();
        let spaces = rest.iter().take_while(|b| **b == b' ').count();
        if digits > 0
            && find(
                &rest[..(spaces + digits + 200).min(rest.len())],
                b"\r\n\r\n",
            )
            .is_some()
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
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

fn next_frame(buf: &[u8]) -> Frame {
    let Some(end) = find(buf, b"\r\n\r\n") else {
        return if buf.len() > MAX_HEADER {
            Frame::Bad {
                skip: next_header(buf, 1).unwrap_or(buf.len()),
                why: "no header",
            }
        } else {
            Frame::Incomplete
        };
    };
    let body_start = end + 4;
    let Some(length) = content_length(&buf[..end]) else {
        return Frame::Bad {
            skip: next_header(buf, 1).unwrap_or(body_start),
            why: "a header without a valid Content-Length",
        };
    };
    let resync = next_header(buf, body_start);
    if buf.len() < body_start + length {
        // The declared length runs into the next frame: it was wrong.
        return match resync {
            Some(p) => Frame::Bad {
                skip: p,
                why: "a Content-Length longer than the message",
            },
            None => Frame::Incomplete,
        };
    }
    let body = body_start..body_start + length;
    if is_message(&buf[body.clone()]) {
        return Frame::Good {
            body,
            consumed: body_start + length,
        };
    }
    Frame::Bad {
        skip: match resync {
            Some(p) if p < body_start + length => p,
            _ => body_start + length,
        },
        why: "a body that is not a JSON-RPC message",
    }
}

/// Whether a body is a JSON-RPC message the service can decode: an object
/// with `jsonrpc`, and a string `method` (request or notification) or an
/// `id` with a `result` or `error` (response). Anything else, even valid
/// JSON such as `[1, 2, 3]`, would stop the service's reader.
fn is_message(body: &[u8]) -> bool {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_slice::<serde_json::Value>(body) else {
        return false;
    };
    let versioned = m.get("jsonrpc").is_some_and(|v| v.is_string());
    let request = m.get("method").is_some_and(|v| v.is_string());
    let response = m.contains_key("id") && (m.contains_key("result") || m.contains_key("error"));
    versioned && (request || response)
}

/// A request standing in for a frame that could not be read: the service
/// answers it with a JSON-RPC parse error whose id is null (see
/// [`super::Backend::unreadable_input`]), so the client hears about it.
pub const STAND_IN_METHOD: &str = "copydesk/unreadableInput";
const STAND_IN: &[u8] =
    br#"{"jsonrpc":"2.0","id":null,"method":"copydesk/unreadableInput","params":{}}"#;

async fn pass<W: AsyncWrite + Unpin>(output: &mut W, body: &[u8]) -> std::io::Result<()> {
    output
        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    output.write_all(body).await?;
    output.flush().await
}

/// Copies frames from `input` to `output` until `input` ends, dropping bad
/// ones as described above.
pub async fn filter_frames<R, W>(mut input: R, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        loop {
            match next_frame(&buf) {
                Frame::Good { body, consumed } => {
                    if pass(&mut output, &buf[body]).await.is_err() {
                        return;
                    }
                    buf.drain(..consumed);
                }
                Frame::Bad { skip, why } => {
                    tracing::warn!("dropped {skip} bytes of unreadable input: {why}");
                    if pass(&mut output, STAND_IN).await.is_err() {
                        return;
                    }
                    buf.drain(..skip.max(1).min(buf.len()));
                }
                Frame::Incomplete => break,
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return, // end of input: the service sees EOF
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn good_frames_pass_and_bad_ones_resynchronise() {
        let good = frame(r#"{"jsonrpc":"2.0","id":1,"method":"x"}"#);
        assert!(
            matches!(next_frame(&good), Frame::Good { consumed, .. } if consumed == good.len())
        );
        // not JSON, then a good frame
        let mut bytes = frame("{\"jsonrpc\": ");
        let bad_len = bytes.len();
        bytes.extend_from_slice(&good);
        assert_eq!(
            next_frame(&bytes),
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
        assert!(matches!(next_frame(&bytes), Frame::Bad { skip, .. } if skip == first));
        // not UTF-8
        let mut bytes = b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc".to_vec();
        bytes.extend_from_slice(&good);
        assert!(matches!(next_frame(&bytes), Frame::Bad { skip: 25, .. }));
        // a half-arrived frame waits
        assert_eq!(next_frame(&good[..good.len() - 3]), Frame::Incomplete);
        // `Content-Length:` inside a JSON string is not a header
        let tricky = frame(r#"{"text":"Content-Length: 5\r\n\r\nx"}"#);
        assert!(matches!(
            next_frame(&tricky[..tricky.len() - 2]),
            Frame::Incomplete
        ));
    }
}
