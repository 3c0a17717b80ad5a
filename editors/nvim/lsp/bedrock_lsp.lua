-- bedrock-lsp for Neovim >= 0.11 (`vim.lsp.config` / `vim.lsp.enable`).
--
-- Put this file on your 'runtimepath' as lsp/bedrock_lsp.lua (for example
-- ~/.config/nvim/lsp/bedrock_lsp.lua), then in init.lua:
--
--   vim.lsp.enable('bedrock_lsp')
--
-- and override what you need, e.g.
--
--   vim.lsp.config('bedrock_lsp', { settings = { bedrock = { region = 'eu-west-1' } } })
--
-- The server checks Amazon Bedrock model IDs (anthropic.claude-…, us.anthropic.…, ARNs):
-- diagnostics, hover, completion inside strings and quick fixes.

---@type vim.lsp.Config
return {
  cmd = { 'bedrock-lsp', 'serve' },
  -- Neovim's own filetype names: `cs` (C#), `jproperties` (.properties), `sh` (shell
  -- scripts and .env files), `json` (also Jupyter .ipynb), `terraform-vars` (.tfvars).
  -- `dosini` (.ini), `cfg`, `conf`, `rst` (reStructuredText). Add 'text' to check
  -- plain-text files too.
  filetypes = {
    'python',
    'javascript',
    'javascriptreact',
    'typescript',
    'typescriptreact',
    'java',
    'kotlin',
    'go',
    'rust',
    'cs',
    'php',
    'ruby',
    'terraform',
    'terraform-vars',
    'hcl',
    'yaml',
    'yaml.docker-compose',
    'yaml.gitlab',
    'json',
    'jsonc',
    'toml',
    'jproperties',
    'sh',
    'bash',
    'zsh',
    'dockerfile',
    'markdown',
    'swift',
    'scala',
    'dart',
    'lua',
    'elixir',
    'r',
    'sql',
    'xml',
    'html',
    'dosini',
    'cfg',
    'conf',
    'rst',
    'asciidoc',
  },
  root_markers = { '.bedrock-lsp.toml', '.git' },
  -- The server pulls these with workspace/configuration (section `bedrock`). Only set
  -- what you mean to: a value here overrides the project's .bedrock-lsp.toml.
  -- Keys: region, regions, severity, ignoreIds, ignoreCodes, catalogPaths, inlayHints,
  -- documentLinks, reportUnusedIgnores, maxFileSize, positionEncoding.
  settings = {
    bedrock = {},
  },
}
