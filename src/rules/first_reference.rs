use super::{Diagnostic, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;

/// a person's first mention is not their full name.
///
/// NOT YET IMPLEMENTED: reports nothing. (Being written now; this line goes
/// when the rule does its job.)
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

    fn check(&self, _analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        Vec::new()
    }
}
