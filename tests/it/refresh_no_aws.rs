//! A build without the `aws` feature (`cargo test --no-default-features`): `catalog
//! refresh` says what to do instead, and touches nothing.

use std::process::Command;

#[test]
fn refresh_explains_the_build_has_no_aws_support() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(crate::support::BIN)
        .args(["catalog", "refresh", "--region", "eu-central-1"])
        .env_clear()
        .env("BEDROCK_LSP_CATALOG_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(o.stdout, b"");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "bedrock-lsp: catalog refresh: this build has no AWS support; rebuild with `--features aws` \
(on by default) or use `bedrock-lsp catalog import` with the output of \
`aws bedrock list-foundation-models --output json` and `aws bedrock list-inference-profiles --output json`\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
