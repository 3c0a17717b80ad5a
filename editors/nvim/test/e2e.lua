-- Headless end-to-end test: the real Neovim client with our lsp/bedrock_lsp.lua.
--
--   BEDROCK_LSP_BIN=target/debug/bedrock-lsp nvim --headless --clean -l editors/nvim/test/e2e.lua
--
-- Prints one `ok - …` / `not ok - …` line per check (stderr) and exits 1 if any failed.

local bin = os.getenv('BEDROCK_LSP_BIN')
local here = vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p')))
local nvim_dir = vim.fs.dirname(here) -- editors/nvim
local repo = vim.fs.dirname(vim.fs.dirname(nvim_dir))
bin = bin or (repo .. '/target/debug/bedrock-lsp')
local TIMEOUT = tonumber(os.getenv('BEDROCK_LSP_TEST_TIMEOUT_MS') or '10000')

local TYPO = 'anthropic.claude-hiaku-4-5-20251001-v1:0'
local FIXED = 'anthropic.claude-haiku-4-5-20251001-v1:0'

local failures, passed = 0, 0
local function log(s)
  io.stderr:write(s .. '\n')
end

-- Neovim's own warnings (e.g. "method not supported") on their own lines.
vim.notify = function(msg, level)
  log(('# notify(%s): %s'):format(tostring(level), tostring(msg)))
end

local function check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    log('ok - ' .. name)
  else
    failures = failures + 1
    log('not ok - ' .. name .. '\n    ' .. tostring(err):gsub('\n', '\n    '))
  end
end

local function eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(('%s: expected %s, got %s'):format(what or 'value', vim.inspect(want), vim.inspect(got)), 2)
  end
end

local function truthy(v, what)
  if not v then
    error(what or 'expected a true value', 2)
  end
  return v
end

-- A clean, private state: no user config, logs in a temp dir.
local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp, 'p')
local workspace = vim.fs.normalize(vim.uv.fs_realpath(tmp) .. '/project')
vim.fn.mkdir(workspace .. '/sub', 'p')

local function write(rel, text)
  local path = workspace .. '/' .. rel
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
  return path
end

write('.bedrock-lsp.toml', '# bedrock-lsp project settings (root marker)\n')

vim.cmd('filetype on')

-- Record every diagnostics report, even an empty one: that is how we know the server
-- analysed the buffer. Neovim takes them pushed (publishDiagnostics) or, when the server
-- offers it, pulled (textDocument/diagnostic); count both.
local published = {}
local reports = { push = 0, pull = 0 }
local function seen(uri, how)
  published[uri] = (published[uri] or 0) + 1
  reports[how] = reports[how] + 1
end
local orig_push = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    seen(result.uri, 'push')
  end
  return orig_push(err, result, ctx, config)
end
local orig_pull = vim.lsp.handlers['textDocument/diagnostic']
vim.lsp.handlers['textDocument/diagnostic'] = function(err, result, ctx, config)
  local uri = ctx and ctx.params and ctx.params.textDocument and ctx.params.textDocument.uri
  if uri and result and not err then
    seen(uri, 'pull')
  end
  return orig_pull(err, result, ctx, config)
end
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function(ev)
    if vim.api.nvim_buf_is_valid(ev.buf) then
      published[vim.uri_from_bufnr(ev.buf)] = (published[vim.uri_from_bufnr(ev.buf)] or 0) + 1
    end
  end,
})

-- Load OUR config file the way users do: from lsp/ on the runtimepath.
vim.opt.runtimepath:prepend(nvim_dir)

check('lsp/bedrock_lsp.lua is found on the runtimepath and resolved by vim.lsp.config', function()
  local cfg = truthy(vim.lsp.config.bedrock_lsp, 'vim.lsp.config.bedrock_lsp is nil')
  eq(cfg.cmd, { 'bedrock-lsp', 'serve' }, 'cmd')
  eq(cfg.root_markers, { '.bedrock-lsp.toml', '.git' }, 'root_markers')
  for _, ft in ipairs({ 'python', 'terraform', 'sh', 'yaml', 'json', 'cs', 'jproperties' }) do
    truthy(vim.tbl_contains(cfg.filetypes, ft), 'filetype ' .. ft .. ' listed')
  end
  truthy(not vim.tbl_contains(cfg.filetypes, '*'), 'no catch-all filetype')
end)

local server_exit

check('lspconfig.lua (the nvim-lspconfig snippet) registers the same config', function()
  -- Stand-ins for nvim-lspconfig's modules record what the snippet registers.
  local registered, setup_with
  local root_patterns
  package.preload['lspconfig.configs'] = function()
    return setmetatable({}, {
      __newindex = function(t, k, v)
        registered = { name = k, config = v }
        rawset(t, k, v)
      end,
    })
  end
  package.preload['lspconfig.util'] = function()
    return {
      root_pattern = function(...)
        root_patterns = { ... }
        return function() end
      end,
    }
  end
  package.preload['lspconfig'] = function()
    return setmetatable({}, {
      __index = function(_, name)
        return {
          setup = function(opts)
            setup_with = { name = name, opts = opts }
          end,
        }
      end,
    })
  end
  dofile(nvim_dir .. '/lspconfig.lua')
  local ours = vim.lsp.config.bedrock_lsp
  eq(registered and registered.name, 'bedrock_lsp', 'registered name')
  local dc = registered.config.default_config
  eq(dc.cmd, ours.cmd, 'cmd')
  eq(dc.filetypes, ours.filetypes, 'filetypes')
  eq(root_patterns, ours.root_markers, 'root markers')
  eq(setup_with and setup_with.name, 'bedrock_lsp', 'setup called')
end)

-- The test's overrides: the binary under test (users have bedrock-lsp on PATH), a region
-- in settings (pulled through workspace/configuration), and an exit watcher.
vim.lsp.config('bedrock_lsp', {
  cmd = { bin, 'serve' },
  cmd_env = { RUST_LOG = os.getenv('RUST_LOG') or 'info' },
  settings = { bedrock = { region = 'us-east-1' } },
  on_exit = function(code, signal)
    server_exit = { code = code, signal = signal }
  end,
})
vim.lsp.enable('bedrock_lsp')

local function client_for(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'bedrock_lsp' })[1]
end

--- Open `path`, wait until bedrock_lsp is attached and has published diagnostics for it.
local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  truthy(
    vim.wait(TIMEOUT, function()
      return client_for(buf) ~= nil
    end, 20),
    ('bedrock_lsp did not attach to %s (filetype %q)'):format(path, vim.bo[buf].filetype)
  )
  truthy(
    vim.wait(TIMEOUT, function()
      return (published[uri] or 0) > 0
    end, 20),
    'no diagnostics report (pushed or pulled) for ' .. uri
  )
  return buf, uri
end

--- Wait until the buffer's bedrock-lsp diagnostics satisfy `pred`; return them.
local function diags_when(buf, pred, what)
  local got
  local ok = vim.wait(TIMEOUT, function()
    got = vim.tbl_filter(function(d)
      return d.source == 'bedrock-lsp'
    end, vim.diagnostic.get(buf))
    return pred(got)
  end, 20)
  if not ok then
    error(('%s: diagnostics were %s'):format(what, vim.inspect(got)), 2)
  end
  return got
end

local function find_diag(list, code)
  for _, d in ipairs(list) do
    if d.code == code then
      return d
    end
  end
end

--- 0-based byte column of `needle` on 0-based line `lnum` of `buf`.
local function col_of(buf, lnum, needle)
  local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, true)[1]
  local s = line:find(needle, 1, true)
  truthy(s, needle .. ' not on line ' .. lnum)
  return s - 1
end

-- Neovim pulls diagnostics only for buffers visible at didOpen/didChange and cannot be
-- asked to pull again: files opened one after another while the server starts (a restored
-- session, :args, a picker's preview) must still show their diagnostics when visited.
-- Three files are opened back to back before the server has even started; then each is
-- visited in turn.
check('three files opened while the server starts each show their diagnostics when visited', function()
  local files = {
    { write('start/one.py', 'resp = client.converse(modelId="' .. TYPO .. '", messages=[])\n'), 'unknown-model', 0 },
    { write('start/two.py', 'x = 1\nMODEL = "amazon.titan-text-express-v1"\n'), 'eol-model', 1 },
    { write('start/three.py', '\n\nclient.invoke_model(modelId="' .. TYPO .. '")\n'), 'unknown-model', 2 },
  }
  eq(#vim.lsp.get_clients({ name = 'bedrock_lsp' }), 0, 'bedrock_lsp clients before the first file')
  local bufs = {}
  for i, f in ipairs(files) do
    vim.cmd.edit(vim.fn.fnameescape(f[1]))
    bufs[i] = vim.api.nvim_get_current_buf()
  end
  -- The first two buffers are hidden now: visit each (BufEnter only), as a user does.
  for i, f in ipairs(files) do
    vim.cmd.buffer(bufs[i])
    local ds = diags_when(bufs[i], function(l)
      return find_diag(l, f[2]) ~= nil
    end, ('%s: expected %s when visited'):format(vim.fs.basename(f[1]), f[2]))
    eq(find_diag(ds, f[2]).lnum, f[3], vim.fs.basename(f[1]) .. ' line')
  end
end)

local PY = 'client = boto3.client("bedrock-runtime", region_name="us-east-1")\n'
  .. 'resp = client.converse(modelId="'
  .. TYPO
  .. '", messages=[])\n'

local py_path = write('app.py', PY)
local py_buf, py_client

check('Python: attaches, root is the .bedrock-lsp.toml folder, UTF-8 negotiated', function()
  py_buf = open(py_path)
  py_client = client_for(py_buf)
  eq(vim.bo[py_buf].filetype, 'python', 'filetype')
  eq(py_client.root_dir, workspace, 'root_dir')
  eq(py_client.offset_encoding, 'utf-8', 'offset_encoding (Neovim offers utf-8 first)')
  eq(py_client.server_capabilities.positionEncoding, 'utf-8', 'server positionEncoding')
  eq(py_client.server_info and py_client.server_info.name, 'bedrock-lsp', 'serverInfo.name')
end)

check('Python: one unknown-model error on the misspelled ID, with the did-you-mean', function()
  local ds = diags_when(py_buf, function(l)
    return #l > 0
  end, 'expected a diagnostic')
  eq(#ds, 1, 'number of diagnostics')
  local d = ds[1]
  eq(d.code, 'unknown-model', 'code')
  eq(d.severity, vim.diagnostic.severity.ERROR, 'severity')
  eq(d.lnum, 1, 'line')
  eq(d.col, col_of(py_buf, 1, TYPO), 'start column')
  eq(d.end_col, col_of(py_buf, 1, TYPO) + #TYPO, 'end column')
  truthy(d.message:find(FIXED, 1, true), 'message names ' .. FIXED .. ': ' .. d.message)
end)

check('Python: the preferred quick fix, applied through Neovim, clears the error', function()
  local d = find_diag(vim.diagnostic.get(py_buf), 'unknown-model')
  truthy(d, 'no unknown-model diagnostic to fix')
  local lsp_diag = d.user_data and d.user_data.lsp
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(py_buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }
  local res = vim.lsp.buf_request_sync(py_buf, 'textDocument/codeAction', params, TIMEOUT)
  local actions = truthy(res and res[py_client.id] and res[py_client.id].result, 'no code actions: ' .. vim.inspect(res))
  local fix
  for _, a in ipairs(actions) do
    if a.kind == 'quickfix' and a.title:find(FIXED, 1, true) then
      fix = a
    end
  end
  truthy(fix, 'no quickfix naming ' .. FIXED .. ': ' .. vim.inspect(actions))
  eq(fix.isPreferred, true, 'isPreferred')
  truthy(fix.edit, 'the fix carries its edit')
  vim.lsp.util.apply_workspace_edit(fix.edit, py_client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(py_buf, 1, 2, true)[1]
  eq(line, 'resp = client.converse(modelId="' .. FIXED .. '", messages=[])', 'line after the fix')
  -- Neovim sends the didChange itself; the server re-analyses the new version.
  diags_when(py_buf, function(l)
    return find_diag(l, 'unknown-model') == nil
  end, 'unknown-model still reported after the fix')
end)

local catalog_data
local function catalog()
  catalog_data = catalog_data or vim.json.decode(table.concat(vim.fn.readfile(repo .. '/catalog/catalog.json'), '\n'))
  return catalog_data
end

check('Python: hover on a known ID shows name, provider and ID', function()
  local model
  for _, m in ipairs(catalog().models) do
    if m.id == FIXED then
      model = m
    end
  end
  truthy(model, FIXED .. ' not in catalog.json')
  local path = write('hover.py', 'resp = client.converse(modelId="' .. FIXED .. '", messages=[])\n')
  local buf = open(path)
  local client = client_for(buf)
  local col = col_of(buf, 0, FIXED) + 12
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 0, character = col },
  }, TIMEOUT)
  local hover = truthy(res and res[client.id] and res[client.id].result, 'no hover: ' .. vim.inspect(res))
  local text = type(hover.contents) == 'table' and (hover.contents.value or vim.inspect(hover.contents))
    or tostring(hover.contents)
  eq(hover.contents.kind, 'markdown', 'hover kind')
  truthy(text:find(model.name, 1, true), 'name ' .. model.name .. ' in hover:\n' .. text)
  truthy(text:find(model.provider, 1, true), 'provider ' .. model.provider .. ' in hover:\n' .. text)
  truthy(text:find(FIXED, 1, true), 'ID in hover:\n' .. text)
end)

check('Python: completion inside modelId="anth" offers anthropic IDs replacing the string content', function()
  local path = write('complete.py', 'resp = client.converse(modelId="anth", messages=[])\n')
  local buf = open(path)
  local client = client_for(buf)
  local start = col_of(buf, 0, 'anth')
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 0, character = start + 4 },
    context = { triggerKind = 1 },
  }, TIMEOUT)
  local result = truthy(res and res[client.id] and res[client.id].result, 'no completion: ' .. vim.inspect(res))
  local items = result.items or result
  truthy(#items > 0, 'no items')
  local want = { start = { line = 0, character = start }, ['end'] = { line = 0, character = start + 4 } }
  -- Every ID the shipped catalog knows (base and inference-profile IDs) -> provider.
  local known = {}
  for _, m in ipairs(catalog().models) do
    known[m.id] = m.provider
    for _, p in ipairs(m.profiles or {}) do
      known[p.id] = m.provider
    end
  end
  local claude = false
  for _, item in ipairs(items) do
    -- A full ID of an Anthropic model: the base ID, or the profile ID (`global.`, `us.` …)
    -- for models served only through an inference profile.
    truthy(
      item.label:match('^anthropic%.') or item.label:match('^[a-z-]+%.anthropic%.'),
      'label ' .. item.label .. ' is an Anthropic ID'
    )
    eq(known[item.label], 'Anthropic', item.label .. ' in the catalog as an Anthropic model')
    local te = item.textEdit or {}
    eq(te.range or te.replace, want, item.label .. ' textEdit range')
    eq(te.newText, item.label, item.label .. ' newText')
    claude = claude or item.label:find('anthropic.claude-', 1, true) ~= nil
  end
  truthy(claude, 'Claude models offered')
end)

check('Python: columns stay right after multi-byte text (UTF-8 positions)', function()
  local path = write('emoji.py', 'resp = client.converse(system="🚀 résumé 😀", modelId="' .. TYPO .. '")\n')
  local buf = open(path)
  local ds = diags_when(buf, function(l)
    return find_diag(l, 'unknown-model') ~= nil
  end, 'expected unknown-model')
  local d = find_diag(ds, 'unknown-model')
  eq(d.col, col_of(buf, 0, TYPO), 'start byte column')
  eq(d.end_col, col_of(buf, 0, TYPO) + #TYPO, 'end byte column')
end)

check('Terraform: attaches and reports eol-model for amazon.titan-text-express-v1', function()
  local path = write(
    'infra/main.tf',
    'resource "aws_bedrockagent_agent" "a" {\n  agent_name       = "a"\n  foundation_model = "amazon.titan-text-express-v1"\n}\n'
  )
  local buf = open(path)
  eq(vim.bo[buf].filetype, 'terraform', 'filetype')
  local ds = diags_when(buf, function(l)
    return find_diag(l, 'eol-model') ~= nil
  end, 'expected eol-model')
  local d = find_diag(ds, 'eol-model')
  eq({ d.lnum, d.col }, { 2, col_of(buf, 2, 'amazon.titan') }, 'position')
end)

local EOL_ID = 'amazon.titan-text-express-v1'
local env_buf, yaml_buf

check('.env: attaches (Neovim calls it sh) and the server analyses it', function()
  local path = write('.env', 'AWS_REGION=us-east-1\nBEDROCK_MODEL_ID=' .. EOL_ID .. '\n')
  env_buf = open(path)
  eq(vim.bo[env_buf].filetype, 'sh', 'filetype')
end)

check('.env: the end-of-life model gets eol-model on its value', function()
  local ds = diags_when(truthy(env_buf, 'no .env buffer'), function(l)
    return find_diag(l, 'eol-model') ~= nil
  end, 'expected eol-model in .env')
  local d = find_diag(ds, 'eol-model')
  eq({ d.lnum, d.col, d.end_col }, { 1, col_of(env_buf, 1, EOL_ID), col_of(env_buf, 1, EOL_ID) + #EOL_ID }, 'range')
end)

check('YAML: attaches and the server analyses it', function()
  local path = write(
    'sub/template.yaml',
    'Resources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      FoundationModel: ' .. EOL_ID .. '\n'
  )
  local buf = open(path)
  yaml_buf = buf
  eq(vim.bo[buf].filetype, 'yaml', 'filetype')
  -- Same client (one server per root) for every buffer of the project.
  eq(client_for(buf).id, py_client and py_client.id, 'one client for the project')
end)

check('YAML: the end-of-life model in a CloudFormation template gets eol-model', function()
  local ds = diags_when(truthy(yaml_buf, 'no YAML buffer'), function(l)
    return find_diag(l, 'eol-model') ~= nil
  end, 'expected eol-model in YAML')
  local d = find_diag(ds, 'eol-model')
  eq({ d.lnum, d.col }, { 4, col_of(yaml_buf, 4, EOL_ID) }, 'position')
end)

check('shutdown: the server exits cleanly when Neovim stops the client', function()
  local client = truthy(py_client, 'no client')
  client:stop()
  truthy(
    vim.wait(TIMEOUT, function()
      return client:is_stopped()
    end, 20),
    'client did not stop'
  )
  truthy(
    vim.wait(TIMEOUT, function()
      return server_exit ~= nil
    end, 20),
    'the server process did not exit'
  )
  eq(server_exit, { code = 0, signal = 0 }, 'server exit status')
end)

log(('# diagnostics reports: %d pushed, %d pulled'):format(reports.push, reports.pull))
log(('# %d passed, %d failed (nvim %s, server %s)'):format(passed, failures, tostring(vim.version()), bin))
vim.fn.delete(tmp, 'rf')
os.exit(failures > 0 and 1 or 0)
