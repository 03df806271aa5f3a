//! The protocol's requests and notifications, each handled by the
//! [`Backend`]: documents opened, edited and closed (synchronously, before
//! any `.await`, as tower-lsp runs notifications concurrently), settings,
//! and the editor's questions answered from [`crate::ide`] by way of
//! [`super::features`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::LanguageServer;

use super::backend::{read, Backend};
use super::convert::Encoding;
use super::features;
use super::settings::Settings;
use super::store::{format_of, is_transcript_file};

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
        self.set_workspace_folders(&params);
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
        self.watch_transcripts();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::Relaxed);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let format = format_of(&doc.uri, &doc.language_id);
        // A transcript opened (editors open `.vtt` and `.srt` as plain
        // text): known by its name now, or by a draft using it when checked.
        let transcript = is_transcript_file(&doc.uri, &doc.language_id);
        self.store
            .open(doc.uri.clone(), &doc.text, doc.version, format);
        // The document is in the store; now its copydesk.toml (looked up,
        // and read if new or changed, synchronously: a few metadata calls
        // and at most one small file), so the first check uses it.
        let messages = self.config_files.open(&doc.uri);
        // Its transcripts are read by its first check, on the analysis
        // thread.
        self.transcripts.open(&doc.uri, transcript);
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
        self.lenses.forget(&uri);
        self.config_files.close(&uri);
        self.transcripts.close(&uri);
        let client = self.client.clone();
        tokio::spawn(async move { client.publish_diagnostics(uri, Vec::new(), None).await });
        // The files it used as transcripts are drafts again if open.
        self.after_transcript_work();
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.transcripts.is_transcript(&uri) {
            // A transcript saved: the drafts using it read it again (a
            // client that watches files says so itself).
            if !self.support().watch_files {
                self.files_changed(&[FileEvent::new(uri, FileChangeType::CHANGED)]);
            }
            return;
        }
        // Transcripts may have been added, renamed or mended meanwhile.
        self.refresh_transcripts(vec![uri], Vec::new());
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.files_changed(&params.changes);
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

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.change_workspace_folders(&params.event);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(s) = self.snapshot(&at.text_document.uri).await else {
            return Ok(None);
        };
        let policy = self.config_for(&at.text_document.uri).sources.gender;
        Ok(guarded("hover", || {
            features::hover(&s, at.position, self.encoding(), policy)
        }))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(s) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let policy = self.config_for(&params.text_document.uri).sources.gender;
        Ok(guarded("document_symbols", || {
            features::document_symbols(&s, self.encoding(), policy)
        }))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        if !read(&self.settings).source_lens() {
            return Ok(None);
        }
        let uri = params.text_document.uri;
        let Some(s) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let policy = self.config_for(&uri).sources.gender;
        Ok(guarded("code_lens", || {
            features::code_lenses(&s, &uri, self.encoding(), policy)
        }))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != features::SOURCE_BALANCE {
            return Err(Error::invalid_params(format!(
                "copydesk has no command “{}”; it runs {}",
                params.command,
                features::SOURCE_BALANCE
            )));
        }
        self.source_balance(params.arguments).await.map(Some)
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
        let wanted = self.hint_kinds();
        if !wanted.any() {
            return Ok(None);
        }
        let Some(s) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(guarded("inlay_hints", || {
            features::inlay_hints(&s, params.range, self.encoding(), wanted)
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
