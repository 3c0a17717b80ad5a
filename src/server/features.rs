//! Request handlers for the editor features: completion (+ resolve), hover, code
//! actions, pulled diagnostics, inlay hints and document links. Each one takes the
//! current analysis, calls the pure function in `analysis`, and maps the result to LSP.
//! Unknown documents and out-of-range positions give empty results.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::backend::Backend;
use super::open_doc::{Analysed, EditedSince};
use super::{convert, pipeline};
use crate::analysis::Since;
use crate::analysis::{self, ActionKind, Context};
use crate::settings::project::{ProjectFile, ProjectFileKind, ProjectSettingsFile};
use crate::syntax::{Language, Reach};

impl Backend {
    async fn analysed(&self, uri: &Uri) -> Option<Analysed> {
        pipeline::current(&self.state, uri).await
    }

    /// While typing: the answer of `near` (`analysis::hover_near`, `completions_near`)
    /// at `position`, from a window of the current text and the previous version's
    /// analysis, without waiting for the analysis of this version; with the offset and
    /// the current text. `None`: ask the analysis. An answer is counted, and starts the
    /// version's analysis (the publish after the debounce needs it).
    fn answer_from_window<T>(
        &self,
        uri: &Uri,
        position: Position,
        near: impl FnOnce(
            Since,
            &ropey::Rope,
            Language,
            usize,
            &Context,
            Reach,
        ) -> analysis::WindowAnswer<T>,
    ) -> Option<(usize, Option<T>, EditedSince)> {
        let enc = self.state.encoding();
        // The context is made first: `near` holds the document's record meanwhile.
        let ((offset, answer), n) = self.with_ctx(Some(uri), |ctx| {
            self.state.near(uri, |n, since| {
                let offset = convert::offset(&n.rope, position, enc)?;
                let answer = near(since, &n.rope, n.language, offset, ctx, Reach::default())?;
                Some((offset, answer))
            })
        })?;
        self.state.counters.window_answer();
        pipeline::prepare(&self.state, uri);
        Some((offset, answer, n))
    }

    /// Debug builds: an answer given from a window must be the one the analysis of the
    /// same version gives (`check` asserts it; every LSP test runs this).
    async fn check_near(
        &self,
        uri: &Uri,
        version: i32,
        check: impl FnOnce(&Analysed, &Context) -> Option<()>,
    ) {
        if let Some(a) = self.analysed(uri).await.filter(|a| a.version == version) {
            self.with_ctx(Some(uri), |ctx| check(&a, ctx));
        }
    }

    /// Run `f` with the analysis context of document `uri`: its own settings (the
    /// `[[overrides]]` that match its path applied), or the workspace's without a URI.
    fn with_ctx<T>(&self, uri: Option<&Uri>, f: impl FnOnce(&Context) -> T) -> T {
        let catalog = self.state.catalog();
        let settings = match uri {
            Some(uri) => self.state.settings_for(uri).0,
            None => self.state.settings(),
        };
        let ctx = Context {
            catalog: &catalog,
            settings: &settings,
            today: self.state.today(),
            // Hover and completion report no findings of their own.
            test_file: false,
        };
        f(&ctx)
    }

    pub(super) async fn on_completion(
        &self,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri;
        let position = params.text_document_position.position;
        let enc = self.state.encoding();
        let near = self.answer_from_window(&uri, position, analysis::completions_near);
        let (rope, list) = match near {
            Some((offset, list, n)) => {
                if cfg!(debug_assertions) {
                    self.check_near(&uri, n.version, |a, ctx| {
                        let lang = a.analysis.language?;
                        let full = analysis::completions(&a.text, lang, offset, &a.analysis, ctx);
                        assert_eq!(full, list, "completion from a window at {offset}");
                        Some(())
                    })
                    .await;
                }
                (n.rope, list)
            }
            None => {
                let Some(a) = self.analysed(&uri).await else {
                    return Ok(None);
                };
                let Some(offset) = convert::offset(&a.rope, position, enc) else {
                    return Ok(None);
                };
                let Some(language) = a.analysis.language else {
                    return Ok(None);
                };
                let list = self.with_ctx(Some(&uri), |ctx| {
                    analysis::completions(&a.text, language, offset, &a.analysis, ctx)
                });
                (a.rope, list)
            }
        };
        let Some(list) = list else {
            return Ok(None);
        };
        // What resolve needs besides the label: the region(s) in force at the site.
        let data = convert::completion_data(&list.region);
        // Items replace the same span: convert it once.
        let mut last: Option<(std::ops::Range<usize>, Range)> = None;
        let items = list
            .items
            .into_iter()
            .map(|it| {
                let range = match &last {
                    Some((span, r)) if *span == it.edit.span => *r,
                    _ => {
                        let r = convert::range(&rope, &it.edit.span, enc);
                        last = Some((it.edit.span.clone(), r));
                        r
                    }
                };
                (it, range)
            })
            .map(|(it, range)| CompletionItem {
                label: it.label.clone(),
                kind: Some(CompletionItemKind::CONSTANT),
                detail: Some(it.detail),
                sort_text: Some(it.sort_text),
                filter_text: Some(it.filter_text),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: it.edit.new_text,
                })),
                tags: it.deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
                data: Some(data.clone()),
                ..Default::default()
            })
            .collect();
        Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: list.is_incomplete,
            items,
        })))
    }

    pub(super) async fn on_completion_resolve(
        &self,
        mut item: CompletionItem,
    ) -> Result<CompletionItem> {
        // Our items carry the region(s) in force at their site; the ID is the label.
        let Some(data) = item.data.as_ref() else {
            return Ok(item);
        };
        let region = convert::completion_region(data).unwrap_or_else(no_region);
        let md = self.with_ctx(None, |ctx| {
            analysis::hover_card_for_id(&item.label, &region, ctx)
        });
        if let Some(md) = md {
            item.documentation = Some(Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }));
        }
        Ok(item)
    }

    pub(super) async fn on_hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        let enc = self.state.encoding();
        let near = self.answer_from_window(&uri, position, analysis::hover_near);
        let (rope, h) = match near {
            Some((offset, h, n)) => {
                if cfg!(debug_assertions) {
                    self.check_near(&uri, n.version, |a, ctx| {
                        let full = analysis::hover(&a.text, &a.analysis, offset, ctx);
                        assert_eq!(full, h, "hover from a window at {offset}");
                        Some(())
                    })
                    .await;
                }
                (n.rope, h)
            }
            None => {
                let Some(a) = self.analysed(&uri).await else {
                    return Ok(None);
                };
                let Some(offset) = convert::offset(&a.rope, position, enc) else {
                    return Ok(None);
                };
                let h = self.with_ctx(Some(&uri), |ctx| {
                    analysis::hover(&a.text, &a.analysis, offset, ctx)
                });
                (a.rope, h)
            }
        };
        Ok(h.map(|h| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(convert::range(&rope, &h.span, enc)),
        }))
    }

    pub(super) async fn on_code_action(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysed(&uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let (Some(start), Some(end)) = (
            convert::offset(&a.rope, params.range.start, enc),
            convert::offset(&a.rope, params.range.end, enc),
        ) else {
            return Ok(None);
        };
        let Some(language) = a.analysis.language else {
            return Ok(None);
        };
        // `context.only`: the kinds the client wants (a kind covers its sub-kinds).
        let wants = |kind: &str| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|k| {
                    let k = k.as_str();
                    kind == k
                        || kind
                            .strip_prefix(k)
                            .is_some_and(|rest| rest.starts_with('.'))
                })
            })
        };
        let mut out = Vec::new();
        // `source.fixAll.bedrock-lsp` (e.g. `editor.codeActionsOnSave`): every safe fix in
        // the document, as `check --fix` applies them (one per finding, no overlaps).
        // Only when asked for by kind: it is not a fix for the range.
        if params.context.only.is_some() && wants(FIX_ALL) {
            if let Some(action) = fix_all(&uri, &a, enc) {
                out.push(CodeActionOrCommand::CodeAction(action));
            }
        }
        if !wants(CodeActionKind::QUICKFIX.as_str()) {
            return Ok(Some(out));
        }
        let project = self.project_settings_text().await;
        let actions = analysis::code_actions(
            &a.text,
            language,
            &a.analysis,
            start.min(end)..start.max(end),
            project.as_ref().map(|(file, text, _)| ProjectSettingsFile {
                kind: file.kind,
                text: text.as_deref(),
            }),
        );
        for action in actions {
            let finding = match &action.kind {
                ActionKind::Fix { finding }
                | ActionKind::IgnoreLine { finding, .. }
                | ActionKind::IgnoreInProject { finding, .. } => *finding,
            };
            let diagnostic = a
                .analysis
                .findings
                .get(finding)
                .and_then(|f| convert::diagnostic(&a.rope, f, enc));
            let edit = match &action.kind {
                ActionKind::IgnoreInProject { new_file_text, .. } => {
                    let Some((file, text, version)) = &project else {
                        continue;
                    };
                    let Some(file_uri) = Uri::from_file_path(&file.path) else {
                        continue;
                    };
                    let enc = self.state.encoding();
                    project_file_edit(file_uri, text.as_deref(), *version, new_file_text, enc)
                }
                _ => {
                    let edits = action
                        .edits
                        .iter()
                        .map(|e| TextEdit {
                            range: convert::range(&a.rope, &e.span, enc),
                            new_text: e.new_text.clone(),
                        })
                        .collect();
                    WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }
                }
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: action.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.map(|d| vec![d]),
                edit: Some(edit),
                is_preferred: action.preferred.then_some(true),
                ..Default::default()
            }));
        }
        Ok(Some(out))
    }

    pub(super) async fn on_diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = match self.analysed(&uri).await {
            // Converted off the executor (see `Analysed::diagnostics`).
            Some(a) => {
                match tokio::task::spawn_blocking(move || super::publish::visible_diagnostics(&a))
                    .await
                {
                    Ok(d) => (*d).clone(),
                    Err(e) => {
                        tracing::error!(uri = uri.as_str(), "diagnostics failed: {e}");
                        return Err(tower_lsp_server::jsonrpc::Error::internal_error());
                    }
                }
            }
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    pub(super) async fn on_inlay_hint(
        &self,
        params: InlayHintParams,
    ) -> Result<Option<Vec<InlayHint>>> {
        if !self.state.settings().inlay_hints {
            return Ok(None);
        }
        let Some(a) = self.analysed(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let start = convert::offset(&a.rope, params.range.start, enc).unwrap_or(0);
        let end = convert::offset(&a.rope, params.range.end, enc).unwrap_or(a.text.len());
        let hints = self.with_ctx(Some(&params.text_document.uri), |ctx| {
            analysis::inlay_hints(&a.text, &a.analysis, start..end, ctx)
        });
        Ok(Some(
            hints
                .into_iter()
                .map(|h| InlayHint {
                    position: convert::position(&a.rope, h.offset, enc),
                    label: InlayHintLabel::String(h.label),
                    kind: None,
                    text_edits: None,
                    tooltip: None,
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect(),
        ))
    }

    pub(super) async fn on_document_link(
        &self,
        params: DocumentLinkParams,
    ) -> Result<Option<Vec<DocumentLink>>> {
        if !self.state.settings().document_links {
            return Ok(None);
        }
        let Some(a) = self.analysed(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let links = self.with_ctx(Some(&params.text_document.uri), |ctx| {
            analysis::document_links(&a.text, &a.analysis, ctx)
        });
        Ok(Some(
            links
                .into_iter()
                .map(|l| DocumentLink {
                    range: convert::range(&a.rope, &l.span, enc),
                    target: l.target.parse().ok(),
                    tooltip: Some("Open the AWS model card".into()),
                    data: None,
                })
                .collect(),
        ))
    }
}

/// The code action kind of "apply every safe fix" (`source.fixAll` for this server).
pub const FIX_ALL: &str = "source.fixAll.bedrock-lsp";

/// One action with the first safe fix of each finding of the document, in order and
/// without overlaps (`None` when there is none).
fn fix_all(uri: &Uri, a: &Analysed, enc: crate::documents::Encoding) -> Option<CodeAction> {
    let mut edits: Vec<&analysis::Edit> = a
        .analysis
        .findings
        .iter()
        .filter_map(|f| f.fixes.iter().find(|x| x.safe))
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut kept: Vec<&analysis::Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if kept.last().is_none_or(|p| p.span.end <= e.span.start) {
            kept.push(e);
        }
    }
    if kept.is_empty() {
        return None;
    }
    let n = kept.len();
    let text_edits = kept
        .into_iter()
        .map(|e| TextEdit {
            range: convert::range(&a.rope, &e.span, enc),
            new_text: e.new_text.clone(),
        })
        .collect();
    Some(CodeAction {
        title: if n == 1 {
            "Apply the safe bedrock-lsp fix".into()
        } else {
            format!("Apply the {n} safe bedrock-lsp fixes")
        },
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), text_edits)])),
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn no_region() -> analysis::RegionInForce {
    analysis::RegionInForce {
        regions: Vec::new(),
        origin: analysis::RegionOrigin::Unknown,
    }
}

impl Backend {
    /// The project's settings file (the one in force at the workspace root, else a new
    /// `.bedrock-lsp.toml` there), its text (`None`: it does not exist) and, when it is
    /// open in the editor, the version of the text (the editor's, not the disk's).
    async fn project_settings_text(&self) -> Option<(ProjectFile, Option<String>, Option<i32>)> {
        let root = self.state.root.read().ok().and_then(|r| r.clone())?;
        let file = self
            .state
            .project_file
            .read()
            .ok()
            .and_then(|f| f.clone())
            .unwrap_or_else(|| ProjectFile {
                path: root.join(ProjectFileKind::Dedicated.file_name()),
                kind: ProjectFileKind::Dedicated,
            });
        let open = Uri::from_file_path(&file.path).and_then(|u| {
            self.state
                .doc(&u, |d| (d.doc.text.to_string(), d.doc.version))
        });
        match open {
            Some((text, version)) => Some((file, Some(text), Some(version))),
            // Read off the executor (a slow disk must not hold up other requests).
            None => {
                let path = file.path.clone();
                let read =
                    tokio::task::spawn_blocking(move || crate::settings::project::read_text(&path));
                let text = read.await.ok()?.ok()?;
                Some((file, text, None))
            }
        }
    }
}

/// Create the settings file, or change it with the smallest edit that gives the new
/// text (so every range lies inside the document, and an editor keeps the cursor and
/// undo history of the rest). `version`: the open document's version, if it is open.
fn project_file_edit(
    file_uri: Uri,
    old: Option<&str>,
    version: Option<i32>,
    new_text: &str,
    enc: crate::documents::Encoding,
) -> WorkspaceEdit {
    let exists = old.is_some();
    let old = old.unwrap_or("");
    let (span, inserted) = crate::settings::edit::minimal_edit(old, new_text);
    let rope = ropey::Rope::from_str(old);
    let text_edit = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: file_uri.clone(),
            version,
        },
        edits: vec![OneOf::Left(TextEdit {
            range: convert::range(&rope, &span, enc),
            new_text: inserted.to_string(),
        })],
    };
    let mut ops = Vec::new();
    if !exists {
        ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri: file_uri,
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    ops.push(DocumentChangeOperation::Edit(text_edit));
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..Default::default()
    }
}
