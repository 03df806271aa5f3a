//! A person in the story and their mentions ([`Person`], [`Mention`]), all
//! of them together ([`People`]), and the questions the later passes ask of
//! them: who holds a role, who a name or a pronoun refers to.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::super::document::ParagraphKind;
use super::super::gender::Gender;
use super::super::names::strip_possessive;
use super::super::register::{role_key, RegisteredPerson};
use super::super::tokens::Tokens;

/// How a mention refers to its person (the JSON `form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionForm {
    /// Given name and surname: `Ben Wallace`.
    Full,
    /// Courtesy title and surname: `Mr Wallace` (or `Sir Keir`).
    Title,
    /// Surname alone: `Wallace`.
    Surname,
    /// Given name alone: `Hillary`.
    Given,
    /// Office and name: `Foreign Secretary Liz Truss`, `President Obama`.
    Role,
}

impl MentionForm {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionForm::Full => "full",
            MentionForm::Title => "title",
            MentionForm::Surname => "surname",
            MentionForm::Given => "given",
            MentionForm::Role => "role",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Bytes of the whole mention, title included (possessive `’s` excluded).
    pub range: Range<usize>,
    /// Bytes of the name without its title.
    pub name_range: Range<usize>,
    /// Bytes of the title or office, if any.
    pub title_range: Option<Range<usize>>,
    pub form: MentionForm,
    pub paragraph: usize,
    pub person: usize,
    /// The first name in its sentence, the likely subject; pronouns that open
    /// a later sentence usually refer back to a subject.
    pub subject: bool,
    /// In a headline or crosshead.
    pub display: bool,
    /// Used as a modifier (`the Clinton campaign`), not as a reference.
    pub attributive: bool,
    /// Probably a misspelling of the person's surname (`Shoygu`).
    pub misspelt: bool,
    /// The gender the mention's own title implies (`Mr` → male).
    pub title_gender: Gender,
}

/// A role the story gives a person, and the words that give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// As written: `Foreign Secretary`, `Russian counterpart`.
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The fullest form of the name in the story (`Ben Wallace`).
    pub name: String,
    pub surname: String,
    pub given: Option<String>,
    /// The gender the names, titles and pronouns imply, for resolving
    /// pronouns; [`crate::analysis::balance`] says how sure it is.
    pub gender: Gender,
    /// The `he`/`she` the people pass saw point back at this person
    /// (`Ms Kyi said she…`), with their bytes, in text order.
    pub pronouns: Vec<(Gender, Range<usize>)>,
    /// The pronoun the people register gives this person (`he`, `she`,
    /// `they`), when it names them.
    pub register_pronoun: Option<&'static str>,
    /// Indexes into `People::mentions`, in text order.
    pub mentions: Vec<usize>,
    pub roles: Vec<Role>,
    /// Roles the people register (`copydesk.toml`) gives this person, as
    /// written there; they link role speakers (`the defence secretary
    /// said`) to the person like the story's own roles do.
    pub register_roles: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// All mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Role → its holder (`None` when two people share it), from the story's
    /// roles and then the register's: built on first use, after the people
    /// and the register are final, so a story with many role speakers does
    /// not rescan every person for each.
    role_holders: std::sync::OnceLock<[FxHashMap<String, Option<usize>>; 2]>,
}

/// Paragraph tokens as the people pass reads them.
pub struct ParagraphInput<'a> {
    pub index: usize,
    pub kind: ParagraphKind,
    pub tokens: Tokens<'a>,
}

impl People {
    /// The person the story gives this role to, by its words (`the defence
    /// secretary` and `Defence Secretary Ben Wallace`); none when two people
    /// share it. When the story gives the role to nobody, the people
    /// register's roles are consulted the same way.
    pub fn person_with_role(&self, role: &str) -> Option<usize> {
        let [story, register] = self.role_holders.get_or_init(|| {
            let index = |roles_of: &dyn Fn(&Person) -> Vec<String>| {
                let mut map: FxHashMap<String, Option<usize>> = FxHashMap::default();
                for (i, p) in self.persons.iter().enumerate() {
                    let mut keys = roles_of(p);
                    keys.sort();
                    keys.dedup();
                    for key in keys {
                        map.entry(key)
                            .and_modify(|holder| *holder = None)
                            .or_insert(Some(i));
                    }
                }
                map
            };
            [
                index(&|p| p.roles.iter().map(|r| role_key(&r.text)).collect()),
                index(&|p| p.register_roles.iter().map(|r| role_key(r)).collect()),
            ]
        });
        let key = role_key(role);
        match story.get(&key) {
            Some(holder) => *holder,
            None => register.get(&key).copied().flatten(),
        }
    }

    /// Applies the people register: each registered person the story
    /// mentions takes the register's roles, and its pronoun's gender when the
    /// register gives one. A story person is the registered one when the full
    /// names match, or the surnames match and the story gives no other given
    /// name.
    pub fn apply_register(&mut self, register: &[RegisteredPerson]) {
        self.role_holders = std::sync::OnceLock::new();
        for entry in register {
            let words: Vec<&str> = entry.name.split_whitespace().collect();
            let Some((&surname, given)) = words.split_last() else {
                continue;
            };
            let given = given.first().copied();
            let full = words.join(" ");
            let exact = self.persons.iter().position(|p| p.name == full);
            let matches: Vec<usize> = match exact {
                Some(i) => vec![i],
                None => self
                    .persons
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        p.surname == surname && (p.given.is_none() || p.given.as_deref() == given)
                    })
                    .map(|(i, _)| i)
                    .collect(),
            };
            // Two story people could be the registered one: link neither.
            let [i] = matches[..] else {
                continue;
            };
            let person = &mut self.persons[i];
            if let Some(gender) = entry.gender {
                person.gender = gender;
                person.register_pronoun = Some(gender.pronoun());
            }
            for role in &entry.roles {
                if !person.register_roles.contains(role) {
                    person.register_roles.push(role.clone());
                }
            }
        }
    }

    /// The first person introduced with a full name after byte `at`.
    pub fn next_introduced_after(&self, at: usize) -> Option<usize> {
        let from = self.mentions.partition_point(|m| m.range.start < at);
        self.mentions[from..]
            .iter()
            .find(|m| matches!(m.form, MentionForm::Full | MentionForm::Role) && !m.display)
            .map(|m| m.person)
    }

    /// The person a name phrase (bytes) refers to, by its last word.
    pub fn person_named(&self, name: &str, at: usize) -> Option<usize> {
        // The mention at that very place, when the people pass found one.
        let i = self.mentions.partition_point(|m| m.range.end <= at);
        if let Some(m) = self.mentions.get(i) {
            if m.range.start < at + name.len() {
                return Some(m.person);
            }
        }
        let surname = strip_possessive(name.split_whitespace().last()?);
        let mut best = None;
        for (i, p) in self.persons.iter().enumerate() {
            if p.surname == surname {
                // the most recently introduced before `at`
                let first = p.mentions.first().map(|&m| self.mentions[m].range.start);
                if best.is_none() || first.is_some_and(|f| f <= at) {
                    best = Some(i);
                }
            }
        }
        best
    }

    /// The person a `he`/`she` at byte `at` most likely refers to.
    /// `sentence_start` is the byte where the pronoun's sentence begins.
    ///
    /// Inside a sentence (`Mr Lavrov said he was…`) the nearest compatible
    /// person before it wins. A pronoun that opens its sentence refers back
    /// to a subject: the nearest compatible person named first in their
    /// sentence, within the last few paragraphs; failing that, the nearest.
    pub fn resolve_pronoun(
        &self,
        at: usize,
        sentence_start: usize,
        gender: Gender,
    ) -> Option<usize> {
        let before = self.mentions.partition_point(|m| m.range.start < at);
        // Headline words are not antecedents (`Retired General Reveals…`).
        let compatible =
            |m: &&Mention| !m.display && self.persons[m.person].gender.compatible(gender);
        let mut earlier = self.mentions[..before].iter().rev();
        // In the same sentence, a subject (`Mr Lavrov said he…`), never the
        // object of a preposition or a possessive (`Asked if Mr Blunkett…,
        // he replied`, `Mr Blair's government, he added`).
        if let Some(m) = earlier
            .clone()
            .take_while(|m| m.range.start >= sentence_start)
            .find(|m| compatible(m) && m.subject)
        {
            return Some(m.person);
        }
        let nearest = earlier.clone().find(compatible)?;
        let paragraph = nearest.paragraph;
        let subject = earlier
            .find(|m| compatible(m) && m.subject && m.paragraph + 3 >= paragraph)
            .unwrap_or(nearest);
        Some(subject.person)
    }
}
