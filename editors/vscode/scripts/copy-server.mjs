// Copy the server binary of the current platform into server/ so that `vsce package`
// bundles it. Takes BEDROCK_LSP_BIN when set, else the repository's release build, else
// its debug build; without any, the extension is packaged without a server (it then uses
// bedrock.server.path or PATH) and this says so.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..", "..");
const exe = process.platform === "win32" ? "bedrock-lsp.exe" : "bedrock-lsp";
const candidates = [
  process.env.BEDROCK_LSP_BIN,
  path.join(repo, "target", "release", exe),
  path.join(repo, "target", "debug", exe),
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
console.log(`copy-server: bundled ${found} (${process.platform}-${process.arch}) as server/${exe}`);
