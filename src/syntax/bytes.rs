//! Byte helpers the readers share: line starts and ends, trimming.

use memchr::memchr;
use std::ops::Range;

pub(crate) fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1)
}

/// The end of the line containing `at`, after its newline (or the end of the text).
pub(crate) fn line_end(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i + 1)
}

pub(crate) fn trim_range(b: &[u8], mut r: Range<usize>) -> Range<usize> {
    r.end = r.end.min(b.len());
    while r.start < r.end && b[r.start].is_ascii_whitespace() {
        r.start += 1;
    }
    while r.end > r.start && b[r.end - 1].is_ascii_whitespace() {
        r.end -= 1;
    }
    r
}
