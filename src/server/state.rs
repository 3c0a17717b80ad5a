//! Server state shared by handlers and background analysis: the document store,
//! the negotiated encoding, the effective settings and the latest analysis results.
//!
//! Handlers run concurrently: the store is changed synchronously (no `.await` between
//! reading and writing it) and no guard is held across an `.await`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use ropey::Rope;
use tower_lsp_server::ls_types::Uri;

use super::ServerOptions;
use crate::analysis::DocumentAnalysis;
use crate::catalog::{Catalog, Date};
use crate::documents::{Document, Encoding};
use crate::settings::{Settings, SettingsError};
use crate::syntax::Language;

/// A consistent copy of a document for analysis off the executor (a rope clone is O(1)).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub text: Rope,
    pub version: i32,
    pub language: Language,
}

/// The result of analysing one version of a document.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub version: i32,
    pub rope: Rope,
    pub text: Arc<str>,
    pub analysis: Arc<DocumentAnalysis>,
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
    /// The client pulls diagnostics (`textDocument/diagnostic`): do not push as well.
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub configuration: bool,
    pub watch_files: bool,
}

pub struct State {
    pub options: ServerOptions,
    client_caps: RwLock<ClientCaps>,
    pub docs: DashMap<Uri, Document>,
    /// Documents too large to analyse (logged once each).
    pub too_large: DashMap<Uri, ()>,
    pub results: DashMap<Uri, Analysed>,
    pub encoding: RwLock<Encoding>,
    pub settings: RwLock<Arc<Settings>>,
    pub catalog: RwLock<Arc<Catalog>>,
    pub layers: Mutex<SettingsLayers>,
    /// Last project-file text that parsed (the last good state).
    pub root: RwLock<Option<PathBuf>>,
    pub shutdown_requested: AtomicBool,
    /// Methods whose panic has already been shown to the user.
    pub panics_shown: Mutex<HashSet<&'static str>>,
    /// Settings problems waiting to be shown once `initialized` arrives.
    pub pending_messages: Mutex<Vec<String>>,
}

impl State {
    pub fn new(options: ServerOptions) -> State {
        State {
            options,
            client_caps: RwLock::new(ClientCaps::default()),
            docs: DashMap::new(),
            too_large: DashMap::new(),
            results: DashMap::new(),
            encoding: RwLock::new(Encoding::Utf16),
            settings: RwLock::new(Arc::new(Settings::default())),
            catalog: RwLock::new(Catalog::embedded()),
            layers: Mutex::new(SettingsLayers::default()),
            root: RwLock::new(None),
            shutdown_requested: AtomicBool::new(false),
            panics_shown: Mutex::new(HashSet::new()),
            pending_messages: Mutex::new(Vec::new()),
        }
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

    pub fn today(&self) -> Date {
        self.options.today.unwrap_or_else(Date::today)
    }

    /// Load the embedded catalog plus the user directory and the configured catalog
    /// files. A file that fails is reported and skipped; if loading fails as a whole the
    /// previous catalog stays. Returns the messages for the user.
    pub fn reload_catalog(&self) -> Vec<String> {
        let settings = self.settings();
        let root = self.root.read().ok().and_then(|r| r.clone());
        let dir = self
            .options
            .user_catalog_dir
            .clone()
            .or_else(crate::catalog::user_catalog_dir);
        let files: Vec<PathBuf> = settings
            .catalog_paths
            .iter()
            .map(|p| {
                let p = PathBuf::from(p);
                match (&root, p.is_absolute()) {
                    (Some(r), false) => r.join(p),
                    _ => p,
                }
            })
            .collect();
        let (catalog, errors) = Catalog::load(dir.as_deref(), &files);
        *self.catalog.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(catalog);
        errors
            .into_iter()
            .map(|e| format!("bedrock-lsp: catalog: {e}; that file is skipped"))
            .collect()
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.docs.get(uri).map(|d| Snapshot {
            uri: uri.clone(),
            text: d.text.clone(),
            version: d.version,
            language: d.language,
        })
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

fn restore_key(s: &mut Settings, prev: &Settings, key: &str) {
    let k: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    match k.split('.').next().unwrap_or("") {
        "region" | "regions" => s.regions = prev.regions.clone(),
        "maxfilesize" => s.max_file_size = prev.max_file_size,
        "inlayhints" => s.inlay_hints = prev.inlay_hints,
        "documentlinks" => s.document_links = prev.document_links,
        "positionencoding" => s.force_utf16 = prev.force_utf16,
        _ => {}
    }
}
