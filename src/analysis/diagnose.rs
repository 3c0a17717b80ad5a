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

use std::ops::Range;

use super::region::{RegionInForce, RegionOrigin};
use super::site::{Site, Use};
use super::{Code, Context, Edit, Finding, Fix};
use crate::catalog::id::{self, IdKind};
use crate::catalog::{
    Dialect, Endpoint, Form, Model, RegionSupport, Resolution, ScopeOffer, Status,
};
use crate::settings::Level;
use crate::syntax::{Literal, LiteralContext};

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
    let mut out = Vec::new();
    match resolution {
        Resolution::Opaque(_) => {}
        Resolution::Unknown => unknown(s, &mut out),
        Resolution::Foreign { model, dialect } => {
            if s.in_call()
                && s.lit.context == LiteralContext::Key
                && s.mentions_bedrock
                && s.site.in_bedrock_call()
            {
                out.push(foreign(s, model, *dialect));
            }
        }
        Resolution::Known { model, form, .. } => known(s, model, form, &mut out),
    }
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
    let mut out = Vec::new();
    known(&fixed, model, &form, &mut out);
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

fn unknown(s: &Subject, out: &mut Vec<Finding>) {
    let (lit, id_text, ctx) = (s.lit, s.id_text, s.ctx);
    // A context-window variant no source lists (`…-v1:0:32k`) of a retired model: the
    // model is gone whatever the variant, a fact about the model like any retirement
    // (said wherever the known ID would be). No fix: which variant of which newer model
    // fits the provisioned or customized use is the user's call.
    if !lit.incomplete && !s.site.pattern {
        if let Some(f) = retired_variant(s) {
            out.push(f);
            return;
        }
    }
    // Tests make IDs up on purpose (placeholders, routing by prefix, expected
    // failures); a prefix matched against is no ID.
    if lit.incomplete || id_text.is_empty() || s.use_site == Use::Test || s.site.pattern {
        return;
    }
    let Some(parsed) = id::parse(id_text) else {
        return;
    };
    // Without a known provider, only in a file that uses Bedrock (`antropic.claude-…`
    // elsewhere may be anything).
    if !parsed.has_known_provider(id_text) && !s.mentions_bedrock {
        return;
    }
    // An ID the sources show to be invented (a third-party list's spelling): sure to
    // fail, with the real IDs a source names instead (other models: unsafe fixes).
    if let Some(ex) = ctx
        .catalog
        .excluded(id_text)
        .filter(|e| !e.did_you_mean.is_empty())
    {
        let why = ex
            .why
            .as_deref()
            .map(|w| format!(" {w}"))
            .unwrap_or_default();
        let fixes = ex
            .did_you_mean
            .iter()
            .map(|t| replace_fix(lit, id_text, format!("Use `{t}`"), t, false, false))
            .collect();
        out.push(finding(
            s,
            Code::UnknownModel,
            format!(
                "`{id_text}` is not a Bedrock model ID.{why} The real IDs: {}.",
                code_list(&ex.did_you_mean)
            ),
            fixes,
        ));
        return;
    }
    // Only the ID the user evidently meant: one catalog ID that differs by letters
    // alone (not a version number, a date or the provider's namespace).
    let typo = ctx
        .catalog
        .suggest(id_text, 3)
        .into_iter()
        .find(|sug| is_letter_typo(id_text, &sug.id));
    if let Some(sug) = typo {
        let mut message = format!(
            "Unknown Bedrock model ID `{id_text}`. Did you mean `{}`?",
            sug.id
        );
        // A near miss of a retired model: say so, so the user does not stop at the typo.
        if let Some(m) = ctx
            .catalog
            .get(&sug.model_id)
            .filter(|m| m.status(ctx.today) == Status::Eol)
        {
            let when = m
                .lifecycle
                .eol
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            message += &match ctx.catalog.replacement(m, ctx.today) {
                Some(r) => format!(
                    " Note: {} reached end of life{when}; its replacement is {} (`{}`).",
                    m.name, r.name, r.id
                ),
                None => format!(" Note: {} reached end of life{when}.", m.name),
            };
        }
        let fix = replace_fix(
            lit,
            id_text,
            format!("Replace with `{}`", sug.id),
            &sug.id,
            true,
            true,
        );
        let mut f = finding(s, Code::UnknownModel, message, vec![fix]);
        if lit.context != LiteralContext::Key && !s.in_call() {
            f.level = Level::Warning;
        }
        out.push(f);
        return;
    }
    // A well-formed ID of a known provider that the catalog lacks, where it is called:
    // perhaps newer than the catalog. Said as a warning, with no fix.
    if s.in_call() && lit.context == LiteralContext::Key && parsed.has_known_provider(id_text) {
        let as_of = ctx.catalog.as_of();
        let mut f = finding(
            s,
            Code::UnknownModel,
            format!(
                "`{id_text}` is not in the catalog (as of {as_of}). If AWS added it since, update the catalog (`bedrock-lsp catalog refresh`) or add it to `ignoreIds`."
            ),
            Vec::new(),
        );
        f.level = Level::Warning;
        out.push(f);
    }
}

/// `given` and `cand` differ only by letters: the same numbers in the same order (a
/// missing `:0` version suffix and a date with a digit dropped or doubled aside), the
/// same provider namespace unless the given one is misspelled, and at most a couple of
/// edits.
pub(super) fn is_letter_typo(given: &str, cand: &str) -> bool {
    if given.eq_ignore_ascii_case(cand) || cand.strip_suffix(":0") == Some(given) {
        return true;
    }
    let g = given.strip_suffix(":0").unwrap_or(given);
    let c = cand.strip_suffix(":0").unwrap_or(cand);
    let digits = |t: &str| -> Vec<String> {
        t.split(|ch: char| !ch.is_ascii_digit())
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect()
    };
    // The same numbers; only a date (6 digits or more) may have lost or gained a digit:
    // `2025100` is no date, so it is `20251001` mistyped, while `20240620` and
    // `20241022` are two models.
    let (dg, dc) = (digits(g), digits(c));
    let same_numbers = dg.len() == dc.len()
        && dg.iter().zip(&dc).all(|(a, b)| {
            a == b || (a.len().min(b.len()) >= 6 && a.len() != b.len() && edit_distance(a, b) == 1)
        });
    if !same_numbers {
        return false;
    }
    // Another real namespace is another model (`moonshotai.` and `moonshot.` both
    // exist); a misspelled one (`antropic.`) is a typo.
    let provider =
        |t: &str| id::parse(t).and_then(|p| p.get(t, &p.provider).map(str::to_ascii_lowercase));
    let given_provider = provider(given);
    if given_provider != provider(cand)
        && given_provider.is_some_and(|p| id::PROVIDERS.contains(&p.as_str()))
    {
        return false;
    }
    let d = edit_distance(&given.to_ascii_lowercase(), &cand.to_ascii_lowercase());
    d <= 2 && d * 12 <= given.len().max(12)
}

/// `<base ID>:<context>` of a model that reached end of life everywhere, when the
/// catalog does not list that context variant (listed ones resolve as the model's).
fn retired_variant(s: &Subject) -> Option<Finding> {
    let (id_text, ctx) = (s.id_text, s.ctx);
    let parsed = id::parse(id_text)?;
    if parsed.context.is_none() || parsed.scope.is_some() {
        return None;
    }
    let model = ctx.catalog.get(parsed.get(id_text, &parsed.model)?)?;
    if model.lifecycle.status_in(ctx.today, None) != Status::Eol {
        return None;
    }
    let variant = parsed.get(id_text, &parsed.context)?;
    let when = model
        .lifecycle
        .eol
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    let instead = match ctx.catalog.replacement(model, ctx.today) {
        Some(r) => format!(" Its replacement is {} (`{}`).", r.name, r.id),
        None => String::new(),
    };
    Some(finding(
        s,
        Code::EolModel,
        format!(
            "`{id_text}` is a {variant} context variant of {} (`{}`), which reached end of life{when}: calls with it fail.{instead}",
            model.name, model.id
        ),
        Vec::new(),
    ))
}

/// Levenshtein distance over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn foreign(s: &Subject, model: &Model, dialect: Dialect) -> Finding {
    let api = match dialect {
        Dialect::Anthropic => "the Anthropic API's",
        Dialect::Vertex => "Vertex AI's",
    };
    let target = id_for_region(model, None, s.region, s.ctx);
    let message = format!(
        "`{}` is {api} name for {}; Bedrock calls it `{target}`.",
        s.id_text, model.name
    );
    let fix = replace_fix(
        s.lit,
        s.id_text,
        format!("Use the Bedrock ID `{target}`"),
        &target,
        true,
        false,
    );
    finding(s, Code::NotBedrockId, message, vec![fix])
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

/// Text before the literal on its line and a little before mentions provisioning
/// (`create_provisioned_model_throughput(modelId="…:18k")` is the right place for it).
fn provisioning_context(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(super::site::LOOKBACK);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at].to_ascii_lowercase().contains("provisioned")
}

fn known(s: &Subject, model: &Model, form: &Form, out: &mut Vec<Finding>) {
    let (ctx, region) = (s.ctx, s.region);
    let scope = match form {
        Form::Profile { scope, .. } => Some(scope.as_str()),
        _ => None,
    };
    let one_region = match region.regions.as_slice() {
        [r] => Some(r.as_str()),
        _ => None,
    };
    lifecycle(s, model, scope, one_region, out);
    // For a retired model the end of life is the whole story: no region or
    // provisioning advice about a model that no longer answers.
    if model.lifecycle.status_in(ctx.today, one_region) == Status::Eol {
        return;
    }
    // Everything below is about how the ID is called: not for data, tests or prose.
    if !s.in_call() {
        return;
    }
    let is_arn = id::parse(s.id_text).is_some_and(|p| {
        matches!(
            p.kind,
            IdKind::FoundationModelArn | IdKind::InferenceProfileArn
        )
    });

    // Provisioned-throughput IDs outside a provisioning call.
    if let Form::Provisioned { id: pid, context } = form {
        if !provisioning_context(s.text, s.lit.span.start) {
            let ctx_note = context
                .as_ref()
                .map(|c| format!(" with a {c} context"))
                .unwrap_or_default();
            let target = id_for_region(model, None, region, ctx);
            out.push(finding(
                s,
                Code::ProvisionedOnly,
                format!(
                    "`{pid}` is a Provisioned Throughput ID for {}{ctx_note}: it names the model to buy capacity for (CreateProvisionedModelThroughput) and fails in on-demand calls. On demand, use `{target}`.",
                    model.name
                ),
                vec![replace_fix(
                    s.lit,
                    s.id_text,
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
    if is_control_plane_key(s.lit.key.as_deref()) {
        return;
    }
    // Only for a model a source lists as active: old entries known only from
    // provisioned-ID lists say nothing about on-demand use.
    if model.provisioned_only()
        && model.status(ctx.today) == Status::Active
        && !provisioning_context(s.text, s.lit.span.start)
    {
        out.push(finding(
            s,
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
        Form::Profile {
            scope, documented, ..
        } => {
            if !documented {
                if let ScopeOffer::NotOffered { profiles } = ctx.catalog.profile_scope(model, scope)
                {
                    out.push(missing_profile(s, model, scope, &profiles));
                    return;
                }
            }
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
                    let fixes = profile_fixes(s, &right, "Use", region.regions.len() == 1);
                    out.push(finding(s, Code::RegionUnavailable, msg, fixes));
                    break;
                }
            }
        }
        Form::Base => {
            let prefix_elsewhere = s.lit.scope_interpolated || is_arn || s.prefix_at_runtime;
            let mut needs_profile_reported = false;
            // The endpoint where the call says; else what works on either one (a bare
            // `openai.gpt-6-sol` is valid on bedrock-mantle in us-east-1).
            let endpoint = s.site.endpoint();
            let support = |r: &str| match endpoint {
                Some(e) => ctx.catalog.endpoint_support(model, r, e),
                None => ctx.catalog.region_support_any(model, r),
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
        }
        _ => {}
    }
}

/// `<scope>.<model>` where the sources say the model has no profile of that scope
/// (`profiles`: the ones it has).
fn missing_profile(s: &Subject, model: &Model, scope: &str, profiles: &[String]) -> Finding {
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

/// Unsafe fixes that switch to each of `ids`; the one clear choice (see
/// [`preferred_profile`]) first and preferred when `one_region`.
fn profile_fixes(s: &Subject, ids: &[String], verb: &str, one_region: bool) -> Vec<Fix> {
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

fn origin_note(region: &RegionInForce) -> String {
    match &region.origin {
        RegionOrigin::Arn => " (the ARN's region)".into(),
        RegionOrigin::Code(_) => " (the region set for this call or its client)".into(),
        RegionOrigin::Settings => " (the configured region)".into(),
        RegionOrigin::Unknown => String::new(),
    }
}

fn lifecycle(
    s: &Subject,
    model: &Model,
    scope: Option<&str>,
    one_region: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let (ctx, region) = (s.ctx, s.region);
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
            out.push(finding(
                s,
                Code::EolModel,
                format!(
                    "{} (`{}`) {when}: calls with this ID fail.{migrate}",
                    model.name, model.id
                ),
                fixes(),
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
            out.push(finding(
                s,
                Code::LegacyModel,
                format!(
                    "{} (`{}`) is a legacy model{in_region}{since}{until}.{migrate}",
                    model.name, model.id
                ),
                fixes(),
            ));
        }
        Status::Active | Status::Unknown => {}
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

#[cfg(test)]
mod tests {
    use super::is_letter_typo;

    #[test]
    fn letter_level_typos() {
        for (given, cand) in [
            (
                "anthropic.claude-3-5-sonet-20241022-v2:0",
                "anthropic.claude-3-5-sonnet-20241022-v2:0",
            ),
            (
                "anthropic.claude-haiku-4-5-2025100-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0",
            ),
            ("amazon.nova-pro-v1:O", "amazon.nova-pro-v1:0"),
            ("amazon.nova-lite-v1", "amazon.nova-lite-v1:0"),
            ("Anthropic.Claude-V2", "anthropic.claude-v2"),
            (
                "antropic.claude-3-haiku-20240307-v1:0",
                "anthropic.claude-3-haiku-20240307-v1:0",
            ),
        ] {
            assert!(is_letter_typo(given, cand), "{given} -> {cand}");
        }
        for (given, cand) in [
            // Another version, date or namespace is another model.
            ("deepseek.v3.1", "deepseek.v3.2"),
            ("moonshotai.kimi-k2-thinking", "moonshot.kimi-k2-thinking"),
            (
                "anthropic.claude-3-5-sonnet-20240620-v1:0",
                "anthropic.claude-3-5-sonnet-20241022-v2:0",
            ),
            (
                "anthropic.claude-3-7-sonnet-20250219-v1:0",
                "anthropic.claude-3-5-sonnet-20250219-v1:0",
            ),
            ("amazon.titan-embed-text-v10", "amazon.titan-embed-text-v1"),
            ("anthropic.claude-v2:1", "anthropic.claude-v2"),
            // Too far apart to be a slip.
            ("anthropic.claude-sonnet", "anthropic.claude-v2"),
        ] {
            assert!(!is_letter_typo(given, cand), "{given} -> {cand}");
        }
    }
}
