//! Completion of people's names already in the story, from
//! [`crate::ide::completion`]; this only converts positions.

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::ide::completion::completions;
use crate::Config;

pub fn completion(
    s: &Snapshot,
    at: Position,
    config: &Config,
    e: Encoding,
    label_details: bool,
) -> Option<CompletionResponse> {
    let offset = s.offset(at, e);
    let items: Vec<CompletionItem> = completions(&s.analysis, offset, config)
        .into_iter()
        .enumerate()
        .map(|(rank, c)| CompletionItem {
            label: c.label.clone(),
            label_details: label_details.then(|| CompletionItemLabelDetails {
                detail: None,
                description: Some(c.note.to_owned()),
            }),
            kind: Some(CompletionItemKind::REFERENCE),
            // A client without label details still gets the note.
            detail: Some(if label_details {
                c.detail
            } else {
                format!("{} ({})", c.detail, c.note)
            }),
            sort_text: Some(format!("{rank:04}")),
            filter_text: Some(c.filter),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                s.range(c.replace, e),
                c.label,
            ))),
            ..Default::default()
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    Some(CompletionResponse::Array(items))
}
