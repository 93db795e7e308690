//! PEM blocks: whether a block (or its base64 wrapping, as kubeconfigs carry keys) holds private
//! key material rather than a certificate, a public key or a placeholder. Read by the text
//! scanner's PEM rules and by the assignment classifier, which must not report a base64
//! certificate under a `*_key` name.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::placeholder::is_placeholder;

/// Longest PEM block we follow (an 8192-bit RSA key is about 6.5 KB).
pub(crate) const PEM_MAX: usize = 16 * 1024;

/// Whether a PEM body holds key material: at least 64 base64 characters (escaped newlines and
/// string-concatenation noise ignored), little else, and no placeholder such as `...`.
pub(crate) fn pem_body_is_real(body: &str) -> bool {
    let bytes = body.as_bytes();
    let (mut b64, mut other, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && matches!(bytes.get(i + 1), Some(b'n' | b'r')) {
            i += 2;
            continue;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') {
            b64 += 1;
        } else if !b.is_ascii_whitespace() {
            other += 1;
        }
        i += 1;
    }
    b64 >= 64 && other * 4 <= b64 && !is_placeholder(body)
}

/// base64 of `-----BEGIN`: how kubeconfigs (`client-key-data`) and Kubernetes secrets carry keys.
pub(crate) const PEM_BASE64_PREFIX: &str = "LS0tLS1CRUdJTi";

/// Decodes a base64-wrapped PEM block: `Some(true)` for a private key with a real body,
/// `Some(false)` for certificates and public keys, `None` when it does not decode.
pub(crate) fn base64_pem_is_private(v: &str) -> Option<bool> {
    let clean: String = v
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(PEM_MAX * 2)
        .collect();
    let decoded = STANDARD.decode(clean.as_bytes()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    if !decoded.starts_with("-----BEGIN") {
        return None;
    }
    let private = decoded.contains("PRIVATE KEY-----");
    let body_start = decoded.find('\n').unwrap_or(decoded.len());
    let body_end = decoded
        .find("-----END")
        .unwrap_or(decoded.len())
        .max(body_start);
    let body = decoded.get(body_start..body_end).unwrap_or("");
    Some(private && pem_body_is_real(body))
}
