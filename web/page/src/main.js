// copydesk in a web page: a CodeMirror 6 editor whose findings come from the
// copydesk engine (WebAssembly, in a Web Worker). Nothing leaves the
// browser; the draft and the settings are kept in localStorage.

import { EditorState, StateEffect } from "@codemirror/state";
import { EditorView, keymap, hoverTooltip, lineNumbers, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { linter, lintGutter, lintKeymap } from "@codemirror/lint";

import { renderMarkdown } from "./markdown.js";
import { RULES, loadSettings, saveSettings, settingsForm } from "./settings.js";

const DRAFT_KEY = "copydesk.draft";
const SAMPLE = `Ferry timetable cut for winter

Ailsa Crane, the island council's transport convener, said the new timetable was "a lifeline cut in half".

Ms Crane said the council would appeal, and Ms Crane expects a reply by March.

Crane said islanders had not been asked.

By dusk the pier was empty. "Nobody told us."
`;

// --- the worker -------------------------------------------------------------

const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
let nextId = 1;
const pending = new Map();
worker.onmessage = ({ data }) => {
  pending.get(data.id)?.(data);
  pending.delete(data.id);
};
function ask(message) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, ...message });
  });
}

// --- state ------------------------------------------------------------------

let settings = loadSettings();
let checkedVersion = 0;
let checkedText = null; // the text the latest findings are about
let docVersion = 0;
// Dispatched when the settings change: the findings are recomputed though
// the text is the same.
const settingsChanged = StateEffect.define();
const recheck = (view) => view.dispatch({ effects: settingsChanged.of(null) });
const status = document.getElementById("status");
const outlinePane = document.getElementById("outline");

function options() {
  return { format: settings.format, style: settings.style, severity: settings.severity };
}

// --- findings ---------------------------------------------------------------

const SEVERITY = { error: "error", warning: "warning", info: "info", hint: "hint" };

async function findings(view) {
  const version = ++docVersion;
  const text = view.state.doc.toString();
  const started = performance.now();
  const answer = await ask({ kind: "check", text, options: options(), version });
  if (answer.error) {
    status.textContent = `copydesk could not check this draft: ${answer.error}`;
    return [];
  }
  if (version !== docVersion) return []; // a newer check is on its way
  checkedVersion = version;
  checkedText = text;
  window.copydesk.report = answer.report;
  showOutline(view, answer.outline);
  const n = answer.report.diagnostics.length;
  status.textContent =
    `${n === 0 ? "No findings" : `${n} finding${n === 1 ? "" : "s"}`} · checked in ` +
    `${Math.round(performance.now() - started)} ms by copydesk ${answer.engine}` +
    (answer.problems.length ? ` · settings: ${answer.problems.join("; ")}` : "");
  const length = view.state.doc.length;
  return answer.report.diagnostics.map((d) => ({
    from: Math.min(d.startUtf16, length),
    to: Math.min(d.endUtf16, length),
    severity: SEVERITY[d.severity] ?? "warning",
    source: d.code,
    message: d.message + (d.help ? `\n${d.help}` : ""),
    actions: [
      ...(d.fixes ?? []).map((fix) => ({
        name: fix.title,
        // `from` is where CodeMirror has moved the finding to since the
        // check; the fix's edits move with it. If the words it is about have
        // been edited, the fix no longer applies: check again instead.
        apply(view, from, to) {
          const delta = from - d.startUtf16;
          if (view.state.sliceDoc(from, to) !== text.slice(d.startUtf16, d.endUtf16)) {
            status.textContent = "The draft changed under that finding; checking again.";
            recheck(view);
            return;
          }
          view.dispatch({
            changes: fix.edits.map((e) => ({ from: e.startUtf16 + delta, to: e.endUtf16 + delta, insert: e.insert })),
          });
        },
      })),
      {
        name: `Turn off ${d.code}`,
        apply(view) {
          settings.severity[d.code] = "off";
          saveSettings(settings);
          renderSettings();
          recheck(view);
        },
      },
    ],
  }));
}

// --- hover ------------------------------------------------------------------

const hover = hoverTooltip(async (view, pos) => {
  // Only about the text that was checked: positions in newer text would
  // point at other words.
  if (view.state.doc.toString() !== checkedText) return null;
  const answer = await ask({ kind: "hover", at: pos, version: checkedVersion });
  const info = answer.hover;
  if (!info) return null;
  return {
    pos: info.startUtf16,
    end: info.endUtf16,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "copydesk-hover";
      dom.innerHTML = renderMarkdown(info.markdown);
      return { dom };
    },
  };
}, { hoverTime: 300 });

// --- outline ----------------------------------------------------------------

function showOutline(view, nodes) {
  outlinePane.replaceChildren();
  const list = (items) => {
    const ul = document.createElement("ul");
    for (const node of items) {
      const li = document.createElement("li");
      li.className = `outline-${node.kind}`;
      const button = document.createElement("button");
      button.textContent = node.name;
      if (node.detail) button.title = node.detail;
      button.onclick = () => {
        view.dispatch({
          selection: { anchor: node.selection.startUtf16, head: node.selection.endUtf16 },
          scrollIntoView: true,
        });
        view.focus();
      };
      li.append(button);
      if (node.detail) {
        const detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = node.detail;
        li.append(detail);
      }
      if (node.children.length) li.append(list(node.children));
      ul.append(li);
    }
    return ul;
  };
  if (nodes.length === 0) {
    outlinePane.textContent = "Nobody is quoted yet.";
  } else {
    outlinePane.append(list(nodes));
  }
}

// --- the editor -------------------------------------------------------------

const saveDraft = EditorView.updateListener.of((update) => {
  if (update.docChanged) localStorage.setItem(DRAFT_KEY, update.state.doc.toString());
});

const view = new EditorView({
  parent: document.getElementById("editor"),
  state: EditorState.create({
    doc: localStorage.getItem(DRAFT_KEY) ?? SAMPLE,
    extensions: [
      lineNumbers(),
      drawSelection(),
      history(),
      // Ctrl-Shift-M lists the findings with their fixes; F8 goes to the next.
      keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
      EditorView.lineWrapping,
      linter(findings, {
        delay: 250,
        needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(settingsChanged))),
      }),
      lintGutter(),
      hover,
      saveDraft,
    ],
  }),
});
window.copydesk = { view, report: null, rules: RULES };

// --- settings ---------------------------------------------------------------

function renderSettings() {
  settingsForm(document.getElementById("settings"), settings, (changed) => {
    settings = changed;
    saveSettings(settings);
    renderSettings();
    recheck(view);
  });
}
renderSettings();

document.getElementById("clear").onclick = () => {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: "" } });
  view.focus();
};
document.getElementById("sample").onclick = () => {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: SAMPLE } });
  view.focus();
};
