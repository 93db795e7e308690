use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::model::{FileNote, Workspace};
use crate::rules::WorkspaceRule;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports a file that could not be parsed, at the place it broke: malformed YAML, JSON, HCL
    /// or TOML, an unterminated quote in a `.env` file, nesting too deep to follow, text that is
    /// not valid UTF-8. Whatever could still be read is still linted, and the run goes on.
    ///
    /// ## Why is this bad?
    /// A file agentlint cannot read is a file it cannot vouch for: a broken workflow may hide a
    /// destructive step, and a broken `.env` may hide a token. The tools that read the file for
    /// real may also read it differently from what its author meant.
    ///
    /// ## Example
    /// ```.github/workflows/deploy.yml
    /// jobs:
    ///   deploy:
    ///     steps: [ { run: "echo unterminated
    /// ```
    ///
    /// ## Use instead
    /// ```.github/workflows/deploy.yml
    /// jobs:
    ///   deploy:
    ///     runs-on: ubuntu-latest
    ///     steps:
    ///       - run: echo done
    /// ```
    pub struct ParseError {
        id: "AL901",
        name: "parse-error",
        category: ParseError,
        severity: Warning,
        summary: "a file could not be parsed; the rest of the run goes on",
        input: Workspace,
    }
}

/// Issues reported per file before the rest are summarised in one line.
const MAX_PER_FILE: usize = 5;

/// Files that are probably not what their name says: `allowlist.env` holding a plain list, or a
/// workflow that is a template for another tool (`{{ }}` / `{% %}` markup). Their parse errors are
/// reported at info.
fn doubtful(file: &crate::model::FileModel) -> bool {
    let name = file.source.path.rsplit('/').next().unwrap_or("");
    let loose_dotenv =
        file.source.kind == crate::discover::FileKind::Dotenv && !name.starts_with(".env");
    let text = &file.source.text;
    let template = text.contains("{{{{raw}}}}")
        || text.contains("{%")
        || text.contains("<%")
        || text.trim_start().starts_with("{{");
    loose_dotenv || template
}

impl WorkspaceRule for ParseError {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            let mut issues: Vec<&crate::syntax::ParseIssue> = Vec::new();
            for issue in file.syntax.issues() {
                if !issues
                    .iter()
                    .any(|i| i.span == issue.span && i.message == issue.message)
                {
                    issues.push(issue);
                }
            }
            // `doubtful` reads the whole text: only for files that have something to report.
            let severity = if !issues.is_empty() && doubtful(file) {
                Severity::Info
            } else {
                Severity::Warning
            };
            for (index, issue) in issues.iter().take(MAX_PER_FILE).enumerate() {
                let more = if index + 1 == MAX_PER_FILE && issues.len() > MAX_PER_FILE {
                    format!(
                        " (and {} more problems in this file)",
                        issues.len() - MAX_PER_FILE
                    )
                } else {
                    String::new()
                };
                findings.push(
                    Finding::new(
                        ParseError::META,
                        Label::new(file.id, issue.span, "here"),
                        format!("cannot parse this {} file: {}{more}", file.source.kind.label(), issue.message),
                    )
                    .severity(severity)
                    .environment(file.env.clone())
                    .help("fix the syntax; the rest of the file was linted as far as it could be read")
                    .key(format!("{}:{}", issue.message, index)),
                );
            }
            if file.note == Some(FileNote::InvalidUtf8) {
                let at = file.source.text.find('\u{fffd}').unwrap_or(0);
                findings.push(
                    Finding::new(
                        ParseError::META,
                        Label::new(file.id, Span::new(at, at + '\u{fffd}'.len_utf8().min(file.source.text.len() - at)), "not UTF-8"),
                        "this file is not valid UTF-8; invalid bytes were replaced and the rest was linted",
                    )
                    .severity(Severity::Info)
                    .environment(file.env.clone())
                    .key("utf-8"),
                );
            }
        }
    }
}
