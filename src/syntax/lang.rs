//! The language table: one row per language family, kept as data. A row maps client
//! language IDs (VS Code ids and Neovim filetypes), file extensions and file names to
//! the lexer that reads the family, its comment/quote conventions and the per-language
//! switches the driver reads (`run` in `mod.rs` has no `match` on a language). Adding a
//! language is a `Language` variant, a row here (plus, for a new C-like syntax, a
//! [`CodeRules`] static in `lang/code_rules.rs`), a fixture under
//! `tests/fixtures/<language>/` and the editor lists: the recipe in ARCHITECTURE.md.

pub(crate) mod code_rules;

use super::code::CodeRules;
use super::Language;
use code_rules::{
    AMBR, CSHARP, DART, ELIXIR, GO, HCL, JAVA, JS, JSON, KOTLIN, LUA, PHP, PYTHON, R, RUBY, RUST,
    SCALA, SHELL, SQL, SWIFT, TOML,
};

/// Which reader handles a family.
#[derive(Debug, Clone, Copy)]
pub enum Lexer {
    /// The generic token lexer, driven by [`CodeRules`].
    Code(&'static CodeRules),
    /// Shell-like: the code lexer plus unquoted words (`--model-id x`, `NAME=value`).
    Shell(&'static CodeRules),
    Yaml,
    Dotenv,
    Properties,
    Markdown,
    Notebook,
    /// Prose: every ID-shaped word is a [`LiteralContext::Prose`](super::LiteralContext) literal.
    Plain,
    /// XML and HTML (`html`: `<script>` bodies are JavaScript): attribute values and
    /// the text of an element are values under the attribute / element name.
    Markup {
        html: bool,
    },
    /// INI-style files: `[section]`, `key = value`, `;`/`#` comments.
    Ini,
    /// reStructuredText: prose, with `.. code-block:: <language>` bodies read in their language.
    Rst,
    /// AsciiDoc: prose, with `[source,<language>]` blocks read in their language.
    AsciiDoc,
    /// JSON when the document's first non-space byte is `{`, else YAML (CloudFormation).
    JsonOrYaml,
    /// Any other text: the generic reader ([`super::generic`]).
    Generic,
}

impl Lexer {
    /// An edit is answered by a scan of the whole document, never by a rescan from a line
    /// near it: a notebook is JSON around its cells, and a CloudFormation template's
    /// reader is chosen by its first byte.
    pub(crate) fn rescans_whole_document(self) -> bool {
        matches!(self, Lexer::Notebook | Lexer::JsonOrYaml)
    }
}

/// One row of the language table.
#[derive(Debug, Clone, Copy)]
pub struct LanguageRow {
    pub language: Language,
    /// Directory name of the fixtures (`tests/fixtures/<fixture>/`) and the display name.
    pub fixture: &'static str,
    /// Client language IDs / editor filetypes, lower case.
    pub ids: &'static [&'static str],
    /// File extensions without the dot, lower case.
    pub extensions: &'static [&'static str],
    /// Exact file names (lower case); a trailing `*` matches a prefix, a leading `*` a suffix.
    pub file_names: &'static [&'static str],
    /// Line-comment leader for `bedrock-lsp: ignore` quick fixes.
    pub line_comment: Option<&'static str>,
    /// Block comment delimiters, for formats without line comments (Markdown).
    pub block_comment: Option<(&'static str, &'static str)>,
    /// The quote a completion inserts after a bare model key; `None` where values are
    /// idiomatically unquoted (YAML, `.env`, `.properties`, shell flags).
    pub quote: Option<char>,
    pub lexer: Lexer,
    /// Code in this language names Regions by SDK constants (`Region.US_WEST_2`,
    /// `RegionEndpoint.USWest2`), read as region mentions (with a [`Lexer::Code`] reader).
    pub sdk_region_constants: bool,
    /// Dockerfile instructions: the value of `ENV NAME value` / `ARG NAME value` is read
    /// under `NAME`, and every word is looked at (with a [`Lexer::Shell`] reader).
    pub dockerfile_words: bool,
    /// Whether the client's language ID or the file name wins when they name two rows.
    pub client_ids: ClientIds,
}

/// What a row's client language IDs say when the file name names another row
/// ([`Language::detect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientIds {
    /// The ID names the format: it wins over the file name.
    Specific,
    /// The ID says nothing about the format (`plaintext`): the file name wins.
    Vague,
    /// Editors send this ID for some other formats too (Neovim `sh` for `.env` and `json`
    /// for `.ipynb`, VS Code `properties` for `.cfg`): the file name of a
    /// [`ClientIds::SentAsOthers`] row wins over it.
    SharedWithOthers,
    /// Files of this format may arrive under a [`ClientIds::SharedWithOthers`] ID; this
    /// row's own IDs are specific.
    SentAsOthers,
}

impl ClientIds {
    /// A client ID of a row with `self` yields to a file name of a row with `name`.
    pub(crate) fn yields_to(self, name: ClientIds) -> bool {
        match self {
            ClientIds::Vague => true,
            ClientIds::SharedWithOthers => name == ClientIds::SentAsOthers,
            ClientIds::Specific | ClientIds::SentAsOthers => false,
        }
    }
}

/// The language table.
pub static LANGUAGES: &[LanguageRow] = &[
    LanguageRow {
        language: Language::Python,
        fixture: "python",
        ids: &["python", "py"],
        extensions: &["py", "pyi", "pyw"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&PYTHON),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::JavaScript,
        fixture: "javascript",
        ids: &[
            "javascript",
            "javascriptreact",
            "typescript",
            "typescriptreact",
            "js",
            "jsx",
            "ts",
            "tsx",
            "vue",
            "svelte",
        ],
        extensions: &[
            "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "vue", "svelte",
        ],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&JS),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Java,
        fixture: "java",
        ids: &["java"],
        extensions: &["java"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&JAVA),
        sdk_region_constants: true,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Kotlin,
        fixture: "kotlin",
        ids: &["kotlin", "kt"],
        extensions: &["kt", "kts"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&KOTLIN),
        sdk_region_constants: true,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Go,
        fixture: "go",
        ids: &["go", "golang"],
        extensions: &["go"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&GO),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Rust,
        fixture: "rust",
        ids: &["rust", "rs"],
        extensions: &["rs"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&RUST),
        sdk_region_constants: true,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::CSharp,
        fixture: "csharp",
        ids: &["csharp", "cs", "c#"],
        extensions: &["cs", "csx"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&CSHARP),
        sdk_region_constants: true,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Php,
        fixture: "php",
        ids: &["php"],
        extensions: &["php", "phtml"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('\''),
        lexer: Lexer::Code(&PHP),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Ruby,
        fixture: "ruby",
        ids: &["ruby", "rb"],
        extensions: &["rb", "rake", "gemspec"],
        file_names: &["gemfile", "rakefile"],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&RUBY),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Hcl,
        fixture: "terraform",
        ids: &[
            "terraform",
            "terraform-vars",
            "hcl",
            "tf",
            "tfvars",
            "opentofu",
        ],
        extensions: &["tf", "tfvars", "hcl", "tofu"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&HCL),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Yaml,
        fixture: "yaml",
        ids: &[
            "yaml",
            "yml",
            "yaml.cloudformation",
            "yaml.docker-compose",
            "yaml.gitlab",
            "github-actions-workflow",
            "dockercompose",
        ],
        extensions: &["yaml", "yml"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: None,
        lexer: Lexer::Yaml,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Json,
        fixture: "json",
        ids: &["json", "jsonc", "json5", "json.cloudformation"],
        extensions: &["json", "jsonc", "json5"],
        file_names: &[],
        line_comment: None,
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&JSON),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::SharedWithOthers,
    },
    LanguageRow {
        language: Language::Toml,
        fixture: "toml",
        ids: &["toml"],
        extensions: &["toml"],
        file_names: &["pipfile"],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&TOML),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Properties,
        fixture: "properties",
        ids: &[
            "properties",
            "jproperties",
            "java-properties",
            "spring-boot-properties",
        ],
        extensions: &["properties"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: None,
        lexer: Lexer::Properties,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::SharedWithOthers,
    },
    LanguageRow {
        language: Language::Dotenv,
        fixture: "dotenv",
        ids: &["dotenv", "env"],
        extensions: &["env"],
        file_names: &[".env", ".env.*", "*.env"],
        line_comment: Some("#"),
        block_comment: None,
        quote: None,
        lexer: Lexer::Dotenv,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::SentAsOthers,
    },
    LanguageRow {
        language: Language::Shell,
        fixture: "shell",
        ids: &["shellscript", "sh", "bash", "zsh", "ksh"],
        extensions: &["sh", "bash", "zsh", "ksh"],
        file_names: &[".bashrc", ".zshrc", ".profile", ".bash_profile", ".envrc"],
        line_comment: Some("#"),
        block_comment: None,
        quote: None,
        lexer: Lexer::Shell(&SHELL),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::SharedWithOthers,
    },
    LanguageRow {
        language: Language::Dockerfile,
        fixture: "dockerfile",
        ids: &["dockerfile", "containerfile"],
        extensions: &["dockerfile", "containerfile"],
        file_names: &[
            "dockerfile",
            "containerfile",
            "dockerfile.*",
            "containerfile.*",
        ],
        line_comment: Some("#"),
        block_comment: None,
        quote: None,
        lexer: Lexer::Shell(&SHELL),
        sdk_region_constants: false,
        dockerfile_words: true,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Markdown,
        fixture: "markdown",
        ids: &["markdown", "md", "mdx"],
        extensions: &["md", "markdown", "mdx"],
        file_names: &[],
        line_comment: None,
        block_comment: Some(("<!--", "-->")),
        quote: None,
        lexer: Lexer::Markdown,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Notebook,
        fixture: "notebook",
        ids: &["jupyter", "ipynb", "jupyter-notebook"],
        extensions: &["ipynb"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Notebook,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::SentAsOthers,
    },
    LanguageRow {
        language: Language::Swift,
        fixture: "swift",
        ids: &["swift"],
        extensions: &["swift"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&SWIFT),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Scala,
        fixture: "scala",
        ids: &["scala", "sbt"],
        extensions: &["scala", "sc", "sbt"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&SCALA),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Dart,
        fixture: "dart",
        ids: &["dart"],
        extensions: &["dart"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('\''),
        lexer: Lexer::Code(&DART),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Lua,
        fixture: "lua",
        ids: &["lua"],
        extensions: &["lua"],
        file_names: &[],
        line_comment: Some("--"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&LUA),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Elixir,
        fixture: "elixir",
        ids: &["elixir", "ex", "exs"],
        extensions: &["ex", "exs"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&ELIXIR),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::R,
        fixture: "r",
        ids: &["r"],
        extensions: &["r"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&R),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Sql,
        fixture: "sql",
        ids: &["sql", "mysql", "pgsql", "plsql", "postgres"],
        extensions: &["sql"],
        file_names: &[],
        line_comment: Some("--"),
        block_comment: None,
        quote: Some('\''),
        lexer: Lexer::Code(&SQL),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Xml,
        fixture: "xml",
        ids: &["xml", "xsl", "xslt", "xsd"],
        extensions: &[
            "xml", "xsl", "xslt", "xsd", "plist", "csproj", "fsproj", "vbproj", "props", "targets",
            "resx", "xaml", "wsdl",
        ],
        file_names: &["web.config", "app.config"],
        line_comment: None,
        block_comment: Some(("<!--", "-->")),
        quote: Some('"'),
        lexer: Lexer::Markup { html: false },
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Html,
        fixture: "html",
        ids: &["html", "xhtml", "htm"],
        extensions: &["html", "htm", "xhtml"],
        file_names: &[],
        line_comment: None,
        block_comment: Some(("<!--", "-->")),
        quote: Some('"'),
        lexer: Lexer::Markup { html: true },
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Ini,
        fixture: "ini",
        ids: &["ini", "dosini", "cfg", "conf", "editorconfig", "gitconfig"],
        extensions: &["ini", "cfg", "conf", "cnf"],
        file_names: &[
            ".editorconfig",
            ".gitconfig",
            ".npmrc",
            ".pypirc",
            ".flake8",
        ],
        line_comment: Some("#"),
        block_comment: None,
        quote: None,
        lexer: Lexer::Ini,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::SentAsOthers,
    },
    LanguageRow {
        language: Language::ReStructuredText,
        fixture: "restructuredtext",
        ids: &["restructuredtext", "rst"],
        extensions: &["rst", "rest"],
        file_names: &[],
        line_comment: Some(".."),
        block_comment: None,
        quote: None,
        lexer: Lexer::Rst,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::AsciiDoc,
        fixture: "asciidoc",
        ids: &["asciidoc", "adoc"],
        extensions: &["adoc", "asciidoc"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: None,
        lexer: Lexer::AsciiDoc,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::CloudFormation,
        fixture: "cloudformation",
        ids: &["cloudformation"],
        extensions: &["template"],
        file_names: &[],
        line_comment: None,
        block_comment: None,
        quote: None,
        lexer: Lexer::JsonOrYaml,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::JestSnapshot,
        fixture: "jest-snapshot",
        ids: &["jest-snapshot"],
        extensions: &["snap"],
        file_names: &[],
        line_comment: Some("//"),
        block_comment: None,
        quote: Some('"'),
        lexer: Lexer::Code(&JS),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::SyrupySnapshot,
        fixture: "syrupy-snapshot",
        ids: &["syrupy-snapshot", "ambr"],
        extensions: &["ambr"],
        file_names: &[],
        line_comment: Some("#"),
        block_comment: None,
        quote: Some('\''),
        lexer: Lexer::Code(&AMBR),
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Specific,
    },
    LanguageRow {
        language: Language::Generic,
        fixture: "generic",
        ids: &[],
        extensions: &[],
        file_names: &[],
        line_comment: None,
        block_comment: None,
        quote: None,
        lexer: Lexer::Generic,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Vague,
    },
    LanguageRow {
        language: Language::PlainText,
        fixture: "plaintext",
        ids: &["plaintext", "text", "txt"],
        extensions: &["txt", "text", "log"],
        file_names: &[
            "readme",
            "license",
            "notice",
            "changelog",
            "authors",
            "contributors",
            "copying",
        ],
        line_comment: None,
        block_comment: None,
        quote: None,
        lexer: Lexer::Plain,
        sdk_region_constants: false,
        dockerfile_words: false,
        client_ids: ClientIds::Vague,
    },
];

/// The row of a language (every variant has exactly one; checked by a test).
pub fn row(language: Language) -> &'static LanguageRow {
    LANGUAGES
        .iter()
        .find(|r| r.language == language)
        .unwrap_or(&LANGUAGES[LANGUAGES.len() - 1])
}

pub(crate) fn by_id(id: &str) -> Option<Language> {
    // `x == id.trim().to_ascii_lowercase()`, without allocating the lower-case copy.
    let id = id.trim().as_bytes();
    let is = |x: &&str| {
        x.len() == id.len() && x.bytes().zip(id).all(|(a, b)| a == b.to_ascii_lowercase())
    };
    LANGUAGES
        .iter()
        .find(|r| r.ids.iter().any(is))
        .map(|r| r.language)
}

pub(crate) fn by_path(path: &str) -> Option<Language> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = name.to_ascii_lowercase();
    let name_match = |pat: &str| {
        if let Some(p) = pat.strip_suffix('*') {
            name.starts_with(p) && name.len() > p.len()
        } else if let Some(s) = pat.strip_prefix('*') {
            name.ends_with(s) && name.len() > s.len()
        } else {
            name == pat
        }
    };
    if let Some(r) = LANGUAGES
        .iter()
        .find(|r| r.file_names.iter().any(|p| name_match(p)))
    {
        return Some(r.language);
    }
    let (_, ext) = name.rsplit_once('.')?;
    LANGUAGES
        .iter()
        .find(|r| r.extensions.contains(&ext))
        .map(|r| r.language)
}
