//! The drafts in folders, found one way for `copydesk check FOLDER`,
//! `copydesk sources FOLDER` and the server's count of a workspace: `.md`,
//! `.markdown` and `.txt` files, READMEs aside, in name order, symbolic
//! links followed but no folder visited twice (so a link loop ends); and a
//! draft read one way: a regular file of at most [`MAX_DRAFT_BYTES`] (a
//! named pipe or a device such as `/dev/zero` is never read to its end).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most a draft may hold, as for an interview transcript: 16 MB.
pub const MAX_DRAFT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a draft could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    /// A folder, a named pipe, a device or a socket: what it is.
    NotAFile(&'static str),
    /// Larger than [`MAX_DRAFT_BYTES`].
    TooBig,
    Other(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            _ => ReadError::Other(e),
        }
    }
}

impl std::fmt::Display for ReadError {
    /// What is wrong, for after the file's name: `no such file`, `a named
    /// pipe, not a regular file`, `larger than 16 MB, the most a draft may
    /// hold`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => write!(f, "no such file"),
            ReadError::PermissionDenied => write!(f, "permission denied"),
            ReadError::NotAFile(what) => write!(f, "{what}, not a regular file"),
            ReadError::TooBig => write!(
                f,
                "larger than {} MB, the most a draft may hold",
                MAX_DRAFT_BYTES >> 20
            ),
            ReadError::Other(e) => write!(f, "{e}"),
        }
    }
}

/// What a file that is not a regular file is, in words.
fn what_it_is(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "something else"
    }
}

/// The bytes of the draft at `path`: a regular file (a symbolic link to
/// one is followed) of at most [`MAX_DRAFT_BYTES`]. With `pipes`, a named
/// pipe or a device is read too (a command line's `<(…)`), up to the same
/// limit; a folder never is.
pub fn read_draft(path: &Path, pipes: bool) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::from)?;
    let kind = meta.file_type();
    if !kind.is_file() && (!pipes || kind.is_dir()) {
        return Err(ReadError::NotAFile(what_it_is(kind)));
    }
    if meta.len() > MAX_DRAFT_BYTES {
        return Err(ReadError::TooBig);
    }
    let mut bytes = Vec::new();
    let file = std::fs::File::open(path).map_err(ReadError::from)?;
    // the file may have grown since, or be a device without end
    file.take(MAX_DRAFT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::from)?;
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(ReadError::TooBig);
    }
    Ok(bytes)
}

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
    let found = drafts_in_at_most(folders, usize::MAX, usize::MAX);
    (found.drafts, found.problems)
}

/// What a walk of folders found.
#[derive(Debug, Default)]
pub struct Found {
    /// The drafts, in name order.
    pub drafts: Vec<PathBuf>,
    /// The folders that could not be read (`cannot read the folder …: …`).
    pub problems: Vec<String>,
    /// Why the walk stopped before its end, if it did.
    pub stopped: Option<Stopped>,
}

/// Why a walk stopped early: the limit it reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// More drafts than this many.
    Drafts(usize),
    /// More files and folders than this many looked at.
    Entries(usize),
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stopped::Drafts(n) => write!(f, "it holds more than {n} drafts"),
            Stopped::Entries(n) => write!(f, "it holds more than {n} files and folders"),
        }
    }
}

/// The drafts under each of `folders`, as [`drafts_in`] finds them, but
/// no more than `max_drafts` of them and no more than `max_entries` files
/// and folders looked at (a folder such as a home folder must not be
/// walked for ever): the walk stops at either, and says which.
pub fn drafts_in_at_most(folders: &[PathBuf], max_drafts: usize, max_entries: usize) -> Found {
    let mut walk = Walk {
        found: Found::default(),
        seen: HashSet::new(),
        entries: 0,
        max_drafts,
        max_entries,
    };
    for folder in folders {
        if walk.found.stopped.is_some() {
            break;
        }
        walk.folder(folder);
    }
    walk.found
}

struct Walk {
    found: Found,
    seen: HashSet<PathBuf>,
    entries: usize,
    max_drafts: usize,
    max_entries: usize,
}

impl Walk {
    fn folder(&mut self, dir: &Path) {
        let seen = &mut self.seen;
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
                (self.found.problems)
                    .push(format!("cannot read the folder {}: {e}", dir.display()));
                return;
            }
        };
        for path in entries {
            self.entries += 1;
            if self.entries > self.max_entries {
                self.found.stopped = Some(Stopped::Entries(self.max_entries));
            } else if path.is_dir() {
                self.folder(&path);
            } else if !is_draft(&path) {
                continue;
            } else if self.found.drafts.len() == self.max_drafts {
                self.found.stopped = Some(Stopped::Drafts(self.max_drafts));
            } else {
                self.found.drafts.push(path);
            }
            if self.found.stopped.is_some() {
                return;
            }
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

    #[test]
    fn a_walk_stops_at_its_limits_and_says_which() {
        let root = std::env::temp_dir().join(format!("copydesk-drafts-cap-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("b")).unwrap();
        for name in ["a1.md", "a2.md", "b/b1.md", "b/b2.txt", "c.md"] {
            std::fs::write(root.join(name), "Headline\n").unwrap();
        }
        let all = drafts_in_at_most(std::slice::from_ref(&root), 5, 100);
        assert_eq!((all.drafts.len(), all.stopped), (5, None), "at the limit");
        let capped = drafts_in_at_most(std::slice::from_ref(&root), 3, 100);
        let names: Vec<&Path> = (capped.drafts.iter())
            .map(|p| p.strip_prefix(&root).unwrap())
            .collect();
        assert_eq!(
            names,
            [Path::new("a1.md"), Path::new("a2.md"), Path::new("b/b1.md")]
        );
        assert_eq!(capped.stopped, Some(Stopped::Drafts(3)));
        assert_eq!(
            capped.stopped.unwrap().to_string(),
            "it holds more than 3 drafts"
        );
        let few = drafts_in_at_most(std::slice::from_ref(&root), 100, 2);
        assert_eq!(few.drafts.len(), 2);
        assert_eq!(few.stopped, Some(Stopped::Entries(2)));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn only_a_regular_file_of_at_most_16_mb_is_read_as_a_draft() {
        let root =
            std::env::temp_dir().join(format!("copydesk-drafts-read-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let draft = root.join("a.md");
        std::fs::write(&draft, "Headline\n").unwrap();
        assert_eq!(read_draft(&draft, false).unwrap(), b"Headline\n");
        let big = std::fs::File::create(root.join("big.md")).unwrap();
        big.set_len(MAX_DRAFT_BYTES + 1).unwrap(); // sparse: no 16 MB written
        let err = read_draft(&root.join("big.md"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "larger than 16 MB, the most a draft may hold"
        );
        let err = read_draft(&root.join("gone.md"), false).unwrap_err();
        assert_eq!(err.to_string(), "no such file");
        let err = read_draft(&root, true).unwrap_err();
        assert_eq!(err.to_string(), "a folder, not a regular file");
        #[cfg(unix)]
        {
            let zero = Path::new("/dev/zero");
            let err = read_draft(zero, false).unwrap_err();
            assert_eq!(err.to_string(), "a device, not a regular file");
            // named on a command line: read, but only up to the limit
            assert!(matches!(read_draft(zero, true), Err(ReadError::TooBig)));
            let fifo = root.join("stuck.md");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // no writer: opening it would wait for ever
                let err = read_draft(&fifo, false).unwrap_err();
                assert_eq!(err.to_string(), "a named pipe (FIFO), not a regular file");
            }
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
