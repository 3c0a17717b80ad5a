//! Imports of AWS's own answers: `aws bedrock list-foundation-models --output json`
//! (`modelSummaries[]`) and `aws bedrock list-inference-profiles --output json`
//! (`inferenceProfileSummaries[]`). An import records what one Region (and account)
//! really offers; IDs the catalog does not know become known, with the import as
//! their source.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::id::{self, IdKind};
use super::{
    deserialize_at, line_of, Catalog, CatalogError, Date, InferenceType, Lifecycle, Modalities,
    Modality, Model, Profile, Provisioned, ReportedStatus, Status,
};

/// What a user file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A catalog file in our schema (`models`).
    Catalog,
    /// An AWS CLI output (`modelSummaries` or `inferenceProfileSummaries`).
    Aws,
}

fn error(
    path: &Path,
    line: Option<usize>,
    field: Option<&str>,
    message: impl Into<String>,
) -> CatalogError {
    CatalogError {
        file: path.to_path_buf(),
        line,
        field: field.map(str::to_string),
        message: message.into(),
    }
}

/// Tell a catalog file from an AWS output (and reject JSON that is neither).
pub fn detect(path: &Path, text: &str) -> Result<FileKind, CatalogError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        error(
            path,
            Some(e.line()).filter(|&l| l > 0),
            None,
            format!("not valid JSON: {msg}"),
        )
    })?;
    let Some(obj) = value.as_object() else {
        return Err(error(
            path,
            Some(1),
            None,
            "expected a JSON object at the top level",
        ));
    };
    if obj.contains_key("models") {
        Ok(FileKind::Catalog)
    } else if obj.contains_key("modelSummaries") || obj.contains_key("inferenceProfileSummaries") {
        Ok(FileKind::Aws)
    } else {
        Err(error(
            path,
            Some(1),
            None,
            "neither a catalog file (`models`) nor an AWS list-foundation-models / list-inference-profiles output",
        ))
    }
}

/// Bookkeeping that `bedrock-lsp catalog import` adds to a stored import.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportMeta {
    pub region: String,
    #[serde(default)]
    pub account: Option<String>,
    pub imported_on: Date,
    #[serde(default)]
    pub from: Option<String>,
    /// `"catalog refresh"` when `bedrock-lsp catalog refresh` fetched the listing
    /// from the user's account (absent for `catalog import`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// The `via` value `catalog refresh` records.
pub const VIA_REFRESH: &str = "catalog refresh";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsDoc {
    #[serde(default)]
    pub model_summaries: Option<Vec<FoundationModelSummary>>,
    #[serde(default)]
    pub inference_profile_summaries: Option<Vec<InferenceProfileSummary>>,
    #[serde(default)]
    pub next_token: Option<String>,
    #[serde(default, rename = "bedrockLspImport")]
    pub import: Option<ImportMeta>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundationModelSummary {
    pub model_id: String,
    #[serde(default)]
    pub model_arn: Option<String>,
    #[serde(default)]
    pub model_name: Option<String>,
    #[serde(default)]
    pub provider_name: Option<String>,
    #[serde(default)]
    pub input_modalities: Option<Vec<String>>,
    #[serde(default)]
    pub output_modalities: Option<Vec<String>>,
    #[serde(default)]
    pub response_streaming_supported: Option<bool>,
    #[serde(default)]
    pub inference_types_supported: Option<Vec<String>>,
    /// `FINE_TUNING`, `CONTINUED_PRE_TRAINING`, `DISTILLATION` … (what
    /// CreateModelCustomizationJob accepts this ID as a base model for).
    #[serde(default)]
    pub customizations_supported: Option<Vec<String>>,
    #[serde(default)]
    pub model_lifecycle: Option<ModelLifecycle>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelLifecycle {
    pub status: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InferenceProfileSummary {
    pub inference_profile_id: String,
    #[serde(default)]
    pub inference_profile_arn: Option<String>,
    #[serde(default)]
    pub inference_profile_name: Option<String>,
    #[serde(default)]
    pub models: Vec<ProfileModel>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileModel {
    pub model_arn: String,
}

/// A checked AWS output, ready to apply.
#[derive(Debug, Clone)]
pub struct AwsImport {
    pub doc: AwsDoc,
    pub region: String,
    pub account: Option<String>,
    pub imported_on: Date,
}

impl AwsImport {
    /// `foundation-models` or `inference-profiles` (or both).
    pub fn kind_label(&self) -> &'static str {
        match (
            &self.doc.model_summaries,
            &self.doc.inference_profile_summaries,
        ) {
            (Some(_), None) => "foundation-models",
            (None, Some(_)) => "inference-profiles",
            _ => "bedrock",
        }
    }
}

/// Parse and check an AWS output. The Region comes from the stored import record,
/// else `region`, else the ARNs in the file (which must agree).
pub fn parse_aws(path: &Path, text: &str, region: Option<&str>) -> Result<AwsImport, CatalogError> {
    let doc: AwsDoc = deserialize_at(path, text)?;
    let mut arn_region: Option<(String, String)> = None; // (region, field)
    let mut account: Option<String> = None;
    let mut check_arn = |arn: &str, field: String, want_fm: bool| -> Result<(), CatalogError> {
        let quoted = format!("\"{arn}\"");
        let bad = |m: String| error(path, line_of(text, &quoted), Some(&field), m);
        let p = id::parse(arn).filter(|p| p.prefix_len == 0 && arn.starts_with("arn:"));
        let Some(p) = p else {
            return Err(bad(format!("`{arn}` is not a Bedrock ARN")));
        };
        let ok = if want_fm {
            p.kind == IdKind::FoundationModelArn
        } else {
            matches!(
                p.kind,
                IdKind::InferenceProfileArn
                    | IdKind::Opaque(id::OpaqueKind::ApplicationInferenceProfile)
            )
        };
        if !ok {
            return Err(bad(format!("`{arn}` is not the ARN kind this field holds")));
        }
        if let Some(r) = p.get(arn, &p.region) {
            match &arn_region {
                Some((prev, prev_field)) if prev != r => {
                    return Err(bad(format!("Region `{r}` differs from `{prev}` in {prev_field}: one import covers one Region")));
                }
                Some(_) => {}
                None => arn_region = Some((r.to_string(), field.clone())),
            }
        }
        if let Some(a) = p.get(arn, &p.account) {
            account.get_or_insert_with(|| a.to_string());
        }
        Ok(())
    };
    if doc.model_summaries.is_none() && doc.inference_profile_summaries.is_none() {
        return Err(error(
            path,
            Some(1),
            None,
            "no `modelSummaries` or `inferenceProfileSummaries`",
        ));
    }
    for (i, s) in doc.model_summaries.iter().flatten().enumerate() {
        let field = format!("modelSummaries[{i}].modelId");
        match id::parse(&s.model_id) {
            Some(p) if p.kind == IdKind::Base && p.prefix_len == 0 => {}
            _ => {
                return Err(error(
                    path,
                    line_of(text, &format!("\"{}\"", s.model_id)),
                    Some(&field),
                    format!("`{}` is not a foundation-model ID", s.model_id),
                ))
            }
        }
        if let Some(arn) = &s.model_arn {
            check_arn(arn, format!("modelSummaries[{i}].modelArn"), true)?;
            if !arn.ends_with(&format!("/{}", s.model_id)) {
                return Err(error(
                    path,
                    line_of(text, &format!("\"{arn}\"")),
                    Some(&format!("modelSummaries[{i}].modelArn")),
                    format!("ARN does not name `{}`", s.model_id),
                ));
            }
        }
    }
    for (i, s) in doc.inference_profile_summaries.iter().flatten().enumerate() {
        if let Some(arn) = &s.inference_profile_arn {
            check_arn(
                arn,
                format!("inferenceProfileSummaries[{i}].inferenceProfileArn"),
                false,
            )?;
        }
        let system = s.kind.as_deref() != Some("APPLICATION");
        if system {
            let ok = id::parse(&s.inference_profile_id)
                .is_some_and(|p| p.kind == IdKind::Profile && p.context.is_none());
            if !ok {
                return Err(error(
                    path,
                    line_of(text, &format!("\"{}\"", s.inference_profile_id)),
                    Some(&format!(
                        "inferenceProfileSummaries[{i}].inferenceProfileId"
                    )),
                    format!(
                        "`{}` is not a `<scope>.<model>` profile ID",
                        s.inference_profile_id
                    ),
                ));
            }
        }
        for (j, m) in s.models.iter().enumerate() {
            let field = format!("inferenceProfileSummaries[{i}].models[{j}].modelArn");
            let p = id::parse(&m.model_arn).filter(|p| p.kind == IdKind::FoundationModelArn);
            if p.is_none() {
                return Err(error(
                    path,
                    line_of(text, &format!("\"{}\"", m.model_arn)),
                    Some(&field),
                    format!("`{}` is not a foundation-model ARN", m.model_arn),
                ));
            }
        }
    }
    let (region, account, imported_on) = match &doc.import {
        Some(meta) => (
            meta.region.clone(),
            meta.account.clone().or(account),
            meta.imported_on,
        ),
        None => {
            let r = match (region, arn_region) {
                (Some(r), Some((a, field))) if r != a => {
                    return Err(error(
                        path,
                        None,
                        Some(&field),
                        format!("--region {r} but the file's ARNs are in {a}"),
                    ))
                }
                (Some(r), _) => r.to_string(),
                (None, Some((a, _))) => a,
                (None, None) => {
                    return Err(error(
                        path,
                        None,
                        None,
                        "cannot tell which Region this output is for: pass --region",
                    ))
                }
            };
            (r, account, Date::today())
        }
    };
    if region.is_empty()
        || !region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(error(
            path,
            None,
            Some("bedrockLspImport.region"),
            format!("`{region}` is not a Region code"),
        ));
    }
    Ok(AwsImport {
        doc,
        region,
        account,
        imported_on,
    })
}

fn modalities(v: &Option<Vec<String>>) -> Option<Vec<Modality>> {
    v.as_ref().map(|v| {
        v.iter()
            .filter_map(|s| match s.as_str() {
                "TEXT" => Some(Modality::Text),
                "IMAGE" => Some(Modality::Image),
                "VIDEO" => Some(Modality::Video),
                "AUDIO" => Some(Modality::Audio),
                "SPEECH" => Some(Modality::Speech),
                "EMBEDDING" => Some(Modality::Embedding),
                _ => None,
            })
            .collect()
    })
}

/// AWS's `customizationsSupported`, `None` when absent or empty (nothing to record).
fn customizations(v: &Option<Vec<String>>) -> Option<Vec<String>> {
    v.as_ref().filter(|v| !v.is_empty()).cloned()
}

fn inference_types(v: &Option<Vec<String>>) -> Vec<InferenceType> {
    v.iter()
        .flatten()
        .filter_map(|s| match s.as_str() {
            "ON_DEMAND" => Some(InferenceType::OnDemand),
            "INFERENCE_PROFILE" => Some(InferenceType::InferenceProfile),
            "PROVISIONED" => Some(InferenceType::Provisioned),
            _ => None,
        })
        .collect()
}

/// Provider display name for an ID prefix, as the shipped catalog spells it.
fn provider_for(cat: &Catalog, model_id: &str) -> String {
    let prefix = model_id.split('.').next().unwrap_or(model_id);
    cat.models()
        .iter()
        .find(|m| m.id.split('.').next() == Some(prefix))
        .map(|m| m.provider.clone())
        .unwrap_or_else(|| prefix.to_string())
}

fn new_model(cat: &Catalog, id: &str, key: &str) -> Model {
    Model {
        id: id.to_string(),
        provider: provider_for(cat, id),
        name: id.to_string(),
        version: None,
        modalities: None,
        streaming: None,
        inference_types: Vec::new(),
        lifecycle: Lifecycle::default(),
        regions: None,
        priced_regions: None,
        profiles: Vec::new(),
        requires_profile: None,
        context_window: None,
        max_output_tokens: None,
        limits_source: None,
        provisioned: Vec::new(),
        related_ids: Vec::new(),
        endpoints: None,
        customizations: None,
        docs_url: None,
        aws_name: None,
        note: None,
        sources: vec![key.to_string()],
    }
}

fn add_source(m: &mut Model, key: &str) {
    if !m.sources.iter().any(|s| s == key) {
        m.sources.push(key.to_string());
    }
}

/// "from your account 123456789012" (or "from your AWS account" when no ARN in
/// the listing named the account).
fn account_words(imp: &AwsImport) -> String {
    match &imp.account {
        Some(a) => format!("from your account {a}"),
        None => "from your AWS account".to_string(),
    }
}

/// Apply a checked import. Cannot fail.
pub fn apply(cat: &mut Catalog, path: &Path, imp: &AwsImport) {
    let key = format!("import:{}", path.display());
    let what = match imp.kind_label() {
        "foundation-models" => "aws bedrock list-foundation-models",
        "inference-profiles" => "aws bedrock list-inference-profiles",
        _ => "aws bedrock list-*",
    };
    let acct = imp
        .account
        .as_deref()
        .map(|a| format!(", account {a}"))
        .unwrap_or_default();
    let refreshed = imp
        .doc
        .import
        .as_ref()
        .is_some_and(|m| m.via.as_deref() == Some(VIA_REFRESH));
    let text = if refreshed {
        format!(
            "{}, {}, refreshed {}",
            account_words(imp),
            imp.region,
            imp.imported_on
        )
    } else {
        format!(
            "{what} output for {}{acct}, imported {}",
            imp.region, imp.imported_on
        )
    };
    cat.add_source(key.clone(), text);
    let region = imp.region.clone();

    if let Some(summaries) = &imp.doc.model_summaries {
        for s in summaries {
            let types = inference_types(&s.inference_types_supported);
            let Some(p) = id::parse(&s.model_id) else {
                continue;
            };
            let model_part = p
                .get(&s.model_id, &p.model)
                .unwrap_or(&s.model_id)
                .to_string();
            let known_prov = cat.resolve(&s.model_id);
            let is_prov = matches!(
                known_prov,
                super::Resolution::Known {
                    form: super::Form::Provisioned { .. },
                    ..
                }
            );
            if p.context.is_some() || is_prov {
                let ctx = p.get(&s.model_id, &p.context).map(str::to_string);
                let custom = customizations(&s.customizations_supported);
                if let Some(m) = cat.model_mut(&model_part) {
                    if let Some(pv) = m.provisioned.iter_mut().find(|x| x.id == s.model_id) {
                        if custom.is_some() && pv.customizations != custom {
                            pv.customizations = custom;
                            add_source(m, &key);
                        }
                    } else {
                        m.provisioned.push(Provisioned {
                            id: s.model_id.clone(),
                            context: ctx,
                            sources: vec![key.clone()],
                            customizations: custom,
                        });
                        if !m.inference_types.contains(&InferenceType::Provisioned) {
                            m.inference_types.push(InferenceType::Provisioned);
                        }
                        add_source(m, &key);
                    }
                }
                cat.offer_mut(&region)
                    .provisioned
                    .insert(s.model_id.clone());
                continue;
            }
            let reported = s
                .model_lifecycle
                .as_ref()
                .and_then(|l| match l.status.as_str() {
                    "ACTIVE" => Some(ReportedStatus::Active),
                    "LEGACY" => Some(ReportedStatus::Legacy),
                    _ => None,
                });
            if cat.get(&s.model_id).is_none() {
                let mut m = new_model(cat, &s.model_id, &key);
                if let Some(n) = &s.provider_name {
                    m.provider = n.clone();
                }
                if let Some(n) = &s.model_name {
                    m.name = n.clone();
                }
                m.modalities = Some(Modalities {
                    input: modalities(&s.input_modalities),
                    output: modalities(&s.output_modalities),
                    source: Some(key.clone()),
                });
                m.streaming = s.response_streaming_supported;
                m.inference_types = types.clone();
                m.lifecycle.reported_status = reported;
                m.lifecycle.reported_on = reported.map(|_| imp.imported_on);
                m.customizations = customizations(&s.customizations_supported);
                cat.push_model(m);
            } else if let Some(m) = cat.model_mut(&s.model_id) {
                add_source(m, &key);
                if let Some(c) = customizations(&s.customizations_supported) {
                    m.customizations = Some(c);
                }
                if reported == Some(ReportedStatus::Legacy)
                    && m.lifecycle.legacy.is_none()
                    && m.status(imp.imported_on) == Status::Active
                {
                    m.lifecycle.reported_status = Some(ReportedStatus::Legacy);
                    m.lifecycle.reported_on = Some(imp.imported_on);
                }
            }
            cat.offer_mut(&region)
                .models
                .insert(s.model_id.clone(), types);
        }
        cat.offer_mut(&region).has_model_list = true;
    }

    if let Some(summaries) = &imp.doc.inference_profile_summaries {
        for s in summaries {
            if s.kind.as_deref() == Some("APPLICATION") {
                continue;
            }
            let Some(p) = id::parse(&s.inference_profile_id) else {
                continue;
            };
            let (Some(scope), Some(model_id)) = (
                p.get(&s.inference_profile_id, &p.scope),
                p.get(&s.inference_profile_id, &p.model),
            ) else {
                continue;
            };
            let (scope, model_id) = (scope.to_string(), model_id.to_string());
            if cat.get(&model_id).is_none() {
                let m = new_model(cat, &model_id, &key);
                cat.push_model(m);
            }
            if let Some(m) = cat.model_mut(&model_id) {
                if m.profile(&s.inference_profile_id).is_none() {
                    m.profiles.push(Profile {
                        id: s.inference_profile_id.clone(),
                        scope,
                        sources: vec![key.clone()],
                        note: None,
                    });
                    if !m.inference_types.contains(&InferenceType::InferenceProfile) {
                        m.inference_types.push(InferenceType::InferenceProfile);
                    }
                }
                add_source(m, &key);
            }
            cat.offer_mut(&region)
                .profiles
                .insert(s.inference_profile_id.clone(), vec![model_id]);
        }
        cat.offer_mut(&region).has_profile_list = true;
    }
    let offer = cat.offer_mut(&region);
    if let Some(a) = &imp.account {
        offer.accounts.insert(a.clone());
    }
    offer.files.push(PathBuf::from(path));
    cat.reindex();
}

/// The text to store in the user catalog directory: the AWS output as given, plus a
/// `bedrockLspImport` record of Region, account and day.
pub fn stored_text(text: &str, imp: &AwsImport, from: &Path) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        let meta = ImportMeta {
            region: imp.region.clone(),
            account: imp.account.clone(),
            imported_on: imp.imported_on,
            from: Some(from.display().to_string()),
            via: None,
        };
        obj.insert(
            "bedrockLspImport".into(),
            serde_json::to_value(meta).unwrap_or_default(),
        );
    }
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// File name for a stored import.
pub fn stored_name(imp: &AwsImport) -> String {
    match &imp.account {
        Some(a) => format!("aws-{}-{}-{a}.json", imp.kind_label(), imp.region),
        None => format!("aws-{}-{}.json", imp.kind_label(), imp.region),
    }
}
