//! Did-you-mean and completion search over the catalog.

use super::{id, Catalog, Date, Dialect, Model, Status};

/// One did-you-mean candidate: `id` is a drop-in replacement for the whole string
/// that was given (it keeps a `bedrock/` prefix, an ARN wrapper and a profile scope).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: String,
    /// The base model the suggestion names.
    pub model_id: String,
    /// 1.0 = only case or spelling of another API differs; lower = further away.
    pub score: f32,
}

/// One completion hit.
#[derive(Debug, Clone)]
pub struct SearchHit<'a> {
    /// What to insert: the base ID, or a profile/provisioned ID when the prefix typed
    /// names one.
    pub id: String,
    pub model: &'a Model,
    pub score: f32,
}

/// Names other APIs use for the Anthropic models Bedrock offers, derived from the
/// Bedrock ID: Anthropic API (`claude-3-5-sonnet-20241022`, and the undated alias
/// `claude-sonnet-4-5`) and Vertex AI (`claude-3-5-sonnet-v2@20241022`).
pub(crate) fn foreign_names(model_id: &str) -> Vec<(String, Dialect)> {
    let Some(rest) = model_id.strip_prefix("anthropic.claude-") else {
        return Vec::new();
    };
    // Version suffix `-vN[:M]`.
    let (stem, major) = match rest.rfind("-v") {
        Some(i)
            if rest[i + 2..]
                .split(':')
                .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())) =>
        {
            let major: u32 = rest[i + 2..]
                .split(':')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(1);
            (&rest[..i], major)
        }
        _ => (rest, 1),
    };
    // Claude 1/2/Instant had different names elsewhere; leave them out.
    if stem.is_empty() || stem.starts_with("instant") || stem.starts_with('v') {
        return Vec::new();
    }
    let mut out = vec![(format!("claude-{stem}"), Dialect::Anthropic)];
    if let Some((undated, date)) = stem.rsplit_once('-').filter(|(_, d)| is_date(d)) {
        out.push((format!("claude-{undated}"), Dialect::Anthropic));
        let v = if major > 1 {
            format!("-v{major}")
        } else {
            String::new()
        };
        out.push((format!("claude-{undated}{v}@{date}"), Dialect::Vertex));
    }
    out
}

fn is_date(s: &str) -> bool {
    s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) && s.starts_with("20")
}

/// The largest distance any caller keeps: [`threshold`] never exceeds it.
const MAX_KEPT: usize = 5;

/// Optimal-string-alignment distance (edits, adjacent transpositions counted once) where
/// only distances up to `k` matter: exact when the distance is at most
/// `k`, some value above `k` otherwise. Stops as soon as no cell can come back under
/// `k`, and needs no allocation for IDs of ordinary length.
pub(crate) fn osa_within(a: &[u8], b: &[u8], k: usize) -> usize {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k {
        return k + 1;
    }
    const STACK: usize = 3 * 128;
    let mut on_stack = [0usize; STACK];
    let mut on_heap;
    let buf: &mut [usize] = if 3 * (m + 1) <= STACK {
        &mut on_stack[..3 * (m + 1)]
    } else {
        on_heap = vec![0usize; 3 * (m + 1)];
        &mut on_heap
    };
    let (prev2, rest) = buf.split_at_mut(m + 1);
    let (prev, cur) = rest.split_at_mut(m + 1);
    let (mut prev2, mut prev, mut cur) = (prev2, prev, cur);
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        // Every later cell is at least the smallest of this row, or of the row before
        // plus one (a transposition): when both are above `k`, so is the distance.
        if row_min > k && prev.iter().copied().min().unwrap_or(0) >= k {
            return k + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Remove an 8-digit date segment (`-20241022`).
fn without_date(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices('-') {
        let end = i + 9;
        if end <= s.len()
            && is_date(&s[i + 1..end])
            && (end == s.len() || !bytes[end].is_ascii_digit())
        {
            return Some(format!("{}{}", &s[..i], &s[end..]));
        }
    }
    None
}

fn has_date(s: &str) -> bool {
    s.split(['-', '.', ':', '@']).any(is_date)
}

/// Strip a trailing `:N` (the iteration part of `-v1:0`).
fn without_colon_suffix(s: &str) -> Option<&str> {
    let (head, tail) = s.rsplit_once(':')?;
    (!tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit())).then_some(head)
}

/// Cost of turning `input` (lower case) into `cand`: edit distance, with cheaper
/// routes for the usual slips (left-out date, missing or extra `:0`, no provider).
fn cost(input: &str, cand: &str) -> f32 {
    let limit = cand.len().max(input.len());
    if cand.len().abs_diff(input.len()) > limit / 2 + 4 {
        return f32::INFINITY;
    }
    // Costs above the largest threshold are never kept: no need to know them exactly.
    let d = |a: &str, b: &str| osa_within(a.as_bytes(), b.as_bytes(), MAX_KEPT) as f32;
    let mut best = d(input, cand);
    let input_dated = has_date(input);
    let cand_nodate = if input_dated {
        None
    } else {
        without_date(cand)
    };
    if let Some(c) = &cand_nodate {
        best = best.min(d(input, c) + 1.0);
    }
    if !input.contains(':') {
        if let Some(c) = without_colon_suffix(cand) {
            best = best.min(d(input, c) + 0.5);
            if let Some(cn) = without_date(c).filter(|_| !input_dated) {
                best = best.min(d(input, &cn) + 1.5);
            }
        }
    }
    if !cand.contains(':') {
        if let Some(i) = without_colon_suffix(input) {
            best = best.min(d(i, cand) + 0.5);
        }
    }
    if !input.contains('.') {
        if let Some((_, tail)) = cand.split_once('.') {
            best = best.min(d(input, tail) + 1.0);
            if let Some(c) = without_colon_suffix(tail) {
                best = best.min(d(input, c) + 1.5);
            }
        }
    }
    best
}

/// How far a candidate may be (in edits) and still count as a confident suggestion.
fn threshold(len: usize) -> f32 {
    (1.0 + len as f32 * 0.1).min(5.0)
}

fn context_tokens(label: &str) -> Option<u64> {
    let (digits, mult) = match label.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1000),
        None => (label, 1),
    };
    digits.parse::<u64>().ok().map(|n| n * mult)
}

struct Wrapped<'a> {
    /// Text before the model part (`bedrock/`, `arn:…:foundation-model/`, `us.`).
    head: String,
    core: String,
    scope: Option<String>,
    orig_core: &'a str,
}

fn unwrap(text: &str) -> Option<Wrapped<'_>> {
    let mut head = String::new();
    let mut rest = text;
    let n = super::framework::prefix_len(rest);
    head.push_str(&rest[..n]);
    rest = &rest[n..];
    if rest.starts_with("arn:") {
        let cut = ["foundation-model/", "inference-profile/"]
            .iter()
            .find_map(|k| rest.find(k).map(|i| i + k.len()))?;
        head.push_str(&rest[..cut]);
        rest = &rest[cut..];
    }
    let lower = rest.to_ascii_lowercase();
    let mut scope = None;
    for sc in id::PROFILE_SCOPES {
        if let Some(after) = lower.strip_prefix(sc).and_then(|r| r.strip_prefix('.')) {
            if after.contains('.') {
                scope = Some(sc.to_string());
                return Some(Wrapped {
                    head,
                    core: after.to_string(),
                    scope,
                    orig_core: &rest[sc.len() + 1..],
                });
            }
        }
    }
    scope.take();
    Some(Wrapped {
        head,
        core: lower,
        scope: None,
        orig_core: rest,
    })
}

pub(crate) fn suggest(cat: &Catalog, text: &str, limit: usize) -> Vec<Suggestion> {
    let text = text.trim();
    if text.is_empty() || text.len() > 300 || limit == 0 {
        return Vec::new();
    }
    let Some(w) = unwrap(text) else {
        return Vec::new();
    };
    if w.core.is_empty() || w.orig_core.bytes().any(|b| b.is_ascii_whitespace()) {
        return Vec::new();
    }
    // An ID the catalog excludes on purpose: the real IDs its source names, in order.
    if w.scope.is_none() {
        if let Some(e) = cat.excluded(&w.core).filter(|e| !e.did_you_mean.is_empty()) {
            return e
                .did_you_mean
                .iter()
                .filter(|t| cat.get(t).is_some())
                .take(limit)
                .map(|t| Suggestion {
                    id: format!("{}{}", w.head, t),
                    model_id: t.clone(),
                    score: 0.9,
                })
                .collect();
        }
    }
    // (cost, model index, replacement core)
    let mut found: Vec<(f32, usize, String)> = Vec::new();

    // A name from another API, exact or nearly.
    if !w.core.contains('.') {
        if let Some((i, _)) = cat.index_foreign(&w.core) {
            found.push((0.0, i, cat.model_at(i).id.clone()));
        }
    }

    let ctx = w.core.rsplit_once(':').and_then(|(model, c)| {
        let n = context_tokens(c)?;
        (model.contains(':') || c.ends_with(['k', 'K'])).then(|| (model.to_string(), n))
    });
    let models = cat.models();
    if let Some((model_part, want)) = ctx {
        // A provisioned ID: the nearest model, then the nearest listed context size.
        for (i, m) in models.iter().enumerate() {
            let base_cost = cost(&model_part, &m.id.to_ascii_lowercase()).min(
                m.provisioned
                    .iter()
                    .filter_map(|p| without_ctx(&p.id))
                    .map(|b| cost(&model_part, &b.to_ascii_lowercase()))
                    .fold(f32::INFINITY, f32::min),
            );
            if base_cost > threshold(m.id.len()) {
                continue;
            }
            for p in &m.provisioned {
                let Some(have) = p.context.as_deref().and_then(context_tokens) else {
                    continue;
                };
                let ratio = (want.max(have) as f32) / (want.min(have).max(1) as f32);
                let ctx_cost = if want == have {
                    0.0
                } else {
                    1.0 + ratio.ln().min(3.0) / 3.0
                };
                found.push((base_cost + ctx_cost, i, p.id.clone()));
            }
        }
    } else {
        for (i, m) in models.iter().enumerate() {
            let c = cost(&w.core, &m.id.to_ascii_lowercase());
            if c <= threshold(m.id.len()) {
                found.push((c, i, m.id.clone()));
            }
        }
        if !w.core.contains('.') {
            for (i, m) in models.iter().enumerate() {
                for (name, _) in foreign_names(&m.id) {
                    let c = osa_within(w.core.as_bytes(), name.as_bytes(), MAX_KEPT) as f32;
                    if c > 0.0
                        && c <= threshold(name.len()).min(3.0)
                        && cat.index_foreign(&name).is_some()
                    {
                        found.push((c + 0.5, i, m.id.clone()));
                    }
                }
            }
        }
    }

    // Keep a profile's scope when the corrected model has that profile.
    let mut out: Vec<(f32, String, String)> = Vec::new();
    for (c, i, core) in found {
        let m = cat.model_at(i);
        let (c, full) = match &w.scope {
            Some(sc) => match m.profile_for_scope(sc) {
                Some(p) => (c, format!("{}{}", w.head, p.id)),
                None => (c + 1.0, format!("{}{}", w.head, core)),
            },
            None => (c, format!("{}{}", w.head, core)),
        };
        if full == text {
            continue;
        }
        match out.iter_mut().find(|(_, f, _)| *f == full) {
            Some(e) if c < e.0 => e.0 = c,
            Some(_) => {}
            None => out.push((c, full, m.id.clone())),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let Some(best) = out.first().map(|x| x.0) else {
        return Vec::new();
    };
    out.into_iter()
        .filter(|(c, _, _)| *c - best < 1.5)
        .take(limit)
        .map(|(c, id, model_id)| {
            let score = (1.0 - c / (id.len().max(1) as f32)).clamp(0.0, 1.0);
            Suggestion {
                id,
                model_id,
                score,
            }
        })
        .collect()
}

fn without_ctx(pid: &str) -> Option<&str> {
    pid.rsplit_once(':').map(|x| x.0)
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '.' | '_' | ':' | '/' | '(' | ')' | ',')
    })
    .filter(|w| !w.is_empty())
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Active => 0,
        Status::Legacy => 1,
        Status::Unknown => 2,
        Status::Eol => 3,
    }
}

/// Newer first: the numbers in the display name (`Claude Sonnet 4.6` > `4.5`), then
/// the date in the ID.
fn newness(m: &Model) -> (Vec<u32>, u32) {
    let nums = m
        .name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 4)
        .filter_map(|s| s.parse().ok())
        .collect();
    let date =
        m.id.split(['-', ':', '.'])
            .find(|s| is_date(s))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
    (nums, date)
}

/// What [`search`] compares for one model, lower-cased and split once (when the
/// catalog is indexed), not per query.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchKeys {
    id: String,
    /// Profile IDs, then provisioned IDs, in the model's order.
    alt_ids: Vec<String>,
    name: String,
    /// The words of the ID, the name, the AWS name and the provider.
    words: Vec<String>,
    newness: (Vec<u32>, u32),
}

impl SearchKeys {
    pub(crate) fn of(m: &Model) -> SearchKeys {
        let id = m.id.to_ascii_lowercase();
        let name = m.name.to_ascii_lowercase();
        let hay = format!(
            "{} {} {} {}",
            id,
            name,
            m.aws_name.as_deref().unwrap_or("").to_ascii_lowercase(),
            m.provider.to_ascii_lowercase()
        );
        SearchKeys {
            alt_ids: m
                .profiles
                .iter()
                .map(|p| &p.id)
                .chain(m.provisioned.iter().map(|p| &p.id))
                .map(|id| id.to_ascii_lowercase())
                .collect(),
            words: words(&hay).map(str::to_string).collect(),
            newness: newness(m),
            id,
            name,
        }
    }
}

pub(crate) fn search<'a>(
    cat: &'a Catalog,
    query: &str,
    limit: usize,
    today: Date,
) -> Vec<SearchHit<'a>> {
    let q = query.trim().to_ascii_lowercase();
    let qwords: Vec<&str> = words(&q).collect();
    let mut hits: Vec<(u8, SearchHit<'a>, &SearchKeys)> = Vec::new();
    for (i, m) in cat.models().iter().enumerate() {
        let keys = cat.search_keys(i);
        if q.is_empty() {
            hits.push((
                0,
                SearchHit {
                    id: m.id.clone(),
                    model: m,
                    score: 0.0,
                },
                keys,
            ));
            continue;
        }
        // A prefix of the base ID, else of one of its profile or provisioned IDs: insert
        // the ID the prefix names.
        let prefixed = if keys.id.starts_with(&q) {
            Some(&m.id)
        } else {
            keys.alt_ids
                .iter()
                .position(|id| id.starts_with(&q))
                .and_then(|k| {
                    m.profiles
                        .iter()
                        .map(|p| &p.id)
                        .chain(m.provisioned.iter().map(|p| &p.id))
                        .nth(k)
                })
        };
        if let Some(id) = prefixed {
            hits.push((
                4,
                SearchHit {
                    id: id.clone(),
                    model: m,
                    score: 1.0,
                },
                keys,
            ));
            continue;
        }
        if qwords.is_empty() {
            continue;
        }
        let hay = &keys.words;
        let last = qwords.len() - 1;
        let mut all_exact = true;
        let matched = qwords.iter().enumerate().all(|(k, w)| {
            if hay.iter().any(|h| h == w) {
                return true;
            }
            all_exact = false;
            (k == last || w.len() >= 3) && hay.iter().any(|h| h.starts_with(w))
        });
        if !matched {
            continue;
        }
        let phrase = keys.name.contains(&q) || keys.id.contains(&q);
        let quality = if phrase {
            3
        } else if all_exact {
            2
        } else {
            1
        };
        hits.push((
            quality,
            SearchHit {
                id: m.id.clone(),
                model: m,
                score: f32::from(quality) / 4.0,
            },
            keys,
        ));
    }
    // Best match first; then active before legacy, newer before older, by ID.
    hits.sort_by_cached_key(|(quality, h, keys)| {
        (
            std::cmp::Reverse(*quality),
            status_rank(h.model.status(today)),
            std::cmp::Reverse(keys.newness.clone()),
            h.id.clone(),
        )
    });
    hits.into_iter().take(limit).map(|(_, h, _)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unbounded distance.
    fn osa(a: &[u8], b: &[u8]) -> usize {
        osa_within(a, b, usize::MAX / 2)
    }

    /// The textbook full-matrix OSA distance, to check the bounded one against.
    fn osa_reference(a: &[u8], b: &[u8]) -> usize {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, v) in d[0].iter_mut().enumerate() {
            *v = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[n][m]
    }

    #[test]
    fn osa_within_agrees_with_osa_up_to_k() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..20_000 {
            let mk = |len: usize, r: &mut dyn FnMut(u64) -> usize| -> Vec<u8> {
                (0..len).map(|_| b"abcd-.:1"[r(8)]).collect()
            };
            let la = rnd(14);
            let lb = rnd(14);
            let a = mk(la, &mut rnd);
            let b = mk(lb, &mut rnd);
            let k = rnd(7);
            let exact = osa_reference(&a, &b);
            assert_eq!(osa(&a, &b), exact, "{a:?} {b:?}");
            let within = osa_within(&a, &b, k);
            if exact <= k {
                assert_eq!(within, exact, "{a:?} {b:?} k={k}");
            } else {
                assert!(within > k, "{a:?} {b:?} k={k}: {within} vs {exact}");
            }
        }
    }

    #[test]
    fn osa_counts_transpositions_once() {
        assert_eq!(osa(b"mirco", b"micro"), 1);
        assert_eq!(osa(b"sonet", b"sonnet"), 1);
        assert_eq!(osa(b"", b"abc"), 3);
        assert_eq!(osa(b"abc", b"abc"), 0);
    }

    #[test]
    fn foreign_names_of_claude_ids() {
        let n = foreign_names("anthropic.claude-3-5-sonnet-20241022-v2:0");
        assert!(n.contains(&("claude-3-5-sonnet-20241022".into(), Dialect::Anthropic)));
        assert!(n.contains(&("claude-3-5-sonnet-v2@20241022".into(), Dialect::Vertex)));
        let n = foreign_names("anthropic.claude-3-haiku-20240307-v1:0");
        assert!(n.contains(&("claude-3-haiku@20240307".into(), Dialect::Vertex)));
        assert_eq!(foreign_names("anthropic.claude-v2:1"), vec![]);
        assert_eq!(foreign_names("amazon.nova-pro-v1:0"), vec![]);
        assert_eq!(
            foreign_names("anthropic.claude-opus-4-6-v1"),
            vec![("claude-opus-4-6".to_string(), Dialect::Anthropic)]
        );
    }

    #[test]
    fn date_removal() {
        assert_eq!(
            without_date("anthropic.claude-3-5-sonnet-20241022-v2:0").as_deref(),
            Some("anthropic.claude-3-5-sonnet-v2:0")
        );
        assert_eq!(without_date("amazon.nova-pro-v1:0"), None);
    }
}
