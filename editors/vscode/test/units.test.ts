// Unit tests of the extension's pure parts: finding the server, the settings it sends,
// the ID under the cursor, and the document selector.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { findServer, notFoundMessage, type LookupEnv } from "../src/serverPath";
import { explicitSettings, rustLog, SERVER_KEYS } from "../src/settings";
import { idAt } from "../src/modelId";
import { LANGUAGES, documentSelector } from "../src/selector";
import { parseLogLine } from "../src/logLines";
import { describeStatus } from "../src/status";

function env(over: Partial<LookupEnv>, executables: string[]): LookupEnv {
  return {
    configured: "",
    extensionPath: "/ext",
    workspaceFolder: "/ws",
    pathVar: "/usr/local/bin:/usr/bin",
    platform: "linux",
    home: "/home/u",
    isExecutable: (f) => executables.includes(f),
    ...over,
  };
}

test("server lookup: setting, then bundled, then PATH", () => {
  const all = ["/opt/bedrock-lsp", "/ext/server/bedrock-lsp", "/usr/bin/bedrock-lsp"];
  assert.deepEqual(findServer(env({ configured: "/opt/bedrock-lsp" }, all)).found, {
    command: "/opt/bedrock-lsp",
    source: "setting",
  });
  assert.deepEqual(findServer(env({}, all)).found, { command: "/ext/server/bedrock-lsp", source: "bundled" });
  assert.deepEqual(findServer(env({}, ["/usr/bin/bedrock-lsp"])).found, {
    command: "/usr/bin/bedrock-lsp",
    source: "path",
  });
});

test("server lookup: setting, then the project's .venv and node_modules, then bundled, then PATH", () => {
  const venv = "/ws/.venv/bin/bedrock-lsp";
  const npmBin = "/ws/node_modules/@bedrock-lsp/linux-x64/bin/bedrock-lsp";
  const npmLauncher = "/ws/node_modules/.bin/bedrock-lsp";
  const rest = ["/ext/server/bedrock-lsp", "/usr/bin/bedrock-lsp"];
  const all = ["/opt/bedrock-lsp", venv, npmBin, npmLauncher, ...rest];
  assert.equal(findServer(env({ configured: "/opt/bedrock-lsp" }, all)).found?.source, "setting");
  assert.deepEqual(findServer(env({}, all)).found, { command: venv, source: "project" });
  assert.deepEqual(findServer(env({}, [npmBin, npmLauncher, ...rest])).found, { command: npmBin, source: "project" });
  assert.deepEqual(findServer(env({}, [npmLauncher, ...rest])).found, { command: npmLauncher, source: "project" });
  assert.equal(findServer(env({}, rest)).found?.source, "bundled");
  // The platform package's name follows arch and libc.
  const arm = "/ws/node_modules/@bedrock-lsp/linux-arm64-musl/bin/bedrock-lsp";
  assert.equal(findServer(env({ arch: "arm64", musl: true }, [npmBin, arm])).found?.command, arm);
  // Every workspace folder is searched, in order.
  const second = "/ws2/.venv/bin/bedrock-lsp";
  assert.equal(findServer(env({ workspaceFolders: ["/ws", "/ws2"] }, [second, ...rest])).found?.command, second);
});

test("server lookup: an untrusted workspace's binaries are never run", () => {
  const r = findServer(env({ trusted: false }, ["/ws/.venv/bin/bedrock-lsp", "/usr/bin/bedrock-lsp"]));
  assert.deepEqual(r.found, { command: "/usr/bin/bedrock-lsp", source: "path" });
  assert.ok(r.tried.includes("project: skipped (the workspace is not trusted)"), r.tried.join("; "));
});

test("server lookup: Windows uses .venv\\Scripts and the npm platform binary, not the .cmd shim", () => {
  const w = (over: Partial<LookupEnv>, exes: string[]) =>
    findServer(env({ platform: "win32", workspaceFolder: "C:\\ws", extensionPath: "C:\\ext", pathVar: "", ...over }, exes));
  const venv = path.join("C:\\ws", ".venv", "Scripts", "bedrock-lsp.exe");
  assert.equal(w({}, [venv]).found?.command, venv);
  const npm = path.join("C:\\ws", "node_modules", "@bedrock-lsp", "win32-x64", "bin", "bedrock-lsp.exe");
  assert.equal(w({}, [npm]).found?.command, npm);
  const shim = path.join("C:\\ws", "node_modules", ".bin", "bedrock-lsp.exe");
  assert.equal(w({}, [shim]).found, undefined);
});

test("server lookup: ~ and relative setting paths", () => {
  assert.equal(
    findServer(env({ configured: "~/bin/bedrock-lsp" }, ["/home/u/bin/bedrock-lsp"])).found?.command,
    "/home/u/bin/bedrock-lsp",
  );
  assert.equal(
    findServer(env({ configured: "target/debug/bedrock-lsp" }, ["/ws/target/debug/bedrock-lsp"])).found?.command,
    "/ws/target/debug/bedrock-lsp",
  );
});

test("server lookup: a wrong setting is reported, not silently replaced by PATH", () => {
  const r = findServer(env({ configured: "/nope/bedrock-lsp" }, ["/usr/bin/bedrock-lsp"]));
  assert.equal(r.found, undefined);
  assert.match(notFoundMessage(r), /bedrock\.server\.path points to \/nope\/bedrock-lsp/);
});

test("server lookup: nothing found says what to do and where it looked", () => {
  const r = findServer(env({}, []));
  assert.equal(r.found, undefined);
  const m = notFoundMessage(r);
  assert.match(m, /no server binary found/);
  assert.match(m, /bedrock\.server\.path/);
  assert.match(m, /\/ext\/server\/bedrock-lsp/);
});

test("server lookup: Windows binary name and PATH separator", () => {
  const r = findServer(
    env({ platform: "win32", pathVar: "C:\\a;C:\\tools", extensionPath: "C:\\ext" }, [path.join("C:\\tools", "bedrock-lsp.exe")]),
  );
  assert.equal(r.found?.source, "path");
  assert.ok(r.found?.command.endsWith("bedrock-lsp.exe"));
});

test("settings: only values the user set are sent, most specific scope first", () => {
  const inspected: Record<string, object> = {
    region: { defaultValue: null, globalValue: "eu-west-1", workspaceValue: "us-east-1" },
    inlayHints: { defaultValue: false }, // default only: not sent (would override .bedrock-lsp.toml)
    ignoreIds: { defaultValue: [], globalValue: ["my.custom-model"] },
    severity: { defaultValue: {}, workspaceFolderValue: { "legacy-model": "hint" } },
    "server.path": { globalValue: "/x" }, // client-only: never asked for
  };
  const got = explicitSettings((k) => inspected[k] as never);
  assert.deepEqual(got, {
    region: "us-east-1",
    ignoreIds: ["my.custom-model"],
    severity: { "legacy-model": "hint" },
  });
});

test("settings: log level becomes RUST_LOG", () => {
  assert.equal(rustLog("debug"), "debug");
  assert.equal(rustLog(undefined), "info");
  assert.equal(rustLog("loud"), "info");
});

test("ID under the cursor", () => {
  const line = 'resp = client.converse(modelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0", messages=[])';
  const at = line.indexOf("claude");
  assert.equal(idAt(line, at), "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  assert.equal(idAt(line, line.indexOf('"us.') + 1), "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  assert.equal(idAt(line, 2), undefined, "`resp` is no model ID");
  const arn = "model: arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0";
  assert.equal(idAt(arn, arn.indexOf("foundation")), "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0");
  assert.equal(idAt('model="bedrock/anthropic.claude-3-haiku-20240307-v1:0"', 20), "anthropic.claude-3-haiku-20240307-v1:0");
  assert.equal(idAt("Use amazon.nova-pro-v1:0.", 8), "amazon.nova-pro-v1:0");
});

test("document selector: supported languages and patterns, never everything", () => {
  const sel = documentSelector();
  for (const f of sel) {
    if ("pattern" in f) assert.notEqual(f.pattern, "**");
    if ("language" in f) assert.notEqual(f.language, "*");
  }
  assert.ok(sel.some((f) => "pattern" in f && f.pattern === "**/.env"));
  assert.ok(sel.some((f) => "pattern" in f && f.pattern === "**/*.tfvars"));
  // package.json activates on every language of the selector (plaintext aside: activating on
  // every .txt file would start the server for any text file).
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as {
    activationEvents: string[];
  };
  // JSON aside too: the workbench opens JSON models (settings, keybindings) in practically
  // every window, so JSON activates only in workspaces with CloudFormation/SAM JSON
  // templates or a .bedrock-lsp.toml (a JSON file opened once the extension runs for any
  // other reason is still served).
  for (const lang of LANGUAGES) {
    if (lang === "plaintext" || lang === "json" || lang === "jsonc") {
      assert.ok(!pkg.activationEvents.includes(`onLanguage:${lang}`), `no activation event for ${lang}`);
      continue;
    }
    assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), `activation event for ${lang}`);
  }
  for (const ev of ["workspaceContains:**/*.template.json", "workspaceContains:**/.bedrock-lsp.toml"]) {
    assert.ok(pkg.activationEvents.includes(ev), ev);
  }
});

test("package.json settings mirror the server's keys", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as {
    contributes: { configuration: { properties: Record<string, unknown> }; commands: Array<{ command: string }> };
  };
  const props = Object.keys(pkg.contributes.configuration.properties);
  for (const key of [
    "region",
    "regions",
    "severity",
    "ignoreIds",
    "ignoreCodes",
    "catalogPaths",
    "inlayHints",
    "documentLinks",
    "maxFileSize",
    "positionEncoding",
  ]) {
    assert.ok(props.includes(`bedrock.${key}`), `bedrock.${key}`);
  }
  for (const key of ["bedrock.server.path", "bedrock.server.logLevel", "bedrock.trace.server"]) {
    assert.ok(props.includes(key), key);
  }
  const cmds = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(cmds, ["bedrock.importCatalog", "bedrock.restartServer", "bedrock.showCatalogEntry"]);
});

test("server log lines keep their level and lose the server's timestamp", () => {
  assert.deepEqual(parseLogLine("2026-12-02T03:01:03.123456Z  INFO bedrock-lsp serving on stdio version=0.1.0"), {
    level: "info",
    message: "bedrock-lsp serving on stdio version=0.1.0",
  });
  assert.deepEqual(parseLogLine("2026-12-02T03:01:03.1Z  WARN bad setting"), { level: "warn", message: "bad setting" });
  assert.deepEqual(parseLogLine("2026-12-02T03:01:03.1Z ERROR analysis panicked"), {
    level: "error",
    message: "analysis panicked",
  });
  assert.deepEqual(parseLogLine("2026-12-02T03:01:03.1Z DEBUG x"), { level: "debug", message: "x" });
  assert.deepEqual(parseLogLine("2026-12-02T03:01:03.1Z TRACE y"), { level: "trace", message: "y" });
  assert.deepEqual(parseLogLine("thread 'main' panicked at src/x.rs:1"), {
    level: "info",
    message: "thread 'main' panicked at src/x.rs:1",
  });
});

test("package.json declares exactly the server's settings, plus the client's own", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
  const declared = Object.keys(pkg.contributes.configuration.properties).map((k: string) => k.replace(/^bedrock\./, ""));
  const clientOnly = ["server.path", "server.logLevel", "trace.server"];
  assert.deepEqual(
    declared.filter((k: string) => !clientOnly.includes(k)).sort(),
    [...SERVER_KEYS].sort(),
  );
});

test("Restricted Mode: supported with the binary and catalog settings taken from user settings only", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, "limited");
  assert.deepEqual(u.restrictedConfigurations, ["bedrock.server.path", "bedrock.catalogPaths"]);
});

test("in an untrusted workspace, catalogPaths comes from user settings only", () => {
  const inspect = (key: string) =>
    key === "catalogPaths" ? { globalValue: ["/mine.json"], workspaceValue: ["../evil.json"] } : key === "region" ? { workspaceValue: "eu-west-1" } : undefined;
  assert.deepEqual(explicitSettings(inspect, true), { catalogPaths: ["../evil.json"], region: "eu-west-1" });
  assert.deepEqual(explicitSettings(inspect, false), { catalogPaths: ["/mine.json"], region: "eu-west-1" });
});

test("language status: region, version and catalog date; a warning when the catalog is old", () => {
  const fresh = describeStatus({
    version: "0.1.0",
    catalogAsOf: "2026-11-21",
    catalogAgeDays: 11,
    stale: false,
    regions: ["eu-west-1"],
    settingsFile: "/w/pyproject.toml",
  });
  assert.deepEqual(fresh, {
    text: "Bedrock: eu-west-1",
    detail: "bedrock-lsp 0.1.0 · catalog of 2026-11-21 · settings: /w/pyproject.toml",
    warning: false,
  });
  const old = describeStatus({
    version: "0.1.0",
    catalogAsOf: "2026-01-01",
    catalogAgeDays: 335,
    stale: true,
    regions: [],
    settingsFile: null,
  });
  assert.equal(old.text, "Bedrock: no region set");
  assert.ok(old.warning);
  assert.match(old.detail, /335 days old/);
});
