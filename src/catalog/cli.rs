//! `bedrock-lsp catalog …`: list, show, import and refresh the catalog.

use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// List the models in the catalog.
    List,
}

pub fn run(cmd: CatalogCommand) -> ExitCode {
    match cmd {
        CatalogCommand::List => {
            eprintln!("bedrock-lsp: the catalog is not built yet");
            ExitCode::from(2)
        }
    }
}
