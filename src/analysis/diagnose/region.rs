//! Findings about where the ID is called from, in a call: a profile whose scope the
//! model lacks or that the region in force cannot call (`unknown-model`,
//! `region-unavailable`), and a bare ID the region serves only with Provisioned
//! Throughput, not at all, or only through a profile (`provisioned-only`,
//! `region-unavailable`, `needs-inference-profile`). Region-specific findings need a
//! region bound to the call ([`crate::analysis::region::bound_region`]).

use super::fixes::profile_fixes;
use super::{code_list, finding, Known};
use crate::analysis::region::{RegionInForce, RegionOrigin};
use crate::analysis::{Code, Finding};
use crate::catalog::id::{self, IdKind};
use crate::catalog::{Endpoint, Form, RegionSupport, ScopeOffer};
use crate::settings::Level;

/// The findings for a base ID or a profile ID of a catalog model where it is called.
pub(super) fn findings(k: &Known) -> Vec<Finding> {
    match k.form {
        Form::Profile {
            scope, documented, ..
        } => profile(k, scope, *documented).into_iter().collect(),
        Form::Base => bare_id(k),
        _ => Vec::new(),
    }
}

/// `<scope>.<model>`: a scope the model has no profile of, or a profile the region in
/// force is not a source region of.
fn profile(k: &Known, scope: &str, documented: bool) -> Option<Finding> {
    let (s, model, catalog) = (k.s, k.model, k.s.ctx.catalog);
    let region = s.region;
    if !documented {
        if let ScopeOffer::NotOffered { profiles } = catalog.profile_scope(model, scope) {
            return Some(missing_profile(k, scope, &profiles));
        }
    }
    let r = region
        .regions
        .iter()
        .find(|r| catalog.profile_covers(scope, r) == Some(false))?;
    let right = catalog.profiles_for(model, r);
    let msg = format!(
        "The `{scope}.` inference profile cannot be called from {r}{}: its source regions are elsewhere.{}",
        origin_note(region),
        if right.is_empty() {
            String::new()
        } else {
            format!(" From {r}, use {}.", code_list(&right))
        }
    );
    let fixes = profile_fixes(s, &right, "Use", region.regions.len() == 1);
    Some(finding(s, Code::RegionUnavailable, msg, fixes))
}

/// A bare model ID: what each region in force says of on-demand use; with no region
/// known, a model that no region serves on demand.
fn bare_id(k: &Known) -> Vec<Finding> {
    let (s, model, catalog) = (k.s, k.model, k.s.ctx.catalog);
    let region = s.region;
    let mut out = Vec::new();
    let is_arn = id::parse(s.id_text).is_some_and(|p| {
        matches!(
            p.kind,
            IdKind::FoundationModelArn | IdKind::InferenceProfileArn
        )
    });
    let prefix_elsewhere = s.lit.scope_interpolated || is_arn || s.prefix_at_runtime;
    let mut needs_profile_reported = false;
    // The endpoint where the call says; else what works on either one (a bare
    // `openai.gpt-6-sol` is valid on bedrock-mantle in us-east-1).
    let endpoint = s.site.endpoint();
    let support = |r: &str| match endpoint {
        Some(e) => catalog.endpoint_support(model, r, e),
        None => catalog.region_support_any(model, r),
    };
    let on_mantle = model
        .endpoints
        .as_ref()
        .and_then(|e| e.mantle_regions.as_ref())
        .is_some_and(|l| !l.is_empty());
    for r in &region.regions {
        match support(r) {
            RegionSupport::OnDemand | RegionSupport::Unknown => {}
            RegionSupport::ProvisionedOnly => out.push(finding(
                s,
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
                    s,
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
                if prefix_elsewhere || needs_profile_reported {
                    continue;
                }
                needs_profile_reported = true;
                let advice = if profiles.is_empty() {
                    "No profile ID for this region is documented in the catalog; see the AWS inference-profile table.".to_string()
                } else {
                    format!("Use {}.", code_list(&profiles))
                };
                let fixes = profile_fixes(
                    s,
                    &profiles,
                    "Use the inference profile",
                    region.regions.len() == 1,
                );
                out.push(finding(
                    s,
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
        && !prefix_elsewhere
        && (endpoint == Some(Endpoint::Runtime) || !on_mantle)
        && !model.profiles.is_empty()
    {
        let profiles: Vec<String> = model.profiles.iter().map(|p| p.id.clone()).collect();
        let fixes = profile_fixes(s, &profiles, "Use the inference profile", false);
        out.push(finding(
            s,
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
    out
}

/// `<scope>.<model>` where the sources say the model has no profile of that scope
/// (`profiles`: the ones it has).
fn missing_profile(k: &Known, scope: &str, profiles: &[String]) -> Finding {
    let (s, model) = (k.s, k.model);
    let profiles = profiles.to_vec();
    let valid = if profiles.is_empty() {
        format!(
            "{} has no cross-Region inference profile; call it by its model ID `{}`.",
            model.name, model.id
        )
    } else {
        format!("Its profiles: {}.", code_list(&profiles))
    };
    let mut choices = profiles.clone();
    if model.requires_profile != Some(true) {
        choices.push(model.id.clone());
    }
    let fixes = profile_fixes(s, &choices, "Use", false);
    let mut f = finding(
        s,
        Code::UnknownModel,
        format!(
            "`{}` is not an inference profile: {} has no `{scope}.` profile (catalog as of {}). {valid}",
            s.id_text,
            model.name,
            s.ctx.catalog.as_of()
        ),
        fixes,
    );
    // The catalog may lag a new profile of a model that has some; a model with none
    // at all is on-demand only.
    if !profiles.is_empty() {
        f.level = Level::Warning;
    }
    f
}

/// Where the region in force comes from, for the message.
fn origin_note(region: &RegionInForce) -> String {
    match &region.origin {
        RegionOrigin::Arn => " (the ARN's region)".into(),
        RegionOrigin::Code(_) => " (the region set for this call or its client)".into(),
        RegionOrigin::Settings => " (the configured region)".into(),
        RegionOrigin::Unknown => String::new(),
    }
}
