//! Property tests: for any input and any language, `scan` and `completion_site` never
//! panic, and every span they return lies inside the text on char boundaries, with the
//! ID span inside the literal's content.

use crate::support::{language, FRAGMENTS};
use bedrock_lsp::syntax::{completion_site, scan, LANGUAGES};
use proptest::prelude::*;

fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat()),
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(String::from),
                any::<String>()
            ],
            0..30
        )
        .prop_map(|v| v.concat()),
    ]
}

fn check_range(text: &str, r: &std::ops::Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} out of bounds ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn scan_never_panics_and_spans_are_sound(text in input(), lang in language()) {
        let res = scan(&text, lang);
        for l in &res.literals {
            check_range(&text, &l.span, "span");
            check_range(&text, &l.content, "content");
            prop_assert!(l.content.start <= l.span.start && l.span.end <= l.content.end, "{l:?}");
        }
        for r in &res.regions {
            check_range(&text, &r.span, "region");
        }
        for i in &res.ignores {
            check_range(&text, &i.applies_to, "ignore");
            check_range(&text, &i.span, "directive");
            check_range(&text, &i.removal, "removal");
            prop_assert!(text[i.span.clone()].starts_with("bedrock-lsp"), "{i:?}");
            prop_assert!(
                i.removal.is_empty() || (i.removal.start <= i.span.start && i.span.end <= i.removal.end),
                "{i:?}"
            );
        }
    }

    #[test]
    fn completion_never_panics(text in input(), lang in language(), at in any::<prop::sample::Index>()) {
        let offset = at.index(text.len() + 1);
        if let Some(s) = completion_site(&text, lang, offset) {
            check_range(&text, &s.replace, "replace");
            check_range(&text, &s.typed, "typed");
            prop_assert!(s.replace.start <= offset && offset <= s.replace.end);
        }
    }
}

#[test]
fn large_and_binary_inputs() {
    let mut big = String::new();
    for i in 0..20_000 {
        big.push_str(&format!(
            "x{i} = \"anthropic.claude-v2\" # {i} ${{ \u{1F389} \"\n"
        ));
    }
    for row in LANGUAGES {
        let res = scan(&big, row.language);
        for l in &res.literals {
            check_range(&big, &l.span, "span");
        }
    }
    let binary: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let text = String::from_utf8_lossy(&binary);
    for row in LANGUAGES {
        scan(&text, row.language);
    }
}
