//! copydesk: a checker and language server for news drafts.
//!
//! - [`analysis`] is the pure core: text in, quotations, speakers and people
//!   out, with byte ranges.
//! - [`rules`] turns an analysis into [`diagnostic`]s, one rule per file.
//! - [`report`] renders findings for people (rustc-style) and tools (JSON).
//! - [`transcript`] reads interview transcripts and finds a quote's words
//!   in them.

pub mod analysis;
pub mod config;
pub mod diagnostic;
pub mod draft;
#[cfg(feature = "server")]
pub mod drafts;
pub mod ide;
#[cfg(feature = "server")]
pub mod lsp;
pub mod report;
pub mod rules;
pub mod source_count;
pub mod transcript;

/// This build's version, as `copydesk --version` prints it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use analysis::{analyze, Analysis, Options, SourceFormat};
pub use config::Config;
pub use diagnostic::{Diagnostic, Severity};
pub use draft::{check_draft, CheckedDraft};
pub use rules::check;
