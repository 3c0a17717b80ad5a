//! The `LanguageServer` implementation: lifecycle, document sync and settings. Each
//! handler is wrapped in a panic guard and changes the document store before any `.await`.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::state::State;
use super::{convert, guard, pipeline, LogControl};
use crate::documents::{Change, Document, Encoding};
use crate::settings::{PROJECT_FILE, PYPROJECT_FILE};
use crate::syntax::Language;

pub struct Backend {
    pub(crate) client: Client,
    pub(crate) state: Arc<State>,
    log_control: Option<LogControl>,
}

impl Backend {
    pub fn new(client: Client, state: Arc<State>, log_control: Option<LogControl>) -> Backend {
        Backend {
            client,
            state,
            log_control,
        }
    }

    /// Log a notification handler's panic and tell the user once per method.
    async fn report_panic(&self, method: &'static str, result: std::result::Result<(), String>) {
        if let Err(message) = result {
            if self.state.first_panic_of(method) {
                self.client.show_message(MessageType::ERROR, message).await;
            }
        }
    }

    async fn show_settings_errors(&self, errors: Vec<String>) {
        for e in errors {
            tracing::warn!("{e}");
            self.client.show_message(MessageType::WARNING, e).await;
        }
    }

    /// Read the project's settings file at the workspace root (`.bedrock-lsp.toml`, else
    /// `[tool.bedrock-lsp]` in `pyproject.toml`) into the project layer. A file that
    /// does not parse leaves the last good layer in force and returns the error.
    fn load_project_file(&self) -> Vec<String> {
        let Some(root) = self.state.root.read().ok().and_then(|r| r.clone()) else {
            return Vec::new();
        };
        let file = crate::settings::project::in_dir(&root);
        let layer = match file.as_ref().map(crate::settings::project::read) {
            None => None,
            Some(Ok(layer)) => layer,
            Some(Err(e)) => {
                return vec![format!(
                    "bedrock-lsp: {e}; the previous settings stay in force"
                )]
            }
        };
        *self
            .state
            .project_file
            .write()
            .unwrap_or_else(|e| e.into_inner()) = file;
        let mut layers = self.state.layers.lock().unwrap_or_else(|e| e.into_inner());
        layers.project = layer;
        Vec::new()
    }

    fn settings_errors(&self) -> Vec<String> {
        self.settings_errors_reloading(false)
    }

    /// [`Self::settings_errors`]; the catalog is (re)loaded when `reload` is set or the
    /// settings changed its files. At `initialize` it is set: the user directory's
    /// imports, refreshes and published catalog apply from the start.
    fn settings_errors_reloading(&self, reload: bool) -> Vec<String> {
        let before = self.state.settings().catalog_paths.clone();
        let mut out: Vec<String> = self
            .state
            .recompute_settings()
            .into_iter()
            .map(|e| format!("bedrock-lsp: {e}; the previous value stays in force"))
            .collect();
        if reload || self.state.settings().catalog_paths != before {
            out.extend(self.state.reload_catalog());
        }
        out
    }

    /// Re-analyse and republish every open document (after a settings change).
    fn reanalyse_all(&self) {
        let docs = self.state.open_versions();
        // Stored results and analyses under way are out of date from now on (they are
        // still the base an incremental analysis starts from).
        self.state
            .epoch
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        for (uri, version) in docs {
            pipeline::schedule(&self.state, &self.client, uri, version);
        }
        if self.state.client_caps().pulls() {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    /// A handle for work that outlives the handler (client requests, reloads).
    fn detached(&self) -> Backend {
        Backend {
            client: self.client.clone(),
            state: self.state.clone(),
            log_control: None,
        }
    }

    /// Pull `workspace/configuration` (when the client supports it), recompute the
    /// settings, report problems and re-analyse the open documents.
    async fn refresh_configuration(&self) {
        if self.state.client_caps().configuration {
            self.pull_workspace_configuration().await;
        }
        let errors = self.settings_errors();
        self.show_settings_errors(errors).await;
        self.reanalyse_all();
    }

    async fn pull_workspace_configuration(&self) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("bedrock".into()),
        }];
        match self.client.configuration(items).await {
            Ok(mut values) if !values.is_empty() => {
                let v = values.swap_remove(0);
                if !v.is_null() {
                    self.state
                        .layers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .workspace = Some(v);
                }
            }
            Ok(_) => {}
            Err(e) => tracing::debug!("workspace/configuration failed: {e}"),
        }
    }

    /// Reload the catalog whenever its inputs change (a `catalog refresh` or `import`
    /// landing in the user directory, an edited catalog file), without a restart.
    fn watch_catalog(self) {
        let every = self
            .state
            .options
            .catalog_poll
            .unwrap_or(std::time::Duration::from_secs(2));
        tokio::spawn(async move {
            let mut last = self.state.catalog_stamp();
            loop {
                tokio::time::sleep(every).await;
                if self.state.is_shut_down() {
                    return;
                }
                let stamp = self.state.catalog_stamp();
                if stamp == last {
                    continue;
                }
                last = stamp;
                tracing::info!("catalog inputs changed; reloading the catalog");
                let errors = self.state.reload_catalog();
                self.show_settings_errors(errors).await;
                self.reanalyse_all();
            }
        });
    }

    /// `bedrockLsp/status`: what an editor's status item shows: the server version, the
    /// day the catalog's facts were last checked and its age (`stale` when the catalog
    /// itself says so: [`crate::catalog::STALE_AFTER_DAYS`]), the regions the settings put in force, the project's
    /// settings file. Params are ignored.
    pub async fn status(&self, _params: Value) -> Result<Value> {
        guard::request("bedrockLsp/status", async {
            let catalog = self.state.catalog();
            let as_of = catalog.as_of();
            let today = self.state.today();
            let settings_file = self
                .state
                .project_file
                .read()
                .ok()
                .and_then(|f| f.as_ref().map(|f| f.path.display().to_string()));
            Ok(serde_json::json!({
                "version": env!("CARGO_PKG_VERSION"),
                "catalogAsOf": as_of.to_string(),
                "catalogAgeDays": catalog.age_days(today),
                "stale": catalog.stale_notice(today).is_some(),
                "regions": self.state.settings().regions,
                "settingsFile": settings_file,
            }))
        })
        .await
    }

    /// Test-only: the server's current text of a document (`null` if it is not open).
    pub async fn test_document_text(&self, params: TestDocumentParams) -> Result<Option<String>> {
        guard::request("bedrockLsp/testDocumentText", async {
            Ok(self.state.doc(&params.uri, |d| d.doc.text.to_string()))
        })
        .await
    }

    /// Test-only: how many analyses have run: full, incremental, and of those, how many
    /// replayed the client's edits (rather than comparing texts); and how many hover and
    /// completion answers were given from a window of the text (`near`).
    pub async fn test_analyses(&self, _params: Value) -> Result<Value> {
        guard::request("bedrockLsp/testAnalyses", async {
            let c = &self.state.counters;
            let get =
                |n: &std::sync::atomic::AtomicU64| n.load(std::sync::atomic::Ordering::SeqCst);
            Ok(serde_json::json!({
                "full": get(&c.full),
                "incremental": get(&c.incremental),
                "fromEdits": get(&c.from_edits),
                "near": get(&c.window_answers),
            }))
        })
        .await
    }

    /// Test-only: `{"uri": …, "hold": true|false}` holds or releases the analyses of a
    /// document (each waits in its blocking task while held); answers
    /// `{"waiting": n}`, the analyses waiting now.
    pub async fn test_hold_analyses(&self, params: Value) -> Result<Value> {
        guard::request("bedrockLsp/testHoldAnalyses", async {
            let uri = params["uri"].as_str().and_then(|u| u.parse::<Uri>().ok());
            let Some(uri) = uri else {
                return Err(tower_lsp_server::jsonrpc::Error::invalid_params("uri"));
            };
            let hold = params["hold"].as_bool().unwrap_or(false);
            let waiting = self.state.hooks.hold_analyses(&uri, hold);
            Ok(serde_json::json!({ "waiting": waiting }))
        })
        .await
    }

    /// Test-only: a request whose handler panics.
    pub async fn test_panic(&self, _params: Value) -> Result<Value> {
        guard::request("bedrockLsp/testPanic", async {
            panic!("test panic requested by the client");
        })
        .await
    }

    /// Test-only: a notification whose handler panics.
    pub async fn test_panic_notification(&self, _params: Value) {
        let r = guard::notification("bedrockLsp/testPanicNotification", async {
            panic!("test panic requested by the client");
        })
        .await;
        self.report_panic("bedrockLsp/testPanicNotification", r)
            .await;
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct TestDocumentParams {
    pub uri: Uri,
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        if let Some(f) = folders.first() {
            return f.uri.to_file_path().map(|p| p.into_owned());
        }
    }
    #[allow(deprecated)]
    params
        .root_uri
        .as_ref()
        .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
}

fn changes(params: &DidChangeTextDocumentParams) -> Vec<Change> {
    params
        .content_changes
        .iter()
        .map(|c| Change {
            range: c
                .range
                .map(|r| (convert::pos(r.start), convert::pos(r.end))),
            text: c.text.clone(),
        })
        .collect()
}

/// The server's capabilities for the negotiated encoding; pull diagnostics are offered
/// only to a client that pulls them and can be asked to pull again (`pulls`), the
/// others get them pushed.
pub fn server_capabilities(enc: Encoding, pulls: bool) -> ServerCapabilities {
    ServerCapabilities {
        completion_provider: Some(CompletionOptions {
            resolve_provider: Some(true),
            trigger_characters: Some(
                ["\"", "'", "`", ".", ":", "-", "/"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(super::features::FIX_ALL),
            ]),
            ..Default::default()
        })),
        diagnostic_provider: pulls.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("bedrock-lsp".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        position_encoding: Some(PositionEncodingKind::from(enc.as_lsp_str().to_string())),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        guard::request("initialize", async {
            if let (Some(trace), Some(ctl)) = (&params.trace, &self.log_control) {
                let t = serde_json::to_value(trace).unwrap_or_default();
                ctl(t.as_str().unwrap_or("off"));
            }
            *self.state.root.write().unwrap_or_else(|e| e.into_inner()) = workspace_root(&params);
            let mut messages = self.load_project_file();
            if let Some(opts) = &params.initialization_options {
                self.state
                    .layers
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .init_options = Some(opts.clone());
            }
            messages.extend(self.settings_errors_reloading(true));
            let ws = params.capabilities.workspace.as_ref();
            let td = params.capabilities.text_document.as_ref();
            let caps = super::state::ClientCaps {
                pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
                diagnostic_refresh: ws
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
                configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
                watch_files: ws
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|d| d.dynamic_registration)
                    .unwrap_or(false),
            };
            self.state.set_client_caps(caps);
            let settings = self.state.settings();
            let offered: Vec<String> = params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_ref())
                .map(|v| v.iter().map(|k| k.as_str().to_string()).collect())
                .unwrap_or_default();
            let offered: Vec<&str> = offered.iter().map(String::as_str).collect();
            let enc = Encoding::negotiate(&offered, settings.force_utf16);
            *self
                .state
                .encoding
                .write()
                .unwrap_or_else(|e| e.into_inner()) = enc;
            self.state
                .pending_messages
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(messages);
            tracing::info!(encoding = enc.as_lsp_str(), "initialized");
            Ok(InitializeResult {
                capabilities: server_capabilities(enc, caps.pulls()),
                server_info: Some(ServerInfo {
                    name: "bedrock-lsp".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
                offset_encoding: None,
            })
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        let r = guard::notification("initialized", async {
            let pending: Vec<String> = std::mem::take(
                &mut *self
                    .state
                    .pending_messages
                    .lock()
                    .unwrap_or_else(|e| e.into_inner()),
            );
            self.show_settings_errors(pending).await;
            // Requests to the client run detached: a client that never answers must not
            // keep this handler (and so `exit`) waiting.
            let this = self.detached();
            tokio::spawn(async move {
                if this.state.client_caps().watch_files {
                    let watcher = DidChangeWatchedFilesRegistrationOptions {
                        watchers: [PROJECT_FILE, PYPROJECT_FILE]
                            .iter()
                            .map(|name| FileSystemWatcher {
                                glob_pattern: GlobPattern::String(format!("**/{name}")),
                                kind: None,
                            })
                            .collect(),
                    };
                    let registration = Registration {
                        id: "bedrock-lsp-watch".into(),
                        method: "workspace/didChangeWatchedFiles".into(),
                        register_options: serde_json::to_value(watcher).ok(),
                    };
                    if let Err(e) = this.client.register_capability(vec![registration]).await {
                        tracing::debug!("client did not accept file watching: {e}");
                    }
                }
                this.refresh_configuration().await;
            });
            self.detached().watch_catalog();
        })
        .await;
        self.report_panic("initialized", r).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let r = guard::notification("textDocument/didOpen", async {
            let td = params.text_document;
            let path = td
                .uri
                .to_file_path()
                .map(|p| p.to_string_lossy().into_owned());
            let language = Language::detect(Some(&td.language_id), path.as_deref());
            let uri = td.uri.clone();
            // The store changes before any await.
            let doc = Document::new(&td.text, td.version, &td.language_id, language);
            self.state.open(uri.clone(), doc);
            pipeline::schedule(&self.state, &self.client, uri, td.version);
        })
        .await;
        self.report_panic("textDocument/didOpen", r).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let r = guard::notification("textDocument/didChange", async {
            let uri = params.text_document.uri.clone();
            let version = params.text_document.version;
            let enc = self.state.encoding();
            let changes = changes(&params);
            let applied =
                match (self.state).doc_mut(&uri, |d| d.doc.apply_changes(version, &changes, enc)) {
                    Some(Ok(())) => true,
                    Some(Err(e)) => {
                        tracing::warn!(uri = uri.as_str(), "{e}");
                        false
                    }
                    None => {
                        tracing::warn!(
                            uri = uri.as_str(),
                            "didChange for a document that is not open; ignored"
                        );
                        false
                    }
                };
            if applied {
                pipeline::schedule(&self.state, &self.client, uri, version);
            }
        })
        .await;
        self.report_panic("textDocument/didChange", r).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let r = guard::notification("textDocument/didClose", async {
            let uri = params.text_document.uri;
            self.state.close(&uri);
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        })
        .await;
        self.report_panic("textDocument/didClose", r).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let r = guard::notification("workspace/didChangeConfiguration", async {
            // Clients either push the settings here or expect us to pull them.
            let pushed = match &params.settings {
                Value::Object(o) if !o.is_empty() => Some(params.settings.clone()),
                _ => None,
            };
            match pushed {
                Some(v) => {
                    self.state
                        .layers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .workspace = Some(v)
                }
                None => {
                    let this = self.detached();
                    tokio::spawn(async move { this.refresh_configuration().await });
                    return;
                }
            }
            let errors = self.settings_errors();
            self.show_settings_errors(errors).await;
            self.reanalyse_all();
        })
        .await;
        self.report_panic("workspace/didChangeConfiguration", r)
            .await;
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        guard::request("textDocument/completion", self.on_completion(params)).await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        guard::request("completionItem/resolve", self.on_completion_resolve(item)).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        guard::request("textDocument/hover", self.on_hover(params)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        guard::request("textDocument/codeAction", self.on_code_action(params)).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        guard::request("textDocument/diagnostic", self.on_diagnostic(params)).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        guard::request("textDocument/inlayHint", self.on_inlay_hint(params)).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        guard::request("textDocument/documentLink", self.on_document_link(params)).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let r = guard::notification("workspace/didChangeWatchedFiles", async {
            let touches_settings = params.changes.iter().any(|c| {
                let u = c.uri.as_str();
                u.ends_with(PROJECT_FILE) || u.ends_with(PYPROJECT_FILE)
            });
            if touches_settings {
                self.state.forget_settings_files();
                let mut errors = self.load_project_file();
                errors.extend(self.settings_errors());
                self.show_settings_errors(errors).await;
                self.reanalyse_all();
            }
        })
        .await;
        self.report_panic("workspace/didChangeWatchedFiles", r)
            .await;
    }
}
