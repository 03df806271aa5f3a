//! NOT YET IMPLEMENTED (being written): hover on people and quotations.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;

pub fn hover(_s: &Snapshot, _at: Position, _encoding: Encoding) -> Option<Hover> {
    None
}
