// The same draft gives the same findings from the three ways in: `copydesk
// check --format json`, the language server (publishDiagnostics), and the
// WebAssembly package. Over the bundled example and every fixture.
//
//   COPYDESK_BIN=target/release/copydesk node --test web/test/

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { initSync, analyse } from "../npm/index.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = resolve(repo, process.env.COPYDESK_BIN ?? "target/release/copydesk");
initSync(readFileSync(join(repo, "web/npm/dist/copydesk_wasm_bg.wasm")));

const drafts = [
  "examples/harbour-closure.txt",
  ...readdirSync(join(repo, "tests/fixtures"))
    .filter((f) => f.endsWith(".txt") || f.endsWith(".md"))
    .sort()
    .map((f) => `tests/fixtures/${f}`),
];

const formatOf = (path) => (path.endsWith(".md") ? "markdown" : "plain");

function withoutUtf16(value) {
  if (Array.isArray(value)) return value.map(withoutUtf16);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== "startUtf16" && k !== "endUtf16") out[k] = withoutUtf16(v);
    }
    return out;
  }
  return value;
}

test("the wasm report equals copydesk check --format json, draft by draft", () => {
  assert.ok(drafts.length > 50, `only ${drafts.length} drafts found`);
  // Status 1 means findings, which these drafts have.
  const run = spawnSync(bin, ["check", "--format", "json", ...drafts], { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `copydesk check: status ${run.status}\n${run.stderr}`);
  const cli = run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(cli.length, drafts.length);
  let findings = 0;
  for (const [i, path] of drafts.entries()) {
    const text = readFileSync(join(repo, path), "utf8");
    const { problems, ...wasm } = analyse(text, { format: formatOf(path) });
    assert.deepEqual(problems, []);
    assert.deepEqual(withoutUtf16({ ...wasm, file: path }), cli[i], path);
    findings += wasm.diagnostics.length;
    for (const d of wasm.diagnostics) {
      // The UTF-16 offsets are where JavaScript finds the same text.
      const bytes = Buffer.from(text, "utf8").subarray(d.start, d.end).toString("utf8");
      assert.equal(text.slice(d.startUtf16, d.endUtf16), bytes, `${path}: ${d.code}`);
    }
  }
  assert.ok(findings > 20, `the drafts gave only ${findings} findings`);
});

/** LSP position (UTF-16 line/character) of UTF-16 offset `at`. */
function position(text, at) {
  const before = text.slice(0, at);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return { line, character: at - lineStart };
}

/** A minimal LSP client over the server's stdio. */
function startServer() {
  const child = spawn(bin, ["--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  let buffer = Buffer.alloc(0);
  const waiting = [];
  const received = [];
  child.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
      if (buffer.length < headerEnd + 4 + length) break;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
      buffer = buffer.subarray(headerEnd + 4 + length);
      received.push(message);
      for (const w of waiting.splice(0)) w();
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const until = async (test) => {
    for (;;) {
      const i = received.findIndex(test);
      if (i >= 0) return received.splice(i, 1)[0];
      await new Promise((resolve) => waiting.push(resolve));
    }
  };
  return { child, send, until };
}

test("the wasm diagnostics equal the language server's, draft by draft", { timeout: 120_000 }, async () => {
  const server = startServer();
  try {
    await checkEveryDraft(server);
  } finally {
    server.child.kill();
  }
});

async function checkEveryDraft(server) {
  server.send({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
  await server.until((m) => m.id === 1);
  server.send({ method: "initialized", params: {} });
  for (const path of drafts) {
    const text = readFileSync(join(repo, path), "utf8");
    const uri = `file:///parity/${path}`;
    server.send({
      method: "textDocument/didOpen",
      params: { textDocument: { uri, languageId: path.endsWith(".md") ? "markdown" : "plaintext", version: 1, text } },
    });
    const published = await server.until((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri);
    const fromServer = published.params.diagnostics
      .map((d) => ({ code: d.code, message: d.message, start: d.range.start, end: d.range.end }));
    const fromWasm = analyse(text, { format: formatOf(path) }).diagnostics
      // The server shows the one-line help under the message.
      .map((d) => ({
        code: d.code,
        message: d.help ? `${d.message}\n${d.help}` : d.message,
        start: position(text, d.startUtf16),
        end: position(text, d.endUtf16),
      }));
    const key = (d) => `${d.start.line}:${d.start.character}:${d.code}`;
    assert.deepEqual(fromWasm.sort((a, b) => key(a).localeCompare(key(b))), fromServer.sort((a, b) => key(a).localeCompare(key(b))), path);
    server.send({ method: "textDocument/didClose", params: { textDocument: { uri } } });
  }
  server.send({ id: 2, method: "shutdown" });
  await server.until((m) => m.id === 2);
  server.send({ method: "exit" });
  await new Promise((resolve) => server.child.on("exit", resolve));
}
