//! Time each phase and each rule over a directory: `cargo run --release --example rule_times -- DIR`.
//! A development tool for finding the slow part of a run; not a benchmark (see bench/).

use std::path::PathBuf;
use std::time::Instant;

use agentlint::config::Config;
use agentlint::pipeline::Overrides;
use agentlint::rules;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let config = Config::default();
    let started = Instant::now();
    let outcome = agentlint::pipeline::run(&[dir], &config, &Overrides::default());
    println!(
        "whole run: {:?} ({} files, {} findings)",
        started.elapsed(),
        outcome.workspace.files.len(),
        outcome.findings.len()
    );
    let started = Instant::now();
    let modules = agentlint::model::terraform::modules(&outcome.workspace);
    let modules_time = started.elapsed();
    let started = Instant::now();
    let instances = agentlint::model::terraform::instances(&outcome.workspace, &modules);
    println!(
        "terraform model: modules {modules_time:?} ({}), instances {:?} ({})",
        modules.len(),
        started.elapsed(),
        instances.len()
    );
    let mut times = Vec::new();
    for rule in rules::all() {
        let started = Instant::now();
        let mut findings = Vec::new();
        // As the pipeline does: Terraform rules share the instances built once above.
        let inputs = rules::Inputs {
            workspace: &outcome.workspace,
            instances: &instances,
        };
        rule.run(&inputs, &mut findings);
        times.push((started.elapsed(), rule.meta().id, findings.len()));
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    for (elapsed, id, count) in times {
        println!("{id}: {elapsed:?} ({count} findings)");
    }
}
