//! What the test modules share: the built binary and how a user runs it, the repository
//! and its fixtures, an analysis context over the shipped catalog, and the fragments the
//! property tests build documents from. The in-process LSP client lives in `lsp.rs`.

pub mod lsp;

use std::path::{Path, PathBuf};
use std::process::Command;

use bedrock_lsp::analysis::Context;
use bedrock_lsp::catalog::{Catalog, Date};
use bedrock_lsp::settings::Settings;
use bedrock_lsp::syntax::{Language, LANGUAGES};
use proptest::prelude::*;

/// The `bedrock-lsp` binary of this build.
pub const BIN: &str = env!("CARGO_BIN_EXE_bedrock-lsp");

/// The day most tests pin, so lifecycle facts do not change under them.
pub const TODAY: &str = "2026-11-21";

/// The repository's root (`CARGO_MANIFEST_DIR`).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file or folder under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// The binary as a user runs it, with nothing from this machine leaking in: the day
/// pinned (`BEDROCK_LSP_TODAY`), the user catalog directory set to `catalog_dir` (pass
/// one that does not exist for "no user catalog"), and no colour. Each test runs in
/// its own process, so nothing is set on the test binary's own environment.
pub fn bedrock_lsp(catalog_dir: &Path, today: &str) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("BEDROCK_LSP_TODAY", today)
        .env("BEDROCK_LSP_CATALOG_DIR", catalog_dir)
        .env("NO_COLOR", "1");
    cmd
}

/// `TODAY` as a date.
pub fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// Run `f` with an analysis context over the catalog shipped in the binary.
pub fn with_context<T>(settings: &Settings, today: Date, f: impl FnOnce(&Context) -> T) -> T {
    let catalog = Catalog::embedded();
    let ctx = Context {
        catalog: &catalog,
        settings,
        today,
        test_file: false,
    };
    f(&ctx)
}

/// Any row of the language table.
pub fn language() -> impl Strategy<Value = Language> {
    prop::sample::select(LANGUAGES.iter().map(|r| r.language).collect::<Vec<_>>())
}

/// Fragments the property tests (`syntax_props`, `syntax_incremental`) build documents
/// from: what opens and closes every multi-line construct the readers know (quotes,
/// interpolations, raw strings, heredocs, comments, fences, JSON escapes), IDs, keys,
/// multi-byte characters and many line breaks.
pub const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "`",
    "\"\"\"",
    "'''",
    "${",
    "}",
    "{",
    "#{",
    "$x",
    "%s",
    "r#\"",
    "\"#",
    "@\"",
    "$@\"",
    "<<EOF\n",
    "EOF\n",
    "\nEOF\n",
    "<<~EOS\n",
    "EOS\n",
    "<<<EOT\n",
    "EOT;\n",
    "<<-X",
    "X\n",
    "<<EOT\n",
    "//",
    "/*",
    "*/",
    "#",
    "<!--",
    "-->",
    "```python\n",
    "```yaml\n",
    "```sh\n",
    "```\n",
    "~~~\n",
    "\\",
    "\\\n",
    "\\\"",
    "\n",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "    ",
    "=",
    ":",
    ": ",
    "=>",
    "(",
    ")",
    ",",
    "[",
    "]",
    "??",
    " or ",
    "+",
    ".",
    "modelId",
    "model_id=",
    "\"modelId\": ",
    "--model-id ",
    "region_name=",
    "AWS_REGION=",
    "BEDROCK_MODEL_ID=",
    "Region.US_EAST_1",
    "RegionEndpoint.USEast1",
    "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "us.",
    "amazon.nova-pro-v1:0",
    "bedrock/converse/",
    // A mention of Bedrock can be made or broken by an edit next to it.
    "b",
    "edrock ",
    "Bedrock",
    "arn:aws:bedrock:us-east-1::foundation-model/",
    "meta.json",
    "# bedrock-lsp: ignore\n",
    "// bedrock-lsp: ignore[unknown-model]\n",
    "<!-- bedrock-lsp: ignore -->\n",
    "- ",
    "- name: MODEL_ID\n",
    "  value: ",
    "run: |\n",
    "script: |\n",
    "desc: >\n",
    "|\n",
    "!Sub ",
    "'a",
    "'\\''",
    "'\\\n'",
    "ENV ",
    "export ",
    "é",
    "🎉",
    "日本",
    "\u{feff}",
    "x",
    "foo",
    "key.name=",
    "\"us-west-2\"",
    "region_name=\"eu-west-1\"",
    "provisioned ",
    "bedrock ",
    "anthropic.claude-v2",
    "anthropic.claude-3-5-sonnet-20241022-v9:0",
    "claude-3-5-sonnet-20241022",
    "modelId=\"anthropic.claude-3-haiku-20240307-v1:0\"\n",
    "model_id=\"amazon.nova-pro-v1:0:24k\"\n",
    "modelId=\"amazon.nova-pro-v1:0\"\n",
    "region_name=\"us-east-1\"\n",
    "region_name=\"sa-east-1\"",
    "\"meta.llama3-70b-instruct-v1:0\"",
    // Clients with regions and calls on them (issue 18's region binding).
    "c = boto3.client(\"bedrock-runtime\", region_name=\"eu-west-1\")\n",
    "c = ",
    "client(",
    "c.converse(",
    "d.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
    "cfg := config.Load(config.WithRegion(\"eu-west-1\"))\nd := New(cfg)\n",
    "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n",
    "\"us.\" + ",
    "req = {\"modelId\": \"us.amazon.nova-pro-v1:0\"}\nc.converse(**req)\n",
    // Issue 19: constructs read inside the readers (inline code, tables, sniffed
    // fences, MDX blocks, env pairs, f-string fields, placeholder defaults, inline Lambda
    // code with its `Runtime:`, resource prefixes).
    "`",
    "``",
    "| ",
    " |",
    "| MODEL_ID | ",
    "$ ",
    "```console\n",
    "import x from \"y\"\n",
    "export const m = ",
    "<Card modelId=\"",
    "\" />\n",
    "-e \"MODEL_ID=",
    "--set-env-vars A=1,MODEL_ID=",
    "Variables={MODEL_ID=",
    "f\"",
    "{os.environ['R']}",
    "{d[\"k\"]}",
    "${localEnv:MODEL_ID:",
    "${app.model:",
    "foundation-model/",
    "inference-profile/",
    "      Runtime: python3.12\n",
    "Runtime: nodejs20.x\n",
    "    Code:\n",
    "      ZipFile: |\n",
    "InlineCode: |\n",
    "        ",
    "%%writefile c.yaml\n",
    // XML/HTML, INI, reStructuredText, AsciiDoc, Lua, Swift (the readers of issue 19).
    "<modelId>",
    "</modelId>",
    "<property name=\"modelId\" value=\"",
    "\"/>",
    ">",
    "<",
    "<script>\n",
    "</script>\n",
    "<![CDATA[",
    "]]>",
    "[bedrock]\n",
    "; ",
    ".. code-block:: python\n\n",
    "   ",
    ".. bedrock-lsp: ignore\n",
    "[source,java]\n",
    "----\n",
    "////\n",
    "[[",
    "--[[",
    "#\"",
    "\"#",
    // From the scanner property test: other fences and escapes, surrogate halves, an
    // ignore directive, notebook JSON, multi-code-point characters.
    "~~~",
    "\\u00e9",
    "\\ud83c",
    "||",
    "bedrock-lsp: ignore[",
    "unknown-model",
    "\"cells\": [",
    "\"cell_type\": \"code\"",
    "\"source\": [\"",
    "👨‍👩‍👧",
    "\u{301}",
    "'\"'",
    "  # bedrock-lsp: ignore[eol-model, legacy-model]",
    "/* bedrock-lsp: ignore */",
];
