//! User settings: one typed, lenient struct fed from `initializationOptions`,
//! `workspace/configuration` (section `bedrock`) and the project's settings file
//! (`.bedrock-lsp.toml` or `[tool.bedrock-lsp]` in `pyproject.toml`: [`project`]).
//!
//! Precedence, lowest first: defaults, `.bedrock-lsp.toml`, `initializationOptions`,
//! `workspace/configuration`. Scalars from a later layer replace earlier ones; the lists
//! `ignoreIds`, `ignoreCodes` and `catalogPaths` are merged. Keys are matched leniently:
//! `ignoreIds`, `ignore_ids` and `ignore-ids` are the same key. A value of the wrong
//! type is reported with its key and skipped; the other keys still apply. So is a name
//! in `severity` or `ignoreCodes` that is no diagnostic code.

pub mod edit;
pub mod project;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::analysis::Code;
pub use project::{PROJECT_FILE, PYPROJECT_FILE};
/// Default size above which a document is tracked but not analysed.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Severity a user can give a diagnostic code (or `off` to silence it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Information,
    Hint,
    Off,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "information" | "info" => Some(Level::Information),
            "hint" => Some(Level::Hint),
            "off" | "none" | "ignore" => Some(Level::Off),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Information => "information",
            Level::Hint => "hint",
            Level::Off => "off",
        }
    }
}

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Regions the code runs in; region-dependent diagnostics use them when the code
    /// names no region itself. Empty = unknown (those diagnostics stay silent).
    pub regions: Vec<String>,
    /// Per-code severity overrides.
    pub severity: BTreeMap<String, Level>,
    /// Model IDs never reported.
    pub ignore_ids: Vec<String>,
    /// Diagnostic codes never reported.
    pub ignore_codes: Vec<String>,
    /// Extra catalog files (our schema or AWS `list-*` output).
    pub catalog_paths: Vec<String>,
    pub inlay_hints: bool,
    pub document_links: bool,
    /// Report `bedrock-lsp: ignore` comments that suppress nothing (`unused-ignore`).
    pub report_unused_ignores: bool,
    pub max_file_size: u64,
    /// Always use UTF-16 positions, whatever the client offers.
    pub force_utf16: bool,
    /// Paths never checked nor analysed (globs relative to the settings file's
    /// directory; see [`PathGlobs`]). `exclude` replaces the list, `extendExclude` adds.
    pub exclude: PathGlobs,
    /// Settings for the files matching some globs (`[[overrides]]`), applied in order
    /// on top of the rest by [`Settings::for_path`].
    pub overrides: Vec<Override>,
}

/// `[[overrides]]`: the files it is for, and the settings it changes for them (a
/// settings layer, checked when it was read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub files: PathGlobs,
    pub settings: Value,
}

/// Path globs in the style of ruff's `exclude` and `per-file-ignores`, matched against
/// paths relative to the settings file's directory, `/`-separated:
/// - a pattern without `/` (`build`, `*_test.py`) matches a file or directory of that
///   name anywhere;
/// - a pattern with `/` (`tests/**`, `src/gen/*.py`) matches from the directory of the
///   settings file (a leading `./` or `/` is dropped);
/// - a matched directory covers everything below it.
///
/// `*` and `?` stay within one path component, `**` crosses any number.
#[derive(Debug, Clone, Default)]
pub struct PathGlobs {
    patterns: Vec<String>,
    set: Option<globset::GlobSet>,
}

impl PartialEq for PathGlobs {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Eq for PathGlobs {}

impl PathGlobs {
    /// Compile the patterns; an error names the first bad one.
    pub fn new(patterns: Vec<String>) -> Result<PathGlobs, String> {
        if patterns.is_empty() {
            return Ok(PathGlobs::default());
        }
        let mut b = globset::GlobSetBuilder::new();
        for p in &patterns {
            let trimmed = p.trim();
            let anchored = trimmed.trim_start_matches("./").trim_start_matches('/');
            let anchored = anchored.trim_end_matches('/');
            if anchored.is_empty() {
                return Err(format!("`{p}` is not a path pattern"));
            }
            let base = if trimmed.trim_end_matches('/').contains('/') {
                anchored.to_string()
            } else {
                format!("**/{anchored}")
            };
            for g in [base.clone(), format!("{base}/**")] {
                let glob = globset::GlobBuilder::new(&g)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("`{p}` is not a valid glob: {}", e.kind()))?;
                b.add(glob);
            }
        }
        let set = b.build().map_err(|e| e.to_string())?;
        Ok(PathGlobs {
            patterns,
            set: Some(set),
        })
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Does the path (relative to the settings file's directory) match?
    pub fn is_match(&self, rel: &Path) -> bool {
        let Some(set) = &self.set else { return false };
        let rel = rel.strip_prefix(".").unwrap_or(rel);
        set.is_match(rel)
    }

    fn extend(&mut self, more: Vec<String>) -> Result<(), String> {
        let mut all = self.patterns.clone();
        merge(&mut all, more);
        *self = PathGlobs::new(all)?;
        Ok(())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            regions: Vec::new(),
            severity: BTreeMap::new(),
            ignore_ids: Vec::new(),
            ignore_codes: Vec::new(),
            catalog_paths: Vec::new(),
            inlay_hints: false,
            document_links: true,
            report_unused_ignores: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            force_utf16: false,
            exclude: PathGlobs::default(),
            overrides: Vec::new(),
        }
    }
}

/// A problem with one settings key. The key is skipped; the rest applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub source: String,
    pub key: String,
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: setting `{}`: {}",
            self.source, self.key, self.message
        )
    }
}

/// Every setting the server reads, as clients spell them (camelCase); editors' setting
/// lists are checked against this (the VS Code extension's `package.json`).
pub const KEYS: &[&str] = &[
    "region",
    "regions",
    "severity",
    "ignoreIds",
    "ignoreCodes",
    "catalogPaths",
    "exclude",
    "extendExclude",
    "overrides",
    "inlayHints",
    "documentLinks",
    "reportUnusedIgnores",
    "maxFileSize",
    "positionEncoding",
];

/// The error for names in `severity` or `ignoreCodes` that are no diagnostic code.
fn not_codes(names: &[impl AsRef<str>]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    format!(
        "{} {} no diagnostic code (known: {})",
        names.join(", "),
        if names.len() == 1 { "is" } else { "are" },
        Code::known_names()
    )
}

pub(crate) fn norm_key(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Is this an AWS region code (`us-east-1`, `us-gov-west-1`, `eusc-de-east-1`)? The
/// product's one rule, [`crate::aws::is_region_code`].
pub use crate::aws::is_region_code;

impl Settings {
    /// Apply one layer of settings (a JSON object). A `bedrock` sub-object is unwrapped,
    /// so both `{"region": …}` and `{"bedrock": {"region": …}}` work.
    pub fn apply_json(&mut self, value: &Value, source: &str) -> Vec<SettingsError> {
        let mut errors = Vec::new();
        let Some(obj) = value.as_object() else {
            if !value.is_null() {
                errors.push(SettingsError {
                    source: source.into(),
                    key: "(root)".into(),
                    message: "expected an object of settings".into(),
                });
            }
            return errors;
        };
        if let Some(inner) = obj
            .iter()
            .find(|(k, v)| norm_key(k) == "bedrock" && v.is_object())
        {
            return self.apply_json(inner.1, source);
        }
        for (key, v) in obj {
            let mut err = |message: String| {
                errors.push(SettingsError {
                    source: source.into(),
                    key: key.clone(),
                    message,
                })
            };
            match norm_key(key).as_str() {
                "region" => match v {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => self.regions.clear(),
                    Value::String(s) if is_region_code(s) => self.regions = vec![s.clone()],
                    Value::String(s) => err(format!("`{s}` is not an AWS region code")),
                    _ => err("expected a region code string such as \"us-east-1\"".into()),
                },
                "regions" => match string_list(v) {
                    Some(list) => {
                        let bad: Vec<&String> =
                            list.iter().filter(|r| !is_region_code(r)).collect();
                        if bad.is_empty() {
                            self.regions = list;
                        } else {
                            err(format!("not AWS region codes: {bad:?}"));
                        }
                    }
                    None => err("expected a list of region codes".into()),
                },
                "severity" | "severities" => match v.as_object() {
                    Some(map) => {
                        for (code, level) in map {
                            match level.as_str().and_then(Level::parse) {
                                _ if Code::parse(code).is_none() => errors.push(SettingsError {
                                    source: source.into(),
                                    key: format!("{key}.{code}"),
                                    message: not_codes(&[code]),
                                }),
                                Some(l) => {
                                    self.severity.insert(code.clone(), l);
                                }
                                None => errors.push(SettingsError {
                                    source: source.into(),
                                    key: format!("{key}.{code}"),
                                    message:
                                        "expected one of error, warning, information, hint, off"
                                            .into(),
                                }),
                            }
                        }
                    }
                    None => err("expected a table of code = level".into()),
                },
                "ignoreids" | "ignoredids" => match string_list(v) {
                    Some(list) => merge(&mut self.ignore_ids, list),
                    None => err("expected a list of model IDs".into()),
                },
                "ignorecodes" | "ignoredcodes" | "ignore" => match string_list(v) {
                    Some(list) => {
                        let (known, unknown): (Vec<String>, Vec<String>) =
                            list.into_iter().partition(|c| Code::parse(c).is_some());
                        if !unknown.is_empty() {
                            err(not_codes(&unknown));
                        }
                        merge(&mut self.ignore_codes, known);
                    }
                    None => err("expected a list of diagnostic codes".into()),
                },
                "catalogpaths" | "catalogs" => match string_list(v) {
                    Some(list) => merge(&mut self.catalog_paths, list),
                    None => err("expected a list of file paths".into()),
                },
                "inlayhints" => match v {
                    Value::Bool(b) => self.inlay_hints = *b,
                    Value::Object(o) => match o.get("enable").or_else(|| o.get("enabled")) {
                        Some(Value::Bool(b)) => self.inlay_hints = *b,
                        _ => err("expected true or false".into()),
                    },
                    _ => err("expected true or false".into()),
                },
                "documentlinks" => match v {
                    Value::Bool(b) => self.document_links = *b,
                    _ => err("expected true or false".into()),
                },
                "reportunusedignores" => match v {
                    Value::Bool(b) => self.report_unused_ignores = *b,
                    _ => err("expected true or false".into()),
                },
                "maxfilesize" => match v.as_u64() {
                    Some(n) if n > 0 => self.max_file_size = n,
                    _ => err("expected a positive number of bytes".into()),
                },
                "positionencoding" => match v.as_str() {
                    Some(s) if s.eq_ignore_ascii_case("utf-16") => self.force_utf16 = true,
                    Some(s) if s.eq_ignore_ascii_case("auto") => self.force_utf16 = false,
                    _ => err("expected \"auto\" or \"utf-16\"".into()),
                },
                "exclude" => match string_list(v).map(PathGlobs::new) {
                    Some(Ok(globs)) => self.exclude = globs,
                    Some(Err(e)) => err(e),
                    None => err("expected a list of path globs".into()),
                },
                "extendexclude" => match string_list(v) {
                    Some(list) => {
                        if let Err(e) = self.exclude.extend(list) {
                            err(e)
                        }
                    }
                    None => err("expected a list of path globs".into()),
                },
                "overrides" => match parse_overrides(v, source, key) {
                    Ok(list) => self.overrides.extend(list),
                    Err(e) => errors.extend(e),
                },
                // Client-side keys we accept and ignore (VS Code's trace, server path, log level).
                "trace" | "server" | "loglevel" => {}
                _ => err("unknown setting".into()),
            }
        }
        errors
    }

    /// After a layer failed at `key`: that key keeps the value it had in `prev` (the
    /// last good settings) instead of falling back to its default.
    pub fn keep_previous(&mut self, prev: &Settings, key: &str) {
        let k = norm_key(key);
        match k.split('.').next().unwrap_or("") {
            "region" | "regions" => self.regions = prev.regions.clone(),
            "maxfilesize" => self.max_file_size = prev.max_file_size,
            "inlayhints" => self.inlay_hints = prev.inlay_hints,
            "documentlinks" => self.document_links = prev.document_links,
            "reportunusedignores" => self.report_unused_ignores = prev.report_unused_ignores,
            "positionencoding" => self.force_utf16 = prev.force_utf16,
            "exclude" | "extendexclude" => self.exclude = prev.exclude.clone(),
            o if o.starts_with("overrides") => self.overrides = prev.overrides.clone(),
            _ => {}
        }
    }

    /// Apply a `.bedrock-lsp.toml` file's text.
    pub fn apply_toml(&mut self, text: &str, source: &str) -> Vec<SettingsError> {
        match toml::from_str::<toml::Value>(text) {
            Ok(v) => match serde_json::to_value(v) {
                Ok(json) => self.apply_json(&json, source),
                Err(e) => vec![SettingsError {
                    source: source.into(),
                    key: "(file)".into(),
                    message: e.to_string(),
                }],
            },
            Err(e) => vec![SettingsError {
                source: source.into(),
                key: "(file)".into(),
                message: e.to_string().trim().replace('\n', " "),
            }],
        }
    }

    /// The level for a code: the user's override or the code's default.
    pub fn level_for(&self, code: &str, default: Level) -> Level {
        if self.ignore_codes.iter().any(|c| c == code) {
            return Level::Off;
        }
        self.severity.get(code).copied().unwrap_or(default)
    }

    pub fn is_ignored_id(&self, id: &str) -> bool {
        self.ignore_ids.iter().any(|i| i == id)
    }

    /// The settings in force for the file at `rel_path` (relative to the settings
    /// file's directory): these, with every `[[overrides]]` whose `files` match applied
    /// in order (lists are extended, other keys replaced). Borrowed when none matches.
    pub fn for_path(&self, rel_path: &Path) -> Cow<'_, Settings> {
        let mut matching = self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(rel_path))
            .peekable();
        if matching.peek().is_none() {
            return Cow::Borrowed(self);
        }
        let mut s = self.clone();
        for o in matching {
            // Checked when read: nothing to report here.
            let _ = s.apply_json(&o.settings, "overrides");
        }
        Cow::Owned(s)
    }

    /// Is the file at `rel_path` (relative to the settings file's directory) excluded?
    pub fn is_excluded(&self, rel_path: &Path) -> bool {
        self.exclude.is_match(rel_path)
    }
}

/// The keys an `[[overrides]]` entry may set besides `files`.
const OVERRIDE_KEYS: &[&str] = &[
    "region",
    "regions",
    "severity",
    "severities",
    "ignoreids",
    "ignoredids",
    "ignorecodes",
    "ignoredcodes",
    "ignore",
    "inlayhints",
    "documentlinks",
    "reportunusedignores",
];

/// `[[overrides]]`: a list of tables, each with `files` (a list of path globs) and
/// settings from [`OVERRIDE_KEYS`]. Errors name `overrides[i].key`.
fn parse_overrides(
    v: &Value,
    source: &str,
    key: &str,
) -> Result<Vec<Override>, Vec<SettingsError>> {
    let error = |k: String, message: String| SettingsError {
        source: source.into(),
        key: k,
        message,
    };
    let Some(list) = v.as_array() else {
        return Err(vec![error(
            key.into(),
            "expected a list of tables ([[overrides]] with `files` and settings)".into(),
        )]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let at = |k: &str| format!("{key}[{i}].{k}");
        let Some(obj) = entry.as_object() else {
            errors.push(error(format!("{key}[{i}]"), "expected a table".into()));
            continue;
        };
        let files = obj.iter().find(|(k, _)| norm_key(k) == "files");
        let globs = match files.map(|(_, f)| string_list(f)) {
            None => Err("missing: the files this override is for".to_string()),
            Some(None) => Err("expected a list of path globs".to_string()),
            Some(Some(list)) if list.is_empty() => Err("expected at least one path glob".into()),
            Some(Some(list)) => PathGlobs::new(list),
        };
        let globs = match globs {
            Ok(g) => g,
            Err(e) => {
                errors.push(error(at("files"), e));
                continue;
            }
        };
        let mut layer = serde_json::Map::new();
        for (k, val) in obj {
            let n = norm_key(k);
            if n == "files" {
                continue;
            }
            if !OVERRIDE_KEYS.contains(&n.as_str()) {
                errors.push(error(at(k), "not a setting an override can change".into()));
                continue;
            }
            layer.insert(k.clone(), val.clone());
        }
        let layer = Value::Object(layer);
        // Checked now, so that bad values are reported once, with their place.
        let bad = Settings::default().apply_json(&layer, source);
        if !bad.is_empty() {
            errors.extend(bad.into_iter().map(|e| error(at(&e.key), e.message)));
            continue;
        }
        out.push(Override {
            files: globs,
            settings: layer,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The comment that keeps a whole file from being reported, by `check` and the server:
/// `# bedrock-lsp: ignore-file` (in the file's own comment syntax), on a line of its own.
pub const IGNORE_FILE_DIRECTIVE: &str = "bedrock-lsp: ignore-file";

/// Does `text` hold [`IGNORE_FILE_DIRECTIVE`] as a comment on a line of its own: only
/// comment leaders (`#`, `//`, `/*`, `--`, `;`, `<!--`, `%`, `'`, `!`) and spaces
/// before it on its line, and nothing but a comment's end after it? (So prose that
/// mentions the directive, in a string or Markdown text, does not count.)
pub fn ignores_whole_file(text: &str) -> bool {
    ignore_file_directive(text).is_some()
}

/// Where the first [`IGNORE_FILE_DIRECTIVE`] comment (as [`ignores_whole_file`] counts
/// them) has its directive text.
pub fn ignore_file_directive(text: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let at = memchr::memmem::find_iter(bytes, IGNORE_FILE_DIRECTIVE.as_bytes()).find(|&at| {
        let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..at]).map_or(0, |i| i + 1);
        let before = text[line_start..at].trim();
        let end = at + IGNORE_FILE_DIRECTIVE.len();
        let line_end =
            memchr::memchr2(b'\n', b'\r', &bytes[end..]).map_or(bytes.len(), |i| end + i);
        let after = text[end..line_end].trim();
        !before.is_empty()
            && before.chars().all(|c| "#/*-;!<%'".contains(c))
            && after.chars().all(|c| "*/->".contains(c))
    })?;
    Some(at..at + IGNORE_FILE_DIRECTIVE.len())
}

fn string_list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(a) => a.iter().map(|x| x.as_str().map(String::from)).collect(),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

fn merge(into: &mut Vec<String>, list: Vec<String>) {
    for item in list {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lenient_keys_and_errors_name_the_key() {
        let mut s = Settings::default();
        let errs = s.apply_json(
            &json!({"bedrock": {"region": "eu-west-1", "inlay_hints": true, "max-file-size": "big",
                    "severity": {"legacy-model": "hint", "eol-model": "loud"}, "ignoreIds": ["x.y"]}}),
            "initializationOptions",
        );
        assert_eq!(s.regions, vec!["eu-west-1"]);
        assert!(s.inlay_hints);
        assert_eq!(s.max_file_size, DEFAULT_MAX_FILE_SIZE);
        assert_eq!(s.level_for("legacy-model", Level::Warning), Level::Hint);
        assert_eq!(s.level_for("eol-model", Level::Error), Level::Error);
        let keys: Vec<_> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["max-file-size", "severity.eol-model"]);
        assert!(errs[0].to_string().contains("initializationOptions"));
    }

    #[test]
    fn toml_layers_merge_lists() {
        let mut s = Settings::default();
        assert!(s
            .apply_toml(
                "regions = [\"us-east-1\", \"eu-central-1\"]\nignore_ids = [\"a.b\"]\n",
                ".bedrock-lsp.toml"
            )
            .is_empty());
        s.apply_json(
            &json!({"ignoreIds": ["c.d"], "region": "us-west-2"}),
            "client",
        );
        assert_eq!(s.ignore_ids, vec!["a.b", "c.d"]);
        assert_eq!(s.regions, vec!["us-west-2"]);
        let errs = s.apply_toml("regions = [", "f.toml");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].key, "(file)");
        let errs = s.apply_json(&json!({"region": "mars-1"}), "client");
        assert_eq!(errs.len(), 1);
        assert_eq!(
            s.regions,
            vec!["us-west-2"],
            "bad value keeps the last good one"
        );
    }

    #[test]
    fn path_globs_like_ruff() {
        let g = PathGlobs::new(vec![
            "build".into(),
            "*_gen.py".into(),
            "tests/**".into(),
            "./docs/*.md".into(),
        ])
        .unwrap();
        for yes in [
            "build",
            "build/x.py",
            "a/build/b/c.py",
            "x_gen.py",
            "pkg/x_gen.py",
            "tests/a.py",
            "tests/deep/b.py",
            "docs/index.md",
        ] {
            assert!(g.is_match(Path::new(yes)), "{yes}");
        }
        for no in [
            "builder.py",
            "src/tests/a.py",
            "docs/sub/index.md",
            "x_gen.pyc",
        ] {
            assert!(!g.is_match(Path::new(no)), "{no}");
        }
        assert!(PathGlobs::new(vec!["a/[".into()])
            .unwrap_err()
            .contains("a/["));
        assert!(PathGlobs::new(vec!["/".into()]).is_err());
    }

    #[test]
    fn overrides_apply_to_matching_paths_only() {
        let mut s = Settings::default();
        let errs = s.apply_toml(
            "region = \"us-east-1\"\nignore_codes = [\"provisioned-only\"]\n\n[[overrides]]\nfiles = [\"tests/**\", \"*_test.py\"]\nignore_codes = [\"unknown-model\"]\nseverity = { eol-model = \"warning\" }\n\n[[overrides]]\nfiles = [\"tests/eu/**\"]\nregion = \"eu-west-1\"\nignore-ids = [\"a.b\"]\n",
            ".bedrock-lsp.toml",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert!(matches!(
            s.for_path(Path::new("src/app.py")),
            Cow::Borrowed(_)
        ));
        let t = s.for_path(Path::new("tests/a.py"));
        assert_eq!(t.level_for("unknown-model", Level::Error), Level::Off);
        assert_eq!(t.level_for("provisioned-only", Level::Error), Level::Off);
        assert_eq!(t.level_for("eol-model", Level::Error), Level::Warning);
        assert_eq!(t.regions, ["us-east-1"]);
        let eu = s.for_path(Path::new("tests/eu/b.py"));
        assert_eq!(eu.regions, ["eu-west-1"]);
        assert!(eu.is_ignored_id("a.b"));
        assert_eq!(eu.level_for("unknown-model", Level::Error), Level::Off);
        assert!(!s.for_path(Path::new("pkg/x_test.py")).is_ignored_id("a.b"));
    }

    #[test]
    fn bad_overrides_and_excludes_name_their_place() {
        let mut s = Settings::default();
        let errs = s.apply_toml(
            "exclude = [\"a/[\"]\n[[overrides]]\nignore_codes = [\"x\"]\n[[overrides]]\nfiles = [\"t/**\"]\ncatalog_paths = [\"c.json\"]\n[[overrides]]\nfiles = \"t/**\"\nregion = \"mars\"\n",
            "f.toml",
        );
        let keys: Vec<&str> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "exclude",
                "overrides[0].files",
                "overrides[1].catalog_paths",
                "overrides[2].region"
            ],
            "{errs:?}"
        );
        assert!(s.overrides.is_empty());
        let errs = s.apply_toml(
            "exclude = [\"gen\"]\nextend-exclude = [\"vendor/**\"]\n",
            "f.toml",
        );
        assert!(errs.is_empty());
        assert!(s.is_excluded(Path::new("a/gen/x.py")));
        assert!(s.is_excluded(Path::new("vendor/x/y.py")));
        assert!(!s.is_excluded(Path::new("src/vendor/y.py")));
    }

    #[test]
    fn file_ignore_directive_in_each_comment_style() {
        for text in [
            "# bedrock-lsp: ignore-file\nx = 1\n",
            "x = 1\n  // bedrock-lsp: ignore-file\n",
            "/* bedrock-lsp: ignore-file */\n",
            "<!-- bedrock-lsp: ignore-file -->\r\n",
            "-- bedrock-lsp: ignore-file",
        ] {
            assert!(ignores_whole_file(text), "{text:?}");
        }
        for text in [
            "x = \"# bedrock-lsp: ignore-file\"\n",
            "Add `# bedrock-lsp: ignore-file` to skip a file.\n",
            "bedrock-lsp: ignore-file\n",
            "# bedrock-lsp: ignore-files\n",
            "# bedrock-lsp: ignore[eol-model]\n",
        ] {
            assert!(!ignores_whole_file(text), "{text:?}");
        }
    }

    /// Every key in [`KEYS`] is one `apply_json` reads (not "unknown setting").
    #[test]
    fn every_listed_key_is_read() {
        for key in KEYS {
            let errs = Settings::default().apply_json(&serde_json::json!({ *key: 0 }), "t");
            assert!(
                errs.iter().all(|e| e.message != "unknown setting"),
                "{key}: {errs:?}"
            );
        }
        let errs = Settings::default().apply_json(&serde_json::json!({"nope": 0}), "t");
        assert_eq!(errs[0].message, "unknown setting");
    }

    #[test]
    fn region_codes() {
        for r in [
            "us-east-1",
            "us-gov-west-1",
            "ap-southeast-7",
            "eusc-de-east-1",
            "us-isob-east-1",
        ] {
            assert!(is_region_code(r), "{r}");
        }
        assert!(!is_region_code("us-east"));
        assert!(!is_region_code("US-EAST-1"));
    }
}
