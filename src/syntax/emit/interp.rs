//! Strings with interpolations: the visible pieces between `${…}`, `{…}`, `#{…}`,
//! `$name`, `%s`, and the defaults a placeholder carries (`${VAR:-default}`).

use super::*;

impl<'t> Cx<'t> {
    /// [`Cx::value_checked`] for a value split by interpolations into `segs`.
    pub(super) fn interpolated(
        &mut self,
        content: Range<usize>,
        segs: &[Seg],
        before: bool,
        after: bool,
        key: Option<&'t str>,
        ctx: LiteralContext,
    ) {
        // `${MODEL_ID:-anthropic.…}` (shell, compose, .env): the default is a value.
        if self.parameter_defaults(content.clone(), key) {
            return;
        }
        // Interpolated: look at each visible piece.
        for seg in segs {
            let abs = content.start + seg.range.start..content.start + seg.range.end;
            let t = trim_range(self.bytes, abs.clone());
            if t != abs {
                continue; // Words in a sentence: prose, below.
            }
            let piece = self.text.get(t.clone()).unwrap_or("");
            let (off, scope) = if seg.preceded && piece.starts_with('.') {
                (1, true)
            } else if seg.preceded {
                match piece.rfind('/') {
                    Some(p) => (p + 1, false),
                    None => (0, true),
                }
            } else {
                (resource_prefix(piece.as_bytes()), before)
            };
            let cand = piece.get(off..).unwrap_or("");
            if !cand.contains(' ') && self.memo.check(cand) {
                let incomplete = seg.followed || after;
                self.push(t.start + off..t.end, content, ctx, key, scope, incomplete);
                return;
            }
        }
        if key.is_some() {
            let t = trim_range(self.bytes, content.clone());
            let scope = before || segs.first().is_none_or(|s| s.preceded);
            self.push(t, content, ctx, key, scope, true);
        } else if simd::any_in(self.bytes, content.start, content.end, [b' ']) {
            for seg in segs {
                let abs = content.start + seg.range.start..content.start + seg.range.end;
                self.prose_ids(abs, LiteralContext::Prose);
            }
        }
    }

    /// Read the defaults of `${NAME:-default}` / `${NAME-default}` / `${NAME:=default}`
    /// (shell, compose, `.env`), `${name.with.dots:default}` (Spring placeholders) and
    /// `${localEnv:NAME:default}` / `${env:NAME:default}` (devcontainer, VS Code
    /// variables); returns whether one was read.
    pub(super) fn parameter_defaults(
        &mut self,
        content: Range<usize>,
        outer: Option<&'t str>,
    ) -> bool {
        let b = self.bytes;
        let end = content.end;
        let mut any = false;
        let mut i = content.start;
        let name_end = |from: usize, dotted: bool| {
            let mut j = from;
            while j < end && (is_word(b[j]) || (dotted && matches!(b[j], b'.' | b'-'))) {
                j += 1;
            }
            j
        };
        while let Some(k) = simd::find_in(b, i, end, [b'$']).map(|p| p - i) {
            if b.get(i + k + 1) != Some(&b'{') {
                i += k + 1;
                continue;
            }
            let mut s = i + k + 2;
            let mut j = name_end(s, false);
            if j < end && b[j] == b':' && matches!(&b[s..j], b"env" | b"localEnv" | b"containerEnv")
            {
                s = j + 1;
                j = name_end(s, false);
            }
            let dotted = name_end(s, true);
            let at = |p: usize, pat: &[u8]| b[p.min(end)..end].starts_with(pat);
            // (end of the name, length of the operator)
            let (j, op) = if at(j, b":-") || at(j, b":=") {
                (j, 2)
            } else if at(dotted, b":") && dotted + 1 < end && b[dotted + 1].is_ascii_alphabetic() {
                // A default after a bare `:` (never a shell substring `${x:1}`).
                (dotted, 1)
            } else if at(j, b"-") || at(j, b"=") {
                (j, 1)
            } else {
                (j, 0)
            };
            let name = s..j;
            i = j.max(i + k + 2);
            if op == 0 || name.is_empty() {
                continue;
            }
            let d = j + op;
            let Some(e) = memchr(b'}', &b[d..end]).map(|e| d + e) else {
                break;
            };
            let n = self.text.get(name).unwrap_or("");
            let kind = match n.rsplit_once('.') {
                Some((_, last)) => self.keys.classify(last).or_else(|| self.keys.classify(n)),
                None => self.keys.classify(n),
            };
            let key = match kind {
                Some(kind) => Some(KeyHit { name: n, kind }),
                None => outer.map(|o| KeyHit {
                    name: o,
                    kind: KeyKind::Model,
                }),
            };
            if d < e {
                self.value(d..e, false, false, key);
                any = true;
            }
            i = e + 1;
        }
        any
    }
}

/// A visible piece of a string between interpolations.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    pub range: Range<usize>,
    pub preceded: bool,
    pub followed: bool,
}

/// Split string content at interpolations and format placeholders: `${…}`, `#{…}`,
/// `{…}`, `$(…)`, `$name`, `%s`, `%(name)s`. Model IDs never contain `$ # { %`, so this
/// is safe for every language. In a Python f-string (`fstring`), `{…}` is a field
/// whatever it holds (`{os.environ['AWS_REGION']}`, `{x:>10}`), and `{{` is a brace.
pub(crate) fn segments(c: &[u8], out: &mut Vec<Seg>, fstring: bool) {
    out.clear();
    let mut start = 0;
    let mut i = 0;
    let mut preceded = false;
    while i < c.len() {
        // Placeholders start at one of these bytes: jump from one to the next.
        match simd::find_in(c, i, c.len(), *b"$#{%") {
            Some(k) => i = k,
            None => break,
        }
        if fstring && c[i] == b'{' && c.get(i + 1) == Some(&b'{') {
            i += 2;
            continue;
        }
        let field = if fstring && c[i] == b'{' {
            Some(code::fstring_field_end(c, i + 1, c.len(), true, 0).unwrap_or(c.len()))
        } else {
            placeholder(c, i)
        };
        match field {
            Some(end) => {
                if start < i {
                    out.push(Seg {
                        range: start..i,
                        preceded,
                        followed: true,
                    });
                }
                preceded = true;
                i = end.max(i + 1);
                start = i;
            }
            None => i += 1,
        }
    }
    if start < c.len() || out.is_empty() {
        out.push(Seg {
            range: start..c.len(),
            preceded,
            followed: false,
        });
    }
}

pub(super) fn placeholder(c: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| c.get(k).copied();
    match c[i] {
        b'$' => match at(i + 1)? {
            b'{' => Some(matching(c, i + 1, b'{', b'}')),
            b'(' => Some(matching(c, i + 1, b'(', b')')),
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let mut j = i + 1;
                while j < c.len() && is_word(c[j]) {
                    j += 1;
                }
                Some(j)
            }
            _ => None,
        },
        b'#' if at(i + 1) == Some(b'{') => Some(matching(c, i + 1, b'{', b'}')),
        b'{' => {
            // `{geo}`, `{}`, `{0}`, `{x!r}`: a format field; `{"a": 1}` is data.
            let end = matching(c, i, b'{', b'}');
            let inner = &c[i + 1..end.saturating_sub(1).max(i + 1)];
            (end - i <= 64
                && !inner
                    .iter()
                    .any(|b| matches!(b, b'"' | b'\'' | b'\n' | b' ' | b':')))
            .then_some(end)
            .or_else(|| inner.is_empty().then_some(end))
        }
        b'%' => {
            let mut j = i + 1;
            if at(j) == Some(b'(') {
                j = matching(c, j, b'(', b')');
            }
            while at(j).is_some_and(|b| {
                matches!(
                    b,
                    b'-' | b'+' | b' ' | b'#' | b'0'..=b'9' | b'.' | b'*' | b'$'
                )
            }) {
                j += 1;
            }
            at(j).filter(|b| b.is_ascii_alphabetic()).map(|_| j + 1)
        }
        _ => None,
    }
}

pub(super) fn matching(c: &[u8], open_at: usize, open: u8, close: u8) -> usize {
    let mut depth = 0usize;
    let mut k = open_at;
    // From bracket to bracket.
    while let Some(j) = simd::find_in(c, k, c.len(), [open, close]) {
        if c[j] == open {
            depth += 1;
        } else {
            depth -= 1;
            if depth == 0 {
                return j + 1;
            }
        }
        k = j + 1;
    }
    c.len()
}
