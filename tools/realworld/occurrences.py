#!/usr/bin/env python3
"""Recall inventory: every Bedrock-model-ID-looking string in a fixed sample of corpus files.

    tools/realworld/occurrences.py [--corpus DIR] > /tmp/candidates.jsonl
    tools/realworld/occurrences.py --unjudged /tmp/unjudged.jsonl
    tools/realworld/occurrences.py --hover BIN [--json FILE]

The first form lists candidate occurrences (repo, path, line, column, id, line_text, file
`type`, `construct`, framework `prefix`) in a deterministic sample of files, with the
catalog's view of the ID (`catalog`: retired / legacy / profile-only (a bare ID the catalog
says needs a profile everywhere) / known / unknown, by catalog.json and the fixed day).

Candidates: a provider-prefixed ID (`anthropic.`, `us.meta.`, ...; ARNs included) in any
UTF-8 text file of the corpus, whatever its extension, also inside a framework's provider
prefix: LiteLLM/CrewAI `bedrock/...`, `bedrock/converse/...`, `bedrock/invoke/...`,
`bedrock/<region>/...`, `bedrock_converse/...`; pydantic-ai, promptfoo, LangChain
`bedrock:...`, `bedrock:completion:...`, `gateway/bedrock:...`, `bedrock_converse:...`;
AI SDK/OpenCode `amazon-bedrock/...` (an ID after `/` counts only when the token before it
names bedrock, so URL paths and file names of other services stay out).

The sample, per repository (files ordered by the SHA-1 of `repo/path`):
  1. the first 4 files matching the issue-18 regex (no ID after `/`): the issue-18 sample;
  2. the first 2 further files with something issue 18's sample could not have: an ID inside
     a framework prefix, or a file type outside the issue-18 sample (`ISSUE18_TYPES`);
  3. then, over the whole corpus, for each file type that 1-2 left out, its first 2 files.
Every candidate in these files is listed. They are judged by hand into occurrences.jsonl:
`place_of_use` (the string is a model ID given to something: a call, a constructor, a config
value, a default, a selectable list, a test fixture; not prose, a comment, a prefix or a
response field), `use` and `problem` (the real problem at that place, or null); criteria in
docs/accuracy.md "Recall (sample inventory)". `--unjudged FILE` writes the candidates that
occurrences.jsonl does not judge yet (key: repo, path, line, column, id).

`--hover BIN` asks the language server (`BIN serve`) for a hover at each occurrence of
occurrences.jsonl and reports recall: the places of use the server recognises (a hover that
names the occurrence's ID) over all places of use, in total, per file type and per
construct, and lists the missed ones grouped by construct. It then runs `BIN check` over the
corpus (as measure.py does; or reads `--findings FILE`, saved by `measure.py --save FILE`) for
the linter's side: the places of use with a real problem that `check` reports with the matching
code, per file type and construct (`check` reads only the files its language table knows; the
server hovers any document an editor opens).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TODAY = "2026-12-02"

PROVIDERS = ("anthropic|amazon|meta|mistral|cohere|ai21|deepseek|qwen|openai|writer|stability|"
             "twelvelabs|luma|moonshot|moonshotai|minimax|google|nvidia|zai")
GEO = r"(?:us-gov|us|eu|apac|au|jp|global|ca|in)\."
BODY = (r"(?:arn:aws[\w-]*:bedrock:[a-z0-9-]*:\d*:[\w-]+/)?(?:" + GEO + r")?"
        r"(?:" + PROVIDERS + r")\.[a-z0-9][a-z0-9.:_-]*[a-z0-9]")
# Issue 18's regex: no ID right after `/` (kept to re-create the issue-18 sample exactly).
OLD_ID_RE = re.compile(r"(?<![\w./-])" + BODY)
# Issue 19's: also after `/` when the token before names bedrock (see `prefix_of`).
ID_RE = re.compile(r"(?<![\w.-])" + BODY)
TOKEN_CHARS = re.compile(r"[\w./:@-]*$")
SKIP_SUFFIXES = (".png", ".jpg", ".gif", ".zip", ".lock", ".svg", ".ico", ".pdf")
TEXT_LIMIT = 400_000
OLD_PER_REPO = 4
NEW_PER_REPO = 2
PER_TYPE = 2


def prefix_of(line: str, start: int) -> str:
    """The framework prefix glued before the ID at START (`bedrock/converse/`, `bedrock:`,
    `amazon-bedrock/`, ...), or "" when the ID stands alone."""
    tok = TOKEN_CHARS.search(line[:start]).group(0)
    return tok if "bedrock" in tok.lower() else ""


def find_ids(line: str):
    """(column, id, prefix) of each candidate on LINE."""
    for m in ID_RE.finditer(line):
        pre = prefix_of(line, m.start())
        if m.start() > 0 and line[m.start() - 1] == "/" and not pre:
            continue
        yield m.start(), m.group(0).rstrip(".:"), pre


def file_type(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1].lower()
    if name.startswith(".env") or name.endswith(".env"):
        return "env"
    if name in ("dockerfile", "makefile", "jenkinsfile"):
        return name
    if "." not in name.lstrip("."):
        return "(none)"
    return name.rsplit(".", 1)[-1]


def prefix_kind(pre: str) -> str:
    p = pre.lower()
    if "${" in p or re.search(r"bedrock\.[\w.-]+:$", p):
        return "${property:default}"
    if "://" in p or p.startswith("/"):
        return "URL/path with bedrock"
    p = p.split("=", 1)[-1].split('"')[-1].split("'")[-1]
    for k in ("gateway/bedrock:", "bedrock_converse:", "bedrock_converse/", "amazon-bedrock/",
              "bedrock/converse/", "bedrock/invoke/", "bedrock/converse_like/", "bedrock:completion:",
              "bedrock:embeddings:", "bedrock:embedding:", "bedrock:converse:", "bedrock:agents:"):
        if k in p:
            return k + "..."
    if re.search(r"bedrock/[a-z]{2}(-gov)?-[a-z]+-\d/", p):
        return "bedrock/<region>/..."
    if p.endswith("bedrock/"):
        return "bedrock/..."
    if p.endswith("bedrock:"):
        return "bedrock:..."
    return f"other prefix ({pre[-24:]})"


MD_TYPES = ("md", "mdx", "markdown", "rst")
FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+#.-]*)")


def construct_of(lines: list[str], line_no: int, col: int, ftype: str, pre: str) -> str:
    """How the occurrence is written: a framework prefix, a Markdown construct, or a bare ID."""
    if pre:
        return "prefixed " + prefix_kind(pre)
    if ftype in MD_TYPES:
        fence, lang = None, ""
        for ln in lines[:line_no - 1]:
            m = FENCE.match(ln)
            if m and fence is None:
                fence, lang = m.group(1), m.group(2)
            elif m and fence is not None and m.group(1).startswith(fence[0] * 3) and not m.group(2):
                fence = None
        if fence is not None:
            return f"md fence {lang.lower()}" if lang else "md fence (unlabelled)"
        line = lines[line_no - 1]
        if line.lstrip().startswith("|"):
            return "md table"
        if line[:col].count("`") % 2 == 1:
            return "md inline code"
        return "md prose"
    return "bare ID"


def catalog_view(catalog: dict) -> dict[str, str]:
    view = {}
    for m in catalog["models"]:
        lc = m.get("lifecycle") or {}
        status = "profile-only" if m.get("requiresProfile") else "known"
        if (lc.get("eol") and lc["eol"] <= TODAY) or lc.get("reportedStatus") == "EOL":
            status = "retired"
        elif (lc.get("legacy") and lc["legacy"] <= TODAY) or lc.get("reportedStatus") == "LEGACY":
            status = "legacy"
        view[m["id"]] = status
        for p in m.get("profiles") or []:
            pid = p if isinstance(p, str) else p.get("id")
            if pid:
                view.setdefault(pid, "known" if status == "profile-only" else status)
    return view


def status_of(idt: str, view: dict[str, str]) -> str:
    core = idt.split("/")[-1] if idt.startswith("arn:") else idt
    if core in view:
        return view[core]
    m = re.match(GEO, core)
    if m and core[m.end():] in view:
        base = view[core[m.end():]]
        return "known" if base == "profile-only" else base
    return "unknown"


def corpus_files(corpus: Path):
    """(repo, rel, text) of every UTF-8 text file of the corpus, ordered by repo then SHA-1."""
    for repo_dir in sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith(".")):
        repo = repo_dir.name.replace("+", "/", 1)
        files = []
        for dirpath, _, names in os.walk(repo_dir):
            for n in names:
                p = Path(dirpath) / n
                rel = p.relative_to(repo_dir).as_posix()
                if n.endswith(SKIP_SUFFIXES) or n == ".materialized" or n == "models.json":
                    continue
                try:
                    text = p.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue
                if len(text) > TEXT_LIMIT:
                    continue
                files.append((hashlib.sha1(f"{repo}/{rel}".encode()).hexdigest(), rel, text))
        for _, rel, text in sorted(files):
            yield repo, rel, text


def has_candidate(text: str) -> bool:
    return any(True for line in text.splitlines() for _ in find_ids(line))


# The file types of the issue-18 sample (what the inventory covered before issue 19).
ISSUE18_TYPES = {"py", "rs", "md", "sum", "ts", "yaml", "java", "js", "mod", "tf", "sh", "go", "cs",
                 "jsx", "yml", "json"}


def is_issue19_file(rel: str, text: str) -> bool:
    """A file with something the issue-18 inventory could not have: an ID inside a framework
    prefix, or a file type outside the issue-18 sample."""
    if file_type(rel) not in ISSUE18_TYPES:
        return True
    return any(pre for line in text.splitlines() for _, _, pre in find_ids(line))


def sample(corpus: Path) -> list[tuple[str, str, str]]:
    """The sampled files (repo, rel, text), in sample order (see the module doc)."""
    by_repo: dict[str, list] = defaultdict(list)
    for repo, rel, text in corpus_files(corpus):
        if has_candidate(text):
            by_repo[repo].append((rel, text, bool(OLD_ID_RE.search(text))))
    chosen: list[tuple[str, str, str]] = []
    rest: list[tuple[str, str, str, str]] = []
    for repo, files in by_repo.items():
        old = [(rel, text) for rel, text, o in files if o][:OLD_PER_REPO]
        taken = {rel for rel, _ in old}
        new = [(rel, text) for rel, text, _ in files
               if rel not in taken and is_issue19_file(rel, text)][:NEW_PER_REPO]
        taken |= {rel for rel, _ in new}
        chosen += [(repo, rel, text) for rel, text in old + new]
        rest += [(hashlib.sha1(f"{repo}/{rel}".encode()).hexdigest(), repo, rel, text)
                 for rel, text, _ in files if rel not in taken]
    have = Counter(file_type(rel) for _, rel, _ in chosen)
    extra: Counter = Counter()
    for _, repo, rel, text in sorted(rest):
        t = file_type(rel)
        if have[t] == 0 and extra[t] < PER_TYPE:
            extra[t] += 1
            chosen.append((repo, rel, text))
    return chosen


def candidates(corpus: Path, view: dict[str, str]):
    for repo, rel, text in sample(corpus):
        lines = text.splitlines()
        ftype = file_type(rel)
        for ln, line in enumerate(lines, 1):
            for col, idt, pre in find_ids(line):
                yield {"repo": repo, "path": rel, "line": ln, "column": col + 1, "id": idt,
                       "line_text": line.strip(), "catalog": status_of(idt, view), "type": ftype,
                       "construct": construct_of(lines, ln, col, ftype, pre), "prefix": pre}


class Lsp:
    def __init__(self, binary: str):
        env = dict(os.environ, BEDROCK_LSP_TODAY=TODAY)
        self.p = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=env)
        self.n = 0

    def send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self) -> dict:
        length = 0
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError("server closed")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method: str, params: dict):
        self.n += 1
        rid = self.n
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == rid and "method" not in msg:
                return msg.get("result")
            if "method" in msg and "id" in msg:  # a server request: answer it empty
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


# The languageId an editor (VS Code) sends for a file; "plaintext" for the others, so the
# server picks the language by the file name as it does for `check`.
LANG = {".py": "python", ".ts": "typescript", ".tsx": "typescriptreact", ".js": "javascript",
        ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascriptreact", ".java": "java",
        ".go": "go", ".rs": "rust", ".cs": "csharp", ".md": "markdown", ".mdx": "mdx",
        ".tf": "terraform", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".sh": "shellscript",
        ".toml": "toml", ".php": "php", ".kt": "kotlin", ".swift": "swift", ".rb": "ruby",
        ".xml": "xml", ".html": "html", ".ini": "ini", ".cfg": "ini", ".txt": "plaintext",
        ".rst": "restructuredtext", ".ipynb": "json", ".jsonc": "jsonc", ".properties": "properties",
        ".scala": "scala", ".dart": "dart", ".c": "c", ".cpp": "cpp"}


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def hover_text(result) -> str:
    if not result:
        return ""
    c = result.get("contents")
    if isinstance(c, dict):
        return c.get("value", "")
    if isinstance(c, list):
        return "\n".join(x if isinstance(x, str) else x.get("value", "") for x in c)
    return c or ""


def recognises(result, idt: str) -> bool:
    """A hover that names the occurrence's ID (an ARN's by its model part): the server took
    this string for that model ID, not merely for some literal around it."""
    text = hover_text(result)
    core = idt.rsplit("/", 1)[-1]
    return bool(text) and (idt in text or core in text)


def hover_all(binary: str, occ: list[dict], corpus: Path) -> list[bool]:
    lsp = Lsp(binary)
    lsp.request("initialize", {"processId": None, "rootUri": corpus.as_uri(), "capabilities": {}})
    lsp.notify("initialized", {})
    texts: dict[str, list[str]] = {}
    out = []
    for o in occ:
        path = corpus / o["repo"].replace("/", "+", 1) / o["path"]
        uri = path.as_uri()
        if uri not in texts:
            text = read_text(path)
            lsp.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": LANG.get(path.suffix.lower(), "plaintext"), "version": 1,
                "text": text}})
            texts[uri] = text.splitlines()
        line_text = texts[uri][o["line"] - 1]
        col = o["column"] - 1
        if line_text[col:col + len(o["id"])] != o["id"]:
            col = max(line_text.find(o["id"]), 0)
        utf16 = len(line_text[:col + len(o["id"]) // 2].encode("utf-16-le")) // 2
        r = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": o["line"] - 1, "character": utf16}})
        out.append(recognises(r, o["id"]))
    lsp.request("shutdown", None)
    lsp.notify("exit", None)
    return out


def annotate(o: dict, corpus: Path, cache: dict) -> dict:
    """Fill `type`, `construct` and `prefix` of an occurrence (rows judged before issue 19 lack them)."""
    if "construct" in o:
        return o
    key = (o["repo"], o["path"])
    if key not in cache:
        cache[key] = read_text(corpus / o["repo"].replace("/", "+", 1) / o["path"]).splitlines()
    lines = cache[key]
    line = lines[o["line"] - 1]
    col = o["column"] - 1
    ftype = file_type(o["path"])
    pre = prefix_of(line, col)
    return dict(o, type=ftype, construct=construct_of(lines, o["line"], col, ftype, pre), prefix=pre)


def table(title: str, rows: dict[str, list[bool]]) -> list[str]:
    out = [f"  {title}:"]
    for k, hs in sorted(rows.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(f"    {k:34} {sum(hs):4}/{len(hs):<4} {100.0 * sum(hs) / len(hs):5.1f}%")
    return out


def recall_report(occ: list[dict], hovered: list[bool]) -> list[str]:
    used = [(o, h) for o, h in zip(occ, hovered) if o.get("place_of_use")]
    n, k = len(used), sum(h for _, h in used)
    files = len({(o["repo"], o["path"]) for o in occ})
    out = [f"inventory: {len(occ)} occurrences in {files} files; hover on {sum(hovered)}/{len(occ)}",
           f"recall (places of use the server recognises): {k}/{n} = {100.0 * k / max(n, 1):.1f}%"]
    per_type: dict[str, list[bool]] = defaultdict(list)
    per_construct: dict[str, list[bool]] = defaultdict(list)
    for o, h in used:
        per_type[o["type"]].append(h)
        per_construct[o["construct"]].append(h)
    out += table("per file type", per_type)
    out += table("per construct", per_construct)
    every: dict[str, list[bool]] = defaultdict(list)
    for o, h in zip(occ, hovered):
        every[o["construct"]].append(h)
    out += table("every occurrence (places of use or not: prose, tables, comments...), per construct", every)
    missed: dict[str, list[dict]] = defaultdict(list)
    for o, h in used:
        if not h:
            missed[o["construct"]].append(o)
    out.append(f"  missed places of use: {n - k}")
    for c in sorted(missed, key=lambda c: (-len(missed[c]), c)):
        out.append(f"    {c} ({len(missed[c])}):")
        for o in missed[c]:
            out.append(f"      {o['repo']}/{o['path']}:{o['line']} {o['id']} [{o['use']}]")
    return out


PROBLEM_CODE = {"retired": "eol-model", "invalid-id": "unknown-model", "needs-profile": "needs-inference-profile",
                "provisioned-only": "provisioned-only", "region": "region-unavailable"}


def check_report(occ: list[dict], findings: list[dict]) -> list[str]:
    """The linter's side: of the places of use with a real problem, those `check` reports with
    the matching code (a finding on the same repo, path and source line whose ID is the
    occurrence's or contains it), per file type and construct; the missed ones listed."""
    by_line: dict[tuple, list[dict]] = defaultdict(list)
    for f in findings:
        by_line[(f["repo"], f["path"], f["line_text"])].append(f)

    def codes(o: dict) -> set[str]:
        fs = by_line.get((o["repo"], o["path"], o["line_text"]), [])
        return {f["code"] for f in fs if o["id"] == f["id"] or o["id"] in f["id"] or f["id"] in o["id"]}

    probs = [o for o in occ if o.get("place_of_use") and o.get("problem")]
    hit = [PROBLEM_CODE.get(o["problem"]) in codes(o) for o in probs]
    out = [f"check: real problems at places of use reported with the matching code: "
           f"{sum(hit)}/{len(probs)} = {100.0 * sum(hit) / max(len(probs), 1):.1f}%"]
    per_type: dict[str, list[bool]] = defaultdict(list)
    per_construct: dict[str, list[bool]] = defaultdict(list)
    for o, h in zip(probs, hit):
        per_type[o["type"]].append(h)
        per_construct[o["construct"]].append(h)
    out += table("per file type", per_type)
    out += table("per construct", per_construct)
    out.append(f"  missed: {len(probs) - sum(hit)}")
    for o, h in zip(probs, hit):
        if not h:
            out.append(f"    [{o['construct']}] {o['repo']}/{o['path']}:{o['line']} {o['id']} "
                       f"({o['problem']}; got {sorted(codes(o)) or 'nothing'})")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("BEDROCK_CORPUS", "/work/corpus")))
    ap.add_argument("--catalog", type=Path, default=ROOT / "catalog" / "catalog.json")
    ap.add_argument("--hover", metavar="BIN", help="hover each occurrence of --in with this server; report recall")
    ap.add_argument("--json", metavar="FILE", type=Path, help="with --hover: write each occurrence with `hover`")
    ap.add_argument("--findings", metavar="FILE", type=Path,
                    help="with --hover: the findings of `measure.py --save FILE` for the linter's side "
                         "(default: run `BIN check` over the corpus)")
    ap.add_argument("--unjudged", metavar="FILE", type=Path,
                    help="write the sample's candidates that --in does not judge yet")
    ap.add_argument("--in", dest="inp", type=Path, default=HERE / "occurrences.jsonl")
    args = ap.parse_args()
    if args.hover:
        cache: dict = {}
        occ = [annotate(json.loads(l), args.corpus, cache)
               for l in open(args.inp, encoding="utf-8") if l.strip()]
        hovered = hover_all(args.hover, occ, args.corpus)
        print("\n".join(recall_report(occ, hovered)))
        if args.findings:
            findings = json.load(open(args.findings, encoding="utf-8"))
        else:  # run `BIN check` over the corpus as measure.py does
            sys.path.insert(0, str(HERE))
            import measure
            findings = measure.enrich(measure.run_binary(str(Path(args.hover).resolve()), args.corpus),
                                      args.corpus)
        print("\n".join(check_report(occ, findings)))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                for o, h in zip(occ, hovered):
                    f.write(json.dumps(dict(o, hover=h), ensure_ascii=False) + "\n")
        return 0
    view = catalog_view(json.load(open(args.catalog, encoding="utf-8")))
    cands = list(candidates(args.corpus, view))
    if args.unjudged:
        judged = set()
        if args.inp.is_file():
            for l in open(args.inp, encoding="utf-8"):
                if l.strip():
                    o = json.loads(l)
                    judged.add((o["repo"], o["path"], o["line"], o["column"], o["id"]))
        todo = [c for c in cands if (c["repo"], c["path"], c["line"], c["column"], c["id"]) not in judged]
        with open(args.unjudged, "w", encoding="utf-8") as f:
            for c in todo:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(f"{len(cands)} candidates in {len({(c['repo'], c['path']) for c in cands})} files; "
              f"{len(todo)} not judged yet -> {args.unjudged}", file=sys.stderr)
        return 0
    for c in cands:
        print(json.dumps(c, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
