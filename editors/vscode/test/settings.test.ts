// The contributed configuration mirrors the server's settings and rules.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import { peopleInvocation, runPeople } from "../src/people";
import { RULES, serverSettings } from "../src/settings";

const here = path.resolve(process.env.COPYDESK_VSCODE_DIR ?? ".");
const pkg = JSON.parse(fs.readFileSync(path.join(here, "package.json"), "utf8"));
const props = pkg.contributes.configuration.properties;

describe("contributes.configuration", () => {
  it("has one severity entry per rule, each an enum of the five levels", () => {
    const severity = props["copydesk.severity"];
    assert.deepEqual(Object.keys(severity.properties).sort(), RULES.map((r) => r.code).sort());
    for (const rule of RULES) {
      const p = severity.properties[rule.code];
      assert.deepEqual(p.enum, ["off", "hint", "info", "warning", "error"]);
      assert.ok(p.markdownDescription.includes(`Default: \`${rule.defaultLevel}\``), rule.code);
    }
  });

  it("mirrors every server setting with a description", () => {
    for (const key of ["server.path", "debounceMs", "style", "severity", "inlayHints", "transcriptHints", "sourceLens", "sourceGender", "minWomenShare"]) {
      const p = props[`copydesk.${key}`];
      assert.ok(p, key);
      assert.ok(p.markdownDescription || p.description, key);
    }
    assert.deepEqual(props["copydesk.style"].enum, ["auto", "honorific", "surname"]);
    assert.equal(props["copydesk.style"].enumDescriptions.length, 3);
    assert.equal(props["copydesk.debounceMs"].default, 150);
    assert.equal(props["copydesk.inlayHints"].default, false);
    assert.equal(props["copydesk.transcriptHints"].type, "boolean");
    assert.equal(props["copydesk.transcriptHints"].default, false);
    assert.equal(props["copydesk.sourceLens"].default, true);
    assert.deepEqual(props["copydesk.sourceGender"].enum, ["project", "names", "text-only"]);
    assert.equal(props["copydesk.sourceGender"].enumDescriptions.length, 3);
    assert.equal(props["copydesk.minWomenShare"].default, null);
    assert.deepEqual([props["copydesk.minWomenShare"].minimum, props["copydesk.minWomenShare"].maximum], [0, 1]);
  });

  it("contributes the source balance command, which the server runs", () => {
    const command = pkg.contributes.commands.find((c: { command: string }) => c.command === "copydesk.sourceBalance");
    assert.deepEqual(command, { command: "copydesk.sourceBalance", title: "Source balance", category: "copydesk" });
  });

  it("lists the same rules, with the same defaults, as the server's source (when built from the repository)", (t) => {
    const rulesDir = path.join(here, "..", "..", "src", "rules");
    if (!fs.existsSync(rulesDir)) {
      t.skip("not inside the copydesk repository");
      return;
    }
    const found: Record<string, string> = {};
    // one .rs file per rule (a rule may keep helpers in a folder of its own)
    for (const file of fs.readdirSync(rulesDir).filter((f) => f.endsWith(".rs"))) {
      const src = fs.readFileSync(path.join(rulesDir, file), "utf8");
      const code = /fn code\(&self\)[^{]*\{\s*"([^"]+)"/.exec(src);
      const sev = /fn default_severity\(&self\)[^{]*\{\s*Severity::(\w+)/.exec(src);
      if (code && sev) {
        found[code[1]] = { Error: "error", Warning: "warning", Information: "info", Hint: "hint" }[sev[1]] ?? sev[1];
      }
    }
    assert.deepEqual(found, Object.fromEntries(RULES.map((r) => [r.code, r.defaultLevel])));
  });
});

describe("serverSettings", () => {
  it("sends the server's defaults when nothing is set", () => {
    const get = <T>(_key: string, fallback: T): T => fallback;
    assert.deepEqual(serverSettings(get), {
      debounceMs: 150,
      style: "auto",
      severity: {},
      inlayHints: false,
      transcriptHints: false,
      sourceLens: true,
      sourceGender: null,
      minWomenShare: null,
    });
  });

  it("sends what the user set, and only the server's keys", () => {
    const values: Record<string, unknown> = {
      debounceMs: 0,
      style: "surname",
      severity: { "quote-style": "off", misquote: "error" },
      inlayHints: true,
      transcriptHints: true,
      sourceLens: false,
      sourceGender: "text-only",
      minWomenShare: 0.3,
      "server.path": "/opt/copydesk",
    };
    const get = <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
    assert.deepEqual(serverSettings(get), {
      debounceMs: 0,
      style: "surname",
      severity: { "quote-style": "off", misquote: "error" },
      inlayHints: true,
      transcriptHints: true,
      sourceLens: false,
      sourceGender: "text-only",
      minWomenShare: 0.3,
    });
  });

  it("leaves sourceGender to the project's copydesk.toml unless set", () => {
    const get = <T>(key: string, fallback: T): T => (key === "sourceGender" ? ("project" as T) : fallback);
    assert.equal(serverSettings(get).sourceGender, null);
  });

  it("sends every setting the server reads (src/lsp/settings.rs, when built from the repository)", (t) => {
    const file = path.join(here, "..", "..", "src", "lsp", "settings.rs");
    if (!fs.existsSync(file)) {
      t.skip("not inside the copydesk repository");
      return;
    }
    const body = /pub struct Settings \{([\s\S]*?)\n\}/.exec(fs.readFileSync(file, "utf8"));
    assert.ok(body, "no `pub struct Settings` in settings.rs");
    // serde(rename_all = "camelCase"): debounce_ms → debounceMs
    const fields = [...body[1].matchAll(/^\s*pub (\w+):/gm)].map((m) => m[1].replace(/_(\w)/g, (_, c) => c.toUpperCase()));
    const sent = Object.keys(serverSettings(<T>(_key: string, fallback: T): T => fallback));
    assert.deepEqual(sent.sort(), fields.sort());
    for (const key of fields) {
      assert.ok(props[`copydesk.${key}`], `package.json has no copydesk.${key}`);
    }
  });
});

describe("peopleInvocation", () => {
  it("reads a saved file from disk, in the editor's language", () => {
    assert.deepEqual(peopleInvocation({ languageId: "markdown", savedFilePath: "/news/draft.md", text: "ignored" }), {
      args: ["people", "--input-format", "markdown", "/news/draft.md"],
    });
  });

  it("passes an unsaved or untitled draft on stdin", () => {
    assert.deepEqual(peopleInvocation({ languageId: "plaintext", text: "“Hi,” she said." }), {
      args: ["people", "--input-format", "plain", "-"],
      stdin: "“Hi,” she said.",
    });
  });
});

describe("copydesk people (against a built binary, when there is one)", () => {
  const candidates = [process.env.COPYDESK_BIN, path.join(here, "..", "..", "target", "release", "copydesk")];
  const bin = candidates.find((c): c is string => !!c && fs.existsSync(c));

  it("prints the table for a draft passed on stdin", async (t) => {
    if (!bin || spawnSync(bin, ["people", "--help"]).status !== 0) {
      t.skip("no copydesk binary with a `people` command (set COPYDESK_BIN)");
      return;
    }
    const text = "# Harbour to close\n\nHelen Quarrie, the maritime minister, said: “The harbour will close.”\n\n“We were not consulted,” Ms Quarrie said.\n";
    const table = await runPeople(bin, peopleInvocation({ languageId: "markdown", text }));
    assert.match(table, /^person\s+roles\s+referred to as\s+quotes/m);
    assert.match(table, /Helen Quarrie/);
  });
});
