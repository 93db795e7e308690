use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::model::env::Env;
use crate::model::terraform::{self, Resolved};
use crate::model::Workspace;
use crate::rules::Rule;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) RDS instances and clusters whose backups would not
    /// survive their deletion: `skip_final_snapshot = true` while automated backups are deleted
    /// with the instance (`delete_automated_backups` defaults to `true`), or automated backups
    /// turned off altogether (`backup_retention_period = 0`). Values are resolved through
    /// variables, tfvars and locals.
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
    pub static BACKUPS_DIE_WITH_DATABASE = {
        id: "AL402",
        name: "backups-die-with-database",
        category: BackupBlastRadius,
        severity: Error,
        summary: "deleting the database also deletes its backups, or there are none",
    }
}

pub struct BackupsDieWithDatabase;

impl Rule for BackupsDieWithDatabase {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &BACKUPS_DIE_WITH_DATABASE
    }

    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for module in terraform::modules(workspace) {
            for resource_type in ["aws_db_instance", "aws_rds_cluster"] {
                for (file_id, block) in module.resources(workspace, resource_type) {
                    let file = workspace.file(file_id);
                    let severity = match file.env.as_ref().map(|e| e.env) {
                        Some(Env::Production) => Severity::Error,
                        None => Severity::Warning,
                        Some(_) => continue,
                    };
                    let name = block.labels.get(1).map(|l| l.0.as_str()).unwrap_or("?");
                    let address = format!("{resource_type}.{name}");
                    let get = |attr: &str| {
                        block
                            .body
                            .attribute(attr)
                            .map(|a| (a, module.resolve(&a.expr)))
                    };
                    let retention = get("backup_retention_period");
                    if let Some((attr, r)) = &retention {
                        if r.value.as_number() == Some(0.0) {
                            findings.push(
                                Finding::new(
                                    &BACKUPS_DIE_WITH_DATABASE,
                                    Label::new(file_id, attr.span, "automated backups are off"),
                                    format!("`{address}` keeps no automated backups (`backup_retention_period = 0`)"),
                                )
                                .severity(severity)
                                .environment(file.env.clone())
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
                            &BACKUPS_DIE_WITH_DATABASE,
                            Label::new(file_id, skip.span, "no final snapshot on delete"),
                            format!("deleting `{address}` also deletes{days} and takes no final snapshot"),
                        )
                        .severity(severity)
                        .environment(file.env.clone())
                        .why("the backups share the instance's blast radius: one delete call removes the data and every way back")
                        .help("set `skip_final_snapshot = false` with a `final_snapshot_identifier`, and `delete_automated_backups = false`")
                        .key(format!("{address}.skip_final_snapshot")),
                    );
                }
            }
        }
    }
}
