"""Helpers for the pytest-lsp tier: positions in the negotiated encoding,
open documents edited the way an editor edits them, and waiting for what the
server publishes.

Every position a test sends or expects is computed here from the draft's
text, in the encoding the server chose at `initialize` (UTF-8 for Neovim
0.11 and Emacs 29, which offer it; UTF-16 for VS Code 1.65, which offers
none), so a server that counted columns in the wrong unit fails.
"""

from __future__ import annotations

import asyncio
import bisect
import re
from typing import TYPE_CHECKING

from lsprotocol import types as t

if TYPE_CHECKING:
    from conftest import CopydeskClient

# LSP line breaks: \n, \r\n and a lone \r.
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# How long to wait for something the server sends by itself.
WAIT_S = 10.0


def units(s: str, encoding: str) -> int:
    """The length of `s` in `encoding`'s code units."""
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    if encoding == "utf-32":
        return len(s)
    raise ValueError(f"unknown position encoding {encoding!r}")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def position_of(text: str, index: int, encoding: str) -> t.Position:
    """The LSP position of string index `index`."""
    starts = line_starts(text)
    line = bisect.bisect_right(starts, index) - 1
    return t.Position(line=line, character=units(text[starts[line] : index], encoding))


def index_of(text: str, pos: t.Position, encoding: str) -> int:
    """The string index of an LSP position; it must fall on a character."""
    starts = line_starts(text)
    assert pos.line < len(starts), f"line {pos.line} past the end"
    start = starts[pos.line]
    m = LINE_BREAK.search(text, start)
    end = m.start() if m else len(text)
    counted, i = 0, start
    while counted < pos.character:
        assert i < end, f"{pos} is past the end of line {pos.line} ({encoding})"
        counted += units(text[i], encoding)
        i += 1
    assert counted == pos.character, f"{pos} falls inside the character {text[i - 1]!r} ({encoding})"
    return i


def apply_edits(text: str, edits: list[t.TextEdit], encoding: str) -> str:
    """Applies non-overlapping text edits, as an editor would."""
    spans = []
    for e in edits:
        start = index_of(text, e.range.start, encoding)
        end = index_of(text, e.range.end, encoding)
        assert start <= end, f"edit range runs backwards: {e.range}"
        spans.append((start, end, e.new_text))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        assert a[1] <= b[0], f"overlapping edits: {a} and {b}"
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def key(r: t.Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


class Doc:
    """A draft open in the client: its text, version and URI."""

    def __init__(self, client: CopydeskClient, name: str, text: str | None = None):
        self.client = client
        self.path = client.drafts / name
        if text is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(text.encode("utf-8"))
        # Bytes, decoded: line ends stay as they are in the file (CRLF too).
        self.text = self.path.read_bytes().decode("utf-8")
        self.uri = self.path.as_uri()
        self.version = 0
        ext = self.path.suffix.lstrip(".")
        # Other files (a `.vtt` transcript) open as plain text, as VS Code
        # opens them.
        self.language_id = client.language_ids.get(ext, client.language_ids["txt"])

    @property
    def encoding(self) -> str:
        return self.client.encoding

    @property
    def id(self) -> t.TextDocumentIdentifier:
        return t.TextDocumentIdentifier(uri=self.uri)

    # --- positions -----------------------------------------------------

    def find(self, needle: str, nth: int = 1) -> int:
        at = -1
        for _ in range(nth):
            at = self.text.find(needle, at + 1)
            assert at >= 0, f"{needle!r} (occurrence {nth}) is not in {self.path.name}"
        return at

    def pos(self, needle: str, nth: int = 1, plus: int = 0) -> t.Position:
        """Where the `nth` `needle` starts, moved `plus` characters on."""
        return position_of(self.text, self.find(needle, nth) + plus, self.encoding)

    def end(self, needle: str, nth: int = 1) -> t.Position:
        return position_of(self.text, self.find(needle, nth) + len(needle), self.encoding)

    def range(self, needle: str, nth: int = 1) -> t.Range:
        return t.Range(start=self.pos(needle, nth), end=self.end(needle, nth))

    def slice(self, r: t.Range) -> str:
        """The text a range covers."""
        return self.text[index_of(self.text, r.start, self.encoding) : index_of(self.text, r.end, self.encoding)]

    # --- the document's life -------------------------------------------

    def open(self) -> Doc:
        self.version = 1
        self.client.text_document_did_open(
            t.DidOpenTextDocumentParams(
                text_document=t.TextDocumentItem(
                    uri=self.uri,
                    language_id=self.language_id,
                    version=self.version,
                    text=self.text,
                )
            )
        )
        return self

    def change(self, *edits: tuple[t.Range, str]) -> None:
        """Sends incremental changes (applied in order, each against the text
        the previous one left) and keeps our copy of the text in step."""
        changes = []
        for r, new_text in edits:
            self.text = apply_edits(self.text, [t.TextEdit(range=r, new_text=new_text)], self.encoding)
            changes.append(t.TextDocumentContentChangePartial(range=r, text=new_text))
        self.version += 1
        self.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=changes,
            )
        )

    def apply(self, edit: t.WorkspaceEdit) -> None:
        """Applies a workspace edit from the server to this document, as the
        editor would, and sends the result as one didChange."""
        assert edit.changes is not None and set(edit.changes) == {self.uri}, edit
        edits = sorted(edit.changes[self.uri], key=lambda e: key(e.range), reverse=True)
        # From the end backwards, so earlier positions stay valid.
        self.change(*[(e.range, e.new_text) for e in edits])

    def close(self) -> None:
        self.client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=self.id))

    # --- what the server publishes ---------------------------------------

    async def diagnostics(self, version: int | None = None) -> list[t.Diagnostic]:
        """The diagnostics the server publishes for `version` (default: the
        current one), sorted by range."""
        want = self.version if version is None else version
        params = await self.client.wait_for_publish(self.uri, lambda p: p.version == want)
        return sorted(params.diagnostics, key=lambda d: key(d.range))


async def wait_until(predicate, what: str, timeout: float = WAIT_S):
    """Polls `predicate` until it returns something truthy."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.01)
