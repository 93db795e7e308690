-- agentlint for Neovim's built-in LSP client: starts `agentlint lsp` for the files agentlint reads.
--
--   require("agentlint").setup()                                   -- `agentlint` on the PATH
--   require("agentlint").setup({ cmd = { "/path/to/agentlint", "lsp" } })
--
-- Works with Neovim 0.7 (vim.lsp.start_client) and later (vim.lsp.start, 0.8+). One server per
-- root: the nearest directory up from the file with `agentlint.toml` or `.git`.
local M = {}

-- File-name patterns, matched against the file's tail unless they contain a `/`.
M.patterns = {
  ".env", ".env.*", "*.env", ".envrc",
  "*.tf", "*.tfvars", "*.tfvars.json", "terragrunt.hcl",
  "*/.github/workflows/*.yml", "*/.github/workflows/*.yaml", "action.yml", "action.yaml",
  ".gitlab-ci.yml", ".gitlab-ci.yaml",
  "docker-compose*.yml", "docker-compose*.yaml", "compose*.yml", "compose*.yaml",
  "CLAUDE.md", "CLAUDE.local.md", "AGENTS.md", "AGENT.md", "GEMINI.md",
  ".cursorrules", ".windsurfrules", ".clinerules", "*/.clinerules/*", "*.mdc",
  "*/.cursor/rules/*", "*/.windsurf/rules/*.md", "copilot-instructions.md",
  "*.instructions.md", "*.agent.md",
  "*/.claude/settings*.json", "managed-settings.json", "*/.codex/config.toml",
  "*/.gemini/settings.json", "*/.cursor/cli.json", "*/.cursor/mcp.json",
  "*/.vscode/settings.json", "*/.vscode/mcp.json", ".aider.conf.yml", ".aider.conf.yaml",
  ".mcp.json", "mcp.json", "mcp_config.json", "claude_desktop_config.json",
  "cline_mcp_settings.json", "*.sh", "agentlint.toml",
}

local function dirname(path)
  return vim.fn.fnamemodify(path, ":p:h")
end

-- The nearest ancestor with agentlint.toml or .git, else the file's directory.
function M.root_dir(path)
  local dir = dirname(path)
  local config = vim.fn.findfile("agentlint.toml", dir .. ";")
  if config ~= "" then
    return dirname(vim.fn.fnamemodify(config, ":p"))
  end
  local git = vim.fn.finddir(".git", dir .. ";")
  if git == "" then
    git = vim.fn.findfile(".git", dir .. ";") -- worktrees and submodules
  end
  if git ~= "" then
    return vim.fn.fnamemodify(vim.fn.fnamemodify(git, ":p"):gsub("/$", ""), ":h")
  end
  return dir
end

local clients = {} -- root -> client id (Neovim 0.7)

function M.attach(bufnr, opts)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return
  end
  local root = M.root_dir(name)
  local config = {
    name = "agentlint",
    cmd = opts.cmd or { "agentlint", "lsp" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(opts)
  opts = opts or {}
  local group = vim.api.nvim_create_augroup("agentlint", { clear = true })
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    pattern = opts.patterns or M.patterns,
    callback = function(args)
      M.attach(args.buf, opts)
    end,
  })
end

return M
