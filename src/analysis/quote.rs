//! A quotation as the analysis reports it, and who said it.

use std::ops::Range;

use super::attribution::How;
use super::quotes::QuoteSpan;

/// What kind of speaker a quote has (the JSON `speaker.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    Person,
    Role,
    Organisation,
}

impl SpeakerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Role => "role",
            SpeakerKind::Organisation => "organisation",
        }
    }
}

/// Who said a quote, and how the analysis knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The canonical name of the person, or the description as written.
    pub name: String,
    pub kind: SpeakerKind,
    /// The words in the text that name the speaker (the mention, pronoun or
    /// description).
    pub range: Range<usize>,
    /// The person, when the speaker is one the people model knows.
    pub person: Option<usize>,
    /// The cue (`said`, `according to`), if any.
    pub cue: Option<Range<usize>>,
    pub how: How,
    /// The pronoun as written, when the speaker was named by one.
    pub pronoun: Option<String>,
    /// For a role speaker not bound to anyone, the person the role most
    /// likely is: `the defence secretary has said` in the opening paragraph,
    /// followed by `Ben Wallace` introduced next. A guess, kept apart from
    /// `person` (which is certain).
    pub guess: Option<usize>,
    /// How likely the speaker model holds this reading, in percent, when a
    /// model chose it.
    pub likelihood: Option<u8>,
}

/// A quotation and what the analysis found out about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub span: QuoteSpan,
    /// In a headline or crosshead.
    pub display: bool,
    /// A quoted term, title or scare quote rather than speech: it needs no
    /// speaker.
    pub term: bool,
    /// A quotation the story reports (the quotation model's reading): not
    /// a title, a name or markup in quotation marks. A scare quote someone
    /// is said to use is one.
    pub quotation: bool,
    pub speaker: Option<Speaker>,
}

impl Quote {
    /// Whether this is speech the story reports (not a term), outside display
    /// text unless the display text itself attributes it.
    pub fn is_reported(&self) -> bool {
        self.quotation && (!self.display || self.speaker.is_some())
    }
}
