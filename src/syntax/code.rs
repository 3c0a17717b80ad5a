//! The generic token lexer for code-like languages. It knows only what the language
//! table row says ([`CodeRules`]): line and block comments, quote kinds (escapes,
//! multi-line, `${}` templates), Python string prefixes and docstrings, Rust raw strings,
//! C# verbatim strings, char literals vs lifetimes, heredocs. It finds strings and
//! comments and hands them to the [`Cx`] sink, which decides what is a literal.
//!
//! This file holds the rules' types and the lexer's loop (comments included); where a
//! string ends is read in `code/strings.rs`, a heredoc's opener and body in
//! `code/heredoc.rs`.
//!
//! Speed: the lexer jumps between "interesting" bytes (quotes, comment leaders, `<` for
//! heredocs) 16 bytes at a time ([`ByteSet`]); closing quotes are found the same way.

mod heredoc;
mod strings;

use super::emit::{Cx, StrTok};
use super::simd::{find_in, ByteSet, Four};
use heredoc::{heredoc_at, Unterminated};
use strings::{
    close_set, find_close_fstring, find_close_in, find_close_plain, raw_close, skip_char_literal,
};

pub(crate) use strings::fstring_field_end;

/// One kind of quoted string.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    pub open: &'static str,
    pub close: &'static str,
    /// Backslash escapes the next byte.
    pub escape: bool,
    /// May span lines (otherwise it ends, unterminated, at the newline).
    pub multiline: bool,
    /// `${ … }` interpolations may nest quotes (JS template literals, Kotlin, HCL).
    pub template: bool,
}

impl Quote {
    pub const fn new(
        open: &'static str,
        close: &'static str,
        escape: bool,
        multiline: bool,
    ) -> Self {
        Quote {
            open,
            close,
            escape,
            multiline,
            template: false,
        }
    }
    pub const fn template(open: &'static str, close: &'static str) -> Self {
        Quote {
            open,
            close,
            escape: true,
            multiline: true,
            template: true,
        }
    }
}

/// Heredoc flavours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heredoc {
    None,
    /// `<<EOF`, `<<-EOF`, `<<'EOF'`.
    Shell,
    /// `<<~EOS`, `<<-EOS`, `<<EOS` (upper-case tag).
    Ruby,
    /// `<<<EOT`, `<<<'EOT'`.
    Php,
    /// `<<EOT`, `<<-EOT`.
    Hcl,
}

/// Lexer rules of one language family (a column of the language table).
#[derive(Debug, Clone, Copy)]
pub struct CodeRules {
    pub line_comments: &'static [&'static str],
    pub block_comment: Option<(&'static str, &'static str)>,
    pub nested_comments: bool,
    /// Shell: `#` starts a comment only at the start of a word.
    pub hash_needs_word_start: bool,
    /// Tried in order at a quote character (put triple quotes first).
    pub quotes: &'static [Quote],
    pub heredoc: Heredoc,
    /// Python: `r`/`b`/`f`/`u`/`t` prefixes; a triple-quoted string alone at the start of
    /// a line is a docstring (prose).
    pub python_prefixes: bool,
    /// Rust: `r#"…"#`, `br"…"`.
    pub rust_raw: bool,
    /// C#: `@"…"` verbatim strings (`""` escapes, no backslash escapes).
    pub csharp_verbatim: bool,
    /// Swift: `#"…"#`, `##"…"##` raw strings (no backslash escapes; the `#`s close them).
    pub swift_raw: bool,
    /// `'x'` is a character, not a string (and `'a` may be a Rust lifetime).
    pub char_literals: bool,
    /// PHP: `.` concatenates strings.
    pub concat_dot: bool,
}

impl CodeRules {
    pub const EMPTY: CodeRules = CodeRules {
        line_comments: &[],
        block_comment: None,
        nested_comments: false,
        hash_needs_word_start: false,
        quotes: &[],
        heredoc: Heredoc::None,
        python_prefixes: false,
        rust_raw: false,
        csharp_verbatim: false,
        swift_raw: false,
        char_literals: false,
        concat_dot: false,
    };

    /// The bytes where a token may start (the 8 lowest, if there were more), as the
    /// table would list them; no allocation (this runs for every nested reader too).
    fn needles(&self) -> ByteSet {
        let mut all = [0u8; 16];
        let mut len = 0;
        let mut add = |b: u8| {
            if len < all.len() && !all[..len].contains(&b) {
                all[len] = b;
                len += 1;
            }
        };
        for c in self.line_comments {
            add(c.as_bytes()[0]);
        }
        if let Some((o, _)) = self.block_comment {
            add(o.as_bytes()[0]);
        }
        for q in self.quotes {
            add(q.open.as_bytes()[0]);
        }
        if self.char_literals {
            add(b'\'');
        }
        if self.heredoc != Heredoc::None {
            add(b'<');
        }
        let on = &mut all[..len];
        on.sort_unstable();
        ByteSet::new(if on.is_empty() { b"\0" } else { on })
    }
}

/// Lex `cx.text[from..to]` with `rules`, reporting strings, comments and the code gaps.
pub(crate) fn lex(cx: &mut Cx, rules: &CodeRules, from: usize, to: usize) {
    use super::lang::code_rules::{CSHARP, GO, HCL, JAVA, JS, JSON, PYTHON, RUST, SHELL};
    // The busiest rows get their own copy of the loop, compiled with the row's constants
    // (one quote kind, no heredocs, no prefixes …) folded in.
    macro_rules! own_copy {
        ($($row:ident),*) => {
            $(
                if std::ptr::eq(rules, &$row) {
                    return lex_with(cx, &$row, from, to);
                }
            )*
        };
    }
    own_copy!(JSON, SHELL, HCL, PYTHON, JS, CSHARP, RUST, GO, JAVA);
    lex_with(cx, rules, from, to)
}

#[inline(always)]
fn lex_with(cx: &mut Cx, rules: &CodeRules, from: usize, to: usize) {
    let bytes = cx.bytes;
    let n = to.min(bytes.len());
    let needles = rules.needles();
    // The closing-quote search registers of each quote kind, built once per run (a
    // modified quote, such as a raw or verbatim string, builds its own).
    let close_sets: [Four; 4] = std::array::from_fn(|q| {
        rules
            .quotes
            .get(q)
            .map_or_else(|| Four::new([b'"'; 4]), close_set)
    });
    let mut i = from;
    let mut gap_start = from;
    // The top-level reader stops before tokens that start at `stop` or later.
    let stop = cx.stop_at().min(n);
    // A heredoc found on this line: at the newline (`.0`) jump to after its body (`.1`).
    let mut pending: Option<(usize, usize)> = None;
    loop {
        let limit = pending.map_or(stop, |p| p.0.min(stop));
        let next = if i < limit {
            needles.find(&bytes[..limit], i)
        } else {
            None
        };
        let Some(k) = next else {
            cx.gap(gap_start..limit.max(gap_start));
            if let Some((_, resume)) = pending.take() {
                i = resume.max(limit);
                gap_start = i;
                continue;
            }
            break;
        };
        i = k;
        let c = bytes[k];
        // Comments.
        if let Some(end) = line_comment_at(bytes, k, limit, rules) {
            cx.gap(gap_start..k);
            cx.comment(k..end);
            i = end;
            gap_start = end;
            continue;
        }
        if let Some((open, close)) = rules.block_comment {
            if at(bytes, k, open.as_bytes()) {
                let end =
                    block_comment_end(bytes, k + open.len(), n, open, close, rules.nested_comments);
                if has_newline(&bytes[k..end]) {
                    cx.barrier(k, end);
                }
                cx.gap(gap_start..k);
                cx.comment(k..end);
                i = end;
                gap_start = end;
                if let Some(p) = pending {
                    if end > p.0 {
                        pending = None;
                    }
                }
                continue;
            }
        }
        if c == b'<' && rules.heredoc != Heredoc::None && pending.is_none() {
            let h = match heredoc_at(bytes, k, n, rules.heredoc) {
                Ok(h) => Some(h),
                Err(Unterminated(true)) => {
                    // No terminator (yet): whether this is a heredoc depends on the text
                    // to the end, so no line start after it is a safe restart point.
                    cx.barrier(k, n);
                    None
                }
                Err(Unterminated(false)) => None,
            };
            if let Some(h) = h {
                cx.barrier(k, h.end);
                cx.gap(gap_start..k);
                cx.string(StrTok {
                    open: k,
                    content: h.body.clone(),
                    close_end: h.body.end,
                    prose: true,
                    heredoc: true,
                    fstring: false,
                });
                pending = Some((h.newline, h.end));
                i = h.tag_end;
                gap_start = i;
                continue;
            }
            i = k + 1;
            continue;
        }
        if c == b'\'' && rules.char_literals {
            i = skip_char_literal(bytes, k, n);
            continue;
        }
        // Strings.
        let mut matched = false;
        for (qi, q) in rules.quotes.iter().enumerate() {
            if !at(bytes, k, q.open.as_bytes()) {
                continue;
            }
            matched = true;
            let mut open = k;
            let mut quote = *q;
            let mut close_owned: Option<usize> = None; // Rust raw: number of '#'
            let mut doubled = false;
            // Python f-string (or t-string): replacement fields may hold strings.
            let mut fstring = false;
            if rules.python_prefixes {
                let mut j = k;
                while j > from
                    && k - j < 2
                    && matches!(bytes[j - 1] | 0x20, b'r' | b'b' | b'f' | b'u' | b't')
                {
                    j -= 1;
                }
                if j == from || !is_word(bytes[j - 1]) {
                    if bytes[j..k].iter().any(|b| b | 0x20 == b'r') {
                        quote.escape = false;
                    }
                    fstring = bytes[j..k].iter().any(|b| matches!(b | 0x20, b'f' | b't'));
                    open = j;
                }
            }
            if rules.rust_raw && q.open == "\"" {
                let mut j = k;
                let mut hashes = 0;
                while j > from && bytes[j - 1] == b'#' {
                    j -= 1;
                    hashes += 1;
                }
                if j > from && bytes[j - 1] == b'r' {
                    j -= 1;
                    if j > from && bytes[j - 1] == b'b' {
                        j -= 1;
                    }
                    if j == from || !is_word(bytes[j - 1]) {
                        open = j;
                        quote.escape = false;
                        close_owned = Some(hashes);
                    }
                } else if hashes == 0 && j > from && bytes[j - 1] == b'b' {
                    open = j - 1;
                }
            }
            if rules.swift_raw && k > from && bytes[k - 1] == b'#' {
                let mut j = k;
                while j > from && bytes[j - 1] == b'#' {
                    j -= 1;
                }
                open = j;
                quote.escape = false;
                close_owned = Some(k - j);
            }
            if rules.csharp_verbatim && q.open == "\"" {
                let mut j = k;
                while j > from && k - j < 2 && matches!(bytes[j - 1], b'@' | b'$') {
                    j -= 1;
                }
                if bytes[j..k].contains(&b'@') {
                    quote.escape = false;
                    quote.multiline = true;
                    doubled = true;
                }
                open = j;
            }
            let cstart = k + q.open.len();
            // `spans`: the string may cover a line break (else the test below is skipped).
            let (cend, close_end, spans) = match close_owned {
                Some(h) => {
                    let (mut e, ce) = raw_close(bytes, cstart, n, h);
                    // Swift `#"""…"""#`: the closing `"""` is not content.
                    if q.close.len() == 3 && e >= cstart + 2 && at(bytes, e - 2, b"\"\"") {
                        e -= 2;
                    }
                    (e, ce, true)
                }
                None => {
                    let set = match close_sets.get(qi) {
                        Some(set) if quote.escape == q.escape && quote.multiline == q.multiline => {
                            *set
                        }
                        _ => close_set(&quote),
                    };
                    if quote.template || doubled {
                        let (e, ce) = find_close_in(bytes, cstart, n, &quote, doubled, 0, &set);
                        (e, ce, true)
                    } else if fstring {
                        find_close_fstring(bytes, cstart, n, &quote)
                    } else {
                        find_close_plain(bytes, cstart, n, &quote, &set)
                    }
                }
            };
            let docstring = rules.python_prefixes
                && q.open.len() == 3
                && bytes[line_start(bytes, open, from)..open]
                    .iter()
                    .all(|b| matches!(b, b' ' | b'\t'));
            if spans && has_newline(&bytes[open..close_end]) {
                cx.barrier(open, close_end);
            }
            cx.gap(gap_start..open);
            cx.string(StrTok {
                open,
                content: cstart..cend,
                close_end,
                prose: docstring,
                heredoc: false,
                fstring,
            });
            i = close_end.max(k + 1);
            gap_start = i;
            if let Some(p) = pending {
                if i > p.0 {
                    // The string ran over the heredoc's line: give the heredoc up.
                    pending = None;
                }
            }
            break;
        }
        if !matched {
            i = k + 1;
        }
    }
}

/// Most tokens are short: a plain loop beats a `memchr` call there.
#[inline]
fn has_newline(b: &[u8]) -> bool {
    if b.len() <= 32 {
        b.iter().fold(false, |acc, &c| acc | (c == b'\n'))
    } else {
        super::simd::any_in(b, 0, b.len(), [b'\n'])
    }
}

#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn line_start(bytes: &[u8], at: usize, floor: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[floor..at]).map_or(floor, |i| floor + i + 1)
}

#[inline(always)]
fn line_comment_at(bytes: &[u8], k: usize, limit: usize, rules: &CodeRules) -> Option<usize> {
    // A block opener that starts like a line comment (Lua `--[[`) wins.
    if let Some((open, _)) = rules.block_comment {
        if at(bytes, k, open.as_bytes()) {
            return None;
        }
    }
    for lc in rules.line_comments {
        if at(bytes, k, lc.as_bytes()) {
            if *lc == "#" && rules.hash_needs_word_start && k > 0 {
                let p = bytes[k - 1];
                if !matches!(p, b' ' | b'\t' | b'\n' | b'\r' | b';' | b'(' | b'&' | b'|') {
                    return None;
                }
            }
            return Some(find_in(bytes, k, limit, [b'\n']).unwrap_or(limit));
        }
    }
    None
}

fn block_comment_end(
    bytes: &[u8],
    mut i: usize,
    n: usize,
    open: &str,
    close: &str,
    nested: bool,
) -> usize {
    let (o, c) = (open.as_bytes(), close.as_bytes());
    let mut depth = 1usize;
    while i < n {
        let Some(k) = find_in(bytes, i, n, [o[0], c[0]]) else {
            return n;
        };
        if at(bytes, k, c) {
            depth -= 1;
            i = k + c.len();
            if depth == 0 {
                return i;
            }
        } else if nested && at(bytes, k, o) {
            depth += 1;
            i = k + o.len();
        } else {
            i = k + 1;
        }
    }
    n
}

/// `bytes[i..]` starts with `pat` (short patterns: cheaper than a `memcmp` call).
#[inline]
fn at(bytes: &[u8], i: usize, pat: &[u8]) -> bool {
    // The first byte alone rejects most tries (each quote kind is tried at every quote).
    match pat {
        [] => bytes.len() >= i,
        [p0, rest @ ..] => {
            bytes.len() >= i + pat.len()
                && bytes[i] == *p0
                && rest.iter().zip(&bytes[i + 1..]).all(|(a, b)| a == b)
        }
    }
}
