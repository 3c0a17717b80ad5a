#!/usr/bin/env bash
# Write the pre-commit mirror repository (github.com/bedrock-lsp/bedrock-lsp-pre-commit):
# a `language: python` hook whose `pip install .` installs the bedrock-lsp wheel of this
# version, so users need no Rust (ruff-pre-commit's pattern). The hook definition is this
# repository's .pre-commit-hooks.yaml with the language changed; the version is Cargo.toml's.
#
#   packaging/pre-commit-mirror.sh OUTDIR     # OUTDIR becomes a git repo tagged vVERSION
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
out="${1:?usage: pre-commit-mirror.sh OUTDIR}"
version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' "$repo/Cargo.toml" | head -n1)"
[ -n "$version" ] || { echo "no version in Cargo.toml" >&2; exit 2; }

mkdir -p "$out/_backend"
for f in README.md pyproject.toml _backend/backend.py; do
  sed "s/@VERSION@/$version/g" "$here/pre-commit-mirror/$f" >"$out/$f"
done
# The hook: the first entry of the main repository's hook file (id bedrock-lsp, the same
# `files` pattern), installed as a Python package instead of built with cargo.
awk '
  /^- id: / { n++ }
  n == 1 || (n == 0 && /^#/) { print }
' "$repo/.pre-commit-hooks.yaml" |
  sed -e 's/^  language: rust$/  language: python/' \
      -e '/^#/d' >"$out/.pre-commit-hooks.yaml.body"
{
  echo "# pre-commit hook for bedrock-lsp $version: runs the prebuilt wheel from PyPI (no Rust)."
  cat "$out/.pre-commit-hooks.yaml.body"
} >"$out/.pre-commit-hooks.yaml"
rm "$out/.pre-commit-hooks.yaml.body"
grep -q '^  language: python$' "$out/.pre-commit-hooks.yaml" || {
  echo "pre-commit-mirror: the first hook of .pre-commit-hooks.yaml is not language: rust/python" >&2
  exit 2
}

cd "$out"
[ -d .git ] || git init -q
git add -A
git -c user.name=bedrock-lsp -c user.email=release@bedrock-lsp.invalid \
  commit -q --allow-empty -m "bedrock-lsp $version"
git tag -f "v$version" >/dev/null
echo "pre-commit mirror for $version in $out (tag v$version)"
