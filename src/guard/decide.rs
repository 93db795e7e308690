//! The decision: what a tool call would do (the command model's reading of a shell command, an
//! MCP tool's name and arguments, a file read), which environment it reaches, which credential it
//! would act with, and whether backups go with the data — from the repository's perimeter.
//!
//! | the call | reaches | answer |
//! | --- | --- | --- |
//! | destructive | production | deny |
//! | destructive | an unknown environment, with an account-wide, admin or live credential in reach | deny |
//! | destructive | an unknown environment, backups that die with the data | deny |
//! | destructive | staging, development, or unknown without either | ask |
//! | reads a file that holds secrets | — | `[guard] secret-files` (ask) |
//! | anything else | — | allow (no objection) |

use std::path::Path;

use serde_json::Value;

use super::perimeter::{Credential, McpServer, Perimeter};
use super::protocol::{Action, Call, Decision, Verdict};
use crate::config::GuardPolicy;
use crate::environments::{env_of_path, env_of_word, Env, EnvInfo};
use crate::facts::commands::script_facts;
use crate::facts::destructive::{self, catalogue::Backups, Destructive};
use crate::facts::invocation::program_name;
use crate::facts::selectors::{production_named, selected_target};
use crate::facts::Origin;
use crate::syntax::shell;

/// Decide one call. `root` is the project root; the call's paths are read relative to it.
pub fn decide(call: &Call, perimeter: &Perimeter, root: &Path, policy: &GuardPolicy) -> Verdict {
    let cwd = call.cwd.as_deref().map(|c| relative_dir(root, c));
    match &call.action {
        Action::Shell { command, dir } => {
            let dir = match dir {
                Some(d) => Some(relative_dir(root, &join(cwd.as_deref(), d))),
                None => cwd,
            };
            shell_command(command, dir.as_deref(), perimeter, policy)
        }
        Action::Read { path } => touches_secrets(
            "the agent reads",
            std::slice::from_ref(path),
            cwd.as_deref(),
            root,
            perimeter,
            policy,
        ),
        Action::Mcp {
            server,
            launch,
            tool,
            args,
        } => {
            let paths = super::protocol::input_paths(args);
            let through = format!("MCP tool `{tool}` opens");
            let read = touches_secrets(&through, &paths, cwd.as_deref(), root, perimeter, policy);
            let known = perimeter.mcp_servers.iter().find(|m| {
                server.as_deref() == Some(m.name.as_str())
                    || launch.as_deref().is_some_and(|l| same_launch(l, &m.launch))
            });
            strictest(read, mcp_call(known, tool, args, policy))
        }
        Action::Other { tool, paths } => {
            let how = format!("`{tool}` opens");
            touches_secrets(&how, paths, cwd.as_deref(), root, perimeter, policy)
        }
    }
}

/// A tool that reads, searches or edits files that hold secrets: `[guard] secret-files`.
fn touches_secrets(
    how: &str,
    paths: &[String],
    cwd: Option<&str>,
    root: &Path,
    perimeter: &Perimeter,
    policy: &GuardPolicy,
) -> Verdict {
    for path in paths {
        let rel = relative_file(root, &join(cwd, path));
        if let Some(what) = secret_file(&rel, perimeter) {
            return verdict(
                policy.secret_files,
                format!("{how} `{rel}`, which holds secrets ({what}); an agent that reads a token can use it"),
            );
        }
    }
    allow(policy)
}

fn allow(policy: &GuardPolicy) -> Verdict {
    Verdict {
        decision: Decision::Allow,
        reason: "no destructive operation or secret read recognised".into(),
        approve: policy.approve_safe,
    }
}

fn verdict(decision: Decision, reason: String) -> Verdict {
    Verdict {
        decision,
        reason,
        approve: false,
    }
}

/// A shell command line: every command in it, the strictest answer wins.
fn shell_command(
    text: &str,
    dir: Option<&str>,
    perimeter: &Perimeter,
    policy: &GuardPolicy,
) -> Verdict {
    let script = shell::parse(text, 0);
    let mut dir = dir.map(str::to_string);
    let mut loaded: Vec<String> = Vec::new();
    let mut worst = allow(policy);
    // Read as a script in the repository is read: stdin followed, earlier selections kept.
    for fact in script_facts(&script, text, Origin::Script) {
        let command = &fact.command;
        let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
        let program = words.first().map(|w| program_name(w)).unwrap_or("");
        // `cd envs/prod && terraform destroy`: later commands run there.
        if program == "cd" {
            if let Some(target) = words.get(1) {
                dir = Some(join(dir.as_deref(), target));
            }
            continue;
        }
        // Env files loaded for what follows (`source .env.production`, `set -a; . .env`), or
        // by a wrapper (`dotenv -e .env.prod --`, `docker run --env-file`), or read outright.
        let mut reads = Vec::new();
        for (i, word) in words.iter().enumerate().skip(1) {
            let path = word.split_once('=').map_or(*word, |(_, v)| v);
            let rel = join(dir.as_deref(), path.trim_start_matches('@'));
            let Some(what) = secret_file(&rel, perimeter) else {
                continue;
            };
            let loader = matches!(program, "source" | "." | "dotenv" | "env-cmd" | "dotenvx")
                || words[..i]
                    .iter()
                    .any(|w| *w == "--env-file" || w.starts_with("--env-file="))
                || word.starts_with("--env-file=");
            if loader {
                loaded.push(rel);
            } else {
                reads.push((rel, what));
            }
        }
        if let Some((rel, what)) = reads.into_iter().next() {
            let read = verdict(
                policy.secret_files,
                format!("`{program}` reads `{rel}`, which holds secrets ({what}); an agent that reads a token can use it"),
            );
            worst = strictest(worst, read);
        }
        let Some(found) = destructive::classify_fact(&fact) else {
            continue;
        };
        let named = found
            .target
            .clone()
            .or_else(|| selected_target(&fact))
            .or_else(|| production_named(&fact));
        let target = environment(named, &words, dir.as_deref(), &loaded, perimeter);
        let credentials = in_reach(text, program, &loaded, perimeter);
        worst = strictest(
            worst,
            judge(&found, target, &credentials, perimeter, policy),
        );
    }
    worst
}

fn strictest(a: Verdict, b: Verdict) -> Verdict {
    if b.decision > a.decision {
        b
    } else {
        a
    }
}

/// The environment a destructive command reaches: what its arguments name, else an env file it
/// loads, else a host name in it, else the directory it runs in.
fn environment(
    named: Option<EnvInfo>,
    words: &[&str],
    dir: Option<&str>,
    loaded: &[String],
    perimeter: &Perimeter,
) -> Option<EnvInfo> {
    if named.is_some() {
        return named;
    }
    for file in loaded {
        if let Some(info) = env_of_path(file) {
            return Some(info);
        }
        let env = perimeter
            .credentials
            .iter()
            .filter(|c| &c.file == file)
            .find_map(|c| c.env.as_deref().and_then(env_of_word));
        if let Some(env) = env {
            return Some(EnvInfo::new(env, format!("env file `{file}`")));
        }
    }
    for word in words.iter().skip(1) {
        if let Some(host) = host_of(word) {
            let env = host
                .split(['.', '-', '_'])
                .filter_map(env_of_word)
                .find(|e| matches!(e, Env::Production | Env::Staging));
            if let Some(env) = env {
                return Some(EnvInfo::new(env, format!("host `{host}`")));
            }
        }
    }
    dir.and_then(|d| env_of_path(&format!("{d}/_")))
        .map(|info| {
            EnvInfo::new(
                info.env,
                format!("working directory `{}`", dir.unwrap_or("")),
            )
        })
}

/// The host of a URL or `user@host` word.
fn host_of(word: &str) -> Option<&str> {
    let rest = word.split_once("://").map_or(word, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = rest.split(['/', ':', '?']).next()?;
    (word.contains("://") || word.contains('@'))
        .then_some(host)
        .filter(|h| h.contains('.') || h.contains('-'))
}

/// Credentials the command would act with: variables it names (`$RAILWAY_TOKEN`), those of env
/// files it loads, and those of the provider whose CLI it runs (a CLI reads its token from the
/// environment, and the incident's token came from an unrelated file).
fn in_reach<'a>(
    text: &'a str,
    program: &str,
    loaded: &[String],
    perimeter: &'a Perimeter,
) -> Vec<&'a Credential> {
    let mut out: Vec<&Credential> = Vec::new();
    for name in referenced_variables(text) {
        out.extend(perimeter.named(name));
    }
    out.extend(
        perimeter
            .credentials
            .iter()
            .filter(|c| loaded.contains(&c.file)),
    );
    let program = program.to_ascii_lowercase();
    if !program.is_empty() {
        out.extend(perimeter.credentials.iter().filter(|c| {
            let provider = c.provider.to_ascii_lowercase();
            provider.split([' ', '/', '-']).any(|p| p == program)
        }));
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.broad));
    out.dedup();
    out
}

/// `$NAME` and `${NAME}` in a command line.
fn referenced_variables(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let start = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'{'));
            let end = text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(text.len(), |e| start + e);
            if end > start {
                out.push(&text[start..end]);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn judge(
    found: &Destructive,
    target: Option<EnvInfo>,
    credentials: &[&Credential],
    perimeter: &Perimeter,
    policy: &GuardPolicy,
) -> Verdict {
    let broad = credentials.iter().find(|c| c.broad);
    let backups_go = matches!(found.backups, Backups::GoWith | Backups::AreTheTarget)
        || !perimeter.backups_with_data.is_empty();
    let mut reason = format!("`{}` {}", found.shown, found.effect);
    match &target {
        Some(info) => reason.push_str(&format!(
            "; it reaches {} ({})",
            info.env.as_str(),
            info.evidence
        )),
        None => reason.push_str("; no environment is named, so it may be production"),
    }
    if let Some(c) = broad {
        let name = c
            .name
            .as_deref()
            .map(|n| format!(" (`{n}`)"))
            .unwrap_or_default();
        reason.push_str(&format!(
            "; in reach: {} in `{}`{name}, {}",
            c.kind, c.file, c.scope
        ));
    }
    if backups_go {
        let what = match found.backups {
            Backups::GoWith => "the provider deletes the backups with the data".to_string(),
            Backups::AreTheTarget => "it deletes backups".to_string(),
            _ => perimeter
                .backups_with_data
                .first()
                .map(|b| format!("this repository's backups die with their data ({b})"))
                .unwrap_or_default(),
        };
        reason.push_str(&format!("; {what}"));
    }
    let production = target.as_ref().is_some_and(|t| t.env == Env::Production);
    let unknown = target.is_none();
    let decision = if production || (unknown && (broad.is_some() || backups_go)) {
        policy.production
    } else {
        policy.destructive
    };
    let safer = match decision {
        Decision::Deny => "; safer: run it yourself against a named non-production environment, with a credential scoped to it",
        _ => "",
    };
    verdict(decision, format!("{reason}{safer}"))
}

/// What makes a file a secret file: credentials the perimeter found in it, or a real `.env` name.
fn secret_file(rel: &str, perimeter: &Perimeter) -> Option<String> {
    let held: Vec<&Credential> = perimeter
        .credentials
        .iter()
        .filter(|c| c.file == rel)
        .collect();
    if let Some(c) = held.iter().find(|c| c.broad).or(held.first()) {
        let name = c
            .name
            .as_deref()
            .map(|n| format!(" `{n}`"))
            .unwrap_or_default();
        return Some(format!("{}{name}, {}", c.kind, c.scope));
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let template = crate::environments::is_template_file(name);
    (name.starts_with(".env") && !template && name != ".envrc")
        .then(|| "an environment file".to_string())
}

/// An MCP tool call: destructive by its name or by the SQL, Redis or MongoDB text in its arguments.
/// Whether two command lines (or URLs) start the same server, blanks aside.
fn same_launch(a: &str, b: &str) -> bool {
    !b.is_empty() && a.split_whitespace().eq(b.split_whitespace())
}

fn mcp_call(known: Option<&McpServer>, tool: &str, args: &Value, policy: &GuardPolicy) -> Verdict {
    let mut what: Option<String> = None;
    let verb = tool
        .split(['_', '-', '.', ':'])
        .flat_map(split_camel)
        .map(|w| w.to_ascii_lowercase())
        .find(|w| DESTRUCTIVE_VERBS.contains(&w.as_str()));
    if let Some(verb) = verb {
        what = Some(format!("MCP tool `{tool}` ({verb})"));
    }
    let mut strings = Vec::new();
    collect_strings(args, &mut strings);
    for text in strings {
        if let Some(statement) = destructive::sql::destructive_statement(text)
            .or_else(|| destructive::sql::mongo_destructive(text))
        {
            what = Some(format!("MCP tool `{tool}` runs `{statement}`"));
            break;
        }
    }
    let Some(what) = what else {
        return allow(policy);
    };
    let production = known.is_some_and(|m| m.env.as_deref() == Some("production"));
    let broad = known.is_some_and(|m| m.broad);
    let mut reason = what;
    if let Some(m) = known {
        reason.push_str(&format!(
            "; server `{}` is declared in `{}`",
            m.name, m.file
        ));
        if broad {
            reason.push_str(" with an account-wide, admin or live credential");
        }
    }
    let decision = if production || broad {
        policy.production
    } else {
        policy.destructive
    };
    verdict(decision, reason)
}

const DESTRUCTIVE_VERBS: &[&str] = &[
    "delete",
    "drop",
    "destroy",
    "remove",
    "purge",
    "truncate",
    "wipe",
    "erase",
    "terminate",
    "flush",
    "reset",
    "rm",
    "deprovision",
    "teardown",
];

fn split_camel(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&word[start..i]);
            start = i;
        }
    }
    out.push(&word[start..]);
    out
}

fn collect_strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// `base/path`, or `path` when it is absolute.
fn join(base: Option<&str>, path: &str) -> String {
    match base {
        Some(b) if !path.starts_with('/') && !b.is_empty() && b != "." => {
            format!(
                "{}/{}",
                b.trim_end_matches('/'),
                path.trim_start_matches("./")
            )
        }
        _ => path.trim_start_matches("./").to_string(),
    }
}

/// A directory relative to the root (`.` for the root itself); outside the root, as given.
fn relative_dir(root: &Path, dir: &str) -> String {
    let rel = relative_file(root, dir);
    if rel.is_empty() {
        ".".to_string()
    } else {
        rel
    }
}

fn relative_file(root: &Path, path: &str) -> String {
    let p = Path::new(path);
    let rel = p.strip_prefix(root).unwrap_or(p);
    let rel_text = rel.to_string_lossy();
    let mut parts: Vec<&str> = Vec::new();
    for part in rel_text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    // A path outside the root stays absolute: it can match no file of the perimeter.
    if path.starts_with('/') && rel == p {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_and_hosts() {
        assert_eq!(
            referenced_variables("curl -H \"Authorization: Bearer $RAILWAY_TOKEN\" ${API}/x"),
            vec!["RAILWAY_TOKEN", "API"]
        );
        assert_eq!(
            host_of("postgres://u@db.prod.internal:5432/app"),
            Some("db.prod.internal")
        );
        assert_eq!(host_of("README.md"), None);
        assert_eq!(join(Some("envs/prod"), "./main.tf"), "envs/prod/main.tf");
        assert_eq!(relative_file(Path::new("/r"), "/r/a/../.env"), ".env");
    }
}
