//! `bedrock-lsp catalog …` through the built binary: output and exit codes.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{bedrock_lsp, TODAY};

fn fixture(name: &str) -> PathBuf {
    crate::support::fixture("catalog").join(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bedrock_lsp(dir, TODAY).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn list_json_is_an_array_of_models_with_computed_status() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["catalog", "list", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 181);
    let find = |id: &str| arr.iter().find(|m| m["id"] == id).unwrap().clone();
    assert_eq!(find("anthropic.claude-v2")["status"], "EOL");
    assert_eq!(find("ai21.jamba-1-5-mini-v1:0")["status"], "LEGACY");
    assert_eq!(find("amazon.nova-pro-v1:0")["status"], "ACTIVE");
    assert_eq!(find("ai21.j2-mid-v1")["status"], "UNKNOWN");

    let o = run(
        dir.path(),
        &[
            "catalog",
            "list",
            "--provider",
            "anthropic",
            "--status",
            "eol",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr.len() >= 5);
    assert!(arr
        .iter()
        .all(|m| m["provider"] == "Anthropic" && m["status"] == "EOL"));
    assert!(arr
        .iter()
        .any(|m| m["id"] == "anthropic.claude-3-5-sonnet-20241022-v2:0"));

    let o = run(
        dir.path(),
        &["catalog", "list", "--region", "us-east-1", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr
        .iter()
        .any(|m| m["id"] == "amazon.nova-pro-v1:0" && m["regionSupport"]["kind"] == "ON_DEMAND"));
    assert!(arr.iter().all(|m| m["regionSupport"]["kind"] == "ON_DEMAND"
        || m["regionSupport"]["kind"] == "PROFILE_ONLY"));
    // Models without Region data are not claimed for the Region…
    assert!(!arr.iter().any(|m| m["id"] == "amazon.nova-2-5-sonic"));
    // …unless they are profile-only everywhere and a documented profile serves it.
    assert!(arr
        .iter()
        .any(|m| m["id"] == "anthropic.claude-opus-5-5"
            && m["regionSupport"]["kind"] == "PROFILE_ONLY"));
}

#[test]
fn list_text() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "catalog",
            "list",
            "--provider",
            "Amazon",
            "--status",
            "active",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("amazon.nova-pro-v1:0 ") && l.contains("ACTIVE")),
        "{out}"
    );
    assert!(!out.contains("anthropic."), "{out}");
    assert!(
        out.trim_end()
            .ends_with("catalog as of 2026-12-02, status on 2026-11-21"),
        "{out}"
    );
}

#[test]
fn show_any_shape() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["catalog", "show", "arn:aws:bedrock:us-east-2:111122223333:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0", "--json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["id"], "anthropic.claude-3-5-sonnet-20241022-v2:0");
    assert_eq!(v["status"], "EOL");
    assert_eq!(v["lifecycle"]["eol"], "2026-07-30");
    assert_eq!(
        v["effectiveReplacement"],
        "anthropic.claude-sonnet-4-5-20250929-v1:0"
    );
    assert!(v["resolvedAs"]
        .as_str()
        .unwrap()
        .contains("account 111122223333"));

    let o = run(
        dir.path(),
        &[
            "catalog",
            "show",
            "us.amazon.nova-pro-v1:0",
            "--region",
            "eu-west-1",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("model: amazon.nova-pro-v1:0"), "{out}");
    assert!(
        out.contains(
            "eu-west-1: only through a cross-Region inference profile: eu.amazon.nova-pro-v1:0"
        ),
        "{out}"
    );
    assert!(out.contains("catalog as of 2026-12-02"), "{out}");

    let o = run(
        dir.path(),
        &[
            "catalog",
            "show",
            "amazon.nova-pro-v1:0",
            "--region",
            "sa-east-1",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["regionSupport"]["kind"], "NOT_OFFERED");

    let o = run(
        dir.path(),
        &[
            "catalog",
            "show",
            "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcd1234efgh",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("provisioned model"));
}

#[test]
fn show_unknown_exits_1_with_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "catalog",
            "show",
            "anthropic.claude-3-5-sonet-20241022-v2:0",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("unknown model ID `anthropic.claude-3-5-sonet-20241022-v2:0`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean:\n  anthropic.claude-3-5-sonnet-20241022-v2:0"),
        "{err}"
    );

    let o = run(
        dir.path(),
        &[
            "catalog",
            "show",
            "mistral.mistral-large-2411-v1:0",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["error"], "unknown model ID");
    assert!(v["didYouMean"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"].as_str().unwrap().starts_with("mistral.")));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["catalog", "list", "--status", "retired"][..],
        &["catalog", "show"],
        &["catalog", "import"],
        &["catalog", "frobnicate"],
    ] {
        let o = run(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    // A bad Region is a usage error before any credential or network access (and a
    // build without the `aws` feature says so); tests/refresh*.rs cover refresh itself.
    let o = run(
        dir.path(),
        &["catalog", "refresh", "--region", "Not A Region"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    if cfg!(feature = "aws") {
        assert!(err.contains("`Not A Region` is not a Region code"), "{err}");
    } else {
        assert!(err.contains("this build has no AWS support"), "{err}");
    }
}

#[test]
fn import_then_list_and_show_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let fm = fixture("aws-list-foundation-models-us-east-1.json");
    let ip = fixture("aws-list-inference-profiles-us-east-1.json");
    let o = run(
        &store,
        &[
            "catalog",
            "import",
            fm.to_str().unwrap(),
            ip.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("foundation-models in us-east-1: 4 models"),
        "{out}"
    );
    assert!(
        out.contains("inference-profiles in us-east-1, account 111122223333"),
        "{out}"
    );
    let mut stored: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    stored.sort();
    assert_eq!(
        stored,
        [
            "aws-foundation-models-us-east-1.json",
            "aws-inference-profiles-us-east-1-111122223333.json"
        ]
    );

    let o = run(
        &store,
        &[
            "catalog",
            "show",
            "acme.test-model-v1:0",
            "--region",
            "us-east-1",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["status"], "LEGACY");
    assert_eq!(v["regionSupport"]["kind"], "ON_DEMAND");

    let o = run(
        &store,
        &[
            "catalog",
            "show",
            "anthropic.claude-3-haiku-20240307-v1:0",
            "--region",
            "us-east-1",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["regionSupport"]["kind"], "NOT_OFFERED");

    // A malformed import: exit 2, file/line/field named, the store unchanged.
    let before: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let bad = fixture("malformed-field.json");
    let o = run(
        &store,
        &[
            "catalog",
            "import",
            fm.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("malformed-field.json:11: field `modelSummaries[1].modelId`"),
        "{err}"
    );
    assert!(err.contains("unchanged"), "{err}");
    let after: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(before, after);

    // Missing file: exit 2.
    let o = run(&store, &["catalog", "import", "/nonexistent/models.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/models.json"));

    // No Region anywhere: must be given.
    let noarn = dir.path().join("noarn.json");
    std::fs::write(&noarn, r#"{"modelSummaries": [{"modelId": "amazon.nova-lite-v1:0", "inferenceTypesSupported": ["ON_DEMAND"]}]}"#).unwrap();
    let o = run(&store, &["catalog", "import", noarn.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--region"));
    let o = run(
        &store,
        &[
            "catalog",
            "import",
            noarn.to_str().unwrap(),
            "--region",
            "eu-west-3",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(store.join("aws-foundation-models-eu-west-3.json").exists());
    let o = run(
        &store,
        &[
            "catalog",
            "show",
            "amazon.nova-pro-v1:0",
            "--region",
            "eu-west-3",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["regionSupport"]["kind"], "NOT_OFFERED");
}

#[test]
fn a_broken_file_in_the_store_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("malformed-catalog-date.json"),
        dir.path().join("broken.json"),
    )
    .unwrap();
    std::fs::copy(fixture("user-catalog.json"), dir.path().join("team.json")).unwrap();
    let o = run(dir.path(), &["catalog", "show", "acme.private-model-v1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("broken.json:9: field `models[0].lifecycle.legacy`"),
        "{}",
        stderr(&o)
    );
}
