//! The project's people register (`[[people]]` in `copydesk.toml`): people
//! the newsroom writes about often, with their roles and pronouns, and how
//! roles are compared.

use super::gender::Gender;

/// A person in the project's people register (`[[people]]` in
/// `copydesk.toml`): someone the newsroom writes about often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredPerson {
    /// The full name, as the story should introduce them: `Ben Wallace`.
    pub name: String,
    /// Offices and descriptions that mean this person: `defence secretary`.
    pub roles: Vec<String>,
    /// The gender of their pronoun (`he`, `she`, `they` nonbinary); `None`
    /// when unstated.
    pub gender: Option<Gender>,
}

/// A role reduced for comparison: lowercase, without a leading determiner
/// (`the Defence Secretary` and `defence secretary` are one role).
pub fn role_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "his" | "her" | "its" | "their")),
    );
    words[skip..].join(" ")
}
