//! `agentlint guard`: answer one tool call read on standard input, or install the hook.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args, Subcommand};

use crate::guard::install::{self, Agent, Outcome, Scope};

#[derive(Args, Debug)]
pub struct GuardArgs {
    #[command(subcommand)]
    action: Option<GuardAction>,
    /// Decide on this shell command instead of reading a hook payload, and print the decision
    /// for a human (`agentlint guard --command "terraform destroy" --cwd envs/prod`).
    #[arg(long, value_name = "COMMAND")]
    command: Option<String>,
    /// The directory the command runs in, with --command (default: the current directory).
    #[arg(long, value_name = "DIR", requires = "command")]
    cwd: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum GuardAction {
    /// Merge the guard's hook into an agent's settings (other hooks and keys stay as they are).
    Install(InstallArgs),
    /// Take the guard's own hook entries out of an agent's settings.
    Uninstall(InstallArgs),
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("agent").required(true).multiple(true)))]
struct InstallArgs {
    /// Claude Code (`.claude/settings.json`; VS Code agent hooks read it too).
    #[arg(long, group = "agent")]
    claude: bool,
    /// Codex (`.codex/hooks.json`).
    #[arg(long, group = "agent")]
    codex: bool,
    /// Gemini CLI (`.gemini/settings.json`).
    #[arg(long, group = "agent")]
    gemini: bool,
    /// Cursor (`.cursor/hooks.json`).
    #[arg(long, group = "agent")]
    cursor: bool,
    /// GitHub Copilot CLI and coding agent (`.github/hooks/agentlint-guard.json`).
    #[arg(long, group = "agent")]
    copilot: bool,
    /// In the project's settings (the default), committed with it.
    #[arg(long, conflicts_with = "user")]
    project: bool,
    /// In the user's own settings, for every project.
    #[arg(long)]
    user: bool,
    /// The command the hook runs.
    #[arg(long, default_value = "agentlint guard")]
    command: String,
}

impl InstallArgs {
    fn agents(&self) -> Vec<Agent> {
        [
            (self.claude, Agent::Claude),
            (self.codex, Agent::Codex),
            (self.gemini, Agent::Gemini),
            (self.cursor, Agent::Cursor),
            (self.copilot, Agent::Copilot),
        ]
        .into_iter()
        .filter_map(|(on, agent)| on.then_some(agent))
        .collect()
    }
}

pub fn run(args: GuardArgs) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_default();
    if let Some(command) = args.command {
        let dir = crate::config::absolute_path(&args.cwd.unwrap_or_else(|| cwd.clone()));
        let call = crate::guard::protocol::Call {
            protocol: crate::guard::protocol::Protocol::Claude,
            cwd: Some(dir.to_string_lossy().into_owned()),
            action: crate::guard::protocol::Action::Shell { command, dir: None },
        };
        let verdict = crate::guard::verdict(&call, &cwd);
        let word = match verdict.decision {
            crate::guard::protocol::Decision::Allow => "allow",
            crate::guard::protocol::Decision::Ask => "ask",
            crate::guard::protocol::Decision::Deny => "deny",
        };
        println!("{word}: {}", verdict.reason);
        return ExitCode::SUCCESS;
    }
    match args.action {
        None => {
            let reply = crate::guard::run(&mut std::io::stdin().lock(), &cwd);
            let _ = std::io::stdout().write_all(reply.stdout.as_bytes());
            let _ = std::io::stderr().write_all(reply.stderr.as_bytes());
            ExitCode::from(reply.code)
        }
        Some(GuardAction::Install(args)) => edit(&args, &cwd, true),
        Some(GuardAction::Uninstall(args)) => edit(&args, &cwd, false),
    }
}

fn edit(args: &InstallArgs, cwd: &std::path::Path, install_it: bool) -> ExitCode {
    let scope = if args.user {
        Scope::User
    } else {
        Scope::Project
    };
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    let root = crate::config::discover(None, &[cwd.to_path_buf()])
        .ok()
        .and_then(|c| c.root)
        .unwrap_or_else(|| cwd.to_path_buf());
    let mut failed = false;
    for agent in args.agents() {
        let Some(home) = home
            .as_ref()
            .filter(|_| scope == Scope::User)
            .or(Some(&root))
        else {
            continue;
        };
        let path = install::settings_path(agent, scope, &root, home);
        let result = if install_it {
            install::install(agent, &path, &args.command)
        } else {
            install::uninstall(agent, &path)
        };
        match result {
            Ok(Outcome::Written(path)) => {
                let done = if install_it {
                    "installed in"
                } else {
                    "removed from"
                };
                println!("agentlint guard: {done} {}", path.display());
            }
            Ok(Outcome::Unchanged(path)) => {
                let state = if install_it {
                    "already installed in"
                } else {
                    "not in"
                };
                println!("agentlint guard: {state} {}", path.display());
            }
            Err(e) => {
                eprintln!("agentlint guard: {}: {e}", path.display());
                failed = true;
            }
        }
    }
    ExitCode::from(if failed { 2 } else { 0 })
}
