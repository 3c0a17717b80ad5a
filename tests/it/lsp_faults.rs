//! Faults and bad input through the protocol: broken framing, cancellation, unknown
//! notifications, huge and binary documents, thousands of open documents. Every request
//! must be answered, and the server must keep serving.

use std::time::Instant;

use crate::support::lsp::{frame, pos, TestClient};
use serde_json::{json, Value};

/// The server still answers a real request.
async fn alive(c: &TestClient) {
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///none"}, "position": pos(0, 0)}),
        )
        .await;
    assert_eq!(r, Ok(Value::Null));
}

#[tokio::test]
async fn broken_framing_is_answered_and_skipped() {
    let c = TestClient::started().await;
    // Not JSON, JSON that is not a message, a header without a length, an array.
    c.send_bytes(&frame("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\":"))
        .await;
    c.send_bytes(&frame("[1, 2, 3]")).await;
    c.send_bytes(b"X-Garbage: yes\r\n\r\n").await;
    c.send_bytes(&frame("\"just a string\"")).await;
    c.send_bytes(&frame(
        "{\"jsonrpc\": \"2.0\", \"id\": \"s\", \"method\": 7}",
    ))
    .await;
    // Unknown notifications (with and without `$/`) are ignored.
    c.notify("$/unknownThing", json!({})).await;
    c.notify("custom/unknownNotification", json!({"x": 1}))
        .await;
    // Wrong param types for a known notification do not take the server down.
    c.notify("textDocument/didOpen", json!({"textDocument": 42}))
        .await;
    alive(&c).await;
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn a_lying_content_length_does_not_lose_the_next_messages_for_good() {
    let c = TestClient::started().await;
    // A Content-Length longer than the body swallows the start of the next message;
    // the server answers what it can and keeps serving later requests.
    let short = "{\"jsonrpc\":\"2.0\",\"method\":\"$/x\"}";
    c.send_bytes(format!("Content-Length: {}\r\n\r\n{}", short.len() + 30, short).as_bytes())
        .await;
    c.send_bytes(&frame("{\"jsonrpc\":\"2.0\",\"method\":\"$/y\"}"))
        .await;
    // Resynchronises on the next header.
    for _ in 0..3 {
        c.notify("$/z", json!({})).await;
    }
    alive(&c).await;
}

#[tokio::test]
async fn cancelled_requests_are_answered() {
    let c = TestClient::started().await;
    let uri = "file:///w/c.py";
    c.open(
        uri,
        "python",
        1,
        "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
    )
    .await;
    // Send a request and cancel it at once: the answer is RequestCancelled or the result,
    // never silence.
    let id = 777;
    c.send_raw(
        &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                "params": {"textDocument": {"uri": uri}, "position": pos(0, 30)}})
        .to_string(),
    )
    .await;
    c.notify("$/cancelRequest", json!({"id": id})).await;
    c.notify("$/cancelRequest", json!({"id": 123456})).await; // unknown id: ignored
    alive(&c).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_and_binary_documents_are_handled_in_bounded_time() {
    let c = TestClient::started().await;
    // 20 MB: above the 10 MB default limit, tracked but not analysed.
    let big = "x = \"anthropic.claude-v2\"\n".repeat(20 * 1024 * 1024 / 26);
    // 2 MB on one line, with a model ID at the end.
    let line = format!(
        "{}client.converse(modelId=\"anthropic.claude-v2\")",
        "a".repeat(2 * 1024 * 1024)
    );
    // Binary garbage with NULs, control characters and replacement characters.
    let garbage: String = (0..200_000u32)
        .map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('\u{fffd}'))
        .collect();
    let t0 = Instant::now();
    c.open("file:///w/big.py", "python", 1, &big).await;
    c.open("file:///w/line.py", "python", 1, &line).await;
    c.open("file:///w/garbage.py", "python", 1, &garbage).await;
    // Published in whatever order the analyses finish.
    let all = c
        .diagnostics_of_all(
            &[
                "file:///w/big.py",
                "file:///w/line.py",
                "file:///w/garbage.py",
            ],
            1,
        )
        .await;
    assert!(all[0].is_empty());
    let d = &all[1];
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["code"], "eol-model");
    assert_eq!(d[0]["range"]["start"]["character"], 2 * 1024 * 1024 + 25);
    // Requests on each still answer (hover at the ID on the long line).
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///w/line.py"}, "position": pos(0, 2 * 1024 * 1024 + 30)}),
        )
        .await
        .unwrap();
    assert!(h["contents"]["value"].as_str().unwrap().contains("Claude"));
    for uri in ["file:///w/big.py", "file:///w/garbage.py"] {
        c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(3, 5)}),
        )
        .await
        .unwrap();
    }
    // An edit at the end of the 20 MB document applies.
    c.change(
        "file:///w/big.py",
        2,
        json!([{"range": {"start": pos(0, 0), "end": pos(0, 0)}, "text": "# head\n"}]),
    )
    .await;
    c.diagnostics("file:///w/big.py", 2).await;
    eprintln!("huge documents handled in {:?}", t0.elapsed());
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_thousand_open_documents() {
    let c = TestClient::started().await;
    let body = "import boto3\nclient.converse(modelId=\"amazon.nova-pro-v1:0\")\n".repeat(20);
    for i in 0..3000 {
        c.open(&format!("file:///w/many/{i}.py"), "python", 1, &body)
            .await;
    }
    // Every document gets its diagnostics, and requests keep answering meanwhile.
    alive(&c).await;
    c.diagnostics("file:///w/many/2999.py", 1).await;
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///w/many/1500.py"}, "position": pos(1, 30)}),
        )
        .await
        .unwrap();
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Nova Pro"));
    for i in 0..3000 {
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": format!("file:///w/many/{i}.py")}}),
        )
        .await;
    }
    alive(&c).await;
    assert!(c.shutdown_and_exit().await);
}
