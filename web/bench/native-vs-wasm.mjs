// The same 10,000-word draft checked by the native binary and by the
// WebAssembly package (in Node's V8, the engine of Chromium), side by side.
//
//   node web/bench/native-vs-wasm.mjs [path/to/copydesk]
//
// The draft is our own writing: the bundled example and the test fixtures,
// one after another until 10,000 words. Native time is `copydesk check
// --format json` on it less the same command on a one-line draft (process
// start and output); wasm time is `analyse` (the
// same check and the same JSON, parsed), after 3 warm-ups. Each is the best of
// 31 runs: the least disturbed by whatever else the machine is doing.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { initSync, analyse } from "../npm/index.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = resolve(process.argv[2] ?? join(repo, "target/release/copydesk"));
const wasmBytes = readFileSync(join(repo, "web/npm/dist/copydesk_wasm_bg.wasm"));
initSync(wasmBytes);

const sources = [
  join(repo, "examples/harbour-closure.txt"),
  ...readdirSync(join(repo, "tests/fixtures")).filter((f) => f.endsWith(".txt")).sort().map((f) => join(repo, "tests/fixtures", f)),
];
let draft = "";
for (let i = 0; draft.split(/\s+/).length < 10_000; i++) {
  draft += readFileSync(sources[i % sources.length], "utf8") + "\n";
}
const words = draft.split(/\s+/).filter(Boolean).length;
const dir = mkdtempSync(join(tmpdir(), "copydesk-bench-"));
const big = join(dir, "draft.txt");
const tiny = join(dir, "tiny.txt");
writeFileSync(big, draft);
writeFileSync(tiny, "One line.\n");

const best = (xs) => Math.min(...xs);
const time = (f) => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e6; };
const runs = 31;
const native = (file) => best(Array.from({ length: runs }, () => time(() => {
  const r = spawnSync(bin, ["check", "--format", "json", file], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`copydesk check: status ${r.status}: ${r.stderr}`);
})));
const nativeMs = native(big) - native(tiny);
for (let i = 0; i < 3; i++) analyse(draft);
const wasmMs = best(Array.from({ length: runs }, () => time(() => analyse(draft))));

const report = {
  words,
  bytes: Buffer.byteLength(draft),
  native_ms: +nativeMs.toFixed(2),
  wasm_ms: +wasmMs.toFixed(2),
  wasm_over_native: +(wasmMs / nativeMs).toFixed(2),
  wasm_bytes: wasmBytes.length,
  wasm_gzip_bytes: gzipSync(wasmBytes, { level: 9 }).length,
};
console.log(JSON.stringify(report));
if (process.env.COPYDESK_WASM_MAX_RATIO && report.wasm_over_native > Number(process.env.COPYDESK_WASM_MAX_RATIO)) {
  console.error(`wasm is ${report.wasm_over_native}× native, over the limit of ${process.env.COPYDESK_WASM_MAX_RATIO}×`);
  process.exit(1);
}
