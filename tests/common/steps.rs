//! The steps the tests take over and over, each one LSP exchange (or a
//! notification and the bounded wait for what it causes): initialize, open,
//! change, close, push settings, and the requests about a document.

use serde_json::{json, Value};

use super::{client_capabilities, Server};

impl Server {
    /// A server initialized with `options` (plus no debounce unless
    /// `options` sets one) and the client capabilities `capabilities`,
    /// and the result of its `initialize`.
    pub fn initialized_with(options: Value, capabilities: Value) -> (Server, Value) {
        let mut server = Server::spawn();
        let result = server.initialize(options, capabilities);
        (server, result)
    }

    /// A UTF-16 server with no debounce, ready for documents.
    pub fn initialized() -> Server {
        Server::initialized_with(json!({}), client_capabilities()).0
    }

    /// A server ([`Server::initialized`]) whose workspace is `folders` (an
    /// array of `{"uri", "name"}`).
    pub fn initialized_in(folders: Value) -> Server {
        let mut server = Server::spawn();
        server.initialize_in(json!({}), client_capabilities(), folders);
        server
    }

    /// A server ([`Server::initialized`]) with `text` open as a plain-text
    /// document at `uri`, and the diagnostics published for it.
    pub fn with_document_open(uri: &str, text: &str) -> (Server, Vec<Value>) {
        let mut server = Server::initialized();
        let diagnostics = server.open_and_wait(uri, text);
        (server, diagnostics)
    }

    /// Sends `initialize` with `options` (plus no debounce unless `options`
    /// sets one) and `capabilities`, then `initialized`; returns the result
    /// of `initialize`.
    pub fn initialize(&mut self, options: Value, capabilities: Value) -> Value {
        self.initialize_in(options, capabilities, Value::Null)
    }

    /// [`Server::initialize`] with the workspace folders `folders` (an
    /// array of `{"uri", "name"}`, or null for none).
    pub fn initialize_in(&mut self, options: Value, capabilities: Value, folders: Value) -> Value {
        let mut init = json!({"debounceMs": 0});
        if let (Some(init), Some(options)) = (init.as_object_mut(), options.as_object()) {
            init.extend(options.clone());
        }
        let result = self.result(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "workspaceFolders": folders,
                "capabilities": capabilities,
                "initializationOptions": init,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// Sends `didOpen` for a plain-text document at version 1, without
    /// waiting for anything.
    pub fn send_open(&mut self, uri: &str, text: &str) {
        self.send_open_as(uri, "plaintext", text);
    }

    fn send_open_as(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Opens a plain-text document at version 1 and returns the
    /// diagnostics published for that version.
    pub fn open_and_wait(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.send_open(uri, text);
        self.diagnostics(uri, Some(1))
    }

    /// Opens a Markdown document at version 1 and returns the diagnostics
    /// published for that version.
    pub fn open_markdown_and_wait(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.send_open_as(uri, "markdown", text);
        self.diagnostics(uri, Some(1))
    }

    /// Sends `didChange` taking `uri` to `version` with `changes` (a list
    /// of content changes), without waiting for anything.
    pub fn send_change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Sends `didChange` and returns the diagnostics published for the new
    /// `version`.
    pub fn change_and_wait(&mut self, uri: &str, version: i64, changes: Value) -> Vec<Value> {
        self.send_change(uri, version, changes);
        self.diagnostics(uri, Some(version))
    }

    /// Sends `didClose` for `uri`.
    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    /// Pushes `settings` with `workspace/didChangeConfiguration`.
    pub fn push_settings(&mut self, settings: Value) {
        self.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": settings}),
        );
    }

    /// A request at a position in a document.
    pub fn at(&mut self, method: &str, uri: &str, position: Value) -> Value {
        self.result(
            method,
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
    }

    /// The `documentSymbol` result for `uri`.
    pub fn symbols(&mut self, uri: &str) -> Value {
        self.result(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
    }

    /// The `references` result at `position`, declaration included.
    pub fn references(&mut self, uri: &str, position: Value) -> Value {
        self.result(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": position, "context": {"includeDeclaration": true}}),
        )
    }

    /// The `codeLens` result for `uri`.
    pub fn code_lenses(&mut self, uri: &str) -> Value {
        self.result(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
    }

    /// The whole response (result or error) to `workspace/executeCommand`
    /// `command` with `arguments`.
    pub fn execute_command(&mut self, command: &str, arguments: Value) -> Value {
        self.request(
            "workspace/executeCommand",
            json!({"command": command, "arguments": arguments}),
        )
    }

    /// The `inlayHint` result for `range` of `uri`.
    pub fn inlay_hints(&mut self, uri: &str, range: Value) -> Value {
        self.result(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        )
    }

    /// The server still answers: a documentSymbol request on a document
    /// never opened gets a (null) result, not an error and not silence.
    pub fn still_serving(&mut self) {
        let result = self.symbols("file:///never/opened.txt");
        assert_eq!(result, Value::Null);
    }
}
