//! `--format sarif`: SARIF 2.1.0 for code scanning, with the catalogue's documentation as rule
//! help, related locations for cross-file findings and stable partial fingerprints.
//!
//! `tests/sarif.rs` validates this output against the official schema for the bundled scenario and
//! every rule fixture, and checks what the schema cannot: help on every rule, levels, related
//! locations linked from the message, and fingerprints that survive edits which only move lines.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::position;
use crate::diagnostic::{Finding, Label, Severity};
use crate::model::Workspace;
use crate::rules::{self, docs_text};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub code scanning sorts alerts by this number (0–10): high, medium, low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

/// A path as a relative URI reference: `/`-separated, everything but unreserved characters
/// percent-encoded (a space or `#` in a file name would otherwise break the URI, and a `:` in the
/// first segment would read as a scheme).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn location(workspace: &Workspace, label: &Label) -> Value {
    let p = position(workspace, label);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&p.path) },
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column.max(if p.end_line == p.line { p.column } else { 1 }),
            }
        }
    })
}

/// A fix as SARIF describes one: per file, the regions deleted and the text inserted (an empty
/// region is an insertion).
fn sarif_fix(workspace: &Workspace, fix: &crate::diagnostic::Fix) -> Value {
    let mut by_file: Vec<(String, Vec<Value>)> = Vec::new();
    for edit in &fix.edits {
        let p = position(workspace, &Label::new(edit.file, edit.span, ""));
        let replacement = json!({
            "deletedRegion": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column,
            },
            "insertedContent": { "text": edit.replacement },
        });
        match by_file.iter_mut().find(|(path, _)| *path == p.path) {
            Some((_, replacements)) => replacements.push(replacement),
            None => by_file.push((p.path, vec![replacement])),
        }
    }
    let changes: Vec<Value> = by_file
        .into_iter()
        .map(|(path, replacements)| {
            json!({
                "artifactLocation": { "uri": uri(&path) },
                "replacements": replacements,
            })
        })
        .collect();
    let unsafe_note = match fix.applicability {
        crate::diagnostic::Applicability::Safe => "",
        crate::diagnostic::Applicability::Unsafe => " (unsafe: review before applying)",
    };
    json!({
        "description": { "text": format!("{}{unsafe_note}", fix.title) },
        "artifactChanges": changes,
    })
}

/// A fingerprint that survives line moves: rule, file, logical key and secret fingerprint.
///
/// The file is taken relative to the root it was found under, not to the working directory, so
/// that `agentlint check .` and `agentlint check /abs/repo` agree.
pub fn identity(workspace: &Workspace, finding: &Finding) -> String {
    let path = &workspace.file(finding.primary.file).rel_path;
    let mut hasher = Sha256::new();
    for part in [
        finding.rule.id,
        path.as_str(),
        finding.key.as_str(),
        finding.fingerprint.as_deref().unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Brackets in link text would end the link early.
fn escape_link_text(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

/// Whether a rule reports a security problem. Parse errors and suppression notes are about the
/// lint run itself: they are kept out of code scanning's security view (no `security` tag, no
/// `security-severity`).
fn is_security(meta: &rules::RuleMeta) -> bool {
    meta.category != crate::diagnostic::Category::ParseError
}

/// A rule's descriptor, at a severity. Code scanning reads an alert's severity from its rule, not
/// from the result, so a finding graded below its rule's default (a weak match, a non-production
/// place) points at a variant of the rule (`AL101/warning`) that carries its own severity.
fn descriptor(meta: &rules::RuleMeta, severity: Severity, id: &str) -> Value {
    let mut properties = json!({ "category": meta.category.as_str() });
    if let Some(obj) = properties.as_object_mut() {
        if is_security(meta) {
            obj.insert("tags".into(), json!(["security", meta.category.as_str()]));
            obj.insert(
                "security-severity".into(),
                json!(security_severity(severity)),
            );
        } else {
            obj.insert(
                "tags".into(),
                json!(["maintainability", meta.category.as_str()]),
            );
        }
    }
    json!({
        "id": id,
        "name": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": meta.section("What it does").unwrap_or(meta.summary) },
        "help": { "text": docs_text(meta), "markdown": docs_text(meta) },
        "helpUri": meta.help_uri(),
        "defaultConfiguration": { "level": level(severity) },
        "properties": properties,
    })
}

/// The rule id a finding is reported under: its rule's, or the variant for its severity.
fn result_rule_id(finding: &Finding) -> String {
    if finding.severity == finding.rule.severity || !is_security(finding.rule) {
        finding.rule.id.to_string()
    } else {
        format!("{}/{}", finding.rule.id, finding.severity.as_str())
    }
}

pub fn render(workspace: &Workspace, findings: &[Finding]) -> String {
    let catalogue = rules::catalogue();
    let mut ids: Vec<String> = catalogue.iter().map(|m| m.id.to_string()).collect();
    let mut descriptors: Vec<Value> = catalogue
        .iter()
        .map(|meta| descriptor(meta, meta.severity, meta.id))
        .collect();
    for finding in findings {
        let id = result_rule_id(finding);
        if !ids.contains(&id) {
            descriptors.push(descriptor(finding.rule, finding.severity, &id));
            ids.push(id);
        }
    }
    // Two findings with one identity (rare: the same key twice in a file) get an ordinal, so that
    // code scanning keeps them apart instead of merging their alerts.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let base = identity(workspace, finding);
            let count = seen.entry(base.clone()).or_default();
            *count += 1;
            let fingerprint = if *count == 1 {
                base
            } else {
                format!("{base}:{count}")
            };
            let rule_id = result_rule_id(finding);
            let index = ids.iter().position(|id| *id == rule_id).unwrap_or(0);
            let mut text = finding.message.clone();
            if let Some(env) = &finding.environment {
                text.push_str(&format!(" [environment: {env}]"));
            }
            // Embedded links: viewers render `[text](n)` as a link to related location `n`.
            let links: Vec<String> = finding
                .related
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let p = position(workspace, label);
                    format!("[{}:{}]({})", escape_link_text(&p.path), p.line, i + 1)
                })
                .collect();
            if !links.is_empty() {
                text.push_str(&format!("; see also {}", links.join(", ")));
            }
            let related: Vec<Value> = finding
                .related
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let mut loc = location(workspace, label);
                    if let Some(obj) = loc.as_object_mut() {
                        obj.insert("id".into(), json!(i + 1));
                        obj.insert("message".into(), json!({ "text": label.message }));
                    }
                    loc
                })
                .collect();
            let mut result = json!({
                "ruleId": rule_id,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": { "text": text },
                "locations": [location(workspace, &finding.primary)],
                "partialFingerprints": { "agentlint/v1": fingerprint },
                "properties": {
                    "category": finding.rule.category.as_str(),
                    "environment": finding.environment.as_ref().map(|e| e.env.as_str()),
                },
            });
            if let Some(obj) = result.as_object_mut() {
                if !related.is_empty() {
                    obj.insert("relatedLocations".into(), json!(related));
                }
                if let Some(fix) = &finding.fix {
                    obj.insert("fixes".into(), json!([sarif_fix(workspace, fix)]));
                }
            }
            result
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "agentlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/agentlint/agentlint",
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{ "executionSuccessful": true }],
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("infra/prod/main.tf"), "infra/prod/main.tf");
        assert_eq!(uri("my dir/a#b.env"), "my%20dir/a%23b.env");
        assert_eq!(uri("c:x/é"), "c%3Ax/%C3%A9");
        assert_eq!(escape_link_text("a[1]"), "a\\[1\\]");
    }
}
