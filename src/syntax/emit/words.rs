//! Word by word: shell and Dockerfile words (`--env KEY=VALUE`, `export`), and the IDs
//! in comments and prose (a sentence-ending `.` is not part of an ID).

use super::*;

impl<'t> Cx<'t> {
    /// ID-shaped words in comments and prose.
    pub fn prose_ids(&mut self, r: Range<usize>, ctx: LiteralContext) {
        let b = self.bytes;
        let end = r.end.min(b.len());
        let mut i = r.start;
        while i < end {
            let Some(d) = simd::find_in(b, i, end, [b'.']) else {
                break;
            };
            let mut s = d;
            while s > r.start && is_tok(b[s - 1]) {
                s -= 1;
            }
            let mut e = d + 1;
            while e < end && is_tok(b[e]) {
                e += 1;
            }
            i = e.max(d + 1);
            while e > s && matches!(b[e - 1], b'.' | b':' | b',' | b'-' | b'/' | b'_') {
                e -= 1;
            }
            while s < e && matches!(b[s], b'.' | b':' | b'-' | b'/' | b'_') {
                s += 1;
            }
            let Some(word) = self.text.get(s..e) else {
                continue;
            };
            if self.memo.check(word) {
                self.push(s..e, s..e, ctx, None, false, false);
            } else if let Some(p) = (word.len() > 18)
                .then(|| memchr::memrchr(b'/', word.as_bytes()))
                .flatten()
            {
                // `foundation-model/anthropic.…` (an ARN's resource without its head).
                let w = word.as_bytes();
                let seg = memchr::memrchr2(b'/', b':', &w[..p]).map_or(0, |i| i + 1);
                let id = s + p + 1..e;
                if resource_prefix(&w[seg..]) == p + 1 - seg
                    && self
                        .text
                        .get(id.clone())
                        .is_some_and(|w| self.memo.check(w))
                {
                    self.push(id.clone(), id, ctx, None, false, false);
                }
            }
        }
    }

    /// Unquoted words (shell, Dockerfile): `--model-id x`, `NAME=value`, `ENV NAME value`.
    pub(super) fn words(&mut self, r: Range<usize>) {
        let b = self.bytes;
        let mut i = r.start;
        while i < r.end {
            let c = b[i];
            if c == b'\n' {
                let cont = i > 0
                    && b[..i]
                        .iter()
                        .rev()
                        .find(|c| !matches!(c, b' ' | b'\t' | b'\r'))
                        == Some(&b'\\');
                if cont {
                    self.barrier(i, i + 1);
                } else {
                    self.words.flag = None;
                    self.words.docker = 0;
                    self.words.line_start = true;
                }
                i += 1;
                continue;
            }
            if is_word_sep(c) {
                i += 1;
                continue;
            }
            let s = i;
            // Where the word ends, and whether it holds `=` or `.` (else it is a plain
            // word, see `word`).
            let (e, eq_dot) =
                simd::word_end(b, i, r.end, |c| WORD_CLASS[c as usize] & (SEP | NL) != 0);
            i = e;
            let glued = i == r.end && r.end < b.len() && matches!(b[r.end], b'"' | b'\'');
            self.word(s..i, eq_dot, glued);
        }
    }

    /// `NAME=value` pairs in one shell word or string, separated by `,`: `-e
    /// "MODEL_ID=…"`, `--set-env-vars A=1,MODEL_ID=…`, `--environment
    /// "Variables={MODEL_ID=…}"`. Each value is read under its own name; returns whether
    /// `r` held a pair.
    pub(super) fn env_pairs(&mut self, r: Range<usize>) -> bool {
        let (b, text) = (self.bytes, self.text);
        let mut any = false;
        let mut p = r.start;
        while p < r.end {
            let part_end = simd::find_in(b, p, r.end, [b',']).unwrap_or(r.end);
            if let Some(eq) = simd::find_in(b, p, part_end, [b'=']) {
                let mut ns = eq;
                while ns > p && is_word(b[ns - 1]) {
                    ns -= 1;
                }
                let head_ok = ns == p || b[ns - 1] == b'{';
                if ns < eq && head_ok && !b[ns].is_ascii_digit() {
                    // The `}` that closes `Variables={…}` (not one of `${…}`).
                    let mut ve = part_end;
                    let opens = b[eq + 1..ve].iter().filter(|&&c| c == b'{').count();
                    let mut closes = b[eq + 1..ve].iter().filter(|&&c| c == b'}').count();
                    while ve > eq + 1 && b[ve - 1] == b'}' && closes > opens {
                        ve -= 1;
                        closes -= 1;
                    }
                    let name = text.get(ns..eq).unwrap_or("");
                    let key = self.keys.classify(name).map(|kind| KeyHit { name, kind });
                    // A form body (`model=…&x=1`) or a sentence is no list of variables.
                    if simd::any_in(b, eq + 1, ve, *b" &") {
                        return any;
                    }
                    self.value(eq + 1..ve, false, false, key);
                    any = true;
                }
            }
            p = part_end + 1;
        }
        any
    }

    /// `eq_dot`: the word holds `=` or `.`.
    pub(super) fn word(&mut self, w: Range<usize>, eq_dot: bool, glued_to_string: bool) {
        let wb = &self.bytes[w.clone()];
        if self.words.flag.is_none() && !self.dockerfile && wb.first() != Some(&b'-') && !eq_dot {
            self.words.line_start = false;
            return; // A plain word: a command or an argument.
        }
        let Some(word) = self.text.get(w.clone()) else {
            return;
        };
        let line_start = std::mem::replace(&mut self.words.line_start, false);
        if let Some(k) = self.words.flag.take() {
            if !word.starts_with('-') {
                self.value(w, false, false, Some(k));
                return;
            }
        }
        if self.dockerfile {
            if line_start && (word.eq_ignore_ascii_case("env") || word.eq_ignore_ascii_case("arg"))
            {
                self.words.docker = 1;
                return;
            }
            if self.words.docker == 2 {
                self.words.docker = 0;
                let k = self.words.docker_name.take();
                self.value(w, false, false, k);
                return;
            }
        }
        if let Some(eq) = simd::find_in(self.bytes, w.start, w.end, [b'=']).map(|e| e - w.start) {
            let name = &word[..eq];
            let v = w.start + eq + 1..w.end;
            let key = self.keys.classify(name).map(|kind| KeyHit { name, kind });
            if v.is_empty() && glued_to_string {
                return; // `NAME="…"`: the string token reads its own key.
            }
            // `--env=MODEL_ID=…`, `--set-env-vars A=1,MODEL_ID=…`: a list of pairs.
            if simd::any_in(self.bytes, v.start, v.end, [b'=']) {
                let list = if key.is_none() { v.clone() } else { w.clone() };
                if (key.is_none() || simd::any_in(self.bytes, v.start, v.end, [b',']))
                    && self.env_pairs(list)
                {
                    self.words.docker = 0;
                    return;
                }
            }
            self.value(v, false, false, key);
            self.words.docker = 0;
            return;
        }
        if word.starts_with('-') {
            self.words.flag = self
                .keys
                .classify(word)
                .filter(|_| word.starts_with("--"))
                .map(|kind| KeyHit { name: word, kind });
            return;
        }
        if self.dockerfile && self.words.docker == 1 {
            self.words.docker = 2;
            self.words.docker_name = self
                .keys
                .classify(word)
                .map(|kind| KeyHit { name: word, kind });
            return;
        }
        self.value(w, false, false, None);
    }
}

/// The length of a leading `foundation-model/` or `inference-profile/` (after any
/// `:`): an ARN's resource without the ARN's head, whose ID is the part after it.
#[inline]
pub(super) fn resource_prefix(b: &[u8]) -> usize {
    let colons = b.iter().take_while(|&&c| c == b':').count();
    let rest = &b[colons..];
    // Most values start with neither `f` nor `i`: one byte test first.
    if !matches!(rest.first().map(|c| c | 0x20), Some(b'f' | b'i')) {
        return 0;
    }
    for p in [&b"foundation-model/"[..], b"inference-profile/"] {
        if rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p) {
            return colons + p.len();
        }
    }
    0
}

/// Where the ID starts in an ARN `r` that is not a model ARN itself (a wildcard region
/// or account: `arn:aws:bedrock:*::foundation-model/anthropic.…`): after its
/// `:foundation-model/` or `:inference-profile/`.
pub(super) fn arn_resource_id(b: &[u8], r: Range<usize>) -> Option<usize> {
    if !simd::any_in(b, r.start, r.end, [b'*']) {
        return None; // Other ARNs are read whole.
    }
    let slash = simd::find_in(b, r.start, r.end, [b'/'])?;
    let colon = memchr::memrchr(b':', &b[r.start..slash])? + r.start;
    (resource_prefix(&b[colon..r.end]) == slash + 1 - colon).then_some(slash + 1)
}

pub(super) fn is_word_sep(c: u8) -> bool {
    WORD_CLASS[c as usize] & SEP != 0
}

/// [`WORD_CLASS`] bits: a word separator, a newline.
pub(super) const SEP: u8 = 1;

pub(super) const NL: u8 = 2;

/// The shell word reader's byte classes as a table (every byte that ends a word is one
/// [`simd::word_end`] looks at: at most 0x20, or one of ``;|&()<>` ``).
pub(super) static WORD_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t' | b'\r' | b';' | b'|' | b'&' | b'(' | b')' | b'<' | b'>' | b'`' => SEP,
            b'\n' => NL,
            _ => 0,
        };
        b += 1;
    }
    t
};

pub(super) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

pub(super) fn is_tok(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'/')
}
