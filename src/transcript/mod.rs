//! Interview transcripts: the record a draft's quotes are checked against.
//!
//! Pure, like [`crate::analysis`]: text in, values out, no files. A
//! transcript file's text is parsed ([`formats`]) into timed,
//! speaker-labelled [`Segment`]s that point into that text; its words are
//! then read once ([`words`]) and indexed ([`index`]) so that a quote is
//! found by looking its words up rather than by scanning every transcript
//! for every quote. [`align`] lines a quote's words up against a passage
//! the index proposes.
//!
//! Every offset is a byte offset into the transcript file's text, so that a
//! passage can be shown, opened at its line and quoted back exactly.

pub mod align;
pub mod formats;
pub mod front_matter;
pub mod index;
#[cfg(feature = "server")]
pub mod load;
mod segment;
pub mod words;

use std::ops::Range;
use std::sync::Arc;

use crate::analysis::line_index::LineIndex;

pub use formats::Format;
pub use segment::{Problem, Segment};

/// A transcript: the file's text, its segments, and the index over its
/// words. Built once per file version and shared (`Arc`) by every draft
/// checked against it.
#[derive(Debug)]
pub struct Transcript {
    /// How the transcript is named in messages and the JSON: the path as
    /// the user wrote it or relative to the draft.
    pub name: String,
    /// The file's absolute path, when it was read from one (set by
    /// [`load`]), for an editor to open it at a passage.
    pub path: Option<std::path::PathBuf>,
    pub format: Format,
    pub text: String,
    pub segments: Vec<Segment>,
    pub words: words::Words,
    pub index: index::Index,
    /// Where its lines start: for messages and editors that name a line.
    pub lines: LineIndex,
}

impl Transcript {
    /// Parses `text` as `format` and indexes its words.
    pub fn parse(name: &str, format: Format, text: String) -> Result<Transcript, Problem> {
        let segments = formats::parse(format, &text)?;
        Ok(Transcript::from_segments(name, format, text, segments))
    }

    /// A transcript from segments already found in `text`.
    pub fn from_segments(
        name: &str,
        format: Format,
        text: String,
        segments: Vec<Segment>,
    ) -> Transcript {
        let words = words::Words::read(&text, &segments, format);
        let index = index::Index::build(&words);
        let lines = LineIndex::new(&text);
        Transcript {
            name: name.to_owned(),
            path: None,
            format,
            text,
            segments,
            words,
            index,
            lines,
        }
    }

    /// The 1-based line holding byte `offset` of the text.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// The words of `range` as spoken, for a message or a fix: markup left
    /// out, escapes decoded, spaces collapsed.
    pub fn spoken(&self, range: Range<usize>) -> String {
        let mut out = String::with_capacity(range.len());
        let mut push = |c: char| {
            if c.is_whitespace() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        };
        words::spoken_chars(&self.text, range, self.format).for_each(|(_, _, c)| push(c));
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out
    }

    /// When the word at or after byte `offset` was said, in milliseconds,
    /// if the transcript has times.
    pub fn time_at(&self, offset: usize) -> Option<u64> {
        let list = &self.words.list;
        let word = list.get(list.partition_point(|w| w.end <= offset))?;
        self.segments.get(word.segment as usize)?.start_ms
    }
}

/// The transcripts a draft is checked against, and how their speakers'
/// labels map to the story's people. Cheap to clone: the transcripts are
/// shared.
#[derive(Debug, Clone, Default)]
pub struct Transcripts {
    pub files: Vec<Arc<Transcript>>,
    /// `[transcripts.speakers]`: a label (`Speaker 1`) → the name of the
    /// person it is (`Ben Wallace`), as the configuration says.
    pub speakers: Vec<(String, String)>,
}

impl Transcripts {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A time as transcripts and messages show it: `00:12:34`.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_shows_hours_minutes_seconds() {
        assert_eq!(clock(0), "00:00:00");
        assert_eq!(clock(754_999), "00:12:34");
        assert_eq!(clock(7_384_000), "02:03:04");
    }
}
