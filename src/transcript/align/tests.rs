//! Alignment, by example and by property: a passage copied from a
//! transcript and tidied as the house rules allow always matches exactly,
//! and one content word changed is always a difference naming that word.

use std::sync::Arc;

use proptest::prelude::*;

use super::{align, read_quote, Fit};
use crate::transcript::{Format, Transcript};

fn notes(text: &str) -> Arc<Transcript> {
    Arc::new(
        Transcript::parse("notes.txt", Format::Notes, text.to_owned()).expect("notes always parse"),
    )
}

/// The fit of `quote` against `transcript`, and each difference as (draft
/// words, transcript words).
fn check(transcript: &str, quote: &str) -> (Fit, Vec<(String, String)>) {
    let files = [notes(transcript)];
    let parts = read_quote(quote, 0..quote.len());
    match align(&files, quote, &parts, &|_, _| false) {
        None => (Fit::None, Vec::new()),
        Some(a) => (
            a.fit(),
            a.differences
                .iter()
                .map(|d| {
                    (
                        quote[d.draft.clone()].to_owned(),
                        files[0].spoken(d.transcript.clone()),
                    )
                })
                .collect(),
        ),
    }
}

const SAID: &str = "Well, um, the engineers told us the deck is, you know, rotten right through. \
    We we will shut the pier on Friday and the traders will get compensation from the reserve fund. \
    I think I think people understand that safety has to come first.";

#[test]
fn tidied_quotes_match_exactly() {
    for quote in [
        "The engineers told us the deck is rotten right through.",
        "“We will shut the pier on Friday,”",
        "the deck is rotten … we will shut the pier",
        "[The council] will shut the pier on Friday",
        "People understand that safety has to come first",
        "Safety has to come first",
        "SAFETY HAS TO COME FIRST!",
    ] {
        assert_eq!(check(SAID, quote), (Fit::Exact, Vec::new()), "{quote}");
    }
}

#[test]
fn changed_added_and_left_out_words_are_named() {
    assert_eq!(
        check(SAID, "We will close the pier on Friday"),
        (Fit::Close, vec![("close".into(), "shut".into())])
    );
    assert_eq!(
        check(SAID, "traders will get compensation from the fund"),
        (Fit::Close, vec![("".into(), "reserve".into())])
    );
    assert_eq!(
        check(
            SAID,
            "the traders will get full compensation from the reserve fund"
        ),
        (Fit::Close, vec![("full".into(), "".into())])
    );
}

#[test]
fn false_starts_with_a_filler_between_are_passed_over() {
    let said = "It will stay shut until she, um, until she listens. \
        We took the, uh, we took the ferry. Then the sh- the harbour master came.";
    for quote in [
        "It will stay shut until she listens.",
        "We took the ferry.",
        "Then the harbour master came.",
    ] {
        assert_eq!(check(said, quote), (Fit::Exact, Vec::new()), "{quote}");
    }
}

#[test]
fn the_words_after_an_ellipsis_are_the_nearest_said() {
    let said = "Nobody told us. The minister spoke for an hour about roads and rail and ports. \
        Later she said nobody told us the bridge would stay shut until Monday, and that was wrong.";
    let files = [notes(said)];
    let quote = "“Nobody told us … until Monday, and that was wrong”";
    let found = align(
        &files,
        quote,
        &read_quote(quote, 0..quote.len()),
        &|_, _| false,
    )
    .expect("found");
    assert_eq!(found.fit(), Fit::Exact);
    let first = files[0].words.list[found.words.start].start;
    assert!(
        first > said.find("Later").unwrap(),
        "found from byte {first}"
    );
}

#[test]
fn an_amount_written_in_figures_is_what_was_said() {
    let said =
        "The repairs will cost about thirty-eight million pounds, and fares rise fifteen per cent.";
    assert_eq!(
        check(
            said,
            "The repairs will cost about £38m, and fares rise 15%."
        ),
        (Fit::Exact, Vec::new())
    );
    assert_eq!(
        check(said, "The repairs will cost about £48m, and fares rise"),
        (
            Fit::Close,
            vec![("48m".into(), "thirty-eight million pounds".into())]
        )
    );
}

#[test]
fn bracketed_ellipses_letters_and_annotations() {
    let said =
        "The government has, uh, [inaudible] been very clear with everyone about the timetable.";
    for quote in [
        "The government has [...] been very clear … about the timetable",
        "[T]he government has been very clear with everyone",
        "The government has been very clear with everyone about the timetable.",
    ] {
        assert_eq!(check(said, quote), (Fit::Exact, Vec::new()), "{quote}");
    }
}

#[test]
fn a_long_quote_is_aligned_in_runs() {
    let words: Vec<String> = (0..600)
        .map(|i| format!("word{}", i * 7919 % 10007))
        .collect();
    let said = words.join(" ");
    let mut quote = words[20..520].join(" ");
    assert_eq!(check(&said, &quote), (Fit::Exact, Vec::new()));
    quote = quote.replacen("word", "changed", 1);
    let (fit, differences) = check(&said, &quote);
    assert_eq!((fit, differences.len()), (Fit::Close, 1));
}

#[test]
fn a_word_hyphenated_on_one_side_only_is_the_same_word() {
    let said = "We will co-operate with the inquiry and reopen the e-mail archive.";
    assert_eq!(
        check(
            said,
            "We will cooperate with the inquiry and re-open the email archive."
        ),
        (Fit::Exact, Vec::new())
    );
    assert_eq!(
        check(
            said,
            "We will co-operate with the inquiry and close the e-mail archive."
        ),
        (Fit::Close, vec![("close".into(), "reopen".into())])
    );
}

#[test]
fn words_nobody_said_are_not_found() {
    assert_eq!(check(SAID, "We have no choice at all").0, Fit::None);
    assert_eq!(check(SAID, "deck").0, Fit::Exact);
    assert_eq!(check(SAID, "pier closure").0, Fit::None);
}

#[test]
fn each_piece_of_a_gapped_quote_is_found_in_order() {
    let (fit, differences) = check(
        SAID,
        "the deck is rotten … the traders will get compensation",
    );
    assert_eq!((fit, differences), (Fit::Exact, Vec::new()));
    // the second piece said before the first is not the same passage
    let (fit, _) = check(
        SAID,
        "safety has to come first … the engineers told us the deck",
    );
    assert_ne!(fit, Fit::Exact);
}

#[test]
fn two_answers_run_together_are_a_join() {
    let said = "Why did the pier close? The engineers told us the deck is rotten right through. \
        What about the traders? They will get compensation from the reserve fund. \
        And the summer? We hope to reopen it by August.";
    let quote =
        "The engineers told us the deck is rotten right through. We hope to reopen it by August.";
    let files = [notes(said)];
    let found = align(
        &files,
        quote,
        &read_quote(quote, 0..quote.len()),
        &|_, _| false,
    )
    .expect("found");
    assert_eq!(found.fit(), Fit::Close);
    let joins: Vec<&str> = found
        .differences
        .iter()
        .filter(|d| d.joined)
        .map(|d| &quote[d.draft.start..d.draft.start + 8])
        .collect();
    assert_eq!(joins, ["We hope "]);
    // the same sentences said one after the other are one passage
    let adjacent = "We hope to reopen it by August. And yes, the traders will get compensation.";
    assert_eq!(
        check(
            "We hope to reopen it by August. So, the traders will get compensation.",
            adjacent
        ),
        (Fit::Close, vec![("And yes".into(), "So".into())])
    );
    // said in the other order: still a join
    let backwards = "We hope to reopen it by August. The engineers told us the deck is rotten.";
    let found = align(
        &files,
        backwards,
        &read_quote(backwards, 0..backwards.len()),
        &|_, _| false,
    )
    .expect("found");
    assert_eq!(found.differences.iter().filter(|d| d.joined).count(), 1);
}

/// Content words that are not fillers and not each other's
/// (so a passage's every triple is unique).
const VOCABULARY: &[&str] = &[
    "harbour",
    "council",
    "budget",
    "winter",
    "ferry",
    "repairs",
    "tenants",
    "cannot",
    "promise",
    "schools",
    "bridge",
    "flooding",
    "we've",
    "nobody",
    "decided",
    "tonight",
    "yesterday",
    "shop",
    "Saturday",
    "warned",
    "lorries",
    "parking",
    "market",
    "seven",
    "hundred",
    "people",
    "queue",
    "morning",
    "station",
    "money",
    "garden",
    "library",
    "cheaper",
    "safer",
    "quickly",
    "don't",
    "river",
    "station",
    "village",
    "storm",
];

/// How a word is written in the draft: case, curly or straight
/// apostrophe, punctuation after it.
fn tidy(word: &str, case: u8, mark: u8) -> String {
    let word = match case % 3 {
        0 => word.to_lowercase(),
        1 => word.to_uppercase(),
        _ => {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    };
    let word = if mark % 2 == 0 {
        word.replace('\'', "’")
    } else {
        word
    };
    let after = [",", ".", "!", "", "", ";", "—", "?"][usize::from(mark) % 8];
    format!("{word}{after}")
}

prop_compose! {
    /// A passage of distinct words, fillers and false starts in it, and
    /// the span of it a quotation copies.
    fn passage()(len in 20usize..40)
        (words in Just(len), start in 0..len - 8, quote_len in 5usize..9,
         order in proptest::sample::subsequence((0..VOCABULARY.len()).collect::<Vec<_>>(), len),
         noise in proptest::collection::vec(0u8..12, len))
        -> (Vec<&'static str>, Vec<u8>, usize, usize) {
        let _ = words;
        (order.into_iter().map(|i| VOCABULARY[i]).collect(), noise, start, quote_len)
    }
}

/// The transcript's text: the words with fillers and false starts between
/// them as `noise` says.
fn spoken(words: &[&str], noise: &[u8]) -> String {
    let mut out = String::new();
    for (w, n) in words.iter().zip(noise) {
        match n {
            0 => out.push_str("um, "),
            1 => out.push_str("uh "),
            2 => out.push_str("you know, "),
            3 => out.push_str(&format!("{w} ")),
            4 => out.push_str("I mean "),
            _ => {}
        }
        out.push_str(w);
        out.push_str(if n % 5 == 0 { ". " } else { " " });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_copied_passage_tidied_matches_exactly(
        (words, noise, start, len) in passage(),
        cases in proptest::collection::vec(0u8..3, 10),
        marks in proptest::collection::vec(0u8..16, 10),
        hyphen in 0usize..10,
    ) {
        let transcript = spoken(&words, &noise);
        let copied = &words[start..(start + len).min(words.len())];
        let mut quote = String::from("“");
        for (i, w) in copied.iter().enumerate() {
            quote.push_str(&tidy(w, cases[i], marks[i]));
            // one pair of words joined by a hyphen, as a writer might
            quote.push(if i == hyphen && !quote.ends_with(|c: char| !c.is_alphanumeric()) { '-' } else { ' ' });
        }
        quote.push('”');
        let (fit, differences) = check(&transcript, &quote);
        prop_assert_eq!(fit, Fit::Exact, "{} in {}: {:?}", quote, transcript, differences);
    }

    #[test]
    fn one_changed_word_is_a_mismatch_naming_it(
        (words, noise, start, len) in passage(),
        changed in 0usize..9,
    ) {
        let transcript = spoken(&words, &noise);
        let copied = &words[start..(start + len).min(words.len())];
        let changed = changed % copied.len();
        let quote: Vec<&str> = copied
            .iter()
            .enumerate()
            .map(|(i, w)| if i == changed { "zeppelin" } else { *w })
            .collect();
        let (fit, differences) = check(&transcript, &quote.join(" "));
        prop_assert_eq!(fit, Fit::Close);
        prop_assert_eq!(differences, vec![("zeppelin".to_owned(), copied[changed].to_owned())]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any quotation against any notes: no panic, and every difference
    /// inside the quotation and on character boundaries.
    #[test]
    fn any_quote_against_any_transcript_is_read_without_panicking(
        said in "[a-cA-C0-9 ,.\\-\\[\\]…’'£%é]{0,120}",
        quote in "[a-cA-C0-9 ,.\\-\\[\\]…’'£%é\"“”]{0,80}",
    ) {
        let files = [notes(&said)];
        let parts = read_quote(&quote, 0..quote.len());
        if let Some(found) = align(&files, &quote, &parts, &|_, _| true) {
            for d in &found.differences {
                prop_assert!(quote.get(d.draft.clone()).is_some(), "{:?} in {:?}", d, quote);
                let _ = files[0].spoken(d.transcript.clone());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A draft of quotes given to a named speaker, checked against notes in
    /// her name: every rule runs and every fix applies without a panic.
    #[test]
    fn drafts_checked_against_notes_and_every_fix_applied(
        said in "[a-dA-D0-9 ,.\\-\\[\\]…’'£%]{0,160}",
        quoted in proptest::collection::vec("[a-dA-D0-9 ,.\\-\\[\\]…’'£%]{1,60}", 1..4),
    ) {
        let notes_text = format!("Dana Okafor: {said}\n");
        let transcript = Transcript::parse("okafor.txt", Format::Notes, notes_text).expect("notes parse");
        let mut config = crate::Config::default();
        config.transcripts.files = vec![Arc::new(transcript)];
        let mut draft = String::from("Pier news\n\nDana Okafor, the council leader, spoke on Monday.\n");
        for q in &quoted {
            draft.push_str(&format!("\n“{q},” Ms Okafor said.\n"));
        }
        let checked = crate::draft::check_draft(&draft, crate::SourceFormat::PlainText, &config);
        for d in &checked.diagnostics {
            for fix in &d.fixes {
                let _ = crate::diagnostic::apply(&draft, &fix.edits);
            }
        }
        let _ = crate::report::json_line("d.txt", &draft, &checked.analysis, &checked.diagnostics);
    }
}
