//! `agentlint guard install` and `uninstall`: the hook entry merged into each agent's own settings
//! file by span, so every other key, hook, comment and the file's formatting stay as they were; a
//! file that does not parse is refused, never rewritten. Uninstall takes out only the entries whose
//! command runs `agentlint guard`.
//!
//! Where each agent looks, and the entry's shape, are in `test-data/guard/README.md` with their
//! sources.

use std::path::{Path, PathBuf};

use crate::diagnostic::Edit;
use crate::rules::json_fixes;
use crate::syntax::{json, Node, Value};

/// The agents the guard installs into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agent {
    Claude,
    Codex,
    Gemini,
    Cursor,
    Copilot,
}

/// Where: the project (committed with it) or the user's own settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Project,
    User,
}

/// The words that mark the guard's own entries.
const MARK: &str = "agentlint guard";

/// One agent's hook layout: the file, the event key(s), and the group written under each.
struct Layout {
    project: &'static str,
    user: &'static str,
    /// `{"version": 1}` at the top (Cursor, Copilot).
    versioned: bool,
    events: &'static [&'static str],
}

fn layout(agent: Agent) -> Layout {
    match agent {
        Agent::Claude => Layout {
            project: ".claude/settings.json",
            user: ".claude/settings.json",
            versioned: false,
            events: &["PreToolUse"],
        },
        Agent::Codex => Layout {
            project: ".codex/hooks.json",
            user: ".codex/hooks.json",
            versioned: false,
            events: &["PreToolUse"],
        },
        Agent::Gemini => Layout {
            project: ".gemini/settings.json",
            user: ".gemini/settings.json",
            versioned: false,
            events: &["BeforeTool"],
        },
        Agent::Cursor => Layout {
            project: ".cursor/hooks.json",
            user: ".cursor/hooks.json",
            versioned: true,
            events: &[
                "beforeShellExecution",
                "beforeMCPExecution",
                "beforeReadFile",
            ],
        },
        Agent::Copilot => Layout {
            project: ".github/hooks/agentlint-guard.json",
            user: ".copilot/hooks/agentlint-guard.json",
            versioned: true,
            events: &["preToolUse"],
        },
    }
}

/// The entry for one event, as compact JSON.
fn entry(agent: Agent, command: &str) -> String {
    let command = serde_json::to_string(command).unwrap_or_default();
    match agent {
        Agent::Claude => format!(
            r#"{{"matcher": "^(Bash|PowerShell|Read)$|^mcp__", "hooks": [{{"type": "command", "command": {command}, "timeout": 30}}]}}"#
        ),
        Agent::Codex => format!(
            r#"{{"matcher": "^Bash$|^mcp__", "hooks": [{{"type": "command", "command": {command}, "timeout": 30}}]}}"#
        ),
        Agent::Gemini => format!(
            r#"{{"matcher": "run_shell_command|read_file|read_many_files|mcp_.*", "hooks": [{{"name": "agentlint-guard", "type": "command", "command": {command}, "timeout": 30000}}]}}"#
        ),
        Agent::Cursor => format!(r#"{{"command": {command}}}"#),
        Agent::Copilot => format!(
            r#"{{"type": "command", "bash": {command}, "powershell": {command}, "timeoutSec": 30}}"#
        ),
    }
}

/// The settings file an install writes.
pub fn settings_path(agent: Agent, scope: Scope, root: &Path, home: &Path) -> PathBuf {
    let layout = layout(agent);
    match scope {
        Scope::Project => root.join(layout.project),
        Scope::User => home.join(layout.user),
    }
}

/// What an install or uninstall did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Written(PathBuf),
    Unchanged(PathBuf),
}

/// Merge the guard into an agent's settings.
pub fn install(agent: Agent, path: &Path, command: &str) -> Result<Outcome, String> {
    let text = read(path)?;
    let new_text = merged(agent, &text, command)?;
    write(path, &text, new_text)
}

/// Take the guard's own entries out.
pub fn uninstall(agent: Agent, path: &Path) -> Result<Outcome, String> {
    if !path.exists() {
        return Ok(Outcome::Unchanged(path.to_path_buf()));
    }
    let text = read(path)?;
    let new_text = removed(agent, &text)?;
    write(path, &text, new_text)
}

fn read(path: &Path) -> Result<String, String> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| format!("{}: not UTF-8; left as it is", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn write(path: &Path, old: &str, new: Option<String>) -> Result<Outcome, String> {
    let Some(new) = new.filter(|n| n != old) else {
        return Ok(Outcome::Unchanged(path.to_path_buf()));
    };
    if path.is_symlink() {
        return Err(format!(
            "{}: a symbolic link; not written through",
            path.display()
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::safe_write::write_atomic(path, new.as_bytes(), &[dir.to_path_buf()])?;
    Ok(Outcome::Written(path.to_path_buf()))
}

/// The root object of a settings file, or why it is refused.
fn root_object(text: &str) -> Result<Option<Node>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let doc = json::parse(text);
    if let Some(issue) = doc.issues.first() {
        return Err(format!(
            "the file does not parse as JSON ({}); fix it first, nothing was written",
            issue.message
        ));
    }
    match doc.roots.into_iter().next() {
        Some(root) if matches!(root.value, Value::Map(_)) => Ok(Some(root)),
        _ => Err("the file's top level is not a JSON object; nothing was written".into()),
    }
}

/// Whether a node holds the guard's command anywhere below it.
fn holds_mark(node: &Node) -> bool {
    match &node.value {
        Value::Str { .. } => node.as_str().is_some_and(|s| s.contains(MARK)),
        Value::Seq(items) => items.iter().any(holds_mark),
        Value::Map(entries) => entries.iter().any(|e| holds_mark(&e.value)),
        _ => false,
    }
}

/// The text with the guard merged in; `None` when it is already there.
fn merged(agent: Agent, text: &str, command: &str) -> Result<Option<String>, String> {
    let layout = layout(agent);
    let item = entry(agent, command);
    let Some(root) = root_object(text)? else {
        let events: Vec<String> = layout
            .events
            .iter()
            .map(|e| format!("    \"{e}\": [\n      {item}\n    ]"))
            .collect();
        let version = if layout.versioned {
            "  \"version\": 1,\n"
        } else {
            ""
        };
        return Ok(Some(format!(
            "{{\n{version}  \"hooks\": {{\n{}\n  }}\n}}\n",
            events.join(",\n")
        )));
    };
    let file = 0;
    let mut edits: Vec<Edit> = Vec::new();
    match root.get("hooks") {
        None => {
            let events: Vec<String> = layout
                .events
                .iter()
                .map(|e| format!("\"{e}\": [{item}]"))
                .collect();
            let hooks = format!("{{{}}}", events.join(", "));
            edits.extend(json_fixes::add_entry(file, text, &root, "hooks", &hooks));
            if layout.versioned && root.get("version").is_none() {
                // Both insert at the object's start: one edit, version first.
                if let Some(edit) = edits.pop() {
                    let replacement = edit.replacement.replacen("\n", "\n  \"version\": 1,\n", 1);
                    edits.push(Edit {
                        replacement,
                        ..edit
                    });
                }
            }
        }
        Some(hooks) if matches!(hooks.value, Value::Map(_)) => {
            for event in layout.events {
                match hooks.get(event) {
                    Some(list) if holds_mark(list) => {}
                    Some(list) => edits.extend(json_fixes::append_item(file, text, list, &item)),
                    None => edits.extend(json_fixes::add_entry(
                        file,
                        text,
                        hooks,
                        event,
                        &format!("[{item}]"),
                    )),
                }
            }
        }
        Some(_) => return Err("`hooks` is not an object; nothing was written".into()),
    }
    Ok((!edits.is_empty()).then(|| apply(text, edits)))
}

/// The text without the guard's entries; `None` when there are none.
fn removed(agent: Agent, text: &str) -> Result<Option<String>, String> {
    let Some(root) = root_object(text)? else {
        return Ok(None);
    };
    let file = 0;
    let mut edits = Vec::new();
    let Some(hooks) = root.get("hooks") else {
        return Ok(None);
    };
    for event in layout(agent).events {
        let Some(list) = hooks.get(event) else {
            continue;
        };
        for (index, group) in list.items().iter().enumerate() {
            if !holds_mark(group) {
                continue;
            }
            // A matcher group that holds other hooks keeps them.
            let inner = group
                .get("hooks")
                .filter(|h| h.items().iter().any(|i| !holds_mark(i)));
            match inner {
                Some(inner) => {
                    for (i, hook) in inner.items().iter().enumerate() {
                        if holds_mark(hook) {
                            edits.extend(json_fixes::remove_item(file, text, inner, i));
                        }
                    }
                }
                None => edits.extend(json_fixes::remove_item(file, text, list, index)),
            }
        }
    }
    Ok((!edits.is_empty()).then(|| apply(text, edits)))
}

fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    let mut last = usize::MAX;
    for edit in edits {
        // Overlapping removals (two neighbours) would cut twice: keep the later one only.
        if edit.span.end > last {
            continue;
        }
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        last = edit.span.start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    #[test]
    fn merges_beside_other_hooks_and_removes_only_its_own() {
        let before = r#"{
  "permissions": {"allow": ["Bash(npm test:*)"]},
  "hooks": {
    "PreToolUse": [
      {"matcher": "Bash", "hooks": [{"type": "command", "command": "./audit.sh"}]}
    ]
  }
}
"#;
        let after = merged(Agent::Claude, before, "agentlint guard")
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_default();
        let value = parses(&after);
        assert_eq!(
            value["hooks"]["PreToolUse"].as_array().map(Vec::len),
            Some(2)
        );
        assert!(after.starts_with("{\n  \"permissions\": {\"allow\": [\"Bash(npm test:*)\"]},"));
        // Installed twice: nothing changes.
        assert_eq!(
            merged(Agent::Claude, &after, "agentlint guard").ok(),
            Some(None)
        );
        let back = removed(Agent::Claude, &after)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_default();
        assert_eq!(parses(&back), parses(before));
    }

    #[test]
    fn new_files_and_refusals() {
        for agent in [
            Agent::Claude,
            Agent::Codex,
            Agent::Gemini,
            Agent::Cursor,
            Agent::Copilot,
        ] {
            let text = merged(agent, "", "agentlint guard")
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_default();
            let value = parses(&text);
            assert!(holds_mark(&json::parse(&text).roots[0]), "{agent:?}");
            assert_eq!(value.get("version").is_some(), layout(agent).versioned);
            let empty = "{}\n";
            let added = merged(agent, empty, "agentlint guard")
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_default();
            assert_eq!(parses(&added)["hooks"], value["hooks"], "{agent:?}");
        }
        assert!(merged(Agent::Claude, "{ \"hooks\": [", "agentlint guard").is_err());
        assert!(merged(Agent::Claude, "[1]", "agentlint guard").is_err());
        assert!(merged(Agent::Claude, r#"{"hooks": 3}"#, "agentlint guard").is_err());
    }
}
