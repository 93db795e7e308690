//! Rules of the `exposed-secret` and `overscoped-token` categories.

pub mod exposed_secret;
pub mod overscoped_token;

use crate::secrets::SecretMatch;

/// "Stripe live secret key", or just the kind when it already names the provider
/// ("database URL password", not "Database database URL password").
pub fn describe(secret: &SecretMatch) -> String {
    let provider = secret.provider.to_ascii_lowercase();
    let kind = secret.kind.to_ascii_lowercase();
    if secret.catalogue_id.starts_with("generic") && !kind.contains("header") {
        "secret-looking value".to_string()
    } else if kind.contains(&provider) || provider == "generic" {
        secret.kind.to_string()
    } else {
        format!("{} {}", secret.provider, secret.kind)
    }
}
