// Build the npm tarballs: the `bedrock-lsp` launcher and one platform package.
//
//   node packaging/npm-pack.mjs --out DIR [--platform linux-x64 --bin path/to/bedrock-lsp] [--launcher]
//
// --platform takes an npm key or a Rust target (npm/platforms.json); --bin is that
// platform's (stripped) binary. The platform package is written from its row of
// platforms.json into DIR/stage/ and packed with `npm pack`; the launcher is packed from
// npm/bedrock-lsp. Versions come from Cargo.toml; a launcher whose package.json disagrees
// is refused (packaging/test-versions.sh checks the same). Prints the tarballs' paths.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { args, cargoVersion, platform, platforms, repo } from "./common.mjs";

const opt = args();
if (!opt.out || (!opt.platform && !opt.launcher)) {
  console.error("usage: node packaging/npm-pack.mjs --out DIR [--platform KEY --bin FILE] [--launcher]");
  process.exit(2);
}
const out = path.resolve(opt.out);
fs.mkdirSync(out, { recursive: true });
const version = cargoVersion();
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function pack(dir) {
  const json = execFileSync(npm, ["pack", "--json", "--pack-destination", out], {
    cwd: dir,
    encoding: "utf8",
    shell: process.platform === "win32",
  });
  const [info] = JSON.parse(json);
  const file = path.join(out, info.filename);
  console.log(`${file} (${info.size} bytes packed, ${info.unpackedSize} unpacked)`);
  return file;
}

if (opt.platform) {
  if (!opt.bin) throw new Error("--platform needs --bin");
  const row = platform(opt.platform);
  const stage = path.join(out, "stage", row.key);
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(path.join(stage, "bin"), { recursive: true });
  const exe = path.join(stage, "bin", row.exe);
  fs.copyFileSync(path.resolve(opt.bin), exe);
  fs.chmodSync(exe, 0o755);
  const manifest = {
    name: row.name,
    version,
    description: `The bedrock-lsp binary for ${row.key} (installed by the bedrock-lsp package)`,
    license: "MIT OR Apache-2.0",
    homepage: "https://github.com/bedrock-lsp/bedrock-lsp",
    repository: {
      type: "git",
      url: "git+https://github.com/bedrock-lsp/bedrock-lsp.git",
      directory: "npm",
    },
    os: [row.os],
    cpu: [row.cpu],
    ...(row.libc ? { libc: [row.libc] } : {}),
    files: [`bin/${row.exe}`, "README.md"],
    preferUnplugged: true,
  };
  fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  fs.writeFileSync(
    path.join(stage, "README.md"),
    `# ${row.name}\n\nThe \`bedrock-lsp\` binary for ${row.key} (Rust target \`${row.rustTarget}\`). ` +
      "Install `bedrock-lsp`, not this package: it picks the right platform package.\n",
  );
  pack(stage);
}

if (opt.launcher) {
  const dir = path.join(repo, "npm", "bedrock-lsp");
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const table = platforms();
  const want = Object.fromEntries(table.platforms.map((p) => [`${table.scope}/${p.key}`, version]));
  if (manifest.version !== version || JSON.stringify(manifest.optionalDependencies) !== JSON.stringify(want)) {
    throw new Error(
      `npm/bedrock-lsp/package.json: version ${manifest.version} or optionalDependencies ` +
        `disagree with Cargo.toml ${version} and npm/platforms.json`,
    );
  }
  pack(dir);
}
