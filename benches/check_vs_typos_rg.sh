#!/usr/bin/env bash
# Benchmark (issue 19): `bedrock-lsp check` against `typos` and ripgrep, side by side in one run
# over the same real tree, page cache warm.
#
# usage: benches/check_vs_typos_rg.sh [TREE] [RUNS]
#   TREE  defaults to $BEDROCK_CORPUS or /work/corpus: the materialized real-world corpus
#         (python3 tools/realworld/materialize.py re-creates it from tools/realworld/corpus.toml)
#   RUNS  timed runs per tool after one warm-up run (default 10)
#
# Times, each RUNS times (median wall time):
#   check:  bedrock-lsp check --no-config --format json TREE   (release build; findings to
#           /dev/null; --no-config so a configuration file in the tree changes nothing)
#   typos:  typos TREE                                          (the PyPI package `typos`, its
#           defaults; installed into $TYPOS_VENV, default target/typos-venv, when missing)
#   rg:     rg --hidden -c PROVIDER_REGEX TREE                  (counts to /dev/null)
# Exit codes are ignored (check and typos exit 1 when they find something).
# Prints the median wall times, the mean CPU times (user + system; steadier when other
# jobs share the machine) and the ratios. Targets: typos/check >= 5, check/rg <= 3.
# Uses hyperfine when installed (its JSON export for the medians), else bash's clock.
# BEDROCK_LSP_BIN: time this binary instead of building target/release/bedrock-lsp.
# BEDROCK_LSP_BIN_BEFORE: also time this one (e.g. a build of the previous commit), as
# "check-before", interleaved in the same run (hyperfine only).
# ripgrep and hyperfine: `apt-get install ripgrep hyperfine` (the Debian packages) or
# `cargo install ripgrep hyperfine`; the script installs ripgrep with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

TREE="${1:-${BEDROCK_CORPUS:-/work/corpus}}"
RUNS="${2:-10}"
VENV="${TYPOS_VENV:-target/typos-venv}"
REGEX='(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|twelvelabs|stability|luma|moonshot|minimax|google|nvidia|zai)\.[a-z0-9-]+'

if [ ! -d "$TREE" ]; then
    echo "no tree at $TREE: run python3 tools/realworld/materialize.py first" >&2
    exit 2
fi
if ! command -v rg >/dev/null; then
    echo "installing ripgrep…" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y ripgrep >&2; else sudo apt-get install -y ripgrep >&2; fi
fi
if [ ! -x "$VENV/bin/typos" ]; then
    echo "installing typos into $VENV…" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet typos >&2
fi
TYPOS="$VENV/bin/typos"

if [ -n "${BEDROCK_LSP_BIN:-}" ]; then
    BIN="$BEDROCK_LSP_BIN"
else
    cargo build --release --quiet
    BIN=target/release/bedrock-lsp
fi
BEFORE="${BEDROCK_LSP_BIN_BEFORE:-}"
# The embedded catalog, not a user's cached one; a fixed day for the lifecycle checks.
export BEDROCK_LSP_CATALOG_DIR=/nonexistent-bedrock-lsp-bench
export BEDROCK_LSP_TODAY=2026-12-02

echo "tree: $TREE — $(find "$TREE" -type f | wc -l) files, $(du -sm "$TREE" | cut -f1) MB (du)"
echo "cpus: $(nproc); $(uname -sr)"
echo "check: $($BIN --version); typos: $($TYPOS --version); rg: $(rg --version | head -1)"
echo "check finds $("$BIN" check --no-config --format json "$TREE" 2>/dev/null | grep -c '"code"' || true) findings;" \
     "typos $("$TYPOS" "$TREE" 2>/dev/null | grep -c '^error' || true) typos;" \
     "rg $(rg --hidden -o "$REGEX" "$TREE" | wc -l) matches"

CHECK_CMD="$BIN check --no-config --format json $TREE >/dev/null 2>&1 || true"
TYPOS_CMD="$TYPOS $TREE >/dev/null 2>&1 || true"
RG_CMD="rg --hidden -c '$REGEX' $TREE >/dev/null 2>&1 || true"
BEFORE_ARGS=()
if [ -n "$BEFORE" ]; then
    BEFORE_ARGS=(-n check-before "$BEFORE check --no-config --format json $TREE >/dev/null 2>&1 || true")
fi

# shellcheck source=benches/timing.sh
source benches/timing.sh

if command -v hyperfine >/dev/null; then
    out=$(mktemp)
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$out" \
        -n check "$CHECK_CMD" -n typos "$TYPOS_CMD" -n rg "$RG_CMD" "${BEFORE_ARGS[@]}" >&2
    # Per tool: the median wall time and the CPU time (hyperfine's mean user + system per
    # run), the latter steadier on a machine other jobs share.
    read -r check_s typos_s rg_s check_cpu typos_cpu rg_cpu before_s before_cpu < <(python3 -c "
import json
r = json.load(open('$out'))['results']
r = r + r[:1] if len(r) == 3 else r
cpu = [x['user'] + x['system'] for x in r]
print(*(x['median'] for x in r[:3]), *cpu[:3], r[3]['median'], cpu[3])")
    rm -f "$out"
else
    check_s=$(time_runs "$CHECK_CMD")
    typos_s=$(time_runs "$TYPOS_CMD")
    rg_s=$(time_runs "$RG_CMD")
    check_cpu=0 typos_cpu=0 rg_cpu=0
    before_s=$check_s before_cpu=0
fi
[ -n "$BEFORE" ] || before_s=0

python3 - "$check_s" "$typos_s" "$rg_s" "$check_cpu" "$typos_cpu" "$rg_cpu" "$before_s" "$before_cpu" <<'EOF'
import sys
c, t, r, cc, tc, rc, b, bc = (float(x) for x in sys.argv[1:9])
cpu = cc > 0
print(f"{'':19} {'wall (median)':>14}" + (f" {'CPU user+sys (mean)':>22}" if cpu else ""))
for name, w, u in (("bedrock-lsp check", c, cc), ("typos", t, tc), ("rg", r, rc)):
    print(f"{name:19} {w * 1000:11.1f} ms" + (f" {u * 1000:19.1f} ms" if cpu else ""))
print(f"typos/check        {t / c:11.2f}x" + (f" {tc / cc:19.2f}x" if cpu else "")
      + "   (target >= 5x: check at least 5 times faster than typos)")
print(f"check/rg           {c / r:11.2f}x" + (f" {cc / rc:19.2f}x" if cpu else "")
      + "   (target <= 3x: check within 3 times rg)")
if b > 0:
    print(f"check-before       {b * 1000:11.1f} ms" + (f" {bc * 1000:19.1f} ms" if cpu else ""))
    print(f"typos/check-before {t / b:11.2f}x" + (f" {tc / bc:19.2f}x" if cpu else ""))
EOF
