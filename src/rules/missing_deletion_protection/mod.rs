//! Rules of the `missing-deletion-protection` category: production data that one call can delete.

pub mod bucket_force_destroy;
pub mod database_without_deletion_protection;
