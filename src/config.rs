//! What a user can change about the checks: which rules run and at what
//! severity.

use std::collections::BTreeMap;

use crate::rules::Severity;

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// How the story refers to people after their first mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Infer the story's own convention from the majority of its references.
    #[default]
    Auto,
    /// Courtesy titles: `Mr Wallace` (BBC, The Times, NYT).
    Honorific,
    /// Bare surnames: `Wallace` (AP, Reuters, The Guardian).
    Surname,
}

impl Style {
    pub fn parse(s: &str) -> Option<Style> {
        Some(match s {
            "auto" => Style::Auto,
            "honorific" => Style::Honorific,
            "surname" => Style::Surname,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Per-rule levels by diagnostic code; rules not named keep their default.
    pub levels: BTreeMap<String, Level>,
    /// The house style for subsequent references.
    pub style: Style,
}

impl Config {
    /// The severity to report `code` at, or `None` when it is switched off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.levels.get(code) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(default),
        }
    }
}
