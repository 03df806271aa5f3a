//! Who gets a voice: the story's sources — each distinct speaker with at
//! least one quote in the body — what kind each is, their gender with the
//! evidence for it ([`evidence`]), and their share of the quoted words.
//!
//! A pure function of an [`Analysis`]: `copydesk sources`, the editor's
//! code lens and hover, and the `source-balance` rule all count with it, and
//! [`Tally`] adds stories up into a desk's totals.

mod evidence;
mod heard;
mod kind;
mod source;
mod tally;
mod words;

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::model::Analysis;
use super::quote::{Speaker, SpeakerKind};
use super::register::role_key;

pub use evidence::{Evidence, EvidenceKind, GenderCall, GenderPolicy};
pub use kind::SourceKind;
pub use source::{Balance, Source};
pub use tally::{share, Tally};

use heard::Heard;
use words::{head_noun, is_anonymous};

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
                person: speaker_person(analysis, speaker),
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
        source.gender = evidence::decide(analysis, source.kind, source.person, heard, policy);
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
/// someone (`the defence secretary`, then `Ben Wallace`) is that person,
/// unless its noun says otherwise (`the chairwoman said`, then `Peter
/// Grant`).
fn speaker_person(analysis: &Analysis, speaker: &Speaker) -> Option<usize> {
    if speaker.person.is_some() || speaker.kind != SpeakerKind::Role {
        return speaker.person;
    }
    let guess = speaker.guess?;
    let description = analysis.document.prose.get(speaker.range.clone())?;
    let said = head_noun(description).and_then(|h| analysis.lexicon.noun_gender(&h));
    let known = analysis.people.persons[guess].gender;
    match said {
        Some(said) if known.is_binary() && said != known => None,
        _ => Some(guess),
    }
}

/// A speaker's source: its key, kind and name.
fn identify(analysis: &Analysis, speaker: &Speaker) -> (SourceKey, SourceKind, String) {
    if let Some(p) = speaker_person(analysis, speaker) {
        let name = analysis.people.persons[p].name.clone();
        return (SourceKey::Person(p), SourceKind::Person, name);
    }
    // `A resident, who asked not to be named, said`: the speaker is named by
    // `who`, and is the description before it.
    // A pronoun nobody is tied to (`she`, `it`, `they`) is an anonymous
    // source.
    let lex = &analysis.lexicon;
    let as_written = &analysis.document.prose[speaker.range.clone()];
    let personal = lex.pronoun(as_written).is_some()
        || (speaker.pronoun.as_deref()).is_some_and(|p| lex.pronoun(p).is_some());
    let written = match speaker.pronoun.is_some() && !personal {
        true => speaker.name.as_str(),
        false => as_written,
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

/// The words inside a quotation's marks: what a share of voice counts.
fn quoted_words(prose: &str, segments: &[Range<usize>]) -> usize {
    segments
        .iter()
        .filter_map(|s| prose.get(s.clone()))
        .flat_map(str::split_whitespace)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests;
