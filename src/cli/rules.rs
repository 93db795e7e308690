//! `agentlint rules` and `agentlint explain`: the catalogue and one rule's documentation.

use std::process::ExitCode;

use clap::ValueEnum;

use crate::rules::{self, docs_text};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum RulesFormat {
    Text,
    Json,
}

/// `agentlint rules`.
pub(super) fn list(format: RulesFormat) -> ExitCode {
    print!("{}", rules_listing(format == RulesFormat::Json));
    ExitCode::SUCCESS
}

/// `agentlint explain RULE`: exit 2 for an unknown rule.
pub(super) fn explain(rule: &str) -> ExitCode {
    match rules::lookup(rule) {
        Some(meta) => {
            println!("{} ({}): {}\n", meta.id, meta.name, meta.summary);
            println!(
                "category: {}; default severity: {}\n",
                meta.category.as_str(),
                meta.severity
            );
            println!("{}", docs_text(meta).trim());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("agentlint: unknown rule `{rule}` (see `agentlint rules`)");
            ExitCode::from(2)
        }
    }
}

/// `agentlint rules`: one line per rule, or JSON.
pub fn rules_listing(json: bool) -> String {
    let catalogue = rules::catalogue();
    if json {
        let list: Vec<serde_json::Value> = catalogue
            .iter()
            .map(|m| {
                serde_json::json!({
                    "id": m.id,
                    "name": m.name,
                    "category": m.category.as_str(),
                    "severity": m.severity.as_str(),
                    "summary": m.summary,
                })
            })
            .collect();
        return format!(
            "{}\n",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    }
    let mut out = String::new();
    for m in catalogue {
        out.push_str(&format!(
            "{:<6} {:<40} {:<29} {:<8} {}\n",
            m.id,
            m.name,
            m.category.as_str(),
            m.severity.as_str(),
            m.summary
        ));
    }
    out
}
