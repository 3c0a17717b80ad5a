//! Incremental scanning: after an edit, re-read only the lines the edit can affect and
//! reuse the rest of the previous [`ScanResult`].
//!
//! How: the scan records which line starts are *not* safe restart points
//! ([`ScanResult::multiline`]: inside a multi-line string, comment, heredoc, block
//! scalar, fence …); at every other line start the scanner is in its initial state. So:
//!
//! 1. restart at `S`, the last safe line start (in the previous scan) at or before the
//!    line *before* the edit (a standalone `bedrock-lsp: ignore` comment covers the next
//!    line, so it depends on it);
//! 2. read the new text from `S` up to `X`, the first line start after the edit that is
//!    safe in the previous scan (at `X - delta`); the reader stops before anything that
//!    starts at `X`, and reads what starts before it in full (it sees the whole text);
//! 3. if nothing read runs over `X` (no recorded range contains it), the scanner is in
//!    its initial state at `X` in the new text as it was at `X - delta` in the old one,
//!    over the same text from there on: the old results after `X - delta` are the new
//!    ones, shifted by `delta`. Otherwise `X` moves on (at least doubling the distance)
//!    and step 2 is repeated, up to the end of the text. Likewise, if something read
//!    starts its range before `S` (a construct that looks at the lines above it),
//!    `S` moves up to the line where it starts.
//!
//! The result is exactly `scan(new_text, language)` (a property test checks it for
//! random documents and edits in every language). Notebooks are always scanned whole
//! (cells are decoded from the JSON as a unit).

use super::{emit, finish, run_top, scan, Language, ScanResult};
use std::ops::Range;

/// Re-scan after one edit.
///
/// - `prev`: the scan of `old_text` (from [`scan`] or an earlier `rescan`);
/// - `edit`: the replaced byte range of `old_text`; `inserted`: its replacement;
/// - `new_text`: `old_text[..edit.start] + inserted + old_text[edit.end..]`.
///
/// Returns exactly what `scan(new_text, language)` returns, in time proportional to the
/// lines the edit can affect (plus a copy of the previous results). If the arguments do
/// not fit together (ranges out of bounds, lengths that do not add up), it falls back
/// to a full scan.
pub fn rescan(
    prev: &ScanResult,
    old_text: &str,
    edit: Range<usize>,
    inserted: &str,
    new_text: &str,
    language: Language,
) -> ScanResult {
    match reread(prev, old_text, edit, inserted, new_text, language) {
        Some((s, r, delta, mid)) => assemble(prev, mid, s, r, delta),
        None => scan(new_text, language),
    }
}

/// What an incremental rescan kept of the previous result (see [`rescan_with_reuse`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reuse {
    /// Items that start before this offset (the same in both texts) are the previous
    /// ones, unchanged.
    pub start: usize,
    /// Items that start at or after this offset of the *old* text are the previous ones
    /// shifted by `delta`; `usize::MAX` when nothing after the edit was reused.
    pub old_resume: usize,
    /// New length minus old length.
    pub delta: isize,
    /// The region mentions re-read carry the same regions, in the same order, as those
    /// they replace (then the region in force is unchanged for every item outside the
    /// re-read part).
    pub regions_unchanged: bool,
    /// The ignore directives re-read, and those they replace, cover nothing after this
    /// offset of the new text (`0` when there are none).
    pub ignores_reach: usize,
}

impl Reuse {
    /// Where the reused tail starts in the new text (`usize::MAX`: no tail).
    pub fn new_resume(&self) -> usize {
        if self.old_resume == usize::MAX {
            usize::MAX
        } else {
            (self.old_resume as isize + self.delta) as usize
        }
    }
}

/// [`rescan`] that also says which part of the previous result it kept, so that
/// results derived from the scan (findings) can be kept for the same items. `None`
/// when it had to scan the whole text.
pub fn rescan_with_reuse(
    prev: &ScanResult,
    old_text: &str,
    edit: Range<usize>,
    inserted: &str,
    new_text: &str,
    language: Language,
) -> (ScanResult, Option<Reuse>) {
    let Some((s, r, delta, mid)) =
        reread(prev, old_text, edit.clone(), inserted, new_text, language)
    else {
        return (scan(new_text, language), None);
    };
    let reuse = reuse_info(prev, &mid, s, r, delta, &edit, inserted.len());
    (assemble(prev, mid, s, r, delta), Some(reuse))
}

/// [`rescan`] that takes the previous result by value and updates it in place (no
/// copy of the unchanged literals: the tail is shifted, the middle spliced in). The
/// cheaper choice when the caller keeps only the newest result.
pub fn rescan_owned(
    prev: ScanResult,
    old_text: &str,
    edit: Range<usize>,
    inserted: &str,
    new_text: &str,
    language: Language,
) -> ScanResult {
    rescan_with_reuse_owned(prev, old_text, edit, inserted, new_text, language).0
}

/// [`rescan_with_reuse`] that updates the previous result in place (see [`rescan_owned`]).
pub fn rescan_with_reuse_owned(
    prev: ScanResult,
    old_text: &str,
    edit: Range<usize>,
    inserted: &str,
    new_text: &str,
    language: Language,
) -> (ScanResult, Option<Reuse>) {
    let reread = reread(&prev, old_text, edit.clone(), inserted, new_text, language);
    update_in_place(prev, reread, &edit, inserted.len(), new_text, language)
}

/// [`rescan_with_reuse_owned`] when the previous text is gone: `new_text` was made from
/// it by replacing the bytes in `edit` (offsets of the previous text) with the
/// `inserted_len` bytes at `edit.start` of `new_text`. What the re-read needs of the
/// previous text is read from the new one (the caller vouches for the edit; nothing is
/// compared). For a caller that applies the client's edits to its copy of the text.
pub fn rescan_replaced_owned(
    prev: ScanResult,
    edit: Range<usize>,
    inserted_len: usize,
    new_text: &str,
    language: Language,
) -> (ScanResult, Option<Reuse>) {
    let ins_end = edit.start.checked_add(inserted_len);
    let fits = edit.start <= edit.end
        && ins_end.is_some_and(|e| e <= new_text.len())
        && new_text.is_char_boundary(edit.start)
        && ins_end.is_some_and(|e| new_text.is_char_boundary(e));
    let old = Replaced {
        new: new_text.as_bytes(),
        start: edit.start,
        old_end: edit.end,
        delta: inserted_len as isize - (edit.end - edit.start) as isize,
    };
    let reread = if fits {
        reread_core(&prev, &old, edit.clone(), inserted_len, new_text, language)
    } else {
        None
    };
    update_in_place(prev, reread, &edit, inserted_len, new_text, language)
}

/// The previous result updated with a re-read (see [`reread_core`]), and what it kept;
/// a full scan when there is none.
fn update_in_place(
    mut prev: ScanResult,
    reread: Option<(usize, usize, isize, ScanResult)>,
    edit: &Range<usize>,
    inserted_len: usize,
    new_text: &str,
    language: Language,
) -> (ScanResult, Option<Reuse>) {
    let Some((s, r, delta, mid)) = reread else {
        return (scan(new_text, language), None);
    };
    let reuse = reuse_info(&prev, &mid, s, r, delta, edit, inserted_len);
    splice_all(&mut prev, mid, s, r, delta);
    (prev, Some(reuse))
}

/// Put the re-read middle in place of the previous items in `s..r`, shifting the tail.
fn splice_all(prev: &mut ScanResult, mid: ScanResult, s: usize, r: usize, delta: isize) {
    let sh = |x: usize| (x as isize + delta) as usize;
    splice(
        &mut prev.literals,
        mid.literals,
        |l| l.span.start,
        s,
        r,
        |l| {
            l.span = sh(l.span.start)..sh(l.span.end);
            l.content = sh(l.content.start)..sh(l.content.end);
        },
    );
    splice(
        &mut prev.regions,
        mid.regions,
        |x| x.span.start,
        s,
        r,
        |x| {
            x.span = sh(x.span.start)..sh(x.span.end);
        },
    );
    splice(
        &mut prev.ignores,
        mid.ignores,
        |x| x.applies_to.start,
        s,
        r,
        |x| {
            x.applies_to = sh(x.applies_to.start)..sh(x.applies_to.end);
            x.span = sh(x.span.start)..sh(x.span.end);
            x.removal = sh(x.removal.start)..sh(x.removal.end);
        },
    );
    splice(
        &mut prev.multiline,
        mid.multiline,
        |x| x.start,
        s,
        r,
        |x| {
            *x = sh(x.start)..sh(x.end);
        },
    );
}

/// What [`rescan_with_reuse`] reports about a re-read of `s..r` (old offsets).
fn reuse_info(
    prev: &ScanResult,
    mid: &ScanResult,
    s: usize,
    r: usize,
    delta: isize,
    edit: &Range<usize>,
    inserted_len: usize,
) -> Reuse {
    // Map an old offset to the new text; `None` inside the replaced range.
    let map = |x: usize| -> Option<usize> {
        if x <= edit.start {
            Some(x)
        } else if x >= edit.end {
            Some((x as isize + delta) as usize)
        } else {
            None
        }
    };
    let old_mid = |start: usize| start >= s && start < r;
    let old_regions: Vec<_> = prev
        .regions
        .iter()
        .filter(|m| old_mid(m.span.start))
        .collect();
    let regions_same = old_regions.len() == mid.regions.len()
        && old_regions
            .iter()
            .zip(&mid.regions)
            .all(|(a, b)| a.region == b.region);
    // Where an old offset can be in the new text at the latest.
    let map_up = |x: usize| match map(x) {
        Some(y) => y,
        None => edit.start + inserted_len,
    };
    let ignores_reach = prev
        .ignores
        .iter()
        .filter(|d| old_mid(d.applies_to.start))
        .map(|d| map_up(d.applies_to.end))
        .chain(mid.ignores.iter().map(|d| d.applies_to.end))
        .max()
        .unwrap_or(0);
    Reuse {
        start: s,
        old_resume: r,
        delta,
        regions_unchanged: regions_same,
        ignores_reach,
    }
}

/// Replace the items of `v` keyed in `s..r` by `mid`, shifting those from `r` on.
fn splice<T>(
    v: &mut Vec<T>,
    mid: Vec<T>,
    key: impl Fn(&T) -> usize,
    s: usize,
    r: usize,
    shift: impl Fn(&mut T),
) {
    let a = v.partition_point(|x| key(x) < s);
    let b = v.partition_point(|x| key(x) < r).max(a);
    v[b..].iter_mut().for_each(shift);
    v.splice(a..b, mid);
}

/// Steps 1–3: `None` = scan the whole text; else (restart `s`, old resync offset `r`
/// (`usize::MAX` = nothing reused after), delta, the finished middle).
fn reread(
    prev: &ScanResult,
    old_text: &str,
    edit: Range<usize>,
    inserted: &str,
    new_text: &str,
    language: Language,
) -> Option<(usize, usize, isize, ScanResult)> {
    let fits = edit.start <= edit.end
        && edit.end <= old_text.len()
        && old_text.len() - (edit.end - edit.start) + inserted.len() == new_text.len()
        && old_text.is_char_boundary(edit.start)
        && old_text.is_char_boundary(edit.end)
        && new_text.is_char_boundary(edit.start)
        && new_text.as_bytes()[..edit.start] == old_text.as_bytes()[..edit.start]
        && new_text.as_bytes()[edit.start..edit.start + inserted.len()] == *inserted.as_bytes();
    if !fits {
        return None;
    }
    reread_core(
        prev,
        &Whole(old_text.as_bytes()),
        edit,
        inserted.len(),
        new_text,
        language,
    )
}

/// The previous text as the re-read needs it: line starts up to the edit's start, and
/// whether an offset after the edit's end was a line start.
trait OldText {
    /// The last line start at or before `at` (`at` ≤ the edit's start).
    fn line_start(&self, at: usize) -> usize;
    /// `r` (at or after the edit's end) was a line start. May say `false` for one:
    /// that only makes the re-read go one line further.
    fn is_line_start(&self, r: usize) -> bool;
}

/// The previous text itself.
struct Whole<'a>(&'a [u8]);

impl OldText for Whole<'_> {
    fn line_start(&self, at: usize) -> usize {
        line_start(self.0, at)
    }
    fn is_line_start(&self, r: usize) -> bool {
        r == 0 || self.0[r - 1] == b'\n'
    }
}

/// The previous text known only through the new one and the edit that made it: equal
/// before `start`, shifted by `delta` from `old_end` on (the replaced bytes are gone).
struct Replaced<'a> {
    new: &'a [u8],
    start: usize,
    old_end: usize,
    delta: isize,
}

impl OldText for Replaced<'_> {
    fn line_start(&self, at: usize) -> usize {
        line_start(self.new, at.min(self.start))
    }
    fn is_line_start(&self, r: usize) -> bool {
        if r == 0 {
            true
        } else if r - 1 < self.start {
            self.new[r - 1] == b'\n'
        } else if r > self.old_end {
            self.new[(r as isize - 1 + self.delta) as usize] == b'\n'
        } else {
            // The byte before is one of the replaced ones (unknown): not a candidate.
            false
        }
    }
}

/// Steps 1–3 once the arguments are known to fit together.
fn reread_core(
    prev: &ScanResult,
    old: &impl OldText,
    edit: Range<usize>,
    inserted_len: usize,
    new_text: &str,
    language: Language,
) -> Option<(usize, usize, isize, ScanResult)> {
    if language.row().lexer.rescans_whole_document() {
        return None;
    }
    let new = new_text.as_bytes();
    let old_len = (new.len() + edit.end - edit.start).checked_sub(inserted_len)?;
    let delta = new.len() as isize - old_len as isize;
    let barriers = &prev.multiline;

    // 1. The restart point: a safe line start at or before the line before the edit.
    let mut s = old.line_start(edit.start);
    if s > 0 {
        s = old.line_start(s - 1);
    }
    while let Some(b) = covering(barriers, s) {
        s = old.line_start(b.start);
    }

    // 2./3. Read from `s` until a line start after the edit where both scans agree.
    let ins_end = edit.start + inserted_len;
    let mut want = ins_end; // the first candidate is at or after this (new offsets)
    loop {
        let x = resync_candidate(old, new, barriers, edit.end, ins_end, delta, want);
        let mut cx = emit::Cx::new(new_text);
        run_top(&mut cx, language, s, x);
        let mid = finish(cx.res);
        // A construct read after `s` that depends on lines above it (a YAML inline
        // Lambda block looks up for its `Runtime:`) starts its range there: restart
        // above it (the text is the same before the edit).
        if let Some(first) = mid.multiline.first().filter(|m| m.start < s) {
            s = old.line_start(first.start);
            while let Some(b) = covering(barriers, s) {
                s = old.line_start(b.start);
            }
            continue;
        }
        if x >= new.len() {
            return Some((s, usize::MAX, delta, mid));
        }
        match covering(&mid.multiline, x) {
            None => {
                let r = (x as isize - delta) as usize;
                return Some((s, r, delta, mid));
            }
            Some(b) => {
                // Something read runs over `x`: try further on (at least double).
                want = b.end.max(x + (x - s)).max(x + 1);
            }
        }
    }
}

/// The first line start `x >= want` (new offsets) after the edit such that `x - delta` is
/// a line start of the old text, safe in the previous scan; the text end if none.
fn resync_candidate(
    old: &impl OldText,
    new: &[u8],
    barriers: &[Range<usize>],
    old_edit_end: usize,
    ins_end: usize,
    delta: isize,
    want: usize,
) -> usize {
    let mut x = want.max(ins_end);
    loop {
        if x >= new.len() {
            return new.len();
        }
        // A line start in the new text…
        if x > 0 && new[x - 1] != b'\n' {
            match memchr::memchr(b'\n', &new[x..]) {
                Some(i) => x += i + 1,
                None => return new.len(),
            }
            continue;
        }
        let r = (x as isize - delta) as usize;
        // …that is one in the old text too (only in doubt right at the edit's end)…
        if r >= old_edit_end && old.is_line_start(r) {
            // …and safe in the previous scan.
            match covering(barriers, r) {
                None => return x,
                Some(b) => {
                    // Skip past the old construct.
                    x = ((b.end as isize + delta).max(x as isize + 1)) as usize;
                    continue;
                }
            }
        }
        x += 1;
    }
}

/// A recorded range that makes line start `ls` unsafe (`a < ls <= b`), if any.
pub(super) fn covering(barriers: &[Range<usize>], ls: usize) -> Option<Range<usize>> {
    // Sorted by start: only those starting before `ls` can cover it.
    let n = barriers.partition_point(|b| b.start < ls);
    barriers[..n]
        .iter()
        .filter(|b| b.end >= ls)
        .max_by_key(|b| b.end)
        .cloned()
}

pub(super) fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1)
}

/// The last safe line start (per `barriers`, the restart information of a scan of
/// `text`) at or before `at`.
pub(super) fn safe_start_before(text: &[u8], barriers: &[Range<usize>], at: usize) -> usize {
    let mut s = line_start(text, at);
    while let Some(b) = covering(barriers, s) {
        s = line_start(text, b.start);
    }
    s
}

/// The first safe line start after `at` (per `barriers`, as in [`safe_start_before`]);
/// `usize::MAX` when there is none before the end.
pub(super) fn safe_start_after(text: &[u8], barriers: &[Range<usize>], at: usize) -> usize {
    let next_line =
        |from: usize| memchr::memchr(b'\n', &text[from.min(text.len())..]).map(|i| from + i + 1);
    let mut x = match next_line(at) {
        Some(x) => x,
        None => return usize::MAX,
    };
    while let Some(b) = covering(barriers, x) {
        x = match next_line(b.end.max(x)) {
            Some(n) => n,
            None => return usize::MAX,
        };
    }
    x
}

/// Previous results before `s`, the re-read middle (finished), previous results from
/// `r` (old offsets) shifted by `delta`.
fn assemble(prev: &ScanResult, mid: ScanResult, s: usize, r: usize, delta: isize) -> ScanResult {
    let sh = |x: usize| (x as isize + delta) as usize;
    let shr = |x: &Range<usize>| sh(x.start)..sh(x.end);

    fn split<T: Clone>(v: &[T], key: impl Fn(&T) -> usize, s: usize, r: usize) -> (&[T], &[T]) {
        let a = v.partition_point(|x| key(x) < s);
        let b = v.partition_point(|x| key(x) < r).max(a);
        (&v[..a], &v[b..])
    }

    let mut out = ScanResult::default();
    let (pre, post) = split(&prev.literals, |l| l.span.start, s, r);
    out.literals
        .reserve(pre.len() + mid.literals.len() + post.len());
    out.literals.extend_from_slice(pre);
    out.literals.extend(mid.literals);
    out.literals.extend(post.iter().map(|l| {
        let mut l = l.clone();
        l.span = shr(&l.span);
        l.content = shr(&l.content);
        l
    }));

    let (pre, post) = split(&prev.regions, |x| x.span.start, s, r);
    out.regions.extend_from_slice(pre);
    out.regions.extend(mid.regions);
    out.regions.extend(post.iter().map(|x| {
        let mut x = x.clone();
        x.span = shr(&x.span);
        x
    }));

    let (pre, post) = split(&prev.ignores, |x| x.applies_to.start, s, r);
    out.ignores.extend_from_slice(pre);
    out.ignores.extend(mid.ignores);
    out.ignores.extend(post.iter().map(|x| {
        let mut x = x.clone();
        x.applies_to = shr(&x.applies_to);
        x.span = shr(&x.span);
        x.removal = shr(&x.removal);
        x
    }));

    let (pre, post) = split(&prev.multiline, |x| x.start, s, r);
    out.multiline.extend_from_slice(pre);
    out.multiline.extend(mid.multiline);
    out.multiline.extend(post.iter().map(shr));
    out
}
