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

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Per-rule levels by diagnostic code; rules not named keep their default.
    pub levels: BTreeMap<String, Level>,
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
