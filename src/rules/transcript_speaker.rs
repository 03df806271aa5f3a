use super::rule::{Rule, Severity};
use crate::analysis::sources::{Passage, QuoteSource};
use crate::analysis::Analysis;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::transcript::align::Fit;

/// A quotation found in a transcript, but said there by someone other than
/// the person the draft gives it to: *these words are Sergei Lavrov's at
/// 00:04:10, but the draft gives them to Ben Wallace.*
///
/// Someone else means a label that is another person in the story, or a
/// label that is nobody in the story (`Speaker 2`, `Interviewer`) in a
/// transcript where another label is the draft's speaker. A quotation with
/// no speaker is `unattributed-quote`'s, and a label that could be anyone
/// is not guessed at.
pub struct TranscriptSpeaker;

impl Rule for TranscriptSpeaker {
    fn code(&self) -> &'static str {
        "transcript-speaker"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn description(&self) -> &'static str {
        "the transcript gives these words to someone else"
    }

    fn check(&self, analysis: &Analysis, _config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (quote, source) in analysis.quotes.iter().zip(&analysis.sources.quotes) {
            let Some(QuoteSource {
                fit: Fit::Exact | Fit::Close,
                passage: Some(passage),
                ..
            }) = source
            else {
                continue;
            };
            let Some((speaker, person)) = quote.speaker.as_ref().and_then(|s| Some((s, s.person?)))
            else {
                continue;
            };
            if !said_by_someone_else(analysis, passage, person) {
                continue;
            }
            let Some(other) = passage.speaker_name(&analysis.people) else {
                continue;
            };
            let when = match passage.time() {
                Some(ms) => format!(
                    "at {} ({})",
                    crate::transcript::clock(ms),
                    passage.transcript.name
                ),
                None => format!("in {}, line {}", passage.transcript.name, passage.line()),
            };
            out.push(
                Diagnostic::new(
                    self,
                    quote.span.range.clone(),
                    format!(
                        "These words are {}’s {when}, but the draft gives them to {}",
                        other, speaker.name
                    ),
                )
                .with_help("give the quote to who said it, or check the transcript's speaker labels ([transcripts.speakers] in copydesk.toml)"),
            );
        }
        out
    }
}

/// Whether the passage's speaker is someone other than `person`.
fn said_by_someone_else(analysis: &Analysis, passage: &Passage, person: usize) -> bool {
    match passage.person {
        Some(p) => p != person,
        None => {
            passage.label.is_some()
                && analysis
                    .sources
                    .voices
                    .iter()
                    .any(|v| v.file == passage.file && v.person == Some(person))
        }
    }
}
