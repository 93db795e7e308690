//! Destructive capabilities: who can destroy what, and what stands in the way.
//!
//! Every destructive command the repository holds is listed, gated or not, because the question
//! "which destructive operations exist" deserves a written list even where the answer is
//! reassuring. Agent permissions (AL301), destructive instructions (AL302) and MCP servers that
//! can write (AL304) come from the findings of `check`, so the page and the linter agree.

use serde::Serialize;

use super::{evidence, place, Answer, EnvEvidence, Place, Shows};
use crate::diagnostic::{Category, Finding};
use crate::discover::FileKind;
use crate::facts::destructive;
use crate::facts::{Gate, Origin};
use crate::model::{FileModel, Workspace};

#[derive(Debug, Clone, Serialize)]
pub struct Capability {
    /// `agent`, `mcp-server`, `ci-job`, `script`, `hook` or `compose`.
    pub actor: &'static str,
    /// Who, in words: "CI job `cleanup` (on workflow_dispatch)".
    pub who: String,
    /// The command or permission.
    pub what: String,
    pub effect: String,
    /// `none`, `environment `name``, `manual`, `dispatch input` or `tool prompt`.
    pub gate: String,
    pub gated: bool,
    #[serde(flatten)]
    pub place: Place,
    pub environment: Option<EnvEvidence>,
    /// The rule that reports it, when one does.
    pub rule: Option<&'static str>,
}

pub fn collect(workspace: &Workspace, findings: &[Finding], shows: Shows<'_>) -> Vec<Capability> {
    let mut out = Vec::new();
    for file in &workspace.files {
        if !shows(file, "AL303") {
            continue;
        }
        for fact in &file.facts.commands {
            let Some(d) = destructive::classify_fact(fact) else {
                continue;
            };
            let prompt = if d.unconfirmed { "none" } else { "tool prompt" };
            let file_env = file.env.as_ref().map(EnvEvidence::from);
            let (actor, who, gate, environment) = match &fact.origin {
                Origin::CiJob(index) => {
                    let Some(job) = file.facts.jobs.get(*index) else {
                        continue;
                    };
                    let triggers = if job.triggers.is_empty() {
                        String::new()
                    } else {
                        format!(" (on {})", job.triggers.join(", "))
                    };
                    let gate = match &job.gate {
                        Gate::Environment(name) => format!("environment `{name}`"),
                        Gate::Manual => "manual".to_string(),
                        // The person starting the workflow chose, through an input.
                        Gate::None if job.chosen_by_dispatch_input => "dispatch input".to_string(),
                        Gate::None => prompt.to_string(),
                    };
                    let env = job.env.as_ref().map(EnvEvidence::from).or(file_env);
                    (
                        "ci-job",
                        format!("CI job `{}`{triggers}", job.name),
                        gate,
                        env,
                    )
                }
                Origin::Script => ("script", "script".to_string(), prompt.to_string(), file_env),
                Origin::AgentHook => (
                    "hook",
                    "agent hook".to_string(),
                    prompt.to_string(),
                    file_env,
                ),
                Origin::AgentInstructions => (
                    "agent",
                    "agent, from its instructions".to_string(),
                    prompt.to_string(),
                    file_env,
                ),
                Origin::Compose => (
                    "compose",
                    "compose service".to_string(),
                    prompt.to_string(),
                    file_env,
                ),
            };
            let rule = findings
                .iter()
                .find(|f| {
                    f.primary.file == file.id
                        && f.rule.category == Category::DestructiveCapability
                        && fact.command.span.start <= f.primary.span.start
                        && f.primary.span.start <= fact.command.span.end
                })
                .map(|f| f.rule.id);
            out.push(Capability {
                actor,
                who,
                what: d.shown,
                effect: d.effect.to_string(),
                gated: gate != "none",
                gate,
                place: Place {
                    path: file.source.path.clone(),
                    line: file.source.line_col(fact.command.span.start).0,
                },
                environment,
                rule,
            });
        }
    }
    // Agents' permissions (AL301), instructions (AL302) and MCP servers that can write (AL304):
    // what `check` reports as destructive capabilities is listed here too.
    for finding in findings {
        if !matches!(finding.rule.id, "AL301" | "AL302" | "AL304") {
            continue;
        }
        let at = place(workspace, &finding.primary);
        if out.iter().any(|c| c.place == at) {
            continue;
        }
        let file = workspace.file(finding.primary.file);
        out.push(Capability {
            actor: actor_of(file, finding),
            who: who_of(file, finding),
            what: finding.message.clone(),
            effect: finding.primary.message.clone(),
            gate: "none".to_string(),
            gated: false,
            place: at,
            environment: finding.environment.as_ref().map(EnvEvidence::from),
            rule: Some(finding.rule.id),
        });
    }
    out.sort_by(|a, b| a.place.cmp(&b.place).then(a.what.cmp(&b.what)));
    out
}

fn actor_of(file: &FileModel, finding: &Finding) -> &'static str {
    match file.source.kind {
        FileKind::McpConfig(_) => "mcp-server",
        _ if finding.message.contains("MCP") => "mcp-server",
        FileKind::GhaWorkflow | FileKind::GitlabCi => "ci-job",
        FileKind::Script => "script",
        _ => "agent",
    }
}

fn who_of(file: &FileModel, finding: &Finding) -> String {
    match (file.source.kind, finding.rule.id) {
        (FileKind::McpConfig(tool), _) => format!("MCP server ({})", tool.label()),
        (FileKind::AgentSettings(tool), _) => format!("agent ({} settings)", tool.label()),
        (FileKind::AgentRules(tool), _) => format!("agent (rules for {})", tool.label()),
        (_, "AL301") => "an agent started without permission prompts".to_string(),
        _ => "agent".to_string(),
    }
}

/// "Which destructive operations run without confirmation?"
pub fn answer(workspace: &Workspace, capabilities: &[Capability], findings: &[Finding]) -> Answer {
    let open: Vec<&Capability> = capabilities.iter().filter(|c| !c.gated).collect();
    let verdict = if capabilities.is_empty() {
        "None found: no destructive command or unconfirmed agent permission in the repository."
            .to_string()
    } else if open.is_empty() {
        format!(
            "None: all {} destructive capabilit{} sit behind a gate.",
            capabilities.len(),
            if capabilities.len() == 1 { "y" } else { "ies" }
        )
    } else {
        format!(
            "{} of {} destructive capabilit{} run with nobody confirming ({} agent, {} CI, {} other).",
            open.len(),
            capabilities.len(),
            if capabilities.len() == 1 { "y" } else { "ies" },
            open.iter().filter(|c| matches!(c.actor, "agent" | "mcp-server")).count(),
            open.iter().filter(|c| c.actor == "ci-job").count(),
            open.iter().filter(|c| !matches!(c.actor, "agent" | "mcp-server" | "ci-job")).count(),
        )
    };
    Answer {
        id: "unconfirmed",
        question: "Which destructive operations run without a human confirming?",
        verdict,
        ok: open.is_empty(),
        judged: true,
        evidence: findings
            .iter()
            .filter(|f| f.rule.category == Category::DestructiveCapability)
            .map(|f| evidence(workspace, f))
            .collect(),
    }
}
