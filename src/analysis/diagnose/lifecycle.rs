//! `eol-model` and `legacy-model`: facts about the model, reported wherever code is
//! (calls, data, tests), with the migration to its replacement (never a safe fix: it
//! changes the model a program calls).

use super::fixes::{id_for_region, replace_fix};
use super::{code_list, Known};
use crate::analysis::region::RegionInForce;
use crate::analysis::{Code, Context, Finding, Fix};
use crate::catalog::{Model, Status};

/// The model's lifecycle where the literal stands: retired (`eol-model`) or in its
/// legacy period (`legacy-model`), with the dates (the region's own when exactly one
/// region is in force) and the migration to the replacement.
pub(super) fn finding(k: &Known) -> Option<Finding> {
    let (s, model, scope, one_region) = (k.s, k.model, k.scope, k.one_region);
    let (ctx, region) = (s.ctx, s.region);
    let lc = &model.lifecycle;
    let status = lc.status_in(ctx.today, one_region);
    if !matches!(status, Status::Eol | Status::Legacy) {
        return None;
    }
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
    let targets = replacement
        .map(|m| migration_targets(m, scope, region, ctx))
        .unwrap_or_default();
    let migrate = match (&replacement, targets.as_slice()) {
        (Some(m), [t]) => format!(" Migrate to {} (`{t}`).", m.name),
        (Some(m), [_, ..]) => format!(
            " Migrate to {} through an inference profile ({}).",
            m.name,
            code_list(&targets)
        ),
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
    // A migration changes the model a program calls (and may need another request
    // body): never safe.
    let fixes = || -> Vec<Fix> {
        let single = targets.len() == 1;
        targets
            .iter()
            .map(|t| {
                replace_fix(
                    s.lit,
                    s.id_text,
                    format!("Migrate to `{t}`"),
                    t,
                    single,
                    false,
                )
            })
            .collect()
    };
    match status {
        Status::Eol => {
            let when = match eol {
                Some(d) => format!("reached end of life{in_region} on {d}"),
                None => "has reached end of life (AWS lists it as retired)".to_string(),
            };
            Some(super::finding(
                s,
                Code::EolModel,
                format!(
                    "{} (`{}`) {when}: calls with this ID fail.{migrate}",
                    model.name, model.id
                ),
                fixes(),
            ))
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
            Some(super::finding(
                s,
                Code::LegacyModel,
                format!(
                    "{} (`{}`) is a legacy model{in_region}{since}{until}.{migrate}",
                    model.name, model.id
                ),
                fixes(),
            ))
        }
        Status::Active | Status::Unknown => None,
    }
}

/// The IDs to migrate to: the one the region(s) need, keeping the user's profile
/// scope when the replacement has it; where the replacement is served only through
/// profiles and no region decides, each of its profiles.
fn migration_targets(
    model: &Model,
    scope: Option<&str>,
    region: &RegionInForce,
    ctx: &Context,
) -> Vec<String> {
    let t = id_for_region(model, scope, region, ctx);
    if t == model.id && model.requires_profile == Some(true) && !model.profiles.is_empty() {
        return model.profiles.iter().map(|p| p.id.clone()).collect();
    }
    vec![t]
}
