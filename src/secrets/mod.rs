//! The token catalogue: which credentials sit in a file, and how far each one reaches.
//!
//! An agent or CI job that can read a file can use every credential in it, so the linter needs two
//! answers per secret: *is this a credential* (shape, context, placeholder filtering) and *what can it
//! do* (scope, reach, and the narrower kind the owner should have used instead). The first answer comes
//! from [`scan_text`] (prefixed/structured tokens anywhere in text) and [`classify_assignment`]
//! (a variable name plus its value, for parsers that already know the key); the second comes from the
//! [`catalogue`], one static entry per credential kind.
//!
//! Scanning is built for speed: one Aho-Corasick pass over literal keywords finds candidate positions
//! and only the rule owning a keyword runs its regex, on a small window around the hit.
//!
//! Output never needs the secret itself: callers show [`redact`]ed text and compare [`fingerprint`]s.

mod assign;
mod catalogue;
mod context;
mod found;
mod jwt;
mod names;

/// Whether a variable's name says it holds a secret (`DEPLOY_TOKEN`, `DB_PASSWORD`), and does not
/// also say it is public (`NEXT_PUBLIC_…`).
pub fn is_secret_name(name: &str) -> bool {
    names::is_secret_name(name)
}

/// Whether a name can change what its value is taken for: a secret-bearing name, or one a
/// provider rule reads (`SUMO_ACCESS_ID`, `BUNDLE_GEMS__CONTRIBSYS__COM`). Values under other
/// names are judged by their shape alone, which the whole-text scan already does.
pub fn name_is_evidence(name: &str) -> bool {
    names::may_be_evidence(name) && (names::is_secret_name(name) || names::is_provider_name(name))
}
mod pem;
mod placeholder;
mod redact;
mod scan;
mod shapes;
mod url_credentials;
mod util;
pub mod variables;

#[cfg(test)]
pub(crate) mod tests;

use crate::syntax::Span;

pub use assign::classify_assignment;
pub use catalogue::{catalogue, CatalogueEntry};
pub use placeholder::{is_placeholder, is_reference};
pub use redact::{fingerprint, redact};
pub use scan::scan_text;

/// "Stripe live secret key", or just the kind when it already names the provider
/// ("database URL password", not "Database database URL password").
pub fn describe(secret: &SecretMatch) -> String {
    let provider = secret.provider.to_ascii_lowercase();
    let kind = secret.kind.to_ascii_lowercase();
    if secret.catalogue_id.starts_with("generic") && !kind.contains("header") {
        "secret-looking value".to_string()
    } else if kind.contains(&provider) || provider == "generic" {
        secret.kind.to_string()
    } else {
        format!("{} {}", secret.provider, secret.kind)
    }
}

/// How far a credential reaches. The derived order runs from narrow to wide
/// (`Project < Workspace < Account < Admin`); `Unknown` sorts last only because it must sort
/// somewhere, so callers comparing breadth should handle it on its own (see [`Scope::is_known`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// One project, environment, repository, branch or resource.
    Project,
    /// One team, organisation, workspace or store.
    Workspace,
    /// Everything the owning user or account can reach, across projects and environments.
    Account,
    /// Root-like: manages other credentials or members, or bypasses access control.
    Admin,
    /// Not decidable from the string (scope was chosen when the credential was created).
    Unknown,
}

impl Scope {
    /// Whether the scope was decided; `Unknown` must not be read as "wider than admin".
    pub const fn is_known(self) -> bool {
        !matches!(self, Scope::Unknown)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Scope::Project => "one project/environment",
            Scope::Workspace => "workspace-wide",
            Scope::Account => "account-wide",
            Scope::Admin => "admin/root",
            Scope::Unknown => "unknown scope",
        })
    }
}

/// Whether the credential acts on live data or on a provider's separate test mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Live,
    Test,
}

/// How sure the catalogue is that the match is a real credential of the named kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// One credential found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretMatch {
    /// Exactly the secret's characters, as absolute offsets (the caller's `base` added).
    pub span: Span,
    /// Stable id of the [`CatalogueEntry`] this match belongs to.
    pub catalogue_id: &'static str,
    pub provider: &'static str,
    /// Kind of credential; may be more specific than the entry's (e.g. "test secret key").
    pub kind: &'static str,
    pub scope: Scope,
    pub mode: Option<Mode>,
    pub confidence: Confidence,
    /// What the credential can do.
    pub reach: &'static str,
    /// The narrower kind of credential the owner could use instead, when one exists.
    pub narrower: Option<&'static str>,
}

impl SecretMatch {
    /// A match carrying everything its catalogue entry says. Unknown ids fall back to a generic
    /// entry rather than panicking, and a test (`every_rule_id_is_catalogued`) keeps ids in sync.
    pub(crate) fn from_id(id: &'static str, span: Span, confidence: Confidence) -> SecretMatch {
        let e = catalogue::entry(id);
        SecretMatch {
            span,
            catalogue_id: e.id,
            provider: e.provider,
            kind: e.kind,
            scope: e.scope,
            mode: e.mode,
            confidence,
            reach: e.reach,
            narrower: e.narrower,
        }
    }

    pub(crate) fn with_kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    pub(crate) fn with_mode(mut self, mode: Option<Mode>) -> Self {
        self.mode = mode;
        self
    }

    pub(crate) fn with_scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }
}
