//! Every place that lists the diagnostic codes agrees with the one table,
//! `bedrock_lsp::analysis::CODES`: the README's codes table, the VS Code extension's
//! settings (`bedrock.severity`, `bedrock.ignoreCodes` and any other list of codes in
//! `package.json`) and README, the SARIF rules `check` writes, and the settings'
//! `severity` and `ignoreCodes` keys. A code added to the table alone fails here, and
//! each message names what is missing where.

use std::collections::BTreeSet;

use bedrock_lsp::analysis::CODES;
use bedrock_lsp::settings::{Level, Settings};
use serde_json::Value;

use crate::support::{bedrock_lsp, repo, TODAY};

fn ids() -> Vec<&'static str> {
    CODES.iter().map(|c| c.id).collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `listed` (found in `place`) names exactly the codes of `CODES`; the message says
/// which code is missing from `place` and which name there is no code.
fn assert_same_codes(place: &str, listed: &[String]) {
    let listed_set: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
    let known: BTreeSet<&str> = ids().into_iter().collect();
    let missing: Vec<&str> = known.difference(&listed_set).copied().collect();
    let unknown: Vec<&str> = listed_set.difference(&known).copied().collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "{place}: missing codes {missing:?} (rows of CODES in src/analysis/codes.rs); \
         names no code {unknown:?}"
    );
    assert_eq!(
        listed.len(),
        listed_set.len(),
        "{place} lists a code twice: {listed:?}"
    );
}

/// Like [`assert_same_codes`], in the order of `CODES` too.
fn assert_codes_in_order(place: &str, listed: &[String]) {
    assert_same_codes(place, listed);
    assert_eq!(
        listed,
        ids(),
        "{place}: the codes in another order than CODES"
    );
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Information => "information",
        Level::Hint => "hint",
        Level::Off => "off",
    }
}

/// The README's "Diagnostic codes" table: a row per code (first cell), with the
/// code's default level (the `level` column).
#[test]
fn the_readme_codes_table_lists_every_code() {
    let readme = read("README.md");
    let section = readme
        .split("\n## Diagnostic codes\n")
        .nth(1)
        .expect("README.md has a `## Diagnostic codes` section");
    let mut table = section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            row.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().trim_matches('`').to_string())
                .collect::<Vec<String>>()
        });
    let header = table.next().expect("README.md: the codes table");
    let level_col = header.iter().position(|h| h == "level");
    let rows: Vec<Vec<String>> = table.skip(1).collect(); // past the separator
    let listed: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_codes_in_order("README.md, table under `## Diagnostic codes`", &listed);
    if let Some(col) = level_col {
        for (row, c) in rows.iter().zip(&CODES) {
            assert_eq!(
                row.get(col).map(String::as_str),
                Some(level_name(c.default_level)),
                "README.md, codes table: the level of {} is not the default level in CODES",
                c.id
            );
        }
    }
    // The page a code links to from our own docs exists.
    for c in &CODES {
        if let Some(anchor) = c
            .href
            .strip_prefix("https://github.com/bedrock-lsp/bedrock-lsp#")
        {
            let heading = readme
                .lines()
                .filter(|l| l.starts_with('#'))
                .map(|l| github_anchor(l.trim_start_matches('#').trim()))
                .find(|a| a == anchor);
            assert!(
                heading.is_some(),
                "{}: README.md has no heading #{anchor}",
                c.id
            );
        }
    }
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, punctuation dropped.
fn github_anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|ch| match ch {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn vscode_settings() -> Value {
    let pkg: Value = serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    pkg["contributes"]["configuration"]["properties"].clone()
}

/// `bedrock.severity`: one property per code, each taking the levels; nothing else.
#[test]
fn vscode_severity_setting_has_a_property_per_code() {
    let severity = &vscode_settings()["bedrock.severity"];
    let props = severity["properties"]
        .as_object()
        .expect("package.json: bedrock.severity has `properties`");
    // (`serde_json` reads objects sorted by key: the order is not checked.)
    let listed: Vec<String> = props.keys().cloned().collect();
    assert_same_codes(
        "editors/vscode/package.json, bedrock.severity properties",
        &listed,
    );
    let levels: Vec<Value> = ["error", "warning", "information", "hint", "off"]
        .map(Value::from)
        .to_vec();
    for c in &CODES {
        let p = &props[c.id];
        assert_eq!(
            p["enum"].as_array(),
            Some(&levels),
            "package.json: bedrock.severity.{} takes the levels",
            c.id
        );
        assert_eq!(
            p["description"].as_str(),
            Some(c.summary),
            "package.json: bedrock.severity.{} is described by the code's summary in CODES",
            c.id
        );
    }
    // The server rejects other keys (see `severity_keys_are_the_codes`).
    assert_eq!(
        severity["additionalProperties"],
        Value::Bool(false),
        "package.json: bedrock.severity accepts keys that are no code"
    );
}

/// `bedrock.ignoreCodes`: an enum of the codes, described by their summaries.
#[test]
fn vscode_ignore_codes_setting_offers_every_code() {
    let items = &vscode_settings()["bedrock.ignoreCodes"]["items"];
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_codes_in_order(
        "editors/vscode/package.json, bedrock.ignoreCodes enum",
        &strings(&items["enum"]),
    );
    let summaries: Vec<&str> = CODES.iter().map(|c| c.summary).collect();
    assert_eq!(
        strings(&items["enumDescriptions"]),
        summaries,
        "package.json: bedrock.ignoreCodes enumDescriptions are the summaries in CODES, in order"
    );
}

/// Any other list of codes in `package.json` (an enum, the keys of an object) lists
/// them all.
#[test]
fn every_list_of_codes_in_package_json_is_complete() {
    fn walk(v: &Value, path: &str, found: &mut Vec<(String, Vec<String>)>) {
        let is_code = |s: &str| CODES.iter().any(|c| c.id == s);
        match v {
            Value::Array(a) => {
                let strings: Vec<String> = a
                    .iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect();
                if strings.iter().any(|s| is_code(s)) {
                    found.push((path.to_string(), strings));
                }
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), found);
                }
            }
            Value::Object(o) => {
                let keys: Vec<String> = o.keys().cloned().collect();
                if keys.iter().any(|k| is_code(k)) {
                    found.push((format!("{path} (keys)"), keys));
                }
                for (k, x) in o {
                    walk(x, &format!("{path}.{k}"), found);
                }
            }
            _ => {}
        }
    }
    let pkg: Value = serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    let mut found = Vec::new();
    walk(&pkg, "package.json", &mut found);
    assert!(
        found.len() >= 2,
        "package.json lists the codes nowhere: {found:?}"
    );
    for (path, listed) in &found {
        assert_same_codes(&format!("editors/vscode/{path}"), listed);
    }
}

/// The VS Code README names every code in its list of diagnostics.
#[test]
fn the_vscode_readme_names_every_code() {
    let readme = read("editors/vscode/README.md");
    let start = readme
        .find("**diagnostics**")
        .expect("editors/vscode/README.md: a `**diagnostics**` item");
    let item = &readme[start..];
    let item = &item[..item.find("\n- ").unwrap_or(item.len())];
    // Code-like quoted words: lower-case words joined by `-`.
    let listed: Vec<String> = item
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.contains('-') && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .map(String::from)
        .collect();
    assert_same_codes(
        "editors/vscode/README.md, the **diagnostics** item",
        &listed,
    );
}

/// The SARIF rules of `check --format sarif`: one per code, in order, with the
/// table's summary and link.
#[test]
fn sarif_rules_are_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = bedrock_lsp(&dir.path().join("no-user-catalog"), TODAY)
        .args(["check", "--format", "sarif", "."])
        .current_dir(dir.path())
        .output()
        .expect("run bedrock-lsp");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("SARIF rules");
    let listed: Vec<String> = rules
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_codes_in_order("the SARIF rules of `check --format sarif`", &listed);
    for (rule, c) in rules.iter().zip(&CODES) {
        assert_eq!(
            rule["shortDescription"]["text"], c.summary,
            "SARIF rule {}",
            c.id
        );
        assert_eq!(rule["helpUri"], c.href, "SARIF rule {}", c.id);
    }
}

fn settings_errors(toml: &str) -> Vec<String> {
    let mut s = Settings::default();
    s.apply_toml(toml, ".bedrock-lsp.toml")
        .iter()
        .map(|e| e.to_string())
        .collect()
}

/// A `[severity]` table takes every code (and each takes effect); a key that is no
/// code is an error naming it.
#[test]
fn severity_keys_are_the_codes() {
    let mut toml = String::from("[severity]\n");
    for c in &CODES {
        toml += &format!("{} = \"hint\"\n", c.id);
    }
    let mut s = Settings::default();
    let errors = s.apply_toml(&toml, ".bedrock-lsp.toml");
    assert!(errors.is_empty(), "[severity] with every code: {errors:?}");
    for c in &CODES {
        let not_hint = if c.default_level == Level::Hint {
            Level::Error
        } else {
            c.default_level
        };
        assert_eq!(
            s.level_for(c.id, not_hint),
            Level::Hint,
            "[severity] {} = \"hint\" takes no effect",
            c.id
        );
    }
    let errors = settings_errors("[severity]\neol-model = \"warning\"\neol-modle = \"off\"\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("severity.eol-modle") && errors[0].contains("eol-model"),
        "the error names the key and the known codes: {}",
        errors[0]
    );
}

/// `ignore_codes` takes every code; a name that is no code is an error naming it.
#[test]
fn ignore_codes_are_the_codes() {
    let list: Vec<String> = ids().iter().map(|id| format!("\"{id}\"")).collect();
    let toml = format!("ignore_codes = [{}]\n", list.join(", "));
    let mut s = Settings::default();
    let errors = s.apply_toml(&toml, ".bedrock-lsp.toml");
    assert!(
        errors.is_empty(),
        "ignore_codes with every code: {errors:?}"
    );
    for c in &CODES {
        assert_eq!(
            s.level_for(c.id, Level::Error),
            Level::Off,
            "{} not ignored",
            c.id
        );
    }
    let errors = settings_errors("ignore_codes = [\"eol-model\", \"legacy\"]\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("`legacy`"), "{}", errors[0]);
}
