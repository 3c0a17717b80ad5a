//! The small lexer of the look-around ([`Lex`]: quotes and comments skipped, brackets
//! counted) and the bounded steps over the text near a literal: blanks, line starts,
//! identifiers read backwards, the callee and receiver before a bracket, call chains,
//! the variable an assignment names. Each step reads at most [`SLACK`] bytes past its
//! start (or [`LOOKBACK`] for a chain's line).

use crate::syntax::{lang::Lexer, Language};

use super::names::is_keyword;
use super::{LOOKBACK, SLACK};

/// The little lexer: quotes and comments are skipped, brackets counted.
pub(super) struct Lex {
    line_comment: Option<&'static str>,
    block: bool,
    /// Read strings (off where quotes are not code: Markdown prose, a notebook's JSON).
    strings: bool,
    /// The bytes that may start a string, a comment or be a bracket: every other byte
    /// is passed over without a look at what follows it.
    stops: [bool; 256],
}

impl Lex {
    pub(super) fn for_language(language: Language) -> Lex {
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
    pub(super) fn open_brackets(&self, b: &[u8], from: usize, to: usize) -> Vec<(usize, u8)> {
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
    pub(super) fn close_of(&self, b: &[u8], from: usize, open: u8, to: usize) -> Option<usize> {
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

pub(super) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    let end = (i + SLACK).min(b.len());
    while i < end && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

pub(super) fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
    let floor = i.saturating_sub(SLACK);
    while i > floor && matches!(b[i - 1], b' ' | b'\t' | b'\r' | b'\n') {
        i -= 1;
    }
    i
}

/// The start of the line holding `at`, if it is at most [`SLACK`] bytes back; else
/// `at` itself (a bounded read).
pub(super) fn line_start(b: &[u8], at: usize) -> usize {
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
pub(super) fn callee_before(text: &str, open: usize) -> Option<(&str, Option<&str>)> {
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

pub(super) fn skip_ws_back_inline(b: &[u8], mut i: usize) -> usize {
    let floor = i.saturating_sub(SLACK);
    while i > floor && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// Where `word` stands as a whole identifier in `text[from..to]`.
pub(super) fn word_uses<'a>(
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

/// Where the call chain that opens its bracket at `open` starts:
/// `BedrockRuntimeClient.builder().region(` → the `B`.
pub(super) fn chain_start(text: &str, open: usize, floor: usize) -> Option<usize> {
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
pub(super) fn assigned_to(text: &str, start: usize) -> Option<&str> {
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
