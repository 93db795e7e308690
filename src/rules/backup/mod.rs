//! Rules of the `backup-blast-radius` category: backups that live or die with their data.

pub mod backup_in_data_volume;
pub mod backup_vault_unprotected;
pub mod backups_die_with_database;
