//! Walking and checking at once: each thread of the parallel walk ([`walk::walk`]) finds
//! the settings of the files it meets ([`Resolver`]) and checks them there
//! ([`file::check_file`]), so reading and analysing overlap with listing the tree.
//!
//! Nothing leaves this module before the walk is over, and nothing is written or printed
//! here: the files are sorted afterwards (the output order never depends on thread
//! timing), `--fix` only computes its fixes (the caller writes them with
//! [`file::write_fixes`] once it knows no settings file is broken), and a broken settings
//! or catalog file stops the checking (the walk goes on only to find out which broken file
//! governs the first file in path order, the one reported).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::catalog::Date;

use super::config::{Config, Resolver};
use super::file::{self, Fixing, Outcome};
use super::walk::{self, Candidate, Met};

/// How the files are checked.
pub struct Options {
    /// `--force-exclude`: `exclude` applies to named files too.
    pub force_exclude: bool,
    pub today: Date,
    pub fixing: Fixing,
    pub threads: usize,
}

/// One file the run met.
pub struct Checked {
    pub candidate: Candidate,
    /// The config it was (or would have been) checked with.
    pub config: Arc<Config>,
    /// `exclude` / `extend-exclude` matched it (a walked file, or a named one with
    /// `--force-exclude`): not read.
    pub excluded: bool,
    pub outcome: Outcome,
}

/// Everything the run met.
pub struct Run {
    /// Sorted by path, each file once; standard input last.
    pub files: Vec<Checked>,
    /// Paths that could not be walked (missing, unreadable directories), sorted.
    pub errors: Vec<String>,
    /// Walked files passed over by name, and why (for `-v`), sorted.
    pub notes: Vec<(PathBuf, &'static str)>,
    /// Non-empty when a settings or catalog file is broken: the errors of the one that
    /// governs the first file (in path order) governed by a broken one. `files` is then
    /// incomplete and must not be shown.
    pub config_errors: Vec<String>,
    /// The settings files in use (for `-v`), sorted.
    pub sources: Vec<PathBuf>,
}

/// Check the files under `roots`, then standard input (`stdin`: the path it stands for
/// and its bytes) last.
pub fn run(
    roots: walk::Roots,
    stdin: Option<(PathBuf, Vec<u8>)>,
    resolver: Resolver,
    cwd: &Path,
    opts: &Options,
) -> Run {
    let shared = Shared {
        configs: Mutex::new(Configs {
            resolver,
            by_dir: HashMap::new(),
        }),
        broken: AtomicBool::new(false),
        cwd,
        opts,
    };
    let found = walk::walk(
        &roots,
        opts.threads,
        &Found::default,
        &|found, met| match met {
            Met::File(c) => shared.check(found, c, None),
            Met::Skipped(path, why) => found.notes.push((path, why)),
            Met::Error(e) => found.errors.push(e),
        },
    );

    let mut all = Found::default();
    for f in found {
        all.files.extend(f.files);
        all.errors.extend(f.errors);
        all.notes.extend(f.notes);
        if let Some((path, es)) = f.failure {
            all.fail(path, es);
        }
    }
    all.files
        .sort_by(|a, b| a.candidate.path.cmp(&b.candidate.path));
    // Under two walked directories that overlap: checked twice, shown once.
    all.files
        .dedup_by(|a, b| a.candidate.path == b.candidate.path);
    // Standard input is checked last, as the file it stands for.
    if let (Some((path, bytes)), None) = (stdin, &all.failure) {
        let candidate = Candidate {
            path,
            explicit: true,
        };
        let mut last = Found::default();
        shared.check(&mut last, candidate, Some(bytes));
        all.files.extend(last.files);
        all.failure = last.failure;
    }
    let mut configs = shared
        .configs
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let mut config_errors = Vec::new();
    if let Some((_, es)) = all.failure {
        config_errors = es;
    } else if all.files.is_empty() {
        // Still validate the settings the flags and the current directory name.
        if let Err(es) = configs.resolver.for_dir(cwd) {
            config_errors = es;
        }
    }
    let mut errors = roots.errors;
    errors.extend(all.errors);
    errors.sort();
    all.notes.sort();
    Run {
        files: all.files,
        errors,
        notes: all.notes,
        config_errors,
        sources: configs
            .resolver
            .sources()
            .into_iter()
            .map(Path::to_path_buf)
            .collect(),
    }
}

/// What the threads share: the configs, and whether one is broken.
struct Shared<'a> {
    configs: Mutex<Configs>,
    /// A settings or catalog file is broken: check nothing more.
    broken: AtomicBool,
    cwd: &'a Path,
    opts: &'a Options,
}

struct Configs {
    resolver: Resolver,
    /// A file's directory as walked → its config.
    by_dir: HashMap<PathBuf, DirConfig>,
}

/// The config for one directory, or the errors of the broken file that governs it.
type DirConfig = Result<Dir, Vec<String>>;

#[derive(Clone)]
struct Dir {
    /// The directory, absolute (canonical when it could be).
    abs: PathBuf,
    config: Arc<Config>,
}

/// What one thread found.
#[derive(Default)]
struct Found {
    files: Vec<Checked>,
    errors: Vec<String>,
    notes: Vec<(PathBuf, &'static str)>,
    /// The first file (in path order) whose settings or catalog file is broken, and
    /// that file's errors.
    failure: Option<(PathBuf, Vec<String>)>,
    /// The directory of the last file checked, and its config (files come a directory
    /// at a time).
    last: Option<(PathBuf, DirConfig)>,
}

impl Found {
    fn fail(&mut self, path: PathBuf, errors: Vec<String>) {
        if self.failure.as_ref().is_none_or(|(p, _)| path < *p) {
            let mut unique: Vec<String> = Vec::with_capacity(errors.len());
            for e in errors {
                if !unique.contains(&e) {
                    unique.push(e);
                }
            }
            self.failure = Some((path, unique));
        }
    }
}

impl Shared<'_> {
    /// The config for files in `dir` (as walked).
    fn dir_config(&self, dir: &Path) -> DirConfig {
        let joined = self.cwd.join(dir);
        let got = {
            let mut configs = self.configs.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(hit) = configs.by_dir.get(dir) {
                return hit.clone();
            }
            configs.resolver.for_dir(&joined)
        };
        // The canonical directory only matters against a settings file's directory (and
        // costs a system call per path component): found outside the lock.
        let got = got.map(|config| Dir {
            abs: match config.base {
                Some(_) => std::fs::canonicalize(&joined).unwrap_or(joined),
                None => joined,
            },
            config,
        });
        let mut configs = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        configs.by_dir.insert(dir.to_path_buf(), got.clone());
        got
    }

    /// Check one file (`bytes`: standard input standing for it), into `found`.
    fn check(&self, found: &mut Found, c: Candidate, bytes: Option<Vec<u8>>) {
        let dir = match c.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let got = match &found.last {
            Some((last, got)) if last == dir => got.clone(),
            _ => {
                let got = self.dir_config(dir);
                found.last = Some((dir.to_path_buf(), got.clone()));
                got
            }
        };
        let dir = match got {
            Ok(d) => d,
            Err(es) => {
                self.broken.store(true, Ordering::Relaxed);
                found.fail(c.path, es);
                return;
            }
        };
        if self.broken.load(Ordering::Relaxed) {
            // The run stops with the broken file's errors: nothing checked would be shown.
            return;
        }
        let config = dir.config;
        let abs = dir.abs.join(c.path.file_name().unwrap_or_default());
        // The path relative to the settings file's directory (`exclude`, `[[overrides]]`).
        let rel = config.relative(&abs);
        let excluded = rel.is_some_and(|r| config.settings.is_excluded(r));
        if excluded && (!c.explicit || self.opts.force_exclude) {
            found.files.push(Checked {
                candidate: c,
                config,
                excluded: true,
                outcome: Outcome::default(),
            });
            return;
        }
        let opts = self.opts;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // `[[overrides]]` matching the file apply on top.
            let settings = match rel {
                Some(rel) => config.settings.for_path(rel),
                None => std::borrow::Cow::Borrowed(&config.settings),
            };
            match bytes {
                Some(bytes) => file::check_bytes(
                    bytes,
                    &c.path,
                    true,
                    &config,
                    &settings,
                    opts.today,
                    opts.fixing,
                ),
                None => file::check_file(
                    &c.path,
                    c.explicit,
                    &config,
                    &settings,
                    opts.today,
                    opts.fixing,
                ),
            }
        }))
        .unwrap_or_else(|_| Outcome {
            error: Some(format!(
                "{}: internal error while checking this file (please report it)",
                c.path.display()
            )),
            ..Outcome::default()
        });
        found.files.push(Checked {
            candidate: c,
            config,
            excluded: false,
            outcome,
        });
    }
}
