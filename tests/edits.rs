//! Property test: any sequence of LSP incremental edits (UTF-8 or UTF-16
//! ranges, including ranges that fall inside a surrogate pair or a UTF-8
//! sequence, across lines, past the end) leaves the server's document equal
//! to the same edits applied to a plain `String`, and checking the result
//! gives the same findings as checking that text fresh.

use proptest::prelude::*;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

use copydesk::analysis::line_index::{Encoding, LineIndex};
use copydesk::analysis::SourceFormat;
use copydesk::lsp::store::{Snapshot, Store};
use copydesk::Config;

/// Text pieces that exercise the conversions: curly quotes, an em dash,
/// accents, astral-plane emoji, CJK, CRLF, lone CR and plain words.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "—",
    "é",
    "😀",
    "中文",
    "\r\n",
    "\r",
    "\n",
    "Mr Wallace said ",
    "the ",
    "Ben Wallace",
    " ",
    ".",
    "a",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct Edit {
    start: (u32, u32),
    end: (u32, u32),
    text: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    ((0u32..6, 0u32..30), (0u32..6, 0u32..30), text_strategy())
        .prop_map(|(start, end, text)| Edit { start, end, text })
}

impl Edit {
    /// The edit as the client sends it.
    fn change(&self) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(self.start.0, self.start.1),
                Position::new(self.end.0, self.end.1),
            )),
            range_length: None,
            text: self.text.clone(),
        }
    }
}

/// The same edit on a String, converting positions with the line index.
fn apply_to_string(text: &mut String, edit: &Edit, encoding: Encoding) {
    let index = LineIndex::new(text);
    let start = index.offset(text, edit.start.0, edit.start.1, encoding);
    let end = index
        .offset(text, edit.end.0, edit.end.1, encoding)
        .max(start);
    text.replace_range(start..end, &edit.text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_match_a_string(
        initial in text_strategy(),
        edits in prop::collection::vec(edit_strategy(), 1..12),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let uri: Uri = "file:///draft.txt".parse().unwrap();
        let store = Store::default();
        store.open(uri.clone(), &initial, 1, SourceFormat::PlainText);
        let mut model = initial.clone();
        for (i, edit) in edits.iter().enumerate() {
            prop_assert!(store.change(&uri, i as i32 + 2, &[edit.change()], encoding));
            apply_to_string(&mut model, edit, encoding);
        }
        let (version, text, format) = store.current(&uri).unwrap();
        prop_assert_eq!(&text, &model);
        let incremental = Snapshot::new(version, text, format, &Config::default());
        let fresh = Snapshot::new(1, model, SourceFormat::PlainText, &Config::default());
        prop_assert_eq!(incremental.diagnostics, fresh.diagnostics);
    }

    #[test]
    fn stale_versions_are_ignored(initial in text_strategy(), edit in edit_strategy()) {
        let uri: Uri = "file:///draft.txt".parse().unwrap();
        let store = Store::default();
        store.open(uri.clone(), &initial, 5, SourceFormat::PlainText);
        let change = edit.change();
        prop_assert!(!store.change(&uri, 5, std::slice::from_ref(&change), Encoding::Utf16));
        prop_assert!(!store.change(&uri, 3, &[change], Encoding::Utf16));
        prop_assert_eq!(store.current(&uri).unwrap().1, initial);
    }
}
