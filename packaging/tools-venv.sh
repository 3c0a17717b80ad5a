#!/usr/bin/env bash
# The packaging tools, from PyPI, in packaging/.venv (pinned): maturin builds the wheels,
# pre-commit runs the hook test. Idempotent. Prints the venv's bin directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
MATURIN="maturin==1.16.0"
PRE_COMMIT="pre-commit==4.7.0"
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv" >&2
fi
if [ "$("$venv/bin/maturin" --version 2>/dev/null)" != "maturin ${MATURIN#maturin==}" ] ||
   [ ! -x "$venv/bin/pre-commit" ] || [ -n "${EXTRA_TOOLS:-}" ]; then
  # shellcheck disable=SC2086 # EXTRA_TOOLS is a list of requirements
  "$venv/bin/python" -m pip install --disable-pip-version-check --quiet "$MATURIN" "$PRE_COMMIT" ${EXTRA_TOOLS:-} >&2
fi
echo "$venv/bin"
