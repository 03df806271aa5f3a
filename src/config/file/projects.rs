//! Each folder's `copydesk.toml`, found upward and read once however many
//! drafts share it: a desk's count or check reads hundreds of drafts from a
//! few folders. The command line and the server both look projects up here
//! (the command line also reports what it finds wrong, once).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::discover::discover;
use super::problem::{FileConfig, Problem};
use super::read::load;

/// The projects seen so far: each folder's configuration file, and each
/// file as read.
#[derive(Debug, Default)]
pub struct Projects {
    /// Draft folder → its configuration file, if any.
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, FileConfig>,
}

/// A folder's project: its configuration file as read (none outside any
/// project), and what this lookup was the first to see.
pub struct Project<'p> {
    pub path: Option<&'p Path>,
    pub file: Option<&'p FileConfig>,
    /// `copydesk.toml` files passed over on the way up from a folder not
    /// looked up before (with why).
    pub skipped: Vec<(PathBuf, Problem)>,
    /// Whether the file was read by this lookup (its problems are news).
    pub newly_read: bool,
}

impl Projects {
    /// The project of the drafts in `folder`.
    pub fn of_folder(&mut self, folder: &Path) -> Project<'_> {
        let mut skipped = Vec::new();
        let path = match self.by_folder.get(folder) {
            Some(path) => path.clone(),
            None => {
                let found = discover(folder);
                skipped = found.skipped;
                self.by_folder
                    .insert(folder.to_path_buf(), found.path.clone());
                found.path
            }
        };
        let Some(path) = path else {
            return Project {
                path: None,
                file: None,
                skipped,
                newly_read: false,
            };
        };
        let newly_read = !self.files.contains_key(&path);
        if newly_read {
            let file = load(&path);
            self.files.insert(path.clone(), file);
        }
        let (path, file) = match self.files.get_key_value(&path) {
            Some((path, file)) => (Some(path.as_path()), Some(file)),
            None => (None, None),
        };
        Project {
            path,
            file,
            skipped,
            newly_read,
        }
    }
}
