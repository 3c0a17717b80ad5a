//! Open documents: text as a rope, version, language; incremental edits; conversion
//! between byte offsets and LSP-style (line, character) positions in the negotiated
//! encoding. Everything inside the crate is byte offsets; these conversions are the
//! only place where UTF-16 or UTF-32 columns exist.
//!
//! Lines end only at `\n`, `\r\n` and `\r` (ropey is built with `cr_lines` and without
//! `unicode_lines`). A byte-order mark at the start of the text is not a column.

use ropey::Rope;

use crate::syntax::Language;

/// The unit in which the client counts columns (LSP 3.17 `positionEncoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    pub fn as_lsp_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    pub fn from_lsp_str(s: &str) -> Option<Encoding> {
        match s.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16" | "utf16" => Some(Encoding::Utf16),
            "utf-32" | "utf32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    /// Choose the encoding from what the client offers: UTF-8 when offered (cheapest for
    /// us), UTF-32 when offered without UTF-16, else UTF-16 (which every client supports).
    /// `force_utf16` (a setting) overrides the choice for editors that share buffers
    /// with servers that only speak UTF-16.
    pub fn negotiate(offered: &[&str], force_utf16: bool) -> Encoding {
        if force_utf16 {
            return Encoding::Utf16;
        }
        let offered: Vec<Encoding> = offered
            .iter()
            .filter_map(|s| Encoding::from_lsp_str(s))
            .collect();
        if offered.contains(&Encoding::Utf8) {
            Encoding::Utf8
        } else if offered.contains(&Encoding::Utf32) && !offered.contains(&Encoding::Utf16) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }
}

/// A position as the protocol sees it: zero-based line and column in some encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub character: u32,
}

impl Pos {
    pub fn new(line: u32, character: u32) -> Pos {
        Pos { line, character }
    }
}

/// One change from `textDocument/didChange`: a range replacement or (no range) the full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub range: Option<(Pos, Pos)>,
    pub text: String,
}

/// An open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: Rope,
    pub version: i32,
    pub language_id: String,
    pub language: Language,
    /// Tells apart two openings of the same URI (an analysis of an earlier opening is
    /// never the base of an edit of this one).
    pub generation: u64,
    /// The recent edits in byte offsets, so that an analysis can update the previous
    /// version's text and results instead of comparing whole texts.
    pub edits: EditLog,
}

/// One replacement in byte offsets of the text it was applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByteEdit {
    pub range: std::ops::Range<usize>,
    pub text: String,
}

/// The byte edits of the last `didChange` batches, each batch tagged with the version
/// it starts from and the version it makes. Bounded: the oldest batches are dropped
/// beyond [`EditLog::MAX_BATCHES`] batches or [`EditLog::MAX_BYTES`] bytes of inserted
/// text (an analysis then falls back to comparing texts).
#[derive(Debug, Clone, Default)]
pub struct EditLog {
    batches: std::collections::VecDeque<EditBatch>,
    bytes: usize,
}

#[derive(Debug, Clone)]
struct EditBatch {
    from: i32,
    to: i32,
    edits: Vec<ByteEdit>,
}

impl EditLog {
    pub const MAX_BATCHES: usize = 512;
    pub const MAX_BYTES: usize = 1 << 20;

    fn push(&mut self, from: i32, to: i32, edits: Vec<ByteEdit>) {
        self.bytes += edits.iter().map(|e| e.text.len()).sum::<usize>();
        self.batches.push_back(EditBatch { from, to, edits });
        while self.batches.len() > Self::MAX_BATCHES
            || (self.bytes > Self::MAX_BYTES && !self.batches.is_empty())
        {
            self.drop_oldest();
        }
    }

    fn drop_oldest(&mut self) {
        if let Some(b) = self.batches.pop_front() {
            self.bytes -= b.edits.iter().map(|e| e.text.len()).sum::<usize>();
        }
    }

    /// The one range that covers the edits from version `from` to version `to` (range
    /// of the text of `from`, length of what replaced it), without forgetting anything;
    /// `None` when the log does not hold the whole chain.
    pub fn covering(&self, from: i32, to: i32) -> Option<(std::ops::Range<usize>, usize)> {
        let mut cover = Cover::default();
        let mut at = from;
        for b in self.batches.iter().skip_while(|b| b.to <= from) {
            if at == to {
                break;
            }
            if b.from != at {
                return None;
            }
            b.edits.iter().for_each(|e| cover.add(e));
            at = b.to;
        }
        (at == to).then(|| cover.get())
    }

    /// The edits that turn version `from` into version `to`, in order; `None` when the
    /// log does not hold the whole chain. Batches up to `from` are forgotten (the caller
    /// asks from its newest base on; older ones are not needed again).
    pub fn take_between(&mut self, from: i32, to: i32) -> Option<Vec<ByteEdit>> {
        while self.batches.front().is_some_and(|b| b.to <= from) {
            self.drop_oldest();
        }
        let mut out = Vec::new();
        let mut at = from;
        for b in &self.batches {
            if at == to {
                break;
            }
            if b.from != at {
                return None;
            }
            out.extend(b.edits.iter().cloned());
            at = b.to;
        }
        (at == to).then_some(out)
    }
}

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("version {got} does not follow the current version {current}; change dropped")]
    StaleVersion { current: i32, got: i32 },
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: &str, language: Language) -> Document {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Document {
            text: Rope::from_str(text),
            version,
            language_id: language_id.to_string(),
            language,
            generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            edits: EditLog::default(),
        }
    }

    /// Apply a `didChange` batch. Versions must increase; a batch that does not advance
    /// the version is dropped whole (the caller logs it).
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: &[Change],
        enc: Encoding,
    ) -> Result<(), EditError> {
        if version <= self.version {
            return Err(EditError::StaleVersion {
                current: self.version,
                got: version,
            });
        }
        let mut edits = Vec::with_capacity(changes.len());
        for change in changes {
            let range = apply_change(&mut self.text, change, enc);
            edits.push(ByteEdit {
                range,
                text: change.text.clone(),
            });
        }
        self.edits.push(self.version, version, edits);
        self.version = version;
        Ok(())
    }

    pub fn len_bytes(&self) -> usize {
        self.text.len_bytes()
    }
}

/// Apply byte edits, each in offsets of the text as it is when its turn comes, to
/// `text`. Returns the one replacement that covers them all: the range of the text
/// before the first edit, and the length of what stands there now. `None` (and `text`
/// partly edited) when an edit does not fit the text (out of range, inside a
/// character).
pub fn apply_byte_edits(
    text: &mut String,
    edits: &[ByteEdit],
) -> Option<(std::ops::Range<usize>, usize)> {
    let mut cover = Cover::default();
    for e in edits {
        let (s, end) = (e.range.start, e.range.end);
        if s > end || end > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(end) {
            return None;
        }
        cover.add(e);
        text.replace_range(s..end, &e.text);
    }
    Some(cover.get())
}

/// The one range that covers a sequence of edits: `lo..hi_old` of the original text is
/// now `lo..hi_new`.
#[derive(Default)]
struct Cover(Option<(usize, usize, usize)>);

impl Cover {
    fn add(&mut self, e: &ByteEdit) {
        let (s, end, n) = (e.range.start, e.range.end, e.text.len());
        self.0 = Some(match self.0 {
            None => (s, end, s + n),
            Some((lo, hi_old, hi_new)) => {
                // Everything from `far` on is unchanged so far, and is not touched now.
                let far = hi_new.max(end);
                (lo.min(s), hi_old + (far - hi_new), far - (end - s) + n)
            }
        });
    }

    /// (range of the original text, length of what replaced it).
    fn get(&self) -> (std::ops::Range<usize>, usize) {
        self.0
            .map_or((0..0, 0), |(lo, hi_old, hi_new)| (lo..hi_old, hi_new - lo))
    }
}

/// The current text of an open document, read in pieces by the window scan.
impl crate::syntax::TextSource for Rope {
    fn len(&self) -> usize {
        self.len_bytes()
    }
    fn read(&self, range: std::ops::Range<usize>) -> (usize, String) {
        let len = self.len_bytes();
        let a = self.byte_to_char(range.start.min(len));
        let end = range.end.clamp(range.start.min(len), len);
        let mut b = self.byte_to_char(end);
        if self.char_to_byte(b) < end {
            b += 1;
        }
        let slice = self.slice(a..b);
        let mut out = String::with_capacity(slice.len_bytes());
        slice.chunks().for_each(|c| out.push_str(c));
        (self.char_to_byte(a), out)
    }
}

/// Apply one change to a rope. Out-of-range positions are clamped as the LSP spec says
/// (a column past the line end means the line end; a line past the end means the end);
/// a reversed range is taken in order. Returns the byte range replaced (of the text
/// before the change).
pub fn apply_change(rope: &mut Rope, change: &Change, enc: Encoding) -> std::ops::Range<usize> {
    match change.range {
        None => {
            let old = rope.len_bytes();
            *rope = Rope::from_str(&change.text);
            0..old
        }
        Some((start, end)) => {
            let mut a = position_to_offset_clamped(rope, start, enc);
            let mut b = position_to_offset_clamped(rope, end, enc);
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            let (ca, cb) = (rope.byte_to_char(a), rope.byte_to_char(b));
            if ca != cb {
                rope.remove(ca..cb);
            }
            if !change.text.is_empty() {
                rope.insert(ca, &change.text);
            }
            a..b
        }
    }
}

const BOM: char = '\u{feff}';

/// Byte offset where the counted columns of `line` begin (after a BOM on line 0).
fn line_start(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_byte(line);
    if line == 0 && rope.len_chars() > 0 && rope.char(0) == BOM {
        start + BOM.len_utf8()
    } else {
        start
    }
}

/// Byte offset of the end of `line`'s content (before its line break).
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let next = if line + 1 < rope.len_lines() {
        rope.line_to_byte(line + 1)
    } else {
        return rope.len_bytes();
    };
    // Strip the line break: \r\n, \n or \r.
    let mut end = next;
    if end > 0 && rope.byte(end - 1) == b'\n' {
        end -= 1;
        if end > 0 && rope.byte(end - 1) == b'\r' {
            end -= 1;
        }
    } else if end > 0 && rope.byte(end - 1) == b'\r' {
        end -= 1;
    }
    end
}

/// Convert a position to a byte offset, or `None` when the line does not exist.
/// A column past the end of the line means the end of the line (LSP spec); a column that
/// falls inside a character (a UTF-16 surrogate half, a UTF-8 continuation byte) means
/// the start of that character.
pub fn position_to_offset(rope: &Rope, pos: Pos, enc: Encoding) -> Option<usize> {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return None;
    }
    let start = line_start(rope, line);
    let end = line_content_end(rope, line).max(start);
    let col = pos.character as usize;
    let offset = match enc {
        Encoding::Utf8 => {
            let mut b = (start + col).min(end);
            while b > start && !is_char_boundary(rope, b) {
                b -= 1;
            }
            b
        }
        Encoding::Utf32 => {
            let c0 = rope.byte_to_char(start);
            let c_end = rope.byte_to_char(end);
            rope.char_to_byte((c0 + col).min(c_end))
        }
        Encoding::Utf16 => {
            let c0 = rope.byte_to_char(start);
            let u0 = rope.char_to_utf16_cu(c0);
            let u_end = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let u = (u0 + col).min(u_end);
            // utf16_cu_to_char rounds down inside a surrogate pair.
            rope.char_to_byte(rope.utf16_cu_to_char(u))
        }
    };
    Some(offset)
}

/// Like [`position_to_offset`], but a line past the end means the end of the text.
pub fn position_to_offset_clamped(rope: &Rope, pos: Pos, enc: Encoding) -> usize {
    position_to_offset(rope, pos, enc).unwrap_or(rope.len_bytes())
}

fn is_char_boundary(rope: &Rope, b: usize) -> bool {
    b >= rope.len_bytes() || (rope.byte(b) & 0xC0) != 0x80
}

/// Convert a byte offset to a position. An offset past the end maps to the end; an
/// offset inside a character maps to that character's start.
pub fn offset_to_position(rope: &Rope, offset: usize, enc: Encoding) -> Pos {
    let mut offset = offset.min(rope.len_bytes());
    while offset > 0 && !is_char_boundary(rope, offset) {
        offset -= 1;
    }
    let line = rope.byte_to_line(offset);
    let start = line_start(rope, line).min(offset.max(rope.line_to_byte(line)));
    let offset = offset.max(start);
    let character = match enc {
        Encoding::Utf8 => offset - start,
        Encoding::Utf32 => rope.byte_to_char(offset) - rope.byte_to_char(start),
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(rope.byte_to_char(offset))
                - rope.char_to_utf16_cu(rope.byte_to_char(start))
        }
    };
    Pos::new(line as u32, character as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rope(s: &str) -> Rope {
        Rope::from_str(s)
    }

    #[test]
    fn negotiation() {
        assert_eq!(
            Encoding::negotiate(&["utf-8", "utf-16", "utf-32"], false),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(&["utf-8", "utf-16"], true),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(&["utf-16"], false), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&[], false), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&["utf-32"], false), Encoding::Utf32);
        assert_eq!(
            Encoding::negotiate(&["utf-32", "utf-16"], false),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(&["latin-1"], false), Encoding::Utf16);
    }

    /// (text, byte offset of the `X` marker, expected column in utf-8/16/32)
    #[test]
    fn columns_in_all_encodings() {
        let cases: &[(&str, u32, u32, u32)] = &[
            ("abcX", 3, 3, 3),
            ("😀X", 4, 2, 1),                // astral emoji
            ("👩‍👩‍👧X", 18, 8, 5),               // joined emoji sequence (ZWJ)
            ("日本語X", 9, 3, 3),            // CJK
            ("e\u{301}X", 3, 2, 2),          // combining mark
            ("\tX", 1, 1, 1),                // tab is one column
            ("\u{feff}abX", 2, 2, 2),        // BOM is not a column
            ("a\u{2028}bX", 5, 3, 3),        // U+2028 is not a line break
            ("a\u{85}\u{b}\u{c}X", 5, 4, 4), // NEL, VT, FF are not line breaks
        ];
        for &(text, c8, c16, c32) in cases {
            let r = rope(text);
            let off = text.find('X').unwrap();
            for (enc, col) in [
                (Encoding::Utf8, c8),
                (Encoding::Utf16, c16),
                (Encoding::Utf32, c32),
            ] {
                assert_eq!(
                    offset_to_position(&r, off, enc),
                    Pos::new(0, col),
                    "{text:?} {enc:?}"
                );
                assert_eq!(
                    position_to_offset(&r, Pos::new(0, col), enc),
                    Some(off),
                    "{text:?} {enc:?}"
                );
            }
        }
    }

    #[test]
    fn line_breaks_are_lf_crlf_cr_only() {
        let text = "a\r\nb\rc\nd\u{2028}e";
        let r = rope(text);
        assert_eq!(r.len_lines(), 4);
        for (needle, line, col) in [
            ("a", 0, 0),
            ("b", 1, 0),
            ("c", 2, 0),
            ("d", 3, 0),
            ("e", 3, 2),
        ] {
            let off = text.find(needle).unwrap();
            assert_eq!(
                offset_to_position(&r, off, Encoding::Utf16),
                Pos::new(line, col),
                "{needle}"
            );
        }
        // A column past the end of a CRLF line is the end of its content, not inside \r\n.
        assert_eq!(
            position_to_offset(&r, Pos::new(0, 99), Encoding::Utf16),
            Some(1)
        );
        assert_eq!(
            position_to_offset(&r, Pos::new(1, 99), Encoding::Utf8),
            Some(4)
        );
        assert_eq!(position_to_offset(&r, Pos::new(4, 0), Encoding::Utf8), None);
    }

    #[test]
    fn positions_inside_a_character_snap_to_its_start() {
        let r = rope("😀x");
        // UTF-16 column 1 is between the surrogates.
        assert_eq!(
            position_to_offset(&r, Pos::new(0, 1), Encoding::Utf16),
            Some(0)
        );
        assert_eq!(
            position_to_offset(&r, Pos::new(0, 2), Encoding::Utf8),
            Some(0)
        );
        assert_eq!(offset_to_position(&r, 2, Encoding::Utf8), Pos::new(0, 0));
    }

    #[test]
    fn incremental_edits_and_versions() {
        let mut d = Document::new("hello 😀 world\r\nline2", 1, "python", Language::PlainText);
        let ch = |l1, c1, l2, c2, t: &str| Change {
            range: Some((Pos::new(l1, c1), Pos::new(l2, c2))),
            text: t.into(),
        };
        d.apply_changes(2, &[ch(0, 9, 0, 14, "there")], Encoding::Utf16)
            .unwrap();
        assert_eq!(d.text.to_string(), "hello 😀 there\r\nline2");
        d.apply_changes(3, &[ch(0, 14, 1, 0, "\n")], Encoding::Utf16)
            .unwrap();
        assert_eq!(d.text.to_string(), "hello 😀 there\nline2");
        // A stale version is dropped whole.
        assert!(d
            .apply_changes(3, &[ch(0, 0, 0, 0, "X")], Encoding::Utf16)
            .is_err());
        assert_eq!(d.version, 3);
        d.apply_changes(
            4,
            &[Change {
                range: None,
                text: "new".into(),
            }],
            Encoding::Utf8,
        )
        .unwrap();
        assert_eq!(d.text.to_string(), "new");
        // Out-of-range edits clamp instead of panicking.
        d.apply_changes(5, &[ch(9, 9, 12, 0, "!")], Encoding::Utf32)
            .unwrap();
        assert_eq!(d.text.to_string(), "new!");
    }

    /// The edit log replays every batch since a version onto that version's text; the
    /// stale batch is not in it; older batches are forgotten once asked past.
    #[test]
    fn edit_log_replays_the_batches_since_a_version() {
        let ch = |l1, c1, l2, c2, t: &str| Change {
            range: Some((Pos::new(l1, c1), Pos::new(l2, c2))),
            text: t.into(),
        };
        let v1 = "a = \"amazon.nova-pro-v1:0\"\nb = 1\n";
        let mut d = Document::new(v1, 1, "python", Language::Python);
        d.apply_changes(2, &[ch(0, 5, 0, 11, "anthropic")], Encoding::Utf16)
            .unwrap();
        assert!(d
            .apply_changes(2, &[ch(0, 0, 0, 0, "X")], Encoding::Utf16)
            .is_err());
        d.apply_changes(
            3,
            &[ch(1, 4, 1, 5, "22"), ch(0, 0, 0, 0, "# 😀\n")],
            Encoding::Utf16,
        )
        .unwrap();
        let want = d.text.to_string();
        let mut log = d.edits.clone();
        // The covering range, without taking anything from the log.
        let covering = log.covering(1, 3).unwrap();
        assert_eq!(log.covering(1, 3), Some(covering.clone()));
        assert_eq!(log.covering(0, 3), None);
        assert_eq!(log.covering(3, 3), Some((0..0, 0)));
        let edits = log.take_between(1, 3).unwrap();
        assert_eq!(edits.len(), 3);
        let mut text = v1.to_string();
        let (range, inserted) = apply_byte_edits(&mut text, &edits).unwrap();
        assert_eq!(text, want);
        assert_eq!((range.clone(), inserted), covering);
        assert_eq!(v1[..range.start], want[..range.start]);
        assert_eq!(v1[range.end..], want[range.start + inserted..]);
        // From version 2 on: one batch, two edits. Version 1 is forgotten after that.
        assert_eq!(log.take_between(2, 3).unwrap().len(), 2);
        assert_eq!(log.take_between(1, 3), None);
        assert_eq!(log.take_between(3, 3), Some(vec![]));
        // A version the log never saw.
        assert_eq!(d.edits.take_between(0, 3), None);
        // An edit that does not fit the text is refused.
        let bad = ByteEdit {
            range: 2..99,
            text: String::new(),
        };
        assert_eq!(apply_byte_edits(&mut "abc".to_string(), &[bad]), None);
    }

    #[test]
    fn edit_log_is_bounded() {
        let mut d = Document::new("", 0, "plaintext", Language::PlainText);
        let big = "x".repeat(EditLog::MAX_BYTES / 4);
        for v in 1..=6 {
            let c = Change {
                range: Some((Pos::new(0, 0), Pos::new(0, 0))),
                text: big.clone(),
            };
            d.apply_changes(v, &[c], Encoding::Utf8).unwrap();
        }
        // Only the newest batches that fit are kept.
        assert_eq!(d.edits.take_between(0, 6), None);
        assert_eq!(d.edits.take_between(3, 6).map(|e| e.len()), Some(3));
        for v in 7..=(6 + EditLog::MAX_BATCHES as i32 + 1) {
            let c = Change {
                range: Some((Pos::new(0, 0), Pos::new(0, 0))),
                text: "y".into(),
            };
            d.apply_changes(v, &[c], Encoding::Utf8).unwrap();
        }
        assert_eq!(d.edits.take_between(6, d.version), None);
    }

    /// The window scan reads the rope in pieces widened to character boundaries.
    #[test]
    fn rope_reads_whole_characters() {
        use crate::syntax::TextSource;
        let text = "a😀b\néc";
        let r = rope(text);
        assert_eq!(TextSource::len(&r), text.len());
        // Inside the emoji (bytes 1..5): widened to it, on both sides.
        assert_eq!(r.read(2..3), (1, "😀".to_string()));
        assert_eq!(r.read(0..2), (0, "a😀".to_string()));
        assert_eq!(r.read(3..7), (1, "😀b\n".to_string()));
        // Past the end: clamped; the same as for a string.
        assert_eq!(r.read(7..99), (7, "éc".to_string()));
        for a in 0..=text.len() {
            for b in a..=text.len() + 2 {
                assert_eq!(r.read(a..b), text.read(a..b), "{a}..{b}");
            }
        }
    }

    #[test]
    fn bom_is_not_a_column_for_edits() {
        let mut r = rope("\u{feff}ab");
        apply_change(
            &mut r,
            &Change {
                range: Some((Pos::new(0, 0), Pos::new(0, 0))),
                text: "X".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(r.to_string(), "\u{feff}Xab");
    }
}
