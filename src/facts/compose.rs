//! Compose files as storage: which mounts a service has, which of them hold a database's data, and
//! which tools write database dumps. Read by the backup rules and the inventory alike.

use crate::syntax::{Node, Span, Value};

/// Where database images keep their data.
pub const DATA_DIRS: &[&str] = &[
    "/var/lib/postgresql/data",
    "/var/lib/postgresql",
    "/var/lib/mysql",
    "/var/lib/mariadb",
    "/data/db",
    "/var/lib/mongodb",
    "/bitnami/postgresql",
    "/bitnami/mysql",
    "/bitnami/mongodb",
    "/var/opt/mssql",
];

pub const DUMP_TOOLS: &[&str] = &[
    "pg_dump",
    "pg_dumpall",
    "mysqldump",
    "mariadb-dump",
    "mongodump",
];

/// A volume mount: source (named volume or host path), target, and the span of the entry.
pub struct Mount {
    pub source: String,
    pub target: String,
    pub span: Span,
}

pub fn mounts(service: &Node) -> Vec<Mount> {
    let mut out = Vec::new();
    for item in service.get("volumes").map(Node::items).unwrap_or(&[]) {
        match &item.value {
            Value::Str { value, .. } => {
                let mut parts = value.split(':');
                if let (Some(source), Some(target)) = (parts.next(), parts.next()) {
                    out.push(Mount {
                        source: source.to_string(),
                        target: target.to_string(),
                        span: item.span,
                    });
                }
            }
            Value::Map(_) => {
                if let (Some(source), Some(target)) = (
                    item.get("source").and_then(Node::as_str),
                    item.get("target").and_then(Node::as_str),
                ) {
                    out.push(Mount {
                        source: source.to_string(),
                        target: target.to_string(),
                        span: item.span,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

pub fn is_data_dir(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    DATA_DIRS
        .iter()
        .any(|dir| path == *dir || path.starts_with(&format!("{dir}/")))
}
