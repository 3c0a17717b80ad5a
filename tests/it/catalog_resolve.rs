//! Resolution of every ID shape, seed IDs, lifecycle on given dates, replacement
//! chains, region facts, did-you-mean and completion search — against the shipped
//! catalog, as the analysis layer will see it.

use bedrock_lsp::catalog::id::{self, OpaqueKind, PROVIDERS};
use bedrock_lsp::catalog::{Catalog, Date, Dialect, Form, RegionSupport, Resolution, Status};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The folder of the seed documents: `BEDROCK_LSP_SEEDS_DIR`, or `../shared/seeds` beside
/// the repository (present in CI; a plain clone does not have it).
fn seeds_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var("BEDROCK_LSP_SEEDS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
        });
    if dir.is_dir() {
        Some(dir)
    } else if std::env::var_os("CI").is_some() {
        panic!("CI must have the seed documents in {}", dir.display());
    } else {
        None
    }
}

/// A seed text file: AWS's model-ID page (`001_*`) or the model-ID guide (`000_*`).
fn seed(dir: &std::path::Path, prefix: &str) -> String {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with(prefix) {
            return std::fs::read_to_string(e.path()).unwrap();
        }
    }
    panic!("seed {prefix}* not found in {}", dir.display());
}

/// The seed IDs as committed in `tests/fixtures/catalog/seed-ids.txt` (`<table> <id>`
/// per line; tables: `aws-base`, `aws-provisioned`, `guide`). The IDs are facts taken
/// from the seed documents; `committed_seed_ids_match_the_seed_documents` keeps them true.
fn committed_seed_ids(table: &str) -> Vec<String> {
    include_str!("../fixtures/catalog/seed-ids.txt")
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(t, _)| *t == table)
        .map(|(_, id)| id.to_string())
        .collect()
}

fn seed_tables(dir: &std::path::Path) -> Vec<(&'static str, Vec<String>)> {
    let page = seed(dir, "001_");
    let (base_part, prov_part) = page
        .split_once("base model IDs for purchasing Provisioned Throughput")
        .unwrap();
    vec![
        ("aws-base", ids_in(base_part)),
        ("aws-provisioned", ids_in(prov_part)),
        ("guide", ids_in(&seed(dir, "000_"))),
    ]
}

#[test]
fn committed_seed_ids_match_the_seed_documents() {
    let Some(dir) = seeds_dir() else {
        eprintln!("skipped: ../shared/seeds is not present (it is in CI)");
        return;
    };
    let tables = seed_tables(&dir);
    if std::env::var_os("UPDATE_SEED_IDS").is_some() {
        let mut out = String::new();
        for (table, ids) in &tables {
            for id in ids {
                out.push_str(&format!("{table} {id}\n"));
            }
        }
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/catalog/seed-ids.txt"
        );
        std::fs::write(path, out).unwrap();
    }
    for (table, ids) in tables {
        assert_eq!(committed_seed_ids(table), ids, "table {table}");
    }
}

/// Every `<provider>.<model>` token in a text. Tokens that ran together when the page
/// lost its line breaks (`…-v1:0amazon.titan…`, `qualityanthropic.claude…`) are split
/// at the provider name.
fn ids_in(text: &str) -> Vec<String> {
    let is_id = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':');
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_here = text.is_char_boundary(i)
            && (i == 0 || !matches!(bytes[i - 1], b'.' | b'-' | b'/' | b':'));
        let hit = starts_here
            .then(|| {
                PROVIDERS
                    .iter()
                    .find(|p| text[i..].starts_with(&format!("{p}.")))
            })
            .flatten();
        let Some(p) = hit else {
            i += 1;
            continue;
        };
        let mut end = i + p.len() + 1;
        while end < bytes.len() && is_id(bytes[end]) {
            // A provider name glued to the end of the previous ID (`…:0amazon.`).
            if bytes[end - 1].is_ascii_digit()
                && text.is_char_boundary(end)
                && PROVIDERS
                    .iter()
                    .any(|q| text[end..].starts_with(&format!("{q}.")))
            {
                break;
            }
            end += 1;
        }
        let tok = text[i..end].trim_end_matches(['.', ':']);
        if tok.len() > p.len() + 1 && !out.iter().any(|o| o == tok) {
            out.push(tok.to_string());
        }
        i = end;
    }
    out
}

#[test]
fn every_id_on_aws_model_id_page_resolves() {
    let cat = Catalog::embedded();
    let base = committed_seed_ids("aws-base");
    let prov = committed_seed_ids("aws-provisioned");
    // The page's two tables: 31 base IDs, 23 provisioned-throughput IDs.
    assert_eq!(base.len(), 31, "{base:?}");
    assert_eq!(prov.len(), 23, "{prov:?}");
    for id in &base {
        match cat.resolve(id) {
            Resolution::Known {
                model,
                form: Form::Base,
                ..
            } => assert_eq!(&model.id, id),
            other => panic!("{id}: {other:?}"),
        }
    }
    for id in &prov {
        match cat.resolve(id) {
            Resolution::Known {
                form: Form::Provisioned { id: pid, .. },
                model,
                ..
            } => {
                assert_eq!(&pid, id);
                assert!(
                    id.starts_with(&format!("{}:", model.id)),
                    "{id} under {}",
                    model.id
                );
                let entry = model.provisioned.iter().find(|p| &p.id == id).unwrap();
                assert!(!entry.sources.is_empty());
            }
            other => panic!("{id}: {other:?}"),
        }
    }
    // Taken from the page itself (missing from the compiled facts).
    match cat.resolve("amazon.titan-text-premier-v1:0:32K") {
        Resolution::Known {
            model,
            form: Form::Provisioned { context, .. },
            ..
        } => {
            assert_eq!(model.id, "amazon.titan-text-premier-v1:0");
            assert_eq!(context.as_deref(), Some("32K"));
            let p = model
                .provisioned
                .iter()
                .find(|p| p.id.ends_with(":32K"))
                .unwrap();
            assert_eq!(p.sources, vec!["AWS_MODEL_IDS_PAGE".to_string()]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_id_in_the_guide_resolves_except_the_invented_one() {
    let cat = Catalog::embedded();
    let ids = committed_seed_ids("guide");
    assert_eq!(ids.len(), 12, "{ids:?}");
    assert!(
        ids.contains(&"mistral.mistral-large-2411-v1:0".to_string()),
        "{ids:?}"
    );
    for id in &ids {
        let r = cat.resolve(id);
        if id == "mistral.mistral-large-2411-v1:0" {
            assert!(
                matches!(r, Resolution::Unknown),
                "{id} must not be catalogued"
            );
        } else {
            assert!(
                matches!(
                    r,
                    Resolution::Known {
                        form: Form::Base,
                        ..
                    }
                ),
                "{id}: {r:?}"
            );
        }
    }
}

/// (partition, region, account) of an ARN.
type Arn = (String, Option<String>, Option<String>);

fn known(cat: &Catalog, s: &str) -> (String, Form, Option<Arn>, usize) {
    match cat.resolve(s) {
        Resolution::Known {
            model,
            form,
            arn,
            prefix_len,
        } => (
            model.id.clone(),
            form,
            arn.map(|a| (a.partition, a.region, a.account)),
            prefix_len,
        ),
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn every_shape_resolves_to_its_model() {
    let cat = Catalog::embedded();
    let haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    let (m, f, _, _) = known(&cat, haiku);
    assert_eq!((m.as_str(), f), (haiku, Form::Base));

    for scope in ["us", "eu", "apac", "jp", "au", "us-gov", "global"] {
        let m = cat
            .models()
            .iter()
            .find(|m| m.profile_for_scope(scope).is_some())
            .unwrap();
        let pid = m.profile_for_scope(scope).unwrap().id.clone();
        let (mid, f, _, _) = known(&cat, &pid);
        assert_eq!(mid, m.id);
        assert_eq!(
            f,
            Form::Profile {
                scope: scope.into(),
                profile_id: pid.clone(),
                documented: true
            }
        );
    }
    // A scope the sources do not list for this model: still the model, flagged.
    let (mid, f, _, _) = known(&cat, "jp.amazon.nova-pro-v1:0");
    assert_eq!(mid, "amazon.nova-pro-v1:0");
    assert!(matches!(
        f,
        Form::Profile {
            documented: false,
            ..
        }
    ));

    for (s, model, ctx) in [
        (
            "anthropic.claude-v2:1:18k",
            "anthropic.claude-v2:1",
            Some("18k"),
        ),
        (
            "anthropic.claude-v2:0:100k",
            "anthropic.claude-v2",
            Some("100k"),
        ),
        (
            "cohere.embed-english-v3:0:512",
            "cohere.embed-english-v3",
            Some("512"),
        ),
        (
            "amazon.nova-pro-v1:0:300k",
            "amazon.nova-pro-v1:0",
            Some("300k"),
        ),
        (
            "amazon.titan-embed-image-v1:0",
            "amazon.titan-embed-image-v1",
            None,
        ),
    ] {
        let (mid, f, _, _) = known(&cat, s);
        assert_eq!(mid, model, "{s}");
        assert_eq!(
            f,
            Form::Provisioned {
                id: s.into(),
                context: ctx.map(Into::into)
            },
            "{s}"
        );
    }

    for part in ["aws", "aws-us-gov", "aws-cn"] {
        let s = format!("arn:{part}:bedrock:us-gov-west-1::foundation-model/{haiku}");
        let (mid, f, arn, _) = known(&cat, &s);
        assert_eq!((mid.as_str(), f), (haiku, Form::Base));
        assert_eq!(
            arn,
            Some((part.to_string(), Some("us-gov-west-1".into()), None))
        );
    }
    let s = format!("arn:aws:bedrock:us-east-2:111122223333:inference-profile/us.{haiku}");
    let (mid, f, arn, _) = known(&cat, &s);
    assert_eq!(mid, haiku);
    assert!(matches!(f, Form::Profile { ref scope, documented: true, .. } if scope == "us"));
    assert_eq!(
        arn,
        Some((
            "aws".into(),
            Some("us-east-2".into()),
            Some("111122223333".into())
        ))
    );

    for (s, n) in [
        (format!("bedrock/{haiku}"), 8),
        (format!("bedrock/converse/us.{haiku}"), 17),
    ] {
        let (mid, _, _, prefix) = known(&cat, &s);
        assert_eq!((mid.as_str(), prefix), (haiku, n));
    }

    for (s, k) in [
        ("arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/2kbsta0lwebx", OpaqueKind::ApplicationInferenceProfile),
        ("arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcd1234efgh", OpaqueKind::ProvisionedModel),
        ("arn:aws:bedrock:us-west-2:111122223333:custom-model/amazon.nova-lite-v1:0:300k/abcd1234efgh", OpaqueKind::CustomModel),
        ("arn:aws:bedrock:us-east-1:111122223333:imported-model/abcd1234efgh", OpaqueKind::ImportedModel),
        ("arn:aws:bedrock:us-east-1:111122223333:custom-model-deployment/abcd1234efgh", OpaqueKind::CustomModelDeployment),
        ("arn:aws:sagemaker:us-east-1:111122223333:endpoint/my-endpoint", OpaqueKind::SagemakerEndpoint),
        ("arn:aws:bedrock:us-east-1:111122223333:prompt/PROMPT12345:3", OpaqueKind::Prompt),
        ("arn:aws:bedrock:us-east-1:111122223333:default-prompt-router/anthropic.claude:1", OpaqueKind::DefaultPromptRouter),
    ] {
        match cat.resolve(s) {
            Resolution::Opaque(got) => assert_eq!(got, k, "{s}"),
            other => panic!("{s}: {other:?}"),
        }
    }

    for (s, model, dialect) in [
        (
            "claude-3-5-sonnet-20241022",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
            Dialect::Anthropic,
        ),
        (
            "claude-sonnet-4-5-20250929",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            Dialect::Anthropic,
        ),
        (
            "claude-3-5-sonnet-v2@20241022",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
            Dialect::Vertex,
        ),
        (
            "claude-3-haiku@20240307",
            "anthropic.claude-3-haiku-20240307-v1:0",
            Dialect::Vertex,
        ),
    ] {
        match cat.resolve(s) {
            Resolution::Foreign {
                model: m,
                dialect: got,
            } => assert_eq!((m.id.as_str(), got), (model, dialect), "{s}"),
            other => panic!("{s}: {other:?}"),
        }
    }
    // Two Claude 3.5 Sonnet models: the undated name is ambiguous and maps to neither.
    assert!(matches!(
        cat.resolve("claude-3-5-sonnet"),
        Resolution::Unknown
    ));
}

#[test]
fn garbage_and_near_misses_are_rejected_without_panic() {
    let cat = Catalog::embedded();
    let long = "a".repeat(5000);
    let long_id = format!("anthropic.{}", "x-".repeat(1500));
    for s in [
        "",
        " ",
        "anthropic.",
        ".claude",
        "anthropic..claude",
        "arn:",
        "arn:aws:bedrock",
        "arn:aws:bedrock:us-east-1::foundation-model/",
        "arn:aws:s3:::bucket/key",
        "arn:aws:bedrock:us-east-1:12:provisioned-model/x",
        "meta.json",
        "anthropic.claude-v2:1:300k",
        "us.anthropic.claude-v2:1:18k",
        "bedrock/",
        "bedrock/converse/",
        "zz.anthropic.claude-v2",
        "anthropic.claude-v9",
        "ａｎｔｈｒｏｐｉｃ.claude",
        "anthropic.claude-3-haiku-20240307-v1:0\u{0}",
        "🦀.🦀",
        &long,
        &long_id,
        "arn:aws:bedrock:us-east-1::foundation-model/us.anthropic.claude-3-haiku-20240307-v1:0",
        "US.anthropic.claude-3-haiku-20240307-v1:0",
        "ca.anthropic.claude-3-haiku-20240307-v1:0",
    ] {
        let r = cat.resolve(s);
        assert!(matches!(r, Resolution::Unknown), "{s:?} resolved to {r:?}");
        let _ = cat.suggest(s, 5);
        let _ = cat.search(s, 5);
        let _ = id::looks_like_model_id(s);
    }
}

#[test]
fn lifecycle_transitions_on_given_dates() {
    let cat = Catalog::embedded();
    let m = cat.get("cohere.command-r-v1:0").unwrap();
    assert_eq!(m.status(d("2026-02-18")), Status::Active);
    assert_eq!(m.status(d("2026-02-19")), Status::Legacy);
    assert_eq!(m.status(d("2026-08-18")), Status::Legacy);
    assert_eq!(m.status(d("2026-08-19")), Status::Eol);

    // EOL on 2026-11-26: Legacy on the catalog's day, EOL five days later.
    let m = cat.get("ai21.jamba-1-5-mini-v1:0").unwrap();
    assert_eq!(m.status(d("2026-11-21")), Status::Legacy);
    assert_eq!(m.status(d("2026-11-26")), Status::Eol);

    // A source says EOL without a date: EOL from the report on, unknown before.
    let m = cat.get("anthropic.claude-v2:1").unwrap();
    assert_eq!(m.lifecycle.eol, None);
    assert_eq!(m.status(d("2026-11-21")), Status::Eol);
    assert_eq!(m.status(d("2027-06-01")), Status::Eol);
    assert_eq!(m.status(d("2025-01-01")), Status::Unknown);

    // Reported ACTIVE with no dates stays ACTIVE; no information stays UNKNOWN.
    assert_eq!(
        cat.get("anthropic.claude-haiku-4-5-20251001-v1:0")
            .unwrap()
            .status(d("2026-11-21")),
        Status::Active
    );
    assert_eq!(
        cat.get("ai21.j2-mid-v1").unwrap().status(d("2026-11-21")),
        Status::Unknown
    );

    // Region-specific dates (Claude 3.5 Sonnet v1 left US/EU Regions early).
    let m = cat
        .get("anthropic.claude-3-5-sonnet-20240620-v1:0")
        .unwrap();
    assert_eq!(
        m.lifecycle.status_in(d("2026-04-01"), Some("us-east-1")),
        Status::Eol
    );
    assert_eq!(
        m.lifecycle
            .status_in(d("2026-04-01"), Some("ap-northeast-1")),
        m.status(d("2026-04-01"))
    );
    assert_ne!(m.status(d("2026-04-01")), Status::Eol);
}

#[test]
fn date_parsing_and_clock() {
    assert_eq!(
        Date::parse("2024-02-29").unwrap(),
        Date {
            y: 2024,
            m: 2,
            d: 29
        }
    );
    for bad in [
        "2023-02-29",
        "2026-13-01",
        "2026-1-01",
        "20261121",
        "2026-11-21T00:00",
        "",
        "abcd-ef-gh",
    ] {
        assert!(Date::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
    assert_eq!(Date::from_unix_days(20_413).to_string(), "2025-11-21");
    assert!(Date::today() >= d("2026-01-01"));
    assert!(d("2026-11-21") < d("2026-11-22") && d("2026-12-31") < d("2027-01-01"));
}

#[test]
fn replacement_chains_end_at_the_first_model_still_in_service() {
    let cat = Catalog::embedded();
    let v1 = cat.get("anthropic.claude-v1").unwrap();
    // Claude v1 → Claude Sonnet 4 (EOL 2026-10-14) → Claude Sonnet 4.5.
    assert_eq!(
        cat.replacement(v1, d("2026-09-01")).unwrap().id,
        "anthropic.claude-sonnet-4-20250514-v1:0"
    );
    assert_eq!(
        cat.replacement(v1, d("2026-11-21")).unwrap().id,
        "anthropic.claude-sonnet-4-5-20250929-v1:0"
    );
    // Command → Command R, which is itself retired with no successor named.
    let cmd = cat.get("cohere.command-text-v14").unwrap();
    assert_eq!(
        cat.replacement(cmd, d("2026-03-01")).unwrap().id,
        "cohere.command-r-v1:0"
    );
    assert!(cat.replacement(cmd, d("2026-11-21")).is_none());
    assert!(cat
        .replacement(cat.get("amazon.nova-pro-v1:0").unwrap(), d("2026-11-21"))
        .is_none());
}

#[test]
fn replacement_cycles_terminate() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/catalog/cycle.json"
    ))
    .unwrap();
    let cat = Catalog::from_json("cycle.json", &text).unwrap();
    let a = cat.get("acme.model-a-v1:0").unwrap();
    assert!(cat.replacement(a, d("2026-11-21")).is_none());
    let c = cat.get("acme.model-c-v1:0").unwrap();
    assert!(cat.replacement(c, d("2026-11-21")).is_none());
}

#[test]
fn region_facts() {
    let cat = Catalog::embedded();
    let nova = cat.get("amazon.nova-pro-v1:0").unwrap();
    assert_eq!(
        cat.region_support(nova, "us-east-1"),
        RegionSupport::OnDemand
    );
    assert_eq!(
        cat.region_support(nova, "us-west-2"),
        RegionSupport::ProfileOnly {
            profiles: vec!["us.amazon.nova-pro-v1:0".into()]
        }
    );
    assert_eq!(
        cat.region_support(nova, "eu-west-1"),
        RegionSupport::ProfileOnly {
            profiles: vec!["eu.amazon.nova-pro-v1:0".into()]
        }
    );
    // Added by a later AWS table refresh without a support type: unknown, not "no".
    assert_eq!(
        cat.region_support(nova, "ap-east-2"),
        RegionSupport::Unknown
    );
    match cat.region_support(nova, "sa-east-1") {
        RegionSupport::NotOffered { where_offered } => {
            assert!(where_offered.contains(&"us-east-1".to_string()))
        }
        other => panic!("{other:?}"),
    }
    // Outside the partitions AWS's table covers: unknown.
    assert_eq!(
        cat.region_support(nova, "eusc-de-east-1"),
        RegionSupport::Unknown
    );

    let s45 = cat
        .get("anthropic.claude-sonnet-4-5-20250929-v1:0")
        .unwrap();
    assert_eq!(s45.requires_profile, Some(true));
    match cat.region_support(s45, "us-east-1") {
        RegionSupport::ProfileOnly { profiles } => {
            assert!(
                profiles.contains(&"us.anthropic.claude-sonnet-4-5-20250929-v1:0".to_string()),
                "{profiles:?}"
            );
            assert!(
                !profiles
                    .iter()
                    .any(|p| p.starts_with("eu.") || p.starts_with("jp.")),
                "{profiles:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Not in AWS's table at all: unknown everywhere.
    let sonic = cat.get("amazon.nova-2-5-sonic").unwrap();
    assert!(sonic.regions.is_none());
    assert_eq!(
        cat.region_support(sonic, "us-east-1"),
        RegionSupport::Unknown
    );
    // Not in the table, but profile-only everywhere (requiresProfile): the profiles
    // whose scope covers the Region; unknown where none does.
    let opus55 = cat.get("anthropic.claude-opus-5-5").unwrap();
    assert!(opus55.regions.is_none());
    assert_eq!(
        cat.region_support(opus55, "us-east-1"),
        RegionSupport::ProfileOnly {
            profiles: vec![
                "global.anthropic.claude-opus-5-5".into(),
                "us.anthropic.claude-opus-5-5".into()
            ]
        }
    );
    assert_eq!(
        cat.region_support(opus55, "us-iso-east-1"),
        RegionSupport::Unknown
    );
    // Provisioned-only models.
    let v2 = cat.get("anthropic.claude-v2").unwrap();
    assert!(v2.provisioned_only());
    assert_eq!(
        cat.region_support(v2, "us-east-1"),
        RegionSupport::ProvisionedOnly
    );
    assert!(!nova.provisioned_only());

    assert_eq!(cat.profile_covers("us", "us-east-2"), Some(true));
    assert_eq!(cat.profile_covers("us", "eu-west-1"), Some(false));
    assert_eq!(cat.profile_covers("jp", "ap-northeast-3"), Some(true));
    assert_eq!(cat.profile_covers("global", "sa-east-1"), Some(true));
    assert_eq!(cat.profile_covers("global", "us-gov-west-1"), Some(false));
    assert_eq!(cat.profile_covers("mars", "us-east-1"), None);
}

fn first(cat: &Catalog, typo: &str) -> Vec<String> {
    cat.suggest(typo, 5).into_iter().map(|s| s.id).collect()
}

#[test]
fn did_you_mean_puts_the_intended_id_first() {
    let cat = Catalog::embedded();
    for (typo, want) in [
        // misspelt words
        (
            "anthropic.claude-3-5-sonet-20241022-v2:0",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "anthropic.claude-3-haku-20240307-v1:0",
            "anthropic.claude-3-haiku-20240307-v1:0",
        ),
        (
            "antropic.claude-3-haiku-20240307-v1:0",
            "anthropic.claude-3-haiku-20240307-v1:0",
        ),
        ("amazon.nova-mirco-v1:0", "amazon.nova-micro-v1:0"),
        // wrong or missing date
        (
            "anthropic.claude-3-5-sonnet-20241023-v2:0",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "anthropic.claude-3-5-sonnet-v2:0",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "anthropic.claude-3-haiku-v1:0",
            "anthropic.claude-3-haiku-20240307-v1:0",
        ),
        (
            "anthropic.claude-sonnet-4-5-v1:0",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
        ),
        // wrong -v1 / -v2
        (
            "anthropic.claude-3-5-sonnet-20241022-v1:0",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "anthropic.claude-3-haiku-20240307-v2:0",
            "anthropic.claude-3-haiku-20240307-v1:0",
        ),
        // a :0 that should or should not be there
        ("amazon.nova-pro-v1", "amazon.nova-pro-v1:0"),
        (
            "amazon.titan-text-express-v1:0",
            "amazon.titan-text-express-v1",
        ),
        ("cohere.embed-english-v3:0", "cohere.embed-english-v3"),
        // a context size that does not exist
        ("anthropic.claude-v2:1:300k", "anthropic.claude-v2:1:200k"),
        (
            "anthropic.claude-3-haiku-20240307-v1:0:64k",
            "anthropic.claude-3-haiku-20240307-v1:0:48k",
        ),
        // wrong case
        (
            "Anthropic.Claude-3-Haiku-20240307-V1:0",
            "anthropic.claude-3-haiku-20240307-v1:0",
        ),
        (
            "US.ANTHROPIC.CLAUDE-3-HAIKU-20240307-V1:0",
            "us.anthropic.claude-3-haiku-20240307-v1:0",
        ),
        // other APIs' names
        (
            "claude-3-5-sonnet-20241022",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "claude-sonnet-4-5-20250929",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
        ),
        (
            "claude-3-5-sonnet-v2@20241022",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "claude-3-5-sonet-20241022",
            "anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        // the scope and wrappers are kept
        (
            "us.anthropic.claude-3-5-sonet-20241022-v2:0",
            "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
        ),
        (
            "eu.anthropic.claude-sonet-4-5-20250929-v1:0",
            "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
        ),
        (
            "bedrock/anthropic.claude-3-haku-20240307-v1:0",
            "bedrock/anthropic.claude-3-haiku-20240307-v1:0",
        ),
        (
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-mirco-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0",
        ),
    ] {
        let got = first(&cat, typo);
        assert_eq!(
            got.first().map(String::as_str),
            Some(want),
            "{typo}: {got:?}"
        );
        // The suggestion is a real catalogued ID in the same shape.
        assert!(!matches!(cat.resolve(want), Resolution::Unknown), "{want}");
    }
}

#[test]
fn unambiguous_typos_get_exactly_one_suggestion() {
    let cat = Catalog::embedded();
    for typo in [
        "anthropic.claude-3-5-sonet-20241022-v2:0",
        "amazon.nova-mirco-v1:0",
        "anthropic.claude-3-5-sonnet-20241022-v1:0",
        "Anthropic.Claude-3-Haiku-20240307-V1:0",
        "claude-3-5-sonnet-20241022",
    ] {
        let got = cat.suggest(typo, 5);
        assert_eq!(got.len(), 1, "{typo}: {got:?}");
    }
    // Far from everything: no guess at all.
    for s in [
        "openai.gpt-4o",
        "acme.rocket-v1:0",
        "hello",
        "mistral.mixtral-99x7b-base",
    ] {
        assert_eq!(cat.suggest(s, 5), vec![], "{s}");
    }
    // The guide's invented Mistral ID: suggestions only name real models.
    for s in cat.suggest("mistral.mistral-large-2411-v1:0", 5) {
        assert!(cat.get(&s.id).is_some(), "{s:?}");
    }
}

#[test]
fn completion_search() {
    let cat = Catalog::embedded();
    let today = d("2026-11-21");
    let ids = |q: &str| {
        cat.search_on(q, 10, today)
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };

    assert_eq!(
        ids("sonnet 4.5").first().map(String::as_str),
        Some("anthropic.claude-sonnet-4-5-20250929-v1:0")
    );
    let nova_lite = ids("nova lite");
    assert!(
        nova_lite
            .iter()
            .take(2)
            .any(|i| i == "amazon.nova-lite-v1:0"),
        "{nova_lite:?}"
    );
    assert!(
        nova_lite.iter().all(|i| i.contains("lite")),
        "{nova_lite:?}"
    );
    // "haiku": active models first, newer first; EOL ones after.
    let h = cat.search_on("haiku", 20, today);
    assert!(h.len() >= 4);
    assert!(h.iter().all(|x| x.id.contains("haiku")));
    let statuses: Vec<Status> = h.iter().map(|x| x.model.status(today)).collect();
    let first_eol = statuses.iter().position(|s| *s == Status::Eol).unwrap();
    assert!(statuses[..first_eol].iter().all(|s| *s != Status::Eol));
    assert!(
        statuses[first_eol..].iter().all(|s| *s == Status::Eol),
        "{statuses:?}"
    );
    let pos = |id: &str| h.iter().position(|x| x.id == id).unwrap();
    assert!(
        pos("anthropic.claude-haiku-4-5-20251001-v1:0")
            < pos("anthropic.claude-3-haiku-20240307-v1:0")
    );
    // Prefix on IDs, including profile IDs.
    assert!(ids("anthropic.claude-3-5")
        .iter()
        .all(|i| i.starts_with("anthropic.claude-3-5")));
    assert!(ids("us.anthropic.claude-sonnet-4-5")
        .contains(&"us.anthropic.claude-sonnet-4-5-20250929-v1:0".to_string()));
    assert_eq!(ids("zzzz"), Vec::<String>::new());
}

#[test]
fn parser_table_every_shape() {
    use id::IdKind as K;
    // (input, kind, model, scope, context, partition, region, account, prefix length)
    #[allow(clippy::type_complexity)]
    let table: &[(&str, K, Option<&str>, Option<&str>, Option<&str>, Option<&str>, Option<&str>, Option<&str>, usize)] = &[
        ("anthropic.claude-3-5-sonnet-20241022-v2:0", K::Base, Some("anthropic.claude-3-5-sonnet-20241022-v2:0"), None, None, None, None, None, 0),
        ("amazon.titan-text-express-v1", K::Base, Some("amazon.titan-text-express-v1"), None, None, None, None, None, 0),
        ("anthropic.claude-v2:1", K::Base, Some("anthropic.claude-v2:1"), None, None, None, None, None, 0),
        ("deepseek.v3.2", K::Base, Some("deepseek.v3.2"), None, None, None, None, None, 0),
        ("openai.gpt-oss-120b-1:0", K::Base, Some("openai.gpt-oss-120b-1:0"), None, None, None, None, None, 0),
        ("anthropic.claude-v2:1:200k", K::Base, Some("anthropic.claude-v2:1"), None, Some("200k"), None, None, None, 0),
        ("amazon.titan-text-premier-v1:0:32K", K::Base, Some("amazon.titan-text-premier-v1:0"), None, Some("32K"), None, None, None, 0),
        ("cohere.embed-english-v3:0:512", K::Base, Some("cohere.embed-english-v3:0"), None, Some("512"), None, None, None, 0),
        ("us.anthropic.claude-3-7-sonnet-20250219-v1:0", K::Profile, Some("anthropic.claude-3-7-sonnet-20250219-v1:0"), Some("us"), None, None, None, None, 0),
        ("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", K::Profile, Some("anthropic.claude-sonnet-4-5-20250929-v1:0"), Some("eu"), None, None, None, None, 0),
        ("apac.amazon.nova-lite-v1:0", K::Profile, Some("amazon.nova-lite-v1:0"), Some("apac"), None, None, None, None, 0),
        ("jp.anthropic.claude-haiku-4-5-20251001-v1:0", K::Profile, Some("anthropic.claude-haiku-4-5-20251001-v1:0"), Some("jp"), None, None, None, None, 0),
        ("au.anthropic.claude-sonnet-4-6", K::Profile, Some("anthropic.claude-sonnet-4-6"), Some("au"), None, None, None, None, 0),
        ("us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0", K::Profile, Some("anthropic.claude-sonnet-4-5-20250929-v1:0"), Some("us-gov"), None, None, None, None, 0),
        ("global.anthropic.claude-opus-4-5-20251101-v1:0", K::Profile, Some("anthropic.claude-opus-4-5-20251101-v1:0"), Some("global"), None, None, None, None, 0),
        ("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", K::FoundationModelArn, Some("anthropic.claude-3-haiku-20240307-v1:0"), None, None, Some("aws"), Some("us-east-1"), None, 0),
        ("arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.nova-pro-v1:0", K::FoundationModelArn, Some("amazon.nova-pro-v1:0"), None, None, Some("aws-us-gov"), Some("us-gov-west-1"), None, 0),
        ("arn:aws-cn:bedrock:cn-north-1::foundation-model/amazon.nova-pro-v1:0:300k", K::FoundationModelArn, Some("amazon.nova-pro-v1:0"), None, Some("300k"), Some("aws-cn"), Some("cn-north-1"), None, 0),
        ("arn:aws:bedrock:us-east-2:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0", K::InferenceProfileArn, Some("anthropic.claude-3-haiku-20240307-v1:0"), Some("us"), None, Some("aws"), Some("us-east-2"), Some("111122223333"), 0),
        ("bedrock/anthropic.claude-3-haiku-20240307-v1:0", K::Base, Some("anthropic.claude-3-haiku-20240307-v1:0"), None, None, None, None, None, 8),
        ("bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0", K::Profile, Some("anthropic.claude-3-haiku-20240307-v1:0"), Some("us"), None, None, None, None, 17),
        ("bedrock/arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0", K::FoundationModelArn, Some("amazon.nova-pro-v1:0"), None, None, Some("aws"), Some("us-east-1"), None, 8),
        ("arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/2kbsta0lwebx", K::Opaque(OpaqueKind::ApplicationInferenceProfile), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcd1234efgh", K::Opaque(OpaqueKind::ProvisionedModel), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-west-2:111122223333:custom-model/amazon.nova-lite-v1:0:300k/abcd1234efgh", K::Opaque(OpaqueKind::CustomModel), None, None, None, Some("aws"), Some("us-west-2"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-east-1:111122223333:imported-model/abcd1234efgh", K::Opaque(OpaqueKind::ImportedModel), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-east-1:111122223333:custom-model-deployment/abcd1234efgh", K::Opaque(OpaqueKind::CustomModelDeployment), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:sagemaker:us-east-1:111122223333:endpoint/my-endpoint", K::Opaque(OpaqueKind::SagemakerEndpoint), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-east-1:111122223333:prompt/PROMPT12345:3", K::Opaque(OpaqueKind::Prompt), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-east-1:111122223333:prompt-router/abcd1234efgh", K::Opaque(OpaqueKind::PromptRouter), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
        ("arn:aws:bedrock:us-east-1:111122223333:default-prompt-router/anthropic.claude:1", K::Opaque(OpaqueKind::DefaultPromptRouter), None, None, None, Some("aws"), Some("us-east-1"), Some("111122223333"), 0),
    ];
    for (s, kind, model, scope, ctx, part, region, account, prefix) in table {
        let p = id::parse(s).unwrap_or_else(|| panic!("{s} did not parse"));
        assert_eq!(&p.kind, kind, "{s}");
        assert_eq!(p.get(s, &p.model), *model, "{s} model");
        assert_eq!(p.get(s, &p.scope), *scope, "{s} scope");
        assert_eq!(p.get(s, &p.context), *ctx, "{s} context");
        assert_eq!(p.get(s, &p.partition), *part, "{s} partition");
        assert_eq!(p.get(s, &p.region), *region, "{s} region");
        assert_eq!(p.get(s, &p.account), *account, "{s} account");
        assert_eq!(p.prefix_len, *prefix, "{s} prefix");
        assert!(id::looks_like_model_id(s), "{s}");
    }
    let long = format!("anthropic.{}", "a".repeat(3000));
    for s in [
        "",
        "anthropic",
        ".",
        "anthropic.",
        ".claude",
        "a b.c",
        "anthropic.claude v2",
        "arn:",
        "arn:aws",
        "arn:aws:bedrock:us-east-1",
        "arn:aws:bedrock:us-east-1::foundation-model",
        "arn:aws:bedrock:us-east-1::foundation-model/",
        "arn:aws:s3:::bucket/key",
        "arn:gcp:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
        "arn:aws:bedrock:US-EAST-1::foundation-model/amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1:123:inference-profile/us.amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1:111122223333:foundation-model/amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/us.amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1:111122223333:guardrail-x/abc",
        "-anthropic.claude",
        "anthropic.-claude",
        "anthropic.claude\u{0}",
        "🦀.🦀",
        "ａｎｔｈｒｏｐｉｃ.claude",
        &long,
    ] {
        assert!(id::parse(s).is_none(), "{s:?} must be rejected");
        assert!(!id::looks_like_model_id(s), "{s:?}");
    }
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_is_handled(s in "(bedrock/|arn:aws:bedrock:[a-z0-9-]{0,12}:[0-9]{0,12}:[a-z-]{0,24}/|us\\.|global\\.)?[a-zA-Z0-9.:@/_ -]{0,60}") {
            let cat = Catalog::embedded();
            let r = cat.resolve(&s);
            if let Some(p) = id::parse(&s) {
                // Ranges always lie on the string.
                for r in [&p.model, &p.scope, &p.context, &p.region, &p.account, &p.provider] {
                    prop_assert!(p.get(&s, r).is_some() || r.is_none());
                }
            }
            for sug in cat.suggest(&s, 3) {
                // Every suggestion names a real model in a shape that resolves.
                prop_assert!(!matches!(cat.resolve(&sug.id), Resolution::Unknown), "{} -> {}", s, sug.id);
            }
            let _ = (r, cat.search(&s, 3));
        }
    }
}
