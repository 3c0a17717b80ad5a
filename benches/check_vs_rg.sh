#!/usr/bin/env bash
# Benchmark: `bedrock-lsp check` against ripgrep over the same ~100 MB tree.
#
# usage: benches/check_vs_rg.sh [MEGABYTES] [RUNS]      (defaults: 100, 10)
#
# Generates a deterministic tree of mixed-language files (benches/gen_tree.py) in
# $BENCH_DIR (default: target/bench-tree; reused when it exists), builds the release
# binary, then times, RUNS times each after a warm-up run (warm page cache for both):
#   check:  bedrock-lsp check --format json TREE      (findings to /dev/null)
#   rg:     rg --hidden -c PROVIDER_REGEX TREE         (counts to /dev/null)
# and prints the median wall times and the ratio check/rg. Target: ratio <= 1.5.
# Uses hyperfine when installed (its JSON export for the medians), else bash's clock.
# ripgrep is installed with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

MB="${1:-100}"
RUNS="${2:-10}"
TREE="${BENCH_DIR:-target/bench-tree}"
REGEX='(ai21|amazon|anthropic|cohere|deepseek|google|luma|meta|minimax|mistral|moonshot|moonshotai|nvidia|openai|qwen|stability|twelvelabs|writer|xai|zai)\.[a-z0-9-]+'

if ! command -v rg >/dev/null; then
    echo "installing ripgrep…" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y ripgrep >&2; else sudo apt-get install -y ripgrep >&2; fi
fi

if [ ! -d "$TREE" ]; then
    python3 benches/gen_tree.py "$TREE" "$MB"
fi
cargo build --release --quiet
BIN=target/release/bedrock-lsp
export BEDROCK_LSP_CATALOG_DIR=/nonexistent-bedrock-lsp-bench

echo "tree: $TREE — $(find "$TREE" -type f | wc -l) files, $(du -sh "$TREE" | cut -f1)"
echo "cpus: $(nproc); rg: $(rg --version | head -1); check: $($BIN --version)"
echo "check finds $("$BIN" check --format json "$TREE" 2>/dev/null | grep -c '"code"') findings;" \
     "rg finds $(rg --hidden -o "$REGEX" "$TREE" | wc -l) matches"

CHECK_CMD="$BIN check --format json $TREE >/dev/null 2>&1 || true"
RG_CMD="rg --hidden -c '$REGEX' $TREE >/dev/null || true"

# shellcheck source=benches/timing.sh
source benches/timing.sh

if command -v hyperfine >/dev/null; then
    out=$(mktemp)
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$out" \
        -n check "$CHECK_CMD" -n rg "$RG_CMD" >&2
    check_s=$(python3 -c "import json,sys; r=json.load(open('$out'))['results']; print(r[0]['median'])")
    rg_s=$(python3 -c "import json,sys; r=json.load(open('$out'))['results']; print(r[1]['median'])")
    rm -f "$out"
else
    check_s=$(time_runs "$CHECK_CMD")
    rg_s=$(time_runs "$RG_CMD")
fi

python3 - "$check_s" "$rg_s" <<'EOF'
import sys
c, r = float(sys.argv[1]), float(sys.argv[2])
print(f"bedrock-lsp check: {c * 1000:.0f} ms (median)")
print(f"rg:                {r * 1000:.0f} ms (median)")
print(f"ratio check/rg:    {c / r:.2f}x  (target <= 1.5x)")
EOF
