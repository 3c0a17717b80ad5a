#!/usr/bin/env python3
"""Generate a deterministic tree of mixed-language source files for the check benchmark.

usage: gen_tree.py DIR [MEGABYTES]

Files are Python, TypeScript, JavaScript, Go, Java, Terraform, YAML, JSON, Markdown and
.env, 2-60 KiB each, mostly ordinary code; about one file in eight calls Bedrock with
one to three model IDs (valid, typo'd, EOL, bare IDs that need a profile), which is the
density a real service repository has. The same seed always gives the same tree.
"""

import os
import random
import sys

IDS = [
    "anthropic.claude-haiku-4-5-20251001-v1:0",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "anthropic.claude-sonnet-4-5-20250929-v1:0",
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-5-sonet-20240620-v1:0",
    "amazon.titan-embed-text-v2:0",
    "amazon.nova-pro-v1:0",
    "meta.llama3-3-70b-instruct-v1:0",
    "cohere.embed-english-v3",
    "mistral.mistral-large-2402-v1:0",
]
WORDS = (
    "user order item total price amount customer account request response config "
    "handler service client cache value result error status index count name id"
).split()


def ident(r):
    return "_".join(r.choice(WORDS) for _ in range(r.randint(1, 3)))


def py_block(r):
    n = ident(r)
    return (
        f"def {n}({ident(r)}, {ident(r)}=None):\n"
        f"    \"\"\"Compute the {r.choice(WORDS)} for a {r.choice(WORDS)}.\"\"\"\n"
        f"    {ident(r)} = {{'{r.choice(WORDS)}': {r.randint(0, 999)}, 'mode': \"{r.choice(WORDS)}\"}}\n"
        f"    if {ident(r)} > {r.randint(0, 100)}:\n"
        f"        return {ident(r)}.get(\"{r.choice(WORDS)}\", {r.randint(0, 9)})\n"
        f"    log.info(\"processed %s items\", len({ident(r)}))  # {r.choice(WORDS)}\n"
        f"    return None\n\n"
    )


def py_bedrock(r):
    return (
        f"client = boto3.client(\"bedrock-runtime\", region_name=\"{r.choice(['us-east-1', 'eu-west-1', 'us-west-2'])}\")\n"
        f"resp = client.converse(modelId=\"{r.choice(IDS)}\", messages=msgs)\n"
    )


def ts_block(r):
    n = ident(r)
    return (
        f"export function {n}({ident(r)}: string, {ident(r)}?: number): Record<string, unknown> {{\n"
        f"  const {ident(r)} = {{ {r.choice(WORDS)}: \"{r.choice(WORDS)}\", count: {r.randint(0, 999)} }};\n"
        f"  // {r.choice(WORDS)} {r.choice(WORDS)} handling\n"
        f"  if ({ident(r)} > {r.randint(0, 100)}) {{ return {{ ...{ident(r)}, tag: `{r.choice(WORDS)}-${{{ident(r)}}}` }}; }}\n"
        f"  return {{}};\n}}\n\n"
    )


def ts_bedrock(r):
    return (
        f"const client = new BedrockRuntimeClient({{ region: \"{r.choice(['us-east-1', 'eu-central-1'])}\" }});\n"
        f"await client.send(new ConverseCommand({{ modelId: \"{r.choice(IDS)}\", messages }}));\n"
    )


def go_block(r):
    return (
        f"func {ident(r).title().replace('_', '')}(ctx context.Context, {ident(r)} string) (int, error) {{\n"
        f"\tif {ident(r)} == \"{r.choice(WORDS)}\" {{\n\t\treturn {r.randint(0, 99)}, nil\n\t}}\n"
        f"\treturn 0, fmt.Errorf(\"bad {r.choice(WORDS)}: %s\", {ident(r)})\n}}\n\n"
    )


def go_bedrock(r):
    return f"out, err := client.Converse(ctx, &bedrockruntime.ConverseInput{{ModelId: aws.String(\"{r.choice(IDS)}\")}})\n"


def java_block(r):
    return (
        f"    public int {ident(r).replace('_', '')}(String {ident(r)}) {{\n"
        f"        String {ident(r)} = \"{r.choice(WORDS)}\"; // {r.choice(WORDS)}\n"
        f"        return {ident(r)}.length() + {r.randint(0, 99)};\n    }}\n\n"
    )


def java_bedrock(r):
    return f"        ConverseRequest req = ConverseRequest.builder().modelId(\"{r.choice(IDS)}\").build();\n"


def tf_block(r):
    return (
        f"resource \"aws_s3_bucket\" \"{ident(r)}\" {{\n  bucket = \"{ident(r).replace('_', '-')}-{r.randint(0, 9999)}\"\n"
        f"  tags = {{ Name = \"{r.choice(WORDS)}\" }}\n}}\n\n"
    )


def tf_bedrock(r):
    return f"resource \"aws_bedrockagent_agent\" \"{ident(r)}\" {{\n  foundation_model = \"{r.choice(IDS)}\"\n}}\n\n"


def yaml_block(r):
    return f"{ident(r)}:\n  {r.choice(WORDS)}: {r.randint(0, 999)}\n  name: \"{r.choice(WORDS)}\"\n  enabled: true\n"


def yaml_bedrock(r):
    return f"bedrock:\n  model_id: {r.choice(IDS)}\n  region: us-east-1\n"


def json_block(r):
    return f"  \"{ident(r)}_{r.randint(0, 99999)}\": {{\"{r.choice(WORDS)}\": {r.randint(0, 999)}, \"label\": \"{r.choice(WORDS)}\"}},\n"


def json_bedrock(r):
    return f"  \"modelId_{r.randint(0, 99999)}\": \"{r.choice(IDS)}\",\n"


def md_block(r):
    return f"The {r.choice(WORDS)} {r.choice(WORDS)} is computed from the {r.choice(WORDS)} when `{ident(r)}` is set.\n\n"


def md_bedrock(r):
    return f"```python\nclient.converse(modelId=\"{r.choice(IDS)}\")\n```\n\n"


KINDS = [
    # (extension, weight, header, block, bedrock line, footer)
    ("py", 30, "import boto3\nimport logging\n\nlog = logging.getLogger(__name__)\n\n", py_block, py_bedrock, ""),
    ("ts", 20, "import { z } from \"zod\";\n\n", ts_block, ts_bedrock, ""),
    ("js", 8, "\"use strict\";\n\n", ts_block, ts_bedrock, ""),
    ("go", 10, "package main\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\n", go_block, go_bedrock, ""),
    ("java", 10, "package com.example;\n\npublic class Service {\n", java_block, java_bedrock, "}\n"),
    ("tf", 5, "provider \"aws\" {\n  region = \"us-west-2\"\n}\n\n", tf_block, tf_bedrock, ""),
    ("yaml", 7, "# service configuration\n", yaml_block, yaml_bedrock, ""),
    ("json", 5, "{\n", json_block, json_bedrock, "  \"end\": true\n}\n"),
    ("md", 5, "# Notes\n\n", md_block, md_bedrock, ""),
]


def main():
    out = sys.argv[1]
    target = int(float(sys.argv[2]) * 1024 * 1024) if len(sys.argv) > 2 else 100 * 1024 * 1024
    r = random.Random(20261121)
    weights = [k[1] for k in KINDS]
    total = 0
    n = 0
    while total < target:
        ext, _, header, block, bedrock, footer = r.choices(KINDS, weights)[0]
        size = r.randint(2 * 1024, 60 * 1024)
        calls = r.randint(1, 3) if r.random() < 0.125 else 0
        if calls and ext == "ts":
            # Only the modules that call Bedrock import its client.
            header += "import { BedrockRuntimeClient, ConverseCommand } from \"@aws-sdk/client-bedrock-runtime\";\n\n"
        parts = [header]
        length = len(header)
        call_at = {r.randint(0, max(1, size // 400)) for _ in range(calls)}
        i = 0
        while length < size:
            b = block(r)
            if i in call_at:
                b += bedrock(r)
            parts.append(b)
            length += len(b)
            i += 1
        parts.append(footer)
        d = os.path.join(out, f"svc{n % 40:02d}", f"pkg{(n // 40) % 25:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"mod{n:05d}.{ext}"), "w") as f:
            f.write("".join(parts))
        total += length
        n += 1
        if n % 97 == 0:
            with open(os.path.join(d, ".env"), "w") as f:
                env = f"AWS_REGION=us-east-1\nMODEL_ID={r.choice(IDS)}\nLOG_LEVEL=info\n"
                f.write(env)
                total += len(env)
    print(f"{n} files, {total / 1024 / 1024:.1f} MiB in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
