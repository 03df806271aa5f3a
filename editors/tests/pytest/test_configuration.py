"""Settings: initializationOptions, workspace/didChangeConfiguration pushed
with a `copydesk` section, and pulled with workspace/configuration when the
notification carries none (only from clients that declare
`workspace.configuration`, as all three profiles do)."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as t
from pygls.capabilities import get_capability

from conftest import CopydeskClient
from lsp_helpers import Doc, position_of, wait_until

W, E, H = t.DiagnosticSeverity.Warning, t.DiagnosticSeverity.Error, t.DiagnosticSeverity.Hint


@pytest.fixture
async def doc(client: CopydeskClient) -> Doc:
    d = Doc(client, "lighthouse.md").open()
    assert [(x.code, x.severity) for x in await d.diagnostics(version=1)] == [
        ("inconsistent-reference", W),
        ("unattributed-quote", W),
    ]
    return d


def change_configuration(client: CopydeskClient, settings) -> int:
    """Sends didChangeConfiguration; returns how many publishes came before."""
    seen = len(client.published)
    client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=settings))
    return seen


async def republished(client: CopydeskClient, doc: Doc, seen: int) -> list[tuple[str, t.DiagnosticSeverity]]:
    """The diagnostics the server publishes again for the same version after
    a configuration change."""
    p = await client.wait_for_publish(doc.uri, lambda p: p.version == doc.version, after=seen)
    return [(d.code, d.severity) for d in sorted(p.diagnostics, key=lambda d: d.range.start.line)]


async def test_pushed_severity_change(client: CopydeskClient, doc: Doc):
    seen = change_configuration(client, {"copydesk": {"severity": {"unattributed-quote": "error"}}})
    assert await republished(client, doc, seen) == [("inconsistent-reference", W), ("unattributed-quote", E)]
    assert client.configuration_requests == []


async def test_pushed_rule_off(client: CopydeskClient, doc: Doc):
    seen = change_configuration(client, {"copydesk": {"severity": {"inconsistent-reference": "off"}}})
    assert await republished(client, doc, seen) == [("unattributed-quote", W)]


@pytest.mark.workspace_config({"copydesk": {"severity": {"unattributed-quote": "off", "inconsistent-reference": "hint"}}})
async def test_pulled_on_a_change_without_settings(client: CopydeskClient, doc: Doc):
    # What VS Code's language client sends in pull mode: `settings: null`.
    seen = change_configuration(client, None)
    assert await republished(client, doc, seen) == [("inconsistent-reference", H)]
    assert [list(r.items) for r in client.configuration_requests] == [
        [t.ConfigurationItem(section="copydesk")]
    ]

    # The client's configuration changes again: pulled again.
    client.set_configuration({"severity": {"unattributed-quote": "error"}}, section="copydesk")
    seen = change_configuration(client, {})
    assert await republished(client, doc, seen) == [("inconsistent-reference", W), ("unattributed-quote", E)]
    assert len(client.configuration_requests) == 2


@pytest.mark.parametrize("client", ["neovim@v0.7.0"], indirect=True)
async def test_never_pulled_from_a_client_that_cannot_answer(client: CopydeskClient, doc: Doc):
    """Neovim 0.7 declares no `workspace.configuration`: the server must not
    ask it (pytest-lsp's own check would also fail the test), and pushed
    settings still work."""
    assert not client.capabilities.workspace.configuration
    seen = change_configuration(client, None)
    await asyncio.sleep(0.5)
    assert client.configuration_requests == []
    assert len(client.published) == seen
    seen = change_configuration(client, {"copydesk": {"severity": {"unattributed-quote": "off"}}})
    assert await republished(client, doc, seen) == [("inconsistent-reference", W)]


@pytest.mark.init_options({"style": "surname", "severity": {"unattributed-quote": "error"}})
async def test_initialization_options_and_layering(client: CopydeskClient):
    doc = Doc(client, "lighthouse.md").open()
    diagnostics = await doc.diagnostics(version=1)
    # Surname style: the two `Ms Falkner` are the inconsistent ones now.
    assert [(d.code, doc.slice(d.range), d.severity) for d in diagnostics] == [
        ("inconsistent-reference", "Ms Falkner", W),
        ("inconsistent-reference", "Ms Falkner", W),
        ("unattributed-quote", "“It is a piece of our history.”", E),
    ]
    assert [d.range for d in diagnostics[:2]] == [doc.range("Ms Falkner", 1), doc.range("Ms Falkner", 2)]
    # A later change overrides key by key: the style and the
    # unattributed-quote level from initializationOptions stay.
    seen = change_configuration(client, {"copydesk": {"severity": {"inconsistent-reference": "hint"}}})
    assert await republished(client, doc, seen) == [
        ("inconsistent-reference", H),
        ("inconsistent-reference", H),
        ("unattributed-quote", E),
    ]


async def test_inlay_hints_switched_on_by_configuration(client: CopydeskClient, doc: Doc):
    everything = t.Range(start=t.Position(line=0, character=0), end=position_of(doc.text, len(doc.text), doc.encoding))
    params = t.InlayHintParams(text_document=doc.id, range=everything)
    assert not await client.text_document_inlay_hint_async(params)
    seen = change_configuration(client, {"copydesk": {"inlayHints": True}})
    await republished(client, doc, seen)
    # A client that can be asked (Neovim) is told to ask for hints again.
    if get_capability(client.capabilities, "workspace.inlay_hint.refresh_support", False):
        await wait_until(lambda: client.hint_refreshes, "workspace/inlayHint/refresh")
    else:
        await asyncio.sleep(0.3)
        assert client.hint_refreshes == 0
    hints = await client.text_document_inlay_hint_async(params)
    assert [h.label for h in hints] == ["— Ingrid Falkner", "— Ingrid Falkner"]
    assert hints[0].position == doc.end("“We looked at every option,”")


async def test_settings_of_the_wrong_type_are_reported(client: CopydeskClient, doc: Doc):
    change_configuration(client, {"copydesk": {"debounceMs": "soon"}})
    await wait_until(lambda: client.messages, "window/showMessage")
    (message,) = client.messages
    assert message.type == t.MessageType.Warning
    assert message.message.startswith("copydesk settings:")
    assert "using the defaults" in message.message
    # The server keeps serving, with the settings it had.
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=doc.id, position=doc.pos("Ms Falkner", plus=4))
    )
    assert hover.contents.value.startswith("### Ingrid Falkner")


@pytest.mark.init_options({"copydesk": {"debounceMs": "soon"}})
async def test_bad_initialization_options_and_unknown_values_are_reported(client: CopydeskClient):
    # initializationOptions of the wrong type: reported once initialized,
    # and the defaults used.
    await wait_until(lambda: client.messages, "window/showMessage")
    assert [m.type for m in client.messages] == [t.MessageType.Warning]
    assert client.messages[0].message.startswith("copydesk settings:")
    doc = Doc(client, "lighthouse.md").open()
    assert len(await doc.diagnostics(version=1)) == 2

    # Values that are not a rule, a level or a style: each reported, the
    # rest applied.
    seen = change_configuration(
        client,
        {"copydesk": {"style": "loud", "severity": {"no-such-rule": "off", "misquote": "loud", "unattributed-quote": "off"}}},
    )
    assert await republished(client, doc, seen) == [("inconsistent-reference", W)]
    await wait_until(lambda: len(client.messages) == 2, "a second window/showMessage")
    text = client.messages[1].message
    assert "no rule called “no-such-rule”" in text
    assert "copydesk.severity.misquote: “loud” is not one of off, hint, info, warning, error" in text
    assert "copydesk.style “loud” is not one of auto, honorific, surname" in text
