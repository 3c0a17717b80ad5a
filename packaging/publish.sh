#!/usr/bin/env bash
# Publish the artifacts that release-target.sh built (the publish job of release.yml).
#
#   packaging/publish.sh --check DIST [TRIPLE…]  every target has its wheel, npm tarball, VSIX and
#                                               archive, plus the sdist and the npm launcher; puts
#                                               the wheels and sdist in DIST/pypi (default: all
#                                               targets of npm/platforms.json)
#   packaging/publish.sh --npm DIST             npm publish, platform packages before the launcher
#   packaging/publish.sh --vsix DIST            vsce publish and ovsx publish, each VSIX
#   packaging/publish.sh --github DIST          gh release create vVERSION with archives + sums
#   packaging/publish.sh --pre-commit DIST      push the pre-commit mirror, tag vVERSION
#
# DRY_RUN=1 prints the publishing commands instead of running them (--check always runs).
set -euo pipefail
shopt -s nullglob
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
mode="${1:?usage: publish.sh --check|--npm|--vsix|--github|--pre-commit DIST}"
dist="${2:?usage: publish.sh MODE DIST}"
shift 2
version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' "$repo/Cargo.toml" | head -n1)"
run() { if [ "${DRY_RUN:-}" = 1 ]; then echo "would run: $*"; else "$@"; fi; }
table() { node -e 'const t=require(process.argv[1]);for(const p of t.platforms)console.log([p.rustTarget,p.key,p.vscode].join(" "))' "$repo/npm/platforms.json"; }

case "$mode" in
  --check)
    missing=()
    want=("$@")
    while read -r triple key vscode; do
      if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " == *" $triple "* ]]; then continue; fi
      for f in "bedrock-lsp-$key-$version.tgz" "bedrock-lsp-$vscode-$version.vsix"; do
        [ -f "$dist/$f" ] || missing+=("$f")
      done
      [ -f "$dist/bedrock-lsp-$version-$triple.tar.gz" ] || [ -f "$dist/bedrock-lsp-$version-$triple.zip" ] ||
        missing+=("bedrock-lsp-$version-$triple archive")
    done < <(table)
    for f in "bedrock-lsp-$version.tgz" "bedrock_lsp-$version.tar.gz"; do
      [ -f "$dist/$f" ] || missing+=("$f")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "publish: missing from $dist: ${missing[*]}" >&2
      exit 1
    fi
    wheels=("$dist"/bedrock_lsp-"$version"-py3-none-*.whl)
    n_wheels=${#wheels[@]}
    n_want="$(if [ $# -gt 0 ]; then echo $#; else table | wc -l; fi)"
    [ "$n_wheels" -eq "$n_want" ] || { echo "publish: $n_wheels wheels for $n_want targets" >&2; exit 1; }
    mkdir -p "$dist/pypi"
    cp "${wheels[@]}" "$dist/bedrock_lsp-$version.tar.gz" "$dist/pypi/"
    echo "publish: $dist is complete for $version ($n_wheels targets)"
    ;;
  --npm)
    for f in "$dist"/bedrock-lsp-*-"$version".tgz; do
      run npm publish --access public --provenance "$f"
    done
    run npm publish --access public --provenance "$dist/bedrock-lsp-$version.tgz"
    ;;
  --vsix)
    for f in "$dist"/bedrock-lsp-*-"$version".vsix; do
      run npx --yes @vscode/vsce publish --packagePath "$f"
      run npx --yes ovsx publish --packagePath "$f"
    done
    ;;
  --github)
    cat "$dist"/SHA256SUMS-* >"$dist/SHA256SUMS"
    run gh release create "v$version" --title "bedrock-lsp $version" --generate-notes \
      "$dist"/bedrock-lsp-"$version"-*.tar.gz "$dist"/bedrock-lsp-"$version"-*.zip "$dist/SHA256SUMS"
    ;;
  --pre-commit)
    mirror="$dist/pre-commit-mirror"
    run git clone "https://x-access-token:${PRE_COMMIT_MIRROR_TOKEN:-}@github.com/bedrock-lsp/bedrock-lsp-pre-commit" "$mirror"
    run bash "$here/pre-commit-mirror.sh" "$mirror"
    run git -C "$mirror" push origin HEAD "v$version"
    ;;
  *) echo "publish.sh: unknown mode $mode" >&2; exit 2 ;;
esac
