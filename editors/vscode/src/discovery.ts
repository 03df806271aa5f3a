// Finding the copydesk binary. Kept free of the 'vscode' module so that it
// can be tested with node's own test runner, without an editor.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where the server binary was found. */
export type ServerSource = "setting" | "path" | "bundled";

export interface FoundServer {
  command: string;
  source: ServerSource;
}

export interface DiscoveryInput {
  /** The `copydesk.server.path` setting; empty or undefined when unset. */
  configuredPath?: string;
  /** The extension's install folder (holds `server/` when a binary is bundled). */
  extensionPath: string;
  /** Environment to read PATH (and PATHEXT on Windows) from. */
  env?: NodeJS.ProcessEnv;
  /** `process.platform`; injectable for tests. */
  platform?: NodeJS.Platform;
  /** Folder a relative `copydesk.server.path` is resolved against (the first workspace folder). */
  workspaceFolder?: string;
}

/** Raised when no server binary can be found; the message says how to fix it. */
export class ServerNotFoundError extends Error {
  constructor(
    message: string,
    /** True when the setting points at something that is not there. */
    readonly badSetting: boolean,
  ) {
    super(message);
    this.name = "ServerNotFoundError";
  }
}

export const INSTALL_HINT =
  "Install the extension's build for your platform from the Marketplace or Open VSX (it carries the server), " +
  "or install the server itself (one command, Homebrew or cargo binstall: https://github.com/copydesk/copydesk#install), " +
  "or set `copydesk.server.path` to the binary.";

/**
 * Finds the server: the `copydesk.server.path` setting, else `copydesk` on
 * PATH, else the binary bundled in the extension's `server/` folder.
 *
 * A setting that points at nothing is an error rather than a reason to fall
 * back: the user asked for that binary, and silently running another one
 * would hide the mistake.
 */
export function findServer(input: DiscoveryInput): FoundServer {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const windows = platform === "win32";

  const configured = input.configuredPath?.trim();
  if (configured) {
    const resolved = resolveConfigured(configured, input.workspaceFolder, env);
    if (isExecutableFile(resolved, windows)) {
      return { command: resolved, source: "setting" };
    }
    throw new ServerNotFoundError(
      `copydesk.server.path is set to “${configured}”, but there is no executable file at ${resolved}. ` +
        "Fix the setting, or clear it to use `copydesk` from PATH.",
      true,
    );
  }

  const onPath = searchPath("copydesk", env, windows);
  if (onPath) {
    return { command: onPath, source: "path" };
  }

  const bundled = path.join(input.extensionPath, "server", windows ? "copydesk.exe" : "copydesk");
  if (isExecutableFile(bundled, windows)) {
    return { command: bundled, source: "bundled" };
  }

  throw new ServerNotFoundError(
    `The copydesk language server was not found: no copydesk.server.path setting, no \`copydesk\` on PATH, and no binary bundled with the extension. ${INSTALL_HINT}`,
    false,
  );
}

/** Expands `~` and resolves a relative setting against the workspace folder. */
function resolveConfigured(p: string, workspaceFolder: string | undefined, env: NodeJS.ProcessEnv): string {
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
    const home = env.HOME || env.USERPROFILE || os.homedir();
    p = path.join(home, p.slice(1));
  }
  if (!path.isAbsolute(p) && workspaceFolder) {
    p = path.join(workspaceFolder, p);
  }
  return path.resolve(p);
}

/** Looks `name` up on PATH, as a shell would (with PATHEXT on Windows). */
export function searchPath(name: string, env: NodeJS.ProcessEnv, windows: boolean): string | undefined {
  // Windows environments spell it `Path`; lookups there are case-insensitive.
  const pathVar = windows
    ? Object.keys(env).find((k) => k.toUpperCase() === "PATH")
    : "PATH";
  const dirs = (pathVar ? env[pathVar] ?? "" : "").split(windows ? ";" : ":").filter((d) => d !== "");
  const names = windows ? windowsNames(name, env) : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(stripQuotes(dir), n);
      if (isExecutableFile(candidate, windows)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function windowsNames(name: string, env: NodeJS.ProcessEnv): string[] {
  const exts = (env.PATHEXT || ".EXE;.CMD;.BAT;.COM")
    .split(";")
    .map((e) => e.toLowerCase())
    .filter((e) => e !== "");
  // `.exe` first: it is what `cargo install` produces.
  const ordered = [".exe", ...exts.filter((e) => e !== ".exe")];
  return ordered.map((e) => name + e);
}

function stripQuotes(dir: string): string {
  return dir.length >= 2 && dir.startsWith('"') && dir.endsWith('"') ? dir.slice(1, -1) : dir;
}

function isExecutableFile(p: string, windows: boolean): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    if (!windows) {
      fs.accessSync(p, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
