//! What the text scanner's rules report: which rule owns a keyword, and which finding wins when
//! two overlap. A leaf, so the scanner and the context rules share it without importing each
//! other.

use super::SecretMatch;

/// Which rule owns a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Handler {
    Shape(usize),
    Pem,
    Pem64,
    DbUrl,
    Header,
    Assign,
    Twilio,
    Mailgun,
    AzureStorage,
    AzureSas,
    ConnString,
    UrlPassword,
}

/// Priority when findings overlap: a recognised token shape beats a context rule, which beats a
/// generic header.
pub(crate) const PRIO_SHAPE: u8 = 3;
pub(crate) const PRIO_CONTEXT: u8 = 2;
pub(crate) const PRIO_GENERIC: u8 = 1;

/// Matches with their priorities, before overlaps are resolved.
pub(crate) type Found = Vec<(SecretMatch, u8)>;
