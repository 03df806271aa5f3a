#!/usr/bin/env bash
# Builds copydesk's analysis core as WebAssembly and the npm package around
# it, then tests the package against the command line and the language
# server.
#
#   web/build.sh          → web/npm/dist/copydesk_wasm.js, copydesk_wasm_bg.wasm,
#                           the page in web/page/dist/, the extension in web/extension/dist/
#
# then tests the package (web/test/: its API, and the same findings as the
# command line and the language server on every fixture), runs the
# native-vs-wasm benchmark, and drives the page and the extension in
# Debian's Chromium with playwright-core (web/page/test/,
# web/extension/test/; screenshots in their artefacts/ folders).
#
# COPYDESK_BIN  the native copydesk the parity test compares with (default:
#               $CARGO_TARGET_DIR/release/copydesk, else target/release/copydesk)
#
# rustup here has only the host target, and no other can be fetched. Debian's
# rustc-web, cargo-web and rust-web-src (Rust 1.96 with its library sources)
# build std for wasm32-unknown-unknown themselves (-Zbuild-std), linked by
# lld's wasm-ld; wasm-bindgen-cli comes from crates.io at the version of the
# wasm-bindgen crate. Installs what is missing (apt-get, cargo install).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
bindgen_version=0.2.130

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
for p in rustc-web cargo-web rust-web-src lld chromium; do installed "$p" || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (apt)"
  as_root timeout 300 apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive timeout 900 \
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  echo "installing wasm-bindgen-cli $bindgen_version (crates.io)"
  # Not --locked: its lock file names a webpki-roots the registry here lacks.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

echo "the wasm crate on the host: fmt, clippy, tests (web/wasm)"
(cd "$here/wasm" && cargo fmt --check && cargo clippy --all-targets --locked -- -D warnings && cargo test --locked)

echo "building the core for wasm32-unknown-unknown ($(/usr/bin/rustc --version))"
wasm_target="$here/wasm/target"
(cd "$here/wasm" && RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTFLAGS="" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld CARGO_TARGET_DIR="$wasm_target" \
  /usr/bin/cargo build --release --locked --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)

out="$here/npm/dist"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" \
  "$wasm_target/wasm32-unknown-unknown/release/copydesk_wasm.wasm"
wasm="$out/copydesk_wasm_bg.wasm"
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "copydesk_wasm_bg.wasm: $raw bytes, $gz gzip'd ($(( (gz + 1023) / 1024 )) KiB)"

echo "the npm package's contents (npm pack --dry-run)"
(cd "$here/npm" && npm pack --dry-run 2>&1 | grep -E 'npm notice [0-9.]+[kMG]?B |package size|unpacked size|total files')

echo "testing the package (node --test web/test/)"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
bin="${COPYDESK_BIN:-$target_dir/release/copydesk}"
COPYDESK_BIN="$bin" node --test "$here/test/"

echo "native vs wasm on a 10,000-word draft (web/bench/native-vs-wasm.mjs)"
node "$here/bench/native-vs-wasm.mjs" "$bin"

echo "the page: build (esbuild) and drive it in Chromium (playwright-core)"
(cd "$here/page" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && node build.mjs)
(cd "$here/page" && node --test test/)

echo "the browser extension: build, and drive it in Chromium on a textarea, a contenteditable and ProseMirror"
(cd "$here/extension" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && node build.mjs)
(cd "$here/extension" && node --test test/extension.test.mjs)

echo "the package's types (tsc --noEmit --strict web/test/types.ts)"
"$here/page/node_modules/.bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext \
  --target es2022 "$here/test/types.ts"
echo "types: ok"
