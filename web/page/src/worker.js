// The checking happens here, off the page's thread, so typing never waits
// for it. One draft is kept (the latest text) to answer hovers and fixes
// about; a request for an older version is answered with nothing.

import { initSync, open, version } from "../../npm/index.js";

const ready = fetch(new URL("copydesk_wasm_bg.wasm", self.location.href))
  .then((response) => response.arrayBuffer())
  .then((bytes) => initSync(bytes));

let current = null;

self.onmessage = async ({ data }) => {
  const reply = (body) => self.postMessage({ id: data.id, ...body });
  try {
    await ready;
    if (data.kind === "check") {
      const previous = current;
      current = null; // never left pointing at a freed draft if open() throws
      previous?.draft.free();
      current = { draft: open(data.text, data.options), version: data.version };
      reply({
        report: current.draft.report,
        problems: current.draft.problems,
        outline: current.draft.outline(),
        engine: version(),
      });
    } else if (current && current.version === data.version) {
      if (data.kind === "hover") reply({ hover: current.draft.hover(data.at) });
      else if (data.kind === "actions") reply({ actions: current.draft.actions(data.from, data.to) });
      else reply({ error: `unknown request ${data.kind}` });
    } else {
      reply({ stale: true });
    }
  } catch (err) {
    reply({ error: String(err?.message ?? err) });
  }
};
