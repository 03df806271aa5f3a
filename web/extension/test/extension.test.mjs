// The extension in real Chromium (Debian's, headless, driven by
// playwright-core), on local pages with a textarea, a contenteditable and a
// ProseMirror editor: type a draft with an unattributed quote and a
// bare-surname slip → both underlined in the overlay, the page's text
// untouched; hover → the finding's card; apply the fix → the text changes;
// the popup lists who is quoted and switches the site off.
//
//   node --test web/extension/test/extension.test.mjs   (after npm run build there)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS, PARAGRAPHS, serveFolder } from "../../testing/support.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "../dist");
const pages = join(here, "pages");
const artefacts = join(here, "../artefacts");

let server;
let context;
let base;
let extensionId;
const requests = [];

before(async () => {
  assert.ok(existsSync(join(dist, "manifest.json")), "build the extension first (npm run build in web/extension)");
  mkdirSync(artefacts, { recursive: true });
  await build({
    entryPoints: [join(pages, "prosemirror-entry.js")], bundle: true, format: "iife",
    outfile: join(pages, "prosemirror.js"), logLevel: "warning",
  });
  ({ server, base } = await serveFolder(pages));
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "copydesk-ext-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`],
  });
  context.on("request", (r) => requests.push(r.url()));
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent("serviceworker", { timeout: 20_000 });
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await context?.close();
  server?.close();
});

async function typeInto(page, kind) {
  await page.locator(kind === "prosemirror" ? "#box .ProseMirror" : "#box").click();
  if (kind === "textarea") {
    await page.keyboard.insertText(PARAGRAPHS.join("\n\n"));
    return;
  }
  for (const [i, paragraph] of PARAGRAPHS.entries()) {
    await page.keyboard.insertText(paragraph);
    if (i < PARAGRAPHS.length - 1) await page.keyboard.press("Enter");
  }
}

async function editorText(page, kind) {
  return page.evaluate((kind) => {
    if (kind === "textarea") return document.querySelector("#box").value;
    if (kind === "prosemirror") return window.pmView.state.doc.textBetween(0, window.pmView.state.doc.content.size, "\n\n");
    return document.querySelector("#box").innerText.replace(/\n+/g, "\n\n").trim();
  }, kind);
}

const findings = (page) => page.evaluate(() => document.querySelector("copydesk-overlay")?.dataset.findings ?? "");

/** Rests the mouse on the text above the underline of `code`. */
async function hoverFinding(page, code) {
  const box = await page.locator(`copydesk-overlay .line[data-code="${code}"]`).first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y - 6, { steps: 3 });
}

for (const kind of ["textarea", "contenteditable", "prosemirror"]) {
  test(`${kind}: underlines, the card, and the fix`, async () => {
    const page = await context.newPage();
    page.on("pageerror", (e) => console.log(`${kind} page error: ${e.message}`));
    await page.goto(`${base}/${kind}.html`);
    await typeInto(page, kind);
    await page.waitForFunction(
      () => /inconsistent-reference/.test(document.querySelector("copydesk-overlay")?.dataset.findings ?? "")
        && /unattributed-quote/.test(document.querySelector("copydesk-overlay")?.dataset.findings ?? ""),
      null, { timeout: 20_000 });
    assert.deepEqual((await findings(page)).split(" ").sort(), ["inconsistent-reference", "unattributed-quote"]);
    assert.ok(await page.locator("copydesk-overlay .line").count() >= 2);
    // The overlay only draws: the page's text is exactly what was typed.
    assert.equal(await editorText(page, kind), PARAGRAPHS.join("\n\n"));
    await page.screenshot({ path: join(artefacts, `extension-${kind}.png`) });

    await hoverFinding(page, "unattributed-quote");
    const card = page.locator("copydesk-overlay .card");
    await card.waitFor({ timeout: 10_000 });
    assert.match(await card.textContent(), /has no speaker/);

    await page.mouse.move(5, 5);
    await hoverFinding(page, "inconsistent-reference");
    const fix = page.locator("copydesk-overlay .card button", { hasText: "Change to" });
    await fix.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(artefacts, `extension-${kind}-card.png`) });
    await fix.click();
    await page.waitForFunction(
      () => !/inconsistent-reference/.test(document.querySelector("copydesk-overlay")?.dataset.findings ?? ""),
      null, { timeout: 10_000 });
    assert.match(await editorText(page, kind), /Ms Olawale said the heating had been replaced\./);

    // A fix of two edits: the full stop inside the quote becomes a comma,
    // and the attribution is added after it.
    await page.mouse.move(5, 5);
    await hoverFinding(page, "unattributed-quote");
    const add = page.locator("copydesk-overlay .card button", { hasText: "[who] said" });
    await add.waitFor({ timeout: 10_000 });
    await add.click();
    // `[who]` is a placeholder for the reporter to fill, so the finding
    // stays; the text is what changes.
    assert.match(await editorText(page, kind), /“Worth the wait,” \[who\] said\.$/);
    await page.close();
  });
}

test("the popup lists who is quoted, and switches the site off and on", async () => {
  const page = await context.newPage();
  await page.goto(`${base}/textarea.html`);
  await typeInto(page, "textarea");
  await page.waitForFunction(() => (document.querySelector("copydesk-overlay")?.dataset.findings ?? "") !== "", null, { timeout: 20_000 });
  const tab = await page.evaluate(() => document.querySelector("copydesk-overlay").dataset.tab);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tab}`);
  await popup.locator("#speakers li").first().waitFor({ timeout: 10_000 });
  const speakers = await popup.locator("#speakers").textContent();
  assert.match(speakers, /Ruth Olawale — 1 quote/);
  assert.match(await popup.locator("#summary").textContent(), /2 findings/);
  await popup.screenshot({ path: join(artefacts, "extension-popup.png") });

  await popup.locator("#site").uncheck();
  await page.waitForFunction(() => document.querySelector("copydesk-overlay").shadowRoot.querySelectorAll(".line").length === 0,
    null, { timeout: 10_000 });
  await popup.locator("#site").check();
  await page.locator("#box").focus();
  await page.waitForFunction(() => document.querySelector("copydesk-overlay").shadowRoot.querySelectorAll(".line").length >= 2,
    null, { timeout: 10_000 });
  await popup.close();
  await page.close();
});

test("no request leaves the machine: only the local test pages and the extension itself", () => {
  const elsewhere = requests.filter((url) => !url.startsWith(base) && !url.startsWith(`chrome-extension://${extensionId}/`));
  assert.deepEqual(elsewhere, []);
  // And the requests were being recorded: the test pages were among them.
  for (const kind of ["textarea", "contenteditable", "prosemirror"]) {
    assert.ok(requests.includes(`${base}/${kind}.html`), `${kind}.html not seen: ${requests.join(", ")}`);
  }
});
