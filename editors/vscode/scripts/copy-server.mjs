// Copy the server binary into server/ so that `vsce package` bundles it. Takes
// BEDROCK_LSP_BIN when set (packaging/vsix.mjs passes the target's release binary, named
// BEDROCK_LSP_EXE_NAME inside the package), else the repository's release build, else its
// debug build; without any, the extension is packaged without a server (it then uses
// bedrock.server.path, the project's environment or PATH) and this says so.
// The copy is stripped of debug info and symbols (`strip`, when the binary is one the
// host's strip understands): a debug build is ~100 MB with them, the release binary ~18 MB.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..", "..");
const hostExe = process.platform === "win32" ? "bedrock-lsp.exe" : "bedrock-lsp";
const exe = process.env.BEDROCK_LSP_EXE_NAME || hostExe;
const candidates = [
  process.env.BEDROCK_LSP_BIN,
  path.join(repo, "target", "release", hostExe),
  path.join(repo, "target", "debug", hostExe),
].filter(Boolean);
const outDir = path.resolve(here, "..", "server");
fs.rmSync(outDir, { recursive: true, force: true });
const found = candidates.find((c) => fs.existsSync(c));
if (!found) {
  console.warn(`copy-server: no server binary (looked at ${candidates.join(", ")}); packaging without one`);
  process.exit(0);
}
fs.mkdirSync(outDir, { recursive: true });
const dest = path.join(outDir, exe);
fs.copyFileSync(found, dest);
fs.chmodSync(dest, 0o755);
const before = fs.statSync(dest).size;
let note = "";
if (process.platform !== "win32" && !exe.endsWith(".exe")) {
  const r = spawnSync("strip", [dest], { encoding: "utf8" });
  if (r.status === 0) {
    note = `, stripped ${(before / 1e6).toFixed(1)} MB -> ${(fs.statSync(dest).size / 1e6).toFixed(1)} MB`;
  } else {
    // A binary for another platform (a Mach-O on Linux): it comes stripped from its wheel.
    note = `, not stripped here (${(r.stderr || r.error?.message || "").trim().split("\n")[0]})`;
  }
}
console.log(`copy-server: bundled ${found} as server/${exe}${note}`);
