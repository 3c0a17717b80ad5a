//! What work the server did: how each analysis was made ([`Strategy`]) and how many
//! of each there were, for tests (`bedrockLsp/testAnalyses`) and logs.

use std::sync::atomic::{AtomicU64, Ordering};

/// How the analysis of a version was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// From the text alone.
    Full,
    /// From the previous analysis, by comparing the two texts.
    Diff,
    /// From the previous analysis and the edits the client sent.
    Edits,
}

/// Counts of the work the server did.
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
    pub fn analysed(&self, strategy: Strategy) {
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

    pub fn window_answer(&self) {
        self.window_answers.fetch_add(1, Ordering::SeqCst);
    }
}
