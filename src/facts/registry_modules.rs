//! Public registry modules judged like the resources they create: for each module, the resource it
//! creates, the input that turns it off, and which input sets which attribute with which default.
//!
//! The research behind every row (the module's `variables.tf` and `main.tf` on its default branch)
//! is `test-data/terraform/registry-modules.tsv`. Only attributes listed here are judged on a module
//! call; everything else about the module is unknown to the rules, never guessed.

/// How a module input reaches a resource attribute.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    /// The resource attribute, nested blocks joined by dots.
    pub attribute: &'static str,
    /// The module variable; `object.key` for a key of an object input, `map[*]` for "any value of a
    /// map input" (`force_destroy = { "bucket-a" = true }`).
    pub input: &'static str,
    /// The variable's default as HCL (`"false"`, `"7"`), or `None` when it is `null` and the
    /// provider's default applies.
    pub default: Option<&'static str>,
}

/// One module (or submodule) and the resource it creates.
#[derive(Debug, Clone, Copy)]
pub struct RegistryModule {
    /// Registry addresses, lower case, without a `registry.terraform.io/` host
    /// (`terraform-aws-modules/rds/aws`, `…/rds/aws//modules/db_instance`).
    pub sources: &'static [&'static str],
    pub resource_type: &'static str,
    /// The input that turns creation off (`create_db_instance = false`).
    pub create_input: Option<&'static str>,
    pub inputs: &'static [Input],
}

const fn input(attribute: &'static str, input: &'static str, default: &'static str) -> Input {
    Input {
        attribute,
        input,
        default: Some(default),
    }
}

const fn provider_default(attribute: &'static str, input: &'static str) -> Input {
    Input {
        attribute,
        input,
        default: None,
    }
}

/// The management lock an Azure verified module creates from its `lock` input
/// (`lock = { kind = "CanNotDelete" }`), under a pseudo-attribute the Azure rules ask for.
const AVM_LOCK: Input = provider_default("lock.kind", "lock.kind");

pub const REGISTRY_MODULES: &[RegistryModule] = &[
    RegistryModule {
        sources: &[
            "terraform-aws-modules/rds/aws",
            "terraform-aws-modules/rds/aws//modules/db_instance",
        ],
        resource_type: "aws_db_instance",
        create_input: Some("create_db_instance"),
        inputs: &[
            input("deletion_protection", "deletion_protection", "false"),
            input("skip_final_snapshot", "skip_final_snapshot", "false"),
            input(
                "delete_automated_backups",
                "delete_automated_backups",
                "true",
            ),
            provider_default("backup_retention_period", "backup_retention_period"),
        ],
    },
    RegistryModule {
        sources: &["terraform-aws-modules/rds-aurora/aws"],
        resource_type: "aws_rds_cluster",
        create_input: Some("create"),
        inputs: &[
            provider_default("deletion_protection", "deletion_protection"),
            input("skip_final_snapshot", "skip_final_snapshot", "false"),
            provider_default("delete_automated_backups", "delete_automated_backups"),
            provider_default("backup_retention_period", "backup_retention_period"),
        ],
    },
    RegistryModule {
        sources: &["terraform-aws-modules/dynamodb-table/aws"],
        resource_type: "aws_dynamodb_table",
        create_input: Some("create_table"),
        inputs: &[
            provider_default("deletion_protection_enabled", "deletion_protection_enabled"),
            input(
                "point_in_time_recovery.enabled",
                "point_in_time_recovery_enabled",
                "false",
            ),
        ],
    },
    RegistryModule {
        sources: &["terraform-aws-modules/s3-bucket/aws"],
        resource_type: "aws_s3_bucket",
        create_input: Some("create_bucket"),
        inputs: &[
            input("force_destroy", "force_destroy", "false"),
            input("object_lock_enabled", "object_lock_enabled", "false"),
        ],
    },
    RegistryModule {
        sources: &[
            "terraform-google-modules/sql-db/google//modules/postgresql",
            "terraform-google-modules/sql-db/google//modules/mssql",
            "googlecloudplatform/sql-db/google//modules/postgresql",
            "googlecloudplatform/sql-db/google//modules/mssql",
        ],
        resource_type: "google_sql_database_instance",
        create_input: None,
        inputs: &[
            input("deletion_protection", "deletion_protection", "true"),
            input(
                "settings.deletion_protection_enabled",
                "deletion_protection_enabled",
                "false",
            ),
            input(
                "settings.backup_configuration.enabled",
                "backup_configuration.enabled",
                "false",
            ),
            input(
                "settings.retain_backups_on_delete",
                "retain_backups_on_delete",
                "false",
            ),
        ],
    },
    // MySQL defaults to `availability_type = "REGIONAL"`, which turns backups on whatever
    // `backup_configuration` says: backups are not judged from the inputs.
    RegistryModule {
        sources: &[
            "terraform-google-modules/sql-db/google//modules/mysql",
            "googlecloudplatform/sql-db/google//modules/mysql",
        ],
        resource_type: "google_sql_database_instance",
        create_input: None,
        inputs: &[
            input("deletion_protection", "deletion_protection", "true"),
            input(
                "settings.deletion_protection_enabled",
                "deletion_protection_enabled",
                "false",
            ),
            input(
                "settings.retain_backups_on_delete",
                "retain_backups_on_delete",
                "false",
            ),
        ],
    },
    RegistryModule {
        sources: &[
            "terraform-google-modules/sql-db/google//modules/safer_mysql",
            "googlecloudplatform/sql-db/google//modules/safer_mysql",
        ],
        resource_type: "google_sql_database_instance",
        create_input: None,
        inputs: &[
            input("deletion_protection", "deletion_protection", "true"),
            input(
                "settings.deletion_protection_enabled",
                "deletion_protection_enabled",
                "false",
            ),
            input(
                "settings.retain_backups_on_delete",
                "retain_backups_on_delete",
                "true",
            ),
        ],
    },
    RegistryModule {
        sources: &["terraform-google-modules/cloud-storage/google"],
        resource_type: "google_storage_bucket",
        create_input: None,
        inputs: &[input("force_destroy", "force_destroy[*]", "false")],
    },
    RegistryModule {
        sources: &["cloudposse/tfstate-backend/aws"],
        resource_type: "aws_s3_bucket",
        create_input: Some("bucket_enabled"),
        inputs: &[input("force_destroy", "force_destroy", "false")],
    },
    RegistryModule {
        sources: &["nozaq/remote-state-s3-backend/aws"],
        resource_type: "aws_s3_bucket",
        create_input: None,
        inputs: &[input("force_destroy", "s3_bucket_force_destroy", "false")],
    },
    RegistryModule {
        sources: &["azure/avm-res-sql-server/azurerm"],
        resource_type: "azurerm_mssql_server",
        create_input: None,
        inputs: &[AVM_LOCK],
    },
    RegistryModule {
        sources: &["azure/avm-res-dbforpostgresql-flexibleserver/azurerm"],
        resource_type: "azurerm_postgresql_flexible_server",
        create_input: None,
        inputs: &[AVM_LOCK],
    },
    RegistryModule {
        sources: &["azure/avm-res-dbformysql-flexibleserver/azurerm"],
        resource_type: "azurerm_mysql_flexible_server",
        create_input: None,
        inputs: &[AVM_LOCK],
    },
    RegistryModule {
        sources: &["azure/avm-res-documentdb-databaseaccount/azurerm"],
        resource_type: "azurerm_cosmosdb_account",
        create_input: None,
        inputs: &[AVM_LOCK],
    },
    RegistryModule {
        sources: &["terraform-google-modules/cloud-storage/google//modules/simple_bucket"],
        resource_type: "google_storage_bucket",
        create_input: None,
        inputs: &[input("force_destroy", "force_destroy", "false")],
    },
];

/// A module source as the table spells it: lower case, no registry host, no `?ref=`, GitHub
/// addresses of `terraform-<provider>-<name>` repositories turned into registry addresses.
pub fn normalize_source(source: &str) -> String {
    let mut s = source.trim().to_ascii_lowercase();
    if let Some((before, _)) = s.split_once('?') {
        s = before.to_string();
    }
    for prefix in [
        "registry.terraform.io/",
        "git::",
        "https://",
        "ssh://",
        "git@",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    let github = s
        .strip_prefix("github.com/")
        .or_else(|| s.strip_prefix("github.com:"));
    if let Some(rest) = github {
        let (repo, sub) = match rest.split_once("//") {
            Some((repo, sub)) => (repo, Some(sub)),
            None => (rest, None),
        };
        let repo = repo.trim_end_matches('/').trim_end_matches(".git");
        if let Some((org, name)) = repo.split_once('/') {
            if let Some(rest) = name.strip_prefix("terraform-") {
                if let Some((provider, module)) = rest.split_once('-') {
                    let mut out = format!("{org}/{module}/{provider}");
                    if let Some(sub) = sub {
                        out.push_str("//");
                        out.push_str(sub);
                    }
                    return out;
                }
            }
        }
    }
    s.trim_end_matches('/').to_string()
}

/// The module a `source` calls, if it is in the table.
pub fn registry_module(source: &str) -> Option<&'static RegistryModule> {
    let normalized = normalize_source(source);
    REGISTRY_MODULES
        .iter()
        .find(|m| m.sources.contains(&normalized.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_recognised_however_written() {
        for source in [
            "terraform-aws-modules/rds/aws",
            "registry.terraform.io/terraform-aws-modules/rds/aws",
            "git::https://github.com/terraform-aws-modules/terraform-aws-rds.git?ref=v6.1.0",
            "github.com/terraform-aws-modules/terraform-aws-rds",
        ] {
            assert_eq!(
                registry_module(source).map(|m| m.resource_type),
                Some("aws_db_instance"),
                "{source}"
            );
        }
        assert_eq!(
            normalize_source("git::https://github.com/terraform-google-modules/terraform-google-sql-db.git//modules/postgresql?ref=v20.0.0"),
            "terraform-google-modules/sql-db/google//modules/postgresql"
        );
        assert!(registry_module("./modules/rds").is_none());
        assert!(registry_module("cloudposse/rds/aws").is_none());
    }
}
