//! Who a surname may refer to while people are being made: the people with
//! each surname in order of introduction, where each was last named in
//! full, and which surname a near miss (`Shoygu`) is probably a misspelling
//! of.

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::rc::Rc;

use super::super::gender::Gender;
use super::super::lexicon::Lexicon;
use super::person::Person;

/// A surname with curly apostrophes made straight, and as written.
type PlainAndWritten = (Rc<str>, Rc<str>);

#[derive(Default)]
pub(super) struct Surnames {
    /// Surname -> persons with that surname, in order of introduction.
    /// (Each surname and its straightened form are made once and shared by
    /// these maps: a story introduces a person every few sentences.)
    by_surname: FxHashMap<Rc<str>, Vec<usize>>,
    /// The same surnames with curly apostrophes made straight, by first
    /// letter and length in characters: a misspelling is looked for only
    /// among surnames it could be one edit or two away from, not the whole
    /// cast (a book chapter names a thousand people).
    by_shape: FxHashMap<(char, usize), Vec<PlainAndWritten>>,
    /// Every straightened surname, for the `Bakers`/`Belmarsh` test.
    plain: FxHashMap<Rc<str>, Vec<Rc<str>>>,
    /// The byte lengths of the keys of `plain`, as bits (63 standing for
    /// any longer): a word's prefixes are looked up only at those lengths.
    plain_lengths: u64,
    /// Where each person was introduced (byte offset of their first name).
    introduced: Vec<usize>,
    /// Where each person is named in full, in text order.
    named_in_full: Vec<Vec<usize>>,
}

impl Surnames {
    /// Indexes person `p` (the next one made), introduced at byte `at`.
    pub(super) fn add(&mut self, p: usize, surname: &str, at: usize) {
        let ids = match self.by_surname.get_mut(surname) {
            Some(ids) => ids,
            None => {
                let surname: Rc<str> = Rc::from(surname);
                let plain = match straight_apostrophes(&surname) {
                    Cow::Borrowed(_) => Rc::clone(&surname),
                    Cow::Owned(plain) => Rc::from(plain),
                };
                if let Some(first) = surname.chars().next() {
                    self.by_shape
                        .entry((first, plain.chars().count()))
                        .or_default()
                        .push((Rc::clone(&plain), Rc::clone(&surname)));
                }
                self.plain_lengths |= length_bit(plain.len());
                (self.plain.entry(plain).or_default()).push(Rc::clone(&surname));
                self.by_surname.entry(surname).or_default()
            }
        };
        ids.push(p);
        self.introduced.push(at);
        self.named_in_full.push(Vec::new());
    }

    /// Records that person `p` is named in full at byte `at`.
    pub(super) fn named_in_full(&mut self, p: usize, at: usize) {
        self.named_in_full[p].push(at);
    }

    /// The people with this surname, in order of introduction.
    pub(super) fn with(&self, surname: &str) -> &[usize] {
        self.by_surname.get(surname).map_or(&[], Vec::as_slice)
    }

    /// The namesake named in full most recently before `at` (`Bill Clinton’s
    /// presidency … Hillary Clinton … Clinton` is Hillary), else the first
    /// introduced, preferring one whose gender fits.
    pub(super) fn namesake(
        &self,
        persons: &[Person],
        surname: &str,
        at: usize,
        gender: Gender,
    ) -> Option<usize> {
        let ids = self.by_surname.get(surname)?;
        // Those whose gender fits, if any do, else all: read in place, not
        // gathered (asked of every lone surname).
        let fits = |p: usize| persons[p].gender.compatible(gender);
        let any_fits = ids.iter().any(|&p| fits(p));
        let pool = ids.iter().copied().filter(|&p| !any_fits || fits(p));
        let last_named = |p: usize| {
            let full = &self.named_in_full[p];
            let i = full.partition_point(|&f| f <= at);
            if i > 0 {
                full[i - 1]
            } else {
                self.introduced[p]
            }
        };
        (pool.clone())
            .filter(|&p| self.introduced[p] <= at)
            .max_by_key(|&p| last_named(p))
            .or_else(|| pool.clone().next())
    }

    /// A person with a full name whose surname `word` is probably a
    /// misspelling of: same first letter, one letter off (two for long
    /// names). A word that adds letters at the end of a surname is another
    /// word, not a slip (`the Bakers`, `Belmarsh` beside `Belmar`), and so is
    /// one that drops more than a last letter, or a last `s`. Straight
    /// and curly apostrophes count as one letter (`O'Neil` for `O’Neill` is
    /// one slip; the rule does not report `O'Neill` for `O’Neill`).
    pub(super) fn near_miss(&self, lex: &Lexicon, persons: &[Person], word: &str) -> Option<usize> {
        let len = word.chars().count();
        if len < 5 || lex.given_name(word).is_some() || lex.is_not_name(word) {
            return None;
        }
        let allowed = if len >= 8 { 2 } else { 1 };
        let first = word.chars().next()?;
        let word_plain = straight_apostrophes(word);
        if self.another_word(word, &word_plain) {
            return None;
        }
        let mut found = None;
        for shape_len in len - allowed..=len + allowed {
            let Some(surnames) = self.by_shape.get(&(first, shape_len)) else {
                continue;
            };
            for (surname_plain, surname) in surnames {
                if **surname == *word || !one_slip_from(surname_plain, &word_plain, allowed) {
                    continue;
                }
                let with_full_name = self.by_surname[&**surname]
                    .iter()
                    .copied()
                    .find(|&p| persons[p].given.is_some());
                if let Some(p) = with_full_name {
                    if found.is_some() {
                        return None; // two candidates: no guess
                    }
                    found = Some(p);
                }
            }
        }
        found
    }

    /// `the Bakers`, `Baker's`, `Belmarsh` beside `Belmar`: a plural, a
    /// possessive or another word, not a misspelling of anyone (nor is
    /// `O'Neill` of `O’Neill`).
    fn another_word(&self, word: &str, word_plain: &str) -> bool {
        let extends_a_surname = word_plain
            .char_indices()
            .skip(1)
            .filter(|&(i, _)| self.plain_lengths & length_bit(i) != 0)
            .map(|(i, _)| &word_plain[..i])
            .any(|prefix| self.plain.contains_key(prefix));
        let same_but_apostrophe = self
            .plain
            .get(word_plain)
            .is_some_and(|forms| forms.iter().any(|s| **s != *word));
        extends_a_surname || same_but_apostrophe
    }
}

/// A byte length's bit in [`Surnames::plain_lengths`].
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Whether `word` is `surname` with a slip: at most `allowed` edits, and
/// not merely the surname without its last letters (`Wetheral` for
/// `Wetherall` is a slip, but `Island` beside `Islands` is the singular).
fn one_slip_from(surname: &str, word: &str, allowed: usize) -> bool {
    if let Some(rest) = surname.strip_prefix(word) {
        if rest.chars().count() != 1 || rest == "s" {
            return false;
        }
    }
    // Most surnames of the shape share too few letters to be one slip away:
    // told so without filling the distance table.
    if letters_apart(surname, word).is_some_and(|apart| apart > allowed) {
        return false;
    }
    osa_distance(surname, word) <= allowed
}

/// How many letters of one ASCII word the other lacks, counted both ways
/// and the larger taken (the bag distance); none for other words. An edit
/// or a swap never changes it by more than one, so it is at most
/// [`osa_distance`].
fn letters_apart(a: &str, b: &str) -> Option<usize> {
    if !a.is_ascii() || !b.is_ascii() {
        return None;
    }
    let mut counts = [0u32; 128];
    for &c in a.as_bytes() {
        counts[usize::from(c)] += 1;
    }
    let mut only_in_b = 0;
    for &c in b.as_bytes() {
        match &mut counts[usize::from(c)] {
            0 => only_in_b += 1,
            n => *n -= 1,
        }
    }
    let only_in_a = a.len() - (b.len() - only_in_b);
    Some(only_in_a.max(only_in_b))
}

/// The longest word [`osa_distance`] measures on the stack.
const SHORT_WORD: usize = 32;

/// [`strsim::osa_distance`] (edits and swaps of neighbouring letters),
/// without its three allocations for the short words surnames are: asked of
/// every near miss against every surname of its shape.
fn osa_distance(a: &str, b: &str) -> usize {
    let (mut a_chars, mut b_chars) = (['\0'; SHORT_WORD], ['\0'; SHORT_WORD]);
    let (Some(a_len), Some(b_len)) = (chars_into(a, &mut a_chars), chars_into(b, &mut b_chars))
    else {
        return strsim::osa_distance(a, b);
    };
    let (a, b) = (&a_chars[..a_len], &b_chars[..b_len]);
    // Three rows of the distance table: two back, one back, this one.
    let mut rows = [[0usize; SHORT_WORD + 1]; 3];
    for (j, d) in rows[1].iter_mut().enumerate() {
        *d = j;
    }
    rows[0] = rows[1];
    for i in 0..a.len() {
        let (two_back, one_back, this) = (i % 3, (i + 1) % 3, (i + 2) % 3);
        rows[this][0] = i + 1;
        for j in 0..b.len() {
            let cost = usize::from(a[i] != b[j]);
            let mut d = (rows[this][j] + 1)
                .min(rows[one_back][j + 1] + 1)
                .min(rows[one_back][j] + cost);
            if i > 0 && j > 0 && a[i] != b[j] && a[i] == b[j - 1] && b[j] == a[i - 1] {
                d = d.min(rows[two_back][j - 1] + 1);
            }
            rows[this][j + 1] = d;
        }
    }
    rows[(a.len() + 1) % 3][b.len()]
}

/// Puts the characters of `word` in `out`; their count, or none when they
/// do not fit.
fn chars_into(word: &str, out: &mut [char; SHORT_WORD]) -> Option<usize> {
    let mut n = 0;
    for c in word.chars() {
        *out.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

/// `O’Neill` as `O'Neill`: the two apostrophes are one letter to a reader.
fn straight_apostrophes(word: &str) -> Cow<'_, str> {
    if word.contains('’') {
        Cow::Owned(word.replace('’', "'"))
    } else {
        Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Near and far pairs of surnames: swaps, drops, doubled letters,
    /// curly and straight apostrophes, letters outside ASCII, and words
    /// longer than the stack buffer.
    const WORDS: &[&str] = &[
        "",
        "a",
        "ab",
        "ba",
        "abc",
        "acb",
        "ca",
        "Shoigu",
        "Shoygu",
        "Shogiu",
        "O’Neill",
        "O'Neil",
        "Wetherall",
        "Wetheral",
        "Belmar",
        "Belmarsh",
        "Ødegård",
        "Odegaard",
        "Zelenskyy",
        "Zelensky",
        "Zelenkys",
        "averyveryveryverylongsurnamepastthirtytwo",
        "averyveryveryverylongsurnamepastthirtytow",
    ];

    #[test]
    fn letters_apart_is_at_most_the_distance() {
        for a in WORDS {
            for b in WORDS {
                let Some(apart) = letters_apart(a, b) else {
                    continue; // a word outside ASCII: the full distance decides
                };
                assert!(apart <= osa_distance(a, b), "{a} {b}");
            }
        }
        assert_eq!(letters_apart("Shoigu", "Shoygu"), Some(1));
        assert_eq!(letters_apart("O’Neill", "O'Neil"), None);
    }

    #[test]
    fn osa_distance_agrees_with_strsim() {
        for a in WORDS {
            for b in WORDS {
                assert_eq!(osa_distance(a, b), strsim::osa_distance(a, b), "{a} {b}");
            }
        }
    }
}
