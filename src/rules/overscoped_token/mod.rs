//! Rules of the `overscoped-token` category: credentials that reach further than the task needs.

// The rule shares its category's name: the file a user finds is named after the rule.
#[allow(clippy::module_inception)]
pub mod overscoped_token;
