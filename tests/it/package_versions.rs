//! One version: Cargo.toml's is the source, and every package that ships the binary says
//! the same (the PyPI wheel takes it from Cargo.toml itself; this catches the files that
//! repeat it). Also: the npm launcher lists exactly the platform packages of
//! npm/platforms.json, and the GitHub Action installs this version by default.

fn read(rel: &str) -> String {
    std::fs::read_to_string(crate::support::repo().join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json(rel: &str) -> serde_json::Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `key = "value"` in the given TOML table (the first one; flat tables only).
fn toml_value(rel: &str, table: &str, key: &str) -> String {
    let text = read(rel);
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let t = if table.is_empty() {
        &value
    } else {
        &value[table]
    };
    t.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{rel}: no {table}.{key}"))
        .to_string()
}

#[test]
fn every_package_has_cargo_tomls_version() {
    let mut wrong = Vec::new();
    let mut check = |what: &str, got: String| {
        if got != VERSION {
            wrong.push(format!("{what}: {got}"));
        }
    };
    // pyproject.toml: the version must stay dynamic (maturin reads Cargo.toml).
    let py: toml::Value = toml::from_str(&read("pyproject.toml")).unwrap();
    assert!(
        py["project"].get("version").is_none()
            && py["project"]["dynamic"]
                .as_array()
                .is_some_and(|a| a.iter().any(|v| v.as_str() == Some("version"))),
        "pyproject.toml: the version must be `dynamic` (taken from Cargo.toml by maturin)"
    );
    check(
        "npm/bedrock-lsp/package.json",
        json("npm/bedrock-lsp/package.json")["version"]
            .as_str()
            .unwrap()
            .into(),
    );
    for (name, v) in json("npm/bedrock-lsp/package.json")["optionalDependencies"]
        .as_object()
        .expect("optionalDependencies")
    {
        check(
            &format!("npm/bedrock-lsp optionalDependencies {name}"),
            v.as_str().unwrap().into(),
        );
    }
    check(
        "editors/vscode/package.json",
        json("editors/vscode/package.json")["version"]
            .as_str()
            .unwrap()
            .into(),
    );
    check(
        "editors/vscode/package-lock.json",
        json("editors/vscode/package-lock.json")["version"]
            .as_str()
            .unwrap()
            .into(),
    );
    check(
        "editors/zed/extension.toml",
        toml_value("editors/zed/extension.toml", "", "version"),
    );
    check(
        "editors/zed/Cargo.toml",
        toml_value("editors/zed/Cargo.toml", "package", "version"),
    );
    // mason: `source.id: pkg:pypi/bedrock-lsp@VERSION`.
    let mason = read("editors/mason/package.yaml");
    let id = mason
        .lines()
        .find_map(|l| l.trim().strip_prefix("id: "))
        .expect("editors/mason/package.yaml: source.id");
    assert!(
        id.starts_with("pkg:pypi/bedrock-lsp@"),
        "editors/mason/package.yaml: {id} is not pkg:pypi/bedrock-lsp@… (the prebuilt wheel)"
    );
    check(
        "editors/mason/package.yaml",
        id.rsplit('@').next().unwrap().into(),
    );
    // The GitHub Action's default `version` input.
    let action = read("action.yml");
    let default = action
        .split("\n  version:\n")
        .nth(1)
        .and_then(|rest| {
            rest.lines()
                .find_map(|l| l.trim().strip_prefix("default: "))
        })
        .expect("action.yml: inputs.version.default");
    check(
        "action.yml inputs.version",
        default.trim_matches('"').into(),
    );
    assert!(
        wrong.is_empty(),
        "versions that disagree with Cargo.toml's {VERSION}:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn the_npm_launcher_lists_every_platform_package() {
    let table = json("npm/platforms.json");
    let scope = table["scope"].as_str().unwrap();
    let mut want: Vec<String> = table["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{scope}/{}", p["key"].as_str().unwrap()))
        .collect();
    let mut got: Vec<String> = json("npm/bedrock-lsp/package.json")["optionalDependencies"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}
