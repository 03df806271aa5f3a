//! What a check reports: a finding ([`Diagnostic`]) at a [`Severity`], with
//! the edits that would mend it ([`Fix`]), all located by byte ranges in the
//! text that was analysed.
//!
//! The ground floor: configuration (which severity a rule reports at), the
//! rules (which make findings), the `ide` layer and the renderers all use
//! these types, and they use nothing of the crate. Rules make findings with
//! `Diagnostic::new` (in [`crate::rules`], beside the `Rule` trait whose code
//! and severity it takes).

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" | "information" => Severity::Information,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// A finding, located by a byte range in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    /// One line on how to fix it.
    pub help: Option<String>,
}
