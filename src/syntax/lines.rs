//! Line-oriented formats whose values are often unquoted: YAML (CloudFormation/SAM,
//! GitHub Actions, compose, Kubernetes, app configs), `.env` and Java `.properties`.
//! Each line is read as `key: value` / `KEY=value` / `key=value`; the key decides
//! the context, values go to the shared sink ([`Cx::value`]).
//!
//! YAML specifics: quoted and plain scalars, list items, flow sequences/mappings on one
//! line, tags (`!Sub` is read, `!Ref`/`!GetAtt` name resources, not models), block
//! scalars (`run: |` is read as shell, other blocks as prose), and the Kubernetes
//! `- name: MODEL_ID` / `value: …` pair.

use super::emit::{line_end, trim_range, Cx};
use super::keys::KeyHit;
use super::simd::{find_in, le_word};
use super::Language;
use std::ops::Range;

fn hit<'t>(cx: &mut Cx<'t>, name: &'t str) -> Option<KeyHit<'t>> {
    cx.keys.classify(name).map(|kind| KeyHit { name, kind })
}

/// Lines of `range`: (start, end without `\r\n`, next line start).
fn lines(b: &[u8], range: Range<usize>) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut ls = range.start;
    let end = range.end.min(b.len());
    std::iter::from_fn(move || {
        if ls >= end {
            return None;
        }
        let next = find_in(b, ls, end, [b'\n']).map_or(end, |i| i + 1);
        let mut le = if next > ls && b[next - 1] == b'\n' {
            next - 1
        } else {
            next
        };
        if le > ls && b[le - 1] == b'\r' {
            le -= 1;
        }
        let out = (ls, le, next);
        ls = next;
        Some(out)
    })
}

#[inline(always)]
fn skip_ws(b: &[u8], mut i: usize, end: usize) -> usize {
    // Indentation runs long in YAML: eight spaces at a time first.
    while i + 8 <= end && b[i] == b' ' {
        let x = le_word(b, i, 8) ^ 0x2020_2020_2020_2020;
        if x != 0 {
            i += x.trailing_zeros() as usize / 8;
            break;
        }
        i += 8;
    }
    while i < end && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// A quoted value on one line: returns (content, after the closing quote).
fn quoted(b: &[u8], i: usize, le: usize) -> (Range<usize>, usize) {
    let q = b[i];
    let mut j = i + 1;
    while j < le {
        // The next quote or (in a double-quoted value) backslash.
        let next = if q == b'"' {
            find_in(b, j, le, [q, b'\\'])
        } else {
            find_in(b, j, le, [q])
        };
        let Some(k) = next else { break };
        j = k;
        if b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if q == b'\'' && b.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return (i + 1..j, j + 1);
        }
        j += 1;
    }
    (i + 1..le, le)
}

/// ` #` starts a comment in an unquoted value (YAML, `.env`).
fn comment_start(b: &[u8], from: usize, le: usize) -> Option<usize> {
    let mut i = from;
    while i < le {
        let k = find_in(b, i, le, [b'#'])?;
        if k == from || matches!(b[k - 1], b' ' | b'\t') {
            return Some(k);
        }
        i = k + 1;
    }
    None
}

/// `.env`: `[export ]NAME=value`, quoted or not, `# comments`.
pub(crate) fn dotenv(cx: &mut Cx, range: Range<usize>) {
    let b = cx.bytes;
    let stop = cx.stop_at();
    for (ls, le, _) in lines(b, range) {
        if ls >= stop {
            break;
        }
        let mut t = skip_ws(b, ls, le);
        if t >= le {
            continue;
        }
        if b[t] == b'#' {
            cx.comment(t..le);
            continue;
        }
        if b[t..le].starts_with(b"export ") {
            t = skip_ws(b, t + 7, le);
        }
        let Some(eq) = find_in(b, t, le, [b'=']) else {
            continue;
        };
        let name = cx.text.get(trim_range(b, t..eq)).unwrap_or("");
        let key = hit(cx, name);
        let v = skip_ws(b, eq + 1, le);
        value_then_comment(cx, v, le, key);
    }
}

/// A value that is quoted or runs to a ` #` comment or the line end.
fn value_then_comment<'t>(cx: &mut Cx<'t>, v: usize, le: usize, key: Option<KeyHit<'t>>) {
    let b = cx.bytes;
    if v < le && matches!(b[v], b'"' | b'\'') {
        let (content, after) = quoted(b, v, le);
        cx.value(content, false, false, key);
        if let Some(c) = comment_start(b, after, le) {
            cx.comment(c..le);
        }
        return;
    }
    let c = comment_start(b, v, le);
    let end = c.unwrap_or(le);
    let r = trim_range(b, v..end);
    if !r.is_empty() || key.is_some() {
        cx.value(r, false, false, key);
    }
    if let Some(c) = c {
        cx.comment(c..le);
    }
}

/// Java `.properties`: `key=value`, `key: value`, `key value`; `#`/`!` comments;
/// a trailing `\` continues the value on the next line.
pub(crate) fn properties(cx: &mut Cx, range: Range<usize>) {
    let b = cx.bytes;
    let stop = cx.stop_at();
    let mut continued = false;
    for (ls, le, next) in lines(b, range) {
        if ls >= stop {
            break;
        }
        let was_continued = continued;
        continued = le > ls && b[le - 1] == b'\\';
        if continued {
            cx.barrier(ls, next);
        }
        if was_continued {
            continue;
        }
        let t = skip_ws(b, ls, le);
        if t >= le {
            continue;
        }
        if matches!(b[t], b'#' | b'!') {
            cx.comment(t..le);
            continue;
        }
        let mut k = t;
        while k < le && !matches!(b[k], b'=' | b':' | b' ' | b'\t') {
            if b[k] == b'\\' {
                k += 1;
            }
            k += 1;
        }
        let k = k.min(le);
        let name = cx.text.get(t..k).unwrap_or("");
        let mut v = skip_ws(b, k, le);
        if v < le && matches!(b[v], b'=' | b':') {
            v = skip_ws(b, v + 1, le);
        }
        let last = name.rsplit('.').next().unwrap_or(name);
        let key = cx
            .keys
            .classify(last)
            .or_else(|| cx.keys.classify(name))
            .map(|kind| KeyHit { name, kind });
        let end = if continued { le - 1 } else { le };
        let r = trim_range(b, v..end.max(v));
        cx.value(r, false, false, key);
    }
}

/// Keys whose block scalar is a shell script.
const SHELL_KEYS: &[&str] = &[
    "run",
    "script",
    "command",
    "commands",
    "entrypoint",
    "cmd",
    "before_script",
    "after_script",
    "args",
];

struct Block {
    indent: usize,
    /// Start of the line with the `key: |` header.
    header: usize,
    start: usize,
    shell: bool,
    /// Inline Lambda code (`ZipFile: |`, `InlineCode: |`): the indentation of the
    /// mapping whose `Runtime:` gives the code's language.
    runtime_at: Option<usize>,
}

/// The start of the line `k` lines below the line starting at `ls` (or the text end).
fn line_start_below(b: &[u8], ls: usize, k: usize) -> usize {
    let mut at = ls;
    for _ in 0..k {
        match find_in(b, at, b.len(), [b'\n']) {
            Some(i) => at = i + 1,
            None => return b.len(),
        }
    }
    at
}

pub(crate) fn yaml(cx: &mut Cx, range: Range<usize>) {
    let b = cx.bytes;
    let text = cx.text;
    // Where the YAML text starts (a fence body, or the document: a re-scan starting
    // further down may still look up at the lines above).
    let floor = if cx.nested == 0 { 0 } else { range.start };
    let mut block: Option<Block> = None;
    // The last `name:` key: (column, value, line number) for `value:` under it.
    let mut last_name: Option<(usize, &str, usize)> = None;
    let stop = cx.stop_at();
    for (line_no, (ls, le, _)) in lines(b, range.clone()).enumerate() {
        let t = skip_ws(b, ls, le);
        let indent = t - ls;
        if let Some(bl) = &block {
            if t >= le || indent > bl.indent {
                if ls >= stop {
                    // The block runs on past `stop`: not a restart point.
                    cx.barrier(bl.header, ls);
                    return;
                }
                continue;
            }
            let bl = block.take().unwrap();
            // The block's lines (not the line that ends it) are no restart points.
            cx.barrier(bl.header, ls - 1);
            flush_block(cx, bl, ls, floor..range.end);
        }
        if ls >= stop {
            return;
        }
        if t >= le {
            continue;
        }
        if b[t] == b'#' {
            cx.comment(t..le);
            continue;
        }
        if ls == t && (b[t..le].starts_with(b"---") || b[t..le].starts_with(b"...")) {
            continue;
        }
        let mut p = t;
        while p < le && b[p] == b'-' && (p + 1 == le || matches!(b[p + 1], b' ' | b'\t')) {
            p = skip_ws(b, p + 1, le);
        }
        if p >= le {
            continue;
        }
        let col = p - ls;
        // Key?
        let (key_name, v) = match yaml_key(b, p, le) {
            Some((name, v)) => {
                id_key(cx, name.clone());
                (text.get(name), v)
            }
            None => (None, p),
        };
        let mut key = key_name.and_then(|n| hit(cx, n));
        if let Some(n) = key_name {
            if n == "value" && key.is_none() {
                if let Some((c, name, l)) = &last_name {
                    if *c == col && line_no <= l + 3 {
                        key = hit(cx, name);
                    }
                }
            }
        }
        let mut v = skip_ws(b, v, le);
        // Tags and anchors.
        let mut reference = false;
        while v < le && matches!(b[v], b'!' | b'&') {
            let s = v;
            while v < le && !matches!(b[v], b' ' | b'\t') {
                v += 1;
            }
            let tag = &b[s..v];
            if matches!(tag, b"!Ref" | b"!GetAtt" | b"!ImportValue" | b"!FindInMap") {
                reference = true;
            }
            v = skip_ws(b, v, le);
        }
        if v >= le {
            continue;
        }
        match b[v] {
            b'#' => cx.comment(v..le),
            b'|' | b'>' if key_name.is_some() || v == p => {
                let shell = key_name.is_some_and(|n| SHELL_KEYS.contains(&n));
                let runtime_at = match key_name {
                    // CloudFormation `Code: ZipFile:`: `Runtime` is a sibling of `Code`.
                    Some("ZipFile") => parent_indent(b, floor, ls, col),
                    // SAM `InlineCode:`: a sibling of `Runtime`.
                    Some("InlineCode") => Some(col),
                    _ => None,
                };
                block = Some(Block {
                    indent: t - ls,
                    header: ls,
                    start: line_end(b, v),
                    shell,
                    runtime_at,
                });
                if let Some(c) = comment_start(b, v, le) {
                    cx.comment(c..le);
                }
            }
            b'*' => {}
            b'[' | b'{' => flow(cx, v, le, key),
            _ if reference => {}
            _ => {
                if key_name == Some("name") {
                    let r = trim_range(b, v..comment_start(b, v, le).unwrap_or(le));
                    let text = cx.text.get(r).unwrap_or("").trim_matches(['"', '\'']);
                    last_name = Some((col, text, line_no));
                    // `value:` up to three lines below reads this name.
                    cx.barrier(ls, line_start_below(b, ls, 3));
                }
                value_then_comment(cx, v, le, key);
            }
        }
    }
    if let Some(bl) = block {
        cx.barrier(bl.header, range.end);
        flush_block(cx, bl, range.end, floor..range.end);
    }
}

/// `within`: how far the YAML text reaches (the lines a `Runtime:` may be read from).
fn flush_block(cx: &mut Cx, bl: Block, end: usize, within: Range<usize>) {
    if bl.start >= end {
        return;
    }
    if let Some(at) = bl.runtime_at {
        let (lang, top, bottom) = runtime(cx.bytes, within, bl.header, end, at);
        // The reading depends on the whole mapping (a `Runtime:` may be added or
        // removed anywhere in it) and on the lines that end it.
        cx.barrier(top, bottom);
        if let Some(lang) = lang {
            super::run(cx, lang, bl.start..end, 1);
            return;
        }
    }
    if bl.shell {
        cx.nested_shell(bl.start..end);
    } else {
        cx.prose_ids(bl.start..end, super::LiteralContext::Prose);
    }
}

/// The indentation of the mapping that holds the key at column `col` of the line at
/// `ls`: that of the nearest line above with less (blank lines and comments aside).
fn parent_indent(b: &[u8], floor: usize, ls: usize, col: usize) -> Option<usize> {
    let mut end = ls;
    while end > floor {
        let l0 = super::emit::line_start(b, end - 1).max(floor);
        let t = skip_ws(b, l0, end);
        end = l0;
        if matches!(b.get(t), Some(b'\n' | b'\r' | b'#')) || t >= ls {
            continue;
        }
        if t - l0 < col {
            return Some(t - l0);
        }
    }
    None
}

/// The lines around a block (its header at `header`, the line that ends it at
/// `after`) that belong to the mapping at indentation `at`, and the language its
/// `Runtime:` key names (`python3.12` → Python, `nodejs20.x` → JavaScript). Returns
/// that language, the start of the line that ends the mapping above (or the start of
/// `within`) and the end of its last line (or the end of `within`).
fn runtime(
    b: &[u8],
    within: Range<usize>,
    header: usize,
    after: usize,
    at: usize,
) -> (Option<Language>, usize, usize) {
    let mut lang = None;
    let mut look = |t: usize, le: usize| {
        let line = &b[t..le];
        if let Some(v) = line.strip_prefix(b"Runtime:") {
            let v = trim_range(v, 0..v.len());
            let v = &line[8 + v.start..8 + v.end];
            let v = v.strip_prefix(b"\"").or(v.strip_prefix(b"'")).unwrap_or(v);
            if v.starts_with(b"python") {
                lang = Some(Language::Python);
            } else if v.starts_with(b"nodejs") {
                lang = Some(Language::JavaScript);
            }
        }
    };
    // Up from the header.
    let mut top = within.start;
    let mut end = header;
    while end > within.start {
        let l0 = super::emit::line_start(b, end - 1).max(within.start);
        let le = end;
        end = l0;
        let t = skip_ws(b, l0, le);
        if t >= le || matches!(b[t], b'\n' | b'\r' | b'#') {
            continue;
        }
        if t - l0 < at {
            top = l0;
            break;
        }
        if t - l0 == at {
            look(t, le);
        }
    }
    // Down from the line that ends the block.
    let mut bottom = within.end;
    for (ls, le, _) in lines(b, after..within.end) {
        let t = skip_ws(b, ls, le);
        if t >= le || b[t] == b'#' {
            continue;
        }
        if t - ls < at {
            bottom = ls.saturating_sub(1).max(after);
            break;
        }
        if t - ls == at {
            look(t, le);
        }
    }
    (lang, top, bottom)
}

/// A mapping key with the shape of an ID (a table keyed by model: `anthropic.…:` with
/// the model's settings under it) is a value; analysis knows it is a map key.
fn id_key(cx: &mut Cx, name: Range<usize>) {
    let b = cx.bytes;
    // Cheap first: IDs have a `.` and no blank.
    if simd_any(b, &name, b'.') && !simd_any(b, &name, b' ') {
        cx.value(name, false, false, None);
    }
}

fn simd_any(b: &[u8], r: &Range<usize>, c: u8) -> bool {
    find_in(b, r.start, r.end, [c]).is_some()
}

/// `key: ` at `p`: returns the key's range (no quotes) and where the value starts.
fn yaml_key(b: &[u8], p: usize, le: usize) -> Option<(Range<usize>, usize)> {
    if matches!(b[p], b'"' | b'\'') {
        let (content, after) = quoted(b, p, le);
        let a = skip_ws(b, after, le);
        if a < le && b[a] == b':' && (a + 1 == le || matches!(b[a + 1], b' ' | b'\t')) {
            return Some((content, a + 1));
        }
        return None;
    }
    if matches!(b[p], b'[' | b'{' | b'#' | b'|' | b'>') {
        return None;
    }
    let mut i = p;
    while i < le {
        let k = find_in(b, i, le, [b':'])?;
        if k + 1 == le || matches!(b[k + 1], b' ' | b'\t') {
            // ` #` before the colon: a comment, not a key.
            let mut h = p;
            while let Some(x) = find_in(b, h, k, [b'#']) {
                if x > p && b[x - 1] == b' ' {
                    return None;
                }
                h = x + 1;
            }
            return Some((p..k, k + 1));
        }
        i = k + 1;
    }
    None
}

/// A one-line flow collection: `[a, "b"]`, `{modelId: x, region: y}`.
fn flow<'t>(cx: &mut Cx<'t>, v: usize, le: usize, key: Option<KeyHit<'t>>) {
    let b = cx.bytes;
    let mut i = v + 1;
    while i < le {
        let s = skip_ws(b, i, le);
        if s >= le {
            break;
        }
        let mut e = s;
        let mut item_key = key;
        let mut vstart = s;
        // An item: optional `key: `, then a quoted or plain scalar.
        if let Some((name, after)) = yaml_key(b, s, le) {
            id_key(cx, name.clone());
            let name = cx.text.get(name).unwrap_or("");
            item_key = hit(cx, name.trim_start_matches(['{', '[']));
            vstart = skip_ws(b, after, le);
        }
        if vstart < le && matches!(b[vstart], b'"' | b'\'') {
            let (content, after) = quoted(b, vstart, le);
            cx.value(content, false, false, item_key);
            e = after;
        } else {
            let mut k = vstart;
            while k < le && !matches!(b[k], b',' | b']' | b'}') {
                k += 1;
            }
            let r = trim_range(b, vstart..k);
            if !r.is_empty() {
                cx.value(r, false, false, item_key);
            }
            e = e.max(k);
        }
        let next = find_in(b, e.max(s), le, [b',']).unwrap_or(le);
        i = next + 1;
    }
}
