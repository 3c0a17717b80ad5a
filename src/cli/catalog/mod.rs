//! `bedrock-lsp catalog …`: list, show, import and refresh the catalog.
//!
//! Exit codes: 0 ok; 1 `show` of an ID the catalog does not know; 2 usage or I/O
//! error (including a malformed import, which leaves the stored catalog unchanged).
//! `refresh`: 0 every Region stored; 1 some Region failed (the others are kept, the
//! failed ones left as they were); 2 usage error.
//! The day used for lifecycle status is today (UTC), or `BEDROCK_LSP_TODAY`
//! (`YYYY-MM-DD`) when set.

//!
//! `show.rs`: the read-only views (`list`, `show`, `status`); `store.rs`: the commands
//! that write the user catalog directory (`import`, `refresh`, `update`).

mod show;
mod store;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::catalog::{user_catalog_dir, Catalog, Date, Status};
use show::{list, show, status};
use store::{import_files, refresh, update};

#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// List the models in the catalog.
    List {
        /// Only this provider (`Anthropic`, `amazon` …; case-insensitive, ID prefix or name).
        #[arg(long)]
        provider: Option<String>,
        /// Only models with this lifecycle status today.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Only models offered in this Region (on demand or through a profile).
        #[arg(long)]
        region: Option<String>,
        /// Print a JSON array, one object per model.
        #[arg(long)]
        json: bool,
    },
    /// Show everything known about a model ID (any shape: profile, ARN, provisioned …).
    Show {
        id: String,
        /// Also say how the model is offered in this Region.
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Say how old the catalog is, where its data comes from, which user and imported
    /// files apply, and (given an ID) which file's entry won for it.
    Status {
        /// A model ID (any shape) to say where its facts come from.
        id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Download the newest published catalog (HTTPS), verify its SHA-256 manifest and
    /// schema, and install it in the user catalog directory (the previous one is kept).
    ///
    /// Only this command and `refresh` open a network connection, and only when run.
    Update {
        /// Base URL of the published catalog (holds `catalog-manifest.json`); default:
        /// BEDROCK_LSP_CATALOG_URL, else the project's release location.
        #[arg(long)]
        url: Option<String>,
        /// Seconds to allow each download.
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
    /// Import AWS CLI output (list-foundation-models / list-inference-profiles, JSON) or
    /// catalog files into the user catalog directory.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The Region the output was taken in (default: read from the ARNs in the file).
        #[arg(long)]
        region: Option<String>,
    },
    /// Store the models and inference profiles your AWS account lists, per Region.
    ///
    /// Calls Bedrock's ListFoundationModels and ListInferenceProfiles in each Region
    /// with the standard AWS credential chain and stores the answers in the user
    /// catalog directory, where the server and `check` read them. Only this command
    /// opens a network connection.
    Refresh {
        /// Region to refresh (repeatable, or comma-separated; default: the configured
        /// Region, from AWS_REGION or the profile).
        #[arg(long = "region", value_name = "REGION", value_delimiter = ',')]
        regions: Vec<String>,
        /// Named AWS profile to use (default: AWS_PROFILE, else `default`).
        #[arg(long)]
        profile: Option<String>,
        /// Seconds to allow each AWS call, retries included.
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Active,
    Legacy,
    Eol,
    Unknown,
}

impl StatusArg {
    fn status(self) -> Status {
        match self {
            StatusArg::Active => Status::Active,
            StatusArg::Legacy => Status::Legacy,
            StatusArg::Eol => Status::Eol,
            StatusArg::Unknown => Status::Unknown,
        }
    }
}

fn today() -> Result<Date, String> {
    match std::env::var("BEDROCK_LSP_TODAY") {
        Ok(s) if !s.is_empty() => Date::parse(&s).map_err(|e| format!("BEDROCK_LSP_TODAY: {e}")),
        _ => Ok(Date::today()),
    }
}

fn load() -> Catalog {
    let dir = user_catalog_dir();
    let (cat, errors) = Catalog::load(dir.as_deref(), &[]);
    for e in errors {
        eprintln!("bedrock-lsp: warning: skipped {e}");
    }
    cat
}

pub fn run(cmd: CatalogCommand) -> ExitCode {
    let today = match today() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bedrock-lsp: {e}");
            return ExitCode::from(2);
        }
    };
    let code = match cmd {
        CatalogCommand::List {
            provider,
            status,
            region,
            json,
        } => list(
            &load(),
            today,
            provider.as_deref(),
            status,
            region.as_deref(),
            json,
        ),
        CatalogCommand::Show { id, region, json } => {
            show(&load(), today, &id, region.as_deref(), json)
        }
        CatalogCommand::Status { id, json } => status(&load(), today, id.as_deref(), json),
        CatalogCommand::Import { files, region } => import_files(&files, region.as_deref(), today),
        CatalogCommand::Update { url, timeout } => update(url, timeout),
        CatalogCommand::Refresh {
            regions,
            profile,
            timeout,
        } => refresh(regions, profile, timeout, today),
    };
    ExitCode::from(code)
}

fn print(out: &str) -> u8 {
    let mut o = std::io::stdout().lock();
    match o.write_all(out.as_bytes()).and_then(|_| o.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("bedrock-lsp: cannot write output: {e}");
            2
        }
    }
}
