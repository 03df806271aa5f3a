// The hover text is a small Markdown (a heading, bold, italics, code, line
// breaks, bullet lines) written by copydesk itself; this renders exactly that, with
// everything escaped first, so a name in a draft can never become HTML.

const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMarkdown(md) {
  return md
    .split(/\n{2,}/)
    .map((block) => {
      const heading = /^(#{1,6}) (.*)$/.exec(block);
      if (heading && !block.includes("\n")) {
        return `<h4>${inline(escape(heading[2]))}</h4>`;
      }
      const lines = block.split("\n").map((line) => inline(escape(line)));
      if (lines.every((l) => /^[-*] /.test(l))) {
        return `<ul>${lines.map((l) => `<li>${l.slice(2)}</li>`).join("")}</ul>`;
      }
      return `<p>${lines.join("<br>")}</p>`;
    })
    .join("");
}

function inline(s) {
  return s
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>")
    .replace(/\\([\\`*_\[\]()#+\-.!])/g, "$1");
}
