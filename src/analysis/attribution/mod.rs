//! Who said each quotation: the attribution clause around it (`“…,” Mr
//! Wallace said.`, `said Mr Wallace`, `Mr Wallace said: “…”`, `according to
//! X`, `dismissed as “deaf” by X`), or, failing that, the speaker it inherits
//! from the quote before it.
//!
//! Works on one paragraph's tokens at a time, in which every quotation segment
//! is a single token. Pronouns are left as pronouns here; `people` resolves
//! them to the person they refer to.

mod carry;
mod clauses;
mod terms;

pub use carry::{earlier_cue, introduced_by_previous, Earlier};
pub use clauses::attribute_in_paragraph;
pub use terms::{inside_noun_phrase, is_scare_quote, is_term};

use std::ops::Range;

use super::phrases::{Phrase, PhraseKind};
use super::tokens::{ends_sentence, Tokens};

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

/// A quote's attribution as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Bytes of the words that name the speaker (for an apposition, the name).
    pub naming: Range<usize>,
    pub kind: PhraseKind,
    /// Bytes of a role given beside the name (`the defence secretary`).
    pub role: Option<Range<usize>>,
    /// The cue's byte range (`said`, `according to`), if there is one.
    pub cue: Option<Range<usize>>,
    pub how: How,
}

impl Attribution {
    fn from_phrase(
        tokens: Tokens,
        phrase: &Phrase,
        cue: Option<Range<usize>>,
        how: How,
    ) -> Attribution {
        let bytes = |r: Range<usize>| tokens[r.start].start..tokens[r.end - 1].end;
        Attribution {
            naming: bytes(phrase.naming_tokens()),
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
}

/// The speech verb at token `i`. Only lowercase words count: `States` in
/// `the United States` is not the verb `state`. A gerund after a form of
/// `be` (`he is claiming`, `He’s saying`) is finite.
fn speech_verb(tokens: Tokens, i: usize) -> Option<super::lexicon::VerbForm> {
    let w = tokens.word(i)?;
    if !w.chars().all(|c| c.is_lowercase() || c == '-') {
        return None;
    }
    let mut form = tokens.lex.speech_verb(w)?;
    // The bare form is often a noun (`call centres`, `the report`, `a
    // claim`); it is a verb after a plural subject, a modal or `to`.
    if form.base {
        let prev = tokens.word(i.wrapping_sub(1)).unwrap_or("");
        let verb_context = matches!(
            prev.to_lowercase().as_str(),
            "i" | "we"
                | "you"
                | "they"
                | "to"
                | "will"
                | "would"
                | "shall"
                | "should"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "did"
                | "do"
                | "does"
                | "not"
                | "never"
                | "also"
                | "often"
                | "always"
                | "still"
                | "now"
                | "who"
        ) || super::tokens::is_capitalised(prev)
            || (prev.ends_with('s') && !prev.ends_with("ss") && prev.len() > 3)
            // `…”, say residents`: inverted after a quotation
            || (i > 0 && tokens[i - 1].quote().is_some())
            || (i > 1
                && tokens.punct_in(i - 1, &[","])
                && tokens[i - 2].quote().is_some());
        if !verb_context {
            return None;
        }
    }
    // `ministers would be notified`: a passive is not its subject speaking.
    let past_participle = !form.gerund && !form.base && !w.ends_with('s');
    if past_participle
        && tokens
            .word(i.wrapping_sub(1))
            .is_some_and(|p| matches!(p, "be" | "been" | "being" | "is" | "are" | "was" | "were"))
    {
        return None;
    }
    if form.gerund && i > 0 {
        let prev = tokens.word(i - 1).unwrap_or("");
        let be = matches!(prev, "is" | "was" | "are" | "were" | "been" | "be")
            || prev.ends_with("’s")
            || prev.ends_with("'s")
            || prev.ends_with("’re")
            || prev.ends_with("'re");
        if be {
            form.gerund = false;
        }
    }
    Some(form)
}

/// How far, in tokens, attribution looks from a quotation. Attribution is
/// local; the bound keeps the work per quote constant, so a pathological
/// sentence of a hundred thousand quotes still costs linear time.
const WINDOW: usize = 60;

/// Index of the first token of the sentence holding token `i` (or of the
/// window's edge).
fn sentence_start(tokens: Tokens, i: usize) -> usize {
    let mut k = i;
    while k > 0 && i - k < WINDOW {
        if ends_sentence(tokens, k - 1) {
            break;
        }
        k -= 1;
    }
    k
}

/// Index just past the sentence holding token `i` (or the window's edge).
fn sentence_end(tokens: Tokens, i: usize) -> usize {
    let mut k = i;
    while k < tokens.len() && k - i < WINDOW {
        if k > i && ends_sentence(tokens, k - 1) {
            return k;
        }
        k += 1;
    }
    k.min(tokens.len())
}

/// Multi-word phrase (from a list) starting at token `i`, returning its end.
fn phrase_match(tokens: Tokens, i: usize, phrases: &[Vec<&str>]) -> Option<usize> {
    phrases.iter().find_map(|p| {
        let matches = p.iter().enumerate().all(|(k, w)| {
            tokens
                .word(i + k)
                .is_some_and(|t| t.eq_ignore_ascii_case(w))
        });
        matches.then_some(i + p.len())
    })
}

/// Whether the sentence holding token `q` has a verb of speech or a source
/// phrase anywhere in it.
pub fn sentence_has_cue(tokens: Tokens, q: usize) -> bool {
    let lex = tokens.lex;
    let start = sentence_start(tokens, q);
    let end = sentence_end(tokens, q);
    (start..end).any(|i| {
        speech_verb(tokens, i).is_some() || phrase_match(tokens, i, lex.source_phrases()).is_some()
    })
}

/// Whether token `q` is in the first sentence of its paragraph.
pub fn in_first_sentence(tokens: Tokens, q: usize) -> bool {
    sentence_start(tokens, q) == 0
}

/// Whether the quote token at `q` begins a sentence of its own (so it can
/// inherit the speaker of the quote before it).
pub fn starts_sentence(tokens: Tokens, q: usize) -> bool {
    sentence_start(tokens, q) == q
}
