//! Quick tests that rule a word out of a word list before the list is
//! searched: the readers ask of nearly every word whether it is a verb of
//! speech or opens a source phrase, and nearly every word is neither.

/// Phrases of a few words each, and the shapes their first words have:
/// they are looked for at every word, and that shape rules out nearly
/// every word at once.
pub struct PhraseList {
    pub phrases: Vec<Vec<&'static str>>,
    /// The shapes of the phrases' first words ([`WordShapes`] are blind to
    /// ASCII case, as the phrases are matched).
    starts: WordShapes,
}

impl PhraseList {
    pub(super) fn new(phrases: Vec<Vec<&'static str>>) -> PhraseList {
        let starts = WordShapes::new(phrases.iter().filter_map(|p| p.first().copied()));
        PhraseList { phrases, starts }
    }

    /// Whether a phrase can start with `word` (compared ASCII-case-blind):
    /// false means none does.
    pub fn may_start(&self, word: &str) -> bool {
        self.starts.may_contain(word)
    }
}

/// The shapes of a list's words (length, first and last byte), as bits:
/// a word whose shape no entry has is not in the list, and most words are
/// ruled out so without hashing them. Asked of nearly every word, many
/// times (is it a verb of speech?).
pub(super) struct WordShapes {
    bits: Box<[u64; WordShapes::WORDS]>,
}

impl WordShapes {
    const WORDS: usize = 1 << 15 >> 6;

    pub(super) fn new<'w>(words: impl Iterator<Item = &'w str>) -> WordShapes {
        let mut bits = Box::new([0; WordShapes::WORDS]);
        for word in words {
            let shape = WordShapes::shape(word);
            bits[shape >> 6] |= 1 << (shape & 63);
        }
        WordShapes { bits }
    }

    /// Length (up to 31), first and last byte (five bits of each: the same
    /// for an ASCII letter in either case, so an ASCII word and its
    /// lowercase have one shape).
    fn shape(word: &str) -> usize {
        let bytes = word.as_bytes();
        let len = bytes.len().min(31);
        let first = usize::from(bytes.first().copied().unwrap_or(0) & 31);
        let last = usize::from(bytes.last().copied().unwrap_or(0) & 31);
        (len << 10) | (first << 5) | last
    }

    /// False when no word of the list has `word`'s shape.
    pub(super) fn may_contain(&self, word: &str) -> bool {
        let shape = WordShapes::shape(word);
        self.bits[shape >> 6] & (1 << (shape & 63)) != 0
    }
}
