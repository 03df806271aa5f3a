//! An attribution as found in the text ([`Attribution`]), how it was found
//! ([`How`]), and the paragraph the finders read ([`ParagraphTokens`]).

use std::ops::Range;

use super::super::phrases::{Phrase, PhraseKind};
use super::super::tokens::Tokens;
use super::subjects::SubjectsOf;

/// How an attribution was found, for hovers and for the reader of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// `“…,” Mr Wallace said.` / `“…,” said Mr Wallace.`
    After,
    /// `Mr Wallace said: “…”`, `He noted “…”`, `what he described as “…”`.
    Before,
    /// `according to X`, `heard from X that …`.
    Source,
    /// `dismissed as “deaf” by X`.
    Passive,
    /// `X: “…”` (a name and a colon, as in headlines and transcripts).
    Colon,
    /// The quote continues an attributed quote in the same paragraph.
    SameParagraph { quote: usize },
    /// A quote-only paragraph that follows the same speaker's quote.
    PreviousParagraph { quote: usize },
    /// `Caddell continued:` closing the paragraph before.
    IntroducedBefore,
    /// A quote that opens a sentence after `X said …` in the same paragraph.
    EarlierSentence,
}

/// Where a candidate speaker for a quote was read: by one of the clause
/// finders around the quote (the first seven, in their order of trust), or
/// carried from earlier in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Finder {
    /// A headline's own: `Pat Caddell: Voters Are ‘Worried’`.
    Headline,
    /// A transcript label inside the marks: `"PENCE: Well, …"`.
    Label,
    /// `“…,” Mr Wallace said.` / `“…,” said Mr Wallace.`
    After,
    /// `“…” — Jane Doe`.
    DashAfter,
    /// `dismissed as “deaf” by X`.
    Passive,
    /// `Pat Caddell: “…”`.
    Colon,
    /// `Mr Wallace said: “…”`, `according to X, “…”`.
    Before,
    /// `He would never “bow” to pressure, Mr Smith said.`
    Later,
    /// The subject of the quote's sentence: `The mayor stressed the
    /// “shared goal”`.
    Subject,
    /// The latest speech cue earlier in the paragraph: `X said. “…”`.
    EarlierCue,
    /// The speaker of the quote before in the paragraph.
    EarlierQuote,
    /// `Caddell continued:` ending the paragraph before.
    IntroducedBefore,
    /// The latest speech cue of the paragraph before.
    PreviousCue,
    /// The speaker of the last quote of the paragraph before.
    PreviousQuote,
    /// A person named near the quote (its sentence or the one before).
    Mention,
    /// A pronoun near the quote.
    Pronoun,
    /// The subject of a verb of speech near the quote.
    VerbSubject,
    /// The noun phrase opening a clause near the quote.
    ClauseStart,
    /// A paragraph of a dash and a name under the quote's: `— Jane Morrow.`
    Signature,
    /// A source named near the quote: `according to X`.
    Source,
    /// Whose words a noun of speech says they are: `her remark that “…”`,
    /// `his promise to be “neutral”`.
    Possessive,
}

impl Finder {
    /// Every finder, for feature names and tables.
    pub const ALL: [Finder; 21] = [
        Finder::Headline,
        Finder::Label,
        Finder::After,
        Finder::DashAfter,
        Finder::Passive,
        Finder::Colon,
        Finder::Before,
        Finder::Later,
        Finder::Subject,
        Finder::EarlierCue,
        Finder::EarlierQuote,
        Finder::IntroducedBefore,
        Finder::PreviousCue,
        Finder::PreviousQuote,
        Finder::Mention,
        Finder::Pronoun,
        Finder::VerbSubject,
        Finder::ClauseStart,
        Finder::Signature,
        Finder::Source,
        Finder::Possessive,
    ];

    /// The finder's name in feature tables and the training data.
    pub fn name(self) -> &'static str {
        match self {
            Finder::Headline => "headline",
            Finder::Label => "label",
            Finder::After => "after",
            Finder::DashAfter => "dash_after",
            Finder::Passive => "passive",
            Finder::Colon => "colon",
            Finder::Before => "before",
            Finder::Later => "later",
            Finder::Subject => "subject",
            Finder::EarlierCue => "earlier_cue",
            Finder::EarlierQuote => "earlier_quote",
            Finder::IntroducedBefore => "introduced_before",
            Finder::PreviousCue => "previous_cue",
            Finder::PreviousQuote => "previous_quote",
            Finder::Mention => "mention",
            Finder::Pronoun => "pronoun",
            Finder::VerbSubject => "verb_subject",
            Finder::ClauseStart => "clause_start",
            Finder::Signature => "signature",
            Finder::Source => "source",
            Finder::Possessive => "possessive",
        }
    }
}

/// A quote's attribution as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Bytes of the words that name the speaker (for an apposition, the name).
    pub naming: Range<usize>,
    /// For a relative pronoun that names the speaker (`Weaver, who said
    /// …`: the naming words are `who`), the words it stands for.
    pub antecedent: Option<Range<usize>>,
    pub kind: PhraseKind,
    /// Bytes of a role given beside the name (`the defence secretary`).
    pub role: Option<Range<usize>>,
    /// The cue's byte range (`said`, `according to`), if there is one.
    pub cue: Option<Range<usize>>,
    pub how: How,
}

impl Attribution {
    /// A person's name as the story writes it at `naming`, read with no
    /// cue (a mention near the quote, a headline's subject).
    pub fn of_name(naming: Range<usize>) -> Attribution {
        Attribution {
            naming,
            antecedent: None,
            kind: PhraseKind::Name,
            role: None,
            cue: None,
            how: How::Before,
        }
    }

    pub(super) fn from_phrase(
        tokens: Tokens,
        phrase: &Phrase,
        cue: Option<Range<usize>>,
        how: How,
    ) -> Attribution {
        let bytes = |r: Range<usize>| tokens.bytes(r);
        let named = bytes(phrase.naming_tokens());
        let (naming, antecedent) = match phrase.relative {
            Some(who) => (tokens[who].range(), Some(named)),
            None => (named, None),
        };
        Attribution {
            naming,
            antecedent,
            kind: if phrase.appositive_name.is_some() {
                PhraseKind::Name
            } else {
                phrase.kind
            },
            role: phrase.role.clone().map(bytes),
            cue,
            how,
        }
    }
}

/// One paragraph's tokens, and whether it is display text.
pub struct ParagraphTokens<'a> {
    pub tokens: Tokens<'a>,
    /// A headline or crosshead, written in title case.
    pub display: bool,
    /// The subjects of its verbs of speech, read once for all its quotes.
    pub subjects: SubjectsOf<'a>,
}

impl ParagraphTokens<'_> {
    /// The phrase before the verb of speech at token `verb`, not starting
    /// before `lo` ([`super::super::phrases::phrase_before`]).
    pub fn subject_before(&self, verb: usize, lo: usize) -> Option<Phrase> {
        self.subjects.before(self.tokens, verb, lo)
    }
}
