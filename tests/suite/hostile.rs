//! Hostile input: the run must finish quickly, never panic, and report `parse-error` where files
//! are broken, while still linting what it can read.

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

#[cfg(unix)]
fn add_special_files(dir: &Path) {
    use std::os::unix::fs::symlink;
    // A FIFO: opening it for reading would block forever.
    let fifo = dir.join(".env.fifo");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(status.is_ok_and(|s| s.success()), "mkfifo");
    // A symlink loop, a dangling link, and a link out of the root.
    std::fs::create_dir_all(dir.join("loop")).unwrap_or_else(|e| panic!("{e}"));
    let _ = symlink("..", dir.join("loop/up"));
    let _ = symlink("does-not-exist/.env", dir.join(".env.dangling"));
    let _ = symlink("/etc/passwd", dir.join(".env.outside"));
    // An unreadable file (root ignores permissions, so this only bites as a normal user).
    let locked = dir.join(".env.locked");
    std::fs::write(&locked, "K=v\n").unwrap_or_else(|e| panic!("{e}"));
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000));
}

fn add_generated_files(dir: &Path) {
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.join(".vscode-mcp.json"), &deep_json).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join(".vscode")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join(".vscode/mcp.json"), "{\"servers\":".repeat(50_000))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("deep.tf"), format!("x = {}", "[".repeat(100_000)))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join(".github/workflows/deep.yml"),
        format!("on: push\njobs: {}", "[".repeat(100_000)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut many = String::new();
    for i in 0..60_000 {
        many.push_str(&format!(
            "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"b{i}\"\n}}\n"
        ));
    }
    std::fs::write(dir.join("many.tf"), many).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("CLAUDE.md"),
        format!("# x\n{}\n", "a".repeat(3_000_000)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("huge.tfvars"), "x".repeat(5 * 1024 * 1024))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn hostile_repository_is_checked_in_seconds() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let repo = dir.path().join("hostile");
    common::copy_dir(&common::root().join("test-data/hostile"), &repo);
    #[cfg(unix)]
    add_special_files(&repo);
    add_generated_files(&repo);

    let started = Instant::now();
    let outcome = common::lint(&repo);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");

    let parse_errors: Vec<String> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.id == "AL901")
        .map(|f| outcome.workspace.file(f.primary.file).source.path.clone())
        .collect();
    for broken in [
        ".github/workflows/broken.yml",
        ".mcp.json",
        "infra/main.tf",
        ".codex/config.toml",
        ".env",
        ".cursor/rules/broken.mdc",
        "deep.tf",
    ] {
        assert!(
            parse_errors.iter().any(|p| p.ends_with(broken)),
            "no parse-error for {broken}; got {parse_errors:?}"
        );
    }
    let skipped: Vec<String> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.id == "AL902")
        .map(|f| outcome.workspace.file(f.primary.file).source.path.clone())
        .collect();
    assert!(
        skipped.iter().any(|p| p.ends_with(".env.production")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|p| p.ends_with("huge.tfvars")),
        "{skipped:?}"
    );
    // Nothing outside the root was read.
    assert!(!outcome
        .workspace
        .files
        .iter()
        .any(|f| f.source.text.contains("root:x:0")));
    // Every span of every finding lies inside its file, on character boundaries.
    for f in &outcome.findings {
        for label in std::iter::once(&f.primary).chain(&f.related) {
            let text = &outcome.workspace.file(label.file).source.text;
            assert!(label.span.end <= text.len() && label.span.start <= label.span.end);
            assert!(
                text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end)
            );
        }
    }
    // All output formats render without panicking.
    let _ = agentlint::render::human::render_plain(&outcome.workspace, &outcome.findings);
    let _ = agentlint::render::json::render(&outcome.workspace, &outcome.findings);
    let _ = agentlint::render::sarif::render(&outcome.workspace, &outcome.findings);
}

#[test]
fn linting_twice_gives_the_same_findings_in_the_same_order() {
    let first = common::lint_relative("test-data/scenarios/pocketos");
    let second = common::lint_relative("test-data/scenarios/pocketos");
    let render = |o: &agentlint::pipeline::Outcome| {
        agentlint::render::json::render(&o.workspace, &o.findings)
    };
    assert_eq!(render(&first), render(&second));
}
