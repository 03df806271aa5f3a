//! Inlay hints naming the speaker after quotations attributed by a pronoun
//! or carried over ([`crate::ide::hints`]).

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::ide::hints::speaker_hints;

pub fn inlay_hints(s: &Snapshot, range: Range, e: Encoding) -> Option<Vec<InlayHint>> {
    let start = s.offset(range.start, e);
    let end = s.offset(range.end, e).max(start);
    let hints = speaker_hints(&s.analysis, start..end)
        .into_iter()
        .map(|h| InlayHint {
            position: s.position(h.offset, e),
            label: InlayHintLabel::String(h.label),
            kind: Some(InlayHintKind::PARAMETER),
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(h.why)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect();
    Some(hints)
}
