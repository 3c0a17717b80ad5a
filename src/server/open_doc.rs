//! Everything the server keeps about one open document, in one record ([`OpenDoc`]):
//! the text, the newest analysis, the analysis under way, its turn lock and flags.
//! `didClose` removes the record and with it everything; `didOpen` replaces it whole.
//!
//! The record lives in one map ([`super::State`]); a guard of that map is never held
//! while the map is used again (see [`super::State::doc`]).

use std::sync::Arc;

use futures::future::{BoxFuture, Shared};
use ropey::Rope;
use tower_lsp_server::ls_types::Uri;

use super::publish::Diagnostics;
use crate::analysis::DocumentAnalysis;
use crate::catalog::{Catalog, Date};
use crate::documents::Document;
use crate::settings::Settings;
use crate::syntax::Language;

/// One open document.
pub struct OpenDoc {
    /// The text, version, language, opening and edit log.
    pub doc: Document,
    /// The newest analysis (of this or an earlier version of this opening): the base of
    /// the next one; requests use it only when it is of the current version and epoch.
    pub latest: Option<Analysed>,
    /// The analysis under way, shared by everyone who needs that version.
    pub inflight: Option<Inflight>,
    /// Taken while the document is analysed: one analysis of it at a time.
    pub turn: Arc<tokio::sync::Mutex<()>>,
    /// A large document's previous text buffer, reused for the next analysis.
    pub spare: Option<String>,
    /// Larger than `maxFileSize`: tracked, not analysed (logged once).
    pub too_large: bool,
    /// The settings' `exclude` matches it: tracked, not analysed.
    pub excluded: bool,
    /// Its settings when `[[overrides]]` apply to it: the settings they were made
    /// from, and the result (kept, so that an unchanged document keeps the same `Arc`
    /// and its analyses stay incremental).
    pub settings: Option<(Arc<Settings>, Arc<Settings>)>,
}

impl OpenDoc {
    pub fn new(doc: Document) -> OpenDoc {
        OpenDoc {
            doc,
            latest: None,
            inflight: None,
            turn: Arc::default(),
            spare: None,
            too_large: false,
            excluded: false,
            settings: None,
        }
    }

    /// A consistent copy of the current version for analysis off the executor.
    pub fn snapshot(&self, uri: &Uri) -> Snapshot {
        Snapshot {
            uri: uri.clone(),
            text: self.doc.text.clone(),
            version: self.doc.version,
            language: self.doc.language,
            generation: self.doc.generation,
        }
    }

    /// The stored analysis when it is of the current version and `epoch`.
    pub fn current(&self, epoch: u64) -> Option<&Analysed> {
        self.latest
            .as_ref()
            .filter(|a| a.version == self.doc.version && a.epoch == epoch)
    }
}

/// An analysis under way: its version and epoch, and the shared result (`None`: too
/// large, cancelled, failed).
#[derive(Clone)]
pub struct Inflight {
    pub version: i32,
    pub epoch: u64,
    pub result: Shared<BoxFuture<'static, Option<Analysed>>>,
}

/// A consistent copy of a document for analysis off the executor (a rope clone is O(1)).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub text: Rope,
    pub version: i32,
    pub language: Language,
    /// [`crate::documents::Document::generation`]: which opening of the URI.
    pub generation: u64,
}

/// The result of analysing one version of a document.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub version: i32,
    /// Which opening of the URI the version belongs to.
    pub generation: u64,
    pub rope: Rope,
    /// The text of the rope (one copy: `Arc<String>`, not `Arc<str>`, which copies again).
    pub text: Arc<String>,
    pub analysis: Arc<DocumentAnalysis>,
    /// The diagnostics of `analysis`, in the negotiated encoding: converted when first
    /// needed (publishing after the debounce, a pull), not before requests can use
    /// the analysis ([`Analysed::diagnostics`]).
    pub diagnostics: Arc<Diagnostics>,
    /// [`super::State::epoch`] when the analysis started: an older one is out of date.
    pub epoch: u64,
    /// What the analysis was computed with (an edit of this version can reuse its
    /// findings only when these are still the ones in force).
    pub inputs: Inputs,
}

/// The inputs of an analysis besides the text.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub settings: Arc<Settings>,
    pub catalog: Arc<Catalog>,
    pub today: Date,
}

impl Inputs {
    pub fn same_as(&self, other: &Inputs) -> bool {
        Arc::ptr_eq(&self.settings, &other.settings)
            && Arc::ptr_eq(&self.catalog, &other.catalog)
            && self.today == other.today
    }
}

/// The current text of a document and the edit since its stored analysis (see
/// [`super::State::near`]). Only the earlier analysis's scan is used (it depends on the
/// text alone), so a change of settings or catalog since does not matter.
pub struct EditedSince {
    /// The current text, and its version and language.
    pub rope: Rope,
    pub version: i32,
    pub language: Language,
    /// The range of the earlier text the edits since replaced, and the length of what
    /// replaced it.
    pub old: std::ops::Range<usize>,
    pub inserted: usize,
}
