//! Finding the configuration file for a draft: upward from its folder to
//! the repository's root, following a symbolic link only inside it.

use std::path::{Path, PathBuf};

use super::problem::{Problem, FILE_NAME};

/// Where the configuration for a draft is, and any `copydesk.toml` passed
/// over on the way (with why).
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub path: Option<PathBuf>,
    pub skipped: Vec<(PathBuf, Problem)>,
}

/// Finds the configuration file for a draft in `dir` (the draft's folder;
/// the current folder for standard input). See the module documentation for
/// the rules. Only file metadata and symbolic links are looked at; nothing
/// is read.
pub fn discover(dir: &Path) -> Discovery {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    // Real folders, so that `..` and links in the draft's own path cannot
    // make the walk or the containment test lie.
    let start = absolute.canonicalize().unwrap_or(absolute);
    let ancestors: Vec<&Path> = start.ancestors().collect();
    let repository = ancestors
        .iter()
        .position(|d| std::fs::symlink_metadata(d.join(".git")).is_ok());
    let searched = match repository {
        Some(i) => &ancestors[..=i],
        None => &ancestors[..],
    };
    let mut found = Discovery::default();
    for dir in searched {
        let candidate = dir.join(FILE_NAME);
        let Ok(meta) = std::fs::symlink_metadata(&candidate) else {
            continue;
        };
        if meta.is_dir() {
            continue;
        }
        if meta.file_type().is_symlink() {
            let skip = |message: String| {
                (
                    candidate.clone(),
                    Problem {
                        error: true,
                        line_col: None,
                        message,
                    },
                )
            };
            match candidate.canonicalize() {
                Err(e) => {
                    found.skipped.push(skip(format!(
                        "a symbolic link to nothing readable ({e}); ignored"
                    )));
                    continue;
                }
                Ok(target) => {
                    let inside = match repository {
                        Some(i) => target.starts_with(ancestors[i]),
                        None => target.parent().is_some_and(|p| searched.contains(&p)),
                    };
                    if !inside {
                        let area = match repository {
                            Some(i) => format!("the repository {}", ancestors[i].display()),
                            None => "the draft's folder and the folders above it".to_owned(),
                        };
                        found.skipped.push(skip(format!(
                            "a symbolic link to {}, outside {area}; not followed, ignored",
                            target.display()
                        )));
                        continue;
                    }
                }
            }
        }
        found.path = Some(candidate);
        return found;
    }
    found
}
