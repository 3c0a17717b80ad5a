// Finding the bedrock-lsp binary: the `bedrock.server.path` setting, then a binary bundled
// in the extension (`server/`), then `PATH`. Pure apart from the injected file checks, so
// it is unit-tested without VS Code.

import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";

export type ServerSource = "setting" | "bundled" | "path";

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
    "bedrock-lsp: no server binary found. Install it with `cargo install --path .` from a clone of " +
    "bedrock-lsp (or put `bedrock-lsp` on PATH), or set bedrock.server.path. Looked at: " +
    r.tried.join("; ")
  );
}
