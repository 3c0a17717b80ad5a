//! XML and HTML. Attribute values are values under the attribute's name
//! (`model-id="…"`), or under the name another attribute of the tag gives
//! (`<property name="modelId" value="…"/>`, `<add key="ModelId" value="…"/>`); the text
//! of an element is a value under the element's name (`<modelId>…</modelId>`), and in
//! HTML, text under any other element is prose. `<!-- … -->` are comments, `<![CDATA[…]]>`
//! is text. HTML `<script>` bodies are read as JavaScript (JSON for a JSON `type`),
//! `<style>` bodies are skipped.
//!
//! State across lines (a tag or comment that spans lines, an element's text that does, a
//! script) is recorded as a barrier, so every other line start is a restart point.

use super::emit::{trim_range, Cx};
use super::keys::{KeyHit, KeyKind};
use super::simd::{find_in, find_seq};
use super::{Language, LiteralContext};
use std::ops::Range;

const MAX_DEPTH: usize = 3;
/// Attributes looked at per tag (the rest are skipped).
const MAX_ATTRS: usize = 32;

fn is_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':') || c >= 0x80
}

fn has_newline(b: &[u8], r: Range<usize>) -> bool {
    find_in(b, r.start, r.end, [b'\n']).is_some()
}

pub(crate) fn scan(cx: &mut Cx, range: Range<usize>, html: bool, depth: usize) {
    let b = cx.bytes;
    let end = range.end.min(b.len());
    let stop = cx.stop_at();
    let mut i = range.start;
    // The start tag right before the text being read: (its start, its name).
    let mut open: Option<(usize, Range<usize>)> = None;
    // Where the current text run started.
    let mut text_from = i;
    while i < end {
        let Some(k) = find_in(b, i, end, [b'<']) else {
            break;
        };
        let next = b.get(k + 1).copied().unwrap_or(0);
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            i = k + 1; // `a < b` in text.
            continue;
        }
        if text_from >= stop {
            return;
        }
        text(cx, text_from..k, open.take(), html);
        if k >= stop {
            return;
        }
        if b[k..end].starts_with(b"<!--") {
            let e = find_seq(b, k + 4, end, b"-->").map_or(end, |x| x + 3);
            if has_newline(b, k..e) || e == end {
                cx.barrier(k, e);
            }
            cx.comment(k..e);
            i = e;
        } else if b[k..end].starts_with(b"<![CDATA[") {
            let e = find_seq(b, k + 9, end, b"]]>").unwrap_or(end);
            if has_newline(b, k..e) || e == end {
                cx.barrier(k, e);
            }
            cx.value(trim_range(b, k + 9..e), false, false, None);
            i = (e + 3).min(end);
        } else if matches!(next, b'!' | b'?') {
            let e = find_in(b, k, end, [b'>']).map_or(end, |x| x + 1);
            if has_newline(b, k..e) || e == end {
                cx.barrier(k, e);
            }
            i = e;
        } else if next == b'/' {
            let e = find_in(b, k, end, [b'>']).map_or(end, |x| x + 1);
            if has_newline(b, k..e) || e == end {
                cx.barrier(k, e);
            }
            i = e;
        } else {
            let t = tag(cx, k, end);
            if has_newline(b, k..t.end) || t.end == end {
                cx.barrier(k, t.end);
            }
            i = t.end;
            let name = &b[t.name.clone()];
            if html && !t.self_closing && name.eq_ignore_ascii_case(b"script") {
                i = raw_body(cx, k, t.end, end, b"</script", t.script, depth);
            } else if html && !t.self_closing && name.eq_ignore_ascii_case(b"style") {
                i = raw_body(cx, k, t.end, end, b"</style", Body::Skip, depth);
            } else if !t.self_closing {
                open = Some((k, t.name));
            }
        }
        text_from = i;
    }
    if text_from < end && text_from < stop {
        text(cx, text_from..end, open, html);
    }
}

/// Text between tags: under the element's name when it follows a start tag.
fn text(cx: &mut Cx, r: Range<usize>, open: Option<(usize, Range<usize>)>, html: bool) {
    let b = cx.bytes;
    let key = open.as_ref().and_then(|(_, name)| {
        let full = cx.text.get(name.clone())?;
        let local = full.rsplit(':').next().unwrap_or(full);
        let kind = cx.keys.classify(local)?;
        Some(KeyHit { name: local, kind })
    });
    if html && key.is_none() {
        // Prose is read line by line: what reaches past `stop` is read from there.
        let r = r.start..r.end.min(cx.stop_at()).max(r.start);
        if !trim_range(b, r.clone()).is_empty() {
            cx.prose_ids(r, LiteralContext::Prose);
        }
        return;
    }
    // A value is read whole, even past `stop`: when it spans lines it is a barrier over
    // `stop`, so the re-read goes on (a start tag typed above text makes it one value).
    let t = trim_range(b, r.clone());
    if t.is_empty() {
        return;
    }
    if has_newline(b, r.clone()) {
        cx.barrier(open.map_or(r.start, |(at, _)| at), r.end);
    }
    cx.value(t, false, false, key);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Script,
    Json,
    Skip,
}

struct Tag {
    name: Range<usize>,
    end: usize,
    self_closing: bool,
    /// For `<script>`: how to read the body.
    script: Body,
}

/// Read the start tag at `k`: its attributes are reported as values.
fn tag(cx: &mut Cx, k: usize, end: usize) -> Tag {
    let b = cx.bytes;
    let mut j = k + 1;
    while j < end && is_name(b[j]) {
        j += 1;
    }
    let name = k + 1..j;
    let mut attrs: [(Range<usize>, Range<usize>); MAX_ATTRS] =
        std::array::from_fn(|_| (0..0, 0..0));
    let mut n = 0;
    let mut self_closing = false;
    let tag_end;
    loop {
        while j < end && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= end {
            tag_end = end;
            break;
        }
        match b[j] {
            b'>' => {
                tag_end = j + 1;
                break;
            }
            b'/' if b.get(j + 1) == Some(&b'>') => {
                self_closing = true;
                tag_end = j + 2;
                break;
            }
            b'<' => {
                // A tag left open: stop before the next one.
                tag_end = j;
                break;
            }
            _ => {}
        }
        let an = j;
        while j < end && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'<') {
            if b[j] == b'/' && b.get(j + 1) == Some(&b'>') {
                break;
            }
            j += 1;
        }
        if j == an {
            j += 1; // A stray byte.
            continue;
        }
        let attr_name = an..j;
        while j < end && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n') {
            j += 1;
        }
        let mut value = j..j;
        if j < end && b[j] == b'=' {
            j += 1;
            while j < end && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n') {
                j += 1;
            }
            if j < end && matches!(b[j], b'"' | b'\'') {
                let q = b[j];
                let e = find_in(b, j + 1, end, [q]).unwrap_or(end);
                value = j + 1..e;
                j = (e + 1).min(end);
            } else {
                let s = j;
                while j < end && !b[j].is_ascii_whitespace() && !matches!(b[j], b'>' | b'<') {
                    j += 1;
                }
                value = s..j;
            }
        }
        if n < MAX_ATTRS {
            attrs[n] = (attr_name, value);
            n += 1;
        }
    }
    let attrs = &attrs[..n];
    let text = cx.text;
    let attr_is = |r: &Range<usize>, names: &[&str]| {
        let a = &b[r.clone()];
        names.iter().any(|x| a.eq_ignore_ascii_case(x.as_bytes()))
    };
    // `<property name="modelId" value="…"/>`: the name the tag gives its value.
    let named = attrs
        .iter()
        .find(|(a, _)| attr_is(a, &["name", "key", "property", "id"]))
        .and_then(|(_, v)| {
            let name = text.get(v.clone())?;
            let kind = cx.keys.classify(name)?;
            Some(KeyHit { name, kind })
        });
    let mut script = Body::Script;
    for (a, v) in attrs {
        if attr_is(a, &["type"]) {
            let t = text.get(v.clone()).unwrap_or("").to_ascii_lowercase();
            if t.contains("json") {
                script = Body::Json;
            } else if !t.is_empty() && !t.contains("javascript") && t != "module" {
                script = Body::Skip;
            }
        }
        let key = if named.is_some() && attr_is(a, &["value", "content"]) {
            named
        } else if named.is_some() && attr_is(a, &["name", "key", "property", "id"]) {
            continue;
        } else {
            let an = text.get(a.clone()).unwrap_or("");
            let an = an.strip_prefix("data-").unwrap_or(an);
            cx.keys.classify(an).map(|kind| KeyHit { name: an, kind })
        };
        if v.is_empty() && key.is_none_or(|k| k.kind == KeyKind::Region) {
            continue;
        }
        cx.value(v.clone(), false, false, key);
    }
    Tag {
        name,
        end: tag_end,
        self_closing,
        script,
    }
}

/// A `<script>` or `<style>` body from `body` to its end tag: read as `how`; returns
/// where reading goes on (after the end tag's `>`).
fn raw_body(
    cx: &mut Cx,
    open: usize,
    body: usize,
    end: usize,
    close: &[u8],
    how: Body,
    depth: usize,
) -> usize {
    let b = cx.bytes;
    let mut at = body;
    let close_at = loop {
        match find_seq(b, at, end, b"</") {
            Some(p) if b[p..end.min(p + close.len())].eq_ignore_ascii_case(close) => break p,
            Some(p) => at = p + 2,
            None => break end,
        }
    };
    let after = find_in(b, close_at, end, [b'>']).map_or(end, |x| x + 1);
    if has_newline(b, open..after) || after == end {
        cx.barrier(open, after);
    }
    let r = body..close_at;
    match how {
        Body::Skip => {}
        _ if depth >= MAX_DEPTH => cx.prose_ids(r, LiteralContext::Prose),
        Body::Script => super::run(cx, Language::JavaScript, r, depth + 1),
        Body::Json => super::run(cx, Language::Json, r, depth + 1),
    }
    after
}
