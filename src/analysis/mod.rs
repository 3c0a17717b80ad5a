//! Pure product decisions: (literals, catalog, settings) → diagnostics, completions,
//! hover cards and code actions, in byte offsets. Tested without a client.
//!
//! Every rule about what to report, how loud, and what to offer as a fix lives here;
//! `server` and `check` only map these results to their outputs.

mod actions;
mod complete;
mod diagnose;
mod hints;
mod hover;
mod region;

use std::ops::Range;

pub use actions::{add_ignored_id, code_actions, ignore_comment_edit, Action, ActionKind};
pub use complete::{completions, CompletionItem, Completions};
pub use hints::{document_links, inlay_hints, DocLink, InlayHint};
pub use hover::{hover, hover_card_for_id, Hover};
pub use region::{region_at, region_for_span, RegionInForce, RegionOrigin};

use crate::catalog::{Catalog, Date};
use crate::settings::{Level, Settings};
use crate::syntax::{self, Language, Literal};

/// The stable diagnostic codes. Never rename one; add new ones at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Code {
    UnknownModel,
    LegacyModel,
    EolModel,
    RegionUnavailable,
    NeedsInferenceProfile,
    ProvisionedOnly,
    NotBedrockId,
}

impl Code {
    pub const ALL: [Code; 7] = [
        Code::UnknownModel,
        Code::LegacyModel,
        Code::EolModel,
        Code::RegionUnavailable,
        Code::NeedsInferenceProfile,
        Code::ProvisionedOnly,
        Code::NotBedrockId,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnknownModel => "unknown-model",
            Code::LegacyModel => "legacy-model",
            Code::EolModel => "eol-model",
            Code::RegionUnavailable => "region-unavailable",
            Code::NeedsInferenceProfile => "needs-inference-profile",
            Code::ProvisionedOnly => "provisioned-only",
            Code::NotBedrockId => "not-bedrock-id",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// One-line summary (SARIF rule text, `--help`).
    pub fn summary(self) -> &'static str {
        match self {
            Code::UnknownModel => "The string is not a Bedrock model ID the catalog knows.",
            Code::LegacyModel => {
                "The model is in its Legacy period and will stop working on its end-of-life date."
            }
            Code::EolModel => "The model has reached end of life: calls with this ID fail.",
            Code::RegionUnavailable => {
                "The model (or profile) is not offered in the region in force."
            }
            Code::NeedsInferenceProfile => {
                "The region serves this model only through a cross-region inference profile."
            }
            Code::ProvisionedOnly => {
                "The ID works only with purchased Provisioned Throughput, not on demand."
            }
            Code::NotBedrockId => {
                "An Anthropic-API or Vertex AI model name where Bedrock expects its own ID."
            }
        }
    }

    /// The AWS documentation page that explains the rule behind the code.
    pub fn href(self) -> &'static str {
        match self {
            Code::UnknownModel | Code::NotBedrockId | Code::ProvisionedOnly => {
                "https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html"
            }
            Code::LegacyModel | Code::EolModel => {
                "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html"
            }
            Code::RegionUnavailable => {
                "https://docs.aws.amazon.com/bedrock/latest/userguide/models-region-compatibility.html"
            }
            Code::NeedsInferenceProfile => {
                "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html"
            }
        }
    }

    /// Default level in a model key (the string certainly is a model ID).
    fn default_level(self) -> Level {
        match self {
            Code::UnknownModel | Code::EolModel => Level::Error,
            Code::LegacyModel
            | Code::RegionUnavailable
            | Code::NeedsInferenceProfile
            | Code::ProvisionedOnly => Level::Warning,
            Code::NotBedrockId => Level::Information,
        }
    }

    /// Importance when a literal has several problems; the most important one is reported.
    fn rank(self) -> u8 {
        match self {
            Code::EolModel => 0,
            Code::UnknownModel => 1,
            Code::ProvisionedOnly => 2,
            Code::RegionUnavailable => 3,
            Code::NeedsInferenceProfile => 4,
            Code::LegacyModel => 5,
            Code::NotBedrockId => 6,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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
}

/// Inputs every analysis needs besides the text.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub settings: &'a Settings,
    /// The day lifecycle is computed for (injectable for tests).
    pub today: Date,
}

/// Everything kept about one analysed version of a document.
#[derive(Debug, Clone, Default)]
pub struct DocumentAnalysis {
    pub language: Option<Language>,
    pub scan: syntax::ScanResult,
    pub findings: Vec<Finding>,
    /// The file mentions Bedrock (decides whether foreign model names are worth a hint).
    pub mentions_bedrock: bool,
}

impl DocumentAnalysis {
    /// The literal whose content contains `offset` (ends inclusive, for a cursor at the end).
    pub fn literal_at(&self, offset: usize) -> Option<&Literal> {
        self.scan
            .literals
            .iter()
            .find(|l| l.span.start <= offset && offset <= l.span.end)
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
    let mentions_bedrock = mentions_bedrock(text);
    let mut findings = Vec::new();
    for lit in &scan.literals {
        let Some(id_text) = text.get(lit.span.clone()) else {
            continue;
        };
        if ctx.settings.is_ignored_id(id_text) {
            continue;
        }
        let region = region::region_at(text, &scan, lit, ctx);
        let mut candidates = diagnose::diagnose(text, id_text, lit, &region, mentions_bedrock, ctx);
        candidates.retain(|f| !ignored_by_comment(&scan, lit, f.code));
        for f in candidates.iter_mut() {
            f.level = level_for(ctx.settings, f.code, lit);
        }
        candidates.retain(|f| f.level != Level::Off);
        // At most the most important diagnostic per literal.
        if let Some(best) = candidates.into_iter().min_by_key(|f| f.code.rank()) {
            findings.push(best);
        }
    }
    DocumentAnalysis {
        language: Some(language),
        scan,
        findings,
        mentions_bedrock,
    }
}

/// The level of a code for a literal: the user's setting, else the default — one step
/// softer for a value that merely looks like an ID than for one under a model key.
fn level_for(settings: &Settings, code: Code, lit: &Literal) -> Level {
    let default = match (lit.context, code.default_level()) {
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

fn mentions_bedrock(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), b"edrock")
        .any(|i| i > 0 && matches!(text.as_bytes()[i - 1], b'b' | b'B'))
}
