//! The language server: a thin adapter from LSP to the analysis core.
//!
//! It owns the open documents ([`store`]), converts positions ([`convert`]),
//! re-checks a document a short while after each edit and publishes the
//! findings, and answers requests by asking [`crate::ide`] and converting the
//! answer. No journalism lives here.
//!
//! Two tower-lsp pitfalls shape it: notifications run concurrently, so
//! `didOpen`/`didChange`/`didClose` change the store synchronously before
//! any `.await`; and awaiting a request to the client inside a notification
//! handler can deadlock the transport, so `workspace/configuration` is
//! fetched in a spawned task.
//!
//! Each document's configuration is its `copydesk.toml` ([`config_files`])
//! with the client's settings on top ([`settings`]). Its interview
//! transcripts are read on the analysis thread ([`transcripts`]) and read
//! again when saved or changed on disk ([`watched`]). A document that is
//! itself a transcript (a `.vtt`, `.srt` or `.json` file, or a file an open
//! draft uses as one) is not checked as a draft: it gets no findings and
//! empty answers ([`checks`]). When inlay hints change without an edit (a
//! transcript changed on disk, hints switched in the settings), a client
//! that takes it is asked to refresh them; and when a check changes the
//! source count on the headline's code lens, the lenses ([`lenses`]).
//! `workspace/executeCommand` `copydesk.sourceBalance` counts the sources
//! of a story or of the workspace's drafts ([`source_balance`]).

mod analyser;
mod backend;
mod checks;
pub mod config_files;
pub mod convert;
mod features;
mod handlers;
mod lenses;
mod serve;
pub mod settings;
mod source_balance;
pub mod store;
mod transcripts;
pub mod transport;
mod watched;

pub use backend::Backend;
pub use serve::run_stdio;
