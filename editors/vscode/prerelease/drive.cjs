// Drives code-server (see run.sh) through Chromium and checks what a user of the extension
// sees. One `ok`/`not ok` line per check (TAP-like); exit status 1 if any failed. On a
// failure a screenshot is written to the work folder.
//
//   node drive.cjs --url URL --chromium PATH --work DIR --data USER_DATA_DIR
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const opt = {};
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
for (const k of ["url", "chromium", "work", "data"]) {
  if (!opt[k]) {
    console.error(`drive.cjs: --${k} is required`);
    process.exit(2);
  }
}

const EXTENSION = "bedrock-lsp.bedrock-lsp";
let failures = 0;
let n = 0;

function report(ok, what, detail) {
  n += 1;
  console.log(`${ok ? "ok" : "not ok"} ${n} - ${what}${!ok && detail ? `\n  # ${String(detail).replace(/\n/g, "\n  # ")}` : ""}`);
  if (!ok) failures += 1;
}

async function check(page, what, fn) {
  try {
    const detail = await fn();
    report(true, what);
    return detail;
  } catch (e) {
    const shot = path.join(opt.work, `failed-${n + 1}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    report(false, what, `${e && e.message ? e.message : e} (screenshot ${shot})`);
    return undefined;
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** The extension host's log files of this user-data folder (newest session last). */
function exthostLogs() {
  const logs = path.join(opt.data, "logs");
  const out = [];
  const walk = (d) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(logs);
  return out.sort();
}

function activated() {
  return exthostLogs()
    .filter((f) => /^(remote)?exthost\.log$/.test(path.basename(f)))
    .some((f) => fs.readFileSync(f, "utf8").includes(`ExtensionService#_doActivateExtension ${EXTENSION}`));
}

async function openWorkbench(page, folder) {
  await page.goto(`${opt.url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
  await page.waitForSelector(".explorer-folders-view, .explorer-viewlet", { timeout: 60_000 });
  await page.waitForTimeout(1500);
}

async function quickOpen(page, text) {
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget:not(.hidden) input", { timeout: 10_000 });
  await page.keyboard.type(text, { delay: 20 });
  // Wait for the first result (file search runs in the background).
  await page
    .waitForSelector(".quick-input-widget:not(.hidden) .quick-input-list .monaco-list-row", { timeout: 20_000 })
    .catch(() => {});
  await page.waitForTimeout(300);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(800);
}

async function command(page, title) {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget:not(.hidden) input", { timeout: 10_000 });
  await page.keyboard.type(title, { delay: 20 });
  await page
    .waitForSelector(".quick-input-widget:not(.hidden) .quick-input-list .monaco-list-row", { timeout: 20_000 })
    .catch(() => {});
  await page.waitForTimeout(300);
  await page.keyboard.press("Enter");
}

const text = (page, sel) => page.locator(sel).first().innerText({ timeout: 30_000 }).then((t) => t.replace(/\u00a0/g, " "));

async function main() {
  const browser = await chromium.launch({
    executablePath: opt.chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  try {
    // 1. A folder with JSON files only: the workbench opens JSON models itself at start-up,
    //    and a JSON file is opened; the extension must not start there.
    await openWorkbench(page, path.join(opt.work, "ws", "jsononly"));
    await quickOpen(page, "settings.json");
    await page.waitForTimeout(6000);
    await check(page, "a folder with only JSON files does not activate the extension", async () => {
      expect(
        exthostLogs().some((f) => /^(remote)?exthost\.log$/.test(path.basename(f))),
        "no extension host log written",
      );
      expect(!activated(), `${EXTENSION} was activated`);
    });

    // 2. A Python project: the extension starts on the Python file and diagnoses it.
    await openWorkbench(page, path.join(opt.work, "ws", "app"));
    await quickOpen(page, "app.py");
    await check(page, "a retired model in a Converse call is underlined as an error", async () => {
      await page.waitForSelector(".squiggly-error", { timeout: 90_000 });
      expect(activated(), "no activation in exthost.log");
    });
    await check(page, "the Problems panel lists it with its code and the file", async () => {
      await page.keyboard.press("Control+Shift+M");
      await page.waitForSelector(".markers-panel .monaco-list-row", { timeout: 20_000 });
      const t = await text(page, ".markers-panel");
      expect(t.includes("eol-model"), `no eol-model in: ${t}`);
      expect(t.includes("app.py"), `no app.py in: ${t}`);
      return t;
    });

    // Hover over the underlined ID.
    await check(page, "hover over the ID shows the model card with its retirement", async () => {
      const squiggle = page.locator(".squiggly-error").first();
      const box = await squiggle.boundingBox();
      expect(box, "the squiggle has no box");
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForSelector(".monaco-hover:not(.hidden) .hover-contents", { timeout: 20_000 });
      const t = await text(page, ".monaco-hover:not(.hidden)");
      expect(/claude/i.test(t), `hover without the model: ${t}`);
      expect(/retire|end of life|eol/i.test(t), `hover says nothing of the retirement: ${t}`);
      await page.mouse.move(5, 5);
    });

    // Completion inside `modelId=""` of a Converse call: text models first.
    await check(page, "completion in converse(modelId=\"\") starts with models Converse can use", async () => {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+1");
      await quickOpen(page, ":15:18");
      await page.keyboard.press("Control+Space");
      await page.waitForSelector(".suggest-widget.visible .monaco-list-row", { timeout: 30_000 });
      await page.waitForTimeout(800);
      const rows = await page.locator(".suggest-widget.visible .monaco-list-row").allInnerTexts();
      expect(rows.length > 0, "no completion items");
      const first = rows.slice(0, 5).map((r) => r.replace(/\u00a0/g, " ").split("\n")[0]);
      expect(
        first.every((r) => !/embed|rerank|titan-image|stable-|canvas|reel/i.test(r)),
        `first items include models Converse cannot use: ${first.join(" | ")}`,
      );
      await page.keyboard.press("Escape");
      return first;
    });

    // The language-status item next to the language mode.
    await check(page, "the language-status item shows the region and the catalog date", async () => {
      await page.locator("[id='status.languageStatus']").first().hover({ timeout: 20_000 });
      await page.waitForSelector(".language-status-hover, .monaco-hover:not(.hidden)", { timeout: 20_000 });
      const t = await text(page, ".language-status-hover, .monaco-hover:not(.hidden)");
      expect(t.includes("Bedrock:"), `no Bedrock item in: ${t}`);
      expect(/catalog of \d{4}-\d\d-\d\d/.test(t), `no catalog date in: ${t}`);
      await page.mouse.move(5, 5);
    });

    // Show Catalog Entry on the ID: a read-only document on its own scheme, not diagnosed.
    await check(page, "Show Catalog Entry opens a read-only JSON card that is not diagnosed", async () => {
      await page.keyboard.press("Control+1");
      await quickOpen(page, ":8:20");
      await command(page, "Bedrock: Show Catalog Entry for Model ID");
      const tab = page.locator(".tab", { hasText: "anthropic.claude-v2.json" }).first();
      await tab.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      const editorText = await text(page, ".editor-group-container.active .view-lines");
      expect(editorText.includes('"id"'), `the card has no id: ${editorText.slice(0, 200)}`);
      await page.keyboard.type("x");
      await page.waitForTimeout(500);
      const dirty = await page.locator(".tab.dirty", { hasText: "anthropic.claude-v2.json" }).count();
      expect(dirty === 0, "typing made the card dirty: it is not read-only");
      await page.keyboard.press("Control+Shift+M");
      await page.waitForTimeout(1000);
      const problems = await text(page, ".markers-panel");
      expect(!problems.includes("anthropic.claude-v2.json"), `the card is diagnosed: ${problems}`);
    });

    // The output channel: the server's lines at their own levels, one timestamp each.
    await check(page, "the output channel shows server lines at their levels, with one timestamp", async () => {
      // A log output channel is written to `exthostN/<extension id>/<channel name>.log`.
      const logs = exthostLogs().filter((f) => path.basename(path.dirname(f)) === EXTENSION);
      expect(logs.length > 0, `no Bedrock output channel log among ${exthostLogs().length} log files`);
      const lines = logs.flatMap((f) => fs.readFileSync(f, "utf8").split("\n")).filter((l) => l.trim());
      expect(lines.length > 0, "the channel is empty");
      const errors = lines.filter((l) => /\[error\]/.test(l));
      expect(errors.length < lines.length, `every line is [error]:\n${lines.slice(0, 5).join("\n")}`);
      const doubled = lines.filter((l) => /\d{4}-\d\d-\d\d[ T][\d:.]+.*\d{4}-\d\d-\d\dT[\d:.]+Z/.test(l));
      expect(doubled.length === 0, `doubled timestamps:\n${doubled.slice(0, 3).join("\n")}`);
      expect(errors.length === 0, `error lines in a clean session:\n${errors.slice(0, 5).join("\n")}`);
    });
  } finally {
    await browser.close();
  }
  console.log(`1..${n}`);
  console.log(failures === 0 ? `# all ${n} checks passed` : `# ${failures} of ${n} checks failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`drive.cjs: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
