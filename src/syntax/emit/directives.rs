//! `bedrock-lsp: ignore…` comments (each with its own span and what removing it takes)
//! and the SDKs' region constants (`Region.US_EAST_1`, `RegionEndpoint.USEast1`).

use super::*;

impl<'t> Cx<'t> {
    /// Every directive in the comment `r` (a block comment may hold one per line).
    pub(super) fn directives(&mut self, r: Range<usize>) {
        let mut from = r.start;
        while let Some(next) = self.directive_from(r.clone(), from) {
            from = next;
        }
    }

    /// The first directive in the comment `r` from `from` on, if any; where to look
    /// for the next one.
    pub(super) fn directive_from(&mut self, r: Range<usize>, from: usize) -> Option<usize> {
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
}

/// Is the directive at `at` quoted in its comment (from `from`, on its line): right
/// after a quote, or inside a `` `code` `` span?
pub(super) fn quoted(b: &[u8], from: usize, at: usize) -> bool {
    let before = &b[from.min(at)..at];
    matches!(before.last(), Some(b'"' | b'\'' | b'`'))
        || memchr::memchr_iter(b'`', before).count() % 2 == 1
}

/// What to delete to take the directive at `span` out of the comment `comment` (see
/// [`IgnoreDirective::removal`]). Only comment leaders (`#`, `//`, `/*`, `--`, `;`,
/// `<!--`, `%`, `'`, `..`, `{#` …) and blanks before it and closers (`*/`, `-->`, `#}`
/// …) after it: the whole comment goes.
pub(super) fn directive_removal(
    b: &[u8],
    comment: Range<usize>,
    span: Range<usize>,
) -> Range<usize> {
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
