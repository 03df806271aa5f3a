//! Lining a quotation up with a transcript.
//!
//! A quotation is read into words, `[editorial]` groups and `…` gaps
//! ([`read_quote`]); the gaps cut it into pieces. The longest piece is
//! looked up in every transcript's [`Index`] (its word triples, or for a
//! short piece its rarer words), which proposes a few places; each is
//! aligned word by word in a window around it, and the best is kept. The
//! other pieces are then looked for in the same transcript, in order. Work
//! is bounded by the quotation's length, never by the transcript's.
//!
//! The alignment is an edit distance over words in which the transcript's
//! fillers and false starts may be passed over for nothing, an editorial
//! `[group]` may stand for up to [`BRACKET_SPAN`] transcript words (or
//! none), and the passage may start and end anywhere in the window.

use std::ops::Range;
use std::sync::Arc;

use super::index::{triple_key, Index};
use super::words::{self, fold_words, plain_chars, Word, SKIP_ONE, SKIP_TWO};
use super::Transcript;

/// The most transcript words one `[editorial group]` may stand for.
pub const BRACKET_SPAN: usize = 5;
/// A word or triple found more often than this proposes nothing: it is
/// too common to say where a quotation is.
const COMMON: usize = 64;
/// How many places the index may propose for a piece.
const PROPOSALS: usize = 3;

/// A part of a quotation as it is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotePart {
    /// A word: its key and bytes in the draft, and whether it is a filler.
    Word {
        key: u64,
        range: Range<usize>,
        filler: bool,
    },
    /// Words in square brackets: the writer's, standing for the speaker's.
    Bracket { range: Range<usize> },
    /// An ellipsis: words left out here.
    Gap,
}

/// Reads the quotation in `text[range]` (one paragraph of it).
pub fn read_quote(text: &str, range: Range<usize>) -> Vec<QuotePart> {
    let mut parts = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return parts;
    };
    let base = range.start;
    let mut run = 0; // start of the plain run not yet read, in `slice`
    let mut at = 0;
    while let Some(c) = slice[at..].chars().next() {
        let (part, next) = match c {
            '[' => match slice[at..].find(']') {
                Some(close) => (
                    Some(QuotePart::Bracket {
                        range: base + at..base + at + close + 1,
                    }),
                    at + close + 1,
                ),
                None => (None, at + 1),
            },
            '…' => (Some(QuotePart::Gap), at + c.len_utf8()),
            '.' if slice[at..].starts_with("...") => (Some(QuotePart::Gap), at + 3),
            '.' if slice[at..].starts_with(". . .") => (Some(QuotePart::Gap), at + 5),
            _ => (None, at + c.len_utf8()),
        };
        if let Some(part) = part {
            push_words(text, base + run..base + at, &mut parts);
            parts.push(part);
            run = next;
        }
        at = next;
    }
    push_words(text, base + run..base + slice.len(), &mut parts);
    parts
}

fn push_words(text: &str, range: Range<usize>, parts: &mut Vec<QuotePart>) {
    fold_words(plain_chars(text, range), |start, end, key, _| {
        parts.push(QuotePart::Word {
            key,
            range: start..end,
            filler: words::is_filler(key),
        })
    });
}

/// Where a quotation's words and a transcript's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The draft's words (bytes); empty where the draft leaves out the
    /// transcript's words, placed where they would go.
    pub draft: Range<usize>,
    /// The transcript's words (bytes in its file); empty where the draft
    /// has words the transcript does not, placed where they would go.
    pub transcript: Range<usize>,
}

/// How well a quotation matches the passage found for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Word for word, within the tidying allowed.
    Exact,
    /// The same passage, with words changed, added or left out.
    Close,
    /// Not said in the transcripts.
    None,
}

impl Fit {
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Exact => "exact",
            Fit::Close => "close",
            Fit::None => "none",
        }
    }
}

/// A quotation's best passage in one transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// The transcript, by index in the slice searched.
    pub file: usize,
    /// The transcript words the quotation spans, first to last (indices
    /// into its `words.list`).
    pub words: Range<usize>,
    /// Quotation words equal to the transcript's.
    pub matched: usize,
    /// Words changed, added or left out.
    pub cost: usize,
    pub differences: Vec<Difference>,
}

impl Alignment {
    /// Exact with no cost; close when most words agree: at least three,
    /// and at least twice as many as differ. A one- or two-word quotation
    /// is exact or not found.
    pub fn fit(&self) -> Fit {
        if self.cost == 0 && self.matched > 0 {
            Fit::Exact
        } else if self.matched >= 3 && 2 * self.cost <= self.matched {
            Fit::Close
        } else {
            Fit::None
        }
    }
}

/// The content words' keys of a piece of a quotation.
fn piece_keys(piece: &[QuotePart]) -> Vec<u64> {
    piece
        .iter()
        .filter_map(|p| match p {
            QuotePart::Word { key, filler, .. } if !filler => Some(*key),
            _ => None,
        })
        .collect()
}

/// Lines a quotation up with the transcripts: its best passage, if the
/// index proposes any.
pub fn align(files: &[Arc<Transcript>], quote: &[QuotePart]) -> Option<Alignment> {
    let pieces: Vec<&[QuotePart]> = quote
        .split(|p| *p == QuotePart::Gap)
        .filter(|piece| !piece_keys(piece).is_empty())
        .collect();
    let anchor =
        (0..pieces.len()).max_by_key(|&i| (piece_keys(pieces[i]).len(), usize::MAX - i))?;
    let mut best: Option<Alignment> = None;
    for (file, transcript) in files.iter().enumerate() {
        let found = places(&transcript.index, &piece_keys(pieces[anchor]), 0..u32::MAX);
        for place in found {
            let Some(mut aligned) = align_at(transcript, pieces[anchor], place) else {
                continue;
            };
            aligned.file = file;
            if best.as_ref().is_none_or(|b| better(&aligned, b)) {
                best = Some(aligned);
            }
        }
    }
    let mut whole = best?;
    let transcript = &files[whole.file];
    // the pieces after the anchor, each after the one before it; then the
    // pieces before it, each before the one after it
    let mut bound = whole.words.clone();
    for piece in &pieces[anchor + 1..] {
        let next = align_near(transcript, piece, bound.end, true);
        bound = join(&mut whole, next, piece, bound, true);
    }
    bound = whole.words.clone();
    for piece in pieces[..anchor].iter().rev() {
        let next = align_near(transcript, piece, bound.start, false);
        bound = join(&mut whole, next, piece, bound, false);
    }
    whole
        .differences
        .sort_by_key(|d| (d.draft.start, d.draft.end));
    Some(whole)
}

fn better(a: &Alignment, b: &Alignment) -> bool {
    (a.cost, usize::MAX - a.matched) < (b.cost, usize::MAX - b.matched)
}

/// Adds a piece's alignment (or, when it was not found, its words as
/// differences) to the whole; returns the words the whole now spans.
fn join(
    whole: &mut Alignment,
    piece_found: Option<Alignment>,
    piece: &[QuotePart],
    bound: Range<usize>,
    after: bool,
) -> Range<usize> {
    match piece_found.filter(|a| a.fit() != Fit::None) {
        Some(found) => {
            whole.matched += found.matched;
            whole.cost += found.cost;
            whole.differences.extend(found.differences);
            let spans = bound.start.min(found.words.start)..bound.end.max(found.words.end);
            whole.words = whole.words.start.min(spans.start)..whole.words.end.max(spans.end);
            if after {
                found.words.end..found.words.end
            } else {
                found.words.start..found.words.start
            }
        }
        None => {
            let draft = piece.iter().fold(None::<Range<usize>>, |acc, p| match p {
                QuotePart::Word { range, .. } | QuotePart::Bracket { range } => Some(match acc {
                    Some(a) => a.start..range.end,
                    None => range.clone(),
                }),
                QuotePart::Gap => acc,
            });
            whole.cost += piece_keys(piece).len();
            if let Some(draft) = draft {
                whole.differences.push(Difference {
                    draft,
                    transcript: 0..0,
                });
            }
            bound
        }
    }
}

/// A piece aligned in one transcript, looked for only after word `from`
/// (or only before it).
fn align_near(
    transcript: &Transcript,
    piece: &[QuotePart],
    from: usize,
    after: bool,
) -> Option<Alignment> {
    let content = &transcript.index.content;
    let at = content.partition_point(|&w| (w as usize) < from) as u32;
    let allowed = if after { at..u32::MAX } else { 0..at };
    places(&transcript.index, &piece_keys(piece), allowed)
        .into_iter()
        .filter_map(|place| align_at(transcript, piece, place))
        .filter(|a| {
            if after {
                a.words.start >= from
            } else {
                a.words.end <= from
            }
        })
        .reduce(|a, b| if better(&b, &a) { b } else { a })
}

/// Where in a transcript a piece with these content words may be: content
/// positions where its first word would stand, best supported first, at
/// most [`PROPOSALS`]. Only positions in `allowed` are considered.
fn places(index: &Index, keys: &[u64], allowed: Range<u32>) -> Vec<i64> {
    let mut starts: Vec<i64> = Vec::new();
    let vote = |starts: &mut Vec<i64>, hits: Vec<u32>, offset: usize| {
        if hits.len() <= COMMON {
            starts.extend(
                hits.into_iter()
                    .filter(|p| allowed.contains(p))
                    .map(|p| i64::from(p) - offset as i64),
            );
        }
    };
    for (i, k) in keys.windows(3).enumerate() {
        vote(
            &mut starts,
            index.triple(triple_key(k[0], k[1], k[2])).collect(),
            i,
        );
    }
    if starts.is_empty() {
        for (i, &k) in keys.iter().enumerate() {
            vote(&mut starts, index.single(k).collect(), i);
        }
    }
    starts.sort_unstable();
    // neighbouring starts are one place seen through words added or left out
    let mut clusters: Vec<(usize, i64)> = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let first = starts[i];
        let mut j = i;
        while j + 1 < starts.len() && starts[j + 1] - starts[j] <= 3 {
            j += 1;
        }
        clusters.push((j + 1 - i, first));
        i = j + 1;
    }
    clusters.sort_by_key(|&(votes, start)| (usize::MAX - votes, start));
    clusters.truncate(PROPOSALS);
    clusters.into_iter().map(|(_, start)| start).collect()
}

/// Aligns a piece with the transcript words around content position
/// `place`.
fn align_at(transcript: &Transcript, piece: &[QuotePart], place: i64) -> Option<Alignment> {
    let content = &transcript.index.content;
    let length = piece_keys(piece).len() + piece.len() / 4;
    let slack = 3 + length / 4;
    let first = (place - slack as i64).clamp(0, content.len() as i64) as usize;
    let last = ((place + (length + slack) as i64).max(0) as usize).min(content.len());
    if first >= last {
        return None;
    }
    let window = content[first] as usize..content[last - 1] as usize + 1;
    let table = Table::fill(piece, &transcript.words.list[window.clone()]);
    Some(table.trace(piece, &transcript.words.list, window))
}

/// What one step of an alignment did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Same {
        part: usize,
        word: usize,
    },
    Changed {
        part: usize,
        word: usize,
    },
    /// A draft word the transcript lacks (or a filler, free).
    DraftOnly {
        part: usize,
        free: bool,
    },
    /// Transcript words the draft lacks (or fillers, free).
    TranscriptOnly {
        word: usize,
        count: usize,
        free: bool,
    },
    /// An editorial group standing for transcript words `from..to`.
    Bracket {
        part: usize,
        from: usize,
        to: usize,
    },
}

/// The edit-distance table of a piece against a window of words.
struct Table {
    cols: usize,
    cost: Vec<u32>,
}

impl Table {
    fn at(&self, i: usize, j: usize) -> u32 {
        self.cost[i * self.cols + j]
    }

    fn fill(piece: &[QuotePart], window: &[Word]) -> Table {
        let (rows, cols) = (piece.len() + 1, window.len() + 1);
        let mut cost = vec![u32::MAX; rows * cols];
        cost[..cols].fill(0);
        let relax = |cost: &mut [u32], i: usize, j: usize, value: u32| {
            let cell = &mut cost[i * cols + j];
            *cell = (*cell).min(value);
        };
        for i in 0..rows {
            for j in 0..cols {
                let here = cost[i * cols + j];
                if here == u32::MAX {
                    continue;
                }
                if let Some(word) = window.get(j) {
                    let free = i == 0 || word.skip & SKIP_ONE != 0;
                    relax(&mut cost, i, j + 1, here + u32::from(!free));
                    if word.skip & SKIP_TWO != 0 && j + 2 < cols {
                        relax(&mut cost, i, j + 2, here);
                    }
                }
                match piece.get(i) {
                    Some(QuotePart::Word { key, filler, .. }) => {
                        relax(&mut cost, i + 1, j, here + u32::from(!filler));
                        if let Some(word) = window.get(j) {
                            relax(&mut cost, i + 1, j + 1, here + u32::from(word.key != *key));
                        }
                    }
                    Some(QuotePart::Bracket { .. }) => {
                        for k in 0..=BRACKET_SPAN.min(cols - 1 - j) {
                            relax(&mut cost, i + 1, j + k, here);
                        }
                    }
                    Some(QuotePart::Gap) | None => {}
                }
            }
        }
        Table { cols, cost }
    }
}

/// The draft bytes of a part of a quotation.
fn part_range(piece: &[QuotePart], part: usize) -> Range<usize> {
    match &piece[part] {
        QuotePart::Word { range, .. } | QuotePart::Bracket { range } => range.clone(),
        QuotePart::Gap => 0..0,
    }
}

impl Table {
    /// Walks back from the cheapest end of the last row: the steps of the
    /// best alignment, first to last.
    fn steps(&self, piece: &[QuotePart], window: &[Word]) -> Vec<Step> {
        let last_row = piece.len();
        let mut j = (0..self.cols)
            .min_by_key(|&j| (self.at(last_row, j), j))
            .unwrap_or(0);
        let mut i = last_row;
        let mut steps = Vec::with_capacity(piece.len() + 4);
        while i > 0 {
            let here = self.at(i, j);
            let from = |i: usize, j: usize, cost: u32| self.at(i, j).saturating_add(cost) == here;
            let step = match &piece[i - 1] {
                QuotePart::Word { key, .. }
                    if j > 0 && from(i - 1, j - 1, u32::from(window[j - 1].key != *key)) =>
                {
                    let (part, word) = (i - 1, j - 1);
                    i -= 1;
                    j -= 1;
                    if window[word].key == *key {
                        Step::Same { part, word }
                    } else {
                        Step::Changed { part, word }
                    }
                }
                QuotePart::Bracket { .. }
                    if (0..=BRACKET_SPAN.min(j)).any(|k| from(i - 1, j - k, 0)) =>
                {
                    let k = (0..=BRACKET_SPAN.min(j))
                        .find(|&k| from(i - 1, j - k, 0))
                        .unwrap_or(0);
                    i -= 1;
                    j -= k;
                    Step::Bracket {
                        part: i,
                        from: j,
                        to: j + k,
                    }
                }
                QuotePart::Word { filler, .. } if from(i - 1, j, u32::from(!filler)) => {
                    i -= 1;
                    Step::DraftOnly {
                        part: i,
                        free: *filler,
                    }
                }
                _ if j > 0 && from(i, j - 1, u32::from(window[j - 1].skip & SKIP_ONE == 0)) => {
                    j -= 1;
                    Step::TranscriptOnly {
                        word: j,
                        count: 1,
                        free: window[j].skip & SKIP_ONE != 0,
                    }
                }
                _ if j > 1 && window[j - 2].skip & SKIP_TWO != 0 && from(i, j - 2, 0) => {
                    j -= 2;
                    Step::TranscriptOnly {
                        word: j,
                        count: 2,
                        free: true,
                    }
                }
                // unreachable for a filled table; stop rather than loop
                _ => break,
            };
            steps.push(step);
        }
        steps.reverse();
        steps
    }

    /// The alignment the table holds, with word indices into `all` (the
    /// window starts at `window.start`).
    fn trace(&self, piece: &[QuotePart], all: &[Word], window: Range<usize>) -> Alignment {
        let words = &all[window.clone()];
        let steps = self.steps(piece, words);
        let mut out = Alignment {
            file: 0,
            words: window.start..window.start,
            matched: 0,
            cost: 0,
            differences: Vec::new(),
        };
        let mut spanned: Option<Range<usize>> = None;
        let mut open = Open::default();
        for step in &steps {
            match *step {
                Step::Same { part, word }
                | Step::Bracket {
                    part, from: word, ..
                } => {
                    if matches!(step, Step::Same { .. }) {
                        out.matched += 1;
                        let w = window.start + word;
                        spanned = Some(spanned.map_or(w..w + 1, |s| s.start..w + 1));
                    }
                    let at_word = words.get(word).map_or(open.word_end, |w| w.start);
                    open.close(part_range(piece, part).start, at_word, &mut out.differences);
                    open.draft_end = part_range(piece, part).end;
                    if let Step::Bracket { to, .. } = *step {
                        if let Some(w) = to.checked_sub(1).and_then(|l| words.get(l)) {
                            open.word_end = w.end;
                        }
                    } else {
                        open.word_end = words[word].end;
                    }
                }
                Step::Changed { part, word } => {
                    out.cost += 1;
                    let w = window.start + word;
                    spanned = Some(spanned.map_or(w..w + 1, |s| s.start..w + 1));
                    open.add_draft(part_range(piece, part));
                    open.add_word(words[word].range());
                }
                Step::DraftOnly { part, free } => {
                    if !free {
                        out.cost += 1;
                        open.add_draft(part_range(piece, part));
                    }
                }
                Step::TranscriptOnly { word, count, free } => {
                    if !free && spanned.is_some() {
                        out.cost += count;
                        open.add_word(words[word].range());
                    }
                }
            }
        }
        // words the draft lacks after its last word are not in the quote
        open.transcript = open.transcript.filter(|_| open.draft.is_some());
        open.close(open.draft_end, open.word_end, &mut out.differences);
        if let Some(s) = spanned {
            out.words = s;
        }
        out
    }
}

/// A difference being gathered: the draft's and the transcript's words
/// since the last words that agreed.
#[derive(Default)]
struct Open {
    draft: Option<Range<usize>>,
    transcript: Option<Range<usize>>,
    /// The end of the last draft and transcript words that agreed: where
    /// words missing on one side go.
    draft_end: usize,
    word_end: usize,
}

impl Open {
    fn add_draft(&mut self, r: Range<usize>) {
        self.draft = Some(self.draft.take().map_or(r.clone(), |d| d.start..r.end));
    }
    fn add_word(&mut self, r: Range<usize>) {
        self.transcript = Some(self.transcript.take().map_or(r.clone(), |t| t.start..r.end));
    }
    /// Ends the difference (if any) before the draft word at `next_draft`
    /// and the transcript word at `next_word`.
    fn close(&mut self, next_draft: usize, next_word: usize, out: &mut Vec<Difference>) {
        let (draft, transcript) = (self.draft.take(), self.transcript.take());
        if draft.is_none() && transcript.is_none() {
            return;
        }
        out.push(Difference {
            draft: draft.unwrap_or(next_draft..next_draft),
            transcript: transcript.unwrap_or(next_word..next_word),
        });
    }
}
