//! Finding and reading a draft's transcripts from disk: the globs of its
//! `copydesk.toml` (relative to that file), the paths in its front matter
//! (relative to the draft) and those given on the command line. Each file
//! is read and indexed once, and again only when it changes (its
//! modification time or size); a file that cannot be read is reported once
//! per version, with its line, and the others are still used.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::{Format, Transcript};

/// The largest transcript read, in bytes (16 MB: days of speech).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Where a draft's transcripts are named.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// `[transcripts] paths` and the folder of the `copydesk.toml` that
    /// names them.
    pub config_globs: Vec<String>,
    pub config_folder: Option<PathBuf>,
    /// The draft's front matter `transcripts:` and the draft's folder.
    pub front_matter: Vec<String>,
    pub draft_folder: Option<PathBuf>,
    /// Files named on the command line, as given.
    pub files: Vec<PathBuf>,
    /// The draft itself, never its own transcript.
    pub draft: Option<PathBuf>,
}

struct Cached {
    stamp: Stamp,
    read: Result<Arc<Transcript>, String>,
}

/// Every transcript read so far, by path.
#[derive(Default)]
pub struct Library {
    files: HashMap<PathBuf, Cached>,
    reported: HashSet<(PathBuf, String)>,
    /// The files each project's `[transcripts] paths` name, by the
    /// project's folder: kept for a command-line run (the server asks
    /// [`Library::transcripts`] afresh instead).
    projects: HashMap<PathBuf, HashSet<PathBuf>>,
}

impl Library {
    /// The transcripts `wanted` names, read or reused, named in messages
    /// relative to the draft's folder; and messages for the user: each
    /// glob that matched nothing and each file that could not be read, once.
    pub fn transcripts(&mut self, wanted: &Wanted) -> (Vec<Arc<Transcript>>, Vec<String>) {
        let mut messages = Vec::new();
        let mut paths: Vec<PathBuf> = Vec::new();
        if let Some(folder) = &wanted.config_folder {
            for glob in &wanted.config_globs {
                self.expand(folder, glob, "copydesk.toml", &mut paths, &mut messages);
            }
        }
        if let Some(folder) = &wanted.draft_folder {
            for glob in &wanted.front_matter {
                self.expand(folder, glob, "the front matter", &mut paths, &mut messages);
            }
        }
        paths.extend(wanted.files.iter().cloned());
        let draft = wanted.draft.as_ref().and_then(|d| d.canonicalize().ok());
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for path in paths {
            let key = path.canonicalize().unwrap_or_else(|_| path.clone());
            if Some(&key) == draft.as_ref() || !seen.insert(key.clone()) {
                continue;
            }
            let shown = shown(&path, wanted.draft_folder.as_deref());
            match self.read(&key, &shown) {
                Ok(t) => out.push(t),
                Err(message) => {
                    if self.reported.insert((key, message.clone())) {
                        messages.push(message);
                    }
                }
            }
        }
        (out, messages)
    }

    /// Whether the draft `wanted` is about is itself one of its project's
    /// transcripts (`notes/*.txt` in `[transcripts] paths`): a folder of
    /// drafts may hold the notes they quote.
    pub fn is_project_transcript(&mut self, wanted: &Wanted) -> bool {
        let (Some(folder), Some(draft)) = (&wanted.config_folder, &wanted.draft) else {
            return false;
        };
        let Ok(draft) = draft.canonicalize() else {
            return false;
        };
        if !self.projects.contains_key(folder) {
            let mut paths = Vec::new();
            let mut ignored = Vec::new();
            for glob in &wanted.config_globs {
                self.expand(folder, glob, "copydesk.toml", &mut paths, &mut ignored);
            }
            let set = paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
            self.projects.insert(folder.clone(), set);
        }
        self.projects
            .get(folder)
            .is_some_and(|set| set.contains(&draft))
    }

    /// Forgets a file, so the next draft that names it reads it again.
    pub fn forget(&mut self, path: &Path) {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.files.remove(&key);
    }

    /// Whether `path` is a transcript read so far.
    pub fn knows(&self, path: &Path) -> bool {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.files.contains_key(&key)
    }

    fn expand(
        &mut self,
        folder: &Path,
        glob: &str,
        named_in: &str,
        paths: &mut Vec<PathBuf>,
        messages: &mut Vec<String>,
    ) {
        let pattern = if Path::new(glob).is_absolute() {
            glob.to_owned()
        } else {
            format!(
                "{}/{}",
                glob::Pattern::escape(&folder.to_string_lossy()),
                glob
            )
        };
        let matched: Vec<PathBuf> = match glob::glob(&pattern) {
            Ok(found) => found
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect(),
            Err(e) => {
                let message = format!(
                    "transcripts: “{glob}” in {named_in} is not a valid pattern ({e}); ignored"
                );
                if self
                    .reported
                    .insert((folder.to_path_buf(), message.clone()))
                {
                    messages.push(message);
                }
                return;
            }
        };
        if matched.is_empty() {
            let message = format!(
                "transcripts: “{glob}” in {named_in} matches no file (looked in {})",
                folder.display()
            );
            if self
                .reported
                .insert((folder.to_path_buf(), message.clone()))
            {
                messages.push(message);
            }
        }
        paths.extend(matched);
    }

    fn read(&mut self, key: &Path, shown: &str) -> Result<Arc<Transcript>, String> {
        let now = stamp(key);
        if let Some(cached) = self.files.get(key) {
            if cached.stamp.is_some() && cached.stamp == now {
                return cached.read.clone();
            }
        }
        let read = read_file(key, shown).map(|mut transcript| {
            transcript.path = Some(key.to_path_buf());
            Arc::new(transcript)
        });
        self.files.insert(
            key.to_path_buf(),
            Cached {
                stamp: now,
                read: read.clone(),
            },
        );
        read
    }
}

/// Reads and parses one transcript; the error is the message for the user.
fn read_file(path: &Path, shown: &str) -> Result<Transcript, String> {
    let refused = |why: String| {
        Err(format!(
            "{shown}: {why}; the other transcripts are still used"
        ))
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return refused(format!("cannot read it ({e})")),
    };
    if !meta.is_file() {
        return refused("not a regular file".to_owned());
    }
    if meta.len() > MAX_BYTES {
        return refused(format!(
            "{} bytes is more than the 16 MB a transcript may be",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    if let Err(e) =
        std::fs::File::open(path).and_then(|f| f.take(MAX_BYTES).read_to_end(&mut bytes))
    {
        return refused(format!("cannot read it ({e})"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(format!(
                "{shown}:{line}: not UTF-8 text; save it as UTF-8; the other transcripts are still used"
            ));
        }
    };
    let Some(format) = Format::detect(shown, &text) else {
        return refused(
            "not a transcript format copydesk reads (.vtt, .srt, .json, .txt, .md)".to_owned(),
        );
    };
    Transcript::parse(shown, format, text).map_err(|problem| {
        format!(
            "{shown}:{}: {} ({}); the other transcripts are still used",
            problem.line,
            problem.message,
            format.as_str()
        )
    })
}

/// A transcript's name for messages: relative to the draft's folder when
/// inside it, else as found.
fn shown(path: &Path, draft_folder: Option<&Path>) -> String {
    let relative = draft_folder.and_then(|folder| {
        let folder = folder.canonicalize().ok()?;
        let path = path.canonicalize().ok()?;
        path.strip_prefix(folder).ok().map(Path::to_path_buf)
    });
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}
