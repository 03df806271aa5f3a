"""Checks of the server's answers against the LSP 3.17 specification and the
client's declared capabilities, beyond the ones pytest-lsp ships.

pytest-lsp checks only a few methods (completion items, document links,
work-done progress, workspace/configuration). The ones here cover the rest
of what copydesk answers, and work the same way: registered with
pytest-lsp's check table, they run on every result the test client
receives, and a failed assertion becomes a `LspSpecificationWarning`, which
pytest.ini turns into an error.

Only rules the specification states as rules raise that warning (“may only
be specified if”, “can only return”, “must be contained”, “the only valid
value”). A property the client did not announce support for, where the
specification does not forbid sending it (`codeDescription` without
`codeDescriptionSupport`, `labelDetails` without `labelDetailsSupport`),
is a `CapabilityNotice` instead: listed in pytest's warnings summary, not
a failure.

`check_initialize`, `check_diagnostics` and `check_registrations` are
called by the tests themselves: `initialize` runs in the fixture (a failure
there would hide every other test of that client), diagnostics arrive as
notifications, and a registration is a request the client answers.
"""

from __future__ import annotations

import warnings

from lsprotocol import types as t
from pygls.capabilities import get_capability
from pytest_lsp.checks import RESULT_CHECKS, LspSpecificationWarning, check_result_for


class CapabilityNotice(UserWarning):
    """The server sent a property the client did not say it supports (which
    the specification does not forbid)."""


def notice(message: str) -> None:
    warnings.warn(message, CapabilityNotice, stacklevel=3)


def spec_error(message: str) -> None:
    warnings.warn(message, LspSpecificationWarning, stacklevel=3)


def contains(outer: t.Range, inner: t.Range) -> bool:
    def k(p: t.Position):
        return (p.line, p.character)

    return k(outer.start) <= k(inner.start) and k(inner.end) <= k(outer.end)


def _value(x):
    return getattr(x, "value", x)


# --- initialize -----------------------------------------------------------


def check_initialize(caps: t.ClientCapabilities, result: t.InitializeResult) -> None:
    offered = [_value(e) for e in (get_capability(caps, "general.position_encodings", None) or [])]
    chosen = _value(result.capabilities.position_encoding)
    # "If the client didn't provide any position encodings the only valid
    # value that a server can return is 'utf-16'"; otherwise one of those
    # offered (UTF-16 is always assumed supported).
    if chosen is not None and chosen != "utf-16" and chosen not in offered:
        spec_error(f"positionEncoding {chosen!r} was not offered by the client (offered: {offered})")

    # ServerCapabilities.renameProvider: "RenameOptions may only be
    # specified if the client states that it supports `prepareSupport` in its
    # initial `initialize` request."
    if isinstance(result.capabilities.rename_provider, t.RenameOptions) and not get_capability(
        caps, "text_document.rename.prepare_support", False
    ):
        spec_error(
            "renameProvider is RenameOptions (prepareProvider), but the client does not declare "
            "textDocument.rename.prepareSupport: RenameOptions may only be specified if it does"
        )


# --- textDocument/publishDiagnostics ----------------------------------------


def check_diagnostics(caps: t.ClientCapabilities, params: t.PublishDiagnosticsParams) -> None:
    base = "text_document.publish_diagnostics"
    for d in params.diagnostics:
        if d.tags and not get_capability(caps, f"{base}.tag_support", None):
            notice("Diagnostic.tags sent but the client declares no publishDiagnostics.tagSupport")
        if d.code_description and not get_capability(caps, f"{base}.code_description_support", False):
            notice(
                "Diagnostic.codeDescription sent but the client does not declare "
                "publishDiagnostics.codeDescriptionSupport"
            )
        if d.related_information and not get_capability(caps, f"{base}.related_information", False):
            notice("Diagnostic.relatedInformation sent but the client does not declare support for it")
        if d.data is not None and not get_capability(caps, f"{base}.data_support", False):
            notice("Diagnostic.data sent but the client does not declare publishDiagnostics.dataSupport")


# --- client/registerCapability ---------------------------------------------

# The capability that says whether a client takes dynamic registration of
# each method the server may register.
DYNAMIC_REGISTRATION = {
    t.WORKSPACE_DID_CHANGE_WATCHED_FILES: "workspace.did_change_watched_files.dynamic_registration",
}


def check_registrations(caps: t.ClientCapabilities, params: t.RegistrationParams) -> None:
    """A registration for a method the client does not say it can register
    dynamically breaks the client's declared capabilities (the
    specification gives each method its own `dynamicRegistration`)."""
    for r in params.registrations:
        capability = DYNAMIC_REGISTRATION.get(r.method)
        if capability is None:
            notice(f"registerCapability for {r.method}, which these checks do not know")
        elif not get_capability(caps, capability, False):
            spec_error(f"registerCapability for {r.method}, but the client does not declare {capability}")


# --- results of the client's requests ---------------------------------------


@check_result_for(method=t.TEXT_DOCUMENT_HOVER)
def hover(caps: t.ClientCapabilities, result: t.Hover | None) -> None:
    if result is None:
        return
    formats = [_value(f) for f in (get_capability(caps, "text_document.hover.content_format", None) or [])]
    if isinstance(result.contents, t.MarkupContent) and formats:
        kind = _value(result.contents.kind)
        assert kind in formats, f"hover content is {kind!r}, the client takes only {formats}"


def _symbol_kinds(caps: t.ClientCapabilities) -> set[int] | None:
    kinds = get_capability(caps, "text_document.document_symbol.symbol_kind.value_set", None)
    return {int(k) for k in kinds} if kinds else None


@check_result_for(method=t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(caps: t.ClientCapabilities, result) -> None:
    if not result:
        return
    hierarchical = get_capability(
        caps, "text_document.document_symbol.hierarchical_document_symbol_support", False
    )
    kinds = _symbol_kinds(caps)

    def walk(symbols):
        for s in symbols:
            if isinstance(s, t.DocumentSymbol):
                assert hierarchical, "DocumentSymbol[] sent to a client without hierarchicalDocumentSymbolSupport"
                # "Must be contained by the `range`."
                assert contains(s.range, s.selection_range), (
                    f"symbol {s.name!r}: selectionRange {s.selection_range} is not inside range {s.range}"
                )
                walk(s.children or [])
            kind = int(s.kind)
            if kinds is not None:
                assert kind in kinds, f"symbol {s.name!r}: kind {kind} is not in the client's valueSet"
            else:
                # "If this property is not present the client only supports
                # the symbol kinds from `File` to `Array`."
                assert kind <= int(t.SymbolKind.Array), f"symbol {s.name!r}: kind {kind} needs a valueSet"

    walk(result)


@check_result_for(method=t.TEXT_DOCUMENT_CODE_ACTION)
def code_actions(caps: t.ClientCapabilities, result) -> None:
    if not result:
        return
    base = "text_document.code_action"
    literals = get_capability(caps, f"{base}.code_action_literal_support", None)
    for action in result:
        if isinstance(action, t.Command):
            continue
        # "If the property is not set the request can only return `Command`
        # literals."
        assert literals is not None, "CodeAction literals sent to a client without codeActionLiteralSupport"
        if action.is_preferred is not None and not get_capability(caps, f"{base}.is_preferred_support", False):
            notice("CodeAction.isPreferred sent but the client does not declare isPreferredSupport")
        if action.disabled is not None and not get_capability(caps, f"{base}.disabled_support", False):
            notice("CodeAction.disabled sent but the client does not declare disabledSupport")
        if action.data is not None and not get_capability(caps, f"{base}.data_support", False):
            notice("CodeAction.data sent but the client does not declare dataSupport")


def _completion_checks(caps: t.ClientCapabilities, result) -> None:
    if result is None:
        return
    items = result.items if isinstance(result, t.CompletionList) else result
    base = "text_document.completion"
    kinds = get_capability(caps, f"{base}.completion_item_kind.value_set", None)
    for item in items:
        if item.kind is not None:
            kind = int(item.kind)
            if kinds:
                assert kind in {int(k) for k in kinds}, f"completion {item.label!r}: kind {kind} not in valueSet"
            else:
                # "If this property is not present the client only supports
                # the completion items kinds from `Text` to `Reference`."
                assert kind <= int(t.CompletionItemKind.Reference), f"completion {item.label!r}: kind {kind}"
        if isinstance(item.text_edit, t.InsertReplaceEdit):
            assert get_capability(caps, f"{base}.completion_item.insert_replace_support", False), (
                "InsertReplaceEdit sent to a client without insertReplaceSupport"
            )
        if isinstance(item.text_edit, t.TextEdit):
            r = item.text_edit.range
            # "The range of the edit must be a single line range."
            assert r.start.line == r.end.line, f"completion {item.label!r}: multi-line edit range {r}"
        if item.label_details is not None and not get_capability(
            caps, f"{base}.completion_item.label_details_support", False
        ):
            notice("CompletionItem.labelDetails sent but the client does not declare labelDetailsSupport")


# pytest-lsp already checks completion results (commit characters,
# documentation formats, snippets): run ours after its own.
_pytest_lsp_completion = RESULT_CHECKS.pop(t.TEXT_DOCUMENT_COMPLETION, None)


@check_result_for(method=t.TEXT_DOCUMENT_COMPLETION)
def completion(caps: t.ClientCapabilities, result) -> None:
    if _pytest_lsp_completion is not None:
        _pytest_lsp_completion(caps, result)
    _completion_checks(caps, result)


@check_result_for(method=t.TEXT_DOCUMENT_DEFINITION)
def definition(caps: t.ClientCapabilities, result) -> None:
    if result is None:
        return
    results = result if isinstance(result, list) else [result]
    if any(isinstance(r, t.LocationLink) for r in results):
        assert get_capability(caps, "text_document.definition.link_support", False), (
            "LocationLink sent to a client without definition.linkSupport"
        )


@check_result_for(method=t.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(caps: t.ClientCapabilities, result) -> None:
    if result is None:
        return
    r = getattr(result, "range", result if isinstance(result, t.Range) else None)
    if r is not None:
        assert r.start.line == r.end.line, f"prepareRename range spans lines: {r}"


@check_result_for(method=t.TEXT_DOCUMENT_INLAY_HINT)
def inlay_hints(caps: t.ClientCapabilities, result) -> None:
    if not result:
        return
    for hint in result:
        label = hint.label if isinstance(hint.label, str) else "".join(p.value for p in hint.label)
        assert label, f"an inlay hint with an empty label at {hint.position}"
