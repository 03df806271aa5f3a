//! Transcripts changed on disk: the server asks the client to tell it
//! ([`Backend::watch_transcripts`], when the client can be asked), and when
//! it is told, or when a document is saved, it looks for the documents'
//! transcripts again and re-checks those whose transcripts changed
//! ([`Backend::refresh_transcripts`]).

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use super::backend::Backend;

/// The files the client is asked to watch: every format a transcript may
/// be in. Changes to the other files (drafts among them) are told apart by
/// the documents' own globs ([`super::transcripts::Transcripts::concerned`]).
pub const TRANSCRIPT_FILES: &str = "**/*.{vtt,srt,json,txt,md}";

impl Backend {
    /// Registers the transcript watcher, from a task: awaiting a request to
    /// the client in a notification handler could deadlock the transport.
    pub(super) fn watch_transcripts(&self) {
        if !self.support().watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(TRANSCRIPT_FILES.to_owned()),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "copydesk-transcripts".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::warn!("the client would not watch transcripts for changes: {e}");
            }
        });
    }

    /// Files changed on disk: the documents whose transcripts they may be
    /// look for them again.
    pub(super) fn files_changed(&self, changes: &[FileEvent]) {
        let paths: Vec<PathBuf> = changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        let concerned = self.transcripts.concerned(&paths);
        if !concerned.is_empty() {
            self.refresh_transcripts(concerned, paths);
        }
    }

    /// On the analysis thread: forgets the transcripts at `changed` (read
    /// again however recent their modification time), looks for the
    /// transcripts of `documents` again, and re-checks each document whose
    /// transcripts are not the ones it was checked against.
    pub(super) fn refresh_transcripts(&self, documents: Vec<Uri>, changed: Vec<PathBuf>) {
        let jobs: Vec<_> = documents
            .into_iter()
            .map(|uri| {
                let config = self.config_for(&uri);
                (uri, config)
            })
            .collect();
        let backend = self.clone();
        tokio::spawn(async move {
            let (store, transcripts) = (backend.store.clone(), backend.transcripts.clone());
            let refreshed = backend.analyser.run(move || {
                transcripts.forget(&changed);
                let mut out = Vec::new();
                for (uri, config) in jobs {
                    let Some((_, text, format)) = store.current(&uri) else {
                        continue;
                    };
                    if transcripts.refresh(&uri, &config, &text, format) {
                        store.forget_analysis(&uri);
                        out.push(uri);
                    }
                }
                out
            });
            let refreshed = refreshed.await;
            backend.after_transcript_work();
            match refreshed {
                // New findings, and perhaps new `✓` hints.
                Ok(uris) => backend.recheck(uris, backend.hint_kinds().transcripts),
                Err(e) => tracing::error!("reading transcripts failed: {e}"),
            }
        });
    }
}
