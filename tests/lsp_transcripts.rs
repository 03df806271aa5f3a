//! End-to-end tests of interview transcripts in the language server: a
//! project whose `copydesk.toml` names its transcripts, a draft quoting
//! them (once faithfully, once with a word changed), and what the server
//! makes of it: the `transcript-mismatch` finding and its fix, hover with
//! the passage, definition into the transcript, the `✓` inlay hint, a
//! transcript mended on disk, and one that cannot be read.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use common::{apply_edits, client_capabilities, codes, pos, range_of, Server, WAIT};

const TRANSCRIPT: &str = "WEBVTT

00:00:02.000 --> 00:00:07.000
<v Speaker 1>Thanks for making the time. The ferry service has been cut twice this year.

00:12:34.000 --> 00:12:40.000
<v Speaker 1>We will not shut the harbour without a proper vote of the council.
";

const DRAFT: &str = "Harbour vote promised

The harbourmaster, Dana Okafor, spoke on Monday.

“We will not close the harbour without a proper vote of the council,” Ms Okafor said.

“The ferry service has been cut twice this year,” she said.
";

/// A project folder of its own: `copydesk.toml` naming
/// `interviews/*.vtt`, `Speaker 1` as Dana Okafor, and the draft.
struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(name: &str) -> Project {
        let dir = std::env::temp_dir().join(format!(
            "copydesk-lsp-transcripts-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("interviews")).unwrap();
        std::fs::write(
            dir.join("copydesk.toml"),
            "[transcripts]\npaths = [\"interviews/*.vtt\"]\n\n[transcripts.speakers]\n\"Speaker 1\" = \"Dana Okafor\"\n",
        )
        .unwrap();
        std::fs::write(dir.join("interviews/okafor.vtt"), TRANSCRIPT).unwrap();
        std::fs::write(dir.join("draft.txt"), DRAFT).unwrap();
        let dir = dir.canonicalize().unwrap();
        Project { dir }
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}", self.dir.join(name).display())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A client that can be asked to watch files.
fn watching_client() -> Value {
    let mut capabilities = client_capabilities();
    capabilities["workspace"] = json!({"didChangeWatchedFiles": {"dynamicRegistration": true}});
    capabilities
}

fn mismatches(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "transcript-mismatch")
        .collect()
}

fn watched_change(server: &mut Server, path: &Path) {
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", path.display()), "type": 2}]}),
    );
}

#[test]
fn a_changed_word_is_found_shown_and_fixed() {
    let project = Project::new("mismatch");
    let uri = project.uri("draft.txt");
    let (mut server, _) = Server::initialized_with(json!({}), watching_client());
    // the watcher is registered once initialized
    let registration = server.wait_for_notification(
        "client/registerCapability",
        |p| p["registrations"][0]["method"] == "workspace/didChangeWatchedFiles",
        WAIT,
    );
    let watchers = &registration["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/*.{vtt,srt,json,txt,md}");

    let d = server.open_and_wait(&uri, DRAFT);
    assert_eq!(codes(&d), ["transcript-mismatch"], "{d:?}");
    assert_eq!(d[0]["range"], range_of(DRAFT, "close"));
    let message = d[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Transcript (interviews/okafor.vtt, 00:12:34, Dana Okafor) says “shut”, the draft says “close”\n"),
        "{message}"
    );

    // the fix puts the transcript's word back
    let actions = server.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d[0]["range"], "context": {"diagnostics": [d[0]]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Use the transcript's words: “shut”")
        .unwrap_or_else(|| panic!("no fix among {actions}"));
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        apply_edits(DRAFT, edits),
        DRAFT.replace("not close the", "not shut the")
    );

    // hover on the quote: the passage, its time and speaker, the change
    let hover = server.at(
        "textDocument/hover",
        &uri,
        pos(DRAFT, DRAFT.find("close").unwrap()),
    );
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(
        card.contains(
            "**Transcript:** interviews/okafor.vtt, 00:12:34, Dana Okafor, line 7 — 1 difference"
        ),
        "{card}"
    );
    assert!(
        card.contains(
            "> We will not ~~close~~ **shut** the harbour without a proper vote of the council"
        ),
        "{card}"
    );

    // definition on the quote: the transcript, at the passage
    let definition = server.at(
        "textDocument/definition",
        &uri,
        pos(DRAFT, DRAFT.find("proper").unwrap()),
    );
    assert_eq!(definition["uri"], project.uri("interviews/okafor.vtt"));
    let start = TRANSCRIPT.find("We will not").unwrap();
    let end = TRANSCRIPT.find("council.").unwrap() + "council".len();
    assert_eq!(
        definition["range"],
        json!({"start": pos(TRANSCRIPT, start), "end": pos(TRANSCRIPT, end)})
    );
    // on a person it is still their introduction
    let person = server.at(
        "textDocument/definition",
        &uri,
        pos(DRAFT, DRAFT.find("Ms Okafor").unwrap() + 4),
    );
    assert_eq!(person["range"], range_of(DRAFT, "Dana Okafor"));
    server.shutdown_and_exit();
}

#[test]
fn a_verified_quote_gets_a_tick_when_transcript_hints_are_on() {
    let project = Project::new("hints");
    let uri = project.uri("draft.txt");
    let (mut server, _) =
        Server::initialized_with(json!({"transcriptHints": true}), client_capabilities());
    server.open_and_wait(&uri, DRAFT);
    let everything = json!({"start": pos(DRAFT, 0), "end": pos(DRAFT, DRAFT.len())});
    let hints = server.inlay_hints(&uri, everything.clone());
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0]["label"], "✓ 00:00:02");
    assert_eq!(
        hints[0]["position"],
        pos(DRAFT, DRAFT.find(" she said").unwrap())
    );
    // with speaker hints too, the pronoun's speaker comes first
    server.push_settings(json!({"copydesk": {"inlayHints": true}}));
    server.diagnostics(&uri, Some(1));
    let hints = server.inlay_hints(&uri, everything);
    let labels: Vec<&Value> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["label"])
        .collect();
    assert_eq!(labels, [&json!("— Dana Okafor"), &json!("✓ 00:00:02")]);
    server.shutdown_and_exit();
}

#[test]
fn a_transcript_changed_on_disk_is_read_again() {
    let project = Project::new("changed");
    let uri = project.uri("draft.txt");
    let (mut server, _) = Server::initialized_with(json!({}), watching_client());
    let d = server.open_and_wait(&uri, DRAFT);
    assert_eq!(mismatches(&d).len(), 1);
    // the reporter corrects the transcript: the same size, so perhaps the
    // same modification time too
    let transcript = project.path("interviews/okafor.vtt");
    std::fs::write(&transcript, TRANSCRIPT.replace("shut", "shot")).unwrap();
    watched_change(&mut server, &transcript);
    let d = server.diagnostics(&uri, Some(1));
    assert_eq!(codes(&d), ["transcript-mismatch"]);
    assert!(d[0]["message"].as_str().unwrap().contains("says “shot”"));
    std::fs::write(&transcript, TRANSCRIPT.replace("shut", "close")).unwrap();
    watched_change(&mut server, &transcript);
    let d = server.diagnostics(&uri, Some(1));
    assert!(d.is_empty(), "{d:?}");
    // a change to a file no document's transcripts are: nothing published
    watched_change(&mut server, &project.path("draft.txt"));
    let republished = server.try_notification(
        "textDocument/publishDiagnostics",
        |p| p["uri"] == json!(uri),
        Duration::from_millis(500),
    );
    assert!(republished.is_none(), "{republished:?}");
    server.shutdown_and_exit();
}

#[test]
fn an_unreadable_transcript_is_reported_once_and_the_rest_are_used() {
    let project = Project::new("unreadable");
    std::fs::write(
        project.path("interviews/broken.vtt"),
        b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\xfe\n",
    )
    .unwrap();
    let mut server = Server::initialized();
    let d = server.open_and_wait(&project.uri("draft.txt"), DRAFT);
    assert_eq!(
        codes(&d),
        ["transcript-mismatch"],
        "okafor.vtt is still used"
    );
    let shown = server.wait_for_notification("window/showMessage", |_| true, WAIT);
    let text = shown["message"].as_str().unwrap();
    assert!(
        text.starts_with("copydesk: interviews/broken.vtt:4: not UTF-8 text"),
        "{text}"
    );
    // a second draft under the same project: not said again
    std::fs::write(project.path("second.txt"), DRAFT).unwrap();
    let d = server.open_and_wait(&project.uri("second.txt"), DRAFT);
    assert_eq!(codes(&d), ["transcript-mismatch"]);
    let again = server.try_notification("window/showMessage", |_| true, Duration::from_millis(500));
    assert!(again.is_none(), "{again:?}");
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn the_front_matter_list_and_a_save_bring_in_new_transcripts() {
    let project = Project::new("front-matter");
    std::fs::create_dir_all(project.path("notes")).unwrap();
    std::fs::write(
        project.path("notes/bell.txt"),
        "Marcus Bell: Nobody on the council was asked about the harbour.\n",
    )
    .unwrap();
    let draft = "---\ntitle: Harbour\n---\nHarbour row\n\nCouncillor Marcus Bell was angry.\n\n“Nobody on the council was told about the harbour,” Mr Bell said.\n";
    let uri = project.uri("bell.md");
    let mut server = Server::initialized();
    let d = server.open_markdown_and_wait(&uri, draft);
    assert!(d.is_empty(), "bell.txt is not named yet: {d:?}");
    // naming it in the front matter is enough: no save needed
    let named = draft.replace(
        "title: Harbour\n",
        "title: Harbour\ntranscripts: [notes/bell.txt]\n",
    );
    let d = server.change_and_wait(&uri, 2, json!([{"text": named}]));
    assert_eq!(codes(&d), ["transcript-mismatch"], "{d:?}");
    assert!(d[0]["message"].as_str().unwrap().contains("says “asked”"));

    // a transcript the configuration's glob will match appears; the client
    // watches nothing, but the draft is saved
    std::fs::write(
        project.path("interviews/bell.vtt"),
        "WEBVTT\n\n00:01:00.000 --> 00:01:05.000\n<v Marcus Bell>Nobody on the council was told about the harbour.\n",
    )
    .unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = server.diagnostics(&uri, Some(2));
    assert!(d.is_empty(), "found word for word in bell.vtt: {d:?}");
    server.shutdown_and_exit();
}

/// [`watching_client`] that also takes `workspace/inlayHint/refresh`.
fn refreshing_client() -> Value {
    let mut capabilities = watching_client();
    capabilities["workspace"]["inlayHint"] = json!({"refreshSupport": true});
    capabilities
}

fn hint_labels(server: &mut Server, uri: &str) -> Vec<String> {
    let everything = json!({"start": pos(DRAFT, 0), "end": pos(DRAFT, DRAFT.len())});
    let hints = server.inlay_hints(uri, everything);
    hints
        .as_array()
        .map(|hints| {
            hints
                .iter()
                .map(|h| h["label"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A `workspace/inlayHint/refresh` request from the server, if one comes
/// within `timeout` (the test client answers it).
fn hint_refresh(server: &mut Server, timeout: Duration) -> Option<Value> {
    server.try_notification("workspace/inlayHint/refresh", |_| true, timeout)
}

#[test]
fn hints_are_refreshed_after_a_transcript_changes_on_disk_or_hints_are_switched() {
    let project = Project::new("refresh");
    let uri = project.uri("draft.txt");
    let (mut server, _) =
        Server::initialized_with(json!({"transcriptHints": true}), refreshing_client());
    server.open_and_wait(&uri, DRAFT);
    assert_eq!(hint_labels(&mut server, &uri), ["✓ 00:00:02"]);
    // opening needs no refresh: the client asks for the new document's
    let early = hint_refresh(&mut server, Duration::from_millis(300));
    assert!(early.is_none(), "{early:?}");

    // the transcript mended on disk: the other quote is verified now, and
    // the client is told to ask again, after the new findings
    let transcript = project.path("interviews/okafor.vtt");
    std::fs::write(&transcript, TRANSCRIPT.replace("shut", "close")).unwrap();
    watched_change(&mut server, &transcript);
    let d = server.diagnostics(&uri, Some(1));
    assert!(d.is_empty(), "{d:?}");
    hint_refresh(&mut server, WAIT).expect("a refresh after the re-check");
    assert_eq!(hint_labels(&mut server, &uri), ["✓ 00:12:34", "✓ 00:00:02"]);

    // a setting that does not touch hints: re-checked, no refresh
    server.push_settings(json!({"copydesk": {"severity": {"transcript-mismatch": "error"}}}));
    server.diagnostics(&uri, Some(1));
    let needless = hint_refresh(&mut server, Duration::from_millis(500));
    assert!(needless.is_none(), "{needless:?}");
    // transcriptHints switched off, then on again: a refresh each time
    server.push_settings(json!({"copydesk": {"transcriptHints": false}}));
    server.diagnostics(&uri, Some(1));
    hint_refresh(&mut server, WAIT).expect("a refresh after switching hints off");
    assert!(hint_labels(&mut server, &uri).is_empty());
    server.push_settings(json!({"copydesk": {"transcriptHints": true}}));
    server.diagnostics(&uri, Some(1));
    hint_refresh(&mut server, WAIT).expect("a refresh after switching hints on");
    assert_eq!(hint_labels(&mut server, &uri).len(), 2);
    server.shutdown_and_exit();
}

#[test]
fn a_client_without_refresh_support_is_not_asked_to_refresh_hints() {
    let project = Project::new("no-refresh");
    let uri = project.uri("draft.txt");
    let (mut server, _) =
        Server::initialized_with(json!({"transcriptHints": true}), watching_client());
    server.open_and_wait(&uri, DRAFT);
    let transcript = project.path("interviews/okafor.vtt");
    std::fs::write(&transcript, TRANSCRIPT.replace("shut", "close")).unwrap();
    watched_change(&mut server, &transcript);
    assert!(server.diagnostics(&uri, Some(1)).is_empty());
    server.push_settings(json!({"copydesk": {"transcriptHints": false}}));
    server.diagnostics(&uri, Some(1));
    let refresh = hint_refresh(&mut server, Duration::from_millis(500));
    assert!(refresh.is_none(), "{refresh:?}");
    server.still_serving();
    server.shutdown_and_exit();
}

/// Notes of the interview that a draft would be faulted for: an
/// unattributed quotation left open.
const NOTES: &str = "Dana Okafor: We will not shut the harbour. “Nobody asked the council.\n";

#[test]
fn a_transcript_opened_in_the_editor_is_not_checked_as_a_draft() {
    let project = Project::new("opened");
    std::fs::write(
        project.path("copydesk.toml"),
        "[transcripts]\npaths = [\"interviews/*.vtt\", \"notes/*.txt\"]\n\n[transcripts.speakers]\n\"Speaker 1\" = \"Dana Okafor\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(project.path("notes")).unwrap();
    std::fs::write(project.path("notes/okafor.txt"), NOTES).unwrap();
    let (draft, notes) = (project.uri("draft.txt"), project.uri("notes/okafor.txt"));
    let vtt = project.uri("interviews/okafor.vtt");
    let (mut server, _) = Server::initialized_with(
        json!({"transcriptHints": true, "inlayHints": true}),
        client_capabilities(),
    );
    // no draft uses the notes yet: they are checked as one
    let d = server.open_and_wait(&notes, NOTES);
    assert!(codes(&d).contains(&"unclosed-quote"), "{d:?}");

    // the draft reads them as a transcript: their findings are withdrawn
    server.open_and_wait(&draft, DRAFT);
    let d = server.diagnostics(&notes, Some(1));
    assert!(d.is_empty(), "{d:?}");
    let everything = json!({"start": pos(NOTES, 0), "end": pos(NOTES, NOTES.len())});
    assert_eq!(server.symbols(&notes), Value::Null);
    assert_eq!(server.inlay_hints(&notes, everything), Value::Null);

    // a WebVTT file, which editors open as plain text: nothing, by its name
    let with_open_quote = TRANSCRIPT.replace("<v Speaker 1>We will", "<v Speaker 1>“We will");
    let d = server.open_and_wait(&vtt, &with_open_quote);
    assert!(d.is_empty(), "{d:?}");
    let quote = with_open_quote.find("“We will").unwrap();
    assert_eq!(
        server.at("textDocument/hover", &vtt, pos(&with_open_quote, quote + 5)),
        Value::Null
    );
    assert_eq!(server.symbols(&vtt), Value::Null);
    let d = server.change_and_wait(
        &vtt,
        2,
        json!([{"text": format!("{with_open_quote}\n“Another.\n")}]),
    );
    assert!(d.is_empty(), "{d:?}");
    let actions = server.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": vtt}, "range": {"start": pos(&with_open_quote, quote), "end": pos(&with_open_quote, quote + 3)}, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions, Value::Null);

    // the draft closed: nothing uses the notes, and they are a draft again
    server.close(&draft);
    let d = server.diagnostics(&notes, Some(1));
    assert!(codes(&d).contains(&"unclosed-quote"), "{d:?}");
    // the WebVTT file stays a transcript
    assert_eq!(server.symbols(&vtt), Value::Null);
    server.shutdown_and_exit();
}
