//! Documentation formats other than Markdown: reStructuredText and AsciiDoc. Text is
//! prose (IDs found for hover, never diagnostics); code blocks whose language is named
//! are read in that language, as Markdown fences are:
//!
//! - reStructuredText: `.. code-block:: python` (also `.. code::`, `.. sourcecode::`);
//!   the body is the indented lines after it. Other `.. ` lines without `::` are comments.
//! - AsciiDoc: `[source,java]` (also `[,java]`) before a `----` or `....` delimited block
//!   (or, without a delimiter, the next paragraph); `//` lines and `////` blocks are comments.

use super::emit::Cx;
use super::markdown::fence_language;
use super::simd::find_in;
use super::{Language, LiteralContext};
use std::ops::Range;

/// How deep documents may nest (a code block of reStructuredText holding another …).
const MAX_DEPTH: usize = 3;

/// Lines of `b[from..end]`: (start, end without the line break, next start).
fn next_line(b: &[u8], ls: usize, end: usize) -> (usize, usize) {
    let next = find_in(b, ls, end, [b'\n']).map_or(end, |i| i + 1);
    let mut le = next;
    while le > ls && matches!(b[le - 1], b'\n' | b'\r') {
        le -= 1;
    }
    (le, next)
}

fn indent(b: &[u8], ls: usize, le: usize) -> usize {
    b[ls..le]
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count()
}

/// Read a code block's body in `lang` (prose when unknown or too deep).
fn body(cx: &mut Cx, lang: Option<Language>, r: Range<usize>, depth: usize) {
    match lang {
        Some(Language::Notebook) | None => cx.prose_ids(r, LiteralContext::Prose),
        Some(_) if depth >= MAX_DEPTH => cx.prose_ids(r, LiteralContext::Prose),
        Some(l) => super::run(cx, l, r, depth + 1),
    }
}

pub(crate) fn rst(cx: &mut Cx, range: Range<usize>, depth: usize) {
    let b = cx.bytes;
    let end = range.end.min(b.len());
    let stop = cx.stop_at();
    let mut ls = range.start;
    while ls < end && ls < stop {
        let (le, next) = next_line(b, ls, end);
        let ind = indent(b, ls, le);
        let t = ls + ind;
        let line = cx.text.get(t..le).unwrap_or("");
        let Some(rest) = line.strip_prefix(".. ") else {
            cx.prose_ids(ls..next, LiteralContext::Prose);
            ls = next;
            continue;
        };
        let Some((directive, arg)) = rest.split_once("::") else {
            // A comment (`.. bedrock-lsp: ignore`), a target (`.. _x:`) or a footnote.
            cx.comment(t..le);
            ls = next;
            continue;
        };
        let directive = directive.trim();
        if !matches!(directive, "code-block" | "code" | "sourcecode") {
            cx.prose_ids(ls..next, LiteralContext::Prose);
            ls = next;
            continue;
        }
        // The body: blank lines and lines indented deeper than the directive.
        let mut be = next;
        let mut last_content = next;
        while be < end {
            let (l2e, l2n) = next_line(b, be, end);
            let blank = b[be..l2e].iter().all(|c| c.is_ascii_whitespace());
            if !blank {
                if indent(b, be, l2e) <= ind {
                    break;
                }
                last_content = l2n;
            }
            be = l2n;
        }
        let body_end = last_content.min(be);
        if body_end >= end {
            cx.barrier(ls, end);
        } else if body_end > next {
            cx.barrier(ls, body_end - 1);
        }
        let word = arg.split_whitespace().next().unwrap_or("");
        body(cx, fence_language(word), next..body_end, depth);
        ls = body_end;
    }
}

pub(crate) fn asciidoc(cx: &mut Cx, range: Range<usize>, depth: usize) {
    let b = cx.bytes;
    let end = range.end.min(b.len());
    let stop = cx.stop_at();
    let mut ls = range.start;
    let is_delim = |b: &[u8], ls: usize, le: usize| {
        let l = &b[ls..le];
        l.len() >= 4 && (l.iter().all(|&c| c == b'-') || l.iter().all(|&c| c == b'.'))
    };
    while ls < end && ls < stop {
        let (le, next) = next_line(b, ls, end);
        let line = &b[ls..le];
        if line.len() >= 4 && line.iter().all(|&c| c == b'/') {
            // A comment block, to the same delimiter.
            let mut e = next;
            let mut close = end;
            while e < end {
                let (l2e, l2n) = next_line(b, e, end);
                if b[e..l2e] == *line {
                    close = l2n;
                    break;
                }
                e = l2n;
            }
            cx.barrier(ls, if close >= end { end } else { close - 1 });
            cx.comment(ls..close);
            ls = close;
            continue;
        }
        if line.starts_with(b"//") {
            cx.comment(ls..le);
            ls = next;
            continue;
        }
        let lang = source_language(cx.text.get(ls..le).unwrap_or(""));
        let Some(lang) = lang else {
            cx.prose_ids(ls..next, LiteralContext::Prose);
            ls = next;
            continue;
        };
        // The block: a delimited one right below, else the next paragraph.
        let (de, dn) = next_line(b, next.min(end), end);
        let (body_from, body_end, after) = if next < end && is_delim(b, next, de) {
            let delim = &b[next..de];
            let mut e = dn;
            let mut found = (end, end);
            while e < end {
                let (l2e, l2n) = next_line(b, e, end);
                if b[e..l2e] == *delim {
                    found = (e, l2n);
                    break;
                }
                e = l2n;
            }
            (dn, found.0, found.1)
        } else {
            let mut e = next;
            while e < end {
                let (l2e, l2n) = next_line(b, e, end);
                if b[e..l2e].iter().all(|c| c.is_ascii_whitespace()) {
                    break;
                }
                e = l2n;
            }
            (next, e, e)
        };
        if after >= end {
            cx.barrier(ls, end);
        } else if after > next {
            cx.barrier(ls, after - 1);
        }
        body(cx, lang, body_from..body_end, depth);
        ls = after.max(next);
    }
}

/// `[source,java]`, `[source, python, linenums]`, `[,yaml]`: the block's language
/// (`Some(None)`: a source block in a language not known here).
fn source_language(line: &str) -> Option<Option<Language>> {
    let inner = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut parts = inner.split(',').map(str::trim);
    let style = parts.next()?;
    if !(style == "source" || style.is_empty() || style.starts_with("source%")) {
        return None;
    }
    let word = parts.next().unwrap_or("");
    if style.is_empty() && word.is_empty() {
        return None;
    }
    Some(fence_language(word))
}
