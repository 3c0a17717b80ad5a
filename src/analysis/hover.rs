//! Hover cards: what a model-ID string is and what the catalog knows about the model,
//! as Markdown. Also used as the documentation of completion items.

use std::fmt::Write;
use std::ops::Range;

use super::region::{region_at, RegionInForce, RegionOrigin};
use super::{Context, DocumentAnalysis};
use crate::catalog::id::{self, IdKind};
use crate::catalog::{Dialect, Form, Model, RegionSupport, Resolution, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub span: Range<usize>,
    pub markdown: String,
}

/// The hover card for the literal under `offset`, if any.
pub fn hover(
    text: &str,
    analysis: &DocumentAnalysis,
    offset: usize,
    ctx: &Context,
) -> Option<Hover> {
    let lit = analysis.literal_at(offset)?;
    let id_text = text.get(lit.span.clone())?;
    let region = region_at(text, &analysis.scan, lit, ctx);
    let markdown = hover_card_for_id(id_text, &region, ctx)?;
    Some(Hover {
        span: lit.span.clone(),
        markdown,
    })
}

fn status_line(model: &Model, region: Option<&str>, ctx: &Context) -> String {
    let lc = &model.lifecycle;
    let status = lc.status_in(ctx.today, region);
    let mut s = match status {
        Status::Active => "Active".to_string(),
        Status::Legacy => "**Legacy**".to_string(),
        Status::Eol => "**End of life**".to_string(),
        Status::Unknown => "Unknown (no source gives a status)".to_string(),
    };
    let mut dates = Vec::new();
    if let Some(d) = lc.legacy {
        dates.push(format!("legacy {d}"));
    }
    if let Some(d) = lc.extended_access {
        dates.push(format!("extended access {d}"));
    }
    if let Some(d) = lc.eol {
        dates.push(format!("end of life {d}"));
    }
    for rl in &lc.regional {
        if let Some(d) = rl.eol {
            dates.push(format!("end of life {d} in {}", rl.regions.join(", ")));
        }
    }
    if !dates.is_empty() {
        let _ = write!(s, " ({})", dates.join("; "));
    }
    if matches!(status, Status::Legacy | Status::Eol) {
        if let Some(r) = ctx.catalog.replacement(model, ctx.today) {
            let _ = write!(s, " → replacement: {} (`{}`)", r.name, r.id);
        } else if let Some(n) = &lc.replacement_name {
            let _ = write!(s, " → AWS recommends {n}");
        }
    }
    s
}

fn fmt_tokens(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn region_list(list: &[String], in_force: &[String]) -> String {
    list.iter()
        .map(|r| {
            if in_force.contains(r) {
                format!("**{r}** ◀")
            } else {
                r.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What kind of string this is, in a short phrase.
fn what_it_is(id_text: &str, form: &Form) -> String {
    let parsed = id::parse(id_text);
    let arn = parsed.as_ref().and_then(|p| {
        let region = p.get(id_text, &p.region).unwrap_or("any region");
        match p.kind {
            IdKind::FoundationModelArn => Some(format!("foundation-model ARN ({region})")),
            IdKind::InferenceProfileArn => Some(format!(
                "inference-profile ARN ({region}{})",
                p.get(id_text, &p.account)
                    .map(|a| format!(", account {a}"))
                    .unwrap_or_default()
            )),
            _ => None,
        }
    });
    let form_text = match form {
        Form::Base => "base model ID".to_string(),
        Form::Profile {
            scope, documented, ..
        } => format!(
            "cross-region inference profile, `{scope}` scope{}",
            if *documented {
                ""
            } else {
                " (this profile ID is not listed in the catalog's sources)"
            }
        ),
        Form::Provisioned { context, .. } => match context {
            Some(c) => format!("Provisioned Throughput ID, {c} context"),
            None => "Provisioned Throughput ID".to_string(),
        },
        Form::Related { .. } => {
            "another ID AWS lists for this model (role undocumented)".to_string()
        }
    };
    match arn {
        Some(a) => format!("{a} · {form_text}"),
        None => form_text,
    }
}

fn model_card(
    model: &Model,
    heading_note: &str,
    form: Option<&Form>,
    region: &RegionInForce,
    ctx: &Context,
) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "**{}** — {}", model.name, model.provider);
    let _ = writeln!(md);
    let _ = writeln!(md, "{heading_note}");
    let _ = writeln!(md);
    let one_region = match region.regions.as_slice() {
        [r] => Some(r.as_str()),
        _ => None,
    };
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(m) = &model.modalities {
        let join = |v: &Option<Vec<crate::catalog::Modality>>| {
            v.as_ref().map(|v| {
                v.iter()
                    .map(|x| format!("{x:?}").to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        };
        if let Some(i) = join(&m.input) {
            rows.push(("Input".into(), i));
        }
        if let Some(o) = join(&m.output) {
            rows.push(("Output".into(), o));
        }
    }
    if let Some(c) = model.context_window {
        rows.push(("Context window".into(), format!("{} tokens", fmt_tokens(c))));
    }
    if let Some(c) = model.max_output_tokens {
        rows.push(("Max output".into(), format!("{} tokens", fmt_tokens(c))));
    }
    rows.push(("Lifecycle".into(), status_line(model, one_region, ctx)));
    let _ = writeln!(md, "| | |\n|---|---|");
    for (k, v) in rows {
        let _ = writeln!(md, "| {k} | {v} |");
    }
    let _ = writeln!(md);
    // Regions.
    let in_force = &region.regions;
    if !in_force.is_empty() {
        let _ = writeln!(md, "Region in force: {}", region_summary(region));
        let _ = writeln!(md);
    }
    let profile_scope = match form {
        Some(Form::Profile { scope, .. }) => Some(scope.as_str()),
        _ => None,
    };
    if let Some(scope) = profile_scope {
        profile_lines(&mut md, model, scope, in_force, ctx);
    } else {
        base_region_lines(&mut md, model, in_force, ctx);
    }
    if !model.provisioned.is_empty() {
        let list: Vec<String> = model
            .provisioned
            .iter()
            .map(|p| match &p.context {
                Some(c) => format!("`{}` ({c})", p.id),
                None => format!("`{}`", p.id),
            })
            .collect();
        let _ = writeln!(md, "- Provisioned Throughput: {}", list.join(", "));
    }
    let _ = writeln!(md);
    if let Some(url) = &model.docs_url {
        let _ = writeln!(md, "[AWS model card]({url})");
        let _ = writeln!(md);
    }
    let sources: Vec<String> = model
        .sources
        .iter()
        .map(|s| describe_source(s, ctx))
        .collect();
    let _ = write!(
        md,
        "*bedrock-lsp catalog as of {}; sources: {}*",
        ctx.catalog.as_of(),
        sources.join(", ")
    );
    if let Some(notice) = ctx.catalog.stale_notice(ctx.today) {
        let _ = write!(md, "\n\n*{notice}*");
    }
    md
}

/// Regions and endpoints of a base (or provisioned, related) ID.
fn base_region_lines(md: &mut String, model: &Model, in_force: &[String], ctx: &Context) {
    match &model.regions {
        Some(r) => {
            if !r.on_demand.is_empty() {
                let _ = writeln!(md, "- On demand: {}", region_list(&r.on_demand, in_force));
            }
            if !r.profile_only.is_empty() {
                let _ = writeln!(
                    md,
                    "- Only through a profile: {}",
                    region_list(&r.profile_only, in_force)
                );
            }
            if r.on_demand.is_empty() && r.profile_only.is_empty() {
                let _ = writeln!(md, "- AWS's region table lists no in-region on-demand use");
            }
        }
        None => {
            let _ = writeln!(md, "- Regions: not in AWS's region table (unknown)");
        }
    }
    if model.requires_profile == Some(true) {
        let mantle = model
            .endpoints
            .as_ref()
            .and_then(|e| e.mantle_regions.as_ref())
            .filter(|l| !l.is_empty());
        let _ = match mantle {
            Some(_) => writeln!(
                md,
                "- On bedrock-runtime the bare ID works on demand in no region: use a profile (bedrock-mantle takes the bare ID in its regions below)"
            ),
            None => writeln!(
                md,
                "- The bare ID works on demand in no region: use a profile"
            ),
        };
    }
    if !model.profiles.is_empty() {
        let list: Vec<String> = model
            .profiles
            .iter()
            .map(|p| format!("`{}`", p.id))
            .collect();
        let _ = writeln!(md, "- Inference profiles: {}", list.join(", "));
    }
    endpoint_lines(md, model, in_force, ctx);
}

/// Which endpoint serves the bare ID: bedrock-runtime, bedrock-mantle, or both.
fn endpoint_lines(md: &mut String, model: &Model, in_force: &[String], ctx: &Context) {
    let Some(e) = &model.endpoints else {
        return;
    };
    let mut parts = Vec::new();
    match e.runtime {
        Some(true) => parts.push("bedrock-runtime".to_string()),
        Some(false) => parts.push("not bedrock-runtime".to_string()),
        None => {}
    }
    match (&e.mantle_regions, e.mantle) {
        (Some(list), _) if !list.is_empty() => parts.push(format!(
            "bedrock-mantle (bare ID in-region: {})",
            region_list(list, in_force)
        )),
        (_, Some(true)) => parts.push("bedrock-mantle".to_string()),
        (_, Some(false)) => parts.push("not bedrock-mantle".to_string()),
        _ => {}
    }
    if !parts.is_empty() {
        let _ = writeln!(md, "- Endpoints: {}", parts.join("; "));
    }
    if let [r] = in_force {
        let support = ctx.catalog.endpoints_in(model, r);
        let runtime = match &support.runtime {
            RegionSupport::OnDemand => Some("bare ID on demand"),
            RegionSupport::ProfileOnly { .. } => Some("only through a profile"),
            RegionSupport::ProvisionedOnly => Some("Provisioned Throughput only"),
            RegionSupport::NotOffered { .. } => Some("not offered"),
            RegionSupport::Unknown => None,
        };
        let mantle = match &support.mantle {
            RegionSupport::OnDemand => Some("bare ID in-region"),
            RegionSupport::NotOffered { .. } => Some("bare ID not in-region"),
            _ => None,
        };
        let mut v = Vec::new();
        if let Some(x) = runtime {
            v.push(format!("bedrock-runtime: {x}"));
        }
        if let Some(x) = mantle {
            v.push(format!("bedrock-mantle: {x}"));
        }
        if !v.is_empty() {
            let _ = writeln!(md, "- In {r}: {}", v.join("; "));
        }
    }
}

/// A profile ID's card: the Regions it can be called from, not the bare ID's.
fn profile_lines(md: &mut String, model: &Model, scope: &str, in_force: &[String], ctx: &Context) {
    match ctx.catalog.profile_source_regions(model, scope) {
        Some(src) => {
            let how = if src.per_model {
                ""
            } else {
                " (the scope's regions; per-region data for this model is unknown)"
            };
            let _ = writeln!(
                md,
                "- Callable from (source regions of `{scope}.`): {}{how}",
                region_list(&src.regions, in_force)
            );
            for r in in_force {
                if !src.regions.contains(r) {
                    let _ = writeln!(md, "- Not a source region of this profile: **{r}**");
                }
            }
        }
        None => {
            let _ = writeln!(
                md,
                "- Source regions of `{scope}.`: unknown (the catalog has no data for this scope)"
            );
        }
    }
    if let Some(p) = model.profile_for_scope(scope) {
        if !p.sources.is_empty() {
            let _ = writeln!(md, "- Profile ID documented by: {}", p.sources.join(", "));
        }
        if let Some(n) = &p.note {
            let _ = writeln!(md, "- Note: {n}");
        }
    }
    let others: Vec<String> = model
        .profiles
        .iter()
        .filter(|p| p.scope != scope)
        .map(|p| format!("`{}`", p.id))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(md, "- Other profiles: {}", others.join(", "));
    }
}

/// A source key as a reader wants it: refreshed and imported AWS listings say where
/// the fact came from ("from your account 1111…, eu-central-1, refreshed 2026-…").
fn describe_source(key: &str, ctx: &Context) -> String {
    match key.strip_prefix("import:") {
        Some(file) => match ctx.catalog.source_text(key) {
            Some(t) if t.starts_with("from your ") => t.to_string(),
            _ => format!("imported AWS listing {file}"),
        },
        None => key.to_string(),
    }
}

fn region_summary(region: &RegionInForce) -> String {
    let list: Vec<String> = region.regions.iter().map(|r| format!("`{r}`")).collect();
    let origin = match region.origin {
        RegionOrigin::Arn => "from the ARN",
        RegionOrigin::Code(_) => "named in this file",
        RegionOrigin::Settings => "from the settings",
        RegionOrigin::Unknown => "unknown",
    };
    format!("{} ({origin})", list.join(", "))
}

/// The card for any identifier text (a literal's text or a completion item's ID).
pub fn hover_card_for_id(id_text: &str, region: &RegionInForce, ctx: &Context) -> Option<String> {
    match ctx.catalog.resolve(id_text) {
        Resolution::Known { model, form, .. } => {
            let mut note = format!("`{id_text}` · {}", what_it_is(id_text, &form));
            let ops = form.operations(model);
            if !ops.is_empty() {
                let _ = write!(note, "\n\nUsed with: {}", ops.join(", "));
            }
            Some(model_card(model, &note, Some(&form), region, ctx))
        }
        Resolution::Foreign { model, dialect } => {
            let api = match dialect {
                Dialect::Anthropic => "Anthropic API",
                Dialect::Vertex => "Vertex AI",
            };
            let note = format!(
                "`{id_text}` is the {api} name of this model; on Bedrock its ID is `{}`.",
                model.id
            );
            Some(model_card(model, &note, None, region, ctx))
        }
        Resolution::Opaque(kind) => {
            let p = id::parse(id_text)?;
            let mut md = format!("**{}** ARN", capitalize(kind.describe()));
            if let Some(r) = p.get(id_text, &p.region) {
                let _ = write!(md, " · region `{r}`");
            }
            if let Some(a) = p.get(id_text, &p.account) {
                let _ = write!(md, " · account `{a}`");
            }
            md.push_str("\n\nNot a catalogued model: bedrock-lsp accepts it as written.");
            Some(md)
        }
        Resolution::Unknown => {
            if !id::looks_like_model_id(id_text) {
                return None;
            }
            let suggestions = ctx.catalog.suggest(id_text, 3);
            let mut md = format!(
                "**Unknown model ID** `{id_text}`\n\nNot in the bedrock-lsp catalog (as of {}).",
                ctx.catalog.as_of()
            );
            if !suggestions.is_empty() {
                let list: Vec<String> = suggestions.iter().map(|s| format!("`{}`", s.id)).collect();
                let _ = write!(md, " Did you mean {}?", list.join(", "));
            }
            Some(md)
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
