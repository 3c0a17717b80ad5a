//! Finds string literals that hold (or may hold) Bedrock model IDs, per language family,
//! and the key each sits under. Pure: text in, byte spans out; no LSP types.
//!
//! The contract with `analysis` is [`scan`] → [`ScanResult`], [`completion_site`] and
//! [`Language`]. Everything is in byte offsets into the text given.

use std::ops::Range;

/// A language family; each has its own lexer rules (see the language table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    PlainText,
}

impl Language {
    /// Choose the language by the client's languageId first, then by file name/extension.
    pub fn detect(language_id: Option<&str>, path: Option<&str>) -> Language {
        let _ = (language_id, path);
        Language::PlainText
    }

    /// The line-comment leader used for `bedrock-lsp: ignore[…]` quick fixes
    /// (`#`, `//`, `--` …); `None` where the format has no comments (JSON).
    pub fn line_comment(self) -> Option<&'static str> {
        None
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
    pub key: Option<String>,
    /// An interpolation stands right before the visible ID (`f"{geo}.anthropic…"`), so
    /// the profile scope is unknown: never flag it as needing a profile.
    pub scope_interpolated: bool,
    /// The visible text is a fragment of an ID that is completed at run time
    /// (`"anthropic.claude-3-5-sonnet-" + date`): never flag it as unknown.
    pub incomplete: bool,
}

/// A region named in the code near a call (`region_name="eu-west-1"`, `AWS_REGION=…`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegionMention {
    pub span: Range<usize>,
    pub region: String,
}

/// A `bedrock-lsp: ignore` or `bedrock-lsp: ignore[code, code]` comment. It applies to
/// the line it is on (a trailing comment) and, when it stands alone on its line, to the next line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IgnoreDirective {
    /// Byte range of the line(s) the directive covers.
    pub applies_to: Range<usize>,
    /// Empty = every code.
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScanResult {
    pub literals: Vec<Literal>,
    pub regions: Vec<RegionMention>,
    pub ignores: Vec<IgnoreDirective>,
}

/// Scan a whole document.
pub fn scan(text: &str, language: Language) -> ScanResult {
    let _ = (text, language);
    ScanResult::default()
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
pub fn completion_site(text: &str, language: Language, offset: usize) -> Option<CompletionSite> {
    let _ = (text, language, offset);
    None
}
