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
//! with the client's settings on top ([`settings`]).

mod analyser;
pub mod config_files;
pub mod convert;
mod features;
pub mod settings;
pub mod store;
pub mod transport;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use analyser::Analyser;
use config_files::ConfigFiles;
use convert::Encoding;
use settings::Settings;
use store::{format_of, Snapshot, Store};

/// Shared state behind the server.
#[derive(Clone)]
pub struct Backend {
    client: Client,
    store: Arc<Store>,
    /// The settings sent with `initialize`.
    initial: Arc<RwLock<Settings>>,
    /// The client's settings in force: the latest
    /// `didChangeConfiguration` over the initial ones.
    settings: Arc<RwLock<Settings>>,
    encoding: Arc<RwLock<Encoding>>,
    /// Optional protocol features the client announced.
    support: Arc<RwLock<features::ClientSupport>>,
    config_files: Arc<ConfigFiles>,
    /// Set by `shutdown`: `exit` after it ends with status 0, without it 1.
    shut_down: Arc<AtomicBool>,
    /// Whether the client answers `workspace/configuration`.
    pulls_configuration: Arc<AtomicBool>,
    /// Whether the user has been told that a message held lone surrogates
    /// (once a session is enough).
    told_invalid_characters: Arc<AtomicBool>,
    /// A problem with the `initializationOptions`, shown once initialized.
    init_problem: Arc<RwLock<Option<String>>>,
    /// Where analyses run.
    analyser: Analyser,
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
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
        }
    }

    /// The configuration for a document: its `copydesk.toml` (if any) with
    /// the client's settings on top, key by key.
    fn config_for(&self, uri: &Uri) -> crate::Config {
        read(&self.settings)
            .apply(self.config_files.config_of(uri))
            .0
    }

    fn encoding(&self) -> Encoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    fn support(&self) -> features::ClientSupport {
        *self.support.read().unwrap_or_else(|e| e.into_inner())
    }

    /// An analysis of the current version of a document, made now if the
    /// latest one is stale (requests want answers about what is on screen).
    async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        if let Some(s) = self.store.fresh(uri) {
            return Some(s);
        }
        let (_, opening) = self.store.state(uri)?;
        let generation = self.store.generation();
        let config = self.config_for(uri);
        let store = self.store.clone();
        let document = uri.clone();
        // The text is copied out of the rope when the job's turn comes, not
        // while it waits in the queue.
        let analysed = self
            .analyser
            .run(move || store.analysis_now(&document, opening, generation, &config));
        match analysed.await {
            Ok(snapshot) => snapshot, // none: closed or reopened meanwhile
            Err(e) => {
                // A panic in the analysis: log it and answer nothing; the
                // findings published for an earlier version stay on screen.
                tracing::error!("analysing {} failed: {e}", uri.as_str());
                None
            }
        }
    }

    /// Re-checks a document after the debounce and publishes its findings,
    /// unless another edit arrived meanwhile.
    fn schedule_check(&self, uri: Uri, version: i32, immediately: bool) {
        let store = self.store.clone();
        let client = self.client.clone();
        let debounce_ms = read(&self.settings).debounce_ms();
        let generation = self.store.generation();
        let config = self.config_for(&uri);
        let encoding = self.encoding();
        let support = self.support();
        let Some((_, opening)) = self.store.state(&uri) else {
            return;
        };
        let analyser = self.analyser.clone();
        tokio::spawn(async move {
            if !immediately && debounce_ms > 0 {
                tokio::time::sleep(Duration::from_millis(debounce_ms)).await;
            }
            if store.state(&uri) != Some((version, opening)) {
                return; // a newer edit (or a reopening) will publish
            }
            let (job_store, job_uri) = (store.clone(), uri.clone());
            let analysed = analyser.run(move || {
                // Analyses queue: by this job's turn a newer edit may have
                // come, and its own check will publish.
                if job_store.state(&job_uri) != Some((version, opening)) {
                    return None;
                }
                job_store.analysis_now(&job_uri, opening, generation, &config)
            });
            let snapshot = match analysed.await {
                Ok(Some(snapshot)) => snapshot,
                Ok(None) => return,
                Err(e) => {
                    // A panic in the analysis: keep the previous findings.
                    tracing::error!("checking {} failed: {e}", uri.as_str());
                    return;
                }
            };
            if store.state(&uri) != Some((snapshot.version, opening)) {
                return; // edited, closed or reopened meanwhile
            }
            let diagnostics = features::diagnostics(&snapshot, encoding, support);
            client
                .publish_diagnostics(uri, diagnostics, Some(snapshot.version))
                .await;
        });
    }

    /// Answers the stand-in for a frame the transport filter could not read.
    async fn unreadable_input(&self, params: serde_json::Value) -> Result<()> {
        Err(stand_in_error(ErrorCode::ParseError, &params))
    }

    /// Answers the stand-in for a message that is not a request the
    /// service can read (an id that is an object, say).
    async fn invalid_request(&self, params: serde_json::Value) -> Result<()> {
        Err(stand_in_error(ErrorCode::InvalidRequest, &params))
    }

    /// The transport filter replaced lone surrogates in a message: warn the
    /// user, the first time only, from a task so the transport never waits.
    async fn invalid_characters(&self, params: serde_json::Value) {
        if self.told_invalid_characters.swap(true, Ordering::Relaxed) {
            return;
        }
        let message = transport::invalid_characters_message(&params);
        let client = self.client.clone();
        tokio::spawn(async move { client.show_message(MessageType::WARNING, message).await });
    }

    fn recheck_all(&self) {
        // Analyses made under the old configuration must not be reused.
        self.store.forget_analyses();
        for uri in self.store.open_uris() {
            if let Some(version) = self.store.version(&uri) {
                self.schedule_check(uri, version, true);
            }
        }
    }

    /// Takes new settings from `didChangeConfiguration` (pushed or pulled):
    /// they override the initial ones key by key.
    fn apply_settings(&self, settings: Settings) {
        let (_, problems) = settings.config();
        let settings = settings.layered_over(&read(&self.initial));
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) = settings;
        if !problems.is_empty() {
            let client = self.client.clone();
            tokio::spawn(async move {
                client
                    .show_message(MessageType::WARNING, problems.join("\n"))
                    .await;
            });
        }
        self.recheck_all();
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offers_utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        let encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        *self.encoding.write().unwrap_or_else(|e| e.into_inner()) = encoding;
        let support = features::ClientSupport::of(&params.capabilities);
        *self.support.write().unwrap_or_else(|e| e.into_inner()) = support;
        if let Some(options) = &params.initialization_options {
            match Settings::from_json(options) {
                Ok(settings) => {
                    // Unknown rules and levels: said once initialized, as
                    // for a change of configuration.
                    let (_, problems) = settings.config();
                    if !problems.is_empty() {
                        *self.init_problem.write().unwrap_or_else(|e| e.into_inner()) =
                            Some(problems.join("\n"));
                    }
                    *self.initial.write().unwrap_or_else(|e| e.into_inner()) = settings.clone();
                    *self.settings.write().unwrap_or_else(|e| e.into_inner()) = settings;
                }
                Err(message) => {
                    tracing::warn!("{message}");
                    *self.init_problem.write().unwrap_or_else(|e| e.into_inner()) = Some(message);
                }
            }
        }
        let pulls = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        self.pulls_configuration.store(pulls, Ordering::Relaxed);
        Ok(InitializeResult {
            capabilities: features::capabilities(encoding, support),
            server_info: Some(ServerInfo {
                name: "copydesk".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!("copydesk language server ready");
        let problem = self
            .init_problem
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(message) = problem {
            let client = self.client.clone();
            tokio::spawn(async move { client.show_message(MessageType::WARNING, message).await });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::Relaxed);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let format = format_of(&doc.uri, &doc.language_id);
        self.store
            .open(doc.uri.clone(), &doc.text, doc.version, format);
        // The document is in the store; now its copydesk.toml (looked up,
        // and read if new or changed, synchronously: a few metadata calls
        // and at most one small file), so the first check uses it.
        let messages = self.config_files.open(&doc.uri);
        if !messages.is_empty() {
            let client = self.client.clone();
            tokio::spawn(async move {
                client
                    .show_message(MessageType::WARNING, messages.join("\n"))
                    .await;
            });
        }
        self.schedule_check(doc.uri, doc.version, true);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        if self
            .store
            .change(&uri, version, &params.content_changes, self.encoding())
        {
            self.schedule_check(uri, version, false);
        } else {
            tracing::debug!("ignored a stale or unknown change to {}", uri.as_str());
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.store.close(&uri);
        self.config_files.close(&uri);
        let client = self.client.clone();
        tokio::spawn(async move { client.publish_diagnostics(uri, Vec::new(), None).await });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Settings pushed under a `copydesk` key, or as the bare object (any
        // copydesk setting in it, or any object at all from a client that
        // cannot be asked: `{}` clears them); otherwise (`null`, say) a
        // nudge to pull them.
        let has_section = params.settings.get("copydesk").is_some();
        let pulls = self.pulls_configuration.load(Ordering::Relaxed);
        let object = params.settings.is_object();
        match Settings::from_json(&params.settings) {
            Ok(settings)
                if has_section || (object && (!pulls || settings != Settings::default())) =>
            {
                self.apply_settings(settings)
            }
            Err(message) => {
                // Wrong types: say so and keep the settings in force.
                let client = self.client.clone();
                tokio::spawn(
                    async move { client.show_message(MessageType::WARNING, message).await },
                );
            }
            Ok(_) if self.pulls_configuration.load(Ordering::Relaxed) => {
                // Pull-model clients send an empty notification: ask for the
                // section, in a task so the transport is never blocked.
                let backend = self.clone();
                tokio::spawn(async move {
                    let client = backend.client.clone();
                    let item = ConfigurationItem {
                        scope_uri: None,
                        section: Some("copydesk".to_owned()),
                    };
                    let Ok(values) = client.configuration(vec![item]).await else {
                        return;
                    };
                    let Some(value) = values.into_iter().next() else {
                        return;
                    };
                    match Settings::from_json(&value) {
                        Ok(new) => backend.apply_settings(new),
                        Err(message) => client.show_message(MessageType::WARNING, message).await,
                    }
                });
            }
            Ok(_) => tracing::debug!("a configuration change without copydesk settings"),
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("hover", || {
            features::hover(&s, at.position, self.encoding())
        }))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("document_symbols", || {
            features::document_symbols(&s, self.encoding())
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("definition", || {
            features::definition(&s, &at.text_document.uri, at.position, self.encoding())
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("references", || {
            features::references(
                &s,
                &at.text_document.uri,
                at.position,
                params.context.include_declaration,
                self.encoding(),
            )
        }))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("highlights", || {
            features::highlights(&s, at.position, self.encoding())
        }))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("prepare_rename", || {
            features::prepare_rename(&s, params.position, self.encoding())
        }))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        features::rename(
            &s,
            &at.text_document.uri,
            at.position,
            &params.new_name,
            self.encoding(),
        )
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("code_actions", || {
            features::code_actions(&s, &params, self.encoding(), self.support())
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !read(&self.settings).inlay_hints() {
            return Ok(None);
        }
        let Some(s) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("inlay_hints", || {
            features::inlay_hints(&s, params.range, self.encoding())
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        let config = self.config_for(&at.text_document.uri);
        Ok(guarded("completion", || {
            features::completion(
                &s,
                at.position,
                &config,
                self.encoding(),
                self.support().label_details,
            )
        }))
    }
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

/// Runs a feature, containing a panic: it is logged and the request gets an
/// empty answer, and the server keeps serving.
fn guarded<T>(what: &str, f: impl FnOnce() -> Option<T>) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(answer) => answer,
        Err(_) => {
            tracing::error!("{what} failed on this document; answering with nothing");
            None
        }
    }
}

/// Asks glibc for a single malloc arena. The server has two busy threads,
/// the runtime's (messages in and out, as JSON) and the analysis thread;
/// with an arena each, memory one frees cannot serve the other, and a 10 MB
/// draft's peak was about 50 MiB higher. Must run before any other thread
/// starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only sets an allocator parameter; it is called before
    // the runtime or any other thread of this program exists.
    let accepted = unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
    if accepted != 1 {
        tracing::debug!("glibc did not take M_ARENA_MAX=1");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}

/// Serves LSP on stdin/stdout until the client exits. Logs go to stderr,
/// at the level in `COPYDESK_LOG` (default `warn`).
pub fn run_stdio() -> std::process::ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    one_malloc_arena();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            // stderr: stdout belongs to the protocol
            tracing::error!("copydesk: cannot start the language server: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let analyser = match Analyser::start() {
        Ok(analyser) => analyser,
        Err(e) => {
            tracing::error!("copydesk: cannot start the analysis thread: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    runtime.block_on(async move {
        let (service, socket) =
            LspService::build(move |client| Backend::new(client, flag, analyser))
                .custom_method(transport::STAND_IN_METHOD, Backend::unreadable_input)
                .custom_method(transport::INVALID_REQUEST_METHOD, Backend::invalid_request)
                .custom_method(
                    transport::INVALID_CHARACTERS_METHOD,
                    Backend::invalid_characters,
                )
                .finish();
        // Frames pass through a filter that survives bad input (see
        // `transport`); the service reads the filtered stream.
        let (filtered, feed) = tokio::io::duplex(256 * 1024);
        tokio::spawn(transport::filter_frames(tokio::io::stdin(), feed));
        Server::new(filtered, tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_background();
    // `exit` without `shutdown` first ends with status 1 (LSP specification).
    if shut_down.load(Ordering::Relaxed) {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}
