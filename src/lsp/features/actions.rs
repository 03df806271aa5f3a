//! NOT YET IMPLEMENTED (being written): quick fixes and "ignore this".

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;

pub fn code_actions(
    _s: &Snapshot,
    _params: &CodeActionParams,
    _e: Encoding,
) -> Option<CodeActionResponse> {
    None
}
