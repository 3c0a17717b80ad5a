"""Summarise support tickets with Claude on Amazon Bedrock."""

import json
import os

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")

EMBEDDING_MODEL = os.environ.get("EMBEDDING_MODEL_ID", "amazon.titan-embed-text-v2:0")


def summarize(ticket: str) -> str:
    response = bedrock.converse(
        # Haiku 4.5 is on demand in us-east-1.
        modelId="anthropic.claude-haiku-4-5-2025100-v1:0",
        messages=[{"role": "user", "content": [{"text": f"Summarise: {ticket}"}]}],
        inferenceConfig={"maxTokens": 512},
    )
    return response["output"]["message"]["content"][0]["text"]


def embed(text: str) -> list[float]:
    body = json.dumps({"inputText": text})
    response = bedrock.invoke_model(modelId=EMBEDDING_MODEL, body=body)
    return json.loads(response["body"].read())["embedding"]


def classify(ticket: str) -> str:
    response = bedrock.converse(
        modelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        messages=[{"role": "user", "content": [{"text": ticket}]}],
    )
    return response["output"]["message"]["content"][0]["text"]
