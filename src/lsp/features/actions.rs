//! Code actions: the findings' own fixes and the "ignore" actions
//! [`crate::ide::actions`] gathers, as LSP `quickfix` actions with a
//! workspace edit.

use std::collections::HashMap;

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::super::store::Snapshot;
use crate::ide::actions::{actions, ActionKind};

pub fn code_actions(
    s: &Snapshot,
    params: &CodeActionParams,
    e: Encoding,
    support: super::capabilities::ClientSupport,
) -> Option<CodeActionResponse> {
    if let Some(only) = &params.context.only {
        let wanted = |k: &CodeActionKind| {
            k == &CodeActionKind::QUICKFIX
                || CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str())
        };
        if !only.iter().any(wanted) {
            return None;
        }
    }
    let start = s.offset(params.range.start, e);
    let end = s.offset(params.range.end, e).max(start);
    let found = actions(s.text(), &s.analysis, &s.diagnostics, start..end);
    if found.is_empty() {
        return None;
    }
    let ours = super::diagnostics::diagnostics(s, e, support);
    // The client's copy of a finding when it sent one (same code and range),
    // else ours.
    let diagnostic = |i: usize| {
        let d = &ours[i];
        params
            .context
            .diagnostics
            .iter()
            .find(|c| c.code == d.code && c.range == d.range)
            .unwrap_or(d)
            .clone()
    };
    let uri = params.text_document.uri.clone();
    let actions = found
        .into_iter()
        .map(|fix| {
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit {
                    range: s.range(edit.range.clone(), e),
                    new_text: edit.insert.clone(),
                })
                .collect();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(fix.diagnostics.iter().map(|&i| diagnostic(i)).collect()),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..Default::default()
                }),
                is_preferred: Some(fix.preferred && fix.kind == ActionKind::QuickFix),
                ..Default::default()
            })
        })
        .collect();
    Some(actions)
}
