//! `agentlint check`: lint, filter (context, baseline, severity), render, and exit by `--fail-on`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::{existing_paths, load_config_or_report, load_configs_or_report, write_stdout_bytes};
use crate::baseline::Baseline;
use crate::config::Selector;
use crate::diagnostic::Severity;
use crate::fix;
use crate::pipeline::{self, Overrides};
use crate::render;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
}

/// When the human format is coloured.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Level {
    Info,
    Warning,
    Error,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Severity {
        match level {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

#[derive(clap::Args, Debug)]
pub(super) struct CheckArgs {
    /// Files or directories to lint.
    pub(super) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(super) format: OutputFormat,
    /// Only these rules or categories (comma-separated ids, names or categories).
    #[arg(long, value_delimiter = ',')]
    pub(super) select: Vec<String>,
    /// Skip these rules or categories.
    #[arg(long, value_delimiter = ',')]
    pub(super) ignore: Vec<String>,
    /// Hide findings below this severity.
    #[arg(long, value_enum)]
    pub(super) severity: Option<Level>,
    /// Exit 1 when a finding reaches this severity (default: warning; info never fails).
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<Level>,
    /// Configuration file (default: agentlint.toml in the first directory given, or here).
    #[arg(long)]
    pub(super) config: Option<PathBuf>,
    /// Report only findings that are not in this baseline.
    #[arg(long)]
    pub(super) baseline: Option<PathBuf>,
    /// Write today's findings to this baseline file and exit 0 (only inside the working directory
    /// or a checked directory; written atomically, never through a symlink).
    #[arg(long)]
    pub(super) write_baseline: Option<PathBuf>,
    /// Skip files that .gitignore hides (by default they are linted: agents read them).
    #[arg(long)]
    pub(super) respect_gitignore: bool,
    /// Exit 0 even when findings reach `--fail-on` (usage errors still exit 2).
    #[arg(long)]
    pub(super) exit_zero: bool,
    /// Lint this whole directory but report only findings that involve the PATHS given (their
    /// primary or a related location is in one of them): what the pre-commit hook runs, so that a
    /// staged file is still judged against the rest of the repository.
    #[arg(long, value_name = "DIR")]
    pub(super) context: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub(super) threads: usize,
    /// Write the report to this file instead of standard output (never coloured).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(super) output_file: Option<PathBuf>,
    /// Print the findings and nothing else: no summary line, no notes (errors still go to
    /// standard error).
    #[arg(long, short = 'q')]
    pub(super) quiet: bool,
    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub(super) color: ColorChoice,
    /// Print how many findings each rule produced instead of the findings (human or json).
    #[arg(long)]
    pub(super) statistics: bool,
    /// Read one file from standard input and lint it as if it were at this path (give `-` or no
    /// path). With `--context DIR`, the rest of DIR is read too, so the file is judged against it.
    #[arg(long, value_name = "PATH")]
    pub(super) stdin_filename: Option<PathBuf>,
    /// Apply the safe fixes findings carry, then report what remains. Only inside the paths
    /// checked; atomic writes, never through a symlink; a secret's value is never touched.
    #[arg(long, conflicts_with_all = ["stdin_filename", "write_baseline"])]
    pub(super) fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too (each says why it is unsafe).
    #[arg(long)]
    pub(super) unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with_all = ["fix", "statistics"])]
    pub(super) diff: bool,
    /// Write a suppression comment above each finding's line (`agentlint: ignore[AL101] TODO: …`),
    /// whose reason a human must then write (AL903 reports it until then); JSON files have no
    /// comments. Only inside the paths checked.
    #[arg(long, conflicts_with_all = ["fix", "diff", "stdin_filename", "write_baseline"])]
    pub(super) add_suppressions: bool,
}

pub(super) fn run(args: CheckArgs) -> ExitCode {
    if args.stdin_filename.is_some() && !args.paths.iter().all(|p| p.as_os_str() == "-") {
        eprintln!("agentlint: with --stdin-filename, give `-` or no path (the content is read from standard input)");
        return ExitCode::from(2);
    }
    if args.statistics && !matches!(args.format, OutputFormat::Human | OutputFormat::Json) {
        eprintln!("agentlint: --statistics prints the human or json format");
        return ExitCode::from(2);
    }
    let overrides = match (parse_selectors(&args.select), parse_selectors(&args.ignore)) {
        (Ok(select), Ok(ignore)) => Overrides {
            select: (!select.is_empty()).then_some(select),
            ignore,
            respect_gitignore: args.respect_gitignore,
            threads: args.threads,
        },
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("agentlint: {message}");
            return ExitCode::from(2);
        }
    };
    if args.threads > 0 {
        // Ignore the error: a global pool may already exist (tests).
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build_global();
    }
    let linted = match lint(&args, &overrides) {
        Ok(linted) => linted,
        Err(code) => return code,
    };
    let Linted {
        mut outcome,
        paths,
        mut fail_on_by_group,
        config,
    } = linted;
    let mut findings = std::mem::take(&mut outcome.findings);
    findings = involving(&args, &outcome.workspace, findings);
    for (path, reason) in &outcome.walk_errors {
        eprintln!("agentlint: warning: skipped {}: {reason}", path.display());
    }
    if outcome.workspace.files.is_empty() && !args.quiet {
        let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "agentlint: note: no file agentlint reads was found in {} (agent rules and settings, MCP configurations, .env files, Terraform, CI workflows, compose files, scripts, configuration files, source code)",
            named.join(", ")
        );
    }
    if let Some(first) = outcome.skipped_agent_files.first().filter(|_| !args.quiet) {
        let more = outcome.skipped_agent_files.len() - 1;
        let others = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        eprintln!(
            "agentlint: note: {} file(s) in agents' folders not read, no reader for their format or keys: {first}{others}",
            outcome.skipped_agent_files.len()
        );
    }
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_findings(&outcome.workspace, &findings);
        // Only inside the working directory or a directory being checked.
        let mut roots: Vec<PathBuf> = paths.iter().filter(|p| p.is_dir()).cloned().collect();
        roots.extend(std::env::current_dir().ok());
        return match baseline.write(path, &roots) {
            Ok(()) => {
                eprintln!(
                    "agentlint: wrote {} baseline entries to {}",
                    baseline.findings.len(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("agentlint: {message}");
                ExitCode::from(2)
            }
        };
    }
    findings = match select(&args, &outcome.workspace, findings) {
        Ok(findings) => findings,
        Err(code) => return code,
    };
    if args.add_suppressions {
        let roots = write_roots(&args, &paths);
        let (changes, in_json) = crate::suppress::add_comments(&outcome.workspace, &findings);
        let mut added = 0;
        for (path, text, count) in &changes {
            if let Err(message) =
                crate::safe_write::write_atomic(Path::new(path), text.as_bytes(), &roots)
            {
                eprintln!("agentlint: not written: {message}");
                return ExitCode::from(2);
            }
            added += count;
        }
        eprintln!(
            "agentlint: added {added} suppression comment(s) in {} file(s); each needs its reason (AL903 reports it until written){}",
            changes.len(),
            if in_json > 0 {
                format!("; {in_json} finding(s) in JSON files, which have no comments: suppress them in agentlint.toml")
            } else {
                String::new()
            }
        );
        return ExitCode::SUCCESS;
    }
    if args.diff {
        let (changes, fixes) =
            match diff_passes(&args, &overrides, &mut outcome, &findings, config.as_ref()) {
                Ok(planned) => planned,
                Err(code) => return code,
            };
        let text: String = changes.iter().map(fix::diff).collect();
        if let Err(message) = deliver(text.as_bytes(), args.output_file.as_deref()) {
            eprintln!("agentlint: {message}");
            return ExitCode::from(2);
        }
        if !args.quiet {
            eprintln!(
                "agentlint: {fixes} fix(es) would change {} file(s){}",
                changes.len(),
                unsafe_hint(&args, &findings)
            );
        }
        return ExitCode::from(u8::from(!changes.is_empty()));
    }
    if args.fix {
        let roots = write_roots(&args, &paths);
        let mut fixed = 0;
        // Each pass applies the fixes that do not overlap, then lints again (ruff's loop): a fix
        // that waited for another is taken on the next pass.
        for _ in 0..MAX_FIX_PASSES {
            let changes = fix::plan(&outcome.workspace, &findings, args.unsafe_fixes);
            if changes.is_empty() {
                break;
            }
            for change in &changes {
                let path = Path::new(&change.path);
                if let Err(message) =
                    crate::safe_write::write_atomic(path, change.after.as_bytes(), &roots)
                {
                    eprintln!("agentlint: not fixed: {message}");
                    return ExitCode::from(2);
                }
                fixed += change.fixes;
            }
            let relinted = match lint(&args, &overrides) {
                Ok(linted) => linted,
                Err(code) => return code,
            };
            outcome = relinted.outcome;
            fail_on_by_group = relinted.fail_on_by_group;
            let relinted = involving(
                &args,
                &outcome.workspace,
                std::mem::take(&mut outcome.findings),
            );
            findings = match select(&args, &outcome.workspace, relinted) {
                Ok(findings) => findings,
                Err(code) => return code,
            };
        }
        if !args.quiet {
            eprintln!(
                "agentlint: fixed {fixed} finding(s){}",
                unsafe_hint(&args, &findings)
            );
        }
    }
    let workspace = &outcome.workspace;
    let colour = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => args.output_file.is_none() && render::human::use_colour(),
    };
    let report: Vec<u8> = match (args.format, args.statistics) {
        (OutputFormat::Human, true) => render::statistics::human(&findings).into_bytes(),
        (_, true) => render::statistics::json(&findings).into_bytes(),
        (OutputFormat::Human, false) => {
            render::human::render(workspace, &findings, colour, !args.quiet)
        }
        (OutputFormat::Json, false) => render::json::render(workspace, &findings).into_bytes(),
        (OutputFormat::Sarif, false) => render::sarif::render(workspace, &findings).into_bytes(),
        (OutputFormat::Github, false) => render::github::render(workspace, &findings).into_bytes(),
    };
    crate::timings::phase("render");
    if let Err(message) = deliver(&report, args.output_file.as_deref()) {
        eprintln!("agentlint: {message}");
        return ExitCode::from(2);
    }
    // `--fail-on` decides for every path; otherwise each path's own configuration does.
    let failed = findings.iter().any(|f| {
        let threshold = args.fail_on.map(Severity::from).unwrap_or_else(|| {
            fail_on_by_group
                .iter()
                .find(|(files, _)| files.contains(&f.primary.file))
                .and_then(|(_, fail_on)| *fail_on)
                .unwrap_or(Severity::Warning)
        });
        pipeline::fails(std::slice::from_ref(f), threshold)
    });
    // The process ends here: freeing every tree, text and fact one by one took ~50 ms on a large
    // repository, for memory the operating system reclaims at exit anyway.
    std::mem::forget(outcome.workspace);
    std::mem::forget(findings);
    if !args.exit_zero && failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `--fix` would write, computed in memory: each pass's fixed texts replace the files'
/// buffers and are linted again, as `--fix` does on disk, so the diff is the whole change and not
/// only the first pass. Paths under several configurations get the first pass only. Returns one
/// change per file (first text → last text) and the number of fixes.
fn diff_passes(
    args: &CheckArgs,
    overrides: &Overrides,
    outcome: &mut pipeline::Outcome,
    findings: &[crate::diagnostic::Finding],
    config: Option<&crate::config::Config>,
) -> Result<(Vec<fix::FileChange>, usize), ExitCode> {
    let mut first: std::collections::BTreeMap<String, fix::FileChange> = Default::default();
    let mut fixes = 0;
    let mut current = findings.to_vec();
    for _ in 0..MAX_FIX_PASSES {
        let changes = fix::plan(&outcome.workspace, &current, args.unsafe_fixes);
        if changes.is_empty() {
            break;
        }
        for change in &changes {
            fixes += change.fixes;
            first
                .entry(change.path.clone())
                .and_modify(|c| c.after.clone_from(&change.after))
                .or_insert_with(|| change.clone());
        }
        let Some(config) = config else {
            break;
        };
        for change in changes {
            let model = outcome.workspace.file(change.file);
            let input = pipeline::build::Input {
                display_path: change.path.clone(),
                rel_path: model.rel_path.clone(),
                kind: Some(model.source.kind),
                content: crate::discover::ReadOutcome::Text {
                    text: change.after,
                    lossy: false,
                },
            };
            pipeline::build::upsert(&mut outcome.workspace, input, &config.environments);
        }
        let relinted = pipeline::lint(&outcome.workspace, config, overrides);
        current = select(
            args,
            &outcome.workspace,
            involving(args, &outcome.workspace, relinted),
        )?;
    }
    Ok((first.into_values().collect(), fixes))
}

/// How many times `--fix` lints, fixes and lints again at most.
const MAX_FIX_PASSES: usize = 10;

/// With `--context DIR FILES…`, only the findings that involve one of the files named.
fn involving(
    args: &CheckArgs,
    workspace: &crate::model::Workspace,
    findings: Vec<crate::diagnostic::Finding>,
) -> Vec<crate::diagnostic::Finding> {
    match (&args.context, &args.stdin_filename) {
        (Some(dir), None) if !args.paths.is_empty() => {
            pipeline::involving(workspace, findings, dir, &args.paths)
        }
        _ => findings,
    }
}

/// The findings a run reports: those of the baseline dropped, those below `--severity` hidden.
fn select(
    args: &CheckArgs,
    workspace: &crate::model::Workspace,
    mut findings: Vec<crate::diagnostic::Finding>,
) -> Result<Vec<crate::diagnostic::Finding>, ExitCode> {
    if let Some(path) = &args.baseline {
        match Baseline::load(path) {
            Ok(baseline) => findings = baseline.filter(workspace, findings),
            Err(message) => {
                eprintln!("agentlint: {message}");
                return Err(ExitCode::from(2));
            }
        }
    }
    if let Some(floor) = args.severity {
        let floor = Severity::from(floor);
        findings.retain(|f| f.severity >= floor);
    }
    Ok(findings)
}

/// Where `--fix` may write: the directories checked (the context directory with `--context`), and
/// the directories of the files named. Never the rest of the disk.
fn write_roots(args: &CheckArgs, paths: &[PathBuf]) -> Vec<PathBuf> {
    let named = match &args.context {
        Some(dir) => std::slice::from_ref(dir),
        None => paths,
    };
    named
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
            }
        })
        .collect()
}

/// ", and N more with --unsafe-fixes" when unsafe fixes were left out.
fn unsafe_hint(args: &CheckArgs, findings: &[crate::diagnostic::Finding]) -> String {
    if args.unsafe_fixes {
        return String::new();
    }
    let waiting = findings
        .iter()
        .filter(|f| {
            f.fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == crate::diagnostic::Applicability::Unsafe)
        })
        .count();
    if waiting == 0 {
        String::new()
    } else {
        format!(" ({waiting} more with --unsafe-fixes)")
    }
}

/// What a run linted: the merged outcome, the paths it was asked for, and for each configuration
/// the files it governs with its `fail-on`.
struct Linted {
    outcome: pipeline::Outcome,
    paths: Vec<PathBuf>,
    fail_on_by_group: Vec<(std::ops::Range<usize>, Option<Severity>)>,
    /// The configuration, when one governs the whole run (`--diff` lints its fixed buffers again
    /// with it).
    config: Option<crate::config::Config>,
}

/// Find the configurations and lint: standard input, a context directory, or the named paths,
/// each under the `agentlint.toml` found upward from it.
fn lint(args: &CheckArgs, overrides: &Overrides) -> Result<Linted, ExitCode> {
    if let Some(path) = &args.stdin_filename {
        // A buffer takes the configuration of the place it claims to be (or of `--context`).
        let config_dirs = vec![args.context.clone().unwrap_or_else(|| path.clone())];
        let config = load_config_or_report(args.config.as_ref(), &config_dirs)?;
        if let Some(dir) = &args.context {
            existing_paths(std::slice::from_ref(dir))?;
        }
        let content = read_stdin().map_err(|err| {
            eprintln!("agentlint: cannot read standard input: {err}");
            ExitCode::from(2)
        })?;
        let outcome =
            pipeline::run_buffer(path, content, args.context.as_deref(), &config, overrides);
        let files = 0..outcome.workspace.files.len();
        return Ok(Linted {
            outcome,
            paths: vec![path.clone()],
            fail_on_by_group: vec![(files, config.fail_on)],
            config: Some(config),
        });
    }
    if let Some(dir) = &args.context {
        // With `--context DIR`, DIR is the root: its configuration applies.
        let config = load_config_or_report(args.config.as_ref(), std::slice::from_ref(dir))?;
        let paths = existing_paths(std::slice::from_ref(dir))?;
        // The named files must exist too: a typo must not pass silently.
        existing_paths(&args.paths)?;
        let outcome = pipeline::run(&paths, &config, overrides);
        let files = 0..outcome.workspace.files.len();
        return Ok(Linted {
            outcome,
            paths,
            fail_on_by_group: vec![(files, config.fail_on)],
            config: Some(config),
        });
    }
    let paths = existing_paths(&args.paths)?;
    let groups = load_configs_or_report(args.config.as_ref(), &paths)?;
    let mut merged: Option<pipeline::Outcome> = None;
    let mut fail_on_by_group = Vec::new();
    let mut configs = Vec::new();
    for (config, members) in groups {
        let outcome = pipeline::run(&members, &config, overrides);
        let start = merged.as_ref().map_or(0, |m| m.workspace.files.len());
        fail_on_by_group.push((start..start + outcome.workspace.files.len(), config.fail_on));
        configs.push(config);
        merged = Some(match merged {
            None => outcome,
            Some(previous) => pipeline::merge(previous, outcome),
        });
    }
    let outcome = merged.unwrap_or_else(pipeline::Outcome::empty);
    let config = (configs.len() == 1).then(|| configs.pop()).flatten();
    Ok(Linted {
        outcome,
        paths,
        fail_on_by_group,
        config,
    })
}

/// Standard input, decoded as a file would be (UTF-16 with a BOM, invalid UTF-8 replaced, binary
/// refused).
fn read_stdin() -> std::io::Result<crate::discover::ReadOutcome> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(crate::discover::decode(bytes))
}

/// Write the report to standard output, or to `--output-file` (atomically, never through a
/// symlink). A closed pipe (`agentlint check | head`) is not an error.
fn deliver(report: &[u8], output_file: Option<&Path>) -> Result<(), String> {
    let Some(path) = output_file else {
        return match write_stdout_bytes(report) {
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("cannot write output: {err}"))
            }
            _ => Ok(()),
        };
    };
    let parent = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    crate::safe_write::write_atomic(path, report, &[parent])
}

fn parse_selectors(list: &[String]) -> Result<Vec<Selector>, String> {
    list.iter()
        .map(|s| {
            Selector::parse(s.trim())
                .ok_or_else(|| format!("unknown rule or category `{s}` (see `agentlint rules`)"))
        })
        .collect()
}
