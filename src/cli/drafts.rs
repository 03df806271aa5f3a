//! The drafts a command line names: files as given, the drafts inside
//! folders (in name order, READMEs aside), standard input; each read once
//! (a draft named twice, or named and inside a folder named, is one
//! draft), as UTF-8 with its format, and handed on with its project's
//! settings.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use copydesk::analysis::{Chooser, SourceFormat};
use copydesk::drafts::{drafts_in, read_draft, ReadError, MAX_DRAFT_BYTES};
use copydesk::transcript::load::Wanted;
use copydesk::Config;

use super::config_files::ConfigFiles;

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum InputFormat {
    Plain,
    Markdown,
}

/// A file to check: its name as the user gave it (or as found inside a
/// directory they gave) and its contents.
pub(super) struct Input {
    pub name: String,
    pub format: SourceFormat,
    pub text: String,
    /// Found inside a folder the command line named, rather than named.
    pub in_folder: bool,
}

/// Where a draft's transcripts are named: its project's copydesk.toml,
/// its front matter and the command line.
pub(super) fn wanted(input: &Input, config: &Config, files: &[PathBuf]) -> Wanted {
    let draft = (input.name != "-").then(|| PathBuf::from(&input.name));
    let draft_folder = match draft.as_deref().and_then(Path::parent) {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Wanted {
        config_globs: config.transcript_paths.clone(),
        config_folder: config.transcript_base.clone(),
        front_matter: if input.format == SourceFormat::Markdown {
            copydesk::transcript::front_matter::transcript_paths(&input.text)
        } else {
            Vec::new()
        },
        draft_folder: Some(draft_folder),
        files: files.to_vec(),
        draft,
    }
}

/// The files a run has read already, by their canonical path: a draft
/// named twice (`a.md ./a.md`, or named and inside a folder named) is
/// counted and checked once, where it first comes.
#[derive(Default)]
pub(super) struct Seen {
    paths: HashSet<PathBuf>,
    stdin: bool,
}

impl Seen {
    /// Whether the file `name` (`-`: standard input) comes for the first
    /// time. A file that does not exist is known by its name as given.
    pub(super) fn first(&mut self, name: &str) -> bool {
        if name == "-" {
            return !std::mem::replace(&mut self.stdin, true);
        }
        let path = Path::new(name);
        self.paths
            .insert(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// A draft to read: its name, whether it is standard input and whether it
/// was found inside a folder.
struct Named {
    name: String,
    is_stdin: bool,
    in_folder: bool,
}

/// The drafts the command line names, each once (the first time it comes;
/// `seen` holds those an earlier call read): files as given, and the
/// drafts inside folders, in name order; and whether a folder could not be
/// read or held no drafts (reported on stderr).
fn drafts_named(paths: &[String], seen: &mut Seen) -> (Vec<Named>, bool) {
    let mut failed = false;
    let mut names = Vec::new();
    for path in paths {
        let p = Path::new(path);
        if path == "-" || !p.is_dir() {
            if seen.first(path) {
                names.push(Named {
                    name: path.clone(),
                    is_stdin: path == "-",
                    in_folder: false,
                });
            }
            continue;
        }
        let (found, problems) = drafts_in(&[p.to_path_buf()]);
        for problem in &problems {
            eprintln!("copydesk: {problem}");
        }
        failed |= !problems.is_empty();
        if found.is_empty() {
            eprintln!("copydesk: {path} holds no .md or .txt drafts; name the drafts to check");
            failed = true;
        }
        for f in found {
            let name = f.to_string_lossy().into_owned();
            if seen.first(&name) {
                names.push(Named {
                    name,
                    is_stdin: false,
                    in_folder: true,
                });
            }
        }
    }
    (names, failed)
}

/// Reads each draft the command line names and hands it to `each` with the
/// settings of its project (and `chooser`'s speakers, when given). A draft
/// that cannot be read is reported on stderr and skipped. Returns whether
/// one could not be read, or none when `each` failed to write (stdout
/// closed, e.g. piped into `head`: nothing more to say).
pub(super) fn each_draft(
    paths: &[String],
    seen: &mut Seen,
    input_format: Option<InputFormat>,
    chooser: Option<&Chooser>,
    mut each: impl FnMut(Input, Config) -> std::io::Result<()>,
) -> Option<bool> {
    let (names, mut failed) = drafts_named(paths, seen);
    let mut configs = ConfigFiles::default();
    for Named {
        name,
        is_stdin,
        in_folder,
    } in names
    {
        let input = match read_input(&name, is_stdin, in_folder, input_format) {
            Ok(input) => input,
            Err(message) => {
                eprintln!("copydesk: {message}");
                failed = true;
                continue;
            }
        };
        let mut config = configs.for_input(&name, is_stdin);
        if let Some(chooser) = chooser {
            config.speakers = chooser.clone();
        }
        each(input, config).ok()?;
    }
    Some(failed)
}

/// The bytes of a file, or of standard input for `-`, with a message for
/// the user when they cannot be read: at most 16 MB, and from inside a
/// folder only a regular file (a named pipe there would never end).
pub(super) fn read_bytes(name: &str, is_stdin: bool, in_folder: bool) -> Result<Vec<u8>, String> {
    if is_stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if buf.len() as u64 > MAX_DRAFT_BYTES {
            return Err(format!("standard input: {}", ReadError::TooBig));
        }
        return Ok(buf);
    }
    read_draft(Path::new(name), !in_folder).map_err(|e| {
        let hint = (!in_folder).then_some(NAME_A_DRAFT);
        unreadable(name, &e, hint)
    })
}

/// What to name instead of a draft that is not there.
pub(super) const NAME_A_DRAFT: &str = "name a draft, a folder of drafts or - for standard input";

/// What to tell the user about a file that cannot be read; `hint`, what
/// to name instead, when it is not there.
pub(super) fn unreadable(name: &str, e: &ReadError, hint: Option<&str>) -> String {
    match (e, hint) {
        (ReadError::NotFound, Some(hint)) => format!("{name}: no such file; {hint}"),
        (ReadError::PermissionDenied, _) => {
            format!("{name}: permission denied; check the file's permissions")
        }
        (ReadError::NotAFile(_), _) => format!("{name}: {e}; left out"),
        (ReadError::Other(e), _) => format!("{name}: cannot read it: {e}"),
        _ => format!("{name}: {e}"),
    }
}

pub(super) fn read_input(
    name: &str,
    is_stdin: bool,
    in_folder: bool,
    forced: Option<InputFormat>,
) -> Result<Input, String> {
    let bytes = read_bytes(name, is_stdin, in_folder)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {at}); save it as UTF-8 and check again"
        )
    })?;
    let format = match forced {
        Some(InputFormat::Markdown) => SourceFormat::Markdown,
        Some(InputFormat::Plain) => SourceFormat::PlainText,
        None if is_stdin => SourceFormat::PlainText,
        None => SourceFormat::from_path(name),
    };
    Ok(Input {
        in_folder,
        name: name.to_owned(),
        format,
        text,
    })
}
