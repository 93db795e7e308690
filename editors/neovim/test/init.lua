-- Headless Neovim test driver (tests/neovim.rs): start agentlint through editors/neovim/lua, wait
-- for diagnostics on the opened file, ask for a hover, write both as JSON and quit.
--   AGENTLINT_BIN  the binary;  AGENTLINT_OUT  where to write the result
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
package.path = here .. "/../lua/?.lua;" .. package.path

require("agentlint").setup({ cmd = { os.getenv("AGENTLINT_BIN"), "lsp" } })

local function finish(result)
  local file = io.open(os.getenv("AGENTLINT_OUT"), "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local bufnr = vim.api.nvim_get_current_buf()
    local got = vim.wait(15000, function()
      return #vim.diagnostic.get(bufnr) > 0
    end, 50)
    local result = { ok = got, diagnostics = {}, hover = "" }
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(result.diagnostics, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, message = d.message, source = d.source,
        code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      })
    end
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = 1, character = 20 },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 10000) or {}
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      if contents and contents.value then
        result.hover = contents.value
      end
    end
    finish(result)
  end,
})
