use super::rule::{Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// An opening quotation mark that is never closed, and whose paragraph is not
/// continued by a paragraph that opens with a quotation mark.
pub struct UnclosedQuote;

impl Rule for UnclosedQuote {
    fn code(&self) -> &'static str {
        "unclosed-quote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn description(&self) -> &'static str {
        "an opening quotation mark that is never closed nor continued"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        analysis
            .quotes
            .iter()
            .filter(|q| !q.span.closed)
            .map(|q| {
                let last = q.span.segments[q.span.segments.len() - 1].clone();
                let mark = prose[last.clone()].chars().next().map_or(1, char::len_utf8);
                let close = if prose[last.clone()].starts_with('“') { "”" } else { "\"" };
                Diagnostic::new(self, last.start..last.start + mark, "This quotation is never closed")
                    .with_help(format!(
                        "add the closing {close} where the quoted words end; if the quote runs on, open the next paragraph with a quotation mark"
                    ))
            })
            .collect()
    }
}
