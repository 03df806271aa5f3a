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
mod found;
mod headline;
mod nearby;
mod sentence;
mod signature;
mod subjects;
mod terms;

pub use carry::{
    earlier_cue, introduced_by_previous, latest_cue, latest_quote, next_cue, sentence_subject,
    Earlier,
};
pub use clauses::{find, FINDERS};
pub use found::{Attribution, Finder, How, ParagraphTokens};
pub use nearby::{nearby_in_sentence, window, window_sentences};
pub use sentence::{in_first_sentence, sentence_has_cue, speech_verbs, starts_sentence};
pub use signature::signature;
pub use subjects::VerbSubjects;
pub use terms::{inside_noun_phrase, term_signals, QuoteReading, TermSignals};
