use super::rule::{Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix};

/// A name one or two letters from another person's surname: probably
/// misspelt (`Shoygu` in a story about Sergei Shoigu).
///
/// The people pass does the matching (`near_miss` in
/// `analysis/people/clusters.rs`): a titled or bare name that matches no one
/// in the story but is one letter (two for long names) from the surname of a
/// person introduced with a full name is joined to that person and marked
/// misspelt. This rule reports each such mention, on the name itself, except
/// a name that differs only in its apostrophe (`O'Neill`, `O’Neill`).
pub struct NameSpelling;

impl Rule for NameSpelling {
    fn code(&self) -> &'static str {
        "name-spelling"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a name one or two letters from another person's surname: probably misspelt"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        let people = &analysis.people;
        people
            .mentions
            .iter()
            .filter(|m| m.misspelt)
            .filter_map(|m| {
                let person = &people.persons[m.person];
                let written = &prose[m.name_range.clone()];
                // `O'Neill` beside `O’Neill`: the same name typed two ways.
                if written.replace('’', "'") == person.surname.replace('’', "'") {
                    return None;
                }
                let message = format!(
                    "“{written}”: probably a misspelling of “{}” ({})",
                    person.surname, person.name
                );
                Some(
                    Diagnostic::new(self, m.name_range.clone(), message)
                        .with_help(
                            "use the spelling in the rest of the story, or if this is someone else, give their full name",
                        )
                        .with_fixes([Fix::replace(m.name_range.clone(), person.surname.clone())]),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::rules::test_fixed;

    fn findings(text: &str) -> Vec<(String, String)> {
        super::super::test_findings(&NameSpelling, text)
    }

    #[test]
    fn a_surname_one_letter_off_is_flagged() {
        let found = findings(
            "Talks resume\n\nThe defence minister, Sergei Shoigu, arrived on Tuesday.\n\nMr Shoygu said the talks would go on.\n",
        );
        assert_eq!(
            found,
            vec![(
                "Shoygu".to_owned(),
                "“Shoygu”: probably a misspelling of “Shoigu” (Sergei Shoigu)".to_owned()
            )]
        );
    }

    #[test]
    fn the_right_spelling_is_not_flagged() {
        let found = findings(
            "Talks resume\n\nThe defence minister, Sergei Shoigu, arrived on Tuesday.\n\nMr Shoigu said the talks would go on.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn plurals_apostrophes_and_other_words_are_not_misspellings() {
        let found = findings(
            "Depot plan\n\nThe council leader, James O’Neill, and the planner Richard Belmar met on Monday.\n\nO'Neill said the Belmars had sold the land. Prisoners at Belmarsh will not be moved.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_dropped_last_letter_is_a_slip_but_a_dropped_s_is_not() {
        let found = findings(
            "Depot plan\n\nThe council leader, Tobias Wetherall, spoke on Thursday.\n\nWetheral said the depot would bring jobs.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Wetheral");
    }

    #[test]
    fn name_spelling_takes_the_story_spelling() {
        let text = "Talks resume\n\nThe defence minister, Sergei Shoigu, arrived on Tuesday.\n\nMr Shoygu said the talks would go on.\n";
        assert_eq!(
            test_fixed(
                text,
                SourceFormat::PlainText,
                "Shoygu",
                "Change to “Shoigu”"
            ),
            text.replace("Shoygu", "Shoigu")
        );
    }
}
