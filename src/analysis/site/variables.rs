//! Which variable a region mention is given to (a client built with it, a config passed
//! on to one), and Terraform's default AWS provider: what ties a region to the calls
//! that use it ([`super::super::region`]).

use std::ops::Range;

use crate::syntax::Language;

use super::lex::{
    assigned_to, chain_start, line_start, skip_ws, skip_ws_back_inline, word_uses, Lex,
};
use super::{LOOKAHEAD, LOOKBACK};

/// The variable a region mention at `span` is given to, when it sits in a call or
/// object assigned to one: `client = boto3.client("bedrock-runtime", region_name="…")`,
/// `const client = new BedrockRuntimeClient({ region: "…" })`,
/// `val client = BedrockRuntimeClient { region = "…" }`,
/// `client = BedrockRuntimeClient.builder().region(Region.US_WEST_2).build()`.
pub(in crate::analysis) fn assigned_variable<'t>(
    text: &'t str,
    span: &Range<usize>,
    language: Language,
) -> Option<&'t str> {
    let b = text.as_bytes();
    let lexer = Lex::for_language(language);
    let from = line_start(b, span.start.saturating_sub(LOOKBACK));
    let stack = lexer.open_brackets(b, from, span.start);
    stack
        .iter()
        .rev()
        .filter_map(|&(at, _)| chain_start(text, at, from))
        .find_map(|start| assigned_to(text, start))
}

/// The region mention at `span` is the `region` of Terraform's default AWS provider
/// (`provider "aws" { region = "…" }` with no `alias`), which every resource of the
/// module uses unless it names another provider.
pub(in crate::analysis) fn in_default_aws_provider(
    text: &str,
    span: &Range<usize>,
    language: Language,
) -> bool {
    if language != Language::Hcl {
        return false;
    }
    let b = text.as_bytes();
    let lexer = Lex::for_language(language);
    let from = line_start(b, span.start.saturating_sub(LOOKBACK));
    let Some(&(open, b'{')) = lexer.open_brackets(b, from, span.start).first() else {
        return false;
    };
    let head = text[line_start(b, open)..open].trim();
    let Some(end) = lexer.close_of(b, span.end, b'{', (span.end + LOOKAHEAD).min(b.len())) else {
        return false;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    words == ["provider", "\"aws\""]
        && !text[open..end]
            .lines()
            .any(|l| l.trim_start().starts_with("alias"))
}

/// The variables assigned, within [`LOOKAHEAD`] bytes after `from`, from a call that
/// takes `var`: `client := bedrockruntime.NewFromConfig(cfg)` for `cfg`.
pub(in crate::analysis) fn passed_to_variables<'t>(
    text: &'t str,
    var: &'t str,
    from: usize,
    language: Language,
) -> Vec<&'t str> {
    let b = text.as_bytes();
    let to = (from + LOOKAHEAD).min(text.len());
    word_uses(text, var, from, to)
        .filter(|&at| is_argument(b, at, at + var.len()))
        .filter_map(|at| assigned_variable(text, &(at..at + var.len()), language))
        .filter(|&w| w != var)
        .collect()
}

/// `b[at..end]` stands alone as an argument: `(cfg)`, `(ctx, &cfg,`, `(*opts)`.
fn is_argument(b: &[u8], at: usize, end: usize) -> bool {
    let mut s = skip_ws_back_inline(b, at);
    while s > 0 && matches!(b[s - 1], b'&' | b'*') {
        s -= 1;
    }
    let s = skip_ws_back_inline(b, s);
    let e = skip_ws(b, end);
    s > 0 && matches!(b[s - 1], b'(' | b',') && matches!(b.get(e), Some(b')' | b','))
}
