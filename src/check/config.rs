//! Settings and catalog for `check`: the project's settings file (the nearest
//! `.bedrock-lsp.toml`, or `pyproject.toml` with `[tool.bedrock-lsp]`, above each file,
//! else the one above the current directory), then the command-line flags, plus the
//! user catalog directory and `--catalog` files. Each distinct settings file gets its
//! own [`Config`], built once; a broken one is an error naming the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Code;
use crate::catalog::{self, Catalog};
use crate::settings::project::{self, ProjectFile, ProjectFileKind};
use crate::settings::{is_region_code, Level, Settings};

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
    /// `--report-unused-ignores`: turns `reportUnusedIgnores` on whatever the files say.
    pub report_unused_ignores: bool,
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
                    Code::known_names()
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
        if self.report_unused_ignores {
            s.report_unused_ignores = true;
        }
        let mut off: Vec<Code> = self.ignore.clone();
        if !self.select.is_empty() {
            // `--report-unused-ignores` asks for `unused-ignore` whatever `--select` lists.
            let asked = |c: &Code| {
                self.select.contains(c) || (self.report_unused_ignores && *c == Code::UnusedIgnore)
            };
            off.extend(Code::ALL.into_iter().filter(|c| !asked(c)));
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
    /// The settings file's directory (absolute; canonical when it could be): `exclude`
    /// and `[[overrides]]` globs match paths relative to it. `None` without a file.
    pub base: Option<PathBuf>,
    prefilter: Prefilter,
}

impl Config {
    /// The path of a file (absolute, canonical directory) relative to [`Config::base`];
    /// `None` without a settings file, or for a file outside its directory.
    pub fn relative<'p>(&self, abs: &'p Path) -> Option<&'p Path> {
        abs.strip_prefix(self.base.as_deref()?).ok()
    }

    /// Can the analysis find anything in this text? `false` only when it certainly
    /// cannot, so the file is skipped without being scanned (see [`Prefilter`]).
    pub fn may_have_findings(&self, text: &[u8]) -> bool {
        self.prefilter.may_match(text)
    }
}

/// A fast, exact pre-check. Every finding needs one of:
/// - a string the catalog resolves (a base, profile, provisioned or related ID, or an
///   ARN of one): all contain `<segment>.` where `<segment>` is the first dot-separated
///   segment of a catalog ID (a profile's ID after its scope);
/// - an unknown ID with a known provider prefix (`anthropic.`, …: `id::PROVIDERS`);
/// - a near miss, a foreign (Anthropic-API/Vertex) name or an ARN, which the analysis
///   only reports in a file that mentions Bedrock (`bedrock`/`Bedrock`, as
///   `analysis::mentions_bedrock` decides).
///
/// So a file with none of those needles has no finding, and is not scanned at all.
struct Prefilter {
    /// Teddy (SIMD) when it can be built: ten times faster here than the automaton.
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: aho_corasick::AhoCorasick,
}

impl Prefilter {
    fn new(catalog: &Catalog) -> Prefilter {
        let mut segments: std::collections::BTreeSet<String> = crate::catalog::id::PROVIDERS
            .iter()
            .map(|p| format!("{p}."))
            .collect();
        let mut add = |id: &str| {
            if let Some((first, _)) = id.split_once('.') {
                segments.insert(format!("{first}."));
            }
        };
        for m in catalog.models() {
            add(&m.id);
            m.related_ids.iter().for_each(|r| add(r));
            m.provisioned.iter().for_each(|p| add(&p.id));
            // A profile ID is `<scope>.<model ID>`: the model's segment is the needle
            // (the scopes `us.`, `eu.` … are far too common in code to be useful).
            for p in &m.profiles {
                add(p.id.strip_prefix(&format!("{}.", p.scope)).unwrap_or(&p.id));
            }
        }
        let mut needles: Vec<String> = segments.into_iter().collect();
        // `analysis::mentions_bedrock`: `edrock` right after `b` or `B`.
        needles.push("bedrock".into());
        needles.push("Bedrock".into());
        let packed = aho_corasick::packed::Config::new()
            .builder()
            .extend(&needles)
            .build();
        let automaton = aho_corasick::AhoCorasick::new(&needles).expect("literal needles build");
        Prefilter { packed, automaton }
    }

    fn may_match(&self, text: &[u8]) -> bool {
        match &self.packed {
            Some(p) => p.find(text).is_some(),
            None => self.automaton.is_match(text),
        }
    }
}

/// How the project file is chosen.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// The nearest settings file above each file, else above the current directory.
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
    /// Directory (absolute, canonical when possible) → the settings file that governs it.
    by_dir: HashMap<PathBuf, Option<ProjectFile>>,
    cwd_config: Option<ProjectFile>,
    built: HashMap<Option<ProjectFile>, Arc<Config>>,
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
            Lookup::Fixed(p) => Some(ProjectFile {
                path: p.clone(),
                kind: ProjectFileKind::of(p).unwrap_or(ProjectFileKind::Dedicated),
            }),
            Lookup::Nearest => {
                let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                self.nearest(&abs).or_else(|| self.cwd_config.clone())
            }
        };
        if let Some(c) = self.built.get(&source) {
            return Ok(c.clone());
        }
        let c = Arc::new(self.build(source.as_ref())?);
        self.built.insert(source, c.clone());
        Ok(c)
    }

    /// The settings files in use, for `-v`.
    pub fn sources(&self) -> Vec<&Path> {
        let mut v: Vec<&Path> = self
            .built
            .keys()
            .flatten()
            .map(|f| f.path.as_path())
            .collect();
        v.sort();
        v
    }

    fn nearest(&mut self, dir: &Path) -> Option<ProjectFile> {
        if let Some(hit) = self.by_dir.get(dir) {
            return hit.clone();
        }
        let found = if let Some(here) = project::in_dir(dir) {
            Some(here)
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.nearest(parent),
                _ => None,
            }
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn build(&self, source: Option<&ProjectFile>) -> Result<Config, Vec<String>> {
        let mut settings = Settings::default();
        let mut catalog_files = Vec::new();
        let mut base = None;
        if let Some(file) = source {
            let path = &file.path;
            let table = match project::read(file) {
                Ok(Some(t)) => t,
                // `--config pyproject.toml` without our table: no settings in it.
                Ok(None) if path.is_file() => serde_json::Value::Null,
                Ok(None) => return Err(vec![format!("{}: no such file", path.display())]),
                Err(e) => return Err(vec![e]),
            };
            let errors = settings.apply_json(&table, &path.display().to_string());
            if !errors.is_empty() {
                return Err(errors.iter().map(|e| e.to_string()).collect());
            }
            let dir = file.dir();
            catalog_files.extend(settings.catalog_paths.iter().map(|p| dir.join(p)));
            base = Some(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()));
        }
        self.flags.apply(&mut settings);
        catalog_files.extend(self.flags.catalogs.iter().cloned());
        let (catalog, errors) = Catalog::load(self.user_dir.as_deref(), &catalog_files);
        if !errors.is_empty() {
            return Err(errors.iter().map(|e| format!("catalog file {e}")).collect());
        }
        Ok(Config {
            prefilter: Prefilter::new(&catalog),
            settings,
            catalog,
            base,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Context};
    use crate::catalog::Date;
    use crate::syntax::Language;

    fn config(regions: &[&str]) -> Config {
        let catalog = (*Catalog::embedded()).clone();
        let settings = Settings {
            regions: regions.iter().map(|r| r.to_string()).collect(),
            ..Settings::default()
        };
        Config {
            prefilter: Prefilter::new(&catalog),
            settings,
            catalog,
            base: None,
        }
    }

    fn findings(cfg: &Config, text: &str, language: Language) -> usize {
        let ctx = Context {
            catalog: &cfg.catalog,
            settings: &cfg.settings,
            today: Date::parse("2026-11-21").unwrap(),
            test_file: false,
        };
        analysis::analyze(text, language, &ctx).findings.len()
    }

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                files_under(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// The prefilter never hides a finding: over every fixture of every language and
    /// the example project, under several region settings, a file with findings passes.
    #[test]
    fn prefilter_never_skips_a_file_with_findings() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        files_under(&root.join("tests/fixtures"), &mut files);
        files_under(&root.join("examples"), &mut files);
        let (mut with_findings, mut skipped) = (0, 0);
        for regions in [&[][..], &["us-east-1"], &["eu-central-1", "ap-south-1"]] {
            let cfg = config(regions);
            for f in &files {
                let Ok(text) = std::fs::read_to_string(f) else {
                    continue;
                };
                let language = Language::detect(None, f.to_str());
                let n = findings(&cfg, &text, language);
                let pass = cfg.may_have_findings(text.as_bytes());
                if n > 0 {
                    with_findings += 1;
                    assert!(
                        pass,
                        "{} has {n} findings but the prefilter skips it",
                        f.display()
                    );
                }
                skipped += usize::from(!pass);
            }
        }
        assert!(
            with_findings > 20,
            "the corpus exercises findings ({with_findings})"
        );
        assert!(skipped > 0, "the prefilter does skip some files");
    }

    #[test]
    fn prefilter_near_misses_need_a_bedrock_mention() {
        let cfg = config(&[]);
        let with = "import boto3\nc = boto3.client(\"bedrock-runtime\")\nc.converse(modelId=\"antropic.claude-3-haiku-20240307-v1:0\")\n";
        assert!(findings(&cfg, with, Language::Python) > 0);
        assert!(cfg.may_have_findings(with.as_bytes()));
        let without = with.replace("bedrock-runtime", "runtime");
        assert_eq!(findings(&cfg, &without, Language::Python), 0);
        assert!(!cfg.may_have_findings(without.as_bytes()));
        assert!(!cfg.may_have_findings(b"the rock; bEDROCK; redrock"));
        assert!(cfg.may_have_findings(b"x = 'Bedrock'"));
        assert!(cfg.may_have_findings(b"m = \"amazon.nova-pro-v1:0\""));
    }

    #[test]
    fn packed_and_automaton_searches_agree() {
        let p = Prefilter::new(&Catalog::embedded());
        let packed = p
            .packed
            .as_ref()
            .expect("Teddy or Rabin-Karp builds for the needles");
        for text in [
            &b""[..],
            b"x",
            b"meta.",
            b"metadata = 1",
            b"import boto3 # Bedrock",
            b"a long line without any of them, repeated a few times to pass sixteen bytes",
            b"\xff\xfe zai.model",
            b"us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        ] {
            assert_eq!(
                packed.find(text).is_some(),
                p.automaton.is_match(text),
                "{text:?}"
            );
        }
    }
}
