//! Which commands destroy data or infrastructure, against which target, and whether anything makes
//! a human confirm them: the one answer every rule, the inventory and `explain` consult.
//!
//! A command is first read as the shell runs it ([`super::invocation`]: wrappers
//! unwrapped, `bash -c` and `ssh` scripts read, stdin followed); each program it runs is then
//! looked up in the [`catalogue`] (tools and their options, destructive operations, the cloud CLIs'
//! delete verbs), and the content-read tools have their own readers: SQL clients ([`sql`]), Redis,
//! the MongoDB shell, and HTTP clients (REST `DELETE`, GraphQL delete mutations).

pub mod catalogue;
pub mod sql;

use catalogue::{
    Backups, Confirm, Family, Needs, Operation, Tool, VerbPosition, CLOUD_VERBS,
    DANGEROUS_RM_TARGETS, DATA_DIRECTORIES, DATA_DIRECTORY_WORDS, HARMLESS_FLAGS, OPERATIONS,
    SQL_CLIENTS, TOOLS,
};

use std::collections::HashSet;
use std::sync::LazyLock;

use super::invocation::{self, Arg, Invocation};
use super::CommandFact;
use crate::environments::{env_of_path, env_of_word, EnvInfo};
use crate::syntax::ShellCommand;

/// A destructive command as recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destructive {
    /// What it destroys, for messages: "deletes a Railway volume and the backups stored inside it".
    pub effect: &'static str,
    /// The operation as recognised, e.g. `railway volume delete`, `psql … DROP TABLE`.
    pub shown: String,
    /// Nobody is asked before it runs where no one is at a terminal (CI, an agent's shell).
    pub unconfirmed: bool,
    pub confirmation: Confirmation,
    pub backups: Backups,
    pub family: Family,
    /// The target named in the arguments, when it shows an environment.
    pub target: Option<EnvInfo>,
}

/// Whether, and how, a destructive command gets a human's yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    /// It asks, and without a terminal fails instead of proceeding.
    Asks,
    /// It would ask, but this flag or variable answers yes for it.
    Skipped(String),
    /// The tool never asks.
    NeverAsks,
    /// It asks only on a terminal; in CI or an agent's shell it goes ahead.
    NoTerminal,
}

impl Confirmation {
    /// For messages: "its confirmation is turned off by `-auto-approve`", "the tool never asks".
    pub fn describe(&self) -> String {
        match self {
            Confirmation::Asks => "it asks for confirmation".to_string(),
            Confirmation::Skipped(by) => format!("`{by}` turns its confirmation off"),
            Confirmation::NeverAsks => "the tool never asks for confirmation".to_string(),
            Confirmation::NoTerminal => {
                "it asks only on a terminal, and goes ahead without one".to_string()
            }
        }
    }
}

/// The catalogue by family, for `explain` and the rule pages: each family's tools, in the order
/// the catalogue lists them.
pub fn families() -> Vec<(Family, Vec<&'static str>)> {
    let mut out: Vec<(Family, Vec<&'static str>)> = Vec::new();
    let mut add =
        |family: Family, name: &'static str| match out.iter_mut().find(|(f, _)| *f == family) {
            Some((_, names)) if !names.contains(&name) => names.push(name),
            Some(_) => {}
            None => out.push((family, vec![name])),
        };
    for tool in TOOLS {
        if OPERATIONS.iter().any(|op| tool.names.contains(&op.tool))
            || CLOUD_VERBS.iter().any(|v| tool.names.contains(&v.tool))
        {
            add(tool.family, tool.names[0]);
        }
    }
    for client in SQL_CLIENTS {
        add(Family::Database, client.names[0]);
    }
    for name in ["redis-cli", "mongosh"] {
        add(Family::Database, name);
    }
    for name in ["curl", "wget", "httpie", "xh", "gh api"] {
        add(Family::Http, name);
    }
    add(Family::Shell, "rm -rf");
    out.sort_by_key(|(family, _)| *family);
    out
}

/// Recognise a destructive command: the first destructive program it runs.
pub fn classify(command: &ShellCommand) -> Option<Destructive> {
    classify_with_stdin(command, "")
}

/// [`classify`] for a command found in a file, with what it reads on stdin.
pub fn classify_fact(fact: &CommandFact) -> Option<Destructive> {
    if !may_run_known_program(&fact.command) {
        return None;
    }
    let mut found = invocation::invocations_with_env(&fact.command, &fact.stdin, &fact.env)
        .iter()
        .find_map(classify_invocation)?;
    // What the script selected before (`cd envs/prod`, `terraform workspace select prod`).
    if found.target.is_none() {
        found.target = fact.context.clone();
    }
    Some(found)
}

/// [`classify`], with the text the command reads on stdin (here-documents, a piped `echo`).
pub fn classify_with_stdin(command: &ShellCommand, stdin: &str) -> Option<Destructive> {
    if !may_run_known_program(command) {
        return None;
    }
    invocation::invocations(command, stdin)
        .iter()
        .find_map(classify_invocation)
}

/// Recognise one program's run.
pub fn classify_invocation(inv: &Invocation) -> Option<Destructive> {
    let args = inv.arg_texts();
    if args.iter().any(|a| HARMLESS_FLAGS.contains(a)) {
        return None;
    }
    let lowered = catalogue_name(&inv.tool);
    let name = lowered.as_str();
    if let Some(found) = sql_client(inv) {
        return Some(found);
    }
    match name {
        "rm" => return rm(&args),
        "redis-cli" | "valkey-cli" | "keydb-cli" => return redis(inv),
        "mongosh" | "mongo" => return mongo(inv, &args),
        "curl" | "wget" | "http" | "https" | "xh" | "httpie" => return http(name, &args),
        "gh" if args.first() == Some(&"api") => return http("gh", &args),
        _ => {}
    }
    let tool = tool_of(name)?;
    let positionals = positionals(&inv.args, tool.value_options);
    let words: Vec<&str> = positionals.iter().map(|a| a.text.as_str()).collect();
    let operation = OPERATIONS
        .iter()
        .filter(|op| tool.names.contains(&op.tool))
        .find(|op| matches_operation(op, &words, &args))
        .or_else(|| {
            // Under `xargs` the rest of the command comes from stdin: `… | xargs kubectl delete`.
            if !inv.wrappers.iter().any(|w| w == "xargs") || words.is_empty() {
                return None;
            }
            OPERATIONS
                .iter()
                .filter(|op| tool.names.contains(&op.tool))
                .find(|op| starts_path(op, &words))
        });
    let (destroys, backups, confirm, path_len) = match operation {
        Some(op) => (
            op.destroys,
            op.backups,
            op.confirm.unwrap_or(tool.confirm),
            op.path.len(),
        ),
        None => {
            let (destroys, len) = cloud_verb(tool, &words)?;
            (destroys, Backups::Unknown, tool.confirm, len)
        }
    };
    // The flag that makes it destructive belongs in what is shown (`aws s3 sync --delete`),
    // unless it is the one that turns the confirmation off, which the message names anyway.
    let skips = |flag: &str| match confirm {
        Confirm::Asks { skip_flags, .. } | Confirm::AsksOnTerminal { skip_flags, .. } => {
            skip_flags.contains(&flag)
        }
        Confirm::Never => false,
    };
    let needed_flag = operation.and_then(|op| match op.needs {
        Needs::AnyFlag(flags) => flags
            .iter()
            .copied()
            .find(|f| has_flag(&args, f))
            .filter(|f| !skips(f)),
        // `rails db:drop`, `flyway clean`: the task that destroys.
        Needs::AnyWord(words) => words.iter().copied().find(|w| args.contains(w)),
        _ => None,
    });
    let shown_words: Vec<&str> = std::iter::once(name)
        .chain(words.iter().take(path_len).copied())
        .chain(needed_flag)
        .collect();
    Some(found(
        tool.family,
        destroys,
        shown_words.join(" "),
        backups,
        confirmation(confirm, inv, &args),
        target(inv, tool.target_options),
    ))
}

/// Whether a command prefix that an agent may complete with any further arguments
/// (`Bash(kubectl delete:*)`, `Bash(railway volume delete:*)`) can run a destructive operation:
/// the prefix names a tool and the start of one of its destructive paths. A bare tool name is not
/// judged here (every tool can do something destructive; whole-tool allows are judged apart).
pub fn classify_prefix(prefix: &str) -> Option<Destructive> {
    let script = crate::syntax::shell::parse(prefix, 0);
    let command = script.commands.first()?;
    if let Some(exact) = classify(command) {
        return Some(exact);
    }
    let inv = invocation::invocations(command, "").into_iter().next()?;
    let tool = tool_of(&inv.tool)?;
    let positionals = positionals(&inv.args, tool.value_options);
    let words: Vec<&str> = positionals.iter().map(|a| a.text.as_str()).collect();
    if words.is_empty() {
        return None;
    }
    let op = OPERATIONS
        .iter()
        .filter(|op| tool.names.contains(&op.tool))
        .find(|op| starts_path(op, &words))?;
    let args = inv.arg_texts();
    Some(found(
        tool.family,
        op.destroys,
        std::iter::once(inv.tool.as_str())
            .chain(words.iter().copied())
            .collect::<Vec<_>>()
            .join(" "),
        op.backups,
        confirmation(op.confirm.unwrap_or(tool.confirm), &inv, &args),
        target(&inv, tool.target_options),
    ))
}

fn found(
    family: Family,
    effect: &'static str,
    shown: String,
    backups: Backups,
    confirmation: Confirmation,
    target: Option<EnvInfo>,
) -> Destructive {
    Destructive {
        effect,
        shown,
        unconfirmed: confirmation != Confirmation::Asks,
        confirmation,
        backups,
        family,
        target,
    }
}

/// Programs the catalogue or a reader knows, and the wrappers that can hide one.
static KNOWN_PROGRAMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set: HashSet<&'static str> = HashSet::new();
    set.extend(TOOLS.iter().flat_map(|t| t.names.iter().copied()));
    set.extend(SQL_CLIENTS.iter().flat_map(|c| c.names.iter().copied()));
    set.extend(invocation::WRAPPERS.iter().map(|(name, _)| *name));
    set.extend([
        "rm",
        "redis-cli",
        "valkey-cli",
        "keydb-cli",
        "mongosh",
        "mongo",
        "curl",
        "wget",
        "http",
        "https",
        "xh",
        "httpie",
    ]);
    set
});

/// A cheap first look: whether the program a command starts with (after `NAME=value` words) is
/// one the catalogue knows or a wrapper that may run one. Most commands in CI (`npm ci`, `cd`,
/// `echo`) are neither, and need no further reading.
fn may_run_known_program(command: &ShellCommand) -> bool {
    let Some(first) = command.words.first() else {
        return false;
    };
    let name = invocation::program_name(&first.text);
    KNOWN_PROGRAMS.contains(name)
        || (name.bytes().any(|b| b.is_ascii_uppercase() || b == b'.')
            && KNOWN_PROGRAMS.contains(catalogue_name(name).as_str()))
}

fn tool_of(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|t| t.names.contains(&name))
}

/// The program name as the catalogue spells it: Windows tools are written in any case
/// (`SqlCmd`), and `mvnw` / `gradlew` stand for their tools.
fn catalogue_name(tool: &str) -> String {
    tool.trim_end_matches(".exe").to_ascii_lowercase()
}

/// The positional words: options (and the values of those in `value_options`) skipped.
fn positionals<'a>(args: &'a [Arg], value_options: &[&str]) -> Vec<&'a Arg> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        let text = arg.text.as_str();
        i += 1;
        if text == "--" {
            out.extend(args[i..].iter());
            break;
        }
        if text.starts_with('-') && text.len() > 1 {
            if !text.contains('=') && value_options.contains(&text) {
                i += 1;
            }
            continue;
        }
        out.push(arg);
    }
    out
}

/// Whether a word stands for one of `accepted`: itself, what precedes a `/` (`namespace/prod`),
/// or one of its `,`-separated parts (`deploy,pvc`).
fn word_matches(word: &str, accepted: &[&str]) -> bool {
    let base = |w: &str| w.split('/').next().unwrap_or(w).to_ascii_lowercase();
    accepted.contains(&"*")
        || accepted.contains(&word)
        || word
            .split(',')
            .any(|part| accepted.contains(&base(part).as_str()))
}

fn has_flag(args: &[&str], flag: &str) -> bool {
    args.iter()
        .any(|a| *a == flag || a.split_once('=').is_some_and(|(f, _)| f == flag))
}

/// Whether `words` are the start of `op`'s path (the rest may follow).
fn starts_path(op: &Operation, words: &[&str]) -> bool {
    words.len() <= op.path.len()
        && op
            .path
            .iter()
            .zip(words)
            .all(|(accepted, word)| word_matches(&program_basename(word, op), accepted))
}

fn matches_operation(op: &Operation, words: &[&str], args: &[&str]) -> bool {
    let path_ok = op.path.len() <= words.len()
        && op
            .path
            .iter()
            .zip(words)
            .all(|(accepted, word)| word_matches(&program_basename(word, op), accepted));
    if !path_ok {
        return false;
    }
    match op.needs {
        Needs::Nothing => true,
        Needs::AnyFlag(flags) => flags.iter().any(|f| has_flag(args, f)),
        Needs::AnyWord(accepted) => args.iter().any(|a| accepted.contains(a)),
        Needs::FlagValue(flag, value) => {
            args.windows(2).any(|w| w[0] == flag && w[1] == value)
                || args
                    .iter()
                    .any(|a| a.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) == Some(value))
        }
    }
}

/// `manage.py` however it is reached (`./manage.py`, `app/manage.py`).
fn program_basename(word: &str, op: &Operation) -> String {
    if op.tool == "python" {
        word.rsplit('/').next().unwrap_or(word).to_string()
    } else {
        word.to_string()
    }
}

/// A cloud CLI's generic delete verb: (what it destroys, words of the path to show).
fn cloud_verb(tool: &Tool, words: &[&str]) -> Option<(&'static str, usize)> {
    let rule = CLOUD_VERBS.iter().find(|v| tool.names.contains(&v.tool))?;
    let is_verb = |w: &str| {
        rule.verbs.iter().any(|v| {
            if v.ends_with('-') {
                w.starts_with(v)
            } else {
                w == *v
            }
        })
    };
    let position = match rule.position {
        VerbPosition::At(n) => words.get(n).filter(|w| is_verb(w)).map(|_| n)?,
        VerbPosition::Within(n) => words.iter().take(n).position(|w| is_verb(w))?,
    };
    let path = &words[..=position];
    // AWS operation names contain their object (`delete-bucket-policy`); gcloud and az name
    // command groups, which must match whole.
    let settings = path.first().is_some_and(|w| rule.top_groups.contains(w))
        || path.iter().any(|w| {
            rule.settings.iter().any(|s| match rule.position {
                VerbPosition::At(_) => w.contains(s),
                VerbPosition::Within(_) => w == s,
            })
        });
    (!settings && position > 0).then_some((rule.destroys, position + 1))
}

/// How the operation confirms, given the tool's default and what the command line says.
fn confirmation(confirm: Confirm, inv: &Invocation, args: &[&str]) -> Confirmation {
    let skipped = |flags: &[&str], env: &[(&str, &str)]| -> Option<String> {
        if let Some(flag) = flags.iter().find(|f| has_flag(args, f)) {
            return Some((*flag).to_string());
        }
        // Variables set before the command, by its job, or as `NAME=value` arguments (which
        // rake and make read as variables too).
        let assigned = inv.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(
            args.iter()
                .filter_map(|a| a.split_once('='))
                .filter(|(k, _)| !k.starts_with('-')),
        );
        let assigned: Vec<(&str, &str)> = assigned.collect();
        env.iter()
            .find(|(name, needle)| {
                assigned
                    .iter()
                    .any(|(k, v)| k == name && (needle.is_empty() || v.contains(needle)))
            })
            .map(|(name, _)| format!("{name}=…"))
    };
    match confirm {
        Confirm::Never => Confirmation::NeverAsks,
        Confirm::Asks {
            skip_flags,
            skip_env,
        } => skipped(skip_flags, skip_env)
            .map(Confirmation::Skipped)
            .unwrap_or(Confirmation::Asks),
        Confirm::AsksOnTerminal {
            skip_flags,
            skip_env,
        } => skipped(skip_flags, skip_env)
            .map(Confirmation::Skipped)
            .unwrap_or(Confirmation::NoTerminal),
    }
}

/// The environment the command's own arguments point at: a target option's value
/// (`--context prod`, `-chdir=envs/prod`, `--project acme-prod`), or an environment variable
/// that selects one (`RAILS_ENV=production`).
fn target(inv: &Invocation, target_options: &[&str]) -> Option<EnvInfo> {
    // (option or variable, value, how to show them together)
    let mut values: Vec<(&str, &str, &str)> = Vec::new();
    let mut iter = inv.args.iter().peekable();
    while let Some(arg) = iter.next() {
        let text = arg.text.as_str();
        if let Some((flag, value)) = text.split_once('=') {
            if target_options.contains(&flag) {
                values.push((flag, value, "="));
            }
        } else if target_options.contains(&text) {
            if let Some(value) = iter.peek() {
                values.push((text, value.text.as_str(), " "));
            }
        }
    }
    for (name, value) in &inv.env {
        if matches!(
            name.as_str(),
            "RAILS_ENV"
                | "RACK_ENV"
                | "MIX_ENV"
                | "APP_ENV"
                | "ENVIRONMENT"
                | "ENV"
                | "STAGE"
                | "AWS_PROFILE"
                | "CLOUDSDK_CORE_PROJECT"
                | "KUBECONTEXT"
                | "TF_WORKSPACE"
        ) {
            values.push((name.as_str(), value.as_str(), "="));
        }
    }
    values.into_iter().find_map(|(option, value, joiner)| {
        let env = value
            .split(['-', '_', '.', '/', ':', '@', ' '])
            .find_map(env_of_word)
            .or_else(|| env_of_path(value).map(|e| e.env))?;
        Some(EnvInfo::new(env, format!("`{option}{joiner}{value}`")))
    })
}

// --- content-read tools -------------------------------------------------------------------

fn sql_client(inv: &Invocation) -> Option<Destructive> {
    let name = catalogue_name(&inv.tool);
    let client = SQL_CLIENTS
        .iter()
        .find(|c| c.names.contains(&name.as_str()))?;
    let positionals = positionals(
        &inv.args,
        &[client.value_options, client.sql_options].concat(),
    );
    if let Some(sub) = client.subcommand {
        if positionals.first().map(|a| a.text.as_str()) != Some(sub) {
            return None;
        }
    }
    let mut texts: Vec<&str> = Vec::new();
    let mut iter = inv.args.iter().peekable();
    while let Some(arg) = iter.next() {
        let text = arg.text.as_str();
        if let Some((flag, value)) = text.split_once('=') {
            if client.sql_options.contains(&flag) {
                texts.push(value);
            }
        } else if client.sql_options.contains(&text) {
            if let Some(value) = iter.peek() {
                texts.push(value.text.as_str());
            }
        } else if let Some(rest) =
            client
                .sql_options
                .iter()
                .filter(|o| o.len() == 2)
                .find_map(|o| {
                    text.strip_prefix(o)
                        .filter(|r| !r.is_empty() && !text.starts_with("--"))
                })
        {
            // `-c"DROP …"` written together.
            texts.push(rest);
        }
    }
    if let Some(n) = client.sql_positional {
        if let Some(arg) = positionals.get(n) {
            texts.push(arg.text.as_str());
        }
    }
    texts.push(inv.stdin.as_str());
    let statement = texts.iter().find_map(|t| sql::destructive_statement(t))?;
    Some(client_finding(
        "drops or empties database objects",
        format!("{} … {statement}", inv.tool),
        target(inv, client.target_options),
    ))
}

/// What a database client does with the statement or command it was given: it never asks.
fn client_finding(effect: &'static str, shown: String, target: Option<EnvInfo>) -> Destructive {
    found(
        Family::Database,
        effect,
        shown,
        Backups::Unknown,
        Confirmation::NeverAsks,
        target,
    )
}

fn rm(args: &[&str]) -> Option<Destructive> {
    // Recursive and forced: `-rf`, `-fr`, `-r -f`, `--recursive --force`.
    let flags: String = args
        .iter()
        .filter(|a| a.starts_with('-') && !a.starts_with("--"))
        .flat_map(|a| a.chars().skip(1))
        .collect();
    let recursive = flags.contains('r') || flags.contains('R') || has_flag(args, "--recursive");
    let forced = flags.contains('f') || has_flag(args, "--force");
    let target = args.iter().find(|a| {
        !a.starts_with('-') && {
            let t = a.trim_end_matches('/');
            DANGEROUS_RM_TARGETS.contains(&t)
                || DATA_DIRECTORIES.iter().any(|d| t.starts_with(d))
                || t.split('/')
                    .any(|segment| DATA_DIRECTORY_WORDS.contains(&segment))
        }
    })?;
    (recursive && forced).then(|| Destructive {
        effect: "deletes a whole directory tree without asking",
        shown: format!("rm -rf {target}"),
        unconfirmed: true,
        confirmation: Confirmation::Skipped("-f".to_string()),
        backups: Backups::Unknown,
        family: Family::Shell,
        target: None,
    })
}

fn redis(inv: &Invocation) -> Option<Destructive> {
    const VALUE_OPTIONS: &[&str] = &[
        "-h",
        "-p",
        "-a",
        "-n",
        "-u",
        "--user",
        "--pass",
        "-s",
        "--tls-cert",
        "--tls-key",
        "--cacert",
        "-r",
        "-i",
    ];
    let words: Vec<&str> = positionals(&inv.args, VALUE_OPTIONS)
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    let flush = sql::redis_flush(&words).or_else(|| {
        inv.stdin
            .lines()
            .find_map(|line| sql::redis_flush(&line.split_whitespace().collect::<Vec<_>>()))
    })?;
    Some(client_finding(
        "deletes every key",
        format!("{} {flush}", inv.tool),
        target(inv, &["-h", "-u"]),
    ))
}

fn mongo(inv: &Invocation, args: &[&str]) -> Option<Destructive> {
    let mut code: Vec<&str> = Vec::new();
    let mut iter = args.iter().peekable();
    while let Some(arg) = iter.next() {
        if let Some(value) = arg.strip_prefix("--eval=") {
            code.push(value);
        } else if *arg == "--eval" {
            if let Some(value) = iter.peek() {
                code.push(value);
            }
        }
    }
    code.push(inv.stdin.as_str());
    let what = code.iter().find_map(|c| sql::mongo_destructive(c))?;
    Some(client_finding(
        "drops or empties MongoDB data",
        format!("{} … {what}", inv.tool),
        target(inv, &["--host"]),
    ))
}

/// GraphQL mutations that delete data or the backups of data (Railway's public API), and the
/// general shape of delete mutations elsewhere.
const DELETE_MUTATIONS: &[&str] = &[
    "volumeDelete",
    "volumeInstanceBackupDelete",
    "volumeInstanceBackupBatchDelete",
    "serviceDelete",
    "environmentDelete",
    "projectDelete",
];

fn http(name: &str, args: &[&str]) -> Option<Destructive> {
    // HTTPie's `--offline` builds the request and prints it without sending it.
    if args.contains(&"--offline") {
        return None;
    }
    let mut method: Option<String> = None;
    let mut iter = args.iter().peekable();
    let mut urls: Vec<&str> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    while let Some(arg) = iter.next() {
        let upper = arg.to_ascii_uppercase();
        if matches!(*arg, "-X" | "--request" | "--method" | "-m") {
            method = iter.peek().map(|m| m.to_ascii_uppercase());
        } else if let Some(m) = arg.strip_prefix("-X").filter(|m| !m.is_empty()) {
            method = Some(m.to_ascii_uppercase());
        } else if let Some(m) = arg
            .strip_prefix("--request=")
            .or_else(|| arg.strip_prefix("--method="))
        {
            method = Some(m.to_ascii_uppercase());
        } else if matches!(
            *arg,
            "-d" | "--data"
                | "--data-raw"
                | "--data-binary"
                | "--json"
                | "--body-data"
                | "--post-data"
                | "-f"
                | "--raw-field"
                | "-F"
                | "--field"
                | "--input"
        ) {
            if let Some(value) = iter.peek() {
                body.push(value);
            }
        } else if matches!(name, "http" | "https" | "xh" | "httpie")
            && method.is_none()
            && matches!(upper.as_str(), "DELETE" | "GET" | "POST" | "PUT" | "PATCH")
        {
            method = Some(upper);
        } else if arg.contains("://") || arg.starts_with("localhost") || arg.contains('/') {
            urls.push(arg);
        } else {
            body.push(arg);
        }
    }
    let url = urls.first().copied().unwrap_or("");
    let text = body.join(" ");
    if let Some(mutation) = DELETE_MUTATIONS.iter().find(|m| text.contains(*m)) {
        return Some(Destructive {
            effect: if mutation.starts_with("volume") {
                "deletes data through the API; a Railway volume takes its backups with it"
            } else {
                "deletes infrastructure through the API"
            },
            shown: format!("{name} … {mutation}"),
            unconfirmed: true,
            confirmation: Confirmation::NeverAsks,
            backups: if mutation.starts_with("volume") {
                Backups::GoWith
            } else {
                Backups::Unknown
            },
            family: Family::Http,
            target: None,
        });
    }
    let by_query = url.contains("_delete_by_query");
    if method.as_deref() != Some("DELETE") && !by_query {
        return None;
    }
    if url.is_empty() && name != "gh" {
        return None;
    }
    let target = crate::environments::env_of_host(host_of(url));
    Some(Destructive {
        effect: "deletes through the API",
        shown: format!("{name} DELETE {}", shorten(url)),
        unconfirmed: true,
        confirmation: Confirmation::NeverAsks,
        backups: Backups::Unknown,
        family: Family::Http,
        target,
    })
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', ':', '?']).next().unwrap_or(rest)
}

/// A URL for messages: scheme and host, and the path cut after 60 characters.
fn shorten(url: &str) -> String {
    if url.chars().count() <= 60 {
        url.to_string()
    } else {
        let cut: String = url.chars().take(57).collect();
        format!("{cut}…")
    }
}

/// Tools that reach networks, clouds or databases: allowing them with any argument allows
/// destruction.
pub const NETWORK_TOOLS: &[&str] = &[
    "curl",
    "wget",
    "http",
    "aws",
    "gcloud",
    "gsutil",
    "az",
    "terraform",
    "tofu",
    "terragrunt",
    "pulumi",
    "railway",
    "psql",
    "mysql",
    "mongosh",
    "redis-cli",
    "kubectl",
    "helm",
    "fly",
    "flyctl",
    "heroku",
    "supabase",
    "prisma",
    "docker",
    "gh",
    "rm",
    "ssh",
    "sudo",
    "vercel",
    "neonctl",
    "pscale",
    "doctl",
];

/// Words that name the tools [`classify`] knows (a few with a trailing space, so `az ` is not found
/// inside `lazy`). Text that holds none of them holds no destructive command, so callers scanning
/// prose (agent instructions) skip it without parsing. A test keeps this list in step with
/// [`classify`].
pub const TOOL_WORDS: &[&str] = &[
    "terraform",
    "tofu",
    "terragrunt",
    "pulumi",
    "railway",
    "curl",
    "wget",
    "http",
    "aws",
    "gcloud",
    "gsutil",
    "az ",
    "kubectl",
    "helm",
    "fly",
    "heroku",
    "supabase",
    "neonctl",
    "pscale",
    "gh ",
    "docker",
    "podman",
    "prisma",
    "rails",
    "rake",
    "artisan",
    "flush",
    "dropdb",
    "psql",
    "mysql",
    "mariadb",
    "sqlcmd",
    "cockroach",
    "redis",
    "mongo",
    "rm ",
];

/// The words of the program a command really runs (wrappers unwrapped as in [`invocation`]):
/// the program's name first. For the rules that read a tool's own arguments (dump destinations,
/// agent launch flags).
pub fn effective_words(command: &ShellCommand) -> Vec<String> {
    invocation::invocations(command, "")
        .into_iter()
        .next()
        .map(|inv| {
            std::iter::once(inv.tool)
                .chain(inv.args.into_iter().map(|a| a.text))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell;

    fn first(script: &str) -> Option<Destructive> {
        shell::parse(script, 0).commands.iter().find_map(classify)
    }

    #[test]
    fn recognises_the_incident_call() {
        let d = first(
            r#"curl -X POST https://backboard.railway.com/graphql/v2 -H "Authorization: Bearer $T" -d '{"query":"mutation { volumeDelete(volumeId: \"v\") }"}'"#,
        );
        assert!(d.is_some_and(|d| d.unconfirmed && d.shown.contains("volumeDelete")));
    }

    #[test]
    fn flags_decide_confirmation() {
        assert_eq!(
            first("terraform destroy").map(|d| d.unconfirmed),
            Some(false)
        );
        assert_eq!(
            first("terraform destroy -auto-approve").map(|d| d.unconfirmed),
            Some(true)
        );
        assert_eq!(
            first("sudo railway volume delete --volume v --yes").map(|d| d.unconfirmed),
            Some(true)
        );
        assert_eq!(
            first("npx prisma migrate reset --force").map(|d| d.shown),
            Some("prisma migrate reset".to_string())
        );
        assert!(first("terraform plan").is_none());
        assert!(first("docker compose down").is_none());
        assert!(first("docker compose down -v").is_some());
        assert!(first("echo terraform destroy").is_none());
        assert!(first("rm -rf ~/").is_some());
        assert!(first("rm -r -f /var/lib/postgresql/data").is_some());
        assert!(first("rm -rf node_modules dist").is_none());
        assert!(first("rm -r ~").is_none());
    }

    /// Every tool [`classify`] knows, by one destructive sample: the prose prefilter
    /// ([`TOOL_WORDS`]) must find each, or instructions naming that tool would be skipped unread.
    #[test]
    fn tool_words_cover_every_tool_classify_knows() {
        let samples = [
            "terraform destroy",
            "tofu destroy",
            "terragrunt destroy",
            "pulumi destroy",
            "railway volume delete --volume v",
            "xh POST https://backboard.railway.com/graphql/v2 query=volumeDelete",
            "aws rds delete-db-instance --db-instance-identifier x",
            "gcloud sql instances delete x",
            "gsutil rm -r gs://bucket",
            "az group delete --name rg",
            "kubectl delete namespace prod",
            "helm uninstall app",
            "flyctl volumes destroy vol_1",
            "heroku pg:reset DATABASE",
            "neonctl projects delete p",
            "pscale database delete db",
            "gh repo delete org/repo",
            "docker-compose down -v",
            "podman volume rm data",
            "prisma migrate reset",
            "rails db:drop",
            "php artisan migrate:fresh",
            "django-admin flush",
            "dropdb app",
            "rm -rf /var/lib/postgresql/data",
            "psql -c 'DROP DATABASE app'",
            "sqlcmd -Q 'DROP DATABASE app'",
            "redis-cli FLUSHALL",
            "mongosh --eval 'db.dropDatabase()'",
        ];
        let finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(TOOL_WORDS)
            .ok();
        for sample in samples {
            assert!(first(sample).is_some(), "classify misses `{sample}`");
            assert!(
                finder.as_ref().is_some_and(|f| f.is_match(sample)),
                "TOOL_WORDS misses `{sample}`"
            );
        }
    }
}
