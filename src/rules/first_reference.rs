use super::rule::{Rule, Severity};
use crate::analysis::Analysis;
use crate::analysis::{MentionForm, TitleKind};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// A person's first mention in the body is not their full name: `Mr Wallace
/// said…` before any `Ben Wallace`. Headlines and captions are exempt, and so
/// is a first mention by office (`President Obama`), which identifies the
/// person; people the story knows only by a given name (`Kevin`) are left
/// alone.
pub struct FirstReference;

impl Rule for FirstReference {
    fn code(&self) -> &'static str {
        "first-reference"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a person's first mention is not their full name"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let people = &analysis.people;
        let mut out = Vec::new();
        for person in &people.persons {
            let mut references = person
                .mentions
                .iter()
                .map(|&m| &people.mentions[m])
                .filter(|m| !m.display && !m.attributive && !m.misspelt);
            let Some(first) = references.next() else {
                continue;
            };
            // A full name or an office; a given name (`his son Nick`, family
            // and children are introduced so); a peer's title, which is the
            // name they are known by (`Lord Browne`).
            let peer = first.form == MentionForm::Title
                && first.title_range.as_ref().is_some_and(|r| {
                    analysis
                        .lexicon
                        .is_title_of_kind(prose[r.clone()].trim_end_matches('.'), TitleKind::Peer)
                });
            // Someone the story knows by a given name only (`Kevin`).
            let given_name_only =
                person.given.is_none() && analysis.lexicon.given_name(&person.surname).is_some();
            if matches!(
                first.form,
                MentionForm::Full | MentionForm::Role | MentionForm::Given
            ) || peer
                || given_name_only
            {
                continue;
            }
            let written = &prose[first.range.clone()];
            let later_full = references.find(|m| m.form == MentionForm::Full);
            let display_full = person
                .mentions
                .iter()
                .map(|&m| &people.mentions[m])
                .find(|m| m.display && matches!(m.form, MentionForm::Full | MentionForm::Role));
            let (message, help) = match later_full {
                Some(full) => {
                    let line = analysis.document.lines.line(full.range.start);
                    let name = &prose[full.name_range.clone()];
                    (
                        format!("First mention of {} is “{written}”: the full name “{name}” comes only later, on line {line}", person.name),
                        format!("introduce them here as “{name}”, and use the short form after"),
                    )
                }
                None => match display_full {
                    Some(full) => {
                        let name = &prose[full.name_range.clone()];
                        (
                            format!("First mention of “{written}” in the story: the full name “{name}” appears only in the headline"),
                            format!("introduce them in the body as “{name}”"),
                        )
                    }
                    // Written once, never quoted, as the second half of a
                    // capitalised pair: a title of a work (`Jonathan Strange
                    // and Mr Norrell`), not someone the reader must know.
                    None if first.form == MentionForm::Title
                        && passing(analysis, first.person)
                        && second_of_a_pair(prose, first.range.start) =>
                    {
                        continue
                    }
                    None => (
                        format!("First mention of “{written}” without a full name: the story never gives their first name"),
                        "give their full name (first name and surname) at the first mention".to_owned(),
                    ),
                },
            };
            let fix = full_name(analysis, first.person).map(|name| Fix {
                title: format!("Use the full name “{name}”"),
                edits: vec![Edit {
                    range: first.range.clone(),
                    insert: name,
                }],
            });
            out.push(
                Diagnostic::new(self, first.range.clone(), message)
                    .with_help(help)
                    .with_fixes(fix),
            );
        }
        out
    }
}

/// Whether a person is named once in the body and never quoted.
fn passing(analysis: &Analysis, person: usize) -> bool {
    let people = &analysis.people;
    let body_mentions = people.persons[person]
        .mentions
        .iter()
        .filter(|&&m| !people.mentions[m].display)
        .count();
    let quoted = analysis
        .quotes
        .iter()
        .any(|q| q.speaker.as_ref().is_some_and(|s| s.person == Some(person)));
    body_mentions == 1 && !quoted
}

/// Whether the words before `at` are a capitalised word and `and`.
fn second_of_a_pair(prose: &str, at: usize) -> bool {
    let before = prose[..at].trim_end();
    before.strip_suffix(" and").is_some_and(|rest| {
        (rest.split_whitespace().next_back()).is_some_and(|w| w.starts_with(char::is_uppercase))
    })
}

/// The person's full name as the story writes it (a later full mention, or
/// one in the headline), whitespace-normalised; none if the story never
/// gives it.
fn full_name(analysis: &Analysis, person: usize) -> Option<String> {
    let people = &analysis.people;
    let mentions = people.persons.get(person)?.mentions.iter();
    let full = mentions
        .map(|&i| &people.mentions[i])
        .filter(|m| matches!(m.form, MentionForm::Full | MentionForm::Role))
        .min_by_key(|m| m.display)?;
    let name = &analysis.document.prose[full.name_range.clone()];
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use crate::analysis::SourceFormat;
    use crate::rules::{test_findings_at, test_fixed};

    #[test]
    fn first_reference_takes_the_full_name() {
        let text = "Pier reopens\n\nMr Teague opened the pier on Monday.\n\nThe harbour master, Robin Teague, said it was safe.\n";
        assert_eq!(
            test_fixed(
                text,
                SourceFormat::PlainText,
                "Mr Teague opened",
                "Use the full name “Robin Teague”"
            ),
            text.replacen("Mr Teague opened", "Robin Teague opened", 1)
        );
        // Without a full name anywhere there is nothing to write.
        let text =
            "Pier reopens\n\nMr Teague opened the pier on Monday. Mr Teague said it was safe.\n";
        let found = test_findings_at(text, SourceFormat::PlainText, "Mr Teague opened");
        assert_eq!(found[0].code, "first-reference");
        assert!(found[0].fixes.is_empty(), "{found:?}");
    }

    fn codes_at(text: &str, at: &str) -> Vec<&'static str> {
        let found = test_findings_at(text, SourceFormat::PlainText, at);
        found.iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_titled_name_written_once_and_never_quoted_is_left_alone() {
        // A character in a title of a work, most often.
        let text = "Prize shortlist\n\nThe list includes Ann Vole's novel Pip and Mr Larch, set in Kent.\n";
        assert!(codes_at(text, "Mr Larch").is_empty());
        // Not a one-off alone: reported speech or an agent is someone.
        let said = "Plan row\n\nMr Larch said the plan was wrong.\n";
        assert_eq!(codes_at(said, "Mr Larch"), ["first-reference"]);
        let by = "Plan row\n\nThe plan was criticised by Mr Larch.\n";
        assert_eq!(codes_at(by, "Mr Larch"), ["first-reference"]);
        // Named twice, or quoted, they are someone the reader must know.
        let twice = format!("{text}\nMr Larch is a baker.\n");
        assert_eq!(codes_at(&twice, "Mr Larch, set"), ["first-reference"]);
        let quoted = "Prize shortlist\n\n“It is a fine list,” said Mr Larch.\n";
        assert_eq!(codes_at(quoted, "Mr Larch"), ["first-reference"]);
    }

    #[test]
    fn a_surname_right_after_a_role_noun_is_a_first_reference() {
        let text = "Campaign regroups

The campaign lost its third official this week, and campaign spokesman Quayle said the team would regroup.
";
        assert_eq!(codes_at(text, "Quayle said"), ["first-reference"]);
        let named = text.replace("spokesman Quayle", "spokesman Ivo Quayle");
        assert!(codes_at(&named, "Ivo Quayle").is_empty());
        // a company holds a rival's role too
        let company = text.replace("campaign spokesman Quayle", "rival Brannex");
        assert!(codes_at(&company, "Brannex said").is_empty());
    }

    #[test]
    fn a_body_opening_on_the_headline_surname_is_a_first_reference() {
        let text = "Quayle to leave campaign

Quayle is to step down at the end of the month, the campaign said.

Ivo Quayle joined in 2019.
";
        assert_eq!(codes_at(text, "Quayle is to"), ["first-reference"]);
        let named = text.replace("\n\nQuayle is to", "\n\nIvo Quayle is to");
        assert!(codes_at(&named, "Ivo Quayle is to").is_empty());
    }
}
