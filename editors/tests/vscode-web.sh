#!/usr/bin/env bash
# Real VS Code: code-server 4.100.3 (from npm; the newest that runs on Node
# 20) with the copydesk .vsix installed by `code-server --install-extension`,
# driven by playwright-core in Debian's Chromium (headless, --no-sandbox,
# background networking off). It opens the bundled example draft, checks
# copydesk's warning in the Problems panel, hovers names for their roles,
# opens the outline of speakers, holds a draft's quotes against an interview
# transcript (and sees a fix to the transcript on disk picked up), reads the
# source count on the headline's code lens and the source balance page (the
# story's and the folder's tables), and saves screenshots as artefacts.
#
#   editors/tests/vscode-web.sh
#
# COPYDESK_SERVER_FROM  setting (the default): the server is COPYDESK_BIN,
#                     named by copydesk.server.path; bundled: no setting and no
#                     copydesk on PATH, so the extension must start the server
#                     inside the .vsix (a platform .vsix, as a reporter gets it)
# COPYDESK_BIN        the server (default: $CARGO_TARGET_DIR/release/copydesk,
#                     else target/release/copydesk; build it first)
# COPYDESK_VSIX       the extension (default: editors/vscode/copydesk.vsix,
#                     built with editors/vscode/build.sh when missing or older
#                     than the extension's sources; required with bundled)
# COPYDESK_ARTEFACTS  where screenshots and logs go (default:
#                     editors/tests/vscode-web/artefacts)
# COPYDESK_SKIP_VSCODE_WEB=1  skips this tier, for local runs only: it is
#                     ignored when CI is set.
#
# Installs what is missing (apt-get: chromium, libkrb5-dev, pkg-config,
# build-essential, ripgrep; npm ci in editors/tests/vscode-web), from the
# package registries only: @vscode/ripgrep's postinstall would download rg
# from outside, so its cache is seeded with Debian's rg. Every step has a
# time limit. Prints PASS/FAIL lines, then "N passed, M failed", and exits 1
# when anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
web="$here/vscode-web"
label=vscode-web

if [ "${COPYDESK_SKIP_VSCODE_WEB:-}" = 1 ]; then
  if [ -n "${CI:-}" ]; then
    echo "$label: COPYDESK_SKIP_VSCODE_WEB=1 is ignored in CI (CI=$CI); running"
  else
    echo "$label: skipped (COPYDESK_SKIP_VSCODE_WEB=1; never skipped in CI)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
  fi
fi

passed=0
failed=0
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
pass() {
  echo "PASS $label: $1"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL $label: $1"
  failed=$((failed + 1))
}
die() {
  fail "$1"
  summary || exit 1
}
secs() { echo $(($(date +%s) - $1)); }
t_start=$(date +%s)

server_from="${COPYDESK_SERVER_FROM:-setting}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
bin="${COPYDESK_BIN:-$target_dir/release/copydesk}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
case "$server_from" in
  setting)
    [ -x "$bin" ] || die "setup: no copydesk binary at $bin (run cargo build --release, or set COPYDESK_BIN)" ;;
  bundled)
    [ -n "${COPYDESK_VSIX:-}" ] || die "setup: COPYDESK_SERVER_FROM=bundled needs COPYDESK_VSIX, a platform .vsix with the server inside (editors/vscode/build.sh --target linux-x64 --server …)" ;;
  *) die "setup: COPYDESK_SERVER_FROM is $server_from; it must be setting or bundled" ;;
esac

artefacts="${COPYDESK_ARTEFACTS:-$web/artefacts}"
mkdir -p "$artefacts"
artefacts="$(cd "$artefacts" && pwd)"
rm -f "$artefacts"/vscode-web-*.png "$artefacts"/fail-*.png "$artefacts"/code-server*.log

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
[ "$node_major" = 20 ] || die "setup: code-server 4.100.3 needs Node.js 20, this is ${node_major} ($(command -v node || echo 'no node'))"

# --- installs, only what is missing -----------------------------------------

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
for p in chromium libkrb5-dev pkg-config build-essential ripgrep; do
  installed "$p" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  t=$(date +%s)
  echo "installing ${need[*]} (apt)"
  as_root timeout 300 apt-get update -qq || die "setup: apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive timeout 900 \
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "setup: apt-get install ${need[*]} failed"
  echo "apt packages installed in $(secs "$t") s"
fi

chrome=""
for c in /usr/lib/chromium/chromium /usr/bin/chromium; do
  if [ -x "$c" ]; then chrome="$c"; break; fi
done
[ -n "$chrome" ] || die "setup: Debian's chromium is not installed (/usr/lib/chromium/chromium)"

# A sandbox for everything code-server, npm and Chromium write.
tmp="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-vscode-web.XXXXXX")"
cs_pid=""
cleanup() {
  if [ -n "$cs_pid" ]; then
    # code-server runs in its own process group (setsid): the extension host
    # and the copydesk server go with it.
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 -- "-$cs_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp"/{home,config,data,cache,tmp,user-data/User,extensions,workspace}

# npm ci in editors/tests/vscode-web, when node_modules is missing or was
# installed from another lock file or Node.js.
stamp="$web/node_modules/.copydesk-install-stamp"
want_stamp="$(cat "$web/package-lock.json" <(node --version) | sha256sum | cut -d' ' -f1)"
code_server="$web/node_modules/code-server/out/node/entry.js"
if [ ! -f "$code_server" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ]; then
  t=$(date +%s)
  echo "installing code-server and playwright-core (npm ci in editors/tests/vscode-web)"
  # @vscode/ripgrep (inside code-server) downloads rg from outside in its
  # postinstall unless $TMPDIR/vscode-ripgrep-cache-<its version> already
  # holds the release archive: seed it with Debian's rg.
  # code-server 4.100.3 pins @vscode/ripgrep 1.15.11 (lib/vscode/
  # npm-shrinkwrap.json), which fetches ripgrep v13.0.0-10.
  npm_tmp="$tmp/npm-tmp"
  mkdir -p "$npm_tmp/rg" "$npm_tmp/vscode-ripgrep-cache-1.15.11"
  cp "$(command -v rg)" "$npm_tmp/rg/rg"
  tar czf "$npm_tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" \
    -C "$npm_tmp/rg" rg
  nodedir=()
  # node-gyp would download Node's headers; Debian's/NodeSource's nodejs
  # ships them in /usr/include/node.
  if [ -f /usr/include/node/common.gypi ]; then nodedir=(npm_config_nodedir=/usr); fi
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which must not prompt.
  # build_from_source: argon2 (node-pre-gyp) and kerberos (prebuild-install)
  # would first try to download prebuilt binaries from outside; compile them.
  (cd "$web" && env TMPDIR="$npm_tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    npm_config_unsafe_perm=true npm_config_yes=true npm_config_build_from_source=true "${nodedir[@]}" \
    timeout 1200 npm ci --no-audit --no-fund --loglevel=error >"$tmp/npm-ci.log" 2>&1) || {
    tail -n 40 "$tmp/npm-ci.log"
    cp "$tmp/npm-ci.log" "$artefacts/npm-ci.log" || true
    die "setup: npm ci in editors/tests/vscode-web failed (log above)"
  }
  [ -x "$web/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || die "setup: @vscode/ripgrep has no rg after npm ci"
  echo "$want_stamp" >"$stamp"
  echo "npm ci took $(secs "$t") s"
fi

# --- the extension -------------------------------------------------------------

vsix="${COPYDESK_VSIX:-$repo/editors/vscode/copydesk.vsix}"
if [ -z "${COPYDESK_VSIX:-}" ]; then
  stale=""
  if [ -f "$vsix" ]; then
    stale="$(find "$repo/editors/vscode/src" "$repo/editors/vscode/package.json" \
      "$repo/editors/vscode/package-lock.json" -newer "$vsix" -print -quit)"
  fi
  if [ ! -f "$vsix" ] || [ -n "$stale" ]; then
    t=$(date +%s)
    echo "building the .vsix (editors/vscode/build.sh)"
    timeout 600 bash "$repo/editors/vscode/build.sh" >"$tmp/vsix-build.log" 2>&1 || {
      tail -n 40 "$tmp/vsix-build.log"
      die "setup: editors/vscode/build.sh failed (log above)"
    }
    echo "built the .vsix in $(secs "$t") s"
  fi
fi
[ -f "$vsix" ] || die "setup: no .vsix at $vsix"

export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
  XDG_CACHE_HOME="$tmp/cache" TMPDIR="$tmp/tmp"
export COPYDESK_LOG="${COPYDESK_LOG:-warn}"
node_bin="$(command -v node)"
code_server_cmd=("$node_bin" "$code_server" --user-data-dir "$tmp/user-data" --extensions-dir "$tmp/extensions")

# With the server bundled, code-server (and so the extension host) runs with
# a PATH that has no copydesk on it, as on a reporter's machine.
if [ "$server_from" = bundled ]; then
  clean_path=""
  IFS=: read -r -a path_dirs <<<"$PATH"
  for d in "${path_dirs[@]}"; do
    [ -n "$d" ] && [ ! -x "$d/copydesk" ] && clean_path="${clean_path:+$clean_path:}$d"
  done
  export PATH="$clean_path"
  if found="$(command -v copydesk)"; then
    die "setup: copydesk is still on PATH at $found"
  fi
  pass "no copydesk on PATH and no copydesk.server.path: the server can only come from the .vsix"
fi

# User settings: with COPYDESK_SERVER_FROM=setting the server is the binary
# under test, named by the setting (trust is off so the setting is honoured
# without a prompt); nothing that phones home or pops up over the editor.
# copydesk.transcriptHints is on, so the ✓ 00:12:38 hint after a quote found
# word for word in the transcript shows the setting reaching the server.
"$node_bin" - "$server_from" "$bin" >"$tmp/user-data/User/settings.json" <<'EOF'
const [from, bin] = process.argv.slice(2);
console.log(JSON.stringify({
  ...(from === "setting" ? { "copydesk.server.path": bin } : {}),
  "copydesk.transcriptHints": true,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.colorTheme": "Default Light Modern",
  "chat.commandCenter.enabled": false,
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "editor.fontSize": 14,
  "git.enabled": false,
  "files.autoSave": "off"
}, null, 2));
EOF

out="$(timeout 120 "${code_server_cmd[@]}" --install-extension "$vsix" 2>&1)" || true
if grep -q "successfully installed" <<<"$out" && ls -d "$tmp/extensions"/copydesk.copydesk-* >/dev/null 2>&1; then
  pass "code-server --install-extension $(basename "$vsix") ($(basename "$(ls -d "$tmp/extensions"/copydesk.copydesk-*)"))"
else
  printf '%s\n' "$out" | tail -n 20
  die "code-server --install-extension $vsix did not install copydesk"
fi

cp "$repo/examples/harbour-closure.txt" "$web/drafts/library-hours.md" "$tmp/workspace/"
# A story with its copydesk.toml and interview transcript; drive.mjs edits
# the transcript, so the workspace holds a copy.
cp -r "$web/drafts/ferry" "$tmp/workspace/"

# --- code-server on a free loopback port ---------------------------------------

log="$tmp/code-server.log"
setsid "${code_server_cmd[@]}" --bind-addr 127.0.0.1:0 --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$tmp/workspace" >"$log" 2>&1 </dev/null &
cs_pid=$!
t=$(date +%s)
url=""
while [ "$(secs "$t")" -lt 60 ]; do
  url="$(sed -n 's|.*HTTP server listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$log" | head -n 1)"
  if [ -n "$url" ] && curl -fsS --max-time 5 "$url/healthz" >/dev/null 2>&1; then break; fi
  url=""
  kill -0 "$cs_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$url" ]; then
  tail -n 30 "$log"
  cp "$log" "$artefacts/code-server.log" || true
  die "code-server did not start within 60 s (log above)"
fi
pass "code-server $("$node_bin" "$code_server" --version 2>/dev/null | head -n 1 | cut -d' ' -f1) is up at $url"

# --- the browser ----------------------------------------------------------------

t=$(date +%s)
rc=0
(cd "$web" && COPYDESK_VSCODE_URL="$url" COPYDESK_WORKSPACE="$tmp/workspace" COPYDESK_SERVER_FROM="$server_from" \
  COPYDESK_ARTEFACTS="$artefacts" COPYDESK_CHROMIUM="$chrome" \
  timeout -k 10 300 "$node_bin" drive.mjs </dev/null >"$tmp/drive.log" 2>"$tmp/drive.err") || rc=$?
grep -E '^(PASS|FAIL) ' "$tmp/drive.log" || true
p=$(grep -c '^PASS ' "$tmp/drive.log" || true)
f=$(grep -c '^FAIL ' "$tmp/drive.log" || true)
passed=$((passed + p))
failed=$((failed + f))
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
  fail "drive.mjs exited with status $rc$([ "$rc" -eq 124 ] && echo ' (watchdog: 300 s)')"
fi
# drive.mjs makes eighteen checks: fewer passes and no failure means it
# skipped some.
if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -lt 18 ]; then
  fail "drive.mjs reported only $p of its 18 checks"
fi
if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
  echo "--- drive.mjs stdout (other lines) ---"
  grep -vE '^(PASS|FAIL) ' "$tmp/drive.log" | tail -n 20 || true
  echo "--- drive.mjs stderr ---"
  tail -n 30 "$tmp/drive.err" || true
  echo "--- code-server log ---"
  tail -n 30 "$log" || true
fi
cp "$log" "$artefacts/code-server.log" 2>/dev/null || true
echo "browser checks took $(secs "$t") s; screenshots in $artefacts:"
ls "$artefacts"/*.png 2>/dev/null | sed 's|^|  |' || true
echo "$label took $(secs "$t_start") s"

summary || exit 1
