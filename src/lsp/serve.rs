//! Serving LSP on stdin and stdout: the runtime, the analysis thread, the
//! transport filter in front of tower-lsp-server, and the exit status.

use std::io::{IsTerminal, Write};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tower_lsp_server::{LspService, Server};

use super::analyser::Analyser;
use super::backend::Backend;
use super::transport;

/// Asks glibc for a single malloc arena. The server has two busy threads,
/// the runtime's (messages in and out, as JSON) and the analysis thread;
/// with an arena each, memory one frees cannot serve the other, and a 10 MB
/// draft's peak was about 50 MiB higher. Must run before any other thread
/// starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only sets an allocator parameter; it is called before
    // the runtime or any other thread of this program exists.
    let accepted = unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
    if accepted != 1 {
        tracing::debug!("glibc did not take M_ARENA_MAX=1");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}

/// Serves LSP on stdin/stdout until the client exits. Logs go to stderr,
/// at the level in `COPYDESK_LOG` (default `warn`).
pub fn run_stdio() -> std::process::ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    if std::io::stdin().is_terminal() {
        // A person, not an editor, started it: say what it is waiting for.
        // Not eprint!: it panics when stderr is closed.
        let _ = std::io::stderr().write_all(WAITING_AT_A_TERMINAL.as_bytes());
    }
    one_malloc_arena();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            // stderr: stdout belongs to the protocol
            tracing::error!("copydesk: cannot start the language server: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let analyser = match Analyser::start() {
        Ok(analyser) => analyser,
        Err(e) => {
            tracing::error!("copydesk: cannot start the analysis thread: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let heard = Arc::new(AtomicBool::new(false));
    let stdin = NoticesInput {
        inner: tokio::io::stdin(),
        heard: heard.clone(),
    };
    runtime.block_on(async move {
        let (service, socket) =
            LspService::build(move |client| Backend::new(client, flag, analyser))
                .custom_method(transport::STAND_IN_METHOD, Backend::unreadable_input)
                .custom_method(transport::INVALID_REQUEST_METHOD, Backend::invalid_request)
                .custom_method(
                    transport::INVALID_CHARACTERS_METHOD,
                    Backend::invalid_characters,
                )
                .finish();
        // Frames pass through a filter that survives bad input (see
        // `transport`); the service reads the filtered stream.
        let (filtered, feed) = tokio::io::duplex(256 * 1024);
        tokio::spawn(transport::filter_frames(stdin, feed));
        Server::new(filtered, tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_background();
    // `exit` without `shutdown` first ends with status 1 (LSP specification).
    if shut_down.load(Ordering::Relaxed) {
        std::process::ExitCode::SUCCESS
    } else {
        if !heard.load(Ordering::Relaxed) {
            let _ = writeln!(std::io::stderr(), "{CLOSED_BEFORE_ANY_MESSAGE}");
        }
        std::process::ExitCode::from(1)
    }
}

/// Printed to stderr when stdin is a terminal: someone ran `copydesk` by hand
/// and would otherwise see a silent, waiting program.
const WAITING_AT_A_TERMINAL: &str = "\
copydesk is a language server: it is now waiting for an editor to talk to it \
on stdin (Ctrl-D or Ctrl-C to stop).
  To check a draft instead:  copydesk check story.md   (a folder, or - for stdin)
  To set up an editor:       https://github.com/copydesk/copydesk#install
  All commands:              copydesk --help
";

/// Printed when stdin ends before an editor sent anything: the usual sign of
/// a misconfigured client, or of `copydesk </dev/null` in a script.
const CLOSED_BEFORE_ANY_MESSAGE: &str = "copydesk: stdin closed before any \
message from an editor, so there was nothing to serve (run `copydesk check FILE` \
to check a draft, or `copydesk --help`)";

/// Stdin that records whether anything at all arrived, so that the exit
/// can tell "no editor ever spoke" from "the editor left without `shutdown`".
struct NoticesInput<R> {
    inner: R,
    heard: Arc<AtomicBool>,
}

impl<R: AsyncRead + Unpin> AsyncRead for NoticesInput<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.heard.store(true, Ordering::Relaxed);
        }
        polled
    }
}
