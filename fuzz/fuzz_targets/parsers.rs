//! Parsers of untrusted input: catalog files and AWS listings, settings (TOML and
//! JSON), the ID/ARN parser, and the protocol frame judge. Errors are fine; panics are not.
#![no_main]

use bedrock_lsp::catalog::{id, Catalog};
use bedrock_lsp::server::transport;
use bedrock_lsp::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = id::parse(&text);
    let _ = id::looks_like_model_id(&text);
    let mut s = Settings::default();
    let _ = s.apply_toml(&text, "fuzz.toml");
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        let _ = s.apply_json(&v, "fuzz");
    }
    let _ = transport::judge(data);
    let mut cat = (*Catalog::embedded()).clone();
    let _ = cat.apply_text(std::path::Path::new("fuzz.json"), &text, Some("us-east-1"));
    let _ = cat.resolve(&text);
    let _ = cat.suggest(&text, 3);
});
