"""initialize (server info, capabilities, the negotiated position
encoding), shutdown and exit."""

from __future__ import annotations

import asyncio
import subprocess

import attrs
import pytest
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException

import spec_checks
from conftest import COPYDESK_BIN, CopydeskClient
from lsp_helpers import Doc

# What each profile offers, and so what the server must choose: Neovim 0.11
# offers utf-8 first; Emacs 29.1 offers utf-32, utf-8, utf-16 (copydesk
# takes UTF-8 whenever it is offered); VS Code 1.65.2 offers nothing, which
# means UTF-16.
EXPECTED_ENCODING = {"visual_studio_code": "utf-16", "neovim": "utf-8", "emacs": "utf-8"}


def server_version() -> str:
    out = subprocess.run([COPYDESK_BIN, "--version"], capture_output=True, text=True, check=True, timeout=30)
    name, version = out.stdout.split()
    assert name == "copydesk"
    return version


async def test_initialize_result(client: CopydeskClient):
    r = client.init_result
    assert r.server_info is not None
    assert r.server_info.name == "copydesk"
    assert r.server_info.version == server_version()

    caps = r.capabilities
    assert client.encoding == EXPECTED_ENCODING[client.profile]
    offered = [getattr(e, "value", e) for e in (client.capabilities.general.position_encodings or [])] if (
        client.capabilities.general
    ) else []
    assert (client.encoding == "utf-8") == ("utf-8" in offered)

    sync = caps.text_document_sync
    assert isinstance(sync, t.TextDocumentSyncOptions)
    assert sync.open_close is True
    assert sync.change == t.TextDocumentSyncKind.Incremental
    # A save looks for the document's transcripts again.
    assert sync.save is True
    assert caps.hover_provider is True
    assert caps.document_symbol_provider is True
    assert caps.definition_provider is True
    assert caps.references_provider is True
    assert caps.document_highlight_provider is True
    assert caps.inlay_hint_provider is True
    if client.capabilities.text_document.rename and client.capabilities.text_document.rename.prepare_support:
        assert caps.rename_provider == t.RenameOptions(prepare_provider=True)
    else:
        assert caps.rename_provider in (True, t.RenameOptions(prepare_provider=True))
    assert isinstance(caps.code_action_provider, t.CodeActionOptions)
    assert list(caps.code_action_provider.code_action_kinds) == [t.CodeActionKind.QuickFix]
    assert caps.completion_provider is not None
    assert list(caps.completion_provider.trigger_characters) == [" "]
    # The source count on the headline, and the command that counts.
    assert caps.code_lens_provider == t.CodeLensOptions(resolve_provider=False)
    assert list(caps.execute_command_provider.commands) == ["copydesk.sourceBalance"]
    # Workspace folders: where a desk's drafts are counted.
    assert caps.workspace.workspace_folders.supported is True
    assert caps.workspace.workspace_folders.change_notifications is True
    # Exactly these, and nothing the server does not implement.
    advertised = {f.name for f in attrs.fields(t.ServerCapabilities) if getattr(caps, f.name) is not None}
    assert advertised == {
        "position_encoding",
        "text_document_sync",
        "hover_provider",
        "document_symbol_provider",
        "definition_provider",
        "references_provider",
        "document_highlight_provider",
        "rename_provider",
        "code_action_provider",
        "inlay_hint_provider",
        "completion_provider",
        "code_lens_provider",
        "execute_command_provider",
        "workspace",
    }


async def test_initialize_result_respects_client_capabilities(client: CopydeskClient):
    spec_checks.check_initialize(client.capabilities, client.init_result)


async def test_shutdown_then_exit_ends_with_status_0(client: CopydeskClient):
    doc = Doc(client, "lighthouse.md").open()
    await doc.diagnostics()
    assert await client.shutdown_async(None) is None
    # After shutdown, requests are refused (InvalidRequest).
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_hover_async(t.HoverParams(text_document=doc.id, position=doc.pos("Ms Falkner")))
    assert refused.value.code == -32600
    client.exit(None)
    assert await asyncio.wait_for(client._server.wait(), 10) == 0


async def test_exit_without_shutdown_ends_with_status_1(client: CopydeskClient):
    client.exit(None)
    assert await asyncio.wait_for(client._server.wait(), 10) == 1
