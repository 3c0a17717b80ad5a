// End to end: the built bedrock-lsp server driven the way VS Code drives it, through
// vscode-jsonrpc / vscode-languageserver-protocol, with VS Code's client capabilities
// (UTF-16 positions only). Each test checks what a VS Code user would see.

import { test, before, after } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CompletionRequest,
  HoverRequest,
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  MarkupKind,
  TextDocumentSyncKind,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type InitializeResult,
  type MarkupContent,
  type TextEdit,
  type InsertReplaceEdit,
} from "vscode-languageserver-protocol/node";
import { Session, rangeOf, positionAt, catalogModel, catalogIds } from "./lspSession";

const TYPO = "anthropic.claude-hiaku-4-5-20251001-v1:0";
const FIXED = "anthropic.claude-haiku-4-5-20251001-v1:0";
const PYTHON_TYPO =
  'client = boto3.client("bedrock-runtime", region_name="us-east-1")\n' +
  `resp = client.converse(modelId="${TYPO}", messages=[])\n`;

let session: Session;
let init: InitializeResult;

before(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bedrock-lsp-vscode-"));
  session = new Session(root);
  init = await session.initialize();
});

after(async () => {
  const code = await session.shutdown();
  fs.rmSync(session.root, { recursive: true, force: true });
  assert.equal(code, 0, `server exit code after shutdown/exit; stderr:\n${session.stderr}`);
});

function withStderr(what: string): string {
  return `${what}\n--- server stderr ---\n${session.stderr.slice(-4000)}`;
}

test("initialize negotiates UTF-16 (VS Code offers nothing else) and incremental sync", () => {
  assert.equal(init.serverInfo?.name, "bedrock-lsp");
  assert.equal(init.capabilities.positionEncoding, "utf-16");
  const sync = init.capabilities.textDocumentSync;
  const kind = typeof sync === "number" ? sync : sync?.change;
  assert.equal(kind, TextDocumentSyncKind.Incremental);
  if (typeof sync === "object") assert.equal(sync.openClose, true);
});

test("diagnostics are reported for an opened file", async () => {
  const uri = await session.open("hello.py", "python", 'print("hello")\n');
  const diags = await session.diagnostics(uri);
  assert.deepEqual(diags, [], withStderr("a file with no model IDs has no diagnostics"));
});

test("each diagnostic reaches VS Code once: pulled when the server offers pulls, never also pushed", async () => {
  const uri = await session.open("once.py", "python", PYTHON_TYPO);
  await session.diagnostics(uri, (d) => d.some((x) => x.code === "unknown-model"));
  await new Promise((r) => setTimeout(r, 300));
  if (session.pulls) {
    const pushed = (session.published.get(uri) ?? []).filter((p) => p.diagnostics.length > 0);
    assert.deepEqual(pushed, [], "VS Code would show pushed and pulled diagnostics twice");
  }
});

test("initialize advertises completion, hover and code actions", () => {
  const caps = init.capabilities;
  assert.ok(caps.completionProvider, "completionProvider");
  assert.ok(caps.hoverProvider, "hoverProvider");
  assert.ok(caps.codeActionProvider, "codeActionProvider");
});

test("a misspelled model ID in Python: one unknown-model error on the ID, with the did-you-mean", async () => {
  const uri = await session.open("typo.py", "python", PYTHON_TYPO);
  const diags = await session.diagnostics(uri, (d) => d.length > 0);
  assert.equal(diags.length, 1, withStderr(`exactly one diagnostic: ${JSON.stringify(diags)}`));
  const d = diags[0]!;
  assert.equal(d.source, "bedrock-lsp");
  assert.equal(d.code, "unknown-model");
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.deepEqual(d.range, rangeOf(PYTHON_TYPO, TYPO), "the range is the ID text inside the quotes");
  const message = typeof d.message === "string" ? d.message : d.message.value;
  assert.ok(message.includes(FIXED), `the message names ${FIXED}: ${message}`);
});

test("the quick fix replaces the misspelled ID, and applying it clears the error", async () => {
  const uri = await session.open("fix.py", "python", PYTHON_TYPO);
  const diags = await session.diagnostics(uri, (d) => d.some((x) => x.code === "unknown-model"));
  const diag = diags.find((x) => x.code === "unknown-model")!;
  const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diag.range,
    context: { diagnostics: [diag], triggerKind: 1 },
  })) as Array<Command | CodeAction> | null;
  assert.ok(actions && actions.length > 0, withStderr("code actions returned"));
  const fix = actions.find(
    (a): a is CodeAction => "kind" in a && a.kind === "quickfix" && a.title.includes(FIXED),
  );
  assert.ok(fix, `a quickfix titled with ${FIXED}: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(fix.isPreferred, true, "the did-you-mean fix is preferred (VS Code's auto-fix)");
  // The edit, as either `changes` or `documentChanges` (VS Code supports both).
  let edits: TextEdit[] = [];
  if (fix.edit?.changes) edits = fix.edit.changes[uri] ?? [];
  if (fix.edit?.documentChanges) {
    for (const dc of fix.edit.documentChanges) {
      if ("textDocument" in dc && dc.textDocument.uri === uri) edits.push(...(dc.edits as TextEdit[]));
    }
  }
  assert.equal(edits.length, 1, `one edit: ${JSON.stringify(fix.edit)}`);
  assert.deepEqual(edits[0]!.range, rangeOf(PYTHON_TYPO, TYPO));
  assert.equal(edits[0]!.newText, FIXED);

  // Apply it the way VS Code does: an incremental change with version 2.
  await session.change(uri, 2, [{ range: edits[0]!.range, text: edits[0]!.newText }]);
  const after = await session.diagnostics(uri, (d) => !d.some((x) => x.code === "unknown-model"));
  assert.ok(!after.some((x) => x.code === "unknown-model"));
});

test("changing bedrock.severity re-publishes with the new severity (the extension's settings push)", async () => {
  const uri = await session.open("severity.py", "python", PYTHON_TYPO);
  await session.diagnostics(uri, (d) => d.some((x) => x.code === "unknown-model"));
  // What the extension does on a settings change: an empty didChangeConfiguration; the
  // server pulls workspace/configuration, which now answers the user's explicit values.
  session.settings = { severity: { "unknown-model": "warning" } };
  try {
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const diags = await session.diagnostics(uri, (d) =>
      d.some((x) => x.code === "unknown-model" && x.severity === DiagnosticSeverity.Warning),
    );
    assert.ok(diags.some((x) => x.code === "unknown-model" && x.severity === DiagnosticSeverity.Warning));
  } finally {
    session.settings = {};
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }
});

test("diagnostic ranges count UTF-16 code units (emoji and accents before the ID)", async () => {
  const text = `resp = client.converse(system="🚀 résumé 😀", modelId="${TYPO}")\n`;
  const uri = await session.open("emoji.py", "python", text);
  const diags = await session.diagnostics(uri, (d) => d.some((x) => x.code === "unknown-model"));
  const d = diags.find((x) => x.code === "unknown-model")!;
  // JavaScript string offsets are UTF-16 code units, as VS Code's positions are.
  assert.deepEqual(d.range, rangeOf(text, TYPO));
});

test("hover on a known ID shows the model's name, provider and ID", async () => {
  const model = catalogModel(FIXED);
  const text = `resp = client.converse(modelId="${FIXED}", messages=[])\n`;
  const uri = await session.open("hover.py", "python", text);
  const pos = positionAt(text, text.indexOf(FIXED) + 12);
  const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos });
  assert.ok(hover, withStderr("a hover card"));
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  assert.ok(contents.value.includes(model.name), `name ${model.name} in:\n${contents.value}`);
  assert.ok(contents.value.includes(model.provider), `provider ${model.provider} in:\n${contents.value}`);
  assert.ok(contents.value.includes(FIXED), `the ID in:\n${contents.value}`);
  if (hover.range) assert.deepEqual(hover.range, rangeOf(text, FIXED));
});

test('completion inside modelId="anth" offers full anthropic IDs replacing the string content', async () => {
  const text = 'resp = client.converse(modelId="anth", messages=[])\n';
  const uri = await session.open("complete.py", "python", text);
  const content = rangeOf(text, "anth");
  const result = (await session.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: content.end,
    context: { triggerKind: 1 },
  })) as CompletionItem[] | CompletionList | null;
  assert.ok(result, withStderr("a completion result"));
  const items = Array.isArray(result) ? result : result.items;
  assert.ok(items.length > 0, "some items");
  const defaultRange = Array.isArray(result) ? undefined : result.itemDefaults?.editRange;
  const known = catalogIds();
  for (const item of items) {
    // A full ID of an Anthropic model: the base ID, or the inference-profile ID
    // (`global.`/`us.`/… + base ID) for models that are served only through a profile.
    assert.match(item.label, /^((global|us|eu|apac|jp|au|ca|us-gov)\.)?anthropic\./, `label ${item.label}`);
    assert.equal(known.get(item.label), "Anthropic", `${item.label} is a catalog ID of an Anthropic model`);
    const edit = item.textEdit as TextEdit | InsertReplaceEdit | undefined;
    const range = edit
      ? "range" in edit
        ? edit.range
        : edit.replace
      : defaultRange && "replace" in defaultRange
        ? defaultRange.replace
        : defaultRange;
    assert.deepEqual(range, content, `${item.label} replaces the whole string content`);
    const newText = edit ? edit.newText : (item.textEditText ?? item.insertText ?? item.label);
    assert.equal(newText, item.label);
    // VS Code filters the list by filterText (else label) against what was typed.
    const filter = item.filterText ?? item.label;
    assert.ok(filter.toLowerCase().includes("anth"), `${item.label} survives VS Code's filtering by "anth"`);
  }
  assert.ok(items.some((i) => /anthropic\.claude-/.test(i.label)), "Claude models are offered");
});

test("Terraform: an end-of-life model gets eol-model", async () => {
  const text =
    'resource "aws_bedrockagent_agent" "a" {\n' +
    '  agent_name       = "a"\n' +
    '  foundation_model = "amazon.titan-text-express-v1"\n' +
    "}\n";
  const uri = await session.open("main.tf", "terraform", text);
  const diags = await session.diagnostics(uri, (d) => d.length > 0);
  const eol = diags.find((d) => d.code === "eol-model");
  assert.ok(eol, withStderr(`an eol-model diagnostic: ${JSON.stringify(diags)}`));
  assert.equal(eol.source, "bedrock-lsp");
  assert.deepEqual(eol.range, rangeOf(text, "amazon.titan-text-express-v1"));
});

test("status item data: bedrockLsp/status gives the version, the catalog's date and age, the regions", async () => {
  const s = (await session.connection.sendRequest("bedrockLsp/status", null)) as {
    version: string;
    catalogAsOf: string;
    catalogAgeDays: number;
    stale: boolean;
    regions: string[];
  };
  assert.equal(s.version, init.serverInfo?.version);
  assert.match(s.catalogAsOf, /^\d{4}-\d\d-\d\d$/);
  const catalog = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "catalog", "catalog.json"), "utf8"),
  ) as { asOf: string };
  assert.equal(s.catalogAsOf, catalog.asOf);
  assert.equal(typeof s.catalogAgeDays, "number");
  assert.equal(s.stale, s.catalogAgeDays >= 60);
  assert.ok(Array.isArray(s.regions));
});
