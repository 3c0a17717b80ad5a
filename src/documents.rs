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
}

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("version {got} does not follow the current version {current}; change dropped")]
    StaleVersion { current: i32, got: i32 },
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: &str, language: Language) -> Document {
        Document {
            text: Rope::from_str(text),
            version,
            language_id: language_id.to_string(),
            language,
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
        for change in changes {
            apply_change(&mut self.text, change, enc);
        }
        self.version = version;
        Ok(())
    }

    pub fn len_bytes(&self) -> usize {
        self.text.len_bytes()
    }
}

/// Apply one change to a rope. Out-of-range positions are clamped as the LSP spec says
/// (a column past the line end means the line end; a line past the end means the end);
/// a reversed range is taken in order.
pub fn apply_change(rope: &mut Rope, change: &Change, enc: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
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
