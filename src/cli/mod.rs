//! The command line: `check`, `inventory`, `rules`, `explain`, `lsp`, and the generated
//! `completions`, `man` and `schema`. Exit codes: 0 clean, 1 findings at or above
//! `--fail-on`, 2 usage or internal error.
//!
//! One file per subcommand (`check`, `inventory`, `rules`); this one parses the arguments,
//! dispatches, and holds what several subcommands share (finding the configuration, the paths to
//! walk, writing to stdout).

mod check;
mod guard;
mod inventory;
mod rules;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{self, Config, ConfigError};

pub use rules::rules_listing;

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
    Check(check::CheckArgs),
    /// List every rule: id, category, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = rules::RulesFormat::Text)]
        format: rules::RulesFormat,
    },
    /// Print a rule's documentation (by id, like AL201, or by name).
    Explain { rule: String },
    /// Run the Language Server on stdio (for editors).
    Lsp,
    /// Answer one agent tool call read on stdin (a pre-tool hook of Claude Code, Codex, Gemini
    /// CLI, Cursor, Copilot or VS Code) with allow, ask or deny, from the repository's perimeter;
    /// or install the hook (`agentlint guard install --claude`).
    Guard(guard::GuardArgs),
    /// The permission perimeter on one page: credentials, destructive capabilities, backups, and
    /// the incident's questions answered (Markdown, or JSON with --format json).
    Inventory(inventory::InventoryArgs),
    /// Print a shell completion script (e.g. `agentlint completions bash > ~/.local/share/bash-completion/completions/agentlint`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `agentlint man > ~/.local/share/man/man1/agentlint.1`.
    Man,
    /// Print the JSON Schema of agentlint.toml (for editor completion and validation).
    Schema,
}

/// The command-line definition, for generators (completions, man page) and their tests.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command()
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
        Command::Check(args) => check::run(args),
        Command::Inventory(args) => inventory::run(args),
        Command::Lsp => crate::lsp::run(),
        Command::Guard(args) => guard::run(args),
        Command::Rules { format } => rules::list(format),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command(), "agentlint", &mut out);
            print_or_fail(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(command()).render(&mut out) {
                Ok(()) => print_or_fail(&out),
                Err(err) => {
                    eprintln!("agentlint: cannot render the man page: {err}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema => print_or_fail(crate::config::schema::render().as_bytes()),
    }
}

/// Print generated text; exit 2 when standard output cannot be written (a closed pipe is fine).
fn print_or_fail(bytes: &[u8]) -> ExitCode {
    match write_stdout_bytes(bytes) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("agentlint: cannot write output: {err}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Find and read the configuration. A broken file is an error shown with its source excerpt.
/// On failure, prints why: the exit code 2 of a configuration error.
pub(super) fn load_config_or_report(
    explicit: Option<&PathBuf>,
    paths: &[PathBuf],
) -> Result<Config, ExitCode> {
    config::discover(explicit.map(PathBuf::as_path), paths).map_err(report_load_error)
}

fn report_load_error(error: config::LoadError) -> ExitCode {
    let message = match error {
        config::LoadError::Unreadable { path, error } => {
            format!("cannot read {}: {error}", path.display())
        }
        config::LoadError::Invalid { path, text, error } => {
            render_config_error(&path, &text, &error)
        }
    };
    eprint!("{message}");
    if !message.ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(2)
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

/// Each named path's configuration, grouped (see [`config::discover_each`]); exit 2 as
/// [`load_config_or_report`] does.
pub(super) fn load_configs_or_report(
    explicit: Option<&PathBuf>,
    paths: &[PathBuf],
) -> Result<Vec<(Config, Vec<PathBuf>)>, ExitCode> {
    config::discover_each(explicit.map(PathBuf::as_path), paths).map_err(report_load_error)
}

/// The paths to walk (default `.`), or exit 2 when one does not exist.
pub(super) fn existing_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
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

pub(super) fn write_stdout(text: &str) -> std::io::Result<()> {
    write_stdout_bytes(text.as_bytes())
}

pub(super) fn write_stdout_bytes(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}
