//! The shipped catalog: schema up to date, data valid against it, IDs unique, and the
//! seed IDs from AWS's page all present.

use std::collections::HashSet;

use bedrock_lsp::catalog::{self, Catalog, Resolution};

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/catalog.schema.json");

#[test]
fn shipped_schema_is_generated_from_the_types() {
    let fresh = catalog::json_schema();
    if std::env::var_os("UPDATE_CATALOG_SCHEMA").is_some() {
        std::fs::write(SCHEMA_PATH, &fresh).unwrap();
    }
    let shipped = std::fs::read_to_string(SCHEMA_PATH).unwrap();
    assert!(
        shipped == fresh,
        "catalog/catalog.schema.json is stale: run `UPDATE_CATALOG_SCHEMA=1 cargo test --test catalog_schema`"
    );
}

#[test]
fn shipped_data_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(catalog::EMBEDDED_SCHEMA).unwrap();
    let data: serde_json::Value = serde_json::from_str(catalog::EMBEDDED_JSON).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let schema: serde_json::Value = serde_json::from_str(catalog::EMBEDDED_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = serde_json::json!({"format": 1, "models": [{"id": "x.y", "provider": "p", "name": "n", "colour": "red"}]});
    assert!(!validator.is_valid(&bad), "unknown field must be rejected");
    let bad = serde_json::json!({"format": 1, "models": [{"id": "x.y", "provider": "p", "name": "n", "lifecycle": {"eol": "21 Nov 2026"}}]});
    assert!(!validator.is_valid(&bad), "a date must be YYYY-MM-DD");
}

#[test]
fn no_two_entries_share_an_id() {
    let cat = Catalog::embedded();
    let mut seen = HashSet::new();
    for m in cat.models() {
        assert!(seen.insert(m.id.as_str()), "duplicate base ID {}", m.id);
        for p in &m.profiles {
            assert!(seen.insert(p.id.as_str()), "duplicate profile ID {}", p.id);
        }
        for p in &m.provisioned {
            assert!(
                seen.insert(p.id.as_str()),
                "duplicate provisioned ID {}",
                p.id
            );
        }
    }
    assert_eq!(cat.models().len(), 180);
}

#[test]
fn every_fact_names_sources_that_exist() {
    let cat = Catalog::embedded();
    for m in cat.models() {
        assert!(!m.sources.is_empty(), "{} has no source", m.id);
        for s in m
            .sources
            .iter()
            .chain(m.profiles.iter().flat_map(|p| &p.sources))
            .chain(m.provisioned.iter().flat_map(|p| &p.sources))
        {
            assert!(
                cat.source_text(s).is_some(),
                "{}: source key {s} is not described",
                m.id
            );
        }
        if let Some(r) = &m.lifecycle.replacement {
            assert!(
                cat.get(r).is_some(),
                "{}: replacement {r} is not catalogued",
                m.id
            );
        }
    }
}

#[test]
fn as_of_and_excluded_ids() {
    let cat = Catalog::embedded();
    assert_eq!(cat.as_of().to_string(), "2026-11-21");
    // The guide names an ID no AWS source lists: it must not be in the catalog.
    assert!(matches!(
        cat.resolve("mistral.mistral-large-2411-v1:0"),
        Resolution::Unknown
    ));
    for id in cat.excluded_ids() {
        assert!(cat.get(id).is_none(), "excluded ID {id} is catalogued");
    }
}
