#!/usr/bin/env python3
"""Turn the compiled Bedrock facts into bedrock-lsp's own catalog format.

Maintainer tool; its output (catalog/catalog.json) is committed, so building the
crate never runs it.

    python3 tools/build_catalog.py ../shared/catalog-facts ../shared/seeds catalog/catalog.json

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


def main():
    facts_dir, seed_dir, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    facts = json.loads((facts_dir / "bedrock-models.json").read_text())
    cdk = json.loads((facts_dir / "raw/aws-cdk-bedrock-model-ids-2.275.0.json").read_text())
    cdk_ids = {e["modelId"] for e in cdk["awsCdkLibFoundationModelIdentifier"]}
    as_of = facts["asOf"]
    reported_on = facts["statusComputedAsOf"]

    sources = {k: v for k, v in sorted(facts["sources"].items())}
    sources[SEED_SOURCE] = SEED_SOURCE_TEXT

    seed_base, seed_prov = seed_tables(seed_dir)
    by_id = {m["modelId"]: m for m in facts["models"]}
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
                "reportedOn": reported_on if lc["status"] else None,
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
            "profiles": [{"id": p["id"], "scope": p["scope"], "sources": p["sources"]}
                         for p in (m["crossRegionProfiles"] or [])],
            "requiresProfile": m["requiresInferenceProfile"],
            "contextWindow": m["contextWindow"],
            "maxOutputTokens": m["maxOutputTokens"],
            "limitsSource": m["contextSource"],
            "provisioned": prov,
            "relatedIds": related,
            "endpoints": None if m["endpoints"] is None else {
                "runtime": m["endpoints"]["bedrockRuntime"],
                "mantle": m["endpoints"]["bedrockMantle"],
            },
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
            *({"scope": s, "regions": r, "partition": None, "source": "CDK_ALPHA"}
              for s, r in SCOPES.items()),
            {"scope": "global", "regions": None, "partition": "aws", "source": "CDK_ALPHA"},
        ],
        "bedrockRegions": bedrock_regions,
        "bedrockRegionsSource": "BOTOCORE_ENDPOINTS",
        "excludedIds": facts["unverifiedIds"],
        "models": models,
    }
    out.write_text(json.dumps(out_doc, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(models)} models, {sum(len(m['provisioned']) for m in models)} provisioned IDs -> {out}")


if __name__ == "__main__":
    main()
