//! The diagnostic codes: one row per code in [`CODES`] (its stable name, summary, docs
//! link, default level and rank). Everything else about a code is looked up there: the
//! SARIF rules, `--select`/`--ignore`/`--severity`, the settings' `severity` keys and
//! `ignoreCodes`, ignore comments. The rules that report a code live in `diagnose/`.
//!
//! The editor settings and the READMEs list the codes too; `tests/it/codes.rs` holds
//! each of those lists to this table.

use crate::settings::Level;

/// The stable diagnostic codes, in the order of [`CODES`] (each variant has its row
/// there, at its own index). Never rename one; add new ones at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Code {
    UnknownModel,
    LegacyModel,
    EolModel,
    RegionUnavailable,
    NeedsInferenceProfile,
    ProvisionedOnly,
    NotBedrockId,
    /// A `bedrock-lsp: ignore` comment (or a code in its list) that suppresses nothing.
    /// Reported only when `reportUnusedIgnores` is on.
    UnusedIgnore,
}

/// What there is to know about one code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: Code,
    /// The stable name users write (`eol-model`): LSP `code`, SARIF rule ID, setting key.
    pub id: &'static str,
    /// One-line summary (SARIF rule text, editor setting descriptions).
    pub summary: &'static str,
    /// The page that explains the rule behind the code (`codeDescription.href`).
    pub href: &'static str,
    /// The level in a model key (the string certainly is a model ID); rules may soften it.
    pub default_level: Level,
    /// Importance when a literal has several problems: the lowest rank is reported.
    pub rank: u8,
}

const MODEL_IDS: &str = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html";
const LIFECYCLE: &str = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html";

/// Every code, one row each, in the order of [`Code`]. This order is the order users
/// see (SARIF rules, the known codes in error messages, ties in `--statistics`).
pub const CODES: [CodeInfo; 8] = [
    CodeInfo {
        code: Code::UnknownModel,
        id: "unknown-model",
        summary: "The string is not a Bedrock model ID the catalog knows.",
        href: MODEL_IDS,
        default_level: Level::Error,
        rank: 1,
    },
    CodeInfo {
        code: Code::LegacyModel,
        id: "legacy-model",
        summary: "The model is in its Legacy period and will stop working on its end-of-life date.",
        href: LIFECYCLE,
        default_level: Level::Warning,
        rank: 5,
    },
    CodeInfo {
        code: Code::EolModel,
        id: "eol-model",
        summary: "The model has reached end of life: calls with this ID fail.",
        href: LIFECYCLE,
        default_level: Level::Error,
        rank: 0,
    },
    CodeInfo {
        code: Code::RegionUnavailable,
        id: "region-unavailable",
        summary: "The model (or profile) is not offered in the region in force.",
        href:
            "https://docs.aws.amazon.com/bedrock/latest/userguide/models-region-compatibility.html",
        default_level: Level::Warning,
        rank: 3,
    },
    CodeInfo {
        code: Code::NeedsInferenceProfile,
        id: "needs-inference-profile",
        summary: "The region serves this model only through a cross-region inference profile.",
        href:
            "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html",
        default_level: Level::Warning,
        rank: 4,
    },
    CodeInfo {
        code: Code::ProvisionedOnly,
        id: "provisioned-only",
        summary: "The ID works only with purchased Provisioned Throughput, not on demand.",
        href: MODEL_IDS,
        default_level: Level::Warning,
        rank: 2,
    },
    CodeInfo {
        code: Code::NotBedrockId,
        id: "not-bedrock-id",
        summary: "An Anthropic-API or Vertex AI model name where Bedrock expects its own ID.",
        href: MODEL_IDS,
        default_level: Level::Information,
        rank: 6,
    },
    CodeInfo {
        code: Code::UnusedIgnore,
        id: "unused-ignore",
        summary: "A `bedrock-lsp: ignore` comment (or a code in its list) that suppresses nothing.",
        // Our own rule: the README section that documents ignore comments.
        href: "https://github.com/bedrock-lsp/bedrock-lsp#ignore-comments",
        default_level: Level::Warning,
        rank: 7,
    },
];

// Row `i` is the row of the variant whose index is `i` (what [`Code::info`] relies on).
const _: () = {
    let mut i = 0;
    while i < CODES.len() {
        assert!(
            CODES[i].code as usize == i,
            "CODES: rows out of the order of `Code`"
        );
        i += 1;
    }
};

impl Code {
    /// Every code, in the order of [`CODES`].
    pub const ALL: [Code; CODES.len()] = {
        let mut all = [Code::UnknownModel; CODES.len()];
        let mut i = 0;
        while i < CODES.len() {
            all[i] = CODES[i].code;
            i += 1;
        }
        all
    };

    /// The code's row in [`CODES`].
    pub fn info(self) -> &'static CodeInfo {
        &CODES[self as usize]
    }

    /// The stable name (`eol-model`).
    pub fn as_str(self) -> &'static str {
        self.info().id
    }

    /// Every code's stable name, comma-separated, for messages that list the known codes.
    pub fn known_names() -> String {
        Code::ALL.map(Code::as_str).join(", ")
    }

    /// The code of a stable name.
    pub fn parse(s: &str) -> Option<Code> {
        CODES.iter().find(|row| row.id == s).map(|row| row.code)
    }

    /// One-line summary (SARIF rule text).
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The page that explains the rule behind the code.
    pub fn href(self) -> &'static str {
        self.info().href
    }

    /// Default level in a model key (the string certainly is a model ID).
    pub fn default_level(self) -> Level {
        self.info().default_level
    }

    /// Importance when a literal has several problems; the most important one is reported.
    pub(super) fn rank(self) -> u8 {
        self.info().rank
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ranks_are_unique_and_names_parse_back() {
        for (i, a) in CODES.iter().enumerate() {
            assert_eq!(Code::parse(a.id), Some(a.code), "{}", a.id);
            for b in &CODES[i + 1..] {
                assert_ne!(a.id, b.id, "two rows named {}", a.id);
                assert_ne!(a.rank, b.rank, "{} and {} share a rank", a.id, b.id);
            }
        }
        assert_eq!(Code::parse("eol_model"), None);
    }
}
