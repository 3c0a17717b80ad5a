//! The editor clients, end to end, against this build's `bedrock-lsp` binary:
//!
//! - VS Code: `editors/vscode`'s `npm test` (type-check, unit tests, and the end-to-end test
//!   that drives the server through vscode-jsonrpc with VS Code's capabilities);
//! - Neovim: `editors/nvim/test/e2e.lua` in a real headless Neovim with our
//!   `lsp/bedrock_lsp.lua`.
//!
//! Both need tools that `editors/ci-setup.sh` installs (node_modules, a Neovim). Without
//! them a test prints `skipped: …` and passes, unless `BEDROCK_LSP_REQUIRE_EDITORS=1` is set
//! (CI sets it), in which case a missing tool fails the test.

use crate::support::{repo, BIN};
use bedrock_lsp::syntax::{Language, LANGUAGES};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(600);

fn required() -> bool {
    std::env::var("BEDROCK_LSP_REQUIRE_EDITORS").is_ok_and(|v| v == "1")
}

/// Skip (visibly: straight to stderr, past the test harness's capture) or, when the
/// editors are required, fail.
fn skip(what: &str) {
    if required() {
        panic!(
            "missing: {what}; BEDROCK_LSP_REQUIRE_EDITORS=1 requires it (run editors/ci-setup.sh)"
        );
    }
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {what}; run editors/ci-setup.sh to install it"
    );
}

/// Run `cmd`, fail with its whole output when it fails or outlives the time limit.
fn run(name: &str, mut cmd: Command) -> String {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("{name}: cannot start {cmd:?}: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    let all = format!("--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
    match status {
        None => panic!("{name}: did not finish within {TIME_LIMIT:?}\n{all}"),
        Some(s) if !s.success() => panic!("{name} failed ({s})\n{all}"),
        Some(_) => all,
    }
}

fn on_path(exe: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(exe))
        .find(|p| p.is_file())
}

#[test]
fn vscode_client_end_to_end() {
    let dir = repo().join("editors/vscode");
    if !dir.join("node_modules/vscode-languageclient").is_dir()
        || !dir.join("node_modules/vscode-jsonrpc").is_dir()
    {
        return skip("VS Code client tests: editors/vscode/node_modules is missing");
    }
    let Some(npm) = on_path("npm") else {
        return skip("VS Code client tests: npm is not on PATH");
    };
    let mut cmd = Command::new(npm);
    cmd.arg("test")
        .current_dir(&dir)
        .env("BEDROCK_LSP_BIN", BIN)
        .env("RUST_LOG", "info")
        .env_remove("NODE_OPTIONS");
    let output = run("VS Code client test (npm test in editors/vscode)", cmd);
    // The run passed; make sure it really ran the end-to-end tests (none silently skipped).
    assert!(
        output.contains("# fail 0") && output.contains("# skipped 0"),
        "unexpected test summary:\n{output}"
    );
    for name in [
        "initialize negotiates UTF-16",
        "a misspelled model ID in Python",
        "the quick fix replaces the misspelled ID",
        "hover on a known ID",
        "completion inside modelId",
        "Terraform: an end-of-life model gets eol-model",
        "changing bedrock.severity re-publishes",
        "diagnostic ranges count UTF-16 code units",
    ] {
        assert!(
            output
                .lines()
                .any(|l| l.trim_start().starts_with("ok ") && l.contains(name)),
            "the VS Code e2e test `{name}` did not pass:\n{output}"
        );
    }
}

#[test]
fn vscode_extension_packages_into_a_vsix_with_the_server() {
    let dir = repo().join("editors/vscode");
    if !dir.join("node_modules/@vscode/vsce").is_dir() {
        return skip("VS Code packaging test: editors/vscode/node_modules is missing");
    }
    let Some(npx) = on_path("npx") else {
        return skip("VS Code packaging test: npx is not on PATH");
    };
    let out = tempfile::tempdir().expect("temp dir");
    let vsix = out.path().join("bedrock-lsp.vsix");
    // `vsce package` runs the `vscode:prepublish` script: type-check, bundle, copy the server.
    let mut cmd = Command::new(npx);
    cmd.args(["vsce", "package", "--no-dependencies", "--out"])
        .arg(&vsix)
        .current_dir(&dir)
        .env("BEDROCK_LSP_BIN", BIN);
    run("vsce package (editors/vscode)", cmd);
    // List the .vsix (a zip) with Python's zipfile: name, size, unix mode.
    let listing = Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, zipfile\n\
             for i in zipfile.ZipFile(sys.argv[1]).infolist():\n    \
             print(i.filename, i.file_size, oct(i.external_attr >> 16))",
        )
        .arg(&vsix)
        .output()
        .expect("python3 to list the .vsix");
    assert!(listing.status.success(), "{listing:?}");
    let listing = String::from_utf8_lossy(&listing.stdout).to_string();
    let entry = |name: &str| {
        listing
            .lines()
            .find(|l| l.split(' ').next() == Some(name))
            .map(|l| l.split(' ').map(str::to_string).collect::<Vec<_>>())
    };
    for name in [
        "extension/package.json",
        "extension/dist/extension.js",
        "extension/readme.md",
    ] {
        assert!(
            entry(name).is_some(),
            "{name} missing from the .vsix:\n{listing}"
        );
    }
    assert!(
        !listing.contains("extension/src/")
            && !listing.contains("node_modules")
            && !listing.contains("extension/test/"),
        "sources or node_modules in the .vsix:\n{listing}"
    );
    let server = entry("extension/server/bedrock-lsp")
        .unwrap_or_else(|| panic!("no bundled server in the .vsix:\n{listing}"));
    // The binary under test, stripped by copy-server.mjs (no debug info in the package).
    let size = std::fs::metadata(BIN).unwrap().len();
    let bundled: u64 = server[1].parse().unwrap();
    assert!(
        bundled > 0 && bundled < size,
        "the bundled server is the binary under test, stripped: {bundled} bytes vs {size}"
    );
    assert!(
        server[2].ends_with("755"),
        "the bundled server is executable: {server:?}"
    );
}

/// The Neovim to test with: `BEDROCK_LSP_NVIM`, then the one ci-setup.sh installs in
/// `editors/.venv`, then `nvim` on PATH if it is 0.11 or newer.
fn find_nvim() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BEDROCK_LSP_NVIM") {
        return Some(PathBuf::from(p));
    }
    let venv = repo().join("editors/.venv/bin/nvim");
    if venv.is_file() {
        return Some(venv);
    }
    let nvim = on_path("nvim")?;
    let out = Command::new(&nvim).arg("--version").output().ok()?;
    let first = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    // "NVIM v0.11.2" or "NVIM v0.12.0-dev-…"
    let version = first.strip_prefix("NVIM v")?;
    let mut parts = version.split(['.', '-']);
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = parts.next()?.parse().ok()?;
    (major > 0 || minor >= 11).then_some(nvim)
}

#[test]
fn neovim_client_end_to_end() {
    let Some(nvim) = find_nvim() else {
        return skip(
            "Neovim client test: no Neovim >= 0.11 (editors/.venv/bin/nvim or nvim on PATH)",
        );
    };
    let state = tempfile::tempdir().expect("temp dir");
    let xdg = |sub: &str| -> PathBuf {
        let p = state.path().join(sub);
        std::fs::create_dir_all(&p).unwrap();
        p
    };
    let script = repo().join("editors/nvim/test/e2e.lua");
    let mut cmd = Command::new(&nvim);
    cmd.args(["--headless", "--clean", "-l"])
        .arg(&script)
        .current_dir(repo())
        .env("BEDROCK_LSP_BIN", BIN)
        .env("RUST_LOG", "info")
        .env("XDG_STATE_HOME", xdg("state"))
        .env("XDG_DATA_HOME", xdg("data"))
        .env("XDG_CONFIG_HOME", xdg("config"))
        .env("XDG_CACHE_HOME", xdg("cache"));
    let output = run(&format!("Neovim client test ({})", nvim.display()), cmd);
    assert!(
        !output.contains("not ok - ") && output.contains(" 0 failed"),
        "unexpected Neovim test output:\n{output}"
    );
    for name in [
        "lsp/bedrock_lsp.lua is found",
        "three files opened while the server starts each show their diagnostics when visited",
        "Python: one unknown-model error",
        "Python: the preferred quick fix",
        "Python: hover on a known ID",
        "Python: completion inside",
        "Terraform: attaches and reports eol-model",
        "lspconfig.lua (the nvim-lspconfig snippet)",
        "Python: columns stay right after multi-byte text",
        ".env: attaches",
        ".env: the end-of-life model gets eol-model",
        "YAML: attaches",
        "YAML: the end-of-life model in a CloudFormation template",
        "shutdown: the server exits cleanly",
    ] {
        assert!(
            output.contains(&format!("ok - {name}")),
            "the Neovim check `{name}` did not pass:\n{output}"
        );
    }
}

#[test]
fn editor_configs_name_the_server_and_the_supported_languages() {
    // The configs that no test can drive here (no Helix/Zed/Emacs/Sublime on CI) are at least
    // checked for the command, the root marker and the languages they attach to.
    let read =
        |p: &str| std::fs::read_to_string(repo().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let helix = read("editors/helix/languages.toml");
    let helix: toml::Value = toml::from_str(&helix).expect("helix languages.toml parses");
    assert_eq!(
        helix["language-server"]["bedrock-lsp"]["command"].as_str(),
        Some("bedrock-lsp")
    );
    let langs: Vec<&str> = helix["language"]
        .as_array()
        .expect("[[language]] entries")
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    for l in ["python", "hcl", "yaml", "env", "bash", "typescript"] {
        assert!(langs.contains(&l), "helix: {l} in {langs:?}");
    }
    for l in helix["language"].as_array().unwrap() {
        let servers = l["language-servers"].as_array().expect("language-servers");
        assert!(
            servers.iter().any(|s| s.as_str() == Some("bedrock-lsp")
                || s.get("name").and_then(|n| n.as_str()) == Some("bedrock-lsp")),
            "helix: {l:?} uses bedrock-lsp"
        );
    }

    let zed = read("editors/zed/settings.json");
    let zed: serde_json::Value =
        serde_json::from_str(&strip_jsonc_comments(&zed)).expect("zed settings parse");
    assert_eq!(
        zed["lsp"]["bedrock-lsp"]["binary"]["path"].as_str(),
        Some("bedrock-lsp")
    );

    let mason = read("editors/mason/package.yaml");
    assert!(
        mason.contains("name: bedrock-lsp") && mason.contains("bin:"),
        "{mason}"
    );

    let eglot = read("editors/emacs/bedrock-lsp.el");
    assert!(eglot.contains("eglot-server-programs") && eglot.contains("\"bedrock-lsp\""));

    let sublime = read("editors/sublime/LSP.sublime-settings");
    let sublime: serde_json::Value =
        serde_json::from_str(&strip_jsonc_comments(&sublime)).expect("sublime settings parse");
    assert_eq!(
        sublime["clients"]["bedrock-lsp"]["command"][0].as_str(),
        Some("bedrock-lsp")
    );

    // Every row of the language table is named by every editor config (or is listed
    // below as one the editor has no name for), and every name is one the config has.
    let zed_langs = zed["languages"].as_object().expect("zed languages");
    let selector = sublime["clients"]["bedrock-lsp"]["selector"]
        .as_str()
        .expect("sublime selector");
    let scopes: Vec<&str> = selector.split('|').map(str::trim).collect();
    let modes = eglot
        .split("(defconst bedrock-lsp-modes")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .expect("bedrock-lsp-modes");
    let modes: Vec<&str> = modes
        .split(|c: char| c.is_whitespace() || c == '(' || c == '\'')
        .filter(|m| m.ends_with("-mode"))
        .collect();
    for row in LANGUAGES {
        let Some((_, names)) = EDITOR_NAMES.iter().find(|(f, _)| *f == row.fixture) else {
            panic!(
                "{}: add the row's editor names to EDITOR_NAMES in tests/it/editors.rs",
                row.fixture
            );
        };
        let [hx, zd, em, sb] = names;
        for n in *hx {
            assert!(
                langs.contains(n),
                "helix: {n} ({}) in {langs:?}",
                row.fixture
            );
        }
        for n in *zd {
            assert!(zed_langs.contains_key(*n), "zed: {n} ({})", row.fixture);
        }
        for n in *em {
            assert!(
                modes.contains(n),
                "emacs: {n} ({}) in {modes:?}",
                row.fixture
            );
        }
        for n in *sb {
            assert!(
                scopes.contains(n),
                "sublime: {n} ({}) in {selector}",
                row.fixture
            );
        }
    }
    // And no config names a language the table does not have.
    let named = |editor: usize| -> Vec<&'static str> {
        EDITOR_NAMES
            .iter()
            .flat_map(|(_, n)| n[editor].iter().copied())
            .collect()
    };
    let (hx, zd, em, sb) = (named(0), named(1), named(2), named(3));
    for l in &langs {
        assert!(hx.contains(l), "helix names {l}: add it to EDITOR_NAMES");
    }
    for l in zed_langs.keys() {
        assert!(
            zd.contains(&l.as_str()),
            "zed names {l}: add it to EDITOR_NAMES"
        );
    }
    for m in &modes {
        assert!(em.contains(m), "emacs names {m}: add it to EDITOR_NAMES");
    }
    for s in &scopes {
        assert!(sb.contains(s), "sublime names {s}: add it to EDITOR_NAMES");
    }
}

/// Rows found by file name alone: no editor has a language ID for them (Neovim and
/// VS Code attach by file pattern, or the file has the language of its content).
const BY_NAME_ONLY: &[Language] = &[
    Language::PlainText,
    Language::Generic,
    Language::Notebook,
    Language::CloudFormation,
    Language::JestSnapshot,
    Language::SyrupySnapshot,
];

/// The names each editor config gives a row (by fixture name): Helix languages, Zed
/// languages, Emacs major modes, Sublime scopes. An empty list: the editor has no
/// language for the row (it is then found through another row's name, or not at all).
#[allow(clippy::type_complexity)]
const EDITOR_NAMES: &[(&str, [&[&str]; 4])] = &[
    (
        "python",
        [
            &["python"],
            &["Python"],
            &["python-mode", "python-ts-mode"],
            &["source.python"],
        ],
    ),
    (
        "javascript",
        [
            &["javascript", "typescript", "jsx", "tsx"],
            &["JavaScript", "TypeScript", "TSX"],
            &[
                "js-mode",
                "js-ts-mode",
                "typescript-mode",
                "typescript-ts-mode",
                "tsx-ts-mode",
            ],
            &["source.js", "source.ts", "source.jsx", "source.tsx"],
        ],
    ),
    (
        "java",
        [
            &["java"],
            &["Java"],
            &["java-mode", "java-ts-mode"],
            &["source.java"],
        ],
    ),
    (
        "kotlin",
        [
            &["kotlin"],
            &["Kotlin"],
            &["kotlin-mode"],
            &["source.kotlin"],
        ],
    ),
    (
        "go",
        [&["go"], &["Go"], &["go-mode", "go-ts-mode"], &["source.go"]],
    ),
    (
        "rust",
        [
            &["rust"],
            &["Rust"],
            &["rust-mode", "rust-ts-mode"],
            &["source.rust"],
        ],
    ),
    (
        "csharp",
        [
            &["c-sharp"],
            &["C#"],
            &["csharp-mode", "csharp-ts-mode"],
            &["source.cs"],
        ],
    ),
    (
        "php",
        [
            &["php"],
            &["PHP"],
            &["php-mode"],
            &["source.php", "embedding.php"],
        ],
    ),
    (
        "ruby",
        [
            &["ruby"],
            &["Ruby"],
            &["ruby-mode", "ruby-ts-mode"],
            &["source.ruby"],
        ],
    ),
    (
        "terraform",
        [
            &["hcl", "tfvars"],
            &["Terraform", "Terraform Vars", "HCL"],
            &["terraform-mode", "hcl-mode"],
            &["source.terraform", "source.hcl"],
        ],
    ),
    (
        "yaml",
        [
            &["yaml"],
            &["YAML"],
            &["yaml-mode", "yaml-ts-mode"],
            &["source.yaml"],
        ],
    ),
    (
        "json",
        [
            &["json", "jsonc"],
            &["JSON", "JSONC"],
            &["json-mode", "json-ts-mode", "js-json-mode"],
            &["source.json"],
        ],
    ),
    (
        "toml",
        [
            &["toml"],
            &["TOML"],
            &["toml-ts-mode", "conf-toml-mode"],
            &["source.toml"],
        ],
    ),
    (
        "properties",
        [
            &["properties"],
            &["Properties"],
            &["conf-javaprop-mode"],
            &["source.java-props"],
        ],
    ),
    (
        "dotenv",
        [&["env"], &[], &["dotenv-mode"], &["source.dotenv"]],
    ),
    (
        "shell",
        [
            &["bash"],
            &["Shell Script"],
            &["sh-mode", "bash-ts-mode"],
            &["source.shell"],
        ],
    ),
    (
        "dockerfile",
        [
            &["dockerfile"],
            &["Dockerfile"],
            &["dockerfile-mode", "dockerfile-ts-mode"],
            &["source.dockerfile"],
        ],
    ),
    (
        "markdown",
        [
            &["markdown"],
            &["Markdown"],
            &["markdown-mode"],
            &["text.html.markdown"],
        ],
    ),
    ("notebook", [&[], &[], &[], &[]]),
    (
        "swift",
        [&["swift"], &["Swift"], &["swift-mode"], &["source.swift"]],
    ),
    (
        "scala",
        [
            &["scala"],
            &["Scala"],
            &["scala-mode", "scala-ts-mode"],
            &["source.scala"],
        ],
    ),
    (
        "dart",
        [&["dart"], &["Dart"], &["dart-mode"], &["source.dart"]],
    ),
    (
        "lua",
        [
            &["lua"],
            &["Lua"],
            &["lua-mode", "lua-ts-mode"],
            &["source.lua"],
        ],
    ),
    (
        "elixir",
        [
            &["elixir"],
            &["Elixir"],
            &["elixir-mode", "elixir-ts-mode"],
            &["source.elixir"],
        ],
    ),
    ("r", [&["r"], &["R"], &["ess-r-mode"], &["source.r"]]),
    ("sql", [&["sql"], &["SQL"], &["sql-mode"], &["source.sql"]]),
    ("xml", [&["xml"], &["XML"], &["nxml-mode"], &["text.xml"]]),
    (
        "html",
        [
            &["html"],
            &["HTML"],
            &["html-mode", "mhtml-mode", "html-ts-mode"],
            &["text.html.basic"],
        ],
    ),
    (
        "ini",
        [
            &["ini"],
            &["INI"],
            &["conf-mode", "conf-unix-mode", "conf-windows-mode"],
            &["source.ini"],
        ],
    ),
    (
        "restructuredtext",
        [&["rst"], &[], &["rst-mode"], &["text.restructuredtext"]],
    ),
    ("asciidoc", [&[], &[], &["adoc-mode"], &["text.asciidoc"]]),
    ("cloudformation", [&[], &[], &[], &[]]),
    ("jest-snapshot", [&[], &[], &[], &[]]),
    ("syrupy-snapshot", [&[], &[], &[], &[]]),
    ("generic", [&[], &[], &[], &[]]),
    ("plaintext", [&[], &[], &[], &[]]),
];

/// The quoted strings of a Lua `filetypes = { … }` list.
fn lua_filetypes(text: &str) -> Vec<String> {
    let list = text
        .split("filetypes = {")
        .nth(1)
        .and_then(|s| s.split('}').next())
        .expect("a filetypes list");
    list.lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .flat_map(|l| l.split('\'').skip(1).step_by(2))
        .map(str::to_string)
        .collect()
}

/// The string entries of a `export const NAME = [ … ] as const;` list in selector.ts.
fn ts_list(text: &str, name: &str) -> Vec<String> {
    let list = text
        .split(&format!("export const {name} = ["))
        .nth(1)
        .and_then(|s| s.split("] as const").next())
        .unwrap_or_else(|| panic!("{name} in selector.ts"));
    list.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .flat_map(|l| l.split('"').skip(1).step_by(2))
        .map(str::to_string)
        .collect()
}

/// Neovim's and VS Code's lists name every row of the language table (by a client
/// language ID of the row, or for rows found by file name, by a file pattern), and
/// nothing else.
#[test]
fn neovim_and_vscode_lists_follow_the_language_table() {
    let read =
        |p: &str| std::fs::read_to_string(repo().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let nvim = lua_filetypes(&read("editors/nvim/lsp/bedrock_lsp.lua"));
    let lspconfig = lua_filetypes(&read("editors/nvim/lspconfig.lua"));
    assert_eq!(
        nvim, lspconfig,
        "the two Neovim configs attach to the same filetypes"
    );
    let selector = read("editors/vscode/src/selector.ts");
    let vscode = ts_list(&selector, "LANGUAGES");
    let patterns = ts_list(&selector, "PATTERNS");
    let pkg: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/package.json")).expect("package.json");
    let events: Vec<&str> = pkg["activationEvents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    for (client, list) in [("neovim", &nvim), ("vscode", &vscode)] {
        for id in list {
            let l = Language::detect(Some(id), None);
            assert!(
                l != Language::Generic,
                "{client}: {id} is no client ID of the language table"
            );
        }
        for row in LANGUAGES {
            // Neovim has no filetype for `.env` files (it gives them `sh`).
            let nvim_dotenv = client == "neovim" && row.language == Language::Dotenv;
            if BY_NAME_ONLY.contains(&row.language) || nvim_dotenv {
                continue;
            }
            assert!(
                row.ids.iter().any(|id| list.iter().any(|x| x == id)),
                "{client}: no filetype of {} ({:?}) in {list:?}",
                row.fixture,
                row.ids
            );
        }
    }
    // A format found by file name only is matched by a VS Code pattern (plain text and
    // the generic reader attach to nothing; notebook cells have their own selector).
    for row in LANGUAGES {
        let no_pattern = matches!(
            row.language,
            Language::PlainText | Language::Generic | Language::Notebook
        );
        if !BY_NAME_ONLY.contains(&row.language) || no_pattern {
            continue;
        }
        for ext in row.extensions {
            assert!(
                patterns.contains(&format!("**/*.{ext}")),
                "vscode: a pattern for .{ext} ({}) in {patterns:?}",
                row.fixture
            );
        }
    }
    // Every VS Code language activates the extension, except JSON (the workbench opens
    // JSON in every window) and plain text.
    for id in &vscode {
        let activates = events.contains(&format!("onLanguage:{id}").as_str());
        let expected = !matches!(id.as_str(), "plaintext" | "json" | "jsonc");
        assert_eq!(activates, expected, "vscode: onLanguage:{id}");
    }
}

/// The VS Code extension declares exactly the server's settings (plus its own
/// `server.path`, `server.logLevel` and `trace.server`).
#[test]
fn vscode_settings_are_the_servers_keys() {
    let pkg = std::fs::read_to_string(repo().join("editors/vscode/package.json")).unwrap();
    let pkg: serde_json::Value = serde_json::from_str(&pkg).unwrap();
    let mut declared: Vec<String> = pkg["contributes"]["configuration"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.strip_prefix("bedrock.").unwrap().to_string())
        .filter(|k| !["server.path", "server.logLevel", "trace.server"].contains(&k.as_str()))
        .collect();
    declared.sort();
    let mut server: Vec<String> = bedrock_lsp::settings::KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    server.sort();
    assert_eq!(declared, server);
}

/// Drop `//` line comments (outside strings) so JSONC parses as JSON.
fn strip_jsonc_comments(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let mut in_str = false;
        let mut prev = '\0';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}
