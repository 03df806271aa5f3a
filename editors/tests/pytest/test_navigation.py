"""hover, documentSymbol, definition, references, documentHighlight,
prepareRename and rename, on people and quotations of drafts/lighthouse.md.

Ingrid Falkner is introduced on line 5 (`Trust chairwoman Ingrid
Falkner`), quoted there and, through `she said`, twice on line 7; then
`Ms Falkner` twice on line 9 and `Falkner` on line 11.
"""

from __future__ import annotations

import pytest
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException

from conftest import CopydeskClient
from lsp_helpers import Doc

INTRO = "Ingrid Falkner"
UNATTRIBUTED = "“It is a piece of our history.”"


@pytest.fixture
async def doc(client: CopydeskClient) -> Doc:
    d = Doc(client, "lighthouse.md").open()
    await d.diagnostics(version=1)
    return d


def at(doc: Doc, needle: str, nth: int = 1, plus: int = 2) -> dict:
    """The text document and position arguments for a request at `needle`."""
    return dict(text_document=doc.id, position=doc.pos(needle, nth, plus))


def mentions(doc: Doc) -> list[t.Range]:
    """Every mention of Ingrid Falkner, in order."""
    return [doc.range(INTRO), doc.range("Ms Falkner", 1), doc.range("Ms Falkner", 2), doc.range("Falkner", 4)]


async def test_hover_on_a_person_shows_the_role(client: CopydeskClient, doc: Doc):
    # On the second `Ms Falkner`, on the introduction, on the bare `Falkner`.
    for needle, nth in (("Ms Falkner", 2), (INTRO, 1), ("Falkner added", 1)):
        hover = await client.text_document_hover_async(t.HoverParams(**at(doc, needle, nth, plus=4)))
        assert hover is not None, needle
        assert isinstance(hover.contents, t.MarkupContent)
        assert hover.contents.kind == t.MarkupKind.Markdown
        text = hover.contents.value
        assert text.startswith("### Ingrid Falkner\n"), text
        assert "**Role:** Trust chairwoman — line 5" in text
        assert "Ingrid Falkner ×1, Ms Falkner ×2, Falkner ×1" in text
        expected = doc.range(needle, nth) if needle != "Falkner added" else doc.range("Falkner", 4)
        assert hover.range == expected, needle


async def test_hover_and_definition_in_plain_text(client: CopydeskClient):
    """`Mr Reyes` after em dashes and a `£`: its columns differ between
    UTF-8 and UTF-16."""
    doc = Doc(client, "quarry.txt").open()
    await doc.diagnostics(version=1)
    hover = await client.text_document_hover_async(t.HoverParams(**at(doc, "Mr Reyes", plus=4)))
    assert hover is not None
    assert hover.range == doc.range("Mr Reyes")
    assert hover.range.start.character == {"utf-16": 43, "utf-8": 48}[client.encoding]
    assert hover.contents.value.startswith("### Tomas Reyes\n")
    assert "**Role:** Highways officer — line 5" in hover.contents.value
    definition = await client.text_document_definition_async(t.DefinitionParams(**at(doc, "Mr Reyes", plus=4)))
    assert definition.range == doc.range("Tomas Reyes")


async def test_hover_on_quotations(client: CopydeskClient, doc: Doc):
    # The unattributed quote, after the em dashes.
    hover = await client.text_document_hover_async(t.HoverParams(**at(doc, "piece")))
    assert hover is not None
    assert hover.range == doc.range(UNATTRIBUTED)
    assert hover.contents.value.startswith("### Quote: no speaker found")

    # A quote attributed through `she said`.
    hover = await client.text_document_hover_async(t.HoverParams(**at(doc, "We looked")))
    assert hover is not None
    assert hover.range == doc.range("“We looked at every option,”")
    value = hover.contents.value
    assert value.startswith("### Quote: Ingrid Falkner")
    assert "pronoun “she” → Ingrid Falkner" in value
    assert "line 7" in value


async def test_no_hover_off_people_and_quotes(client: CopydeskClient, doc: Doc):
    for needle in ("Lighthouse keepers", "auction in March"):
        assert await client.text_document_hover_async(t.HoverParams(**at(doc, needle))) is None


async def test_document_symbols_outline_the_speakers(client: CopydeskClient, doc: Doc):
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc.id))
    assert symbols is not None
    assert all(isinstance(s, t.DocumentSymbol) for s in symbols)
    assert [s.name for s in symbols] == ["Ingrid Falkner", "Unattributed"]
    falkner, unattributed = symbols

    assert falkner.kind == t.SymbolKind.Object
    assert falkner.detail == "woman · person · Trust chairwoman · 3 quotes"
    assert falkner.selection_range == doc.range(INTRO)
    assert falkner.range == t.Range(start=doc.pos(INTRO), end=doc.end("“Nobody wanted to rent them.”"))
    quotes = ["“the only way to pay for the roof”", "“We looked at every option,”", "“Nobody wanted to rent them.”"]
    assert [(c.name, c.kind, c.range) for c in falkner.children] == [
        (q, t.SymbolKind.String, doc.range(q)) for q in quotes
    ]

    assert unattributed.kind == t.SymbolKind.Namespace
    assert unattributed.detail == "1 quote"
    assert [(c.name, c.range, c.selection_range) for c in unattributed.children] == [
        (UNATTRIBUTED, doc.range(UNATTRIBUTED), doc.range(UNATTRIBUTED))
    ]


async def test_definition_is_the_full_name_introduction(client: CopydeskClient, doc: Doc):
    for needle, nth in (("Falkner added", 1), ("Ms Falkner", 2)):
        result = await client.text_document_definition_async(t.DefinitionParams(**at(doc, needle, nth, plus=4)))
        assert isinstance(result, t.Location), result
        assert result.uri == doc.uri
        assert result.range == doc.range(INTRO)
    # Nothing to go to from a word that is no one.
    assert await client.text_document_definition_async(t.DefinitionParams(**at(doc, "auction in March"))) is None


async def test_references_find_every_mention(client: CopydeskClient, doc: Doc):
    def request(include: bool):
        return client.text_document_references_async(
            t.ReferenceParams(context=t.ReferenceContext(include_declaration=include), **at(doc, "Falkner added"))
        )

    with_intro = await request(True)
    assert [(r.uri, r.range) for r in with_intro] == [(doc.uri, r) for r in mentions(doc)]
    without = await request(False)
    assert [r.range for r in without] == mentions(doc)[1:]


async def test_document_highlight_marks_the_introduction_as_write(client: CopydeskClient, doc: Doc):
    highlights = await client.text_document_document_highlight_async(
        t.DocumentHighlightParams(**at(doc, "Ms Falkner", 1, plus=5))
    )
    assert [(h.range, h.kind) for h in highlights] == list(
        zip(mentions(doc), [t.DocumentHighlightKind.Write] + [t.DocumentHighlightKind.Read] * 3)
    )


async def test_prepare_rename_offers_the_surname(client: CopydeskClient, doc: Doc):
    result = await client.text_document_prepare_rename_async(t.PrepareRenameParams(**at(doc, "Ms Falkner", 2)))
    assert isinstance(result, t.PrepareRenamePlaceholder), result
    assert result.placeholder == "Falkner"
    assert result.range == t.Range(start=doc.pos("Ms Falkner", 2, plus=3), end=doc.end("Ms Falkner", 2))
    assert await client.text_document_prepare_rename_async(t.PrepareRenameParams(**at(doc, "auction in"))) is None


async def test_rename_rewrites_every_mention(client: CopydeskClient, doc: Doc):
    edit = await client.text_document_rename_async(t.RenameParams(new_name="Falconer", **at(doc, "Falkner added")))
    assert edit is not None and edit.changes is not None
    edits = edit.changes[doc.uri]
    assert len(edits) == 4
    assert all(e.new_text == "Falconer" for e in edits)
    # Every edit covers exactly a `Falkner`; applied, they rename her.
    assert sorted(doc.slice(e.range) for e in edits) == ["Falkner"] * 4
    expected = doc.text.replace("Falkner", "Falconer")

    doc.apply(edit)
    assert doc.text == expected
    diagnostics = await doc.diagnostics()
    assert [(d.code, doc.slice(d.range)) for d in diagnostics] == [
        ("inconsistent-reference", "Falconer"),
        ("unattributed-quote", UNATTRIBUTED),
    ]
    hover = await client.text_document_hover_async(t.HoverParams(**at(doc, "Ms Falconer")))
    assert hover.contents.value.startswith("### Ingrid Falconer\n")


async def test_rename_to_nothing_is_refused(client: CopydeskClient, doc: Doc):
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_rename_async(t.RenameParams(new_name="  ", **at(doc, "Falkner added")))
    assert refused.value.code == -32602  # InvalidParams
    assert "empty" in str(refused.value)
    # Off a person there is nothing to rename.
    assert await client.text_document_rename_async(t.RenameParams(new_name="X", **at(doc, "auction in"))) is None
