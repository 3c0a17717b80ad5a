//! `bedrock-lsp check`: the command-line linter over the same analysis as the server.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory).
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: CheckArgs) -> ExitCode {
    eprintln!("bedrock-lsp: check is not built yet");
    ExitCode::from(2)
}
