//! Finding the next byte out of a small set (a lexer's "interesting" bytes, a string's
//! closing quote/backslash/newline) in one pass, 16 bytes at a time.
//!
//! On x86_64 this uses SSE2, which every x86_64 CPU has (no runtime detection): one
//! unaligned load per 16 bytes, one compare per needle, one `movemask`. Elsewhere, and
//! for the last < 16 bytes of a haystack, a scalar loop gives the same answers.

/// Up to 8 needle bytes. Unused slots repeat the first needle, so they never add a
/// match of their own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ByteSet {
    bytes: [u8; 8],
    /// 4 or 8: how many slots [`ByteSet::find`] compares.
    width: usize,
}

impl ByteSet {
    /// `needles` must not be empty; only the first 8 are used.
    pub fn new(needles: &[u8]) -> Self {
        let mut bytes = [needles[0]; 8];
        let len = needles.len().min(8);
        bytes[..len].copy_from_slice(&needles[..len]);
        ByteSet {
            bytes,
            width: if len <= 4 { 4 } else { 8 },
        }
    }

    #[inline]
    fn contains(&self, b: u8) -> bool {
        self.bytes[..self.width].contains(&b)
    }

    /// The first `p >= from` with `hay[p]` in the set.
    #[inline(always)]
    pub fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if hay.len() >= 16 {
            return if self.width == 4 {
                sse2::Needles::<4>::new(&self.bytes).find(hay, from)
            } else {
                sse2::Needles::<8>::new(&self.bytes).find(hay, from)
            };
        }
        (from..hay.len()).find(|&i| self.contains(hay[i]))
    }
}

/// Four needle bytes with the compare registers built once (a string's closing quote,
/// escape, newline, `$`: [`Four::find`] runs a few times per string, and building the
/// registers cost about as much as the search).
#[derive(Clone, Copy)]
pub(crate) struct Four {
    bytes: [u8; 4],
    #[cfg(target_arch = "x86_64")]
    vecs: sse2::Needles<4>,
}

impl Four {
    #[inline(always)]
    pub fn new(bytes: [u8; 4]) -> Self {
        Four {
            bytes,
            #[cfg(target_arch = "x86_64")]
            vecs: sse2::Needles::<4>::new(&[
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[0], bytes[0], bytes[0], bytes[0],
            ]),
        }
    }

    /// The first `p >= from` with `hay[p]` one of the four.
    #[inline(always)]
    pub fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if hay.len() >= 16 {
            return self.vecs.find(hay, from);
        }
        (from..hay.len()).find(|&i| self.bytes.contains(&hay[i]))
    }
}

/// The first `p` in `from..to` with `hay[p]` one of `needles`. Like [`any_in`], reads
/// whole 16-byte blocks of `hay` (the whole text): for the short ranges of the line
/// readers (a line, a value) this costs a fraction of a `memchr` call.
#[inline(always)]
pub fn find_in<const N: usize>(
    hay: &[u8],
    from: usize,
    to: usize,
    needles: [u8; N],
) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if hay.len() >= 16 && from < to && to <= hay.len() {
        return sse2::find_in(hay, from, to, needles);
    }
    (from..to.min(hay.len())).find(|&i| needles.contains(&hay[i]))
}

/// Does one of `needles` occur in `hay[from..to]`? `hay` is the whole text: on x86_64
/// the last block may be read past `to` (or, at the end of `hay`, before `from`), the
/// bits outside are dropped. Cheaper than a `memchr` call on the short ranges it gets
/// (string contents).
#[inline(always)]
pub fn any_in<const N: usize>(hay: &[u8], from: usize, to: usize, needles: [u8; N]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if hay.len() >= 16 && from < to && to <= hay.len() {
        return sse2::any_in(hay, from, to, needles);
    }
    hay.get(from..to)
        .is_some_and(|b| b.iter().any(|c| needles.contains(c)))
}

/// The first `p` in `from..to` where `pat` (not empty) starts and ends by `to`, found by
/// jumping between occurrences of its first byte: for short ranges (a comment, a stretch
/// of prose) this costs less than building a `memmem` searcher.
#[inline]
pub fn find_seq(hay: &[u8], mut from: usize, to: usize, pat: &[u8]) -> Option<usize> {
    let to = to.min(hay.len());
    while let Some(p) = find_in(hay, from, to, [pat[0]]) {
        if hay[p..to].starts_with(pat) {
            return Some(p);
        }
        from = p + 1;
    }
    None
}

/// The `len` (at most 8) bytes of `s` at `at` as a little-endian word, zero-padded.
#[inline(always)]
pub fn le_word(s: &[u8], at: usize, len: usize) -> u64 {
    let mut w = [0u8; 8];
    w[..len].copy_from_slice(&s[at..at + len]);
    u64::from_le_bytes(w)
}

/// The end of the shell word that starts at `from`: the first `p` in `from..to` with
/// `is_end(hay[p])` (or `to`), and whether `=` or `.` occurs before it. `is_end` must be
/// false for every byte above 0x20 other than ``;|&()<>` ``: on x86_64 only those and the
/// bytes up to 0x20 are looked at, 16 at a time.
#[inline(always)]
pub fn word_end(hay: &[u8], from: usize, to: usize, is_end: impl Fn(u8) -> bool) -> (usize, bool) {
    #[cfg(target_arch = "x86_64")]
    if hay.len() >= 16 && from < to && to <= hay.len() {
        return sse2::word_end(hay, from, to, is_end);
    }
    let to = to.min(hay.len());
    let end = (from..to).find(|&p| is_end(hay[p])).unwrap_or(to);
    let eq_dot = hay
        .get(from..end)
        .is_some_and(|w| w.iter().any(|&c| c == b'=' || c == b'.'));
    (end, eq_dot)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// [`super::word_end`] for `from < to <= hay.len()`, `hay.len() >= 16`.
    #[inline(always)]
    pub(super) fn word_end(
        hay: &[u8],
        from: usize,
        to: usize,
        is_end: impl Fn(u8) -> bool,
    ) -> (usize, bool) {
        let punct = Needles::<8>::new(b";|&()<>`");
        let mut i = from;
        let mut eq_dot = false;
        loop {
            // The block at `i`, or at the end of `hay` the last 16 bytes, shifted.
            let base = if i + 16 <= hay.len() {
                i
            } else {
                hay.len() - 16
            };
            let shift = i - base;
            let (c, e) = word_masks(hay, base, &punct);
            let valid = (16 - shift).min(to - i);
            let keep = (1u32 << valid) - 1;
            let (mut c, e) = ((c >> shift) & keep, (e >> shift) & keep);
            while c != 0 {
                let j = c.trailing_zeros() as usize;
                if is_end(hay[i + j]) {
                    return (i + j, eq_dot || e & ((1u32 << j) - 1) != 0);
                }
                c &= c - 1;
            }
            eq_dot |= e != 0;
            i += valid;
            if i >= to {
                return (to, eq_dot);
            }
        }
    }

    /// For the 16 bytes at `i`: bit `j` set when `hay[i + j]` is at most 0x20 or one of
    /// `punct` (first mask), or is `=` or `.` (second mask).
    #[inline(always)]
    fn word_masks(hay: &[u8], i: usize, punct: &Needles<8>) -> (u32, u32) {
        assert!(i + 16 <= hay.len());
        // SAFETY: the assert above keeps the 16 bytes read by the unaligned load inside
        // `hay`; the other intrinsics only compute on registers. SSE2 is part of the
        // x86_64 baseline.
        #[allow(unused_unsafe)]
        unsafe {
            let v = _mm_loadu_si128(hay.as_ptr().add(i).cast::<__m128i>());
            // Unsigned `v <= 0x20`: the minimum of the two is `v` itself.
            let mut acc = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x20)), v);
            for n in &punct.0 {
                acc = _mm_or_si128(acc, _mm_cmpeq_epi8(v, *n));
            }
            let ed = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'=' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8)),
            );
            (_mm_movemask_epi8(acc) as u32, _mm_movemask_epi8(ed) as u32)
        }
    }

    /// [`super::find_in`] for `from < to <= hay.len()`, `hay.len() >= 16`.
    #[inline(always)]
    pub(super) fn find_in<const N: usize>(
        hay: &[u8],
        from: usize,
        to: usize,
        needles: [u8; N],
    ) -> Option<usize> {
        let mut set = [needles[0]; 8];
        set[..N].copy_from_slice(&needles);
        let n = Needles::<N>::new(&set);
        let mut i = from;
        while i + 16 <= to {
            let m = n.mask16(hay, i);
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        if i >= to {
            return None;
        }
        let keep = (1u32 << (to - i)) - 1;
        let m = if i + 16 <= hay.len() {
            n.mask16(hay, i)
        } else {
            let base = hay.len() - 16;
            n.mask16(hay, base) >> (i - base)
        } & keep;
        (m != 0).then(|| i + m.trailing_zeros() as usize)
    }

    /// [`super::any_in`] for `from < to <= hay.len()`, `hay.len() >= 16`.
    #[inline(always)]
    pub(super) fn any_in<const N: usize>(
        hay: &[u8],
        from: usize,
        to: usize,
        needles: [u8; N],
    ) -> bool {
        find_in(hay, from, to, needles).is_some()
    }

    #[derive(Clone, Copy)]
    pub(super) struct Needles<const N: usize>([__m128i; N]);

    impl<const N: usize> Needles<N> {
        #[inline(always)]
        pub fn new(bytes: &[u8; 8]) -> Self {
            // SAFETY: `_mm_set1_epi8` only builds a register value; SSE2 is part of the
            // x86_64 baseline, so the instruction is always available.
            #[allow(unused_unsafe)]
            Needles(std::array::from_fn(|k| unsafe {
                _mm_set1_epi8(bytes[k] as i8)
            }))
        }

        /// The first `p >= from` with `hay[p]` a needle; `hay` has at least 16 bytes,
        /// so the last (partial) block is read as the overlapping last 16 bytes.
        #[inline(always)]
        pub fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
            let mut i = from;
            while i + 16 <= hay.len() {
                let m = self.mask16(hay, i);
                if m != 0 {
                    return Some(i + m.trailing_zeros() as usize);
                }
                i += 16;
            }
            if i >= hay.len() {
                return None;
            }
            // `hay.len() - 16 < i`: drop the bits of the bytes before `i`.
            let base = hay.len() - 16;
            let m = self.mask16(hay, base) >> (i - base);
            (m != 0).then(|| i + m.trailing_zeros() as usize)
        }

        /// Bit `j` set when `hay[i + j]` is one of the needles (`j < 16`).
        #[inline(always)]
        pub fn mask16(&self, hay: &[u8], i: usize) -> u32 {
            assert!(i + 16 <= hay.len());
            // SAFETY: the assert above keeps the 16 bytes read by the unaligned load
            // inside `hay`; the other intrinsics only compute on registers. SSE2 is part
            // of the x86_64 baseline.
            #[allow(unused_unsafe)]
            unsafe {
                let v = _mm_loadu_si128(hay.as_ptr().add(i).cast::<__m128i>());
                let mut acc = _mm_cmpeq_epi8(v, self.0[0]);
                for n in &self.0[1..] {
                    acc = _mm_or_si128(acc, _mm_cmpeq_epi8(v, *n));
                }
                _mm_movemask_epi8(acc) as u32
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{find_seq, word_end, ByteSet};

    #[test]
    fn find_seq_finds_whole_patterns_inside_the_range() {
        let hay = b"a <b <!- <!-- x <!-- y";
        assert_eq!(find_seq(hay, 0, hay.len(), b"<!--"), Some(9));
        assert_eq!(find_seq(hay, 10, hay.len(), b"<!--"), Some(16));
        // Must end by `to`.
        assert_eq!(find_seq(hay, 0, 12, b"<!--"), None);
        assert_eq!(find_seq(hay, 0, 13, b"<!--"), Some(9));
        assert_eq!(find_seq(hay, 0, hay.len(), b"-->"), None);
    }

    #[test]
    fn word_end_same_as_a_plain_loop() {
        let is_end = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b';' | b'|' | b'(' | b'`');
        let alphabet = b"ab=c.d \t;x|y(z)`\x01\n<>&-_";
        let text: Vec<u8> = (0..300usize)
            .map(|i| alphabet[(i * 7 + i / 5) % alphabet.len()])
            .collect();
        for from in 0..text.len() {
            for to in [from + 1, from + 5, from + 17, from + 40, text.len()] {
                let to = to.min(text.len());
                if from >= to {
                    continue;
                }
                let end = (from..to).find(|&p| is_end(text[p])).unwrap_or(to);
                let eq_dot = text[from..end].iter().any(|&c| c == b'=' || c == b'.');
                assert_eq!(
                    word_end(&text, from, to, is_end),
                    (end, eq_dot),
                    "{from}..{to}"
                );
            }
        }
    }

    fn naive(set: &[u8], hay: &[u8], from: usize) -> Option<usize> {
        (from..hay.len()).find(|&p| set[..set.len().min(8)].contains(&hay[p]))
    }

    #[test]
    fn any_in_same_as_a_plain_loop() {
        let hay: Vec<u8> = (0..100u32)
            .map(|i| b"ab.c d$e\n#f{g%hijklmnopq"[(i * 7 % 23) as usize])
            .collect();
        for len in [0, 1, 5, 15, 16, 17, 40, 100] {
            let hay = &hay[..len];
            for from in 0..=len {
                for to in from..=len {
                    let b = &hay[from..to];
                    assert_eq!(super::any_in(hay, from, to, [b'.']), b.contains(&b'.'));
                    assert_eq!(
                        super::find_in(hay, from, to, [b'.', b' ']),
                        b.iter().position(|c| b". ".contains(c)).map(|p| from + p)
                    );
                    let set = *b"$#{%";
                    assert_eq!(
                        super::any_in(hay, from, to, set),
                        b.iter().any(|c| set.contains(c)),
                        "{from}..{to} of {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn same_as_a_plain_loop() {
        let hay: Vec<u8> = (0..300u32)
            .map(|i| b"ab\"c'd#e\n\\f/g<h`$"[(i * 7 % 17) as usize] ^ ((i % 5 == 0) as u8))
            .collect();
        let sets: [&[u8]; 5] = [b"\"", b"#\"'", b"/\"'`", b"#/\"'<`", b"abcdefghij"];
        for set in sets {
            let bs = ByteSet::new(set);
            for len in [0, 1, 15, 16, 17, 31, 33, 64, 100, 300] {
                for from in 0..=len {
                    assert_eq!(bs.find(&hay[..len], from), naive(set, &hay[..len], from));
                }
            }
        }
    }
}
