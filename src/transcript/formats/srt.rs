//! SubRip (`.srt`): numbered cues, `00:12:34,500 --> 00:12:38,000`, the
//! words, a blank line.
//!
//! Read by timing lines rather than by numbered blocks, because SubRip as
//! it is found is loose: the index may be missing or garbled, the blank
//! line between cues may be missing (a number just before a timing line is
//! then that cue's index, not words), `.` may stand for `,`, and files
//! come with CRLF line ends and a byte order mark. A `Name:` label names
//! the speaker ([`super::label`]); markup (`<i>`, `{\an8}`) stays in the
//! words for the word reader to skip. Written here, not taken from a
//! crate, for the byte ranges (see [`super::vtt`]).

use super::label::label;
use super::scan::{self, Line};
use crate::transcript::segment::{Problem, Segment};

pub(super) fn parse(text: &str) -> Result<Vec<Segment>, Problem> {
    let mut reading = Reading::default();
    // an index was just read, outside a cue: a timing line must follow
    let mut after_index = false;
    for line in scan::lines(text) {
        if line.is_blank() {
            reading.close(text);
        } else if line.text.contains("-->") {
            match scan::timing(line.text) {
                Some(times) => reading.open(text, times),
                None => {
                    reading.close(text);
                    reading.bad(&line);
                }
            }
        } else if reading.times.is_some() {
            reading.payload.push(line);
        } else if is_index(line.text) && !after_index {
            after_index = true;
            continue;
        } else {
            reading.bad(&line);
        }
        after_index = false;
    }
    reading.close(text);
    match (reading.cues, reading.first_bad) {
        (0, Some((line, found))) => Err(Problem {
            line,
            message: format!(
                "expected a SubRip timing line such as `00:01:02,500 --> 00:01:05,000`, found `{found}`"
            ),
        }),
        _ => Ok(reading.segments),
    }
}

/// A cue number.
fn is_index(line: &str) -> bool {
    scan::all_digits(line.trim())
}

#[derive(Default)]
struct Reading<'a> {
    segments: Vec<Segment>,
    /// The open cue's times, and its lines so far.
    times: Option<(u64, u64)>,
    payload: Vec<Line<'a>>,
    /// Timing lines read.
    cues: usize,
    /// The first line that stood where a timing line should have.
    first_bad: Option<(usize, String)>,
}

impl<'a> Reading<'a> {
    fn open(&mut self, text: &str, times: (u64, u64)) {
        if self.payload.last().is_some_and(|l| is_index(l.text)) {
            self.payload.pop();
        }
        self.close(text);
        self.times = Some(times);
        self.cues += 1;
    }

    /// Ends the open cue, making its segment.
    fn close(&mut self, text: &str) {
        let (Some((start, end)), Some(first), Some(last)) =
            (self.times.take(), self.payload.first(), self.payload.last())
        else {
            self.payload.clear();
            return;
        };
        let (speaker, from) = match label(first.text) {
            Some(l) => (Some(l.name.to_owned()), first.start + l.words_at),
            None => (None, first.start),
        };
        let range = scan::trimmed(text, from..last.end());
        if !range.is_empty() {
            self.segments.push(Segment {
                start_ms: Some(start),
                end_ms: Some(end),
                speaker,
                text: range,
            });
        }
        self.payload.clear();
    }

    fn bad(&mut self, line: &Line) {
        if self.first_bad.is_none() {
            self.first_bad = Some((line.number, scan::shown(line.text)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(u64, u64, Option<&str>, &str)> {
        let segments = parse(text).unwrap_or_else(|p| panic!("{p:?}"));
        segments
            .iter()
            .map(|s| {
                let (Some(start), Some(end)) = (s.start_ms, s.end_ms) else {
                    panic!("a cue without times: {s:?}");
                };
                let speaker = s.speaker.as_deref().map(|n| {
                    let at = text.find(n).expect("the speaker is in the text");
                    &text[at..at + n.len()]
                });
                (start, end, speaker, &text[s.text.clone()])
            })
            .collect()
    }

    #[test]
    fn numbered_cues_with_labels_markup_and_several_lines() {
        let text = "1\n00:00:01,000 --> 00:00:03,500\nHARBOUR MASTER: Tides first.\n\n\
                    2\n00:00:04,000 --> 00:00:06,000 X1:10 X2:20\n<i>Then</i> the\n{\\an8}boats.\n";
        assert_eq!(
            read(text),
            [
                (1_000, 3_500, Some("HARBOUR MASTER"), "Tides first."),
                (4_000, 6_000, None, "<i>Then</i> the\n{\\an8}boats."),
            ]
        );
    }

    #[test]
    fn crlf_bom_dots_and_a_missing_hour() {
        let text = "\u{feff}1\r\n00:00:01.250 --> 00:00:02.000\r\nOne.\r\n\r\n2\r\n00:03,000 --> 00:04,000\r\nTwo.\r\n";
        assert_eq!(
            read(text),
            [(1_250, 2_000, None, "One."), (3_000, 4_000, None, "Two.")]
        );
    }

    #[test]
    fn missing_garbled_indexes_and_missing_blank_lines() {
        let text =
            "00:00:01,000 --> 00:00:02,000\nOne.\n2\n00:00:02,000 --> 00:00:03,000\nTwo.\n\n\
                    #3?\n00:00:03,000 --> 00:00:04,000\nThree.";
        assert_eq!(
            read(text),
            [
                (1_000, 2_000, None, "One."),
                (2_000, 3_000, None, "Two."),
                (3_000, 4_000, None, "Three."),
            ]
        );
    }

    #[test]
    fn a_bad_timing_line_loses_its_cue_only() {
        let text = "1\n00:00:01,000 --> later\nLost.\n\n2\n00:00:05,000 --> 00:00:06,000\nKept.\n";
        assert_eq!(read(text), [(5_000, 6_000, None, "Kept.")]);
    }

    #[test]
    fn no_timing_line_is_an_error_naming_where_one_should_be() {
        let problem = parse("1\nHello there\n\n2\nAgain\n").unwrap_err();
        assert_eq!(problem.line, 2, "{problem:?}");
        assert!(problem.message.contains("`Hello there`"), "{problem:?}");
        let problem = parse("\n\n1\n00:01 --> 00:0x\nHi\n").unwrap_err();
        assert_eq!(problem.line, 4, "{problem:?}");
        assert_eq!(parse("1\n2\n3\n").unwrap_err().line, 2);
        assert_eq!(parse(""), Ok(Vec::new()));
        assert_eq!(parse("\r\n\r\n"), Ok(Vec::new()));
    }

    #[test]
    fn a_cue_without_words_makes_no_segment() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\n   \n";
        assert_eq!(parse(text), Ok(Vec::new()));
    }
}
