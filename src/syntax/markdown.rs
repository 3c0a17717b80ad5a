//! Markdown (and MDX): what people copy is code, what they read is prose.
//!
//! - Fenced code blocks (```` ```python ````, `~~~yaml`) are scanned in their own
//!   language; a fence without a language is sniffed from its first line (JSON, a shell
//!   command or `$ ` session, Python, JavaScript, YAML, `.env`), else it stays prose.
//!   In a shell session (```` ```console ````, or `$ ` prompts) only the commands are
//!   code; their output is prose.
//! - Inline code (`` `…` ``, on one line) is read as a shell snippet: a lone ID there is
//!   a value, `MODEL_ID=…`, `--model-id …`, `modelId="…"` put it under its key.
//! - A table row (a line that starts with `|`) with a cell that names a model setting
//!   (`BEDROCK_MODEL_ID`, `` `modelId` ``, `Model ID`) puts every cell that is just an ID
//!   under that key.
//! - MDX: `import`/`export` blocks and one-line `<Component … />` tags are JavaScript.
//! - Everything else is prose (IDs found for hover, never errors), and `<!-- … -->`
//!   comments carry `bedrock-lsp: ignore` directives.

use super::emit::{line_end, Cx};
use super::keys::{KeyHit, KeyKind};
use super::simd::{find_in, find_seq};
use super::{lang, Language, LiteralContext};
use memchr::memmem;
use std::ops::Range;

/// How deep Markdown may nest (a fence of Markdown holding a fence …).
const MAX_DEPTH: usize = 3;

struct Fence {
    /// Start of the opening line.
    open: usize,
    ch: u8,
    len: usize,
    lang: Option<Language>,
    /// How the body is read when it is not simply `lang`.
    mode: Mode,
    body: usize,
}

/// How a fence body is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// In the fence's language (prose when it has none we read).
    Lang,
    /// No language given: sniffed from the body.
    Sniff,
    /// A shell session: `$ ` lines are commands, the rest is output.
    Session,
}

pub(crate) fn scan(cx: &mut Cx, range: Range<usize>, depth: usize) {
    let b = cx.bytes;
    let end = range.end.min(b.len());
    let mut ls = range.start;
    let mut prose_from = range.start;
    let mut fence: Option<Fence> = None;
    let mut last_fence: Option<(&str, Option<Language>)> = None;
    let stop = cx.stop_at();
    let mut end = end;
    while ls < end {
        if ls >= stop {
            if let Some(f) = &fence {
                // Inside a fence that runs on past `stop`: not a restart point.
                cx.barrier(f.open, ls);
                return;
            }
            end = ls;
            break;
        }
        let next = find_in(b, ls, end, [b'\n']).map_or(end, |i| i + 1);
        let mut t = ls;
        while t < next && t - ls < 4 && b[t] == b' ' {
            t += 1;
        }
        let run = |ch: u8| b[t..next].iter().take_while(|&&c| c == ch).count();
        match &fence {
            None => {
                if t < next && matches!(b[t], b'`' | b'~') && run(b[t]) >= 3 && t - ls < 4 {
                    let ch = b[t];
                    let len = run(ch);
                    let info = cx
                        .text
                        .get(t + len..next)
                        .unwrap_or("")
                        .trim()
                        .trim_start_matches('{')
                        .trim_start_matches('.');
                    let word = info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '}')
                        .next()
                        .unwrap_or("");
                    // Documents repeat their fence languages: the last answer is reused.
                    let lang = match last_fence {
                        Some((w, l)) if w == word => l,
                        _ => {
                            let l = fence_language(word);
                            last_fence = Some((word, l));
                            l
                        }
                    };
                    prose(cx, prose_from..ls);
                    let mode = if word.is_empty() {
                        Mode::Sniff
                    } else if word.eq_ignore_ascii_case("console")
                        || word.eq_ignore_ascii_case("shell-session")
                    {
                        Mode::Session
                    } else {
                        Mode::Lang
                    };
                    fence = Some(Fence {
                        open: ls,
                        ch,
                        len,
                        lang,
                        mode,
                        body: next,
                    });
                }
            }
            Some(f) => {
                let n = run(f.ch);
                if t < next && n >= f.len && b[t + n..next].iter().all(|c| c.is_ascii_whitespace())
                {
                    cx.barrier(f.open, ls);
                    body(cx, f, ls, depth);
                    fence = None;
                    prose_from = next;
                }
            }
        }
        ls = next;
    }
    match fence {
        Some(f) => {
            cx.barrier(f.open, end);
            body(cx, &f, end, depth)
        }
        None => prose(cx, prose_from..end),
    }
}

pub(crate) fn fence_language(word: &str) -> Option<Language> {
    if word.is_empty() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "console" | "shell-session" | "zsh" | "fish" | "powershell" | "ps1" => "sh",
        "python3" | "ipython" | "py3" => "python",
        "golang" => "go",
        "c#" | "cs" => "csharp",
        "env" | "dotenv" => "dotenv",
        other => other,
    };
    lang::by_id(alias).or_else(|| lang::by_path(&format!("x.{alias}")))
}

fn body(cx: &mut Cx, f: &Fence, end: usize, depth: usize) {
    let r = f.body..end.max(f.body);
    let lang = match f.mode {
        Mode::Lang => f.lang,
        Mode::Session => return session(cx, r, depth),
        Mode::Sniff => match sniff(cx.bytes, r.clone()) {
            Sniffed::Lang(l) => Some(l),
            Sniffed::Session => return session(cx, r, depth),
            Sniffed::Unknown => None,
        },
    };
    match lang {
        Some(Language::Markdown) if depth >= MAX_DEPTH => cx.prose_ids(r, LiteralContext::Prose),
        Some(Language::Notebook) | None => cx.prose_ids(r, LiteralContext::Prose),
        Some(l) => super::run(cx, l, r, depth + 1),
    }
}

enum Sniffed {
    Lang(Language),
    Session,
    Unknown,
}

/// Commands that start a shell snippet (the first word of its first line).
const SHELL_COMMANDS: &[&[u8]] = &[
    b"aws",
    b"export",
    b"curl",
    b"docker",
    b"podman",
    b"sam",
    b"cdk",
    b"pip",
    b"pip3",
    b"npm",
    b"npx",
    b"uv",
    b"gcloud",
    b"kubectl",
    b"helm",
    b"bedrock-lsp",
    b"sudo",
];

/// The language of a fence body given without one, from its first line that is not
/// blank or a comment: JSON (`{`, `[{`, `["`), a `$ ` session, a shell command (`aws …`, `export
/// …`, `#!`), Python (`import x`, `from x import y`, `def`, `class`, `boto3`),
/// JavaScript (`import … from`, `const`, `require(`), `.env` (`NAME=value` lines),
/// YAML (`key: value`); else unknown (read as prose).
fn sniff(b: &[u8], r: Range<usize>) -> Sniffed {
    let mut ls = r.start;
    let first = loop {
        if ls >= r.end {
            return Sniffed::Unknown;
        }
        let le = find_in(b, ls, r.end, [b'\n']).unwrap_or(r.end);
        let line = trim(&b[ls..le]);
        // Blank lines and leading comments (`# install`, `// setup`) say nothing.
        let comment =
            (line.starts_with(b"#") && !line.starts_with(b"#!")) || line.starts_with(b"//");
        if !line.is_empty() && !comment {
            break line;
        }
        ls = le + 1;
    };
    let word_end = first
        .iter()
        .position(|c| matches!(c, b' ' | b'\t' | b'(' | b'='))
        .unwrap_or(first.len());
    let word = &first[..word_end];
    let has = |pat: &[u8]| first.windows(pat.len()).any(|w| w == pat);
    match first[0] {
        b'{' => return Sniffed::Lang(Language::Json),
        b'[' if matches!(trim(&first[1..]).first(), None | Some(b'{' | b'"' | b'[')) => {
            return Sniffed::Lang(Language::Json)
        }
        b'$' | b'%' if first.get(1) == Some(&b' ') => return Sniffed::Session,
        _ => {}
    }
    if first.starts_with(b"#!") || SHELL_COMMANDS.contains(&word) {
        return Sniffed::Lang(Language::Shell);
    }
    let js = (word == b"import" && (has(b" from '") || has(b" from \"") || has(b"{")))
        || matches!(word, b"const" | b"let" | b"var" | b"await")
        || has(b"require(");
    if js {
        return Sniffed::Lang(Language::JavaScript);
    }
    let python = matches!(word, b"import" | b"def" | b"class" | b"async")
        || (word == b"from" && has(b" import "))
        || has(b"boto3");
    if python {
        return Sniffed::Lang(Language::Python);
    }
    let ident = |w: &[u8]| {
        !w.is_empty()
            && w.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
    };
    if let Some(eq) = first.iter().position(|&c| c == b'=') {
        if eq == word_end && ident(word) && word.iter().all(|c| !c.is_ascii_lowercase()) {
            return Sniffed::Lang(Language::Dotenv);
        }
    }
    // `key: value` with a lower-case key, or a `Key:` that opens a mapping
    // (`Resources:`); `Model: …` alone is more likely sample output.
    let key = first.strip_prefix(b"- ").unwrap_or(first);
    if let Some(colon) = key.iter().position(|&c| c == b':') {
        let name = &key[..colon];
        let after = &key[colon + 1..];
        let config = name.first().is_some_and(u8::is_ascii_lowercase) || after.is_empty();
        if ident(name) && config && matches!(after.first(), None | Some(b' ' | b'\t')) {
            return Sniffed::Lang(Language::Yaml);
        }
    }
    Sniffed::Unknown
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r' | b'\n', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r' | b'\n'] = s {
        s = rest;
    }
    s
}

/// A shell session: each `$ ` (or `% `) line is a command (with the lines it continues
/// with a trailing `\`), read as shell; every other line is output, read as prose.
fn session(cx: &mut Cx, r: Range<usize>, depth: usize) {
    let b = cx.bytes;
    let mut ls = r.start;
    let mut prose_from = r.start;
    while ls < r.end {
        let next = find_in(b, ls, r.end, [b'\n']).map_or(r.end, |i| i + 1);
        let mut t = ls;
        while t < next && matches!(b[t], b' ' | b'\t') {
            t += 1;
        }
        if !(matches!(b.get(t), Some(b'$' | b'%')) && b.get(t + 1) == Some(&b' ')) {
            ls = next;
            continue;
        }
        // The command runs on over lines that end with `\`.
        let mut end = next;
        while end < r.end && trim(&b[ls..end]).last() == Some(&b'\\') {
            ls = end;
            end = find_in(b, end, r.end, [b'\n']).map_or(r.end, |i| i + 1);
        }
        cx.prose_ids(prose_from..t, LiteralContext::Prose);
        super::run(cx, Language::Shell, t + 2..end, depth + 1);
        prose_from = end;
        ls = end;
    }
    cx.prose_ids(prose_from..r.end, LiteralContext::Prose);
}

/// Prose, with `<!-- … -->` comments read as comments.
fn prose(cx: &mut Cx, r: Range<usize>) {
    let b = cx.bytes;
    let mut i = r.start;
    while i < r.end {
        let Some(s) = find_seq(b, i, r.end, b"<!--") else {
            break;
        };
        let e = memmem::find(&b[s + 4..r.end], b"-->").map_or(r.end, |x| s + 4 + x + 3);
        if find_in(b, s, e, [b'\n']).is_some() || e == r.end {
            // Multi-line, or unterminated (then it ends where the prose does).
            cx.barrier(s, e);
        }
        text(cx, i..s);
        cx.comment(s..e);
        i = e;
    }
    if i < r.end {
        text(cx, i..r.end);
    }
}

/// Running text: table rows, MDX blocks and inline code are read as code, the rest
/// as prose.
fn text(cx: &mut Cx, r: Range<usize>) {
    let b = cx.bytes;
    let mut from = r.start;
    let mut at = r.start;
    if r.start == 0 || b.get(r.start - 1) == Some(&b'\n') {
        if let Some(e) = esm(cx, r.start, r.end) {
            from = e;
            at = e;
        }
    }
    while at < r.end {
        let Some(k) = find_in(b, at, r.end, [b'`', b'|', b'<', b'\n']) else {
            break;
        };
        match b[k] {
            b'\n' => {
                at = k + 1;
                if let Some(e) = esm(cx, k + 1, r.end) {
                    cx.prose_ids(from..k + 1, LiteralContext::Prose);
                    from = e;
                    at = e;
                }
            }
            b'|' | b'<' => {
                let ls = super::emit::line_start(b, k);
                let first = ls >= r.start && b[ls..k].iter().all(|c| matches!(c, b' ' | b'\t'));
                let le = find_in(b, k, r.end, [b'\n']).unwrap_or(r.end);
                at = k + 1;
                if !first {
                    continue;
                }
                if b[k] == b'|' {
                    cx.prose_ids(from..k, LiteralContext::Prose);
                    table_row(cx, k..le);
                } else if b.get(k + 1).is_some_and(u8::is_ascii_uppercase)
                    && trim(&b[k..le]).ends_with(b">")
                {
                    // MDX: a one-line `<Component prop="…" />`.
                    cx.prose_ids(from..k, LiteralContext::Prose);
                    super::run(cx, Language::JavaScript, k..le, 1);
                } else {
                    continue;
                }
                from = le;
                at = le;
            }
            _ => match code_span(b, k, r.end) {
                Some(c) => {
                    cx.prose_ids(from..k, LiteralContext::Prose);
                    cx.nested_shell(c.clone());
                    from = c.end;
                    at = c.end;
                }
                None => {
                    at = k + b[k..r.end].iter().take_while(|&&c| c == b'`').count();
                }
            },
        }
    }
    cx.prose_ids(from..r.end.max(from), LiteralContext::Prose);
}

/// MDX: a line at `ls` that starts an ES module statement (`import … from "…"`,
/// `export const …`) is JavaScript up to the next blank line; returns where that is.
fn esm(cx: &mut Cx, ls: usize, end: usize) -> Option<usize> {
    let b = cx.bytes;
    // Most lines start with neither (this runs at every line of prose).
    if !(b[ls.min(end)..end].starts_with(b"import ") || b[ls.min(end)..end].starts_with(b"export "))
    {
        return None;
    }
    let line = &b[ls..find_in(b, ls, end, [b'\n']).unwrap_or(end)];
    let has = |pat: &[u8]| line.windows(pat.len()).any(|w| w == pat);
    let esm = (line.starts_with(b"import ")
        && (has(b" from \"") || has(b" from '") || line[7..].starts_with(b"\"")))
        || [
            &b"export const "[..],
            b"export let ",
            b"export default ",
            b"export function ",
        ]
        .iter()
        .any(|p| line.starts_with(p));
    if !esm {
        return None;
    }
    let mut e = line_end(b, ls).min(end);
    while e < end {
        let le = line_end(b, e).min(end);
        if trim(&b[e..le]).is_empty() {
            break;
        }
        e = le;
    }
    cx.barrier(ls, e);
    super::run(cx, Language::JavaScript, ls..e, 1);
    Some(e)
}

/// The content of the inline code span whose opening backticks start at `k` (closed by
/// as many backticks on the same line), without the one space CommonMark strips.
fn code_span(b: &[u8], k: usize, end: usize) -> Option<Range<usize>> {
    let n = b[k..end].iter().take_while(|&&c| c == b'`').count();
    let le = find_in(b, k, end, [b'\n']).unwrap_or(end);
    let mut i = k + n;
    while let Some(c) = find_in(b, i, le, [b'`']) {
        let m = b[c..le].iter().take_while(|&&x| x == b'`').count();
        if m == n {
            let (mut s, mut e) = (k + n, c);
            if e > s + 1 && b[s] == b' ' && b[e - 1] == b' ' {
                s += 1;
                e -= 1;
            }
            return (s < e).then_some(s..e);
        }
        i = c + m;
    }
    None
}

/// A table row `| a | b |` (`r` from the first `|` to the line end). A cell that names
/// a model setting puts the cells that are just an ID (bare, in backticks or quotes)
/// under it; every other cell is running text.
fn table_row(cx: &mut Cx, r: Range<usize>) {
    let b = cx.bytes;
    let mut cells = [(0usize, 0usize); 16];
    let mut n = 0;
    let mut s = r.start + 1;
    let mut i = s;
    while n < cells.len() {
        let Some(p) = find_in(b, i, r.end, [b'|']) else {
            break;
        };
        if b[p - 1] == b'\\' {
            i = p + 1;
            continue;
        }
        cells[n] = (s, p);
        n += 1;
        s = p + 1;
        i = s;
    }
    let cells = &cells[..n];
    let mut key: Option<KeyHit> = None;
    for &(a, z) in cells {
        let name = cx
            .text
            .get(a..z)
            .unwrap_or("")
            .trim()
            .trim_matches(['`', '*', '"', '\'', '_']);
        let words = name.split_whitespace().count();
        if (1..=3).contains(&words) && !name.contains(['.', '/']) {
            if let Some(KeyKind::Model) = cx.keys.classify(name) {
                key = Some(KeyHit {
                    name,
                    kind: KeyKind::Model,
                });
                break;
            }
        }
    }
    for &(a, z) in cells {
        let inner = unwrap_cell(b, a..z);
        if key.is_some() && cx.id_shaped(inner.clone()) {
            cx.value(inner, false, false, key);
        } else {
            text(cx, a..z);
        }
    }
    if s < r.end {
        text(cx, s..r.end);
    }
}

/// A cell's text without blanks and one pair of backticks or quotes around it.
fn unwrap_cell(b: &[u8], c: Range<usize>) -> Range<usize> {
    let t = super::emit::trim_range(b, c);
    if t.len() >= 2 {
        let (f, l) = (b[t.start], b[t.end - 1]);
        if f == l && matches!(f, b'`' | b'"' | b'\'') {
            return super::emit::trim_range(b, t.start + 1..t.end - 1);
        }
    }
    t
}
