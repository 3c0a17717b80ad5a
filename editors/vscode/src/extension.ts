// The VS Code client for bedrock-lsp.

import * as vscode from "vscode";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  DidChangeConfigurationNotification,
  RevealOutputChannelOn,
} from "vscode-languageclient/node";

import { findServer, isExecutableFile, defaultHome, notFoundMessage, isMusl } from "./serverPath";
import { explicitSettings, rustLog } from "./settings";
import { documentSelector } from "./selector";
import { idAt } from "./modelId";
import { parseLogLine } from "./logLines";
import { describeStatus, type ServerStatus } from "./status";
import * as readline from "node:readline";

const CLIENT_ID = "bedrock"; // so that `bedrock.trace.server` is the trace setting
const CLIENT_NAME = "Bedrock Model IDs";

let client: LanguageClient | undefined;
let serverCommand: string | undefined;
let output: vscode.LogOutputChannel;
let statusItem: vscode.LanguageStatusItem | undefined;

/** Update the language-status item from the server's `bedrockLsp/status`. */
async function refreshStatus(): Promise<void> {
  if (!statusItem) return;
  if (!client?.isRunning()) {
    statusItem.text = "Bedrock: server not running";
    statusItem.detail = "";
    statusItem.severity = vscode.LanguageStatusSeverity.Warning;
    return;
  }
  try {
    const view = describeStatus(await client.sendRequest<ServerStatus>("bedrockLsp/status", null));
    statusItem.text = view.text;
    statusItem.detail = view.detail;
    statusItem.severity = view.warning ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  } catch (e) {
    output.debug(`bedrockLsp/status: ${String(e)}`);
  }
}

function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Find the server binary; tell the user clearly when there is none. */
function locateServer(context: vscode.ExtensionContext): string | undefined {
  ensureBundledExecutable(context);
  const cfg = vscode.workspace.getConfiguration("bedrock");
  const result = findServer({
    configured: cfg.get<string>("server.path"),
    extensionPath: context.extensionPath,
    workspaceFolder: firstWorkspaceFolder(),
    workspaceFolders: vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath),
    trusted: vscode.workspace.isTrusted,
    arch: process.arch,
    musl: isMusl(),
    pathVar: process.env.PATH,
    platform: process.platform,
    home: defaultHome(),
    isExecutable: isExecutableFile,
  });
  if (!result.found) {
    const message = notFoundMessage(result);
    output.info(message);
    void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "bedrock.server.path");
      }
    });
    return undefined;
  }
  output.info(`bedrock-lsp: using ${result.found.command} (${result.found.source})`);
  return result.found.command;
}

/** A .vsix may lose the executable bit of the bundled server on some installs; restore it. */
function ensureBundledExecutable(context: vscode.ExtensionContext): void {
  if (process.platform === "win32") return;
  const bundled = path.join(context.extensionPath, "server", "bedrock-lsp");
  try {
    if (fs.existsSync(bundled) && !isExecutableFile(bundled)) fs.chmodSync(bundled, 0o755);
  } catch (e) {
    output.warn(`bedrock-lsp: cannot make ${bundled} executable: ${String(e)}`);
  }
}

function bedrockSettings(scope?: vscode.Uri): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration("bedrock", scope);
  return explicitSettings((key) => cfg.inspect(key), vscode.workspace.isTrusted);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = locateServer(context);
  serverCommand = command;
  if (!command) return;
  const level = vscode.workspace.getConfiguration("bedrock").get<string>("server.logLevel");
  const run = {
    command,
    args: ["--stdio"],
    options: { env: { ...process.env, RUST_LOG: rustLog(level) } },
  };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Each server log line at the level it was logged at (the default writes all of
    // stderr with error()), without the server's own timestamp.
    stdioOptions: {
      stdout: (input, channel) => {
        readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", (l) => channel.info(l));
      },
      stderr: (input, channel) => {
        readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", (l) => {
          const { level, message } = parseLogLine(l);
          channel[level](message);
        });
      },
    },
    initializationOptions: bedrockSettings(),
    middleware: {
      workspace: {
        // Answer the server's `workspace/configuration` pull for `bedrock` with the values
        // the user set (not VS Code's defaults, which would override .bedrock-lsp.toml).
        configuration: (params, token, next) => {
          if (params.items.every((i) => i.section !== "bedrock")) {
            return next(params, token);
          }
          return params.items.map((item) =>
            item.section === "bedrock"
              ? bedrockSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : null,
          );
        },
      },
    },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  try {
    await client.start();
    await vscode.commands.executeCommand("setContext", "bedrock.active", true);
    await refreshStatus();
  } catch (e) {
    void vscode.window.showErrorMessage(`bedrock-lsp: the server failed to start: ${String(e)}`);
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  await vscode.commands.executeCommand("setContext", "bedrock.active", false);
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output.info(`bedrock-lsp: stopping the server: ${String(e)}`);
    }
  }
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (!serverCommand) {
      reject(new Error("no bedrock-lsp binary found (see bedrock.server.path)"));
      return;
    }
    execFile(serverCommand, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : err ? -1 : 0;
      if (err && code === -1) {
        reject(err);
        return;
      }
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function showCatalogEntry(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  let id: string | undefined;
  if (editor) {
    const sel = editor.selection;
    id = sel.isEmpty
      ? idAt(editor.document.lineAt(sel.active.line).text, sel.active.character)
      : editor.document.getText(sel).trim() || undefined;
  }
  id ??= await vscode.window.showInputBox({
    prompt: "Bedrock model ID, inference profile ID or ARN",
    placeHolder: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  });
  if (!id) return;
  const region = vscode.workspace.getConfiguration("bedrock").get<string | null>("region") ?? undefined;
  const uri = catalogEntryUri(id, region);
  const r = await catalogEntries.fetch(uri);
  if (r.code === 0) {
    // A read-only document on its own scheme: nothing to save, and the server (whose
    // selector lists only file, untitled and notebook-cell documents) does not diagnose it.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  } else {
    // Exit 1: unknown ID; stderr carries the did-you-mean.
    void vscode.window.showWarningMessage((r.stderr || r.stdout).trim() || `bedrock-lsp: unknown model ID ${id}`);
  }
}

/** The scheme of the read-only catalog-entry documents. */
export const CATALOG_SCHEME = "bedrock-catalog";

function catalogEntryUri(id: string, region: string | undefined): vscode.Uri {
  const query = new URLSearchParams({ id, ...(region ? { region } : {}) }).toString();
  // The path ends in .json so that VS Code gives the document the JSON language.
  return vscode.Uri.from({ scheme: CATALOG_SCHEME, path: `/${id.replace(/[/\\]/g, "_")}.json`, query });
}

/** `bedrock-catalog:` documents: `bedrock-lsp catalog show ID --json [--region R]`. */
class CatalogEntries implements vscode.TextDocumentContentProvider {
  private last = new Map<string, { code: number; stdout: string; stderr: string }>();

  async fetch(uri: vscode.Uri): Promise<{ code: number; stdout: string; stderr: string }> {
    const q = new URLSearchParams(uri.query);
    const args = ["catalog", "show", q.get("id") ?? "", "--json"];
    const region = q.get("region");
    if (region) args.push("--region", region);
    const r = await runCli(args);
    this.last.set(uri.toString(), r);
    return r;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const r = this.last.get(uri.toString()) ?? (await this.fetch(uri));
    return r.code === 0 ? r.stdout : (r.stderr || r.stdout);
  }
}

const catalogEntries = new CatalogEntries();

async function importCatalog(context: vscode.ExtensionContext): Promise<void> {
  const files = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: "Import",
    title: "AWS CLI output: aws bedrock list-foundation-models / list-inference-profiles (JSON)",
    filters: { JSON: ["json"] },
  });
  if (!files || files.length === 0) return;
  const r = await runCli(["catalog", "import", ...files.map((f) => f.fsPath)]);
  const text = (r.stdout + r.stderr).trim();
  output.info(text);
  if (r.code !== 0) {
    void vscode.window.showErrorMessage(text || "bedrock-lsp: import failed");
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    text || "bedrock-lsp: catalog imported",
    "Restart Server",
  );
  if (choice === "Restart Server") await restart(context);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
  await refreshStatus();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  statusItem = vscode.languages.createLanguageStatusItem("bedrock.status", documentSelector());
  statusItem.name = CLIENT_NAME;
  statusItem.command = { title: "Show Output", command: "bedrock.showOutput" };
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand("bedrock.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("bedrock.restartServer", () => restart(context)),
    vscode.commands.registerCommand("bedrock.showCatalogEntry", () => showCatalogEntry()),
    vscode.workspace.registerTextDocumentContentProvider(CATALOG_SCHEME, catalogEntries),
    // Trusting the workspace lets its restricted settings apply: the server pulls them again.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      }
    }),
    vscode.commands.registerCommand("bedrock.importCatalog", () => importCatalog(context)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("bedrock")) return;
      if (e.affectsConfiguration("bedrock.server")) {
        const choice = await vscode.window.showInformationMessage(
          "bedrock-lsp: the server setting changed.",
          "Restart Server",
        );
        if (choice === "Restart Server") await restart(context);
        return;
      }
      // The server pulls `workspace/configuration` when the notification carries no settings.
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
        // The server re-reads its settings on that notification; ask for the new state after.
        setTimeout(() => void refreshStatus(), 500);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
