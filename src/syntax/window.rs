//! Scanning a window of a document around one position, for answers that cannot wait
//! for the analysis of the current version (hover and completion while typing).
//!
//! Given the scan of an earlier version, the edit since (as one replaced range) and a
//! way to read the current text, [`scan_near`] reads a few kilobytes around the position
//! and scans them as [`super::rescan`] would re-read them:
//!
//! - it starts at `from`, a safe line start at or before both the restart point of the
//!   edit and [`LOOK_BACK`] bytes before the position (line starts before the edit are
//!   judged by the previous scan: the text before them did not change);
//! - it stops at `to`, the first line start after the position and after the edit where
//!   both scans are in their initial state (the resync point of the rescan): from there
//!   on the previous scan, shifted by `delta`, is the current one.
//!
//! So every item the window scan finds between `from` and `to` is exactly what a scan of
//! the whole current text finds there. `None` when the window would have to grow past
//! [`Reach::max`] (a very long line, a construct spanning far), and for notebooks.

use std::ops::Range;

use super::rescan::{covering, line_start, safe_start_after, safe_start_before};
use super::{emit, finish, keys, run_top, Language, ScanResult};

/// How far back the scanner's look-backs read before a value (key, ignore directive).
pub const LOOK_BACK: usize = keys::KEY_LOOKBACK;

/// The current text of a document, read in pieces.
pub trait TextSource {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The text of `range`, widened to character boundaries (start down, end up): the
    /// offset where it starts, and the text.
    fn read(&self, range: Range<usize>) -> (usize, String);
}

impl TextSource for str {
    fn len(&self) -> usize {
        str::len(self)
    }
    fn read(&self, range: Range<usize>) -> (usize, String) {
        let mut a = range.start.min(self.len());
        while !self.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = range.end.clamp(a, self.len());
        while !self.is_char_boundary(b) {
            b += 1;
        }
        (a, self[a..b].to_string())
    }
}

/// How much text a window may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Read this much before the earliest offset needed, at first.
    pub back: usize,
    /// Read this much after the latest offset needed, at first.
    pub ahead: usize,
    /// Bytes the window must hold after `to` (the scanner's look-ahead past a token).
    pub margin: usize,
    /// Never read more than this in all.
    pub max: usize,
}

impl Default for Reach {
    fn default() -> Reach {
        Reach {
            back: 2048,
            ahead: 4096,
            margin: 1024,
            max: 1 << 16,
        }
    }
}

/// The current text around a position, scanned.
#[derive(Debug, Clone)]
pub struct WindowScan {
    /// Where `text` starts in the document.
    pub base: usize,
    /// The text read (document bytes `base..base + text.len()`).
    pub text: String,
    /// The scan started here (document offset; a safe line start).
    pub from: usize,
    /// The scan stopped here (document offset): a line start safe in both scans, or
    /// the end of the document.
    pub to: usize,
    /// Current length minus previous length.
    pub delta: isize,
    /// What the scan of `from..to` found, in offsets of `text`.
    pub scan: ScanResult,
}

impl WindowScan {
    /// `to` is the end of the document: nothing of the previous scan comes after.
    pub fn to_end(&self, len: usize) -> bool {
        self.to >= len
    }
    /// Document offset → offset in `text`.
    pub fn rel(&self, at: usize) -> usize {
        at - self.base
    }
    /// The offset of the previous text where the previous scan is the current one again
    /// (items from there on are shifted by `delta`).
    pub fn old_to(&self) -> usize {
        (self.to as isize - self.delta) as usize
    }
}

/// Scan the current text around `offset` (see the module comment). `prev` is the scan
/// of the previous text; `edit` the range of the previous text replaced by the
/// `inserted_len` bytes at `edit.start` of the current one.
pub fn scan_near(
    prev: &ScanResult,
    edit: Range<usize>,
    inserted_len: usize,
    src: &(impl TextSource + ?Sized),
    language: Language,
    offset: usize,
    reach: Reach,
) -> Option<WindowScan> {
    if language.row().lexer.rescans_whole_document() || edit.start > edit.end {
        return None;
    }
    let len = src.len();
    let ins_end = edit.start.checked_add(inserted_len)?;
    if offset > len || ins_end > len {
        return None;
    }
    let delta = inserted_len as isize - (edit.end - edit.start) as isize;
    let barriers = &prev.multiline;
    let (mut back, mut ahead) = (reach.back, reach.ahead);
    // Start at or before this (a construct read found to depend on the lines above it).
    let mut above = usize::MAX;
    loop {
        let lo = edit
            .start
            .min(offset.saturating_sub(LOOK_BACK))
            .saturating_sub(back);
        let hi = offset.max(ins_end).saturating_add(ahead).min(len);
        if hi - lo > reach.max {
            return None;
        }
        let (base, text) = src.read(lo..hi);
        let b = text.as_bytes();
        let end = base + b.len();
        let at_end = end >= len;
        // Line start at or before `at` (document offsets); `None`: not in the window.
        let ls = |at: usize| -> Option<usize> {
            let r = line_start(b, at.checked_sub(base)?) + base;
            (r > base || base == 0).then_some(r)
        };
        // The last line start at or before `at` that is safe in the previous scan.
        let safe = |at: usize| -> Option<usize> {
            let mut s = ls(at)?;
            while let Some(c) = covering(barriers, s) {
                s = ls(c.start.max(base))?;
            }
            Some(s)
        };
        let start = (|| {
            // The rescan's restart point: the line before the edit's (an ignore
            // directive covers the next line).
            let mut s = ls(edit.start)?;
            if s > 0 {
                s = ls(s - 1)?;
            }
            let s = safe(s)?;
            let from = safe(s.min(offset.saturating_sub(LOOK_BACK)).min(above))?;
            // The look-backs from the first values read need the bytes before `from`.
            (from - base >= LOOK_BACK || base == 0).then_some(from)
        })();
        let Some(from) = start else {
            back = back.saturating_mul(2);
            continue;
        };
        // Re-read from `from` up to a resync point after both the edit and `offset`.
        let first = offset.max(ins_end);
        let mut want = first;
        let done = loop {
            let Some(to) = resync(b, base, barriers, first, want, delta, at_end) else {
                break Ok(None);
            };
            if !at_end && to + reach.margin > end {
                break Ok(None);
            }
            let mut cx = emit::Cx::new(&text);
            run_top(&mut cx, language, from - base, to - base);
            let scan = finish(cx.res);
            // Something read depends on lines above `from` (see `rescan`): start there.
            if let Some(m) = scan.multiline.first().filter(|m| m.start + base < from) {
                break Err(m.start + base);
            }
            if to >= len {
                break Ok(Some((to, scan)));
            }
            match covering(&scan.multiline, to - base) {
                None => break Ok(Some((to, scan))),
                Some(c) => want = (c.end + base).max(to + (to - from)).max(to + 1),
            }
        };
        match done {
            Err(at) => {
                above = at;
                if at <= base {
                    back = back.saturating_mul(2);
                }
            }
            Ok(Some((to, scan))) => {
                return Some(WindowScan {
                    base,
                    text,
                    from,
                    to,
                    delta,
                    scan,
                })
            }
            Ok(None) if at_end => return None,
            Ok(None) => ahead = ahead.saturating_mul(2),
        }
    }
}

/// The first line start `x >= want` with `x > first` (document offsets) such that
/// `x - delta` is a line start of the previous text, safe in the previous scan; the
/// document end when there is none before it (`at_end`); `None` when the window ends
/// first.
fn resync(
    b: &[u8],
    base: usize,
    barriers: &[Range<usize>],
    first: usize,
    want: usize,
    delta: isize,
    at_end: bool,
) -> Option<usize> {
    let end = base + b.len();
    let mut x = want.max(first + 1);
    loop {
        if x >= end {
            return at_end.then_some(end);
        }
        // A line start after the inserted text: the byte before it is the same byte of
        // the previous text, so it is a line start there too.
        if b[x - 1 - base] != b'\n' {
            match memchr::memchr(b'\n', &b[x - base..]) {
                Some(i) => x += i + 1,
                None => return at_end.then_some(end),
            }
            continue;
        }
        let r = (x as isize - delta) as usize;
        match covering(barriers, r) {
            None => return Some(x),
            Some(c) => x = ((c.end as isize + delta).max(x as isize + 1)) as usize,
        }
    }
}

impl WindowScan {
    /// The literal containing `offset` (document offsets in and out), as the scan of
    /// the whole text has it: the first in text order. `offset` within `from..to`.
    pub fn literal_at(&self, offset: usize) -> Option<super::Literal> {
        if offset < self.from || offset > self.to {
            return None;
        }
        let rel = self.rel(offset);
        let l = self
            .scan
            .literals
            .iter()
            .find(|l| l.span.start <= rel && rel <= l.span.end)?;
        Some(self.moved(l))
    }

    /// `lit` (of this window's scan) in document offsets.
    fn moved(&self, lit: &super::Literal) -> super::Literal {
        let mut l = lit.clone();
        let b = self.base;
        l.span = l.span.start + b..l.span.end + b;
        l.content = l.content.start + b..l.content.end + b;
        l
    }

    /// The completion site at `offset` (document offsets in and out), as
    /// [`super::completion_site`] on the whole current text gives it.
    pub fn completion_site(
        &self,
        language: Language,
        offset: usize,
    ) -> Option<super::CompletionSite> {
        if offset < self.from || offset > self.to {
            return None;
        }
        let b = self.text.as_bytes();
        let rel = self.rel(offset);
        let barriers = &self.scan.multiline;
        // As `completion_site_in` chooses them; nothing before `from` was scanned, and
        // `from` is safe.
        let from = safe_start_before(b, barriers, rel.saturating_sub(LOOK_BACK))
            .max(self.from - self.base);
        let stop = safe_start_after(b, barriers, rel);
        let mut site = super::completion_site_from(&self.text, language, rel, from, stop)?;
        let base = self.base;
        let mv = |r: &mut Range<usize>| *r = r.start + base..r.end + base;
        mv(&mut site.replace);
        mv(&mut site.typed);
        Some(site)
    }
}
