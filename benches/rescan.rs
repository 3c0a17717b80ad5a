//! Incremental rescan after one keystroke vs a full scan, on Python documents of 1k, 10k
//! and 100k lines (mixed code, docstrings, comments, IDs). The edit is a one-character
//! insertion in the middle of the document; the rescan gets the previous scan.
//!
//! Run: `cargo bench --bench rescan`.

use bedrock_lsp::syntax::{rescan, rescan_owned, scan, Language};
use divan::Bencher;

fn main() {
    divan::main();
}

fn document(lines: usize) -> String {
    let mut t = String::with_capacity(lines * 48);
    let mut i = 0;
    // Six lines per item.
    while i * 6 < lines {
        t.push_str(&format!(
            "MODEL_{i} = os.environ.get(\"BEDROCK_MODEL_ID\", \"anthropic.claude-3-5-sonnet-20241022-v2:0\")\n\
             def f_{i}(x):\n    \"\"\"Docstring {i}\n    over two lines.\"\"\"\n    # comment {i}\n    return client.converse(modelId=MODEL_{i}, messages=x)\n"
        ));
        i += 1;
    }
    t
}

const SIZES: &[usize] = &[1_000, 10_000, 100_000];

#[divan::bench(args = SIZES, sample_count = 20)]
fn full_scan(bencher: Bencher, lines: usize) {
    let text = document(lines);
    bencher.bench(|| scan(divan::black_box(&text), Language::Python));
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_rescan(bencher: Bencher, lines: usize) {
    let old = document(lines);
    let prev = scan(&old, Language::Python);
    // Type `x` inside the string on the middle line.
    let mid = old.len() / 2;
    let at = mid + old[mid..].find("anthropic").unwrap() + 3;
    let mut new = old.clone();
    new.insert(at, 'x');
    bencher.bench(|| {
        rescan(
            divan::black_box(&prev),
            &old,
            at..at,
            "x",
            divan::black_box(&new),
            Language::Python,
        )
    });
}

/// The same keystroke with [`rescan_owned`] (the previous result is updated in place;
/// the clone of it is outside the timed part).
#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_rescan_owned(bencher: Bencher, lines: usize) {
    let old = document(lines);
    let prev = scan(&old, Language::Python);
    let mid = old.len() / 2;
    let at = mid + old[mid..].find("anthropic").unwrap() + 3;
    let mut new = old.clone();
    new.insert(at, 'x');
    bencher.with_inputs(|| prev.clone()).bench_values(|p| {
        rescan_owned(
            p,
            &old,
            at..at,
            "x",
            divan::black_box(&new),
            Language::Python,
        )
    });
}

/// Opening a docstring (`"""`) changes the rest of the file: the worst case.
#[divan::bench(args = SIZES, sample_count = 10)]
fn open_docstring_rescan(bencher: Bencher, lines: usize) {
    let old = document(lines);
    let prev = scan(&old, Language::Python);
    let at = old.len() / 2;
    let at = at + old[at..].find('\n').unwrap() + 1;
    let mut new = old.clone();
    new.insert_str(at, "\"\"\"");
    bencher.bench(|| {
        rescan(
            divan::black_box(&prev),
            &old,
            at..at,
            "\"\"\"",
            divan::black_box(&new),
            Language::Python,
        )
    });
}
