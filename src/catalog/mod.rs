//! The catalog of Bedrock model IDs: typed entries built from `catalog/catalog.json` at
//! the repository root (compiled in), user catalog files and imported AWS listings.
//!
//! - this file: [`Catalog`] itself, its index and the plain lookups (`get`, `models`,
//!   `excluded`, age and staleness, did-you-mean and completion search);
//! - `load.rs`: building a catalog (embedded, published, user and imported files, each
//!   broken file reported and skipped) and indexing it;
//! - `resolve.rs`: what a string names ([`Resolution`]: a base, profile, provisioned or
//!   related ID of a model, an opaque ARN, another API's name) and replacements;
//! - `regions.rs`: where a model can be used ([`RegionSupport`] per Region and endpoint,
//!   profile scopes and their source Regions);
//! - `model.rs` the typed file format, `id.rs` the ID grammar, `framework.rs` the
//!   frameworks' prefixes, `suggest.rs` did-you-mean and search, `import.rs` AWS listings,
//!   `refresh.rs`/`update.rs` the only network code (features `aws`, `update`).
//!
//! Every fact carries its sources (`model.sources`, per profile, per provisioned ID);
//! unknown facts are `None` and the answers built on them say `Unknown`, never "no".
//! Today's date is always an argument (`today: Date`) so tests can fix the clock.

pub mod framework;
pub mod id;
pub mod import;
mod load;
pub mod model;
#[cfg(feature = "aws")]
pub mod refresh;
mod regions;
mod resolve;
mod suggest;
#[cfg(feature = "update")]
pub mod update;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub(crate) use load::{deserialize_at, line_of, parse_catalog_file};
pub use load::{
    json_schema, load_published, published_path, user_catalog_dir, user_catalog_stamp, FileStamp,
    LoadProblem, LoadedFile, Loader, Origin, MAX_USER_FILE,
};
pub use model::{
    CatalogFile, Date, Endpoints, ExcludedEntry, ExcludedId, InferenceType, Lifecycle, Modalities,
    Modality, Model, Profile, ProfileScope, Provisioned, Regions, ReportedStatus, Status,
};
pub use regions::{
    Endpoint, EndpointSupport, ProfileSources, RegionOffer, RegionSupport, ScopeOffer,
};
pub use resolve::{ArnParts, Dialect, Form, Resolution};
pub use suggest::{SearchHit, Suggestion};

use id::{IdKind, OpaqueKind};

/// The shipped catalog, compiled into the binary.
pub const EMBEDDED_JSON: &str = include_str!("../../catalog/catalog.json");
/// The JSON Schema of catalog files, generated from [`CatalogFile`].
pub const EMBEDDED_SCHEMA: &str = include_str!("../../catalog/catalog.schema.json");

/// A problem with one catalog or import file. The file is skipped; everything else
/// still applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub file: PathBuf,
    /// 1-based line, when the problem can be placed.
    pub line: Option<usize>,
    /// JSON path of the offending field (`models[3].lifecycle.eol`).
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for CatalogError {}

/// The catalog: models plus indexes.
#[derive(Debug, Clone)]
pub struct Catalog {
    as_of: Date,
    /// The file the base catalog came from: `None` = compiled in.
    base_file: Option<PathBuf>,
    loaded: Vec<LoadedFile>,
    sources: BTreeMap<String, String>,
    scopes: Vec<ProfileScope>,
    regions: Vec<model::RegionCode>,
    excluded: Vec<ExcludedId>,
    models: Vec<Model>,
    offers: BTreeMap<String, RegionOffer>,
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    /// Exact base ID → model.
    base: HashMap<String, usize>,
    /// Exact profile ID → model.
    profile: HashMap<String, usize>,
    /// Exact provisioned ID → (model, provisioned entry).
    provisioned: HashMap<String, (usize, usize)>,
    related: HashMap<String, usize>,
    /// Lower-case foreign name → (model, dialect); ambiguous names are left out.
    foreign: HashMap<String, (usize, Dialect)>,
    /// Every Region that AWS's per-model table mentions for some model.
    table_regions: BTreeSet<String>,
    /// Per model (same order): what the word search compares, prepared once.
    search: Vec<suggest::SearchKeys>,
    /// Model indexes by provider, then ID from the newest (see
    /// [`Catalog::models_by_provider`]).
    by_provider: Vec<usize>,
}

impl Catalog {
    /// The day the shipped facts were last checked.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// How many days old the catalog's facts are on `today` (0 when `today` is earlier).
    pub fn age_days(&self, today: Date) -> i64 {
        self.as_of.days_until(today).max(0)
    }

    /// Past [`STALE_AFTER_DAYS`], one sentence saying how old the catalog is and how to
    /// get newer data; `None` while it is fresh. Hover footers, `check`'s summary and
    /// `catalog status` print it.
    pub fn stale_notice(&self, today: Date) -> Option<String> {
        let age = self.age_days(today);
        (age > STALE_AFTER_DAYS).then(|| {
            format!(
                "The model catalog is {age} days old (as of {}): newer models may be reported as unknown. Update it with `bedrock-lsp catalog update` (published catalog), `bedrock-lsp catalog refresh` (your AWS account), or a newer bedrock-lsp release.",
                self.as_of
            )
        })
    }

    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// Every model, by provider name, and within a provider by ID in reverse order
    /// (newer versions first): the order completion offers them in an empty string.
    /// Sorted once when the catalog is indexed, not on every keystroke.
    pub fn models_by_provider(&self) -> impl Iterator<Item = &Model> {
        self.index
            .by_provider
            .iter()
            .filter_map(|&i| self.models.get(i))
    }

    /// Exact base-ID lookup.
    pub fn get(&self, id: &str) -> Option<&Model> {
        self.index.base.get(id).map(|&i| &self.models[i])
    }

    /// Description of a source key (`CDK_LIB`, `import:/path/file.json` …).
    pub fn source_text(&self, key: &str) -> Option<&str> {
        self.sources.get(key).map(String::as_str)
    }

    pub fn sources(&self) -> &BTreeMap<String, String> {
        &self.sources
    }

    /// IDs a source listed that conflict with AWS's own: deliberately not catalogued.
    pub fn excluded_ids(&self) -> &[ExcludedId] {
        &self.excluded
    }

    /// The exclusion record of exactly `id`, if the catalog excludes it (why, sources,
    /// and the real IDs to suggest instead).
    pub fn excluded(&self, id: &str) -> Option<&ExcludedId> {
        self.excluded.iter().find(|e| e.id == id.trim())
    }

    /// Did-you-mean for a string that did not resolve; see [`Suggestion`].
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<Suggestion> {
        suggest::suggest(self, text, limit)
    }

    /// Completion search: prefix on IDs, then words over IDs and names.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit<'_>> {
        suggest::search(self, query, limit, Date::today())
    }

    /// [`Catalog::search`] with an explicit day for the status ranking.
    pub fn search_on(&self, query: &str, limit: usize, today: Date) -> Vec<SearchHit<'_>> {
        suggest::search(self, query, limit, today)
    }

    /// The search keys of the model at `i` of [`Catalog::models`] (the index is built
    /// with every catalog).
    pub(crate) fn search_keys(&self, i: usize) -> &suggest::SearchKeys {
        &self.index.search[i]
    }

    pub(crate) fn model_at(&self, i: usize) -> &Model {
        &self.models[i]
    }
}

/// The tail of `check`'s summary line: ` (catalog as of DATE)`, and past
/// [`STALE_AFTER_DAYS`] a second line with [`Catalog::stale_notice`]. Empty without a
/// catalog.
pub fn summary_note(cat: Option<&Catalog>, today: Date) -> String {
    let Some(cat) = cat else {
        return String::new();
    };
    let mut s = format!(" (catalog as of {})", cat.as_of());
    if let Some(n) = cat.stale_notice(today) {
        s.push_str("\nnote: ");
        s.push_str(&n);
    }
    s
}

/// After this many days a catalog is stale: hover, `check` and `catalog status` say
/// how to update it.
pub const STALE_AFTER_DAYS: i64 = 45;
