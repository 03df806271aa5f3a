//! Quick tests that rule a word out of a word list before the list is
//! searched: the readers ask of nearly every word whether it is a verb of
//! speech or opens a source phrase, and nearly every word is neither.

use rustc_hash::{FxHashMap, FxHashSet};

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

/// A word list with its words' shapes: a word is hashed only when some
/// entry has its shape, and the readers ask of nearly every word they pass
/// whether it is a given name, a role, an abbreviation…
pub(super) struct ShapedSet {
    words: FxHashSet<&'static str>,
    shapes: WordShapes,
}

impl ShapedSet {
    pub(super) fn contains(&self, word: &str) -> bool {
        self.shapes.may_contain(word) && self.words.contains(word)
    }

    /// False when no entry has `word`'s shape (ASCII case aside).
    pub(super) fn may_contain(&self, word: &str) -> bool {
        self.shapes.may_contain(word)
    }
}

impl From<FxHashSet<&'static str>> for ShapedSet {
    fn from(words: FxHashSet<&'static str>) -> ShapedSet {
        let shapes = WordShapes::new(words.iter().copied());
        ShapedSet { words, shapes }
    }
}

impl FromIterator<&'static str> for ShapedSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> ShapedSet {
        ShapedSet::from(words.into_iter().collect::<FxHashSet<_>>())
    }
}

/// A map from words with its keys' shapes, as [`ShapedSet`] is a set.
pub(super) struct ShapedMap<V> {
    map: FxHashMap<&'static str, V>,
    shapes: WordShapes,
}

impl<V> ShapedMap<V> {
    pub(super) fn get(&self, word: &str) -> Option<&V> {
        self.shapes.get(&self.map, word)
    }
}

impl<V> From<FxHashMap<&'static str, V>> for ShapedMap<V> {
    fn from(map: FxHashMap<&'static str, V>) -> ShapedMap<V> {
        let shapes = WordShapes::new(map.keys().copied());
        ShapedMap { map, shapes }
    }
}

/// The shapes of a list's words (length, first and last byte), as bits:
/// a word whose shape no entry has is not in the list, and most words are
/// ruled out so without hashing them. Asked of nearly every word, many
/// times (is it a verb of speech?).
pub(super) struct WordShapes {
    set: Box<ShapeSet>,
}

impl WordShapes {
    pub(super) fn new<'w>(words: impl Iterator<Item = &'w str>) -> WordShapes {
        let mut set = Box::new(ShapeSet::EMPTY);
        for word in words {
            set.insert(word.as_bytes());
        }
        WordShapes { set }
    }

    /// False when no word of the list has `word`'s shape.
    pub(super) fn may_contain(&self, word: &str) -> bool {
        self.set.may_contain(word)
    }

    /// `word`'s entry in `map`, the list these are the shapes of: hashed
    /// only when some word of the list has its shape.
    pub(super) fn get<'m, V>(
        &self,
        map: &'m FxHashMap<&'static str, V>,
        word: &str,
    ) -> Option<&'m V> {
        if self.may_contain(word) {
            map.get(word)
        } else {
            None
        }
    }
}

/// A set of word shapes: a word's length (up to 31), first and last byte,
/// five bits of each. A letter's five low bits are the same in either
/// case, so an ASCII word and its lowercase have one shape. Built in a
/// const too, for the closed word classes.
#[derive(Clone, Copy)]
pub(super) struct ShapeSet {
    bits: [u64; ShapeSet::WORDS],
}

impl ShapeSet {
    const WORDS: usize = 1 << 15 >> 6;

    pub(super) const EMPTY: ShapeSet = ShapeSet {
        bits: [0; ShapeSet::WORDS],
    };

    const fn shape(bytes: &[u8]) -> usize {
        let len = if bytes.len() > 31 { 31 } else { bytes.len() };
        let (first, last) = match bytes {
            [] => (0, 0),
            [first, .., last] => (*first, *last),
            [only] => (*only, *only),
        };
        (len << 10) | ((first as usize & 31) << 5) | (last as usize & 31)
    }

    pub(super) const fn insert(&mut self, word: &[u8]) {
        let shape = ShapeSet::shape(word);
        self.bits[shape >> 6] |= 1 << (shape & 63);
    }

    /// False when no word inserted has `word`'s shape.
    pub(super) fn may_contain(&self, word: &str) -> bool {
        let shape = ShapeSet::shape(word.as_bytes());
        self.bits[shape >> 6] & (1 << (shape & 63)) != 0
    }
}
