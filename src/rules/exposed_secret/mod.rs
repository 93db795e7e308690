//! Rules of the `exposed-secret` category: credentials in plaintext where an agent or a CI job can read them.

// The rule shares its category's name: the file a user finds is named after the rule.
#[allow(clippy::module_inception)]
pub mod exposed_secret;
