//! Any text as a `copydesk.toml`: no panic, and every problem has a line and
//! column inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').collect();
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
