"""The source balance: the code lens on the headline of drafts/lighthouse.md
(Ingrid Falkner, a woman by her title, is its one source), refreshed after
an edit only for a client that takes workspace/codeLens/refresh, and
workspace/executeCommand `copydesk.sourceBalance` for the story, for the
workspace's drafts, and with a bad argument.
"""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as t
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcException

from conftest import CopydeskClient
from lsp_helpers import Doc, wait_until

LENS = "Sources: 1 — 1 woman, 0 men · women 100% of quoted words"


@pytest.fixture
async def doc(client: CopydeskClient) -> Doc:
    d = Doc(client, "lighthouse.md").open()
    await d.diagnostics(version=1)
    return d


async def titles(client: CopydeskClient, doc: Doc) -> list[str]:
    lenses = await client.text_document_code_lens_async(t.CodeLensParams(text_document=doc.id))
    return [lens.command.title for lens in lenses or [] if lens.command]


async def test_the_headline_carries_the_source_count(client: CopydeskClient, doc: Doc):
    assert client.init_result.capabilities.code_lens_provider is not None
    assert list(client.init_result.capabilities.execute_command_provider.commands) == ["copydesk.sourceBalance"]
    lenses = await client.text_document_code_lens_async(t.CodeLensParams(text_document=doc.id))
    assert lenses is not None and len(lenses) == 1
    lens = lenses[0]
    # the headline's line (after `# ` in Markdown)
    assert lens.range.start.line == lens.range.end.line == 0
    assert lens.command.title == LENS
    assert lens.command.command == "copydesk.sourceBalance"
    assert list(lens.command.arguments) == [{"uri": doc.uri, "scope": "story"}]


async def test_the_lens_is_refreshed_after_an_edit_that_changes_the_count(client: CopydeskClient, doc: Doc, caps):
    quote = "\n\nHarbourmaster Tom Irvine said: “We will miss the light.”\n"
    doc.change((t.Range(start=doc.end(doc.text.rstrip("\n")), end=doc.end(doc.text.rstrip("\n"))), quote))
    await doc.diagnostics()
    if get_capability(caps, "workspace.code_lens.refresh_support", False):
        await wait_until(lambda: client.lens_refreshes > 0, "workspace/codeLens/refresh")
    else:
        await asyncio.sleep(0.3)
        assert client.lens_refreshes == 0, "refresh sent to a client without refreshSupport"
    assert await titles(client, doc) == ["Sources: 2 — 1 woman, 1 man · women 78% of quoted words"]


async def test_the_source_balance_of_the_story_and_of_the_workspace(client: CopydeskClient, doc: Doc):
    story = await client.workspace_execute_command_async(
        t.ExecuteCommandParams(command="copydesk.sourceBalance", arguments=[{"uri": doc.uri, "scope": "story"}])
    )
    assert story["id"] == "lighthouse.md"
    assert [(s["name"], s["gender"], s["quotes"]) for s in story["sources"]] == [("Ingrid Falkner", "woman", 3)]
    assert story["totals"]["unattributed_quotes"] == 1

    desk = await client.workspace_execute_command_async(
        t.ExecuteCommandParams(command="copydesk.sourceBalance", arguments=[{"uri": doc.uri, "scope": "workspace"}])
    )
    assert [s["id"] for s in desk["stories"]] == ["lighthouse.md", "quarry.txt"]
    assert desk["totals"]["stories"] == 2


async def test_a_bad_argument_is_an_error(client: CopydeskClient, doc: Doc):
    with pytest.raises(JsonRpcException) as error:
        await client.workspace_execute_command_async(
            t.ExecuteCommandParams(command="copydesk.sourceBalance", arguments=[{"uri": doc.uri, "scope": "desk"}])
        )
    assert 'scope must be "story" or "workspace"' in str(error.value)
