//! The finding: what every rule produces and every renderer consumes.
//!
//! A finding has exactly one primary location and any number of related ones, which may lie in
//! other files (the token defined in staging, its use in production). It carries no rendering
//! decisions: human output, JSON, SARIF, GitHub annotations and the LSP all adapt this one type.

use std::fmt;

use serde::Serialize;

use crate::environments::EnvInfo;
use crate::syntax::Span;

/// Index of a file in the workspace.
pub type FileId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable finding categories of the product contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    ExposedSecret,
    OverscopedToken,
    CrossEnvironmentCredential,
    DestructiveCapability,
    MissingDeletionProtection,
    BackupBlastRadius,
    ParseError,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::ExposedSecret,
        Category::OverscopedToken,
        Category::CrossEnvironmentCredential,
        Category::DestructiveCapability,
        Category::MissingDeletionProtection,
        Category::BackupBlastRadius,
        Category::ParseError,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ExposedSecret => "exposed-secret",
            Category::OverscopedToken => "overscoped-token",
            Category::CrossEnvironmentCredential => "cross-environment-credential",
            Category::DestructiveCapability => "destructive-capability",
            Category::MissingDeletionProtection => "missing-deletion-protection",
            Category::BackupBlastRadius => "backup-blast-radius",
            Category::ParseError => "parse-error",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// A rule's identity and documentation: everything the catalogue needs.
#[derive(Debug)]
pub struct RuleMeta {
    /// `AL` and three digits; never reused.
    pub id: &'static str,
    /// kebab-case, also accepted wherever an id is.
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// One line for `agentlint rules`.
    pub summary: &'static str,
    /// Markdown with the fixed headings.
    pub docs: &'static str,
}

impl RuleMeta {
    /// Where the rule's page lives in the repository's catalogue.
    pub fn help_uri(&self) -> String {
        format!(
            "https://github.com/agentlint/agentlint/blob/main/lints/{}.md",
            self.id
        )
    }

    /// The text of a `## Heading` section of the docs, trimmed.
    pub fn section(&self, heading: &str) -> Option<&'static str> {
        doc_section(self.docs, heading)
    }
}

/// The body of `## heading` in a rule's docs, up to the next `## `.
pub fn doc_section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("## {heading}");
    let mut start = None;
    let mut offset = 0;
    for line in docs.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(begin) = start {
            if trimmed.starts_with("## ") {
                return docs.get(begin..offset).map(str::trim);
            }
        } else if trimmed == marker {
            start = Some(offset + line.len());
        }
        offset += line.len();
    }
    start.and_then(|begin| docs.get(begin..)).map(str::trim)
}

/// A place in a file with what it contributes to the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Label {
            file,
            span,
            message: message.into(),
        }
    }
}

/// Whether a fix is applied by `--fix` alone (safe) or only with `--unsafe-fixes` too (it helps
/// only with something the file cannot show, or it changes more than the finding's remedy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    Safe,
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One replacement in one file: `span` (possibly empty: an insertion) becomes `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

/// The remedy applied: what it does, how safe it is, and its edits (never of a secret's value:
/// rotating one is a human act).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Imperative, as a code action's title: "set `deletion_protection = true`".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// One line, lowercase start, no trailing period; never contains a secret whole.
    pub message: String,
    pub primary: Label,
    pub related: Vec<Label>,
    /// The environment of the primary location, with its evidence.
    pub environment: Option<EnvInfo>,
    /// Evidence for the environments of related locations, shown as notes.
    pub related_environments: Vec<EnvInfo>,
    /// Why it matters, in one sentence.
    pub why: Option<String>,
    /// What to do instead.
    pub help: Option<String>,
    /// Fingerprint of the secret involved, if any: links findings and identifies them in baselines.
    pub fingerprint: Option<String>,
    /// The logical location (a key path, variable name or resource address): with the rule and the
    /// file, what identifies the finding across edits that move lines.
    pub key: String,
    /// The remedy as edits, when it is mechanical.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding at `primary` with the rule's default severity.
    pub fn new(rule: &'static RuleMeta, primary: Label, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            message: message.into(),
            primary,
            related: Vec::new(),
            environment: None,
            related_environments: Vec::new(),
            why: None,
            help: None,
            fingerprint: None,
            key: String::new(),
            fix: None,
        }
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn related(mut self, label: Label) -> Self {
        self.related.push(label);
        self
    }

    pub fn environment(mut self, env: Option<EnvInfo>) -> Self {
        self.environment = env;
        self
    }

    pub fn why(mut self, why: impl Into<String>) -> Self {
        self.why = Some(why.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.fingerprint = Some(fingerprint.into());
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = key.into();
        self
    }
}
