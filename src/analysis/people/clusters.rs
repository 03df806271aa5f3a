//! Making people of names: full names introduce people, and titled names,
//! surnames and given names are joined to the person they refer to.
//!
//! [`build`] runs the passes of a [`ClusterBuilder`], each over all names in
//! text order:
//! 1. [`ClusterBuilder::introduce_full_names`]: full names (`Ben Wallace`,
//!    `Foreign Secretary Liz Truss`) introduce people; two full names share
//!    a person only with the same given name, so `Ed Miliband` and `David
//!    Miliband` stay apart;
//! 2. [`ClusterBuilder::join_titled_names`]: a title and one name (`Mr
//!    Wallace`, `Sir Keir`) joins the namesake introduced most recently
//!    before it, else the first one;
//! 3. [`ClusterBuilder::join_lone_names`]: a lone surname or given name does
//!    the same.
//!
//! A name that matches no one but is one or two letters from a surname in
//! the story (`Shoygu` beside `Sergei Shoigu`) joins that person and is
//! marked as a likely misspelling ([`Surnames::near_miss`]). Last,
//! [`ClusterBuilder::into_people`] records the mentions and roles, takes
//! gender from pronouns where names and titles left it open, and names
//! each person by their fullest name.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::chars::{count_words_up_to, is_one_char, ToLowercase};
use super::super::gender::Gender;
use super::super::lexicon::{Lexicon, TitleKind};
use super::super::register::role_key;
use super::candidates::Candidate;
use super::person::{Mention, MentionForm, People, Person, Role};
use super::surnames::Surnames;

/// Assigns every candidate to a person (or none) and builds the people.
pub(super) fn build(candidates: Vec<Candidate>, prose: &str, lex: &Lexicon) -> People {
    let mut builder = ClusterBuilder::new(&candidates, prose, lex);
    builder.introduce_full_names();
    builder.index_given_names();
    builder.join_titled_names();
    builder.join_lone_names();
    let assigned = builder.assigned;
    let people = builder.people;
    into_people(people, candidates, &assigned, prose)
}

/// What the whole story says about which capitalised runs are people's
/// full names (see [`ClusterBuilder::full_name_evidence`]).
struct FullNameEvidence<'c> {
    /// Surnames the story gives a courtesy title (`Mr Begg`).
    titled_surnames: FxHashSet<&'c str>,
    /// Surnames that speak alone (`Begg said`) and no other name has.
    speaking_surnames: FxHashSet<&'c str>,
    /// The body's two-word names, first and second word.
    body_pairs: FxHashSet<(&'c str, &'c str)>,
}

impl FullNameEvidence<'_> {
    /// A headline's capitalised run that starts with a name the body gives
    /// and runs on into the title-case words after it (`Claudia Tenney
    /// Beats Establishment`).
    fn headline_run_on(&self, c: &Candidate) -> bool {
        c.display && c.words.len() >= 3 && (self.body_pairs).contains(&(c.words[0], c.words[1]))
    }
}

/// Whom a candidate name was assigned to: the person, the form of the
/// mention, and whether it is a likely misspelling.
type Assignment = Option<(usize, MentionForm, bool)>;

struct ClusterBuilder<'a> {
    lex: &'a Lexicon,
    prose: &'a str,
    candidates: &'a [Candidate<'a>],
    people: People,
    surnames: Surnames,
    /// Persons by given name, indexed once after pass 1 for passes 2 and 3:
    /// neither adds anybody with a given name, and scanning the cast for
    /// every name was quadratic in a long draft.
    by_given: FxHashMap<String, Vec<usize>>,
    /// For each candidate, its assignment so far.
    assigned: Vec<Assignment>,
}

impl<'a> ClusterBuilder<'a> {
    fn new(candidates: &'a [Candidate<'a>], prose: &'a str, lex: &'a Lexicon) -> Self {
        ClusterBuilder {
            lex,
            prose,
            candidates,
            people: People::default(),
            surnames: Surnames::default(),
            by_given: FxHashMap::default(),
            assigned: vec![None; candidates.len()],
        }
    }

    fn add_person(&mut self, surname: &str, at: usize) -> usize {
        self.people.persons.push(Person {
            name: String::new(),
            surname: surname.to_owned(),
            given: None,
            gender: Gender::Unknown,
            pronouns: Vec::new(),
            register_pronoun: None,
            mentions: Vec::new(),
            roles: Vec::new(),
            register_roles: Vec::new(),
        });
        let p = self.people.persons.len() - 1;
        self.surnames.add(p, surname, at);
        p
    }

    /// The title of a candidate as written, without its period.
    fn title_of(&self, c: &Candidate) -> &'a str {
        c.title_range
            .as_ref()
            .map(|t| self.prose[t.clone()].trim_end_matches('.'))
            .unwrap_or_default()
    }

    /// What the whole story says about which capitalised runs are
    /// people's full names, read once before pass 1.
    fn full_name_evidence(&self) -> FullNameEvidence<'a> {
        // Surnames the story gives a courtesy title (`Mr Begg`): a two- or
        // three-word name ending in one of them is a person's full name even
        // when we do not know the given name (`Moazzam Begg`).
        let titled_surnames: FxHashSet<&str> = self
            .candidates
            .iter()
            .filter(|c| c.words.len() == 1 && c.span.title.is_some())
            .map(|c| c.words[0])
            .collect();
        // Surnames that speak alone (`Orme said`, `said Orme`): the story
        // calls someone by that word, so a full name ending in it is theirs
        // (a firm goes by its whole name, not the last word of it) — unless
        // a name the story vouches for otherwise has it (`Can Sanders` at
        // the start of a question is not Bernie Sanders' namesake).
        let held: FxHashSet<&str> = self
            .candidates
            .iter()
            .filter(|c| {
                c.words.len() >= 2
                    && (c.span.title.is_some() || self.lex.given_name(c.words[0]).is_some())
            })
            .filter_map(|c| c.words.last().copied())
            .collect();
        let speaking_surnames: FxHashSet<&str> = self
            .candidates
            .iter()
            .filter(|c| {
                c.words.len() == 1 && c.span.title.is_none() && !c.display && c.named_as_speaker
            })
            .map(|c| c.words[0])
            .filter(|w| !held.contains(w))
            .collect();
        // The body's two-word names: a headline's capitalised run that
        // starts with one runs on into the title-case words after it
        // (`Claudia Tenney Beats Establishment`).
        let body_pairs: FxHashSet<(&str, &str)> = self
            .candidates
            .iter()
            .filter(|c| !c.display && c.words.len() >= 2)
            .map(|c| (c.words[0], c.words[1]))
            .collect();
        FullNameEvidence {
            titled_surnames,
            speaking_surnames,
            body_pairs,
        }
    }

    /// Pass 1: full names introduce people.
    fn introduce_full_names(&mut self) {
        let evidence = self.full_name_evidence();
        // The word before the surname in a full name of three or more words,
        // by person: `Wasserman Schultz` after `Debbie Wasserman Schultz` is
        // her double-barrelled surname, not another given name.
        let mut before_surname: FxHashSet<(usize, &str)> = FxHashSet::default();
        for (ci, c) in self.candidates.iter().enumerate() {
            if evidence.headline_run_on(c) || !self.is_full_name(c, &evidence) {
                continue;
            }
            let (given, surname) = self.given_and_surname(c);
            let given_gender = self.lex.given_name(&given);
            let gender = if c.span.title_gender != Gender::Unknown {
                c.span.title_gender
            } else {
                given_gender.unwrap_or(Gender::Unknown)
            };
            let persons = &self.people.persons;
            let same = self
                .surnames
                .with(surname)
                .iter()
                .rev()
                .copied()
                .find(|&p| {
                    let person = &persons[p];
                    match &person.given {
                        Some(g) => *g == given,
                        None => person.gender.compatible(gender),
                    }
                });
            let double_barrelled = (c.words.len() == 2 && given_gender.is_none())
                .then(|| {
                    let persons = self.surnames.with(surname).iter().rev();
                    persons
                        .copied()
                        .find(|&p| before_surname.contains(&(p, given.as_str())))
                })
                .flatten();
            if let Some(p) = double_barrelled {
                self.assigned[ci] = Some((p, MentionForm::Surname, false));
                continue;
            }
            let pid = same.unwrap_or_else(|| self.add_person(surname, c.range.start));
            if c.words.len() >= 3 {
                before_surname.insert((pid, c.words[c.words.len() - 2]));
            }
            if !c.display {
                self.surnames.named_in_full(pid, c.range.start);
            }
            let person = &mut self.people.persons[pid];
            if person.gender == Gender::Unknown {
                person.gender = gender;
            }
            if person.given.is_none() {
                person.given = Some(given);
            }
            let form = if c.title_range.is_some() && !self.lex.is_courtesy_title(self.title_of(c)) {
                MentionForm::Role
            } else {
                MentionForm::Full
            };
            self.assigned[ci] = Some((pid, form, false));
        }
    }

    /// Whether a candidate is a person's full name: two to four words with
    /// evidence that the first is a given name, and not an organisation's
    /// name (`UK Independence Party`, `Dimension Data Group`).
    fn is_full_name(&self, c: &Candidate, evidence: &FullNameEvidence) -> bool {
        let FullNameEvidence {
            titled_surnames,
            speaking_surnames,
            ..
        } = evidence;
        let lex = self.lex;
        let Some(surname) = c.words.last() else {
            return false;
        };
        let given_gender = c.words.first().and_then(|g| lex.given_name(g));
        let titled = c.span.title.is_some();
        // A given name we do not list is still a person's when a title, a
        // middle initial (`Loretta E. Lynch`) or a verb of speech (`Dainis
        // Ivans said`, `Tad Devine, told`) vouches for it. Not a verb before
        // it: `said Goldman Sachs` is as often a firm.
        let middle_initial = c.words.len() >= 3
            && c.words[1..c.words.len() - 1]
                .iter()
                .any(|w| is_one_char(w) || w.ends_with('.'));
        // Also vouched for: a role given with it (`Rhona Brankin, the deputy
        // health minister`), a surname titled elsewhere (`Mr Begg`) or one
        // that speaks alone elsewhere (`Begg said`).
        let vouched = c.role.is_some()
            || (c.words.len() <= 3
                && (titled_surnames.contains(*surname)
                    || (speaking_surnames.contains(*surname) && !self.opens_on_common_word(c))));
        let organisation_like = c.words.iter().any(|w| {
            lex.is_organisation_noun_as_written(w)
                // `SVP`, `PAC`: an acronym is a body's.
                || (w.chars().count() >= 2 && w.chars().all(|ch| ch.is_uppercase()))
        }) || c.words[0].chars().all(|ch| ch.is_uppercase());
        c.words.len() >= 2
            && c.words.len() <= 4
            && (given_gender.is_some()
                || titled
                || middle_initial
                || c.speech_verb.is_some()
                || vouched)
            && !lex.is_not_name(c.words[0])
            && (given_gender.is_some() || titled || !organisation_like)
    }

    /// Whether a capitalised run opens on a word that is rarely a given
    /// name: an adverb or participle that opens a sentence (`Interestingly
    /// Blocher`, `Asserting Clinton`), a word of grammar (`Can Sanders`), or a
    /// noun for a person or role (`Hacker Guccifer`, `Celebrities …`).
    fn opens_on_common_word(&self, c: &Candidate) -> bool {
        let lower = c.words[0].lowercase();
        let lex = self.lex;
        lower.ends_with("ly")
            || lower.ends_with("ing")
            || lex.is_function_word(&lower)
            || lex.is_role_noun(&lower)
            || lex.is_role_modifier(&lower)
            || lex.is_person_noun(&lower)
            || lex.is_person_noun(lower.trim_end_matches('s'))
    }

    /// A full name's given name and surname. `Xi Jinping`, `Ban Ki-moon`:
    /// family name first when the last word is the known given name and
    /// the first is not.
    fn given_and_surname<'c>(&self, c: &'c Candidate) -> (String, &'c str) {
        let first_given = self.lex.given_name(c.words[0]).is_some();
        let last = c.words[c.words.len() - 1];
        if !first_given && c.words.len() == 2 && self.lex.given_name(last).is_some() {
            (last.to_owned(), c.words[0])
        } else {
            (c.words[0].to_owned(), last)
        }
    }

    /// Indexes the people introduced so far by given name.
    fn index_given_names(&mut self) {
        for (i, person) in self.people.persons.iter().enumerate() {
            if let Some(given) = &person.given {
                self.by_given.entry(given.clone()).or_default().push(i);
            }
        }
    }

    /// Pass 2: a title and one name (`Mr Wallace`, `Sir Keir`) joins its
    /// namesake, a person whose surname it misspells, or a new person.
    fn join_titled_names(&mut self) {
        // How often each surname is titled with each gender: `Mr. Obama`
        // written again and again beside a `Michelle Obama` is another
        // person, not a slip of the title.
        let mut titled_gender_counts: FxHashMap<(&str, Gender), usize> = FxHashMap::default();
        for c in self.candidates {
            if c.words.len() == 1
                && c.span.title.is_some()
                && c.span.title_gender != Gender::Unknown
            {
                *titled_gender_counts
                    .entry((c.words[0], c.span.title_gender))
                    .or_default() += 1;
            }
        }
        for (ci, c) in self.candidates.iter().enumerate() {
            if self.assigned[ci].is_some() || c.words.len() != 1 || c.span.title.is_none() {
                continue;
            }
            let word = c.words[0];
            // `Lord Chancellor`, `Mr Speaker`: an office, not a person's name;
            // `State Department`: a body.
            let lower = word.lowercase();
            if self.lex.is_role_noun(&lower) || self.lex.is_organisation_noun(&lower) {
                continue;
            }
            let title = self.title_of(c);
            let form = if self.lex.is_courtesy_title(title) {
                MentionForm::Title
            } else {
                MentionForm::Role
            };
            let repeated = titled_gender_counts
                .get(&(word, c.span.title_gender))
                .is_some_and(|&n| n >= 2);
            let persons = &self.people.persons;
            let namesake = self
                .surnames
                .namesake(persons, word, c.range.start, c.span.title_gender)
                // A title of the other gender that the story repeats is
                // someone else, not a slip.
                .filter(|&p| !repeated || persons[p].gender.compatible(c.span.title_gender));
            // Knights and dames go by their given name: `Sir Keir`.
            let given_name_holder = || {
                self.lex
                    .is_title_of_kind(title, TitleKind::Knight)
                    .then(|| self.by_given.get(word)?.first().copied())?
            };
            let (pid, misspelt) = match namesake.or_else(given_name_holder) {
                Some(p) => {
                    // `Dana Whitcombe … Ms Whitcombe`: the title tells what an
                    // unlisted given name did not.
                    let person = &mut self.people.persons[p];
                    if person.gender == Gender::Unknown {
                        person.gender = c.span.title_gender;
                    }
                    (p, false)
                }
                None => match self
                    .surnames
                    .near_miss(self.lex, &self.people.persons, word)
                {
                    Some(p) => (p, true),
                    None => {
                        let p = self.add_person(word, c.range.start);
                        self.people.persons[p].gender = c.span.title_gender;
                        (p, false)
                    }
                },
            };
            self.assigned[ci] = Some((pid, form, misspelt));
        }
    }

    /// A lone capitalised word that says something and is then `he` or `she`
    /// (`Orme said he would stand`): someone, not a firm.
    fn speaks_as_someone(&self, c: &Candidate) -> bool {
        let lower = c.words[0].lowercase();
        // `Analysts say she…`, `Syrians, said he…`: a group, not a surname
        // (`Daly`, `King` and `Manning` are people's).
        let group = c.words[0].strip_suffix('s').is_some_and(|one| {
            let one_lower = one.lowercase();
            self.lex.is_demonym(one)
                || self.lex.is_role_noun(&one_lower)
                || self.lex.is_person_noun(&one_lower)
        });
        c.named_as_speaker
            && !c.pronouns.is_empty()
            && !group
            && !self.lex.is_organisation_noun(&lower)
            && !self.lex.is_not_name(c.words[0])
            && !c.words[0].chars().all(|ch| ch.is_uppercase())
    }

    /// Pass 3: a lone surname joins its namesake; a lone given name the one
    /// person with it; else a near miss its person, and a known given name
    /// nobody has makes someone known by it alone (`Kevin was snoring`).
    fn join_lone_names(&mut self) {
        for (ci, c) in self.candidates.iter().enumerate() {
            if self.assigned[ci].is_some() || c.words.len() != 1 {
                continue;
            }
            let word = c.words[0];
            let persons = &self.people.persons;
            if let Some(p) = self
                .surnames
                .namesake(persons, word, c.range.start, Gender::Unknown)
            {
                self.assigned[ci] = Some((p, MentionForm::Surname, false));
                continue;
            }
            let given = self.by_given.get(word).map_or(&[][..], Vec::as_slice);
            if given.len() == 1 {
                self.assigned[ci] = Some((given[0], MentionForm::Given, false));
            } else if given.is_empty() {
                if let Some(p) = self.surnames.near_miss(self.lex, persons, word) {
                    self.assigned[ci] = Some((p, MentionForm::Surname, true));
                } else if let Some(gender) = self.lex.given_name(word) {
                    let p = self.add_person(word, c.range.start);
                    self.people.persons[p].name = word.to_owned();
                    self.people.persons[p].gender = gender;
                    self.assigned[ci] = Some((p, MentionForm::Given, false));
                } else if self.has_role_right_before(c) || self.speaks_as_someone(c) {
                    // `campaign spokesman Orme said`: a role noun makes the
                    // word after it someone, known by surname alone; so
                    // does `Orme said he…` (a firm is `it`)
                    let p = self.add_person(word, c.range.start);
                    self.people.persons[p].name = word.to_owned();
                    self.assigned[ci] = Some((p, MentionForm::Surname, false));
                }
            }
        }
    }
}

impl ClusterBuilder<'_> {
    /// Whether a role written right before the name, with no title and
    /// nothing but a space between, describes someone who speaks
    /// (`spokesman Orme said`), and that only people hold: `rival Shell
    /// reported` is a company.
    fn has_role_right_before(&self, c: &Candidate) -> bool {
        c.title_range.is_none()
            && c.speaks
            && c.role.as_ref().is_some_and(|(text, role)| {
                let head = text.rsplit(' ').next().unwrap_or_default().lowercase();
                role.end <= c.range.start
                    && self.prose[role.end..c.range.start].trim().is_empty()
                    && !self.lex.is_role_bodies_share(&head)
            })
    }
}

/// The people, with every assigned candidate recorded as a mention (and the
/// role it gives its person), gender from pronouns where needed, and each
/// person's name.
fn into_people(
    mut people: People,
    candidates: Vec<Candidate>,
    assigned: &[Assignment],
    prose: &str,
) -> People {
    // Gender from the pronouns that point back at a person the name and
    // title left open (`Pat`, `Suu Kyi`): only when they all agree.
    for (c, assignment) in candidates.iter().zip(assigned) {
        if let Some((pid, _, _)) = assignment {
            people.persons[*pid]
                .pronouns
                .extend(c.pronouns.iter().cloned());
        }
    }
    // A sentence's subject is its first plain name that is someone's: a
    // place before it (`Florida delegate Jo Hale said`) does not take it.
    let mut subject_taken = None;
    (people.mentions).reserve(assigned.iter().filter(|a| a.is_some()).count());
    for (mut c, assignment) in candidates.into_iter().zip(assigned) {
        if let Some((pid, form, misspelt)) = *assignment {
            let sentence = Some((c.paragraph, c.sentence));
            if c.plain {
                c.subject |= subject_taken != sentence;
                subject_taken = sentence;
            }
            record_mention(&mut people, c, pid, form, misspelt);
        }
    }
    for person in &mut people.persons {
        if person.gender == Gender::Unknown {
            let says = |g: Gender| person.pronouns.iter().any(|(p, _)| *p == g);
            person.gender = match (says(Gender::Male), says(Gender::Female)) {
                (true, false) => Gender::Male,
                (false, true) => Gender::Female,
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

/// Records candidate `c` as a mention of person `pid`, with the role it
/// gives them (once per role).
fn record_mention(
    people: &mut People,
    c: Candidate,
    pid: usize,
    form: MentionForm,
    misspelt: bool,
) {
    let person = &mut people.persons[pid];
    if let Some((text, range)) = &c.role {
        let key = role_key(text);
        if !person.roles.iter().any(|r| role_key(&r.text) == key) {
            person.roles.push(Role {
                text: text.clone(),
                range: range.clone(),
            });
        }
    }
    person.mentions.push(people.mentions.len());
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

/// The longest full-form name among a person's mentions (spelt right).
fn fullest_name(mentions: &[Mention], ids: &[usize], prose: &str) -> Option<String> {
    ids.iter()
        .map(|&m| &mentions[m])
        .filter(|m| matches!(m.form, MentionForm::Full | MentionForm::Role) && !m.misspelt)
        .map(|m| {
            let name = &prose[m.name_range.clone()];
            (name, count_words_up_to(name, usize::MAX))
        })
        .filter(|&(_, words)| words >= 2)
        .max_by_key(|&(_, words)| words)
        .map(|(name, _)| name.to_owned())
}
