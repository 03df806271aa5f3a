"""The pytest-lsp tier: copydesk driven over stdio by pytest-lsp's test
client, impersonating three real clients through the capabilities
pytest-lsp ships for them (`client_capabilities`): Visual Studio Code
1.65.2, Neovim 0.11.0 and Emacs 29.1 (eglot).

Each test gets a fresh server (`COPYDESK_BIN --stdio`), initialized with
that client's capabilities, the client's usual language ids, and a
temporary workspace holding copies of drafts/ and an empty copydesk.toml
(the root marker, so no configuration file outside the test is read).

Markers: `init_options(dict)` sets the initializationOptions;
`workspace_config(dict)` is what the client answers workspace/configuration
with. A test can name other profiles with
`@pytest.mark.parametrize("client", [...], indirect=True)`.
"""

from __future__ import annotations

import copy
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types as t
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

import spec_checks  # noqa: F401  (registers the extra specification checks)
from lsp_helpers import wait_until

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
DRAFTS = HERE / "drafts"
COPYDESK_BIN = os.environ.get("COPYDESK_BIN") or str(REPO / "target" / "release" / "copydesk")

# pytest-lsp's names for the clients; each picks the newest capture it ships.
PROFILES = ["visual_studio_code", "neovim", "emacs"]

# The language ids each client sends for `.md` and `.txt` files: VS Code's
# built-in ids, Neovim's filetypes, and eglot's (the major mode's name less
# `-mode`).
LANGUAGE_IDS = {
    "visual_studio_code": {"md": "markdown", "txt": "plaintext"},
    "neovim": {"md": "markdown", "txt": "text"},
    "emacs": {"md": "markdown", "txt": "text"},
}


class CopydeskClient(LanguageClient):
    """pytest-lsp's client, keeping every publishDiagnostics (with its
    version), every workspace/configuration request and every
    client/registerCapability request it is sent, and counting the
    workspace/inlayHint/refresh requests."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[t.PublishDiagnosticsParams] = []
        self.configuration_requests: list[t.ConfigurationParams] = []
        self.registrations: list[t.RegistrationParams] = []
        self.hint_refreshes = 0
        self.lens_refreshes = 0
        self.profile = ""
        self.encoding = "utf-16"
        self.drafts = pathlib.Path()
        self.language_ids: dict[str, str] = {}
        self.init_result: t.InitializeResult | None = None

    async def wait_for_publish(self, uri: str, predicate=lambda p: True, after: int = 0):
        """The first publishDiagnostics for `uri`, from the `after`-th one
        received on, that satisfies `predicate`."""

        def found():
            for p in self.published[after:]:
                if p.uri == uri and predicate(p):
                    return p
            return None

        return await wait_until(found, f"publishDiagnostics for {uri}")

    def server_running(self) -> bool:
        return self._server is not None and self._server.returncode is None


def _publish(client: CopydeskClient, params: t.PublishDiagnosticsParams):
    DEFAULT_CLIENT_FEATURES[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS](client, params)
    client.published.append(params)


def _configuration(client: CopydeskClient, params: t.ConfigurationParams):
    client.configuration_requests.append(params)
    return DEFAULT_CLIENT_FEATURES[t.WORKSPACE_CONFIGURATION](client, params)


def _register_capability(client: CopydeskClient, params: t.RegistrationParams):
    # Checked by the tests (spec_checks.check_registrations): a warning
    # raised in a handler would only become an error reply to the server.
    client.registrations.append(params)


def _inlay_hint_refresh(client: CopydeskClient, params: None):
    # Answered as an editor does (the server must not send it to a client
    # without workspace.inlayHint.refreshSupport: checked by the tests).
    client.hint_refreshes += 1


def _code_lens_refresh(client: CopydeskClient, params: None):
    # Answered as an editor does (the server must not send it to a client
    # without workspace.codeLens.refreshSupport: checked by the tests).
    client.lens_refreshes += 1


def make_client() -> CopydeskClient:
    client = CopydeskClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _publish
    features[t.WORKSPACE_CONFIGURATION] = _configuration
    features[t.CLIENT_REGISTER_CAPABILITY] = _register_capability
    features[t.WORKSPACE_INLAY_HINT_REFRESH] = _inlay_hint_refresh
    features[t.WORKSPACE_CODE_LENS_REFRESH] = _code_lens_refresh
    register_lsp_features(client, features)
    return client


def marker_arg(request, name: str):
    marker = request.node.get_closest_marker(name)
    return marker.args[0] if marker else None


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[COPYDESK_BIN, "--stdio"],
        client_factory=make_client,
        server_env={**os.environ, "COPYDESK_LOG": os.environ.get("COPYDESK_LOG", "warn")},
    ),
    params=PROFILES,
)
async def client(request, lsp_client: CopydeskClient, tmp_path: pathlib.Path):
    profile = request.param
    workspace = tmp_path / "drafts"
    shutil.copytree(DRAFTS, workspace)
    (workspace / "copydesk.toml").write_text("", encoding="utf-8")
    lsp_client.profile = profile
    lsp_client.drafts = workspace
    lsp_client.language_ids = LANGUAGE_IDS[profile.split("@")[0]]
    if (config := marker_arg(request, "workspace_config")) is not None:
        lsp_client.set_configuration(copy.deepcopy(config))

    result = await lsp_client.initialize_session(
        t.InitializeParams(
            capabilities=client_capabilities(profile),
            root_uri=workspace.as_uri(),
            workspace_folders=[t.WorkspaceFolder(uri=workspace.as_uri(), name="drafts")],
            initialization_options=copy.deepcopy(marker_arg(request, "init_options")),
        )
    )
    lsp_client.init_result = result
    encoding = result.capabilities.position_encoding
    lsp_client.encoding = getattr(encoding, "value", encoding) or "utf-16"

    yield

    if lsp_client.server_running():
        await lsp_client.shutdown_session()


@pytest.fixture
def caps(client: CopydeskClient) -> t.ClientCapabilities:
    return client.capabilities
