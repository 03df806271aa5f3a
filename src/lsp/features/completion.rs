//! NOT YET IMPLEMENTED (being written): completion of people's names.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::Config;

pub fn completion(
    _s: &Snapshot,
    _at: Position,
    _config: &Config,
    _e: Encoding,
) -> Option<CompletionResponse> {
    None
}
