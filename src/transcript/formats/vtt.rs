//! WebVTT (`.vtt`): captions from Zoom, Teams, YouTube and most
//! transcription services.
//!
//! A file starts `WEBVTT`; then blocks separated by blank lines. A cue is
//! an optional identifier, a timing line (`00:12:34.500 --> 00:12:38.000`,
//! hours optional, cue settings after it ignored) and its payload lines;
//! `NOTE`, `STYLE` and `REGION` blocks are skipped. The speaker is a voice
//! tag (`<v Ben Wallace>`, `<v.loud Ben>`), one segment per voice when a
//! cue holds several, or else a `Name:` label ([`super::label`]).
//!
//! Written here rather than taken from a crate: a segment needs the byte
//! range of each voice's words in the file (for go-to-line and quick
//! fixes), which the subtitle crates looked at (subtp, srtlib) do not
//! give, as they copy the payload out. Markup inside the words (`<i>`,
//! `</v>`, `<00:12:35.000>`) is left for the word reader to skip.

use std::ops::Range;

use super::label::label;
use super::scan::{self, Line};
use crate::transcript::segment::{Problem, Segment};

pub(super) fn parse(text: &str) -> Result<Vec<Segment>, Problem> {
    let mut lines = scan::lines(text);
    let first = lines.next().map_or("", |l| l.text);
    if !is_header(first) {
        return Err(Problem {
            line: 1,
            message: format!(
                "expected `WEBVTT` on the first line of a WebVTT file, found {}",
                found(first)
            ),
        });
    }
    let mut reading = Reading::default();
    let mut block: Vec<Line> = Vec::new();
    let mut in_header = true;
    // a blank line after the last closes the last block
    let end = Line {
        number: 0,
        start: text.len(),
        text: "",
    };
    for line in lines.chain(std::iter::once(end)) {
        if !line.is_blank() {
            block.push(line);
            continue;
        }
        if in_header {
            // Header lines (`Kind: captions`) run to the first blank line;
            // a timing line among them is a cue written without that line.
            let cue_at = block.iter().position(|l| l.text.contains("-->"));
            reading.blocks(text, &block[cue_at.unwrap_or(block.len())..]);
            in_header = false;
        } else {
            reading.blocks(text, &block);
        }
        block.clear();
    }
    match (reading.cues, reading.first_bad) {
        (0, Some((line, shown))) => Err(Problem {
            line,
            message: format!(
                "expected a cue timing line such as `00:01:02.500 --> 00:01:05.000`, found {shown}"
            ),
        }),
        _ => Ok(reading.segments),
    }
}

/// `WEBVTT`, alone or followed by a space or tab and any header text.
fn is_header(line: &str) -> bool {
    line.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// A line as the messages show what was found instead.
fn found(line: &str) -> String {
    if line.trim().is_empty() {
        "an empty line".to_owned()
    } else {
        format!("`{}`", scan::shown(line))
    }
}

/// What reading the blocks has found so far.
#[derive(Default)]
struct Reading {
    segments: Vec<Segment>,
    /// Cues whose timing could be read, with or without words.
    cues: usize,
    /// The first line that should have been a timing line and was not.
    first_bad: Option<(usize, String)>,
}

impl Reading {
    /// Reads a block of non-blank lines: a cue, or several when timing
    /// lines follow each other without the blank line between.
    fn blocks(&mut self, text: &str, mut block: &[Line]) {
        while !block.is_empty() {
            block = self.cue(text, block);
        }
    }

    /// Reads the cue at the start of `block`; returns the lines after it.
    fn cue<'b, 'a>(&mut self, text: &str, block: &'b [Line<'a>]) -> &'b [Line<'a>] {
        let Some(first) = block.first() else {
            return block;
        };
        if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|word| is_keyword(first.text, word))
        {
            return &[];
        }
        let timing_at = if first.text.contains("-->") {
            0
        } else if block.get(1).is_some_and(|l| l.text.contains("-->")) {
            1 // after the cue identifier
        } else {
            self.bad(first);
            return &[];
        };
        let after = &block[timing_at + 1..];
        let payload_len = after
            .iter()
            .position(|l| l.text.contains("-->"))
            .unwrap_or(after.len());
        let (payload, rest) = after.split_at(payload_len);
        let timing = block[timing_at];
        let Some((start, end)) = scan::timing(timing.text) else {
            self.bad(&timing);
            return rest;
        };
        self.cues += 1;
        if let (Some(first), Some(last)) = (payload.first(), payload.last()) {
            let cue = Cue {
                start_ms: start,
                end_ms: end,
                words: first.start..last.end(),
                first_line: first.text,
            };
            cue.segments(text, &mut self.segments);
        }
        rest
    }

    fn bad(&mut self, line: &Line) {
        if self.first_bad.is_none() {
            self.first_bad = Some((line.number, found(line.text)));
        }
    }
}

/// A block that starts with `word` and a space, a tab or nothing else.
fn is_keyword(line: &str, word: &str) -> bool {
    line.strip_prefix(word)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// A cue's times and its payload's bytes.
struct Cue<'a> {
    start_ms: u64,
    end_ms: u64,
    words: Range<usize>,
    first_line: &'a str,
}

impl Cue<'_> {
    /// The cue's segments: one per voice tag, or one with the label's
    /// speaker, or one with none.
    fn segments(&self, text: &str, out: &mut Vec<Segment>) {
        let base = self.words.start;
        let payload = &text[self.words.clone()];
        let voices = voice_tags(payload);
        let mut push = |range: Range<usize>, speaker: Option<&str>| {
            let range = scan::trimmed(text, range);
            if !range.is_empty() {
                out.push(Segment {
                    start_ms: Some(self.start_ms),
                    end_ms: Some(self.end_ms),
                    speaker: speaker.map(str::to_owned),
                    text: range,
                });
            }
        };
        let Some(first_voice) = voices.first() else {
            match label(self.first_line) {
                Some(l) => push(base + l.words_at..self.words.end, Some(l.name)),
                None => push(self.words.clone(), None),
            }
            return;
        };
        // words before the first voice tag belong to nobody named
        push(base..base + first_voice.tag.start, None);
        for (k, voice) in voices.iter().enumerate() {
            let until = voices
                .get(k + 1)
                .map_or(self.words.end, |next| base + next.tag.start);
            push(base + voice.tag.end..until, voice.name);
        }
    }
}

/// A `<v>` tag in a payload: its bytes and the name it gives.
struct Voice<'a> {
    tag: Range<usize>,
    name: Option<&'a str>,
}

/// The voice tags of a payload, in order: `<v Name>`, `<v.class Name>`;
/// `<v>` names nobody. A tag runs to its `>` on the same line; one cut
/// short by another `<` or a line end is no tag. Each byte is looked at
/// once or twice, however the tags are broken.
fn voice_tags(payload: &str) -> Vec<Voice<'_>> {
    let bytes = payload.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = payload.get(from..).and_then(|rest| rest.find("<v")) {
        let at = from + offset;
        let inner_at = at + 2;
        if !matches!(bytes.get(inner_at), Some(b'.' | b' ' | b'\t' | b'>')) {
            from = inner_at; // `<vi>` or the like: not a voice
            continue;
        }
        let Some(close) = payload[inner_at..]
            .find(['>', '<', '\n'])
            .map(|o| inner_at + o)
        else {
            break;
        };
        if bytes[close] != b'>' {
            from = close;
            continue;
        }
        let inner = &payload[inner_at..close];
        // classes (`.loud.quiet`) run up to the first space
        let annotation = match inner.strip_prefix('.') {
            Some(classes) => classes.find([' ', '\t']).map_or("", |s| &classes[s..]),
            None => inner,
        };
        let name = annotation.trim();
        found.push(Voice {
            tag: at..close + 1,
            name: (!name.is_empty()).then_some(name),
        });
        from = close + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (start, end, speaker, words) of each segment.
    fn read(text: &str) -> Vec<(u64, u64, Option<String>, &str)> {
        parse(text)
            .unwrap_or_else(|p| panic!("{p:?}"))
            .into_iter()
            .map(|s| {
                let (Some(start), Some(end)) = (s.start_ms, s.end_ms) else {
                    panic!("a cue without times: {s:?}");
                };
                (start, end, s.speaker, &text[s.text])
            })
            .collect()
    }

    fn some(name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    #[test]
    fn cues_with_identifiers_settings_and_short_times() {
        let text = "WEBVTT - harbour interview\nKind: captions\n\n\
                    intro\n00:00:01.000 --> 00:00:04.250 align:start line:0\nThe ferry was late.\n\n\
                    00:05.000 --> 00:07.500\nAgain.\n";
        assert_eq!(
            read(text),
            [
                (1_000, 4_250, None, "The ferry was late."),
                (5_000, 7_500, None, "Again."),
            ]
        );
    }

    #[test]
    fn a_voice_tag_names_the_speaker_and_is_left_out_of_the_words() {
        let text =
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud Ines Carvalho>We <i>will</i> wait.</v>\n";
        assert_eq!(
            read(text),
            [(
                1_000,
                2_000,
                some("Ines Carvalho"),
                "We <i>will</i> wait.</v>"
            )]
        );
    }

    #[test]
    fn several_voices_in_one_cue_are_several_segments() {
        let text =
            "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Host>Ready?\n<v Guest>Not yet.</v> <v>Noise\n";
        assert_eq!(
            read(text),
            [
                (1_000, 4_000, some("Host"), "Ready?"),
                (1_000, 4_000, some("Guest"), "Not yet.</v>"),
                (1_000, 4_000, None, "Noise"),
            ]
        );
    }

    #[test]
    fn a_label_names_the_speaker_and_payloads_run_over_lines() {
        let text = "\u{feff}WEBVTT\r\n\r\n00:00:09.000 --> 00:00:12.000\r\nSpeaker 2: The bridge\r\ncloses at nine.\r\n";
        assert_eq!(
            read(text),
            [(
                9_000,
                12_000,
                some("Speaker 2"),
                "The bridge\r\ncloses at nine."
            )]
        );
    }

    #[test]
    fn notes_styles_regions_and_empty_cues_are_skipped() {
        let text = "WEBVTT\n\nNOTE a --> b\nstill the note\n\nSTYLE\n::cue { color: red }\n\n\
                    REGION\nid:r\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\nWords.";
        assert_eq!(read(text), [(3_000, 4_000, None, "Words.")]);
    }

    #[test]
    fn cues_without_blank_lines_between_them() {
        let text = "WEBVTT\n00:01.000 --> 00:02.000\nOne.\n00:02.000 --> 00:03.000\nTwo.";
        assert_eq!(
            read(text),
            [(1_000, 2_000, None, "One."), (2_000, 3_000, None, "Two.")]
        );
    }

    #[test]
    fn a_bad_cue_is_skipped_when_others_read() {
        let text = "WEBVTT\n\n00:01 --> soon\nLost.\n\n00:03.000 --> 00:02.000\nKept.";
        assert_eq!(read(text), [(3_000, 3_000, None, "Kept.")]);
    }

    #[test]
    fn no_header_is_an_error_on_line_1() {
        let problem = parse("00:01.000 --> 00:02.000\nHi").unwrap_err();
        assert_eq!(problem.line, 1);
        assert!(problem.message.contains("expected `WEBVTT`"), "{problem:?}");
        assert!(parse("").unwrap_err().message.contains("an empty line"));
        assert!(parse("WEBVTTX\n").is_err());
    }

    #[test]
    fn no_readable_cue_names_the_first_bad_line() {
        let problem = parse("WEBVTT\n\nhello\nthere\n\n1\n00:01 -> 00:02\nx").unwrap_err();
        assert_eq!(problem.line, 3, "{problem:?}");
        assert!(problem.message.contains("`hello`"), "{problem:?}");
        let problem = parse("WEBVTT\n\nid\n1:00 --> later\nx").unwrap_err();
        assert_eq!(problem.line, 4, "{problem:?}");
        assert_eq!(parse("WEBVTT\n\nNOTE only a note\n"), Ok(Vec::new()));
    }

    #[test]
    fn broken_voice_tags_are_not_voices() {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann <vi>x <v\n<v Bo>y";
        assert_eq!(
            read(text),
            [
                (1_000, 2_000, None, "<v Ann <vi>x <v"),
                (1_000, 2_000, some("Bo"), "y"),
            ]
        );
    }
}
