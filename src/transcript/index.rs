//! The index a quotation's passage is found by: every run of three
//! consecutive words of a transcript (fillers and false starts left out),
//! and every single word, each with where it is. Two sorted arrays rather
//! than maps of lists: one allocation each, built in one sort.

use super::words::{Words, SKIP_ONE, SKIP_TWO};

/// Where words and word triples occur in a transcript.
#[derive(Debug, Default)]
pub struct Index {
    /// The words a passage is found by, as indices into [`Words::list`]:
    /// every word that is not a filler, a false start or a word cut off.
    /// Positions in the index are positions in this list.
    pub content: Vec<u32>,
    /// (key of three consecutive content words, position of the first),
    /// sorted.
    triples: Vec<(u64, u32)>,
    /// (word key, position), sorted.
    singles: Vec<(u64, u32)>,
}

/// The key of three consecutive words' keys.
pub fn triple_key(a: u64, b: u64, c: u64) -> u64 {
    // a cheap mix that does not commute, so `a b c` and `c b a` differ
    let mix = |h: u64, k: u64| (h.rotate_left(23) ^ k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mix(mix(mix(0x5851_F42D_4C95_7F2D, a), b), c) | 1
}

impl Index {
    pub fn build(words: &Words) -> Index {
        let list = &words.list;
        let mut content = Vec::with_capacity(list.len());
        let mut i = 0;
        while i < list.len() {
            let skip = list[i].skip;
            if skip & SKIP_TWO != 0 {
                i += 2;
            } else if skip & SKIP_ONE != 0 {
                i += 1;
            } else {
                content.push(u32::try_from(i).unwrap_or(u32::MAX));
                i += 1;
            }
        }
        let key = |p: usize| list[content[p] as usize].key;
        let mut singles: Vec<(u64, u32)> = (0..content.len()).map(|p| (key(p), p as u32)).collect();
        singles.sort_unstable();
        let mut triples: Vec<(u64, u32)> = (0..content.len().saturating_sub(2))
            .map(|p| (triple_key(key(p), key(p + 1), key(p + 2)), p as u32))
            .collect();
        triples.sort_unstable();
        Index {
            content,
            triples,
            singles,
        }
    }

    /// The content positions where three words with these keys begin.
    pub fn triple(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        postings(&self.triples, key)
    }

    /// The content positions of a word.
    pub fn single(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        postings(&self.singles, key)
    }

    /// How many times a word occurs.
    pub fn single_count(&self, key: u64) -> usize {
        let from = self.singles.partition_point(|&(k, _)| k < key);
        let to = self.singles.partition_point(|&(k, _)| k <= key);
        to - from
    }
}

fn postings(sorted: &[(u64, u32)], key: u64) -> impl Iterator<Item = u32> + '_ {
    let from = sorted.partition_point(|&(k, _)| k < key);
    sorted[from..]
        .iter()
        .take_while(move |&&(k, _)| k == key)
        .map(|&(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::words::key;
    use crate::transcript::{Format, Segment};

    #[test]
    fn content_words_leave_out_fillers_and_triples_find_positions() {
        let text = "so um we will shut the harbour and we will shut the gate";
        let segment = Segment {
            start_ms: None,
            end_ms: None,
            speaker: None,
            text: 0..text.len(),
        };
        let words = Words::read(text, &[segment], Format::Notes);
        let index = Index::build(&words);
        assert_eq!(index.content.len(), words.list.len() - 1);
        let triple = triple_key(key("we"), key("will"), key("shut"));
        assert_eq!(index.triple(triple).collect::<Vec<_>>(), [1, 7]);
        assert_eq!(index.single(key("harbour")).collect::<Vec<_>>(), [5]);
        assert_eq!(index.single_count(key("shut")), 2);
        assert_eq!(index.single(key("absent")).count(), 0);
    }
}
