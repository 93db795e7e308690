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
];

fn agentlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("agentlint").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
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

#[test]
fn fixes_apply_cleanly_once_and_change_nothing_else() {
    for name in FIXABLE {
        let fixture = common::root()
            .join("test-data/rules")
            .join(name)
            .join("fires");
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("repo");
        copy_dir(&fixture, &dir);
        std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));

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

        // The edits the JSON announces, applied by hand, give exactly what --fix writes.
        let before = json(&dir, &[]);
        let originals: Vec<(PathBuf, String)> = files(&dir)
            .into_iter()
            .filter(|p| !p.starts_with(dir.join(".git")))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                (p, text)
            })
            .collect();
        // (file, start, end, replacement) on the original texts, applied last to first.
        let mut edits: Vec<(PathBuf, usize, usize, String)> = Vec::new();
        let mut fixed_rules = Vec::new();
        for finding in before["findings"].as_array().into_iter().flatten() {
            let Some(fix) = finding["fix"].as_object() else {
                continue;
            };
            fixed_rules.push((finding["rule"].clone(), finding["key"].clone()));
            for edit in fix["edits"].as_array().into_iter().flatten() {
                let path = dir.join(edit["path"].as_str().unwrap_or(""));
                let Some((_, text)) = originals.iter().find(|(p, _)| *p == path) else {
                    panic!("{name}: edit of an unknown file {}", path.display());
                };
                let start = offset(
                    text,
                    edit["line"].as_u64().unwrap_or(0),
                    edit["column"].as_u64().unwrap_or(0),
                );
                let end = offset(
                    text,
                    edit["end_line"].as_u64().unwrap_or(0),
                    edit["end_column"].as_u64().unwrap_or(0),
                );
                let replacement = edit["replacement"].as_str().unwrap_or("").to_string();
                if !edits.contains(&(path.clone(), start, end, replacement.clone())) {
                    edits.push((path, start, end, replacement));
                }
            }
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.1));
        let mut expected = originals.clone();
        for (path, start, end, replacement) in &edits {
            if let Some((_, text)) = expected.iter_mut().find(|(p, _)| p == path) {
                text.replace_range(*start..*end, replacement);
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
        for (path, text) in &expected {
            let written = std::fs::read_to_string(path).unwrap_or_default();
            assert_eq!(
                &written,
                text,
                "{name}: {} differs from its announced edits",
                path.display()
            );
        }

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
    copy_dir(&fixture, &dir);
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
