//! `--format sarif`: SARIF 2.1.0 for code scanning, with the catalogue's documentation as rule
//! help, related locations for cross-file findings and stable partial fingerprints.

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

fn location(workspace: &Workspace, label: &Label) -> Value {
    let p = position(workspace, label);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": p.path },
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column.max(if p.end_line == p.line { p.column } else { 1 }),
            }
        }
    })
}

/// A fingerprint that survives line moves: rule, file, logical key and secret fingerprint.
pub fn identity(workspace: &Workspace, finding: &Finding) -> String {
    let path = &workspace.file(finding.primary.file).source.path;
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

pub fn render(workspace: &Workspace, findings: &[Finding]) -> String {
    let catalogue = rules::catalogue();
    let descriptors: Vec<Value> = catalogue
        .iter()
        .map(|meta| {
            json!({
                "id": meta.id,
                "name": meta.name,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.section("What it does").unwrap_or(meta.summary) },
                "help": { "text": docs_text(meta), "markdown": docs_text(meta) },
                "helpUri": meta.help_uri(),
                "defaultConfiguration": { "level": level(meta.severity) },
                "properties": { "category": meta.category.as_str(), "tags": [meta.category.as_str()] },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let index = catalogue
                .iter()
                .position(|m| m.id == finding.rule.id)
                .unwrap_or(0);
            let mut text = finding.message.clone();
            if let Some(env) = &finding.environment {
                text.push_str(&format!(" [environment: {env}]"));
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
                "ruleId": finding.rule.id,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": { "text": text },
                "locations": [location(workspace, &finding.primary)],
                "partialFingerprints": { "agentlint/v1": identity(workspace, finding) },
                "properties": {
                    "category": finding.rule.category.as_str(),
                    "environment": finding.environment.as_ref().map(|e| e.env.as_str()),
                },
            });
            if !related.is_empty() {
                if let Some(obj) = result.as_object_mut() {
                    obj.insert("relatedLocations".into(), json!(related));
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
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
