//! Text helpers: LSP positions, ranges and edits computed independently of
//! the server (UTF-16 columns; lines end at `\n`, `\r\n` or a lone `\r`).

use serde_json::{json, Value};

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

pub fn insert_at(text: &str, at: usize, what: &str) -> Value {
    let p = pos(text, at);
    json!([{"range": {"start": p, "end": p}, "text": what}])
}
