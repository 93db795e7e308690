//! Reading the claims of a JWT, which is how Supabase's legacy keys reveal what they are.
//!
//! A Supabase `anon` key is meant to ship to browsers while a `service_role` key bypasses row-level
//! security; both are JWTs of the same shape, so only the payload's `role` claim tells them apart.
//! Nothing is verified here: the signature is irrelevant to what the token would grant if valid.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;

/// What a JWT says about itself, as far as the catalogue cares.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Claims {
    pub role: Option<String>,
    pub iss: Option<String>,
}

/// Largest payload we decode; real Supabase payloads are ~150 bytes.
const MAX_PAYLOAD: usize = 4096;

/// Decodes the payload (second part) of `header.payload.signature`, if it is base64url JSON.
pub(crate) fn claims(token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let _header = parts.next()?;
    let payload = parts.next()?;
    parts.next()?;
    if payload.len() > MAX_PAYLOAD {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .or_else(|_| URL_SAFE.decode(payload))
        .ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let text = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    Some(Claims {
        role: text("role"),
        iss: text("iss"),
    })
}

/// Whether the token is meant to be public or is a published demo key: Supabase `anon` keys, and the
/// `supabase-demo` keys every local `supabase start` prints (known to everyone, so not secret).
pub(crate) fn is_public_jwt(token: &str) -> bool {
    match claims(token) {
        Some(c) => c.role.as_deref() == Some("anon") || c.iss.as_deref() == Some("supabase-demo"),
        None => false,
    }
}
