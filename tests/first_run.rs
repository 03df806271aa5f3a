//! `copydesk` run by a person rather than an editor: at a terminal it says
//! what it is waiting for, and with stdin closed before any message it says
//! why it stopped, in one line. An editor that spoke first gets neither.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

const CLOSED_LINE: &str = "stdin closed before any message from an editor";

#[test]
fn stdin_closed_before_any_message_exits_with_a_one_line_reason() {
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .stdin(Stdio::null())
        .output()
        .expect("run copydesk");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        output.stdout.is_empty(),
        "stdout is the protocol's: {output:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(CLOSED_LINE), "{stderr}");
    assert!(stderr.contains("copydesk check FILE"), "{stderr}");
}

#[test]
fn an_editor_that_spoke_then_left_gets_no_first_run_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
    let mut stdin = child.stdin.take().expect("stdin");
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    drop(stdin);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(1), "left without shutdown");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(r#""id":1"#),
        "initialize was answered: {stdout}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains(CLOSED_LINE), "{stderr}");
    assert!(!stderr.contains("language server"), "{stderr}");
}

/// At a terminal (a pseudo-terminal here) it explains itself on stderr,
/// keeps stdout clean, and still ends when the terminal goes away.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn at_a_terminal_it_says_what_it_is_waiting_for() {
    use std::os::fd::{FromRawFd, OwnedFd};

    let (mut master, slave) = open_pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .stdin(Stdio::from(slave))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    let mut stderr = child.stderr.take().expect("stderr");
    // Read on a thread, so that a missing banner fails the test rather than
    // hanging it: the server waits on the terminal for as long as it is open.
    let (sender, banner) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut chunk = [0u8; 512];
        while !String::from_utf8_lossy(&seen).contains("copydesk --help") {
            match stderr.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&chunk[..n]),
            }
        }
        let _ = sender.send(String::from_utf8_lossy(&seen).into_owned());
    });
    let banner = banner
        .recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_default();
    assert!(banner.contains("language server"), "{banner}");
    assert!(banner.contains("waiting for an editor"), "{banner}");
    assert!(banner.contains("copydesk check story.md"), "{banner}");
    assert!(banner.contains("#install"), "{banner}");

    // The terminal closes: the server's read fails and it stops.
    master.flush().ok();
    drop(master);
    assert!(banner.contains("copydesk --help"), "no banner: {banner:?}");
    // A deadline rather than wait(): a server that outlived its terminal
    // must fail the test, not hang it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("copydesk still running 20 s after its terminal closed");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut stdout)
        .expect("read stdout");
    assert!(stdout.is_empty(), "stdout is the protocol's: {stdout}");

    fn open_pty() -> (std::fs::File, OwnedFd) {
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: openpty writes two descriptors it opened into the two ints;
        // the null pointers ask for no name, termios or window size.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        for fd in [master, slave] {
            // SAFETY: fcntl on descriptors this function just opened. Close on
            // exec: a master inherited by the server would keep the terminal
            // open after the test drops its own. (A child another test spawns
            // between openpty and here could inherit it too; those children
            // exit at once, so it only delays the close.)
            let rc = unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
            assert_eq!(rc, 0, "fcntl: {}", std::io::Error::last_os_error());
        }
        // SAFETY: both descriptors are fresh and owned by nothing else.
        unsafe {
            (
                std::fs::File::from_raw_fd(master),
                OwnedFd::from_raw_fd(slave),
            )
        }
    }
}
