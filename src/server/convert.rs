//! Conversions at the protocol edge: byte offsets ↔ LSP positions in the negotiated
//! encoding, and analysis results → LSP types.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position,
    Range as LspRange,
};

use crate::analysis::{Finding, FindingsReuse, RegionInForce, RegionOrigin};
use crate::documents::{self, Encoding, Pos};
use crate::settings::Level;

pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let p = documents::offset_to_position(rope, offset, enc);
    Position::new(p.line, p.character)
}

pub fn range(rope: &Rope, span: &Range<usize>, enc: Encoding) -> LspRange {
    LspRange::new(
        position(rope, span.start, enc),
        position(rope, span.end, enc),
    )
}

/// A position from the client → byte offset; `None` when the line does not exist.
pub fn offset(rope: &Rope, pos: Position, enc: Encoding) -> Option<usize> {
    documents::position_to_offset(rope, Pos::new(pos.line, pos.character), enc)
}

pub fn pos(p: Position) -> Pos {
    Pos::new(p.line, p.character)
}

pub fn severity(level: Level) -> Option<DiagnosticSeverity> {
    match level {
        Level::Error => Some(DiagnosticSeverity::ERROR),
        Level::Warning => Some(DiagnosticSeverity::WARNING),
        Level::Information => Some(DiagnosticSeverity::INFORMATION),
        Level::Hint => Some(DiagnosticSeverity::HINT),
        Level::Off => None,
    }
}

pub fn diagnostic(rope: &Rope, f: &Finding, enc: Encoding) -> Option<Diagnostic> {
    let fixes: Vec<serde_json::Value> = f
        .fixes
        .iter()
        .map(|fix| {
            serde_json::json!({
                "title": fix.title,
                "preferred": fix.preferred,
                "safe": fix.safe,
                "edits": fix.edits.iter().map(|e| serde_json::json!({
                    "range": range(rope, &e.span, enc),
                    "newText": e.new_text,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Some(Diagnostic {
        range: range(rope, &f.span, enc),
        severity: Some(severity(f.level)?),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: f
            .code
            .href()
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("bedrock-lsp".into()),
        message: f.message.clone(),
        tags: if f.deprecated {
            Some(vec![DiagnosticTag::DEPRECATED])
        } else if f.code == crate::analysis::Code::UnusedIgnore {
            // Shown faded, as editors show unused code.
            Some(vec![DiagnosticTag::UNNECESSARY])
        } else {
            None
        },
        data: Some(serde_json::json!({ "fixes": fixes })),
        ..Default::default()
    })
}

pub fn diagnostics(rope: &Rope, findings: &[Finding], enc: Encoding) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter_map(|f| diagnostic(rope, f, enc))
        .collect()
}

/// [`diagnostics`] after an edit: the diagnostics of the findings the analysis kept
/// are the previous version's (`prev`), those after the edit moved by `lines` lines
/// (their columns do not change: they lie from a line start on where the text is the
/// previous text); only the other findings are converted.
pub fn diagnostics_reusing(
    rope: &Rope,
    findings: &[Finding],
    enc: Encoding,
    prev: &[Diagnostic],
    reuse: &FindingsReuse,
    lines: i64,
) -> Vec<Diagnostic> {
    let unchanged_fits = reuse.unchanged_prev + reuse.unchanged.len() <= prev.len();
    let tail = findings.len().saturating_sub(reuse.shifted);
    // One diagnostic per finding (none is at level `off`); a BOM makes columns of
    // line 0 depend on the start of the text.
    let shifted_fits = reuse.shifted_prev + tail == prev.len() && reuse.resume > 0;
    if !unchanged_fits || !shifted_fits {
        return diagnostics(rope, findings, enc);
    }
    let out: Vec<Diagnostic> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            if reuse.unchanged.contains(&i) {
                Some(prev[reuse.unchanged_prev + i - reuse.unchanged.start].clone())
            } else if i >= reuse.shifted {
                Some(moved(&prev[reuse.shifted_prev + i - reuse.shifted], lines))
            } else {
                diagnostic(rope, f, enc)
            }
        })
        .collect();
    debug_assert_eq!(out, diagnostics(rope, findings, enc), "reused diagnostics");
    out
}

/// A diagnostic `lines` lines further down (or up), with the ranges of its fixes.
fn moved(d: &Diagnostic, lines: i64) -> Diagnostic {
    let mut d = d.clone();
    if lines == 0 {
        return d;
    }
    let line = |l: u32| (i64::from(l) + lines).clamp(0, i64::from(u32::MAX)) as u32;
    d.range.start.line = line(d.range.start.line);
    d.range.end.line = line(d.range.end.line);
    let edits = d
        .data
        .as_mut()
        .and_then(|v| v.get_mut("fixes"))
        .and_then(|v| v.as_array_mut())
        .into_iter()
        .flatten()
        .filter_map(|fix| fix.get_mut("edits").and_then(|v| v.as_array_mut()))
        .flatten();
    for e in edits {
        for end in ["start", "end"] {
            if let Some(l) = e.pointer_mut(&format!("/range/{end}/line")) {
                if let Some(n) = l.as_u64() {
                    *l = serde_json::Value::from(line(n as u32));
                }
            }
        }
    }
    d
}

/// A completion item's `data`: the region(s) in force at its site and where they come
/// from, all that `completionItem/resolve` needs besides the label (the ID). `[]` when
/// no region is known, else `[origin, region…]`: the server keeps nothing about a list
/// once it is sent, and an item can be resolved whatever happened since.
pub fn completion_data(region: &RegionInForce) -> serde_json::Value {
    let origin = match region.origin {
        RegionOrigin::Unknown => return serde_json::json!([]),
        RegionOrigin::Arn => "arn",
        RegionOrigin::Code(_) => "file",
        RegionOrigin::Settings => "settings",
    };
    let mut out = vec![serde_json::Value::from(origin)];
    out.extend(
        region
            .regions
            .iter()
            .map(|r| serde_json::Value::from(r.as_str())),
    );
    serde_json::Value::Array(out)
}

/// The region of [`completion_data`]; `None` for data the server did not make.
pub fn completion_region(data: &serde_json::Value) -> Option<RegionInForce> {
    let parts = data.as_array()?;
    let Some((origin, regions)) = parts.split_first() else {
        return Some(RegionInForce {
            regions: Vec::new(),
            origin: RegionOrigin::Unknown,
        });
    };
    let origin = match origin.as_str()? {
        "arn" => RegionOrigin::Arn,
        // Only the card's wording depends on it, not the place.
        "file" => RegionOrigin::Code(0..0),
        "settings" => RegionOrigin::Settings,
        _ => return None,
    };
    let regions = regions
        .iter()
        .map(|r| {
            r.as_str()
                .filter(|r| crate::aws::is_region_code(r))
                .map(String::from)
        })
        .collect::<Option<Vec<_>>>()?;
    (!regions.is_empty()).then_some(RegionInForce { regions, origin })
}
