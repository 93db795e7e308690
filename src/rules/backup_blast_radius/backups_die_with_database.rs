use crate::declare_rule;
use crate::diagnostic::{Edit, Finding, Fix, Label};
use crate::facts::stateful::{FinalSnapshot, FINAL_SNAPSHOTS};
use crate::model::resources::{Attr, Resource};
use crate::model::terraform::{self, Instance, Resolved};
use crate::model::Workspace;
use crate::rules::helpers::each_stateful_instance;
use crate::rules::terraform_fixes::{add_lines, applicability, set_attribute, set_literal};
use crate::rules::TerraformRule;
use crate::syntax::{HclExprKind, Span};

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) databases whose backups would not survive their
    /// deletion, or that have none:
    /// - RDS instances and clusters, DocumentDB, Neptune and Redshift clusters with
    ///   `skip_final_snapshot = true` while their automated backups are deleted with them
    ///   (`delete_automated_backups` defaults to `true`); FSx file systems with automatic backups
    ///   that skip the final backup (Lustre does by default);
    /// - automated backups turned off (`backup_retention_period = 0`, Redshift's
    ///   `automated_snapshot_retention_period = 0`); replicas are not judged;
    /// - DynamoDB tables without point-in-time recovery when no AWS Backup selection in the
    ///   configuration could cover them;
    /// - Cloud SQL primaries with backups not enabled (the provider default is off), or deletable
    ///   without `retain_backups_on_delete` or a final backup;
    /// - the same inputs on calls to public registry modules (`terraform-aws-modules/rds`,
    ///   `rds-aurora`, `dynamodb-table`, Google's `sql-db`), with the modules' own defaults.
    ///
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
            let resources = instance.resources(workspace);
            // An AWS Backup selection may cover any resource (by ARN, tag or everything).
            let backup_selection = resources.iter().any(|r| r.kind == "aws_backup_selection");
            let mut report = |resource: &Resource<'_>,
                              span: Span,
                              label: &str,
                              message: String,
                              why: &str,
                              help: &str,
                              key: &str,
                              fix: Option<Fix>| {
                let finding = Finding::new(
                    BackupsDieWithDatabase::META,
                    Label::new(resource.file, span, label),
                    message,
                )
                .severity(severity)
                .environment(instance.env.clone())
                .why(why)
                .help(help)
                .key(format!("{}.{key}", resource.address));
                findings.push(match fix {
                    Some(fix) => finding.fix(fix),
                    None => finding,
                });
            };
            for resource in &resources {
                let display = resource.display();
                if let Some(spec) = FINAL_SNAPSHOTS
                    .iter()
                    .find(|s| s.resource_type == resource.kind)
                {
                    final_snapshot(workspace, instance, resource, spec, &mut report);
                    continue;
                }
                match resource.kind {
                    "aws_dynamodb_table" => {
                        if backup_selection {
                            continue;
                        }
                        let (span, shown) = match resource
                            .attr(instance, "point_in_time_recovery.enabled")
                        {
                            Attr::Written { value, .. } if value.value.as_bool() != Some(false) => {
                                continue
                            }
                            Attr::Written { span, .. } => (span, "is off"),
                            Attr::Unset => (resource.name_span(), "is not enabled"),
                            Attr::Unknowable => continue,
                        };
                        let fix = pitr_fix(workspace, instance, resource);
                        report(resource, span, "no backups", format!("{display} has no backups: point-in-time recovery {shown}, and no AWS Backup selection in this configuration covers it"), "a deleted or overwritten table cannot be restored: nothing keeps a copy", "enable `point_in_time_recovery` (or cover the table with an AWS Backup plan copying to another account)", "point_in_time_recovery", fix);
                    }
                    "google_sql_database_instance" => {
                        cloud_sql(instance, resource, &mut report);
                    }
                    _ => {}
                }
            }
        });
    }
}

type Report<'r> = dyn FnMut(&Resource<'_>, Span, &str, String, &str, &str, &str, Option<Fix>) + 'r;

/// Point-in-time recovery turned on: `enabled = true` written over a literal `false`, or the
/// block added.
fn pitr_fix(
    workspace: &Workspace,
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
) -> Option<Fix> {
    let fix = |edit| Fix {
        title: "enable `point_in_time_recovery`".to_string(),
        applicability: applicability(instance),
        edits: vec![edit],
    };
    let Some(block) = resource.block() else {
        // A registry-module call: the module's own input (`point_in_time_recovery_enabled`).
        return set_attribute(
            workspace,
            resource,
            "point_in_time_recovery.enabled",
            "true",
        )
        .map(fix);
    };
    let edit = match block.body.blocks_of("point_in_time_recovery").next() {
        Some(pitr) => {
            let expr = &pitr.body.attribute("enabled")?.expr;
            matches!(expr.kind, HclExprKind::Bool(false)).then(|| Edit {
                file: resource.file,
                span: expr.span,
                replacement: "true".to_string(),
            })?
        }
        None => add_lines(
            workspace,
            resource,
            &[
                "point_in_time_recovery {".to_string(),
                "  enabled = true".to_string(),
                "}".to_string(),
            ],
        )?,
    };
    Some(fix(edit))
}

/// A final snapshot taken on delete: `skip = false` (rewritten or added), with a
/// `final_snapshot_identifier` named after the resource where the resource type has one, and RDS's
/// automated backups kept (`delete_automated_backups = false`). All in one fix: the attributes
/// only mean something together.
fn final_snapshot_fix(
    workspace: &Workspace,
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
    spec: &FinalSnapshot,
) -> Option<Fix> {
    let Some(block) = resource.block() else {
        // A registry-module call: its own input for the skip, when the module table knows it.
        return Some(Fix {
            title: format!("take a final snapshot on delete (`{} = false`)", spec.skip),
            applicability: applicability(instance),
            edits: vec![set_attribute(workspace, resource, spec.skip, "false")?],
        });
    };
    let mut edits = Vec::new();
    let mut added = Vec::new();
    match resource.written(spec.skip) {
        Some(_) => edits.push(set_literal(resource, spec.skip, "false")?),
        None => added.push(format!("{} = false", spec.skip)),
    }
    let file_system = resource.kind.starts_with("aws_fsx_");
    if !file_system && block.body.attribute("final_snapshot_identifier").is_none() {
        added.push(format!(
            "final_snapshot_identifier = \"{}-final\"",
            snapshot_name(instance, resource)
        ));
    }
    if resource.kind == "aws_db_instance"
        && block.body.attribute("delete_automated_backups").is_none()
    {
        added.push("delete_automated_backups = false".to_string());
    }
    if !added.is_empty() {
        edits.push(add_lines(workspace, resource, &added)?);
    }
    Some(Fix {
        title: format!("take a final snapshot on delete (`{} = false`)", spec.skip),
        applicability: applicability(instance),
        edits,
    })
}

/// A snapshot name from the resource's identifier when it is a literal, else its Terraform name:
/// letters, digits and hyphens, starting with a letter (RDS's rule for identifiers).
fn snapshot_name(instance: &Instance<'_, '_>, resource: &Resource<'_>) -> String {
    let written = ["identifier", "cluster_identifier"]
        .iter()
        .find_map(|a| resource.written(a))
        .and_then(|e| instance.resolve(e).value.as_str_value())
        .filter(|s| !s.is_empty());
    let base = written.unwrap_or_else(|| resource.name().to_string());
    let mut name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "db-");
    }
    name
}

/// Automated backups turned off, or deleted with the resource and no final snapshot (backup)
/// taken: RDS, DocumentDB, Neptune, Redshift, FSx.
fn final_snapshot(
    workspace: &Workspace,
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
    spec: &FinalSnapshot,
    report: &mut Report<'_>,
) {
    let display = resource.display();
    let replica = ["replicate_source_db", "replication_source_identifier"]
        .iter()
        .any(|a| matches!(resource.attr(instance, a), Attr::Written { .. }));
    let retention = resource.attr(instance, spec.retention);
    // A file system without automatic backups loses nothing more by skipping the final one
    // (Lustre scratch file systems are built to be rebuilt).
    let file_system = resource.kind.starts_with("aws_fsx_");
    if let Attr::Written { span, value, name } = &retention {
        if value.value.as_number() == Some(0.0) && !replica && !file_system {
            let fix = set_attribute(workspace, resource, spec.retention, "7").map(|edit| Fix {
                title: format!(
                    "keep 7 days of automated backups (`{} = 7`)",
                    spec.retention
                ),
                applicability: applicability(instance),
                edits: vec![edit],
            });
            report(resource, *span, "automated backups are off", format!("{display} keeps no automated backups (`{name} = 0`)"), "there is nothing to restore from after a deletion or a bad migration", "keep automated backups for at least 7 days and copy them to another region or account", spec.retention, fix);
            return;
        }
    }
    let days = retention.value().and_then(Resolved::as_number);
    if file_system && !days.is_some_and(|d| d > 0.0) {
        return;
    }
    let span = match resource.attr(instance, spec.skip) {
        Attr::Written { span, value, .. } if value.value.as_bool() == Some(true) => span,
        Attr::Unset if spec.skip_by_default => resource.name_span(),
        _ => return,
    };
    let keeps_automated = resource.kind == "aws_db_instance"
        && resource.attr(instance, "delete_automated_backups").value()
            == Some(&Resolved::Bool(false));
    if keeps_automated {
        return;
    }
    let days = days
        .map(|d| format!(" its {d} days of automated backups"))
        .unwrap_or_else(|| " its automated backups".to_string());
    let (what, help) = if file_system {
        ("final backup", "set `skip_final_backup = false` (applied before any destroy), and copy backups to another account")
    } else if resource.kind == "aws_db_instance" {
        ("final snapshot", "set `skip_final_snapshot = false` with a `final_snapshot_identifier`, and `delete_automated_backups = false`")
    } else {
        ("final snapshot", "set `skip_final_snapshot = false` with a `final_snapshot_identifier`, and copy snapshots to another account")
    };
    let fix = final_snapshot_fix(workspace, instance, resource, spec);
    report(resource, span, &format!("no {what} on delete"), format!("deleting {display} also deletes{days} and takes no {what}"), "the backups share the data's blast radius: one delete call removes the data and every way back", help, spec.skip, fix);
}

fn cloud_sql(instance: &Instance<'_, '_>, resource: &Resource<'_>, report: &mut Report<'_>) {
    let display = resource.display();
    // Replicas keep no backups of their own; their primary does.
    if matches!(
        resource.attr(instance, "master_instance_name"),
        Attr::Written { .. }
    ) {
        return;
    }
    match resource.attr(instance, "settings.backup_configuration.enabled") {
        Attr::Written { span, value, .. } if value.value.as_bool() == Some(false) => {
            report(resource, span, "backups are off", format!("{display} keeps no automated backups (`backup_configuration.enabled = false`)"), "there is nothing to restore from after a deletion or a bad migration", "enable `backup_configuration` with point-in-time recovery, and `retain_backups_on_delete`", "backup_configuration.enabled", None);
            return;
        }
        Attr::Unset => {
            // High availability needs backups (MySQL refuses it without them).
            let regional = resource
                .attr(instance, "settings.availability_type")
                .value()
                .and_then(Resolved::as_str_value)
                .is_some_and(|v| v == "REGIONAL");
            if !regional {
                report(resource, resource.name_span(), "no automated backups", format!("{display} keeps no automated backups: `backup_configuration` is not enabled (the provider default is off)"), "there is nothing to restore from after a deletion or a bad migration", "add `settings { backup_configuration { enabled = true } }` with point-in-time recovery, and `retain_backups_on_delete`", "backup_configuration.enabled", None);
                return;
            }
        }
        _ => {}
    }
    // Deletable (protection explicitly off) and nothing kept after deletion.
    let Attr::Written { span, value, .. } = resource.attr(instance, "deletion_protection") else {
        return;
    };
    if value.value.as_bool() != Some(false) {
        return;
    }
    let retained = resource.bool_attr(instance, "settings.retain_backups_on_delete") == Some(true)
        || resource.bool_attr(instance, "retain_backups_on_delete") == Some(true)
        || resource.bool_attr(instance, "settings.final_backup_config.enabled") == Some(true);
    if !retained {
        report(resource, span, "deletable, and its backups go with it", format!("deleting {display} also erases all its backups (no `retain_backups_on_delete`, no final backup)"), "Cloud SQL deletes an instance's backups with the instance unless they are retained", "set `retain_backups_on_delete = true` or a `final_backup_config`, and keep `deletion_protection`", "retain_backups_on_delete", None);
    }
}
