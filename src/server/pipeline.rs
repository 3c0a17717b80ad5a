//! The analysis pipeline: after a change, wait for the debounce, take a snapshot (rope
//! clone + version), analyse it on the blocking pool, and publish only if the document
//! is still at that version. Results are kept per document for requests to reuse.
//!
//! - Each version is analysed from the newest stored analysis of the document
//!   ([`analysis::analyze_edit`]: the lines the edit touches are read again, the rest is
//!   kept), so the cost follows the size of the edit, not of the file.
//! - One analysis per version: a request that needs the version being analysed waits
//!   for that analysis instead of starting its own ([`Inflight`]).
//! - Analyses of one document run one after the other (each starts from the one
//!   before), and one whose version is no longer current when its turn comes is not
//!   run: a document edited quickly keeps at most one core busy and leaves the others
//!   to requests about other documents.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures::future::{BoxFuture, FutureExt, Shared};
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::Client;

use super::counters::Strategy;
use super::guard;
use super::open_doc::{Analysed, Inflight, Inputs, OpenDoc, Snapshot};
use super::publish::{visible_diagnostics, Diagnostics};
use super::state::State;
use crate::analysis;
use crate::documents::{apply_byte_edits, ByteEdit};

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// Texts from this size on keep their previous version's buffer for the next analysis.
const SPARE_MIN: usize = 1 << 20;

/// Schedule analysis of `uri` at `version` after the debounce; publish its diagnostics.
pub fn schedule(state: &Arc<State>, client: &Client, uri: Uri, version: i32) {
    let state = state.clone();
    let client = client.clone();
    let delay = state.options.debounce.unwrap_or(DEFAULT_DEBOUNCE);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        // A newer change scheduled its own run.
        if state.current_version(&uri) != Some(version) {
            return;
        }
        let started = std::time::Instant::now();
        let diagnostics = match current(&state, &uri).await {
            // Converted off the executor (the cost per finding: BENCHMARKS.md).
            Some(a) if a.version == version => {
                match tokio::task::spawn_blocking(move || visible_diagnostics(&a)).await {
                    Ok(d) => d,
                    Err(e) => {
                        tracing::error!(uri = uri.as_str(), version, "diagnostics failed: {e}");
                        return;
                    }
                }
            }
            // Too large to analyse: nothing to show.
            None if state.doc(&uri, |d| d.too_large || d.excluded) == Some(true) => {
                Arc::new(Vec::new())
            }
            _ => return,
        };
        // A client that pulls diagnostics would show pushed ones twice.
        if state.current_version(&uri) == Some(version) && !state.client_caps().pulls() {
            let us = started.elapsed().as_micros() as u64;
            client
                .publish_diagnostics(uri, (*diagnostics).clone(), Some(version))
                .await;
            // From the end of the debounce to the notification handed to the writer.
            tracing::debug!(
                target: "bedrock_lsp::timing",
                version,
                us,
                "diagnostics published"
            );
        }
    });
}

/// How long after a request answered without the version's analysis that analysis
/// starts: the requests an editor sends together after a keystroke (completion, hover,
/// code actions …) come within this, and are answered from the previous analysis
/// rather than waiting for this one.
const PREPARE_AFTER: Duration = Duration::from_millis(5);

/// Start the analysis of the document's current version soon, in the background, when
/// a request was answered without it: the debounced publish then finds it done.
pub fn prepare(state: &Arc<State>, uri: &Uri) {
    let state = state.clone();
    let uri = uri.clone();
    let Some(version) = state.current_version(&uri) else {
        return;
    };
    tokio::spawn(async move {
        tokio::time::sleep(PREPARE_AFTER).await;
        if state.current_version(&uri) == Some(version) {
            current(&state, &uri).await;
        }
    });
}

/// The analysis of the document's current version: the stored one when it is current,
/// else the one under way for it, else one started now. `None` for unknown, excluded or
/// too-large documents, or when the document changed meanwhile. When the settings or
/// the catalog change while it runs (the configuration a client sends right after
/// `initialized`), it is made again with them: a pull answered then is not empty.
pub async fn current(state: &Arc<State>, uri: &Uri) -> Option<Analysed> {
    for _ in 0..4 {
        let version = state.current_version(uri)?;
        let epoch = state.epoch();
        if let Some(a) = current_at(state, uri, version, epoch).await {
            return Some(a);
        }
        if state.epoch() == epoch || state.current_version(uri) != Some(version) {
            return None;
        }
    }
    None
}

/// What [`current_at`] found in the record.
enum Found {
    Done(Analysed),
    Under(Shared<BoxFuture<'static, Option<Analysed>>>),
}

/// [`current`] for one version and epoch.
async fn current_at(state: &Arc<State>, uri: &Uri, version: i32, epoch: u64) -> Option<Analysed> {
    let stored = |d: &OpenDoc| {
        d.latest
            .as_ref()
            .filter(|a| a.version == version && a.epoch == epoch)
            .cloned()
    };
    // Most requests find it stored (a read guard, shared with other readers).
    if let Some(a) = state.doc(uri, stored).flatten() {
        return Some(a);
    }
    let found = state.doc_mut(uri, |d| {
        if let Some(a) = stored(d) {
            return Some(Found::Done(a));
        }
        if let Some(job) = d
            .inflight
            .as_ref()
            .filter(|j| j.version == version && j.epoch == epoch)
        {
            return Some(Found::Under(job.result.clone()));
        }
        if d.doc.version != version {
            return None;
        }
        let snap = d.snapshot(uri);
        let st = state.clone();
        let result = async move { analyse(&st, snap, epoch).await }
            .boxed()
            .shared();
        d.inflight = Some(Inflight {
            version,
            epoch,
            result: result.clone(),
        });
        Some(Found::Under(result))
    });
    let job = match found.flatten()? {
        Found::Done(a) => return Some(a),
        Found::Under(job) => job,
    };
    let result = job.await;
    state.doc_mut(uri, |d| {
        if d.inflight
            .as_ref()
            .is_some_and(|j| j.version == version && j.epoch == epoch)
        {
            d.inflight = None;
        }
    });
    result
}

/// Analyse a snapshot on the blocking pool and store the result (when the document is
/// still at that version). `None` when the document is too large, the analysis
/// panicked, or a newer version arrived meanwhile.
async fn analyse(state: &Arc<State>, snap: Snapshot, epoch: u64) -> Option<Analysed> {
    // The document's own settings (`[[overrides]]` applied); an excluded one is not
    // analysed.
    let (settings, excluded) = state.settings_for(&snap.uri);
    // The flags are the current opening's: an analysis of an earlier one leaves them.
    let ours = |d: &OpenDoc| d.doc.generation == snap.generation;
    state.doc_mut(&snap.uri, |d| {
        if ours(d) {
            d.excluded = excluded;
        }
    });
    if excluded {
        return None;
    }
    let inputs = Inputs {
        settings,
        catalog: state.catalog(),
        today: state.today(),
    };
    let enc = state.encoding();
    let too_large = snap.text.len_bytes() as u64 > inputs.settings.max_file_size;
    let newly = state.doc_mut(&snap.uri, |d| {
        let newly = too_large && !d.too_large;
        if ours(d) {
            d.too_large = too_large;
        }
        newly
    });
    if too_large {
        if newly == Some(true) {
            tracing::warn!(
                uri = snap.uri.as_str(),
                bytes = snap.text.len_bytes(),
                limit = inputs.settings.max_file_size,
                "document is larger than maxFileSize; it is tracked but not analysed"
            );
        }
        return None;
    }
    let uri = snap.uri.clone();
    let version = snap.version;
    // One analysis of a document at a time (a tokio mutex: held across the await of the
    // blocking task, and taken by nothing else).
    let turn = state.doc(&uri, |d| d.turn.clone())?;
    let _turn = turn.lock().await;
    // Not run when the document moved on, was closed, or was closed and opened again.
    let current = state.doc(&uri, |d| {
        d.doc.version == version && d.doc.generation == snap.generation
    });
    if current != Some(true) || state.epoch() != epoch {
        return None;
    }
    // The newest stored analysis of the document is the base of this one (whatever its
    // version: the edit is found by comparing the texts). When it is out of date it is
    // taken out of the record, so that it can be updated in place rather than copied.
    // With it, the client's edits from the base's version to this one, when the log
    // holds them all (then the base's text is edited in place: nothing is compared or
    // copied).
    let (prev, edits) = state.doc_mut(&uri, |d| {
        let outdated =
            (d.latest.as_ref()).is_some_and(|a| a.version != version || a.epoch != epoch);
        let prev = match outdated {
            true => d.latest.take(),
            false => d.latest.clone(),
        };
        let edits = (prev.as_ref())
            .filter(|p| p.generation == snap.generation)
            .and_then(|p| d.doc.edits.take_between(p.version, version));
        (prev, edits)
    })?;
    let test_file = uri.to_file_path().is_some_and(|p| {
        let root = state.root.read().ok().and_then(|r| r.clone());
        analysis::is_test_file(&p, root.as_deref())
    });
    let span = tracing::debug_span!("analyse", uri = uri.as_str(), version);
    let st = state.clone();
    let result = tokio::task::spawn_blocking(move || {
        let _enter = span.enter();
        st.hooks.wait_if_held(&snap.uri);
        std::panic::catch_unwind(AssertUnwindSafe(|| {
            let started = std::time::Instant::now();
            let ctx = analysis::Context {
                catalog: &inputs.catalog,
                settings: &inputs.settings,
                today: inputs.today,
                test_file,
            };
            let mut from_prev = None;
            let (text, analysis, how) = match prev {
                Some(p) if p.analysis.language == Some(snap.language) => {
                    let same = p.inputs.same_as(&inputs);
                    let lines = snap.text.len_lines() as i64 - p.rope.len_lines() as i64;
                    let prev_diagnostics = p.diagnostics.clone();
                    let mut copied = false;
                    let base = Arc::try_unwrap(p.analysis).unwrap_or_else(|a| {
                        // Someone still holds the previous result: update a copy.
                        copied = true;
                        (*a).clone()
                    });
                    match edits {
                        Some(edits) => {
                            let (text, a, edited) =
                                by_edits(&st, &snap, base, p.text, &edits, &ctx, same);
                            let how = match edited {
                                None => How::FULL,
                                Some(_) => How {
                                    strategy: Strategy::Edits,
                                    copied,
                                },
                            };
                            from_prev = edited
                                .flatten()
                                .map(|reuse| (prev_diagnostics, reuse, lines));
                            (text, a, how)
                        }
                        None => {
                            let text = rope_text(&st, &snap);
                            let a = analysis::analyze_edit(
                                base,
                                &p.text,
                                &text,
                                snap.language,
                                &ctx,
                                same,
                            );
                            // Keep the previous version's buffer for the next analysis,
                            // for large texts.
                            if let Ok(old) = Arc::try_unwrap(p.text) {
                                if old.capacity() >= SPARE_MIN {
                                    st.doc_mut(&snap.uri, |d| d.spare = Some(old));
                                }
                            }
                            let how = How {
                                strategy: Strategy::Diff,
                                copied,
                            };
                            (text, a, how)
                        }
                    }
                }
                _ => {
                    let text = rope_text(&st, &snap);
                    let a = analysis::analyze(&text, snap.language, &ctx);
                    (text, a, How::FULL)
                }
            };
            st.counters.analysed(how.strategy);
            let kind = how.label();
            // The whole analysis of a version: text update, scan, findings (the
            // diagnostics are converted when first needed).
            tracing::debug!(
                target: "bedrock_lsp::timing",
                version,
                kind,
                bytes = text.len(),
                us = started.elapsed().as_micros() as u64,
                "analysed"
            );
            Analysed {
                version,
                generation: snap.generation,
                rope: snap.text,
                text,
                analysis: Arc::new(analysis),
                diagnostics: Arc::new(Diagnostics::new(enc, from_prev)),
                epoch,
                inputs,
            }
        }))
        .map_err(|p| guard::panic_message(p.as_ref()))
    })
    .await;
    let analysed = match result {
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
    // Stored even when the document has moved on: it is the base of the next analysis
    // (requests only use a result of the current version and epoch). Not after a close,
    // nor in the record of a later opening.
    let current = state.doc_mut(&uri, |d| {
        if d.doc.generation != analysed.generation {
            return false;
        }
        d.latest = Some(analysed.clone());
        d.doc.version == version
    })?;
    current.then_some(analysed)
}

/// The snapshot's text in one string, written into the buffer of an earlier version
/// when one was kept (no fresh allocation of a large text per version).
fn rope_text(state: &State, snap: &Snapshot) -> Arc<String> {
    let mut buf = (state.doc_mut(&snap.uri, |d| d.spare.take()))
        .flatten()
        .unwrap_or_default();
    buf.clear();
    buf.reserve(snap.text.len_bytes());
    snap.text.chunks().for_each(|c| buf.push_str(c));
    Arc::new(buf)
}

/// Analyse the snapshot by applying the client's `edits` to the base's text (in place
/// when nobody else holds it) and updating the base's analysis for the range they
/// cover. Falls back to a full analysis of the snapshot's text when the edits do not
/// fit or the result is not the snapshot's text (`None`: the fallback ran; else which
/// findings were kept).
fn by_edits(
    state: &State,
    snap: &Snapshot,
    base: analysis::DocumentAnalysis,
    base_text: Arc<String>,
    edits: &[ByteEdit],
    ctx: &analysis::Context,
    same_inputs: bool,
) -> (
    Arc<String>,
    analysis::DocumentAnalysis,
    Option<Option<analysis::FindingsReuse>>,
) {
    let mut text = Arc::try_unwrap(base_text).unwrap_or_else(|t| (*t).clone());
    let applied = apply_byte_edits(&mut text, edits)
        .filter(|(range, inserted)| matches_rope(&text, &snap.text, range.start, *inserted));
    // The log holds exactly the edits made to the rope: a mismatch is a bug.
    debug_assert!(
        applied.is_some(),
        "edits replayed onto the base's text give another text"
    );
    match applied {
        Some((range, inserted)) => {
            let (a, reuse) = analysis::analyze_replaced(
                base,
                range,
                inserted,
                &text,
                snap.language,
                ctx,
                same_inputs,
            );
            (Arc::new(text), a, Some(reuse))
        }
        None => {
            tracing::warn!(
                uri = snap.uri.as_str(),
                version = snap.version,
                "the recorded edits do not give the document's text; analysing it whole"
            );
            drop(text);
            let text = rope_text(state, snap);
            let a = analysis::analyze(&text, snap.language, ctx);
            (text, a, None)
        }
    }
}

/// `text` (edited from the base) is the rope's text: same length and same bytes around
/// the edit (the whole text in debug builds).
fn matches_rope(text: &str, rope: &ropey::Rope, start: usize, inserted: usize) -> bool {
    if text.len() != rope.len_bytes() {
        return false;
    }
    if cfg!(debug_assertions) {
        return rope_eq(rope, text);
    }
    let from = start.saturating_sub(256);
    let to = (start + inserted + 256).min(text.len());
    rope.bytes_at(from)
        .take(to - from)
        .eq(text.as_bytes()[from..to].iter().copied())
}

fn rope_eq(rope: &ropey::Rope, text: &str) -> bool {
    let mut at = 0;
    for c in rope.chunks() {
        if text.as_bytes().get(at..at + c.len()) != Some(c.as_bytes()) {
            return false;
        }
        at += c.len();
    }
    at == text.len()
}

#[derive(Debug, Clone, Copy)]
struct How {
    strategy: Strategy,
    /// The previous analysis was still held elsewhere, so a copy of it was updated.
    copied: bool,
}

impl How {
    const FULL: How = How {
        strategy: Strategy::Full,
        copied: false,
    };

    /// The `kind` of the `analysed` timing log line (`benches/e2e_latency.py` reads it).
    fn label(self) -> &'static str {
        match (self.strategy, self.copied) {
            (Strategy::Full, _) => "full",
            (Strategy::Diff, false) => "incremental",
            (Strategy::Diff, true) => "incremental_copy",
            (Strategy::Edits, false) => "edits",
            (Strategy::Edits, true) => "edits_copy",
        }
    }
}
