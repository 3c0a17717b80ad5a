//! Unit tests of the scanner's contract: language detection, completion sites, ignore
//! directives, region mentions and the hard cases of issue 4, written as what a user
//! would see (which text is found, under which key, with which flags).

use bedrock_lsp::syntax::{completion_site, scan, Language, Literal, LiteralContext};

fn found(text: &str, lang: Language) -> Vec<(String, LiteralContext, Option<String>)> {
    scan(text, lang)
        .literals
        .into_iter()
        .map(|l| {
            (
                text[l.span.clone()].to_string(),
                l.context,
                l.key.as_deref().map(str::to_string),
            )
        })
        .collect()
}

fn only(text: &str, lang: Language) -> Literal {
    let lits = scan(text, lang).literals;
    assert_eq!(lits.len(), 1, "{text}: {lits:?}");
    lits.into_iter().next().unwrap()
}

/// Every `Language` variant has exactly one row in the language table, and the table has
/// no other rows. (Adding a variant breaks the `match` below until it is listed here too.)
#[test]
fn every_language_has_exactly_one_row() {
    use Language::*;
    const ALL: [Language; 36] = [
        Python,
        JavaScript,
        Java,
        Kotlin,
        Go,
        Rust,
        CSharp,
        Php,
        Ruby,
        Hcl,
        Yaml,
        Json,
        Toml,
        Properties,
        Dotenv,
        Shell,
        Dockerfile,
        Markdown,
        Notebook,
        Swift,
        Scala,
        Dart,
        Lua,
        Elixir,
        R,
        Sql,
        Xml,
        Html,
        Ini,
        ReStructuredText,
        AsciiDoc,
        CloudFormation,
        JestSnapshot,
        SyrupySnapshot,
        PlainText,
        Generic,
    ];
    fn listed(l: Language) -> bool {
        match l {
            Python | JavaScript | Java | Kotlin | Go | Rust | CSharp | Php | Ruby | Hcl | Yaml
            | Json | Toml | Properties | Dotenv | Shell | Dockerfile | Markdown | Notebook
            | Swift | Scala | Dart | Lua | Elixir | R | Sql | Xml | Html | Ini
            | ReStructuredText | AsciiDoc | CloudFormation | JestSnapshot | SyrupySnapshot
            | PlainText | Generic => true,
        }
    }
    assert!(ALL.iter().all(|l| listed(*l)));
    for l in ALL {
        let rows = bedrock_lsp::syntax::LANGUAGES
            .iter()
            .filter(|r| r.language == l)
            .count();
        assert_eq!(
            rows, 1,
            "{l:?}: {rows} rows in LANGUAGES (src/syntax/lang.rs)"
        );
    }
    assert_eq!(bedrock_lsp::syntax::LANGUAGES.len(), ALL.len());
}

/// Every client ID, extension and file name of a row leads to that row (no two rows claim
/// the same one), and the generic row claims nothing: it is what is left.
#[test]
fn every_id_extension_and_name_of_a_row_detects_it() {
    for row in bedrock_lsp::syntax::LANGUAGES {
        for id in row.ids {
            assert_eq!(Language::detect(Some(id), None), row.language, "id {id}");
            let upper = id.to_ascii_uppercase();
            assert_eq!(
                Language::detect(Some(&upper), None),
                row.language,
                "id {upper}"
            );
        }
        for ext in row.extensions {
            let path = format!("dir/file.{}", ext.to_ascii_uppercase());
            assert_eq!(Language::detect(None, Some(&path)), row.language, "{path}");
        }
        for name in row.file_names {
            let path = format!("dir/{}", name.replace('*', "x"));
            assert_eq!(Language::detect(None, Some(&path)), row.language, "{path}");
        }
    }
    let generic = Language::Generic.row();
    assert!(
        generic.ids.is_empty() && generic.extensions.is_empty() && generic.file_names.is_empty()
    );
}

#[test]
fn detect_prefers_client_id_then_file_name() {
    use Language::*;
    let cases: &[(Option<&str>, Option<&str>, Language)] = &[
        (Some("sh"), Some("/proj/.env"), Dotenv),
        (Some("sh"), Some("/proj/.env.local"), Dotenv),
        (Some("json"), Some("/proj/demo.ipynb"), Notebook),
        (Some("cs"), None, CSharp),
        (Some("jproperties"), Some("app.properties"), Properties),
        (Some("terraform-vars"), Some("prod.tfvars"), Hcl),
        (Some("typescriptreact"), None, JavaScript),
        (Some("dotenv"), None, Dotenv),
        (Some("hcl"), None, Hcl),
        (Some("sh"), Some("deploy.sh"), Shell),
        (Some("python"), Some("settings.env"), Python),
        (Some("no-such-language"), Some("main.go"), Go),
        (None, Some("Dockerfile"), Dockerfile),
        (None, Some("Dockerfile.prod"), Dockerfile),
        (None, Some("api.dockerfile"), Dockerfile),
        (None, Some("prod.env"), Dotenv),
        (None, Some(r"C:\proj\main.tf"), Hcl),
        (None, Some("build.gradle.kts"), Kotlin),
        (None, Some("template.YAML"), Yaml),
        (None, Some("README"), PlainText),
        (None, Some("build.gradle"), Generic),
        (None, None, Generic),
        (
            Some("plaintext"),
            Some("tests/__snapshots__/a.test.ts.snap"),
            JestSnapshot,
        ),
        (Some("plaintext"), Some("stack.template"), CloudFormation),
        (Some("properties"), Some("setup.cfg"), Ini),
        (Some("dosini"), None, Ini),
        (Some("rst"), None, ReStructuredText),
        (None, Some("analysis.R"), R),
        (None, Some("pom.xml"), Xml),
        (None, Some("Web.config"), Xml),
        (None, Some("__snapshots__/test_api.ambr"), SyrupySnapshot),
    ];
    for (id, path, want) in cases {
        assert_eq!(Language::detect(*id, *path), *want, "{id:?} {path:?}");
    }
}

#[test]
fn comment_leaders_for_the_ignore_fix() {
    assert_eq!(Language::Python.line_comment(), Some("#"));
    assert_eq!(Language::JavaScript.line_comment(), Some("//"));
    assert_eq!(Language::Hcl.line_comment(), Some("#"));
    assert_eq!(Language::Json.line_comment(), None);
    assert_eq!(Language::Markdown.line_comment(), None);
    assert_eq!(Language::Markdown.block_comment(), Some(("<!--", "-->")));
}

/// `|` marks the cursor.
fn site(src: &str, lang: Language) -> Option<(String, String, Option<String>, Option<char>)> {
    let offset = src.find('|').unwrap();
    let text = src.replacen('|', "", 1);
    completion_site(&text, lang, offset).map(|s| {
        assert!(s.typed.start == s.replace.start && s.typed.end <= s.replace.end);
        (
            text[s.replace.clone()].to_string(),
            text[s.typed.clone()].to_string(),
            s.key,
            s.insert_quotes,
        )
    })
}

#[test]
fn completion_inside_literals() {
    use Language::*;
    let s =
        |a: &str, b: &str, k: Option<&str>| Some((a.into(), b.into(), k.map(String::from), None));
    assert_eq!(
        site(r#"c.converse(modelId="anth|")"#, Python),
        s("anth", "anth", Some("modelId"))
    );
    assert_eq!(
        site(r#"c.converse(modelId="anthropic.cl|aude-v2")"#, Python),
        s("anthropic.claude-v2", "anthropic.cl", Some("modelId"))
    );
    assert_eq!(
        site(r#"ChatBedrock(model_id="|")"#, Python),
        s("", "", Some("model_id"))
    );
    assert_eq!(
        site(r#"x = "anthropic.claude-3|""#, Python),
        s("anthropic.claude-3", "anthropic.claude-3", None)
    );
    assert_eq!(
        site("ModelId: anthropic.clau|de-v2\n", Yaml),
        s("anthropic.claude-v2", "anthropic.clau", Some("ModelId"))
    );
    assert_eq!(
        site("BEDROCK_MODEL_ID=us.|\n", Dotenv),
        s("us.", "us.", Some("BEDROCK_MODEL_ID"))
    );
}

#[test]
fn completion_after_a_bare_model_key_inserts_quotes() {
    use Language::*;
    let q = |k: &str, c: Option<char>| Some((String::new(), String::new(), Some(k.to_string()), c));
    assert_eq!(
        site("client.converse(modelId=|", Python),
        q("modelId", Some('"'))
    );
    assert_eq!(
        site("{\n  \"modelId\": |\n}", Json),
        q("modelId", Some('"'))
    );
    assert_eq!(
        site("const p = { modelId: | }", JavaScript),
        q("modelId", Some('"'))
    );
    assert_eq!(site("builder.modelId(|)", Java), q("modelId", Some('"')));
    assert_eq!(site("model_id = |", Toml), q("model_id", Some('"')));
    assert_eq!(
        site("$r = ['modelId' => |];", Php),
        q("modelId", Some('\''))
    );
    assert_eq!(
        site("Properties:\n  ModelId: |\n", Yaml),
        q("ModelId", None)
    );
    assert_eq!(
        site("aws bedrock-runtime converse --model-id |", Shell),
        q("--model-id", None)
    );
}

#[test]
fn no_completion_where_no_model_goes() {
    use Language::*;
    assert_eq!(site("# modelId=|", Python), None);
    assert_eq!(site(r#"print("hel|lo")"#, Python), None);
    assert_eq!(site("name=|", Python), None);
    assert_eq!(site(r#"modelId=|"anthropic.claude-v2""#, Python), None);
    assert_eq!(site("// modelId: |", JavaScript), None);
    assert_eq!(site(r#"x = "meta.js|on""#, Python), None);
}

#[test]
fn ignore_directives_cover_their_line_or_the_next() {
    let text = "a = \"anthropic.claude-v2\"  # bedrock-lsp: ignore[legacy-model, unknown-model]\n\
                # bedrock-lsp: ignore\n\
                b = \"anthropic.claude-v2:1\"\n\
                c = \"anthropic.claude-instant-v1\"\n\
                # bedrock-lsp: ignored\n\
                # bedrock-lsp:ignore[eol-model]\n";
    let res = scan(text, Language::Python);
    assert_eq!(res.ignores.len(), 3, "{:?}", res.ignores);
    let covered = |lit: &str| -> Vec<Vec<String>> {
        let at = text.find(lit).unwrap();
        res.ignores
            .iter()
            .filter(|i| i.applies_to.contains(&at))
            .map(|i| i.codes.clone())
            .collect()
    };
    assert_eq!(
        covered("anthropic.claude-v2\""),
        vec![vec![
            "legacy-model".to_string(),
            "unknown-model".to_string()
        ]]
    );
    assert_eq!(covered("anthropic.claude-v2:1"), vec![Vec::<String>::new()]);
    assert_eq!(
        covered("anthropic.claude-instant-v1"),
        Vec::<Vec<String>>::new()
    );
    assert_eq!(res.ignores[2].codes, vec!["eol-model".to_string()]);
}

#[test]
fn ignore_directives_in_each_comment_syntax() {
    let cases = [
        (
            Language::JavaScript,
            "// bedrock-lsp: ignore\nx = \"anthropic.claude-v2\";\n",
        ),
        (
            Language::JavaScript,
            "/* bedrock-lsp: ignore */\nx = \"anthropic.claude-v2\";\n",
        ),
        (
            Language::Yaml,
            "# bedrock-lsp: ignore\nModelId: anthropic.claude-v2\n",
        ),
        (
            Language::Markdown,
            "<!-- bedrock-lsp: ignore -->\nanthropic.claude-v2\n",
        ),
        (
            Language::Dotenv,
            "# bedrock-lsp: ignore\nMODEL_ID=anthropic.claude-v2\n",
        ),
        (
            Language::Properties,
            "# bedrock-lsp: ignore\nmodel=anthropic.claude-v2\n",
        ),
        (
            Language::Hcl,
            "// bedrock-lsp: ignore\nmodel_id = \"anthropic.claude-v2\"\n",
        ),
    ];
    for (lang, text) in cases {
        if text.is_empty() {
            continue;
        }
        let res = scan(text, lang);
        let at = text.find("anthropic").unwrap();
        assert!(
            res.ignores.iter().any(|i| i.applies_to.contains(&at)),
            "{lang:?}: {res:?}"
        );
        assert_eq!(res.literals.len(), 1, "{lang:?}: {res:?}");
    }
    // A directive in a string is not a directive.
    let res = scan(
        "x = \"bedrock-lsp: ignore\"\ny = \"anthropic.claude-v2\"\n",
        Language::Python,
    );
    assert!(res.ignores.is_empty());
}

fn regions(text: &str, lang: Language) -> Vec<String> {
    let res = scan(text, lang);
    for r in &res.regions {
        assert!(!text[r.span.clone()].is_empty(), "{r:?}");
    }
    res.regions.iter().map(|r| r.region.to_string()).collect()
}

#[test]
fn region_mentions_per_language() {
    use Language::*;
    let cases: &[(Language, &str, &[&str])] = &[
        (
            Python,
            r#"boto3.client("bedrock-runtime", region_name="eu-west-1")"#,
            &["eu-west-1"],
        ),
        (
            JavaScript,
            r#"new BedrockRuntimeClient({ region: "us-west-2" })"#,
            &["us-west-2"],
        ),
        (
            Java,
            "BedrockRuntimeClient.builder().region(Region.US_EAST_1)",
            &["us-east-1"],
        ),
        (Java, r#".region(Region.of("ap-south-1"))"#, &["ap-south-1"]),
        (
            Java,
            "AmazonBedrockClientBuilder.standard().withRegion(Regions.US_WEST_2)",
            &["us-west-2"],
        ),
        (
            Kotlin,
            r#"BedrockRuntimeClient { region = "eu-central-1" }"#,
            &["eu-central-1"],
        ),
        (
            CSharp,
            "new AmazonBedrockRuntimeClient(RegionEndpoint.EUWest3)",
            &["eu-west-3"],
        ),
        (Rust, r#".region(Region::new("us-east-2"))"#, &["us-east-2"]),
        (
            Go,
            r#"config.WithRegion("ca-central-1")"#,
            &["ca-central-1"],
        ),
        (
            Hcl,
            "provider \"aws\" {\n  region = \"us-gov-west-1\"\n}\n",
            &["us-gov-west-1"],
        ),
        (
            Dotenv,
            "AWS_REGION=us-east-1\nAWS_DEFAULT_REGION='eu-north-1'\n",
            &["us-east-1", "eu-north-1"],
        ),
        (
            Shell,
            "aws bedrock list-foundation-models --region ap-northeast-1\n",
            &["ap-northeast-1"],
        ),
        (
            Shell,
            "export AWS_DEFAULT_REGION=\"sa-east-1\"\n",
            &["sa-east-1"],
        ),
        (Dockerfile, "ENV AWS_REGION us-west-1\n", &["us-west-1"]),
        (Yaml, "env:\n  AWS_REGION: us-east-1\n", &["us-east-1"]),
        (
            Properties,
            "spring.ai.bedrock.aws.region=eu-west-1\n",
            &["eu-west-1"],
        ),
        // Not regions: wrong shape, or not under a region key.
        (Python, r#"region_name = "moonbase-1""#, &[]),
        (Python, r#"region_name = "moon-base""#, &[]),
        (Python, r#"zones = ["us-east-1", "us-west-2"]"#, &[]),
        (Java, "Region.AWS_GLOBAL", &[]),
        (Python, r#"region_name = "US-EAST-1""#, &[]),
    ];
    for (lang, text, want) in cases {
        assert_eq!(regions(text, *lang), *want, "{lang:?}: {text}");
    }
}

#[test]
fn interpolation_and_fragments() {
    let l = only(
        r#"p = f"{geo}.anthropic.claude-3-5-sonnet-20241022-v2:0""#,
        Language::Python,
    );
    assert!(l.scope_interpolated && !l.incomplete);
    let l = only(
        "const p = `${geo}.amazon.nova-lite-v1:0`;",
        Language::JavaScript,
    );
    assert!(l.scope_interpolated && !l.incomplete);
    let l = only(
        r#"m = "anthropic.claude-3-5-sonnet-" + date"#,
        Language::Python,
    );
    assert!(l.incomplete && !l.scope_interpolated);
    let l = only(
        r#"m = f"anthropic.claude-3-5-sonnet-{date}-v2:0""#,
        Language::Python,
    );
    assert!(l.incomplete);
    let l = only(r#"m = geo + ".anthropic.claude-v2""#, Language::Python);
    assert!(l.scope_interpolated);
    let text = r#"m = "anthropic.claude-v2""#;
    let l = only(text, Language::Python);
    assert!(!l.scope_interpolated && !l.incomplete);
    assert_eq!(
        l.context,
        LiteralContext::Value,
        "`m` is not a model key: {l:?}"
    );
}

#[test]
fn prefixes_and_sentence_ends() {
    let text = r#"completion(model="bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0")"#;
    let l = only(text, Language::Python);
    assert_eq!(
        &text[l.span.clone()],
        "us.anthropic.claude-3-haiku-20240307-v1:0"
    );
    assert_eq!(
        &text[l.content.clone()],
        "bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0"
    );
    let text = "We use anthropic.claude-3-haiku-20240307-v1:0. Then amazon.nova-pro-v1:0, and bedrock/meta.llama3-8b-instruct-v1:0!";
    assert_eq!(
        found(text, Language::PlainText)
            .into_iter()
            .map(|f| f.0)
            .collect::<Vec<_>>(),
        [
            "anthropic.claude-3-haiku-20240307-v1:0",
            "amazon.nova-pro-v1:0",
            "meta.llama3-8b-instruct-v1:0"
        ]
    );
}

#[test]
fn hard_negatives_are_never_key_or_value() {
    let values = [
        "meta.json",
        "mistral.yaml",
        "https://amazon.com",
        "amazon.com",
        "gpt-4o",
        "1.2.3",
        "v2.0.1",
        "cohere.ai",
    ];
    for row in bedrock_lsp::syntax::LANGUAGES {
        for v in values {
            let text = match row.language {
                Language::Yaml => format!("name: {v}\nitems:\n  - {v}\n"),
                Language::Dotenv | Language::Properties => format!("NAME={v}\n"),
                Language::Shell | Language::Dockerfile => format!("cp {v} /tmp/\nNAME=\"{v}\"\n"),
                Language::Php => format!("<?php $x = '{v}'; $y = \"{v}\";"),
                _ => format!("x = \"{v}\"\nlist = [\"{v}\", \"{v}\"] # see {v}\nWe read {v}.\n"),
            };
            let res = scan(&text, row.language);
            assert!(
                res.literals
                    .iter()
                    .all(|l| !matches!(l.context, LiteralContext::Key | LiteralContext::Value)),
                "{:?}: {text}: {:?}",
                row.language,
                res.literals
            );
        }
    }
}

#[test]
fn unicode_tabs_crlf_bom_and_long_lines() {
    let prefix = "\u{feff}# 🎉👨‍👩‍👧 日本語 é\u{301}\r\n";
    let text = format!("{prefix}x\t=\t\"🎉\"; modelId = \"anthropic.claude-v2\"\r\n");
    let l = only(&text, Language::Python);
    assert_eq!(&text[l.span.clone()], "anthropic.claude-v2");
    assert_eq!(l.key.as_deref(), Some("modelId"));

    let mut line = String::from("var a=");
    while line.len() < 3000 {
        line.push_str("\"x\"+\"meta.json\"+");
    }
    line.push_str("\"y\";var c={modelId:\"amazon.nova-pro-v1:0\"};");
    let l = only(&line, Language::JavaScript);
    assert_eq!(&line[l.span.clone()], "amazon.nova-pro-v1:0");
    assert!(l.span.start > 3000);
}

#[test]
fn notebook_spans_are_file_coordinates() {
    let text = r#"{"cells": [{"cell_type": "code", "metadata": {}, "source": ["x = 1\n", "r = c.converse(modelId=\"amazon.nova-pro-v1:0\")\n"]}], "metadata": {"kernelspec": {"language": "python"}}}"#;
    let l = only(text, Language::Notebook);
    assert_eq!(&text[l.span.clone()], "amazon.nova-pro-v1:0");
    assert_eq!(l.key.as_deref(), Some("modelId"));
    let s = completion_site(text, Language::Notebook, l.span.start + 3).unwrap();
    assert_eq!(&text[s.replace], "amazon.nova-pro-v1:0");
}

#[test]
fn markdown_fences_use_their_language() {
    let text = "Use anthropic.claude-v2.\n\n```python\nmodelId = \"amazon.nova-pro-v1:0\"\n```\n\n```yaml\nModelId: meta.llama3-8b-instruct-v1:0\n```\n";
    assert_eq!(
        found(text, Language::Markdown),
        vec![
            (
                "anthropic.claude-v2".to_string(),
                LiteralContext::Prose,
                None
            ),
            (
                "amazon.nova-pro-v1:0".to_string(),
                LiteralContext::Key,
                Some("modelId".to_string())
            ),
            (
                "meta.llama3-8b-instruct-v1:0".to_string(),
                LiteralContext::Key,
                Some("ModelId".to_string())
            ),
        ]
    );
}

#[test]
fn strings_over_line_breaks_are_no_restart_points() {
    // A single-line string continued by an escaped newline, a multi-line quote, and a
    // plain string: the first two cover a line start, which must not be a safe restart.
    let js = "const a = \"x\\\ny\";\nconst b = `p\nq`;\nconst c = \"z\";\n";
    let res = scan(js, Language::JavaScript);
    let spans: Vec<&str> = res.multiline.iter().map(|r| &js[r.clone()]).collect();
    assert_eq!(spans, ["\"x\\\ny\"", "`p\nq`"]);
    // An unescaped newline ends a single-line string: no range.
    let py = "a = \"x\ny = 1\n";
    assert!(scan(py, Language::Python).multiline.is_empty());
}

/// Each directive's own text, and what removing it deletes: the whole comment (its
/// line when alone), or the directive alone when the comment says more; never joining
/// what surrounds it. Directives shown in documentation are marked as examples.
#[test]
fn ignore_directives_carry_their_span_and_removal() {
    let cases: [(&str, Language, &str, &str, bool); 9] = [
        // (text, language, directive text, text after the removal, example)
        (
            "x = 1  # bedrock-lsp: ignore\ny = 2\n",
            Language::Python,
            "bedrock-lsp: ignore",
            "x = 1\ny = 2\n",
            false,
        ),
        (
            "# bedrock-lsp: ignore[eol-model]\r\ny = 2\r\n",
            Language::Python,
            "bedrock-lsp: ignore[eol-model]",
            "y = 2\r\n",
            false,
        ),
        (
            "x = 1  # pinned bedrock-lsp: ignore until 2027\n",
            Language::Python,
            "bedrock-lsp: ignore",
            "x = 1  # pinned until 2027\n",
            false,
        ),
        (
            "x = 1  # noqa: E501 bedrock-lsp: ignore\n",
            Language::Python,
            "bedrock-lsp: ignore",
            "x = 1  # noqa: E501\n",
            false,
        ),
        (
            "a /* bedrock-lsp: ignore */ b\n",
            Language::JavaScript,
            "bedrock-lsp: ignore",
            "a b\n",
            false,
        ),
        (
            // Glued on both sides: nothing can go without joining them (no fix).
            "a/*bedrock-lsp: ignore*/b\n",
            Language::JavaScript,
            "bedrock-lsp: ignore",
            "a/*bedrock-lsp: ignore*/b\n",
            false,
        ),
        (
            "<!-- bedrock-lsp: ignore -->\ntext\n",
            Language::Markdown,
            "bedrock-lsp: ignore",
            "text\n",
            false,
        ),
        (
            "```python\nx = 1  # bedrock-lsp: ignore\n```\n",
            Language::Markdown,
            "bedrock-lsp: ignore",
            "```python\nx = 1\n```\n",
            true,
        ),
        (
            "/// Adds a `bedrock-lsp: ignore[code]` comment.\nfn f() {}\n",
            Language::Rust,
            "bedrock-lsp: ignore[code]",
            "/// Adds a `bedrock-lsp: ignore[code]` comment.\nfn f() {}\n",
            true,
        ),
    ];
    for (text, lang, directive, removed, example) in cases {
        let res = scan(text, lang);
        assert_eq!(res.ignores.len(), 1, "{text:?}: {:?}", res.ignores);
        let d = &res.ignores[0];
        assert_eq!(&text[d.span.clone()], directive, "{text:?}");
        let mut after = text.to_string();
        after.replace_range(d.removal.clone(), "");
        assert_eq!(after, removed, "{text:?}");
        assert_eq!(d.example, example, "{text:?}");
    }
    // Every directive of a block comment counts, each for its own line (and the next).
    let text =
        "/*\n bedrock-lsp: ignore[eol-model]\n a note\n bedrock-lsp: ignore[unknown-model]\n*/\n";
    let codes: Vec<Vec<String>> = scan(text, Language::JavaScript)
        .ignores
        .iter()
        .map(|d| d.codes.clone())
        .collect();
    assert_eq!(
        codes,
        [
            vec!["eol-model".to_string()],
            vec!["unknown-model".to_string()]
        ]
    );
}
