//! How a source's gender is decided, and on what evidence.
//!
//! Only what the story (or the newsroom's register) says counts, strongest
//! first: the register's `pronoun`, a courtesy title (`Ms`, `Sir`), the
//! pronoun the story uses for them, a noun for them (`spokeswoman`); and,
//! weakest and labelled so, the given name's usual gender, which
//! [`GenderPolicy::TextOnly`] switches off. The strongest kind of evidence
//! decides; when it says both, the answer is `unknown`: a wrong gender is
//! the error that matters, and unknown is a valid answer.

use std::ops::Range;

use super::super::gender::Gender;
use super::super::model::Analysis;
use super::heard::Heard;
use super::kind::SourceKind;
use super::words::{head_noun, head_noun_at};

/// Whether a given name's usual gender may decide (`sourceGender`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GenderPolicy {
    /// Every kind of evidence, the given name last and labelled weak.
    #[default]
    WithNames,
    /// Only what the text (or the register) states: no given names.
    TextOnly,
}

impl GenderPolicy {
    /// The setting's words: `names` (the default) or `text-only`.
    pub fn parse(word: &str) -> Option<GenderPolicy> {
        match word {
            "names" => Some(GenderPolicy::WithNames),
            "text-only" => Some(GenderPolicy::TextOnly),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GenderPolicy::WithNames => "names",
            GenderPolicy::TextOnly => "text-only",
        }
    }
}

/// A kind of evidence, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceKind {
    /// The people register's `pronoun` in `copydesk.toml`.
    Register,
    /// A courtesy title or a knight's or peer's: `Ms`, `Sir`, `Lady`, `Mx`.
    Title,
    /// `he` or `she` the story uses for them.
    Pronoun,
    /// A noun for them that says woman or man: `spokeswoman`, `chairman`.
    RoleNoun,
    /// The given name's usual gender: weak, and off in text-only mode.
    GivenName,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 5] = [
        EvidenceKind::Register,
        EvidenceKind::Title,
        EvidenceKind::Pronoun,
        EvidenceKind::RoleNoun,
        EvidenceKind::GivenName,
    ];

    /// The JSON `evidence[].kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Register => "register",
            EvidenceKind::Title => "title",
            EvidenceKind::Pronoun => "pronoun",
            EvidenceKind::RoleNoun => "role-noun",
            EvidenceKind::GivenName => "given-name",
        }
    }

    /// For a reader: `courtesy title`, `given name (weak)`.
    pub fn describe(self) -> &'static str {
        match self {
            EvidenceKind::Register => "people register",
            EvidenceKind::Title => "title",
            EvidenceKind::Pronoun => "pronoun",
            EvidenceKind::RoleNoun => "role noun",
            EvidenceKind::GivenName => "given name only (weak)",
        }
    }
}

/// One piece of evidence: the words, the gender they say, where they first
/// are in the draft (none for the register) and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub gender: Gender,
    /// As written: `Ms`, `she`, `spokeswoman`, `Boris`, `pronoun = "they"`.
    pub text: String,
    pub range: Option<Range<usize>>,
    pub count: usize,
}

/// A source's gender, the evidence found, and which kind decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenderCall {
    pub gender: Gender,
    /// The kind of evidence that decided; none for `unknown`.
    pub decided_by: Option<EvidenceKind>,
    /// Everything found, strongest kind first (weaker kinds too, and given
    /// names even in text-only mode, where they decide nothing).
    pub evidence: Vec<Evidence>,
}

impl Default for GenderCall {
    fn default() -> GenderCall {
        GenderCall {
            gender: Gender::Unknown,
            decided_by: None,
            evidence: Vec::new(),
        }
    }
}

impl GenderCall {
    /// Decided on the given name alone.
    pub fn is_weak(&self) -> bool {
        self.decided_by == Some(EvidenceKind::GivenName)
    }

    /// One line for a reader: `man — title “Mr” (4×)`, `unknown — title
    /// “Ms”, pronoun “he”: the story says both`.
    pub fn explain(&self) -> String {
        let Some(kind) = self.decided_by else {
            return match self.evidence.first() {
                Some(e) if e.kind == EvidenceKind::GivenName => {
                    format!("unknown — given name {} not used (text-only)", quoted(e))
                }
                Some(first) => {
                    // The first word for each gender said, strongest first.
                    let other = self.evidence.iter().find(|e| e.gender != first.gender);
                    let said: Vec<String> = std::iter::once(first)
                        .chain(other)
                        .map(|e| format!("{} {}", e.kind.describe(), quoted(e)))
                        .collect();
                    format!("unknown — the story says both: {}", said.join(", "))
                }
                None => "unknown — nothing in the story says".to_owned(),
            };
        };
        let by: Vec<String> = (self.evidence.iter())
            .filter(|e| e.kind == kind)
            .map(quoted)
            .collect();
        format!(
            "{} — {} {}",
            self.gender.as_str(),
            kind.describe(),
            by.join(", ")
        )
    }
}

fn quoted(e: &Evidence) -> String {
    match e.count {
        0 | 1 => format!("“{}”", e.text),
        n => format!("“{}” ({n}×)", e.text),
    }
}

/// Decides a source's gender from what the story says of them.
pub(super) fn decide(
    analysis: &Analysis,
    kind: SourceKind,
    person: Option<usize>,
    heard: &Heard,
    policy: GenderPolicy,
) -> GenderCall {
    if kind == SourceKind::Organisation {
        return GenderCall::default();
    }
    let mut found = Found::default();
    let prose = analysis.document.prose.as_str();
    let lex = &analysis.lexicon;
    if let Some(p) = person {
        let person = &analysis.people.persons[p];
        if let Some(pronoun) = person.register_pronoun {
            found.add(
                EvidenceKind::Register,
                person.gender,
                format!("pronoun = \"{pronoun}\""),
                None,
            );
        }
        for &m in &person.mentions {
            let mention = &analysis.people.mentions[m];
            if let (Some(title), true) = (
                &mention.title_range,
                mention.title_gender != Gender::Unknown,
            ) {
                found.add_at(
                    EvidenceKind::Title,
                    mention.title_gender,
                    prose,
                    title.clone(),
                );
            }
            if let Some((noun, range)) = apposition_noun(prose, mention.range.end) {
                if let Some(gender) = lex.noun_gender(&noun) {
                    found.add(EvidenceKind::RoleNoun, gender, noun, Some(range));
                }
            }
        }
        for (gender, range) in &person.pronouns {
            found.add_at(EvidenceKind::Pronoun, *gender, prose, range.clone());
        }
        for role in &person.roles {
            if let Some(gender) = head_noun(&role.text).and_then(|h| lex.noun_gender(&h)) {
                found.add_at(EvidenceKind::RoleNoun, gender, prose, role.range.clone());
            }
        }
        if let Some(given) = &person.given {
            // The built-in list's man or woman; the register's names say
            // nothing a person's own entry does not.
            if let Some(gender) = lex.given_name(given).filter(|g| g.is_binary()) {
                let first = person
                    .mentions
                    .iter()
                    .map(|&m| &analysis.people.mentions[m]);
                let at = first
                    .clone()
                    .find(|m| prose[m.name_range.clone()].starts_with(given.as_str()));
                let range = at.map(|m| m.name_range.start..m.name_range.start + given.len());
                found.add(EvidenceKind::GivenName, gender, given.clone(), range);
            }
        }
    }
    for (gender, range) in &heard.pronouns {
        found.add_at(EvidenceKind::Pronoun, *gender, prose, range.clone());
    }
    for (description, range) in &heard.descriptions {
        if let Some((head, at)) = head_noun_at(description) {
            if let Some(gender) = lex.noun_gender(&head) {
                // The noun's own bytes when the description is as written
                // there (not a `who` standing for it).
                let written = prose.get(range.clone()) == Some(description.as_str());
                let at = written.then(|| range.start + at.start..range.start + at.end);
                found.add(
                    EvidenceKind::RoleNoun,
                    gender,
                    head,
                    Some(at.unwrap_or(range.clone())),
                );
            }
        }
    }
    found.decide(policy)
}

/// The noun an apposition after a name is about, and its bytes:
/// `committeeman` in `Morton Hale, the party's committeeman for Ohio,`.
fn apposition_noun(prose: &str, end: usize) -> Option<(String, Range<usize>)> {
    let rest = prose.get(end..)?.strip_prefix(", ")?;
    let start = end + 2;
    let stop = rest
        .find([',', '.', ';', '\n', '“', '"'])
        .filter(|&i| i <= 80)?;
    if !rest[stop..].starts_with(',') {
        return None;
    }
    let (noun, at) = head_noun_at(&rest[..stop])?;
    Some((noun, start + at.start..start + at.end))
}

/// The evidence gathered for one source, merged by kind, gender and words.
#[derive(Default)]
struct Found {
    evidence: Vec<Evidence>,
}

impl Found {
    fn add_at(&mut self, kind: EvidenceKind, gender: Gender, prose: &str, range: Range<usize>) {
        let text = prose.get(range.clone()).unwrap_or_default().to_owned();
        self.add(kind, gender, text, Some(range));
    }

    fn add(
        &mut self,
        kind: EvidenceKind,
        gender: Gender,
        text: String,
        range: Option<Range<usize>>,
    ) {
        if gender == Gender::Unknown {
            return;
        }
        let same = |e: &&mut Evidence| {
            e.kind == kind && e.gender == gender && e.text.eq_ignore_ascii_case(&text)
        };
        if let Some(e) = self.evidence.iter_mut().find(same) {
            // The same words at the same place come from two passes (a
            // pronoun both the people pass and a quote saw): once.
            if e.range != range {
                e.count += 1;
                e.range = match (e.range.take(), range) {
                    (Some(a), Some(b)) => Some(if a.start <= b.start { a } else { b }),
                    (a, b) => a.or(b),
                };
            }
            return;
        }
        self.evidence.push(Evidence {
            kind,
            gender,
            text,
            range,
            count: 1,
        });
    }

    fn decide(mut self, policy: GenderPolicy) -> GenderCall {
        self.evidence
            .sort_by_key(|e| (e.kind, e.range.as_ref().map(|r| r.start)));
        let mut call = GenderCall {
            evidence: self.evidence,
            ..GenderCall::default()
        };
        let usable =
            |k: &EvidenceKind| policy == GenderPolicy::WithNames || *k != EvidenceKind::GivenName;
        let Some(kind) = call.evidence.first().map(|e| e.kind).filter(usable) else {
            return call;
        };
        let gender = call.evidence[0].gender;
        // Every kind of evidence must agree, bar a given name against a
        // title or the register (`Ms Jean Hale`): a pronoun or a noun about
        // someone else (`Mary Hale said he was a gentle soul`, `Jo Reed,
        // chairman`) must not make a woman a man.
        let overruled =
            |e: &Evidence| e.kind == EvidenceKind::GivenName && kind <= EvidenceKind::Title;
        if call
            .evidence
            .iter()
            .all(|e| e.gender == gender || overruled(e))
        {
            call.gender = gender;
            call.decided_by = Some(kind);
        }
        call
    }
}
