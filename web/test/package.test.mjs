// The npm package's own surface: loading, options and their errors, and the
// editor questions (hover, outline, actions) in JavaScript's offsets.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { initSync, analyse, open, version } from "../npm/index.js";

const here = dirname(fileURLToPath(import.meta.url));
initSync(readFileSync(join(here, "../npm/dist/copydesk_wasm_bg.wasm")));

// Our own draft: a named speaker with a role, a bare-surname slip, and an
// unattributed quote after an emoji (two UTF-16 units, four bytes).
const DRAFT = [
  "Pier repairs begin 🚧",
  "",
  "Dora Vine, the council’s harbour engineer, said the work was “overdue by a decade”.",
  "",
  "Ms Vine said the pier would reopen in June, and Ms Vine expects crowds.",
  "",
  "Vine said the budget held.",
  "",
  "By noon the scaffolding was up. “About time too.”",
  "",
].join("\n");

test("version is the crate's", () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("analyse gives the findings with offsets JavaScript can slice by", () => {
  const report = analyse(DRAFT);
  assert.deepEqual(report.problems, []);
  const codes = report.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes, ["inconsistent-reference", "unattributed-quote"]);
  for (const d of report.diagnostics) {
    assert.ok(d.startUtf16 < d.start, "the emoji is 4 bytes, 2 units");
  }
  const quote = report.diagnostics.find((d) => d.code === "unattributed-quote");
  assert.equal(DRAFT.slice(quote.startUtf16, quote.endUtf16), "“About time too.”");
  const vine = report.people.find((p) => p.name === "Dora Vine");
  assert.ok(vine, JSON.stringify(report.people));
  assert.deepEqual(vine.roles, ["council’s harbour engineer"]);
});

test("options switch rules off, set the style, and report what they cannot use", () => {
  const quiet = analyse(DRAFT, { severity: { "unattributed-quote": "off" }, style: "surname" });
  assert.ok(quiet.diagnostics.length > 0);
  for (const d of quiet.diagnostics) {
    assert.equal(d.code, "inconsistent-reference", "surname style wants `Vine`");
    assert.equal(DRAFT.slice(d.startUtf16, d.endUtf16), "Ms Vine");
  }
  const bad = analyse(DRAFT, { style: "loud" });
  assert.equal(bad.problems.length, 1);
  assert.match(bad.problems[0], /style/);
  assert.throws(() => analyse(DRAFT, { format: "docx" }), /options\.format/);
  assert.throws(() => analyse(42), /must be a string/);
});

test("a kept draft answers hover, outline and actions", () => {
  const draft = open(DRAFT);
  try {
    const at = DRAFT.indexOf("Dora Vine");
    const hover = draft.hover(at + 2);
    assert.match(hover.markdown, /harbour engineer/);
    assert.equal(DRAFT.slice(hover.startUtf16, hover.endUtf16), "Dora Vine");
    assert.equal(draft.hover(1), null);

    const names = draft.outline().map((n) => n.name);
    assert.ok(names.includes("Dora Vine"), names.join(", "));

    const slip = DRAFT.indexOf("Vine said the budget");
    const actions = draft.actions(slip);
    const fix = actions.find((a) => a.kind === "quickfix");
    assert.ok(fix, JSON.stringify(actions));
    let fixed = DRAFT;
    for (const e of [...fix.edits].reverse()) {
      fixed = fixed.slice(0, e.startUtf16) + e.insert + fixed.slice(e.endUtf16);
    }
    assert.match(fixed, /Ms Vine said the budget held/);
    assert.throws(() => draft.hover(-1), RangeError);
  } finally {
    draft.free();
  }
});
