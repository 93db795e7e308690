use crate::declare_rule;
use crate::diagnostic::{Finding, Label};
use crate::model::terraform::{self, Resolved};
use crate::model::Workspace;
use crate::rules::helpers::each_stateful_instance;
use crate::rules::TerraformRule;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) databases whose backups would not survive their
    /// deletion: RDS instances and clusters with `skip_final_snapshot = true` while automated
    /// backups are deleted with the instance (`delete_automated_backups` defaults to `true`), or
    /// automated backups turned off altogether (`backup_retention_period = 0`); Cloud SQL instances
    /// with backups disabled, or deletable without `retain_backups_on_delete` or a final backup.
    /// Values are resolved through variables, tfvars, locals and module arguments.
    ///
    /// ## Why is this bad?
    /// "We have backups" and "we have backups that survive the blast radius" are different
    /// sentences. In the incident the backups lived inside the deleted volume; here they live and
    /// die with the instance: one delete call removes the data and every automated backup, and no
    /// final snapshot is taken.
    ///
    /// ## Example
    /// ```envs/prod/db.tf
    /// resource "aws_db_instance" "main" {
    ///   deletion_protection     = true
    ///   backup_retention_period = 7
    ///   skip_final_snapshot     = true
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```envs/prod/db.tf
    /// resource "aws_db_instance" "main" {
    ///   deletion_protection       = true
    ///   backup_retention_period   = 7
    ///   skip_final_snapshot       = false
    ///   final_snapshot_identifier = "main-final"
    ///   delete_automated_backups  = false
    /// }
    /// ```
    pub struct BackupsDieWithDatabase {
        id: "AL402",
        name: "backups-die-with-database",
        category: BackupBlastRadius,
        severity: Error,
        summary: "deleting the database also deletes its backups, or there are none",
        input: Terraform,
    }
}

impl TerraformRule for BackupsDieWithDatabase {
    fn check(
        &self,
        workspace: &Workspace,
        instances: &[terraform::Instance<'_, '_>],
        findings: &mut Vec<Finding>,
    ) {
        each_stateful_instance(instances, findings, |instance, severity, findings| {
            let env = instance.env.clone();
            for resource_type in ["aws_db_instance", "aws_rds_cluster"] {
                for (file_id, block) in instance.module.resources(workspace, resource_type) {
                    let address = instance.address(block);
                    let get = |attr: &str| {
                        block
                            .body
                            .attribute(attr)
                            .map(|a| (a, instance.resolve(&a.expr)))
                    };
                    let retention = get("backup_retention_period");
                    if let Some((attr, r)) = &retention {
                        if r.value.as_number() == Some(0.0) {
                            findings.push(
                                Finding::new(
                                    BackupsDieWithDatabase::META,
                                    Label::new(file_id, attr.span, "automated backups are off"),
                                    format!("`{address}` keeps no automated backups (`backup_retention_period = 0`)"),
                                )
                                .severity(severity)
                                .environment(env.clone())
                                .why("there is nothing to restore from after a deletion or a bad migration")
                                .help("set `backup_retention_period` to at least 7 and copy backups to another region or account")
                                .key(format!("{address}.backup_retention_period")),
                            );
                            continue;
                        }
                    }
                    let Some((skip, skip_value)) = get("skip_final_snapshot") else {
                        continue;
                    };
                    if skip_value.value.as_bool() != Some(true) {
                        continue;
                    }
                    let keeps_automated = get("delete_automated_backups")
                        .is_some_and(|(_, r)| r.value == Resolved::Bool(false));
                    if keeps_automated {
                        continue;
                    }
                    let days = retention
                        .as_ref()
                        .and_then(|(_, r)| r.value.as_number())
                        .map(|d| format!(" its {d} days of automated backups"))
                        .unwrap_or_else(|| " its automated backups".to_string());
                    findings.push(
                        Finding::new(
                            BackupsDieWithDatabase::META,
                            Label::new(file_id, skip.span, "no final snapshot on delete"),
                            format!("deleting `{address}` also deletes{days} and takes no final snapshot"),
                        )
                        .severity(severity)
                        .environment(env.clone())
                        .why("the backups share the instance's blast radius: one delete call removes the data and every way back")
                        .help("set `skip_final_snapshot = false` with a `final_snapshot_identifier`, and `delete_automated_backups = false`")
                        .key(format!("{address}.skip_final_snapshot")),
                    );
                }
            }
            for (file_id, block) in instance
                .module
                .resources(workspace, "google_sql_database_instance")
            {
                let address = instance.address(block);
                let settings = block.body.blocks_of("settings").next();
                let backup = settings.and_then(|s| s.body.blocks_of("backup_configuration").next());
                let disabled = backup.and_then(|b| {
                    b.body
                        .attribute("enabled")
                        .map(|a| (a.span, instance.resolve(&a.expr).value.as_bool()))
                });
                if let Some((span, Some(false))) = disabled {
                    findings.push(
                        Finding::new(
                            BackupsDieWithDatabase::META,
                            Label::new(file_id, span, "backups are off"),
                            format!("`{address}` keeps no automated backups (`backup_configuration.enabled = false`)"),
                        )
                        .severity(severity)
                        .environment(env.clone())
                        .why("there is nothing to restore from after a deletion or a bad migration")
                        .help("enable `backup_configuration` with point-in-time recovery, and `retain_backups_on_delete`")
                        .key(format!("{address}.backup_configuration.enabled")),
                    );
                    continue;
                }
                // Deletable (protection explicitly off) and nothing kept after deletion.
                let deletable = instance.bool_attr(block, "deletion_protection") == Some(false);
                let retained = instance.bool_attr(block, "retain_backups_on_delete") == Some(true)
                    || settings
                        .and_then(|s| s.body.blocks_of("final_backup_config").next())
                        .is_some_and(|f| instance.bool_attr(f, "enabled") == Some(true));
                if deletable && !retained {
                    let span = block
                        .body
                        .attribute("deletion_protection")
                        .map_or(block.kind_span, |a| a.span);
                    findings.push(
                        Finding::new(
                            BackupsDieWithDatabase::META,
                            Label::new(file_id, span, "deletable, and its backups go with it"),
                            format!("deleting `{address}` also erases all its backups (no `retain_backups_on_delete`, no final backup)"),
                        )
                        .severity(severity)
                        .environment(env.clone())
                        .why("Cloud SQL deletes an instance's backups with the instance unless they are retained")
                        .help("set `retain_backups_on_delete = true` or a `final_backup_config`, and keep `deletion_protection`")
                        .key(format!("{address}.retain_backups_on_delete")),
                    );
                }
            }
        });
    }
}
