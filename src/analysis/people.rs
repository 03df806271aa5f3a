//! The people in a story: every mention of a person outside quotations, its
//! form (`Ben Wallace`, `Mr Wallace`, `Wallace`), and the clusters that make
//! one person of them; and pronoun resolution against those mentions.
//!
//! A capitalised run of words is a person when the text gives evidence: a
//! courtesy title or office before it, or a given name from the lexicon as its
//! first word. A lone surname is a mention of a person already introduced
//! with that surname.

use std::collections::HashMap;
use std::ops::Range;

use super::document::ParagraphKind;
use super::lexicon::{lexicon, Gender};
use super::names::{name_at, strip_possessive, NameSpan};
use super::tokens::{Token, TokenKind};

/// Courtesy titles (as opposed to offices such as `President`): a mention
/// with one of these and a surname is in the `title` form.
const COURTESY_TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Baroness",
    "Baron",
    "Rev",
    "Reverend",
];

/// Words after which a name is an object, not a subject.
const PREPOSITIONS: &[&str] = &[
    "about", "with", "of", "by", "to", "for", "from", "in", "on", "at", "against", "between",
    "and", "than", "like", "as", "toward", "towards", "under", "over", "after", "before",
    // subordinating words: `Asked if Mr Blunkett…`, `said that Mr Blair…`
    "if", "whether", "that", "because", "although", "while", "when", "since", "unless", "until",
];

/// How a mention refers to its person (the JSON `form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionForm {
    /// Given name and surname: `Ben Wallace`.
    Full,
    /// Courtesy title and surname: `Mr Wallace`.
    Title,
    /// Surname alone: `Wallace`.
    Surname,
    /// Given name alone: `Hillary`.
    Given,
    /// Office and name: `Foreign Secretary Liz Truss`.
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
    /// Bytes of the whole mention, title included.
    pub range: Range<usize>,
    /// Bytes of the name without its title (and without a possessive `’s`).
    pub name_range: Range<usize>,
    /// Bytes of the title or office, if any.
    pub title_range: Option<Range<usize>>,
    pub form: MentionForm,
    pub paragraph: usize,
    pub person: usize,
    /// The first name in its sentence, the likely subject; pronouns that open
    /// a later sentence usually refer back to a subject.
    pub subject: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The fullest form of the name in the story (`Ben Wallace`).
    pub name: String,
    pub surname: String,
    pub given: Option<String>,
    pub gender: Gender,
    /// Indexes into `People::mentions`, in text order.
    pub mentions: Vec<usize>,
    /// Offices given before the name (`Foreign Secretary`).
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// All mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// A name found in the text before clustering.
struct Candidate {
    span: NameSpan,
    paragraph: usize,
    range: Range<usize>,
    name_range: Range<usize>,
    title_range: Option<Range<usize>>,
    /// Name words, possessive stripped.
    words: Vec<String>,
    /// The first name in its sentence: the likely subject.
    subject: bool,
    /// Followed directly by a verb of speech (`Dainis Ivans said`).
    speaks: bool,
}

/// Paragraph tokens as the people pass reads them.
pub struct ParagraphInput<'a> {
    pub index: usize,
    pub kind: ParagraphKind,
    pub tokens: &'a [Token],
}

impl People {
    pub fn find(paragraphs: &[ParagraphInput], prose: &str) -> People {
        let lex = lexicon();
        let mut candidates = Vec::new();
        for para in paragraphs {
            if para.kind == ParagraphKind::Caption {
                continue;
            }
            let tokens = para.tokens;
            let sentence_starts: Vec<usize> = super::tokens::sentences(tokens, prose)
                .into_iter()
                .map(|r| r.start)
                .collect();
            let mut sentence = usize::MAX;
            let mut i = 0;
            while i < tokens.len() {
                if tokens[i].kind != TokenKind::Word {
                    i += 1;
                    continue;
                }
                let Some(span) = name_at(tokens, i, tokens.len(), prose) else {
                    i += 1;
                    continue;
                };
                let name_tokens = span.name_tokens();
                let words: Vec<String> = tokens[name_tokens.clone()]
                    .iter()
                    .filter(|t| t.is_word())
                    .map(|t| strip_possessive(t.text(prose)).to_owned())
                    .collect();
                let first = tokens[span.tokens.start].start;
                let last_tok = tokens[span.tokens.end - 1];
                let last_end = if span.possessive {
                    last_tok.start + strip_possessive(last_tok.text(prose)).len()
                } else {
                    last_tok.end
                };
                let name_start = tokens[name_tokens.start].start;
                let title_range = span
                    .title
                    .as_ref()
                    .map(|t| tokens[t.start].start..tokens[t.end - 1].end);
                // The subject: the first plain name in the sentence (not a
                // possessive, not the object of a preposition), or any name
                // right before a verb of speech.
                let this_sentence = sentence_starts.partition_point(|&s| s <= i);
                let after_preposition = i > 0
                    && tokens[i - 1].is_word()
                    && PREPOSITIONS.contains(&tokens[i - 1].text(prose).to_lowercase().as_str());
                let plain = !span.possessive && !after_preposition;
                let before_verb = tokens
                    .get(span.tokens.end)
                    .is_some_and(|t| t.is_word() && lex.speech_verb(t.text(prose)).is_some());
                let subject = (plain && this_sentence != sentence) || before_verb;
                if plain {
                    sentence = this_sentence;
                }
                i = span.tokens.end;
                candidates.push(Candidate {
                    range: first..last_end,
                    name_range: name_start..last_end,
                    title_range,
                    paragraph: para.index,
                    span,
                    words,
                    subject,
                    speaks: before_verb,
                });
            }
        }

        let mut people = People::default();
        // Surname -> persons with that surname, in order of introduction.
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        // Where each person was introduced (byte offset of their first name).
        let mut introduced: Vec<usize> = Vec::new();

        // Pass 1: full names and titled names introduce people.
        let mut assigned: Vec<Option<(usize, MentionForm)>> = vec![None; candidates.len()];
        for (ci, c) in candidates.iter().enumerate() {
            let Some(surname) = c.words.last() else {
                continue;
            };
            let given_gender = c.words.first().and_then(|g| lex.given_name(g));
            let titled = c.span.title.is_some();
            // A given name we do not list is still a person's when a middle
            // initial (`Loretta E. Lynch`) or a verb of speech (`Dainis Ivans
            // said`) vouches for it.
            let middle_initial = c.words.len() >= 3
                && c.words[1..c.words.len() - 1]
                    .iter()
                    .any(|w| w.chars().count() == 1 || w.ends_with('.'));
            let full = c.words.len() >= 2
                && c.words.len() <= 4
                && (given_gender.is_some() || titled || middle_initial || c.speaks)
                && !lex.is_not_name(&c.words[0]);
            if !full && !titled {
                continue;
            }
            let given = full.then(|| c.words[0].clone());
            let gender = if c.span.title_gender != Gender::Unknown {
                c.span.title_gender
            } else {
                given_gender.unwrap_or(Gender::Unknown)
            };
            let same = by_surname.get(surname).and_then(|ids| {
                ids.iter().rev().copied().find(|&p| {
                    let person = &people.persons[p];
                    match (&person.given, &given) {
                        (Some(a), Some(b)) => a == b,
                        _ => person.gender.compatible(gender),
                    }
                })
            });
            let pid = match same {
                Some(p) => p,
                None => {
                    people.persons.push(Person {
                        name: String::new(),
                        surname: surname.clone(),
                        given: None,
                        gender: Gender::Unknown,
                        mentions: Vec::new(),
                        roles: Vec::new(),
                    });
                    let p = people.persons.len() - 1;
                    by_surname.entry(surname.clone()).or_default().push(p);
                    introduced.push(c.range.start);
                    p
                }
            };
            let person = &mut people.persons[pid];
            if person.gender == Gender::Unknown {
                person.gender = gender;
            }
            if full && person.given.is_none() {
                person.given = given;
            }
            let title_text = c.title_range.as_ref().map(|r| &prose[r.clone()]);
            let courtesy =
                title_text.is_some_and(|t| COURTESY_TITLES.contains(&t.trim_end_matches('.')));
            let form = match (full, title_text) {
                (_, Some(_)) if !courtesy => MentionForm::Role,
                (true, _) => MentionForm::Full,
                (false, _) => MentionForm::Title,
            };
            if form == MentionForm::Role {
                let role = title_text.unwrap_or_default().to_owned();
                if !person.roles.contains(&role) {
                    person.roles.push(role);
                }
            }
            assigned[ci] = Some((pid, form));
        }
        // Pass 2: a lone surname or given name belongs to a person introduced
        // with it (the nearest one before it, else the first after).
        for (ci, c) in candidates.iter().enumerate() {
            if assigned[ci].is_some() || c.words.len() != 1 {
                continue;
            }
            let word = &c.words[0];
            if let Some(ids) = by_surname.get(word) {
                // The namesake introduced most recently before this mention
                // (`Michael Howard` … `Mr Howard` … `John Howard`), else the first.
                let at = c.range.start;
                let person = ids
                    .iter()
                    .copied()
                    .filter(|&p| introduced[p] <= at)
                    .max_by_key(|&p| introduced[p])
                    .unwrap_or(ids[0]);
                assigned[ci] = Some((person, MentionForm::Surname));
                continue;
            }
            let given: Vec<usize> = people
                .persons
                .iter()
                .enumerate()
                .filter(|(_, p)| p.given.as_deref() == Some(word.as_str()))
                .map(|(i, _)| i)
                .collect();
            if given.len() == 1 {
                assigned[ci] = Some((given[0], MentionForm::Given));
            } else if given.is_empty() {
                // `Kevin was snoring`: someone known only by a given name.
                if let Some(gender) = lex.given_name(word) {
                    people.persons.push(Person {
                        name: word.clone(),
                        surname: word.clone(),
                        given: None,
                        gender,
                        mentions: Vec::new(),
                        roles: Vec::new(),
                    });
                    let p = people.persons.len() - 1;
                    by_surname.entry(word.clone()).or_default().push(p);
                    introduced.push(c.range.start);
                    assigned[ci] = Some((p, MentionForm::Given));
                }
            }
        }
        for (ci, c) in candidates.into_iter().enumerate() {
            let Some((pid, form)) = assigned[ci] else {
                continue;
            };
            people.persons[pid].mentions.push(people.mentions.len());
            people.mentions.push(Mention {
                range: c.range,
                name_range: c.name_range,
                title_range: c.title_range,
                form,
                paragraph: c.paragraph,
                person: pid,
                subject: c.subject,
            });
        }
        for person in &mut people.persons {
            person.name = match &person.given {
                Some(_) => people_full_name(&people.mentions, &person.mentions, prose)
                    .unwrap_or_else(|| person.surname.clone()),
                None => people
                    .mentions
                    .get(person.mentions.first().copied().unwrap_or(usize::MAX))
                    .map(|m| prose[m.range.clone()].to_owned())
                    .unwrap_or_else(|| person.surname.clone()),
            };
        }
        people
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
        let compatible = |m: &&Mention| self.persons[m.person].gender.compatible(gender);
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

/// The longest full-form name among a person's mentions.
fn people_full_name(mentions: &[Mention], ids: &[usize], prose: &str) -> Option<String> {
    ids.iter()
        .map(|&m| &mentions[m])
        .filter(|m| matches!(m.form, MentionForm::Full | MentionForm::Role))
        .map(|m| prose[m.name_range.clone()].to_owned())
        .filter(|n| n.split_whitespace().count() >= 2)
        .max_by_key(|n| n.split_whitespace().count())
}
