//! What the server offers ([`capabilities`]) and what the client said it
//! takes beyond the basics ([`ClientSupport`]).

use tower_lsp_server::ls_types::*;

use super::super::convert::Encoding;
use super::lens::SOURCE_BALANCE;

/// What the client said it takes beyond the basics. Optional fields and
/// options go only to clients that announced them: the specification allows
/// `RenameOptions` only with `prepareSupport`, and a field a client never
/// asked for is at best ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientSupport {
    /// `textDocument.rename.prepareSupport`.
    pub prepare_rename: bool,
    /// `textDocument.publishDiagnostics.codeDescriptionSupport`: the link
    /// from a diagnostic to its rule's documentation.
    pub code_description: bool,
    /// `textDocument.completion.completionItem.labelDetailsSupport`.
    pub label_details: bool,
    /// `workspace.didChangeWatchedFiles.dynamicRegistration`: the server
    /// may ask to be told when transcripts change on disk.
    pub watch_files: bool,
    /// `workspace.inlayHint.refreshSupport`: the server may ask the client
    /// to ask for inlay hints again (`workspace/inlayHint/refresh`) when
    /// they change without an edit.
    pub inlay_hint_refresh: bool,
    /// `workspace.codeLens.refreshSupport`: the server may ask the client
    /// to ask for code lenses again (`workspace/codeLens/refresh`) when the
    /// source count changes.
    pub code_lens_refresh: bool,
}

impl ClientSupport {
    pub fn of(capabilities: &ClientCapabilities) -> ClientSupport {
        let text = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        ClientSupport {
            prepare_rename: text
                .and_then(|t| t.rename.as_ref())
                .and_then(|r| r.prepare_support)
                .unwrap_or(false),
            code_description: text
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|d| d.code_description_support)
                .unwrap_or(false),
            label_details: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.label_details_support)
                .unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            inlay_hint_refresh: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
                .unwrap_or(false),
            code_lens_refresh: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
        }
    }
}

pub fn capabilities(encoding: Encoding, support: ClientSupport) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // A save looks for the document's transcripts again.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(if support.prepare_rename {
            OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })
        } else {
            OneOf::Left(true)
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![SOURCE_BALANCE.to_owned()],
            work_done_progress_options: Default::default(),
        }),
        // The workspace's folders are where `copydesk.sourceBalance` counts
        // a desk's drafts.
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_owned()]),
            ..Default::default()
        }),
        ..Default::default()
    }
}
