//! Pure product decisions: (literals, catalog, settings) → diagnostics, completions,
//! hover cards and code actions, in byte offsets. Tested without a client.

use std::ops::Range;

use crate::settings::{Level, Settings};
use crate::syntax::{self, Language};

/// One problem found in a document, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub span: Range<usize>,
    /// A stable diagnostic code such as `unknown-model`.
    pub code: &'static str,
    pub level: Level,
    pub message: String,
}

/// Everything the server keeps about one analysed version of a document.
#[derive(Debug, Clone, Default)]
pub struct DocumentAnalysis {
    pub scan: syntax::ScanResult,
    pub findings: Vec<Finding>,
}

/// Analyse a whole document.
pub fn analyze(text: &str, language: Language, settings: &Settings) -> DocumentAnalysis {
    let _ = settings;
    let scan = syntax::scan(text, language);
    DocumentAnalysis {
        scan,
        findings: Vec::new(),
    }
}
