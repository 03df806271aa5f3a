//! What a user can change about the checks: which rules run and at what
//! severity, the house style, and extra words the analysis should know.
//!
//! One model for the command line and the language server. Layers, each
//! overriding the one before key by key:
//!
//! 1. the defaults;
//! 2. the project's `copydesk.toml` ([`file`]), found upward from the draft;
//! 3. for the server, the client's `initializationOptions`, then its
//!    `workspace/didChangeConfiguration` settings; for the command line,
//!    `--style` and `--disable`.

pub mod file;

use std::collections::BTreeMap;

use crate::analysis::balance::GenderPolicy;
pub use crate::analysis::Style;
use crate::analysis::{Chooser, Lexicon, Options, SourceFormat};
use crate::diagnostic::Severity;
use crate::transcript::Transcripts;

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Per-rule levels by diagnostic code; rules not named keep their default.
    pub levels: BTreeMap<String, Level>,
    /// The house style for subsequent references.
    pub style: Style,
    /// The words to read drafts by: the built-in lexicon, with the speech
    /// verbs, titles and people register a `copydesk.toml` adds.
    pub lexicon: Lexicon,
    /// How speakers are chosen: the compiled-in speaker model, unless a
    /// developer's hidden option says otherwise (never from copydesk.toml).
    pub speakers: Chooser,
    /// The interview transcripts to hold the draft's quotations against,
    /// as read by the command line or the server, and how their speaker
    /// labels map to people.
    pub transcripts: Transcripts,
    /// `[transcripts] paths`: where the transcripts are, as globs relative
    /// to `transcript_base`.
    pub transcript_paths: Vec<String>,
    /// The folder of the `copydesk.toml` that gave `transcript_paths`.
    pub transcript_base: Option<std::path::PathBuf>,
    /// `[sources]`: how the source count decides gender, and the share of
    /// quoted words below which `source-balance` speaks.
    pub sources: SourcesConfig,
}

/// How sources are counted (`[sources]` in `copydesk.toml`, the server's
/// `sourceGender` and `minWomenShare` settings).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SourcesConfig {
    /// Whether a given name's usual gender may decide (`gender = "names"`,
    /// the default) or only what the text states (`"text-only"`).
    pub gender: GenderPolicy,
    /// `min_women_share`, 0 to 1: below it, `source-balance` gives a hint.
    /// None (the default) keeps the rule silent.
    pub min_women_share: Option<f64>,
}

impl Config {
    /// What the analysis of a draft in `format` needs from this
    /// configuration: the words to read it by.
    pub fn options(&self, format: SourceFormat) -> Options {
        Options {
            format,
            lexicon: self.lexicon.clone(),
            speakers: self.speakers.clone(),
            transcripts: self.transcripts.clone(),
        }
    }

    /// The severity to report `code` at, or `None` when it is switched off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.levels.get(code) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(default),
        }
    }
}
