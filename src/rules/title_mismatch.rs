use super::{Diagnostic, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;

/// a courtesy title of the wrong gender for the person (Mr Truss where the story has Ms Truss).
///
/// NOT YET IMPLEMENTED: reports nothing. (Being written now; this line goes
/// when the rule does its job.)
pub struct TitleMismatch;

impl Rule for TitleMismatch {
    fn code(&self) -> &'static str {
        "title-mismatch"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a courtesy title of the wrong gender for the person (Mr Truss where the story has Ms Truss)"
    }

    fn check(&self, _analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        Vec::new()
    }
}
