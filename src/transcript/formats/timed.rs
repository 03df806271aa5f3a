//! Timed text, as Otter, Trint, Descript and Rev export it: a header line
//! with a time (and usually a speaker) before each stretch of words.
//!
//! Header shapes:
//! - `Ben Wallace  0:12` (Otter: a name, spaces, a time, nothing else; the
//!   words follow on the next lines), or the time alone;
//! - `[00:12:34] Ben Wallace: words` or `[00:12:34] words` (Trint,
//!   Descript);
//! - `Ben Wallace (00:12:34): words` (Rev, Descript);
//! - `00:12:34 Ben Wallace: words`.
//!
//! A segment's words run from its header to the next header, over any
//! lines and blank lines between; it ends when the next one starts. Lines
//! before the first header (a title, a date) are no one's words, and
//! Otter's closing `Transcribed by https://otter.ai` is not the last
//! speaker's.

use super::label::{is_name, label};
use super::scan::{self, Line};
use crate::transcript::segment::{Problem, Segment};

pub(super) fn parse(text: &str) -> Result<Vec<Segment>, Problem> {
    let headers: Vec<(Line, Header)> = scan::lines(text)
        .filter_map(|line| Some((line, header(line.text)?)))
        .collect();
    if headers.is_empty() {
        let first = scan::lines(text).find(|l| !l.is_blank());
        return Err(Problem {
            line: first.map_or(1, |l| l.number),
            message: format!(
                "expected timed text: lines such as `Ben Wallace  0:12` or `[00:12:34] Ben Wallace: words`, found `{}`",
                first.map_or_else(String::new, |l| scan::shown(l.text))
            ),
        });
    }
    let mut segments = Vec::with_capacity(headers.len());
    for (k, (line, head)) in headers.iter().enumerate() {
        let next = headers.get(k + 1);
        let until = next.map_or(text.len(), |(l, _)| l.start);
        let mut range = scan::trimmed(text, line.start + head.words_at..until);
        if next.is_none() {
            range = without_trailer(text, range);
        }
        if range.is_empty() {
            continue;
        }
        segments.push(Segment {
            start_ms: Some(head.start_ms),
            // times that go backwards end nothing
            end_ms: next
                .map(|(_, n)| n.start_ms)
                .filter(|&e| e >= head.start_ms),
            speaker: head.speaker.map(str::to_owned),
            text: range,
        });
    }
    Ok(segments)
}

/// Whether `text` reads as timed text rather than notes: some header
/// lines, and enough of them for a transcript (at least one paragraph in
/// three opens with one), so that notes mentioning `10:30 Ben: …` once are
/// still notes. A single header counts when it opens most paragraphs.
pub(super) fn looks_timed(text: &str) -> bool {
    let (mut headers, mut paragraphs, mut after_blank) = (0usize, 0usize, true);
    for line in scan::lines(text) {
        if line.is_blank() {
            after_blank = true;
            continue;
        }
        if after_blank {
            paragraphs += 1;
            after_blank = false;
        }
        if header(line.text).is_some() {
            headers += 1;
        }
    }
    let enough = headers.saturating_mul(3) >= paragraphs;
    headers > 0 && enough && (headers >= 2 || headers.saturating_mul(2) > paragraphs)
}

/// A header line: when the words start, who says them, and where in the
/// line they begin (its length when they start on the next line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header<'a> {
    start_ms: u64,
    speaker: Option<&'a str>,
    words_at: usize,
}

fn header(line: &str) -> Option<Header<'_>> {
    let indent = line.len() - line.trim_start().len();
    let body = &line[indent..];
    let found = if body.starts_with('[') {
        bracketed(body)
    } else if body.starts_with(|c: char| c.is_ascii_digit()) {
        leading_clock(body)
    } else {
        parenthesised(body).or_else(|| trailing_clock(body))
    }?;
    Some(Header {
        words_at: indent + found.words_at,
        ..found
    })
}

/// `[00:12:34] Name: words`, `[00:12:34] words`.
fn bracketed(body: &str) -> Option<Header<'_>> {
    let close = body.find(']')?;
    let start_ms = scan::clock(body[1..close].trim())?;
    Some(after_time(body, close + 1, start_ms))
}

/// `00:12:34 Name: words`, or the time alone (`0:12`): a line that only
/// starts with a time (`10:30 we met`) is words.
fn leading_clock(body: &str) -> Option<Header<'_>> {
    let end = body.find(char::is_whitespace).unwrap_or(body.len());
    let start_ms = scan::clock(&body[..end])?;
    let head = after_time(body, end, start_ms);
    (head.speaker.is_some() || head.words_at == body.len()).then_some(head)
}

/// The label and words after a header's time, which ends at `at`.
fn after_time(body: &str, at: usize, start_ms: u64) -> Header<'_> {
    let rest = &body[at..];
    let words_at = at + (rest.len() - rest.trim_start().len());
    match label(&body[words_at..]) {
        Some(l) => Header {
            start_ms,
            speaker: Some(l.name),
            words_at: words_at + l.words_at,
        },
        None => Header {
            start_ms,
            speaker: None,
            words_at,
        },
    }
}

/// `Name (00:12:34): words`, `Name (0:12)`.
fn parenthesised(body: &str) -> Option<Header<'_>> {
    let open = body.find(" (")?;
    let name = body[..open].trim();
    if !is_name(name) {
        return None;
    }
    let inner_at = open + 2;
    let close = inner_at + body[inner_at..].find(')')?;
    let start_ms = scan::clock(body[inner_at..close].trim())?;
    let at = close + 1 + usize::from(body[close + 1..].starts_with(':'));
    let rest = &body[at..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(Header {
        start_ms,
        speaker: Some(name),
        words_at: at + (rest.len() - rest.trim_start().len()),
    })
}

/// `Name  0:12` (Otter): a name and a time and nothing else.
fn trailing_clock(body: &str) -> Option<Header<'_>> {
    let (name, time) = body.trim_end().rsplit_once(char::is_whitespace)?;
    let start_ms = scan::clock(time)?;
    let name = name.trim();
    is_name(name).then_some(Header {
        start_ms,
        speaker: Some(name),
        words_at: body.len(),
    })
}

/// The last segment's words without Otter's closing credit line.
fn without_trailer(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let Some(words) = text.get(range.clone()) else {
        return range;
    };
    match words.rfind("Transcribed by ") {
        Some(at) if at == 0 || words[..at].ends_with('\n') => {
            scan::trimmed(text, range.start..range.start + at)
        }
        _ => range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(u64, Option<u64>, Option<String>, &str)> {
        parse(text)
            .unwrap_or_else(|p| panic!("{p:?}"))
            .into_iter()
            .map(|s| {
                let start = s.start_ms.expect("timed segments have a start");
                (start, s.end_ms, s.speaker, &text[s.text])
            })
            .collect()
    }

    fn some(name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    #[test]
    fn otter_headers_then_paragraphs() {
        let text = "Harbour interview\n\nSpeaker 1  0:03\nThe quay\nflooded.\n\n\
                    Rosa Delgado 1:02:07\r\nTwice.\r\n\r\nMore.\n\n0:09\nNobody named.\n\n\
                    Transcribed by https://otter.ai\n";
        assert_eq!(
            read(text),
            [
                (
                    3_000,
                    Some(3_727_000),
                    some("Speaker 1"),
                    "The quay\nflooded."
                ),
                (3_727_000, None, some("Rosa Delgado"), "Twice.\r\n\r\nMore."),
                (9_000, None, None, "Nobody named."),
            ]
        );
    }

    #[test]
    fn trint_descript_and_rev_lines() {
        let text = "[00:00:01] Interviewer: Where were you?\n[00:00:04] At the\nmarket.\n\
                    Tom Aske (00:00:09): Then home.\n00:00:12 Q: And?\n\
                    Tom Aske (00:15)\nNothing.\n[00:00:20.500]\nEnd.";
        assert_eq!(
            read(text),
            [
                (1_000, Some(4_000), some("Interviewer"), "Where were you?"),
                (4_000, Some(9_000), None, "At the\nmarket."),
                (9_000, Some(12_000), some("Tom Aske"), "Then home."),
                (12_000, Some(15_000), some("Q"), "And?"),
                (15_000, Some(20_500), some("Tom Aske"), "Nothing."),
                (20_500, None, None, "End."),
            ]
        );
    }

    #[test]
    fn a_header_without_words_still_ends_the_one_before() {
        let text = "Ann  0:01\nHello.\nBo  0:05\n\nCy  0:07\nBye.";
        assert_eq!(
            read(text),
            [
                (1_000, Some(5_000), some("Ann"), "Hello."),
                (7_000, None, some("Cy"), "Bye."),
            ]
        );
    }

    #[test]
    fn no_header_is_an_error_naming_the_first_line() {
        let problem = parse("\n\nJust some words.\nMore.").unwrap_err();
        assert_eq!(problem.line, 3, "{problem:?}");
        assert!(
            problem.message.contains("`Just some words.`"),
            "{problem:?}"
        );
        assert_eq!(parse("").unwrap_err().line, 1);
    }

    #[test]
    fn what_is_not_a_header() {
        for line in [
            "10:30 we met at the port",
            "We met at 10:30",
            "[soon] Ann: hi",
            "Ann (later): hi",
            "Ann (0:12)x",
            "the harbour master 0:12",
            "[12:61] x",
        ] {
            assert_eq!(header(line), None, "{line:?}");
        }
    }

    #[test]
    fn telling_timed_text_from_notes() {
        assert!(looks_timed("Ann  0:01\nHi.\n\nBo  0:04\nHello."));
        assert!(looks_timed("[00:00:01] Hi.\n[00:00:02] Hello."));
        assert!(looks_timed("Ann  0:01\nHi there."));
        assert!(!looks_timed("Q: Why?\nA: Because.\n\nQ: When?"));
        assert!(!looks_timed(""));
        let notes =
            "10:30 Ann: arrived.\n\nOne.\n\nTwo.\n\nThree.\n\n11:00 Ann: left.\n\nFour.\n\nFive.";
        assert!(!looks_timed(notes));
    }
}
