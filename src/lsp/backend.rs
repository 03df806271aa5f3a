//! The server's state ([`Backend`]): the open documents, the client's
//! settings and capabilities, the configuration files, and the analysis
//! thread; and what it does between requests: checking a document after an
//! edit and publishing its findings, answering the transport's stand-ins.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

use super::analyser::Analyser;
use super::config_files::ConfigFiles;
use super::convert::Encoding;
use super::features;
use super::lenses::Lenses;
use super::settings::Settings;
use super::store::{Snapshot, Store};
use super::transcripts::Transcripts;
use super::transport;

/// Shared state behind the server.
#[derive(Clone)]
pub struct Backend {
    pub(super) client: Client,
    pub(super) store: Arc<Store>,
    /// The settings sent with `initialize`.
    pub(super) initial: Arc<RwLock<Settings>>,
    /// The client's settings in force: the latest
    /// `didChangeConfiguration` over the initial ones.
    pub(super) settings: Arc<RwLock<Settings>>,
    pub(super) encoding: Arc<RwLock<Encoding>>,
    /// Optional protocol features the client announced.
    pub(super) support: Arc<RwLock<features::ClientSupport>>,
    pub(super) config_files: Arc<ConfigFiles>,
    /// The interview transcripts of the open documents.
    pub(super) transcripts: Arc<Transcripts>,
    /// Set by `shutdown`: `exit` after it ends with status 0, without it 1.
    pub(super) shut_down: Arc<AtomicBool>,
    /// Whether the client answers `workspace/configuration`.
    pub(super) pulls_configuration: Arc<AtomicBool>,
    /// Whether the user has been told that a message held lone surrogates
    /// (once a session is enough).
    pub(super) told_invalid_characters: Arc<AtomicBool>,
    /// A problem with the `initializationOptions`, shown once initialized.
    pub(super) init_problem: Arc<RwLock<Option<String>>>,
    /// Where analyses run.
    pub(super) analyser: Analyser,
    /// The workspace's folders, where `copydesk.sourceBalance` counts a
    /// desk's drafts: from `initialize`, then as the client changes them.
    pub(super) workspace_folders: Arc<RwLock<Vec<PathBuf>>>,
    /// The source count each open document's lens last showed.
    pub(super) lenses: Arc<Lenses>,
}

pub(super) fn read<T: Clone>(lock: &RwLock<T>) -> T {
    lock.read().unwrap_or_else(|e| e.into_inner()).clone()
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>, analyser: Analyser) -> Backend {
        Backend {
            analyser,
            shut_down,
            pulls_configuration: Arc::new(AtomicBool::new(false)),
            told_invalid_characters: Arc::new(AtomicBool::new(false)),
            init_problem: Arc::new(RwLock::new(None)),
            client,
            store: Arc::new(Store::default()),
            initial: Arc::new(RwLock::new(Settings::default())),
            settings: Arc::new(RwLock::new(Settings::default())),
            encoding: Arc::new(RwLock::new(Encoding::default())),
            support: Arc::new(RwLock::new(features::ClientSupport::default())),
            config_files: Arc::new(ConfigFiles::default()),
            transcripts: Arc::new(Transcripts::default()),
            workspace_folders: Arc::new(RwLock::new(Vec::new())),
            lenses: Arc::new(Lenses::default()),
        }
    }

    /// The configuration for a document: its `copydesk.toml` (if any) with
    /// the client's settings on top, key by key.
    pub(super) fn config_for(&self, uri: &Uri) -> crate::Config {
        read(&self.settings)
            .apply(self.config_files.config_of(uri))
            .0
    }

    pub(super) fn encoding(&self) -> Encoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn support(&self) -> features::ClientSupport {
        *self.support.read().unwrap_or_else(|e| e.into_inner())
    }

    /// An analysis of the current version of a document, made now if the
    /// latest one is stale (requests want answers about what is on screen);
    /// none for a transcript, which is not a draft and gets no answers.
    pub(super) async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        if self.transcripts.is_transcript(uri) {
            return None;
        }
        if let Some(s) = self.store.fresh(uri) {
            return Some(s);
        }
        let (_, opening) = self.store.state(uri)?;
        let generation = self.store.generation();
        let config = self.config_for(uri);
        let store = self.store.clone();
        let transcripts = self.transcripts.clone();
        let document = uri.clone();
        // The text is copied out of the rope when the job's turn comes, not
        // while it waits in the queue.
        let analysed = self.analyser.run(move || {
            store.analysis_now(&document, opening, generation, config, |c, text, format| {
                transcripts.files_for(&document, c, text, format)
            })
        });
        let analysed = analysed.await;
        self.after_transcript_work();
        match analysed {
            Ok(snapshot) => snapshot, // none: closed or reopened meanwhile
            Err(e) => {
                // A panic in the analysis: log it and answer nothing; the
                // findings published for an earlier version stay on screen.
                tracing::error!("analysing {} failed: {e}", uri.as_str());
                None
            }
        }
    }

    /// Answers the stand-in for a frame the transport filter could not read.
    pub(super) async fn unreadable_input(&self, params: serde_json::Value) -> Result<()> {
        Err(stand_in_error(ErrorCode::ParseError, &params))
    }

    /// Answers the stand-in for a message that is not a request the
    /// service can read (an id that is an object, say).
    pub(super) async fn invalid_request(&self, params: serde_json::Value) -> Result<()> {
        Err(stand_in_error(ErrorCode::InvalidRequest, &params))
    }

    /// The transport filter replaced lone surrogates in a message: warn the
    /// user, the first time only, from a task so the transport never waits.
    pub(super) async fn invalid_characters(&self, params: serde_json::Value) {
        if self.told_invalid_characters.swap(true, Ordering::Relaxed) {
            return;
        }
        let message = transport::invalid_characters_message(&params);
        let client = self.client.clone();
        tokio::spawn(async move { client.show_message(MessageType::WARNING, message).await });
    }

    /// Takes new settings from `didChangeConfiguration` (pushed or pulled):
    /// they override the initial ones key by key.
    pub(super) fn apply_settings(&self, settings: Settings) {
        let (_, problems) = settings.config();
        let settings = settings.layered_over(&read(&self.initial));
        let hints_before = self.hint_kinds();
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) = settings;
        // Hints switched on or off: once the documents are checked again,
        // the client is to ask for them again.
        let hints_changed = self.hint_kinds() != hints_before;
        if !problems.is_empty() {
            let client = self.client.clone();
            tokio::spawn(async move {
                client
                    .show_message(MessageType::WARNING, problems.join("\n"))
                    .await;
            });
        }
        self.recheck_all(hints_changed);
    }
}

/// Shows the user what reading transcripts found wrong, once each, from a
/// task so the transport never waits.
pub(super) fn tell_transcript_problems(client: &Client, transcripts: &Transcripts) {
    let messages = transcripts.take_messages();
    if messages.is_empty() {
        return;
    }
    let client = client.clone();
    tokio::spawn(async move {
        client
            .show_message(MessageType::WARNING, messages.join("\n"))
            .await
    });
}

/// The error for a transport stand-in: the code's usual message and what
/// the filter found wrong (`params.why`).
fn stand_in_error(code: ErrorCode, params: &serde_json::Value) -> Error {
    let mut error = Error::new(code);
    if let Some(why) = params.get("why").and_then(|w| w.as_str()) {
        error.message = format!("{}: {why}", code.description()).into();
    }
    error
}
