//! `agentlint inventory`: the perimeter page answers the incident's questions, never prints a
//! secret whole, and is the same page every time.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;

const POCKETOS: &str = "test-data/scenarios/pocketos";

fn agentlint() -> Command {
    let mut cmd = Command::cargo_bin("agentlint").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(common::root()).env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = agentlint()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn markdown_answers_every_question_with_a_graph() {
    let (code, page) = run(&["inventory", POCKETOS]);
    assert_eq!(code, Some(0));
    for heading in [
        "# Permission perimeter",
        "## Where do the tokens live, and what can each one do?",
        "## If production is deleted right now, do the backups survive?",
        "## Which destructive operations run without a human confirming?",
        "## Does staging hold credentials that can touch production?",
    ] {
        assert!(page.contains(heading), "missing `{heading}`:\n{page}");
    }
    assert_eq!(page.matches("**Verdict:**").count(), 4, "{page}");
    assert!(page.contains("```mermaid\nflowchart LR\n"), "{page}");
    // The incident's chain, in one page: the domain token reaches every environment, it is used
    // by the script and the CI job, the backups die with the data, staging reaches production.
    assert!(
        page.contains("C3 -->|\"account-wide\"| env_every")
            || page.contains("C3 ==>|\"account-wide\"| env_every"),
        "{page}"
    );
    assert!(page.contains("`$RAILWAY_API_TOKEN` in script"), "{page}");
    assert!(
        page.contains("`secrets.RAILWAY_API_TOKEN` in CI job `delete-volume`"),
        "{page}"
    );
    assert!(
        page.contains("No: 2 of 2 backups die with the data they protect."),
        "{page}"
    );
    assert!(
        page.contains("❌ Yes: 2 secrets shared with production (AL201)"),
        "{page}"
    );
    assert!(
        page.contains("| CI job `delete-volume` (on workflow_dispatch) | railway volume delete |"),
        "{page}"
    );
}

#[test]
fn no_secret_is_printed_whole() {
    let outcome = common::lint_relative(POCKETOS);
    let secrets = common::raw_secrets(&outcome);
    assert!(secrets.len() >= 3);
    for format in ["markdown", "json"] {
        let (_, text) = run(&["inventory", POCKETOS, "--format", format]);
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{format} prints a secret whole"
            );
        }
    }
}

#[test]
fn json_has_a_stable_shape() {
    let (code, text) = run(&["inventory", POCKETOS, "--format", "json"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(doc["version"], 1);
    let credentials = doc["credentials"].as_array().cloned().unwrap_or_default();
    assert_eq!(credentials.len(), 3);
    for c in &credentials {
        for key in [
            "id",
            "fingerprint",
            "redacted",
            "provider",
            "kind",
            "scope",
            "can",
            "defined",
            "used",
            "reaches",
            "environments",
            "findings",
        ] {
            assert!(c.get(key).is_some(), "credential without `{key}`: {c}");
        }
        assert_eq!(c["fingerprint"].as_str().map(str::len), Some(8));
        assert!(c["redacted"].as_str().is_some_and(|r| r.contains("chars)")));
        for d in c["defined"].as_array().cloned().unwrap_or_default() {
            assert!(d["path"].is_string() && d["line"].as_u64().is_some_and(|l| l >= 1));
        }
    }
    // The same Stripe key in two files is one credential with two definitions.
    let stripe = credentials
        .iter()
        .find(|c| c["provider"] == "Stripe")
        .cloned()
        .unwrap_or_default();
    assert_eq!(stripe["defined"].as_array().map(Vec::len), Some(2));
    assert_eq!(stripe["mode"], "live");
    assert!(stripe["reaches"]
        .as_array()
        .is_some_and(|r| r.contains(&Value::from("production"))));
    let ids: Vec<&str> = doc["answers"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["tokens", "backups", "unconfirmed", "staging-reach"]);
    assert!(doc["answers"]
        .as_array()
        .is_some_and(|a| a.iter().all(|x| x["ok"] == false)));
    for cap in doc["capabilities"].as_array().cloned().unwrap_or_default() {
        for key in ["actor", "who", "what", "gate", "gated", "path", "line"] {
            assert!(cap.get(key).is_some(), "capability without `{key}`: {cap}");
        }
    }
    let backups = doc["backups"].as_array().cloned().unwrap_or_default();
    assert!(backups
        .iter()
        .any(|b| b["kind"] == "rds-automated" && b["survives"] == false));
    assert!(backups
        .iter()
        .any(|b| b["kind"] == "compose-service" && b["survives"] == false));
    let edges = doc["reach"].as_array().cloned().unwrap_or_default();
    assert!(edges.iter().all(|e| e["credential"].is_string()
        && e["environment"].is_string()
        && e["why"].is_string()));
}

#[test]
fn output_is_deterministic() {
    for format in ["markdown", "json"] {
        let (_, first) = run(&["inventory", POCKETOS, "--format", format]);
        let (_, second) = run(&["inventory", POCKETOS, "--format", format]);
        assert_eq!(first, second, "{format} differs between runs");
    }
}

#[test]
fn a_gated_repository_gets_better_verdicts() {
    let (code, text) = run(&["inventory", "test-data/scenarios/clean", "--format", "json"]);
    assert_eq!(code, Some(0));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let answer = |id: &str| {
        doc["answers"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == id).cloned())
            .unwrap_or_default()
    };
    // The clean scenario has no staging place: nothing to judge, and never a "No".
    let staging = answer("staging-reach");
    assert!(
        staging["ok"] == true || staging["judged"] == false,
        "{text}"
    );
    assert_eq!(answer("tokens")["ok"], true, "{text}");
    assert_eq!(answer("unconfirmed")["ok"], true, "{text}");
}

#[test]
fn bad_paths_and_configuration_exit_2() {
    let (code, _) = run(&["inventory", "no/such/path"]);
    assert_eq!(code, Some(2));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("agentlint.toml"), "colour = true\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = agentlint()
        .arg("inventory")
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}

/// Write `files` into a temporary repository and return its inventory as JSON.
fn inventory_of(files: &[(&str, &str)]) -> Value {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (path, text) in files {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = agentlint()
        .arg("inventory")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

const BACKED_UP: &str = r#"
resource "aws_db_instance" "main" {
  deletion_protection      = true
  backup_retention_period  = 14
  skip_final_snapshot      = false
  delete_automated_backups = false
}
resource "aws_backup_vault" "vault" {
  name = "prod-vault"
}
resource "aws_backup_vault_lock_configuration" "lock" {
  backup_vault_name = aws_backup_vault.vault.name
}
resource "aws_s3_bucket_versioning" "dumps" {
  bucket = aws_s3_bucket.dumps.id
  versioning_configuration {
    status = "Enabled"
  }
}
"#;

#[test]
fn backups_that_survive_are_recognised() {
    let doc = inventory_of(&[
        ("envs/prod/db.tf", BACKED_UP),
        (
            "scripts/dump.sh",
            "#!/bin/sh\npg_dump -h db app | aws s3 cp - s3://offsite/app.sql\n",
        ),
    ]);
    let backups = doc["backups"].as_array().cloned().unwrap_or_default();
    let kinds: Vec<&str> = backups.iter().filter_map(|b| b["kind"].as_str()).collect();
    for kind in ["rds-automated", "backup-vault", "s3-versioning", "dump"] {
        assert!(kinds.contains(&kind), "{kind} missing: {kinds:?}");
    }
    assert!(backups.iter().all(|b| b["survives"] == true), "{backups:?}");
    let vault = backups
        .iter()
        .find(|b| b["kind"] == "backup-vault")
        .cloned()
        .unwrap_or_default();
    assert!(
        vault["blast_radius"]
            .as_str()
            .is_some_and(|t| t.starts_with("vault lock")),
        "{vault}"
    );
    let answer = doc["answers"][1].clone();
    assert_eq!(answer["id"], "backups");
    assert_eq!(answer["ok"], true, "{answer}");
}

#[test]
fn a_database_without_backups_is_a_no_and_no_database_is_not_judged() {
    let doc = inventory_of(&[(
        "envs/prod/db.tf",
        "resource \"aws_db_instance\" \"main\" {\n  backup_retention_period = 0\n}\n",
    )]);
    assert_eq!(doc["answers"][1]["ok"], false, "{}", doc["answers"][1]);
    // Nothing to judge is not a ✅: the page says the question could not be answered.
    let doc = inventory_of(&[("README.md", "# nothing here\n")]);
    assert_eq!(doc["answers"][1]["judged"], false, "{}", doc["answers"][1]);
}

#[test]
fn per_path_ignores_leave_fixtures_off_the_page() {
    let token = "RAILWAY_API_TOKEN=4f8e2a1c-9b7d-4e3f-a6c5-1d2e3f4a5b6c\n";
    let doc = inventory_of(&[("fixtures/.env", token)]);
    assert_eq!(doc["credentials"].as_array().map(Vec::len), Some(1));
    let doc = inventory_of(&[
        ("fixtures/.env", token),
        (
            "agentlint.toml",
            "[per-path-ignores]\n\"fixtures/**\" = [\"exposed-secret\"]\n",
        ),
    ]);
    assert_eq!(
        doc["credentials"].as_array().map(Vec::len),
        Some(0),
        "{doc}"
    );
}

/// The inventory and `check` read the same tree the same way: what `check` reports as a
/// destructive capability is listed, a bucket `force_destroy` empties is not a backup that
/// survives, a token CI receives by name is listed, and an empty tree is not judged.
#[test]
fn inventory_agrees_with_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(root)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    };
    let inventory = |path: &std::path::Path| -> Value {
        let out = agentlint()
            .args(["inventory", "--format", "json"])
            .arg(path)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
    };
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc = inventory(empty.path());
    for answer in doc["answers"].as_array().into_iter().flatten() {
        assert_eq!(answer["judged"], false, "{answer}");
        assert_eq!(answer["ok"], false, "never a ✅ without evidence: {answer}");
    }
    write(
        "envs/prod/backups.tf",
        "resource \"aws_s3_bucket\" \"db_backups\" {\n  bucket        = \"shop-prod-db-backups\"\n  force_destroy = true\n  versioning {\n    enabled = true\n  }\n}\n",
    );
    write(
        ".github/workflows/deploy.yml",
        "name: deploy\non: push\njobs:\n  deploy-production:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          RAILWAY_TOKEN: ${{ secrets.RAILWAY_TOKEN }}\n",
    );
    write(
        ".mcp.json",
        "{\"mcpServers\": {\"db\": {\"command\": \"npx\", \"args\": [\"-y\", \"@bytebase/dbhub@0.11.0\", \"--dsn\", \"postgres://app@prod-db.internal:5432/app\"]}}}\n",
    );
    let doc = inventory(root);
    let backups = doc["backups"].as_array().cloned().unwrap_or_default();
    let versions = backups
        .iter()
        .find(|b| b["name"] == "aws_s3_bucket.db_backups")
        .unwrap_or_else(|| panic!("bucket versions not listed: {backups:?}"));
    assert_eq!(versions["survives"], false, "{versions}");
    let stored = doc["stored_secrets"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        stored.iter().any(|s| s["name"] == "RAILWAY_TOKEN"),
        "{stored:?}"
    );
    let check = agentlint()
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let check: Value = serde_json::from_slice(&check.stdout).unwrap_or_else(|e| panic!("{e}"));
    let capabilities = doc["capabilities"].as_array().cloned().unwrap_or_default();
    for finding in check["findings"].as_array().into_iter().flatten() {
        if finding["rule"] == "AL304" {
            assert!(
                capabilities
                    .iter()
                    .any(|c| c["line"] == finding["line"] && c["rule"] == "AL304"),
                "AL304 at line {} missing from capabilities: {capabilities:?}",
                finding["line"]
            );
        }
    }
}
