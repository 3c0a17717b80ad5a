//! What a called name says about the literals passed to it: a Bedrock call, a pattern
//! match, an assertion, an operation (chat, embeddings, image), or a keyword that is
//! no call at all. Name tables only; the reading of the text is in `lex.rs`.

use super::Operation;

/// Names of calls that send a model ID to Bedrock: the runtime operations of every
/// AWS SDK (snake, camel and Pascal case) and anything whose name says Bedrock
/// (`ChatBedrock`, `BedrockModel`, `bedrock_runtime`).
pub(super) fn is_bedrock_callee(name: &str) -> bool {
    let mut buf = [0u8; 64];
    let n = name
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .take(buf.len())
        .enumerate()
        .map(|(i, b)| buf[i] = b.to_ascii_lowercase())
        .count();
    let n = &buf[..n];
    let has = |w: &[u8]| n.windows(w.len()).any(|x| x == w);
    has(b"bedrock")
        || n.starts_with(b"converse")
        || n.starts_with(b"invokemodel")
        || n == b"startasyncinvoke"
        || n == b"applyguardrail"
}

/// Calls that match a string against others (prefixes, fragments, patterns).
pub(super) fn is_pattern_callee(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "startswith"
            | "starts_with"
            | "start_with"
            | "hasprefix"
            | "endswith"
            | "ends_with"
            | "hassuffix"
            | "includes"
            | "contains"
            | "indexof"
            | "index"
            | "find"
            | "match"
            | "matches"
            | "search"
            | "replace"
            | "replaceall"
            | "trimprefix"
            | "removeprefix"
            | "strip_prefix"
            | "lstrip"
            | "split"
    )
}

/// Assertions and matchers of the usual test frameworks.
pub(super) fn is_assertion(name: &str) -> bool {
    let b = name.as_bytes();
    name.starts_with("assert")
        || name.starts_with("Assert")
        || name.starts_with("expect")
        || (b.len() > 2 && name.starts_with("to") && b[2].is_ascii_uppercase())
        || matches!(
            name,
            "equal" | "deepEqual" | "strictEqual" | "Equal" | "Contains" | "eq" | "ok"
        )
}

/// The operation a called name says: `converse`, `ConverseCommand`, `ChatBedrock`,
/// `BedrockModel`, `Agent` → chat; `embed_query`, `BedrockEmbeddings`,
/// `InvokeModel`… with `embed` in the name → embeddings; `generate_image` → image.
pub(super) fn operation_of(name: &str) -> Option<Operation> {
    let lower = name.to_ascii_lowercase();
    let has = |w: &str| lower.contains(w);
    if has("embed") {
        Some(Operation::Embedding)
    } else if has("image") && !has("converse") {
        Some(Operation::Image)
    } else if lower.starts_with("converse")
        || has("chat")
        || lower == "bedrockmodel"
        || lower == "bedrockconverse"
        || lower == "agent"
        || lower == "llm"
    {
        Some(Operation::Chat)
    } else {
        None
    }
}

pub(super) fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "if" | "for"
            | "while"
            | "switch"
            | "return"
            | "in"
            | "and"
            | "or"
            | "not"
            | "print"
            | "elif"
            | "case"
            | "match"
            | "when"
            | "catch"
            | "function"
            | "fn"
            | "def"
            | "lambda"
    )
}
