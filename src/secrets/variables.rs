//! What a variable's name says about the credential it holds when the value is not in the
//! repository (a CI secret, a reference): which names are long-lived cloud keys, and which hand
//! their holder a whole account.

/// Secrets that are long-lived cloud credentials.
pub const CLOUD_KEYS: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "GOOGLE_CREDENTIALS",
    "GCP_SA_KEY",
    "GCP_CREDENTIALS",
    "AZURE_CREDENTIALS",
    "ARM_CLIENT_SECRET",
    "DIGITALOCEAN_ACCESS_TOKEN",
    "RAILWAY_API_TOKEN",
];

/// Variable names that hand a job an account-wide credential even though its value is not here.
pub const ACCOUNT_WIDE_NAMES: &[(&str, &str, &str)] = &[
    (
        "RAILWAY_API_TOKEN",
        "a Railway account or workspace token: every project and environment it can see",
        "a project token scoped to one environment (`RAILWAY_TOKEN`)",
    ),
    (
        "CLOUDFLARE_API_KEY",
        "a Cloudflare global API key: everything the user can reach",
        "an API token with only the permissions and zones it needs",
    ),
    (
        "SUPABASE_ACCESS_TOKEN",
        "a Supabase personal access token: the Management API of every organisation and project of the user",
        "a project-scoped key, or a scoped access token",
    ),
    (
        "HEROKU_API_KEY",
        "a Heroku API key: every app of the account",
        "a short-lived authorization scoped to the apps the job deploys",
    ),
    (
        "DIGITALOCEAN_ACCESS_TOKEN",
        "a DigitalOcean personal access token, often with full read and write scope",
        "a custom-scoped token without delete scopes",
    ),
];
