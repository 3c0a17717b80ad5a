//! Command-line interface: `serve` (the default), `check` and `catalog` (its
//! subcommands in `catalog.rs`; `check` lives in `src/check/`).

mod catalog;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "bedrock-lsp", version, about = "Language server and linter for Amazon Bedrock model IDs", long_about = None)]
pub struct Cli {
    /// Speak LSP on stdin/stdout (the default; accepted for clients that pass it).
    #[arg(long, global = false)]
    pub stdio: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the language server on stdin/stdout (the default).
    Serve {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check files and directories for Bedrock model-ID problems.
    Check(crate::check::CheckArgs),
    /// Work with the model catalog.
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None | Some(Command::Serve { .. }) => crate::server::run_stdio(),
        Some(Command::Check(args)) => crate::check::run(args),
        Some(Command::Catalog(cmd)) => catalog::run(cmd),
    }
}
