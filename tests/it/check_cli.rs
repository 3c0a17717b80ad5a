//! `bedrock-lsp check` as a user runs it: the built binary, real files, real exit codes.
//!
//! Every run pins the day (`BEDROCK_LSP_TODAY`) and points the user catalog directory
//! at a directory that does not exist, so the machine's own catalog never leaks in.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{bedrock_lsp, repo, TODAY};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `bedrock-lsp check ARGS` in `dir`, with no user catalog.
fn check_command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = bedrock_lsp(
        &std::env::temp_dir().join("bedrock-lsp-check-tests-no-such-dir"),
        TODAY,
    );
    cmd.arg("check").args(args).current_dir(dir);
    cmd
}

fn check_in(dir: &Path, args: &[&str]) -> Run {
    let out = check_command(dir, args).output().expect("run bedrock-lsp");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

fn json_findings(run: &Run) -> Vec<Value> {
    match serde_json::from_str::<Value>(&run.stdout) {
        Ok(Value::Array(a)) => a,
        other => panic!(
            "expected a JSON array, got {other:?}\nstderr: {}",
            run.stderr
        ),
    }
}

/// (code, file, line) of each finding, in output order.
fn triples(run: &Run) -> Vec<(String, String, u64)> {
    json_findings(run)
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn t(code: &str, file: &str, line: u64) -> (String, String, u64) {
    (code.to_string(), file.to_string(), line)
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// Copy a directory tree (the examples) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

const EXAMPLE_FINDINGS: [(&str, &str, u64); 4] = [
    ("eol-model", "examples/.env", 4),
    ("unknown-model", "examples/python/summarize.py", 16),
    ("eol-model", "examples/terraform/agent.tf", 17),
    (
        "needs-inference-profile",
        "examples/typescript/src/chat.ts",
        11,
    ),
];

#[test]
fn examples_report_exactly_their_mistakes() {
    let run = check_in(repo(), &["examples/", "--format", "json"]);
    assert_eq!(run.code, 1, "error-level findings exit 1\n{}", run.stderr);
    let expected: Vec<_> = EXAMPLE_FINDINGS
        .iter()
        .map(|(c, f, l)| t(c, f, *l))
        .collect();
    assert_eq!(triples(&run), expected);
}

#[test]
fn text_output_is_compiler_style_with_the_source_line_underlined() {
    let run = check_in(&repo().join("examples"), &["python"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.starts_with("error[unknown-model]: "))
        .unwrap_or_else(|| panic!("no title line in\n{}", run.stdout));
    assert!(
        lines[title].contains("Did you mean `anthropic.claude-haiku-4-5-20251001-v1:0`?"),
        "{}",
        lines[title]
    );
    assert_eq!(lines[title + 1].trim(), "--> python/summarize.py:16:18");
    let source = lines
        .iter()
        .find(|l| l.contains("modelId=\"anthropic.claude-haiku-4-5-2025100-v1:0\""))
        .expect("the source line is shown");
    let carets = lines
        .iter()
        .find(|l| l.contains('^'))
        .expect("a caret underline");
    // The carets sit exactly under the ID.
    let id_at = source.find("anthropic.").unwrap();
    let caret_at = carets.find('^').unwrap();
    assert_eq!(caret_at, id_at);
    assert_eq!(
        carets.trim_end().len() - caret_at,
        "anthropic.claude-haiku-4-5-2025100-v1:0".len()
    );
    assert!(run
        .stdout
        .contains("help: Replace with `anthropic.claude-haiku-4-5-20251001-v1:0`"));
    assert!(!run.stdout.contains('\u{1b}'), "no colour when not a TTY");
    assert_eq!(
        run.stderr.trim(),
        "1 error, 0 warnings in 1 file (catalog as of 2026-12-02)"
    );
}

#[test]
fn summary_counts_errors_warnings_and_files() {
    let run = check_in(repo(), &["examples"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim(),
        "3 errors, 1 warning in 6 files (catalog as of 2026-12-02)"
    );
}

#[test]
fn json_positions_are_one_based_character_columns() {
    let dir = tempfile::tempdir().unwrap();
    // Two-byte characters before the ID: columns count characters, not bytes.
    write(
        dir.path(),
        "app.py",
        "import boto3\nc = boto3.client(\"bedrock-runtime\")\nc.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\", note=\"é\")\n# ééé\nc.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\") # é\n",
    );
    write(
        dir.path(),
        "uni.py",
        "import boto3\nc = boto3.client(\"bedrock-runtime\")\nx = {\"ünï\": 1}; c.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\")\n",
    );
    let run = check_in(dir.path(), &["--format", "json", "uni.py", "app.py"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let f = json_findings(&run);
    assert_eq!(f.len(), 3, "{}", run.stdout);
    // Sorted by file, then position, whatever the order on the command line.
    assert_eq!(f[0]["file"], "app.py");
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
        (Some(3), Some(21))
    );
    assert_eq!(f[0]["endLine"], 3);
    assert_eq!(
        f[0]["endColumn"].as_u64().unwrap(),
        21 + "anthropic.claude-3-haiku-20240307-v1:0".len() as u64
    );
    assert_eq!(f[1]["line"], 5);
    assert_eq!(f[2]["file"], "uni.py");
    // `x = {"ünï": 1}; c.converse(modelId="` is 36 characters (38 bytes).
    assert_eq!(f[2]["column"], 37);
    assert_eq!(f[0]["code"], "eol-model");
    assert_eq!(f[0]["severity"], "error");
    assert!(f[0]["message"].as_str().unwrap().contains("end of life"));
    // A migration changes the model a program calls: offered, never safe.
    let fix = &f[0]["fixes"][0];
    assert_eq!(fix["safe"], false);
    assert!(
        fix["edits"][0]["newText"]
            .as_str()
            .unwrap()
            .contains("anthropic.claude-haiku-4-5-20251001-v1:0"),
        "{fix}"
    );
    assert_eq!(fix["edits"][0]["column"], 21);
    assert_eq!(f[0]["use"], "call");
}

#[test]
fn sarif_has_one_rule_per_code_and_physical_locations() {
    let run = check_in(repo(), &["examples", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let doc: Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let sarif_run = &doc["runs"][0];
    assert_eq!(sarif_run["tool"]["driver"]["name"], "bedrock-lsp");
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "unknown-model",
            "legacy-model",
            "eol-model",
            "region-unavailable",
            "needs-inference-profile",
            "provisioned-only",
            "not-bedrock-id",
            "unused-ignore"
        ]
    );
    for r in rules {
        let own_docs = "https://github.com/bedrock-lsp/bedrock-lsp#ignore-comments";
        let help = r["helpUri"].as_str().unwrap();
        assert!(
            help.starts_with("https://docs.aws.amazon.com/")
                || (r["id"] == "unused-ignore" && help == own_docs),
            "{help}"
        );
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
    }
    let results = sarif_run["results"].as_array().unwrap();
    let got: Vec<(String, String, u64)> = results
        .iter()
        .map(|r| {
            let idx = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                r["ruleId"], rules[idx]["id"],
                "ruleIndex points at the rule"
            );
            let loc = &r["locations"][0]["physicalLocation"];
            let region = &loc["region"];
            assert!(region["startColumn"].as_u64().unwrap() >= 1);
            assert!(region["endColumn"].as_u64() > region["startColumn"].as_u64());
            (
                r["ruleId"].as_str().unwrap().to_string(),
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                region["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<_> = EXAMPLE_FINDINGS
        .iter()
        .map(|(c, f, l)| t(c, f, *l))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[3]["level"], "warning");
}

#[test]
fn github_format_is_workflow_commands() {
    let run = check_in(repo(), &["examples", "--format", "github"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(
        lines[1].starts_with(
            "::error file=examples/python/summarize.py,line=16,col=18,endColumn=57,title=bedrock-lsp(unknown-model)::Unknown Bedrock model ID"
        ),
        "{}",
        lines[1]
    );
    assert!(lines[3].starts_with(
        "::warning file=examples/typescript/src/chat.ts,line=11,col=17,endColumn=58,title=bedrock-lsp(needs-inference-profile)::"
    ));
}

/// `--fix` applies safe fixes only: the typo is restored; the migrations of retired
/// models and the switch to an inference profile change which model or route a program
/// uses, so they are left for a person (the editor offers them).
#[test]
fn fix_applies_only_safe_fixes_and_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples"), dir.path());
    let before: Vec<(PathBuf, Vec<u8>)> = [
        "python/summarize.py",
        "typescript/src/chat.ts",
        ".env",
        "terraform/agent.tf",
    ]
    .iter()
    .map(|p| {
        (
            dir.path().join(p),
            std::fs::read(dir.path().join(p)).unwrap(),
        )
    })
    .collect();
    let run = check_in(dir.path(), &["--fix"]);
    assert!(
        run.stderr.contains(
            "fixed python/summarize.py:16: anthropic.claude-haiku-4-5-2025100-v1:0 → anthropic.claude-haiku-4-5-20251001-v1:0"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("fixed ").count(), 1, "{}", run.stderr);
    let after_py = std::fs::read(&before[0].0).unwrap();
    assert_eq!(
        String::from_utf8(after_py).unwrap(),
        String::from_utf8(before[0].1.clone()).unwrap().replace(
            "anthropic.claude-haiku-4-5-2025100-v1:0",
            "anthropic.claude-haiku-4-5-20251001-v1:0"
        ),
        "only the typo changes; the correct IDs stay as they were"
    );
    for (path, bytes) in &before[1..] {
        assert_eq!(
            &std::fs::read(path).unwrap(),
            bytes,
            "{} unchanged",
            path.display()
        );
    }
    // What is left is what a person decides: two retired models and a bare ID that
    // needs a profile, each with its fixes offered as unsafe.
    let rerun = check_in(dir.path(), &["--format", "json"]);
    assert_eq!(rerun.code, 1, "{}", rerun.stdout);
    let left = json_findings(&rerun);
    let codes: Vec<&str> = left.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["eol-model", "eol-model", "needs-inference-profile"],
        "{}",
        rerun.stdout
    );
    for f in &left {
        let fixes = f["fixes"].as_array().unwrap();
        assert!(!fixes.is_empty(), "{f}");
        assert!(fixes.iter().all(|x| x["safe"] == false), "{f}");
    }
}

#[test]
fn diff_prints_a_unified_diff_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples"), dir.path());
    let before = std::fs::read(dir.path().join("python/summarize.py")).unwrap();
    let run = check_in(dir.path(), &["--diff", "python"]);
    assert_eq!(run.code, 1, "changes to make exit 1");
    assert!(run
        .stdout
        .starts_with("--- a/python/summarize.py\n+++ b/python/summarize.py\n@@"));
    assert!(run
        .stdout
        .contains("\n-        modelId=\"anthropic.claude-haiku-4-5-2025100-v1:0\",\n+        modelId=\"anthropic.claude-haiku-4-5-20251001-v1:0\",\n"), "{}", run.stdout);
    assert_eq!(
        std::fs::read(dir.path().join("python/summarize.py")).unwrap(),
        before
    );
    // A switch to an inference profile is not a safe fix: nothing to show.
    let unsafe_only = check_in(dir.path(), &["--diff", "typescript"]);
    assert_eq!((unsafe_only.code, unsafe_only.stdout.as_str()), (0, ""));
    let clean = check_in(
        dir.path(),
        &["--diff", "python/summarize.py", "--ignore", "unknown-model"],
    );
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""));
}

#[test]
fn valid_ids_are_never_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let text = "import boto3\nbr = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\nbr.converse(modelId=\"anthropic.claude-haiku-4-5-20251001-v1:0\")\nbr.converse(modelId=\"us.anthropic.claude-sonnet-4-5-20250929-v1:0\")\nbr.invoke_model(modelId=\"amazon.titan-embed-text-v2:0\")\nbr.converse(modelId=\"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0\")\n";
    let p = write(dir.path(), "ok.py", text);
    let run = check_in(dir.path(), &["--fix", "--format", "json"]);
    assert_eq!((run.code, run.stdout.trim()), (0, "[]"), "{}", run.stderr);
    assert!(!run.stderr.contains("fixed"));
    assert_eq!(std::fs::read_to_string(p).unwrap(), text);
}

#[test]
fn exit_2_for_a_missing_path_names_it_and_still_checks_the_rest() {
    let run = check_in(repo(), &["examples/python", "no/such/dir"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: no/such/dir: no such file or directory"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("error[unknown-model]"),
        "other paths are still reported"
    );
}

#[test]
fn broken_settings_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".bedrock-lsp.toml",
        "regions = [\"us-east-1\"\n",
    );
    write(
        dir.path(),
        "a.py",
        "m = \"anthropic.claude-3-haiku-20240307-v1:0\"\n",
    );
    let run = check_in(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(".bedrock-lsp.toml"), "{}", run.stderr);
    assert_eq!(
        run.stdout, "",
        "nothing is reported with settings that did not load"
    );

    write(
        dir.path(),
        ".bedrock-lsp.toml",
        "regoins = [\"us-east-1\"]\n",
    );
    let run = check_in(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`regoins`: unknown setting"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_catalog_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "extra.json", "{\"format\": ");
    write(dir.path(), "a.py", "m = 1\n");
    let run = check_in(dir.path(), &["--catalog", "extra.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("extra.json"), "{}", run.stderr);
    let run = check_in(dir.path(), &["--catalog", "missing.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.json"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--select", "unknwn-model"][..],
        &["--severity", "eol-model=loud"],
        &["--severity", "eol-model"],
        &["--region", "mars-1"],
        &["--format", "xml"],
        &["--fix", "--diff"],
    ] {
        let run = check_in(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty());
    }
    let run = check_in(dir.path(), &["--select", "unknwn-model"]);
    assert!(run
        .stderr
        .contains("unknown diagnostic code `unknwn-model`"));
}

/// Haiku 4.5 is on demand in us-east-1 and eu-west-1, but only through a profile in eu-central-1.
const BARE_HAIKU: &str = "import boto3\nbr = boto3.client(\"bedrock-runtime\")\nbr.converse(modelId=\"anthropic.claude-haiku-4-5-20251001-v1:0\")\nbr.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\")\n";

#[test]
fn settings_file_and_flags_layer() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "svc/app.py", BARE_HAIKU);
    // No region known: only the EOL model is reported.
    let codes =
        |run: &Run| -> Vec<String> { triples(run).into_iter().map(|(c, _, _)| c).collect() };
    let run = check_in(dir.path(), &["--format", "json"]);
    assert_eq!(codes(&run), ["eol-model"]);
    // The project's region makes the bare ID a problem.
    write(
        dir.path(),
        ".bedrock-lsp.toml",
        "regions = [\"eu-central-1\"]\n",
    );
    let run = check_in(dir.path(), &["--format", "json"]);
    assert_eq!(codes(&run), ["needs-inference-profile", "eol-model"]);
    // Found from a subdirectory too (the nearest ancestor of each file).
    let run = check_in(&dir.path().join("svc"), &["--format", "json", "app.py"]);
    assert_eq!(codes(&run), ["needs-inference-profile", "eol-model"]);
    // A nearer settings file wins for the files under it.
    write(
        dir.path(),
        "svc/.bedrock-lsp.toml",
        "ignore_codes = [\"eol-model\"]\n",
    );
    let run = check_in(dir.path(), &["--format", "json"]);
    assert_eq!(codes(&run), Vec::<String>::new());
    std::fs::remove_file(dir.path().join("svc/.bedrock-lsp.toml")).unwrap();
    // Flags come last.
    let run = check_in(dir.path(), &["--format", "json", "--select", "eol-model"]);
    assert_eq!(codes(&run), ["eol-model"]);
    let run = check_in(dir.path(), &["--format", "json", "--ignore", "eol-model"]);
    assert_eq!(codes(&run), ["needs-inference-profile"]);
    let run = check_in(
        dir.path(),
        &["--format", "json", "--severity", "eol-model=warning"],
    );
    assert_eq!(run.code, 0, "no error-level finding left");
    assert_eq!(json_findings(&run)[1]["severity"], "warning");
    // --region replaces the project's regions.
    let run = check_in(dir.path(), &["--format", "json", "--region", "us-east-1"]);
    assert_eq!(codes(&run), ["eol-model"]);
    let run = check_in(dir.path(), &["--format", "json", "--no-config"]);
    assert_eq!(codes(&run), ["eol-model"]);
    let run = check_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--no-config",
            "--region",
            "eu-central-1",
        ],
    );
    assert_eq!(codes(&run), ["needs-inference-profile", "eol-model"]);
}

#[test]
fn ignore_comments_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.py",
        "m = \"anthropic.claude-3-haiku-20240307-v1:0\"  # bedrock-lsp: ignore[eol-model]\nn = \"anthropic.claude-3-haiku-20240307-v1:0\"\n",
    );
    let run = check_in(dir.path(), &["--format", "json"]);
    assert_eq!(triples(&run), [t("eol-model", "a.py", 2)]);
}

#[test]
fn walk_respects_gitignore_and_skips_binary_oversized_and_unsupported_files() {
    let dir = tempfile::tempdir().unwrap();
    let eol = "model_id = \"anthropic.claude-3-haiku-20240307-v1:0\"\n";
    write(dir.path(), "src/app.py", eol);
    write(
        dir.path(),
        ".github/workflows/ci.yml",
        "env:\n  MODEL_ID: anthropic.claude-3-haiku-20240307-v1:0\n",
    );
    write(dir.path(), ".gitignore", "build/\n");
    write(dir.path(), "build/gen.py", eol);
    write(dir.path(), "notes.txt", eol);
    write(
        dir.path(),
        "web/vendor.min.js",
        "var model_id=\"anthropic.claude-3-haiku-20240307-v1:0\";\n",
    );
    let mut bin = eol.as_bytes().to_vec();
    bin.push(0);
    std::fs::write(dir.path().join("blob.py"), bin).unwrap();
    write(
        dir.path(),
        "big.py",
        &format!("{eol}{}", "# padding\n".repeat(2000)),
    );
    write(dir.path(), ".bedrock-lsp.toml", "max_file_size = 10000\n");
    write(dir.path(), ".git/config.py", eol);
    let run = check_in(dir.path(), &["--format", "json", "-v"]);
    let files: Vec<String> = triples(&run).into_iter().map(|(_, f, _)| f).collect();
    assert_eq!(
        files,
        [".github/workflows/ci.yml", "src/app.py"],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("blob.py: skipped: binary file"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("big.py: skipped: 20052 bytes is over maxFileSize (10000)"));
    assert!(run
        .stderr
        .contains("web/vendor.min.js: skipped (minified bundle)"));
    // Without -v the skips are quiet; named explicitly, a file is always read.
    let run = check_in(dir.path(), &["--format", "json"]);
    assert_eq!(run.stderr, "");
    let run = check_in(
        dir.path(),
        &["--format", "json", "build/gen.py", "web/vendor.min.js"],
    );
    assert_eq!(
        triples(&run),
        [
            t("eol-model", "build/gen.py", 1),
            t("eol-model", "web/vendor.min.js", 1)
        ]
    );
}

#[test]
fn non_utf8_files_are_reported_but_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"# caf\xe9\nmodel_id = \"amazon.nova-lite-v1:O\"\n".to_vec();
    bytes.extend_from_slice(b"# end\n");
    std::fs::write(dir.path().join("latin1.py"), &bytes).unwrap();
    let run = check_in(dir.path(), &["--fix", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(triples(&run), [t("unknown-model", "latin1.py", 2)]);
    assert!(run
        .stderr
        .contains("latin1.py: not fixed: the file is not valid UTF-8"));
    assert_eq!(std::fs::read(dir.path().join("latin1.py")).unwrap(), bytes);
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        write(
            dir.path(),
            &format!("pkg{}/mod{i}.py", i % 7),
            &format!("x = {i}\nmodel_id = \"anthropic.claude-3-haiku-20240307-v1:0\"\n"),
        );
    }
    let one = check_in(dir.path(), &["-j", "1"]);
    let many = check_in(dir.path(), &["-j", "8"]);
    assert_eq!(one.code, 1);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stdout.matches("error[eol-model]").count(), 60);
    let files: Vec<String> = triples(&check_in(dir.path(), &["-j", "8", "--format", "json"]))
        .into_iter()
        .map(|(_, f, _)| f)
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

/// A Python file whose one finding has a safe fix (a typo in the date of an ID).
const FIXABLE_PY: &str = "import boto3\nclient = boto3.client(\"bedrock-runtime\")\nclient.converse(modelId=\"anthropic.claude-haiku-4-5-2025100-v1:0\")\n";

/// Files are checked while the tree is still being walked, but a broken settings file
/// anywhere still stops the run before anything is written or reported: with `--fix`
/// over hundreds of fixable files, none changes, and the error named is the same on
/// every run (the broken file that governs the first file in path order).
#[test]
fn a_broken_settings_file_in_a_subdirectory_stops_fix_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files: Vec<PathBuf> = (0..300)
        .map(|i| write(d, &format!("pkg{}/m{i}.py", i % 12), FIXABLE_PY))
        .collect();
    let run = check_in(d, &["--diff", "-j", "4"]);
    assert_eq!(
        run.stdout.matches("\n+++ b/").count(),
        300,
        "{}",
        run.stderr
    );

    write(d, "pkg7/.bedrock-lsp.toml", "regions = [\"us-east-1\"\n");
    write(
        d,
        "pkg3/deeper/.bedrock-lsp.toml",
        "regoins = [\"us-east-1\"]\n",
    );
    write(d, "pkg3/deeper/z.py", FIXABLE_PY);
    for threads in ["1", "2", "8", "8"] {
        let run = check_in(d, &["--fix", "-j", threads]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(run.stdout, "", "nothing is reported");
        assert!(!run.stderr.contains("fixed "), "{}", run.stderr);
        // `pkg3/deeper/z.py` is the first file (in path order) under a broken one.
        assert!(
            run.stderr.contains("`regoins`: unknown setting") && run.stderr.contains("deeper"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("pkg7"), "{}", run.stderr);
        for f in &files {
            assert_eq!(
                std::fs::read_to_string(f).unwrap(),
                FIXABLE_PY,
                "{} unchanged",
                f.display()
            );
        }
    }
    let mut names = Vec::new();
    for sub in std::fs::read_dir(d).unwrap().flatten() {
        for f in std::fs::read_dir(sub.path()).unwrap().flatten() {
            names.push(f.file_name().to_string_lossy().into_owned());
        }
    }
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "no temporary file left: {names:?}"
    );

    // Fixed, the run goes through and writes every file.
    std::fs::remove_file(d.join("pkg7/.bedrock-lsp.toml")).unwrap();
    std::fs::remove_file(d.join("pkg3/deeper/.bedrock-lsp.toml")).unwrap();
    let run = check_in(d, &["--fix", "-j", "2"]);
    assert_eq!(run.stderr.matches("fixed ").count(), 301, "{}", run.stderr);
    assert!(std::fs::read_to_string(&files[0])
        .unwrap()
        .contains("anthropic.claude-haiku-4-5-20251001-v1:0"));
}

/// The report and the notes are the same on every run and with any number of threads,
/// though files are checked in whatever order the parallel walk meets them.
#[test]
fn output_is_identical_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..120 {
        let text = if i % 3 == 0 { FIXABLE_PY } else { EOL_PY };
        write(d, &format!("a{}/b{}/f{i}.py", i % 5, i % 4), text);
    }
    write(d, "a1/bundle.min.js", "x");
    write(d, "a2/b1/package-lock.json", "{}");
    write(d, "a3/vendor/v.py", EOL_PY);
    write(d, ".bedrock-lsp.toml", "exclude = [\"a3/vendor\"]\n");
    let args = ["-v", "--format", "json"];
    let first = check_in(d, &args);
    assert_eq!(first.code, 1);
    assert_eq!(json_findings(&first).len(), 120);
    assert!(first
        .stderr
        .contains("a3/vendor/v.py: skipped (excluded by the settings)"));
    assert!(first
        .stderr
        .contains("a1/bundle.min.js: skipped (minified bundle)"));
    for threads in ["1", "2", "3", "8", "8", "8"] {
        let again = check_in(d, &["-v", "--format", "json", "-j", threads]);
        assert_eq!(again.stdout, first.stdout, "-j {threads}");
        assert_eq!(again.stderr, first.stderr, "-j {threads}");
    }
    let text = check_in(d, &[]);
    for _ in 0..3 {
        assert_eq!(check_in(d, &[]).stdout, text.stdout);
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = check_in(&repo().join("examples"), &["python"]);
    let coloured = check_in(&repo().join("examples"), &["python", "--color", "always"]);
    assert!(!plain.stdout.contains('\u{1b}'));
    assert!(coloured.stdout.contains("\u{1b}["), "{}", coloured.stdout);
    assert_eq!(coloured.code, 1);
}

#[test]
fn verbose_names_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".bedrock-lsp.toml",
        "regions = [\"us-east-1\"]\n",
    );
    write(dir.path(), "a.py", "x = 1\n");
    let run = check_in(dir.path(), &["-v"]);
    assert!(
        run.stderr.contains("note: settings from "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".bedrock-lsp.toml"));
}

#[test]
fn a_clean_tree_exits_0_silently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", "print('hello')\n");
    let run = check_in(dir.path(), &[]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(
        run.stderr.trim(),
        "0 errors, 0 warnings in 1 file (catalog as of 2026-12-02)"
    );
}

const EOL_PY: &str = "client.converse(modelId=\"amazon.titan-text-express-v1\")\n";
const TYPO_PY: &str = "import boto3\nclient.converse(modelId=\"amazon.nova-lite-v1:O\")\n";

/// `[tool.bedrock-lsp]` in `pyproject.toml` is read like `.bedrock-lsp.toml`; the
/// nearest settings file wins, and `.bedrock-lsp.toml` wins over a `pyproject.toml` in
/// the same directory.
#[test]
fn pyproject_settings_and_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "app.py", EOL_PY);
    write(d, "svc/app.py", EOL_PY);
    write(
        d,
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.bedrock-lsp]\nignore_codes = [\"eol-model\"]\n",
    );
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(triples(&r), vec![], "{}", r.stderr);
    // A nearer settings file (a pyproject.toml without our table does not count).
    write(d, "svc/pyproject.toml", "[tool.ruff]\nline-length = 100\n");
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(triples(&r), vec![], "{}", r.stderr);
    write(d, "svc/.bedrock-lsp.toml", "region = \"us-east-1\"\n");
    let r = check_in(d, &["--format", "json", "-v"]);
    assert_eq!(
        triples(&r),
        vec![t("eol-model", "svc/app.py", 1)],
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("pyproject.toml"), "{}", r.stderr);
    // Beside each other, .bedrock-lsp.toml wins.
    write(d, ".bedrock-lsp.toml", "");
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(
        triples(&r),
        vec![t("eol-model", "app.py", 1), t("eol-model", "svc/app.py", 1)]
    );
    // A broken table is an error naming the file.
    std::fs::remove_file(d.join(".bedrock-lsp.toml")).unwrap();
    write(
        d,
        "pyproject.toml",
        "[tool.bedrock-lsp]\nregion = \"mars\"\n",
    );
    let r = check_in(d, &["app.py"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("pyproject.toml") && r.stderr.contains("region"),
        "{}",
        r.stderr
    );
}

/// `exclude` / `extend-exclude` skip walked files; a file named on the command line is
/// checked anyway unless `--force-exclude` is given (pre-commit passes file names).
#[test]
fn excludes_apply_to_the_walk_and_with_force_exclude_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "src/app.py", EOL_PY);
    write(d, "vendor/lib/x.py", EOL_PY);
    write(d, "src/gen/y_pb2.py", EOL_PY);
    write(d, "tests/z.py", EOL_PY);
    write(
        d,
        ".bedrock-lsp.toml",
        "exclude = [\"vendor\"]\nextend-exclude = [\"*_pb2.py\", \"tests/**\"]\n",
    );
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(
        triples(&r),
        vec![t("eol-model", "src/app.py", 1)],
        "{}",
        r.stderr
    );
    // From a subdirectory: the globs are relative to the settings file.
    let r = check_in(&d.join("src"), &["--format", "json", "."]);
    assert_eq!(
        triples(&r),
        vec![t("eol-model", "./app.py", 1)],
        "{}",
        r.stderr
    );
    let r = check_in(
        d,
        &["--format", "json", "vendor/lib/x.py", "src/gen/y_pb2.py"],
    );
    assert_eq!(
        triples(&r).len(),
        2,
        "named files are checked without --force-exclude"
    );
    let r = check_in(
        d,
        &[
            "--format",
            "json",
            "--force-exclude",
            "vendor/lib/x.py",
            "src/app.py",
        ],
    );
    assert_eq!(triples(&r), vec![t("eol-model", "src/app.py", 1)]);
    assert!(
        r.stderr.contains("vendor/lib/x.py: skipped (excluded"),
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 1);
    // A bad glob: exit 2 naming the key.
    write(d, ".bedrock-lsp.toml", "exclude = [\"a/[\"]\n");
    let r = check_in(d, &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("exclude") && r.stderr.contains("a/["),
        "{}",
        r.stderr
    );
}

/// `[[overrides]]` change the settings for the files their globs match (ruff's
/// per-file-ignores), relative to the settings file's directory.
#[test]
fn overrides_apply_per_path() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "app.py", TYPO_PY);
    write(d, "tests/test_app.py", TYPO_PY);
    write(d, "tests/eol.py", EOL_PY);
    write(
        d,
        "pyproject.toml",
        "[tool.bedrock-lsp]\nregion = \"us-east-1\"\n\n[[tool.bedrock-lsp.overrides]]\nfiles = [\"tests/**\"]\nignore_codes = [\"unknown-model\"]\nseverity = { eol-model = \"hint\" }\n",
    );
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(
        triples(&r),
        vec![
            t("unknown-model", "app.py", 2),
            t("eol-model", "tests/eol.py", 1)
        ],
        "{}",
        r.stderr
    );
    let f = json_findings(&r);
    assert_eq!(f[1]["severity"], "hint");
    assert_eq!(r.code, 1);
    // A bad override: exit 2 naming its place.
    write(
        d,
        ".bedrock-lsp.toml",
        "[[overrides]]\nfiles = [\"tests/**\"]\nmax-file-size = 3\n",
    );
    let r = check_in(d, &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("overrides[0].max-file-size"),
        "{}",
        r.stderr
    );
}

fn check_stdin(dir: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = check_command(dir, args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run bedrock-lsp");
    // A usage error exits before reading: the pipe may be closed.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

#[test]
fn exit_zero_statistics_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.py", EOL_PY);
    write(d, "b.py", &format!("{EOL_PY}{EOL_PY}{TYPO_PY}"));
    let r = check_in(d, &["--exit-zero"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("eol-model"),
        "findings still shown: {}",
        r.stdout
    );
    let r = check_in(d, &["--statistics"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout, "3  eol-model\n1  unknown-model  [1 fixable]\n",
        "{}",
        r.stderr
    );
    let r = check_in(d, &["--statistics", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{"code": "eol-model", "count": 3, "fixable": 0},
                           {"code": "unknown-model", "count": 1, "fixable": 1}])
    );
    let r = check_in(d, &["--format", "json", "--output-file", "out/report.json"]);
    assert_eq!(r.code, 2, "a missing directory is an error");
    assert!(
        r.stderr.contains("--output-file out/report.json"),
        "{}",
        r.stderr
    );
    let r = check_in(d, &["--format", "json", "-o", "report.json", "a.py"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("report.json")).unwrap()).unwrap();
    assert_eq!(report[0]["code"], "eol-model");
    assert_eq!(report[0]["file"], "a.py");
    // Bad combinations: exit 2 with the flag named.
    for (args, needle) in [
        (&["--statistics", "--format", "sarif"][..], "--statistics"),
        (&["--statistics", "--diff"][..], "--statistics"),
        (&["--output-file", "."][..], "--output-file"),
        (&["--unsafe-fixes"][..], "--unsafe-fixes"),
        (&["--stdin-filename", "x.py"][..], "--stdin-filename"),
    ] {
        let r = check_in(d, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn standard_input_stands_for_the_stdin_filename() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "svc/.bedrock-lsp.toml", "exclude = [\"gen\"]\n[[overrides]]\nfiles = [\"tests/**\"]\nignore_codes = [\"eol-model\"]\n");
    let r = check_stdin(
        d,
        &["--format", "json", "--stdin-filename", "svc/app.py", "-"],
        EOL_PY,
    );
    assert_eq!(
        triples(&r),
        vec![t("eol-model", "svc/app.py", 1)],
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 1);
    // The settings file of the named path applies (its overrides, its excludes).
    let r = check_stdin(
        d,
        &[
            "--format",
            "json",
            "--stdin-filename",
            "svc/tests/t.py",
            "-",
        ],
        EOL_PY,
    );
    assert_eq!(triples(&r), vec![], "{}", r.stderr);
    let r = check_stdin(
        d,
        &["--stdin-filename", "svc/gen/x.py", "--force-exclude", "-"],
        EOL_PY,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    // --diff shows the fix for standard input; --fix is refused.
    let r = check_stdin(d, &["--diff", "--stdin-filename", "app.py", "-"], TYPO_PY);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("-client.converse(modelId=\"amazon.nova-lite-v1:O\")"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("+++ b/app.py"), "{}", r.stdout);
    let r = check_stdin(d, &["--fix", "-"], TYPO_PY);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--fix"), "{}", r.stderr);
    let r = check_stdin(d, &["-", "-"], TYPO_PY);
    assert_eq!(r.code, 2);
}

#[test]
fn a_file_level_ignore_comment_skips_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.py", &format!("# bedrock-lsp: ignore-file\n{EOL_PY}"));
    write(
        d,
        "b.tf",
        "resource \"x\" \"y\" {\n  m = \"amazon.titan-text-express-v1\"\n}\n// bedrock-lsp: ignore-file\n",
    );
    write(
        d,
        "c.py",
        &format!("note = \"# bedrock-lsp: ignore-file\"\n{EOL_PY}"),
    );
    let r = check_in(d, &["--format", "json", "-v"]);
    assert_eq!(triples(&r), vec![t("eol-model", "c.py", 2)], "{}", r.stderr);
    assert!(
        r.stderr
            .contains("a.py: skipped: `bedrock-lsp: ignore-file` comment"),
        "{}",
        r.stderr
    );
}

/// `--fix` applies only the fixes marked safe; `--unsafe-fixes` also the others.
#[test]
fn unsafe_fixes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // An Anthropic-API name where Bedrock wants its own ID: the fix (to the profile ID)
    // is not marked safe.
    let text = "import boto3\nc = boto3.client(\"bedrock-runtime\", region_name=\"us-east-1\")\nc.converse(modelId=\"claude-3-5-sonnet-20241022\")\n";
    write(d, "app.py", text);
    let r = check_in(d, &["--format", "json"]);
    let f = &json_findings(&r)[0];
    assert_eq!(f["code"], "not-bedrock-id");
    assert_eq!(f["fixes"][0]["safe"], false);
    let r = check_in(d, &["--fix"]);
    assert_eq!(
        std::fs::read_to_string(d.join("app.py")).unwrap(),
        text,
        "{}",
        r.stderr
    );
    let r = check_in(d, &["--diff", "--unsafe-fixes"]);
    assert!(
        r.stdout
            .contains("-c.converse(modelId=\"claude-3-5-sonnet-20241022\")"),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read_to_string(d.join("app.py")).unwrap(), text);
    let r = check_in(d, &["--fix", "--unsafe-fixes"]);
    assert!(
        r.stderr
            .contains("claude-3-5-sonnet-20241022 → us.anthropic.claude-3-5-sonnet-20241022-v2:0"),
        "{}",
        r.stderr
    );
    let after = std::fs::read_to_string(d.join("app.py")).unwrap();
    assert!(!after.contains("\"claude-3-5-sonnet-20241022\""), "{after}");
}

#[test]
fn walk_reads_every_text_file_and_verbose_names_each_skip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = "anthropic.claude-3-haiku-20240307-v1:0";
    // Rows of the language table, and a file that no row names (the generic reader).
    write(d, "ios/Chat.swift", &format!("let modelId = \"{id}\"\n"));
    write(d, "conf/app.ini", &format!("[bedrock]\nmodel_id = {id}\n"));
    write(
        d,
        "pom.xml",
        &format!("<project>\n  <modelId>{id}</modelId>\n</project>\n"),
    );
    write(
        d,
        "build.gradle",
        &format!("bedrock {{\n    modelId = \"{id}\"\n}}\n"),
    );
    // Skipped, each for its reason.
    write(
        d,
        "package-lock.json",
        &format!("{{\"modelId\": \"{id}\"}}\n"),
    );
    write(
        d,
        "dist/app.js.map",
        &format!("{{\"sourcesContent\": [\"m = '{id}'\"]}}\n"),
    );
    std::fs::write(d.join("logo.png"), format!("modelId = \"{id}\"\n")).unwrap();
    let mut latin1 = format!("modelId = \"{id}\" # caf").into_bytes();
    latin1.extend_from_slice(b"\xe9\n");
    std::fs::write(d.join("notes.weird"), &latin1).unwrap();
    let mut nul = format!("modelId = \"{id}\"\n").into_bytes();
    nul.push(0);
    std::fs::write(d.join("blob.dat"), &nul).unwrap();

    let run = check_in(d, &["--format", "json", "-v"]);
    assert_eq!(
        triples(&run),
        [
            t("eol-model", "build.gradle", 2),
            t("eol-model", "conf/app.ini", 2),
            t("eol-model", "ios/Chat.swift", 1),
            t("eol-model", "pom.xml", 2),
        ],
        "{}",
        run.stderr
    );
    for line in [
        "package-lock.json: skipped (lock file (generated; names packages, not models))",
        "dist/app.js.map: skipped (source map (generated from the sources))",
        "logo.png: skipped (binary file type)",
        "notes.weird: skipped: not UTF-8 text",
        "blob.dat: skipped: binary file",
    ] {
        assert!(run.stderr.contains(line), "{line} in\n{}", run.stderr);
    }
    // Without -v the skips are quiet.
    let run = check_in(d, &["--format", "json"]);
    assert_eq!(run.stderr, "");
    // A file named on the command line is read whatever its name, or its skip is said.
    let run = check_in(d, &["--format", "json", "package-lock.json", "notes.weird"]);
    assert_eq!(triples(&run), [t("eol-model", "package-lock.json", 1)]);
    assert!(
        run.stderr.contains("notes.weird: skipped: not UTF-8 text"),
        "{}",
        run.stderr
    );
}

/// A file with used and unused ignore comments (the model ID on line 3 is retired on
/// `TODAY`; the one on line 4 is active and clean).
const IGNORES_PY: &str = "import boto3\n\
client = boto3.client(\"bedrock-runtime\")\n\
client.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\")  # bedrock-lsp: ignore[eol-model]\n\
client.converse(modelId=\"amazon.nova-lite-v1:0\")  # bedrock-lsp: ignore[eol-model]\n\
# bedrock-lsp: ignore\n\
x = 1\n\
m = \"anthropic.claude-3-haiku-20240307-v1:0\"  # bedrock-lsp: ignore[eol-model, legacy-model]\n";

/// (line, column, endColumn) of `needle`'s `n`-th line occurrence in `text` (1-based,
/// ASCII text).
fn at(text: &str, line: usize, needle: &str) -> (u64, u64, u64) {
    let l = text.lines().nth(line - 1).unwrap();
    let c = l.find(needle).unwrap() + 1;
    (line as u64, c as u64, (c + needle.len()) as u64)
}

#[test]
fn unused_ignore_comments_are_reported_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.py", IGNORES_PY);
    // Off by default: the used comment silences its line, the others say nothing.
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(triples(&r), vec![]);

    let r = check_in(d, &["--format", "json", "--report-unused-ignores"]);
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    let found = json_findings(&r);
    let got: Vec<(String, u64, u64, u64, String, String)> = found
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["endColumn"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let row = |(line, col, end): (u64, u64, u64), msg: &str| {
        (
            "unused-ignore".to_string(),
            line,
            col,
            end,
            "warning".to_string(),
            msg.to_string(),
        )
    };
    assert_eq!(
        got,
        vec![
            row(
                at(IGNORES_PY, 4, "bedrock-lsp: ignore[eol-model]"),
                "Unused `bedrock-lsp: ignore[eol-model]`: no `eol-model` finding on the line it covers"
            ),
            row(
                at(IGNORES_PY, 5, "bedrock-lsp: ignore"),
                "Unused `bedrock-lsp: ignore`: nothing is reported on the line it covers"
            ),
            row(
                at(IGNORES_PY, 7, "bedrock-lsp: ignore[eol-model, legacy-model]"),
                "Unused code in `bedrock-lsp: ignore[eol-model, legacy-model]`: no `legacy-model` finding on the line it covers"
            ),
        ],
        "{}",
        r.stdout
    );
    assert!(found.iter().all(|f| f["fixes"][0]["safe"] == true));

    // The same from the settings file; a bad value is a usage error naming the key.
    write(d, ".bedrock-lsp.toml", "report_unused_ignores = true\n");
    assert_eq!(triples(&check_in(d, &["--format", "json"])).len(), 3);
    write(d, ".bedrock-lsp.toml", "report_unused_ignores = \"yes\"\n");
    let r = check_in(d, &["--format", "json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("report_unused_ignores") && r.stderr.contains("expected true or false"),
        "{}",
        r.stderr
    );
    std::fs::remove_file(d.join(".bedrock-lsp.toml")).unwrap();
    let r = check_in(d, &["--report-unused-ignores=yes"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--report-unused-ignores"), "{}", r.stderr);

    // `--select` need not name the code; `--ignore` silences it.
    let r = check_in(
        d,
        &[
            "--format",
            "json",
            "--report-unused-ignores",
            "--select",
            "eol-model",
        ],
    );
    assert_eq!(triples(&r).len(), 3, "{}", r.stderr);
    let r = check_in(
        d,
        &[
            "--format",
            "json",
            "--report-unused-ignores",
            "--ignore",
            "unused-ignore",
        ],
    );
    assert_eq!(triples(&r), vec![]);
}

#[test]
fn fix_removes_only_unused_ignore_comments() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.py", IGNORES_PY);
    let r = check_in(d, &["--fix", "--report-unused-ignores"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let fixed = std::fs::read_to_string(d.join("a.py")).unwrap();
    assert_eq!(
        fixed,
        "import boto3\n\
client = boto3.client(\"bedrock-runtime\")\n\
client.converse(modelId=\"anthropic.claude-3-haiku-20240307-v1:0\")  # bedrock-lsp: ignore[eol-model]\n\
client.converse(modelId=\"amazon.nova-lite-v1:0\")\n\
x = 1\n\
m = \"anthropic.claude-3-haiku-20240307-v1:0\"  # bedrock-lsp: ignore[eol-model]\n"
    );
    // Nothing left to report, and the retired IDs are still silenced.
    let r = check_in(d, &["--format", "json", "--report-unused-ignores"]);
    assert_eq!(triples(&r), vec![], "{}", r.stdout);
    // Without the flag `--fix` leaves ignore comments alone.
    write(d, "b.py", IGNORES_PY);
    check_in(d, &["--fix", "b.py"]);
    assert_eq!(std::fs::read_to_string(d.join("b.py")).unwrap(), IGNORES_PY);
}

#[test]
fn unused_ignore_in_other_comment_forms_and_file_level() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A comment that says more than the directive keeps the rest; a block comment goes whole.
    write(
        d,
        "a.ts",
        "const a = 1; // bedrock-lsp: ignore -- pinned for the demo\n/* bedrock-lsp: ignore */\nconst b = 2;\n",
    );
    // An `ignore-file` in a file with nothing to report.
    write(d, "b.py", "# bedrock-lsp: ignore-file\nx = 1\n");
    // An `ignore-file` that is used: the file is still skipped.
    write(d, "c.py", &format!("# bedrock-lsp: ignore-file\n{EOL_PY}"));
    let r = check_in(d, &["--format", "json", "--report-unused-ignores"]);
    let got: Vec<(String, String, u64)> = triples(&r);
    assert_eq!(
        got,
        vec![
            t("unused-ignore", "a.ts", 1),
            t("unused-ignore", "a.ts", 2),
            t("unused-ignore", "b.py", 1),
        ],
        "{}",
        r.stdout
    );
    let r = check_in(d, &["--fix", "--report-unused-ignores"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(d.join("a.ts")).unwrap(),
        "const a = 1; // -- pinned for the demo\nconst b = 2;\n"
    );
    assert_eq!(std::fs::read_to_string(d.join("b.py")).unwrap(), "x = 1\n");
    assert_eq!(
        std::fs::read_to_string(d.join("c.py")).unwrap(),
        format!("# bedrock-lsp: ignore-file\n{EOL_PY}")
    );
}

/// Documentation of the syntax (Markdown prose, inline code, this repository's own
/// README) is not an ignore comment.
#[test]
fn documented_ignore_syntax_is_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "GUIDE.md",
        "# Silencing\n\nAdd `# bedrock-lsp: ignore[eol-model]` at the end of the line, or \
         `// bedrock-lsp: ignore` in JavaScript. A file with `bedrock-lsp: ignore-file` is skipped.\n",
    );
    let r = check_in(d, &["--format", "json", "--report-unused-ignores"]);
    assert_eq!(triples(&r), vec![], "{}", r.stdout);
    // (The README has findings of its own: examples of mistakes.)
    let r = check_in(
        repo(),
        &[
            "--format",
            "json",
            "--report-unused-ignores",
            "README.md",
            "ARCHITECTURE.md",
        ],
    );
    let unused: Vec<_> = triples(&r)
        .into_iter()
        .filter(|(c, _, _)| c == "unused-ignore")
        .collect();
    assert_eq!(unused, vec![], "{}", r.stdout);
}
