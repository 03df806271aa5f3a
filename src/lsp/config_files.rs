//! The `copydesk.toml` of each open document, read once per file and shared
//! by the documents beneath it.
//!
//! A document's configuration file is looked for when it is opened (not on
//! every edit); the file is read again when a document is opened after the
//! file changed on disk (its modification time or size differs). Problems in
//! a file are returned once per reading, for the server to show once.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use tower_lsp_server::ls_types::Uri;

use crate::config::file::{self, FileConfig};
use crate::config::Config;

struct Cached {
    /// Modification time and size when read, to notice a changed file.
    stamp: Option<(SystemTime, u64)>,
    loaded: Arc<FileConfig>,
}

#[derive(Default)]
struct State {
    files: HashMap<PathBuf, Cached>,
    /// The configuration file of each open document (`None`: none found or
    /// not a `file:` document).
    documents: HashMap<Uri, Option<PathBuf>>,
    /// Symbolic links already reported as skipped.
    reported_links: HashSet<PathBuf>,
}

#[derive(Default)]
pub struct ConfigFiles {
    state: Mutex<State>,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl ConfigFiles {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Finds (and reads, if new or changed) the configuration file of a
    /// document being opened. Returns the messages to show the user: each
    /// problem of a file just read, and each symbolic link refused, once.
    pub fn open(&self, uri: &Uri) -> Vec<String> {
        let Some(dir) = uri
            .to_file_path()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        else {
            self.lock().documents.insert(uri.clone(), None);
            return Vec::new();
        };
        // File system work outside the lock: it is only metadata and one
        // small file, but other documents need not wait on it.
        let found = file::discover(&dir);
        let mut messages = Vec::new();
        let fresh = found.path.as_ref().and_then(|path| {
            let now = stamp(path);
            let unchanged = self
                .lock()
                .files
                .get(path)
                .is_some_and(|c| c.stamp.is_some() && c.stamp == now);
            (!unchanged).then(|| (path.clone(), now, file::load(path)))
        });
        let mut state = self.lock();
        for (link, problem) in found.skipped {
            let shown = link.display().to_string();
            if state.reported_links.insert(link) {
                messages.push(format!("copydesk: {}", problem.render(&shown)));
            }
        }
        if let Some((path, stamp, loaded)) = fresh {
            let shown = path.display().to_string();
            messages.extend(
                loaded
                    .report(&shown)
                    .into_iter()
                    .map(|line| format!("copydesk: {line}")),
            );
            state.files.insert(
                path,
                Cached {
                    stamp,
                    loaded: Arc::new(loaded),
                },
            );
        }
        state.documents.insert(uri.clone(), found.path);
        messages
    }

    pub fn close(&self, uri: &Uri) {
        self.lock().documents.remove(uri);
    }

    /// The configuration a document's `copydesk.toml` asks for; the
    /// defaults when it has none.
    pub fn config_of(&self, uri: &Uri) -> Config {
        let state = self.lock();
        state
            .documents
            .get(uri)
            .and_then(|p| p.as_ref())
            .and_then(|p| state.files.get(p))
            .map(|c| c.loaded.config.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Level, Style};

    #[test]
    fn documents_share_a_file_read_once_and_again_when_it_changes() {
        let dir = std::env::temp_dir().join(format!("copydesk-lsp-config-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::create_dir_all(dir.join("drafts")).unwrap();
        let config = dir.join("copydesk.toml");
        std::fs::write(&config, "style = \"surname\"\nbogus = 1\n").unwrap();
        let uri = |name: &str| Uri::from_file_path(dir.join("drafts").join(name)).unwrap();
        let files = ConfigFiles::default();

        let messages = files.open(&uri("a.md"));
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("copydesk.toml:2:1: unknown key “bogus”"),
            "names the file and line: {messages:?}"
        );
        assert_eq!(files.config_of(&uri("a.md")).style, Style::Surname);
        // a second document under it: the file is not read (nor reported) again
        assert!(files.open(&uri("b.md")).is_empty());
        assert_eq!(files.config_of(&uri("b.md")).style, Style::Surname);

        // changed on disk (a different size, whatever the clock): read again
        // when a document is opened
        std::fs::write(&config, "[severity]\nmisquote = \"off\"\n").unwrap();
        assert!(files.open(&uri("c.md")).is_empty());
        let config_c = files.config_of(&uri("c.md"));
        assert_eq!(config_c.style, Style::Auto);
        assert_eq!(config_c.levels.get("misquote"), Some(&Level::Off));

        // a document that is not a file, or closed, has the defaults
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert!(files.open(&untitled).is_empty());
        assert!(files.config_of(&untitled).levels.is_empty());
        files.close(&uri("c.md"));
        assert!(files.config_of(&uri("c.md")).levels.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
