//! Renderers: adapters from [`Finding`]s to an output format. None of them decides anything about
//! a finding; each only says it in its format. Every format prints secrets redacted.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;

#[cfg(test)]
mod redaction_tests;

use crate::diagnostic::{Finding, Label};
use crate::model::Workspace;

/// A label's position, 1-based, columns in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn position(workspace: &Workspace, label: &Label) -> Position {
    let file = workspace.file(label.file);
    let (line, column) = file.source.line_col(label.span.start);
    let (end_line, end_column) = file.source.line_col(label.span.end);
    Position {
        path: file.source.path.clone(),
        line,
        column,
        end_line,
        end_column,
    }
}

/// Counts by severity.
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    use crate::diagnostic::Severity::*;
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    (count(Error), count(Warning), count(Info))
}
