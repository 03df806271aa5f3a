use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use super::rule::{Rule, Severity};
use crate::analysis::{Analysis, Gender, Mention, Person};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix};

/// A courtesy title of the wrong gender for the person: `Mr Truss` in a
/// story that calls her `Ms Truss`.
///
/// For each person, the courtesy titles that imply a gender (`Mr`, `Mrs`,
/// `Ms`, `Sir`, `Lady`...; never `Dr` or `Prof`) vote; the minority is
/// flagged. A tie goes to the gender of the person's given name when the
/// lexicon knows it, else to the title used first, so the later ones are
/// flagged. When every title disagrees with the given name (`Liz Truss`
/// then `Mr Truss`), the titles are flagged. Offices (`Chairman`, `King`)
/// do not vote: they are not forms of address the story chose.
///
/// A title of the other gender is often a second person whom the people
/// pass has joined to the first because the story never gives their full
/// name (`Mrs Clinton` and her husband, `Mr Clinton`). So a person is skipped
/// when the story names a couple (`Mr and Mrs Patel`), mentions a relative
/// of the flagged gender (`her husband`, `his wife`, `first lady`), or when
/// titles that conflict only with the given name outnumber the person's
/// other mentions (`Michelle Obama` once, `Mr. Obama` a dozen times).
pub struct TitleMismatch;

impl Rule for TitleMismatch {
    fn code(&self) -> &'static str {
        "title-mismatch"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a courtesy title of the wrong gender for the person (Mr Truss where the story has Ms Truss)"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let mut out = Vec::new();
        // Whole-text scans done once, not once per person: per person they
        // made the rule quadratic in the length of the draft.
        let couples = couple_surnames(prose);
        let mut relatives: [Option<bool>; 2] = [None, None];
        for person in &analysis.people.persons {
            if couples.contains(person.surname.as_str()) {
                continue;
            }
            let titled = gendered_titles(analysis, person);
            let Some(majority) = expected_gender(analysis, person, &titled) else {
                continue;
            };
            if !slips_not_someone_else(person, &titled, majority) {
                continue;
            }
            // `Mrs Clinton` and `Mr Clinton` in a story that mentions her
            // husband: probably two people the clusters made one.
            let other = opposite(majority);
            let seen = &mut relatives[usize::from(other == Gender::Female)];
            if *seen.get_or_insert_with(|| mentions_relative(analysis, other)) {
                continue;
            }
            out.extend(self.findings(analysis, person, &titled, majority));
        }
        out
    }
}

impl TitleMismatch {
    /// A finding on each of `titled` whose title is not of the `majority`
    /// gender, with the story's usual form as the fix when it has one.
    fn findings(
        &self,
        analysis: &Analysis,
        person: &Person,
        titled: &[&Mention],
        majority: Gender,
    ) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let expected: Vec<&Mention> = titled
            .iter()
            .copied()
            .filter(|m| m.title_gender == majority)
            .collect();
        let pronoun = if majority == Gender::Female {
            "her"
        } else {
            "him"
        };
        let usual = usual_form(prose, &expected);
        let mut out = Vec::new();
        for m in titled.iter().filter(|m| m.title_gender != majority) {
            let written = words(&prose[m.range.clone()]);
            let finding = if expected.is_empty() {
                let title = m
                    .title_range
                    .as_ref()
                    .map(|t| words(&prose[t.clone()]))
                    .unwrap_or_default();
                let whose = if m.title_gender == Gender::Male {
                    "a man's"
                } else {
                    "a woman's"
                };
                let message = format!(
                    "“{written}”: “{title}” is {whose} title, but this story introduces {pronoun} as “{}”",
                    person.name
                );
                Diagnostic::new(self, m.range.clone(), message)
                    .with_help("check who this is, and use a courtesy title that fits them")
            } else {
                let times = match expected.len() {
                    1 => "once".to_owned(),
                    n => format!("{n} times"),
                };
                let message = format!(
                    "“{written}”: this story calls {pronoun} “{usual}” elsewhere ({times})"
                );
                Diagnostic::new(self, m.range.clone(), message)
                    .with_help("use the same courtesy title throughout")
                    .with_fixes([Fix::replace(m.range.clone(), usual.clone())])
            };
            out.push(finding);
        }
        out
    }
}

/// A person's mentions with a courtesy title that implies a gender, in
/// order.
fn gendered_titles<'a>(analysis: &'a Analysis, person: &Person) -> Vec<&'a Mention> {
    let prose = &analysis.document.prose;
    person
        .mentions
        .iter()
        .map(|&m| &analysis.people.mentions[m])
        .filter(|m| m.title_gender != Gender::Unknown)
        .filter(|m| {
            m.title_range.as_ref().is_some_and(|t| {
                analysis
                    .lexicon
                    .is_courtesy_title(prose[t.clone()].trim_end_matches('.'))
            })
        })
        .collect()
}

/// The gender the person's titles should have: the majority of them; on a
/// tie the given name's gender, else the first title's; with titles of one
/// gender only, the given name's when it says otherwise (none when it does
/// not, or the person has no gendered title).
fn expected_gender(analysis: &Analysis, person: &Person, titled: &[&Mention]) -> Option<Gender> {
    let first = titled.first()?;
    let count = |g: Gender| titled.iter().filter(|m| m.title_gender == g).count();
    let (male, female) = (count(Gender::Male), count(Gender::Female));
    let given_gender = person
        .given
        .as_deref()
        .and_then(|g| analysis.lexicon.given_name(g))
        .unwrap_or(Gender::Unknown);
    let majority = if male > female && female > 0 {
        Gender::Male
    } else if female > male && male > 0 {
        Gender::Female
    } else if male == female {
        if given_gender != Gender::Unknown {
            given_gender
        } else {
            first.title_gender
        }
    } else if given_gender == Gender::Unknown {
        return None;
    } else {
        given_gender
    };
    let wrong = titled.iter().filter(|m| m.title_gender != majority).count();
    (wrong > 0).then_some(majority)
}

/// Whether the titles of the other gender read as slips rather than a
/// second person: not when they conflict only with the given name and
/// outnumber the person's other mentions (`Michelle Obama` once and `Mr.
/// Obama` a dozen times is two people, not a dozen slips).
fn slips_not_someone_else(person: &Person, titled: &[&Mention], majority: Gender) -> bool {
    let wrong = titled.iter().filter(|m| m.title_gender != majority).count();
    let others = person.mentions.len() - wrong;
    !(wrong == titled.len() && wrong > others)
}

fn opposite(gender: Gender) -> Gender {
    if gender == Gender::Male {
        Gender::Female
    } else {
        Gender::Male
    }
}

/// Whitespace-normalised text (a name may run over a line break).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The commonest way the story writes the expected title: `Ms Truss`,
/// preferring title-and-surname forms to full names.
fn usual_form(prose: &str, expected: &[&Mention]) -> String {
    let mut counts: FxHashMap<String, (usize, bool, usize)> = FxHashMap::default();
    for (i, m) in expected.iter().enumerate() {
        let short = m.form == crate::analysis::MentionForm::Title;
        let entry =
            counts
                .entry(words(&prose[m.range.clone()]))
                .or_insert((0, short, usize::MAX - i));
        entry.0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, short, first))| (*short, *n, *first))
        .map(|(text, _)| text)
        .unwrap_or_default()
}

/// Whether the story mentions a relative of this gender (or a spouse or
/// couple, or the `first lady`): `her husband` makes `Mr Clinton` in a `Mrs
/// Clinton` story likely a second person rather than a slip. The words are
/// data (`lexicon/relatives.txt`); only lowercase ones count, since
/// capitalised they are titles (`Father Brown`, `Lady Grey`).
fn mentions_relative(analysis: &Analysis, gender: Gender) -> bool {
    analysis
        .document
        .prose
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter_map(|w| analysis.lexicon.relative(w))
        .any(|g| g == Gender::Unknown || g == gender)
}

/// The surnames the story names as couples (`Mr and Mrs Patel`, `Lord and
/// Lady Grey`): two people, whatever the clusters say.
fn couple_surnames(prose: &str) -> FxHashSet<&str> {
    COUPLE_TITLES
        .find_iter(prose)
        .filter_map(|pair| {
            prose[pair.end()..]
                .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
                .next()
        })
        .collect()
}

/// The titles of a couple, before their surname. One pattern reads the
/// story once for all of them; no two can overlap, so it finds every one.
static COUPLE_TITLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Mr and Mrs |Mr\. and Mrs\. |Mr & Mrs |Lord and Lady |Sir and Lady ")
        .expect("couple titles pattern is valid")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::diagnostic::apply;
    use crate::rules::test_findings_at;

    fn findings(text: &str) -> Vec<(String, String)> {
        super::super::test_findings(&TitleMismatch, text)
    }

    #[test]
    fn the_minority_title_is_flagged() {
        let found = findings(
            "Budget row\n\nThe chancellor, Priya Halden, spoke on Monday.\n\nMs Halden said the plan was fair. Mr Halden added that cuts were over.\n\nMs Halden left early.\n",
        );
        assert_eq!(
            found,
            vec![(
                "Mr Halden".to_owned(),
                "“Mr Halden”: this story calls her “Ms Halden” elsewhere (2 times)".to_owned()
            )]
        );
    }

    #[test]
    fn a_tie_flags_the_later_title() {
        let found = findings(
            "Harbour plan\n\nThe harbour master, Robin Teague, spoke on Monday.\n\nMr Teague said the plan was fair. Ms Teague added that it would open soon.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Ms Teague");
    }

    #[test]
    fn titles_without_gender_never_conflict() {
        let found = findings(
            "Clinic opens\n\nThe surgeon, Priya Halden, spoke on Monday.\n\nDr Halden said the clinic was ready. Ms Halden added that staff were hired.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn many_titles_against_a_given_name_are_someone_else() {
        // One `Mira Castell`, then `Mr Castell` throughout: her namesake,
        // not three slips.
        let found = findings(
            "Vineyard sold\n\nThe vineyard owned by Mira Castell has been sold.\n\nMr Castell said the sale was agreed in May. Mr Castell added that staff would stay. Mr Castell will retire.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_couple_named_together_is_two_people() {
        assert!(couple_surnames("visited Mr and Mrs Okafor at home").contains("Okafor"));
        assert!(!couple_surnames("visited Mr and Mrs Okafor at home").contains("Oka"));
    }

    #[test]
    fn title_mismatch_takes_the_majority_title() {
        let text = "Budget row\n\nThe chancellor, Priya Halden, spoke on Monday.\n\nMs Halden said the plan was fair. Mr Halden added that cuts were over.\n\nMs Halden left early.\n";
        let found = test_findings_at(text, SourceFormat::PlainText, "Mr Halden");
        let fix = &found[0].fixes[0];
        assert_eq!(fix.title, "Change to “Ms Halden”");
        assert_eq!(
            apply(text, &fix.edits),
            text.replace("Mr Halden", "Ms Halden")
        );
    }
}
