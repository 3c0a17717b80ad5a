#!/usr/bin/env node
// The `bedrock-lsp` command of the npm package: runs the prebuilt binary that npm
// installed from this platform's package (@bedrock-lsp/<os>-<cpu>[-musl], an optional
// dependency: npm installs only the one matching `os`, `cpu` and `libc`). No Rust, no
// postinstall script. BEDROCK_LSP_BINARY overrides the binary (for testing a build).
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const SCOPE = "@bedrock-lsp";

function isMusl() {
  if (process.platform !== "linux") return false;
  try {
    // glibcVersionRuntime is set only when Node runs on glibc.
    if (process.report) {
      process.report.excludeNetwork = true;
      return !process.report.getReport().header.glibcVersionRuntime;
    }
  } catch {
    // fall through
  }
  return fs.existsSync("/etc/alpine-release");
}

/** The platform packages to try, best first. */
function packageNames(platform = process.platform, arch = process.arch, musl = isMusl()) {
  if (platform === "linux") {
    // A static musl build also runs on glibc: the fallback when only that one is installed.
    return musl
      ? [`${SCOPE}/linux-${arch}-musl`]
      : [`${SCOPE}/linux-${arch}`, `${SCOPE}/linux-${arch}-musl`];
  }
  return [`${SCOPE}/${platform}-${arch}`];
}

function exeName(platform = process.platform) {
  return platform === "win32" ? "bedrock-lsp.exe" : "bedrock-lsp";
}

/** The binary's path, or an Error saying what was looked for. */
function binaryPath() {
  const override = process.env.BEDROCK_LSP_BINARY;
  if (override) return override;
  const tried = [];
  for (const name of packageNames()) {
    const rel = `${name}/bin/${exeName()}`;
    tried.push(rel);
    try {
      return require.resolve(rel);
    } catch {
      // not installed: try the next one
    }
  }
  const err = new Error(
    `bedrock-lsp: no prebuilt binary for ${process.platform}-${process.arch} ` +
      `(looked for ${tried.join(", ")}). Reinstall without --omit=optional / --no-optional, ` +
      `or install bedrock-lsp from PyPI (pip install bedrock-lsp).`,
  );
  err.tried = tried;
  throw err;
}

function main() {
  let exe;
  try {
    exe = binaryPath();
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const r = spawnSync(exe, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
  if (r.error) {
    process.stderr.write(`bedrock-lsp: cannot run ${exe}: ${r.error.message}\n`);
    return 2;
  }
  if (r.signal) {
    // Die of the same signal, so the caller sees what the binary saw.
    process.kill(process.pid, r.signal);
    return 1;
  }
  return r.status ?? 1;
}

module.exports = { binaryPath, packageNames, exeName };

if (require.main === module) {
  process.exitCode = main();
}
