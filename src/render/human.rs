//! Human output: rustc-style diagnostics with labelled excerpts from every file a finding involves,
//! rendered by codespan-reporting (native multi-file labels).
//!
//! Excerpts are taken from a masked copy of each file in which every known secret keeps a short
//! prefix and the rest of its characters become `•`, so no secret is ever printed whole, not even
//! in the source lines of a finding about something else.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};

use super::counts;
use crate::diagnostic::{FileId, Finding, Label, Severity};
use crate::model::Workspace;
use crate::syntax::Span;

/// A file's text with secrets masked, and the map from original to masked offsets.
struct Masked {
    text: String,
    /// (original offset of a masked character, cumulative bytes added (or removed) after it).
    shifts: Vec<(usize, isize)>,
}

/// At most this many `•` stand for one secret: a 1,700-character key on one JSON line shows as a
/// short masked stub, not a line of bullets.
const MAX_BULLETS: usize = 24;

impl Masked {
    fn new(text: &str, mut secrets: Vec<Span>) -> Self {
        secrets.sort();
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut extra = 0isize;
        let mut cursor = 0usize;
        for secret in secrets {
            if secret.start < cursor || secret.end > text.len() {
                continue;
            }
            let Some(value) = text.get(secret.start..secret.end) else {
                continue;
            };
            out.push_str(text.get(cursor..secret.start).unwrap_or(""));
            let keep = (value.chars().count() / 4).min(8);
            let mut bullets = 0;
            for (i, (offset, ch)) in value.char_indices().enumerate() {
                if i < keep || ch == '\n' {
                    out.push(ch);
                    continue;
                }
                // Lines are kept (line numbers must not move); other characters past the cap
                // are dropped.
                if bullets < MAX_BULLETS {
                    out.push('•');
                    bullets += 1;
                    extra += '•'.len_utf8() as isize;
                }
                extra -= ch.len_utf8() as isize;
                shifts.push((secret.start + offset, extra));
            }
            cursor = secret.end;
        }
        out.push_str(text.get(cursor..).unwrap_or(""));
        Masked { text: out, shifts }
    }

    /// Where an original byte offset lands in the masked text.
    fn map(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|(at, _)| *at < offset);
        let extra = before
            .checked_sub(1)
            .and_then(|i| self.shifts.get(i))
            .map_or(0, |(_, e)| *e);
        offset.saturating_add_signed(extra)
    }
}

/// Everything needed to show a set of findings.
struct Files<'w> {
    workspace: &'w Workspace,
    files: SimpleFiles<String, String>,
    ids: HashMap<FileId, (usize, Masked)>,
}

impl<'w> Files<'w> {
    fn new(workspace: &'w Workspace) -> Self {
        Files {
            workspace,
            files: SimpleFiles::new(),
            ids: HashMap::new(),
        }
    }

    /// Register a file (masked) and return its id in the codespan database.
    fn id(&mut self, file: FileId) -> usize {
        if let Some((id, _)) = self.ids.get(&file) {
            return *id;
        }
        let model = self.workspace.file(file);
        let secrets = model.facts.credentials.iter().map(|c| c.span).collect();
        let masked = Masked::new(&model.source.text, secrets);
        let id = self
            .files
            .add(model.source.path.clone(), masked.text.clone());
        self.ids.insert(file, (id, masked));
        id
    }

    fn range(&mut self, label: &Label) -> (usize, std::ops::Range<usize>) {
        let id = self.id(label.file);
        let masked = self.ids.get(&label.file).map(|(_, m)| m);
        let (start, end) = match masked {
            Some(m) => (m.map(label.span.start), m.map(label.span.end)),
            None => (label.span.start, label.span.end),
        };
        (id, start..end.max(start))
    }
}

/// A finding at the same place as the one printed just before it (one secret that is exposed,
/// over-scoped and shared): its header and its notes, under the excerpt already shown.
fn same_place(finding: &Finding, previous: Option<&Finding>) -> bool {
    previous.is_some_and(|p| {
        p.primary.file == finding.primary.file && p.primary.span == finding.primary.span
    })
}

fn diagnostic(
    files: &mut Files<'_>,
    finding: &Finding,
    previous: Option<&Finding>,
) -> Diagnostic<usize> {
    let severity = match finding.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    if same_place(finding, previous) {
        let mut notes = vec![format!(
            "at the same place as the {} above",
            previous.map_or("finding", |p| p.rule.id)
        )];
        let envs: Vec<String> = finding
            .environment
            .iter()
            .chain(&finding.related_environments)
            .map(ToString::to_string)
            .collect();
        if !envs.is_empty() && previous.is_some_and(|p| p.environment != finding.environment) {
            notes.push(format!("environment: {}", envs.join("; ")));
        }
        if let Some(why) = &finding.why {
            notes.push(format!("why: {why}"));
        }
        if let Some(help) = &finding.help {
            notes.push(format!("help: {help}"));
        }
        notes.push(format!(
            "rule: {} ({}); `agentlint explain {}` for more",
            finding.rule.name,
            finding.rule.category.as_str(),
            finding.rule.id
        ));
        // Related places still matter (the other environment's file).
        let labels = finding
            .related
            .iter()
            .map(|related| {
                let (id, range) = files.range(related);
                CsLabel::secondary(id, range).with_message(&related.message)
            })
            .collect();
        return Diagnostic::new(severity)
            .with_code(finding.rule.id)
            .with_message(&finding.message)
            .with_labels(labels)
            .with_notes(notes);
    }
    let (id, range) = files.range(&finding.primary);
    let mut labels = vec![CsLabel::primary(id, range).with_message(&finding.primary.message)];
    for related in &finding.related {
        let (id, range) = files.range(related);
        labels.push(CsLabel::secondary(id, range).with_message(&related.message));
    }
    let mut notes = Vec::new();
    let mut envs: Vec<String> = finding
        .environment
        .iter()
        .map(ToString::to_string)
        .collect();
    envs.extend(finding.related_environments.iter().map(ToString::to_string));
    if !envs.is_empty() {
        notes.push(format!("environment: {}", envs.join("; ")));
    }
    if let Some(why) = &finding.why {
        notes.push(format!("why: {why}"));
    }
    if let Some(help) = &finding.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &finding.fix {
        let how = match fix.applicability {
            crate::diagnostic::Applicability::Safe => "--fix",
            crate::diagnostic::Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        notes.push(format!("fix: {} (`agentlint check {how}`)", fix.title));
    }
    notes.push(format!(
        "rule: {} ({}); `agentlint explain {}` for more",
        finding.rule.name,
        finding.rule.category.as_str(),
        finding.rule.id
    ));
    Diagnostic::new(severity)
        .with_code(finding.rule.id)
        .with_message(&finding.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Whether to colour by default: only on a terminal, never with `NO_COLOR` set.
pub fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// The whole report as bytes: ANSI-coloured or plain, with or without the closing summary line
/// (`--quiet` drops it). Where it goes (standard output, `--output-file`) is the caller's choice.
pub fn render(
    workspace: &Workspace,
    findings: &[Finding],
    colour: bool,
    summary_line: bool,
) -> Vec<u8> {
    let mut files = Files::new(workspace);
    let config = term::Config::default();
    let mut buffer = if colour {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let mut previous = None;
    for finding in findings {
        let diagnostic = diagnostic(&mut files, finding, previous);
        previous = Some(finding);
        if term::emit_to_write_style(&mut buffer, &config, &files.files, &diagnostic).is_err() {
            let _ = writeln!(buffer, "{}: {}", finding.rule.id, finding.message);
        }
    }
    if summary_line {
        let _ = write!(buffer, "{}", summary(workspace, findings));
    }
    buffer.into_inner()
}

/// Render to a string without colour (tests, snapshots).
pub fn render_plain(workspace: &Workspace, findings: &[Finding]) -> String {
    let mut files = Files::new(workspace);
    let config = term::Config::default();
    let mut out = String::new();
    let mut previous = None;
    for finding in findings {
        let diagnostic = diagnostic(&mut files, finding, previous);
        previous = Some(finding);
        if term::emit_to_string(&mut out, &config, &files.files, &diagnostic).is_err() {
            out.push_str(&format!("{}: {}\n", finding.rule.id, finding.message));
        }
    }
    out.push_str(&summary(workspace, findings));
    out
}

fn summary(workspace: &Workspace, findings: &[Finding]) -> String {
    let (errors, warnings, infos) = counts(findings);
    if findings.is_empty() {
        return format!(
            "agentlint: no findings in {} files\n",
            workspace.files.len()
        );
    }
    format!(
        "agentlint: {} findings ({errors} errors, {warnings} warnings, {infos} infos) in {} files\n",
        findings.len(),
        workspace.files.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_offsets_mappable() {
        let text = "K=abcdefghijklmnop\nX=1";
        let masked = Masked::new(text, vec![Span::new(2, 18)]);
        assert!(!masked.text.contains("efghijklmnop"));
        assert!(masked.text.starts_with("K=abcd••••"));
        let x = text.find('X').unwrap_or_default();
        assert_eq!(&masked.text[masked.map(x)..masked.map(x) + 1], "X");
        assert_eq!(masked.map(2), 2);
    }
}
