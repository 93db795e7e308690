//! Commands outside CI jobs: shell scripts, agent hooks, and shell code blocks in agent rule files.

use super::{ci, invocation, CommandFact, FileFacts, Origin};
use crate::discover::FileKind;
use crate::source::SourceFile;
use crate::syntax::{shell, MdBlockKind, Node, Syntax, Value};

/// Code-block languages that are shell.
const SHELL_LANGS: &[&str] = &["bash", "sh", "shell", "zsh", "console", "shellsession", ""];

pub fn extract(source: &SourceFile, syntax: &Syntax, facts: &mut FileFacts) {
    match (source.kind, syntax) {
        (FileKind::Script, Syntax::Shell(script)) => {
            facts
                .commands
                .extend(script_facts(script, &source.text, Origin::Script));
        }
        (FileKind::AgentRules(_), Syntax::Markdown(doc)) => {
            for block in &doc.blocks {
                let MdBlockKind::Code { lang } = &block.kind else {
                    continue;
                };
                if !SHELL_LANGS.contains(&lang.as_str()) {
                    continue;
                }
                // `fly apps destroy pr-<n> --yes`: a placeholder is a word, not a redirect.
                let code =
                    super::instructions::text::without_placeholders(block.span.slice(&source.text));
                let script = shell::parse(&code, block.span.start);
                for command in &script.commands {
                    let stdin = invocation::stdin_text(&script.commands, command, &source.text);
                    let mut command = command.clone();
                    // `$ curl …` in console transcripts: the prompt is not the command.
                    if command.words.first().is_some_and(|w| w.text == "$") {
                        command.words.remove(0);
                    }
                    facts.commands.push(CommandFact {
                        command,
                        origin: Origin::AgentInstructions,
                        stdin,
                        env: Vec::new(),
                        context: None,
                    });
                }
            }
        }
        (FileKind::AgentSettings(_), Syntax::Data(doc)) => {
            for root in &doc.roots {
                if let Some(hooks) = root.get("hooks") {
                    collect_hook_commands(source, hooks, facts);
                }
            }
        }
        (FileKind::Compose, Syntax::Data(doc)) => {
            for root in &doc.roots {
                for service in root.get("services").map(Node::entries).unwrap_or(&[]) {
                    for key in ["command", "entrypoint"] {
                        if let Some(node) = service.value.get(key) {
                            ci::push_script(source, node, Origin::Compose, facts);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// The commands of a parsed script as facts: each with what it reads on stdin, and the variables
/// and target the commands before it selected (`export AWS_PROFILE=prod`, `cd envs/prod`). The
/// guard reads an agent's command line the same way.
pub fn script_facts(
    script: &crate::syntax::ShellScript,
    text: &str,
    origin: Origin,
) -> Vec<CommandFact> {
    let mut context = invocation::ScriptContext::default();
    let mut out = Vec::new();
    for command in &script.commands {
        let (env, target) = (context.env.clone(), context.target.clone());
        context.advance(command);
        out.push(CommandFact {
            stdin: invocation::stdin_text(&script.commands, command, text),
            command: command.clone(),
            origin: origin.clone(),
            env,
            context: target,
        });
    }
    out
}

/// `hooks.<Event>[].hooks[].command` strings, parsed as shell.
fn collect_hook_commands(source: &SourceFile, node: &Node, facts: &mut FileFacts) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                if entry.key == "command" {
                    ci::push_script(source, &entry.value, Origin::AgentHook, facts);
                } else {
                    collect_hook_commands(source, &entry.value, facts);
                }
            }
        }
        Value::Seq(items) => {
            for item in items {
                collect_hook_commands(source, item, facts);
            }
        }
        _ => {}
    }
}
