//! Settings that let a coding agent act without asking, as one table for every tool: the file
//! kind, the key, the values that remove the prompt, and where the tool documents it. AL301 reads
//! the table; a new tool or a renamed key is a new row, not new code.
//!
//! The rows come from each tool's documentation (`test-data/agents/permission-keys.tsv` keeps the
//! research with its sources). Settings that only exist outside a repository (user settings,
//! IDE-only switches) are not here: agentlint cannot see them.

use crate::diagnostic::Severity;
use crate::discover::{AgentTool, FileKind};
use crate::syntax::{Node, Span, Value};

/// What makes a setting dangerous.
#[derive(Clone, Copy, Debug)]
pub enum Danger {
    /// The value is `true`.
    True,
    /// The value is one of these strings.
    OneOf(&'static [&'static str]),
    /// A list holding one of these strings (`"*"`, `"run_shell_command"`).
    ListHolds(&'static [&'static str]),
    /// A string that is one of these, or a map whose `"*"` entry is one of these (OpenCode's
    /// `permission.bash`).
    ValueOrWildcard(&'static [&'static str]),
    /// A list of rule objects with `field` = `value` (`{"tool": "Bash", "action": "allow"}`) and
    /// no narrowing `matches`.
    RuleAllows {
        tool_field: &'static str,
        tools: &'static [&'static str],
        action_field: &'static str,
        action: &'static str,
    },
}

/// One documented setting.
pub struct PermissionKey {
    pub kind: FileKind,
    /// Dotted key path; a key that itself holds dots (`chat.permissions.default` in VS Code) is
    /// looked up whole first.
    pub key: &'static str,
    pub danger: Danger,
    pub severity: Severity,
    /// The documented value that brings the prompt back (`"ask"`, `"confirm"`, `"ask_user"`), for
    /// settings whose danger is a string value or a rule's action; `true` switches become `false`
    /// and list items are taken out without it.
    pub ask: Option<&'static str>,
    /// What the setting does, for the message: "every tool runs without asking".
    pub effect: &'static str,
    pub tool: &'static str,
    pub source: &'static str,
}

use Danger::*;
use Severity::{Error, Warning};

const fn settings(tool: AgentTool) -> FileKind {
    FileKind::AgentSettings(tool)
}

/// The table.
pub const PERMISSION_KEYS: &[PermissionKey] = &[
    PermissionKey {
        kind: settings(AgentTool::ClaudeCode),
        key: "enableAllProjectMcpServers",
        danger: True,
        severity: Warning,
        ask: None,
        effect: "every MCP server the repository declares is enabled without asking",
        tool: "Claude Code",
        source: "https://docs.claude.com/en/docs/claude-code/settings",
    },
    PermissionKey {
        kind: settings(AgentTool::GeminiCli),
        key: "tools.allowed",
        danger: ListHolds(&["run_shell_command", "ShellTool", "*"]),
        severity: Error,
        ask: None,
        effect: "any shell command runs without asking",
        tool: "Gemini CLI",
        source: "https://geminicli.com/docs/get-started/configuration/",
    },
    PermissionKey {
        kind: settings(AgentTool::GeminiCli),
        key: "rule",
        danger: RuleAllows {
            tool_field: "toolName",
            tools: &["run_shell_command", "*"],
            action_field: "decision",
            action: "allow",
        },
        severity: Error,
        ask: Some("ask_user"),
        effect: "a policy rule lets any shell command run without asking",
        tool: "Gemini CLI",
        source: "https://geminicli.com/docs/core/policy-engine/",
    },
    PermissionKey {
        kind: settings(AgentTool::GeminiCli),
        key: "autoAccept",
        danger: True,
        severity: Warning,
        ask: None,
        effect: "tool calls are accepted without asking",
        tool: "Gemini CLI",
        source: "https://geminicli.com/docs/get-started/configuration/",
    },
    PermissionKey {
        kind: settings(AgentTool::GeminiCli),
        key: "tools.autoAccept",
        danger: True,
        severity: Warning,
        ask: None,
        effect: "tool calls are accepted without asking",
        tool: "Gemini CLI",
        source: "https://geminicli.com/docs/get-started/configuration/",
    },
    PermissionKey {
        kind: settings(AgentTool::VsCode),
        key: "chat.permissions.default",
        danger: OneOf(&["autoApprove", "autopilot"]),
        severity: Error,
        ask: Some("default"),
        effect: "agents bypass every approval",
        tool: "VS Code",
        source: "https://code.visualstudio.com/docs/copilot/chat/chat-tools",
    },
    PermissionKey {
        kind: settings(AgentTool::VsCode),
        key: "roo-cline.allowedCommands",
        danger: ListHolds(&["*"]),
        severity: Error,
        ask: None,
        effect: "Roo Code runs any terminal command without asking",
        tool: "Roo Code",
        source: "https://docs.roocode.com/features/auto-approving-actions",
    },
    PermissionKey {
        kind: settings(AgentTool::Cursor),
        key: "terminalAllowlist",
        danger: ListHolds(&["*"]),
        severity: Error,
        ask: None,
        effect: "any terminal command runs without asking",
        tool: "Cursor",
        source: "https://cursor.com/docs/agent/terminal",
    },
    PermissionKey {
        kind: settings(AgentTool::Cursor),
        key: "autoRun",
        danger: True,
        severity: Warning,
        ask: None,
        effect: "agent commands run without asking",
        tool: "Cursor",
        source: "https://cursor.com/docs/agent/terminal",
    },
    PermissionKey {
        kind: settings(AgentTool::Kiro),
        key: "allowedTools",
        danger: ListHolds(&["*", "@builtin", "execute_bash", "shell"]),
        severity: Error,
        ask: None,
        effect: "the agent runs shell commands without asking",
        tool: "Kiro",
        source: "https://kiro.dev/docs/cli/custom-agents/configuration-reference/",
    },
    PermissionKey {
        kind: settings(AgentTool::Kiro),
        key: "toolsSettings.shell.allowedCommands",
        danger: ListHolds(&[".*", ".+", "*"]),
        severity: Error,
        ask: None,
        effect: "any shell command runs without asking",
        tool: "Kiro",
        source: "https://kiro.dev/docs/cli/custom-agents/configuration-reference/",
    },
    PermissionKey {
        kind: settings(AgentTool::Kiro),
        key: "toolsSettings.execute_bash.allowedCommands",
        danger: ListHolds(&[".*", ".+", "*"]),
        severity: Error,
        ask: None,
        effect: "any shell command runs without asking",
        tool: "Kiro",
        source: "https://kiro.dev/docs/cli/custom-agents/configuration-reference/",
    },
    PermissionKey {
        kind: settings(AgentTool::OpenCode),
        key: "permission",
        danger: OneOf(&["allow"]),
        severity: Error,
        ask: Some("ask"),
        effect: "every tool, the shell included, runs without asking",
        tool: "OpenCode",
        source: "https://opencode.ai/docs/permissions/",
    },
    PermissionKey {
        kind: settings(AgentTool::OpenCode),
        key: "permission.bash",
        danger: ValueOrWildcard(&["allow"]),
        severity: Error,
        ask: Some("ask"),
        effect: "any shell command runs without asking",
        tool: "OpenCode",
        source: "https://opencode.ai/docs/permissions/",
    },
    PermissionKey {
        kind: settings(AgentTool::OpenCode),
        key: "permissions",
        danger: RuleAllows {
            tool_field: "action",
            tools: &["shell", "bash", "*"],
            action_field: "effect",
            action: "allow",
        },
        severity: Error,
        ask: Some("ask"),
        effect: "any shell command runs without asking",
        tool: "OpenCode",
        source: "https://opencode.ai/docs/permissions/",
    },
    PermissionKey {
        kind: settings(AgentTool::Amp),
        key: "amp.dangerouslyAllowAll",
        danger: True,
        severity: Error,
        ask: None,
        effect: "every tool runs without asking",
        tool: "Amp",
        source: "https://ampcode.com/manual",
    },
    PermissionKey {
        kind: settings(AgentTool::Amp),
        key: "amp.commands.allowlist",
        danger: ListHolds(&["*"]),
        severity: Error,
        ask: None,
        effect: "any shell command runs without asking",
        tool: "Amp",
        source: "https://ampcode.com/manual",
    },
    PermissionKey {
        kind: settings(AgentTool::Amp),
        key: "amp.permissions",
        danger: RuleAllows {
            tool_field: "tool",
            tools: &["Bash", "*"],
            action_field: "action",
            action: "allow",
        },
        severity: Error,
        ask: Some("ask"),
        effect: "any shell command runs without asking",
        tool: "Amp",
        source: "https://ampcode.com/manual#permissions",
    },
    PermissionKey {
        kind: settings(AgentTool::Zed),
        key: "agent.always_allow_tool_actions",
        danger: True,
        severity: Error,
        ask: None,
        effect: "every tool action runs without asking",
        tool: "Zed",
        source: "https://zed.dev/docs/ai/agent-settings",
    },
    PermissionKey {
        kind: settings(AgentTool::Zed),
        key: "agent.tool_permissions.default",
        danger: OneOf(&["allow"]),
        severity: Error,
        ask: Some("confirm"),
        effect: "every tool runs without asking",
        tool: "Zed",
        source: "https://zed.dev/docs/ai/agent-settings",
    },
    PermissionKey {
        kind: settings(AgentTool::Zed),
        key: "agent.tool_permissions.tools.terminal.default",
        danger: OneOf(&["allow"]),
        severity: Error,
        ask: Some("confirm"),
        effect: "any terminal command runs without asking",
        tool: "Zed",
        source: "https://zed.dev/docs/ai/agent-settings",
    },
];

/// A setting found dangerous in a file.
pub struct Hit<'a> {
    pub key: &'static PermissionKey,
    /// The value that removes the prompt (the list item, or the whole value).
    pub span: Span,
    pub shown: String,
    /// The one edit that brings the prompt back, when the table knows it.
    pub remedy: Option<Remedy<'a>>,
}

/// How a dangerous setting is undone: `true` becomes `false`, a string or a rule's action
/// becomes the row's [`PermissionKey::ask`] value, a list item is taken out.
pub enum Remedy<'a> {
    /// The value at `span` (a literal: `true`, `"allow"`) is written as `with`.
    Replace { span: Span, with: String },
    /// Item `index` of the bracketed list `list` is taken out.
    RemoveItem { list: &'a Node, index: usize },
}

/// Every row of [`PERMISSION_KEYS`] that a file's root triggers.
pub fn hits(kind: FileKind, root: &Node) -> Vec<Hit<'_>> {
    let mut out = Vec::new();
    for key in PERMISSION_KEYS.iter().filter(|k| k.kind == kind) {
        let Some(node) = lookup(root, key.key) else {
            continue;
        };
        if let Some((span, shown, remedy)) = dangerous(node, key.danger, key.ask) {
            out.push(Hit {
                key,
                span,
                shown,
                remedy,
            });
        }
    }
    out
}

/// The value written in place of a dangerous string: the row's prompting value, quoted.
fn replace_with<'a>(span: Span, ask: Option<&str>) -> Option<Remedy<'a>> {
    ask.map(|ask| Remedy::Replace {
        span,
        with: format!("\"{ask}\""),
    })
}

/// A dotted path, whole keys first (VS Code's `"chat.permissions.default"` is one key).
fn lookup<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    if let Some(node) = root.get(path) {
        return Some(node);
    }
    let (head, rest) = path.split_once('.')?;
    // The longest prefix that is a key, then the rest below it.
    let mut split = path.len();
    while let Some(dot) = path[..split].rfind('.') {
        if let Some(node) = root.get(&path[..dot]) {
            return lookup(node, &path[dot + 1..]);
        }
        split = dot;
    }
    lookup(root.get(head)?, rest)
}

/// A dangerous value's span, how the message shows it, and its remedy.
type DangerousValue<'a> = (Span, String, Option<Remedy<'a>>);

fn dangerous<'a>(node: &'a Node, danger: Danger, ask: Option<&str>) -> Option<DangerousValue<'a>> {
    match danger {
        True => (node.as_bool() == Some(true)).then(|| {
            let off = Remedy::Replace {
                span: node.span,
                with: "false".to_owned(),
            };
            (node.span, "true".to_owned(), Some(off))
        }),
        OneOf(values) => node
            .as_str()
            .filter(|v| values.contains(v))
            .map(|v| (node.span, format!("\"{v}\""), replace_with(node.span, ask))),
        ListHolds(values) => node.items().iter().enumerate().find_map(|(index, item)| {
            item.as_str().filter(|v| values.contains(v)).map(|v| {
                let out = Remedy::RemoveItem { list: node, index };
                (item.span, format!("\"{v}\""), Some(out))
            })
        }),
        ValueOrWildcard(values) => match &node.value {
            Value::Map(_) => node
                .get("*")
                .and_then(|n| dangerous(n, OneOf(values), ask))
                .map(|(span, shown, remedy)| (span, format!("\"*\": {shown}"), remedy)),
            _ => dangerous(node, OneOf(values), ask),
        },
        RuleAllows {
            tool_field,
            tools,
            action_field,
            action,
        } => node.items().iter().find_map(|rule| {
            let tool = rule.get(tool_field)?.as_str()?;
            let allows = rule.get(action_field)?.as_str()? == action;
            // A rule narrowed to some commands (`matches`, `resource`, Gemini's `commandPrefix`)
            // is not a blanket allow.
            let narrowed = [
                "matches",
                "resource",
                "pattern",
                "commandPrefix",
                "commandRegex",
                "argsPattern",
            ]
            .iter()
            .any(|f| {
                rule.get(f)
                    .is_some_and(|n| n.as_str().is_none_or(|s| s != "*"))
            });
            (tools.contains(&tool) && allows && !narrowed).then(|| {
                let remedy = rule
                    .get(action_field)
                    .and_then(|a| replace_with(a.span, ask));
                (
                    rule.span,
                    format!("{tool_field}: \"{tool}\", {action_field}: \"{action}\""),
                    remedy,
                )
            })
        }),
    }
}

/// Hook commands that approve every call by themselves: a PreToolUse or PermissionRequest hook
/// (Claude Code) or a `beforeShellExecution` hook (Cursor) whose command prints an allow decision.
pub fn approving_hooks(root: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    let Some(hooks) = root.get("hooks") else {
        return out;
    };
    for event in [
        "PreToolUse",
        "PermissionRequest",
        "beforeShellExecution",
        "preToolUse",
    ] {
        for group in hooks.get(event).map(Node::items).unwrap_or(&[]) {
            let commands: Vec<&Node> = match group.get("hooks") {
                Some(inner) => inner
                    .items()
                    .iter()
                    .filter_map(|h| h.get("command"))
                    .collect(),
                None => group.get("command").into_iter().collect(),
            };
            for command in commands {
                if command.as_str().is_some_and(approves) {
                    out.push(command);
                }
            }
        }
    }
    out
}

/// A hook command that answers "allow" whatever the call: `echo '{"permissionDecision":
/// "allow"}'`, `{"decision": "approve"}`, Cursor's `{"permission": "allow"}`.
fn approves(command: &str) -> bool {
    let squeezed: String = command
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\\' | '"' | '\''))
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "permissiondecision:allow",
        "decision:approve",
        "permission:allow",
        "behavior:allow",
    ]
    .iter()
    .any(|w| squeezed.contains(w))
        && !command.contains("if ")
        && !command.contains("case ")
        && !command.contains(".sh")
        && !command.contains(".py")
}

/// Claude Code sub-agent front matter that bypasses permissions (`permissionMode:
/// bypassPermissions`), as the span of the value.
pub fn agent_permission_mode(text: &str, front_matter: Span) -> Option<Span> {
    let yaml = front_matter.slice(text);
    let mut offset = front_matter.start;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.trim_start().strip_prefix("permissionMode:") {
            let value = rest.trim().trim_matches(['"', '\'']);
            if value == "bypassPermissions" {
                let at = line.find("bypassPermissions").unwrap_or(0);
                return Some(Span::new(offset + at, offset + at + value.len()));
            }
        }
        offset += line.len();
    }
    None
}

/// The pre-tool hook events of every agent, under `hooks` (Claude Code and Codex `PreToolUse`,
/// Gemini CLI `BeforeTool`, Cursor's `before…` events, Copilot's `preToolUse`).
const PRE_TOOL_EVENTS: &[&str] = &[
    "PreToolUse",
    "BeforeTool",
    "beforeShellExecution",
    "beforeMCPExecution",
    "preToolUse",
];

/// Whether a settings file runs `agentlint guard` before the agent's tools: then a command the
/// settings allow is still judged, with the repository's perimeter, at the moment it runs.
pub fn runs_guard(root: &Node) -> bool {
    let Some(hooks) = root.get("hooks") else {
        return false;
    };
    PRE_TOOL_EVENTS.iter().any(|event| {
        hooks
            .get(event)
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .any(|group| {
                let handlers: Vec<&Node> = match group.get("hooks") {
                    Some(inner) => inner.items().iter().collect(),
                    None => vec![group],
                };
                handlers.iter().any(|h| {
                    ["command", "bash", "powershell"].iter().any(|key| {
                        h.get(key)
                            .and_then(Node::as_str)
                            .is_some_and(|c| c.contains("agentlint guard"))
                    })
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hooks_that_always_allow() {
        assert!(approves(
            r#"echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}'"#
        ));
        assert!(!approves("./hooks/check-command.sh"));
        assert!(!approves(
            r#"if grep -q rm; then echo '{"permissionDecision":"deny"}'; fi"#
        ));
    }

    #[test]
    fn agent_front_matter() {
        let text = "---\nname: ops\npermissionMode: bypassPermissions\n---\nbody";
        let span = agent_permission_mode(text, Span::new(4, 49));
        assert_eq!(span.map(|s| s.slice(text)), Some("bypassPermissions"));
    }
}
