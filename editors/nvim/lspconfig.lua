-- bedrock-lsp for nvim-lspconfig users (Neovim 0.10, or any version with lspconfig's
-- `require('lspconfig').NAME.setup{}` style). On Neovim >= 0.11 prefer lsp/bedrock_lsp.lua
-- with vim.lsp.enable('bedrock_lsp').
--
-- Paste into init.lua (the filetypes and root markers are the same as lsp/bedrock_lsp.lua's).

local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.bedrock_lsp then
  configs.bedrock_lsp = {
    default_config = {
      cmd = { 'bedrock-lsp', 'serve' },
      filetypes = {
        'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact',
        'java', 'kotlin', 'go', 'rust', 'cs', 'php', 'ruby',
        'terraform', 'terraform-vars', 'hcl', 'yaml', 'yaml.docker-compose', 'yaml.gitlab',
        'json', 'jsonc', 'toml', 'jproperties', 'sh', 'bash', 'zsh', 'dockerfile', 'markdown',
        'swift', 'scala', 'dart', 'lua', 'elixir', 'r', 'sql', 'xml', 'html', 'dosini', 'cfg',
        'conf', 'rst', 'asciidoc',
      },
      root_dir = util.root_pattern('.bedrock-lsp.toml', '.git'),
      single_file_support = true,
      settings = { bedrock = {} },
    },
    docs = {
      description = 'bedrock-lsp: diagnostics, hover, completion and quick fixes for Amazon Bedrock model IDs',
    },
  }
end

require('lspconfig').bedrock_lsp.setup({
  -- settings = { bedrock = { region = 'us-east-1' } },
})
