//! The edit-distance table of one piece of a quotation against a window
//! of transcript words, and the alignment read back from it.

use std::ops::Range;

use super::model::{Alignment, Difference, QuotePart, BRACKET_SPAN};
use crate::transcript::words::{Word, PAIRED, SKIP_ONE, SKIP_TWO};

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
pub(super) struct Table {
    cols: usize,
    cost: Vec<u32>,
}

impl Table {
    fn at(&self, i: usize, j: usize) -> u32 {
        self.cost[i * self.cols + j]
    }

    pub(super) fn fill(piece: &[QuotePart], window: &[Word]) -> Table {
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
                    relax(&mut cost, i, j + 1, here + if free { 0 } else { WORD });
                    if word.skip & SKIP_TWO != 0 && j + 2 < cols {
                        relax(&mut cost, i, j + 2, here);
                    }
                }
                match piece.get(i) {
                    Some(QuotePart::Word {
                        key,
                        joined,
                        filler,
                        ..
                    }) => {
                        relax(&mut cost, i + 1, j, here + if *filler { 0 } else { WORD });
                        if let Some(word) = window.get(j) {
                            relax(&mut cost, i + 1, j + 1, here + change(word, *key));
                        }
                        // `cooperate` for the spoken `co-operate`, and the
                        // other way round
                        if j + 2 < cols && window[j].joined == *key {
                            relax(&mut cost, i + 1, j + 2, here);
                        }
                        let then_word = matches!(piece.get(i + 1), Some(QuotePart::Word { .. }));
                        if then_word && window.get(j).is_some_and(|w| w.key == *joined) {
                            relax(&mut cost, i + 2, j + 1, here);
                        }
                    }
                    Some(QuotePart::Bracket { .. }) => {
                        for k in 0..=BRACKET_SPAN.min(cols - 1 - j) {
                            relax(&mut cost, i + 1, j + k, here);
                        }
                    }
                    Some(QuotePart::Gap | QuotePart::Stop) | None => {}
                }
            }
        }
        Table { cols, cost }
    }
}

/// What a word added, left out or changed costs in the table. Costs are
/// doubled so that a draft word set against a transcript filler can cost
/// a half more ([`change`]): `zeppelin` in place of `budget` in `um, budget.
/// um, winter` is `budget` changed, not the second `um`. The alignment's
/// own `cost` counts words, not these.
const WORD: u32 = 2;

/// The cost of a draft word with `key` standing where `word` was said.
fn change(word: &Word, key: u64) -> u32 {
    if word.key == key {
        0
    } else if word.skip & (SKIP_ONE | PAIRED) != 0 {
        WORD + 1
    } else {
        WORD
    }
}

/// The draft bytes of a part of a quotation.
fn part_range(piece: &[QuotePart], part: usize) -> Range<usize> {
    match &piece[part] {
        QuotePart::Word { range, .. } | QuotePart::Bracket { range } => range.clone(),
        QuotePart::Gap | QuotePart::Stop => 0..0,
    }
}

impl Table {
    /// Walks back from the cheapest end of the last row: the steps of the
    /// best alignment, first to last.
    fn steps(&self, piece: &[QuotePart], window: &[Word]) -> Vec<Step> {
        let last_row = piece.len();
        // on a tie the later end: a quotation's last word changed reads as
        // that word changed, not as a word added
        let mut j = (0..self.cols)
            .min_by_key(|&j| (self.at(last_row, j), usize::MAX - j))
            .unwrap_or(0);
        let mut i = last_row;
        let mut steps = Vec::with_capacity(piece.len() + 4);
        while i > 0 {
            if let Some((first, second, back_i, back_j)) = self.hyphenated(piece, window, i, j) {
                steps.extend([second, first]);
                (i, j) = (back_i, back_j);
                continue;
            }
            let here = self.at(i, j);
            let from = |i: usize, j: usize, cost: u32| self.at(i, j).saturating_add(cost) == here;
            let step = match &piece[i - 1] {
                QuotePart::Word { key, .. }
                    if j > 0 && from(i - 1, j - 1, change(&window[j - 1], *key)) =>
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
                // a filler passed over before a word added: among equal
                // readings, the one that sets the draft word against a
                // spoken word
                _ if j > 0 && window[j - 1].skip & SKIP_ONE != 0 && from(i, j - 1, 0) => {
                    j -= 1;
                    Step::TranscriptOnly {
                        word: j,
                        count: 1,
                        free: true,
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
                QuotePart::Word { filler, .. }
                    if from(i - 1, j, if *filler { 0 } else { WORD }) =>
                {
                    i -= 1;
                    Step::DraftOnly {
                        part: i,
                        free: *filler,
                    }
                }
                // a spoken word the draft leaves out (fillers were passed
                // over above)
                _ if j > 0 && window[j - 1].skip & SKIP_ONE == 0 && from(i, j - 1, WORD) => {
                    j -= 1;
                    Step::TranscriptOnly {
                        word: j,
                        count: 1,
                        free: false,
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

    /// The two steps that reach `(i, j)` through a hyphenated word written
    /// as one on the other side, first to last, and the cell before them.
    fn hyphenated(
        &self,
        piece: &[QuotePart],
        window: &[Word],
        i: usize,
        j: usize,
    ) -> Option<(Step, Step, usize, usize)> {
        let here = self.at(i, j);
        let from = |i: usize, j: usize| self.at(i, j) == here;
        // the draft's one word for the transcript's two
        if let QuotePart::Word { key, .. } = &piece[i - 1] {
            if j > 1 && window[j - 2].joined == *key && from(i - 1, j - 2) {
                let same = Step::Same {
                    part: i - 1,
                    word: j - 2,
                };
                let rest = Step::TranscriptOnly {
                    word: j - 1,
                    count: 1,
                    free: true,
                };
                return Some((same, rest, i - 1, j - 2));
            }
        }
        // the draft's two for the transcript's one
        if i > 1 && j > 0 && matches!(piece[i - 1], QuotePart::Word { .. }) {
            if let QuotePart::Word { joined, .. } = &piece[i - 2] {
                if *joined == window[j - 1].key && from(i - 2, j - 1) {
                    let same = Step::Same {
                        part: i - 2,
                        word: j - 1,
                    };
                    let rest = Step::DraftOnly {
                        part: i - 1,
                        free: true,
                    };
                    return Some((same, rest, i - 2, j - 1));
                }
            }
        }
        None
    }

    /// The alignment the table holds, with word indices into `all` (the
    /// window starts at `window.start`).
    pub(super) fn trace(
        &self,
        piece: &[QuotePart],
        all: &[Word],
        window: Range<usize>,
    ) -> Alignment {
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
            joined: false,
        });
    }
}
