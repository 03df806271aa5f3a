//! Open documents: the live text as a rope, its version, and the latest
//! analysis of it. Edits are applied synchronously under a short lock, with
//! nothing awaited while it is held, so notifications that tower-lsp runs
//! concurrently cannot interleave half-applied edits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::analysis::{Analysis, SourceFormat};
use crate::diagnostic::Diagnostic;
use crate::draft::{check_draft, CheckedDraft};
use crate::transcript::{Format, Transcript};
use crate::Config;

use super::convert::{self, rope_char, Encoding};

/// One analysis of one version of a document.
pub struct Snapshot {
    pub version: i32,
    /// The configuration generation it was made under ([`Store::generation`]).
    pub generation: u64,
    /// The text as edited, when it differs from the analysis's prose (which
    /// blanks Markdown syntax and ignore comments); for most plain-text
    /// drafts the two are the same and only one copy is kept.
    own_text: Option<String>,
    pub analysis: Analysis,
    pub diagnostics: Vec<Diagnostic>,
}

impl Snapshot {
    /// Analyses and checks `text` with `config` (its rule levels, style and
    /// the extra words of the document's `copydesk.toml`).
    pub fn new(version: i32, text: String, format: SourceFormat, config: &Config) -> Snapshot {
        let CheckedDraft {
            mut analysis,
            diagnostics,
        } = check_draft(&text, format, config);
        // Only the rules compare quotations' words: not kept in memory.
        analysis.forget_quote_words();
        let own_text = (text != analysis.document.prose).then_some(text);
        Snapshot {
            version,
            generation: 0,
            own_text,
            analysis,
            diagnostics,
        }
    }

    /// The text this snapshot analysed.
    pub fn text(&self) -> &str {
        self.own_text
            .as_deref()
            .unwrap_or(&self.analysis.document.prose)
    }

    /// The LSP position of a byte offset in the text.
    pub fn position(
        &self,
        offset: usize,
        encoding: Encoding,
    ) -> tower_lsp_server::ls_types::Position {
        convert::position(&self.analysis.document.lines, self.text(), offset, encoding)
    }

    /// The LSP range of a byte range of the text.
    pub fn range(
        &self,
        range: std::ops::Range<usize>,
        encoding: Encoding,
    ) -> tower_lsp_server::ls_types::Range {
        convert::range(&self.analysis.document.lines, self.text(), range, encoding)
    }

    /// The byte offset of an LSP position, clamped into the text.
    pub fn offset(&self, at: tower_lsp_server::ls_types::Position, encoding: Encoding) -> usize {
        convert::offset(&self.analysis.document.lines, self.text(), at, encoding)
    }
}

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// Which opening of the document this is: editors restart version
    /// numbers when a document is reopened, so a check begun before a close
    /// must not be taken for one of the reopened text.
    pub opening: u64,
    pub format: SourceFormat,
    pub latest: Option<Arc<Snapshot>>,
}

#[derive(Default)]
pub struct Store {
    docs: Mutex<HashMap<Uri, Document>>,
    openings: std::sync::atomic::AtomicU64,
    /// Bumped whenever the configuration changes: an analysis made under an
    /// earlier one is neither kept nor reused.
    generation: std::sync::atomic::AtomicU64,
}

/// The format a document is in, from its language id or, failing that, its
/// file name.
pub fn format_of(uri: &Uri, language_id: &str) -> SourceFormat {
    match language_id {
        "markdown" | "mdx" | "quarto" | "rmd" => SourceFormat::Markdown,
        "plaintext" | "text" | "txt" => SourceFormat::PlainText,
        _ => SourceFormat::from_path(uri.as_str()),
    }
}

/// Whether a document is an interview transcript by its name: a WebVTT,
/// SubRip or JSON file (editors open `.vtt` and `.srt` as plain text), or
/// a language id that says so. Such a document is never checked as a draft.
/// A `.txt` or `.md` transcript is told only by a draft using it (see
/// [`super::transcripts::Transcripts::is_transcript`]).
pub fn is_transcript_file(uri: &Uri, language_id: &str) -> bool {
    // the transcript formats' own extensions (`.txt` and `.md` are drafts
    // until a draft names them)
    let by_extension = Format::detect(uri.path().as_str(), "");
    matches!(language_id, "vtt" | "webvtt" | "srt" | "subrip" | "json")
        || matches!(
            by_extension,
            Some(Format::WebVtt | Format::SubRip | Format::WhisperJson)
        )
}

impl Store {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        // A panic while holding the lock cannot leave a document half-edited
        // (edits are applied to a copy first), so a poisoned lock is usable.
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: Uri, text: &str, version: i32, format: SourceFormat) {
        self.lock().insert(
            uri,
            Document {
                rope: Rope::from_str(text),
                version,
                opening: self
                    .openings
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                format,
                latest: None,
            },
        );
    }

    pub fn close(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    /// Applies a `didChange`. Returns false when the document is not open or
    /// the version is not newer than the one held (stale or out of order).
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> bool {
        let mut docs = self.lock();
        let Some(doc) = docs.get_mut(uri) else {
            return false;
        };
        if version <= doc.version {
            return false;
        }
        let mut rope = doc.rope.clone();
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = rope_char(&rope, range.start, encoding);
                    let end = rope_char(&rope, range.end, encoding).max(start);
                    rope.remove(start..end);
                    rope.insert(start, &change.text);
                }
                None => rope = Rope::from_str(&change.text),
            }
        }
        doc.rope = rope;
        doc.version = version;
        // The analysis of the old text answers nothing now (requests
        // analyse the current version): free it before the next analysis is
        // built, rather than hold two of a long draft at once, and free it
        // after the lock is released (a long draft's takes a while).
        let old = doc.latest.take();
        drop(docs);
        drop(old);
        true
    }

    /// The configuration generation: analyses made under another one are
    /// out of date.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Forgets every document's analysis: the configuration changed, and
    /// each must be made again (with the new one).
    pub fn forget_analyses(&self) {
        let old: Vec<Arc<Snapshot>> = {
            let mut docs = self.lock();
            self.generation
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            docs.values_mut().filter_map(|d| d.latest.take()).collect()
        };
        drop(old);
    }

    /// The analysis of a document's current version under `config`: the one
    /// kept if it is fresh, else made now and kept. Runs on the analysis
    /// thread; `None` when the document was closed or reopened since
    /// `opening`. Checks and requests queue there, and the first of them for
    /// a version makes the analysis the others reuse.
    ///
    /// `config` is the configuration of `generation`; when that is no longer
    /// the current one, a job for the new one is on its way and this does
    /// nothing. `transcripts` gives the interview transcripts to check the
    /// text against (see [`super::transcripts`]).
    pub fn analysis_now(
        &self,
        uri: &Uri,
        opening: u64,
        generation: u64,
        mut config: Config,
        transcripts: impl FnOnce(&Config, &str, SourceFormat) -> Vec<Arc<Transcript>>,
    ) -> Option<Arc<Snapshot>> {
        if self.state(uri)?.1 != opening || self.generation() != generation {
            return None;
        }
        if let Some(s) = self.fresh(uri) {
            return Some(s);
        }
        let (version, text, format) = self.current(uri)?;
        config.transcripts.files = transcripts(&config, &text, format);
        let mut snapshot = Snapshot::new(version, text, format, &config);
        snapshot.generation = generation;
        let snapshot = Arc::new(snapshot);
        self.keep(uri, opening, snapshot.clone());
        Some(snapshot)
    }

    /// Forgets one document's analysis: the transcripts it was checked
    /// against changed. Called on the analysis thread, where analyses are
    /// made one at a time, so none made with the old transcripts can be
    /// kept after this.
    pub fn forget_analysis(&self, uri: &Uri) {
        let old = self.lock().get_mut(uri).and_then(|d| d.latest.take());
        drop(old);
    }

    /// The current version, text and format of a document.
    pub fn current(&self, uri: &Uri) -> Option<(i32, String, SourceFormat)> {
        let docs = self.lock();
        let doc = docs.get(uri)?;
        Some((doc.version, doc.rope.to_string(), doc.format))
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.lock().get(uri).map(|d| d.version)
    }

    /// The version and the opening of a document, to tell a later state of
    /// it from the one a check was started for.
    pub fn state(&self, uri: &Uri) -> Option<(i32, u64)> {
        self.lock().get(uri).map(|d| (d.version, d.opening))
    }

    /// Keeps `snapshot` if the document is still at that version of that
    /// opening.
    pub fn keep(&self, uri: &Uri, opening: u64, snapshot: Arc<Snapshot>) -> bool {
        let mut docs = self.lock();
        match docs.get_mut(uri) {
            Some(doc)
                if doc.version == snapshot.version
                    && doc.opening == opening
                    && snapshot.generation == self.generation() =>
            {
                doc.latest = Some(snapshot);
                true
            }
            _ => false,
        }
    }

    /// The latest analysis, if it is of the current version.
    pub fn fresh(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let docs = self.lock();
        let doc = docs.get(uri)?;
        doc.latest
            .clone()
            .filter(|s| s.version == doc.version && s.generation == self.generation())
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcripts_are_told_by_their_names() {
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        for (name, language, transcript) in [
            ("file:///p/interviews/okafor.vtt", "plaintext", true),
            ("file:///p/interviews/OKAFOR.SRT", "plaintext", true),
            ("file:///p/whisper.json", "json", true),
            ("file:///p/untitled", "webvtt", true),
            ("file:///p/draft.txt", "plaintext", false),
            ("file:///p/draft.md", "markdown", false),
            ("file:///p/notes/okafor.txt", "plaintext", false),
        ] {
            assert_eq!(
                is_transcript_file(&uri(name), language),
                transcript,
                "{name}"
            );
        }
    }
}
