//! Snapshot tests of the scanner over `tests/fixtures/<language>/`: every file is scanned
//! in the language its name detects, and the result is rendered one finding per line
//! (`line:col-endcol context(key) "text" flags`, 1-based byte columns) next to the file
//! as `<file>.snap`. Regenerate with `UPDATE_EXPECT=1 cargo test --test it syntax_fixtures::`
//! and review the diff by eye. Files named `*negative*` must yield no `key`/`value`
//! literal; every other fixture must yield at least one literal.

use bedrock_lsp::syntax::{scan, Language, LiteralContext, ScanResult, LANGUAGES};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    crate::support::fixture("")
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let ls = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, at - ls + 1)
}

fn pos(text: &str, r: &std::ops::Range<usize>) -> String {
    let (l1, c1) = line_col(text, r.start);
    let (l2, c2) = line_col(text, r.end);
    if l1 == l2 {
        format!("{l1}:{c1}-{c2}")
    } else {
        format!("{l1}:{c1}-{l2}:{c2}")
    }
}

fn render(text: &str, res: &ScanResult) -> String {
    let mut out = String::new();
    for l in &res.literals {
        let ctx = match l.context {
            LiteralContext::Key => "key",
            LiteralContext::Value => "value",
            LiteralContext::Comment => "comment",
            LiteralContext::Prose => "prose",
        };
        let key = l
            .key
            .as_deref()
            .map(|k| format!("({k})"))
            .unwrap_or_default();
        let mut flags = String::new();
        if l.scope_interpolated {
            flags.push_str(" scope-interpolated");
        }
        if l.incomplete {
            flags.push_str(" incomplete");
        }
        if l.content != l.span {
            flags.push_str(&format!(" in {:?}", &text[l.content.clone()]));
        }
        out.push_str(&format!(
            "{} {ctx}{key} {:?}{flags}\n",
            pos(text, &l.span),
            &text[l.span.clone()]
        ));
    }
    for r in &res.regions {
        out.push_str(&format!("{} region {}\n", pos(text, &r.span), r.region));
    }
    for i in &res.ignores {
        let (l1, _) = line_col(text, i.applies_to.start);
        let (l2, _) = line_col(
            text,
            i.applies_to.end.saturating_sub(1).max(i.applies_to.start),
        );
        out.push_str(&format!("ignore lines {l1}-{l2} {:?}\n", i.codes));
    }
    if out.is_empty() {
        out.push_str("(nothing found)\n");
    }
    out
}

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            // `x.snap` is the snapshot of `x` (a Jest fixture is itself a `.snap`).
            let snapshot = name
                .strip_suffix(".snap")
                .is_some_and(|stem| p.with_file_name(stem).is_file());
            !snapshot && name != ".gitattributes"
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_language_row_has_positive_and_negative_fixtures() {
    for row in LANGUAGES {
        let dir = fixtures().join(row.fixture);
        let files = fixture_files(&dir);
        let negatives = files.iter().filter(|p| is_negative(p)).count();
        assert!(negatives >= 1, "{}: no negative fixture", row.fixture);
        assert!(
            files.len() > negatives,
            "{}: no positive fixture",
            row.fixture
        );
        for f in &files {
            let lang = Language::detect(None, Some(&f.to_string_lossy()));
            assert_eq!(
                lang,
                row.language,
                "{} is not detected as {:?}",
                f.display(),
                row.language
            );
        }
    }
}

#[test]
fn fixture_snapshots() {
    for row in LANGUAGES {
        for f in fixture_files(&fixtures().join(row.fixture)) {
            let text = std::fs::read_to_string(&f).unwrap();
            let res = scan(&text, row.language);
            let loud = res
                .literals
                .iter()
                .filter(|l| matches!(l.context, LiteralContext::Key | LiteralContext::Value))
                .count();
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if is_negative(&f) {
                assert_eq!(loud, 0, "{}: {}", f.display(), render(&text, &res));
            } else {
                assert!(!res.literals.is_empty(), "{}: nothing found", f.display());
            }
            let snap = f.with_file_name(format!("{name}.snap"));
            expect_test::expect_file![snap].assert_eq(&render(&text, &res));
        }
    }
}

fn is_negative(p: &Path) -> bool {
    p.file_name()
        .unwrap()
        .to_string_lossy()
        .to_ascii_lowercase()
        .contains("negative")
}
