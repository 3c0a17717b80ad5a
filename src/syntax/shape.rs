//! The cheap test of whether a word can be a model ID at all (first segments, a memo of
//! the last shapes seen): the fast path in front of [`crate::catalog::id::looks_like_model_id`].

use super::simd;
use crate::catalog::framework;
use crate::catalog::id::{looks_like_model_id, PROFILE_SCOPES, PROVIDERS};

/// A word worth parsing: starts with a provider, a profile scope, `arn:` or the first
/// segment of a framework prefix (`bedrock`, `bedrock_converse`, `gateway`, `amazon-bedrock`).
/// Cheap (no allocation), so it runs before the full parse on every candidate.
pub(crate) fn id_prefilter(w: &str) -> bool {
    let end = w
        .bytes()
        .position(|b| matches!(b, b'.' | b':' | b'/'))
        .unwrap_or(w.len());
    let first = &w[..end];
    if first.is_empty() || first.len() > 31 {
        return false;
    }
    let f0 = first.as_bytes()[0].to_ascii_lowercase();
    // One table lookup rejects almost every word before the list comparisons.
    if FIRST_SEGMENTS[f0 as usize] & (1 << first.len()) == 0 {
        return false;
    }
    let is =
        |c: &&str| c.len() == first.len() && c.as_bytes()[0] == f0 && c.eq_ignore_ascii_case(first);
    PROVIDERS.iter().any(is)
        || PROFILE_SCOPES.iter().any(is)
        || first.eq_ignore_ascii_case("arn")
        || framework::FIRST_SEGMENTS.iter().any(is)
}

/// For each lower-case first byte, the lengths (bit `n` for `n` bytes) of the first
/// segments that [`id_prefilter`] accepts: providers, profile scopes, `arn`, the first
/// segments of framework prefixes.
pub(super) static FIRST_SEGMENTS: [u32; 256] = {
    let mut t = [0u32; 256];
    let lists: [&[&str]; 4] = [
        PROVIDERS,
        PROFILE_SCOPES,
        &["arn"],
        framework::FIRST_SEGMENTS,
    ];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let w = lists[l][i].as_bytes();
            assert!(!w.is_empty() && w.len() < 32);
            {
                t[w[0].to_ascii_lowercase() as usize] |= 1 << w.len();
            }
            i += 1;
        }
        l += 1;
    }
    t
};

/// The shape check for a literal outside a model key: [`maybe_shaped`] (a few byte
/// tests that reject `meta.json`, `v1.2`, words), then the full [`looks_like_model_id`]
/// parse (several hundred instructions) for what is left.
#[inline]
pub(super) fn shaped(w: &str) -> bool {
    maybe_shaped(w) && looks_like_model_id(w)
}

/// The last few answers of [`shaped`] for ID-length strings: files repeat their IDs.
/// Inline, no allocation; a miss costs a few length comparisons.
pub(super) struct ShapeMemo {
    keys: [[u8; 64]; 4],
    lens: [u8; 4],
    heads: [u64; 4],
    vals: [bool; 4],
    next: usize,
}

impl Default for ShapeMemo {
    fn default() -> Self {
        ShapeMemo {
            keys: [[0; 64]; 4],
            lens: [0; 4],
            heads: [0; 4],
            vals: [false; 4],
            next: 0,
        }
    }
}

impl ShapeMemo {
    #[inline]
    pub(super) fn check(&mut self, w: &str) -> bool {
        let b = w.as_bytes();
        // No provider, profile scope, `arn` or `bedrock` starts with this letter: no ID
        // (the commonest answer, without touching the memo).
        match b.first() {
            Some(&c) if FIRST_SEGMENTS[c.to_ascii_lowercase() as usize] != 0 => {}
            _ => return false,
        }
        if b.len() < 12 || b.len() > 64 {
            return shaped(w);
        }
        // The first 8 bytes reject most entries without a `memcmp` call.
        let head = u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]));
        for i in 0..4 {
            if self.lens[i] as usize == b.len()
                && self.heads[i] == head
                && same_bytes(&self.keys[i][..b.len()], b)
            {
                return self.vals[i];
            }
        }
        let v = shaped(w);
        let k = self.next;
        self.keys[k][..b.len()].copy_from_slice(b);
        self.lens[k] = b.len() as u8;
        self.heads[k] = head;
        self.vals[k] = v;
        self.next = (k + 1) % 4;
        v
    }
}

/// `a == b` for two slices of the same length, 8 to 64 bytes: eight bytes at a time
/// (the last word overlapping), inline (no `memcmp` call for a 40-byte ID).
#[inline]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() || n < 8 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| simd::le_word(s, at, 8);
    let mut at = 0;
    while at + 8 <= n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    at == n || word(a, n - 8) == word(b, n - 8)
}

/// The shape check for a candidate outside a model key. Before the full parse, three
/// necessary conditions that cost little: a first segment that a provider, profile
/// scope, `arn` or `bedrock` starts; something after the first `.` that a model name
/// has (`-`, `:` or a digit), so `meta.json` stops here; only ID characters.
pub(super) fn maybe_shaped(w: &str) -> bool {
    let b = w.as_bytes();
    let id_chars = || {
        b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b':' | b'/'))
    };
    // Cheapest test first: most words fail at the first segment.
    match simd::find_in(b, 0, b.len(), [b'.']) {
        None => b.starts_with(b"arn:") && id_chars(),
        Some(dot) => {
            id_prefilter(w)
                && b[dot + 1..]
                    .iter()
                    .any(|&c| c == b'-' || c == b':' || c.is_ascii_digit())
                && id_chars()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn same_bytes_agrees_with_slice_equality() {
        let base: Vec<u8> = (0..64u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=64 {
            let a = &base[..n];
            assert!(same_bytes(a, a), "{n}");
            // One byte different, at every position (first word, middle, the tail).
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "{n} {at}");
            }
        }
        assert!(!same_bytes(b"abcdefghij", b"abcdefghi"));
    }
}
