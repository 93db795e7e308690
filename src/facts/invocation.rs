//! Commands as a shell runs them. A simple command's words (quotes already removed by the shell
//! reader) are unwrapped until the program that does the work is reached: `sudo -u postgres`,
//! `env X=1`, `timeout 60`, `xargs`, `op run --`, `doppler run --`, `aws-vault exec prod --`,
//! `railway run`, `dotenv --`, `npx pkg@1.2`, `pnpm exec`, `yarn`, `uv run`, `bundle exec`; the
//! scripts of `bash -c '…'` and `ssh host '…'` are read as shell again, and the commands of
//! `docker exec`, `docker compose exec` and `kubectl exec -- …` are the inner program's.
//!
//! The wrappers are a table ([`WRAPPERS`]), not code per wrapper: each says how many options and
//! positional words come before the wrapped command, or that the command follows `--`, or that an
//! argument is a script.

use crate::environments::{env_of_path, env_of_word, EnvInfo};
use crate::syntax::{shell, ShellCommand, Span};

/// A word of an invocation, with the place it came from (for a command read out of a
/// `bash -c '…'` string, the span of that string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub text: String,
    pub span: Span,
}

/// One program run with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// The program, its directory and any `@version` removed (`/usr/bin/psql` → `psql`,
    /// `prisma@5.1.0` → `prisma`).
    pub tool: String,
    /// The words after the program.
    pub args: Vec<Arg>,
    /// `NAME=value` in effect: the command's own prefix and those an `env` wrapper sets.
    pub env: Vec<(String, String)>,
    /// The wrappers it runs inside, outermost first (`sudo`, `bash -c`, `ssh`).
    pub wrappers: Vec<String>,
    /// Text fed on standard input: here-documents, here-strings, and `echo …` piped in.
    pub stdin: String,
    /// The whole outer command.
    pub span: Span,
}

impl Invocation {
    pub fn arg_texts(&self) -> Vec<&str> {
        self.args.iter().map(|a| a.text.as_str()).collect()
    }
}

/// How a wrapper says where the wrapped command starts.
#[derive(Debug, Clone, Copy)]
pub enum Wraps {
    /// After the wrapper's options (those listed take a value) and `positionals` more words:
    /// `sudo -u postgres CMD`, `timeout 60 CMD`, `nice -n 5 CMD`.
    After {
        value_options: &'static [&'static str],
        positionals: usize,
    },
    /// After a subcommand and its options: `railway run CMD`, `uv run CMD`, `pnpm exec CMD`.
    Subcommand {
        subcommands: &'static [&'static str],
        value_options: &'static [&'static str],
    },
    /// After `--`: `op run -- CMD`, `aws-vault exec prod -- CMD`, `dotenv -- CMD`.
    AfterDoubleDash,
    /// The argument of `-c` is a script: `bash -c '…'`, `su -c '…'`.
    ScriptFlag,
    /// The words after the host are a remote script: `ssh [opts] host '…'`.
    Remote {
        value_options: &'static [&'static str],
    },
    /// `docker exec [opts] CONTAINER CMD`, `docker compose exec [opts] SERVICE CMD`,
    /// `kubectl exec [opts] POD -- CMD`: the container's program.
    Exec,
    /// `npx [opts] PKG[@version] ARGS`, `bunx`, `pnpm dlx`: a package's binary.
    Package {
        value_options: &'static [&'static str],
    },
    /// `node [opts] node_modules/typeorm/cli.js ARGS`: a package's script run by path stands for
    /// the package (`typeorm`).
    Script {
        value_options: &'static [&'static str],
    },
}

/// Wrappers, by program name.
pub const WRAPPERS: &[(&str, Wraps)] = &[
    (
        "sudo",
        Wraps::After {
            value_options: &[
                "-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "--user", "--group",
            ],
            positionals: 0,
        },
    ),
    (
        "doas",
        Wraps::After {
            value_options: &["-u", "-C"],
            positionals: 0,
        },
    ),
    (
        "env",
        Wraps::After {
            value_options: &["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
            positionals: 0,
        },
    ),
    (
        "time",
        Wraps::After {
            value_options: &["-f", "--format", "-o", "--output"],
            positionals: 0,
        },
    ),
    (
        "nohup",
        Wraps::After {
            value_options: &[],
            positionals: 0,
        },
    ),
    (
        "exec",
        Wraps::After {
            value_options: &["-a"],
            positionals: 0,
        },
    ),
    (
        "command",
        Wraps::After {
            value_options: &[],
            positionals: 0,
        },
    ),
    (
        "nice",
        Wraps::After {
            value_options: &["-n", "--adjustment"],
            positionals: 0,
        },
    ),
    (
        "ionice",
        Wraps::After {
            value_options: &["-c", "-n", "-p"],
            positionals: 0,
        },
    ),
    (
        "stdbuf",
        Wraps::After {
            value_options: &["-i", "-o", "-e"],
            positionals: 0,
        },
    ),
    (
        "timeout",
        Wraps::After {
            value_options: &["-s", "--signal", "-k", "--kill-after"],
            positionals: 1,
        },
    ),
    (
        "xargs",
        Wraps::After {
            value_options: &[
                "-I",
                "-n",
                "-P",
                "-L",
                "-d",
                "-E",
                "-s",
                "--max-args",
                "--max-procs",
            ],
            positionals: 0,
        },
    ),
    (
        "watch",
        Wraps::After {
            value_options: &["-n", "--interval"],
            positionals: 0,
        },
    ),
    (
        "retry",
        Wraps::After {
            value_options: &["-t", "--tries", "-d", "--delay"],
            positionals: 0,
        },
    ),
    ("op", Wraps::AfterDoubleDash),
    ("doppler", Wraps::AfterDoubleDash),
    ("aws-vault", Wraps::AfterDoubleDash),
    (
        "dotenv",
        Wraps::After {
            value_options: &["-e", "-c", "-v", "-p"],
            positionals: 0,
        },
    ),
    (
        "node",
        Wraps::Script {
            value_options: &[
                "-r",
                "--require",
                "--import",
                "--loader",
                "-e",
                "--eval",
                "--env-file",
            ],
        },
    ),
    (
        "ts-node",
        Wraps::Script {
            value_options: &[
                "-r",
                "--require",
                "-P",
                "--project",
                "-O",
                "--compiler-options",
                "-C",
                "--compiler",
            ],
        },
    ),
    (
        "tsx",
        Wraps::Script {
            value_options: &["--tsconfig", "--import", "-r", "--require"],
        },
    ),
    ("infisical", Wraps::AfterDoubleDash),
    ("chamber", Wraps::AfterDoubleDash),
    ("sops", Wraps::AfterDoubleDash),
    ("with-contenv", Wraps::AfterDoubleDash),
    (
        "railway",
        Wraps::Subcommand {
            subcommands: &["run"],
            value_options: &["-s", "--service", "-e", "--environment", "-p", "--project"],
        },
    ),
    (
        "uv",
        Wraps::Subcommand {
            subcommands: &["run"],
            value_options: &[
                "--with",
                "--python",
                "-p",
                "--project",
                "--directory",
                "--env-file",
            ],
        },
    ),
    (
        "poetry",
        Wraps::Subcommand {
            subcommands: &["run"],
            value_options: &["-C", "--directory"],
        },
    ),
    (
        "pipenv",
        Wraps::Subcommand {
            subcommands: &["run"],
            value_options: &[],
        },
    ),
    (
        "bundle",
        Wraps::Subcommand {
            subcommands: &["exec"],
            value_options: &[],
        },
    ),
    (
        "pnpm",
        Wraps::Subcommand {
            subcommands: &["exec", "dlx", "run"],
            value_options: &["-C", "--dir", "--filter", "-F"],
        },
    ),
    (
        "npm",
        Wraps::Subcommand {
            subcommands: &["exec", "x"],
            value_options: &["-w", "--workspace", "-p", "--package", "-c", "--call"],
        },
    ),
    (
        "yarn",
        Wraps::Subcommand {
            subcommands: &["exec", "dlx", "run"],
            value_options: &["--cwd"],
        },
    ),
    (
        "dotnet",
        Wraps::Subcommand {
            subcommands: &["tool"],
            value_options: &[],
        },
    ),
    (
        "npx",
        Wraps::Package {
            value_options: &["-p", "--package", "-c", "--call"],
        },
    ),
    (
        "bunx",
        Wraps::Package {
            value_options: &["-p", "--package"],
        },
    ),
    ("bash", Wraps::ScriptFlag),
    ("sh", Wraps::ScriptFlag),
    ("zsh", Wraps::ScriptFlag),
    ("dash", Wraps::ScriptFlag),
    ("ksh", Wraps::ScriptFlag),
    ("su", Wraps::ScriptFlag),
    (
        "ssh",
        Wraps::Remote {
            value_options: &[
                "-i", "-p", "-l", "-o", "-F", "-J", "-L", "-R", "-D", "-b", "-c", "-E", "-e", "-m",
                "-O", "-Q", "-S", "-W", "-w", "-B",
            ],
        },
    ),
    ("docker", Wraps::Exec),
    ("podman", Wraps::Exec),
    ("docker-compose", Wraps::Exec),
    ("kubectl", Wraps::Exec),
    ("oc", Wraps::Exec),
];

/// Wrappers nested deeper than this are left as they are (`sudo sudo sudo …` is not real).
const MAX_UNWRAP: usize = 8;

/// Options of `docker exec` / `docker compose exec` / `kubectl exec` that take a value.
const EXEC_VALUE_OPTIONS: &[&str] = &[
    "-u",
    "--user",
    "-w",
    "--workdir",
    "-e",
    "--env",
    "--env-file",
    "-c",
    "--container",
    "-n",
    "--namespace",
    "--context",
    "--index",
    "--detach-keys",
    "-f",
    "--file",
    "-p",
    "--project-name",
    "--kubeconfig",
];

/// `./node_modules/typeorm/cli.js` → `typeorm`; `node_modules/@prisma/cli/x.js` → `@prisma/cli`.
fn package_of_script(path: &str) -> &str {
    let Some((_, rest)) = path.rsplit_once("node_modules/") else {
        return path;
    };
    let mut parts = rest.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => {
            &rest[..scope.len() + 1 + name.len()]
        }
        (Some(name), _) => name,
        _ => rest,
    }
}

/// The program name a word stands for: path and `@version` removed.
pub fn program_name(word: &str) -> &str {
    let base = word.rsplit('/').next().unwrap_or(word);
    match base.rfind('@') {
        // `@scope/pkg` keeps its scope; `pkg@1.2` loses the version.
        Some(at) if at > 0 => &base[..at],
        _ => base,
    }
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Index of the first word after the options at `from` (options in `value_options` take the next
/// word unless written `--opt=value`; `--` ends the options and is skipped).
fn skip_options(words: &[Arg], mut i: usize, value_options: &[&str]) -> usize {
    while let Some(word) = words.get(i) {
        let text = word.text.as_str();
        if text == "--" {
            return i + 1;
        }
        if !text.starts_with('-') || text == "-" {
            break;
        }
        i += 1;
        if !text.contains('=') && value_options.contains(&text) {
            i += 1;
        }
    }
    i
}

/// Every program a simple command runs, the outermost wrapper's words unwrapped.
///
/// `stdin` is the text fed to the command (here-documents, piped `echo`), passed to the innermost
/// program. A script argument (`bash -c`, `ssh host '…'`) can hold several commands, so the
/// answer is a list.
pub fn invocations(command: &ShellCommand, stdin: &str) -> Vec<Invocation> {
    invocations_with_env(command, stdin, &[])
}

/// [`invocations`], with variables the command inherits from its job (set before its own
/// `NAME=value` prefix, which wins).
pub fn invocations_with_env(
    command: &ShellCommand,
    stdin: &str,
    inherited: &[(String, String)],
) -> Vec<Invocation> {
    let args: Vec<Arg> = command
        .words
        .iter()
        .map(|w| Arg {
            text: w.text.clone(),
            span: w.span,
        })
        .collect();
    let env = inherited
        .iter()
        .cloned()
        .chain(
            command
                .assignments
                .iter()
                .filter_map(|a| a.text.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string())),
        )
        .collect();
    let mut out = Vec::new();
    unwrap(args, env, Vec::new(), stdin, command.span, 0, &mut out);
    out
}

fn unwrap(
    mut words: Vec<Arg>,
    mut env: Vec<(String, String)>,
    mut wrappers: Vec<String>,
    stdin: &str,
    span: Span,
    depth: usize,
    out: &mut Vec<Invocation>,
) {
    // `VAR=value` words before the program (after `env`, or inside `bash -c`).
    while words.first().is_some_and(|w| is_assignment(&w.text)) {
        let word = words.remove(0);
        if let Some((k, v)) = word.text.split_once('=') {
            env.push((k.to_string(), v.to_string()));
        }
    }
    let Some(first) = words.first() else {
        return;
    };
    let name = program_name(&first.text).to_string();
    let wraps = WRAPPERS
        .iter()
        .find(|(w, _)| *w == name)
        .map(|(_, how)| *how);
    let inner_start = match (wraps, depth < MAX_UNWRAP) {
        (Some(how), true) => inner_start(&words, &name, how),
        _ => None,
    };
    match inner_start {
        Some(Start::Words(start)) if start < words.len() => {
            wrappers.push(name);
            let inner = words.split_off(start);
            unwrap(inner, env, wrappers, stdin, span, depth + 1, out);
        }
        Some(Start::PackageScript(index)) => {
            wrappers.push(name);
            let mut inner = words.split_off(index);
            if let Some(first) = inner.first_mut() {
                first.text = package_of_script(&first.text).to_string();
            }
            unwrap(inner, env, wrappers, stdin, span, depth + 1, out);
        }
        Some(Start::Script(index)) => {
            let Some(script) = words.get(index) else {
                return;
            };
            wrappers.push(name);
            let parsed = shell::parse(&script.text, 0);
            let script_span = script.span;
            for inner in &parsed.commands {
                let inner_words: Vec<Arg> = inner
                    .assignments
                    .iter()
                    .chain(&inner.words)
                    .map(|w| Arg {
                        text: w.text.clone(),
                        span: script_span,
                    })
                    .collect();
                let inner_stdin = piped_text(&parsed.commands, inner, &script.text);
                let stdin = if inner_stdin.is_empty() {
                    stdin
                } else {
                    inner_stdin.as_str()
                };
                unwrap(
                    inner_words,
                    env.clone(),
                    wrappers.clone(),
                    stdin,
                    span,
                    depth + 1,
                    out,
                );
            }
        }
        _ => out.push(Invocation {
            tool: name,
            args: words.split_off(1),
            env,
            wrappers,
            stdin: stdin.to_string(),
            span,
        }),
    }
}

enum Start {
    /// The wrapped command starts at this word.
    Words(usize),
    /// This word is a script inside a package (`node_modules/typeorm/cli.js`): the package is
    /// the program.
    PackageScript(usize),
    /// This word is a script to read as shell.
    Script(usize),
}

fn inner_start(words: &[Arg], name: &str, how: Wraps) -> Option<Start> {
    match how {
        Wraps::After {
            value_options,
            positionals,
        } => {
            let mut i = skip_options(words, 1, value_options);
            // `env` takes `NAME=value` words before the command.
            while words.get(i).is_some_and(|w| is_assignment(&w.text)) && name == "env" {
                i += 1;
            }
            Some(Start::Words(i + positionals))
        }
        Wraps::Subcommand {
            subcommands,
            value_options,
        } => {
            let i = skip_options(words, 1, value_options);
            let sub = words.get(i)?;
            if !subcommands.contains(&sub.text.as_str()) {
                // `yarn prisma migrate reset`: yarn runs a package binary directly.
                return (name == "yarn" && !sub.text.starts_with('-')).then_some(Start::Words(i));
            }
            Some(Start::Words(skip_options(words, i + 1, value_options)))
        }
        Wraps::AfterDoubleDash => {
            let dash = words.iter().position(|w| w.text == "--")?;
            Some(Start::Words(dash + 1))
        }
        Wraps::ScriptFlag => {
            // `-c`, or combined short flags ending in it: `-lc`, `-ec`, `-xec`.
            let flag = words.iter().position(|w| {
                let t = w.text.as_str();
                t == "-c"
                    || (t.starts_with('-')
                        && !t.starts_with("--")
                        && t.ends_with('c')
                        && t.len() <= 4)
            })?;
            Some(Start::Script(flag + 1))
        }
        Wraps::Remote { value_options } => {
            let host = skip_options(words, 1, value_options);
            let rest = host + 1;
            if rest >= words.len() {
                return None;
            }
            // One word: a script; several: the remote shell joins them, so read them as one.
            Some(if rest + 1 == words.len() {
                Start::Script(rest)
            } else {
                Start::Words(rest)
            })
        }
        Wraps::Exec => exec_start(words, name),
        Wraps::Package { value_options } => {
            let i = skip_options(words, 1, value_options);
            (i < words.len()).then_some(Start::Words(i))
        }
        Wraps::Script { value_options } => {
            let i = skip_options(words, 1, value_options);
            words
                .get(i)
                .filter(|w| w.text.contains("node_modules/"))
                .map(|_| Start::PackageScript(i))
        }
    }
}

/// `docker exec`, `docker compose exec`/`run`, `kubectl exec`: where the container's command starts.
fn exec_start(words: &[Arg], name: &str) -> Option<Start> {
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    match name {
        "kubectl" | "oc" => {
            let exec = texts.iter().position(|t| *t == "exec")?;
            let dash = texts.iter().skip(exec).position(|t| *t == "--")? + exec;
            Some(Start::Words(dash + 1))
        }
        _ => {
            // docker [global opts] [compose [opts]] exec|run [opts] TARGET CMD…
            let verb = texts.iter().position(|t| matches!(*t, "exec" | "run"))?;
            if name == "docker" || name == "podman" {
                let before: Vec<&str> = texts[1..verb]
                    .iter()
                    .copied()
                    .filter(|t| !t.starts_with('-'))
                    .collect();
                // `docker exec CONTAINER`, `docker compose exec|run SERVICE`; `docker run IMAGE`
                // takes too many options of its own to find the command reliably.
                let compose = before == ["compose"];
                if !(compose || (before.is_empty() && texts[verb] == "exec")) {
                    return None;
                }
            }
            let target = skip_options(words, verb + 1, EXEC_VALUE_OPTIONS);
            Some(Start::Words(target + 1))
        }
    }
}

/// What earlier commands of a script leave behind for later ones: variables it `export`s, and a
/// target it selects (`cd envs/prod`, `terraform workspace select prod`). A CI step's
/// `working-directory` starts it.
#[derive(Debug, Clone, Default)]
pub struct ScriptContext {
    pub env: Vec<(String, String)>,
    pub target: Option<EnvInfo>,
}

impl ScriptContext {
    pub fn new(env: &[(String, String)], working_directory: Option<&str>) -> Self {
        ScriptContext {
            env: env.to_vec(),
            target: working_directory.and_then(|dir| {
                env_of_path(&format!("{dir}/"))
                    .map(|e| EnvInfo::new(e.env, format!("`working-directory: {dir}`")))
            }),
        }
    }

    /// Takes in what `command` changes for the commands after it.
    pub fn advance(&mut self, command: &ShellCommand) {
        let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
        match words.as_slice() {
            ["cd", dir, ..] => {
                if let Some(env) = env_of_path(&format!("{dir}/")) {
                    self.target = Some(EnvInfo::new(env.env, format!("`cd {dir}`")));
                }
            }
            ["export", assignments @ ..] => {
                for assignment in assignments {
                    if let Some((k, v)) = assignment.split_once('=') {
                        self.env.retain(|(name, _)| name != k);
                        self.env.push((k.to_string(), v.to_string()));
                    }
                }
            }
            [tool, "workspace", "select" | "new", name, ..]
                if matches!(program_name(tool), "terraform" | "tofu") =>
            {
                if let Some(env) = name.split(['-', '_', '.']).find_map(env_of_word) {
                    self.target = Some(EnvInfo::new(
                        env,
                        format!("`{tool} workspace select {name}`"),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// The text a command reads on stdin from the command piped into it, when that one prints a
/// literal (`echo "DROP …" | psql`, `printf '…' | mysql`, `cat <<SQL | psql`).
pub fn piped_text(commands: &[ShellCommand], command: &ShellCommand, text: &str) -> String {
    let Some(source) = command.piped_from.and_then(|i| commands.get(i)) else {
        return String::new();
    };
    match source.name() {
        Some("echo" | "printf") => source
            .args()
            .iter()
            .filter(|w| !w.text.starts_with('-'))
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        Some("cat") => source
            .heredocs
            .iter()
            .map(|s| s.slice(text))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// Everything a command reads on stdin: its here-documents and here-strings (spans into `text`,
/// the file) and what is piped into it.
pub fn stdin_text(commands: &[ShellCommand], command: &ShellCommand, text: &str) -> String {
    if command.heredocs.is_empty() && command.piped_from.is_none() {
        return String::new();
    }
    let mut out: Vec<String> = command
        .heredocs
        .iter()
        .filter_map(|s| text.get(s.start..s.end))
        // A here-string's word is recorded as written: its quotes are not part of the input.
        .map(|body| {
            let quoted = body.len() >= 2
                && ((body.starts_with('"') && body.ends_with('"'))
                    || (body.starts_with('\'') && body.ends_with('\'')));
            if quoted {
                body[1..body.len() - 1].to_string()
            } else {
                body.to_string()
            }
        })
        .collect();
    let piped = piped_text(commands, command, text);
    if !piped.is_empty() {
        out.push(piped);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tools(script: &str) -> Vec<(String, String)> {
        let parsed = shell::parse(script, 0);
        parsed
            .commands
            .iter()
            .flat_map(|c| invocations(c, &stdin_text(&parsed.commands, c, script)))
            .map(|i| (i.tool.clone(), i.arg_texts().join(" ")))
            .collect()
    }

    fn first(script: &str) -> (String, String) {
        tools(script).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn wrappers_are_unwrapped() {
        assert_eq!(first("sudo -u postgres dropdb app").0, "dropdb");
        assert_eq!(first("timeout 60 terraform destroy").1, "destroy");
        assert_eq!(first("env TF_LOG=1 terraform destroy").0, "terraform");
        assert_eq!(
            first("op run --env-file=.env -- terraform destroy").0,
            "terraform"
        );
        assert_eq!(
            first("aws-vault exec prod -- aws s3 rb s3://x --force").1,
            "s3 rb s3://x --force"
        );
        assert_eq!(
            first("railway run -e production npx prisma migrate reset").0,
            "prisma"
        );
        assert_eq!(first("npx -y prisma@5.1.0 migrate reset").0, "prisma");
        assert_eq!(first("pnpm exec prisma migrate reset").0, "prisma");
        assert_eq!(first("yarn prisma migrate reset").0, "prisma");
        assert_eq!(first("uv run alembic downgrade base").0, "alembic");
        assert_eq!(first("bundle exec rake db:drop").0, "rake");
        assert_eq!(first("/usr/local/bin/psql -c x").0, "psql");
    }

    #[test]
    fn scripts_and_remote_commands_are_read() {
        assert_eq!(
            tools("bash -c 'cd infra && terraform destroy -auto-approve'"),
            vec![
                ("cd".to_string(), "infra".to_string()),
                ("terraform".to_string(), "destroy -auto-approve".to_string())
            ]
        );
        assert_eq!(first("ssh -i key.pem admin@db 'dropdb app'").0, "dropdb");
        assert_eq!(
            first("docker exec -it db psql -U app -c 'DROP TABLE x'").0,
            "psql"
        );
        assert_eq!(first("docker compose exec -T db dropdb app").0, "dropdb");
        assert_eq!(
            first("kubectl exec -n prod pg-0 -- psql -c 'DROP TABLE x'").0,
            "psql"
        );
        // Not a wrapper: a new container from an image.
        assert_eq!(first("docker run --rm postgres:16 psql").0, "docker");
    }

    #[test]
    fn piped_and_heredoc_text_reaches_the_program() {
        let parsed = shell::parse("echo 'DROP TABLE users' | psql \"$URL\"", 0);
        let psql = &parsed.commands[1];
        let stdin = stdin_text(&parsed.commands, psql, "");
        assert_eq!(stdin, "DROP TABLE users");
        let text = "psql <<SQL\nDROP SCHEMA public CASCADE;\nSQL\n";
        let parsed = shell::parse(text, 0);
        assert!(stdin_text(&parsed.commands, &parsed.commands[0], text).contains("DROP SCHEMA"));
        // A here-string feeds its word, without the quotes.
        let text = "psql \"$URL\" <<< \"DROP TABLE users;\"";
        let parsed = shell::parse(text, 0);
        assert_eq!(
            stdin_text(&parsed.commands, &parsed.commands[0], text),
            "DROP TABLE users;"
        );
        // `||` does not feed.
        let parsed = shell::parse("echo 'DROP TABLE x' || psql", 0);
        assert_eq!(stdin_text(&parsed.commands, &parsed.commands[1], ""), "");
    }
}
