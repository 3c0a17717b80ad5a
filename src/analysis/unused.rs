//! `unused-ignore`: `bedrock-lsp: ignore` comments (and codes in their lists) that
//! suppress nothing, and an unused `bedrock-lsp: ignore-file`. The decision only; the
//! scanner finds the directives ([`crate::syntax::IgnoreDirective`]), `server` and
//! `check` show the findings.
//!
//! A directive (or a code in its list) is *used* when a rule finds a problem of that
//! code on a literal it covers, before anything silences the problem: the comment
//! itself, `ignoreIds`, `ignoreCodes`, `--select`, a severity of `off`. So the report
//! is the same under every configuration, and the fix (safe: it only deletes the
//! directive, or the unused codes from its list) never takes out a directive that
//! another configuration still needs.

use std::ops::Range;

use super::{Code, Context, Edit, FileFacts, Finding, Fix, Use};
use crate::settings::Level;
use crate::syntax::{IgnoreDirective, ScanResult};

/// The level `unused-ignore` is reported at, `None` when it is not reported (the
/// setting is off, or the code's level is `off`).
fn level(ctx: &Context) -> Option<Level> {
    if !ctx.settings.report_unused_ignores {
        return None;
    }
    let l = ctx.settings.level_for(
        Code::UnusedIgnore.as_str(),
        Code::UnusedIgnore.default_level(),
    );
    (l != Level::Off).then_some(l)
}

/// The `unused-ignore` findings of the directives whose text starts in `within`, in
/// text order. Empty unless `reportUnusedIgnores` is on.
pub(super) fn unused_ignores(
    text: &str,
    scan: &ScanResult,
    within: Range<usize>,
    facts: &FileFacts,
    ctx: &Context,
) -> Vec<Finding> {
    let Some(level) = level(ctx) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in scan
        .ignores
        .iter()
        .filter(|d| within.contains(&d.span.start) && !d.example)
    {
        // `ignore[…, unused-ignore]` keeps itself from being reported.
        if d.codes.iter().any(|c| c == Code::UnusedIgnore.as_str()) {
            continue;
        }
        let fired = fired_codes(text, scan, d, facts, ctx);
        if let Some(f) = judge(text, d, &fired, level, ctx) {
            out.push(f);
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// The codes the rules find on the literals `d` covers (before any silencing).
fn fired_codes(
    text: &str,
    scan: &ScanResult,
    d: &IgnoreDirective,
    facts: &FileFacts,
    ctx: &Context,
) -> Vec<Code> {
    let lits = &scan.literals;
    let first = lits.partition_point(|l| l.span.start < d.applies_to.start);
    let mut fired: Vec<Code> = Vec::new();
    for lit in lits[first..]
        .iter()
        .take_while(|l| l.span.start <= d.applies_to.end)
    {
        for f in super::candidates(text, scan, lit, facts, ctx) {
            if !fired.contains(&f.code) {
                fired.push(f.code);
            }
        }
        if d.codes.is_empty() && !fired.is_empty() {
            break;
        }
    }
    fired
}

/// The finding for one directive given the codes that fire under it, if it is unused.
fn judge(
    text: &str,
    d: &IgnoreDirective,
    fired: &[Code],
    level: Level,
    ctx: &Context,
) -> Option<Finding> {
    let shown = text.get(d.span.clone())?;
    let used = |c: &str| Code::parse(c).is_some_and(|c| fired.contains(&c));
    let unused: Vec<&str> = d
        .codes
        .iter()
        .map(String::as_str)
        .filter(|c| !used(c))
        .collect();
    let (message, fix) = if d.codes.is_empty() {
        if !fired.is_empty() {
            return None;
        }
        (
            format!("Unused `{shown}`: nothing is reported on the line it covers"),
            remove_all(d, shown),
        )
    } else if unused.is_empty() {
        return None;
    } else if unused.len() == d.codes.len() {
        (
            format!(
                "Unused `{shown}`: {} on the line it covers",
                no_finding_of(&unused)
            ),
            remove_all(d, shown),
        )
    } else {
        let kept: Vec<&str> = d
            .codes
            .iter()
            .map(String::as_str)
            .filter(|c| used(c))
            .collect();
        (
            format!(
                "Unused {} in `{shown}`: {} on the line it covers",
                if unused.len() == 1 { "code" } else { "codes" },
                no_finding_of(&unused)
            ),
            remove_codes(text, d, &unused, &kept),
        )
    };
    Some(Finding {
        span: d.span.clone(),
        code: Code::UnusedIgnore,
        level,
        message,
        deprecated: false,
        fixes: fix.into_iter().collect(),
        use_site: if ctx.test_file { Use::Test } else { Use::Prose },
    })
}

/// "no `eol-model` finding" / "no `a` or `b` finding", naming what is not a code.
fn no_finding_of(codes: &[&str]) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
    let list = match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    let unknown: Vec<&&str> = codes.iter().filter(|c| Code::parse(c).is_none()).collect();
    match unknown.as_slice() {
        [] => format!("no {list} finding"),
        [one] => format!("no {list} finding (`{one}` is not a bedrock-lsp code)"),
        more => format!(
            "no {list} finding ({} are not bedrock-lsp codes)",
            more.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `None` when the directive cannot be taken out without joining what surrounds it.
fn remove_all(d: &IgnoreDirective, shown: &str) -> Option<Fix> {
    if d.removal.is_empty() {
        return None;
    }
    Some(Fix {
        title: format!("Remove the unused `{shown}`"),
        edits: vec![Edit {
            span: d.removal.clone(),
            new_text: String::new(),
        }],
        preferred: true,
        safe: true,
    })
}

/// Rewrite the list between `[` and `]` with the codes still used.
fn remove_codes(text: &str, d: &IgnoreDirective, unused: &[&str], kept: &[&str]) -> Option<Fix> {
    let open = d.span.start + text.get(d.span.clone())?.find('[')?;
    let close = d.span.end.checked_sub(1)?;
    if text.as_bytes().get(close) != Some(&b']') || open >= close {
        return None;
    }
    let sep = if text.get(open + 1..close)?.contains(", ") {
        ", "
    } else {
        ","
    };
    Some(Fix {
        title: format!(
            "Remove {} from the ignore comment",
            unused
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        edits: vec![Edit {
            span: open + 1..close,
            new_text: kept.join(sep),
        }],
        preferred: true,
        safe: true,
    })
}

/// The finding for an unused `bedrock-lsp: ignore-file` comment at `directive` (the
/// directive's text; the comment stands alone on its line): `None` when a rule finds
/// a problem anywhere in the file (before any silencing), or the report is off.
pub fn unused_ignore_file(
    text: &str,
    language: crate::syntax::Language,
    directive: Range<usize>,
    ctx: &Context,
) -> Option<Finding> {
    let level = level(ctx)?;
    let shown = text.get(directive.clone())?;
    let scan = crate::syntax::scan(text, language);
    let marks = super::Marks::find(text);
    let bindings = super::region::bindings(text, &scan.regions, language);
    let facts = FileFacts::new(language, marks, &bindings);
    if scan
        .literals
        .iter()
        .any(|lit| !super::candidates(text, &scan, lit, &facts, ctx).is_empty())
    {
        return None;
    }
    // The whole line, with its line break (`\n`, `\r\n` or `\r`, as the directive
    // is found).
    let b = text.as_bytes();
    let ls = memchr::memrchr2(b'\n', b'\r', &b[..directive.start]).map_or(0, |i| i + 1);
    let le = match memchr::memchr2(b'\n', b'\r', &b[directive.end..]) {
        None => b.len(),
        Some(i) if b[directive.end + i..].starts_with(b"\r\n") => directive.end + i + 2,
        Some(i) => directive.end + i + 1,
    };
    Some(Finding {
        span: directive.clone(),
        code: Code::UnusedIgnore,
        level,
        message: format!("Unused `{shown}`: nothing in the file is reported"),
        deprecated: false,
        fixes: vec![Fix {
            title: format!("Remove the unused `{shown}`"),
            edits: vec![Edit {
                span: ls..le,
                new_text: String::new(),
            }],
            preferred: true,
            safe: true,
        }],
        use_site: if ctx.test_file { Use::Test } else { Use::Prose },
    })
}
