//! Terraform resources that hold data, and what protects each from deletion: the attribute, and the
//! provider's default when it is not set.

/// Resource type, protecting attribute, the provider's default (from each resource's page in the
/// AWS and Google provider documentation). Resources protected by default are reported only when
/// the protection is turned off.
pub const DELETION_PROTECTED_DATABASES: &[(&str, &str, bool)] = &[
    ("aws_db_instance", "deletion_protection", false),
    ("aws_rds_cluster", "deletion_protection", false),
    ("aws_rds_global_cluster", "deletion_protection", false),
    ("aws_docdb_cluster", "deletion_protection", false),
    ("aws_neptune_cluster", "deletion_protection", false),
    ("aws_dynamodb_table", "deletion_protection_enabled", false),
    ("aws_qldb_ledger", "deletion_protection", true),
    ("google_sql_database_instance", "deletion_protection", true),
    ("google_bigquery_table", "deletion_protection", true),
    ("google_bigtable_instance", "deletion_protection", true),
];

/// Buckets whose `force_destroy = true` lets Terraform delete them with every object inside.
pub const FORCE_DESTROY_BUCKETS: &[&str] = &["aws_s3_bucket", "google_storage_bucket"];
