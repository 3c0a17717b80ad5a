//! Which AWS region applies to a literal: the region inside an ARN, else the nearest
//! region the code names (`region_name="eu-west-1"`, `AWS_REGION=…`, a Terraform
//! provider block), else the configured region(s). With none known, region-dependent
//! diagnostics stay silent.

use std::ops::Range;

use super::Context;
use crate::catalog::id;
use crate::syntax::{Literal, ScanResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionOrigin {
    /// The region field of the ARN itself.
    Arn,
    /// Named in the code at this span.
    Code(Range<usize>),
    /// From the settings (`region`/`regions`).
    Settings,
    /// Nothing known.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionInForce {
    pub regions: Vec<String>,
    pub origin: RegionOrigin,
}

impl RegionInForce {
    pub fn describe(&self) -> String {
        let list = self.regions.join(", ");
        match &self.origin {
            RegionOrigin::Arn => format!("{list} (from the ARN)"),
            RegionOrigin::Code(_) => format!("{list} (named in this file)"),
            RegionOrigin::Settings => format!("{list} (from the settings)"),
            RegionOrigin::Unknown => "unknown".to_string(),
        }
    }
}

/// The region(s) in force for `lit`.
pub fn region_at(text: &str, scan: &ScanResult, lit: &Literal, ctx: &Context) -> RegionInForce {
    region_for_span(text, scan, &lit.span, ctx)
}

/// The region(s) in force for the text at `span` (a literal, or a cursor for completion).
pub fn region_for_span(
    text: &str,
    scan: &ScanResult,
    span: &Range<usize>,
    ctx: &Context,
) -> RegionInForce {
    if let Some(id_text) = text.get(span.clone()) {
        if let Some(p) = id::parse(id_text) {
            if let Some(r) = p.get(id_text, &p.region) {
                return RegionInForce {
                    regions: vec![r.to_string()],
                    origin: RegionOrigin::Arn,
                };
            }
        }
    }
    let at = span.start;
    let before = scan
        .regions
        .iter()
        .filter(|m| m.span.end <= at)
        .max_by_key(|m| m.span.end);
    let after = || {
        scan.regions
            .iter()
            .filter(|m| m.span.start >= span.end)
            .min_by_key(|m| m.span.start)
    };
    if let Some(m) = before.or_else(after) {
        return RegionInForce {
            regions: vec![m.region.clone()],
            origin: RegionOrigin::Code(m.span.clone()),
        };
    }
    if !ctx.settings.regions.is_empty() {
        return RegionInForce {
            regions: ctx.settings.regions.clone(),
            origin: RegionOrigin::Settings,
        };
    }
    RegionInForce {
        regions: Vec::new(),
        origin: RegionOrigin::Unknown,
    }
}
