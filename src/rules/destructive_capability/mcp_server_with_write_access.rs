use crate::declare_rule;
use crate::diagnostic::{Applicability, Finding, Fix, Label, Severity};
use crate::environments::Env;
use crate::facts::mcp::{self, UNRESTRICTED};
use crate::facts::mcp::{McpServer, WriteCapable};
use crate::model::{FileModel, Workspace};
use crate::rules::json_fixes;
use crate::rules::WorkspaceRule;
use crate::secrets::describe;
use crate::secrets::{Mode, Scope};
use crate::syntax::Node;

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
                let mut push = |span,
                                label: String,
                                message: String,
                                key: &str,
                                fix: Option<Fix>| {
                    let finding = Finding::new(McpServerWithWriteAccess::META, Label::new(file.id, span, label), message)
                        .severity(severity)
                        .environment(file.env.clone())
                        .why("every tool of an MCP server can be called by the agent in every session, usually without a prompt per call")
                        .help("give the server a read-only or least-privilege credential and its read-only mode; keep write access behind a human")
                        .key(format!("{}.{key}", server.name()));
                    findings.push(match fix {
                        Some(fix) => finding.fix(fix),
                        None => finding,
                    });
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
                        None,
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
                        restrict_fix(file, &server, flag),
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
                        read_only_fix(file, &server, capable),
                    );
                }
            }
        }
    }
}

/// The unrestricted option undone: `--access-mode=unrestricted` becomes `restricted`, any other
/// (`--allow-write`, `--tools=all`) leaves `args`, so the server's restricted default applies.
/// Unsafe, as for the read-only flag.
fn restrict_fix(file: &FileModel, server: &McpServer<'_>, flag: &Node) -> Option<Fix> {
    let written = flag.as_str()?;
    let args = server.body().get("args")?;
    let index = args.items().iter().position(|i| i.span == flag.span)?;
    let (title, edit) = match written {
        "--access-mode=unrestricted" => (
            "set `--access-mode=restricted`".to_string(),
            json_fixes::replace(file.id, flag.span, "\"--access-mode=restricted\""),
        ),
        // `--tools=all` has no restricted default to fall back to (Stripe's server wants a list):
        // which tools to keep is a human's choice.
        _ if UNRESTRICTED.contains(&written) && written != "--tools=all" => (
            format!("remove `{written}`"),
            json_fixes::remove_item(file.id, &file.source.text, args, index)?,
        ),
        _ => return None,
    };
    Some(Fix {
        title: format!("{title}: the server keeps to its restricted default"),
        applicability: Applicability::Unsafe,
        edits: vec![edit],
    })
}

/// The server started read-only: its documented read-only flag added at the end of `args`, or the
/// variable that turned writing on set back to `false`. Unsafe: the server's write tools go away,
/// and a workflow that used them stops working.
fn read_only_fix(file: &FileModel, server: &McpServer<'_>, capable: &WriteCapable) -> Option<Fix> {
    let text = &file.source.text;
    let env = server
        .body()
        .get("env")
        .or_else(|| server.body().get("environment"));
    let (title, edit) = if capable.writes_by_default {
        let flag = capable
            .read_only_flags
            .iter()
            .find(|f| f.starts_with("--"))?;
        let args = server.body().get("args")?;
        let item = serde_json::to_string(flag).ok()?;
        let edit = json_fixes::append_item(file.id, text, args, &item)?;
        (format!("start it read-only (`{flag}`)"), edit)
    } else {
        let (name, value) = capable
            .write_env
            .iter()
            .find_map(|name| Some((*name, env?.get(name)?)))?;
        let written = value.span.slice(text);
        let off = match written {
            "true" => "false",
            _ if written.starts_with('"') => "\"false\"",
            _ => return None,
        };
        let edit = json_fixes::replace(file.id, value.span, off);
        (format!("set `{name}` to false"), edit)
    };
    Some(Fix {
        title: format!("{title}: its write tools go away"),
        applicability: Applicability::Unsafe,
        edits: vec![edit],
    })
}
