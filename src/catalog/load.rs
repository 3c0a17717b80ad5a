//! Building a catalog: the embedded and published base, user catalog files and imported
//! AWS listings (each broken file reported and skipped), and its index.

use super::*;

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
    ///
    /// A one-off [`Loader`]: a long-running caller keeps one to keep each file's last
    /// good version when it breaks.
    pub fn load(user_dir: Option<&Path>, extra_files: &[PathBuf]) -> (Catalog, Vec<CatalogError>) {
        let (cat, problems) = Loader::default().load(user_dir, extra_files);
        (cat, problems.into_iter().map(|p| p.error).collect())
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
    published_from_text(path, &read_user_file(path)?)
}

fn published_from_text(path: &Path, text: &str) -> Result<Catalog, CatalogError> {
    let mut cat = Catalog::from_json(&path.to_string_lossy(), text)?;
    cat.base_file = Some(path.to_path_buf());
    Ok(cat)
}

/// The one way catalogs are loaded (`check`, the `catalog` commands through
/// [`Catalog::load`], and the server): the base (embedded, or a newer published
/// catalog), then the user directory's files, then the configured ones. It remembers
/// the text of every file that last loaded, so when a file breaks while a server runs,
/// its last good version stays in force instead of the facts it gave disappearing.
#[derive(Debug, Default)]
pub struct Loader {
    last_good: HashMap<PathBuf, String>,
}

/// A file that did not load (see [`Loader::load`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub error: CatalogError,
    /// The file's last good version was applied instead (else the file is skipped, or
    /// for a published catalog, the embedded one is the base).
    pub kept_last_good: bool,
}

impl Loader {
    /// Load the catalog as [`Catalog::load`] describes, keeping last good versions.
    pub fn load(
        &mut self,
        user_dir: Option<&Path>,
        extra_files: &[PathBuf],
    ) -> (Catalog, Vec<LoadProblem>) {
        let mut problems = Vec::new();
        let embedded = || (*Catalog::embedded()).clone();
        let newer = |c: Catalog| {
            if c.as_of > Catalog::embedded().as_of {
                c
            } else {
                embedded()
            }
        };
        let mut cat = match user_dir.map(published_path) {
            Some(p) if p.is_file() => {
                match read_user_file(&p).and_then(|t| published_from_text(&p, &t).map(|c| (c, t))) {
                    Ok((c, text)) => {
                        self.last_good.insert(p, text);
                        newer(c)
                    }
                    Err(error) => {
                        let good = self
                            .last_good
                            .get(&p)
                            .and_then(|t| published_from_text(&p, t).ok());
                        problems.push(LoadProblem {
                            error,
                            kept_last_good: good.is_some(),
                        });
                        good.map_or_else(embedded, newer)
                    }
                }
            }
            _ => embedded(),
        };
        let mut files: Vec<PathBuf> = Vec::new();
        if let Some(dir) = user_dir {
            match user_files(dir) {
                Ok(found) => files.extend(found),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => problems.push(LoadProblem {
                    error: CatalogError {
                        file: dir.to_path_buf(),
                        line: None,
                        field: None,
                        message: format!("cannot read the user catalog directory: {e}"),
                    },
                    kept_last_good: false,
                }),
            }
        }
        files.extend(extra_files.iter().cloned());
        for f in files {
            let applied =
                read_user_file(&f).and_then(|text| cat.apply_text(&f, &text, None).map(|()| text));
            match applied {
                Ok(text) => {
                    self.last_good.insert(f, text);
                }
                Err(error) => {
                    let kept = self
                        .last_good
                        .get(&f)
                        .is_some_and(|good| cat.apply_text(&f, good, None).is_ok());
                    problems.push(LoadProblem {
                        error,
                        kept_last_good: kept,
                    });
                }
            }
        }
        // A file that is gone is forgotten: if it comes back broken, it is skipped.
        self.last_good.retain(|p, _| p.exists());
        (cat, problems)
    }
}

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
