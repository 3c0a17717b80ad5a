//! The diagnostic rules for one literal: what is wrong with it, said so a developer can
//! act on it, with the fixes. The caller keeps only the most important finding and
//! applies the user's severities.
//!
//! Low noise first: comments and prose never get a finding here; an ID the catalog
//! resolves is never "corrected"; region rules run only when a region is known; a
//! visibly incomplete or interpolated string is never called unknown or profile-less.

use std::ops::Range;

use super::region::{RegionInForce, RegionOrigin};
use super::{Code, Context, Edit, Finding, Fix};
use crate::catalog::id::{self, IdKind};
use crate::catalog::{Dialect, Form, Model, RegionSupport, Resolution, Status};
use crate::settings::Level;
use crate::syntax::{Literal, LiteralContext};

pub fn diagnose(
    text: &str,
    id_text: &str,
    lit: &Literal,
    region: &RegionInForce,
    mentions_bedrock: bool,
    ctx: &Context,
) -> Vec<Finding> {
    if matches!(lit.context, LiteralContext::Comment | LiteralContext::Prose) {
        return Vec::new();
    }
    let mut out = Vec::new();
    match ctx.catalog.resolve(id_text) {
        Resolution::Opaque(_) => {}
        Resolution::Unknown => unknown(id_text, lit, mentions_bedrock, ctx, &mut out),
        Resolution::Foreign { model, dialect } => {
            if lit.context == LiteralContext::Key && mentions_bedrock {
                out.push(foreign(id_text, lit, model, dialect, region, ctx));
            }
        }
        Resolution::Known { model, form, .. } => {
            known(text, id_text, lit, model, &form, region, ctx, &mut out)
        }
    }
    out
}

fn finding(lit: &Literal, code: Code, message: String, fixes: Vec<Fix>) -> Finding {
    Finding {
        span: lit.span.clone(),
        code,
        level: Level::Warning, // replaced by the caller from the settings
        message,
        deprecated: matches!(code, Code::LegacyModel | Code::EolModel),
        fixes,
    }
}

/// Where the identifier proper sits inside `id_text` (skipping a `bedrock/` prefix; for
/// an ARN, the resource ID after `foundation-model/` or `inference-profile/`).
fn replaceable_span(id_text: &str) -> Range<usize> {
    match id::parse(id_text) {
        Some(p) => match p.kind {
            IdKind::FoundationModelArn | IdKind::InferenceProfileArn => {
                let start = p
                    .scope
                    .as_ref()
                    .or(p.model.as_ref())
                    .map_or(p.id.start, |r| r.start);
                let end = p.model_with_context.as_ref().map_or(p.id.end, |r| r.end);
                start..end
            }
            _ => p.id.clone(),
        },
        None => 0..id_text.len(),
    }
}

/// A fix that replaces the identifier of `lit` with `new_id` (kept inside an ARN).
pub(super) fn replace_fix(
    lit: &Literal,
    id_text: &str,
    title: String,
    new_id: &str,
    preferred: bool,
    safe: bool,
) -> Fix {
    let r = replaceable_span(id_text);
    Fix {
        title,
        edits: vec![Edit {
            span: lit.span.start + r.start..lit.span.start + r.end,
            new_text: new_id.to_string(),
        }],
        preferred,
        safe,
    }
}

fn code_list(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown(
    id_text: &str,
    lit: &Literal,
    mentions_bedrock: bool,
    ctx: &Context,
    out: &mut Vec<Finding>,
) {
    if lit.incomplete || id_text.is_empty() {
        return;
    }
    let Some(parsed) = id::parse(id_text) else {
        return;
    };
    let known_provider = parsed.has_known_provider(id_text);
    let suggestions = ctx.catalog.suggest(id_text, 3);
    // Report only what is plainly meant as a Bedrock ID: a known provider prefix, or a
    // near miss of a real ID in a file that uses Bedrock. A value outside a model key
    // must also be a near miss (a new model the catalog lacks stays quiet there).
    let meant_as_bedrock = match lit.context {
        LiteralContext::Key => known_provider || (!suggestions.is_empty() && mentions_bedrock),
        _ => !suggestions.is_empty() && (known_provider || mentions_bedrock),
    };
    if !meant_as_bedrock {
        return;
    }
    let as_of = ctx.catalog.as_of();
    let ids: Vec<String> = suggestions.iter().map(|s| s.id.clone()).collect();
    let message = match ids.len() {
        0 => format!(
            "Unknown Bedrock model ID `{id_text}`: not in the catalog (as of {as_of}). If AWS added it since, run `bedrock-lsp catalog refresh` or add it to `ignoreIds`."
        ),
        1 => format!("Unknown Bedrock model ID `{id_text}`. Did you mean `{}`?", ids[0]),
        _ => format!(
            "Unknown Bedrock model ID `{id_text}`. Did you mean {}?",
            code_list(&ids)
        ),
    };
    // A near miss of a retired model: say so, so the user does not stop at the typo.
    let retired_note = suggestions
        .first()
        .and_then(|sug| ctx.catalog.get(&sug.model_id))
        .filter(|m| m.status(ctx.today) == Status::Eol)
        .map(|m| {
            let when = m
                .lifecycle
                .eol
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            match ctx.catalog.replacement(m, ctx.today) {
                Some(r) => format!(
                    " Note: {} reached end of life{when}; its replacement is {} (`{}`).",
                    m.name, r.name, r.id
                ),
                None => format!(" Note: {} reached end of life{when}.", m.name),
            }
        })
        .unwrap_or_default();
    let message = message + &retired_note;
    let single = ids.len() == 1;
    let fixes = ids
        .iter()
        .enumerate()
        .map(|(i, s)| {
            replace_fix(
                lit,
                id_text,
                format!("Replace with `{s}`"),
                s,
                i == 0 && single,
                single,
            )
        })
        .collect();
    out.push(finding(lit, Code::UnknownModel, message, fixes));
}

fn foreign(
    id_text: &str,
    lit: &Literal,
    model: &Model,
    dialect: Dialect,
    region: &RegionInForce,
    ctx: &Context,
) -> Finding {
    let api = match dialect {
        Dialect::Anthropic => "the Anthropic API's",
        Dialect::Vertex => "Vertex AI's",
    };
    let target = id_for_region(model, None, region, ctx);
    let message = format!(
        "`{id_text}` is {api} name for {}; Bedrock calls it `{target}`.",
        model.name
    );
    let fix = replace_fix(
        lit,
        id_text,
        format!("Use the Bedrock ID `{target}`"),
        &target,
        true,
        false,
    );
    finding(lit, Code::NotBedrockId, message, vec![fix])
}

/// The ID to write for `model` in the region(s) in force, keeping a profile scope the
/// user chose when the model has that profile: the base ID where it works on demand,
/// else the one profile the region needs.
fn id_for_region(
    model: &Model,
    scope: Option<&str>,
    region: &RegionInForce,
    ctx: &Context,
) -> String {
    if let Some(p) = scope.and_then(|s| model.profile_for_scope(s)) {
        return p.id.clone();
    }
    if let [r] = region.regions.as_slice() {
        if let RegionSupport::ProfileOnly { profiles } = ctx.catalog.region_support(model, r) {
            if let Some(p) = preferred_profile(&profiles) {
                return p;
            }
        }
    }
    model.id.clone()
}

/// The one clear profile among those a region allows: the only one, or the only
/// geographic one beside `global.` (it keeps requests in the geography).
pub(super) fn preferred_profile(profiles: &[String]) -> Option<String> {
    let geo: Vec<&String> = profiles
        .iter()
        .filter(|p| !p.starts_with("global."))
        .collect();
    match (profiles, geo.as_slice()) {
        ([only], _) => Some(only.clone()),
        (_, [g]) => Some((*g).clone()),
        _ => None,
    }
}

/// Keys of control-plane calls (`get_foundation_model(modelIdentifier=…)`, a
/// customization job's base model) take the bare model ID whatever the region does.
fn is_control_plane_key(key: Option<&str>) -> bool {
    key.is_some_and(|k| {
        let k = k.to_ascii_lowercase();
        k.contains("identifier") || k.starts_with("base")
    })
}

/// How far before a literal (bytes) its diagnosis looks.
pub(super) const LOOKBACK: usize = 400;

/// Text before the literal on its line and a little before mentions provisioning
/// (`create_provisioned_model_throughput(modelId="…:18k")` is the right place for it).
fn provisioning_context(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(LOOKBACK);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at].to_ascii_lowercase().contains("provisioned")
}

#[allow(clippy::too_many_arguments)]
fn known(
    text: &str,
    id_text: &str,
    lit: &Literal,
    model: &Model,
    form: &Form,
    region: &RegionInForce,
    ctx: &Context,
    out: &mut Vec<Finding>,
) {
    let scope = match form {
        Form::Profile { scope, .. } => Some(scope.as_str()),
        _ => None,
    };
    let one_region = match region.regions.as_slice() {
        [r] => Some(r.as_str()),
        _ => None,
    };
    lifecycle(id_text, lit, model, scope, one_region, region, ctx, out);
    // For a retired model the end of life is the whole story: no region or
    // provisioning advice about a model that no longer answers.
    if model.lifecycle.status_in(ctx.today, one_region) == Status::Eol {
        return;
    }

    let parsed = id::parse(id_text);
    let is_arn = parsed.as_ref().is_some_and(|p| {
        matches!(
            p.kind,
            IdKind::FoundationModelArn | IdKind::InferenceProfileArn
        )
    });

    // Provisioned-throughput IDs outside a provisioning call.
    if let Form::Provisioned { id: pid, context } = form {
        if !provisioning_context(text, lit.span.start) {
            let ctx_note = context
                .as_ref()
                .map(|c| format!(" with a {c} context"))
                .unwrap_or_default();
            let target = id_for_region(model, None, region, ctx);
            out.push(finding(
                lit,
                Code::ProvisionedOnly,
                format!(
                    "`{pid}` is a Provisioned Throughput ID for {}{ctx_note}: it names the model to buy capacity for (CreateProvisionedModelThroughput) and fails in on-demand calls. On demand, use `{target}`.",
                    model.name
                ),
                vec![replace_fix(
                    lit,
                    id_text,
                    format!("Use the on-demand ID `{target}`"),
                    &target,
                    true,
                    false,
                )],
            ));
        }
        return;
    }
    if !matches!(form, Form::Base | Form::Profile { .. }) {
        return;
    }
    if is_control_plane_key(lit.key.as_deref()) {
        return;
    }
    // Only for a model a source lists as active: old entries known only from
    // provisioned-ID lists say nothing about on-demand use.
    if model.provisioned_only()
        && model.status(ctx.today) == Status::Active
        && !provisioning_context(text, lit.span.start)
    {
        out.push(finding(
            lit,
            Code::ProvisionedOnly,
            format!(
                "{} (`{}`) is offered only with Provisioned Throughput: on-demand calls with this ID fail.",
                model.name, model.id
            ),
            Vec::new(),
        ));
        return;
    }

    match form {
        Form::Profile { scope, .. } => {
            for r in &region.regions {
                if ctx.catalog.profile_covers(scope, r) == Some(false) {
                    let right = ctx.catalog.profiles_for(model, r);
                    let msg = format!(
                        "The `{scope}.` inference profile cannot be called from {r}{}: its source regions are elsewhere.{}",
                        origin_note(region),
                        if right.is_empty() {
                            String::new()
                        } else {
                            format!(" From {r}, use {}.", code_list(&right))
                        }
                    );
                    let choice = preferred_profile(&right).filter(|_| region.regions.len() == 1);
                    let mut ordered = right.clone();
                    ordered.sort_by_key(|p| Some(p) != choice.as_ref());
                    let fixes = ordered
                        .iter()
                        .map(|p| {
                            let clear = Some(p) == choice.as_ref();
                            replace_fix(lit, id_text, format!("Use `{p}`"), p, clear, clear)
                        })
                        .collect();
                    out.push(finding(lit, Code::RegionUnavailable, msg, fixes));
                    break;
                }
            }
        }
        Form::Base => {
            let mut needs_profile_reported = false;
            for r in &region.regions {
                match ctx.catalog.region_support(model, r) {
                    RegionSupport::OnDemand | RegionSupport::Unknown => {}
                    RegionSupport::ProvisionedOnly => out.push(finding(
                        lit,
                        Code::ProvisionedOnly,
                        format!(
                            "In {r}{}, {} is offered only with Provisioned Throughput: on-demand calls with `{}` fail.",
                            origin_note(region),
                            model.name,
                            model.id
                        ),
                        Vec::new(),
                    )),
                    RegionSupport::NotOffered { where_offered } => {
                        let elsewhere = if where_offered.is_empty() {
                            "AWS lists no region with on-demand use of it.".to_string()
                        } else {
                            format!("On-demand regions: {}.", where_offered.join(", "))
                        };
                        out.push(finding(
                            lit,
                            Code::RegionUnavailable,
                            format!(
                                "{} (`{}`) is not offered in {r}{}. {elsewhere}",
                                model.name,
                                model.id,
                                origin_note(region)
                            ),
                            Vec::new(),
                        ));
                    }
                    RegionSupport::ProfileOnly { profiles } => {
                        if lit.scope_interpolated || is_arn || needs_profile_reported {
                            continue;
                        }
                        needs_profile_reported = true;
                        let choice = preferred_profile(&profiles)
                            .filter(|_| region.regions.len() == 1);
                        let advice = if profiles.is_empty() {
                            "No profile ID for this region is documented in the catalog; see the AWS inference-profile table.".to_string()
                        } else {
                            format!("Use {}.", code_list(&profiles))
                        };
                        let mut ordered = profiles.clone();
                        ordered.sort_by_key(|p| Some(p) != choice.as_ref());
                        let fixes = ordered
                            .iter()
                            .map(|p| {
                                let clear = Some(p) == choice.as_ref();
                                replace_fix(
                                    lit,
                                    id_text,
                                    format!("Use the inference profile `{p}`"),
                                    p,
                                    clear,
                                    clear,
                                )
                            })
                            .collect();
                        out.push(finding(
                            lit,
                            Code::NeedsInferenceProfile,
                            format!(
                                "In {r}{}, {} is served only through a cross-region inference profile; the bare ID `{}` fails on demand. {advice}",
                                origin_note(region),
                                model.name,
                                model.id
                            ),
                            fixes,
                        ));
                    }
                }
            }
            // No region known, but no region at all serves the bare ID on demand.
            if region.regions.is_empty()
                && model.requires_profile == Some(true)
                && !lit.scope_interpolated
                && !is_arn
                && !model.profiles.is_empty()
            {
                let profiles: Vec<String> = model.profiles.iter().map(|p| p.id.clone()).collect();
                let single = profiles.len() == 1;
                let fixes = profiles
                    .iter()
                    .map(|p| {
                        replace_fix(
                            lit,
                            id_text,
                            format!("Use the inference profile `{p}`"),
                            p,
                            single,
                            false,
                        )
                    })
                    .collect();
                out.push(finding(
                    lit,
                    Code::NeedsInferenceProfile,
                    format!(
                        "{} has no region that serves the bare ID `{}` on demand: call it through an inference profile ({}). Set `region` to get the one your region needs.",
                        model.name,
                        model.id,
                        code_list(&profiles)
                    ),
                    fixes,
                ));
            }
        }
        _ => {}
    }
}

fn origin_note(region: &RegionInForce) -> String {
    match &region.origin {
        RegionOrigin::Arn => " (the ARN's region)".into(),
        RegionOrigin::Code(_) => " (the region named in this file)".into(),
        RegionOrigin::Settings => " (the configured region)".into(),
        RegionOrigin::Unknown => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn lifecycle(
    id_text: &str,
    lit: &Literal,
    model: &Model,
    scope: Option<&str>,
    one_region: Option<&str>,
    region: &RegionInForce,
    ctx: &Context,
    out: &mut Vec<Finding>,
) {
    let lc = &model.lifecycle;
    let status = lc.status_in(ctx.today, one_region);
    let regional = one_region.and_then(|r| {
        lc.regional
            .iter()
            .find(|rl| rl.regions.iter().any(|x| x == r))
    });
    let eol = regional.and_then(|r| r.eol).or(lc.eol);
    let legacy = regional.and_then(|r| r.legacy).or(lc.legacy);
    let extended = regional
        .and_then(|r| r.extended_access)
        .or(lc.extended_access);
    let replacement = ctx.catalog.replacement(model, ctx.today);
    let target = replacement.map(|m| id_for_region(m, scope, region, ctx));
    let migrate = match (&replacement, &target) {
        (Some(m), Some(t)) => format!(" Migrate to {} (`{t}`).", m.name),
        _ => lc
            .replacement_name
            .as_ref()
            .map(|n| format!(" AWS recommends {n}."))
            .unwrap_or_default(),
    };
    let in_region = match (regional, one_region) {
        (Some(_), Some(r)) => format!(" in {r}"),
        _ => String::new(),
    };
    match status {
        Status::Eol => {
            let when = match eol {
                Some(d) => format!("reached end of life{in_region} on {d}"),
                None => "has reached end of life (AWS lists it as retired)".to_string(),
            };
            let fixes = target
                .iter()
                .map(|t| replace_fix(lit, id_text, format!("Migrate to `{t}`"), t, true, true))
                .collect();
            out.push(finding(
                lit,
                Code::EolModel,
                format!(
                    "{} (`{}`) {when}: calls with this ID fail.{migrate}",
                    model.name, model.id
                ),
                fixes,
            ));
        }
        Status::Legacy => {
            let since = legacy.map(|d| format!(" since {d}")).unwrap_or_default();
            let until = match (eol, extended) {
                (Some(e), Some(x)) if x > ctx.today => format!(
                    "; public extended access (at higher prices) from {x}, end of life on {e}"
                ),
                (Some(e), _) => format!("; it stops working on {e}"),
                _ => String::new(),
            };
            let fixes = target
                .iter()
                .map(|t| replace_fix(lit, id_text, format!("Migrate to `{t}`"), t, true, false))
                .collect();
            out.push(finding(
                lit,
                Code::LegacyModel,
                format!(
                    "{} (`{}`) is a legacy model{in_region}{since}{until}.{migrate}",
                    model.name, model.id
                ),
                fixes,
            ));
        }
        Status::Active | Status::Unknown => {}
    }
}
