#!/usr/bin/env bash
# Builds, checks, tests and packages the VS Code extension from a clean
# checkout: ./build.sh → editors/vscode/copydesk.vsix
set -euo pipefail
cd "$(dirname "$0")"

# --ignore-scripts: neither install script is needed (esbuild ships its binary
# in @esbuild/<platform>; @vscode/vsce-sign is only for signing) and the
# latter may download; package.json "allowScripts" records the same for npm 11.
npm ci --ignore-scripts --no-audit --no-fund
npm run build
npx tsc --noEmit
npm test
# Images in the README are repository paths; on the marketplace page they
# must be absolute.
npx @vscode/vsce package --no-dependencies \
  --baseImagesUrl https://github.com/copydesk/copydesk/raw/HEAD/editors/vscode \
  -o copydesk.vsix

size=$(wc -c < copydesk.vsix)
echo "copydesk.vsix: ${size} bytes ($(( (size + 1023) / 1024 )) KiB)"
