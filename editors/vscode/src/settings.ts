// The settings the server understands (src/lsp/settings.rs) and how the
// extension's configuration becomes the server's initializationOptions.
// No 'vscode' import: tested without an editor.

export type Level = "off" | "hint" | "info" | "warning" | "error";
export type Style = "auto" | "honorific" | "surname";
/** How a source's gender may be decided; `project` leaves it to copydesk.toml. */
export type SourceGender = "project" | "names" | "text-only";

/** Every rule the server has (src/rules/mod.rs `all_rules()`), with its default level. */
export const RULES: ReadonlyArray<{ code: string; defaultLevel: Level }> = [
  { code: "unattributed-quote", defaultLevel: "warning" },
  { code: "unclosed-quote", defaultLevel: "error" },
  { code: "inconsistent-reference", defaultLevel: "warning" },
  { code: "first-reference", defaultLevel: "warning" },
  { code: "title-mismatch", defaultLevel: "warning" },
  { code: "name-spelling", defaultLevel: "warning" },
  { code: "headline-quote", defaultLevel: "warning" },
  { code: "misquote", defaultLevel: "warning" },
  { code: "quote-style", defaultLevel: "hint" },
  { code: "transcript-mismatch", defaultLevel: "warning" },
  { code: "transcript-missing", defaultLevel: "warning" },
  { code: "transcript-speaker", defaultLevel: "warning" },
  { code: "source-balance", defaultLevel: "hint" },
];

/** What the server reads from initializationOptions (camelCase, as in settings.rs). */
export interface ServerSettings {
  debounceMs: number;
  style: Style;
  severity: Record<string, Level>;
  inlayHints: boolean;
  transcriptHints: boolean;
  sourceLens: boolean;
  /** null: the project's `[sources] gender` (else `names`). */
  sourceGender: "names" | "text-only" | null;
  /** null: the project's `[sources] min_women_share` (else none). */
  minWomenShare: number | null;
}

/** Reads one key of the `copydesk` configuration section. */
export type ConfigGetter = <T>(key: string, fallback: T) => T;

/**
 * The server settings from the user's configuration. Only the keys the
 * server knows are sent; `severity` carries only what the user set, so the
 * server's own defaults apply to every other rule.
 */
export function serverSettings(get: ConfigGetter): ServerSettings {
  const severity: Record<string, Level> = {};
  const configured = get<Record<string, unknown>>("severity", {}) ?? {};
  for (const [code, level] of Object.entries(configured)) {
    if (typeof level === "string") {
      severity[code] = level as Level;
    }
  }
  return {
    debounceMs: get<number>("debounceMs", 150),
    style: get<Style>("style", "auto"),
    severity,
    inlayHints: get<boolean>("inlayHints", false),
    transcriptHints: get<boolean>("transcriptHints", false),
    sourceLens: get<boolean>("sourceLens", true),
    sourceGender: sourceGender(get<string>("sourceGender", "project")),
    minWomenShare: share(get<number | null>("minWomenShare", null)),
  };
}

/** `project` (or anything unknown) sends nothing, so copydesk.toml decides. */
function sourceGender(value: string): "names" | "text-only" | null {
  return value === "names" || value === "text-only" ? value : null;
}

/** A number from 0 to 1, or null (the server reports what it cannot use). */
function share(value: number | null): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
