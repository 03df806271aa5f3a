use super::{Diagnostic, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;

/// a subsequent reference in the other house style (Wallace where the story uses Mr Wallace).
///
/// NOT YET IMPLEMENTED: reports nothing. (Being written now; this line goes
/// when the rule does its job.)
pub struct InconsistentReference;

impl Rule for InconsistentReference {
    fn code(&self) -> &'static str {
        "inconsistent-reference"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a subsequent reference in the other house style (Wallace where the story uses Mr Wallace)"
    }

    fn check(&self, _analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        Vec::new()
    }
}
