//! Each draft's `copydesk.toml`, found upward from its folder, read once
//! however many drafts share it, and its problems reported once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use copydesk::config::file::Projects;
use copydesk::Config;

/// The `copydesk.toml` of each draft, each file read once and its problems
/// reported once, however many drafts share it.
#[derive(Default)]
pub(super) struct ConfigFiles {
    projects: Projects,
    reported_links: HashSet<PathBuf>,
}

impl ConfigFiles {
    /// The configuration for a draft (for standard input, the one found from
    /// the current folder), reporting on stderr whatever is wrong with it
    /// the first time it is read.
    pub(super) fn for_input(&mut self, name: &str, is_stdin: bool) -> Config {
        let folder = if is_stdin {
            PathBuf::from(".")
        } else {
            match Path::new(name).parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        let project = self.projects.of_folder(&folder);
        for (link, problem) in project.skipped {
            if self.reported_links.insert(link.clone()) {
                eprintln!("copydesk: {}", problem.render(&shown(&link)));
            }
        }
        let (Some(path), Some(file)) = (project.path, project.file) else {
            return Config::default();
        };
        if project.newly_read {
            for line in file.report(&shown(path)) {
                eprintln!("copydesk: {line}");
            }
        }
        file.config.clone()
    }
}

/// A path for a message: relative to the current folder when it is inside
/// it (`copydesk.toml`, `drafts/copydesk.toml`), else as it is.
fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
