//! Code actions: the fixes attached to findings, "ignore on this line" (a comment in
//! the file's own syntax, honoured by the scanner) and "ignore this ID in the project"
//! (an entry in `ignore_ids` of the project's settings file, `.bedrock-lsp.toml` or
//! `[tool.bedrock-lsp]` in `pyproject.toml`, edited with everything else kept).

use std::ops::Range;

use super::{Code, DocumentAnalysis, Edit};
use crate::settings::project::{ProjectFileKind, ProjectSettingsFile};
use crate::syntax::Language;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionKind {
    /// Fixes finding `finding` of the analysis.
    Fix { finding: usize },
    /// Adds a `bedrock-lsp: ignore[code]` comment.
    IgnoreLine { finding: usize, code: Code },
    /// Adds the ID to `ignore_ids` in the project's settings file (new full file text).
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

/// Actions for the findings that overlap `range`. `project` is the project's settings
/// file (`None`: no workspace, no project action); when its text does not parse, the
/// project action is not offered (the file is not rewritten blindly).
pub fn code_actions(
    text: &str,
    language: Language,
    analysis: &DocumentAnalysis,
    range: Range<usize>,
    project: Option<ProjectSettingsFile<'_>>,
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
        // An unused ignore comment is fixed by removing it, not by more ignoring.
        if f.code == Code::UnusedIgnore {
            continue;
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
        if let Some(project) = project {
            let id = text.get(f.span.clone());
            let new = id.map(|id| add_ignored_id(project.text.unwrap_or(""), project.kind, id));
            if let (Some(id), Some(Ok(new_file_text))) = (id, new) {
                out.push(Action {
                    title: format!(
                        "Ignore `{id}` in this project ({})",
                        project.kind.file_name()
                    ),
                    kind: ActionKind::IgnoreInProject {
                        finding: i,
                        id: id.to_string(),
                        new_file_text,
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

/// The settings file's text (`""`: a new file) with `id` added to `ignore_ids` of its
/// settings table, everything else (comments, layout, other keys) kept; an error when
/// the text does not parse (see [`crate::settings::edit::add_to_list`]).
pub fn add_ignored_id(text: &str, kind: ProjectFileKind, id: &str) -> Result<String, String> {
    crate::settings::edit::add_to_list(text, kind, "ignore_ids", id)
}
