use crate::declare_rule;
use crate::diagnostic::{Finding, Label};
use crate::discover::MAX_FILE_BYTES;
use crate::model::{FileNote, Workspace};
use crate::rules::WorkspaceRule;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Says which files agentlint found but did not read: files larger than 4 MiB, binary content
    /// in a file whose name says it is configuration (a `.env.production` full of random bytes),
    /// and files that could not be opened (permission denied).
    ///
    /// ## Why is this bad?
    /// It is not bad in itself; it is reported at `info` so that a clean run never hides a file
    /// that was skipped.
    ///
    /// ## Example
    /// A `.env.production` whose bytes include NUL characters, or a 50 MB generated `.tf` file.
    ///
    /// ## Use instead
    /// Keep generated and binary data out of file names that say "configuration", or accept the
    /// info finding.
    pub struct FileSkipped {
        id: "AL902",
        name: "file-skipped",
        category: ParseError,
        severity: Info,
        summary: "a file was found but not read (too large, binary, unreadable)",
        input: Workspace,
    }
}

impl WorkspaceRule for FileSkipped {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            let message = match &file.note {
                Some(FileNote::TooLarge(size)) => format!(
                    "skipped: {size} bytes is more than the {} MiB agentlint reads per file",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                Some(FileNote::Binary) => {
                    format!(
                        "skipped: this {} file holds binary content",
                        file.source.kind.label()
                    )
                }
                Some(FileNote::Unreadable(reason)) => {
                    format!("skipped: cannot read this file: {reason}")
                }
                _ => continue,
            };
            findings.push(
                Finding::new(
                    FileSkipped::META,
                    Label::new(file.id, Span::new(0, 0), "not read"),
                    message,
                )
                .environment(file.env.clone())
                .key("skipped"),
            );
        }
    }
}
