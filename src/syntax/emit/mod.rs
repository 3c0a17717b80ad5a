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
//!
//! This file: [`Cx`] and the decisions on strings and values. `interp.rs`: splitting a
//! string at its interpolations, defaults of placeholders; `words.rs`: word by word
//! (shell and Dockerfile words, `KEY=VALUE` pairs, prose and comments); `directives.rs`:
//! `bedrock-lsp: ignore…` comments and SDK region constants.

mod directives;
mod interp;
mod words;

pub(crate) use super::bytes::{line_end, line_start, trim_range};
use super::code;
use super::keys::{self, is_region, key_before, KeyHit, KeyKind, KeyMemo, Prev};
use super::shape::ShapeMemo;
use super::simd;
use super::{IgnoreDirective, Literal, LiteralContext, RegionMention, ScanResult, ShortName};
use crate::catalog::framework;
use interp::*;
use memchr::{memchr, memmem};
use std::ops::Range;
use words::*;

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
        code::lex(self, &super::lang::code_rules::SHELL, r.start, r.end);
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
        code::lex(self, &super::lang::code_rules::JSON, from, to);
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
