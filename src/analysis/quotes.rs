//! Finding quotations: which quotation marks open and close, which are
//! apostrophes, how quotes nest, and how a quote runs on across paragraphs.
//!
//! The scanner walks each paragraph once, keeping a stack of open marks at
//! most two deep (a quote and one quote nested inside it). Straight marks get
//! their direction from their neighbours; a straight or curly single mark
//! between letters, before a digit or in `'n'` is an apostrophe.

use std::ops::Range;

use super::chars::{is_alphabetic, is_alphanumeric, next_quote_mark_start};
use super::document::{Document, Paragraph, ParagraphKind};

/// Which family a quotation mark belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkFamily {
    Double,
    Single,
}

/// A quotation found in the draft (possibly running over several paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// From the first opening mark to the last closing mark (or the end of the
    /// paragraph where an unclosed quote stops).
    pub range: Range<usize>,
    /// One range per paragraph, or per re-opened segment within a paragraph
    /// (`...once were. "What the book...`). Each includes its marks.
    pub segments: Vec<Range<usize>>,
    /// Index of the paragraph each segment is in.
    pub segment_paragraphs: Vec<usize>,
    pub family: MarkFamily,
    /// Whether the last segment ends with a closing mark.
    pub closed: bool,
    /// Whether any of the quote's own (outer) marks is a straight `"` or `'`.
    pub straight_marks: bool,
    /// Whether any of the quote's own marks is curly.
    pub curly_marks: bool,
}

impl QuoteSpan {
    pub fn paragraph(&self) -> usize {
        self.segment_paragraphs[0]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Open,
    Close,
}

/// One mark as the scanner reads it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    family: MarkFamily,
    direction: Direction,
    straight: bool,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(is_alphanumeric)
}

/// Space, start or end of text, or punctuation that may stand beside a mark on
/// its outer side.
fn is_left_flank(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | ':' | '…'
                )
        }
    }
}

fn is_right_flank(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '”'
                        | '’'
                        | '»'
                        | '…'
                        | '"'
                        | '\''
                )
        }
    }
}

/// Classifies the mark `c` from its neighbours; `None` for an apostrophe or a
/// mark that cannot be a quotation mark (inches, feet).
fn classify(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    next2: Option<char>,
    open_single: bool,
    open_double: bool,
) -> Option<Mark> {
    use Direction::*;
    use MarkFamily::*;
    let mark = |family, direction, straight| {
        Some(Mark {
            family,
            direction,
            straight,
        })
    };
    match c {
        '“' | '«' | '„' => mark(Double, Open, false),
        '”' | '»' => mark(Double, Close, false),
        '"' => {
            let left = is_left_flank(prev);
            let right = is_right_flank(next);
            if prev.is_some_and(|p| p.is_ascii_digit()) && !open_double {
                return None; // 5" (inches)
            }
            match (left, right) {
                (true, false) => mark(Double, Open, true),
                (false, true) => mark(Double, Close, true),
                _ if open_double => mark(Double, Close, true),
                _ => mark(Double, Open, true),
            }
        }
        '‘' | '\'' | '’' | '‹' | '›' => {
            let straight = c == '\'';
            if c == '‹' {
                return mark(Single, Open, false);
            }
            if c == '›' {
                return mark(Single, Close, false);
            }
            // don't, Russia’s, O'Brien
            if is_word_char(prev) && is_word_char(next) {
                return None;
            }
            // '90s, ’em; rock 'n' roll
            if is_left_flank(prev) && next.is_some_and(|n| n.is_ascii_digit()) {
                return None;
            }
            if next == Some('n') && matches!(next2, Some('\'' | '’')) {
                return None;
            }
            let left = is_left_flank(prev);
            let right = is_right_flank(next);
            match (left, right, c) {
                (true, false, '’') if !open_single => None, // ’em, ’til
                (true, false, _) => mark(Single, Open, straight),
                (false, true, _) if open_single => mark(Single, Close, straight),
                // the Joneses' house, goin'
                (false, true, _) => None,
                (_, _, '‘') => mark(Single, Open, false),
                _ if open_single => mark(Single, Close, straight),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A quote under construction.
struct Building {
    segments: Vec<Range<usize>>,
    segment_paragraphs: Vec<usize>,
    family: MarkFamily,
    straight: bool,
    curly: bool,
    /// Start of the segment being read.
    segment_start: usize,
}

/// Finds every top-level quotation in the prose of `doc`.
pub fn find_quotes(doc: &Document) -> Vec<QuoteSpan> {
    let prose = doc.prose.as_str();
    let mut quotes = Vec::new();
    // A multi-paragraph quote carried into the next paragraph.
    let mut carried: Option<Building> = None;
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let mut scan = ParagraphScan::new(prose, pi);
        // A carried quote continues only if this paragraph opens with a mark.
        if let Some(b) = carried.take() {
            if let Some(ended) = scan.continue_quote(b, para) {
                quotes.push(ended);
            }
        }
        scan.marks(para.range.clone(), &mut quotes);
        carried = scan.left_open(para.range.end);
    }
    if let Some(b) = carried.take() {
        quotes.push(finish(b, false));
    }
    // Quotes are pushed as they close; a multi-paragraph quote closes after the
    // quotes inside its first paragraph that closed earlier cannot exist, but a
    // carried quote is pushed when the next paragraph is read, so sort.
    quotes.sort_by_key(|q| q.range.start);
    // A pair of marks around nothing (`""`, `" "`) is not a quotation.
    // Nor are numbers, handles and addresses in quotes (tweet ids, URLs).
    quotes.retain(|q| is_wordy(&prose[q.range.clone()]));
    quotes
}

/// The scanner's state within one paragraph.
struct ParagraphScan<'a> {
    prose: &'a str,
    /// The paragraph's index.
    paragraph: usize,
    /// The families of the open marks, outermost first.
    stack: Vec<MarkFamily>,
    current: Option<Building>,
    /// Inside `rock 'n' roll`: the `'` after the `n` is not a mark.
    skip_closing_n: bool,
}

impl<'a> ParagraphScan<'a> {
    fn new(prose: &'a str, paragraph: usize) -> Self {
        ParagraphScan {
            prose,
            paragraph,
            stack: Vec::with_capacity(2),
            current: None,
            skip_closing_n: false,
        }
    }

    /// Continues the quote carried from the paragraph before when this one
    /// opens with a double mark; otherwise that quote ended unclosed, and
    /// is returned.
    fn continue_quote(&mut self, mut b: Building, para: &Paragraph) -> Option<QuoteSpan> {
        let first = self.prose[para.range.clone()].chars().next();
        let opens = matches!(first, Some('“' | '"' | '«'))
            && para.kind == ParagraphKind::Body
            && b.family == MarkFamily::Double;
        if !opens {
            return Some(finish(b, false));
        }
        b.segment_start = para.range.start;
        self.stack.push(MarkFamily::Double);
        if first == Some('"') {
            b.straight = true;
        } else {
            b.curly = true;
        }
        self.current = Some(b);
        None
    }

    /// Reads the paragraph's marks, pushing each quotation that closes.
    fn marks(&mut self, range: Range<usize>, quotes: &mut Vec<QuoteSpan>) {
        let text = &self.prose[range.clone()];
        let base = range.start;
        // The opening mark of a continued quote has been read.
        let skip_first = self.current.is_some();
        // Only where a mark may begin: the rest of the text is passed over.
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(off) = next_quote_mark_start(bytes, from) {
            from = off + 1;
            let mut after = text[off..].chars();
            let Some(c) = after.next() else { break };
            let candidate = !(skip_first && off == 0)
                && matches!(
                    c,
                    '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›'
                );
            if candidate {
                let prev = text[..off].chars().next_back();
                let (next, next2) = (after.next(), after.next());
                if let Some(quote) = self.mark(c, base + off, prev, next, next2) {
                    quotes.push(quote);
                }
            }
        }
    }

    /// Reads one quotation-mark character at byte `at`; returns the
    /// quotation it closes, if any.
    fn mark(
        &mut self,
        c: char,
        at: usize,
        prev: Option<char>,
        next: Option<char>,
        next2: Option<char>,
    ) -> Option<QuoteSpan> {
        if self.skip_closing_n && matches!(c, '\'' | '’') && prev == Some('n') {
            self.skip_closing_n = false;
            return None;
        }
        if next == Some('n') && matches!(next2, Some('\'' | '’')) && matches!(c, '\'' | '’' | '‘')
        {
            self.skip_closing_n = true;
        }
        let open_single = self.stack.contains(&MarkFamily::Single);
        let open_double = self.stack.contains(&MarkFamily::Double);
        let mark = classify(c, prev, next, next2, open_single, open_double)?;
        match mark.direction {
            Direction::Open => {
                self.open(mark, at);
                None
            }
            Direction::Close => self.close(mark, at + c.len_utf8()),
        }
    }

    fn open(&mut self, mark: Mark, at: usize) {
        if self.stack.is_empty() {
            self.stack.push(mark.family);
            self.current = Some(Building {
                // Nearly every quotation is one segment.
                segments: Vec::with_capacity(1),
                segment_paragraphs: Vec::with_capacity(1),
                family: mark.family,
                straight: mark.straight,
                curly: !mark.straight,
                segment_start: at,
            });
        } else if self.stack.len() == 1 && self.stack[0] != mark.family {
            self.stack.push(mark.family);
        } else if self.stack.len() == 1 {
            // Same family opening inside an open quote: the writer re-opens
            // the quote for a new sentence (or forgot to close it). Either
            // way it is a new segment of the same quotation.
            if let Some(b) = self.current.as_mut() {
                let seg_end = trim_end(self.prose, b.segment_start, at);
                b.segments.push(b.segment_start..seg_end);
                b.segment_paragraphs.push(self.paragraph);
                b.segment_start = at;
                b.straight |= mark.straight;
                b.curly |= !mark.straight;
            }
        }
        // Deeper nesting is not tracked: the mark is part of the text.
    }

    /// A closing mark ending at byte `end`; the quotation it closes, if any.
    fn close(&mut self, mark: Mark, end: usize) -> Option<QuoteSpan> {
        let top = *self.stack.last()?; // else a stray closing mark
        if top == mark.family {
            self.stack.pop();
        } else if self.stack.len() == 2 && self.stack[0] == mark.family {
            // The nested mark was never closed (an apostrophe read as a
            // quote): close both.
            self.stack.clear();
        } else {
            return None; // an apostrophe-like closer of the other family
        }
        if !self.stack.is_empty() {
            return None;
        }
        let mut b = self.current.take()?;
        b.segments.push(b.segment_start..end);
        b.segment_paragraphs.push(self.paragraph);
        b.straight |= mark.straight;
        b.curly |= !mark.straight;
        Some(finish(b, true))
    }

    /// The quotation still open at the paragraph's end (at byte `end`), to
    /// carry into the next paragraph: a double quote. A single mark never
    /// closed in its paragraph was an apostrophe (’em, the Joneses'), not a
    /// quotation.
    fn left_open(mut self, end: usize) -> Option<Building> {
        let mut b = self.current.take()?;
        let seg_end = trim_end(self.prose, b.segment_start, end);
        b.segments.push(b.segment_start..seg_end);
        b.segment_paragraphs.push(self.paragraph);
        (self.stack.first() != Some(&MarkFamily::Single)).then_some(b)
    }
}

/// Whether quoted text can be words someone said: it has a letter, and is
/// not a single URL, handle or file name.
fn is_wordy(text: &str) -> bool {
    if !text.chars().any(is_alphabetic) {
        return false;
    }
    let inner = text.trim_matches(|c: char| !is_alphanumeric(c));
    let single = !inner.contains(char::is_whitespace);
    !(single && (inner.contains('/') || inner.contains('@') || inner.contains(".com")))
}

fn trim_end(prose: &str, start: usize, end: usize) -> usize {
    start + prose[start..end].trim_end().len()
}

fn finish(b: Building, closed: bool) -> QuoteSpan {
    let range = b.segments[0].start..b.segments[b.segments.len() - 1].end;
    QuoteSpan {
        range,
        segments: b.segments,
        segment_paragraphs: b.segment_paragraphs,
        family: b.family,
        closed,
        straight_marks: b.straight,
        curly_marks: b.curly,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::source_format::SourceFormat;

    fn quotes_of(text: &str) -> Vec<(String, bool)> {
        let doc = Document::new(&format!("Headline\n\n{text}"), SourceFormat::PlainText);
        find_quotes(&doc)
            .into_iter()
            .map(|q| (doc.prose[q.range.clone()].to_owned(), q.closed))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        quotes_of(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        assert_eq!(
            texts("She said “yes” and he said \"no\"."),
            vec!["“yes”", "\"no\""]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(texts(
            "Russia’s army didn't move in the '90s or the ’80s; rock 'n' roll, the Joneses' dog."
        )
        .is_empty());
    }

    #[test]
    fn single_quotes_and_nesting() {
        assert_eq!(texts("The poll was 'a shock' to him."), vec!["'a shock'"]);
        assert_eq!(
            texts("“He told me ‘no’ twice,” she said."),
            vec!["“He told me ‘no’ twice,”"]
        );
        assert_eq!(
            texts("\"He told me 'no' twice,\" she said."),
            vec!["\"He told me 'no' twice,\""]
        );
    }

    #[test]
    fn multi_paragraph_quote_continues_when_next_paragraph_opens() {
        let q = quotes_of("He said: “One.\n\n“Two.\n\n“Three.”\n\nAfter.");
        assert_eq!(q, vec![("“One.\n\n“Two.\n\n“Three.”".to_owned(), true)]);
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph_end() {
        let q = quotes_of("He said: “One two.\n\nShe left.");
        assert_eq!(q, vec![("“One two.".to_owned(), false)]);
    }

    #[test]
    fn reopened_quote_after_sentence_end_is_one_quote() {
        let doc = Document::new(
            "H\n\nHe said: \"We were fine. \"Then it broke. \"Now we wait,\" he said.",
            SourceFormat::PlainText,
        );
        let q = find_quotes(&doc);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].segments.len(), 3);
        assert!(q[0].closed);
    }

    #[test]
    fn straight_mark_direction_from_neighbours() {
        assert_eq!(
            texts("\"Go,\" he said, \"now.\" Then \"stop\"."),
            vec!["\"Go,\"", "\"now.\"", "\"stop\""]
        );
    }

    #[test]
    fn inches_are_not_quotes() {
        assert!(texts("The screen is 6\" wide.").is_empty());
    }
}
