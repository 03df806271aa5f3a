// Bundles the extension into dist/ (load it unpacked in Chrome, or as a
// temporary add-on in Firefox): manifest, background (the engine), content
// script, popup, the wasm and the icon. Needs web/build.sh's npm/dist first.

import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const common = { bundle: true, target: "es2022", minify: true, logLevel: "warning" };
await build({ ...common, entryPoints: [join(here, "src/background.js"), join(here, "src/popup.js")], format: "esm", outdir: dist });
// Content scripts are classic scripts: one self-contained function.
await build({ ...common, entryPoints: [join(here, "src/content.js")], format: "iife", outdir: dist });
for (const file of ["manifest.json", "popup.html", "popup.css"]) copyFileSync(join(here, file), join(dist, file));
copyFileSync(join(here, "../npm/dist/copydesk_wasm_bg.wasm"), join(dist, "copydesk_wasm_bg.wasm"));
copyFileSync(join(here, "../../editors/vscode/images/icon.png"), join(dist, "icon.png"));
console.log(`extension built in ${dist}`);
