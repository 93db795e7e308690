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

/// Template markup that makes a file input to another tool, not the format its name says.
const TEMPLATE_MARKERS: &[(&str, &str)] = &[
    ("{{{{raw}}}}", "Handlebars"),
    ("{%", "Jinja"),
    ("<%", "ERB"),
    ("{{ cookiecutter", "cookiecutter"),
];

/// The template language a file is written in, if its text shows one.
fn template_of(file: &crate::model::FileModel) -> Option<&'static str> {
    let text = &file.source.text;
    TEMPLATE_MARKERS
        .iter()
        .find(|(marker, _)| text.contains(marker))
        .map(|(_, language)| *language)
        .or_else(|| {
            text.trim_start()
                .starts_with("{{")
                .then_some("a template language")
        })
}

/// A `*.env` file not named `.env…`: often a plain list for another tool, so its parse errors
/// are reported at info.
fn loose_dotenv(file: &crate::model::FileModel) -> bool {
    let name = file.source.path.rsplit('/').next().unwrap_or("");
    (file.source.kind == crate::discover::FileKind::Dotenv && !name.starts_with(".env"))
        // Configuration files are read for secrets only: what cannot be read there is a note.
        || file.source.kind == crate::discover::FileKind::ConfigFile
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
            // One finding per file: the first problem, with how many follow. The template check
            // reads the whole text, so only files with something to report pay for it.
            if let Some(first) = issues.first() {
                let kind = file.source.kind.label();
                let more = match issues.len() {
                    1 => String::new(),
                    2 => " (and 1 more problem in this file)".to_string(),
                    n => format!(" (and {} more problems in this file)", n - 1),
                };
                let finding = match template_of(file) {
                    Some(language) => Finding::new(
                        ParseError::META,
                        Label::new(file.id, first.span, "template markup"),
                        format!("this {kind} file is a template ({language}), not plain {kind}: it was linted only as far as it could be read"),
                    )
                    .severity(Severity::Info)
                    .help("lint the file the template renders to, or ignore AL901 for the templates' folder in `[per-path-ignores]`"),
                    None => Finding::new(
                        ParseError::META,
                        Label::new(file.id, first.span, "here"),
                        format!("cannot parse this {kind} file: {}{more}", first.message),
                    )
                    .severity(if loose_dotenv(file) { Severity::Info } else { Severity::Warning })
                    .help("fix the syntax; the rest of the file was linted as far as it could be read"),
                };
                findings.push(
                    finding
                        .environment(file.env.clone())
                        .key(first.message.clone()),
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
