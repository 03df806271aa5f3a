//! Properties of every format's parser: no text makes one panic or point
//! outside the text, and cues written out in a format are read back with
//! their times, speakers and words.

use proptest::prelude::*;

use super::{parse, Format};
use crate::transcript::Segment;

/// Speakers' labels, as transcripts write them.
const NAMES: &[&str] = &[
    "Ben Wallace",
    "Speaker 1",
    "SERGEI LAVROV",
    "Q",
    "Dr van Dijk",
    "Åsa",
];

/// Words with what JSON escapes (quotes, backslashes) and what is more than
/// one byte (é, ’, …).
const WORDS: &[&str] = &[
    "the",
    "Minister",
    "said",
    "“no”",
    "\"quoted\"",
    "back\\slash",
    "café",
    "don’t",
    "é",
    "42",
    "well-known",
    "it's",
    "…",
    "Ωmega",
    "tab\there",
];

/// Pieces of every format, so that arbitrary text often comes close to
/// being a transcript.
const PIECES: &[&str] = &[
    "WEBVTT",
    "\u{feff}",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "-->",
    "00:01.000",
    "00:00:02,500",
    "1:02:03",
    "0:07",
    "99999999999:59",
    "[",
    "]",
    "(",
    ")",
    "<v ",
    "<v.a ",
    "<v>",
    "</v>",
    ">",
    "<",
    "Ann",
    "Speaker 2",
    ": ",
    ":",
    "NOTE",
    "1",
    "{",
    "}",
    "\"",
    "\\",
    "\"segments\"",
    "\"text\"",
    "\"start\"",
    "\"speaker\"",
    "1.5",
    "-2",
    "1e999",
    ",",
    "---",
    "# ",
    "- ",
    "> ",
    "**",
    "é",
    "’",
    "Transcribed by ",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat()),
    ]
}

/// The segment invariants every parser keeps.
fn check(format: Format, text: &str) -> Result<(), TestCaseError> {
    match parse(format, text) {
        Ok(segments) => {
            for s in &segments {
                let r = &s.text;
                prop_assert!(r.start < r.end && r.end <= text.len(), "{format:?} {s:?}");
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                if let (Some(start), Some(end)) = (s.start_ms, s.end_ms) {
                    prop_assert!(start <= end, "{format:?} {s:?}");
                }
                prop_assert!(s.speaker.as_ref().is_none_or(|n| !n.trim().is_empty()));
            }
        }
        Err(problem) => {
            let lines = text.split('\n').count();
            prop_assert!(
                (1..=lines).contains(&problem.line),
                "{format:?} {problem:?}"
            );
            prop_assert!(!problem.message.is_empty());
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
struct Cue {
    start: u64,
    end: u64,
    speaker: Option<&'static str>,
    lines: Vec<String>,
    /// In WebVTT, `<v Name>` rather than `Name:`.
    voice: bool,
}

fn cue() -> impl Strategy<Value = Cue> {
    let line = prop::collection::vec(prop::sample::select(WORDS), 1..6).prop_map(|w| w.join(" "));
    (
        0u64..40_000_000,
        0u64..60_000,
        prop::option::of(prop::sample::select(NAMES)),
        prop::collection::vec(line, 1..3),
        any::<bool>(),
    )
        .prop_map(|(start, length, speaker, lines, voice)| Cue {
            start,
            end: start + length,
            speaker,
            lines,
            voice,
        })
}

/// `hh:mm:ss` and, after `separator`, the milliseconds.
fn clock(ms: u64, separator: &str) -> String {
    let s = ms / 1000;
    format!(
        "{:02}:{:02}:{:02}{separator}{:03}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ms % 1000
    )
}

/// Otter's `m:ss`, or `h:mm:ss` from the first hour.
fn short_clock(ms: u64) -> String {
    let s = ms / 1000;
    match s / 3600 {
        0 => format!("{}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

fn labelled(cue: &Cue) -> String {
    cue.speaker.map_or_else(String::new, |n| format!("{n}: "))
}

fn write_vtt(cues: &[Cue], eol: &str) -> String {
    let mut out = format!("WEBVTT{eol}{eol}");
    for (i, cue) in cues.iter().enumerate() {
        let times = format!(
            "{} --> {} align:start",
            clock(cue.start, "."),
            clock(cue.end, ".")
        );
        let opening = match (cue.speaker, cue.voice) {
            (Some(name), true) => format!("<v {name}>"),
            _ => labelled(cue),
        };
        let words = cue.lines.join(eol);
        out += &format!("cue-{i}{eol}{times}{eol}{opening}{words}{eol}{eol}");
    }
    out
}

fn write_srt(cues: &[Cue], eol: &str) -> String {
    let mut out = String::new();
    for (i, cue) in cues.iter().enumerate() {
        let times = format!("{} --> {}", clock(cue.start, ","), clock(cue.end, ","));
        let words = cue.lines.join(eol);
        out += &format!(
            "{}{eol}{times}{eol}{}{words}{eol}{eol}",
            i + 1,
            labelled(cue)
        );
    }
    out
}

fn write_whisper(cues: &[Cue]) -> String {
    let segments: Vec<serde_json::Value> = cues
        .iter()
        .map(|cue| {
            let mut segment = serde_json::json!({
                "start": cue.start as f64 / 1000.0,
                "end": cue.end as f64 / 1000.0,
                "text": format!(" {}", cue.lines.join("\n")),
                "words": [{"word": "x", "text": "not this"}],
            });
            if let Some(name) = cue.speaker {
                segment["speaker"] = name.into();
            }
            segment
        })
        .collect();
    let document = serde_json::json!({"text": "all of it \"text\"", "segments": segments});
    serde_json::to_string_pretty(&document).expect("JSON of plain values")
}

fn write_otter(cues: &[Cue], eol: &str) -> String {
    let mut out = format!("Interview{eol}{eol}");
    for cue in cues {
        let header = match cue.speaker {
            Some(name) => format!("{name}  {}", short_clock(cue.start)),
            None => short_clock(cue.start),
        };
        out += &format!("{header}{eol}{}{eol}{eol}", cue.lines.join(eol));
    }
    out
}

fn write_trint(cues: &[Cue], eol: &str) -> String {
    let mut out = String::new();
    for cue in cues {
        let time = &clock(cue.start, "")[..8];
        out += &format!("[{time}] {}{}{eol}", labelled(cue), cue.lines.join(eol));
    }
    out
}

/// The segments read back are the cues: one each, same times (`timed`:
/// whole seconds, each ending where the next starts), speakers and words.
fn same(
    text: &str,
    got: &[Segment],
    cues: &[Cue],
    words: impl Fn(&str) -> String,
    eol: &str,
    timed: bool,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.len(), cues.len(), "{}", text);
    for (k, (segment, cue)) in got.iter().zip(cues).enumerate() {
        let (start, end) = if timed {
            let next = cues.get(k + 1).map(|n| n.start / 1000 * 1000);
            (Some(cue.start / 1000 * 1000), next)
        } else {
            (Some(cue.start), Some(cue.end))
        };
        prop_assert_eq!((segment.start_ms, segment.end_ms), (start, end));
        prop_assert_eq!(segment.speaker.as_deref(), cue.speaker);
        prop_assert_eq!(words(&text[segment.text.clone()]), cue.lines.join(eol));
    }
    Ok(())
}

fn eol(crlf: bool) -> &'static str {
    if crlf {
        "\r\n"
    } else {
        "\n"
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_text_breaks_a_parser(text in hostile()) {
        for format in Format::ALL {
            check(format, &text)?;
        }
    }

    #[test]
    fn webvtt_round_trip(cues in prop::collection::vec(cue(), 0..8), crlf: bool) {
        let text = write_vtt(&cues, eol(crlf));
        let got = parse(Format::WebVtt, &text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        same(&text, &got, &cues, str::to_owned, eol(crlf), false)?;
    }

    #[test]
    fn subrip_round_trip(cues in prop::collection::vec(cue(), 0..8), crlf: bool) {
        let text = write_srt(&cues, eol(crlf));
        let got = parse(Format::SubRip, &text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        same(&text, &got, &cues, str::to_owned, eol(crlf), false)?;
    }

    #[test]
    fn whisper_round_trip(cues in prop::collection::vec(cue(), 0..8)) {
        let text = write_whisper(&cues);
        let got = parse(Format::WhisperJson, &text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let decoded = |raw: &str| {
            serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|e| format!("{e}"))
        };
        same(&text, &got, &cues, decoded, "\n", false)?;
    }

    #[test]
    fn otter_round_trip(mut cues in prop::collection::vec(cue(), 1..8), crlf: bool) {
        cues.sort_by_key(|c| c.start);
        let text = write_otter(&cues, eol(crlf));
        let got = parse(Format::Timed, &text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        same(&text, &got, &cues, str::to_owned, eol(crlf), true)?;
        if cues.len() > 1 {
            prop_assert_eq!(Format::detect("a.txt", &text), Some(Format::Timed));
        }
    }

    #[test]
    fn trint_round_trip(mut cues in prop::collection::vec(cue(), 1..8), crlf: bool) {
        cues.sort_by_key(|c| c.start);
        let text = write_trint(&cues, eol(crlf));
        let got = parse(Format::Timed, &text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        same(&text, &got, &cues, str::to_owned, eol(crlf), true)?;
        prop_assert_eq!(Format::detect("a.md", &text), Some(Format::Timed));
    }
}

/// Inputs built to make a careless scanner quadratic finish at once.
#[test]
fn pathological_inputs_finish() {
    let cue = "WEBVTT\n\n00:01.000 --> 00:02.000\n";
    let cases = [
        format!("{cue}{}", "<v ".repeat(100_000)),
        format!("{cue}{}>", "<v a".repeat(100_000)),
        format!("{cue}{}", "x\n".repeat(100_000)),
        "1\n00:01,000 --> 00:02,000\n".repeat(20_000),
        "[".repeat(200_000),
        format!(
            "{{\"segments\": [{}]}}",
            "{\"text\": \"\\\"\"},".repeat(20_000) + "{}"
        ),
        "Ann (".repeat(100_000),
        format!("{}0:01", "Ann ".repeat(100_000)),
        "Q: ".repeat(100_000),
        "---\n".repeat(100_000),
        "- > * ".repeat(100_000),
        ":".repeat(200_000),
    ];
    for text in &cases {
        let started = std::time::Instant::now();
        for format in Format::ALL {
            let _ = parse(format, text);
        }
        let _ = Format::detect("a.txt", text);
        assert!(started.elapsed().as_secs() < 5, "{:?}", &text[..40]);
    }
}
