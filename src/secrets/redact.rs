//! Showing a secret without leaking it, and naming it without showing it.

use sha2::{Digest, Sha256};

/// Secrets shorter than this show no characters at all: a prefix would be too much of them.
const MIN_LEN_FOR_PREFIX: usize = 16;
/// The prefix never exceeds this many characters, whatever the length.
const MAX_PREFIX: usize = 12;

/// A display form such as `sk_live_51Nf…(107 chars)`.
///
/// The prefix is at most a quarter of the secret and at most 12 characters (enough to recognise a
/// vendor prefix, far too little to use), stops at the first whitespace or control character (PEM
/// blocks), and is dropped entirely for secrets under 16 characters.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = if n < MIN_LEN_FOR_PREFIX {
        0
    } else {
        (n / 4).min(MAX_PREFIX)
    };
    let prefix: String = secret
        .chars()
        .take(keep)
        .take_while(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let shown = format!("{prefix}…({n} chars)");
    // A secret that reads like a redaction (`(9 chars)`, `…(11 chars)`) would otherwise be shown
    // whole inside its own redaction. No string of 8 or more characters is in both forms (shorter
    // ones, down to single letters, cannot be kept out of any text).
    if n >= 8 && shown.contains(secret) {
        return format!("<{n} chars redacted>");
    }
    shown
}

/// First 8 hex characters of the SHA-256 of the secret: stable across runs and machines, so the same
/// secret can be recognised in two files (or baselined) without storing it.
pub fn fingerprint(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}
