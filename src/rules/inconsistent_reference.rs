use super::rule::{Rule, Severity};
use crate::analysis::references::{
    has_house_style_title, later_references, story_style, title_for,
};
use crate::analysis::{Analysis, Gender, Mention, MentionForm, Style};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix};

/// A later reference in the other house style: `Wallace` in a story that
/// calls him `Mr Wallace`, or `Mr. Trump` in a story that says `Trump`.
///
/// With `--style honorific` or `--style surname` every later reference is
/// held to that style. With `auto` (the default) each person is held to their
/// own majority form, since mixing the two for one person is the error and
/// house styles do treat people differently (a BBC story says `Mr Blair` but
/// `Skelton` for the escaped prisoner); a tie goes to the story's majority.
pub struct InconsistentReference;

fn pronoun(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "him",
        Gender::Female => "her",
        Gender::Nonbinary | Gender::Unknown => "them",
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
        let story = story_style(analysis, config.style);
        let prose = &analysis.document.prose;
        let mut out = Vec::new();
        for person in &analysis.people.persons {
            let refs: Vec<&Mention> = later_references(analysis, person).collect();
            let titled: Vec<&Mention> = refs
                .iter()
                .copied()
                .filter(|m| m.form == MentionForm::Title && has_house_style_title(analysis, m))
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
                    let Some(title) = title_for(analysis, person, titled.iter().copied()) else {
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
                out.push(
                    Diagnostic::new(self, m.range.clone(), message)
                        .with_help(help)
                        .with_fixes([Fix::replace(m.range.clone(), preferred.clone())]),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::rules::test_findings;
    use crate::rules::{test_codes, test_fixed};

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

    #[test]
    fn inconsistent_reference_takes_the_story_form() {
        let text = "Pier reopens\n\nThe harbour master, Robin Teague, opened the pier on Monday.\n\nMr Teague said it was safe. Mr Teague added that repairs were done.\n\nTeague left at noon.\n";
        assert_eq!(
            test_fixed(text, SourceFormat::PlainText, "Teague left", "Change to"),
            text.replace("Teague left", "Mr Teague left")
        );
        let text = "Pier reopens\n\nThe harbour master, Robin Teague, opened the pier on Monday.\n\nTeague said it was safe. Teague added that repairs were done.\n\nMr Teague left at noon.\n";
        let after = test_fixed(
            text,
            SourceFormat::PlainText,
            "Mr Teague left",
            "Change to “Teague”",
        );
        assert_eq!(after, text.replace("Mr Teague left", "Teague left"));
        assert!(
            test_codes(&after, SourceFormat::PlainText).is_empty(),
            "{:?}",
            test_codes(&after, SourceFormat::PlainText)
        );
    }
}
