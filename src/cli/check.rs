//! `agentlint check`: lint, filter (context, baseline, severity), render, and exit by `--fail-on`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{existing_paths, load_config_or_report, write_stdout};
use crate::baseline::Baseline;
use crate::config::Selector;
use crate::diagnostic::Severity;
use crate::pipeline::{self, Overrides};
use crate::render;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
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
}

pub(super) fn run(args: CheckArgs) -> ExitCode {
    // With `--context DIR`, DIR is the root: its configuration applies.
    let config_dirs = match &args.context {
        Some(dir) => vec![dir.clone()],
        None => args.paths.clone(),
    };
    let config = match load_config_or_report(args.config.as_ref(), &config_dirs) {
        Ok(config) => config,
        Err(code) => return code,
    };
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
    let requested = match &args.context {
        Some(dir) => vec![dir.clone()],
        None => args.paths.clone(),
    };
    let paths = match existing_paths(&requested) {
        Ok(paths) => paths,
        Err(code) => return code,
    };
    // With `--context`, the named files must exist too: a typo must not pass silently.
    if args.context.is_some() {
        if let Err(code) = existing_paths(&args.paths) {
            return code;
        }
    }
    let outcome = pipeline::run(&paths, &config, &overrides);
    let mut findings = outcome.findings;
    if let Some(dir) = &args.context {
        if !args.paths.is_empty() {
            findings = pipeline::involving(&outcome.workspace, findings, dir, &args.paths);
        }
    }
    for (path, reason) in &outcome.walk_errors {
        eprintln!("agentlint: warning: skipped {}: {reason}", path.display());
    }
    if outcome.workspace.files.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "agentlint: note: no file agentlint reads was found in {} (agent rules and settings, MCP configurations, .env files, Terraform, CI workflows, compose files, scripts)",
            named.join(", ")
        );
    }
    if let Some(first) = outcome.skipped_agent_files.first() {
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
    if let Some(path) = &args.baseline {
        match Baseline::load(path) {
            Ok(baseline) => findings = baseline.filter(&outcome.workspace, findings),
            Err(message) => {
                eprintln!("agentlint: {message}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(floor) = args.severity {
        let floor = Severity::from(floor);
        findings.retain(|f| f.severity >= floor);
    }
    let workspace = &outcome.workspace;
    let printed = match args.format {
        OutputFormat::Human => render::human::print(workspace, &findings),
        OutputFormat::Json => write_stdout(&render::json::render(workspace, &findings)),
        OutputFormat::Sarif => write_stdout(&render::sarif::render(workspace, &findings)),
        OutputFormat::Github => write_stdout(&render::github::render(workspace, &findings)),
    };
    crate::timings::phase("render");
    if let Err(err) = printed {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("agentlint: cannot write output: {err}");
            return ExitCode::from(2);
        }
    }
    let fail_on = args
        .fail_on
        .map(Severity::from)
        .or(config.fail_on)
        .unwrap_or(Severity::Warning);
    let failed = pipeline::fails(&findings, fail_on);
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

fn parse_selectors(list: &[String]) -> Result<Vec<Selector>, String> {
    list.iter()
        .map(|s| {
            Selector::parse(s.trim())
                .ok_or_else(|| format!("unknown rule or category `{s}` (see `agentlint rules`)"))
        })
        .collect()
}
