//! The analysis pipeline: after a change, wait for the debounce, take a snapshot (rope
//! clone + version), analyse it on the blocking pool, and publish only if the document
//! is still at that version. Results are kept per document for requests to reuse.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{Diagnostic, Uri};
use tower_lsp_server::Client;

use super::state::{Analysed, Inputs, Snapshot, State};
use super::{convert, guard};
use crate::analysis;

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// Schedule analysis of `uri` at `version` after the debounce.
pub fn schedule(state: &Arc<State>, client: &Client, uri: Uri, version: i32) {
    let state = state.clone();
    let client = client.clone();
    let delay = state.options.debounce.unwrap_or(DEFAULT_DEBOUNCE);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        // A newer change scheduled its own run.
        let Some(snap) = state.snapshot(&uri) else {
            return;
        };
        if snap.version != version {
            return;
        }
        if let Some(diags) = analyse(&state, snap).await {
            // A client that pulls diagnostics would show pushed ones twice.
            if state.current_version(&uri) == Some(version) && !state.client_caps().pull_diagnostics
            {
                client.publish_diagnostics(uri, diags, Some(version)).await;
            }
        }
    });
}

/// Analyse a snapshot on the blocking pool, store the result and return its diagnostics.
/// Returns `None` when the document is too large, the analysis panicked, or a newer
/// version arrived meanwhile.
pub async fn analyse(state: &Arc<State>, snap: Snapshot) -> Option<Vec<Diagnostic>> {
    let inputs = Inputs {
        settings: state.settings(),
        catalog: state.catalog(),
        today: state.today(),
    };
    let enc = state.encoding();
    if snap.text.len_bytes() as u64 > inputs.settings.max_file_size {
        if state.too_large.insert(snap.uri.clone(), ()).is_none() {
            tracing::warn!(
                uri = snap.uri.as_str(),
                bytes = snap.text.len_bytes(),
                limit = inputs.settings.max_file_size,
                "document is larger than maxFileSize; it is tracked but not analysed"
            );
        }
        return Some(Vec::new());
    }
    state.too_large.remove(&snap.uri);
    let uri = snap.uri.clone();
    let version = snap.version;
    // The newest stored analysis of this document: an edit of it is analysed
    // incrementally (whatever its version; the edit is found by comparing the texts).
    let prev = state.results.get(&uri).map(|a| a.clone());
    let span = tracing::debug_span!("analyse", uri = uri.as_str(), version);
    let result = tokio::task::spawn_blocking(move || {
        let _enter = span.enter();
        std::panic::catch_unwind(AssertUnwindSafe(|| {
            let text: Arc<str> = Arc::from(snap.text.to_string());
            let ctx = analysis::Context {
                catalog: &inputs.catalog,
                settings: &inputs.settings,
                today: inputs.today,
            };
            let analysis = match prev {
                Some(p) if p.analysis.language == Some(snap.language) => {
                    analysis::analyze_incremental(
                        &p.analysis,
                        &p.text,
                        &text,
                        snap.language,
                        &ctx,
                        p.inputs.same_as(&inputs),
                    )
                }
                _ => analysis::analyze(&text, snap.language, &ctx),
            };
            let diags = convert::diagnostics(&snap.text, &analysis.findings, enc);
            (Arc::new(analysis), diags, (snap.text, text), inputs)
        }))
        .map_err(|p| guard::panic_message(p.as_ref()))
    })
    .await;
    let (analysis, diags, (rope, text), inputs) = match result {
        Ok(Ok(r)) => r,
        Ok(Err(msg)) => {
            tracing::error!(uri = uri.as_str(), version, "analysis panicked: {msg}");
            return None;
        }
        Err(e) => {
            tracing::error!(uri = uri.as_str(), version, "analysis task failed: {e}");
            return None;
        }
    };
    if state.current_version(&uri) != Some(version) {
        return None;
    }
    state.results.insert(
        uri,
        Analysed {
            version,
            rope,
            text,
            analysis,
            inputs,
        },
    );
    Some(diags)
}

/// The analysis of the document's current version: the stored one when it is current,
/// else computed now. `None` for unknown or too-large documents.
pub async fn current(state: &Arc<State>, uri: &Uri) -> Option<Analysed> {
    let version = state.current_version(uri)?;
    if let Some(a) = state.results.get(uri).filter(|a| a.version == version) {
        return Some(a.clone());
    }
    let snap = state.snapshot(uri)?;
    analyse(state, snap).await?;
    state
        .results
        .get(uri)
        .filter(|a| a.version == version)
        .map(|a| a.clone())
}
