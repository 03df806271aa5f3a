//! Letters and digits told apart from punctuation, and words lowercased,
//! quickly.
//!
//! The standard library answers ASCII at once but looks every other
//! character up in its Unicode tables, and a story's curly quotation marks,
//! apostrophes, dashes and ellipses are asked about at nearly every word.
//! They all sit in the General Punctuation block, which has no letters or
//! digits, so these answer for it without the tables.

/// The General Punctuation block (`‘’“”–—…`): neither letters nor digits.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// [`char::is_alphanumeric`], quick for punctuation.
pub fn is_alphanumeric(c: char) -> bool {
    !is_general_punctuation(c) && c.is_alphanumeric()
}

/// [`char::is_alphabetic`], quick for punctuation.
pub fn is_alphabetic(c: char) -> bool {
    !is_general_punctuation(c) && c.is_alphabetic()
}

/// Whether byte `b` can begin a quotation mark: every mark's UTF-8 begins
/// with one of these (`«` and `»` with 0xC2, the curly marks with 0xE2).
pub fn may_start_quote_mark(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xC2 | 0xE2)
}

/// The first byte at or after `from` that [`may_start_quote_mark`]. Plain
/// ASCII without straight marks, most of a story, is passed over eight
/// bytes at a time: a word of them with no high bit set and no byte equal
/// to `"` or `'` has none.
pub fn next_quote_mark_start(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `v` is zero (exact when none is).
    let has_zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let may_hold_one = word & HIGH != 0
            || has_zero_byte(word ^ (ONES * u64::from(b'"')))
            || has_zero_byte(word ^ (ONES * u64::from(b'\'')));
        if may_hold_one {
            if let Some(i) = chunk.iter().position(|&b| may_start_quote_mark(b)) {
                return Some(from + 8 * n + i);
            }
        }
    }
    let tail = chunks.remainder();
    let at = from + rest.len() - tail.len();
    (tail.iter().position(|&b| may_start_quote_mark(b))).map(|i| at + i)
}

/// Whether the character at byte `at` of `text` is whitespace
/// ([`char::is_whitespace`]), and its length; none at the end. Told from
/// its UTF-8 bytes, without decoding it: the only whitespace beyond ASCII
/// is U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000.
#[inline]
fn whitespace_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes();
    let next = |k: usize| bytes.get(at + k).copied();
    Some(match *bytes.get(at)? {
        b @ 0..=0x7F => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
        0xC2 => (matches!(next(1), Some(0x85 | 0xA0)), 2),
        0xC0..=0xDF => (false, 2),
        0xE1 => ((next(1), next(2)) == (Some(0x9A), Some(0x80)), 3),
        0xE2 => match (next(1), next(2)) {
            (Some(0x80), Some(c)) => (matches!(c, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF), 3),
            (Some(0x81), Some(0x9F)) => (true, 3),
            _ => (false, 3),
        },
        0xE3 => ((next(1), next(2)) == (Some(0x80), Some(0x80)), 3),
        0xE0..=0xEF => (false, 3),
        0xF0..=0xFF => (false, 4),
        // Never at a character's start: stepped over byte by byte.
        0x80..=0xBF => (false, 1),
    })
}

/// `text.split_whitespace().take(most).count()`, reading ASCII a byte at
/// a time without decoding it: quotes are counted in words, whole, several
/// times each.
pub fn count_words_up_to(text: &str, most: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    let mut at = 0;
    while count < most {
        let Some((space, len)) = whitespace_at(text, at) else {
            break;
        };
        count += usize::from(!space && !in_word);
        in_word = !space;
        at += len;
    }
    count
}

/// The words of `text` between whitespace, as [`str::split_whitespace`]
/// gives them, without decoding ASCII.
pub fn whitespace_words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let (true, len) = whitespace_at(text, at)? {
            at += len;
        }
        let start = at;
        while let Some((false, len)) = whitespace_at(text, at) {
            at += len;
        }
        text.get(start..at)
    })
}

/// Whether `text` is one character (`text.chars().count() == 1` without
/// counting them all).
pub fn is_one_char(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some() && chars.next().is_none()
}

/// A word lowercased as [`str::to_lowercase`] does it, without a new
/// `String` for the short ASCII words nearly all are: the readers lowercase
/// words to look them up many times over.
pub enum Lowercase<'a> {
    /// The word itself: it had no capital letters.
    Unchanged(&'a str),
    /// A short ASCII word lowercased, on the stack.
    Short {
        bytes: [u8; SHORT],
        len: u8,
    },
    Long(String),
}

/// The longest word [`Lowercase`] keeps on the stack.
const SHORT: usize = 22;

impl Lowercase<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Lowercase::Unchanged(word) => word,
            // Only ASCII is kept short, so the bytes are UTF-8.
            Lowercase::Short { bytes, len } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Lowercase::Long(s) => s,
        }
    }
}

impl std::ops::Deref for Lowercase<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Lowercasing without allocating for short ASCII words.
pub trait ToLowercase {
    /// The text lowercased, as [`str::to_lowercase`] gives it.
    fn lowercase(&self) -> Lowercase<'_>;
}

impl ToLowercase for str {
    fn lowercase(&self) -> Lowercase<'_> {
        lowercase(self)
    }
}

/// `word` lowercased, as [`str::to_lowercase`] gives it.
pub fn lowercase(word: &str) -> Lowercase<'_> {
    if !word.is_ascii() {
        return Lowercase::Long(word.to_lowercase());
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Lowercase::Unchanged(word);
    }
    if word.len() > SHORT {
        return Lowercase::Long(word.to_ascii_lowercase());
    }
    let mut bytes = [0; SHORT];
    bytes[..word.len()].copy_from_slice(word.as_bytes());
    bytes[..word.len()].make_ascii_lowercase();
    Lowercase::Short {
        bytes,
        len: word.len() as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_mark_starts_are_found_as_a_byte_at_a_time_finds_them() {
        let text = "He said it was \"fine\" — and the mayor’s «view» of it, in a long sentence, was ‘no’; café 'x'";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() + 1 {
            let slow = (bytes.get(from..).unwrap_or_default().iter())
                .position(|&b| may_start_quote_mark(b))
                .map(|i| from + i);
            assert_eq!(next_quote_mark_start(bytes, from), slow, "from {from}");
        }
        assert_eq!(next_quote_mark_start(b"plain ascii words only", 0), None);
    }

    #[test]
    fn whitespace_is_told_from_bytes_as_the_standard_library_tells_it() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let text = c.encode_utf8(&mut buf);
            assert_eq!(
                whitespace_at(text, 0),
                Some((c.is_whitespace(), c.len_utf8())),
                "{c:?}"
            );
        }
    }

    #[test]
    fn whitespace_words_and_counts_are_split_whitespaces() {
        for text in [
            "",
            "   ",
            "one",
            "  two words ",
            "tab\tnew\nline\x0Bvt\x0Cff\rcr",
            "no\u{a0}break and\u{2003}em\u{3000}ideographic",
            "“Curly — quoted”  café…",
            "\u{85}next line\u{2028}",
            "x\u{1c}y",
        ] {
            let ours: Vec<&str> = whitespace_words(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
            for most in 0..5 {
                let counted = text.split_whitespace().take(most).count();
                assert_eq!(count_words_up_to(text, most), counted, "{text:?} {most}");
            }
        }
    }

    #[test]
    fn lowercases_as_the_standard_library_does() {
        for word in [
            "",
            "Said",
            "MCDONALD",
            "O'Brien",
            "Ödön",
            "İstanbul",
            "\u{212A}elvin",
            "a-very-long-hyphenated-Word",
        ] {
            assert_eq!(lowercase(word).as_str(), word.to_lowercase());
        }
    }

    #[test]
    fn general_punctuation_has_no_letters_or_digits() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric() && !c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn agrees_with_the_standard_library() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
