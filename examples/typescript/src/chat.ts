import {
  BedrockRuntimeClient,
  ConverseCommand,
} from "@aws-sdk/client-bedrock-runtime";

const client = new BedrockRuntimeClient({ region: "eu-central-1" });

export async function ask(question: string): Promise<string> {
  const response = await client.send(
    new ConverseCommand({
      modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
      messages: [{ role: "user", content: [{ text: question }] }],
    }),
  );
  return response.output?.message?.content?.[0]?.text ?? "";
}

export async function quickAnswer(question: string): Promise<string> {
  const response = await client.send(
    new ConverseCommand({
      modelId: "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
      messages: [{ role: "user", content: [{ text: question }] }],
    }),
  );
  return response.output?.message?.content?.[0]?.text ?? "";
}
