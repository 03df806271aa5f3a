//! Words read the same way from a transcript and from a quotation, so they
//! can be compared as numbers: lowercased, apostrophes dropped (`don’t` is
//! `dont`), split at hyphens and dashes (`well-known` is `well known`),
//! digits kept together across a `,` or `.` (`1,000` is `1000`), and
//! punctuation, quotation marks and markup ignored.
//!
//! A transcript's words also say which may be passed over at no cost when a
//! quotation is aligned with them: spoken fillers (`um`, `you know`, from
//! `fillers.txt`), false starts said twice (`we we will`, `I think I
//! think`) and words cut off (`sh- shut`).

use std::hash::Hasher;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashSet, FxHasher};

use super::formats::Format;
use super::segment::Segment;

/// `Word::skip` bit: this word may be passed over at no cost.
pub const SKIP_ONE: u8 = 1;
/// `Word::skip` bit: this word and the next may be passed over together at
/// no cost (`you know`, the first of `I think I think`).
pub const SKIP_TWO: u8 = 2;
/// `Word::skip` bit: the second word of a [`SKIP_TWO`] pair (`know`).
pub const PAIRED: u8 = 4;

/// A word of a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word's bytes in the file's text.
    pub start: usize,
    pub end: usize,
    /// The folded word as a number (see [`key`]).
    pub key: u64,
    /// For the first half of a hyphenated word, the key of both halves
    /// written as one (`Folded::joined`); else 0.
    pub joined: u64,
    /// The segment it was said in, by index.
    pub segment: u32,
    /// [`SKIP_ONE`], [`SKIP_TWO`] and [`PAIRED`] bits.
    pub skip: u8,
}

impl Word {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Every word of a transcript, in order.
#[derive(Debug, Default)]
pub struct Words {
    pub list: Vec<Word>,
}

impl Words {
    /// Reads the words of every segment of a transcript in `format`.
    pub fn read(text: &str, segments: &[Segment], format: Format) -> Words {
        let mut list = Vec::with_capacity(text.len() / 6);
        for (i, segment) in segments.iter().enumerate() {
            let segment_index = u32::try_from(i).unwrap_or(u32::MAX);
            let range = segment.text.clone();
            let push = |w: Folded| {
                // the transcriber's `[inaudible]`, `[laughter]`: nobody's words
                let annotation = text[..w.start].ends_with('[') && text[w.end..].starts_with(']');
                list.push(Word {
                    start: w.start,
                    end: w.end,
                    key: w.key,
                    joined: w.joined,
                    segment: segment_index,
                    skip: if w.cut_off || annotation { SKIP_ONE } else { 0 },
                });
            };
            if text.get(range.clone()).is_none() {
                continue;
            }
            fold_words(spoken_chars(text, range, format), push);
        }
        mark_skippable(&mut list);
        list.shrink_to_fit();
        Words { list }
    }
}

/// Folds one word's characters into its key.
#[derive(Default, Clone)]
struct KeyBuilder(FxHasher);

impl KeyBuilder {
    fn push(&mut self, c: char) {
        for lower in c.to_lowercase() {
            self.0.write_u32(lower as u32);
        }
    }
    fn finish(&self) -> u64 {
        // never 0, so 0 can stand for "no word"
        self.0.finish() | 1
    }
}

/// The key of a single word as [`fold_words`] reads it (`Don’t` → the key
/// of `dont`); for a text of several words, the key of the first.
pub fn key(word: &str) -> u64 {
    let mut first = 0;
    fold_words(plain_chars(word, 0..word.len()), |w| {
        if first == 0 {
            first = w.key;
        }
    });
    first
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// A word as [`fold_words`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folded {
    pub start: usize,
    pub end: usize,
    pub key: u64,
    /// A hyphen ends it and no letter follows (`sh- shut`, `sh—`).
    pub cut_off: bool,
    /// For the first of two words joined by a hyphen (`co` of
    /// `co-operate`), the key of the two written as one (`cooperate`);
    /// else 0.
    pub joined: u64,
}

/// Reads words from characters with their byte spans, calling `emit` for
/// each in order.
pub fn fold_words(chars: impl Iterator<Item = (usize, usize, char)>, emit: impl FnMut(Folded)) {
    let mut folder = Folder {
        emit,
        key: KeyBuilder::default(),
        word: None,
        joiner: None,
        last: ' ',
        pending: None,
        through: None,
    };
    for (start, end, c) in chars {
        folder.push(start, end, c);
    }
    folder.finish();
}

/// The state of [`fold_words`] between characters.
struct Folder<F: FnMut(Folded)> {
    emit: F,
    key: KeyBuilder,
    /// The word being read: its start and end so far.
    word: Option<(usize, usize)>,
    /// A `'`, `,` or `.` that joins the word to what follows only if a
    /// letter (or, for `,`/`.`, a digit) comes next.
    joiner: Option<char>,
    last: char,
    /// A word a hyphen ended, held until what follows shows whether it was
    /// cut off or the first half of a compound; with the key of the
    /// compound so far.
    pending: Option<(Folded, KeyBuilder)>,
    /// While reading a compound's second half: the key of the whole.
    through: Option<KeyBuilder>,
}

impl<F: FnMut(Folded)> Folder<F> {
    fn push(&mut self, start: usize, end: usize, c: char) {
        if self.word.is_none() && self.through.is_none() {
            if let Some((held, whole)) = self.pending.take() {
                if c.is_alphanumeric() {
                    // the second half of `co-operate` begins
                    self.pending = Some((held, whole.clone()));
                    self.through = Some(whole);
                } else {
                    (self.emit)(Folded {
                        cut_off: true,
                        ..held
                    });
                }
            }
        }
        if c.is_alphanumeric() {
            self.letter(start, end, c);
            return;
        }
        if self.word.is_some()
            && self.joiner.is_none()
            && (is_apostrophe(c) || ((c == ',' || c == '.') && self.last.is_numeric()))
        {
            self.joiner = Some(c);
            return;
        }
        self.joiner = None;
        self.end_word(is_hyphen(c));
    }

    fn letter(&mut self, start: usize, end: usize, c: char) {
        let joined = match self.joiner.take() {
            None => true,
            Some(j) if is_apostrophe(j) => true,
            Some(_) => self.last.is_numeric() && c.is_numeric(),
        };
        match self.word {
            Some((s, _)) if joined => self.word = Some((s, end)),
            Some(_) => {
                self.end_word(false);
                self.word = Some((start, end));
            }
            None => self.word = Some((start, end)),
        }
        self.key.push(c);
        if let Some(whole) = &mut self.through {
            whole.push(c);
        }
        self.last = c;
    }

    /// Ends the word being read, if any: held when a hyphen ends it.
    fn end_word(&mut self, at_hyphen: bool) {
        let Some((start, end)) = self.word.take() else {
            return;
        };
        let key = std::mem::take(&mut self.key);
        // the first half of a compound, now that the second is read
        if let (Some((held, _)), Some(whole)) = (self.pending.take(), self.through.take()) {
            (self.emit)(Folded {
                joined: whole.finish(),
                ..held
            });
        }
        let folded = Folded {
            start,
            end,
            key: key.finish(),
            cut_off: false,
            joined: 0,
        };
        if at_hyphen {
            self.pending = Some((folded, key));
        } else {
            (self.emit)(folded);
        }
    }

    fn finish(mut self) {
        self.joiner = None;
        self.end_word(false);
        if let Some((held, _)) = self.pending.take() {
            (self.emit)(Folded {
                cut_off: true,
                ..held
            });
        }
    }
}

/// The characters of a transcript's `text[range]` as spoken, each with
/// the bytes it was written in: markup read past in subtitles (`<i>`,
/// `<v Ann>`, `{\an8}`: each one space, so words either side stay apart),
/// escapes decoded in JSON strings.
pub fn spoken_chars(
    text: &str,
    range: Range<usize>,
    format: Format,
) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    let step: Step = match format {
        Format::WhisperJson => json_step,
        f if f.has_markup() => markup_step,
        _ => plain_step,
    };
    stepped(text, range, step)
}

/// The characters of `text[range]` with their byte spans.
pub fn plain_chars(
    text: &str,
    range: Range<usize>,
) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    stepped(text, range, plain_step)
}

/// How the character at the start of a (non-empty) text is read: what it
/// stands for, and how many bytes it takes (at least one, ending on a
/// character boundary).
type Step = fn(&str) -> (char, usize);

fn stepped(
    text: &str,
    range: Range<usize>,
    step: Step,
) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    let slice = text.get(range.clone()).unwrap_or_default();
    let base = range.start;
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &slice[at..];
        if rest.is_empty() {
            return None;
        }
        let (c, used) = step(rest);
        let start = at;
        at += used;
        Some((base + start, base + at, c))
    })
}

fn plain_step(s: &str) -> (char, usize) {
    let c = s.chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// A tag (`<i>`, `<v Ann>`, `<00:01:02.000>`) or SubRip style code
/// (`{\an8}`) is one space.
fn markup_step(s: &str) -> (char, usize) {
    let closing = match s.as_bytes()[0] {
        b'<' => Some('>'),
        b'{' if s[1..].starts_with('\\') => Some('}'),
        _ => None,
    };
    match closing.and_then(|close| s.find(close)) {
        Some(i) => (' ', i + 1),
        None => plain_step(s),
    }
}

fn json_step(s: &str) -> (char, usize) {
    if s.starts_with('\\') {
        json_escape(s)
    } else {
        plain_step(s)
    }
}

/// The character an escape at the start of `s` (which begins with `\`)
/// stands for, and how many bytes it takes. Malformed escapes are read as
/// the backslash alone.
fn json_escape(s: &str) -> (char, usize) {
    let hex = |from: usize| {
        s.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    match s.as_bytes().get(1) {
        Some(b'"') => ('"', 2),
        Some(b'\\') => ('\\', 2),
        Some(b'/') => ('/', 2),
        Some(b'n' | b't' | b'r' | b'b' | b'f') => (' ', 2),
        Some(b'u') => match hex(2) {
            Some(high @ 0xD800..=0xDBFF) => {
                let low = s.get(6..8).filter(|p| *p == "\\u").and_then(|_| hex(8));
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                    }
                    _ => ('\u{FFFD}', 6),
                }
            }
            Some(code) => (char::from_u32(code).unwrap_or('\u{FFFD}'), 6),
            None => ('\\', 1),
        },
        _ => ('\\', 1),
    }
}

/// One- and two-word fillers, as keys.
struct Fillers {
    one: FxHashSet<u64>,
    two: FxHashSet<(u64, u64)>,
}

static FILLERS: LazyLock<Fillers> = LazyLock::new(|| {
    let mut fillers = Fillers {
        one: FxHashSet::default(),
        two: FxHashSet::default(),
    };
    for line in include_str!("fillers.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut keys = Vec::new();
        fold_words(plain_chars(line, 0..line.len()), |w| keys.push(w.key));
        match keys[..] {
            [one] => {
                fillers.one.insert(one);
            }
            [first, second] => {
                fillers.two.insert((first, second));
            }
            _ => {}
        }
    }
    fillers
});

/// Whether a word of a quotation is a filler a transcript may lack.
pub fn is_filler(key: u64) -> bool {
    FILLERS.one.contains(&key)
}

/// Marks the words that may be passed over: fillers, false starts and
/// words cut off (already marked by [`Words::read`]).
fn mark_skippable(list: &mut [Word]) {
    let key = |list: &[Word], i: usize| list.get(i).map_or(0, |w| w.key);
    // the next word after `i` that is said for itself: past up to three
    // fillers and words cut off (`until she, um, until she`, `the sh- the`)
    let next = |list: &[Word], i: usize| {
        let mut n = i + 1;
        while n < list.len().min(i + 4)
            && (FILLERS.one.contains(&list[n].key) || list[n].skip & SKIP_ONE != 0)
        {
            n += 1;
        }
        n
    };
    for i in 0..list.len() {
        let (k0, k1) = (key(list, i), key(list, i + 1));
        let again = next(list, i);
        if FILLERS.one.contains(&k0) || k0 == key(list, again) {
            list[i].skip |= SKIP_ONE;
        }
        let again = next(list, i + 1);
        let repeated_pair = k1 != 0 && k0 == key(list, again) && k1 == key(list, next(list, again));
        if FILLERS.two.contains(&(k0, k1)) || repeated_pair {
            list[i].skip |= SKIP_TWO;
            if let Some(next) = list.get_mut(i + 1) {
                next.skip |= PAIRED;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        fold_words(
            plain_chars(text, 0..text.len()),
            |Folded {
                 start: s, end: e, ..
             }| { out.push(&text[s..e]) },
        );
        out
    }

    #[test]
    fn words_split_at_hyphens_and_keep_apostrophes_and_numbers() {
        assert_eq!(
            words("“We’re well-known,” she said — 1,000 times. Dogs’ 3.5"),
            ["We’re", "well", "known", "she", "said", "1,000", "times", "Dogs", "3.5"]
        );
    }

    #[test]
    fn keys_ignore_case_and_apostrophe_shape() {
        assert_eq!(key("Don’t"), key("dont"));
        assert_eq!(key("DON'T"), key("don’t"));
        assert_ne!(key("shut"), key("shot"));
        assert_eq!(key("1,000"), key("1000"));
    }

    #[test]
    fn markup_and_json_escapes_are_read_past() {
        let vtt = "<v Ann>We <i>shut</i> it{\\an8}</v>";
        let mut found = Vec::new();
        fold_words(
            spoken_chars(vtt, 0..vtt.len(), Format::WebVtt),
            |Folded {
                 start: s, end: e, ..
             }| { found.push(&vtt[s..e]) },
        );
        assert_eq!(found, ["We", "shut", "it"]);
        let json = r#"It\u2019s \"done\"\nnow \ud83d\ude00 ok"#;
        let mut keys = Vec::new();
        fold_words(
            spoken_chars(json, 0..json.len(), Format::WhisperJson),
            |w| keys.push(w.key),
        );
        assert_eq!(keys, [key("its"), key("done"), key("now"), key("ok")]);
    }

    #[test]
    fn fillers_false_starts_and_cut_off_words_may_be_skipped() {
        let text = "we we will um sh- shut it, you know, I think I think so";
        let segment = Segment {
            start_ms: None,
            end_ms: None,
            speaker: None,
            text: 0..text.len(),
        };
        let read = Words::read(text, &[segment], Format::Notes);
        let marked: Vec<(&str, u8)> = read
            .list
            .iter()
            .map(|w| (&text[w.range()], w.skip))
            .collect();
        assert_eq!(
            marked,
            [
                ("we", SKIP_ONE),
                ("we", 0),
                ("will", 0),
                ("um", SKIP_ONE),
                ("sh", SKIP_ONE),
                ("shut", 0),
                ("it", 0),
                ("you", SKIP_TWO),
                ("know", PAIRED),
                ("I", SKIP_TWO),
                ("think", PAIRED),
                ("I", 0),
                ("think", 0),
                ("so", 0),
            ]
        );
    }
}
