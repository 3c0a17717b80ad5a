//! Where a token that the lexer ([`super::lex`]) found opening ends: the closing quote
//! of a plain, template (`${…}`) or Python f-string, Rust and Swift raw strings, and
//! character literals (vs Rust lifetimes). Everything here reads bytes only; the lexer
//! decides what the token is.

use super::super::simd::{find_in, Four};
use super::{at, has_newline, Quote};
use memchr::memchr;

const MAX_NEST: usize = 24;

/// The bytes where the search for `q`'s end stops: its closing delimiter's first byte,
/// the escape, the newline (single-line strings), `$` (templates).
#[inline]
pub(super) fn close_set(q: &Quote) -> Four {
    let c0 = q.close.as_bytes()[0];
    let esc = if q.escape { b'\\' } else { c0 };
    let nl = if q.multiline { c0 } else { b'\n' };
    Four::new([c0, esc, nl, if q.template { b'$' } else { c0 }])
}

/// Returns (content end, end after the closing delimiter).
fn find_close(
    bytes: &[u8],
    i: usize,
    n: usize,
    q: &Quote,
    doubled: bool,
    depth: usize,
) -> (usize, usize) {
    find_close_in(bytes, i, n, q, doubled, depth, &close_set(q))
}

/// [`find_close_in`] for a quote with no interpolations and no doubled-quote escapes
/// (most strings): a small loop that stays inlined in the lexer. The third value says
/// whether the string may cover a line break: a multi-line quote, or an escaped newline.
#[inline(always)]
pub(super) fn find_close_plain(
    bytes: &[u8],
    mut i: usize,
    n: usize,
    q: &Quote,
    set: &Four,
) -> (usize, usize, bool) {
    let close = q.close.as_bytes();
    let c0 = close[0];
    let hay = &bytes[..n];
    let mut spans = q.multiline;
    while let Some(k) = set.find(hay, i) {
        let b = hay[k];
        if b == c0 && at(hay, k, close) {
            return (k, k + close.len(), spans);
        }
        if b == b'\\' && q.escape {
            spans |= hay.get(k + 1) == Some(&b'\n');
            i = k + 2;
        } else if b == b'\n' && !q.multiline {
            let e = if k > 0 && hay[k - 1] == b'\r' {
                k - 1
            } else {
                k
            };
            return (e, k, spans);
        } else {
            i = k + 1;
        }
    }
    (n, n, true)
}

/// [`find_close`] with the stop bytes built by the caller ([`close_set`] of `q`).
#[allow(clippy::too_many_arguments)]
#[inline]
pub(super) fn find_close_in(
    bytes: &[u8],
    mut i: usize,
    n: usize,
    q: &Quote,
    doubled: bool,
    depth: usize,
    set: &Four,
) -> (usize, usize) {
    let close = q.close.as_bytes();
    let c0 = close[0];
    let hay = &bytes[..n];
    while i < n {
        let hit = set.find(hay, i);
        let Some(k) = hit else { break };
        let b = bytes[k];
        if b == c0 && at(bytes, k, close) {
            if doubled && bytes.get(k + 1) == Some(&c0) {
                i = k + 2;
                continue;
            }
            return (k, k + close.len());
        }
        if b == b'\\' && q.escape {
            i = k + 2;
        } else if b == b'\n' && !q.multiline {
            let e = if k > 0 && bytes[k - 1] == b'\r' {
                k - 1
            } else {
                k
            };
            return (e, k);
        } else if b == b'$' && q.template && bytes.get(k + 1) == Some(&b'{') {
            i = skip_interp(bytes, k + 2, n, depth + 1);
        } else {
            i = k + 1;
        }
    }
    (n, n)
}

/// [`find_close_plain`] for a Python f-string (or t-string): a replacement field `{…}`
/// may hold strings with any quote (Python 3.12 allows the string's own:
/// `f"{d["k"]}"`), which do not end the f-string; `{{` is a literal brace. A field of a
/// one-line f-string that runs over a line break is not one (the string ends there, as
/// before Python 3.12).
#[inline]
pub(super) fn find_close_fstring(
    bytes: &[u8],
    mut i: usize,
    n: usize,
    q: &Quote,
) -> (usize, usize, bool) {
    let close = q.close.as_bytes();
    let c0 = close[0];
    let mut spans = q.multiline;
    while let Some(k) = find_in(bytes, i, n, [c0, b'\\', b'\n', b'{']) {
        let b = bytes[k];
        if b == c0 && at(bytes, k, close) {
            return (k, k + close.len(), spans);
        }
        if b == b'\\' && q.escape {
            spans |= bytes.get(k + 1) == Some(&b'\n');
            i = k + 2;
        } else if b == b'\n' && !q.multiline {
            let e = if k > 0 && bytes[k - 1] == b'\r' {
                k - 1
            } else {
                k
            };
            return (e, k, spans);
        } else if b == b'{' && bytes.get(k + 1) == Some(&b'{') {
            i = k + 2;
        } else if b == b'{' {
            i = match fstring_field_end(bytes, k + 1, n, q.multiline, 0) {
                Some(e) => e,
                None => k + 1,
            };
        } else {
            i = k + 1;
        }
    }
    (n, n, true)
}

/// The end (after `}`) of an f-string replacement field whose body starts at `i`, with
/// the strings and brackets nested in it; `None` when it is not closed (or, with
/// `multiline` false, not closed on its line).
pub(crate) fn fstring_field_end(
    bytes: &[u8],
    mut i: usize,
    n: usize,
    multiline: bool,
    depth: usize,
) -> Option<usize> {
    if depth > MAX_NEST {
        return None;
    }
    let mut level = 1usize;
    while let Some(k) = find_in(bytes, i, n, [b'{', b'}', b'\'', b'"', b'\n']) {
        match bytes[k] {
            b'{' => level += 1,
            b'}' => {
                level -= 1;
                if level == 0 {
                    return Some(k + 1);
                }
            }
            b'\n' if !multiline => return None,
            b'\n' => {}
            q => {
                // A nested string (its own braces are text): triple or single quote.
                let triple = bytes.get(k + 1) == Some(&q) && bytes.get(k + 2) == Some(&q);
                let nested = if triple {
                    let pat = [q, q, q];
                    let mut j = k + 3;
                    loop {
                        let f = find_in(bytes, j, n, [q, b'\\'])?;
                        if bytes[f] == b'\\' {
                            j = f + 2;
                        } else if at(bytes, f, &pat) {
                            break f + 3;
                        } else {
                            j = f + 1;
                        }
                    }
                } else {
                    let mut j = k + 1;
                    loop {
                        let f = find_in(bytes, j, n, [q, b'\\', b'\n'])?;
                        match bytes[f] {
                            b'\\' => j = f + 2,
                            b'\n' => return None,
                            _ => break f + 1,
                        }
                    }
                };
                if !multiline && has_newline(&bytes[k..nested.min(n)]) {
                    return None;
                }
                i = nested;
                continue;
            }
        }
        i = k + 1;
    }
    None
}

/// Skip a `${ … }` interpolation body (from after `${`), nested strings included.
fn skip_interp(bytes: &[u8], mut i: usize, n: usize, depth: usize) -> usize {
    if depth > MAX_NEST {
        return n;
    }
    let mut level = 1usize;
    while i < n {
        match bytes[i] {
            b'{' => level += 1,
            b'}' => {
                level -= 1;
                if level == 0 {
                    return i + 1;
                }
            }
            q @ (b'"' | b'\'' | b'`') => {
                let quote = if q == b'`' {
                    Quote::template("`", "`")
                } else if q == b'"' {
                    Quote::template("\"", "\"")
                } else {
                    Quote::new("'", "'", true, false)
                };
                let (_, e) = find_close(bytes, i + 1, n, &quote, false, depth);
                i = e;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    n
}

#[inline]
pub(super) fn raw_close(bytes: &[u8], mut i: usize, n: usize, hashes: usize) -> (usize, usize) {
    while i < n {
        let Some(k) = find_in(bytes, i, n, [b'"']) else {
            break;
        };
        let end = k + 1 + hashes;
        if end <= n && bytes[k + 1..end].iter().all(|&b| b == b'#') {
            return (k, end);
        }
        i = k + 1;
    }
    (n, n)
}

/// `'x'`, `'\n'`, `'\u{1F600}'` are skipped; `'a` (a lifetime or label) is one byte.
/// A character literal never spans lines (so what follows a line break never changes
/// how a line before it is read).
#[inline]
pub(super) fn skip_char_literal(bytes: &[u8], k: usize, n: usize) -> usize {
    let rest = &bytes[k + 1..n.min(k + 16)];
    let rest = match rest.iter().position(|&c| c == b'\n') {
        Some(nl) => &rest[..nl],
        None => rest,
    };
    if rest.first() == Some(&b'\\') {
        if let Some(e) = memchr(b'\'', &rest[2.min(rest.len())..]) {
            return k + 1 + 2 + e + 1;
        }
        return k + 1;
    }
    // One UTF-8 character then a quote.
    let len = match rest.first() {
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b >= 0xF0 => 4,
        Some(&b) if b >= 0xE0 => 3,
        Some(&b) if b >= 0xC0 => 2,
        _ => return k + 1,
    };
    if rest.get(len) == Some(&b'\'') {
        k + 1 + len + 1
    } else {
        k + 1
    }
}
