// The hover text is a small Markdown (a heading, bold, italics, code spans,
// line breaks, bullet lines, backslash escapes) written by copydesk itself;
// this renders exactly that. Every character of the text is HTML-escaped
// before any tag is added, so a name in a draft can never become HTML.

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// A backslash-escaped punctuation mark stands for itself: it is set aside
// (as a private-use character) before the formatting is read, and put back
// as the plain, escaped character after.
const HELD = 0xe000;
const hold = (s) => s.replace(/\\([!-/:-@[-`{-~])/g, (_, c) => String.fromCharCode(HELD + c.charCodeAt(0)));
const release = (s) => s.replace(/[\ue000-\ue07f]/g, (c) => escapeHtml(String.fromCharCode(c.charCodeAt(0) - HELD)));

export function renderMarkdown(md) {
  return md
    .split(/\n{2,}/)
    .map((block) => {
      const heading = /^(#{1,6}) (.*)$/.exec(block);
      if (heading && !block.includes("\n")) {
        return `<h4>${inline(heading[2])}</h4>`;
      }
      const lines = block.split("\n").map(inline);
      if (block.split("\n").every((l) => /^[-*] /.test(l))) {
        return `<ul>${block.split("\n").map((l) => `<li>${inline(l.slice(2))}</li>`).join("")}</ul>`;
      }
      return `<p>${lines.join("<br>")}</p>`;
    })
    .join("");
}

function inline(text) {
  // Code spans first (one or two backticks), kept literal.
  const parts = hold(text).split(/(``.+?``|`[^`]+`)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) {
        const ticks = part.startsWith("``") ? 2 : 1;
        return `<code>${release(escapeHtml(part.slice(ticks, -ticks).trim()))}</code>`;
      }
      return release(
        escapeHtml(part)
          .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
          .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>"),
      );
    })
    .join("");
}
