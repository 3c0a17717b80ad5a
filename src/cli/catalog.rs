//! `bedrock-lsp catalog …`: list, show, import and refresh the catalog.
//!
//! Exit codes: 0 ok; 1 `show` of an ID the catalog does not know; 2 usage or I/O
//! error (including a malformed import, which leaves the stored catalog unchanged).
//! `refresh`: 0 every Region stored; 1 some Region failed (the others are kept, the
//! failed ones left as they were); 2 usage error.
//! The day used for lifecycle status is today (UTC), or `BEDROCK_LSP_TODAY`
//! (`YYYY-MM-DD`) when set.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Value};

use crate::catalog::{
    import, user_catalog_dir, Catalog, CatalogError, Date, Dialect, Form, Model, RegionSupport,
    Resolution, Status,
};

#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// List the models in the catalog.
    List {
        /// Only this provider (`Anthropic`, `amazon` …; case-insensitive, ID prefix or name).
        #[arg(long)]
        provider: Option<String>,
        /// Only models with this lifecycle status today.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Only models offered in this Region (on demand or through a profile).
        #[arg(long)]
        region: Option<String>,
        /// Print a JSON array, one object per model.
        #[arg(long)]
        json: bool,
    },
    /// Show everything known about a model ID (any shape: profile, ARN, provisioned …).
    Show {
        id: String,
        /// Also say how the model is offered in this Region.
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Say how old the catalog is, where its data comes from, which user and imported
    /// files apply, and (given an ID) which file's entry won for it.
    Status {
        /// A model ID (any shape) to say where its facts come from.
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Download the newest published catalog (HTTPS), verify its SHA-256 manifest and
    /// schema, and install it in the user catalog directory (the previous one is kept).
    ///
    /// Only this command and `refresh` open a network connection, and only when run.
    Update {
        /// Base URL of the published catalog (holds `catalog-manifest.json`); default:
        /// BEDROCK_LSP_CATALOG_URL, else the project's release location.
        #[arg(long)]
        url: Option<String>,
        /// Seconds to allow each download.
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
    /// Import AWS CLI output (list-foundation-models / list-inference-profiles, JSON) or
    /// catalog files into the user catalog directory.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The Region the output was taken in (default: read from the ARNs in the file).
        #[arg(long)]
        region: Option<String>,
    },
    /// Store the models and inference profiles your AWS account lists, per Region.
    ///
    /// Calls Bedrock's ListFoundationModels and ListInferenceProfiles in each Region
    /// with the standard AWS credential chain and stores the answers in the user
    /// catalog directory, where the server and `check` read them. Only this command
    /// opens a network connection.
    Refresh {
        /// Region to refresh (repeatable, or comma-separated; default: the configured
        /// Region, from AWS_REGION or the profile).
        #[arg(long = "region", value_name = "REGION", value_delimiter = ',')]
        regions: Vec<String>,
        /// Named AWS profile to use (default: AWS_PROFILE, else `default`).
        #[arg(long)]
        profile: Option<String>,
        /// Seconds to allow each AWS call, retries included.
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Active,
    Legacy,
    Eol,
    Unknown,
}

impl StatusArg {
    fn status(self) -> Status {
        match self {
            StatusArg::Active => Status::Active,
            StatusArg::Legacy => Status::Legacy,
            StatusArg::Eol => Status::Eol,
            StatusArg::Unknown => Status::Unknown,
        }
    }
}

fn today() -> Result<Date, String> {
    match std::env::var("BEDROCK_LSP_TODAY") {
        Ok(s) if !s.is_empty() => Date::parse(&s).map_err(|e| format!("BEDROCK_LSP_TODAY: {e}")),
        _ => Ok(Date::today()),
    }
}

fn load() -> Catalog {
    let dir = user_catalog_dir();
    let (cat, errors) = Catalog::load(dir.as_deref(), &[]);
    for e in errors {
        eprintln!("bedrock-lsp: warning: skipped {e}");
    }
    cat
}

pub fn run(cmd: CatalogCommand) -> ExitCode {
    let today = match today() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bedrock-lsp: {e}");
            return ExitCode::from(2);
        }
    };
    let code = match cmd {
        CatalogCommand::List {
            provider,
            status,
            region,
            json,
        } => list(
            &load(),
            today,
            provider.as_deref(),
            status,
            region.as_deref(),
            json,
        ),
        CatalogCommand::Show { id, region, json } => {
            show(&load(), today, &id, region.as_deref(), json)
        }
        CatalogCommand::Status { id, json } => status(&load(), today, id.as_deref(), json),
        CatalogCommand::Import { files, region } => import_files(&files, region.as_deref(), today),
        CatalogCommand::Update { url, timeout } => update(url, timeout),
        CatalogCommand::Refresh {
            regions,
            profile,
            timeout,
        } => refresh(regions, profile, timeout, today),
    };
    ExitCode::from(code)
}

fn print(out: &str) -> u8 {
    let mut o = std::io::stdout().lock();
    match o.write_all(out.as_bytes()).and_then(|_| o.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("bedrock-lsp: cannot write output: {e}");
            2
        }
    }
}

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

fn list(
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

fn status(cat: &Catalog, today: Date, id: Option<&str>, json_out: bool) -> u8 {
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

fn show(cat: &Catalog, today: Date, text: &str, region: Option<&str>, json_out: bool) -> u8 {
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

/// Why `catalog refresh` does nothing in a build without the `aws` feature.
#[cfg(not(feature = "aws"))]
const NO_AWS_MESSAGE: &str = "this build has no AWS support; rebuild with `--features aws` \
(on by default) or use `bedrock-lsp catalog import` with the output of \
`aws bedrock list-foundation-models --output json` and `aws bedrock list-inference-profiles --output json`";

#[cfg(not(feature = "update"))]
fn update(_url: Option<String>, _timeout: u64) -> u8 {
    eprintln!(
        "bedrock-lsp: catalog update: this build has no download support; rebuild with `--features update` (on by default), or install a catalog file in the user catalog directory yourself"
    );
    2
}

/// `catalog update`: exit 0 when installed or already up to date, 2 when nothing was
/// installed (bad URL, download, checksum or schema failure: the last good catalog
/// stays in place).
#[cfg(feature = "update")]
fn update(url: Option<String>, timeout: u64) -> u8 {
    use crate::catalog::update::{self, Outcome};
    let Some(dir) = user_catalog_dir() else {
        eprintln!("bedrock-lsp: no user catalog directory (set BEDROCK_LSP_CATALOG_DIR)");
        return 2;
    };
    let url = url
        .or_else(|| {
            std::env::var("BEDROCK_LSP_CATALOG_URL")
                .ok()
                .filter(|u| !u.is_empty())
        })
        .unwrap_or_else(|| update::DEFAULT_URL.to_string());
    let current = load();
    match update::update(&url, &dir, std::time::Duration::from_secs(timeout), &current) {
        Ok(Outcome::Installed {
            as_of,
            models,
            path,
            previous,
        }) => {
            let kept = previous
                .map(|p| format!("; the previous one is kept as {}", p.display()))
                .unwrap_or_default();
            print(&format!(
                "installed the published catalog as of {as_of} ({models} models) at {}{kept}\n",
                path.display()
            ))
        }
        Ok(Outcome::UpToDate { published, current }) => print(&format!(
            "up to date: the published catalog is as of {published}, the one in use as of {current}\n"
        )),
        Err(e) => {
            eprintln!("bedrock-lsp: catalog update: {e}; nothing was installed");
            2
        }
    }
}

#[cfg(not(feature = "aws"))]
fn refresh(_regions: Vec<String>, _profile: Option<String>, _timeout: u64, _today: Date) -> u8 {
    eprintln!("bedrock-lsp: catalog refresh: {NO_AWS_MESSAGE}");
    2
}

/// `catalog refresh`: exit 0 when every Region was stored, 1 when some Region failed
/// (the others are kept), 2 for usage errors.
#[cfg(feature = "aws")]
fn refresh(regions: Vec<String>, profile: Option<String>, timeout: u64, today: Date) -> u8 {
    use crate::catalog::refresh::{self, StartError};
    let Some(dir) = user_catalog_dir() else {
        eprintln!("bedrock-lsp: no user catalog directory (set BEDROCK_LSP_CATALOG_DIR)");
        return 2;
    };
    let opts = refresh::Options {
        regions,
        profile,
        timeout: std::time::Duration::from_secs(timeout),
        today,
        dir,
    };
    let results = match refresh::refresh(&opts) {
        Ok(r) => r,
        Err(StartError::Usage(m)) => {
            eprintln!("bedrock-lsp: catalog refresh: {m}");
            return 2;
        }
        Err(StartError::Failed(m)) => {
            eprintln!("bedrock-lsp: catalog refresh: {m}");
            eprintln!("bedrock-lsp: nothing refreshed; the stored catalog is unchanged");
            return 1;
        }
    };
    let mut failed = 0;
    for (region, res) in &results {
        match res {
            Ok(s) => {
                let acct = s
                    .account
                    .as_deref()
                    .map(|a| format!(", account {a}"))
                    .unwrap_or_default();
                println!(
                    "{region}{acct}: {} models, {} inference profiles, {} new IDs -> {}",
                    s.models,
                    s.profiles,
                    s.new_ids,
                    s.path.display()
                );
                for why in &s.skipped {
                    eprintln!("bedrock-lsp: warning: {region}: left out an entry: {why}");
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("bedrock-lsp: {region}: {e}");
                eprintln!("bedrock-lsp: {region}: not refreshed; its stored data is unchanged");
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "bedrock-lsp: {} of {} Regions refreshed",
            results.len() - failed,
            results.len()
        );
        1
    } else {
        0
    }
}

fn import_files(files: &[PathBuf], region: Option<&str>, today: Date) -> u8 {
    let Some(dir) = user_catalog_dir() else {
        eprintln!("bedrock-lsp: no user catalog directory (set BEDROCK_LSP_CATALOG_DIR)");
        return 2;
    };
    // Check everything first: nothing is written unless every file is good.
    let mut probe = (*Catalog::embedded()).clone();
    let mut writes: Vec<(PathBuf, String, String)> = Vec::new();
    let mut failed = false;
    for f in files {
        match prepare(&mut probe, f, region, today) {
            Ok((name, text, summary)) => writes.push((dir.join(name), text, summary)),
            Err(e) => {
                eprintln!("bedrock-lsp: {e}");
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("bedrock-lsp: nothing imported; the user catalog is unchanged");
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("bedrock-lsp: cannot create {}: {e}", dir.display());
        return 2;
    }
    for (dest, text, summary) in writes {
        let tmp = dest.with_extension("json.tmp");
        if let Err(e) = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, &dest)) {
            eprintln!("bedrock-lsp: cannot write {}: {e}", dest.display());
            return 2;
        }
        println!("{summary} -> {}", dest.display());
    }
    0
}

fn prepare(
    probe: &mut Catalog,
    f: &Path,
    region: Option<&str>,
    today: Date,
) -> Result<(String, String, String), CatalogError> {
    let text = std::fs::read_to_string(f).map_err(|e| CatalogError {
        file: f.to_path_buf(),
        line: None,
        field: None,
        message: format!("cannot read: {e}"),
    })?;
    match import::detect(f, &text)? {
        import::FileKind::Catalog => {
            let file = crate::catalog::parse_catalog_file(f, &text)?;
            probe.apply_text(f, &text, None)?;
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "user.json".into());
            Ok((
                name,
                text,
                format!("{}: {} catalog entries", f.display(), file.models.len()),
            ))
        }
        import::FileKind::Aws => {
            let mut imp = import::parse_aws(f, &text, region)?;
            if imp.doc.import.is_none() {
                imp.imported_on = today;
            }
            let before = probe.models().len();
            import::apply(probe, f, &imp);
            let new = probe.models().len() - before;
            let n_models = imp.doc.model_summaries.as_ref().map_or(0, Vec::len);
            let n_profiles = imp
                .doc
                .inference_profile_summaries
                .as_ref()
                .map_or(0, Vec::len);
            let acct = imp
                .account
                .as_deref()
                .map(|a| format!(", account {a}"))
                .unwrap_or_default();
            let summary = format!(
                "{}: {} in {}{acct}: {n_models} models, {n_profiles} inference profiles, {new} new IDs",
                f.display(),
                imp.kind_label(),
                imp.region
            );
            Ok((
                import::stored_name(&imp),
                import::stored_text(&text, &imp, f),
                summary,
            ))
        }
    }
}
