//! The 2026-12-02 catalog update (issue 20, "Why"): each item that was wrong before the
//! update is asserted here as a user sees it — through `Catalog` and through the real
//! `bedrock-lsp check` binary.

use std::path::Path;

use bedrock_lsp::catalog::{
    Catalog, Endpoint, Form, ProfileSources, RegionSupport, Resolution, ScopeOffer,
};
use serde_json::Value;

use crate::support::bedrock_lsp;

const TODAY: &str = "2026-12-02";

/// The 29 IDs the update adds (report section 1), with one source each must keep.
const NEW_IDS: &[(&str, &str)] = &[
    ("amazon.nova-2-5-sonic", "STRANDS_BIDI"),
    ("global.anthropic.claude-opus-5-5", "AWSNEWS_OPUS55"),
    ("us.anthropic.claude-opus-5-5", "AWSNEWS_OPUS55"),
    ("eu.anthropic.claude-opus-5-5", "AWSNEWS_OPUS55"),
    ("au.anthropic.claude-opus-5-5", "AWSNEWS_OPUS55"),
    ("jp.anthropic.claude-opus-5-5", "AWSNEWS_OPUS55"),
    ("us-gov.anthropic.claude-opus-5-5", "AWSNEWS_OPUS55"),
    ("global.anthropic.claude-sonnet-5-5", "AWSNEWS_SONNET55"),
    ("us-gov.anthropic.claude-sonnet-5-5", "AWSNEWS_SONNET55"),
    ("global.anthropic.claude-haiku-5-5", "AWSNEWS_HAIKU55"),
    ("eu.anthropic.claude-haiku-5-5", "AWSNEWS_HAIKU55"),
    ("au.anthropic.claude-haiku-5-5", "AWSNEWS_HAIKU55"),
    ("jp.anthropic.claude-haiku-5-5", "AWSNEWS_HAIKU55"),
    ("us-gov.anthropic.claude-haiku-5-5", "AWSNEWS_HAIKU55"),
    (
        "jp.anthropic.claude-opus-4-6-v1",
        "ANTHROPIC_BEDROCK_LEGACY_PAGE",
    ),
    (
        "apac.anthropic.claude-opus-4-6-v1",
        "ANTHROPIC_BEDROCK_LEGACY_PAGE",
    ),
    ("us.openai.gpt-6-sol", "OPENAI_BEDROCK_GUIDE"),
    ("global.openai.gpt-6-sol", "OPENAI_BEDROCK_GUIDE"),
    ("us.openai.gpt-6-luna", "OPENAI_BEDROCK_GUIDE"),
    ("global.openai.gpt-6-luna", "OPENAI_BEDROCK_GUIDE"),
    ("global.openai.gpt-6-astra", "AWS_CARD_GPT6ASTRA_Q"),
    ("global.openai.gpt-5.6-sol", "CDK_ALPHA_MODELS_069340EF"),
    ("in.openai.gpt-5.6-terra", "AWS_WHATSNEW_OPENAI_INDIA"),
    ("in.openai.gpt-5.6-luna", "AWS_WHATSNEW_OPENAI_INDIA"),
    ("global.openai.gpt-5.6-luna", "CDK_ALPHA_MODELS_069340EF"),
    ("global.amazon.nova-2-sonic-v1:0", "AWS_NOVA2_GUIDE"),
    ("us.amazon.nova-2-sonic-v1:0", "AWS_NOVA2_GUIDE"),
    ("jp.amazon.nova-2-lite-v1:0", "MODELSDEV_JP_NOVA2LITE"),
    ("global.twelvelabs.pegasus-1-2-v1:0", "AWS_REGION_TABLE"),
];

#[test]
fn every_new_id_resolves_with_its_sources() {
    let cat = Catalog::embedded();
    assert_eq!(NEW_IDS.len(), 29);
    for (id, source) in NEW_IDS {
        let Resolution::Known { model, form, .. } = cat.resolve(id) else {
            panic!("{id} does not resolve");
        };
        let sources = match &form {
            Form::Base => &model.sources,
            Form::Profile {
                documented,
                profile_id,
                ..
            } => {
                assert!(documented, "{id}: profile not documented");
                &model.profile(profile_id).unwrap().sources
            }
            other => panic!("{id}: {other:?}"),
        };
        assert!(
            sources.iter().any(|s| s == source),
            "{id}: {source} not in {sources:?}"
        );
        for s in sources {
            assert!(cat.source_text(s).is_some(), "{id}: source {s} undescribed");
        }
    }
}

#[test]
fn profile_only_flags_and_lifecycle_from_the_update() {
    let cat = Catalog::embedded();
    for id in [
        "anthropic.claude-opus-5-5",
        "anthropic.claude-sonnet-5-5",
        "anthropic.claude-haiku-5-5",
        "zai.glm-5.3",
        "openai.gpt-6-sol",
        "openai.gpt-6-luna",
        "openai.gpt-6-astra",
        "openai.gpt-6.1-sol",
    ] {
        let m = cat.get(id).unwrap();
        assert_eq!(m.requires_profile, Some(true), "{id}");
        // The bare ID is not on demand on bedrock-runtime anywhere.
        for r in ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"] {
            assert!(
                !matches!(cat.region_support(m, r), RegionSupport::OnDemand),
                "{id} in {r}"
            );
        }
    }
    // E5: AWS confirms profiles the catalog had only from public code.
    let glm = cat.get("zai.glm-5.3").unwrap();
    let us = glm.profile("us.zai.glm-5.3").unwrap();
    assert!(us.sources.iter().any(|s| s == "AWSNEWS_GLM53"), "{us:?}");
    // E7: GPT-6 Astra's old on-demand Regions were bedrock-mantle's.
    let astra = cat.get("openai.gpt-6-astra").unwrap();
    assert!(astra.regions.as_ref().unwrap().on_demand.is_empty());
    // Jamba 1.5 and Marengo 2.7 passed EOL after the 2026-11-21 build.
    let d = |s| bedrock_lsp::catalog::Date::parse(s).unwrap();
    for id in [
        "ai21.jamba-1-5-large-v1:0",
        "ai21.jamba-1-5-mini-v1:0",
        "twelvelabs.marengo-embed-2-7-v1:0",
    ] {
        let m = cat.get(id).unwrap();
        assert_eq!(m.status(d("2026-12-02")).as_str(), "EOL", "{id}");
    }
    // "EOL no sooner than" is a note, not a date.
    let opus = cat.get("anthropic.claude-opus-5-5").unwrap();
    assert_eq!(opus.lifecycle.eol, None);
    assert!(opus
        .lifecycle
        .note
        .as_deref()
        .unwrap()
        .contains("2027-09-22"));
}

#[test]
fn scopes_in_and_us_from_the_update() {
    let cat = Catalog::embedded();
    for r in ["ap-south-1", "ap-south-2"] {
        assert_eq!(cat.profile_covers("in", r), Some(true), "{r}");
    }
    assert_eq!(cat.profile_covers("in", "us-east-1"), Some(false));
    for r in ["us-west-1", "ca-central-1", "ca-west-1", "us-east-1"] {
        assert_eq!(cat.profile_covers("us", r), Some(true), "{r}");
    }
    // A `ca.` scope is reported only by unverified sources: no data, never "wrong".
    assert_eq!(cat.profile_covers("ca", "ca-central-1"), None);
    let terra = cat.get("openai.gpt-5.6-terra").unwrap();
    assert!(cat
        .profiles_for(terra, "ap-south-1")
        .contains(&"in.openai.gpt-5.6-terra".to_string()));
}

#[test]
fn excluded_ids_suggest_the_real_ones() {
    let cat = Catalog::embedded();
    let e = cat.excluded("mistral.mistral-large-2411-v1:0").unwrap();
    assert!(e.why.as_deref().unwrap().contains("third-party"));
    assert!(matches!(
        cat.resolve("mistral.mistral-large-2411-v1:0"),
        Resolution::Unknown
    ));
    let s: Vec<String> = cat
        .suggest("mistral.mistral-large-2411-v1:0", 5)
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        s,
        [
            "mistral.mistral-large-3-675b-instruct",
            "mistral.mistral-large-2407-v1:0",
            "mistral.mistral-large-2402-v1:0"
        ]
    );
    // Kept around a wrapper.
    let s = cat.suggest("bedrock/amazon.nova-2-pro-v1:0", 5);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].id, "bedrock/amazon.nova-2-pro-preview-20251202-v1:0");
    // The contested Sonnet 5.5 us. profile stays catalogued, with its caveat.
    let sonnet = cat.get("anthropic.claude-sonnet-5-5").unwrap();
    let us = sonnet.profile("us.anthropic.claude-sonnet-5-5").unwrap();
    assert!(us.note.as_deref().unwrap().contains("Contested"));
    assert!(cat.excluded("us.anthropic.claude-sonnet-5-5").is_none());
}

#[test]
fn profile_source_regions_are_the_scope_narrowed_by_the_model() {
    let cat = Catalog::embedded();
    let sonnet45 = cat
        .get("anthropic.claude-sonnet-4-5-20250929-v1:0")
        .unwrap();
    let us = cat.profile_source_regions(sonnet45, "us").unwrap();
    assert_eq!(
        us,
        ProfileSources {
            // AWS's table lists ca-central-1 (not ca-west-1) as a geo source of Sonnet 4.5.
            regions: [
                "ca-central-1",
                "us-east-1",
                "us-east-2",
                "us-west-1",
                "us-west-2"
            ]
            .map(String::from)
            .to_vec(),
            per_model: true
        }
    );
    let eu = cat.profile_source_regions(sonnet45, "eu").unwrap();
    assert!(eu.regions.contains(&"eu-west-1".to_string()));
    assert!(!eu.regions.contains(&"us-east-1".to_string()));
    let global = cat.profile_source_regions(sonnet45, "global").unwrap();
    assert!(global.regions.contains(&"sa-east-1".to_string()));
    assert!(!global.regions.contains(&"us-gov-west-1".to_string()));
    // No per-Region data for Opus 5.5: the scope's Regions, said so.
    let opus = cat.get("anthropic.claude-opus-5-5").unwrap();
    let jp = cat.profile_source_regions(opus, "jp").unwrap();
    assert_eq!(jp.regions, ["ap-northeast-1", "ap-northeast-3"]);
    assert!(!jp.per_model);
    assert!(cat.profile_source_regions(opus, "mars").is_none());
}

#[test]
fn profile_scope_says_which_scopes_a_model_has() {
    let cat = Catalog::embedded();
    let titan = cat.get("amazon.titan-embed-text-v2:0").unwrap();
    assert_eq!(
        cat.profile_scope(titan, "us"),
        ScopeOffer::NotOffered { profiles: vec![] }
    );
    let sonnet45 = cat
        .get("anthropic.claude-sonnet-4-5-20250929-v1:0")
        .unwrap();
    assert_eq!(cat.profile_scope(sonnet45, "us"), ScopeOffer::Documented);
    // apac is not documented for Sonnet 4.5, but AWS's table lists geo sources in apac
    // Regions: it may exist, so it is not reported.
    assert_eq!(cat.profile_scope(sonnet45, "apac"), ScopeOffer::Unknown);
    // No per-Region data: unknown, never "does not exist".
    let sonnet55 = cat.get("anthropic.claude-sonnet-5-5").unwrap();
    assert_eq!(cat.profile_scope(sonnet55, "eu"), ScopeOffer::Unknown);
    assert_eq!(
        cat.profile_scope(sonnet55, "global"),
        ScopeOffer::Documented
    );
}

#[test]
fn endpoints_per_model_and_region() {
    let cat = Catalog::embedded();
    let sol = cat.get("openai.gpt-6-sol").unwrap();
    assert_eq!(
        cat.endpoint_support(sol, "us-east-1", Endpoint::Mantle),
        RegionSupport::OnDemand
    );
    assert!(matches!(
        cat.endpoint_support(sol, "us-east-1", Endpoint::Runtime),
        RegionSupport::ProfileOnly { .. }
    ));
    assert_eq!(
        cat.endpoint_support(sol, "us-west-2", Endpoint::Mantle),
        RegionSupport::NotOffered {
            where_offered: vec!["us-east-1".into()]
        }
    );
    // Unknown endpoint: a valid Mantle ID is accepted.
    assert_eq!(
        cat.region_support_any(sol, "us-east-1"),
        RegionSupport::OnDemand
    );
    let astra = cat.get("openai.gpt-6-astra").unwrap();
    assert_eq!(
        cat.endpoint_support(astra, "us-west-2", Endpoint::Mantle),
        RegionSupport::OnDemand
    );
    assert!(!matches!(
        cat.endpoint_support(astra, "us-east-1", Endpoint::Mantle),
        RegionSupport::OnDemand
    ));
    // A model the endpoint page lists as runtime-only.
    let nova = cat.get("amazon.nova-pro-v1:0").unwrap();
    let e = cat.endpoints_in(nova, "us-east-1");
    assert_eq!(e.runtime, RegionSupport::OnDemand);
    assert_eq!(
        e.mantle,
        RegionSupport::NotOffered {
            where_offered: vec![]
        }
    );
    // No endpoint data: unknown.
    let sonic = cat.get("amazon.nova-2-5-sonic").unwrap();
    assert_eq!(
        cat.endpoint_support(sonic, "us-east-1", Endpoint::Mantle),
        RegionSupport::Unknown
    );
}

fn check(dir: &Path, file: &str, text: &str, region: &str) -> Vec<Value> {
    std::fs::write(dir.join(file), text).unwrap();
    let out = bedrock_lsp(&dir.join("no-user-catalog"), TODAY)
        .args(["check", "--format", "json", "--region", region, file])
        .current_dir(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    match serde_json::from_str(&stdout) {
        Ok(Value::Array(a)) => a,
        other => panic!(
            "{other:?}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn codes(findings: &[Value]) -> Vec<&str> {
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[test]
fn check_bare_claude_5_5_in_converse_needs_its_profile() {
    let dir = tempfile::tempdir().unwrap();
    let text = "import boto3\nbr = boto3.client(\"bedrock-runtime\", region_name=\"us-west-2\")\nbr.converse(modelId=\"anthropic.claude-opus-5-5\", messages=[])\n";
    let f = check(dir.path(), "app.py", text, "us-west-2");
    assert_eq!(codes(&f), ["needs-inference-profile"], "{f:#?}");
    let fixes = f[0]["fixes"].as_array().unwrap();
    let preferred: Vec<&Value> = fixes
        .iter()
        .filter(|x| x["preferred"] == Value::Bool(true))
        .collect();
    assert_eq!(preferred.len(), 1, "{fixes:#?}");
    assert_eq!(
        preferred[0]["edits"][0]["newText"], "us.anthropic.claude-opus-5-5",
        "{fixes:#?}"
    );
    // The profile itself is clean there.
    let text = text.replace("anthropic.claude-opus-5-5", "us.anthropic.claude-opus-5-5");
    assert_eq!(
        codes(&check(dir.path(), "ok.py", &text, "us-west-2")),
        [] as [&str; 0]
    );
}

#[test]
fn check_in_profiles_are_clean_where_served() {
    let dir = tempfile::tempdir().unwrap();
    for region in ["ap-south-1", "ap-south-2"] {
        let text = format!("import boto3\nbr = boto3.client(\"bedrock-runtime\", region_name=\"{region}\")\nbr.converse(modelId=\"in.openai.gpt-5.6-terra\", messages=[])\nbr.converse(modelId=\"in.openai.gpt-5.6-luna\", messages=[])\n");
        let f = check(dir.path(), "india.py", &text, region);
        assert_eq!(codes(&f), [] as [&str; 0], "{region}: {f:#?}");
    }
}

#[test]
fn check_nova_2_5_sonic_and_new_profiles_are_known_and_clean() {
    let dir = tempfile::tempdir().unwrap();
    let call = |id: &str| format!("br.converse(modelId=\"{id}\", messages=[])\n");
    let mut text =
        "import boto3\nbr = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\n"
            .to_string();
    for id in [
        "amazon.nova-2-5-sonic",
        "global.anthropic.claude-sonnet-5-5",
        "us.openai.gpt-6-sol",
        "us.anthropic.claude-opus-5-5",
        "global.openai.gpt-6-astra",
    ] {
        text.push_str(&call(id));
    }
    let f = check(dir.path(), "models.py", &text, "us-east-1");
    assert_eq!(codes(&f), [] as [&str; 0], "{f:#?}");
    let text = "import boto3\nbr = boto3.client(\"bedrock-runtime\", region_name=\"ap-northeast-1\")\nbr.converse(modelId=\"jp.amazon.nova-2-lite-v1:0\", messages=[])\n";
    let f = check(dir.path(), "jp.py", text, "ap-northeast-1");
    assert_eq!(codes(&f), [] as [&str; 0], "{f:#?}");
    // The same check does report an unknown ID in that position (the test can fail).
    let text = text.replace("jp.amazon.nova-2-lite-v1:0", "amazon.nova-9-sonic");
    let f = check(dir.path(), "bad.py", &text, "ap-northeast-1");
    assert_eq!(codes(&f), ["unknown-model"], "{f:#?}");
}

#[test]
fn check_mistral_large_2411_is_unknown_with_the_real_ids_as_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "import boto3\nbr = boto3.client(\"bedrock-runtime\", region_name=\"us-west-2\")\nbr.converse(modelId=\"mistral.mistral-large-2411-v1:0\", messages=[])\n";
    let f = check(dir.path(), "m.py", text, "us-west-2");
    assert_eq!(codes(&f), ["unknown-model"], "{f:#?}");
    let titles: Vec<&str> = f[0]["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["edits"][0]["newText"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "mistral.mistral-large-3-675b-instruct",
            "mistral.mistral-large-2407-v1:0",
            "mistral.mistral-large-2402-v1:0"
        ]
    );
}

#[test]
fn catalog_show_answers_a_profile_as_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let show = |args: &[&str]| {
        let out = bedrock_lsp(&dir.path().join("none"), TODAY)
            .args(["catalog", "show"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let id = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    let s = show(&[id, "--region", "eu-west-1"]);
    assert!(
        s.contains("callable from     ca-central-1, us-east-1, us-east-2, us-west-1, us-west-2\n"),
        "{s}"
    );
    assert!(
        s.contains("profile in region eu-west-1: not a source Region of this profile"),
        "{s}"
    );
    assert!(!s.contains("on demand in"), "{s}");
    // …and what the model offers there instead.
    assert!(s.contains("in region         eu-west-1: only through a cross-Region inference profile: eu.anthropic.claude-sonnet-4-5-20250929-v1:0, global."), "{s}");
    let v: Value = serde_json::from_str(&show(&[id, "--json"])).unwrap();
    assert_eq!(v["profileSourceRegions"]["perModel"], true);
    assert_eq!(v["profileSourceRegions"]["regions"][0], "ca-central-1");
    assert_eq!(
        v["usedWith"],
        serde_json::json!(["InvokeModel", "Converse"])
    );
    // A base ID keeps the bare ID's Regions and says which endpoint.
    let s = show(&["openai.gpt-6-sol", "--region", "us-east-1"]);
    assert!(
        s.contains("endpoints         bedrock-runtime yes, bedrock-mantle yes (bare ID in-Region on Mantle: us-east-1)"),
        "{s}"
    );
    let v: Value = serde_json::from_str(&show(&[
        "openai.gpt-6-sol",
        "--region",
        "us-east-1",
        "--json",
    ]))
    .unwrap();
    assert_eq!(
        v["endpointSupport"]["bedrockMantle"]["kind"], "ON_DEMAND",
        "{v}"
    );
    assert_eq!(
        v["endpointSupport"]["bedrockRuntime"]["kind"], "PROFILE_ONLY",
        "{v}"
    );
}

#[test]
fn forms_say_which_operations_they_work_with() {
    let cat = Catalog::embedded();
    let ops = |id: &str| {
        let Resolution::Known { model, form, .. } = cat.resolve(id) else {
            panic!("{id}");
        };
        form.operations(model)
    };
    assert_eq!(
        ops("amazon.nova-pro-v1:0"),
        ["InvokeModel", "Converse", "GetFoundationModel"]
    );
    // Profile-only: the bare ID is for control-plane lookups only.
    assert_eq!(ops("anthropic.claude-opus-5-5"), ["GetFoundationModel"]);
    assert_eq!(
        ops("us.anthropic.claude-opus-5-5"),
        ["InvokeModel", "Converse"]
    );
    // No source lists customizations in the shipped catalog.
    assert_eq!(
        ops("amazon.nova-pro-v1:0:300k"),
        ["CreateProvisionedModelThroughput"]
    );
    // An AWS listing (catalog import / refresh) that gives customizationsSupported.
    let fixture = crate::support::fixture("catalog/aws-list-foundation-models-us-east-1.json");
    let (cat, errors) = Catalog::load(None, &[fixture]);
    assert!(errors.is_empty(), "{errors:?}");
    let Resolution::Known { model, form, .. } = cat.resolve("amazon.nova-pro-v1:0:300k") else {
        panic!();
    };
    assert_eq!(
        form.operations(model),
        [
            "CreateProvisionedModelThroughput",
            "CreateModelCustomizationJob"
        ]
    );
    let pv = model
        .provisioned
        .iter()
        .find(|p| p.id == "amazon.nova-pro-v1:0:300k")
        .unwrap();
    assert_eq!(
        pv.customizations.as_deref().unwrap(),
        ["FINE_TUNING", "DISTILLATION"]
    );
}
