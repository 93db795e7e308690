use crate::declare_rule;
use crate::diagnostic::{Applicability, Finding, Fix, Label, Severity};
use crate::facts::stateful::{
    deletion_guards, DeletionGuards, Guard, Protects, AZURE_LOCKABLE, AZURE_LOCK_LEVELS,
};
use crate::model::locks::{azure_locks, AzureLocks};
use crate::model::resources::{Attr, Resource};
use crate::model::terraform::{self, Instance, Resolved};
use crate::model::Workspace;
use crate::rules::helpers::each_stateful_instance;
use crate::rules::terraform_fixes::{applicability, prevent_destroy, set_attribute, set_nested};
use crate::rules::TerraformRule;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Finds production (or unknown-environment) data stores in Terraform that one call can
    /// delete, none of them with `lifecycle { prevent_destroy = true }`:
    /// - AWS: RDS instances and clusters (Aurora included), global clusters, DocumentDB and
    ///   Neptune clusters without `deletion_protection = true` (the provider default is `false`),
    ///   DynamoDB tables and Aurora DSQL clusters without `deletion_protection_enabled`, QLDB
    ///   ledgers with the protection turned off;
    /// - Google Cloud: resources protected by default with the protection turned off (Cloud SQL,
    ///   AlloyDB, BigQuery tables, Bigtable instances), Spanner databases and Cloud SQL instances
    ///   whose Terraform-side protection is off with no API-side protection
    ///   (`enable_drop_protection`, `settings.deletion_protection_enabled`) either, Firestore
    ///   databases with `deletion_policy = "DELETE"`, Bigtable tables `"UNPROTECTED"`. When only
    ///   the Terraform-side guard holds (Cloud SQL, Spanner and Firestore by default), a direct
    ///   API call still deletes the data: that is reported one level lower (a warning in
    ///   production);
    /// - Azure, which has no deletion-protection attribute: SQL, PostgreSQL and MySQL servers and
    ///   Cosmos DB accounts with no `CanNotDelete` (or `ReadOnly`) management lock on them, their
    ///   resource group or the subscription. When the resource group is declared elsewhere the
    ///   finding is a warning: its lock may live there;
    /// - calls to public registry modules (`terraform-aws-modules/rds`, `rds-aurora`,
    ///   `dynamodb-table`, Google's `sql-db`), judged by the inputs they pass and the module's own
    ///   defaults.
    ///
    /// The types, attributes and defaults are tables (`facts/stateful.rs`,
    /// `facts/registry_modules.rs`). Values are resolved through variables, tfvars, locals and
    /// module arguments; a value that cannot be resolved is reported at `info`, saying so.
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
            let resources = instance.resources(workspace);
            let locks = azure_locks(instance, &resources);
            for resource in &resources {
                if resource.prevents_destroy(instance) {
                    continue;
                }
                if let Some(guards) = deletion_guards(resource.kind) {
                    if let Some(finding) = judge_guards(instance, resource, guards, base) {
                        let fix = guard_fix(workspace, instance, resource, guards)
                            .or_else(|| lifecycle_fix(workspace, instance, resource));
                        let finding = match fix {
                            Some(fix) => finding.fix(fix),
                            None => finding,
                        };
                        findings.push(finding);
                    }
                } else if let Some((_, noun)) = AZURE_LOCKABLE
                    .iter()
                    .find(|(kind, _)| *kind == resource.kind)
                {
                    if let Some(finding) = judge_lock(instance, resource, noun, &locks, base) {
                        findings.push(finding);
                    }
                }
            }
            let databases: Vec<&Resource<'_>> = resources
                .iter()
                .filter(|r| AZURE_LOCKABLE.iter().any(|(kind, _)| *kind == r.kind))
                .collect();
            if let Some(first) = databases.first() {
                resource_group_guard(workspace, instance, first, databases.len(), base, findings);
            }
        });
    }
}

/// The azurerm provider refuses to delete a resource group that still holds resources, unless
/// `features { resource_group { prevent_deletion_if_contains_resources = false } }`: then one
/// delete of the group takes every database in it.
fn resource_group_guard(
    workspace: &Workspace,
    instance: &Instance<'_, '_>,
    example: &Resource<'_>,
    count: usize,
    base: Severity,
    findings: &mut Vec<Finding>,
) {
    for file_id in &instance.module.files {
        let Some(hcl) = workspace.file(*file_id).syntax.hcl() else {
            continue;
        };
        for provider in hcl.body.blocks_of("provider") {
            if provider.labels.first().map(|l| l.0.as_str()) != Some("azurerm") {
                continue;
            }
            let guard = provider
                .body
                .blocks_of("features")
                .flat_map(|f| f.body.blocks_of("resource_group"))
                .find_map(|g| g.body.attribute("prevent_deletion_if_contains_resources"));
            let Some(guard) = guard else {
                continue;
            };
            if instance.resolve(&guard.expr).value.as_bool() != Some(false) {
                continue;
            }
            let databases = match count {
                1 => format!("{} with it", example.display()),
                2 => format!("{} and one other database with it", example.display()),
                _ => format!(
                    "{} and {} other databases with it",
                    example.display(),
                    count - 1
                ),
            };
            findings.push(
                Finding::new(
                    DatabaseWithoutDeletionProtection::META,
                    Label::new(*file_id, guard.span, "resource groups delete with their contents"),
                    format!("deleting a resource group deletes everything in it, {databases}: `prevent_deletion_if_contains_resources` is false"),
                )
                .severity(base)
                .environment(instance.env.clone())
                .related(Label::new(example.file, example.name_span(), "deleted with its resource group"))
                .why("the provider's guard against deleting a resource group that still holds resources is turned off")
                .help("remove `prevent_deletion_if_contains_resources = false` (the default is true), and lock the resource group")
                .key("provider.azurerm.features.resource_group"),
            );
        }
    }
}

/// Why a guard cannot be judged on a registry module call the table does not map.
const MODULE_SILENT: &str = "the module does not say";

/// What one guard says about a resource.
enum Verdict {
    Protects,
    /// Written, and does not protect: where, how it is shown, and how it was resolved.
    Open {
        span: Span,
        shown: String,
        how: String,
    },
    /// Not written, and the default does not protect.
    OpenByDefault,
    /// Cannot be known: why.
    Unknown(String),
}

fn verdict(instance: &Instance<'_, '_>, resource: &Resource<'_>, guard: &Guard) -> Verdict {
    match resource.attr(instance, guard.path) {
        Attr::Unknowable => Verdict::Unknown(MODULE_SILENT.into()),
        Attr::Unset if guard.by_default => Verdict::Protects,
        Attr::Unset => Verdict::OpenByDefault,
        Attr::Written { span, value, .. } => {
            let protects = match (&value.value, guard.protects) {
                (Resolved::Null, _) => None,
                (v, Protects::True) => v.as_bool(),
                (Resolved::Str(s), Protects::OneOf(values)) => Some(values.contains(&s.as_str())),
                (Resolved::Str(s), Protects::NoneOf(values)) => Some(!values.contains(&s.as_str())),
                _ => None,
            };
            let how = value.via.map(|v| format!(" ({v})")).unwrap_or_default();
            match protects {
                Some(true) => Verdict::Protects,
                Some(false) => Verdict::Open {
                    span,
                    shown: match &value.value {
                        Resolved::Str(s) => format!("\"{s}\""),
                        Resolved::Bool(b) => b.to_string(),
                        other => format!("{other:?}"),
                    },
                    how,
                },
                // A `null` (or an unresolvable `optional(bool)` input) falls back to the default.
                None if guard.by_default => Verdict::Protects,
                None if value.value == Resolved::Null => Verdict::OpenByDefault,
                None => Verdict::Unknown(match value.value {
                    Resolved::Unknown(why) => why,
                    _ => "the value is not one the provider accepts".to_string(),
                }),
            }
        }
    }
}

/// Turn on the guard that holds against a direct API call (the incident's call), when it is a
/// top-level attribute: its literal value rewritten, or the attribute added to the block. A value
/// that comes from a variable or a module input is shared and left for a human.
fn guard_fix(
    workspace: &Workspace,
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
    guards: &DeletionGuards,
) -> Option<Fix> {
    // The guard against the API (the finding's subject when there is one, a nested one such as
    // Cloud SQL's `settings.deletion_protection_enabled` included); the one against `terraform
    // destroy` only where the type has nothing else.
    let settable = |g: &&Guard| !matches!(g.protects, Protects::NoneOf(_));
    let has_api_guard = guards.guards.iter().any(|g| g.against_api);
    let (guard, edit) = guards
        .guards
        .iter()
        .filter(settable)
        .filter(|g| g.against_api || !has_api_guard)
        .find_map(|guard| {
            let value = protecting_value(guard);
            let edit = if guard.path.contains('.') {
                set_nested(workspace, resource, guard.path, &value)
            } else {
                set_attribute(workspace, resource, guard.path, &value)
            };
            edit.map(|edit| (guard, edit))
        })?;
    let value = protecting_value(guard);
    Some(Fix {
        title: format!("set `{} = {value}`", guard.path),
        applicability: applicability(instance),
        edits: vec![edit],
    })
}

/// Where no attribute of the resource can be set (a guard that only a variable or a module input
/// controls, or none against the API), `lifecycle { prevent_destroy = true }`, unsafe: it stops
/// Terraform from destroying or replacing the resource, which is a change of workflow.
/// Never in a module others call: `prevent_destroy` cannot be made an input, so every caller
/// would get it.
fn lifecycle_fix(
    workspace: &Workspace,
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
) -> Option<Fix> {
    if applicability(instance) != Applicability::Safe {
        return None;
    }
    let edit = prevent_destroy(workspace, resource)?;
    Some(Fix {
        title: "add `lifecycle { prevent_destroy = true }`: Terraform refuses to destroy it"
            .to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![edit],
    })
}

/// The value that protects, as the help shows it.
fn protecting_value(guard: &Guard) -> String {
    match guard.protects {
        Protects::True => "true".to_string(),
        Protects::OneOf(values) => format!("\"{}\"", values.first().copied().unwrap_or("")),
        Protects::NoneOf(_) => "\"ABANDON\"".to_string(),
    }
}

fn judge_guards(
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
    guards: &DeletionGuards,
    base: Severity,
) -> Option<Finding> {
    let display = resource.display();
    let verdicts: Vec<(&Guard, Verdict)> = guards
        .guards
        .iter()
        .map(|guard| (guard, verdict(instance, resource, guard)))
        .collect();
    let protects = |api: bool| {
        verdicts
            .iter()
            .any(|(g, v)| g.against_api == api && matches!(v, Verdict::Protects))
    };
    if protects(true) {
        return None;
    }
    // A module attribute the table does not map is not a finding, not even a note.
    if verdicts
        .iter()
        .any(|(_, v)| matches!(v, Verdict::Unknown(why) if why == MODULE_SILENT))
    {
        return None;
    }
    let terraform_protects = protects(false);
    let unknown = verdicts.iter().find_map(|(g, v)| match v {
        Verdict::Unknown(why) => Some((*g, why.clone())),
        _ => None,
    });
    if let Some((guard, why)) = unknown {
        if terraform_protects {
            return None;
        }
        let span = match resource.attr(instance, guard.path) {
            Attr::Written { span, .. } => span,
            _ => resource.name_span(),
        };
        return Some(finding(
            resource,
            span,
            "cannot be resolved here",
            Severity::Info,
            format!(
                "{display} may be deletable by a single call: `{}` cannot be resolved ({why})",
                guard.path
            ),
            guards,
            instance,
        ));
    }
    if terraform_protects {
        // `terraform destroy` is refused, but a direct call (an agent's, a script's) is not.
        let (api, verdict) = verdicts.iter().find(|(g, _)| g.against_api)?;
        let (terraform, _) = verdicts.iter().find(|(g, _)| !g.against_api)?;
        let span = match verdict {
            Verdict::Open { span, .. } => *span,
            _ => resource.name_span(),
        };
        let severity = match base {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        };
        return Some(finding(
            resource,
            span,
            "a direct API call still deletes it",
            severity,
            format!(
                "{display} can be deleted by a direct API call: `{}` only stops `terraform destroy`, and `{}` is not set",
                terraform.path, api.path
            ),
            guards,
            instance,
        ));
    }
    // Report on the first guard written open, else on the resource's name.
    let primary = verdicts
        .iter()
        .position(|(_, v)| matches!(v, Verdict::Open { .. }))
        .unwrap_or(0);
    let (guard, verdict) = verdicts.get(primary)?;
    let (span, reason) = match verdict {
        Verdict::Open { span, shown, how } => (*span, format!("`{}` is {shown}{how}", guard.path)),
        _ => (
            resource.name_span(),
            match guard.protects {
                Protects::True => {
                    format!("`{}` is false (not set; the provider default)", guard.path)
                }
                _ => format!(
                    "`{}` is not set (the provider default does not protect)",
                    guard.path
                ),
            },
        ),
    };
    let others: Vec<String> = verdicts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != primary)
        .map(|(_, (g, _))| format!("`{}`", g.path))
        .collect();
    let also = if others.is_empty() {
        String::new()
    } else {
        format!(", nor is {} set", others.join(" or "))
    };
    Some(finding(
        resource,
        span,
        "no deletion protection",
        base,
        format!("{display} can be deleted by a single call: {reason}{also}"),
        guards,
        instance,
    ))
}

fn finding(
    resource: &Resource<'_>,
    span: Span,
    label: &str,
    severity: Severity,
    message: String,
    guards: &DeletionGuards,
    instance: &Instance<'_, '_>,
) -> Finding {
    // With two guards, say which stops only `terraform destroy` and which any delete call.
    let settings: Vec<String> = guards
        .guards
        .iter()
        .map(|g| {
            let what = match (guards.guards.len(), g.against_api) {
                (1, _) => "",
                (_, true) => " (stops any delete call)",
                (_, false) => " (stops `terraform destroy`)",
            };
            format!("`{} = {}`{what}", g.path, protecting_value(g))
        })
        .collect();
    let help = match resource.block() {
        Some(_) if settings.len() > 1 => format!(
            "set {}, and add `lifecycle {{ prevent_destroy = true }}`",
            settings.join(", ")
        ),
        Some(_) => format!(
            "set {} and add `lifecycle {{ prevent_destroy = true }}`",
            settings.join(" and ")
        ),
        None => format!("pass {} to the module", settings.join(" and ")),
    };
    Finding::new(
        DatabaseWithoutDeletionProtection::META,
        Label::new(resource.file, span, label),
        message,
    )
    .severity(severity)
    .environment(instance.env.clone())
    .why(format!(
        "whoever holds a credential for this account, an agent included, can delete the {}{}",
        guards.noun,
        if guards.noun == "database" {
            " and, by default, its automated backups"
        } else {
            " and everything in it"
        }
    ))
    .help(help)
    .key(resource.address.clone())
}

fn judge_lock(
    instance: &Instance<'_, '_>,
    resource: &Resource<'_>,
    noun: &str,
    locks: &AzureLocks,
    base: Severity,
) -> Option<Finding> {
    // A verified module locks what it creates when its `lock` input says so.
    if let Attr::Written { value, .. } = resource.attr(instance, "lock.kind") {
        match &value.value {
            Resolved::Str(level) if !AZURE_LOCK_LEVELS.contains(&level.as_str()) => {}
            Resolved::Null => {}
            _ => return None,
        }
    }
    let group = resource.written("resource_group_name");
    if locks.protects(instance, resource, group) {
        return None;
    }
    // A resource group declared here shows every lock that could protect it; one declared
    // elsewhere may carry a lock this configuration does not show.
    let group_here = group.is_some_and(|expr| locks.group_declared_here(expr));
    let severity = if group_here {
        base
    } else if base == Severity::Error {
        Severity::Warning
    } else {
        return None;
    };
    let display = resource.display();
    let whose = if group_here {
        "it or its resource group"
    } else {
        "it here (its resource group is declared elsewhere: check it for a lock)"
    };
    Some(
        Finding::new(
            DatabaseWithoutDeletionProtection::META,
            Label::new(resource.file, resource.name_span(), "no management lock"),
            format!("{display} can be deleted by a single call: no `CanNotDelete` management lock on {whose}"),
        )
        .severity(severity)
        .environment(instance.env.clone())
        .why(format!("Azure has no deletion-protection setting for a {noun}: without a lock, whoever holds a credential with delete rights, an agent included, removes it with its data"))
        .help("add an `azurerm_management_lock` with `lock_level = \"CanNotDelete\"` scoped to the resource or its resource group")
        .key(resource.address.clone()),
    )
}
