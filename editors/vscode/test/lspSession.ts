// A minimal LSP client session over stdio, built on vscode-jsonrpc and
// vscode-languageserver-protocol: the protocol layer VS Code's own client uses.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import {
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  ShowMessageNotification,
  LogMessageNotification,
  DocumentDiagnosticRequest,
  DiagnosticRefreshRequest,
  DocumentDiagnosticReportKind,
  type ClientCapabilities,
  type InitializeResult,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol/node";

/** The server under test: `BEDROCK_LSP_BIN`, else the workspace's debug build. */
export function serverBinary(): string {
  const fromEnv = process.env.BEDROCK_LSP_BIN;
  if (fromEnv) return fromEnv;
  // out/test/ -> editors/vscode -> repository root
  return path.resolve(__dirname, "..", "..", "..", "..", "target", "debug", "bedrock-lsp");
}

/** The capabilities VS Code 1.9x's client announces for the features this server has. */
export const VSCODE_CAPABILITIES: ClientCapabilities = {
  general: {
    positionEncodings: ["utf-16"],
    regularExpressions: { engine: "ECMAScript", version: "ES2020" },
    markdown: { parser: "marked", version: "1.1.0" },
    staleRequestSupport: {
      cancel: true,
      retryOnContentModified: [
        "textDocument/semanticTokens/full",
        "textDocument/semanticTokens/range",
        "textDocument/semanticTokens/full/delta",
      ],
    },
  },
  workspace: {
    applyEdit: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ["create", "rename", "delete"],
      failureHandling: "textOnlyTransactional",
      normalizesLineEndings: true,
      changeAnnotationSupport: { groupsOnLabel: true },
    },
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceFolders: true,
    inlayHint: { refreshSupport: true },
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: {
        snippetSupport: true,
        commitCharactersSupport: true,
        documentationFormat: ["markdown", "plaintext"],
        deprecatedSupport: true,
        preselectSupport: true,
        tagSupport: { valueSet: [1] },
        insertReplaceSupport: true,
        resolveSupport: { properties: ["documentation", "detail", "additionalTextEdits"] },
        insertTextModeSupport: { valueSet: [1, 2] },
        labelDetailsSupport: true,
      },
      insertTextMode: 2,
      completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => (i + 1) as 1) },
      completionList: { itemDefaults: ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"] },
    },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: [
            "",
            "quickfix",
            "refactor",
            "refactor.extract",
            "refactor.inline",
            "refactor.rewrite",
            "source",
            "source.organizeImports",
          ],
        },
      },
      honorsChangeAnnotations: true,
    },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    inlayHint: {
      dynamicRegistration: true,
      resolveSupport: { properties: ["tooltip", "textEdits", "label.tooltip", "label.location", "label.command"] },
    },
    documentLink: { dynamicRegistration: true, tooltipSupport: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
  },
  window: {
    workDoneProgress: true,
    showMessage: { messageActionItem: { additionalPropertiesSupport: true } },
    showDocument: { support: true },
  },
};

export class Session {
  readonly connection: MessageConnection;
  readonly child: ChildProcessWithoutNullStreams;
  readonly root: string;
  stderr = "";
  readonly messages: string[] = [];
  /** Every publishDiagnostics, in arrival order, per URI. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** The diagnostics VS Code would show per URI: the last pulled report, else the last push. */
  readonly current = new Map<string, Diagnostic[]>();
  /** Whether the server asked for pulls (`diagnosticProvider`), as VS Code then does. */
  pulls = false;
  private readonly resultIds = new Map<string, string>();
  private readonly open_ = new Set<string>();
  private waiters: Array<() => void> = [];
  /** What `workspace/configuration` answers for section `bedrock`. */
  settings: Record<string, unknown> = {};
  exitCode: Promise<number | null>;

  constructor(root: string) {
    this.root = root;
    const bin = serverBinary();
    if (!fs.existsSync(bin)) {
      throw new Error(`server binary not found: ${bin} (build it with cargo build, or set BEDROCK_LSP_BIN)`);
    }
    // VS Code passes --stdio to a stdio server.
    this.child = spawn(bin, ["--stdio"], {
      cwd: root,
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "info" },
    });
    this.exitCode = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.child.stderr.on("data", (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      if (!this.pulls) this.current.set(p.uri, p.diagnostics);
      this.wake();
    });
    // Like VS Code: on a refresh request, pull again for every open document.
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      for (const uri of this.open_) void this.pull(uri);
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((i) => (i.section === "bedrock" ? this.settings : null)),
    );
    this.connection.onRequest(RegistrationRequest.type, () => {});
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => {});
    this.connection.onNotification(ShowMessageNotification.type, (m) => {
      this.messages.push(m.message);
    });
    this.connection.onNotification(LogMessageNotification.type, () => {});
    this.connection.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** `textDocument/diagnostic`, as VS Code's client sends it on open, change and refresh. */
  async pull(uri: string): Promise<void> {
    if (!this.pulls) return;
    try {
      const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
        identifier: "bedrock-lsp",
        previousResultId: this.resultIds.get(uri),
      });
      if (report.kind === DocumentDiagnosticReportKind.Full) {
        this.current.set(uri, report.items);
      } else if (!this.current.has(uri)) {
        this.current.set(uri, []);
      }
      if (report.resultId) this.resultIds.set(uri, report.resultId);
      this.wake();
    } catch (e) {
      this.stderr += `\n[test client] textDocument/diagnostic failed: ${String(e)}\n`;
    }
  }

  async initialize(): Promise<InitializeResult> {
    const rootUri = pathToFileURL(this.root).href;
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: "1.91.0" },
      locale: "en",
      rootPath: this.root,
      rootUri,
      capabilities: VSCODE_CAPABILITIES,
      initializationOptions: {},
      trace: "off",
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.root) }],
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    this.pulls = result.capabilities.diagnosticProvider !== undefined;
    return result;
  }

  /** Write `text` to `name` under the workspace and open it; returns the URI. */
  async open(name: string, languageId: string, text: string): Promise<string> {
    const file = path.join(this.root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    this.open_.add(uri);
    void this.pull(uri);
    return uri;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    void this.pull(uri);
  }

  /**
   * The diagnostics VS Code would show for `uri` once `pred` holds for them (or throw after
   * `ms`). They change only when VS Code's client would update them: a push, or a pull on
   * open, change or the server's refresh request.
   */
  async diagnostics(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, ms = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const now = this.current.get(uri);
      if (now && pred(now)) return now;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no matching diagnostics for ${uri} within ${ms} ms (${this.pulls ? "pulled" : "pushed"}); ` +
            `last: ${JSON.stringify(now ?? null)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await Promise.race([
      this.exitCode,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5000)),
    ]);
    this.connection.dispose();
    if (code === "timeout") {
      this.child.kill();
      throw new Error("server did not exit within 5 s of `exit`");
    }
    return code;
  }
}

/** The line/character (UTF-16 code units, as VS Code counts) of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** The range of the first occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, from = 0) {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`${needle} not in text`);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

/** A model entry of the shipped catalog (catalog/catalog.json). */
export function catalogModel(id: string): { id: string; name: string; provider: string } {
  const file = path.resolve(__dirname, "..", "..", "..", "..", "catalog", "catalog.json");
  const catalog = JSON.parse(fs.readFileSync(file, "utf8")) as {
    models: Array<{ id: string; name: string; provider: string }>;
  };
  const m = catalog.models.find((x) => x.id === id);
  if (!m) throw new Error(`${id} is not in ${file}`);
  return m;
}

/** Every ID of the shipped catalog (base and inference-profile IDs) → the model's provider. */
export function catalogIds(): Map<string, string> {
  const file = path.resolve(__dirname, "..", "..", "..", "..", "catalog", "catalog.json");
  const catalog = JSON.parse(fs.readFileSync(file, "utf8")) as {
    models: Array<{ id: string; provider: string; profiles?: Array<{ id: string }> }>;
  };
  const out = new Map<string, string>();
  for (const m of catalog.models) {
    out.set(m.id, m.provider);
    for (const p of m.profiles ?? []) out.set(p.id, m.provider);
  }
  return out;
}
