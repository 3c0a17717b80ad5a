// Finding the bedrock-lsp binary, in this order:
//   1. the `bedrock.server.path` setting;
//   2. the project's environment, in each workspace folder: `.venv/bin/bedrock-lsp`
//      (`.venv\Scripts\bedrock-lsp.exe`; `pip install bedrock-lsp` / `uv add --dev`),
//      then the npm package's binary (`node_modules/@bedrock-lsp/<platform>/bin/`, which
//      needs no Node to start) and `node_modules/.bin/bedrock-lsp` (its launcher), so a
//      project gets the version it pins; only in a trusted workspace;
//   3. the binary bundled in this target's extension package (`server/`);
//   4. `PATH`.
// Pure apart from the injected file checks, so it is unit-tested without VS Code.

import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";

export type ServerSource = "setting" | "project" | "bundled" | "path";

export interface FoundServer {
  command: string;
  source: ServerSource;
}

export interface LookupEnv {
  /** The `bedrock.server.path` setting (may be empty). */
  configured: string | undefined;
  /** The extension's install directory. */
  extensionPath: string;
  /** The first workspace folder, for a relative `bedrock.server.path`. */
  workspaceFolder: string | undefined;
  /** Every workspace folder, searched for a project-local server (default: the first). */
  workspaceFolders?: string[];
  /** Whether the workspace is trusted: a project's own binaries are run only then. */
  trusted?: boolean;
  /** `process.arch`, for the npm platform package's name (default: x64). */
  arch?: string;
  /** Linux only: whether the C library is musl (default: false). */
  musl?: boolean;
  /** `process.env.PATH`. */
  pathVar: string | undefined;
  platform: NodeJS.Platform;
  home: string;
  isExecutable: (file: string) => boolean;
}

export interface LookupResult {
  found?: FoundServer;
  /** Every place looked at, in order, for the error message. */
  tried: string[];
  /** Set when `bedrock.server.path` names something that is not an executable file. */
  badSetting?: string;
}

export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "bedrock-lsp.exe" : "bedrock-lsp";
}

/** The places a project installs its own server, in the order they are tried. */
export function projectCandidates(folder: string, env: Pick<LookupEnv, "platform" | "arch" | "musl">): string[] {
  const name = binaryName(env.platform);
  const arch = env.arch ?? "x64";
  const npmKey =
    env.platform === "linux" ? `linux-${arch}${env.musl ? "-musl" : ""}` : `${env.platform}-${arch}`;
  const out = [
    env.platform === "win32"
      ? path.join(folder, ".venv", "Scripts", name)
      : path.join(folder, ".venv", "bin", name),
    path.join(folder, "node_modules", "@bedrock-lsp", npmKey, "bin", name),
  ];
  // The npm launcher: a Node script (`#!/usr/bin/env node`); on Windows a .cmd shim, which
  // cannot be spawned without a shell, so only the platform binary above is used there.
  if (env.platform !== "win32") out.push(path.join(folder, "node_modules", ".bin", name));
  return out;
}

export function expandConfigured(p: string, env: Pick<LookupEnv, "home" | "workspaceFolder">): string {
  let out = p.trim();
  if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) {
    out = path.join(env.home, out.slice(1));
  }
  if (env.workspaceFolder) {
    out = out.replace(/\$\{workspaceFolder\}/g, env.workspaceFolder);
  }
  if (!path.isAbsolute(out) && env.workspaceFolder) {
    out = path.resolve(env.workspaceFolder, out);
  }
  return out;
}

export function findServer(env: LookupEnv): LookupResult {
  const tried: string[] = [];
  const configured = env.configured?.trim();
  if (configured) {
    const p = expandConfigured(configured, env);
    tried.push(`bedrock.server.path: ${p}`);
    if (env.isExecutable(p)) {
      return { found: { command: p, source: "setting" }, tried };
    }
    // A setting that points nowhere is an error of its own: do not silently fall back.
    return { tried, badSetting: p };
  }
  const name = binaryName(env.platform);
  const folders = env.workspaceFolders ?? (env.workspaceFolder ? [env.workspaceFolder] : []);
  if (env.trusted ?? true) {
    for (const folder of folders) {
      for (const candidate of projectCandidates(folder, env)) {
        if (env.isExecutable(candidate)) {
          tried.push(`project: ${candidate}`);
          return { found: { command: candidate, source: "project" }, tried };
        }
      }
    }
    if (folders.length > 0) tried.push(`project: no .venv or node_modules server in ${folders.join(", ")}`);
  } else if (folders.length > 0) {
    tried.push("project: skipped (the workspace is not trusted)");
  }
  const bundled = path.join(env.extensionPath, "server", name);
  tried.push(`bundled: ${bundled}`);
  if (env.isExecutable(bundled)) {
    return { found: { command: bundled, source: "bundled" }, tried };
  }
  const sep = env.platform === "win32" ? ";" : ":";
  for (const dir of (env.pathVar ?? "").split(sep)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (env.isExecutable(candidate)) {
      tried.push(`PATH: ${candidate}`);
      return { found: { command: candidate, source: "path" }, tried };
    }
  }
  tried.push(`PATH: no ${name} in any PATH directory`);
  return { tried };
}

export function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function defaultHome(): string {
  return os.homedir();
}

/** The message shown when no server is found. */
export function notFoundMessage(r: LookupResult): string {
  if (r.badSetting) {
    return `bedrock-lsp: the setting bedrock.server.path points to ${r.badSetting}, which is not an executable file.`;
  }
  return (
    "bedrock-lsp: no server binary found. Install the extension for your platform (it bundles the " +
    "server), or `pip install bedrock-lsp` (into the project's .venv or onto PATH), or " +
    "`npm install --save-dev bedrock-lsp`, or set bedrock.server.path. Looked at: " +
    r.tried.join("; ")
  );
}

/** Linux: whether Node runs on musl (no glibc version in its report). */
export function isMusl(): boolean {
  if (process.platform !== "linux") return false;
  try {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    return !header?.glibcVersionRuntime;
  } catch {
    return fs.existsSync("/etc/alpine-release");
  }
}
