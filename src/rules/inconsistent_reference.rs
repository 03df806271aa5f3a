use super::rule::{Rule, Severity};
use crate::analysis::Analysis;
use crate::analysis::Gender;
use crate::analysis::{is_courtesy_title, Mention, MentionForm, Person};
use crate::config::{Config, Style};
use crate::diagnostic::Diagnostic;

/// A later reference in the other house style: `Wallace` in a story that
/// calls him `Mr Wallace`, or `Mr. Trump` in a story that says `Trump`.
///
/// With `--style honorific` or `--style surname` every later reference is
/// held to that style. With `auto` (the default) each person is held to their
/// own majority form, since mixing the two for one person is the error and
/// house styles do treat people differently (a BBC story says `Mr Blair` but
/// `Skelton` for the escaped prisoner); a tie goes to the story's majority.
pub struct InconsistentReference;

/// The references to a person this rule judges: body text, not a modifier
/// (`the Clinton campaign`), not a misspelling, and not their first mention
/// (that is `first-reference`'s business).
pub(crate) fn later_references<'a>(
    analysis: &'a Analysis,
    person: &'a Person,
) -> impl Iterator<Item = &'a Mention> + 'a {
    person
        .mentions
        .iter()
        .map(|&m| &analysis.people.mentions[m])
        .filter(|m| !m.display && !m.attributive && !m.misspelt)
        .skip(1)
}

/// The house style the story is held to, if any.
pub(crate) fn story_style(analysis: &Analysis, config: &Config) -> Option<Style> {
    match config.style {
        Style::Honorific => return Some(Style::Honorific),
        Style::Surname => return Some(Style::Surname),
        Style::Auto => {}
    }
    let (mut titled, mut bare) = (0, 0);
    for person in &analysis.people.persons {
        for m in later_references(analysis, person) {
            match m.form {
                MentionForm::Title if is_gendered_courtesy(analysis, m) => titled += 1,
                MentionForm::Surname => bare += 1,
                _ => {}
            }
        }
    }
    match titled.cmp(&bare) {
        std::cmp::Ordering::Greater => Some(Style::Honorific),
        std::cmp::Ordering::Less => Some(Style::Surname),
        std::cmp::Ordering::Equal => None,
    }
}

/// `Mr`, `Mrs`, `Ms`, `Miss`, `Mx`: the titles house styles add or drop.
/// (Dr, Sir, Lord and the like are kept by surname styles too.)
fn is_gendered_courtesy(analysis: &Analysis, m: &Mention) -> bool {
    m.title_range.as_ref().is_some_and(|r| {
        matches!(
            analysis.document.prose[r.clone()].trim_end_matches('.'),
            "Mr" | "Mrs" | "Ms" | "Miss" | "Mx"
        )
    })
}

fn pronoun(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "him",
        Gender::Female => "her",
        Gender::Unknown => "them",
    }
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

impl Rule for InconsistentReference {
    fn code(&self) -> &'static str {
        "inconsistent-reference"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a later reference in the other house style (Wallace where the story uses Mr Wallace)"
    }

    fn check(&self, analysis: &Analysis, config: &Config) -> Vec<Diagnostic> {
        let story = story_style(analysis, config);
        let prose = &analysis.document.prose;
        let mut out = Vec::new();
        for person in &analysis.people.persons {
            let refs: Vec<&Mention> = later_references(analysis, person).collect();
            let titled: Vec<&Mention> = refs
                .iter()
                .copied()
                .filter(|m| m.form == MentionForm::Title && is_gendered_courtesy(analysis, m))
                .collect();
            let bare: Vec<&Mention> = refs
                .iter()
                .copied()
                .filter(|m| m.form == MentionForm::Surname)
                .collect();
            // Which form this person should have: the configured style; with
            // `auto`, their own majority (mixing the two for one person is
            // the error), the story's majority breaking a tie.
            let style = match config.style {
                Style::Auto => match titled.len().cmp(&bare.len()) {
                    _ if titled.is_empty() || bare.is_empty() => continue,
                    std::cmp::Ordering::Greater => Style::Honorific,
                    std::cmp::Ordering::Less => Style::Surname,
                    std::cmp::Ordering::Equal => match story {
                        Some(style) => style,
                        None => continue,
                    },
                },
                style => style,
            };
            let (wrong, right, preferred) = match style {
                Style::Honorific => {
                    let Some(title) = honorific_title(analysis, person, &titled) else {
                        continue;
                    };
                    (bare, titled, format!("{title} {}", person.surname))
                }
                Style::Surname => (titled, bare, person.surname.clone()),
                Style::Auto => continue,
            };
            for m in wrong {
                let written = &prose[m.range.clone()];
                let message = if right.is_empty() {
                    match style {
                        Style::Honorific => format!(
                            "“{written}”: the house style gives a courtesy title on later references (“{preferred}”)"
                        ),
                        _ => format!(
                            "“{written}”: the house style uses the surname alone on later references (“{preferred}”)"
                        ),
                    }
                } else {
                    format!(
                        "“{written}”: this story calls {} “{preferred}” elsewhere ({})",
                        pronoun(person.gender),
                        times(right.len())
                    )
                };
                let help = format!(
                    "write “{preferred}”, or set the house style (`style` in copydesk.toml or the editor's copydesk settings, --style on the command line)"
                );
                out.push(Diagnostic::new(self, m.range.clone(), message).with_help(help));
            }
        }
        out
    }
}

/// The title a person gets in the honorific style: the one this story
/// gives them (`titled`: their later references with a courtesy title), else
/// one from their gender when the style is imposed.
fn honorific_title(analysis: &Analysis, person: &Person, titled: &[&Mention]) -> Option<String> {
    most_common_title(analysis, titled).or_else(|| match person.gender {
        Gender::Male => Some("Mr".to_owned()),
        Gender::Female => Some("Ms".to_owned()),
        Gender::Unknown => None,
    })
}

/// What this rule asks for in place of `m`, a reference it flagged (for the
/// editor's quick fix): the surname alone for a titled reference, the
/// person's courtesy title and surname for a bare one.
pub(crate) fn preferred_form(analysis: &Analysis, m: &Mention) -> Option<String> {
    let person = analysis.people.persons.get(m.person)?;
    match m.form {
        MentionForm::Title => Some(person.surname.clone()),
        MentionForm::Surname => {
            let titled: Vec<&Mention> = later_references(analysis, person)
                .filter(|m| m.form == MentionForm::Title && is_gendered_courtesy(analysis, m))
                .collect();
            let title = honorific_title(analysis, person, &titled)?;
            Some(format!("{title} {}", person.surname))
        }
        _ => None,
    }
}

/// The courtesy title used most for a person (`Mr`, `Ms`, `Dr`).
fn most_common_title(analysis: &Analysis, titled: &[&Mention]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in titled {
        let Some(r) = &m.title_range else { continue };
        let title = analysis.document.prose[r.clone()].to_owned();
        if !is_courtesy_title(title.trim_end_matches('.')) {
            continue;
        }
        match counts.iter_mut().find(|(t, _)| *t == title) {
            Some((_, n)) => *n += 1,
            None => counts.push((title, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_findings;

    #[test]
    fn the_message_takes_the_pronoun_from_the_title_when_the_given_name_is_unlisted() {
        // `Ysolde` is in no list of given names: only `Ms` says who she is.
        let text = "Ferry timetable to change\n\n\
                    Ysolde Marchbank, who runs the ferry, said the timetable would change.\n\n\
                    Ms Marchbank said fares would not. \
                    Ms Marchbank said the crew would stay. \
                    Marchbank added that the boat was old.\n";
        let found = test_findings(&InconsistentReference, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Marchbank");
        assert!(
            found[0].1.contains("calls her “Ms Marchbank”"),
            "{}",
            found[0].1
        );
    }
}
