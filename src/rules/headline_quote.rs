use std::ops::Range;

use super::{excerpt, Diagnostic, Rule, Severity};
use crate::analysis::{Analysis, ParagraphKind, Quote};
use crate::config::Config;

/// A quotation in a headline or crosshead whose words are not quoted anywhere
/// in the body. Headlines are written last and shortened to fit, and a quote
/// reworded in the process puts words in someone's mouth: the headline must
/// quote words that the body quotes and attributes.
///
/// The words may also stand unquoted in a body paragraph: a headline puts
/// the name of a campaign or a show in quotation marks (`To ‘Reclaim Our
/// Schools’` beside `the Alliance to Reclaim Our Schools`) and may quote
/// words the body gives in a block quotation or reported speech. Those are
/// still the story's words, verbatim.
///
/// Quotes are compared as normalised word sequences (see `words`): the
/// headline quote matches when its words run, whole word by whole word,
/// inside some body quotation — `‘absolutely no deafness’` is inside
/// `“absolutely no deafness or blindness.”`, `‘art’` is not inside
/// `“a fresh start”`. An ellipsis in the headline quote stands for words
/// left out: each part must appear, in order, in one body quotation.
pub struct HeadlineQuote;

impl Rule for HeadlineQuote {
    fn code(&self) -> &'static str {
        "headline-quote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a headline quote that is not in the body"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let headlines: Vec<&Quote> = analysis.quotes.iter().filter(|q| q.display).collect();
        if headlines.is_empty() {
            return Vec::new();
        }
        // Body quotations first; then the body paragraphs themselves, so that
        // the name of a campaign, a show or a book (`‘Reclaim Our Schools’`)
        // and words the story reports without marks also count.
        let mut body = BodyQuotes::default();
        for q in analysis.quotes.iter().filter(|q| !q.display) {
            body.push(q.span.segments.iter().map(|s| &prose[s.clone()]));
        }
        // The paragraphs are the whole body: only read when some headline
        // quote is not among the body's quotations.
        let mut with_paragraphs = false;
        let mut out = Vec::new();
        for q in headlines {
            let words = quote_words(prose, q);
            if words.is_empty() || body.contains(&words) {
                continue;
            }
            if !with_paragraphs {
                with_paragraphs = true;
                for p in &analysis.document.paragraphs {
                    if p.kind == ParagraphKind::Body {
                        body.push(std::iter::once(&prose[p.range.clone()]));
                    }
                }
                if body.contains(&words) {
                    continue;
                }
            }
            let range = q.span.segments[0].clone();
            out.push(Diagnostic {
                code: self.code(),
                severity: self.default_severity(),
                message: format!(
                    "Headline quote {} does not appear in the story: quote the body exactly, or attribute it there",
                    excerpt(&prose[range.clone()], 48)
                ),
                range,
                help: Some("headline quotes must be words someone said in the body".to_owned()),
            });
        }
        out
    }
}

/// One word of a quotation, normalised for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Lowercase, curly apostrophes made straight, punctuation and quotation
    /// marks at either end removed.
    pub text: String,
    /// Where the word is in the draft.
    pub range: Range<usize>,
    /// Whether an ellipsis (words left out) comes just before this word.
    pub gap_before: bool,
}

/// Characters that separate words even without a space: dashes and the
/// ellipsis (`close—this`, `close…this`).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '—' | '–' | '…')
}

/// The words of `text`, normalised for comparing quotations: quotation marks
/// and punctuation at the ends of each word dropped, lowercased, `’` and `‘`
/// made `'`; an ellipsis (`…` or `...`) is remembered as a gap before the
/// next word. Word ranges are offset by `base`.
pub(crate) fn words(text: &str, base: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for_each_word(text, |range, gap| {
        let mut normal = String::with_capacity(range.len());
        push_normalised(&text[range.clone()], &mut normal);
        out.push(Word {
            text: normal,
            range: base + range.start..base + range.end,
            gap_before: gap && !out.is_empty(),
        });
    });
    out
}

/// Appends a word lowercased, with curly apostrophes made straight.
pub(crate) fn push_normalised(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
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

/// Calls `each` with the range of every word of `text` (punctuation and
/// quotation marks at its ends left out) and whether an ellipsis came
/// before it since the last word.
pub(crate) fn for_each_word(text: &str, mut each: impl FnMut(Range<usize>, bool)) {
    let mut gap = false;
    let mut start: Option<usize> = None;
    let mut push = |from: usize, to: usize, gap: &mut bool| {
        let raw = &text[from..to];
        let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if trimmed.is_empty() {
            return;
        }
        let s = from + (raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
        each(s..s + trimmed.len(), std::mem::take(gap));
    };
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let ellipsis = if c == '…' {
            Some(c.len_utf8())
        } else if text[i..].starts_with("...") {
            Some(3)
        } else {
            None
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

/// A quotation's text normalised for comparison: its words (see [`words`])
/// joined by single spaces (for tests and debugging; the rules compare
/// [`Word`]s).
#[cfg(test)]
pub(crate) fn normalise(text: &str) -> String {
    words(text, 0)
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The normalised words of a whole quotation, every segment of a quote that
/// runs over several paragraphs included.
pub(crate) fn quote_words(prose: &str, q: &Quote) -> Vec<Word> {
    let mut out = Vec::new();
    for segment in &q.span.segments {
        out.extend(words(&prose[segment.clone()], segment.start));
    }
    out
}

/// The parts of a word sequence between ellipses.
fn pieces(words: &[Word]) -> Vec<&[Word]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, w) in words.iter().enumerate() {
        if w.gap_before && i > start {
            out.push(&words[start..i]);
            start = i;
        }
    }
    if start < words.len() {
        out.push(&words[start..]);
    }
    out
}

fn joined(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        s.push(' ');
        s.push_str(&w.text);
    }
    s.push(' ');
    s
}

/// Every body quotation's (and paragraph's) normalised words in one string,
/// each word between single spaces and each quotation on its own line, so that a word-bounded
/// search is a substring search. Built straight into one string: the body
/// can be a book chapter, and a `Word` per body word was a fifth of the
/// whole check.
struct BodyQuotes {
    text: String,
}

impl Default for BodyQuotes {
    fn default() -> BodyQuotes {
        BodyQuotes {
            text: String::from("\n"),
        }
    }
}

impl BodyQuotes {
    /// Adds one quotation (or paragraph) as a line: the words of all its
    /// parts, in order.
    fn push<'a>(&mut self, parts: impl Iterator<Item = &'a str>) {
        for part in parts {
            for_each_word(part, |range, _| {
                self.text.push(' ');
                push_normalised(&part[range], &mut self.text);
            });
        }
        self.text.push_str(" \n");
    }

    /// Whether the words (parts between ellipses in order) run inside one
    /// body quotation.
    fn contains(&self, words: &[Word]) -> bool {
        let parts: Vec<String> = pieces(words).into_iter().map(joined).collect();
        let Some((first, rest)) = parts.split_first() else {
            return true;
        };
        'occurrence: for (at, _) in self.text.match_indices(first.as_str()) {
            let mut from = at + first.len() - 1;
            let line_end = self.text[from..]
                .find('\n')
                .map_or(self.text.len(), |e| from + e);
            for part in rest {
                match self.text[from..line_end].find(part.as_str()) {
                    Some(i) => from += i + part.len() - 1,
                    None => continue 'occurrence,
                }
            }
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options, SourceFormat};

    fn findings(text: &str) -> Vec<String> {
        let analysis = analyze(
            text,
            &Options {
                format: SourceFormat::PlainText,
            },
        );
        HeadlineQuote
            .check(&analysis, &Config::default())
            .into_iter()
            .map(|d| text[d.range].to_owned())
            .collect()
    }

    fn body_has(body: &[&str], headline: &str) -> bool {
        let mut quotes = BodyQuotes::default();
        for q in body {
            quotes.push(std::iter::once(*q));
        }
        quotes.contains(&words(headline, 0))
    }

    #[test]
    fn normalise_strips_marks_case_apostrophes_and_end_punctuation() {
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
    fn words_keep_their_ranges_and_mark_ellipses() {
        let w = words("“close … the library...this year”", 10);
        let texts: Vec<_> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["close", "the", "library", "this", "year"]);
        assert_eq!(w[0].range, 13..18);
        let gaps: Vec<_> = w.iter().map(|w| w.gap_before).collect();
        assert_eq!(gaps, [false, true, false, true, false]);
        let w = words("“close... the library”", 0);
        assert!(w[1].gap_before);
    }

    #[test]
    fn a_shortened_headline_quote_is_found_inside_a_body_quote() {
        assert!(body_has(
            &["“absolutely no deafness or blindness.”"],
            "'absolutely no deafness'"
        ));
        assert!(body_has(&["“Relations are above zero,”"], "‘Above zero’"));
    }

    #[test]
    fn matching_is_word_by_word() {
        assert!(!body_has(&["“a fresh start”"], "'art'"));
        assert!(!body_has(&["“the party is over”"], "'party is overdue'"));
        assert!(body_has(&["“the party is over”"], "'party is over'"));
    }

    #[test]
    fn a_headline_quote_must_not_straddle_two_body_quotes() {
        assert!(!body_has(
            &["“we will”", "“not give up”"],
            "'will not give up'"
        ));
    }

    #[test]
    fn ellipsis_parts_must_appear_in_order_in_one_quote() {
        let body = ["“We will not, whatever they say, close the library”"];
        assert!(body_has(&body, "'We will not … close the library'"));
        assert!(!body_has(&body, "'close the library … we will not'"));
    }

    #[test]
    fn flags_only_headline_quotes_missing_from_the_body() {
        let text = "Mayor 'will not close' library, but 'cuts ahead'\n\n\
            The mayor said on Monday that she “will not close the library”.\n\n\
            “There will be savings elsewhere,” she said.\n";
        assert_eq!(findings(text), ["'cuts ahead'"]);
    }
}
