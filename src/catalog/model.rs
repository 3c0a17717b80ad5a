//! The typed catalog format (what `catalog/catalog.json` and user catalog files hold),
//! the small [`Date`] type, and lifecycle computed from dates at run time.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None` (month 13, February 30th …).
    pub fn new(y: u16, m: u8, d: u8) -> Option<Date> {
        (d >= 1 && d <= days_in_month(y, m)).then_some(Date { y, m, d })
    }

    /// Parse exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(format!("`{s}` is not a date of the form YYYY-MM-DD"));
        }
        let y = s[0..4].parse().map_err(|_| format!("bad year in `{s}`"))?;
        let m = s[5..7].parse().map_err(|_| format!("bad month in `{s}`"))?;
        let d = s[8..10].parse().map_err(|_| format!("bad day in `{s}`"))?;
        Date::new(y, m, d).ok_or_else(|| format!("`{s}` is not a calendar date"))
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            y: y.clamp(0, 9999) as u16,
            m,
            d,
        }
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_unix_days`]).
    pub fn to_unix_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (i64::from(self.y), i64::from(self.m), i64::from(self.d));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_unix_days() - self.to_unix_days()
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_unix_days(secs.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

/// Lifecycle status, computed for a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Active,
    Legacy,
    #[serde(rename = "EOL")]
    Eol,
    /// No source says anything about this model's lifecycle.
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "ACTIVE",
            Status::Legacy => "LEGACY",
            Status::Eol => "EOL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status that a source reported (without a date of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ReportedStatus {
    #[serde(rename = "ACTIVE")]
    Active,
    #[serde(rename = "LEGACY")]
    Legacy,
    #[serde(rename = "EOL")]
    Eol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Modality {
    Text,
    Image,
    Video,
    Audio,
    Speech,
    Embedding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InferenceType {
    /// The bare model ID can be invoked on demand in at least one Region.
    OnDemand,
    /// Offered through cross-Region inference profiles.
    InferenceProfile,
    /// Offered through purchased Provisioned Throughput.
    Provisioned,
}

/// One catalog file: the embedded `catalog/catalog.json`, a user catalog file, or
/// (after conversion) an import.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "bedrock-lsp model catalog")]
pub struct CatalogFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version; always 1.
    pub format: u32,
    /// The day the facts in this file were last checked.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// Source key → description (with address and date of the material).
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    /// Which Regions a cross-Region profile scope (`us`, `eu`, `global` …) routes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profile_scopes: Vec<ProfileScope>,
    /// Regions where the `bedrock` service is defined, with their partition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bedrock_regions: Vec<RegionCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedrock_regions_source: Option<String>,
    /// IDs seen in one source that conflict with others: deliberately not catalogued.
    /// Each is a bare string (older files) or an object with the reason and the real
    /// IDs to suggest instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_ids: Vec<ExcludedEntry>,
    pub models: Vec<Model>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileScope {
    pub scope: String,
    /// Source Regions the scope covers; `null` when given by partition instead.
    #[serde(default)]
    pub regions: Option<Vec<String>>,
    /// Every Region of this partition (used by `global`).
    #[serde(default)]
    pub partition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Source keys for the scope's Regions (newer files; `source` in older ones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// An excluded ID as a file writes it: a bare string, or the full record.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ExcludedEntry {
    Id(String),
    Full(ExcludedId),
}

impl ExcludedEntry {
    pub fn into_full(self) -> ExcludedId {
        match self {
            ExcludedEntry::Id(id) => ExcludedId {
                id,
                why: None,
                sources: Vec::new(),
                did_you_mean: Vec::new(),
            },
            ExcludedEntry::Full(e) => e,
        }
    }
}

/// An ID some source uses that the catalog deliberately leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExcludedId {
    pub id: String,
    /// Why it is not catalogued, in the source's words.
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The real IDs a source names instead (catalogued base IDs), best first.
    #[serde(default)]
    pub did_you_mean: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionCode {
    pub code: String,
    pub partition: String,
}

/// One foundation model (one base model ID).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Model {
    /// Base foundation-model ID: no profile scope, no provisioned context suffix.
    pub id: String,
    pub provider: String,
    /// Display name (AWS's, where AWS lists the model).
    pub name: String,
    /// Version suffix as written in the ID (`v1:0`, `v2` …); not a semantic version.
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub modalities: Option<Modalities>,
    #[serde(default)]
    pub streaming: Option<bool>,
    #[serde(default)]
    pub inference_types: Vec<InferenceType>,
    #[serde(default)]
    pub lifecycle: Lifecycle,
    /// AWS's per-Region table for this model; `null` = the model is not in it (unknown).
    #[serde(default)]
    pub regions: Option<Regions>,
    /// Regions a third party prices the model in (secondary evidence, shown only).
    #[serde(default)]
    pub priced_regions: Option<Vec<String>>,
    /// Documented system (cross-Region) inference profile IDs.
    #[serde(default)]
    pub profiles: Vec<Profile>,
    /// `true`: no Region allows the bare ID on demand; `null`: unknown.
    #[serde(default)]
    pub requires_profile: Option<bool>,
    #[serde(default)]
    pub context_window: Option<u64>,
    #[serde(default)]
    pub max_output_tokens: Option<u64>,
    #[serde(default)]
    pub limits_source: Option<String>,
    /// Provisioned-throughput IDs (`<id>:<context>`).
    #[serde(default)]
    pub provisioned: Vec<Provisioned>,
    /// Other IDs listed for the same model whose role no source documents.
    #[serde(default)]
    pub related_ids: Vec<String>,
    #[serde(default)]
    pub endpoints: Option<Endpoints>,
    /// Customization kinds AWS's ListFoundationModels lists for the model
    /// (`FINE_TUNING`, `CONTINUED_PRE_TRAINING`, `DISTILLATION`); `null`: no source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customizations: Option<Vec<String>>,
    #[serde(default)]
    pub docs_url: Option<String>,
    /// The model's name in AWS's Region table.
    #[serde(default)]
    pub aws_name: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Keys into the file's `sources` (or `import:<file>` for imported facts).
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Modalities {
    #[serde(default)]
    pub input: Option<Vec<Modality>>,
    #[serde(default)]
    pub output: Option<Vec<Modality>>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Lifecycle facts. The status is not stored: it is computed from the dates (and, for
/// sources that gave a status without dates, from that report) for a given day.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lifecycle {
    /// A status a source stated without giving the date it took effect.
    #[serde(default)]
    pub reported_status: Option<ReportedStatus>,
    /// When `reportedStatus` was last known to hold.
    #[serde(default)]
    pub reported_on: Option<Date>,
    #[serde(default)]
    pub legacy: Option<Date>,
    /// Start of public extended access (premium-priced tail of the Legacy period).
    #[serde(default)]
    pub extended_access: Option<Date>,
    #[serde(default)]
    pub eol: Option<Date>,
    /// Recommended replacement (a catalogued model ID).
    #[serde(default)]
    pub replacement: Option<String>,
    /// The replacement as a source named it, when it maps to no single ID.
    #[serde(default)]
    pub replacement_name: Option<String>,
    /// Region-specific dates where they differ from the model-wide ones.
    #[serde(default)]
    pub regional: Vec<RegionalLifecycle>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionalLifecycle {
    pub regions: Vec<String>,
    #[serde(default)]
    pub legacy: Option<Date>,
    #[serde(default)]
    pub extended_access: Option<Date>,
    #[serde(default)]
    pub eol: Option<Date>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Regions {
    /// In-Region on-demand use of the bare ID.
    #[serde(default)]
    pub on_demand: Vec<String>,
    /// Offered there only through cross-Region profiles.
    #[serde(default)]
    pub profile_only: Vec<String>,
    /// Source Regions of a geographic (`us.`, `eu.` …) profile.
    #[serde(default)]
    pub geo_profile_sources: Vec<String>,
    /// Source Regions of a `global.` profile.
    #[serde(default)]
    pub global_profile_sources: Vec<String>,
    /// Regions listed for the model without a support type: support there is unknown.
    #[serde(default)]
    pub unclassified: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// `<scope>.<model id>`.
    pub id: String,
    pub scope: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// A caveat (e.g. sources that contest this profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provisioned {
    pub id: String,
    /// Context size label as written in the ID (`18k`, `32K`, `512`); `null` if none.
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Customization kinds AWS lists for this context variant (ListFoundationModels'
    /// `customizationsSupported`): it is then a base model of CreateModelCustomizationJob.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customizations: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Endpoints {
    /// Listed on `bedrock-runtime` (InvokeModel / Converse); `null`: not stated.
    #[serde(default)]
    pub runtime: Option<bool>,
    /// Listed on `bedrock-mantle` (OpenAI-compatible endpoint); `null`: not stated.
    #[serde(default)]
    pub mantle: Option<bool>,
    /// Regions where the bare ID works In-Region on `bedrock-mantle`; `null`: no
    /// source lists them (unknown, not "none").
    #[serde(default)]
    pub mantle_regions: Option<Vec<String>>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Lifecycle {
    /// Status on `today`, model-wide.
    pub fn status(&self, today: Date) -> Status {
        self.status_with(self.legacy, self.eol, today)
    }

    /// Status on `today` in `region`, using Region-specific dates where they exist.
    pub fn status_in(&self, today: Date, region: Option<&str>) -> Status {
        if let Some(r) = region {
            if let Some(rl) = self
                .regional
                .iter()
                .find(|rl| rl.regions.iter().any(|x| x == r))
            {
                return self.status_with(rl.legacy.or(self.legacy), rl.eol.or(self.eol), today);
            }
        }
        self.status(today)
    }

    fn status_with(&self, legacy: Option<Date>, eol: Option<Date>, today: Date) -> Status {
        let reported =
            |s| self.reported_status == Some(s) && self.reported_on.is_none_or(|on| on <= today);
        if eol.is_some_and(|d| d <= today) {
            return Status::Eol;
        }
        // A source said "EOL" without a date: it holds from the report on.
        if eol.is_none() && reported(ReportedStatus::Eol) {
            return Status::Eol;
        }
        if legacy.is_some_and(|d| d <= today) {
            return Status::Legacy;
        }
        if legacy.is_none() && reported(ReportedStatus::Legacy) {
            return Status::Legacy;
        }
        if legacy.is_some() {
            // The Legacy date is still ahead.
            return Status::Active;
        }
        match self.reported_status {
            // Lifecycle only moves forward: ACTIVE on the report day means ACTIVE (or
            // not yet launched) on every earlier day too.
            Some(ReportedStatus::Active) => Status::Active,
            // A later stage reported for a day after `today`: which stage held on
            // `today` is not known.
            Some(_) => Status::Unknown,
            None if eol.is_some() => Status::Active,
            None => Status::Unknown,
        }
    }
}

impl Model {
    /// Lifecycle status on `today` (model-wide dates).
    pub fn status(&self, today: Date) -> Status {
        self.lifecycle.status(today)
    }

    /// The only inference type is provisioned throughput: no on-demand use anywhere.
    pub fn provisioned_only(&self) -> bool {
        !self.inference_types.is_empty()
            && self
                .inference_types
                .iter()
                .all(|t| *t == InferenceType::Provisioned)
    }

    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    pub fn profile_for_scope(&self, scope: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.scope == scope)
    }
}
