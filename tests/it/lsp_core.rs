//! In-process LSP tests of the core server: handshake, encoding negotiation, document
//! sync under a burst of edits, panic isolation and lifecycle.

use std::time::Duration;

use crate::support::lsp::TestClient;
use bedrock_lsp::server::ServerOptions;
use serde_json::{json, Value};

fn opts() -> ServerOptions {
    ServerOptions {
        test_hooks: true,
        debounce: Some(Duration::from_millis(10)),
        ..crate::support::lsp::test_options()
    }
}

#[tokio::test]
async fn handshake_advertises_incremental_sync_and_server_info() {
    let c = TestClient::start(opts());
    let init = c.initialize_default().await;
    assert_eq!(init["serverInfo"]["name"], "bedrock-lsp");
    assert_eq!(init["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(init["capabilities"]["textDocumentSync"]["openClose"], true);
    assert!(c.shutdown_and_exit().await, "clean exit after shutdown");
}

#[tokio::test]
async fn encoding_negotiation_for_each_client_offer() {
    let cases: &[(Value, Value, &str)] = &[
        (json!(["utf-8", "utf-16", "utf-32"]), Value::Null, "utf-8"), // Neovim
        (json!(["utf-16"]), Value::Null, "utf-16"),                   // VS Code
        (Value::Null, Value::Null, "utf-16"),                         // no offer
        (json!(["utf-32"]), Value::Null, "utf-32"),
        (json!(["utf-32", "utf-16"]), Value::Null, "utf-16"),
        (
            json!(["utf-8", "utf-16"]),
            json!({"positionEncoding": "utf-16"}),
            "utf-16",
        ), // forced by a setting
    ];
    for (offer, init_options, expected) in cases {
        let c = TestClient::start(opts());
        let caps = if offer.is_null() {
            json!({})
        } else {
            json!({"general": {"positionEncodings": offer}})
        };
        let init = c.initialize(caps, init_options.clone()).await;
        assert_eq!(
            init["capabilities"]["positionEncoding"], *expected,
            "offer {offer} with {init_options}"
        );
        c.shutdown_and_exit().await;
    }
}

/// 500 incremental edits sent back to back must all apply, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_of_500_edits_gives_the_exact_text() {
    let c = TestClient::start(opts());
    let (_, _, _) = ((), (), ());
    c.initialize_default().await;
    let uri = "file:///tmp/burst.py";
    c.open(uri, "python", 1, "").await;
    let mut expected = String::new();
    for i in 0..500 {
        // Alternate appends at the end with inserts at the start and multi-byte text,
        // so an edit applied out of order gives a different text.
        let (text, line, col) = if i % 3 == 0 {
            (format!("é{i}"), 0, 0)
        } else {
            let lines: Vec<&str> = expected.split('\n').collect();
            let last = lines.len() - 1;
            let col: usize = lines[last].encode_utf16().count();
            (format!("{i}\n"), last, col)
        };
        if line == 0 && col == 0 {
            expected.insert_str(0, &text);
        } else {
            expected.push_str(&text);
        }
        c.change(
            uri,
            i + 2,
            json!([{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": text}]),
        )
        .await;
    }
    // The pipeline publishes for the last version only once it is current.
    c.diagnostics(uri, 501).await;
    let text = text_of(&c, uri).await;
    assert_eq!(text, expected);
    c.shutdown_and_exit().await;
}

/// Read the server's text of a document through a test-only request.
async fn text_of(c: &TestClient, uri: &str) -> String {
    c.request("bedrockLsp/testDocumentText", json!({"uri": uri}))
        .await
        .expect("document text")
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn stale_versions_are_dropped() {
    let c = TestClient::start(opts());
    c.initialize_default().await;
    let uri = "file:///tmp/stale.py";
    c.open(uri, "python", 5, "abc").await;
    let edit = |t: &str| json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": t}]);
    c.change(uri, 6, edit("x")).await;
    c.change(uri, 6, edit("y")).await; // same version: dropped
    c.change(uri, 4, edit("z")).await; // older: dropped
    c.change(uri, 7, json!([{"text": "full replacement"}]))
        .await; // full-text change
    c.diagnostics(uri, 7).await;
    assert_eq!(text_of(&c, uri).await, "full replacement");
    c.shutdown_and_exit().await;
}

/// A document closed and opened again (same URI, same version number, as editors that
/// number each opening from 0 or 1 send after a reload) gets the analysis of its new
/// text, even when the old text's analysis was still running: that one finishes
/// unseen, and nothing of the closed document survives the close.
#[tokio::test]
async fn a_document_opened_again_never_gets_the_closed_texts_analysis() {
    let c = TestClient::start(opts());
    c.initialize_default().await;
    let uri = "file:///tmp/reopened.py";
    let hold = |hold: bool| {
        c.request(
            "bedrockLsp/testHoldAnalyses",
            json!({"uri": uri, "hold": hold}),
        )
    };
    hold(true).await.unwrap();
    let typo = "x = c.converse(modelId=\"anthropic.claude-hiaku-4-5-20251001-v1:0\")\n";
    c.open(uri, "python", 1, typo).await;
    let mut waiting = 0;
    for _ in 0..500 {
        waiting = hold(true).await.unwrap()["waiting"].as_u64().unwrap();
        if waiting == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(waiting, 1, "the first opening's analysis never started");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    let fixed = "x = c.converse(modelId=\"amazon.nova-pro-v1:0\")\n";
    c.open(uri, "python", 1, fixed).await;
    hold(false).await.unwrap();
    let diags = c.diagnostics(uri, 1).await;
    assert!(diags.is_empty(), "the closed text's findings: {diags:?}");
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 30}}),
        )
        .await
        .unwrap();
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("Nova Pro"), "{hover}");
    assert_eq!(text_of(&c, uri).await, fixed);
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_panicking_request_answers_internal_error_and_the_server_keeps_serving() {
    let c = TestClient::start(opts());
    c.initialize_default().await;
    let err = c
        .request("bedrockLsp/testPanic", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err["code"], -32603);
    assert!(err["message"].as_str().unwrap().contains("internal error"));
    // The next request is still answered.
    let uri = "file:///tmp/after-panic.py";
    c.open(uri, "python", 1, "x = 1").await;
    c.diagnostics(uri, 1).await;
    assert_eq!(text_of(&c, uri).await, "x = 1");
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_panicking_notification_is_shown_once() {
    let c = TestClient::start(opts());
    c.initialize_default().await;
    c.notify("bedrockLsp/testPanicNotification", json!({}))
        .await;
    let msg = c.message_containing("internal error").await;
    assert_eq!(msg["type"], 1);
    c.notify("bedrockLsp/testPanicNotification", json!({}))
        .await;
    // A request after the second panic proves it was handled; still only one message.
    let uri = "file:///tmp/n.py";
    c.open(uri, "python", 1, "").await;
    c.diagnostics(uri, 1).await;
    let again = c.drain("window/showMessage").await;
    assert!(again.is_empty(), "second panic shown again: {again:?}");
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn protocol_errors() {
    let c = TestClient::start(opts());
    // Before initialize: ServerNotInitialized.
    let err = c
        .request("textDocument/hover", json!({}))
        .await
        .unwrap_err();
    assert_eq!(err["code"], -32002);
    c.initialize_default().await;
    let err = c.request("no/suchMethod", json!({})).await.unwrap_err();
    assert_eq!(err["code"], -32601, "unknown method");
    let err = c
        .request("bedrockLsp/testDocumentText", json!({"uri": 42}))
        .await
        .unwrap_err();
    assert_eq!(err["code"], -32602, "malformed params");
    // An unknown URI gives an empty result, not an error.
    let r = c
        .request(
            "bedrockLsp/testDocumentText",
            json!({"uri": "file:///nope"}),
        )
        .await
        .unwrap();
    assert_eq!(r, Value::Null);
    c.request("shutdown", Value::Null).await.unwrap();
    let err = c
        .request(
            "bedrockLsp/testDocumentText",
            json!({"uri": "file:///nope"}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err["code"], -32600,
        "requests after shutdown are InvalidRequest"
    );
    c.notify("exit", Value::Null).await;
    let clean = tokio::time::timeout(Duration::from_secs(2), c.server_task)
        .await
        .unwrap()
        .unwrap();
    assert!(clean);
}

#[tokio::test]
async fn exit_without_shutdown_is_not_clean() {
    let c = TestClient::start(opts());
    c.initialize_default().await;
    c.notify("exit", Value::Null).await;
    let clean = tokio::time::timeout(Duration::from_secs(2), c.server_task)
        .await
        .unwrap()
        .unwrap();
    assert!(!clean);
}

#[tokio::test]
async fn documents_over_the_size_limit_are_tracked_but_not_analysed() {
    let c = TestClient::start(opts());
    c.initialize(json!({}), json!({"maxFileSize": 1000})).await;
    let uri = "file:///tmp/big.py";
    let big = "x = 'anthropic.claude-v2'\n".repeat(100);
    c.open(uri, "python", 1, &big).await;
    let diags = c.diagnostics(uri, 1).await;
    assert!(diags.is_empty());
    // Edits still apply to a tracked document.
    c.change(uri, 2, json!([{"text": "small"}])).await;
    c.diagnostics(uri, 2).await;
    assert_eq!(text_of(&c, uri).await, "small");
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn invalid_settings_are_reported_by_key_and_the_rest_applies() {
    let c = TestClient::start(opts());
    c.initialize(json!({}), json!({"region": "nowhere", "maxFileSize": 10}))
        .await;
    let msg = c.message_containing("`region`").await;
    assert!(msg["message"].as_str().unwrap().contains("nowhere"));
    // maxFileSize = 10 applied: a larger document is not analysed (and no error).
    c.open("file:///tmp/s.py", "python", 1, "0123456789012345")
        .await;
    c.diagnostics("file:///tmp/s.py", 1).await;
    c.shutdown_and_exit().await;
}
