//! The drafts in folders, found one way for `copydesk check FOLDER`,
//! `copydesk sources FOLDER` and the server's count of a workspace: `.md`,
//! `.markdown` and `.txt` files, READMEs aside, in name order, symbolic
//! links followed but no folder visited twice (so a link loop ends).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Whether a file found inside a folder is a draft: `.md`, `.markdown` or
/// `.txt`, and not a README (folders of drafts often carry one about the
/// folder itself).
pub fn is_draft(path: &Path) -> bool {
    let draft_extension = (path.extension().and_then(|e| e.to_str()))
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "txt"));
    let readme = (path.file_stem().and_then(|s| s.to_str()))
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    draft_extension && !readme
}

/// The drafts under each of `folders`, in name order, and a message for
/// each folder that could not be read (`cannot read the folder …: …`).
pub fn drafts_in(folders: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for folder in folders {
        walk(folder, &mut found, &mut seen, &mut problems);
    }
    (found, problems)
}

fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    seen: &mut HashSet<PathBuf>,
    problems: &mut Vec<String>,
) {
    let entries = dir.canonicalize().and_then(|canonical| {
        if !seen.insert(canonical) {
            return Ok(Vec::new()); // a link back to a folder already read
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        Ok(entries)
    });
    let entries = match entries {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(format!("cannot read the folder {}: {e}", dir.display()));
            return;
        }
    };
    for path in entries {
        if path.is_dir() {
            walk(&path, found, seen, problems);
        } else if is_draft(&path) {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_md_markdown_and_txt_files_but_not_readmes() {
        for (name, draft) in [
            ("a/story.md", true),
            ("a/story.MARKDOWN", true),
            ("notes.txt", true),
            ("README.md", false),
            ("readme.txt", false),
            ("interview.vtt", false),
            ("copydesk.toml", false),
        ] {
            assert_eq!(is_draft(Path::new(name)), draft, "{name}");
        }
    }

    #[test]
    fn a_folder_tree_is_walked_in_name_order_and_a_link_loop_ends() {
        let root = std::env::temp_dir().join(format!("copydesk-drafts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("b")).unwrap();
        for name in ["b/two.md", "a.txt", "README.md", "b/clip.vtt"] {
            std::fs::write(root.join(name), "Headline\n").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&root, root.join("b/loop")).unwrap();
        let (found, problems) = drafts_in(std::slice::from_ref(&root));
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<&Path> = found
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap())
            .collect();
        assert_eq!(names, [Path::new("a.txt"), Path::new("b/two.md")]);
        let (none, problems) = drafts_in(&[root.join("missing")]);
        assert!(none.is_empty());
        assert!(
            problems[0].starts_with("cannot read the folder"),
            "{problems:?}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
