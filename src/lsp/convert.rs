//! Findings as LSP diagnostics: UTF-16 ranges, the rule id as `code` with a link to its page,
//! `agentlint` as `source`, related labels as `relatedInformation` in their own files.
//!
//! Messages and labels come from the findings, which never hold a secret whole, so nothing here
//! needs to redact; nothing here may add source text either.

use gen_lsp_types::{
    Code, CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    Position, Range, Uri,
};

use crate::diagnostic::{Finding, Severity};
use crate::model::Workspace;
use crate::source::SourceFile;
use crate::syntax::Span;

/// The LSP range of a byte span, in UTF-16 code units.
pub fn range(file: &SourceFile, span: Span) -> Range {
    let index = file.line_index();
    let (start_line, start_col) = index.utf16_position(&file.text, span.start);
    let (end_line, end_col) = index.utf16_position(&file.text, span.end.max(span.start));
    Range {
        start: Position {
            line: start_line,
            character: start_col,
        },
        end: Position {
            line: end_line,
            character: end_col,
        },
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::Error,
        Severity::Warning => DiagnosticSeverity::Warning,
        Severity::Info => DiagnosticSeverity::Information,
    }
}

/// One finding as a diagnostic of its primary file; `uris` gives each workspace file's URI.
pub fn diagnostic(workspace: &Workspace, uris: &[String], finding: &Finding) -> Diagnostic {
    let file = workspace.file(finding.primary.file);
    let mut message = finding.message.clone();
    let label = finding.primary.message.trim();
    if !label.is_empty() && label != finding.message {
        message.push_str(&format!("\n{label}"));
    }
    if let Some(env) = &finding.environment {
        message.push_str(&format!("\nenvironment: {env}"));
    }
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|label| {
            let uri = uris.get(label.file)?;
            let related_file = workspace.files.get(label.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: Uri::from(uri.as_str()),
                    range: range(&related_file.source, label.span),
                },
                message: if label.message.is_empty() {
                    finding.message.clone()
                } else {
                    label.message.clone()
                },
            })
        })
        .collect();
    Diagnostic {
        range: range(&file.source, finding.primary.span),
        severity: Some(severity(finding.severity)),
        code: Some(Code::String(finding.rule.id.to_string())),
        code_description: Some(CodeDescription {
            href: Uri::from(finding.rule.help_uri()),
        }),
        source: Some("agentlint".to_string()),
        message: message.into(),
        related_information: (!related.is_empty()).then_some(related),
        data: Some(serde_json::json!({ "rule": finding.rule.id, "name": finding.rule.name })),
        ..Default::default()
    }
}
