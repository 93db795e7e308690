//! `check --statistics`: how many findings each rule produced, instead of the findings (as
//! `ruff check --statistics` does) — the first look at a repository, or the numbers for a report.

use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};

/// One row: a rule, its highest severity among the findings counted, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCount {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub count: usize,
}

/// Rows by count (most first), then rule id.
pub fn count(findings: &[Finding]) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    for finding in findings {
        let row = by_rule.entry(finding.rule.id).or_insert(RuleCount {
            id: finding.rule.id,
            name: finding.rule.name,
            severity: finding.severity,
            count: 0,
        });
        row.count += 1;
        row.severity = row.severity.max(finding.severity);
    }
    let mut rows: Vec<RuleCount> = by_rule.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(b.id)));
    rows
}

/// A table: count, rule id, rule name, highest severity.
pub fn human(findings: &[Finding]) -> String {
    let rows = count(findings);
    let width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for row in &rows {
        out.push_str(&format!(
            "{:>width$}  {}  {:<name_width$}  {}\n",
            row.count,
            row.id,
            row.name,
            row.severity.as_str()
        ));
    }
    out
}

/// A JSON array of `{"code", "name", "severity", "count"}` objects.
pub fn json(findings: &[Finding]) -> String {
    let rows: Vec<serde_json::Value> = count(findings)
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "code": r.id,
                "name": r.name,
                "severity": r.severity.as_str(),
                "count": r.count,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}
