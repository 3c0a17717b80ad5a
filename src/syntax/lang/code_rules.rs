//! The lexer rules ([`CodeRules`]) of each C-like family, one static per syntax, named
//! for it; the rows of the language table ([`super::LANGUAGES`]) point at them. A new
//! C-like syntax gets a static here; a language that writes its strings and comments
//! like an existing one reuses that one's.

use super::super::code::{CodeRules, Heredoc, Quote};

const DQ: Quote = Quote::new("\"", "\"", true, false);
const SQ: Quote = Quote::new("'", "'", true, false);

pub(crate) static PYTHON: CodeRules = CodeRules {
    line_comments: &["#"],
    quotes: &[
        Quote::new("\"\"\"", "\"\"\"", true, true),
        Quote::new("'''", "'''", true, true),
        DQ,
        SQ,
    ],
    python_prefixes: true,
    ..CodeRules::EMPTY
};
pub(crate) static JS: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[Quote::template("`", "`"), DQ, SQ],
    ..CodeRules::EMPTY
};
pub(crate) static JAVA: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[Quote::new("\"\"\"", "\"\"\"", true, true), DQ],
    char_literals: true,
    ..CodeRules::EMPTY
};
pub(crate) static KOTLIN: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: true,
    quotes: &[
        Quote::new("\"\"\"", "\"\"\"", false, true),
        Quote {
            template: true,
            ..DQ
        },
    ],
    char_literals: true,
    ..CodeRules::EMPTY
};
pub(crate) static GO: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[Quote::new("`", "`", false, true), DQ],
    char_literals: true,
    ..CodeRules::EMPTY
};
pub(crate) static RUST: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: true,
    quotes: &[Quote::new("\"", "\"", true, true)],
    char_literals: true,
    rust_raw: true,
    ..CodeRules::EMPTY
};
pub(crate) static CSHARP: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[Quote::new("\"\"\"", "\"\"\"", false, true), DQ],
    char_literals: true,
    csharp_verbatim: true,
    ..CodeRules::EMPTY
};
pub(crate) static PHP: CodeRules = CodeRules {
    line_comments: &["//", "#"],
    block_comment: Some(("/*", "*/")),
    quotes: &[
        Quote::new("\"", "\"", true, true),
        Quote::new("'", "'", true, true),
    ],
    heredoc: Heredoc::Php,
    concat_dot: true,
    ..CodeRules::EMPTY
};
pub(crate) static RUBY: CodeRules = CodeRules {
    line_comments: &["#"],
    quotes: &[
        Quote::new("\"", "\"", true, true),
        Quote::new("'", "'", true, true),
    ],
    heredoc: Heredoc::Ruby,
    ..CodeRules::EMPTY
};
pub(crate) static HCL: CodeRules = CodeRules {
    line_comments: &["#", "//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[Quote::template("\"", "\"")],
    heredoc: Heredoc::Hcl,
    ..CodeRules::EMPTY
};
pub(crate) static JSON: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[DQ],
    ..CodeRules::EMPTY
};
pub(crate) static TOML: CodeRules = CodeRules {
    line_comments: &["#"],
    quotes: &[
        Quote::new("\"\"\"", "\"\"\"", true, true),
        Quote::new("'''", "'''", false, true),
        DQ,
        Quote::new("'", "'", false, false),
    ],
    ..CodeRules::EMPTY
};
pub(crate) static SWIFT: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: true,
    quotes: &[Quote::new("\"\"\"", "\"\"\"", true, true), DQ],
    swift_raw: true,
    ..CodeRules::EMPTY
};
pub(crate) static SCALA: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: true,
    quotes: &[
        Quote::new("\"\"\"", "\"\"\"", false, true),
        Quote {
            template: true,
            ..DQ
        },
    ],
    char_literals: true,
    ..CodeRules::EMPTY
};
pub(crate) static DART: CodeRules = CodeRules {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: true,
    quotes: &[
        Quote::template("\"\"\"", "\"\"\""),
        Quote::template("'''", "'''"),
        Quote {
            template: true,
            ..DQ
        },
        Quote {
            template: true,
            ..SQ
        },
    ],
    ..CodeRules::EMPTY
};
pub(crate) static LUA: CodeRules = CodeRules {
    line_comments: &["--"],
    block_comment: Some(("--[[", "]]")),
    quotes: &[Quote::new("[[", "]]", false, true), DQ, SQ],
    ..CodeRules::EMPTY
};
pub(crate) static ELIXIR: CodeRules = CodeRules {
    line_comments: &["#"],
    quotes: &[
        Quote::new("\"\"\"", "\"\"\"", true, true),
        Quote::new("'''", "'''", true, true),
        Quote::new("\"", "\"", true, true),
        Quote::new("'", "'", true, true),
    ],
    ..CodeRules::EMPTY
};
pub(crate) static R: CodeRules = CodeRules {
    line_comments: &["#"],
    quotes: &[
        Quote::new("\"", "\"", true, true),
        Quote::new("'", "'", true, true),
    ],
    ..CodeRules::EMPTY
};
pub(crate) static SQL: CodeRules = CodeRules {
    line_comments: &["--"],
    block_comment: Some(("/*", "*/")),
    // `''` inside a string is an escaped quote: read as two strings side by side.
    quotes: &[
        Quote::new("'", "'", false, true),
        Quote::new("\"", "\"", false, false),
    ],
    ..CodeRules::EMPTY
};
/// syrupy `.ambr`: `# name: test_x` headers, Python reprs (`'…'`, `'''…'''`).
pub(crate) static AMBR: CodeRules = CodeRules {
    line_comments: &["#"],
    quotes: &[
        Quote::new("'''", "'''", true, true),
        Quote::new("\"\"\"", "\"\"\"", true, true),
        DQ,
        SQ,
    ],
    ..CodeRules::EMPTY
};
pub(crate) static SHELL: CodeRules = CodeRules {
    line_comments: &["#"],
    hash_needs_word_start: true,
    quotes: &[
        Quote::new("\"", "\"", true, true),
        Quote::new("'", "'", false, true),
    ],
    heredoc: Heredoc::Shell,
    ..CodeRules::EMPTY
};
