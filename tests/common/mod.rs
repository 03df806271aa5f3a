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
mod steps;

use std::ops::Range;
use std::time::Duration;

use serde_json::{json, Value};

pub use server::Server;

/// How long any single wait may take before the test fails. Generous,
/// because it only matters when something is wrong (and `cargo test` runs
/// a debug build).
pub const WAIT: Duration = Duration::from_secs(15);

/// A headline, then a body line with curly scare quotes, an em dash and a
/// pound sign before a quotation nobody says.
pub const HARBOUR: &str = "Harbour plan divides town\n\n\
The “new” harbour — a £4m scheme — opened on Monday. “The water is too shallow for the ferries.”\n";
pub const HARBOUR_QUOTE: &str = "“The water is too shallow for the ferries.”";
/// Where [`server_with_harbour_open`] opens [`HARBOUR`].
pub const HARBOUR_URI: &str = "file:///drafts/harbour.txt";

/// A story about one person referred to by full name, then `Ms`, with two
/// quotes she says, one nobody says, and a second person never quoted.
pub const LIBRARY: &str = "Library to close early\n\n\
Jane Okafor, the head librarian, said the branch would shut at five. “We cannot afford the heating,” Ms Okafor said.\n\n\
Councillor Tom Reddy disagreed with the plan. Ms Okafor later called the decision “final.”\n\n\
Ms Okafor left at six. There was no consultation. “Nobody asked us.”\n";

/// Where [`server_with_library_open`] opens [`LIBRARY`].
pub const LIBRARY_URI: &str = "file:///drafts/library.txt";

/// A server ([`Server::initialized`]) with [`HARBOUR`] open at
/// [`HARBOUR_URI`], its one finding (the unattributed quote) published.
pub fn server_with_harbour_open() -> (Server, &'static str) {
    let (server, d) = Server::with_document_open(HARBOUR_URI, HARBOUR);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(codes(&d), ["unattributed-quote"], "{d:?}");
    (server, HARBOUR_URI)
}

/// A server ([`Server::initialized`]) with [`LIBRARY`] open at
/// [`LIBRARY_URI`], its unattributed quote published.
pub fn server_with_library_open() -> (Server, &'static str) {
    let (server, d) = Server::with_document_open(LIBRARY_URI, LIBRARY);
    assert_eq!(codes(&d), ["unattributed-quote"], "{d:?}");
    (server, LIBRARY_URI)
}

/// The byte offset in [`HARBOUR`] just after [`HARBOUR_QUOTE`].
pub fn after_harbour_quote() -> usize {
    HARBOUR.find(HARBOUR_QUOTE).unwrap() + HARBOUR_QUOTE.len()
}

/// The content changes that type `, she said` after the quote in
/// [`HARBOUR`], making it [`harbour_attributed`].
pub fn attribute_the_harbour_quote() -> Value {
    insert_at(HARBOUR, after_harbour_quote(), ", she said")
}

/// [`HARBOUR`] with `, she said` after its quote.
pub fn harbour_attributed() -> String {
    HARBOUR.replace(HARBOUR_QUOTE, &format!("{HARBOUR_QUOTE}, she said"))
}

/// A draft of at least `bytes` bytes: `headline`, then `paragraph` as
/// many times as it takes, then `last`.
pub fn long_draft(headline: &str, paragraph: &str, bytes: usize, last: &str) -> String {
    let mut text = String::from(headline);
    while text.len() < bytes {
        text.push_str(paragraph);
    }
    text.push_str(last);
    text
}

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

/// [`client_capabilities`] offering the position encodings `encodings`.
pub fn client_capabilities_offering(encodings: &[&str]) -> Value {
    let mut capabilities = client_capabilities();
    capabilities["general"] = json!({ "positionEncodings": encodings });
    capabilities
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

// ---------------------------------------------------------------------------
// Text helpers: LSP positions, ranges and edits computed independently of
// the server (UTF-16 columns; lines end at `\n`, `\r\n` or a lone `\r`)
// ---------------------------------------------------------------------------

/// The LSP position (UTF-16 columns, lines split at `\n`, `\r\n` or a lone
/// `\r`) of byte `offset` in `text`.
pub fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let mut line = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    let character = before[line_start..].encode_utf16().count();
    json!({"line": line, "character": character})
}

/// The range of the `n`th (0-based) occurrence of `needle` in `text`.
pub fn range_nth(text: &str, needle: &str, n: usize) -> Value {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1))
        .0;
    json!({"start": pos(text, start), "end": pos(text, start + needle.len())})
}

pub fn range_of(text: &str, needle: &str) -> Value {
    range_nth(text, needle, 0)
}

/// The byte offset of an LSP (UTF-16) position in `text`.
fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (
        position["line"].as_u64().unwrap() as usize,
        position["character"].as_u64().unwrap() as usize,
    );
    let mut start = 0;
    for _ in 0..line {
        let rest = &text[start..];
        let brk = rest.find(['\n', '\r']).expect("line exists");
        start += brk
            + if rest[brk..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with LSP text edits applied (non-overlapping, any order).
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

/// The text edits a `WorkspaceEdit` makes to `uri`, whether it uses
/// `changes` or `documentChanges`.
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["textDocument"]["uri"] == json!(uri))
        .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// `body` framed with a correct `Content-Length` header, as raw bytes.
pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The content changes (one) that insert `what` at byte `at` of `text`.
pub fn insert_at(text: &str, at: usize, what: &str) -> Value {
    let p = pos(text, at);
    json!([{"range": {"start": p, "end": p}, "text": what}])
}

/// The content changes (one) that delete `bytes` of `text`.
pub fn delete(text: &str, bytes: Range<usize>) -> Value {
    json!([{"range": {"start": pos(text, bytes.start), "end": pos(text, bytes.end)}, "text": ""}])
}

/// The content changes (one, without a range) that replace the whole
/// document with `text`.
pub fn replace_all(text: &str) -> Value {
    json!([{ "text": text }])
}

/// The range from the start of `text` to its end.
pub fn whole_range(text: &str) -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": pos(text, text.len())})
}
