#!/usr/bin/env bash
# The packaging tools, from PyPI, in packaging/.venv (pinned): maturin builds the wheels,
# pre-commit and uv (uvx) run the hook and uvx tests; EXTRA_TOOLS adds more (ziglang for cross builds and
# checks). Idempotent. Prints the venv's scripts directory (bin/, or Scripts/ on Windows).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
MATURIN="maturin==1.16.0"
PRE_COMMIT="pre-commit==4.7.0"
UV="uv==0.13.9"
if [ ! -x "$venv/bin/python" ] && [ ! -x "$venv/Scripts/python.exe" ]; then
  "${PYTHON:-$(command -v python3 || command -v python)}" -m venv "$venv" >&2
fi
if [ -x "$venv/Scripts/python.exe" ]; then bin="$venv/Scripts"; else bin="$venv/bin"; fi
have_pre_commit() { [ -x "$bin/pre-commit" ] || [ -x "$bin/pre-commit.exe" ]; }
if [ "$("$bin/maturin" --version 2>/dev/null)" != "maturin ${MATURIN#maturin==}" ] ||
   ! have_pre_commit || { [ ! -x "$bin/uv" ] && [ ! -x "$bin/uv.exe" ]; } || [ -n "${EXTRA_TOOLS:-}" ]; then
  # shellcheck disable=SC2086 # EXTRA_TOOLS is a list of requirements
  "$bin/python" -m pip install --disable-pip-version-check --quiet "$MATURIN" "$PRE_COMMIT" "$UV" ${EXTRA_TOOLS:-} >&2
fi
echo "$bin"
