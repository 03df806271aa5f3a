//! The part of a quotation's card that holds it against the interview
//! transcripts: the passage it was found in, where and when, who said it
//! there, and the words that differ marked (the draft's ~~struck~~, the
//! transcript's in **bold**); or that none of the transcripts has it.

use std::ops::Range;

use super::text::{collapse, md, opening_words};
use crate::analysis::sources::{Passage, QuoteSource};
use crate::analysis::Analysis;
use crate::transcript::align::{Difference, Fit};
use crate::transcript::Transcript;

/// The most words of a passage a card shows.
const MAX_WORDS: usize = 60;

/// The transcript section of quote `qi`'s card, when a transcript applies
/// to it.
pub(super) fn section(analysis: &Analysis, qi: usize) -> Option<String> {
    let source = analysis.sources.quotes.get(qi)?.as_ref()?;
    let Some(passage) = &source.passage else {
        return Some(not_found(analysis, qi, source));
    };
    let mut out = format!("\n**Transcript:** {}", md(&place(analysis, passage)));
    out += &match (source.fit, source.differences.len()) {
        (Fit::Exact, _) | (_, 0) => " — word for word ✓\n".to_owned(),
        (_, 1) => " — 1 difference\n".to_owned(),
        (_, n) => format!(" — {n} differences\n"),
    };
    let speaker = analysis.quotes[qi].speaker.as_ref().and_then(|s| s.person);
    if let (Some(p), Some(said_by)) = (speaker, passage.person) {
        if p != said_by {
            out += &format!(
                "\nThe transcript gives these words to {}.\n",
                md(&analysis.people.persons[said_by].name)
            );
        }
    }
    out += &format!(
        "\n> {}\n",
        marked_passage(analysis, passage, &source.differences)
    );
    if !source.differences.is_empty() {
        out += "\n~~Struck~~: the draft's words; **bold**: the transcript's.\n";
    }
    Some(out)
}

/// `interviews/wallace.vtt, 00:12:34, Ben Wallace, line 7`: the passage's
/// place, with its line when the time is given instead.
fn place(analysis: &Analysis, passage: &Passage) -> String {
    let place = passage.place(&analysis.people);
    match passage.time() {
        Some(_) => format!("{place}, line {}", passage.line()),
        None => place,
    }
}

/// A quotation whose speaker has transcripts that do not have its words.
fn not_found(analysis: &Analysis, qi: usize, source: &QuoteSource) -> String {
    let names: Vec<String> = source
        .speaker_transcripts
        .iter()
        .map(|t| md(&t.name))
        .collect();
    let who = analysis.quotes[qi]
        .speaker
        .as_ref()
        .map_or("The speaker".to_owned(), |s| md(&s.name));
    format!(
        "\n**Transcript:** not found. {who} has a transcript ({}), but no transcript has these words.\n",
        names.join(", ")
    )
}

/// A stretch of the card's passage.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stretch {
    /// Words the draft and the transcript share.
    Same(String),
    /// The transcript's words where the draft differs.
    Said(String),
    /// The draft's words where the transcript differs.
    Draft(String),
}

/// The passage as spoken, segment by segment (cue headers and markup left
/// out), with the differences marked, cut to [`MAX_WORDS`] words.
fn marked_passage(analysis: &Analysis, passage: &Passage, differences: &[Difference]) -> String {
    let stretches = stretches(
        &passage.transcript,
        passage.range.clone(),
        differences,
        |r| collapse(analysis.document.prose.get(r).unwrap_or_default()),
    );
    render(&stretches)
}

/// The passage `range` of `transcript` in stretches: each difference's draft
/// words (`draft` reads them) before the transcript's words it stands for.
fn stretches(
    transcript: &Transcript,
    range: Range<usize>,
    differences: &[Difference],
    draft: impl Fn(Range<usize>) -> String,
) -> Vec<Stretch> {
    let inside = |r: &Range<usize>| range.start <= r.start && r.end <= range.end;
    // A difference placed outside the passage goes at its end.
    let at = |d: &Difference| match inside(&d.transcript) {
        true => d.transcript.start,
        false if d.transcript.is_empty() => range.end,
        false => d.transcript.start.clamp(range.start, range.end),
    };
    let mut drafts: Vec<(usize, String)> = differences
        .iter()
        .filter(|d| !d.draft.is_empty())
        .map(|d| (at(d), draft(d.draft.clone())))
        .collect();
    drafts.sort_by_key(|(at, _)| *at);
    let bold: Vec<Range<usize>> = differences
        .iter()
        .map(|d| d.transcript.start.max(range.start)..d.transcript.end.min(range.end))
        .filter(|r| r.start < r.end)
        .collect();
    let mut out = Vec::new();
    let mut next_draft = 0;
    let segments = transcript
        .segments
        .iter()
        .map(|s| s.text.start.max(range.start)..s.text.end.min(range.end))
        .filter(|r| r.start < r.end);
    for r in segments {
        let mut cuts = vec![r.start, r.end];
        for b in &bold {
            cuts.extend([b.start, b.end].into_iter().filter(|c| r.contains(c)));
        }
        cuts.extend(drafts.iter().map(|(at, _)| *at).filter(|c| r.contains(c)));
        cuts.sort_unstable();
        cuts.dedup();
        for span in cuts.windows(2) {
            while next_draft < drafts.len() && drafts[next_draft].0 <= span[0] {
                out.push(Stretch::Draft(drafts[next_draft].1.clone()));
                next_draft += 1;
            }
            let words = transcript.spoken(span[0]..span[1]);
            if words.is_empty() {
                continue;
            }
            let said = bold.iter().any(|b| b.start <= span[0] && span[1] <= b.end);
            out.push(if said {
                Stretch::Said(words)
            } else {
                Stretch::Same(words)
            });
        }
    }
    out.extend(
        drafts[next_draft..]
            .iter()
            .map(|(_, d)| Stretch::Draft(d.clone())),
    );
    out
}

/// The stretches as Markdown, spaced as prose (no space before closing
/// punctuation), stopping with `…` after [`MAX_WORDS`] words.
fn render(stretches: &[Stretch]) -> String {
    let mut out = String::new();
    let mut words = 0;
    for piece in stretches {
        let (text, open, close) = match piece {
            Stretch::Same(t) => (t, "", ""),
            Stretch::Said(t) => (t, "**", "**"),
            Stretch::Draft(t) => (t, "~~", "~~"),
        };
        let left = MAX_WORDS.saturating_sub(words);
        if left == 0 {
            out += " …";
            break;
        }
        let text = match piece {
            Stretch::Draft(_) => opening_words(text, left.min(12)),
            _ => cut(text, left),
        };
        words += text.split_whitespace().count();
        if !out.is_empty() && !text.starts_with([',', '.', ';', ':', '!', '?', ')', '”', '’']) {
            out.push(' ');
        }
        out += &format!("{open}{}{close}", md(&text));
    }
    out
}

/// The first `max` words of `text`, with `…` when there were more.
fn cut(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max {
        return text.to_owned();
    }
    format!("{}…", words[..max].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Format;

    const VTT: &str = "WEBVTT\n\n00:12:34.000 --> 00:12:38.000\n<v Dana Okafor>We will not shut the harbour,\n\n00:12:38.000 --> 00:12:41.000\n<v Dana Okafor>not without a vote.\n";

    fn transcript() -> Transcript {
        Transcript::parse("okafor.vtt", Format::WebVtt, VTT.to_owned()).unwrap()
    }

    fn bytes(needle: &str) -> Range<usize> {
        let at = VTT.find(needle).unwrap();
        at..at + needle.len()
    }

    #[test]
    fn a_passage_over_two_cues_reads_without_their_headers() {
        let t = transcript();
        let range = VTT.find("We").unwrap()..VTT.find("vote").unwrap() + 4;
        let stretches = stretches(&t, range, &[], |_| String::new());
        assert_eq!(
            render(&stretches),
            "We will not shut the harbour, not without a vote"
        );
    }

    #[test]
    fn a_changed_word_shows_the_draft_struck_and_the_transcript_bold() {
        let t = transcript();
        let range = VTT.find("We").unwrap()..VTT.find("vote").unwrap() + 4;
        let changed = Difference {
            draft: 0..5,
            transcript: bytes("shut"),
            joined: false,
        };
        // the draft leaves the second "not" out, and adds "ever"
        let second_not = VTT.find("not without").unwrap();
        let left_out = Difference {
            draft: 9..9,
            transcript: second_not..second_not + 3,
            joined: false,
        };
        let added = Difference {
            draft: 5..9,
            transcript: range.end..range.end,
            joined: false,
        };
        let draft = |r: Range<usize>| "closeever"[r].to_owned();
        let stretches = stretches(&t, range, &[changed, left_out, added], draft);
        assert_eq!(
            render(&stretches),
            "We will not ~~close~~ **shut** the harbour, **not** without a vote ~~ever~~"
        );
    }

    /// The transcript part of the card of the quotation holding `needle`.
    fn card(draft: &str, needle: &str) -> String {
        card_with(transcript(), draft, needle)
    }

    fn card_with(transcript: Transcript, draft: &str, needle: &str) -> String {
        let transcripts = crate::transcript::Transcripts {
            files: vec![std::sync::Arc::new(transcript)],
            speakers: Vec::new(),
        };
        let options = crate::analysis::Options {
            transcripts,
            ..crate::analysis::Options::default()
        };
        let analysis = crate::analysis::analyze(draft, &options);
        let markdown = super::super::hover(&analysis, draft.find(needle).unwrap())
            .expect("a hover")
            .markdown;
        let at = markdown.find("\n**Transcript:**").unwrap_or(markdown.len());
        markdown[at..].to_owned()
    }

    #[test]
    fn the_card_shows_the_passage_with_its_place_and_differences() {
        let draft = "Harbour vote\n\nThe harbourmaster, Dana Okafor, spoke on Monday.\n\n\
            “We will not close the harbour, not without a vote,” Ms Okafor said.\n\n\
            “We will not shut the harbour,” she said again.\n\n\
            “The council must pay for the new pier,” Ms Okafor said.\n";
        expect_test::expect![[r#"

            **Transcript:** okafor.vtt, 00:12:34, Dana Okafor, line 4 — 1 difference

            > We will not ~~close~~ **shut** the harbour, not without a vote

            ~~Struck~~: the draft's words; **bold**: the transcript's.
        "#]]
        .assert_eq(&card(draft, "close"));
        expect_test::expect![[r#"

            **Transcript:** okafor.vtt, 00:12:34, Dana Okafor, line 4 — word for word ✓

            > We will not shut the harbour
        "#]]
        .assert_eq(&card(draft, "shut"));
        expect_test::expect![[r#"

            **Transcript:** not found. Dana Okafor has a transcript (okafor.vtt), but no transcript has these words.
        "#]]
        .assert_eq(&card(draft, "pier"));
    }

    #[test]
    fn the_card_says_when_the_transcript_gives_the_words_to_someone_else() {
        let vtt = "WEBVTT\n\n00:04:10.000 --> 00:04:15.000\n<v Marcus Bell>Nobody on the council was asked about it.\n\n00:04:16.000 --> 00:04:20.000\n<v Dana Okafor>That is not true.\n";
        let t = Transcript::parse("harbour.vtt", Format::WebVtt, vtt.to_owned()).unwrap();
        let draft =
            "Harbour row\n\nThe harbourmaster, Dana Okafor, met councillor Marcus Bell.\n\n\
            “Nobody on the council was asked about it,” Ms Okafor said.\n";
        expect_test::expect![[r#"

            **Transcript:** harbour.vtt, 00:04:10, Marcus Bell, line 4 — word for word ✓

            The transcript gives these words to Marcus Bell.

            > Nobody on the council was asked about it
        "#]]
        .assert_eq(&card_with(t, draft, "asked"));
    }

    #[test]
    fn a_long_passage_is_cut() {
        let text = format!(
            "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n{}\n",
            "word ".repeat(100).trim_end()
        );
        let t = Transcript::parse("long.vtt", Format::WebVtt, text.clone()).unwrap();
        let range = text.find("word").unwrap()..text.trim_end().len();
        let shown = render(&stretches(&t, range, &[], |_| String::new()));
        assert_eq!(shown.split_whitespace().count(), MAX_WORDS);
        assert!(shown.ends_with("word…"), "{shown}");
    }
}
