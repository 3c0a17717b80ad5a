//! Key names and regions: which names say "model" or "region", how to find the key a
//! value sits under by reading the source backwards from the value (`modelId=`,
//! `"modelId": `, `.modelId(`, `ModelId: aws.String(`, `--model-id `, `getenv("MODEL_ID", `,
//! `process.env.MODEL_ID ?? `), and the AWS region code shape.

use super::simd::le_word;
use std::ops::Range;

/// What a key name says about the value under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Model,
    Region,
}

/// A key found before a value: its text as written (borrowed from the document, so
/// finding a key allocates nothing) and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyHit<'t> {
    pub name: &'t str,
    pub kind: KeyKind,
}

/// The string token before the current one (for `"modelId": "…"` and `get("MODEL_ID", "…")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Prev {
    pub open: usize,
    pub content_start: usize,
    pub content_end: usize,
    pub close_end: usize,
}

/// Lower-case alphanumerics only: `BEDROCK_MODEL_ID` → `bedrockmodelid` (into `buf`, no
/// allocation: this runs for every string that follows `=` or `:`).
fn normalize<'b>(name: &str, buf: &'b mut [u8; 64]) -> &'b [u8] {
    let mut n = 0;
    for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
        if n == buf.len() {
            break;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    &buf[..n]
}

fn model_norm(n: &[u8]) -> bool {
    // Dispatched on the last byte: each name below ends with the byte of its arm.
    match n.last() {
        Some(b'l') => {
            n == b"model"
                || n.ends_with(b"foundationmodel")
                || (n.starts_with(b"bedrock") && n.ends_with(b"model"))
        }
        Some(b's') => n == b"models" || n.ends_with(b"modelids"),
        Some(b'd') => n.ends_with(b"modelid") || n.ends_with(b"inferenceprofileid"),
        Some(b'n') => n.ends_with(b"modelarn") || n.ends_with(b"inferenceprofilearn"),
        Some(b'r') => n.ends_with(b"modelidentifier") || n.ends_with(b"inferenceprofileidentifier"),
        _ => false,
    }
}

/// Whether a name mentions a model (or an inference profile) / a region, case-insensitively.
fn mentions(b: &[u8]) -> (bool, bool) {
    let (mut model, mut region) = (false, false);
    for i in 0..b.len().saturating_sub(3) {
        match b[i] | 0x20 {
            b'o' if b[i + 1] | 0x20 == b'd'
                && b[i + 2] | 0x20 == b'e'
                && b[i + 3] | 0x20 == b'l' =>
            {
                model = true
            }
            b'r' if b[i + 1] | 0x20 == b'o'
                && b[i + 2] | 0x20 == b'f'
                && b[i + 3] | 0x20 == b'i' =>
            {
                model = true
            }
            b'e' if i + 4 < b.len()
                && b[i + 1] | 0x20 == b'g'
                && b[i + 2] | 0x20 == b'i'
                && b[i + 3] | 0x20 == b'o'
                && b[i + 4] | 0x20 == b'n' =>
            {
                region = true
            }
            _ => {}
        }
    }
    (model, region)
}

/// Does this key name say model or region? Setters count (`setModelId`, `withModelId`).
pub(crate) fn classify_key(name: &str) -> Option<KeyKind> {
    if name.len() > 64 {
        return None;
    }
    // Fast rejection (this runs for almost every string): no "odel"/"egion"/"rofile".
    let (model, region) = mentions(name.as_bytes());
    if !model && !region {
        return None;
    }
    if region {
        return Some(KeyKind::Region);
    }
    // `model_norm` looks at the last byte first, and every prefix below leaves it: test
    // the last letter or digit before normalizing the whole name.
    let last = name.bytes().rev().find(u8::is_ascii_alphanumeric);
    if !matches!(
        last.map(|c| c.to_ascii_lowercase()),
        Some(b'l' | b's' | b'd' | b'n' | b'r')
    ) {
        return None;
    }
    let mut buf = [0u8; 64];
    let n = normalize(name, &mut buf);
    for pre in [&b""[..], b"set", b"with", b"get"] {
        if let Some(rest) = n.strip_prefix(pre) {
            if model_norm(rest) {
                return Some(KeyKind::Model);
            }
        }
    }
    None
}

/// The answers of [`classify_key`] for recently seen short names (a file repeats its key
/// names: `"modelId"`, `region_name=`, `Type:`). Direct-mapped, 64 slots, no allocation.
///
/// A name of 4 to 16 bytes is held exactly by its length and two overlapping words (its
/// first and last 8 bytes, or 4 when shorter), so a hit needs no byte comparison loop.
/// Shorter names cannot mention a model or region; longer ones are classified directly.
pub(crate) struct KeyMemo {
    tags: [(u64, u64, u8); 64],
    vals: [Option<KeyKind>; 64],
}

impl Default for KeyMemo {
    fn default() -> Self {
        // Length 0 marks an empty slot (a remembered name has 4 bytes or more).
        KeyMemo {
            tags: [(0, 0, 0); 64],
            vals: [None; 64],
        }
    }
}

impl KeyMemo {
    /// [`classify_key`], remembered.
    #[inline]
    pub fn classify(&mut self, name: &str) -> Option<KeyKind> {
        let b = name.as_bytes();
        let n = b.len();
        if n < 4 {
            return None; // `mentions` needs four bytes.
        }
        if n > 16 {
            return classify_key(name);
        }
        let word = |at: usize, len: usize| le_word(b, at, len);
        let (a, z) = if n >= 8 {
            (word(0, 8), word(n - 8, 8))
        } else {
            (word(0, 4), word(n - 4, 4))
        };
        let h =
            ((a ^ z.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize;
        let tag = (a, z, n as u8);
        if self.tags[h] == tag {
            return self.vals[h];
        }
        let v = classify_key(name);
        self.tags[h] = tag;
        self.vals[h] = v;
        v
    }
}

/// An AWS region code ([`crate::aws::is_region_code`]), after a cheap length reject
/// (this runs for every value under a region key).
pub(crate) fn is_region(s: &str) -> bool {
    (9..=32).contains(&s.len()) && crate::aws::is_region_code(s)
}

/// `US_EAST_1` or `USEast1` (SDK constants) → `us-east-1`, if that is a region code.
pub(crate) fn region_from_constant(c: &str) -> Option<String> {
    // One allocation: the answer itself.
    let s = if c.contains('_') {
        let mut out = String::with_capacity(c.len());
        out.extend(c.chars().map(|ch| {
            if ch == '_' {
                '-'
            } else {
                ch.to_ascii_lowercase()
            }
        }));
        out
    } else {
        // CamelCase: split before an upper-case letter followed by lower case, and before digits.
        let b = c.as_bytes();
        let mut out = String::with_capacity(c.len() + 4);
        for (i, &ch) in b.iter().enumerate() {
            let boundary = i > 0
                && ((ch.is_ascii_uppercase()
                    && b.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()))
                    || (ch.is_ascii_digit() && !b[i - 1].is_ascii_digit())
                    || (ch.is_ascii_uppercase() && b[i - 1].is_ascii_lowercase()));
            if boundary {
                out.push('-');
            }
            out.push(ch.to_ascii_lowercase() as char);
        }
        if out.contains("-gov-cloud-") {
            out = out.replace("-gov-cloud-", "-gov-");
        }
        out
    };
    is_region(&s).then_some(s)
}

pub(crate) fn is_ident_byte(b: u8) -> bool {
    IDENT[b as usize]
}

/// `is_ident_byte` as a table (the look-back steps over identifiers byte by byte).
static IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'@' | b'-');
        b += 1;
    }
    t
};

#[inline(always)]
fn skip_ws_back(b: &[u8], mut i: usize, floor: usize) -> usize {
    while i > floor && matches!(b[i - 1], b' ' | b'\t' | b'\r') {
        i -= 1;
    }
    i
}

/// Read an identifier chain (`process.env.MODEL_ID`, `Region::new`, `$this->modelId`)
/// ending at `end`; returns (chain start, last segment).
fn chain_back(b: &[u8], end: usize, floor: usize) -> (usize, Range<usize>) {
    let mut i = end;
    while i > floor && is_ident_byte(b[i - 1]) {
        i -= 1;
    }
    let seg = i..end;
    let mut start = i;
    loop {
        let mut j = start;
        if j > floor && matches!(b[j - 1], b'.') {
            j -= 1;
        } else if j >= floor + 2 && (&b[j - 2..j] == b"::" || &b[j - 2..j] == b"->") {
            j -= 2;
        } else {
            break;
        }
        let mut k = j;
        while k > floor && is_ident_byte(b[k - 1]) {
            k -= 1;
        }
        if k == j {
            break;
        }
        start = k;
    }
    // A `-` run at the front is a flag only when it starts the word.
    (start, seg)
}

/// Functions that wrap a value without changing what it is.
fn is_wrapper(name: &str) -> bool {
    matches!(
        name,
        "String"
            | "string"
            | "str"
            | "Some"
            | "ptr"
            | "Ptr"
            | "Ref"
            | "of"
            | "Of"
            | "ofNullable"
            | "from"
            | "into"
            | "Optional"
            | "Text"
            | "new"
            | "New"
            | "to_string"
            | "owned"
            | "cstr"
    )
}

/// Calls that supply a default after the real source: `.unwrap_or("…")`, `.orElse("…")`.
fn is_defaulter(name: &str) -> bool {
    matches!(
        name,
        "unwrap_or"
            | "unwrapOr"
            | "or_else"
            | "orElse"
            | "getOrElse"
            | "getOrDefault"
            | "get_or"
            | "fetch"
            | "get"
            | "getenv"
            | "Getenv"
            | "GetEnvironmentVariable"
            | "LookupEnv"
            | "getProperty"
            | "env"
            | "var"
            | "environ"
    )
}

fn text_of(text: &str, r: Range<usize>) -> &str {
    text.get(r).unwrap_or("")
}

/// How far back (bytes) [`key_before`] looks for a key.
pub(crate) const KEY_LOOKBACK: usize = 400;

/// Find the key that the value starting at `pos` (its prefix or opening quote) sits
/// under, reading back on the same line. `prev` is the previous string token.
///
/// This runs for every string token, so the commonest cases are answered here, inline,
/// with the answers [`key_before_slow`] would give: a value that opens a collection or a
/// line, `"key": "value"` (JSON, dict literals), and a list item or argument after `,`
/// that is not the second argument of a call. Everything else goes to the general reader.
#[inline(always)]
pub(crate) fn key_before<'t>(
    text: &'t str,
    pos: usize,
    prev: Option<Prev>,
    memo: &mut KeyMemo,
) -> Option<KeyHit<'t>> {
    let b = text.as_bytes();
    let pos = pos.min(b.len());
    let floor = pos.saturating_sub(KEY_LOOKBACK);
    let i = skip_ws_back(b, pos, floor);
    if i <= floor {
        return None;
    }
    let prev_at = |at: usize| prev.filter(|p| p.close_end == at && p.open >= floor);
    match b[i - 1] {
        b'{' | b'[' | b'\n' | b';' => return None,
        b':' if i - 1 > floor && !matches!(b[i - 2], b':' | b'?') => {
            let j = skip_ws_back(b, i - 1, floor);
            if j <= floor {
                return None;
            }
            if let Some(p) = prev_at(j) {
                return key_from_string(text, p, memo);
            }
        }
        b',' => {
            let j = skip_ws_back(b, i - 1, floor);
            let p = prev_at(j)?;
            let k = skip_ws_back(b, p.open, floor);
            if !(k > floor && b[k - 1] == b'(') {
                return None;
            }
        }
        _ => {}
    }
    key_before_slow(text, Look { pos, floor, i }, prev, memo)
}

/// Where [`key_before`] stands: the value's start, the look-back limit, and the offset
/// after the last non-blank byte before the value.
#[derive(Clone, Copy)]
struct Look {
    pos: usize,
    floor: usize,
    i: usize,
}

/// [`key_before`] for every case, from where it stands.
fn key_before_slow<'t>(
    text: &'t str,
    look: Look,
    prev: Option<Prev>,
    memo: &mut KeyMemo,
) -> Option<KeyHit<'t>> {
    let b = text.as_bytes();
    // No line search: every backward step below stops at a newline by itself.
    let Look { pos, floor, mut i } = look;
    let prev_at = |at: usize| prev.filter(|p| p.close_end == at && p.open >= floor);
    for _ in 0..4 {
        if i <= floor {
            return None;
        }
        let c = b[i - 1];
        let sep = match c {
            b'=' | b':' | b'>' | b'?' | b'|' | b'-' | b'r' => separator(b, i, floor),
            _ => None,
        };
        match c {
            b'(' => {
                let j = skip_ws_back(b, i - 1, floor);
                let (start, seg) = chain_back(b, j, floor);
                let name = text_of(text, seg.clone());
                if name.is_empty() {
                    return None;
                }
                let chain = text_of(text, start..j);
                if let Some(kind) = memo.classify(name) {
                    return Some(KeyHit { name, kind });
                }
                if chain.len() > name.len()
                    && memo.classify(&chain[..chain.len() - name.len()]) == Some(KeyKind::Region)
                {
                    return Some(KeyHit {
                        name: chain,
                        kind: KeyKind::Region,
                    });
                }
                if is_wrapper(name) {
                    i = skip_ws_back(b, start, floor);
                    continue;
                }
                if is_defaulter(name) {
                    // `.unwrap_or(` after `env::var("MODEL_ID")`: the key is inside the call before.
                    let mut k = skip_ws_back(b, start, floor);
                    if k > floor && b[k - 1] == b'.' {
                        k -= 1;
                    }
                    if k > floor && matches!(b[k - 1], b')' | b']') {
                        let k2 = skip_ws_back(b, k - 1, floor);
                        if let Some(p) = prev_at(k2) {
                            return key_from_string(text, p, memo);
                        }
                    }
                }
                return None;
            }
            b',' => {
                // `getenv("MODEL_ID", "…")`: the previous string is the first argument.
                let j = skip_ws_back(b, i - 1, floor);
                let p = prev_at(j)?;
                let k = skip_ws_back(b, p.open, floor);
                if k > floor && b[k - 1] == b'(' {
                    let k2 = skip_ws_back(b, k - 1, floor);
                    let (_, seg) = chain_back(b, k2, floor);
                    if is_defaulter(text_of(text, seg)) {
                        return key_from_string(text, p, memo);
                    }
                }
                return None;
            }
            b'=' | b':' | b'>' | b'?' | b'|' | b'-' | b'r' if sep.is_some() => {
                let (sep_len, default) = sep?;
                let j = skip_ws_back(b, i - sep_len, floor);
                if j <= floor {
                    return None;
                }
                if let Some(p) = prev_at(j) {
                    return key_from_string(text, p, memo);
                }
                if matches!(b[j - 1], b']' | b')') {
                    let k = skip_ws_back(b, j - 1, floor);
                    if let Some(p) = prev_at(k) {
                        return key_from_string(text, p, memo);
                    }
                    return None;
                }
                let (start, seg) = chain_back(b, j, floor);
                let name = text_of(text, seg.clone());
                if let Some(kind) = memo.classify(name) {
                    return Some(KeyHit {
                        name: name.trim_start_matches(['$', '@']),
                        kind,
                    });
                }
                if default {
                    return None;
                }
                // A type between name and `=`: `model_id: str = `, `var modelID string = `,
                // `const MODEL_ID: &str = `, `String modelId = ` (already handled above).
                let mut k = start;
                for _ in 0..2 {
                    while k > floor && matches!(b[k - 1], b' ' | b'\t' | b':' | b'&' | b'*' | b'\'')
                    {
                        k -= 1;
                    }
                    let (s2, seg2) = chain_back(b, k, floor);
                    let n2 = text_of(text, seg2);
                    if n2.is_empty() {
                        return None;
                    }
                    if let Some(kind) = memo.classify(n2) {
                        return Some(KeyHit { name: n2, kind });
                    }
                    k = s2;
                }
                return None;
            }
            _ if is_ident_byte(c) => {
                // `--model-id "…"`: a flag followed by a space.
                if i == pos {
                    return None;
                }
                let (_, seg) = chain_back(b, i, floor);
                let name = text_of(text, seg);
                if name.starts_with('-') {
                    if let Some(kind) = memo.classify(name) {
                        return Some(KeyHit { name, kind });
                    }
                }
                return None;
            }
            _ => return None,
        }
    }
    None
}

/// Recognise the separator that ends at `i`: returns (its length, whether it supplies a
/// default like `??`, `||`, `or`, `?:`, `:-`).
fn separator(b: &[u8], i: usize, floor: usize) -> Option<(usize, bool)> {
    // Bytes before `i`, newest first (0 = none / out of range).
    let at = |n: usize| if i > floor + n { b[i - 1 - n] } else { 0 };
    let (c0, c1, c2) = (at(0), at(1), at(2));
    Some(match (c2, c1, c0) {
        (b'=' | b'!', b'=', b'=') => (3, false),
        (_, b'=' | b'!', b'=') => (2, false),
        (_, b'=', b'>') => (2, false),
        (_, b':', b'=') => (2, false),
        (_, b'?', b':') => (2, true),
        (_, b'?', b'?') => (2, true),
        (_, b'|', b'|') => (2, true),
        (_, b':', b'-') => (2, true),
        (b' ', b'o', b'r') => (3, true),
        // `<=`/`>=` compare numbers, `+=`/`-=` append.
        (_, b'<' | b'>' | b'+' | b'-', b'=') => return None,
        (_, _, b'=') => (1, false),
        // `::` is a path.
        (_, b':', b':') => return None,
        (_, _, b':') => (1, false),
        _ => return None,
    })
}

fn key_from_string<'t>(text: &'t str, p: Prev, memo: &mut KeyMemo) -> Option<KeyHit<'t>> {
    let name = text.get(p.content_start..p.content_end)?;
    let kind = memo.classify(name)?;
    // A key string is a name, not a sentence.
    if name.bytes().any(|c| c == b' ' || c == b'/') {
        return None;
    }
    Some(KeyHit { name, kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names() {
        for k in [
            "modelId",
            "model_id",
            "ModelId",
            "modelID",
            "MODEL_ID",
            "BEDROCK_MODEL_ID",
            "model",
            "modelArn",
            "model_arn",
            "foundation_model",
            "FoundationModel",
            "inferenceProfileId",
            "base_model_id",
            "setModelId",
            "withModelId",
            "--model-id",
            "$modelId",
            "BEDROCK_MODEL",
        ] {
            assert_eq!(classify_key(k), Some(KeyKind::Model), "{k}");
        }
        for k in [
            "modelling",
            "name",
            "id",
            "model_version",
            "DEFAULT_MODEL_TEMPERATURE",
            "",
        ] {
            assert_eq!(classify_key(k), None, "{k}");
        }
        assert_eq!(classify_key("region_name"), Some(KeyKind::Region));
        assert_eq!(classify_key("AWS_DEFAULT_REGION"), Some(KeyKind::Region));
    }

    #[test]
    fn memo_gives_the_same_answers() {
        // Names of every length class, repeated in a shuffled order, so that slots are
        // reused and overwritten; answers must not depend on what was seen before.
        let mut names: Vec<String> = [
            "id",
            "mode",
            "model",
            "Model",
            "MODEL",
            "modelId",
            "model_id",
            "modelID",
            "models",
            "modelx",
            "region",
            "Region",
            "regio",
            "egion",
            "AWS_REGION",
            "region_name",
            "foundation_model",
            "foundation_modeL",
            "BEDROCK_MODEL_ID",
            "BEDROCK_MODEL_ID_1",
            "inferenceProfileId",
            "inferenceProfileArn",
            "--model-id",
            "--region",
            "profile",
            "name",
            "temperature",
            "setModelId",
            "withModelId",
            "getModel",
            "modelling",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for i in 0..200 {
            names.push(format!("key{i}_model"));
            names.push(format!("k{i}"));
        }
        let mut memo = KeyMemo::default();
        for round in 0..3 {
            for i in 0..names.len() {
                let n = &names[(i * 7 + round * 13) % names.len()];
                assert_eq!(memo.classify(n), classify_key(n), "{n}");
            }
        }
    }

    #[test]
    fn regions() {
        for r in [
            "us-east-1",
            "eu-west-3",
            "us-gov-west-1",
            "us-isob-east-1",
            "ap-southeast-5",
        ] {
            assert!(is_region(r), "{r}");
        }
        for r in [
            "us-east",
            "useast-1",
            "US-EAST-1",
            "us-east-1a",
            "eu-west-100",
            "x",
        ] {
            assert!(!is_region(r), "{r}");
        }
        assert_eq!(
            region_from_constant("US_EAST_1").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            region_from_constant("USEast1").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            region_from_constant("APNortheast1").as_deref(),
            Some("ap-northeast-1")
        );
        assert_eq!(
            region_from_constant("USGovCloudWest1").as_deref(),
            Some("us-gov-west-1")
        );
        assert_eq!(region_from_constant("AWS_GLOBAL"), None);
    }

    fn key(src: &str) -> Option<String> {
        // The value is the last `"…"` on the line; the previous string, if any, is found too.
        let open = src.rfind('"').and_then(|e| src[..e].rfind('"'))?;
        let prev = src[..open].rfind('"').and_then(|e| {
            let s = src[..e].rfind('"')?;
            Some(Prev {
                open: s,
                content_start: s + 1,
                content_end: e,
                close_end: e + 1,
            })
        });
        key_before(src, open, prev, &mut KeyMemo::default()).map(|k| k.name.to_string())
    }

    #[test]
    fn lookback() {
        let cases = [
            (r#"client.invoke(modelId="x")"#, Some("modelId")),
            (r#"  "modelId": "x""#, Some("modelId")),
            (r#"ModelId: aws.String("x"),"#, Some("ModelId")),
            (r#".modelId("x")"#, Some("modelId")),
            (r#"'modelId' => "x""#, Some("modelId")),
            (r#"model_id: str = "x""#, Some("model_id")),
            (r#"const MODEL_ID: &str = "x";"#, Some("MODEL_ID")),
            (r#"var modelID string = "x""#, Some("modelID")),
            (
                r#"os.environ.get("BEDROCK_MODEL_ID", "x")"#,
                Some("BEDROCK_MODEL_ID"),
            ),
            (r#"process.env.MODEL_ID ?? "x""#, Some("MODEL_ID")),
            (r#"os.getenv("MODEL_ID") or "x""#, Some("MODEL_ID")),
            (
                r#"aws bedrock-runtime converse --model-id "x""#,
                Some("--model-id"),
            ),
            (r#"env::var("MODEL_ID").unwrap_or("x")"#, Some("MODEL_ID")),
            (r#"region_name="x""#, Some("region_name")),
            (r#"print("x")"#, None),
            (r#"names = ["model", "x"]"#, None),
            (r#"f("model", "x")"#, None),
            (r#"model_name = "x""#, None),
            (r#"x::y == "x""#, None),
        ];
        for (src, want) in cases {
            assert_eq!(key(src).as_deref(), want, "{src}");
        }
    }
}
