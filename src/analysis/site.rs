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
//!
//! This file holds the use rules; the lexer and the bounded readers of the text around
//! a literal are in `site/lex.rs`, what a called name says in `site/names.rs`, the
//! variable a region is given to in `site/variables.rs`, test paths in
//! `site/test_paths.rs`.

mod lex;
mod names;
mod test_paths;
mod variables;

use std::ops::Range;

use crate::catalog::Endpoint;
use crate::syntax::{lang::Lexer, Language, Literal, LiteralContext};
use lex::{
    assigned_to, callee_before, chain_start, line_start, skip_ws, skip_ws_back,
    skip_ws_back_inline, word_uses, Lex,
};
use names::{is_assertion, is_bedrock_callee, is_pattern_callee, operation_of};

pub use test_paths::{is_test_file, is_test_path};
pub(super) use variables::{assigned_variable, in_default_aws_provider, passed_to_variables};

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
}
