//! Deciding from a variable name plus its value: dotenv lines, YAML/JSON keys, HCL attributes,
//! MCP `env` blocks.
//!
//! A value with a recognisable shape speaks for itself. Otherwise the name carries the meaning:
//! a Railway UUID is an account token under `RAILWAY_API_TOKEN` and a project token under
//! `RAILWAY_TOKEN`, and a random-looking value under `DB_PASSWORD` is a secret whatever it is.

use super::jwt::is_public_jwt;
use super::names::{generic, named_rule, short_password, MIN_NAMED_VALUE_LEN};
use super::pem::{base64_pem_is_private, PEM_BASE64_PREFIX};
use super::placeholder::{is_placeholder, is_reference, strip_quotes};
use super::scan::scan_text;
use super::SecretMatch;
use crate::syntax::Span;

/// Classifies `name = value`, where `value_span` is where the value sits in the file.
///
/// When `value` is exactly the source text of `value_span`, inner spans are exact; when the parser
/// decoded escapes (lengths differ) a finding covers the whole `value_span`.
pub fn classify_assignment(name: &str, value: &str, value_span: Span) -> Option<SecretMatch> {
    let exact = value.len() == value_span.len();
    let (value, span) = trim_value(value, value_span, exact);
    if value.is_empty() || is_public_value(value) {
        return None;
    }
    let base = if exact { span.start } else { 0 };
    if let Some(mut m) = scan_text(value, base)
        .into_iter()
        .max_by_key(|m| m.span.len())
    {
        if !exact {
            m.span = span;
        }
        return Some(m);
    }
    // Every name rule wants at least 8 characters (short passwords; `looks_random` wants 16); many
    // values are shorter, and this skips the placeholder checks for them.
    if value.len() < MIN_NAMED_VALUE_LEN {
        return None;
    }
    if is_reference(value) || is_placeholder(value) {
        return None;
    }
    named_rule(name, value, span, &|| false)
        .or_else(|| generic(name, value, span))
        .or_else(|| short_password(name, value, span))
}

/// Drops surrounding whitespace and one pair of quotes, moving the span along when it is exact.
fn trim_value(value: &str, span: Span, exact: bool) -> (&str, Span) {
    let trimmed = value.trim();
    let unquoted = strip_quotes(trimmed);
    if !exact {
        return (unquoted, span);
    }
    let lead = value.len() - value.trim_start().len() + (trimmed.len() - unquoted.len()) / 2;
    (
        unquoted,
        Span::new(span.start + lead, span.start + lead + unquoted.len()),
    )
}

/// Keys meant for browsers or clients: never secrets, whatever the variable is called.
fn is_public_value(v: &str) -> bool {
    v.starts_with("pk_live_")
        || v.starts_with("pk_test_")
        || v.starts_with("sb_publishable_")
        || (v.starts_with("eyJ") && is_public_jwt(v))
        || (v.starts_with(PEM_BASE64_PREFIX) && base64_pem_is_private(v) == Some(false))
}
