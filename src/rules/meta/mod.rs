//! Meta rules (9xx): what the pipeline itself reports about files it could not read and about
//! suppression comments. They belong to the `parse-error` category: each says that something in a
//! file could not be read as meant.

pub mod file_skipped;
pub mod parse_error;
pub mod suppression;

use crate::rules::RuleMeta;

/// Rules reported by the pipeline rather than by a [`crate::rules::Rule`] implementation.
pub fn pipeline_rules() -> Vec<&'static RuleMeta> {
    vec![
        &suppression::SUPPRESSION_WITHOUT_REASON,
        &suppression::UNUSED_SUPPRESSION,
    ]
}
