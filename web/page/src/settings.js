// The settings a reporter can change on the page: Markdown or plain text,
// the house style, and each rule's level (copydesk.toml's names). Kept in
// localStorage. The extension's popup offers the same controls, built by
// the same pieces (RULES, STYLES, levelOptions, addSelect).

const KEY = "copydesk.settings";

export const RULES = [
  ["unattributed-quote", "Quotes nobody is named for", "warning"],
  ["unclosed-quote", "Quotation marks never closed", "error"],
  ["inconsistent-reference", "Mr Wallace here, Wallace there", "warning"],
  ["first-reference", "First mention without the full name", "warning"],
  ["title-mismatch", "Mr for a woman, Ms for a man", "warning"],
  ["name-spelling", "A name spelt two ways", "warning"],
  ["headline-quote", "Headline quote not in the story", "warning"],
  ["misquote", "One quote, two wordings", "warning"],
  ["quote-style", "Straight and curly marks mixed", "hint"],
];
const LEVELS = ["off", "hint", "info", "warning", "error"];

/** The house styles, as `[value, label]`. */
export const STYLES = [["auto", "Follow the story"], ["honorific", "Mr Wallace"], ["surname", "Wallace"]];

/** A rule's levels as `[value, label]`, its default one marked. */
export function levelOptions(defaultLevel) {
  return LEVELS.map((l) => [l, l === defaultLevel ? `${l} (default)` : l]);
}

/** Appends a labelled <select> to `parent`; `onchange` gets the new value. */
export function addSelect(parent, label, name, options, value, onchange, title) {
  const wrap = document.createElement("label");
  if (title) wrap.title = title;
  wrap.textContent = label;
  const s = document.createElement("select");
  s.name = name;
  for (const [v, text] of options) s.append(new Option(text, v, false, v === value));
  s.onchange = () => onchange(s.value);
  wrap.append(s);
  parent.append(wrap);
}

export function loadSettings() {
  const defaults = { format: "plain", style: "auto", severity: {} };
  try {
    return { ...defaults, ...JSON.parse(localStorage.getItem(KEY) ?? "{}") };
  } catch {
    return defaults;
  }
}

export function saveSettings(settings) {
  localStorage.setItem(KEY, JSON.stringify(settings));
}

/** Fills `form` with the controls; calls `changed` with new settings. */
export function settingsForm(form, settings, changed) {
  form.replaceChildren();
  addSelect(form, "Draft", "format", [["plain", "Plain text"], ["markdown", "Markdown"]], settings.format,
    (format) => changed({ ...settings, format }));
  addSelect(form, "House style", "style", STYLES, settings.style, (style) => changed({ ...settings, style }));
  const rules = document.createElement("fieldset");
  rules.innerHTML = "<legend>Rules</legend>";
  form.append(rules);
  for (const [code, what, level] of RULES) {
    addSelect(rules, what, code, levelOptions(level), settings.severity[code] ?? level,
      (value) => changed({ ...settings, severity: { ...settings.severity, [code]: value } }), code);
  }
}
