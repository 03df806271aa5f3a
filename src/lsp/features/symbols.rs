//! NOT YET IMPLEMENTED (being written): the outline of speakers.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;

pub fn document_symbols(_s: &Snapshot, _encoding: Encoding) -> Option<DocumentSymbolResponse> {
    None
}
