//! Conversions at the protocol edge: byte offsets ↔ LSP positions in the negotiated
//! encoding, and analysis results → LSP types.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position,
    Range as LspRange,
};

use crate::analysis::Finding;
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
        tags: f.deprecated.then(|| vec![DiagnosticTag::DEPRECATED]),
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
