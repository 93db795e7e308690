//! MCP servers declared in agent configuration: `mcpServers` (Claude Code, Cursor, Gemini CLI,
//! Claude Desktop, Cline, Windsurf), `servers` (VS Code) and `mcp_servers` (Codex TOML).

use crate::discover::FileKind;
use crate::syntax::{Entry, Node, Syntax, Value};

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
    /// The server's entry: its name, name span and body.
    pub entry: &'a Entry,
    /// `command` followed by `args`, as written.
    pub command_line: Vec<&'a Node>,
}

impl<'a> McpServer<'a> {
    pub fn name(&self) -> &'a str {
        &self.entry.key
    }

    pub fn body(&self) -> &'a Node {
        &self.entry.value
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

/// Every MCP server of a file that an agent reads, given the file's kind and syntax tree.
pub fn servers(kind: FileKind, syntax: &Syntax) -> Vec<McpServer<'_>> {
    let agent_file = matches!(kind, FileKind::McpConfig(_) | FileKind::AgentSettings(_));
    let Some(doc) = syntax.data().filter(|_| agent_file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for root in &doc.roots {
        for key in ["mcpServers", "servers", "mcp_servers"] {
            let Some(servers) = root.get(key) else {
                continue;
            };
            for entry in servers.entries() {
                if !matches!(entry.value.value, Value::Map(_)) {
                    continue;
                }
                let mut command_line: Vec<&Node> = entry.value.get("command").into_iter().collect();
                command_line.extend(entry.value.get("args").map(Node::items).unwrap_or(&[]));
                out.push(McpServer {
                    entry,
                    command_line,
                });
            }
        }
    }
    out
}
