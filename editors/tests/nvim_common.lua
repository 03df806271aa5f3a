-- Checks shared by the Neovim 0.7 and 0.11 tests. A test file starts the
-- server its own way (the way that Neovim version is configured), then calls
-- run(label). Each check prints one PASS or FAIL line on stdout; the process
-- exits non-zero when any failed. Every wait is bounded; run.sh adds a
-- watchdog around the whole process.
--
-- Environment: COPYDESK_DRAFTS, a folder holding ferry.md and bakery.txt
-- (copied from editors/tests/drafts).

local M = {}

local failed = 0
local passed = 0
local label = 'nvim'

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out(('PASS %s: %s'):format(label, name))
  else
    failed = failed + 1
    out(('FAIL %s: %s%s'):format(label, name, detail and (' — ' .. detail) or ''))
  end
  return ok
end
M.check = check

-- The raw publishDiagnostics params, by URI, to check positions in the
-- negotiated encoding before Neovim converts them to byte columns.
M.raw = {}
local original = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    M.raw[result.uri] = result
  end
  return original(err, result, ctx, config)
end

--- The number of code units before byte `col` of `line` in `encoding`.
local function units(line, col, encoding)
  if encoding == 'utf-8' then
    return col
  end
  local n, i = 0, 1
  while i <= col do
    local b = line:byte(i)
    local len = b >= 0xF0 and 4 or b >= 0xE0 and 3 or b >= 0xC0 and 2 or 1
    if encoding == 'utf-16' and len == 4 then
      n = n + 2
    else
      n = n + 1
    end
    i = i + len
  end
  return n
end
M.units = units

--- The 0-based line number and byte column of `needle` in the buffer.
local function find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = line:find(needle, 1, true)
    if at then
      return i - 1, at - 1, line
    end
  end
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function copydesk_diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'copydesk' then
      table.insert(list, d)
    end
  end
  return list
end

local function describe(list)
  local parts = {}
  for _, d in ipairs(list) do
    table.insert(parts, ('%d:%d %s %s'):format(d.lnum, d.col, tostring(code_of(d)), d.message:gsub('\n.*', '')))
  end
  return '[' .. table.concat(parts, ' | ') .. ']'
end

local function client_for(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, c in ipairs(get({ bufnr = bufnr })) do
    if c.name == 'copydesk' then
      return c
    end
  end
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 5000)
  if not responses then
    return nil, err or 'no response'
  end
  for _, r in pairs(responses) do
    if r.err then
      return nil, vim.inspect(r.err)
    end
    return r.result, nil
  end
  return nil, 'no client answered'
end

local function hover_text(result)
  if type(result) ~= 'table' then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, type(c) == 'string' and c or c.value or '')
  end
  return table.concat(parts, '\n')
end

local function symbol_names(symbols, acc, depth)
  acc = acc or {}
  depth = depth or 0
  for _, s in ipairs(symbols or {}) do
    table.insert(acc, string.rep('  ', depth) .. s.name)
    symbol_names(s.children, acc, depth + 1)
  end
  return acc
end

--- Checks that a diagnostic starts on the quotation `needle` (a line with
--- curly quotes and em dashes before it), both as Neovim's byte column and
--- as the raw LSP character in the negotiated encoding.
local function check_column(bufnr, needle, what)
  local lnum, col, line = find(bufnr, needle)
  if not lnum then
    return check(what .. ': draft holds ' .. needle, false)
  end
  local hit
  for _, d in ipairs(copydesk_diagnostics(bufnr)) do
    if d.lnum == lnum and d.col == col then
      hit = d
    end
  end
  check(
    ('%s: diagnostic at byte column %d of line %d (after curly quotes and em dashes)'):format(what, col, lnum + 1),
    hit ~= nil,
    'got ' .. describe(copydesk_diagnostics(bufnr))
  )
  local client = client_for(bufnr)
  local encoding = client and client.offset_encoding or 'utf-16'
  local want = units(line, col, encoding)
  local raw = M.raw[vim.uri_from_bufnr(bufnr)]
  local found = false
  local seen = {}
  for _, d in ipairs(raw and raw.diagnostics or {}) do
    table.insert(seen, ('%d:%d'):format(d.range.start.line, d.range.start.character))
    if d.range.start.line == lnum and d.range.start.character == want then
      found = true
    end
  end
  check(
    ('%s: LSP range starts at %s character %d (byte %d)'):format(what, encoding, want, col),
    found,
    'raw starts ' .. table.concat(seen, ', ')
  )
end

local function wait_for_diagnostics(bufnr, what, ms)
  local ok = vim.wait(ms or 15000, function()
    return #copydesk_diagnostics(bufnr) > 0
  end, 50)
  return check(what .. ': copydesk diagnostics arrive', ok, 'none within the time limit')
end

function M.run(name, opts)
  label = name
  opts = opts or {}
  local drafts = assert(vim.env.COPYDESK_DRAFTS, 'COPYDESK_DRAFTS is not set')
  local started = vim.loop.hrtime()

  -- The Markdown draft.
  vim.cmd('edit ' .. vim.fn.fnameescape(drafts .. '/ferry.md'))
  local md = vim.api.nvim_get_current_buf()
  check('ferry.md has filetype markdown', vim.bo[md].filetype == 'markdown', vim.bo[md].filetype)
  local attached = vim.wait(10000, function()
    return client_for(md) ~= nil
  end, 50)
  check('copydesk attaches to the .md buffer', attached)
  if not attached then
    return M.finish()
  end
  local client = client_for(md)
  check(
    'root folder found by root marker copydesk.toml',
    client.config.root_dir and vim.fn.resolve(client.config.root_dir) == vim.fn.resolve(drafts),
    tostring(client.config.root_dir)
  )
  if opts.after_attach then
    opts.after_attach(client, md)
  end
  wait_for_diagnostics(md, 'ferry.md')

  -- An unattributed quotation: code, message, severity, position.
  local unattributed
  for _, d in ipairs(copydesk_diagnostics(md)) do
    if code_of(d) == 'unattributed-quote' and d.message:find('We will not be moved', 1, true) then
      unattributed = d
    end
  end
  check(
    'unattributed-quote on “We will not be moved” with a message naming the quote',
    unattributed ~= nil,
    'got ' .. describe(copydesk_diagnostics(md))
  )
  if unattributed then
    local lnum, col = find(md, '“We will not be moved”')
    check(
      'unattributed-quote range covers the quotation',
      unattributed.lnum == lnum and unattributed.col == col,
      ('at %d:%d, want %d:%d'):format(unattributed.lnum, unattributed.col, lnum, col)
    )
    if opts.severity then
      local ok = vim.wait(5000, function()
        for _, d in ipairs(copydesk_diagnostics(md)) do
          if code_of(d) == 'unattributed-quote' and d.severity == opts.severity then
            return true
          end
        end
        return false
      end, 50)
      check('severity setting applied (unattributed-quote is ' .. opts.severity_name .. ')', ok, describe(copydesk_diagnostics(md)))
    else
      check('unattributed-quote is a warning by default', unattributed.severity == vim.diagnostic.severity.WARN)
    end
  end
  check_column(md, '“Two boats a day is not a service.”', 'ferry.md')

  -- Hover on a later reference to a person names them in full.
  local lnum, col, line = find(md, 'Ms Lindsay')
  if check('ferry.md mentions Ms Lindsay', lnum ~= nil) then
    local encoding = client.offset_encoding or 'utf-16'
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(md) },
      position = { line = lnum, character = units(line, col + 4, encoding) },
    }
    local result, err = request(md, 'textDocument/hover', params)
    local text = hover_text(result)
    check(
      'hover on “Ms Lindsay” names Morag Lindsay',
      text:find('Morag Lindsay', 1, true) ~= nil,
      err or ('hover returned ' .. (result == nil and 'null' or vim.inspect(text)))
    )
  end

  -- The outline lists the speakers.
  local symbols, err = request(md, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(md) } })
  local names = symbol_names(symbols)
  local joined = table.concat(names, '\n')
  check(
    'documentSymbol outline lists the speaker Morag Lindsay',
    joined:find('Morag Lindsay', 1, true) ~= nil,
    err or ('outline: ' .. (symbols == nil and 'null' or vim.inspect(names)))
  )

  -- Typing an attribution removes the warning; the other stays.
  local qline, qcol = find(md, '“We will not be moved”')
  local after = qcol + #'“We will not be moved”'
  vim.api.nvim_buf_set_text(md, qline, after, qline, after, { ', she said' })
  local gone = vim.wait(10000, function()
    for _, d in ipairs(copydesk_diagnostics(md)) do
      if d.message:find('We will not be moved', 1, true) then
        return false
      end
    end
    return true
  end, 50)
  check(
    'typing “, she said” after the quote removes its unattributed-quote warning',
    gone,
    'still ' .. describe(copydesk_diagnostics(md)) .. ' on ' .. vim.api.nvim_buf_get_lines(md, qline, qline + 1, false)[1]
  )
  local still = false
  for _, d in ipairs(copydesk_diagnostics(md)) do
    if d.message:find('Two boats a day', 1, true) then
      still = true
    end
  end
  check('the other unattributed quotation is still flagged after the edit', still, describe(copydesk_diagnostics(md)))
  local raw = M.raw[vim.uri_from_bufnr(md)]
  check(
    'diagnostics after the edit carry the edited document version',
    raw and raw.version == vim.lsp.util.buf_versions[md],
    ('published %s, buffer %s'):format(tostring(raw and raw.version), tostring(vim.lsp.util.buf_versions[md]))
  )

  -- The plain-text draft, in the same client.
  vim.cmd('edit ' .. vim.fn.fnameescape(drafts .. '/bakery.txt'))
  local txt = vim.api.nvim_get_current_buf()
  check('bakery.txt has filetype text', vim.bo[txt].filetype == 'text', vim.bo[txt].filetype)
  local same = vim.wait(10000, function()
    return client_for(txt) ~= nil
  end, 50)
  check('copydesk attaches to the .txt buffer, reusing the same client', same and client_for(txt).id == client.id)
  wait_for_diagnostics(txt, 'bakery.txt')
  check_column(txt, '“Best bread in the county.”', 'bakery.txt')

  -- A draft held against its interview transcript (copydesk.toml names
  -- *.vtt): the changed word is flagged, hover shows the passage's time,
  -- and go-to-definition opens the transcript at the passage.
  vim.cmd('edit ' .. vim.fn.fnameescape(drafts .. '/pier.txt'))
  local pier = vim.api.nvim_get_current_buf()
  vim.wait(10000, function()
    return client_for(pier) ~= nil
  end, 50)
  local mismatch
  vim.wait(15000, function()
    for _, d in ipairs(copydesk_diagnostics(pier)) do
      if code_of(d) == 'transcript-mismatch' then
        mismatch = d
      end
    end
    return mismatch ~= nil
  end, 50)
  check(
    'pier.txt: transcript-mismatch names the transcript, the time and the word',
    mismatch ~= nil
      and mismatch.message:find('okafor-interview.vtt, 00:01:10', 1, true) ~= nil
      and mismatch.message:find('“shut”', 1, true) ~= nil,
    describe(copydesk_diagnostics(pier))
  )
  local plnum, pcol, pline = find(pier, 'The engineers')
  if plnum then
    local encoding = client.offset_encoding or 'utf-16'
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(pier) },
      position = { line = plnum, character = units(pline, pcol + 4, encoding) },
    }
    local hover = hover_text((request(pier, 'textDocument/hover', params)))
    check('hover on the quote shows the transcript passage and its time', hover:find('00:01:10', 1, true) ~= nil, vim.inspect(hover))
    local result, err = request(pier, 'textDocument/definition', params)
    local location = result and (result.uri and result or result[1]) or nil
    local uri = location and (location.uri or location.targetUri) or ''
    local range = location and (location.range or location.targetSelectionRange)
    check(
      'definition on the quote opens okafor-interview.vtt at the passage (line 7)',
      uri:find('okafor%-interview%.vtt$') ~= nil and range ~= nil and range.start.line == 6,
      err or vim.inspect(result)
    )
  end

  -- Stopping the client ends the server promptly (shutdown, exit).
  local id = client.id
  vim.lsp.stop_client(id)
  local stopped = vim.wait(5000, function()
    return vim.lsp.get_client_by_id(id) == nil
  end, 50)
  check('server exits within 5 s of shutdown/exit', stopped)

  out(('%s: checks took %.1f s'):format(label, (vim.loop.hrtime() - started) / 1e9))
  return M.finish()
end

function M.finish()
  out(('%s: %d passed, %d failed'):format(label, passed, failed))
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

--- Runs `body` and turns a Lua error into a FAIL line and a non-zero exit
--- (an uncaught error would leave headless Neovim waiting for the watchdog).
function M.guard(body)
  local ok, err = pcall(body)
  if not ok then
    check('test script ran without a Lua error', false, tostring(err))
    M.finish()
  end
end

return M
