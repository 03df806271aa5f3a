// Compiles the tests with esbuild into a temp folder and runs them with
// node's built-in test runner. No VS Code is needed: the modules under test
// do not import 'vscode'.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tests = fs
  .readdirSync(path.join(here, "test"))
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => path.join(here, "test", f));
const out = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-vscode-test-"));
try {
  await build({
    entryPoints: tests,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node18",
    outdir: out,
    outExtension: { ".js": ".mjs" },
    external: ["vscode"],
    logLevel: "warning",
  });
  const files = fs.readdirSync(out).filter((f) => f.endsWith(".mjs")).map((f) => path.join(out, f));
  const run = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], {
    stdio: "inherit",
    env: { ...process.env, COPYDESK_VSCODE_DIR: here },
  });
  process.exitCode = run.status ?? 1;
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
