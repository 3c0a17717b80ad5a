//! Test files by the path conventions of each ecosystem (a literal in one is used by a
//! test: [`super::Use::Test`]).

/// [`is_test_path`] of `path` relative to `root` (the workspace or the directory checked
/// from), so that the folder a project sits in does not count.
pub fn is_test_file(path: &std::path::Path, root: Option<&std::path::Path>) -> bool {
    let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    is_test_path(&rel.to_string_lossy())
}

/// Test files by the path conventions of each ecosystem: a `test`/`tests`/`__tests__`/
/// `spec` directory, `test_*.py`, `*_test.py`, `*_test.go`, `*.test.ts`, `*.spec.js`,
/// `*Test.java`, `*Tests.cs`, `*_spec.rb`, and snapshot files.
pub fn is_test_path(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let lower = path.to_ascii_lowercase();
    let dirs: Vec<&str> = lower.split('/').collect();
    let (name, dirs) = dirs.split_last().map_or(("", &[][..]), |(n, d)| (*n, d));
    if dirs.iter().any(|d| {
        matches!(
            *d,
            "test"
                | "tests"
                | "__tests__"
                | "spec"
                | "specs"
                | "testing"
                | "__snapshots__"
                | "integ-tests"
                | "integration-tests"
                | "unit-tests"
                | "e2e"
        )
    }) {
        return true;
    }
    let stem = name.split('.').next().unwrap_or(name);
    let original = path.rsplit('/').next().unwrap_or(&path);
    let original_stem = original.split('.').next().unwrap_or(original);
    stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_spec")
        || stem == "conftest"
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.ends_with(".snap")
        || original_stem.ends_with("Test")
        || original_stem.ends_with("Tests")
        || original_stem.ends_with("Spec")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths() {
        for p in [
            "tests/test_app.py",
            "src/app_test.go",
            "web/src/__tests__/models.ts",
            "lib/models.test.ts",
            "src/test/java/com/x/ClientTest.java",
            "spec/models_spec.rb",
            "pkg/ModelsTests.cs",
            "conftest.py",
        ] {
            assert!(is_test_path(p), "{p}");
        }
        for p in [
            "src/app.py",
            "latest/models.ts",
            "contest.py",
            "src/attestation.go",
        ] {
            assert!(!is_test_path(p), "{p}");
        }
    }
}
