//! Server state shared by handlers and background analysis: the open documents (one
//! [`OpenDoc`] record each), the negotiated encoding and client capabilities, the
//! settings layers and the effective settings, and the catalog.
//!
//! Handlers run concurrently: the store is changed synchronously (no `.await` between
//! reading and writing it) and no guard is held across an `.await`. A guard of the
//! document map is never held while the map is used again: records are read and
//! changed through [`State::doc`] and [`State::doc_mut`], whose closures must not call
//! back into the document methods of `State` (a `DashMap` deadlocks then).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use tower_lsp_server::ls_types::Uri;

use super::counters::Counters;
use super::open_doc::{EditedSince, OpenDoc, Snapshot};
use super::test_hooks::TestHooks;
use super::ServerOptions;
use crate::catalog::{Catalog, Date, FileStamp};
use crate::documents::{Document, Encoding};
use crate::settings::{Settings, SettingsError, PROJECT_FILE};

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
    /// The open documents (see the module doc for how the map is used).
    docs: DashMap<Uri, OpenDoc>,
    /// Per directory: the nested settings file's settings (see
    /// [`State::nested_settings`]), and the workspace settings they were made with.
    nested: DashMap<PathBuf, NestedSettings>,
    /// How many analyses and window answers there were (for tests and logs).
    pub counters: Counters,
    /// Bumped when every document must be analysed again (settings, catalog).
    pub epoch: AtomicU64,
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
    /// Inert unless `options.test_hooks`.
    pub hooks: TestHooks,
}

impl State {
    pub fn new(options: ServerOptions) -> State {
        State {
            hooks: TestHooks::new(options.test_hooks),
            options,
            client_caps: RwLock::new(ClientCaps::default()),
            docs: DashMap::new(),
            nested: DashMap::new(),
            counters: Counters::default(),
            epoch: AtomicU64::new(0),
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
        }
    }

    /// `didOpen`: a new record for `uri`, replacing whatever was kept about it.
    pub fn open(&self, uri: Uri, doc: Document) {
        self.docs.insert(uri, OpenDoc::new(doc));
    }

    /// `didClose`: forget everything kept about `uri`.
    pub fn close(&self, uri: &Uri) {
        self.docs.remove(uri);
    }

    /// Read the record of `uri` (`None`: not open). `f` must not use the document
    /// methods of `State`.
    pub fn doc<T>(&self, uri: &Uri, f: impl FnOnce(&OpenDoc) -> T) -> Option<T> {
        self.docs.get(uri).map(|d| f(&d))
    }

    /// Change the record of `uri` (`None`: not open). `f` must not use the document
    /// methods of `State`.
    pub fn doc_mut<T>(&self, uri: &Uri, f: impl FnOnce(&mut OpenDoc) -> T) -> Option<T> {
        self.docs.get_mut(uri).map(|mut d| f(&mut d))
    }

    /// The open documents and their versions.
    pub fn open_versions(&self) -> Vec<(Uri, i32)> {
        self.docs
            .iter()
            .map(|e| (e.key().clone(), e.doc.version))
            .collect()
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
        let kept = self.doc(uri, |d| d.settings.clone()).flatten();
        if let Some((from, effective)) = kept {
            if Arc::ptr_eq(&from, &settings) {
                return (effective, excluded);
            }
        }
        let effective = match settings.for_path(rel) {
            std::borrow::Cow::Borrowed(_) => settings.clone(),
            std::borrow::Cow::Owned(s) => Arc::new(s),
        };
        self.doc_mut(uri, |d| d.settings = Some((settings, effective.clone())));
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
        for mut d in self.docs.iter_mut() {
            d.settings = None;
        }
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
        self.doc(uri, |d| d.snapshot(uri))
    }

    /// Answer with `f` from the stored analysis of an earlier version of the document
    /// (same opening), the current text and the edit since (from the edit log), when
    /// the current version has no analysis yet. `None` when the stored analysis is
    /// current (use it), the log does not reach back to it, or `f` cannot answer.
    ///
    /// `f` runs under the read guard of the record instead of cloning the analysis: an
    /// analysis or edit that starts meanwhile waits for the record as long as a window
    /// answer takes (BENCHMARKS.md, "Editing performance") and then updates the earlier
    /// result in place rather than copying it. `f` must not use the document methods
    /// of `State`.
    pub fn near<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&EditedSince, crate::analysis::Since) -> Option<T>,
    ) -> Option<(T, EditedSince)> {
        let max_file_size = self.settings().max_file_size;
        let d = self.docs.get(uri)?;
        let prev = d.latest.as_ref()?;
        let doc = &d.doc;
        if prev.version == doc.version || prev.generation != doc.generation {
            return None;
        }
        if doc.text.len_bytes() as u64 > max_file_size {
            return None;
        }
        let (old, inserted) = doc.edits.covering(prev.version, doc.version)?;
        let near = EditedSince {
            rope: doc.text.clone(),
            version: doc.version,
            language: doc.language,
            old,
            inserted,
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
        self.doc(uri, |d| d.doc.version)
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
            s.keep_previous(&previous, &e.key);
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
