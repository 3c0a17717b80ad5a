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
        "catalog/catalog.schema.json is stale: run `UPDATE_CATALOG_SCHEMA=1 cargo test --test it catalog_schema::`"
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
    // 180 from the compiled facts + amazon.nova-2-5-sonic from the 2026-12-02 update.
    assert_eq!(cat.models().len(), 181);
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
    assert_eq!(cat.as_of().to_string(), "2026-12-02");
    // The guide names an ID no AWS source lists: it must not be in the catalog.
    assert!(matches!(
        cat.resolve("mistral.mistral-large-2411-v1:0"),
        Resolution::Unknown
    ));
    for e in cat.excluded_ids() {
        assert!(
            cat.get(&e.id).is_none(),
            "excluded ID {} is catalogued",
            e.id
        );
        assert!(
            matches!(cat.resolve(&e.id), Resolution::Unknown)
                || matches!(
                    cat.resolve(&e.id),
                    Resolution::Known {
                        form: bedrock_lsp::catalog::Form::Profile {
                            documented: false,
                            ..
                        },
                        ..
                    }
                ),
            "excluded ID {} resolves as documented",
            e.id
        );
        for t in &e.did_you_mean {
            assert!(
                cat.get(t).is_some(),
                "{}: did-you-mean {t} is not catalogued",
                e.id
            );
        }
        for s in &e.sources {
            assert!(
                cat.source_text(s).is_some(),
                "{}: source {s} not described",
                e.id
            );
        }
    }
}

/// The shipped data says what the compiled facts say (guards hand edits of
/// catalog.json). Reads the facts from `BEDROCK_LSP_FACTS_DIR` or `../shared/catalog-facts`.
#[test]
fn shipped_data_matches_the_compiled_facts() {
    let dir = std::env::var("BEDROCK_LSP_FACTS_DIR").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/catalog-facts").to_string()
    });
    let Ok(text) = std::fs::read_to_string(format!("{dir}/bedrock-models.json")) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have the compiled facts in {dir}"
        );
        eprintln!("skipped: {dir} is not present (it is in CI)");
        return;
    };
    let facts: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cat = Catalog::embedded();
    let facts_models = facts["models"].as_array().unwrap();
    // The dated updates (newest last) restate or correct some facts: for those the
    // update's value is expected; `null` there means "not restated".
    let mut deltas: Vec<std::path::PathBuf> = std::fs::read_dir(format!("{dir}/updates"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    deltas.retain(|p| p.to_string_lossy().ends_with("-delta.json"));
    deltas.sort();
    let mut restated: std::collections::HashMap<String, Vec<(serde_json::Value, String)>> =
        Default::default();
    let mut added = 0;
    for d in &deltas {
        let delta: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d).unwrap()).unwrap();
        let day = delta["statusComputedAsOf"].as_str().unwrap().to_string();
        for m in delta["models"].as_array().unwrap() {
            let id = m["modelId"].as_str().unwrap();
            if !facts_models.iter().any(|f| f["modelId"] == id) && !restated.contains_key(id) {
                added += 1;
                let m = cat.get(id).unwrap_or_else(|| panic!("new ID {id} missing"));
                assert!(
                    m.sources.iter().all(|s| cat.source_text(s).is_some()),
                    "{id}"
                );
            }
            restated
                .entry(id.to_string())
                .or_default()
                .push((m.clone(), day.clone()));
        }
    }
    assert_eq!(facts_models.len() + added, cat.models().len());
    for (id, ds) in &restated {
        let m = cat.get(id).unwrap();
        for (d, day) in ds {
            if let Some(v) = d["requiresInferenceProfile"].as_bool() {
                assert_eq!(m.requires_profile, Some(v), "{id}");
                if v {
                    let on_demand = m.regions.as_ref().map(|r| r.on_demand.len());
                    assert!(
                        on_demand.unwrap_or(0) == 0,
                        "{id}: profile-only yet on demand"
                    );
                }
            }
            for p in d["crossRegionProfiles"].as_array().into_iter().flatten() {
                let pid = p["id"].as_str().unwrap();
                let have = m.profiles.iter().find(|x| x.id == pid);
                let have = have.unwrap_or_else(|| panic!("{id}: profile {pid} missing"));
                assert_eq!(have.scope, p["scope"].as_str().unwrap(), "{pid}");
                for s in p["sources"].as_array().unwrap() {
                    assert!(have.sources.iter().any(|x| x == s), "{pid}: source {s}");
                }
            }
            let lc = &d["lifecycle"];
            for (k, got) in [
                ("legacyDate", m.lifecycle.legacy),
                ("extendedAccessDate", m.lifecycle.extended_access),
                ("eolDate", m.lifecycle.eol),
            ] {
                if let Some(v) = lc[k].as_str() {
                    assert_eq!(got.map(|d| d.to_string()).as_deref(), Some(v), "{id} {k}");
                }
            }
            if let Some(st) = lc["status"].as_str() {
                let day = bedrock_lsp::catalog::Date::parse(day).unwrap();
                assert_eq!(m.status(day).as_str(), st, "{id}");
            }
            for (k, got) in [
                ("contextWindow", m.context_window),
                ("maxOutputTokens", m.max_output_tokens),
            ] {
                if let Some(v) = d[k].as_u64() {
                    assert_eq!(got, Some(v), "{id} {k}");
                }
            }
        }
    }
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let strs = |v: &serde_json::Value| -> Option<Vec<String>> {
        v.as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
    };
    for f in facts_models {
        let id = f["modelId"].as_str().unwrap();
        let m = cat.get(id).unwrap_or_else(|| panic!("{id} missing"));
        if restated.contains_key(id) {
            // Checked against the update above.
            continue;
        }
        assert_eq!(Some(m.name.clone()), s(&f["name"]), "{id}");
        assert_eq!(Some(m.provider.clone()), s(&f["provider"]), "{id}");
        let lc = &f["lifecycle"];
        assert_eq!(
            m.lifecycle.legacy.map(|d| d.to_string()),
            s(&lc["legacyDate"]),
            "{id}"
        );
        assert_eq!(
            m.lifecycle.extended_access.map(|d| d.to_string()),
            s(&lc["extendedAccessDate"]),
            "{id}"
        );
        assert_eq!(
            m.lifecycle.eol.map(|d| d.to_string()),
            s(&lc["eolDate"]),
            "{id}"
        );
        assert_eq!(
            m.lifecycle.replacement,
            s(&lc["recommendedReplacement"]),
            "{id}"
        );
        // The status the facts computed for their day is what we compute for that day.
        let day = bedrock_lsp::catalog::Date::parse(facts["statusComputedAsOf"].as_str().unwrap())
            .unwrap();
        let want = s(&lc["status"]).unwrap_or_else(|| "UNKNOWN".into());
        assert_eq!(m.status(day).as_str(), want, "{id}");
        assert_eq!(
            m.regions.as_ref().map(|r| r.on_demand.clone()),
            strs(&f["regions"]),
            "{id}"
        );
        if let Some(r) = &m.regions {
            assert_eq!(
                Some(r.profile_only.clone()),
                strs(&f["profileOnlyRegions"]).or(Some(vec![])),
                "{id}"
            );
        }
        let profiles: Vec<String> = m.profiles.iter().map(|p| p.id.clone()).collect();
        let want: Vec<String> = f["crossRegionProfiles"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|p| p["id"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(profiles, want, "{id}");
        assert_eq!(m.context_window, f["contextWindow"].as_u64(), "{id}");
        assert_eq!(m.max_output_tokens, f["maxOutputTokens"].as_u64(), "{id}");
        assert_eq!(
            m.requires_profile,
            f["requiresInferenceProfile"].as_bool(),
            "{id}"
        );
        assert_eq!(m.docs_url, s(&f["docsUrl"]), "{id}");
        for p in strs(&f["provisionedThroughputIds"]).unwrap_or_default() {
            assert!(m.provisioned.iter().any(|x| x.id == p), "{id}: {p}");
        }
    }
}
