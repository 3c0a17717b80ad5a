#!/usr/bin/env bash
# The steps of action.yml (the GitHub Action), as one script that also runs outside GitHub:
# install bedrock-lsp INPUT_VERSION from PyPI into a virtualenv under RUNNER_TEMP (no Rust),
# then run `bedrock-lsp check` on INPUT_ARGS with INPUT_FORMAT (github: pull-request
# annotations), and, when INPUT_SARIF_FILE is set, once more with --format sarif into that
# file for code scanning. Exit code: check's (0 clean, 1 error-level findings, 2 usage).
set -euo pipefail
version="${INPUT_VERSION:?INPUT_VERSION is required}"
format="${INPUT_FORMAT:-github}"
sarif="${INPUT_SARIF_FILE:-}"
# Word-split on purpose: `args: src/ --region us-east-1`. Empty: the current directory,
# reported as `app.py` rather than `./app.py` (annotations want repository-relative paths).
read -r -a paths <<<"${INPUT_ARGS:-}"
cd "${INPUT_WORKING_DIRECTORY:-.}"

venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/bedrock-lsp-$version"
if [ ! -x "$venv/bin/bedrock-lsp" ] && [ ! -x "$venv/Scripts/bedrock-lsp.exe" ]; then
  python="$(command -v python3 || command -v python)"
  "$python" -m venv "$venv"
  if [ -x "$venv/Scripts/python.exe" ]; then vpy="$venv/Scripts/python.exe"; else vpy="$venv/bin/python"; fi
  "$vpy" -m pip install --disable-pip-version-check --quiet "bedrock-lsp==$version"
fi
if [ -x "$venv/Scripts/bedrock-lsp.exe" ]; then exe="$venv/Scripts/bedrock-lsp.exe"; else exe="$venv/bin/bedrock-lsp"; fi
"$exe" --version

status=0
if [ -n "$sarif" ]; then
  mkdir -p "$(dirname "$sarif")"
  "$exe" check --format sarif ${paths[@]+"${paths[@]}"} >"$sarif" || status=$?
  if [ "$status" -ge 2 ]; then exit "$status"; fi
fi
status=0
"$exe" check --format "$format" ${paths[@]+"${paths[@]}"} || status=$?
exit "$status"
