//! Word lists the analysis consults, loaded once from the data files in
//! `lexicon/` (see the comment at the top of each file for its format).
//!
//! The lists are data, not code, so that a sub-editor can add a speech verb or
//! a courtesy title without touching the rules. They are parsed on first use and
//! shared for the life of the process.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Grammatical gender a title or given name implies, used to resolve `he`/`she`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn from_code(code: &str) -> Gender {
        match code {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// Whether a person of gender `self` can be referred to by a pronoun of
    /// gender `pronoun`.
    pub fn compatible(self, pronoun: Gender) -> bool {
        self == Gender::Unknown || pronoun == Gender::Unknown || self == pronoun
    }
}

/// How a speech verb form behaves in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    /// `saying`, `adding`: the speaker is the subject of the main clause.
    pub gerund: bool,
    /// The base form (`say`), for messages and hovers.
    pub base: &'static str,
}

pub struct Lexicon {
    speech_verbs: HashMap<&'static str, VerbForm>,
    /// Multi-word cues whose speaker follows them (`according to X`).
    pub source_phrases: Vec<Vec<&'static str>>,
    /// Words before a quotation that make it a quoted term (`so-called`).
    pub term_cues: Vec<Vec<&'static str>>,
    /// Courtesy titles and forms of address, keyed by their words.
    honorifics: HashMap<&'static str, Gender>,
    /// The longest honorific, in words.
    pub honorific_max_words: usize,
    given_names: HashMap<&'static str, Gender>,
    role_nouns: HashSet<&'static str>,
    /// The singular half of each role line (`spokeswoman`, not `spokeswomen`).
    singular_roles: HashSet<&'static str>,
    organisation_nouns: HashSet<&'static str>,
    abbreviations: HashSet<&'static str>,
    not_names: HashSet<&'static str>,
    speech_nouns: HashSet<&'static str>,
    role_modifiers: HashSet<&'static str>,
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn words_of(phrase: &'static str) -> Vec<&'static str> {
    phrase.split_whitespace().collect()
}

/// Adds both halves of a `singular|plural` line.
fn add_singular_plural(set: &mut HashSet<&'static str>, line: &'static str) {
    for part in line.split('|') {
        let part = part.trim();
        if !part.is_empty() {
            set.insert(part);
        }
    }
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut speech_verbs = HashMap::new();
        for line in entries(include_str!("lexicon/speech_verbs.txt")) {
            let mut forms = line.split_whitespace();
            let Some(base) = forms.next() else { continue };
            for form in std::iter::once(base).chain(forms) {
                speech_verbs.insert(
                    form,
                    VerbForm {
                        gerund: form.ends_with("ing"),
                        base,
                    },
                );
            }
        }
        let mut honorifics = HashMap::new();
        let mut honorific_max_words = 1;
        for line in entries(include_str!("lexicon/honorifics.txt")) {
            let (title, gender) = line.rsplit_once(' ').unwrap_or((line, "-"));
            let title = title.trim();
            honorific_max_words = honorific_max_words.max(title.split(' ').count());
            honorifics.insert(title, Gender::from_code(gender.trim()));
        }
        let mut given_names = HashMap::new();
        for line in entries(include_str!("lexicon/given_names.txt")) {
            let (name, gender) = line.rsplit_once(' ').unwrap_or((line, "u"));
            given_names.insert(name.trim(), Gender::from_code(gender.trim()));
        }
        let mut role_nouns = HashSet::new();
        let mut singular_roles = HashSet::new();
        for line in entries(include_str!("lexicon/role_nouns.txt")) {
            add_singular_plural(&mut role_nouns, line);
            if let Some(singular) = line.split('|').next() {
                singular_roles.insert(singular.trim());
            }
        }
        let mut organisation_nouns = HashSet::new();
        for line in entries(include_str!("lexicon/organisation_nouns.txt")) {
            add_singular_plural(&mut organisation_nouns, line);
        }
        Lexicon {
            speech_verbs,
            source_phrases: entries(include_str!("lexicon/source_phrases.txt"))
                .map(words_of)
                .collect(),
            term_cues: entries(include_str!("lexicon/term_cues.txt"))
                .map(words_of)
                .collect(),
            honorifics,
            honorific_max_words,
            given_names,
            role_nouns,
            singular_roles,
            organisation_nouns,
            abbreviations: entries(include_str!("lexicon/abbreviations.txt")).collect(),
            not_names: entries(include_str!("lexicon/not_names.txt")).collect(),
            speech_nouns: entries(include_str!("lexicon/speech_nouns.txt")).collect(),
            role_modifiers: entries(include_str!("lexicon/role_modifiers.txt")).collect(),
        }
    }

    /// The speech verb form of a lowercase word, if it is one.
    pub fn speech_verb(&self, lower: &str) -> Option<VerbForm> {
        self.speech_verbs.get(lower).copied()
    }

    /// The gender a courtesy title implies; `title` as written, without a
    /// trailing period.
    pub fn honorific(&self, title: &str) -> Option<Gender> {
        self.honorifics.get(title).copied()
    }

    pub fn given_name(&self, name: &str) -> Option<Gender> {
        self.given_names.get(name).copied()
    }

    pub fn is_role_noun(&self, lower: &str) -> bool {
        self.role_nouns.contains(lower)
    }

    /// Lowercase words that can modify a role before a name (`former`).
    pub fn is_role_modifier(&self, lower: &str) -> bool {
        self.role_modifiers.contains(lower)
    }

    /// A role that describes one person (`leader`, not `leaders`).
    pub fn is_singular_role(&self, lower: &str) -> bool {
        self.singular_roles.contains(lower)
    }

    pub fn is_organisation_noun(&self, lower: &str) -> bool {
        self.organisation_nouns.contains(lower)
    }

    /// Whether `word` (as written, without its period) is an abbreviation
    /// that does not end a sentence.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }

    /// Nouns for something said (`description`, `warning`), which attribute a
    /// quote to their owner: `Ms Lane's description of him as “…”`.
    pub fn is_speech_noun(&self, lower: &str) -> bool {
        self.speech_nouns.contains(lower)
    }

    /// Capitalised words that never name a person (`However`, `Monday`).
    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_names.contains(word)
    }
}

/// The process-wide lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}
