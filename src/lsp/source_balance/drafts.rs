//! The drafts of a desk's folders as the count names them, and the
//! configuration of each project they are in (the drafts themselves are
//! found by [`crate::drafts`], as `copydesk check FOLDER` finds them).
//! File-system work: run off the transport task.

use std::path::{Path, PathBuf};

use crate::config::file::Projects;
use crate::Config;

/// What a draft is called in the count: its path inside the workspace
/// folder that holds it (with the folder's name first when there are
/// several), else its whole path.
pub fn story_id(folders: &[PathBuf], path: &Path) -> String {
    for folder in folders {
        let Ok(inside) = path.strip_prefix(folder) else {
            continue;
        };
        let mut parts: Vec<String> = Vec::new();
        if folders.len() > 1 {
            parts.extend(folder.file_name().map(|n| n.to_string_lossy().into_owned()));
        }
        parts.extend(inside.iter().map(|p| p.to_string_lossy().into_owned()));
        return parts.join("/");
    }
    path.display().to_string()
}

/// The `copydesk.toml` of each folder drafts are in, each found and read
/// once (a count of a desk reads hundreds of drafts from a few folders).
#[derive(Default)]
pub struct ProjectConfigs {
    projects: Projects,
}

impl ProjectConfigs {
    /// The configuration of the project `draft` is in: its `copydesk.toml`
    /// (problems in it are the editor's to show when a draft is opened),
    /// or the defaults.
    pub fn of(&mut self, draft: &Path) -> Config {
        let folder = draft.parent().unwrap_or(Path::new("."));
        let project = self.projects.of_folder(folder);
        project.file.map(|f| f.config.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::drafts_in;

    #[test]
    fn a_story_is_named_by_its_path_in_its_workspace_folder() {
        let one = [PathBuf::from("/desk/news")];
        let two = [PathBuf::from("/desk/news"), PathBuf::from("/desk/sport")];
        let draft = Path::new("/desk/news/2026/harbour.md");
        assert_eq!(story_id(&one, draft), "2026/harbour.md");
        assert_eq!(story_id(&two, draft), "news/2026/harbour.md");
        assert_eq!(
            story_id(&one, Path::new("/elsewhere/x.md")),
            "/elsewhere/x.md"
        );
    }

    #[test]
    fn a_folder_tree_is_walked_in_name_order_and_each_project_read_once() {
        let root = std::env::temp_dir().join(format!("copydesk-lsp-drafts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("b")).unwrap();
        for name in ["b/two.md", "a.txt", "README.md", "b/clip.vtt"] {
            std::fs::write(root.join(name), "Headline\n").unwrap();
        }
        std::fs::write(
            root.join("copydesk.toml"),
            "[sources]\ngender = \"text-only\"\n",
        )
        .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&root, root.join("b/loop")).unwrap();
        let (found, problems) = drafts_in(std::slice::from_ref(&root));
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<String> = found
            .iter()
            .map(|p| story_id(std::slice::from_ref(&root), p))
            .collect();
        assert_eq!(names, ["a.txt", "b/two.md"]);
        let mut configs = ProjectConfigs::default();
        let config = configs.of(&found[1]);
        assert_eq!(
            config.sources.gender,
            crate::analysis::balance::GenderPolicy::TextOnly
        );
        let (_, problems) = drafts_in(&[root.join("missing")]);
        assert!(
            problems[0].starts_with("cannot read the folder"),
            "{problems:?}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
