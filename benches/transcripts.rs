//! Quotations held against an interview transcript: a two-hour interview
//! (about 20,000 words of WebVTT) and a 2,000-word draft with 40 quotations
//! taken from it.
//!
//! Measured separately, by criterion:
//!
//! - `transcripts/index_20k_words`: `Transcript::parse` of the WebVTT file:
//!   its cues read, its words folded and the triple and word index built
//!   (target < 20 ms);
//! - `transcripts/check_2k_draft`: `check_draft` (analysis and every rule)
//!   with the already-built transcript in the configuration (target < 5 ms);
//! - `transcripts/check_2k_draft_no_transcripts`: the same draft with none,
//!   so that the difference is what the transcript costs.
//!
//! Both texts come from the templates and word lists below and the seeded
//! generator of `common` (no corpus, no `rand`): three voices (an
//! interviewer and two people the draft quotes), cues of one or two
//! sentences with `<v Name>` tags and times that run to two hours, a
//! vocabulary wide enough that most word triples are rare, and fillers
//! (`um`, `you know`, `I mean`), false starts (`we we`) and words cut off
//! (`ha- harbour`) sprinkled in. Of the draft's 40 quotations, 30 are
//! faithful with a sub-editor's tidying (fillers and false starts left out,
//! a capital, a comma; three with a word left out at `…` and two with
//! `[words]` of the writer's for two said), 5 have one word changed and 5
//! were never said. Before
//! anything is timed the bench checks, once, that each is found as meant
//! (`Exact`, `Close` naming the changed word, `None`) and that the rules
//! report exactly the 5 mismatches and 5 missing quotations, so what is
//! timed is the real work.
//!
//! `cargo bench --bench transcripts` prints a table from criterion's
//! estimates (also written to `target/criterion/copydesk-transcripts.md`);
//! `COPYDESK_BENCH_DUMP=dir cargo bench --bench transcripts` writes the
//! transcript and the draft to `dir` (for `copydesk check --transcript`)
//! and measures nothing.

mod common;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use common::{criterion_home, Rng, DAYS, SEED};
use copydesk::transcript::align::Fit;
use copydesk::transcript::{Format, Transcript};
use copydesk::{check_draft, Config, SourceFormat};
use criterion::{Criterion, Throughput};

const GROUP: &str = "transcripts";
const TRANSCRIPT_NAME: &str = "carvalho-ekberg-interview.vtt";
/// About two hours of speech at 2.8 words a second.
const TRANSCRIPT_WORDS: usize = 20_000;
const DRAFT_WORDS: usize = 2_000;
/// 40 quotations: every eighth (from the fourth) with a word changed,
/// every eighth (from the seventh) never said, the other 30 faithful.
const QUOTES: usize = 40;
const CHANGED: usize = QUOTES / 8;
const MISSING: usize = QUOTES / 8;

/// The interviewer and the two people the draft quotes.
const INTERVIEWER: &str = "Interviewer";
const VOICES: [(&str, &str, &str); 2] = [
    (
        "Ines Carvalho",
        "Ms Carvalho",
        "who chairs the harbour users group",
    ),
    (
        "Tomas Ekberg",
        "Mr Ekberg",
        "a crane driver on the east quay",
    ),
];

// The interview's words. None is a filler or half of one (`know`, `mean`,
// `sort`, `kind`), so a quotation's words are all content.
const NOUNS: &[&str] = &[
    "harbour",
    "quay",
    "ferry",
    "crane",
    "warehouse",
    "contract",
    "budget",
    "council",
    "ministry",
    "survey",
    "wall",
    "pier",
    "tide",
    "licence",
    "cargo",
    "container",
    "trawler",
    "pension",
    "apprenticeship",
    "timetable",
    "slipway",
    "lighthouse",
    "dredger",
    "tugboat",
    "bollard",
    "customs",
    "shipyard",
    "mooring",
    "breakwater",
    "forklift",
    "union",
    "petition",
    "mortgage",
    "school",
    "bakery",
    "chapel",
    "market",
    "road",
    "bridge",
    "railway",
    "hospital",
    "library",
    "ledger",
    "winch",
    "anchor",
    "rope",
    "diesel",
    "engine",
    "hull",
    "rudder",
    "net",
    "catch",
    "auction",
    "lease",
    "tender",
    "inspector",
    "surveyor",
    "engineer",
    "minister",
    "landlord",
    "grant",
    "loan",
    "strike",
    "ballot",
    "meeting",
    "letter",
    "report",
    "spreadsheet",
    "promise",
    "storm",
    "flood",
    "winter",
    "harvest",
    "festival",
    "regatta",
    "museum",
    "pub",
    "garage",
];

const VERBS_PAST: &[&str] = &[
    "closed",
    "opened",
    "repaired",
    "ignored",
    "promised",
    "cancelled",
    "rebuilt",
    "sold",
    "painted",
    "flooded",
    "inspected",
    "funded",
    "delayed",
    "moved",
    "bought",
    "mended",
    "lost",
    "saved",
    "measured",
    "cleared",
    "dredged",
    "loaded",
    "unloaded",
    "signed",
    "refused",
    "postponed",
    "approved",
    "abandoned",
    "launched",
    "towed",
    "welded",
    "emptied",
    "reported",
    "counted",
    "visited",
    "blocked",
    "widened",
    "shortened",
    "insured",
    "valued",
];

const VERBS_NOW: &[&str] = &[
    "needs", "costs", "floods", "leaks", "matters", "survives", "works", "pays", "breaks",
    "shifts", "crumbles", "rusts", "carries", "feeds", "employs", "connects", "protects",
    "supports", "loses", "earns", "holds", "serves", "waits", "drifts",
];

const ADJECTIVES: &[&str] = &[
    "old",
    "new",
    "broken",
    "empty",
    "busy",
    "quiet",
    "narrow",
    "wide",
    "rusty",
    "wooden",
    "concrete",
    "northern",
    "southern",
    "eastern",
    "western",
    "small",
    "enormous",
    "expensive",
    "cheap",
    "temporary",
    "permanent",
    "proper",
    "local",
    "national",
    "private",
    "public",
    "honest",
    "careful",
    "sudden",
    "slow",
    "early",
    "late",
    "famous",
    "forgotten",
    "crowded",
    "flat",
    "steep",
    "deep",
    "shallow",
    "grey",
];

const ADVERBS: &[&str] = &[
    "badly",
    "quickly",
    "slowly",
    "quietly",
    "openly",
    "rarely",
    "always",
    "never",
    "often",
    "suddenly",
    "gradually",
    "finally",
    "barely",
    "nearly",
    "certainly",
    "honestly",
    "properly",
    "carefully",
];

const PLACES: &[&str] = &[
    "Ardlow",
    "Kestlebury",
    "Marrowfield",
    "Pennock",
    "Brindle",
    "Wexham",
    "Carrick",
    "Stoneleigh",
    "Halsey",
    "Trevose",
    "Gullane",
    "Porthgwin",
    "Abermoy",
    "Dunraven",
    "Selby",
    "Rothmere",
];

const NAMES: &[&str] = &[
    "Morwenna",
    "Gethin",
    "Aled",
    "Bronwen",
    "Piotr",
    "Agnieszka",
    "Callum",
    "Siobhan",
    "Desmond",
    "Yusuf",
    "Mairead",
    "Eamon",
    "Nkechi",
    "Lars",
    "Ottilie",
    "Fergus",
];

/// Sentences spoken in the interview; `{n}` a noun, `{v}` a past verb,
/// `{s}` a present verb, `{a}` an adjective, `{d}` an adverb, `{p}` a
/// place, `{m}` a name, `{y}` a year, `{k}` a number, `{w}` a day.
const SPOKEN: &[&str] = &[
    "the {a} {n} at {p} was {v} in {y} and nobody {v} the {n}",
    "we {v} the {n} because the {a} {n} {s} {d}",
    "I remember when {m} {v} the {a} {n} near the {n}",
    "nobody {v} us about the {n} until {w} and by then the {n} was {a}",
    "if the {n} {s} then the {a} {n} goes with it",
    "there were {k} of us on the {n} that winter and the {n} {s} {d}",
    "my father {v} the {n} at {p} for {k} years and the {n} never {v} him",
    "they {v} the {a} {n} and {v} the {n} in the same week",
    "the {n} {s} more than the {a} {n} ever will",
    "you cannot run a {n} from {p} with a {a} {n}",
    "{m} said the {n} was {a} but the {n} {s} {d}",
    "every {n} in {p} {s} on the {n} one way or another",
    "the {a} {n} has {v} twice since {y} and the {n} is still {a}",
    "when the {n} {v} we {v} the {a} {n} ourselves",
    "the people who {v} the {n} have never {v} a {n} in their lives",
    "ask anyone at the {n} and they will tell you the {n} {s} {d}",
    "we {v} {k} {n}s on {w} and the {a} {n} {v} the rest",
    "the {n} at {p} {s} {d} because the {n} was {v} in {y}",
];

/// Questions the interviewer asks (also from the vocabulary above).
const QUESTIONS: &[&str] = &[
    "what happened to the {n} at {p}",
    "when was the {n} last {v}",
    "who {v} the {a} {n}",
    "how long has the {n} been {a}",
    "does the {n} still {s}",
    "tell me about the {n} in {y}",
];

/// Sentences a draft might put in a speaker's mouth that were never said:
/// words the interview never uses.
const NEVER_SAID: &[&str] = &[
    "Our orchestra rehearses every Thursday evening in the cathedral crypt",
    "Frankly the vineyard would flourish if somebody planted lavender beside it",
    "Glaciers retreat whatever parliament decides about motorway tolls",
    "My grandmother knitted jumpers for astronauts during the sixties",
    "Volcanic soil makes excellent tomatoes according to botanists",
    "Emerald dragonflies hovered above marshland meadows throughout July",
];

/// Words put in place of one of a quotation's (the interview never says
/// them either).
const REPLACEMENTS: &[&str] = &[
    "velvet",
    "giraffe",
    "saxophone",
    "cathedral",
    "avalanche",
    "marmalade",
];

const NARRATIVE: &[&str] = &[
    "The harbour at {p} has handled cargo since the eighteenth century, and its quay walls were last rebuilt in {y}.",
    "A survey commissioned by the ministry put the cost of repairs at £{k}m, a figure the harbour users dispute.",
    "About {k} people work on the quay, according to figures published by the county council.",
    "The decision was set out in a letter sent to tenants on {w} morning.",
    "Councillors are due to discuss the future of the {n} at a meeting in {p} next month.",
    "The ferry to {p} runs twice a day in winter and four times a day in summer.",
    "Campaigners have collected more than {k},000 signatures on a petition.",
    "The ministry said no final decision had been taken and that it would publish the survey in full.",
    "Trade through the port fell by a third in the ten years to {y}.",
    "The east quay was closed for most of {w} afternoon while engineers inspected the wall.",
];

/// One sentence of the interview: its words as said (with no fillers) and
/// who said it.
struct Sentence {
    words: Vec<String>,
    voice: usize,
}

struct Interview {
    vtt: String,
    /// The interviewees' sentences (the interviewer's are not quoted).
    sentences: Vec<Sentence>,
}

fn fill(rng: &mut Rng, template: &str) -> Vec<String> {
    template
        .split(' ')
        .map(|slot| {
            let mut out = String::new();
            let mut rest = slot;
            while let Some(open) = rest.find('{') {
                out.push_str(&rest[..open]);
                let close = open + 2;
                out.push_str(&match &rest[open..=close] {
                    "{n}" => rng.pick(NOUNS).to_owned(),
                    "{v}" => rng.pick(VERBS_PAST).to_owned(),
                    "{s}" => rng.pick(VERBS_NOW).to_owned(),
                    "{a}" => rng.pick(ADJECTIVES).to_owned(),
                    "{d}" => rng.pick(ADVERBS).to_owned(),
                    "{p}" => rng.pick(PLACES).to_owned(),
                    "{m}" => rng.pick(NAMES).to_owned(),
                    "{w}" => rng.pick(DAYS).to_owned(),
                    "{y}" => (1950 + rng.below(75)).to_string(),
                    "{k}" => (3 + rng.below(400)).to_string(),
                    other => panic!("no such slot {other}"),
                });
                rest = &rest[close + 1..];
            }
            out.push_str(rest);
            out
        })
        .collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A sentence as it was spoken: fillers, false starts and words cut off
/// put in, a capital and a full stop (or question mark).
fn spoken(rng: &mut Rng, words: &[String], question: bool) -> String {
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 4);
    for (i, word) in words.iter().enumerate() {
        match rng.below(100) {
            0..=2 if i > 0 => {
                let filler = rng.pick(&["um", "uh", "er", "you know", "I mean"]);
                if let Some(last) = out.last_mut() {
                    last.push(',');
                }
                out.push(format!("{filler},"));
            }
            3..=4 => out.push(word.clone()), // a false start: `we we`
            5 if word.chars().count() > 4 => {
                let cut: String = word.chars().take(2).collect();
                out.push(format!("{cut}-"));
            }
            _ => {}
        }
        out.push(word.clone());
    }
    if let Some(first) = out.first_mut() {
        *first = capitalised(first);
    }
    let mut text = out.join(" ");
    text.push(if question { '?' } else { '.' });
    text
}

fn clock(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The two-hour interview as WebVTT: a question, then a few cues of one
/// interviewee's answer, then the next question, to the other one or the
/// same.
fn interview(rng: &mut Rng) -> Interview {
    let mut vtt = String::from(
        "WEBVTT - Ines Carvalho and Tomas Ekberg, the east quay (generated for the benchmark)\n\n",
    );
    let mut sentences = Vec::new();
    let (mut words, mut ms, mut cue) = (0usize, 1_000u64, 0usize);
    while words < TRANSCRIPT_WORDS {
        let template = rng.pick(QUESTIONS);
        let question = fill(rng, template);
        let text = spoken(rng, &question, true);
        words += text.split_whitespace().count();
        push_cue(
            rng,
            &mut vtt,
            &mut cue,
            &mut ms,
            INTERVIEWER,
            &text,
            question.len(),
        );
        let voice = rng.below(VOICES.len());
        for _ in 0..2 + rng.below(5) {
            let mut text = String::new();
            let mut count = 0;
            for _ in 0..1 + rng.below(2) {
                let template = rng.pick(SPOKEN);
                let said = fill(rng, template);
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&spoken(rng, &said, false));
                count += said.len();
                sentences.push(Sentence { words: said, voice });
            }
            words += text.split_whitespace().count();
            push_cue(
                rng,
                &mut vtt,
                &mut cue,
                &mut ms,
                VOICES[voice].0,
                &text,
                count,
            );
        }
    }
    Interview { vtt, sentences }
}

/// Appends cue number `cue + 1` at `ms`, as long as `words` take to say,
/// and moves `ms` past it and a breath.
fn push_cue(
    rng: &mut Rng,
    vtt: &mut String,
    cue: &mut usize,
    ms: &mut u64,
    voice: &str,
    text: &str,
    words: usize,
) {
    *cue += 1;
    // 2.8 words a second
    let length = (words as u64 * 10_000 / 28).max(800);
    let start = *ms;
    *ms += length;
    vtt.push_str(&format!(
        "{cue}\n{} --> {}\n<v {voice}>{text}\n\n",
        clock(start),
        clock(*ms)
    ));
    *ms += 300 + rng.below(900) as u64;
}

/// How a quotation was made from the interview, and so how it must be
/// found.
#[derive(Debug, Clone, PartialEq)]
enum Made {
    Faithful,
    /// One word changed: the draft's word and the interview's.
    Changed {
        draft: String,
        said: String,
    },
    NeverSaid,
}

/// The draft: an introduction, then paragraphs of narrative each with one
/// quotation attributed to one of the two interviewees; returns the text
/// and, in order, how each quotation was made.
fn draft(rng: &mut Rng, interview: &Interview) -> (String, Vec<Made>) {
    let mut out = String::from("Quay workers say they were never asked about harbour closure\n\n");
    out.push_str(&format!(
        "{}, {}, and {}, {}, say the plan to close the east quay at Ardlow was made without them.\n\n",
        VOICES[0].0, VOICES[0].2, VOICES[1].0, VOICES[1].2
    ));
    // Which quotations are which: spread through the draft.
    let kinds: Vec<Made> = (0..QUOTES)
        .map(|q| match q % 8 {
            3 => Made::Changed {
                draft: String::new(),
                said: String::new(),
            },
            6 => Made::NeverSaid,
            _ => Made::Faithful,
        })
        .collect();
    // Sentences said once only, by either voice: a quotation from one of
    // them has one place it can come from.
    let mut seen = std::collections::HashMap::new();
    for s in &interview.sentences {
        *seen.entry(s.words.join(" ")).or_insert(0usize) += 1;
    }
    let unique: Vec<&Sentence> = interview
        .sentences
        .iter()
        .filter(|s| seen[&s.words.join(" ")] == 1 && s.words.len() >= 8)
        .collect();
    let mut made = Vec::new();
    let mut faithful = 0;
    for (q, kind) in kinds.into_iter().enumerate() {
        // quotations in interview order, a stretch of the interview apart
        let sentence = unique
            [(q * unique.len() / QUOTES + rng.below(unique.len() / 80)).min(unique.len() - 1)];
        let voice = sentence.voice;
        let mut words = sentence.words.clone();
        let kind = match kind {
            Made::Faithful => {
                faithful += 1;
                match faithful {
                    // a word left out at an ellipsis, in the second half:
                    // the longer piece first (see the README's
                    // Transcripts, Limits, on a short piece before the
                    // gap)
                    5 | 15 | 25 => {
                        let len = words.len();
                        let cut = len - 3 - rng.below((len / 2).saturating_sub(3).max(1));
                        words[cut] = "…".to_owned();
                    }
                    // the writer's words in brackets for two said (`the
                    // crane` → `[the east quay]`)
                    10 | 20 => {
                        let at = (2..words.len() - 2)
                            .find(|&i| words[i] == "the" || words[i] == "a")
                            .unwrap_or(2);
                        words.splice(at..at + 2, ["[the east quay]".to_owned()]);
                    }
                    _ => {}
                }
                Made::Faithful
            }
            Made::Changed { .. } => {
                let at = 2 + rng.below(words.len() - 4);
                let draft = REPLACEMENTS[rng.below(REPLACEMENTS.len())].to_owned();
                let said = std::mem::replace(&mut words[at], draft.clone());
                Made::Changed { draft, said }
            }
            Made::NeverSaid => {
                words = NEVER_SAID[made.len() % NEVER_SAID.len()]
                    .split(' ')
                    .map(str::to_owned)
                    .collect();
                Made::NeverSaid
            }
        };
        words[0] = capitalised(&words[0]);
        let quote = words.join(" ").replace(" …", "…");
        let name = VOICES[voice].1;
        let lead = narrative(rng);
        let paragraph = match q % 3 {
            0 => format!("{lead} “{quote},” {name} said."),
            1 => format!("{name} said: “{quote}.” {lead}"),
            _ => format!("“{quote},” said {name}. {lead}"),
        };
        out.push_str(&paragraph);
        out.push_str(&format!(" {}\n\n", narrative(rng)));
        made.push(kind);
    }
    while out.split_whitespace().count() < DRAFT_WORDS {
        out.push_str(&format!("{} {}\n\n", narrative(rng), narrative(rng)));
    }
    (out, made)
}

fn narrative(rng: &mut Rng) -> String {
    let template = rng.pick(NARRATIVE);
    let words = fill(rng, template);
    words.join(" ")
}

fn config_with(transcript: Option<&Arc<Transcript>>) -> Config {
    let mut config = Config::default();
    if let Some(t) = transcript {
        config.transcripts.files = vec![t.clone()];
    }
    config
}

/// Checks, once and outside the timing, that every quotation is found as
/// it was made, and that the rules report what they should.
fn verify(draft: &str, made: &[Made], transcript: &Arc<Transcript>) {
    let checked = check_draft(
        draft,
        SourceFormat::PlainText,
        &config_with(Some(transcript)),
    );
    let analysis = &checked.analysis;
    let body: Vec<usize> = (0..analysis.quotes.len())
        .filter(|&i| analysis.quotes[i].is_reported() && !analysis.quotes[i].display)
        .collect();
    assert_eq!(
        body.len(),
        made.len(),
        "the draft's quotations, as generated"
    );
    for (&qi, made) in body.iter().zip(made) {
        let quote = &analysis.quotes[qi];
        let text = &draft[quote.span.range.clone()];
        let speaker = quote.speaker.as_ref().map(|s| s.name.as_str());
        assert!(
            VOICES.iter().any(|v| Some(v.0) == speaker),
            "{text} is given to {speaker:?}"
        );
        let source = analysis.sources.quotes[qi]
            .as_ref()
            .unwrap_or_else(|| panic!("{text}: no source"));
        match made {
            Made::Faithful => {
                assert_eq!(source.fit, Fit::Exact, "{text}: {:?}", source.differences);
                let passage = source.passage.as_ref().expect("a passage");
                assert_eq!(passage.speaker_name(&analysis.people), speaker, "{text}");
            }
            Made::Changed { draft: word, said } => {
                assert_eq!(source.fit, Fit::Close, "{text}");
                let passage = source.passage.as_ref().expect("a passage");
                let [difference] = &source.differences[..] else {
                    panic!("{text}: {:?}", source.differences);
                };
                assert_eq!(&draft[difference.draft.clone()], word, "{text}");
                assert_eq!(
                    &passage.transcript.spoken(difference.transcript.clone()),
                    said
                );
            }
            Made::NeverSaid => {
                assert_eq!(source.fit, Fit::None, "{text}");
                assert!(source.passage.is_none(), "{text}");
            }
        }
    }
    let count = |code: &str| {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .count()
    };
    assert_eq!(count("transcript-mismatch"), CHANGED);
    assert_eq!(count("transcript-missing"), MISSING);
    assert_eq!(count("transcript-speaker"), 0);
}

/// Criterion's median estimate for one benchmark, in nanoseconds.
fn median(id: &str) -> Option<f64> {
    let path = criterion_home()
        .join(GROUP)
        .join(id)
        .join("new")
        .join("estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json.get("median")?.get("point_estimate")?.as_f64()
}

fn ms(ns: f64) -> String {
    format!("{:.2} ms", ns / 1e6)
}

fn summary(transcript: &Transcript, draft: &str) {
    let (Some(index), Some(with), Some(without)) = (
        median("index_20k_words"),
        median("check_2k_draft"),
        median("check_2k_draft_no_transcripts"),
    ) else {
        return;
    };
    let verdict = |ns: f64, target_ms: f64| {
        if ns < target_ms * 1e6 {
            "met"
        } else {
            "MISSED"
        }
    };
    let lines = [
        "| transcripts | size | median time | target |".to_owned(),
        "| --- | ---: | ---: | ---: |".to_owned(),
        format!(
            "| index built (`Transcript::parse`) | {} words, {} cues, {} bytes | {} | < 20 ms: {} |",
            transcript.words.list.len(),
            transcript.segments.len(),
            transcript.text.len(),
            ms(index),
            verdict(index, 20.0)
        ),
        format!(
            "| draft checked with the transcript | {} words, 40 quotations | {} | < 5 ms: {} |",
            draft.split_whitespace().count(),
            ms(with),
            verdict(with, 5.0)
        ),
        format!("| the same draft, no transcript | | {} | |", ms(without)),
        format!("| the transcript's share | | {} | |", ms(with - without)),
    ];
    let table = lines.join("\n");
    println!("\n{table}\n");
    let out = criterion_home().join("copydesk-transcripts.md");
    if std::fs::write(&out, format!("{table}\n")).is_ok() {
        println!("(written to {})", out.display());
    }
}

fn main() {
    let mut rng = Rng::new(SEED);
    let interview = interview(&mut rng);
    let (draft, made) = draft(&mut rng, &interview);
    if let Some(dir) = std::env::var_os("COPYDESK_BENCH_DUMP") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("create the dump directory");
        for (name, text) in [(TRANSCRIPT_NAME, &interview.vtt), ("draft.txt", &draft)] {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write a file");
            println!("{}", path.display());
        }
        return;
    }
    let parse = |text: &str| {
        Transcript::parse(TRANSCRIPT_NAME, Format::WebVtt, text.to_owned())
            .expect("the generated transcript is WebVTT")
    };
    let transcript = Arc::new(parse(&interview.vtt));
    verify(&draft, &made, &transcript);

    let benching = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group(GROUP);
    group.sample_size(50);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Bytes(interview.vtt.len() as u64));
    group.bench_function("index_20k_words", |b| {
        // the copy of the text the parser takes is made outside the timing
        b.iter_batched(
            || interview.vtt.clone(),
            |text| black_box(Transcript::parse(TRANSCRIPT_NAME, Format::WebVtt, text)),
            criterion::BatchSize::SmallInput,
        )
    });
    group.throughput(Throughput::Bytes(draft.len() as u64));
    let with = config_with(Some(&transcript));
    let without = config_with(None);
    for (id, config) in [
        ("check_2k_draft", &with),
        ("check_2k_draft_no_transcripts", &without),
    ] {
        group.bench_function(id, |b| {
            b.iter(|| {
                check_draft(black_box(&draft), SourceFormat::PlainText, config)
                    .diagnostics
                    .len()
            })
        });
    }
    group.finish();
    c.final_summary();
    if benching {
        summary(&transcript, &draft);
    }
}
