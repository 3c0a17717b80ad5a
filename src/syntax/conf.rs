//! INI-style files (`.ini`, `.cfg`, `.conf`, `.editorconfig`, `.npmrc` …), read like
//! `.properties`: `[section]` headers, `key = value` or `key: value` (the key's last
//! dotted part decides the context), `;`/`#` comment lines and ` ;`/` #` trailing
//! comments, values quoted or bare. A line without a separator (an indented continuation
//! of a multi-line value) is a bare value without a key. Nothing spans lines.

use super::emit::{each_line, trim_range, Cx};
use super::keys::KeyHit;
use super::simd::find_in;
use std::ops::Range;

pub(crate) fn ini(cx: &mut Cx, range: Range<usize>) {
    each_line(cx, range, line);
}

fn line(cx: &mut Cx, ls: usize, le: usize) {
    let b = cx.bytes;
    let mut t = ls;
    while t < le && matches!(b[t], b' ' | b'\t') {
        t += 1;
    }
    if t >= le || b[t] == b'[' {
        return;
    }
    if matches!(b[t], b';' | b'#') {
        cx.comment(t..le);
        return;
    }
    let (key, v) = match separator(b, t, le) {
        Some(sep) => {
            let name = cx.text.get(trim_range(b, t..sep)).unwrap_or("");
            let last = name.rsplit('.').next().unwrap_or(name);
            let key = cx
                .keys
                .classify(last)
                .or_else(|| cx.keys.classify(name))
                .map(|kind| KeyHit { name, kind });
            let mut v = sep + 1;
            while v < le && matches!(b[v], b' ' | b'\t') {
                v += 1;
            }
            (key, v)
        }
        None => (None, t),
    };
    if v < le && matches!(b[v], b'"' | b'\'') {
        let q = b[v];
        let close = find_in(b, v + 1, le, [q]).unwrap_or(le);
        cx.value(v + 1..close, false, false, key);
        if let Some(c) = trailing_comment(b, (close + 1).min(le), le) {
            cx.comment(c..le);
        }
        return;
    }
    let c = trailing_comment(b, v, le);
    let r = trim_range(b, v..c.unwrap_or(le));
    if !r.is_empty() || key.is_some() {
        cx.value(r, false, false, key);
    }
    if let Some(c) = c {
        cx.comment(c..le);
    }
}

/// The first `=`, or `:` followed by a space or the line end (`v1:0` is no separator).
fn separator(b: &[u8], t: usize, le: usize) -> Option<usize> {
    let mut i = t;
    while let Some(k) = find_in(b, i, le, [b'=', b':']) {
        if b[k] == b'=' || k + 1 >= le || matches!(b[k + 1], b' ' | b'\t') {
            return Some(k);
        }
        i = k + 1;
    }
    None
}

/// ` ;` or ` #` starts a trailing comment.
fn trailing_comment(b: &[u8], from: usize, le: usize) -> Option<usize> {
    let mut i = from;
    while let Some(k) = find_in(b, i, le, [b';', b'#']) {
        if k > from && matches!(b[k - 1], b' ' | b'\t') {
            return Some(k);
        }
        i = k + 1;
    }
    None
}
