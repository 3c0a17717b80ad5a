//! `bedrock-lsp catalog refresh`: ask Bedrock itself, with the user's own AWS
//! credentials, which foundation models and inference profiles each Region lists, and
//! store the answer in the user catalog directory.
//!
//! Each Region's answer becomes one file, `aws-refresh-<region>[-<account>].json`, in
//! exactly the shape `catalog import` stores (the AWS CLI's `modelSummaries` /
//! `inferenceProfileSummaries` plus a `bedrockLspImport` record with the Region,
//! account, day and `"via": "catalog refresh"`), so the server and `check` load it
//! through the ordinary import path. A Region is written only when both of its
//! listings were read completely (every `ListInferenceProfiles` page); the write is a
//! temp file plus rename, so a failed or interrupted refresh leaves that Region's
//! stored file as it was.
//!
//! The AWS SDK for Rust does the work: the standard credential chain (environment,
//! shared config and credentials files, SSO, credential_process, container and
//! instance roles), `--profile`, the standard retry settings (`AWS_MAX_ATTEMPTS`,
//! `AWS_RETRY_MODE`) and endpoint settings (`AWS_ENDPOINT_URL_BEDROCK`,
//! `AWS_ENDPOINT_URL`, `endpoint_url` in the profile).
//!
//! Nothing here runs unless the user asks for a refresh.

use crate::aws::is_region_code;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_sdk_bedrock::config::timeout::TimeoutConfig;
use aws_sdk_bedrock::config::{Credentials, ProvideCredentials, Region};
use aws_sdk_bedrock::error::{ProvideErrorMetadata, SdkError};
use serde_json::{json, Map, Value};

use super::{import, Catalog, Date};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// Regions to refresh; empty = the configured Region.
    pub regions: Vec<String>,
    /// Named profile (`--profile`); `None` = the SDK's default (`AWS_PROFILE` or `default`).
    pub profile: Option<String>,
    /// Limit for each AWS call, retries included.
    pub timeout: Duration,
    /// The day stamped on the stored files.
    pub today: Date,
    /// The user catalog directory.
    pub dir: PathBuf,
}

/// One Region's stored refresh.
#[derive(Debug, Clone)]
pub struct Stored {
    pub region: String,
    pub account: Option<String>,
    pub path: PathBuf,
    pub models: usize,
    pub profiles: usize,
    /// Model IDs the catalog did not know before.
    pub new_ids: usize,
    /// Entries left out because bedrock-lsp cannot read their IDs.
    pub skipped: Vec<String>,
}

/// Each Region asked for, with what was stored for it or why it failed.
pub type Outcome = Vec<(String, Result<Stored, String>)>;

/// Why a whole refresh could not start (exit 2 for usage, 1 otherwise).
#[derive(Debug)]
pub enum StartError {
    Usage(String),
    Failed(String),
}

/// Run a refresh: one result per Region, in the order asked.
pub fn refresh(opts: &Options) -> Result<Outcome, StartError> {
    for r in &opts.regions {
        if !is_region_code(r) {
            return Err(StartError::Usage(format!(
                "`{r}` is not a Region code (like eu-central-1)"
            )));
        }
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| StartError::Failed(format!("cannot start the async runtime: {e}")))?;
    rt.block_on(refresh_async(opts))
}

async fn refresh_async(opts: &Options) -> Result<Outcome, StartError> {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http);
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    let base = loader.load().await;

    let regions: Vec<String> = if opts.regions.is_empty() {
        match base.region() {
            Some(r) if is_region_code(r.as_ref()) => vec![r.to_string()],
            Some(r) => {
                return Err(StartError::Usage(format!(
                    "the configured Region `{r}` is not a Region code"
                )))
            }
            None => {
                return Err(StartError::Usage(
                    "no Region: pass --region (repeatable), or set AWS_REGION or `region` in your AWS profile"
                        .into(),
                ))
            }
        }
    } else {
        let mut v: Vec<String> = Vec::new();
        for r in &opts.regions {
            if !v.contains(r) {
                v.push(r.clone());
            }
        }
        v
    };

    // Resolve the credentials once, up front: a missing or broken login is one clear
    // message instead of one per Region, and nothing is called without them.
    let creds = credentials(&base, opts.profile.as_deref()).await?;

    let timeouts = TimeoutConfig::builder()
        .operation_timeout(opts.timeout)
        .connect_timeout(opts.timeout.min(Duration::from_secs(5)))
        .build();
    let jobs = regions.iter().map(|r| {
        let conf = aws_sdk_bedrock::config::Builder::from(&base)
            .region(Region::new(r.clone()))
            .credentials_provider(creds.clone())
            .timeout_config(timeouts.clone())
            .build();
        let client = aws_sdk_bedrock::Client::from_conf(conf);
        async move {
            let res = match fetch(&client, opts.timeout).await {
                Ok(listing) => store(opts, r, listing),
                Err(e) => Err(e),
            };
            (r.clone(), res)
        }
    });
    Ok(futures::future::join_all(jobs).await)
}

async fn credentials(
    base: &aws_config::SdkConfig,
    profile: Option<&str>,
) -> Result<Credentials, StartError> {
    let hint = "set up credentials with `aws configure` or `aws sso login`, choose a profile with --profile or AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
    let Some(provider) = base.credentials_provider() else {
        return Err(StartError::Failed(format!("no AWS credentials: {hint}")));
    };
    provider.provide_credentials().await.map_err(|e| {
        let which = profile
            .map(|p| format!(" for profile `{p}`"))
            .unwrap_or_default();
        StartError::Failed(format!(
            "no usable AWS credentials{which} ({}): {hint}",
            causes(&e).join(": ")
        ))
    })
}

/// Both listings of one Region, as JSON in the AWS CLI's shape.
struct Listing {
    models: Vec<Value>,
    profiles: Vec<Value>,
}

async fn fetch(client: &aws_sdk_bedrock::Client, timeout: Duration) -> Result<Listing, String> {
    let fm = client
        .list_foundation_models()
        .send()
        .await
        .map_err(|e| describe("ListFoundationModels", &e, timeout))?;
    let models = fm.model_summaries().iter().map(model_json).collect();
    let pages = client
        .list_inference_profiles()
        .into_paginator()
        .send()
        .try_collect()
        .await
        .map_err(|e| describe("ListInferenceProfiles", &e, timeout))?;
    let profiles = pages
        .iter()
        .flat_map(|p| p.inference_profile_summaries())
        .map(profile_json)
        .collect();
    Ok(Listing { models, profiles })
}

fn strs<T: AsRef<str>>(v: &[T]) -> Value {
    Value::Array(v.iter().map(|x| json!(x.as_ref())).collect())
}

fn model_json(m: &aws_sdk_bedrock::types::FoundationModelSummary) -> Value {
    let mut o = Map::new();
    o.insert("modelArn".into(), json!(m.model_arn()));
    o.insert("modelId".into(), json!(m.model_id()));
    if let Some(n) = m.model_name() {
        o.insert("modelName".into(), json!(n));
    }
    if let Some(n) = m.provider_name() {
        o.insert("providerName".into(), json!(n));
    }
    if m.input_modalities.is_some() {
        let v: Vec<&str> = m.input_modalities().iter().map(|x| x.as_str()).collect();
        o.insert("inputModalities".into(), strs(&v));
    }
    if m.output_modalities.is_some() {
        let v: Vec<&str> = m.output_modalities().iter().map(|x| x.as_str()).collect();
        o.insert("outputModalities".into(), strs(&v));
    }
    if let Some(b) = m.response_streaming_supported() {
        o.insert("responseStreamingSupported".into(), json!(b));
    }
    if m.customizations_supported.is_some() {
        let v: Vec<&str> = m
            .customizations_supported()
            .iter()
            .map(|x| x.as_str())
            .collect();
        o.insert("customizationsSupported".into(), strs(&v));
    }
    if m.inference_types_supported.is_some() {
        let v: Vec<&str> = m
            .inference_types_supported()
            .iter()
            .map(|x| x.as_str())
            .collect();
        o.insert("inferenceTypesSupported".into(), strs(&v));
    }
    if let Some(l) = m.model_lifecycle() {
        o.insert(
            "modelLifecycle".into(),
            json!({"status": l.status().as_str()}),
        );
    }
    Value::Object(o)
}

fn profile_json(p: &aws_sdk_bedrock::types::InferenceProfileSummary) -> Value {
    let mut o = Map::new();
    o.insert(
        "inferenceProfileName".into(),
        json!(p.inference_profile_name()),
    );
    if let Some(d) = p.description() {
        o.insert("description".into(), json!(d));
    }
    o.insert(
        "inferenceProfileArn".into(),
        json!(p.inference_profile_arn()),
    );
    let models: Vec<Value> = p
        .models()
        .iter()
        .filter_map(|m| m.model_arn())
        .map(|a| json!({"modelArn": a}))
        .collect();
    o.insert("models".into(), Value::Array(models));
    o.insert("inferenceProfileId".into(), json!(p.inference_profile_id()));
    o.insert("status".into(), json!(p.status().as_str()));
    o.insert("type".into(), json!(p.r#type().as_str()));
    Value::Object(o)
}

/// A user-facing sentence for a failed call.
fn describe<E, R>(op: &str, err: &SdkError<E, R>, timeout: Duration) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    match err {
        SdkError::TimeoutError(_) => format!(
            "{op} timed out: no complete answer within {}s; check your network or proxy, or raise --timeout",
            timeout.as_secs_f64()
        ),
        SdkError::DispatchFailure(d) if d.is_timeout() => format!(
            "{op}: timed out connecting to the Bedrock endpoint; check your network or proxy"
        ),
        SdkError::DispatchFailure(d) if d.is_io() => format!(
            "{op}: cannot reach the Bedrock endpoint (no network, a proxy, or a wrong endpoint URL): {}",
            causes(err).last().map(String::as_str).unwrap_or("I/O error")
        ),
        SdkError::ServiceError(s) => {
            let e = s.err();
            let code = e.code().unwrap_or("");
            let msg = e.message().unwrap_or("no message");
            match code {
                "AccessDeniedException" => format!(
                    "{op}: access denied ({msg}); the identity needs the IAM permissions bedrock:ListFoundationModels and bedrock:ListInferenceProfiles in this Region"
                ),
                "ThrottlingException" | "TooManyRequestsException" | "Throttling"
                | "RequestLimitExceeded" => format!(
                    "{op}: throttled by AWS ({msg}), still after the SDK's retries; try again later (AWS_MAX_ATTEMPTS raises the number of attempts)"
                ),
                "UnrecognizedClientException" | "InvalidSignatureException"
                | "ExpiredTokenException" | "InvalidClientTokenId" | "ExpiredToken" => format!(
                    "{op}: AWS rejected the credentials ({code}: {msg}); log in again (`aws sso login`) or check the access keys"
                ),
                "" => format!("{op} failed: {}", causes(err).join(": ")),
                _ => format!("{op} failed: {code}: {msg}"),
            }
        }
        _ => format!("{op} failed: {}", causes(err).join(": ")),
    }
}

/// The messages of an error and its sources, outermost first, without repeats.
fn causes(err: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = Some(err);
    while let Some(e) = cur {
        let m = e.to_string();
        if !m.is_empty() && !out.iter().any(|o| o.contains(&m)) {
            out.push(m);
        }
        cur = e.source();
    }
    out
}

/// Check one Region's listing through the import parser, stamp it and write it.
fn store(opts: &Options, region: &str, listing: Listing) -> Result<Stored, String> {
    let probe_path = PathBuf::from(format!("refresh of {region}"));
    let mut skipped = Vec::new();
    // Keep only entries the import parser accepts, so one ID in a shape bedrock-lsp
    // does not know yet cannot make the whole Region unreadable.
    let keep = |key: &str, items: Vec<Value>, skipped: &mut Vec<String>| -> Vec<Value> {
        items
            .into_iter()
            .filter(|item| {
                let one = json!({ key: [item] }).to_string();
                match import::parse_aws(&probe_path, &one, Some(region)) {
                    Ok(_) => true,
                    Err(e) => {
                        skipped.push(e.message);
                        false
                    }
                }
            })
            .collect()
    };
    let models = keep("modelSummaries", listing.models, &mut skipped);
    let profiles = keep("inferenceProfileSummaries", listing.profiles, &mut skipped);
    let (n_models, n_profiles) = (models.len(), profiles.len());
    let mut doc = json!({
        "modelSummaries": models,
        "inferenceProfileSummaries": profiles,
    });
    let text = doc.to_string();
    let imp = import::parse_aws(&probe_path, &text, Some(region))
        .map_err(|e| format!("the listing does not fit together: {e}"))?;
    let meta = import::ImportMeta {
        region: region.to_string(),
        account: imp.account.clone(),
        imported_on: opts.today,
        from: None,
        via: Some(import::VIA_REFRESH.to_string()),
    };
    doc["bedrockLspImport"] = serde_json::to_value(&meta).unwrap_or_default();
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');

    let name = match &imp.account {
        Some(a) => format!("aws-refresh-{region}-{a}.json"),
        None => format!("aws-refresh-{region}.json"),
    };
    let dest = opts.dir.join(name);
    // What the stored file will mean, checked exactly as `Catalog::load` will read it.
    let mut probe = (*Catalog::embedded()).clone();
    let before = probe.models().len();
    probe
        .apply_text(&dest, &text, None)
        .map_err(|e| format!("the listing could not be stored: {e}"))?;
    let new_ids = probe.models().len() - before;

    write_atomic(&dest, &text).map_err(|e| format!("cannot write {}: {e}", dest.display()))?;
    Ok(Stored {
        region: region.to_string(),
        account: imp.account,
        path: dest,
        models: n_models,
        profiles: n_profiles,
        new_ids,
        skipped,
    })
}

/// Write `text` to `dest` through a temp file in the same directory and a rename, so
/// readers (the server, `check`) see the old file or the new one, never half of one.
fn write_atomic(dest: &Path, text: &str) -> std::io::Result<()> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Not `*.json`, so a reader never loads the temp file.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, dest));
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes() {
        assert!(is_region_code("eu-central-1"));
        assert!(is_region_code("us-gov-west-1"));
        assert!(!is_region_code("EU-central-1"));
        assert!(!is_region_code("eu central"));
        assert!(!is_region_code(""));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("sub").join("a.json");
        write_atomic(&dest, "one").unwrap();
        write_atomic(&dest, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(dest.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.json")]);
    }
}
