//! Markdown: fenced code blocks (```` ```python ````, `~~~yaml`) are scanned in their
//! own language; everything else is prose (IDs found for hover, never errors), and
//! `<!-- … -->` comments carry `bedrock-lsp: ignore` directives.

use super::emit::Cx;
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
    body: usize,
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
                    fence = Some(Fence {
                        open: ls,
                        ch,
                        len,
                        lang,
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
    match f.lang {
        Some(Language::Markdown) if depth >= MAX_DEPTH => cx.prose_ids(r, LiteralContext::Prose),
        Some(Language::Notebook) | None => cx.prose_ids(r, LiteralContext::Prose),
        Some(l) => super::run(cx, l, r, depth + 1),
    }
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
        cx.prose_ids(i..s, LiteralContext::Prose);
        cx.comment(s..e);
        i = e;
    }
    if i < r.end {
        cx.prose_ids(i..r.end, LiteralContext::Prose);
    }
}
