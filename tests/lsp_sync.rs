//! End-to-end tests of document sync over stdio: the diagnostics published
//! on open (UTF-16 ranges by default, UTF-8 columns when negotiated,
//! Markdown code blocks skipped), incremental edits (after emoji, in CRLF
//! text, a burst of keystrokes, several changes in one notification, a
//! full-text replacement), stale and out-of-order versions, and closing and
//! reopening a document.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::{
    after_harbour_quote, attribute_the_harbour_quote, client_capabilities_offering, codes, delete,
    harbour_attributed, insert_at, long_draft, pos, range_of, replace_all,
    server_with_harbour_open, unattributed, Server, HARBOUR, HARBOUR_QUOTE, HARBOUR_URI, LIBRARY,
};

// ---------------------------------------------------------------------------
// Diagnostics on open
// ---------------------------------------------------------------------------

#[test]
fn an_unattributed_quote_is_published_with_its_utf16_range() {
    let (server, diagnostics) = Server::with_document_open(HARBOUR_URI, HARBOUR);
    assert_eq!(
        codes(&diagnostics),
        ["unattributed-quote"],
        "{diagnostics:?}"
    );
    let d = &diagnostics[0];
    // line 2; 53 UTF-16 units before the quote (62 bytes: “ ” — £ — are
    // multi-byte in UTF-8 but one unit each in UTF-16)
    assert_eq!(d["range"], range_of(HARBOUR, HARBOUR_QUOTE));
    assert_eq!(d["range"]["start"], json!({"line": 2, "character": 53}));
    assert_eq!(d["source"], "copydesk");
    assert_eq!(d["severity"], 2, "warning");
    let href = d["codeDescription"]["href"].as_str().unwrap_or_default();
    assert!(
        href.starts_with("http") && href.ends_with("#unattributed-quote"),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("The water is too shallow"),
        "{d}"
    );
    server.shutdown_and_exit();
}

#[test]
fn with_utf8_negotiated_columns_count_bytes() {
    let (mut server, _) = Server::initialized_with(
        json!({}),
        client_capabilities_offering(&["utf-8", "utf-16"]),
    );
    let uri = "file:///drafts/harbour-utf8.txt";
    let diagnostics = server.open_and_wait(uri, HARBOUR);
    let start = HARBOUR.find(HARBOUR_QUOTE).unwrap() - HARBOUR.find("The “new”").unwrap();
    assert_eq!(start, 62);
    let end = json!({"line": 2, "character": 62 + HARBOUR_QUOTE.len()});
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 2, "character": 62}, "end": end})
    );
    // an edit in UTF-8 columns: insert the attribution after the quote
    let diagnostics = server.change_and_wait(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": ", she said"}]),
    );
    assert!(unattributed(&diagnostics).is_empty(), "{diagnostics:?}");
    server.shutdown_and_exit();
}

#[test]
fn markdown_code_blocks_are_not_checked() {
    let text = "# Ferry service resumes\n\nThe boats returned on Friday.\n\n\
```\necho “Nobody said this in a code block.”\n```\n\n“The timetable is a joke.”\n";
    let mut server = Server::initialized();
    let md = server.open_markdown_and_wait("file:///drafts/ferry.md", text);
    assert_eq!(codes(&md), ["unattributed-quote"], "{md:?}");
    assert_eq!(md[0]["range"], range_of(text, "“The timetable is a joke.”"));
    // the same text as plain text has no code block: both quotes count
    let plain = server.open_and_wait("file:///drafts/ferry.txt", text);
    assert_eq!(unattributed(&plain).len(), 2, "{plain:?}");
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// Incremental edits
// ---------------------------------------------------------------------------

#[test]
fn adding_an_attribution_clears_the_diagnostic() {
    let (mut server, uri) = server_with_harbour_open();
    let diagnostics = server.change_and_wait(uri, 2, attribute_the_harbour_quote());
    assert!(unattributed(&diagnostics).is_empty(), "{diagnostics:?}");
    // and deleting it again brings the diagnostic back
    let fixed = harbour_attributed();
    let said = fixed.find(", she said").unwrap();
    let diagnostics = server.change_and_wait(uri, 3, delete(&fixed, said..said + 10));
    assert_eq!(unattributed(&diagnostics).len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["range"], range_of(HARBOUR, HARBOUR_QUOTE));
    server.shutdown_and_exit();
}

#[test]
fn edits_after_an_emoji_land_where_utf16_says() {
    // each 🎉 is two UTF-16 units: a server counting characters would put
    // the insertion two letters further on ("“We woreally n …”")
    let text = "Fans cheered.\n\n🎉🎉 “We won the cup.”\n";
    let uri = "file:///drafts/cup.txt";
    let (mut server, before) = Server::with_document_open(uri, text);
    assert_eq!(before[0]["range"], range_of(text, "“We won the cup.”"));
    assert_eq!(before[0]["range"]["start"]["character"], 5);
    let at = text.find("We ").unwrap() + 3;
    assert_eq!(
        pos(text, at),
        json!({"line": 2, "character": 9}),
        "7 characters"
    );
    let after = server.change_and_wait(uri, 2, insert_at(text, at, "really "));
    let edited = text.replace("We won", "We really won");
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(
        after[0]["range"],
        range_of(&edited, "“We really won the cup.”")
    );
    assert!(
        after[0]["message"]
            .as_str()
            .unwrap()
            .contains("“We really won the cup.”"),
        "{after:?}"
    );
    // range ends inside a surrogate pair snap to the pair's start:
    // deleting [1, 3) removes exactly the first 🎉, never half of one
    let after = server.change_and_wait(
        uri,
        3,
        json!([{"range": {"start": {"line": 2, "character": 1}, "end": {"line": 2, "character": 3}}, "text": ""}]),
    );
    let edited = edited.replacen("🎉🎉", "🎉", 1);
    assert_eq!(
        after[0]["range"],
        range_of(&edited, "“We really won the cup.”")
    );
    server.shutdown_and_exit();
}

#[test]
fn crlf_documents_count_lines_and_take_edits() {
    let text = "Mill closes\r\n\r\nThe mill shut on Friday.\r\n\r\n“It was our whole life.”\r\nThe site will be sold.\r\n";
    let quote = "“It was our whole life.”";
    let uri = "file:///drafts/mill.txt";
    let (mut server, d) = Server::with_document_open(uri, text);
    assert_eq!(codes(&d), ["unattributed-quote"], "{d:?}");
    assert_eq!(
        d[0]["range"],
        json!({"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 24}})
    );
    let after = text.find(quote).unwrap() + quote.len();
    let d = server.change_and_wait(uri, 2, insert_at(text, after, ", a worker said"));
    assert!(unattributed(&d).is_empty(), "{d:?}");
    // a full-text replacement (no range) is incremental sync's other form
    let d = server.change_and_wait(uri, 3, replace_all(&text.replace("\r\n", "\n")));
    assert_eq!(d[0]["range"]["start"], json!({"line": 4, "character": 0}));
    server.shutdown_and_exit();
}

#[test]
fn a_burst_of_keystrokes_ends_where_a_fresh_open_does() {
    let (mut server, uri) = server_with_harbour_open();
    let mut text = HARBOUR.to_owned();
    let mut version = 1;
    // type an attribution after the quote, then a new paragraph with a
    // quote nobody says, one character per didChange, no waiting
    let mut at = after_harbour_quote();
    for typed in [
        ", she said",
        "\n\nThen, in March, silence. “Nobody was told.”",
    ] {
        for c in typed.chars() {
            version += 1;
            server.send_change(uri, version, insert_at(&text, at, &c.to_string()));
            text.insert(at, c);
            at += c.len_utf8();
        }
        at = text.len() - 1;
    }
    // and a backspace
    version += 1;
    let last = text.find("silence").unwrap() + 4;
    let typed = server.change_and_wait(uri, version, delete(&text, last..last + 1));
    text.remove(last);
    let fresh = server.open_and_wait("file:///drafts/fresh.txt", &text);
    assert_eq!(typed, fresh, "{text}");
    assert_eq!(unattributed(&fresh).len(), 1, "{fresh:?}");
    assert_eq!(fresh[0]["range"], range_of(&text, "“Nobody was told.”"));
    server.shutdown_and_exit();
}

#[test]
fn several_changes_in_one_notification_apply_in_order() {
    let (mut server, uri) = server_with_harbour_open();
    let after = after_harbour_quote();
    // "she" then " said" typed after it: the second range is in the text
    // the first change produced
    let she = format!("{}, she{}", &HARBOUR[..after], &HARBOUR[after..]);
    let mut changes = insert_at(HARBOUR, after, ", she");
    changes.as_array_mut().unwrap().extend(
        insert_at(&she, after + 5, " said")
            .as_array()
            .unwrap()
            .clone(),
    );
    let d = server.change_and_wait(uri, 2, changes);
    assert!(unattributed(&d).is_empty(), "{d:?}");
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// Stale versions
// ---------------------------------------------------------------------------

#[test]
fn stale_and_out_of_order_versions_are_ignored() {
    let (mut server, uri) = server_with_harbour_open();
    let end = HARBOUR.len();
    // version 3 fixes the quote...
    let d = server.change_and_wait(uri, 3, attribute_the_harbour_quote());
    assert!(unattributed(&d).is_empty());
    let fixed = harbour_attributed();
    // ...then a late version 2 and a repeated version 3 would each add a
    // new unattributed quote at the end: both must be dropped
    server.send_change(uri, 2, insert_at(HARBOUR, end, "\n“Version two.”\n"));
    server.send_change(
        uri,
        3,
        insert_at(HARBOUR, end, "\n“Version three again.”\n"),
    );
    // version 4 is applied to the version-3 text
    let d = server.change_and_wait(
        uri,
        4,
        insert_at(&fixed, fixed.len(), "\nThe ferry left at noon.\n"),
    );
    assert!(
        unattributed(&d).is_empty(),
        "a stale edit was applied: {d:?}"
    );
    // and no publication ever carried version 2
    let v2 = server.try_notification(
        "textDocument/publishDiagnostics",
        |p| p["version"] == json!(2),
        Duration::from_millis(0),
    );
    assert!(v2.is_none(), "{v2:?}");
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// Close and reopen
// ---------------------------------------------------------------------------

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let (mut server, uri) = server_with_harbour_open();
    server.close(uri);
    let d = server.diagnostics(uri, None);
    assert!(d.is_empty(), "{d:?}");
    // closed means forgotten: requests about it get nothing
    let hover = server.at(
        "textDocument/hover",
        uri,
        json!({"line": 2, "character": 60}),
    );
    assert_eq!(hover, Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn a_reopened_document_is_never_shown_the_old_texts_findings() {
    // editors number versions from 1 again when a file is reopened: the
    // analysis of a slow old text with the same version number must not be
    // taken for the new one
    let old = long_draft(
        "Prices soar\n\n",
        "Anna Berg, a baker in Felbury, said flour prices had doubled. “We cannot keep up,” Ms Berg said.\n\n",
        500_000,
        "The market closed early. “Old text.”\n",
    );
    let mut server = Server::initialized();
    // how long this server takes to check the old text
    let started = Instant::now();
    server.open_and_wait("file:///drafts/timing.txt", &old);
    let check = started.elapsed();
    let uri = "file:///drafts/reopened.txt";
    server.send_open(uri, &old);
    // once the open is handled (the answer to a later request shows it),
    // let the check of the old text start, then close and reopen while it
    // runs
    server.still_serving();
    thread::sleep((check / 4).min(Duration::from_millis(20)));
    server.close(uri);
    let new = server.open_and_wait(uri, LIBRARY);
    assert_eq!(codes(&new), ["unattributed-quote"], "{new:?}");
    // give the old check time to finish, then look again
    let late = server.try_notification(
        "textDocument/publishDiagnostics",
        |p| p["uri"] == json!(uri) && p["diagnostics"].to_string().contains("Old text"),
        check * 2 + Duration::from_millis(200),
    );
    assert!(
        late.is_none(),
        "the old text's findings were published for the new one"
    );
    assert!(
        !server.symbols(uri).to_string().contains("Anna Berg"),
        "answers about the old text"
    );
    server.shutdown_and_exit();
}
