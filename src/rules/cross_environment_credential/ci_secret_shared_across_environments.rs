use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{FileId, Finding, Label, Severity};
use crate::discover::FileKind;
use crate::environments::{env_of_word, Env};
use crate::facts::{CiJob, Gate, SecretReference};
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::secrets::variables::CLOUD_KEYS;
use crate::syntax::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Finds CI secrets that serve several environments: one repository secret used by jobs of
    /// different environments (staging and production deploys reading the same `DATABASE_URL`)
    /// when those jobs are not scoped with `environment:`, and a workflow whose `env` input selects
    /// staging or production while the job uses the same long-lived cloud key pair
    /// (`AWS_ACCESS_KEY_ID`…) for every value. GitLab jobs are read the same way: a
    /// credential-named CI/CD variable (`$DEPLOY_TOKEN`) the file does not define, used by jobs of
    /// different environments none of which has an `environment:`. Uses are compared within one
    /// repository or project (the folder holding `.github/`, or the nearest `.gitlab-ci.yml`), never
    /// across nested example projects.
    ///
    /// ## Why is this bad?
    /// A repository secret is released to every job of every workflow, on any branch that can run
    /// them. When staging and production read the same secret, a staging run, a pull request, or an
    /// agent iterating on the staging pipeline holds production access. Environment secrets are
    /// released only to jobs of that environment, after its protection rules pass.
    ///
    /// ## Example
    /// ```.github/workflows/deploy.yml
    /// on: push
    /// jobs:
    ///   deploy-staging:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh staging
    ///         env:
    ///           DATABASE_URL: ${{ secrets.DATABASE_URL }}
    ///   deploy-production:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: ./deploy.sh production
    ///         env:
    ///           DATABASE_URL: ${{ secrets.DATABASE_URL }}
    /// ```
    ///
    /// ## Use instead
    /// ```.github/workflows/deploy.yml
    /// on: push
    /// jobs:
    ///   deploy-staging:
    ///     runs-on: ubuntu-latest
    ///     environment: staging
    ///     steps:
    ///       - run: ./deploy.sh staging
    ///         env:
    ///           DATABASE_URL: ${{ secrets.DATABASE_URL }}
    ///   deploy-production:
    ///     runs-on: ubuntu-latest
    ///     environment: production
    ///     steps:
    ///       - run: ./deploy.sh production
    ///         env:
    ///           DATABASE_URL: ${{ secrets.DATABASE_URL }}
    /// ```
    pub struct CiSecretSharedAcrossEnvironments {
        id: "AL203",
        name: "ci-secret-shared-across-environments",
        category: CrossEnvironmentCredential,
        severity: Error,
        summary: "one CI secret serves jobs of several environments without environment scoping",
        input: Workspace,
    }
}

struct Use<'w> {
    file: FileId,
    reference: &'w SecretReference,
    job: &'w CiJob,
}

impl WorkspaceRule for CiSecretSharedAcrossEnvironments {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        // Secrets are stored per repository (GitHub) or project (GitLab): uses are compared
        // within one, never across nested example projects or separate repositories.
        let gitlab_roots: Vec<&str> = workspace
            .files
            .iter()
            .filter(|f| f.source.kind == FileKind::GitlabCi)
            .filter_map(|f| f.source.path.strip_suffix(".gitlab-ci.yml"))
            .collect();
        let mut by_secret: BTreeMap<(String, &str), Vec<Use<'_>>> = BTreeMap::new();
        for file in &workspace.files {
            if !matches!(file.source.kind, FileKind::GhaWorkflow | FileKind::GitlabCi) {
                continue;
            }
            let scope = secret_scope(&file.source.path, file.source.kind, &gitlab_roots);
            for reference in &file.facts.references {
                // GitHub mints `GITHUB_TOKEN` per run, scoped to the repository: not a shared secret.
                if reference.secret_name == "GITHUB_TOKEN" {
                    continue;
                }
                let Some(job) = reference.job.and_then(|j| file.facts.jobs.get(j)) else {
                    continue;
                };
                by_secret
                    .entry((scope.clone(), reference.secret_name.as_str()))
                    .or_default()
                    .push(Use {
                        file: file.id,
                        reference,
                        job,
                    });
            }
            env_input_with_cloud_keys(workspace, file.id, findings);
        }
        for ((_, secret), uses) in by_secret {
            let envs: Vec<Env> = {
                let mut v: Vec<Env> = uses
                    .iter()
                    .filter_map(|u| u.job.env.as_ref().map(|e| e.env))
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            if envs.len() < 2 {
                continue;
            }
            // Environment secrets are the fix: when every job is scoped, the name may be shared.
            if uses
                .iter()
                .all(|u| matches!(u.job.gate, Gate::Environment(_)))
            {
                continue;
            }
            let anchor = uses
                .iter()
                .find(|u| u.job.env.as_ref().is_some_and(|e| !e.env.is_production()))
                .or_else(|| uses.first());
            let Some(anchor) = anchor else { continue };
            let names: Vec<&str> = envs.iter().map(|e| e.as_str()).collect();
            let mut finding = Finding::new(
                CiSecretSharedAcrossEnvironments::META,
                Label::new(
                    anchor.file,
                    anchor.reference.span,
                    format!("job `{}` ({})", anchor.job.name, env_name(anchor.job)),
                ),
                format!("CI secret `{secret}` is used by {} jobs without environment scoping", names.join(" and ")),
            )
            .severity(if envs.contains(&Env::Production) { Severity::Error } else { Severity::Warning })
            .environment(anchor.job.env.clone())
            .why("a repository secret is released to every job; the non-production job holds what production holds")
            .help("store a separate secret per environment and give each job `environment:` so only its own is released")
            .key(secret.to_string());
            let mut seen_jobs = vec![(anchor.file, anchor.job.name.as_str())];
            for other in &uses {
                if seen_jobs.contains(&(other.file, other.job.name.as_str())) {
                    continue;
                }
                seen_jobs.push((other.file, other.job.name.as_str()));
                finding.related.push(Label::new(
                    other.file,
                    other.reference.span,
                    format!(
                        "also used by job `{}` ({})",
                        other.job.name,
                        env_name(other.job)
                    ),
                ));
                if let Some(info) = &other.job.env {
                    if !finding.related_environments.contains(info)
                        && Some(info) != anchor.job.env.as_ref()
                    {
                        finding.related_environments.push(info.clone());
                    }
                }
            }
            findings.push(finding);
        }
    }
}

/// Where a CI file's secrets are stored: the repository holding its `.github/` folder, or the
/// GitLab project whose `.gitlab-ci.yml` is nearest above it.
fn secret_scope(path: &str, kind: FileKind, gitlab_roots: &[&str]) -> String {
    if kind == FileKind::GhaWorkflow {
        if let Some(at) = path.rfind(".github/") {
            return path[..at].to_string();
        }
    }
    if kind == FileKind::GitlabCi {
        if let Some(root) = gitlab_roots
            .iter()
            .filter(|root| path.starts_with(**root))
            .max_by_key(|root| root.len())
        {
            return (*root).to_string();
        }
    }
    path.rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"))
}

fn env_name(job: &CiJob) -> &'static str {
    job.env
        .as_ref()
        .map_or("unknown environment", |e| e.env.as_str())
}

/// A workflow input that chooses the environment, e.g. `inputs.env` with options staging and
/// production, while a job that is not scoped by `environment:` reads long-lived cloud keys.
fn env_input_with_cloud_keys(workspace: &Workspace, file_id: FileId, findings: &mut Vec<Finding>) {
    let file = workspace.file(file_id);
    let Some(doc) = file.syntax.data() else {
        return;
    };
    for root in &doc.roots {
        let Some(inputs) = root
            .get("on")
            .and_then(|on| {
                on.get("workflow_dispatch")
                    .or_else(|| on.get("workflow_call"))
            })
            .and_then(|w| w.get("inputs"))
        else {
            continue;
        };
        for input in inputs.entries() {
            let options: Vec<String> = input
                .value
                .get("options")
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .filter_map(Node::scalar_text)
                .collect();
            let mut envs: Vec<Env> = options.iter().filter_map(|o| env_of_word(o)).collect();
            envs.sort();
            envs.dedup();
            let named_env = matches!(
                input.key.as_str(),
                "env" | "environment" | "stage" | "target"
            );
            if envs.len() < 2 && !(named_env && options.is_empty()) {
                continue;
            }
            let Some(jobs) = root.get("jobs") else {
                continue;
            };
            for job in jobs.entries() {
                let scoped = job
                    .value
                    .get("environment")
                    .is_some_and(|e| match &e.value {
                        Value::Str { value, .. } => value.contains("inputs."),
                        Value::Map(_) => e
                            .get("name")
                            .and_then(Node::as_str)
                            .is_some_and(|v| v.contains("inputs.")),
                        _ => false,
                    });
                if scoped {
                    continue;
                }
                let Some(reference) = file.facts.references.iter().find(|r| {
                    job.value.span.contains(r.span) && CLOUD_KEYS.contains(&r.secret_name.as_str())
                }) else {
                    continue;
                };
                let choices = if options.is_empty() {
                    "any value".to_string()
                } else {
                    options.join(", ")
                };
                findings.push(
                    Finding::new(
                        CiSecretSharedAcrossEnvironments::META,
                        Label::new(file_id, reference.span, "the same key whichever environment is chosen"),
                        format!(
                            "job `{}` uses the same `{}` for every environment input `{}` selects ({choices})",
                            job.key, reference.secret_name, input.key
                        ),
                    )
                    .related(Label::new(file_id, input.key_span, "chooses the environment"))
                    .environment(file.env.clone())
                    .why("the credential that deploys staging is the one that deploys production")
                    .help("set `environment: ${{ inputs.<name> }}` on the job and store the keys as environment secrets (or use OIDC roles per environment)")
                    .key(format!("{}:{}", job.key, reference.secret_name)),
                );
            }
        }
    }
}
