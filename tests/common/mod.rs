//! End-to-end tests of the language server: each test starts the real
//! `copydesk` binary, speaks JSON-RPC to it over stdin/stdout with
//! `Content-Length` framing, and checks what comes back. The reader thread
//! parses every byte the server writes to stdout, so anything but framed
//! JSON-RPC there (a stray log line, a `println!`) fails the test.
//!
//! Every wait is bounded: a server that hangs fails the test instead of
//! hanging it, and a dropped [`Server`] kills its process. The drafts are
//! invented for these tests, a few lines each.
//!
//! This module holds what the `lsp_*` test files share: the test client
//! ([`Server`]), the text helpers that compute LSP positions independently
//! of the server, and the drafts more than one file uses.

// Each test file uses only some of these helpers.
#![allow(dead_code)]

mod server;
mod text;

use std::time::Duration;

use serde_json::{json, Value};

pub use server::Server;
pub use text::{apply_edits, edits_for, frame, insert_at, pos, range_nth, range_of};

/// How long any single wait may take before the test fails. Generous,
/// because it only matters when something is wrong (and `cargo test` runs
/// a debug build).
pub const WAIT: Duration = Duration::from_secs(15);

/// A headline, then a body line with curly scare quotes, an em dash and a
/// pound sign before a quotation nobody says.
pub const HARBOUR: &str = "Harbour plan divides town\n\n\
The “new” harbour — a £4m scheme — opened on Monday. “The water is too shallow for the ferries.”\n";
pub const HARBOUR_QUOTE: &str = "“The water is too shallow for the ferries.”";

/// A story about one person referred to by full name, then `Ms`, with two
/// quotes she says, one nobody says, and a second person never quoted.
pub const LIBRARY: &str = "Library to close early\n\n\
Jane Okafor, the head librarian, said the branch would shut at five. “We cannot afford the heating,” Ms Okafor said.\n\n\
Councillor Tom Reddy disagreed with the plan. Ms Okafor later called the decision “final.”\n\n\
The staff of Ms Okafor were not consulted. “Nobody asked us.”\n";

/// What a typical editor says it can do.
pub fn client_capabilities() -> Value {
    json!({
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true, "relatedInformation": true, "codeDescriptionSupport": true},
            "completion": {"completionItem": {"labelDetailsSupport": true}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "rename": {"prepareSupport": true},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
        },
        "window": {"showMessage": {}},
    })
}

/// The rule codes of `diagnostics`, in order.
pub fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

/// The `unattributed-quote` findings among `diagnostics`.
pub fn unattributed(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == json!("unattributed-quote"))
        .collect()
}
