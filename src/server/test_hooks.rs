//! Hooks for tests on the production path, inert unless the server was built with
//! `ServerOptions::test_hooks` (the `bedrockLsp/test…` methods).

use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use tower_lsp_server::ls_types::Uri;

/// `bedrockLsp/testHoldAnalyses`: analyses of the documents held wait, inside their
/// blocking task, until released, as if each took forever. Tests use it to show that
/// requests about other documents do not wait for an analysis in progress.
#[derive(Default)]
pub struct TestHooks {
    on: bool,
    /// The documents held, and how many analyses wait now.
    held: Mutex<(HashSet<Uri>, usize)>,
    released: Condvar,
}

impl TestHooks {
    pub fn new(on: bool) -> TestHooks {
        TestHooks {
            on,
            ..TestHooks::default()
        }
    }

    /// Hold (or release) the analyses of `uri`. Returns how many analyses wait now,
    /// after the change.
    pub fn hold_analyses(&self, uri: &Uri, hold: bool) -> usize {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if hold {
            held.0.insert(uri.clone());
        } else {
            held.0.remove(uri);
            self.released.notify_all();
        }
        held.1
    }

    /// Called inside an analysis's blocking task: wait while `uri` is held (nothing to
    /// do unless the hooks are on). At most 20 s: a test that fails while holding must
    /// still end (a runtime waits for its blocking tasks).
    pub fn wait_if_held(&self, uri: &Uri) {
        if !self.on {
            return;
        }
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if !held.0.contains(uri) {
            return;
        }
        held.1 += 1;
        let give_up = Instant::now() + Duration::from_secs(20);
        while held.0.contains(uri) {
            let left = give_up.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            held = (self.released.wait_timeout(held, left))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        held.1 -= 1;
    }
}
