use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::secrets::describe;
use crate::secrets::variables::ACCOUNT_WIDE_NAMES;
use crate::secrets::{self, Mode, Scope};

declare_rule! {
    /// ## What it does
    /// Reports credentials whose kind reaches a whole account, an organisation's administration, or
    /// live money, where the provider offers a narrower kind: Railway account tokens (bare UUIDs
    /// under `RAILWAY_API_TOKEN` or sent as `Authorization: Bearer`), Cloudflare global API keys,
    /// Supabase personal access tokens and `service_role` keys, OpenAI and Anthropic admin keys,
    /// legacy OpenAI user keys, AWS long-term access keys and more. Both literal values and CI jobs or
    /// MCP servers that are handed such a token by name are reported.
    ///
    /// ## Why is this bad?
    /// The token in the incident was created "to manage custom domains", but its kind could delete
    /// any volume in any environment of the account. What a token can do is decided by its kind,
    /// not by what it was made for. A narrower kind limits the damage of a leak or of a wrong guess
    /// by an agent.
    ///
    /// ## Example
    /// ```.github/workflows/domains.yml
    /// on: workflow_dispatch
    /// jobs:
    ///   domains:
    ///     runs-on: ubuntu-latest
    ///     env:
    ///       RAILWAY_API_TOKEN: ${{ secrets.RAILWAY_API_TOKEN }}
    ///     steps:
    ///       - run: railway domain
    /// ```
    ///
    /// ## Use instead
    /// ```.github/workflows/domains.yml
    /// on: workflow_dispatch
    /// jobs:
    ///   domains:
    ///     runs-on: ubuntu-latest
    ///     environment: staging
    ///     env:
    ///       RAILWAY_TOKEN: ${{ secrets.RAILWAY_STAGING_PROJECT_TOKEN }}
    ///     steps:
    ///       - run: railway domain
    /// ```
    pub struct OverscopedToken {
        id: "AL102",
        name: "overscoped-token",
        category: OverscopedToken,
        severity: Warning,
        summary: "a credential whose kind reaches a whole account, admin rights or live mode",
        input: Workspace,
    }
}

impl WorkspaceRule for OverscopedToken {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            for credential in &file.facts.credentials {
                let secret = &credential.secret;
                // A test-mode key cannot touch live data, whatever its scope.
                if secret.mode == Some(Mode::Test) {
                    continue;
                }
                let broad = matches!(secret.scope, Scope::Account | Scope::Admin);
                let live = secret.mode == Some(Mode::Live);
                let fallback = (secret.scope == Scope::Admin)
                    .then_some("a key without administrative rights for day-to-day work");
                let Some(narrower) = secret.narrower.or(fallback).filter(|_| broad || live) else {
                    continue;
                };
                let value = credential.span.slice(&file.source.text);
                let what = if broad {
                    secret.scope.to_string()
                } else {
                    "live-mode".to_string()
                };
                findings.push(
                    Finding::new(
                        OverscopedToken::META,
                        Label::new(
                            file.id,
                            credential.span,
                            format!("{} reaches {}", secrets::redact(value), secret.reach),
                        ),
                        format!("{} is {what}", describe(secret)),
                    )
                    .severity(if broad {
                        Severity::Error
                    } else {
                        Severity::Warning
                    })
                    .environment(credential.env.clone())
                    .why(format!(
                        "its kind decides what it can do, whatever it was made for: {}",
                        secret.reach
                    ))
                    .help(format!("use {narrower}"))
                    .fingerprint(credential.fingerprint.clone())
                    .key(if credential.location.is_empty() {
                        credential.fingerprint.clone()
                    } else {
                        credential.location.clone()
                    }),
                );
            }
            for reference in &file.facts.references {
                let names = [
                    reference.holder.as_deref(),
                    Some(reference.secret_name.as_str()),
                ];
                let Some((name, reach, narrower)) = ACCOUNT_WIDE_NAMES
                    .iter()
                    .find(|(name, _, _)| names.contains(&Some(*name)))
                else {
                    continue;
                };
                let job = reference.job.and_then(|j| file.facts.jobs.get(j));
                let who = match job {
                    Some(job) => format!("CI job `{}`", job.name),
                    None => "this workflow".to_string(),
                };
                findings.push(
                    Finding::new(
                        OverscopedToken::META,
                        Label::new(file.id, reference.span, format!("`{name}` is {reach}")),
                        format!("{who} is handed an account-wide credential through `{name}`"),
                    )
                    .environment(job.and_then(|j| j.env.clone()).or_else(|| file.env.clone()))
                    .why("a job that needs one project or one operation holds the whole account")
                    .help(format!("use {narrower}"))
                    .key(format!(
                        "{}:{}",
                        job.map_or("", |j| j.name.as_str()),
                        name
                    )),
                );
            }
        }
    }
}
