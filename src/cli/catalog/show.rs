//! `catalog list`, `catalog show` and `catalog status`: the catalog as text or JSON.

use serde_json::{json, Value};

use super::{print, StatusArg};
use crate::catalog::{
    user_catalog_dir, Catalog, Date, Dialect, Form, Model, RegionSupport, Resolution,
};

fn support_json(s: &RegionSupport) -> Value {
    match s {
        RegionSupport::OnDemand => json!({"kind": "ON_DEMAND"}),
        RegionSupport::ProfileOnly { profiles } => {
            json!({"kind": "PROFILE_ONLY", "profiles": profiles})
        }
        RegionSupport::ProvisionedOnly => json!({"kind": "PROVISIONED_ONLY"}),
        RegionSupport::NotOffered { where_offered } => {
            json!({"kind": "NOT_OFFERED", "onDemandIn": where_offered})
        }
        RegionSupport::Unknown => json!({"kind": "UNKNOWN"}),
    }
}

fn support_text(s: &RegionSupport, region: &str) -> String {
    match s {
        RegionSupport::OnDemand => format!("{region}: on demand with the bare model ID"),
        RegionSupport::ProfileOnly { profiles } if profiles.is_empty() => {
            format!("{region}: only through a cross-Region inference profile (profile ID not documented)")
        }
        RegionSupport::ProfileOnly { profiles } => {
            format!(
                "{region}: only through a cross-Region inference profile: {}",
                profiles.join(", ")
            )
        }
        RegionSupport::ProvisionedOnly => format!("{region}: only with Provisioned Throughput"),
        RegionSupport::NotOffered { where_offered } if where_offered.is_empty() => {
            format!("{region}: not offered (no Region offers the bare ID on demand)")
        }
        RegionSupport::NotOffered { where_offered } => {
            format!(
                "{region}: not offered; on demand in {}",
                where_offered.join(", ")
            )
        }
        RegionSupport::Unknown => {
            format!("{region}: unknown (no Region data for this model there)")
        }
    }
}

fn model_json(cat: &Catalog, m: &Model, today: Date, region: Option<&str>) -> Value {
    let mut v = serde_json::to_value(m).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.insert("status".into(), json!(m.status(today)));
        o.insert("statusOn".into(), json!(today));
        o.insert("provisionedOnly".into(), json!(m.provisioned_only()));
        o.insert("catalogAsOf".into(), json!(cat.as_of()));
        if let Some(r) = cat.replacement(m, today) {
            o.insert("effectiveReplacement".into(), json!(r.id));
        }
        if let Some(region) = region {
            let e = cat.endpoints_in(m, region);
            o.insert(
                "endpointSupport".into(),
                json!({"bedrockRuntime": support_json(&e.runtime), "bedrockMantle": support_json(&e.mantle)}),
            );
            o.insert("region".into(), json!(region));
            o.insert(
                "regionStatus".into(),
                json!(m.lifecycle.status_in(today, Some(region))),
            );
            o.insert(
                "regionSupport".into(),
                support_json(&cat.region_support(m, region)),
            );
        }
    }
    v
}

pub(super) fn list(
    cat: &Catalog,
    today: Date,
    provider: Option<&str>,
    status: Option<StatusArg>,
    region: Option<&str>,
    json_out: bool,
) -> u8 {
    let models: Vec<&Model> = cat
        .models()
        .iter()
        .filter(|m| {
            provider.is_none_or(|p| {
                m.provider.eq_ignore_ascii_case(p)
                    || m.id
                        .split('.')
                        .next()
                        .is_some_and(|x| x.eq_ignore_ascii_case(p))
            })
        })
        .filter(|m| status.is_none_or(|s| m.status(today) == s.status()))
        .filter(|m| {
            region.is_none_or(|r| {
                matches!(
                    cat.region_support(m, r),
                    RegionSupport::OnDemand | RegionSupport::ProfileOnly { .. }
                )
            })
        })
        .collect();
    if json_out {
        let arr: Vec<Value> = models
            .iter()
            .map(|m| model_json(cat, m, today, region))
            .collect();
        return print(&(serde_json::to_string_pretty(&arr).unwrap_or_default() + "\n"));
    }
    let w = models.iter().map(|m| m.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for m in &models {
        let extra = match region {
            Some(r) => match cat.region_support(m, r) {
                RegionSupport::OnDemand => "  on demand".to_string(),
                RegionSupport::ProfileOnly { .. } => "  profile only".to_string(),
                _ => String::new(),
            },
            None => String::new(),
        };
        out.push_str(&format!(
            "{:<w$}  {:<7}  {} ({}){extra}\n",
            m.id,
            m.status(today).as_str(),
            m.name,
            m.provider
        ));
    }
    out.push_str(&format!(
        "{} models; catalog as of {}, status on {today}\n",
        models.len(),
        cat.as_of()
    ));
    print(&out)
}

pub(super) fn status(cat: &Catalog, today: Date, id: Option<&str>, json_out: bool) -> u8 {
    let dir = user_catalog_dir();
    let base = match cat.base_file() {
        Some(p) => p.display().to_string(),
        None => "compiled into this binary (catalog/catalog.json)".to_string(),
    };
    let age = cat.age_days(today);
    let notice = cat.stale_notice(today);
    let model = id.and_then(|t| cat.resolve(t).model().map(|m| m.id.clone()));
    if let (Some(t), None) = (id, &model) {
        eprintln!(
            "bedrock-lsp: unknown model ID `{t}` (catalog as of {})",
            cat.as_of()
        );
        return 1;
    }
    let origin = model.as_deref().and_then(|m| cat.origin(m));
    let entry_text = |o: &crate::catalog::Origin| match &o.entry_file {
        Some(f) => f.display().to_string(),
        None => base.clone(),
    };
    if json_out {
        let files: Vec<Value> = cat
            .loaded_files()
            .iter()
            .map(|f| {
                json!({
                    "path": f.path,
                    "kind": if f.catalog_file { "catalog" } else { "aws-listing" },
                    "asOf": f.as_of,
                    "models": f.ids.len(),
                })
            })
            .collect();
        let mut v = json!({
            "asOf": cat.as_of(),
            "today": today,
            "ageDays": age,
            "staleAfterDays": crate::catalog::STALE_AFTER_DAYS,
            "stale": notice.is_some(),
            "notice": notice,
            "base": base,
            "models": cat.models().len(),
            "sources": cat.sources(),
            "userCatalogDir": dir,
            "files": files,
        });
        if let (Some(m), Some(o)) = (&model, &origin) {
            v["id"] = json!({
                "input": id,
                "modelId": m,
                "entryFrom": entry_text(o),
                "importsAdding": o.imports,
            });
        }
        return print(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
    }
    let mut out = String::new();
    out.push_str(&format!(
        "catalog as of {} ({age} day{} old on {today}), {} models\n",
        cat.as_of(),
        if age == 1 { "" } else { "s" },
        cat.models().len()
    ));
    out.push_str(&format!("base catalog: {base}\n"));
    match &dir {
        Some(d) => out.push_str(&format!("user catalog directory: {}\n", d.display())),
        None => out.push_str("user catalog directory: none (no data directory)\n"),
    }
    if cat.loaded_files().is_empty() {
        out.push_str("user and imported files: none\n");
    } else {
        out.push_str("user and imported files (applied in this order):\n");
        for f in cat.loaded_files() {
            let what = if f.catalog_file {
                format!(
                    "catalog file, {} model{}{}",
                    f.ids.len(),
                    if f.ids.len() == 1 { "" } else { "s" },
                    f.as_of.map(|d| format!(", as of {d}")).unwrap_or_default()
                )
            } else {
                cat.source_text(&format!("import:{}", f.path.display()))
                    .unwrap_or("AWS listing")
                    .to_string()
            };
            out.push_str(&format!("  {}  ({what})\n", f.path.display()));
        }
    }
    out.push_str(&format!("sources ({}):\n", cat.sources().len()));
    for (k, v) in cat.sources() {
        out.push_str(&format!("  {k}: {v}\n"));
    }
    if let (Some(m), Some(o)) = (&model, &origin) {
        out.push_str(&format!("{m}: entry from {}\n", entry_text(o)));
        for f in &o.imports {
            out.push_str(&format!("  plus facts from {}\n", f.display()));
        }
    }
    if let Some(n) = notice {
        out.push_str(&format!("note: {n}\n"));
    }
    print(&out)
}

fn list_or_unknown(v: &Option<Vec<String>>) -> String {
    match v {
        Some(v) if !v.is_empty() => v.join(", "),
        Some(_) => "none".into(),
        None => "unknown".into(),
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "unknown".into())
}

pub(super) fn show(
    cat: &Catalog,
    today: Date,
    text: &str,
    region: Option<&str>,
    json_out: bool,
) -> u8 {
    let res = cat.resolve(text);
    let (m, how) = match &res {
        Resolution::Known {
            model, form, arn, ..
        } => {
            let mut how = match form {
                Form::Base => "base model ID".to_string(),
                Form::Profile {
                    scope,
                    profile_id,
                    documented,
                } => format!(
                    "cross-Region inference profile `{profile_id}` (scope {scope}{})",
                    if *documented {
                        ""
                    } else {
                        "; this profile ID is not documented for the model"
                    }
                ),
                Form::Provisioned { id, context } => format!(
                    "Provisioned Throughput ID `{id}`{}",
                    context
                        .as_deref()
                        .map(|c| format!(" (context {c})"))
                        .unwrap_or_default()
                ),
                Form::Related { id } => {
                    format!("`{id}`, an ID listed for this model without a documented role")
                }
            };
            if let Some(a) = arn {
                how.push_str(&format!(
                    ", as an ARN (partition {}, Region {}, account {})",
                    a.partition,
                    a.region.as_deref().unwrap_or("none"),
                    a.account.as_deref().unwrap_or("none")
                ));
            }
            (*model, how)
        }
        Resolution::Foreign { model, dialect } => {
            let d = match dialect {
                Dialect::Anthropic => "the Anthropic API",
                Dialect::Vertex => "Google Vertex AI",
            };
            (
                *model,
                format!("the name {d} uses; on Bedrock the ID is `{}`", model.id),
            )
        }
        Resolution::Opaque(kind) => {
            if json_out {
                return print(
                    &(serde_json::to_string_pretty(&json!({"input": text, "opaque": kind}))
                        .unwrap_or_default()
                        + "\n"),
                );
            }
            return print(&format!(
                "{text}\n  an ARN of a {}: valid where Bedrock takes a model, but it names no catalogued model\n",
                kind.describe()
            ));
        }
        Resolution::Unknown => {
            let sugg = cat.suggest(text, 5);
            if json_out {
                let s: Vec<Value> = sugg
                    .iter()
                    .map(|s| json!({"id": s.id, "score": s.score}))
                    .collect();
                let _ = print(
                    &(serde_json::to_string_pretty(
                        &json!({"input": text, "error": "unknown model ID", "didYouMean": s}),
                    )
                    .unwrap_or_default()
                        + "\n"),
                );
            } else {
                eprintln!(
                    "bedrock-lsp: unknown model ID `{text}` (catalog as of {})",
                    cat.as_of()
                );
                if sugg.is_empty() {
                    eprintln!("no close match in the catalog");
                } else {
                    eprintln!("did you mean:");
                    for s in &sugg {
                        eprintln!("  {}", s.id);
                    }
                }
            }
            return 1;
        }
    };
    let ops = match &res {
        Resolution::Known { model, form, .. } => form.operations(model),
        _ => Vec::new(),
    };
    if json_out {
        let mut v = model_json(cat, m, today, region);
        if let Some(o) = v.as_object_mut() {
            o.insert("input".into(), json!(text));
            o.insert("resolvedAs".into(), json!(how));
            o.insert("usedWith".into(), json!(ops));
            if let Resolution::Known {
                form: Form::Profile { scope, .. },
                ..
            } = &res
            {
                if let Some(src) = cat.profile_source_regions(m, scope) {
                    o.insert(
                        "profileSourceRegions".into(),
                        json!({"regions": src.regions, "perModel": src.per_model}),
                    );
                }
            }
        }
        return print(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
    }
    let scope = match &res {
        Resolution::Known {
            form: Form::Profile { scope, .. },
            ..
        } => Some(scope.as_str()),
        _ => None,
    };
    let how = if ops.is_empty() {
        how
    } else {
        format!("{how}\n  used with: {}", ops.join(", "))
    };
    print(&show_text(cat, m, today, text, &how, region, scope))
}

fn show_text(
    cat: &Catalog,
    m: &Model,
    today: Date,
    text: &str,
    how: &str,
    region: Option<&str>,
    scope: Option<&str>,
) -> String {
    let mut s = String::new();
    let mut line = |k: &str, v: String| s.push_str(&format!("  {k:<18}{v}\n"));
    let status = match region {
        Some(r) => m.lifecycle.status_in(today, Some(r)),
        None => m.status(today),
    };
    let l = &m.lifecycle;
    let mut header = format!("{}\n", m.id);
    if text != m.id {
        header = format!("{text}\n  {how}\n  model: {}\n", m.id);
    }
    line("name", m.name.clone());
    line("provider", m.provider.clone());
    line("version", opt(m.version.as_deref()));
    let mut st = format!("{status} on {today}");
    let dates: Vec<String> = [
        ("legacy", l.legacy),
        ("extended access", l.extended_access),
        ("EOL", l.eol),
    ]
    .iter()
    .filter_map(|(k, d)| d.map(|d| format!("{k} {d}")))
    .collect();
    if !dates.is_empty() {
        st.push_str(&format!(" ({})", dates.join(", ")));
    }
    line("status", st);
    if let Some(r) = cat.replacement(m, today) {
        line("replacement", r.id.clone());
    } else if let Some(n) = &l.replacement_name {
        line("replacement", n.clone());
    }
    if let Some(n) = &l.note {
        line("lifecycle note", n.clone());
    }
    match &m.modalities {
        Some(md) => line(
            "modalities",
            format!(
                "{} -> {}",
                md.input
                    .as_ref()
                    .map(|v| v
                        .iter()
                        .map(|x| format!("{x:?}").to_uppercase())
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or("unknown".into()),
                md.output
                    .as_ref()
                    .map(|v| v
                        .iter()
                        .map(|x| format!("{x:?}").to_uppercase())
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or("unknown".into())
            ),
        ),
        None => line("modalities", "unknown".into()),
    }
    line("context window", opt(m.context_window));
    line("max output tokens", opt(m.max_output_tokens));
    line(
        "inference types",
        if m.inference_types.is_empty() {
            "unknown".into()
        } else {
            m.inference_types
                .iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        },
    );
    let sources = scope.and_then(|sc| cat.profile_source_regions(m, sc));
    match (scope, &sources) {
        (Some(sc), Some(src)) => {
            line(
                "callable from",
                format!(
                    "{}{}",
                    src.regions.join(", "),
                    if src.per_model {
                        String::new()
                    } else {
                        format!(" (the `{sc}.` scope's Regions; per-Region data for this model is unknown)")
                    }
                ),
            );
            if let Some(r) = region {
                let verdict = if src.regions.iter().any(|x| x == r) {
                    format!("{r}: a source Region of this profile")
                } else {
                    format!("{r}: not a source Region of this profile")
                };
                line("profile in region", verdict);
                line("in region", support_text(&cat.region_support(m, r), r));
            }
        }
        (Some(sc), None) => line(
            "callable from",
            format!("unknown (no Region data for the `{sc}.` scope)"),
        ),
        (None, _) => {
            match &m.regions {
                Some(r) => {
                    line("on demand in", list_or_unknown(&Some(r.on_demand.clone())));
                    if !r.profile_only.is_empty() {
                        line("profile only in", r.profile_only.join(", "));
                    }
                }
                None => line("regions", "unknown (not in AWS's Region table)".into()),
            }
            if let Some(r) = region {
                line("in region", support_text(&cat.region_support(m, r), r));
            }
        }
    }
    if let Some(e) = &m.endpoints {
        let yn = |v: Option<bool>| match v {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        let mut v = format!(
            "bedrock-runtime {}, bedrock-mantle {}",
            yn(e.runtime),
            yn(e.mantle)
        );
        if let Some(list) = e.mantle_regions.as_ref().filter(|l| !l.is_empty()) {
            v.push_str(&format!(
                " (bare ID in-Region on Mantle: {})",
                list.join(", ")
            ));
        }
        line("endpoints", v);
    }
    if !m.profiles.is_empty() {
        line(
            "profiles",
            m.profiles
                .iter()
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !m.provisioned.is_empty() {
        line(
            "provisioned IDs",
            m.provisioned
                .iter()
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(u) = &m.docs_url {
        line("docs", u.clone());
    }
    line("sources", m.sources.join(", "));
    s.push_str(&format!("  catalog as of {}\n", cat.as_of()));
    header + &s
}
