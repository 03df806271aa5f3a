// The settings a reporter can change on the page: Markdown or plain text,
// the house style, and each rule's level (copydesk.toml's names). Kept in
// localStorage.

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
  const select = (label, name, values, value, onchange) => {
    const wrap = document.createElement("label");
    wrap.textContent = label;
    const s = document.createElement("select");
    s.name = name;
    for (const [v, text] of values) s.append(new Option(text, v, false, v === value));
    s.onchange = () => onchange(s.value);
    wrap.append(s);
    form.append(wrap);
  };
  select("Draft", "format", [["plain", "Plain text"], ["markdown", "Markdown"]], settings.format,
    (format) => changed({ ...settings, format }));
  select("House style", "style",
    [["auto", "Follow the story"], ["honorific", "Mr Wallace"], ["surname", "Wallace"]], settings.style,
    (style) => changed({ ...settings, style }));
  const rules = document.createElement("fieldset");
  rules.innerHTML = "<legend>Rules</legend>";
  form.append(rules);
  for (const [code, what, level] of RULES) {
    const wrap = document.createElement("label");
    wrap.title = code;
    wrap.textContent = what;
    const s = document.createElement("select");
    s.name = code;
    for (const l of LEVELS) s.append(new Option(l === level ? `${l} (default)` : l, l, false, (settings.severity[code] ?? level) === l));
    s.onchange = () => changed({ ...settings, severity: { ...settings.severity, [code]: s.value } });
    wrap.append(s);
    rules.append(wrap);
  }
}
