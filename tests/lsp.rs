//! End-to-end tests of the language server over stdio; the test client and
//! helpers are in `common`.

mod common;

use serde_json::{json, Value};

use common::*;

#[test]
fn changes_to_a_document_never_opened_are_ignored() {
    let mut server = Server::initialized();
    server.send_change(
        "file:///never/opened.txt",
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "“Hello.”"}]),
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///never/closed.txt"}}),
    );
    server.still_serving();
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 7. robustness: bad input over stdio
// ---------------------------------------------------------------------------

/// After a framing or JSON error the server may answer with an error whose
/// id is null (Parse error or Invalid Request) or say nothing; either way
/// it must answer the next good request.
fn error_with_null_id_if_any(server: &mut Server) {
    if let Some(error) = server.take_error_with_null_id() {
        let code = &error["error"]["code"];
        assert!(code == -32700 || code == -32600, "{code}");
    }
}

#[test]

fn malformed_json_is_answered_and_the_server_keeps_serving() {
    let mut server = Server::initialized();
    server.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 40, \"method\": "));
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // JSON, but not a JSON-RPC message
    server.send_raw(&frame("[1, 2, 3]"));
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // not UTF-8
    server.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc");
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    server.shutdown_and_exit();
}

#[test]

fn a_wrong_content_length_loses_at_most_the_next_message() {
    let mut server = Server::initialized();
    // too long: the body swallows the start of the next message, which the
    // server may lose (copydesk resynchronises and keeps it); the one after
    // that must be answered
    let body = json!({"jsonrpc": "2.0", "method": "$/noSuchNotification"}).to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len() + 10).into_bytes();
    let lost = json!({"jsonrpc": "2.0", "id": 1000, "method": "copydesk/noSuchMethod"}).to_string();
    bytes.extend(frame(&lost));
    server.send_raw(&bytes);
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // too short: the rest of the body is garbage before the next header
    let body =
        json!({"jsonrpc": "2.0", "method": "$/noSuchNotification", "params": {}}).to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n{body}", body.len() - 5).into_bytes();
    bytes.extend(b"\r\n");
    server.send_raw(&bytes);
    server.still_serving();
    error_with_null_id_if_any(&mut server);
    // no Content-Length at all
    server.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn unknown_methods_and_bad_params_get_errors() {
    let mut server = Server::initialized();
    let r = server.request("copydesk/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    server.still_serving();
    // unknown notifications (with or without `$/`) are ignored silently
    server.notify("$/noSuchNotification", json!({}));
    server.notify("copydesk/noSuchNotification", json!({}));
    server.still_serving();
    for (method, params) in [
        ("textDocument/hover", json!({"textDocument": 5})),
        ("textDocument/hover", json!("not an object")),
        (
            "textDocument/definition",
            json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": -1, "character": 0}}),
        ),
        ("textDocument/documentSymbol", json!({})),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": "file:///a.txt"}}),
        ),
    ] {
        let r = server.request(method, params.clone());
        assert_eq!(r["error"]["code"], -32602, "{method} {params}: {r}");
        server.still_serving();
    }
    // a notification with bad params is dropped, not fatal
    server.notify("textDocument/didOpen", json!({"textDocument": "nope"}));
    server.notify("textDocument/didChange", json!({"contentChanges": 7}));
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn requests_about_documents_never_opened_get_null() {
    let mut server = Server::initialized();
    let uri = "file:///never/opened.md";
    let p = json!({"line": 0, "character": 0});
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/documentHighlight",
        "textDocument/prepareRename",
        "textDocument/completion",
    ] {
        let mut params = json!({"textDocument": {"uri": uri}, "position": p});
        if method == "textDocument/references" {
            params["context"] = json!({"includeDeclaration": true});
        }
        assert_eq!(server.result(method, params), Value::Null, "{method}");
    }
    let rename = json!({"textDocument": {"uri": uri}, "position": p, "newName": "Smith"});
    assert_eq!(server.result("textDocument/rename", rename), Value::Null);
    let range = json!({"start": p, "end": p});
    let action =
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}});
    assert_eq!(
        server.result("textDocument/codeAction", action),
        Value::Null
    );
    let hints = json!({"textDocument": {"uri": uri}, "range": range});
    assert_eq!(server.result("textDocument/inlayHint", hints), Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn positions_past_the_end_get_null_not_a_crash() {
    let mut server = Server::initialized();
    let uri = "file:///drafts/library.txt";
    server.open_and_wait(uri, LIBRARY);
    for position in [
        json!({"line": 9999, "character": 0}),
        json!({"line": 0, "character": 9999}),
        json!({"line": 4_000_000_000u32, "character": 4_000_000_000u32}),
    ] {
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/documentHighlight",
            "textDocument/prepareRename",
        ] {
            assert_eq!(
                server.at(method, uri, position.clone()),
                Value::Null,
                "{method} {position}"
            );
        }
        let refs = server.result(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": position, "context": {"includeDeclaration": true}}),
        );
        assert!(refs.is_null() || refs == json!([]), "{refs}");
        let range = json!({"start": position, "end": {"line": 99999, "character": 1}});
        let hints = server.result(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        );
        assert!(hints.is_null() || hints.is_array(), "{hints}");
    }
    // an edit past the end appends (clamped), and diagnostics follow it
    server.send_change(
        uri,
        2,
        json!([{"range": {"start": {"line": 9999, "character": 5}, "end": {"line": 9999, "character": 9}},
                "text": "\n“A late quote.”\n"}]),
    );
    let d = server.diagnostics(uri, Some(2));
    assert_eq!(unattributed(&d).len(), 2, "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn a_two_megabyte_draft_opens_and_is_checked() {
    let paragraph = "Anna Berg, a baker in Felbury, said flour prices had doubled. “We cannot keep up,” Ms Berg said. The council will meet on Tuesday to discuss the market stalls and the parking charges.\n\n";
    let mut text = String::from("Prices soar in Felbury\n\n");
    while text.len() < 2_000_000 {
        text.push_str(paragraph);
    }
    text.push_str("The market closed early on Friday. “Nobody will say this.”\n");
    let lines = text.matches('\n').count();
    let mut server = Server::initialized();
    let uri = "file:///drafts/big.txt";
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let d = server.diagnostics(uri, Some(1));
    let last = unattributed(&d);
    assert_eq!(last.len(), 1, "{:?}", &d[..d.len().min(3)]);
    assert_eq!(
        last[0]["range"],
        json!({"start": {"line": lines - 1, "character": 35}, "end": {"line": lines - 1, "character": 58}})
    );
    // a keystroke at the end is still handled
    let end = pos(&text, text.len());
    server.send_change(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "x"}]),
    );
    server.diagnostics(uri, Some(2));
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn binary_looking_text_opens_fine() {
    // NUL bytes, control characters, a lone \r (a line break in LSP), a
    // BOM, a private-use character and replacement characters
    let text = "\u{feff}Bin\u{0}ary\u{1}\u{7}\u{1b}[0m\u{fffd}\u{fffd}\rline one\u{0}\u{0}\u{e000}\n“A quote\u{0} with a NUL.”\r";
    let mut server = Server::initialized();
    let uri = "file:///drafts/binary.txt";
    let d = server.open_and_wait(uri, text);
    for diagnostic in &d {
        assert!(diagnostic["range"]["start"]["line"].as_u64().unwrap() <= 2);
    }
    let quote = unattributed(&d);
    assert_eq!(quote.len(), 1, "{d:?}");
    assert_eq!(
        quote[0]["range"],
        range_of(text, "“A quote\u{0} with a NUL.”")
    );
    server.send_change(uri, 2, insert_at(text, 3, "\u{0}\r\r"));
    server.diagnostics(uri, Some(2));
    // and as Markdown
    server.open_markdown_and_wait("file:///drafts/binary.md", text);
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn even_trace_logging_leaves_stdout_to_the_protocol() {
    let mut server = Server::spawn_logging(&[], "trace");
    server.result(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": client_capabilities(),
               "initializationOptions": {"debounceMs": 0}}),
    );
    server.notify("initialized", json!({}));
    let uri = "file:///drafts/library.txt";
    server.open_and_wait(uri, LIBRARY);
    server.send_change(uri, 2, insert_at(LIBRARY, 0, "Update: "));
    server.diagnostics(uri, Some(2));
    server.at(
        "textDocument/hover",
        uri,
        json!({"line": 2, "character": 3}),
    );
    server.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// 8. features (issue 4, items 4–9)
// ---------------------------------------------------------------------------

#[test]
fn hover_on_a_mention_names_the_person() {
    let (mut server, uri) = server_with_library_open();
    // on "Okafor" in the last "Ms Okafor"
    let at = range_nth(LIBRARY, "Okafor", 3)["start"].clone();
    let hover = server.at("textDocument/hover", uri, at);
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Jane Okafor"), "{value}");
    // on a quotation: its speaker
    let at = range_of(LIBRARY, "cannot afford")["start"].clone();
    let hover = server.at("textDocument/hover", uri, at);
    assert!(hover.to_string().contains("Jane Okafor"), "{hover}");
    // on plain words: nothing
    let at = range_of(LIBRARY, "branch")["start"].clone();
    assert_eq!(server.at("textDocument/hover", uri, at), Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn the_outline_lists_speakers_with_their_quotes() {
    let (mut server, uri) = server_with_library_open();
    let symbols = server.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = symbols.as_array().expect("a list of symbols");
    let named = |s: &Value, what: &str| s["name"].as_str().unwrap_or("").contains(what);
    let jane = symbols
        .iter()
        .find(|s| named(s, "Jane Okafor"))
        .unwrap_or_else(|| panic!("no speaker symbol: {symbols:?}"));
    let quotes = jane["children"].as_array().expect("quotes as children");
    assert!(
        quotes.iter().any(|q| named(q, "We cannot afford")),
        "{jane}"
    );
    let heating = quotes
        .iter()
        .find(|q| named(q, "We cannot afford"))
        .unwrap();
    assert_eq!(
        heating["selectionRange"]["start"]["line"],
        range_of(LIBRARY, "“We cannot")["start"]["line"]
    );
    let unattributed = symbols
        .iter()
        .find(|s| named(s, "Unattributed"))
        .unwrap_or_else(|| panic!("no Unattributed group: {symbols:?}"));
    assert!(unattributed.to_string().contains("Nobody asked us"));
    // named but never quoted
    assert!(
        symbols.iter().any(|s| s.to_string().contains("Tom Reddy")),
        "{symbols:?}"
    );
    server.shutdown_and_exit();
}

#[test]
fn definition_goes_to_the_full_name() {
    let (mut server, uri) = server_with_library_open();
    let at = range_nth(LIBRARY, "Okafor", 2)["start"].clone();
    let def = server.at("textDocument/definition", uri, at);
    let location = if def.is_array() { def[0].clone() } else { def };
    let target = location
        .get("targetUri")
        .map_or_else(|| location["uri"].clone(), Value::clone);
    assert_eq!(target, uri);
    let range = location
        .get("targetSelectionRange")
        .unwrap_or(&location["range"])
        .clone();
    assert_eq!(range, range_of(LIBRARY, "Jane Okafor"), "{location}");
    server.shutdown_and_exit();
}

#[test]
fn references_find_every_mention_outside_quotes() {
    let (mut server, uri) = server_with_library_open();
    let at = range_of(LIBRARY, "Jane")["start"].clone();
    let refs = server.result(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": at, "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().expect("locations");
    assert_eq!(refs.len(), 4, "{refs:?}");
    assert!(refs.iter().all(|r| r["uri"] == uri));
    let highlights = server.at("textDocument/documentHighlight", uri, at_okafor(1));
    assert_eq!(highlights.as_array().map(Vec::len), Some(4), "{highlights}");
    server.shutdown_and_exit();
}

fn at_okafor(n: usize) -> Value {
    range_nth(LIBRARY, "Okafor", n)["start"].clone()
}

#[test]
fn rename_changes_every_form_of_the_name() {
    let (mut server, uri) = server_with_library_open();
    let prepared = server.at("textDocument/prepareRename", uri, at_okafor(1));
    assert!(!prepared.is_null(), "prepareRename on a surname");
    let edit = server.result(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": at_okafor(1), "newName": "Okoro"}),
    );
    let edits = edits_for(&edit, uri);
    assert_eq!(
        apply_edits(LIBRARY, &edits),
        LIBRARY.replace("Okafor", "Okoro")
    );
    // plain words cannot be renamed
    let at = range_of(LIBRARY, "branch")["start"].clone();
    assert_eq!(
        server.at("textDocument/prepareRename", uri, at),
        Value::Null
    );
    server.shutdown_and_exit();
}

#[test]
fn code_actions_fix_or_ignore_a_diagnostic() {
    let mut server = Server::initialized();
    let uri = "file:///drafts/harbour.txt";
    let diagnostics = server.open_and_wait(uri, HARBOUR);
    let range = diagnostics[0]["range"].clone();
    let actions = server.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range,
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions.as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && a["edit"].is_object()
                && !a["title"]
                    .as_str()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("ignore")
        })
        .unwrap_or_else(|| panic!("no quick fix: {actions:?}"));
    let fixed = apply_edits(HARBOUR, &edits_for(&fix["edit"], uri));
    // the quotation stays (its closing full stop may become a comma) and
    // a `said` clause follows it on its line
    let quote = fixed
        .find("“The water is too shallow for the ferries")
        .expect("the quote is kept");
    let line = fixed[quote..].lines().next().unwrap();
    let close = line.find('”').expect("closing mark");
    assert!(line[close..].contains(" said"), "{fixed}");
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("Ignore"))
        .unwrap_or_else(|| panic!("no Ignore action: {actions:?}"));
    let ignored = apply_edits(HARBOUR, &edits_for(&ignore["edit"], uri));
    assert!(ignored.contains("copydesk"), "{ignored}");
    // and the ignore comment does silence the rule
    server.send_change(uri, 2, json!([{"text": ignored}]));
    assert!(unattributed(&server.diagnostics(uri, Some(2))).is_empty());
    server.shutdown_and_exit();
}

#[test]
fn completion_after_a_title_offers_the_surname() {
    let (mut server, uri) = server_with_library_open();
    let end = pos(LIBRARY, LIBRARY.len());
    server.send_change(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "\nLater Ms "}]),
    );
    let typed = format!("{LIBRARY}\nLater Ms ");
    server.diagnostics(uri, Some(2));
    let at = pos(&typed, typed.len());
    let completion = server.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": at,
               "context": {"triggerKind": 2, "triggerCharacter": " "}}),
    );
    let items = completion
        .get("items")
        .unwrap_or(&completion)
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        items.iter().any(|i| i.to_string().contains("Okafor")),
        "{completion}"
    );
    // this client announced label details: the note goes there
    assert!(items
        .iter()
        .all(|i| i["labelDetails"]["description"].is_string()));
    server.shutdown_and_exit();
}

#[test]
fn completion_for_a_client_without_label_details_keeps_the_note_in_detail() {
    let (mut server, _) = Server::initialized_with(json!({}), json!({}));
    let uri = "file:///drafts/library.txt";
    server.open_and_wait(uri, LIBRARY);
    let typed = format!("{LIBRARY}\nLater Ms ");
    server.send_change(uri, 2, json!([{"text": typed}]));
    server.diagnostics(uri, Some(2));
    let completion = server.result(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos(&typed, typed.len())}),
    );
    let items = completion
        .get("items")
        .unwrap_or(&completion)
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!items.is_empty(), "{completion}");
    for item in &items {
        assert!(item.get("labelDetails").is_none(), "{item}");
        assert!(
            item["detail"].as_str().unwrap_or("").contains('('),
            "{item}"
        );
    }
    server.shutdown_and_exit();
}

#[test]
fn inlay_hints_are_off_by_default() {
    let (mut server, uri) = server_with_library_open();
    let hints = server.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": pos(LIBRARY, LIBRARY.len())}}),
    );
    assert!(hints.is_null() || hints == json!([]), "{hints}");
    server.shutdown_and_exit();
}

#[test]
fn inlay_hints_name_the_speaker_of_a_pronoun_attributed_quote() {
    let text = "Pool reopens\n\nMaria Lindqvist, the pool manager, welcomed swimmers back on Monday. “The water is warm at last,” she said.\n";
    let (mut server, _) =
        Server::initialized_with(json!({"inlayHints": true}), client_capabilities());
    let uri = "file:///drafts/pool.txt";
    server.open_and_wait(uri, text);
    let hints = server.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": pos(text, text.len())}}),
    );
    let hints = hints.as_array().expect("hints");
    assert!(
        hints
            .iter()
            .any(|h| h["label"].to_string().contains("Maria Lindqvist")),
        "{hints:?}"
    );
    server.shutdown_and_exit();
}
