#!/usr/bin/env python3
"""Re-create the real-world corpus from the pinned commits in corpus.toml.

    tools/realworld/materialize.py [--dest DIR] [--mirrors DIR] [--only NAME ...]

DIR defaults to $BEDROCK_CORPUS or /work/corpus. Each repository lands in
DIR/<owner>+<name>/ with only the files under its `paths` (all files when none).

Source of the files, per repository:
  1. a local bare mirror `<mirrors>/<owner>+<name>/repo` (default /work/.mirror, or
     $BEDROCK_MIRRORS) holding the pinned commit: `git archive COMMIT -- PATHS | tar -x`;
  2. otherwise a clone from https://github.com/<owner>/<name> (blobless, then the
     pinned commit is checked out), for contributors with network access.

Idempotent: a repository whose directory carries a `.materialized` stamp with the
same commit and paths is left alone; anything else is removed and re-created.
Blobs a mirror lacks (snapshots omit files of 4 MiB and more) are skipped with a
note, so the corpus is the same whichever way it was made for every text file.
Exit status 0 when every repository is materialized, 1 otherwise.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAMP = ".materialized"


def load_corpus(path: Path) -> list[dict]:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    repos = data.get("repo", [])
    for r in repos:
        for key in ("name", "commit"):
            if key not in r:
                raise SystemExit(f"{path}: a [[repo]] lacks `{key}`")
        if len(r["commit"]) != 40:
            raise SystemExit(f"{path}: {r['name']}: commit must be 40 hex digits")
    return repos


def dir_name(name: str) -> str:
    return name.replace("/", "+")


def pathspecs(paths: list[str]) -> list[str]:
    return [f":(glob){p}" if "*" in p else p for p in paths]


def git(*args: str, cwd: Path | None = None, capture: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=capture, check=False)


def has_commit(git_dir: Path, commit: str) -> bool:
    r = git("--git-dir", str(git_dir), "cat-file", "-e", f"{commit}^{{commit}}")
    return r.returncode == 0


def extract_from_git_dir(git_dir: Path, commit: str, paths: list[str], out: Path) -> list[str]:
    """Write the files of COMMIT (under PATHS) to OUT. Returns notes on skipped files."""
    specs = pathspecs(paths)
    r = git("--git-dir", str(git_dir), "archive", "--format=tar", commit, "--", *specs)
    if r.returncode == 0:
        with tarfile.open(fileobj=io.BytesIO(r.stdout)) as tar:
            try:
                tar.extractall(out, filter="data")
            except TypeError:  # Python without extraction filters (< 3.11.4)
                tar.extractall(out)
        return []
    # Some blob is missing (a snapshot omits big files): extract file by file.
    notes = []
    ls = git("--git-dir", str(git_dir), "ls-tree", "-r", "-z", commit, "--", *specs)
    if ls.returncode != 0:
        raise RuntimeError(ls.stderr.decode(errors="replace").strip())
    for entry in ls.stdout.decode().split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind != "blob":
            continue
        blob = git("--git-dir", str(git_dir), "cat-file", "blob", sha)
        if blob.returncode != 0:
            notes.append(f"skipped {path}: blob not in the mirror")
            continue
        dest = out / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            notes.append(f"skipped {path}: symlink")
            continue
        dest.write_bytes(blob.stdout)
    return notes


def clone(name: str, commit: str, tmp: Path) -> Path:
    url = f"https://github.com/{name}.git"
    repo = tmp / "clone"
    r = git("clone", "--quiet", "--bare", "--filter=blob:none", url, str(repo))
    if r.returncode != 0:
        raise RuntimeError(f"git clone {url}: {r.stderr.decode(errors='replace').strip()}")
    if not has_commit(repo, commit):
        r = git("--git-dir", str(repo), "fetch", "--quiet", "origin", commit)
        if r.returncode != 0:
            raise RuntimeError(f"{name}: commit {commit} not found on GitHub")
    return repo


def materialize(repo: dict, dest: Path, mirrors: Path) -> list[str]:
    name, commit, paths = repo["name"], repo["commit"], repo.get("paths", [])
    out = dest / dir_name(name)
    stamp = {"commit": commit, "paths": paths}
    stamp_file = out / STAMP
    if stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text()) == stamp:
                return [f"{name}: up to date"]
        except (ValueError, OSError):
            pass
    if out.exists():
        shutil.rmtree(out)
    tmp_out = dest / f".{dir_name(name)}.partial"
    if tmp_out.exists():
        shutil.rmtree(tmp_out)
    tmp_out.mkdir(parents=True)
    mirror = mirrors / dir_name(name) / "repo"
    with tempfile.TemporaryDirectory() as tmp:
        if mirror.is_dir() and has_commit(mirror, commit):
            source = f"mirror {mirror}"
            git_dir = mirror
        else:
            source = "clone from GitHub"
            git_dir = clone(name, commit, Path(tmp))
        notes = extract_from_git_dir(git_dir, commit, paths, tmp_out)
    (tmp_out / STAMP).write_text(json.dumps(stamp) + "\n")
    tmp_out.rename(out)
    files = sum(1 for p in out.rglob("*") if p.is_file()) - 1
    return [f"{name}: {files} files at {commit[:12]} ({source})"] + [f"  {name}: {n}" for n in notes]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dest", type=Path, default=Path(os.environ.get("BEDROCK_CORPUS", "/work/corpus")))
    ap.add_argument("--mirrors", type=Path, default=Path(os.environ.get("BEDROCK_MIRRORS", "/work/.mirror")))
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus.toml")
    ap.add_argument("--only", nargs="*", default=None, help="materialize only these repositories")
    args = ap.parse_args()
    repos = load_corpus(args.corpus)
    if args.only:
        unknown = set(args.only) - {r["name"] for r in repos}
        if unknown:
            print(f"materialize: not in the corpus: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        repos = [r for r in repos if r["name"] in args.only]
    args.dest.mkdir(parents=True, exist_ok=True)
    failed = 0
    for repo in repos:
        try:
            for line in materialize(repo, args.dest, args.mirrors):
                print(line)
        except (RuntimeError, OSError, tarfile.TarError) as e:
            failed += 1
            print(f"{repo['name']}: FAILED: {e}", file=sys.stderr)
    names = {dir_name(r["name"]) for r in load_corpus(args.corpus)}
    for stale in sorted(p for p in args.dest.iterdir() if p.is_dir() and p.name not in names):
        if (stale / STAMP).is_file() and not args.only:
            shutil.rmtree(stale)
            print(f"removed {stale.name} (no longer in the corpus)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
