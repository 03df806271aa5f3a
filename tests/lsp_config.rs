//! End-to-end tests of the server's settings over stdio: severities set by
//! `initializationOptions` and by pushed `workspace/didChangeConfiguration`
//! settings (under a `copydesk` section or bare), settings pulled with
//! `workspace/configuration` from clients that offer it, settings pushed
//! while the first check runs, and bad values, wrong types and unknown
//! rules, which must reach the user and leave the server working.

mod common;

use std::time::Duration;

use serde_json::{json, Value};

use common::{
    client_capabilities, codes, insert_at, server_with_harbour_open, unattributed, Server, HARBOUR,
    HARBOUR_URI, WAIT,
};

/// A server initialized with `options` by a typical editor.
fn initialized_with_options(options: Value) -> Server {
    Server::initialized_with(options, client_capabilities()).0
}

/// `copydesk` settings, without debounce, giving rules the levels in
/// `severity`.
fn severity_settings(severity: Value) -> Value {
    json!({"copydesk": {"debounceMs": 0, "severity": severity}})
}

/// The text of the next `window/showMessage` of one of the `types`
/// (1 error, 2 warning) within `timeout`.
fn message_shown(server: &mut Server, types: &[i64], timeout: Duration) -> String {
    let message = server.wait_for_notification(
        "window/showMessage",
        |p| types.iter().any(|t| p["type"] == *t),
        timeout,
    );
    message["message"].as_str().unwrap().to_owned()
}

/// Edits the open [`HARBOUR`] (`Update: ` before the headline, version 2)
/// and returns the diagnostics for the edit.
fn edit_the_headline(server: &mut Server, uri: &str) -> Vec<Value> {
    server.change_and_wait(uri, 2, insert_at(HARBOUR, 0, "Update: "))
}

#[test]
fn a_rule_switched_off_by_configuration_disappears() {
    let (mut server, uri) = server_with_harbour_open();
    server.push_settings(severity_settings(json!({"unattributed-quote": "off"})));
    let d = server.diagnostics(uri, None);
    assert!(unattributed(&d).is_empty(), "{d:?}");
    // and a new edit is checked with the new settings too
    let d = server.change_and_wait(
        uri,
        2,
        insert_at(HARBOUR, HARBOUR.len(), "“Another one.”\n"),
    );
    assert!(unattributed(&d).is_empty());
    // switched back on as an error
    server.push_settings(severity_settings(json!({"unattributed-quote": "error"})));
    let d = server.diagnostics(uri, None);
    assert_eq!(unattributed(&d).len(), 2, "{d:?}");
    assert!(d.iter().all(|d| d["severity"] == 1), "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn initialization_options_set_severity() {
    let mut server = initialized_with_options(json!({"severity": {"unattributed-quote": "hint"}}));
    let d = server.open_and_wait(HARBOUR_URI, HARBOUR);
    assert_eq!(codes(&d), ["unattributed-quote"]);
    assert_eq!(d[0]["severity"], 4, "hint");
    server.shutdown_and_exit();
}

#[test]
fn pull_model_clients_are_asked_for_their_configuration() {
    let mut caps = client_capabilities();
    caps["workspace"] =
        json!({"configuration": true, "didChangeConfiguration": {"dynamicRegistration": false}});
    let (mut server, _) = Server::initialized_with(json!({}), caps);
    server.answer_configuration_with(
        json!({"debounceMs": 0, "severity": {"unattributed-quote": "off"}}),
    );
    assert_eq!(server.open_and_wait(HARBOUR_URI, HARBOUR).len(), 1);
    // VS Code style: the notification carries nothing; the server pulls
    server.push_settings(Value::Null);
    let d = server.diagnostics(HARBOUR_URI, None);
    assert!(unattributed(&d).is_empty(), "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn a_bad_setting_value_is_reported_and_the_server_keeps_working() {
    let (mut server, uri) = server_with_harbour_open();
    server.push_settings(severity_settings(
        json!({"unattributed-quote": "loud", "no-such-rule": "off"}),
    ));
    let text = message_shown(&mut server, &[2], WAIT);
    assert!(
        text.contains("loud") && text.contains("no-such-rule"),
        "{text}"
    );
    // the bad level is skipped: the rule keeps its default
    let d = server.diagnostics(uri, None);
    assert_eq!(unattributed(&d).len(), 1, "{d:?}");
    assert_eq!(unattributed(&edit_the_headline(&mut server, uri)).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn a_setting_of_the_wrong_type_is_reported_and_the_server_keeps_working() {
    // a client that pushes settings and does not offer
    // workspace/configuration: the mistake must reach the user
    let (mut server, uri) = server_with_harbour_open();
    server.push_settings(json!({"copydesk": {"debounceMs": "soon", "severity": ["off"]}}));
    let text = message_shown(&mut server, &[1, 2], Duration::from_secs(3));
    assert!(text.contains("copydesk"), "{text}");
    assert_eq!(unattributed(&edit_the_headline(&mut server, uri)).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn an_unknown_rule_in_initialization_options_is_reported() {
    let mut server = initialized_with_options(json!({"severity": {"unattributed-quotes": "off"}}));
    let text = message_shown(&mut server, &[2], Duration::from_secs(3));
    assert!(text.contains("unattributed-quotes"), "{text}");
    // the misspelt rule switched nothing off
    let d = server.open_and_wait(HARBOUR_URI, HARBOUR);
    assert_eq!(unattributed(&d).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn settings_pushed_while_the_first_check_runs_win() {
    // The check of the opened draft is queued under the old settings when
    // the new ones arrive: its analysis must not be reused for the re-check.
    let mut server = initialized_with_options(json!({"debounceMs": 0}));
    server.send_open(HARBOUR_URI, HARBOUR);
    server.push_settings(json!({"copydesk": {"severity": {"unattributed-quote": "error"}}}));
    server.wait_for_notification(
        "textDocument/publishDiagnostics",
        |p| {
            p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == 1 && d[0]["severity"] == 1)
        },
        Duration::from_secs(5),
    );
    server.shutdown_and_exit();
}

#[test]
fn bare_settings_pushed_without_a_section_are_applied() {
    let (mut server, uri) = server_with_harbour_open();
    server.push_settings(json!({"severity": {"unattributed-quote": "off"}}));
    assert!(unattributed(&edit_the_headline(&mut server, uri)).is_empty());
    server.shutdown_and_exit();
}

#[test]
fn initialization_options_of_the_wrong_type_are_reported() {
    let mut server = initialized_with_options(json!({"inlayHints": "yes please"}));
    let message = server.try_notification(
        "window/showMessage",
        |p| p["type"] == 1 || p["type"] == 2,
        Duration::from_secs(3),
    );
    let logged = server.try_notification(
        "window/logMessage",
        |p| p["message"].to_string().contains("copydesk"),
        Duration::from_millis(0),
    );
    assert!(
        message.is_some() || logged.is_some(),
        "the user is never told"
    );
    let d = server.open_and_wait(HARBOUR_URI, HARBOUR);
    assert_eq!(unattributed(&d).len(), 1);
    server.shutdown_and_exit();
}

#[test]
fn a_copydesk_toml_with_many_problems_is_shown_as_one_short_message() {
    // A folder of its own, with a configuration file that has 30 bad entries.
    let dir =
        std::env::temp_dir().join(format!("copydesk-lsp-many-problems-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let verbs = vec!["\"1\""; 30].join(", ");
    std::fs::write(
        dir.join("copydesk.toml"),
        format!("[words]\nspeech_verbs = [{verbs}]\n"),
    )
    .unwrap();
    let draft = dir.join("draft.txt");
    std::fs::write(&draft, HARBOUR).unwrap();
    let uri = format!("file://{}", draft.display());

    let mut server = Server::initialized();
    server.send_open(&uri, HARBOUR);
    let message = message_shown(&mut server, &[1, 2], WAIT);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 21, "{message}");
    assert!(
        lines[0].contains("copydesk.toml:2:17: words.speech_verbs"),
        "{message}"
    );
    assert!(
        lines[20].ends_with("and 10 more problems after these; mend the ones above first"),
        "{message}"
    );
    server.still_serving();
    let _ = std::fs::remove_dir_all(&dir);
}
