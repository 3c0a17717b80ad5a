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
mod incremental;
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
pub use incremental::{
    analyze_edit, analyze_incremental, analyze_replaced, text_diff, FindingsReuse,
};
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

fn longest(literals: &[Literal]) -> usize {
    literals.iter().map(|l| l.span.len()).max().unwrap_or(0)
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
