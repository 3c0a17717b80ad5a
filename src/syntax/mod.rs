//! Finds string literals that hold (or may hold) Bedrock model IDs, per language family,
//! and the key each sits under. Pure: text in, byte spans out; no LSP types.
//!
//! The contract with `analysis` is [`scan`] → [`ScanResult`], [`completion_site`] and
//! [`Language`]. Everything is in byte offsets into the text given.
//!
//! Layout: [`lang`] is the language table (data: ids, extensions, file names → lexer);
//! `code` is the generic token lexer for code-like syntaxes, `lines` reads YAML, `.env`
//! and `.properties`, `conf` INI-style files, `markup` XML and HTML, `markdown`,
//! `prose` (reStructuredText, AsciiDoc) and `notebook` delegate code blocks to the
//! others; `generic` reads every other text file; `keys` knows which names say
//! model/region and reads keys backwards from a value; `emit` turns what the readers
//! find into literals with the shared rules.
//!
//! Plain text and unknown files are two rows: `.txt`/`.log` (and `README` …) are prose
//! ([`Language::PlainText`]: every ID is a `Prose` literal), while a file whose name says
//! nothing gets [`Language::Generic`], its own reader (`Lexer::Generic`): strings closed
//! on their line and `key = value` lines under a model key are values there, since such a
//! file is as likely to be configuration or code as prose.
//!
//! Decisions documented for `analysis`:
//! - A `Key` literal is reported whatever its content (`gpt-4o`, `claude-3-5-sonnet-…`,
//!   `""`, `${{ inputs.model }}`): analysis must check the shape
//!   ([`crate::catalog::id::parse`]) before calling anything unknown, and only hint
//!   (`not-bedrock-id`) for Anthropic-API/Vertex names; other non-Bedrock names (OpenAI,
//!   Django `model = "User"`) should be left alone.
//! - `Value` literals always pass [`crate::catalog::id::looks_like_model_id`].
//! - In an interpolated ARN (`f"arn:aws:bedrock:{r}::foundation-model/anthropic.…"`) the
//!   span is the visible model ID after the last `/`.
//! - Strings with spaces (log messages, prompts), docstrings and heredocs are prose.

mod bytes;
mod code;
mod conf;
mod emit;
mod generic;
mod keys;
pub mod lang;
mod lines;
mod markdown;
mod markup;
mod notebook;
mod prose;
mod rescan;
mod shape;
mod simd;
mod window;

pub use lang::{LanguageRow, LANGUAGES};
pub use rescan::{
    rescan, rescan_owned, rescan_replaced_owned, rescan_with_reuse, rescan_with_reuse_owned, Reuse,
};
pub use window::{scan_near, Reach, TextSource, WindowScan, LOOK_BACK};

use std::ops::Range;

/// A language family; each has its own lexer rules (see the language table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    Python,
    /// JavaScript, TypeScript, JSX, TSX (also Vue/Svelte files, read as script).
    #[serde(rename = "javascript")]
    JavaScript,
    Java,
    /// Kotlin, including `.kts` scripts.
    Kotlin,
    Go,
    Rust,
    #[serde(rename = "csharp")]
    CSharp,
    Php,
    Ruby,
    /// Terraform/OpenTofu/HCL, including `.tfvars`.
    Hcl,
    Yaml,
    /// JSON, including JSON with comments.
    Json,
    Toml,
    Properties,
    Dotenv,
    Shell,
    Dockerfile,
    Markdown,
    /// Jupyter `.ipynb`.
    Notebook,
    Swift,
    /// Scala, including `.sc` scripts and sbt build files.
    Scala,
    Dart,
    Lua,
    /// Elixir, including `.exs` scripts.
    Elixir,
    R,
    Sql,
    /// XML (Maven/Spring/.NET project files, plists …).
    Xml,
    /// HTML; `<script>` bodies are read as JavaScript.
    Html,
    /// INI-style `key = value` files: `.ini`, `.cfg`, `.conf`.
    Ini,
    /// reStructuredText; `.. code-block:: <language>` bodies are read in their language.
    #[serde(rename = "restructuredtext")]
    ReStructuredText,
    /// AsciiDoc; `[source,<language>]` blocks are read in their language.
    #[serde(rename = "asciidoc")]
    AsciiDoc,
    /// A CloudFormation `.template`: read as JSON when it starts with `{`, else as YAML.
    #[serde(rename = "cloudformation")]
    CloudFormation,
    /// Jest `.snap` files (JavaScript source).
    JestSnapshot,
    /// syrupy `.ambr` snapshot files (Python reprs).
    SyrupySnapshot,
    /// `.txt`, `.log`: prose.
    PlainText,
    /// Any other text file: the generic reader (quoted strings and `key: value` lines).
    Generic,
}

impl Language {
    /// Choose the language by the client's languageId first, then by file name/extension.
    /// A generic languageId (`sh`, `json`, `plaintext`, `properties`, `ini`) does not
    /// override a more specific file name: Neovim sends `sh` for `.env` and `json` for
    /// `.ipynb`, VS Code `properties` for `.cfg`/`.conf`, and an editor that does not know `.ambr` or `.template` sends `plaintext`.
    /// (Which IDs yield, and to which file names: the table's `client_ids` column.)
    /// A file whose name says nothing is read by the generic reader.
    pub fn detect(language_id: Option<&str>, path: Option<&str>) -> Language {
        let by_id = language_id.and_then(lang::by_id);
        let by_path = path.and_then(lang::by_path);
        match (by_id, by_path) {
            (Some(l), Some(p)) if l.row().client_ids.yields_to(p.row().client_ids) => p,
            (Some(l), _) => l,
            (None, Some(p)) => p,
            (None, None) => Language::Generic,
        }
    }

    /// The line-comment leader used for `bedrock-lsp: ignore[…]` quick fixes
    /// (`#`, `//`, `--` …); `None` where the format has no comments (JSON).
    pub fn line_comment(self) -> Option<&'static str> {
        lang::row(self).line_comment
    }

    /// Block comment delimiters for formats without line comments (Markdown:
    /// `<!--`, `-->`), for the ignore quick fix. Added to the contract.
    pub fn block_comment(self) -> Option<(&'static str, &'static str)> {
        lang::row(self).block_comment
    }

    /// The language table row (ids, extensions, lexer). Added to the contract.
    pub fn row(self) -> &'static LanguageRow {
        lang::row(self)
    }
}

/// Where a literal sits, which decides how loud a finding about it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LiteralContext {
    /// Under a key, argument, property, variable, setter or flag whose name says model.
    Key,
    /// Any other string literal whose value has the shape of a Bedrock ID.
    Value,
    /// Inside a comment.
    Comment,
    /// Prose: Markdown text, docstrings.
    Prose,
}

/// One model-ID candidate found in a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Literal {
    /// The ID text itself: no quotes, no `bedrock/` prefix. For an ARN, the whole ARN.
    pub span: Range<usize>,
    /// The whole content between the quotes (what a completion replaces).
    pub content: Range<usize>,
    pub context: LiteralContext,
    /// The key/argument/variable name the literal sits under, as written.
    pub key: Option<KeyName>,
    /// An interpolation stands right before the visible ID (`f"{geo}.anthropic…"`), so
    /// the profile scope is unknown: never flag it as needing a profile.
    pub scope_interpolated: bool,
    /// The visible text is a fragment of an ID that is completed at run time
    /// (`"anthropic.claude-3-5-sonnet-" + date`): never flag it as unknown.
    pub incomplete: bool,
}

/// A short name found by a scan: a key name as written (`modelId`, `BEDROCK_MODEL_ID`,
/// `--model-id`) or a region code (`us-east-1`). Names of up to 30 bytes (nearly all
/// keys, every region code) are kept inline: a scan does not allocate per keyed literal
/// or per region mention. Reads as a `&str` (`Deref`); serialized as a string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ShortName(ShortRepr);

/// A key name as written: see [`ShortName`].
pub type KeyName = ShortName;

#[derive(Clone, PartialEq, Eq, Hash)]
enum ShortRepr {
    Inline { len: u8, buf: [u8; 30] },
    Heap(Box<str>),
}

impl ShortName {
    pub fn new(name: &str) -> ShortName {
        let mut buf = [0u8; 30];
        match buf.get_mut(..name.len()) {
            Some(head) => {
                head.copy_from_slice(name.as_bytes());
                ShortName(ShortRepr::Inline {
                    len: name.len() as u8,
                    buf,
                })
            }
            None => ShortName(ShortRepr::Heap(name.into())),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always a whole `&str` copied in `new`.
            ShortRepr::Inline { len, buf } => std::str::from_utf8(&buf[..*len as usize])
                .expect("a short name is copied from a string"),
            ShortRepr::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for ShortName {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for ShortName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Display for ShortName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ShortName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<&str> for ShortName {
    fn from(name: &str) -> ShortName {
        ShortName::new(name)
    }
}

impl PartialEq<str> for ShortName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ShortName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A region named in the code near a call (`region_name="eu-west-1"`, `AWS_REGION=…`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegionMention {
    pub span: Range<usize>,
    /// The region code (inline: no allocation per mention).
    pub region: ShortName,
}

/// A `bedrock-lsp: ignore` or `bedrock-lsp: ignore[code, code]` comment. It applies to
/// the line it is on (a trailing comment) and, when it stands alone on its line, to the next line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IgnoreDirective {
    /// Byte range of the line(s) the directive covers.
    pub applies_to: Range<usize>,
    /// Empty = every code.
    pub codes: Vec<String>,
    /// The directive's own text: `bedrock-lsp: ignore`, or through the `]` of
    /// `bedrock-lsp: ignore[code, …]`.
    pub span: Range<usize>,
    /// What to delete to take the directive out: the whole comment when it holds nothing
    /// else (its whole line when the comment stands alone on it, else with the blanks
    /// that separate it from the code), otherwise the directive's text with the blanks
    /// that separate it from the rest of the comment. Never more than the comment, and
    /// never joining the text on its two sides; empty when no such removal exists.
    pub removal: Range<usize>,
    /// The directive is shown rather than used: it sits in a code sample of a document
    /// (a Markdown fence or inline code, a reStructuredText or AsciiDoc code block), or
    /// is quoted in its comment (`` /// Adds a `bedrock-lsp: ignore` comment ``). It
    /// still silences findings, but is never reported as unused.
    pub example: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScanResult {
    pub literals: Vec<Literal>,
    pub regions: Vec<RegionMention>,
    pub ignores: Vec<IgnoreDirective>,
    /// Constructs that carry the scanner's state over a line break (multi-line strings
    /// and comments, heredocs, YAML block scalars, Markdown fences and `<!-- -->`
    /// comments, `\` continuations, an unterminated heredoc opener up to the end, the
    /// YAML `name:`/`value:` pair), as byte ranges `a..b`: a line start `ls` with
    /// `a < ls <= b` is *not* a safe restart point. Every other line start is: the
    /// scanner is there in its initial state, so scanning can restart there
    /// ([`rescan`]). Sorted by `(start, end)`.
    pub multiline: Vec<Range<usize>>,
}

impl ScanResult {
    /// Room for what a text of `len` bytes holds when it is dense with IDs (about one
    /// literal per 256 bytes, one region and one multi-line construct per 1 KB), so a
    /// whole-document scan rarely grows a vector (each growth is a `realloc` and a
    /// copy). [`finish`] gives back what a sparser text did not use.
    fn with_capacity_for(len: usize) -> Self {
        ScanResult {
            literals: Vec::with_capacity(len / 256),
            regions: Vec::with_capacity(len / 1024),
            ignores: Vec::new(),
            multiline: Vec::with_capacity(len / 1024),
        }
    }

    /// Give back reserved room that is mostly unused (scan results live as long as
    /// their document is open).
    fn shrink_unused(&mut self) {
        fn shrink<T>(v: &mut Vec<T>) {
            if v.capacity() > 2 * v.len() + 16 {
                v.shrink_to_fit();
            }
        }
        shrink(&mut self.literals);
        shrink(&mut self.regions);
        shrink(&mut self.multiline);
    }
}

/// Scan a whole document. Literals, regions and ignores come sorted by position.
pub fn scan(text: &str, language: Language) -> ScanResult {
    let mut cx = emit::Cx::new(text);
    cx.res = ScanResult::with_capacity_for(text.len());
    run_top(&mut cx, language, 0, usize::MAX);
    finish(cx.res)
}

fn finish(mut res: ScanResult) -> ScanResult {
    res.literals.sort_by_key(|l| (l.span.start, l.span.end));
    res.literals.dedup_by(|a, b| a.span == b.span);
    res.regions.sort_by_key(|r| r.span.start);
    res.regions.dedup();
    res.ignores.sort_by_key(|i| i.applies_to.start);
    res.multiline.sort_by_key(|r| (r.start, r.end));
    res.multiline.dedup();
    res.shrink_unused();
    res
}

/// Scan `cx.text` from `from` (0 or a safe line start) as `language`, at the top level
/// (restart points are recorded). With `stop` < the text length (a line start), nothing
/// that starts at or after `stop` is read; what starts before it is read in full.
fn run_top(cx: &mut emit::Cx, language: Language, from: usize, stop: usize) {
    let len = cx.text.len();
    cx.stop = stop;
    let lexer = lexer_of(cx.text, language, 0);
    match lexer {
        lang::Lexer::Notebook | lang::Lexer::Plain if from != 0 || stop < len => {
            cx.prose_ids(from..stop.min(len), LiteralContext::Prose)
        }
        _ => run(cx, language, from..len, 0),
    }
    cx.stop = usize::MAX;
}

/// The reader of `language` for this document: a CloudFormation `.template` is JSON
/// when its first non-space byte is `{`, else YAML (decided from `from`: the document
/// start at the top level, so that a rescan from any line reads it the same way, or the
/// start of a Markdown fence).
fn lexer_of(text: &str, language: Language, from: usize) -> lang::Lexer {
    match lang::row(language).lexer {
        lang::Lexer::JsonOrYaml => {
            let first = text
                .get(from..)
                .unwrap_or("")
                .trim_start_matches('\u{feff}')
                .bytes()
                .find(|b| !b.is_ascii_whitespace());
            if first == Some(b'{') {
                lang::row(Language::Json).lexer
            } else {
                lang::row(Language::Yaml).lexer
            }
        }
        l => l,
    }
}

/// Scan `range` of `cx.text` as `language` (also used for Markdown fences).
fn run(cx: &mut emit::Cx, language: Language, range: Range<usize>, depth: usize) {
    let words = (depth > 0).then(|| {
        cx.nested += 1;
        cx.fresh_words()
    });
    let saved = (
        cx.concat_dot,
        cx.shell_words,
        cx.dockerfile,
        cx.sdk_regions,
        cx.prev.take(),
    );
    let row = lang::row(language);
    cx.dockerfile = row.dockerfile_words;
    cx.sdk_regions = row.sdk_region_constants;
    cx.shell_words = false;
    cx.concat_dot = false;
    let sniff_from = if depth == 0 { 0 } else { range.start };
    match lexer_of(cx.text, language, sniff_from) {
        lang::Lexer::Code(rules) => {
            cx.concat_dot = rules.concat_dot;
            code::lex(cx, rules, range.start, range.end);
            if cx.sdk_regions {
                let end = if depth == 0 {
                    range.end.min(cx.stop)
                } else {
                    range.end
                };
                cx.sdk_region_constants(range.start..end);
            }
        }
        lang::Lexer::Shell(rules) => {
            cx.shell_words = true;
            code::lex(cx, rules, range.start, range.end);
        }
        lang::Lexer::Yaml => lines::yaml(cx, range),
        lang::Lexer::Dotenv => lines::dotenv(cx, range),
        lang::Lexer::Properties => lines::properties(cx, range),
        lang::Lexer::Markdown => cx.in_document(|cx| markdown::scan(cx, range, depth)),
        lang::Lexer::Notebook if range.start == 0 && range.end == cx.text.len() => {
            notebook::scan(cx)
        }
        lang::Lexer::Notebook | lang::Lexer::Plain => cx.prose_ids(range, LiteralContext::Prose),
        lang::Lexer::Markup { html } => markup::scan(cx, range, html, depth),
        lang::Lexer::Ini => conf::ini(cx, range),
        lang::Lexer::Rst => cx.in_document(|cx| prose::rst(cx, range, depth)),
        lang::Lexer::AsciiDoc => cx.in_document(|cx| prose::asciidoc(cx, range, depth)),
        lang::Lexer::Generic => generic::scan(cx, range),
        // Resolved by `lexer_of`.
        lang::Lexer::JsonOrYaml => lines::yaml(cx, range),
    }
    (
        cx.concat_dot,
        cx.shell_words,
        cx.dockerfile,
        cx.sdk_regions,
        cx.prev,
    ) = saved;
    if let Some(w) = words {
        cx.nested -= 1;
        cx.restore_words(w);
    }
}

/// Where a completion at `offset` would go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionSite {
    /// The range an accepted item replaces (the whole string content, or empty at the cursor).
    pub replace: Range<usize>,
    /// What is typed so far inside the string (for filtering).
    pub typed: Range<usize>,
    pub key: Option<String>,
    /// The cursor is after a model key with no string yet: the item inserts the quotes.
    pub insert_quotes: Option<char>,
}

/// Is `offset` inside a string literal that may hold a model ID, or right after a model key?
///
/// `insert_quotes` is the language's preferred quote; it is `None` where bare values are
/// idiomatic (YAML, `.env`, `.properties`, shell flags), so the site is then an empty
/// range at the cursor with nothing to add.
pub fn completion_site(text: &str, language: Language, offset: usize) -> Option<CompletionSite> {
    completion_site_from(text, language, offset, 0, usize::MAX)
}

/// [`completion_site`] that reads only a few lines around `offset`, using `scan` (the
/// [`scan`] of this very `text`) to find a safe place to start: constant time in the
/// size of the document, with the same answer.
pub fn completion_site_in(
    text: &str,
    language: Language,
    offset: usize,
    scan: &ScanResult,
) -> Option<CompletionSite> {
    // The notebook reader reads its cells only from the start of the document.
    if matches!(lang::row(language).lexer, lang::Lexer::Notebook) || offset > text.len() {
        return completion_site(text, language, offset);
    }
    // The key look-back reaches `KEY_LOOKBACK` bytes before the cursor: start at a
    // safe line start at or before that, so every token it can see is read as a full
    // scan would read it.
    let b = text.as_bytes();
    let from = rescan::safe_start_before(
        b,
        &scan.multiline,
        offset.saturating_sub(keys::KEY_LOOKBACK),
    );
    // Stop at a safe line start after the cursor: nothing read runs over it.
    let stop = rescan::safe_start_after(b, &scan.multiline, offset);
    completion_site_from(text, language, offset, from, stop)
}

fn completion_site_from(
    text: &str,
    language: Language,
    offset: usize,
    from: usize,
    stop: usize,
) -> Option<CompletionSite> {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let mut cx = emit::Cx::new(text);
    cx.opaque = Some(Vec::new());
    run_top(&mut cx, language, from, stop);
    let opaque = cx.opaque.take().unwrap_or_default();
    let res = finish(std::mem::take(&mut cx.res));
    if let Some(l) = res.literals.iter().find(|l| {
        matches!(l.context, LiteralContext::Key | LiteralContext::Value)
            && l.content.start <= offset
            && offset <= l.content.end
    }) {
        return Some(CompletionSite {
            replace: l.content.clone(),
            typed: l.content.start..offset,
            key: l.key.as_deref().map(str::to_string),
            insert_quotes: None,
        });
    }
    // Inside some other string or a comment: nothing to complete.
    if opaque.iter().any(|r| r.start < offset && offset < r.end)
        || opaque
            .iter()
            .any(|r| r.end == offset && !text[..r.end].ends_with(['"', '\'', '`']))
    {
        return None;
    }
    if matches!(text.as_bytes().get(offset), Some(b'"' | b'\'' | b'`')) {
        return None;
    }
    let b = text.as_bytes();
    let prev = opaque
        .iter()
        .filter(|r| r.end <= offset && r.end > r.start && matches!(b[r.end - 1], b'"' | b'\''))
        .max_by_key(|r| r.end)
        .and_then(|r| {
            let q = b[r.end - 1];
            let open = r.start + b[r.start..r.end - 1].iter().position(|&c| c == q)?;
            Some(keys::Prev {
                open: r.start,
                content_start: open + 1,
                content_end: r.end - 1,
                close_end: r.end,
            })
        });
    let hit = keys::key_before(text, offset, prev, &mut keys::KeyMemo::default())?;
    if hit.kind != keys::KeyKind::Model {
        return None;
    }
    Some(CompletionSite {
        replace: offset..offset,
        typed: offset..offset,
        key: Some(hit.name.to_string()),
        insert_quotes: lang::row(language).quote,
    })
}
