// copydesk in any page: the text box being written in is checked as the
// reporter types, and the findings are drawn in an overlay above it. The
// page's text is never touched until the reporter applies a fix.

import { editableRoot, readText, domRange, isTextarea, textareaRects } from "./textmap.js";

const STYLE = `
  :host { all: initial; }
  .line { position: fixed; height: 3px; pointer-events: none; z-index: 2147483646;
          background: repeating-linear-gradient(135deg, var(--c) 0 2px, transparent 2px 4px); }
  .error { --c: #d1242f; } .warning { --c: #d4a72c; } .info { --c: #0969da; } .hint { --c: #8c959f; }
  .card { position: fixed; z-index: 2147483647; max-width: 26rem; background: #fff; color: #1d2430;
          border: 1px solid #c9ced6; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.15);
          font: 14px/1.45 system-ui, sans-serif; padding: .5rem .7rem; pointer-events: auto; }
  .card .code { color: #667; font-size: 12px; }
  .card .help { color: #445; margin-top: .2rem; }
  .card button { margin: .4rem .4rem 0 0; font: inherit; font-size: 13px; padding: .15rem .5rem;
                 border: 1px solid #1d3557; border-radius: 4px; background: #1d3557; color: #fff; cursor: pointer; }
`;

let settings = { disabledSites: [], style: "auto", severity: {}, format: "plain" };
let active = null; // { root, findings, checkedText, timer, observer }
let host = null; // the overlay's shadow root
let card = null;
let hideTimer = 0;

async function loadSettings() {
  settings = { ...settings, ...(await chrome.storage.local.get(["disabledSites", "style", "severity", "format"])) };
}

function enabledHere() {
  return !(settings.disabledSites ?? []).includes(location.hostname);
}

function overlay() {
  if (host) return host;
  const el = document.createElement("copydesk-overlay");
  el.style.cssText = "position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646;";
  host = el.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  host.append(style);
  document.documentElement.append(el);
  return host;
}

// --- checking ---------------------------------------------------------------

function schedule(root) {
  if (!enabledHere()) return;
  if (active?.root !== root) attach(root);
  clearTimeout(active.timer);
  active.timer = setTimeout(() => check(root), 300);
}

/** Starts following a text box: its edits, including those that fire no
 * input event (ProseMirror's paste, drop and undo). */
function attach(root) {
  active?.observer?.disconnect();
  active = { root, findings: [], checkedText: null, timer: 0, observer: null };
  if (!isTextarea(root)) {
    active.observer = new MutationObserver(() => edited(root));
    active.observer.observe(root, { subtree: true, childList: true, characterData: true });
  }
}

/** The text changed: what was found is about other text now, so it goes
 * (underlines and card) until the next check. */
function edited(root) {
  if (active?.root === root && active.findings.length) {
    active.findings = [];
    card?.remove();
    card = null;
    draw();
  }
  schedule(root);
}

async function check(root) {
  const { text } = readText(root);
  const answer = await chrome.runtime.sendMessage({
    kind: "check",
    text,
    options: { format: settings.format, style: settings.style, severity: settings.severity },
  });
  if (!answer || answer.error || active?.root !== root) return;
  if (readText(root).text !== text) return; // typed since: a newer check follows
  active.findings = answer.report.diagnostics;
  active.checkedText = text;
  overlay().host.dataset.tab = String(answer.tab ?? "");
  overlay().host.dataset.findings = answer.report.diagnostics.map((d) => d.code).join(" ");
  draw();
}

// --- drawing ----------------------------------------------------------------

function draw() {
  const shadow = overlay();
  shadow.querySelectorAll(".line").forEach((el) => el.remove());
  if (!active || !enabledHere()) return;
  const { root, findings } = active;
  let rects;
  if (isTextarea(root)) {
    rects = textareaRects(root, findings.map((d) => [d.startUtf16, d.endUtf16]));
  } else {
    const map = readText(root);
    rects = findings.map((d) => {
      const range = domRange(map, d.startUtf16, d.endUtf16);
      return range ? [...range.getClientRects()] : [];
    });
  }
  findings.forEach((d, i) => {
    d.rects = rects[i];
    for (const r of d.rects) {
      const line = document.createElement("div");
      line.className = `line ${d.severity}`;
      line.dataset.code = d.code;
      Object.assign(line.style, { left: `${r.left}px`, top: `${r.bottom - 2}px`, width: `${Math.max(r.right - r.left, 4)}px` });
      shadow.append(line);
    }
  });
}

/** At most one redraw per frame, for scrolling. */
let frame = 0;
function drawSoon() {
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  }
}

// --- the card: the finding under the mouse, and its fixes ---------------------

function findingAt(x, y) {
  return active?.findings.find((d) =>
    (d.rects ?? []).some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 3));
}

function showCard(d) {
  const shadow = overlay();
  card?.remove();
  card = document.createElement("div");
  card.className = "card";
  card.setAttribute("role", "tooltip");
  const message = document.createElement("div");
  message.textContent = d.message;
  const code = document.createElement("div");
  code.className = "code";
  code.textContent = `copydesk · ${d.code}`;
  card.append(message);
  if (d.help) {
    const help = document.createElement("div");
    help.className = "help";
    help.textContent = d.help;
    card.append(help);
  }
  card.append(code);
  for (const fix of d.fixes ?? []) {
    const button = document.createElement("button");
    button.textContent = fix.title;
    button.onclick = () => applyFix(fix);
    card.append(button);
  }
  const r = d.rects[0];
  Object.assign(card.style, { left: `${r.left}px`, top: `${r.bottom + 4}px` });
  card.onmouseenter = () => clearTimeout(hideTimer);
  card.onmouseleave = () => hideCardSoon();
  card.dataset.code = d.code;
  card.finding = d;
  shadow.append(card);
}

function hideCardSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    card?.remove();
    card = null;
  }, 400);
}

/** Applies a fix's edits, last first, the way typing would (so the
 * editor's undo takes it back). */
function applyFix(fix) {
  const root = active?.root;
  if (!root) return;
  card?.remove();
  card = null;
  // The edits are offsets into the text that was checked.
  if (readText(root).text !== active.checkedText) {
    schedule(root);
    return;
  }
  const edits = [...fix.edits].sort((a, b) => b.startUtf16 - a.startUtf16);
  root.focus();
  for (const e of edits) {
    if (isTextarea(root)) {
      root.setSelectionRange(e.startUtf16, e.endUtf16);
      if (!document.execCommand("insertText", false, e.insert)) {
        root.setRangeText(e.insert, e.startUtf16, e.endUtf16, "end");
        root.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: e.insert }));
      }
    } else {
      // Through the editor's own input handling (ProseMirror listens), with
      // the range selected: insertText replaces it.
      const range = domRange(readText(root), e.startUtf16, e.endUtf16);
      if (!range) continue;
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("insertText", false, e.insert);
    }
  }
  schedule(root);
}

// --- events -----------------------------------------------------------------

document.addEventListener("focusin", (event) => {
  const root = editableRoot(event.target);
  if (root) schedule(root);
}, true);
document.addEventListener("input", (event) => {
  const root = editableRoot(event.target);
  if (root) edited(root);
}, true);
document.addEventListener("scroll", () => drawSoon(), { capture: true, passive: true });
window.addEventListener("resize", () => drawSoon(), { passive: true });
document.addEventListener("mousemove", (event) => {
  if (!active || card?.matches(":hover")) return;
  const d = findingAt(event.clientX, event.clientY);
  if (d) {
    clearTimeout(hideTimer);
    if (card?.finding !== d || !card.isConnected) showCard(d);
  } else if (card) {
    hideCardSoon();
  }
}, { passive: true });

chrome.storage.onChanged.addListener(async () => {
  await loadSettings();
  if (active) {
    if (enabledHere()) schedule(active.root);
    else {
      active.findings = [];
      draw();
    }
  }
});

loadSettings();
