//! Where a model can be used: per Region and endpoint, through which cross-Region
//! profiles, and from which source Regions a profile scope can be called.

use super::*;

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

impl Catalog {
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
}
