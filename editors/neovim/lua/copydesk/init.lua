-- copydesk for Neovim 0.7–0.10 (and 0.11+, where lsp/copydesk.lua and
-- vim.lsp.enable('copydesk') are the simpler way).
--
--   require('copydesk').setup()                       -- the defaults
--   require('copydesk').setup({ settings = { copydesk = { style = 'surname' } } })
--
-- On 0.11+ setup() hands the configuration to vim.lsp.config and calls
-- vim.lsp.enable; on 0.8–0.10 a FileType autocommand calls vim.lsp.start; on
-- 0.7, which has no vim.lsp.start, it starts one client per root folder with
-- vim.lsp.start_client and attaches buffers with vim.lsp.buf_attach_client.

local M = {}

local uv = vim.uv or vim.loop

--- The configuration setup() starts from; opts are deep-merged into it.
M.defaults = {
  name = 'copydesk',
  cmd = { 'copydesk' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Sent with workspace/didChangeConfiguration after start-up and whenever
  -- the server asks for the `copydesk` section. `severity` (per-rule level
  -- by code) is left out: Lua's {} would be sent as a JSON array.
  settings = {
    copydesk = {
      debounceMs = 150,
      style = 'auto',
      inlayHints = false,
    },
  },
  -- Defaults to settings.copydesk when not given.
  init_options = nil,
  on_attach = nil,
  capabilities = nil,
}

--- The folder holding the nearest root marker above the buffer's file, or
--- the file's own folder (a lone draft is a workspace of one).
local function root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or uv.cwd()
  if vim.fs and vim.fs.find then -- 0.8+
    local found = vim.fs.find(markers, { path = dir, upward = true })[1]
    if found then
      return vim.fs.dirname(found)
    end
    return dir
  end
  for _, marker in ipairs(markers) do -- 0.7
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      local path = vim.fn.fnamemodify(found, ':p'):gsub('/$', '')
      return vim.fn.fnamemodify(path, ':h')
    end
  end
  return dir
end

local function client_config(opts, root)
  local config = {
    name = opts.name,
    cmd = opts.cmd,
    root_dir = root,
    settings = opts.settings,
    init_options = opts.init_options or (opts.settings or {}).copydesk,
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
  if vim.lsp.protocol and vim.lsp.protocol.make_client_capabilities and not config.capabilities then
    config.capabilities = vim.lsp.protocol.make_client_capabilities()
  end
  return config
end

-- 0.7: one client per root folder, kept here.
local clients_by_root = {}

local function start_07(opts, bufnr, root)
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(opts, root))
    if id == nil then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Starts (or reuses) copydesk for a buffer and returns the client id.
function M.attach(bufnr, opts)
  opts = opts or M.options or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    vim.notify_once(
      ('copydesk: %q is not on PATH; install it with `cargo install --path .` in the copydesk repository, or set cmd'):format(
        opts.cmd[1]
      ),
      vim.log.levels.WARN
    )
    return nil
  end
  local root = root_dir(bufnr, opts.root_markers)
  if vim.lsp.start then -- 0.8+
    return vim.lsp.start(client_config(opts, root), { bufnr = bufnr })
  end
  return start_07(opts, bufnr, root)
end

function M.setup(opts)
  opts = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  M.options = opts

  if vim.lsp.config and vim.lsp.enable then -- 0.11+
    local config = client_config(opts, nil)
    config.root_dir = nil
    config.name = nil
    config.filetypes = opts.filetypes
    config.root_markers = opts.root_markers
    vim.lsp.config(opts.name, config)
    vim.lsp.enable(opts.name)
    return
  end

  local group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      M.attach(args.buf, opts)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr, opts)
    end
  end
end

return M
