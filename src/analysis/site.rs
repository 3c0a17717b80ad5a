//! Where a literal is used, which decides which checks may run on it and how sure they
//! must be: passed to a call or configuration key (*call*), a value in data (*data*),
//! inside a test file (*test*), or text for people (*prose*). Also the bracket group a
//! literal sits in and the receivers of the calls around it, which tie a region to it
//! ([`super::region::bound_region`]), and the file-level sign that code adds a profile
//! scope to bare IDs at run time.
//!
//! Everything here reads at most [`LOOKBACK`] bytes before a literal and [`LOOKAHEAD`]
//! bytes after it (the incremental analysis relies on that bound), with a small lexer
//! that knows quotes, comments and brackets and nothing else.

use std::ops::Range;

use crate::catalog::Endpoint;
use crate::syntax::{lang::Lexer, Language, Literal, LiteralContext};

/// How far before a literal (bytes) its use is read.
pub(super) const LOOKBACK: usize = 400;
/// How far after a literal (bytes) its use is read (the end of its call or object).
pub(super) const LOOKAHEAD: usize = 400;
/// The most any small step reads past those bounds (back to a line start, over blanks,
/// over a name): with it, everything here stays within a known distance of its start.
pub(super) const SLACK: usize = 128;

/// How a literal is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Use {
    /// Passed to a call, constructor or configuration key whose name says model.
    Call,
    /// A value in data: a list, a map (key or value), an enum, a constant.
    Data,
    /// In a test file (test paths and names of each ecosystem).
    Test,
    /// Comments, documentation text, docstrings, sample output.
    Prose,
}

impl Use {
    pub fn as_str(self) -> &'static str {
        match self {
            Use::Call => "call",
            Use::Data => "data",
            Use::Test => "test",
            Use::Prose => "prose",
        }
    }
}

/// What the text around a literal says about its use.
#[derive(Debug, Clone, Default)]
pub(super) struct Site<'t> {
    /// The innermost bracket group (or YAML/TOML block) the literal sits in, when its
    /// end is within reach: a region named inside it is bound to the literal.
    pub group: Option<Range<usize>>,
    /// The literal is the key of a map entry or a subscript (`{"id": 1}`, `t["id"]`,
    /// `case "id":`): a fix there would break the lookup.
    pub map_key: bool,
    /// The names called around the literal, innermost first (`converse`,
    /// `ConverseCommand`, `BedrockModel`).
    pub callees: Vec<&'t str>,
    /// The receivers of those calls (`client` in `client.converse(…)`), innermost first.
    pub receivers: Vec<&'t str>,
    /// The literal is matched against, not called: an argument of `startswith`,
    /// `includes`, `HasPrefix` …, so it may be a prefix or a fragment of an ID.
    pub pattern: bool,
    /// The literal is an argument of an assertion or matcher (`assertEqual`,
    /// `toContain`, `assert_eq!`): a test compares it, nothing calls it.
    pub asserted: bool,
}

impl Site<'_> {
    /// Inside a call that is recognisably Bedrock's (a runtime operation, or a
    /// constructor or function whose name says Bedrock).
    pub fn in_bedrock_call(&self) -> bool {
        self.callees.iter().any(|c| is_bedrock_callee(c))
    }

    /// The endpoint the call sends the ID to, where the call says: a `bedrock-runtime`
    /// operation (`converse`, `invoke_model`, `ConverseCommand` …) or an OpenAI-style
    /// `create` (`chat.completions.create`, `responses.create`: the OpenAI-compatible
    /// `bedrock-mantle` endpoint, or a gateway).
    pub fn endpoint(&self) -> Option<Endpoint> {
        for c in &self.callees {
            let lower = c.to_ascii_lowercase();
            if lower.starts_with("converse")
                || lower.starts_with("invokemodel")
                || lower.starts_with("invoke_model")
            {
                return Some(Endpoint::Runtime);
            }
            if lower == "create" {
                return Some(Endpoint::Mantle);
            }
        }
        None
    }
}

/// Names of calls that send a model ID to Bedrock: the runtime operations of every
/// AWS SDK (snake, camel and Pascal case) and anything whose name says Bedrock
/// (`ChatBedrock`, `BedrockModel`, `bedrock_runtime`).
fn is_bedrock_callee(name: &str) -> bool {
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
fn is_pattern_callee(name: &str) -> bool {
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
fn is_assertion(name: &str) -> bool {
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

/// The use of `lit` (`is_test`: the file is a test file) and what its surroundings say.
pub(super) fn site<'t>(
    text: &'t str,
    lit: &Literal,
    language: Language,
    is_test: bool,
) -> (Use, Site<'t>) {
    if matches!(lit.context, LiteralContext::Comment | LiteralContext::Prose) {
        return (Use::Prose, Site::default());
    }
    let b = text.as_bytes();
    let lexer = Lex::for_language(language);
    let open_quote = lit.content.start.min(lit.span.start);
    // The quote before the content, if any, is not part of the code around it.
    let before = if open_quote > 0 && matches!(b[open_quote - 1], b'"' | b'\'' | b'`') {
        open_quote - 1
    } else {
        open_quote
    };
    let from = line_start(b, before.saturating_sub(LOOKBACK));
    let stack = lexer.open_brackets(b, from, before);
    let after = close_end(b, lit.content.end.max(lit.span.end));
    let mut site = Site {
        map_key: is_map_key(b, before, after),
        ..Site::default()
    };
    for &(at, br) in stack.iter().rev() {
        if br == b'[' {
            continue;
        }
        if let Some((callee, receiver)) = callee_before(text, at) {
            if site.callees.is_empty() {
                site.pattern = is_pattern_callee(callee);
            }
            site.asserted |= is_assertion(callee) || receiver.is_some_and(|r| r == "assert");
            site.callees.push(callee);
            if let Some(r) = receiver {
                site.receivers.push(r);
            }
        }
    }
    if lit.context == LiteralContext::Key || site.in_bedrock_call() {
        // The request or the ID held in a variable and passed on a few lines below:
        // `r = {"modelId": "…"}` … `client.converse(**r)`; `model_id = "…"` …
        // `client.converse(modelId=model_id)`.
        // (`modelId="…"` inside a call's parentheses is an argument, not a variable.)
        let own =
            assigned_to(text, before).filter(|_| stack.last().is_none_or(|&(_, br)| br != b'('));
        let carriers = std::iter::once(own)
            .chain(std::iter::once(
                // A call's chain, or a bare object or list (`req = {…}`).
                stack
                    .iter()
                    .rev()
                    .map(|&(at, _)| chain_start(text, at, from).unwrap_or(at))
                    .find_map(|start| assigned_to(text, start)),
            ))
            .flatten();
        for carrier in carriers {
            for at in word_uses(text, carrier, after, (after + LOOKAHEAD).min(b.len())) {
                let from = line_start(b, at.saturating_sub(LOOKBACK));
                for &(open, _) in lexer.open_brackets(b, from, at).iter().rev() {
                    if let Some((_, Some(r))) = callee_before(text, open) {
                        site.receivers.push(r);
                    }
                }
            }
        }
    }
    site.group = match language.row().lexer {
        Lexer::Yaml => Some(yaml_block(b, lit.span.start)),
        Lexer::Dotenv | Lexer::Properties | Lexer::Ini => Some(0..b.len()),
        Lexer::Shell(_) => Some(command_lines(b, lit.span.start)),
        _ => stack.last().and_then(|&(at, br)| {
            lexer
                .close_of(b, after, br, (after + LOOKAHEAD).min(b.len()))
                .map(|end| at..end)
        }),
    };
    // `assert x == "…"` (Python's statement), `assert!(…)` read above.
    let line = text[line_start(b, before)..before].trim_start();
    site.asserted |= line.starts_with("assert ") || line.starts_with("assert(");
    let call = match lit.context {
        _ if site.pattern => false,
        LiteralContext::Key => !site.map_key,
        // A framework sends the string it is given with its prefix to Bedrock
        // (`Agent("bedrock:…")`, `dspy.LM("bedrock/…")`, promptfoo's `id: bedrock:…`),
        // unless the string is one of a list or union of choices.
        _ if framework_prefixed(text, lit) => {
            !site.map_key
                && stack.last().is_none_or(|&(_, br)| br != b'[')
                && line.trim_end() != "-"
                && !in_union(b, before, after)
        }
        // A bare argument of a Bedrock call (`BedrockModel("…")`, `converse("…")`).
        // (An argument under another label, `BedrockModel(id: "…")` in a library's table
        // of models, is not the ID the call sends.)
        _ => {
            !site.map_key
                && stack.last().is_some_and(|&(_, br)| br == b'(')
                && site.callees.first().is_some_and(|c| is_bedrock_callee(c))
                && !labeled_argument(b, before)
        }
    };
    let use_ = match (is_test, call) {
        (true, _) => Use::Test,
        (false, true) => Use::Call,
        (false, false) => Use::Data,
    };
    (use_, site)
}

/// What the call around a completion site does with a model, as far as the ranking of
/// completions cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operation {
    /// Converse, a chat model class, an agent: text generation.
    Chat,
    /// An embeddings call or class.
    Embedding,
    /// An image-generation call.
    Image,
}

/// How far before the cursor the call around a completion site is looked for. Less
/// than [`crate::syntax::LOOK_BACK`]: a window scan always holds that much, so the
/// window and the full analysis read the same bytes.
const OPERATION_LOOKBACK: usize = 300;

/// The operation of the call that a completion site at `cursor` (its string or key
/// starting at `site_start`) sits in: read from the first line start at most
/// [`OPERATION_LOOKBACK`] bytes before the cursor. `text` is the whole document or a
/// window of it that starts at `base` (document offset); the answer is the same.
pub(super) fn operation_at(
    text: &str,
    base: usize,
    cursor: usize,
    site_start: usize,
    language: Language,
) -> Option<Operation> {
    let b = text.as_bytes();
    let rel = |o: usize| o.checked_sub(base).filter(|&r| r <= b.len());
    let floor = cursor.saturating_sub(OPERATION_LOOKBACK);
    let from = if floor == 0 {
        rel(0)?
    } else {
        let f = rel(floor)?;
        f + b[f..].iter().position(|&c| c == b'\n')? + 1
    };
    let to = rel(site_start)?;
    let segment = text.get(from..to.max(from))?;
    let lexer = Lex::for_language(language);
    let sb = segment.as_bytes();
    for &(at, br) in lexer.open_brackets(sb, 0, sb.len()).iter().rev() {
        if br == b'[' {
            continue;
        }
        if let Some(op) = callee_before(segment, at).and_then(|(c, _)| operation_of(c)) {
            return Some(op);
        }
    }
    None
}

/// The operation a called name says: `converse`, `ConverseCommand`, `ChatBedrock`,
/// `BedrockModel`, `Agent` → chat; `embed_query`, `BedrockEmbeddings`,
/// `InvokeModel`… with `embed` in the name → embeddings; `generate_image` → image.
fn operation_of(name: &str) -> Option<Operation> {
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

/// The string opening at `before` follows a label (`id: "…"`, `name = "…"`): a named
/// argument, not the call's bare one.
fn labeled_argument(b: &[u8], before: usize) -> bool {
    let i = skip_ws_back(b, before);
    let Some(&sep) = i.checked_sub(1).and_then(|j| b.get(j)) else {
        return false;
    };
    let prev = i.checked_sub(2).and_then(|j| b.get(j)).copied();
    let is_label_sep = match sep {
        b':' => prev != Some(b':'),
        b'=' => !matches!(prev, Some(b'=' | b'!' | b'<' | b'>')),
        _ => false,
    };
    is_label_sep && {
        let k = skip_ws_back(b, i - 1);
        k > 0 && (b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'_')
    }
}

/// The literal's text starts with a framework's prefix (`bedrock/`, `bedrock:` …), left
/// out of its span by the scanner.
fn framework_prefixed(text: &str, lit: &Literal) -> bool {
    let (start, end) = (lit.content.start, lit.span.start);
    end > start
        && text
            .get(start..lit.span.end)
            .is_some_and(|s| crate::catalog::framework::prefix_len(s) == end - start)
}

/// The literal between `before` and `after` is an alternative of a type union
/// (`"a" | "b"`).
fn in_union(b: &[u8], before: usize, after: usize) -> bool {
    // One `|`: `||` is a default (`env.MODEL || "bedrock/…"`), not a union.
    let prev = skip_ws_back(b, before);
    let next = skip_ws(b, after);
    (prev >= 1 && b[prev - 1] == b'|' && (prev < 2 || b[prev - 2] != b'|'))
        || (b.get(next) == Some(&b'|') && b.get(next + 1) != Some(&b'|'))
}

/// Past the closing quote of a string whose content ends at `end`.
fn close_end(b: &[u8], end: usize) -> usize {
    match b.get(end) {
        Some(b'"' | b'\'' | b'`') => end + 1,
        _ => end,
    }
}

/// The literal between `before` (its opening quote) and `after` (past its closing quote)
/// is a map key, a subscript or a `case` label.
fn is_map_key(b: &[u8], before: usize, after: usize) -> bool {
    let next = skip_ws(b, after);
    let prev = skip_ws_back(b, before);
    let prev_byte = prev.checked_sub(1).map(|i| b[i]);
    match b.get(next) {
        Some(b':') => {
            // `a ? "x" : "y"` and `::` are not map entries.
            b.get(next + 1) != Some(&b':') && prev_byte != Some(b'?')
        }
        Some(b'=') => b.get(next + 1) == Some(&b'>'),
        Some(b']') => prev_byte == Some(b'['),
        _ => false,
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    let end = (i + SLACK).min(b.len());
    while i < end && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
    let floor = i.saturating_sub(SLACK);
    while i > floor && matches!(b[i - 1], b' ' | b'\t' | b'\r' | b'\n') {
        i -= 1;
    }
    i
}

/// The start of the line holding `at`, if it is at most [`SLACK`] bytes back; else
/// `at` itself (a bounded read).
fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    let floor = at.saturating_sub(SLACK);
    match b[floor..at].iter().rposition(|&c| c == b'\n') {
        Some(i) => floor + i + 1,
        None if floor == 0 => 0,
        None => at,
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// The identifier that ends at `end` (exclusive), if any (at most [`SLACK`] bytes).
fn ident_back(text: &str, end: usize) -> Option<(usize, &str)> {
    let b = text.as_bytes();
    let mut s = end;
    let floor = end.saturating_sub(SLACK);
    while s > floor && is_ident(b[s - 1]) {
        s -= 1;
    }
    (s < end && !b[s].is_ascii_digit()).then(|| (s, &text[s..end]))
}

/// The name called by the bracket at `open` and its receiver: `client.converse(` →
/// (`converse`, `client`); `new ConverseCommand(` → (`ConverseCommand`, none);
/// `ConverseInput{` → (`ConverseInput`, none); `self.client.send(` → (`send`, `client`).
fn callee_before(text: &str, open: usize) -> Option<(&str, Option<&str>)> {
    let b = text.as_bytes();
    let mut end = skip_ws_back_inline(b, open);
    // A Rust macro: `assert_eq!(`.
    if end > 0 && b[end - 1] == b'!' {
        end -= 1;
    }
    let (s, callee) = ident_back(text, end)?;
    if is_keyword(callee) {
        return None;
    }
    let mut i = s;
    // `?.`, `.`, `->`, `::` before the name: a receiver.
    let sep = if i > 0 && b[i - 1] == b'.' {
        i -= 1;
        if i > 0 && b[i - 1] == b'?' {
            i -= 1;
        }
        true
    } else if i >= 2 && (&b[i - 2..i] == b"->" || &b[i - 2..i] == b"::") {
        i -= 2;
        true
    } else {
        false
    };
    let receiver = if !sep {
        None
    } else if let Some((_, r)) = ident_back(text, i) {
        Some(r)
    } else {
        // A chained call (`client.converse().model_id(`): the chain's first name,
        // past `self.`/`this.`.
        let floor = line_start(b, s.saturating_sub(LOOKBACK));
        chain_start(text, s + callee.len(), floor).and_then(|start| {
            let mut names = text[start..s]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .filter(|w| !w.is_empty());
            let first = names.next()?;
            match first {
                "self" | "this" => names.next(),
                _ => Some(first),
            }
        })
    };
    Some((callee, receiver))
}

fn skip_ws_back_inline(b: &[u8], mut i: usize) -> usize {
    let floor = i.saturating_sub(SLACK);
    while i > floor && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

fn is_keyword(w: &str) -> bool {
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

/// The YAML block (lines of the same or deeper indentation) around the line at `at`,
/// within [`LOOKBACK`] bytes either way.
fn yaml_block(b: &[u8], at: usize) -> Range<usize> {
    let ls = line_start(b, at);
    let indent = |s: usize| {
        let mut i = s;
        while i < b.len() && (b[i] == b' ' || b[i] == b'-') {
            i += 1;
        }
        i - s
    };
    let blank = |s: usize| matches!(b.get(skip_ws(b, s)), None | Some(b'\n' | b'\r' | b'#'));
    let mine = indent(ls);
    let mut start = ls;
    while start > 0 && ls - start < LOOKBACK {
        let prev = line_start(b, start - 1);
        if !blank(prev) && indent(prev) < mine {
            break;
        }
        start = prev;
    }
    let mut end = ls;
    while end < b.len() && end - ls < LOOKBACK {
        if end != ls && !blank(end) && indent(end) < mine {
            break;
        }
        end = match b[end..].iter().position(|&c| c == b'\n') {
            Some(i) => end + i + 1,
            None => b.len(),
        };
    }
    start..end
}

/// The shell command around `at`: its line and the lines joined to it by a trailing
/// `\`, within reach.
fn command_lines(b: &[u8], at: usize) -> Range<usize> {
    let continued = |end: usize| {
        let e = skip_ws_back_inline(b, end);
        e > 0 && b[e - 1] == b'\\'
    };
    let mut start = line_start(b, at);
    while start > 0 && at - start < LOOKBACK && continued(start - 1) {
        start = line_start(b, start - 1);
    }
    let mut end = at;
    loop {
        end = b[end..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |i| end + i);
        if end >= b.len() || end - at >= LOOKAHEAD || !continued(end) {
            return start..end;
        }
        end += 1;
    }
}

/// The little lexer: quotes and comments are skipped, brackets counted.
struct Lex {
    line_comment: Option<&'static str>,
    block: bool,
    /// Read strings (off where quotes are not code: Markdown prose, a notebook's JSON).
    strings: bool,
    /// The bytes that may start a string, a comment or be a bracket: every other byte
    /// is passed over without a look at what follows it.
    stops: [bool; 256],
}

impl Lex {
    fn for_language(language: Language) -> Lex {
        let row = language.row();
        let code = matches!(row.lexer, Lexer::Code(_) | Lexer::Shell(_));
        let mut lex = Lex {
            line_comment: row.line_comment.filter(|_| code),
            block: code && row.line_comment == Some("//"),
            strings: !matches!(
                row.lexer,
                Lexer::Markdown | Lexer::Notebook | Lexer::Plain | Lexer::Rst | Lexer::AsciiDoc
            ),
            stops: [false; 256],
        };
        let mut stops: Vec<u8> = b"([{)]}".to_vec();
        if lex.strings {
            stops.extend(b"\"'`");
        }
        stops.extend(lex.line_comment.and_then(|lc| lc.as_bytes().first()));
        if lex.block {
            stops.push(b'/');
        }
        for c in stops {
            lex.stops[usize::from(c)] = true;
        }
        lex
    }

    /// Skip what starts at `i` if it is a string or a comment: the index after it.
    fn skip(&self, b: &[u8], i: usize, to: usize) -> Option<usize> {
        let c = b[i];
        // Most bytes start nothing: answered before comparing any comment opener.
        let comment = self
            .line_comment
            .is_some_and(|lc| lc.as_bytes().first() == Some(&c))
            || (self.block && c == b'/');
        let string = self.strings && matches!(c, b'"' | b'\'' | b'`');
        if !(string || comment) {
            return None;
        }
        if string {
            let mut j = i + 1;
            while j < to {
                match b[j] {
                    b'\\' => j += 1,
                    b'\n' if c != b'`' => return Some(j),
                    x if x == c => return Some(j + 1),
                    _ => {}
                }
                j += 1;
            }
            return Some(to);
        }
        if let Some(lc) = self.line_comment {
            if b[i..to].starts_with(lc.as_bytes()) {
                let j = b[i..to]
                    .iter()
                    .position(|&x| x == b'\n')
                    .map_or(to, |p| i + p);
                return Some(j);
            }
        }
        if self.block && b[i..to].starts_with(b"/*") {
            let j = memchr::memmem::find(&b[i + 2..to], b"*/").map_or(to, |p| i + 2 + p + 2);
            return Some(j);
        }
        None
    }

    /// The brackets of `b[from..to]` outside strings and comments, in order.
    fn brackets<'a>(
        &'a self,
        b: &'a [u8],
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, u8)> + 'a {
        let mut i = from;
        std::iter::from_fn(move || {
            while i < to {
                if !self.stops[usize::from(b[i])] {
                    i += 1;
                    continue;
                }
                if let Some(j) = self.skip(b, i, to) {
                    i = j.max(i + 1);
                    continue;
                }
                let at = i;
                i += 1;
                if matches!(b[at], b'(' | b'[' | b'{' | b')' | b']' | b'}') {
                    return Some((at, b[at]));
                }
            }
            None
        })
    }

    /// The brackets open at `to` when reading from `from`, outermost first.
    fn open_brackets(&self, b: &[u8], from: usize, to: usize) -> Vec<(usize, u8)> {
        let mut stack = Vec::new();
        for (at, c) in self.brackets(b, from, to) {
            if matches!(c, b'(' | b'[' | b'{') {
                stack.push((at, c));
            } else {
                stack.pop();
            }
        }
        stack
    }

    /// Past the bracket that closes `open` when reading from `from` (inside its group),
    /// if it is before `to`.
    fn close_of(&self, b: &[u8], from: usize, open: u8, to: usize) -> Option<usize> {
        let want = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        let mut depth = 0usize;
        for (at, c) in self.brackets(b, from, to) {
            if matches!(c, b'(' | b'[' | b'{') {
                depth += 1;
            } else if depth == 0 {
                return (c == want).then_some(at + 1);
            } else {
                depth -= 1;
            }
        }
        None
    }
}

/// The variable a region mention at `span` is given to, when it sits in a call or
/// object assigned to one: `client = boto3.client("bedrock-runtime", region_name="…")`,
/// `const client = new BedrockRuntimeClient({ region: "…" })`,
/// `val client = BedrockRuntimeClient { region = "…" }`,
/// `client = BedrockRuntimeClient.builder().region(Region.US_WEST_2).build()`.
pub(super) fn assigned_variable<'t>(
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

/// Where `word` stands as a whole identifier in `text[from..to]`.
fn word_uses<'a>(
    text: &'a str,
    word: &'a str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + 'a {
    let b = text.as_bytes();
    let hay = &b[from.min(to)..to];
    memchr::memmem::find_iter(hay, word.as_bytes())
        .map(move |i| from + i)
        .filter(move |&i| {
            let end = i + word.len();
            (i == 0 || !is_ident(b[i - 1])) && (end >= b.len() || !is_ident(b[end]))
        })
}

/// The region mention at `span` is the `region` of Terraform's default AWS provider
/// (`provider "aws" { region = "…" }` with no `alias`), which every resource of the
/// module uses unless it names another provider.
pub(super) fn in_default_aws_provider(text: &str, span: &Range<usize>, language: Language) -> bool {
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
pub(super) fn passed_to_variables<'t>(
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

/// Where the call chain that opens its bracket at `open` starts:
/// `BedrockRuntimeClient.builder().region(` → the `B`.
fn chain_start(text: &str, open: usize, floor: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = skip_ws_back_inline(b, open);
    loop {
        let (s, _) = ident_back(text, i)?;
        i = s;
        // A dotted chain: `a.b`, `a().b`, `a::b`.
        let mut j = i;
        if j > floor && b[j - 1] == b'.' {
            j -= 1;
        } else if j >= floor + 2 && &b[j - 2..j] == b"::" {
            j -= 2;
        } else {
            return Some(i);
        }
        if j > floor && b[j - 1] == b')' {
            // Skip a balanced `( … )` back.
            let mut depth = 0usize;
            let mut k = j;
            while k > floor {
                k -= 1;
                match b[k] {
                    b')' => depth += 1,
                    b'(' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if depth != 0 {
                return Some(i);
            }
            j = skip_ws_back_inline(b, k);
        }
        i = j;
    }
}

/// The variable assigned by `name = <chain at start>` (also `:=`, `let`, `val`, a type
/// annotation, `self.`/`this.` targets).
fn assigned_to(text: &str, start: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = skip_ws_back_inline(b, start);
    for kw in ["new", "await"] {
        if let Some((s, w)) = ident_back(text, i) {
            if w == kw {
                i = skip_ws_back_inline(b, s);
            }
        }
    }
    if i >= 2 && &b[i - 2..i] == b":=" {
        i -= 2;
    } else if i >= 1
        && b[i - 1] == b'='
        && !(i >= 2 && matches!(b[i - 2], b'=' | b'!' | b'<' | b'>'))
    {
        i -= 1;
    } else {
        return None;
    }
    i = skip_ws_back_inline(b, i);
    // `name: Type =` (TypeScript, Python, Kotlin, Rust): the name before the colon.
    let (s, mut name) = ident_back(text, i)?;
    let before = skip_ws_back_inline(b, s);
    if before > 0 && b[before - 1] == b':' && !(before >= 2 && b[before - 2] == b':') {
        if let Some((_, n)) = ident_back(text, skip_ws_back_inline(b, before - 1)) {
            name = n;
        }
    }
    // `cfg, err :=`, `client, _ =`: the first name is the value.
    if matches!(name, "_" | "err") && before > 0 && b[before - 1] == b',' {
        if let Some((_, n)) = ident_back(text, skip_ws_back_inline(b, before - 1)) {
            name = n;
        }
    }
    (!is_keyword(name)).then_some(name)
}

/// Strings that show code adding a profile scope to a bare ID at run time: a scope
/// and its dot as a string of its own or before an interpolation (`"us." + id`,
/// `f"us.{id}"`, `` `us.${id}` ``, `"us.%s"`, `startswith("us.")`), two interpolations
/// joined by a dot (`` `${geo}.${id}` ``), and the usual names of such helpers and
/// settings (the patterns: `prefix_marker_fast`). The reference for
/// [`find_prefix_marker`]'s fast path.
#[cfg(test)]
fn prefix_markers() -> &'static aho_corasick::AhoCorasick {
    use super::prefix_marker_fast::{AFTER_DOT, JOINED, NAMES, QUOTES};
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
    use std::sync::OnceLock;
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let mut pats: Vec<String> = Vec::new();
        for scope in crate::catalog::id::PROFILE_SCOPES {
            for q in QUOTES {
                for next in AFTER_DOT {
                    pats.push(format!("{}{scope}.{}", q as char, next as char));
                }
            }
        }
        pats.extend(JOINED.iter().map(|p| p.to_string()));
        pats.extend(NAMES.iter().map(|n| n.to_string()));
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(pats)
            .expect("fixed patterns")
    })
}

/// The start of the first sign (the patterns: `prefix_marker_fast`) within
/// `text[from..to]`.
pub(super) fn find_prefix_marker(text: &str, from: usize, to: usize) -> Option<usize> {
    let to = to.min(text.len());
    if from >= to {
        return None;
    }
    super::prefix_marker_fast::find(&text.as_bytes()[from..to]).map(|at| from + at)
}

/// The longest sign (bytes): an edit can touch one that starts this far before it.
pub(super) const PREFIX_MARKER_MAX: usize = 32;

/// [`is_test_path`] of `path` relative to `root` (the workspace or the directory checked
/// from), so that the folder a project sits in does not count.
pub fn is_test_file(path: &std::path::Path, root: Option<&std::path::Path>) -> bool {
    let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    is_test_path(&rel.to_string_lossy())
}

/// Test files by the path conventions of each ecosystem: a `test`/`tests`/`__tests__`/
/// `spec` directory, `test_*.py`, `*_test.py`, `*_test.go`, `*.test.ts`, `*.spec.js`,
/// `*Test.java`, `*Tests.cs`, `*_spec.rb`, and snapshot files.
pub fn is_test_path(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let lower = path.to_ascii_lowercase();
    let dirs: Vec<&str> = lower.split('/').collect();
    let (name, dirs) = dirs.split_last().map_or(("", &[][..]), |(n, d)| (*n, d));
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "test"
                | "tests"
                | "__tests__"
                | "spec"
                | "specs"
                | "testing"
                | "__snapshots__"
                | "integ-tests"
                | "integration-tests"
                | "unit-tests"
                | "e2e"
        )
    }) {
        return true;
    }
    let stem = name.split('.').next().unwrap_or(name);
    let original = path.rsplit('/').next().unwrap_or(&path);
    let original_stem = original.split('.').next().unwrap_or(original);
    stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_spec")
        || stem == "conftest"
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.ends_with(".snap")
        || original_stem.ends_with("Test")
        || original_stem.ends_with("Tests")
        || original_stem.ends_with("Spec")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::scan;

    fn use_of(src: &str, language: Language, id: &str) -> (Use, bool, Vec<String>) {
        let s = scan(src, language);
        let lit = s
            .literals
            .iter()
            .find(|l| &src[l.span.clone()] == id)
            .unwrap_or_else(|| panic!("no literal {id} in {:?}", s.literals));
        let (u, site) = site(src, lit, language, false);
        let callees = site.callees.iter().map(|c| c.to_string()).collect();
        (u, site.map_key, callees)
    }

    #[test]
    fn calls_and_data_per_language_family() {
        let id = "anthropic.claude-3-haiku-20240307-v1:0";
        let cases: &[(Language, &str, Use, bool)] = &[
            (Language::Python, "r = client.converse(modelId=\"ID\", messages=[])", Use::Call, false),
            (Language::Python, "MODELS = [\"ID\", \"amazon.nova-lite-v1:0\"]", Use::Data, false),
            (Language::Python, "PRICES = {\"ID\": 0.25}", Use::Data, true),
            (Language::Python, "p = PRICES[\"ID\"]", Use::Data, true),
            (Language::Python, "m = BedrockModel(\"ID\")", Use::Call, false),
            (Language::JavaScript, "await c.send(new ConverseCommand({ modelId: \"ID\" }));", Use::Call, false),
            (Language::JavaScript, "const LIMITS = { \"ID\": 200000 };", Use::Data, true),
            (Language::JavaScript, "switch (m) { case \"ID\": return 1; }", Use::Data, true),
            (Language::Java, "var r = client.converse(b -> b.modelId(\"ID\"));", Use::Call, false),
            (Language::Go, "out, err := c.Converse(ctx, &bedrockruntime.ConverseInput{ModelId: aws.String(\"ID\")})", Use::Call, false),
            (Language::Json, "{\"modelId\": \"ID\"}", Use::Call, false),
            (Language::Json, "{\"ID\": {\"price\": 1}}", Use::Data, true),
            (Language::Yaml, "model_id: ID\n", Use::Call, false),
            (Language::Ruby, "PRICES = { \"ID\" => 1 }", Use::Data, true),
        ];
        for (language, src, want, key) in cases {
            let src = src.replace("ID", id);
            let (u, map_key, callees) = use_of(&src, *language, id);
            assert_eq!(
                (u, map_key),
                (*want, *key),
                "{language:?}: {src} (callees {callees:?})"
            );
        }
    }

    #[test]
    fn comments_and_prose_are_prose() {
        let src = "# use anthropic.claude-3-haiku-20240307-v1:0 here\nx = 1\n";
        let (u, _, _) = use_of(
            src,
            Language::Python,
            "anthropic.claude-3-haiku-20240307-v1:0",
        );
        assert_eq!(u, Use::Prose);
    }

    #[test]
    fn callees_and_receivers_innermost_first() {
        let src = "resp = self.bedrock.converse(modelId=\"amazon.nova-lite-v1:0\")";
        let s = scan(src, Language::Python);
        let (_, st) = site(src, &s.literals[0], Language::Python, false);
        assert_eq!(st.callees, ["converse"]);
        assert_eq!(st.receivers, ["bedrock"]);
        assert!(st.in_bedrock_call());
        let src = "client.send(new InvokeModelCommand({ modelId: \"amazon.nova-lite-v1:0\" }))";
        let s = scan(src, Language::JavaScript);
        let (_, st) = site(src, &s.literals[0], Language::JavaScript, false);
        assert_eq!(st.callees, ["InvokeModelCommand", "send"]);
        assert_eq!(st.receivers, ["client"]);
    }

    #[test]
    fn a_region_given_to_a_client_names_its_variable() {
        let cases: &[(Language, &str, &str)] = &[
            (Language::Python, "client = boto3.client(\"bedrock-runtime\", region_name=\"us-west-2\")", "client"),
            (Language::Python, "self.rt: Any = boto3.client(\n    \"bedrock-runtime\",\n    region_name=\"us-west-2\",\n)", "rt"),
            (Language::JavaScript, "const brc = new BedrockRuntimeClient({ region: \"us-west-2\" });", "brc"),
            (Language::Kotlin, "val c = BedrockRuntimeClient { region = \"us-west-2\" }", "c"),
            (Language::Java, "var rt = BedrockRuntimeClient.builder().region(Region.US_WEST_2).build();", "rt"),
        ];
        for (language, src, want) in cases {
            let s = scan(src, *language);
            let m = s
                .regions
                .first()
                .unwrap_or_else(|| panic!("no region in {src}"));
            assert_eq!(
                assigned_variable(src, &m.span, *language),
                Some(*want),
                "{src}"
            );
        }
        let src = "if region == \"us-west-2\": pass";
        let s = scan(src, Language::Python);
        if let Some(m) = s.regions.first() {
            assert_eq!(assigned_variable(src, &m.span, Language::Python), None);
        }
    }

    #[test]
    fn profile_prefix_added_at_run_time() {
        for src in [
            "model = \"us.\" + MODEL_ID",
            "model = f\"us.{MODEL_ID}\"",
            "const m = `global.${id}`;",
            "if not m.startswith(\"eu.\"): m = 'eu.' + m",
            "fmt.Sprintf(\"apac.%s\", id)",
            "id = with_cross_region(id)",
        ] {
            assert!(find_prefix_marker(src, 0, src.len()).is_some(), "{src}");
        }
        for src in [
            "m = \"us.anthropic.claude-3-haiku-20240307-v1:0\"",
            "x = \"us-east-1\"",
        ] {
            assert_eq!(find_prefix_marker(src, 0, src.len()), None, "{src}");
        }
    }

    /// The fast path and the reference DFA agree: the first sign's start, on every
    /// fixture and example file, on each of them cut at every 97th byte, and on text made
    /// of the patterns' pieces (mixed case, cut, joined, repeated).
    #[test]
    fn prefix_marker_fast_path_agrees_with_the_dfa() {
        use super::super::prefix_marker_fast::{find, AFTER_DOT, JOINED, NAMES, QUOTES};
        fn reference(hay: &[u8]) -> Option<usize> {
            prefix_markers().find(hay).map(|m| m.start())
        }
        fn files(dir: &std::path::Path, out: &mut Vec<Vec<u8>>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    files(&p, out);
                } else if let Ok(b) = std::fs::read(&p) {
                    out.push(b);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        files(&root.join("tests/fixtures"), &mut texts);
        files(&root.join("examples"), &mut texts);
        let mut with_sign = 0;
        for t in &texts {
            with_sign += usize::from(reference(t).is_some());
            for from in (0..t.len()).step_by(97) {
                assert_eq!(find(&t[from..]), reference(&t[from..]));
            }
        }
        assert!(with_sign >= 3, "the fixtures have signs ({with_sign})");

        // Pieces: every pattern, its halves, case changes, and what sits around them.
        let mut pieces: Vec<String> = Vec::new();
        for scope in crate::catalog::id::PROFILE_SCOPES {
            for q in QUOTES {
                for next in AFTER_DOT {
                    pieces.push(format!("{}{scope}.{}", q as char, next as char));
                }
            }
            pieces.push(scope.to_ascii_uppercase());
            pieces.push(format!("{scope}."));
        }
        pieces.extend(JOINED.iter().map(|p| p.to_string()));
        for n in NAMES {
            pieces.push(n.to_string());
            pieces.push(n.to_ascii_uppercase());
            pieces.push(n[..n.len() / 2].to_string());
            pieces.push(n[n.len() / 2..].to_string());
        }
        pieces.extend(
            [
                "CrossRegion",
                "regionPrefix",
                "geoPreFix",
                "x",
                "g",
                "X",
                ".",
                "}",
                "\"",
                "'",
                "`",
                "us",
                " ",
                "\n",
                "é",
                "$",
                "{",
            ]
            .map(String::from),
        );
        // A small deterministic generator: the same texts on every run.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(8);
            let text: String = (0..len)
                .map(|_| pieces[next(pieces.len())].as_str())
                .collect();
            let b = text.as_bytes();
            assert_eq!(find(b), reference(b), "{text:?}");
            let cut = next(b.len() + 1);
            assert_eq!(find(&b[cut..]), reference(&b[cut..]), "{text:?} from {cut}");
            assert_eq!(find(&b[..cut]), reference(&b[..cut]), "{text:?} to {cut}");
        }
    }

    #[test]
    fn test_paths() {
        for p in [
            "tests/test_app.py",
            "src/app_test.go",
            "web/src/__tests__/models.ts",
            "lib/models.test.ts",
            "src/test/java/com/x/ClientTest.java",
            "spec/models_spec.rb",
            "pkg/ModelsTests.cs",
            "conftest.py",
        ] {
            assert!(is_test_path(p), "{p}");
        }
        for p in [
            "src/app.py",
            "latest/models.ts",
            "contest.py",
            "src/attestation.go",
        ] {
            assert!(!is_test_path(p), "{p}");
        }
    }
}
