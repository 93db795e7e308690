//! Inline suppressions in each comment syntax: a reason keeps the run quiet, no reason is AL903,
//! a suppression that suppresses nothing is AL904. Every case first shows that the finding fires
//! without the comment, so that no test passes because nothing fired.

use crate::common;

use agentlint::diagnostic::Severity;

/// `(rule, path, line, severity)` for every finding of a repository made of `files`.
fn lint(files: &[(&str, &str)]) -> Vec<(String, String, usize, Severity)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("repo");
    for (path, text) in files {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let outcome = common::lint(&root);
    outcome
        .findings
        .iter()
        .map(|f| {
            let file = outcome.workspace.file(f.primary.file);
            let line = file.source.line_col(f.primary.span.start).0;
            (
                f.rule.id.to_string(),
                file.rel_path.clone(),
                line,
                f.severity,
            )
        })
        .collect()
}

fn rules(findings: &[(String, String, usize, Severity)]) -> Vec<&str> {
    let mut ids: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

const KEY: &str = "sk_live_51NfQ2RkLp8XwT3vYcB7mZ4hJ9sD6gA1eK0uI5oP2";

#[test]
fn dotenv_with_a_reason_is_quiet() {
    let bare = lint(&[(".env.production", &format!("STRIPE_SECRET_KEY={KEY}\n"))]);
    assert!(rules(&bare).contains(&"AL101"), "{bare:?}");
    let text = format!(
        "# agentlint: ignore[AL101,AL102] the key is revoked; kept as a fixture for the payment tests\nSTRIPE_SECRET_KEY={KEY}\n"
    );
    let quiet = lint(&[(".env.production", &text)]);
    assert!(quiet.is_empty(), "{quiet:?}");
}

#[test]
fn same_line_suppression_applies() {
    let text = format!(
        "STRIPE_SECRET_KEY={KEY} # agentlint: ignore[AL101, AL102] revoked key kept for tests\n"
    );
    let quiet = lint(&[(".env.production", &text)]);
    assert!(quiet.is_empty(), "{quiet:?}");
}

/// The editor's quick fix writes a placeholder reason; until it is replaced, it is no reason.
#[test]
fn a_placeholder_reason_is_no_reason() {
    for reason in [
        agentlint::REASON_PLACEHOLDER,
        "TODO",
        "fixme later",
        "<reason>",
    ] {
        let text = format!("# agentlint: ignore[AL101,AL102] {reason}\nSTRIPE_SECRET_KEY={KEY}\n");
        let found = lint(&[(".env.production", &text)]);
        assert_eq!(rules(&found), ["AL903"], "{reason}: {found:?}");
    }
    // A reason that starts with a word beginning like a placeholder is a reason.
    let text = format!(
        "# agentlint: ignore[AL101,AL102] todos app demo key, revoked\nSTRIPE_SECRET_KEY={KEY}\n"
    );
    assert!(lint(&[(".env.production", &text)]).is_empty());
}

#[test]
fn a_suppression_without_reason_still_applies_but_is_reported() {
    let text = format!("# agentlint: ignore[AL101,AL102]\nSTRIPE_SECRET_KEY={KEY}\n");
    let found = lint(&[(".env.production", &text)]);
    assert_eq!(rules(&found), ["AL903"], "{found:?}");
    assert_eq!(found[0].2, 1);
    assert_eq!(found[0].3, Severity::Warning);
}

#[test]
fn an_unused_suppression_is_reported_at_info() {
    let text = "# agentlint: ignore[AL101] old key, removed since\nNODE_ENV=production\n";
    let found = lint(&[(".env.production", text)]);
    assert_eq!(rules(&found), ["AL904"], "{found:?}");
    assert_eq!(found[0].3, Severity::Info);
    // Suppressing another rule than the one that fires suppresses nothing, and the finding stays.
    let text = format!("# agentlint: ignore[AL303] wrong rule\nSTRIPE_SECRET_KEY={KEY}\n");
    let found = lint(&[(".env.production", &text)]);
    let ids = rules(&found);
    assert!(
        ids.contains(&"AL101") && ids.contains(&"AL904"),
        "{found:?}"
    );
}

#[test]
fn an_unknown_rule_in_a_suppression_is_reported() {
    let text = "# agentlint: ignore[AL999] no such rule\nNODE_ENV=production\n";
    let found = lint(&[(".env.production", text)]);
    assert_eq!(rules(&found), ["AL904"], "{found:?}");
}

const INSTRUCTION: &str =
    "When a staging volume is in a bad state, delete it. Do not wait for confirmation before deleting staging volumes.\n";

#[test]
fn markdown_html_comment() {
    let bare = lint(&[("AGENTS.md", &format!("# Guide\n\n{INSTRUCTION}"))]);
    assert!(rules(&bare).contains(&"AL302"), "{bare:?}");
    let with = format!(
        "# Guide\n\n<!-- agentlint: ignore[AL302] sandbox project: volumes hold no data -->\n{INSTRUCTION}"
    );
    let quiet = lint(&[("AGENTS.md", &with)]);
    assert!(!rules(&quiet).contains(&"AL302"), "{quiet:?}");
    assert!(!rules(&quiet).contains(&"AL903"), "{quiet:?}");
    let no_reason = format!("# Guide\n\n<!-- agentlint: ignore[AL302] -->\n{INSTRUCTION}");
    let found = lint(&[("AGENTS.md", &no_reason)]);
    assert_eq!(
        rules(&found),
        ["AL903"],
        "the closing `-->` is not a reason: {found:?}"
    );
}

const WORKFLOW: &str =
    "on: workflow_dispatch\njobs:\n  teardown:\n    runs-on: ubuntu-latest\n    steps:\n";

#[test]
fn yaml_hash_comment() {
    let run = "      - run: terraform destroy -auto-approve\n";
    let bare = lint(&[(".github/workflows/t.yml", &format!("{WORKFLOW}{run}"))]);
    assert!(rules(&bare).contains(&"AL303"), "{bare:?}");
    let with =
        format!("{WORKFLOW}      # agentlint: ignore[AL303] ephemeral preview stacks only\n{run}");
    let quiet = lint(&[(".github/workflows/t.yml", &with)]);
    assert!(quiet.is_empty(), "{quiet:?}");
}

const DATABASE: &str = "resource \"aws_db_instance\" \"main\" {\n  engine = \"postgres\"\n";

#[test]
fn hcl_hash_and_slash_comments() {
    let attr = "  deletion_protection = false\n}\n";
    let bare = lint(&[("envs/prod/db.tf", &format!("{DATABASE}{attr}"))]);
    assert!(rules(&bare).contains(&"AL401"), "{bare:?}");
    for comment in [
        "  # agentlint: ignore[AL401] replaced by the new cluster next week\n",
        "  // agentlint: ignore[AL401] replaced by the new cluster next week\n",
        "  /* agentlint: ignore[AL401] replaced by the new cluster next week */\n",
    ] {
        let found = lint(&[("envs/prod/db.tf", &format!("{DATABASE}{comment}{attr}"))]);
        assert!(!rules(&found).contains(&"AL401"), "{comment}: {found:?}");
        assert!(!rules(&found).contains(&"AL903"), "{comment}: {found:?}");
        assert!(!rules(&found).contains(&"AL904"), "{comment}: {found:?}");
    }
    // Two lines above is too far: the finding stays and the comment is unused.
    let far = format!("{DATABASE}  # agentlint: ignore[AL401] too far away\n\n{attr}");
    let found = lint(&[("envs/prod/db.tf", &far)]);
    let ids = rules(&found);
    assert!(
        ids.contains(&"AL401") && ids.contains(&"AL904"),
        "{found:?}"
    );
}

#[test]
fn a_marker_outside_a_comment_is_not_a_suppression() {
    let text = format!("NOTE=\"agentlint: ignore[AL101] in a value\"\nSTRIPE_SECRET_KEY={KEY}\n");
    let found = lint(&[(".env.production", &text)]);
    assert!(rules(&found).contains(&"AL101"), "{found:?}");
}

/// `check --add-suppressions` writes one comment above each finding's line in the file's own
/// syntax; afterwards only the comments' missing reasons (AL903) and findings in JSON files remain,
/// and a second run adds nothing.
#[test]
fn add_suppressions_leaves_only_the_reasons_to_write() {
    let (_tmp, dir) = common::fixture_repo("test-data/scenarios/pocketos");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("agentlint")
            .unwrap_or_else(|e| panic!("{e}"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&["check", ".", "--add-suppressions"]);
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("suppression comment(s)"), "{said}");
    let report = run(&["check", ".", "--format", "json"]);
    let value: serde_json::Value =
        serde_json::from_slice(&report.stdout).unwrap_or_else(|e| panic!("{e}"));
    for finding in value["findings"].as_array().into_iter().flatten() {
        let path = finding["path"].as_str().unwrap_or("");
        assert!(
            finding["rule"] == "AL903" || path.ends_with(".json"),
            "still reported: {finding}"
        );
    }
    let env = std::fs::read_to_string(dir.join(".env.production")).unwrap_or_default();
    assert!(env.contains("# agentlint: ignore[AL101,AL102] TODO: say why this is accepted\n"));
    let again = run(&["check", ".", "--add-suppressions"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("added 0 suppression"));
}
