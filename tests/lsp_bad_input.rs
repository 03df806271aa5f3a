//! End-to-end tests of what the server does with bad input over stdio:
//! malformed JSON and frames with a wrong or missing `Content-Length`,
//! unknown methods and bad params, requests and changes about documents
//! never opened, positions past the end of a document, a two-megabyte draft,
//! binary-looking text, and trace logging, which must leave stdout to the
//! protocol. In every case the server must keep serving.

mod common;

use serde_json::{json, Value};

use common::{
    client_capabilities, frame, insert_at, long_draft, range_of, server_with_library_open,
    unattributed, Server, LIBRARY, LIBRARY_URI,
};

/// After a framing or JSON error the server may answer with an error whose
/// id is null (Parse error or Invalid Request) or say nothing; either way
/// it must answer the next good request.
fn error_with_null_id_if_any(server: &mut Server) {
    if let Some(error) = server.take_error_with_null_id() {
        let code = &error["error"]["code"];
        assert!(code == -32700 || code == -32600, "{code}");
    }
}

/// Sends `bytes`, which are not a good message, then checks that the server
/// still answers and that what it said about them, if anything, is an
/// error with a null id.
fn send_bad_bytes(server: &mut Server, bytes: &[u8]) {
    server.send_raw(bytes);
    server.still_serving();
    error_with_null_id_if_any(server);
}

/// `body` framed with a `Content-Length` header that says `length`.
fn frame_claiming(length: usize, body: &str) -> Vec<u8> {
    format!("Content-Length: {length}\r\n\r\n{body}").into_bytes()
}

#[test]
fn malformed_json_is_answered_and_the_server_keeps_serving() {
    let mut server = Server::initialized();
    send_bad_bytes(
        &mut server,
        &frame("{\"jsonrpc\": \"2.0\", \"id\": 40, \"method\": "),
    );
    // JSON, but not a JSON-RPC message
    send_bad_bytes(&mut server, &frame("[1, 2, 3]"));
    // not UTF-8
    send_bad_bytes(&mut server, b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc");
    server.shutdown_and_exit();
}

#[test]
fn a_wrong_content_length_loses_at_most_the_next_message() {
    let mut server = Server::initialized();
    // too long: the body swallows the start of the next message, which the
    // server may lose (copydesk resynchronises and keeps it); the one after
    // that must be answered
    let body = json!({"jsonrpc": "2.0", "method": "$/noSuchNotification"}).to_string();
    let mut bytes = frame_claiming(body.len() + 10, &body);
    let lost = json!({"jsonrpc": "2.0", "id": 1000, "method": "copydesk/noSuchMethod"}).to_string();
    bytes.extend(frame(&lost));
    send_bad_bytes(&mut server, &bytes);
    // too short: the rest of the body is garbage before the next header
    let body =
        json!({"jsonrpc": "2.0", "method": "$/noSuchNotification", "params": {}}).to_string();
    let mut bytes = frame_claiming(body.len() - 5, &body);
    bytes.extend(b"\r\n");
    send_bad_bytes(&mut server, &bytes);
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
    assert_eq!(server.inlay_hints(uri, range), Value::Null);
    server.shutdown_and_exit();
}

#[test]
fn changes_to_a_document_never_opened_are_ignored() {
    let mut server = Server::initialized();
    server.send_change(
        "file:///never/opened.txt",
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "“Hello.”"}]),
    );
    server.close("file:///never/closed.txt");
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn positions_past_the_end_get_null_not_a_crash() {
    let (mut server, uri) = server_with_library_open();
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
        let refs = server.references(uri, position.clone());
        assert!(refs.is_null() || refs == json!([]), "{refs}");
        let range = json!({"start": position, "end": {"line": 99999, "character": 1}});
        let hints = server.inlay_hints(uri, range);
        assert!(hints.is_null() || hints.is_array(), "{hints}");
    }
    // an edit past the end appends (clamped), and diagnostics follow it
    let d = server.change_and_wait(
        uri,
        2,
        json!([{"range": {"start": {"line": 9999, "character": 5}, "end": {"line": 9999, "character": 9}},
                "text": "\n“A late quote.”\n"}]),
    );
    assert_eq!(unattributed(&d).len(), 2, "{d:?}");
    server.shutdown_and_exit();
}

#[test]
fn a_two_megabyte_draft_opens_and_is_checked() {
    let text = long_draft(
        "Prices soar in Felbury\n\n",
        "Anna Berg, a baker in Felbury, said flour prices had doubled. “We cannot keep up,” Ms Berg said. The council will meet on Tuesday to discuss the market stalls and the parking charges.\n\n",
        2_000_000,
        "At last, on Friday, silence. “Nobody will say this.”\n",
    );
    let lines = text.matches('\n').count();
    let uri = "file:///drafts/big.txt";
    let (mut server, d) = Server::with_document_open(uri, &text);
    let last = unattributed(&d);
    assert_eq!(last.len(), 1, "{:?}", &d[..d.len().min(3)]);
    assert_eq!(
        last[0]["range"],
        json!({"start": {"line": lines - 1, "character": 29}, "end": {"line": lines - 1, "character": 52}})
    );
    // a keystroke at the end is still handled
    server.change_and_wait(uri, 2, insert_at(&text, text.len(), "x"));
    server.still_serving();
    server.shutdown_and_exit();
}

/// A draft with NUL bytes, control characters, a lone `\r` (a line break
/// in LSP), a BOM, a private-use character and replacement characters.
const BINARY_LOOKING: &str = "\u{feff}Bin\u{0}ary\u{1}\u{7}\u{1b}[0m\u{fffd}\u{fffd}\rline one\u{0}\u{0}\u{e000}\n“A quote\u{0} with a NUL.”\r";

#[test]
fn binary_looking_text_opens_fine() {
    let uri = "file:///drafts/binary.txt";
    let (mut server, d) = Server::with_document_open(uri, BINARY_LOOKING);
    for diagnostic in &d {
        assert!(diagnostic["range"]["start"]["line"].as_u64().unwrap() <= 2);
    }
    let quote = unattributed(&d);
    assert_eq!(quote.len(), 1, "{d:?}");
    assert_eq!(
        quote[0]["range"],
        range_of(BINARY_LOOKING, "“A quote\u{0} with a NUL.”")
    );
    server.change_and_wait(uri, 2, insert_at(BINARY_LOOKING, 3, "\u{0}\r\r"));
    // and as Markdown
    server.open_markdown_and_wait("file:///drafts/binary.md", BINARY_LOOKING);
    server.still_serving();
    server.shutdown_and_exit();
}

#[test]
fn even_trace_logging_leaves_stdout_to_the_protocol() {
    let mut server = Server::spawn_logging(&[], "trace");
    server.initialize(json!({}), client_capabilities());
    let uri = LIBRARY_URI;
    server.open_and_wait(uri, LIBRARY);
    server.change_and_wait(uri, 2, insert_at(LIBRARY, 0, "Update: "));
    server.at(
        "textDocument/hover",
        uri,
        json!({"line": 2, "character": 3}),
    );
    server.symbols(uri);
    server.shutdown_and_exit();
}
