//! `bedrock-lsp catalog update` (feature `update`): download the newest published
//! catalog, verify it, install it in the user catalog directory.
//!
//! The published location (a base URL) holds two files:
//!
//! - `catalog-manifest.json`: `{"format": 1, "file": "catalog.json", "size": <bytes>,
//!   "sha256": "<hex>", "asOf": "YYYY-MM-DD"}`;
//! - the catalog file it names, in this build's catalog schema.
//!
//! The download is checked in this order: size (a short body is a truncated
//! download), SHA-256 against the manifest, then the schema (the file must load as a
//! complete catalog in this build, with the manifest's `asOf`). Only then is it written
//! to `<user dir>/published/catalog.json` through a temporary file and a rename, after
//! the installed one was copied to `catalog.previous.json`: a failure at any step
//! leaves the last good catalog in place. Nothing here runs unless the user asks.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use sha2::Digest;

use super::{load_published, published_path, Catalog, Date};

/// The project's release location; `--url` or `BEDROCK_LSP_CATALOG_URL` replace it.
pub const DEFAULT_URL: &str = "https://github.com/OWNER/bedrock-lsp/releases/latest/download/";
/// The manifest's name under the base URL.
pub const MANIFEST: &str = "catalog-manifest.json";
/// Largest manifest and catalog accepted.
const MAX_MANIFEST: usize = 64 * 1024;
const MAX_CATALOG: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub file: String,
    pub size: u64,
    pub sha256: String,
    pub as_of: Date,
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The published catalog was installed at `path`; the one it replaced (if any)
    /// is kept at `previous`.
    Installed {
        as_of: Date,
        models: usize,
        path: PathBuf,
        previous: Option<PathBuf>,
    },
    /// The published catalog is not newer than the one in use.
    UpToDate { published: Date, current: Date },
}

/// The base URL, checked: HTTPS, or plain HTTP to a loopback address only (a local
/// mirror, tests). Ends with `/`.
pub fn check_url(url: &str) -> Result<String, String> {
    let lower = url.to_ascii_lowercase();
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| {
            lower.strip_prefix(p).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(':') || rest.starts_with('/')
            })
        });
    if !lower.starts_with("https://") && !loopback {
        return Err(format!(
            "`{url}` is not an HTTPS URL (plain HTTP is accepted only for 127.0.0.1/localhost)"
        ));
    }
    if url.contains(['?', '#', ' ']) {
        return Err(format!(
            "`{url}` must be a base URL without query or fragment"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// Download, verify and install the published catalog under `base_url` into
/// `user_dir`. `timeout` bounds each download. `current` is the catalog in use (its
/// `asOf` decides whether the published one is newer).
pub fn update(
    base_url: &str,
    user_dir: &Path,
    timeout: Duration,
    current: &Catalog,
) -> Result<Outcome, String> {
    let base = check_url(base_url)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the download runtime: {e}"))?;
    let manifest_url = format!("{base}{MANIFEST}");
    let raw = rt.block_on(get(&manifest_url, timeout, MAX_MANIFEST))?;
    let manifest: Manifest = serde_json::from_slice(&raw)
        .map_err(|e| format!("{manifest_url}: not a catalog manifest: {e}"))?;
    if manifest.format != 1 {
        return Err(format!(
            "{manifest_url}: manifest format {} (this build reads format 1)",
            manifest.format
        ));
    }
    let name_ok = !manifest.file.is_empty()
        && manifest
            .file
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !manifest.file.starts_with('.');
    if !name_ok {
        return Err(format!(
            "{manifest_url}: `{}` is not a plain file name",
            manifest.file
        ));
    }
    let want = manifest.sha256.to_ascii_lowercase();
    if want.len() != 64 || !want.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{manifest_url}: `sha256` is not 64 hex digits"));
    }
    if manifest.size > MAX_CATALOG {
        return Err(format!(
            "{manifest_url}: the catalog is {} bytes, more than the {} MiB accepted",
            manifest.size,
            MAX_CATALOG >> 20
        ));
    }
    if manifest.as_of <= current.as_of() {
        return Ok(Outcome::UpToDate {
            published: manifest.as_of,
            current: current.as_of(),
        });
    }
    let file_url = format!("{base}{}", manifest.file);
    // One byte more than announced: a longer body is as wrong as a shorter one.
    let body = rt.block_on(get(&file_url, timeout, manifest.size as usize + 1))?;
    if body.len() as u64 != manifest.size {
        return Err(format!(
            "{file_url}: truncated or wrong download: {} bytes, the manifest says {}",
            body.len(),
            manifest.size
        ));
    }
    let got = hex(&sha2::Sha256::digest(&body));
    if got != want {
        return Err(format!(
            "{file_url}: SHA-256 {got} does not match the manifest's {want}"
        ));
    }
    let text = String::from_utf8(body)
        .map_err(|_| format!("{file_url}: the catalog is not UTF-8 text"))?;
    let cat = Catalog::from_json(&file_url, &text)
        .map_err(|e| format!("the published catalog does not fit this build's schema: {e}"))?;
    if cat.as_of() != manifest.as_of {
        return Err(format!(
            "{file_url}: asOf {} differs from the manifest's {}",
            cat.as_of(),
            manifest.as_of
        ));
    }
    install(user_dir, &text, cat.as_of(), cat.models().len())
}

/// Write the verified text as the published catalog: a temp file, synced, renamed over
/// the installed one (after that one was copied to `catalog.previous.json`).
fn install(user_dir: &Path, text: &str, as_of: Date, models: usize) -> Result<Outcome, String> {
    let path = published_path(user_dir);
    let dir = path.parent().expect("published path has a parent");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let previous = dir.join("catalog.previous.json");
    let keep_previous = load_published(&path).is_ok();
    if keep_previous {
        let tmp = dir.join("catalog.previous.json.tmp");
        std::fs::copy(&path, &tmp)
            .and_then(|_| std::fs::rename(&tmp, &previous))
            .map_err(|e| format!("cannot keep the previous catalog: {e}"))?;
    }
    let tmp = dir.join("catalog.json.tmp");
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot install {}: {e}", path.display()));
    }
    Ok(Outcome::Installed {
        as_of,
        models,
        path,
        previous: keep_previous.then_some(previous),
    })
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// GET `url` (HTTPS, or HTTP to loopback), at most `limit` bytes, within `timeout`.
async fn get(url: &str, timeout: Duration, limit: usize) -> Result<Vec<u8>, String> {
    use http_body_util::{BodyExt, Empty, Limited};
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;

    let uri: hyper::Uri = url.parse().map_err(|e| format!("bad URL `{url}`: {e}"))?;
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| format!("no TLS root certificates available: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    let client: Client<_, Empty<bytes::Bytes>> = Client::builder(TokioExecutor::new()).build(https);
    let work = async {
        let resp = client
            .get(uri)
            .await
            .map_err(|e| format!("cannot download {url}: {}", chain(&e)))?;
        if !resp.status().is_success() {
            return Err(format!("{url}: HTTP {}", resp.status()));
        }
        let body = Limited::new(resp.into_body(), limit)
            .collect()
            .await
            .map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    format!("{url}: larger than the {limit} bytes expected")
                } else {
                    format!("{url}: download interrupted (truncated): {}", chain(&*e))
                }
            })?;
        Ok(body.to_bytes().to_vec())
    };
    tokio::time::timeout(timeout, work).await.map_err(|_| {
        format!(
            "{url}: timed out after {} s",
            timeout.as_secs_f32().max(0.001)
        )
    })?
}

/// An error and its causes, `a: b: c`.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}
