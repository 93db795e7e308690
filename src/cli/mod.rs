//! The command line: `check`, `inventory`, `rules`, `explain`, `lsp`. Exit codes: 0 clean, 1 findings at or above
//! `--fail-on`, 2 usage or internal error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::config::{self, Config, ConfigError, Selector};
use crate::diagnostic::Severity;
use crate::pipeline::{self, Overrides};
use crate::render;
use crate::rules::{self, docs_text};

#[derive(Parser, Debug)]
#[command(
    name = "agentlint",
    version,
    about = "Lint the permission perimeter of coding agents: secrets, token scope, environments, destructive capability and backups."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files or directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule: id, category, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a rule's documentation (by id, like AL201, or by name).
    Explain { rule: String },
    /// Run the Language Server on stdio (for editors).
    Lsp,
    /// The permission perimeter on one page: credentials, destructive capabilities, backups, and
    /// the incident's questions answered (Markdown, or JSON with --format json).
    Inventory(InventoryArgs),
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum InventoryFormat {
    Markdown,
    Json,
}

#[derive(clap::Args, Debug)]
struct InventoryArgs {
    /// Files or directories to inventory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Markdown)]
    format: InventoryFormat,
    /// Configuration file (default: agentlint.toml in the first directory given, or here).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Skip files that .gitignore hides (by default they are read: agents read them).
    #[arg(long)]
    respect_gitignore: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Level {
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
struct CheckArgs {
    /// Files or directories to lint.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Only these rules or categories (comma-separated ids, names or categories).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules or categories.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Hide findings below this severity.
    #[arg(long, value_enum)]
    severity: Option<Level>,
    /// Exit 1 when a finding reaches this severity (default: warning; info never fails).
    #[arg(long, value_enum)]
    fail_on: Option<Level>,
    /// Configuration file (default: agentlint.toml in the first directory given, or here).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Report only findings that are not in this baseline.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Write today's findings to this baseline file and exit 0 (only inside the working directory
    /// or a checked directory; written atomically, never through a symlink).
    #[arg(long)]
    write_baseline: Option<PathBuf>,
    /// Skip files that .gitignore hides (by default they are linted: agents read them).
    #[arg(long)]
    respect_gitignore: bool,
    /// Exit 0 even when findings reach `--fail-on` (usage errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Lint this whole directory but report only findings that involve the PATHS given (their
    /// primary or a related location is in one of them): what the pre-commit hook runs, so that a
    /// staged file is still judged against the rest of the repository.
    #[arg(long, value_name = "DIR")]
    context: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

pub fn main() -> ExitCode {
    crate::timings::phase("process");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => check_command(args),
        Command::Inventory(args) => inventory_command(args),
        Command::Lsp => crate::lsp::run(),
        Command::Rules { format } => {
            print!("{}", rules_listing(format == RulesFormat::Json));
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::lookup(&rule) {
            Some(meta) => {
                println!("{} ({}): {}\n", meta.id, meta.name, meta.summary);
                println!(
                    "category: {}; default severity: {}\n",
                    meta.category.as_str(),
                    meta.severity
                );
                println!("{}", docs_text(meta).trim());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("agentlint: unknown rule `{rule}` (see `agentlint rules`)");
                ExitCode::from(2)
            }
        },
    }
}

/// `agentlint rules`: one line per rule, or JSON.
pub fn rules_listing(json: bool) -> String {
    let catalogue = rules::catalogue();
    if json {
        let list: Vec<serde_json::Value> = catalogue
            .iter()
            .map(|m| {
                serde_json::json!({
                    "id": m.id,
                    "name": m.name,
                    "category": m.category.as_str(),
                    "severity": m.severity.as_str(),
                    "summary": m.summary,
                })
            })
            .collect();
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    }
    let mut out = String::new();
    for m in catalogue {
        out.push_str(&format!(
            "{:<6} {:<40} {:<29} {:<8} {}\n",
            m.id,
            m.name,
            m.category.as_str(),
            m.severity.as_str(),
            m.summary
        ));
    }
    out
}

fn parse_selectors(list: &[String]) -> Result<Vec<Selector>, String> {
    list.iter()
        .map(|s| {
            Selector::parse(s.trim())
                .ok_or_else(|| format!("unknown rule or category `{s}` (see `agentlint rules`)"))
        })
        .collect()
}

/// Find and read the configuration. A broken file is an error shown with its source excerpt.
/// [`load_config`], printing why it failed: the exit code 2 of a configuration error.
fn load_config_or_report(
    explicit: Option<&PathBuf>,
    paths: &[PathBuf],
) -> Result<Config, ExitCode> {
    load_config(explicit, paths).map_err(|message| {
        eprint!("{message}");
        if !message.ends_with('\n') {
            eprintln!();
        }
        ExitCode::from(2)
    })
}

fn load_config(explicit: Option<&PathBuf>, paths: &[PathBuf]) -> Result<Config, String> {
    let path = match explicit {
        Some(path) => Some(path.clone()),
        None => {
            let dir = paths
                .first()
                .filter(|p| p.is_dir())
                .cloned()
                .unwrap_or_else(|| PathBuf::from("."));
            let candidate = dir.join(config::FILE_NAME);
            candidate.is_file().then_some(candidate)
        }
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match Config::parse(&text) {
        Ok(mut config) => {
            config.path = Some(path.display().to_string());
            Ok(config)
        }
        Err(err) => Err(render_config_error(&path, &text, &err)),
    }
}

fn render_config_error(path: &Path, text: &str, err: &ConfigError) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term;
    let file = SimpleFile::new(path.display().to_string(), text);
    let mut diagnostic =
        Diagnostic::error().with_message(format!("invalid configuration: {}", err.message));
    if let Some(span) = err.span {
        let end = span.end.max(span.start).min(text.len());
        diagnostic = diagnostic.with_labels(vec![
            Label::primary((), span.start.min(end)..end).with_message(err.message.clone())
        ]);
    }
    let mut out = String::new();
    if term::emit_to_string(&mut out, &term::Config::default(), &file, &diagnostic).is_err() {
        out = format!(
            "{}: invalid configuration: {}\n",
            path.display(),
            err.message
        );
    }
    out
}

fn check_command(args: CheckArgs) -> ExitCode {
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

/// The paths to walk (default `.`), or exit 2 when one does not exist.
fn existing_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    let paths = if given.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        given.to_vec()
    };
    for path in &paths {
        if std::fs::symlink_metadata(path).is_err() {
            eprintln!("agentlint: {}: no such file or directory", path.display());
            return Err(ExitCode::from(2));
        }
    }
    Ok(paths)
}

/// `agentlint inventory`: always exits 0 once printed; it describes, it does not judge.
fn inventory_command(args: InventoryArgs) -> ExitCode {
    let config = match load_config_or_report(args.config.as_ref(), &args.paths) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let paths = match existing_paths(&args.paths) {
        Ok(paths) => paths,
        Err(code) => return code,
    };
    let overrides = Overrides {
        respect_gitignore: args.respect_gitignore,
        ..Overrides::default()
    };
    let outcome = pipeline::run(&paths, &config, &overrides);
    for (path, reason) in &outcome.walk_errors {
        eprintln!("agentlint: warning: skipped {}: {reason}", path.display());
    }
    let inventory = crate::inventory::build(&outcome.workspace, &outcome.findings, &config);
    let text = match args.format {
        InventoryFormat::Markdown => crate::inventory::markdown::render(&inventory),
        InventoryFormat::Json => crate::inventory::to_json(&inventory),
    };
    match write_stdout(&text) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("agentlint: cannot write output: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}
