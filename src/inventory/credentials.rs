//! Credentials: one entry per distinct secret (by fingerprint), with every place that defines it,
//! every place that uses it, and every environment it reaches.
//!
//! Uses are found two ways. By value: the same fingerprint in another file is another definition of
//! the same secret. By name: a `.env` variable is usually consumed elsewhere under its name
//! (`${{ secrets.NAME }}`, `$NAME`, `${NAME}`, `env.NAME`), and a file that holds secrets is often
//! loaded by path (`source ops/custom-domains/.env`). Names are a heuristic, so a use says how it
//! was linked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{evidence, place, Answer, EnvEvidence, Evidence, Place, Shows};
use crate::diagnostic::{Category, Finding};
use crate::discover::FileKind;
use crate::facts::{CiJob, Origin};
use crate::model::{FileModel, Workspace};
use crate::secrets::describe;
use crate::secrets::{self, Mode, Scope};

/// The environment node for credentials that reach everything the account can.
pub const EVERY_ENVIRONMENT: &str = "every environment";
/// The environment node for credentials with no environment evidence at all.
pub const UNKNOWN_ENVIRONMENT: &str = "unknown environment";

#[derive(Debug, Serialize)]
pub struct CredentialEntry {
    /// `C1`, `C2`…: stable within one run, used by the graph.
    pub id: String,
    pub fingerprint: String,
    /// A short prefix and the length; never the secret.
    pub redacted: String,
    /// The token catalogue's id for this kind of credential.
    pub catalogue: &'static str,
    /// Provider and kind in words: "Stripe live secret key".
    pub description: String,
    pub provider: String,
    pub kind: String,
    pub scope: String,
    pub mode: Option<&'static str>,
    /// What the credential can do, from the token catalogue.
    pub can: String,
    /// The narrower kind the owner could use instead.
    pub narrower: Option<String>,
    pub environments: Vec<EnvEvidence>,
    pub defined: Vec<Definition>,
    pub used: Vec<Usage>,
    /// Environment names this credential reaches (see [`ReachEdge`] for why).
    pub reaches: Vec<String>,
    /// Ids of the rules that reported this secret (by fingerprint).
    pub findings: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    #[serde(flatten)]
    pub place: Place,
    pub name: Option<String>,
    pub context: String,
    pub environment: Option<EnvEvidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Usage {
    #[serde(flatten)]
    pub place: Place,
    /// How the use was linked: "`$RAILWAY_API_TOKEN` in script", "CI job `deploy` (secret `X`)".
    pub how: String,
    pub environment: Option<EnvEvidence>,
}

/// An edge of the reach graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachEdge {
    pub credential: String,
    pub environment: String,
    pub why: String,
}

/// All credential entries and the reach edges between them and environments.
pub fn collect(
    workspace: &Workspace,
    findings: &[Finding],
    shows: Shows<'_>,
) -> (Vec<CredentialEntry>, Vec<ReachEdge>) {
    let mut entries: Vec<CredentialEntry> = Vec::new();
    let mut by_fingerprint: HashMap<String, usize> = HashMap::new();
    // Raw values are only needed to redact once; they never leave this function.
    for file in &workspace.files {
        if !shows(file, "AL101") {
            continue;
        }
        for credential in &file.facts.credentials {
            let definition = Definition {
                place: Place {
                    path: file.source.path.clone(),
                    line: file.source.line_col(credential.span.start).0,
                },
                name: credential.name.clone(),
                context: credential.context.clone(),
                environment: credential.env.as_ref().map(EnvEvidence::from),
            };
            if let Some(&index) = by_fingerprint.get(&credential.fingerprint) {
                entries[index].defined.push(definition);
                continue;
            }
            let secret = &credential.secret;
            by_fingerprint.insert(credential.fingerprint.clone(), entries.len());
            entries.push(CredentialEntry {
                id: format!("C{}", entries.len() + 1),
                fingerprint: credential.fingerprint.clone(),
                redacted: secrets::redact(credential.span.slice(&file.source.text)),
                catalogue: secret.catalogue_id,
                description: describe(secret),
                provider: secret.provider.to_string(),
                kind: secret.kind.to_string(),
                scope: secret.scope.to_string(),
                mode: secret.mode.map(|m| match m {
                    Mode::Live => "live",
                    Mode::Test => "test",
                }),
                can: secret.reach.to_string(),
                narrower: secret.narrower.map(str::to_string),
                environments: Vec::new(),
                defined: vec![definition],
                used: Vec::new(),
                reaches: Vec::new(),
                findings: Vec::new(),
            });
        }
    }
    let mut edges = Vec::new();
    for entry in &mut entries {
        entry.used = usages(workspace, &entry.defined);
        let mut envs: BTreeSet<EnvEvidence> = BTreeSet::new();
        envs.extend(entry.defined.iter().filter_map(|d| d.environment.clone()));
        entry.environments = envs.into_iter().collect();
        let mut ids: Vec<&'static str> = findings
            .iter()
            .filter(|f| f.fingerprint.as_deref() == Some(entry.fingerprint.as_str()))
            .map(|f| f.rule.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        entry.findings = ids;
        let reach = reach(workspace, entry, findings);
        entry.reaches = reach.iter().map(|(env, _)| env.clone()).collect();
        edges.extend(reach.into_iter().map(|(environment, why)| ReachEdge {
            credential: entry.id.clone(),
            environment,
            why,
        }));
    }
    (entries, edges)
}

/// Environments a credential reaches, each with the reasons, in a fixed order.
fn reach(
    workspace: &Workspace,
    entry: &CredentialEntry,
    findings: &[Finding],
) -> Vec<(String, String)> {
    let mut reasons: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add = |env: &str, why: String| {
        let list = reasons.entry(env.to_string()).or_default();
        if !list.contains(&why) {
            list.push(why);
        }
    };
    for definition in &entry.defined {
        if let Some(env) = &definition.environment {
            add(
                &env.env,
                format!("defined in {} ({})", definition.place.path, env.evidence),
            );
        }
    }
    for usage in &entry.used {
        if let Some(env) = &usage.environment {
            add(&env.env, format!("used by {}", usage.place.path));
        }
    }
    if entry.mode == Some("live") {
        add("production", "live-mode key".to_string());
    }
    // A connection string's host names the environment its password opens.
    for file in &workspace.files {
        for credential in &file.facts.credentials {
            if credential.fingerprint != entry.fingerprint {
                continue;
            }
            let line = file.source.line_col(credential.span.start).0;
            for endpoint in &file.facts.endpoints {
                if file.source.line_col(endpoint.span.start).0 != line {
                    continue;
                }
                if let Some(env) = &endpoint.env {
                    add(env.env.as_str(), format!("connects to {}", env.evidence));
                }
            }
        }
    }
    for finding in findings {
        if finding.rule.id == "AL202" && finding.fingerprint.as_deref() == Some(&entry.fingerprint)
        {
            add(
                "production",
                format!("AL202 at {}", place(workspace, &finding.primary)),
            );
        }
    }
    // A platform token that is not bound to a mode or a database server reaches whatever the
    // account holds: that is how a domain-management token deleted a production volume.
    if is_wide(&entry.scope) && entry.mode.is_none() && !entry.catalogue.starts_with("database") {
        add(
            EVERY_ENVIRONMENT,
            format!("{} token: not limited to one environment", entry.scope),
        );
    }
    if reasons.is_empty() {
        reasons.insert(
            UNKNOWN_ENVIRONMENT.to_string(),
            vec!["no environment evidence".to_string()],
        );
    }
    let order = |env: &str| match env {
        "production" => 0,
        EVERY_ENVIRONMENT => 1,
        "staging" => 2,
        "development" => 3,
        "test" => 4,
        _ => 5,
    };
    let mut out: Vec<(String, String)> = reasons
        .into_iter()
        .map(|(env, why)| (env, why.join("; ")))
        .collect();
    out.sort_by_key(|(env, _)| order(env));
    out
}

/// Whether a scope, as printed, is account-wide or admin.
fn is_wide(scope: &str) -> bool {
    scope == Scope::Account.to_string() || scope == Scope::Admin.to_string()
}

/// Whether a name is worth searching for as `$NAME`: an environment-variable-like identifier.
fn searchable_name(name: &str) -> bool {
    name.len() >= 3
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
}

/// Offsets where `name` is used as a variable or secret: `$NAME`, `${NAME`, `secrets.NAME`,
/// `env.NAME`, followed by a character that cannot continue the name.
fn name_uses(text: &str, name: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|rest| rest.find(name)) {
        let start = from + pos;
        let end = start + name.len();
        from = end;
        let before = &text[..start];
        let prefix = ["${", "$", "secrets.", "env."]
            .into_iter()
            .find(|p| before.ends_with(p));
        let bounded = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        if let (Some(prefix), true) = (prefix, bounded) {
            out.push((start - prefix.len(), prefix));
        }
    }
    out
}

/// Offsets where a repository path is mentioned as a whole path.
fn path_mentions(text: &str, path: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|rest| rest.find(path)) {
        let start = from + pos;
        let end = start + path.len();
        from = end;
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "/\"'`(=:,[".contains(c));
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || "._-/".contains(c)));
        if before_ok && after_ok {
            out.push(start);
        }
    }
    out
}

/// The CI job whose reference or command covers `offset`.
fn job_at(file: &FileModel, offset: usize) -> Option<&CiJob> {
    let by_reference = file
        .facts
        .references
        .iter()
        .find(|r| r.span.start <= offset && offset < r.span.end.max(r.span.start + 1))
        .and_then(|r| r.job);
    let by_command = || {
        file.facts.commands.iter().find_map(|c| match c.origin {
            Origin::CiJob(index)
                if c.command.span.start <= offset && offset < c.command.span.end =>
            {
                Some(index)
            }
            _ => None,
        })
    };
    by_reference
        .or_else(by_command)
        .and_then(|index| file.facts.jobs.get(index))
        .or_else(|| {
            // A job-level `env:` sits between the job's name and the next job's.
            let mut jobs: Vec<&CiJob> = file.facts.jobs.iter().collect();
            jobs.sort_by_key(|j| j.name_span.start);
            jobs.into_iter().rev().find(|j| j.name_span.start <= offset)
        })
}

/// Where in a file a use sits, for the `how` text, and the environment that applies there.
fn site(file: &FileModel, offset: usize) -> (String, Option<EnvEvidence>) {
    let file_env = file.env.as_ref().map(EnvEvidence::from);
    match file.source.kind {
        FileKind::GhaWorkflow | FileKind::GitlabCi => match job_at(file, offset) {
            Some(job) => (
                format!("CI job `{}`", job.name),
                job.env.as_ref().map(EnvEvidence::from).or(file_env),
            ),
            None => ("CI workflow".to_string(), file_env),
        },
        FileKind::Script => ("script".to_string(), file_env),
        FileKind::AgentRules(_) => ("agent instructions".to_string(), file_env),
        FileKind::AgentSettings(_) => ("agent settings".to_string(), file_env),
        FileKind::McpConfig(_) => ("MCP configuration".to_string(), file_env),
        kind => (kind.label().to_string(), file_env),
    }
}

fn usages(workspace: &Workspace, defined: &[Definition]) -> Vec<Usage> {
    let names: BTreeSet<&str> = defined
        .iter()
        .filter_map(|d| d.name.as_deref())
        .filter(|n| searchable_name(n))
        .collect();
    let def_paths: BTreeSet<&str> = defined.iter().map(|d| d.place.path.as_str()).collect();
    let def_lines: BTreeSet<(&str, usize)> = defined
        .iter()
        .map(|d| (d.place.path.as_str(), d.place.line))
        .collect();
    let mut out = BTreeSet::new();
    for file in &workspace.files {
        let text = &file.source.text;
        let path = file.source.path.as_str();
        for name in &names {
            for (offset, prefix) in name_uses(text, name) {
                let line = file.source.line_col(offset).0;
                if def_lines.contains(&(path, line)) {
                    continue;
                }
                let (site, environment) = site(file, offset);
                let token = if prefix == "${" {
                    format!("${{{name}}}")
                } else {
                    format!("{prefix}{name}")
                };
                out.insert(Usage {
                    place: Place {
                        path: path.to_string(),
                        line,
                    },
                    how: format!("`{token}` in {site} (linked by name)"),
                    environment,
                });
            }
        }
        if def_paths.contains(path) {
            continue;
        }
        // Files that name a file holding the secret: `source …/.env`, `env_file: .env.staging`.
        for def_file in workspace
            .files
            .iter()
            .filter(|f| def_paths.contains(f.source.path.as_str()))
        {
            for offset in path_mentions(text, &def_file.rel_path) {
                let line = file.source.line_col(offset).0;
                let (site, environment) = site(file, offset);
                out.insert(Usage {
                    place: Place {
                        path: path.to_string(),
                        line,
                    },
                    how: format!("{site} refers to `{}`, which holds it", def_file.rel_path),
                    environment,
                });
            }
        }
    }
    out.into_iter().collect()
}

/// "Where do your tokens live, and what can each do?"
pub fn answer(entries: &[CredentialEntry]) -> Answer {
    let broad = entries.iter().filter(|e| is_wide(&e.scope)).count();
    let live = entries.iter().filter(|e| e.mode == Some("live")).count();
    let files: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.defined.iter().map(|d| d.place.path.as_str()))
        .collect();
    let verdict = if entries.is_empty() {
        "No plaintext credential in the files agents and CI read.".to_string()
    } else {
        format!(
            "{} credential{} in plaintext in {} file{}; {broad} account-wide or admin, {live} live-mode.",
            entries.len(),
            plural(entries.len()),
            files.len(),
            plural(files.len()),
        )
    };
    Answer {
        id: "tokens",
        question: "Where do the tokens live, and what can each one do?",
        verdict,
        ok: entries.is_empty(),
        judged: true,
        evidence: Vec::new(),
    }
}

/// "Does staging hold credentials that can touch production?", from AL201 and AL202.
pub fn staging_answer(workspace: &Workspace, findings: &[Finding]) -> Answer {
    let relevant: Vec<Evidence> = findings
        .iter()
        .filter(|f| f.rule.category == Category::CrossEnvironmentCredential)
        .filter(|f| {
            f.rule.id != "AL201"
                || f.related_environments.iter().any(|e| e.env.is_production())
                || f.environment
                    .as_ref()
                    .is_some_and(|e| e.env.is_production())
        })
        .map(|f| evidence(workspace, f))
        .collect();
    let shared = relevant.iter().filter(|e| e.rule == "AL201").count();
    let reach = relevant.len() - shared;
    let verdict = if relevant.is_empty() {
        "No: no non-production file or job holds a credential or endpoint that reaches production, as far as the repository shows.".to_string()
    } else {
        format!(
            "Yes: {shared} secret{} shared with production (AL201), {reach} production credential{}, endpoint{} or secret{} in non-production places (AL202).",
            plural(shared),
            plural(reach),
            plural(reach),
            plural(reach),
        )
    };
    Answer {
        id: "staging-reach",
        question: "Does staging hold credentials that can touch production?",
        verdict,
        ok: relevant.is_empty(),
        judged: true,
        evidence: relevant,
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_as_variables_only() {
        let text = "a $TOKEN b ${TOKEN} c ${{ secrets.TOKEN }} d $TOKEN_2 e TOKEN";
        let found: Vec<&str> = name_uses(text, "TOKEN")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(found, vec!["$", "${", "secrets."]);
    }

    #[test]
    fn paths_are_matched_whole() {
        let text = "source ../ops/.env\ncat ops/.env.staging\nuse `ops/.env`";
        assert_eq!(path_mentions(text, "ops/.env").len(), 2);
    }
}

/// A secret kept in a CI platform's store and referenced by name (`${{ secrets.X }}`, a GitLab
/// CI/CD variable): its value is not in the repository, but the jobs that receive it are.
#[derive(Debug, Clone, Serialize)]
pub struct StoredSecret {
    pub name: String,
    /// "GitHub Actions secret" or "GitLab CI/CD variable".
    pub store: &'static str,
    pub used: Vec<Usage>,
    /// Whether every job that receives it is scoped to a deployment environment, so each
    /// environment can hold its own value.
    pub environment_scoped: bool,
    /// Ids of the rules that reported it (by name).
    pub findings: Vec<&'static str>,
}

/// Every secret CI jobs reference by name, with the jobs that receive it.
pub fn collect_stored(
    workspace: &Workspace,
    findings: &[Finding],
    shows: Shows<'_>,
) -> Vec<StoredSecret> {
    use crate::discover::FileKind;
    use crate::facts::Gate;
    let mut out: Vec<StoredSecret> = Vec::new();
    for file in &workspace.files {
        let store = match file.source.kind {
            FileKind::GhaWorkflow | FileKind::GhaAction => "GitHub Actions secret",
            FileKind::GitlabCi => "GitLab CI/CD variable",
            _ => continue,
        };
        if !shows(file, "AL203") {
            continue;
        }
        for reference in &file.facts.references {
            if reference.secret_name == "GITHUB_TOKEN" {
                continue;
            }
            let job = reference.job.and_then(|j| file.facts.jobs.get(j));
            let usage = Usage {
                place: Place {
                    path: file.source.path.clone(),
                    line: file.source.line_col(reference.span.start).0,
                },
                how: match job {
                    Some(job) => format!("CI job `{}`", job.name),
                    None => "workflow".to_string(),
                },
                environment: job.and_then(|j| j.env.as_ref()).map(EnvEvidence::from),
            };
            let scoped = job.is_some_and(|j| matches!(j.gate, Gate::Environment(_)));
            match out
                .iter_mut()
                .find(|s| s.name == reference.secret_name && s.store == store)
            {
                Some(entry) => {
                    if !entry
                        .used
                        .iter()
                        .any(|u| u.place == usage.place && u.how == usage.how)
                    {
                        entry.used.push(usage);
                    }
                    entry.environment_scoped &= scoped;
                }
                None => out.push(StoredSecret {
                    name: reference.secret_name.clone(),
                    store,
                    used: vec![usage],
                    environment_scoped: scoped,
                    findings: Vec::new(),
                }),
            }
        }
    }
    for entry in &mut out {
        let mut ids: Vec<&'static str> = findings
            .iter()
            .filter(|f| f.key == entry.name || f.message.contains(&format!("`{}`", entry.name)))
            .filter(|f| matches!(f.rule.id, "AL202" | "AL203" | "AL205"))
            .map(|f| f.rule.id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        entry.findings = ids;
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
