//! Every rule, in one list: what the pipeline runs, what `agentlint rules` prints, what selectors
//! and suppressions name.

use crate::diagnostic::RuleMeta;

use super::backup_blast_radius::{
    backup_inside_data_volume::BackupInsideDataVolume,
    backups_deletable_with_data::BackupsDeletableWithData,
    backups_die_with_database::BackupsDieWithDatabase,
};
use super::cross_environment_credential::{
    agent_has_production_reach::AgentHasProductionReach,
    ci_secret_shared_across_environments::CiSecretSharedAcrossEnvironments,
    production_reach_from_non_production::ProductionReachFromNonProduction,
    shared_credential_across_environments::SharedCredentialAcrossEnvironments,
    terraform_environments_share_access::TerraformEnvironmentsShareAccess,
};
use super::destructive_capability::{
    agent_acts_without_confirmation::AgentActsWithoutConfirmation,
    destructive_command_without_gate::DestructiveCommandWithoutGate,
    destructive_instruction_in_agent_rules::DestructiveInstructionInAgentRules,
    mcp_server_with_write_access::McpServerWithWriteAccess, unpinned_mcp_server::UnpinnedMcpServer,
};
use super::exposed_secret::exposed_secret::ExposedSecret;
use super::missing_deletion_protection::{
    bucket_force_destroy::BucketForceDestroy,
    database_without_deletion_protection::DatabaseWithoutDeletionProtection,
};
use super::overscoped_token::overscoped_token::OverscopedToken;
use super::parse_error::{
    file_skipped::FileSkipped, parse_error::ParseError,
    suppression_without_reason::SuppressionWithoutReason, unused_suppression::UnusedSuppression,
};
use super::Rule;

/// Every rule with a check, in id order.
pub fn all() -> &'static [&'static dyn Rule] {
    static RULES: &[&dyn Rule] = &[
        &ExposedSecret,
        &OverscopedToken,
        &SharedCredentialAcrossEnvironments,
        &ProductionReachFromNonProduction,
        &CiSecretSharedAcrossEnvironments,
        &TerraformEnvironmentsShareAccess,
        &AgentHasProductionReach,
        &AgentActsWithoutConfirmation,
        &DestructiveInstructionInAgentRules,
        &DestructiveCommandWithoutGate,
        &McpServerWithWriteAccess,
        &UnpinnedMcpServer,
        &DatabaseWithoutDeletionProtection,
        &BucketForceDestroy,
        &BackupsDieWithDatabase,
        &BackupsDeletableWithData,
        &BackupInsideDataVolume,
        &ParseError,
        &FileSkipped,
    ];
    RULES
}

/// Rules the pipeline reports itself (declared with `input: Pipeline`): no check to run.
pub fn pipeline_rules() -> [&'static RuleMeta; 2] {
    [SuppressionWithoutReason::META, UnusedSuppression::META]
}

/// Every rule's metadata, including the rules the pipeline itself reports.
pub fn catalogue() -> Vec<&'static RuleMeta> {
    let mut metas: Vec<&'static RuleMeta> = all().iter().map(|r| r.meta()).collect();
    metas.extend(pipeline_rules());
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
