//! The diagnostic rules for one literal: what is wrong with it, said so a developer can
//! act on it, with the fixes. The caller keeps only the most important finding and
//! applies the user's severities.
//!
//! Which rule runs follows from how the literal is used ([`Use`]) and how sure the
//! tool is:
//! - facts about the model (retired, legacy, an ID that is a letter-level typo of a
//!   catalog ID) wherever code is: calls, data and tests;
//! - facts about the use (region, inference profile, provisioned throughput, another
//!   API's name) only in calls, and region-specific ones only where a region is bound
//!   to the call ([`super::region::bound_region`]);
//! - nothing in prose (hover still explains an ID there).
//!
//! Fixes follow ruff's convention: *safe* (applied by `check --fix`) only restores the
//! ID the user evidently meant (a letter-level typo); migrations and profile switches
//! are *unsafe* (offered in the editor, applied with `--unsafe-fixes`). A fix never
//! rewrites a map key, and a fix whose result would itself be reported is not offered.
//!
//! One file per concern: `lifecycle.rs` (retired and legacy models), `unknown.rs`
//! (unknown IDs, did-you-mean), `foreign.rs` (another API's model names),
//! `provisioned.rs` (Provisioned Throughput), `region.rs` (what the region in force
//! allows), `fixes.rs` (the IDs fixes write). This file picks the rules for a literal
//! and checks the fixes they offer.

mod fixes;
mod foreign;
mod lifecycle;
mod provisioned;
mod region;
mod unknown;

use super::region::RegionInForce;
use super::site::{Site, Use};
use super::{Code, Context, Edit, Finding, Fix};
use crate::catalog::{Form, Model, Resolution, Status};
use crate::settings::Level;
use crate::syntax::Literal;

/// One literal where it stands: everything a rule may look at.
pub(super) struct Subject<'a, 't> {
    pub text: &'t str,
    pub id_text: &'a str,
    pub lit: &'a Literal,
    pub use_site: Use,
    pub site: &'a Site<'t>,
    /// The region(s) bound to the literal (empty: none known).
    pub region: &'a RegionInForce,
    /// The file mentions Bedrock.
    pub mentions_bedrock: bool,
    /// The file adds profile scopes to bare IDs at run time.
    pub prefix_at_runtime: bool,
    pub ctx: &'a Context<'a>,
}

impl Subject<'_, '_> {
    fn in_call(&self) -> bool {
        self.use_site == Use::Call
    }
}

pub(super) fn diagnose(s: &Subject) -> Vec<Finding> {
    // A test that compares an ID (`expect(retired).toContain("…")`) calls nothing.
    if s.use_site == Use::Test && s.site.asserted {
        return Vec::new();
    }
    let resolution = s.ctx.catalog.resolve(s.id_text);
    let own_model = resolution.model().map(|m| m.id.as_str());
    let mut out = rules(s, &resolution);
    for f in &mut out {
        if s.use_site == Use::Test {
            // Test fixtures often run against a mocked client: a fact about the model
            // is worth knowing there, not worth failing a build for.
            if f.level == Level::Error {
                f.level = Level::Warning;
            }
        }
        if s.site.map_key {
            // A key of a lookup table: renaming it breaks the lookup.
            f.fixes.clear();
        } else {
            f.fixes.retain(|fix| result_is_clean(s, fix, own_model));
            if !f.fixes.iter().any(|x| x.preferred) {
                if let [only] = f.fixes.as_mut_slice() {
                    only.preferred = true;
                }
            }
        }
    }
    out
}

/// The findings for the literal as it is (`resolution`: what its text resolves to),
/// fixes not yet checked.
fn rules(s: &Subject, resolution: &Resolution) -> Vec<Finding> {
    match resolution {
        Resolution::Opaque(_) => Vec::new(),
        Resolution::Unknown => unknown::finding(s).into_iter().collect(),
        Resolution::Foreign { model, dialect } => foreign::finding_for(s, model, *dialect)
            .into_iter()
            .collect(),
        Resolution::Known { model, form, .. } => known(&Known::new(s, model, form)),
    }
}

/// A literal that names a catalog model: everything the rules about a known model look at.
struct Known<'k> {
    s: &'k Subject<'k, 'k>,
    model: &'k Model,
    form: &'k Form,
    /// The profile scope the ID is written with (`us.`), if any.
    scope: Option<&'k str>,
    /// The region in force, when there is exactly one.
    one_region: Option<&'k str>,
}

impl<'k> Known<'k> {
    fn new(s: &'k Subject<'k, 'k>, model: &'k Model, form: &'k Form) -> Self {
        let scope = match form {
            Form::Profile { scope, .. } => Some(scope.as_str()),
            _ => None,
        };
        let one_region = match s.region.regions.as_slice() {
            [r] => Some(r.as_str()),
            _ => None,
        };
        Known {
            s,
            model,
            form,
            scope,
            one_region,
        }
    }
}

/// The findings for an ID of a catalog model: its lifecycle wherever it stands; in a
/// call, how it is called (Provisioned Throughput, region, inference profile).
fn known(k: &Known) -> Vec<Finding> {
    let s = k.s;
    let mut out: Vec<Finding> = lifecycle::finding(k).into_iter().collect();
    // For a retired model the end of life is the whole story: no region or
    // provisioning advice about a model that no longer answers.
    if k.model.lifecycle.status_in(s.ctx.today, k.one_region) == Status::Eol {
        return out;
    }
    // Everything below is about how the ID is called: not for data, tests or prose.
    if !s.in_call() {
        return out;
    }
    if matches!(k.form, Form::Provisioned { .. }) {
        out.extend(provisioned::provisioned_id(k));
        return out;
    }
    if !matches!(k.form, Form::Base | Form::Profile { .. })
        || is_control_plane_key(s.lit.key.as_deref())
    {
        return out;
    }
    if let Some(f) = provisioned::provisioned_only_model(k) {
        out.push(f);
        return out;
    }
    out.extend(region::findings(k));
    out
}

/// The ID a fix leaves is itself clean where the literal stands: known, and no rule
/// reports a problem the fix brings (the lifecycle of the same model, `own_model`, was
/// there before the fix and is not its doing).
fn result_is_clean(s: &Subject, fix: &Fix, own_model: Option<&str>) -> bool {
    let mut new_text = s.id_text.to_string();
    let base = s.lit.span.start;
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        let (Some(a), Some(b)) = (e.span.start.checked_sub(base), e.span.end.checked_sub(base))
        else {
            return false;
        };
        if b > new_text.len() || !new_text.is_char_boundary(a) || !new_text.is_char_boundary(b) {
            return false;
        }
        new_text.replace_range(a..b, &e.new_text);
    }
    let Resolution::Known { model, form, .. } = s.ctx.catalog.resolve(&new_text) else {
        return false;
    };
    let fixed = Subject {
        id_text: &new_text,
        ..*s
    };
    let out = known(&Known::new(&fixed, model, &form));
    let same_model = own_model == Some(model.id.as_str());
    out.iter()
        .all(|f| same_model && matches!(f.code, Code::LegacyModel | Code::EolModel))
}

/// A finding at the code's default level (the caller applies the user's severities).
fn finding(s: &Subject, code: Code, message: String, fixes: Vec<Fix>) -> Finding {
    Finding {
        span: s.lit.span.clone(),
        code,
        level: code.default_level(),
        message,
        deprecated: matches!(code, Code::LegacyModel | Code::EolModel),
        fixes,
        use_site: s.use_site,
    }
}

/// `a`, `b` (IDs quoted for a message).
fn code_list(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Keys of control-plane calls (`get_foundation_model(modelIdentifier=…)`, a
/// customization job's base model) take the bare model ID whatever the region does.
fn is_control_plane_key(key: Option<&str>) -> bool {
    key.is_some_and(|k| {
        let k = k.to_ascii_lowercase();
        k.contains("identifier") || k.starts_with("base")
    })
}
