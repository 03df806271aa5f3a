//! What every rule is ([`Rule`]), how it makes a finding
//! ([`Diagnostic::new`]), and the wording helpers their messages share.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::config::Config;
pub use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};

pub trait Rule: Sync {
    /// The stable diagnostic code (`unattributed-quote`).
    fn code(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// One sentence for the README and `--help`.
    fn description(&self) -> &'static str;
    /// Findings at the rule's default severity.
    fn check(&self, analysis: &Analysis, config: &Config) -> Vec<Diagnostic>;
}

// Written here rather than beside the type so that `diagnostic` stays the
// ground floor: a finding takes its code and severity from its rule.
impl Diagnostic {
    /// A finding of `rule` at `range`, at the rule's default severity.
    pub fn new(rule: &dyn Rule, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: rule.code(),
            severity: rule.default_severity(),
            message: message.into(),
            range,
            help: None,
            fixes: Vec::new(),
        }
    }

    /// With one line on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// At `severity` or milder, whatever the rule's configured severity: a
    /// finding the rule is less sure of than its others (a desk that makes
    /// the rule an error still gets this one as a hint).
    pub fn at_most(mut self, severity: Severity) -> Diagnostic {
        self.severity = self.severity.max(severity);
        self
    }

    /// With the edits that would mend it (`Option<Fix>` adds one or none).
    pub fn with_fixes(mut self, fixes: impl IntoIterator<Item = Fix>) -> Diagnostic {
        self.fixes.extend(fixes);
        self
    }
}

/// The first words of a quotation for a message: at most `max` characters,
/// cut at a word boundary, with an ellipsis when cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{cut}…")
}
