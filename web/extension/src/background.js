// The engine, once per browser: content scripts send a text box's text here
// and get the findings back. No network: the wasm comes from the extension.

import { initSync, analyse } from "../../npm/index.js";

const ready = fetch(chrome.runtime.getURL("copydesk_wasm_bg.wasm"))
  .then((response) => response.arrayBuffer())
  .then((bytes) => initSync(bytes));

// The latest check in each tab, for the popup: its speakers and counts. In
// session storage, because the browser stops an idle service worker (and
// its memory) after half a minute; dropped when the tab goes or loads
// another page.
const key = (tab) => `tab:${tab}`;
chrome.tabs.onRemoved.addListener((tab) => chrome.storage.session.remove(key(tab)));
chrome.tabs.onUpdated.addListener((tab, change) => {
  if (change.status === "loading") chrome.storage.session.remove(key(tab));
});

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  handle(message, sender).then(reply, (err) => reply({ error: String(err?.message ?? err) }));
  return true; // the reply comes later
});

async function handle(message, sender) {
  await ready;
  if (message.kind === "check") {
    const report = analyse(message.text, message.options ?? {});
    const tab = sender.tab?.id;
    if (tab !== undefined) {
      await chrome.storage.session.set({ [key(tab)]: {
        host: new URL(sender.url ?? sender.tab.url ?? "about:blank").hostname,
        findings: report.diagnostics.length,
        quotes: report.quotes.length,
        speakers: speakers(report),
      } });
    }
    return { report, tab };
  }
  if (message.kind === "tab") {
    const stored = await chrome.storage.session.get(key(message.tab));
    return stored[key(message.tab)] ?? null;
  }
  throw new Error(`unknown request ${message.kind}`);
}

/** Who is quoted, with how many quotes, in order of first quote. */
function speakers(report) {
  const seen = new Map();
  for (const q of report.quotes) {
    const name = q.speaker?.name ?? "(nobody named)";
    const kind = q.speaker?.kind ?? "unattributed";
    const entry = seen.get(name) ?? { name, kind, quotes: 0 };
    entry.quotes += 1;
    seen.set(name, entry);
  }
  return [...seen.values()];
}
