//! Code actions: the fixes attached to findings, "ignore on this line" (a comment in
//! the file's own syntax, honoured by the scanner) and "ignore this ID in the project"
//! (an entry in `.bedrock-lsp.toml`).

use std::ops::Range;

use super::{Code, DocumentAnalysis, Edit};
use crate::syntax::Language;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKind {
    /// Fixes finding `finding` of the analysis.
    Fix { finding: usize },
    /// Adds a `bedrock-lsp: ignore[code]` comment.
    IgnoreLine { finding: usize, code: Code },
    /// Adds the ID to `ignore_ids` in `.bedrock-lsp.toml` (new full file text).
    IgnoreInProject {
        finding: usize,
        id: String,
        new_file_text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// Edits in this document (empty for the project-file action).
    pub edits: Vec<Edit>,
    pub preferred: bool,
}

/// Actions for the findings that overlap `range`. `project_file` is the current text of
/// `.bedrock-lsp.toml` (`None` = no such file, or no workspace root: the project action
/// is then offered only when `can_write_project` is set).
pub fn code_actions(
    text: &str,
    language: Language,
    analysis: &DocumentAnalysis,
    range: Range<usize>,
    project_file: Option<&str>,
    can_write_project: bool,
) -> Vec<Action> {
    let mut out = Vec::new();
    for (i, f) in analysis.findings.iter().enumerate() {
        let overlaps = f.span.start <= range.end && range.start <= f.span.end;
        if !overlaps {
            continue;
        }
        for fix in &f.fixes {
            out.push(Action {
                title: fix.title.clone(),
                kind: ActionKind::Fix { finding: i },
                edits: fix.edits.clone(),
                preferred: fix.preferred,
            });
        }
        if let Some(edit) = ignore_comment_edit(text, language, f.span.clone(), f.code) {
            out.push(Action {
                title: format!("Ignore `{}` on this line", f.code),
                kind: ActionKind::IgnoreLine {
                    finding: i,
                    code: f.code,
                },
                edits: vec![edit],
                preferred: false,
            });
        }
        if can_write_project {
            if let Some(id) = text.get(f.span.clone()) {
                out.push(Action {
                    title: format!("Ignore `{id}` in this project (.bedrock-lsp.toml)"),
                    kind: ActionKind::IgnoreInProject {
                        finding: i,
                        id: id.to_string(),
                        new_file_text: add_ignored_id(project_file.unwrap_or(""), id),
                    },
                    edits: Vec::new(),
                    preferred: false,
                });
            }
        }
    }
    out
}

/// The edit that adds `<comment> bedrock-lsp: ignore[code]` for the line of `span`: at
/// the end of that line, or on a line of its own above it when the line continues
/// (shell `\`) or the format has no line comments at the end.
pub fn ignore_comment_edit(
    text: &str,
    language: Language,
    span: Range<usize>,
    code: Code,
) -> Option<Edit> {
    let leader = language.line_comment()?;
    let line_end = text[span.end.min(text.len())..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| span.end + i);
    let line_start = text[..span.start.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let line = &text[line_start..line_end];
    let directive = format!("{leader} bedrock-lsp: ignore[{code}]");
    if line.trim_end().ends_with('\\') {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        return Some(Edit {
            span: line_start..line_start,
            new_text: format!("{indent}{directive}{nl}"),
        });
    }
    Some(Edit {
        span: line_end..line_end,
        new_text: format!(" {directive}"),
    })
}

/// `.bedrock-lsp.toml` text with `id` added to `ignore_ids`, keeping everything else
/// (comments included) as it was.
pub fn add_ignored_id(toml_text: &str, id: &str) -> String {
    let quoted = format!("{id:?}");
    let mut lines: Vec<String> = toml_text.lines().map(String::from).collect();
    let mut in_table = false;
    for line in lines.iter_mut() {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_table = true;
        }
        let key = t.split('=').next().unwrap_or("").trim();
        let norm: String = key.chars().filter(|c| *c != '_' && *c != '-').collect();
        if !in_table && norm.eq_ignore_ascii_case("ignoreids") && t.contains('=') {
            if line.contains(&quoted) {
                return toml_text.to_string();
            }
            if let Some(close) = line.rfind(']') {
                let inner = line[line.find('[').map_or(close, |i| i + 1)..close].trim();
                let sep = if inner.is_empty() { "" } else { ", " };
                line.insert_str(close, &format!("{sep}{quoted}"));
                let mut out = lines.join("\n");
                if toml_text.ends_with('\n') {
                    out.push('\n');
                }
                return out;
            }
        }
    }
    // No top-level `ignore_ids` on one line: add one before the first table.
    let entry = format!("ignore_ids = [{quoted}]");
    let first_table = lines.iter().position(|l| l.trim_start().starts_with('['));
    match first_table {
        Some(i) => lines.insert(i, entry),
        None => lines.push(entry),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
