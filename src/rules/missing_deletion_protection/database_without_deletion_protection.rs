use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::facts::stateful::DELETION_PROTECTED_DATABASES;
use crate::model::terraform::{self, Resolved};
use crate::model::Workspace;
use crate::rules::helpers::{each_stateful_instance, prevents_destroy};
use crate::rules::TerraformRule;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) databases in Terraform that one call can delete:
    /// `aws_db_instance`, `aws_rds_cluster`, `aws_rds_global_cluster`, `aws_docdb_cluster` and
    /// `aws_neptune_cluster` without `deletion_protection = true` (the provider default is
    /// `false`), `aws_dynamodb_table` without `deletion_protection_enabled`, and the resources
    /// protected by default with the protection turned off (`aws_qldb_ledger`,
    /// `google_sql_database_instance`, `google_bigquery_table`, `google_bigtable_instance` with
    /// `deletion_protection = false`), none of them with
    /// `lifecycle { prevent_destroy = true }`. The types and defaults are one table
    /// (`facts/stateful.rs`).
    /// Values are resolved through variables, tfvars and locals; a value that cannot be resolved is
    /// reported at `info`, saying so.
    ///
    /// ## Why is this bad?
    /// "Production stateful resources deletable by one call" is how nine seconds become thirty
    /// hours. Deletion protection makes the provider refuse the delete until someone turns it off
    /// on purpose, whoever holds the credential.
    ///
    /// ## Example
    /// ```envs/prod/db.tf
    /// resource "aws_db_instance" "main" {
    ///   engine              = "postgres"
    ///   instance_class      = "db.t3.medium"
    ///   deletion_protection = false
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```envs/prod/db.tf
    /// resource "aws_db_instance" "main" {
    ///   engine              = "postgres"
    ///   instance_class      = "db.t3.medium"
    ///   deletion_protection = true
    /// }
    /// ```
    pub struct DatabaseWithoutDeletionProtection {
        id: "AL401",
        name: "database-without-deletion-protection",
        category: MissingDeletionProtection,
        severity: Error,
        summary: "a production database can be deleted by a single call",
        input: Terraform,
    }
}

impl TerraformRule for DatabaseWithoutDeletionProtection {
    fn check(
        &self,
        workspace: &Workspace,
        instances: &[terraform::Instance<'_, '_>],
        findings: &mut Vec<Finding>,
    ) {
        each_stateful_instance(instances, findings, |instance, base, findings| {
            for (resource_type, attribute, default) in DELETION_PROTECTED_DATABASES {
                for (file_id, block) in instance.module.resources(workspace, resource_type) {
                    if prevents_destroy(instance, block) {
                        continue;
                    }
                    let address = instance.address(block);
                    let (span, value, how) = match block.body.attribute(attribute) {
                        Some(attr) => {
                            let resolved = instance.resolve(&attr.expr);
                            let how = resolved.via.map(|v| format!(" ({v})")).unwrap_or_default();
                            (attr.span, resolved.value, how)
                        }
                        None => (
                            block.labels.get(1).map(|l| l.1).unwrap_or(block.kind_span),
                            Resolved::Bool(*default),
                            " (not set; the provider default)".to_string(),
                        ),
                    };
                    let (severity, message) = match value.as_bool() {
                        Some(true) => continue,
                        Some(false) => (
                            base,
                            format!("`{address}` can be deleted by a single call: `{attribute}` is false{how}"),
                        ),
                        // Protected by default: a value that cannot be resolved is most often a
                        // `null` that falls back to the default (`optional(bool)` inputs of
                        // for_each modules), not a reason to report.
                        None if *default => continue,
                        None => {
                            let why = match &value {
                                Resolved::Unknown(why) => why.clone(),
                                _ => "the value is not a boolean".to_string(),
                            };
                            (
                                Severity::Info,
                                format!("`{address}` may be deletable by a single call: `{attribute}` cannot be resolved ({why})"),
                            )
                        }
                    };
                    let finding = Finding::new(DatabaseWithoutDeletionProtection::META, Label::new(file_id, span, "no deletion protection"), message)
                        .severity(severity)
                        .environment(instance.env.clone())
                        .why("whoever holds a credential for this account, an agent included, can delete the database and, by default, its automated backups")
                        .help(format!("set `{attribute} = true` and add `lifecycle {{ prevent_destroy = true }}`"))
                        .key(address);
                    findings.push(finding);
                }
            }
        });
    }
}
