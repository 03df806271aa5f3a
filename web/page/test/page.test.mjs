// The page in real Chromium (Debian's, driven by playwright-core): type a
// draft with an unattributed quote and a bare-surname slip, see both
// underlined; hover a name for the role; apply a fix and see the text change.
// Screenshots go to web/page/artefacts/.
//
//   node --test web/page/test/      (after web/build.sh and npm run build)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS, PARAGRAPHS, serveFolder } from "../../testing/support.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "../dist");
const artefacts = join(here, "../artefacts");

let server;
let browser;
let page;
let base;
const requests = [];

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), "build the page first (npm run build in web/page)");
  mkdirSync(artefacts, { recursive: true });
  ({ server, base } = await serveFolder(dist));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
  await page.goto(`${base}/`);
  await page.locator(".cm-content").waitFor();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const DRAFT = `${PARAGRAPHS.join("\n\n")}\n`;

async function typeDraft() {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // The headline typed key by key, the rest pasted in: both are edits.
  await page.keyboard.type(DRAFT.split("\n")[0]);
  await page.keyboard.insertText(DRAFT.slice(DRAFT.indexOf("\n")));
}

async function codesUnderlined() {
  return page.evaluate(() => (window.copydesk.report?.diagnostics ?? []).map((d) => d.code).sort());
}

test("typing a draft underlines the unattributed quote and the bare surname", async () => {
  await typeDraft();
  await page.waitForFunction(() => document.querySelectorAll(".cm-lintRange-warning").length >= 2, null, { timeout: 20_000 });
  assert.deepEqual(await codesUnderlined(), ["inconsistent-reference", "unattributed-quote"]);
  const underlined = await page.locator(".cm-lintRange-warning").allTextContents();
  assert.ok(underlined.includes("“Worth the wait.”"), underlined.join(" | "));
  assert.ok(underlined.includes("Olawale"), underlined.join(" | "));
  assert.match(await page.locator("#status").textContent(), /2 findings/);
  const speakers = await page.locator("#outline").textContent();
  assert.match(speakers, /Ruth Olawale/);
  await page.screenshot({ path: join(artefacts, "page-findings.png") });
});

/** Moves the mouse onto the middle of `needle`'s `n`th occurrence. */
async function hoverText(needle, n = 0) {
  const at = await page.evaluate(([needle, n]) => {
    const text = window.copydesk.view.state.doc.toString();
    let i = -1;
    for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
    const a = window.copydesk.view.coordsAtPos(i + 1);
    const b = window.copydesk.view.coordsAtPos(i + needle.length - 1);
    return { x: (a.left + b.right) / 2, y: (a.top + a.bottom) / 2 };
  }, [needle, n]);
  await page.mouse.move(0, 0);
  await page.mouse.move(at.x, at.y, { steps: 4 });
  // Then rest there, as a hand would after a tooltip has just closed:
  // CodeMirror starts its hover timer on a move inside the editor.
  await page.waitForTimeout(500);
  await page.mouse.move(at.x + 3, at.y, { steps: 3 });
}

test("hovering a name shows who they are and their role", async () => {
  await hoverText("Ruth Olawale");
  const card = page.locator(".copydesk-hover");
  await card.waitFor({ timeout: 10_000 });
  const text = await card.textContent();
  assert.match(text, /Ruth Olawale/);
  assert.match(text, /leisure manager/);
  await page.screenshot({ path: join(artefacts, "page-hover.png") });
});

test("applying the fix from the findings panel changes the text, and the finding goes", async () => {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Shift+M");
  const fix = page.locator(".cm-panel-lint .cm-diagnosticAction", { hasText: "Change to" });
  await fix.first().waitFor({ timeout: 10_000 }).catch(async (err) => {
    await page.screenshot({ path: join(artefacts, "fail-fix.png") });
    throw err;
  });
  await page.screenshot({ path: join(artefacts, "page-fix.png") });
  // An edit above the finding just before the click, too soon for a new
  // check: the fix must follow the words it is about.
  await page.evaluate(() => window.copydesk.view.dispatch({ changes: { from: 0, insert: "UPDATED: " } }));
  await fix.first().click();
  const text = await page.evaluate(() => window.copydesk.view.state.doc.toString());
  assert.match(text, /^UPDATED: Lido/);
  assert.match(text, /\n\nMs Olawale said the heating/);
  await page.waitForFunction(
    () => !(window.copydesk.report?.diagnostics ?? []).some((d) => d.code === "inconsistent-reference"),
    null, { timeout: 10_000 });
  assert.deepEqual(await codesUnderlined(), ["unattributed-quote"]);
});

test("a rule switched off in the settings stops underlining", async () => {
  await page.selectOption('select[name="unattributed-quote"]', "off");
  await page.waitForFunction(() => (window.copydesk.report?.diagnostics ?? []).length === 0, null, { timeout: 10_000 });
  await page.selectOption('select[name="unattributed-quote"]', "warning");
  await page.waitForFunction(() => (window.copydesk.report?.diagnostics ?? []).length === 1, null, { timeout: 10_000 });
});

test("the draft never leaves the browser: every request is to the page's own server", () => {
  const elsewhere = requests.filter((url) => !url.startsWith(base));
  assert.deepEqual(elsewhere, []);
  assert.ok(requests.some((url) => url.endsWith(".wasm")), "the engine was loaded");
});
