use crate::declare_rule;
use crate::diagnostic::{Applicability, FileId, Finding, Fix, Label, Severity};
use crate::facts::stateful::{dump_destinations, named_for_backups};
use crate::model::resources::referenced_names;
use crate::model::terraform;
use crate::model::Workspace;
use crate::rules::helpers::each_stateful_instance;
use crate::rules::terraform_fixes::{add_block_after, applicability, set_block_literal};
use crate::rules::TerraformRule;
use crate::syntax::HclBlock;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) backups that the same credential that deletes the
    /// data can delete too, or that live in the data's own place: an `aws_backup_vault` with
    /// `force_destroy = true` or without an `aws_backup_vault_lock_configuration` (unless every
    /// backup rule writing to it copies each recovery point to another vault), an
    /// `aws_backup_plan` rule without a `copy_action` (the recovery points never leave the vault's
    /// account and region), backup buckets without versioning or object lock — a bucket is a
    /// backup location by its name or by its role: a database dump (`pg_dump`, `mysqldump`,
    /// `mongodump`…) anywhere in the repository's scripts, CI or compose files writes to it —,
    /// EBS snapshot policies
    /// (`aws_dlm_lifecycle_policy`) without a cross-region copy, Railway volumes (whose backups live
    /// inside the volume), Azure Recovery Services vaults with soft delete off or immutability
    /// `Disabled`, Azure Data Protection vaults with `soft_delete = "Off"`, and Azure storage
    /// accounts named for backups with neither blob soft delete, versioning nor immutability.
    ///
    /// ## Why is this bad?
    /// "If someone deletes the production volume right now, do the backups survive?" Backups kept
    /// in the same account and region, deletable by the same role, share the data's blast radius: a
    /// leaked account-wide credential, or an agent that found one, removes both. A vault lock in
    /// compliance mode, or a copy into another account, is what makes them survive.
    ///
    /// ## Example
    /// ```envs/prod/backup.tf
    /// resource "aws_backup_vault" "main" {
    ///   name          = "prod"
    ///   force_destroy = true
    /// }
    ///
    /// resource "aws_backup_plan" "daily" {
    ///   name = "daily"
    ///   rule {
    ///     rule_name         = "daily"
    ///     target_vault_name = aws_backup_vault.main.name
    ///     schedule          = "cron(0 3 * * ? *)"
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```envs/prod/backup.tf
    /// resource "aws_backup_vault" "main" {
    ///   name = "prod"
    /// }
    ///
    /// resource "aws_backup_vault_lock_configuration" "main" {
    ///   backup_vault_name   = aws_backup_vault.main.name
    ///   changeable_for_days = 3
    ///   min_retention_days  = 7
    /// }
    ///
    /// resource "aws_backup_plan" "daily" {
    ///   name = "daily"
    ///   rule {
    ///     rule_name         = "daily"
    ///     target_vault_name = aws_backup_vault.main.name
    ///     schedule          = "cron(0 3 * * ? *)"
    ///     copy_action {
    ///       destination_vault_arn = "arn:aws:backup:eu-west-1:210987654321:backup-vault:offsite"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct BackupsDeletableWithData {
        id: "AL405",
        name: "backups-deletable-with-data",
        category: BackupBlastRadius,
        severity: Error,
        summary: "backups stay in the data's account and region, unlocked, deletable by the same credential",
        input: Terraform,
    }
}

impl TerraformRule for BackupsDeletableWithData {
    fn check(
        &self,
        workspace: &Workspace,
        instances: &[terraform::Instance<'_, '_>],
        findings: &mut Vec<Finding>,
    ) {
        // Buckets that database dumps are written to, anywhere in the repository.
        let dump_targets: Vec<&str> = workspace
            .files
            .iter()
            .flat_map(|file| {
                file.facts.commands.iter().flat_map(|fact| {
                    dump_destinations(file.source.line_text(fact.command.span.start))
                })
            })
            .collect();
        each_stateful_instance(instances, findings, |instance, base, findings| {
            // Backup rules: the vaults they write to, and whether each copies elsewhere.
            let mut rules: Vec<(Vec<String>, bool)> = Vec::new();
            for (_, kind, block) in instance.all_resources(workspace) {
                if kind != "aws_backup_plan" {
                    continue;
                }
                for rule in block.body.blocks_of("rule") {
                    let Some(target) = rule.body.attribute("target_vault_name") else {
                        continue;
                    };
                    let mut names = referenced_names(&target.expr, "aws_backup_vault");
                    names.extend(instance.resolve(&target.expr).value.as_str_value());
                    let copies = rule.body.blocks_of("copy_action").next().is_some();
                    rules.push((names, copies));
                }
            }
            // Vault names (or resource names) that a lock configuration points at.
            let mut locked: Vec<String> = Vec::new();
            for (_, kind, block) in instance.all_resources(workspace) {
                if kind != "aws_backup_vault_lock_configuration" {
                    continue;
                }
                if let Some(attr) = block.body.attribute("backup_vault_name") {
                    locked.extend(referenced_names(&attr.expr, "aws_backup_vault"));
                    if let Some(name) = instance.resolve(&attr.expr).value.as_str_value() {
                        locked.push(name);
                    }
                }
            }
            let mut push = |file_id,
                            span,
                            severity,
                            message: String,
                            label: &str,
                            key: String,
                            help: &str,
                            fix: Option<Fix>| {
                let finding = Finding::new(BackupsDeletableWithData::META, Label::new(file_id, span, label), message)
                    .severity(severity)
                    .environment(instance.env.clone())
                    .why("the backups share the data's blast radius: whoever can delete the data can delete them too")
                    .help(help)
                    .key(key);
                findings.push(match fix {
                    Some(fix) => finding.fix(fix),
                    None => finding,
                });
            };
            let tier = applicability(instance);
            // Buckets that have versioning enabled or object lock, by resource name or bucket name.
            let mut versioned: Vec<String> = Vec::new();
            for (_, kind, block) in instance.all_resources(workspace) {
                let enabled = match kind {
                    "aws_s3_bucket_versioning" => {
                        block.body.blocks_of("versioning_configuration").any(|v| {
                            instance
                                .attr(v, "status")
                                .and_then(|(_, r)| r.value.as_str_value())
                                .as_deref()
                                == Some("Enabled")
                        })
                    }
                    "aws_s3_bucket_object_lock_configuration" => true,
                    _ => false,
                };
                if enabled {
                    if let Some(attr) = block.body.attribute("bucket") {
                        versioned.extend(referenced_names(&attr.expr, "aws_s3_bucket"));
                        if let Some(name) = instance.resolve(&attr.expr).value.as_str_value() {
                            versioned.push(name);
                        }
                    }
                }
            }
            for (file_id, kind, block) in instance.all_resources(workspace) {
                let address = instance.address(block);
                let name_span = block.labels.get(1).map_or(block.kind_span, |l| l.1);
                match kind {
                    "aws_backup_vault" => {
                        if let Some((span, r)) = instance.attr(block, "force_destroy") {
                            if r.value.as_bool() == Some(true) {
                                push(file_id, span, base, format!("`{address}` can be deleted with every recovery point in it (`force_destroy = true`)"), "deletes the recovery points too", format!("{address}.force_destroy"), "remove `force_destroy` and lock the vault with `aws_backup_vault_lock_configuration`", literal_fix(file_id, block, "force_destroy", "false", "set `force_destroy = false`", tier));
                                continue;
                            }
                        }
                        let resource_name =
                            block.labels.get(1).map(|l| l.0.clone()).unwrap_or_default();
                        let vault_name = instance
                            .attr(block, "name")
                            .and_then(|(_, r)| r.value.as_str_value());
                        let is_locked = locked
                            .iter()
                            .any(|l| *l == resource_name || Some(l) == vault_name.as_ref());
                        // Unlocked is fine when every rule writing here copies to another vault.
                        let writing: Vec<bool> = rules
                            .iter()
                            .filter(|(names, _)| {
                                names
                                    .iter()
                                    .any(|n| *n == resource_name || Some(n) == vault_name.as_ref())
                            })
                            .map(|(_, copies)| *copies)
                            .collect();
                        let copied_elsewhere = !writing.is_empty() && writing.iter().all(|c| *c);
                        if !is_locked && !copied_elsewhere {
                            push(file_id, name_span, Severity::Warning, format!("`{address}` has no vault lock: the role that deletes the data can delete its recovery points"), "no vault lock", format!("{address}.lock"), "add `aws_backup_vault_lock_configuration` (with `changeable_for_days` for compliance mode), or copy to a vault in another account", vault_lock_fix(workspace, file_id, block));
                        }
                    }
                    "aws_backup_plan" => {
                        for rule in block.body.blocks_of("rule") {
                            if rule.body.blocks_of("copy_action").next().is_none() {
                                let rule_name = rule
                                    .body
                                    .attribute("rule_name")
                                    .and_then(|a| instance.resolve(&a.expr).value.as_str_value())
                                    .unwrap_or_else(|| "?".to_string());
                                push(file_id, rule.kind_span, base, format!("backup rule `{rule_name}` of `{address}` keeps every copy in the vault's own account and region (no `copy_action`)"), "no copy outside the blast radius", format!("{address}.rule.{rule_name}"), "add a `copy_action` to a vault in another account and region", None);
                            }
                        }
                    }
                    "azurerm_recovery_services_vault" => {
                        if let Some((span, r)) = instance.attr(block, "soft_delete_enabled") {
                            if r.value.as_bool() == Some(false) {
                                push(file_id, span, base, format!("`{address}` has soft delete off: deleted backups are gone at once"), "soft delete off", format!("{address}.soft_delete_enabled"), "keep soft delete on and set `immutability = \"Locked\"`", literal_fix(file_id, block, "soft_delete_enabled", "true", "set `soft_delete_enabled = true`", tier));
                            }
                        }
                        if let Some((span, r)) = instance.attr(block, "immutability") {
                            if r.value.as_str_value().as_deref() == Some("Disabled") {
                                push(file_id, span, base, format!("`{address}` has immutability disabled: backups can be deleted before they expire"), "immutability disabled", format!("{address}.immutability"), "set `immutability = \"Locked\"`", literal_fix(file_id, block, "immutability", "\"Unlocked\"", "set `immutability = \"Unlocked\"` (reversible; `\"Locked\"` once the retention is settled)", tier));
                            }
                        }
                    }
                    "aws_s3_bucket" => {
                        let resource_name =
                            block.labels.get(1).map(|l| l.0.clone()).unwrap_or_default();
                        let bucket = instance
                            .attr(block, "bucket")
                            .and_then(|(_, r)| r.value.as_str_value())
                            .unwrap_or_default();
                        let is_backup = named_for_backups(&resource_name)
                            || named_for_backups(&bucket)
                            || (!bucket.is_empty() && dump_targets.contains(&bucket.as_str()));
                        let inline_lock = instance.bool_attr(block, "object_lock_enabled")
                            == Some(true)
                            || block
                                .body
                                .blocks_of("versioning")
                                .any(|v| instance.bool_attr(v, "enabled") == Some(true));
                        let protected = inline_lock
                            || versioned.iter().any(|v| {
                                *v == resource_name || (!bucket.is_empty() && *v == bucket)
                            });
                        if is_backup && !protected {
                            push(file_id, name_span, base, format!("backup bucket `{address}` has neither versioning nor object lock: a delete or an overwrite is final"), "unprotected backups", format!("{address}.versioning"), "enable versioning and S3 Object Lock (compliance mode), and replicate to another account", None);
                        }
                    }
                    "aws_dlm_lifecycle_policy" => {
                        let copies = block
                            .body
                            .blocks_of("policy_details")
                            .flat_map(|d| d.body.blocks_of("schedule"))
                            .any(|schedule| {
                                schedule
                                    .body
                                    .blocks_of("cross_region_copy_rule")
                                    .next()
                                    .is_some()
                            });
                        if !copies {
                            push(file_id, name_span, base, format!("`{address}` keeps every EBS snapshot in the volume's own region (no `cross_region_copy_rule`)"), "snapshots stay beside the volume", format!("{address}.cross_region_copy_rule"), "add a `cross_region_copy_rule` (and share to another account) so snapshots survive the region and the account", None);
                        }
                    }
                    "railway_volume" => {
                        push(file_id, name_span, base, format!("Railway volume `{address}` keeps its backups inside the volume: deleting the volume deletes them"), "backups live inside this volume", format!("{address}.backups"), "schedule dumps to object storage in another account (e.g. a cron service running pg_dump to S3)", None);
                    }
                    "azurerm_storage_account" => {
                        let account = instance
                            .attr(block, "name")
                            .and_then(|(_, r)| r.value.as_str_value())
                            .unwrap_or_default();
                        let resource_name = block.labels.get(1).map_or("", |l| l.0.as_str());
                        let is_backup =
                            named_for_backups(resource_name) || named_for_backups(&account);
                        let blob = block.body.blocks_of("blob_properties").next();
                        let soft_delete = blob.is_some_and(|b| {
                            b.body.blocks_of("delete_retention_policy").next().is_some()
                                || b.body.blocks_of("restore_policy").next().is_some()
                                || instance.bool_attr(b, "versioning_enabled") == Some(true)
                        });
                        let immutable =
                            block.body.blocks_of("immutability_policy").next().is_some();
                        if is_backup && !soft_delete && !immutable {
                            push(file_id, name_span, base, format!("backup storage account `{address}` has neither blob soft delete, versioning nor immutability: a deleted backup is gone at once"), "unprotected backups", format!("{address}.blob_properties"), "add `blob_properties { delete_retention_policy { days = 30 } versioning_enabled = true }` and an `immutability_policy`, and lock the account", None);
                        }
                    }
                    "azurerm_data_protection_backup_vault" => {
                        if let Some((span, r)) = instance.attr(block, "soft_delete") {
                            if r.value.as_str_value().as_deref() == Some("Off") {
                                push(file_id, span, base, format!("`{address}` has soft delete off: deleted backups are gone at once"), "soft delete off", format!("{address}.soft_delete"), "set `soft_delete = \"AlwaysOn\"` and lock immutability", None);
                            }
                        }
                    }
                    _ => {}
                }
            }
        });
    }
}

/// A literal setting of a vault rewritten: `force_destroy = false`, soft delete back on.
fn literal_fix(
    file: FileId,
    block: &HclBlock,
    name: &str,
    value: &str,
    title: &str,
    applicability: Applicability,
) -> Option<Fix> {
    Some(Fix {
        title: title.to_string(),
        applicability,
        edits: vec![set_block_literal(file, block, name, value)?],
    })
}

/// An `aws_backup_vault_lock_configuration` in governance mode (no `changeable_for_days`: it can
/// still be removed by whoever may manage the lock) with a seven-day minimum retention, added after
/// the vault. Unsafe: recovery points younger than the minimum can no longer be deleted, which is
/// the point but changes what the account's roles can do; compliance mode, which nobody can undo,
/// is left for a human to choose.
fn vault_lock_fix(workspace: &Workspace, file: FileId, vault: &HclBlock) -> Option<Fix> {
    let name = &vault.labels.get(1)?.0;
    if vault.body.attribute("count").is_some() || vault.body.attribute("for_each").is_some() {
        return None;
    }
    let text = &workspace.file(file).source.text;
    let header = format!("resource \"aws_backup_vault_lock_configuration\" \"{name}\"");
    let body = [
        format!("backup_vault_name = aws_backup_vault.{name}.name"),
        "min_retention_days = 7".to_string(),
    ];
    Some(Fix {
        title: "lock the vault (governance mode, seven days' minimum retention)".to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![add_block_after(file, text, vault, &header, &body)?],
    })
}
