//! `agentlint inventory`: the permission perimeter on one page.
//!
//! The incident's post-mortem asks questions that nobody could answer quickly: where the tokens
//! live and what each can do, whether backups survive the deletion of production, what runs
//! destructive operations without confirmation, and whether staging holds credentials that reach
//! production. `check` answers them as findings, one problem at a time; the inventory answers them
//! as a map, listing what is fine too, so that a person can review the perimeter as a whole.
//!
//! It is built from the same workspace and the same findings as `check` (so the two never
//! disagree), then rendered as Markdown ([`markdown`]) or JSON (serde, from these types). Every
//! list is in a deterministic order, and no secret is ever held here whole: only its redacted form
//! and its fingerprint.

mod backups;
mod capabilities;
mod credentials;
pub mod markdown;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Finding, Label};
use crate::environments::EnvInfo;
use crate::model::{FileModel, Workspace};
use crate::rules;

pub use backups::Backup;
pub use capabilities::Capability;
pub use credentials::{CredentialEntry, ReachEdge};

/// Format version of the JSON document; bumped when a field changes meaning.
pub const VERSION: u32 = 1;

/// The whole perimeter.
#[derive(Debug, Serialize)]
pub struct Inventory {
    pub version: u32,
    pub files: usize,
    pub credentials: Vec<CredentialEntry>,
    /// Secrets CI jobs receive by name from the platform's store.
    pub stored_secrets: Vec<credentials::StoredSecret>,
    /// Which credential reaches which environment, and why: the edges of the Mermaid graph.
    pub reach: Vec<ReachEdge>,
    pub capabilities: Vec<Capability>,
    pub backups: Vec<Backup>,
    /// Each agent configured in the repository, and whether `agentlint guard` gates its tools.
    pub agents: Vec<AgentGate>,
    /// The incident's questions, each with a one-line verdict.
    pub answers: Vec<Answer>,
}

/// An agent's settings folder, and whether its pre-tool hook runs `agentlint guard`.
#[derive(Debug, Serialize)]
pub struct AgentGate {
    pub agent: &'static str,
    /// The settings files of that agent in one folder, relative.
    pub settings: Vec<String>,
    pub guarded: bool,
}

/// Agents by settings folder: Claude Code merges `.claude/settings*.json`, Cursor keeps hooks
/// beside its permissions, and so on.
fn agent_gates(workspace: &Workspace) -> Vec<AgentGate> {
    use crate::discover::FileKind;
    let mut out: Vec<(String, AgentGate)> = Vec::new();
    for file in &workspace.files {
        let FileKind::AgentSettings(tool) = file.source.kind else {
            continue;
        };
        let dir = file
            .rel_path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string());
        let key = format!("{}\u{0}{dir}", tool.label());
        let guarded = file.syntax.data().is_some_and(|doc| {
            doc.roots
                .iter()
                .any(crate::facts::agent_settings::runs_guard)
        });
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, gate)) => {
                gate.settings.push(file.rel_path.clone());
                gate.guarded |= guarded;
            }
            None => out.push((
                key,
                AgentGate {
                    agent: tool.label(),
                    settings: vec![file.rel_path.clone()],
                    guarded,
                },
            )),
        }
    }
    let mut gates: Vec<AgentGate> = out.into_iter().map(|(_, g)| g).collect();
    gates.sort_by(|a, b| a.settings.cmp(&b.settings));
    gates
}

/// An environment with the evidence for it, as printed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EnvEvidence {
    pub env: String,
    pub evidence: String,
}

impl From<&EnvInfo> for EnvEvidence {
    fn from(info: &EnvInfo) -> Self {
        EnvEvidence {
            env: info.env.as_str().to_string(),
            evidence: info.evidence.clone(),
        }
    }
}

/// A place in the repository, 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub path: String,
    pub line: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// A finding the inventory cites as evidence for a verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub place: Place,
}

/// One of the incident's questions and the repository's answer.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// Stable key: `tokens`, `backups`, `unconfirmed`, `staging-reach`.
    pub id: &'static str,
    pub question: &'static str,
    /// One line.
    pub verdict: String,
    /// Whether the answer is the safe one.
    pub ok: bool,
    /// Whether the repository showed enough to answer: `false` when nothing it holds bears on
    /// the question (no file read, no database, no non-production place). Never a ✅ without
    /// evidence.
    pub judged: bool,
    /// The findings behind the verdict.
    pub evidence: Vec<Evidence>,
}

pub(crate) fn place(workspace: &Workspace, label: &Label) -> Place {
    let file = workspace.file(label.file);
    Place {
        path: file.source.path.clone(),
        line: file.source.line_col(label.span.start).0,
    }
}

pub(crate) fn evidence(workspace: &Workspace, finding: &Finding) -> Evidence {
    Evidence {
        rule: finding.rule.id,
        severity: finding.severity.as_str(),
        message: finding.message.clone(),
        place: place(workspace, &finding.primary),
    }
}

/// Whether a file's facts of the kind a rule judges (named by its id) belong on the page. The
/// inventory names rules by id, through the registry, and imports no rule file.
pub(crate) type Shows<'a> = &'a dyn Fn(&FileModel, &str) -> bool;

/// Build the inventory of a linted workspace. `findings` are those of `check` with the same
/// configuration, so that suppressions and ignores apply here too; and a path whose findings of a
/// kind are ignored (`[per-path-ignores]`, e.g. a directory of test fixtures) is left out of the
/// matching section, so that the tables and the verdicts describe the same files.
pub fn build(workspace: &Workspace, findings: &[Finding], config: &Config) -> Inventory {
    let shows = |file: &FileModel, rule_id: &str| {
        rules::lookup(rule_id).is_none_or(|meta| !config.ignored_for_path(meta, &file.rel_path))
    };
    let (credentials, reach) = credentials::collect(workspace, findings, &shows);
    let stored_secrets = credentials::collect_stored(workspace, findings, &shows);
    let capabilities = capabilities::collect(workspace, findings, &shows);
    let backups = backups::collect(workspace, findings, &shows);
    let answers = vec![
        credentials::answer(&credentials),
        backups::answer(
            workspace,
            &backups,
            findings,
            backups::databases(workspace, &shows),
        ),
        capabilities::answer(workspace, &capabilities, findings),
        credentials::staging_answer(workspace, findings),
    ];
    let mut answers = answers;
    for answer in &mut answers {
        if let Some(why) = not_judged(workspace, answer) {
            answer.judged = false;
            answer.ok = false;
            answer.verdict = format!("Not judged: {why}");
        }
    }
    Inventory {
        version: VERSION,
        files: workspace.files.len(),
        credentials,
        stored_secrets,
        reach,
        capabilities,
        backups,
        agents: agent_gates(workspace),
        answers,
    }
}

/// Why a question cannot be answered from what the repository holds, if it cannot.
fn not_judged(workspace: &Workspace, answer: &Answer) -> Option<&'static str> {
    use crate::discover::FileKind;
    if workspace.files.is_empty() {
        return Some("no file agentlint reads was found.");
    }
    if !answer.evidence.is_empty() || !answer.ok {
        return None;
    }
    match answer.id {
        "backups" if answer.verdict.starts_with("Nothing to lose") => {
            Some("the repository defines no database and no backup.")
        }
        "unconfirmed"
            if !workspace.files.iter().any(|f| {
                f.source.kind.is_agent_file()
                    || matches!(
                        f.source.kind,
                        FileKind::GhaWorkflow
                            | FileKind::GhaAction
                            | FileKind::GitlabCi
                            | FileKind::Script
                            | FileKind::Compose
                            | FileKind::TaskRunner(_)
                    )
            }) =>
        {
            Some("no agent configuration, CI job or script was found.")
        }
        "staging-reach"
            if !workspace.files.iter().any(|f| {
                f.env.as_ref().is_some_and(|e| !e.env.is_production())
                    || f.facts
                        .jobs
                        .iter()
                        .any(|j| j.env.as_ref().is_some_and(|e| !e.env.is_production()))
            }) =>
        {
            Some("no staging or other non-production file or job was found.")
        }
        _ => None,
    }
}

/// The JSON form.
pub fn to_json(inventory: &Inventory) -> String {
    let mut out = serde_json::to_string_pretty(inventory).unwrap_or_default();
    out.push('\n');
    out
}
