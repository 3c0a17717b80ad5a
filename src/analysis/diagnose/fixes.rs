//! The IDs fixes write and the fixes that write them: replacing the identifier inside a
//! literal (kept inside an ARN), the ID a model needs in the region(s) in force, and the
//! choice among inference profiles.

use std::ops::Range;

use super::Subject;
use crate::analysis::region::RegionInForce;
use crate::analysis::{Context, Edit, Fix};
use crate::catalog::id::{self, IdKind};
use crate::catalog::{Model, RegionSupport};
use crate::syntax::Literal;

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

/// The ID to write for `model` in the region(s) in force, keeping a profile scope the
/// user chose when the model has that profile: the base ID where it works on demand,
/// else the one profile the region needs.
pub(super) fn id_for_region(
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

/// Unsafe fixes that switch to each of `ids`; the one clear choice (see
/// [`preferred_profile`]) first and preferred when `one_region`.
pub(super) fn profile_fixes(s: &Subject, ids: &[String], verb: &str, one_region: bool) -> Vec<Fix> {
    let choice = preferred_profile(ids).filter(|_| one_region);
    let mut ordered = ids.to_vec();
    ordered.sort_by_key(|p| Some(p) != choice.as_ref());
    ordered
        .iter()
        .map(|p| {
            let clear = Some(p) == choice.as_ref();
            replace_fix(s.lit, s.id_text, format!("{verb} `{p}`"), p, clear, false)
        })
        .collect()
}
