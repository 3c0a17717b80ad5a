#!/usr/bin/env bash
# Build every release artifact of one target into OUT (what .github/workflows/release.yml
# runs on each runner; runs here for x86_64-unknown-linux-gnu):
#   bedrock_lsp-V-py3-none-PLATFORM.whl          PyPI (the binary is built once, here)
#   bedrock-lsp-KEY-V.tgz                         npm platform package (@bedrock-lsp/KEY)
#   bedrock-lsp-VSCODE_TARGET-V.vsix              VS Code Marketplace and Open VSX
#   bedrock-lsp-V-TRIPLE.tar.gz (.zip on Windows) GitHub release archive
#   + for x86_64-unknown-linux-gnu: the sdist and the npm launcher (bedrock-lsp-V.tgz)
#
#   packaging/release-target.sh TRIPLE OUT
#
# BEDROCK_LSP_WHEEL=path reuses an already built wheel of that target (CI's test does).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
target="${1:?usage: release-target.sh TRIPLE OUT}"
out="$(mkdir -p "${2:?usage: release-target.sh TRIPLE OUT}" && cd "$2" && pwd)"
version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' "$repo/Cargo.toml" | head -n1)"
py="$(command -v python3 || command -v python)"
primary=""
[ "$target" = x86_64-unknown-linux-gnu ] && primary=1

# 1. The wheel (the only compilation).
if [ -n "${BEDROCK_LSP_WHEEL:-}" ]; then
  cp "$BEDROCK_LSP_WHEEL" "$out/"
  wheel="$out/$(basename "$BEDROCK_LSP_WHEEL")"
  if [ -n "$primary" ]; then
    "$("$here/tools-venv.sh")/maturin" sdist --out "$out" --manifest-path "$repo/Cargo.toml" >&2
  fi
else
  wheel="$("$here/build-wheel.sh" --target "$target" --out "$out" ${primary:+--sdist})"
fi
echo "wheel: $wheel"

# 2. The binary, from the wheel.
bindir="$out/.bin-$target"
bin="$("$py" "$here/binary-from-wheel.py" "$wheel" "$bindir")"

# 3. npm: the platform package (and the launcher, once).
node "$here/npm-pack.mjs" --out "$out" --platform "$target" --bin "$bin" ${primary:+--launcher}
rm -rf "$out/stage"

# 4. The VS Code extension for this target.
if [ ! -d "$repo/editors/vscode/node_modules/@vscode/vsce" ]; then
  (cd "$repo/editors/vscode" && npm ci --no-audit --no-fund)
fi
node "$here/vsix.mjs" --target "$target" --bin "$bin" --out "$out"

# 5. The archive for the GitHub release: the binary and the README.
name="bedrock-lsp-$version-$target"
stage="$out/.archive/$name"
rm -rf "$out/.archive" && mkdir -p "$stage"
cp "$bin" "$stage/"
cp "$repo/README.md" "$stage/"
case "$target" in
  *windows*) (cd "$out/.archive" && "$py" -m zipfile -c "$out/$name.zip" "$name") ;;
  *) tar -C "$out/.archive" -czf "$out/$name.tar.gz" "$name" ;;
esac
rm -rf "$out/.archive" "$bindir"

# 6. Checksums of everything built here.
(cd "$out" && "$py" - "$target" <<'PY'
import hashlib, os, sys
lines = []
for f in sorted(os.listdir(".")):
    if os.path.isfile(f) and not f.startswith(("SHA256SUMS", ".")):
        lines.append("%s  %s\n" % (hashlib.sha256(open(f, "rb").read()).hexdigest(), f))
open("SHA256SUMS-" + sys.argv[1], "w").writelines(lines)
PY
)
ls -l "$out"
