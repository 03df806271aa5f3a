// The copydesk extension: starts the copydesk language server for Markdown
// and plain-text drafts, forwards the settings, and adds three commands.

import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { findServer, type FoundServer, ServerNotFoundError } from "./discovery";
import { peopleInvocation, runPeople } from "./people";
import { serverSettings } from "./settings";

const SECTION = "copydesk";
const PEOPLE_SCHEME = "copydesk-people";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionContext: vscode.ExtensionContext;

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
