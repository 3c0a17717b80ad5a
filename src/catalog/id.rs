//! Parser for every string shape Bedrock accepts where it expects a model: base IDs,
//! cross-region profile IDs, provisioned-throughput IDs, ARNs of every kind, and
//! the prefixes frameworks write before an ID (`bedrock/`, `bedrock:` …, see
//! [`super::framework`]). Purely syntactic: whether an ID exists is the
//! catalog's business, not this module's.

use std::ops::Range;

/// Scopes of system-defined cross-region inference profiles (`us.anthropic.…`), as
/// documented (AWS CDK `CrossRegionInferenceProfileRegion`). `us-gov` before `us`.
pub const PROFILE_SCOPES: &[&str] = &["us-gov", "us", "eu", "apac", "jp", "au", "in", "global"];

/// Provider prefixes that Bedrock model IDs start with.
pub const PROVIDERS: &[&str] = &[
    "ai21",
    "amazon",
    "anthropic",
    "cohere",
    "deepseek",
    "google",
    "luma",
    "meta",
    "minimax",
    "mistral",
    "moonshot",
    "moonshotai",
    "nvidia",
    "openai",
    "qwen",
    "stability",
    "twelvelabs",
    "writer",
    "xai",
    "zai",
];

/// An ARN resource kind that names something other than a catalogued model.
/// These are accepted as they are and never called unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpaqueKind {
    ApplicationInferenceProfile,
    ProvisionedModel,
    CustomModel,
    ImportedModel,
    CustomModelDeployment,
    SagemakerEndpoint,
    Prompt,
    PromptRouter,
    DefaultPromptRouter,
}

impl OpaqueKind {
    pub fn describe(self) -> &'static str {
        match self {
            OpaqueKind::ApplicationInferenceProfile => "application inference profile",
            OpaqueKind::ProvisionedModel => "provisioned model",
            OpaqueKind::CustomModel => "custom model",
            OpaqueKind::ImportedModel => "imported model",
            OpaqueKind::CustomModelDeployment => "custom model deployment",
            OpaqueKind::SagemakerEndpoint => "SageMaker (Marketplace) endpoint",
            OpaqueKind::Prompt => "managed prompt",
            OpaqueKind::PromptRouter => "prompt router",
            OpaqueKind::DefaultPromptRouter => "default prompt router",
        }
    }
}

/// What kind of identifier a string is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdKind {
    /// `provider.model-…` (possibly with a provisioned context suffix, see `ParsedId::context`).
    Base,
    /// `scope.provider.model-…`: a system-defined cross-region inference profile ID.
    Profile,
    /// `arn:…:bedrock:region::foundation-model/<id>`.
    FoundationModelArn,
    /// `arn:…:bedrock:region:account:inference-profile/<profile id>`.
    InferenceProfileArn,
    /// An ARN of a resource that does not name a catalogued model.
    Opaque(OpaqueKind),
}

/// The result of parsing one identifier. All ranges are byte ranges into the
/// string that was given to [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedId {
    pub kind: IdKind,
    /// Bytes of a `bedrock/…` prefix that were skipped (0 if none).
    pub prefix_len: usize,
    /// The identifier without any LiteLLM prefix.
    pub id: Range<usize>,
    /// The model part: `provider.model[-vN[:M]]` without scope and context suffix.
    /// `None` for opaque ARNs.
    pub model: Option<Range<usize>>,
    /// The model part including a provisioned context suffix (`…:0:18k`), if any.
    pub model_with_context: Option<Range<usize>>,
    pub provider: Option<Range<usize>>,
    /// Profile scope (`us`, `eu`, `global` …) when the string is a profile ID or ARN.
    pub scope: Option<Range<usize>>,
    /// Provisioned-throughput context suffix such as `18k`, `200k`, `32K`, `512`.
    pub context: Option<Range<usize>>,
    pub partition: Option<Range<usize>>,
    pub region: Option<Range<usize>>,
    pub account: Option<Range<usize>>,
}

impl ParsedId {
    /// Convenience accessor: the text of a range of the parsed string.
    pub fn get<'a>(&self, text: &'a str, r: &Option<Range<usize>>) -> Option<&'a str> {
        r.as_ref().and_then(|r| text.get(r.clone()))
    }
    pub fn has_known_provider(&self, text: &str) -> bool {
        self.get(text, &self.provider)
            .is_some_and(|p| PROVIDERS.contains(&p))
    }
}

fn is_id_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'_')
}

/// Parse an identifier. Returns `None` when the string does not have the shape of
/// anything Bedrock takes as a model (e.g. `meta.json` still parses as a base ID shape;
/// whether it is plausible is decided by [`looks_like_model_id`] and the catalog).
pub fn parse(s: &str) -> Option<ParsedId> {
    if s.is_empty() || s.len() > 2048 {
        return None;
    }
    let prefix_len = super::framework::prefix_len(s);
    let rest = &s[prefix_len..];
    if rest.starts_with("arn:") {
        return parse_arn(s, prefix_len);
    }
    let mut out = parse_plain(rest)?;
    shift(&mut out, prefix_len);
    out.prefix_len = prefix_len;
    Some(out)
}

fn shift(p: &mut ParsedId, by: usize) {
    for r in [
        &mut p.model,
        &mut p.model_with_context,
        &mut p.provider,
        &mut p.scope,
        &mut p.context,
        &mut p.partition,
        &mut p.region,
        &mut p.account,
    ]
    .into_iter()
    .flatten()
    {
        r.start += by;
        r.end += by;
    }
    p.id.start += by;
    p.id.end += by;
}

/// `[scope.]provider.model[:v][:ctx]` with all ranges relative to `s`.
fn parse_plain(s: &str) -> Option<ParsedId> {
    let bytes = s.as_bytes();
    if bytes.is_empty() || !bytes.iter().all(|&b| is_id_char(b)) {
        return None;
    }
    if !bytes[0].is_ascii_alphanumeric() {
        return None;
    }
    // Profile scope: one of the known scopes followed by '.' and then provider '.'
    let mut start = 0;
    let mut scope = None;
    for sc in PROFILE_SCOPES {
        let n = sc.len();
        if s.len() > n + 1
            && s[..n].eq_ignore_ascii_case(sc)
            && bytes[n] == b'.'
            && s[n + 1..].contains('.')
        {
            // `us.anthropic.x` is a profile; but `meta.llama` must not read `meta` as scope
            scope = Some(0..n);
            start = n + 1;
            break;
        }
    }
    let dot = s[start..].find('.')? + start;
    if dot == start || dot + 1 >= s.len() {
        return None;
    }
    let provider = start..dot;
    if !s[provider.clone()]
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return None;
    }
    // The model part runs to the end; a provisioned context suffix is a final
    // `:<digits>[kK]` segment that follows another `:` segment.
    let mut model_end = s.len();
    let mut context = None;
    if let Some(last) = memchr::memrchr(b':', &bytes[dot + 1..]).map(|i| i + dot + 1) {
        if memchr::memchr(b':', &bytes[dot + 1..last]).is_some() {
            let seg = &bytes[last + 1..];
            let digits = seg.strip_suffix(b"k").or_else(|| seg.strip_suffix(b"K"));
            let digits = digits.unwrap_or(seg);
            if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
                context = Some(last + 1..s.len());
                model_end = last;
            }
        }
    }
    let first_model_byte = bytes[dot + 1];
    if !first_model_byte.is_ascii_alphanumeric() {
        return None;
    }
    Some(ParsedId {
        kind: if scope.is_some() {
            IdKind::Profile
        } else {
            IdKind::Base
        },
        prefix_len: 0,
        id: 0..s.len(),
        model: Some(start..model_end),
        model_with_context: Some(start..s.len()),
        provider: Some(provider),
        scope,
        context,
        partition: None,
        region: None,
        account: None,
    })
}

fn parse_arn(s: &str, prefix_len: usize) -> Option<ParsedId> {
    let rest = &s[prefix_len..];
    // arn:partition:service:region:account:resource
    let mut parts = Vec::with_capacity(6);
    let mut pos = 0;
    for _ in 0..5 {
        let i = rest[pos..].find(':')? + pos;
        parts.push(pos..i);
        pos = i + 1;
    }
    parts.push(pos..rest.len());
    let abs = |r: &Range<usize>| r.start + prefix_len..r.end + prefix_len;
    let partition = &rest[parts[1].clone()];
    if !(partition == "aws" || partition.starts_with("aws-")) {
        return None;
    }
    let service = &rest[parts[2].clone()];
    let region = &rest[parts[3].clone()];
    let account = &rest[parts[4].clone()];
    let resource = &rest[parts[5].clone()];
    if !region
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || !account.bytes().all(|b| b.is_ascii_digit())
        || !(account.is_empty() || account.len() == 12)
    {
        return None;
    }
    let (rtype, rid) = resource.split_once('/')?;
    if rid.is_empty() || !rid.bytes().all(|b| is_id_char(b) || b == b'/') {
        return None;
    }
    let rid_start = parts[5].start + rtype.len() + 1;
    let mut out = ParsedId {
        kind: IdKind::Base,
        prefix_len,
        id: prefix_len..s.len(),
        model: None,
        model_with_context: None,
        provider: None,
        scope: None,
        context: None,
        partition: Some(abs(&parts[1])),
        region: (!region.is_empty()).then(|| abs(&parts[3])),
        account: (!account.is_empty()).then(|| abs(&parts[4])),
    };
    if service == "sagemaker" {
        if rtype != "endpoint" {
            return None;
        }
        out.kind = IdKind::Opaque(OpaqueKind::SagemakerEndpoint);
        return Some(out);
    }
    if service != "bedrock" {
        return None;
    }
    let opaque = |k| Some(IdKind::Opaque(k));
    let kind = match rtype {
        "foundation-model" => None,
        "inference-profile" => None,
        "application-inference-profile" => opaque(OpaqueKind::ApplicationInferenceProfile),
        "provisioned-model" => opaque(OpaqueKind::ProvisionedModel),
        "custom-model" => opaque(OpaqueKind::CustomModel),
        "imported-model" => opaque(OpaqueKind::ImportedModel),
        "custom-model-deployment" => opaque(OpaqueKind::CustomModelDeployment),
        "prompt" => opaque(OpaqueKind::Prompt),
        "prompt-router" => opaque(OpaqueKind::PromptRouter),
        "default-prompt-router" => opaque(OpaqueKind::DefaultPromptRouter),
        _ => return None,
    };
    if let Some(kind) = kind {
        out.kind = kind;
        return Some(out);
    }
    let mut inner = parse_plain(rid)?;
    shift(&mut inner, rid_start + prefix_len);
    if rtype == "foundation-model" {
        if inner.kind == IdKind::Profile || !account.is_empty() {
            return None;
        }
        out.kind = IdKind::FoundationModelArn;
    } else {
        // A system profile ARN names `scope.provider.model`.
        out.kind = IdKind::InferenceProfileArn;
    }
    out.model = inner.model;
    out.model_with_context = inner.model_with_context;
    out.provider = inner.provider;
    out.scope = inner.scope;
    out.context = inner.context;
    Some(out)
}

/// Whether a string has the shape of a Bedrock model identifier with a known provider
/// (optionally with a profile scope, an ARN or a `bedrock/` prefix). This is what makes
/// a string outside a model key worth looking at. `meta.json`, `mistral.yaml`,
/// `amazon.com`, `amazon.s3`, `meta.v2.json` and `gpt-4o` do not qualify.
///
/// Cheap: no allocation, and most strings are rejected by the first segment (it must
/// be a known provider, a profile scope, `arn` or `bedrock`) before anything is parsed.
pub fn looks_like_model_id(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || b.len() > 2048 {
        return false;
    }
    let rest = &b[super::framework::prefix_len(s)..];
    if rest.starts_with(b"arn:") {
        return match parse(s) {
            Some(p) => match p.kind {
                IdKind::Opaque(_) => true,
                _ => model_part_ok(s, &p),
            },
            None => false,
        };
    }
    plain_looks_like(rest)
}

/// [`looks_like_model_id`] for `[scope.]provider.model[:v][:ctx]` without building a
/// [`ParsedId`]: the same rules as [`parse_plain`] + [`model_part_ok`], in one pass.
fn plain_looks_like(r: &[u8]) -> bool {
    // The first segment is a provider or a profile scope (fast reject).
    let Some(d0) = r.iter().position(|&c| c == b'.') else {
        return false;
    };
    let first = &r[..d0];
    let scoped = is_scope(first) && r[d0 + 1..].contains(&b'.');
    if !scoped && !is_provider(first) {
        return false;
    }
    if !r.iter().all(|&c| is_id_char(c)) {
        return false;
    }
    let (provider, dot) = if scoped {
        let start = d0 + 1;
        let Some(k) = r[start..].iter().position(|&c| c == b'.') else {
            return false;
        };
        (&r[start..start + k], start + k)
    } else {
        (first, d0)
    };
    if !is_provider(provider) || dot + 1 >= r.len() || !r[dot + 1].is_ascii_alphanumeric() {
        return false;
    }
    // One pass over the model part: colons (for a context suffix), dots, hyphens.
    let m = &r[dot + 1..];
    let (mut last_colon, mut colons, mut hyphen) = (0usize, 0usize, false);
    for (i, &c) in m.iter().enumerate() {
        match c {
            b':' => {
                colons += 1;
                last_colon = i;
            }
            b'-' => hyphen = true,
            _ => {}
        }
    }
    let mut end = m.len();
    if colons >= 2 {
        let seg = &m[last_colon + 1..];
        let digits = seg
            .strip_suffix(b"k")
            .or_else(|| seg.strip_suffix(b"K"))
            .unwrap_or(seg);
        if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
            end = last_colon;
            colons -= 1;
        }
    }
    let name = &m[..end];
    name_ok(name, hyphen || colons > 0)
}

/// The model name after the provider: not a file or host name by its last dot-segment,
/// and a hyphen or a version colon, or a dotted version (`v3.2`).
fn name_ok(name: &[u8], hyphen_or_colon: bool) -> bool {
    if name.is_empty() {
        return false;
    }
    let last = match name.iter().rposition(|&c| c == b'.') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    if is_file_or_host_word(last) {
        return false;
    }
    hyphen_or_colon
        || (last.len() < name.len() && !last.is_empty() && last.iter().all(u8::is_ascii_digit))
}

/// A known provider, exactly as Bedrock spells it (lower case).
fn is_provider(w: &[u8]) -> bool {
    // Dispatch on the first byte so a miss costs one or two comparisons.
    let cands: &[&[u8]] = match w.first() {
        Some(b'a') => &[b"ai21", b"amazon", b"anthropic"],
        Some(b'c') => &[b"cohere"],
        Some(b'd') => &[b"deepseek"],
        Some(b'g') => &[b"google"],
        Some(b'l') => &[b"luma"],
        Some(b'm') => &[b"meta", b"minimax", b"mistral", b"moonshot", b"moonshotai"],
        Some(b'n') => &[b"nvidia"],
        Some(b'o') => &[b"openai"],
        Some(b'q') => &[b"qwen"],
        Some(b's') => &[b"stability"],
        Some(b't') => &[b"twelvelabs"],
        Some(b'w') => &[b"writer"],
        Some(b'x') => &[b"xai"],
        Some(b'z') => &[b"zai"],
        _ => return false,
    };
    cands.contains(&w)
}

/// A profile scope, case-insensitively (as [`parse`] reads it).
fn is_scope(w: &[u8]) -> bool {
    w.len() <= 6
        && PROFILE_SCOPES
            .iter()
            .any(|s| w.eq_ignore_ascii_case(s.as_bytes()))
}

/// The model name after the provider must look like one: a hyphen or a version colon
/// (`claude-3-haiku-…`, `claude-v2:1`), or a dotted version (`deepseek.v3.2`); AWS
/// service and host names (`amazon.s3`, `amazon.ec2`, `amazon.com`) and file names
/// (`meta.json`, `meta.v2.json`) are not models.
fn model_part_ok(s: &str, p: &ParsedId) -> bool {
    let Some(provider) = p.provider.as_ref() else {
        return false;
    };
    if !is_provider(&s.as_bytes()[provider.clone()]) {
        return false;
    }
    let Some(model) = p.model.as_ref() else {
        return false;
    };
    let name = &s.as_bytes()[(provider.end + 1).min(model.end)..model.end];
    name_ok(name, name.iter().any(|&c| c == b'-' || c == b':'))
}

fn is_file_or_host_word(name: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[
        b"json",
        b"yaml",
        b"yml",
        b"toml",
        b"txt",
        b"md",
        b"py",
        b"js",
        b"ts",
        b"com",
        b"org",
        b"net",
        b"io",
        b"aws",
        b"html",
        b"csv",
        b"xml",
        b"ini",
        b"cfg",
        b"conf",
        b"lock",
        b"log",
        b"sh",
        b"rs",
        b"go",
        b"jsonl",
        b"parquet",
        b"zip",
        b"gz",
        b"tar",
        b"pdf",
        b"png",
        b"jpg",
        b"jpeg",
        b"gif",
        b"svg",
        b"env",
        b"properties",
        b"tf",
        b"tfvars",
        b"java",
        b"kt",
        b"rb",
        b"php",
        b"cs",
        b"ipynb",
        b"jsx",
        b"tsx",
        b"mjs",
        b"cjs",
        b"bin",
        b"pkl",
        b"pt",
        b"onnx",
        b"safetensors",
        b"gguf",
        b"h5",
        b"npy",
        b"tgz",
        b"htm",
        b"css",
        b"sql",
        b"db",
        b"proto",
    ];
    // Every word is 2..=11 bytes and starts with a letter: most names stop here.
    (2..=11).contains(&name.len())
        && name[0].is_ascii_alphabetic()
        && WORDS.iter().any(|w| name.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(s: &str, r: &Option<Range<usize>>) -> Option<String> {
        r.as_ref().map(|r| s[r.clone()].to_string())
    }

    #[test]
    fn base_profile_provisioned() {
        let s = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
        let p = parse(s).unwrap();
        assert_eq!(p.kind, IdKind::Profile);
        assert_eq!(part(s, &p.scope).as_deref(), Some("us"));
        assert_eq!(
            part(s, &p.model).as_deref(),
            Some("anthropic.claude-3-5-sonnet-20241022-v2:0")
        );
        let s = "anthropic.claude-v2:1:200k";
        let p = parse(s).unwrap();
        assert_eq!(part(s, &p.context).as_deref(), Some("200k"));
        assert_eq!(part(s, &p.model).as_deref(), Some("anthropic.claude-v2:1"));
        let s = "anthropic.claude-v2:1";
        assert_eq!(parse(s).unwrap().context, None);
        let s = "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0";
        assert_eq!(part(s, &parse(s).unwrap().scope).as_deref(), Some("us-gov"));
    }

    #[test]
    fn arns_and_prefixes() {
        let s =
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
        let p = parse(s).unwrap();
        assert_eq!(p.kind, IdKind::FoundationModelArn);
        assert_eq!(part(s, &p.region).as_deref(), Some("us-east-1"));
        assert_eq!(
            part(s, &p.model).as_deref(),
            Some("anthropic.claude-3-haiku-20240307-v1:0")
        );
        let s = "arn:aws:bedrock:us-east-2:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0";
        let p = parse(s).unwrap();
        assert_eq!(p.kind, IdKind::InferenceProfileArn);
        assert_eq!(part(s, &p.account).as_deref(), Some("111122223333"));
        assert_eq!(part(s, &p.scope).as_deref(), Some("us"));
        let s = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcd1234efgh";
        assert_eq!(
            parse(s).unwrap().kind,
            IdKind::Opaque(OpaqueKind::ProvisionedModel)
        );
        let s = "bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0";
        let p = parse(s).unwrap();
        assert_eq!(p.prefix_len, "bedrock/converse/".len());
        assert_eq!(part(s, &p.scope).as_deref(), Some("us"));
    }

    #[test]
    fn shapes_that_are_not_models() {
        for s in [
            "meta.json",
            "mistral.yaml",
            "amazon.com",
            "gpt-4o",
            "1.2.3",
            "",
            "a b.c",
            "amazon.s3",
            "amazon.ec2",
            "meta.v2.json",
            "us.amazon.s3",
            "Anthropic.claude-v2",
            "anthropic.claude-v2.json",
            "bedrock/meta.json",
            "anthropic.",
        ] {
            assert!(!looks_like_model_id(s), "{s}");
        }
        for s in [
            "anthropic.claude-v2",
            "deepseek.v3.2",
            "us.deepseek.v3.2",
            "minimax.minimax-m2.5",
            "openai.gpt-5.4",
            "global.anthropic.claude-opus-4-5-20251101-v1:0",
            "bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcd1234efgh",
            "anthropic.claude-v2:1:200k",
        ] {
            assert!(looks_like_model_id(s), "{s}");
        }
    }

    /// Every ID the catalog knows (models, their profiles and provisioned IDs) has the
    /// shape `looks_like_model_id` accepts.
    #[test]
    fn every_catalog_id_looks_like_a_model_id() {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../catalog/catalog.json")).unwrap();
        let mut n = 0;
        for m in v["models"].as_array().unwrap() {
            let mut ids = vec![m["id"].as_str().unwrap()];
            for list in ["profiles", "provisioned"] {
                for e in m[list].as_array().into_iter().flatten() {
                    ids.push(e["id"].as_str().or(e.as_str()).unwrap());
                }
            }
            for id in ids {
                assert!(looks_like_model_id(id), "{id}");
                n += 1;
            }
        }
        assert!(n > 300, "{n}");
    }

    /// The one-pass check agrees with the definition by [`parse`] on combinations of
    /// scopes, providers, names, versions, context suffixes and file extensions.
    #[test]
    fn fast_shape_check_agrees_with_parse() {
        fn by_parse(s: &str) -> bool {
            match parse(s) {
                Some(p) => match p.kind {
                    IdKind::Opaque(_) => true,
                    _ => model_part_ok(s, &p),
                },
                None => false,
            }
        }
        let pre = [
            "",
            "bedrock/",
            "BEDROCK/converse/",
            "us.",
            "US.",
            "us-gov.",
            "eu.x.",
            "x.",
        ];
        let prov = [
            "anthropic",
            "amazon",
            "meta",
            "Meta",
            "deepseek",
            "us",
            "eu",
            "foo",
            "",
        ];
        let name = [
            ".claude-3-haiku-20240307-v1",
            ".v3",
            ".v3.2",
            ".s3",
            ".json",
            ".v2.json",
            ".llama3.YAML",
            ".-x",
            ".a",
            "",
            ".claude-v2",
            ".x_y",
            ".é-1",
        ];
        let suf = [
            "", ":0", ":0:18k", ":1:200K", ":x:1kk", ":", "::", ".md", ".5", "/x",
        ];
        let mut n = 0;
        for a in pre {
            for b in prov {
                for c in name {
                    for d in suf {
                        let s = format!("{a}{b}{c}{d}");
                        assert_eq!(looks_like_model_id(&s), by_parse(&s), "{s}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 5000);
    }
}
