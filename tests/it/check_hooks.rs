//! The shipped `.pre-commit-hooks.yaml` runs `check` on exactly the supported files.

use bedrock_lsp::syntax::{Language, LANGUAGES};

fn hook_files_regex() -> regex::Regex {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .expect("the hook file ships");
    assert!(text.contains("- id: bedrock-lsp\n"));
    assert!(text.contains("  entry: bedrock-lsp check\n"));
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: '"))
        .expect("a single-quoted `files:` pattern");
    regex::Regex::new(line.strip_suffix('\'').unwrap()).expect("a valid pattern")
}

#[test]
fn hook_matches_every_supported_language_and_nothing_else() {
    let re = hook_files_regex();
    for row in LANGUAGES
        .iter()
        .filter(|r| !matches!(r.language, Language::PlainText | Language::Generic))
    {
        for ext in row.extensions {
            let path = format!("src/sub/file.{ext}");
            assert!(re.is_match(&path), "{path} ({:?})", row.language);
            assert_eq!(Language::detect(None, Some(&path)), row.language);
        }
        for name in row.file_names {
            let name = name.replace('*', "x");
            let path = format!("deploy/{name}");
            assert!(re.is_match(&path), "{path} ({:?})", row.language);
            assert!(
                re.is_match(&name.to_uppercase()) || name.starts_with('.'),
                "{name}"
            );
        }
    }
    for path in [
        "notes.txt",
        "Cargo.lock",
        "logo.svg",
        "app.log",
        "src/envelope.rs.orig",
    ] {
        assert!(!re.is_match(path), "{path} is not a supported file");
    }
}
