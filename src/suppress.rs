//! Inline suppressions: `agentlint: ignore[AL201] reason` in a comment on the finding's line or the
//! line above, in the file's own comment syntax (`#`, `//`, `/* */`, `<!-- -->`).
//!
//! A suppression without a reason still applies but is itself reported (AL903); one that
//! suppresses nothing is reported at info (AL904). JSON has no comments: its findings are
//! suppressed from `agentlint.toml`.

use crate::diagnostic::{FileId, Finding, Label};
use crate::model::Workspace;
use crate::rules::parse_error::suppression_without_reason::SuppressionWithoutReason;
use crate::rules::parse_error::unused_suppression::UnusedSuppression;
use crate::rules::{self, RuleMeta};
use crate::syntax::Span;

const MARKER: &str = "agentlint: ignore[";

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Directive {
    pub file: FileId,
    /// 0-based line of the comment.
    pub line: usize,
    pub span: Span,
    /// Rules it names (unknown names are kept so the comment is not silently wrong).
    pub rules: Vec<Option<&'static RuleMeta>>,
    pub reason: Option<String>,
}

/// Every suppression comment of the workspace.
pub fn directives(workspace: &Workspace) -> Vec<Directive> {
    let mut out = Vec::new();
    for file in &workspace.files {
        let text = &file.source.text;
        if !text.contains(MARKER) {
            continue;
        }
        let index = file.source.line_index();
        for line in 0..index.line_count() {
            let span = index.line_span(line, text);
            let body = span.slice(text);
            let Some(at) = body.find(MARKER) else {
                continue;
            };
            let before = body[..at].trim_end();
            let in_comment = ["#", "//", "<!--", "/*", "--", ";"]
                .iter()
                .any(|marker| before.ends_with(marker) || before.contains(marker));
            if !in_comment {
                continue;
            }
            let after = &body[at + MARKER.len()..];
            let Some(close) = after.find(']') else {
                continue;
            };
            let rules = after[..close]
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(rules::lookup)
                .collect();
            let reason = after[close + 1..]
                .trim()
                .trim_end_matches("-->")
                .trim_end_matches("*/")
                .trim()
                .to_string();
            out.push(Directive {
                file: file.id,
                line,
                span: Span::new(span.start + at, span.end),
                rules,
                reason: (!reason.is_empty() && !is_placeholder_reason(&reason)).then_some(reason),
            });
        }
    }
    out
}

/// What the editor's quick fix writes as the reason until the user writes the real one: it
/// counts as no reason (AL903) until it is replaced.
pub const REASON_PLACEHOLDER: &str = "TODO: say why this is accepted";

/// A reason that only says one is still to be written: `TODO…`, `FIXME…`, `TBD`, `<reason>`,
/// `reason`, `...`.
fn is_placeholder_reason(reason: &str) -> bool {
    let lower = reason.trim().to_ascii_lowercase();
    ["todo", "fixme", "tbd", "xxx"].iter().any(|p| {
        lower.starts_with(p) && !lower[p.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    }) || matches!(
        lower.as_str(),
        "reason" | "<reason>" | "..." | "…" | "-" | "why"
    )
}

/// Remove suppressed findings and add findings about the suppressions themselves.
pub fn apply(workspace: &Workspace, findings: Vec<Finding>) -> Vec<Finding> {
    let directives = directives(workspace);
    if directives.is_empty() {
        return findings;
    }
    let mut used = vec![false; directives.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let file = workspace.file(finding.primary.file);
        let (line, _) = file.source.line_col(finding.primary.span.start);
        let line = line - 1;
        let hit = directives.iter().position(|d| {
            d.file == finding.primary.file
                && (d.line == line || d.line + 1 == line)
                && d.rules.iter().flatten().any(|m| m.id == finding.rule.id)
        });
        match hit {
            Some(index) => used[index] = true,
            None => kept.push(finding),
        }
    }
    for (directive, used) in directives.iter().zip(used) {
        let env = workspace.file(directive.file).env.clone();
        if directive.reason.is_none() {
            kept.push(
                Finding::new(
                    SuppressionWithoutReason::META,
                    Label::new(directive.file, directive.span, "no reason given"),
                    "this suppression gives no reason",
                )
                .environment(env.clone())
                .help("write why the risk is accepted after the brackets: `agentlint: ignore[AL101] reason`")
                .key(format!("line-comment:{}", directive.span.slice(&workspace.file(directive.file).source.text))),
            );
        }
        if !used {
            let names: Vec<&str> = directive.rules.iter().flatten().map(|m| m.id).collect();
            let message = if names.len() < directive.rules.len() {
                "this suppression names an unknown rule".to_string()
            } else {
                format!(
                    "this suppression of {} suppresses nothing",
                    names.join(", ")
                )
            };
            kept.push(
                Finding::new(
                    UnusedSuppression::META,
                    Label::new(directive.file, directive.span, "suppresses nothing"),
                    message,
                )
                .environment(env)
                .help("remove it, or move it onto the line of the finding or the line above")
                .key(format!(
                    "line-comment:{}",
                    directive
                        .span
                        .slice(&workspace.file(directive.file).source.text)
                )),
            );
        }
    }
    kept
}
