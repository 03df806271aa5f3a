//! The words of each quotation, normalised for comparing one quotation with
//! another, and numbered: `headline-quote` looks for a headline's words in
//! the body's quotations and `misquote` compares the body's quotations with
//! each other, and both compare sequences of integers. Built once per
//! analysis, on first use ([`super::Analysis::quote_words`]).
//!
//! A word is normalised by dropping the quotation marks and punctuation at
//! its ends, lowercasing it and making curly apostrophes straight; an
//! ellipsis (`…` or `...`) is kept as a gap before the next word.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::chars::is_alphanumeric;
use super::quotes::QuoteSpan;

/// The normalised words of every quotation of an analysis.
#[derive(Debug, Clone, Default)]
pub struct QuoteWords {
    /// For each quotation (by index), its range in `ids` and `gaps`.
    spans: Vec<Range<usize>>,
    /// Word numbers, quotation after quotation.
    ids: Vec<u32>,
    /// Whether an ellipsis comes before each word (never before a
    /// quotation's first word, nor before the first of one of its
    /// paragraphs).
    gaps: Vec<bool>,
    /// Each distinct normalised word, one after another: one buffer
    /// rather than a `String` each.
    text: String,
    /// Where each distinct word ends in `text`, by number.
    ends: Vec<usize>,
    numbers: FxHashMap<String, u32>,
}

impl QuoteWords {
    pub fn new<'q>(prose: &str, quotes: impl Iterator<Item = &'q QuoteSpan>) -> QuoteWords {
        let mut out = QuoteWords::default();
        let mut buf = String::new();
        for q in quotes {
            let start = out.ids.len();
            for segment in &q.segments {
                let text = &prose[segment.clone()];
                let first = out.ids.len();
                for_each_word(text, |range, gap| {
                    let id = out.number(normalised(&text[range], &mut buf));
                    out.gaps.push(gap && out.ids.len() > first);
                    out.ids.push(id);
                });
            }
            out.spans.push(start..out.ids.len());
        }
        out
    }

    fn number(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.numbers.get(word) {
            return id;
        }
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(word);
        self.ends.push(self.text.len());
        self.numbers.insert(word.to_owned(), id);
        id
    }

    /// The word numbers of quotation `quote`.
    pub fn ids(&self, quote: usize) -> &[u32] {
        self.spans
            .get(quote)
            .map_or(&[][..], |span| &self.ids[span.clone()])
    }

    /// Whether an ellipsis comes before each word of quotation `quote`.
    pub fn gaps(&self, quote: usize) -> &[bool] {
        self.spans
            .get(quote)
            .map_or(&[][..], |span| &self.gaps[span.clone()])
    }

    /// The normalised word numbered `id`.
    pub fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let Some(&end) = self.ends.get(id) else {
            return "";
        };
        let start = id.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..end]
    }

    /// How many distinct words there are (numbers run from 0).
    pub fn distinct(&self) -> usize {
        self.ends.len()
    }

    /// The numbers of the words of any text (a paragraph, say), normalised
    /// the same way; a word no quotation has gets `None`.
    pub fn numbers_of(&self, text: &str) -> Vec<Option<u32>> {
        let mut buf = String::new();
        let mut out = Vec::new();
        for_each_word(text, |range, _| {
            let word = normalised(&text[range], &mut buf);
            out.push(self.numbers.get(word).copied());
        });
        out
    }
}

/// Where the words of a quotation are, in the order [`QuoteWords`] numbers
/// them.
pub fn word_ranges(prose: &str, q: &QuoteSpan) -> Vec<Range<usize>> {
    // A word and its space take four bytes at least, nearly always: room
    // for them all at once.
    let bytes: usize = q.segments.iter().map(|s| s.len()).sum();
    let mut out = Vec::with_capacity(bytes / 4 + 1);
    for segment in &q.segments {
        for_each_word(&prose[segment.clone()], |range, _| {
            out.push(segment.start + range.start..segment.start + range.end);
        });
    }
    out
}

/// A word normalised as [`push_normalised`] does it: the word itself when
/// it is ASCII with no capitals (most words), else made in `buf`.
fn normalised<'w>(word: &'w str, buf: &'w mut String) -> &'w str {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word;
    }
    buf.clear();
    push_normalised(word, buf);
    buf
}

/// Appends a word lowercased, with curly apostrophes made straight.
pub fn push_normalised(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        out.push(if matches!(c, '’' | '‘' | 'ʼ') {
            '\''
        } else {
            c
        });
    }
}

/// Characters that separate words even without a space: dashes and the
/// ellipsis (`close—this`, `close…this`).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '—' | '–' | '…')
}

/// Calls `each` with the range of every word of `text` (punctuation and
/// quotation marks at its ends left out) and whether an ellipsis came
/// before it since the last word.
pub fn for_each_word(text: &str, mut each: impl FnMut(Range<usize>, bool)) {
    let mut gap = false;
    let mut start: Option<usize> = None;
    let mut push = |from: usize, to: usize, gap: &mut bool| {
        let raw = &text[from..to];
        // Most words start and end on an ASCII letter: nothing to trim.
        let opened = match raw.as_bytes()[0] {
            b if b.is_ascii_alphanumeric() => raw,
            _ => raw.trim_start_matches(|c: char| !is_alphanumeric(c)),
        };
        let trimmed = match opened.as_bytes().last() {
            Some(b) if b.is_ascii_alphanumeric() => opened,
            _ => opened.trim_end_matches(|c: char| !is_alphanumeric(c)),
        };
        if trimmed.is_empty() {
            return;
        }
        let s = from + (raw.len() - opened.len());
        each(s..s + trimmed.len(), std::mem::take(gap));
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // An ASCII letter or digit is inside a word, whatever surrounds it:
        // most of a quotation, with nothing else to ask.
        if bytes[i].is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1;
            continue;
        }
        // ASCII without decoding: the spaces and punctuation.
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => text[i..].chars().next().unwrap_or(' '),
        };
        let ellipsis = match c {
            '…' => Some(c.len_utf8()),
            '.' if text[i..].starts_with("...") => Some(3),
            _ => None,
        };
        if ellipsis.is_some() || is_separator(c) {
            if let Some(s) = start.take() {
                push(s, i, &mut gap);
            }
            gap |= ellipsis.is_some();
            i += ellipsis.unwrap_or(c.len_utf8());
        } else {
            start.get_or_insert(i);
            i += c.len_utf8();
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut gap);
    }
}

/// Whether `pieces` (a sequence split at its ellipses) run, one after the
/// other and in order, inside `whole`, each as a run of whole words.
pub fn runs_in_order<T: PartialEq>(pieces: &[&[T]], whole: &[T]) -> bool {
    let mut from = 0;
    for piece in pieces {
        if piece.is_empty() {
            continue;
        }
        match whole
            .get(from..)
            .and_then(|rest| rest.windows(piece.len()).position(|w| w == *piece))
        {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    true
}

/// Splits a word sequence at its ellipses (`gaps[i]`: one before word `i`).
pub fn pieces<'a, T>(words: &'a [T], gaps: &[bool]) -> Vec<&'a [T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        if gaps.get(i).copied().unwrap_or(false) {
            out.push(&words[start..i]);
            start = i;
        }
    }
    if start < words.len() {
        out.push(&words[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(text: &str) -> String {
        let mut out = Vec::new();
        for_each_word(text, |range, _| {
            let mut w = String::new();
            push_normalised(&text[range], &mut w);
            out.push(w);
        });
        out.join(" ")
    }

    #[test]
    fn words_lose_marks_case_curly_apostrophes_and_end_punctuation() {
        assert_eq!(
            normalise("“Absolutely no  deafness or\nblindness.”"),
            "absolutely no deafness or blindness"
        );
        assert_eq!(normalise("'We’re not done,'"), "we're not done");
        assert_eq!(normalise("‘above zero’"), "above zero");
        assert_eq!(
            normalise("“He told me ‘no’ — twice!”"),
            "he told me no twice"
        );
        assert_eq!(normalise("“U.S.-led talks”"), "u.s.-led talks");
        assert_eq!(normalise("“”"), "");
    }

    #[test]
    fn word_ranges_and_ellipses() {
        let text = "“close … the library...this year”";
        let mut seen = Vec::new();
        for_each_word(text, |range, gap| seen.push((&text[range], gap)));
        assert_eq!(
            seen,
            [
                ("close", false),
                ("the", true),
                ("library", false),
                ("this", true),
                ("year", false)
            ]
        );
    }

    #[test]
    fn pieces_run_in_order_as_whole_words() {
        let whole = ["we", "will", "not", "close", "the", "library"];
        assert!(runs_in_order(&[&["will", "not"][..]], &whole));
        assert!(runs_in_order(
            &[&["we"][..], &["the", "library"][..]],
            &whole
        ));
        assert!(!runs_in_order(
            &[&["the", "library"][..], &["we"][..]],
            &whole
        ));
        assert!(!runs_in_order(&[&["not", "the"][..]], &whole));
        let gaps = [false, false, true, false];
        assert_eq!(
            pieces(&["a", "b", "c", "d"], &gaps),
            [&["a", "b"][..], &["c", "d"][..]]
        );
    }
}
