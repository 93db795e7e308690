//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use agentlint::config::Config;
use agentlint::pipeline::{self, Outcome, Overrides};

/// The crate root: every test runs with paths relative to it, so output paths are stable.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lint a directory with the default configuration (or its own agentlint.toml).
pub fn lint(dir: &Path) -> Outcome {
    let config_path = dir.join("agentlint.toml");
    let config = if config_path.is_file() {
        let text = std::fs::read_to_string(&config_path).unwrap_or_default();
        Config::parse(&text)
            .unwrap_or_else(|e| panic!("bad config {}: {}", config_path.display(), e.message))
    } else {
        Config::default()
    };
    pipeline::run(&[dir.to_path_buf()], &config, &Overrides::default())
}

/// Lint a path given relative to the crate root, so that output paths are relative too.
pub fn lint_relative(rel: &str) -> Outcome {
    std::env::set_current_dir(root()).unwrap_or_else(|e| panic!("chdir: {e}"));
    lint(Path::new(rel))
}

/// Every raw secret value the workspace found, for redaction checks.
pub fn raw_secrets(outcome: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    for file in &outcome.workspace.files {
        for credential in &file.facts.credentials {
            let value = credential.span.slice(&file.source.text);
            if value.chars().count() >= 8 {
                out.push(value.to_string());
            }
        }
    }
    out
}

/// Every Rust source file below `dir`, in a stable order.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A copy of a directory tree (regular files and folders; links and special files are skipped).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap_or_else(|e| panic!("{e}"));
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// A fixture (`rel`, from the crate root) copied into a temporary repository (`…/repo`, with a
/// `.git` folder so its root is found there), for tests that write: fixes, caches, suppressions.
pub fn fixture_repo(rel: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("repo");
    copy_dir(&root().join(rel), &dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    (tmp, dir)
}
