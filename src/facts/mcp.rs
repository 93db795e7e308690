//! MCP servers declared in agent configuration: `mcpServers` (Claude Code, Cursor, Gemini CLI,
//! Claude Desktop, Cline, Windsurf), `servers` (VS Code) and `mcp_servers` (Codex TOML).

use crate::discover::FileKind;
use crate::syntax::{Node, Span, Syntax, Value};

/// Flags that lift a server's own restrictions.
pub const UNRESTRICTED: &[&str] = &[
    "--access-mode=unrestricted",
    "--tools=all",
    "--allow-write",
    "--read-write",
    "--allow-dangerous",
    "--unsafe",
];

/// One declared MCP server.
pub struct McpServer<'a> {
    pub name: &'a str,
    /// The name as written: the map key, or a list item's `name` value.
    pub name_span: Span,
    pub body: &'a Node,
    /// The command followed by its arguments, as written (`command` + `args`, a `command` array,
    /// Zed's `command.path` + `command.args`, Goose's `cmd` + `args`).
    pub command_line: Vec<&'a Node>,
}

impl<'a> McpServer<'a> {
    pub fn name(&self) -> &'a str {
        self.name
    }

    pub fn body(&self) -> &'a Node {
        self.body
    }

    /// The command line as text, for matching flags and package names.
    pub fn words(&self) -> Vec<&'a str> {
        self.command_line
            .iter()
            .filter_map(|n| n.as_str())
            .flat_map(|s| s.split_whitespace())
            .collect()
    }
}

/// Where each agent keeps its servers: `mcpServers` (Claude Code, Cursor, Gemini CLI, Claude
/// Desktop, Cline, Roo Code, Kiro, Windsurf, Continue as a list), `servers` (VS Code),
/// `mcp_servers` (Codex TOML), `mcp` (OpenCode), `context_servers` (Zed), `extensions` (Goose).
const SERVER_KEYS: &[&str] = &[
    "mcpServers",
    "servers",
    "mcp_servers",
    "mcp",
    "context_servers",
    "extensions",
];

/// Every MCP server of a file that an agent reads, given the file's kind and syntax tree.
pub fn servers(kind: FileKind, syntax: &Syntax) -> Vec<McpServer<'_>> {
    let agent_file = matches!(kind, FileKind::McpConfig(_) | FileKind::AgentSettings(_));
    let Some(doc) = syntax.data().filter(|_| agent_file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for root in &doc.roots {
        for key in SERVER_KEYS {
            let Some(mut servers) = root.get(key) else {
                continue;
            };
            // VS Code user settings nest them: `"mcp": { "servers": { … } }`.
            if *key == "mcp" {
                if let Some(inner) = servers.get("servers") {
                    servers = inner;
                }
            }
            // A map of name → server.
            for entry in servers.entries() {
                if matches!(entry.value.value, Value::Map(_)) {
                    out.push(server(&entry.key, entry.key_span, &entry.value));
                }
            }
            // A list of servers with a `name` (Continue).
            for item in servers.items() {
                if let Some(name) = item.get("name") {
                    if let Some(text) = name.as_str() {
                        out.push(server(text, name.span, item));
                    }
                }
            }
        }
    }
    out
}

fn server<'a>(name: &'a str, name_span: Span, body: &'a Node) -> McpServer<'a> {
    let mut command_line: Vec<&Node> = Vec::new();
    match body.get("command").or_else(|| body.get("cmd")) {
        // OpenCode: `"command": ["npx", "-y", "pkg"]`.
        Some(command) if matches!(command.value, Value::Seq(_)) => {
            command_line.extend(command.items());
        }
        // Zed: `"command": { "path": "npx", "args": [...] }`.
        Some(command) if matches!(command.value, Value::Map(_)) => {
            command_line.extend(command.get("path"));
            command_line.extend(command.get("args").map(Node::items).unwrap_or(&[]));
        }
        Some(command) => command_line.push(command),
        None => {}
    }
    command_line.extend(body.get("args").map(Node::items).unwrap_or(&[]));
    McpServer {
        name,
        name_span,
        body,
        command_line,
    }
}
