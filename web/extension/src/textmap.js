// A text box's text as copydesk reads it, and the way back from a place in
// that text to the page: a textarea's value as it is; a contenteditable's
// (ProseMirror's, Gutenberg's) text nodes in order, with a blank line
// between blocks so paragraphs stay paragraphs. Offsets are UTF-16, like
// the engine's startUtf16/endUtf16.

const BLOCKS = new Set(["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "FIGCAPTION", "TR"]);

export function isTextarea(el) {
  return el instanceof HTMLTextAreaElement;
}

/** The editable root for an element: a textarea, or the outermost contenteditable. */
export function editableRoot(el) {
  if (!(el instanceof Element)) return null;
  if (isTextarea(el)) return el.readOnly || el.disabled ? null : el;
  if (!el.isContentEditable) return null;
  let root = el;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root;
}

/** The text and, for a contenteditable, where each text node starts in it. */
export function readText(root) {
  if (isTextarea(root)) return { text: root.value, nodes: null };
  const nodes = [];
  let text = "";
  let pendingBreak = false;
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (child.data.length === 0) continue;
        if (pendingBreak && text.length > 0) text += "\n\n";
        pendingBreak = false;
        nodes.push({ node: child, start: text.length });
        text += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === "BR") {
          text += "\n";
          continue;
        }
        const block = BLOCKS.has(child.tagName);
        if (block) pendingBreak = true;
        walk(child);
        if (block) pendingBreak = true;
      }
    }
  };
  walk(root);
  return { text, nodes };
}

/** The DOM position of UTF-16 offset `at` in a contenteditable's text. */
export function domPosition(map, at) {
  const { nodes } = map;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (nodes[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  const seg = nodes[lo];
  if (!seg) return null;
  return { node: seg.node, offset: Math.max(0, Math.min(at - seg.start, seg.node.data.length)) };
}

/** A DOM Range over start..end of a contenteditable's text. */
export function domRange(map, start, end) {
  const a = domPosition(map, start);
  const b = domPosition(map, end);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/**
 * Viewport rectangles of each [start, end) in a textarea, through one mirror:
 * a hidden block with the textarea's font, padding and content width (its
 * clientWidth, which leaves out a scrollbar), so the text wraps where the
 * textarea's does.
 */
export function textareaRects(el, ranges) {
  const style = getComputedStyle(el);
  const mirror = document.createElement("div");
  for (const p of ["fontFamily", "fontSize", "fontWeight", "fontStyle", "letterSpacing", "lineHeight",
    "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "textTransform", "wordSpacing", "textIndent", "tabSize"]) {
    mirror.style[p] = style[p];
  }
  const box = el.getBoundingClientRect();
  Object.assign(mirror.style, {
    position: "fixed", top: `${box.top + el.clientTop}px`, left: `${box.left + el.clientLeft}px`,
    width: `${el.clientWidth}px`, boxSizing: "border-box", border: "0", margin: "0", visibility: "hidden",
    whiteSpace: "pre-wrap", overflowWrap: "break-word", overflow: "hidden", height: "auto",
  });
  const text = document.createTextNode(el.value + " ");
  mirror.append(text);
  document.documentElement.append(mirror);
  const inside = {
    left: box.left + el.clientLeft, top: box.top + el.clientTop,
    right: box.left + el.clientLeft + el.clientWidth, bottom: box.top + el.clientTop + el.clientHeight,
  };
  const range = document.createRange();
  const out = ranges.map(([start, end]) => {
    range.setStart(text, Math.min(start, el.value.length));
    range.setEnd(text, Math.min(end, el.value.length));
    return [...range.getClientRects()]
      .map((r) => ({
        left: r.left - el.scrollLeft, right: r.right - el.scrollLeft,
        top: r.top - el.scrollTop, bottom: r.bottom - el.scrollTop,
      }))
      // Only what shows inside the box.
      .filter((r) => r.bottom > inside.top && r.top < inside.bottom && r.right > inside.left && r.left < inside.right);
  });
  mirror.remove();
  return out;
}
