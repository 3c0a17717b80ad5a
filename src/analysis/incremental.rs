//! Incremental analysis: the analysis of an edited text from the previous one. Only the
//! lines the edit can affect are scanned again ([`syntax::rescan_replaced_owned`]); the
//! findings of the literals out of reach of the edit are kept (shifted) when nothing
//! they depend on changed, and the region bindings and file marks are updated near the
//! edit only. The result always equals [`analyze`] of the new text
//! (`tests/it/syntax_incremental.rs`).

use std::ops::Range;

use super::{
    analyze, find_mention, finding_for, longest, merge_by_start, region, scanned_with_marks, site,
    unused, Context, DocumentAnalysis, FileFacts, Finding, Marks, MENTION,
};
use crate::syntax::{self, Language};

/// Analyse `text`, an edited version of `prev_text` whose analysis is `prev`: only the
/// lines the edit can affect are scanned again (see [`syntax::rescan_with_reuse`]), and
/// the findings of the literals outside them are kept (shifted) when nothing they
/// depend on changed. `same_inputs`: `prev` was computed with the same catalog,
/// settings and day as `ctx`. The result equals [`analyze`]`(text, …)`.
pub fn analyze_incremental(
    prev: &DocumentAnalysis,
    prev_text: &str,
    text: &str,
    language: Language,
    ctx: &Context,
    same_inputs: bool,
) -> DocumentAnalysis {
    analyze_edit(prev.clone(), prev_text, text, language, ctx, same_inputs)
}

/// [`analyze_incremental`] that takes the previous analysis by value (updated in place:
/// nothing of it is copied).
pub fn analyze_edit(
    prev: DocumentAnalysis,
    prev_text: &str,
    text: &str,
    language: Language,
    ctx: &Context,
    same_inputs: bool,
) -> DocumentAnalysis {
    // The edit found, the previous text is not needed any more.
    let (old, new) = text_diff(prev_text, text);
    analyze_replaced(prev, old, new.len(), text, language, ctx, same_inputs).0
}

/// [`analyze_edit`] when the previous text is no longer at hand but the edit is known:
/// `text` was made from the text `prev` analysed by replacing the bytes in `edit`
/// (offsets of that text) with the `inserted_len` bytes at `edit.start` of `text`
/// (several edits in a row: the range that covers them all). Nothing is compared: the
/// caller vouches for the edit. The result equals [`analyze`]`(text, …)`; with it,
/// which findings were kept from `prev` (`None`: all were judged again).
pub fn analyze_replaced(
    prev: DocumentAnalysis,
    edit: Range<usize>,
    inserted_len: usize,
    text: &str,
    language: Language,
    ctx: &Context,
    same_inputs: bool,
) -> (DocumentAnalysis, Option<FindingsReuse>) {
    if prev.language != Some(language) {
        return (analyze(text, language, ctx), None);
    }
    let (scan, kept) = prev.into_parts();
    let (scan, reuse) =
        syntax::rescan_replaced_owned(scan, edit.clone(), inserted_len, text, language);
    let edit = Replacement {
        old: edit,
        inserted_len,
    };
    let doc = Edited {
        text,
        language,
        ctx,
        same_inputs,
    };
    keep_findings(kept, edit, scan, reuse, doc)
}

/// The text an edit made, with what its analysis is made with.
#[derive(Clone, Copy)]
struct Edited<'a> {
    text: &'a str,
    language: Language,
    ctx: &'a Context<'a>,
    /// The previous analysis was made with the same catalog, settings and day as `ctx`.
    same_inputs: bool,
}

/// What an edit's analysis keeps of the previous one besides its scan.
struct Kept {
    findings: Vec<Finding>,
    marks: Marks,
    bindings: Vec<region::RegionBinding>,
    longest_literal: usize,
}

impl DocumentAnalysis {
    fn into_parts(self) -> (syntax::ScanResult, Kept) {
        let kept = Kept {
            findings: self.findings,
            marks: Marks {
                mention: self.first_mention,
                prefix: self.first_prefix_marker,
            },
            bindings: self.region_bindings,
            longest_literal: self.longest_literal,
        };
        (self.scan, kept)
    }
}

/// One replacement: the range of the previous text, and the length of what replaced it.
struct Replacement {
    old: Range<usize>,
    inserted_len: usize,
}

/// The findings of an edited text from the previous findings and the updated scan.
fn keep_findings(
    prev: Kept,
    edit: Replacement,
    scan: syntax::ScanResult,
    reuse: Option<syntax::Reuse>,
    doc: Edited,
) -> (DocumentAnalysis, Option<FindingsReuse>) {
    let Edited {
        text,
        language,
        ctx,
        same_inputs,
    } = doc;
    let marks = Marks {
        mention: first_after_edit(prev.marks.mention, text, &edit, MENTION, find_mention),
        prefix: first_after_edit(
            prev.marks.prefix,
            text,
            &edit,
            site::PREFIX_MARKER_MAX,
            site::find_prefix_marker,
        ),
    };
    // A literal's finding depends on the text within reach of it (below), the ignore
    // directives that cover it, the file's marks, and the regions bound to it: one
    // named in its group (within its own reach), or one given to the client it calls
    // (read within `REACH` of the region's mention). So every literal is judged again
    // when the marks or the regions changed, or when what the regions near the edit
    // are given to changed; otherwise those within reach of the edit are.
    const REACH: usize = site::LOOKBACK + site::LOOKAHEAD + 4 * site::SLACK;
    let Some((reuse, bindings)) = reuse
        .filter(|r| same_inputs && marks.same_effect(prev.marks) && r.regions_unchanged)
        .and_then(|r| {
            let b = rebind(prev.bindings, &edit, &r, &scan, text, language, REACH)?;
            Some((r, b))
        })
    else {
        return (scanned_with_marks(text, language, scan, marks, ctx), None);
    };
    let facts = FileFacts::new(language, marks, &bindings);
    let (from, resume) = (reuse.start, reuse.new_resume());
    // A literal's own reads reach `site::LOOKAHEAD` after it and, through the calls
    // around it, twice `site::LOOKBACK` before it (each with its slack); the region
    // bound in its group lies within that too.
    let mut from = from.saturating_sub(site::LOOKAHEAD + 2 * site::SLACK + prev.longest_literal);
    let mut to = resume
        .saturating_add(2 * (site::LOOKBACK + site::SLACK))
        .max(reuse.ignores_reach.saturating_add(1));
    if ctx.settings.report_unused_ignores {
        // A directive covers its own line and the next: judging again every directive
        // that covers a literal judged again (those on the line before `from`'s, and
        // on `to`'s line) keeps the others' `unused-ignore` findings valid.
        let b = text.as_bytes();
        let ls = syntax_line_start(b, from);
        from = if ls == 0 {
            0
        } else {
            syntax_line_start(b, ls - 1)
        };
        if to < b.len() {
            to = to.max(memchr::memchr(b'\n', &b[to..]).map_or(b.len(), |i| to + i + 1));
        }
    }
    let shift = |x: usize| (x as isize + reuse.delta) as usize;
    let mut prev_findings = prev.findings;
    let prev_len = prev_findings.len();
    let tail_at = if reuse.old_resume == usize::MAX {
        prev_len
    } else {
        prev_findings.partition_point(|f| f.span.start < reuse.old_resume)
    };
    let tail = prev_findings.split_off(tail_at);
    // In text order: kept ones before `from`, fresh ones from there to `to`, kept
    // (shifted) ones from `to` on.
    let keep_to = prev_findings.partition_point(|f| f.span.start < from);
    let lits = &scan.literals;
    let first = lits.partition_point(|l| l.span.start < from);
    let mid_lits = lits[first..].iter().take_while(|l| l.span.start < to);
    let mut findings = Vec::with_capacity(prev_len + 1);
    findings.extend(prev_findings.drain(..keep_to));
    let mut mid = Vec::new();
    for lit in mid_lits {
        mid.extend(finding_for(text, &scan, lit, &facts, ctx));
    }
    if !scan.ignores.is_empty() {
        let unused = unused::unused_ignores(text, &scan, from..to, &facts, ctx);
        mid = merge_by_start(mid, unused);
    }
    findings.extend(mid);
    let tail_skip = tail.partition_point(|f| shift(f.span.start) < to);
    let shifted_at = findings.len();
    findings.extend(tail.into_iter().skip(tail_skip).map(|mut f| {
        f.span = shift(f.span.start)..shift(f.span.end);
        for e in f.fixes.iter_mut().flat_map(|x| x.edits.iter_mut()) {
            e.span = shift(e.span.start)..shift(e.span.end);
        }
        f
    }));
    debug_assert!(findings.is_sorted_by_key(|f| f.span.start));
    let kept_findings = FindingsReuse {
        unchanged: 0..keep_to,
        unchanged_prev: 0,
        shifted: shifted_at,
        shifted_prev: tail_at + tail_skip,
        resume: reuse.new_resume(),
    };
    // The literals kept are as long as before; only the re-read ones can be longer.
    let reread = &lits[lits.partition_point(|l| l.span.start < reuse.start)
        ..lits.partition_point(|l| l.span.start < reuse.new_resume())];
    let longest_literal = prev.longest_literal.max(longest(reread));
    let analysis = DocumentAnalysis::new(
        language,
        scan,
        findings,
        marks,
        bindings,
        Some(longest_literal),
    );
    (analysis, Some(kept_findings))
}

/// The region bindings after an edit: those far from it kept (shifted), those within
/// `reach` of the re-read part recomputed. `None` when what the regions near the edit
/// are given to changed (then a literal anywhere may call such a client).
fn rebind(
    prev: Vec<region::RegionBinding>,
    edit: &Replacement,
    reuse: &syntax::Reuse,
    scan: &syntax::ScanResult,
    text: &str,
    language: Language,
    reach: usize,
) -> Option<Vec<region::RegionBinding>> {
    // New-text window: within reach of the edit and of the re-read part. Before it the
    // texts agree; after it they agree shifted by `delta`.
    let lo = reuse.start.min(edit.old.start).saturating_sub(reach);
    let hi = reuse
        .new_resume()
        .max(edit.old.start + edit.inserted_len)
        .saturating_add(reach);
    let old_hi = if hi == usize::MAX {
        usize::MAX
    } else {
        (hi as isize - reuse.delta).max(0) as usize
    };
    let a = scan.regions.partition_point(|m| m.span.start < lo);
    let b = scan.regions.partition_point(|m| m.span.start < hi);
    let near = region::bindings(text, &scan.regions[a..b], language);
    let pa = prev.partition_point(|x| x.span.start < lo);
    let pb = prev.partition_point(|x| x.span.start < old_hi);
    let key = |v: &[region::RegionBinding]| {
        let mut k: Vec<(region::BoundTo, String)> = v
            .iter()
            .map(|x| (x.to.clone(), x.region.to_string()))
            .collect();
        k.sort();
        k
    };
    if key(&prev[pa..pb]) != key(&near) {
        return None;
    }
    let mut out = Vec::with_capacity(prev.len());
    let mut prev = prev;
    let tail = prev.split_off(pb);
    prev.truncate(pa);
    out.extend(prev);
    out.extend(near);
    out.extend(tail.into_iter().map(|mut x| {
        x.span = (x.span.start as isize + reuse.delta) as usize
            ..(x.span.end as isize + reuse.delta) as usize;
        x
    }));
    Some(out)
}

/// Which findings of an edit's analysis are the previous analysis's, so that what was
/// derived from them (LSP diagnostics) can be kept too. Findings are in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingsReuse {
    /// These findings (indexes) are the previous ones from `unchanged_prev` on, as they
    /// were: they lie before the edit.
    pub unchanged: Range<usize>,
    pub unchanged_prev: usize,
    /// The findings from `shifted` on are the previous ones from `shifted_prev` on,
    /// moved by the edit's length change: they lie after it, from `resume` on, a line
    /// start where the text after the edit is the previous text after it.
    pub shifted: usize,
    pub shifted_prev: usize,
    pub resume: usize,
}

/// The start of the line holding `at` (after a `\n`).
fn syntax_line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1)
}

/// The smallest single edit that turns `old` into `new`, on character boundaries:
/// (the replaced range of `old`, the range of `new` that replaces it).
pub fn text_diff(old: &str, new: &str) -> (Range<usize>, Range<usize>) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut p = common_prefix(a, b);
    while !old.is_char_boundary(p) || !new.is_char_boundary(p) {
        p -= 1;
    }
    let mut q = common_suffix(&a[p..], &b[p..]);
    while !old.is_char_boundary(a.len() - q) || !new.is_char_boundary(b.len() - q) {
        q -= 1;
    }
    (p..a.len() - q, p..b.len() - q)
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    // Large blocks first (one `memcmp` each), then bytes.
    for block in [4096, 64] {
        while i + block <= n && a[i..i + block] == b[i..i + block] {
            i += block;
        }
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    for block in [4096, 64] {
        while i + block <= n && a[la - i - block..la - i] == b[lb - i - block..lb - i] {
            i += block;
        }
    }
    while i < n && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

/// The first sign (found by `find`, at most `width` bytes long) after `edit`, from the
/// first one before it: kept when it lies before the edit; else looked for around the
/// edit, then after it (only when the edit touched the first one is the rest of the
/// text searched).
fn first_after_edit(
    prev: Option<usize>,
    text: &str,
    edit: &Replacement,
    width: usize,
    find: fn(&str, usize, usize) -> Option<usize>,
) -> Option<usize> {
    let a = edit.old.start;
    if let Some(m) = prev.filter(|m| m + width <= a) {
        return Some(m);
    }
    // No sign starts before `lo` (it would have been the first one).
    let lo = a.saturating_sub(width - 1);
    let ins_end = a + edit.inserted_len;
    if let Some(m) = find(text, lo, ins_end + width - 1) {
        return Some(m);
    }
    let delta = edit.inserted_len as isize - edit.old.len() as isize;
    match prev {
        None => None,
        // Unchanged, after the edit.
        Some(m) if m >= edit.old.end => Some((m as isize + delta) as usize),
        // The edit touched it: the next one is somewhere after the edit.
        Some(_) => find(text, ins_end, usize::MAX),
    }
}
