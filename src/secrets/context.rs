//! Rules that need more than a token shape: the surrounding text decides whether (and what) the
//! secret is. PEM blocks need a body, database URLs a real password, headers a value that is not a
//! variable, Railway UUIDs the header they travel in, Twilio and Mailgun keys their vendor's name.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::found::{Found, Handler, PRIO_CONTEXT, PRIO_GENERIC};
use super::names::named_rule;
use super::pem::{base64_pem_is_private, pem_body_is_real, PEM_MAX};
use super::placeholder::{entropy, is_hex, is_placeholder, is_reference, is_uuid};
use super::util::{alnum_at, contains_ci, is_ident_byte, window};
use super::{Confidence, Scope, SecretMatch};
use crate::lazy_regex::LazyRegex;
use crate::syntax::Span;

struct Patterns {
    pem_head: LazyRegex,
    db_url: LazyRegex,
    header: LazyRegex,
    assign_value: LazyRegex,
    sas_sig: LazyRegex,
    azure_key: LazyRegex,
    twilio_pair: LazyRegex,
    twilio_sid: LazyRegex,
    twilio_assign: LazyRegex,
    mailgun_key: LazyRegex,
    aws_id: LazyRegex,
    gcp_sa: LazyRegex,
}

/// Each compiled on first use: a run over a small repository needs few of them.
static PATTERNS: Patterns = Patterns {
    pem_head: LazyRegex::new(r"^-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY(?: BLOCK)?-----"),
    // Unbounded here, bounded in code: a `{1,256}` repetition compiles into 256 copies of its
    // class, which made these two patterns most of the cost of a small run.
    db_url: LazyRegex::new(
        r#"^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?)(?:\+[a-z0-9]+)?://([^:@/\s'"]*):([^@/\s'"?#]+)@([^\s'"/?#:,;@]+)"#,
    ),
    header: LazyRegex::new(
        r#"^(?i:authorization|x-auth-key|project-access-token|private-token)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?[ \t]{0,4}(?:((?i:bearer|basic|token))[ \t]+)?([^\s"'`,;)}\\]+)"#,
    ),
    assign_value: LazyRegex::new(
        r#"^["']?[ \t]{0,4}(?::=|=>|[:=])[ \t]{0,4}["']?([^\s"'`,;)}\]]+)"#,
    ),
    sas_sig: LazyRegex::new(r"^sig=([A-Za-z0-9%+/=]{30,120})"),
    azure_key: LazyRegex::new(r"^AccountKey=([A-Za-z0-9+/]{86}==)"),
    twilio_pair: LazyRegex::new(r"\b(AC|SK)[0-9a-f]{32}:([0-9a-zA-Z]{32})\b"),
    twilio_sid: LazyRegex::new(r"\b(AC|SK)[0-9a-f]{32}\b"),
    twilio_assign: LazyRegex::new(
        r#"(?i)(auth_?token|api_?secret|key_?secret)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?([0-9a-zA-Z]{32})\b"#,
    ),
    mailgun_key: LazyRegex::new(r"\b(key-[0-9a-f]{32})\b"),
    aws_id: LazyRegex::new(r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b"),
    gcp_sa: LazyRegex::new(r#"type\\?"\s*:\s*\\?"service_account"#),
};

#[cfg(test)]
pub(crate) fn all_patterns_compile() -> bool {
    let p = &PATTERNS;
    [
        &p.pem_head,
        &p.db_url,
        &p.header,
        &p.assign_value,
        &p.sas_sig,
        &p.azure_key,
        &p.twilio_pair,
        &p.twilio_sid,
        &p.twilio_assign,
        &p.mailgun_key,
        &p.aws_id,
        &p.gcp_sa,
    ]
    .iter()
    .all(|re| re.compiles())
}

/// Byte length of the first `max_chars` characters of `s`.
fn prefix_len(s: &str, max_chars: usize) -> usize {
    s.char_indices().nth(max_chars).map_or(s.len(), |(i, _)| i)
}

/// Dispatches a keyword hit at `[start, end)` to its context rule.
pub(crate) fn run(handler: Handler, text: &str, start: usize, end: usize, found: &mut Found) {
    let p = &PATTERNS;
    match handler {
        Handler::Pem => pem(p, text, start, found),
        Handler::Pem64 => pem_base64(text, start, found),
        Handler::DbUrl => db_url(p, text, start, found),
        Handler::Header => header(p, text, start, found),
        Handler::Assign => assignment(p, text, start, end, found),
        Handler::Twilio => twilio(p, text, start, found),
        Handler::Mailgun => mailgun(p, text, start, found),
        Handler::AzureStorage => azure_storage(p, text, start, found),
        Handler::AzureSas => azure_sas(p, text, start, found),
        Handler::ConnString => conn_string(text, start, found),
        Handler::Shape(_) | Handler::UrlPassword => {}
    }
}

/// A private-key block from BEGIN to END. A header without a base64 body (docs, truncated
/// examples, `MIIE...`) is not a secret.
fn pem(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    let (off, win) = window(text, start, start + PEM_MAX);
    let Some(head) = p.pem_head.captures(win) else {
        return;
    };
    let label = head.get(1).map_or("", |m| m.as_str());
    let head_end = head.get(0).map_or(0, |m| m.end());
    let Some(rest) = win.get(head_end..) else {
        return;
    };
    let Some(end_rel) = rest.find("-----END ") else {
        return;
    };
    let body = rest.get(..end_rel).unwrap_or("");
    let tail = rest.get(end_rel..).unwrap_or("");
    let Some(close) = tail.get(9..).and_then(|t| t.find("-----")) else {
        return;
    };
    let end_label = tail.get(9..9 + close).unwrap_or("");
    if !end_label.ends_with("PRIVATE KEY") && !end_label.ends_with("PRIVATE KEY BLOCK") {
        return;
    }
    if !pem_body_is_real(body) {
        return;
    }
    let span_end = off + head_end + end_rel + 9 + close + 5;
    let span = Span::new(off, span_end);
    let m = if p.gcp_sa.is_match(text) {
        SecretMatch::from_id("gcp-service-account-key", span, Confidence::High)
    } else {
        let base = SecretMatch::from_id("pem-private-key", span, Confidence::High);
        if label.contains("OPENSSH") {
            base.with_kind("OpenSSH private key")
        } else if label.contains("PGP") {
            base.with_kind("PGP private key block")
        } else if label.contains("ENCRYPTED") || body.contains("ENCRYPTED") {
            let mut m = base.with_kind("encrypted PEM private key (needs its passphrase)");
            m.confidence = Confidence::Medium;
            m
        } else {
            base
        }
    };
    found.push((m, PRIO_CONTEXT));
}

/// Users whose password is usually the database superuser's.
const PRIVILEGED_USERS: &[&str] = &[
    "postgres",
    "root",
    "admin",
    "sa",
    "administrator",
    "doadmin",
    "avnadmin",
    "master",
];

/// Passwords that are published defaults or doc stand-ins, not secrets.
pub(crate) const DEFAULT_PASSWORDS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "pwd",
    "pw",
    "secret",
    "postgres",
    "root",
    "admin",
    "mysql",
    "mongo",
    "redis",
    "guest",
    "user",
    "test",
    "example",
    "changeme",
    "mysecretpassword",
    "123456",
    "dbpass",
    "dbpassword",
    "db_password",
];

/// Hosts that only exist on the developer's machine or inside a compose network.
pub(crate) fn is_local_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    matches!(
        h.as_str(),
        "localhost" | "127.0.0.1" | "0.0.0.0" | "::1" | "[::1]" | "host.docker.internal"
    ) || !h.contains('.')
}

/// `scheme://user:PASSWORD@host`: the password only, skipping stand-ins and references.
fn db_url(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    if start > 0 && alnum_at(text, start - 1) {
        return;
    }
    let (off, win) = window(text, start, start + 1024);
    let Some(c) = p.db_url.captures(win) else {
        return;
    };
    let (Some(user), Some(pw), Some(host)) = (c.get(1), c.get(2), c.get(3)) else {
        return;
    };
    if user.as_str().chars().count() > 128 || pw.as_str().chars().count() > 256 {
        return;
    }
    let host = &host.as_str()[..prefix_len(host.as_str(), 256)];
    let password = pw.as_str();
    let lower = password.to_ascii_lowercase();
    if is_placeholder(password)
        || is_reference(password)
        || DEFAULT_PASSWORDS.contains(&lower.as_str())
        || password.starts_with('$')
        || password.contains(['{', '}', '<', '>', '%'])
    {
        return;
    }
    let local = is_local_host(host);
    // `app:app@localhost` is a throwaway default, not a secret.
    if local && password.eq_ignore_ascii_case(user.as_str()) {
        return;
    }
    let privileged = PRIVILEGED_USERS.contains(&user.as_str().to_ascii_lowercase().as_str());
    let confidence = if local {
        Confidence::Low
    } else {
        Confidence::High
    };
    let span = Span::new(off + pw.start(), off + pw.end());
    let mut m = SecretMatch::from_id("database-url-password", span, confidence);
    if privileged {
        m = m.with_scope(Scope::Admin);
        m.reach = "the whole database server as its superuser";
    }
    found.push((m, PRIO_CONTEXT));
}

/// Keys that say a `Key=Value;` string is a database connection string (ADO.NET, Npgsql, ODBC,
/// JDBC properties), lower case.
const CONN_STRING_KEYS: &[&str] = &[
    "server=",
    "host=",
    "data source=",
    "datasource=",
    "address=",
    "addr=",
    "uid=",
    "user id=",
    "userid=",
    "username=",
    "user=",
    "initial catalog=",
    "database=",
    "driver=",
];

/// The password of a connection string: `Server=…;User ID=app;Password=SECRET;` (ADO.NET,
/// Npgsql, ODBC `Pwd=`) and JDBC's `jdbc:postgresql://host/db?user=app&password=SECRET`. Only
/// when the string around it is a connection string, so `--password=x` and `DB_PASSWORD=x`
/// stay with the rules for flags and assignments.
fn conn_string(text: &str, start: usize, found: &mut Found) {
    let before = text.get(..start).unwrap_or("");
    let glue = before.chars().next_back();
    let query = matches!(glue, Some('?' | '&'));
    if !(query || matches!(glue, None | Some(';' | ' ' | '"' | '\'' | '\t' | '=' | ':'))) {
        return;
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text.get(line_start..line_end).unwrap_or("");
    let lower = line.to_ascii_lowercase();
    let is_conn = if query {
        lower.contains("jdbc:") || lower.contains("://")
    } else {
        lower.contains(';')
            && CONN_STRING_KEYS
                .iter()
                .filter(|k| lower.contains(*k))
                .count()
                >= 1
    };
    if !is_conn {
        return;
    }
    let Some(eq) = text[start..].find('=') else {
        return;
    };
    let value_start = start + eq + 1;
    let rest = text.get(value_start..line_end).unwrap_or("");
    let stop: &[char] = if query {
        &['&', '#', ' ', '"', '\'', '`']
    } else {
        &[';', '"', '\'', '`']
    };
    let len = rest.find(stop).unwrap_or(rest.len());
    let password = rest[..len].trim_end();
    let lower_pw = password.to_ascii_lowercase();
    if password.chars().count() < 4
        || password.chars().count() > 128
        || is_placeholder(password)
        || is_reference(password)
        || DEFAULT_PASSWORDS.contains(&lower_pw.as_str())
        || password.contains(['$', '{', '}', '<', '>', '%'])
    {
        return;
    }
    let host = connection_host(line).unwrap_or_default();
    let confidence = if !host.is_empty() && is_local_host(&host) {
        Confidence::Low
    } else {
        Confidence::High
    };
    let span = Span::new(value_start, value_start + password.len());
    let m = SecretMatch::from_id("connection-string-password", span, confidence);
    found.push((m, PRIO_CONTEXT));
}

/// The host a connection-string line names (`Server=tcp:x,1433`, `Host=x`, `Data Source=x`, or a
/// URL's authority).
fn connection_host(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    for key in ["server=", "host=", "data source=", "address="] {
        if let Some(at) = lower.find(key) {
            let value = &lower[at + key.len()..];
            let value = value.split([';', '"', '\'']).next().unwrap_or("");
            let value = value.trim_start_matches("tcp:");
            return Some(
                value
                    .split([',', ':', '\\'])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            );
        }
    }
    let after = &lower[lower.find("://")? + 3..];
    let authority = after.split(['/', '?']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    Some(host.split(':').next().unwrap_or("").to_string())
}

/// A header value that reads as a credential: long enough, random enough, not a variable.
fn header_value_is_real(v: &str) -> bool {
    v.len() >= 16
        && entropy(v) >= 3.0
        && !is_placeholder(v)
        && !is_reference(v)
        && !v.contains(['$', '{', '<', '%', '(', '[', '+'])
}

/// `Authorization: Bearer/Basic/token …`, `X-Auth-Key:`, `Project-Access-Token:`, `PRIVATE-TOKEN:`
/// in curl commands, HTTP files and code.
fn header(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    if start > 0 && is_ident_byte(text.as_bytes()[start - 1]) {
        return;
    }
    let (off, win) = window(text, start, start + 4200);
    let Some(c) = p.header.captures(win) else {
        return;
    };
    let Some(v) = c.get(2) else {
        return;
    };
    let name = win.get(..3).unwrap_or("").to_ascii_lowercase();
    let scheme = c.get(1).map(|s| s.as_str().to_ascii_lowercase());
    let value = v.as_str();
    let span = Span::new(off + v.start(), off + v.end());
    let m = match (name.as_str(), scheme.as_deref()) {
        ("aut", Some("basic")) => basic_credentials(value, span),
        ("aut", Some(_)) => bearer(text, start, value, span),
        ("aut", None) => {
            // `Authorization: AWS4-HMAC-SHA256 Credential=…` and similar schemes: not a bare token.
            let after = win.get(v.end()..).unwrap_or("");
            if after.starts_with([' ', '\t'])
                && after
                    .trim_start()
                    .starts_with(|ch: char| ch.is_ascii_alphanumeric())
            {
                None
            } else {
                bearer(text, start, value, span)
            }
        }
        ("x-a", _) if value.len() == 37 && is_hex(value) => Some(SecretMatch::from_id(
            "cloudflare-global-api-key",
            span,
            Confidence::High,
        )),
        ("pro", _) if is_uuid(value) => Some(SecretMatch::from_id(
            "railway-project-token",
            span,
            Confidence::High,
        )),
        _ => header_value_is_real(value)
            .then(|| SecretMatch::from_id("http-api-key-header", span, Confidence::Medium)),
    };
    if let Some(m) = m {
        let prio = if m.catalogue_id.starts_with("http-") {
            PRIO_GENERIC
        } else {
            PRIO_CONTEXT
        };
        found.push((m, prio));
    }
}

/// How far around an `Authorization` header we look for the word "railway".
const RAILWAY_CONTEXT: usize = 400;

/// A bearer value: a UUID next to a Railway endpoint is a Railway account/workspace token (Railway
/// sends project tokens in `Project-Access-Token`, never as Bearer); anything else random enough is
/// a generic bearer token.
fn bearer(text: &str, start: usize, value: &str, span: Span) -> Option<SecretMatch> {
    if is_uuid(value) {
        let (_, around) = window(
            text,
            start.saturating_sub(RAILWAY_CONTEXT),
            span.end + RAILWAY_CONTEXT,
        );
        if contains_ci(around, "railway") {
            return Some(SecretMatch::from_id(
                "railway-account-token",
                span,
                Confidence::High,
            ));
        }
        return (!is_placeholder(value))
            .then(|| SecretMatch::from_id("http-bearer-token", span, Confidence::Medium));
    }
    header_value_is_real(value)
        .then(|| SecretMatch::from_id("http-bearer-token", span, Confidence::Medium))
}

/// `Basic base64(user:password)` with a real password.
fn basic_credentials(value: &str, span: Span) -> Option<SecretMatch> {
    let decoded = STANDARD.decode(value).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (_, password) = decoded.split_once(':')?;
    if password.len() < 4 || is_placeholder(password) || is_reference(password) {
        return None;
    }
    Some(SecretMatch::from_id(
        "http-basic-credentials",
        span,
        Confidence::Medium,
    ))
}

/// `NAME=value` / `NAME: value` around a credential-naming keyword (Railway, AWS, Heroku…), handed
/// to the same name rules as [`super::classify_assignment`].
fn assignment(p: &Patterns, text: &str, start: usize, end: usize, found: &mut Found) {
    let bytes = text.as_bytes();
    let mut ns = start;
    while ns > 0 && start - ns < 64 && is_ident_byte(bytes[ns - 1]) {
        ns -= 1;
    }
    let mut ne = end;
    while ne < bytes.len() && ne - end < 64 && is_ident_byte(bytes[ne]) {
        ne += 1;
    }
    let Some(name) = text.get(ns..ne) else {
        return;
    };
    let (off, win) = window(text, ne, ne + 600);
    let Some(v) = p.assign_value.captures(win).and_then(|c| c.get(1)) else {
        return;
    };
    let value = &v.as_str()[..prefix_len(v.as_str(), 512)];
    let span = Span::new(off + v.start(), off + v.start() + value.len());
    let aws_near = || {
        let (_, around) = window(text, start.saturating_sub(1000), end + 1000);
        p.aws_id.is_match(around)
    };
    if let Some(m) = named_rule(name, value, span, &aws_near) {
        found.push((m, PRIO_CONTEXT));
    }
}

/// How far from the word "twilio"/"mailgun" a key may sit.
const VENDOR_CONTEXT: usize = 600;

/// Twilio secrets are unprefixed 32-character strings, so they count only next to a SID in a
/// Twilio context: `SID:secret` (curl -u, URLs) or an auth-token/secret assignment.
fn twilio(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    let (off, win) = window(
        text,
        start.saturating_sub(VENDOR_CONTEXT),
        start + VENDOR_CONTEXT,
    );
    let mut push = |sid: &str, m: regex::Match<'_>| {
        let id = if sid == "AC" {
            "twilio-auth-token"
        } else {
            "twilio-api-key-secret"
        };
        let value = m.as_str();
        if !is_placeholder(value) && entropy(value) >= 3.0 {
            found.push((
                SecretMatch::from_id(
                    id,
                    Span::new(off + m.start(), off + m.end()),
                    Confidence::High,
                ),
                PRIO_CONTEXT,
            ));
        }
    };
    for c in p.twilio_pair.captures_iter(win) {
        if let (Some(sid), Some(secret)) = (c.get(1), c.get(2)) {
            push(sid.as_str(), secret);
        }
    }
    let Some(sid) = p.twilio_sid.captures(win).and_then(|c| c.get(1)) else {
        return;
    };
    for c in p.twilio_assign.captures_iter(win) {
        if let Some(secret) = c.get(2) {
            push(sid.as_str(), secret);
        }
    }
}

/// Mailgun private keys (`key-` + 32 hex) only count near the word "mailgun".
fn mailgun(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    let (off, win) = window(
        text,
        start.saturating_sub(VENDOR_CONTEXT),
        start + VENDOR_CONTEXT,
    );
    for c in p.mailgun_key.captures_iter(win) {
        if let Some(k) = c.get(1) {
            if !is_placeholder(k.as_str()) {
                let span = Span::new(off + k.start(), off + k.end());
                found.push((
                    SecretMatch::from_id("mailgun-api-key", span, Confidence::High),
                    PRIO_CONTEXT,
                ));
            }
        }
    }
}

/// `AccountKey=` in a storage connection string; the storage emulator's published key is skipped.
fn azure_storage(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    let (off, win) = window(text, start, start + 100);
    let Some(k) = p.azure_key.captures(win).and_then(|c| c.get(1)) else {
        return;
    };
    if alnum_at(text, off + k.end()) {
        return;
    }
    let (_, before) = window(text, start.saturating_sub(300), start);
    if contains_ci(before, "devstoreaccount1") || is_placeholder(k.as_str()) {
        return;
    }
    let span = Span::new(off + k.start(), off + k.end());
    found.push((
        SecretMatch::from_id("azure-storage-account-key", span, Confidence::High),
        PRIO_CONTEXT,
    ));
}

/// The `sig=` of a SAS URL, only when the same URL carries the other SAS fields (`sv=` and `se=` or
/// `sp=`), so unrelated `sig` parameters stay quiet.
fn azure_sas(p: &Patterns, text: &str, start: usize, found: &mut Found) {
    if start == 0 || !matches!(text.as_bytes()[start - 1], b'?' | b'&' | b';') {
        return;
    }
    let (off, win) = window(text, start, start + 130);
    let Some(sig) = p.sas_sig.captures(win).and_then(|c| c.get(1)) else {
        return;
    };
    let (_, before) = window(text, start.saturating_sub(1000), start);
    let url_start = before
        .rfind(|ch: char| ch.is_whitespace() || matches!(ch, '"' | '\'' | '`' | '<' | '>'))
        .map_or(0, |i| i + 1);
    let (_, after) = window(text, start, start + 1000);
    let url_end = after
        .find(|ch: char| ch.is_whitespace() || matches!(ch, '"' | '\'' | '`' | '<' | '>'))
        .unwrap_or(after.len());
    let url = format!(
        "{}{}",
        before.get(url_start..).unwrap_or(""),
        after.get(..url_end).unwrap_or("")
    );
    let has = |k: &str| url.contains(&format!("?{k}")) || url.contains(&format!("&{k}"));
    if !(has("sv=") && (has("se=") || has("sp="))) || is_placeholder(sig.as_str()) {
        return;
    }
    let span = Span::new(off + sig.start(), off + sig.end());
    found.push((
        SecretMatch::from_id("azure-sas-token", span, Confidence::High),
        PRIO_CONTEXT,
    ));
}

/// A base64-encoded PEM private key (`client-key-data: LS0tLS1CRUdJTi…`).
fn pem_base64(text: &str, start: usize, found: &mut Found) {
    if start > 0 && alnum_at(text, start - 1) {
        return;
    }
    let (off, win) = window(text, start, start + PEM_MAX * 2);
    let len = win
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        .count();
    let Some(value) = win.get(..len) else {
        return;
    };
    if base64_pem_is_private(value) == Some(true) {
        let span = Span::new(off, off + len);
        let m = SecretMatch::from_id("pem-private-key", span, Confidence::High)
            .with_kind("base64-encoded PEM private key");
        found.push((m, PRIO_CONTEXT));
    }
}
