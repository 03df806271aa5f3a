//! What the transcripts say about a draft's quotations: for each, the
//! passage it was found in, how well it matches and who spoke it
//! ([`super::sources`] finds them). A leaf the analysis model holds.

use std::ops::Range;
use std::sync::Arc;

use crate::transcript::align::{Difference, Fit};
use crate::transcript::{Transcript, Transcripts};

use super::people::People;

/// Where a quotation's words were said.
#[derive(Debug, Clone)]
pub struct Passage {
    pub transcript: Arc<Transcript>,
    /// The transcript, by index in [`Transcripts::files`].
    pub file: usize,
    /// The passage's bytes in the transcript file, first word to last.
    pub range: Range<usize>,
    /// The segment the passage begins in.
    pub segment: usize,
    /// Who spoke it: the segment's label, and the person in the story the
    /// label is, when known.
    pub label: Option<String>,
    pub person: Option<usize>,
}

impl Passage {
    /// When the passage begins in the recording, in milliseconds.
    pub fn time(&self) -> Option<u64> {
        self.transcript.segments.get(self.segment)?.start_ms
    }

    /// Who spoke it, as a message names them: the person the label is, else
    /// the label.
    pub fn speaker_name<'a>(&'a self, people: &'a People) -> Option<&'a str> {
        match self.person {
            Some(p) => people.persons.get(p).map(|p| p.name.as_str()),
            None => self.label.as_deref(),
        }
    }

    /// Where the passage is, for a message: `wallace.vtt, 00:12:34, Ben
    /// Wallace` (the time, else the line; the speaker when known).
    pub fn place(&self, people: &People) -> String {
        self.place_at(people, self.range.start)
    }

    /// Where the words at byte `offset` of the transcript are, for a
    /// message about them: a quotation of several paragraphs spans
    /// several cues, and each difference names its own time.
    pub fn place_at(&self, people: &People, offset: usize) -> String {
        let mut out = self.transcript.name.clone();
        match self.transcript.time_at(offset).or(self.time()) {
            Some(ms) => out.push_str(&format!(", {}", crate::transcript::clock(ms))),
            None => out.push_str(&format!(", line {}", self.transcript.line_of(offset))),
        }
        if let Some(name) = self.speaker_name(people) {
            out.push_str(", ");
            out.push_str(name);
        }
        out
    }

    /// The 1-based line of the transcript it begins on.
    pub fn line(&self) -> usize {
        self.transcript.line_of(self.range.start)
    }
}

/// A quotation held against the transcripts.
#[derive(Debug, Clone)]
pub struct QuoteSource {
    pub fit: Fit,
    /// The passage it matches; `None` when it was found nowhere.
    pub passage: Option<Passage>,
    /// Where the draft's words and the passage's differ (for a close
    /// match), draft bytes and passage-file bytes.
    pub differences: Vec<Difference>,
    /// For a quotation found nowhere: the transcripts that hold its
    /// speaker's words.
    pub speaker_transcripts: Vec<Arc<Transcript>>,
}

/// A speaker label of a transcript, and who it is in this story.
#[derive(Debug, Clone)]
pub struct Voice {
    /// The transcript, by index in [`Transcripts::files`].
    pub file: usize,
    /// `None` for the segments without a label.
    pub label: Option<String>,
    pub person: Option<usize>,
    /// A one-word label heading a single segment and naming nobody in the
    /// story (`Look: nobody wants this` in notes): more likely the first
    /// word of what was said than a speaker, so it names no one.
    pub doubtful: bool,
}

/// What the transcripts say about a draft's quotations.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub transcripts: Transcripts,
    /// Indexed like [`Analysis::quotes`]: `None` for a quotation no
    /// transcript applies to (not found, and its speaker has none), and for
    /// headlines and terms.
    pub quotes: Vec<Option<QuoteSource>>,
    pub voices: Vec<Voice>,
}

impl Sources {
    /// Whether any transcript holds words of person `person`.
    pub fn has_transcript(&self, person: usize) -> bool {
        self.voices.iter().any(|v| v.person == Some(person))
    }

    /// The voice of a transcript's segment.
    pub fn voice_of(&self, file: usize, label: Option<&str>) -> Option<&Voice> {
        self.voices
            .iter()
            .find(|v| v.file == file && v.label.as_deref() == label)
    }
}
