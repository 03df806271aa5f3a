//! End-to-end tests of the source balance in the language server: the
//! code lens on the headline (`Sources: 3 — 1 woman, 1 man, 1
//! organisation · …`) and its refresh when a check changes it, the
//! outline's speaker details (gender and kind), the gender line of a
//! person's hover, the `sourceLens`, `sourceGender` and `minWomenShare`
//! settings over a project's `[sources]`, and `workspace/executeCommand`
//! `copydesk.sourceBalance` for a story and for the workspace's drafts (in
//! the JSON form of `copydesk sources`; only regular files read).
//! The drafts are invented for these tests.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use common::{client_capabilities, insert_at, Server, WAIT};

/// A stallholder (a woman, by her title), a manager (a man, by the
/// pronoun the story uses), and a council.
const MARKET: &str = "Market hall to reopen

Stallholder Priya Danvers said the new roof was “worth every penny of the wait”. “We lost a whole winter,” Ms Danvers said.

Market manager Tobias Glenn said: “The hall opens on Saturday.” He added: “Every stall is already taken.”

The borough council said the repairs were “finished on budget”.
";

const MARKET_LENS: &str = "Sources: 3 — 1 woman, 1 man, 1 organisation · women 52% of quoted words";

/// Nobody quoted yet.
const BRIEF: &str = "Market hall to reopen

The market hall reopens on Saturday after a year of repairs.
";

/// A source whose gender only their given name says.
const KIOSK: &str = "Kiosk licence renewed

Kiosk owner Harold Pym said: “I will be open all summer.”
";

/// A folder of its own for a test, removed when dropped.
struct Folder {
    dir: PathBuf,
}

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!(
            "copydesk-lsp-sources-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        // a repository root, so no copydesk.toml above it is found
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        let dir = dir.canonicalize().unwrap();
        Folder { dir }
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}", self.dir.join(name).display())
    }

    fn folder(&self) -> Value {
        json!([{"uri": format!("file://{}", self.dir.display()), "name": "desk"}])
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A typical editor that also takes `workspace/codeLens/refresh`.
fn refreshing_client() -> Value {
    let mut capabilities = client_capabilities();
    capabilities["workspace"] = json!({"codeLens": {"refreshSupport": true}});
    capabilities
}

/// The titles of the code lenses on `uri`.
fn lens_titles(server: &mut Server, uri: &str) -> Vec<String> {
    let lenses = server.code_lenses(uri);
    lenses
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| l["command"]["title"].as_str().unwrap().to_owned())
        .collect()
}

/// A `workspace/codeLens/refresh` request from the server, if one comes
/// within `timeout` (the test client answers it).
fn lens_refresh(server: &mut Server, timeout: Duration) -> Option<Value> {
    server.try_notification("workspace/codeLens/refresh", |_| true, timeout)
}

/// The result of `copydesk.sourceBalance` with `argument`, failing on an
/// error.
fn source_balance(server: &mut Server, argument: Value) -> Value {
    let response = server.execute_command("copydesk.sourceBalance", json!([argument]));
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

#[test]
fn the_headline_carries_the_source_count_and_the_server_says_it_can() {
    let (mut server, init) = Server::initialized_with(json!({}), client_capabilities());
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["codeLensProvider"]["resolveProvider"], false);
    assert_eq!(
        capabilities["executeCommandProvider"]["commands"],
        json!(["copydesk.sourceBalance"])
    );
    let uri = "file:///desk/market.txt";
    server.open_and_wait(uri, MARKET);
    let lenses = server.code_lenses(uri);
    let lenses = lenses.as_array().expect("a list of lenses");
    assert_eq!(lenses.len(), 1, "{lenses:?}");
    let lens = &lenses[0];
    assert_eq!(lens["range"]["start"], json!({"line": 0, "character": 0}));
    assert_eq!(lens["range"]["end"], json!({"line": 0, "character": 21}));
    assert_eq!(lens["command"]["title"], MARKET_LENS);
    assert_eq!(lens["command"]["command"], "copydesk.sourceBalance");
    assert_eq!(
        lens["command"]["arguments"],
        json!([{"uri": uri, "scope": "story"}])
    );

    let brief = "file:///desk/brief.txt";
    server.open_and_wait(brief, BRIEF);
    assert_eq!(lens_titles(&mut server, brief), ["Sources: none quoted"]);
    server.shutdown_and_exit();
}

#[test]
fn the_lens_is_refreshed_when_a_check_changes_the_count_and_only_then() {
    let (mut server, _) = Server::initialized_with(json!({}), refreshing_client());
    let uri = "file:///desk/brief.txt";
    server.open_and_wait(uri, BRIEF);
    // the client asks for an opened document's lenses itself
    assert!(lens_refresh(&mut server, Duration::from_millis(300)).is_none());
    assert_eq!(lens_titles(&mut server, uri), ["Sources: none quoted"]);

    // a quote with a speaker: checked, then the client is asked again
    let quote = "\nMs Ada Frome, who runs the flower stall, said: “We are ready.”\n";
    let v2 = format!("{BRIEF}{quote}");
    server.change_and_wait(uri, 2, insert_at(BRIEF, BRIEF.len(), quote));
    lens_refresh(&mut server, WAIT).expect("a refresh after the count changed");
    assert_eq!(
        lens_titles(&mut server, uri),
        ["Sources: 1 — 1 woman, 0 men · women 100% of quoted words"]
    );

    // an edit that changes no count: no refresh
    server.change_and_wait(uri, 3, insert_at(&v2, v2.find("year").unwrap(), "long "));
    assert!(
        lens_refresh(&mut server, Duration::from_millis(500)).is_none(),
        "the count did not change"
    );

    // lenses switched off and on again: a refresh each time, none meanwhile
    server.push_settings(json!({"copydesk": {"sourceLens": false}}));
    server.diagnostics(uri, None);
    lens_refresh(&mut server, WAIT).expect("a refresh after switching lenses off");
    assert_eq!(server.code_lenses(uri), Value::Null);
    server.push_settings(json!({"copydesk": {"sourceLens": true}}));
    server.diagnostics(uri, None);
    lens_refresh(&mut server, WAIT).expect("a refresh after switching lenses on");
    assert_eq!(lens_titles(&mut server, uri).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn a_client_without_refresh_support_is_not_asked_to_refresh_lenses() {
    let (mut server, _) = Server::initialized_with(json!({}), client_capabilities());
    let uri = "file:///desk/brief.txt";
    server.open_and_wait(uri, BRIEF);
    let quote = "\nMs Ada Frome said: “We are ready.”\n";
    server.change_and_wait(uri, 2, insert_at(BRIEF, BRIEF.len(), quote));
    assert!(lens_refresh(&mut server, Duration::from_millis(500)).is_none());
    // it asks after an edit itself, and gets the new count
    assert_eq!(
        lens_titles(&mut server, uri),
        ["Sources: 1 — 1 woman, 0 men · women 100% of quoted words"]
    );
    server.shutdown_and_exit();
}

#[test]
fn the_outline_gives_each_speakers_gender_and_kind() {
    let uri = "file:///desk/market.txt";
    let (mut server, _) = Server::with_document_open(uri, MARKET);
    let symbols = server.symbols(uri);
    let details: Vec<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s["name"].as_str().unwrap(),
                s["detail"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        details,
        [
            "Priya Danvers: woman · person · Stallholder · 2 quotes",
            "Tobias Glenn: man · person · Market manager · 2 quotes",
            "The borough council: organisation · 1 quote",
        ]
    );
    server.shutdown_and_exit();
}

/// The `Gender:` line of the hover on `needle` in `text`, if any.
fn gender_line(server: &mut Server, uri: &str, text: &str, needle: &str) -> Option<String> {
    let at = common::pos(text, text.find(needle).unwrap() + 1);
    let hover = server.at("textDocument/hover", uri, at);
    let markdown = hover["contents"]["value"].as_str().unwrap().to_owned();
    markdown
        .lines()
        .find(|l| l.starts_with("**Gender:**"))
        .map(str::to_owned)
}

#[test]
fn hovering_a_source_says_how_their_gender_was_decided() {
    let uri = "file:///desk/market.txt";
    let (mut server, _) = Server::with_document_open(uri, MARKET);
    assert_eq!(
        gender_line(&mut server, uri, MARKET, "Ms Danvers").as_deref(),
        Some("**Gender:** woman — title “Ms”")
    );
    assert_eq!(
        gender_line(&mut server, uri, MARKET, "Tobias Glenn").as_deref(),
        Some("**Gender:** man — pronoun “He”")
    );
    let kiosk = "file:///desk/kiosk.txt";
    server.open_and_wait(kiosk, KIOSK);
    assert_eq!(
        gender_line(&mut server, kiosk, KIOSK, "Harold Pym").as_deref(),
        Some("**Gender:** man — given name only (weak) “Harold”")
    );
    server.shutdown_and_exit();
}

#[test]
fn source_gender_from_the_client_and_the_project_decides_the_count() {
    // initializationOptions: text-only, so a given name decides nothing
    let (mut server, _) =
        Server::initialized_with(json!({"sourceGender": "text-only"}), refreshing_client());
    let kiosk = "file:///desk/kiosk.txt";
    server.open_and_wait(kiosk, KIOSK);
    assert_eq!(
        lens_titles(&mut server, kiosk),
        ["Sources: 1 — 0 women, 0 men, 1 unknown · women 0% of quoted words"]
    );
    assert_eq!(
        gender_line(&mut server, kiosk, KIOSK, "Harold Pym").as_deref(),
        Some("**Gender:** unknown — given name “Harold” not used (text-only)")
    );
    // pushed: names again; the lens changes, so it is refreshed
    server.push_settings(json!({"copydesk": {"sourceGender": "names"}}));
    server.diagnostics(kiosk, None);
    lens_refresh(&mut server, WAIT).expect("a refresh after sourceGender changed");
    assert_eq!(
        lens_titles(&mut server, kiosk),
        ["Sources: 1 — 0 women, 1 man · women 0% of quoted words"]
    );
    // bad values are said, and change nothing
    server.push_settings(json!({"copydesk": {"sourceGender": "guess", "minWomenShare": 2}}));
    let message = server.wait_for_notification("window/showMessage", |_| true, WAIT);
    let message = message["message"].as_str().unwrap();
    assert!(
        message.contains("copydesk.sourceGender “guess”"),
        "{message}"
    );
    assert!(
        message.contains("copydesk.minWomenShare 2 is not a share"),
        "{message}"
    );
    server.diagnostics(kiosk, None);
    assert_eq!(
        lens_titles(&mut server, kiosk),
        ["Sources: 1 — 0 women, 1 man · women 0% of quoted words"]
    );
    server.shutdown_and_exit();
}

#[test]
fn a_projects_sources_section_applies_under_the_clients_settings() {
    let folder = Folder::new("project");
    folder.write("copydesk.toml", "[sources]\ngender = \"text-only\"\n");
    folder.write("kiosk.txt", KIOSK);
    let uri = folder.uri("kiosk.txt");
    let (mut server, _) = Server::with_document_open(&uri, KIOSK);
    assert_eq!(
        lens_titles(&mut server, &uri),
        ["Sources: 1 — 0 women, 0 men, 1 unknown · women 0% of quoted words"]
    );
    let counted = source_balance(&mut server, json!({"uri": uri}));
    assert_eq!(counted["sources"][0]["gender"], "unknown");
    // the client's setting beats the file's
    server.push_settings(json!({"copydesk": {"sourceGender": "names"}}));
    server.diagnostics(&uri, None);
    assert_eq!(
        lens_titles(&mut server, &uri),
        ["Sources: 1 — 0 women, 1 man · women 0% of quoted words"]
    );
    let counted = source_balance(&mut server, json!({"uri": uri}));
    assert_eq!(counted["sources"][0]["gender"], "man");
    assert_eq!(counted["sources"][0]["decided_by"], "given-name");
    server.shutdown_and_exit();
}

#[test]
fn the_story_count_is_of_the_text_in_the_editor() {
    let uri = "file:///desk/market.txt";
    let (mut server, _) = Server::with_document_open(uri, MARKET);
    let story = source_balance(&mut server, json!({"uri": uri, "scope": "story"}));
    // named by its path in its folder (here, with no workspace, its own)
    assert_eq!(story["id"], "market.txt");
    assert_eq!(story["headline"], "Market hall to reopen");
    let rows: Vec<String> = story["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {}",
                s["name"], s["kind"], s["gender"], s["quotes"]
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            r#""Priya Danvers" "person" "woman" 2"#,
            r#""Tobias Glenn" "person" "man" 2"#,
            r#""The borough council" "organisation" "unknown" 1"#,
        ]
    );
    assert_eq!(story["sources"][0]["because"], "woman — title “Ms”");
    assert_eq!(story["totals"]["women"], 1);
    assert_eq!(story["totals"]["organisations"], 1);
    // unsaved edits count: a third person quoted
    let more = "\nShopper Lena Osei said she was “delighted”.\n";
    server.change_and_wait(uri, 2, insert_at(MARKET, MARKET.len(), more));
    let story = source_balance(&mut server, json!({"uri": uri}));
    assert_eq!(story["totals"]["sources"], 4);
    assert_eq!(story["totals"]["women"], 2);
    server.shutdown_and_exit();
}

#[test]
fn the_workspace_count_is_every_draft_in_its_folders() {
    let folder = Folder::new("desk");
    folder.write(
        "2026/market.md",
        &format!("---\ntitle: Market\ndate: 2026-03-14\n---\n\n# {MARKET}"),
    );
    folder.write("2026/kiosk.txt", KIOSK);
    folder.write("brief.txt", BRIEF);
    folder.write(
        "README.md",
        "# About this desk\n\n“Not a story,” said Ann Lee.\n",
    );
    // not UTF-8: left out, and the user told
    std::fs::write(folder.dir.join("latin1.txt"), b"Caf\xe9 closes\n").unwrap();
    folder.write(
        "interviews/pym.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nOpen all summer.\n",
    );
    let mut server = Server::initialized_in(folder.folder());
    // the kiosk story open, with an edit not saved: a second source
    let kiosk = folder.uri("2026/kiosk.txt");
    server.open_and_wait(&kiosk, KIOSK);
    let more = "\nHis neighbour, Mrs Joan Tull, said: “He deserves it.”\n";
    server.change_and_wait(&kiosk, 2, insert_at(KIOSK, KIOSK.len(), more));
    // a new draft, open but never saved
    let new = folder.uri("stall.txt");
    server.open_and_wait(
        &new,
        "Stall fees

Trader Nia Roe said: “Too high.”
",
    );

    let desk = source_balance(&mut server, json!({"uri": kiosk, "scope": "workspace"}));
    let stories: Vec<String> = desk["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{} {} {}", s["id"], s["date"], s["totals"]["sources"]))
        .collect();
    assert_eq!(
        stories,
        [
            r#""2026/kiosk.txt" null 2"#,
            r#""2026/market.md" "2026-03-14" 3"#,
            r#""brief.txt" null 0"#,
            r#""stall.txt" null 1"#,
        ]
    );
    assert_eq!(desk["totals"]["stories"], 4);
    assert_eq!(desk["totals"]["sources"], 6);
    assert_eq!(desk["totals"]["women"], 3);
    assert_eq!(desk["totals"]["men"], 2);
    assert_eq!(desk["months"]["2026-03"]["stories"], 1);
    let told = server.wait_for_notification("window/showMessage", |p| p["type"] == 2, WAIT);
    let told = told["message"].as_str().unwrap();
    assert!(
        told.contains("left out 1 file") && told.contains("latin1.txt: not UTF-8 text"),
        "{told}"
    );
    // still serving, and the open story's own count agrees
    let story = source_balance(&mut server, json!({"uri": kiosk}));
    assert_eq!(story["totals"], desk["stories"][0]["totals"]);
    server.shutdown_and_exit();
}

#[test]
fn workspace_folders_added_later_are_counted_and_without_any_the_drafts_folder_is() {
    let folder = Folder::new("later");
    folder.write("news/kiosk.txt", KIOSK);
    folder.write("market.txt", MARKET);
    let mut server = Server::initialized();
    let kiosk = folder.uri("news/kiosk.txt");
    // no workspace folder: the story's own folder
    let desk = source_balance(&mut server, json!({"uri": kiosk, "scope": "workspace"}));
    assert_eq!(desk["stories"][0]["id"], "kiosk.txt");
    assert_eq!(desk["totals"]["stories"], 1);
    server.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": folder.folder(), "removed": []}}),
    );
    let desk = source_balance(&mut server, json!({"uri": kiosk, "scope": "workspace"}));
    let ids: Vec<&str> = (desk["stories"].as_array().unwrap().iter())
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["market.txt", "news/kiosk.txt"]);
    server.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": folder.folder()}}),
    );
    let desk = source_balance(&mut server, json!({"uri": kiosk, "scope": "workspace"}));
    assert_eq!(desk["totals"]["stories"], 1);
    server.shutdown_and_exit();
}

#[test]
fn bad_arguments_and_unknown_commands_get_a_clear_error() {
    let uri = "file:///desk/market.txt";
    let (mut server, _) = Server::with_document_open(uri, MARKET);
    for (arguments, says) in [
        (json!([]), "takes one argument, not 0"),
        (json!([{"scope": "story"}]), "the uri of a draft is missing"),
        (
            json!([{"uri": uri, "scope": "desk"}]),
            r#"scope must be "story" or "workspace", not "desk""#,
        ),
        (
            json!([{"uri": "file:///desk/nowhere.txt"}]),
            "/desk/nowhere.txt: cannot read it: no such file",
        ),
        (
            json!([{"uri": "untitled:Untitled-1"}]),
            "neither open nor a file on disk",
        ),
    ] {
        let response = server.execute_command("copydesk.sourceBalance", arguments.clone());
        assert_eq!(response["error"]["code"], -32602, "{arguments}: {response}");
        let message = response["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("copydesk.sourceBalance: "), "{message}");
        assert!(message.contains(says), "{arguments}: {message}");
    }
    let response = server.execute_command("copydesk.tidyUp", json!([]));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no command “copydesk.tidyUp”"),
        "{response}"
    );
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn the_workspace_count_is_the_json_form_of_copydesk_sources() {
    let folder = Folder::new("same-form");
    folder.write(
        "2026/market.md",
        &format!("---\ndate: 2026-03-14\n---\n\n# {MARKET}"),
    );
    folder.write("kiosk.txt", KIOSK);
    let mut server = Server::initialized_in(folder.folder());
    let desk = source_balance(
        &mut server,
        json!({"uri": folder.uri("kiosk.txt"), "scope": "workspace"}),
    );
    server.shutdown_and_exit();
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["sources", "--format", "json", "."])
        .current_dir(&folder.dir)
        .output()
        .expect("copydesk sources runs");
    let cli: Value = serde_json::from_slice(&cli.stdout).expect("one JSON object");
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&desk),
        ["stories", "totals", "months", "shares", "gender"]
    );
    assert_eq!(keys(&desk), keys(&cli));
    for key in ["totals", "months", "shares", "gender"] {
        assert_eq!(desk[key], cli[key], "{key}");
    }
    assert_eq!(desk["gender"], "names");
    assert_eq!(desk["shares"]["women"], 0.333);
    // each story's object too, but for its id (the CLI's is the path given)
    let without_id = |story: &Value| {
        let mut story = story.clone();
        story.as_object_mut().unwrap().remove("id");
        story
    };
    for (ours, theirs) in desk["stories"]
        .as_array()
        .unwrap()
        .iter()
        .zip(cli["stories"].as_array().unwrap())
    {
        assert_eq!(without_id(ours), without_id(theirs));
    }
}

#[test]
fn a_device_is_not_read_and_the_answer_says_why() {
    let (mut server, _) = Server::with_document_open("file:///desk/market.txt", MARKET);
    let response = server.execute_command(
        "copydesk.sourceBalance",
        json!([{"uri": "file:///dev/zero"}]),
    );
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let message = response["error"]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "copydesk.sourceBalance: /dev/zero: cannot read it: a device, not a regular file"
    );
    server.still_serving();
    server.shutdown_and_exit();
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_workspace_is_left_out_and_named() {
    let folder = Folder::new("fifo");
    folder.write("kiosk.txt", KIOSK);
    let made = std::process::Command::new("mkfifo")
        .arg(folder.dir.join("stuck.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let mut server = Server::initialized_in(folder.folder());
    let desk = source_balance(
        &mut server,
        json!({"uri": folder.uri("kiosk.txt"), "scope": "workspace"}),
    );
    assert_eq!(desk["totals"]["stories"], 1);
    let told = server.wait_for_notification("window/showMessage", |p| p["type"] == 2, WAIT);
    let told = told["message"].as_str().unwrap();
    assert!(
        told.contains("left out 1 file")
            && told.contains("stuck.md: cannot read it: a named pipe (FIFO), not a regular file"),
        "{told}"
    );
    server.shutdown_and_exit();
}
