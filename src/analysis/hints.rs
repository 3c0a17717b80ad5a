//! Inlay hints (the model's display name after an ID; off by default) and document
//! links (an ID → its AWS model card).

use std::ops::Range;

use super::{Context, DocumentAnalysis};
use crate::catalog::Resolution;
use crate::syntax::LiteralContext;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown (right after the literal).
    pub offset: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub span: Range<usize>,
    pub target: String,
}

/// Hints for the literals inside `range`.
pub fn inlay_hints(
    text: &str,
    analysis: &DocumentAnalysis,
    range: Range<usize>,
    ctx: &Context,
) -> Vec<InlayHint> {
    analysis
        .scan
        .literals
        .iter()
        .filter(|l| l.span.start >= range.start && l.span.end <= range.end)
        .filter(|l| matches!(l.context, LiteralContext::Key | LiteralContext::Value))
        .filter_map(|l| {
            let model = match ctx.catalog.resolve(text.get(l.span.clone())?) {
                Resolution::Known { model, .. } => model,
                _ => return None,
            };
            // Just after the closing quote when there is one.
            let offset = if l.content.end >= l.span.end && l.content.end < text.len() {
                l.content.end + 1
            } else {
                l.span.end
            };
            Some(InlayHint {
                offset: offset.min(text.len()),
                label: model.name.clone(),
            })
        })
        .collect()
}

/// Links from known IDs to their AWS model card.
pub fn document_links(text: &str, analysis: &DocumentAnalysis, ctx: &Context) -> Vec<DocLink> {
    analysis
        .scan
        .literals
        .iter()
        .filter_map(|l| {
            let model = ctx
                .catalog
                .resolve(text.get(l.span.clone())?)
                .model()?
                .clone();
            Some(DocLink {
                span: l.span.clone(),
                target: model.docs_url?,
            })
        })
        .collect()
}
