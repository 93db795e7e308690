//! The pipeline: discover, build the workspace ([`build`]: read, parse and extract facts per file),
//! run the rules, then apply suppressions and configuration. Renderers take it from there; `check`,
//! `inventory` and the language server all run through here.

pub mod build;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Selector};
use crate::diagnostic::{Finding, Severity};
use crate::discover::{self, WalkOptions};
use crate::model::{terraform, Workspace};
use crate::rules;
use crate::suppress;

/// What the command line adds to the configuration file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    pub respect_gitignore: bool,
    pub threads: usize,
}

pub struct Outcome {
    pub workspace: Workspace,
    pub findings: Vec<Finding>,
    /// Paths that could not be walked.
    pub walk_errors: Vec<(PathBuf, String)>,
    /// Files in agents' folders that no reader placed (shown paths), for the summary.
    pub skipped_agent_files: Vec<String>,
}

/// The root a path is reported relative to when it is a file, and the path shown to users.
fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path);
    let text = shown.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

impl Outcome {
    /// Nothing linted.
    pub fn empty() -> Outcome {
        Outcome {
            workspace: Workspace::default(),
            findings: Vec::new(),
            walk_errors: Vec::new(),
            skipped_agent_files: Vec::new(),
        }
    }
}

/// Two runs as one report (`check api/ web/` under two configurations): the second run's files
/// are numbered after the first's, and its findings point at them.
pub fn merge(mut first: Outcome, second: Outcome) -> Outcome {
    let offset = first.workspace.files.len();
    for mut file in second.workspace.files {
        file.id += offset;
        first.workspace.files.push(file);
    }
    for mut finding in second.findings {
        finding.primary.file += offset;
        for label in &mut finding.related {
            label.file += offset;
        }
        first.findings.push(finding);
    }
    first.walk_errors.extend(second.walk_errors);
    first.skipped_agent_files.extend(second.skipped_agent_files);
    first
}

/// A path relative to the project root (configuration file or repository), when it lies inside.
fn project_relative(path: &Path, config: &Config, cwd: &Path) -> Option<String> {
    let root = config.root.as_ref()?;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        crate::config::absolute_path(cwd).join(path)
    };
    crate::config::absolute_path(&absolute)
        .strip_prefix(root)
        .ok()
        .map(|rel| rel.to_string_lossy().replace('\\', "/"))
}

/// Lint one buffer that is not on disk (`check --stdin-filename`), as if it were at `path`:
/// alone, or with `context` (a directory) read around it so that it is judged against the rest of
/// the repository, as the editor does. Only findings that involve the buffer are kept.
pub fn run_buffer(
    path: &Path,
    content: discover::ReadOutcome,
    context: Option<&Path>,
    config: &Config,
    overrides: &Overrides,
) -> Outcome {
    let cwd = std::env::current_dir().unwrap_or_default();
    let rel_path = project_relative(path, config, &cwd).unwrap_or_else(|| display_path(path, &cwd));
    let mut outcome = match context {
        Some(dir) => run(&[dir.to_path_buf()], config, overrides),
        None => Outcome::empty(),
    };
    // The same file read from disk by the context run is replaced by the buffer.
    let display = outcome
        .workspace
        .files
        .iter()
        .find(|f| f.rel_path == rel_path)
        .map(|f| f.source.path.clone())
        .unwrap_or_else(|| display_path(path, &cwd));
    let input = build::Input {
        display_path: display,
        rel_path,
        kind: discover::classify_path(path),
        content,
    };
    let Some(id) = build::upsert(&mut outcome.workspace, input, &config.environments) else {
        outcome.findings.clear();
        return outcome;
    };
    let findings = lint(&outcome.workspace, config, overrides);
    outcome.findings = findings
        .into_iter()
        .filter(|f| f.primary.file == id || f.related.iter().any(|l| l.file == id))
        .collect();
    outcome
}

/// Lint `paths` with `config`.
pub fn run(paths: &[PathBuf], config: &Config, overrides: &Overrides) -> Outcome {
    let cwd = std::env::current_dir().unwrap_or_default();
    let options = WalkOptions {
        respect_gitignore: overrides.respect_gitignore || config.respect_gitignore,
        threads: overrides.threads,
    };
    crate::timings::phase("start");
    let (candidates, report) = discover::walk(paths, &options);
    crate::timings::phase("walk");
    // Asked once per root, not once per file and root: with hundreds of files named on the
    // command line (a pre-commit hook, a shell glob) the per-pair check dominated the run.
    let dir_roots: Vec<&PathBuf> = paths.iter().filter(|root| root.is_dir()).collect();
    // The project root (configuration file or repository): paths are read relative to it, so
    // `check infra/prod/db.tf` keeps the `prod/` evidence that `check .` sees.
    let project = config
        .root
        .as_ref()
        .map(|root| (root.clone(), crate::config::absolute_path(&cwd)));
    let candidates = candidates
        .into_iter()
        .map(|candidate| {
            let in_project = project.as_ref().and_then(|(root, absolute_cwd)| {
                let absolute = if candidate.path.is_absolute() {
                    candidate.path.clone()
                } else {
                    absolute_cwd.join(&candidate.path)
                };
                let absolute = crate::config::absolute_path(&absolute);
                absolute
                    .strip_prefix(root)
                    .ok()
                    .map(|rel| rel.to_string_lossy().replace('\\', "/"))
            });
            let root = dir_roots
                .iter()
                .filter(|root| candidate.path.starts_with(root))
                .max_by_key(|root| root.as_os_str().len());
            let rel = match (in_project, root) {
                (Some(rel), _) => rel,
                (None, Some(root)) => display_path(&candidate.path, root),
                (None, None) => candidate
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            let shown = display_path(&candidate.path, &cwd);
            (candidate, shown, rel)
        })
        .collect::<Vec<_>>();
    // Sniffed files of agents' folders: skipped if their content placed them nowhere.
    let sniffed: Vec<String> = candidates
        .iter()
        .filter(|(c, _, _)| c.kind.is_none() && discover::in_agent_folder(&c.path))
        .map(|(_, shown, _)| shown.clone())
        .collect();
    let workspace = build::from_candidates(candidates, &config.environments);
    let mut skipped_agent_files: Vec<String> = report
        .skipped
        .iter()
        .map(|p| display_path(p, &cwd))
        .collect();
    skipped_agent_files.extend(
        sniffed
            .into_iter()
            .filter(|shown| !workspace.files.iter().any(|f| f.source.path == *shown)),
    );
    skipped_agent_files.sort();
    let findings = lint(&workspace, config, overrides);
    crate::timings::phase("postproc");
    Outcome {
        workspace,
        findings,
        walk_errors: report.errors,
        skipped_agent_files,
    }
}

/// Run every enabled rule over a workspace and post-process the findings.
pub fn lint(workspace: &Workspace, config: &Config, overrides: &Overrides) -> Vec<Finding> {
    let enabled = |meta: &rules::RuleMeta| {
        let selected = overrides
            .select
            .as_ref()
            .is_none_or(|list| list.iter().any(|s| s.matches(meta)));
        selected && !overrides.ignore.iter().any(|s| s.matches(meta)) && config.enabled(meta)
    };
    let active: Vec<&dyn rules::Rule> = rules::all()
        .iter()
        .copied()
        .filter(|rule| enabled(rule.meta()))
        .collect();
    let (terraform_rules, other_rules): (Vec<&dyn rules::Rule>, Vec<&dyn rules::Rule>) = active
        .iter()
        .partition(|rule| rule.input() == rules::RuleInput::Terraform);
    let run = |rule: &&dyn rules::Rule, instances: &[terraform::Instance<'_, '_>]| {
        let started = std::time::Instant::now();
        let mut out = Vec::new();
        let inputs = rules::Inputs {
            workspace,
            instances,
        };
        rule.run(&inputs, &mut out);
        crate::timings::item(rule.meta().id, started);
        out
    };
    // The Terraform model is built once for all the rules that read it, while the other rules
    // already run: neither waits for the other.
    let (mut findings, terraform_findings): (Vec<Finding>, Vec<Finding>) = rayon::join(
        || {
            other_rules
                .par_iter()
                .flat_map_iter(|rule| run(rule, &[]))
                .collect()
        },
        || {
            if terraform_rules.is_empty() {
                return Vec::new();
            }
            let modules = terraform::modules(workspace);
            let instances = terraform::instances(workspace, &modules);
            terraform_rules
                .par_iter()
                .flat_map_iter(|rule| run(rule, &instances))
                .collect()
        },
    );
    findings.extend(terraform_findings);
    crate::timings::phase("rules");
    crate::timings::slowest_items(5);
    findings = suppress::apply(workspace, findings);
    findings.retain(|f| {
        let file = workspace.file(f.primary.file);
        enabled(f.rule)
            && !config.ignored_for_path(f.rule, &file.rel_path)
            && !f
                .fingerprint
                .as_ref()
                .is_some_and(|fp| config.allow.iter().any(|a| a == fp))
    });
    for finding in &mut findings {
        finding.severity = config.severity(finding.rule, finding.severity);
    }
    mask_secrets(workspace, &mut findings);
    sort(workspace, &mut findings);
    findings
}

/// The findings that involve one of `files`: their primary location or a related one is there.
///
/// For pre-commit (`check --context DIR FILES…`): the whole repository is linted, so a staged
/// `.env.staging` is still judged against the `.env.production` that is not staged, but only
/// findings that touch the staged files are reported. `root` is the directory that was linted;
/// paths are compared after canonicalisation, so `./a`, `a` and `/repo/a` are the same file.
pub fn involving(
    workspace: &Workspace,
    findings: Vec<Finding>,
    root: &Path,
    files: &[PathBuf],
) -> Vec<Finding> {
    let absolute = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let wanted: Vec<PathBuf> = files.iter().map(|f| absolute(f)).collect();
    let hits: Vec<bool> = workspace
        .files
        .iter()
        .map(|file| wanted.contains(&absolute(&root.join(&file.rel_path))))
        .collect();
    let hit = |id: usize| hits.get(id).copied().unwrap_or(false);
    findings
        .into_iter()
        .filter(|f| hit(f.primary.file) || f.related.iter().any(|l| hit(l.file)))
        .collect()
}

/// The last line of defence for "no output shows a secret whole": every credential value found
/// anywhere in the workspace is replaced by its redaction in every message, label, note and key.
/// Rules redact what they mean to show, but text quoted from the source can carry a secret along
/// (a parse error's "unexpected `rk_live_…`", found by fuzzing).
fn mask_secrets(workspace: &Workspace, findings: &mut [Finding]) {
    let mut values: Vec<&str> = workspace
        .files
        .iter()
        .flat_map(|file| {
            file.facts
                .credentials
                .iter()
                .map(|c| c.span.slice(&file.source.text))
        })
        .filter(|v| v.chars().count() >= 8)
        .collect();
    if values.is_empty() {
        return;
    }
    values.sort_unstable();
    values.dedup();
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&values)
    else {
        return;
    };
    let mask = |text: &mut String| {
        if automaton.is_match(text.as_str()) {
            let mut out = String::with_capacity(text.len());
            automaton.replace_all_with(text, &mut out, |m, _, dst| {
                if let Some(value) = values.get(m.pattern().as_usize()) {
                    dst.push_str(&crate::secrets::redact(value));
                }
                true
            });
            *text = out;
        }
    };
    for finding in findings {
        mask(&mut finding.message);
        mask(&mut finding.key);
        mask(&mut finding.primary.message);
        for label in &mut finding.related {
            mask(&mut label.message);
        }
        for note in finding.why.iter_mut().chain(finding.help.iter_mut()) {
            mask(note);
        }
        for env in finding
            .environment
            .iter_mut()
            .chain(finding.related_environments.iter_mut())
        {
            mask(&mut env.evidence);
        }
    }
}

/// Findings in a stable order: path, position, rule, message.
pub fn sort(workspace: &Workspace, findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pa = &workspace.file(a.primary.file).source.path;
        let pb = &workspace.file(b.primary.file).source.path;
        pa.cmp(pb)
            .then(a.primary.span.start.cmp(&b.primary.span.start))
            .then(a.rule.id.cmp(b.rule.id))
            .then(a.message.cmp(&b.message))
    });
}

/// Whether any finding reaches the failure threshold (`info` never fails a run).
pub fn fails(findings: &[Finding], fail_on: Severity) -> bool {
    let threshold = fail_on.max(Severity::Warning);
    findings.iter().any(|f| f.severity >= threshold)
}
