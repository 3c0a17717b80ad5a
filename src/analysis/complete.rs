//! Completion inside model-ID strings and right after a model key: the model IDs and
//! profile IDs the region(s) in force allow, ranked, with the hover card as lazy
//! documentation (resolved on demand).
//!
//! The list is never empty at a model-ID site: retired models that match what is typed
//! come last (tagged deprecated, their replacement in `detail`), and a literal that
//! matches no ID lists the closest IDs (the did-you-mean's candidates first), so the
//! client's fuzzy filter can show the one meant.

use std::collections::HashSet;

use super::region::{region_for_span, RegionInForce};
use super::site::{operation_at, Operation};
use super::{Context, DocumentAnalysis, Edit};
use crate::catalog::{Modality, Model, RegionSupport, Status};
use crate::syntax::{self, Language};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// The ID inserted (also the label).
    pub label: String,
    /// Provider and display name.
    pub detail: String,
    pub sort_text: String,
    pub filter_text: String,
    pub edit: Edit,
    /// Legacy or retired model (tag `Deprecated`).
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    /// The list depends on what is typed: the client asks again on the next keystroke.
    pub is_incomplete: bool,
    /// The region(s) in force at the site, which ranked the list (an item's card, given
    /// on resolve, names them).
    pub region: RegionInForce,
}

const MAX_ITEMS: usize = 150;

/// Completions at `offset`, or `None` when the cursor is not in a model-ID position.
pub fn completions(
    text: &str,
    language: Language,
    offset: usize,
    analysis: &DocumentAnalysis,
    ctx: &Context,
) -> Option<Completions> {
    let site = syntax::completion_site_in(text, language, offset, &analysis.scan)?;
    let typed = text.get(site.typed.clone())?.trim();
    let region = region_for_span(text, &analysis.scan, &site.replace, ctx);
    let op = operation_at(text, 0, offset, site.replace.start, language);
    Some(completions_at(&site, typed, &region, op, ctx))
}

/// The ranked list for a completion site where `typed` is typed, in `region`.
pub(super) fn completions_at(
    site: &syntax::CompletionSite,
    typed: &str,
    region: &RegionInForce,
    op: Option<Operation>,
    ctx: &Context,
) -> Completions {
    // Models the call can use come first (`converse(modelId="")` lists text models
    // before embedding and rerank models), then by status, then as the catalog orders.
    let status_rank = |m: &Model, ctx: &Context| fit_rank(m, op) * 100 + status_rank(m, ctx);
    let mut ranked: Vec<(u32, String, &Model)> = Vec::new();
    if typed.is_empty() {
        let models = ctx
            .catalog
            .models_by_provider()
            .filter(|m| matches!(m.status(ctx.today), Status::Active | Status::Legacy));
        for (i, m) in models.enumerate() {
            let base = status_rank(m, ctx) * 10_000 + i as u32;
            for id in ids_for_region(m, region, ctx) {
                ranked.push((base, id, m));
            }
        }
    } else {
        for (i, hit) in ctx
            .catalog
            .search_on(typed, MAX_ITEMS, ctx.today)
            .into_iter()
            .enumerate()
        {
            let m = hit.model;
            // Retired models stay (ranked last by `status_rank`): a list of only
            // retired matches is still an answer, with the replacement in `detail`.
            let base = status_rank(m, ctx) * 10_000 + i as u32;
            if hit.id == m.id {
                for id in ids_for_region(m, region, ctx) {
                    ranked.push((base, id, m));
                }
            } else {
                // The user typed a profile scope or a provisioned suffix: keep it.
                ranked.push((base, hit.id.clone(), m));
            }
        }
    }
    if ranked.is_empty() && !typed.is_empty() {
        closest(typed, ctx, &mut ranked);
    }
    // Stable: items of one model keep the order given above.
    ranked.sort_by_key(|(r, _, _)| *r);
    let keep: Vec<bool> = {
        let mut seen = HashSet::with_capacity(ranked.len());
        ranked
            .iter()
            .map(|(_, id, _)| seen.insert(id.as_str()))
            .collect()
    };
    let mut keep = keep.into_iter();
    ranked.retain(|_| keep.next().unwrap_or(false));
    ranked.truncate(MAX_ITEMS);
    // The strings of up to 150 items are built on every keystroke inside a string:
    // each with its exact size, no `format!`.
    let join = |parts: &[&str]| {
        let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        parts.iter().for_each(|p| s.push_str(p));
        s
    };
    let items = ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, id, m))| {
            let new_text = match site.insert_quotes {
                Some(q) => {
                    let mut buf = [0u8; 4];
                    let q = q.encode_utf8(&mut buf);
                    join(&[q, &id, q])
                }
                None => id.clone(),
            };
            let status = m.status(ctx.today);
            let detail = if status == Status::Eol {
                match ctx.catalog.replacement(m, ctx.today) {
                    Some(r) => join(&[&m.provider, " · ", &m.name, " · retired; use ", &r.id]),
                    None => join(&[&m.provider, " · ", &m.name, " · retired"]),
                }
            } else {
                join(&[&m.provider, " · ", &m.name])
            };
            CompletionItem {
                detail,
                sort_text: sort_key(i),
                // Our ranking already matched what was typed (words, typos of
                // separators): the client must not filter those items out again.
                filter_text: if typed.is_empty() {
                    join(&[&id, " ", &m.name])
                } else {
                    typed.to_string()
                },
                edit: Edit {
                    span: site.replace.clone(),
                    new_text,
                },
                deprecated: matches!(status, Status::Legacy | Status::Eol),
                label: id,
            }
        })
        .collect();
    Completions {
        items,
        is_incomplete: true,
        region: region.clone(),
    }
}

/// How many IDs a literal that matches none lists.
const CLOSEST: usize = 20;

/// For a literal that matches no ID: the did-you-mean's candidates (same distance,
/// best first), then the IDs sharing the longest prefix with it (case ignored), active
/// before legacy before retired, up to [`CLOSEST`].
fn closest<'c>(typed: &str, ctx: &Context<'c>, ranked: &mut Vec<(u32, String, &'c Model)>) {
    for (i, s) in ctx.catalog.suggest(typed, CLOSEST).into_iter().enumerate() {
        if let Some(m) = ctx.catalog.get(&s.model_id) {
            ranked.push((i as u32, s.id, m));
        }
    }
    let lower = typed.to_ascii_lowercase();
    let shared = |id: &str| {
        id.bytes()
            .zip(lower.bytes())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count()
    };
    let mut rest: Vec<(usize, u32, &Model)> = ctx
        .catalog
        .models_by_provider()
        .filter(|m| !m.provisioned_only())
        .map(|m| (shared(&m.id), status_rank(m, ctx), m))
        .collect();
    // Longest shared prefix first, then status; stable: provider order, newest first.
    rest.sort_by_key(|(n, status, _)| (std::cmp::Reverse(*n), *status));
    let offset = CLOSEST as u32;
    for (i, (_, _, m)) in rest.into_iter().take(CLOSEST).enumerate() {
        ranked.push((offset + i as u32, m.id.clone(), m));
    }
}

/// `i` as five decimal digits (`00042`): the client sorts items by this text.
fn sort_key(i: usize) -> String {
    let mut digits = [b'0'; 5];
    let mut n = i.min(99_999);
    for d in digits.iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    digits.iter().map(|&d| d as char).collect()
}

/// 0 when the model suits the operation of the call, 1 when the catalog does not say
/// what it outputs, 2 when it does not suit it (and when no operation is known, 0).
fn fit_rank(m: &Model, op: Option<Operation>) -> u32 {
    let Some(op) = op else {
        return 0;
    };
    let Some(out) = m.modalities.as_ref().and_then(|x| x.output.as_ref()) else {
        return 1;
    };
    let fits = match op {
        Operation::Chat => out.contains(&Modality::Text) && !m.id.contains("rerank"),
        Operation::Embedding => out.contains(&Modality::Embedding),
        Operation::Image => out.contains(&Modality::Image),
    };
    if fits {
        0
    } else {
        2
    }
}

/// Active models first, then legacy, then models whose status no source gives.
fn status_rank(m: &Model, ctx: &Context) -> u32 {
    match m.status(ctx.today) {
        Status::Active => 0,
        Status::Legacy => 2,
        Status::Unknown => 3,
        Status::Eol => 4,
    }
}

/// With no region known: `global.` first (it works from any commercial region), then the
/// geographic scopes by reach.
fn scope_order(id: &str) -> usize {
    const ORDER: [&str; 7] = ["global.", "us.", "eu.", "apac.", "jp.", "au.", "us-gov."];
    ORDER
        .iter()
        .position(|p| id.starts_with(p))
        .unwrap_or(ORDER.len())
}

/// The IDs that work for `model` in the region(s) in force: the base ID where it works
/// on demand (or where nothing is known), the profile IDs where only a profile works.
fn ids_for_region(model: &Model, region: &RegionInForce, ctx: &Context) -> Vec<String> {
    if model.provisioned_only() {
        return Vec::new();
    }
    if region.regions.is_empty() {
        if model.requires_profile == Some(true) && !model.profiles.is_empty() {
            let mut ids: Vec<String> = model.profiles.iter().map(|p| p.id.clone()).collect();
            ids.sort_by_key(|id| scope_order(id));
            return ids;
        }
        return vec![model.id.clone()];
    }
    let mut out = Vec::new();
    for r in &region.regions {
        match ctx.catalog.region_support(model, r) {
            RegionSupport::OnDemand | RegionSupport::Unknown => out.push(model.id.clone()),
            RegionSupport::ProfileOnly { profiles } => out.extend(profiles),
            RegionSupport::NotOffered { .. } | RegionSupport::ProvisionedOnly => {}
        }
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn sort_keys_are_five_digits_in_rank_order() {
        let keys: Vec<String> = [0, 7, 42, 149, 99_999].map(sort_key).into();
        assert_eq!(keys, ["00000", "00007", "00042", "00149", "99999"]);
        assert!(keys.is_sorted());
        assert_eq!(sort_key(123_456), "99999");
    }
}
