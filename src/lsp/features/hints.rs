//! NOT YET IMPLEMENTED (being written): inlay hints naming the speaker.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;

pub fn inlay_hints(_s: &Snapshot, _range: Range, _e: Encoding) -> Option<Vec<InlayHint>> {
    None
}
