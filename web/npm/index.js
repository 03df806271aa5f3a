// copydesk in JavaScript: the analysis core as WebAssembly (dist/, made by
// web/build.sh with wasm-bindgen), behind plain functions that take and
// return plain values. Offsets you pass are UTF-16 (JavaScript's); every
// start/end in a reply is a UTF-8 byte offset, as in `copydesk check
// --format json`, with startUtf16/endUtf16 beside it.

import initWasm, { initSync as initWasmSync, Draft as WasmDraft, version as wasmVersion } from "./dist/copydesk_wasm.js";

/**
 * Loads the WebAssembly module. In a browser with no argument it fetches
 * dist/copydesk_wasm_bg.wasm beside this file; pass a URL, a Response, or the
 * bytes to load it from elsewhere. Call once before anything else.
 */
export async function init(source) {
  await initWasm(source === undefined ? undefined : { module_or_path: source });
}

/** Loads the module from its bytes, synchronously (Node, Web Workers). */
export function initSync(bytes) {
  initWasmSync({ module: bytes });
}

/** The engine's version. */
export function version() {
  return wasmVersion();
}

/**
 * Checks a draft: the object `copydesk check --format json` prints for it
 * (`file` is "draft"), plus `problems`, what was wrong with the options.
 */
export function analyse(text, options = {}) {
  const draft = open(text, options);
  try {
    return { ...draft.report, problems: draft.problems };
  } finally {
    draft.free();
  }
}

/**
 * Checks a draft and keeps it, to ask about it: hover, outline, actions.
 * Call free() when done (the draft lives in WebAssembly memory).
 */
export function open(text, options = {}) {
  return new Draft(text, options);
}

export class Draft {
  #inner;
  #report;

  constructor(text, options = {}) {
    if (typeof text !== "string") {
      throw new TypeError("copydesk: the draft must be a string");
    }
    this.#inner = new WasmDraft(text, JSON.stringify(options ?? {}));
  }

  /** The check's report (parsed once). */
  get report() {
    this.#report ??= JSON.parse(this.#inner.report());
    return this.#report;
  }

  /** Lines saying what was wrong with the options' settings. */
  get problems() {
    return JSON.parse(this.#inner.problems());
  }

  /** What to show for the words at UTF-16 offset `at`, or null. */
  hover(at) {
    return JSON.parse(this.#inner.hover(toOffset(at)));
  }

  /** The speakers outline: people, roles and organisations with their quotes. */
  outline() {
    return JSON.parse(this.#inner.outline());
  }

  /** Fixes and ignore actions for the findings touching start..end (UTF-16). */
  actions(start, end = start) {
    return JSON.parse(this.#inner.actions(toOffset(start), toOffset(end)));
  }

  free() {
    this.#inner?.free();
    this.#inner = undefined;
  }
}

function toOffset(n) {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`copydesk: an offset must be a whole number of UTF-16 units from 0, not ${n}`);
  }
  return Math.min(n, 0xffffffff);
}
