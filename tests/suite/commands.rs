//! The labelled command set (`test-data/commands/invocations.tsv`: real-world invocations from
//! public documentation and repositories, each with its source) planted in every carrier a command
//! lives in: a shell script, a GitHub Actions `run:` step, a GitLab CI `script:` item, a shell
//! code block in an agent rule file, a Makefile recipe, an npm script, and a Claude Code allow
//! rule (`Bash(<command>)`). Every
//! destructive row must be recognised in every carrier, and no safe row in any.
//!
//! `cargo test --test suite commands -- --nocapture` prints recall and false alarms per carrier.

use std::collections::BTreeMap;
use std::path::Path;

use agentlint::config::Config;
use agentlint::facts::destructive;
use agentlint::pipeline::{self, Overrides};

use crate::common;

struct Row {
    destructive: bool,
    family: String,
    command: String,
}

fn rows() -> Vec<Row> {
    let path = common::root().join("test-data/commands/invocations.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 6, "not 6 fields: {line}");
            Row {
                destructive: match fields[0] {
                    "destructive" => true,
                    "safe" => false,
                    other => panic!("unknown label `{other}` in: {line}"),
                },
                family: fields[1].to_string(),
                command: fields[3].to_string(),
            }
        })
        .collect()
}

/// One carrier: the file it is written to, and the line of each row in it.
struct Carrier {
    name: &'static str,
    path: &'static str,
    text: String,
    lines: Vec<usize>,
}

fn carriers(rows: &[Row]) -> Vec<Carrier> {
    // One row a line, in a text file laid out for its carrier: `before` opens each row's place,
    // `indent` starts the command's line, `after` closes the place.
    let lined = |name, path, header: &str, before: &str, indent: &str, after: &str| {
        let mut text = String::from(header);
        let mut lines = Vec::new();
        for row in rows {
            text.push_str(before);
            lines.push(text.lines().count() + 1);
            text.push_str(&format!("{indent}{}\n{after}", row.command));
        }
        Carrier {
            name,
            path,
            text,
            lines,
        }
    };
    let mut out = vec![
        lined(
            "script",
            "scripts/ops.sh",
            "#!/bin/sh\nset -e\n",
            "",
            "",
            "",
        ),
        lined(
            "github run:",
            ".github/workflows/ops.yml",
            "name: ops\non: push\njobs:\n  ops:\n    runs-on: ubuntu-latest\n    steps:\n",
            "      - run: |\n",
            "          ",
            "",
        ),
        lined(
            "gitlab script:",
            ".gitlab-ci.yml",
            "ops:\n  stage: deploy\n  script:\n",
            "    - |\n",
            "      ",
            "",
        ),
        lined(
            "agent rules block",
            "AGENTS.md",
            "# Operations\n\nCommands we run:\n\n",
            "```bash\n",
            "",
            "```\n\n",
        ),
    ];
    // Makefile recipes (`$` written `$$`), one target per row: `lines` holds target numbers.
    let mut text = String::from(".PHONY: all\n\n");
    for (i, row) in rows.iter().enumerate() {
        text.push_str(&format!(
            "t{}:\n\t{}\n\n",
            i + 1,
            row.command.replace('$', "$$")
        ));
    }
    let lines = (1..=rows.len()).collect();
    out.push(Carrier {
        name: "Makefile recipe",
        path: "Makefile",
        text,
        lines,
    });
    // package.json scripts, one per row.
    let scripts: serde_json::Map<String, serde_json::Value> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            (
                format!("t{}", i + 1),
                serde_json::Value::from(row.command.clone()),
            )
        })
        .collect();
    let text =
        serde_json::to_string_pretty(&serde_json::json!({ "name": "ops", "scripts": scripts }))
            .unwrap_or_default();
    let lines = (1..=rows.len()).collect();
    out.push(Carrier {
        name: "npm script",
        path: "package.json",
        text,
        lines,
    });
    out
}

/// Which carrier lines hold a command recognised as destructive.
fn recognised_lines(dir: &Path) -> BTreeMap<String, Vec<usize>> {
    let outcome = pipeline::run(
        &[dir.to_path_buf()],
        &Config::default(),
        &Overrides::default(),
    );
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for file in &outcome.workspace.files {
        for fact in &file.facts.commands {
            if destructive::classify_fact(fact).is_some() {
                let (line, _) = file.source.line_col(fact.command.span.start);
                out.entry(file.rel_path.clone()).or_default().push(line);
            }
        }
    }
    // Recipes: the number in the target's name (`t12`) stands for the line.
    for file in &outcome.workspace.files {
        for recipe in &file.facts.recipes {
            if recipe
                .commands
                .iter()
                .any(|c| destructive::classify_fact(c).is_some())
            {
                if let Some(n) = recipe.name.strip_prefix('t').and_then(|n| n.parse().ok()) {
                    out.entry(file.rel_path.clone()).or_default().push(n);
                }
            }
        }
    }
    // Allow rules: AL301 findings on the settings file.
    for finding in &outcome.findings {
        let file = outcome.workspace.file(finding.primary.file);
        if finding.rule.id == "AL301" && file.rel_path == ".claude/settings.json" {
            let (line, _) = file.source.line_col(finding.primary.span.start);
            out.entry(file.rel_path.clone()).or_default().push(line);
        }
    }
    out
}

#[test]
fn every_destructive_invocation_is_recognised_in_every_carrier() {
    let rows = rows();
    assert!(
        rows.len() >= 400,
        "only {} labelled invocations",
        rows.len()
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut carriers = carriers(&rows);
    // A Claude Code allow rule per row that is one simple command (no `;`, `&&`, `|`).
    let mut allow = Vec::new();
    let mut allow_rows = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if !row
            .command
            .contains([';', '&', '|', '\'', '"', '(', ')', '$', '<', '>'])
        {
            allow.push(format!("Bash({})", row.command));
            allow_rows.push(i);
        }
    }
    let settings = serde_json::to_string_pretty(&serde_json::json!({
        "permissions": { "allow": allow }
    }))
    .unwrap_or_default();
    // Pretty JSON: line 1 `{`, 2 `"permissions": {`, 3 `"allow": [`, then one rule a line.
    let mut lines = vec![0; rows.len()];
    for (n, i) in allow_rows.iter().enumerate() {
        lines[*i] = n + 4;
    }
    carriers.push(Carrier {
        name: "allow rule",
        path: ".claude/settings.json",
        text: settings,
        lines,
    });
    for carrier in &carriers {
        let path = dir.path().join(carrier.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&path, &carrier.text).unwrap_or_else(|e| panic!("write: {e}"));
    }
    let found = recognised_lines(dir.path());
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let mut failing = Vec::new();
    for carrier in &carriers {
        let hits = found.get(carrier.path).cloned().unwrap_or_default();
        let (mut positives, mut caught, mut negatives, mut alarms) = (0, 0, 0, 0);
        for (i, row) in rows.iter().enumerate() {
            let line = carrier.lines[i];
            if line == 0 {
                continue;
            }
            let hit = hits.contains(&line);
            if row.destructive {
                positives += 1;
                if hit {
                    caught += 1;
                } else {
                    failures.push(format!(
                        "missed in {}: [{}] {}",
                        carrier.name, row.family, row.command
                    ));
                }
            } else {
                negatives += 1;
                if hit {
                    alarms += 1;
                    failures.push(format!(
                        "false alarm in {}: [{}] {}",
                        carrier.name, row.family, row.command
                    ));
                }
            }
        }
        let recall = if positives == 0 {
            100.0
        } else {
            100.0 * caught as f64 / positives as f64
        };
        report.push(format!(
            "{:<18} recall {caught}/{positives} ({recall:.1}%), false alarms {alarms}/{negatives}",
            carrier.name
        ));
        if recall < 98.0 || alarms > 0 {
            failing.push(carrier.name);
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        failing.is_empty(),
        "below 98% recall or with false alarms: {failing:?}\n{}\n{}",
        report.join("\n"),
        failures.join("\n")
    );
}
