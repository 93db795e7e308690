use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::facts::{Gate, Origin};
use crate::model::env::Env;
use crate::model::Workspace;
use crate::rules::destructive::commands;
use crate::rules::Rule;

declare_rule! {
    /// ## What it does
    /// Finds destructive commands and API calls (`terraform destroy`, `apply -auto-approve`,
    /// `railway volume delete --yes`, GraphQL `volumeDelete`, `aws rds delete-db-instance
    /// --skip-final-snapshot`, `kubectl delete namespace`, `DROP DATABASE`, `prisma migrate reset
    /// --force`, `docker compose down -v`…) where nobody confirms them: CI jobs without a deployment
    /// `environment:` (which can require reviewers) or a manual trigger, agent hooks that run by
    /// themselves, and scripts that turn the tool's own prompt off.
    ///
    /// Severity follows reach: production, or an unknown environment with the prompt turned off,
    /// is an error; test and development jobs are reported at `info`.
    ///
    /// ## Why is this bad?
    /// "Which endpoints can be called without human confirmation?" is one of the incident's five
    /// questions. A job that any push or any agent-opened pull request can start, and that
    /// destroys data without a reviewer, is the same nine seconds waiting to happen.
    ///
    /// ## Example
    /// ```.github/workflows/teardown.yml
    /// on: workflow_dispatch
    /// jobs:
    ///   teardown:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: terraform destroy -auto-approve
    /// ```
    ///
    /// ## Use instead
    /// ```.github/workflows/teardown.yml
    /// on: workflow_dispatch
    /// jobs:
    ///   teardown:
    ///     runs-on: ubuntu-latest
    ///     environment: production
    ///     steps:
    ///       - run: terraform destroy -auto-approve
    /// ```
    pub static UNGATED_DESTRUCTIVE_COMMAND = {
        id: "AL303",
        name: "destructive-command-without-gate",
        category: DestructiveCapability,
        severity: Error,
        summary: "a CI job, hook or script runs a destructive command nobody confirms",
    }
}

pub struct UngatedDestructiveCommand;

impl Rule for UngatedDestructiveCommand {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &UNGATED_DESTRUCTIVE_COMMAND
    }

    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            for fact in &file.facts.commands {
                let Some(d) = commands::classify(&fact.command) else {
                    continue;
                };
                let (who, env, gate_note) = match &fact.origin {
                    Origin::CiJob(index) => {
                        let Some(job) = file.facts.jobs.get(*index) else {
                            continue;
                        };
                        if job.gate != Gate::None {
                            continue;
                        }
                        let trigger = if job.triggers.is_empty() {
                            String::new()
                        } else {
                            format!(" (on {})", job.triggers.join(", "))
                        };
                        (
                            format!("CI job `{}`{trigger}", job.name),
                            job.env.clone(),
                            "the job has no deployment `environment:` that could require a reviewer, and is not manual",
                        )
                    }
                    Origin::AgentHook => (
                        "an agent hook".to_string(),
                        file.env.clone(),
                        "hooks run by themselves on every matching agent action",
                    ),
                    Origin::Script | Origin::Compose if d.unconfirmed => (
                        if fact.origin == Origin::Script {
                            "this script".to_string()
                        } else {
                            "a compose service".to_string()
                        },
                        file.env.clone(),
                        "the command's own prompt is turned off, so whoever or whatever runs it is never asked",
                    ),
                    _ => continue,
                };
                let severity = match env.as_ref().map(|e| e.env) {
                    Some(Env::Test | Env::Development) => Severity::Info,
                    Some(Env::Production) => Severity::Error,
                    Some(Env::Staging) => Severity::Warning,
                    None if d.unconfirmed => Severity::Error,
                    None => Severity::Warning,
                };
                // `apply -auto-approve` may destroy; it is not destruction itself.
                let severity = if d.shown.ends_with("apply") && severity == Severity::Error {
                    Severity::Warning
                } else {
                    severity
                };
                let confirmation = if d.unconfirmed {
                    "with its confirmation turned off"
                } else {
                    "with nobody to confirm it"
                };
                findings.push(
                    Finding::new(
                        &UNGATED_DESTRUCTIVE_COMMAND,
                        Label::new(file.id, fact.command.span, d.effect),
                        format!("{who} runs `{}` {confirmation}", d.shown),
                    )
                    .severity(severity)
                    .environment(env)
                    .why(gate_note)
                    .help(match fact.origin {
                        Origin::CiJob(_) => "run it in a job with a protected `environment:` that requires reviewers, or make the job manual",
                        _ => "leave the tool's confirmation on and run destructive commands by hand",
                    })
                    .key(format!("{}:{}", who, d.shown)),
                );
            }
        }
    }
}
