//! Hover and completion for a version whose analysis is not there yet: from the
//! analysis of an earlier version, the edit since, and a window of the current text
//! ([`syntax::scan_near`]). The answers are those [`super::hover`] and
//! [`super::completions`] give on the analysis of the current version (a property test
//! and, in debug builds, the server check it), at a cost that does not grow with the
//! document: a server answers them while typing without waiting for that analysis.

use std::ops::Range;

use super::complete::completions_at;
use super::hover::{hover_card_for_id, Hover};
use super::region::{first_from, nearest_before, region_with, RegionInForce};
use super::site::operation_at;
use super::{Completions, Context, DocumentAnalysis};
use crate::syntax::{self, Language, Reach, TextSource, WindowScan};

/// An earlier version's analysis and the edit that made the current text from it: the
/// range of the earlier text replaced by the `inserted_len` bytes at `old.start` of the
/// current one.
#[derive(Debug, Clone, Copy)]
pub struct Since<'a> {
    pub prev: &'a DocumentAnalysis,
    pub old: &'a Range<usize>,
    pub inserted_len: usize,
}

/// `None`: cannot be answered from a window (ask the analysis of the current version);
/// `Some(answer)`: the answer.
pub type WindowAnswer<T> = Option<Option<T>>;

fn window(
    since: Since,
    src: &(impl TextSource + ?Sized),
    language: Language,
    offset: usize,
    reach: Reach,
) -> Option<WindowScan> {
    if since.prev.language != Some(language) {
        return None;
    }
    syntax::scan_near(
        &since.prev.scan,
        since.old.clone(),
        since.inserted_len,
        src,
        language,
        offset,
        reach,
    )
}

/// [`super::hover`] at `offset` of the current text (`src`).
pub fn hover_near(
    since: Since,
    src: &(impl TextSource + ?Sized),
    language: Language,
    offset: usize,
    ctx: &Context,
    reach: Reach,
) -> WindowAnswer<Hover> {
    let win = window(since, src, language, offset, reach)?;
    let Some(lit) = win.literal_at(offset) else {
        return Some(None);
    };
    let id_text = &win.text[win.rel(lit.span.start)..win.rel(lit.span.end)];
    let region = region_near(&win, since, src.len(), &lit.span, Some(id_text), ctx);
    Some(
        hover_card_for_id(id_text, &region, ctx).map(|markdown| Hover {
            span: lit.span,
            markdown,
        }),
    )
}

/// [`super::completions`] at `offset` of the current text (`src`).
pub fn completions_near(
    since: Since,
    src: &(impl TextSource + ?Sized),
    language: Language,
    offset: usize,
    ctx: &Context,
    reach: Reach,
) -> WindowAnswer<Completions> {
    let win = window(since, src, language, offset, reach)?;
    let Some(site) = win.completion_site(language, offset) else {
        return Some(None);
    };
    let text = |r: &Range<usize>| win.text.get(win.rel(r.start)..win.rel(r.end));
    let Some(typed) = text(&site.typed) else {
        return Some(None);
    };
    let region = region_near(
        &win,
        since,
        src.len(),
        &site.replace,
        text(&site.replace),
        ctx,
    );
    let op = operation_at(&win.text, win.base, offset, site.replace.start, language);
    Some(Some(completions_at(&site, typed.trim(), &region, op, ctx)))
}

/// [`super::region_for_span`] for `span` (document offsets, within the window's scan):
/// the mention nearest before it is in the window or, before the window, in the
/// earlier analysis (the text there is unchanged); the first after it is in the window
/// or, after it, in the earlier analysis, moved by the edit.
fn region_near(
    win: &WindowScan,
    since: Since,
    len: usize,
    span: &Range<usize>,
    id_text: Option<&str>,
    ctx: &Context,
) -> RegionInForce {
    let here = &win.scan.regions;
    let prev = &since.prev.scan.regions;
    let base = win.base;
    let named = nearest_before(here, win.rel(span.start))
        .map(|m| (m.span.start + base..m.span.end + base, m.region.as_str()))
        .or_else(|| nearest_before(prev, win.from).map(|m| (m.span.clone(), m.region.as_str())))
        .or_else(|| {
            first_from(here, win.rel(span.end))
                .map(|m| (m.span.start + base..m.span.end + base, m.region.as_str()))
        })
        .or_else(|| {
            if win.to_end(len) {
                return None;
            }
            let d = win.delta;
            let sh = |x: usize| (x as isize + d) as usize;
            first_from(prev, win.old_to())
                .map(|m| (sh(m.span.start)..sh(m.span.end), m.region.as_str()))
        });
    region_with(id_text, || named, ctx)
}
