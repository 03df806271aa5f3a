//! Who gets a voice: the story's sources — each distinct speaker with at
//! least one quote in the body — what kind each is, their gender with the
//! evidence for it ([`evidence`]), and their share of the quoted words.
//!
//! A pure function of an [`Analysis`]: `copydesk sources`, the editor's
//! code lens and hover, and the `source-balance` rule all count with it, and
//! [`Tally`] adds stories up into a desk's totals.

mod evidence;
mod tally;

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::gender::Gender;
use super::model::Analysis;
use super::quote::{Speaker, SpeakerKind};
use super::register::role_key;

pub use evidence::{Evidence, EvidenceKind, GenderCall, GenderPolicy};
pub use tally::{share, Tally};

/// What kind of source a speaker is (the JSON `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// Someone the story names: `Ben Wallace`.
    Person,
    /// Someone described by job or office alone: `a spokeswoman`.
    Role,
    Organisation,
    /// Someone neither named nor given a role: `one resident`, `a source`,
    /// a pronoun the story never ties to anyone.
    Anonymous,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Role => "role",
            SourceKind::Organisation => "organisation",
            SourceKind::Anonymous => "anonymous",
        }
    }

    /// A person of some kind (gendered or not), rather than a body.
    pub fn is_individual(self) -> bool {
        self != SourceKind::Organisation
    }
}

/// One source of the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The person's name, or the description or organisation as written.
    pub name: String,
    pub kind: SourceKind,
    /// The person in [`Analysis::people`], for a named person.
    pub person: Option<usize>,
    pub gender: GenderCall,
    /// The quotes they are given, indexes into [`Analysis::quotes`], in
    /// text order.
    pub quotes: Vec<usize>,
    /// Words inside their quotation marks.
    pub words: usize,
    /// Where they are first quoted: that quotation's bytes.
    pub first_quote: Range<usize>,
}

/// A story's sources, in the order they are first quoted, and the quotes
/// nobody is named for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Balance {
    pub sources: Vec<Source>,
    /// Reported quotes in the body with no speaker.
    pub unattributed_quotes: usize,
    pub unattributed_words: usize,
}

/// Counts the story's sources.
pub fn count(analysis: &Analysis, policy: GenderPolicy) -> Balance {
    let prose = analysis.document.prose.as_str();
    let mut balance = Balance::default();
    let mut by_key: FxHashMap<SourceKey, usize> = FxHashMap::default();
    // What each source's quotes say about them, gathered before deciding.
    let mut heard: Vec<Heard> = Vec::new();
    for (qi, quote) in analysis.quotes.iter().enumerate() {
        // Headline quotes repeat the body's; only the body's are counted.
        if !quote.is_reported() || quote.display {
            continue;
        }
        let words = quoted_words(prose, &quote.span.segments);
        let Some(speaker) = &quote.speaker else {
            balance.unattributed_quotes += 1;
            balance.unattributed_words += words;
            continue;
        };
        let (key, kind, name) = identify(analysis, speaker);
        let at = *by_key.entry(key).or_insert_with(|| {
            balance.sources.push(Source {
                name,
                kind,
                person: speaker_person(speaker),
                gender: GenderCall::default(),
                quotes: Vec::new(),
                words: 0,
                first_quote: quote.span.range.clone(),
            });
            heard.push(Heard::default());
            balance.sources.len() - 1
        });
        let source = &mut balance.sources[at];
        source.quotes.push(qi);
        source.words += words;
        heard[at].note(analysis, speaker);
    }
    for (source, heard) in balance.sources.iter_mut().zip(&heard) {
        source.gender = evidence::decide(analysis, source, heard, policy);
    }
    balance
}

/// How two quotes are known to have one source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SourceKey {
    Person(usize),
    /// A name, role, organisation or pronoun nobody is tied to, by its words.
    Described(SourceKind, String),
}

/// The person a speaker is, or most likely is: a role the story ties to
/// someone (`the defence secretary`, then `Ben Wallace`) is that person.
fn speaker_person(speaker: &Speaker) -> Option<usize> {
    speaker.person.or(match speaker.kind {
        SpeakerKind::Role => speaker.guess,
        _ => None,
    })
}

/// A speaker's source: its key, kind and name.
fn identify(analysis: &Analysis, speaker: &Speaker) -> (SourceKey, SourceKind, String) {
    if let Some(p) = speaker_person(speaker) {
        let name = analysis.people.persons[p].name.clone();
        return (SourceKey::Person(p), SourceKind::Person, name);
    }
    // `A resident, who asked not to be named, said`: the speaker is named by
    // `who`, and is the description before it.
    let personal =
        (speaker.pronoun.as_deref()).is_some_and(|p| analysis.lexicon.pronoun(p).is_some());
    let written = match speaker.pronoun.is_some() && !personal {
        true => speaker.name.as_str(),
        false => &analysis.document.prose[speaker.range.clone()],
    };
    let kind = match speaker.kind {
        _ if personal => SourceKind::Anonymous,
        SpeakerKind::Organisation => SourceKind::Organisation,
        SpeakerKind::Person => SourceKind::Person,
        SpeakerKind::Role if !is_anonymous(analysis, written) => SourceKind::Role,
        SpeakerKind::Role => SourceKind::Anonymous,
    };
    let name = match kind {
        SourceKind::Person => speaker.name.clone(),
        _ => written.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    (SourceKey::Described(kind, role_key(&name)), kind, name)
}

/// A description that names nobody and gives no job: `one woman`, `a
/// source close to the minister`, `one resident`.
fn is_anonymous(analysis: &Analysis, description: &str) -> bool {
    head_noun(description).is_some_and(|head| {
        analysis.lexicon.is_person_noun(&head) || ANONYMOUS_NOUNS.contains(head.as_str())
    })
}

/// Nouns for someone the story neither names nor gives a job
/// (`anonymous_nouns.txt`), beside the lexicon's nouns for people.
static ANONYMOUS_NOUNS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        (include_str!("anonymous_nouns.txt").lines())
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    });

/// The noun a description is about, lowercase: `spokeswoman` in `a
/// spokeswoman for the council`, `wife` in `his wife`.
pub(crate) fn head_noun(description: &str) -> Option<String> {
    const AFTER_HEAD: &[&str] = &[
        "of", "for", "at", "in", "with", "from", "to", "on", "who", "whose", "which", "that",
        "close", "familiar", "said", "says",
    ];
    let mut head = None;
    for word in description.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let word = super::names::strip_possessive(word);
        if word.is_empty() {
            continue;
        }
        if AFTER_HEAD.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            break;
        }
        head = Some(word);
    }
    head.map(str::to_lowercase)
}

/// The words inside a quotation's marks: what a share of voice counts.
fn quoted_words(prose: &str, segments: &[Range<usize>]) -> usize {
    segments
        .iter()
        .filter_map(|s| prose.get(s.clone()))
        .flat_map(str::split_whitespace)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// What a source's quotes say of their gender: the pronouns and
/// descriptions that name them.
#[derive(Debug, Default)]
pub(super) struct Heard {
    /// `he said`, `she added`, with the pronoun's bytes.
    pronouns: Vec<(Gender, Range<usize>)>,
    /// `a spokeswoman said`: the description, and the bytes that name the
    /// speaker (`who` in `a spokeswoman, who said`).
    descriptions: Vec<(String, Range<usize>)>,
}

impl Heard {
    fn note(&mut self, analysis: &Analysis, speaker: &Speaker) {
        let lex = &analysis.lexicon;
        if let Some(gender) = speaker.pronoun.as_deref().and_then(|p| lex.pronoun(p)) {
            if gender.is_binary() && !self.pronouns.iter().any(|(_, r)| *r == speaker.range) {
                self.pronouns.push((gender, speaker.range.clone()));
            }
        } else if speaker.kind == SpeakerKind::Role
            && !self.descriptions.iter().any(|(_, r)| *r == speaker.range)
        {
            // Named by `who`, the speaker's name is the description before
            // it; otherwise the words that name them are.
            let text = match speaker.pronoun {
                Some(_) => speaker.name.clone(),
                None => analysis.document.prose[speaker.range.clone()].to_owned(),
            };
            self.descriptions.push((text, speaker.range.clone()));
        }
    }
}

#[cfg(test)]
mod tests;
