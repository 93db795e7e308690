//! The documentation cannot lie: every fenced example under `## Example` in a rule's docs must make
//! that rule fire, and every one under `## Use instead` must leave it quiet. A fence's info string
//! is the path the example is written to.

use crate::common;

use agentlint::rules;
use agentlint::rules::docs::doc_examples;

fn run_examples(section: &str) -> Option<agentlint::pipeline::Outcome> {
    let examples = doc_examples(section);
    if examples.is_empty() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for example in examples {
        let path = dir.path().join(&example.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&path, example.content).unwrap_or_else(|e| panic!("write: {e}"));
    }
    let outcome = common::lint(dir.path());
    Some(outcome)
}

#[test]
fn documented_examples_fire_and_alternatives_stay_quiet() {
    let mut failures = Vec::new();
    for meta in rules::catalogue() {
        for heading in ["What it does", "Why is this bad?", "Example", "Use instead"] {
            if meta.section(heading).is_none() {
                failures.push(format!("{}: docs lack `## {heading}`", meta.id));
            }
        }
        if let Some(outcome) = meta.section("Example").and_then(run_examples) {
            if !outcome.findings.iter().any(|f| f.rule.id == meta.id) {
                failures.push(format!("{}: the documented example does not fire", meta.id));
            }
        }
        if let Some(outcome) = meta.section("Use instead").and_then(run_examples) {
            for f in outcome.findings.iter().filter(|f| f.rule.id == meta.id) {
                failures.push(format!(
                    "{}: the documented alternative fires: {}",
                    meta.id, f.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
