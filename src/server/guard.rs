//! Panic isolation: every handler runs under `catch_unwind`, so a bug in one request
//! becomes an `InternalError` response (or, for a notification, a log line and one
//! message to the user) and the server keeps serving.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use tower_lsp_server::jsonrpc::{Error, Result};

pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Run a request handler; a panic becomes an `InternalError` response.
///
/// The time it took is logged at debug level under the target `bedrock_lsp::timing`
/// (`RUST_LOG=bedrock_lsp::timing=debug`; `benches/e2e_latency.py` reads it).
pub async fn request<T>(method: &'static str, fut: impl Future<Output = Result<T>>) -> Result<T> {
    let started = std::time::Instant::now();
    let outcome = AssertUnwindSafe(fut).catch_unwind().await;
    tracing::debug!(
        target: "bedrock_lsp::timing",
        method,
        us = started.elapsed().as_micros() as u64,
        "request handled"
    );
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            let msg = panic_message(payload.as_ref());
            tracing::error!(method, "request handler panicked: {msg}");
            let mut err = Error::internal_error();
            err.message = format!("bedrock-lsp: internal error in {method}: {msg}").into();
            Err(err)
        }
    }
}

/// Run a notification handler; a panic is returned as a message for the caller to log
/// and show once.
pub async fn notification(
    method: &'static str,
    fut: impl Future<Output = ()>,
) -> std::result::Result<(), String> {
    match AssertUnwindSafe(fut).catch_unwind().await {
        Ok(()) => Ok(()),
        Err(payload) => {
            let msg = panic_message(payload.as_ref());
            tracing::error!(method, "notification handler panicked: {msg}");
            Err(format!(
                "bedrock-lsp: internal error while handling {method}: {msg}. The server keeps running; see its log for details."
            ))
        }
    }
}

/// Log panics with a backtrace (to stderr through tracing) wherever they happen.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!("panic: {info}\n{backtrace}");
    }));
}
