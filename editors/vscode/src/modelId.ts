// The model-ID-like token around a cursor position, for "Show Catalog Entry".

/** Characters a Bedrock model ID, profile ID or ARN is made of. */
const ID_CHAR = /[A-Za-z0-9._:\/-]/;

/** The token of ID characters that contains `character` (or ends right before it), if any. */
export function idAt(line: string, character: number): string | undefined {
  let start = Math.min(character, line.length);
  let end = start;
  while (start > 0 && ID_CHAR.test(line[start - 1]!)) start--;
  while (end < line.length && ID_CHAR.test(line[end]!)) end++;
  let token = line.slice(start, end);
  // Trailing punctuation that belongs to the sentence, not the ID.
  token = token.replace(/[.:\/]+$/, "");
  // `bedrock/anthropic.claude…` (LiteLLM style) names the same ID.
  token = token.replace(/^bedrock\//, "");
  // A model ID always has a provider dot (or is an ARN).
  if (!token.includes(".") && !token.startsWith("arn:")) return undefined;
  return token.length > 0 ? token : undefined;
}
