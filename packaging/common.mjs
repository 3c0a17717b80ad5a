// Shared by the packaging scripts: the version (Cargo.toml is the only source) and the
// platform table (npm/platforms.json).
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** `version` of Cargo.toml's [package] table. */
export function cargoVersion() {
  const text = fs.readFileSync(path.join(repo, "Cargo.toml"), "utf8");
  const pkg = text.split(/^\[/m).find((t) => t.startsWith("package]"));
  const m = pkg && pkg.match(/^version\s*=\s*"([^"]+)"/m);
  if (!m) throw new Error("no version in Cargo.toml's [package]");
  return m[1];
}

export function platforms() {
  return JSON.parse(fs.readFileSync(path.join(repo, "npm", "platforms.json"), "utf8"));
}

/** The platform row for an npm key (`linux-x64`) or a Rust target triple. */
export function platform(keyOrTarget) {
  const table = platforms();
  const row = table.platforms.find((p) => p.key === keyOrTarget || p.rustTarget === keyOrTarget);
  if (!row) {
    const keys = table.platforms.map((p) => p.key).join(", ");
    throw new Error(`unknown platform ${keyOrTarget} (known: ${keys})`);
  }
  return { ...row, name: `${table.scope}/${row.key}` };
}

/** The host's platform key, as the npm launcher computes it. */
export function hostKey() {
  if (process.platform === "linux") {
    const musl = !process.report?.getReport().header.glibcVersionRuntime;
    return `linux-${process.arch}${musl ? "-musl" : ""}`;
  }
  return `${process.platform}-${process.arch}`;
}

/** Parse `--name value` pairs and bare flags. */
export function args(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith("--")) out[a.slice(2)] = true;
    else {
      out[a.slice(2)] = next;
      i++;
    }
  }
  return out;
}
