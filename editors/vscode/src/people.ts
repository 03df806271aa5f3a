// How to run `copydesk people` for a document. No 'vscode' import.

import { execFile } from "node:child_process";

export interface PeopleDocument {
  /** The editor's language id (`markdown`, `plaintext`, ...). */
  languageId: string;
  /** A file on disk whose saved contents are what the editor shows. */
  savedFilePath?: string;
  /** The text in the editor, used when there is no saved file to read. */
  text: string;
}

export interface PeopleInvocation {
  args: string[];
  /** Text for standard input, when the draft is passed as `-`. */
  stdin?: string;
}

/**
 * The command line for a document. The input format always follows the
 * editor's language, as the language server does, so the table matches the
 * diagnostics. A saved file is read from disk; an untitled or modified
 * document is passed on standard input.
 */
export function peopleInvocation(doc: PeopleDocument): PeopleInvocation {
  const format = doc.languageId === "markdown" ? "markdown" : "plain";
  if (doc.savedFilePath) {
    return { args: ["people", "--input-format", format, doc.savedFilePath] };
  }
  return { args: ["people", "--input-format", format, "-"], stdin: doc.text };
}

/** Runs the invocation; resolves with stdout, rejects with the server's stderr. */
export function runPeople(command: string, inv: PeopleInvocation, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      inv.args,
      { encoding: "utf8", timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const detail = (stderr || error.message).trim();
          reject(new Error(`copydesk ${inv.args.join(" ")} failed: ${detail}`));
        } else {
          resolve(stdout);
        }
      },
    );
    child.stdin?.on("error", () => {
      // The process may exit before reading everything (a usage error); the
      // exit callback above reports it.
    });
    child.stdin?.end(inv.stdin ?? "");
  });
}
