//! User data over the embedded catalog: AWS CLI outputs and user catalog files,
//! realistic and malformed.

use std::path::{Path, PathBuf};

use bedrock_lsp::catalog::{
    import, Catalog, CatalogError, Date, Form, RegionSupport, Resolution, Status,
};

fn fixture(name: &str) -> PathBuf {
    crate::support::fixture("catalog").join(name)
}

fn load(files: &[&str]) -> (Catalog, Vec<CatalogError>) {
    let files: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    Catalog::load(None, &files)
}

#[test]
fn foundation_model_list_records_what_the_region_offers() {
    let (cat, errors) = load(&["aws-list-foundation-models-us-east-1.json"]);
    assert_eq!(errors, vec![]);
    let offer = &cat.offers()["us-east-1"];
    assert!(offer.has_model_list && !offer.has_profile_list);
    assert!(offer.provisioned.contains("amazon.nova-pro-v1:0:300k"));

    let nova = cat.get("amazon.nova-pro-v1:0").unwrap();
    assert_eq!(
        cat.region_support(nova, "us-east-1"),
        RegionSupport::OnDemand
    );
    // The import covers us-east-1 only; other Regions keep the shipped facts.
    assert_eq!(
        cat.region_support(nova, "us-west-2"),
        RegionSupport::ProfileOnly {
            profiles: vec!["us.amazon.nova-pro-v1:0".into()]
        }
    );
    let s45 = cat
        .get("anthropic.claude-sonnet-4-5-20250929-v1:0")
        .unwrap();
    assert!(matches!(
        cat.region_support(s45, "us-east-1"),
        RegionSupport::ProfileOnly { .. }
    ));
    // A model the Region's list leaves out is not offered there, whatever the table said.
    let haiku3 = cat.get("anthropic.claude-3-haiku-20240307-v1:0").unwrap();
    assert!(haiku3
        .regions
        .as_ref()
        .unwrap()
        .on_demand
        .contains(&"us-east-1".to_string()));
    match cat.region_support(haiku3, "us-east-1") {
        RegionSupport::NotOffered { where_offered } => {
            assert!(where_offered.contains(&"eu-west-1".to_string()))
        }
        other => panic!("{other:?}"),
    }
    // The import is a source of the models it lists.
    assert!(nova
        .sources
        .iter()
        .any(|s| s.starts_with("import:")
            && s.ends_with("aws-list-foundation-models-us-east-1.json")));
}

#[test]
fn imports_make_new_ids_known() {
    let (cat, errors) = load(&[
        "aws-list-foundation-models-us-east-1.json",
        "aws-list-inference-profiles-us-east-1.json",
    ]);
    assert_eq!(errors, vec![]);
    let before = Catalog::embedded();
    assert!(matches!(
        before.resolve("acme.test-model-v1:0"),
        Resolution::Unknown
    ));

    let Resolution::Known {
        model,
        form: Form::Base,
        ..
    } = cat.resolve("acme.test-model-v1:0")
    else {
        panic!("imported ID must resolve")
    };
    assert_eq!(
        (model.name.as_str(), model.provider.as_str()),
        ("Acme Test Model", "Acme")
    );
    assert_eq!(model.streaming, Some(false));
    // AWS said LEGACY on the day of the import; no dates are invented.
    assert_eq!(model.lifecycle.legacy, None);
    assert_eq!(model.status(Date::today()), Status::Legacy);
    assert_eq!(
        cat.region_support(model, "us-east-1"),
        RegionSupport::OnDemand
    );
    // No data for other Regions.
    assert_eq!(
        cat.region_support(model, "eu-west-1"),
        RegionSupport::Unknown
    );

    match cat.resolve("us.acme.test-model-v1:0") {
        Resolution::Known {
            model,
            form: Form::Profile { documented, .. },
            ..
        } => {
            assert_eq!(model.id, "acme.test-model-v1:0");
            assert!(documented);
        }
        other => panic!("{other:?}"),
    }
    let s45 = cat
        .get("anthropic.claude-sonnet-4-5-20250929-v1:0")
        .unwrap();
    assert_eq!(
        cat.region_support(s45, "us-east-1"),
        RegionSupport::ProfileOnly {
            profiles: vec!["us.anthropic.claude-sonnet-4-5-20250929-v1:0".into()]
        }
    );
    let offer = &cat.offers()["us-east-1"];
    assert!(offer.accounts.contains("111122223333"));
    // The application profile is the account's own: not a model, not an error.
    assert!(!offer.profiles.contains_key("2kbsta0lwebx"));
    // The embedded catalog is untouched.
    assert!(before.get("acme.test-model-v1:0").is_none());
}

#[test]
fn user_catalog_files_add_models() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("user-catalog.json"), dir.path().join("team.json")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not json, not read").unwrap();
    let (cat, errors) = Catalog::load(Some(dir.path()), &[]);
    assert_eq!(errors, vec![]);
    let m = cat.get("acme.private-model-v1").unwrap();
    assert_eq!(m.context_window, Some(8000));
    assert_eq!(m.status(Date::parse("2026-12-31").unwrap()), Status::Active);
    assert_eq!(m.status(Date::parse("2027-01-01").unwrap()), Status::Legacy);
    assert_eq!(
        cat.region_support(m, "eu-central-1"),
        RegionSupport::OnDemand
    );
    assert!(cat.source_text("TEAM_WIKI").is_some());
    // The shipped models are all still there.
    assert_eq!(cat.models().len(), Catalog::embedded().models().len() + 1);
    // A missing user directory is not an error.
    let (_, errors) = Catalog::load(Some(&dir.path().join("absent")), &[]);
    assert_eq!(errors, vec![]);
}

fn only_error(file: &str) -> CatalogError {
    let (cat, mut errors) = load(&[file, "user-catalog.json"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    // The broken file is skipped, the good one still applies.
    assert!(cat.get("acme.private-model-v1").is_some());
    let e = errors.remove(0);
    assert!(e.file.ends_with(file), "{e}");
    e
}

#[test]
fn malformed_files_name_file_line_and_field() {
    let e = only_error("malformed-syntax.json");
    assert_eq!(e.line, Some(11), "{e}");
    assert!(e.message.contains("not valid JSON"), "{e}");

    let e = only_error("malformed-field.json");
    assert_eq!(e.field.as_deref(), Some("modelSummaries[1].modelId"), "{e}");
    assert_eq!(e.line, Some(11), "{e}");
    assert!(e.message.contains("invalid type"), "{e}");

    let e = only_error("malformed-id.json");
    assert_eq!(e.field.as_deref(), Some("modelSummaries[1].modelId"), "{e}");
    assert_eq!(e.line, Some(8), "{e}");

    let e = only_error("malformed-mixed-regions.json");
    assert_eq!(
        e.field.as_deref(),
        Some("modelSummaries[1].modelArn"),
        "{e}"
    );
    assert_eq!(e.line, Some(8), "{e}");
    assert!(
        e.message.contains("eu-west-1") && e.message.contains("us-east-1"),
        "{e}"
    );

    let e = only_error("malformed-catalog-date.json");
    assert_eq!(
        e.field.as_deref(),
        Some("models[0].lifecycle.legacy"),
        "{e}"
    );
    assert_eq!(e.line, Some(9), "{e}");
    assert!(e.message.contains("2026-13-01"), "{e}");

    let e = only_error("malformed-catalog-field.json");
    assert_eq!(e.field.as_deref(), Some("models[0].contextWindw"), "{e}");
    assert!(e.message.contains("contextWindw"), "{e}");
    assert_eq!(e.line, Some(8), "{e}");

    // The message reads as file:line: field: what.
    let shown = e.to_string();
    assert!(
        shown.contains("malformed-catalog-field.json:8: field `models[0].contextWindw`"),
        "{shown}"
    );
}

#[test]
fn a_failed_import_leaves_the_catalog_as_it_was() {
    let (mut cat, errors) = load(&["aws-list-foundation-models-us-east-1.json"]);
    assert_eq!(errors, vec![]);
    let models = cat.models().len();
    let path = fixture("malformed-mixed-regions.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(cat.apply_text(&path, &text, None).is_err());
    assert_eq!(cat.models().len(), models);
    assert_eq!(cat.offers().len(), 1);
    assert!(!cat.offers().contains_key("eu-west-1"));
}

#[test]
fn region_comes_from_the_arns_or_the_caller() {
    let path = fixture("malformed-id.json");
    // No ARNs at all and no --region: refused.
    let text = r#"{"modelSummaries": [{"modelId": "amazon.nova-pro-v1:0"}]}"#;
    let e = import::parse_aws(&path, text, None).unwrap_err();
    assert!(e.message.contains("--region"), "{e}");
    let imp = import::parse_aws(&path, text, Some("eu-west-3")).unwrap();
    assert_eq!(imp.region, "eu-west-3");
    // --region that contradicts the ARNs: refused.
    let path = fixture("aws-list-foundation-models-us-east-1.json");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(import::parse_aws(&path, &text, Some("eu-west-1")).is_err());
    let imp = import::parse_aws(&path, &text, None).unwrap();
    assert_eq!(
        (imp.region.as_str(), imp.account.as_deref()),
        ("us-east-1", None)
    );
    // The stored form keeps Region and day, and reads back the same.
    let stored = import::stored_text(&text, &imp, &path);
    let again = import::parse_aws(Path::new("stored.json"), &stored, None).unwrap();
    assert_eq!(again.region, "us-east-1");
    assert_eq!(again.imported_on, imp.imported_on);
    assert_eq!(
        import::stored_name(&imp),
        "aws-foundation-models-us-east-1.json"
    );
}
