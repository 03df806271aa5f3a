use super::{Diagnostic, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;

/// a name one or two letters from another person's surname: probably misspelt.
///
/// NOT YET IMPLEMENTED: reports nothing. (Being written now; this line goes
/// when the rule does its job.)
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

    fn check(&self, _analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        Vec::new()
    }
}
