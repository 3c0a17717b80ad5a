// Build one VS Code extension package per target, bundling that target's server binary.
//
//   node packaging/vsix.mjs --target linux-x64 --bin path/to/bedrock-lsp --out DIR
//
// --target is a VS Code target (linux-x64, linux-arm64, alpine-x64, alpine-arm64,
// darwin-x64, darwin-arm64, win32-x64), an npm platform key or a Rust target triple
// (npm/platforms.json maps them). --bin should be the stripped release binary (the one in
// that target's wheel: packaging/binary-from-wheel.py); copy-server.mjs strips it again when
// it can. Runs `vsce package --target` in editors/vscode (its vscode:prepublish builds the
// extension and copies the server) and writes DIR/bedrock-lsp-TARGET-VERSION.vsix, the file
// both the VS Code Marketplace (`vsce publish --packagePath`) and Open VSX
// (`ovsx publish --packagePath`) take.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { args, cargoVersion, platforms, repo } from "./common.mjs";

const opt = args();
if (!opt.target || !opt.bin || !opt.out) {
  console.error("usage: node packaging/vsix.mjs --target TARGET --bin FILE --out DIR");
  process.exit(2);
}
const row = platforms().platforms.find(
  (p) => p.vscode === opt.target || p.key === opt.target || p.rustTarget === opt.target,
);
if (!row) throw new Error(`unknown target ${opt.target}`);
const version = cargoVersion();
const ext = path.join(repo, "editors", "vscode");
const manifest = JSON.parse(fs.readFileSync(path.join(ext, "package.json"), "utf8"));
if (manifest.version !== version) {
  throw new Error(`editors/vscode/package.json has version ${manifest.version}, Cargo.toml ${version}`);
}
const out = path.resolve(opt.out);
fs.mkdirSync(out, { recursive: true });
const vsix = path.join(out, `bedrock-lsp-${row.vscode}-${version}.vsix`);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
execFileSync(npx, ["vsce", "package", "--no-dependencies", "--target", row.vscode, "--out", vsix], {
  cwd: ext,
  stdio: "inherit",
  shell: process.platform === "win32",
  env: {
    ...process.env,
    BEDROCK_LSP_BIN: path.resolve(opt.bin),
    BEDROCK_LSP_EXE_NAME: row.exe,
  },
});
console.log(`${vsix} (${fs.statSync(vsix).size} bytes)`);
