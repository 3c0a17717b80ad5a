//! The editor features through the protocol: pushed and pulled diagnostics, completion
//! (+ resolve), hover, code actions applied and re-checked, inlay hints, document
//! links, and settings from every source.

use crate::support::lsp::{file_uri, pos, test_options, TestClient};
use serde_json::{json, Value};

const PY: &str = "import boto3\nclient = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\nresp = client.converse(modelId=\"anthropic.claude-hiaku-4-5-20251001-v1:0\", messages=[])\n";

/// Apply LSP text edits (single-line ranges, UTF-16 = ASCII here) to a text.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64().unwrap(),
            e["range"]["start"]["character"].as_u64().unwrap(),
        ))
    });
    for e in edits {
        let (sl, sc) = (
            e["range"]["start"]["line"].as_u64().unwrap() as usize,
            e["range"]["start"]["character"].as_u64().unwrap() as usize,
        );
        let (el, ec) = (
            e["range"]["end"]["line"].as_u64().unwrap() as usize,
            e["range"]["end"]["character"].as_u64().unwrap() as usize,
        );
        assert_eq!(sl, el, "multi-line edits are not expected here");
        let line = &mut lines[sl];
        line.replace_range(sc..ec.min(line.len()), e["newText"].as_str().unwrap());
    }
    lines.join("\n")
}

/// The code actions offered for the first of `diags`.
async fn code_actions(c: &TestClient, uri: &str, diags: &[Value]) -> Value {
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn pushed_diagnostic_carries_code_description_and_fix_data() {
    let c = TestClient::started().await;
    let uri = "file:///w/app.py";
    c.open(uri, "python", 1, PY).await;
    let diags = c.diagnostics(uri, 1).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "unknown-model");
    assert_eq!(d["source"], "bedrock-lsp");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["range"]["start"], pos(2, 32));
    assert_eq!(d["range"]["end"], pos(2, 72));
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("Did you mean `anthropic.claude-haiku-4-5-20251001-v1:0`"));
    assert_eq!(
        d["codeDescription"]["href"],
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html"
    );
    assert_eq!(
        d["data"]["fixes"][0]["edits"][0]["newText"],
        "anthropic.claude-haiku-4-5-20251001-v1:0"
    );
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn eol_models_are_tagged_deprecated() {
    let c = TestClient::started().await;
    let uri = "file:///w/main.tf";
    c.open(
        uri,
        "terraform",
        1,
        "resource \"aws_bedrockagent_agent\" \"a\" {\n  foundation_model = \"amazon.titan-text-express-v1\"\n}\n",
    )
    .await;
    let diags = c.diagnostics(uri, 1).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "eol-model");
    assert_eq!(diags[0]["tags"], json!([2]));
    c.shutdown_and_exit().await;
}

/// VS Code's capabilities as far as diagnostics go: it pulls and can be asked to pull again.
const PULL_AND_REFRESH: &str = r#"{"textDocument": {"diagnostic": {"dynamicRegistration": false}},
    "workspace": {"diagnostics": {"refreshSupport": true}, "configuration": true}}"#;

#[tokio::test]
async fn pull_clients_get_diagnostics_by_request_and_none_pushed() {
    let c = TestClient::start(test_options());
    let init = c
        .initialize(serde_json::from_str(PULL_AND_REFRESH).unwrap(), Value::Null)
        .await;
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "bedrock-lsp"
    );
    let uri = "file:///w/pull.py";
    c.open(uri, "python", 1, PY).await;
    let report = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["code"], "unknown-model");
    // A request after the debounce proves the pipeline ran; nothing was pushed.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(0, 0)}),
    )
    .await
    .unwrap();
    assert!(c.drain("textDocument/publishDiagnostics").await.is_empty());
    c.shutdown_and_exit().await;
}

/// Neovim 0.10-0.12 pulls, but only for buffers visible at `didOpen`/`didChange`, and it
/// cannot be asked to pull again (no `workspace.diagnostics.refreshSupport`): it is not
/// offered pull diagnostics, and gets every document's diagnostics pushed.
#[tokio::test]
async fn clients_that_pull_but_cannot_be_asked_again_get_diagnostics_pushed() {
    let c = TestClient::start(test_options());
    let init = c
        .initialize(
            json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}},
                   "workspace": {"configuration": true}}),
            Value::Null,
        )
        .await;
    assert!(
        init["capabilities"].get("diagnosticProvider").is_none(),
        "pull diagnostics offered to a client that cannot be asked to pull again: {init}"
    );
    let uris = ["file:///w/a.py", "file:///w/b.py", "file:///w/c.py"];
    for u in uris {
        c.open(u, "python", 1, PY).await;
    }
    for d in c.diagnostics_of_all(&uris, 1).await {
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0]["code"], "unknown-model");
    }
    c.shutdown_and_exit().await;
}

/// A pull client is asked to pull again when the settings change, and pulls the new
/// findings (here: `unknown-model` switched off).
#[tokio::test]
async fn pull_clients_are_asked_to_pull_again_when_settings_change() {
    let c = TestClient::start(test_options());
    c.initialize(serde_json::from_str(PULL_AND_REFRESH).unwrap(), Value::Null)
        .await;
    let uri = "file:///w/refresh.py";
    c.open(uri, "python", 1, PY).await;
    assert_eq!(
        c.pull_diagnostics(uri).await["items"][0]["code"],
        "unknown-model"
    );
    const REFRESH: &str = "workspace/diagnostic/refresh";
    // `initialized` pulls the configuration and refreshes once.
    let before = c.server_requests_after(REFRESH, 0).await;
    assert!(before >= 1, "no refresh after initialized");
    c.reconfigure(json!({"ignoreCodes": ["unknown-model"]}))
        .await;
    assert_eq!(
        c.server_requests_after(REFRESH, before).await,
        before + 1,
        "no workspace/diagnostic/refresh"
    );
    assert_eq!(c.pull_diagnostics(uri).await["items"], json!([]));
    assert!(c.drain("textDocument/publishDiagnostics").await.is_empty());
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn quick_fix_applied_through_the_protocol_leaves_the_file_clean() {
    let c = TestClient::started().await;
    let uri = "file:///w/fix.py";
    c.open(uri, "python", 1, PY).await;
    let diags = c.diagnostics(uri, 1).await;
    let actions = code_actions(&c, uri, &diags).await;
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles[..2],
        [
            "Replace with `anthropic.claude-haiku-4-5-20251001-v1:0`",
            "Ignore `unknown-model` on this line"
        ],
        "{titles:?}"
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "unknown-model");
    let edits = fix["edit"]["changes"][uri].as_array().unwrap();
    let fixed = apply_edits(PY, edits);
    assert!(fixed.contains("modelId=\"anthropic.claude-haiku-4-5-20251001-v1:0\""));
    c.change(uri, 2, json!([{"text": fixed}])).await;
    // The corrected ID is a real one, clean where it stands: a fix never leaves a
    // finding of its own.
    assert!(c.diagnostics(uri, 2).await.is_empty());
    // The ignore-line action silences a finding for good.
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore `unknown-model` on this line")
        .expect("ignore action");
    let ignored = apply_edits(PY, ignore["edit"]["changes"][uri].as_array().unwrap());
    assert!(ignored.contains("# bedrock-lsp: ignore[unknown-model]"));
    c.change(uri, 3, json!([{"text": ignored}])).await;
    assert!(c.diagnostics(uri, 3).await.is_empty());
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn completion_inside_a_string_and_resolve() {
    let c = TestClient::started().await;
    let uri = "file:///w/comp.py";
    let text = "client.converse(modelId=\"nova pro\")\n";
    c.open(uri, "python", 1, text).await;
    let list = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(0, 33)}),
        )
        .await
        .unwrap();
    assert_eq!(list["isIncomplete"], true);
    let items = list["items"].as_array().unwrap();
    let first = &items[0];
    assert!(
        first["label"].as_str().unwrap().contains("nova-pro"),
        "{first}"
    );
    // The edit replaces the whole string content, not just the word at the cursor.
    assert_eq!(first["textEdit"]["range"]["start"], pos(0, 25));
    assert_eq!(first["textEdit"]["range"]["end"], pos(0, 33));
    assert_eq!(first["filterText"], "nova pro");
    assert!(
        first["documentation"].is_null(),
        "documentation comes with resolve"
    );
    let resolved = c
        .request("completionItem/resolve", first.clone())
        .await
        .unwrap();
    let doc = resolved["documentation"]["value"].as_str().unwrap();
    assert!(doc.contains("— Amazon"), "{doc}");
    c.shutdown_and_exit().await;
}

/// An item's `data` carries what resolve needs besides the label: the region(s) in
/// force at its site and where they come from. The server keeps nothing about a list:
/// an item resolves the same after many newer lists and after the document is closed;
/// data the server did not make gives the card without a region, and no error.
#[tokio::test]
async fn resolve_gives_the_region_in_force_at_the_completion_site() {
    let c = TestClient::started().await;
    let uri = "file:///w/site.py";
    let text = "import boto3\nrt = boto3.client(\"bedrock-runtime\", region_name=\"eu-west-1\")\nrt.converse(modelId=\"nova pro\")\n";
    c.open(uri, "python", 1, text).await;
    let complete = || async {
        c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(2, 29)}),
        )
        .await
        .unwrap()
    };
    let first = complete().await["items"][0].clone();
    assert_eq!(first["data"], json!(["file", "eu-west-1"]), "{first}");
    let in_force = "Region in force: `eu-west-1` (named in this file)";
    let resolve = |item: Value| async {
        let resolved = c.request("completionItem/resolve", item).await.unwrap();
        resolved["documentation"]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let doc = resolve(first.clone()).await;
    assert!(doc.contains(in_force), "{doc}");
    for _ in 0..20 {
        complete().await;
    }
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    let doc = resolve(first.clone()).await;
    assert!(doc.contains(in_force), "{doc}");
    for data in [
        json!(["file", "eu-west-1", "not a region"]),
        json!(["somewhere", "eu-west-1"]),
        json!([uri, 3]),
        json!(7),
        json!({"uri": uri}),
    ] {
        let mut item = first.clone();
        item["data"] = data;
        let doc = resolve(item).await;
        assert!(doc.contains("— Amazon"), "{doc}");
        assert!(!doc.contains("Region in force"), "{doc}");
    }
    // No region named in the file: the settings' region, said to come from there.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"bedrock": {"region": "us-west-2"}}}),
    )
    .await;
    let other = "file:///w/other.py";
    c.open(
        other,
        "python",
        1,
        "import boto3\nboto3.client(\"bedrock-runtime\").converse(modelId=\"nova pro\")\n",
    )
    .await;
    let list = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": other}, "position": pos(1, 58)}),
        )
        .await
        .unwrap();
    let item = list["items"][0].clone();
    assert_eq!(item["data"], json!(["settings", "us-west-2"]), "{item}");
    let doc = resolve(item).await;
    assert!(
        doc.contains("Region in force: `us-west-2` (from the settings)"),
        "{doc}"
    );
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn completion_after_a_key_inserts_the_quotes() {
    let c = TestClient::started().await;
    let uri = "file:///w/key.py";
    c.open(uri, "python", 1, "client.converse(modelId=").await;
    let list = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(0, 24)}),
        )
        .await
        .unwrap();
    let item = &list["items"][0];
    let label = item["label"].as_str().unwrap();
    assert_eq!(item["textEdit"]["newText"], format!("\"{label}\""));
    // Outside any model position there is nothing to complete.
    c.change(uri, 2, json!([{"text": "x = 1\n"}])).await;
    let none = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(0, 3)}),
        )
        .await
        .unwrap();
    assert!(none.is_null());
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn hover_shows_the_model_card_with_the_range_of_the_id() {
    let c = TestClient::started().await;
    let uri = "file:///w/hover.ts";
    let text = "const client = new BedrockRuntimeClient({ region: \"us-east-1\" });\nawait client.send(new ConverseCommand({ modelId: \"amazon.nova-pro-v1:0\" }));\n";
    c.open(uri, "typescript", 1, text).await;
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(1, 55)}),
        )
        .await
        .unwrap();
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**Nova Pro** — Amazon"), "{md}");
    assert!(md.contains("**us-east-1** ◀"), "{md}");
    assert_eq!(h["range"]["start"], pos(1, 50));
    assert_eq!(h["range"]["end"], pos(1, 70));
    // Out-of-range positions and unknown documents give empty results.
    for (u, p) in [(uri, pos(99, 0)), ("file:///nope.py", pos(0, 0))] {
        let r = c
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": u}, "position": p}),
            )
            .await
            .unwrap();
        assert!(r.is_null());
    }
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn inlay_hints_when_enabled_and_document_links() {
    let c = TestClient::start(test_options());
    c.initialize(json!({}), json!({"inlayHints": true})).await;
    let uri = "file:///w/hints.py";
    let text = "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n";
    c.open(uri, "python", 1, text).await;
    let hints = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(1, 0)}}),
        )
        .await
        .unwrap();
    assert_eq!(hints[0]["label"], "Nova Pro");
    assert_eq!(hints[0]["position"], pos(0, 46));
    let links = c
        .request(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": uri}}),
        )
        .await
        .unwrap();
    assert_eq!(
        links[0]["target"],
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-pro.html"
    );
    assert_eq!(links[0]["range"]["start"], pos(0, 25));
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn region_from_workspace_configuration_and_change_notifications() {
    let c = TestClient::start(test_options());
    *c.configuration.lock().unwrap() = json!({"region": "us-west-2"});
    c.initialize(json!({"workspace": {"configuration": true}}), Value::Null)
        .await;
    let uri = "file:///w/region.py";
    c.open(
        uri,
        "python",
        1,
        "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
    )
    .await;
    // The configuration pull after `initialized` applies us-west-2: Nova Pro needs a profile there.
    let d = c
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["diagnostics"].as_array().is_some_and(|a| !a.is_empty())
        })
        .await;
    assert_eq!(d["diagnostics"][0]["code"], "needs-inference-profile");
    assert!(d["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("us.amazon.nova-pro-v1:0"));
    // us-east-1 serves it on demand: after the change the file is clean.
    c.reconfigure(json!({"region": "us-east-1"})).await;
    c.wait_until_clean(uri).await;
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn project_file_is_read_watched_and_a_broken_one_keeps_the_last_good_settings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".bedrock-lsp.toml"), "region = \"us-west-2\"\n").unwrap();
    let root_uri = file_uri(root);
    let c = TestClient::start_in(root, test_options(), json!({})).await;
    let uri = format!("{root_uri}/app.py");
    c.open(
        &uri,
        "python",
        1,
        "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
    )
    .await;
    let d = c.diagnostics(&uri, 1).await;
    assert_eq!(d[0]["code"], "needs-inference-profile");
    // A broken file: one clear message, the last good settings stay.
    std::fs::write(root.join(".bedrock-lsp.toml"), "region = [\n").unwrap();
    let file_uri = format!("{root_uri}/.bedrock-lsp.toml");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri, "type": 2}]}),
    )
    .await;
    let msg = c.message_containing(".bedrock-lsp.toml").await;
    assert!(msg["message"]
        .as_str()
        .unwrap()
        .contains("previous settings stay"));
    let d = c
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        })
        .await;
    assert_eq!(d["diagnostics"][0]["code"], "needs-inference-profile");
    // A good file again: us-east-1 serves it on demand.
    std::fs::write(root.join(".bedrock-lsp.toml"), "region = \"us-east-1\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri, "type": 2}]}),
    )
    .await;
    c.wait_until_clean(uri.as_str()).await;
    // The project-ignore action writes the file with the ID added.
    c.change(
        &uri,
        2,
        json!([{"text": "client.converse(modelId=\"anthropic.claude-v2\")\n"}]),
    )
    .await;
    let d = c.diagnostics(&uri, 2).await;
    let actions = code_actions(&c, &uri, &d).await;
    let project = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("in this project"))
        .expect("project action");
    let ops = project["edit"]["documentChanges"].as_array().unwrap();
    let edit = ops.iter().find(|o| o.get("edits").is_some()).unwrap();
    // The smallest edit, inside the document: one line added after the last.
    assert_eq!(
        edit["edits"],
        json!([{"range": {"start": pos(1, 0), "end": pos(1, 0)},
                "newText": "ignore_ids = [\"anthropic.claude-v2\"]\n"}])
    );
    c.shutdown_and_exit().await;
}

/// Apply LSP edits (any ranges, UTF-16 = ASCII here) to a text.
fn apply_lsp_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        assert!(start <= text.len(), "line {line} beyond the document");
        let line_len = text[start..].split('\n').next().unwrap().len();
        assert!(ch <= line_len, "character {ch} beyond line {line}");
        start + ch
    };
    let mut out = text.to_string();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    for e in edits {
        out.replace_range(
            offset(&e["range"]["start"])..offset(&e["range"]["end"]),
            e["newText"].as_str().unwrap(),
        );
    }
    out
}

/// Settings in `[tool.bedrock-lsp]` of `pyproject.toml` apply, and "ignore in this
/// project" edits that table: a multi-line list gets one more line, comments (one with
/// a `]`) and the other tools' tables stay, and the edit's range lies in the document.
#[tokio::test]
async fn pyproject_settings_apply_and_the_project_ignore_edits_them_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let pyproject = "[project]\nname = \"app\"\n\n[tool.bedrock-lsp]\nregion = \"us-east-1\" # where it runs [prod]\nignore_ids = [\n    \"a.b\",  # old ] id\n]\n\n[tool.ruff]\nline-length = 100\n";
    std::fs::write(root.join("pyproject.toml"), pyproject).unwrap();
    let root_uri = file_uri(&root);
    let c = TestClient::start_in(
        &root,
        test_options(),
        json!({"general": {"positionEncodings": ["utf-16"]},
               "workspace": {"workspaceEdit": {"documentChanges": true}}}),
    )
    .await;
    let uri = format!("{root_uri}/app.py");
    // us-east-1 (from pyproject.toml) serves Nova Pro on demand: no finding; the legacy
    // Claude 2 is reported.
    c.open(
        &uri,
        "python",
        1,
        "a = client.converse(modelId=\"amazon.nova-pro-v1:0\")\nb = client.converse(modelId=\"anthropic.claude-v2\")\n",
    )
    .await;
    let d = c.diagnostics(&uri, 1).await;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["range"]["start"]["line"], 1);
    let actions = code_actions(&c, &uri, &d).await;
    let project = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("in this project"))
        .expect("project action");
    assert!(
        project["title"]
            .as_str()
            .unwrap()
            .contains("pyproject.toml"),
        "{project}"
    );
    let ops = project["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(
        ops.len(),
        1,
        "the file exists: no create operation: {ops:?}"
    );
    assert_eq!(
        ops[0]["textDocument"]["uri"],
        format!("{root_uri}/pyproject.toml")
    );
    let edited = apply_lsp_edits(pyproject, ops[0]["edits"].as_array().unwrap());
    assert_eq!(
        edited,
        pyproject.replace(
            "  # old ] id\n",
            "  # old ] id\n    \"anthropic.claude-v2\",\n"
        )
    );
    // Written, the file is picked up and the finding goes.
    std::fs::write(root.join("pyproject.toml"), &edited).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/pyproject.toml"), "type": 2}]}),
    )
    .await;
    c.wait_until_clean(uri.as_str()).await;
    c.shutdown_and_exit().await;
}

/// Editing a long document: each change is analysed from the previous version (only the
/// lines the edit touches are read again), and what the user sees is what a fresh
/// analysis of the same text shows — findings after the edit move with their lines,
/// a typo typed in the middle appears, and fixing it makes it go.
#[tokio::test]
async fn edits_in_a_long_document_keep_every_diagnostic_in_place() {
    let c = TestClient::started().await;
    let uri = "file:///w/long.py";
    let mut text =
        String::from("client = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\n");
    text.push_str("A = client.converse(modelId=\"anthropic.claude-hiaku-4-5-20251001-v1:0\")\n");
    for i in 0..3000 {
        text.push_str(&format!("x{i} = {{\"k\": \"v{i}\"}}  # filler\n"));
    }
    text.push_str("B = client.converse(modelId=\"amazon.nova-prp-v1:0\")\n");
    c.open(uri, "python", 1, &text).await;
    let summary = |d: &[Value]| -> Vec<(u64, u64, String)> {
        d.iter()
            .map(|d| {
                (
                    d["range"]["start"]["line"].as_u64().unwrap(),
                    d["range"]["start"]["character"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let first = summary(&c.diagnostics(uri, 1).await);
    assert_eq!(
        first,
        [
            (1, 29, "unknown-model".into()),
            (3002, 29, "unknown-model".into())
        ]
    );
    // Type a new call, a character at a time, at line 1500.
    let line = "C = client.converse(modelId=\"amazon.nova-lit-v1:0\")\n";
    let mut version = 1;
    let mut last = Vec::new();
    for (i, ch) in line.chars().enumerate() {
        version += 1;
        let at = pos(1500, i as u32);
        let change = if ch == '\n' {
            json!([{"range": {"start": at, "end": at}, "text": "\n"}])
        } else {
            json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}])
        };
        c.change(uri, version, change).await;
        last = c.diagnostics(uri, version).await;
    }
    text = {
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        lines.insert(1500, line);
        lines.concat()
    };
    let typed = summary(&last);
    assert_eq!(
        typed,
        [
            (1, 29, "unknown-model".into()),
            (1500, 29, "unknown-model".into()),
            (3003, 29, "unknown-model".into())
        ]
    );
    // The same text opened afresh shows the same.
    c.open("file:///w/fresh.py", "python", 1, &text).await;
    let fresh = c.diagnostics("file:///w/fresh.py", 1).await;
    assert_eq!(summary(&fresh), typed);
    // Fix the typo in the middle: insert the missing `e`.
    version += 1;
    let at = pos(1500, 44);
    c.change(
        uri,
        version,
        json!([{"range": {"start": at, "end": at}, "text": "e"}]),
    )
    .await;
    let fixed = summary(&c.diagnostics(uri, version).await);
    assert_eq!(
        fixed,
        [
            (1, 29, "unknown-model".into()),
            (3003, 29, "unknown-model".into())
        ]
    );
    c.shutdown_and_exit().await;
}

/// While one document's analysis is in progress (held by the test hook, as if it took
/// forever), another document is analysed, published, hovered, completed and edited as
/// usual: nothing about one document waits for another document's analysis.
#[tokio::test]
async fn another_documents_analysis_in_progress_delays_nothing() {
    let c = TestClient::started().await;
    let (big, small) = ("file:///w/big.py", "file:///w/small.py");
    let hold = |hold: bool| {
        c.request(
            "bedrockLsp/testHoldAnalyses",
            json!({"uri": big, "hold": hold}),
        )
    };
    assert_eq!(hold(true).await.unwrap()["waiting"], 0);
    let typo = "x = c.converse(modelId=\"anthropic.claude-hiaku-4-5-20251001-v1:0\")\n";
    c.open(big, "python", 1, &typo.repeat(50)).await;
    // The big document's analysis has started and waits.
    let mut waiting = 0;
    for _ in 0..500 {
        waiting = hold(true).await.unwrap()["waiting"].as_u64().unwrap();
        if waiting == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(waiting, 1, "the big document's analysis never started");

    let text = format!("{typo}y = c.converse(modelId=\"amazon.nova-pro-v1:0\")\n");
    c.open(small, "python", 1, &text).await;
    let diags = c.diagnostics(small, 1).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "unknown-model");
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": small}, "position": pos(1, 30)}),
        )
        .await
        .unwrap();
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Nova Pro"),
        "{hover}"
    );
    let list = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": small}, "position": pos(1, 30)}),
        )
        .await
        .unwrap();
    assert!(!list["items"].as_array().unwrap().is_empty(), "{list}");
    c.change(
        small,
        2,
        json!([{"text": "y = c.converse(modelId=\"amazon.nova-pro-v1:0\")\n"}]),
    )
    .await;
    assert!(c.diagnostics(small, 2).await.is_empty());

    // All the while, the big document's analysis was still waiting; released, it ends
    // and publishes.
    assert_eq!(hold(true).await.unwrap()["waiting"], 1);
    hold(false).await.unwrap();
    let diags = c.diagnostics(big, 1).await;
    assert_eq!(diags.len(), 50);
    c.shutdown_and_exit().await;
}

/// Requests sent right after an edit are answered from a window of the text, or wait
/// for that version's one analysis instead of each starting their own; the debounced
/// publish reuses it, and every version after the first is analysed from the one before
/// (incrementally), with correct answers.
#[tokio::test]
async fn requests_after_an_edit_share_one_incremental_analysis() {
    let c = TestClient::started().await;
    let uri = "file:///w/shared.py";
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            "a{i} = c.converse(modelId=\"amazon.nova-lite-v1:0\")\n"
        ));
    }
    c.open(uri, "python", 1, &text).await;
    assert!(c.diagnostics(uri, 1).await.is_empty());
    let before = c
        .request("bedrockLsp/testAnalyses", json!({}))
        .await
        .unwrap();
    assert_eq!(
        before,
        json!({"full": 1, "incremental": 0, "fromEdits": 0, "near": 0})
    );
    // Replace `lite` by `pro` then back, a character at a time, on line 1000; after each
    // change ask for hover, completion and a second hover at once.
    let line = 1000u32;
    let edits: Vec<(u32, u32, &str)> = vec![
        (40, 44, ""),
        (40, 40, "p"),
        (41, 41, "r"),
        (42, 42, "o"),
        (40, 43, "lite"),
    ];
    for (i, (s, e, t)) in edits.iter().enumerate() {
        let v = 2 + i as i32;
        c.change(
            uri,
            v,
            json!([{"range": {"start": pos(line, *s), "end": pos(line, *e)}, "text": t}]),
        )
        .await;
        let at = json!({"textDocument": {"uri": uri}, "position": pos(line, 30)});
        let (h1, comp, h2) = tokio::join!(
            c.request("textDocument/hover", at.clone()),
            c.request("textDocument/completion", at.clone()),
            c.request("textDocument/hover", at.clone()),
        );
        let (h1, comp, h2) = (h1.unwrap(), comp.unwrap(), h2.unwrap());
        assert_eq!(h1, h2);
        let shown = h1["contents"]["value"].as_str().unwrap_or("").to_string();
        let items = comp["items"].as_array().cloned().unwrap_or_default();
        assert!(!items.is_empty(), "version {v}: no completion");
        match i {
            // `amazon.nova-` alone: not an ID the catalog knows, no card.
            0 => assert!(shown.is_empty() || !shown.contains("Nova Lite"), "{shown}"),
            3 => assert!(shown.contains("Nova Pro"), "version {v}: {shown}"),
            4 => assert!(shown.contains("Nova Lite"), "version {v}: {shown}"),
            _ => {}
        }
        c.diagnostics(uri, v).await;
    }
    let after = c
        .request("bedrockLsp/testAnalyses", json!({}))
        .await
        .unwrap();
    // One analysis per version: 5 versions, each incremental (the requests and the
    // publish for each shared it), each from the client's edits (no text comparison).
    assert_eq!(after["full"], 1, "{after}");
    assert_eq!(after["incremental"], 5, "{after}");
    assert_eq!(after["fromEdits"], 5, "{after}");
    // The requests sent right after each edit were answered from a window of the text
    // and the previous version's analysis (the first of each version at least; a
    // later one finds the version analysed). In debug builds the server checks every
    // such answer against the analysis of the version.
    let near = after["near"].as_u64().unwrap();
    assert!((5..=15).contains(&near), "{after}");
    c.shutdown_and_exit().await;
}

/// `source.fixAll.bedrock-lsp` (what `editor.codeActionsOnSave` asks for): one action
/// with every safe fix of the document; only when that kind is asked for.
#[tokio::test]
async fn fix_all_applies_every_safe_fix_and_only_when_asked() {
    let c = TestClient::start(test_options());
    let init = c.initialize_default().await;
    let kinds = &init["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert_eq!(*kinds, json!(["quickfix", "source.fixAll.bedrock-lsp"]));
    let uri = "file:///w/fixall.py";
    let text = "import boto3\nc = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\na = c.converse(modelId=\"anthropic.claude-hiaku-4-5-20251001-v1:0\")\nb = c.converse(modelId=\"amazon.nova-prp-v1:0\")\nd = c.converse(modelId=\"claude-3-5-sonnet-20241022\")\n";
    c.open(uri, "python", 1, text).await;
    let diags = c.diagnostics(uri, 1).await;
    assert_eq!(diags.len(), 3, "{diags:?}");
    let ask = |only: Value| {
        c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(0, 0)},
                   "context": {"diagnostics": [], "only": only}}),
        )
    };
    for only in [
        json!(["source.fixAll"]),
        json!(["source"]),
        json!(["source.fixAll.bedrock-lsp"]),
    ] {
        let actions = ask(only.clone()).await.unwrap();
        let actions = actions.as_array().unwrap();
        assert_eq!(actions.len(), 1, "{only}: {actions:?}");
        assert_eq!(actions[0]["kind"], "source.fixAll.bedrock-lsp");
        let edits = actions[0]["edit"]["changes"][uri].as_array().unwrap();
        // The two safe fixes; the Anthropic-API name's fix is not safe.
        assert_eq!(edits.len(), 2, "{edits:?}");
        let fixed = apply_edits(text, edits);
        assert!(
            fixed.contains("modelId=\"anthropic.claude-haiku-4-5-20251001-v1:0\""),
            "{fixed}"
        );
        assert!(
            fixed.contains("modelId=\"amazon.nova-pro-v1:0\""),
            "{fixed}"
        );
        assert!(
            fixed.contains("modelId=\"claude-3-5-sonnet-20241022\""),
            "{fixed}"
        );
    }
    // Quick fixes only: no fix-all; no kind given: quick fixes for the range only.
    let actions = ask(json!(["quickfix"])).await.unwrap();
    assert!(actions
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] == "quickfix"));
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": [diags[0].clone()]}}),
        )
        .await
        .unwrap();
    assert!(actions
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] == "quickfix"));
    c.shutdown_and_exit().await;
}

/// `bedrockLsp/status`: what an editor's status item shows.
#[tokio::test]
async fn status_reports_version_catalog_age_and_regions() {
    let c = TestClient::start(test_options());
    c.initialize(json!({}), json!({"region": "eu-west-1"}))
        .await;
    let s = c.request("bedrockLsp/status", Value::Null).await.unwrap();
    let cat = bedrock_lsp::catalog::Catalog::embedded();
    assert_eq!(s["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(s["catalogAsOf"], cat.as_of().to_string());
    // The tests' day is 2026-11-21.
    let today = bedrock_lsp::catalog::Date::parse("2026-11-21").unwrap();
    assert!(
        s["catalogAgeDays"].as_i64().unwrap() <= 0 || cat.as_of() < today,
        "{s}"
    );
    assert_eq!(s["stale"], false, "{s}");
    assert_eq!(s["regions"], json!(["eu-west-1"]));
    assert_eq!(s["settingsFile"], Value::Null);
    c.shutdown_and_exit().await;
    // Stale from the day hover, `check` and `catalog status` say so, not another threshold.
    let day =
        |after: i64| bedrock_lsp::catalog::Date::from_unix_days(cat.as_of().to_unix_days() + after);
    let limit = bedrock_lsp::catalog::STALE_AFTER_DAYS;
    for (after, stale) in [(limit, false), (limit + 1, true), (3000, true)] {
        let mut opts = test_options();
        opts.today = Some(day(after));
        let c2 = TestClient::start(opts);
        c2.initialize(json!({}), Value::Null).await;
        let s = c2.request("bedrockLsp/status", Value::Null).await.unwrap();
        assert_eq!(s["stale"], stale, "{after} days: {s}");
        assert_eq!(s["stale"], cat.stale_notice(day(after)).is_some());
        assert_eq!(s["catalogAgeDays"], after, "{s}");
        c2.shutdown_and_exit().await;
    }
}

/// The server applies the project's `[[overrides]]` and `exclude` per document (paths
/// relative to the workspace root), and a `bedrock-lsp: ignore-file` comment.
#[tokio::test]
async fn overrides_excludes_and_ignore_file_apply_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join(".bedrock-lsp.toml"),
        "exclude = [\"vendor\"]\n\n[[overrides]]\nfiles = [\"tests/**\"]\nignore_codes = [\"unknown-model\"]\n",
    )
    .unwrap();
    let root_uri = file_uri(&root);
    let c = TestClient::start_in(&root, test_options(), json!({})).await;
    let typo = "import boto3\nc.converse(modelId=\"anthropic.claude-3-5-sonet-20241022-v2:0\")\n";
    let uris: Vec<String> = ["app.py", "tests/test_app.py", "vendor/lib.py", "skip.py"]
        .iter()
        .map(|p| format!("{root_uri}/{p}"))
        .collect();
    for (i, u) in uris.iter().enumerate() {
        let text = if i == 3 {
            format!("# bedrock-lsp: ignore-file\n{typo}")
        } else {
            typo.to_string()
        };
        c.open(u, "python", 1, &text).await;
    }
    let refs: Vec<&str> = uris.iter().map(String::as_str).collect();
    let got = c.diagnostics_of_all(&refs, 1).await;
    let codes: Vec<Vec<&str>> = got
        .iter()
        .map(|d| d.iter().map(|d| d["code"].as_str().unwrap()).collect())
        .collect();
    assert_eq!(codes, vec![vec!["unknown-model"], vec![], vec![], vec![]]);
    c.shutdown_and_exit().await;
}

/// A sub-project's own settings file governs its documents (the nearest file wins, as in
/// `check`); its globs are relative to its directory; an edit to it is picked up.
#[tokio::test]
async fn a_nested_settings_file_governs_its_sub_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join(".bedrock-lsp.toml"), "exclude = [\"gen\"]\n").unwrap();
    std::fs::create_dir_all(root.join("svc/tests")).unwrap();
    std::fs::write(
        root.join("svc/pyproject.toml"),
        "[tool.bedrock-lsp]\nseverity = { unknown-model = \"hint\" }\n\n[[tool.bedrock-lsp.overrides]]\nfiles = [\"tests/**\"]\nignore_codes = [\"unknown-model\"]\n",
    )
    .unwrap();
    let root_uri = file_uri(&root);
    let c = TestClient::start_in(&root, test_options(), json!({})).await;
    let typo = "import boto3\nc.converse(modelId=\"anthropic.claude-3-5-sonet-20241022-v2:0\")\n";
    let uris: Vec<String> = ["app.py", "svc/app.py", "svc/tests/t.py", "svc/gen/x.py"]
        .iter()
        .map(|p| format!("{root_uri}/{p}"))
        .collect();
    for u in &uris {
        c.open(u, "python", 1, typo).await;
    }
    let refs: Vec<&str> = uris.iter().map(String::as_str).collect();
    let got = c.diagnostics_of_all(&refs, 1).await;
    let seen: Vec<Vec<(String, u64)>> = got
        .iter()
        .map(|d| {
            d.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap().to_string(),
                        d["severity"].as_u64().unwrap(),
                    )
                })
                .collect()
        })
        .collect();
    // Root: an error. svc: a hint (its own severity); svc/tests: off (its override);
    // svc/gen: the root's `exclude` does not reach into the sub-project.
    let hint = vec![("unknown-model".to_string(), 4)];
    assert_eq!(
        seen,
        vec![
            vec![("unknown-model".to_string(), 1)],
            hint.clone(),
            vec![],
            hint.clone()
        ]
    );
    // The sub-project's file changes: picked up.
    std::fs::write(
        root.join("svc/pyproject.toml"),
        "[tool.bedrock-lsp]\nignore_codes = [\"unknown-model\"]\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/svc/pyproject.toml"), "type": 2}]}),
    )
    .await;
    c.wait_until_clean(uris[1].as_str()).await;
    c.shutdown_and_exit().await;
}

/// A bad `[[overrides]]` entry or `exclude` glob in an edit of the settings file is
/// reported, naming it, and the last good ones stay in force.
#[tokio::test]
async fn a_bad_override_keeps_the_last_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let good = "[[overrides]]\nfiles = [\"tests/**\"]\nignore_codes = [\"unknown-model\"]\n";
    std::fs::write(root.join(".bedrock-lsp.toml"), good).unwrap();
    let root_uri = file_uri(&root);
    let c = TestClient::start_in(&root, test_options(), json!({})).await;
    let uri = format!("{root_uri}/tests/t.py");
    let typo = "import boto3\nc.converse(modelId=\"anthropic.claude-3-5-sonet-20241022-v2:0\")\n";
    c.open(&uri, "python", 1, typo).await;
    assert!(c.diagnostics(&uri, 1).await.is_empty());
    std::fs::write(
        root.join(".bedrock-lsp.toml"),
        "[[overrides]]\nfiles = [\"tests/[\"]\nignore_codes = [\"unknown-model\"]\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/.bedrock-lsp.toml"), "type": 2}]}),
    )
    .await;
    let msg = c.message_containing("overrides[0].files").await;
    assert!(
        msg["message"].as_str().unwrap().contains("tests/["),
        "{msg}"
    );
    let d = c
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        })
        .await;
    assert_eq!(d["diagnostics"], json!([]), "the last good override stays");
    c.shutdown_and_exit().await;
}

/// `unused-ignore`: shown (faded, with its removal as the preferred quick fix) when
/// `reportUnusedIgnores` is on, never when it is off; it follows edits.
#[tokio::test]
async fn unused_ignore_comments_only_with_the_setting() {
    let c = TestClient::started().await;
    let uri = "file:///w/ignores.py";
    let text = "import boto3\n\
client = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\n\
client.converse(modelId=\"amazon.nova-lite-v1:0\")  # bedrock-lsp: ignore[eol-model]\n\
client.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\")  # bedrock-lsp: ignore[eol-model]\n";
    c.open(uri, "python", 1, text).await;
    assert_eq!(c.diagnostics(uri, 1).await, Vec::<Value>::new());

    c.reconfigure(json!({"reportUnusedIgnores": true})).await;
    let p = c
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["diagnostics"].as_array().is_some_and(|a| !a.is_empty())
        })
        .await;
    let diags = p["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "unused-ignore");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["tags"], json!([1]), "Unnecessary");
    let col = "client.converse(modelId=\"amazon.nova-lite-v1:0\")  # ".len() as u32;
    assert_eq!(d["range"]["start"], pos(2, col));
    assert_eq!(
        d["range"]["end"],
        pos(2, col + "bedrock-lsp: ignore[eol-model]".len() as u32)
    );
    let actions = code_actions(&c, uri, &diags).await;
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "only the removal: {actions:?}");
    assert_eq!(
        actions[0]["title"],
        "Remove the unused `bedrock-lsp: ignore[eol-model]`"
    );
    assert_eq!(actions[0]["isPreferred"], true);
    let edits = actions[0]["edit"]["changes"][uri]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply_edits(text, &edits);
    assert_eq!(
        fixed.lines().nth(2).unwrap(),
        "client.converse(modelId=\"amazon.nova-lite-v1:0\")"
    );

    // An edit above moves it down a line.
    c.change(
        uri,
        2,
        json!([{"range": {"start": pos(0, 0), "end": pos(0, 0)}, "text": "# header\n"}]),
    )
    .await;
    let diags = c.diagnostics(uri, 2).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["range"]["start"], pos(3, col));

    c.reconfigure(json!({"reportUnusedIgnores": false})).await;
    c.wait_until_clean(uri).await;
    c.shutdown_and_exit().await;
}

/// An `ignore-file` comment in a file with nothing to report is shown as unused when
/// `reportUnusedIgnores` is on; a used one keeps the file silent.
#[tokio::test]
async fn unused_ignore_file_comment_with_the_setting() {
    let c = TestClient::start(test_options());
    c.initialize(json!({}), json!({"reportUnusedIgnores": true}))
        .await;
    let unused = "file:///w/clean.py";
    c.open(unused, "python", 1, "# bedrock-lsp: ignore-file\nx = 1\n")
        .await;
    let diags = c.diagnostics(unused, 1).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "unused-ignore");
    assert_eq!(diags[0]["range"]["start"], pos(0, 2));
    assert_eq!(diags[0]["range"]["end"], pos(0, 26));
    let used = "file:///w/retired.py";
    c.open(
        used,
        "python",
        1,
        "# bedrock-lsp: ignore-file\nclient.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\")\n",
    )
    .await;
    assert_eq!(c.diagnostics(used, 1).await, Vec::<Value>::new());
    c.shutdown_and_exit().await;
}
