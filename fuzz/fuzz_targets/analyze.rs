//! Any text, plain and Markdown, through the analysis and every rule: no
//! panic, and every finding's range lies on character boundaries in the text.
#![no_main]

use copydesk::{check_draft, Config, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [SourceFormat::PlainText, SourceFormat::Markdown] {
        for d in check_draft(&text, format, &Config::default()).diagnostics {
            let r = &d.range;
            let fits = r.start <= r.end && r.end <= text.len();
            assert!(
                fits && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{} at {r:?} in {} bytes of {format:?}",
                d.code,
                text.len()
            );
        }
    }
});
