//! Any text as a `copydesk.toml`: no panic, and every problem has a line and
//! column inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = lines_of(&text);
    for problem in copydesk::config::file::parse(&text).problems {
        let (line, col) = problem
            .line_col
            .unwrap_or_else(|| panic!("no position for {:?}", problem.message));
        assert!(
            (1..=lines.len()).contains(&line),
            "line {line} of {}: {}",
            lines.len(),
            problem.message
        );
        let width = lines[line - 1].chars().count();
        assert!(
            (1..=width + 1).contains(&col),
            "column {col} of a line of {width} characters: {}",
            problem.message
        );
    }
});

/// The lines of `text` as copydesk and LSP count them: a line ends at
/// `\n`, `\r\n` or a lone `\r`.
fn lines_of(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&text[start..]);
    lines
}
