//! `workspace/executeCommand` `copydesk.sourceBalance`: the source count
//! of a story, or of every draft in the workspace's folders, in the JSON
//! form `copydesk sources --format json` writes (the same renderer,
//! [`json::story_value`], [`json::desk_value`]: a desk's object has its
//! `shares` and `gender`).
//!
//! ```json
//! {"command": "copydesk.sourceBalance",
//!  "arguments": [{"uri": "file:///desk/harbour.md", "scope": "story"}]}
//! ```
//!
//! `scope` is `story` (the default) or `workspace`. An open document is
//! counted as it is in the editor, edits not yet saved included; any other
//! draft as it is on disk, under its project's `copydesk.toml` with the
//! client's settings on top. Files are found and read on tokio's blocking
//! pool and stories analysed on the analysis thread, one job each, so
//! neither the transport nor a check of an edit waits for a whole desk.
//! Only regular files of at most 16 MB are read (never a named pipe or a
//! device such as `/dev/zero`), and a workspace's count stops at
//! [`MAX_DESK_DRAFTS`] drafts (or [`MAX_DESK_ENTRIES`] files and folders
//! looked at: a workspace opened at a home folder); what was left out, and
//! why, is said in a warning.

mod drafts;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::backend::{read, Backend};
use super::features::SOURCE_BALANCE;
use super::settings::Settings;
use crate::analysis::balance::GenderPolicy;
use crate::analysis::SourceFormat;
use crate::drafts::{drafts_in_at_most, is_draft, read_draft, Stopped};
use crate::source_count::json::{self, Policies};
use crate::source_count::stories::{count_story, Story};
use crate::source_count::{Desk, StoryCount};
use drafts::{story_id, ProjectConfigs};

/// What is to be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Story,
    Workspace,
}

/// The command's one argument, read.
#[derive(Debug)]
struct Request {
    uri: Uri,
    scope: Scope,
}

/// The most drafts a workspace's count reads: past them it stops, and says
/// so.
pub const MAX_DESK_DRAFTS: usize = 20_000;

/// The most files and folders a workspace's count looks at to find its
/// drafts.
pub const MAX_DESK_ENTRIES: usize = 1_000_000;

/// How the command is called, for error messages.
const USAGE: &str = r#"{"uri": "file:///…", "scope": "story" or "workspace"}"#;

fn bad(why: impl std::fmt::Display) -> Error {
    Error::invalid_params(format!("{SOURCE_BALANCE}: {why}; call it with {USAGE}"))
}

impl Request {
    fn parse(arguments: &[Value]) -> Result<Request> {
        let [argument] = arguments else {
            return Err(bad(format!(
                "it takes one argument, not {}",
                arguments.len()
            )));
        };
        let Some(object) = argument.as_object() else {
            return Err(bad(format!("the argument is not an object: {argument}")));
        };
        let uri = match object.get("uri") {
            Some(Value::String(uri)) => uri
                .parse::<Uri>()
                .map_err(|_| bad(format!("“{uri}” is not a URI")))?,
            Some(other) => return Err(bad(format!("uri must be a string, not {other}"))),
            None => return Err(bad("the uri of a draft is missing")),
        };
        let scope = match object.get("scope") {
            None | Some(Value::Null) => Scope::Story,
            Some(Value::String(s)) if s == "story" => Scope::Story,
            Some(Value::String(s)) if s == "workspace" => Scope::Workspace,
            Some(other) => {
                return Err(bad(format!(
                    "scope must be \"story\" or \"workspace\", not {other}"
                )))
            }
        };
        Ok(Request { uri, scope })
    }
}

/// The file a `file:` URI names (`to_file_path` takes any URI's path for
/// one: `untitled:Untitled-1` would be a file called `Untitled-1`).
fn file_path(uri: &Uri) -> Option<PathBuf> {
    let is_file = uri
        .as_str()
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("file:"));
    is_file.then(|| uri.to_file_path().map(|p| p.into_owned()))?
}

/// A draft to count: where it is and, if it is open, its document.
struct Draft {
    path: Option<PathBuf>,
    uri: Uri,
    open: bool,
}

impl Backend {
    /// Runs `copydesk.sourceBalance` with `arguments`.
    pub(super) async fn source_balance(&self, arguments: Vec<Value>) -> Result<Value> {
        let request = Request::parse(&arguments)?;
        let value = match request.scope {
            Scope::Story => json::story_value(&self.story_count(&request.uri).await?),
            Scope::Workspace => {
                let (desk, policies) = self.desk_count(&request.uri).await?;
                json::desk_value(&desk, policies.word())
            }
        };
        value.map_err(|e| {
            let mut error = Error::internal_error();
            error.message = format!("{SOURCE_BALANCE}: the count could not be written: {e}").into();
            error
        })
    }

    async fn story_count(&self, uri: &Uri) -> Result<StoryCount> {
        if self.transcripts.is_transcript(uri) {
            return Err(bad(format!(
                "{} is an interview transcript, not a draft",
                uri.as_str()
            )));
        }
        let path = file_path(uri);
        let open = self.store.version(uri).is_some();
        if path.is_none() && !open {
            return Err(bad(format!(
                "{} is neither open nor a file on disk",
                uri.as_str()
            )));
        }
        let folders = self.count_folders(path.as_deref());
        let draft = Draft {
            path,
            uri: uri.clone(),
            open,
        };
        let configs = Arc::new(Mutex::new(ProjectConfigs::default()));
        match self.count_draft(&draft, &folders, &configs).await {
            Ok((story, _)) => Ok(story),
            Err(why) => Err(Error::invalid_params(format!("{SOURCE_BALANCE}: {why}"))),
        }
    }

    /// Every draft in the workspace's folders (or, without any, the
    /// folder of `uri`), as one desk, and the gender policies its stories
    /// were counted under.
    async fn desk_count(&self, uri: &Uri) -> Result<(Desk, Policies)> {
        let near = file_path(uri);
        let folders = self.count_folders(near.as_deref());
        if folders.is_empty() {
            return Err(bad(format!(
                "there is no workspace folder to count, and {} is not a file in one",
                uri.as_str()
            )));
        }
        let (drafts, mut skipped, stopped) = self.desk_drafts(&folders).await;
        let configs = Arc::new(Mutex::new(ProjectConfigs::default()));
        let mut desk = Desk::default();
        let mut policies = Policies::default();
        for draft in drafts {
            match self.count_draft(&draft, &folders, &configs).await {
                Ok((story, policy)) => {
                    policies.add(policy);
                    desk.add(story);
                }
                Err(why) => skipped.push(why),
            }
        }
        if let Some(message) = left_out(&skipped, stopped, desk.stories.len()) {
            let client = self.client.clone();
            tokio::spawn(async move { client.show_message(MessageType::WARNING, message).await });
        }
        Ok((desk, policies))
    }

    /// The folders a desk is counted in: the workspace's, else the folder
    /// of the draft `near`.
    fn count_folders(&self, near: Option<&Path>) -> Vec<PathBuf> {
        let folders = read(&self.workspace_folders);
        if !folders.is_empty() {
            return folders;
        }
        near.and_then(Path::parent)
            .map(Path::to_path_buf)
            .into_iter()
            .collect()
    }

    /// The drafts under `folders`, found on disk (off the transport task),
    /// with the open documents there that are drafts too (a new draft not
    /// saved yet) and without interview transcripts, in name order, no
    /// more than [`MAX_DESK_DRAFTS`]; the folders that could not be read;
    /// and the limit the walk stopped at, if it did.
    async fn desk_drafts(&self, folders: &[PathBuf]) -> (Vec<Draft>, Vec<String>, Option<Stopped>) {
        let wanted = folders.to_vec();
        let walk = move || drafts_in_at_most(&wanted, MAX_DESK_DRAFTS, MAX_DESK_ENTRIES);
        let found = tokio::task::spawn_blocking(walk).await.unwrap_or_default();
        let (found, problems, mut stopped) = (found.drafts, found.problems, found.stopped);
        let open: HashMap<PathBuf, Uri> = (self.store.open_uris().into_iter())
            .filter_map(|uri| Some((file_path(&uri)?, uri)))
            .collect();
        let mut paths = found;
        paths.extend(
            (open.keys())
                .filter(|p| is_draft(p) && folders.iter().any(|f| p.starts_with(f)))
                .cloned(),
        );
        paths.sort();
        paths.dedup();
        if paths.len() > MAX_DESK_DRAFTS {
            paths.truncate(MAX_DESK_DRAFTS);
            stopped = Some(Stopped::Drafts(MAX_DESK_DRAFTS));
        }
        let drafts = paths
            .into_iter()
            .filter_map(|path| {
                let uri = match open.get(&path) {
                    Some(uri) => uri.clone(),
                    None => Uri::from_file_path(&path)?,
                };
                let open = open.contains_key(&path);
                (!self.transcripts.is_transcript(&uri)).then_some(Draft {
                    path: Some(path),
                    uri,
                    open,
                })
            })
            .collect();
        (drafts, problems, stopped)
    }

    /// One draft's count: an open document's text as it is in the editor,
    /// under the document's configuration; else the file's, read off the
    /// transport task, under its project's. Analysed on the analysis
    /// thread. A message for the user when it cannot be counted.
    async fn count_draft(
        &self,
        draft: &Draft,
        folders: &[PathBuf],
        configs: &Arc<Mutex<ProjectConfigs>>,
    ) -> std::result::Result<(StoryCount, GenderPolicy), String> {
        let id = match &draft.path {
            Some(path) => story_id(folders, path),
            None => draft.uri.as_str().to_owned(),
        };
        let story = match self.store.current(&draft.uri).filter(|_| draft.open) {
            Some((_, text, format)) => Story::draft(id, text, format, &self.config_for(&draft.uri)),
            None => {
                let path = draft
                    .path
                    .clone()
                    .ok_or_else(|| format!("{id}: not open"))?;
                let settings = read(&self.settings);
                let configs = configs.clone();
                tokio::task::spawn_blocking(move || read_story(id, &path, &settings, &configs))
                    .await
                    .map_err(|e| format!("reading a draft failed: {e}"))??
            }
        };
        let name = story.id.clone();
        let policy = story.policy;
        let count = self.analyser.run(move || count_story(&story)).await;
        count
            .map(|count| (count, policy))
            .map_err(|e| format!("{name}: counting failed ({e})"))
    }

    /// Takes the workspace's folders from `initialize` (or its root, from
    /// a client that has no folders).
    pub(super) fn set_workspace_folders(&self, params: &InitializeParams) {
        #[allow(deprecated)] // `root_uri`: what a client without folders sends
        let uris: Vec<&Uri> = match &params.workspace_folders {
            Some(folders) => folders.iter().map(|f| &f.uri).collect(),
            None => params.root_uri.iter().collect(),
        };
        let folders = uris.into_iter().filter_map(file_path).collect();
        *self
            .workspace_folders
            .write()
            .unwrap_or_else(|e| e.into_inner()) = folders;
    }

    /// The client added or removed workspace folders.
    pub(super) fn change_workspace_folders(&self, event: &WorkspaceFoldersChangeEvent) {
        let path = |f: &WorkspaceFolder| file_path(&f.uri);
        let removed: Vec<PathBuf> = event.removed.iter().filter_map(path).collect();
        let mut folders = self
            .workspace_folders
            .write()
            .unwrap_or_else(|e| e.into_inner());
        folders.retain(|f| !removed.contains(f));
        for added in event.added.iter().filter_map(path) {
            if !folders.contains(&added) {
                folders.push(added);
            }
        }
    }
}

/// The warning for a workspace's count that left files out, or stopped at
/// a limit with `counted` stories: which, and why; none when it did
/// neither.
fn left_out(skipped: &[String], stopped: Option<Stopped>, counted: usize) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(stopped) = stopped {
        parts.push(format!(
            "copydesk: the source count stopped early, as the workspace is too big to count whole \
             ({stopped}): {counted} drafts are counted, the first in name order. \
             Open a smaller folder to count all of its drafts."
        ));
    }
    if !skipped.is_empty() {
        parts.push(format!(
            "copydesk: the source count left out {} file(s) or folder(s):\n{}",
            skipped.len(),
            skipped.join("\n")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// A draft on disk, read as UTF-8, with its project's configuration and
/// the client's settings on top: only a regular file of at most 16 MB.
fn read_story(
    id: String,
    path: &Path,
    settings: &Settings,
    configs: &Mutex<ProjectConfigs>,
) -> std::result::Result<Story, String> {
    let shown = path.display();
    let bytes = read_draft(path, false).map_err(|e| format!("{shown}: cannot read it: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("{shown}: not UTF-8 text (invalid byte at offset {at}); save it as UTF-8")
    })?;
    let project = configs.lock().unwrap_or_else(|e| e.into_inner()).of(path);
    let (config, _) = settings.apply(project);
    let format = SourceFormat::from_path(&path.to_string_lossy());
    Ok(Story::draft(id, text, format, &config))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn error(arguments: Value) -> String {
        let arguments = arguments.as_array().cloned().unwrap_or_default();
        Request::parse(&arguments).unwrap_err().message.into_owned()
    }

    #[test]
    fn the_argument_is_read_and_a_bad_one_said_plainly() {
        let ok = Request::parse(&[json!({"uri": "file:///d/a.md", "scope": "workspace"})]).unwrap();
        assert_eq!(ok.scope, Scope::Workspace);
        assert_eq!(ok.uri.as_str(), "file:///d/a.md");
        let story = Request::parse(&[json!({"uri": "file:///d/a.md"})]).unwrap();
        assert_eq!(story.scope, Scope::Story, "story by default");
        assert!(error(json!([])).contains("takes one argument, not 0"));
        assert!(error(json!(["file:///d/a.md"])).contains("not an object"));
        assert!(error(json!([{"scope": "story"}])).contains("uri of a draft is missing"));
        assert!(error(json!([{"uri": 7}])).contains("uri must be a string"));
        let desk = error(json!([{"uri": "file:///d/a.md", "scope": "desk"}]));
        assert!(
            desk.starts_with(
                "copydesk.sourceBalance: scope must be \"story\" or \"workspace\", not \"desk\""
            ),
            "{desk}"
        );
        assert!(desk.ends_with(USAGE), "{desk}");
    }

    #[test]
    fn a_count_that_stopped_or_left_files_out_says_which_and_why() {
        assert_eq!(left_out(&[], None, 3), None);
        let stopped = left_out(&[], Some(Stopped::Drafts(MAX_DESK_DRAFTS)), 20_000).unwrap();
        assert_eq!(
            stopped,
            "copydesk: the source count stopped early, as the workspace is too big to count \
             whole (it holds more than 20000 drafts): 20000 drafts are counted, the first in \
             name order. Open a smaller folder to count all of its drafts."
        );
        let both = left_out(
            &["/d/stuck.md: cannot read it: a named pipe (FIFO), not a regular file".to_owned()],
            Some(Stopped::Entries(MAX_DESK_ENTRIES)),
            12,
        )
        .unwrap();
        assert!(
            both.contains("more than 1000000 files and folders"),
            "{both}"
        );
        assert!(both.ends_with("left out 1 file(s) or folder(s):\n/d/stuck.md: cannot read it: a named pipe (FIFO), not a regular file"), "{both}");
    }
}
