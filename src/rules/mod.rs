//! Diagnostics: each rule is one small type in its own file implementing
//! [`Rule`] ([`rule`]), registered in [`all_rules`].

mod first_reference;
mod headline_quote;
pub(crate) mod inconsistent_reference;
mod misquote;
mod name_spelling;
mod quote_style;
mod rule;
mod source_balance;
pub(crate) mod title_mismatch;
mod transcript_mismatch;
mod transcript_missing;
mod transcript_speaker;
mod unattributed_quote;
mod unclosed_quote;

use crate::analysis::Analysis;
use crate::config::Config;
pub use crate::diagnostic::{Diagnostic, Severity};
pub use rule::Rule;

pub use first_reference::FirstReference;
pub use headline_quote::HeadlineQuote;
pub use inconsistent_reference::InconsistentReference;
pub use misquote::Misquote;
pub use name_spelling::NameSpelling;
pub use quote_style::QuoteStyle;
pub use source_balance::SourceBalance;
pub use title_mismatch::TitleMismatch;
pub use transcript_mismatch::TranscriptMismatch;
pub use transcript_missing::TranscriptMissing;
pub use transcript_speaker::TranscriptSpeaker;
pub use unattributed_quote::UnattributedQuote;
pub use unclosed_quote::UnclosedQuote;

/// Every rule, in the order their findings are listed for a position.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    &[
        &UnclosedQuote,
        &UnattributedQuote,
        &InconsistentReference,
        &FirstReference,
        &TitleMismatch,
        &NameSpelling,
        &HeadlineQuote,
        &Misquote,
        &QuoteStyle,
        &TranscriptMismatch,
        &TranscriptMissing,
        &TranscriptSpeaker,
        &SourceBalance,
    ]
}

/// Runs every enabled rule and returns the findings in text order, at their
/// configured severity, without those that start where the draft's ignore
/// comments switch their rule off.
pub fn check(analysis: &Analysis, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in all_rules() {
        let Some(severity) = config.severity(rule.code(), rule.default_severity()) else {
            continue;
        };
        out.extend(
            rule.check(analysis, config)
                .into_iter()
                // switched off here by an ignore comment in the draft
                .filter(|d| !analysis.is_disabled(d.code, d.range.start))
                .map(|mut d| {
                    // a finding made milder than its rule stays milder
                    d.severity = if d.severity > rule.default_severity() {
                        severity.max(d.severity)
                    } else {
                        severity
                    };
                    d
                }),
        );
    }
    out.sort_by_key(|d| (d.range.start, d.range.end));
    out
}

/// For rule tests: the findings on `text` that touch the first `at` in it.
#[cfg(test)]
pub(crate) fn test_findings_at(
    text: &str,
    format: crate::analysis::SourceFormat,
    at: &str,
) -> Vec<Diagnostic> {
    let start = text.find(at).expect("the marker is in the text");
    crate::draft::check_draft(text, format, &Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.range.start <= start && start <= d.range.end)
        .collect()
}

/// For rule tests: `text` mended by the fix whose title starts with `title`,
/// of a finding that touches the first `at` in it.
#[cfg(test)]
pub(crate) fn test_fixed(
    text: &str,
    format: crate::analysis::SourceFormat,
    at: &str,
    title: &str,
) -> String {
    let found = test_findings_at(text, format, at);
    let fix = found
        .iter()
        .flat_map(|d| &d.fixes)
        .find(|f| f.title.starts_with(title))
        .unwrap_or_else(|| panic!("no fix {title:?} at {at:?} in {found:#?}"));
    crate::diagnostic::apply(text, &fix.edits)
}

/// For rule tests: the codes of every finding on `text`.
#[cfg(test)]
pub(crate) fn test_codes(text: &str, format: crate::analysis::SourceFormat) -> Vec<&'static str> {
    crate::draft::check_draft(text, format, &Config::default())
        .diagnostics
        .into_iter()
        .map(|d| d.code)
        .collect()
}

/// For rule tests: the text and message of each finding of `rule` on `text`.
#[cfg(test)]
pub(crate) fn test_findings(rule: &dyn Rule, text: &str) -> Vec<(String, String)> {
    let analysis = crate::analysis::analyze(text, &crate::analysis::Options::default());
    rule.check(&analysis, &Config::default())
        .into_iter()
        .map(|d| (text[d.range].to_owned(), d.message))
        .collect()
}
