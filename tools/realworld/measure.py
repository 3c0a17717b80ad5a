#!/usr/bin/env python3
"""Measure bedrock-lsp's precision on the real-world corpus against the judgments.

    tools/realworld/measure.py --bin target/release/bedrock-lsp [--corpus DIR]
        [--save FILE] [--unjudged FILE] [--details] [--recall]
    tools/realworld/measure.py --from FILE            # report on saved findings
    tools/realworld/measure.py --diff OLD NEW         # what moved between two saved runs

Runs `BIN check --format json --no-config` over the materialized corpus (see
materialize.py; DIR defaults to $BEDROCK_CORPUS or /work/corpus) with the day fixed
(BEDROCK_LSP_TODAY=2026-12-02), joins each finding with tools/realworld/judgments.jsonl
and prints, per code / per use (when the JSON has a `use` field) / test vs non-test
path: right, wrong, debatable, unjudged and precision = right / (right + wrong).

A judgment is keyed on (repo, path, code, ID text, stripped source line), never the
line number, so it survives line shifts and edits that keep the finding. A judgment
with `fix_verdict` judges the finding's safe fix; it applies only while the safe fix
still writes the same text (`fix_text`), else the safe fix counts as unjudged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGMENTS = HERE / "judgments.jsonl"
OCCURRENCES = HERE / "occurrences.jsonl"
TODAY = "2026-12-02"
VERDICTS = ("right", "wrong", "debatable")

TEST_DIRS = {"test", "tests", "__tests__", "testing", "spec", "specs", "e2e", "cassettes",
             "fixtures", "testdata", "integrationtests", "unittests", "it"}
TEST_FILE = re.compile(
    r"(^test_.*\.py$|_test\.py$|^conftest\.py$|_test\.go$|_test\.rs$"
    r"|\.(test|spec|int\.test|e2e\.test)\.[cm]?[jt]sx?$"
    r"|(Test|Tests|IT|ITCase)\.(java|kt|cs)$)")


def is_test_path(path: str) -> bool:
    parts = path.split("/")
    if any(p.lower() in TEST_DIRS or p.lower().endswith((".unittests", ".tests", ".integrationtests"))
           for p in parts[:-1]):
        return True
    if "src/test/" in path:
        return True
    return bool(TEST_FILE.search(parts[-1]))


def split_repo(file: str) -> tuple[str, str]:
    file = file.replace("\\", "/")
    if file.startswith("./"):
        file = file[2:]
    head, _, rest = file.partition("/")
    return head.replace("+", "/", 1), rest


_lines_cache: dict[Path, list[str]] = {}


def source_lines(path: Path) -> list[str]:
    if path not in _lines_cache:
        try:
            _lines_cache[path] = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            _lines_cache[path] = []
    return _lines_cache[path]


def span_text(lines: list[str], f: dict) -> str:
    """The text of the finding's span (columns are 1-based; UTF-8 bytes or characters)."""
    l, c, el, ec = f["line"], f["column"], f["endLine"], f["endColumn"]
    if not (1 <= l <= len(lines)) or el != l:
        return ""
    line = lines[l - 1]
    by_char = line[c - 1:ec - 1]
    b = line.encode()
    by_byte = b[c - 1:ec - 1].decode(errors="replace")
    # Prefer whichever reading looks like an ID (no quote at the edges).
    for t in (by_char, by_byte):
        if t and t[0] not in "\"'`" and t[-1] not in "\"'`":
            return t
    return by_char


def safe_fix(f: dict) -> dict | None:
    for fix in f.get("fixes", []):
        if fix.get("safe"):
            return fix
    return None


def fix_text(fix: dict | None) -> str | None:
    if fix is None:
        return None
    return " | ".join(e.get("newText", "") for e in fix.get("edits", []))


def enrich(findings: list[dict], corpus: Path) -> list[dict]:
    out = []
    for f in findings:
        repo, path = split_repo(f["file"])
        lines = source_lines(corpus / f["file"])
        line_text = lines[f["line"] - 1].strip() if 1 <= f["line"] <= len(lines) else ""
        ctx_lo = max(0, f["line"] - 4)
        g = dict(f)
        g.update({
            "repo": repo,
            "path": path,
            "id": span_text(lines, f),
            "line_text": line_text,
            "test": is_test_path(path),
            "safe_fix_text": fix_text(safe_fix(f)),
            "context": lines[ctx_lo:f["line"] + 3],
        })
        out.append(g)
    return out


def key(d: dict) -> tuple:
    return (d["repo"], d["path"], d["code"], d["id"], d["line_text"])


def load_judgments(path: Path) -> dict[tuple, dict]:
    judged: dict[tuple, dict] = {}
    if not path.is_file():
        return judged
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            raw = raw.strip()
            if not raw:
                continue
            try:
                j = json.loads(raw)
            except ValueError as e:
                raise SystemExit(f"{path}:{n}: not JSON: {e}")
            if j.get("verdict") not in VERDICTS:
                raise SystemExit(f"{path}:{n}: verdict must be one of {VERDICTS}")
            judged[key(j)] = j
    return judged


def run_binary(binary: str, corpus: Path) -> list[dict]:
    help_text = subprocess.run([binary, "check", "--help"], capture_output=True, text=True).stdout
    args = [binary, "check", "--format", "json"]
    if "--no-config" in help_text:
        args.append("--no-config")
    repos = sorted(p.name for p in corpus.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not repos:
        raise SystemExit(f"{corpus}: empty; run tools/realworld/materialize.py first")
    env = dict(os.environ, BEDROCK_LSP_TODAY=TODAY)
    r = subprocess.run(args + repos, cwd=corpus, capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1):
        raise SystemExit(f"{binary} exited {r.returncode}: {r.stderr.strip()[:2000]}")
    return json.loads(r.stdout)


def precision(c: Counter) -> str:
    d = c["right"] + c["wrong"]
    return f"{100.0 * c['right'] / d:5.1f}%" if d else "    -"


def table(title: str, groups: dict[str, Counter]) -> list[str]:
    rows = [f"\n{title}", f"{'':36} {'right':>6} {'wrong':>6} {'debat':>6} {'unjdg':>6} {'total':>6} {'precision':>9}"]
    total = Counter()
    for name in sorted(groups, key=lambda n: -sum(groups[n].values())):
        c = groups[name]
        total.update(c)
        rows.append(f"{name:36} {c['right']:6} {c['wrong']:6} {c['debatable']:6} {c['unjudged']:6} "
                    f"{sum(c.values()):6} {precision(c):>9}")
    rows.append(f"{'all':36} {total['right']:6} {total['wrong']:6} {total['debatable']:6} "
                f"{total['unjudged']:6} {sum(total.values()):6} {precision(total):>9}")
    return rows


def markdown(title: str, groups: dict[str, Counter]) -> list[str]:
    rows = [f"\n{title}\n", "| | right | wrong | debatable | unjudged | total | precision |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    total = Counter()
    for name in sorted(groups, key=lambda n: -sum(groups[n].values())):
        c = groups[name]
        total.update(c)
        rows.append(f"| `{name}` | {c['right']} | {c['wrong']} | {c['debatable']} | {c['unjudged']} | "
                    f"{sum(c.values())} | {precision(c).strip()} |")
    rows.append(f"| **all** | {total['right']} | {total['wrong']} | {total['debatable']} | {total['unjudged']} | "
                f"{sum(total.values())} | {precision(total).strip()} |")
    return rows


def verdict_of(f: dict, judged: dict) -> str:
    j = judged.get(key(f))
    return j["verdict"] if j else "unjudged"


def report(findings: list[dict], judged: dict, details: bool, md: bool = False) -> tuple[list[str], list[dict]]:
    table_ = markdown if md else table
    by_code: dict[str, Counter] = defaultdict(Counter)
    by_use: dict[str, Counter] = defaultdict(Counter)
    by_test: dict[str, Counter] = defaultdict(Counter)
    by_repo: dict[str, Counter] = defaultdict(Counter)
    by_sev: dict[str, Counter] = defaultdict(Counter)
    by_code_path: dict[str, Counter] = defaultdict(Counter)
    by_code_use: dict[str, Counter] = defaultdict(Counter)
    has_use = any("use" in f for f in findings)
    unjudged = []
    safe = Counter()
    wrong_safe = []
    for f in findings:
        v = verdict_of(f, judged)
        by_code[f["code"]][v] += 1
        by_test["test path" if f["test"] else "non-test path"][v] += 1
        by_repo[f["repo"]][v] += 1
        by_sev[f.get("severity", "?")][v] += 1
        by_code_path[f"{f['code']} [{'test' if f['test'] else 'non-test'}]"][v] += 1
        if has_use:
            by_use[str(f.get("use", "(none)"))][v] += 1
            by_code_use[f"{f['code']} [{f.get('use', '(none)')}]"][v] += 1
        if v == "unjudged":
            unjudged.append(f)
        if f["safe_fix_text"] is not None:
            j = judged.get(key(f))
            fv = None
            if j and j.get("fix_verdict") and j.get("fix_text") == f["safe_fix_text"]:
                fv = j["fix_verdict"]
            safe[fv or "unjudged"] += 1
            if fv == "wrong":
                wrong_safe.append(f)
    out = [f"findings: {len(findings)}"]
    out += table_("per code", by_code)
    if has_use:
        out += table_("per use", by_use)
    else:
        out.append("\nper use: the JSON carries no `use` field")
    out += table_("per path kind", by_test)
    out += table_("per code and path kind", by_code_path)
    if has_use:
        out += table_("per code and use", by_code_use)
    out += table_("per severity", by_sev)
    if details:
        out += table_("per repository", by_repo)
    out.append(f"\nsafe fixes: {sum(safe.values())} (judged right {safe['right']}, wrong {safe['wrong']}, "
               f"debatable {safe['debatable']}, unjudged {safe['unjudged']})")
    out.append(f"safe fixes judged wrong: {len(wrong_safe)}")
    if details:
        for f in wrong_safe:
            out.append(f"  {f['repo']}/{f['path']}:{f['line']} {f['code']} {f['id']} -> {f['safe_fix_text']}")
    out.append(f"unjudged findings: {len(unjudged)}")
    for f in unjudged[:40]:
        out.append(f"  {f['repo']}/{f['path']}:{f['line']} {f['code']} {f['id']}")
    if len(unjudged) > 40:
        out.append(f"  … {len(unjudged) - 40} more (use --unjudged FILE)")
    return out, unjudged


def diff(old: list[dict], new: list[dict], judged: dict) -> list[str]:
    def index(fs):
        d = defaultdict(list)
        for f in fs:
            d[key(f)].append(f)
        return d
    o, n = index(old), index(new)
    gone, came, changed = Counter(), Counter(), []
    gone_rows, came_rows = [], []
    for k in o.keys() | n.keys():
        a, b = o.get(k, []), n.get(k, [])
        v = judged[k]["verdict"] if k in judged else "unjudged"
        if len(a) > len(b):
            gone[v] += len(a) - len(b)
            gone_rows.append((v, a[0], len(a) - len(b)))
        elif len(b) > len(a):
            came[v] += len(b) - len(a)
            came_rows.append((v, b[0], len(b) - len(a)))
        for fa, fb in zip(a, b):
            if (fa.get("severity"), fa["safe_fix_text"]) != (fb.get("severity"), fb["safe_fix_text"]):
                changed.append((v, fa, fb))
    out = [f"old: {len(old)} findings, new: {len(new)} findings",
           f"gone: {sum(gone.values())} ({', '.join(f'{k} {c}' for k, c in sorted(gone.items()))})",
           f"new:  {sum(came.values())} ({', '.join(f'{k} {c}' for k, c in sorted(came.items()))})",
           f"severity or safe fix changed: {len(changed)}"]
    for title, rows in (("gone", gone_rows), ("new", came_rows)):
        by_code = defaultdict(Counter)
        for v, f, c in rows:
            by_code[f["code"]][v] += c
        for code, c in sorted(by_code.items()):
            out.append(f"  {title} {code}: " + ", ".join(f"{k} {x}" for k, x in sorted(c.items())))
    for v, f, c in sorted(came_rows, key=lambda r: (r[0], r[1]["repo"], r[1]["path"])):
        if v in ("wrong", "unjudged"):
            out.append(f"  + [{v}] {f['repo']}/{f['path']}:{f['line']} {f['code']} {f['id']}")
    for v, fa, fb in changed[:60]:
        out.append(f"  ~ [{v}] {fa['repo']}/{fa['path']}:{fa['line']} {fa['code']} {fa['id']}: "
                   f"{fa.get('severity')}/{fa['safe_fix_text']} -> {fb.get('severity')}/{fb['safe_fix_text']}")
    return out


PROBLEM_CODE = {"retired": "eol-model", "invalid-id": "unknown-model", "needs-profile": "needs-inference-profile",
                "provisioned-only": "provisioned-only", "region": "region-unavailable"}


def recall(findings: list[dict], occ_path: Path) -> list[str]:
    """Recall over the hand-judged inventory of ID occurrences (occurrences.jsonl).

    An occurrence is matched to the findings on the same repo, path and source line whose
    ID text is the occurrence's ID (or contains it, for ARNs)."""
    if not occ_path.is_file():
        return [f"recall: {occ_path} not found"]
    occ = [json.loads(l) for l in open(occ_path, encoding="utf-8") if l.strip()]
    by_line: dict[tuple, list[dict]] = defaultdict(list)
    for f in findings:
        by_line[(f["repo"], f["path"], f["line_text"])].append(f)

    def codes(o: dict) -> set[str]:
        fs = by_line.get((o["repo"], o["path"], o["line_text"]), [])
        return {f["code"] for f in fs if o["id"] == f["id"] or o["id"] in f["id"] or f["id"] in o["id"]}

    used = [o for o in occ if o.get("place_of_use")]
    other = [o for o in occ if not o.get("place_of_use")]
    out = [f"\nrecall inventory: {len(occ)} occurrences in {len({(o['repo'], o['path']) for o in occ})} files; "
           f"{len(used)} places of use, {len(other)} not (prose, comments, prefixes, other names)"]
    problems = [o for o in used if o.get("problem")]
    hit = [o for o in problems if PROBLEM_CODE.get(o["problem"]) in codes(o)]
    if problems:
        out.append(f"  real problems at places of use: {len(problems)}; reported with the matching code: "
                   f"{len(hit)} ({100.0 * len(hit) / len(problems):.1f}%)")
        per = Counter(o["problem"] for o in problems)
        per_hit = Counter(o["problem"] for o in hit)
        for k in sorted(per):
            out.append(f"    {k:18} {per_hit[k]}/{per[k]}")
        for o in problems:
            if o not in hit:
                out.append(f"    missed: {o['repo']}/{o['path']}:{o['line']} {o['id']} ({o['problem']}; "
                           f"got {sorted(codes(o)) or 'nothing'})")
    clean = [o for o in used if not o.get("problem")]
    noisy = [o for o in clean if codes(o)]
    out.append(f"  places of use without a real problem: {len(clean)}; with a finding anyway: {len(noisy)}")
    per_use = Counter(o["use"] for o in noisy)
    if per_use:
        out.append("    by use: " + ", ".join(f"{k} {v}" for k, v in sorted(per_use.items())))
    flagged_other = [o for o in other if codes(o)]
    out.append(f"  occurrences that are not places of use: {len(other)}; with a finding: {len(flagged_other)}")
    for o in flagged_other:
        out.append(f"    {o['repo']}/{o['path']}:{o['line']} {o['id']} ({o['use']}): {sorted(codes(o))}")
    return out


def load_saved(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", help="the bedrock-lsp binary to measure")
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("BEDROCK_CORPUS", "/work/corpus")))
    ap.add_argument("--judgments", type=Path, default=JUDGMENTS)
    ap.add_argument("--save", metavar="FILE", help="save the enriched findings (for --from / --diff)")
    ap.add_argument("--from", dest="from_file", metavar="FILE", help="report on saved findings")
    ap.add_argument("--diff", nargs=2, metavar=("OLD", "NEW"), help="compare two saved runs")
    ap.add_argument("--unjudged", metavar="FILE", help="write unjudged findings as JSONL to judge")
    ap.add_argument("--details", action="store_true", help="also per repository and each wrong safe fix")
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    ap.add_argument("--recall", action="store_true", help="recall over tools/realworld/occurrences.jsonl")
    args = ap.parse_args()
    judged = load_judgments(args.judgments)

    if args.diff:
        print("\n".join(diff(load_saved(args.diff[0]), load_saved(args.diff[1]), judged)))
        return 0
    if args.from_file:
        findings = load_saved(args.from_file)
    elif args.bin:
        findings = enrich(run_binary(os.path.abspath(args.bin), args.corpus), args.corpus)
    else:
        ap.error("give --bin, --from or --diff")
    if args.save:
        slim = [{k: v for k, v in f.items() if k != "context"} for f in findings]
        with open(args.save, "w", encoding="utf-8") as fh:
            json.dump(slim, fh, indent=1)
    lines, unjudged = report(findings, judged, args.details, args.markdown)
    print("\n".join(lines))
    if args.recall:
        print("\n".join(recall(findings, OCCURRENCES)))
    if args.unjudged:
        with open(args.unjudged, "w", encoding="utf-8") as fh:
            for f in unjudged:
                row = {k: f[k] for k in ("repo", "path", "line", "code", "id", "line_text", "severity",
                                         "message", "safe_fix_text", "test")}
                row["fixes"] = [{"title": x["title"], "safe": x["safe"], "preferred": x["preferred"]}
                                for x in f.get("fixes", [])]
                row["context"] = f.get("context", [])
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
