//! Lone UTF-16 surrogate escapes (a `\ud800` without its pair), which
//! serde_json, and so tower-lsp-server's decoder, refuses: they are
//! replaced by `\uFFFD` before a body is judged, and the service is told
//! with an [`INVALID_CHARACTERS_METHOD`] notification, whose warning for
//! the user is written here too.

use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::Uri;

use super::messages::{to_body, INVALID_CHARACTERS_METHOD};

pub(super) fn invalid_characters(uri: Option<String>, count: usize) -> Vec<u8> {
    to_body(
        &Request::build(INVALID_CHARACTERS_METHOD)
            .params(json!({ "uri": uri, "count": count }))
            .finish(),
    )
}

/// The warning for [`INVALID_CHARACTERS_METHOD`]'s params.
pub fn invalid_characters_message(params: &Value) -> String {
    let what = match params.get("uri").and_then(Value::as_str) {
        Some(uri) => {
            // The file's name as the user knows it (`a b.txt`, not
            // `a%20b.txt`); for a URI that is not a file, its last part.
            let file = uri
                .parse::<Uri>()
                .ok()
                .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
            let name = file.unwrap_or_else(|| {
                let last = uri.rsplit('/').find(|s| !s.is_empty()).unwrap_or(uri);
                last.to_owned()
            });
            format!("The document {name}")
        }
        None => "A message from the editor".to_owned(),
    };
    format!(
        "{what} held invalid characters (lone UTF-16 surrogates), which copydesk \
         read as U+FFFD (\u{FFFD}). They cannot be saved as UTF-8: look for them \
         in the draft and retype them."
    )
}

/// The four hex digits of a `\u` escape.
fn hex4(digits: Option<&[u8]>) -> Option<u16> {
    let digits = std::str::from_utf8(digits?).ok()?;
    if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u16::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

/// `body` with every lone UTF-16 surrogate escape (a `\uD800`–`\uDFFF` that
/// is not a high one followed by a low one) replaced by `\uFFFD`, and how
/// many there were; `None`, without allocating, when there are none.
///
/// One pass. An escaped backslash (`\\ud800`) is skipped as a pair, so the
/// text after it is never read as an escape; hex digits may be of either
/// case. U+FFFD is one UTF-16 code unit like the surrogate it replaces, so
/// positions the client computes in UTF-16 still match.
pub(super) fn replace_lone_surrogates(body: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut fixed: Option<Vec<u8>> = None;
    let mut count = 0;
    let mut i = 0;
    while i < body.len() {
        let Some(p) = body[i..].iter().position(|b| *b == b'\\') else {
            break;
        };
        let at = i + p;
        if body.get(at + 1) != Some(&b'u') {
            i = at + 2; // any other escape, `\\` included
            continue;
        }
        let lone = match hex4(body.get(at + 2..at + 6)) {
            Some(0xD800..=0xDBFF) => {
                let low = body.get(at + 6..at + 8) == Some(b"\\u".as_slice())
                    && matches!(hex4(body.get(at + 8..at + 12)), Some(0xDC00..=0xDFFF));
                if low {
                    i = at + 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            let out = fixed.get_or_insert_with(|| body.to_vec());
            out[at..at + 6].copy_from_slice(b"\\uFFFD");
            count += 1;
            i = at + 6;
        } else {
            i = at + 2;
        }
    }
    fixed.map(|f| (f, count))
}
