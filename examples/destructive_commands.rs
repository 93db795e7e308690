//! Lists every command in a tree that the catalogue recognises as destructive, whether or not a
//! rule reports it (a gate, a confirmation, an origin another rule owns): what a precision review
//! of the command model reads.
//!
//!     cargo run --release --example destructive_commands -- ../shared/corpus/repos

use agentlint::config::Config;
use agentlint::facts::destructive;
use agentlint::pipeline::{self, Overrides};

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let outcome = pipeline::run(&paths, &Config::default(), &Overrides::default());
    for file in &outcome.workspace.files {
        for fact in &file.facts.commands {
            if let Some(d) = destructive::classify_fact(fact) {
                let (line, _) = file.source.line_col(fact.command.span.start);
                println!(
                    "{}:{line}: {} — {}; {}",
                    file.source.path,
                    d.shown,
                    d.effect,
                    d.confirmation.describe()
                );
            }
        }
    }
}
