//! The hook protocols `agentlint guard` speaks: which agent sent a tool call (read from the
//! payload's own fields, `test-data/guard/README.md` keeps the research with its sources), the
//! call normalised to what the decision needs, and the answer written in that agent's format and
//! exit code.
//!
//! Answers are chosen to fail closed: where a protocol has no "ask" (Codex, a Cursor file read),
//! an ask is sent as a deny whose reason says a human must run it; an input no protocol
//! recognises gets exit code 2 (a block for Claude Code, Codex, Gemini CLI and Cursor).

use serde_json::{json, Value};

/// The agent whose hook called the guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Claude Code `PreToolUse` (and tools that send Claude-style payloads).
    Claude,
    /// Codex `PreToolUse`: Claude's shape plus `turn_id`; no "ask".
    Codex,
    /// Gemini CLI `BeforeTool`.
    Gemini,
    /// Cursor `beforeShellExecution`, `beforeMCPExecution`, `beforeReadFile`.
    Cursor,
    /// GitHub Copilot CLI and coding agent `preToolUse` (camelCase `toolName`, `toolArgs`).
    Copilot,
    /// VS Code agent hooks, and Copilot CLI's "VS Code compatible" `PreToolUse`: Claude's output.
    VsCode,
}

impl Protocol {
    /// The agent's name in `[guard.tools.<agent>]`.
    pub fn key(self) -> &'static str {
        match self {
            Protocol::Claude => "claude",
            Protocol::Codex => "codex",
            Protocol::Gemini => "gemini",
            Protocol::Cursor => "cursor",
            Protocol::Copilot => "copilot",
            Protocol::VsCode => "vscode",
        }
    }
}

/// What the agent is about to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A shell command line, run in `dir` when the call names one.
    Shell {
        command: String,
        dir: Option<String>,
    },
    /// Reading a file.
    Read { path: String },
    /// A call to an MCP server's tool, with its arguments.
    Mcp {
        server: Option<String>,
        /// How the server was started, when the payload says it instead of naming the server
        /// (Cursor's `command` or `url`).
        launch: Option<String>,
        tool: String,
        args: Value,
    },
    /// Any other tool: edits, searches, web fetches, with the file paths its input names (an edit
    /// of `.env`, a search inside it). Only those paths are judged.
    Other { tool: String, paths: Vec<String> },
}

/// One tool call, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub protocol: Protocol,
    /// The session's working directory, when the payload carries it.
    pub cwd: Option<String>,
    pub action: Action,
}

/// The guard's answer (defined with the policy that chooses it).
pub use crate::config::GuardAnswer as Decision;

/// A decision and the reason the agent (for a deny) or the human (for an ask) reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    pub reason: String,
    /// Answer "allow" explicitly instead of saying nothing (`[guard] approve-safe`).
    pub approve: bool,
}

/// What the process writes and returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// Why a payload could not be read as a tool call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// Read a payload: which protocol, and the call.
pub fn read(payload: &Value) -> Result<Call, Unreadable> {
    let object = payload
        .as_object()
        .ok_or_else(|| Unreadable("the payload is not a JSON object".into()))?;
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    let event = text("hook_event_name").or_else(|| text("hookEventName"));
    let cwd = text("cwd").or_else(|| {
        object
            .get("workspace_roots")
            .and_then(|r| r.get(0))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let protocol = detect(object, event.as_deref())
        .ok_or_else(|| Unreadable(unknown_event(event.as_deref())))?;
    let action = match protocol {
        Protocol::Cursor => cursor_action(object, event.as_deref().unwrap_or(""))?,
        Protocol::Copilot => {
            let tool = text("toolName").unwrap_or_default();
            // Documented both as a JSON string and as an object.
            let args = match object.get("toolArgs") {
                Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::Null),
                Some(other) => other.clone(),
                None => Value::Null,
            };
            tool_action(&tool, &args, None)
        }
        _ => {
            let tool = text("tool_name")
                .or_else(|| text("toolName"))
                .unwrap_or_default();
            let input = object
                .get("tool_input")
                .or_else(|| object.get("toolInput"))
                .cloned()
                .unwrap_or(Value::Null);
            let server = object
                .get("mcp_context")
                .and_then(|c| c.get("server_name"))
                .and_then(Value::as_str)
                .map(str::to_string);
            tool_action(&tool, &input, server)
        }
    };
    Ok(Call {
        protocol,
        cwd,
        action,
    })
}

fn unknown_event(event: Option<&str>) -> String {
    match event {
        Some(e) => format!("`{e}` is not a pre-tool event of a protocol agentlint knows"),
        None => "no `hook_event_name` and no `toolName`: not a tool call agentlint knows".into(),
    }
}

/// The protocol, from the fields each agent sends (first match wins; VS Code reads Claude's
/// settings too, so the two are told apart by `timestamp` and `permission_mode`).
fn detect(object: &serde_json::Map<String, Value>, event: Option<&str>) -> Option<Protocol> {
    let has = |key: &str| object.contains_key(key);
    match event {
        Some("beforeShellExecution" | "beforeMCPExecution" | "beforeReadFile") => {
            Some(Protocol::Cursor)
        }
        Some("BeforeTool") => Some(Protocol::Gemini),
        Some("PreToolUse") if has("turn_id") => Some(Protocol::Codex),
        Some("PreToolUse") if has("timestamp") && !has("permission_mode") => Some(Protocol::VsCode),
        Some("PreToolUse") => Some(Protocol::Claude),
        None if has("toolName") => Some(Protocol::Copilot),
        _ => None,
    }
}

fn cursor_action(
    object: &serde_json::Map<String, Value>,
    event: &str,
) -> Result<Action, Unreadable> {
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    let missing = |key: &str| Unreadable(format!("Cursor `{event}` without `{key}`"));
    Ok(match event {
        "beforeShellExecution" => Action::Shell {
            command: text("command").ok_or_else(|| missing("command"))?,
            dir: text("cwd"),
        },
        "beforeReadFile" => Action::Read {
            path: text("file_path").ok_or_else(|| missing("file_path"))?,
        },
        _ => Action::Mcp {
            server: None,
            launch: text("command").or_else(|| text("url")),
            tool: text("tool_name").unwrap_or_default(),
            // Documented as a JSON string of the arguments; an object is taken as it is.
            args: match object.get("tool_input") {
                Some(Value::String(s)) => {
                    serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone()))
                }
                Some(other) => other.clone(),
                None => Value::Null,
            },
        },
    })
}

/// Shell, file-read and MCP tools by the names each agent gives them.
const SHELL_TOOLS: &[&str] = &[
    "Bash",
    "PowerShell",
    "bash",
    "powershell",
    "run_shell_command",
    "run_in_terminal",
    "shell",
    "execute_bash",
    "runTerminalCommand",
];
const READ_TOOLS: &[&str] = &["Read", "read_file", "view", "readFile", "fs_read"];

fn tool_action(tool: &str, input: &Value, server: Option<String>) -> Action {
    let field = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| input.get(k).and_then(Value::as_str))
            .map(str::to_string)
    };
    if SHELL_TOOLS.contains(&tool) {
        if let Some(command) = field(&["command", "cmd"]) {
            return Action::Shell {
                command,
                dir: field(&["dir_path", "cwd", "directory"]),
            };
        }
    }
    if READ_TOOLS.contains(&tool) {
        if let Some(path) = field(&["file_path", "filePath", "path", "absolute_path"]) {
            return Action::Read { path };
        }
    }
    // `mcp__server__tool` (Claude Code, Codex), `mcp_server_tool` (Gemini CLI).
    if let Some(rest) = tool.strip_prefix("mcp__") {
        let (server_name, tool_name) = rest.split_once("__").unwrap_or(("", rest));
        return Action::Mcp {
            launch: None,
            server: server.or_else(|| Some(server_name.to_string()).filter(|s| !s.is_empty())),
            tool: tool_name.to_string(),
            args: input.clone(),
        };
    }
    if let Some(rest) = tool.strip_prefix("mcp_") {
        let tool_name = match &server {
            Some(s) => rest
                .strip_prefix(s.as_str())
                .map_or(rest, |t| t.trim_start_matches('_')),
            None => rest,
        };
        return Action::Mcp {
            server,
            launch: None,
            tool: tool_name.to_string(),
            args: input.clone(),
        };
    }
    Action::Other {
        tool: tool.to_string(),
        paths: input_paths(input),
    }
}

/// Keys under which tools name the files they touch.
const PATH_KEYS: &[&str] = &[
    "file_path",
    "filePath",
    "path",
    "paths",
    "absolute_path",
    "notebook_path",
    "filename",
    "file",
];

/// The file paths a tool's input names, at its top level (a string, or a list of strings).
pub fn input_paths(input: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in PATH_KEYS {
        match input.get(key) {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Array(items)) => {
                out.extend(items.iter().filter_map(Value::as_str).map(str::to_string));
            }
            _ => {}
        }
    }
    out
}

/// The answer in the protocol's own format. `read_file` says whether the call was a file read
/// (Cursor has no "ask" for those).
pub fn answer(protocol: Protocol, verdict: &Verdict, read_file: bool) -> Reply {
    let ok = |stdout: String| Reply {
        stdout,
        stderr: String::new(),
        code: 0,
    };
    let reason = format!("agentlint guard: {}", verdict.reason);
    // Where a protocol cannot ask, a human must run the command: deny, saying so.
    let must_run_yourself = || format!("{reason} (a human must confirm this; ask them to run it)");
    match (protocol, verdict.decision) {
        (Protocol::Claude | Protocol::VsCode, Decision::Allow) if !verdict.approve => {
            ok(String::new())
        }
        (Protocol::Claude | Protocol::VsCode, decision) => ok(line(json!({
            "hookSpecificOutput": {
                "hookEventName": "PreToolUse",
                "permissionDecision": word(decision),
                "permissionDecisionReason": reason,
            }
        }))),
        // Codex rejects a bare "allow" and fails open on "ask".
        (Protocol::Codex, Decision::Allow) => ok(String::new()),
        (Protocol::Codex, Decision::Ask | Decision::Deny) => {
            let why = if verdict.decision == Decision::Ask {
                must_run_yourself()
            } else {
                reason
            };
            ok(line(json!({
                "hookSpecificOutput": {
                    "hookEventName": "PreToolUse",
                    "permissionDecision": "deny",
                    "permissionDecisionReason": why,
                }
            })))
        }
        (Protocol::Gemini, Decision::Allow) => ok(line(json!({"decision": "allow"}))),
        (Protocol::Gemini, Decision::Ask) => {
            ok(line(json!({"decision": "ask", "systemMessage": reason})))
        }
        (Protocol::Gemini, Decision::Deny) => {
            ok(line(json!({"decision": "deny", "reason": reason})))
        }
        (Protocol::Cursor, Decision::Allow) => ok(line(json!({"permission": "allow"}))),
        (Protocol::Cursor, Decision::Ask) if read_file => ok(line(json!({
            "permission": "deny",
            "user_message": must_run_yourself(),
            "agent_message": must_run_yourself(),
        }))),
        (Protocol::Cursor, decision) => ok(line(json!({
            "permission": word(decision),
            "user_message": reason,
            "agent_message": reason,
        }))),
        (Protocol::Copilot, Decision::Allow) if !verdict.approve => ok(String::new()),
        (Protocol::Copilot, decision) => ok(line(json!({
            "permissionDecision": word(decision),
            "permissionDecisionReason": reason,
        }))),
    }
}

/// The answer to a payload no protocol reads: exit code 2 blocks the call in Claude Code, Codex,
/// Gemini CLI and Cursor, and the reason goes to standard error.
pub fn unreadable(why: &Unreadable) -> Reply {
    Reply {
        stdout: String::new(),
        stderr: format!("agentlint guard: the tool call could not be read ({}); blocked until a human runs it\n", why.0),
        code: 2,
    }
}

fn word(decision: Decision) -> &'static str {
    match decision {
        Decision::Allow => "allow",
        Decision::Ask => "ask",
        Decision::Deny => "deny",
    }
}

fn line(value: Value) -> String {
    let mut text = value.to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Call {
        read(&serde_json::from_str(text).unwrap_or(Value::Null)).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn protocols_are_told_apart() {
        let claude = call(
            r#"{"hook_event_name":"PreToolUse","permission_mode":"default","tool_name":"Bash","tool_input":{"command":"ls"}}"#,
        );
        assert_eq!(claude.protocol, Protocol::Claude);
        let codex = call(
            r#"{"hook_event_name":"PreToolUse","turn_id":"t","tool_name":"Bash","tool_input":{"command":"ls"}}"#,
        );
        assert_eq!(codex.protocol, Protocol::Codex);
        let vscode = call(
            r#"{"hook_event_name":"PreToolUse","timestamp":"x","tool_name":"run_in_terminal","tool_input":{"command":"ls"}}"#,
        );
        assert_eq!(vscode.protocol, Protocol::VsCode);
        let copilot = call(r#"{"toolName":"bash","toolArgs":"{\"command\":\"ls\"}"}"#);
        assert_eq!(copilot.protocol, Protocol::Copilot);
        assert_eq!(
            copilot.action,
            Action::Shell {
                command: "ls".into(),
                dir: None
            }
        );
        let gemini = call(
            r#"{"hook_event_name":"BeforeTool","tool_name":"mcp_pg_query","tool_input":{"sql":"x"},"mcp_context":{"server_name":"pg"}}"#,
        );
        assert!(matches!(gemini.action, Action::Mcp { ref tool, .. } if tool == "query"));
    }

    #[test]
    fn unknown_payloads_are_refused_not_crashed_on() {
        for text in ["[]", "{}", r#"{"hook_event_name":"PostToolUse"}"#, "null"] {
            let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            assert!(read(&value).is_err(), "{text}");
        }
        assert_eq!(unreadable(&Unreadable("x".into())).code, 2);
    }

    #[test]
    fn asks_fail_closed_where_a_protocol_cannot_ask() {
        let ask = Verdict {
            decision: Decision::Ask,
            reason: "r".into(),
            approve: false,
        };
        assert!(answer(Protocol::Codex, &ask, false)
            .stdout
            .contains("\"deny\""));
        assert!(answer(Protocol::Cursor, &ask, true)
            .stdout
            .contains("\"deny\""));
        assert!(answer(Protocol::Cursor, &ask, false)
            .stdout
            .contains("\"ask\""));
        let allow = Verdict {
            decision: Decision::Allow,
            reason: String::new(),
            approve: false,
        };
        assert_eq!(answer(Protocol::Claude, &allow, false).stdout, "");
    }
}
