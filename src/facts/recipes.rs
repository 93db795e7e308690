//! Task-runner recipes: a Makefile's or justfile's rules, `package.json` `scripts`, `Taskfile.yml`
//! `tasks`. Their commands run when a CI job or a script calls the recipe by name (`make destroy`,
//! `npm run db:reset`, `just wipe`, `task nuke`), so a rule follows the call ([`call_of`]) into the
//! recipe instead of stopping at the runner's name.

use super::invocation::{self, program_name};
use super::{CommandFact, Origin};
use crate::discover::{FileKind, Runner};
use crate::source::SourceFile;
use crate::syntax::{shell, Node, ShellCommand, Span, Syntax, Value};

/// One recipe and the commands it runs.
#[derive(Debug, Clone)]
pub struct RecipeFact {
    pub runner: Runner,
    pub name: String,
    /// The recipe's name or rule line.
    pub span: Span,
    pub commands: Vec<CommandFact>,
}

/// The recipes of a task runner's file.
pub fn extract(source: &SourceFile, syntax: &Syntax) -> Vec<RecipeFact> {
    let FileKind::TaskRunner(runner) = source.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match syntax {
        Syntax::Recipes(file) => {
            for recipe in &file.recipes {
                let mut commands = Vec::new();
                for line in &recipe.lines {
                    push_commands(&line.text, line.span, &mut commands);
                }
                for target in &recipe.targets {
                    out.push(RecipeFact {
                        runner,
                        name: target.clone(),
                        span: recipe.span,
                        commands: commands.clone(),
                    });
                }
            }
        }
        Syntax::Data(doc) => {
            for root in &doc.roots {
                let entries = match runner {
                    Runner::Npm => root.get("scripts").map(Node::entries).unwrap_or(&[]),
                    Runner::Task => root.get("tasks").map(Node::entries).unwrap_or(&[]),
                    Runner::Make | Runner::Just => &[],
                };
                for entry in entries {
                    let mut commands = Vec::new();
                    for (text, span) in script_strings(&entry.value) {
                        push_commands(&text, span, &mut commands);
                    }
                    out.push(RecipeFact {
                        runner,
                        name: entry.key.clone(),
                        span: entry.key_span,
                        commands,
                    });
                }
            }
        }
        _ => {}
    }
    out
}

/// The shell strings of an npm script (a string) or a Taskfile task (`cmds:` of strings or
/// `{cmd: …}` maps, or the task itself a string or list).
fn script_strings(node: &Node) -> Vec<(String, Span)> {
    match &node.value {
        Value::Str { value, .. } => vec![(value.clone(), node.span)],
        Value::Seq(items) => items.iter().flat_map(script_strings).collect(),
        Value::Map(_) => ["cmds", "cmd"]
            .iter()
            .filter_map(|key| node.get(key))
            .flat_map(script_strings)
            .collect(),
        _ => Vec::new(),
    }
}

/// Parses one recipe line as shell. The line's text may differ from the file's (make's `$$`,
/// JSON escapes), so every command is placed on the whole line.
fn push_commands(text: &str, span: Span, out: &mut Vec<CommandFact>) {
    let script = shell::parse(text, 0);
    for command in &script.commands {
        let stdin = invocation::stdin_text(&script.commands, command, text);
        let mut command = command.clone();
        command.span = span;
        for word in command
            .words
            .iter_mut()
            .chain(command.assignments.iter_mut())
        {
            word.span = span;
        }
        command.heredocs.clear();
        out.push(CommandFact {
            command,
            origin: Origin::Script,
            stdin,
            env: Vec::new(),
            context: None,
        });
    }
}

/// A call of a recipe by name: which runner, which recipe, and the directory the runner is told
/// to work in (`make -C infra destroy`, `npm --prefix web run reset`), relative as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeCall {
    pub runner: Runner,
    pub name: String,
    pub dir: Option<String>,
}

/// npm lifecycle scripts that `npm <name>` runs without `run`.
const NPM_LIFECYCLE: &[&str] = &["test", "start", "stop", "restart"];

/// Whether a command calls a recipe, and which.
pub fn call_of(command: &ShellCommand) -> Option<RecipeCall> {
    let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
    let name = program_name(words.first()?);
    let args = &words[1..];
    let mut dir = None;
    let positional = |value_options: &[&str], dir: &mut Option<String>| -> Vec<String> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(arg) = args.get(i) {
            i += 1;
            if let Some(value) = ["-C", "--directory", "--prefix", "--dir", "-d", "--cwd"]
                .iter()
                .find_map(|o| arg.strip_prefix(&format!("{o}=")))
            {
                *dir = Some(value.to_string());
                continue;
            }
            if matches!(*arg, "-C" | "--directory" | "--prefix" | "--dir" | "--cwd")
                || (*arg == "-d" && name == "task")
            {
                *dir = args.get(i).map(|d| d.to_string());
                i += 1;
                continue;
            }
            if arg.starts_with('-') {
                if value_options.contains(arg) {
                    i += 1;
                }
                continue;
            }
            if arg.contains('=') {
                continue;
            }
            out.push(arg.to_string());
        }
        out
    };
    let (runner, target) = match name {
        "make" | "gmake" => {
            let words = positional(
                &[
                    "-f",
                    "--file",
                    "--makefile",
                    "-j",
                    "--jobs",
                    "-l",
                    "-o",
                    "-W",
                    "-I",
                ],
                &mut dir,
            );
            (Runner::Make, words.into_iter().next()?)
        }
        "just" => {
            let words = positional(
                &["-f", "--justfile", "-d", "--working-directory", "--set"],
                &mut dir,
            );
            (Runner::Just, words.into_iter().next()?)
        }
        "task" => {
            let words = positional(&["-t", "--taskfile", "-o", "--output"], &mut dir);
            (Runner::Task, words.into_iter().next()?)
        }
        "npm" | "pnpm" | "yarn" | "bun" => {
            let words = positional(&["-w", "--workspace", "--filter", "-F"], &mut dir);
            let first = words.first()?.as_str();
            let target = match (name, first) {
                (_, "run" | "run-script" | "rum" | "urn") => words.get(1)?.clone(),
                ("npm", lifecycle) if NPM_LIFECYCLE.contains(&lifecycle) => lifecycle.to_string(),
                // `yarn db:reset`, `pnpm db:reset` run a script directly (not `install`, `add`…).
                ("yarn" | "pnpm", script) if !is_package_command(script) => script.to_string(),
                _ => return None,
            };
            (Runner::Npm, target)
        }
        _ => return None,
    };
    Some(RecipeCall {
        runner,
        name: target,
        dir,
    })
}

/// yarn / pnpm commands of their own, which are not scripts.
fn is_package_command(word: &str) -> bool {
    matches!(
        word,
        "install"
            | "i"
            | "add"
            | "remove"
            | "rm"
            | "up"
            | "upgrade"
            | "update"
            | "outdated"
            | "exec"
            | "dlx"
            | "create"
            | "init"
            | "link"
            | "unlink"
            | "publish"
            | "pack"
            | "why"
            | "list"
            | "ls"
            | "audit"
            | "config"
            | "cache"
            | "info"
            | "workspace"
            | "workspaces"
            | "import"
            | "prune"
            | "rebuild"
            | "store"
            | "env"
            | "set"
            | "npm"
            | "version"
            | "login"
            | "logout"
            | "test"
            | "start"
            | "build"
            | "dedupe"
            | "patch"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Option<(Runner, String, Option<String>)> {
        let script = shell::parse(text, 0);
        call_of(&script.commands[0]).map(|c| (c.runner, c.name, c.dir))
    }

    #[test]
    fn calls_are_recognised() {
        assert_eq!(
            call("make destroy"),
            Some((Runner::Make, "destroy".into(), None))
        );
        assert_eq!(
            call("make -C infra ENV=prod destroy"),
            Some((Runner::Make, "destroy".into(), Some("infra".into())))
        );
        assert_eq!(
            call("npm run db:reset"),
            Some((Runner::Npm, "db:reset".into(), None))
        );
        assert_eq!(call("npm test"), Some((Runner::Npm, "test".into(), None)));
        assert_eq!(
            call("yarn db:reset"),
            Some((Runner::Npm, "db:reset".into(), None))
        );
        assert_eq!(call("yarn install"), None);
        assert_eq!(call("just wipe"), Some((Runner::Just, "wipe".into(), None)));
        assert_eq!(call("task nuke"), Some((Runner::Task, "nuke".into(), None)));
        assert_eq!(call("make"), None);
    }
}
