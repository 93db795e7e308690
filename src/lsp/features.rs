//! Requests answered from the last lint: hover shows the documentation of the rules whose findings
//! cover the cursor; the code action inserts a suppression comment, with a reason to fill in, on the
//! line above a finding.

use std::collections::HashMap;

use gen_lsp_types::{
    CodeAction, CodeActionKind, Contents, Hover, MarkupContent, MarkupKind, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use super::Snapshot;
use crate::diagnostic::{FileId, Finding};
use crate::rules::docs_text;
use crate::source::SourceFile;

/// The hover at `position` of `file`: every finding whose primary or related span holds it.
pub fn hover(snapshot: &Snapshot, file: FileId, position: Position) -> Option<Hover> {
    let source = &snapshot.workspace.file(file).source;
    let offset =
        source
            .line_index()
            .offset_of_utf16(&source.text, position.line, position.character);
    let covers = |f: &&Finding| {
        std::iter::once(&f.primary)
            .chain(&f.related)
            .any(|l| l.file == file && l.span.start <= offset && offset <= l.span.end)
    };
    let hits: Vec<&Finding> = snapshot.findings.iter().filter(covers).collect();
    let first = hits.first()?;
    let mut sections: Vec<String> = Vec::new();
    let mut documented: Vec<&str> = Vec::new();
    for finding in &hits {
        let meta = finding.rule;
        let mut section = format!(
            "**{}** `{}` ({}): {}\n\n{}",
            meta.id, meta.name, meta.severity, finding.message, meta.summary
        );
        if !documented.contains(&meta.id) {
            documented.push(meta.id);
            section.push_str(&format!(
                "\n\n{}\n\n[{} documentation]({})",
                docs_text(meta).trim(),
                meta.id,
                meta.help_uri()
            ));
        }
        sections.push(section);
    }
    let range = (first.primary.file == file).then(|| convert::range(source, first.primary.span));
    Some(Hover {
        contents: Contents::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// The kind of the action that applies every safe fix of a file (`editor.codeActionsOnSave`).
pub const FIX_ALL_KIND: &str = "source.fixAll.agentlint";

/// A workspace edit made of `fix`'s edits, each in its own file's URI.
fn workspace_edit(
    snapshot: &Snapshot,
    edits: &[&crate::diagnostic::Edit],
) -> Option<WorkspaceEdit> {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        let uri = snapshot.uris.get(edit.file)?;
        let source = &snapshot.workspace.file(edit.file).source;
        changes
            .entry(Uri::from(uri.as_str()))
            .or_default()
            .push(TextEdit {
                range: convert::range(source, edit.span),
                new_text: edit.replacement.clone(),
            });
    }
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}

/// Every safe fix of the file that one pass can apply, as one action.
pub fn fix_all(snapshot: &Snapshot, file: FileId) -> Option<CodeAction> {
    let fixes = crate::fix::compatible(
        snapshot.findings.iter().filter(|f| f.primary.file == file),
        false,
    );
    if fixes.is_empty() {
        return None;
    }
    let edits: Vec<&crate::diagnostic::Edit> = fixes.iter().flat_map(|f| &f.edits).collect();
    Some(CodeAction {
        title: format!("agentlint: apply {} safe fix(es)", fixes.len()),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND.to_string())),
        edit: Some(workspace_edit(snapshot, &edits)?),
        ..Default::default()
    })
}

/// For each finding on the lines of `range`: its fix, when it has one (the safe ones preferred),
/// and a suppression comment, once per rule and line.
pub fn code_actions(snapshot: &Snapshot, file: FileId, uri: &str, range: Range) -> Vec<CodeAction> {
    let model = snapshot.workspace.file(file);
    let source = &model.source;
    let mut seen: Vec<(usize, &str)> = Vec::new();
    let mut actions = Vec::new();
    for finding in snapshot.findings.iter().filter(|f| f.primary.file == file) {
        let at = convert::range(source, finding.primary.span);
        if at.start.line > range.end.line || at.end.line < range.start.line {
            continue;
        }
        if let Some(fix) = &finding.fix {
            let edits: Vec<&crate::diagnostic::Edit> = fix.edits.iter().collect();
            let safe = fix.applicability == crate::diagnostic::Applicability::Safe;
            if let Some(edit) = workspace_edit(snapshot, &edits) {
                actions.push(CodeAction {
                    title: format!(
                        "Fix {}: {}{}",
                        finding.rule.id,
                        fix.title,
                        if safe { "" } else { " (unsafe: review it)" }
                    ),
                    kind: Some(CodeActionKind::QuickFix),
                    diagnostics: Some(vec![convert::diagnostic(
                        &snapshot.workspace,
                        &snapshot.uris,
                        finding,
                    )]),
                    is_preferred: Some(safe),
                    edit: Some(edit),
                    ..Default::default()
                });
            }
        }
        let line = at.start.line as usize;
        if seen.contains(&(line, finding.rule.id)) {
            continue;
        }
        seen.push((line, finding.rule.id));
        let Some(edit) = suppression_edit(source, line, finding.rule.id) else {
            continue;
        };
        let diagnostic = convert::diagnostic(&snapshot.workspace, &snapshot.uris, finding);
        let changes = HashMap::from([(Uri::from(uri), vec![edit])]);
        actions.push(CodeAction {
            title: format!(
                "Suppress {} ({}) here, with a reason",
                finding.rule.id, finding.rule.name
            ),
            kind: Some(CodeActionKind::QuickFix),
            diagnostics: Some(vec![diagnostic]),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    actions
}

/// A comment line above 0-based `line`, in the file's comment syntax and indented like it
/// ([`crate::suppress::comment_line`]). `None` for JSON, which has no comments.
pub fn suppression_edit(source: &SourceFile, line: usize, rule: &str) -> Option<TextEdit> {
    let (_, new_text) = crate::suppress::comment_line(source, line, &[rule])?;
    let start = Position {
        line: u32::try_from(line).ok()?,
        character: 0,
    };
    Some(TextEdit {
        range: Range { start, end: start },
        new_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{AgentTool, FileKind};

    #[test]
    fn comment_syntax_follows_the_file() {
        let env = SourceFile::new(".env", "  A=1\n", FileKind::Dotenv);
        let edit = suppression_edit(&env, 0, "AL101").map(|e| e.new_text);
        assert_eq!(
            edit.as_deref(),
            Some("  # agentlint: ignore[AL101] TODO: say why this is accepted\n")
        );
        let md = SourceFile::new(
            "x.mdc",
            "---\nk: v\n---\nrun it\n",
            FileKind::AgentRules(AgentTool::Cursor),
        );
        let front = suppression_edit(&md, 1, "AL302").map(|e| e.new_text);
        assert!(front.is_some_and(|t| t.starts_with("# agentlint")));
        let body = suppression_edit(&md, 3, "AL302").map(|e| e.new_text);
        assert!(body.is_some_and(|t| t.starts_with("<!-- agentlint")));
        let json = SourceFile::new(
            ".mcp.json",
            "{}",
            FileKind::McpConfig(AgentTool::ClaudeCode),
        );
        assert!(suppression_edit(&json, 0, "AL101").is_none());
    }
}
