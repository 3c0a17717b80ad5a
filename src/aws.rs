//! Facts about AWS itself that every part of the product shares: what a region code
//! looks like. One rule, used by the settings, the scanner, `catalog refresh` and
//! (as a regular expression) the VS Code settings schema; a test holds them to every
//! region the catalog lists.

/// An AWS region code: `[a-z]{2,4}(-[a-z]+)+-\d{1,2}` (`us-east-1`, `us-gov-west-1`,
/// `us-isob-east-1`, `eusc-de-east-1`). On bytes, with no allocation.
pub fn is_region_code(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() > 32 {
        return false;
    }
    let mut parts = b.split(|&c| c == b'-');
    let Some(head) = parts.next() else {
        return false;
    };
    if !(2..=4).contains(&head.len()) || !head.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let mut words = 0;
    let mut last: Option<&[u8]> = None;
    for p in parts {
        if let Some(prev) = last {
            if prev.is_empty() || !prev.iter().all(u8::is_ascii_lowercase) {
                return false;
            }
            words += 1;
        }
        last = Some(p);
    }
    let Some(num) = last else {
        return false;
    };
    words >= 1 && (1..=2).contains(&num.len()) && num.iter().all(u8::is_ascii_digit)
}

/// The same rule as a regular expression, for JSON schemas (the VS Code settings).
pub const REGION_CODE_PATTERN: &str = "^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes() {
        for r in [
            "us-east-1",
            "us-gov-west-1",
            "us-isob-east-1",
            "eusc-de-east-1",
            "ap-southeast-7",
            "mx-central-1",
        ] {
            assert!(is_region_code(r), "{r}");
        }
        for r in [
            "",
            "us",
            "us-east",
            "us-east-1a",
            "us-east-123",
            "US-EAST-1",
            "u-east-1",
            "us--1",
            "us-1",
            "useast1",
            "us-east-1-",
            "abcde-east-1",
        ] {
            assert!(!is_region_code(r), "{r}");
        }
    }

    /// Every region the catalog lists is a region code for the Rust rule, for
    /// [`REGION_CODE_PATTERN`] and for the VS Code settings schema's pattern.
    #[test]
    fn every_catalog_region_is_a_region_code() {
        let pattern = regex::Regex::new(REGION_CODE_PATTERN).unwrap();
        let manifest = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode/package.json"),
        )
        .unwrap();
        let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        let region_schema =
            &manifest["contributes"]["configuration"]["properties"]["bedrock.region"];
        let vscode =
            regex::Regex::new(region_schema["pattern"].as_str().expect("a pattern")).unwrap();
        let catalog = crate::catalog::Catalog::embedded();
        let mut n = 0;
        for (code, _) in catalog.bedrock_regions() {
            assert!(is_region_code(code), "{code}");
            assert!(pattern.is_match(code), "{code}");
            assert!(vscode.is_match(code), "VS Code schema rejects {code}");
            n += 1;
        }
        assert!(n > 30, "{n} regions");
        assert!(is_region_code("eusc-de-east-1") && vscode.is_match("eusc-de-east-1"));
    }
}
