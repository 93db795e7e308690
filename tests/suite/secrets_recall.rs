//! Recall and false alarms of the secret scanner on a labelled set built from the providers'
//! documented formats and peers' public test samples (`test-data/secrets/samples.tsv`, sources in
//! its README), each sample planted in every carrier an agent reads.
//!
//! The floors below are the measured numbers: a change that loses recall or adds a false alarm
//! fails here, and the numbers are printed for the closing notes.

use std::collections::BTreeMap;

use agentlint::config::Config;
use agentlint::pipeline::{self, Overrides};

struct Sample {
    id: String,
    name: String,
    value: String,
    secret: bool,
}

fn samples() -> Vec<Sample> {
    let path = crate::common::root().join("test-data/secrets/samples.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let [id, _, _, name, value, expected, ..] = cells.as_slice() else {
                panic!("samples.tsv: short row: {line}");
            };
            assert!(matches!(*expected, "secret" | "placeholder"), "{line}");
            Sample {
                id: id.to_string(),
                name: name.to_string(),
                value: value.to_string(),
                secret: *expected == "secret",
            }
        })
        .collect()
}

/// How a name and a value are written in a carrier.
type Writer = fn(&str, &str) -> String;

/// The carriers, each a file name and how a name and value are written in it.
fn carriers() -> Vec<(&'static str, &'static str, Writer)> {
    vec![
        ("dotenv", ".env", |n, v| format!("{n}={v}\n")),
        ("terraform", "main.tf", |n, v| {
            let v = v
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace("${", "$${");
            format!("locals {{\n  {} = \"{v}\"\n}}\n", n.to_ascii_lowercase())
        }),
        ("workflow", ".github/workflows/ci.yml", |n, v| {
            let v = v.replace('\'', "''");
            format!("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      {n}: '{v}'\n    steps:\n      - run: make\n")
        }),
        ("claude-md", "CLAUDE.md", |n, v| {
            format!("# Setup\n\n```bash\nexport {n}='{v}'\n```\n")
        }),
        ("mcp-json", ".mcp.json", |n, v| {
            let value = serde_json::to_string(v).unwrap_or_default();
            format!("{{\"mcpServers\": {{\"tool\": {{\"command\": \"tool-server\", \"env\": {{\"{n}\": {value}}}}}}}}}\n")
        }),
        // Source code with the name on the literal: the name is evidence, as in `.env`.
        ("python", "app/settings.py", |n, v| {
            let value = serde_json::to_string(v).unwrap_or_default();
            if n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                format!("import os\n\n{n} = {value}\n")
            } else {
                // A name that is no identifier (`//registry.npmjs.org/:_authToken`) is a dict key.
                let key = serde_json::to_string(n).unwrap_or_default();
                format!("SETTINGS = {{\n    {key}: {value},\n}}\n")
            }
        }),
        // Source code where nothing names the value: only a sure token shape counts.
        (SOURCE, "src/settings.js", |_, v| {
            let value = serde_json::to_string(v).unwrap_or_default();
            format!("export const settings = {{ value: {value} }};\n")
        }),
    ]
}

#[test]
fn recall_and_false_alarms_in_every_carrier() {
    let samples = samples();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // `AGENTLINT_PLANT_DIR=/tmp/planted` keeps a copy of the planted files, for the peers'
    // side-by-side run (`bench/secrets-peers.py`).
    let keep = std::env::var_os("AGENTLINT_PLANT_DIR").map(std::path::PathBuf::from);
    let mut owner: BTreeMap<String, (usize, &'static str)> = BTreeMap::new();
    for (carrier, file, write) in carriers() {
        for (i, sample) in samples.iter().enumerate() {
            let rel = format!("{carrier}/{i:03}/{file}");
            let path = dir.path().join(&rel);
            std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))
                .unwrap_or_else(|e| panic!("{e}"));
            let content = write(&sample.name, &sample.value);
            std::fs::write(&path, &content).unwrap_or_else(|e| panic!("{e}"));
            if let Some(keep) = &keep {
                let copy = keep.join(&rel);
                std::fs::create_dir_all(copy.parent().unwrap_or(keep))
                    .unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&copy, &content).unwrap_or_else(|e| panic!("{e}"));
            }
            owner.insert(rel, (i, carrier));
        }
    }
    let outcome = pipeline::run(
        &[dir.path().to_path_buf()],
        &Config::default(),
        &Overrides::default(),
    );
    // (carrier, sample) pairs where a credential was found.
    let mut found: BTreeMap<(&str, usize), bool> = BTreeMap::new();
    for file in &outcome.workspace.files {
        if let Some((i, carrier)) = owner.get(&file.rel_path) {
            found.insert((carrier, *i), !file.facts.credentials.is_empty());
        }
    }
    let mut report = Vec::new();
    let mut missed_everywhere = Vec::new();
    let mut false_alarms = Vec::new();
    let (mut secrets_total, mut secrets_found, mut fake_total, mut fake_found) = (0, 0, 0, 0);
    let mut source_recall = 0.0;
    for (carrier, _, _) in carriers() {
        let (mut s_all, mut s_hit, mut f_all, mut f_hit) = (0, 0, 0, 0);
        let mut missed = Vec::new();
        for (i, sample) in samples.iter().enumerate() {
            let hit = found.get(&(carrier, i)).copied().unwrap_or(false);
            if sample.secret {
                s_all += 1;
                s_hit += usize::from(hit);
                if !hit {
                    missed.push(sample.id.as_str());
                }
            } else {
                f_all += 1;
                f_hit += usize::from(hit);
                if hit {
                    false_alarms.push(format!("{carrier}: {}", sample.id));
                }
            }
        }
        report.push(format!(
            "{carrier}: recall {s_hit}/{s_all} ({:.1}%), false alarms {f_hit}/{f_all}",
            100.0 * s_hit as f64 / s_all.max(1) as f64
        ));
        if carrier != SOURCE {
            report.push(format!("  missed: {missed:?}"));
        }
        if carrier == SOURCE {
            source_recall = 100.0 * s_hit as f64 / s_all.max(1) as f64;
            fake_found += f_hit;
            continue;
        }
        secrets_total += s_all;
        secrets_found += s_hit;
        fake_total += f_all;
        fake_found += f_hit;
    }
    for (i, sample) in samples.iter().enumerate() {
        let anywhere = carriers()
            .iter()
            .any(|(c, _, _)| found.get(&(*c, i)).copied().unwrap_or(false));
        if sample.secret && !anywhere {
            missed_everywhere.push(sample.id.clone());
        }
    }
    let recall = 100.0 * secrets_found as f64 / secrets_total.max(1) as f64;
    eprintln!(
        "secrets: recall {secrets_found}/{secrets_total} ({recall:.1}%), false alarms {fake_found}/{fake_total}\n{}\nmissed in every carrier: {missed_everywhere:?}\nfalse alarms: {false_alarms:?}",
        report.join("\n")
    );
    assert!(
        recall >= RECALL_FLOOR,
        "recall fell to {recall:.1}% (floor {RECALL_FLOOR}%)"
    );
    assert!(
        source_recall >= SHAPE_RECALL_FLOOR,
        "recall by token shape alone fell to {source_recall:.1}% (floor {SHAPE_RECALL_FLOOR}%)"
    );
    assert!(
        false_alarms.is_empty(),
        "{fake_found} false alarms: {false_alarms:?}"
    );
}

/// Measured at 97.2% when the set was added, 99.5% with source-code assignments, URL passwords
/// and short passwords (and no false alarm, which is required); raise the floor as recall improves.
const RECALL_FLOOR: f64 = 99.0;

/// The carrier where only token shapes count (no name is evidence in source code).
const SOURCE: &str = "source";

/// Recall by token shape alone, in source code (many samples are unprefixed: passwords, hex keys);
/// measured at 56.4% with no false alarm.
const SHAPE_RECALL_FLOOR: f64 = 56.0;
