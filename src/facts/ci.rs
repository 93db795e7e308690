//! CI jobs: GitHub Actions workflows and composite actions, GitLab CI pipelines.
//!
//! For every job: its environment (from `environment:`, branch conditions, triggers, else the
//! file's), its gate (a deployment environment that can require reviewers, a manual job), the
//! commands of its `run:`/`script:` blocks parsed as shell with spans in the YAML file, and the
//! secrets it references.

use crate::lazy_regex::LazyRegex;

use super::{invocation, ActionCall, CiJob, CommandFact, FileFacts, Gate, Origin, SecretReference};
use crate::environments::{env_of_word, Env, EnvInfo};
use crate::source::SourceFile;
use crate::syntax::{shell, DataDoc, Node, Span, Value};

/// `${{ secrets.NAME }}` (and `secrets['NAME']`).
static SECRET_EXPR: LazyRegex =
    LazyRegex::new(r#"\$\{\{\s*secrets(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']+)'\s*\])\s*\}\}"#);

/// `$NAME` and `${NAME}` in a GitLab script: CI/CD variables, where GitLab keeps its secrets.
static GITLAB_VARIABLE: LazyRegex = LazyRegex::new(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?");

/// Variables GitLab (or the shell) defines itself: never a secret the project stored.
fn predefined(name: &str) -> bool {
    name.starts_with("CI_")
        || name.starts_with("GITLAB_")
        || matches!(name, "HOME" | "PATH" | "PWD" | "USER" | "SHELL" | "CI")
}

pub fn github(
    source: &SourceFile,
    doc: &DataDoc,
    file_env: Option<&EnvInfo>,
    facts: &mut FileFacts,
) {
    for root in &doc.roots {
        let triggers = triggers(root);
        let push_branches = push_branches(root);
        if let Some(jobs) = root.get("jobs") {
            for entry in jobs.entries() {
                let job = &entry.value;
                let environment = job.get("environment").and_then(|e| {
                    e.as_str()
                        .map(str::to_string)
                        .or_else(|| e.get("name").and_then(Node::as_str).map(str::to_string))
                });
                let gate = match &environment {
                    Some(name) => Gate::Environment(name.clone()),
                    None => Gate::None,
                };
                let env = job_env(
                    environment.as_deref(),
                    &entry.key,
                    job.get("if").and_then(Node::as_str),
                    &push_branches,
                    file_env,
                );
                let index = facts.jobs.len();
                let condition = job.get("if").and_then(Node::as_str).unwrap_or("");
                let titles = [job.get("name"), root.get("name")]
                    .into_iter()
                    .flatten()
                    .filter_map(Node::as_str)
                    .map(str::to_string)
                    .collect();
                facts.jobs.push(CiJob {
                    name: entry.key.clone(),
                    name_span: entry.key_span,
                    env,
                    gate,
                    chosen_by_dispatch_input: triggers.iter().all(|t| t == "workflow_dispatch")
                        && !triggers.is_empty()
                        && (condition.contains("inputs.") || condition.contains("event.inputs")),
                    triggers: triggers.clone(),
                    titles,
                });
                for step in job.get("steps").map(Node::items).unwrap_or(&[]) {
                    if let Some(uses) = step.get("uses") {
                        if let Some(path) = uses.as_str().and_then(|u| u.strip_prefix("./")) {
                            facts.action_calls.push(ActionCall {
                                job: index,
                                path: path.trim_end_matches('/').to_string(),
                                span: uses.span,
                            });
                        }
                    }
                    if let Some(run) = step.get("run") {
                        let env = env_map(&[root.get("env"), job.get("env"), step.get("env")]);
                        let dir = step
                            .get("working-directory")
                            .or_else(|| {
                                job.get("defaults")
                                    .and_then(|d| d.get("run"))
                                    .and_then(|r| r.get("working-directory"))
                            })
                            .and_then(Node::as_str);
                        push_script_with_env(source, run, Origin::CiJob(index), &env, dir, facts);
                    }
                }
                collect_references(source, job, Some(index), None, facts);
            }
        }
        // Composite actions: `runs.steps[].run`.
        if let Some(steps) = root.get("runs").and_then(|r| r.get("steps")) {
            for step in steps.items() {
                if let Some(run) = step.get("run") {
                    push_script(source, run, Origin::Script, facts);
                }
            }
        }
        if let Some(env) = root.get("env") {
            collect_references(source, env, None, None, facts);
        }
    }
}

/// GitLab keys that are not jobs.
const GITLAB_RESERVED: &[&str] = &[
    "stages",
    "variables",
    "include",
    "default",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "spec",
];

pub fn gitlab(
    source: &SourceFile,
    doc: &DataDoc,
    file_env: Option<&EnvInfo>,
    facts: &mut FileFacts,
) {
    for root in &doc.roots {
        for entry in root.entries() {
            let job = &entry.value;
            // Hidden jobs (`.deploy-template`) never run by themselves: the jobs that `extends:`
            // them run their scripts.
            if GITLAB_RESERVED.contains(&entry.key.as_str())
                || entry.key.starts_with('.')
                || !matches!(job.value, Value::Map(_))
            {
                continue;
            }
            let field = |key: &str| gitlab_field(root, job, key, 0);
            let has_script = ["script", "before_script", "after_script"]
                .iter()
                .any(|k| field(k).is_some());
            if !has_script {
                continue;
            }
            let environment = field("environment").and_then(|e| {
                e.as_str()
                    .map(str::to_string)
                    .or_else(|| e.get("name").and_then(Node::as_str).map(str::to_string))
            });
            let tier = field("environment")
                .and_then(|e| e.get("deployment_tier"))
                .and_then(Node::as_str);
            let manual = field("when").and_then(Node::as_str) == Some("manual")
                || field("rules")
                    .map(Node::items)
                    .unwrap_or(&[])
                    .iter()
                    .any(|rule| rule.get("when").and_then(Node::as_str) == Some("manual"));
            let env = tier
                .and_then(env_of_word)
                .map(|env| EnvInfo::new(env, format!("job `deployment_tier: {}`", env.as_str())))
                .or_else(|| environment.as_deref().and_then(env_of_environment_name))
                .or_else(|| {
                    entry
                        .key
                        .split(['-', '_', ' ', '.', ':'])
                        .find_map(env_of_word)
                        .filter(|env| *env != Env::Test)
                        .map(|env| EnvInfo::new(env, format!("job name `{}`", entry.key)))
                })
                .or_else(|| file_env.cloned());
            let index = facts.jobs.len();
            // A GitLab job with an `environment:` can be held by a protected environment's
            // approval rules, as a GitHub deployment environment can.
            let gate = if manual {
                Gate::Manual
            } else if let Some(name) = &environment {
                Gate::Environment(name.clone())
            } else {
                Gate::None
            };
            facts.jobs.push(CiJob {
                name: entry.key.clone(),
                name_span: entry.key_span,
                env,
                gate,
                triggers: Vec::new(),
                titles: Vec::new(),
                chosen_by_dispatch_input: false,
            });
            let env = env_map(&[root.get("variables"), field("variables")]);
            for key in ["before_script", "script", "after_script"] {
                let Some(script) = field(key) else { continue };
                match &script.value {
                    Value::Seq(lines) => {
                        for line in lines {
                            push_script_with_env(
                                source,
                                line,
                                Origin::CiJob(index),
                                &env,
                                None,
                                facts,
                            );
                        }
                    }
                    _ => push_script_with_env(
                        source,
                        script,
                        Origin::CiJob(index),
                        &env,
                        None,
                        facts,
                    ),
                }
            }
            collect_references(source, job, Some(index), None, facts);
            // GitLab has no `secrets.` expressions: a job reaches a stored CI/CD variable by
            // name. A credential-named variable the file does not define is one.
            for key in ["before_script", "script", "after_script"] {
                if let Some(script) = field(key) {
                    collect_gitlab_variables(source, script, index, &env, facts);
                }
            }
        }
    }
}

/// Credential-named `$VARIABLES` a GitLab script uses and the file does not define.
fn collect_gitlab_variables(
    source: &SourceFile,
    node: &Node,
    job: usize,
    defined: &[(String, String)],
    facts: &mut FileFacts,
) {
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                collect_gitlab_variables(source, item, job, defined, facts);
            }
        }
        Value::Str { content, .. } => {
            let raw = content.slice(&source.text);
            if !raw.contains('$') {
                return;
            }
            let Some(regex) = GITLAB_VARIABLE.get() else {
                return;
            };
            for caps in regex.captures_iter(raw) {
                let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
                    continue;
                };
                let name = name.as_str();
                if predefined(name)
                    || defined.iter().any(|(k, _)| k == name)
                    || !crate::secrets::is_secret_name(name)
                    || facts
                        .references
                        .iter()
                        .any(|r| r.job == Some(job) && r.secret_name == name)
                {
                    continue;
                }
                facts.references.push(SecretReference {
                    span: Span::new(whole.start(), whole.end()).offset(content.start),
                    secret_name: name.to_string(),
                    holder: None,
                    job: Some(job),
                });
            }
        }
        _ => {}
    }
}

/// A GitLab job's key, its own or inherited through `extends:` (a template name or a list, later
/// templates overriding earlier ones), at most a few templates deep.
fn gitlab_field<'a>(root: &'a Node, job: &'a Node, key: &str, depth: usize) -> Option<&'a Node> {
    if let Some(own) = job.get(key) {
        return Some(own);
    }
    if depth >= 4 {
        return None;
    }
    let extends = job.get("extends")?;
    let names: Vec<&str> = match &extends.value {
        Value::Seq(items) => items.iter().filter_map(Node::as_str).collect(),
        _ => extends.as_str().into_iter().collect(),
    };
    names
        .iter()
        .rev()
        .filter_map(|name| root.get(name))
        .find_map(|template| gitlab_field(root, template, key, depth + 1))
}

/// Parse a YAML string scalar as shell, keeping spans in the YAML file.
pub fn push_script(source: &SourceFile, node: &Node, origin: Origin, facts: &mut FileFacts) {
    push_script_with_env(source, node, origin, &[], None, facts);
}

/// The literal variables of `env:` / `variables:` maps, later ones overriding earlier ones
/// (workflow, then job, then step). GitLab's `{value: …, description: …}` form is read too.
fn env_map(maps: &[Option<&Node>]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for map in maps.iter().flatten() {
        for entry in map.entries() {
            let node = entry.value.get("value").unwrap_or(&entry.value);
            let value = match &node.value {
                Value::Str { value, .. } | Value::Num(value) => value.clone(),
                Value::Bool(b) => b.to_string(),
                _ => continue,
            };
            out.retain(|(k, _)| *k != entry.key);
            out.push((entry.key.clone(), value));
        }
    }
    out
}

/// [`push_script`], with the variables the job sets for its commands.
pub fn push_script_with_env(
    source: &SourceFile,
    node: &Node,
    origin: Origin,
    env: &[(String, String)],
    working_directory: Option<&str>,
    facts: &mut FileFacts,
) {
    let Value::Str { content, .. } = &node.value else {
        return;
    };
    let raw = content.slice(&source.text);
    let script = shell::parse(raw, content.start);
    let stdins: Vec<String> = script
        .commands
        .iter()
        .map(|command| invocation::stdin_text(&script.commands, command, &source.text))
        .collect();
    let mut context = invocation::ScriptContext::new(env, working_directory);
    for (command, stdin) in script.commands.into_iter().zip(stdins) {
        let (env, target) = (context.env.clone(), context.target.clone());
        context.advance(&command);
        facts.commands.push(CommandFact {
            stdin,
            command,
            origin: origin.clone(),
            env,
            context: target,
        });
    }
}

/// Every `${{ secrets.X }}` under `node`, with the variable it is assigned to.
fn collect_references(
    source: &SourceFile,
    node: &Node,
    job: Option<usize>,
    holder: Option<&str>,
    facts: &mut FileFacts,
) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                collect_references(source, &entry.value, job, Some(&entry.key), facts);
            }
        }
        Value::Seq(items) => {
            for item in items {
                collect_references(source, item, job, holder, facts);
            }
        }
        Value::Str { content, .. } => {
            let raw = content.slice(&source.text);
            if !raw.contains("secrets") {
                return;
            }
            let Some(regex) = SECRET_EXPR.get() else {
                return;
            };
            for caps in regex.captures_iter(raw) {
                let Some(whole) = caps.get(0) else { continue };
                let Some(name) = caps.get(1).or_else(|| caps.get(2)) else {
                    continue;
                };
                facts.references.push(SecretReference {
                    span: Span::new(whole.start(), whole.end()).offset(content.start),
                    secret_name: name.as_str().to_string(),
                    holder: holder.map(str::to_string),
                    job,
                });
            }
        }
        _ => {}
    }
}

fn triggers(root: &Node) -> Vec<String> {
    match root.get("on").or_else(|| root.get("true")) {
        Some(node) => match &node.value {
            Value::Str { value, .. } => vec![value.clone()],
            Value::Seq(items) => items.iter().filter_map(Node::scalar_text).collect(),
            Value::Map(entries) => entries.iter().map(|e| e.key.clone()).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

fn push_branches(root: &Node) -> Vec<String> {
    root.get("on")
        .and_then(|on| on.get("push"))
        .and_then(|push| push.get("branches"))
        .map(|b| b.items().iter().filter_map(Node::scalar_text).collect())
        .unwrap_or_default()
}

/// A job's environment: its deployment environment, then a branch condition, then push branches.
fn job_env(
    environment: Option<&str>,
    job_name: &str,
    condition: Option<&str>,
    push_branches: &[String],
    file_env: Option<&EnvInfo>,
) -> Option<EnvInfo> {
    if let Some(info) = environment.and_then(env_of_environment_name) {
        return Some(info);
    }
    // `deploy-prod`, `migrate_staging`
    if let Some(env) = job_name.split(['-', '_', ' ', '.']).find_map(env_of_word) {
        if !matches!(env, Env::Test) {
            return Some(EnvInfo::new(env, format!("job name `{job_name}`")));
        }
    }
    if let Some(condition) = condition {
        for branch in ["main", "master", "production", "release"] {
            if condition.contains(&format!("refs/heads/{branch}")) {
                return Some(EnvInfo::new(
                    Env::Production,
                    format!("condition `github.ref == 'refs/heads/{branch}'`"),
                ));
            }
        }
    }
    if !push_branches.is_empty()
        && push_branches
            .iter()
            .all(|b| matches!(b.as_str(), "main" | "master" | "production"))
    {
        return Some(EnvInfo::new(
            Env::Production,
            format!("runs on push to `{}`", push_branches.join("`, `")),
        ));
    }
    file_env.cloned()
}

/// `production`, `prod-eu`, `staging/review` → an environment with evidence. Expressions
/// (`${{ inputs.env }}`) name no environment.
fn env_of_environment_name(name: &str) -> Option<EnvInfo> {
    if name.contains("${{") || name.contains('$') {
        return None;
    }
    name.split(['-', '_', '/', ' ', '.'])
        .find_map(env_of_word)
        .map(|env| EnvInfo::new(env, format!("job `environment: {name}`")))
}
