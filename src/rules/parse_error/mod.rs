//! Rules of the `parse-error` category: what could not be read as meant: files, and suppression comments.

pub mod file_skipped;
// The rule shares its category's name: the file a user finds is named after the rule.
#[allow(clippy::module_inception)]
pub mod parse_error;
pub mod suppression_without_reason;
pub mod unused_suppression;
