//! Incremental scanning: for random documents in every language and random edits,
//! `rescan(prev, old, edit, inserted, new)` equals `scan(new)` exactly (literals,
//! regions, ignores and the recorded restart information), also over chains of edits
//! and on the fixture files.

use bedrock_lsp::syntax::{rescan, rescan_owned, scan, Language, ScanResult, LANGUAGES};
use proptest::prelude::*;
use std::ops::Range;

/// Fragments that open and close every multi-line construct the readers know, plus
/// IDs, keys and many line breaks.
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "`",
    "\"\"\"",
    "'''",
    "${",
    "}",
    "{",
    "#{",
    "$x",
    "%s",
    "r#\"",
    "\"#",
    "@\"",
    "$@\"",
    "<<EOF\n",
    "EOF\n",
    "\nEOF\n",
    "<<~EOS\n",
    "EOS\n",
    "<<<EOT\n",
    "EOT;\n",
    "<<-X",
    "X\n",
    "<<EOT\n",
    "//",
    "/*",
    "*/",
    "#",
    "<!--",
    "-->",
    "```python\n",
    "```yaml\n",
    "```sh\n",
    "```\n",
    "~~~\n",
    "\\",
    "\\\n",
    "\\\"",
    "\n",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "    ",
    "=",
    ":",
    ": ",
    "=>",
    "(",
    ")",
    ",",
    "[",
    "]",
    "??",
    " or ",
    "+",
    ".",
    "modelId",
    "model_id=",
    "\"modelId\": ",
    "--model-id ",
    "region_name=",
    "AWS_REGION=",
    "BEDROCK_MODEL_ID=",
    "Region.US_EAST_1",
    "RegionEndpoint.USEast1",
    "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "us.",
    "amazon.nova-pro-v1:0",
    "bedrock/converse/",
    "arn:aws:bedrock:us-east-1::foundation-model/",
    "meta.json",
    "# bedrock-lsp: ignore\n",
    "// bedrock-lsp: ignore[unknown-model]\n",
    "<!-- bedrock-lsp: ignore -->\n",
    "- ",
    "- name: MODEL_ID\n",
    "  value: ",
    "run: |\n",
    "script: |\n",
    "desc: >\n",
    "|\n",
    "!Sub ",
    "'a",
    "'\\''",
    "'\\\n'",
    "ENV ",
    "export ",
    "é",
    "🎉",
    "日本",
    "\u{feff}",
    "x",
    "foo",
    "key.name=",
];

fn fragments(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..max).prop_map(|v| v.concat())
}

fn document() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => fragments(120),
        1 => prop::collection::vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(String::from),
                any::<String>()
            ],
            0..40
        )
        .prop_map(|v| v.concat()),
    ]
}

fn language() -> impl Strategy<Value = Language> {
    prop::sample::select(LANGUAGES.iter().map(|r| r.language).collect::<Vec<_>>())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An edit of `text` from two indexes: (range, inserted text).
fn edit_of(
    text: &str,
    a: prop::sample::Index,
    len: usize,
    inserted: &str,
) -> (Range<usize>, String) {
    let s = floor_boundary(text, a.index(text.len() + 1));
    let e = floor_boundary(text, s + len).max(s);
    (s..e, inserted.to_string())
}

fn apply(text: &str, r: &Range<usize>, ins: &str) -> String {
    let mut t = String::with_capacity(text.len() + ins.len());
    t.push_str(&text[..r.start]);
    t.push_str(ins);
    t.push_str(&text[r.end..]);
    t
}

fn check(prev: &ScanResult, old: &str, r: &Range<usize>, ins: &str, lang: Language) -> ScanResult {
    let new = apply(old, r, ins);
    let got = rescan(prev, old, r.clone(), ins, &new, lang);
    let want = scan(&new, lang);
    assert_eq!(
        got, want,
        "{lang:?}: edit {r:?} -> {ins:?}\nold: {old:?}\nnew: {new:?}"
    );
    let owned = rescan_owned(prev.clone(), old, r.clone(), ins, &new, lang);
    assert_eq!(owned, want, "rescan_owned, {lang:?}: edit {r:?} -> {ins:?}");
    got
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn rescan_equals_scan(
        text in document(),
        lang in language(),
        a in any::<prop::sample::Index>(),
        len in prop_oneof![Just(0usize), 0usize..4, 0usize..200],
        ins in prop_oneof![Just(String::new()), fragments(6), any::<String>()],
    ) {
        let prev = scan(&text, lang);
        let (r, ins) = edit_of(&text, a, len, &ins);
        check(&prev, &text, &r, &ins, lang);
    }

    #[test]
    fn rescan_chains_of_edits(
        text in fragments(80),
        lang in language(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0usize..12, fragments(4)),
            1..8
        ),
    ) {
        let mut text = text;
        let mut prev = scan(&text, lang);
        for (a, len, ins) in edits {
            let (r, ins) = edit_of(&text, a, len, &ins);
            prev = check(&prev, &text, &r, &ins, lang);
            text = apply(&text, &r, &ins);
        }
    }
}

/// Every fixture file, edited at many places with fragments (typing one character,
/// pasting a line, deleting a range).
#[test]
fn rescan_fixtures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = 0;
    for row in LANGUAGES {
        let dir = root.join(row.fixture);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "snap") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            files += 1;
            let prev = scan(&text, row.language);
            let step = (text.len() / 40).max(1);
            let mut k = 0usize;
            let mut at = 0;
            while at <= text.len() {
                let s = floor_boundary(&text, at);
                let frag = FRAGMENTS[k % FRAGMENTS.len()];
                let len = [0, 1, 7, 40][k % 4];
                let e = floor_boundary(&text, s + len).max(s);
                check(&prev, &text, &(s..e), frag, row.language);
                k += 1;
                at += step;
            }
        }
    }
    assert!(files >= LANGUAGES.len(), "{files}");
}

/// A typing session in a long file re-reads only a few lines per keystroke (checked by
/// the result; the speed is in `benches/rescan.rs`).
#[test]
fn rescan_long_python_file() {
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            "MODEL_{i} = \"anthropic.claude-3-5-sonnet-20241022-v2:0\"  # {i}\n\"\"\"doc {i}\nmore\"\"\"\n"
        ));
    }
    let mut prev = scan(&text, Language::Python);
    let mut at = text.len() / 2;
    for ch in "client.converse(modelId=\"us.amazon.nova-pro-v1:0\")\n".chars() {
        let ins = ch.to_string();
        prev = check(&prev, &text, &(at..at), &ins, Language::Python);
        text = apply(&text, &(at..at), &ins);
        at += ins.len();
    }
}
