//! `bedrock-lsp catalog update` and `catalog status` end to end: the real binary against
//! a local HTTP server on 127.0.0.1 (no other network), a fresh user catalog directory
//! per test.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::Digest;

use crate::support::bedrock_lsp;

#[derive(Clone)]
enum Reply {
    Ok(Vec<u8>),
    /// Announce the full length, send only the first half, close.
    Truncated(Vec<u8>),
    /// Accept and never answer.
    Hang,
}

/// A tiny HTTP/1.1 server: path → reply. Runs until the test ends.
struct Server {
    port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let r = routes.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let r = r.clone();
                std::thread::spawn(move || serve(conn, &r));
            }
        });
        Server { port, routes }
    }

    fn set(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }

    fn url(&self, dir: &str) -> String {
        format!("http://127.0.0.1:{}/{dir}/", self.port)
    }

    /// Publish `catalog` under `/<dir>/` with a manifest (checksum and size of `catalog`
    /// unless overridden).
    fn publish(&self, dir: &str, catalog: &[u8], sha: Option<&str>, as_of: &str) {
        let sha = sha.map(str::to_string).unwrap_or_else(|| {
            sha2::Sha256::digest(catalog)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        });
        let manifest = serde_json::json!({
            "format": 1, "file": "catalog.json", "size": catalog.len(),
            "sha256": sha, "asOf": as_of,
        });
        self.set(
            &format!("/{dir}/catalog-manifest.json"),
            Reply::Ok(manifest.to_string().into_bytes()),
        );
        self.set(&format!("/{dir}/catalog.json"), Reply::Ok(catalog.to_vec()));
    }
}

fn serve(mut conn: TcpStream, routes: &Mutex<HashMap<String, Reply>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match conn.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let reply = routes.lock().unwrap().get(&path).cloned();
    let _ = match reply {
        Some(Reply::Ok(body)) => {
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            conn.write_all(&body)
        }
        Some(Reply::Truncated(body)) => {
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            conn.write_all(&body[..body.len() / 2])
        }
        Some(Reply::Hang) => {
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        }
        None => conn.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
    };
}

/// The shipped catalog with a later `asOf` and one fictional extra model.
fn published(as_of: &str) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(bedrock_lsp::catalog::EMBEDDED_JSON).unwrap();
    v["asOf"] = Value::String(as_of.into());
    v["sources"]["ACME_TEST"] = Value::String("fictional model for the update test".into());
    v["models"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "acme.update-test-v1:0", "provider": "Acme", "name": "Acme Update Test",
        "sources": ["ACME_TEST"]
    }));
    serde_json::to_vec_pretty(&v).unwrap()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bedrock_lsp(dir, "2027-01-20")
        .args(args)
        .env_remove("BEDROCK_LSP_CATALOG_URL")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn installed(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join("published/catalog.json")).ok()
}

#[test]
fn success_installs_then_up_to_date_then_keeps_the_previous() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let body = published("2027-01-15");
    srv.publish("a", &body, None, "2027-01-15");
    let before = run(dir.path(), &["catalog", "show", "acme.update-test-v1:0"]);
    assert_eq!(before.status.code(), Some(1));

    let out = run(dir.path(), &["catalog", "update", "--url", &srv.url("a")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("installed the published catalog as of 2027-01-15"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(installed(dir.path()).unwrap().as_bytes(), &body[..]);
    let show = run(dir.path(), &["catalog", "show", "acme.update-test-v1:0"]);
    assert_eq!(show.status.code(), Some(0), "{}", text(&show.stderr));

    let status = run(dir.path(), &["catalog", "status", "--json"]);
    let v: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v["asOf"], "2027-01-15");
    assert_eq!(v["ageDays"], 5);
    assert_eq!(v["stale"], false);
    assert!(v["base"].as_str().unwrap().ends_with("catalog.json"), "{v}");
    assert!(v["base"].as_str().unwrap().contains("published"), "{v}");

    let again = run(dir.path(), &["catalog", "update", "--url", &srv.url("a")]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        text(&again.stdout).starts_with("up to date"),
        "{}",
        text(&again.stdout)
    );

    let newer = published("2027-01-18");
    srv.publish("b", &newer, None, "2027-01-18");
    let out = run(dir.path(), &["catalog", "update", "--url", &srv.url("b")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("previous one is kept"));
    assert_eq!(installed(dir.path()).unwrap().as_bytes(), &newer[..]);
    let prev = std::fs::read(dir.path().join("published/catalog.previous.json")).unwrap();
    assert_eq!(prev, body);
}

/// Install a good catalog, then run a failing update: exit 2, the message says why,
/// the good catalog is untouched.
fn failing(srv: &Server, setup: impl FnOnce(&Server), url_dir: &str, want: &str, timeout: &str) {
    let dir = tempfile::tempdir().unwrap();
    let good = published("2027-01-10");
    srv.publish("good", &good, None, "2027-01-10");
    let ok = run(
        dir.path(),
        &["catalog", "update", "--url", &srv.url("good")],
    );
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    setup(srv);
    let t = Instant::now();
    let out = run(
        dir.path(),
        &[
            "catalog",
            "update",
            "--url",
            &srv.url(url_dir),
            "--timeout",
            timeout,
        ],
    );
    assert!(t.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains(want), "want `{want}` in: {err}");
    assert!(err.contains("nothing was installed"), "{err}");
    assert_eq!(installed(dir.path()).unwrap().as_bytes(), &good[..]);
    assert!(!dir.path().join("published/catalog.json.tmp").exists());
    let status = run(dir.path(), &["catalog", "status", "--json"]);
    let v: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v["asOf"], "2027-01-10");
}

#[test]
fn bad_checksum_is_refused() {
    let srv = Server::start();
    failing(
        &srv,
        |s| {
            s.publish(
                "sum",
                &published("2027-01-19"),
                Some(&"0".repeat(64)),
                "2027-01-19",
            )
        },
        "sum",
        "does not match the manifest",
        "10",
    );
}

#[test]
fn bad_schema_is_refused() {
    let srv = Server::start();
    let mut v: Value = serde_json::from_slice(&published("2027-01-19")).unwrap();
    v["models"][0]["colour"] = Value::String("red".into());
    let body = serde_json::to_vec(&v).unwrap();
    failing(
        &srv,
        |s| s.publish("schema", &body, None, "2027-01-19"),
        "schema",
        "does not fit this build's schema",
        "10",
    );
}

#[test]
fn truncated_download_is_refused() {
    let srv = Server::start();
    let body = published("2027-01-19");
    failing(
        &srv,
        |s| {
            s.publish("cut", &body, None, "2027-01-19");
            s.set("/cut/catalog.json", Reply::Truncated(body.clone()));
        },
        "cut",
        "truncated",
        "10",
    );
}

#[test]
fn timeout_is_reported() {
    let srv = Server::start();
    failing(
        &srv,
        |s| s.set("/slow/catalog-manifest.json", Reply::Hang),
        "slow",
        "timed out after 1",
        "1",
    );
}

#[test]
fn no_network_is_reported() {
    let srv = Server::start();
    // A port with nothing listening.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "catalog",
            "update",
            "--url",
            &format!("http://127.0.0.1:{port}/x/"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot download"),
        "{}",
        text(&out.stderr)
    );
    assert!(installed(dir.path()).is_none());
    drop(srv);
}

#[test]
fn plain_http_elsewhere_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["catalog", "update", "--url", "http://example.com/catalog/"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not an HTTPS URL"));
}

#[test]
fn status_names_date_age_files_and_the_winner_and_warns_when_stale() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path()).unwrap();
    let user = serde_json::json!({
        "format": 1,
        "sources": {"MINE": "my own notes"},
        "models": [{"id": "anthropic.claude-opus-5-5", "provider": "Anthropic",
                     "name": "Claude Opus 5.5 (my entry)", "sources": ["MINE"]}]
    });
    std::fs::write(dir.path().join("mine.json"), user.to_string()).unwrap();
    let out = bedrock_lsp(dir.path(), "2027-03-01")
        .args(["catalog", "status", "us.anthropic.claude-opus-5-5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.starts_with("catalog as of 2026-12-02 (89 days old on 2027-03-01)"),
        "{s}"
    );
    assert!(s.contains("base catalog: compiled into this binary"), "{s}");
    assert!(s.contains("mine.json  (catalog file, 1 model)"), "{s}");
    assert!(s.contains("AWSNEWS_OPUS55: "), "{s}");
    assert!(
        s.contains("anthropic.claude-opus-5-5: entry from ") && s.contains("mine.json\n"),
        "{s}"
    );
    assert!(s.contains("note: The model catalog is 89 days old"), "{s}");
    assert!(s.contains("bedrock-lsp catalog update"), "{s}");
    // Fresh: no notice.
    let fresh = bedrock_lsp(dir.path(), "2026-12-20")
        .args(["catalog", "status", "anthropic.claude-sonnet-5-5"])
        .output()
        .unwrap();
    let s = text(&fresh.stdout);
    assert!(!s.contains("note:"), "{s}");
    assert!(
        s.contains("anthropic.claude-sonnet-5-5: entry from compiled into this binary"),
        "{s}"
    );
}
