//! Classifies each line of stdin as a shell command, as the rules do: prints the programs the
//! line runs after unwrapping, and what is destructive about it.
//!
//!     echo 'sudo -u postgres dropdb app' | cargo run --example classify

use std::io::BufRead;

use agentlint::facts::{destructive, invocation};
use agentlint::syntax::shell;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let script = shell::parse(&line, 0);
        println!("{line}");
        for command in &script.commands {
            let stdin = invocation::stdin_text(&script.commands, command, &line);
            for inv in invocation::invocations(command, &stdin) {
                println!(
                    "  runs {} {:?} (wrappers {:?})",
                    inv.tool,
                    inv.arg_texts(),
                    inv.wrappers
                );
            }
            match destructive::classify_with_stdin(command, &stdin) {
                Some(d) => println!(
                    "  DESTRUCTIVE {} — {}; {}; backups {:?}; target {:?}",
                    d.shown,
                    d.effect,
                    d.confirmation.describe(),
                    d.backups,
                    d.target.map(|t| t.to_string())
                ),
                None => println!("  not destructive"),
            }
        }
    }
}
