//! The words of a speaker's description: the noun it is about, and
//! whether it names nobody.

use std::ops::Range;

use super::super::model::Analysis;
use super::super::names::strip_possessive;

/// A description that names nobody and gives no job: `one woman`, `a
/// source close to the minister`, `one resident`.
pub(super) fn is_anonymous(analysis: &Analysis, description: &str) -> bool {
    head_noun(description).is_some_and(|head| {
        analysis.lexicon.is_person_noun(&head) || analysis.lexicon.is_anonymous_noun(&head)
    })
}

/// The noun a description is about, lowercase: `spokeswoman` in `a
/// spokeswoman for the council`, `wife` in `his wife`.
pub(super) fn head_noun(description: &str) -> Option<String> {
    head_noun_at(description).map(|(noun, _)| noun)
}

/// The noun a description is about, lowercase, and its bytes in the
/// description (the possessive `’s` left out).
pub(super) fn head_noun_at(description: &str) -> Option<(String, Range<usize>)> {
    const AFTER_HEAD: &[&str] = &[
        "of", "for", "at", "in", "with", "from", "to", "on", "who", "whose", "which", "that",
        "close", "familiar", "said", "says",
    ];
    let mut head = None;
    let words = description.split_whitespace().map(|w| {
        let start = w.as_ptr() as usize - description.as_ptr() as usize;
        let trimmed = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let start = start + (w.len() - trimmed.len());
        let word = strip_possessive(trimmed.trim_end_matches(|c: char| !c.is_alphanumeric()));
        (word, start)
    });
    for (word, start) in words {
        if word.is_empty() {
            continue;
        }
        if AFTER_HEAD.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            break;
        }
        head = Some((word, start));
    }
    head.map(|(word, start)| (word.to_lowercase(), start..start + word.len()))
}
