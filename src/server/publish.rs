//! The diagnostics a client is shown for an analysed version: converted to LSP once,
//! when first needed, reusing the previous version's where the findings were kept;
//! none in a file with a `bedrock-lsp: ignore-file` comment.

use std::sync::Arc;

use tower_lsp_server::ls_types::Diagnostic;

use super::convert;
use super::open_doc::Analysed;
use crate::analysis::{self, FindingsReuse};
use crate::documents::Encoding;

/// The LSP diagnostics of one analysed version, converted once, when first asked for.
#[derive(Debug)]
pub struct Diagnostics {
    cell: std::sync::OnceLock<Arc<Vec<Diagnostic>>>,
    enc: Encoding,
    /// The previous version's diagnostics and which findings were kept from it: those
    /// diagnostics are reused (moved down or up by the lines the edit added or
    /// removed) when they were converted, instead of converting those findings again.
    /// Taken on first use, so that at most one earlier version is kept alive.
    from_prev: std::sync::Mutex<Option<(Arc<Diagnostics>, FindingsReuse, i64)>>,
}

impl Diagnostics {
    /// `prev`: the previous version's diagnostics, the findings kept, and the change in
    /// the number of lines.
    pub fn new(enc: Encoding, prev: Option<(Arc<Diagnostics>, FindingsReuse, i64)>) -> Self {
        Diagnostics {
            cell: std::sync::OnceLock::new(),
            enc,
            from_prev: std::sync::Mutex::new(prev),
        }
    }

    /// The position encoding they are converted in.
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    /// Converted already (a later version can reuse them).
    fn get(&self) -> Option<&Arc<Vec<Diagnostic>>> {
        self.cell.get()
    }
}

impl Analysed {
    /// The version's diagnostics (converted on the first call; the conversion reads
    /// every finding's position in the rope; its cost: BENCHMARKS.md, "Editing performance").
    pub fn diagnostics(&self) -> Arc<Vec<Diagnostic>> {
        let d = &self.diagnostics;
        d.cell
            .get_or_init(|| {
                let prev = d.from_prev.lock().unwrap_or_else(|e| e.into_inner()).take();
                let findings = &self.analysis.findings;
                let out = match prev {
                    Some((p, reuse, lines)) => match p.get() {
                        Some(pd) => convert::diagnostics_reusing(
                            &self.rope, findings, d.enc, pd, &reuse, lines,
                        ),
                        None => convert::diagnostics(&self.rope, findings, d.enc),
                    },
                    None => convert::diagnostics(&self.rope, findings, d.enc),
                };
                Arc::new(out)
            })
            .clone()
    }
}

/// The diagnostics a client is shown for an analysed version: none in a file with a
/// `bedrock-lsp: ignore-file` comment (as `check` skips it), but for that comment itself
/// when it suppresses nothing and `reportUnusedIgnores` is on.
pub fn visible_diagnostics(a: &Analysed) -> Arc<Vec<Diagnostic>> {
    if let Some(directive) = crate::settings::ignore_file_directive(&a.text) {
        let ctx = analysis::Context {
            catalog: &a.inputs.catalog,
            settings: &a.inputs.settings,
            today: a.inputs.today,
            // Test files have fewer findings: `false` can only find the comment used.
            test_file: false,
        };
        let unused = a
            .analysis
            .language
            .and_then(|l| analysis::unused_ignore_file(&a.text, l, directive, &ctx));
        let enc = a.diagnostics.encoding();
        return Arc::new(
            unused
                .and_then(|f| convert::diagnostic(&a.rope, &f, enc))
                .into_iter()
                .collect(),
        );
    }
    a.diagnostics()
}
