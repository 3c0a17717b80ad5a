//! Server state shared by handlers and background analysis: the document store,
//! the negotiated encoding, the effective settings and the latest analysis results.
//!
//! Handlers run concurrently: the store is changed synchronously (no `.await` between
//! reading and writing it) and no guard is held across an `.await`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use ropey::Rope;
use tower_lsp_server::ls_types::Uri;

use super::convert;
use super::ServerOptions;
use crate::analysis::DocumentAnalysis;
use crate::analysis::FindingsReuse;
use crate::catalog::{Catalog, Date, FileStamp};
use crate::documents::{Document, Encoding};
use crate::settings::{Settings, SettingsError, PROJECT_FILE};
use crate::syntax::Language;
use tower_lsp_server::ls_types::Diagnostic;

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
    /// [`State::epoch`] when the analysis started: an older one is out of date.
    pub epoch: u64,
    /// What the analysis was computed with (an edit of this version can reuse its
    /// findings only when these are still the ones in force).
    pub inputs: Inputs,
}

/// The current text of a document and the edit since its stored analysis (see
/// [`State::near`]). Only the earlier analysis's scan is used (it depends on the text
/// alone), so a change of settings or catalog since does not matter.
pub struct EditedSince {
    /// The current text, and its version and language.
    pub rope: Rope,
    pub version: i32,
    pub language: crate::syntax::Language,
    /// The range of the earlier text the edits since replaced, and the length of what
    /// replaced it.
    pub old: std::ops::Range<usize>,
    pub inserted: usize,
}

/// Counts of the work the server did, for tests (`bedrockLsp/testAnalyses`) and logs.
#[derive(Debug, Default)]
pub struct Counters {
    /// Analyses of a version from its text alone.
    pub full: AtomicU64,
    /// Analyses of a version from the previous one (by a comparison of the texts or
    /// from the client's edits).
    pub incremental: AtomicU64,
    /// Of those, the ones made from the client's edits.
    pub from_edits: AtomicU64,
    /// Hover and completion answers given from a window of the text, before the
    /// version's analysis existed.
    pub window_answers: AtomicU64,
}

impl Counters {
    pub fn analysed(&self, strategy: super::pipeline::Strategy) {
        use super::pipeline::Strategy;
        let bump = |c: &AtomicU64| c.fetch_add(1, Ordering::SeqCst);
        match strategy {
            Strategy::Full => bump(&self.full),
            Strategy::Diff => bump(&self.incremental),
            Strategy::Edits => {
                bump(&self.from_edits);
                bump(&self.incremental)
            }
        };
    }
}

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
    /// every finding's position in the rope, ≈ 10 µs per finding).
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

#[derive(Debug, Default)]
pub struct SettingsLayers {
    pub project: Option<serde_json::Value>,
    pub init_options: Option<serde_json::Value>,
    pub workspace: Option<serde_json::Value>,
}

/// What the client said it can do, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCaps {
    /// The client can pull diagnostics (`textDocument/diagnostic`).
    pub pull_diagnostics: bool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    pub diagnostic_refresh: bool,
    pub configuration: bool,
    pub watch_files: bool,
}

impl ClientCaps {
    /// Diagnostics are pulled by the client (and not pushed): only when it can both pull
    /// and be asked to pull again. A client that pulls but cannot be asked (Neovim
    /// 0.10-0.12 pulls only for buffers visible at `didOpen`/`didChange`) is not
    /// offered pull diagnostics and gets them pushed, so every buffer has them.
    pub fn pulls(&self) -> bool {
        self.pull_diagnostics && self.diagnostic_refresh
    }
}

/// The workspace settings a directory's entry was made with, and the nested settings
/// file's directory and settings (`None`: the workspace settings govern it).
type NestedSettings = (Arc<Settings>, Option<(PathBuf, Arc<Settings>)>);

pub struct State {
    pub options: ServerOptions,
    client_caps: RwLock<ClientCaps>,
    pub docs: DashMap<Uri, Document>,
    /// Documents too large to analyse (logged once each).
    pub too_large: DashMap<Uri, ()>,
    /// Documents the settings' `exclude` matches: tracked, not analysed.
    pub excluded: DashMap<Uri, ()>,
    /// Each document's settings when `[[overrides]]` apply to it: the workspace settings
    /// they were made from, and the result (kept, so that an unchanged document keeps
    /// the same `Arc` and its analyses stay incremental).
    doc_settings: DashMap<Uri, (Arc<Settings>, Arc<Settings>)>,
    /// Per directory: the nested settings file's settings (see
    /// [`State::nested_settings`]), and the workspace settings they were made with.
    nested: DashMap<PathBuf, NestedSettings>,
    pub results: DashMap<Uri, Analysed>,
    /// Analyses under way, shared by everyone who needs the same version.
    pub inflight: DashMap<Uri, super::pipeline::Inflight>,
    /// A large document's previous text buffer, reused for the next analysis.
    pub spare_text: DashMap<Uri, String>,
    /// Taken while a document is analysed: one analysis per document at a time.
    pub analysis_locks: DashMap<Uri, Arc<tokio::sync::Mutex<()>>>,
    /// How many analyses and window answers there were (for tests and logs).
    pub counters: Counters,
    /// Bumped when every document must be analysed again (settings, catalog).
    pub epoch: std::sync::atomic::AtomicU64,
    pub encoding: RwLock<Encoding>,
    pub settings: RwLock<Arc<Settings>>,
    pub catalog: RwLock<Arc<Catalog>>,
    /// Loads the catalog; keeps each file's last good text (in force when it breaks).
    catalog_loader: Mutex<crate::catalog::Loader>,
    pub layers: Mutex<SettingsLayers>,
    /// The workspace root (the first folder).
    pub root: RwLock<Option<PathBuf>>,
    /// The project's settings file at the root (`.bedrock-lsp.toml`, or `pyproject.toml`
    /// with `[tool.bedrock-lsp]`), when there is one.
    pub project_file: RwLock<Option<crate::settings::project::ProjectFile>>,
    pub shutdown_requested: AtomicBool,
    /// Methods whose panic has already been shown to the user.
    pub panics_shown: Mutex<HashSet<&'static str>>,
    /// Settings problems waiting to be shown once `initialized` arrives.
    pub pending_messages: Mutex<Vec<String>>,
    /// Where the recent completion lists were asked for (see [`CompletionSites`]).
    pub completion_sites: Mutex<CompletionSites>,
    /// Test hook (`bedrockLsp/testHoldAnalyses`): analyses of these documents wait,
    /// inside their blocking task, until released (see [`State::hold_analyses`]).
    held: HeldAnalyses,
}

#[derive(Default)]
struct HeldAnalyses {
    /// The documents held, and how many analyses wait now.
    held: Mutex<(HashSet<Uri>, usize)>,
    released: std::sync::Condvar,
}

/// The document and offset of the last few completion requests, each under a number.
/// A completion item's `data` is that number alone: `completionItem/resolve` finds the
/// region in force at the site through it, and a list of 150 items does not carry the
/// URI 150 times (the list is sent again on every keystroke inside a string).
#[derive(Debug, Default)]
pub struct CompletionSites {
    next: u64,
    recent: std::collections::VecDeque<(u64, Uri, usize)>,
}

impl CompletionSites {
    /// Sites kept: an item resolved after this many newer lists gets no region.
    const KEEP: usize = 16;

    pub fn add(&mut self, uri: Uri, offset: usize) -> u64 {
        self.next += 1;
        if self.recent.len() == Self::KEEP {
            self.recent.pop_front();
        }
        self.recent.push_back((self.next, uri, offset));
        self.next
    }

    pub fn get(&self, key: u64) -> Option<(Uri, usize)> {
        self.recent
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, uri, offset)| (uri.clone(), *offset))
    }
}

impl State {
    pub fn new(options: ServerOptions) -> State {
        State {
            options,
            client_caps: RwLock::new(ClientCaps::default()),
            docs: DashMap::new(),
            too_large: DashMap::new(),
            excluded: DashMap::new(),
            doc_settings: DashMap::new(),
            nested: DashMap::new(),
            results: DashMap::new(),
            inflight: DashMap::new(),
            analysis_locks: DashMap::new(),
            spare_text: DashMap::new(),
            counters: Counters::default(),
            epoch: std::sync::atomic::AtomicU64::new(0),
            encoding: RwLock::new(Encoding::Utf16),
            settings: RwLock::new(Arc::new(Settings::default())),
            catalog: RwLock::new(Catalog::embedded()),
            catalog_loader: Mutex::new(crate::catalog::Loader::default()),
            layers: Mutex::new(SettingsLayers::default()),
            root: RwLock::new(None),
            project_file: RwLock::new(None),
            shutdown_requested: AtomicBool::new(false),
            panics_shown: Mutex::new(HashSet::new()),
            pending_messages: Mutex::new(Vec::new()),
            completion_sites: Mutex::new(CompletionSites::default()),
            held: HeldAnalyses::default(),
        }
    }

    /// Test hook: hold (or release) the analyses of `uri`, as if each took forever.
    /// Returns how many analyses wait now, after the change. Tests use it to show that
    /// requests about other documents do not wait for an analysis in progress.
    pub fn hold_analyses(&self, uri: &Uri, hold: bool) -> usize {
        let mut held = self.held.held.lock().unwrap_or_else(|e| e.into_inner());
        if hold {
            held.0.insert(uri.clone());
        } else {
            held.0.remove(uri);
            self.held.released.notify_all();
        }
        held.1
    }

    /// Called inside an analysis's blocking task: wait while the test hook holds `uri`
    /// (nothing to do unless the test hooks are on). At most 20 s: a test that fails
    /// while holding must still end (a runtime waits for its blocking tasks).
    pub fn wait_if_held(&self, uri: &Uri) {
        if !self.options.test_hooks {
            return;
        }
        let mut held = self.held.held.lock().unwrap_or_else(|e| e.into_inner());
        if !held.0.contains(uri) {
            return;
        }
        held.1 += 1;
        let give_up = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while held.0.contains(uri) {
            let left = give_up.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            held = (self.held.released.wait_timeout(held, left))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        held.1 -= 1;
    }

    pub fn client_caps(&self) -> ClientCaps {
        *self.client_caps.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_client_caps(&self, caps: ClientCaps) {
        *self.client_caps.write().unwrap_or_else(|e| e.into_inner()) = caps;
    }

    pub fn encoding(&self) -> Encoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn settings(&self) -> Arc<Settings> {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn catalog(&self) -> Arc<Catalog> {
        self.catalog
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The settings in force for a document, and whether `exclude` matches it. The
    /// settings file that governs it is the nearest one between its directory and the
    /// workspace root (as `check` finds it): the root's is part of the workspace settings;
    /// a nested one (a sub-project's `.bedrock-lsp.toml` or `pyproject.toml`) takes the
    /// root file's place under the client's settings. Globs (`exclude`, `[[overrides]]`)
    /// match the path relative to that file's directory; the matching overrides apply.
    pub fn settings_for(&self, uri: &Uri) -> (Arc<Settings>, bool) {
        let base = self.settings();
        let root = self.root.read().ok().and_then(|r| r.clone());
        let Some(root) = root else {
            return (base, false);
        };
        let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else {
            return (base, false);
        };
        if !path.starts_with(&root) {
            return (base, false);
        }
        let dir = path.parent().unwrap_or(&root).to_path_buf();
        let (settings, base_dir) = match self.nested_settings(&root, &dir, &base) {
            Some((d, s)) => (s, d),
            None => (base, root),
        };
        if settings.overrides.is_empty() && settings.exclude.is_empty() {
            return (settings, false);
        }
        let Ok(rel) = path.strip_prefix(&base_dir) else {
            return (settings, false);
        };
        let excluded = settings.is_excluded(rel);
        if settings.overrides.is_empty() {
            return (settings, excluded);
        }
        if let Some(hit) = self.doc_settings.get(uri) {
            if Arc::ptr_eq(&hit.0, &settings) {
                return (hit.1.clone(), excluded);
            }
        }
        let effective = match settings.for_path(rel) {
            std::borrow::Cow::Borrowed(_) => settings.clone(),
            std::borrow::Cow::Owned(s) => Arc::new(s),
        };
        self.doc_settings
            .insert(uri.clone(), (settings, effective.clone()));
        (effective, excluded)
    }

    /// The settings of a nested settings file governing `dir` (below the root), with its
    /// directory; `None` when the root's file (or none) governs it. Kept per directory
    /// until the workspace settings change or a settings file changes
    /// ([`State::forget_settings_files`]).
    fn nested_settings(
        &self,
        root: &std::path::Path,
        dir: &std::path::Path,
        base: &Arc<Settings>,
    ) -> Option<(PathBuf, Arc<Settings>)> {
        if let Some(hit) = self.nested.get(dir) {
            if Arc::ptr_eq(&hit.0, base) {
                return hit.1.clone();
            }
        }
        let found = dir
            .ancestors()
            .take_while(|d| *d != root && d.starts_with(root))
            .find_map(crate::settings::project::in_dir);
        let built = found.and_then(|file| {
            let table = match crate::settings::project::read(&file) {
                Ok(t) => t?,
                Err(e) => {
                    tracing::warn!("{e}; the workspace settings apply to {}", dir.display());
                    return None;
                }
            };
            let layers = self.layers.lock().unwrap_or_else(|e| e.into_inner());
            let mut s = Settings::default();
            let source = file.path.display().to_string();
            let mut errors = s.apply_json(&table, &source);
            for (value, source) in [
                (&layers.init_options, "initializationOptions"),
                (&layers.workspace, "workspace/configuration"),
            ] {
                if let Some(v) = value {
                    errors.extend(s.apply_json(v, source));
                }
            }
            for e in errors {
                tracing::warn!("bedrock-lsp: {e}");
            }
            Some((file.dir().to_path_buf(), Arc::new(s)))
        });
        self.nested
            .insert(dir.to_path_buf(), (base.clone(), built.clone()));
        built
    }

    /// A settings file changed: nested ones are read again when next needed.
    pub fn forget_settings_files(&self) {
        self.nested.clear();
        self.doc_settings.clear();
    }

    /// Forget what is kept per document (after `didClose`).
    pub fn forget(&self, uri: &Uri) {
        self.excluded.remove(uri);
        self.doc_settings.remove(uri);
    }

    pub fn today(&self) -> Date {
        self.options.today.unwrap_or_else(Date::today)
    }

    fn user_dir(&self) -> Option<PathBuf> {
        self.options
            .user_catalog_dir
            .clone()
            .or_else(crate::catalog::user_catalog_dir)
    }

    /// The catalog files to read besides the user directory: the configured
    /// `catalogPaths`, resolved against the workspace root. Paths from the project file
    /// (part of a possibly untrusted repository) must stay inside the workspace; the
    /// user's own editor settings may point anywhere. Returns (files, refusals).
    fn configured_catalog_files(&self) -> (Vec<PathBuf>, Vec<String>) {
        let settings = self.settings();
        let root = self.root.read().ok().and_then(|r| r.clone());
        let from_project: Vec<String> = {
            let layers = self.layers.lock().unwrap_or_else(|e| e.into_inner());
            let mut p = Settings::default();
            if let Some(v) = &layers.project {
                let _ = p.apply_json(v, PROJECT_FILE);
            }
            p.catalog_paths
        };
        let mut refused = Vec::new();
        let mut files: Vec<PathBuf> = Vec::new();
        for p in &settings.catalog_paths {
            let path = PathBuf::from(p);
            let path = match (&root, path.is_absolute()) {
                (Some(r), false) => r.join(path),
                _ => path,
            };
            if from_project.contains(p) && !inside(&path, root.as_deref()) {
                refused.push(format!(
                    "bedrock-lsp: {PROJECT_FILE}: catalog path `{p}` is outside the workspace; refused (set it in your editor settings instead)"
                ));
                continue;
            }
            files.push(path);
        }
        (files, refused)
    }

    /// A cheap fingerprint of every catalog input (the user directory's files and the
    /// configured files: path, size, modification time). When it changes, reload.
    pub fn catalog_stamp(&self) -> Vec<FileStamp> {
        let mut stamp = self
            .user_dir()
            .map(|d| crate::catalog::user_catalog_stamp(&d))
            .unwrap_or_default();
        for f in self.configured_catalog_files().0 {
            let meta = std::fs::metadata(&f).ok();
            stamp.push((
                f,
                meta.as_ref().map_or(0, |m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
        }
        stamp
    }

    /// Load the embedded catalog plus the user directory and the configured catalog
    /// files. A file that fails is reported; if an earlier version of that file loaded,
    /// that last good version stays in force, else the file is skipped. Returns the
    /// messages for the user.
    pub fn reload_catalog(&self) -> Vec<String> {
        let (configured, mut messages) = self.configured_catalog_files();
        let user_dir = self.user_dir();
        let (catalog, problems) = self
            .catalog_loader
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .load(user_dir.as_deref(), &configured);
        for p in problems {
            let what = if p.kept_last_good {
                "the last good version of that file stays in force"
            } else {
                "that file is skipped"
            };
            messages.push(format!("bedrock-lsp: catalog {}; {what}", p.error));
        }
        *self.catalog.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(catalog);
        messages
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.docs.get(uri).map(|d| Snapshot {
            uri: uri.clone(),
            text: d.text.clone(),
            version: d.version,
            language: d.language,
            generation: d.generation,
        })
    }

    /// Answer with `f` from the stored analysis of an earlier version of the document
    /// (same opening), the current text and the edit since (from the edit log), when
    /// the current version has no analysis yet. `None` when the stored analysis is
    /// current (use it), the log does not reach back to it, or `f` cannot answer.
    ///
    /// `f` runs under the read guard of the stored analysis instead of cloning it: an
    /// analysis that starts meanwhile waits that long (≈ 0.1 ms) for the store and then
    /// updates the earlier result in place rather than copying it.
    pub fn near<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&EditedSince, crate::analysis::Since) -> Option<T>,
    ) -> Option<(T, EditedSince)> {
        let prev = self.results.get(uri)?;
        let near = {
            let doc = self.docs.get(uri)?;
            if prev.version == doc.version || prev.generation != doc.generation {
                return None;
            }
            if doc.text.len_bytes() as u64 > self.settings().max_file_size {
                return None;
            }
            let (old, inserted) = doc.edits.covering(prev.version, doc.version)?;
            EditedSince {
                rope: doc.text.clone(),
                version: doc.version,
                language: doc.language,
                old,
                inserted,
            }
        };
        let since = crate::analysis::Since {
            prev: &prev.analysis,
            old: &near.old,
            inserted_len: near.inserted,
        };
        let answer = f(&near, since)?;
        Some((answer, near))
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    pub fn current_version(&self, uri: &Uri) -> Option<i32> {
        self.docs.get(uri).map(|d| d.version)
    }

    /// Recompute the effective settings from the layers. Returns the problems found;
    /// a key with a bad value keeps its previous good value.
    pub fn recompute_settings(&self) -> Vec<SettingsError> {
        let layers = self.layers.lock().unwrap_or_else(|e| e.into_inner());
        let previous = self.settings();
        let mut s = Settings::default();
        let mut errors = Vec::new();
        for (value, source) in [
            (&layers.project, crate::settings::PROJECT_FILE),
            (&layers.init_options, "initializationOptions"),
            (&layers.workspace, "workspace/configuration"),
        ] {
            if let Some(v) = value {
                errors.extend(s.apply_json(v, source));
            }
        }
        // Keys that failed keep the previous value rather than falling back to defaults.
        for e in &errors {
            restore_key(&mut s, &previous, &e.key);
        }
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(s);
        errors
    }

    /// Record that a panic in `method` was shown; returns true the first time.
    pub fn first_panic_of(&self, method: &'static str) -> bool {
        self.panics_shown
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(method)
    }

    pub fn is_shut_down(&self) -> bool {
        self.shutdown_requested.load(Ordering::SeqCst)
    }
}

/// Whether `path` (symbolic links followed) lies inside `root`.
fn inside(path: &std::path::Path, root: Option<&std::path::Path>) -> bool {
    let Some(root) = root else { return false };
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        // A file that does not exist reads nothing; loading reports it as missing.
        (Err(_), Ok(r)) => !path.exists() && path.starts_with(r),
        _ => false,
    }
}

fn restore_key(s: &mut Settings, prev: &Settings, key: &str) {
    let k = crate::settings::norm_key(key);
    match k.split('.').next().unwrap_or("") {
        "region" | "regions" => s.regions = prev.regions.clone(),
        "maxfilesize" => s.max_file_size = prev.max_file_size,
        "inlayhints" => s.inlay_hints = prev.inlay_hints,
        "documentlinks" => s.document_links = prev.document_links,
        "reportunusedignores" => s.report_unused_ignores = prev.report_unused_ignores,
        "positionencoding" => s.force_utf16 = prev.force_utf16,
        "exclude" | "extendexclude" => s.exclude = prev.exclude.clone(),
        o if o.starts_with("overrides") => s.overrides = prev.overrides.clone(),
        _ => {}
    }
}
