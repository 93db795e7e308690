//! `--format json`: one document, `{"version": 1, "findings": [...], "summary": {...}}`, exactly as
//! the product contract describes. Secrets appear only redacted (messages never hold them).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{counts, position};
use crate::diagnostic::{Category, Finding};
use crate::model::Workspace;

pub fn finding_json(workspace: &Workspace, finding: &Finding) -> Value {
    let primary = position(workspace, &finding.primary);
    let related: Vec<Value> = finding
        .related
        .iter()
        .map(|label| place(workspace, label, "message", &label.message))
        .collect();
    json!({
        "rule": finding.rule.id,
        "name": finding.rule.name,
        "category": finding.rule.category.as_str(),
        "severity": finding.severity.as_str(),
        "message": finding.message,
        "path": primary.path,
        "line": primary.line,
        "column": primary.column,
        "end_line": primary.end_line,
        "end_column": primary.end_column,
        "label": finding.primary.message,
        "environment": finding.environment.as_ref().map(|e| e.env.as_str()),
        "environment_evidence": finding.environment.as_ref().map(|e| e.evidence.clone()),
        "related": related,
        "why": finding.why,
        "help": finding.help,
        "fingerprint": finding.fingerprint,
        "key": finding.key,
        "fix": finding.fix.as_ref().map(|fix| fix_json(workspace, fix)),
    })
}

/// A label's place (path, 1-based line and column range) with one more field.
fn place(workspace: &Workspace, label: &crate::diagnostic::Label, key: &str, text: &str) -> Value {
    let p = position(workspace, label);
    json!({
        "path": p.path,
        "line": p.line,
        "column": p.column,
        "end_line": p.end_line,
        "end_column": p.end_column,
        key: text,
    })
}

/// A fix as edits on 1-based positions (columns in characters), with the replacement text: what
/// an editor or a bot needs to apply it without agentlint.
fn fix_json(workspace: &Workspace, fix: &crate::diagnostic::Fix) -> Value {
    let edits: Vec<Value> = fix
        .edits
        .iter()
        .map(|edit| {
            let label = crate::diagnostic::Label::new(edit.file, edit.span, "");
            place(workspace, &label, "replacement", &edit.replacement)
        })
        .collect();
    json!({
        "title": fix.title,
        "applicability": fix.applicability.as_str(),
        "edits": edits,
    })
}

pub fn render(workspace: &Workspace, findings: &[Finding]) -> String {
    let (errors, warnings, infos) = counts(findings);
    let mut by_category: BTreeMap<&str, usize> =
        Category::ALL.iter().map(|c| (c.as_str(), 0)).collect();
    for finding in findings {
        *by_category
            .entry(finding.rule.category.as_str())
            .or_default() += 1;
    }
    let document = json!({
        "version": 1,
        "findings": findings.iter().map(|f| finding_json(workspace, f)).collect::<Vec<_>>(),
        "summary": {
            "files": workspace.files.len(),
            "findings": findings.len(),
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
            "by_category": by_category,
        },
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
