//! Quoted terms and scare quotes: quotation marks around words that nobody
//! is reported to have said (`so-called “Brexit bus”`, `the film “Fire and
//! Ice”`, `a high “churn rate”`).

use super::super::chars::ToLowercase;
use super::super::chars::{count_words_up_to, is_alphanumeric, whitespace_words};
use super::super::phrases::is_auxiliary;
use super::super::tokens::{quote_ends_sentence, Tokens};
use super::clauses::after;
use super::sentence::{sentence_has_cue, speech_verb, words_match};

/// Two readings of a quote that several passes ask for (the term passes,
/// the speaker model, the quotation model), read once per quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteReading {
    /// [`is_scare_quote`] of its whole text.
    pub scare_quote: bool,
    /// [`sentence_has_cue`] where its first segment is; false when it has
    /// no place among a paragraph's tokens.
    pub sentence_has_cue: bool,
}

impl QuoteReading {
    /// Reads a quote whose whole text is `text` and whose first segment is
    /// token `k` of `tokens`, if it has one.
    pub fn new(text: &str, first_segment: Option<(Tokens, usize)>) -> QuoteReading {
        QuoteReading {
            scare_quote: is_scare_quote(text),
            sentence_has_cue: first_segment.is_some_and(|(tokens, k)| sentence_has_cue(tokens, k)),
        }
    }
}

/// What makes quoted words read as a term rather than speech.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermSignals {
    /// After `so-called`, `known as`, `the word` (and a colon, if any).
    pub cue_before: bool,
    /// A capitalised name after `called` or `named`: `a group called
    /// “Friends of the Earth”`.
    pub called_before: bool,
    /// A short run of capitalised words without a sentence's punctuation:
    /// `the film “Fire and Ice”`, `on “Face the Nation”`.
    pub title_case: bool,
    /// A verb of speech in the three words before: `called her “Miss
    /// Piggy”` reports what was said.
    pub spoken: bool,
    /// A quoted capitalised word that is part of a name: `“New” Labour`.
    pub inside_name: bool,
    /// The subject of `is`/`was` with no sentence's punctuation inside the
    /// marks (`“Fair shares for all” is this year's slogan`), or what `is:`
    /// introduces (`The question will be: “…?”`): words talked about rather
    /// than reported, when nobody is said to say them.
    pub copula_after: bool,
}

impl TermSignals {
    /// Whether the rules read the quote as a term.
    pub fn is_term(&self) -> bool {
        self.cue_before
            || (self.title_case && !self.spoken)
            || self.called_before
            || self.inside_name
    }
}

/// The signals of a term at the quote token `q`.
pub fn term_signals(tokens: Tokens, q: usize) -> TermSignals {
    let lex = tokens.lex;
    let text = tokens.text(q);
    // `the slogan: “…”`, `the old maxim: “…”`
    let before_colon = if tokens.punct_in(q.wrapping_sub(1), &[":"]) {
        q - 1
    } else {
        q
    };
    // A cue ends right before the quote (or its colon): the word there
    // rules out nearly every cue at once. `so-called` is one token.
    let cue_before = before_colon >= 1
        && tokens.word(before_colon - 1).is_some_and(|last| {
            lex.term_cues().iter().any(|cue| {
                let n = cue.len();
                cue.last().is_some_and(|w| w.eq_ignore_ascii_case(last))
                    && before_colon >= n
                    && words_match(tokens, before_colon - n, cue)
            })
        });
    let inner = text.trim_matches(|c: char| !is_alphanumeric(c));
    // Nine words are enough to tell: a title runs to eight at most.
    // On the stack: asked of every quote.
    let mut first_words = [""; 9];
    let mut n = 0;
    for (slot, w) in first_words.iter_mut().zip(whitespace_words(inner)) {
        *slot = w;
        n += 1;
    }
    let words = &first_words[..n];
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let called_before = q >= 1
        && tokens
            .word(q - 1)
            .is_some_and(|w| matches!(w, "called" | "named"))
        && words.first().is_some_and(capitalised);
    let is_long = |w: &&&str| w.chars().nth(3).is_some();
    let mut long_words = words.iter().filter(is_long).peekable();
    let ends_with_comma = text
        .trim_end_matches(|c: char| !is_alphanumeric(c) && c != ',')
        .ends_with(',');
    let title_case = (2..=8).contains(&words.len())
        && long_words.peek().is_some()
        && long_words.all(capitalised)
        && !quote_ends_sentence(text)
        && !(ends_with_comma && after(tokens, q).is_some());
    let spoken = (q.saturating_sub(3)..q).any(|i| speech_verb(tokens, i).is_some());
    let inside_name = words.len() == 1
        && words.first().is_some_and(capitalised)
        && tokens
            .word(q + 1)
            .is_some_and(super::super::tokens::is_capitalised);
    let punctuated = text
        .trim_end_matches(|c: char| !is_alphanumeric(c) && !matches!(c, ',' | '.' | '!' | '?'))
        .ends_with([',', '.', '!', '?']);
    let is_copula = |w: &str| matches!(w, "is" | "was" | "are" | "were" | "be");
    let copula_after = (!punctuated && tokens.word(q + 1).is_some_and(is_copula))
        || (tokens.punct_in(q.wrapping_sub(1), &[":"])
            && tokens.word(q.wrapping_sub(2)).is_some_and(is_copula));
    TermSignals {
        cue_before,
        called_before,
        title_case,
        spoken,
        inside_name,
        copula_after,
    }
}

/// Whether unattributed quoted words read as a scare quote rather than
/// speech: at most three words, not a sentence of their own.
pub fn is_scare_quote(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| !is_alphanumeric(c));
    let at_most_three_words = count_words_up_to(inner, 4) <= 3;
    let sentence =
        || inner.chars().next().is_some_and(char::is_uppercase) && quote_ends_sentence(text);
    at_most_three_words && !sentence()
}

/// Whether the quote at `q` is used as part of a noun phrase: after a
/// determiner, possessive or preposition (`a high “churn rate”`, `their
/// business “core function”`, `for “voter identification” calls`).
pub fn inside_noun_phrase(tokens: Tokens, q: usize) -> bool {
    const BEFORE: &[&str] = &[
        "a", "an", "the", "their", "its", "his", "her", "our", "this", "these", "those", "such",
        "for", "of", "in", "on", "with", "into", "from", "about", "by",
    ];
    // `“welcome back” schemes`: used as a modifier of the noun after it
    let lex = tokens.lex;
    let modifies_next = tokens.word(q + 1).is_some_and(|n| {
        !super::super::tokens::is_capitalised(n)
            && !is_auxiliary(n)
            && lex.speech_verb(n).is_none()
            && !matches!(
                n,
                "and"
                    | "or"
                    | "but"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "of"
                    | "by"
                    | "with"
                    | "from"
                    | "as"
                    | "that"
                    | "which"
                    | "who"
                    | "than"
                    | "after"
                    | "before"
                    | "over"
                    | "about"
                    | "into"
                    | "because"
                    | "if"
                    | "when"
                    | "while"
            )
    });
    if modifies_next {
        return true;
    }
    let Some(prev) = tokens.word(q.wrapping_sub(1)) else {
        return false;
    };
    let lower = prev.lowercase();
    BEFORE.contains(&lower.as_str())
        || super::super::names::is_possessive(prev)
        || (q >= 2
            && tokens
                .word(q - 2)
                .is_some_and(|w| BEFORE.contains(&w.lowercase().as_str()))
            && !super::super::tokens::is_capitalised(prev)
            && tokens.lex.speech_verb(&lower).is_none())
}
