#!/usr/bin/env bash
# copydesk next to harper-ls on the same drafts: what each language server
# costs an editor (first diagnostics, keystroke -> diagnostics, peak RSS).
#
#   bash benches/harper/run.sh            # from the repository root
#
# 1. Installs harper-ls (pinned, `cargo install --locked`) into
#    $HARPER_ROOT (default $CARGO_TARGET_DIR/harper-ls, or target/harper-ls),
#    unless that version is already there; prints how long it took. harper-ls
#    is never a dependency of copydesk: only this script installs it.
# 2. Builds copydesk (`cargo build --release`) and writes the generated
#    drafts (`COPYDESK_BENCH_DUMP=... cargo bench --bench analysis`); uses
#    the 2,051-word one (the "~1,800-word" class) and examples/harbour-closure.txt.
# 3. Runs compare.py (standard library Python) on both servers and prints a
#    Markdown table on stdout; progress goes to stderr.
#
# Environment: HARPER_VERSION (default 3.0.0, the newest on crates.io that
# builds with rustc 1.95), HARPER_ROOT, LANGUAGE_IDS (default "plaintext";
# "plaintext markdown" runs both), EDITS (200), WARMUP (10), DRAFTS (a
# space-separated list of files to use instead of the two above), NICE
# (prefix for the compiles, default "nice -n 19").
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
case $CARGO_TARGET_DIR in /*) ;; *) CARGO_TARGET_DIR=$repo/$CARGO_TARGET_DIR ;; esac
HARPER_VERSION=${HARPER_VERSION:-3.0.0}
HARPER_ROOT=${HARPER_ROOT:-$CARGO_TARGET_DIR/harper-ls}
LANGUAGE_IDS=${LANGUAGE_IDS:-plaintext}
EDITS=${EDITS:-200}
WARMUP=${WARMUP:-10}
NICE=${NICE:-nice -n 19}
out=$CARGO_TARGET_DIR/harper-bench
mkdir -p "$out"

say() { printf '%s\n' "$*" >&2; }

# --- 1. harper-ls -------------------------------------------------------------
harper=$HARPER_ROOT/bin/harper-ls
have=$("$harper" --version 2>/dev/null | awk '{print $NF}' || true)
if [ "$have" = "$HARPER_VERSION" ]; then
    took=$(cat "$HARPER_ROOT/install-seconds" 2>/dev/null || echo '?')
    say "harper-ls $HARPER_VERSION already installed in $HARPER_ROOT (its install took ${took} s)"
else
    say "installing harper-ls $HARPER_VERSION into $HARPER_ROOT (a few minutes on 2 cores) ..."
    start=$(date +%s)
    $NICE cargo install harper-ls --version "=$HARPER_VERSION" --locked --root "$HARPER_ROOT" >&2
    took=$(( $(date +%s) - start ))
    echo "$took" > "$HARPER_ROOT/install-seconds"
    say "harper-ls $HARPER_VERSION installed in ${took} s"
fi
harper_install_seconds=$took

# --- 2. copydesk and the drafts -------------------------------------------------
say "building copydesk (release) ..."
$NICE cargo build --release --quiet >&2
copydesk=$CARGO_TARGET_DIR/release/copydesk

if [ -n "${DRAFTS:-}" ]; then
    read -r -a drafts <<< "$DRAFTS"
else
    if [ ! -s "$out/drafts/2k_words.txt" ]; then
        say "writing the generated drafts to $out/drafts ..."
        COPYDESK_BENCH_DUMP=$out/drafts $NICE cargo bench --quiet --bench analysis -- --test >&2
    fi
    drafts=("$out/drafts/2k_words.txt" "$repo/examples/harbour-closure.txt")
fi

# --- 3. measure -------------------------------------------------------------------
args=()
for d in "${drafts[@]}"; do args+=(--draft "$d"); done
start=$(date +%s)
for lang in $LANGUAGE_IDS; do
    python3 "$here/compare.py" \
        --server "copydesk=$copydesk lsp" \
        --server "harper-ls=$harper --stdio" \
        "${args[@]}" \
        --language-id "$lang" --edits "$EDITS" --warmup "$WARMUP" \
        --workdir "$out/work-$lang" --json "$out/results-$lang.json"
    echo
done
echo "harper-ls install: ${harper_install_seconds} s (\`cargo install harper-ls --version =$HARPER_VERSION --locked\`, once; cached in $HARPER_ROOT)."
echo "Measuring took $(( $(date +%s) - start )) s; raw results in $out/results-*.json, server logs in $out/work-*/."
