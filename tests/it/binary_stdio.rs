//! The real binary over stdio with `Content-Length` framing: lifecycle, exit codes, and
//! the command-line entry points.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::BIN;

fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RUST_LOG")
        .spawn()
        .expect("spawn bedrock-lsp")
}

fn send(child: &mut Child, msg: Value) {
    let body = msg.to_string();
    let stdin = child.stdin.as_mut().unwrap();
    write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
    stdin.flush().unwrap();
}

fn read_message(out: &mut BufReader<ChildStdout>) -> Value {
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "stdout closed");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    out.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// Read messages until the response with `id` (server notifications are skipped).
fn response(out: &mut BufReader<ChildStdout>, id: i64) -> Value {
    loop {
        let m = read_message(out);
        if m["id"] == id && m.get("method").is_none() {
            return m;
        }
    }
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<i32> {
    let start = Instant::now();
    while start.elapsed() < within {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    None
}

fn initialize(child: &mut Child, out: &mut BufReader<ChildStdout>) -> Value {
    send(
        child,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"processId": null, "rootUri": null,
                          "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]},
                                           "workspace": {"configuration": true,
                                                         "didChangeWatchedFiles": {"dynamicRegistration": true}}}}}),
    );
    let r = response(out, 1);
    send(
        child,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    r
}

#[test]
fn stdio_session_with_shutdown_exits_zero() {
    for args in [
        &[][..],
        &["serve"][..],
        &["--stdio"][..],
        &["serve", "--stdio"][..],
    ] {
        let mut child = spawn(args);
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let init = initialize(&mut child, &mut out);
        assert_eq!(
            init["result"]["capabilities"]["positionEncoding"], "utf-8",
            "{args:?}"
        );
        send(
            &mut child,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": "file:///tmp/a.py", "languageId": "python", "version": 1, "text": "x = 1\n"}}}),
        );
        send(
            &mut child,
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        );
        assert_eq!(response(&mut out, 2)["result"], Value::Null);
        send(
            &mut child,
            json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
        );
        assert_eq!(response(&mut out, 3)["error"]["code"], -32600);
        send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
        assert_eq!(
            wait_exit(&mut child, Duration::from_secs(2)),
            Some(0),
            "{args:?}"
        );
    }
}

#[test]
fn exit_without_shutdown_exits_one() {
    let mut child = spawn(&[]);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    initialize(&mut child, &mut out);
    send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(wait_exit(&mut child, Duration::from_secs(2)), Some(1));
}

#[test]
fn closing_stdin_ends_the_process_within_a_second() {
    let mut child = spawn(&[]);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    initialize(&mut child, &mut out);
    drop(child.stdin.take());
    assert!(
        wait_exit(&mut child, Duration::from_secs(1)).is_some(),
        "still running a second after stdin closed"
    );
}

#[test]
fn malformed_json_gets_a_parse_error_and_the_session_continues() {
    let mut child = spawn(&[]);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    initialize(&mut child, &mut out);
    let stdin = child.stdin.as_mut().unwrap();
    let junk = "{not json";
    write!(stdin, "Content-Length: {}\r\n\r\n{}", junk.len(), junk).unwrap();
    stdin.flush().unwrap();
    let err = loop {
        let m = read_message(&mut out);
        if m.get("error").is_some() {
            break m;
        }
    };
    assert_eq!(err["error"]["code"], -32700);
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "id": 9, "method": "shutdown"}),
    );
    assert_eq!(response(&mut out, 9)["result"], Value::Null);
    send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(wait_exit(&mut child, Duration::from_secs(2)), Some(0));
}

#[test]
fn logs_go_to_stderr_never_stdout() {
    let mut child = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_LOG", "debug")
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    initialize(&mut child, &mut out);
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    // Every byte on stdout is a framed message: the next one is the shutdown response.
    assert_eq!(response(&mut out, 2)["id"], 2);
    send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
    wait_exit(&mut child, Duration::from_secs(2));
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        err.contains("bedrock-lsp serving on stdio"),
        "stderr: {err}"
    );
}

#[test]
fn version_and_help() {
    let v = Command::new(BIN).arg("--version").output().unwrap();
    assert!(v.status.success());
    assert_eq!(
        String::from_utf8_lossy(&v.stdout).trim(),
        format!("bedrock-lsp {}", env!("CARGO_PKG_VERSION"))
    );
    let h = Command::new(BIN).arg("--help").output().unwrap();
    assert!(h.status.success());
    let help = String::from_utf8_lossy(&h.stdout);
    for word in ["serve", "check", "catalog", "--stdio"] {
        assert!(help.contains(word), "help lacks {word}: {help}");
    }
    let bad = Command::new(BIN).arg("--no-such-flag").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_vanished_client_broken_stdout_ends_the_process() {
    let mut child = spawn(&[]);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    initialize(&mut child, &mut out);
    // The client goes away without closing our stdin: its end of our stdout closes.
    drop(out);
    // The next thing the server writes fails; it must stop rather than serve into a void.
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": "file:///x"}, "position": {"line": 0, "character": 0}}}),
    );
    assert!(
        wait_exit(&mut child, Duration::from_secs(2)).is_some(),
        "still running after its output closed"
    );
}

/// A request whose method starts with `$/` and that the server does not implement gets
/// MethodNotFound (the spec's rule); `$/` notifications are still ignored silently, and
/// the session goes on.
#[test]
fn unknown_dollar_requests_get_method_not_found() {
    let mut child = spawn(&["serve"]);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    initialize(&mut child, &mut out);
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "method": "$/someNotification", "params": {}}),
    );
    for (id, method) in [(7, "$/someRequest"), (8, "$/cancelRequest"), (9, "$/")] {
        send(
            &mut child,
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": {}}),
        );
        let r = response(&mut out, id);
        assert_eq!(r["error"]["code"], -32601, "{method}: {r}");
    }
    // A method that is not `$/` and not implemented: MethodNotFound as before.
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "id": 10, "method": "bedrockLsp/none", "params": {}}),
    );
    assert_eq!(response(&mut out, 10)["error"]["code"], -32601);
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "id": 11, "method": "shutdown"}),
    );
    assert!(response(&mut out, 11).get("error").is_none());
    send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(wait_exit(&mut child, Duration::from_secs(5)), Some(0));
}
