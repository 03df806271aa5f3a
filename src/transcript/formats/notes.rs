//! Plain notes (`.txt`, `.md`): a reporter's typed record, without times.
//!
//! Each paragraph is a segment, and so is each line that starts with a
//! speaker label (`Ben Wallace:`, `Q:`, `**A:**`, see [`super::label`]);
//! the unlabelled lines after a labelled one are the same speaker's until
//! the paragraph ends. Markdown's front matter, headings and thematic
//! breaks are nobody's words; list and quote markers (`- `, `* `, `+ `,
//! `> `) are left out of a line's words. Never fails: any text is notes.

use std::ops::Range;

use super::label::label;
use super::scan::{self, Line};
use crate::transcript::segment::{Problem, Segment};

pub(super) fn parse(text: &str) -> Result<Vec<Segment>, Problem> {
    let body_from = front_matter_end(text);
    let mut notes = Notes {
        text,
        segments: Vec::new(),
        open: None,
    };
    for line in scan::lines(text).filter(|l| l.number > body_from) {
        if line.is_blank() || is_heading(line.text) || is_break(line.text) {
            notes.close();
            continue;
        }
        let marker = marker_len(line.text);
        let content = &line.text[marker..];
        match label(content) {
            Some(l) => {
                notes.close();
                notes.open = Some((Some(l.name), line.start + marker + l.words_at..line.end()));
            }
            None => match &mut notes.open {
                Some((_, range)) => range.end = line.end(),
                None => notes.open = Some((None, line.start + marker..line.end())),
            },
        }
    }
    notes.close();
    Ok(notes.segments)
}

struct Notes<'a> {
    text: &'a str,
    segments: Vec<Segment>,
    /// The segment being read: its speaker and its bytes so far.
    open: Option<(Option<&'a str>, Range<usize>)>,
}

impl Notes<'_> {
    fn close(&mut self) {
        let Some((speaker, range)) = self.open.take() else {
            return;
        };
        let range = scan::trimmed(self.text, range);
        if !range.is_empty() {
            self.segments.push(Segment {
                start_ms: None,
                end_ms: None,
                speaker: speaker.map(str::to_owned),
                text: range,
            });
        }
    }
}

/// The number of the line closing front matter (`---` on line 1, then
/// `---` or `...`), or 0 when there is none. An opening `---` never
/// closed is a thematic break, not front matter hiding the whole file.
fn front_matter_end(text: &str) -> usize {
    let mut lines = scan::lines(text);
    if lines.next().is_none_or(|l| l.text.trim_end() != "---") {
        return 0;
    }
    lines
        .find(|l: &Line| matches!(l.text.trim_end(), "---" | "..."))
        .map_or(0, |l| l.number)
}

/// A Markdown ATX heading: up to three spaces, one to six `#`, then a
/// space or nothing (`#hashtag` is words).
fn is_heading(line: &str) -> bool {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return false;
    }
    let hashes = body.len() - body.trim_start_matches('#').len();
    let rest = &body[hashes..];
    (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// A thematic break: three or more of one of `-`, `*`, `_`, spaces between.
fn is_break(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    let mut count = 1;
    for c in marks {
        if c != first {
            return false;
        }
        count += 1;
    }
    matches!(first, '-' | '*' | '_') && count >= 3
}

/// The bytes of list and quote markers (`- `, `* `, `+ `, `> `, nested
/// as in `> - `) and their indentation at the start of a line.
fn marker_len(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let indent = rest.len() - rest.trim_start().len();
        let after = &rest[indent..];
        let marker = match after.as_bytes() {
            [b'-' | b'*' | b'+' | b'>', b' ' | b'\t', ..] => 2,
            [b'>', ..] => 1,
            _ => return at,
        };
        at += indent + marker;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Option<String>, &str)> {
        let segments = parse(text).expect("notes never fail");
        segments
            .into_iter()
            .map(|s| {
                assert_eq!((s.start_ms, s.end_ms), (None, None));
                (s.speaker, &text[s.text])
            })
            .collect()
    }

    fn some(name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    #[test]
    fn paragraphs_and_labelled_lines() {
        let text = "Met at the ferry office.\nRaining.\n\nQ: How long\nhave you worked here?\n\
                    A: Nine years.\nMARIT EK: Ten, he means.\n\nStill unlabelled.";
        assert_eq!(
            read(text),
            [
                (None, "Met at the ferry office.\nRaining."),
                (some("Q"), "How long\nhave you worked here?"),
                (some("A"), "Nine years."),
                (some("MARIT EK"), "Ten, he means."),
                (None, "Still unlabelled."),
            ]
        );
    }

    #[test]
    fn a_speaker_does_not_carry_over_a_blank_line() {
        let text = "Ole Berg: First.\n\nSecond.";
        assert_eq!(
            read(text),
            [(some("Ole Berg"), "First."), (None, "Second.")]
        );
    }

    #[test]
    fn markdown_front_matter_headings_breaks_and_markers() {
        let text = "---\ntitle: Port notes\ndate: 2024\n---\n# Interview\n\n\
                    - **Ana Ruiz:** We stayed.\n> - Q: Why?\n  * plain item\n***\n#tag stays\r\n";
        assert_eq!(
            read(text),
            [
                (some("Ana Ruiz"), "We stayed."),
                (some("Q"), "Why?\n  * plain item"),
                (None, "#tag stays"),
            ]
        );
    }

    #[test]
    fn front_matter_never_closed_is_not_front_matter() {
        let text = "---\nA: Yes.";
        assert_eq!(read(text), [(some("A"), "Yes.")]);
    }

    #[test]
    fn crlf_bom_and_empty_files() {
        assert_eq!(
            read("\u{feff}Q: One?\r\nA: Two.\r\n"),
            [(some("Q"), "One?"), (some("A"), "Two.")]
        );
        assert_eq!(read(""), []);
        assert_eq!(read("\n \n# Only a heading\n"), []);
        assert_eq!(read("Q:\n\nA: \n"), []);
    }
}
