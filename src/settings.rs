//! User settings: one typed, lenient struct fed from `initializationOptions`,
//! `workspace/configuration` (section `bedrock`) and the workspace `.bedrock-lsp.toml`.
//!
//! Precedence, lowest first: defaults, `.bedrock-lsp.toml`, `initializationOptions`,
//! `workspace/configuration`. Scalars from a later layer replace earlier ones; the lists
//! `ignoreIds`, `ignoreCodes` and `catalogPaths` are merged. Keys are matched leniently:
//! `ignoreIds`, `ignore_ids` and `ignore-ids` are the same key. A value of the wrong
//! type is reported with its key and skipped; the other keys still apply.

use std::collections::BTreeMap;

use serde_json::Value;

/// The name of the project settings file, looked up at the workspace root.
pub const PROJECT_FILE: &str = ".bedrock-lsp.toml";
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
    pub max_file_size: u64,
    /// Always use UTF-16 positions, whatever the client offers.
    pub force_utf16: bool,
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
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            force_utf16: false,
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

pub(crate) fn norm_key(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Is this a plausible AWS region code (`us-east-1`, `us-gov-west-1`, `eu-central-2`)?
pub fn is_region_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() < 3 || parts.len() > 4 {
        return false;
    }
    let last = parts[parts.len() - 1];
    (2..=4).contains(&parts[0].len())
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && !last.is_empty()
        && last.len() <= 2
        && last.bytes().all(|b| b.is_ascii_digit())
}

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
                    Some(list) => merge(&mut self.ignore_codes, list),
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
                "maxfilesize" => match v.as_u64() {
                    Some(n) if n > 0 => self.max_file_size = n,
                    _ => err("expected a positive number of bytes".into()),
                },
                "positionencoding" => match v.as_str() {
                    Some(s) if s.eq_ignore_ascii_case("utf-16") => self.force_utf16 = true,
                    Some(s) if s.eq_ignore_ascii_case("auto") => self.force_utf16 = false,
                    _ => err("expected \"auto\" or \"utf-16\"".into()),
                },
                // Client-side keys we accept and ignore (VS Code's trace, server path, log level).
                "trace" | "server" | "loglevel" => {}
                _ => err("unknown setting".into()),
            }
        }
        errors
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
