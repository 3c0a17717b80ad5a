//! The running server follows its catalog inputs: an AWS listing landing in the user
//! catalog directory (what `catalog import` and `catalog refresh` write) changes the
//! diagnostics without a restart; a broken file keeps the last good state with one clear
//! message; a deleted file is forgotten.

use crate::support::lsp::{test_options, TestClient};
use serde_json::{json, Value};
use std::path::Path;

/// What `aws bedrock list-foundation-models --region eu-central-1` returns for an account
/// where Nova Pro is offered on demand in eu-central-1.
const LISTING: &str = r#"{"modelSummaries": [{
  "modelArn": "arn:aws:bedrock:eu-central-1::foundation-model/amazon.nova-pro-v1:0",
  "modelId": "amazon.nova-pro-v1:0", "modelName": "Nova Pro", "providerName": "Amazon",
  "inputModalities": ["TEXT", "IMAGE", "VIDEO"], "outputModalities": ["TEXT"],
  "responseStreamingSupported": true, "customizationsSupported": [],
  "inferenceTypesSupported": ["ON_DEMAND", "INFERENCE_PROFILE"],
  "modelLifecycle": {"status": "ACTIVE"}}]}"#;

/// The document every test here opens: a call of Nova Pro.
const APP: &str = "file:///w/app.py";

/// A server whose user catalog directory is `dir`, initialized with `capabilities` and
/// the region eu-central-1 (where the shipped catalog serves Nova Pro only through a
/// profile), with [`APP`] open at version 1.
async fn nova_pro_in_eu_central_1(dir: &Path, capabilities: Value) -> TestClient {
    let mut opts = test_options();
    opts.user_catalog_dir = Some(dir.to_path_buf());
    let c = TestClient::start(opts);
    c.initialize(capabilities, json!({"region": "eu-central-1"}))
        .await;
    c.open(
        APP,
        "python",
        1,
        "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
    )
    .await;
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_landing_while_running_is_picked_up_and_a_broken_one_keeps_the_last_good_state() {
    let dir = tempfile::tempdir().unwrap();
    let c = nova_pro_in_eu_central_1(dir.path(), json!({})).await;
    let uri = APP;
    // The shipped catalog: in eu-central-1 Nova Pro is served only through a profile.
    let d = c.diagnostics(uri, 1).await;
    assert_eq!(d[0]["code"], "needs-inference-profile");

    // The account's own listing lands (written whole, as import/refresh do).
    let file = dir.path().join("aws-eu-central-1.json");
    std::fs::write(dir.path().join("tmp.part"), LISTING).unwrap();
    std::fs::rename(dir.path().join("tmp.part"), &file).unwrap();
    c.wait_until_clean(uri).await;

    // The file breaks: one clear message naming it; the last good listing stays.
    std::fs::write(&file, "{\"modelSummaries\": [").unwrap();
    let msg = c.message_containing("aws-eu-central-1.json").await;
    assert!(
        msg["message"]
            .as_str()
            .unwrap()
            .contains("last good version"),
        "{msg}"
    );
    let d = c
        .wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri)
        .await;
    assert!(d["diagnostics"].as_array().unwrap().is_empty(), "{d}");

    // Deleted: the shipped facts apply again.
    std::fs::remove_file(&file).unwrap();
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["diagnostics"].as_array().is_some_and(|a| {
                a.first()
                    .is_some_and(|d| d["code"] == "needs-inference-profile")
            })
    })
    .await;
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn project_catalog_paths_outside_the_workspace_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let listing = outside.path().join("listing.json");
    std::fs::write(&listing, LISTING).unwrap();
    std::fs::write(
        root.path().join(".bedrock-lsp.toml"),
        format!("catalog_paths = [{:?}]\n", listing.display().to_string()),
    )
    .unwrap();
    let c = TestClient::start_in(root.path(), test_options(), json!({})).await;
    let msg = c.message_containing("outside the workspace").await;
    assert!(msg["message"].as_str().unwrap().contains("listing.json"));
    c.shutdown_and_exit().await;
}

/// A pull client (VS Code) is asked to pull again when the catalog changes, and pulls
/// the findings of the new catalog.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_clients_are_asked_to_pull_again_when_the_catalog_changes() {
    let dir = tempfile::tempdir().unwrap();
    let c = nova_pro_in_eu_central_1(
        dir.path(),
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}}),
    )
    .await;
    let uri = APP;
    assert_eq!(
        c.pull_diagnostics(uri).await["items"][0]["code"],
        "needs-inference-profile"
    );
    // The refresh after `initialized` (configuration) comes first.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let before = c.server_requests_named("workspace/diagnostic/refresh");
    std::fs::write(dir.path().join("tmp.part"), LISTING).unwrap();
    std::fs::rename(
        dir.path().join("tmp.part"),
        dir.path().join("aws-eu-central-1.json"),
    )
    .unwrap();
    assert!(
        c.server_requests_after("workspace/diagnostic/refresh", before)
            .await
            > before,
        "no workspace/diagnostic/refresh after the catalog changed"
    );
    assert_eq!(c.pull_diagnostics(uri).await["items"], json!([]));
    c.shutdown_and_exit().await;
}

/// A catalog installed by `catalog update` (`<user dir>/published/catalog.json`) is the
/// running server's base when it is newer than the shipped one, as it is for `check`:
/// its date is what the status reports, so the catalog is not called stale after an
/// update. When it breaks, its last good version stays the base.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_catalog_is_the_servers_base_and_survives_breaking() {
    let dir = tempfile::tempdir().unwrap();
    let published = bedrock_lsp::catalog::published_path(dir.path());
    std::fs::create_dir_all(published.parent().unwrap()).unwrap();
    let shipped = bedrock_lsp::catalog::Catalog::embedded().as_of();
    let newer = bedrock_lsp::catalog::Date::from_unix_days(shipped.to_unix_days() + 40);
    let text = bedrock_lsp::catalog::EMBEDDED_JSON.replacen(
        &format!("\"asOf\": \"{shipped}\""),
        &format!("\"asOf\": \"{newer}\""),
        1,
    );
    assert_ne!(text, bedrock_lsp::catalog::EMBEDDED_JSON);
    std::fs::write(&published, &text).unwrap();
    let mut opts = test_options();
    opts.user_catalog_dir = Some(dir.path().to_path_buf());
    // 60 days after the shipped catalog, 20 after the published one.
    opts.today = Some(bedrock_lsp::catalog::Date::from_unix_days(
        shipped.to_unix_days() + 60,
    ));
    let c = TestClient::start(opts);
    c.initialize(json!({}), serde_json::Value::Null).await;
    let status = c
        .request("bedrockLsp/status", serde_json::Value::Null)
        .await
        .unwrap();
    assert_eq!(status["catalogAsOf"], newer.to_string(), "{status}");
    assert_eq!(status["stale"], false, "{status}");

    std::fs::write(&published, "{\"format\": 1, \"asOf\": ").unwrap();
    let msg = c
        .wait_for("window/showMessage", |p| {
            p["message"].as_str().unwrap_or("").contains("catalog.json")
        })
        .await;
    assert!(
        msg["message"]
            .as_str()
            .unwrap()
            .contains("last good version"),
        "{msg}"
    );
    let status = c
        .request("bedrockLsp/status", serde_json::Value::Null)
        .await
        .unwrap();
    assert_eq!(status["catalogAsOf"], newer.to_string(), "{status}");
    c.shutdown_and_exit().await;
}

/// Imports that were in the user catalog directory before the server started apply from
/// the first diagnostics (not only imports that land while it runs).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_present_at_start_apply_from_the_first_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("aws-eu-central-1.json"), LISTING).unwrap();
    let c = nova_pro_in_eu_central_1(dir.path(), json!({})).await;
    let uri = APP;
    // Without the listing this is `needs-inference-profile` (see the first test).
    let d = c.diagnostics(uri, 1).await;
    assert!(d.is_empty(), "{d:?}");
    c.shutdown_and_exit().await;
}
