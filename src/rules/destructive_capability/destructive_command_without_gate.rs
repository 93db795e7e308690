use crate::declare_rule;
use crate::diagnostic::FileId;
use crate::diagnostic::{Applicability, Edit, Finding, Fix, Label, Severity};
use crate::discover::FileKind;
use crate::environments::Env;
use crate::facts::destructive;
use crate::facts::destructive::catalogue::{Backups, Family};
use crate::facts::destructive::Confirmation;
use crate::facts::{recipes, ActionCall, CommandFact, Gate, Origin};
use crate::model::recipes::RecipeIndex;
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::syntax::{ShellCommand, Span};

declare_rule! {
    /// ## What it does
    /// Finds destructive commands and API calls (`terraform destroy`, `apply -auto-approve`,
    /// `railway volume delete --yes`, GraphQL `volumeDelete`, `aws rds delete-db-instance
    /// --skip-final-snapshot`, `kubectl delete namespace`, `DROP DATABASE`, `prisma migrate reset
    /// --force`, `docker compose down -v`…) where nobody confirms them: CI jobs without a deployment
    /// `environment:` (which can require reviewers) or a manual trigger, agent hooks that run by
    /// themselves, and scripts; also through the recipes they call (`make destroy`, `npm run
    /// db:reset`). A command counts as unconfirmed when a flag or variable turns its prompt off
    /// (`-auto-approve`, `--yes`, `PULUMI_SKIP_CONFIRMATIONS`), when the tool never asks (`aws`,
    /// `kubectl`, SQL clients, `curl`), or when it asks only on a terminal (`gcloud`).
    ///
    /// Gates: a GitHub or GitLab job with an `environment:`, a GitLab `when: manual` job, and a
    /// `workflow_dispatch` job whose `if:` reads the input the person starting it chose. A plain
    /// `workflow_dispatch` is reported: anyone with write access, or an agent holding a token, can
    /// start it.
    ///
    /// Severity follows reach: production, or an unknown environment, is an error; staging a
    /// warning; test and development jobs (named so: `e2e`, `integration-test`, or their
    /// workflow) are reported at `info`. A target named in the command's own arguments
    /// (`--context prod`, `-chdir=envs/prod`) counts where the job names none.
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
    pub struct DestructiveCommandWithoutGate {
        id: "AL303",
        name: "destructive-command-without-gate",
        category: DestructiveCapability,
        severity: Error,
        summary: "a CI job, hook or script runs a destructive command nobody confirms",
        input: Workspace,
    }
}

impl WorkspaceRule for DestructiveCommandWithoutGate {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        let recipes = RecipeIndex::new(workspace);
        // Local actions some job runs: their commands are judged in the calling jobs, under
        // those jobs' gates.
        let called_actions: Vec<&str> = workspace
            .files
            .iter()
            .flat_map(|f| f.facts.action_calls.iter().map(|c| c.path.as_str()))
            .collect();
        for file in &workspace.files {
            if file.source.kind == FileKind::GhaAction
                && called_actions
                    .iter()
                    .any(|path| action_file_matches(&file.rel_path, path))
            {
                continue;
            }
            // One finding per job (or script) and command; repeats are listed as related places.
            let mut seen: Vec<(String, usize)> = Vec::new();
            let through_actions: Vec<(CommandFact, destructive::Destructive, ViaRecipe)> = file
                .facts
                .action_calls
                .iter()
                .filter_map(|call| through_action(workspace, call))
                .collect();
            let items = file.facts.commands.iter().map(|fact| (fact, None)).chain(
                through_actions
                    .iter()
                    .map(|(fact, d, via)| (fact, Some((d.clone(), via.clone())))),
            );
            for (fact, reached) in items {
                // The command itself, the recipe it calls (`make destroy` → its Makefile rule), or
                // the local action a step uses.
                let (d, via) = match reached {
                    Some((d, via)) => (d, Some(via)),
                    None => match destructive::classify_fact(fact) {
                        Some(d) => (d, None),
                        None => match through_recipe(&recipes, fact, 0) {
                            Some((d, recipe)) => (d, Some(recipe)),
                            None => continue,
                        },
                    },
                };
                // Without a terminal a prompting command fails instead of destroying: only commands
                // with their confirmation turned off, or API calls that never ask, run through.
                if !d.unconfirmed || d.backups == Backups::FinalSnapshot {
                    continue;
                }
                // A CI runner's files (checkout, home) are thrown away with the job: `rm -rf` there
                // loses nothing. In scripts and agent hooks it runs on someone's machine.
                if matches!(fact.origin, Origin::CiJob(_)) && d.family == Family::Shell {
                    continue;
                }
                let Some((who, env, gate_note)) = actor(file, &fact.origin) else {
                    continue;
                };
                // The command's own arguments can name the target (`--context prod`,
                // `-chdir=envs/prod`) where the job or file does not.
                let env = env.or_else(|| d.target.clone());
                let shown = match &via {
                    Some(recipe) => {
                        format!("{}`, whose {} runs `{}", recipe.call, recipe.part, d.shown)
                    }
                    None => d.shown.clone(),
                };
                let group = format!("{who}:{shown}");
                if let Some((_, index)) = seen.iter().find(|(g, _)| *g == group) {
                    if let Some(finding) = findings.get_mut(*index) {
                        finding.related.push(Label::new(
                            file.id,
                            fact.command.span,
                            format!("`{}` again", d.shown),
                        ));
                    }
                    continue;
                }
                seen.push((group, findings.len()));
                let severity = match env.as_ref().map(|e| e.env) {
                    Some(Env::Test | Env::Development) => Severity::Info,
                    Some(Env::Staging) => Severity::Warning,
                    Some(Env::Production) | None => Severity::Error,
                };
                // `apply -auto-approve` may destroy; it is not destruction itself.
                let severity = if d.shown.ends_with("apply") {
                    severity.min(Severity::Warning)
                } else {
                    severity
                };
                findings.push(
                    Finding::new(
                        DestructiveCommandWithoutGate::META,
                        Label::new(file.id, fact.command.span, effect_label(&d)),
                        format!("{who} runs `{shown}`{}", unconfirmed_clause(&d.confirmation)),
                    )

                    .severity(severity)
                    .environment(env)
                    .why(gate_note)
                    .help(match fact.origin {
                        Origin::CiJob(_) => {
                            "run it in a job with a protected `environment:` that requires reviewers, or make the job manual"
                        }
                        _ => "leave the tool's confirmation on and run destructive commands by hand",
                    })
                    .key(format!("{who}:{shown}")),
                );
                let production = severity == Severity::Error
                    && findings
                        .last()
                        .and_then(|f| f.environment.as_ref())
                        .map(|e| e.env)
                        == Some(Env::Production);
                if let (true, Origin::CiJob(job), Some(finding)) =
                    (production, &fact.origin, findings.last_mut())
                {
                    if let Some(fix) = environment_fix(file, *job) {
                        finding.fix = Some(fix);
                    }
                }
                if let (Some(recipe), Some(finding)) = (&via, findings.last_mut()) {
                    finding.related.push(Label::new(
                        recipe.file,
                        recipe.span,
                        format!("`{}` runs this", recipe.call),
                    ));
                }
            }
        }
    }
}

/// `environment: production` added to an ungated GitHub Actions job, as its first key. Unsafe: an
/// environment stops the job only once it requires reviewers in the repository's settings, which
/// no file shows, and a job with secrets scoped to another environment would lose them.
fn environment_fix(file: &crate::model::FileModel, job: usize) -> Option<Fix> {
    if file.source.kind != FileKind::GhaWorkflow {
        return None;
    }
    let job = file.facts.jobs.get(job)?;
    if job.gate.is_gated() {
        return None;
    }
    let root = file.syntax.data()?.roots.first()?;
    let body = root.get("jobs")?.get(&job.name)?;
    let crate::syntax::Value::Map(entries) = &body.value else {
        return None;
    };
    let first = entries.first()?;
    let text = &file.source.text;
    let line_start = text[..first.key_span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = &text[line_start..first.key_span.start];
    if !indent.bytes().all(|b| b == b' ') {
        return None;
    }
    Some(Fix {
        title: "run the job in the `production` environment (it gates only once the environment requires reviewers)".to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            file: file.id,
            span: Span::new(line_start, line_start),
            replacement: format!("{indent}environment: production\n"),
        }],
    })
}

/// The recipe or action a command called, where the destructive command in it sits.
#[derive(Clone)]
struct ViaRecipe {
    /// The call as written: `make destroy`, `./.github/actions/teardown`.
    call: String,
    /// What of it runs the command: `recipe`, `step`.
    part: &'static str,
    file: FileId,
    span: Span,
}

/// Whether `rel_path` is the `action.yml` of the action at `dir`.
fn action_file_matches(rel_path: &str, dir: &str) -> bool {
    rel_path
        .strip_prefix(dir)
        .is_some_and(|rest| matches!(rest, "/action.yml" | "/action.yaml"))
}

/// A destructive command in a local action that a job's step uses: the step as a command of the
/// job (for the gate and the place), what it destroys, and where it sits in the action.
fn through_action(
    workspace: &Workspace,
    call: &ActionCall,
) -> Option<(CommandFact, destructive::Destructive, ViaRecipe)> {
    let action = workspace.files.iter().find(|f| {
        f.source.kind == FileKind::GhaAction && action_file_matches(&f.rel_path, &call.path)
    })?;
    let (inner, d) = action.facts.commands.iter().find_map(|fact| {
        destructive::classify_fact(fact)
            .filter(|d| d.unconfirmed)
            .map(|d| (fact, d))
    })?;
    let step = CommandFact {
        command: ShellCommand {
            assignments: Vec::new(),
            words: Vec::new(),
            heredocs: Vec::new(),
            piped_from: None,
            span: call.span,
        },
        origin: Origin::CiJob(call.job),
        stdin: String::new(),
        env: Vec::new(),
        context: None,
    };
    let via = ViaRecipe {
        call: format!("./{}", call.path),
        part: "step",
        file: action.id,
        span: inner.command.span,
    };
    Some((step, d, via))
}

/// A destructive command reached through recipe calls (`make destroy`, `npm run db:reset`), at
/// most three calls deep.
fn through_recipe(
    recipes: &RecipeIndex<'_>,
    fact: &CommandFact,
    depth: usize,
) -> Option<(destructive::Destructive, ViaRecipe)> {
    if depth >= 3 {
        return None;
    }
    let call = recipes::call_of(&fact.command)?;
    let (file, recipe) = recipes.resolve(&call)?;
    let shown_call = fact
        .command
        .words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for inner in &recipe.commands {
        let found = destructive::classify_fact(inner)
            .map(|d| (d, inner.command.span))
            .or_else(|| through_recipe(recipes, inner, depth + 1).map(|(d, via)| (d, via.span)));
        if let Some((d, span)) = found.filter(|(d, _)| d.unconfirmed) {
            return Some((
                d,
                ViaRecipe {
                    call: shown_call,
                    part: "recipe",
                    file: file.id,
                    span,
                },
            ));
        }
    }
    None
}

/// What `workflow_dispatch` does and does not guarantee, said once, the same way everywhere.
const DISPATCH_NOTE: &str = "a person starts it with `workflow_dispatch`, but so can anyone with write access, or an agent holding a token; no `environment:` asks a reviewer";

/// How the message says that nobody confirms: the flag that turns the prompt off, or that the tool
/// never asks (said of `aws`, `kubectl` and `curl`, which never had a prompt to turn off).
fn unconfirmed_clause(confirmation: &Confirmation) -> String {
    match confirmation {
        Confirmation::Skipped(by) => format!(" with its confirmation turned off (`{by}`)"),
        Confirmation::NeverAsks => ", which never asks for confirmation".to_string(),
        Confirmation::NoTerminal => {
            ", which asks only on a terminal and goes ahead without one".to_string()
        }
        Confirmation::Asks => String::new(),
    }
}

/// What the command destroys, and whether backups go with it.
fn effect_label(d: &destructive::Destructive) -> String {
    match d.backups {
        Backups::GoWith if !d.effect.contains("backup") => {
            format!("{}; its backups go with it", d.effect)
        }
        _ => d.effect.to_string(),
    }
}

/// Who runs a command, in which environment, and why nobody confirms it; `None` when a gate exists
/// or the origin is not this rule's (agent rule files are AL302's).
fn actor(
    file: &crate::model::FileModel,
    origin: &Origin,
) -> Option<(String, Option<crate::environments::EnvInfo>, &'static str)> {
    match origin {
        Origin::CiJob(index) => {
            let job = file.facts.jobs.get(*index)?;
            // A deployment environment (which can require reviewers), a manual job, or an `if:`
            // on the input the person starting the workflow chose: a human decides.
            if job.gate != Gate::None || job.chosen_by_dispatch_input {
                return None;
            }
            let trigger = if job.triggers.is_empty() {
                String::new()
            } else {
                format!(" (on {})", job.triggers.join(", "))
            };
            let dispatch_only =
                !job.triggers.is_empty() && job.triggers.iter().all(|t| t == "workflow_dispatch");
            Some((
                format!("CI job `{}`{trigger}", job.name),
                job.env.clone().or_else(|| job.env_from_titles()),
                if dispatch_only {
                    DISPATCH_NOTE
                } else {
                    "the job has no deployment `environment:` that could require a reviewer, and is not manual"
                },
            ))
        }
        Origin::AgentHook => Some((
            "an agent hook".to_string(),
            file.env.clone(),
            "hooks run by themselves on every matching agent action",
        )),
        Origin::Script => Some((
            "this script".to_string(),
            file.env.clone(),
            "the command's own prompt is turned off, so whoever or whatever runs it is never asked",
        )),
        Origin::Compose => Some((
            "a compose service".to_string(),
            file.env.clone(),
            "the command's own prompt is turned off, so whoever or whatever runs it is never asked",
        )),
        Origin::AgentInstructions => None,
    }
}
