"""publishDiagnostics: after didOpen (Markdown and plain text), after
incremental didChange, after didClose; and the copydesk.toml of a draft's
folder."""

from __future__ import annotations

from lsprotocol import types as t
from pygls.capabilities import get_capability

import spec_checks
from conftest import CopydeskClient
from lsp_helpers import Doc, wait_until

DOCS = "https://github.com/copydesk/copydesk/blob/main/README.md#"
UNATTRIBUTED = "“It is a piece of our history.”"


def check_common(client: CopydeskClient, doc: Doc, diagnostics: list[t.Diagnostic]) -> None:
    supported = get_capability(client.capabilities, "text_document.publish_diagnostics.code_description_support", False)
    for d in diagnostics:
        assert d.source == "copydesk"
        assert isinstance(d.code, str)
        # The link to the rule's README section: always for a client that
        # declares codeDescriptionSupport; right whenever it is sent.
        if supported:
            assert d.code_description is not None
        if d.code_description is not None:
            assert d.code_description.href == DOCS + d.code
    spec_checks.check_diagnostics(
        client.capabilities,
        t.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diagnostics, version=doc.version),
    )


async def test_markdown_draft(client: CopydeskClient):
    doc = Doc(client, "lighthouse.md").open()
    diagnostics = await doc.diagnostics(version=1)
    check_common(client, doc, diagnostics)
    assert [d.code for d in diagnostics] == ["inconsistent-reference", "unattributed-quote"]
    ref, quote = diagnostics

    # `Falkner added …` where the story says `Ms Falkner` twice.
    assert ref.range == doc.range("Falkner", 4)
    assert ref.range.start == t.Position(line=10, character=0)
    assert doc.slice(ref.range) == "Falkner"
    assert ref.severity == t.DiagnosticSeverity.Warning
    assert ref.message.startswith("“Falkner”: this story calls her “Ms Falkner” elsewhere (2 times)\n")

    # The quote after two em dashes: column 61 in UTF-16, 65 in UTF-8 bytes.
    assert quote.range == doc.range(UNATTRIBUTED)
    assert quote.range.start.line == 12
    assert quote.range.start.character == {"utf-16": 47, "utf-8": 51}[client.encoding]
    assert doc.slice(quote.range) == UNATTRIBUTED
    assert quote.severity == t.DiagnosticSeverity.Warning
    first, help_ = quote.message.split("\n")
    assert first == f"Quotation {UNATTRIBUTED} has no speaker: add who said it"
    assert help_.startswith("name the speaker next to it")


async def test_plain_text_draft(client: CopydeskClient):
    doc = Doc(client, "quarry.txt").open()
    diagnostics = await doc.diagnostics(version=1)
    check_common(client, doc, diagnostics)
    quote = "“At last we can walk our children to school.”"
    assert [(d.code, doc.slice(d.range)) for d in diagnostics] == [("unattributed-quote", quote)]
    assert diagnostics[0].range == doc.range(quote)
    assert diagnostics[0].severity == t.DiagnosticSeverity.Warning


async def test_crlf_draft(client: CopydeskClient):
    """CRLF line ends: the same lines and columns as with LF."""
    text = (client.drafts / "quarry.txt").read_bytes().decode("utf-8").replace("\n", "\r\n")
    doc = Doc(client, "crlf.txt", text).open()
    assert "\r\n" in doc.text
    quote = "“At last we can walk our children to school.”"
    diagnostics = await doc.diagnostics(version=1)
    assert [(d.code, d.range) for d in diagnostics] == [("unattributed-quote", doc.range(quote))]
    assert diagnostics[0].range.start.line == 8
    # An attribution typed at the end of the quote's CRLF line (past em
    # dashes) must land before the line break to count.
    doc.change((t.Range(start=doc.pos("school.”", plus=6), end=doc.pos("school.”", plus=7)), ","))
    eol = doc.end("school,”")
    doc.change((t.Range(start=eol, end=eol), " a parent said."))
    assert "“At last we can walk our children to school,” a parent said.\r\n" in doc.text
    assert await doc.diagnostics(version=3) == []


async def test_plain_text_headline_is_not_body(client: CopydeskClient):
    """A plain-text draft's first line is its headline: a quote there is a
    headline quote, checked against the body, not an unattributed one."""
    text = "Minister: “We will not back down”\n\nThe minister said on Monday that the plan would go ahead.\n"
    doc = Doc(client, "headline.txt", text).open()
    diagnostics = await doc.diagnostics(version=1)
    assert [d.code for d in diagnostics] == ["headline-quote"]
    assert diagnostics[0].range.start.line == 0


async def test_incremental_edit_removes_the_diagnostic(client: CopydeskClient):
    doc = Doc(client, "lighthouse.md").open()
    before = await doc.diagnostics(version=1)
    assert [d.code for d in before] == ["inconsistent-reference", "unattributed-quote"]

    # Type an attribution after the quote (past the em dashes, so the
    # columns differ between encodings): `…history,” a walker said.`
    doc.change(
        (t.Range(start=doc.pos("history.”", plus=7), end=doc.pos("history.”", plus=8)), ","),
    )
    doc.change((t.Range(start=doc.end("history,”"), end=doc.end("history,”")), " a walker said."))
    assert doc.text.endswith("doubts. “It is a piece of our history,” a walker said.\n")
    after = await doc.diagnostics(version=3)
    assert [d.code for d in after] == ["inconsistent-reference"]
    assert after[0].range == before[0].range

    # Undo with one change that spans the line: the warning is back.
    line = t.Range(start=doc.pos("On the coast"), end=doc.end("a walker said."))
    doc.change((line, "On the coast path — on a grey Sunday — doubts. " + "“It is a piece of our history.”"))
    again = await doc.diagnostics(version=4)
    assert [d.code for d in again] == ["inconsistent-reference", "unattributed-quote"]
    assert again[1].range == before[1].range


async def test_close_clears_the_diagnostics(client: CopydeskClient):
    doc = Doc(client, "lighthouse.md").open()
    assert await doc.diagnostics(version=1)
    seen = len(client.published)
    doc.close()
    cleared = await client.wait_for_publish(doc.uri, after=seen)
    assert list(cleared.diagnostics) == []
    assert cleared.version is None


async def test_copydesk_toml_applies_and_its_problems_are_shown(client: CopydeskClient):
    desk = client.drafts / "desk"
    desk.mkdir()
    (desk / "copydesk.toml").write_text(
        '[severity]\nunattributed-quote = "error"\ninconsistent-reference = "off"\nbogus = 1\n',
        encoding="utf-8",
    )
    doc = Doc(client, "desk/quarry.txt", (client.drafts / "quarry.txt").read_text(encoding="utf-8")).open()
    diagnostics = await doc.diagnostics(version=1)
    assert [(d.code, d.severity) for d in diagnostics] == [("unattributed-quote", t.DiagnosticSeverity.Error)]

    lighthouse = Doc(client, "desk/lighthouse.md", (client.drafts / "lighthouse.md").read_text(encoding="utf-8"))
    lighthouse.open()
    codes = [d.code for d in await lighthouse.diagnostics(version=1)]
    assert codes == ["unattributed-quote"], "inconsistent-reference is off in desk/copydesk.toml"

    # The unknown key is reported once, as a warning naming the file.
    await wait_until(lambda: client.messages, "window/showMessage")
    assert [m.type for m in client.messages] == [t.MessageType.Warning], client.messages
    message = client.messages[0].message
    assert str(desk / "copydesk.toml") in message
    assert "bogus" in message
