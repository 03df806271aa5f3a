"""codeAction quick fixes (applied the way an editor applies them),
completion and inlay hints."""

from __future__ import annotations

import re

import pytest
from lsprotocol import types as t
from pygls.capabilities import get_capability

from conftest import CopydeskClient
from lsp_helpers import Doc, position_of

UNATTRIBUTED = "“It is a piece of our history.”"


@pytest.fixture
async def doc(client: CopydeskClient) -> Doc:
    return Doc(client, "lighthouse.md").open()


async def code_actions(client: CopydeskClient, doc: Doc, diagnostic: t.Diagnostic, only=None):
    return await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=doc.id,
            range=diagnostic.range,
            context=t.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
    )


# --- code actions ---------------------------------------------------------


async def test_quick_fix_for_an_inconsistent_reference(client: CopydeskClient, doc: Doc):
    ref, quote = await doc.diagnostics(version=1)
    assert ref.code == "inconsistent-reference"
    actions = await code_actions(client, doc, ref)
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ("Change to “Ms Falkner”", t.CodeActionKind.QuickFix, True),
        ("Ignore inconsistent-reference on this line", t.CodeActionKind.QuickFix, False),
        ("Ignore inconsistent-reference in this document", t.CodeActionKind.QuickFix, False),
    ]
    # Each names the diagnostic it resolves: the client's own copy.
    assert all(list(a.diagnostics) == [ref] for a in actions)
    fix = actions[0]
    assert [(e.range, e.new_text) for e in fix.edit.changes[doc.uri]] == [(doc.range("Falkner", 4), "Ms Falkner")]

    # Applied, the warning goes and the other one stays.
    doc.apply(fix.edit)
    assert "\nMs Falkner added that" in doc.text
    after = await doc.diagnostics(version=2)
    assert [(d.code, d.range) for d in after] == [("unattributed-quote", quote.range)]


async def test_attribution_placeholder_for_an_unattributed_quote(client: CopydeskClient, doc: Doc):
    _, quote = await doc.diagnostics(version=1)
    actions = await code_actions(client, doc, quote)
    assert [a.title for a in actions] == [
        "Add “[who] said” after the quotation",
        "Ignore unattributed-quote on this line",
        "Ignore unattributed-quote in this document",
    ]
    assert actions[0].is_preferred is True
    # The edits sit past the line's em dashes: their columns are in the
    # negotiated encoding.
    doc.apply(actions[0].edit)
    assert doc.text.endswith("doubts. “It is a piece of our history,” [who] said.\n")
    # The placeholder is no speaker: the warning stays, on the new quote...
    after = await doc.diagnostics(version=2)
    assert [(d.code, doc.slice(d.range)) for d in after][1] == (
        "unattributed-quote",
        "“It is a piece of our history,”",
    )
    # ...until the writer types one over it.
    doc.change((doc.range("[who]"), "a walker"))
    assert [d.code for d in await doc.diagnostics(version=3)] == ["inconsistent-reference"]


async def test_ignore_actions_write_ignore_comments(client: CopydeskClient, doc: Doc):
    ref, quote = await doc.diagnostics(version=1)
    on_line = (await code_actions(client, doc, quote))[1]
    doc.apply(on_line.edit)
    assert "\n<!-- copydesk-disable-next-line unattributed-quote -->\nOn the coast path" in doc.text
    assert [d.code for d in await doc.diagnostics(version=2)] == ["inconsistent-reference"]

    (ref,) = await doc.diagnostics(version=2)
    in_document = (await code_actions(client, doc, ref))[2]
    doc.apply(in_document.edit)
    assert doc.text.startswith("<!-- copydesk-disable inconsistent-reference -->\n\n# Lighthouse")
    assert await doc.diagnostics(version=3) == []


async def test_code_actions_honour_only_and_the_range(client: CopydeskClient, doc: Doc):
    ref, _ = await doc.diagnostics(version=1)
    assert await code_actions(client, doc, ref, only=[t.CodeActionKind.Refactor]) is None
    assert len(await code_actions(client, doc, ref, only=[t.CodeActionKind.QuickFix])) == 3
    # Nothing to fix on the headline.
    headline = t.Range(start=doc.pos("Lighthouse"), end=doc.end("Lighthouse"))
    assert (
        await client.text_document_code_action_async(
            t.CodeActionParams(text_document=doc.id, range=headline, context=t.CodeActionContext(diagnostics=[]))
        )
        is None
    )


# --- completion -------------------------------------------------------------


async def complete(client: CopydeskClient, doc: Doc, position: t.Position, trigger: str | None = None):
    context = (
        t.CompletionContext(trigger_kind=t.CompletionTriggerKind.TriggerCharacter, trigger_character=trigger)
        if trigger
        else t.CompletionContext(trigger_kind=t.CompletionTriggerKind.Invoked)
    )
    result = await client.text_document_completion_async(
        t.CompletionParams(text_document=doc.id, position=position, context=context)
    )
    items = result.items if isinstance(result, t.CompletionList) else result
    for item in items or []:
        # The edit's range must be on one line and hold the cursor.
        r = item.text_edit.range
        assert r.start.line == r.end.line == position.line
        assert r.start.character <= position.character <= r.end.character
    return items


def note(client: CopydeskClient, item: t.CompletionItem) -> str:
    """Why this form: `labelDetails.description`, or, for a client without
    labelDetailsSupport (the only one the server may leave labelDetails out
    for), the parenthesised end of `detail`."""
    if item.label_details is None:
        key = "text_document.completion.completion_item.label_details_support"
        assert not get_capability(client.capabilities, key, False), "labelDetails missing"
        match = re.fullmatch(r"(.*) \((.*)\)", item.detail or "")
        assert match, f"no note in detail: {item.detail!r}"
        return match.group(2)
    return item.label_details.description


def person(item: t.CompletionItem) -> str:
    """Who the completion names: `detail` without the note it carries for a
    client without label details."""
    if item.label_details is None:
        return re.sub(r" \(.*\)$", "", item.detail or "")
    return item.detail


async def test_completion_offers_the_later_reference(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    typed = "\nThe trust — and its chairwoman — said Fa"
    end = doc.end("Kirkwall.")
    doc.change((t.Range(start=end, end=end), typed))
    items = await complete(client, doc, doc.end(typed))
    assert [(i.label, person(i), i.kind) for i in items] == [
        ("Ms Falkner", "Ingrid Falkner", t.CompletionItemKind.Reference)
    ]
    item = items[0]
    assert note(client, item) == "later reference"
    assert item.filter_text == "Falkner"
    assert item.text_edit.range == t.Range(start=doc.pos(typed, plus=len(typed) - 2), end=doc.end(typed))
    assert doc.slice(item.text_edit.range) == "Fa"
    assert item.text_edit.new_text == "Ms Falkner"


async def test_completion_after_a_title_and_before_the_introduction(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    # After `Ms ` (the trigger character): the surname.
    end = doc.end("Kirkwall.")
    doc.change((t.Range(start=end, end=end), " Ms "))
    items = await complete(client, doc, doc.end("Kirkwall. Ms "), trigger=" ")
    assert [(i.label, note(client, i)) for i in items] == [("Falkner", "surname")]
    assert items[0].text_edit.range.start == items[0].text_edit.range.end == doc.end("Kirkwall. Ms ")

    # Before she is introduced: her full name.
    start = doc.pos("The last two")
    doc.change((t.Range(start=start, end=start), "In "))
    items = await complete(client, doc, doc.pos("In The last", plus=2))
    assert [(i.label, note(client, i)) for i in items] == [("Ingrid Falkner", "first reference: full name")]

    # Inside a quotation the words are the speaker's: nothing.
    assert not await complete(client, doc, doc.pos("every option", plus=6))


# --- inlay hints ------------------------------------------------------------


def whole(doc: Doc) -> t.Range:
    return t.Range(start=t.Position(line=0, character=0), end=position_of(doc.text, len(doc.text), doc.encoding))


@pytest.mark.init_options({"inlayHints": True})
async def test_inlay_hints_name_the_speaker_of_she_said(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    hints = await client.text_document_inlay_hint_async(t.InlayHintParams(text_document=doc.id, range=whole(doc)))
    assert [(h.position, h.label) for h in hints] == [
        (doc.end("“We looked at every option,”"), "— Ingrid Falkner"),
        (doc.end("“Nobody wanted to rent them.”"), "— Ingrid Falkner"),
    ]
    assert all(h.tooltip == "“she” on line 7 refers to Ingrid Falkner" for h in hints)
    assert all(h.padding_left for h in hints)
    # A range that ends before line 7 has none.
    early = t.Range(start=t.Position(line=0, character=0), end=doc.pos("“We looked"))
    assert not await client.text_document_inlay_hint_async(t.InlayHintParams(text_document=doc.id, range=early))


async def test_inlay_hints_are_off_by_default(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    assert not await client.text_document_inlay_hint_async(t.InlayHintParams(text_document=doc.id, range=whole(doc)))
