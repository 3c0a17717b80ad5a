//! Jupyter notebooks (`.ipynb`): the cells live inside JSON strings. Each code cell's
//! `source` is decoded (JSON escapes), scanned in the notebook's language (from
//! `metadata.kernelspec.language` / `language_info.name`, Python by default; Markdown
//! cells as Markdown), and every span is mapped back to the raw JSON text, so positions
//! are file coordinates of the escaped source. A cell magic names another language for
//! its cell: `%%writefile config.yaml` (by the file name), `%%bash`, `%%sh`.

use super::emit::Cx;
use super::{lang, Language, ScanResult};
use memchr::memchr;
use std::ops::Range;

/// A decoded JSON string with, for each decoded byte, the raw range it came from.
#[derive(Default)]
struct Decoded {
    text: String,
    raw_start: Vec<usize>,
    raw_end: Vec<usize>,
}

impl Decoded {
    fn push_str(&mut self, s: &str, raw: Range<usize>) {
        for _ in 0..s.len() {
            self.raw_start.push(raw.start);
            self.raw_end.push(raw.end);
        }
        self.text.push_str(s);
    }
    /// Append the decoding of raw JSON string content `raw` (between the quotes).
    fn append(&mut self, src: &str, raw: Range<usize>) {
        let b = src.as_bytes();
        let mut i = raw.start;
        while i < raw.end {
            if b[i] == b'\\' && i + 1 < raw.end {
                let (ch, len) = match b[i + 1] {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'u' => {
                        let hex = |at: usize| {
                            src.get(at..at + 4)
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                        };
                        match hex(i + 2) {
                            Some(hi @ 0xD800..=0xDBFF) => {
                                let lo = (src.get(i + 6..i + 8) == Some("\\u"))
                                    .then(|| hex(i + 8))
                                    .flatten();
                                match lo {
                                    Some(lo @ 0xDC00..=0xDFFF) => {
                                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                        (char::from_u32(c).unwrap_or('\u{FFFD}'), 12)
                                    }
                                    _ => ('\u{FFFD}', 6),
                                }
                            }
                            Some(c) => (char::from_u32(c).unwrap_or('\u{FFFD}'), 6),
                            None => ('\u{FFFD}', 2),
                        }
                    }
                    _ => {
                        // `\"`, `\\`, `\/` (or an invalid escape): the next character as is.
                        let ch = src
                            .get(i + 1..)
                            .and_then(|r| r.chars().next())
                            .unwrap_or('\u{FFFD}');
                        (ch, 1 + ch.len_utf8())
                    }
                };
                let len = len.min(raw.end - i);
                let mut buf = [0u8; 4];
                self.push_str(ch.encode_utf8(&mut buf), i..i + len);
                i += len;
            } else {
                let next = memchr(b'\\', &b[i..raw.end]).map_or(raw.end, |k| i + k);
                // Copy the unescaped run; split on char boundaries (the raw text is UTF-8).
                let run = src.get(i..next).unwrap_or("");
                for (k, ch) in run.char_indices() {
                    let mut buf = [0u8; 4];
                    self.push_str(ch.encode_utf8(&mut buf), i + k..i + k + ch.len_utf8());
                }
                i = next.max(i + 1);
            }
        }
    }
    fn map(&self, r: &Range<usize>) -> Range<usize> {
        if self.raw_start.is_empty() {
            return 0..0;
        }
        let last = self.raw_start.len() - 1;
        let s = self.raw_start[r.start.min(last)];
        let e = if r.end > r.start {
            self.raw_end[(r.end - 1).min(last)]
        } else if r.start > last {
            self.raw_end[last]
        } else {
            s
        };
        s..e.max(s)
    }
}

#[derive(Default)]
struct Obj {
    cell_type: Option<String>,
    source: Vec<Range<usize>>,
}

/// Scan a notebook; `cx.text` is the whole JSON file.
pub(crate) fn scan(cx: &mut Cx) {
    let text = cx.text;
    let b = cx.bytes;
    let mut stack: Vec<Obj> = Vec::new();
    let mut language: Option<Language> = None;
    let mut cells: Vec<(String, Vec<Range<usize>>)> = Vec::new();
    // The last key seen and whether we are inside the `source` array.
    let mut last_key: Option<Range<usize>> = None;
    let mut in_source: Option<usize> = None; // depth of the `source` array
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let s = i + 1;
                let mut j = s;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let content = s..j.min(b.len());
                i = j + 1;
                let mut k = i;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if b.get(k) == Some(&b':') {
                    last_key = Some(content);
                    continue;
                }
                let key = last_key.take().and_then(|r| text.get(r));
                if in_source.is_some() {
                    if let Some(o) = stack.last_mut() {
                        o.source.push(content);
                    }
                    continue;
                }
                match key {
                    Some("cell_type") => {
                        if let Some(o) = stack.last_mut() {
                            o.cell_type = text.get(content).map(str::to_string);
                        }
                    }
                    Some("source") => {
                        if let Some(o) = stack.last_mut() {
                            o.source.push(content);
                        }
                    }
                    Some("language") if language.is_none() => {
                        language = text.get(content).and_then(lang::by_id);
                    }
                    _ => {}
                }
                continue;
            }
            b'{' => {
                stack.push(Obj::default());
                depth += 1;
            }
            b'}' => {
                if let Some(o) = stack.pop() {
                    if let Some(t) = o.cell_type {
                        cells.push((t, o.source));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            b'[' => {
                depth += 1;
                if last_key.take().and_then(|r| text.get(r)) == Some("source") {
                    in_source = Some(depth);
                }
            }
            b']' => {
                if in_source == Some(depth) {
                    in_source = None;
                }
                depth = depth.saturating_sub(1);
            }
            b',' => last_key = None,
            _ => {}
        }
        i += 1;
    }
    let code_lang = match language {
        Some(Language::Notebook) | None => Language::Python,
        Some(l) => l,
    };
    for (cell_type, pieces) in cells {
        let lang = match cell_type.as_str() {
            "code" => code_lang,
            "markdown" => Language::Markdown,
            _ => continue,
        };
        let mut d = Decoded::default();
        for p in pieces {
            d.append(text, p);
        }
        if d.text.is_empty() {
            continue;
        }
        let (lang, skip) = match cell_magic(&d.text) {
            Some((l, skip)) if cell_type == "code" => (l, skip),
            _ => (lang, 0),
        };
        let mut sub = super::scan(&d.text[skip..], lang);
        shift(&mut sub, skip);
        merge(&mut cx.res, sub, &d);
    }
}

/// The language a cell magic on the cell's first line gives its body, and where the
/// body starts: `%%writefile [-a] NAME` (by NAME's extension), `%%bash`, `%%sh`.
fn cell_magic(cell: &str) -> Option<(Language, usize)> {
    let rest = cell.strip_prefix("%%")?;
    let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut words = rest[..line_len].split_whitespace();
    let lang = match words.next()? {
        "writefile" | "file" => {
            let name = words.find(|w| !w.starts_with('-'))?;
            lang::by_path(name.trim_matches(['"', '\'']))?
        }
        "bash" | "sh" => Language::Shell,
        _ => return None,
    };
    (lang != Language::Notebook).then_some((lang, 2 + line_len))
}

/// Move the items of a scan of `text[skip..]` to offsets of `text`.
fn shift(sub: &mut ScanResult, skip: usize) {
    let mv = |r: &mut Range<usize>| *r = r.start + skip..r.end + skip;
    for l in &mut sub.literals {
        mv(&mut l.span);
        mv(&mut l.content);
    }
    for r in &mut sub.regions {
        mv(&mut r.span);
    }
    for ig in &mut sub.ignores {
        mv(&mut ig.applies_to);
        mv(&mut ig.span);
        mv(&mut ig.removal);
    }
}

fn merge(out: &mut ScanResult, sub: ScanResult, d: &Decoded) {
    for mut l in sub.literals {
        l.span = d.map(&l.span);
        l.content = d.map(&l.content);
        out.literals.push(l);
    }
    for mut r in sub.regions {
        r.span = d.map(&r.span);
        out.regions.push(r);
    }
    for mut ig in sub.ignores {
        ig.applies_to = d.map(&ig.applies_to);
        ig.span = d.map(&ig.span);
        ig.removal = d.map(&ig.removal);
        out.ignores.push(ig);
    }
}
