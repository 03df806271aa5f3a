//! The interview transcripts of each open document, read from disk for the
//! analysis: the globs of its `copydesk.toml` (`[transcripts] paths`) and,
//! for Markdown, the `transcripts:` of its front matter.
//!
//! One [`Library`] holds every transcript read, parsed and indexed once,
//! shared by the documents that name it. Reading is done on the analysis
//! thread, never on the transport: in the analysis job itself when the
//! document is new or what it names has changed (its configuration's globs,
//! or its front matter's list, compared on each analysis: a few lines
//! parsed, no file touched), and in a job of its own ([`Transcripts::refresh`])
//! when the document is saved or a transcript changes on disk. Problems
//! (a file that cannot be read, a glob that matches nothing) are queued once
//! each for the server to show.
//!
//! An open document may itself be a transcript ([`Transcripts::is_transcript`]):
//! by its file name (`.vtt`, `.srt`, `.json`, told at opening), or because
//! an open draft uses it as one now (`notes/okafor.txt` named by
//! `[transcripts] paths`). A transcript is not checked as a draft; the
//! documents whose standing changes as drafts' transcripts change are
//! queued for the server to check again ([`Transcripts::take_changed_standing`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::ls_types::Uri;

use crate::analysis::SourceFormat;
use crate::config::Config;
use crate::transcript::front_matter::transcript_paths;
use crate::transcript::load::{Library, Wanted};
use crate::transcript::Transcript;

/// What a document's transcripts were looked for with: when this is
/// unchanged, so are they (until a file changes on disk).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Asked {
    globs: Vec<String>,
    base: Option<PathBuf>,
    front_matter: Vec<String>,
}

/// One open document's transcripts.
#[derive(Default)]
struct Held {
    /// `None` until they are first looked for.
    asked: Option<Asked>,
    files: Vec<Arc<Transcript>>,
    /// Where the document's transcripts may be (each glob made absolute),
    /// to tell whether a file created, changed or deleted concerns it.
    patterns: Vec<glob::Pattern>,
    /// The document's own file (canonical where it exists, as the library
    /// names the files it reads), to tell whether a draft uses it.
    own: Option<PathBuf>,
    /// A transcript by its file name: never checked as a draft.
    transcript_file: bool,
}

impl Held {
    fn concerns(&self, path: &Path) -> bool {
        self.patterns.iter().any(|p| p.matches_path(path))
            || self
                .files
                .iter()
                .any(|t| t.path.as_deref().is_some_and(|own| own == path))
    }
}

#[derive(Default)]
pub struct Transcripts {
    /// Locked only on the analysis thread (it is held while files are
    /// read), never by a handler on the transport.
    library: Mutex<Library>,
    documents: Mutex<HashMap<Uri, Held>>,
    /// Messages for the user, each once, until the server shows them.
    pending: Mutex<Vec<String>>,
    /// Open documents that became transcripts or stopped being ones, until
    /// the server checks them again.
    changed_standing: Mutex<Vec<Uri>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Transcripts {
    /// A document opened: its transcripts are read by its first analysis.
    /// `transcript_file`: its name says it is a transcript
    /// ([`super::store::is_transcript_file`]). Its path is made canonical
    /// here, once (a metadata call or two), not on each check.
    pub fn open(&self, uri: &Uri, transcript_file: bool) {
        let own = uri
            .to_file_path()
            .map(|p| p.canonicalize().unwrap_or_else(|_| p.into_owned()));
        let held = Held {
            own,
            transcript_file,
            ..Held::default()
        };
        lock(&self.documents).insert(uri.clone(), held);
    }

    /// A document closed: the files it used are no longer transcripts on
    /// its account.
    pub fn close(&self, uri: &Uri) {
        self.change_documents(|documents| documents.remove(uri));
    }

    /// Whether the open document `uri` is a transcript: by its file name,
    /// or because an open draft uses its file as one. Cheap (no file is
    /// touched): checked before each analysis and request.
    pub fn is_transcript(&self, uri: &Uri) -> bool {
        let documents = lock(&self.documents);
        documents
            .get(uri)
            .is_some_and(|held| is_transcript(&documents, held))
    }

    /// The document `uri` is a transcript: it no longer names transcripts
    /// of its own (they would be read for nothing, and a draft it named
    /// could pass for a transcript on its account).
    pub fn set_aside(&self, uri: &Uri) {
        self.change_documents(|documents| {
            if let Some(held) = documents.get_mut(uri) {
                *held = Held {
                    own: held.own.take(),
                    transcript_file: held.transcript_file,
                    ..Held::default()
                };
            }
        });
    }

    /// The open documents that became transcripts or stopped being ones
    /// since last asked: each is to be checked again.
    pub fn take_changed_standing(&self) -> Vec<Uri> {
        std::mem::take(&mut *lock(&self.changed_standing))
    }

    /// Changes the documents with `f`, noting each open document whose
    /// standing (transcript or draft) changes with it.
    fn change_documents<T>(&self, f: impl FnOnce(&mut HashMap<Uri, Held>) -> T) -> T {
        let mut documents = lock(&self.documents);
        let before = transcript_documents(&documents);
        let out = f(&mut documents);
        let after = transcript_documents(&documents);
        let changed: Vec<Uri> = before
            .symmetric_difference(&after)
            .filter(|uri| documents.contains_key(*uri))
            .cloned()
            .collect();
        drop(documents);
        if !changed.is_empty() {
            lock(&self.changed_standing).extend(changed);
        }
        out
    }

    /// The transcripts to analyse `text` (the document `uri`) against,
    /// looked for again only when what names them changed. Runs on the
    /// analysis thread.
    pub fn files_for(
        &self,
        uri: &Uri,
        config: &Config,
        text: &str,
        format: SourceFormat,
    ) -> Vec<Arc<Transcript>> {
        let asked = asked(config, text, format);
        {
            let documents = lock(&self.documents);
            match documents.get(uri) {
                Some(held) if is_transcript(&documents, held) => return Vec::new(),
                Some(held) if held.asked.as_ref() == Some(&asked) => return held.files.clone(),
                Some(_) => {}
                None => return Vec::new(), // closed meanwhile
            }
        }
        self.load(uri, asked).unwrap_or_default()
    }

    /// Looks for a document's transcripts again (it was saved, or a file it
    /// may name changed on disk). Returns whether they differ from those
    /// its analyses were made with. Runs on the analysis thread.
    pub fn refresh(&self, uri: &Uri, config: &Config, text: &str, format: SourceFormat) -> bool {
        let before = {
            let documents = lock(&self.documents);
            match documents.get(uri) {
                Some(held) if !is_transcript(&documents, held) => held.files.clone(),
                _ => return false, // closed, or a transcript itself
            }
        };
        match self.load(uri, asked(config, text, format)) {
            Some(after) => {
                before.len() != after.len()
                    || before.iter().zip(&after).any(|(a, b)| !Arc::ptr_eq(a, b))
            }
            None => false,
        }
    }

    /// The open documents a change to one of `paths` concerns: those whose
    /// globs match it or that use it. Cheap (no file is touched): the
    /// transport calls it for every watched-file notification.
    pub fn concerned(&self, paths: &[PathBuf]) -> Vec<Uri> {
        lock(&self.documents)
            .iter()
            .filter(|(_, held)| paths.iter().any(|p| held.concerns(p)))
            .map(|(uri, _)| uri.clone())
            .collect()
    }

    /// Drops `paths` from the library, so the next look reads them again
    /// whatever their modification time says. Runs on the analysis thread.
    pub fn forget(&self, paths: &[PathBuf]) {
        let mut library = lock(&self.library);
        for path in paths {
            library.forget(path);
        }
    }

    /// The messages not yet shown to the user.
    pub fn take_messages(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.pending))
    }

    /// Reads (or reuses from the library) the transcripts `asked` names for
    /// `uri`, and keeps them; `None` when the document was closed.
    fn load(&self, uri: &Uri, asked: Asked) -> Option<Vec<Arc<Transcript>>> {
        let draft = uri.to_file_path().map(|p| p.into_owned());
        let draft_folder = draft
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let wanted = Wanted {
            config_globs: asked.globs.clone(),
            config_folder: asked.base.clone(),
            front_matter: asked.front_matter.clone(),
            draft_folder: draft_folder.clone(),
            files: Vec::new(),
            draft,
        };
        let (files, messages) = lock(&self.library).transcripts(&wanted);
        lock(&self.pending).extend(messages.into_iter().map(|m| format!("copydesk: {m}")));
        let patterns = patterns(&wanted);
        self.change_documents(|documents| {
            let held = documents.get_mut(uri)?;
            held.asked = Some(asked);
            held.files = files.clone();
            held.patterns = patterns;
            Some(())
        })?;
        Some(files)
    }
}

/// Whether `held` is a transcript among `documents`: by its file name, or
/// as a file one of them uses (a transcript uses none: see
/// [`Transcripts::set_aside`]).
fn is_transcript(documents: &HashMap<Uri, Held>, held: &Held) -> bool {
    held.transcript_file
        || held.own.as_deref().is_some_and(|own| {
            documents
                .values()
                .flat_map(|other| &other.files)
                .any(|t| t.path.as_deref() == Some(own))
        })
}

/// The open documents that are transcripts.
fn transcript_documents(documents: &HashMap<Uri, Held>) -> HashSet<Uri> {
    let used: HashSet<&Path> = documents
        .values()
        .flat_map(|held| &held.files)
        .filter_map(|t| t.path.as_deref())
        .collect();
    documents
        .iter()
        .filter(|(_, held)| {
            held.transcript_file || held.own.as_deref().is_some_and(|own| used.contains(own))
        })
        .map(|(uri, _)| uri.clone())
        .collect()
}

/// What names a document's transcripts: its configuration's globs and, in
/// Markdown, its front matter's list.
fn asked(config: &Config, text: &str, format: SourceFormat) -> Asked {
    Asked {
        globs: config.transcript_paths.clone(),
        base: config.transcript_base.clone(),
        front_matter: if format == SourceFormat::Markdown {
            transcript_paths(text)
        } else {
            Vec::new()
        },
    }
}

/// Each glob of `wanted` made absolute (as [`Library`] expands it), for
/// matching the paths of changed files.
fn patterns(wanted: &Wanted) -> Vec<glob::Pattern> {
    let in_folder = |folder: &Option<PathBuf>, globs: &[String]| -> Vec<glob::Pattern> {
        let Some(folder) = folder else {
            return Vec::new();
        };
        globs
            .iter()
            .filter_map(|g| {
                let pattern = if Path::new(g).is_absolute() {
                    g.clone()
                } else {
                    // `../interviews/*.vtt`: the folder climbed first, as
                    // the paths the editor reports have no `..` in them
                    let mut folder = folder.clone();
                    let mut rest = g.as_str();
                    loop {
                        if let Some(r) = rest.strip_prefix("../") {
                            folder.pop();
                            rest = r;
                        } else if let Some(r) = rest.strip_prefix("./") {
                            rest = r;
                        } else {
                            break;
                        }
                    }
                    let folder = glob::Pattern::escape(&folder.to_string_lossy());
                    format!("{folder}/{rest}")
                };
                glob::Pattern::new(&pattern).ok()
            })
            .collect()
    };
    let mut out = in_folder(&wanted.config_folder, &wanted.config_globs);
    out.extend(in_folder(&wanted.draft_folder, &wanted.front_matter));
    out
}

#[cfg(test)]
mod tests;
