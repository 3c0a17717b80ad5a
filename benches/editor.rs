//! What the server computes per keystroke and per request, on Python documents of 1k,
//! 10k and 100k lines (the documents `benches/e2e_latency.py` types into): a full
//! analysis (the first one after `didOpen`), the incremental analysis of a one-character
//! edit (what runs after each keystroke: text diff, rescan of the touched lines,
//! findings kept outside them), completion and hover on the stored analysis, and
//! completion and hover while typing (from a window of the text and the previous
//! version's analysis).
//!
//! Run: `cargo bench --bench editor`. Targets (issue 9, 100k lines): completion and
//! hover under 1 ms; diagnostics republished under 5 ms after an edit.

use bedrock_lsp::analysis::{self, Context, DocumentAnalysis};
use bedrock_lsp::catalog::{Catalog, Date};
use bedrock_lsp::documents::{apply_byte_edits, ByteEdit};
use bedrock_lsp::settings::Settings;
use bedrock_lsp::syntax::Language;
use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1_000, 10_000, 100_000];

/// Ten-line blocks: a client with its region, two calls (one ID wrong in every
/// hundredth block), a docstring, comments, a config dict.
fn document(lines: usize) -> String {
    let mut out = Vec::with_capacity(lines + 10);
    let mut i = 0;
    while out.len() < lines {
        let wrong = if i % 100 == 7 {
            "anthropic.claude-3-5-sonet-20241022-v2:0"
        } else {
            "amazon.nova-pro-v1:0"
        };
        out.extend([
            format!("client_{i} = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\n"),
            format!("def ask_{i}(prompt):\n"),
            format!("    \"\"\"Ask model number {i} a question.\"\"\"\n"),
            format!("    # retry on throttling ({i})\n"),
            format!("    a = client_{i}.converse(modelId=\"us.anthropic.claude-sonnet-4-5-20250929-v1:0\", messages=prompt)\n"),
            format!("    b = client_{i}.converse(modelId=\"{wrong}\", messages=prompt)\n"),
            format!("    log.info(\"done %s\", \"{i}\")\n"),
            format!("    cfg = {{\"model\": \"amazon.nova-lite-v1:0\", \"max_tokens\": {i}}}\n"),
            "    return a, b, cfg\n".to_string(),
            "\n".to_string(),
        ]);
        i += 1;
    }
    out.truncate(lines);
    out.concat()
}

struct Fixture {
    catalog: std::sync::Arc<Catalog>,
    settings: Settings,
    text: String,
    analysis: DocumentAnalysis,
}

impl Fixture {
    fn new(lines: usize) -> Fixture {
        let catalog = Catalog::embedded();
        let settings = Settings::default();
        let text = document(lines);
        let analysis = {
            let ctx = Context {
                catalog: &catalog,
                settings: &settings,
                today: today(),
                test_file: false,
            };
            analysis::analyze(&text, Language::Python, &ctx)
        };
        Fixture {
            catalog,
            settings,
            text,
            analysis,
        }
    }
    fn ctx(&self) -> Context<'_> {
        Context {
            catalog: &self.catalog,
            settings: &self.settings,
            today: today(),
            test_file: false,
        }
    }
    /// The server's keystroke: `edit` applied to `text` in place, `prev` (the analysis
    /// of `text` before it) updated.
    fn edited(
        &self,
        prev: DocumentAnalysis,
        text: &mut String,
        edit: &[ByteEdit],
    ) -> DocumentAnalysis {
        let (range, inserted) = apply_byte_edits(text, edit).unwrap();
        let ctx = self.ctx();
        analysis::analyze_replaced(prev, range, inserted, text, Language::Python, &ctx, true).0
    }

    /// An offset inside the `modelId` string of the call in the middle of the text.
    fn middle_id(&self) -> usize {
        let mid = self.text.len() / 2;
        mid + self.text[mid..].find("modelId=\"us.anthropic").unwrap() + 20
    }

    /// The keystroke of the `keystroke_*` benches: an `x` typed into the middle ID.
    fn middle_keystroke(&self) -> [ByteEdit; 1] {
        let at = self.middle_id();
        [ByteEdit {
            range: at..at,
            text: "x".into(),
        }]
    }

    /// A copy of the text with room to grow, like the server's buffer (reused from
    /// version to version): a keystroke's bench does not time a reallocation.
    fn text_with_room(&self) -> String {
        let mut text = String::with_capacity(self.text.len() + 4096);
        text.push_str(&self.text);
        text
    }
}

fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn full_analysis(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    bencher.bench(|| analysis::analyze(divan::black_box(&f.text), Language::Python, &f.ctx()));
}

/// One character typed inside the string in the middle: the analysis the server runs
/// after the debounce (the previous version's analysis is reused).
#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_incremental_analysis(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let at = f.middle_id();
    let mut new = f.text.clone();
    new.insert(at, 'x');
    bencher.bench(|| {
        analysis::analyze_incremental(
            &f.analysis,
            &f.text,
            divan::black_box(&new),
            Language::Python,
            &f.ctx(),
            true,
        )
    });
}

/// Completion inside the `modelId` string in the middle of the document.
#[divan::bench(args = SIZES, sample_count = 200)]
fn completion(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let at = f.middle_id();
    bencher.bench(|| {
        analysis::completions(
            &f.text,
            Language::Python,
            divan::black_box(at),
            &f.analysis,
            &f.ctx(),
        )
        .unwrap()
    });
}

/// Hover over the ID in the middle of the document.
#[divan::bench(args = SIZES, sample_count = 200)]
fn hover(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let at = f.middle_id();
    bencher
        .bench(|| analysis::hover(&f.text, &f.analysis, divan::black_box(at), &f.ctx()).unwrap());
}

/// Completion and hover right after a keystroke, as the server answers them while typing:
/// from a window of the edited text (read from a rope, as the server does) and the
/// previous version's analysis, without the analysis of the edited version.
#[divan::bench(args = SIZES, sample_count = 200)]
fn typing_completion_and_hover_from_window(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let edit = f.middle_keystroke();
    let at = edit[0].range.start;
    let mut text = f.text.clone();
    let (old, inserted) = apply_byte_edits(&mut text, &edit).unwrap();
    let rope = ropey::Rope::from_str(&text);
    let since = analysis::Since {
        prev: &f.analysis,
        old: &old,
        inserted_len: inserted,
    };
    let reach = bedrock_lsp::syntax::Reach::default();
    let ctx = f.ctx();
    bencher.bench(|| {
        let at = divan::black_box(at + 1);
        let c = analysis::completions_near(since, &rope, Language::Python, at, &ctx, reach);
        let h = analysis::hover_near(since, &rope, Language::Python, at, &ctx, reach);
        (c.unwrap().unwrap(), h.unwrap())
    });
}

/// The parts of a keystroke's analysis that read the whole text: copying the rope into
/// one string, and finding the edit by comparing the two versions.
#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_text_copy_and_diff(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let at = f.middle_id();
    let mut rope = ropey::Rope::from_str(&f.text);
    rope.insert_char(rope.byte_to_char(at), 'x');
    bencher.bench(|| {
        let new = divan::black_box(&rope).to_string();
        analysis::text_diff(&f.text, &new)
    });
}

/// The keystroke as the server runs it: the rope copied into a string, the previous
/// analysis updated in place (`analyze_edit` takes it by value; the copy given to each
/// iteration is made outside the timed part).
#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_server_path(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let at = f.middle_id();
    let mut rope = ropey::Rope::from_str(&f.text);
    rope.insert_char(rope.byte_to_char(at), 'x');
    bencher
        .with_inputs(|| f.analysis.clone())
        .bench_values(|prev| {
            let new = divan::black_box(&rope).to_string();
            analysis::analyze_edit(prev, &f.text, &new, Language::Python, &f.ctx(), true)
        });
}

/// The keystroke as the server runs it now: the client's edit applied to the previous
/// version's text in place, the previous analysis updated for the edited range (no
/// copy of the text, no comparison). The copies given to each iteration are made
/// outside the timed part.
#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_from_edits(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let edit = f.middle_keystroke();
    bencher
        .with_inputs(|| (f.analysis.clone(), f.text_with_room()))
        .bench_values(|(prev, mut text)| {
            let a = f.edited(prev, &mut text, &edit);
            (a, text)
        });
}

/// The part of [`keystroke_from_edits`] that moves the text: the edit applied to the
/// previous version's text in place (the bytes after it move by one). The rest of that
/// keystroke is the scan and findings update.
#[divan::bench(args = SIZES, sample_count = 50)]
fn keystroke_text_edit(bencher: Bencher, lines: usize) {
    let f = Fixture::new(lines);
    let edit = f.middle_keystroke();
    bencher
        .with_inputs(|| f.text_with_room())
        .bench_values(|mut text| {
            apply_byte_edits(&mut text, &edit);
            text
        });
}

/// The typing workload of `benches/e2e_latency.py`: a new `converse(modelId="…")` line
/// typed one character at a time in the middle of the document, each keystroke
/// analysed from the previous one's result and the client's edit (the ID is partial,
/// and unknown, while it is typed). One iteration types the whole line.
#[divan::bench(args = SIZES, sample_count = 10)]
fn typing_a_line(bencher: Bencher, lines: usize) {
    const TYPED: &str = "x = client.converse(modelId=\"us.amazon.nova-pro-v1:0\", messages=m)\n";
    let f = Fixture::new(lines);
    let mid = f.text.len() / 2;
    let at = mid + f.text[mid..].find("\n    a = ").unwrap() + 5;
    bencher
        .with_inputs(|| (f.analysis.clone(), f.text.clone()))
        .bench_values(|(mut a, mut text)| {
            for (i, ch) in TYPED.char_indices() {
                let edit = [ByteEdit {
                    range: at + i..at + i,
                    text: ch.to_string(),
                }];
                a = f.edited(a, &mut text, &edit);
            }
            (a, text)
        });
}
