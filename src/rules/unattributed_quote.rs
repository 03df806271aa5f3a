use super::rule::{excerpt, Rule, Severity};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// A quotation with no speaker the reader can identify. Headline quotes are
/// exempt: the body attributes them (the `headline-quote` rule checks that it
/// does); quoted terms and titles are not speech.
pub struct UnattributedQuote;

impl Rule for UnattributedQuote {
    fn code(&self) -> &'static str {
        "unattributed-quote"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "a quotation with no speaker the reader can identify"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let prose = &analysis.document.prose;
        analysis
            .quotes
            .iter()
            .filter(|q| !q.term && !q.display && q.speaker.is_none())
            .map(|q| {
                let first = q.span.segments[0].clone();
                let message = format!(
                    "Quotation {} has no speaker: add who said it",
                    excerpt(&prose[first.clone()], 48)
                );
                Diagnostic::new(self, first, message).with_help(
                    "name the speaker next to it, e.g. “…,” she said. — or, if it is a term rather than speech, introduce it as one (so-called, known as)",
                )
            })
            .collect()
    }
}
