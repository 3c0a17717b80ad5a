//! Settings and catalog for `check`: `.bedrock-lsp.toml` (the nearest one above each
//! file, else the one above the current directory), then the command-line flags, plus
//! the user catalog directory and `--catalog` files. Each distinct project file gets
//! its own [`Config`], built once; a broken one is an error naming the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Code;
use crate::catalog::{self, Catalog};
use crate::settings::{is_region_code, Level, Settings, PROJECT_FILE};

/// What the flags say, validated once.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub regions: Vec<String>,
    /// `--select`: when non-empty, every other code is turned off.
    pub select: Vec<Code>,
    pub ignore: Vec<Code>,
    pub severity: Vec<(Code, Level)>,
    /// `--catalog` files, already made absolute against the current directory.
    pub catalogs: Vec<PathBuf>,
}

impl Flags {
    pub fn parse(
        regions: &[String],
        select: &[String],
        ignore: &[String],
        severity: &[String],
        catalogs: &[PathBuf],
        cwd: &Path,
    ) -> Result<Flags, String> {
        let code = |flag: &str, s: &str| -> Result<Code, String> {
            Code::parse(s.trim()).ok_or_else(|| {
                format!(
                    "{flag}: unknown diagnostic code `{}` (known: {})",
                    s.trim(),
                    Code::ALL.map(Code::as_str).join(", ")
                )
            })
        };
        let mut flags = Flags::default();
        for r in regions {
            if !is_region_code(r) {
                return Err(format!(
                    "--region: `{r}` is not an AWS region code (like us-east-1)"
                ));
            }
            if !flags.regions.contains(r) {
                flags.regions.push(r.clone());
            }
        }
        for s in select.iter().filter(|s| !s.trim().is_empty()) {
            flags.select.push(code("--select", s)?);
        }
        for s in ignore.iter().filter(|s| !s.trim().is_empty()) {
            flags.ignore.push(code("--ignore", s)?);
        }
        for s in severity.iter().filter(|s| !s.trim().is_empty()) {
            let (c, l) = s.split_once('=').ok_or_else(|| {
                format!("--severity: expected CODE=LEVEL (like eol-model=warning), got `{s}`")
            })?;
            let level = Level::parse(l.trim()).ok_or_else(|| {
                format!(
                    "--severity: `{}` is not a level (error, warning, information, hint, off)",
                    l.trim()
                )
            })?;
            flags.severity.push((code("--severity", c)?, level));
        }
        flags.catalogs = catalogs.iter().map(|p| cwd.join(p)).collect();
        Ok(flags)
    }

    /// Put the flags on top of `s` (which already holds the project file, if any).
    fn apply(&self, s: &mut Settings) {
        if !self.regions.is_empty() {
            s.regions = self.regions.clone();
        }
        let mut off: Vec<Code> = self.ignore.clone();
        if !self.select.is_empty() {
            off.extend(Code::ALL.into_iter().filter(|c| !self.select.contains(c)));
        }
        for (code, level) in &self.severity {
            // An explicit level on the command line wins over the project's ignore list.
            if *level != Level::Off {
                s.ignore_codes.retain(|c| c != code.as_str());
            }
            s.severity.insert(code.as_str().to_string(), *level);
        }
        for c in off {
            if !s.ignore_codes.iter().any(|x| x == c.as_str()) {
                s.ignore_codes.push(c.as_str().to_string());
            }
        }
    }
}

/// Everything one file is analysed with.
pub struct Config {
    pub settings: Settings,
    pub catalog: Catalog,
}

/// How the project file is chosen.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// The nearest `.bedrock-lsp.toml` above each file, else above the current directory.
    Nearest,
    /// `--config FILE` for every file.
    Fixed(PathBuf),
    /// `--no-config`.
    None,
}

/// Finds and builds configs; one per distinct project file.
pub struct Resolver {
    flags: Flags,
    lookup: Lookup,
    user_dir: Option<PathBuf>,
    cwd_config: Option<PathBuf>,
    /// Directory (absolute, canonical when possible) → the project file that governs it.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    built: HashMap<Option<PathBuf>, Arc<Config>>,
}

impl Resolver {
    pub fn new(flags: Flags, lookup: Lookup, cwd: &Path) -> Resolver {
        let mut r = Resolver {
            flags,
            lookup,
            user_dir: catalog::user_catalog_dir(),
            cwd_config: None,
            by_dir: HashMap::new(),
            built: HashMap::new(),
        };
        if matches!(r.lookup, Lookup::Nearest) {
            r.cwd_config = r.nearest(cwd);
        }
        r
    }

    /// The config for a file in directory `dir`. Errors name the broken file.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, Vec<String>> {
        let source = match &self.lookup {
            Lookup::None => None,
            Lookup::Fixed(p) => Some(p.clone()),
            Lookup::Nearest => {
                let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                self.nearest(&abs).or_else(|| self.cwd_config.clone())
            }
        };
        if let Some(c) = self.built.get(&source) {
            return Ok(c.clone());
        }
        let c = Arc::new(self.build(source.as_deref())?);
        self.built.insert(source, c.clone());
        Ok(c)
    }

    fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.by_dir.get(dir) {
            return hit.clone();
        }
        let candidate = dir.join(PROJECT_FILE);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.nearest(parent),
                _ => None,
            }
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn build(&self, source: Option<&Path>) -> Result<Config, Vec<String>> {
        let mut settings = Settings::default();
        let mut catalog_files = Vec::new();
        if let Some(path) = source {
            let text = std::fs::read_to_string(path)
                .map_err(|e| vec![format!("{}: cannot read: {e}", path.display())])?;
            let errors = settings.apply_toml(&text, &path.display().to_string());
            if !errors.is_empty() {
                return Err(errors.iter().map(|e| e.to_string()).collect());
            }
            let base = path.parent().unwrap_or(Path::new("."));
            catalog_files.extend(settings.catalog_paths.iter().map(|p| base.join(p)));
        }
        self.flags.apply(&mut settings);
        catalog_files.extend(self.flags.catalogs.iter().cloned());
        let (catalog, errors) = Catalog::load(self.user_dir.as_deref(), &catalog_files);
        if !errors.is_empty() {
            return Err(errors.iter().map(|e| format!("catalog file {e}")).collect());
        }
        Ok(Config { settings, catalog })
    }
}
