use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::environments::Env;
use crate::facts::mcp::{self, UNRESTRICTED};
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::secrets::describe;
use crate::secrets::{Mode, Scope};

declare_rule! {
    /// ## What it does
    /// Finds MCP servers that give an agent write or administrative power over data: a server whose
    /// command line, environment or headers carry an admin-class or account-wide credential (a
    /// database URL for the superuser, a Supabase personal access token, a live Stripe key…), a
    /// server started with an unrestricted mode (`--access-mode=unrestricted`, `--tools=all`,
    /// `--allow-write`), and database servers that write unless started read-only, from one table
    /// in `facts/mcp.rs` (each row from the server's documentation): the Supabase server without
    /// `--read-only`, MongoDB's without `--readOnly` or `MDB_MCP_READ_ONLY`, DBHub without
    /// `--readonly`, crystaldba's `postgres-mcp` outside `--access-mode=restricted`, and the MySQL
    /// server with `ALLOW_INSERT/UPDATE/DELETE/DDL_OPERATION` turned on. Servers are read in every
    /// agent's file and shape (`mcpServers`, `servers`, `mcp_servers`, OpenCode's `mcp` command
    /// arrays, Zed's `context_servers`, Continue's lists, Goose's `extensions`).
    ///
    /// ## Why is this bad?
    /// An MCP server is a standing permission: every tool it exposes can be called by the agent, in
    /// every session, usually without a prompt per call. A server that holds a superuser password
    /// turns "explain this query" into "drop this table" at the agent's discretion.
    ///
    /// ## Example
    /// ```.mcp.json
    /// {
    ///   "mcpServers": {
    ///     "db": {
    ///       "command": "npx",
    ///       "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2",
    ///                "postgresql://postgres:Hq7vL2xPz9KmR4tW@db.internal:5432/app"]
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```.mcp.json
    /// {
    ///   "mcpServers": {
    ///     "db": {
    ///       "command": "npx",
    ///       "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "${READONLY_DATABASE_URL}"]
    ///     }
    ///   }
    /// }
    /// ```
    pub struct McpServerWithWriteAccess {
        id: "AL304",
        name: "mcp-server-with-write-access",
        category: DestructiveCapability,
        severity: Warning,
        summary: "an MCP server gives the agent write or admin power over data",
        input: Workspace,
    }
}

impl WorkspaceRule for McpServerWithWriteAccess {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            for server in mcp::servers(file.source.kind, &file.syntax) {
                let body = server.body().span;
                let severity = if file.env.as_ref().is_some_and(|e| e.env == Env::Production) {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let mut push = |span, label: String, message: String, key: &str| {
                    findings.push(
                        Finding::new(McpServerWithWriteAccess::META, Label::new(file.id, span, label), message)
                            .severity(severity)
                            .environment(file.env.clone())
                            .why("every tool of an MCP server can be called by the agent in every session, usually without a prompt per call")
                            .help("give the server a read-only or least-privilege credential and its read-only mode; keep write access behind a human")
                            .key(format!("{}.{key}", server.name())),
                    );
                };
                // A powerful credential inside the server's declaration.
                if let Some(credential) = file.facts.credentials.iter().find(|c| {
                    body.contains(c.span)
                        && (matches!(c.secret.scope, Scope::Admin | Scope::Account)
                            || c.secret.mode == Some(Mode::Live))
                        && c.secret.mode != Some(Mode::Test)
                }) {
                    push(
                        credential.span,
                        format!(
                            "{} ({})",
                            describe(&credential.secret),
                            credential.secret.scope
                        ),
                        format!(
                            "MCP server `{}` acts with a {}: {}",
                            server.name(),
                            describe(&credential.secret),
                            credential.secret.reach
                        ),
                        "credential",
                    );
                    continue;
                }
                if let Some(flag) = server.command_line.iter().find(|n| {
                    n.as_str()
                        .is_some_and(|s| UNRESTRICTED.iter().any(|u| s.contains(u)))
                }) {
                    push(
                        flag.span,
                        "restrictions lifted".to_string(),
                        format!(
                            "MCP server `{}` runs with its restrictions lifted (`{}`)",
                            server.name(),
                            flag.as_str().unwrap_or("")
                        ),
                        "unrestricted",
                    );
                    continue;
                }
                // Database servers that write unless started read-only (or write when told to).
                if let Some((capable, span)) = mcp::writes(&server) {
                    let how = if capable.writes_by_default {
                        match capable.read_only_flags.first() {
                            Some(flag) => format!("it is not started with `{flag}`"),
                            None => "it is not started read-only".to_string(),
                        }
                    } else {
                        "its configuration turns writing on".to_string()
                    };
                    push(
                        span,
                        "not read-only".to_string(),
                        format!(
                            "MCP server `{}` can write to {}: {how}",
                            server.name(),
                            capable.what
                        ),
                        capable.key,
                    );
                }
            }
        }
    }
}
