// Compiled with `tsc --noEmit --strict` by web/build.sh: the package's types
// describe what a caller writes. Not run.

import { analyse, open, init, type Report, type Diagnostic, type Options, type OutlineNode } from "../npm/index.js";

async function example(text: string): Promise<string[]> {
  await init();
  const options: Options = { format: "markdown", style: "honorific", severity: { "quote-style": "off" } };
  const report: Report & { problems: string[] } = analyse(text, options);
  const lines = report.diagnostics.map((d: Diagnostic) => `${d.line}:${d.column} ${d.code} ${text.slice(d.startUtf16, d.endUtf16)}`);
  for (const q of report.quotes) {
    if (q.speaker !== null) lines.push(`${q.speaker.name} (${q.speaker.kind})`);
  }
  const draft = open(text);
  const hover = draft.hover(0);
  if (hover) lines.push(hover.markdown);
  const walk = (nodes: OutlineNode[]): void => nodes.forEach((n) => { lines.push(n.name); walk(n.children); });
  walk(draft.outline());
  for (const action of draft.actions(0, text.length)) {
    lines.push(`${action.kind}: ${action.title} (${action.edits.length} edits)`);
  }
  draft.free();
  return lines;
}

export default example;
