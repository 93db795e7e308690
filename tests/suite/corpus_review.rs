//! The written review of every warning and error agentlint reports on `../shared/corpus` (real
//! public repositories): `test-data/corpus-review.tsv`, one line per finding with its verdict.
//!
//! The test fails when the set of findings changes without the review (a new finding must be read
//! and judged, a vanished one struck out), and when fewer than 90% of the reviewed findings are true
//! positives. The corpus is not part of the repository: without it the test says it was skipped.

use std::collections::BTreeSet;
use std::path::PathBuf;

use agentlint::config::Config;
use agentlint::diagnostic::Severity;
use agentlint::pipeline::{self, Overrides};

fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("AGENTLINT_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => crate::common::root().join("../shared/corpus"),
    };
    let repos = dir.join("repos");
    repos.is_dir().then_some(repos)
}

#[test]
fn every_corpus_warning_and_error_is_reviewed() {
    let Some(repos) = corpus() else {
        eprintln!("SKIPPED corpus_review: ../shared/corpus not found (set AGENTLINT_CORPUS)");
        return;
    };
    let outcome = pipeline::run(
        std::slice::from_ref(&repos),
        &Config::default(),
        &Overrides::default(),
    );
    let found: BTreeSet<(String, String, String, String)> = outcome
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| {
            // Relative to the corpus's `repos/`, as the review writes it.
            let path = &outcome.workspace.file(f.primary.file).rel_path;
            (
                f.rule.id.to_string(),
                f.severity.as_str().to_string(),
                path.clone(),
                f.key.clone(),
            )
        })
        .collect();
    let text = std::fs::read_to_string(crate::common::root().join("test-data/corpus-review.tsv"))
        .unwrap_or_else(|e| panic!("corpus-review.tsv: {e}"));
    let mut reviewed = BTreeSet::new();
    let mut true_positives = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let [rule, severity, path, key, verdict, reason] = cells.as_slice() else {
            panic!("corpus-review.tsv: expected 6 cells: {line}");
        };
        assert!(
            matches!(*verdict, "TP" | "FP"),
            "verdict must be TP or FP: {line}"
        );
        assert!(
            !reason.trim().is_empty(),
            "a verdict needs its reason: {line}"
        );
        if *verdict == "TP" {
            true_positives += 1;
        }
        reviewed.insert((
            rule.to_string(),
            severity.to_string(),
            path.to_string(),
            key.to_string(),
        ));
    }
    let unreviewed: Vec<_> = found.difference(&reviewed).collect();
    let gone: Vec<_> = reviewed.difference(&found).collect();
    assert!(
        unreviewed.is_empty() && gone.is_empty(),
        "the corpus findings changed: review these in test-data/corpus-review.tsv\nnew: {unreviewed:#?}\ngone: {gone:#?}"
    );
    let ratio = f64::from(true_positives) / reviewed.len().max(1) as f64;
    assert!(
        ratio >= 0.9,
        "only {true_positives} of {} reviewed findings are true positives",
        reviewed.len()
    );
}
