//! Which files to check: the paths given, and the files under given directories.
//!
//! Directories are walked with the `ignore` crate (parallel, as ripgrep does; the caller
//! checks each file on the walking thread that met it, [`walk`]), honouring
//! `.gitignore` (even outside a git repository), `.ignore` and git's global excludes.
//! Hidden files are included (`.env`, `.github/workflows`), VCS directories are not.
//!
//! Every walked text file is read: a name that says no language is read by the generic
//! reader. Passed over by name, and listed with the reason by `check -v`: minified
//! bundles and source maps (generated copies of sources that are checked themselves),
//! lock files (generated; they name packages and hashes, never a model, and are large),
//! and files whose extension says binary (images, archives, fonts, compiled code, model
//! weights). When read (`file.rs`), a file is still skipped when it is binary (a NUL byte
//! in its first 8 KiB), over `maxFileSize`, or (for the generic reader) not UTF-8. A file
//! named on the command line is always read; when it is skipped, the reason is printed.

use std::path::{Path, PathBuf};

use crate::syntax::Language;

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    /// Named on the command line (always read; skips are reported without `-v`).
    pub explicit: bool,
}

const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".jj", ".bzr"];

/// Lock files: generated, large, and they name packages and hashes, never a model.
const LOCK_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
    "cargo.lock",
    "poetry.lock",
    "pipfile.lock",
    "pdm.lock",
    "uv.lock",
    "composer.lock",
    "gemfile.lock",
    "go.sum",
    "mix.lock",
    "pubspec.lock",
    "package.resolved",
    "packages.lock.json",
    "gradle.lockfile",
    "flake.lock",
    "podfile.lock",
];

/// Extensions of files that are not text (so not even opened).
const BINARY_EXTENSIONS: &[&str] = &[
    "png",
    "jpg",
    "jpeg",
    "gif",
    "bmp",
    "ico",
    "icns",
    "webp",
    "tif",
    "tiff",
    "psd",
    "pdf",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "xz",
    "zst",
    "7z",
    "rar",
    "tar",
    "jar",
    "war",
    "ear",
    "whl",
    "egg",
    "class",
    "pyc",
    "pyo",
    "o",
    "obj",
    "a",
    "lib",
    "so",
    "dylib",
    "dll",
    "exe",
    "bin",
    "wasm",
    "woff",
    "woff2",
    "ttf",
    "otf",
    "eot",
    "mp3",
    "mp4",
    "m4a",
    "mov",
    "avi",
    "mkv",
    "webm",
    "wav",
    "flac",
    "ogg",
    "parquet",
    "arrow",
    "feather",
    "npy",
    "npz",
    "pt",
    "pth",
    "onnx",
    "safetensors",
    "gguf",
    "h5",
    "hdf5",
    "pkl",
    "pickle",
    "joblib",
    "db",
    "sqlite",
    "sqlite3",
    "dmg",
    "iso",
    "deb",
    "rpm",
    "apk",
    "aab",
    "ipa",
    "xlsx",
    "xls",
    "docx",
    "doc",
    "pptx",
    "ppt",
    "keystore",
    "jks",
    "p12",
    "pfx",
    "der",
];

/// Is this walked file worth reading (by its name)? The language it is read in, or why not.
pub fn wanted(path: &Path) -> Result<Language, &'static str> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    if [
        ".min.js",
        ".min.mjs",
        ".min.cjs",
        "-min.js",
        ".bundle.js",
        ".min.css",
    ]
    .iter()
    .any(|s| lower.ends_with(s))
    {
        return Err("minified bundle");
    }
    if lower.ends_with(".map") {
        return Err("source map (generated from the sources)");
    }
    if LOCK_FILES.contains(&lower.as_str()) {
        return Err("lock file (generated; names packages, not models)");
    }
    if lower
        .rsplit_once('.')
        .is_some_and(|(_, ext)| BINARY_EXTENSIONS.contains(&ext))
    {
        return Err("binary file type");
    }
    Ok(Language::detect(None, Some(&name)))
}

/// The paths given on the command line, sorted out: files, directories, and the ones
/// that do not exist.
pub struct Roots {
    /// Files named (checked as named, whatever their name; each once).
    pub files: Vec<PathBuf>,
    /// Directories to walk (each once).
    pub dirs: Vec<PathBuf>,
    /// Messages for the paths that could not be read (each names the path).
    pub errors: Vec<String>,
}

impl Roots {
    pub fn new(paths: &[PathBuf]) -> Roots {
        let mut roots = Roots {
            files: Vec::new(),
            dirs: Vec::new(),
            errors: Vec::new(),
        };
        for p in paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    if !roots.dirs.contains(p) {
                        roots.dirs.push(p.clone());
                    }
                }
                Ok(_) => {
                    if !roots.files.contains(p) {
                        roots.files.push(p.clone());
                    }
                }
                Err(e) => roots
                    .errors
                    .push(format!("{}: {}", p.display(), io_reason(&e))),
            }
        }
        roots
    }
}

/// What the walk met.
pub enum Met {
    /// A file to check: named, or walked and [`wanted`].
    File(Candidate),
    /// A walked file passed over by its name, and why (for `-v`).
    Skipped(PathBuf, &'static str),
    /// A path that could not be read (the message names it).
    Error(String),
}

/// Walk the roots on `threads` threads, calling `visit` on each thread's own state (made
/// by `init`) for every file met; the states come back at the end. A named file is met
/// once, as named, even when a walked directory holds it too; a file under two walked
/// directories that overlap is met twice (the caller sorts and deduplicates). No order.
pub fn walk<S: Send>(
    roots: &Roots,
    threads: usize,
    init: &(dyn Fn() -> S + Sync),
    visit: &(dyn Fn(&mut S, Met) + Sync),
) -> Vec<S> {
    let mut all = roots.files.iter().chain(&roots.dirs);
    let Some(first) = all.next() else {
        return Vec::new();
    };
    // The named files are roots of the walk as well: they are checked on its threads.
    let mut b = ignore::WalkBuilder::new(first);
    for p in all {
        b.add(p);
    }
    b.hidden(false)
        .require_git(false)
        .threads(threads.max(1))
        .filter_entry(|e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && VCS_DIRS.iter().any(|v| e.file_name() == *v))
        });
    let done = std::sync::Mutex::new(Vec::new());
    let named: std::collections::HashSet<&Path> =
        roots.files.iter().map(PathBuf::as_path).collect();
    b.build_parallel().visit(&mut Builder {
        init,
        visit,
        named: &named,
        done: &done,
    });
    done.into_inner().unwrap_or_else(|e| e.into_inner())
}

struct Builder<'s, S> {
    init: &'s (dyn Fn() -> S + Sync),
    visit: &'s (dyn Fn(&mut S, Met) + Sync),
    named: &'s std::collections::HashSet<&'s Path>,
    done: &'s std::sync::Mutex<Vec<S>>,
}

impl<'s, S: Send + 's> ignore::ParallelVisitorBuilder<'s> for Builder<'s, S> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            state: Some((self.init)()),
            visit: self.visit,
            named: self.named,
            done: self.done,
        })
    }
}

/// One walking thread: its state goes to `done` when the walk is over.
struct Visitor<'s, S> {
    state: Option<S>,
    visit: &'s (dyn Fn(&mut S, Met) + Sync),
    named: &'s std::collections::HashSet<&'s Path>,
    done: &'s std::sync::Mutex<Vec<S>>,
}

impl<S: Send> ignore::ParallelVisitor for Visitor<'_, S> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        let Some(state) = self.state.as_mut() else {
            return ignore::WalkState::Quit;
        };
        let met = match entry {
            // A named file (a root that is not a directory: `Roots` followed links).
            Ok(e) if e.depth() == 0 => {
                if e.file_type().is_some_and(|t| t.is_dir()) {
                    return ignore::WalkState::Continue;
                }
                Met::File(Candidate {
                    path: e.into_path(),
                    explicit: true,
                })
            }
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let path = e.into_path();
                match wanted(&path) {
                    // Named as well: checked as named.
                    Ok(_) if self.named.contains(path.as_path()) => {
                        return ignore::WalkState::Continue
                    }
                    Ok(_) => Met::File(Candidate {
                        path,
                        explicit: false,
                    }),
                    Err(why) => Met::Skipped(path, why),
                }
            }
            Err(err) => Met::Error(walk_error(&err)),
        };
        (self.visit)(state, met);
        ignore::WalkState::Continue
    }
}

impl<S> Drop for Visitor<'_, S> {
    fn drop(&mut self) {
        if let Some(state) = self.state.take() {
            self.done
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(state);
        }
    }
}

fn walk_error(err: &ignore::Error) -> String {
    // ignore's errors already carry the path ("… : Permission denied (os error 13)").
    match err {
        ignore::Error::WithPath { path, err } => format!("{}: {err}", path.display()),
        ignore::Error::WithDepth { err, .. } => walk_error(err),
        ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        other => other.to_string(),
    }
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
