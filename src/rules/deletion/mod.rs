//! Rules of the `missing-deletion-protection` category.

pub mod database_deletion_protection;
pub mod storage_force_destroy;
