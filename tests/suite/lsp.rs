//! `agentlint lsp` driven over stdio as an editor drives it: Content-Length frames, initialize,
//! open, incremental and full edits, diagnostics (UTF-16 positions, cross-file, cleared when fixed),
//! hover, a code action applied back to the buffer, broken input, shutdown and exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Stripe-shaped live keys: realistic enough to fire, never real.
const SHARED_KEY: &str = "sk_live_51NfQ2RkLp8XwT3vYcB7mZ4hJ9sD6gA1eK0uI5oP2";
const UNICODE_KEY: &str = "sk_live_51Hq8ZpLm3XwR7vTcN2bK9fJ4sG6dA0eY1uW5oQ8";
const OTHER_KEY: &str = "sk_live_51Tz4WqPn6YxK2vRcM8bJ3hF7sL5dG9eA0uE1oI4";

const WAIT: Duration = Duration::from_secs(20);

fn ok<T, E: std::fmt::Debug>(result: Result<T, E>, what: &str) -> T {
    result.unwrap_or_else(|e| panic!("{what}: {e:?}"))
}

/// A minimal LSP client: frames, ids, and a log of everything the server said.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<(Value, String)>,
    /// Every message received so far, parsed and raw.
    seen: Vec<(Value, String)>,
    /// Messages not yet consumed by a wait.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = ok(
            Command::new(env!("CARGO_BIN_EXE_agentlint"))
                .arg("lsp")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn(),
            "spawn agentlint lsp",
        );
        let stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let Some(length) = length else { return };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let raw = String::from_utf8_lossy(&body).into_owned();
                let value: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
                if tx.send((value, raw)).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming: rx,
            seen: Vec::new(),
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    fn write_frame(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        ok(self.stdin.write_all(header.as_bytes()), "write header");
        ok(self.stdin.write_all(body), "write body");
        ok(self.stdin.flush(), "flush");
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.write_frame(body.as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (the whole response object).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The first message (old or new) that matches, consumed.
    fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(index);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((value, raw)) => {
                    self.seen.push((value.clone(), raw));
                    if matches(&value) {
                        return value;
                    }
                    self.backlog.push(value);
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
                Err(RecvTimeoutError::Disconnected) => panic!("server gone waiting for {what}"),
            }
        }
    }

    /// The next diagnostics published for `uri` that satisfy `accept`; earlier ones are skipped.
    fn diagnostics(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri} that pass"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|list| accept(list))
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn exit_status(mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }
}

fn uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::from("file://");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn rules(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

fn has(diagnostics: &[Value], rule: &str) -> bool {
    rules(diagnostics).iter().any(|r| r == rule)
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = ok(tempfile::tempdir(), "tempdir");
    let root = ok(dir.path().canonicalize(), "canonicalize");
    ok(
        std::fs::write(
            root.join(".env.production"),
            format!("NODE_ENV=production\nSTRIPE_SECRET_KEY={SHARED_KEY}\n"),
        ),
        "write production",
    );
    ok(
        std::fs::write(
            root.join(".env.staging"),
            format!("NODE_ENV=staging\nSTRIPE_SECRET_KEY={SHARED_KEY}\n"),
        ),
        "write staging",
    );
    (dir, root)
}

fn initialize(client: &mut Client, root: &Path) -> Value {
    let response = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(root),
            "workspaceFolders": [{"uri": uri(root), "name": "w"}],
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
        }),
    );
    client.notify("initialized", json!({}));
    response
}

#[test]
fn an_editor_session() {
    let (_dir, root) = workspace();
    let production = uri(&root.join(".env.production"));
    let staging = uri(&root.join(".env.staging"));
    let mut client = Client::start();

    let init = initialize(&mut client, &root);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["hoverProvider"], true, "{init}");
    assert!(caps["codeActionProvider"].is_object(), "{init}");
    assert_eq!(
        caps["textDocumentSync"]["change"], 2,
        "incremental sync: {init}"
    );
    assert_eq!(caps["positionEncoding"], "utf-16");

    // Files on disk, none open: the cross-file finding is published with its related location.
    let on_staging = client.diagnostics(&staging, |d| has(d, "AL201"));
    let shared = on_staging
        .iter()
        .find(|d| d["code"] == "AL201")
        .cloned()
        .unwrap_or_default();
    assert_eq!(shared["source"], "agentlint");
    assert!(shared["codeDescription"]["href"]
        .as_str()
        .is_some_and(|h| h.ends_with("AL201.md")));
    let related = shared["relatedInformation"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == production.as_str()
                && r["location"]["range"]["start"]["line"] == 1),
        "{shared}"
    );

    // An unsaved buffer with non-ASCII text before the secret: UTF-16 columns.
    let unicode = uri(&root.join("ünï").join(".env"));
    let text = format!("# café ☕ config\nSTRIPE_KEY_😀_É={UNICODE_KEY}\n");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": unicode, "languageId": "dotenv", "version": 1, "text": text}}),
    );
    let found = client.diagnostics(&unicode, |d| has(d, "AL101"));
    let secret = found
        .iter()
        .find(|d| d["code"] == "AL101")
        .cloned()
        .unwrap_or_default();
    // `STRIPE_KEY_` (11) + 😀 (2 UTF-16 units) + `_É=` (3) = 16; the key is 48 units long.
    assert_eq!(
        secret["range"],
        json!({"start": {"line": 1, "character": 16}, "end": {"line": 1, "character": 64}}),
        "{secret}"
    );
    assert_eq!(secret["severity"], 1);

    // An incremental edit replaces the line: the diagnostics are cleared.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": unicode, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 64}},
                "text": "SAFE=1",
            }],
        }),
    );
    client.diagnostics(&unicode, <[Value]>::is_empty);

    // Cross-file: open production, give it its own key; staging's shared-key finding goes away.
    let production_text = format!("NODE_ENV=production\nSTRIPE_SECRET_KEY={SHARED_KEY}\n");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": production, "languageId": "dotenv", "version": 1, "text": production_text}}),
    );
    client.diagnostics(&production, |d| has(d, "AL101"));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": production, "version": 2},
            "contentChanges": [{"text": format!("NODE_ENV=production\nSTRIPE_SECRET_KEY={OTHER_KEY}\n")}],
        }),
    );
    client.diagnostics(&staging, |d| !has(d, "AL201") && has(d, "AL101"));
    // …and comes back when the edit is undone, before anything is saved.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": production, "version": 3},
            "contentChanges": [{"text": production_text}],
        }),
    );
    client.diagnostics(&staging, |d| has(d, "AL201"));

    // Hover on the secret in production: the rule's documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": production}, "position": {"line": 1, "character": 25}}),
    );
    let contents = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert!(contents.contains("AL101"), "{contents}");
    assert!(contents.contains("## What it does"), "{contents}");

    // The code action inserts a suppression with a reason placeholder; applying it silences AL101.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": production},
            "range": {"start": {"line": 1, "character": 20}, "end": {"line": 1, "character": 20}},
            "context": {"diagnostics": []},
        }),
    );
    let list = actions["result"].as_array().cloned().unwrap_or_default();
    let action = list
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("AL101")))
        .cloned()
        .unwrap_or_else(|| panic!("no AL101 action in {actions}"));
    assert_eq!(action["kind"], "quickfix");
    let source_only = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": production},
            "range": {"start": {"line": 1, "character": 20}, "end": {"line": 1, "character": 20}},
            "context": {"diagnostics": [], "only": ["source.organizeImports"]},
        }),
    );
    assert_eq!(source_only["result"], json!([]), "{source_only}");
    let edits = action["edit"]["changes"][production.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 1, "{action}");
    let edit = &edits[0];
    assert_eq!(
        edit["range"],
        json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}})
    );
    let inserted = edit["newText"].as_str().unwrap_or_default().to_string();
    assert!(
        inserted.starts_with("# agentlint: ignore[AL101] ") && inserted.ends_with('\n'),
        "{inserted}"
    );
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": production, "version": 4},
            "contentChanges": [{"range": edit["range"], "text": inserted}],
        }),
    );
    client.diagnostics(&production, |d| !has(d, "AL101") && has(d, "AL102"));

    // Broken input: a body that is not JSON, an unknown method, bad params, a garbage buffer.
    client.write_frame(b"{this is not json");
    let parse_error = client.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    let unknown = client.request("agentlint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = client.request("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(bad["error"]["code"], -32602);
    let garbage: String = (0u32..3000)
        .map(|i| char::from_u32((i * 7919) % 0x2FFF).unwrap_or('\u{FFFD}'))
        .collect();
    let garbage_uri = uri(&root.join(".env.garbage"));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": garbage_uri, "languageId": "dotenv", "version": 1, "text": garbage}}),
    );
    client.notify("textDocument/didOpen", json!({"textDocument": null}));
    let still = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": production}, "position": {"line": 0, "character": 0}}),
    );
    assert!(still.get("result").is_some(), "{still}");

    // No secret ever leaves the server whole.
    for (_, raw) in &client.seen {
        for key in [SHARED_KEY, UNICODE_KEY, OTHER_KEY] {
            assert!(!raw.contains(key), "a raw secret in {raw}");
        }
    }

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_status(), Some(0));
}

#[test]
fn without_a_root_the_first_file_decides_and_exit_without_shutdown_is_an_error() {
    let (_dir, root) = workspace();
    let staging = uri(&root.join(".env.staging"));
    let mut client = Client::start();
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    client.notify("initialized", json!({}));
    let text = format!("NODE_ENV=staging\nSTRIPE_SECRET_KEY={SHARED_KEY}\n");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": staging, "languageId": "dotenv", "version": 1, "text": text}}),
    );
    // The production file on disk is found from the opened file's directory.
    let found = client.diagnostics(&staging, |d| has(d, "AL201"));
    assert_eq!(
        found
            .iter()
            .find(|d| d["code"] == "AL201")
            .map(|d| d["source"].clone()),
        Some(json!("agentlint"))
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_status(), Some(1));
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::start();
    let early = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x/.env"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(early["error"]["code"], -32002);
    drop(client.stdin);
    let _ = client.child.wait();
}

/// A finding with a fix offers it as a quick fix, and `source.fixAll.agentlint` (format on save)
/// applies every safe fix of the file; applied, the finding is gone.
#[test]
fn fixes_are_code_actions_and_fix_all_applies_them() {
    let dir = ok(tempfile::tempdir(), "tempdir");
    let root = ok(dir.path().canonicalize(), "canonicalize");
    ok(std::fs::create_dir_all(root.join("envs/prod")), "mkdir");
    let path = root.join("envs/prod/db.tf");
    let text = "resource \"aws_db_instance\" \"app\" {\n  identifier          = \"app-prod\"\n  deletion_protection = false\n}\n";
    ok(std::fs::write(&path, text), "write");
    let db = uri(&path);
    let mut client = Client::start();
    let init = initialize(&mut client, &root);
    let kinds = init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"].to_string();
    assert!(kinds.contains("source.fixAll.agentlint"), "{kinds}");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": db, "languageId": "terraform", "version": 1, "text": text}}),
    );
    client.diagnostics(&db, |d| has(d, "AL401"));
    let quick = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": db},
            "range": {"start": {"line": 2, "character": 2}, "end": {"line": 2, "character": 2}},
            "context": {"diagnostics": []},
        }),
    );
    let list = quick["result"].as_array().cloned().unwrap_or_default();
    let fix = list
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Fix AL401"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no AL401 fix in {quick}"));
    assert_eq!(fix["isPreferred"], true, "{fix}");
    let all = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": db},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let actions = all["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 1, "{all}");
    assert_eq!(actions[0]["kind"], "source.fixAll.agentlint");
    let edits = actions[0]["edit"]["changes"][db.as_str()]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), 1, "{all}");
    assert_eq!(edits[0]["newText"], "true");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": db, "version": 2},
            "contentChanges": [{"range": edits[0]["range"], "text": "true"}],
        }),
    );
    client.diagnostics(&db, |d| !has(d, "AL401"));
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_status(), Some(0));
}
