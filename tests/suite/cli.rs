//! The binary as users and scripts call it: exit codes, formats, the contract's JSON shape,
//! configuration errors, baselines.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;

fn agentlint() -> Command {
    let mut cmd = Command::cargo_bin("agentlint").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(common::root()).env("NO_COLOR", "1");
    cmd
}

/// Runs `agentlint ARGS…` from the repository root and returns what it printed and its status.
fn run<I, S>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    agentlint()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

const POCKETOS: &str = "test-data/scenarios/pocketos";

#[test]
fn version_and_help() {
    let out = agentlint()
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("agentlint "));
}

#[test]
fn rules_and_explain() {
    let out = agentlint()
        .arg("rules")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("AL101") && text.contains("exposed-secret"));
    for arg in ["AL201", "shared-credential-across-environments"] {
        let out = run(["explain", arg]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("## What it does") && text.contains("AL201"));
    }
    let out = run(["explain", "AL999"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_follows_the_contract() {
    let out = run(["check", POCKETOS, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings at warning or above exit 1"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("json: {e}"));
    assert_eq!(doc["version"], 1);
    let findings = doc["findings"].as_array().cloned().unwrap_or_default();
    assert!(!findings.is_empty());
    for f in &findings {
        for key in [
            "rule",
            "name",
            "category",
            "severity",
            "message",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "environment",
            "related",
        ] {
            assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
        }
        assert!(f["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("test-data/") && !p.contains('\\')));
        assert!(f["line"].as_u64().is_some_and(|l| l >= 1));
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap_or("")));
        for r in f["related"].as_array().into_iter().flatten() {
            for key in ["path", "line", "column", "message"] {
                assert!(r.get(key).is_some(), "related lacks `{key}`");
            }
        }
    }
    let categories: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["category"].as_str())
        .collect();
    for category in [
        "exposed-secret",
        "overscoped-token",
        "cross-environment-credential",
        "destructive-capability",
        "missing-deletion-protection",
        "backup-blast-radius",
    ] {
        assert!(
            categories.contains(&category),
            "the incident scenario shows no {category}"
        );
    }
    assert!(doc["summary"]["findings"].as_u64().is_some());
}

#[test]
fn every_format_renders_and_fail_on_decides_the_exit_code() {
    for format in ["human", "json", "sarif", "github"] {
        let out = run(["check", POCKETOS, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(!out.stdout.is_empty(), "{format}");
    }
    let out = run(["check", POCKETOS, "--select", "AL902"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "no finding of the selected rule: exit 0"
    );
    let out = run(["check", POCKETOS, "--exit-zero"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "--exit-zero reports but exits 0"
    );
    assert!(!out.stdout.is_empty());
    let out = run(["check", "test-data/scenarios/clean"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["check", "--format", "xml"],
        vec!["check", "no/such/path"],
        vec!["check", "--context", ".", "no/such/file.tf"],
        vec!["check", POCKETOS, "--select", "AL999"],
        vec!["frobnicate"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn configuration_errors_point_into_the_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("agentlint.toml"),
        "select = [\"AL101\"]\nignore = [\"AL777\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = agentlint()
        .args(["check"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("AL777") && err.contains("agentlint.toml:2:"),
        "{err}"
    );
}

#[test]
fn no_secret_is_printed_in_any_format() {
    let outcome = common::lint_relative(POCKETOS);
    let secrets = common::raw_secrets(&outcome);
    assert!(secrets.len() >= 3);
    for format in ["human", "json", "sarif", "github"] {
        let out = run(["check", POCKETOS, "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{format} prints a secret whole"
            );
        }
    }
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
    let key = "STRIPE_SECRET_KEY=sk_live_51NfQ2RkLp8XwT3vYcB7mZ4hJ9sD6gA1eK0uI5oP2\n";
    std::fs::write(repo.join(".env.production"), key).unwrap_or_else(|e| panic!("{e}"));
    // Inside the checked directory: a baseline is only written inside the working directory or a
    // directory being checked.
    let baseline = repo.join(".agentlint-baseline.json");
    let out = agentlint()
        .arg("check")
        .arg(&repo)
        .arg("--write-baseline")
        .arg(&baseline)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&baseline).unwrap_or_default();
    assert!(written.contains("AL101") && !written.contains("sk_live_51NfQ2RkLp8X"));
    // Moving the line keeps the finding baselined.
    std::fs::write(
        repo.join(".env.production"),
        format!("# moved\n\nNODE_ENV=production\n{key}"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = agentlint()
        .arg("check")
        .arg(&repo)
        .arg("--baseline")
        .arg(&baseline)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A new secret on the old line is new.
    std::fs::write(
        repo.join(".env.production"),
        "STRIPE_SECRET_KEY=sk_live_51ZzY9XwV8uT7sR6qP5oN4mL3kJ2iH1gF0eD9cB8aZ\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = agentlint()
        .arg("check")
        .arg(&repo)
        .arg("--baseline")
        .arg(&baseline)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn write_baseline_refuses_paths_outside_the_repository_and_symlinks() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(repo.join(".env"), "A=1\n").unwrap_or_else(|e| panic!("{e}"));
    let outside = dir.path().join("baseline.json");
    let out = agentlint()
        .arg("check")
        .arg(&repo)
        .arg("--write-baseline")
        .arg(&outside)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside"));
    assert!(!outside.exists());
    #[cfg(unix)]
    {
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap_or_else(|e| panic!("{e}"));
        let link = repo.join("baseline.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap_or_else(|e| panic!("{e}"));
        let out = agentlint()
            .arg("check")
            .arg(&repo)
            .arg("--write-baseline")
            .arg(&link)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("symlink"));
        assert_eq!(std::fs::read_to_string(&victim).unwrap_or_default(), "keep");
    }
}

/// `AGENTLINT_TIMINGS` (for tuning) reports every phase, the slowest files and rules, on stderr
/// only: the JSON on stdout is the same with and without it.
#[test]
fn timings_go_to_stderr_and_change_nothing_else() {
    let plain = run(["check", POCKETOS, "--format", "json"]);
    let timed = agentlint()
        .args(["check", POCKETOS, "--format", "json"])
        .env("AGENTLINT_TIMINGS", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain.stdout, timed.stdout);
    assert_eq!(plain.status.code(), timed.status.code());
    assert!(
        plain.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let stderr = String::from_utf8_lossy(&timed.stderr);
    for phase in ["walk", "parse", "rules", "render"] {
        assert!(
            stderr.contains(&format!("agentlint timings: {phase} ")),
            "no {phase} line in {stderr}"
        );
    }
    // The slowest rules are listed; which ones depends on the machine's load.
    let rule_line = stderr.lines().any(|line| {
        line.split_whitespace().any(|word| {
            word.len() == 5
                && word.starts_with("AL")
                && word[2..].bytes().all(|b| b.is_ascii_digit())
        })
    });
    assert!(rule_line, "no per-rule line in {stderr}");
    assert!(stderr.contains(".env"), "no per-file line in {stderr}");
}

/// A file in an agent's folder that no reader places is named in the summary, not dropped in
/// silence; a file of a known kind is not.
#[test]
fn unknown_files_in_agent_folders_are_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let kiro = dir.path().join(".kiro");
    std::fs::create_dir_all(kiro.join("steering")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(kiro.join("hooks.cfg"), "x=1\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(kiro.join("steering/ops.md"), "# Ops\n").unwrap_or_else(|e| panic!("{e}"));
    let out = run(["check", &dir.path().to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("1 file(s) in agents' folders not read") && all.contains("hooks.cfg"),
        "{all}"
    );
    assert!(!all.contains("steering/ops.md"), "{all}");
}

/// However the paths are written, and from wherever it is run, a project gets one answer: the
/// configuration is found upward (as ruff and git do) and environment evidence is read from the
/// path relative to the project root.
#[test]
fn answers_do_not_depend_on_how_paths_are_named() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(root)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    };
    std::fs::create_dir_all(root.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    write(
        "infra/prod/db.tf",
        "resource \"aws_db_instance\" \"main\" {\n  engine = \"postgres\"\n}\n",
    );
    let answer = |cwd: &std::path::Path, path: &str| {
        let out = Command::cargo_bin("agentlint")
            .unwrap_or_else(|e| panic!("binary: {e}"))
            .current_dir(cwd)
            .args(["check", path, "--format", "json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<(String, String)> = json["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or("").to_string(),
                    f["environment"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        (out.status.code(), found)
    };
    let expected = (
        Some(1),
        vec![("AL401".to_string(), "production".to_string())],
    );
    assert_eq!(answer(root, "."), expected, "check .");
    assert_eq!(answer(root, "infra"), expected, "check infra");
    assert_eq!(
        answer(root, "infra/prod/db.tf"),
        expected,
        "check infra/prod/db.tf"
    );
    assert_eq!(
        answer(&root.join("infra/prod"), "."),
        expected,
        "check . from infra/prod"
    );
    assert_eq!(
        answer(&root.join("infra"), "prod/db.tf"),
        expected,
        "check prod/db.tf from infra"
    );
    // The root's configuration applies from a subdirectory too.
    write("agentlint.toml", "ignore = [\"AL401\"]\n");
    assert_eq!(
        answer(&root.join("infra"), "prod"),
        (Some(0), Vec::new()),
        "configuration found upward"
    );
    assert_eq!(
        answer(root, "infra/prod/db.tf"),
        (Some(0), Vec::new()),
        "configuration for a named file"
    );
}

/// A run that reads no file says so, instead of a silent "no findings".
#[test]
fn a_run_that_reads_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("logo.png"), "not text agentlint reads")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = agentlint()
        .args(["check"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no file agentlint reads was found"),
        "{stderr}"
    );
}
