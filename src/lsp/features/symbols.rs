//! The outline of speakers: [`crate::ide::outline`] answers, this converts
//! it to hierarchical `DocumentSymbol`s.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::analysis::balance::GenderPolicy;
use crate::ide::outline::{outline_with, NodeKind, OutlineNode};

/// The outline; speakers' genders are as decided under `policy`.
pub fn document_symbols(
    s: &Snapshot,
    encoding: Encoding,
    policy: GenderPolicy,
) -> Option<DocumentSymbolResponse> {
    // The nodes are consumed, not copied: a long draft's outline holds tens
    // of thousands of names.
    let nodes = outline_with(&s.analysis, policy);
    Some(DocumentSymbolResponse::Nested(
        nodes.into_iter().map(|n| symbol(s, n, encoding)).collect(),
    ))
}

fn kind(k: NodeKind) -> SymbolKind {
    match k {
        NodeKind::Person => SymbolKind::OBJECT,
        NodeKind::Role => SymbolKind::PROPERTY,
        NodeKind::Organisation => SymbolKind::MODULE,
        NodeKind::Group => SymbolKind::NAMESPACE,
        NodeKind::Quote => SymbolKind::STRING,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written
fn symbol(s: &Snapshot, n: OutlineNode, encoding: Encoding) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = n
        .children
        .into_iter()
        .map(|c| symbol(s, c, encoding))
        .collect();
    DocumentSymbol {
        name: n.name,
        detail: n.detail,
        kind: kind(n.kind),
        tags: None,
        deprecated: None,
        range: s.range(n.range, encoding),
        selection_range: s.range(n.selection, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SourceFormat;
    use crate::Config;

    fn contains(outer: &Range, inner: &Range) -> bool {
        let key = |p: &Position| (p.line, p.character);
        key(&outer.start) <= key(&inner.start) && key(&inner.end) <= key(&outer.end)
    }

    fn check(symbols: &[DocumentSymbol], parent: Option<&Range>, seen: &mut usize) {
        for sym in symbols {
            *seen += 1;
            assert!(
                contains(&sym.range, &sym.selection_range),
                "{}: selection outside range",
                sym.name
            );
            if let Some(p) = parent {
                assert!(contains(p, &sym.range), "{}: outside its parent", sym.name);
            }
            check(
                sym.children.as_deref().unwrap_or(&[]),
                Some(&sym.range),
                seen,
            );
        }
    }

    #[test]
    fn selections_inside_ranges_and_children_inside_parents_in_utf16() {
        let text = "Port 🚢 to shut\n\n\
            Harbour master Ian Pike 😀 said the walls were “crumbling”.\n\n\
            “It is over,” he said. “We tried.”\n\n\
            The port closed in 1998.\n\n\
            “Nobody asked us 💬.”\n\n\
            Councillor Jo Vance watched. A spokeswoman said: “We will reply.”\n";
        let s = Snapshot::new(
            1,
            text.to_owned(),
            SourceFormat::PlainText,
            &Config::default(),
        );
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let Some(DocumentSymbolResponse::Nested(symbols)) =
                document_symbols(&s, encoding, GenderPolicy::default())
            else {
                panic!("no nested outline");
            };
            let mut seen = 0;
            check(&symbols, None, &mut seen);
            assert!(seen >= 6, "{symbols:#?}");
            let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names[0], "Ian Pike", "{names:?}");
            assert!(names.contains(&"Unattributed"), "{names:?}");
            assert!(names.contains(&"Also named"), "{names:?}");
        }
        // UTF-16 columns count the emoji as two units.
        let Some(DocumentSymbolResponse::Nested(symbols)) =
            document_symbols(&s, Encoding::Utf16, GenderPolicy::default())
        else {
            unreachable!()
        };
        fn find<'a>(symbols: &'a [DocumentSymbol], name: &str) -> Option<&'a DocumentSymbol> {
            symbols.iter().find_map(|s| {
                (s.name == name)
                    .then_some(s)
                    .or_else(|| find(s.children.as_deref().unwrap_or(&[]), name))
            })
        }
        let quote = find(&symbols, "“Nobody asked us 💬.”").expect("the quote's symbol");
        assert_eq!(quote.range.start, Position::new(8, 0));
        assert_eq!(
            quote.range.end,
            Position::new(8, "“Nobody asked us 💬.”".encode_utf16().count() as u32)
        );
    }
}
