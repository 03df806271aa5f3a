//! What the quotation model knows about a quoted span: is it a quotation
//! the story reports (`said the plan was “a betrayal”`, even a scare quote
//! that someone is said to use), or a title, a name or markup that is in
//! quotation marks (`on “Face the Nation”`, `author="@cspan"`)? Every
//! feature is 0 or 1, and named for the model file.

use super::attribution::{self, QuoteReading, TermSignals};
use super::candidates::QuoteCandidates;
use super::chars::{count_words_up_to, is_alphabetic, is_alphanumeric};
use super::model::Analysis;

/// The features, by name (each `quotation:NAME` in the model file).
const NAMES: [&str; 31] = [
    "term",
    "term_cue_before",
    "called_before",
    "title_case",
    "spoken_before",
    "inside_name",
    "inside_noun_phrase",
    "short_fragment",
    "one_word",
    "two_or_three_words",
    "four_to_seven_words",
    "eight_words_or_more",
    "capitalised",
    "ends_sentence",
    "comma_inside",
    "display",
    "unclosed",
    "several_paragraphs",
    "single_marks",
    "markup_like",
    "sentence_has_cue",
    "starts_sentence",
    "finder_reads_a_speaker",
    "rules_pick_a_speaker",
    "rules_pick_a_person",
    "after_possessive",
    "after_preposition",
    "after_determiner",
    "short_without_cue",
    "title_case_without_cue",
    "copula_next_to",
];

/// How many facts a quoted span has.
const FACTS: usize = NAMES.len();

/// How many features a quoted span has: each fact, and each pair of facts
/// together (`a*b`), since a linear model cannot see that a short span
/// after a determiner is a term far more often than either says alone.
pub const N: usize = FACTS + FACTS * (FACTS - 1) / 2;

// Feature indexes are kept as `u16`.
const _: () = assert!(N <= u16::MAX as usize);

/// The features' names, by index: the facts, then their pairs in order.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = NAMES.iter().map(|n| format!("quotation:{n}")).collect();
    for (i, a) in NAMES.iter().enumerate() {
        for b in &NAMES[i + 1..] {
            out.push(format!("quotation:{a}*{b}"));
        }
    }
    out
}

/// The features of quote `qi` that are on, by index in ascending order,
/// into `active`: the quote's first segment is at `place` (paragraph,
/// token); `qc` are its candidates, and `rule_pick` whether the speaker the
/// rules pick among them is a person (none when they pick none). Nothing
/// here depends on the speaker model, so the training data can be made by
/// the rules alone.
pub fn features(
    analysis: &Analysis,
    qi: usize,
    (place, signals, reading): (Option<(usize, usize)>, TermSignals, QuoteReading),
    qc: &QuoteCandidates,
    rule_pick: Option<bool>,
    active: &mut Vec<u16>,
) {
    let q = &analysis.quotes[qi];
    let text = &analysis.document.prose[q.span.range.clone()];
    let inner = text.trim_matches(|c: char| !is_alphanumeric(c));
    // Only counted as far as the features tell counts apart.
    let words = count_words_up_to(inner, 8);
    let tail = text.trim_end_matches(['”', '"', '’', '\'', '»', ' ']);
    let (signals, noun_phrase, has_cue, starts, before) = match place {
        Some((pi, k)) => {
            let tokens = analysis.tokens_of(pi);
            (
                signals,
                attribution::inside_noun_phrase(tokens, k),
                reading.sentence_has_cue,
                attribution::starts_sentence(tokens, k),
                k.checked_sub(1).and_then(|i| tokens.word(i)),
            )
        }
        None => (TermSignals::default(), false, false, false, None),
    };
    // The word before: `ABC’s “This Week”`, `on “Face the Nation”`, `the
    // “undercard” debate` are titles and terms far more often than speech.
    let before_is =
        |words: &[&str]| before.is_some_and(|b| words.iter().any(|w| w.eq_ignore_ascii_case(b)));
    let after_possessive = before.is_some_and(super::names::is_possessive);
    let after_preposition = before_is(&[
        "on", "in", "at", "of", "for", "from", "with", "into", "about", "to", "as", "like",
    ]);
    let after_determiner = before_is(&[
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our",
        "my", "your",
    ]);
    // Bytes, not characters: these are ASCII, which never occurs inside a
    // longer character, and the whole quotation is scanned.
    let markup = (inner.bytes()).any(|b| matches!(b, b'=' | b'<' | b'>' | b'@'))
        || inner.contains("http")
        || inner
            .chars()
            .all(|c| !is_alphabetic(c) || c.is_ascii_digit());
    let finder_read = qc
        .list
        .iter()
        .any(|c| c.finders.iter().any(|f| attribution::FINDERS.contains(f)));
    let on = [
        q.term,
        signals.cue_before,
        signals.called_before,
        signals.title_case,
        signals.spoken,
        signals.inside_name,
        noun_phrase,
        reading.scare_quote,
        words == 1,
        (2..=3).contains(&words),
        (4..=7).contains(&words),
        words >= 8,
        inner.chars().next().is_some_and(char::is_uppercase),
        tail.ends_with(['.', '!', '?']),
        tail.ends_with(','),
        q.display,
        !q.span.closed,
        q.span.segment_paragraphs.first() != q.span.segment_paragraphs.last(),
        q.span.family == super::quotes::MarkFamily::Single,
        markup,
        has_cue,
        starts,
        finder_read,
        rule_pick.is_some(),
        rule_pick == Some(true),
        after_possessive,
        after_preposition,
        after_determiner,
        words <= 3 && !has_cue,
        signals.title_case && !has_cue,
        signals.copula_after,
    ];
    active_features(&on, active);
}

/// The features on for facts `on`, by index as [`names`] lists them (the
/// facts, then each pair `a*b` in order), into `active`.
fn active_features(on: &[bool; FACTS], active: &mut Vec<u16>) {
    active.clear();
    active.extend((0..FACTS).filter(|&i| on[i]).map(|i| i as u16));
    let mut pair = FACTS;
    for i in 0..FACTS {
        if on[i] {
            let partners = (i + 1..FACTS).filter(|&j| on[j]);
            active.extend(partners.map(|j| (pair + j - i - 1) as u16));
        }
        pair += FACTS - i - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_of_facts_is_the_feature_named_for_it() {
        let names = names();
        assert_eq!(names.len(), N);
        let mut active = Vec::new();
        for i in 0..FACTS {
            for j in i + 1..FACTS {
                let mut on = [false; FACTS];
                (on[i], on[j]) = (true, true);
                active_features(&on, &mut active);
                let named: Vec<&str> = active
                    .iter()
                    .map(|&a| names[usize::from(a)].as_str())
                    .collect();
                let pair = format!("quotation:{}*{}", NAMES[i], NAMES[j]);
                assert_eq!(named, [names[i].as_str(), names[j].as_str(), pair.as_str()]);
            }
        }
        // every fact on: every feature, in order
        active_features(&[true; FACTS], &mut active);
        assert!(active.iter().map(|&a| usize::from(a)).eq(0..N));
    }
}
