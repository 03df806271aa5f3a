//! NOT YET IMPLEMENTED (being written): definition, references, highlights
//! and rename for people.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;

pub fn definition(
    _s: &Snapshot,
    _uri: &Uri,
    _at: Position,
    _e: Encoding,
) -> Option<GotoDefinitionResponse> {
    None
}

pub fn references(_s: &Snapshot, _uri: &Uri, _at: Position, _e: Encoding) -> Option<Vec<Location>> {
    None
}

pub fn highlights(_s: &Snapshot, _at: Position, _e: Encoding) -> Option<Vec<DocumentHighlight>> {
    None
}

pub fn prepare_rename(_s: &Snapshot, _at: Position, _e: Encoding) -> Option<PrepareRenameResponse> {
    None
}

pub fn rename(
    _s: &Snapshot,
    _uri: &Uri,
    _at: Position,
    _new_name: &str,
    _e: Encoding,
) -> Result<Option<WorkspaceEdit>> {
    Ok(None)
}
