//! Finding the files an agent or a CI job would read, and saying what each one is.
//!
//! Classification is by path first (cheap, and what tools themselves do), then, for JSON and YAML
//! files whose names say nothing, by a glance at the content: MCP configs and agent settings are
//! often kept under arbitrary names, and workflow templates live outside `.github/workflows/`.
//! Files that `.gitignore` hides are still read by default, because a local `.env` is exactly where
//! an agent finds a token.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

/// Files larger than this are not parsed; an info finding says so.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Which agent reads a settings or rule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgentTool {
    ClaudeCode,
    Codex,
    GeminiCli,
    Aider,
    Cursor,
    VsCode,
    Windsurf,
    Cline,
    Copilot,
    ClaudeDesktop,
    RooCode,
    Kiro,
    Junie,
    Goose,
    Continue,
    OpenCode,
    Amp,
    Zed,
    /// Read by several agents (`AGENTS.md`).
    Any,
}

impl AgentTool {
    pub fn label(self) -> &'static str {
        match self {
            AgentTool::ClaudeCode => "Claude Code",
            AgentTool::Codex => "Codex",
            AgentTool::GeminiCli => "Gemini CLI",
            AgentTool::Aider => "Aider",
            AgentTool::Cursor => "Cursor",
            AgentTool::VsCode => "VS Code",
            AgentTool::Windsurf => "Windsurf",
            AgentTool::Cline => "Cline",
            AgentTool::Copilot => "GitHub Copilot",
            AgentTool::ClaudeDesktop => "Claude Desktop",
            AgentTool::RooCode => "Roo Code",
            AgentTool::Kiro => "Kiro",
            AgentTool::Junie => "Junie",
            AgentTool::Goose => "Goose",
            AgentTool::Continue => "Continue",
            AgentTool::OpenCode => "OpenCode",
            AgentTool::Amp => "Amp",
            AgentTool::Zed => "Zed",
            AgentTool::Any => "coding agents",
        }
    }
}

/// What a file is, which decides how it is parsed and which facts are drawn from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// CLAUDE.md, AGENTS.md, .cursorrules, .mdc rules, copilot instructions…
    AgentRules(AgentTool),
    /// .claude/settings.json, .codex/config.toml, .gemini/settings.json, .aider.conf.yml…
    AgentSettings(AgentTool),
    /// .mcp.json, .cursor/mcp.json, .vscode/mcp.json, claude_desktop_config.json…
    McpConfig(AgentTool),
    Dotenv,
    Terraform,
    Tfvars,
    TfvarsJson,
    GhaWorkflow,
    GhaAction,
    GitlabCi,
    Compose,
    Script,
    /// A task runner's file: its recipes run shell commands when CI or a script calls them.
    TaskRunner(Runner),
    /// A key file recognised by its content wherever it lies: a Google Cloud (or Firebase Admin
    /// SDK) service-account key.
    CredentialFile,
    /// A configuration file tools read credentials from (`.npmrc`, `.pypirc`, `.netrc`, AWS
    /// `credentials`, kubeconfig, `Dockerfile`, `*.ini`, `*.properties`, `config/*.yml`,
    /// `appsettings.json`): read for secrets only.
    ConfigFile,
    /// Any other text an agent may open (source code, notes, data files): scanned for
    /// high-confidence token shapes only, since names there are not evidence.
    TextFile,
}

/// Task runners whose recipes a CI job or script calls by name (`make destroy`, `npm run db:reset`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Runner {
    /// `Makefile`, `GNUmakefile`, `*.mk`.
    Make,
    /// `justfile`.
    Just,
    /// `package.json` `scripts`.
    Npm,
    /// `Taskfile.yml` `tasks`.
    Task,
}

/// The syntax a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Yaml,
    Toml,
    Hcl,
    Dotenv,
    Shell,
    /// Targets and their tab-indented recipe lines.
    Makefile,
    /// Recipes and their indented lines (`just`).
    Justfile,
    /// `key = value` lines in any of the common spellings: INI, `.properties`, `.npmrc`,
    /// `.netrc`, `.pgpass`, Dockerfile `ENV`/`ARG`.
    KeyValue,
    /// Text with no structure the linter reads: scanned as it is.
    Text,
}

impl FileKind {
    pub fn format(self) -> Format {
        match self {
            FileKind::AgentRules(_) => Format::Markdown,
            FileKind::AgentSettings(AgentTool::Codex) => Format::Toml,
            FileKind::AgentSettings(AgentTool::Aider) => Format::Yaml,
            FileKind::AgentSettings(_)
            | FileKind::McpConfig(_)
            | FileKind::TfvarsJson
            | FileKind::CredentialFile => Format::Json,
            FileKind::ConfigFile => Format::KeyValue,
            FileKind::TextFile => Format::Text,
            FileKind::Dotenv => Format::Dotenv,
            FileKind::Terraform | FileKind::Tfvars => Format::Hcl,
            FileKind::GhaWorkflow
            | FileKind::GhaAction
            | FileKind::GitlabCi
            | FileKind::Compose => Format::Yaml,
            FileKind::Script => Format::Shell,
            FileKind::TaskRunner(Runner::Make) => Format::Makefile,
            FileKind::TaskRunner(Runner::Just) => Format::Justfile,
            FileKind::TaskRunner(Runner::Npm) => Format::Json,
            FileKind::TaskRunner(Runner::Task) => Format::Yaml,
        }
    }

    /// The format of a file of this kind at `path`: agent settings and MCP files are JSON unless
    /// their extension says YAML (Continue, Goose) or TOML.
    pub fn format_at(self, path: &str) -> Format {
        let format = self.format();
        let lower = path.to_ascii_lowercase();
        match format {
            Format::Json | Format::Yaml if lower.ends_with(".yaml") || lower.ends_with(".yml") => {
                Format::Yaml
            }
            Format::Json | Format::Yaml if lower.ends_with(".toml") => Format::Toml,
            // A configuration file's own extension decides; kubeconfig is YAML without one.
            Format::KeyValue if lower.ends_with(".yaml") || lower.ends_with(".yml") => Format::Yaml,
            Format::KeyValue if lower.ends_with(".json") => Format::Json,
            Format::KeyValue if lower.ends_with(".toml") => Format::Toml,
            Format::KeyValue
                if lower.ends_with(".kube/config") || lower.ends_with("kubeconfig") =>
            {
                Format::Yaml
            }
            _ => format,
        }
    }

    /// A short name for messages and JSON (`agent-rules`, `mcp-config`, …).
    pub fn label(self) -> &'static str {
        match self {
            FileKind::AgentRules(_) => "agent-rules",
            FileKind::AgentSettings(_) => "agent-settings",
            FileKind::McpConfig(_) => "mcp-config",
            FileKind::Dotenv => "dotenv",
            FileKind::Terraform => "terraform",
            FileKind::Tfvars | FileKind::TfvarsJson => "tfvars",
            FileKind::GhaWorkflow => "github-workflow",
            FileKind::GhaAction => "github-action",
            FileKind::GitlabCi => "gitlab-ci",
            FileKind::Compose => "compose",
            FileKind::Script => "script",
            FileKind::TaskRunner(_) => "task-runner",
            FileKind::CredentialFile => "credential-file",
            FileKind::ConfigFile => "config-file",
            FileKind::TextFile => "text-file",
        }
    }

    /// Whether an agent reads this file as instructions or configuration.
    pub fn is_agent_file(self) -> bool {
        matches!(
            self,
            FileKind::AgentRules(_) | FileKind::AgentSettings(_) | FileKind::McpConfig(_)
        )
    }
}

/// Classify by path alone. `None` means "maybe, look at the content" for JSON/YAML, or "not ours".
pub fn classify_path(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    let parent = parent_name(path);
    let grandparent = path.parent().map(parent_name).unwrap_or_default();
    let in_dir = |dir: &str| path.components().any(|c| c.as_os_str() == dir);

    let kind = match lower.as_str() {
        "claude.md" | "claude.local.md" => FileKind::AgentRules(AgentTool::ClaudeCode),
        "agents.md" | "agent.md" => FileKind::AgentRules(AgentTool::Any),
        "gemini.md" => FileKind::AgentRules(AgentTool::GeminiCli),
        ".cursorrules" => FileKind::AgentRules(AgentTool::Cursor),
        ".windsurfrules" => FileKind::AgentRules(AgentTool::Windsurf),
        ".clinerules" => FileKind::AgentRules(AgentTool::Cline),
        ".goosehints" => FileKind::AgentRules(AgentTool::Goose),
        ".roorules" => FileKind::AgentRules(AgentTool::RooCode),
        "copilot-instructions.md" | ".github_copilot-instructions.md" => {
            FileKind::AgentRules(AgentTool::Copilot)
        }
        "managed-settings.json" => FileKind::AgentSettings(AgentTool::ClaudeCode),
        ".aider.conf.yml" | ".aider.conf.yaml" => FileKind::AgentSettings(AgentTool::Aider),
        ".mcp.json" => FileKind::McpConfig(AgentTool::ClaudeCode),
        "claude_desktop_config.json" => FileKind::McpConfig(AgentTool::ClaudeDesktop),
        "cline_mcp_settings.json" => FileKind::McpConfig(AgentTool::Cline),
        "mcp_config.json" => FileKind::McpConfig(AgentTool::Windsurf),
        ".gitlab-ci.yml" | ".gitlab-ci.yaml" => FileKind::GitlabCi,
        "action.yml" | "action.yaml" => FileKind::GhaAction,
        "terragrunt.hcl" => FileKind::Terraform,
        ".envrc" => FileKind::Script,
        "makefile" | "gnumakefile" => FileKind::TaskRunner(Runner::Make),
        "justfile" | ".justfile" => FileKind::TaskRunner(Runner::Just),
        "package.json" => FileKind::TaskRunner(Runner::Npm),
        "taskfile.yml" | "taskfile.yaml" | "taskfile.dist.yml" | "taskfile.dist.yaml" => {
            FileKind::TaskRunner(Runner::Task)
        }
        _ => return classify_by_pattern(path, &lower, &parent, &grandparent, &in_dir),
    };
    Some(kind)
}

fn classify_by_pattern(
    path: &Path,
    lower: &str,
    parent: &str,
    grandparent: &str,
    in_dir: &dyn Fn(&str) -> bool,
) -> Option<FileKind> {
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    let kind = if lower.ends_with(".mk") {
        FileKind::TaskRunner(Runner::Make)
    } else if lower.starts_with(".env") || lower.ends_with(".env") {
        FileKind::Dotenv
    } else if lower.ends_with(".tf") {
        FileKind::Terraform
    } else if lower.ends_with(".tfvars") {
        FileKind::Tfvars
    } else if lower.ends_with(".tfvars.json") {
        FileKind::TfvarsJson
    } else if lower.ends_with(".mdc") || (parent == "rules" && grandparent == ".cursor") {
        FileKind::AgentRules(AgentTool::Cursor)
    } else if parent == "rules" && grandparent == ".windsurf" && lower.ends_with(".md") {
        FileKind::AgentRules(AgentTool::Windsurf)
    } else if parent == ".clinerules" {
        FileKind::AgentRules(AgentTool::Cline)
    } else if lower.ends_with(".instructions.md") || lower.ends_with(".agent.md") {
        FileKind::AgentRules(AgentTool::Copilot)
    } else if let Some(tool) = rule_place(path, lower) {
        FileKind::AgentRules(tool)
    } else if parent == ".claude" && lower.starts_with("settings") && lower.ends_with(".json") {
        FileKind::AgentSettings(AgentTool::ClaudeCode)
    } else if parent == ".codex" && (lower == "config.toml" || lower == "hooks.json") {
        FileKind::AgentSettings(AgentTool::Codex)
    } else if parent == "hooks" && grandparent == ".github" && lower.ends_with(".json") {
        // Copilot CLI and coding agent hooks (`.github/hooks/*.json`).
        FileKind::AgentSettings(AgentTool::Copilot)
    } else if parent == ".gemini" && lower == "settings.json" {
        FileKind::AgentSettings(AgentTool::GeminiCli)
    } else if parent == ".cursor" && lower == "cli.json" {
        FileKind::AgentSettings(AgentTool::Cursor)
    } else if parent == ".vscode" && lower == "settings.json" {
        FileKind::AgentSettings(AgentTool::VsCode)
    } else if lower == "mcp.json" && parent == ".cursor" {
        FileKind::McpConfig(AgentTool::Cursor)
    } else if lower == "mcp.json" && parent == ".vscode" {
        FileKind::McpConfig(AgentTool::VsCode)
    } else if let Some(kind) = config_place(path, lower) {
        kind
    } else if yaml && parent == "workflows" && grandparent == ".github" {
        FileKind::GhaWorkflow
    } else if yaml && (lower.ends_with(".gitlab-ci.yml") || in_dir(".gitlab")) {
        FileKind::GitlabCi
    } else if yaml && (lower.starts_with("docker-compose") || lower.starts_with("compose")) {
        FileKind::Compose
    } else if lower.ends_with(".sh") || lower.ends_with(".bash") {
        FileKind::Script
    } else if is_config_file(lower, parent) {
        FileKind::ConfigFile
    } else if is_text_file(lower) && !in_agent_folder(path) && !in_generated_dir(path) {
        // In an agent's folder, an unplaced file is reported as unread instead.
        FileKind::TextFile
    } else {
        let _ = path;
        return None;
    };
    Some(kind)
}

/// Folders of build output, vendored code and caches: their text is generated or someone
/// else's, and there is a lot of it. Other text is scanned; these are not.
const GENERATED_DIRS: &[&str] = &[
    "target",
    "dist",
    "build",
    "out",
    ".next",
    ".nuxt",
    ".svelte-kit",
    "vendor",
    ".venv",
    "venv",
    "__pycache__",
    "coverage",
    ".cache",
    "bower_components",
    "site-packages",
    ".gradle",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".yarn",
    ".pnpm-store",
];

/// Whether a path lies in a build-output, vendored or cache folder.
pub fn in_generated_dir(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|name| GENERATED_DIRS.contains(&name))
    })
}

/// Source code and text an agent reads while it works: scanned for token shapes.
fn is_text_file(lower: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".vue", ".svelte", ".py", ".rb", ".go",
        ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".cs", ".php", ".rs", ".swift",
        ".dart", ".lua", ".pl", ".r", ".ex", ".exs", ".sql", ".txt", ".cfg", ".conf", ".xml",
        ".md", ".ps1", ".bat", ".cmd", ".zsh", ".fish",
    ];
    EXTENSIONS.iter().any(|e| lower.ends_with(e))
        && !lower.ends_with(".min.js")
        && !lower.ends_with(".d.ts")
}

/// Configuration files tools read credentials from, by name (`.npmrc`), by folder (`.aws/`,
/// `config/`) or by extension (`.ini`, `.properties`).
fn is_config_file(lower: &str, parent: &str) -> bool {
    const NAMES: &[&str] = &[
        ".npmrc",
        ".yarnrc",
        ".pypirc",
        ".netrc",
        "_netrc",
        ".pgpass",
        ".s3cfg",
        ".boto",
        "dockerfile",
        "containerfile",
        "kubeconfig",
        "secrets.yml",
        "secrets.yaml",
        "credentials.yml",
        "credentials.yaml",
        "database.yml",
    ];
    const EXTENSIONS: &[&str] = &[".ini", ".properties", ".dockerfile"];
    const CONFIG_DIRS: &[&str] = &["config", "conf", "configs", "settings"];
    let data = [".yml", ".yaml", ".json", ".toml"]
        .iter()
        .any(|e| lower.ends_with(e));
    NAMES.contains(&lower)
        || EXTENSIONS.iter().any(|e| lower.ends_with(e))
        || lower.starts_with("dockerfile.")
        || (parent == ".aws" && matches!(lower, "credentials" | "config"))
        || (parent == ".kube" && lower == "config")
        || (parent == ".docker" && lower == "config.json")
        || (lower.starts_with("appsettings") && lower.ends_with(".json"))
        || (lower.starts_with("application")
            && (lower.ends_with(".yml") || lower.ends_with(".yaml")))
        || (data && CONFIG_DIRS.contains(&parent))
}

/// Where each agent keeps its instruction files (rules, steering, commands, workflows, prompts,
/// sub-agent definitions, skills), from each tool's documentation: the folders a file must sit
/// under, in order, and the names it may have there.
const RULE_PLACES: &[(AgentTool, &[&str], RuleName)] = &[
    // Roo Code: `.roo/rules/`, `.roo/rules-{mode}/`, `.roorules-{mode}`.
    (AgentTool::RooCode, &[".roo", "rules*"], RuleName::Text),
    // Kiro steering files.
    (AgentTool::Kiro, &[".kiro", "steering"], RuleName::Markdown),
    // Junie: `.junie/guidelines.md`.
    (
        AgentTool::Junie,
        &[".junie"],
        RuleName::Exact("guidelines.md"),
    ),
    // Continue: `.continue/rules/*.md` (and prompts).
    (
        AgentTool::Continue,
        &[".continue", "rules"],
        RuleName::Markdown,
    ),
    (
        AgentTool::Continue,
        &[".continue", "prompts"],
        RuleName::Markdown,
    ),
    // GitHub Copilot: prompt files, custom agents, path instructions.
    (
        AgentTool::Copilot,
        &[".github", "prompts"],
        RuleName::Markdown,
    ),
    (
        AgentTool::Copilot,
        &[".github", "agents"],
        RuleName::Markdown,
    ),
    (
        AgentTool::Copilot,
        &[".github", "instructions"],
        RuleName::Markdown,
    ),
    // Claude Code: slash commands, sub-agents, skills.
    (
        AgentTool::ClaudeCode,
        &[".claude", "commands"],
        RuleName::Markdown,
    ),
    (
        AgentTool::ClaudeCode,
        &[".claude", "agents"],
        RuleName::Markdown,
    ),
    (
        AgentTool::ClaudeCode,
        &[".claude", "skills"],
        RuleName::Exact("skill.md"),
    ),
    // Windsurf workflows, Cline workflows, Cursor commands.
    (
        AgentTool::Windsurf,
        &[".windsurf", "workflows"],
        RuleName::Markdown,
    ),
    (AgentTool::Cline, &[".clinerules"], RuleName::Markdown),
    (
        AgentTool::Cursor,
        &[".cursor", "commands"],
        RuleName::Markdown,
    ),
    // Shared workflow folders (`.agent/workflows/` of Antigravity and others).
    (AgentTool::Any, &[".agent", "workflows"], RuleName::Markdown),
    (
        AgentTool::Any,
        &[".agents", "workflows"],
        RuleName::Markdown,
    ),
];

/// Where each agent keeps its settings and MCP servers, from each tool's documentation: the
/// folders the file sits under (innermost last; empty for the repository root or anywhere) and
/// its name. Found by path, not by content, so a file whose servers are under another key is not
/// missed.
const CONFIG_PLACES: &[(&[&str], &str, FileKind)] = &[
    (
        &[".roo"],
        "mcp.json",
        FileKind::McpConfig(AgentTool::RooCode),
    ),
    (
        &[".kiro", "settings"],
        "mcp.json",
        FileKind::McpConfig(AgentTool::Kiro),
    ),
    (
        &[".kiro", "agents"],
        "*.json",
        FileKind::AgentSettings(AgentTool::Kiro),
    ),
    (
        &[".junie", "mcp"],
        "mcp.json",
        FileKind::McpConfig(AgentTool::Junie),
    ),
    (
        &[".windsurf"],
        "mcp_config.json",
        FileKind::McpConfig(AgentTool::Windsurf),
    ),
    (
        &[".gemini"],
        "mcp.json",
        FileKind::McpConfig(AgentTool::GeminiCli),
    ),
    (
        &[".gemini", "policies"],
        "*.toml",
        FileKind::AgentSettings(AgentTool::GeminiCli),
    ),
    (
        &[".cursor"],
        "hooks.json",
        FileKind::AgentSettings(AgentTool::Cursor),
    ),
    (
        &[".cursor"],
        "permissions.json",
        FileKind::AgentSettings(AgentTool::Cursor),
    ),
    (
        &[".continue"],
        "config.yaml",
        FileKind::AgentSettings(AgentTool::Continue),
    ),
    (
        &[".continue"],
        "config.json",
        FileKind::AgentSettings(AgentTool::Continue),
    ),
    (
        &[".continue", "mcpServers"],
        "*.yaml",
        FileKind::McpConfig(AgentTool::Continue),
    ),
    (
        &[".continue", "mcpServers"],
        "*.json",
        FileKind::McpConfig(AgentTool::Continue),
    ),
    (
        &[],
        "opencode.json",
        FileKind::AgentSettings(AgentTool::OpenCode),
    ),
    (
        &[],
        "opencode.jsonc",
        FileKind::AgentSettings(AgentTool::OpenCode),
    ),
    (
        &[".opencode"],
        "opencode.json",
        FileKind::AgentSettings(AgentTool::OpenCode),
    ),
    (
        &[".amp"],
        "settings.json",
        FileKind::AgentSettings(AgentTool::Amp),
    ),
    (
        &[".zed"],
        "settings.json",
        FileKind::AgentSettings(AgentTool::Zed),
    ),
    (
        &[".goose"],
        "config.yaml",
        FileKind::AgentSettings(AgentTool::Goose),
    ),
    (
        &[],
        "*.recipe.yaml",
        FileKind::AgentSettings(AgentTool::Goose),
    ),
];

/// The settings or MCP file `path` is, by [`CONFIG_PLACES`].
fn config_place(path: &Path, lower: &str) -> Option<FileKind> {
    let dirs: Vec<&str> = path
        .parent()?
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    CONFIG_PLACES.iter().find_map(|(under, name, kind)| {
        let named = match name.strip_prefix('*') {
            Some(suffix) => lower.ends_with(suffix),
            None => lower == *name,
        };
        let placed = under.is_empty() || dirs.ends_with(under);
        (named && placed).then_some(*kind)
    })
}

/// The names an instruction file may have in its place.
#[derive(Clone, Copy)]
enum RuleName {
    /// `*.md`.
    Markdown,
    /// `*.md`, `*.txt`, or no extension.
    Text,
    /// One name, lowercase.
    Exact(&'static str),
}

/// The agent whose instruction folder holds `path`: its folders appear in order among the
/// path's directories (deeper folders are allowed under the last one: `.claude/commands/db/x.md`).
fn rule_place(path: &Path, lower: &str) -> Option<AgentTool> {
    let dirs: Vec<String> = path
        .parent()?
        .components()
        .filter_map(|c| c.as_os_str().to_str().map(str::to_owned))
        .collect();
    if lower.starts_with(".roorules-") {
        return Some(AgentTool::RooCode);
    }
    RULE_PLACES.iter().find_map(|(tool, under, name)| {
        let named = match name {
            RuleName::Markdown => lower.ends_with(".md"),
            RuleName::Text => {
                lower.ends_with(".md") || lower.ends_with(".txt") || !lower.contains('.')
            }
            RuleName::Exact(exact) => lower == *exact,
        };
        let placed = dirs.windows(under.len()).any(|window| {
            window
                .iter()
                .zip(under.iter())
                .all(|(dir, want)| match want.strip_suffix('*') {
                    Some(prefix) => dir.starts_with(prefix),
                    None => dir == want,
                })
        });
        (named && placed).then_some(*tool)
    })
}

fn parent_name(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string()
}

/// Whether an unclassified file is worth reading to sniff its content.
pub fn worth_sniffing(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let json = lower.ends_with(".json")
        && !matches!(
            lower.as_str(),
            "package.json" | "package-lock.json" | "tsconfig.json" | "composer.lock"
        );
    json || lower.ends_with(".yml") || lower.ends_with(".yaml")
}

/// Classify a JSON or YAML file by what it contains.
pub fn classify_content(path: &Path, text: &str) -> Option<FileKind> {
    let lower = path.to_string_lossy().to_ascii_lowercase();
    if lower.ends_with(".json") {
        if text.contains("\"mcpServers\"") {
            return Some(FileKind::McpConfig(AgentTool::Any));
        }
        let claude_like = text.contains("\"permissions\"")
            && (text.contains("\"allow\"") || text.contains("\"defaultMode\""))
            || text.contains("\"hooks\"") && text.contains("\"PreToolUse\"")
            || text.contains("\"statusLine\"");
        if claude_like {
            return Some(FileKind::AgentSettings(AgentTool::ClaudeCode));
        }
        let service_account_key = text.contains("\"service_account\"")
            && text.contains("\"private_key\"")
            && text.contains("\"client_email\"");
        if service_account_key {
            return Some(FileKind::CredentialFile);
        }
        return None;
    }
    let has_line = |prefix: &str| text.lines().any(|line| line.starts_with(prefix));
    if has_line("jobs:") && (text.contains("runs-on:") || text.contains("uses:")) {
        return Some(FileKind::GhaWorkflow);
    }
    if lower.contains("gitlab-ci") && (text.contains("script:") || text.contains("include:")) {
        return Some(FileKind::GitlabCi);
    }
    if has_line("services:") && text.contains("image:") {
        return Some(FileKind::Compose);
    }
    None
}

/// A file chosen for linting, before it is read.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// Known from the path, or `None` when only the content can tell.
    pub kind: Option<FileKind>,
}

/// How discovery went for things that are not files to lint.
#[derive(Debug, Default)]
pub struct WalkReport {
    /// Paths that could not be walked (permission denied, vanished), with the reason.
    pub errors: Vec<(PathBuf, String)>,
    /// Files in an agent's folder that agentlint has no reader for: said in the summary, not
    /// dropped in silence.
    pub skipped: Vec<PathBuf>,
}

/// Folders that hold one agent's configuration: an unknown file there may be configuration
/// agentlint cannot place.
const AGENT_FOLDERS: &[&str] = &[
    ".claude",
    ".cursor",
    ".gemini",
    ".codex",
    ".kiro",
    ".roo",
    ".junie",
    ".continue",
    ".windsurf",
    ".amp",
    ".zed",
    ".goose",
    ".opencode",
    ".clinerules",
    ".agent",
    ".agents",
];

/// Extensions that are never configuration (images, archives, logs).
const NOT_CONFIGURATION: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "pdf", "zip", "gz", "tar", "log", "lock",
    "db", "sqlite", "woff", "woff2", "ttf", "mp4", "mov",
];

/// Whether `path` sits in an agent's configuration folder and could be configuration.
pub fn in_agent_folder(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    !NOT_CONFIGURATION.contains(&extension.as_str())
        && path.parent().is_some_and(|parent| {
            parent.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|name| AGENT_FOLDERS.contains(&name))
            })
        })
}

#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    pub respect_gitignore: bool,
    pub threads: usize,
}

/// Walk `roots` in parallel and return the candidate files, sorted by path for a stable order.
pub fn walk(roots: &[PathBuf], options: &WalkOptions) -> (Vec<Candidate>, WalkReport) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    let skipped = Mutex::new(Vec::new());
    for root in roots {
        let meta = fs::symlink_metadata(root);
        match meta {
            Ok(meta) if meta.is_file() => {
                // A file named on the command line is linted even if its name says nothing.
                let kind = classify_path(root);
                push(
                    &found,
                    Candidate {
                        path: root.clone(),
                        kind,
                    },
                );
                continue;
            }
            Ok(_) => {}
            Err(err) => {
                push(&errors, (root.clone(), err.to_string()));
                continue;
            }
        }
        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(false)
            .follow_links(false)
            .git_ignore(options.respect_gitignore)
            .git_global(options.respect_gitignore)
            .git_exclude(options.respect_gitignore)
            .ignore(options.respect_gitignore)
            .parents(options.respect_gitignore)
            .require_git(false)
            .threads(options.threads)
            .filter_entry(|entry| {
                let skip = entry.file_type().is_some_and(|t| t.is_dir())
                    && matches!(
                        entry.file_name().to_str(),
                        Some(".git" | "node_modules" | ".terraform" | ".agentlint_cache")
                    );
                !skip
            });
        builder.build_parallel().run(|| {
            Box::new(|result| {
                match result {
                    Ok(entry) => {
                        let Some(file_type) = entry.file_type() else {
                            return WalkState::Continue;
                        };
                        // Only regular files: FIFOs, sockets and devices are never opened, and
                        // symlinks are not followed (no loops, nothing outside the root).
                        if !file_type.is_file() {
                            return WalkState::Continue;
                        }
                        let path = entry.into_path();
                        let kind = classify_path(&path);
                        if kind.is_some() || worth_sniffing(&path) {
                            push(&found, Candidate { path, kind });
                        } else if in_agent_folder(&path) {
                            push(&skipped, path);
                        }
                    }
                    Err(err) => {
                        let path = error_path(&err).unwrap_or_default();
                        push(&errors, (path, err.to_string()));
                    }
                }
                WalkState::Continue
            })
        });
    }
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    errors.sort();
    let mut skipped = skipped.into_inner().unwrap_or_else(|e| e.into_inner());
    skipped.sort();
    (found, WalkReport { errors, skipped })
}

fn push<T>(list: &Mutex<Vec<T>>, item: T) {
    match list.lock() {
        Ok(mut guard) => guard.push(item),
        Err(poisoned) => poisoned.into_inner().push(item),
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// What reading a candidate gave.
#[derive(Debug, Clone)]
pub enum ReadOutcome {
    Text { text: String, lossy: bool },
    TooLarge(u64),
    Binary,
    Failed(String),
}

/// Read a file, refusing anything that is not a regular file, too large, or binary.
pub fn read_candidate(path: &Path) -> ReadOutcome {
    #[cfg(unix)]
    return read_unix(path);
    #[cfg(not(unix))]
    return read_portable(path);
}

/// One `open` that refuses symlinks (`O_NOFOLLOW`) and cannot block on a FIFO (`O_NONBLOCK`),
/// then `fstat` on the open file: the same guarantees as [`read_portable`] with one system call
/// fewer per file, which was a fifth of the reading cost.
#[cfg(unix)]
fn read_unix(path: &Path) -> ReadOutcome {
    use std::os::unix::fs::OpenOptionsExt;
    let file = match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => file,
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => {
            return ReadOutcome::Failed("a symlink (symlinks are not followed)".to_string())
        }
        Err(err) => return ReadOutcome::Failed(err.to_string()),
    };
    let size = match file.metadata() {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return ReadOutcome::Failed("not a regular file".to_string()),
        Err(err) => return ReadOutcome::Failed(err.to_string()),
    };
    if size > MAX_FILE_BYTES {
        return ReadOutcome::TooLarge(size);
    }
    read_open(file, size)
}

/// `take` guards against a file that grew after the size check.
fn read_open(file: fs::File, size: u64) -> ReadOutcome {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    if let Err(err) = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return ReadOutcome::Failed(err.to_string());
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return ReadOutcome::TooLarge(bytes.len() as u64);
    }
    decode(bytes)
}

#[cfg_attr(unix, allow(dead_code))]
fn read_portable(path: &Path) -> ReadOutcome {
    // `symlink_metadata`: a link (even one named on the command line) is never followed.
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) => return ReadOutcome::Failed(err.to_string()),
    };
    if meta.file_type().is_symlink() {
        return ReadOutcome::Failed("a symlink (symlinks are not followed)".to_string());
    }
    if !meta.is_file() {
        return ReadOutcome::Failed("not a regular file".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return ReadOutcome::TooLarge(meta.len());
    }
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) => return ReadOutcome::Failed(err.to_string()),
    };
    // The path may have been swapped for something else since it was looked at.
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return ReadOutcome::Failed("not a regular file".to_string());
    }
    read_open(file, meta.len())
}

/// Text from bytes: binary content (NUL bytes early on) is refused; invalid UTF-8 is decoded with
/// replacement characters so the rest of the file can still be linted.
pub fn decode(bytes: Vec<u8>) -> ReadOutcome {
    // UTF-16 with a byte-order mark (Windows editors save `.env` files so): decoded, not binary.
    // Offsets are then those of the decoded text.
    if let Some(text) = utf16_text(&bytes) {
        return ReadOutcome::Text { text, lossy: false };
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return ReadOutcome::Binary;
    }
    match String::from_utf8(bytes) {
        // A BOM is kept: offsets stay those of the file on disk, and parsers skip it.
        Ok(text) => ReadOutcome::Text { text, lossy: false },
        Err(err) => {
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            ReadOutcome::Text { text, lossy: true }
        }
    }
}

/// The text of UTF-16 bytes that start with a byte-order mark, if they decode.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let little = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|pair| {
            if little {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        })
        .collect();
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_bom_is_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "TOKEN=abc\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert!(matches!(decode(bytes), ReadOutcome::Text { text, .. } if text == "TOKEN=abc\n"));
    }

    fn kind(path: &str) -> Option<FileKind> {
        classify_path(Path::new(path))
    }

    #[test]
    fn classifies_agent_files() {
        assert_eq!(
            kind("a/CLAUDE.md"),
            Some(FileKind::AgentRules(AgentTool::ClaudeCode))
        );
        assert_eq!(
            kind(".cursor/rules/db.mdc"),
            Some(FileKind::AgentRules(AgentTool::Cursor))
        );
        assert_eq!(
            kind(".claude/settings.local.json"),
            Some(FileKind::AgentSettings(AgentTool::ClaudeCode))
        );
        assert_eq!(
            kind(".codex/config.toml"),
            Some(FileKind::AgentSettings(AgentTool::Codex))
        );
        assert_eq!(
            kind(".vscode/mcp.json"),
            Some(FileKind::McpConfig(AgentTool::VsCode))
        );
        // Other text is read for token shapes only.
        assert_eq!(kind("README.md"), Some(FileKind::TextFile));
        assert_eq!(kind("logo.png"), None);
    }

    #[test]
    fn classifies_infrastructure_files() {
        assert_eq!(kind(".env.production"), Some(FileKind::Dotenv));
        assert_eq!(kind("deploy/prod.env"), Some(FileKind::Dotenv));
        assert_eq!(kind("envs/prod/main.tf"), Some(FileKind::Terraform));
        assert_eq!(kind("prod.tfvars"), Some(FileKind::Tfvars));
        assert_eq!(
            kind(".github/workflows/deploy.yml"),
            Some(FileKind::GhaWorkflow)
        );
        assert_eq!(kind("docker-compose.prod.yml"), Some(FileKind::Compose));
        assert_eq!(kind("scripts/backup.sh"), Some(FileKind::Script));
        assert_eq!(kind(".envrc"), Some(FileKind::Script));
    }

    #[test]
    fn sniffs_content() {
        let mcp = classify_content(Path::new("x/web.json"), r#"{"mcpServers": {}}"#);
        assert_eq!(mcp, Some(FileKind::McpConfig(AgentTool::Any)));
        let wf = classify_content(
            Path::new("ci/node.yml"),
            "on: push\njobs:\n  a:\n    runs-on: x\n",
        );
        assert_eq!(wf, Some(FileKind::GhaWorkflow));
        assert_eq!(classify_content(Path::new("k8s.yaml"), "kind: Pod\n"), None);
    }

    #[test]
    fn binary_is_refused_and_bad_utf8_is_kept() {
        assert!(matches!(decode(vec![b'a', 0, b'b']), ReadOutcome::Binary));
        match decode(vec![b'K', b'=', 0xff, b'\n']) {
            ReadOutcome::Text { lossy, text } => {
                assert!(lossy);
                assert!(text.starts_with("K="));
            }
            _ => panic!("expected text"),
        }
    }
}

#[cfg(all(test, unix))]
mod read_tests {
    use super::*;

    fn outcome(r: &ReadOutcome) -> String {
        match r {
            ReadOutcome::Text { text, lossy } => format!("text {text:?} {lossy}"),
            ReadOutcome::Failed(why) => format!("failed {why}"),
            other => format!("{other:?}"),
        }
    }

    /// The fast Unix reader and the portable one give the same answer for every kind of path.
    #[test]
    fn unix_and_portable_readers_agree() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        fs::write(root.join("plain.env"), "A=1\n").unwrap_or_else(|e| panic!("{e}"));
        fs::write(root.join("binary.env"), b"A\0B").unwrap_or_else(|e| panic!("{e}"));
        fs::write(root.join("latin1.env"), b"A=\xe9\n").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink("plain.env", root.join("link.env"))
            .unwrap_or_else(|e| panic!("{e}"));
        let fifo = root.join("fifo.env");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        for name in [
            "plain.env",
            "binary.env",
            "latin1.env",
            "link.env",
            "fifo.env",
            "missing",
        ] {
            let path = root.join(name);
            let fast = outcome(&read_unix(&path));
            let portable = outcome(&read_portable(&path));
            assert_eq!(fast, portable, "{name}");
        }
        assert!(outcome(&read_unix(&root.join("link.env"))).contains("symlink"));
        assert!(outcome(&read_unix(&fifo)).contains("not a regular file"));
    }
}
