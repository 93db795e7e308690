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
    r"(?i)\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?)://(?:[^\s:@/'\x22]*(?::[^\s@/'\x22]*)?@)?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])",
);

pub fn extract(source: &SourceFile, _file_env: Option<&EnvInfo>, facts: &mut FileFacts) {
    let text = &source.text;
    if !text.contains("://") {
        return;
    }
    let Some(regex) = DB_URL.get() else {
        return;
    };
    for caps in regex.captures_iter(text) {
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
