//! End-to-end tests of the server's life cycle over stdio: what `initialize`
//! advertises (every feature, the position encoding the client offers, the
//! optional fields only clients that announce them get), the `lsp`
//! subcommand and `--stdio` flag, requests before `initialize` and after
//! `shutdown`, and how the process ends: `exit` after `shutdown` or without
//! it, and stdin closing.

mod common;

use std::time::Instant;

use serde_json::{json, Value};

use common::{
    client_capabilities, client_capabilities_offering, codes, server_with_harbour_open, Server,
    HARBOUR, WAIT,
};

/// `initialize` parameters from a client that announces nothing.
fn bare_initialize_params() -> Value {
    json!({"processId": null, "rootUri": null, "capabilities": {}})
}

#[test]
fn initialize_advertises_every_feature_and_utf16_by_default() {
    let (server, result) = Server::initialized_with(json!({}), client_capabilities());
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{caps}");
    // incremental sync (2), as a number or inside options
    let sync = &caps["textDocumentSync"];
    assert!(
        sync == &json!(2) || (sync["change"] == json!(2) && sync["openClose"] == json!(true)),
        "{sync}"
    );
    for provider in [
        "hoverProvider",
        "documentSymbolProvider",
        "definitionProvider",
        "referencesProvider",
        "codeActionProvider",
        "inlayHintProvider",
    ] {
        let p = &caps[provider];
        assert!(
            p == &json!(true) || p.is_object(),
            "{provider} not advertised: {caps}"
        );
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true, "{caps}");
    assert!(caps["completionProvider"].is_object(), "{caps}");
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    server.shutdown_and_exit();
}

#[test]
fn optional_fields_go_only_to_clients_that_announce_them() {
    // A client that announces no prepareSupport and no codeDescriptionSupport
    // (eglot on Emacs 29 is one): RenameOptions are not allowed, and the
    // documentation link is left out.
    let (mut server, result) = Server::initialized_with(json!({}), json!({}));
    assert_eq!(result["capabilities"]["renameProvider"], true, "{result}");
    let diagnostics = server.open_and_wait("file:///drafts/plain.txt", HARBOUR);
    assert_eq!(codes(&diagnostics), ["unattributed-quote"]);
    assert!(
        diagnostics[0].get("codeDescription").is_none(),
        "{diagnostics:?}"
    );
    server.shutdown_and_exit();
}

#[test]
fn position_encoding_is_utf8_only_when_the_client_offers_it() {
    for (offered, chosen) in [
        (&["utf-8", "utf-16"][..], "utf-8"),
        (&["utf-16"][..], "utf-16"),
    ] {
        let (server, result) =
            Server::initialized_with(json!({}), client_capabilities_offering(offered));
        assert_eq!(
            result["capabilities"]["positionEncoding"], chosen,
            "offered {offered:?}"
        );
        server.shutdown_and_exit();
    }
}

#[test]
fn the_lsp_subcommand_and_stdio_flag_serve_too() {
    for args in [&["lsp"][..], &["--stdio"][..]] {
        let mut server = Server::spawn_with(args);
        let result = server.result("initialize", bare_initialize_params());
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        server.notify("initialized", json!({}));
        server.shutdown_and_exit();
    }
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut server = Server::spawn();
    let r = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32002, "ServerNotInitialized: {r}");
    let r = server.result("initialize", bare_initialize_params());
    assert!(r["capabilities"].is_object());
    // a second initialize is an error
    let r = server.request("initialize", bare_initialize_params());
    assert!(r.get("error").is_some(), "{r}");
    server.notify("initialized", json!({}));
    server.shutdown_and_exit();
}

#[test]
fn requests_after_shutdown_are_invalid_and_exit_ends_the_process() {
    let (mut server, uri) = server_with_harbour_open();
    assert_eq!(server.result("shutdown", Value::Null), Value::Null);
    let r = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 60}}),
    );
    assert_eq!(r["error"]["code"], -32600, "InvalidRequest: {r}");
    let r = server.request("shutdown", Value::Null);
    assert_eq!(r["error"]["code"], -32600, "InvalidRequest: {r}");
    server.notify("exit", Value::Null);
    server.expect_exit(0);
}

#[test]
fn exit_without_shutdown_ends_the_process_with_status_1() {
    let mut server = Server::initialized();
    server.notify("exit", Value::Null);
    server.expect_exit(1);
}

#[test]
fn closing_stdin_ends_the_process() {
    let mut server = Server::initialized();
    server.close_stdin();
    assert!(
        server.exit_status_by(Instant::now() + WAIT).is_some(),
        "still running after stdin closed"
    );
}
