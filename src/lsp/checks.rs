//! Checking open documents and publishing what is found: one a short while
//! after each edit ([`Backend::schedule_check`]), all of them when the
//! settings change ([`Backend::recheck_all`]), and those whose transcripts
//! changed on disk or that became transcripts or stopped being ones
//! ([`Backend::recheck`]).
//!
//! A document that is an interview transcript is not checked as a draft:
//! it gets an empty list of findings (so none from before stays on screen).
//!
//! Inlay hints can change without an edit (a transcript mended on disk,
//! `transcriptHints` switched on), and a client asks for them again only
//! after an edit or when told to: after such a re-check has published, a
//! client that takes it is sent `workspace/inlayHint/refresh`, from a task
//! of its own, so nothing waits for the reply. A check that changes the
//! source count on the headline's lens has the lenses refreshed
//! ([`super::lenses`]) with its findings.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::Uri;

use super::backend::{read, tell_transcript_problems, Backend};
use super::features;
use super::lenses::BURST;
use super::store::Snapshot;
use crate::ide::source_lens::source_lens;

/// What checking a document came to.
enum Checked {
    /// The analysis of a draft, and the title of its source-count lens
    /// (none when lenses are off).
    Draft(Arc<Snapshot>, Option<String>),
    /// The document, at this version, is a transcript: nothing to report.
    Transcript(i32),
}

impl Backend {
    /// Checks a document after the debounce (at once if `immediately`) and
    /// publishes its findings, unless another edit arrived meanwhile.
    pub(super) fn schedule_check(&self, uri: Uri, version: i32, immediately: bool) {
        tokio::spawn(self.check(uri, version, immediately));
    }

    /// Checks the documents `uris` at once, each at its current version,
    /// and then, if `refresh_hints`, has the client ask for inlay hints
    /// again.
    pub(super) fn recheck(&self, uris: Vec<Uri>, refresh_hints: bool) {
        let checks: Vec<_> = uris
            .into_iter()
            .filter_map(|uri| {
                let version = self.store.version(&uri)?;
                Some(self.check(uri, version, true))
            })
            .collect();
        self.run_checks(checks, refresh_hints);
    }

    /// Checks every open document again under a new configuration (the
    /// analyses made under the old one are not reused); `refresh_hints` as
    /// for [`Backend::recheck`].
    pub(super) fn recheck_all(&self, refresh_hints: bool) {
        self.store.forget_analyses();
        self.recheck(self.store.open_uris(), refresh_hints);
    }

    /// After transcripts were read or a document closed: shows the problems
    /// found, and checks again the documents that became transcripts or
    /// stopped being ones (refreshing the hints shown, if any are).
    pub(super) fn after_transcript_work(&self) {
        tell_transcript_problems(&self.client, &self.transcripts);
        let changed = self.transcripts.take_changed_standing();
        if !changed.is_empty() {
            self.recheck(changed, self.hint_kinds().any());
        }
    }

    /// Whether any inlay hints are switched on, and which.
    pub(super) fn hint_kinds(&self) -> features::HintKinds {
        let settings = read(&self.settings);
        features::HintKinds {
            speakers: settings.inlay_hints(),
            transcripts: settings.transcript_hints(),
        }
    }

    /// The check of one document: what it is checked with is taken now,
    /// the work is done when the future runs. Resolves to whether findings
    /// were published.
    fn check(
        &self,
        uri: Uri,
        version: i32,
        immediately: bool,
    ) -> impl Future<Output = bool> + Send + 'static {
        let backend = self.clone();
        let debounce_ms = read(&self.settings).debounce_ms();
        let lens = read(&self.settings).source_lens();
        let generation = self.store.generation();
        let config = self.config_for(&uri);
        let policy = config.sources.gender;
        let state = self.store.state(&uri);
        async move {
            let Some((_, opening)) = state else {
                return false;
            };
            if !immediately && debounce_ms > 0 {
                tokio::time::sleep(Duration::from_millis(debounce_ms)).await;
            }
            if backend.store.state(&uri) != Some((version, opening)) {
                return false; // a newer edit (or a reopening) will publish
            }
            let (store, transcripts) = (backend.store.clone(), backend.transcripts.clone());
            let job_uri = uri.clone();
            let analysed = backend.analyser.run(move || {
                // Analyses queue: by this job's turn a newer edit may have
                // come, and its own check will publish.
                if store.state(&job_uri) != Some((version, opening)) {
                    return None;
                }
                if transcripts.is_transcript(&job_uri) {
                    transcripts.set_aside(&job_uri);
                    store.forget_analysis(&job_uri);
                    return Some(Checked::Transcript(version));
                }
                let snapshot = store.analysis_now(
                    &job_uri,
                    opening,
                    generation,
                    config,
                    |c, text, format| transcripts.files_for(&job_uri, c, text, format),
                )?;
                let title = lens.then(|| source_lens(&snapshot.analysis, policy).title);
                Some(Checked::Draft(snapshot, title))
            });
            let analysed = analysed.await;
            backend.after_transcript_work();
            backend.publish(uri, opening, analysed).await
        }
    }

    /// Publishes what a check found, if the document is still at that
    /// version of that opening; returns whether it did.
    async fn publish(
        &self,
        uri: Uri,
        opening: u64,
        analysed: Result<Option<Checked>, String>,
    ) -> bool {
        let (version, diagnostics, lens) = match analysed {
            Ok(Some(Checked::Draft(snapshot, lens))) => (
                snapshot.version,
                features::diagnostics(&snapshot, self.encoding(), self.support()),
                lens,
            ),
            Ok(Some(Checked::Transcript(version))) => (version, Vec::new(), None),
            Ok(None) => return false,
            Err(e) => {
                // A panic in the analysis: keep the previous findings.
                tracing::error!("checking {} failed: {e}", uri.as_str());
                return false;
            }
        };
        if self.store.state(&uri) != Some((version, opening)) {
            return false; // edited, closed or reopened meanwhile
        }
        let lens_changed = self.lenses.note(&uri, opening, lens);
        self.client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
        if lens_changed {
            self.refresh_lenses();
        }
        true
    }

    /// Runs `checks` side by side; once all are done, if `refresh_hints`
    /// and one of them published, asks the client to ask for inlay hints
    /// again (when it said it can be asked). Never awaited on the
    /// transport.
    fn run_checks<F>(&self, checks: Vec<F>, refresh_hints: bool)
    where
        F: Future<Output = bool> + Send + 'static,
    {
        let running: Vec<_> = checks.into_iter().map(tokio::spawn).collect();
        if !refresh_hints || !self.support().inlay_hint_refresh || running.is_empty() {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            let mut published = false;
            for check in running {
                published |= check.await.unwrap_or(false);
            }
            if published {
                if let Err(e) = client.inlay_hint_refresh().await {
                    tracing::debug!("the client would not refresh inlay hints: {e}");
                }
            }
        });
    }

    /// Has the client ask for code lenses again, if it said it can be
    /// asked; a burst of calls makes one request.
    fn refresh_lenses(&self) {
        if !self.support().code_lens_refresh || !self.lenses.start_refresh() {
            return;
        }
        let client = self.client.clone();
        let lenses = self.lenses.clone();
        tokio::spawn(async move {
            tokio::time::sleep(BURST).await;
            lenses.refresh_sent();
            if let Err(e) = client.code_lens_refresh().await {
                tracing::debug!("the client would not refresh code lenses: {e}");
            }
        });
    }
}
