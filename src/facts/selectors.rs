//! How a process or a command picks its target: the environment variables and command-line options
//! whose value names an account, project, cluster or environment (`AWS_PROFILE=prod-admin`,
//! `--context prod`). Rules ask whether that value names production.

use crate::environments::{env_of_path, env_of_word, EnvInfo};
use crate::facts::invocation::invocations_with_env;
use crate::facts::CommandFact;

/// Variables whose value selects an account, project, cluster or environment.
pub const SELECTOR_VARIABLES: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "CLOUDSDK_CORE_PROJECT",
    "GOOGLE_CLOUD_PROJECT",
    "GCLOUD_PROJECT",
    "KUBECONFIG",
    "KUBE_CONTEXT",
    "RAILWAY_ENVIRONMENT",
    "RAILWAY_ENVIRONMENT_NAME",
    "VERCEL_ENV",
    "NODE_ENV",
    "RAILS_ENV",
    "APP_ENV",
    "ENVIRONMENT",
];

/// Command-line options whose value selects the same.
pub const SELECTOR_FLAGS: &[&str] = &["--profile", "--context", "--project", "--environment", "-e"];

/// Variables that select where infrastructure commands act (an account, project, cluster or
/// Terraform workspace), unlike `NODE_ENV`, which a build sets in every environment.
const INFRA_VARIABLES: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "CLOUDSDK_CORE_PROJECT",
    "GOOGLE_CLOUD_PROJECT",
    "GCLOUD_PROJECT",
    "KUBECONFIG",
    "KUBE_CONTEXT",
    "KUBECONTEXT",
    "TF_WORKSPACE",
    "RAILWAY_ENVIRONMENT",
];

/// Options that select the same on an infrastructure command's line.
const INFRA_FLAGS: &[&str] = &[
    "--profile",
    "--context",
    "--kube-context",
    "--project",
    "--subscription",
    "--environment",
    "--workspace",
    "-chdir",
];

/// The environment a command acts on by its own selection: an earlier `cd envs/prod` or
/// `terraform workspace select prod` in its script, `kubectl config use-context prod-eks`, an
/// option (`--context prod`, `-chdir=envs/prod`, `--project shop-prod`) or a variable
/// (`AWS_PROFILE=prod`, `TF_WORKSPACE=production`) in effect. With the evidence, shown as written.
pub fn selected_target(fact: &CommandFact) -> Option<EnvInfo> {
    let env_of_value = |value: &str| {
        value
            .split(['-', '_', '.', '/', ':', '@', ' '])
            .find_map(env_of_word)
            .or_else(|| env_of_path(&format!("{value}/")).map(|e| e.env))
    };
    for inv in invocations_with_env(&fact.command, &fact.stdin, &fact.env) {
        let words: Vec<&str> = inv.args.iter().map(|a| a.text.as_str()).collect();
        let tool = inv.tool.as_str();
        // `kubectl config use-context prod`, `terraform workspace select prod`.
        let selection = match (tool, words.as_slice()) {
            ("kubectl", ["config", "use-context", name, ..]) => {
                Some(format!("{tool} config use-context {name}"))
            }
            ("terraform" | "tofu", ["workspace", "select" | "new", name, ..]) => {
                Some(format!("{tool} workspace select {name}"))
            }
            _ => None,
        };
        if let Some(shown) = selection {
            let name = shown.rsplit(' ').next().unwrap_or("");
            if let Some(env) = env_of_value(name) {
                return Some(EnvInfo::new(env, format!("`{shown}`")));
            }
        }
        let mut iter = words.iter().peekable();
        while let Some(word) = iter.next() {
            let (flag, value, joiner) = match word.split_once('=') {
                Some((flag, value)) => (flag, value, "="),
                None => match iter.peek() {
                    Some(value) => (*word, **value, " "),
                    None => continue,
                },
            };
            if INFRA_FLAGS.contains(&flag) {
                if let Some(env) = env_of_value(value) {
                    return Some(EnvInfo::new(env, format!("`{flag}{joiner}{value}`")));
                }
            }
        }
        for (name, value) in &inv.env {
            if INFRA_VARIABLES.contains(&name.as_str()) {
                if let Some(env) = env_of_value(value) {
                    return Some(EnvInfo::new(env, format!("`{name}={value}`")));
                }
            }
        }
    }
    fact.context.clone()
}

/// Production named anywhere in a command as a word of its own: a resource or database name
/// (`app-prod`, `app_production`, `s3-prod:`), a `--context prod` on a wrapper, an env file
/// (`--env-file=./prod.env`), an inline or inherited variable (`TF_WORKSPACE=prod`, `-c prd`).
/// Only production is read this way: a stray `dev` or `staging` word (`/dev/null`) must never
/// make a command look safer than an unknown target. Words printed by `echo` do not count.
pub fn production_named(fact: &CommandFact) -> Option<EnvInfo> {
    let production = |text: &str| {
        text.split([
            '-', '_', '.', '/', ':', '@', '=', ',', ' ', '\'', '"', '$', '{', '}',
        ])
        .flat_map(camel_words)
        .any(names_production)
    };
    for inv in invocations_with_env(&fact.command, &fact.stdin, &fact.env) {
        if matches!(inv.tool.as_str(), "echo" | "printf") {
            continue;
        }
        let words = inv
            .wrappers
            .iter()
            .map(String::as_str)
            .chain(inv.args.iter().map(|a| a.text.as_str()));
        for word in words {
            if production(word) {
                return Some(EnvInfo::new(
                    crate::environments::Env::Production,
                    format!("`{word}` in the command"),
                ));
            }
        }
        for (name, value) in &inv.env {
            if production(value) {
                return Some(EnvInfo::new(
                    crate::environments::Env::Production,
                    format!("`{name}={value}`"),
                ));
            }
        }
    }
    fact.command
        .words
        .iter()
        .chain(&fact.command.assignments)
        .map(|w| w.text.as_str())
        .find(|w| production(w))
        .filter(|_| {
            !matches!(
                fact.command.words.first().map(|w| w.text.as_str()),
                Some("echo" | "printf")
            )
        })
        .map(|w| {
            EnvInfo::new(
                crate::environments::Env::Production,
                format!("`{w}` in the command"),
            )
        })
}

/// `ProdStack` → `Prod`, `Stack`; a word without inner capitals is itself.
fn camel_words(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = word.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
            out.push(&word[start..i]);
            start = i;
        }
    }
    out.push(&word[start..]);
    out
}

/// A production word, or a name glued to one at its end (`qsprod`, `stappprod`: storage account
/// and cluster names cannot hold separators).
fn names_production(token: &str) -> bool {
    if env_of_word(token).is_some_and(|e| e.is_production()) {
        return true;
    }
    let lower = token.to_ascii_lowercase();
    lower.len() > 4 && lower.ends_with("prod") && lower.bytes().all(|b| b.is_ascii_alphanumeric())
}
