//! Which AWS region applies to a literal.
//!
//! For diagnostics, only a region that provably applies ([`bound_region`]): the ARN's
//! own, a region given to the same call, constructor or object as the literal, the
//! region of the client whose method takes the literal, or the configured region(s).
//! A region named elsewhere in the file (another test case, table row or docs snippet)
//! does not apply, and with none known region-dependent diagnostics stay silent.
//!
//! For hover and completion, a hint is enough ([`region_at`]): the region inside an
//! ARN, else the nearest region the code names, else the configured region(s).

use std::ops::Range;

use std::collections::HashMap;

use super::site::{self, Site};
use super::{Context, FileFacts};
use crate::catalog::id;
use crate::syntax::{Language, Literal, RegionMention, ScanResult, ShortName};

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
    region_with(
        text.get(span.clone()),
        || {
            nearest_before(&scan.regions, span.start)
                .or_else(|| first_from(&scan.regions, span.end))
                .map(|m| (m.span.clone(), m.region.as_str()))
        },
        ctx,
    )
}

/// The region in force for the ID text `id_text` given the mention of the code that
/// governs it (`named`: the nearest before it, else the first after it).
pub(super) fn region_with<'a>(
    id_text: Option<&str>,
    named: impl FnOnce() -> Option<(Range<usize>, &'a str)>,
    ctx: &Context,
) -> RegionInForce {
    if let Some(id_text) = id_text {
        if let Some(p) = id::parse(id_text) {
            if let Some(r) = p.get(id_text, &p.region) {
                return RegionInForce {
                    regions: vec![r.to_string()],
                    origin: RegionOrigin::Arn,
                };
            }
        }
    }
    if let Some((span, region)) = named() {
        return RegionInForce {
            regions: vec![region.to_string()],
            origin: RegionOrigin::Code(span),
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

/// The region(s) that provably apply to `lit` where it stands (see the module doc).
pub(super) fn bound_region(
    text: &str,
    scan: &ScanResult,
    lit: &Literal,
    site: &Site,
    facts: &FileFacts,
    ctx: &Context,
) -> RegionInForce {
    region_with(
        text.get(lit.span.clone()),
        || in_group(scan, lit, site).or_else(|| facts.clients().for_receivers(&site.receivers)),
        ctx,
    )
}

/// The one region named inside the literal's group and within reach of it (several
/// different ones: none, the call is ambiguous).
fn in_group<'s>(
    scan: &'s ScanResult,
    lit: &Literal,
    site: &Site,
) -> Option<(Range<usize>, &'s str)> {
    let group = site.group.as_ref()?;
    let lo = group
        .start
        .max(lit.span.start.saturating_sub(site::LOOKBACK));
    let hi = group.end.min(lit.span.end.saturating_add(site::LOOKAHEAD));
    let i = scan.regions.partition_point(|m| m.span.start < lo);
    let mut found: Option<&RegionMention> = None;
    for m in scan.regions[i..].iter().take_while(|m| m.span.end <= hi) {
        match found {
            Some(f) if f.region != m.region => return None,
            Some(_) => {}
            None => found = Some(m),
        }
    }
    found.map(|m| (m.span.clone(), m.region.as_str()))
}

/// What a region mention is given to, when that reaches beyond its own call or object:
/// the variable(s) holding the client or configuration it builds
/// (`client = boto3.client(…, region_name="…")`, and `client := NewFromConfig(cfg)` for a
/// `cfg` built with it), or Terraform's default `aws` provider. Kept per analysis and
/// updated near each edit, so that an edit elsewhere need not look at every region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionBinding {
    pub span: Range<usize>,
    pub region: ShortName,
    pub to: BoundTo,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum BoundTo {
    /// The variable assigned, then those assigned from a call that takes it.
    Variables(Vec<String>),
    DefaultProvider,
}

/// The bindings of the mentions in `regions` (sorted, as a scan gives them).
pub(super) fn bindings(
    text: &str,
    regions: &[RegionMention],
    language: Language,
) -> Vec<RegionBinding> {
    regions
        .iter()
        .filter_map(|m| {
            let to = if site::in_default_aws_provider(text, &m.span, language) {
                BoundTo::DefaultProvider
            } else {
                let var = site::assigned_variable(text, &m.span, language)?;
                let mut vars = vec![var.to_string()];
                vars.extend(
                    site::passed_to_variables(text, var, m.span.end, language)
                        .into_iter()
                        .map(str::to_string),
                );
                BoundTo::Variables(vars)
            };
            Some(RegionBinding {
                span: m.span.clone(),
                region: m.region.clone(),
                to,
            })
        })
        .collect()
}

/// The regions given to clients held in variables: variable → the region's mention,
/// `None` where the file gives the same name different regions; and the region of
/// Terraform's default `aws` provider (`None` inside: several).
pub(crate) struct ClientRegions<'b> {
    by_name: HashMap<&'b str, Option<(Range<usize>, &'b str)>>,
    provider: Option<Option<(Range<usize>, &'b str)>>,
}

impl<'b> ClientRegions<'b> {
    pub fn new(bindings: &'b [RegionBinding]) -> Self {
        let mut by_name: HashMap<&'b str, Option<(Range<usize>, &'b str)>> = HashMap::new();
        let mut provider: Option<Option<(Range<usize>, &'b str)>> = None;
        for b in bindings {
            let entry = (b.span.clone(), b.region.as_str());
            match &b.to {
                BoundTo::DefaultProvider => {
                    provider = match provider {
                        Some(Some((_, r))) if r != entry.1 => Some(None),
                        Some(p) => Some(p),
                        None => Some(Some(entry)),
                    };
                }
                BoundTo::Variables(vars) => {
                    for name in vars {
                        by_name
                            .entry(name.as_str())
                            .and_modify(|e| {
                                if e.as_ref().is_some_and(|(_, r)| *r != entry.1) {
                                    *e = None;
                                }
                            })
                            .or_insert_with(|| Some(entry.clone()));
                    }
                }
            }
        }
        ClientRegions { by_name, provider }
    }

    /// The region of the first receiver (innermost call first) that is a client with one.
    pub fn for_receivers(&self, receivers: &[&str]) -> Option<(Range<usize>, &'b str)> {
        match receivers.iter().find_map(|r| self.by_name.get(*r)) {
            Some(bound) => bound.clone(),
            None => self.provider.clone()?,
        }
    }
}

/// The first mention starting at or after `at` (`mentions` sorted by start).
pub(super) fn first_from(mentions: &[RegionMention], at: usize) -> Option<&RegionMention> {
    mentions.get(mentions.partition_point(|m| m.span.start < at))
}

/// The mention ending last at or before `at` (the last one in text order on a tie).
/// `mentions` is sorted by start and each is short (a region code or constant), so only
/// the few starting just before the best end so far need a look.
pub(super) fn nearest_before(mentions: &[RegionMention], at: usize) -> Option<&RegionMention> {
    const LONGEST: usize = 256;
    let n = mentions.partition_point(|m| m.span.start < at);
    let mut best: Option<&RegionMention> = None;
    for m in mentions[..n].iter().rev() {
        if let Some(b) = best {
            if m.span.start.saturating_add(LONGEST) < b.span.end {
                break;
            }
        }
        if m.span.end <= at && best.is_none_or(|b| m.span.end > b.span.end) {
            best = Some(m);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The binary search gives what a linear search over every mention gives.
    #[test]
    fn nearest_before_equals_linear_search() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..2000 {
            let mut mentions: Vec<RegionMention> = (0..rnd(12))
                .map(|i| {
                    let start = rnd(400);
                    RegionMention {
                        span: start..start + 1 + rnd(30),
                        region: format!("r{i}").as_str().into(),
                    }
                })
                .collect();
            mentions.sort_by_key(|m| m.span.start);
            for at in 0..440 {
                let linear = mentions
                    .iter()
                    .filter(|m| m.span.end <= at)
                    .max_by_key(|m| m.span.end);
                assert_eq!(
                    nearest_before(&mentions, at),
                    linear,
                    "{mentions:?} at {at}"
                );
            }
        }
    }
}
