use crate::declare_rule;
use crate::diagnostic::{Applicability, Edit, FileId, Finding, Fix, Label, Severity};
use crate::discover::{AgentTool, FileKind};
use crate::facts::agent_settings::Remedy;
use crate::facts::destructive::{self, effective_words, NETWORK_TOOLS};
use crate::facts::Origin;
use crate::facts::{agent_cli, agent_settings};
use crate::model::{FileModel, Workspace};
use crate::rules::json_fixes;
use crate::rules::WorkspaceRule;
use crate::syntax::{Node, Span, Value};

declare_rule! {
    /// ## What it does
    /// Finds agent configuration that lets an agent act without anyone confirming: Claude Code's
    /// `bypassPermissions` mode and `allow` rules that admit a whole shell (`Bash`, `Bash(*)`) or a
    /// network, cloud or database tool with any argument (`Bash(curl:*)`, `Bash(terraform:*)`…);
    /// Codex `approval_policy = "never"` with `sandbox_mode = "danger-full-access"`; Aider
    /// `yes-always`; VS Code auto-approval of every tool; Gemini MCP servers marked `trust: true`;
    /// and agents started in scripts or CI with `--dangerously-skip-permissions`, `--yolo`,
    /// `--full-auto` and the like. When the repository holds secrets in `.env` files, a Claude Code
    /// project settings file without a `deny` rule for reading them is reported too.
    ///
    /// The settings of the other agents come from one table (`facts/agent_settings.rs`), each row
    /// from the tool's own documentation: Claude Code `enableAllProjectMcpServers`, sub-agents with
    /// `permissionMode: bypassPermissions`, and hooks that answer "allow" to every call
    /// ([settings](https://docs.claude.com/en/docs/claude-code/settings),
    /// [hooks](https://docs.claude.com/en/docs/claude-code/hooks)); Gemini CLI `tools.allowed`
    /// holding the whole shell ([configuration](https://geminicli.com/docs/get-started/configuration/));
    /// Gemini CLI policy files that allow `run_shell_command` with no command prefix
    /// ([policy engine](https://geminicli.com/docs/core/policy-engine/));
    /// VS Code `chat.permissions.default` set to `autoApprove` or `autopilot` and terminal allow
    /// lists that match everything ([tools](https://code.visualstudio.com/docs/copilot/chat/chat-tools));
    /// Cursor `.cursor/permissions.json`; Kiro agents (`allowedTools`, `toolsSettings`) and MCP
    /// `autoApprove` ([agents](https://kiro.dev/docs/cli/custom-agents/configuration-reference/));
    /// Roo Code `alwaysAllow`; OpenCode `permission`
    /// ([permissions](https://opencode.ai/docs/permissions/)); Amp `amp.dangerouslyAllowAll`
    /// and `amp.permissions` ([manual](https://ampcode.com/manual)); Zed
    /// `agent.always_allow_tool_actions` and `agent.tool_permissions`
    /// ([agent settings](https://zed.dev/docs/ai/agent-settings)).
    ///
    /// An agent whose settings run `agentlint guard` as a pre-tool hook (`agentlint guard install`)
    /// is gated: its allow lists and a missing `.env` deny rule are not reported, because each
    /// command they admit is still judged against the repository's perimeter when it runs. Modes
    /// and flags that switch prompts off are still reported.
    ///
    /// ## Why is this bad?
    /// In the incident nothing stood between the agent's guess and the API call. A permission
    /// prompt is the cheapest gate there is; these settings remove it for every command the agent
    /// can think of, including `curl` to an infrastructure API with a token it found.
    ///
    /// ## Example
    /// ```.claude/settings.json
    /// {
    ///   "permissions": {
    ///     "defaultMode": "bypassPermissions",
    ///     "allow": ["Bash(curl:*)"]
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```.claude/settings.json
    /// {
    ///   "permissions": {
    ///     "defaultMode": "default",
    ///     "allow": ["Bash(npm run test:*)", "Bash(git diff:*)"],
    ///     "deny": ["Read(./.env)", "Read(./.env.*)"]
    ///   }
    /// }
    /// ```
    pub struct AgentActsWithoutConfirmation {
        id: "AL301",
        name: "agent-acts-without-confirmation",
        category: DestructiveCapability,
        severity: Warning,
        summary: "agent settings or flags that let an agent run commands without a human confirming",
        input: Workspace,
    }
}

impl WorkspaceRule for AgentActsWithoutConfirmation {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            let guarded = behind_guard(workspace, file);
            let mut out = Out {
                file,
                findings,
                guarded,
            };
            if let Some(doc) = file.syntax.data() {
                for root in &doc.roots {
                    match file.source.kind {
                        FileKind::AgentSettings(AgentTool::ClaudeCode) => {
                            let secret = env_secret(workspace, file)
                                .filter(|_| !sibling_denies_env(workspace, file));
                            claude(root, secret, &mut out)
                        }
                        FileKind::AgentSettings(AgentTool::Codex) => codex(root, &mut out),
                        FileKind::AgentSettings(AgentTool::Aider) => aider(root, &mut out),
                        FileKind::AgentSettings(AgentTool::VsCode) => vscode(root, &mut out),
                        FileKind::AgentSettings(AgentTool::Cursor) => cursor_cli(root, &mut out),
                        _ => {}
                    }
                    if file.source.kind.is_agent_file() {
                        trusted_mcp_servers(root, &mut out);
                        documented_keys(file.source.kind, root, &mut out);
                        approving_hooks(root, &mut out);
                    }
                }
            }
            sub_agent(file, &mut out);
            for fact in &file.facts.commands {
                if fact.origin == Origin::AgentInstructions {
                    continue;
                }
                autonomy_flags(file, fact, &mut out);
            }
        }
    }
}

/// A confident secret in a real (not template) `.env` file of the project that a `.claude/`
/// settings file belongs to: the project root is the folder that holds `.claude/`.
fn env_secret(workspace: &Workspace, settings: &FileModel) -> Option<(FileId, Span)> {
    let path = &settings.source.path;
    let root = path.strip_suffix(path.rsplit('/').next().unwrap_or(""))?;
    let root = root.strip_suffix(".claude/")?;
    workspace.files.iter().find_map(|f| {
        let name = f.source.path.rsplit('/').next().unwrap_or("");
        let template = crate::environments::is_template_file(name);
        if f.source.kind != FileKind::Dotenv || template || !f.source.path.starts_with(root) {
            return None;
        }
        f.facts
            .credentials
            .iter()
            .find(|c| c.secret.confidence != crate::secrets::Confidence::Low)
            .map(|c| (f.id, c.span))
    })
}

struct Out<'a> {
    file: &'a FileModel,
    findings: &'a mut Vec<Finding>,
    /// `agentlint guard` runs before this agent's tools: what an allow list admits is still
    /// judged at the moment it runs, so allow lists are not "without confirmation".
    guarded: bool,
}

/// Whether the agent a settings file configures runs `agentlint guard` as a pre-tool hook: the
/// file itself, or a settings file of the same agent in the same folder (Claude Code merges
/// `.claude/settings*.json`; Cursor keeps hooks in `.cursor/hooks.json`, Codex in
/// `.codex/hooks.json` or `config.toml`).
fn behind_guard(workspace: &Workspace, file: &FileModel) -> bool {
    let FileKind::AgentSettings(tool) = file.source.kind else {
        return false;
    };
    let dir = |f: &FileModel| f.source.path.rsplit_once('/').map(|(d, _)| d.to_string());
    let own = dir(file);
    workspace.files.iter().any(|f| {
        f.source.kind == FileKind::AgentSettings(tool)
            && dir(f) == own
            && f.syntax
                .data()
                .is_some_and(|doc| doc.roots.iter().any(agent_settings::runs_guard))
    })
}

impl Out<'_> {
    fn push(&mut self, span: Span, severity: Severity, message: String, label: &str, key: &str) {
        self.push_fixed(span, severity, message, label, key, None);
    }

    fn push_fixed(
        &mut self,
        span: Span,
        severity: Severity,
        message: String,
        label: &str,
        key: &str,
        fix: Option<Fix>,
    ) {
        let finding = Finding::new(AgentActsWithoutConfirmation::META, Label::new(self.file.id, span, label), message)
            .severity(severity)
            .environment(self.file.env.clone())
            .why("nothing stands between the agent's guess and the command: no prompt, no review")
            .help("allow only the commands the work needs, keep destructive and network tools behind a prompt, and deny reading secret files")
            .key(key.to_string());
        self.findings.push(match fix {
            Some(fix) => finding.fix(fix),
            None => finding,
        });
    }
}

/// A safe fix of one or more edits (all must be possible).
fn fix(title: &str, edits: Option<Vec<Edit>>) -> Option<Fix> {
    Some(Fix {
        title: title.to_string(),
        applicability: Applicability::Safe,
        edits: edits?,
    })
}

/// `rule` moved from `permissions.allow` (item `index`) to the front of `permissions.ask`, created
/// when missing: the command still runs, after a prompt.
fn move_to_ask(
    file: &FileModel,
    permissions: &Node,
    index: usize,
    rule: &str,
) -> Option<Vec<Edit>> {
    let allow = permissions.get("allow")?;
    let item = serde_json::to_string(rule).ok()?;
    let add = match permissions.get("ask") {
        Some(ask) => json_fixes::prepend_item(file.id, ask, &item)?,
        None => json_fixes::add_entry(
            file.id,
            &file.source.text,
            permissions,
            "ask",
            &format!("[{item}]"),
        )?,
    };
    Some(vec![
        json_fixes::remove_item(file.id, &file.source.text, allow, index)?,
        add,
    ])
}

fn claude(root: &Node, env_secret: Option<(FileId, Span)>, out: &mut Out<'_>) {
    let Some(permissions) = root.get("permissions") else {
        return;
    };
    if let Some(mode) = permissions.get("defaultMode") {
        if mode.as_str() == Some("bypassPermissions") {
            let edit = json_fixes::replace(out.file.id, mode.span, "\"default\"");
            out.push_fixed(
                mode.span,
                Severity::Error,
                "Claude Code runs every tool without asking (`bypassPermissions`)".into(),
                "no permission prompt for any command",
                "permissions.defaultMode",
                fix(
                    "set `defaultMode` to `default`: ask before tools run",
                    Some(vec![edit]),
                ),
            );
        }
    }
    for (index, item) in permissions
        .get("allow")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let Some(rule) = item.as_str() else { continue };
        if out.guarded {
            continue;
        }
        if let Some((severity, what)) = judge_allow(rule, "Bash") {
            let edits = move_to_ask(out.file, permissions, index, rule);
            out.push_fixed(
                item.span,
                severity,
                format!("Claude Code may run {what} without asking (`{rule}`)"),
                "allowed without a prompt",
                &format!("permissions.allow.{rule}"),
                fix(&format!("move `{rule}` from `allow` to `ask`"), edits),
            );
        }
    }
    // Behind the guard, reading a secret file is asked about (or denied) when it happens.
    let env_secret = env_secret.filter(|_| !out.guarded);
    if let (false, Some((env_file, env_span))) = (denies_env(permissions), env_secret) {
        let anchor = root
            .entry("permissions")
            .map_or(permissions.span, |e| e.key_span);
        let mut finding = Finding::new(
            AgentActsWithoutConfirmation::META,
            Label::new(out.file.id, anchor, "no `deny` rule for `.env` files"),
            "Claude Code may read `.env` files that hold secrets: no `Read(./.env*)` deny rule",
        )
        .environment(out.file.env.clone())
        .why("an agent that can read the token can use it; in the incident the token came from an unrelated file")
        .help("add \"deny\": [\"Read(./.env)\", \"Read(./.env.*)\"] to `permissions`")
        .key("permissions.deny");
        let deny_env = match permissions.get("deny") {
            Some(deny) => {
                json_fixes::prepend_item(out.file.id, deny, "\"Read(./.env)\", \"Read(./.env.*)\"")
            }
            None => json_fixes::add_entry(
                out.file.id,
                &out.file.source.text,
                permissions,
                "deny",
                "[\"Read(./.env)\", \"Read(./.env.*)\"]",
            ),
        };
        if let Some(fix) = fix("deny reading `.env` files", deny_env.map(|e| vec![e])) {
            finding = finding.fix(fix);
        }
        finding = finding.related(Label::new(
            env_file,
            env_span,
            "a secret the agent can read",
        ));
        out.findings.push(finding);
    }
}

/// Whether another Claude Code settings file of the same `.claude/` folder denies reading `.env`
/// files: Claude Code merges permission arrays across `settings.json` and `settings.local.json`.
fn sibling_denies_env(workspace: &Workspace, settings: &FileModel) -> bool {
    let dir = |f: &FileModel| f.source.path.rsplit_once('/').map(|(d, _)| d.to_string());
    let own = dir(settings);
    workspace.files.iter().any(|f| {
        f.id != settings.id
            && f.source.kind == FileKind::AgentSettings(AgentTool::ClaudeCode)
            && dir(f) == own
            && f.syntax.data().is_some_and(|doc| {
                doc.roots
                    .iter()
                    .any(|root| root.get("permissions").is_some_and(denies_env))
            })
    })
}

/// Whether a `permissions` object denies reading `.env` files.
fn denies_env(permissions: &Node) -> bool {
    permissions
        .get("deny")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .any(|d| d.as_str().is_some_and(|s| s.contains(".env")))
}

/// Judge one allow rule: a whole shell, or a risky tool with any argument.
fn judge_allow(rule: &str, shell_tool: &str) -> Option<(Severity, String)> {
    let rule = rule.trim();
    if rule == shell_tool {
        return Some((Severity::Error, "any shell command".into()));
    }
    let inner = rule
        .strip_prefix(shell_tool)?
        .strip_prefix('(')?
        .strip_suffix(')')?
        .trim();
    if matches!(inner, "*" | ":*" | "**" | "") {
        return Some((Severity::Error, "any shell command".into()));
    }
    // `curl:*`, `curl *`, `curl*`
    // Cursor's `Shell(terraform)` names a command's base: any arguments may follow.
    let cursor_base = (shell_tool == "Shell").then_some(inner);
    let Some(prefix) = inner
        .strip_suffix(":*")
        .or_else(|| inner.strip_suffix(" *"))
        .or_else(|| inner.strip_suffix('*'))
        .map(str::trim)
        .or(cursor_base)
    else {
        // An exact command: `Bash(terraform destroy -auto-approve)`.
        let script = crate::syntax::shell::parse(inner, 0);
        return script
            .commands
            .first()
            .and_then(destructive::classify)
            .map(|d| (Severity::Error, format!("`{}` ({})", d.shown, d.effect)));
    };
    let tool = prefix.split_whitespace().next()?;
    let whole_tool = prefix.split_whitespace().count() == 1;
    if whole_tool {
        return NETWORK_TOOLS
            .contains(&tool)
            .then(|| (Severity::Warning, format!("`{tool}` with any arguments")));
    }
    // `Bash(terraform destroy:*)`, `Bash(railway volume delete:*)`: a destructive operation itself.
    destructive::classify_prefix(prefix).map(|d| {
        (
            Severity::Error,
            format!("`{}` with any arguments ({})", d.shown, d.effect),
        )
    })
}

fn codex(root: &Node, out: &mut Out<'_>) {
    let approval = root.get("approval_policy");
    let sandbox = root.get("sandbox_mode");
    let never = approval.filter(|n| n.as_str() == Some("never"));
    let full = sandbox.filter(|n| n.as_str() == Some("danger-full-access"));
    // Codex's documented prompting policy and its default sandbox.
    let ask = |n: &Node| replace_literal(out.file, n.span, "\"on-request\"");
    let sandboxed = |n: &Node| replace_literal(out.file, n.span, "\"workspace-write\"");
    match (never, full) {
        (Some(a), Some(s)) => {
            let edits = ask(a).zip(sandboxed(s)).map(|(x, y)| vec![x, y]);
            out.push_fixed(
                a.span,
                Severity::Error,
                "Codex runs every command without asking and without a sandbox (`approval_policy = \"never\"`, `sandbox_mode = \"danger-full-access\"`)".into(),
                "never asks",
                "approval_policy",
                fix("ask on request, in the workspace sandbox", edits),
            )
        }
        (Some(a), None) => {
            let edits = ask(a).map(|e| vec![e]);
            out.push_fixed(
                a.span,
                Severity::Warning,
                "Codex never asks before running a command (`approval_policy = \"never\"`)".into(),
                "never asks",
                "approval_policy",
                fix("set `approval_policy` to \"on-request\"", edits),
            )
        }
        (None, Some(s)) => {
            let edits = sandboxed(s).map(|e| vec![e]);
            out.push_fixed(
                s.span,
                Severity::Warning,
                "Codex runs commands with full access to the machine and network (`danger-full-access`)".into(),
                "no sandbox",
                "sandbox_mode",
                fix("set `sandbox_mode` to \"workspace-write\"", edits),
            )
        }
        (None, None) => {}
    }
    for profile in root.get("profiles").map(Node::entries).unwrap_or(&[]) {
        codex(&profile.value, out);
    }
}

fn aider(root: &Node, out: &mut Out<'_>) {
    if let Some(node) = root.get("yes-always").filter(|n| n.as_bool() == Some(true)) {
        let edits = replace_literal(out.file, node.span, "false").map(|e| vec![e]);
        out.push_fixed(
            node.span,
            Severity::Warning,
            "Aider confirms every prompt by itself, shell commands included (`yes-always: true`)"
                .into(),
            "auto-confirms",
            "yes-always",
            fix("set `yes-always` to false", edits),
        );
    }
}

fn vscode(root: &Node, out: &mut Out<'_>) {
    for key in ["chat.tools.autoApprove", "chat.tools.global.autoApprove"] {
        if let Some(node) = root.get(key).filter(|n| n.as_bool() == Some(true)) {
            let edits = replace_literal(out.file, node.span, "false").map(|e| vec![e]);
            out.push_fixed(
                node.span,
                Severity::Error,
                format!("VS Code agents run every tool without asking (`{key}`)"),
                "approves every tool",
                key,
                fix(&format!("set `{key}` to false"), edits),
            );
        }
    }
    for terminal_key in [
        "chat.tools.terminal.autoApprove",
        "chat.agent.terminal.autoApprove",
        "chat.agent.terminal.allowList",
        "github.copilot.chat.agent.terminal.allowList",
    ] {
        let Some(map) = root.get(terminal_key) else {
            continue;
        };
        for entry in map.entries() {
            let everything = matches!(
                entry.key.as_str(),
                "/.*/" | "/.+/" | "*" | "/^.*$/" | "/^.+$/"
            );
            let risky = NETWORK_TOOLS.contains(&entry.key.as_str());
            if (everything || risky) && entry.value.as_bool() == Some(true) {
                // `false` is VS Code's "always ask" for a pattern.
                let edits = replace_literal(out.file, entry.value.span, "false").map(|e| vec![e]);
                out.push_fixed(
                    entry.key_span,
                    if everything {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    format!(
                        "VS Code agents may run `{}` in the terminal without asking",
                        entry.key
                    ),
                    "auto-approved",
                    &format!("{terminal_key}.{}", entry.key),
                    fix(&format!("ask before `{}` runs", entry.key), edits),
                );
            }
        }
    }
}

fn cursor_cli(root: &Node, out: &mut Out<'_>) {
    let Some(permissions) = root.get("permissions") else {
        return;
    };
    let Some(allow) = permissions.get("allow") else {
        return;
    };
    for (index, item) in allow.items().iter().enumerate() {
        let Some(rule) = item.as_str() else { continue };
        if out.guarded {
            continue;
        }
        if let Some((severity, what)) = judge_allow(rule, "Shell") {
            // Cursor has no `ask` list: a command not allowed is asked about.
            let edits = json_fixes::remove_item(out.file.id, &out.file.source.text, allow, index)
                .map(|e| vec![e]);
            out.push_fixed(
                item.span,
                severity,
                format!("Cursor may run {what} without asking (`{rule}`)"),
                "allowed without a prompt",
                &format!("permissions.allow.{rule}"),
                fix(&format!("take `{rule}` out of `allow`: Cursor asks"), edits),
            );
        }
    }
}

/// The documented settings of every tool that remove the prompt (`facts::agent_settings`).
fn documented_keys(kind: FileKind, root: &Node, out: &mut Out<'_>) {
    for hit in agent_settings::hits(kind, root) {
        // An allow list or allowing rule behind the guard is judged at run time.
        let admits = matches!(
            hit.key.danger,
            agent_settings::Danger::ListHolds(_) | agent_settings::Danger::RuleAllows { .. }
        );
        if admits && out.guarded {
            continue;
        }
        // The table's remedy, in JSON, TOML or YAML alike: a switch back to `false`, the
        // prompting value in place of `"allow"`, a blanket item out of an allow list.
        let switch_off = match &hit.remedy {
            Some(Remedy::Replace { span, with }) => replace_literal(out.file, *span, with)
                .and_then(|edit| {
                    fix(
                        &format!("set `{}` to {with}", hit.key.key),
                        Some(vec![edit]),
                    )
                }),
            Some(Remedy::RemoveItem { list, index }) => fix(
                &format!("take {} out of `{}`", hit.shown, hit.key.key),
                json_fixes::remove_item(out.file.id, &out.file.source.text, list, *index)
                    .map(|e| vec![e]),
            ),
            None => None,
        };
        out.push_fixed(
            hit.span,
            hit.key.severity,
            format!(
                "{}: {} (`{}`: {})",
                hit.key.tool, hit.key.effect, hit.key.key, hit.shown
            ),
            "no prompt",
            hit.key.key,
            switch_off,
        );
    }
}

/// `span` rewritten as `with` when it holds a plain literal (`true`, a quoted string): a value
/// built from anything else is left for a human.
fn replace_literal(file: &FileModel, span: Span, with: &str) -> Option<Edit> {
    let text = span.slice(&file.source.text);
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"')
            || text.starts_with('\'') && text.ends_with('\''));
    (quoted || text == "true").then(|| json_fixes::replace(file.id, span, with))
}

/// Hooks that answer "allow" to every call by themselves.
fn approving_hooks(root: &Node, out: &mut Out<'_>) {
    for command in agent_settings::approving_hooks(root) {
        out.push(
            command.span,
            Severity::Warning,
            "a hook approves every tool call by itself: nothing is left to confirm".into(),
            "answers \"allow\" whatever the call",
            "hooks",
        );
    }
}

/// Claude Code sub-agents (`.claude/agents/*.md`) whose front matter bypasses permissions.
fn sub_agent(file: &FileModel, out: &mut Out<'_>) {
    let (FileKind::AgentRules(AgentTool::ClaudeCode), crate::syntax::Syntax::Markdown(doc)) =
        (file.source.kind, &file.syntax)
    else {
        return;
    };
    if !file.rel_path.contains(".claude/agents/") {
        return;
    }
    let Some(span) = doc
        .front_matter
        .and_then(|fm| agent_settings::agent_permission_mode(&file.source.text, fm))
    else {
        return;
    };
    let to_default = match span.slice(&file.source.text) {
        "bypassPermissions" => Some("default"),
        "\"bypassPermissions\"" | "'bypassPermissions'" => Some("\"default\""),
        _ => None,
    }
    .map(|with| vec![json_fixes::replace(file.id, span, with)]);
    out.push_fixed(
        span,
        Severity::Error,
        "Claude Code sub-agent runs every tool without asking (`permissionMode: bypassPermissions`)".into(),
        "no permission prompt for any command",
        "permissionMode",
        fix("set `permissionMode` to `default`", to_default),
    );
}

/// Gemini CLI `trust: true` and Cline `autoApprove` on MCP servers.
fn trusted_mcp_servers(root: &Node, out: &mut Out<'_>) {
    for servers_key in ["mcpServers", "servers"] {
        for server in root.get(servers_key).map(Node::entries).unwrap_or(&[]) {
            if let Some(node) = server
                .value
                .get("trust")
                .filter(|n| n.as_bool() == Some(true))
            {
                let edits = replace_literal(out.file, node.span, "false").map(|e| vec![e]);
                out.push_fixed(
                    node.span,
                    Severity::Warning,
                    format!(
                        "MCP server `{}` is trusted: its tools run without confirmation",
                        server.key
                    ),
                    "`trust: true` skips every confirmation",
                    &format!("{servers_key}.{}.trust", server.key),
                    fix("set `trust` to false", edits),
                );
            }
            // Cline and Kiro `autoApprove`, Roo Code `alwaysAllow`.
            let approved = server
                .value
                .get("autoApprove")
                .or_else(|| server.value.get("alwaysAllow"));
            if let Some(node) = approved {
                if matches!(&node.value, Value::Seq(items) if !items.is_empty()) {
                    let every = node.items().iter().any(|i| i.as_str() == Some("*"));
                    let emptied = node
                        .span
                        .slice(&out.file.source.text)
                        .starts_with('[')
                        .then(|| vec![json_fixes::replace(out.file.id, node.span, "[]")]);
                    out.push_fixed(
                        node.span,
                        if every {
                            Severity::Warning
                        } else {
                            Severity::Info
                        },
                        format!(
                            "MCP server `{}` has tools approved without confirmation",
                            server.key
                        ),
                        "auto-approved tools",
                        &format!("{servers_key}.{}.autoApprove", server.key),
                        fix("approve none of the server's tools by default", emptied),
                    );
                }
            }
        }
    }
}

/// Agents started with flags that turn confirmation off.
fn autonomy_flags(file: &FileModel, fact: &crate::facts::CommandFact, out: &mut Out<'_>) {
    let owned = effective_words(&fact.command);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let Some(name) = words.first().copied() else {
        return;
    };
    // The word to point at: found among the program's words, placed by its text among the
    // command's own words (which carry spans).
    let Some((index, shown)) = agent_cli::autonomy_option(&words) else {
        return;
    };
    let option = words[index];
    let Some(at) = fact.command.words.iter().position(|w| w.text == option) else {
        return;
    };
    let flag = &fact.command.words[at];
    // `--permission-mode bypassPermissions`: the value goes with the option.
    let last = if shown.contains(' ') && !option.contains('=') {
        fact.command.words.get(at + 1)
    } else {
        Some(flag)
    };
    // Only words written as they are read (no quotes, no escapes) are taken out by span.
    let verbatim = |w: &&crate::syntax::ShellWord| w.span.slice(&file.source.text) == w.text;
    let edit = last
        .filter(verbatim)
        .filter(|_| verbatim(&flag))
        .and_then(|last| drop_option(file, flag.span, last.span));
    let who = match &fact.origin {
        Origin::CiJob(j) => file
            .facts
            .jobs
            .get(*j)
            .map(|job| format!("CI job `{}` starts", job.name))
            .unwrap_or_else(|| "a CI job starts".into()),
        _ => "this script starts".into(),
    };
    out.push_fixed(
        flag.span,
        Severity::Error,
        format!("{who} `{name}` with `{shown}`: it runs every command without asking"),
        "confirmation turned off",
        &format!("{name} {shown}"),
        edit.map(|edit| Fix {
            title: format!(
                "remove `{shown}`: the agent asks, and where no one can answer it stops"
            ),
            applicability: Applicability::Unsafe,
            edits: vec![edit],
        }),
    );
}

/// The option from `first` to `last` taken out of a command line with the blank before it. On a
/// line of its own in a continued command the line goes; the last line of one takes the previous
/// line's `\\` with it, so the next line is not joined to the command.
fn drop_option(file: &FileModel, first: Span, last: Span) -> Option<Edit> {
    let text = file.source.text.as_str();
    let bytes = text.as_bytes();
    if first.start > last.start || last.end > text.len() {
        return None;
    }
    let mut start = first.start;
    while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    let mut end = last.end;
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = text[end..line_end].trim();
    let alone = start == 0 || bytes[start - 1] == b'\n';
    if alone {
        match rest {
            "\\" => end = (line_end + 1).min(text.len()),
            "" => {
                let before = text[..start.saturating_sub(1)].trim_end_matches(['\r', ' ']);
                let continuation = before.strip_suffix('\\')?;
                start = continuation.trim_end_matches([' ', '\t']).len();
                end = line_end;
            }
            _ => return None,
        }
    }
    Some(Edit {
        file: file.id,
        span: Span::new(start, end),
        replacement: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_rules() {
        assert_eq!(
            judge_allow("Bash", "Bash").map(|j| j.0),
            Some(Severity::Error)
        );
        assert_eq!(
            judge_allow("Bash(*)", "Bash").map(|j| j.0),
            Some(Severity::Error)
        );
        assert_eq!(
            judge_allow("Bash(curl:*)", "Bash").map(|j| j.0),
            Some(Severity::Warning)
        );
        assert_eq!(judge_allow("Bash(npm run test:*)", "Bash"), None);
        assert_eq!(judge_allow("Bash(git diff:*)", "Bash"), None);
        assert_eq!(judge_allow("Read(./src/**)", "Bash"), None);
    }

    #[test]
    fn destructive_allows_are_errors() {
        let error = |rule: &str, tool: &str| judge_allow(rule, tool).map(|j| j.0);
        // The incident's call, allowed by prefix; a destroy allowed exactly; Cursor's base form.
        assert_eq!(
            error("Bash(railway volume delete:*)", "Bash"),
            Some(Severity::Error)
        );
        assert_eq!(
            error("Bash(terraform destroy:*)", "Bash"),
            Some(Severity::Error)
        );
        assert_eq!(
            error("Bash(kubectl delete:*)", "Bash"),
            Some(Severity::Error)
        );
        assert_eq!(
            error("Bash(terraform destroy -auto-approve)", "Bash"),
            Some(Severity::Error)
        );
        assert_eq!(error("Shell(terraform)", "Shell"), Some(Severity::Warning));
        assert_eq!(
            error("Shell(terraform destroy)", "Shell"),
            Some(Severity::Error)
        );
        // Look-alikes stay quiet.
        assert_eq!(error("Bash(terraform plan:*)", "Bash"), None);
        assert_eq!(error("Bash(kubectl get:*)", "Bash"), None);
        assert_eq!(error("Bash(aws s3 ls:*)", "Bash"), None);
        assert_eq!(error("Shell(git)", "Shell"), None);
    }
}
