//! Pure product decisions: (literals, catalog, settings) → diagnostics, completions,
//! hover cards and code actions, in byte offsets. Tested without a client.
//!
//! Every rule about what to report, how loud, and what to offer as a fix lives here;
//! `server` and `check` only map these results to their outputs.

mod actions;
mod codes;
mod complete;
mod diagnose;
mod hints;
mod hover;
mod local;
mod prefix_marker_fast;
mod region;
mod site;
mod unused;

use std::ops::Range;

pub use actions::{add_ignored_id, code_actions, ignore_comment_edit, Action, ActionKind};
pub use codes::{Code, CodeInfo, CODES};
pub use complete::{completions, CompletionItem, Completions};
pub use hints::{document_links, inlay_hints, DocLink, InlayHint};
pub use hover::{hover, hover_card_for_id, Hover};
pub use local::{completions_near, hover_near, Since, WindowAnswer};
pub use region::{region_at, region_for_span, RegionInForce, RegionOrigin};
pub use site::{is_test_file, is_test_path, Use};
pub use unused::unused_ignore_file;

use crate::catalog::{Catalog, Date};
use crate::settings::{Level, Settings};
use crate::syntax::{self, Language, Literal};

/// A text replacement in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub span: Range<usize>,
    pub new_text: String,
}

/// A fix for a finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The one clear answer (shown first, `isPreferred`).
    pub preferred: bool,
    /// Safe to apply without a human looking (`check --fix`): a single confident
    /// did-you-mean, the profile a region requires, the replacement of an EOL model.
    pub safe: bool,
}

/// One problem found in a document, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub span: Range<usize>,
    pub code: Code,
    pub level: Level,
    pub message: String,
    /// The model is retired or retiring (LSP tag `Deprecated`).
    pub deprecated: bool,
    pub fixes: Vec<Fix>,
    /// How the literal is used where it stands (decides which checks ran on it).
    #[serde(rename = "use")]
    pub use_site: Use,
}

/// Inputs every analysis needs besides the text.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub settings: &'a Settings,
    /// The day lifecycle is computed for (injectable for tests).
    pub today: Date,
    /// The document is a test file ([`is_test_path`] of its path).
    pub test_file: bool,
}

/// Everything kept about one analysed version of a document.
#[derive(Debug, Clone, Default)]
pub struct DocumentAnalysis {
    pub language: Option<Language>,
    pub scan: syntax::ScanResult,
    pub findings: Vec<Finding>,
    /// Where the first mention of Bedrock starts, if the file mentions it (that decides
    /// whether foreign model names are worth a hint). Kept up to date across edits
    /// without searching the whole text again.
    pub first_mention: Option<usize>,
    /// Where the first sign starts that the code adds a profile scope to bare IDs at run
    /// time (`"us." + id`, `f"us.{id}"`): profile advice is then left out. Kept up to
    /// date across edits like `first_mention`.
    pub first_prefix_marker: Option<usize>,
    /// What each region mention is given to beyond its own call (a client's variable,
    /// Terraform's default provider), in text order: the rules look a literal's client
    /// up here, and an edit only recomputes the ones near it.
    pub region_bindings: Vec<region::RegionBinding>,
    /// No literal span is longer (bounds the search in [`DocumentAnalysis::literal_at`]).
    /// The longest one after a full analysis; edits only raise it (a removed long
    /// literal may leave it higher than needed, which costs nothing but a longer search).
    pub longest_literal: usize,
}

impl DocumentAnalysis {
    /// The file mentions Bedrock.
    pub fn mentions_bedrock(&self) -> bool {
        self.first_mention.is_some()
    }

    /// The literal whose content contains `offset` (ends inclusive, for a cursor at the
    /// end); the first one in text order when several do. A binary search: literals are
    /// sorted by start, and none is longer than `longest_literal`.
    pub fn literal_at(&self, offset: usize) -> Option<&Literal> {
        let lits = &self.scan.literals;
        let n = lits.partition_point(|l| l.span.start <= offset);
        lits[..n]
            .iter()
            .rev()
            .take_while(|l| l.span.start.saturating_add(self.longest_literal) >= offset)
            .filter(|l| offset <= l.span.end)
            .last()
    }
}

impl DocumentAnalysis {
    /// The analysis of one version. `longest_literal`: at least the longest literal
    /// span (`None`: compute it from the scan).
    fn new(
        language: Language,
        scan: syntax::ScanResult,
        findings: Vec<Finding>,
        marks: Marks,
        region_bindings: Vec<region::RegionBinding>,
        longest_literal: Option<usize>,
    ) -> DocumentAnalysis {
        let longest_literal = longest_literal.unwrap_or_else(|| longest(&scan.literals));
        DocumentAnalysis {
            language: Some(language),
            scan,
            findings,
            first_mention: marks.mention,
            first_prefix_marker: marks.prefix,
            region_bindings,
            longest_literal,
        }
    }
}

/// The file-level signs a literal's findings depend on, besides the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marks {
    /// The first mention of Bedrock.
    mention: Option<usize>,
    /// The first sign that a profile scope is added at run time.
    prefix: Option<usize>,
}

impl Marks {
    fn find(text: &str) -> Marks {
        Marks {
            mention: find_mention(text, 0, usize::MAX),
            prefix: site::find_prefix_marker(text, 0, usize::MAX),
        }
    }

    /// Do the findings that depend on them stay the same?
    fn same_effect(self, other: Marks) -> bool {
        self.mention.is_some() == other.mention.is_some()
            && self.prefix.is_some() == other.prefix.is_some()
    }
}

/// What the rules know about the whole file (see [`Marks`]), and the regions given to
/// clients by variable (from the region bindings), looked up when a literal first
/// needs them.
pub(super) struct FileFacts<'b> {
    pub language: Language,
    pub mentions_bedrock: bool,
    pub prefix_at_runtime: bool,
    bindings: &'b [region::RegionBinding],
    clients: std::cell::OnceCell<region::ClientRegions<'b>>,
}

impl<'b> FileFacts<'b> {
    fn new(language: Language, marks: Marks, bindings: &'b [region::RegionBinding]) -> Self {
        FileFacts {
            language,
            mentions_bedrock: marks.mention.is_some(),
            prefix_at_runtime: marks.prefix.is_some(),
            bindings,
            clients: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn clients(&self) -> &region::ClientRegions<'b> {
        self.clients
            .get_or_init(|| region::ClientRegions::new(self.bindings))
    }
}

/// Analyse a whole document.
pub fn analyze(text: &str, language: Language, ctx: &Context) -> DocumentAnalysis {
    let scan = syntax::scan(text, language);
    analyze_scanned(text, language, scan, ctx)
}

/// Analyse a document whose scan is already done.
pub fn analyze_scanned(
    text: &str,
    language: Language,
    scan: syntax::ScanResult,
    ctx: &Context,
) -> DocumentAnalysis {
    scanned_with_marks(text, language, scan, Marks::find(text), ctx)
}

fn scanned_with_marks(
    text: &str,
    language: Language,
    scan: syntax::ScanResult,
    marks: Marks,
    ctx: &Context,
) -> DocumentAnalysis {
    let bindings = region::bindings(text, &scan.regions, language);
    let facts = FileFacts::new(language, marks, &bindings);
    let findings = scan
        .literals
        .iter()
        .filter_map(|lit| finding_for(text, &scan, lit, &facts, ctx))
        .collect();
    let unused = if scan.ignores.is_empty() {
        Vec::new()
    } else {
        unused::unused_ignores(text, &scan, 0..usize::MAX, &facts, ctx)
    };
    let findings = merge_by_start(findings, unused);
    DocumentAnalysis::new(language, scan, findings, marks, bindings, None)
}

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

/// Two lists sorted by start, merged (the first list's item first on a tie).
fn merge_by_start(a: Vec<Finding>, b: Vec<Finding>) -> Vec<Finding> {
    if b.is_empty() {
        return a;
    }
    let mut out = a;
    out.extend(b);
    out.sort_by_key(|f| f.span.start);
    out
}

/// The start of the line holding `at` (after a `\n`).
fn syntax_line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1)
}

fn longest(literals: &[Literal]) -> usize {
    literals.iter().map(|l| l.span.len()).max().unwrap_or(0)
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

/// The finding reported for one literal, if any: the most important of its problems,
/// at the level the settings give, unless an ignore comment or setting silences it.
fn finding_for(
    text: &str,
    scan: &syntax::ScanResult,
    lit: &Literal,
    facts: &FileFacts,
    ctx: &Context,
) -> Option<Finding> {
    let id_text = text.get(lit.span.clone())?;
    if ctx.settings.is_ignored_id(id_text) {
        return None;
    }
    let mut candidates = candidates(text, scan, lit, facts, ctx);
    candidates.retain(|f| !ignored_by_comment(scan, lit, f.code));
    for f in candidates.iter_mut() {
        f.level = level_for(ctx.settings, f.code, lit, f.level);
    }
    candidates.retain(|f| f.level != Level::Off);
    // At most the most important diagnostic per literal.
    candidates.into_iter().min_by_key(|f| f.code.rank())
}

/// Every problem the rules find with one literal, at the rules' levels, before anything
/// silences them (ignore comments and settings).
fn candidates(
    text: &str,
    scan: &syntax::ScanResult,
    lit: &Literal,
    facts: &FileFacts,
    ctx: &Context,
) -> Vec<Finding> {
    let Some(id_text) = text.get(lit.span.clone()) else {
        return Vec::new();
    };
    let (use_site, site) = site::site(text, lit, facts.language, ctx.test_file);
    if use_site == Use::Prose {
        return Vec::new();
    }
    let region = region::bound_region(text, scan, lit, &site, facts, ctx);
    let subject = diagnose::Subject {
        text,
        id_text,
        lit,
        use_site,
        site: &site,
        region: &region,
        mentions_bedrock: facts.mentions_bedrock,
        prefix_at_runtime: facts.prefix_at_runtime,
        ctx,
    };
    diagnose::diagnose(&subject)
}

/// The level of a code for a literal: the user's setting, else the level the rule gave
/// (the code's default unless the rule is less sure) — one step softer for a value that
/// merely looks like an ID than for one under a model key.
fn level_for(settings: &Settings, code: Code, lit: &Literal, rule_level: Level) -> Level {
    let default = match (lit.context, rule_level) {
        (syntax::LiteralContext::Key, l) => l,
        (_, Level::Error) => Level::Warning,
        (_, l) => l,
    };
    settings.level_for(code.as_str(), default)
}

fn ignored_by_comment(scan: &syntax::ScanResult, lit: &Literal, code: Code) -> bool {
    scan.ignores.iter().any(|d| {
        d.applies_to.start <= lit.span.start
            && lit.span.start <= d.applies_to.end
            && (d.codes.is_empty() || d.codes.iter().any(|c| c == code.as_str()))
    })
}

/// `bedrock` or `Bedrock` (any case after the first letter is taken as written: the
/// search is for `edrock` after `b` or `B`).
const MENTION: usize = "bedrock".len();

/// The start of the first mention of Bedrock that lies within `text[from..to]`.
fn find_mention(text: &str, from: usize, to: usize) -> Option<usize> {
    let b = text.as_bytes();
    let to = to.min(b.len());
    if from >= to {
        return None;
    }
    memchr::memmem::find_iter(&b[from..to], b"edrock")
        .map(|i| from + i)
        .find(|&i| i > from && matches!(b[i - 1], b'b' | b'B'))
        .map(|i| i - 1)
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
