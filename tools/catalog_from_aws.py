#!/usr/bin/env python3
"""Merge AWS's own listings into the sourced catalog (the daily update pipeline).

    python3 tools/catalog_from_aws.py catalog/catalog.json LISTINGS_DIR OUT.json \
        [--changes CHANGES.md] [--manifest MANIFEST.json]

LISTINGS_DIR holds one file per Region in the shape `bedrock-lsp catalog refresh`
stores (`aws-refresh-<region>-<account>.json`: the AWS CLI's `modelSummaries` from
ListFoundationModels and `inferenceProfileSummaries` from ListInferenceProfiles, plus
`bedrockLspImport {region, account, importedOn}`). Plain `aws bedrock list-* --output
json` files work too when their name contains the Region (`…-us-east-1.json`).

Rules (AWS's listing is the newest source; nothing is invented):
  * every fact added names the source key `AWS_LIST_<date>` (described in `sources`);
  * a model AWS lists that the catalog lacks is added with AWS's name, provider,
    modalities, inference types and lifecycle status; its `regions` stay null (a listing
    of some Regions says nothing about the others) and the note names where it was seen;
  * a system-defined profile AWS lists is added to its model; a scope prefix the
    catalog lacks gets the Regions whose listing has it as source Regions;
  * for a model with AWS per-Region data, each listed Region is set from the listing
    (ON_DEMAND -> onDemand, INFERENCE_PROFILE only -> profileOnly);
  * AWS's LEGACY status is kept as a reported status (dates stay as sourced);
  * `<model>:<ctx>` IDs listed as PROVISIONED become provisioned IDs of the model;
  * `customizationsSupported` is recorded per model (`customizations`).
The output is a catalog file in the same schema; CHANGES.md lists what changed (the
pull request's body). Exit 0 (changed or not), 2 on bad input.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

REGION_RE = re.compile(r"((?:us|eu|ap|ca|sa|me|af|il|mx|us-gov)-[a-z]+-\d)")


def die(msg):
    print(f"catalog_from_aws: {msg}", file=sys.stderr)
    sys.exit(2)


def read_listing(path):
    try:
        doc = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        die(f"{path}: {e}")
    meta = doc.get("bedrockLspImport") or {}
    region = meta.get("region")
    if not region:
        m = REGION_RE.search(path.name)
        region = m.group(1) if m else None
    if not region:
        die(f"{path}: no Region (bedrockLspImport.region or a Region in the file name)")
    day = meta.get("importedOn")
    if not isinstance(doc.get("modelSummaries", []), list) or not isinstance(
            doc.get("inferenceProfileSummaries", []), list):
        die(f"{path}: modelSummaries / inferenceProfileSummaries must be lists")
    return region, day, doc.get("modelSummaries", []), doc.get("inferenceProfileSummaries", [])


def base_of_arn(arn):
    return arn.split("foundation-model/", 1)[1] if "foundation-model/" in arn else None


def merge(cat, listings, day):
    key = f"AWS_LIST_{day}"
    regions_seen = sorted({r for r, *_ in listings})
    cat["sources"][key] = (
        f"Amazon Bedrock ListFoundationModels and ListInferenceProfiles (read-only role), "
        f"taken {day} in {', '.join(regions_seen)}")
    by_id = {m["id"]: m for m in cat["models"]}
    changes = []

    def touch(m):
        if key not in m["sources"]:
            m["sources"] = sorted(m["sources"] + [key])

    for region, _, models, _ in listings:
        for s in models:
            mid = s.get("modelId")
            if not isinstance(mid, str) or "." not in mid:
                die(f"{region}: a model summary without a modelId")
            types = s.get("inferenceTypesSupported") or []
            base, _, ctx = mid.rpartition(":")
            if mid not in by_id and base in by_id and "PROVISIONED" in types and ctx[:1].isdigit():
                m = by_id[base]
                pv = next((p for p in m["provisioned"] if p["id"] == mid), None)
                if pv is None:
                    pv = {"id": mid, "context": ctx, "sources": [key]}
                    m["provisioned"].append(pv)
                    changes.append(f"- `{mid}`: Provisioned Throughput ID of {m['name']} ({region})")
                    touch(m)
                custom = s.get("customizationsSupported")
                if custom and not set(custom) <= set(pv.get("customizations") or []):
                    pv["customizations"] = sorted(set(pv.get("customizations") or []) | set(custom))
                    if key not in pv["sources"]:
                        pv["sources"].append(key)
                    changes.append(f"- `{mid}`: customization {', '.join(sorted(custom))}")
                    touch(m)
                continue
            status = (s.get("modelLifecycle") or {}).get("status")
            m = by_id.get(mid)
            if m is None:
                m = {
                    "id": mid, "provider": s.get("providerName") or mid.split(".")[0],
                    "name": s.get("modelName") or mid, "version": None,
                    "modalities": {"input": s.get("inputModalities"),
                                   "output": s.get("outputModalities"), "source": key},
                    "streaming": s.get("responseStreamingSupported"),
                    "inferenceTypes": sorted(set(types)),
                    "lifecycle": {"reportedStatus": status, "reportedOn": day if status else None,
                                  "legacy": None, "extendedAccess": None, "eol": None,
                                  "replacement": None, "replacementName": None,
                                  "regional": [], "note": None},
                    "regions": None, "pricedRegions": None, "profiles": [],
                    "requiresProfile": None, "contextWindow": None, "maxOutputTokens": None,
                    "limitsSource": None, "provisioned": [], "relatedIds": [], "endpoints": None,
                    "docsUrl": None, "awsName": None,
                    "note": f"Listed by AWS in {region} on {day}.",
                    "sources": [key],
                }
                cat["models"].append(m)
                by_id[mid] = m
                changes.append(f"- new model `{mid}` ({m['name']}, {m['provider']}), listed in {region}")
            else:
                if region not in (m["note"] or "") and m["sources"] == [key]:
                    m["note"] = (m["note"] or "").rstrip(".") + f", {region}."
                new_types = sorted(set(m["inferenceTypes"]) | set(types))
                if new_types != sorted(m["inferenceTypes"]):
                    m["inferenceTypes"] = new_types
                    touch(m)
                if status == "LEGACY" and m["lifecycle"]["legacy"] is None \
                        and m["lifecycle"]["reportedStatus"] != "LEGACY":
                    m["lifecycle"]["reportedStatus"] = "LEGACY"
                    m["lifecycle"]["reportedOn"] = day
                    changes.append(f"- `{mid}`: AWS lists it as LEGACY ({region})")
                    touch(m)
            r = m["regions"]
            if r is not None:
                on, only = set(r["onDemand"]), set(r["profileOnly"])
                if "ON_DEMAND" in types and region not in on:
                    on.add(region)
                    only.discard(region)
                    changes.append(f"- `{mid}`: on demand in {region}")
                elif "ON_DEMAND" not in types and "INFERENCE_PROFILE" in types and region in on:
                    on.discard(region)
                    only.add(region)
                    changes.append(f"- `{mid}`: only through a profile in {region}")
                else:
                    continue
                r["onDemand"], r["profileOnly"] = sorted(on), sorted(only)
                touch(m)
            custom = s.get("customizationsSupported")
            if custom:
                have = set(m.get("customizations") or [])
                if not set(custom) <= have:
                    m["customizations"] = sorted(have | set(custom))
                    changes.append(f"- `{mid}`: customization {', '.join(sorted(custom))}")
                    touch(m)

    scopes = {s["scope"]: s for s in cat.get("profileScopes", [])}
    for region, _, _, profiles in listings:
        for p in profiles:
            if p.get("type", "SYSTEM_DEFINED") != "SYSTEM_DEFINED":
                continue
            pid = p.get("inferenceProfileId")
            if not isinstance(pid, str) or "." not in pid:
                die(f"{region}: an inference profile without an inferenceProfileId")
            scope, _, model_id = pid.partition(".")
            bases = {base_of_arn(x.get("modelArn", "")) for x in p.get("models") or []}
            if model_id not in by_id or (bases and model_id not in bases):
                changes.append(f"- profile `{pid}` ({region}) names no catalogued model: not added")
                continue
            m = by_id[model_id]
            if not any(x["id"] == pid for x in m["profiles"]):
                m["profiles"].append({"id": pid, "scope": scope, "sources": [key]})
                changes.append(f"- new profile `{pid}` ({region})")
                touch(m)
            sc = scopes.get(scope)
            if sc is None:
                sc = {"scope": scope, "regions": [], "partition": None, "sources": [key]}
                cat.setdefault("profileScopes", []).append(sc)
                scopes[scope] = sc
                changes.append(f"- new profile scope `{scope}.`")
            if sc["regions"] is not None and region not in sc["regions"]:
                sc["regions"].append(region)
                sc.setdefault("sources", [])
                if key not in sc["sources"]:
                    sc["sources"].append(key)
                changes.append(f"- scope `{scope}.` serves {region}")
    return changes


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = {}
    it = iter(argv)
    for a in it:
        if a in ("--changes", "--manifest"):
            opts[a] = next(it, None) or die(f"{a} needs a path")
            args.remove(opts[a])
    if len(args) != 3:
        die(__doc__.strip().splitlines()[2].strip())
    cat_path, listings_dir, out = Path(args[0]), Path(args[1]), Path(args[2])
    try:
        cat = json.loads(cat_path.read_text())
    except (OSError, ValueError) as e:
        die(f"{cat_path}: {e}")
    files = sorted(listings_dir.glob("*.json"))
    if not files:
        die(f"{listings_dir}: no listing files")
    listings = [read_listing(f) for f in files]
    days = {d for _, d, _, _ in listings if d}
    if len(days) > 1:
        die(f"listings from different days: {', '.join(sorted(days))}")
    day = days.pop() if days else None
    if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        die("the listings carry no importedOn date (take them with `bedrock-lsp catalog refresh`)")
    changes = merge(cat, listings, day)
    if changes:
        cat["asOf"] = max(cat["asOf"], day)
    text = json.dumps(cat, indent=1, ensure_ascii=False) + "\n"
    out.write_text(text)
    summary = (f"AWS listings of {day} ({len(files)} Regions): "
               + (f"{len(changes)} change(s)\n\n" + "\n".join(changes) if changes else "no change")
               + "\n")
    if "--changes" in opts:
        Path(opts["--changes"]).write_text(summary)
    if "--manifest" in opts:
        data = out.read_bytes()
        Path(opts["--manifest"]).write_text(json.dumps({
            "format": 1, "file": out.name, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "asOf": cat["asOf"],
        }, indent=1) + "\n")
    print(summary, end="")


if __name__ == "__main__":
    main(sys.argv[1:])
