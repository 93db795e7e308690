//! Baselines: accept today's findings, report only new ones.
//!
//! A finding's identity is its rule, its file, its logical location (key path, resource address or
//! variable name, never the line number) and the fingerprint of the secret involved: the baseline
//! survives edits that move lines, and a new secret on an old line is new. The file is sorted JSON,
//! one entry per line, and holds no secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;
use crate::model::Workspace;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// How many findings share this identity.
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

fn identity(workspace: &Workspace, finding: &Finding) -> (String, String, String, Option<String>) {
    (
        finding.rule.id.to_string(),
        workspace.file(finding.primary.file).source.path.clone(),
        finding.key.clone(),
        finding.fingerprint.clone(),
    )
}

impl Baseline {
    pub fn from_findings(workspace: &Workspace, findings: &[Finding]) -> Self {
        let mut counts: BTreeMap<(String, String, String, Option<String>), usize> = BTreeMap::new();
        for finding in findings {
            *counts.entry(identity(workspace, finding)).or_default() += 1;
        }
        Baseline {
            version: 1,
            findings: counts
                .into_iter()
                .map(|((rule, path, key, fingerprint), count)| Entry {
                    rule,
                    path,
                    key,
                    fingerprint,
                    count,
                })
                .collect(),
        }
    }

    /// Drop the findings the baseline accepts.
    pub fn filter(&self, workspace: &Workspace, findings: Vec<Finding>) -> Vec<Finding> {
        let mut budget: BTreeMap<(String, String, String, Option<String>), usize> = self
            .findings
            .iter()
            .map(|e| {
                (
                    (
                        e.rule.clone(),
                        e.path.clone(),
                        e.key.clone(),
                        e.fingerprint.clone(),
                    ),
                    e.count,
                )
            })
            .collect();
        findings
            .into_iter()
            .filter(
                |finding| match budget.get_mut(&identity(workspace, finding)) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        false
                    }
                    _ => true,
                },
            )
            .collect()
    }

    pub fn to_text(&self) -> String {
        let mut out = format!("{{\n  \"version\": {},\n  \"findings\": [\n", self.version);
        for (i, entry) in self.findings.iter().enumerate() {
            let line = serde_json::to_string(entry).unwrap_or_default();
            let comma = if i + 1 < self.findings.len() { "," } else { "" };
            out.push_str(&format!("    {line}{comma}\n"));
        }
        out.push_str("  ]\n}\n");
        out
    }

    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("bad baseline {}: {e}", path.display()))
    }

    /// Write through [`crate::safe_write`]: atomically (a temporary file beside the target, then a
    /// rename), never through a symlink, and only inside `roots` (the working directory and the
    /// directories being checked).
    pub fn write(&self, path: &Path, roots: &[PathBuf]) -> Result<(), String> {
        crate::safe_write::write_atomic(path, self.to_text().as_bytes(), roots)
            .map_err(|e| format!("baseline: {e}"))
    }
}
