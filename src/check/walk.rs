//! Which files to check: the paths given, and the files under given directories.
//!
//! Directories are walked with the `ignore` crate (parallel, as ripgrep does), honouring
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
use std::sync::mpsc;

use crate::syntax::Language;

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    /// Named on the command line (always read; skips are reported without `-v`).
    pub explicit: bool,
}

/// The result of walking: the files, sorted and deduplicated, and the errors met.
pub struct Walked {
    pub files: Vec<Candidate>,
    /// Messages for paths that could not be read (each names the path).
    pub errors: Vec<String>,
    /// Files passed over, and why (for `-v`).
    pub notes: Vec<(PathBuf, &'static str)>,
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

pub fn walk(paths: &[PathBuf], threads: usize) -> Walked {
    let mut out = Walked {
        files: Vec::new(),
        errors: Vec::new(),
        notes: Vec::new(),
    };
    let mut dirs = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => dirs.push(p.clone()),
            Ok(_) => out.files.push(Candidate {
                path: p.clone(),
                explicit: true,
            }),
            Err(e) => out
                .errors
                .push(format!("{}: {}", p.display(), io_reason(&e))),
        }
    }
    if let Some((first, rest)) = dirs.split_first() {
        let mut b = ignore::WalkBuilder::new(first);
        for d in rest {
            b.add(d);
        }
        b.hidden(false)
            .require_git(false)
            .threads(threads)
            .filter_entry(|e| {
                !(e.depth() > 0
                    && e.file_type().is_some_and(|t| t.is_dir())
                    && VCS_DIRS.iter().any(|v| e.file_name() == *v))
            });
        let (tx, rx) = mpsc::channel::<Result<PathBuf, String>>();
        b.build_parallel().run(|| {
            let tx = tx.clone();
            Box::new(move |entry| {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file()) {
                            let _ = tx.send(Ok(e.into_path()));
                        }
                    }
                    Err(err) => {
                        let _ = tx.send(Err(walk_error(&err)));
                    }
                }
                ignore::WalkState::Continue
            })
        });
        drop(tx);
        for r in rx {
            match r {
                Ok(path) => match wanted(&path) {
                    Ok(_) => out.files.push(Candidate {
                        path,
                        explicit: false,
                    }),
                    Err(why) => out.notes.push((path, why)),
                },
                Err(e) => out.errors.push(e),
            }
        }
    }
    out.files.sort();
    // The same file named twice (or named and walked) is checked once.
    out.files.dedup_by(|a, b| {
        if a.path == b.path {
            b.explicit |= a.explicit;
            true
        } else {
            false
        }
    });
    out.errors.sort();
    out.notes.sort();
    out
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
