//! Hostile repositories, case by case: BOM and CRLF in every format, Latin-1 bytes, deep nesting
//! on a small stack, pathological multi-megabyte files, permission-denied files and directories,
//! FIFOs and device files, symlinks out of the root, and many thousands of small files.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use agentlint::discover::Format;
use agentlint::pipeline::Outcome;
use agentlint::syntax::{spans, Syntax};

const TOKEN: &str = "ghp_AgLintHostileRepoQ7w3e5r8t1y4u6i9o0p";

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn paths_with(outcome: &Outcome, rule: &str) -> Vec<String> {
    outcome
        .findings
        .iter()
        .filter(|f| f.rule.id == rule)
        .map(|f| outcome.workspace.file(f.primary.file).source.path.clone())
        .collect()
}

fn assert_spans_fit(outcome: &Outcome) {
    for file in &outcome.workspace.files {
        let bad = spans::first_bad(&file.syntax, &file.source.text);
        assert_eq!(bad, None, "{}", file.source.path);
    }
    for f in &outcome.findings {
        for label in std::iter::once(&f.primary).chain(&f.related) {
            let text = &outcome.workspace.file(label.file).source.text;
            assert!(
                spans::fits(label.span, text),
                "{} {:?}",
                f.rule.id,
                label.span
            );
        }
    }
}

/// One small valid file per format, each holding the same token.
fn every_format() -> Vec<(&'static str, String)> {
    vec![
        (".env", format!("# staging\nexport GITHUB_TOKEN={TOKEN}\nOTHER=1\n")),
        (
            ".github/workflows/ci.yml",
            format!(
                "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GITHUB_TOKEN: {TOKEN}\n    steps:\n      - run: echo hi\n"
            ),
        ),
        (
            "main.tf",
            format!("provider \"github\" {{\n  token = \"{TOKEN}\"\n}}\n"),
        ),
        (
            "CLAUDE.md",
            format!("# Rules\n\nUse the token {TOKEN} to push.\n\n```sh\necho hi\n```\n"),
        ),
        (
            ".mcp.json",
            format!(
                "{{\n  \"mcpServers\": {{\n    \"gh\": {{\n      \"command\": \"gh-mcp\",\n      \"env\": {{ \"GITHUB_TOKEN\": \"{TOKEN}\" }}\n    }}\n  }}\n}}\n"
            ),
        ),
        (
            ".codex/config.toml",
            format!("model = \"o3\"\n[mcp_servers.gh]\ncommand = \"gh-mcp\"\nenv = {{ GITHUB_TOKEN = \"{TOKEN}\" }}\n"),
        ),
        (
            "scripts/deploy.sh",
            format!("#!/bin/sh\nexport GITHUB_TOKEN={TOKEN}\ngh release list\n"),
        ),
    ]
}

#[test]
fn bom_and_crlf_in_every_format_parse_cleanly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (rel, text) in every_format() {
        let crlf = text.replace('\n', "\r\n");
        write(dir.path(), rel, format!("\u{feff}{crlf}"));
    }
    let outcome = common::lint(dir.path());
    assert_spans_fit(&outcome);
    let parse_errors = paths_with(&outcome, "AL901");
    assert!(parse_errors.is_empty(), "parse errors: {parse_errors:?}");
    let secrets = paths_with(&outcome, "AL101");
    for (rel, _) in every_format() {
        assert!(
            secrets.iter().any(|p| p.ends_with(rel)),
            "no exposed-secret in {rel} with BOM and CRLF; got {secrets:?}"
        );
    }
    // The secret's span is exactly the token, BOM and CR notwithstanding.
    for file in &outcome.workspace.files {
        for credential in &file.facts.credentials {
            assert_eq!(credential.span.slice(&file.source.text), TOKEN);
        }
    }
}

#[test]
fn latin1_bytes_are_decoded_and_linted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut env = b"# caf\xe9 \xa9 2024\nNAME=Andr\xe9\n".to_vec();
    env.extend_from_slice(format!("GITHUB_TOKEN={TOKEN}\n").as_bytes());
    write(dir.path(), ".env.staging", &env);
    let mut md = b"# R\xe8gles\n\n".to_vec();
    md.extend_from_slice(format!("Token: {TOKEN}\n").as_bytes());
    write(dir.path(), "AGENTS.md", &md);
    write(
        dir.path(),
        "main.tf",
        b"# \xe9\xe9\nlocals {\n  a = \"\xe9\"\n}\n",
    );
    write(
        dir.path(),
        ".github/workflows/x.yml",
        b"on: push # \xff\xfe\njobs: {}\n",
    );
    let outcome = common::lint(dir.path());
    assert_spans_fit(&outcome);
    let secrets = paths_with(&outcome, "AL101");
    assert!(
        secrets.iter().any(|p| p.ends_with(".env.staging")),
        "{secrets:?}"
    );
    assert!(
        secrets.iter().any(|p| p.ends_with("AGENTS.md")),
        "{secrets:?}"
    );
    assert_eq!(outcome.workspace.files.len(), 4);
}

/// Nesting a file can ask for, far deeper than [`agentlint::syntax::MAX_DEPTH`].
fn deep_inputs() -> Vec<(Format, String)> {
    const N: usize = 100_000;
    let mut block_yaml = String::new();
    for i in 0..2_000 {
        block_yaml.push_str(&" ".repeat(i));
        block_yaml.push_str("a:\n");
    }
    vec![
        (Format::Yaml, "[".repeat(N)),
        (Format::Yaml, "{a: ".repeat(N)),
        (Format::Yaml, "- ".repeat(N)),
        (Format::Yaml, block_yaml),
        (Format::Json, "[".repeat(N)),
        (Format::Json, "{\"a\":".repeat(N)),
        (Format::Toml, format!("a = {}", "[".repeat(N))),
        (Format::Toml, format!("a = {}", "{b = ".repeat(N))),
        (Format::Hcl, format!("x = {}", "[".repeat(N))),
        (Format::Hcl, format!("x = {}", "(".repeat(N))),
        (Format::Hcl, "a {\n".repeat(N)),
        (Format::Hcl, format!("x = \"{}\"", "${\"".repeat(N))),
        (Format::Markdown, "> ".repeat(N)),
        (Format::Markdown, "- ".repeat(N)),
        (Format::Markdown, "[".repeat(N)),
        (Format::Markdown, format!("---\n{}\n---\n", "[".repeat(N))),
        (Format::Shell, "$(".repeat(N)),
        (Format::Shell, "\"$(".repeat(N)),
        (Format::Shell, "${".repeat(N)),
        (Format::Shell, "(".repeat(N)),
        (Format::Shell, "`".repeat(N)),
        (Format::Dotenv, format!("A=\"{}", "\\".repeat(N))),
    ]
}

#[test]
fn deep_nesting_parses_on_a_small_stack() {
    // Half the stack of a rayon worker (2 MiB). Recursion in the parsers is cut at MAX_DEPTH (128);
    // unbounded recursion into 100,000 levels would need far more than this.
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            for (format, text) in deep_inputs() {
                let started = Instant::now();
                let syntax = Syntax::parse(format, &text);
                assert_eq!(spans::first_bad(&syntax, &text), None, "{format:?}");
                drop(syntax);
                eprintln!(
                    "deep {format:?} {:?}: {:?}",
                    text.get(..8),
                    started.elapsed()
                );
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(handle.join().is_ok(), "a parser overflowed or panicked");
}

/// Files near the 4 MiB limit shaped to make a careless parser quadratic.
fn pathological_inputs() -> Vec<(&'static str, Format, String)> {
    const BIG: usize = 3 * 1024 * 1024;
    let line = |s: &str| s.repeat(BIG / s.len());
    vec![
        ("yaml one line", Format::Yaml, line("a")),
        ("yaml many keys", Format::Yaml, line("k: v\n")),
        ("yaml quotes", Format::Yaml, line("\"")),
        ("yaml aliases", Format::Yaml, line("- &a [*a, *a]\n")),
        (
            "json one string",
            Format::Json,
            format!("\"{}\"", "a".repeat(BIG)),
        ),
        (
            "json commas",
            Format::Json,
            format!("[{}]", "1,".repeat(BIG / 2)),
        ),
        ("json unterminated", Format::Json, line("{\"a")),
        (
            "toml one line",
            Format::Toml,
            format!("a = \"{}\"", "b".repeat(BIG)),
        ),
        ("toml tables", Format::Toml, line("[a]\n")),
        ("toml broken", Format::Toml, line("a = [")),
        (
            "hcl one line",
            Format::Hcl,
            format!("a = \"{}\"", "b".repeat(BIG)),
        ),
        (
            "hcl heredoc",
            Format::Hcl,
            format!("a = <<EOT\n{}", line("x\n")),
        ),
        (
            "hcl interpolation",
            Format::Hcl,
            format!("a = \"{}\"", line("${a}")),
        ),
        ("hcl broken", Format::Hcl, line("a = {")),
        ("markdown one line", Format::Markdown, line("a")),
        ("markdown backticks", Format::Markdown, line("`")),
        ("markdown brackets", Format::Markdown, line("[")),
        ("markdown emphasis", Format::Markdown, line("*a")),
        ("markdown link refs", Format::Markdown, line("[a]: b\n")),
        (
            "markdown front matter",
            Format::Markdown,
            format!("---\n{}", line("a: b\n")),
        ),
        ("markdown html", Format::Markdown, line("<a ")),
        (
            "dotenv one line",
            Format::Dotenv,
            format!("A={}", "b".repeat(BIG)),
        ),
        ("dotenv quotes", Format::Dotenv, line("A=\"\n")),
        ("dotenv many", Format::Dotenv, line("A=b\n")),
        ("dotenv single quotes", Format::Dotenv, line("'")),
        ("shell one line", Format::Shell, line("a ")),
        ("shell substitutions", Format::Shell, line("$(")),
        ("shell heredocs", Format::Shell, line("cat <<EOF\n")),
        ("shell quotes", Format::Shell, line("\"'")),
        ("shell github expressions", Format::Shell, line("${{")),
        ("shell case", Format::Shell, line("case a in ")),
    ]
}

#[test]
fn pathological_files_are_parsed_in_bounded_time() {
    // Generous for an unoptimised build on a shared machine; a release build is ~10x faster.
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 4 });
    let mut slowest = (Duration::ZERO, "");
    for (name, format, text) in pathological_inputs() {
        let started = Instant::now();
        let syntax = Syntax::parse(format, &text);
        let elapsed = started.elapsed();
        assert_eq!(spans::first_bad(&syntax, &text), None, "{name}");
        assert!(elapsed < limit, "{name}: {elapsed:?}");
        if elapsed > slowest.0 {
            slowest = (elapsed, name);
        }
    }
    eprintln!(
        "slowest pathological file: {} in {:?}",
        slowest.1, slowest.0
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_agentlint"))
}

#[cfg(unix)]
#[test]
fn permission_denied_files_and_directories_do_not_stop_the_run() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("repo");
    write(&root, ".env.staging", format!("GITHUB_TOKEN={TOKEN}\n"));
    write(&root, ".env.locked", "K=v\n");
    write(&root, "locked/.env", format!("GITHUB_TOKEN={TOKEN}\n"));
    write(&root, "z/.env", format!("GITHUB_TOKEN={TOKEN}\n"));
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .unwrap_or_else(|e| panic!("{e}"));
    };
    mode(dir.path(), 0o755);
    mode(&root.join(".env.locked"), 0o000);
    mode(&root.join("locked"), 0o000);

    // Root reads everything regardless of permissions: run as `nobody` when we are root.
    let mut command = if is_root() {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let Some(setpriv) = setpriv else {
            eprintln!(
                "note: running as root without setpriv; permissions are not enforced, skipped"
            );
            return;
        };
        let mut c = Command::new(setpriv);
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary());
        c
    } else {
        Command::new(binary())
    };
    let output = command
        .args(["check", "--format", "json"])
        .arg(&root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    mode(&root.join("locked"), 0o755);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stdout.trim().is_empty() && stderr.contains("Permission denied") && is_root() {
        eprintln!("note: `nobody` cannot run the test binary here; skipped: {stderr}");
        return;
    }
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let findings = json["findings"].as_array().cloned().unwrap_or_default();
    let has = |rule: &str, path: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["path"].as_str().is_some_and(|p| p.ends_with(path)))
    };
    // The unreadable file is a finding; the files around it are still linted.
    assert!(has("AL902", ".env.locked"), "{stdout}");
    assert!(has("AL101", ".env.staging"), "{stdout}");
    assert!(has("AL101", "z/.env"), "{stdout}");
    assert!(!has("AL101", "locked/.env"), "{stdout}");
    // The unreadable directory is reported on stderr.
    assert!(stderr.contains("locked"), "stderr: {stderr}");
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_never_opened_and_symlinks_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("repo");
    let outside = dir.path().join("outside");
    write(&outside, ".env", format!("GITHUB_TOKEN={TOKEN}\n"));
    write(&root, ".env.ok", "A=1\n");
    let fifo = root.join(".env.fifo");
    let status = Command::new("mkfifo").arg(&fifo).status();
    assert!(status.is_ok_and(|s| s.success()), "mkfifo");
    for (link, target) in [
        (".env.zero", "/dev/zero"),
        (".env.random", "/dev/urandom"),
        (".env.stdin", "/dev/stdin"),
        (".env.tty", "/dev/tty"),
        (".env.outside", "../outside/.env"),
        ("outside-dir", "../outside"),
        (".env.self", ".env.self"),
    ] {
        symlink(target, root.join(link)).unwrap_or_else(|e| panic!("{e}"));
    }
    // As a directory walk, and with each special path named on the command line.
    let mut args: Vec<PathBuf> = vec![root.clone()];
    args.extend(
        [
            ".env.fifo",
            ".env.zero",
            ".env.random",
            ".env.stdin",
            ".env.outside",
        ]
        .iter()
        .map(|n| root.join(n)),
    );
    for arg in args {
        let mut child = Command::new(binary())
            .args(["check", "--format", "json"])
            .arg(&arg)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let finished = loop {
            if child.try_wait().ok().flatten().is_some() {
                break true;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                break false;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        assert!(finished, "{} hung", arg.display());
        // Nothing is read through a link, even one named on the command line.
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.contains("AL101"), "{}: {stdout}", arg.display());
    }
}

fn many_files(count: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    for i in 0..count {
        let sub = dir.path().join(format!("d{:03}", i % 1000));
        if i < 1000 {
            std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
        }
        let (name, text) = match i % 4 {
            0 => (format!(".env.f{i}"), format!("K{i}=v\n")),
            1 => (format!("f{i}.tf"), format!("locals {{ a{i} = 1 }}\n")),
            2 => (format!("f{i}.sh"), format!("echo {i}\n")),
            _ => (format!("f{i}.dat"), String::new()),
        };
        std::fs::write(sub.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let generated = started.elapsed();
    let started = Instant::now();
    let outcome = common::lint(dir.path());
    let linted = started.elapsed();
    eprintln!("{count} files: generated in {generated:?}, linted in {linted:?}");
    assert!(
        outcome.walk_errors.is_empty(),
        "walk errors: {:?}",
        outcome.walk_errors.iter().take(3).collect::<Vec<_>>()
    );
    assert_eq!(outcome.workspace.files.len(), count - count / 4);
    assert!(
        !outcome
            .findings
            .iter()
            .any(|f| f.rule.id == "AL902" || f.rule.id == "AL901"),
        "a file could not be read (descriptor exhaustion?)"
    );
}

#[test]
fn ten_thousand_small_files() {
    many_files(10_000);
}

/// 25 s in a debug build on two shared cores (14 s to create the files, 8 s to lint them, no walk
/// error), so ignored by default:
/// `cargo test --release --test suite hostile_repo -- --ignored`.
#[test]
#[ignore]
fn a_hundred_thousand_small_files() {
    many_files(100_000);
}
