//! `check --fix` on every rule that offers fixes: its firing fixture is copied, the proposed diff is
//! snapshotted, the fix is applied, and then: the fixed findings are gone, a second `--fix` changes
//! nothing, every file still parses as well as before, and the bytes outside the edits the JSON
//! announced are unchanged (the written files equal the original with exactly those edits).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use crate::common;

/// Rules with fixes, by fixture name.
const FIXABLE: &[&str] = &[
    "database-without-deletion-protection",
    "bucket-force-destroy",
    "backups-die-with-database",
    "backups-deletable-with-data",
    "agent-acts-without-confirmation",
    "destructive-command-without-gate",
    "unpinned-mcp-server",
    "mcp-server-with-write-access",
];

fn agentlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("agentlint").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn json(dir: &Path, extra: &[&str]) -> Value {
    let out = agentlint(dir)
        .args(["check", ".", "--format", "json"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// Byte offset of a 1-based line and character column.
fn offset(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

/// One pass by hand: read the fixes from the JSON, take those whose edits meet no edit already
/// taken (the same rule as agentlint's), and write them. Returns whether anything was written.
fn apply_announced_edits(dir: &Path, fixed: &mut Vec<(Value, Value)>) -> bool {
    let report = json(dir, &["--unsafe-fixes"]);
    // (file, start, end, replacement), offsets in the current texts.
    let mut taken: Vec<(PathBuf, usize, usize, String)> = Vec::new();
    for finding in report["findings"].as_array().into_iter().flatten() {
        let Some(fix) = finding["fix"].as_object() else {
            continue;
        };
        let mut edits = Vec::new();
        for edit in fix["edits"].as_array().into_iter().flatten() {
            let path = dir.join(edit["path"].as_str().unwrap_or(""));
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let at = |l: &str, c: &str| {
                offset(
                    &text,
                    edit[l].as_u64().unwrap_or(0),
                    edit[c].as_u64().unwrap_or(0),
                )
            };
            let replacement = edit["replacement"].as_str().unwrap_or("").to_string();
            edits.push((
                path,
                at("line", "column"),
                at("end_line", "end_column"),
                replacement,
            ));
        }
        let clashes = edits.iter().any(|(p, s, e, _)| {
            taken
                .iter()
                .any(|(q, s2, e2, _)| p == q && ((s < e2 && s2 < e) || s == s2))
        });
        if clashes {
            continue;
        }
        fixed.push((finding["rule"].clone(), finding["key"].clone()));
        taken.extend(edits);
    }
    if taken.is_empty() {
        return false;
    }
    taken.sort_by_key(|e| std::cmp::Reverse(e.1));
    for (path, start, end, replacement) in &taken {
        let mut text = std::fs::read_to_string(path).unwrap_or_default();
        text.replace_range(*start..*end, replacement);
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    true
}

#[test]
fn fixes_apply_cleanly_once_and_change_nothing_else() {
    for name in FIXABLE {
        let fixture = common::root()
            .join("test-data/rules")
            .join(name)
            .join("fires");
        let (tmp, dir) = common::fixture_repo(&format!("test-data/rules/{name}/fires"));

        // The diff, snapshotted: what --fix would write, safe and unsafe.
        let diff = agentlint(&dir)
            .args(["check", ".", "--diff", "--unsafe-fixes"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            diff.status.code(),
            Some(1),
            "{name}: a fixture with fixes diffs"
        );
        insta::assert_snapshot!(format!("fix-{name}"), String::from_utf8_lossy(&diff.stdout));

        // The edits the JSON announces, applied by this test pass after pass (a fix whose edit
        // meets one already taken waits for the next pass, as agentlint does), give exactly what
        // --fix writes to a second copy: nothing outside the announced edits changes.
        let by_hand = tmp.path().join("by-hand");
        common::copy_dir(&fixture, &by_hand);
        std::fs::create_dir_all(by_hand.join(".git")).unwrap_or_else(|e| panic!("{e}"));
        let mut fixed_rules = Vec::new();
        for _ in 0..10 {
            if !apply_announced_edits(&by_hand, &mut fixed_rules) {
                break;
            }
        }
        assert!(!fixed_rules.is_empty(), "{name}: no finding carries a fix");
        let fix = agentlint(&dir)
            .args(["check", ".", "--fix", "--unsafe-fixes"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(
            fix.status.code(),
            Some(2),
            "{name}: {}",
            String::from_utf8_lossy(&fix.stderr)
        );
        for path in files(&by_hand) {
            let rel = path.strip_prefix(&by_hand).unwrap_or(&path);
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            let written = std::fs::read_to_string(dir.join(rel)).unwrap_or_default();
            assert_eq!(
                written,
                expected,
                "{name}: {} differs from its announced edits",
                rel.display()
            );
        }

        // `--diff` showed every file `--fix` changed (all passes, not only the first).
        let diffed: Vec<String> = String::from_utf8_lossy(&diff.stdout)
            .lines()
            .filter_map(|l| l.strip_prefix("+++ b/").map(str::to_string))
            .collect();
        let mut changed: Vec<String> = files(&fixture)
            .into_iter()
            .filter_map(|path| {
                let rel = path.strip_prefix(&fixture).ok()?.to_path_buf();
                let before = std::fs::read(&path).ok()?;
                let after = std::fs::read(dir.join(&rel)).ok()?;
                (before != after).then(|| rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        changed.sort();
        let mut diffed_sorted = diffed.clone();
        diffed_sorted.sort();
        assert_eq!(
            diffed_sorted, changed,
            "{name}: --diff and --fix disagree on the files"
        );

        // The fixed findings are gone, no parse problem appeared, and a second pass changes nothing.
        let after = json(&dir, &[]);
        for finding in after["findings"].as_array().into_iter().flatten() {
            let id = (finding["rule"].clone(), finding["key"].clone());
            assert!(
                !fixed_rules.contains(&id),
                "{name}: still reported after --fix: {finding}"
            );
            assert!(
                !finding["rule"].as_str().unwrap_or("").starts_with("AL90"),
                "{name}: a fixed file no longer parses: {finding}"
            );
        }
        let again = agentlint(&dir)
            .args(["check", ".", "--diff", "--unsafe-fixes"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            again.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&again.stdout)
        );
        assert!(again.stdout.is_empty());
    }
}

#[test]
fn unsafe_fixes_wait_for_the_flag_and_quiet_fixtures_have_none() {
    let fixture = common::root().join("test-data/rules/database-without-deletion-protection/fires");
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("repo");
    common::copy_dir(&fixture, &dir);
    let safe = agentlint(&dir)
        .args(["check", ".", "--diff"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&safe.stdout);
    // The shared module's resource is fixed only with --unsafe-fixes: every caller would get it.
    assert!(!text.contains("modules/db/main.tf"), "{text}");
    assert!(String::from_utf8_lossy(&safe.stderr).contains("with --unsafe-fixes"));
    for name in FIXABLE {
        let quiet = common::root()
            .join("test-data/rules")
            .join(name)
            .join("quiet");
        let out = agentlint(&quiet)
            .args(["check", ".", "--diff", "--unsafe-fixes"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
    }
}

#[test]
fn secrets_are_never_fixed_in_place() {
    // Rotating a secret is a human act: no fix rewrites or removes a secret's value.
    for name in [
        "exposed-secret",
        "overscoped-token",
        "shared-credential-across-environments",
    ] {
        let (_tmp, dir) = common::fixture_repo(&format!("test-data/rules/{name}/fires"));
        let report = json(&dir, &["--unsafe-fixes"]);
        let findings = report["findings"].as_array().cloned().unwrap_or_default();
        assert!(!findings.is_empty(), "{name}: the fixture fires");
        for finding in findings {
            let rule = finding["rule"].as_str().unwrap_or("");
            if matches!(rule, "AL101" | "AL102" | "AL201") {
                assert!(finding["fix"].is_null(), "{name}: {finding}");
            }
        }
    }
}
