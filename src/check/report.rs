//! Output formats. Positions are 1-based lines and 1-based columns counted in Unicode
//! characters (code points); an end column is the column just after the last character
//! (as SARIF defines it).

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Renderer, Snippet};
use serde_json::{json, Value};

use crate::analysis::{Code, Finding};
use crate::settings::Level;

/// One file's findings with the text they point into.
pub struct FileFindings<'a> {
    /// The path as shown (as given on the command line or found by the walk).
    pub path: String,
    pub text: &'a str,
    pub findings: &'a [Finding],
}

/// Line starts of a text, to turn byte offsets into (line, column).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// 0-based line index of a byte offset.
    fn index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// 1-based (line, character column).
    pub fn pos(&self, offset: usize) -> (usize, usize) {
        let i = self.index(offset);
        let start = self.starts[i];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (i + 1, col + 1)
    }

    /// The byte range of the whole lines covering `span`, without the final line break.
    fn line_range(&self, span: &std::ops::Range<usize>) -> (usize, std::ops::Range<usize>) {
        let first = self.index(span.start);
        let last = self.index(span.end.saturating_sub(1).max(span.start));
        let start = self.starts[first];
        let mut end = self
            .starts
            .get(last + 1)
            .map_or(self.text.len(), |&s| s - 1);
        if self.text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > start {
            end -= 1;
        }
        (first + 1, start..end)
    }
}

pub fn severity_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Information => "info",
        Level::Hint | Level::Off => "hint",
    }
}

/// Compiler-style text with the source line and a caret underline.
pub fn text(files: &[FileFindings], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for file in files {
        let lines = Lines::new(file.text);
        for f in file.findings {
            let (line_no, range) = lines.line_range(&f.span);
            let source = &file.text[range.clone()];
            let span = f.span.start.saturating_sub(range.start)
                ..f.span.end.min(range.end).saturating_sub(range.start);
            let level = match f.level {
                Level::Error => annotate_snippets::Level::ERROR,
                Level::Warning => annotate_snippets::Level::WARNING,
                Level::Information => annotate_snippets::Level::INFO,
                Level::Hint | Level::Off => annotate_snippets::Level::NOTE,
            };
            let title = level
                .primary_title(f.message.as_str())
                .id(f.code.as_str())
                .id_url(f.code.href());
            let snippet = Snippet::source(source)
                .line_start(line_no)
                .path(file.path.as_str())
                .annotation(AnnotationKind::Primary.span(span));
            let mut group: Group = title.element(snippet);
            if let Some(fix) = f
                .fixes
                .iter()
                .find(|x| x.preferred)
                .or_else(|| f.fixes.first())
            {
                let tail = if fix.safe { " (--fix applies it)" } else { "" };
                group = group.element(
                    annotate_snippets::Level::HELP.message(format!("{}{tail}", fix.title)),
                );
            }
            let rendered = renderer.render(&[group]);
            out.push_str(&rendered);
            out.push_str("\n\n");
        }
    }
    out
}

fn position_json(lines: &Lines, span: &std::ops::Range<usize>) -> (usize, usize, usize, usize) {
    let (l, c) = lines.pos(span.start);
    let (el, ec) = lines.pos(span.end);
    (l, c, el, ec)
}

/// `--statistics`: how many findings each code has, most first, and how many of them
/// have a safe fix. Text: `COUNT  CODE  [N fixable]` lines; JSON: an array of
/// `{code, count, fixable}`.
pub fn statistics(findings: &[&Finding], as_json: bool) -> String {
    let mut by_code: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for f in findings {
        let e = by_code.entry(f.code.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(f.fixes.iter().any(|x| x.safe));
    }
    let mut rows: Vec<(&str, usize, usize)> =
        by_code.into_iter().map(|(c, (n, s))| (c, n, s)).collect();
    rows.sort_by_key(|(code, n, _)| (std::cmp::Reverse(*n), *code));
    if as_json {
        let arr: Vec<Value> = rows
            .iter()
            .map(|(code, n, fixable)| json!({"code": code, "count": n, "fixable": fixable}))
            .collect();
        let mut s = serde_json::to_string_pretty(&Value::Array(arr)).expect("JSON serializes");
        s.push('\n');
        return s;
    }
    let width = rows
        .iter()
        .map(|(_, n, _)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let code_width = rows.iter().map(|(c, _, _)| c.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (code, n, fixable) in rows {
        let line = if fixable > 0 {
            format!("{n:>width$}  {code:<code_width$}  [{fixable} fixable]")
        } else {
            format!("{n:>width$}  {code}")
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A JSON array of findings.
pub fn json(files: &[FileFindings]) -> String {
    let mut arr = Vec::new();
    for file in files {
        let lines = Lines::new(file.text);
        for f in file.findings {
            let (line, column, end_line, end_column) = position_json(&lines, &f.span);
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|fix| {
                    let edits: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| {
                            let (l, c, el, ec) = position_json(&lines, &e.span);
                            json!({"line": l, "column": c, "endLine": el, "endColumn": ec,
                                   "newText": e.new_text})
                        })
                        .collect();
                    json!({"title": fix.title, "safe": fix.safe, "preferred": fix.preferred,
                           "edits": edits})
                })
                .collect();
            arr.push(json!({
                "file": file.path,
                "line": line,
                "column": column,
                "endLine": end_line,
                "endColumn": end_column,
                "code": f.code.as_str(),
                "severity": severity_name(f.level),
                "message": f.message,
                "url": f.code.href(),
                "use": f.use_site.as_str(),
                "fixes": fixes,
            }));
        }
    }
    let mut s = serde_json::to_string_pretty(&Value::Array(arr)).expect("JSON serializes");
    s.push('\n');
    s
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Information | Level::Hint | Level::Off => "note",
    }
}

/// A relative path as a URI reference (forward slashes, reserved bytes escaped).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

/// SARIF 2.1.0, as GitHub code scanning accepts it.
pub fn sarif(files: &[FileFindings]) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": {"text": c.summary()},
                "fullDescription": {"text": c.summary()},
                "help": {
                    "text": format!("{} See {}", c.summary(), c.href()),
                    "markdown": format!(
                        "{} See [{}]({}).",
                        c.summary(),
                        if c.href().starts_with("https://docs.aws.amazon.com/") {
                            "the AWS documentation"
                        } else {
                            "the bedrock-lsp documentation"
                        },
                        c.href()
                    ),
                },
                "helpUri": c.href(),
                "properties": {"tags": ["bedrock"]},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let lines = Lines::new(file.text);
        let artifact = uri(&file.path);
        for f in file.findings {
            let (line, column, end_line, end_column) = position_json(&lines, &f.span);
            let rule_index = Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0);
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|fix| {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| {
                            let (l, c, el, ec) = position_json(&lines, &e.span);
                            json!({
                                "deletedRegion": {"startLine": l, "startColumn": c,
                                                  "endLine": el, "endColumn": ec},
                                "insertedContent": {"text": e.new_text},
                            })
                        })
                        .collect();
                    json!({
                        "description": {"text": fix.title},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": artifact},
                            "replacements": replacements,
                        }],
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": rule_index,
                "level": sarif_level(f.level),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact},
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column,
                            "snippet": {"text": &file.text[f.span.clone()]},
                        },
                    },
                }],
            });
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "bedrock-lsp",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

/// Escape a workflow-command message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value.
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (annotations on the pull request).
pub fn github(files: &[FileFindings]) -> String {
    let mut out = String::new();
    for file in files {
        let lines = Lines::new(file.text);
        for f in file.findings {
            let (line, column, end_line, end_column) = position_json(&lines, &f.span);
            let kind = match f.level {
                Level::Error => "error",
                Level::Warning => "warning",
                _ => "notice",
            };
            let _ = write!(out, "::{kind} file={},line={line},", gh_prop(&file.path));
            if end_line == line {
                let _ = write!(out, "col={column},endColumn={end_column},");
            } else {
                let _ = write!(out, "col={column},endLine={end_line},");
            }
            let _ = writeln!(
                out,
                "title={}::{}",
                gh_prop(&format!("bedrock-lsp({})", f.code)),
                gh_data(&f.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_lines() {
        let text = "a\r\néé \"x\"\nlast";
        let l = Lines::new(text);
        assert_eq!(l.pos(0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(l.pos(x), (2, 5));
        assert_eq!(l.pos(text.len()), (3, 5));
        let (first, range) = l.line_range(&(0..1));
        assert_eq!((first, &text[range]), (1, "a"));
    }

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(uri("./src/my app.py"), "src/my%20app.py");
        assert_eq!(uri("/abs/x#1.py"), "file:///abs/x%231.py");
    }

    #[test]
    fn workflow_commands_escape() {
        assert_eq!(gh_prop("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(gh_data("x\ny"), "x%0Ay");
    }
}
