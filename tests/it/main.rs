//! The integration tests: one binary with a module per area (as rust-analyzer's
//! `tests/slow-tests` and ruff's `tests/e2e`), so `cargo test` links the crate once.
//! Module names keep the layer they test (`syntax_*`, `catalog_*`, `analysis_*`, `lsp_*`,
//! `check_*`); run one with `cargo test --test it lsp_core::`. What the modules share
//! (the binary, fixtures, the in-process LSP client, the property-test fragments) is in
//! `support/`.
//!
//! All tests run as threads of this one process: a test never changes the process's
//! environment or current directory; it passes them to the child processes it starts.

mod support;

mod analysis_features;
mod architecture;
mod binary_stdio;
mod catalog_cli;
mod catalog_hover;
mod catalog_import;
mod catalog_pipeline;
mod catalog_resolve;
mod catalog_schema;
mod catalog_update_2026_12;
// `catalog update` exists only with the `update` feature.
#[cfg(feature = "update")]
mod catalog_update_cmd;
mod check_cli;
mod check_hooks;
mod codes;
mod documents_props;
mod editors;
mod lsp_catalog_reload;
mod lsp_core;
mod lsp_faults;
mod lsp_features;
mod package_versions;
// `catalog refresh` against a local Bedrock stand-in with the `aws` feature; without
// it, the message that says the build has no AWS support.
#[cfg(feature = "aws")]
mod refresh;
#[cfg(not(feature = "aws"))]
mod refresh_no_aws;
mod syntax_api;
mod syntax_fixtures;
mod syntax_incremental;
mod syntax_props;
