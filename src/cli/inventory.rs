//! `agentlint inventory`: the permission perimeter on one page.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{existing_paths, load_config_or_report, write_stdout};
use crate::pipeline::{self, Overrides};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum InventoryFormat {
    Markdown,
    Json,
}

#[derive(clap::Args, Debug)]
pub(super) struct InventoryArgs {
    /// Files or directories to inventory.
    pub(super) paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Markdown)]
    pub(super) format: InventoryFormat,
    /// Configuration file (default: agentlint.toml in the first directory given, or here).
    #[arg(long)]
    pub(super) config: Option<PathBuf>,
    /// Skip files that .gitignore hides (by default they are read: agents read them).
    #[arg(long)]
    pub(super) respect_gitignore: bool,
}

/// `agentlint inventory`: always exits 0 once printed; it describes, it does not judge.
pub(super) fn run(args: InventoryArgs) -> ExitCode {
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
