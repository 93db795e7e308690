//! Rules: one file each, declared with [`declare_rule!`], registered in [`all`].
//!
//! A rule's documentation is its doc comment, with fixed headings (`## What it does`,
//! `## Why is this bad?`, `## Example`, `## Use instead`). The same text is printed by
//! `agentlint explain`, written to `lints/`, shown on hover in the editor, and executed by a test:
//! every fenced block under `## Example` must make the rule fire, every block under `## Use instead`
//! must leave it quiet. A fence's info string is the path the example is written to, so one example
//! can span several files.

pub use crate::diagnostic::{doc_section, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::model::Workspace;

pub mod backup;
pub mod cross_env;
pub mod deletion;
pub mod destructive;
pub mod meta;
pub mod secrets;

/// A check over the whole workspace. Most rules look at one file at a time; cross-file rules join
/// facts from several.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Check the workspace. Terraform rules leave this alone and implement [`Rule::check_instances`].
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        let modules = crate::model::terraform::modules(workspace);
        let instances = crate::model::terraform::instances(workspace, &modules);
        self.check_instances(workspace, &instances, findings);
    }

    /// Check every Terraform module instance. The pipeline builds the instances once and hands
    /// them to every rule that says [`Rule::needs_instances`], instead of each rebuilding them.
    fn check_instances(
        &self,
        _workspace: &Workspace,
        _instances: &[crate::model::terraform::Instance<'_, '_>],
        _findings: &mut Vec<Finding>,
    ) {
    }

    /// Whether this rule works on Terraform instances ([`Rule::check_instances`]).
    fn needs_instances(&self) -> bool {
        false
    }
}

/// Every rule, in id order.
pub fn all() -> &'static [&'static dyn Rule] {
    static RULES: &[&dyn Rule] = &[
        &secrets::exposed_secret::ExposedSecret,
        &secrets::overscoped_token::OverscopedToken,
        &cross_env::shared_credential::SharedCredential,
        &cross_env::production_reach::ProductionReach,
        &cross_env::ci_shared_secret::CiSharedSecret,
        &cross_env::terraform_shared_access::TerraformSharedAccess,
        &cross_env::agent_production_reach::AgentProductionReach,
        &destructive::agent_autonomy::AgentAutonomy,
        &destructive::destructive_instruction::DestructiveInstruction,
        &destructive::ungated_destructive_command::UngatedDestructiveCommand,
        &destructive::mcp_write_access::McpWriteAccess,
        &destructive::unpinned_mcp_server::UnpinnedMcpServer,
        &deletion::database_deletion_protection::DatabaseDeletionProtection,
        &deletion::storage_force_destroy::StorageForceDestroy,
        &backup::backups_die_with_database::BackupsDieWithDatabase,
        &backup::backup_vault_unprotected::BackupVaultUnprotected,
        &backup::backup_in_data_volume::BackupInDataVolume,
        &meta::parse_error::ParseError,
        &meta::file_skipped::FileSkipped,
    ];
    RULES
}

/// Every rule's metadata, including the meta rules that the pipeline itself reports.
pub fn catalogue() -> Vec<&'static RuleMeta> {
    let mut metas: Vec<&'static RuleMeta> = all().iter().map(|r| r.meta()).collect();
    metas.extend(meta::pipeline_rules());
    metas.sort_by_key(|m| m.id);
    metas.dedup_by_key(|m| m.id);
    metas
}

/// A rule by id (`AL201`) or name (`shared-credential-across-environments`), case-insensitive.
pub fn lookup(id_or_name: &str) -> Option<&'static RuleMeta> {
    catalogue()
        .into_iter()
        .find(|m| m.id.eq_ignore_ascii_case(id_or_name) || m.name.eq_ignore_ascii_case(id_or_name))
}

/// A fenced example in the docs: the path it is written to and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocExample {
    pub path: String,
    pub content: String,
}

/// The fenced blocks of a docs section whose info string is a path.
pub fn doc_examples(section: &str) -> Vec<DocExample> {
    let mut examples = Vec::new();
    let mut current: Option<DocExample> = None;
    for line in section.lines() {
        // Doc comments keep the space after `///`.
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(info) = line.trim_end().strip_prefix("```") {
            match current.take() {
                Some(example) => examples.push(example),
                None => {
                    current = Some(DocExample {
                        path: info.trim().to_string(),
                        content: String::new(),
                    })
                }
            }
        } else if let Some(example) = current.as_mut() {
            example.content.push_str(line);
            example.content.push('\n');
        }
    }
    examples
}

/// The docs as a user reads them: the leading space of each doc-comment line removed.
pub fn docs_text(meta: &RuleMeta) -> String {
    meta.docs
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The generated catalogue under `lints/`: one page per rule and an index, as (file name, text).
/// A test compares this with the files on disk, so the catalogue can never drift from the code.
pub fn catalogue_pages() -> Vec<(String, String)> {
    let catalogue = catalogue();
    let mut index = String::from(
        "# agentlint rules\n\n<!-- Generated from the rule declarations in src/rules/ by \
         `AGENTLINT_BLESS=1 cargo test --test catalogue`; do not edit. -->\n\n\
         | id | name | category | default severity | summary |\n|---|---|---|---|---|\n",
    );
    let mut pages = Vec::new();
    for meta in &catalogue {
        index.push_str(&format!(
            "| [{id}]({id}.md) | `{}` | `{}` | {} | {} |\n",
            meta.name,
            meta.category.as_str(),
            meta.severity,
            meta.summary,
            id = meta.id
        ));
        let page = format!(
            "# {} `{}`\n\n<!-- Generated from src/rules/; do not edit. -->\n\n\
             - category: `{}`\n- default severity: {}\n- summary: {}\n\n{}\n",
            meta.id,
            meta.name,
            meta.category.as_str(),
            meta.severity,
            meta.summary,
            docs_text(meta).trim()
        );
        pages.push((format!("{}.md", meta.id), page));
    }
    pages.push(("README.md".to_string(), index));
    pages
}

/// The severity for a finding about a stateful resource: production is an error, an unknown
/// environment a warning (a reusable module may end up anywhere), other environments are skipped.
pub fn stateful_severity(env: Option<&crate::environments::EnvInfo>) -> Option<Severity> {
    match env.map(|e| e.env) {
        Some(crate::environments::Env::Production) => Some(Severity::Error),
        None => Some(Severity::Warning),
        Some(_) => None,
    }
}

/// Runs `check` on every Terraform instance whose environment makes findings about stateful
/// resources count, at the severity [`stateful_severity`] gives, then shows on what it found the
/// module calls that lead to the instance.
pub fn each_stateful_instance<'m, 'w>(
    instances: &[crate::model::terraform::Instance<'m, 'w>],
    findings: &mut Vec<Finding>,
    mut check: impl FnMut(&crate::model::terraform::Instance<'m, 'w>, Severity, &mut Vec<Finding>),
) {
    for instance in instances {
        let Some(severity) = stateful_severity(instance.env.as_ref()) else {
            continue;
        };
        let before = findings.len();
        check(instance, severity, findings);
        instance.show_calls(&mut findings[before..]);
    }
}
