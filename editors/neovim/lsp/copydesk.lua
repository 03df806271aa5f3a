---@brief
---
--- https://github.com/copydesk/copydesk
---
--- copydesk, a language server for news drafts: quotations nobody is named
--- for, unclosed quotes, people referred to inconsistently ("Mr Wallace" here,
--- "Wallace" there), misspelt names; hover on a person shows who they are, and
--- the document symbols are the story's speakers.
---
--- Install the `copydesk` binary: `:MasonInstall copydesk`, the installers on
--- the release page, `brew install copydesk/tap/copydesk`, or
--- `cargo binstall copydesk`.
---
--- Settings, under `settings.copydesk` (sent at start-up and whenever they
--- change; the server also reads a project's `copydesk.toml`):
---
--- - `style`: house style for later references to a person, `'auto'` (the
---   story's own majority), `'honorific'` (`Mr Wallace`) or `'surname'`
---   (`Wallace`). Default `'auto'`.
--- - `severity`: level of each rule by its code, `'off'`, `'hint'`, `'info'`,
---   `'warning'` or `'error'`, e.g. `{ ['quote-style'] = 'off' }`. Left out by
---   default (an empty Lua table would be sent as a JSON array).
--- - `debounceMs`: milliseconds to wait after an edit before re-checking
---   (150).
--- - `inlayHints`: show `— Speaker` after quotations attributed only by a
---   pronoun (false).
--- - `transcriptHints`: show `✓ 00:12:34` after a quotation found word for
---   word in an interview transcript (false).
---
--- ```lua
--- vim.lsp.config('copydesk', {
---   settings = {
---     copydesk = { style = 'surname', severity = { ['quote-style'] = 'off' } },
---   },
--- })
--- ```

---@type vim.lsp.Config
return {
  cmd = { 'copydesk' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = {
    copydesk = {
      debounceMs = 150,
      style = 'auto',
      inlayHints = false,
    },
  },
}
