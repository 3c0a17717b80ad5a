//! The catalog of Bedrock model IDs: typed entries, the embedded default built from
//! `catalog/` at the repository root, user and AWS-imported data, lookup and search.

pub mod cli;
pub mod id;
