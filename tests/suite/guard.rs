//! `agentlint guard`: every protocol's payload (shaped as the tool documents it,
//! `test-data/guard/payloads/SOURCES.tsv`) answered in that protocol's format; malformed and
//! oversized input blocked, never crashed on; the decision table over the labelled invocations;
//! the same command denied in one repository and asked in another because of the perimeter; and
//! install / uninstall leaving other hooks alone.

use std::path::{Path, PathBuf};

use agentlint::config::GuardPolicy;
use agentlint::guard::decide::decide;
use agentlint::guard::perimeter::Perimeter;
use agentlint::guard::protocol::{Action, Call, Decision, Protocol};
use assert_cmd::Command;
use serde_json::{json, Value};

use crate::common;

fn guard(stdin: impl Into<Vec<u8>>, dir: &Path) -> (String, String, i32) {
    let out = Command::cargo_bin("agentlint")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("guard")
        .current_dir(dir)
        .write_stdin(stdin.into())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// A fixture repository copied to a temporary directory (the guard writes its cache there).
fn repo(name: &str) -> (tempfile::TempDir, PathBuf) {
    common::fixture_repo(&format!("test-data/guard/repos/{name}"))
}

/// A documented payload with its working directory and paths moved into `dir`.
fn payload(name: &str, dir: &Path) -> Vec<u8> {
    let path = common::root().join("test-data/guard/payloads").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.replace("/home/user/project", &dir.to_string_lossy())
        .into_bytes()
}

#[test]
fn every_documented_payload_is_answered_in_its_own_protocol() {
    let (_tmp, dir) = repo("layered");
    // (payload, what stdout must hold, exit code). The shell payloads run
    // `terraform -chdir=envs/prod destroy -auto-approve`: production, so denied.
    let cases: &[(&str, &str, i32)] = &[
        ("claude-bash.json", r#""permissionDecision":"deny""#, 0),
        ("claude-read-env.json", r#""permissionDecision":"ask""#, 0),
        ("claude-mcp.json", r#""permissionDecision":"ask""#, 0),
        // Codex cannot ask; deny is its only answer but silence.
        ("codex-shell.json", r#""permissionDecision":"deny""#, 0),
        ("codex-mcp.json", r#""permissionDecision":"deny""#, 0),
        ("gemini-shell.json", r#""decision":"deny""#, 0),
        ("gemini-read.json", r#""decision":"ask""#, 0),
        ("gemini-mcp.json", r#""decision":"ask""#, 0),
        ("cursor-shell.json", r#""permission":"deny""#, 0),
        ("cursor-mcp.json", r#""permission":"ask""#, 0),
        // Cursor has no ask for file reads: deny, saying a human must do it.
        ("cursor-read.json", r#""permission":"deny""#, 0),
        ("copilot-cli-bash.json", r#""permissionDecision":"deny""#, 0),
        (
            "copilot-cli-pretooluse-vscode-format.json",
            r#""permissionDecision":"deny""#,
            0,
        ),
        (
            "vscode-pretooluse.json",
            r#""permissionDecision":"deny""#,
            0,
        ),
    ];
    let listed =
        std::fs::read_to_string(common::root().join("test-data/guard/payloads/SOURCES.tsv"))
            .unwrap_or_default();
    for (name, expected, code) in cases {
        assert!(
            listed.contains(name),
            "{name} cites no documentation in SOURCES.tsv"
        );
        let (stdout, stderr, status) = guard(payload(name, &dir), &dir);
        assert_eq!(status, *code, "{name}: {stderr}");
        assert!(stdout.contains(expected), "{name}: {stdout}");
        assert!(
            stdout.ends_with('\n') && stdout.lines().count() == 1,
            "{name}: one JSON line"
        );
        let _: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn malformed_and_oversized_payloads_are_blocked_never_crashed_on() {
    let (_tmp, dir) = repo("layered");
    let oversized = format!(
        r#"{{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{{"command":"{}"}}}}"#,
        "x".repeat(5 << 20)
    );
    for input in [
        b"".to_vec(),
        b"not json".to_vec(),
        b"{\"hook_event_name\": \"PreToolUse\"".to_vec(),
        b"[1, 2]".to_vec(),
        b"{\"hook_event_name\": \"SessionStart\"}".to_vec(),
        vec![0xff, 0xfe, 0x00],
        oversized.into_bytes(),
    ] {
        let (stdout, stderr, status) = guard(input, &dir);
        assert_eq!(status, 2, "{stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.starts_with("agentlint guard: the tool call could not be read"),
            "{stderr}"
        );
    }
    // A known protocol with an odd shape is answered, not refused.
    let odd = json!({"hook_event_name": "PreToolUse", "permission_mode": "default",
                     "tool_name": "Bash", "tool_input": {"command": 42}});
    let (stdout, _, status) = guard(odd.to_string(), &dir);
    assert_eq!((status, stdout.as_str()), (0, ""));
}

fn shell(command: &str) -> Call {
    Call {
        protocol: Protocol::Claude,
        cwd: None,
        action: Action::Shell {
            command: command.to_string(),
            dir: None,
        },
    }
}

/// The labelled invocations (`test-data/commands/invocations.tsv`) against an empty perimeter:
/// every safe one allowed, every one that names production denied, and the destructive ones asked
/// about or denied at the command model's own recall (three rows it does not read today: a
/// command built by `sed` and piped into `sh`, SQL in a process substitution under `su -c`, and
/// `xargs rm -rf` fed by `find`).
#[test]
fn decision_table_on_the_labelled_invocations() {
    let text = std::fs::read_to_string(common::root().join("test-data/commands/invocations.tsv"))
        .unwrap_or_default();
    let perimeter = Perimeter::default();
    let policy = GuardPolicy::default();
    let root = Path::new("/nonexistent-root");
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    let (mut destructive, mut safe) = (0, 0);
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (label, command, env) = (fields[0], fields[3], fields[4]);
        let verdict = decide(&shell(command), &perimeter, root, &policy);
        let ok = match (label, env) {
            ("destructive", "production") => verdict.decision == Decision::Deny,
            ("destructive", _) => verdict.decision >= Decision::Ask,
            _ => verdict.decision == Decision::Allow,
        };
        if label == "destructive" {
            destructive += 1;
        } else {
            safe += 1;
        }
        let line = format!(
            "{label}/{env}: {command} → {:?} ({})",
            verdict.decision, verdict.reason
        );
        match (ok, label, env) {
            (true, ..) => {}
            // A destructive row the command model does not recognise at all.
            (false, "destructive", "-") if verdict.decision == Decision::Allow => missed.push(line),
            _ => wrong.push(line),
        }
    }
    println!(
        "decision table: {destructive} destructive, {safe} safe; {} wrong, {} unrecognised",
        wrong.len(),
        missed.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        missed.len() * 100 <= destructive,
        "below 99% recall:\n{}",
        missed.join("\n")
    );
}

/// The perimeter decides: the same DELETE is denied where a live key is in reach and asked about
/// where only a test key is; the same destroy is denied in `envs/prod` and asked in `envs/staging`.
#[test]
fn the_same_command_is_denied_in_one_repository_and_asked_in_another() {
    let delete = "curl -X DELETE https://api.stripe.com/v1/customers/cus_9s6XKzkNRiz8i3 -u \"$STRIPE_SECRET_KEY:\"";
    let decision = |name: &str, cwd: &str, command: &str| {
        let (_tmp, dir) = repo(name);
        let call = json!({"hook_event_name": "PreToolUse", "permission_mode": "default",
                          "cwd": dir.join(cwd), "tool_name": "Bash",
                          "tool_input": {"command": command}});
        let (stdout, stderr, status) = guard(call.to_string(), &dir);
        assert_eq!(status, 0, "{stderr}");
        let value: Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
        let reason = value["hookSpecificOutput"]["permissionDecisionReason"]
            .as_str()
            .unwrap_or("")
            .to_string();
        assert!(
            !reason.contains("sk_live_51"),
            "a secret in the reason: {reason}"
        );
        (
            value["hookSpecificOutput"]["permissionDecision"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            reason,
        )
    };
    let (live, why) = decision("live-key", ".", delete);
    assert_eq!(live, "deny", "{why}");
    assert!(why.contains("STRIPE_SECRET_KEY"), "{why}");
    assert_eq!(decision("test-key", ".", delete).0, "ask");
    // Cursor names no MCP server: the one started by the same command line is found, with the
    // live key in its declaration.
    let (_tmp, dir) = repo("live-key");
    let cursor = json!({"conversation_id": "c", "generation_id": "g", "hook_event_name": "beforeMCPExecution",
                        "cursor_version": "2.0.77", "workspace_roots": [dir], "tool_name": "delete_customer",
                        "tool_input": "{\"customer\":\"cus_9s6XKzkNRiz8i3\"}",
                        "command": "npx -y @stripe/mcp@0.2.4 --tools=all"});
    let (stdout, _, _) = guard(cursor.to_string(), &dir);
    assert!(stdout.contains(r#""permission":"deny""#), "{stdout}");
    assert!(stdout.contains("server `billing`"), "{stdout}");
    let destroy = "terraform destroy -auto-approve";
    assert_eq!(decision("layered", "envs/prod", destroy).0, "deny");
    assert_eq!(decision("layered", "envs/staging", destroy).0, "ask");
    assert_eq!(
        decision("layered", ".", "cd envs/staging && terraform destroy").0,
        "ask"
    );
}

#[test]
fn a_human_can_ask_what_the_guard_would_answer() {
    let (_tmp, dir) = repo("layered");
    let out = Command::cargo_bin("agentlint")
        .unwrap_or_else(|e| panic!("{e}"))
        .args([
            "guard",
            "--command",
            "terraform destroy",
            "--cwd",
            "envs/prod",
        ])
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(text.starts_with("deny: `terraform destroy`"), "{text}");
    assert!(text.contains("working directory `envs/prod`"), "{text}");
}

#[test]
fn secret_reads_and_safe_calls() {
    let (_tmp, dir) = repo("live-key");
    let call = |command: &str| {
        json!({"hook_event_name": "PreToolUse", "permission_mode": "default", "cwd": dir,
               "tool_name": "Bash", "tool_input": {"command": command}})
        .to_string()
    };
    let (stdout, _, _) = guard(call("cat .env"), &dir);
    assert!(stdout.contains("\"ask\""), "{stdout}");
    assert!(!stdout.contains("sk_live_51"), "{stdout}");
    // Any tool that names a secret file in its input: a search in it, an MCP server opening it.
    for (tool, input) in [
        ("Grep", json!({"pattern": "KEY", "path": ".env"})),
        (
            "mcp__filesystem__read_text_file",
            json!({"path": dir.join(".env")}),
        ),
        (
            "Edit",
            json!({"file_path": dir.join(".env"), "old_string": "a", "new_string": "b"}),
        ),
    ] {
        let payload = json!({"hook_event_name": "PreToolUse", "permission_mode": "default",
                             "cwd": dir, "tool_name": tool, "tool_input": input});
        let (stdout, _, _) = guard(payload.to_string(), &dir);
        assert!(stdout.contains("\"ask\""), "{tool}: {stdout}");
    }
    let edit = json!({"hook_event_name": "PreToolUse", "permission_mode": "default", "cwd": dir,
                      "tool_name": "Edit", "tool_input": {"file_path": dir.join("src/main.rs")}});
    assert_eq!(guard(edit.to_string(), &dir).0, "");
    // A safe command gets no objection: the agent's own prompts go on.
    let (stdout, _, status) = guard(call("git status && cargo test"), &dir);
    assert_eq!((status, stdout.as_str()), (0, ""));
    // `[guard] secret-files = "deny"` is the policy's to choose.
    std::fs::write(
        dir.join("agentlint.toml"),
        "[guard]\nsecret-files = \"deny\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (stdout, _, _) = guard(call("cat .env"), &dir);
    assert!(stdout.contains("\"deny\""), "{stdout}");
    // …and per agent: `[guard.tools.claude]` over `[guard]`.
    std::fs::write(
        dir.join("agentlint.toml"),
        "[guard]\nsecret-files = \"deny\"\n\n[guard.tools.claude]\nsecret-files = \"allow\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (stdout, _, status) = guard(call("cat .env"), &dir);
    assert_eq!((status, stdout.as_str()), (0, ""));
    let bad = agentlint::config::Config::parse("[guard.tools.emacs]\nproduction = \"ask\"\n");
    assert!(bad.is_err_and(|e| e.message.contains("unknown agent `emacs`")));
}

#[test]
fn install_merges_beside_other_hooks_and_uninstall_removes_only_its_own() {
    let (_tmp, dir) = repo("layered");
    let settings = dir.join(".claude/settings.json");
    std::fs::create_dir_all(dir.join(".claude")).unwrap_or_else(|e| panic!("{e}"));
    let before = "{\n  \"hooks\": {\n    \"PreToolUse\": [\n      {\"matcher\": \"Edit\", \"hooks\": [{\"type\": \"command\", \"command\": \"./fmt.sh\"}]}\n    ]\n  }\n}\n";
    std::fs::write(&settings, before).unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        Command::cargo_bin("agentlint")
            .unwrap_or_else(|e| panic!("{e}"))
            .arg("guard")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&[
        "install",
        "--claude",
        "--cursor",
        "--gemini",
        "--codex",
        "--copilot",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        ".claude/settings.json",
        ".cursor/hooks.json",
        ".gemini/settings.json",
        ".codex/hooks.json",
        ".github/hooks/agentlint-guard.json",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        let _: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(text.contains("agentlint guard"), "{file}");
    }
    let installed = std::fs::read_to_string(&settings).unwrap_or_default();
    assert!(installed.contains("./fmt.sh"));
    // Twice changes nothing.
    run(&["install", "--claude"]);
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap_or_default(),
        installed
    );
    // Uninstall leaves the other hook as it was.
    let out = run(&["uninstall", "--claude"]);
    assert_eq!(out.status.code(), Some(0));
    let after: Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    let original: Value = serde_json::from_str(before).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after, original);
    // A malformed file is refused and left as it was.
    std::fs::write(&settings, "{ \"hooks\": ").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["install", "--claude"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap_or_default(),
        "{ \"hooks\": "
    );
}
