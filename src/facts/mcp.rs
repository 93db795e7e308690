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

/// Database and file servers that can write, and what keeps each one read-only, from each
/// server's documentation. A server that writes by default is reported unless started read-only;
/// one that reads by default only when its configuration turns writing on.
pub struct WriteCapable {
    /// A word of the command line that names the server (package or image).
    pub package: &'static str,
    /// What it can change.
    pub what: &'static str,
    /// The finding's stable key (baselines and fingerprints depend on it).
    pub key: &'static str,
    pub writes_by_default: bool,
    /// Flags that make it read-only (`--read-only`, `--readonly`, `--access-mode=restricted`).
    pub read_only_flags: &'static [&'static str],
    /// Environment variables that make it read-only when set to `true`/`1`.
    pub read_only_env: &'static [&'static str],
    /// Environment variables that turn writing on when set to `true`/`1`.
    pub write_env: &'static [&'static str],
}

pub const WRITE_CAPABLE: &[WriteCapable] = &[
    // https://github.com/supabase-community/supabase-mcp
    WriteCapable {
        package: "mcp-server-supabase",
        key: "supabase-read-only",
        what: "the Supabase project",
        writes_by_default: true,
        read_only_flags: &["--read-only"],
        read_only_env: &[],
        write_env: &[],
    },
    // https://github.com/mongodb-js/mongodb-mcp-server
    WriteCapable {
        package: "mongodb-mcp-server",
        key: "mongodb-read-only",
        what: "the MongoDB cluster",
        writes_by_default: true,
        read_only_flags: &["--readOnly", "--read-only"],
        read_only_env: &["MDB_MCP_READ_ONLY"],
        write_env: &[],
    },
    // https://github.com/bytebase/dbhub
    WriteCapable {
        package: "dbhub",
        key: "dbhub-read-only",
        what: "the database",
        writes_by_default: true,
        read_only_flags: &["--readonly", "--read-only"],
        read_only_env: &["READONLY"],
        write_env: &[],
    },
    // https://github.com/crystaldba/postgres-mcp (unrestricted is its default access mode)
    WriteCapable {
        package: "postgres-mcp",
        key: "postgres-mcp-read-only",
        what: "the Postgres database",
        writes_by_default: true,
        read_only_flags: &["--access-mode=restricted", "restricted"],
        read_only_env: &[],
        write_env: &[],
    },
    // https://github.com/benborla/mcp-server-mysql (read-only unless operations are allowed)
    WriteCapable {
        package: "mcp-server-mysql",
        key: "mysql-writes",
        what: "the MySQL database",
        writes_by_default: false,
        read_only_flags: &[],
        read_only_env: &[],
        write_env: &[
            "ALLOW_INSERT_OPERATION",
            "ALLOW_UPDATE_OPERATION",
            "ALLOW_DELETE_OPERATION",
            "ALLOW_DDL_OPERATION",
        ],
    },
];

/// The write-capable server a declaration runs, when it is not kept read-only: what it can change,
/// and the span to point at.
pub fn writes(server: &McpServer<'_>) -> Option<(&'static WriteCapable, Span)> {
    let words = server.words();
    let capable = WRITE_CAPABLE
        .iter()
        .find(|c| words.iter().any(|w| w.contains(c.package)))?;
    let env = server
        .body()
        .get("env")
        .or_else(|| server.body().get("environment"));
    let set = |name: &str| {
        env.and_then(|e| e.get(name)).is_some_and(|v| {
            let value = v.as_str().map(str::to_ascii_lowercase);
            v.as_bool() == Some(true) || matches!(value.as_deref(), Some("true" | "1" | "yes"))
        })
    };
    let read_only = capable
        .read_only_flags
        .iter()
        .any(|flag| words.iter().any(|w| w.starts_with(flag)))
        || capable.read_only_env.iter().any(|name| set(name));
    let write_on = capable.write_env.iter().find(|name| set(name));
    if let Some(name) = write_on {
        let span = env
            .and_then(|e| e.entry(name))
            .map_or(server.name_span, |e| e.key_span);
        return Some((capable, span));
    }
    (capable.writes_by_default && !read_only).then_some((capable, server.name_span))
}

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
