// The copydesk extension: starts the copydesk language server for Markdown
// and plain-text drafts, forwards the settings, and adds four commands (one,
// copydesk.sourceBalance, is the server's: it counts, this shows the count).

import * as path from "node:path";
import * as vscode from "vscode";
import {
  type ExecuteCommandSignature,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { findServer, type FoundServer, ServerNotFoundError } from "./discovery";
import { peopleInvocation, runPeople } from "./people";
import { serverSettings } from "./settings";
import { balancePage, balanceRequest, type Desk, SOURCE_BALANCE, type StoryCount } from "./sourceBalance";

const SECTION = "copydesk";
const PEOPLE_SCHEME = "copydesk-people";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionContext: vscode.ExtensionContext;
/** The source balance page, reused while it is open. */
let balancePanel: vscode.WebviewPanel | undefined;
/** The draft the page last counted, for a run from the page itself. */
let lastBalanceUri: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionContext = context;
  output = vscode.window.createOutputChannel("copydesk");
  const people = new PeopleTables();

  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(PEOPLE_SCHEME, people),
    vscode.commands.registerCommand("copydesk.restartServer", restartServer),
    vscode.commands.registerCommand("copydesk.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("copydesk.showPeople", () => showPeople(people)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Other copydesk settings reach the running server through
      // didChangeConfiguration (synchronize.configurationSection); a new
      // binary needs a new process.
      if (e.affectsConfiguration(`${SECTION}.server.path`)) {
        void restartServer();
      }
    }),
  );

  await startServer();
}

export async function deactivate(): Promise<void> {
  await stopServer();
}

/** Finds the binary, or tells the user how to get one. */
function locateServer(): FoundServer | undefined {
  const config = vscode.workspace.getConfiguration(SECTION);
  try {
    return findServer({
      configuredPath: config.get<string>("server.path", ""),
      extensionPath: extensionContext.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    });
  } catch (err) {
    if (err instanceof ServerNotFoundError) {
      output.appendLine(err.message);
      void vscode.window.showErrorMessage(err.message, "Open Settings").then((choice) => {
        if (choice === "Open Settings") {
          void vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.path`);
        }
      });
      return undefined;
    }
    throw err;
  }
}

async function startServer(): Promise<void> {
  const server = locateServer();
  if (!server) {
    return;
  }
  output.appendLine(`Starting ${server.command} (found via ${describeSource(server)})`);

  // vscode-languageclient appends `--stdio` for TransportKind.stdio; the
  // binary accepts it.
  const executable = { command: server.command, args: [] as string[], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run: executable, debug: executable };

  const clientOptions: LanguageClientOptions = {
    // Only real drafts: files and unsaved buffers, never virtual documents
    // such as the people table.
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    synchronize: { configurationSection: SECTION },
    initializationOptions: () => serverSettings(getter()),
    outputChannel: output,
    middleware: {
      // The server runs copydesk.sourceBalance (vscode-languageclient
      // registers the command for it, so the Command Palette and the code
      // lens on the headline reach it): here its count is shown.
      executeCommand: (command, args, next) =>
        command === SOURCE_BALANCE ? showSourceBalance(args, next) : next(command, args),
    },
  };

  client = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = `copydesk: the language server at ${server.command} failed to start: ${errorText(err)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, "Show Output").then((choice) => {
      if (choice === "Show Output") {
        output.show(true);
      }
    });
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) {
    return;
  }
  try {
    await running.stop(5000);
  } catch (err) {
    output.appendLine(`Stopping the server: ${errorText(err)}`);
  }
  await running.dispose().catch(() => undefined);
}

async function restartServer(): Promise<void> {
  output.appendLine("Restarting the copydesk server");
  await stopServer();
  await startServer();
}

function getter() {
  const config = vscode.workspace.getConfiguration(SECTION);
  return <T>(key: string, fallback: T): T => config.get<T>(key, fallback);
}

function describeSource(server: FoundServer): string {
  switch (server.source) {
    case "setting":
      return "copydesk.server.path";
    case "path":
      return "PATH";
    case "bundled":
      return "the binary bundled with the extension";
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Read-only documents holding the people table of a story, one per draft. */
class PeopleTables implements vscode.TextDocumentContentProvider {
  private readonly tables = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.tables.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.tables.get(uri.toString()) ?? "Run “copydesk: Show people in this story” from a draft to fill this table.\n";
  }
}

async function showPeople(tables: PeopleTables): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme === PEOPLE_SCHEME) {
    void vscode.window.showInformationMessage("copydesk: open a draft (Markdown or plain text) first.");
    return;
  }
  const doc = editor.document;
  const server = locateServer();
  if (!server) {
    return;
  }
  const saved = doc.uri.scheme === "file" && !doc.isDirty ? doc.uri.fsPath : undefined;
  const invocation = peopleInvocation({ languageId: doc.languageId, savedFilePath: saved, text: doc.getText() });
  let table: string;
  try {
    table = await runPeople(server.command, invocation);
  } catch (err) {
    output.appendLine(errorText(err));
    void vscode.window.showErrorMessage(errorText(err), "Show Output").then((choice) => {
      if (choice === "Show Output") {
        output.show(true);
      }
    });
    return;
  }

  const name = doc.isUntitled ? doc.uri.path : path.basename(doc.uri.fsPath);
  const body = table.trim() === "" ? "(no people found)\n" : table;
  const text = `People in ${name}${doc.isDirty ? " (unsaved changes included)" : ""}\n\n${body}`;
  // One virtual document per draft, named after it; re-running refreshes it.
  const uri = vscode.Uri.from({
    scheme: PEOPLE_SCHEME,
    path: `/${name} (people)`,
    query: doc.uri.toString(),
  });
  tables.set(uri, text);
  const shown = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
}

/** The draft in the editor, if it is one the server checks. */
function activeDraftUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !["markdown", "plaintext"].includes(doc.languageId) || !["file", "untitled"].includes(doc.uri.scheme)) {
    return undefined;
  }
  return doc.uri.toString();
}

/**
 * copydesk.sourceBalance: asks the server for the story's count and, in a
 * workspace, the count of its drafts, and shows both as tables in a page
 * beside the draft. Resolves with the count asked for (the story's, or the
 * workspace's for `scope: "workspace"`).
 */
async function showSourceBalance(args: unknown[], next: ExecuteCommandSignature): Promise<unknown> {
  const request = balanceRequest(args, activeDraftUri() ?? lastBalanceUri);
  if (!request) {
    void vscode.window.showInformationMessage("copydesk: open a draft (Markdown or plain text) first.");
    return undefined;
  }
  let story: StoryCount | undefined;
  let desk: Desk | undefined;
  try {
    story = (await next(SOURCE_BALANCE, [{ uri: request.uri, scope: "story" }])) as StoryCount;
    if (vscode.workspace.workspaceFolders?.length) {
      desk = (await next(SOURCE_BALANCE, [{ uri: request.uri, scope: "workspace" }])) as Desk;
    }
  } catch (err) {
    // vscode-languageclient has shown the server's error already.
    output.appendLine(`copydesk.sourceBalance: ${errorText(err)}`);
    return undefined;
  }
  lastBalanceUri = request.uri;
  const title = `Source balance: ${story?.headline ?? path.basename(vscode.Uri.parse(request.uri).path)}`;
  if (!balancePanel) {
    balancePanel = vscode.window.createWebviewPanel(
      "copydesk.sourceBalance",
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: false, localResourceRoots: [] },
    );
    balancePanel.onDidDispose(() => {
      balancePanel = undefined;
    });
  } else {
    balancePanel.reveal(vscode.ViewColumn.Beside, true);
  }
  balancePanel.title = title;
  balancePanel.webview.html = balancePage(story, desk, balancePanel.webview.cspSource);
  return request.scope === "workspace" ? desk : story;
}
