//! The signs that code adds a profile scope at run time (`"us." + id`, `` `${geo}.${id}` ``,
//! `cross_region`: the patterns are defined here), found without an automaton. The
//! reference is `site::prefix_markers`, an Aho-Corasick DFA over the same patterns; the
//! tests check that both give the same answer.
//!
//! The search runs over every analysed file, and a DFA looks at every byte. Here each
//! pattern has a byte at a fixed place that is rare in code: the `.` of the dotted
//! patterns (followed by a quote or an interpolation, rarer still), the `x` of `…prefix`
//! and the `g` of `…region`. `memchr` finds those, and only there are the patterns
//! compared (ASCII case-insensitively, as the DFA matches).

use crate::catalog::id::PROFILE_SCOPES;

/// A quoted scope and its dot, then one of [`AFTER_DOT`]: `"us."`, `'eu.' + id`,
/// `f"us.{id}"`, `` `global.${id}` ``, `"apac.%s"`.
pub(super) const QUOTES: [u8; 3] = *b"\"'`";
pub(super) const AFTER_DOT: [u8; 6] = *b"\"'`{$%";
/// Two interpolations joined by a dot: `${geo}.${id}`, `{prefix}.{model_id}`.
pub(super) const JOINED: [&str; 2] = ["}.${", "}.{"];
/// The usual names of helpers and settings that add a scope.
pub(super) const NAMES: [&str; 9] = [
    "cross_region",
    "crossregion",
    "region_prefix",
    "regionprefix",
    "profile_prefix",
    "profileprefix",
    "geo_prefix",
    "geoprefix",
    "inference_profile_prefix",
];

/// The longest distance from a pattern's start to its dot (`"us-gov.`: 7).
fn max_before_dot() -> usize {
    let scoped = 1 + PROFILE_SCOPES.iter().map(|s| s.len()).max().unwrap_or(0);
    let joined = JOINED.iter().filter_map(|p| p.find('.')).max().unwrap_or(0);
    scoped.max(joined)
}

/// The byte a name is found by: its `x` (`…prefix`), else its `g` (`…region`).
fn anchor(name: &str) -> u8 {
    [b'x', b'g']
        .into_iter()
        .find(|a| name.as_bytes().contains(a))
        .unwrap_or(name.as_bytes()[0])
}

/// The start of the leftmost pattern in `hay`, as `site::prefix_markers().find(hay)`.
pub(super) fn find(hay: &[u8]) -> Option<usize> {
    let dotted = find_dotted(hay);
    let limit = dotted.unwrap_or(hay.len());
    let named = find_name(hay, limit);
    match (dotted, named) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The leftmost scoped or joined pattern: at a `.` followed by one of [`AFTER_DOT`].
fn find_dotted(hay: &[u8]) -> Option<usize> {
    let reach = max_before_dot();
    let mut best: Option<usize> = None;
    for dot in memchr::memchr_iter(b'.', hay) {
        if best.is_some_and(|b| dot > b + reach) {
            break;
        }
        let Some(&next) = hay.get(dot + 1) else {
            break;
        };
        if !AFTER_DOT.contains(&next) {
            continue;
        }
        let mut found = |start: usize| {
            if best.is_none_or(|b| start < b) {
                best = Some(start);
            }
        };
        for p in JOINED {
            let at = p.find('.').unwrap_or(0);
            if let Some(start) = dot.checked_sub(at) {
                if hay.get(start..start + p.len()) == Some(p.as_bytes()) {
                    found(start);
                }
            }
        }
        for scope in PROFILE_SCOPES {
            let n = scope.len();
            if let Some(start) = dot.checked_sub(n + 1) {
                if QUOTES.contains(&hay[start])
                    && hay[start + 1..dot].eq_ignore_ascii_case(scope.as_bytes())
                {
                    found(start);
                }
            }
        }
    }
    best
}

/// The leftmost of [`NAMES`] that starts before `limit`.
fn find_name(hay: &[u8], limit: usize) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut anchors: Vec<u8> = NAMES.iter().map(|n| anchor(n)).collect();
    anchors.sort_unstable();
    anchors.dedup();
    for a in anchors {
        let names: Vec<(&str, usize)> = NAMES
            .iter()
            .filter(|n| anchor(n) == a)
            .flat_map(|n| {
                n.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == a)
                    .map(move |(i, _)| (*n, i))
            })
            .collect();
        let reach = names.iter().map(|&(_, i)| i).max().unwrap_or(0);
        for at in memchr::memchr2_iter(a, a.to_ascii_uppercase(), hay) {
            let bound = best.unwrap_or(limit).min(limit);
            if at > bound + reach {
                break;
            }
            for &(name, i) in &names {
                let Some(start) = at.checked_sub(i) else {
                    continue;
                };
                if start < bound
                    && hay
                        .get(start..start + name.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()))
                    && best.is_none_or(|b| start < b)
                {
                    best = Some(start);
                }
            }
        }
    }
    best
}
