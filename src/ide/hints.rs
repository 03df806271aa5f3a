//! Inlay hints naming the speaker where the text does not: after a quotation
//! attributed by a pronoun (`“…,” he said` → `— Sergei Lavrov`) or carried
//! over from an earlier quote or sentence, and after each later paragraph
//! of a multi-paragraph quote.
//!
//! A quotation whose speaker is named right beside it needs no hint.
//!
//! And, where the draft is checked against interview transcripts, a tick
//! after each quotation found word for word: `✓ 00:12:34`
//! ([`transcript_hints`]).

use std::ops::Range;

use crate::analysis::sources::QuoteSource;
use crate::analysis::{Analysis, How, Quote, Speaker};
use crate::transcript::align::Fit;

/// One hint: a label to show at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Where the hint goes: just after a quotation's (or segment's) last
    /// mark.
    pub offset: usize,
    /// `— Sergei Lavrov`.
    pub label: String,
    /// How the speaker was found, for a tooltip.
    pub why: String,
}

/// Whether the speaker was carried over rather than named at the quote.
fn inherited(how: &How) -> bool {
    matches!(
        how,
        How::SameParagraph { .. }
            | How::PreviousParagraph { .. }
            | How::EarlierSentence
            | How::IntroducedBefore
    )
}

/// Where a quote's hints go: the end of every segment when its speaker was
/// found by a pronoun or carried over; otherwise the end of each segment in
/// a paragraph other than the one that names the speaker (the later
/// paragraphs of a multi-paragraph quote).
fn hint_offsets(analysis: &Analysis, q: &Quote, s: &Speaker) -> Vec<usize> {
    let everywhere = s.pronoun.is_some() || inherited(&s.how);
    let paragraphs = &analysis.document.paragraphs;
    let naming_paragraph = paragraphs
        .iter()
        .position(|p| p.range.start <= s.range.start && s.range.start <= p.range.end);
    q.span
        .segments
        .iter()
        .zip(&q.span.segment_paragraphs)
        .filter(|(_, &p)| everywhere || Some(p) != naming_paragraph)
        .map(|(seg, _)| seg.end)
        .collect()
}

fn why(analysis: &Analysis, s: &Speaker) -> String {
    let line = |at: usize| analysis.document.lines.line(at);
    if let Some(pronoun) = &s.pronoun {
        return format!(
            "“{pronoun}” on line {} refers to {}",
            line(s.range.start),
            s.name
        );
    }
    let named = line(s.range.start);
    match s.how {
        How::SameParagraph { .. } | How::EarlierSentence => {
            format!("carried over from the speaker named earlier in the paragraph (line {named})")
        }
        How::PreviousParagraph { .. } => {
            format!("carried over from the paragraph before (speaker named on line {named})")
        }
        How::IntroducedBefore => {
            format!("introduced at the end of the paragraph before (line {named})")
        }
        _ => format!("continues the quotation attributed on line {named}"),
    }
}

/// The speaker hints whose offsets fall in `range` (bytes), in text order.
pub fn speaker_hints(analysis: &Analysis, range: Range<usize>) -> Vec<Hint> {
    let mut out = Vec::new();
    for q in analysis.reported_quotes() {
        let Some(s) = &q.speaker else { continue };
        // A pronoun nobody was found for names no one.
        if s.pronoun.is_some() && s.person.is_none() {
            continue;
        }
        for offset in hint_offsets(analysis, q, s) {
            if offset < range.start || offset > range.end {
                continue;
            }
            out.push(Hint {
                offset,
                label: format!("— {}", s.name),
                why: why(analysis, s),
            });
        }
    }
    out.sort_by_key(|h| h.offset);
    out.dedup_by_key(|h| h.offset);
    out
}

/// `✓ 00:12:34` after each quotation found word for word in a transcript
/// (`✓ line 12` in notes without times), for the hints whose offsets fall
/// in `range`, in text order.
pub fn transcript_hints(analysis: &Analysis, range: Range<usize>) -> Vec<Hint> {
    let sources = analysis.quotes.iter().zip(&analysis.sources.quotes);
    let mut out: Vec<Hint> = sources
        .filter_map(|(quote, source)| {
            let Some(QuoteSource {
                fit: Fit::Exact,
                passage: Some(passage),
                ..
            }) = source
            else {
                return None;
            };
            let offset = quote.span.range.end;
            if offset < range.start || offset > range.end {
                return None;
            }
            let when = match passage.time() {
                Some(ms) => crate::transcript::clock(ms),
                None => format!("line {}", passage.line()),
            };
            Some(Hint {
                offset,
                label: format!("✓ {when}"),
                why: format!(
                    "Word for word in the transcript ({})",
                    passage.place(&analysis.people)
                ),
            })
        })
        .collect();
    out.sort_by_key(|h| h.offset);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};

    /// The text up to each hint, and the hint's label.
    fn hints(text: &str) -> Vec<(String, String)> {
        let analysis = analyze(text, &Options::default());
        speaker_hints(&analysis, 0..text.len())
            .into_iter()
            .map(|h| {
                let before: String = text[..h.offset].chars().rev().take(12).collect();
                (before.chars().rev().collect(), h.label)
            })
            .collect()
    }

    #[test]
    fn a_pronoun_attribution_gets_a_hint_and_a_named_one_does_not() {
        let text = "Talks stall\n\nThe foreign minister, Sergei Lavrov, arrived late. “We are not moving,” Mr Lavrov said.\n\n“Nothing has changed,” he said.\n";
        assert_eq!(
            hints(text),
            vec![("as changed,”".to_owned(), "— Sergei Lavrov".to_owned())]
        );
        let analysis = analyze(text, &Options::default());
        let h = &speaker_hints(&analysis, 0..text.len())[0];
        assert_eq!(h.offset, text.find(" he said").unwrap());
        assert_eq!(h.why, "“he” on line 5 refers to Sergei Lavrov");
    }

    #[test]
    fn a_multi_paragraph_quote_gets_hints_on_its_later_paragraphs() {
        let text = "Harbour to close\n\nThe union leader, Rosalind Achterberg, spoke on Tuesday.\n\nMs Achterberg said: “Nobody has set foot on this quay.\n\n“The walls are crumbling.\n\n“We will be outside her office.”\n";
        assert_eq!(
            hints(text),
            vec![
                (
                    "e crumbling.".to_owned(),
                    "— Rosalind Achterberg".to_owned()
                ),
                (
                    "her office.”".to_owned(),
                    "— Rosalind Achterberg".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_carried_over_quote_gets_a_hint() {
        let text = "Pier reopens\n\nThe harbour master, Robin Teague, opened the pier. “It is safe,” said Mr Teague. “We checked every plank.”\n";
        let found = hints(text);
        assert_eq!(
            found,
            vec![("very plank.”".to_owned(), "— Robin Teague".to_owned())]
        );
    }

    #[test]
    fn a_quote_found_word_for_word_gets_a_tick_with_its_time() {
        let vtt = "WEBVTT\n\n00:12:34.000 --> 00:12:40.000\n<v Dana Okafor>We will not shut the harbour without a vote.\n";
        let transcript = crate::transcript::Transcript::parse(
            "okafor.vtt",
            crate::transcript::Format::WebVtt,
            vtt.to_owned(),
        )
        .unwrap();
        let options = Options {
            transcripts: crate::transcript::Transcripts {
                files: vec![std::sync::Arc::new(transcript)],
                speakers: Vec::new(),
            },
            ..Options::default()
        };
        let text = "Harbour vote\n\nThe harbourmaster, Dana Okafor, spoke.\n\n“We will not shut the harbour,” Ms Okafor said. “Without a vote, we will not close it,” she said.\n";
        let analysis = analyze(text, &options);
        let found = transcript_hints(&analysis, 0..text.len());
        assert_eq!(found.len(), 1, "only the exact one: {found:?}");
        assert_eq!(found[0].offset, text.find(" Ms Okafor said").unwrap());
        assert_eq!(found[0].label, "✓ 00:12:34");
        assert_eq!(
            found[0].why,
            "Word for word in the transcript (okafor.vtt, 00:12:34, Dana Okafor)"
        );
        assert!(transcript_hints(&analysis, 0..10).is_empty());
        // no transcripts, no ticks
        let plain = analyze(text, &Options::default());
        assert!(transcript_hints(&plain, 0..text.len()).is_empty());
    }

    #[test]
    fn only_hints_in_the_range_are_given() {
        let text = "Talks stall\n\nSergei Lavrov arrived late.\n\n“Nothing has changed,” he said.\n\n“Nothing will,” he said.\n";
        let analysis = analyze(text, &Options::default());
        assert_eq!(speaker_hints(&analysis, 0..text.len()).len(), 2);
        let second = text.find("“Nothing will").unwrap();
        let found = speaker_hints(&analysis, second..text.len());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].offset,
            text.find(" he said.\n")
                .map(|_| text.rfind(" he said").unwrap())
                .unwrap()
        );
    }
}
