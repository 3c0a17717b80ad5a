//! Completion inside model-ID strings and right after a model key: the model IDs and
//! profile IDs the region(s) in force allow, ranked, with the hover card as lazy
//! documentation (resolved on demand).

use std::collections::HashSet;

use super::region::{region_for_span, RegionInForce};
use super::{Context, DocumentAnalysis, Edit};
use crate::catalog::{Model, RegionSupport, Status};
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
    /// Legacy model (tag `Deprecated`).
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    /// The list depends on what is typed: the client asks again on the next keystroke.
    pub is_incomplete: bool,
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
    Some(completions_at(&site, typed, &region, ctx))
}

/// The ranked list for a completion site where `typed` is typed, in `region`.
pub(super) fn completions_at(
    site: &syntax::CompletionSite,
    typed: &str,
    region: &RegionInForce,
    ctx: &Context,
) -> Completions {
    let mut ranked: Vec<(u32, String, &Model)> = Vec::new();
    if typed.is_empty() {
        let mut models: Vec<&Model> = ctx
            .catalog
            .models()
            .iter()
            .filter(|m| matches!(m.status(ctx.today), Status::Active | Status::Legacy))
            .collect();
        models.sort_by(|a, b| {
            (a.provider.as_str(), b.id.as_str()).cmp(&(b.provider.as_str(), a.id.as_str()))
        });
        for (i, m) in models.into_iter().enumerate() {
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
            let status = m.status(ctx.today);
            let exact = hit.id.eq_ignore_ascii_case(typed);
            if status == Status::Eol && !exact {
                continue;
            }
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
    // Stable: items of one model keep the order given above.
    ranked.sort_by_key(|(r, _, _)| *r);
    let mut seen = HashSet::new();
    ranked.retain(|(_, id, _)| seen.insert(id.clone()));
    ranked.truncate(MAX_ITEMS);
    let items = ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, id, m))| {
            let new_text = match site.insert_quotes {
                Some(q) => format!("{q}{id}{q}"),
                None => id.clone(),
            };
            CompletionItem {
                detail: format!("{} · {}", m.provider, m.name),
                sort_text: format!("{i:05}"),
                // Our ranking already matched what was typed (words, typos of
                // separators): the client must not filter those items out again.
                filter_text: if typed.is_empty() {
                    format!("{id} {}", m.name)
                } else {
                    typed.to_string()
                },
                edit: Edit {
                    span: site.replace.clone(),
                    new_text,
                },
                deprecated: m.status(ctx.today) == Status::Legacy,
                label: id,
            }
        })
        .collect();
    Completions {
        items,
        is_incomplete: true,
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
