//! Real headless Neovim (Debian's package; 0.7 or later) with the configuration in
//! `editors/neovim/`: it opens a fixture, its built-in LSP client starts `agentlint lsp`, and the
//! diagnostics and a hover it receives are written out and checked. `#[ignore]`d unless asked for
//! (see the test).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

fn ok<T, E: std::fmt::Debug>(result: Result<T, E>, what: &str) -> T {
    result.unwrap_or_else(|e| panic!("{what}: {e:?}"))
}

const KEY: &str = "sk_live_51NfQ2RkLp8XwT3vYcB7mZ4hJ9sD6gA1eK0uI5oP2";

/// Ignored in a plain `cargo test`, so that the summary says it did not run ("1 ignored")
/// instead of "ok" on a machine without Neovim; `.ci/run` installs Neovim and runs it with
/// `--ignored`, where a missing `nvim` is a failure, not a skip.
#[test]
#[ignore = "needs nvim; .ci/run installs it and runs: cargo test --test suite neovim -- --ignored"]
fn neovim_shows_the_diagnostics() {
    if let Err(err) = Command::new("nvim").arg("--version").output() {
        panic!("nvim is not installed (apt-get install -y neovim): {err}");
    }
    let dir = ok(tempfile::tempdir(), "tempdir");
    let root = ok(dir.path().canonicalize(), "canonicalize");
    ok(std::fs::create_dir(root.join(".git")), "mkdir .git");
    ok(
        std::fs::write(
            root.join(".env.production"),
            format!("NODE_ENV=production\nSTRIPE_SECRET_KEY={KEY}\n"),
        ),
        "write production",
    );
    let staging = root.join(".env.staging");
    ok(
        std::fs::write(&staging, format!("# café ☕\nSTRIPE_KEY_😀_É={KEY}\n")),
        "write staging",
    );
    let out = root.join("result.json");
    let init = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("editors/neovim/test/init.lua");
    let started = Instant::now();
    let mut child = ok(
        Command::new("nvim")
            .args(["--headless", "--clean", "-u"])
            .arg(&init)
            .arg(&staging)
            .current_dir(&root)
            .env("AGENTLINT_BIN", env!("CARGO_BIN_EXE_agentlint"))
            .env("AGENTLINT_OUT", &out)
            .spawn(),
        "spawn nvim",
    );
    loop {
        if ok(child.try_wait(), "wait").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = ok(std::fs::read_to_string(&out), "nvim wrote no result");
    let result: Value = ok(serde_json::from_str(&text), "result JSON");
    assert_eq!(result["ok"], true, "no diagnostics arrived: {result}");
    let diagnostics = result["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let find = |rule: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == rule)
            .cloned()
            .unwrap_or_else(|| panic!("no {rule} in {result}"))
    };
    let secret = find("AL101");
    assert_eq!(secret["source"], "agentlint");
    assert_eq!(secret["lnum"], 1);
    // Neovim turns the server's UTF-16 column (16) into a byte column: `STRIPE_KEY_` (11) +
    // 😀 (4 bytes) + `_É=` (4 bytes) = 19.
    assert_eq!(secret["col"], 19, "{secret}");
    assert_eq!(secret["end_col"], 19 + KEY.len(), "{secret}");
    // The cross-file finding: the same key is in the production file, which is not open.
    let shared = find("AL201");
    assert!(
        shared["message"]
            .as_str()
            .is_some_and(|m| m.contains("production")),
        "{shared}"
    );
    assert!(
        !text.contains(KEY),
        "a raw secret reached the editor: {text}"
    );
    let hover = result["hover"].as_str().unwrap_or_default();
    assert!(
        hover.contains("AL101") || hover.contains("AL201"),
        "{hover}"
    );
}
