//! bedrock-lsp: a language server and CI linter for Amazon Bedrock model IDs.
//!
//! Data flows one way: text → literals ([`syntax`]) → findings ([`analysis`], backed by
//! the [`catalog`]) → LSP ([`server`]) or the command line ([`check`]). Only `server`
//! knows about LSP types; everything else works in byte offsets on plain strings.

pub mod analysis;
pub mod aws;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod documents;
pub mod server;
pub mod settings;
pub mod syntax;
