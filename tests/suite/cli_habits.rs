//! The habits users bring from ruff, ripgrep, zizmor and gitleaks: `--output-file`, `--quiet`,
//! `--color`, `--statistics`, standard input with `--stdin-filename`, configuration found upward
//! from each named path, shell completions, the man page and the configuration's JSON Schema.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common;

const POCKETOS: &str = "test-data/scenarios/pocketos";

fn agentlint() -> Command {
    let mut cmd = Command::cargo_bin("agentlint").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(common::root()).env_remove("NO_COLOR");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A GitHub classic token made at run time, so this file holds no token-shaped literal.
fn token(seed: u8) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let body: String = (0..36u32)
        .map(|i| alphabet[((i * 7 + u32::from(seed) * 13 + i * i) % 62) as usize] as char)
        .collect();
    format!("ghp_{body}")
}

fn write(path: &Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap_or(path)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(path, content).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn output_file_takes_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let report = dir.path().join("report.json");
    let out = agentlint()
        .args(["check", POCKETOS, "--format", "json", "--output-file"])
        .arg(&report)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(json["findings"].as_array().is_some_and(|f| !f.is_empty()));
    // Human output to a file is never coloured under `auto`.
    let human = dir.path().join("report.txt");
    agentlint()
        .args(["check", POCKETOS, "-o"])
        .arg(&human)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let written = std::fs::read_to_string(&human).unwrap_or_default();
    assert!(written.contains("error[AL") && !written.contains('\x1b'));
}

#[test]
fn quiet_prints_findings_and_nothing_else() {
    let loud = agentlint()
        .args(["check", POCKETOS, "--color", "never"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let quiet = agentlint()
        .args(["check", POCKETOS, "--color", "never", "--quiet"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(text(&loud.stdout).contains("agentlint: "));
    assert!(!text(&quiet.stdout).contains("\nagentlint: "));
    assert!(text(&quiet.stdout).contains("error[AL"));
    assert_eq!(loud.status.code(), quiet.status.code());
    // The note about an empty run is not printed either.
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = agentlint()
        .args(["check", "-q"])
        .arg(empty.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty() && out.stdout.is_empty(),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn color_always_never_and_no_color() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = agentlint();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        text(
            &cmd.args(args)
                .output()
                .unwrap_or_else(|e| panic!("{e}"))
                .stdout,
        )
    };
    assert!(run(&["check", POCKETOS, "--color", "always"], false).contains("\x1b["));
    assert!(run(&["check", POCKETOS, "--color", "always"], true).contains("\x1b["));
    assert!(!run(&["check", POCKETOS, "--color", "never"], false).contains('\x1b'));
    // `auto` with a pipe (as here) is plain.
    assert!(!run(&["check", POCKETOS], false).contains('\x1b'));
}

#[test]
fn statistics_count_what_the_findings_are() {
    let findings = agentlint()
        .args(["check", POCKETOS, "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_slice(&findings.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for f in json["findings"].as_array().into_iter().flatten() {
        *expected
            .entry(f["rule"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    let stats = agentlint()
        .args(["check", POCKETOS, "--format", "json", "--statistics"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats.status.code(), findings.status.code());
    let rows: Value = serde_json::from_slice(&stats.stdout).unwrap_or_else(|e| panic!("{e}"));
    let counted: BTreeMap<String, u64> = rows
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["code"].as_str().unwrap_or("").to_string(),
                r["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(!counted.is_empty());
    assert_eq!(counted, expected);
    let human = agentlint()
        .args(["check", POCKETOS, "--statistics", "--color", "never"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let table = text(&human.stdout);
    for (rule, count) in &expected {
        assert!(
            table.lines().any(|l| l
                .split_whitespace()
                .take(2)
                .eq([count.to_string().as_str(), rule])),
            "{rule} {count} in\n{table}"
        );
    }
    let sarif = agentlint()
        .args(["check", POCKETOS, "--format", "sarif", "--statistics"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sarif.status.code(), Some(2));
}

#[test]
fn standard_input_is_linted_as_the_file_it_claims_to_be() {
    let content = format!("GITHUB_TOKEN={}\n", token(1));
    let out = agentlint()
        .args([
            "check",
            "--stdin-filename",
            "services/api/.env",
            "--format",
            "json",
            "-",
        ])
        .write_stdin(content.clone())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let findings = json["findings"].as_array().cloned().unwrap_or_default();
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "AL101" && f["path"] == "services/api/.env"));
    assert!(
        !text(&out.stdout).contains(&token(1)),
        "the secret must never be printed whole"
    );
    // Clean content exits 0; a path besides `-` is a usage error.
    let clean = agentlint()
        .args(["check", "--stdin-filename", ".env"])
        .write_stdin("LOG_LEVEL=info\n")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    let both = agentlint()
        .args(["check", "--stdin-filename", ".env", POCKETOS])
        .write_stdin("X=1\n")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn standard_input_with_context_is_judged_against_the_repository() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let shared = token(2);
    write(
        &dir.path().join(".env.production"),
        &format!("GITHUB_TOKEN={shared}\n"),
    );
    // The buffer says staging and holds the production token: only the repository shows it is shared.
    let out = agentlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--stdin-filename",
            ".env.staging",
            "--context",
            ".",
            "--format",
            "json",
        ])
        .write_stdin(format!("GITHUB_TOKEN={shared}\n"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let rules: Vec<String> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(rules.iter().any(|r| r == "AL201"), "{rules:?}");
    // Without the context, the buffer is alone: nothing to share with.
    let alone = agentlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--stdin-filename",
            ".env.staging",
            "--format",
            "json",
        ])
        .write_stdin(format!("GITHUB_TOKEN={shared}\n"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!text(&alone.stdout).contains("\"AL201\""));
}

#[test]
fn each_named_path_gets_the_configuration_above_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.path().join(".git")).unwrap_or_else(|e| panic!("{e}"));
    write(
        &dir.path().join("api/agentlint.toml"),
        "ignore = [\"AL101\"]\n",
    );
    for project in ["api", "web"] {
        write(
            &dir.path().join(project).join(".env"),
            &format!("GITHUB_TOKEN={}\n", token(3)),
        );
    }
    let out = agentlint()
        .current_dir(dir.path())
        .args(["check", "web", "api", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let al101: Vec<String> = json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["rule"] == "AL101")
        .map(|f| f["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(al101, vec!["web/.env".to_string()]);
    // From inside `api/`, its configuration is found upward from the current directory.
    let inside = agentlint()
        .current_dir(dir.path().join("api"))
        .args(["check", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!text(&inside.stdout).contains("\"AL101\""));
}

#[test]
fn completions_man_page_and_schema_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = agentlint()
            .args(["completions", shell])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(
            script.contains("agentlint") && script.contains("stdin-filename"),
            "{shell}"
        );
    }
    let man = agentlint()
        .arg("man")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let page = text(&man.stdout);
    assert!(page.contains(".TH agentlint 1") && page.contains("check"));
    let schema = agentlint()
        .arg("schema")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let committed =
        std::fs::read_to_string(common::root().join("agentlint.schema.json")).unwrap_or_default();
    if std::env::var_os("AGENTLINT_BLESS").is_some() {
        std::fs::write(common::root().join("agentlint.schema.json"), &schema.stdout)
            .unwrap_or_else(|e| panic!("{e}"));
    } else {
        assert_eq!(
            text(&schema.stdout),
            committed,
            "agentlint.schema.json is stale: AGENTLINT_BLESS=1 cargo test --test suite cli_habits"
        );
    }
}

/// The schema lists exactly the keys the parser accepts, and the values it offers parse.
#[test]
fn the_schema_and_the_parser_agree() {
    use agentlint::config::{schema, Config};
    let json = schema::json_schema();
    let keys: Vec<&str> = json["properties"]
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut expected: Vec<&str> = schema::KEYS.to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    let selectors = json["properties"]["select"]["allOf"][0]["items"]["enum"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(selectors.len() > 20);
    let list = selectors
        .iter()
        .map(|s| format!("{s}"))
        .collect::<Vec<_>>()
        .join(", ");
    let every_key = format!(
        "select = [{list}]\nignore = []\nfail-on = \"error\"\nrespect-gitignore = true\nallow = [\"3a9c1e0b\"]\n\n[rules.AL101]\nseverity = \"warning\"\n\n[environments]\nproduction = [\"prod/**\"]\n\n[per-path-ignores]\n\"docs/**\" = [\"exposed-secret\"]\n"
    );
    if let Err(err) = Config::parse(&every_key) {
        panic!("{}: {every_key}", err.message);
    }
    assert!(Config::parse("selekt = [\"AL101\"]\n").is_err());
}
