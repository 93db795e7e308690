//! The labelled instruction passages (`test-data/instructions/*.tsv`: real rule files from the
//! corpus and from public repositories, and written variants, each with its source), each planted
//! as the `CLAUDE.md` of its own directory. A `licence` row must draw an AL302 finding that
//! licenses or orders destruction, a `hunt` row one about credentials, a `quiet` row none.
//!
//! `cargo test --test suite instructions -- --nocapture` prints recall and false alarms per set
//! and per form, and every row that is wrong.

use std::collections::BTreeMap;

use agentlint::config::Config;
use agentlint::pipeline::{self, Overrides};

use crate::common;

#[derive(Debug)]
struct Row {
    set: String,
    label: String,
    form: String,
    passage: String,
}

/// `\n` is a line break, `\\` a backslash, `\t` a tab.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn rows() -> Vec<Row> {
    let dir = common::root().join("test-data/instructions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let set = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{}: not 4 fields: {line}", path.display());
            assert!(
                matches!(fields[0], "licence" | "hunt" | "quiet"),
                "{}: unknown label in: {line}",
                path.display()
            );
            assert!(
                fields[3].starts_with("https://") || fields[3] == "variant",
                "{}: a row without a source: {line}",
                path.display()
            );
            out.push(Row {
                set: set.clone(),
                label: fields[0].to_owned(),
                form: fields[1].to_owned(),
                passage: unescape(fields[2]),
            });
        }
    }
    out
}

/// What AL302 said about each row: `licence`, `hunt`, or `quiet`.
fn verdicts(rows: &[Row]) -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for (i, row) in rows.iter().enumerate() {
        let sub = dir.path().join(format!("r{i:04}"));
        std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(sub.join("CLAUDE.md"), format!("{}\n", row.passage))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let outcome = pipeline::run(
        &[dir.path().to_path_buf()],
        &Config::default(),
        &Overrides::default(),
    );
    let mut by_row: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for finding in &outcome.findings {
        if finding.rule.id != "AL302" {
            continue;
        }
        let file = outcome.workspace.file(finding.primary.file);
        let Some(index) = file
            .rel_path
            .split('/')
            .find_map(|seg| seg.strip_prefix('r').and_then(|n| n.parse::<usize>().ok()))
        else {
            continue;
        };
        by_row
            .entry(index)
            .or_default()
            .push(finding.message.clone());
    }
    (0..rows.len())
        .map(|i| {
            let messages = by_row.remove(&i).unwrap_or_default();
            let verdict = if messages
                .iter()
                .any(|m| m.contains("looking for credentials") || m.contains("a credential from"))
            {
                "hunt"
            } else if messages.is_empty() {
                "quiet"
            } else {
                "licence"
            };
            (verdict.to_owned(), messages)
        })
        .collect()
}

#[test]
fn instruction_passages_are_read_as_labelled() {
    let rows = rows();
    assert!(rows.len() >= 300, "only {} labelled passages", rows.len());
    let verdicts = verdicts(&rows);
    // (set, label) -> (rows, right); and every wrong row, for the report.
    let mut tally: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut forms: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (row, (verdict, messages)) in rows.iter().zip(&verdicts) {
        // A hunt row that also licenses is still a hunt; a licence row must license.
        let right = *verdict == row.label;
        for key in [
            (row.set.clone(), row.label.clone()),
            ("all".to_owned(), row.label.clone()),
        ] {
            let entry = tally.entry(key).or_default();
            entry.0 += 1;
            entry.1 += usize::from(right);
        }
        let entry = forms
            .entry((row.label.clone(), row.form.clone()))
            .or_default();
        entry.0 += 1;
        entry.1 += usize::from(right);
        if !right {
            wrong.push(format!(
                "[{}] {} read as {verdict}: {:?} {:?}",
                row.set, row.label, row.passage, messages
            ));
        }
    }
    for ((set, label), (n, right)) in &tally {
        println!("{set:>10} {label:>8}: {right}/{n}");
    }
    for ((label, form), (n, right)) in &forms {
        if right < n {
            println!("  form {label}/{form}: {right}/{n}");
        }
    }
    for line in &wrong {
        println!("{line}");
    }
    let rate = |label: &str| {
        let (n, right) = tally
            .get(&("all".to_owned(), label.to_owned()))
            .copied()
            .unwrap_or((0, 0));
        (right as f64 / n.max(1) as f64, n)
    };
    let (licence, n_licence) = rate("licence");
    let (hunt, n_hunt) = rate("hunt");
    let (quiet, _) = rate("quiet");
    assert!(n_licence >= 80 && n_hunt >= 30, "too few positive rows");
    assert!(licence >= 0.95, "licence recall {licence:.3} < 0.95");
    assert!(hunt >= 0.95, "hunt recall {hunt:.3} < 0.95");
    assert!(
        (quiet - 1.0).abs() < f64::EPSILON,
        "false alarms on quiet passages ({} wrong rows above)",
        wrong.len()
    );
}
