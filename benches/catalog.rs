//! Catalog load and lookup times. `cargo bench --bench catalog`.

use bedrock_lsp::catalog::{Catalog, EMBEDDED_JSON};

fn main() {
    divan::main();
}

/// Parsing and indexing the embedded catalog (what `Catalog::embedded()` does once).
#[divan::bench]
fn load_embedded() -> Catalog {
    Catalog::from_json("catalog/catalog.json", divan::black_box(EMBEDDED_JSON)).unwrap()
}

#[divan::bench(args = [
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
])]
fn resolve(bencher: divan::Bencher, id: &str) {
    let cat = Catalog::embedded();
    bencher.bench(|| cat.resolve(divan::black_box(id)).model().is_some());
}

#[divan::bench(args = ["anthropic.claude-3-5-sonet-20241022-v2:0", "anthropic.claude-v2:1:300k", "claude-3-5-sonnet-20241022"])]
fn suggest(bencher: divan::Bencher, typo: &str) {
    let cat = Catalog::embedded();
    bencher.bench(|| cat.suggest(divan::black_box(typo), 5));
}

#[divan::bench]
fn search_words(bencher: divan::Bencher) {
    let cat = Catalog::embedded();
    bencher.bench(|| cat.search(divan::black_box("sonnet 4.5"), 20).len());
}
