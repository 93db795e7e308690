//! Showing a secret without leaking it, and naming it without showing it.

use sha2::{Digest, Sha256};

/// Secrets shorter than this show no characters at all: a prefix would be too much of them.
const MIN_LEN_FOR_PREFIX: usize = 16;
/// Below this many bits of entropy per character a value is guessable (a password, a phrase):
/// it shows no prefix and only a length bucket, and its fingerprint is stretched.
const GUESSABLE_ENTROPY: f64 = 3.6;
/// Values shorter than this are treated as guessable whatever their entropy.
const GUESSABLE_LEN: usize = 20;
/// SHA-256 rounds for a guessable value's fingerprint: each offline guess against a CI log costs
/// this many hashes, while a run pays it only for the few weak values it finds.
const STRETCH_ROUNDS: usize = 4096;

/// Whether a value could be confirmed by guessing: short, or low in entropy (a password rather
/// than a generated token).
pub fn guessable(secret: &str) -> bool {
    secret.chars().count() < GUESSABLE_LEN
        || super::placeholder::entropy(secret) < GUESSABLE_ENTROPY
}

/// A length bucket (`<16`, `16–31`, …): the exact length narrows a guess.
fn length_bucket(n: usize) -> &'static str {
    match n {
        0..16 => "under 16",
        16..32 => "16–31",
        32..64 => "32–63",
        _ => "64 or more",
    }
}
/// The prefix never exceeds this many characters, whatever the length.
const MAX_PREFIX: usize = 12;

/// A display form such as `sk_live_51Nf…(107 chars)`.
///
/// The prefix is at most a quarter of the secret and at most 12 characters (enough to recognise a
/// vendor prefix, far too little to use), stops at the first whitespace or control character (PEM
/// blocks), and is dropped entirely for secrets under 16 characters.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    if guessable(secret) {
        return format!("…({} chars)", length_bucket(n));
    }
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
/// secret can be recognised in two files (or baselined) without storing it. A guessable value's
/// digest is stretched (`STRETCH_ROUNDS` rounds), so a fingerprint in a CI log does not make
/// guesses of a weak password cheap to confirm.
pub fn fingerprint(secret: &str) -> String {
    let mut digest = Sha256::digest(secret.as_bytes());
    if guessable(secret) {
        for _ in 0..STRETCH_ROUNDS {
            let mut hasher = Sha256::new();
            hasher.update(b"agentlint-fingerprint");
            hasher.update(digest);
            hasher.update(secret.as_bytes());
            digest = hasher.finalize();
        }
    }
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}
