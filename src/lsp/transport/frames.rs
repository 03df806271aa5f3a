//! Framing: where a message starts and ends in the raw stream, and what a
//! whole frame becomes.
//!
//! A frame is a header block with a `Content-Length`, a blank line and a
//! body of that many bytes. [`next_frame`] decides what the start of a
//! buffer holds: a whole frame (its body judged by the `messages` module,
//! after the `surrogates` module has replaced any lone surrogate escapes),
//! bytes to skip up to the next real header, or not enough bytes yet. It
//! only reads the buffer; the frame filter in `mod.rs` acts on what it
//! decides and carries the resume hint between calls.

use std::ops::Range;

use super::messages::{judge, Judged};
use super::surrogates::{invalid_characters, replace_lone_surrogates};

/// The largest header block accepted before it is treated as garbage.
pub(super) const MAX_HEADER: usize = 8 * 1024;

/// The header that starts a frame.
const HEADER_NAME: &[u8] = b"Content-Length:";

/// What the start of the buffer holds.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Frame {
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
pub(super) enum Out {
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

/// As [`find`], ignoring ASCII case: header names are case-insensitive
/// (`content-length:` starts a frame too).
fn find_header_name(hay: &[u8]) -> Option<usize> {
    hay.windows(HEADER_NAME.len())
        .position(|w| w.eq_ignore_ascii_case(HEADER_NAME))
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
        let Some(p) = find_header_name(&buf[at..]) else {
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
        .find(|k| buf.len() >= *k && buf[buf.len() - k..].eq_ignore_ascii_case(&HEADER_NAME[..*k]))
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
pub(super) fn next_frame(buf: &[u8], hint: &mut usize) -> Frame {
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
