"""Interview transcripts: a project folder whose copydesk.toml names its
transcripts (`[transcripts] paths`, `[transcripts.speakers]`), a draft that
quotes one of them once word for word and once with a word changed, and
what the server makes of it under each client: the transcript-mismatch
finding and its fix, hover with the passage, definition into the
transcript file, the `✓` inlay hint (`transcriptHints`), a transcript
changed on disk (`workspace/didChangeWatchedFiles`, and the watcher the
server registers where the client allows it), and a transcript that cannot
be read.

The transcript's line with the changed word has `Ça va —` before the
quoted words, so the definition's columns differ between UTF-8 and UTF-16.
The interview and the draft are invented for these tests.
"""

from __future__ import annotations

import asyncio
import pathlib

import pytest
from lsprotocol import types as t
from pygls.capabilities import get_capability

import spec_checks
from conftest import CopydeskClient
from lsp_helpers import Doc, position_of, wait_until

CONFIG = """[transcripts]
paths = ["interviews/*.vtt"]

[transcripts.speakers]
"Speaker 1" = "Dana Okafor"
"""

TRANSCRIPT = """WEBVTT

00:00:02.000 --> 00:00:07.000
<v Speaker 1>Thanks for coming down to the café. The ferry service has been cut twice this year.

00:12:34.000 --> 00:12:40.000
<v Speaker 1>Ça va — we will not shut the harbour without a proper vote of the council.
"""

DRAFT = """# Harbour vote promised

The harbourmaster, Dana Okafor, spoke to reporters at the quayside café on Monday.

“We will not close the harbour without a proper vote of the council,” Ms Okafor said.

“The ferry service has been cut twice this year,” she said.
"""

CHANGED = "close"
PASSAGE = "we will not shut the harbour without a proper vote of the council"


@pytest.fixture
def project(client: CopydeskClient) -> pathlib.Path:
    """`harbour/` in the workspace: its copydesk.toml and the transcript."""
    folder = client.drafts / "harbour"
    (folder / "interviews").mkdir(parents=True)
    (folder / "copydesk.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "interviews" / "okafor.vtt").write_text(TRANSCRIPT, encoding="utf-8")
    return folder


@pytest.fixture
async def doc(client: CopydeskClient, project: pathlib.Path) -> Doc:
    return Doc(client, "harbour/draft.md", DRAFT).open()


def watched(client: CopydeskClient, path: pathlib.Path, change=t.FileChangeType.Changed) -> int:
    """Tells the server a file changed; returns how many publishes came before."""
    seen = len(client.published)
    client.workspace_did_change_watched_files(
        t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=path.as_uri(), type=change)])
    )
    return seen


async def test_a_changed_word_is_found_and_fixed(client: CopydeskClient, doc: Doc):
    (mismatch,) = await doc.diagnostics(version=1)
    assert mismatch.code == "transcript-mismatch"
    assert mismatch.severity == t.DiagnosticSeverity.Warning
    assert mismatch.range == doc.range(CHANGED)
    assert mismatch.message.startswith(
        "Transcript (interviews/okafor.vtt, 00:12:34, Dana Okafor) says “shut”, the draft says “close”"
    )
    actions = await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=doc.id,
            range=mismatch.range,
            context=t.CodeActionContext(diagnostics=[mismatch]),
        )
    )
    fix = actions[0]
    assert (fix.title, fix.kind, fix.is_preferred) == (
        "Use the transcript's words: “shut”",
        t.CodeActionKind.QuickFix,
        True,
    )
    assert [(e.range, e.new_text) for e in fix.edit.changes[doc.uri]] == [(doc.range(CHANGED), "shut")]
    # Applied as the editor applies it: the quote is the transcript's now.
    doc.apply(fix.edit)
    assert "“We will not shut the harbour" in doc.text
    assert await doc.diagnostics(version=2) == []


async def test_hover_shows_the_passage_its_time_and_the_difference(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc.id, position=doc.pos(CHANGED)))
    assert hover is not None
    assert hover.range == doc.range("“We will not close the harbour without a proper vote of the council,”")
    card = hover.contents.value
    assert card.startswith("### Quote: Dana Okafor")
    assert "**Transcript:** interviews/okafor.vtt, 00:12:34, Dana Okafor, line 7 — 1 difference" in card
    assert "> we will not ~~close~~ **shut** the harbour without a proper vote of the council" in card

    # The faithful quote: word for word, from the café line.
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=doc.id, position=doc.pos("ferry service"))
    )
    card = hover.contents.value
    assert "**Transcript:** interviews/okafor.vtt, 00:00:02, Dana Okafor, line 4 — word for word ✓" in card
    assert "> The ferry service has been cut twice this year" in card


async def test_definition_opens_the_transcript_at_the_passage(client: CopydeskClient, doc: Doc, project: pathlib.Path):
    await doc.diagnostics(version=1)
    location = await client.text_document_definition_async(
        t.DefinitionParams(text_document=doc.id, position=doc.pos("proper vote"))
    )
    assert isinstance(location, t.Location), location
    transcript = project / "interviews" / "okafor.vtt"
    assert location.uri == transcript.resolve().as_uri()
    # The passage in the transcript's own lines and the negotiated encoding
    # (`Ça va — ` before it counts 8 UTF-16 units, 11 UTF-8 bytes).
    start = TRANSCRIPT.index(PASSAGE)
    assert location.range == t.Range(
        start=position_of(TRANSCRIPT, start, client.encoding),
        end=position_of(TRANSCRIPT, start + len(PASSAGE), client.encoding),
    )
    assert location.range.start.line == 6
    assert location.range.start.character == {"utf-16": 21, "utf-8": 24}[client.encoding]
    # On a person, definition is still their introduction in the draft.
    person = await client.text_document_definition_async(
        t.DefinitionParams(text_document=doc.id, position=doc.pos("Ms Okafor", plus=4))
    )
    assert person.uri == doc.uri
    assert person.range == doc.range("Dana Okafor")


@pytest.mark.init_options({"transcriptHints": True})
async def test_a_verified_quote_gets_a_tick(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    everything = t.Range(start=t.Position(line=0, character=0), end=position_of(doc.text, len(doc.text), doc.encoding))
    hints = await client.text_document_inlay_hint_async(t.InlayHintParams(text_document=doc.id, range=everything))
    assert [(h.label, h.position) for h in hints] == [
        ("✓ 00:00:02", doc.end("“The ferry service has been cut twice this year,”"))
    ]
    assert hints[0].tooltip == "Word for word in the transcript (interviews/okafor.vtt, 00:00:02, Dana Okafor)"


@pytest.mark.init_options({"transcriptHints": True})
async def test_a_transcript_changed_on_disk_refreshes_the_ticks(
    client: CopydeskClient, doc: Doc, project: pathlib.Path
):
    await doc.diagnostics(version=1)
    transcript = project / "interviews" / "okafor.vtt"
    transcript.write_text(TRANSCRIPT.replace("shut", "close"), encoding="utf-8")
    seen = watched(client, transcript)
    await client.wait_for_publish(doc.uri, lambda p: p.version == 1 and not p.diagnostics, after=seen)
    # A client that can be asked (Neovim) is told to ask for hints again,
    # once the new findings are out; the others ask on their next edit.
    if get_capability(client.capabilities, "workspace.inlay_hint.refresh_support", False):
        await wait_until(lambda: client.hint_refreshes, "workspace/inlayHint/refresh")
    else:
        await asyncio.sleep(0.3)
        assert client.hint_refreshes == 0
    everything = t.Range(start=t.Position(line=0, character=0), end=position_of(doc.text, len(doc.text), doc.encoding))
    hints = await client.text_document_inlay_hint_async(t.InlayHintParams(text_document=doc.id, range=everything))
    assert [h.label for h in hints] == ["✓ 00:12:34", "✓ 00:00:02"]


async def test_a_transcript_opened_as_plain_text_is_not_checked(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    # Captions the editor opens as plain text; as a draft, the quotation
    # left open would be an error.
    captions = TRANSCRIPT.replace("<v Speaker 1>Ça va", "<v Speaker 1>“Ça va")
    transcript = Doc(client, "harbour/captions.vtt", captions).open()
    assert await transcript.diagnostics(version=1) == []
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=transcript.id))
    assert not symbols
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=transcript.id, position=transcript.pos("Ça va", plus=1))
    )
    assert hover is None


async def test_no_tick_unless_transcript_hints_are_on(client: CopydeskClient, doc: Doc):
    await doc.diagnostics(version=1)
    everything = t.Range(start=t.Position(line=0, character=0), end=position_of(doc.text, len(doc.text), doc.encoding))
    assert not await client.text_document_inlay_hint_async(t.InlayHintParams(text_document=doc.id, range=everything))


async def test_a_transcript_changed_on_disk_is_read_again(client: CopydeskClient, doc: Doc, project: pathlib.Path):
    assert [d.code for d in await doc.diagnostics(version=1)] == ["transcript-mismatch"]
    # The server asked to be told of changes where the client allows it
    # (VS Code and Emacs; Neovim 0.11 on Linux does not).
    dynamic = get_capability(client.capabilities, "workspace.did_change_watched_files.dynamic_registration", False)
    if dynamic:
        await wait_until(lambda: client.registrations, "client/registerCapability")
    for params in client.registrations:
        spec_checks.check_registrations(client.capabilities, params)
    registered = [(r.method, r.register_options) for p in client.registrations for r in p.registrations]
    if dynamic:
        assert registered == [
            (
                "workspace/didChangeWatchedFiles",
                {"watchers": [{"globPattern": "**/*.{vtt,srt,json,txt,md}"}]},
            )
        ]
    else:
        assert registered == []

    # The reporter corrects the transcript: the draft was right after all.
    transcript = project / "interviews" / "okafor.vtt"
    transcript.write_text(TRANSCRIPT.replace("shut", "close"), encoding="utf-8")
    seen = watched(client, transcript)
    published = await client.wait_for_publish(doc.uri, lambda p: p.version == 1, after=seen)
    assert not published.diagnostics
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc.id, position=doc.pos(CHANGED)))
    assert "— word for word ✓" in hover.contents.value
    # Hints are off: no client is told to ask for them again.
    assert client.hint_refreshes == 0

    # Deleted: the speaker has a transcript no more, so nothing is said.
    transcript.unlink()
    seen = watched(client, transcript, t.FileChangeType.Deleted)
    await client.wait_for_publish(doc.uri, lambda p: p.version == 1, after=seen)
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc.id, position=doc.pos(CHANGED)))
    assert "**Transcript:**" not in hover.contents.value


async def test_a_change_to_another_file_rechecks_nothing(client: CopydeskClient, doc: Doc, project: pathlib.Path):
    await doc.diagnostics(version=1)
    seen = watched(client, client.drafts / "lighthouse.md")
    await asyncio.sleep(0.5)
    assert len(client.published) == seen


async def test_an_unreadable_transcript_is_reported_once(client: CopydeskClient, project: pathlib.Path):
    (project / "interviews" / "broken.vtt").write_bytes(b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xff\xfe\n")
    doc = Doc(client, "harbour/draft.md", DRAFT).open()
    # The other transcript is still used.
    assert [d.code for d in await doc.diagnostics(version=1)] == ["transcript-mismatch"]
    await wait_until(lambda: client.messages, "window/showMessage")
    (message,) = client.messages
    assert message.type == t.MessageType.Warning
    assert message.message.startswith("copydesk: interviews/broken.vtt:4: not UTF-8 text")
    assert message.message.endswith("the other transcripts are still used")

    # Another draft of the project, an edit, a save: not said again.
    other = Doc(client, "harbour/second.md", DRAFT).open()
    await other.diagnostics(version=1)
    doc.change((doc.range("Monday"), "Tuesday"))
    await doc.diagnostics(version=2)
    client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=doc.id))
    await asyncio.sleep(0.5)
    assert len(client.messages) == 1
    # The server keeps serving.
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc.id, position=doc.pos(CHANGED)))
    assert "~~close~~ **shut**" in hover.contents.value
