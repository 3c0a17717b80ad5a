//! One file: read it once, skip what should not be read, analyse, and compute the safe
//! fixes (kept for `--diff`; for `--fix`, written by [`write_fixes`] once the whole run
//! is known to be sound, never while files are still being checked).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::analysis::{self, Context, Edit, Finding};
use crate::catalog::Date;
use crate::settings::Settings;
use crate::syntax::Language;

use super::config::Config;
use super::walk::io_reason;

/// Bytes looked at for a NUL to call a file binary (as git and ripgrep do).
const BINARY_PROBE: usize = 8 * 1024;
/// Rounds of fixing: a replacement may itself need a fix (an EOL model's successor that
/// the region serves only through a profile).
const FIX_ROUNDS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    Report,
    Fix,
    Diff,
}

/// One applied (or proposed) change.
#[derive(Debug, Clone)]
pub struct Change {
    /// 1-based line in the text the change was made to.
    pub line: usize,
    pub old: String,
    pub new: String,
}

/// What happened to one file.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The text the findings refer to (kept only when there is something to show).
    pub text: String,
    pub findings: Vec<Finding>,
    pub changes: Vec<Change>,
    /// For `--diff`: the fixed text (`text` holds the original).
    pub fixed: Option<String>,
    /// For `--fix`: `text` holds the fixed text, not written yet; this is what to show if
    /// it cannot be written ([`write_fixes`]).
    pub unwritten: Option<Unwritten>,
    /// The file was not analysed, or not fixed; why (the caller adds the path).
    pub note: Option<String>,
    /// An I/O error (the caller adds the path); the run exits 2.
    pub error: Option<String>,
    pub checked: bool,
}

/// The file as it is on disk, while its fixed text waits to be written.
#[derive(Debug)]
pub struct Unwritten {
    pub text: String,
    pub findings: Vec<Finding>,
}

/// How one run fixes: which fixes count, and for `--fix` where the result goes.
#[derive(Debug, Clone, Copy)]
pub struct Fixing {
    pub mode: FixMode,
    /// `--unsafe-fixes`: also the fixes not marked safe (the preferred one of each
    /// finding, else its first).
    pub unsafe_fixes: bool,
}

/// Check one file with `config`'s catalog and `settings` (the config's, with the
/// `[[overrides]]` for this file applied).
pub fn check_file(
    path: &Path,
    explicit: bool,
    config: &Config,
    settings: &Settings,
    today: Date,
    fixing: Fixing,
) -> Outcome {
    let mut out = Outcome::default();
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            out.error = Some(format!("cannot read: {}", io_reason(&e)));
            return out;
        }
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > settings.max_file_size {
        out.note = Some(format!(
            "skipped: {len} bytes is over maxFileSize ({})",
            settings.max_file_size
        ));
        return out;
    }
    let bytes = match read(&mut f, len) {
        Ok(b) => b,
        Err(e) => {
            out.error = Some(format!("cannot read: {}", io_reason(&e)));
            return out;
        }
    };
    check_bytes(bytes, path, explicit, config, settings, today, fixing)
}

/// A file of `len` bytes (by its metadata), the head first: a binary file (a NUL in its
/// first [`BINARY_PROBE`] bytes) is not read further. Into a buffer one byte longer than
/// the file, so a small file takes one read and one that finds the end (`read_to_end`
/// would ask the file's size and position again); a file that grew is still read whole.
fn read(f: &mut std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    fn fill(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            match f.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(m) => n += m,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }
    let mut buf = vec![0u8; usize::try_from(len).unwrap_or(usize::MAX - 1) + 1];
    let head = buf.len().min(BINARY_PROBE);
    let mut n = fill(f, &mut buf[..head])?;
    if n == head && memchr::memchr(0, &buf[..n]).is_none() {
        n += fill(f, &mut buf[head..])?;
        if n == buf.len() {
            f.read_to_end(&mut buf)?;
            return Ok(buf);
        }
    }
    buf.truncate(n);
    Ok(buf)
}

/// Check a file's bytes (read from `path`, or standard input standing for it). For
/// `--fix` the fixed text is only computed: [`write_fixes`] stores it.
pub fn check_bytes(
    bytes: Vec<u8>,
    path: &Path,
    explicit: bool,
    config: &Config,
    settings: &Settings,
    today: Date,
    fixing: Fixing,
) -> Outcome {
    let mode = fixing.mode;
    let mut out = Outcome::default();
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some() {
        out.note = Some("skipped: binary file".to_string());
        return out;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let language = if explicit {
        Language::detect(None, Some(&name))
    } else {
        match super::walk::wanted(path) {
            Ok(l) => l,
            Err(why) => {
                out.note = Some(format!("skipped: {why}"));
                return out;
            }
        }
    };
    // With `reportUnusedIgnores`, a directive is something to report too.
    let directives =
        settings.report_unused_ignores && memchr::memmem::find(&bytes, b"bedrock-lsp").is_some();
    if !directives && !config.may_have_findings(&bytes) {
        // Nothing the analysis could report (exact; see `Config::may_have_findings`), in
        // any encoding: the needles are ASCII.
        out.checked = true;
        return out;
    }
    if language == Language::Generic && std::str::from_utf8(&bytes).is_err() {
        // The generic reader reads text only (the languages named by the file's name
        // are read even when a few bytes are not UTF-8).
        out.note = Some("skipped: not UTF-8 text".to_string());
        return out;
    }
    let (text, utf8) = match String::from_utf8(bytes) {
        Ok(s) => (s, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    };
    out.checked = true;
    let ctx = Context {
        catalog: &config.catalog,
        settings,
        today,
        test_file: analysis::is_test_file(path, current_dir()),
    };
    if let Some(directive) = crate::settings::ignore_file_directive(&text) {
        if analysis::unused_ignore_file(&text, language, directive, &ctx).is_none() {
            out.note = Some(format!(
                "skipped: `{}` comment",
                crate::settings::IGNORE_FILE_DIRECTIVE
            ));
            return out;
        }
    }
    // An unused `ignore-file` comment: the file is read as if it were not there (it
    // has no finding, so only unused ignore comments can be reported).
    let analyze = |text: &str| {
        let mut findings = analysis::analyze(text, language, &ctx).findings;
        if let Some(f) = crate::settings::ignore_file_directive(text)
            .and_then(|d| analysis::unused_ignore_file(text, language, d, &ctx))
        {
            findings.push(f);
            findings.sort_by_key(|f| f.span.start);
        }
        findings
    };
    let findings = analyze(&text);
    let usable = |f: &Finding| {
        !f.fixes.is_empty() && (fixing.unsafe_fixes || f.fixes.iter().any(|x| x.safe))
    };
    if mode == FixMode::Report || !findings.iter().any(usable) {
        out.findings = findings;
        if !out.findings.is_empty() {
            out.text = text;
        }
        return out;
    }
    if !utf8 {
        out.note = Some("not fixed: the file is not valid UTF-8".to_string());
        out.findings = findings;
        out.text = text;
        return out;
    }
    // Fix to a fixed point (bounded), recording each change against the text it applied to.
    let mut current = text.clone();
    let original = (mode == FixMode::Fix).then(|| findings.clone());
    let mut findings = findings;
    for _ in 0..FIX_ROUNDS {
        let edits = fix_edits(&findings, fixing.unsafe_fixes);
        if edits.is_empty() {
            break;
        }
        let mut next = String::with_capacity(current.len() + 64);
        let mut at = 0;
        for e in &edits {
            out.changes.push(Change {
                line: line_of(&current, e.span.start),
                old: current[e.span.clone()].to_string(),
                new: e.new_text.clone(),
            });
            next.push_str(&current[at..e.span.start]);
            next.push_str(&e.new_text);
            at = e.span.end;
        }
        next.push_str(&current[at..]);
        current = next;
        findings = analyze(&current);
    }
    if current == text {
        out.findings = findings;
        out.text = text;
        return out;
    }
    match mode {
        FixMode::Fix => {
            out.unwritten = Some(Unwritten {
                text,
                findings: original.unwrap_or_default(),
            });
            out.findings = findings;
            out.text = current;
        }
        FixMode::Diff | FixMode::Report => {
            out.findings = findings;
            out.text = text;
            out.fixed = Some(current);
        }
    }
    out
}

/// `--fix`: write the fixed text [`check_file`] computed for `path`. When it cannot be
/// written, the outcome goes back to the file as it is (its findings, no change) with the
/// error.
pub fn write_fixes(path: &Path, out: &mut Outcome) {
    let Some(unwritten) = out.unwritten.take() else {
        return;
    };
    if let Err(e) = write_in_place(path, &out.text) {
        out.error = Some(format!("cannot write the fixes: {e}"));
        out.changes.clear();
        out.findings = unwritten.findings;
        out.text = unwritten.text;
    }
}

/// The first safe fix of each finding (with `unsafe_fixes`, its first safe fix, else its
/// preferred one, else its first), in order, without overlaps.
fn fix_edits(findings: &[Finding], unsafe_fixes: bool) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings
        .iter()
        .filter_map(|f| {
            let safe = f.fixes.iter().find(|x| x.safe);
            if unsafe_fixes {
                safe.or_else(|| f.fixes.iter().find(|x| x.preferred))
                    .or_else(|| f.fixes.first())
            } else {
                safe
            }
        })
        .flat_map(|fix| fix.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if out.last().is_none_or(|p| p.span.end <= e.span.start) {
            out.push(e);
        }
    }
    out
}

pub fn line_of(text: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count() + 1
}

/// Replace the file's content without ever leaving it half-written: write a sibling
/// temporary file with the same permissions, then rename it over the original.
fn write_in_place(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    // Through a symlink, replace the file it points to, not the link.
    let path = &std::fs::canonicalize(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let perms = std::fs::metadata(path)?.permissions();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.bedrock-lsp-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::set_permissions(&tmp, perms)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The current directory, read once per run (test paths are judged relative to it, so
/// that the folder a project sits in does not count).
fn current_dir() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok()).as_deref()
}
