//! Snapshot tests of the analysis, feature by feature, as a user would read them:
//! diagnostics with their messages and fixes, hover cards, completion lists and code
//! actions, on realistic code, with the catalog shipped in the binary and a fixed day.

use bedrock_lsp::analysis::{self, ActionKind, Code, Context};
use bedrock_lsp::catalog::{Catalog, Date};
use bedrock_lsp::settings::Settings;
use bedrock_lsp::syntax::Language;
use expect_test::{expect, Expect};

use crate::support::today as day;

fn with_ctx<T>(settings: &Settings, f: impl FnOnce(&Context) -> T) -> T {
    crate::support::with_context(settings, day(), f)
}

fn lang(id: &str) -> Language {
    Language::detect(Some(id), None)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Findings as `line:col code level `id`: message` plus their fixes.
fn render(text: &str, language: &str, settings: &Settings) -> String {
    with_ctx(settings, |ctx| {
        let a = analysis::analyze(text, lang(language), ctx);
        let mut out = String::new();
        for f in &a.findings {
            let (l, c) = line_col(text, f.span.start);
            out.push_str(&format!(
                "{l}:{c} {} {:?} `{}`{}\n    {}\n",
                f.code,
                f.level,
                &text[f.span.clone()],
                if f.deprecated { " [deprecated]" } else { "" },
                f.message
            ));
            for fix in &f.fixes {
                out.push_str(&format!(
                    "    fix: {}{}{}\n",
                    fix.title,
                    if fix.preferred { " (preferred)" } else { "" },
                    if fix.safe { " (safe)" } else { "" }
                ));
            }
        }
        out
    })
}

fn check(text: &str, language: &str, expect: Expect) {
    expect.assert_eq(&render(text, language, &Settings::default()));
}

#[test]
fn python_boto3_mistakes() {
    check(
        r#"import boto3
client = boto3.client("bedrock-runtime", region_name="us-east-1")
a = client.converse(modelId="anthropic.claude-3-5-sonet-20241022-v2:0", messages=[])
b = client.converse(modelId="anthropic.claude-sonnet-4-5-20250929-v1:0", messages=[])
c = client.converse(modelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0", messages=[])
d = client.converse(modelId="amazon.nova-pro-v1:0", messages=[])
e = client.invoke_model(modelId="anthropic.claude-v2", body=b"{}")
f = client.converse(modelId="anthropic.claude-opus-4-1-20250805-v1:0", messages=[])
"#,
        "python",
        expect![[r#"
            3:30 unknown-model Error `anthropic.claude-3-5-sonet-20241022-v2:0`
                Unknown Bedrock model ID `anthropic.claude-3-5-sonet-20241022-v2:0`. Did you mean `anthropic.claude-3-5-sonnet-20241022-v2:0`? Note: Claude 3.5 Sonnet V2:0 reached end of life on 2026-07-30; its replacement is Claude Sonnet 4.5 (`anthropic.claude-sonnet-4-5-20250929-v1:0`).
            4:30 needs-inference-profile Warning `anthropic.claude-sonnet-4-5-20250929-v1:0`
                In us-east-1 (the region set for this call or its client), Claude Sonnet 4.5 is served only through a cross-region inference profile; the bare ID `anthropic.claude-sonnet-4-5-20250929-v1:0` fails on demand. Use `global.anthropic.claude-sonnet-4-5-20250929-v1:0`, `us.anthropic.claude-sonnet-4-5-20250929-v1:0`.
                fix: Use the inference profile `us.anthropic.claude-sonnet-4-5-20250929-v1:0` (preferred)
                fix: Use the inference profile `global.anthropic.claude-sonnet-4-5-20250929-v1:0`
            7:34 eol-model Error `anthropic.claude-v2` [deprecated]
                Claude v2 (2.0) (`anthropic.claude-v2`) reached end of life on 2025-07-21: calls with this ID fail.
            8:30 needs-inference-profile Warning `anthropic.claude-opus-4-1-20250805-v1:0`
                In us-east-1 (the region set for this call or its client), Claude Opus 4.1 is served only through a cross-region inference profile; the bare ID `anthropic.claude-opus-4-1-20250805-v1:0` fails on demand. Use `us.anthropic.claude-opus-4-1-20250805-v1:0`.
                fix: Use the inference profile `us.anthropic.claude-opus-4-1-20250805-v1:0` (preferred)
        "#]],
    );
}

/// A context-window variant no source lists is still the retired model's: end of life,
/// with no fix; the same suffix on an active model is only not in the catalog.
#[test]
fn context_variants_of_retired_models() {
    check(
        r#"import boto3
client = boto3.client("bedrock-runtime")
client.converse(modelId="anthropic.claude-sonnet-4-20250514-v1:0:32k", messages=[])
client.converse(modelId="anthropic.claude-sonnet-4-5-20250929-v1:0:32k", messages=[])
MODELS = ["anthropic.claude-v2:1:77k"]
"#,
        "python",
        expect![[r#"
            3:26 eol-model Error `anthropic.claude-sonnet-4-20250514-v1:0:32k` [deprecated]
                `anthropic.claude-sonnet-4-20250514-v1:0:32k` is a 32k context variant of Claude Sonnet 4 (`anthropic.claude-sonnet-4-20250514-v1:0`), which reached end of life on 2026-10-14: calls with it fail. Its replacement is Claude Sonnet 4.5 (`anthropic.claude-sonnet-4-5-20250929-v1:0`).
            4:26 unknown-model Warning `anthropic.claude-sonnet-4-5-20250929-v1:0:32k`
                `anthropic.claude-sonnet-4-5-20250929-v1:0:32k` is not in the catalog (as of 2026-12-02). If AWS added it since, update the catalog (`bedrock-lsp catalog refresh`) or add it to `ignoreIds`.
            5:12 eol-model Warning `anthropic.claude-v2:1:77k` [deprecated]
                `anthropic.claude-v2:1:77k` is a 77k context variant of Claude 2.1 (`anthropic.claude-v2:1`), which reached end of life: calls with it fail.
        "#]],
    );
}

#[test]
fn noise_stays_silent() {
    // Correct IDs, hard negatives, comments, prose and foreign names outside Bedrock code.
    check(
        r#"import json
# anthropic.claude-3-5-sonet-20241022-v2:0 is mentioned in a comment only
cfg = json.load(open("meta.json"))
url = "https://amazon.com/mistral.yaml"
model = "gpt-4o"
ok = "amazon.nova-pro-v1:0"
arn = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/2kbsta0lwebx"
prov = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcd1234efgh"
"#,
        "python",
        expect![[r#""#]],
    );
    // An Anthropic-API name in code that does not use Bedrock is correct code.
    check(
        "import anthropic\nanthropic.Anthropic().messages.create(model=\"claude-3-5-sonnet-20241022\")\n",
        "python",
        expect![[r#""#]],
    );
}

#[test]
fn region_inference_per_language() {
    // The nearest region named in the code decides.
    check(
        r#"provider "aws" {
  region = "eu-west-1"
}
resource "aws_bedrockagent_agent" "a" {
  foundation_model = "anthropic.claude-sonnet-4-5-20250929-v1:0"
}
"#,
        "terraform",
        expect![[r#"
            5:23 needs-inference-profile Warning `anthropic.claude-sonnet-4-5-20250929-v1:0`
                In eu-west-1 (the region set for this call or its client), Claude Sonnet 4.5 is served only through a cross-region inference profile; the bare ID `anthropic.claude-sonnet-4-5-20250929-v1:0` fails on demand. Use `eu.anthropic.claude-sonnet-4-5-20250929-v1:0`, `global.anthropic.claude-sonnet-4-5-20250929-v1:0`.
                fix: Use the inference profile `eu.anthropic.claude-sonnet-4-5-20250929-v1:0` (preferred)
                fix: Use the inference profile `global.anthropic.claude-sonnet-4-5-20250929-v1:0`
        "#]],
    );
    check(
        "AWS_REGION=eu-central-1\nBEDROCK_MODEL_ID=us.anthropic.claude-sonnet-4-5-20250929-v1:0\n",
        "dotenv",
        expect![[r#"
            2:18 region-unavailable Warning `us.anthropic.claude-sonnet-4-5-20250929-v1:0`
                The `us.` inference profile cannot be called from eu-central-1 (the region set for this call or its client): its source regions are elsewhere. From eu-central-1, use `eu.anthropic.claude-sonnet-4-5-20250929-v1:0`, `global.anthropic.claude-sonnet-4-5-20250929-v1:0`.
                fix: Use `eu.anthropic.claude-sonnet-4-5-20250929-v1:0` (preferred)
                fix: Use `global.anthropic.claude-sonnet-4-5-20250929-v1:0`
        "#]],
    );
    check(
        r#"import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
const client = new BedrockRuntimeClient({ region: "us-west-2" });
await client.send(new ConverseCommand({ modelId: "amazon.nova-pro-v1:0", messages: [] }));
"#,
        "typescript",
        expect![[r#"
            3:51 needs-inference-profile Warning `amazon.nova-pro-v1:0`
                In us-west-2 (the region set for this call or its client), Nova Pro is served only through a cross-region inference profile; the bare ID `amazon.nova-pro-v1:0` fails on demand. Use `us.amazon.nova-pro-v1:0`.
                fix: Use the inference profile `us.amazon.nova-pro-v1:0` (preferred)
        "#]],
    );
    // The region inside an ARN wins.
    check(
        "client.converse(modelId=\"arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0\")\n",
        "python",
        expect![[r#""#]],
    );
    // With no region known, region rules stay silent.
    check(
        "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
        "python",
        expect![[r#""#]],
    );
}

#[test]
fn settings_region_and_severity() {
    let mut s = Settings::default();
    s.apply_json(
        &serde_json::json!({"region": "eu-west-1", "severity": {"needs-inference-profile": "error"}}),
        "test",
    );
    expect![[r#"
        1:26 needs-inference-profile Error `amazon.nova-pro-v1:0`
            In eu-west-1 (the configured region), Nova Pro is served only through a cross-region inference profile; the bare ID `amazon.nova-pro-v1:0` fails on demand. Use `eu.amazon.nova-pro-v1:0`.
            fix: Use the inference profile `eu.amazon.nova-pro-v1:0` (preferred)
    "#]].assert_eq(&render(
        "client.converse(modelId=\"amazon.nova-pro-v1:0\")\n",
        "python",
        &s,
    ));
    let mut s = Settings::default();
    s.apply_json(
        &serde_json::json!({"ignoreIds": ["anthropic.claude-v2"]}),
        "test",
    );
    assert_eq!(
        render(
            "client.converse(modelId=\"anthropic.claude-v2\")\n",
            "python",
            &s
        ),
        ""
    );
}

#[test]
fn ignore_comments_are_honoured() {
    check(
        "a = client.converse(modelId=\"anthropic.claude-v2\")  # bedrock-lsp: ignore[eol-model]\n\
         b = client.converse(modelId=\"anthropic.claude-v2\")  # bedrock-lsp: ignore[unknown-model]\n",
        "python",
        expect![[r#"
            2:30 eol-model Error `anthropic.claude-v2` [deprecated]
                Claude v2 (2.0) (`anthropic.claude-v2`) reached end of life on 2025-07-21: calls with this ID fail.
        "#]],
    );
}

/// For each code: a case, its quick fix applied, and the document checked clean.
#[test]
fn every_code_has_a_fix_that_leaves_the_document_clean() {
    let cases: &[(Code, &str, &str)] = &[
        (Code::UnknownModel, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"us.anthropic.claude-sonet-4-5-20250929-v1:0\")\n"),
        (Code::EolModel, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"anthropic.claude-3-5-sonnet-20240620-v1:0\")\n"),
        // Claude Sonnet 4 was legacy from 2026-04-14 to its end of life on 2026-10-14.
        (Code::LegacyModel, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"us.anthropic.claude-sonnet-4-20250514-v1:0\")\n"),
        (Code::NeedsInferenceProfile, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"anthropic.claude-sonnet-4-5-20250929-v1:0\")\n"),
        (Code::RegionUnavailable, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"eu.anthropic.claude-sonnet-4-5-20250929-v1:0\")\n"),
        (Code::ProvisionedOnly, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"amazon.nova-pro-v1:0:300k\")\n"),
        (Code::NotBedrockId, "python", "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"claude-sonnet-4-5-20250929\")\n"),
    ];
    let settings = Settings::default();
    let cat = Catalog::embedded();
    for (code, language, text) in cases {
        let today = if *code == Code::LegacyModel {
            Date::parse("2026-06-01").unwrap()
        } else {
            day()
        };
        let ctx = &Context {
            catalog: &cat,
            settings: &settings,
            today,
            test_file: false,
        };
        {
            let a = analysis::analyze(text, lang(language), ctx);
            let f = a
                .findings
                .iter()
                .find(|f| f.code == *code)
                .unwrap_or_else(|| panic!("{code}: no finding in {text}: {:?}", a.findings));
            let fix = f
                .fixes
                .iter()
                .find(|x| x.preferred)
                .unwrap_or_else(|| panic!("{code}: no preferred fix: {f:?}"));
            let mut fixed = text.to_string();
            for e in fix.edits.iter().rev() {
                fixed.replace_range(e.span.clone(), &e.new_text);
            }
            let again = analysis::analyze(&fixed, lang(language), ctx);
            assert!(
                again.findings.is_empty(),
                "{code}: after `{}` still {:?}\n{fixed}",
                fix.title,
                again.findings
            );
            // The ignore-line action silences it too.
            let actions = analysis::code_actions(text, lang(language), &a, f.span.clone(), None);
            let ignore = actions
                .iter()
                .find(|x| matches!(x.kind, ActionKind::IgnoreLine { .. }))
                .expect("ignore action");
            let mut ignored = text.to_string();
            for e in ignore.edits.iter().rev() {
                ignored.replace_range(e.span.clone(), &e.new_text);
            }
            let again = analysis::analyze(&ignored, lang(language), ctx);
            assert!(
                again.findings.iter().all(|g| g.code != *code),
                "{code}: ignore comment not honoured:\n{ignored}"
            );
        }
    }
}

#[test]
fn hover_cards() {
    let settings = Settings::default();
    let text = "client = boto3.client('bedrock-runtime', region_name='eu-west-1')\nclient.converse(modelId=\"eu.amazon.nova-pro-v1:0\")\n";
    let card = with_ctx(&settings, |ctx| {
        let a = analysis::analyze(text, lang("python"), ctx);
        analysis::hover(text, &a, text.find("eu.amazon").unwrap() + 5, ctx)
            .unwrap()
            .markdown
    });
    expect![[r#"
        **Nova Pro** — Amazon

        `eu.amazon.nova-pro-v1:0` · cross-region inference profile, `eu` scope

        Used with: InvokeModel, Converse

        | | |
        |---|---|
        | Input | text, image |
        | Output | text |
        | Context window | 300,000 tokens |
        | Max output | 10,000 tokens |
        | Lifecycle | Active |

        Region in force: `eu-west-1` (named in this file)

        - Callable from (source regions of `eu.`): eu-central-1, eu-north-1, eu-south-1, eu-south-2, **eu-west-1** ◀, eu-west-3
        - Profile ID documented by: LITELLM
        - Other profiles: `apac.amazon.nova-pro-v1:0`, `us.amazon.nova-pro-v1:0`
        - Provisioned Throughput: `amazon.nova-pro-v1:0:24k` (24k), `amazon.nova-pro-v1:0:300k` (300k)

        [AWS model card](https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-pro.html)

        *bedrock-lsp catalog as of 2026-12-02; sources: AWS_ENDPOINTS, AWS_REGION_TABLE, CDK_ALPHA, CDK_LIB, LITELLM, SNAPSHOT_USE1*"#]].assert_eq(&card);
    // ARNs of resources that are not catalogued models, and unknown IDs.
    let text = "c.converse(modelId=\"arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/2kbsta0lwebx\")\nx = client.converse(modelId=\"amazon.nova-pr-v1:0\")\n";
    let cards = with_ctx(&settings, |ctx| {
        let a = analysis::analyze(text, lang("python"), ctx);
        [
            text.find("arn:").unwrap() + 2,
            text.find("amazon.").unwrap() + 2,
        ]
        .iter()
        .map(|&o| analysis::hover(text, &a, o, ctx).unwrap().markdown)
        .collect::<Vec<_>>()
        .join("\n---\n")
    });
    expect![[r#"
        **Application inference profile** ARN · region `us-east-1` · account `111122223333`

        Not a catalogued model: bedrock-lsp accepts it as written.
        ---
        **Unknown model ID** `amazon.nova-pr-v1:0`

        Not in the bedrock-lsp catalog (as of 2026-12-02). Did you mean `amazon.nova-pro-v1:0`?"#]]
    .assert_eq(&cards);
}

fn completion_labels(text: &str, language: &str, cursor_marker: &str) -> Vec<String> {
    let offset = text.find(cursor_marker).unwrap();
    let text = text.replacen(cursor_marker, "", 1);
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        let a = analysis::analyze(&text, lang(language), ctx);
        analysis::completions(&text, lang(language), offset, &a, ctx)
            .map(|c| c.items.into_iter().map(|i| i.label).collect())
            .unwrap_or_default()
    })
}

#[test]
fn completion_finds_models_by_words_and_respects_the_region() {
    let labels = completion_labels("c.converse(modelId=\"sonnet 4.5|\")", "python", "|");
    assert_eq!(
        labels.first().map(String::as_str),
        Some("global.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        "{labels:?}"
    );
    let labels = completion_labels("c.converse(modelId=\"nova lite|\")", "python", "|");
    assert!(
        labels.iter().take(6).any(|l| l.contains("nova-lite-v1:0")),
        "{labels:?}"
    );
    let labels = completion_labels("c.converse(modelId=\"haiku|\")", "python", "|");
    assert!(
        labels.iter().take(5).all(|l| l.contains("haiku")),
        "{labels:?}"
    );
    // In us-east-1, Claude Sonnet 4.5 is offered only through profiles: no bare ID.
    let labels = completion_labels(
        "c = boto3.client('bedrock-runtime', region_name='us-east-1')\nc.converse(modelId=\"anthropic.claude-sonnet-4-5|\")",
        "python",
        "|",
    );
    assert!(
        labels.contains(&"us.anthropic.claude-sonnet-4-5-20250929-v1:0".to_string()),
        "{labels:?}"
    );
    assert!(
        !labels.contains(&"anthropic.claude-sonnet-4-5-20250929-v1:0".to_string()),
        "{labels:?}"
    );
    // Retired models are offered too, after every model still in service.
    let items = completion_items("c.converse(modelId=\"anthropic.claude-v2|\")");
    let first_retired = items
        .iter()
        .position(|i| i.detail.contains("retired"))
        .expect("a retired model is offered");
    assert!(
        items[first_retired..]
            .iter()
            .all(|i| i.detail.contains("retired")),
        "retired models come last: {:?}",
        items
            .iter()
            .map(|i| (&i.label, &i.detail))
            .collect::<Vec<_>>()
    );
    assert!(items.iter().any(|i| i.label == "anthropic.claude-v2:1"));
}

fn completion_items(text_with_cursor: &str) -> Vec<analysis::CompletionItem> {
    let offset = text_with_cursor.find('|').unwrap();
    let text = text_with_cursor.replacen('|', "", 1);
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        let a = analysis::analyze(&text, lang("python"), ctx);
        analysis::completions(&text, lang("python"), offset, &a, ctx)
            .map(|c| c.items)
            .unwrap_or_default()
    })
}

/// A model-ID site never gets an empty list: where every match is retired
/// (`anthropic.claude-3-5`), they are listed, tagged deprecated, with their replacement
/// in `detail`; where nothing matches (a mistyped ID), the closest IDs are listed, the
/// did-you-mean's first; and the lists stay small.
#[test]
fn completion_is_never_empty_at_a_model_id_site() {
    let items = completion_items("c.converse(modelId=\"anthropic.claude-3-5|\")");
    assert!(!items.is_empty());
    let cat = Catalog::embedded();
    for i in &items {
        let base = i
            .label
            .trim_start_matches(|c: char| c != '.')
            .trim_start_matches('.');
        let m = cat.get(&i.label).or_else(|| cat.get(base));
        if let Some(m) = m {
            if m.status(day()) == bedrock_lsp::catalog::Status::Eol {
                assert!(i.deprecated, "{} is retired: deprecated", i.label);
                match cat.replacement(m, day()) {
                    Some(r) => assert!(
                        i.detail.ends_with(&format!("retired; use {}", r.id)),
                        "{}: {}",
                        i.label,
                        i.detail
                    ),
                    None => assert!(i.detail.ends_with("retired"), "{}", i.detail),
                }
            }
        }
    }
    // A mistyped ID that matches no ID by prefix or words: the did-you-mean first.
    let typo = "anthropic.claude-3-5-sonet-20241022-v2:0";
    let items = completion_items(&format!("c.converse(modelId=\"{typo}|\")"));
    assert!(!items.is_empty(), "a mistyped ID still gets a list");
    let suggested = cat.suggest(typo, 1);
    assert_eq!(items[0].label, suggested[0].id, "the did-you-mean first");
    assert!(items.len() <= 40, "a small list: {}", items.len());
    // Each item keeps what was typed as its filter text: the client shows them all.
    assert!(items.iter().all(|i| i.filter_text == typo));
    // Gibberish: still the closest IDs by shared prefix.
    let items = completion_items("c.converse(modelId=\"amazon.zzzz|\")");
    assert!(!items.is_empty());
    assert!(
        items[0].label.starts_with("amazon."),
        "{:?}",
        items[0].label
    );
}

#[test]
fn completion_replaces_the_whole_literal_and_inserts_quotes_after_a_key() {
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        let text = "c.converse(modelId=\"amazon.nova-pro-v1:0\")";
        let offset = text.find("nova").unwrap();
        let a = analysis::analyze(text, lang("python"), ctx);
        let c = analysis::completions(text, lang("python"), offset, &a, ctx).unwrap();
        let item = &c.items[0];
        assert_eq!(&text[item.edit.span.clone()], "amazon.nova-pro-v1:0");
        let text = "c.converse(modelId=";
        let a = analysis::analyze(text, lang("python"), ctx);
        let c = analysis::completions(text, lang("python"), text.len(), &a, ctx).unwrap();
        assert!(!c.items.is_empty());
        for item in &c.items {
            assert_eq!(item.edit.new_text, format!("\"{}\"", item.label));
        }
    });
}

#[test]
fn project_ignore_file_edits_keep_the_rest() {
    use bedrock_lsp::settings::project::ProjectFileKind::Dedicated;
    let add = |text: &str| analysis::add_ignored_id(text, Dedicated, "x.y").unwrap();
    assert_eq!(add(""), "ignore_ids = [\"x.y\"]\n");
    assert_eq!(
        add("# team settings\nregion = \"us-east-1\"\nignore_ids = [\"a.b\"]\n\n[severity]\nlegacy-model = \"hint\"\n"),
        "# team settings\nregion = \"us-east-1\"\nignore_ids = [\"a.b\", \"x.y\"]\n\n[severity]\nlegacy-model = \"hint\"\n"
    );
    assert_eq!(
        add("[severity]\neol-model = \"off\"\n"),
        "ignore_ids = [\"x.y\"]\n[severity]\neol-model = \"off\"\n"
    );
    // The written file is read back as intended.
    let mut s = Settings::default();
    assert!(s
        .apply_toml(&add("[severity]\neol-model = \"off\"\n"), "t")
        .is_empty());
    assert_eq!(s.ignore_ids, vec!["x.y"]);
    // A file that does not parse is not rewritten.
    assert!(analysis::add_ignored_id("ignore_ids = [", Dedicated, "x.y").is_err());
}

/// The region the code names decides, in every language's own SDK idiom: Nova Pro is
/// served in eu-west-1 only through the `eu.` profile.
/// The code and fix of each finding of `text`.
fn codes_and_fixes(text: &str, language: &str, ctx: &Context) -> Vec<(Code, String)> {
    analysis::analyze(text, lang(language), ctx)
        .findings
        .iter()
        .map(|f| {
            let fix = f.fixes.first().map(|x| x.edits[0].new_text.clone());
            (f.code, fix.unwrap_or_default())
        })
        .collect()
}

/// Issue 18: a region applies to a literal only where it is bound to the same call,
/// constructor, client or object, in every language family; the same region named
/// for something else in the file does not apply.
#[test]
fn region_bound_to_the_call_in_each_language_family() {
    let bound = [
        ("python", "c = boto3.client('bedrock-runtime', region_name='eu-west-1')\nc.converse(modelId=\"amazon.nova-pro-v1:0\")\n"),
        ("python", "m = BedrockModel(model_id=\"amazon.nova-pro-v1:0\", region_name=\"eu-west-1\")\n"),
        ("python", "c = boto3.client('bedrock-runtime', region_name='eu-west-1')\nreq = {\"modelId\": \"amazon.nova-pro-v1:0\", \"messages\": []}\nresp = c.converse(**req)\n"),
        ("python", "c = boto3.client('bedrock-runtime', region_name='eu-west-1')\nmodel_id = \"amazon.nova-pro-v1:0\"\nresp = c.converse(modelId=model_id, messages=[])\n"),
        ("typescript", "const c = new BedrockRuntimeClient({ region: \"eu-west-1\" });\nawait c.send(new ConverseCommand({ modelId: \"amazon.nova-pro-v1:0\" }));\n"),
        ("typescript", "const c = new BedrockRuntimeClient({ region: \"eu-west-1\" });\nconst cmd = new ConverseCommand({ modelId: \"amazon.nova-pro-v1:0\", messages });\nconst out = await c.send(cmd);\n"),
        ("java", "BedrockRuntimeClient c = BedrockRuntimeClient.builder().region(Region.EU_WEST_1).build();\nc.converse(r -> r.modelId(\"amazon.nova-pro-v1:0\"));\n"),
        ("kotlin", "val c = BedrockRuntimeClient { region = \"eu-west-1\" }\nc.converse { modelId = \"amazon.nova-pro-v1:0\" }\n"),
        ("go", "cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion(\"eu-west-1\"))\nc := bedrockruntime.NewFromConfig(cfg)\nout, _ := c.Converse(ctx, &bedrockruntime.ConverseInput{ModelId: aws.String(\"amazon.nova-pro-v1:0\")})\n"),
        ("csharp", "var c = new AmazonBedrockRuntimeClient(RegionEndpoint.EUWest1);\nvar r = new ConverseRequest { ModelId = \"amazon.nova-pro-v1:0\" };\nvar resp = await c.ConverseAsync(r);\n"),
        ("rust", "let config = aws_config::from_env().region(Region::new(\"eu-west-1\")).load().await;\nlet client = aws_sdk_bedrockruntime::Client::new(&config);\nclient.converse().model_id(\"amazon.nova-pro-v1:0\").send().await?;\n"),
        ("php", "$c = new BedrockRuntimeClient(['region' => 'eu-west-1']);\n$c->converse(['modelId' => 'amazon.nova-pro-v1:0']);\n"),
        ("ruby", "c = Aws::BedrockRuntime::Client.new(region: 'eu-west-1')\nc.converse(model_id: 'amazon.nova-pro-v1:0')\n"),
        ("terraform", "provider \"aws\" {\n  region = \"eu-west-1\"\n}\nresource \"aws_bedrockagent_agent\" \"a\" {\n  foundation_model = \"amazon.nova-pro-v1:0\"\n}\n"),
        ("yaml", "Environment:\n  Variables:\n    AWS_REGION: eu-west-1\n    MODEL_ID: amazon.nova-pro-v1:0\n"),
        ("json", "{\"region\": \"eu-west-1\", \"modelId\": \"amazon.nova-pro-v1:0\"}\n"),
        ("dotenv", "AWS_DEFAULT_REGION=eu-west-1\nBEDROCK_MODEL_ID=amazon.nova-pro-v1:0\n"),
        ("shellscript", "aws bedrock-runtime converse --region eu-west-1 \\\n  --model-id amazon.nova-pro-v1:0\n"),
    ];
    let elsewhere = [
        ("python", "def a():\n    s3 = boto3.client('s3', region_name='eu-west-1')\n\ndef b(c):\n    return c.converse(modelId=\"amazon.nova-pro-v1:0\")\n"),
        ("python", "CASES = [\n    {\"name\": \"eu\", \"region\": \"eu-west-1\"},\n    {\"name\": \"default\", \"modelId\": \"amazon.nova-pro-v1:0\"},\n]\n"),
        ("typescript", "const s3 = new S3Client({ region: \"eu-west-1\" });\nawait bedrock.send(new ConverseCommand({ modelId: \"amazon.nova-pro-v1:0\" }));\n"),
        ("java", "S3Client s3 = S3Client.builder().region(Region.EU_WEST_1).build();\nbedrock.converse(r -> r.modelId(\"amazon.nova-pro-v1:0\"));\n"),
        ("go", "cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion(\"eu-west-1\"))\ns3c := s3.NewFromConfig(cfg)\nout, _ := c.Converse(ctx, &bedrockruntime.ConverseInput{ModelId: aws.String(\"amazon.nova-pro-v1:0\")})\n"),
        ("terraform", "provider \"aws\" {\n  alias  = \"eu\"\n  region = \"eu-west-1\"\n}\nresource \"aws_bedrockagent_agent\" \"a\" {\n  foundation_model = \"amazon.nova-pro-v1:0\"\n}\n"),
        ("yaml", "Eu:\n  Region: eu-west-1\nDefault:\n  ModelId: amazon.nova-pro-v1:0\n"),
        ("json", "[{\"region\": \"eu-west-1\"}, {\"modelId\": \"amazon.nova-pro-v1:0\"}]\n"),
        ("shellscript", "export AWS_REGION_S3=eu-west-1\naws bedrock-runtime converse --model-id amazon.nova-pro-v1:0\n"),
    ];
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        // The cases whose findings are not `want`, as a readable report.
        let failures = |cases: Vec<(&str, String)>, want: &[(Code, String)]| -> String {
            cases
                .iter()
                .map(|(language, text)| (language, text, codes_and_fixes(text, language, ctx)))
                .filter(|(_, _, got)| got != want)
                .map(|(language, text, got)| format!("{language}: {got:?}\n{text}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let profile = |text: &str| text.replace("amazon.nova-pro", "us.amazon.nova-pro");
        let bare: Vec<(&str, String)> = bound.iter().map(|(l, t)| (*l, t.to_string())).collect();
        let want = [(
            Code::NeedsInferenceProfile,
            "eu.amazon.nova-pro-v1:0".to_string(),
        )];
        let wrong = failures(bare, &want);
        assert!(wrong.is_empty(), "bound region not applied:\n{wrong}");
        // The `us.` profile called from the bound eu-west-1: region-unavailable.
        let profiles: Vec<(&str, String)> = bound.iter().map(|(l, t)| (*l, profile(t))).collect();
        let want = [(
            Code::RegionUnavailable,
            "eu.amazon.nova-pro-v1:0".to_string(),
        )];
        let wrong = failures(profiles, &want);
        assert!(
            wrong.is_empty(),
            "bound region not applied to a profile:\n{wrong}"
        );
        let unbound: Vec<(&str, String)> = elsewhere
            .iter()
            .flat_map(|(l, t)| [(*l, t.to_string()), (*l, profile(t))])
            .collect();
        let wrong = failures(unbound, &[]);
        assert!(
            wrong.is_empty(),
            "a region named elsewhere was applied:\n{wrong}"
        );
    });
}

/// Issue 18: bare IDs in data are not judged as calls. Lists of selectable models,
/// price maps, enums and code that adds the profile scope at run time get no profile
/// advice; facts about the model (retired, legacy) are still reported there, and a
/// map key never gets a fix.
#[test]
fn data_is_not_judged_as_a_call() {
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        // Selectable models, a price table keyed by ID, an enum, a lookup: no
        // needs-inference-profile, though Claude Sonnet 4.5 needs a profile everywhere.
        for (language, text) in [
            ("python", "MODELS = [\"anthropic.claude-sonnet-4-5-20250929-v1:0\", \"amazon.nova-pro-v1:0\"]\n"),
            ("python", "PRICES = {\"anthropic.claude-sonnet-4-5-20250929-v1:0\": (3.0, 15.0)}\n"),
            ("python", "price = PRICES[\"anthropic.claude-sonnet-4-5-20250929-v1:0\"]\n"),
            ("typescript", "export enum Model { Sonnet = \"anthropic.claude-sonnet-4-5-20250929-v1:0\" }\n"),
            ("typescript", "type Id = 'anthropic.claude-sonnet-4-5-20250929-v1:0' | 'amazon.nova-pro-v1:0';\n"),
            ("json", "{\"anthropic.claude-sonnet-4-5-20250929-v1:0\": {\"contextWindow\": 200000}}\n"),
            // The scope is added at run time.
            ("python", "MODEL_ID = \"anthropic.claude-sonnet-4-5-20250929-v1:0\"\nresp = client.converse(modelId=f\"us.{MODEL_ID}\")\n"),
            ("typescript", "const modelId = \"anthropic.claude-sonnet-4-5-20250929-v1:0\";\nawait client.send(new ConverseCommand({ modelId: `${geo}.${modelId}` }));\n"),
            ("go", "modelID := \"anthropic.claude-sonnet-4-5-20250929-v1:0\"\nid := fmt.Sprintf(\"us.%s\", modelID)\n"),
            // A library's table of models: the ID is a named argument of the entry's
            // constructor, not what a call sends (the library adds the scope itself).
            ("swift", "public static let sonnet: BedrockModel = BedrockModel(\n    id: \"anthropic.claude-sonnet-4-5-20250929-v1:0\",\n    name: \"Claude Sonnet 4.5\"\n)\n"),
        ] {
            assert_eq!(codes_and_fixes(text, language, ctx), vec![], "{language}:\n{text}");
        }
        // The same bare ID passed to a call is reported, region or not: no region
        // serves it on demand.
        let text =
            "resp = client.converse(modelId=\"anthropic.claude-sonnet-4-5-20250929-v1:0\")\n";
        let got = codes_and_fixes(text, "python", ctx);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Code::NeedsInferenceProfile);
        // A retired model in a price table is still reported, with no fix on the key.
        let a = analysis::analyze(
            "PRICES = {\"anthropic.claude-v2\": (8.0, 24.0)}\n",
            lang("python"),
            ctx,
        );
        assert_eq!(a.findings.len(), 1);
        assert_eq!(a.findings[0].code, Code::EolModel);
        assert!(a.findings[0].fixes.is_empty(), "{:?}", a.findings[0].fixes);
        // In a list of selectable models it is reported too, and a migration is offered
        // but never as a safe fix.
        let a = analysis::analyze(
            "MODELS = [\"anthropic.claude-3-5-sonnet-20240620-v1:0\"]\n",
            lang("python"),
            ctx,
        );
        assert_eq!(a.findings[0].code, Code::EolModel);
        assert!(a.findings[0].fixes.iter().all(|f| !f.safe));
    });
}

/// Issue 18: unknown is not wrong. Only a letter-level typo of one catalog ID is an
/// error with a (safe) fix; a different version, date or provider namespace gets no
/// fix; a well-formed ID of a known provider that the catalog lacks is a warning that
/// names the catalog's date.
#[test]
fn unknown_ids_are_errors_only_when_they_are_typos() {
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        let one = |text: &str| {
            let a = analysis::analyze(text, lang("python"), ctx);
            assert!(a.findings.len() <= 1, "{:?}", a.findings);
            a.findings.into_iter().next()
        };
        // A typo: error, one safe preferred fix, and the fixed ID is clean.
        let f = one("client.converse(modelId=\"amazon.nova-pro-v1:O\")\n").expect("typo");
        assert_eq!(
            (f.code, f.level),
            (Code::UnknownModel, bedrock_lsp::settings::Level::Error)
        );
        assert_eq!(f.fixes.len(), 1);
        assert!(f.fixes[0].safe && f.fixes[0].preferred);
        assert_eq!(f.fixes[0].edits[0].new_text, "amazon.nova-pro-v1:0");
        let f = one("client.converse(modelId=\"amazon.nova-lite-v1\")\n").expect("missing :0");
        assert_eq!(f.fixes[0].edits[0].new_text, "amazon.nova-lite-v1:0");
        // A newer model of a known provider: a warning naming the catalog date, no fix.
        let f = one("client.converse(modelId=\"anthropic.claude-opus-9-9-20290101-v1:0\")\n")
            .expect("newer model");
        assert_eq!(
            (f.code, f.level),
            (Code::UnknownModel, bedrock_lsp::settings::Level::Warning)
        );
        assert!(f.message.contains("as of"), "{}", f.message);
        assert!(f.fixes.is_empty());
        // Another version number is another model: never a fix to it.
        for text in [
            "client.converse(modelId=\"amazon.nova-pro-v9:0\")\n",
            "client.converse(modelId=\"anthropic.claude-3-5-sonnet-20991022-v2:0\")\n",
        ] {
            let f = one(text);
            assert!(f.iter().all(|f| f.fixes.is_empty()), "{text}: {f:?}");
        }
        // In data or a prefix test, an unknown ID is no finding.
        assert_eq!(
            one("NAMES = [\"anthropic.claude-opus-9-9-20290101-v1:0\"]\n"),
            None
        );
        assert_eq!(
            one("if m.startswith(\"amazon.titan-embed-text-v2\"):\n    pass\n"),
            None
        );
    });
}

/// Issue 18: `<scope>.<model>` where the model has no such profile is reported.
#[test]
fn profile_scopes_are_checked() {
    check(
        "client.invoke_model(modelId=\"us.amazon.titan-embed-text-v2:0\", body=b)\n",
        "python",
        expect![[r#"
            1:30 unknown-model Error `us.amazon.titan-embed-text-v2:0`
                `us.amazon.titan-embed-text-v2:0` is not an inference profile: Titan Text Embeddings V2 has no `us.` profile (catalog as of 2026-12-02). Titan Text Embeddings V2 has no cross-Region inference profile; call it by its model ID `amazon.titan-embed-text-v2:0`.
                fix: Use `amazon.titan-embed-text-v2:0` (preferred)
        "#]],
    );
}

/// Issue 18: in test files only facts about the model are reported, never as errors,
/// and an assertion that compares an ID reports nothing.
#[test]
fn test_files_report_model_facts_as_warnings() {
    let cat = Catalog::embedded();
    let settings = Settings::default();
    let ctx = Context {
        catalog: &cat,
        settings: &settings,
        today: day(),
        test_file: true,
    };
    let text = "def test_call(client):\n    client.converse(modelId=\"anthropic.claude-v2\")\n    client.converse(modelId=\"anthropic.claude-sonnet-4-5-20250929-v1:0\")\n    client.converse(modelId=\"amazon.nova-pro-v1:O\")\n    assert retired == [\"anthropic.claude-instant-v1\"]\n    self.assertIn(\"anthropic.claude-instant-v1\", names)\n";
    let a = analysis::analyze(text, lang("python"), &ctx);
    let got: Vec<_> = a
        .findings
        .iter()
        .map(|f| (f.code, f.level, &text[f.span.clone()]))
        .collect();
    assert_eq!(
        got,
        vec![(
            Code::EolModel,
            bedrock_lsp::settings::Level::Warning,
            "anthropic.claude-v2"
        )]
    );
    assert!(analysis::is_test_path("tests/test_models.py"));
    assert!(!analysis::is_test_path("src/models.py"));
}

/// Issue 18: an Anthropic-API name is reported only where it goes to a Bedrock call.
#[test]
fn foreign_names_only_in_bedrock_calls() {
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        let bedrock = "import boto3\nc = boto3.client('bedrock-runtime')\nc.converse(modelId=\"claude-sonnet-4-5-20250929\")\n";
        let got = codes_and_fixes(bedrock, "python", ctx);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Code::NotBedrockId);
        for text in [
            // Another provider's call in a file that mentions Bedrock.
            "# bedrock and anthropic\nanthropic.Anthropic().messages.create(model=\"claude-sonnet-4-5-20250929\")\n",
            // The `model` field of a response.
            "# bedrock\nresp = {\"model\": \"claude-sonnet-4-5-20250929\", \"stop_reason\": \"end_turn\"}\n",
        ] {
            assert_eq!(codes_and_fixes(text, "python", ctx), vec![], "{text}");
        }
    });
}

/// Issues 18 and 20: a model served on bedrock-mantle is judged on the endpoint the
/// call uses: an OpenAI client's `create` (a Mantle base URL) takes the bare ID, a
/// bedrock-runtime call needs the profile.
#[test]
fn the_endpoint_of_the_call_decides() {
    let settings = Settings::default();
    with_ctx(&settings, |ctx| {
        let mantle = "from openai import OpenAI\nclient = OpenAI(base_url=\"https://bedrock-mantle.us-east-1.api.aws/v1\")\nclient.chat.completions.create(model=\"openai.gpt-6-sol\", messages=[])\n";
        assert_eq!(codes_and_fixes(mantle, "python", ctx), vec![]);
        let runtime = "c = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\nc.converse(modelId=\"openai.gpt-6-sol\", messages=[])\n";
        let got = codes_and_fixes(runtime, "python", ctx);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Code::NeedsInferenceProfile);
        assert!(got[0].1.ends_with("openai.gpt-6-sol"), "{got:?}");
    });
}

/// Issue 19: the model strings frameworks write with a prefix are read, the span is on
/// the ID, and a prefixed string handed to the framework is a call: Claude Sonnet 4.5
/// needs a profile everywhere, so its bare ID fails there. In a list or union of
/// choices, or as a map key, it is data (model facts only).
#[test]
fn framework_prefixed_model_strings() {
    let settings = Settings::default();
    let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    with_ctx(&settings, |ctx| {
        for (language, text) in [
            ("python", "agent = Agent(\"bedrock:ID\")\n"),
            ("python", "agent = Agent(\"gateway/bedrock:ID\")\n"),
            ("python", "lm = dspy.LM(\"bedrock/ID\")\n"),
            (
                "python",
                "r = completion(model=\"bedrock_converse/ID\", messages=m)\n",
            ),
            (
                "python",
                "r = completion(model=\"bedrock/converse/ID\", messages=m)\n",
            ),
            (
                "python",
                "r = completion(model=\"bedrock/us-west-2/ID\", messages=m)\n",
            ),
            ("python", "llm = init_chat_model(\"bedrock_converse:ID\")\n"),
            (
                "yaml",
                "providers:\n  - id: bedrock:ID\n    config:\n      max_tokens: 256\n",
            ),
            ("yaml", "providers:\n  - id: bedrock:converse:ID\n"),
            (
                "yaml",
                "model_list:\n  - model_name: x\n    litellm_params:\n      model: bedrock/ID\n",
            ),
            (
                "typescript",
                "const model = process.env.MODEL || \"bedrock/ID\";\n",
            ),
            // Frameworks that take the plain ID, through their keys and calls.
            (
                "typescript",
                "const { text } = await generateText({ model: bedrock(\"ID\"), prompt });\n",
            ),
            (
                "properties",
                "spring.ai.bedrock.converse.chat.options.model=ID\n",
            ),
            ("python", "gen = AmazonBedrockChatGenerator(model=\"ID\")\n"),
            (
                "python",
                "llm = BedrockConverse(model=\"ID\", profile_name=p)\n",
            ),
        ] {
            let text = text.replace("ID", sonnet);
            let a = analysis::analyze(&text, lang(language), ctx);
            let got: Vec<_> = a
                .findings
                .iter()
                .map(|f| (f.code, &text[f.span.clone()]))
                .collect();
            assert_eq!(
                got,
                vec![(Code::NeedsInferenceProfile, sonnet)],
                "{language}:\n{text}"
            );
        }
        // The profile ID is right; OpenCode adds the scope itself.
        for (language, text) in [
            ("python", format!("agent = Agent(\"bedrock:us.{sonnet}\")\n")),
            ("yaml", format!("providers:\n  - id: bedrock:global.{sonnet}\n")),
            ("json", format!("{{\"model\": \"amazon-bedrock/{sonnet}\"}}\n")),
            // Choices and lookup keys are data.
            ("python", format!("KnownModelName = Literal[\"bedrock:{sonnet}\", \"bedrock:amazon.nova-pro-v1:0\"]\n")),
            ("typescript", format!("type Known = 'bedrock:{sonnet}' | 'bedrock:amazon.nova-pro-v1:0';\n")),
            ("json", format!("{{\"bedrock/{sonnet}\": {{\"max_tokens\": 8192}}}}\n")),
            ("python", format!("if model.startswith(\"bedrock/{sonnet}\"):\n    pass\n")),
            // Not a model at all.
            ("json", "{\"Action\": [\"bedrock:InvokeModel\", \"bedrock:Converse\"]}\n".to_string()),
        ] {
            assert_eq!(codes_and_fixes(&text, language, ctx), vec![], "{language}:\n{text}");
        }
        // Model facts apply wherever the prefixed string is: a retired model in a list of
        // known names, with the span on the ID and a fix that keeps the prefix.
        let text = "KnownModelName = Literal[\"bedrock:anthropic.claude-v2\", \"bedrock_converse/anthropic.claude-instant-v1\"]\n";
        let a = analysis::analyze(text, lang("python"), ctx);
        let got: Vec<_> = a
            .findings
            .iter()
            .map(|f| (f.code, &text[f.span.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![
                (Code::EolModel, "anthropic.claude-v2"),
                (Code::EolModel, "anthropic.claude-instant-v1"),
            ]
        );
        // A typo after a prefix is restored, prefix kept.
        let text = "agent = Agent(\"bedrock:us.anthropic.claude-sonet-4-5-20250929-v1:0\")\n";
        let a = analysis::analyze(text, lang("python"), ctx);
        assert_eq!(a.findings.len(), 1, "{:?}", a.findings);
        assert_eq!(a.findings[0].code, Code::UnknownModel);
        let fix = &a.findings[0].fixes[0];
        assert!(fix.safe);
        let mut fixed = text.to_string();
        fixed.replace_range(fix.edits[0].span.clone(), &fix.edits[0].new_text);
        assert_eq!(fixed, format!("agent = Agent(\"bedrock:us.{sonnet}\")\n"));
    });
}

/// Issue 21: completion is ranked for the call it is in. Converse gets text models
/// first (no embedding or rerank model before them); an embeddings class gets embedding
/// models first; with no recognisable call the catalog's order stands.
#[test]
fn completion_is_ranked_for_the_call() {
    let cat = Catalog::embedded();
    let output = |id: &str| {
        cat.models_by_provider()
            .find(|m| id.ends_with(m.id.as_str()))
            .and_then(|m| m.modalities.clone())
            .and_then(|x| x.output)
            .unwrap_or_default()
    };
    let converse = completion_labels(
        "response = client.converse(\n    modelId=\"|\",\n    messages=messages,\n)\n",
        "python",
        "|",
    );
    assert!(converse.len() > 20, "{converse:?}");
    for id in &converse[..20] {
        assert!(
            output(id).contains(&bedrock_lsp::catalog::Modality::Text) && !id.contains("rerank"),
            "{id} offered first to converse: {converse:?}"
        );
    }
    let embed = completion_labels(
        "embeddings = BedrockEmbeddings(model_id=\"|\")\n",
        "python",
        "|",
    );
    assert!(
        output(&embed[0]).contains(&bedrock_lsp::catalog::Modality::Embedding),
        "{embed:?}"
    );
    // The list keeps its size (150 at most); only the order changes.
    let plain = completion_labels("MODEL_ID = \"|\"\n", "python", "|");
    assert_eq!(converse.len(), plain.len());
    assert_ne!(converse, plain);
}

/// Issue 19: an ID-shaped key of a map of selectable models is data like any other
/// value there: a letter-level typo is reported (a warning), with no fix, since a fix
/// would rewrite the key and break the lookup; the same text passed to a call is an
/// error with a safe fix. The same in Python, JSON, YAML (where the key is unquoted)
/// and TypeScript.
#[test]
fn map_keys_with_an_id_shape_are_checked_without_fixes() {
    check(
        r#"MODELS = {
    "amazon.nova-lyte-v1:0": {"name": "Nova Lite", "max_tokens": 5000},
    "us.amazon.nova-pro-v1:0": {"name": "Nova Pro"},
}
client.converse(modelId="amazon.nova-lyte-v1:0", messages=[])
"#,
        "python",
        expect![[r#"
            2:6 unknown-model Warning `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
            5:26 unknown-model Error `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
                fix: Replace with `amazon.nova-lite-v1:0` (preferred) (safe)
        "#]],
    );
    check(
        r#"{"models": {"amazon.nova-lyte-v1:0": {"maxTokens": 5000}}}
"#,
        "json",
        expect![[r#"
            1:14 unknown-model Warning `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
        "#]],
    );
    check(
        r#"models:
  amazon.nova-lyte-v1:0:
    max_tokens: 5000
  "us.amazon.nova-pro-v1:0":
    max_tokens: 4096
"#,
        "yaml",
        expect![[r#"
            2:3 unknown-model Warning `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
        "#]],
    );
    check(
        r#"export const MODELS = {
  "amazon.nova-lyte-v1:0": { label: "Nova Lite" },
} as const;
"#,
        "typescript",
        expect![[r#"
            2:4 unknown-model Warning `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
        "#]],
    );
}

/// Issue 19: what a user sees in documentation. A settings table that recommends an ID
/// is checked as a setting; inline code is data; IDs in sentences are left alone.
#[test]
fn markdown_settings_tables_and_inline_code() {
    check(
        r#"# Settings

| Variable | Default |
| --- | --- |
| `BEDROCK_MODEL_ID` | `amazon.nova-lyte-v1:0` |
| `FALLBACK_MODEL_ID` | `anthropic.claude-v2` |

Run with `--model-id amazon.nova-lyte-v1:0`, or keep the default `amazon.nova-lite-v1:0`.
Inline code alone is data: `amazon.nova-lyte-v1:0`.
We used anthropic.claude-v2 and amazon.nova-lyte-v1:0 in a sentence last year.
"#,
        "markdown",
        expect![[r#"
            5:25 unknown-model Error `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
                fix: Replace with `amazon.nova-lite-v1:0` (preferred) (safe)
            6:26 eol-model Error `anthropic.claude-v2` [deprecated]
                Claude v2 (2.0) (`anthropic.claude-v2`) reached end of life on 2025-07-21: calls with this ID fail.
            8:22 unknown-model Error `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
                fix: Replace with `amazon.nova-lite-v1:0` (preferred) (safe)
            9:29 unknown-model Warning `amazon.nova-lyte-v1:0`
                Unknown Bedrock model ID `amazon.nova-lyte-v1:0`. Did you mean `amazon.nova-lite-v1:0`?
                fix: Replace with `amazon.nova-lite-v1:0` (preferred) (safe)
        "#]],
    );
}
