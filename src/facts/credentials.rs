//! Credentials written in plaintext, in every kind of file.
//!
//! Two passes. The structured pass looks at every name/value pair the format has (dotenv entries,
//! YAML/JSON/TOML keys, HCL attributes and object items, `K=V` list items) so that a value's name can
//! give it meaning: a bare UUID is nothing, but under `RAILWAY_API_TOKEN` it is an account token.
//! The text pass scans the whole file for credentials whose shape alone identifies them (prose,
//! code blocks, URLs, headers). Where both find the same characters, the structured one is kept.

use std::fmt::Write as _;

use super::{Credential, FileFacts};
use crate::discover::FileKind;
use crate::environments::{env_of_variable, EnvInfo};
use crate::secrets::{self, SecretMatch};
use crate::source::SourceFile;
use crate::syntax::assignments::shell_assignments;
use crate::syntax::code_assignments::code_assignments;
use crate::syntax::{HclBody, HclExpr, HclExprKind, MdBlockKind, Node, Span, Syntax, Value};

/// A candidate before it becomes a [`Credential`].
struct Found {
    secret: SecretMatch,
    name: Option<String>,
    location: String,
    context: String,
}

pub fn extract(
    source: &SourceFile,
    syntax: &Syntax,
    file_env: Option<&EnvInfo>,
    facts: &mut FileFacts,
) {
    let mut found = Vec::new();
    let context = context_of(source.kind);
    // A task runner's file (`package.json`) is read for token shapes only: its keys name
    // dependencies and settings, not credentials. A key file is read whole, so the key is known
    // by the document around it (`"type": "service_account"`).
    let structured = !matches!(
        source.kind,
        FileKind::TaskRunner(_) | FileKind::CredentialFile
    );
    match syntax {
        _ if !structured => {}
        Syntax::Dotenv(file) => {
            for entry in &file.entries {
                let raw = entry.value_span.slice(&source.text);
                assign(
                    &entry.key,
                    raw,
                    entry.value_span,
                    &entry.key,
                    context,
                    &mut found,
                );
            }
        }
        Syntax::Data(doc) => {
            for root in &doc.roots {
                walk_data(source, root, &mut String::new(), None, context, &mut found);
            }
        }
        Syntax::Hcl(file) => {
            walk_hcl_body(source, &file.body, &mut String::new(), context, &mut found)
        }
        // Shell text, in a script or a code block, gives names as a `.env` file does.
        Syntax::Shell(_) => {
            for a in shell_assignments(&source.text, Span::new(0, source.text.len())) {
                let raw = a.value.slice(&source.text);
                assign(&a.name, raw, a.value, &a.name, context, &mut found);
            }
        }
        Syntax::Markdown(doc) => {
            for block in &doc.blocks {
                let MdBlockKind::Code { lang } = &block.kind else {
                    continue;
                };
                if !SHELL_LIKE_BLOCKS.contains(&lang.as_str()) {
                    continue;
                }
                for a in shell_assignments(&source.text, block.span) {
                    let raw = a.value.slice(&source.text);
                    assign(&a.name, raw, a.value, &a.name, context, &mut found);
                }
            }
        }
        // Source code and other text: a named string literal (`API_KEY = "…"`).
        Syntax::None if source.kind == FileKind::TextFile => {
            for a in code_assignments(&source.text) {
                let name = a.name.slice(&source.text);
                if !secrets::name_is_evidence(name) {
                    continue;
                }
                let raw = a.value.slice(&source.text);
                assign(name, raw, a.value, name, context, &mut found);
            }
        }
        Syntax::Recipes(_) | Syntax::None => {}
    }
    for secret in secrets::scan_text(&source.text, 0) {
        if found.iter().any(|f| overlaps(f.secret.span, secret.span)) {
            continue;
        }
        found.push(Found {
            secret,
            name: None,
            location: String::new(),
            context: context.to_string(),
        });
    }
    found.sort_by_key(|f| f.secret.span);
    for f in found {
        let value = f.secret.span.slice(&source.text);
        let env = f
            .name
            .as_deref()
            .and_then(env_of_variable)
            .or_else(|| file_env.cloned());
        facts.credentials.push(Credential {
            span: f.secret.span,
            fingerprint: secrets::fingerprint(value),
            name: f.name,
            location: f.location,
            secret: f.secret,
            env,
            context: f.context,
        });
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Code blocks whose lines are shell or environment text (an untagged block too: READMEs and
/// rule files often leave `export TOKEN=…` blocks untagged).
const SHELL_LIKE_BLOCKS: &[&str] = &[
    "",
    "sh",
    "bash",
    "zsh",
    "shell",
    "console",
    "terminal",
    "shellsession",
    "env",
    "dotenv",
    "powershell",
    "ps1",
    "pwsh",
    "cmd",
    "bat",
    "batch",
    "dockerfile",
    "docker",
    "text",
    "txt",
];

fn context_of(kind: FileKind) -> &'static str {
    match kind {
        FileKind::AgentRules(_) => "agent rule file",
        FileKind::AgentSettings(_) => "agent settings file",
        FileKind::McpConfig(_) => "MCP configuration",
        FileKind::Dotenv => "dotenv file",
        FileKind::Terraform => "Terraform configuration",
        FileKind::Tfvars | FileKind::TfvarsJson => "Terraform variables file",
        FileKind::GhaWorkflow | FileKind::GhaAction => "GitHub Actions workflow",
        FileKind::GitlabCi => "GitLab CI configuration",
        FileKind::Compose => "compose file",
        FileKind::Script => "shell script",
        FileKind::TaskRunner(_) => "task runner file",
        FileKind::CredentialFile => "key file",
        FileKind::ConfigFile => "configuration file",
        FileKind::TextFile => "source file",
    }
}

fn assign(
    name: &str,
    raw: &str,
    span: Span,
    location: &str,
    context: &str,
    found: &mut Vec<Found>,
) {
    assign_as(name, name, raw, span, location, context, found);
}

/// Classify `raw` as if it were held by `classify_as`, and record it as held by `name`.
fn assign_as(
    classify_as: &str,
    name: &str,
    raw: &str,
    span: Span,
    location: &str,
    context: &str,
    found: &mut Vec<Found>,
) {
    if let Some(secret) = secrets::classify_assignment(classify_as, raw, span) {
        // A token found inside a longer value (a script in `user_data`) is not what the name holds.
        let whole = raw.trim().trim_matches(['"', '\'']).len() <= secret.span.len() + 2
            || matches!(
                secret.catalogue_id,
                "database-url-password" | "connection-string-password"
            );
        found.push(Found {
            name: whole.then(|| name.to_string()),
            secret,
            location: location.to_string(),
            context: context.to_string(),
        });
    }
}

fn walk_data(
    source: &SourceFile,
    node: &Node,
    path: &mut String,
    key: Option<&str>,
    context: &str,
    found: &mut Vec<Found>,
) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&entry.key);
                walk_data(source, &entry.value, path, Some(&entry.key), context, found);
                path.truncate(len);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                walk_data(source, item, path, key, context, found);
                path.truncate(len);
            }
        }
        Value::Str { content, .. } => {
            let raw = content.slice(&source.text);
            // `- API_KEY=abc` (compose environment lists, docker `-e` args).
            if let Some((name, value)) = split_assignment(raw) {
                let start = content.start + name.len() + 1;
                let span = Span::new(start, start + value.len());
                let location = format!("{path}.{name}");
                assign(name, value, span, &location, context, found);
            } else if let Some(key) = key {
                assign(key, raw, *content, path, context, found);
            }
        }
        _ => {}
    }
}

/// `NAME=value` where NAME looks like a variable.
fn split_assignment(raw: &str) -> Option<(&str, &str)> {
    let (name, value) = raw.split_once('=')?;
    let valid = !name.is_empty()
        && name.len() <= 128
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    valid.then_some((name, value))
}

/// Appends `.name` (or `name` at the root) to the dotted path; the caller truncates it back.
fn push_segment(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// `path` is the dotted location (`resource.aws_db_instance.main.password`), one buffer reused
/// through the walk: building a string per attribute was a visible cost on large Terraform trees.
fn walk_hcl_body(
    source: &SourceFile,
    body: &HclBody,
    path: &mut String,
    context: &str,
    found: &mut Vec<Found>,
) {
    for attribute in &body.attributes {
        let len = path.len();
        push_segment(path, &attribute.name);
        walk_hcl_expr(
            source,
            &attribute.expr,
            &attribute.name,
            path,
            context,
            found,
        );
        path.truncate(len);
    }
    for block in &body.blocks {
        let len = path.len();
        push_segment(path, &block.kind);
        for (label, _) in &block.labels {
            path.push('.');
            path.push_str(label);
        }
        // `variable "db_password" { default = "…" }`: the default is held by the variable's name.
        if block.kind == "variable" {
            if let (Some((name, _)), Some(default)) =
                (block.labels.first(), block.body.attribute("default"))
            {
                let inner = path.len();
                push_segment(path, "default");
                walk_hcl_expr(source, &default.expr, name, path, context, found);
                path.truncate(inner);
                path.truncate(len);
                continue;
            }
        }
        walk_hcl_body(source, &block.body, path, context, found);
        path.truncate(len);
    }
}

fn walk_hcl_expr(
    source: &SourceFile,
    expr: &HclExpr,
    name: &str,
    path: &mut String,
    context: &str,
    found: &mut Vec<Found>,
) {
    match &expr.kind {
        HclExprKind::Str { content, .. } => {
            // In `provider "aws"`, `secret_key` is an AWS secret access key whatever else is near.
            let aws_secret = path.starts_with("provider.aws.") && name == "secret_key";
            let classify_as = if aws_secret {
                "AWS_SECRET_ACCESS_KEY"
            } else {
                name
            };
            assign_as(
                classify_as,
                name,
                content.slice(&source.text),
                *content,
                path,
                context,
                found,
            )
        }
        HclExprKind::Object(items) => {
            for item in items {
                let len = path.len();
                push_segment(path, &item.key);
                walk_hcl_expr(source, &item.value, &item.key, path, context, found);
                path.truncate(len);
            }
        }
        HclExprKind::Tuple(items) => {
            for item in items {
                walk_hcl_expr(source, item, name, path, context, found);
            }
        }
        _ => {}
    }
}
