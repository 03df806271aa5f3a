use super::{Diagnostic, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;

/// straight and curly quotation marks mixed in body text.
///
/// NOT YET IMPLEMENTED: reports nothing. (Being written now; this line goes
/// when the rule does its job.)
pub struct QuoteStyle;

impl Rule for QuoteStyle {
    fn code(&self) -> &'static str {
        "quote-style"
    }

    fn default_severity(&self) -> Severity {
        Severity::Hint
    }

    fn description(&self) -> &'static str {
        "straight and curly quotation marks mixed in body text"
    }

    fn check(&self, _analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        Vec::new()
    }
}
