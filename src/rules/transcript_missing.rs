use super::rule::{excerpt, Rule, Severity};
use crate::analysis::sources::QuoteSource;
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::transcript::align::Fit;

/// A quotation whose speaker has a transcript, but whose words are in none
/// of the transcripts: misremembered, run together from notes, or from
/// another interview that is not among them. A quotation whose speaker has
/// no transcript is not flagged: it may come from a statement or another
/// report.
pub struct TranscriptMissing;

impl Rule for TranscriptMissing {
    fn code(&self) -> &'static str {
        "transcript-missing"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "the speaker has a transcript, but the quote is in none of them"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (quote, source) in analysis.quotes.iter().zip(&analysis.sources.quotes) {
            let Some(QuoteSource {
                fit: Fit::None,
                speaker_transcripts,
                ..
            }) = source
            else {
                continue;
            };
            let (Some(speaker), Some(first)) = (&quote.speaker, speaker_transcripts.first()) else {
                continue;
            };
            let files = match speaker_transcripts.len() {
                1 => first.name.clone(),
                n => format!("{} and {} more", first.name, n - 1),
            };
            let inner = (quote.span.segments.first())
                .and_then(|s| analysis.document.prose.get(s.clone()))
                .unwrap_or_default()
                .trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '?' | '!' | '…'));
            let words = excerpt(inner, 50);
            out.push(
                Diagnostic::new(
                    self,
                    quote.span.range.clone(),
                    format!(
                        "“{words}”: {} has a transcript ({files}), but these words are in none of the transcripts",
                        speaker.name
                    ),
                )
                .with_help(
                    "check the quote against the recording; if it comes from a statement or another interview, add that transcript",
                ),
            );
        }
        out
    }
}
