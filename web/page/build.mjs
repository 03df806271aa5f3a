// Bundles the page into dist/: index.html, style.css, main.js, worker.js and
// the engine's copydesk_wasm_bg.wasm (built first by web/build.sh). Every
// file is local; serve dist/ from any static server.

import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
await build({
  entryPoints: [join(here, "src/main.js"), join(here, "src/worker.js")],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  outdir: dist,
  logLevel: "warning",
});
for (const file of ["index.html", "style.css"]) copyFileSync(join(here, file), join(dist, file));
copyFileSync(join(here, "../npm/dist/copydesk_wasm_bg.wasm"), join(dist, "copydesk_wasm_bg.wasm"));
console.log(`page built in ${dist}`);
