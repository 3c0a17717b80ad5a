//! `bedrock-lsp check`: the command-line linter over the same analysis as the server.
//!
//! Flow: [`pipeline`] runs the parallel walk ([`walk`]), and on the thread that meets each
//! file finds the `.bedrock-lsp.toml` governing its directory ([`config`]: one settings +
//! catalog per project file, built once) and reads and analyses it ([`file`]); the files
//! are then sorted, so the output order never depends on thread timing. Only then, when no
//! settings or catalog file was broken, does `--fix` write, and [`report`] print one of the
//! formats.
//!
//! Exit codes: 0 no finding at error level; 1 findings at error level (or, with
//! `--diff`, changes to make); 2 usage or I/O error, a broken `.bedrock-lsp.toml` or
//! catalog file, a missing path. Every error message names the path.

mod config;
mod file;
mod pipeline;
mod report;
mod walk;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis;
use crate::catalog::Date;
use crate::settings::Level;

use config::{Flags, Lookup, Resolver};
use file::{FixMode, Fixing};
use report::FileFindings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style: path:line:col, code, message, the source line underlined.
    Text,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (pull-request annotations).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Region the code runs in (repeatable); replaces `regions` from .bedrock-lsp.toml.
    #[arg(long = "region", value_name = "REGION")]
    pub regions: Vec<String>,
    /// Report only these codes (comma-separated).
    #[arg(long, value_name = "CODE,…", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never report these codes (comma-separated).
    #[arg(long, value_name = "CODE,…", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Severity of a code: error, warning, information, hint or off (repeatable).
    #[arg(long, value_name = "CODE=LEVEL", value_delimiter = ',')]
    pub severity: Vec<String>,
    /// Extra catalog file: our catalog format or AWS CLI output (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
    /// Use this settings file for every file instead of the nearest .bedrock-lsp.toml
    /// or pyproject.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no settings file (.bedrock-lsp.toml, pyproject.toml) at all.
    #[arg(long)]
    pub no_config: bool,
    /// Skip files named on the command line that `exclude` / `extend-exclude` match
    /// too (for pre-commit and editors that pass file names).
    #[arg(long)]
    pub force_exclude: bool,
    /// Also report `bedrock-lsp: ignore` comments that suppress nothing (code
    /// `unused-ignore`; `--fix` removes them). Same as `report_unused_ignores = true`.
    #[arg(long)]
    pub report_unused_ignores: bool,
    /// Apply the safe fixes in place and report each change.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// With --fix or --diff: also the fixes not marked safe (ruff's convention).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Exit 0 even when findings at error level remain (usage and I/O errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each code has (and how many have a safe fix) instead of
    /// the findings (text or json format).
    #[arg(long)]
    pub statistics: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// The path standard input stands for when `-` is given as a path: its name decides
    /// the language, its directory the settings file (and, with --force-exclude, whether
    /// it is excluded); findings name it.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Print the safe fixes as a unified diff; change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Also say which files were skipped and why.
    #[arg(short, long)]
    pub verbose: bool,
    /// Threads to use (default: the number of CPUs).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

fn today() -> Result<Date, String> {
    match std::env::var("BEDROCK_LSP_TODAY") {
        Ok(s) if !s.is_empty() => Date::parse(&s).map_err(|e| format!("BEDROCK_LSP_TODAY: {e}")),
        _ => Ok(Date::today()),
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("bedrock-lsp: error: {msg}");
    ExitCode::from(2)
}

pub fn run(args: CheckArgs) -> ExitCode {
    let today = match today() {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(format!("cannot read the current directory: {e}")),
    };
    let flags = match Flags::parse(
        &args.regions,
        &args.select,
        &args.ignore,
        &args.severity,
        &args.catalogs,
        &cwd,
    ) {
        Ok(f) => Flags {
            report_unused_ignores: args.report_unused_ignores,
            ..f
        },
        Err(e) => return fail(e),
    };
    if let Err(e) = validate(&args) {
        return fail(e);
    }
    let lookup = match (&args.config, args.no_config) {
        (Some(p), _) => {
            if !p.is_file() {
                return fail(format!("{}: no such settings file", p.display()));
            }
            Lookup::Fixed(cwd.join(p))
        }
        (None, true) => Lookup::None,
        (None, false) => Lookup::Nearest,
    };
    let threads = args
        .threads
        .filter(|n| *n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    // `-`: standard input, standing for `--stdin-filename` (or `-`).
    let from_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect()
    };
    let stdin = if from_stdin {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
            return fail(format!("cannot read standard input: {e}"));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        Some((name, bytes))
    } else {
        None
    };
    let mode = if args.fix {
        FixMode::Fix
    } else if args.diff {
        FixMode::Diff
    } else {
        FixMode::Report
    };

    let opts = pipeline::Options {
        force_exclude: args.force_exclude,
        today,
        fixing: Fixing {
            mode,
            unsafe_fixes: args.unsafe_fixes,
        },
        threads,
    };
    let resolver = Resolver::new(flags, lookup, &cwd);
    let mut checked = pipeline::run(walk::Roots::new(&paths), stdin, resolver, &cwd, &opts);
    // A broken settings or catalog file stops the run before anything is reported or
    // changed.
    if !checked.config_errors.is_empty() {
        for e in &checked.config_errors {
            eprintln!("bedrock-lsp: error: {e}");
        }
        return ExitCode::from(2);
    }
    if mode == FixMode::Fix {
        for c in &mut checked.files {
            file::write_fixes(&c.candidate.path, &mut c.outcome);
        }
    }
    let mut errors = checked.errors;
    let default_root = args.paths.is_empty();
    let mut notes: Vec<String> = Vec::new();
    if args.verbose {
        for (p, why) in &checked.notes {
            notes.push(format!("{}: skipped ({why})", shown_path(p, default_root)));
        }
        for src in &checked.sources {
            notes.push(format!("settings from {}", src.display()));
        }
    }
    // `exclude` / `extend-exclude`: walked files always, named ones with --force-exclude.
    for c in checked.files.iter().filter(|c| c.excluded) {
        if args.verbose || c.candidate.explicit {
            notes.push(format!(
                "{}: skipped (excluded by the settings)",
                shown_path(&c.candidate.path, default_root)
            ));
        }
    }
    checked.files.retain(|c| !c.excluded);
    let files = checked.files;

    let mut shown: Vec<FileFindings> = Vec::new();
    let (mut n_err, mut n_warn, mut n_note, mut n_checked) = (0, 0, 0, 0);
    let mut diff = String::new();
    let mut change_lines = Vec::new();
    for checked in &files {
        let (c, o) = (&checked.candidate, &checked.outcome);
        let path = shown_path(&c.path, default_root);
        if let Some(e) = &o.error {
            errors.push(format!("{path}: {e}"));
        }
        if let Some(n) = &o.note {
            if c.explicit || args.verbose || o.checked {
                notes.push(format!("{path}: {n}"));
            }
        }
        n_checked += usize::from(o.checked);
        for f in &o.findings {
            match f.level {
                Level::Error => n_err += 1,
                Level::Warning => n_warn += 1,
                _ => n_note += 1,
            }
        }
        if mode == FixMode::Fix {
            for ch in &o.changes {
                // A removal (an unused ignore comment, maybe with its line break)
                // reads as one: `removed …`.
                let old = ch.old.trim_end_matches(['\n', '\r']);
                if ch.new.is_empty() {
                    change_lines.push(format!("{path}:{}: removed {}", ch.line, old.trim()));
                } else {
                    change_lines.push(format!("{path}:{}: {} → {}", ch.line, ch.old, ch.new));
                }
            }
        }
        if let Some(fixed) = &o.fixed {
            diff.push_str(&unified_diff(&path, &o.text, fixed));
        }
        if !o.findings.is_empty() {
            shown.push(FileFindings {
                path,
                text: &o.text,
                findings: &o.findings,
            });
        }
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let styled = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    for n in &notes {
        eprintln!("bedrock-lsp: note: {n}");
    }
    for line in &change_lines {
        eprintln!("fixed {line}");
    }
    let body = if mode == FixMode::Diff {
        diff.clone()
    } else if args.statistics {
        let all: Vec<&analysis::Finding> = shown.iter().flat_map(|f| f.findings.iter()).collect();
        report::statistics(&all, args.format == Format::Json)
    } else {
        match args.format {
            Format::Text => report::text(&shown, styled),
            Format::Json => report::json(&shown),
            Format::Sarif => report::sarif(&shown),
            Format::Github => report::github(&shown),
        }
    };
    match &args.output_file {
        Some(file) => {
            if let Err(e) = std::fs::write(file, body.as_bytes()) {
                errors.push(format!(
                    "--output-file {}: cannot write the report: {}",
                    file.display(),
                    walk::io_reason(&e)
                ));
            }
        }
        None => {
            if let Err(e) = out.write_all(body.as_bytes()).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    errors.push(format!("cannot write the report: {e}"));
                }
            }
        }
    }
    if args.format == Format::Text || mode == FixMode::Diff {
        let mut summary = format!(
            "{} in {}",
            counts(n_err, n_warn, n_note),
            plural(n_checked, "file")
        );
        if mode == FixMode::Fix && !change_lines.is_empty() {
            summary.push_str(&format!(
                " ({} fixed; the counts are what remains)",
                plural(change_lines.len(), "finding")
            ));
        }
        if mode == FixMode::Diff {
            let n = files.iter().filter(|c| c.outcome.fixed.is_some()).count();
            summary.push_str(&format!("; --diff: fixes for {}", plural(n, "file")));
        }
        summary.push_str(&crate::catalog::summary_note(
            files.first().map(|c| &c.config.catalog),
            today,
        ));
        eprintln!("{summary}");
    }
    for e in &errors {
        eprintln!("bedrock-lsp: error: {e}");
    }
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if args.exit_zero {
        ExitCode::SUCCESS
    } else if n_err > 0 || (mode == FixMode::Diff && !diff.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Flag combinations that make no sense: a clear error (exit 2) rather than a guess.
fn validate(args: &CheckArgs) -> Result<(), String> {
    let stdin_paths = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_paths > 1 {
        return Err("`-` (standard input) may be given only once".into());
    }
    if args.stdin_filename.is_some() && stdin_paths == 0 {
        return Err("--stdin-filename: give `-` as a path to read standard input".into());
    }
    if args
        .stdin_filename
        .as_ref()
        .is_some_and(|p| p.as_os_str().is_empty())
    {
        return Err("--stdin-filename: empty path".into());
    }
    if stdin_paths == 1 && args.fix {
        return Err("--fix cannot rewrite standard input; use --diff to see the fixes".into());
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        return Err("--unsafe-fixes: use it with --fix or --diff".into());
    }
    if args.statistics {
        if args.diff {
            return Err("--statistics cannot be combined with --diff".into());
        }
        if !matches!(args.format, Format::Text | Format::Json) {
            return Err("--statistics: use --format text or --format json".into());
        }
    }
    if let Some(file) = &args.output_file {
        if file.as_os_str().is_empty() {
            return Err("--output-file: empty path".into());
        }
        if file.is_dir() {
            return Err(format!("--output-file {}: is a directory", file.display()));
        }
    }
    Ok(())
}

/// A path as shown: as found, but for the default `.`, `src/app.py` rather than
/// `./src/app.py` (as ripgrep does).
fn shown_path(path: &std::path::Path, default_root: bool) -> String {
    let s = path.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) if default_root => rest.to_string(),
        _ => s,
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn counts(err: usize, warn: usize, note: usize) -> String {
    let mut s = format!("{}, {}", plural(err, "error"), plural(warn, "warning"));
    if note > 0 {
        s.push_str(&format!(", {}", plural(note, "note")));
    }
    s
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
