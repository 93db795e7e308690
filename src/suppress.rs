//! Inline suppressions: `agentlint: ignore[AL201] reason` in a comment on the finding's line or the
//! line above, in the file's own comment syntax (`#`, `//`, `/* */`, `<!-- -->`).
//!
//! A suppression without a reason still applies but is itself reported (AL903); one that
//! suppresses nothing is reported at info (AL904). JSON has no comments: its findings are
//! suppressed from `agentlint.toml`.

use crate::diagnostic::{FileId, Finding, Label};
use crate::discover::Format;
use crate::model::Workspace;
use crate::rules::parse_error::suppression_without_reason::SuppressionWithoutReason;
use crate::rules::parse_error::unused_suppression::UnusedSuppression;
use crate::rules::{self, RuleMeta};
use crate::source::SourceFile;
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

/// The suppression comment for `rules` on 0-based `line`: the byte offset of that line's start
/// and the line to insert there, in the file's comment syntax and indented like it, with the
/// placeholder reason (which counts as none until a human writes one). `None` for JSON, which
/// has no comments (suppress from `agentlint.toml` there). The editor's quick fix and
/// `check --add-suppressions` both write it.
pub fn comment_line(source: &SourceFile, line: usize, rules: &[&str]) -> Option<(usize, String)> {
    let index = source.line_index();
    let text = &source.text;
    let span = index.line_span(line, text);
    let indent: String = span
        .slice(text)
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let directive = format!(
        "agentlint: ignore[{}] {REASON_PLACEHOLDER}",
        rules.join(",")
    );
    let comment = match source.kind.format_at(&source.path) {
        Format::Json => return None,
        // In a fenced code block (shell, in agent rules) an HTML comment would become code.
        Format::Markdown if !in_front_matter(source, line) && !in_fence(source, line) => {
            format!("<!-- {directive} -->")
        }
        _ => format!("# {directive}"),
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Some((span.start, format!("{indent}{comment}{newline}")))
}

/// Whether 0-based `line` of a Markdown file is inside a fenced code block.
fn in_fence(source: &SourceFile, line: usize) -> bool {
    source
        .text
        .lines()
        .take(line)
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("```") || t.starts_with("~~~")
        })
        .count()
        % 2
        == 1
}

/// Whether 0-based `line` of a Markdown file is inside its YAML front matter (`.mdc` rules),
/// where a comment is `#`, not HTML.
fn in_front_matter(source: &SourceFile, line: usize) -> bool {
    let mut lines = source.text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    match lines.position(|l| l.trim_end() == "---") {
        Some(close) => line >= 1 && line <= close,
        None => false,
    }
}

/// What `check --add-suppressions` writes: one comment above each line with findings (its rules
/// together), per file, as the file's new text. Findings of the parse-error category (a broken
/// file, a suppression's own problems) are never suppressed this way. Returns the changed files
/// (path, new text, comments added) and how many findings sit in JSON files, which have no
/// comments.
pub fn add_comments(
    workspace: &Workspace,
    findings: &[Finding],
) -> (Vec<(String, String, usize)>, usize) {
    use std::collections::BTreeMap;
    let mut by_line: BTreeMap<(FileId, usize), Vec<&'static str>> = BTreeMap::new();
    for finding in findings {
        if finding.rule.category == crate::diagnostic::Category::ParseError {
            continue;
        }
        let Some(file) = workspace.files.get(finding.primary.file) else {
            continue;
        };
        let line = file.source.line_index().line_of(finding.primary.span.start);
        let rules = by_line.entry((file.id, line)).or_default();
        if !rules.contains(&finding.rule.id) {
            rules.push(finding.rule.id);
        }
    }
    let mut json = 0;
    let mut per_file: BTreeMap<FileId, Vec<(usize, String)>> = BTreeMap::new();
    for ((file_id, line), mut rules) in by_line {
        let source = &workspace.files[file_id].source;
        rules.sort_unstable();
        match comment_line(source, line, &rules) {
            Some(insertion) => per_file.entry(file_id).or_default().push(insertion),
            None => json += rules.len(),
        }
    }
    let mut out = Vec::new();
    for (file_id, mut insertions) in per_file {
        let source = &workspace.files[file_id].source;
        let mut text = source.text.clone();
        insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        let count = insertions.len();
        for (at, line) in insertions {
            text.insert_str(at, &line);
        }
        out.push((source.path.clone(), text, count));
    }
    (out, json)
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
