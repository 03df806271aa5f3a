// The source balance the server counts (`workspace/executeCommand`
// `copydesk.sourceBalance`, src/lsp/source_balance), and the page that shows
// it: the story's sources and the workspace's stories as plain HTML tables,
// with no script and nothing fetched from anywhere. No 'vscode' import:
// tested without an editor.

export const SOURCE_BALANCE = "copydesk.sourceBalance";

export type Scope = "story" | "workspace";

/** The command's one argument. */
export interface BalanceRequest {
  uri: string;
  scope: Scope;
}

/** `Tally` in src/analysis/balance/tally.rs: whole numbers that add up. */
export interface Tally {
  stories: number;
  sources: number;
  people: number;
  roles: number;
  organisations: number;
  anonymous: number;
  women: number;
  men: number;
  nonbinary: number;
  unknown: number;
  quotes: number;
  words: number;
  women_words: number;
  men_words: number;
  nonbinary_words: number;
  unknown_words: number;
  organisation_words: number;
  unattributed_quotes: number;
  unattributed_words: number;
}

/** One source of a story (`SourceRow` in src/source_count). */
export interface SourceRow {
  name: string;
  kind: string;
  gender: string;
  decided_by: string | null;
  because: string;
  quotes: number;
  words: number;
  share: number;
}

/** One story's count (`StoryCount`). */
export interface StoryCount {
  id: string;
  date: string | null;
  headline: string | null;
  sources: SourceRow[];
  totals: Tally;
}

/** Shares worked out from a tally, 0 to 1, null when there is nothing to share out (`Shares`). */
export interface Shares {
  women: number | null;
  men: number | null;
  nonbinary: number | null;
  unknown: number | null;
  women_of_words: number | null;
}

/**
 * A desk's count, in the JSON form of `copydesk sources --format json`
 * (src/source_count/json.rs): every story's, the totals, by month, the
 * shares and how gender was decided (`names`, `text-only` or `mixed`).
 */
export interface Desk {
  stories: StoryCount[];
  totals: Tally;
  months: Record<string, Tally>;
  shares: Shares;
  gender: string;
}

/**
 * What the command was asked for: the argument a code lens passes
 * (`{uri, scope}`), or, from the Command Palette (no argument), the story
 * in the editor, `activeUri`. Undefined when there is neither.
 */
export function balanceRequest(args: unknown[], activeUri: string | undefined): BalanceRequest | undefined {
  const given = args[0];
  if (given && typeof given === "object" && typeof (given as { uri?: unknown }).uri === "string") {
    const { uri, scope } = given as { uri: string; scope?: unknown };
    return { uri, scope: scope === "workspace" ? "workspace" : "story" };
  }
  return activeUri ? { uri: activeUri, scope: "story" } : undefined;
}

/** Women's share of the words quoted from individuals, as the lens says it. */
export function womenShare(t: Tally): string {
  const individual = t.women_words + t.men_words + t.nonbinary_words + t.unknown_words;
  return individual === 0 ? "—" : percent(t.women_words / individual);
}

/** A share as a whole percentage: a sliver is `<1%`, nearly all `>99%`. */
export function percent(share: number): string {
  const rounded = Math.round(share * 100);
  if (share > 0 && rounded < 1) return "<1%";
  if (share < 1 && rounded > 99) return ">99%";
  return `${rounded}%`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const STYLE = `
body { font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground); padding: 0 1em 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { text-align: left; padding: 0.25em 0.75em; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; }
.note { color: var(--vscode-descriptionForeground, #666); }
`;

function row(cells: string[], numeric: boolean[]): string {
  return `<tr>${cells.map((c, i) => `<td${numeric[i] ? ' class="n"' : ""}>${c}</td>`).join("")}</tr>`;
}

function head(titles: string[], numeric: boolean[]): string {
  return `<thead><tr>${titles.map((t, i) => `<th${numeric[i] ? ' class="n"' : ""}>${t}</th>`).join("")}</tr></thead>`;
}

/** The story's table: each source, how its gender was decided, its share of the quoted words. */
export function storyTable(story: StoryCount): string {
  const title = escapeHtml(story.headline ?? story.id);
  if (story.sources.length === 0) {
    return `<h2>${title}</h2><p id="story-none">Nobody is quoted in this story yet.</p>`;
  }
  const numeric = [false, false, false, false, true, true, true];
  const rows = story.sources.map((s) =>
    row(
      [escapeHtml(s.name), escapeHtml(s.kind), escapeHtml(s.gender), escapeHtml(s.because), String(s.quotes), String(s.words), percent(s.share)],
      numeric,
    ),
  );
  const t = story.totals;
  const unattributed =
    t.unattributed_quotes > 0
      ? `<p class="note">${plural(t.unattributed_quotes, "quote")} (${plural(t.unattributed_words, "word")}) with no speaker named.</p>`
      : "";
  return `<h2>${title}</h2>
<table id="story">${head(["Source", "Kind", "Gender", "How the story says so", "Quotes", "Words", "Share"], numeric)}
<tbody>${rows.join("\n")}</tbody></table>
<p>Named people: ${plural(t.women, "woman", "women")}, ${plural(t.men, "man", "men")}, ${t.nonbinary} nonbinary, ${t.unknown} unknown · women ${womenShare(t)} of quoted words</p>
${unattributed}`;
}

/** How gender was decided, as the page says it. */
function policyWords(gender: string): string {
  switch (gender) {
    case "names":
      return "from what each story says, and a given name (weak) when it says nothing";
    case "text-only":
      return "from what each story says only";
    case "mixed":
      return "by each project's setting (names or text only)";
    default:
      return escapeHtml(gender);
  }
}

/** The workspace's table: each story's count and the desk's totals, then by month. */
export function deskTable(desk: Desk): string {
  const numeric = [false, false, true, true, true, true, true, true, true];
  const titles = ["Story", "Date", "Sources", "Women", "Men", "Nonbinary", "Unknown", "Organisations", "Women's words"];
  const line = (name: string, date: string, t: Tally) =>
    row(
      [name, date, String(t.sources), String(t.women), String(t.men), String(t.nonbinary), String(t.unknown), String(t.organisations), womenShare(t)],
      numeric,
    );
  const rows = desk.stories.map((s) => line(escapeHtml(s.id), escapeHtml(s.date ?? ""), s.totals));
  const total = line(plural(desk.totals.stories, "story", "stories"), "", desk.totals);
  let months = "";
  const keys = Object.keys(desk.months).sort();
  if (keys.length > 0) {
    const monthRows = keys.map((m) => line(escapeHtml(m), "", desk.months[m]));
    months = `<h3>By month</h3><table id="months">${head(["Month", "", ...titles.slice(2)], numeric)}<tbody>${monthRows.join("\n")}</tbody></table>`;
  }
  const gender = desk.gender ? ` Gender is decided ${policyWords(desk.gender)}.` : "";
  return `<h2>Workspace</h2>
<table id="desk">${head(titles, numeric)}
<tbody>${rows.join("\n")}</tbody>
<tfoot>${total}</tfoot></table>
<p class="note">Women, men, nonbinary and unknown count named people. Women's words: their share of the words quoted from individuals.${gender}</p>
${months}`;
}

/**
 * The whole page. `cspSource` is the webview's own origin (for the
 * Content-Security-Policy): nothing else may be loaded, and no script runs.
 */
export function balancePage(story: StoryCount | undefined, desk: Desk | undefined, cspSource: string): string {
  const csp = `default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource};`;
  const parts = [story ? storyTable(story) : "", desk ? deskTable(desk) : ""];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Source balance</title><style>${STYLE}</style></head>
<body><h1>Source balance</h1>
${parts.join("\n")}
</body></html>
`;
}
