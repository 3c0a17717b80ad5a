//! An in-process LSP test client: the real server over `tokio::io::duplex` with
//! `Content-Length` framing, answering the server's own requests like an editor would,
//! and the waits the LSP tests share (a message, diagnostics pulled, a refresh asked).

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bedrock_lsp::server::{self, ServerOptions};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::{mpsc, oneshot};

pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Options for an in-process server: test hooks on, a short debounce, no user catalog
/// directory (the machine's own must not leak into tests) and a fixed day.
pub fn test_options() -> ServerOptions {
    ServerOptions {
        test_hooks: true,
        debounce: Some(Duration::from_millis(10)),
        user_catalog_dir: Some(std::env::temp_dir().join("bedrock-lsp-tests-no-such-dir")),
        today: bedrock_lsp::catalog::Date::parse("2026-11-21").ok(),
        catalog_poll: Some(Duration::from_millis(100)),
    }
}

/// The `file://` URI of a path on this machine (a workspace folder, a document).
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A position (line, UTF-16 character) as LSP writes it.
pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

type Pending = Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>;

pub struct TestClient {
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    pending: Pending,
    next_id: AtomicI64,
    /// Notifications from the server, in arrival order.
    notifications: tokio::sync::Mutex<mpsc::UnboundedReceiver<Value>>,
    /// Requests the server sent to us (method, params), in arrival order.
    pub server_requests: Arc<Mutex<Vec<(String, Value)>>>,
    /// What we answer to `workspace/configuration`.
    pub configuration: Arc<Mutex<Value>>,
    pub server_task: tokio::task::JoinHandle<bool>,
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
}

/// Read one framed message; `None` at end of stream.
pub async fn read_frame<R: tokio::io::AsyncRead + Unpin>(r: &mut R) -> Option<Value> {
    let mut header = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if r.read_exact(&mut byte).await.is_err() {
            return None;
        }
        header.push(byte[0]);
        if header.ends_with(b"\r\n\r\n") {
            break;
        }
    }
    let header = String::from_utf8_lossy(&header);
    let len: usize = header
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|v| v.trim().parse().ok())?;
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    pub fn start(options: ServerOptions) -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server_task =
            tokio::spawn(
                async move { server::serve(server_read, server_write, options, None).await },
            );
        let (mut reader, writer): (ReadHalf<DuplexStream>, _) = tokio::io::split(client_end);
        let writer = Arc::new(tokio::sync::Mutex::new(writer));
        let pending: Pending = Arc::new(Mutex::new(HashMap::new()));
        let (ntx, nrx) = mpsc::unbounded_channel();
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (reply_tx, mut reply_rx) = mpsc::unbounded_channel::<Value>();
        {
            let pending = pending.clone();
            let server_requests = server_requests.clone();
            let configuration = configuration.clone();
            tokio::spawn(async move {
                while let Some(msg) = read_frame(&mut reader).await {
                    let has_method = msg.get("method").is_some();
                    let id = msg.get("id").cloned();
                    match (has_method, id) {
                        (true, Some(id)) => {
                            let method = msg["method"].as_str().unwrap_or("").to_string();
                            let params = msg.get("params").cloned().unwrap_or(Value::Null);
                            server_requests
                                .lock()
                                .unwrap()
                                .push((method.clone(), params.clone()));
                            let result = match method.as_str() {
                                "workspace/configuration" => {
                                    let n = params["items"].as_array().map_or(1, |a| a.len());
                                    let v = configuration.lock().unwrap().clone();
                                    Value::Array(vec![v; n])
                                }
                                _ => Value::Null,
                            };
                            let _ = reply_tx
                                .send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                        }
                        (true, None) => {
                            let _ = ntx.send(msg);
                        }
                        (false, Some(id)) => {
                            if let Some(tx) =
                                id.as_i64().and_then(|i| pending.lock().unwrap().remove(&i))
                            {
                                let _ = tx.send(msg);
                            }
                        }
                        (false, None) => {
                            let _ = ntx.send(msg);
                        }
                    }
                }
            });
        }
        let client = TestClient {
            writer,
            pending,
            next_id: AtomicI64::new(1),
            notifications: tokio::sync::Mutex::new(nrx),
            server_requests,
            configuration,
            server_task,
        };
        // Replies to server requests go through the same writer.
        let w = client.writer.clone();
        tokio::spawn(async move {
            while let Some(reply) = reply_rx.recv().await {
                if WriterHandle(&w).send_raw(&reply.to_string()).await.is_err() {
                    break;
                }
            }
        });
        client
    }

    /// A server with [`test_options`], initialized with UTF-16 and workspace configuration.
    pub async fn started() -> TestClient {
        let c = TestClient::start(test_options());
        c.initialize_default().await;
        c
    }

    fn writer_handle(&self) -> WriterHandle<'_> {
        WriterHandle(&self.writer)
    }

    pub async fn send_raw(&self, body: &str) {
        let _ = self.writer_handle().send_raw(body).await;
    }

    pub async fn send_bytes(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        let _ = w.write_all(bytes).await;
        let _ = w.flush().await;
    }

    /// Send a request and wait for its response (the whole response object).
    pub async fn request_raw(&self, method: &str, params: Value) -> Value {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&body.to_string()).await;
        tokio::time::timeout(TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to {method} within {TIMEOUT:?}"))
            .expect("response channel closed")
    }

    /// Send a request; `Ok(result)` or `Err(error object)`.
    pub async fn request(&self, method: &str, params: Value) -> Result<Value, Value> {
        let resp = self.request_raw(method, params).await;
        match resp.get("error") {
            Some(e) => Err(e.clone()),
            None => Ok(resp.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    pub async fn notify(&self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&body.to_string()).await;
    }

    /// A server with `options`, initialized with the workspace folder `root` (its
    /// [`file_uri`] as `rootUri`) and `capabilities`, no initialization options.
    pub async fn start_in(root: &Path, options: ServerOptions, capabilities: Value) -> TestClient {
        let c = TestClient::start(options);
        c.initialize_in(Some(&file_uri(root)), capabilities, Value::Null)
            .await;
        c
    }

    /// `initialize` with no workspace folder (waiting for its response before anything
    /// else) and `initialized`.
    pub async fn initialize(&self, capabilities: Value, init_options: Value) -> Value {
        self.initialize_in(None, capabilities, init_options).await
    }

    /// [`TestClient::initialize`] with `root_uri` as the workspace folder.
    pub async fn initialize_in(
        &self,
        root_uri: Option<&str>,
        capabilities: Value,
        init_options: Value,
    ) -> Value {
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "capabilities": capabilities,
                    "initializationOptions": init_options,
                }),
            )
            .await
            .expect("initialize failed");
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn initialize_default(&self) -> Value {
        self.initialize(
            json!({"general": {"positionEncodings": ["utf-16"]}, "workspace": {"configuration": true}}),
            Value::Null,
        )
        .await
    }

    pub async fn open(&self, uri: &str, language_id: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// The user changes the settings: `workspace/configuration` answers `settings` from
    /// now on, and the server is told to ask again (`didChangeConfiguration` with no
    /// settings, as VS Code and Neovim send it).
    pub async fn reconfigure(&self, settings: Value) {
        *self.configuration.lock().unwrap() = settings;
        self.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    }

    /// Wait until the server publishes no diagnostics for `uri`.
    pub async fn wait_until_clean(&self, uri: &str) {
        self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["diagnostics"].as_array().is_some_and(|a| a.is_empty())
        })
        .await;
    }

    /// Wait for a notification matching `method` and `pred`; earlier non-matching
    /// notifications are dropped.
    pub async fn wait_for(&self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let mut rx = self.notifications.lock().await;
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let msg = tokio::time::timeout_at(deadline, rx.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} notification within {TIMEOUT:?}"))
                .expect("server closed the connection");
            if msg["method"] == method && pred(&msg["params"]) {
                return msg["params"].clone();
            }
        }
    }

    /// Wait for a `window/showMessage` whose text contains `needle`.
    pub async fn message_containing(&self, needle: &str) -> Value {
        self.wait_for("window/showMessage", |p| {
            p["message"].as_str().unwrap_or("").contains(needle)
        })
        .await
    }

    /// Pull the diagnostics of `uri` (`textDocument/diagnostic`); the report.
    pub async fn pull_diagnostics(&self, uri: &str) -> Value {
        self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await
        .unwrap()
    }

    /// How many requests named `method` the server has sent us so far.
    pub fn server_requests_named(&self, method: &str) -> usize {
        self.server_requests
            .lock()
            .unwrap()
            .iter()
            .filter(|(m, _)| m == method)
            .count()
    }

    /// Wait (up to [`TIMEOUT`]) until the server has sent more than `seen` requests named
    /// `method`; the count then (still `seen` if none came).
    pub async fn server_requests_after(&self, method: &str, seen: usize) -> usize {
        let deadline = std::time::Instant::now() + TIMEOUT;
        while self.server_requests_named(method) <= seen && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.server_requests_named(method)
    }

    /// Wait for the diagnostics of `uri` at `version`.
    pub async fn diagnostics(&self, uri: &str, version: i32) -> Vec<Value> {
        let p = self
            .wait_for("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri && p["version"] == version
            })
            .await;
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Wait for the diagnostics of several documents at `version`, published in any
    /// order; returned in the order of `uris`.
    pub async fn diagnostics_of_all(&self, uris: &[&str], version: i32) -> Vec<Vec<Value>> {
        let mut got: Vec<Option<Vec<Value>>> = vec![None; uris.len()];
        while got.iter().any(Option::is_none) {
            let p = self
                .wait_for("textDocument/publishDiagnostics", |p| {
                    p["version"] == version && uris.iter().any(|u| p["uri"] == *u)
                })
                .await;
            if let Some(i) = uris.iter().position(|u| p["uri"] == *u) {
                got[i] = Some(p["diagnostics"].as_array().cloned().unwrap_or_default());
            }
        }
        got.into_iter().flatten().collect()
    }

    /// Notifications received so far with this method (non-blocking; drains the queue).
    pub async fn drain(&self, method: &str) -> Vec<Value> {
        let mut rx = self.notifications.lock().await;
        let mut out = Vec::new();
        while let Ok(msg) = rx.try_recv() {
            if msg["method"] == method {
                out.push(msg["params"].clone());
            }
        }
        out
    }

    pub async fn shutdown_and_exit(self) -> bool {
        self.request("shutdown", Value::Null)
            .await
            .expect("shutdown");
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server_task)
            .await
            .expect("server did not stop after exit")
            .expect("server task panicked")
    }
}

struct WriterHandle<'a>(&'a tokio::sync::Mutex<WriteHalf<DuplexStream>>);

impl WriterHandle<'_> {
    async fn send_raw(&self, body: &str) -> std::io::Result<()> {
        let mut w = self.0.lock().await;
        w.write_all(&frame(body)).await?;
        w.flush().await
    }
}
