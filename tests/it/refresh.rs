//! `bedrock-lsp catalog refresh`: the real binary and the real AWS SDK against a local
//! Bedrock stand-in on 127.0.0.1 (endpoint override + static test credentials).
//! Nothing here reaches any other address: the endpoint is overridden, the instance
//! metadata service is disabled, and the AWS config files are empty temp files.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::BIN;
use bedrock_lsp::catalog::{user_catalog_stamp, Catalog};
use serde_json::Value;

const ACCOUNT: &str = "111122223333";
const TODAY: &str = "2026-11-21";

// ---------------------------------------------------------------------------------
// A minimal HTTP/1.1 server that answers like Bedrock's control plane.

#[derive(Debug, Clone)]
struct Request {
    method: String,
    /// Path and query, as sent.
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The Region in the SigV4 credential scope (`Credential=AKID/date/REGION/bedrock/…`).
    fn signed_region(&self) -> String {
        let auth = self.header("authorization").unwrap_or_default();
        let cred = auth.split("Credential=").nth(1).unwrap_or_default();
        cred.split('/').nth(2).unwrap_or_default().to_string()
    }
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

enum Reply {
    Json(u16, Vec<(&'static str, String)>, String),
    /// Read the request and never answer (the connection stays open for a while).
    Hang,
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// `handler(request, n)` answers the n-th request (0-based) to the same path.
    fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests: Arc<Mutex<Vec<Request>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let reqs = requests.clone();
        std::thread::spawn(move || {
            // Bounded: at most 64 connections per test; the thread ends with the test binary.
            for conn in listener.incoming().take(64) {
                let Ok(conn) = conn else { continue };
                let (reqs, handler) = (reqs.clone(), handler.clone());
                std::thread::spawn(move || serve_connection(conn, &reqs, &*handler));
            }
        });
        Server { port, requests }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path() == path).count()
    }
}

fn serve_connection(conn: TcpStream, reqs: &Mutex<Vec<Request>>, handler: &Handler) {
    conn.set_read_timeout(Some(Duration::from_secs(20))).ok();
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut out = conn;
    // Keep-alive: several requests per connection, each answered in turn.
    for _ in 0..32 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_string();
        let target = parts.next().unwrap_or_default().to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let req = Request {
            method,
            target,
            headers,
        };
        if let Some(len) = req
            .header("content-length")
            .and_then(|v| v.parse::<usize>().ok())
        {
            let mut body = vec![0; len];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
        }
        let nth = {
            let mut all = reqs.lock().unwrap();
            let n = all.iter().filter(|r| r.path() == req.path()).count();
            all.push(req.clone());
            n
        };
        match handler(&req, nth) {
            Reply::Hang => {
                // Hold the connection without answering, for longer than any timeout
                // the tests set; the client gives up first.
                std::thread::sleep(Duration::from_secs(15));
                return;
            }
            Reply::Json(status, extra, body) => {
                let reason = match status {
                    200 => "OK",
                    403 => "Forbidden",
                    429 => "Too Many Requests",
                    _ => "Error",
                };
                let mut head = format!(
                    "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nx-amzn-RequestId: 6f1c4f4e-0000-4000-8000-000000000000\r\n",
                    body.len()
                );
                for (k, v) in extra {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                if out.write_all(head.as_bytes()).is_err()
                    || out.write_all(body.as_bytes()).is_err()
                {
                    return;
                }
                let _ = out.flush();
            }
        }
    }
}

fn fixture(name: &str, region: &str) -> String {
    let path = crate::support::fixture("refresh").join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .replace("${REGION}", region)
}

/// Bedrock as it answers a healthy account: the model list, and the profile list in two
/// pages joined by `nextToken`.
fn bedrock(req: &Request, _nth: usize) -> Reply {
    let region = req.signed_region();
    match req.path() {
        "/foundation-models" => {
            Reply::Json(200, vec![], fixture("foundation-models.json", &region))
        }
        "/inference-profiles" if req.target.contains("nextToken=page-2-token") => Reply::Json(
            200,
            vec![],
            fixture("inference-profiles-page-2.json", &region),
        ),
        "/inference-profiles" => Reply::Json(
            200,
            vec![],
            fixture("inference-profiles-page-1.json", &region),
        ),
        _ => Reply::Json(
            404,
            vec![("x-amzn-ErrorType", "UnknownOperationException".into())],
            "{}".into(),
        ),
    }
}

fn access_denied(op: &str) -> Reply {
    Reply::Json(
        403,
        vec![(
            "x-amzn-ErrorType",
            "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/".into(),
        )],
        format!(
            r#"{{"message":"User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: bedrock:{op} because no identity-based policy allows the bedrock:{op} action"}}"#
        ),
    )
}

fn throttled() -> Reply {
    Reply::Json(
        429,
        vec![("x-amzn-ErrorType", "ThrottlingException".into())],
        r#"{"message":"Too many requests, please wait before trying again."}"#.into(),
    )
}

// ---------------------------------------------------------------------------------
// Running the binary in a sealed environment.

struct Env {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    catalog_dir: PathBuf,
    config: PathBuf,
    credentials: PathBuf,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        let catalog_dir = tmp.path().join("catalog");
        std::fs::create_dir_all(&home).unwrap();
        let config = tmp.path().join("aws-config");
        let credentials = tmp.path().join("aws-credentials");
        std::fs::write(&config, "").unwrap();
        std::fs::write(&credentials, "").unwrap();
        Env {
            _tmp: tmp,
            home,
            catalog_dir,
            config,
            credentials,
        }
    }

    /// The binary with nothing from this machine's environment, static test
    /// credentials, and `extra` on top.
    fn cmd(&self, args: &[&str], extra: &[(&str, &str)]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env_clear()
            .env("HOME", &self.home)
            .env("AWS_CONFIG_FILE", &self.config)
            .env("AWS_SHARED_CREDENTIALS_FILE", &self.credentials)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("BEDROCK_LSP_CATALOG_DIR", &self.catalog_dir)
            .env("BEDROCK_LSP_TODAY", TODAY);
        for (k, v) in extra {
            c.env(k, v);
        }
        c
    }

    fn run(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
        self.cmd(args, extra).output().unwrap()
    }

    fn refresh(&self, server: &Server, args: &[&str], extra: &[(&str, &str)]) -> Output {
        let url = server.url();
        let mut all = vec![("AWS_ENDPOINT_URL_BEDROCK", url.as_str())];
        all.extend_from_slice(extra);
        let mut a = vec!["catalog", "refresh"];
        a.extend_from_slice(args);
        self.run(&a, &all)
    }

    fn stored(&self, name: &str) -> PathBuf {
        self.catalog_dir.join(name)
    }

    /// Every file in the catalog directory with its bytes.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&self.catalog_dir)
            .map(|rd| {
                rd.map(|e| {
                    let e = e.unwrap();
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn show_json(env: &Env, id: &str, region: Option<&str>) -> (i32, Value) {
    let mut args = vec!["catalog", "show", id, "--json"];
    if let Some(r) = region {
        args.extend(["--region", r]);
    }
    let o = env.run(&args, &[]);
    (
        code(&o),
        serde_json::from_slice(&o.stdout).unwrap_or(Value::Null),
    )
}

fn in_region_line(env: &Env, id: &str, region: &str) -> String {
    let o = env.run(&["catalog", "show", id, "--region", region], &[]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    text(&o.stdout)
        .lines()
        .find(|l| l.trim_start().starts_with("in region"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn eu_file() -> String {
    format!("aws-refresh-eu-central-1-{ACCOUNT}.json")
}

// ---------------------------------------------------------------------------------

#[test]
fn refresh_stores_the_region_and_show_uses_it() {
    let env = Env::new();
    let server = Server::start(bedrock);

    // Before: the listing-only ID is unknown, and the shipped facts answer for the Region.
    let (c, _) = show_json(&env, "acme.refresh-only-v1:0", None);
    assert_eq!(c, 1);
    let nova_before = in_region_line(&env, "amazon.nova-pro-v1:0", "eu-central-1");
    assert_eq!(
        nova_before,
        "in region         eu-central-1: only through a cross-Region inference profile: eu.amazon.nova-pro-v1:0"
    );
    let haiku_before = in_region_line(
        &env,
        "anthropic.claude-3-haiku-20240307-v1:0",
        "eu-central-1",
    );
    assert_eq!(
        haiku_before,
        "in region         eu-central-1: on demand with the bare model ID"
    );

    let o = env.refresh(&server, &["--region", "eu-central-1"], &[]);
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    let dest = env.stored(&eu_file());
    assert_eq!(
        text(&o.stdout),
        format!(
            "eu-central-1, account {ACCOUNT}: 4 models, 4 inference profiles, 1 new IDs -> {}\n",
            dest.display()
        )
    );
    assert_eq!(text(&o.stderr), "");

    // The calls were signed for the Region with the credentials from the environment.
    let reqs = server.requests();
    assert!(!reqs.is_empty());
    for r in &reqs {
        assert_eq!(r.method, "GET");
        let auth = r.header("authorization").unwrap();
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=test/"),
            "{auth}"
        );
        assert!(
            auth.contains("/eu-central-1/bedrock/aws4_request"),
            "{auth}"
        );
    }

    // The stored file is an import in the usual shape, stamped with Region, account, day.
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&dest).unwrap()).unwrap();
    assert_eq!(
        stored["bedrockLspImport"],
        serde_json::json!({
            "region": "eu-central-1",
            "account": ACCOUNT,
            "importedOn": TODAY,
            "from": null,
            "via": "catalog refresh"
        })
    );
    assert_eq!(stored["modelSummaries"].as_array().unwrap().len(), 4);
    assert_eq!(
        stored["modelSummaries"][0]["inputModalities"],
        serde_json::json!(["TEXT", "IMAGE", "VIDEO"])
    );

    // An ID only the account's listing names is now known, with the refresh as source.
    let (c, v) = show_json(&env, "acme.refresh-only-v1:0", None);
    assert_eq!(c, 0, "{v}");
    assert_eq!(v["name"], "Refresh Only Model");
    assert_eq!(v["provider"], "Acme");
    let key = format!("import:{}", dest.display());
    assert_eq!(v["sources"], serde_json::json!([key]));

    // The refreshed Region gets the account's exact availability.
    assert_eq!(
        in_region_line(&env, "amazon.nova-pro-v1:0", "eu-central-1"),
        "in region         eu-central-1: on demand with the bare model ID"
    );
    // Not in the account's list for the Region: not offered there any more.
    let haiku = in_region_line(
        &env,
        "anthropic.claude-3-haiku-20240307-v1:0",
        "eu-central-1",
    );
    assert!(
        haiku.starts_with("in region         eu-central-1: not offered; on demand in "),
        "{haiku}"
    );
    let (_, v) = show_json(&env, "amazon.nova-pro-v1:0", Some("eu-central-1"));
    assert_eq!(v["regionSupport"], serde_json::json!({"kind": "ON_DEMAND"}));

    // What hover shows for the refreshed facts.
    let (cat, errors) = Catalog::load(Some(&env.catalog_dir), &[]);
    assert_eq!(errors, vec![]);
    assert_eq!(
        cat.source_text(&key),
        Some(format!("from your account {ACCOUNT}, eu-central-1, refreshed {TODAY}").as_str())
    );
}

/// What a running server does: keep its catalog, poll the stamp, reload on a change.
#[test]
fn each_refresh_changes_the_stamp_a_running_server_reloads_on() {
    let env = Env::new();
    let server = Server::start(bedrock);
    let (running, _) = Catalog::load(Some(&env.catalog_dir), &[]);
    assert!(running.get("acme.refresh-only-v1:0").is_none());
    let empty = user_catalog_stamp(&env.catalog_dir);
    assert_eq!(empty, vec![]);

    let o = env.refresh(&server, &["--region", "eu-central-1"], &[]);
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    let first = user_catalog_stamp(&env.catalog_dir);
    assert_ne!(first, empty);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].0, env.stored(&eu_file()));
    let (reloaded, errors) = Catalog::load(Some(&env.catalog_dir), &[]);
    assert_eq!(errors, vec![]);
    assert!(reloaded.get("acme.refresh-only-v1:0").is_some());

    // The same answer again: same name, same length, and still a new stamp.
    std::thread::sleep(Duration::from_millis(20));
    let o = env.refresh(&server, &["--region", "eu-central-1"], &[]);
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    let second = user_catalog_stamp(&env.catalog_dir);
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].1, first[0].1);
    assert_ne!(second, first);
    // No temp file is left beside it.
    assert_eq!(env.snapshot().len(), 1);
}

#[test]
fn inference_profile_pages_are_all_stored() {
    let env = Env::new();
    let server = Server::start(bedrock);
    // The Region comes from AWS_REGION when --region is not given.
    let o = env.refresh(&server, &[], &[("AWS_REGION", "eu-central-1")]);
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));

    let targets: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.path() == "/inference-profiles")
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(targets.len(), 2, "{targets:?}");
    assert!(!targets[0].contains("nextToken"), "{targets:?}");
    assert!(targets[1].contains("nextToken=page-2-token"), "{targets:?}");

    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(env.stored(&eu_file())).unwrap()).unwrap();
    let ids: Vec<&str> = stored["inferenceProfileSummaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["inferenceProfileId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "eu.amazon.nova-pro-v1:0",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "eu.acme.refresh-only-v1:0"
        ]
    );
    assert!(stored.get("nextToken").is_none());

    // A profile from the second page is a documented profile now.
    let (c, v) = show_json(&env, "eu.acme.refresh-only-v1:0", None);
    assert_eq!(c, 0, "{v}");
    assert_eq!(
        v["resolvedAs"],
        "cross-Region inference profile `eu.acme.refresh-only-v1:0` (scope eu)"
    );
    // And the Region's profiles are exactly what both pages listed for the model.
    assert_eq!(
        in_region_line(&env, "anthropic.claude-sonnet-4-5-20250929-v1:0", "eu-central-1"),
        "in region         eu-central-1: only through a cross-Region inference profile: eu.anthropic.claude-sonnet-4-5-20250929-v1:0, global.anthropic.claude-sonnet-4-5-20250929-v1:0"
    );
}

#[test]
fn access_denied_in_one_region_keeps_its_old_data_and_the_other_region() {
    let env = Env::new();
    // A Region refreshed on an earlier day.
    std::fs::create_dir_all(&env.catalog_dir).unwrap();
    let old_us = env.stored(&format!("aws-refresh-us-west-2-{ACCOUNT}.json"));
    let old_text = fixture("foundation-models.json", "us-west-2").replace(
        "{\n    \"modelSummaries\"",
        &format!("{{\n    \"bedrockLspImport\": {{\"region\": \"us-west-2\", \"account\": \"{ACCOUNT}\", \"importedOn\": \"2026-10-01\", \"via\": \"catalog refresh\"}},\n    \"modelSummaries\""),
    );
    std::fs::write(&old_us, &old_text).unwrap();

    let server = Server::start(|req, nth| {
        if req.signed_region() == "us-west-2" {
            let op = if req.path() == "/foundation-models" {
                "ListFoundationModels"
            } else {
                "ListInferenceProfiles"
            };
            access_denied(op)
        } else {
            bedrock(req, nth)
        }
    });
    let o = env.refresh(&server, &["--region", "eu-central-1,us-west-2"], &[]);
    assert_eq!(code(&o), 1, "stdout: {}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!("bedrock-lsp: us-west-2: ListFoundationModels: access denied (User: arn:aws:iam::{ACCOUNT}:user/ci is not authorized to perform: bedrock:ListFoundationModels")),
        "{err}"
    );
    assert!(
        err.contains("bedrock:ListFoundationModels and bedrock:ListInferenceProfiles"),
        "{err}"
    );
    assert!(
        err.contains("bedrock-lsp: us-west-2: not refreshed; its stored data is unchanged"),
        "{err}"
    );
    assert!(
        err.ends_with("bedrock-lsp: 1 of 2 Regions refreshed\n"),
        "{err}"
    );
    // 403 is not retried.
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.signed_region() == "us-west-2")
            .count(),
        1
    );

    // The failed Region's file is byte for byte what it was; the good one is stored.
    assert_eq!(std::fs::read_to_string(&old_us).unwrap(), old_text);
    assert!(text(&o.stdout).starts_with(&format!("eu-central-1, account {ACCOUNT}: 4 models")));
    let names: Vec<String> = env.snapshot().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [eu_file(), format!("aws-refresh-us-west-2-{ACCOUNT}.json")]
    );
}

#[test]
fn access_denied_on_the_profile_list_stores_nothing_for_the_region() {
    let env = Env::new();
    let server = Server::start(|req, nth| match req.path() {
        "/inference-profiles" => access_denied("ListInferenceProfiles"),
        _ => bedrock(req, nth),
    });
    let o = env.refresh(&server, &["--region", "eu-central-1"], &[]);
    assert_eq!(code(&o), 1);
    let err = text(&o.stderr);
    assert!(
        err.contains("bedrock-lsp: eu-central-1: ListInferenceProfiles: access denied ("),
        "{err}"
    );
    // The model list alone is not stored: a Region is stored whole or not at all.
    assert_eq!(env.snapshot(), vec![]);
    assert_eq!(text(&o.stdout), "");
}

#[test]
fn throttling_is_retried_by_the_sdk_and_then_succeeds() {
    let env = Env::new();
    let server = Server::start(|req, nth| {
        if req.path() == "/foundation-models" && nth == 0 {
            throttled()
        } else {
            bedrock(req, nth)
        }
    });
    let o = env.refresh(&server, &["--region", "eu-central-1"], &[]);
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    assert_eq!(server.count("/foundation-models"), 2);
    assert!(env.stored(&eu_file()).is_file());
}

#[test]
fn throttling_that_outlasts_the_retries_is_reported_and_changes_nothing() {
    let env = Env::new();
    std::fs::create_dir_all(&env.catalog_dir).unwrap();
    std::fs::write(env.stored(&eu_file()), "{\"modelSummaries\": []}\n").unwrap();
    let before = env.snapshot();
    let server = Server::start(|req, nth| match req.path() {
        "/foundation-models" => throttled(),
        _ => bedrock(req, nth),
    });
    // The SDK's standard setting for the number of attempts is honoured.
    let o = env.refresh(
        &server,
        &["--region", "eu-central-1"],
        &[("AWS_MAX_ATTEMPTS", "2")],
    );
    assert_eq!(code(&o), 1);
    assert_eq!(server.count("/foundation-models"), 2);
    let err = text(&o.stderr);
    assert!(
        err.contains("bedrock-lsp: eu-central-1: ListFoundationModels: throttled by AWS (Too many requests, please wait before trying again.), still after the SDK's retries"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_endpoint_that_never_answers_times_out_and_changes_nothing() {
    let env = Env::new();
    std::fs::create_dir_all(&env.catalog_dir).unwrap();
    std::fs::write(env.stored(&eu_file()), "{\"modelSummaries\": []}\n").unwrap();
    let before = env.snapshot();
    let server = Server::start(|_, _| Reply::Hang);
    let start = Instant::now();
    let o = env.refresh(
        &server,
        &["--region", "eu-central-1", "--timeout", "2"],
        &[],
    );
    let took = start.elapsed();
    assert_eq!(code(&o), 1);
    let err = text(&o.stderr);
    assert!(
        err.contains("bedrock-lsp: eu-central-1: ListFoundationModels timed out: no complete answer within 2s"),
        "{err}"
    );
    assert!(
        err.contains("eu-central-1: not refreshed; its stored data is unchanged"),
        "{err}"
    );
    assert!(took < Duration::from_secs(12), "took {took:?}");
    assert!(server.count("/foundation-models") >= 1);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn no_endpoint_listening_is_a_network_error() {
    let env = Env::new();
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let o = env.run(
        &["catalog", "refresh", "--region", "eu-central-1"],
        &[
            ("AWS_ENDPOINT_URL_BEDROCK", &url),
            ("AWS_MAX_ATTEMPTS", "1"),
        ],
    );
    assert_eq!(code(&o), 1);
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "bedrock-lsp: eu-central-1: ListFoundationModels: cannot reach the Bedrock endpoint"
        ),
        "{err}"
    );
    assert_eq!(env.snapshot(), vec![]);
}

#[test]
fn no_credentials_is_one_clear_message_and_no_call() {
    let env = Env::new();
    let server = Server::start(bedrock);
    let mut cmd = env.cmd(
        &["catalog", "refresh", "--region", "eu-central-1"],
        &[("AWS_ENDPOINT_URL_BEDROCK", &server.url())],
    );
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY");
    let o = cmd.output().unwrap();
    assert_eq!(code(&o), 1);
    let err = text(&o.stderr);
    assert!(
        err.starts_with("bedrock-lsp: catalog refresh: no usable AWS credentials ("),
        "{err}"
    );
    assert!(err.contains("aws sso login"), "{err}");
    assert!(
        err.ends_with("bedrock-lsp: nothing refreshed; the stored catalog is unchanged\n"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 0);
    assert_eq!(env.snapshot(), vec![]);
}

#[test]
fn profile_selects_credentials_and_region_and_the_generic_endpoint_variable_works() {
    let env = Env::new();
    std::fs::write(&env.config, "[profile dev]\nregion = eu-west-3\n").unwrap();
    std::fs::write(
        &env.credentials,
        "[dev]\naws_access_key_id = AKIDDEVPROFILE\naws_secret_access_key = devsecret\n",
    )
    .unwrap();
    let server = Server::start(bedrock);
    let mut cmd = env.cmd(
        &["catalog", "refresh", "--profile", "dev"],
        &[("AWS_ENDPOINT_URL", &server.url())],
    );
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY");
    let o = cmd.output().unwrap();
    assert_eq!(code(&o), 0, "stderr: {}", text(&o.stderr));
    let auth = server.requests()[0]
        .header("authorization")
        .unwrap()
        .to_string();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDDEVPROFILE/"),
        "{auth}"
    );
    assert!(auth.contains("/eu-west-3/bedrock/aws4_request"), "{auth}");
    assert!(env
        .stored(&format!("aws-refresh-eu-west-3-{ACCOUNT}.json"))
        .is_file());
}

#[test]
fn usage_errors_exit_2_without_a_call() {
    let env = Env::new();
    let server = Server::start(bedrock);
    let o = env.refresh(&server, &[], &[]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        text(&o.stderr),
        "bedrock-lsp: catalog refresh: no Region: pass --region (repeatable), or set AWS_REGION or `region` in your AWS profile\n"
    );
    let o = env.refresh(&server, &["--region", "EU-Central-1"], &[]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        text(&o.stderr),
        "bedrock-lsp: catalog refresh: `EU-Central-1` is not a Region code (like eu-central-1)\n"
    );
    let o = env.refresh(
        &server,
        &["--region", "eu-central-1", "--timeout", "0"],
        &[],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(server.requests().len(), 0);
    assert_eq!(env.snapshot(), vec![]);
}
