//! The sink every reader feeds: it turns strings, unquoted values, comments and prose
//! into [`Literal`]s, [`RegionMention`]s and [`IgnoreDirective`]s. This is where the
//! shared decisions live, so every language gets the same ones:
//!
//! - a string under a model key is a `Key` literal whatever it holds (analysis decides
//!   what a non-Bedrock value means); any other string only when
//!   [`looks_like_model_id`] says it has a Bedrock shape;
//! - interpolations (`${…}`, `{…}`, `#{…}`, `$name`, `%s`) split a string into visible
//!   pieces: an ID after an interpolation has an unknown profile scope
//!   (`scope_interpolated`), an ID piece followed by one is `incomplete`, as is a string
//!   joined with `+` (or PHP `.`) to something after it;
//! - a framework's prefix (`bedrock/`, `bedrock_converse/`, `bedrock:`, `amazon-bedrock/`,
//!   see [`crate::catalog::framework`]) is left out of the span;
//! - comments and prose are searched word by word (a sentence-ending `.` is not part of
//!   an ID) and give `Comment`/`Prose` literals only.

use super::code;
use super::keys::{self, is_region, key_before, KeyHit, KeyKind, KeyMemo, Prev};
use super::simd;
use super::{IgnoreDirective, Literal, LiteralContext, RegionMention, ScanResult, ShortName};
use crate::catalog::framework;
use crate::catalog::id::{looks_like_model_id, PROFILE_SCOPES, PROVIDERS};
use memchr::{memchr, memmem};
use std::ops::Range;

/// A string token found by a lexer.
#[derive(Debug, Clone)]
pub(crate) struct StrTok {
    /// Where the literal starts (its prefix such as `f`, `r#`, `@`, or the quote).
    pub open: usize,
    /// Between the quotes.
    pub content: Range<usize>,
    /// After the closing quote.
    pub close_end: usize,
    /// Docstring or heredoc: text, not a value.
    pub prose: bool,
    pub heredoc: bool,
    /// A Python f-string (or t-string): `{…}` is a replacement field whatever it holds
    /// (`{os.environ['AWS_REGION']}`).
    pub fstring: bool,
}

/// State of the unquoted-word reader for shell and Dockerfiles.
#[derive(Debug, Default)]
pub(crate) struct Words<'t> {
    /// The previous word was `--model-id`, `--region` …
    flag: Option<KeyHit<'t>>,
    /// Dockerfile `ENV NAME value`: 1 = after `ENV`, 2 = after the name.
    docker: u8,
    docker_name: Option<KeyHit<'t>>,
    line_start: bool,
}

pub(crate) struct Cx<'t> {
    pub text: &'t str,
    pub bytes: &'t [u8],
    pub res: ScanResult,
    pub prev: Option<Prev>,
    pub concat_dot: bool,
    /// Read unquoted words in the gaps between strings (shell, Dockerfile).
    pub shell_words: bool,
    pub dockerfile: bool,
    /// Look for SDK region constants (`Region.US_EAST_1`, `RegionEndpoint.USEast1`).
    pub sdk_regions: bool,
    /// Collect the ranges of every string and comment (for completion).
    pub opaque: Option<Vec<Range<usize>>>,
    /// The top-level reader stops before anything that starts at or after this offset
    /// (a line start; `usize::MAX` = read to the end). See [`super::rescan`].
    pub stop: usize,
    /// Above zero while reading inside a token (a fence body, JSON in a string, a YAML
    /// `run: |` block): restart points are only recorded, and `stop` only applies, at
    /// the top level.
    pub nested: usize,
    words: Words<'t>,
    memo: ShapeMemo,
    /// Key-name classifications (see [`KeyMemo`]).
    pub keys: KeyMemo,
    /// The pieces of the interpolated string being read (see [`segments`]).
    segs: Vec<Seg>,
    /// The string being read is a Python f-string (see [`StrTok::fstring`]).
    fstring: bool,
    directive: memmem::Finder<'static>,
    region_finder: memmem::Finder<'static>,
    /// `nested` when the outermost document (Markdown, reStructuredText, AsciiDoc)
    /// being read began: what is read deeper is one of its code samples.
    document_level: Option<usize>,
}

impl<'t> Cx<'t> {
    pub fn new(text: &'t str) -> Self {
        Cx {
            text,
            bytes: text.as_bytes(),
            res: ScanResult::default(),
            prev: None,
            concat_dot: false,
            shell_words: false,
            dockerfile: false,
            sdk_regions: false,
            opaque: None,
            stop: usize::MAX,
            nested: 0,
            memo: ShapeMemo::default(),
            keys: KeyMemo::default(),
            segs: Vec::new(),
            fstring: false,
            words: Words {
                line_start: true,
                ..Words::default()
            },
            directive: memmem::Finder::new("bedrock-lsp"),
            region_finder: memmem::Finder::new("Region"),
            document_level: None,
        }
    }

    /// Read a document (Markdown, reStructuredText, AsciiDoc) with `f`: the code
    /// samples it holds are marked as such (see [`IgnoreDirective::example`]).
    pub fn in_document(&mut self, f: impl FnOnce(&mut Self)) {
        let saved = self.document_level;
        if saved.is_none() {
            self.document_level = Some(self.nested);
        }
        f(self);
        self.document_level = saved;
    }

    /// Line starts `ls` with `a < ls <= b` are not safe restart points (see
    /// [`ScanResult::multiline`]). Only recorded at the top level.
    #[inline]
    pub fn barrier(&mut self, a: usize, b: usize) {
        if self.nested == 0 && a < b {
            self.res.multiline.push(a..b);
        }
    }

    /// Where the top-level reader stops (see `stop`); nested readers never stop early.
    #[inline]
    pub fn stop_at(&self) -> usize {
        if self.nested == 0 {
            self.stop
        } else {
            usize::MAX
        }
    }

    /// Start a nested reader (a fence body, a YAML `run: |` block) with a fresh word
    /// state; give the result to [`Cx::restore_words`] afterwards.
    pub fn fresh_words(&mut self) -> Words<'t> {
        std::mem::replace(
            &mut self.words,
            Words {
                line_start: true,
                ..Words::default()
            },
        )
    }

    pub fn restore_words(&mut self, w: Words<'t>) {
        self.words = w;
    }

    /// Read `r` with the shell rules (unquoted words too), nested in the current token
    /// (a YAML `run: |` block, Markdown inline code).
    pub fn nested_shell(&mut self, r: Range<usize>) {
        let saved = (self.shell_words, self.prev.take());
        self.shell_words = true;
        self.nested += 1;
        let words = self.fresh_words();
        code::lex(self, &super::lang::SHELL, r.start, r.end);
        self.restore_words(words);
        self.nested -= 1;
        (self.shell_words, self.prev) = saved;
    }

    /// `r` holds one word with the shape of a Bedrock ID (what a value needs outside a
    /// model key).
    pub fn id_shaped(&mut self, r: Range<usize>) -> bool {
        self.text.get(r).is_some_and(|w| self.memo.check(w))
    }

    /// Read `from..to` with the JSON rules, nested in the current token.
    fn nested_json(&mut self, from: usize, to: usize) {
        let saved = self.prev.take();
        self.nested += 1;
        code::lex(self, &super::lang::JSON, from, to);
        self.nested -= 1;
        self.prev = saved;
    }

    #[inline(always)]
    pub fn string(&mut self, tok: StrTok) {
        if let Some(o) = &mut self.opaque {
            o.push(tok.open..tok.close_end);
        }
        self.words.flag = None;
        let content = tok.content.clone();
        if content.start > content.end || content.end > self.bytes.len() {
            return;
        }
        if tok.prose {
            let body = trim_range(self.bytes, content.clone());
            if tok.heredoc && matches!(self.bytes.get(body.start), Some(b'{' | b'[')) {
                // JSON in a heredoc (an IAM policy, a request body): read it as JSON.
                self.nested_json(content.start, content.end);
            } else {
                self.prose_ids(content, LiteralContext::Prose);
            }
            return;
        }
        let first = self.bytes.get(content.start).copied().unwrap_or(0);
        if matches!(first, b'{' | b'[' | b' ' | b'\t' | b'\r' | b'\n')
            && self.json_inside(content.clone())
        {
            self.nested_json(content.start, content.end);
            return;
        }
        let key = key_before(self.text, tok.open, self.prev, &mut self.keys);
        self.prev = Some(Prev {
            open: tok.open,
            content_start: content.start,
            content_end: content.end,
            close_end: tok.close_end,
        });
        if key.is_none()
            && self.shell_words
            && self
                .bytes
                .get(content.start)
                .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
            && self.env_pairs(content.clone())
        {
            return; // `-e "MODEL_ID=…"`: each value under its own name.
        }
        if key.is_none() && !simd::any_in(self.bytes, content.start, content.end, [b'.']) {
            return; // Neither under a key nor able to hold an ID.
        }
        let before = self.concat_before(tok.open);
        let after = self.concat_after(tok.close_end);
        self.fstring = tok.fstring;
        self.value_checked(content, true, before, after, key);
        self.fstring = false;
    }

    /// A string that holds a JSON document with unescaped quotes (a Go/JS backtick
    /// string, a Rust raw string, a Java text block, a heredoc): read it as JSON.
    fn json_inside(&self, content: Range<usize>) -> bool {
        let t = trim_range(self.bytes, content);
        let b = &self.bytes[t.clone()];
        let escaped_quote = || {
            let mut from = t.start;
            while let Some(p) = simd::find_in(self.bytes, from, t.end, [b'\\']) {
                if p + 1 < t.end && self.bytes[p + 1] == b'"' {
                    return true;
                }
                from = p + 1;
            }
            false
        };
        b.len() >= 2
            && matches!(b[0], b'{' | b'[')
            && matches!(b[b.len() - 1], b'}' | b']')
            && simd::any_in(self.bytes, t.start, t.end, [b'"'])
            && !escaped_quote()
    }

    pub fn comment(&mut self, r: Range<usize>) {
        if let Some(o) = &mut self.opaque {
            o.push(r.clone());
        }
        self.directives(r.clone());
        self.prose_ids(r, LiteralContext::Comment);
    }

    /// Code between tokens (called for every token: kept inline in the lexer loop).
    #[inline(always)]
    pub fn gap(&mut self, r: Range<usize>) {
        if self.shell_words && r.start < r.end && r.end <= self.bytes.len() {
            self.words(r);
        }
    }

    /// A value (string content or unquoted value) with the key it sits under, if any.
    pub fn value(
        &mut self,
        content: Range<usize>,
        before: bool,
        after: bool,
        key: Option<KeyHit<'t>>,
    ) {
        self.value_checked(content, false, before, after, key)
    }

    /// [`Cx::value`]; `checked`: the caller has made sure that there is a key or a `.`.
    fn value_checked(
        &mut self,
        content: Range<usize>,
        checked: bool,
        before: bool,
        after: bool,
        key: Option<KeyHit<'t>>,
    ) {
        let Some(c) = self.text.get(content.clone()) else {
            return;
        };
        let key = match key {
            Some(k) if k.kind == KeyKind::Region => {
                if simd::any_in(self.bytes, content.start, content.end, [b'$']) {
                    // `${AWS_REGION:-us-east-1}`: the default is the region.
                    self.parameter_defaults(content.clone(), None);
                }
                let t = trim_range(self.bytes, content);
                if let Some(r) = self.text.get(t.clone()) {
                    if is_region(r) {
                        self.res.regions.push(RegionMention {
                            span: t,
                            region: ShortName::new(r),
                        });
                    }
                }
                return;
            }
            Some(k) => Some(k.name),
            None => None,
        };
        let (b, cs, ce) = (self.bytes, content.start, content.end);
        if !checked && key.is_none() && !simd::any_in(b, cs, ce, [b'.']) {
            return;
        }
        let ctx = if key.is_some() {
            LiteralContext::Key
        } else {
            LiteralContext::Value
        };
        // The pieces go to a buffer kept in `self` (no allocation per interpolated string).
        let mut segs = std::mem::take(&mut self.segs);
        let interpolated = simd::any_in(b, cs, ce, *b"$#{%") && {
            segments(c.as_bytes(), &mut segs, self.fstring);
            segs.len() > 1 || segs[0].preceded || segs[0].followed
        };
        if interpolated {
            self.interpolated(content.clone(), &segs, before, after, key, ctx);
        }
        self.segs = segs;
        if !interpolated {
            let t = trim_range(self.bytes, content.clone());
            let mut s = t.start;
            if before && self.bytes.get(s) == Some(&b'.') {
                s += 1;
            }
            let resource = resource_prefix(&self.bytes[s..t.end]);
            s += resource;
            if key.is_none() && self.bytes[s..t.end].starts_with(b"arn:") {
                // An ARN with a wildcard region or account (an IAM policy's
                // `arn:aws:bedrock:*::foundation-model/…`): the ID after the resource type.
                s = arn_resource_id(self.bytes, s..t.end).unwrap_or(s);
            }
            let cand = self.text.get(s..t.end).unwrap_or("");
            // Under a key the shape does not matter: no check (the memo is only a cache).
            if key.is_some() || self.memo.check(cand) {
                let incomplete = after
                    || matches!(
                        cand.as_bytes().last(),
                        Some(b'-' | b'.' | b':' | b'_' | b'/')
                    );
                // After `inference-profile/` the scope is visible (`"…:" + "inference-profile/us.…"`).
                let scope = before && resource == 0;
                self.push(s..t.end, content, ctx, key, scope, incomplete);
            } else if simd::any_in(b, cs, ce, *b" \n") {
                self.prose_ids(content, LiteralContext::Prose);
            }
        }
    }

    /// [`Cx::value_checked`] for a value split by interpolations into `segs`.
    fn interpolated(
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
    fn parameter_defaults(&mut self, content: Range<usize>, outer: Option<&'t str>) -> bool {
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

    fn push(
        &mut self,
        span: Range<usize>,
        content: Range<usize>,
        context: LiteralContext,
        key: Option<&str>,
        scope_interpolated: bool,
        incomplete: bool,
    ) {
        let mut start = span.start;
        let mut scope_interpolated = scope_interpolated;
        // A framework's prefix (`bedrock/`, `bedrock:`, `amazon-bedrock/` …) is left out
        // of the span; where the framework adds the profile scope itself, the scope is
        // not the source's to give.
        if let Some((n, p)) = self.text.get(span.clone()).and_then(framework::strip) {
            start += n;
            scope_interpolated |= p.adds_scope;
        }
        self.res.literals.push(Literal {
            span: start..span.end,
            content,
            context,
            key: key.map(ShortName::new),
            scope_interpolated,
            incomplete,
        });
    }

    fn concat_before(&self, open: usize) -> bool {
        let b = self.bytes;
        let mut i = open;
        while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        if i == 0 {
            return false;
        }
        match b[i - 1] {
            b'+' => !(i >= 2 && b[i - 2] == b'+'),
            b'.' if self.concat_dot => i < open,
            b'}' | b'$' if self.shell_words => i == open,
            _ => false,
        }
    }

    fn concat_after(&self, close_end: usize) -> bool {
        let b = self.bytes;
        let mut i = close_end;
        if self.shell_words && matches!(b.get(i), Some(b'$')) {
            return true;
        }
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        match b.get(i) {
            Some(b'+') => !matches!(b.get(i + 1), Some(b'+' | b'=')),
            Some(b'.') if self.concat_dot => {
                i > close_end || matches!(b.get(i + 1), Some(b' ' | b'$'))
            }
            _ => false,
        }
    }

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

    /// Every directive in the comment `r` (a block comment may hold one per line).
    fn directives(&mut self, r: Range<usize>) {
        let mut from = r.start;
        while let Some(next) = self.directive_from(r.clone(), from) {
            from = next;
        }
    }

    /// The first directive in the comment `r` from `from` on, if any; where to look
    /// for the next one.
    fn directive_from(&mut self, r: Range<usize>, from: usize) -> Option<usize> {
        let b = self.bytes;
        // Comments are short: a `memmem` search costs more there than looking at each
        // `b` (a searcher is kept for long ones).
        let found = if r.end - from <= 256 {
            simd::find_seq(b, from, r.end, b"bedrock-lsp").map(|h| h - from)
        } else {
            self.directive.find(&b[from..r.end])
        };
        let k = found?;
        let next = from + k + "bedrock-lsp".len();
        let mut j = next;
        let skip = |j: &mut usize| {
            while *j < r.end && matches!(b[*j], b' ' | b'\t') {
                *j += 1;
            }
        };
        skip(&mut j);
        if b.get(j) != Some(&b':') {
            return Some(next);
        }
        j += 1;
        skip(&mut j);
        if !b[j.min(r.end)..r.end].starts_with(b"ignore") {
            return Some(next);
        }
        j += "ignore".len();
        if b.get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
        {
            return Some(next);
        }
        let mut codes = Vec::new();
        let mut directive_end = j;
        skip(&mut j);
        if b.get(j) == Some(&b'[') {
            if let Some(e) = memchr(b']', &b[j..r.end]) {
                if let Some(list) = self.text.get(j + 1..j + e) {
                    codes = list
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    directive_end = j + e + 1;
                }
            }
        }
        let at = from + k;
        let removal = directive_removal(b, r.clone(), at..directive_end);
        let ls = line_start(b, at);
        let le = line_end(b, at);
        let before_ws = b[ls..r.start.max(ls)]
            .iter()
            .all(|c| c.is_ascii_whitespace());
        let after_ws = r.end >= le || b[r.end..le].iter().all(|c| c.is_ascii_whitespace());
        let end = if before_ws && after_ws && le < b.len() {
            line_end(b, le)
        } else {
            le
        };
        self.res.ignores.push(IgnoreDirective {
            applies_to: ls..end,
            codes,
            span: at..directive_end,
            removal,
            example: self.document_level.is_some_and(|n| self.nested > n)
                || quoted(b, r.start.max(ls), at),
        });
        Some(directive_end.max(next))
    }

    /// SDK region constants over `r` (one `memmem` pass).
    pub fn sdk_region_constants(&mut self, r: Range<usize>) {
        let b = self.bytes;
        let mut from = r.start;
        while let Some(k) = self.region_finder.find(&b[from..r.end]) {
            let h = from + k;
            from = h + 6;
            if h > 0 && is_word(b[h - 1]) {
                continue;
            }
            let mut j = h + 6;
            for suffix in [&b"Endpoint"[..], b"s"] {
                if b[j..r.end].starts_with(suffix) {
                    j += suffix.len();
                    break;
                }
            }
            if b[j..r.end].starts_with(b"::") {
                j += 2;
            } else if b[j..r.end].starts_with(b".") {
                j += 1;
            } else {
                continue;
            }
            let s = j;
            while j < r.end && is_word(b[j]) {
                j += 1;
            }
            if let Some(region) = self.text.get(s..j).and_then(keys::region_from_constant) {
                self.res.regions.push(RegionMention {
                    span: s..j,
                    region: ShortName::new(&region),
                });
            }
        }
    }

    /// Unquoted words (shell, Dockerfile): `--model-id x`, `NAME=value`, `ENV NAME value`.
    fn words(&mut self, r: Range<usize>) {
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
    fn env_pairs(&mut self, r: Range<usize>) -> bool {
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
    fn word(&mut self, w: Range<usize>, eq_dot: bool, glued_to_string: bool) {
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
fn resource_prefix(b: &[u8]) -> usize {
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
fn arn_resource_id(b: &[u8], r: Range<usize>) -> Option<usize> {
    if !simd::any_in(b, r.start, r.end, [b'*']) {
        return None; // Other ARNs are read whole.
    }
    let slash = simd::find_in(b, r.start, r.end, [b'/'])?;
    let colon = memchr::memrchr(b':', &b[r.start..slash])? + r.start;
    (resource_prefix(&b[colon..r.end]) == slash + 1 - colon).then_some(slash + 1)
}

fn is_word_sep(c: u8) -> bool {
    WORD_CLASS[c as usize] & SEP != 0
}

/// [`WORD_CLASS`] bits: a word separator, a newline.
const SEP: u8 = 1;
const NL: u8 = 2;

/// The shell word reader's byte classes as a table (every byte that ends a word is one
/// [`simd::word_end`] looks at: at most 0x20, or one of ``;|&()<>` ``).
static WORD_CLASS: [u8; 256] = {
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

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_tok(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'/')
}

/// A word worth parsing: starts with a provider, a profile scope, `arn:` or the first
/// segment of a framework prefix (`bedrock`, `bedrock_converse`, `gateway`, `amazon-bedrock`).
/// Cheap (no allocation), so it runs before the full parse on every candidate.
pub(crate) fn id_prefilter(w: &str) -> bool {
    let end = w
        .bytes()
        .position(|b| matches!(b, b'.' | b':' | b'/'))
        .unwrap_or(w.len());
    let first = &w[..end];
    if first.is_empty() || first.len() > 31 {
        return false;
    }
    let f0 = first.as_bytes()[0].to_ascii_lowercase();
    // One table lookup rejects almost every word before the list comparisons.
    if FIRST_SEGMENTS[f0 as usize] & (1 << first.len()) == 0 {
        return false;
    }
    let is =
        |c: &&str| c.len() == first.len() && c.as_bytes()[0] == f0 && c.eq_ignore_ascii_case(first);
    PROVIDERS.iter().any(is)
        || PROFILE_SCOPES.iter().any(is)
        || first.eq_ignore_ascii_case("arn")
        || framework::FIRST_SEGMENTS.iter().any(is)
}

/// For each lower-case first byte, the lengths (bit `n` for `n` bytes) of the first
/// segments that [`id_prefilter`] accepts: providers, profile scopes, `arn`, the first
/// segments of framework prefixes.
static FIRST_SEGMENTS: [u32; 256] = {
    let mut t = [0u32; 256];
    let lists: [&[&str]; 4] = [
        PROVIDERS,
        PROFILE_SCOPES,
        &["arn"],
        framework::FIRST_SEGMENTS,
    ];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let w = lists[l][i].as_bytes();
            assert!(!w.is_empty() && w.len() < 32);
            {
                t[w[0].to_ascii_lowercase() as usize] |= 1 << w.len();
            }
            i += 1;
        }
        l += 1;
    }
    t
};

/// The shape check for a literal outside a model key: [`maybe_shaped`] (a few byte
/// tests that reject `meta.json`, `v1.2`, words), then the full [`looks_like_model_id`]
/// parse (several hundred instructions) for what is left.
#[inline]
fn shaped(w: &str) -> bool {
    maybe_shaped(w) && looks_like_model_id(w)
}

/// The last few answers of [`shaped`] for ID-length strings: files repeat their IDs.
/// Inline, no allocation; a miss costs a few length comparisons.
struct ShapeMemo {
    keys: [[u8; 64]; 4],
    lens: [u8; 4],
    heads: [u64; 4],
    vals: [bool; 4],
    next: usize,
}

impl Default for ShapeMemo {
    fn default() -> Self {
        ShapeMemo {
            keys: [[0; 64]; 4],
            lens: [0; 4],
            heads: [0; 4],
            vals: [false; 4],
            next: 0,
        }
    }
}

impl ShapeMemo {
    #[inline]
    fn check(&mut self, w: &str) -> bool {
        let b = w.as_bytes();
        // No provider, profile scope, `arn` or `bedrock` starts with this letter: no ID
        // (the commonest answer, without touching the memo).
        match b.first() {
            Some(&c) if FIRST_SEGMENTS[c.to_ascii_lowercase() as usize] != 0 => {}
            _ => return false,
        }
        if b.len() < 12 || b.len() > 64 {
            return shaped(w);
        }
        // The first 8 bytes reject most entries without a `memcmp` call.
        let head = u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]));
        for i in 0..4 {
            if self.lens[i] as usize == b.len()
                && self.heads[i] == head
                && same_bytes(&self.keys[i][..b.len()], b)
            {
                return self.vals[i];
            }
        }
        let v = shaped(w);
        let k = self.next;
        self.keys[k][..b.len()].copy_from_slice(b);
        self.lens[k] = b.len() as u8;
        self.heads[k] = head;
        self.vals[k] = v;
        self.next = (k + 1) % 4;
        v
    }
}

/// `a == b` for two slices of the same length, 8 to 64 bytes: eight bytes at a time
/// (the last word overlapping), inline (no `memcmp` call for a 40-byte ID).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() || n < 8 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| simd::le_word(s, at, 8);
    let mut at = 0;
    while at + 8 <= n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    at == n || word(a, n - 8) == word(b, n - 8)
}

/// The shape check for a candidate outside a model key. Before the full parse, three
/// necessary conditions that cost little: a first segment that a provider, profile
/// scope, `arn` or `bedrock` starts; something after the first `.` that a model name
/// has (`-`, `:` or a digit), so `meta.json` stops here; only ID characters.
fn maybe_shaped(w: &str) -> bool {
    let b = w.as_bytes();
    let id_chars = || {
        b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b':' | b'/'))
    };
    // Cheapest test first: most words fail at the first segment.
    match simd::find_in(b, 0, b.len(), [b'.']) {
        None => b.starts_with(b"arn:") && id_chars(),
        Some(dot) => {
            id_prefilter(w)
                && b[dot + 1..]
                    .iter()
                    .any(|&c| c == b'-' || c == b':' || c.is_ascii_digit())
                && id_chars()
        }
    }
}

/// Calls `line(cx, start, end)` for each line of `range` up to [`Cx::stop_at`]; `end`
/// excludes the line break (`\n` or `\r\n`). For readers that see one line at a time.
pub(crate) fn each_line(
    cx: &mut Cx,
    range: Range<usize>,
    mut line: impl FnMut(&mut Cx, usize, usize),
) {
    let end = range.end.min(cx.bytes.len());
    let stop = cx.stop_at();
    let mut ls = range.start;
    while ls < end && ls < stop {
        let b = cx.bytes;
        let next = simd::find_in(b, ls, end, [b'\n']).map_or(end, |i| i + 1);
        let mut le = next;
        while le > ls && matches!(b[le - 1], b'\n' | b'\r') {
            le -= 1;
        }
        line(cx, ls, le);
        ls = next;
    }
}

pub(crate) fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1)
}

/// The end of the line containing `at`, after its newline (or the end of the text).
pub(crate) fn line_end(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i + 1)
}

/// Is the directive at `at` quoted in its comment (from `from`, on its line): right
/// after a quote, or inside a `` `code` `` span?
fn quoted(b: &[u8], from: usize, at: usize) -> bool {
    let before = &b[from.min(at)..at];
    matches!(before.last(), Some(b'"' | b'\'' | b'`'))
        || memchr::memchr_iter(b'`', before).count() % 2 == 1
}

/// What to delete to take the directive at `span` out of the comment `comment` (see
/// [`IgnoreDirective::removal`]). Only comment leaders (`#`, `//`, `/*`, `--`, `;`,
/// `<!--`, `%`, `'`, `..`, `{#` …) and blanks before it and closers (`*/`, `-->`, `#}`
/// …) after it: the whole comment goes.
fn directive_removal(b: &[u8], comment: Range<usize>, span: Range<usize>) -> Range<usize> {
    let blank = |c: &u8| matches!(c, b' ' | b'\t');
    // A reader may end a line comment after its line break: not part of it here.
    let mut end = comment.end.min(b.len());
    while end > span.end && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let comment = comment.start..end;
    let leader = |c: &u8| c.is_ascii_whitespace() || b"#/*-;!<%'.[{".contains(c);
    let closer = |c: &u8| c.is_ascii_whitespace() || b"*/->]}#".contains(c);
    let before = &b[comment.start..span.start];
    let after = &b[span.end..comment.end];
    if !before.is_empty() && before.iter().all(leader) && after.iter().all(closer) {
        let ls = line_start(b, comment.start);
        let le = memchr(b'\n', &b[comment.end..]).map_or(b.len(), |i| comment.end + i);
        let le = if le > comment.end && b[le - 1] == b'\r' {
            le - 1
        } else {
            le
        };
        let alone_before = b[ls..comment.start].iter().all(blank);
        let alone_after = b[comment.end..le].iter().all(blank);
        if alone_before && alone_after {
            // The whole line, with its line break.
            return ls..line_end(b, comment.end);
        }
        let mut e = comment.end;
        while e < le && blank(&b[e]) {
            e += 1;
        }
        if alone_after {
            // After code: with the blanks between the code and the comment.
            let mut s = comment.start;
            while s > ls && blank(&b[s - 1]) {
                s -= 1;
            }
            return s..comment.end;
        }
        if alone_before {
            // Before code on its line: with the blanks after it.
            return comment.start..e;
        }
        // Between code: one blank stays between the two sides (`a /* … */ b` → `a b`);
        // with none on either side, deleting the comment would join them, so only the
        // directive goes.
        let blank_before = comment.start > ls && blank(&b[comment.start - 1]);
        if blank_before {
            return comment.start..e;
        }
        if e > comment.end {
            return comment.start..comment.end;
        }
    }
    // Other text shares the comment: the directive and the blanks on one side of it,
    // never joining what stands on either side (`#bedrock-lsp: ignore/*` would become
    // `#/*`, which a reader may take for something else). Empty when every way would.
    let mut e = span.end;
    while e < comment.end && blank(&b[e]) {
        e += 1;
    }
    let mut s = span.start;
    while s > comment.start && blank(&b[s - 1]) {
        s -= 1;
    }
    let solid = |i: Option<usize>| {
        i.and_then(|i| b.get(i))
            .is_some_and(|c| !c.is_ascii_whitespace())
    };
    let joins = |r: &Range<usize>| solid(r.start.checked_sub(1)) && solid(Some(r.end));
    let more_after = !b[e..comment.end].iter().all(closer);
    let ways = if more_after {
        [span.start..e, span.clone(), s..span.end]
    } else {
        [s..span.end, span.clone(), span.start..e]
    };
    ways.into_iter()
        .find(|r| !joins(r))
        .unwrap_or(span.start..span.start)
}

pub(crate) fn trim_range(b: &[u8], mut r: Range<usize>) -> Range<usize> {
    r.end = r.end.min(b.len());
    while r.start < r.end && b[r.start].is_ascii_whitespace() {
        r.start += 1;
    }
    while r.end > r.start && b[r.end - 1].is_ascii_whitespace() {
        r.end -= 1;
    }
    r
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

fn placeholder(c: &[u8], i: usize) -> Option<usize> {
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

fn matching(c: &[u8], open_at: usize, open: u8, close: u8) -> usize {
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

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn same_bytes_agrees_with_slice_equality() {
        let base: Vec<u8> = (0..64u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=64 {
            let a = &base[..n];
            assert!(same_bytes(a, a), "{n}");
            // One byte different, at every position (first word, middle, the tail).
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "{n} {at}");
            }
        }
        assert!(!same_bytes(b"abcdefghij", b"abcdefghi"));
    }
}
