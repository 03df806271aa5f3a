//! What the line-based formats read the same way: lines with their byte
//! offsets and line numbers, clock times (`00:12:34.500`, `12:34`), and a
//! byte range with the spaces round its words trimmed off.
//!
//! Lines end at `\n` (a `\r` before it is dropped), the way
//! [`Transcript::line_of`](crate::transcript::Transcript::line_of) counts
//! them, so a [`Problem`](crate::transcript::Problem)'s line is the one the
//! editor opens.

use std::ops::Range;

/// One line of a file: where it starts, its 1-based number, and its text
/// without the line ending (and without a byte order mark on line 1).
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub number: usize,
    pub start: usize,
    pub text: &'a str,
}

impl Line<'_> {
    /// The byte just after the line's text (before its line ending).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The lines of `text`. A byte order mark at the start is not part of line
/// 1: editors hide it, and a header check must not see it.
pub(super) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split('\n').enumerate().map(move |(i, raw)| {
        let line_start = start;
        start += raw.len() + 1;
        let without_cr = raw.strip_suffix('\r').unwrap_or(raw);
        match (i, without_cr.strip_prefix('\u{feff}')) {
            (0, Some(rest)) => Line {
                number: 1,
                start: line_start + '\u{feff}'.len_utf8(),
                text: rest,
            },
            _ => Line {
                number: i + 1,
                start: line_start,
                text: without_cr,
            },
        }
    })
}

/// `text` without a leading byte order mark, and how many bytes that was.
pub(super) fn without_bom(text: &str) -> (usize, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => ('\u{feff}'.len_utf8(), rest),
        None => (0, text),
    }
}

/// A clock time in milliseconds: `h:mm:ss` or `m:ss`, each with an optional
/// fraction after `.` or `,` (SubRip writes a comma). The first field may
/// have any number of digits up to nine (`75:00` is 75 minutes); the others
/// have two and stay under 60. `None` for anything else, so that a word
/// like `3:1` or `ab:cd` is never taken for a time.
pub(super) fn clock(s: &str) -> Option<u64> {
    let (whole, fraction) = match s.rfind(['.', ',']) {
        Some(dot) => (&s[..dot], Some(&s[dot + 1..])),
        None => (s, None),
    };
    let millis = match fraction {
        None => 0,
        Some(f) if (1..=9).contains(&f.len()) && all_digits(f) => {
            // the first three digits are milliseconds: `5` is 500, `05` is 50
            f.bytes()
                .chain(std::iter::repeat(b'0'))
                .take(3)
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'))
        }
        Some(_) => return None,
    };
    let mut fields = whole.split(':');
    let first = fields.next()?;
    if first.is_empty() || first.len() > 9 || !all_digits(first) {
        return None;
    }
    let mut seconds: u64 = first.parse().ok()?;
    let mut count = 1;
    for field in fields {
        count += 1;
        if count > 3 || field.len() != 2 || !all_digits(field) {
            return None;
        }
        let n: u64 = field.parse().ok()?;
        if n >= 60 {
            return None;
        }
        seconds = seconds.saturating_mul(60).saturating_add(n);
    }
    if count < 2 {
        return None;
    }
    Some(seconds.saturating_mul(1000).saturating_add(millis))
}

/// A cue's timing line, `start --> end` and whatever settings follow, in
/// milliseconds; an end written before the start is taken as the start.
pub(super) fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let start = clock(start.trim())?;
    let end = clock(rest.split_whitespace().next()?)?;
    Some((start, end.max(start)))
}

pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Start and end with the end never before the start: a cue whose end is
/// written before its start still starts where it says.
pub(super) fn ordered(start: Option<u64>, end: Option<u64>) -> (Option<u64>, Option<u64>) {
    match (start, end) {
        (Some(s), Some(e)) => (Some(s), Some(e.max(s))),
        other => other,
    }
}

/// `range` of `text` without the white space at either end; empty when
/// there is nothing else. `range` must lie on character boundaries.
pub(super) fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// A line as a message quotes it: at most 40 characters.
pub(super) fn shown(line: &str) -> String {
    match line.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_with_and_without_hours_and_fractions() {
        assert_eq!(clock("00:12:34.500"), Some(754_500));
        assert_eq!(clock("12:34.5"), Some(754_500));
        assert_eq!(clock("12:34,050"), Some(754_050));
        assert_eq!(clock("0:07"), Some(7_000));
        assert_eq!(clock("1:02:03"), Some(3_723_000));
        assert_eq!(clock("75:00"), Some(4_500_000));
        assert_eq!(clock("00:00:01.123456"), Some(1_123));
    }

    #[test]
    fn what_is_not_a_clock() {
        for s in [
            "",
            "12",
            "3:1",
            "1:60",
            "1:2:3:4",
            "a:bc",
            ":12",
            "12:",
            "1:00.",
            "1:00.x",
            "1:00:00:00",
            "１:００",
            "9999999999:00",
        ] {
            assert_eq!(clock(s), None, "{s:?}");
        }
    }

    #[test]
    fn timing_lines() {
        assert_eq!(
            timing("00:01.000 --> 00:02.500 align:start"),
            Some((1_000, 2_500))
        );
        assert_eq!(timing("00:00:03,000-->00:00:01,000"), Some((3_000, 3_000)));
        assert_eq!(timing("00:01.000 -->"), None);
        assert_eq!(timing("00:01.000 -> 00:02.000"), None);
    }

    #[test]
    fn huge_clocks_do_not_overflow() {
        assert_eq!(clock("999999999:59:59.999"), Some(3_599_999_999_999_999));
    }

    #[test]
    fn lines_drop_crlf_and_the_byte_order_mark() {
        let text = "\u{feff}one\r\ntwo\n\nthree";
        let got: Vec<(usize, usize, &str)> =
            lines(text).map(|l| (l.number, l.start, l.text)).collect();
        assert_eq!(
            got,
            [(1, 3, "one"), (2, 8, "two"), (3, 12, ""), (4, 13, "three")]
        );
        for line in lines(text) {
            assert_eq!(&text[line.start..line.end()], line.text);
        }
    }

    #[test]
    fn trimming_and_showing() {
        let text = "  a b \n";
        assert_eq!(trimmed(text, 0..text.len()), 2..5);
        assert_eq!(trimmed(text, 0..2), 2..2);
        assert_eq!(shown(&"é".repeat(50)), format!("{}…", "é".repeat(40)));
        assert_eq!(ordered(Some(5), Some(3)), (Some(5), Some(5)));
    }
}
