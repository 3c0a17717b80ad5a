//! The invariants of ARCHITECTURE.md that a reading of the source can check: which
//! layer may name which crate or module, where the network is, and that the code map
//! names every source file.

use std::path::{Path, PathBuf};

use crate::support::repo;

/// Every `.rs` file under `src/`, as a path relative to the repository (`src/…`).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src/ is readable") {
            let p = e.expect("directory entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo().join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(repo())
                .expect("under the repository")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("source is UTF-8");
            (rel, text)
        })
        .collect()
}

/// Code lines only: `//` comments are left out, so a doc comment may name anything.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
}

fn offenders(allowed: impl Fn(&str) -> bool, needles: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in sources() {
        if allowed(&path) {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if let Some(needle) = needles.iter().find(|w| line.contains(*w)) {
                out.push(format!("{path}:{n}: {needle}"));
            }
        }
    }
    out
}

#[test]
fn only_the_server_knows_lsp() {
    let found = offenders(
        |p| p.starts_with("src/server/"),
        &["ls_types", "tower_lsp", "lsp_types"],
    );
    assert!(
        found.is_empty(),
        "LSP types outside src/server/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_pure_layers_do_not_reach_up() {
    let found = offenders(
        |p| !(p.starts_with("src/syntax/") || p.starts_with("src/analysis/")),
        &["crate::server", "crate::check", "crate::cli", "tokio::"],
    );
    assert!(
        found.is_empty(),
        "syntax/ and analysis/ name a layer above them (or the runtime):\n{}",
        found.join("\n")
    );
    let found = offenders(
        |p| !p.starts_with("src/syntax/"),
        &["crate::analysis", "crate::settings"],
    );
    assert!(
        found.is_empty(),
        "syntax/ names analysis or settings:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_network_outside_refresh_and_update() {
    let found = offenders(
        |p| p == "src/catalog/refresh.rs" || p == "src/catalog/update.rs",
        &[
            "aws_sdk_",
            "aws_config",
            "aws_smithy",
            "hyper",
            "TcpStream",
            "reqwest",
            "UdpSocket",
        ],
    );
    assert!(
        found.is_empty(),
        "network code outside `catalog refresh` / `catalog update`:\n{}",
        found.join("\n")
    );
}

/// The part of the code map under the heading that names `dir` (`### \`src/syntax/\``).
fn section<'d>(doc: &'d str, dir: &str) -> &'d str {
    let head = format!("### `{dir}`");
    let Some(at) = doc.find(&head) else {
        return "";
    };
    let rest = &doc[at + head.len()..];
    &rest[..rest.find("\n### ").unwrap_or(rest.len())]
}

#[test]
fn the_code_map_names_every_source_file() {
    let doc = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let missing: Vec<String> = sources()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            // `src/syntax/emit/mod.rs` is named as `mod.rs` under `### src/syntax/emit/`,
            // as `emit/mod.rs` under `### src/syntax/`, or by its path from `src/` anywhere.
            let from_src = p.trim_start_matches("src/");
            let named_under = |dir: &str| {
                let rel = &p[dir.len() + 1..];
                section(&doc, &format!("{dir}/")).contains(&format!("`{rel}`"))
            };
            let mut dirs = p.match_indices('/').map(|(i, _)| &p[..i]);
            !(doc.contains(&format!("`{from_src}`")) || dirs.any(named_under))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name:\n{}",
        missing.join("\n")
    );
}
