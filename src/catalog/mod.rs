//! The catalog of Bedrock model IDs: typed entries, the embedded default built from
//! `catalog/catalog.json` at the repository root, user and AWS-imported data, lookup,
//! did-you-mean and search.
//!
//! # API for the rest of the product
//!
//! ```text
//! Catalog::embedded() -> Arc<Catalog>          // parsed once from catalog/catalog.json (~3 ms)
//! Catalog::load(user_dir: Option<&Path>, extra_files: &[PathBuf]) -> (Catalog, Vec<CatalogError>)
//!     // embedded + every *.json in user_dir (sorted) + extra_files; each file is a catalog
//!     // file in our schema or an AWS list-foundation-models / list-inference-profiles
//!     // output. A broken file becomes one CatalogError {file, line, field, message} and
//!     // is skipped; everything else applies.
//! catalog.apply_file(path, region: Option<&str>) -> Result<(), CatalogError>  // all-or-nothing
//! user_catalog_dir() -> Option<PathBuf>        // $BEDROCK_LSP_CATALOG_DIR, else <data dir>/bedrock-lsp/catalog
//! user_catalog_stamp(dir) -> Vec<FileStamp>   // changes when a refresh/import lands: reload
//!
//! catalog.as_of() -> Date                      // when the shipped facts were checked
//! catalog.models() -> &[Model]
//! catalog.get(base_id) -> Option<&Model>       // exact base ID only
//! catalog.resolve(text) -> Resolution<'_>
//!     Known { model, form, arn: Option<ArnParts {partition, region, account}>, prefix_len }
//!         form: Base | Profile { scope, profile_id, documented } | Provisioned { id, context }
//!               | Related { id }
//!     Opaque(OpaqueKind)                       // application profile, provisioned model … ARNs
//!     Foreign { model, dialect: Anthropic | Vertex }
//!     Unknown                                  // includes a context size no source lists
//! catalog.suggest(text, limit) -> Vec<Suggestion { id, model_id, score }>
//!     // confident candidates only, best first; `id` is a drop-in replacement for the
//!     // whole text (keeps `bedrock/`, ARN wrapper, and the profile scope when that
//!     // profile exists). Exactly one suggestion = safe to auto-fix.
//! catalog.search(query, limit) -> Vec<SearchHit { id, model, score }>   // completion
//! catalog.search_on(query, limit, today)       // same, with the day for status ranking
//! catalog.replacement(model, today) -> Option<&Model>   // first non-EOL down the chain
//! catalog.region_support(model, region) -> RegionSupport
//!     OnDemand | ProfileOnly { profiles } | ProvisionedOnly | NotOffered { where_offered } | Unknown
//! catalog.profiles_for(model, region) -> Vec<String>
//! catalog.profile_covers(scope, region) -> Option<bool>  // None: no data for the scope
//! catalog.where_offered(model) -> Vec<String>
//! catalog.source_text(key) -> Option<&str>     // for hover: what a source key means
//!
//! // Endpoints (bedrock-runtime vs bedrock-mantle), profiles as profiles, staleness:
//! catalog.endpoint_support(model, region, Endpoint::{Runtime, Mantle}) -> RegionSupport
//! catalog.endpoints_in(model, region) -> EndpointSupport { runtime, mantle }
//! catalog.region_support_any(model, region)   // endpoint unknown: OK if either takes the bare ID
//! catalog.profile_source_regions(model, scope) -> Option<ProfileSources { regions, per_model }>
//! catalog.profile_scope(model, scope) -> ScopeOffer { Documented, NotOffered { profiles }, Unknown }
//! catalog.excluded(id) -> Option<&ExcludedId { id, why, sources, did_you_mean }>
//! catalog.age_days(today), catalog.stale_notice(today) -> Option<String>   // > 45 days
//! catalog.origin(base_id) -> Option<Origin { entry_file, imports }>; catalog.loaded_files()
//! form.operations(model) -> Vec<&str>          // InvokeModel, Converse, CreateModelCustomizationJob …
//!
//! model.status(today) -> Status { Active, Legacy, Eol, Unknown }
//! model.lifecycle.status_in(today, Some(region)) -> Status   // Region-specific dates
//! model.provisioned_only() -> bool             // only PROVISIONED inference
//! model.{name, provider, version, modalities, context_window, max_output_tokens,
//!        lifecycle.{legacy, extended_access, eol, replacement, replacement_name},
//!        regions, profiles, provisioned, docs_url, sources}   // hover facts
//! Date::today(), Date::parse("2026-11-21"), Date::new(y, m, d)
//! ```
//!
//! Every fact carries its sources (`model.sources`, per profile, per provisioned ID);
//! unknown facts are `None` and the answers built on them say `Unknown`, never "no".
//! Today's date is always an argument (`today: Date`) so tests can fix the clock.

pub mod cli;
pub mod framework;
pub mod id;
pub mod import;
pub mod model;
#[cfg(feature = "aws")]
pub mod refresh;
mod suggest;
#[cfg(feature = "update")]
pub mod update;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use model::{
    CatalogFile, Date, Endpoints, ExcludedEntry, ExcludedId, InferenceType, Lifecycle, Modalities,
    Modality, Model, Profile, ProfileScope, Provisioned, Regions, ReportedStatus, Status,
};
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

/// How a string names a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// The base model ID.
    Base,
    /// A system-defined cross-Region profile `<scope>.<model>`. `documented` = a source
    /// (or an import) lists this exact profile ID.
    Profile {
        scope: String,
        profile_id: String,
        documented: bool,
    },
    /// A provisioned-throughput ID listed for the model (`…:18k`, or `…:0` for models
    /// whose provisioned ID has no context size).
    Provisioned { id: String, context: Option<String> },
    /// Another ID a source lists for the model without saying what it is for.
    Related { id: String },
}

impl Form {
    /// The Bedrock operations a string of this form names a model in, for `model`:
    /// data-plane calls for base and profile IDs, `CreateProvisionedModelThroughput`
    /// for a provisioned/context-variant ID, and `CreateModelCustomizationJob` where
    /// AWS's listing gives customizations for that exact ID. Control-plane lookups
    /// (`GetFoundationModel`) take the base ID.
    pub fn operations(&self, model: &Model) -> Vec<&'static str> {
        let custom = |c: &Option<Vec<String>>| c.as_ref().is_some_and(|c| !c.is_empty());
        match self {
            Form::Base => {
                // A profile-only model's bare ID fails in bedrock-runtime calls.
                let mut v = if model.requires_profile == Some(true) {
                    vec!["GetFoundationModel"]
                } else {
                    vec!["InvokeModel", "Converse", "GetFoundationModel"]
                };
                if custom(&model.customizations) {
                    v.push("CreateModelCustomizationJob");
                }
                v
            }
            Form::Profile { .. } => vec!["InvokeModel", "Converse"],
            Form::Provisioned { id, .. } => {
                let mut v = vec!["CreateProvisionedModelThroughput"];
                if model
                    .provisioned
                    .iter()
                    .any(|p| &p.id == id && custom(&p.customizations))
                {
                    v.push("CreateModelCustomizationJob");
                }
                v
            }
            Form::Related { .. } => Vec::new(),
        }
    }
}

/// Where an ARN points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnParts {
    pub partition: String,
    pub region: Option<String>,
    pub account: Option<String>,
}

/// What a string resolves to.
#[derive(Debug, Clone)]
pub enum Resolution<'a> {
    Known {
        model: &'a Model,
        form: Form,
        /// Set for foundation-model and inference-profile ARNs.
        arn: Option<ArnParts>,
        /// Length of a `bedrock/` or `bedrock/converse/` prefix that was skipped.
        prefix_len: usize,
    },
    /// An ARN of a resource that names no catalogued model (provisioned model,
    /// application profile, custom model …): valid, never "unknown".
    Opaque(OpaqueKind),
    /// A name from another API (Anthropic's, Vertex AI's) for a model Bedrock offers.
    Foreign {
        model: &'a Model,
        dialect: Dialect,
    },
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Anthropic API (`claude-3-5-sonnet-20241022`).
    Anthropic,
    /// Google Vertex AI (`claude-3-5-sonnet-v2@20241022`).
    Vertex,
}

impl Resolution<'_> {
    pub fn model(&self) -> Option<&Model> {
        match self {
            Resolution::Known { model, .. } | Resolution::Foreign { model, .. } => Some(model),
            _ => None,
        }
    }
}

/// Whether a model can be used in a Region, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionSupport {
    /// The bare model ID works on demand in the Region.
    OnDemand,
    /// Offered there only through a cross-Region profile; `profiles` are the
    /// documented profile IDs whose scope serves the Region (may be empty when the
    /// profile ID is not documented).
    ProfileOnly { profiles: Vec<String> },
    /// Only with purchased Provisioned Throughput.
    ProvisionedOnly,
    /// AWS's data lists the model and does not list this Region. `where_offered` =
    /// Regions with on-demand use of the bare ID.
    NotOffered { where_offered: Vec<String> },
    /// No data for this model/Region (never read as "not offered").
    Unknown,
}

/// A Bedrock data-plane endpoint a model-ID string is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `bedrock-runtime` (InvokeModel, Converse, the AWS SDKs' runtime clients).
    Runtime,
    /// `bedrock-mantle` (the OpenAI-compatible endpoint, `https://bedrock-mantle.<region>.api.aws`).
    Mantle,
}

impl Endpoint {
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Runtime => "bedrock-runtime",
            Endpoint::Mantle => "bedrock-mantle",
        }
    }
}

/// How a model is served in one Region on each endpoint (see
/// [`Catalog::endpoints_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointSupport {
    /// The bare ID and profiles on `bedrock-runtime` (= [`Catalog::region_support`]).
    pub runtime: RegionSupport,
    /// The bare ID on `bedrock-mantle`: `OnDemand`, `NotOffered { where_offered }` (the
    /// Mantle In-Region Regions), or `Unknown`.
    pub mantle: RegionSupport,
}

/// The source Regions of one cross-Region profile scope for one model (see
/// [`Catalog::profile_source_regions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSources {
    /// Regions from which `<scope>.<model>` can be called, sorted.
    pub regions: Vec<String>,
    /// `true`: the scope's Regions narrowed by the model's own per-Region data (AWS's
    /// table or an imported listing); `false`: the scope's Regions only (the model's
    /// per-Region profile data is unknown).
    pub per_model: bool,
}

/// Whether a model has a cross-Region profile of a given scope (see
/// [`Catalog::profile_scope`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeOffer {
    /// A source or an import lists `<scope>.<model>`.
    Documented,
    /// The sources say the model has no such profile: AWS's table lists no geographic
    /// (or, for `global`, no global) profile source for the model in the scope's
    /// Regions. `profiles` = the model's documented profile IDs (possibly empty).
    NotOffered { profiles: Vec<String> },
    /// Not documented, but nothing says it does not exist (or the scope is unknown).
    Unknown,
}

/// What imports say one Region offers.
#[derive(Debug, Clone, Default)]
pub struct RegionOffer {
    /// Base model ID → inference types the Region lists for it.
    pub models: HashMap<String, Vec<InferenceType>>,
    /// Provisioned-throughput IDs listed.
    pub provisioned: BTreeSet<String>,
    /// Profile ID → base model IDs it routes to.
    pub profiles: HashMap<String, Vec<String>>,
    /// A `list-foundation-models` output was imported for the Region.
    pub has_model_list: bool,
    /// A `list-inference-profiles` output was imported for the Region.
    pub has_profile_list: bool,
    pub accounts: BTreeSet<String>,
    pub files: Vec<PathBuf>,
}

/// A user file [`Catalog::load`] applied, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub path: PathBuf,
    /// `true`: a catalog file in our schema; `false`: an AWS listing (import/refresh).
    pub catalog_file: bool,
    /// The file's own `asOf` (catalog files that give one).
    pub as_of: Option<Date>,
    /// Base IDs whose entry this catalog file replaced or added.
    pub ids: Vec<String>,
}

/// Where an entry's facts came from (see [`Catalog::origin`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file whose entry won: `None` = the base catalog (embedded or published).
    pub entry_file: Option<PathBuf>,
    /// AWS listings that added facts on top of that entry.
    pub imports: Vec<PathBuf>,
}

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
    /// The shipped catalog, parsed on first use.
    pub fn embedded() -> Arc<Catalog> {
        static CELL: OnceLock<Arc<Catalog>> = OnceLock::new();
        CELL.get_or_init(|| {
            Arc::new(
                Catalog::from_json("catalog/catalog.json", EMBEDDED_JSON)
                    .expect("the embedded catalog is checked by tests"),
            )
        })
        .clone()
    }

    /// Parse one catalog file in our format as a complete catalog.
    pub fn from_json(name: &str, text: &str) -> Result<Catalog, CatalogError> {
        let file = parse_catalog_file(Path::new(name), text)?;
        let as_of = file.as_of.ok_or_else(|| CatalogError {
            file: name.into(),
            line: line_of(text, "\"format\""),
            field: Some("asOf".into()),
            message: "a base catalog needs its `asOf` date".into(),
        })?;
        let mut cat = Catalog {
            as_of,
            base_file: None,
            loaded: Vec::new(),
            sources: file.sources,
            scopes: file.profile_scopes,
            regions: file.bedrock_regions,
            excluded: file
                .excluded_ids
                .into_iter()
                .map(ExcludedEntry::into_full)
                .collect(),
            models: file.models,
            offers: BTreeMap::new(),
            index: Index::default(),
        };
        cat.reindex();
        Ok(cat)
    }

    /// The embedded catalog with user data on top: every `*.json` in `user_dir`
    /// (sorted by name), then `extra_files` in order. Each file is either a catalog
    /// file in our schema (its models replace or add entries by ID) or an AWS CLI
    /// output (`list-foundation-models`, `list-inference-profiles`). A broken file is
    /// reported and skipped; the rest applies.
    ///
    /// A published catalog installed by `catalog update`
    /// (`<user_dir>/published/catalog.json`) replaces the embedded one as the base when
    /// its `asOf` is newer; a broken one is reported and the embedded one is used.
    pub fn load(user_dir: Option<&Path>, extra_files: &[PathBuf]) -> (Catalog, Vec<CatalogError>) {
        let mut errors = Vec::new();
        let mut cat = match user_dir.map(published_path) {
            Some(p) if p.is_file() => match load_published(&p) {
                Ok(c) if c.as_of > Catalog::embedded().as_of => c,
                Ok(_) => (*Catalog::embedded()).clone(),
                Err(e) => {
                    errors.push(e);
                    (*Catalog::embedded()).clone()
                }
            },
            _ => (*Catalog::embedded()).clone(),
        };
        let mut files: Vec<PathBuf> = Vec::new();
        if let Some(dir) = user_dir {
            match user_files(dir) {
                Ok(found) => files.extend(found),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => errors.push(CatalogError {
                    file: dir.to_path_buf(),
                    line: None,
                    field: None,
                    message: format!("cannot read the user catalog directory: {e}"),
                }),
            }
        }
        files.extend(extra_files.iter().cloned());
        for f in files {
            if let Err(e) = cat.apply_file(&f, None) {
                errors.push(e);
            }
        }
        (cat, errors)
    }

    /// Read one user file and apply it; on error the catalog is unchanged.
    pub fn apply_file(&mut self, path: &Path, region: Option<&str>) -> Result<(), CatalogError> {
        let text = read_user_file(path)?;
        self.apply_text(path, &text, region)
    }

    /// Apply a user file's text (catalog file or AWS output). All-or-nothing.
    pub fn apply_text(
        &mut self,
        path: &Path,
        text: &str,
        region: Option<&str>,
    ) -> Result<(), CatalogError> {
        match import::detect(path, text)? {
            import::FileKind::Catalog => {
                let file = parse_catalog_file(path, text)?;
                self.loaded.push(LoadedFile {
                    path: path.to_path_buf(),
                    catalog_file: true,
                    as_of: file.as_of,
                    ids: file.models.iter().map(|m| m.id.clone()).collect(),
                });
                self.merge_catalog_file(file);
                Ok(())
            }
            import::FileKind::Aws => {
                let doc = import::parse_aws(path, text, region)?;
                import::apply(self, path, &doc);
                self.loaded.push(LoadedFile {
                    path: path.to_path_buf(),
                    catalog_file: false,
                    as_of: None,
                    ids: Vec::new(),
                });
                Ok(())
            }
        }
    }

    fn merge_catalog_file(&mut self, file: CatalogFile) {
        self.sources.extend(file.sources);
        for s in file.profile_scopes {
            self.scopes.retain(|x| x.scope != s.scope);
            self.scopes.push(s);
        }
        for e in file.excluded_ids {
            let e = e.into_full();
            self.excluded.retain(|x| x.id != e.id);
            self.excluded.push(e);
        }
        for m in file.models {
            match self.index.base.get(&m.id) {
                Some(&i) => self.models[i] = m,
                None => {
                    self.index.base.insert(m.id.clone(), self.models.len());
                    self.models.push(m);
                }
            }
        }
        self.reindex();
    }

    pub(crate) fn reindex(&mut self) {
        let mut ix = Index::default();
        let mut foreign: HashMap<String, Vec<(usize, Dialect)>> = HashMap::new();
        for (i, m) in self.models.iter().enumerate() {
            ix.base.insert(m.id.clone(), i);
            if let Some(r) = &m.regions {
                for code in r
                    .on_demand
                    .iter()
                    .chain(&r.profile_only)
                    .chain(&r.geo_profile_sources)
                    .chain(&r.global_profile_sources)
                {
                    if !ix.table_regions.contains(code) {
                        ix.table_regions.insert(code.clone());
                    }
                }
            }
            for p in &m.profiles {
                ix.profile.insert(p.id.clone(), i);
            }
            for (j, p) in m.provisioned.iter().enumerate() {
                ix.provisioned.insert(p.id.clone(), (i, j));
            }
            for r in &m.related_ids {
                ix.related.insert(r.clone(), i);
            }
            for (name, d) in suggest::foreign_names(&m.id) {
                foreign.entry(name).or_default().push((i, d));
            }
            ix.search.push(suggest::SearchKeys::of(m));
        }
        for (name, v) in foreign {
            let mut models: Vec<usize> = v.iter().map(|x| x.0).collect();
            models.dedup();
            if models.len() == 1 {
                ix.foreign.insert(name, v[0]);
            }
        }
        let m = &self.models;
        ix.by_provider = (0..m.len()).collect();
        ix.by_provider.sort_by(|&a, &b| {
            (m[a].provider.as_str(), m[b].id.as_str())
                .cmp(&(m[b].provider.as_str(), m[a].id.as_str()))
        });
        self.index = ix;
    }

    pub(crate) fn model_mut(&mut self, id: &str) -> Option<&mut Model> {
        let i = *self.index.base.get(id)?;
        self.models.get_mut(i)
    }

    pub(crate) fn push_model(&mut self, m: Model) {
        self.index.base.insert(m.id.clone(), self.models.len());
        self.models.push(m);
    }

    pub(crate) fn offer_mut(&mut self, region: &str) -> &mut RegionOffer {
        self.offers.entry(region.to_string()).or_default()
    }

    pub(crate) fn add_source(&mut self, key: String, text: String) {
        self.sources.insert(key, text);
    }

    /// The day the shipped facts were last checked.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The file the base catalog was read from: `None` = the catalog compiled into
    /// this binary; `Some` = a published catalog installed by `catalog update`.
    pub fn base_file(&self) -> Option<&Path> {
        self.base_file.as_deref()
    }

    /// The user files applied on top of the base, in order.
    pub fn loaded_files(&self) -> &[LoadedFile] {
        &self.loaded
    }

    /// Which file's entry for base ID `id` won (the last catalog file defining it, else
    /// the base catalog) and which AWS listings added facts to it. `None` when the ID is
    /// not catalogued.
    pub fn origin(&self, id: &str) -> Option<Origin> {
        let m = self.get(id)?;
        let entry_file = self
            .loaded
            .iter()
            .rev()
            .find(|f| f.catalog_file && f.ids.iter().any(|x| x == id))
            .map(|f| f.path.clone());
        let imports = self
            .loaded
            .iter()
            .filter(|f| !f.catalog_file)
            .filter(|f| {
                let key = format!("import:{}", f.path.display());
                m.sources.contains(&key) || m.profiles.iter().any(|p| p.sources.contains(&key))
            })
            .map(|f| f.path.clone())
            .collect();
        Some(Origin {
            entry_file,
            imports,
        })
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

    /// What imports recorded per Region.
    pub fn offers(&self) -> &BTreeMap<String, RegionOffer> {
        &self.offers
    }

    /// Regions where the `bedrock` service exists (code, partition).
    pub fn bedrock_regions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.regions
            .iter()
            .map(|r| (r.code.as_str(), r.partition.as_str()))
    }

    /// Resolve any model-ID shape to its model.
    pub fn resolve(&self, text: &str) -> Resolution<'_> {
        let text = text.trim();
        if let Some(&i) = self.index.base.get(text) {
            return self.known(i, Form::Base, None, 0);
        }
        let Some(p) = id::parse(text) else {
            return self.resolve_foreign(text);
        };
        if let IdKind::Opaque(k) = p.kind {
            return Resolution::Opaque(k);
        }
        let arn = match p.kind {
            IdKind::FoundationModelArn | IdKind::InferenceProfileArn => Some(ArnParts {
                partition: p.get(text, &p.partition).unwrap_or("aws").to_string(),
                region: p.get(text, &p.region).map(str::to_string),
                account: p.get(text, &p.account).map(str::to_string),
            }),
            _ => None,
        };
        let (Some(model), Some(with_ctx)) =
            (p.get(text, &p.model), p.get(text, &p.model_with_context))
        else {
            return Resolution::Unknown;
        };
        let scope = p.get(text, &p.scope);
        let prefix_len = p.prefix_len;
        if let Some(scope) = scope {
            // `with_ctx` = `model` here unless a context suffix follows; profiles have none.
            // Profiles have no context suffix, and IDs are lower case (`US.` is a typo).
            if p.context.is_some() || scope.bytes().any(|b| b.is_ascii_uppercase()) {
                return Resolution::Unknown;
            }
            let profile_id = format!("{scope}.{model}");
            if let Some(&i) = self.index.profile.get(&profile_id) {
                let form = Form::Profile {
                    scope: scope.into(),
                    profile_id,
                    documented: true,
                };
                return self.known(i, form, arn, prefix_len);
            }
            if let Some(&i) = self.index.base.get(model) {
                let form = Form::Profile {
                    scope: scope.into(),
                    profile_id,
                    documented: false,
                };
                return self.known(i, form, arn, prefix_len);
            }
            return Resolution::Unknown;
        }
        if let Some(&(i, j)) = self.index.provisioned.get(with_ctx) {
            let pv = &self.models[i].provisioned[j];
            let form = Form::Provisioned {
                id: pv.id.clone(),
                context: pv.context.clone(),
            };
            return self.known(i, form, arn, prefix_len);
        }
        if p.context.is_some() {
            // A context size no source lists for the model: not a usable ID.
            return Resolution::Unknown;
        }
        if let Some(&i) = self.index.base.get(model) {
            return self.known(i, Form::Base, arn, prefix_len);
        }
        if let Some(&i) = self.index.related.get(model) {
            return self.known(i, Form::Related { id: model.into() }, arn, prefix_len);
        }
        Resolution::Unknown
    }

    fn known(
        &self,
        i: usize,
        form: Form,
        arn: Option<ArnParts>,
        prefix_len: usize,
    ) -> Resolution<'_> {
        Resolution::Known {
            model: &self.models[i],
            form,
            arn,
            prefix_len,
        }
    }

    fn resolve_foreign(&self, text: &str) -> Resolution<'_> {
        let lower = text.to_ascii_lowercase();
        let name = lower
            .strip_prefix("anthropic/")
            .or_else(|| lower.strip_prefix("vertex_ai/"))
            .unwrap_or(&lower);
        match self.index.foreign.get(name) {
            Some(&(i, dialect)) => Resolution::Foreign {
                model: &self.models[i],
                dialect,
            },
            None => Resolution::Unknown,
        }
    }

    /// The recommended replacement of `model`, following the chain to the first model
    /// that is not EOL on `today`. `None` when no replacement is recorded, the chain
    /// ends in retired models, or it loops.
    pub fn replacement(&self, model: &Model, today: Date) -> Option<&Model> {
        let mut seen = BTreeSet::new();
        seen.insert(model.id.as_str());
        let mut cur = model;
        loop {
            let next = self.get(cur.lifecycle.replacement.as_deref()?)?;
            if !seen.insert(next.id.as_str()) {
                return None;
            }
            if next.status(today) != Status::Eol {
                return Some(next);
            }
            cur = next;
        }
    }

    /// Whether a profile scope serves requests from `region`: `None` for a scope the
    /// catalog has no membership data for.
    pub fn profile_covers(&self, scope: &str, region: &str) -> Option<bool> {
        let s = self.scopes.iter().find(|s| s.scope == scope)?;
        if let Some(regions) = &s.regions {
            return Some(regions.iter().any(|r| r == region));
        }
        let part = s.partition.as_deref()?;
        let known = self.regions.iter().find(|r| r.code == region);
        Some(known.is_some_and(|r| r.partition == part))
    }

    /// Whether and how `model` is offered in `region` on `bedrock-runtime` (the bare ID
    /// on demand, or through profiles). A model whose bare ID works on demand in no
    /// Region (`requiresProfile: true`) and that AWS's table does not cover is
    /// `ProfileOnly` wherever a documented profile's scope covers the Region, and
    /// `Unknown` elsewhere. For `bedrock-mantle` see [`Catalog::endpoint_support`].
    pub fn region_support(&self, model: &Model, region: &str) -> RegionSupport {
        if let Some(offer) = self.offers.get(region).filter(|o| o.has_model_list) {
            return self.imported_support(model, region, offer);
        }
        if model.provisioned_only() {
            return RegionSupport::ProvisionedOnly;
        }
        let Some(r) = &model.regions else {
            if model.requires_profile == Some(true) {
                let profiles = self.profiles_for(model, region);
                if !profiles.is_empty() {
                    return RegionSupport::ProfileOnly { profiles };
                }
            }
            return RegionSupport::Unknown;
        };
        let has = |v: &Vec<String>| v.iter().any(|x| x == region);
        if has(&r.on_demand) {
            return RegionSupport::OnDemand;
        }
        if has(&r.profile_only) || has(&r.geo_profile_sources) || has(&r.global_profile_sources) {
            return RegionSupport::ProfileOnly {
                profiles: self.profiles_for(model, region),
            };
        }
        if has(&r.unclassified) || !self.index.table_regions.contains(region) {
            // Listed without a support type, or a Region AWS's table does not cover.
            return RegionSupport::Unknown;
        }
        RegionSupport::NotOffered {
            where_offered: self.where_offered(model),
        }
    }

    /// [`Catalog::region_support`] on one endpoint. `Runtime` is `region_support`;
    /// `Mantle` answers for the bare ID on `bedrock-mantle`: `OnDemand` in a Region a
    /// source lists as Mantle In-Region, `NotOffered { where_offered }` (the Mantle
    /// Regions) elsewhere, `NotOffered` with none when the endpoint page says the model
    /// is not on Mantle, `Unknown` when no source says.
    pub fn endpoint_support(
        &self,
        model: &Model,
        region: &str,
        endpoint: Endpoint,
    ) -> RegionSupport {
        match endpoint {
            Endpoint::Runtime => self.region_support(model, region),
            Endpoint::Mantle => match &model.endpoints {
                Some(e) => match &e.mantle_regions {
                    Some(list) if list.iter().any(|r| r == region) => RegionSupport::OnDemand,
                    Some(list) => RegionSupport::NotOffered {
                        where_offered: list.clone(),
                    },
                    None if e.mantle == Some(false) => RegionSupport::NotOffered {
                        where_offered: Vec::new(),
                    },
                    None => RegionSupport::Unknown,
                },
                None => RegionSupport::Unknown,
            },
        }
    }

    /// Both endpoints' answers for `model` in `region` (hover: "which endpoint").
    pub fn endpoints_in(&self, model: &Model, region: &str) -> EndpointSupport {
        EndpointSupport {
            runtime: self.region_support(model, region),
            mantle: self.endpoint_support(model, region, Endpoint::Mantle),
        }
    }

    /// For a call whose endpoint is not known: `OnDemand` when the bare ID works in
    /// `region` on either endpoint (Mantle In-Region counts), else the runtime answer.
    /// A rule that cannot tell the endpoint should use this, so that a valid Mantle ID
    /// (`openai.gpt-6-sol` in us-east-1) is never reported.
    pub fn region_support_any(&self, model: &Model, region: &str) -> RegionSupport {
        match self.endpoint_support(model, region, Endpoint::Mantle) {
            RegionSupport::OnDemand => RegionSupport::OnDemand,
            _ => self.region_support(model, region),
        }
    }

    /// The Regions from which the `<scope>.` profile of `model` can be called: the
    /// scope's Regions intersected with the model's (AWS's per-model geographic or
    /// global profile sources, plus Regions whose imported listing has the profile).
    /// `None` for a scope the catalog has no membership data for.
    pub fn profile_source_regions(&self, model: &Model, scope: &str) -> Option<ProfileSources> {
        let s = self.scopes.iter().find(|s| s.scope == scope)?;
        let scope_regions: Vec<&str> = match (&s.regions, &s.partition) {
            (Some(list), _) => list.iter().map(String::as_str).collect(),
            (None, Some(part)) => self
                .regions
                .iter()
                .filter(|r| &r.partition == part)
                .map(|r| r.code.as_str())
                .collect(),
            (None, None) => return None,
        };
        let profile_id = format!("{scope}.{}", model.id);
        let imported: BTreeSet<&str> = self
            .offers
            .iter()
            .filter(|(_, o)| o.profiles.contains_key(&profile_id))
            .map(|(r, _)| r.as_str())
            .collect();
        let table = model.regions.as_ref().map(|r| {
            if scope == "global" {
                &r.global_profile_sources
            } else {
                &r.geo_profile_sources
            }
        });
        let mut set: BTreeSet<String> = BTreeSet::new();
        let per_model = match table.filter(|t| !t.is_empty()) {
            Some(t) => {
                set.extend(
                    scope_regions
                        .iter()
                        .filter(|r| t.iter().any(|x| x == *r))
                        .map(|r| r.to_string()),
                );
                true
            }
            None if !imported.is_empty() => true,
            None => {
                set.extend(scope_regions.iter().map(|r| r.to_string()));
                false
            }
        };
        set.extend(imported.iter().map(|r| r.to_string()));
        Some(ProfileSources {
            regions: set.into_iter().collect(),
            per_model,
        })
    }

    /// Whether `model` has a cross-Region profile of `scope` (`us`, `eu`, `global` …):
    /// for a "this profile scope does not exist for the model" rule. `NotOffered` only
    /// when AWS's per-model table covers the model, lists no profile source of that
    /// kind in the scope's Regions and has no unclassified Region there, and no source
    /// or import lists the profile.
    pub fn profile_scope(&self, model: &Model, scope: &str) -> ScopeOffer {
        let profile_id = format!("{scope}.{}", model.id);
        if model.profile_for_scope(scope).is_some()
            || self
                .offers
                .values()
                .any(|o| o.profiles.contains_key(&profile_id))
        {
            return ScopeOffer::Documented;
        }
        let Some(r) = &model.regions else {
            return ScopeOffer::Unknown;
        };
        let Some(s) = self.scopes.iter().find(|s| s.scope == scope) else {
            return ScopeOffer::Unknown;
        };
        let in_scope = |x: &String| match &s.regions {
            Some(list) => list.contains(x),
            None => s.partition.as_deref().is_some_and(|p| {
                self.regions
                    .iter()
                    .any(|rc| &rc.code == x && rc.partition == p)
            }),
        };
        let sources = if scope == "global" {
            &r.global_profile_sources
        } else {
            &r.geo_profile_sources
        };
        if sources.iter().any(in_scope) || r.unclassified.iter().any(in_scope) {
            return ScopeOffer::Unknown;
        }
        ScopeOffer::NotOffered {
            profiles: model.profiles.iter().map(|p| p.id.clone()).collect(),
        }
    }

    fn imported_support(&self, model: &Model, region: &str, offer: &RegionOffer) -> RegionSupport {
        match offer.models.get(&model.id) {
            Some(types) if types.contains(&InferenceType::OnDemand) => RegionSupport::OnDemand,
            Some(types) if types.contains(&InferenceType::InferenceProfile) => {
                RegionSupport::ProfileOnly {
                    profiles: self.profiles_for(model, region),
                }
            }
            Some(_) => RegionSupport::ProvisionedOnly,
            None => RegionSupport::NotOffered {
                where_offered: self.where_offered(model),
            },
        }
    }

    /// Profile IDs of `model` usable from `region`: listed by an import for the
    /// Region, or documented with a scope that covers it (and, where AWS's table has
    /// per-Region profile data, only the kinds — geo or global — it lists there).
    pub fn profiles_for(&self, model: &Model, region: &str) -> Vec<String> {
        if let Some(offer) = self.offers.get(region).filter(|o| o.has_profile_list) {
            let mut v: Vec<String> = offer
                .profiles
                .iter()
                .filter(|(_, ms)| ms.contains(&model.id))
                .map(|(p, _)| p.clone())
                .collect();
            v.sort();
            return v;
        }
        let table = model.regions.as_ref();
        model
            .profiles
            .iter()
            .filter(|p| self.profile_covers(&p.scope, region) == Some(true))
            .filter(|p| match table {
                Some(r) if p.scope == "global" => {
                    r.global_profile_sources.iter().any(|x| x == region)
                }
                Some(r) => r.geo_profile_sources.iter().any(|x| x == region),
                None => true,
            })
            .map(|p| p.id.clone())
            .collect()
    }

    /// Regions with on-demand use of the bare ID (catalog and imports).
    pub fn where_offered(&self, model: &Model) -> Vec<String> {
        let mut set: BTreeSet<String> = model
            .regions
            .as_ref()
            .map(|r| r.on_demand.iter().cloned().collect())
            .unwrap_or_default();
        for (region, offer) in &self.offers {
            if offer
                .models
                .get(&model.id)
                .is_some_and(|t| t.contains(&InferenceType::OnDemand))
            {
                set.insert(region.clone());
            }
        }
        set.into_iter().collect()
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

    pub(crate) fn index_foreign(&self, name: &str) -> Option<(usize, Dialect)> {
        self.index.foreign.get(name).copied()
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

/// Where `catalog update` installs the published catalog inside a user catalog
/// directory (the previous good one is kept beside it as `catalog.previous.json`).
pub fn published_path(user_dir: &Path) -> PathBuf {
    user_dir.join("published").join("catalog.json")
}

/// The text of a user catalog file, refused over [`MAX_USER_FILE`] bytes.
fn read_user_file(path: &Path) -> Result<String, CatalogError> {
    let error = |message: String| CatalogError {
        file: path.to_path_buf(),
        line: None,
        field: None,
        message,
    };
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_USER_FILE) {
        return Err(error(format!(
            "larger than {} MiB; not read",
            MAX_USER_FILE >> 20
        )));
    }
    std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))
}

/// Read a published catalog file as a complete base catalog.
pub fn load_published(path: &Path) -> Result<Catalog, CatalogError> {
    let text = read_user_file(path)?;
    let mut cat = Catalog::from_json(&path.to_string_lossy(), &text)?;
    cat.base_file = Some(path.to_path_buf());
    Ok(cat)
}

/// After this many days a catalog is stale: hover, `check` and `catalog status` say
/// how to update it.
pub const STALE_AFTER_DAYS: i64 = 45;

/// `$BEDROCK_LSP_CATALOG_DIR`, else `<platform data dir>/bedrock-lsp/catalog`.
/// Largest user catalog file read (AWS listings for one region are well under 1 MiB).
pub const MAX_USER_FILE: u64 = 32 * 1024 * 1024;

pub fn user_catalog_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("BEDROCK_LSP_CATALOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    dirs::data_dir().map(|d| d.join("bedrock-lsp").join("catalog"))
}

/// The files [`Catalog::load`] reads from a user catalog directory: every `*.json`,
/// sorted by name (a refresh's or import's temp file ends in `.tmp` and is never read).
fn user_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    found.sort();
    Ok(found)
}

/// One file's identity in a [`user_catalog_stamp`]: path, length, modification time.
pub type FileStamp = (PathBuf, u64, Option<std::time::SystemTime>);

/// A cheap fingerprint of what [`Catalog::load`] would read from `dir`: each `*.json`
/// with its length and modification time (empty when the directory does not exist).
/// A server can poll it, or check it on a file-watcher event, and reload the catalog
/// when it changes: `catalog refresh` and `catalog import` rename a complete new file
/// into place, which always changes the stamp.
pub fn user_catalog_stamp(dir: &Path) -> Vec<FileStamp> {
    let mut files = user_files(dir).unwrap_or_default();
    let published = published_path(dir);
    if published.is_file() {
        files.push(published);
    }
    files
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (p, len, modified)
        })
        .collect()
}

/// The JSON Schema of catalog files, as shipped in `catalog/catalog.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(CatalogFile);
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}

/// 1-based line of the first occurrence of `needle` in `text`.
pub(crate) fn line_of(text: &str, needle: &str) -> Option<usize> {
    let at = text.find(needle)?;
    Some(text[..at].bytes().filter(|&b| b == b'\n').count() + 1)
}

/// Deserialize a file with the JSON path and line of the first error.
pub(crate) fn deserialize_at<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, CatalogError> {
    // Fast path; the path-tracking deserializer only runs to explain a failure.
    if let Ok(v) = serde_json::from_str(text) {
        return Ok(v);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(v) => de.end().map(|_| v).map_err(|e| CatalogError {
            file: path.to_path_buf(),
            line: Some(e.line()),
            field: None,
            message: e.to_string(),
        }),
        Err(e) => {
            let field = e.path().to_string();
            let inner = e.into_inner();
            let msg = inner.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let mut line = Some(inner.line()).filter(|&l| l > 0);
            // serde_json places errors raised after a value was read (a bad date) at the
            // end of the enclosing object: move them back to the value they quote.
            if let (Some(l), Some(v)) = (line, msg.split('`').nth(1)) {
                let needle = format!("\"{v}\"");
                let before_or_at = text
                    .match_indices(&needle)
                    .map(|(i, _)| text[..i].bytes().filter(|&b| b == b'\n').count() + 1)
                    .filter(|&vl| vl <= l)
                    .last();
                if before_or_at.is_some() {
                    line = before_or_at;
                }
            }
            Err(CatalogError {
                file: path.to_path_buf(),
                line,
                field: (field != "." && !field.is_empty()).then_some(field),
                message: msg,
            })
        }
    }
}

/// Parse and check a catalog file in our format.
pub(crate) fn parse_catalog_file(path: &Path, text: &str) -> Result<CatalogFile, CatalogError> {
    let file: CatalogFile = deserialize_at(path, text)?;
    let err = |i: usize, field: String, needle: &str, message: String| CatalogError {
        file: path.to_path_buf(),
        line: line_of(text, needle),
        field: Some(format!("models[{i}].{field}")),
        message,
    };
    if file.format != 1 {
        return Err(CatalogError {
            file: path.to_path_buf(),
            line: line_of(text, "\"format\""),
            field: Some("format".into()),
            message: format!(
                "unsupported format {} (this build reads format 1)",
                file.format
            ),
        });
    }
    let mut seen = HashMap::new();
    for (i, m) in file.models.iter().enumerate() {
        let quoted = format!("\"{}\"", m.id);
        if let Some(first) = seen.insert(m.id.clone(), i) {
            return Err(err(
                i,
                "id".into(),
                &quoted,
                format!("duplicate ID `{}` (also models[{first}])", m.id),
            ));
        }
        match id::parse(&m.id) {
            Some(p) if p.kind == IdKind::Base && p.context.is_none() && p.prefix_len == 0 => {}
            _ => {
                return Err(err(
                    i,
                    "id".into(),
                    &quoted,
                    format!("`{}` is not a base model ID", m.id),
                ));
            }
        }
        for (j, p) in m.profiles.iter().enumerate() {
            if p.id != format!("{}.{}", p.scope, m.id) {
                return Err(err(
                    i,
                    format!("profiles[{j}].id"),
                    &format!("\"{}\"", p.id),
                    format!("profile ID `{}` is not `{}.{}`", p.id, p.scope, m.id),
                ));
            }
        }
        for (j, p) in m.provisioned.iter().enumerate() {
            if !p.id.starts_with(&format!("{}:", m.id)) {
                return Err(err(
                    i,
                    format!("provisioned[{j}].id"),
                    &format!("\"{}\"", p.id),
                    format!("provisioned ID `{}` does not extend `{}`", p.id, m.id),
                ));
            }
        }
        let l = &m.lifecycle;
        if let (Some(a), Some(b)) = (l.legacy, l.eol) {
            if a > b {
                return Err(err(
                    i,
                    "lifecycle.eol".into(),
                    &quoted,
                    format!("EOL {b} is before Legacy {a}"),
                ));
            }
        }
    }
    Ok(file)
}
