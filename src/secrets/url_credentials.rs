//! Passwords in the user-info part of a web, mail or directory URL:
//! `https://ci-bot:PASSWORD@registry.example.io/simple`, `smtp://user:PASSWORD@mail…`. Database
//! schemes have their own rule (`database-url-password`); this one covers the rest.
//!
//! The keyword is the scheme with `://`, so only real URLs wake it, and the authority is read by
//! hand up to its first `/`: no regex runs unless a `user:password@` is there.

use super::context::{is_local_host, DEFAULT_PASSWORDS};
use super::found::{Found, PRIO_CONTEXT};
use super::names::is_sidekiq_credentials;
use super::placeholder::{is_placeholder, is_reference};
use super::util::alnum_at;
use super::{Confidence, SecretMatch};
use crate::syntax::Span;

/// The schemes whose URLs are read, as prefilter keywords.
pub(crate) const URL_SCHEMES: &[&str] = &[
    "https://", "http://", "ftp://", "ftps://", "sftp://", "smtp://", "smtps://", "ldap://",
    "ldaps://", "git://", "ssh://",
];

/// The longest authority (`user:password@host:port`) read.
const MAX_AUTHORITY: usize = 512;

/// Reports the password of the URL whose scheme starts at `start`.
pub(crate) fn url_password(text: &str, start: usize, found: &mut Found) {
    if start > 0 && alnum_at(text, start - 1) {
        return;
    }
    let Some(sep) = text.get(start..).and_then(|t| t.find("://")) else {
        return;
    };
    let from = start + sep + 3;
    let bytes = text.as_bytes();
    let mut end = from;
    let mut at = None;
    while end < bytes.len() && end - from < MAX_AUTHORITY {
        match bytes[end] {
            b'/' | b'?' | b'#' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'`' | b'<'
            | b'>' => break,
            b'@' => at = Some(end),
            _ => {}
        }
        end += 1;
    }
    let Some(at) = at else {
        return;
    };
    let Some(userinfo) = text.get(from..at) else {
        return;
    };
    let Some((user, password)) = userinfo.split_once(':') else {
        return;
    };
    let host = text.get(at + 1..end).unwrap_or("");
    let host = host.split(':').next().unwrap_or(host);
    if !is_real_password(user, password) || host.is_empty() {
        return;
    }
    let pw_start = from + user.len() + 1;
    let span = Span::new(pw_start, pw_start + password.len());
    let lower_host = host.to_ascii_lowercase();
    let m = if lower_host.ends_with("contribsys.com") && is_sidekiq_credentials(userinfo) {
        SecretMatch::from_id("sidekiq-credentials", Span::new(from, at), Confidence::High)
    } else {
        let confidence = if is_local_host(host) || is_documentation_host(&lower_host) {
            Confidence::Low
        } else {
            Confidence::Medium
        };
        SecretMatch::from_id("url-password", span, confidence)
    };
    found.push((m, PRIO_CONTEXT));
}

/// Not a stand-in, a reference, a published default, or the user name again.
fn is_real_password(user: &str, password: &str) -> bool {
    let lower = password.to_ascii_lowercase();
    password.len() >= 6
        && password.len() <= 256
        && !password.eq_ignore_ascii_case(user)
        && !is_placeholder(password)
        && !is_reference(password)
        && !DEFAULT_PASSWORDS.contains(&lower.as_str())
        && !password.starts_with('$')
        && !password.contains(['{', '}', '<', '>', '*', '[', ']', '(', ')'])
        && !password.chars().all(|c| c == 'x' || c == 'X' || c == '.')
}

/// Hosts reserved for documentation (RFC 2606) and their sub-domains.
fn is_documentation_host(host: &str) -> bool {
    [
        "example.com",
        "example.org",
        "example.net",
        "example",
        "test",
        "invalid",
    ]
    .iter()
    .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

#[cfg(test)]
mod tests {
    use super::url_password;
    use crate::secrets::Confidence;

    fn find(text: &str) -> Option<(String, String, Confidence)> {
        let mut found = Vec::new();
        let start = text.find("://").map(|i| {
            text[..i]
                .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '+')
                .map_or(0, |j| j + 1)
        })?;
        url_password(text, start, &mut found);
        found.into_iter().next().map(|(m, _)| {
            (
                m.catalogue_id.to_string(),
                m.span.slice(text).to_string(),
                m.confidence,
            )
        })
    }

    fn must(text: &str) -> (String, String, Confidence) {
        find(text).unwrap_or_else(|| panic!("nothing found in {text}"))
    }

    #[test]
    fn a_password_in_a_url_is_reported_alone() {
        let (id, value, c) =
            must("index-url = https://ci-bot:QFEQc8dihmmSNft993@registry.acme.io/simple");
        assert_eq!(
            (id.as_str(), value.as_str(), c),
            ("url-password", "QFEQc8dihmmSNft993", Confidence::Medium)
        );
        let (id, value, _) = must("source \"https://78da1943:9d43e359@gems.contribsys.com/\"");
        assert_eq!(
            (id.as_str(), value.as_str()),
            ("sidekiq-credentials", "78da1943:9d43e359")
        );
        let (_, _, c) = must("http://admin:Zq8wLm3pVx@localhost:8080/");
        assert_eq!(c, Confidence::Low);
    }

    #[test]
    fn stand_ins_references_and_plain_urls_are_not() {
        for text in [
            "https://user:password@host.io/",
            "https://user:${TOKEN}@host.io/",
            "https://user:$TOKEN@host.io/",
            "https://user:<password>@host.io/",
            "https://user:****@host.io/",
            "https://github.com/org/repo@v1",
            "https://host.io/path?a=b:c@d",
            "https://git@github.com:org/repo",
            "mailto:someone@example.org",
        ] {
            assert!(find(text).is_none(), "{text}");
        }
    }
}
