//! Property tests of the document store: random incremental edit scripts give the same
//! text as the same edits applied to a `String`, in all three position encodings, and
//! byte offset → position → byte offset round-trips.

use bedrock_lsp::documents::{
    apply_change, offset_to_position, position_to_offset, Change, Encoding, Pos,
};
use proptest::prelude::*;
use ropey::Rope;

/// An independent reference: the position of a byte offset in a `String`, with lines
/// ending at \n, \r\n and \r only, and a leading BOM not counted.
fn reference_position(text: &str, offset: usize, enc: Encoding) -> Pos {
    let mut line = 0u32;
    let mut line_start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' => {
                if i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                    if i + 1 >= offset {
                        break;
                    }
                    i += 1;
                }
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let mut start = line_start;
    if line == 0 && text.starts_with('\u{feff}') {
        start = 3.min(offset);
    }
    let seg = &text[start..offset];
    let character = match enc {
        Encoding::Utf8 => seg.len(),
        Encoding::Utf16 => seg.encode_utf16().count(),
        Encoding::Utf32 => seg.chars().count(),
    };
    Pos::new(line, character as u32)
}

fn alphabet() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "b",
        "\n",
        "\r\n",
        "\r",
        "😀",
        "👩‍👧",
        "日本",
        "e\u{301}",
        "\t",
        "\u{2028}",
        "é",
        "\"",
        "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])
}

fn boundary(text: &str, pick: usize) -> usize {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        // Never split \r\n: a position cannot point between them.
        .filter(|&i| {
            !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
        })
        // Before a leading BOM is not a position (the BOM is not a column).
        .filter(|&i| !(i == 0 && text.starts_with('\u{feff}')))
        .collect();
    bounds[pick % bounds.len()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn edit_scripts_match_a_string_model(
        initial in alphabet(),
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), alphabet()), 1..20),
        enc in encoding(),
    ) {
        let mut model = initial.clone();
        let mut rope = Rope::from_str(&initial);
        for (a, b, insert) in edits {
            let (mut s, mut e) = (boundary(&model, a), boundary(&model, b));
            if s > e { std::mem::swap(&mut s, &mut e); }
            let change = Change {
                range: Some((reference_position(&model, s, enc), reference_position(&model, e, enc))),
                text: insert.clone(),
            };
            model.replace_range(s..e, &insert);
            let replaced = apply_change(&mut rope, &change, enc);
            prop_assert_eq!(replaced, s..e);
            prop_assert_eq!(rope.to_string(), model.clone());
        }
    }

    #[test]
    fn positions_round_trip(text in alphabet(), pick in any::<usize>(), enc in encoding()) {
        let rope = Rope::from_str(&text);
        let off = boundary(&text, pick);
        let pos = offset_to_position(&rope, off, enc);
        prop_assert_eq!(pos, reference_position(&text, off, enc));
        prop_assert_eq!(position_to_offset(&rope, pos, enc), Some(off));
    }

    #[test]
    fn any_position_is_safe(text in alphabet(), line in 0u32..20, ch in 0u32..50, enc in encoding()) {
        let rope = Rope::from_str(&text);
        if let Some(off) = position_to_offset(&rope, Pos::new(line, ch), enc) {
            prop_assert!(off <= text.len());
            prop_assert!(text.is_char_boundary(off));
        }
    }
}
