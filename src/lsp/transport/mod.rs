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
//!
//! The work is split by job: `frames` finds where a frame starts and ends
//! and what it becomes, `messages` judges a body against what the decoder
//! accepts and writes the bodies put in place of bad ones, and `surrogates`
//! repairs lone surrogate escapes; this file holds the state machine and
//! its driver.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::Id;

mod frames;
mod messages;
mod surrogates;
#[cfg(test)]
mod tests;

use frames::{next_frame, Frame, Out};
use messages::stand_in;

pub use messages::{
    tower_accepts, INVALID_CHARACTERS_METHOD, INVALID_REQUEST_METHOD, STAND_IN_METHOD,
};
pub use surrogates::invalid_characters_message;

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
