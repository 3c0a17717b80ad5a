//! Heredocs of the code lexer ([`super::lex`]): the opener (`<<EOF`, `<<~EOS`,
//! `<<<EOT`, `<<-EOT`, quoted tags) of each [`Heredoc`] flavour, and the body up to
//! the line that closes it.

use super::super::simd::find_in;
use super::{is_word, Heredoc};

pub(crate) struct HeredocHit {
    pub body: std::ops::Range<usize>,
    pub tag_end: usize,
    pub newline: usize,
    pub end: usize,
}

/// `heredoc_at` found no heredoc; `true` when the opener is one but its terminator is
/// missing (then it depends on the text to the end).
pub(crate) struct Unterminated(pub(super) bool);

#[inline]
pub(super) fn heredoc_at(
    bytes: &[u8],
    k: usize,
    n: usize,
    kind: Heredoc,
) -> Result<HeredocHit, Unterminated> {
    heredoc_opener(bytes, k, n, kind).ok_or(Unterminated(false))?;
    heredoc_body(bytes, k, n, kind).ok_or(Unterminated(true))
}

/// Does a heredoc opener's syntax start at `k`?
fn heredoc_opener(bytes: &[u8], k: usize, n: usize, kind: Heredoc) -> Option<()> {
    heredoc_tag(bytes, k, n, kind).map(|_| ())
}

/// The tag of the opener at `k`: (tag range, end of the opener).
fn heredoc_tag(
    bytes: &[u8],
    k: usize,
    n: usize,
    kind: Heredoc,
) -> Option<(std::ops::Range<usize>, usize)> {
    let mut j = k;
    if kind == Heredoc::Php {
        if !bytes[j..n].starts_with(b"<<<") {
            return None;
        }
        j += 3;
    } else {
        if !bytes[j..n].starts_with(b"<<") || bytes.get(j + 2) == Some(&b'<') {
            return None;
        }
        if k > 0 && bytes[k - 1] == b'<' {
            return None;
        }
        j += 2;
    }
    let mut squiggly = false;
    if matches!(bytes.get(j), Some(b'~' | b'-')) && kind != Heredoc::Php {
        squiggly = true;
        j += 1;
    }
    if matches!(kind, Heredoc::Shell | Heredoc::Php) {
        while matches!(bytes.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
    }
    let quote = match bytes.get(j) {
        Some(&q @ (b'\'' | b'"')) => {
            j += 1;
            Some(q)
        }
        _ => None,
    };
    let tag_start = j;
    if !bytes
        .get(j)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return None;
    }
    while j < n && is_word(bytes[j]) {
        j += 1;
    }
    let tag_end = j;
    let tag = &bytes[tag_start..j];
    if kind == Heredoc::Ruby && !squiggly && quote.is_none() && !tag[0].is_ascii_uppercase() {
        return None;
    }
    if let Some(q) = quote {
        if bytes.get(j) != Some(&q) {
            return None;
        }
        j += 1;
    }
    Some((tag_start..tag_end, j))
}

/// The body and terminator of the heredoc whose opener is at `k`.
fn heredoc_body(bytes: &[u8], k: usize, n: usize, kind: Heredoc) -> Option<HeredocHit> {
    let (tag, j) = heredoc_tag(bytes, k, n, kind)?;
    let tag = &bytes[tag];
    let newline = find_in(bytes, j, n, [b'\n'])?;
    let body_start = newline + 1;
    let mut ls = body_start;
    while ls <= n {
        let le = find_in(bytes, ls, n, [b'\n']).unwrap_or(n);
        let line = trim(&bytes[ls..le]);
        let is_end = if kind == Heredoc::Php {
            line.starts_with(tag) && !line.get(tag.len()).is_some_and(|b| is_word(*b))
        } else {
            line == tag
        };
        if is_end {
            return Some(HeredocHit {
                body: body_start..ls,
                tag_end: j,
                newline,
                end: le,
            });
        }
        if le >= n {
            break;
        }
        ls = le + 1;
    }
    None
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = s {
        s = rest;
    }
    s
}
