use super::{Diagnostic, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;

/// the same quote repeated with different words.
///
/// NOT YET IMPLEMENTED: reports nothing. (Being written now; this line goes
/// when the rule does its job.)
pub struct Misquote;

impl Rule for Misquote {
    fn code(&self) -> &'static str {
        "misquote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "the same quote repeated with different words"
    }

    fn check(&self, _analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        Vec::new()
    }
}
