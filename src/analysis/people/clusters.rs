//! Making people of names: full names introduce people, and titled names,
//! surnames and given names are joined to the person they refer to.
//!
//! Passes, each over all names in text order:
//! 1. full names (`Ben Wallace`, `Foreign Secretary Liz Truss`) introduce
//!    people; two full names share a person only with the same given name,
//!    so `Ed Miliband` and `David Miliband` stay apart;
//! 2. a title and one name (`Mr Wallace`, `Sir Keir`) joins the namesake
//!    introduced most recently before it, else the first one;
//! 3. a lone surname or given name does the same.
//!
//! A name that matches no one but is one or two letters from a surname in
//! the story (`Shoygu` beside `Sergei Shoigu`) joins that person and is
//! marked as a likely misspelling.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::gender::Gender;
use super::super::lexicon::{Lexicon, TitleKind};
use super::super::register::role_key;
use super::candidates::Candidate;
use super::person::{Mention, MentionForm, People, Person, Role};

struct Builder<'a> {
    lex: &'a Lexicon,
    people: People,
    /// Surname -> persons with that surname, in order of introduction.
    by_surname: FxHashMap<String, Vec<usize>>,
    /// The same surnames with curly apostrophes made straight, by first
    /// letter and length in characters: a misspelling is looked for only
    /// among surnames it could be one edit or two away from, not the whole
    /// cast (a book chapter names a thousand people).
    surnames_by_shape: FxHashMap<(char, usize), Vec<(String, String)>>,
    /// Every straightened surname, for the `Bakers`/`Belmarsh` test.
    plain_surnames: FxHashMap<String, Vec<String>>,
    /// Where each person was introduced (byte offset of their first name).
    introduced: Vec<usize>,
    /// Where each person is named in full, in text order.
    named_in_full: Vec<Vec<usize>>,
}

impl Builder<'_> {
    fn add_person(&mut self, surname: &str, at: usize) -> usize {
        self.people.persons.push(Person {
            name: String::new(),
            surname: surname.to_owned(),
            given: None,
            gender: Gender::Unknown,
            mentions: Vec::new(),
            roles: Vec::new(),
            register_roles: Vec::new(),
        });
        let p = self.people.persons.len() - 1;
        let ids = self.by_surname.entry(surname.to_owned()).or_default();
        if ids.is_empty() {
            let plain = straight_apostrophes(surname);
            if let Some(first) = surname.chars().next() {
                self.surnames_by_shape
                    .entry((first, plain.chars().count()))
                    .or_default()
                    .push((plain.clone(), surname.to_owned()));
            }
            self.plain_surnames
                .entry(plain)
                .or_default()
                .push(surname.to_owned());
        }
        ids.push(p);
        self.introduced.push(at);
        self.named_in_full.push(Vec::new());
        p
    }

    /// The namesake named in full most recently before `at` (`Bill Clinton’s
    /// presidency … Hillary Clinton … Clinton` is Hillary), else the first
    /// introduced, preferring one whose gender fits.
    fn namesake(&self, surname: &str, at: usize, gender: Gender) -> Option<usize> {
        let ids = self.by_surname.get(surname)?;
        let fitting: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&p| self.people.persons[p].gender.compatible(gender))
            .collect();
        let pool = if fitting.is_empty() {
            ids.clone()
        } else {
            fitting
        };
        let last_named = |p: usize| {
            let full = &self.named_in_full[p];
            let i = full.partition_point(|&f| f <= at);
            if i > 0 {
                full[i - 1]
            } else {
                self.introduced[p]
            }
        };
        pool.iter()
            .copied()
            .filter(|&p| self.introduced[p] <= at)
            .max_by_key(|&p| last_named(p))
            .or_else(|| pool.first().copied())
    }

    /// A person with a full name whose surname `word` is probably a
    /// misspelling of: same first letter, one letter off (two for long
    /// names). A word that adds letters at the end of a surname is another
    /// word, not a slip (`the Bakers`, `Belmarsh` beside `Belmar`), and so is
    /// one that drops more than a last letter, or a last `s`. Straight
    /// and curly apostrophes count as one letter (`O'Neil` for `O’Neill` is
    /// one slip; the rule does not report `O'Neill` for `O’Neill`).
    fn near_miss(&self, word: &str) -> Option<usize> {
        let lex = self.lex;
        let len = word.chars().count();
        if len < 5 || lex.given_name(word).is_some() || lex.is_not_name(word) {
            return None;
        }
        let allowed = if len >= 8 { 2 } else { 1 };
        let first = word.chars().next()?;
        let word_plain = straight_apostrophes(word);
        // `the Bakers`, `Baker's`, `Belmarsh` beside `Belmar`: a plural, a
        // possessive or another word, not a misspelling of anyone (nor is
        // `O'Neill` of `O’Neill`).
        let extends_a_surname = word_plain
            .char_indices()
            .skip(1)
            .map(|(i, _)| &word_plain[..i])
            .any(|prefix| self.plain_surnames.contains_key(prefix));
        let same_but_apostrophe = self
            .plain_surnames
            .get(word_plain.as_str())
            .is_some_and(|forms| forms.iter().any(|s| s != word));
        if extends_a_surname || same_but_apostrophe {
            return None;
        }
        let mut found = None;
        for shape_len in len - allowed..=len + allowed {
            let Some(surnames) = self.surnames_by_shape.get(&(first, shape_len)) else {
                continue;
            };
            for (surname_plain, surname) in surnames {
                if surname == word {
                    continue;
                }
                // `Wetheral` for `Wetherall` is a slip, but `Island` beside
                // `Islands` is the singular
                if let Some(rest) = surname_plain.strip_prefix(&word_plain) {
                    if rest.chars().count() != 1 || rest == "s" {
                        continue;
                    }
                }
                if strsim::osa_distance(surname_plain, &word_plain) > allowed {
                    continue;
                }
                let with_full_name = self.by_surname[surname]
                    .iter()
                    .copied()
                    .find(|&p| self.people.persons[p].given.is_some());
                if let Some(p) = with_full_name {
                    if found.is_some() {
                        return None; // two candidates: no guess
                    }
                    found = Some(p);
                }
            }
        }
        found
    }
}

/// `O’Neill` as `O'Neill`: the two apostrophes are one letter to a reader.
fn straight_apostrophes(word: &str) -> String {
    word.replace('’', "'")
}

/// Assigns every candidate to a person (or none) and builds the people.
pub(super) fn build(candidates: Vec<Candidate>, prose: &str, lex: &Lexicon) -> People {
    let mut b = Builder {
        lex,
        people: People::default(),
        by_surname: FxHashMap::default(),
        surnames_by_shape: FxHashMap::default(),
        plain_surnames: FxHashMap::default(),
        introduced: Vec::new(),
        named_in_full: Vec::new(),
    };
    // For each candidate: person, form, and whether it is a likely misspelling.
    let mut assigned: Vec<Option<(usize, MentionForm, bool)>> = vec![None; candidates.len()];

    // Surnames the story gives a courtesy title (`Mr Begg`): a two- or
    // three-word name ending in one of them is a person's full name even when
    // we do not know the given name (`Moazzam Begg`).
    let titled_surnames: FxHashSet<&str> = candidates
        .iter()
        .filter(|c| c.words.len() == 1 && c.span.title.is_some())
        .map(|c| c.words[0].as_str())
        .collect();

    // Pass 1: full names introduce people.
    for (ci, c) in candidates.iter().enumerate() {
        let Some(surname) = c.words.last() else {
            continue;
        };
        let given_gender = c.words.first().and_then(|g| lex.given_name(g));
        let titled = c.span.title.is_some();
        // A given name we do not list is still a person's when a title, a
        // middle initial (`Loretta E. Lynch`) or a verb of speech (`Dainis
        // Ivans said`) vouches for it.
        let middle_initial = c.words.len() >= 3
            && c.words[1..c.words.len() - 1]
                .iter()
                .any(|w| w.chars().count() == 1 || w.ends_with('.'));
        // Also vouched for: a role given with it (`Rhona Brankin, the deputy
        // health minister`), or a surname titled elsewhere (`Mr Begg`).
        let vouched =
            c.role.is_some() || (c.words.len() <= 3 && titled_surnames.contains(surname.as_str()));
        // Not an organisation (`UK Independence Party`, `Dimension Data Group`).
        let organisation_like = c
            .words
            .iter()
            .any(|w| lex.is_organisation_noun(&w.to_lowercase()))
            || c.words[0].chars().all(|ch| ch.is_uppercase());
        let full = c.words.len() >= 2
            && c.words.len() <= 4
            && (given_gender.is_some() || titled || middle_initial || c.speaks || vouched)
            && !lex.is_not_name(&c.words[0])
            && (given_gender.is_some() || titled || !organisation_like);
        if !full {
            continue;
        }
        // `Xi Jinping`, `Ban Ki-moon`: family name first when the last word
        // is the known given name and the first is not.
        let (given, surname) = match (given_gender, c.words.last().and_then(|w| lex.given_name(w)))
        {
            (None, Some(_)) if c.words.len() == 2 => (c.words[1].clone(), &c.words[0]),
            _ => (c.words[0].clone(), surname),
        };
        let given_gender = given_gender.or_else(|| lex.given_name(&given));
        let gender = if c.span.title_gender != Gender::Unknown {
            c.span.title_gender
        } else {
            given_gender.unwrap_or(Gender::Unknown)
        };
        let same = b.by_surname.get(surname).and_then(|ids| {
            ids.iter().rev().copied().find(|&p| {
                let person = &b.people.persons[p];
                match &person.given {
                    Some(g) => *g == given,
                    None => person.gender.compatible(gender),
                }
            })
        });
        let pid = same.unwrap_or_else(|| b.add_person(surname, c.range.start));
        if !c.display {
            b.named_in_full[pid].push(c.range.start);
        }
        let person = &mut b.people.persons[pid];
        if person.gender == Gender::Unknown {
            person.gender = gender;
        }
        if person.given.is_none() {
            person.given = Some(given);
        }
        let form = match &c.title_range {
            Some(t) if !lex.is_courtesy_title(prose[t.clone()].trim_end_matches('.')) => {
                MentionForm::Role
            }
            _ => MentionForm::Full,
        };
        assigned[ci] = Some((pid, form, false));
    }

    // How often each surname is titled with each gender: `Mr. Obama` written
    // again and again beside a `Michelle Obama` is another person, not a
    // slip of the title.
    let mut titled_gender_counts: FxHashMap<(&str, Gender), usize> = FxHashMap::default();
    for c in &candidates {
        if c.words.len() == 1 && c.span.title.is_some() && c.span.title_gender != Gender::Unknown {
            *titled_gender_counts
                .entry((c.words[0].as_str(), c.span.title_gender))
                .or_default() += 1;
        }
    }

    // Persons by given name, indexed once for passes 2 and 3: neither adds
    // anybody with a given name, and scanning the cast for every name was
    // quadratic in a long draft.
    let mut by_given: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, person) in b.people.persons.iter().enumerate() {
        if let Some(given) = &person.given {
            by_given.entry(given.clone()).or_default().push(i);
        }
    }

    // Pass 2: a title and one name.
    for (ci, c) in candidates.iter().enumerate() {
        if assigned[ci].is_some() || c.words.len() != 1 || c.span.title.is_none() {
            continue;
        }
        let word = &c.words[0];
        // `Lord Chancellor`, `Mr Speaker`: an office, not a person's name.
        if lex.is_role_noun(&word.to_lowercase()) {
            continue;
        }
        let title = c
            .title_range
            .as_ref()
            .map(|t| prose[t.clone()].trim_end_matches('.'))
            .unwrap_or_default();
        let form = if lex.is_courtesy_title(title) {
            MentionForm::Title
        } else {
            MentionForm::Role
        };
        let given_name_holder = || {
            // Knights and dames go by their given name: `Sir Keir`.
            lex.is_title_of_kind(title, TitleKind::Knight).then(|| {
                by_given
                    .get(word.as_str())
                    .and_then(|ids| ids.first().copied())
            })?
        };
        let namesake = b
            .namesake(word, c.range.start, c.span.title_gender)
            .filter(|&p| {
                let conflicts = !b.people.persons[p].gender.compatible(c.span.title_gender);
                let repeated = titled_gender_counts
                    .get(&(word.as_str(), c.span.title_gender))
                    .is_some_and(|&n| n >= 2);
                !(conflicts && repeated)
            });
        let (pid, misspelt) = match namesake.or_else(given_name_holder) {
            Some(p) => {
                // `Dana Whitcombe … Ms Whitcombe`: the title tells what an
                // unlisted given name did not.
                let person = &mut b.people.persons[p];
                if person.gender == Gender::Unknown {
                    person.gender = c.span.title_gender;
                }
                (p, false)
            }
            None => match b.near_miss(word) {
                Some(p) => (p, true),
                None => {
                    let p = b.add_person(word, c.range.start);
                    b.people.persons[p].gender = c.span.title_gender;
                    (p, false)
                }
            },
        };
        assigned[ci] = Some((pid, form, misspelt));
    }

    // Pass 3: a lone surname or given name.
    for (ci, c) in candidates.iter().enumerate() {
        if assigned[ci].is_some() || c.words.len() != 1 {
            continue;
        }
        let word = &c.words[0];
        if let Some(p) = b.namesake(word, c.range.start, Gender::Unknown) {
            assigned[ci] = Some((p, MentionForm::Surname, false));
            continue;
        }
        let given = by_given.get(word.as_str()).map_or(&[][..], Vec::as_slice);
        if given.len() == 1 {
            assigned[ci] = Some((given[0], MentionForm::Given, false));
        } else if given.is_empty() {
            if let Some(p) = b.near_miss(word) {
                assigned[ci] = Some((p, MentionForm::Surname, true));
            } else if let Some(gender) = lex.given_name(word) {
                // `Kevin was snoring`: someone known only by a given name.
                let p = b.add_person(word, c.range.start);
                b.people.persons[p].name = word.clone();
                b.people.persons[p].gender = gender;
                assigned[ci] = Some((p, MentionForm::Given, false));
            }
        }
    }

    let mut people = b.people;
    let candidates_votes: Vec<(u32, u32)> = candidates.iter().map(|c| c.pronoun_votes).collect();
    for (ci, c) in candidates.into_iter().enumerate() {
        let Some((pid, form, misspelt)) = assigned[ci] else {
            continue;
        };
        if let Some((text, range)) = &c.role {
            let person = &mut people.persons[pid];
            let key = role_key(text);
            if !person.roles.iter().any(|r| role_key(&r.text) == key) {
                person.roles.push(Role {
                    text: text.clone(),
                    range: range.clone(),
                });
            }
        }
        people.persons[pid].mentions.push(people.mentions.len());
        people.mentions.push(Mention {
            range: c.range,
            name_range: c.name_range,
            title_range: c.title_range,
            form,
            paragraph: c.paragraph,
            person: pid,
            subject: c.subject,
            display: c.display,
            attributive: c.attributive,
            misspelt,
            title_gender: c.span.title_gender,
        });
    }
    // Gender from the pronouns that point back at a person the name and
    // title left open (`Pat`, `Suu Kyi`): only when they all agree.
    let mut votes = vec![(0u32, 0u32); people.persons.len()];
    for (ci, c) in candidates_votes.iter().enumerate() {
        if let Some((pid, _, _)) = assigned[ci] {
            votes[pid].0 += c.0;
            votes[pid].1 += c.1;
        }
    }
    for (person, (male, female)) in people.persons.iter_mut().zip(votes) {
        if person.gender == Gender::Unknown {
            person.gender = match (male, female) {
                (m, 0) if m > 0 => Gender::Male,
                (0, f) if f > 0 => Gender::Female,
                _ => Gender::Unknown,
            };
        }
    }
    for person in &mut people.persons {
        if person.given.is_some() {
            if let Some(full) = fullest_name(&people.mentions, &person.mentions, prose) {
                person.name = full;
            }
        }
        if person.name.is_empty() {
            person.name = person
                .mentions
                .first()
                .map(|&m| prose[people.mentions[m].range.clone()].to_owned())
                .unwrap_or_else(|| person.surname.clone());
        }
    }
    people
}

/// The longest full-form name among a person's mentions (spelt right).
fn fullest_name(mentions: &[Mention], ids: &[usize], prose: &str) -> Option<String> {
    ids.iter()
        .map(|&m| &mentions[m])
        .filter(|m| matches!(m.form, MentionForm::Full | MentionForm::Role) && !m.misspelt)
        .map(|m| prose[m.name_range.clone()].to_owned())
        .filter(|n| n.split_whitespace().count() >= 2)
        .max_by_key(|n| n.split_whitespace().count())
}
