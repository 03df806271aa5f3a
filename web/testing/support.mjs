// What the page's and the extension's browser tests share: a static server
// for a folder, how Debian's Chromium is started, and the draft they type.

import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".map": "application/json",
};

/** Serves `folder` on a free loopback port; `/` is index.html. */
export async function serveFolder(folder) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^([/\\])+/, "");
    const file = join(folder, path === "" ? "index.html" : path);
    if (!file.startsWith(folder) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** Debian's Chromium (or COPYDESK_CHROMIUM), and the flags that keep it off
 * the network: as root, headless, nothing fetched in the background. */
export const CHROMIUM = process.env.COPYDESK_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Our own draft, as paragraphs: a full name with a role, titled twice,
 * then bare once (inconsistent-reference), and a quote standing alone with
 * nobody named for it (unattributed-quote). Curly quotes and an emoji (two
 * UTF-16 units, four UTF-8 bytes) come before every finding, so byte and
 * UTF-16 offsets differ where it matters. */
export const PARAGRAPHS = [
  "Lido to reopen in May 🏊",
  "Ruth Olawale, the borough’s leisure manager, said the pool was “ready at last”.",
  "Ms Olawale said tickets would go on sale next week, and Ms Olawale expects queues.",
  "Olawale said the heating had been replaced.",
  "By Sunday the gates were painted. “Worth the wait.”",
];
