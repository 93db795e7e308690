//! Applying the fixes findings carry (`check --fix`, `--unsafe-fixes`, `--diff`).
//!
//! A fix is all-or-nothing: when one of its edits overlaps an edit already taken in the same file,
//! the whole fix waits for the next pass (the caller re-lints and plans again, as ruff does). A
//! file whose fixed text no longer parses as cleanly as before is left as it was. Writing is the
//! caller's, through `safe_write`.

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Edit, FileId, Finding, Fix};
use crate::model::Workspace;
use crate::syntax::Syntax;

/// One file's text before and after the fixes planned for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub file: FileId,
    /// The path as shown (relative to the working directory when possible): where to write.
    pub path: String,
    pub before: String,
    pub after: String,
    /// How many findings' fixes went into it.
    pub fixes: usize,
}

/// The changes the findings' fixes make, one per file, in path order. Unsafe fixes only with
/// `unsafe_fixes`.
pub fn plan(workspace: &Workspace, findings: &[Finding], unsafe_fixes: bool) -> Vec<FileChange> {
    let mut taken: BTreeMap<FileId, (Vec<&Edit>, usize)> = BTreeMap::new();
    for fix in compatible(findings, unsafe_fixes) {
        let mut files: Vec<FileId> = Vec::new();
        for edit in &fix.edits {
            taken.entry(edit.file).or_default().0.push(edit);
            if !files.contains(&edit.file) {
                files.push(edit.file);
            }
        }
        for file in files {
            if let Some(entry) = taken.get_mut(&file) {
                entry.1 += 1;
            }
        }
    }
    let mut changes = Vec::new();
    for (file_id, (mut edits, fixes)) in taken {
        let file = workspace.file(file_id);
        let before = &file.source.text;
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let Some(after) = apply(before, &edits) else {
            continue;
        };
        if after == *before || !parses_as_well(file.syntax.issues().len(), file, &after) {
            continue;
        }
        changes.push(FileChange {
            file: file_id,
            path: file.source.path.clone(),
            before: before.clone(),
            after,
            fixes,
        });
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes
}

/// The fixes one pass can apply together, in the findings' order: allowed by the tier, and with
/// no edit meeting an edit of a fix taken before (nor another of its own).
pub fn compatible<'f>(
    findings: impl IntoIterator<Item = &'f Finding>,
    unsafe_fixes: bool,
) -> Vec<&'f Fix> {
    let mut taken: Vec<&'f Fix> = Vec::new();
    for finding in findings {
        let Some(fix) = &finding.fix else {
            continue;
        };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes || fix.edits.is_empty() {
            continue;
        }
        let clashes = fix.edits.iter().enumerate().any(|(i, edit)| {
            fix.edits[i + 1..].iter().any(|other| overlaps(edit, other))
                || taken
                    .iter()
                    .flat_map(|t| &t.edits)
                    .any(|other| overlaps(edit, other))
        });
        if !clashes {
            taken.push(fix);
        }
    }
    taken
}

/// Two edits touch the same bytes, or insert at the same place (their order would be a guess).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    a.file == b.file
        && (a.span.start < b.span.end && b.span.start < a.span.end || a.span.start == b.span.start)
}

/// `text` with sorted, non-overlapping `edits` applied; `None` if a span is not on character
/// boundaries inside the text.
fn apply(text: &str, edits: &[&Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut cursor = 0;
    for edit in edits {
        out.push_str(text.get(cursor..edit.span.start)?);
        out.push_str(&edit.replacement);
        text.get(edit.span.start..edit.span.end)?;
        cursor = edit.span.end;
    }
    out.push_str(text.get(cursor..)?);
    Some(out)
}

/// Whether the fixed text parses with no more problems than the original had.
fn parses_as_well(before: usize, file: &crate::model::FileModel, after: &str) -> bool {
    let format = file.source.kind.format_at(&file.rel_path);
    Syntax::parse(format, after).issues().len() <= before
}

/// A unified diff of one change, `a/PATH` → `b/PATH`, three lines of context.
pub fn diff(change: &FileChange) -> String {
    similar::TextDiff::from_lines(&change.before, &change.after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{}", change.path), &format!("b/{}", change.path))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Span;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit {
            file: 0,
            span: Span::new(start, end),
            replacement: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_boundaries_are_checked() {
        let a = edit(0, 1, "X");
        let b = edit(3, 3, "+");
        assert_eq!(apply("abcdef", &[&a, &b]).as_deref(), Some("Xbc+def"));
        let bad = edit(1, 2, "");
        assert_eq!(apply("é", &[&bad]), None);
    }

    #[test]
    fn overlapping_and_same_point_edits_clash() {
        assert!(overlaps(&edit(0, 3, ""), &edit(2, 4, "")));
        assert!(overlaps(&edit(2, 2, "a"), &edit(2, 2, "b")));
        assert!(!overlaps(&edit(0, 2, ""), &edit(2, 4, "")));
    }
}
