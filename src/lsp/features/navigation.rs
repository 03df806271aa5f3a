//! Definition, references, highlights and rename for people: the answers
//! come from [`crate::ide::navigation`]; this only converts positions.
//! Definition on a quotation found in a transcript opens the transcript
//! ([`crate::ide::transcripts`]).

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::super::convert::{self, Encoding};
use super::super::store::Snapshot;
use crate::ide::navigation::{self as nav, RenameError};
use crate::ide::transcripts::{transcript_place, TranscriptPlace};

fn offset(s: &Snapshot, at: Position, e: Encoding) -> usize {
    s.offset(at, e)
}

fn range(s: &Snapshot, r: std::ops::Range<usize>, e: Encoding) -> Range {
    s.range(r, e)
}

/// A person's introduction; on a quotation found in a transcript, the
/// passage in the transcript file.
pub fn definition(
    s: &Snapshot,
    uri: &Uri,
    at: Position,
    e: Encoding,
) -> Option<GotoDefinitionResponse> {
    let offset = offset(s, at, e);
    let location = match nav::definition(&s.analysis, offset) {
        Some(target) => Location::new(uri.clone(), range(s, target, e)),
        None => transcript_location(transcript_place(&s.analysis, offset)?, e)?,
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// A transcript passage as a location: the file's `file:` URI, and the
/// passage's range counted in the transcript's own lines.
fn transcript_location(place: TranscriptPlace, e: Encoding) -> Option<Location> {
    let transcript = &place.transcript;
    let uri = Uri::from_file_path(transcript.path.as_deref()?)?;
    // the transcript's own line index, built once when it was read
    let range = convert::range(&transcript.lines, &transcript.text, place.range, e);
    Some(Location::new(uri, range))
}

pub fn references(
    s: &Snapshot,
    uri: &Uri,
    at: Position,
    include_declaration: bool,
    e: Encoding,
) -> Option<Vec<Location>> {
    let refs = nav::references(&s.analysis, offset(s, at, e), include_declaration)?;
    Some(
        refs.into_iter()
            .map(|r| Location::new(uri.clone(), range(s, r.range, e)))
            .collect(),
    )
}

/// Every mention of the person: the introducing one as a write (where the
/// name is set down in full), the others as reads.
pub fn highlights(s: &Snapshot, at: Position, e: Encoding) -> Option<Vec<DocumentHighlight>> {
    let refs = nav::references(&s.analysis, offset(s, at, e), true)?;
    Some(
        refs.into_iter()
            .map(|r| DocumentHighlight {
                range: range(s, r.range, e),
                kind: Some(if r.definition {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    )
}

pub fn prepare_rename(s: &Snapshot, at: Position, e: Encoding) -> Option<PrepareRenameResponse> {
    let target = nav::prepare_rename(&s.analysis, offset(s, at, e)).ok()?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: range(s, target.range, e),
        placeholder: target.placeholder,
    })
}

pub fn rename(
    s: &Snapshot,
    uri: &Uri,
    at: Position,
    new_name: &str,
    e: Encoding,
) -> Result<Option<WorkspaceEdit>> {
    let edits = match nav::rename(&s.analysis, offset(s, at, e), new_name) {
        Ok(edits) => edits,
        Err(RenameError::NoPerson) => return Ok(None),
        Err(err @ RenameError::InvalidName(_)) => {
            return Err(Error::invalid_params(err.to_string()))
        }
    };
    let edits = edits
        .into_iter()
        .map(|edit| TextEdit::new(range(s, edit.range, e), edit.insert))
        .collect();
    Ok(Some(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }))
}
