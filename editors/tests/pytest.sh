#!/usr/bin/env bash
# The pytest-lsp tier: copydesk driven by pytest-lsp's test client with the
# client capabilities it ships for Visual Studio Code, Neovim and Emacs
# (eglot), with its specification checks (and ours, editors/tests/pytest/
# spec_checks.py) turned into errors. See editors/tests/pytest/conftest.py.
#
#   editors/tests/pytest.sh [PYTEST ARGS...]      e.g. -k emacs, -x, -v
#
# COPYDESK_BIN is the server to test (default: target/release/copydesk in
# the repository; build it first). PYTHON is the interpreter (default
# python3, 3.10 or later). The pinned requirements (pytest/requirements.txt,
# from PyPI) go into a virtual environment in
# ${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-pytest-lsp, made once per
# requirements file and Python version and reused after that. Prints pytest's
# report, then "N passed, M failed", and exits 1 on any failure or error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
suite="$here/pytest"
bin="${COPYDESK_BIN:-$repo/target/release/copydesk}"
python="${PYTHON:-python3}"
t0=$(date +%s)

finish() { # passed failed [skipped]
  local line="$1 passed, $2 failed"
  [ "${3:-0}" -gt 0 ] && line="$line, $3 skipped"
  echo "$line"
  [ "$2" -eq 0 ]
}
setup_failed() {
  echo "FAIL setup: $*" >&2
  finish 0 1 || exit 1
}

case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
[ -x "$bin" ] || setup_failed "no copydesk binary at $bin (run cargo build --release, or set COPYDESK_BIN)"
command -v "$python" >/dev/null || setup_failed "no $python (set PYTHON)"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  setup_failed "$python is $("$python" --version 2>&1); pytest-lsp needs Python 3.10 or later"

# --- the virtual environment, made once per requirements and Python --------

cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/copydesk-pytest-lsp"
mkdir -p "$cache"
pyver="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
stamp="$( (cat "$suite/requirements.txt"; echo "$pyver") | sha256sum | cut -c1-16)"
venv="$cache/venv-py$pyver-$stamp"

install_requirements() {
  local pip=("$venv/bin/python" -m pip)
  if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    # A venv made without pip (Debian without python3-venv): the system pip
    # installs into it.
    pip=("$python" -m pip --python "$venv/bin/python")
  fi
  PIP_ROOT_USER_ACTION=ignore timeout 600 "${pip[@]}" install --quiet --no-input \
    --disable-pip-version-check --timeout 60 --retries 3 --only-binary=:all: \
    -r "$suite/requirements.txt"
}

(
  # One run at a time makes or checks the environment.
  flock -w 900 9 || { echo "waited 900 s for $cache/.lock" >&2; exit 1; }
  if [ -f "$venv/.complete" ]; then exit 0; fi
  echo "pytest-lsp tier: installing requirements.txt into $venv"
  rm -rf "$venv"
  if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
    # Debian's python3 without python3-venv has no ensurepip.
    rm -rf "$venv"
    "$python" -m venv --without-pip "$venv"
    "$python" -m pip --version >/dev/null 2>&1 || {
      echo "$python has neither venv with pip nor pip itself (apt-get install python3-venv or python3-pip)" >&2
      exit 1
    }
  fi
  install_requirements
  touch "$venv/.complete"
  # Environments for older requirements or other Pythons are not needed.
  find "$cache" -mindepth 1 -maxdepth 1 -type d -name 'venv-*' ! -path "$venv" -exec rm -rf {} +
) 9>"$cache/.lock" || setup_failed "could not install the requirements (see above)"
echo "pytest-lsp tier: environment ready in $(($(date +%s) - t0)) s ($("$venv/bin/python" -m pytest --version 2>&1), pytest-lsp $("$venv/bin/python" -c 'import pytest_lsp; print(pytest_lsp.__version__)'))"

# --- the tests ---------------------------------------------------------------

tmp="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-pytest-lsp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
rc=0
(
  cd "$suite"
  COPYDESK_BIN="$bin" PYTHONDONTWRITEBYTECODE=1 COPYDESK_LOG="${COPYDESK_LOG:-warn}" \
    timeout -k 10 600 "$venv/bin/python" -m pytest -p no:cacheprovider \
    --basetemp="$tmp/pytest" --junitxml="$tmp/junit.xml" "$@" </dev/null
) || rc=$?

# Counts from the JUnit report: pytest's exit status alone does not say how
# many, and a run killed by the watchdog or broken at collection still fails.
read -r passed failed skipped < <("$venv/bin/python" - "$tmp/junit.xml" <<'EOF'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print(0, 0, 0)
    raise SystemExit
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
n = lambda key: sum(int(s.get(key, 0)) for s in suites)
failed = n("failures") + n("errors")
skipped = n("skipped")
print(n("tests") - failed - skipped, failed, skipped)
EOF
)
case "$rc" in
  0 | 1) ;;
  124 | 137) echo "FAIL pytest: watchdog (600 s) ended the run" ;;
  5) echo "FAIL pytest: no tests ran" ;;
  *) echo "FAIL pytest: exited with status $rc" ;;
esac
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "pytest-lsp tier took $(($(date +%s) - t0)) s"
finish "$passed" "$failed" "$skipped" || exit 1
