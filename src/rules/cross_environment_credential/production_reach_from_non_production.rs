use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::environments::{env_of_variable, Env, EnvInfo};
use crate::facts::selectors::selected_target;
use crate::facts::Origin;
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::secrets::describe;
use crate::secrets::{self, Mode};

declare_rule! {
    /// ## What it does
    /// Finds production reach in a non-production place: a live-mode key in a staging or
    /// development file, a connection string whose host names production in a staging file, a
    /// variable named for production (`PROD_…`) defined in a staging file, a staging CI job
    /// handed a production-named secret, and a staging CI job that points its commands at
    /// production: `terraform workspace select prod`, `kubectl config use-context prod-eks`,
    /// `--context`, `--project`, `-chdir=envs/prod`, `AWS_PROFILE=prod`, a `working-directory`
    /// or `cd` into a production directory.
    ///
    /// ## Why is this bad?
    /// "Does staging hold credentials that can touch production?" was answered yes in the incident.
    /// Work on staging is where agents are given the most freedom, so anything there that reaches
    /// production turns an experiment into an outage.
    ///
    /// ## Example
    /// ```.env.staging
    /// DATABASE_URL=postgres://app:Tz4kW9pQx2MnB7rY@prod-db.internal:5432/app
    /// ```
    ///
    /// ## Use instead
    /// ```.env.staging
    /// DATABASE_URL=postgres://app:Tz4kW9pQx2MnB7rY@staging-db.internal:5432/app
    /// ```
    pub struct ProductionReachFromNonProduction {
        id: "AL202",
        name: "production-reach-from-non-production",
        category: CrossEnvironmentCredential,
        severity: Error,
        summary: "a production credential or endpoint in a non-production file or job",
        input: Workspace,
    }
}

fn non_production(env: Option<&EnvInfo>) -> Option<&EnvInfo> {
    env.filter(|e| e.env != Env::Production)
}

impl WorkspaceRule for ProductionReachFromNonProduction {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            let Some(file_env) = non_production(file.env.as_ref()) else {
                continue;
            };
            for credential in &file.facts.credentials {
                let value = credential.span.slice(&file.source.text);
                let live = credential.secret.mode == Some(Mode::Live);
                let prod_name = credential
                    .name
                    .as_deref()
                    .and_then(env_of_variable)
                    .filter(|e| e.env.is_production());
                let reason = if live {
                    format!(
                        "{} in a {} file: live mode acts on production data",
                        describe(&credential.secret),
                        file_env.env
                    )
                } else if let Some(info) = &prod_name {
                    format!(
                        "production credential ({}) defined in a {} file",
                        info.evidence, file_env.env
                    )
                } else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        ProductionReachFromNonProduction::META,
                        Label::new(
                            file.id,
                            credential.span,
                            format!("{} reaches production", secrets::redact(value)),
                        ),
                        reason,
                    )
                    .environment(Some(file_env.clone()))
                    .why("anything running against this environment, an agent included, can act on production")
                    .help(if live {
                        "give non-production environments test-mode keys, and rotate this one"
                    } else {
                        "keep production credentials out of non-production files; use the environment's own"
                    })
                    .fingerprint(credential.fingerprint.clone())
                    .key(credential.location.clone()),
                );
            }
            for endpoint in &file.facts.endpoints {
                let Some(host_env) = endpoint.env.as_ref().filter(|e| e.env.is_production()) else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        ProductionReachFromNonProduction::META,
                        Label::new(file.id, endpoint.span, format!("{} names production", host_env.evidence)),
                        format!(
                            "a {} file connects to a production {} host",
                            file_env.env, endpoint.scheme
                        ),
                    )
                    .environment(Some(file_env.clone()))
                    .why("a staging task that runs a migration or a reset here runs it on production data")
                    .help("point non-production at its own database")
                    .key(endpoint.host.clone()),
                );
            }
        }
        // A job's own environment decides, whatever the file's: a workflow file usually names
        // none, and a staging job in it is still staging.
        for file in &workspace.files {
            for reference in &file.facts.references {
                let job_env = reference
                    .job
                    .and_then(|j| file.facts.jobs.get(j))
                    .and_then(|j| j.env.as_ref());
                let Some(job_env) = non_production(job_env.or(file.env.as_ref())) else {
                    continue;
                };
                let Some(info) =
                    env_of_variable(&reference.secret_name).filter(|e| e.env.is_production())
                else {
                    continue;
                };
                findings.push(
                    Finding::new(
                        ProductionReachFromNonProduction::META,
                        Label::new(file.id, reference.span, info.evidence.clone()),
                        format!(
                            "a {} job is handed the production secret `{}`",
                            job_env.env, reference.secret_name
                        ),
                    )
                    .severity(Severity::Error)
                    .environment(Some(job_env.clone()))
                    .why("the job, and any agent or script it runs, can act on production")
                    .help("use the environment's own secret, scoped with `environment:`")
                    .key(reference.secret_name.clone()),
                );
            }
            // A non-production job that points its commands at production: a workspace, a
            // cluster context, a project or a directory.
            let mut seen: Vec<(usize, String)> = Vec::new();
            for fact in &file.facts.commands {
                let Origin::CiJob(j) = fact.origin else {
                    continue;
                };
                let Some(job) = file.facts.jobs.get(j) else {
                    continue;
                };
                let Some(job_env) = non_production(job.env.as_ref().or(file.env.as_ref())) else {
                    continue;
                };
                let Some(target) = selected_target(fact).filter(|t| t.env.is_production()) else {
                    continue;
                };
                if seen.contains(&(j, target.evidence.clone())) {
                    continue;
                }
                seen.push((j, target.evidence.clone()));
                findings.push(
                    Finding::new(
                        ProductionReachFromNonProduction::META,
                        Label::new(file.id, fact.command.span, format!("selects production ({})", target.evidence)),
                        format!("{} job `{}` acts on production: {}", article(job_env.env.as_str()), job.name, target.evidence),
                    )
                    .severity(Severity::Error)
                    .environment(Some(job_env.clone()))
                    .why("the job's credentials reach production, so a staging run, or an agent's, changes production")
                    .help("give each environment its own job, credentials and target; select production only in a job gated by `environment: production`")
                    .key(format!("{}:{}", job.name, target.evidence)),
                );
            }
        }
    }
}

/// "a staging", "an integration".
fn article(word: &str) -> String {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {word}"),
        _ => format!("a {word}"),
    }
}
