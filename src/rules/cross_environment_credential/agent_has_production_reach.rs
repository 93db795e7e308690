use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::discover::FileKind;
use crate::environments::{env_of_word, Env};
use crate::facts::mcp;
use crate::facts::selectors::{SELECTOR_FLAGS, SELECTOR_VARIABLES};
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::syntax::{Node, Span, Value};

declare_rule! {
    /// ## What it does
    /// Finds agent settings and MCP servers that hand an agent production reach from a development
    /// context: a production AWS profile, GCP project, Kubernetes context or Railway environment
    /// in the agent's environment (`AWS_PROFILE=prod-admin`, `--profile production`,
    /// `--context prod`), and MCP servers that connect to a database host that names production.
    ///
    /// ## Why is this bad?
    /// An agent runs in a developer's working copy, where mistakes are supposed to be cheap. Settings
    /// that point it at production make every experiment a production change: the incident's agent
    /// was on a staging task when it deleted production data.
    ///
    /// ## Example
    /// ```.claude/settings.json
    /// {
    ///   "env": {
    ///     "AWS_PROFILE": "prod-admin"
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```.claude/settings.json
    /// {
    ///   "env": {
    ///     "AWS_PROFILE": "dev-readonly"
    ///   }
    /// }
    /// ```
    pub struct AgentHasProductionReach {
        id: "AL205",
        name: "agent-has-production-reach",
        category: CrossEnvironmentCredential,
        severity: Error,
        summary: "agent settings or an MCP server point the agent at production",
        input: Workspace,
    }
}

/// Whether a value names production: `prod-admin`, `production`, `my-app-prd`.
fn names_production(value: &str) -> bool {
    value
        .split(['-', '_', '.', '/', ':', ' '])
        .filter_map(env_of_word)
        .any(|e| e == Env::Production)
}

impl WorkspaceRule for AgentHasProductionReach {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            if !matches!(
                file.source.kind,
                FileKind::AgentSettings(_) | FileKind::McpConfig(_)
            ) {
                continue;
            }
            // A production-named settings file is production's own business.
            if file.env.as_ref().is_some_and(|e| e.env == Env::Production) {
                continue;
            }
            let mut push = |span: Span, message: String, label: &str, key: String| {
                findings.push(
                    Finding::new(AgentHasProductionReach::META, Label::new(file.id, span, label), message)
                        .severity(Severity::Error)
                        .environment(file.env.clone())
                        .why("the agent works where mistakes should be cheap; these settings make its mistakes production changes")
                        .help("point agents at development or staging, with read-only credentials; reach production through a reviewed pipeline")
                        .key(key),
                );
            };
            let Some(doc) = file.syntax.data() else {
                continue;
            };
            for root in &doc.roots {
                // Claude Code / Gemini `env` blocks.
                if let Some(env) = root.get("env") {
                    selector_values(env, "agent settings", &mut push);
                }
                // Codex: the environment every shell command of the agent gets.
                if let Some(set) = root
                    .get("shell_environment_policy")
                    .and_then(|policy| policy.get("set"))
                {
                    selector_values(set, "Codex's shell environment", &mut push);
                }
            }
            for server in mcp::servers(file.source.kind, &file.syntax) {
                let what = format!("MCP server `{}`", server.name());
                // `env` (most agents), `environment` (OpenCode), `envs` (Goose).
                for key in ["env", "environment", "envs"] {
                    if let Some(env) = server.body().get(key) {
                        selector_values(env, &what, &mut push);
                    }
                }
                let nodes = &server.command_line;
                for (i, node) in nodes.iter().enumerate() {
                    let Some(text) = node.as_str() else { continue };
                    let (flag, value, span) = match text.split_once('=') {
                        Some((flag, value)) if SELECTOR_FLAGS.contains(&flag) => {
                            (flag, value, node.span)
                        }
                        _ if SELECTOR_FLAGS.contains(&text) => match nodes.get(i + 1) {
                            Some(next) => (text, next.as_str().unwrap_or(""), next.span),
                            None => continue,
                        },
                        _ => continue,
                    };
                    if names_production(value) {
                        push(
                            span,
                            format!("{what} is started with `{flag} {value}`: production"),
                            "production",
                            format!("{}.{flag}", server.name()),
                        );
                    }
                }
                for endpoint in &file.facts.endpoints {
                    if server.body().span.contains(endpoint.span)
                        && endpoint
                            .env
                            .as_ref()
                            .is_some_and(|e| e.env == Env::Production)
                    {
                        push(
                            endpoint.span,
                            format!(
                                "{what} connects to a production {} host (`{}`)",
                                endpoint.scheme, endpoint.host
                            ),
                            "production database",
                            format!("{}.{}", server.name(), endpoint.host),
                        );
                    }
                }
            }
        }
    }
}

fn selector_values(env: &Node, what: &str, push: &mut impl FnMut(Span, String, &str, String)) {
    for entry in env.entries() {
        if !SELECTOR_VARIABLES.contains(&entry.key.as_str()) {
            continue;
        }
        let Value::Str { value, .. } = &entry.value.value else {
            continue;
        };
        if names_production(value) {
            push(
                entry.value.span,
                format!("{what} set `{}` to `{value}`: production", entry.key),
                "production",
                format!("{what}.{}", entry.key),
            );
        }
    }
}
