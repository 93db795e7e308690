//! Terraform resources that hold data, and what protects each from deletion: the attributes, the
//! values that protect, and the provider's default when an attribute is not set.
//!
//! The research behind every row (with the documentation page it came from) is
//! `test-data/terraform/stateful-resources.tsv`; a test keeps the two in step.

/// The value of an attribute that protects the resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protects {
    /// `true`.
    True,
    /// One of these strings (`"PROTECTED"`, `"ABANDON"`).
    OneOf(&'static [&'static str]),
    /// Any value other than these strings (`deletion_policy` other than `"DELETE"`).
    NoneOf(&'static [&'static str]),
}

/// One attribute that can protect a resource from deletion.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    /// The attribute, nested blocks joined by dots (`settings.deletion_protection_enabled`).
    pub path: &'static str,
    pub protects: Protects,
    /// Whether the provider protects the resource when the attribute is not set.
    pub by_default: bool,
    /// Whether the guard holds against a direct API call (`false` for Terraform-only guards such as
    /// Google's `deletion_protection`, which only stops `terraform destroy`).
    pub against_api: bool,
}

/// A data resource and its guards. Any one guard protects it; it is deletable by one call when
/// none does.
#[derive(Debug, Clone, Copy)]
pub struct DeletionGuards {
    pub resource_type: &'static str,
    /// "database", "table", "ledger", "project"…: how messages name it.
    pub noun: &'static str,
    pub guards: &'static [Guard],
}

const fn guard(path: &'static str, by_default: bool) -> Guard {
    Guard {
        path,
        protects: Protects::True,
        by_default,
        against_api: true,
    }
}

const fn terraform_only(path: &'static str, protects: Protects, by_default: bool) -> Guard {
    Guard {
        path,
        protects,
        by_default,
        against_api: false,
    }
}

/// Resources with a deletion-protection attribute (AWS, Google Cloud). Azure has none: its
/// resources are protected by management locks ([`AZURE_LOCKABLE`]). Not here on purpose:
/// Google projects (a deleted project stays recoverable for 30 days), caches (ElastiCache,
/// Memorystore: rebuildable), Key Vaults (soft delete is always on).
pub const DELETION_GUARDS: &[DeletionGuards] = &[
    DeletionGuards {
        resource_type: "aws_db_instance",
        noun: "database",
        guards: &[guard("deletion_protection", false)],
    },
    DeletionGuards {
        resource_type: "aws_rds_cluster",
        noun: "database",
        guards: &[guard("deletion_protection", false)],
    },
    DeletionGuards {
        resource_type: "aws_rds_global_cluster",
        noun: "database",
        guards: &[guard("deletion_protection", false)],
    },
    DeletionGuards {
        resource_type: "aws_docdb_cluster",
        noun: "database",
        guards: &[guard("deletion_protection", false)],
    },
    DeletionGuards {
        resource_type: "aws_neptune_cluster",
        noun: "database",
        guards: &[guard("deletion_protection", false)],
    },
    DeletionGuards {
        resource_type: "aws_dynamodb_table",
        noun: "table",
        guards: &[guard("deletion_protection_enabled", false)],
    },
    DeletionGuards {
        resource_type: "aws_qldb_ledger",
        noun: "ledger",
        guards: &[guard("deletion_protection", true)],
    },
    DeletionGuards {
        resource_type: "aws_dsql_cluster",
        noun: "database",
        guards: &[guard("deletion_protection_enabled", false)],
    },
    DeletionGuards {
        resource_type: "google_sql_database_instance",
        noun: "database",
        guards: &[
            terraform_only("deletion_protection", Protects::True, true),
            guard("settings.deletion_protection_enabled", false),
        ],
    },
    DeletionGuards {
        resource_type: "google_bigquery_table",
        noun: "table",
        guards: &[terraform_only("deletion_protection", Protects::True, true)],
    },
    DeletionGuards {
        resource_type: "google_bigtable_instance",
        noun: "instance",
        guards: &[terraform_only("deletion_protection", Protects::True, true)],
    },
    DeletionGuards {
        resource_type: "google_bigtable_table",
        noun: "table",
        guards: &[Guard {
            path: "deletion_protection",
            protects: Protects::OneOf(&["PROTECTED"]),
            // Unset leaves the table unprotected, but the instance's own (default) protection
            // stands before it in a destroy; report only an explicit "UNPROTECTED".
            by_default: true,
            against_api: true,
        }],
    },
    DeletionGuards {
        resource_type: "google_spanner_database",
        noun: "database",
        guards: &[
            terraform_only("deletion_protection", Protects::True, true),
            guard("enable_drop_protection", false),
        ],
    },
    DeletionGuards {
        resource_type: "google_firestore_database",
        noun: "database",
        guards: &[
            terraform_only("deletion_policy", Protects::NoneOf(&["DELETE"]), true),
            Guard {
                path: "delete_protection_state",
                protects: Protects::OneOf(&["DELETE_PROTECTION_ENABLED"]),
                by_default: false,
                against_api: true,
            },
        ],
    },
    DeletionGuards {
        resource_type: "google_alloydb_cluster",
        noun: "database",
        guards: &[terraform_only("deletion_protection", Protects::True, true)],
    },
];

/// The guards of a resource type, if it is a data resource with any.
pub fn deletion_guards(resource_type: &str) -> Option<&'static DeletionGuards> {
    DELETION_GUARDS
        .iter()
        .find(|g| g.resource_type == resource_type)
}

/// Attributes that make a delete take the contents with it: a bucket emptied first, a dataset
/// deleted with its tables, a Spanner instance with its backups.
pub const FORCE_DESTROY: &[(&str, &str, &str)] = &[
    ("aws_s3_bucket", "force_destroy", "all its objects"),
    ("google_storage_bucket", "force_destroy", "all its objects"),
    (
        "digitalocean_spaces_bucket",
        "force_destroy",
        "all its objects",
    ),
    (
        "google_bigquery_dataset",
        "delete_contents_on_destroy",
        "all its tables",
    ),
    (
        "google_spanner_instance",
        "force_destroy",
        "all its databases' backups",
    ),
];

/// Azure databases, which have no deletion-protection attribute: a management lock
/// (`CanNotDelete` or `ReadOnly`) on the resource, its resource group or the subscription is
/// what makes Azure refuse the delete.
pub const AZURE_LOCKABLE: &[(&str, &str)] = &[
    ("azurerm_mssql_server", "database server"),
    ("azurerm_mssql_managed_instance", "database server"),
    ("azurerm_postgresql_flexible_server", "database server"),
    ("azurerm_postgresql_server", "database server"),
    ("azurerm_mysql_flexible_server", "database server"),
    ("azurerm_mysql_server", "database server"),
    ("azurerm_cosmosdb_account", "database account"),
];

/// Lock levels that stop a delete.
pub const AZURE_LOCK_LEVELS: &[&str] = &["CanNotDelete", "ReadOnly"];

/// Words in a bucket's name that say it holds what a pipeline rebuilds.
const REBUILDABLE_NAME_WORDS: &[&str] = &[
    "cloudbuild",
    "build",
    "artifact",
    "function-source",
    "functionsource",
    "function_source",
    "source_bucket",
    "source-bucket",
    "cache",
    "tmp",
    "temp",
    "scratch",
    "website",
];

/// Whether a bucket's resource or bucket name says it holds rebuildable content (build artifacts,
/// function sources, caches, a static website).
pub fn named_rebuildable(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    REBUILDABLE_NAME_WORDS.iter().any(|w| lower.contains(w)) && !named_for_backups(&lower)
}

/// Words in a bucket's name that say it holds backups.
const BACKUP_NAME_WORDS: &[&str] = &["backup", "bkp", "snapshot", "dump"];

/// Whether a bucket's resource or bucket name says it holds backups.
pub fn named_for_backups(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    BACKUP_NAME_WORDS.iter().any(|w| lower.contains(w))
}

/// The buckets a command line writes database dumps to: `pg_dump … | aws s3 cp - s3://b/x.sql`,
/// `mysqldump … > x.sql && gsutil cp x.sql gs://b/`. The bucket is a backup location by its role,
/// whatever its name.
pub fn dump_destinations(line: &str) -> Vec<&str> {
    if !crate::facts::compose::DUMP_TOOLS
        .iter()
        .any(|tool| line.contains(tool))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for scheme in ["s3://", "gs://"] {
        let mut rest = line;
        while let Some(at) = rest.find(scheme) {
            let after = &rest[at + scheme.len()..];
            let bucket: &str = after
                .split(|c: char| c == '/' || c.is_whitespace() || c == '"' || c == '\'')
                .next()
                .unwrap_or("");
            if !bucket.is_empty() && !bucket.contains('$') {
                out.push(bucket);
            }
            rest = after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumps_name_their_buckets() {
        assert_eq!(
            dump_destinations("pg_dump -h db app | gzip | aws s3 cp - s3://acme-db/app.sql.gz"),
            vec!["acme-db"]
        );
        assert_eq!(
            dump_destinations("mysqldump app > a.sql && gsutil cp a.sql \"gs://vault-1/\""),
            vec!["vault-1"]
        );
        assert!(dump_destinations("aws s3 cp build s3://site/").is_empty());
        assert!(dump_destinations("pg_dump app | aws s3 cp - s3://${BUCKET}/x").is_empty());
    }
}

/// What a Terraform root shares with another when both name the same value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shared {
    /// One state object: a backend's bucket and key, storage account, container and key,
    /// workspace or address.
    State,
    /// One identity applying the plan: an IAM role, an impersonated service account, a client.
    Identity,
    /// One credentials source: a key file, a named profile.
    Credentials,
    /// One Kubernetes context.
    Context,
    /// One account, project or subscription: the boundary a credential's reach stops at.
    Boundary,
}

impl Shared {
    /// The stable word in finding keys (`state`, `role`, `account`: the words used before the
    /// clouds other than AWS were read).
    pub fn key(self) -> &'static str {
        match self {
            Shared::State => "state",
            Shared::Identity => "role",
            Shared::Credentials => "credentials",
            Shared::Context => "context",
            Shared::Boundary => "account",
        }
    }
}

/// A provider attribute (nested blocks joined by dots) that names what a root applies with.
pub struct ProviderIdentity {
    pub provider: &'static str,
    pub path: &'static str,
    pub shared: Shared,
    /// How messages name it ("IAM role", "Google Cloud project").
    pub noun: &'static str,
}

pub const PROVIDER_IDENTITIES: &[ProviderIdentity] = &[
    ProviderIdentity {
        provider: "aws",
        path: "assume_role.role_arn",
        shared: Shared::Identity,
        noun: "IAM role",
    },
    ProviderIdentity {
        provider: "aws",
        path: "profile",
        shared: Shared::Credentials,
        noun: "AWS profile",
    },
    ProviderIdentity {
        provider: "google",
        path: "impersonate_service_account",
        shared: Shared::Identity,
        noun: "impersonated service account",
    },
    ProviderIdentity {
        provider: "google",
        path: "credentials",
        shared: Shared::Credentials,
        noun: "credentials file",
    },
    ProviderIdentity {
        provider: "google",
        path: "project",
        shared: Shared::Boundary,
        noun: "Google Cloud project",
    },
    ProviderIdentity {
        provider: "azurerm",
        path: "subscription_id",
        shared: Shared::Boundary,
        noun: "Azure subscription",
    },
    ProviderIdentity {
        provider: "azurerm",
        path: "client_id",
        shared: Shared::Identity,
        noun: "Azure client (service principal)",
    },
    ProviderIdentity {
        provider: "kubernetes",
        path: "config_context",
        shared: Shared::Context,
        noun: "Kubernetes context",
    },
    ProviderIdentity {
        provider: "helm",
        path: "kubernetes.config_context",
        shared: Shared::Context,
        noun: "Kubernetes context",
    },
];

/// Backend attributes that together name one state object, per backend type.
pub const BACKEND_STATE_KEYS: &[(&str, &[&str])] = &[
    ("s3", &["bucket", "key"]),
    ("gcs", &["bucket", "prefix"]),
    ("oss", &["bucket", "key"]),
    ("cos", &["bucket", "key"]),
    (
        "azurerm",
        &["storage_account_name", "container_name", "key"],
    ),
    ("remote", &["organization", "workspaces.name"]),
    ("cloud", &["organization", "workspaces.name"]),
    ("http", &["address"]),
    ("pg", &["conn_str", "schema_name"]),
    ("consul", &["address", "path"]),
    ("kubernetes", &["secret_suffix", "namespace"]),
];

/// Resources whose automated backups are deleted with them unless a final snapshot (or final
/// backup) is taken: the attribute that skips it, its provider default, and the attribute that
/// keeps automated backups (0 = none).
pub struct FinalSnapshot {
    pub resource_type: &'static str,
    pub skip: &'static str,
    pub skip_by_default: bool,
    pub retention: &'static str,
}

pub const FINAL_SNAPSHOTS: &[FinalSnapshot] = &[
    final_snapshot(
        "aws_db_instance",
        "skip_final_snapshot",
        false,
        "backup_retention_period",
    ),
    final_snapshot(
        "aws_rds_cluster",
        "skip_final_snapshot",
        false,
        "backup_retention_period",
    ),
    final_snapshot(
        "aws_docdb_cluster",
        "skip_final_snapshot",
        false,
        "backup_retention_period",
    ),
    final_snapshot(
        "aws_neptune_cluster",
        "skip_final_snapshot",
        false,
        "backup_retention_period",
    ),
    final_snapshot(
        "aws_redshift_cluster",
        "skip_final_snapshot",
        false,
        "automated_snapshot_retention_period",
    ),
    final_snapshot(
        "aws_fsx_lustre_file_system",
        "skip_final_backup",
        true,
        "automatic_backup_retention_days",
    ),
    final_snapshot(
        "aws_fsx_windows_file_system",
        "skip_final_backup",
        false,
        "automatic_backup_retention_days",
    ),
    final_snapshot(
        "aws_fsx_openzfs_file_system",
        "skip_final_backup",
        false,
        "automatic_backup_retention_days",
    ),
];

const fn final_snapshot(
    resource_type: &'static str,
    skip: &'static str,
    skip_by_default: bool,
    retention: &'static str,
) -> FinalSnapshot {
    FinalSnapshot {
        resource_type,
        skip,
        skip_by_default,
        retention,
    }
}
