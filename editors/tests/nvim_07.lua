-- Neovim 0.7 (Debian 12's): copydesk started through the shipped module
-- editors/neovim/lua/copydesk, which on 0.7 uses vim.lsp.start_client and
-- vim.lsp.buf_attach_client from a FileType autocommand.
-- Run by run.sh: nvim --headless --clean -u editors/tests/nvim_07.lua
-- with COPYDESK_REPO, COPYDESK_DRAFTS and PATH (copydesk first) set.

local repo = assert(vim.env.COPYDESK_REPO, 'COPYDESK_REPO is not set')
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
package.path = repo .. '/editors/tests/?.lua;' .. package.path
vim.cmd('filetype on')

local t = require('nvim_common')
t.guard(function()
  t.check('this is Neovim 0.7 (no vim.lsp.start)', vim.lsp.start == nil and vim.fn.has('nvim-0.7') == 1)
  require('copydesk').setup()
  t.run('nvim-0.7')
end)
