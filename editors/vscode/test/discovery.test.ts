// Server discovery: setting → PATH → bundled, and the error when none.
// Runs under `node --test` (see test/run.mjs); no VS Code needed.

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";

import { findServer, searchPath, ServerNotFoundError } from "../src/discovery";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-discovery-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** A fresh folder under the temp root. */
function dir(name: string): string {
  const d = path.join(root, `${counter++}-${name}`);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** Writes an executable (or, with mode 0o644, a non-executable) file. */
function binary(folder: string, name: string, mode = 0o755): string {
  const p = path.join(folder, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, "#!/bin/sh\nexit 0\n");
  fs.chmodSync(p, mode);
  return p;
}

/** An extension folder, with or without a bundled server. */
function extension(withBundled: boolean, exe = false): string {
  const ext = dir("extension");
  if (withBundled) {
    binary(ext, path.join("server", exe ? "copydesk.exe" : "copydesk"));
  }
  return ext;
}

const posix = process.platform === "win32" ? it.skip : it;

describe("findServer", () => {
  posix("prefers the setting over PATH and the bundled binary", () => {
    const custom = binary(dir("custom"), "my-copydesk");
    const bin = dir("bin");
    binary(bin, "copydesk");
    const found = findServer({
      configuredPath: custom,
      extensionPath: extension(true),
      env: { PATH: bin },
      platform: "linux",
    });
    assert.deepEqual(found, { command: custom, source: "setting" });
  });

  posix("resolves a relative setting against the workspace folder, and ~ against HOME", () => {
    const ws = dir("workspace");
    const rel = binary(ws, path.join("target", "release", "copydesk"));
    assert.equal(
      findServer({ configuredPath: "target/release/copydesk", workspaceFolder: ws, extensionPath: extension(false), env: { PATH: "" }, platform: "linux" }).command,
      rel,
    );
    const home = dir("home");
    const inHome = binary(home, path.join(".cargo", "bin", "copydesk"));
    assert.equal(
      findServer({ configuredPath: "~/.cargo/bin/copydesk", extensionPath: extension(false), env: { HOME: home, PATH: "" }, platform: "linux" }).command,
      inHome,
    );
  });

  posix("reports a setting that points at nothing instead of falling back", () => {
    const bin = dir("bin");
    binary(bin, "copydesk");
    assert.throws(
      () => findServer({ configuredPath: path.join(root, "nowhere", "copydesk"), extensionPath: extension(true), env: { PATH: bin }, platform: "linux" }),
      (err: unknown) => {
        assert.ok(err instanceof ServerNotFoundError);
        assert.equal(err.badSetting, true);
        assert.match(err.message, /copydesk\.server\.path is set to/);
        assert.match(err.message, /nowhere/);
        return true;
      },
    );
  });

  posix("ignores a blank setting", () => {
    const bin = dir("bin");
    const onPath = binary(bin, "copydesk");
    assert.deepEqual(findServer({ configuredPath: "   ", extensionPath: extension(true), env: { PATH: bin }, platform: "linux" }), {
      command: onPath,
      source: "path",
    });
  });

  posix("uses the first copydesk on PATH, skipping folders without one and non-executable files", () => {
    const empty = dir("empty");
    const notExec = dir("not-exec");
    binary(notExec, "copydesk", 0o644);
    const asDir = dir("as-dir");
    fs.mkdirSync(path.join(asDir, "copydesk"));
    const first = dir("first");
    const second = dir("second");
    const wanted = binary(first, "copydesk");
    binary(second, "copydesk");
    const found = findServer({
      extensionPath: extension(true),
      env: { PATH: [empty, notExec, asDir, first, second].join(":") },
      platform: "linux",
    });
    assert.deepEqual(found, { command: wanted, source: "path" });
  });

  posix("falls back to the binary bundled in server/", () => {
    const ext = extension(true);
    const found = findServer({ extensionPath: ext, env: { PATH: dir("empty") }, platform: "linux" });
    assert.deepEqual(found, { command: path.join(ext, "server", "copydesk"), source: "bundled" });
  });

  it("says how to install the server when there is none", () => {
    assert.throws(
      () => findServer({ extensionPath: extension(false), env: { PATH: dir("empty") }, platform: process.platform }),
      (err: unknown) => {
        assert.ok(err instanceof ServerNotFoundError);
        assert.equal(err.badSetting, false);
        assert.match(err.message, /copydesk#install/);
        assert.match(err.message, /Open VSX/);
        assert.match(err.message, /copydesk\.server\.path/);
        return true;
      },
    );
  });

  it("on Windows, looks for copydesk.exe on Path (any case) with ; separators, then server/copydesk.exe", () => {
    const bin = dir("winbin");
    binary(bin, "copydesk"); // no extension: not what Windows runs
    const exe = binary(bin, "copydesk.exe");
    const ext = extension(true, true);
    assert.deepEqual(findServer({ extensionPath: ext, env: { Path: `${dir("empty")};"${bin}"` }, platform: "win32" }), {
      command: exe,
      source: "path",
    });
    assert.deepEqual(findServer({ extensionPath: ext, env: { Path: dir("empty") }, platform: "win32" }), {
      command: path.join(ext, "server", "copydesk.exe"),
      source: "bundled",
    });
    // A bundled Unix binary is not a Windows one.
    assert.throws(() => findServer({ extensionPath: extension(true, false), env: { Path: "" }, platform: "win32" }), ServerNotFoundError);
  });
});

describe("searchPath", () => {
  it("honours PATHEXT on Windows, .exe first", () => {
    const bin = dir("pathext");
    binary(bin, "copydesk.cmd");
    assert.equal(searchPath("copydesk", { PATH: bin, PATHEXT: ".COM;.CMD" }, true), path.join(bin, "copydesk.cmd"));
    const exe = binary(bin, "copydesk.exe");
    assert.equal(searchPath("copydesk", { PATH: bin, PATHEXT: ".COM;.CMD" }, true), exe);
  });

  it("returns undefined with no PATH at all", () => {
    assert.equal(searchPath("copydesk", {}, false), undefined);
  });
});
