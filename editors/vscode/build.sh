#!/usr/bin/env bash
# Builds, checks, tests and packages the VS Code extension from a clean
# checkout.
#
#   ./build.sh                          → copydesk.vsix, for every platform, with
#                                         no server inside (the extension finds
#                                         one by its setting or on PATH)
#   ./build.sh --target linux-x64 --server path/to/copydesk [-o FILE]
#                                       → copydesk-linux-x64.vsix, for that
#                                         platform only, with the server inside
#                                         (server/copydesk; found when there is
#                                         none by setting or on PATH)
#
# Targets are VS Code's: linux-x64, linux-arm64, darwin-x64, darwin-arm64,
# win32-x64 and the like; the server must be the copydesk built for it.
set -euo pipefail
cd "$(dirname "$0")"
here="$(pwd)"

target=""
server=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="${2:?--target needs a VS Code platform, e.g. linux-x64}"; shift 2 ;;
    --server) server="${2:?--server needs the path of a copydesk binary}"; shift 2 ;;
    -o) out="${2:?-o needs a file name}"; shift 2 ;;
    *) echo "build.sh: unknown argument $1 (see the comment at the top of build.sh)" >&2; exit 2 ;;
  esac
done
if { [ -n "$target" ] && [ -z "$server" ]; } || { [ -z "$target" ] && [ -n "$server" ]; }; then
  echo "build.sh: --target and --server go together: a platform's .vsix carries that platform's server" >&2
  exit 2
fi
if [ -n "$server" ]; then
  case "$server" in /*) ;; *) server="$OLDPWD/$server" ;; esac
  case "$target" in
    # A Windows binary unpacked on Linux or macOS may lack the execute bit;
    # Windows does not use it.
    win32-*) [ -f "$server" ] || { echo "build.sh: no copydesk.exe at $server" >&2; exit 2; } ;;
    *) [ -x "$server" ] || { echo "build.sh: no executable copydesk at $server" >&2; exit 2; } ;;
  esac
fi
[ -n "$out" ] || out="copydesk${target:+-$target}.vsix"
case "$out" in /*) ;; *) out="$here/$out" ;; esac

# --ignore-scripts: neither install script is needed (esbuild ships its binary
# in @esbuild/<platform>; @vscode/vsce-sign is only for signing) and the
# latter may download; package.json "allowScripts" records the same for npm 11.
npm ci --ignore-scripts --no-audit --no-fund
npm run build
npx tsc --noEmit
npm test

# The bundled server lives in server/ only while packaging.
rm -rf server
trap 'rm -rf "$here/server"' EXIT
vsce_target=()
if [ -n "$server" ]; then
  mkdir server
  exe=copydesk
  case "$target" in win32-*) exe=copydesk.exe ;; esac
  cp "$server" "server/$exe"
  chmod 755 "server/$exe"
  vsce_target=(--target "$target")
fi
# Images in the README are repository paths; on the marketplace page they
# must be absolute.
npx @vscode/vsce package --no-dependencies "${vsce_target[@]}" \
  --baseImagesUrl https://github.com/copydesk/copydesk/raw/HEAD/editors/vscode \
  -o "$out"

size=$(wc -c < "$out")
echo "$(basename "$out"): ${size} bytes ($(( (size + 1023) / 1024 )) KiB)${target:+, for $target with the server inside}"
