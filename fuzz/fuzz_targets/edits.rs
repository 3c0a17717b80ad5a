//! Incremental edit application: random edit scripts against a `String` model, in all
//! three position encodings, must give the same text.
#![no_main]

use bedrock_lsp::documents::{apply_change, offset_to_position, Change, Encoding};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;

fn boundary(text: &str, pick: u16) -> usize {
    let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    bounds.push(text.len());
    bounds.retain(|&i| {
        !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
            && !(i == 0 && text.starts_with('\u{feff}'))
    });
    bounds[pick as usize % bounds.len()]
}

fuzz_target!(|data: &[u8]| {
    let Some((&enc, rest)) = data.split_first() else { return };
    let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][enc as usize % 3];
    let text = String::from_utf8_lossy(rest).into_owned();
    // The first half is the document; the rest drives edits of 5-byte records.
    let (doc, script) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(i, _)| i));
    let mut model = doc.to_string();
    let mut rope = Rope::from_str(doc);
    for chunk in script.as_bytes().chunks(5) {
        if chunk.len() < 5 { break; }
        let a = boundary(&model, u16::from_le_bytes([chunk[0], chunk[1]]));
        let b = boundary(&model, u16::from_le_bytes([chunk[2], chunk[3]]));
        let (s, e) = (a.min(b), a.max(b));
        let insert = ["", "x", "\n", "\r\n", "😀", "é", "\r"][chunk[4] as usize % 7];
        let change = Change {
            range: Some((offset_to_position(&rope, s, enc), offset_to_position(&rope, e, enc))),
            text: insert.to_string(),
        };
        model.replace_range(s..e, insert);
        apply_change(&mut rope, &change, enc);
        assert_eq!(rope.to_string(), model);
    }
});
