//! The generic reader, for text files whose name says no language (`Lexer::Generic`,
//! the `generic` row; `.txt` and `.log` are prose, the `plaintext` row). It knows no
//! comment or string syntax for sure, so it reads only what holds in most formats, one
//! line at a time (nothing it reads spans lines, so every line start is a restart point):
//!
//! - a line whose first word is `#`, `//`, `--` or `;` is a comment (ignore directives work);
//! - `"…"`, `'…'` and `` `…` `` closed on the same line are strings, read by the shared
//!   rules (`modelId: "…"`, `model_id = "…"`, `.modelId("…")` keep their key); a `'` or
//!   `` ` `` after a letter (`don't`) opens nothing;
//! - `key = value` / `key: value` with a bare value under a model or region key is a value;
//! - every other ID-shaped word is prose (hover only, never a diagnostic).

use super::emit::{each_line, trim_range, Cx, StrTok};
use super::keys::KeyHit;
use super::simd::find_in;
use super::LiteralContext;
use std::ops::Range;

pub(crate) fn scan(cx: &mut Cx, range: Range<usize>) {
    each_line(cx, range, line);
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn line(cx: &mut Cx, ls: usize, le: usize) {
    let b = cx.bytes;
    let mut t = ls;
    while t < le && matches!(b[t], b' ' | b'\t') {
        t += 1;
    }
    if t >= le {
        return;
    }
    let rest = &b[t..le];
    let comment = rest[0] == b'#'
        || rest[0] == b';'
        || rest.starts_with(b"//")
        || (rest.starts_with(b"--") && rest.get(2).is_none_or(|c| *c == b' '));
    if comment {
        cx.comment(t..le);
        return;
    }
    // `key = bare value` / `key: bare value` under a model or region key.
    let mut from = ls;
    if let Some((key, v)) = bare_key(cx, t, le) {
        if v < le && !matches!(b[v], b'"' | b'\'' | b'`') {
            let mut e = v;
            while e < le && !matches!(b[e], b' ' | b'\t' | b',' | b';' | b'#') {
                e += 1;
            }
            cx.prose_ids(ls..v, LiteralContext::Prose);
            cx.value(v..e, false, false, Some(key));
            from = e;
        }
    }
    strings(cx, from, le);
}

/// The key at the start of a line (`export NAME=`, `- name:`, `"key":`), if it is a model
/// or region key: (key, start of the value).
fn bare_key<'t>(cx: &mut Cx<'t>, t: usize, le: usize) -> Option<(KeyHit<'t>, usize)> {
    let b = cx.bytes;
    let mut k = t;
    if b[k..le].starts_with(b"export ") {
        k += 7;
    } else if b[k..le].starts_with(b"- ") {
        k += 2;
    }
    let quoted = matches!(b.get(k), Some(b'"' | b'\''));
    let ks = k + usize::from(quoted);
    let mut ke = ks;
    while ke < le && (is_word(b[ke]) || matches!(b[ke], b'.' | b'-')) {
        ke += 1;
    }
    if ke == ks {
        return None;
    }
    let mut s = ke + usize::from(quoted && matches!(b.get(ke), Some(b'"' | b'\'')));
    while s < le && matches!(b[s], b' ' | b'\t') {
        s += 1;
    }
    // `=`, or `:` followed by a space or the line end (`v1:0`, `a::b` are no separators).
    let colon_ok = |i: usize| i + 1 >= le || matches!(b[i + 1], b' ' | b'\t');
    if s >= le || !(b[s] == b'=' || (b[s] == b':' && colon_ok(s))) {
        return None;
    }
    let mut v = s + 1;
    while v < le && matches!(b[v], b' ' | b'\t') {
        v += 1;
    }
    let name = cx.text.get(ks..ke)?;
    let last = name.rsplit('.').next().unwrap_or(name);
    let kind = cx.keys.classify(last).or_else(|| cx.keys.classify(name))?;
    Some((KeyHit { name, kind }, v))
}

/// Strings closed on this line, and the prose between them.
fn strings(cx: &mut Cx, from: usize, le: usize) {
    let b = cx.bytes;
    let mut gap = from;
    let mut i = from;
    while let Some(q) = find_in(b, i, le, [b'"', b'\'', b'`']) {
        let quote = b[q];
        if quote != b'"' && q > 0 && is_word(b[q - 1]) {
            i = q + 1;
            continue;
        }
        let Some(close) = close_on_line(b, q + 1, le, quote) else {
            i = q + 1;
            continue;
        };
        cx.prose_ids(gap..q, LiteralContext::Prose);
        let content = q + 1..close;
        if trim_range(b, content.clone()).is_empty() {
            i = close + 1;
            gap = i;
            continue;
        }
        cx.string(StrTok {
            open: q,
            content,
            close_end: close + 1,
            prose: false,
            heredoc: false,
            fstring: false,
        });
        i = close + 1;
        gap = i;
    }
    cx.prose_ids(gap..le, LiteralContext::Prose);
}

fn close_on_line(b: &[u8], mut i: usize, le: usize, quote: u8) -> Option<usize> {
    while i < le {
        let k = find_in(b, i, le, [quote, b'\\'])?;
        if b[k] == b'\\' {
            i = k + 2;
            continue;
        }
        return Some(k);
    }
    None
}
