use rustc_hash::FxHashMap;
use std::ops::Range;

use super::rule::{excerpt, Rule, Severity};
use crate::analysis::quote_words::word_ranges;
use crate::analysis::{Analysis, Quote, SpeakerKind};
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// The same quotation given twice in different words: “We will not close the
/// library this year” in the third paragraph and “We will not shut the
/// library this year” in the ninth. One of them is wrong; the later one is
/// flagged, and the message quotes the earlier.
///
/// Two body quotations (not terms, not headlines) of at least
/// `MIN_WORDS` words are compared as normalised word sequences (see
/// [`crate::analysis::quote_words`]). They are the same quote reworded
/// when either
/// - they are at most two whole-word edits apart (a word substituted, added
///   or left out) and share at least three words in four, or
/// - the shorter is a run of the longer with one word substituted
///   (“not shut the library” re-quoting part of the first).
///
/// A quote repeated exactly, or re-quoted in part (“not close the library”,
/// or with an ellipsis for the words left out), is fine — even when it also
/// resembles a third. Quotes given to two different people are not compared:
/// two people may say nearly the same thing. Nor is a change of pronoun
/// (`“that makes me smart”` echoed as `“that makes him smart”`): that is
/// someone turning the words round.
///
/// Not quadratic: each quote is compared only with earlier quotes that share
/// one of its word pairs (any pair: one or two edits cannot destroy every
/// pair of a quote long enough to qualify), each word pair remembers at most
/// `BUCKET_CAP` recent quotes, and each quote is compared with at most
/// `MAX_COMPARISONS` of them, those sharing the most word pairs first.
pub struct Misquote;

/// Shorter quotes are too common (“we are very disappointed”) to call one a
/// misquote of another.
const MIN_WORDS: usize = 4;
/// Quotes remembered per word pair.
const BUCKET_CAP: usize = 64;
/// Earlier quotes compared with each quote.
const MAX_COMPARISONS: usize = 24;

impl Rule for Misquote {
    fn code(&self) -> &'static str {
        "misquote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "the same quote repeated with different words"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let words = analysis.quote_words();
        // Each quote with its words' numbers and ellipses.
        let quotes: Vec<QuoteWordsOf> = analysis
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.term && !q.display)
            .map(|(i, q)| (q, words.ids(i), words.gaps(i)))
            .filter(|(_, ids, _)| ids.len() >= MIN_WORDS)
            .collect();
        // Asked only of the words two quotes differ in: a few per pair.
        let shift = |x: u32, y: u32| {
            is_personal_pronoun(words.word(x)) && is_personal_pronoun(words.word(y))
        };
        // Where each quote's words are, found for the quotes reported only,
        // and once: a quote reworded many times is reported each time.
        let mut places: Vec<Option<Vec<Range<usize>>>> = vec![None; quotes.len()];
        reworded_pairs(&quotes, shift)
            .into_iter()
            .map(|(earlier, later, d)| {
                for q in [earlier, later] {
                    places[q].get_or_insert_with(|| word_ranges(prose, &quotes[q].0.span));
                }
                let ew = places[earlier].as_deref().unwrap_or_default();
                let lw = places[later].as_deref().unwrap_or_default();
                let range = if d.later.is_empty() {
                    quotes[later].0.span.segments[0].clone()
                } else {
                    lw[d.later.start].start..lw[d.later.end - 1].end
                };
                let message = format!(
                    "This quote differs from the same words on line {} (“{}”): check which is right",
                    analysis.document.lines.line(ew[d.earlier.start.min(ew.len() - 1)].start),
                    context(prose, ew, d.earlier.clone()),
                );
                Diagnostic::new(self, range, message)
                    .with_help("quote the speaker's words the same way each time")
            })
            .collect()
    }
}

/// A quote with its words' numbers and whether an ellipsis comes before
/// each.
type QuoteWordsOf<'a> = (&'a Quote, &'a [u32], &'a [bool]);

/// Each quote that rewords an earlier one (and is not repeated faithfully
/// anywhere), with that earlier quote and how they differ. `shift` says
/// whether two words are a change of pronoun rather than of wording.
fn reworded_pairs(
    quotes: &[QuoteWordsOf],
    shift: impl Fn(u32, u32) -> bool + Copy,
) -> Vec<(usize, usize, Difference)> {
    let mut pairs = PairIndex::new(quotes.len());
    let mut found = Vec::new();
    // Reused from quote to quote.
    let (mut keys, mut sharing) = (Vec::new(), Vec::new());
    for later in 0..quotes.len() {
        pair_keys(quotes[later].1, &mut keys);
        let mut reworded = None;
        pairs.sharing(&keys, &mut sharing);
        for &(earlier, _) in &sharing {
            if different_speakers(quotes[earlier].0, quotes[later].0) {
                continue;
            }
            match compare_texts(
                (quotes[earlier].2, quotes[earlier].1),
                (quotes[later].2, quotes[later].1),
                shift,
            ) {
                Comparison::Same => {
                    // Repeated exactly (or in part) somewhere: whatever else
                    // it resembles, this one has a faithful twin.
                    reworded = None;
                    break;
                }
                Comparison::Reworded(d) => {
                    reworded.get_or_insert((earlier, d));
                }
                Comparison::Unrelated => {}
            }
        }
        if let Some((earlier, d)) = reworded {
            found.push((earlier, later, d));
        }
        pairs.remember(later, &keys);
    }
    found
}

/// The quotes seen so far by the word pairs in them: each word pair
/// is read back to at most `BUCKET_CAP` recent quotes.
struct PairIndex {
    /// Each word pair's latest entry in `entries`.
    latest: FxHashMap<u64, u32>,
    /// A quote under a word pair, and the entry of the quote before it under
    /// the same pair (`NO_ENTRY` for the first): one list per word pair,
    /// newest first, in one vector rather than a vector per pair.
    entries: Vec<(usize, u32)>,
    /// Word pairs shared with each earlier quote, and which are non-zero.
    shared: Vec<u32>,
    touched: Vec<usize>,
}

/// The end of a word pair's list in [`PairIndex::entries`].
const NO_ENTRY: u32 = u32::MAX;

impl PairIndex {
    fn new(quotes: usize) -> PairIndex {
        PairIndex {
            latest: FxHashMap::default(),
            entries: Vec::new(),
            shared: vec![0; quotes],
            touched: Vec::new(),
        }
    }

    /// The earlier quotes that share word pairs in `keys`, with how many,
    /// into `candidates`: at most `MAX_COMPARISONS`, most pairs in common
    /// first, then the nearest.
    fn sharing(&mut self, keys: &[u64], candidates: &mut Vec<(usize, u32)>) {
        let mut touched = std::mem::take(&mut self.touched);
        for &key in keys {
            for earlier in bucket(&self.latest, &self.entries, key) {
                if self.shared[earlier] == 0 {
                    touched.push(earlier);
                }
                self.shared[earlier] += 1;
            }
        }
        let shared = &mut self.shared;
        candidates.clear();
        candidates.extend((touched.drain(..)).map(|e| (e, std::mem::take(&mut shared[e]))));
        self.touched = touched;
        let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
        if candidates.len() > MAX_COMPARISONS {
            candidates.select_nth_unstable_by(MAX_COMPARISONS, order);
            candidates.truncate(MAX_COMPARISONS);
        }
        candidates.sort_unstable_by(order);
    }

    /// Adds quote `later` under each of its word pairs.
    fn remember(&mut self, later: usize, keys: &[u64]) {
        self.entries.reserve(keys.len());
        for &key in keys {
            let entry = u32::try_from(self.entries.len()).unwrap_or(NO_ENTRY);
            let latest = self.latest.entry(key).or_insert(NO_ENTRY);
            self.entries.push((later, *latest));
            *latest = entry;
        }
    }
}

/// Whether the two quotes are given to people known to be different. A role
/// or an organisation may be the same person as a named speaker (`the
/// mayor`), and a quote without a speaker may be anyone's.
fn different_speakers(a: &Quote, b: &Quote) -> bool {
    match (&a.speaker, &b.speaker) {
        (Some(a), Some(b)) => match (a.person, b.person) {
            (Some(x), Some(y)) => x != y,
            _ => {
                a.kind == SpeakerKind::Person
                    && b.kind == SpeakerKind::Person
                    && !a.name.eq_ignore_ascii_case(&b.name)
            }
        },
        _ => false,
    }
}

/// The latest quotes (at most `BUCKET_CAP`) remembered under `key` in a
/// [`PairIndex`]'s lists.
fn bucket<'a>(
    latest: &'a FxHashMap<u64, u32>,
    entries: &'a [(usize, u32)],
    key: u64,
) -> impl Iterator<Item = usize> + 'a {
    let mut at = latest.get(&key).copied().unwrap_or(NO_ENTRY);
    std::iter::from_fn(move || {
        let &(quote, before) = entries.get(at as usize)?;
        at = before;
        Some(quote)
    })
    .take(BUCKET_CAP)
}

/// One key per distinct pair of neighbouring words, into `keys`.
fn pair_keys(words: &[u32], keys: &mut Vec<u64>) {
    keys.clear();
    keys.extend((words.windows(2)).map(|pair| (u64::from(pair[0]) << 32) | u64::from(pair[1])));
    keys.sort_unstable();
    keys.dedup();
}

/// Where two near-identical quotes differ: word indices in each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Difference {
    pub earlier: Range<usize>,
    pub later: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Comparison {
    /// Identical, or one is an extract of the other.
    Same,
    /// The same quote with different words.
    Reworded(Difference),
    Unrelated,
}

/// Compares an earlier quote with a later one.
#[cfg(test)]
pub(crate) fn compare(earlier: &str, later: &str) -> Comparison {
    fn words(text: &str) -> (Vec<String>, Vec<bool>) {
        let (mut words, mut gaps) = (Vec::new(), Vec::new());
        crate::analysis::quote_words::for_each_word(text, |range, gap| {
            let mut w = String::new();
            crate::analysis::quote_words::push_normalised(&text[range], &mut w);
            gaps.push(gap && !words.is_empty());
            words.push(w);
        });
        (words, gaps)
    }
    let ((a, a_gaps), (b, b_gaps)) = (words(earlier), words(later));
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    compare_texts((&a_gaps, &a), (&b_gaps, &b), |x: &str, y: &str| {
        is_personal_pronoun(x) && is_personal_pronoun(y)
    })
}

/// [`compare`] on quotes given as their words (strings, or interned
/// numbers) and whether an ellipsis comes before each; `shift` tells
/// whether two different words are both personal pronouns.
fn compare_texts<T: Copy + PartialEq>(
    (earlier, a): (&[bool], &[T]),
    (later, b): (&[bool], &[T]),
    shift: impl Fn(T, T) -> bool,
) -> Comparison {
    let person_shift = |x: &T, y: &T| shift(*x, *y);
    if a == b || is_extract(later, b, a) || is_extract(earlier, a, b) {
        return Comparison::Same;
    }
    let shared_enough = |d: usize| 4 * (a.len().max(b.len()) - d) >= 3 * a.len().max(b.len());
    if a.len().abs_diff(b.len()) <= 2 && within(a, b, 2).is_some_and(shared_enough) {
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let suffix = a[prefix..]
            .iter()
            .rev()
            .zip(b[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (earlier, later) = (prefix..a.len() - suffix, prefix..b.len() - suffix);
        if earlier.len() == later.len()
            && a[earlier.clone()]
                .iter()
                .zip(&b[later.clone()])
                .all(|(x, y)| x == y || person_shift(x, y))
        {
            return Comparison::Unrelated;
        }
        return Comparison::Reworded(Difference { earlier, later });
    }
    // A shorter re-quote with one word changed.
    let (short, long, later_is_short) = if b.len() < a.len() {
        (b, a, true)
    } else {
        (a, b, false)
    };
    if short.len() < long.len() {
        for offset in 0..=long.len() - short.len() {
            let window = &long[offset..offset + short.len()];
            let mut differ = short
                .iter()
                .zip(window)
                .enumerate()
                .filter(|(_, (x, y))| x != y);
            if let (Some((at, (x, y))), None) = (differ.next(), differ.next()) {
                if person_shift(x, y) {
                    continue;
                }
                let (earlier, later) = if later_is_short {
                    (offset + at..offset + at + 1, at..at + 1)
                } else {
                    (at..at + 1, offset + at..offset + at + 1)
                };
                return Comparison::Reworded(Difference { earlier, later });
            }
        }
    }
    Comparison::Unrelated
}

/// Whether a (normalised) word is a personal pronoun. Two different
/// pronouns are a person shift, not a misquote: `“That makes me smart”`
/// echoed as `“If he thinks that makes him smart”` is someone turning the
/// words round.
fn is_personal_pronoun(word: &str) -> bool {
    // A `match` rather than a list searched: asked of the words two
    // quotes differ in.
    matches!(
        word,
        "i" | "me"
            | "my"
            | "mine"
            | "myself"
            | "we"
            | "us"
            | "our"
            | "ours"
            | "ourselves"
            | "you"
            | "your"
            | "yours"
            | "yourself"
            | "he"
            | "him"
            | "his"
            | "himself"
            | "she"
            | "her"
            | "hers"
            | "herself"
            | "they"
            | "them"
            | "their"
            | "theirs"
            | "themselves"
            | "it"
            | "its"
            | "i'm"
            | "i've"
            | "i'll"
            | "i'd"
            | "we're"
            | "we've"
            | "we'll"
            | "we'd"
            | "you're"
            | "you've"
            | "you'll"
            | "he's"
            | "he'll"
            | "he'd"
            | "she's"
            | "she'll"
            | "she'd"
            | "they're"
            | "they've"
            | "they'll"
            | "they'd"
            | "it's"
    )
}

/// Whether `part` (split at its ellipses) runs, piece after piece in order,
/// inside `whole`, and is shorter than it. `gaps` tells which words of
/// `part` follow an ellipsis.
fn is_extract<T: PartialEq>(gaps: &[bool], part: &[T], whole: &[T]) -> bool {
    if part.len() >= whole.len() && !gaps.contains(&true) {
        return false;
    }
    let mut from = 0;
    let mut start = 0;
    for i in 1..=part.len() {
        if i < part.len() && !gaps[i] {
            continue;
        }
        let piece = &part[start..i];
        match whole[from..].windows(piece.len()).position(|w| w == piece) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
        start = i;
    }
    true
}

/// The whole-word edit distance between `a` and `b` if it is at most `k`.
/// Common ends are stripped before each branch, so this costs O(n·3^k).
fn within<T: PartialEq>(a: &[T], b: &[T], k: usize) -> Option<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        let d = a.len() + b.len();
        return (d <= k).then_some(d);
    }
    if k == 0 {
        return None;
    }
    [
        within(&a[1..], &b[1..], k - 1),
        within(&a[1..], b, k - 1),
        within(a, &b[1..], k - 1),
    ]
    .into_iter()
    .flatten()
    .min()
    .map(|d| d + 1)
}

/// The earlier quote's words around `diff`, one word before and two after,
/// as written, with ellipses where the quote goes on.
fn context(prose: &str, words: &[Range<usize>], diff: Range<usize>) -> String {
    let from = diff.start.saturating_sub(1);
    let to = (diff.end + 2).min(words.len()).max(from + 1);
    let text = excerpt(&prose[words[from].start..words[to - 1].end], 60);
    let before = if from > 0 { "…" } else { "" };
    let after = if to < words.len() && !text.ends_with('…') {
        "…"
    } else {
        ""
    };
    format!("{before}{text}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options, SourceFormat};

    fn cmp(a: &str, b: &str) -> Comparison {
        compare(a, b)
    }

    fn reworded(a: &str, b: &str) -> Option<(Range<usize>, Range<usize>)> {
        match cmp(a, b) {
            Comparison::Reworded(d) => Some((d.earlier, d.later)),
            _ => None,
        }
    }

    fn messages(text: &str) -> Vec<(String, String)> {
        let analysis = analyze(text, &Options::new(SourceFormat::PlainText));
        Misquote
            .check(&analysis, &Config::default())
            .into_iter()
            .map(|d| (text[d.range].to_owned(), d.message))
            .collect()
    }

    #[test]
    fn normalisation_ignores_marks_case_and_apostrophes() {
        assert_eq!(
            cmp(
                "“We won’t close the library,”",
                "'we won't close the library.'"
            ),
            Comparison::Same
        );
    }

    #[test]
    fn edit_distance_counts_whole_words() {
        fn s(t: &str) -> Vec<&str> {
            t.split(' ').collect()
        }
        assert_eq!(within(&s("a b c d"), &s("a b c d"), 2), Some(0));
        assert_eq!(within(&s("a b c d"), &s("a x c d"), 2), Some(1));
        assert_eq!(within(&s("a b c d"), &s("a c d"), 2), Some(1));
        assert_eq!(within(&s("a b c d e"), &s("a x c y e"), 2), Some(2));
        assert_eq!(within(&s("a b c d e"), &s("x b y d z"), 2), None);
        assert_eq!(within(&s("a b c"), &s("b c a"), 2), Some(2));
    }

    #[test]
    fn one_word_changed_is_a_misquote() {
        assert_eq!(
            reworded(
                "We will not close the library this year",
                "We will not shut the library this year"
            ),
            Some((3..4, 3..4))
        );
        // A word dropped from the middle.
        assert_eq!(
            reworded("we will not close the library", "we will close the library"),
            Some((2..3, 2..2))
        );
    }

    #[test]
    fn identical_and_partial_requotes_are_fine() {
        let full = "“We will not close the library this year,”";
        assert_eq!(
            cmp(full, "“We will not close the library this year.”"),
            Comparison::Same
        );
        assert_eq!(cmp(full, "“not close the library”"), Comparison::Same);
        assert_eq!(cmp("“not close the library”", full), Comparison::Same);
        assert_eq!(cmp(full, "“We will not … this year”"), Comparison::Same);
    }

    #[test]
    fn a_shorter_requote_with_one_word_changed_is_a_misquote() {
        assert_eq!(
            reworded(
                "We will not close the library this year",
                "not shut the library"
            ),
            Some((3..4, 1..2))
        );
        assert_eq!(
            reworded(
                "not shut the library",
                "We will not close the library this year"
            ),
            Some((1..2, 3..4))
        );
    }

    #[test]
    fn pronouns_turned_round_are_not_a_misquote() {
        assert_eq!(
            cmp(
                "“That makes me smart,”",
                "“If he thinks that makes him smart,”"
            ),
            Comparison::Unrelated
        );
        assert_eq!(
            cmp(
                "“we will fight for this town every single day”",
                "“they will fight for this town every single day”"
            ),
            Comparison::Unrelated
        );
        assert!(reworded(
            "“we will fight for our town”",
            "“we will fight for our city”"
        )
        .is_some());
    }

    #[test]
    fn different_quotes_are_unrelated() {
        assert_eq!(
            cmp(
                "the budget is balanced at last",
                "the roads are in a terrible state"
            ),
            Comparison::Unrelated
        );
        // Two words of four changed is a different sentence.
        assert_eq!(
            cmp("we want more buses", "we need fewer buses"),
            Comparison::Unrelated
        );
    }

    #[test]
    fn flags_the_later_quote_and_names_the_earlier_line() {
        let text = "Library saved\n\n\
            “We will not close the library this year,” said Ann Price, the council leader.\n\n\
            Ms Price added that she was proud.\n\n\
            Asked again, Ms Price said: “We will not shut the library this year.”\n";
        let found = messages(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "shut");
        assert_eq!(
            found[0].1,
            "This quote differs from the same words on line 3 (“…not close the library…”): check which is right"
        );
    }

    #[test]
    fn short_and_repeated_quotes_are_not_flagged() {
        let text = "Library saved\n\n\
            “We are delighted,” said Ann Price. “We will not close the library this year.”\n\n\
            “We are overjoyed,” said Ms Price. “We will not close the library this year.”\n";
        assert!(messages(text).is_empty());
    }

    #[test]
    fn many_quotes_are_not_compared_pairwise() {
        let mut text = String::from("Minutes\n\n");
        for i in 0..3000 {
            text.push_str(&format!(
                "“Item {i} of the agenda was agreed by the committee,” said Ann Price.\n\n"
            ));
        }
        let start = std::time::Instant::now();
        let _ = messages(&text);
        assert!(start.elapsed().as_secs() < 20);
    }
}
