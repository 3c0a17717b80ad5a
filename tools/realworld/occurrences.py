#!/usr/bin/env python3
"""Recall inventory: every Bedrock-model-ID-looking string in a fixed sample of corpus files.

    tools/realworld/occurrences.py [--corpus DIR] [--per-repo N] > /tmp/candidates.jsonl
    tools/realworld/occurrences.py --hover BIN --in tools/realworld/occurrences.jsonl

The first form lists candidate occurrences (repo, path, line, column, id, line_text) in
a deterministic sample of files (per repository, the files with at least one match,
ordered by the SHA-1 of their path, the first N), with the catalog's view of the ID
(`catalog`: retired / legacy / profile-only (a bare ID the catalog says needs a
profile everywhere) / known / unknown, by catalog.json and the fixed day). The
candidates are then judged by hand into occurrences.jsonl: `place_of_use` (the string
is a model ID given to something: a call, a constructor, a config value, a default, a
selectable list; not prose, a comment, a prefix or a response field) and `problem` (the
real problem at that place, or null).

The second form asks the language server (`BIN serve`) for a hover at each occurrence
and prints how many occurrences it recognises as literals (a hover with content).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TODAY = "2026-12-02"

PROVIDERS = ("anthropic|amazon|meta|mistral|cohere|ai21|deepseek|qwen|openai|writer|stability|"
             "twelvelabs|luma|moonshot|moonshotai|minimax|google|nvidia|zai")
GEO = r"(?:us-gov|us|eu|apac|au|jp|global|ca|in)\."
ID_RE = re.compile(
    r"(?<![\w./-])(?:arn:aws[\w-]*:bedrock:[a-z0-9-]*:\d*:[\w-]+/)?(?:" + GEO + r")?"
    r"(?:" + PROVIDERS + r")\.[a-z0-9][a-z0-9.:_-]*[a-z0-9]")
SKIP_SUFFIXES = (".png", ".jpg", ".gif", ".zip", ".lock", ".svg", ".ico", ".pdf")
TEXT_LIMIT = 400_000


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


def candidates(corpus: Path, per_repo: int, view: dict[str, str]):
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
                if len(text) > TEXT_LIMIT or not ID_RE.search(text):
                    continue
                files.append((hashlib.sha1(f"{repo}/{rel}".encode()).hexdigest(), rel, text))
        for _, rel, text in sorted(files)[:per_repo]:
            for ln, line in enumerate(text.splitlines(), 1):
                for m in ID_RE.finditer(line):
                    idt = m.group(0).rstrip(".:")
                    yield {"repo": repo, "path": rel, "line": ln, "column": m.start() + 1, "id": idt,
                           "line_text": line.strip(), "catalog": status_of(idt, view)}


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


LANG = {".py": "python", ".ts": "typescript", ".tsx": "typescriptreact", ".js": "javascript",
        ".jsx": "javascriptreact", ".java": "java", ".go": "go", ".rs": "rust", ".cs": "csharp",
        ".md": "markdown", ".mdx": "mdx", ".tf": "terraform", ".yaml": "yaml", ".yml": "yaml",
        ".json": "json", ".sh": "shellscript", ".toml": "toml", ".php": "php", ".kt": "kotlin"}


def hover_all(binary: str, occ: list[dict], corpus: Path) -> list[bool]:
    lsp = Lsp(binary)
    lsp.request("initialize", {"processId": None, "rootUri": corpus.as_uri(), "capabilities": {}})
    lsp.notify("initialized", {})
    opened = set()
    out = []
    for o in occ:
        path = corpus / o["repo"].replace("/", "+", 1) / o["path"]
        uri = path.as_uri()
        if uri not in opened:
            text = path.read_text(encoding="utf-8")
            lsp.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": LANG.get(path.suffix, "plaintext"), "version": 1, "text": text}})
            opened.add(uri)
        line_text = path.read_text(encoding="utf-8").splitlines()[o["line"] - 1]
        col = line_text.find(o["id"])
        col = col if col >= 0 else o["column"] - 1
        utf16 = len(line_text[:col + len(o["id"]) // 2].encode("utf-16-le")) // 2
        r = lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": o["line"] - 1, "character": utf16}})
        out.append(bool(r and r.get("contents")))
    lsp.request("shutdown", None)
    lsp.notify("exit", None)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("BEDROCK_CORPUS", "/work/corpus")))
    ap.add_argument("--per-repo", type=int, default=4)
    ap.add_argument("--catalog", type=Path, default=ROOT / "catalog" / "catalog.json")
    ap.add_argument("--hover", metavar="BIN", help="hover each occurrence of --in with this server")
    ap.add_argument("--in", dest="inp", type=Path, default=HERE / "occurrences.jsonl")
    args = ap.parse_args()
    if args.hover:
        occ = [json.loads(l) for l in open(args.inp, encoding="utf-8") if l.strip()]
        hovered = hover_all(args.hover, occ, args.corpus)
        used = [(o, h) for o, h in zip(occ, hovered) if o.get("place_of_use")]
        print(f"hover on {sum(hovered)}/{len(occ)} occurrences; "
              f"{sum(h for _, h in used)}/{len(used)} places of use")
        for o, h in used:
            if not h:
                print(f"  no hover: {o['repo']}/{o['path']}:{o['line']} {o['id']}")
        return 0
    view = catalog_view(json.load(open(args.catalog, encoding="utf-8")))
    for c in candidates(args.corpus, args.per_repo, view):
        print(json.dumps(c, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
