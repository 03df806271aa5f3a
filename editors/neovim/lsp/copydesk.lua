-- copydesk for Neovim 0.11+: checks quotations and references in news drafts.
--
-- Put this file on the runtimepath (add editors/neovim to 'runtimepath', or
-- copy it to ~/.config/nvim/lsp/copydesk.lua), then:
--
--   vim.lsp.enable('copydesk')
--
-- Override anything with vim.lsp.config('copydesk', { ... }); tables are
-- merged, so you only restate what you change, e.g.
--
--   vim.lsp.config('copydesk', {
--     settings = { copydesk = { style = 'surname', severity = { ['quote-style'] = 'off' } } },
--   })
--
-- Settings (the same in init_options and settings.copydesk):
--   debounceMs  milliseconds to wait after an edit before re-checking (150)
--   style       'auto' | 'honorific' | 'surname'                      ('auto')
--   severity    per-rule level by code: 'off' | 'hint' | 'info' | 'warning' | 'error'
--               (left out here: Lua's {} would be sent as a JSON array)
--   inlayHints  show "— Speaker" after quotations attributed by pronoun (false)

---@type vim.lsp.Config
return {
  cmd = { 'copydesk' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Read once, at start-up.
  init_options = {
    debounceMs = 150,
    style = 'auto',
    inlayHints = false,
  },
  -- Sent with workspace/didChangeConfiguration after start-up and whenever
  -- the server asks for the `copydesk` section: this is the one to change.
  settings = {
    copydesk = {
      debounceMs = 150,
      style = 'auto',
      inlayHints = false,
    },
  },
}
