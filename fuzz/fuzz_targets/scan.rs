//! The scanner and the whole analysis on any bytes, in every language: no panic, spans
//! on character boundaries inside the text.
#![no_main]

use bedrock_lsp::analysis::{self, Context};
use bedrock_lsp::catalog::{Catalog, Date};
use bedrock_lsp::settings::Settings;
use bedrock_lsp::syntax::{self, LANGUAGES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let row = &LANGUAGES[selector as usize % LANGUAGES.len()];
    let language = row.language;
    let scan = syntax::scan(&text, language);
    for l in &scan.literals {
        assert!(l.span.end <= text.len() && text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end));
    }
    let catalog = Catalog::embedded();
    let settings = Settings::default();
    let ctx = Context { catalog: &catalog, settings: &settings, today: Date::new(2026, 11, 21).unwrap(), test_file: false };
    let a = analysis::analyze_scanned(&text, language, scan, &ctx);
    for offset in [0, text.len() / 2, text.len()] {
        let _ = analysis::hover(&text, &a, offset, &ctx);
        let _ = analysis::completions(&text, language, offset, &a, &ctx);
    }
    let _ = analysis::code_actions(
        &text,
        language,
        &a,
        0..text.len(),
        Some(bedrock_lsp::settings::project::ProjectSettingsFile {
            kind: bedrock_lsp::settings::project::ProjectFileKind::Dedicated,
            text: None,
        }),
    );
});
