//! Any text as a transcript in every format: no panic; every segment's
//! words inside the text, on character boundaries and with its times in
//! order (in JSON, the contents of a string: escapes whole, no bare quote);
//! every problem on a line of the text; and every word the transcript reads
//! inside its segment.
#![no_main]

use copydesk::transcript::{formats, Format, Segment, Transcript};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.split('\n').count();
    for format in Format::ALL {
        match formats::parse(format, &text) {
            Ok(segments) => {
                for segment in &segments {
                    check_segment(&text, segment, format);
                }
            }
            Err(problem) => assert!(
                (1..=lines).contains(&problem.line),
                "{format:?}: line {} of {lines}: {}",
                problem.line,
                problem.message
            ),
        }
        if let Ok(transcript) = Transcript::parse("fuzz", format, text.to_string()) {
            for word in &transcript.words.list {
                let segment = &transcript.segments[word.segment as usize];
                assert!(
                    segment.text.start <= word.start
                        && word.start < word.end
                        && word.end <= segment.text.end,
                    "{format:?}: word {:?} outside its segment {:?}",
                    word.range(),
                    segment.text
                );
            }
        }
    }
    for name in ["a.vtt", "a.srt", "a.json", "a.txt", "a.md"] {
        let _ = Format::detect(name, &text);
    }
});

fn check_segment(text: &str, segment: &Segment, format: Format) {
    let range = &segment.text;
    assert!(
        range.start < range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{format:?}: {segment:?} in a text of {} bytes",
        text.len()
    );
    if let (Some(start), Some(end)) = (segment.start_ms, segment.end_ms) {
        assert!(start <= end, "{format:?}: {segment:?}");
    }
    if format == Format::WhisperJson {
        let raw = &text[range.clone()];
        assert!(
            is_json_string_contents(raw),
            "{raw:?} is not inside one JSON string"
        );
    }
}

/// Whether `raw` can stand between the quotes of a JSON string: no bare
/// quote or control character, and every escape whole.
fn is_json_string_contents(raw: &str) -> bool {
    let mut bytes = raw.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'"' | 0..=0x1f => return false,
            b'\\' => match bytes.next() {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {}
                Some(b'u') => {
                    if !(0..4).all(|_| bytes.next().is_some_and(|h| h.is_ascii_hexdigit())) {
                        return false;
                    }
                }
                _ => return false,
            },
            _ => {}
        }
    }
    true
}
