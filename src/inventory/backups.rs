//! Backups and their blast radius: what each protects, where it lives, and whether it survives the
//! deletion of what it protects.
//!
//! "We have backups" and "we have backups that survive the blast radius" are different sentences;
//! each entry says which one it is, in words, and `survives` says it for machines (`null` when the
//! repository does not show it).

use serde::Serialize;

use super::{evidence, Answer, EnvEvidence, Place, Shows};
use crate::diagnostic::{Category, Finding};
use crate::discover::FileKind;
use crate::facts::compose::{is_data_dir, mounts, DUMP_TOOLS};
use crate::facts::destructive::effective_words;
use crate::model::terraform::{self, Module, Resolved};
use crate::model::{FileModel, Workspace};
use crate::syntax::{HclExpr, HclExprKind, Node};

#[derive(Debug, Clone, Serialize)]
pub struct Backup {
    /// `rds-automated`, `rds-replication`, `backup-plan`, `backup-vault`, `s3-versioning`,
    /// `s3-object-lock`, `compose-service` or `dump`.
    pub kind: &'static str,
    /// The resource, service or command that makes the backup.
    pub name: String,
    pub protects: String,
    pub lives: String,
    pub blast_radius: String,
    /// Whether it survives the deletion of what it protects; `None` when the repository can't say.
    pub survives: Option<bool>,
    #[serde(flatten)]
    pub place: Place,
    pub environment: Option<EnvEvidence>,
}

pub fn collect(workspace: &Workspace, findings: &[Finding], shows: Shows<'_>) -> Vec<Backup> {
    let mut out = Vec::new();
    for module in terraform::modules(workspace) {
        terraform_backups(workspace, &module, &mut out);
    }
    out.retain(|b| {
        workspace
            .files
            .iter()
            .find(|f| f.source.path == b.place.path)
            .is_none_or(|f| shows(f, "AL402"))
    });
    for file in &workspace.files {
        if !shows(file, "AL403") {
            continue;
        }
        if file.source.kind == FileKind::Compose {
            if let Some(doc) = file.syntax.data() {
                for root in &doc.roots {
                    compose_backups(file, root, findings, &mut out);
                }
            }
        } else {
            dumps(file, findings, &mut out);
        }
    }
    out.sort_by(|a, b| a.place.cmp(&b.place).then(a.name.cmp(&b.name)));
    out
}

fn at(file: &FileModel, offset: usize) -> Place {
    Place {
        path: file.source.path.clone(),
        line: file.source.line_col(offset).0,
    }
}

/// `aws_s3_bucket.logs.id` → `aws_s3_bucket.logs`; a literal stays itself.
fn target_of(expr: &HclExpr) -> String {
    match &expr.kind {
        HclExprKind::Reference(segments) => segments
            .iter()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join("."),
        HclExprKind::Str { value, .. } => value.clone(),
        _ => "a computed target".to_string(),
    }
}

fn terraform_backups(workspace: &Workspace, module: &Module<'_>, out: &mut Vec<Backup>) {
    let types = [
        "aws_db_instance",
        "aws_rds_cluster",
        "aws_db_instance_automated_backups_replication",
        "aws_backup_plan",
        "aws_backup_vault",
        "aws_s3_bucket",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_object_lock_configuration",
    ];
    let locked_vaults: Vec<String> = module
        .resources(workspace, "aws_backup_vault_lock_configuration")
        .filter_map(|(_, b)| {
            b.body
                .attribute("backup_vault_name")
                .map(|a| target_of(&a.expr))
        })
        .collect();
    // Buckets deleted with every object and version (`force_destroy = true`): their versions
    // and locks do not survive the bucket, as AL404 says.
    let force_destroyed: Vec<String> = module
        .resources(workspace, "aws_s3_bucket")
        .filter(|(_, b)| {
            b.body
                .attribute("force_destroy")
                .is_some_and(|a| module.resolve(&a.expr).value.as_bool() == Some(true))
        })
        .flat_map(|(_, b)| {
            let name = b.labels.get(1).map_or("?", |l| l.0.as_str());
            let bucket = b
                .body
                .attribute("bucket")
                .and_then(|a| module.resolve(&a.expr).value.as_str_value());
            std::iter::once(format!("aws_s3_bucket.{name}")).chain(bucket)
        })
        .collect();
    const FORCE_DESTROYED: &str =
        "`force_destroy = true`: deleting the bucket deletes every version with it";
    for resource_type in types {
        for (file_id, block) in module.resources(workspace, resource_type) {
            let file = workspace.file(file_id);
            let name = block.labels.get(1).map(|l| l.0.as_str()).unwrap_or("?");
            let address = format!("{resource_type}.{name}");
            let get = |attr: &str| {
                block
                    .body
                    .attribute(attr)
                    .map(|a| module.resolve(&a.expr).value)
            };
            let mut push = |kind, protects: String, lives: &str, blast: String, survives| {
                out.push(Backup {
                    kind,
                    name: address.clone(),
                    protects,
                    lives: lives.to_string(),
                    blast_radius: blast,
                    survives,
                    place: at(file, block.kind_span.start),
                    environment: file.env.as_ref().map(EnvEvidence::from),
                });
            };
            match resource_type {
                "aws_db_instance" | "aws_rds_cluster" => {
                    let (blast, survives) = rds_blast(&get);
                    push(
                        "rds-automated",
                        format!("the database `{address}`"),
                        "RDS automated backups, same AWS account and region",
                        blast,
                        survives,
                    );
                }
                "aws_db_instance_automated_backups_replication" => push(
                    "rds-replication",
                    block
                        .body
                        .attribute("source_db_instance_arn")
                        .map(|a| format!("the database `{}`", target_of(&a.expr)))
                        .unwrap_or_else(|| "an RDS instance".to_string()),
                    "automated backups copied to another region",
                    "survives the instance's deletion and a regional outage; not the account's compromise".to_string(),
                    Some(true),
                ),
                "aws_backup_plan" => {
                    let copies = block.body.blocks_of("rule").any(|rule| rule.body.blocks_of("copy_action").next().is_some());
                    let vault = block
                        .body
                        .blocks_of("rule")
                        .find_map(|rule| rule.body.attribute("target_vault_name").map(|a| target_of(&a.expr)))
                        .unwrap_or_else(|| "a vault".to_string());
                    push(
                        "backup-plan",
                        "the resources its `aws_backup_selection` names".to_string(),
                        &format!("AWS Backup vault `{vault}`"),
                        if copies {
                            "recovery points are copied to a second vault: they survive the resource and the first vault".to_string()
                        } else {
                            "recovery points outlive the resource, in one vault of the same account".to_string()
                        },
                        Some(true),
                    );
                }
                "aws_backup_vault" => {
                    let locked = locked_vaults.iter().any(|v| *v == address || *v == name);
                    push(
                        "backup-vault",
                        "the recovery points of the plans that target it".to_string(),
                        "AWS Backup, same account",
                        if locked {
                            "vault lock: recovery points cannot be deleted before their retention ends, not even by an admin".to_string()
                        } else {
                            "no vault lock: survives the resource, but anyone with admin rights in the account can delete the recovery points".to_string()
                        },
                        Some(true),
                    );
                }
                "aws_s3_bucket" => {
                    let lock = get("object_lock_enabled").and_then(|v| v.as_bool()) == Some(true);
                    let versioned = block.body.blocks_of("versioning").any(|v| {
                        v.body.attribute("enabled").map(|a| module.resolve(&a.expr).value.as_bool()) == Some(Some(true))
                    });
                    if lock || versioned {
                        let doomed = !lock && force_destroyed.contains(&address);
                        push(
                            if lock { "s3-object-lock" } else { "s3-versioning" },
                            format!("the objects of `{address}`"),
                            "previous object versions in the same bucket",
                            if doomed {
                                FORCE_DESTROYED.to_string()
                            } else if lock {
                                "object lock: versions cannot be deleted before their retention ends".to_string()
                            } else {
                                "old versions survive overwrites and deletes of objects, not the deletion of the bucket by an admin".to_string()
                            },
                            Some(!doomed),
                        );
                    }
                }
                "aws_s3_bucket_versioning" => {
                    let status = block
                        .body
                        .blocks_of("versioning_configuration")
                        .find_map(|c| c.body.attribute("status").map(|a| module.resolve(&a.expr).value));
                    let enabled = matches!(&status, Some(Resolved::Str(s)) if s == "Enabled");
                    let bucket = block.body.attribute("bucket").map(|a| target_of(&a.expr)).unwrap_or_default();
                    let doomed = force_destroyed.contains(&bucket);
                    push(
                        "s3-versioning",
                        format!("the objects of `{bucket}`"),
                        "previous object versions in the same bucket",
                        if doomed {
                            FORCE_DESTROYED.to_string()
                        } else if enabled {
                            "old versions survive overwrites and deletes of objects, not the deletion of the bucket by an admin".to_string()
                        } else {
                            "versioning is not enabled: a delete is final".to_string()
                        },
                        Some(enabled && !doomed),
                    );
                }
                "aws_s3_bucket_object_lock_configuration" => {
                    let bucket = block.body.attribute("bucket").map(|a| target_of(&a.expr)).unwrap_or_default();
                    // A lock holds against `force_destroy` too: locked versions cannot be deleted.
                    push(
                        "s3-object-lock",
                        format!("the objects of `{bucket}`"),
                        "locked object versions in the same bucket",
                        "object lock: versions cannot be deleted before their retention ends".to_string(),
                        Some(true),
                    );
                }
                _ => {}
            }
        }
    }
}

/// The blast radius of an RDS instance's own backups.
fn rds_blast(get: &dyn Fn(&str) -> Option<Resolved>) -> (String, Option<bool>) {
    let retention = get("backup_retention_period").and_then(|v| v.as_number());
    if retention == Some(0.0) {
        return (
            "none: automated backups are off (`backup_retention_period = 0`)".to_string(),
            Some(false),
        );
    }
    let days = retention
        .map(|d| format!("{d} days of automated backups"))
        .unwrap_or_else(|| "automated backups (default retention)".to_string());
    let skip = get("skip_final_snapshot").map(|v| v.as_bool());
    let keep_automated = get("delete_automated_backups").and_then(|v| v.as_bool()) == Some(false);
    let protected = get("deletion_protection").and_then(|v| v.as_bool()) == Some(true);
    let guard = if protected {
        "; deletion protection must be turned off first"
    } else {
        "; no deletion protection"
    };
    match (skip, keep_automated) {
        (_, true) => (format!("{days}, kept after the instance is deleted{guard}"), Some(true)),
        (Some(Some(true)), false) => (
            format!("{days}, deleted with the instance, and no final snapshot: one call removes the data and every way back{guard}"),
            Some(false),
        ),
        (Some(Some(false)), false) => (
            format!("{days}, deleted with the instance; a final snapshot survives it{guard}"),
            Some(true),
        ),
        (Some(None), false) => (
            format!("{days}, deleted with the instance; whether a final snapshot is taken cannot be resolved{guard}"),
            None,
        ),
        // The provider's default is `skip_final_snapshot = false`.
        (None, false) => (
            format!("{days}, deleted with the instance; a final snapshot (the default) survives it{guard}"),
            Some(true),
        ),
    }
}

/// Whether a service looks like a backup job: named so, or running a dump tool.
fn is_backup_service(key: &str, text: &str) -> bool {
    key.to_ascii_lowercase().contains("backup") || DUMP_TOOLS.iter().any(|t| text.contains(t))
}

fn compose_backups(file: &FileModel, root: &Node, findings: &[Finding], out: &mut Vec<Backup>) {
    let services = root.get("services").map(Node::entries).unwrap_or(&[]);
    let databases: Vec<&str> = services
        .iter()
        .filter(|s| mounts(&s.value).iter().any(|m| is_data_dir(&m.target)))
        .map(|s| s.key.as_str())
        .collect();
    for service in services {
        let text = service.value.span.slice(&file.source.text);
        if !is_backup_service(&service.key, text) {
            continue;
        }
        let own = mounts(&service.value);
        let lives = if own.is_empty() {
            "inside the container".to_string()
        } else {
            own.iter()
                .map(|m| format!("`{}` at `{}`", m.source, m.target))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let shares = findings.iter().any(|f| {
            f.rule.id == "AL403"
                && f.primary.file == file.id
                && service.value.span.start <= f.primary.span.start
                && f.primary.span.start <= service.value.span.end
        });
        let remote = ["s3://", "gs://", "az://", "rclone", "restic", "borg"]
            .iter()
            .any(|r| text.contains(r));
        let (blast, survives) = if shares {
            (
                "the same volume as the database's data: deleting or losing the volume loses both"
                    .to_string(),
                Some(false),
            )
        } else if remote {
            (
                "copied to remote storage: survives the volume and the host".to_string(),
                Some(true),
            )
        } else if own.is_empty() {
            (
                "inside the container: lost when the container is removed".to_string(),
                Some(false),
            )
        } else {
            (
                "a separate volume on the same host: survives the data volume, not the host"
                    .to_string(),
                None,
            )
        };
        out.push(Backup {
            kind: "compose-service",
            name: format!("service `{}`", service.key),
            protects: if databases.is_empty() {
                "a database (not identified)".to_string()
            } else {
                databases
                    .iter()
                    .map(|d| format!("service `{d}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            lives,
            blast_radius: blast,
            survives,
            place: at(file, service.key_span.start),
            environment: file.env.as_ref().map(EnvEvidence::from),
        });
    }
}

/// `pg_dump`, `mysqldump`, `mongodump` in scripts and CI jobs.
fn dumps(file: &FileModel, findings: &[Finding], out: &mut Vec<Backup>) {
    for fact in &file.facts.commands {
        let owned = effective_words(&fact.command);
        let words: Vec<&str> = owned.iter().map(String::as_str).collect();
        let Some(tool) = words.first().copied().filter(|w| DUMP_TOOLS.contains(w)) else {
            continue;
        };
        let line_text = file.source.line_text(fact.command.span.start);
        let in_data = findings.iter().any(|f| {
            f.rule.id == "AL403" && f.primary.file == file.id && f.primary.span == fact.command.span
        });
        let remote = ["s3://", "gs://", "az://"]
            .iter()
            .any(|r| line_text.contains(r));
        let (lives, blast, survives) = if in_data {
            (
                "the database's own data directory",
                "the same volume as the data: losing one loses both",
                Some(false),
            )
        } else if remote {
            (
                "object storage",
                "copied off the machine: survives the database's volume",
                Some(true),
            )
        } else {
            (
                "a file on the machine that runs it",
                "depends on where that file is kept",
                None,
            )
        };
        out.push(Backup {
            kind: "dump",
            name: format!("`{tool}`"),
            protects: "the database it connects to".to_string(),
            lives: lives.to_string(),
            blast_radius: blast.to_string(),
            survives,
            place: at(file, fact.command.span.start),
            environment: file.env.as_ref().map(EnvEvidence::from),
        });
    }
}

/// Stateful resources the repository defines: Terraform databases and compose services that mount
/// a database data directory. Without any, "no backup" is not a problem.
pub fn databases(workspace: &Workspace, shows: Shows<'_>) -> usize {
    const DATABASES: &[&str] = &[
        "aws_db_instance",
        "aws_rds_cluster",
        "aws_docdb_cluster",
        "aws_neptune_cluster",
        "aws_dynamodb_table",
        "google_sql_database_instance",
    ];
    let terraform: usize = terraform::modules(workspace)
        .iter()
        .map(|module| {
            DATABASES
                .iter()
                .flat_map(|t| module.resources(workspace, t))
                .filter(|(id, _)| shows(workspace.file(*id), "AL402"))
                .count()
        })
        .sum();
    let compose = workspace
        .files
        .iter()
        .filter(|f| f.source.kind == FileKind::Compose && shows(f, "AL403"))
        .filter_map(|f| f.syntax.data())
        .flat_map(|doc| doc.roots.iter())
        .flat_map(|root| {
            root.get("services")
                .map(Node::entries)
                .unwrap_or(&[])
                .iter()
        })
        .filter(|s| mounts(&s.value).iter().any(|m| is_data_dir(&m.target)))
        .count();
    terraform + compose
}

/// "If production is deleted right now, do the backups survive?"
pub fn answer(
    workspace: &Workspace,
    backups: &[Backup],
    findings: &[Finding],
    databases: usize,
) -> Answer {
    let evidence: Vec<_> = findings
        .iter()
        .filter(|f| {
            matches!(
                f.rule.category,
                Category::BackupBlastRadius | Category::MissingDeletionProtection
            )
        })
        .map(|f| evidence(workspace, f))
        .collect();
    let dying = backups.iter().filter(|b| b.survives == Some(false)).count();
    let surviving = backups.iter().filter(|b| b.survives == Some(true)).count();
    let (verdict, ok) = if backups.is_empty() && databases == 0 {
        (
            "Nothing to lose: the repository defines no database and no backup.".to_string(),
            true,
        )
    } else if backups.is_empty() {
        ("No: the repository defines databases but no backup; nothing shows that production could be restored.".to_string(), false)
    } else if dying > 0 {
        (
            format!(
                "No: {dying} of {} backup{} die with the data they protect.",
                backups.len(),
                super::credentials::plural(backups.len())
            ),
            false,
        )
    } else if surviving == backups.len() {
        (
            if backups.len() == 1 {
                "Yes, as far as the repository shows: the one backup lives outside the data's blast radius.".to_string()
            } else {
                format!(
                    "Yes, as far as the repository shows: all {} backups live outside the data's blast radius.",
                    backups.len()
                )
            },
            evidence.is_empty(),
        )
    } else {
        (
            format!(
                "Unknown: {surviving} of {} backups survive; the repository does not show where the others live.",
                backups.len()
            ),
            false,
        )
    };
    Answer {
        id: "backups",
        question: "If production is deleted right now, do the backups survive?",
        verdict,
        ok,
        judged: true,
        evidence,
    }
}
