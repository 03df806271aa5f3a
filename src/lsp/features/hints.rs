//! Inlay hints: the speaker after quotations attributed by a pronoun or
//! carried over, and a tick after quotations found word for word in a
//! transcript ([`crate::ide::hints`]), each kind as the settings ask.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::ide::hints::{speaker_hints, transcript_hints};

/// Which hints the settings switch on (`inlayHints`, `transcriptHints`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HintKinds {
    pub speakers: bool,
    pub transcripts: bool,
}

impl HintKinds {
    /// Whether any hints are shown at all.
    pub fn any(self) -> bool {
        self.speakers || self.transcripts
    }
}

pub fn inlay_hints(
    s: &Snapshot,
    range: Range,
    e: Encoding,
    wanted: HintKinds,
) -> Option<Vec<InlayHint>> {
    let start = s.offset(range.start, e);
    let end = s.offset(range.end, e).max(start);
    let mut hints = Vec::new();
    if wanted.speakers {
        hints.extend(speaker_hints(&s.analysis, start..end));
    }
    if wanted.transcripts {
        hints.extend(transcript_hints(&s.analysis, start..end));
    }
    // Stable: at one place the speaker comes before the tick.
    hints.sort_by_key(|h| h.offset);
    let hints = hints
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
