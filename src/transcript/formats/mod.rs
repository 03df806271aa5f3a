//! The transcript formats reporters have, each read into [`Segment`]s.
//!
//! One file per format; each exposes `parse(text) -> Result<Vec<Segment>,
//! Problem>`. A parser is lenient about what it can make sense of (a cue
//! without text is skipped) and fails, naming the line, only where the file
//! is not that format at all.

use super::segment::{Problem, Segment};

mod label;
mod notes;
#[cfg(test)]
mod proptests;
mod scan;
mod srt;
mod timed;
mod vtt;
mod whisper;

/// A transcript's format, which decides how it is parsed and how its words
/// are read (markup skipped, JSON escapes decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WebVTT (`.vtt`): cues with `<v Name>` voice tags or `Name:` prefixes.
    WebVtt,
    /// SubRip (`.srt`).
    SubRip,
    /// Whisper/OpenAI-style JSON (`.json`): `segments` with `start`, `end`,
    /// `text` and an optional `speaker`.
    WhisperJson,
    /// Otter/Trint-style text: `Name  0:12` or `[00:12:34] Name:` before
    /// the words.
    Timed,
    /// Plain notes (`.txt`, `.md`): no times; `Name:` prefixes name the
    /// speaker.
    Notes,
}

impl Format {
    /// Every format, for tests and tools that try each.
    pub const ALL: [Format; 5] = [
        Format::WebVtt,
        Format::SubRip,
        Format::WhisperJson,
        Format::Timed,
        Format::Notes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::WebVtt => "WebVTT",
            Format::SubRip => "SubRip",
            Format::WhisperJson => "Whisper JSON",
            Format::Timed => "timed text",
            Format::Notes => "notes",
        }
    }

    /// Whether the words carry markup to read past (`<i>`, `<v Name>`,
    /// `{\an8}`).
    pub fn has_markup(self) -> bool {
        matches!(self, Format::WebVtt | Format::SubRip)
    }

    /// The format of a file named `name` (its extension) holding `text`:
    /// `.txt` and `.md` files are timed text when their lines carry times,
    /// notes otherwise. `None` for an extension that is no transcript.
    pub fn detect(name: &str, text: &str) -> Option<Format> {
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match extension.as_str() {
            "vtt" => Some(Format::WebVtt),
            "srt" => Some(Format::SubRip),
            "json" => Some(Format::WhisperJson),
            "txt" | "md" | "markdown" | "text" => Some(if timed::looks_timed(text) {
                Format::Timed
            } else {
                Format::Notes
            }),
            _ => None,
        }
    }
}

/// Reads `text` as `format`.
pub fn parse(format: Format, text: &str) -> Result<Vec<Segment>, Problem> {
    match format {
        Format::WebVtt => vtt::parse(text),
        Format::SubRip => srt::parse(text),
        Format::WhisperJson => whisper::parse(text),
        Format::Timed => timed::parse(text),
        Format::Notes => notes::parse(text),
    }
}
