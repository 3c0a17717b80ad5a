//! The thin LSP layer: capabilities, settings plumbing, the document store and the
//! analysis pipeline, and the mapping of analysis results to LSP types. Product
//! decisions live in `analysis`; this module only moves data across the protocol edge.

mod backend;
pub mod convert;
mod counters;
mod features;
pub mod guard;
mod open_doc;
mod pipeline;
mod publish;
mod state;
mod stdio;
mod test_hooks;
pub mod transport;

use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};
use tracing_subscriber::{reload, EnvFilter};

pub use backend::Backend;
pub use state::State;

/// Options for building a server (tests turn on the test-only methods).
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// Register the test-only methods `bedrockLsp/testPanic`, `bedrockLsp/testPanicNotification`
    /// `bedrockLsp/testDocumentText`, `bedrockLsp/testAnalyses` and
    /// `bedrockLsp/testHoldAnalyses`.
    pub test_hooks: bool,
    /// Debounce before analysing a changed document (default 50 ms).
    pub debounce: Option<Duration>,
    /// The user catalog directory to load (default: `BEDROCK_LSP_CATALOG_DIR` or the
    /// platform data directory). Tests point it at a temporary directory.
    pub user_catalog_dir: Option<std::path::PathBuf>,
    /// The day lifecycle is computed for (default: today). For tests.
    pub today: Option<crate::catalog::Date>,
    /// How often the catalog inputs (user directory, configured files) are checked for
    /// changes such as a `catalog refresh` landing (default 2 s).
    pub catalog_poll: Option<Duration>,
}

/// Changes the log filter when the client sends its `trace` value (unless `RUST_LOG` is set).
pub type LogControl = Arc<dyn Fn(&str) + Send + Sync>;

/// Build the service; `serve` it over any reader/writer pair.
pub fn build_service(
    options: ServerOptions,
    log_control: Option<LogControl>,
) -> (
    LspService<Backend>,
    tower_lsp_server::ClientSocket,
    Arc<State>,
) {
    let state = Arc::new(State::new(options.clone()));
    let st = state.clone();
    let builder = LspService::build(move |client| Backend::new(client, st, log_control))
        .custom_method("bedrockLsp/status", Backend::status);
    let builder = if options.test_hooks {
        builder
            .custom_method("bedrockLsp/testPanic", Backend::test_panic)
            .custom_method("bedrockLsp/testDocumentText", Backend::test_document_text)
            .custom_method("bedrockLsp/testAnalyses", Backend::test_analyses)
            .custom_method("bedrockLsp/testHoldAnalyses", Backend::test_hold_analyses)
            .custom_method(
                "bedrockLsp/testPanicNotification",
                Backend::test_panic_notification,
            )
    } else {
        builder
    };
    let (service, socket) = builder.finish();
    (service, socket, state)
}

/// Serve LSP over the given streams until `exit` or end of input. Returns whether
/// `shutdown` was received before the end (the exit code depends on it).
///
/// Input passes through the framing guard in [`transport`], so no malformed message
/// can stop the server.
pub async fn serve<I, O>(
    input: I,
    output: O,
    options: ServerOptions,
    log: Option<LogControl>,
) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket, state) = build_service(options, log);
    let (to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    let (replies_tx, replies_rx) = tokio::sync::mpsc::unbounded_channel();
    let arrivals = transport::Arrivals::default();
    let input_task = tokio::spawn(transport::pump_input(
        input,
        to_server,
        replies_tx,
        arrivals.clone(),
    ));
    let mut output_task = tokio::spawn(transport::pump_output(
        from_server,
        output,
        replies_rx,
        arrivals,
    ));
    let serving = Server::new(server_in, server_out, socket).serve(service);
    tokio::pin!(serving);
    tokio::select! {
        _ = &mut serving => {
            // The server has stopped (exit or end of input): flush what it wrote.
            let _ = tokio::time::timeout(Duration::from_millis(500), output_task).await;
        }
        _ = &mut output_task => {
            // Our output is gone (the client vanished): nobody can hear us any more.
            tracing::info!("the output stream closed; stopping");
        }
    }
    input_task.abort();
    state.shutdown_requested.load(Ordering::SeqCst)
}

fn init_logging() -> Option<LogControl> {
    let from_env = std::env::var("RUST_LOG").is_ok();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let (filter, handle) = reload::Layer::new(filter);
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false);
    if tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .try_init()
        .is_err()
    {
        return None;
    }
    if from_env {
        return None;
    }
    Some(Arc::new(move |trace: &str| {
        let level = match trace {
            "verbose" => "debug",
            "messages" => "info",
            _ => "info",
        };
        let _ = handle.modify(|f| *f = EnvFilter::new(level));
    }))
}

/// `bedrock-lsp`, `bedrock-lsp serve`, `bedrock-lsp --stdio`.
pub fn run_stdio() -> ExitCode {
    let log = init_logging();
    guard::install_panic_hook();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("bedrock-lsp: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        "bedrock-lsp serving on stdio"
    );
    let clean = runtime.block_on(async {
        let (input, output) = stdio::streams();
        serve(input, output, ServerOptions::default(), log).await
    });
    // Do not wait for analysis still running on the blocking pool.
    runtime.shutdown_timeout(Duration::from_millis(100));
    if clean {
        ExitCode::SUCCESS
    } else {
        tracing::info!("input ended or exit arrived without shutdown; exiting with code 1");
        ExitCode::from(1)
    }
}
