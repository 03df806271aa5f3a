// The popup: who is quoted in the text box last checked on this tab, this
// site on or off, and the rule and style settings (kept in storage; every
// tab's content script reads them).

import { RULES, STYLES, addSelect, levelOptions } from "../../page/src/settings.js";

async function currentTab() {
  // The tests open the popup as a page and name the tab they mean.
  const named = new URLSearchParams(location.search).get("tab");
  if (named) return Number(named);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function main() {
  const tabId = await currentTab();
  const story = tabId === undefined ? null : await chrome.runtime.sendMessage({ kind: "tab", tab: tabId });
  const settings = await chrome.storage.local.get({ disabledSites: [], style: "auto", severity: {} });

  if (story) {
    document.getElementById("summary").textContent =
      `${story.findings} finding${story.findings === 1 ? "" : "s"}, ${story.quotes} quote${story.quotes === 1 ? "" : "s"}.`;
    const list = document.getElementById("speakers");
    for (const s of story.speakers) {
      const li = document.createElement("li");
      li.textContent = `${s.name} — ${s.quotes} quote${s.quotes === 1 ? "" : "s"}`;
      li.dataset.kind = s.kind;
      list.append(li);
    }
    document.getElementById("host").textContent = story.host || "this site";
  }

  const site = document.getElementById("site");
  site.checked = !story || !settings.disabledSites.includes(story.host);
  site.disabled = !story;
  site.onchange = async () => {
    const { disabledSites = [] } = await chrome.storage.local.get("disabledSites");
    const others = disabledSites.filter((h) => h !== story.host);
    await chrome.storage.local.set({ disabledSites: site.checked ? others : [...others, story.host] });
  };

  const form = document.getElementById("settings");
  addSelect(form, "House style", "style", STYLES, settings.style, (style) => chrome.storage.local.set({ style }));
  for (const [code, what, level] of RULES) {
    addSelect(form, what, code, levelOptions(level), settings.severity[code] ?? level, async (value) => {
      const { severity = {} } = await chrome.storage.local.get("severity");
      await chrome.storage.local.set({ severity: { ...severity, [code]: value } });
    });
  }
}

main();
