//! Database endpoints named in connection strings, with the environment their hostname shows.
//!
//! A staging file that names `prod-db.internal` reaches production whether or not a password sits
//! beside the host, so hosts are facts of their own.

use crate::lazy_regex::LazyRegex;

use super::{Endpoint, FileFacts};
use crate::environments::{env_of_host, EnvInfo};
use crate::source::SourceFile;
use crate::syntax::Span;

static DB_URL: LazyRegex = LazyRegex::new(
    r"(?i)\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|sqlserver|oracle:thin:@)://(?:[^\s:@/'\x22]*(?::[^\s@/'\x22]*)?@)?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])",
);

/// A host in a `Key=Value;` connection string (ADO.NET, Npgsql, ODBC): `Host=prod-db;`,
/// `Server=tcp:prod.database.windows.net,1433;`, `Data Source=prod-sql;`.
static KEY_VALUE_HOST: LazyRegex = LazyRegex::new(
    r"(?i)(?:^|[;\x22'\s=])(?:host|server|data\s+source|address|addr|network\s+address)\s*=\s*(?:tcp:)?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])",
);

/// Keys that make a `Key=Value;` string a database connection string rather than any settings
/// line that names a server.
const CONNECTION_KEYS: &[&str] = &[
    "database=",
    "initial catalog=",
    "user id=",
    "uid=",
    "username=",
    "user=",
    "password=",
    "pwd=",
    "port=",
];

pub fn extract(source: &SourceFile, _file_env: Option<&EnvInfo>, facts: &mut FileFacts) {
    let text = &source.text;
    key_value_strings(text, facts);
    if !text.contains("://") {
        return;
    }
    let Some(regex) = DB_URL.get() else {
        return;
    };
    for caps in regex.captures_iter(text) {
        // `jdbc:postgresql://…` is found by its inner scheme.
        let (Some(scheme), Some(host)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        facts.endpoints.push(Endpoint {
            span: Span::new(host.start(), host.end()),
            host: host.as_str().to_string(),
            scheme: scheme.as_str().to_ascii_lowercase(),
            env: env_of_host(host.as_str()),
        });
    }
}

/// Hosts of `Key=Value;` connection strings, line by line.
fn key_value_strings(text: &str, facts: &mut FileFacts) {
    if !text.contains(';') || !text.contains('=') {
        return;
    }
    let Some(regex) = KEY_VALUE_HOST.get() else {
        return;
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lower = line.to_ascii_lowercase();
        let connection = line.contains(';') && CONNECTION_KEYS.iter().any(|k| lower.contains(k));
        if connection {
            for caps in regex.captures_iter(line) {
                let Some(host) = caps.get(1) else { continue };
                facts.endpoints.push(Endpoint {
                    span: Span::new(offset + host.start(), offset + host.end()),
                    host: host.as_str().to_string(),
                    scheme: "database".to_string(),
                    env: env_of_host(host.as_str()),
                });
            }
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::FileKind;

    fn hosts(text: &str) -> Vec<String> {
        let source = SourceFile::new(".env.staging", text, FileKind::Dotenv);
        let mut facts = FileFacts::default();
        extract(&source, None, &mut facts);
        facts.endpoints.into_iter().map(|e| e.host).collect()
    }

    #[test]
    fn connection_strings_in_every_form() {
        assert_eq!(
            hosts("DB=Host=prod-db.internal;Port=5432;Database=app;Username=app;Password=x\n"),
            vec!["prod-db.internal"]
        );
        assert_eq!(
            hosts("ConnectionStrings__Main=\"Server=tcp:acme-prod.database.windows.net,1433;Initial Catalog=app;User ID=app;Password=x;\"\n"),
            vec!["acme-prod.database.windows.net"]
        );
        assert_eq!(
            hosts("JDBC=jdbc:postgresql://prod-db.internal:5432/app\n"),
            vec!["prod-db.internal"]
        );
        // A settings line that names a server is not a connection string.
        assert!(hosts("SERVER=prod-web-01\nLOG=a=b;c\n").is_empty());
    }
}
