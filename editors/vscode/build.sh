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
npx @vscode/vsce package --no-dependencies -o copydesk.vsix

size=$(wc -c < copydesk.vsix)
echo "copydesk.vsix: ${size} bytes ($(( (size + 1023) / 1024 )) KiB)"
