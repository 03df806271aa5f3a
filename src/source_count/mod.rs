//! The source count as a report: one story's sources as rows that own
//! their words (a desk's thousand stories are not kept as analyses), a
//! desk's totals and months, and the forms they are written in — JSON for
//! tools (the contract in the README), CSV, a page for editors, text for a
//! terminal.
//!
//! Pure like the core: the command line reads the files and the server
//! and the browser build call the same functions. The renderers ([`json`],
//! [`csv`], [`html`], [`human`]) take counts and give text; [`stories`]
//! counts stories' texts, every core at once with the `server` feature.

pub mod csv;
pub mod html;
pub mod human;
pub mod json;
pub mod stories;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::balance::{self, GenderPolicy, Tally};
use crate::analysis::{Analysis, ParagraphKind};

/// One story's count, as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCount {
    /// The file's path as given, the archive line's `id`, or `-`.
    pub id: String,
    /// The story's date as written (`2026-03-14`), from the front matter's
    /// `date:` or the archive line's `date`.
    pub date: Option<String>,
    /// The headline, when the story has one.
    pub headline: Option<String>,
    /// The story's length in bytes: what a throughput counts.
    pub bytes: usize,
    pub sources: Vec<SourceRow>,
    pub totals: Tally,
}

/// One source of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRow {
    pub name: String,
    /// `person`, `role`, `organisation`, `anonymous`.
    pub kind: String,
    /// `woman`, `man`, `nonbinary`, `unknown`.
    pub gender: String,
    /// The kind of evidence that decided (`register`, `title`, `pronoun`,
    /// `role-noun`, `given-name`); null for `unknown`.
    pub decided_by: Option<String>,
    /// One line for a reader: `man — title “Mr” (4×)`.
    pub because: String,
    pub evidence: Vec<EvidenceRow>,
    pub quotes: usize,
    /// Words inside their quotation marks, and their share of the story's
    /// quoted words (organisations' and unattributed quotes' included).
    pub words: usize,
    pub share: f64,
    /// Where they are first quoted.
    pub first_quote: Place,
}

/// One piece of gender evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRow {
    pub kind: String,
    pub gender: String,
    pub text: String,
    /// Where it first is in the story; null for the people register.
    pub at: Option<Place>,
    pub count: usize,
}

/// Bytes in the story and the 1-based line they start on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

impl StoryCount {
    /// Counts an analysed story's sources.
    pub fn new(
        id: &str,
        date: Option<String>,
        analysis: &Analysis,
        policy: GenderPolicy,
    ) -> StoryCount {
        let found = balance::count(analysis, policy);
        let totals = Tally::of(&found);
        let lines = &analysis.document.lines;
        let place = |r: &std::ops::Range<usize>| Place {
            start: r.start,
            end: r.end,
            line: lines.line(r.start),
        };
        let all_words = totals.words + totals.unattributed_words;
        let sources = (found.sources.iter())
            .map(|s| SourceRow {
                // masked Markdown (`Ann <b>Lee</b>`) leaves runs of spaces
                name: s.name.split_whitespace().collect::<Vec<_>>().join(" "),
                kind: s.kind.as_str().to_owned(),
                gender: s.gender.gender.as_str().to_owned(),
                decided_by: s.gender.decided_by.map(|k| k.as_str().to_owned()),
                because: s.gender.explain(),
                evidence: (s.gender.evidence.iter())
                    .map(|e| EvidenceRow {
                        kind: e.kind.as_str().to_owned(),
                        gender: e.gender.as_str().to_owned(),
                        text: e.text.clone(),
                        at: e.range.as_ref().map(place),
                        count: e.count,
                    })
                    .collect(),
                quotes: s.quotes.len(),
                words: s.words,
                share: balance::share(s.words, all_words).map_or(0.0, round3),
                first_quote: place(&s.first_quote),
            })
            .collect();
        StoryCount {
            id: id.to_owned(),
            date,
            headline: headline(analysis),
            bytes: analysis.document.prose.len(),
            sources,
            totals,
        }
    }

    /// The month (`2026-03`) of the story's date, when it has one that
    /// starts with a year and a month.
    pub fn month(&self) -> Option<String> {
        month_of(self.date.as_deref()?)
    }
}

/// The headline: the first paragraph, when it is one.
fn headline(analysis: &Analysis) -> Option<String> {
    let first = analysis.document.paragraphs.first()?;
    (first.kind == ParagraphKind::Headline).then(|| {
        let text = &analysis.document.prose[first.range.clone()];
        // masked Markdown (inline HTML, a link's target) leaves spaces
        let words = text.trim().trim_start_matches('#').split_whitespace();
        words.collect::<Vec<_>>().join(" ")
    })
}

/// `2026-03` from `2026-03-14`, `2026-03-14T09:00:00Z` or `2026/03/14`.
pub fn month_of(date: &str) -> Option<String> {
    let date = date.trim();
    let year = date.get(0..4)?;
    let sep = date.get(4..5)?;
    let month = date.get(5..7)?;
    let valid = year.bytes().all(|b| b.is_ascii_digit())
        && matches!(sep, "-" | "/")
        && month.bytes().all(|b| b.is_ascii_digit())
        && matches!(month.parse::<u8>(), Ok(1..=12));
    valid.then(|| format!("{year}-{month}"))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The shares a count's whole numbers give, 0 to 1 (rounded to three
/// places), each none when there is nothing to share out: women, men,
/// nonbinary people and people of unknown gender among the named people
/// quoted, and women's share of the words quoted from individuals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Shares {
    pub women: Option<f64>,
    pub men: Option<f64>,
    pub nonbinary: Option<f64>,
    pub unknown: Option<f64>,
    pub women_of_words: Option<f64>,
}

impl Shares {
    pub fn of(tally: &Tally) -> Shares {
        let people = |n: usize| balance::share(n, tally.people).map(round3);
        Shares {
            women: people(tally.women),
            men: people(tally.men),
            nonbinary: people(tally.nonbinary),
            unknown: people(tally.unknown),
            women_of_words: tally.women_share_of_words().map(round3),
        }
    }
}

/// A desk's count: every story's, the totals, and the totals by month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub stories: Vec<StoryCount>,
    pub totals: Tally,
    /// Totals by month (`2026-03`), for the stories with a date.
    pub months: BTreeMap<String, Tally>,
}

impl Desk {
    /// Adds a story to the desk, its row kept.
    pub fn add(&mut self, story: StoryCount) {
        self.add_totals(&story);
        self.stories.push(story);
    }

    /// Adds a story's tally to the desk's totals and its month, its row
    /// not kept: a desk's totals in bounded memory, however many stories.
    pub fn add_totals(&mut self, story: &StoryCount) {
        self.totals.add(&story.totals);
        if let Some(month) = story.month() {
            self.months.entry(month).or_default().add(&story.totals);
        }
    }
}

impl FromIterator<StoryCount> for Desk {
    fn from_iter<I: IntoIterator<Item = StoryCount>>(stories: I) -> Desk {
        let mut desk = Desk::default();
        for story in stories {
            desk.add(story);
        }
        desk
    }
}

#[cfg(test)]
mod tests;
