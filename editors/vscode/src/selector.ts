// The documents the server is started for: the languages and file patterns its scanner
// supports (never `**`). VS Code language IDs; the package.json activation events list
// the same languages (a unit test keeps the two in step).

export const LANGUAGES = [
  "python",
  "javascript",
  "typescript",
  "javascriptreact",
  "typescriptreact",
  "java",
  "kotlin",
  "go",
  "rust",
  "csharp",
  "php",
  "ruby",
  "terraform",
  "terraform-vars",
  "hcl",
  "yaml",
  "dockercompose",
  "github-actions-workflow",
  "json",
  "jsonc",
  "toml",
  "properties",
  "dotenv",
  "shellscript",
  "dockerfile",
  "markdown",
  "swift",
  "scala",
  "dart",
  "lua",
  "elixir",
  "r",
  "sql",
  "xml",
  "html",
  "ini",
  "restructuredtext",
  "asciidoc",
  "plaintext",
] as const;

/** Files recognised by name whatever language VS Code gives them. */
export const PATTERNS = [
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/*.tfvars",
  "**/Dockerfile*",
  // CloudFormation templates, Jest and syrupy snapshots (no VS Code language of their own).
  "**/*.template",
  "**/*.snap",
  "**/*.ambr",
] as const;

export type Filter = { scheme: string; language: string } | { scheme: string; pattern: string };

export function documentSelector(): Filter[] {
  const out: Filter[] = [];
  for (const language of LANGUAGES) {
    out.push({ scheme: "file", language });
    out.push({ scheme: "untitled", language });
  }
  for (const pattern of PATTERNS) {
    out.push({ scheme: "file", pattern });
  }
  // Jupyter notebook cells (the .ipynb itself is opened as a notebook, not a text file).
  out.push({ scheme: "vscode-notebook-cell", language: "python" });
  out.push({ scheme: "vscode-notebook-cell", language: "markdown" });
  return out;
}
