//! What a transcript format is read into: segments of speech, or the
//! problem that stopped the reading. A leaf: the formats, the word reader
//! and the transcript all build on it.

use std::ops::Range;

/// One stretch of speech: a WebVTT or SubRip cue (or one voice of it), a
/// Whisper segment, a paragraph of an Otter-style export or of notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// When the words begin and end, in milliseconds from the start of the
    /// recording; `None` in formats without times (notes).
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// The speaker's label as the transcript writes it (`Speaker 1`,
    /// `Ben Wallace`, `WALLACE`), trimmed; `None` when it names nobody.
    pub speaker: Option<String>,
    /// The spoken words' bytes in the file's text: without the cue number,
    /// the times and the speaker label. Markup inside it (`<i>`, `</v>`,
    /// `{\an8}`) and, in JSON, string escapes are read past by [`words`]
    /// according to the transcript's [`Format`].
    pub text: Range<usize>,
}

/// A transcript file that could not be read: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the file where reading stopped.
    pub line: usize,
    pub message: String,
}
