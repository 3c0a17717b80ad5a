"""End-to-end tests of the packages a user installs without Rust: the PyPI wheel, the npm
tarballs, the pre-commit hook, the GitHub Action's script and the per-target VSIX.

    python packaging/test_packages.py --wheel dist/bedrock_lsp-….whl --work DIR \
        [--pre-commit PATH/TO/pre-commit] [--only wheel,npm,pre-commit,action,vsix,release]

Every check runs the real installed thing in a fresh place (virtualenv, npm project, git
repository) with no cargo or rustc on PATH and no network (pip --no-index, npm --offline).
Prints one line per check and a summary `N passed, N failed`; exits 1 if any failed.
packaging/test.sh builds the wheel and installs the tools, then runs this.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from lsp_handshake import handshake  # noqa: E402


def cargo_version():
    text = open(os.path.join(REPO, "Cargo.toml"), encoding="utf-8").read()
    package = text.split("[package]", 1)[1].split("\n[", 1)[0]
    return re.search(r'^version\s*=\s*"([^"]+)"', package, re.M).group(1)


VERSION = cargo_version()
# A PATH with the system's tools but no Rust: no ~/.cargo/bin, no rustup shims.
CLEAN_PATH = os.pathsep.join(d for d in ("/usr/local/bin", "/usr/bin", "/bin") if os.path.isdir(d))


def clean_env(extra_path=(), **overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUSTUP", "RUSTC"))}
    env["PATH"] = os.pathsep.join([*extra_path, CLEAN_PATH])
    # Nothing from the network: pip reads only the directories it is given.
    env["PIP_NO_INDEX"] = "1"
    env.pop("PIP_FIND_LINKS", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.pop("VIRTUAL_ENV", None)
    env.update(overrides)
    return env


def run(cmd, env=None, cwd=None, expect=0, timeout=600, stdin=None):
    p = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, input=stdin
    )
    if expect is not None and p.returncode != expect:
        raise AssertionError(
            "%s: exit %s, expected %s\n--- stdout ---\n%s\n--- stderr ---\n%s"
            % (" ".join(map(str, cmd)), p.returncode, expect, p.stdout[-4000:], p.stderr[-4000:])
        )
    return p


def no_rust_on(env):
    for tool in ("cargo", "rustc", "rustup"):
        found = shutil.which(tool, path=env["PATH"])
        assert found is None, "%s is on the test PATH (%s): the test must run without Rust" % (tool, found)


def size(path):
    n = os.path.getsize(path)
    human = "%.1f MB" % (n / 1e6) if n >= 1e6 else "%.1f kB" % (n / 1e3)
    return "%s (%s)" % (os.path.basename(path), human)


def assert_stripped(binary):
    p = run(["readelf", "-S", "-W", binary])
    # `.debug_gdb_scripts` is a loaded section rustc adds (a pretty-printer hint), not debug info.
    debug = sorted(set(re.findall(r"\.debug_(?!gdb_scripts)\w+", p.stdout)))
    assert not debug, "%s is not stripped: %s" % (binary, ", ".join(debug))
    assert ".symtab" not in p.stdout, "%s still has a symbol table" % binary


def assert_checks_examples(cmd, env, cwd=REPO):
    """`check examples/` finds the examples' real mistakes: exit 1, error-level JSON findings."""
    p = run([*cmd, "check", "--format", "json", "examples/"], env=env, cwd=cwd, expect=1)
    findings = json.loads(p.stdout)
    assert findings, "no findings in examples/"
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors, "no error-level findings: %s" % findings
    for f in findings:
        for key in ("file", "line", "column", "endLine", "endColumn", "code", "severity", "message", "fixes"):
            assert key in f, "finding without %s: %s" % (key, f)
    files = sorted({f["file"] for f in findings})
    return "%d findings (%d errors) in %s" % (len(findings), len(errors), ", ".join(files))


# A typo'd version suffix (unknown-model, an error) and the ID that works in every region
# with no finding at all (a US inference profile of an active model).
# A letter-level typo of a real profile ID: an error (issue 18: another version number
# would be a different model, only a warning that the catalog may be old).
BAD_ID = "us.anthropic.claude-sonet-4-5-20250929-v1:0"
GOOD_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def write_project(root, model_id):
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "app.py"), "w", encoding="utf-8") as f:
        f.write('import boto3\n\nMODEL_ID = "%s"\nclient = boto3.client("bedrock-runtime")\n' % model_id)


class Tests:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        self.wheel = os.path.abspath(args.wheel) if args.wheel else None
        if args.pre_commit:
            args.pre_commit = os.path.abspath(args.pre_commit)
        if args.uv:
            args.uv = os.path.abspath(args.uv)
        self._venv = None
        self._binary = None

    # -- fixtures -------------------------------------------------------------------------

    def venv(self):
        """A fresh virtualenv with the wheel installed (offline)."""
        if self._venv is None:
            venv = os.path.join(self.work, "venv")
            shutil.rmtree(venv, ignore_errors=True)
            run([sys.executable, "-m", "venv", venv])
            bindir = os.path.join(venv, "bin")
            env = clean_env([bindir])
            run([os.path.join(bindir, "python"), "-m", "pip", "install", "--quiet", self.wheel], env=env)
            self._venv = (venv, bindir, env)
        return self._venv

    def binary(self):
        """The binary shipped in the wheel, extracted (what npm and the VSIX bundle)."""
        if self._binary is None:
            out = os.path.join(self.work, "binary")
            run([sys.executable, os.path.join(HERE, "binary-from-wheel.py"), self.wheel, out])
            self._binary = os.path.join(out, "bedrock-lsp")
        return self._binary

    # -- the wheel ------------------------------------------------------------------------

    def test_wheel_contents(self):
        name = os.path.basename(self.wheel)
        assert re.match(r"bedrock_lsp-%s-py3-none-\w+\.whl$" % re.escape(VERSION), name), name
        names = zipfile.ZipFile(self.wheel).namelist()
        for want in (
            "bedrock_lsp-%s.data/scripts/bedrock-lsp" % VERSION,
            "bedrock_lsp/__init__.py",
            "bedrock_lsp/__main__.py",
            "bedrock_lsp/_find_bin.py",
        ):
            assert want in names, "%s missing from the wheel: %s" % (want, names)
        assert_stripped(self.binary())
        return "%s, binary %.1f MB" % (size(self.wheel), os.path.getsize(self.binary()) / 1e6)

    def test_wheel_runs_without_rust(self):
        venv, bindir, env = self.venv()
        no_rust_on(env)
        p = run(["bedrock-lsp", "--version"], env=env)
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        assert shutil.which("bedrock-lsp", path=env["PATH"]) == os.path.join(bindir, "bedrock-lsp")
        # The wheel includes `catalog refresh` (the AWS SDK feature).
        p = run(["bedrock-lsp", "catalog", "refresh", "--help"], env=env)
        assert "refresh" in p.stdout.lower(), p.stdout
        return "bedrock-lsp %s from the wheel, with catalog refresh" % VERSION

    def test_wheel_checks_examples(self):
        venv, bindir, env = self.venv()
        return assert_checks_examples(["bedrock-lsp"], env)

    def test_wheel_lsp_handshake(self):
        venv, bindir, env = self.venv()
        name, version = handshake([os.path.join(bindir, "bedrock-lsp"), "serve"])
        assert (name, version) == ("bedrock-lsp", VERSION), (name, version)
        # Through `python -m bedrock_lsp` (exec: the server owns stdin/stdout).
        name, version = handshake([os.path.join(bindir, "python"), "-m", "bedrock_lsp"])
        assert (name, version) == ("bedrock-lsp", VERSION), (name, version)
        return "%s %s, directly and through python -m bedrock_lsp" % (name, version)

    def test_python_m_finds_the_binary(self):
        venv, bindir, env = self.venv()
        py = os.path.join(bindir, "python")
        p = run([py, "-m", "bedrock_lsp", "--version"], env=env)
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        p = run([py, "-c", "import bedrock_lsp; print(bedrock_lsp.find_bedrock_lsp_bin())"], env=env)
        assert p.stdout.strip() == os.path.join(bindir, "bedrock-lsp"), p.stdout
        # Exit codes pass through: 1 for error-level findings, 2 for a usage error.
        proj = os.path.join(self.work, "pym-project")
        write_project(proj, BAD_ID)
        run([py, "-m", "bedrock_lsp", "check", "--no-config", proj], env=env, expect=1)
        run([py, "-m", "bedrock_lsp", "check", "--no-such-flag"], env=env, expect=2)
        # `pip install --target T`: the binary lands in T/bin, next to the package.
        target = os.path.join(self.work, "target-install")
        shutil.rmtree(target, ignore_errors=True)
        run([py, "-m", "pip", "install", "--quiet", "--target", target, self.wheel], env=env)
        env_t = dict(env, PYTHONPATH=target)
        p = run([sys.executable, "-m", "bedrock_lsp", "--version"], env=env_t)
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        p = run([sys.executable, "-c", "import bedrock_lsp; print(bedrock_lsp.find_bedrock_lsp_bin())"], env=env_t)
        assert p.stdout.strip() == os.path.join(target, "bin", "bedrock-lsp"), p.stdout
        # Without the binary: a clear error naming the places looked at, exit 2.
        os.remove(os.path.join(target, "bin", "bedrock-lsp"))
        p = run([sys.executable, "-m", "bedrock_lsp", "--version"], env=env_t, expect=2)
        assert "was not found; looked at:" in p.stderr and target in p.stderr, p.stderr
        return "venv, --target layout, exit codes 1/2, missing-binary error"

    def test_uvx_runs_the_wheel(self):
        assert self.args.uv, "--uv PATH is required"
        env = clean_env(
            UV_CACHE_DIR=os.path.join(self.work, "uv-cache"),
            UV_TOOL_DIR=os.path.join(self.work, "uv-tools"),
            UV_OFFLINE="1",
            UV_PYTHON_DOWNLOADS="never",
            UV_NO_CONFIG="1",
        )
        no_rust_on(env)
        # `uvx bedrock-lsp check .`, with the wheel standing in for PyPI.
        uvx = [self.args.uv, "tool", "run", "--python", sys.executable, "--from", self.wheel, "bedrock-lsp"]
        p = run([*uvx, "--version"], env=env)
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        return assert_checks_examples(uvx, env)

    # -- npm ------------------------------------------------------------------------------

    def test_npm_tarballs_install_offline(self):
        out = os.path.join(self.work, "npm")
        shutil.rmtree(out, ignore_errors=True)
        p = run(["node", os.path.join(HERE, "npm-pack.mjs"), "--out", out,
                 "--platform", "linux-x64", "--bin", self.binary(), "--launcher"])
        tarballs = sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".tgz"))
        names = [os.path.basename(t) for t in tarballs]
        assert names == ["bedrock-lsp-%s.tgz" % VERSION, "bedrock-lsp-linux-x64-%s.tgz" % VERSION], names
        proj = os.path.join(self.work, "npm-project")
        shutil.rmtree(proj, ignore_errors=True)
        write_project(proj, BAD_ID)
        with open(os.path.join(proj, "package.json"), "w") as f:
            json.dump({"name": "npm-project", "version": "1.0.0", "private": True}, f)
        # An empty cache and --offline: only the tarballs can be installed.
        env = clean_env(npm_config_cache=os.path.join(self.work, "npm-cache"))
        env["PATH"] = os.pathsep.join([os.path.dirname(shutil.which("node")), env["PATH"]])
        no_rust_on(env)
        run(["npm", "install", "--offline", "--no-audit", "--no-fund", *tarballs], env=env, cwd=proj)
        p = run(["npx", "--offline", "bedrock-lsp", "--version"], env=env, cwd=proj)
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        p = run(["npx", "--offline", "bedrock-lsp", "check", "--no-config", "app.py"], env=env, cwd=proj, expect=1)
        assert BAD_ID in p.stdout and "app.py:3" in p.stdout, p.stdout
        write_project(proj, GOOD_ID)
        run(["npx", "--offline", "bedrock-lsp", "check", "--no-config", "app.py"], env=env, cwd=proj, expect=0)
        assert_checks_examples(["npx", "--offline", "--prefix", proj, "bedrock-lsp"], env)
        name, version = handshake([os.path.join(proj, "node_modules", ".bin", "bedrock-lsp"), "serve"])
        assert (name, version) == ("bedrock-lsp", VERSION), (name, version)
        # Installed with --omit=optional (no platform package): a clear error, exit 2.
        shutil.rmtree(os.path.join(proj, "node_modules", "@bedrock-lsp"))
        p = run(["npx", "--offline", "bedrock-lsp", "--version"], env=env, cwd=proj, expect=2)
        assert "no prebuilt binary for linux-x64" in p.stderr, p.stderr
        return ", ".join(size(t) for t in tarballs)

    # -- pre-commit -----------------------------------------------------------------------

    def test_pre_commit_hook_on_the_wheel(self):
        assert self.args.pre_commit, "--pre-commit PATH is required"
        mirror = os.path.join(self.work, "pre-commit-mirror")
        shutil.rmtree(mirror, ignore_errors=True)
        run(["bash", os.path.join(HERE, "pre-commit-mirror.sh"), mirror])
        hooks = open(os.path.join(mirror, ".pre-commit-hooks.yaml")).read()
        assert "language: python" in hooks and "language: rust" not in hooks, hooks
        proj = os.path.join(self.work, "pre-commit-project")
        shutil.rmtree(proj, ignore_errors=True)
        write_project(proj, BAD_ID)
        with open(os.path.join(proj, ".pre-commit-config.yaml"), "w") as f:
            f.write("repos:\n  - repo: %s\n    rev: v%s\n    hooks:\n      - id: bedrock-lsp\n" % (mirror, VERSION))
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
        run([*git, "init", "-q"], cwd=proj)
        run([*git, "add", "-A"], cwd=proj)
        env = clean_env(
            PRE_COMMIT_HOME=os.path.join(self.work, "pre-commit-home"),
            # The wheel, offline: pip finds bedrock-lsp only in the wheel's directory.
            PIP_FIND_LINKS=os.path.dirname(self.wheel),
        )
        env["PATH"] = os.pathsep.join([os.path.dirname(shutil.which("git")), env["PATH"]])
        no_rust_on(env)
        p = run([self.args.pre_commit, "run", "--all-files"], env=env, cwd=proj, expect=1)
        assert "Failed" in p.stdout and BAD_ID in p.stdout and "app.py:3" in p.stdout, p.stdout
        write_project(proj, GOOD_ID)
        run([*git, "add", "-A"], cwd=proj)
        p = run([self.args.pre_commit, "run", "--all-files"], env=env, cwd=proj, expect=0)
        assert "Passed" in p.stdout, p.stdout
        # And as a real commit hook: the bad ID is refused, the fix is committed.
        run([self.args.pre_commit, "install"], env=env, cwd=proj)
        write_project(proj, BAD_ID)
        run([*git, "add", "-A"], cwd=proj)
        run([*git, "commit", "-q", "-m", "bad"], env=env, cwd=proj, expect=1)
        write_project(proj, GOOD_ID)
        run([*git, "add", "-A"], cwd=proj)
        run([*git, "commit", "-q", "-m", "good"], env=env, cwd=proj, expect=0)
        return "fails on %s, passes after the fix (run --all-files and git commit)" % BAD_ID

    # -- the GitHub Action's script -------------------------------------------------------

    def test_action_script(self):
        proj = os.path.join(self.work, "action-project")
        shutil.rmtree(proj, ignore_errors=True)
        write_project(proj, BAD_ID)
        sarif = os.path.join(self.work, "action.sarif")
        env = clean_env(
            PIP_FIND_LINKS=os.path.dirname(self.wheel),
            RUNNER_TEMP=os.path.join(self.work, "runner-temp"),
            INPUT_VERSION=VERSION,
            INPUT_ARGS="",
            INPUT_FORMAT="github",
            INPUT_SARIF_FILE=sarif,
            INPUT_WORKING_DIRECTORY=proj,
        )
        os.makedirs(env["RUNNER_TEMP"], exist_ok=True)
        no_rust_on(env)
        p = run(["bash", os.path.join(HERE, "action-check.sh")], env=env, cwd=proj, expect=1)
        assert re.search(r"^::error file=app\.py,line=3,", p.stdout, re.M), p.stdout
        doc = json.load(open(sarif))
        results = doc["runs"][0]["results"]
        assert results and results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("app.py")
        write_project(proj, GOOD_ID)
        run(["bash", os.path.join(HERE, "action-check.sh")], env=env, cwd=proj, expect=0)
        return "::error annotation, SARIF with %d result(s), exit 0 after the fix" % len(results)

    # -- VS Code --------------------------------------------------------------------------

    def test_vsix_per_target(self):
        out = os.path.join(self.work, "vsix")
        shutil.rmtree(out, ignore_errors=True)
        run(["node", os.path.join(HERE, "vsix.mjs"), "--target", "linux-x64", "--bin", self.binary(), "--out", out])
        vsix = os.path.join(out, "bedrock-lsp-linux-x64-%s.vsix" % VERSION)
        z = zipfile.ZipFile(vsix)
        manifest = z.read("extension.vsixmanifest").decode()
        assert 'TargetPlatform="linux-x64"' in manifest, manifest
        info = z.getinfo("extension/server/bedrock-lsp")
        assert (info.external_attr >> 16) & 0o111, "the bundled server is not executable"
        names = z.namelist()
        assert not [n for n in names if "node_modules" in n or n.startswith("extension/src/")], names
        # Install it as VS Code does (unzip `extension/`) and run the server it bundles.
        ext = os.path.join(out, "installed")
        z.extractall(ext)
        server = os.path.join(ext, "extension", "server", "bedrock-lsp")
        os.chmod(server, 0o755)
        assert_stripped(server)
        env = clean_env()
        p = run([server, "--version"], env=env)
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        name, version = handshake([server])
        assert (name, version) == ("bedrock-lsp", VERSION), (name, version)
        pkg = json.loads(z.read("extension/package.json"))
        assert pkg["version"] == VERSION, pkg["version"]
        return "%s, server %.1f MB" % (size(vsix), info.file_size / 1e6)


    # -- the release workflow's scripts ---------------------------------------------------

    def test_release_scripts(self):
        out = os.path.join(self.work, "release")
        shutil.rmtree(out, ignore_errors=True)
        triple = "x86_64-unknown-linux-gnu"
        env = dict(os.environ, BEDROCK_LSP_WHEEL=self.wheel)
        run(["bash", os.path.join(HERE, "release-target.sh"), triple, out], env=env)
        files = sorted(f for f in os.listdir(out) if not f.startswith("."))
        want = [
            os.path.basename(self.wheel),
            "SHA256SUMS-%s" % triple,
            "bedrock-lsp-%s-%s.tar.gz" % (VERSION, triple),
            "bedrock-lsp-%s.tgz" % VERSION,
            "bedrock-lsp-linux-x64-%s.tgz" % VERSION,
            "bedrock-lsp-linux-x64-%s.vsix" % VERSION,
            "bedrock_lsp-%s.tar.gz" % VERSION,
        ]
        assert files == sorted(want), files
        # The archive's binary runs; the sums cover every artifact.
        unpacked = os.path.join(self.work, "release-archive")
        shutil.rmtree(unpacked, ignore_errors=True)
        os.makedirs(unpacked)
        run(["tar", "-xzf", os.path.join(out, "bedrock-lsp-%s-%s.tar.gz" % (VERSION, triple)), "-C", unpacked])
        exe = os.path.join(unpacked, "bedrock-lsp-%s-%s" % (VERSION, triple), "bedrock-lsp")
        p = run([exe, "--version"], env=clean_env())
        assert p.stdout.strip() == "bedrock-lsp %s" % VERSION, p.stdout
        sums = open(os.path.join(out, "SHA256SUMS-%s" % triple)).read()
        assert len(sums.splitlines()) == len(want) - 1, sums
        # The sdist holds what maturin needs to build from source.
        import tarfile
        names = tarfile.open(os.path.join(out, "bedrock_lsp-%s.tar.gz" % VERSION)).getnames()
        for need in ("Cargo.toml", "Cargo.lock", "pyproject.toml", "python/bedrock_lsp/__main__.py",
                     "src/main.rs", "catalog/catalog.json"):
            assert "bedrock_lsp-%s/%s" % (VERSION, need) in names, (need, names[:20])
        strays = [n for n in names if "node_modules" in n or "/editors/" in n or "/tests/" in n]
        assert not strays, "the sdist holds files it does not need: %s" % strays[:10]
        # publish.sh: the set is complete for this target; the dry run publishes the npm
        # platform package before the launcher.
        run(["bash", os.path.join(HERE, "publish.sh"), "--check", out, triple])
        p = run(["bash", os.path.join(HERE, "publish.sh"), "--check", out], expect=1)
        assert "missing" in p.stderr and "darwin-arm64" in p.stderr, p.stderr
        p = run(["bash", os.path.join(HERE, "publish.sh"), "--npm", out], env=dict(os.environ, DRY_RUN="1"))
        lines = p.stdout.splitlines()
        assert len(lines) == 2 and lines[0].endswith("linux-x64-%s.tgz" % VERSION) \
            and lines[1].endswith("/bedrock-lsp-%s.tgz" % VERSION), lines
        return "%d artifacts; sdist %s" % (len(files), size(os.path.join(out, "bedrock_lsp-%s.tar.gz" % VERSION)))


SECTIONS = {
    "wheel": ["test_wheel_contents", "test_wheel_runs_without_rust", "test_wheel_checks_examples",
              "test_wheel_lsp_handshake", "test_python_m_finds_the_binary", "test_uvx_runs_the_wheel"],
    "npm": ["test_npm_tarballs_install_offline"],
    "pre-commit": ["test_pre_commit_hook_on_the_wheel"],
    "action": ["test_action_script"],
    "vsix": ["test_vsix_per_target"],
    "release": ["test_release_scripts"],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--pre-commit")
    ap.add_argument("--uv")
    ap.add_argument("--only", default=",".join(SECTIONS))
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tests = Tests(args)
    passed = failed = 0
    for section in args.only.split(","):
        for name in SECTIONS[section]:
            start = time.monotonic()
            try:
                note = getattr(tests, name)()
                passed += 1
                print("PASS %s (%.1fs): %s" % (name, time.monotonic() - start, note), flush=True)
            except Exception:  # noqa: BLE001 - each failure is reported, then counted
                failed += 1
                print("FAIL %s (%.1fs)\n%s" % (name, time.monotonic() - start, traceback.format_exc()), flush=True)
    print("packages: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
