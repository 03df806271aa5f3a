//! Checking a draft, the one way: analysed with the configuration's words,
//! then every rule run at the configured levels. The command line, the
//! language server and the tests all check drafts through here, so they
//! cannot drift apart.

use crate::analysis::{analyze, Analysis, SourceFormat};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules;

/// A draft's analysis and its findings.
#[derive(Debug, Clone)]
pub struct CheckedDraft {
    pub analysis: Analysis,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `text` (written in `format`) and checks it under `config`.
pub fn check_draft(text: &str, format: SourceFormat, config: &Config) -> CheckedDraft {
    let analysis = analyze(text, &config.options(format));
    let diagnostics = rules::check(&analysis, config);
    CheckedDraft {
        analysis,
        diagnostics,
    }
}
