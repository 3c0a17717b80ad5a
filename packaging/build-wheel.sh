#!/usr/bin/env bash
# Build the bedrock-lsp wheel (maturin, `bindings = "bin"`: the release binary, stripped,
# in a py3-none-PLATFORM wheel; version from Cargo.toml) into OUT (default dist/).
#
#   packaging/build-wheel.sh [--target RUST_TRIPLE] [--out DIR] [--sdist]
#
# Without --target: the host (here x86_64-unknown-linux-gnu, a manylinux wheel). The
# release workflow passes its target; cross builds to Linux arm64 and musl use zig
# (`maturin build --zig`, ziglang from PyPI); macOS and Windows build on their own runners.
# The cargo build is `target/release` (or `target/TRIPLE/release`), shared with
# `cargo build --release`: dependencies are compiled once. Prints the wheel's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
target="" out="$repo/dist" sdist=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --sdist) sdist=1; shift ;;
    *) echo "build-wheel.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
args=(build --release --locked --out "$out" --manifest-path "$repo/Cargo.toml")
case "$target" in
  "") ;;
  *-linux-musl)
    EXTRA_TOOLS="ziglang==0.15.1" ; export EXTRA_TOOLS
    args+=(--target "$target" --zig --compatibility musllinux_1_2) ;;
  *-linux-gnu)
    # glibc 2.17 symbols at most, whatever the runner's glibc: one wheel for every distro.
    EXTRA_TOOLS="ziglang==0.15.1" ; export EXTRA_TOOLS
    args+=(--target "$target" --zig --compatibility manylinux2014) ;;
  *) args+=(--target "$target") ;;
esac
bin="$("$here/tools-venv.sh")"
mkdir -p "$out"
before="$(ls "$out"/*.whl 2>/dev/null || true)"
"$bin/maturin" "${args[@]}" >&2
if [ -n "$sdist" ]; then "$bin/maturin" sdist --out "$out" --manifest-path "$repo/Cargo.toml" >&2; fi
# The wheel just written: the newest one.
ls -t "$out"/bedrock_lsp-*.whl | head -n1
