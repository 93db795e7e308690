//! How a process or a command picks its target: the environment variables and command-line options
//! whose value names an account, project, cluster or environment (`AWS_PROFILE=prod-admin`,
//! `--context prod`). Rules ask whether that value names production.

/// Variables whose value selects an account, project, cluster or environment.
pub const SELECTOR_VARIABLES: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "CLOUDSDK_CORE_PROJECT",
    "GOOGLE_CLOUD_PROJECT",
    "GCLOUD_PROJECT",
    "KUBECONFIG",
    "KUBE_CONTEXT",
    "RAILWAY_ENVIRONMENT",
    "RAILWAY_ENVIRONMENT_NAME",
    "VERCEL_ENV",
    "NODE_ENV",
    "RAILS_ENV",
    "APP_ENV",
    "ENVIRONMENT",
];

/// Command-line options whose value selects the same.
pub const SELECTOR_FLAGS: &[&str] = &["--profile", "--context", "--project", "--environment", "-e"];
