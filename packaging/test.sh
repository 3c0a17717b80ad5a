#!/usr/bin/env bash
# Test what users install without Rust: builds the release wheel with maturin (from PyPI,
# into packaging/.venv) unless BEDROCK_LSP_WHEEL names one, then runs
# packaging/test_packages.py on it (wheel, npm, pre-commit, action, VSIX; `--only npm,…`
# to choose). Ends with a line `packages: N passed, N failed`; exits 1 on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
bin="$("$here/tools-venv.sh")"
if [ ! -d editors/vscode/node_modules/@vscode/vsce ]; then
  (cd editors/vscode && npm ci --no-audit --no-fund)
fi
if [ -n "${BEDROCK_LSP_WHEEL:-}" ]; then
  wheel="$BEDROCK_LSP_WHEEL"
else
  start=$SECONDS
  wheel="$("$here/build-wheel.sh" --out target/wheels)"
  echo "wheel built in $((SECONDS - start)) s: $wheel"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/bedrock-lsp-packages.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 "$here/test_packages.py" --wheel "$wheel" --work "$work" --pre-commit "$bin/pre-commit" --uv "$bin/uv" "$@"
