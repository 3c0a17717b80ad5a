#!/usr/bin/env python3
"""Turn the compiled Bedrock facts into bedrock-lsp's own catalog format.

Maintainer tool; its output (catalog/catalog.json) is committed, so building the
crate never runs it.

    python3 tools/build_catalog.py ../shared/catalog-facts ../shared/seeds catalog/catalog.json

The dated updates in `<facts>/updates/*-delta.json` (newest last) are applied on top of
`bedrock-models.json`: a `null` in a delta means "not restated" (keep the value), new
profile IDs are added, corrections replace the older value and say so in the notes.

Rules:
  * every value comes from the facts or from AWS's "model IDs" page (the seed);
    nothing that no source gives is filled in (null stays null);
  * lifecycle keeps the *dates* and the status a source reported, and the date of
    that report; the server computes the status at run time;
  * provisioned-throughput IDs keep the source that lists each one.
"""
import json
import re
import sys
from pathlib import Path

SEED_SOURCE = "AWS_MODEL_IDS_PAGE"
SEED_SOURCE_TEXT = (
    "AWS 'Amazon Bedrock model IDs' page "
    "(https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html): base model ID "
    "table and 'model IDs for purchasing Provisioned Throughput' table (stored copy, undated)"
)

# Geo scope membership from @aws-cdk/aws-bedrock-alpha CrossRegionInferenceProfileRegion
# docs, as transcribed in arn-formats.md section 2.5. `global` = any commercial (aws
# partition) Region.
SCOPES = {
    "us": ["us-east-1", "us-east-2", "us-west-2"],
    "eu": ["eu-central-1", "eu-west-1", "eu-west-3", "eu-west-2", "eu-north-1",
           "eu-south-1", "eu-south-2", "eu-central-2"],
    "apac": ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
             "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
             "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ap-east-2",
             "me-central-1"],
    "jp": ["ap-northeast-1", "ap-northeast-3"],
    "au": ["ap-southeast-2", "ap-southeast-4"],
    "us-gov": ["us-gov-east-1", "us-gov-west-1"],
}

# Did-you-mean targets for excluded IDs: each target is named by the source that
# excluded the ID (the delta's `why`, or the facts README's conflict list).
DID_YOU_MEAN = {
    "mistral.mistral-large-2411-v1:0": ["mistral.mistral-large-3-675b-instruct",
                                        "mistral.mistral-large-2407-v1:0",
                                        "mistral.mistral-large-2402-v1:0"],
    "anthropic.claude-opus-4-6-20260901": ["anthropic.claude-opus-4-6-v1"],
    "anthropic.claude-haiku-4-5-20250115": ["anthropic.claude-haiku-4-5-20251001-v1:0"],
    "amazon.nova-2-pro-v1:0": ["amazon.nova-2-pro-preview-20251202-v1:0"],
    "amazon.titan-image-generator-v2": ["amazon.titan-image-generator-v2:0"],
    "moonshotai.kimi-k2-thinking": ["moonshot.kimi-k2-thinking"],
    "claude-sonnet-4-5-20250929-v1:0": ["anthropic.claude-sonnet-4-5-20250929-v1:0"],
}
FACTS_README_WHY = {
    "amazon.titan-image-generator-v2": "litellm error: AWS uses amazon.titan-image-generator-v2:0 (catalog-facts README).",
    "moonshotai.kimi-k2-thinking": "litellm error: the AWS-verified ID is moonshot.kimi-k2-thinking (catalog-facts README).",
    "claude-sonnet-4-5-20250929-v1:0": "litellm error: missing the anthropic. provider prefix (catalog-facts README).",
    "anthropic.claude-3-7-sonnet-20240620-v1:0": "litellm error, excluded by the catalog-facts README.",
    "anthropic.claude-haiku-4-5@20251001": "litellm error, excluded by the catalog-facts README.",
}

# bedrock-mantle In-Region (bare ID) Regions, as the update report states them.
MANTLE_REGIONS = {
    "anthropic.claude-opus-5-5": (["us-east-1", "ap-southeast-4", "us-gov-west-1"], ["AWSNEWS_OPUS55"]),
    "anthropic.claude-sonnet-5-5": (["us-gov-west-1"], ["AWSNEWS_SONNET55"]),
    "anthropic.claude-haiku-5-5": (["us-gov-west-1"], ["AWSNEWS_HAIKU55"]),
    "openai.gpt-6.1-sol": (["us-east-1"], ["AWSNEWS_GPT61SOL"]),
    "openai.gpt-6-sol": (["us-east-1"], ["OPENAI_BEDROCK_GUIDE"]),
    "openai.gpt-6-luna": (["us-east-1"], ["OPENAI_BEDROCK_GUIDE"]),
    "openai.gpt-6-astra": (["us-west-2"], ["AWS_CARD_GPT6ASTRA_Q", "OPENAI_BEDROCK_GUIDE"]),
}
# bedrock-runtime availability a newer source states against the older endpoint page.
RUNTIME_CORRECTIONS = {
    # AWS What's New 2026-08-18: the India profiles are bedrock-runtime profiles.
    "openai.gpt-5.6-terra": ["AWS_WHATSNEW_OPENAI_INDIA"],
    "openai.gpt-5.6-luna": ["AWS_WHATSNEW_OPENAI_INDIA"],
}
# Catalogued profile IDs that the update's notes say AWS confirms (the catalog had them
# from weaker sources only): the AWS source is added to the profile's sources.
CONFIRMED_PROFILES = {
    "us.zai.glm-5.3": ["AWSNEWS_GLM53"],
    "global.zai.glm-5.3": ["AWSNEWS_GLM53"],
    "us.openai.gpt-6.1-sol": ["AWSNEWS_GPT61SOL"],
    "global.openai.gpt-6.1-sol": ["AWSNEWS_GPT61SOL"],
    "us.anthropic.claude-haiku-5-5": ["AWSNEWS_HAIKU55"],
    "us.openai.gpt-6-astra": ["AWS_CARD_GPT6ASTRA_Q"],
}
# Catalogued profile IDs the update marks contested (kept, with the report's words).
CONTESTED_PROFILES = {
    "us.anthropic.claude-sonnet-5-5": (
        "Contested (update 2026-12-02, E2): AWS's launch material says Sonnet 5.5 is "
        "offered through the Global profile only in commercial Regions; later "
        "third-party data lists us./eu. profiles. Kept; weak sources."
    ),
}


def seed_tables(seed_dir: Path):
    """(base IDs, provisioned IDs) from AWS's model-ID page tables."""
    page = next(seed_dir.glob("001_*.txt")).read_text()
    base_part, _, prov_part = page.partition("base model IDs for purchasing Provisioned Throughput")
    tok = re.compile(r"\b([a-z0-9-]+\.[a-z0-9-]+(?:[.:][A-Za-z0-9-]+)*)\s*$")
    base, prov = [], []
    for line in base_part.splitlines():
        m = tok.search(line)
        if m and "." in m.group(1) and line.split()[0] in (
                "Amazon", "Anthropic", "AI21", "Cohere", "Meta", "Mistral", "Stability"):
            base.append(m.group(1))
    for line in prov_part.splitlines():
        m = tok.search(line)
        if m and (" Yes " in line or " No " in line):
            prov.append(m.group(1))
    return base, prov


def unclassified_regions(note):
    """Regions a later AWS table refresh added without a support type (from the notes)."""
    m = re.search(r"added Regions without a recorded support type: ([a-z0-9, -]+)\.", note or "")
    return [r.strip() for r in m.group(1).split(",")] if m else []


def context_label(model_id: str, prov_id: str):
    """`18k` in `anthropic.claude-v2:1:18k`; None for a bare `…:0` capacity ID."""
    rest = prov_id[len(model_id):]
    m = re.search(r":(\d+[kK]?)$", rest)
    if m and (m.group(1)[-1] in "kK" or rest.count(":") >= 2):
        return m.group(1)
    return None


def apply_delta(facts, delta, name):
    """Apply one dated delta to the facts (in place). `null` = not restated."""
    by_id = {m["modelId"]: m for m in facts["models"]}
    for d in delta["models"]:
        mid = d["modelId"]
        base = by_id.get(mid)
        if base is None:
            new = dict(d)
            new["lifecycle"] = dict(d["lifecycle"])
            if new["lifecycle"]["status"]:
                new["lifecycle"]["_reportedOn"] = delta["statusComputedAsOf"]
            new["sources"] = sorted(set(d["sources"]) | {name})
            facts["models"].append(new)
            by_id[mid] = new
            continue
        notes = []
        for k, v in d.items():
            if v is None or k in ("modelId", "sources", "notes", "provider", "name", "lifecycle",
                                  "crossRegionProfiles", "geoProfileSourceRegions", "endpoints"):
                continue
            if k == "requiresInferenceProfile" and base[k] is not None and base[k] != v:
                notes.append(f"requiresInferenceProfile corrected {base[k]} -> {v} ({name}).")
            if k == "inferenceTypes":
                v = sorted(set(v) | ({"PROVISIONED"} & set(base[k] or [])))
            base[k] = v
        if d["geoProfileSourceRegions"]:
            have = base["geoProfileSourceRegions"] or []
            add = [r for r in d["geoProfileSourceRegions"] if r not in have]
            if add and base["regions"] is not None:
                base["geoProfileSourceRegions"] = sorted(have + add)
            elif add:
                notes.append("Geo profile source Regions stated by the update: "
                             + ", ".join(d["geoProfileSourceRegions"]) + ".")
        if d["endpoints"]:
            base["endpoints"] = d["endpoints"]
            base["_endpointsSources"] = sorted(set(d["sources"]))
        lc, dl = base["lifecycle"], d["lifecycle"]
        for k, v in dl.items():
            if v is None:
                continue
            if k == "notes":
                lc["notes"] = " ".join(x for x in (lc["notes"], v) if x)
            else:
                lc[k] = v
        if dl["status"]:
            lc["_reportedOn"] = delta["statusComputedAsOf"]
        have = {p["id"] for p in base["crossRegionProfiles"] or []}
        base["crossRegionProfiles"] = (base["crossRegionProfiles"] or []) + [
            p for p in d["crossRegionProfiles"] or [] if p["id"] not in have]
        # A runtime profile-only correction: the Regions AWS's table listed as
        # in-Region are reachable on bedrock-runtime only through a profile.
        if d["requiresInferenceProfile"] and base["regions"]:
            moved = base["regions"]
            base["regions"] = []
            base["profileOnlyRegions"] = sorted(set(base["profileOnlyRegions"] or []) | set(moved))
            notes.append("bedrock-runtime: no in-Region use of the bare ID; AWS's Region table "
                         f"listed {', '.join(moved)} as in-Region (bedrock-mantle, per {name}), "
                         "now profile-only on bedrock-runtime.")
        if d["notes"]:
            notes.append(d["notes"])
        if notes:
            base["notes"] = " ".join(x for x in [base["notes"], *notes] if x)
        base["sources"] = sorted(set(base["sources"]) | set(d["sources"]) | {name})


def profile_entry(p):
    extra = [s for s in CONFIRMED_PROFILES.get(p["id"], []) if s not in p["sources"]]
    e = {"id": p["id"], "scope": p["scope"], "sources": p["sources"] + extra}
    if p["id"] in CONTESTED_PROFILES:
        e["note"] = CONTESTED_PROFILES[p["id"]]
    return e


def endpoints_entry(m):
    mid = m["modelId"]
    e = m["endpoints"]
    if e is None and mid not in MANTLE_REGIONS and mid not in RUNTIME_CORRECTIONS:
        return None
    out = {
        "runtime": e["bedrockRuntime"] if e else None,
        "mantle": e["bedrockMantle"] if e else None,
        "mantleRegions": None,
        "sources": (m.get("_endpointsSources") or ["AWS_ENDPOINTS"]) if e else [],
    }
    if mid in RUNTIME_CORRECTIONS:
        out["runtime"] = True
        out["sources"] += RUNTIME_CORRECTIONS[mid]
    if mid in MANTLE_REGIONS:
        regions, srcs = MANTLE_REGIONS[mid]
        out["mantle"] = True
        out["mantleRegions"] = sorted(regions)
        out["sources"] += [s for s in srcs if s not in out["sources"]]
    return out


def main():
    facts_dir, seed_dir, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    facts = json.loads((facts_dir / "bedrock-models.json").read_text())
    cdk = json.loads((facts_dir / "raw/aws-cdk-bedrock-model-ids-2.275.0.json").read_text())
    cdk_ids = {e["modelId"] for e in cdk["awsCdkLibFoundationModelIdentifier"]}
    as_of = facts["asOf"]
    reported_on = facts["statusComputedAsOf"]

    sources = {k: v for k, v in sorted(facts["sources"].items())}
    sources[SEED_SOURCE] = SEED_SOURCE_TEXT
    deltas = sorted((facts_dir / "updates").glob("*-delta.json"))
    scope_regions = {s: (list(r), ["CDK_ALPHA"]) for s, r in SCOPES.items()}
    excluded = [{"id": i, "why": FACTS_README_WHY.get(i), "sources": ["FACTS_README"]}
                for i in facts["unverifiedIds"]]
    if facts["unverifiedIds"]:
        sources["FACTS_README"] = (
            "catalog-facts README.md, 'Conflicts found and how they were resolved' "
            "(litellm errors excluded), compiled 2026-11-21")
    for path in deltas:
        delta = json.loads(path.read_text())
        as_of = max(as_of, delta["asOf"])
        for k, v in delta["sources"].items():
            assert k not in sources or k in ("AWS_REGION_TABLE", "AWS_LEGACY"), k
            sources.setdefault(k, v)
        for sc in delta.get("profileScopes") or []:
            srcs = sc["source"] if isinstance(sc["source"], list) else [sc["source"]]
            if "regions" in sc:
                scope_regions[sc["scope"]] = (list(sc["regions"]), srcs)
            for r in sc.get("additionalSourceRegions") or []:
                regions, have = scope_regions[sc["scope"]]
                if r not in regions:
                    regions.append(r)
                for x in srcs:
                    if x not in have:
                        have.append(x)
        apply_delta(facts, delta, path.name)
        for u in delta.get("unverifiedIds") or []:
            excluded = [e for e in excluded if e["id"] != u["id"]]
            excluded.append({"id": u["id"], "why": u["why"], "sources": [path.name]})
        sources[path.name] = (
            f"catalog-facts updates/{path.name}: dated corrections and additions "
            f"(as of {delta['asOf']}; report {path.name.replace('-delta.json', '.md')})")

    seed_base, seed_prov = seed_tables(seed_dir)
    by_id = {m["modelId"]: m for m in facts["models"]}
    profile_ids = {p["id"] for m in facts["models"] for p in (m["crossRegionProfiles"] or [])}
    # An excluded ID that is catalogued (a contested profile) stays catalogued.
    excluded = [e for e in excluded if e["id"] not in by_id and e["id"] not in profile_ids]
    for e in excluded:
        e["didYouMean"] = DID_YOU_MEAN.get(e["id"], [])
        for t in e["didYouMean"]:
            assert t in by_id, f"did-you-mean target {t} is not catalogued"
    for mid in list(MANTLE_REGIONS) + list(RUNTIME_CORRECTIONS):
        assert mid in by_id, mid
    for pid in list(CONFIRMED_PROFILES) + list(CONTESTED_PROFILES):
        assert pid in profile_ids, pid
    for b in seed_base:
        assert b in by_id, f"seed base ID {b} missing from the facts"

    # Provisioned IDs from the seed that the facts lack: attach each to the longest
    # catalogued model ID it extends.
    seed_extra = {}
    for p in seed_prov:
        known = any(p in (m["provisionedThroughputIds"] or []) for m in facts["models"])
        if known:
            continue
        owners = [mid for mid in by_id if p.startswith(mid + ":") or p == mid + ":0"]
        assert owners, f"no model for provisioned ID {p}"
        owner = max(owners, key=len)
        seed_extra.setdefault(owner, []).append(p)

    models = []
    for m in facts["models"]:
        lc = m["lifecycle"]
        mid = m["modelId"]
        prov = []
        for p in (m["provisionedThroughputIds"] or []):
            srcs = []
            if p in cdk_ids:
                srcs.append("CDK_LIB")
            elif mid.startswith("amazon.nova-"):
                srcs.append("SNAPSHOT_USE1")
            if p in seed_prov:
                srcs.append(SEED_SOURCE)
            assert srcs, p
            prov.append({"id": p, "context": context_label(mid, p), "sources": srcs})
        for p in seed_extra.get(mid, []):
            srcs = [SEED_SOURCE] + (["CDK_LIB"] if p in cdk_ids else [])
            prov.append({"id": p, "context": context_label(mid, p), "sources": srcs})
        related = [r for r in (m["relatedIds"] or []) if r not in {p["id"] for p in prov}]
        entry_sources = list(m["sources"])
        if mid in seed_base or mid in seed_extra:
            entry_sources.append(SEED_SOURCE)
        if any(SEED_SOURCE in p["sources"] for p in prov) and SEED_SOURCE not in entry_sources:
            entry_sources.append(SEED_SOURCE)
        inference = list(m["inferenceTypes"] or [])
        if prov and "PROVISIONED" not in inference:
            inference.append("PROVISIONED")
        regional = []
        for r in lc["regional"] or []:
            regional.append({
                "regions": r["regions"],
                "legacy": r.get("legacyDate"),
                "extendedAccess": r.get("extendedAccessDate"),
                "eol": r.get("eolDate"),
                "source": r.get("source"),
            })
        entry = {
            "id": mid,
            "provider": m["provider"],
            "name": m["name"],
            "version": m["version"],
            "modalities": None if m["inputModalities"] is None and m["outputModalities"] is None else {
                "input": m["inputModalities"],
                "output": m["outputModalities"],
                "source": m["modalitiesSource"],
            },
            "streaming": m["streaming"],
            "inferenceTypes": inference,
            "lifecycle": {
                "reportedStatus": lc["status"],
                "reportedOn": (lc.get("_reportedOn") or reported_on) if lc["status"] else None,
                "legacy": lc["legacyDate"],
                "extendedAccess": lc["extendedAccessDate"],
                "eol": lc["eolDate"],
                "replacement": lc["recommendedReplacement"],
                "replacementName": lc["recommendedReplacementName"],
                "regional": regional,
                "note": lc["notes"],
            },
            "regions": None if m["regions"] is None else {
                "onDemand": m["regions"],
                "profileOnly": m["profileOnlyRegions"] or [],
                "geoProfileSources": m["geoProfileSourceRegions"] or [],
                "globalProfileSources": m["globalProfileSourceRegions"] or [],
                "unclassified": unclassified_regions(m["notes"]),
                "source": m["regionsSource"],
            },
            "pricedRegions": m["litellmRegionalPricingRegions"],
            "profiles": [profile_entry(p) for p in (m["crossRegionProfiles"] or [])],
            "requiresProfile": m["requiresInferenceProfile"],
            "contextWindow": m["contextWindow"],
            "maxOutputTokens": m["maxOutputTokens"],
            "limitsSource": m["contextSource"],
            "provisioned": prov,
            "relatedIds": related,
            "endpoints": endpoints_entry(m),
            "docsUrl": m["docsUrl"],
            "awsName": m["awsRegionTableName"],
            "note": m["notes"],
            "sources": sorted(set(entry_sources)),
        }
        models.append(entry)

    botocore = json.loads((facts_dir / "raw/bedrock-regions-botocore-1.44.5.json").read_text())
    bedrock_regions = [
        {"code": code, "partition": part}
        for part, info in botocore["partitions"].items()
        for code in info["bedrock"]
    ]
    sources["BOTOCORE_ENDPOINTS"] = (
        "botocore 1.44.5 data/endpoints.json (PyPI, built 2026-11-17): Regions where the "
        "'bedrock' service is defined, per partition"
    )
    sources = dict(sorted(sources.items()))

    out_doc = {
        "$schema": "./catalog.schema.json",
        "format": 1,
        "asOf": as_of,
        "sources": sources,
        "profileScopes": [
            *({"scope": s, "regions": r, "partition": None, "sources": src}
              for s, (r, src) in scope_regions.items()),
            {"scope": "global", "regions": None, "partition": "aws", "sources": ["CDK_ALPHA"]},
        ],
        "bedrockRegions": bedrock_regions,
        "bedrockRegionsSource": "BOTOCORE_ENDPOINTS",
        "excludedIds": excluded,
        "models": models,
    }
    out.write_text(json.dumps(out_doc, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(models)} models, {sum(len(m['provisioned']) for m in models)} provisioned IDs -> {out}")


if __name__ == "__main__":
    main()
