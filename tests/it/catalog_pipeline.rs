//! The daily update pipeline's script (`tools/catalog_from_aws.py`) on recorded AWS
//! listings (`tests/fixtures/catalog/pipeline/`, the shape `catalog refresh` stores):
//! its output is a catalog this build loads, every added fact names its source, the
//! manifest matches, and a second run changes nothing.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::repo;
use bedrock_lsp::catalog::{Catalog, Form, Resolution};
use serde_json::Value;

fn script(args: &[&Path], extra: &[&str]) -> Output {
    Command::new("python3")
        .arg(repo().join("tools/catalog_from_aws.py"))
        .args(args)
        .args(extra)
        .output()
        .expect("python3 runs the pipeline script")
}

#[test]
fn recorded_listings_merge_into_a_loadable_sourced_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog.json");
    let changes = dir.path().join("changes.md");
    let manifest = dir.path().join("catalog-manifest.json");
    let listings = repo().join("tests/fixtures/catalog/pipeline");
    let run = script(
        &[&repo().join("catalog/catalog.json"), &listings, &out],
        &[
            "--changes",
            changes.to_str().unwrap(),
            "--manifest",
            manifest.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();

    // The schema: valid against the shipped JSON Schema and loadable by this build.
    let schema: Value = serde_json::from_str(bedrock_lsp::catalog::EMBEDDED_SCHEMA).unwrap();
    let data: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let cat = Catalog::from_json("out", &text).unwrap();
    assert_eq!(cat.as_of().to_string(), "2026-12-03");
    assert_eq!(cat.models().len(), Catalog::embedded().models().len() + 1);

    // The model AWS lists that the catalog lacked, with AWS's name and the source.
    let m = cat.get("acme.test-model-v1:0").unwrap();
    assert_eq!(m.name, "Acme Test Model");
    assert_eq!(m.sources, ["AWS_LIST_2026-12-03"]);
    assert!(
        m.regions.is_none(),
        "a partial listing says nothing about other Regions"
    );
    let src = cat.source_text("AWS_LIST_2026-12-03").unwrap();
    assert!(src.contains("eu-west-1, us-east-1"), "{src}");
    match cat.resolve("us.acme.test-model-v1:0") {
        Resolution::Known {
            form: Form::Profile { documented, .. },
            model,
            ..
        } => {
            assert!(documented);
            let p = model.profile("us.acme.test-model-v1:0").unwrap();
            assert_eq!(p.sources, ["AWS_LIST_2026-12-03"]);
        }
        other => panic!("{other:?}"),
    }
    // An application profile is not a system profile: not added.
    assert!(!text.contains("2kbsta0lwebx"));
    // A scope AWS lists that the catalog lacked: its source Region as seen.
    assert_eq!(cat.profile_covers("ca", "eu-west-1"), Some(true));
    // The sourced facts are kept as they were.
    let before = Catalog::embedded();
    let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    assert_eq!(
        cat.get(sonnet).unwrap().profiles.len(),
        before.get(sonnet).unwrap().profiles.len()
    );

    // A context variant AWS lists with customizations: a base model of
    // CreateModelCustomizationJob as well as a Provisioned Throughput ID.
    let Resolution::Known { model, form, .. } = cat.resolve("amazon.nova-pro-v1:0:300k") else {
        panic!("300k variant unknown");
    };
    assert_eq!(
        form.operations(model),
        [
            "CreateProvisionedModelThroughput",
            "CreateModelCustomizationJob"
        ]
    );

    let ch = std::fs::read_to_string(&changes).unwrap();
    assert!(ch.contains("new model `acme.test-model-v1:0`"), "{ch}");
    assert!(
        ch.contains("new profile `us.acme.test-model-v1:0` (us-east-1)"),
        "{ch}"
    );

    // The manifest `catalog update` verifies.
    let man: Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    assert_eq!(man["size"].as_u64().unwrap(), text.len() as u64);
    assert_eq!(man["asOf"], "2026-12-03");
    assert_eq!(man["sha256"].as_str().unwrap().len(), 64);

    // Idempotent: the same listings on the merged catalog change nothing.
    let out2 = dir.path().join("again.json");
    let run = script(&[&out, &listings, &out2], &[]);
    assert!(run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("no change"),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert_eq!(std::fs::read_to_string(&out2).unwrap(), text);
}

#[test]
fn bad_input_exits_2_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = script(
        &[
            &repo().join("catalog/catalog.json"),
            &empty,
            &dir.path().join("o.json"),
        ],
        &[],
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no listing files"));
    let broken = dir.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("aws-refresh-us-east-1.json"), "{not json").unwrap();
    let run = script(
        &[
            &repo().join("catalog/catalog.json"),
            &broken,
            &dir.path().join("o.json"),
        ],
        &[],
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("aws-refresh-us-east-1.json"));
}
