//! Rules of the `backup-blast-radius` category: backups that live or die with their data.

pub mod backup_inside_data_volume;
pub mod backups_deletable_with_data;
pub mod backups_die_with_database;
