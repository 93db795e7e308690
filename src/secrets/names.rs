//! What a variable's name says: the name-driven rules for unprefixed provider credentials
//! (`RAILWAY_API_TOKEN` holds an account token), which names hold secrets at all, and whether a
//! value looks random enough to be one. Shared by the assignment classifier and the text
//! scanner's `NAME=value` context rule, so both read a name the same way.

use super::placeholder::{entropy, is_hex, is_placeholder, is_reference, is_uuid};
use super::{Confidence, SecretMatch};
use crate::syntax::Span;

/// The shortest value a name rule or the generic rule can accept (bytes; a shorter string has
/// fewer characters too). A test below checks the rules against it, so the assignment classifier may skip shorter values.
pub(crate) const MIN_NAMED_VALUE_LEN: usize = 8;

/// Name-driven rules for unprefixed provider credentials. `aws_near` says whether an AWS access
/// key id sits nearby (only the text scanner can know; it lets a bare `secret_key` count).
pub(crate) fn named_rule(
    name: &str,
    value: &str,
    span: Span,
    aws_near: &dyn Fn() -> bool,
) -> Option<SecretMatch> {
    if is_reference(value) || is_placeholder(value) {
        return None;
    }
    let n = name.to_ascii_uppercase().replace(['-', '.'], "_");
    let has = |w: &str| n.contains(w);
    let m = |id: &'static str, c: Confidence| Some(SecretMatch::from_id(id, span, c));
    if has("RAILWAY") && has("TOKEN") {
        let account = has("API") || has("ACCOUNT") || has("TEAM") || has("WORKSPACE");
        let id = if account {
            "railway-account-token"
        } else {
            "railway-project-token"
        };
        if is_uuid(value) {
            return m(id, Confidence::High);
        }
        return looks_random(value).then(|| SecretMatch::from_id(id, span, Confidence::Medium));
    }
    // An Azure storage account key: 64 bytes in base64 (88 characters, `==` at the end).
    let storage_key_shape = value.len() == 88
        && value.ends_with("==")
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    if storage_key_shape && (has("STORAGE") || has("ACCOUNT_KEY") || has("ACCOUNTKEY")) {
        return m("azure-storage-account-key", Confidence::High);
    }
    // Azure DevOps personal access tokens: 52 characters of base32 (a–z, 2–7).
    let devops_name =
        has("DEVOPS") || has("ADO_") || n.starts_with("ADO") || has("AZDO") || has("VSTS");
    if devops_name
        && (has("PAT") || has("TOKEN"))
        && value.len() == 52
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))
    {
        return m("azure-devops-pat", Confidence::High);
    }
    if has("HEROKU") && (has("API_KEY") || has("TOKEN")) && is_uuid(value) {
        return m("heroku-api-key", Confidence::High);
    }
    let cloudflare = has("CLOUDFLARE") || n.starts_with("CF_");
    if (cloudflare && has("API_KEY") || has("X_AUTH_KEY")) && value.len() == 37 && is_hex(value) {
        return m("cloudflare-global-api-key", Confidence::High);
    }
    if cloudflare && has("TOKEN") && value.len() == 40 && looks_random(value) {
        return m("cloudflare-api-token", Confidence::Medium);
    }
    let aws_secret_shape = value.len() == 40
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+');
    if aws_secret_shape && entropy(value) >= 3.5 {
        let aws_name =
            has("SECRET_ACCESS_KEY") || has("SECRETACCESSKEY") || (has("AWS") && has("SECRET"));
        if aws_name {
            return m("aws-secret-access-key", Confidence::High);
        }
        if (n == "SECRET_KEY" || n.ends_with("_SECRET_KEY")) && aws_near() {
            return m("aws-secret-access-key", Confidence::Medium);
        }
    }
    if has("TWILIO") {
        if has("AUTH_TOKEN") && value.len() == 32 && is_hex(value) {
            return m("twilio-auth-token", Confidence::High);
        }
        if has("SECRET") && value.len() == 32 && value.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return m("twilio-api-key-secret", Confidence::High);
        }
    }
    let datadog = n.starts_with("DD_") || has("DATADOG");
    if datadog && has("API_KEY") && value.len() == 32 && is_hex(value) {
        return m("datadog-api-key", Confidence::High);
    }
    if datadog && (has("APP_KEY") || has("APPLICATION_KEY")) && value.len() == 40 && is_hex(value) {
        return m("datadog-app-key", Confidence::High);
    }
    if has("MAILGUN")
        && value.len() == 36
        && value.get(..4) == Some("key-")
        && value.get(4..).is_some_and(is_hex)
    {
        return m("mailgun-api-key", Confidence::High);
    }
    if has("NEON") && has("API_KEY") && value.len() >= 40 && looks_random(value) {
        return m("neon-api-key", Confidence::Medium);
    }
    // Tokens issued as bare UUIDs: the name is the only thing that tells them from any id.
    if is_uuid(&value.to_ascii_lowercase()) {
        let token = has("TOKEN") || has("AUTHTOKEN") || has("API_KEY") || has("APIKEY");
        if has("CODECOV") && token {
            return m("codecov-token", Confidence::High);
        }
        if has("SNYK") && token {
            return m("snyk-token", Confidence::High);
        }
        // npm's legacy tokens, `//registry.npmjs.org/:_authToken=<uuid>` and `NPM_TOKEN`.
        if (has("NPM") || has("_AUTHTOKEN")) && token {
            return m("npm-token", Confidence::High);
        }
    }
    let sumo = has("SUMO");
    if sumo && has("ACCESS_ID") && is_sumo_access_id(value) {
        return m("sumologic-access-id", Confidence::Medium);
    }
    if sumo
        && has("ACCESS_KEY")
        && value.len() == 64
        && value.bytes().all(|b| b.is_ascii_alphanumeric())
        && entropy(value) >= 4.0
    {
        return m("sumologic-access-key", Confidence::High);
    }
    // Sidekiq Pro/Enterprise gem credentials: Bundler's `BUNDLE_GEMS__CONTRIBSYS__COM=abcd1234:ef567890`.
    if has("CONTRIBSYS") && is_sidekiq_credentials(value) {
        return m("sidekiq-credentials", Confidence::High);
    }
    None
}

/// `su` and 12 letters or digits (Sumo Logic access ids).
fn is_sumo_access_id(v: &str) -> bool {
    v.len() == 14
        && v.starts_with("su")
        && v.bytes().all(|b| b.is_ascii_alphanumeric())
        && v.bytes().any(|b| b.is_ascii_uppercase())
}

/// Eight hex digits, a colon, eight hex digits.
pub(crate) fn is_sidekiq_credentials(v: &str) -> bool {
    v.len() == 17
        && v.as_bytes()[8] == b':'
        && is_hex(&v[..8])
        && is_hex(&v[9..])
        && !v[..8].eq_ignore_ascii_case(&v[9..])
        && !is_placeholder(&v[..8])
        && !is_placeholder(&v[9..])
}

/// Words that end a name holding a password: `DB_PASSWORD`, `rootPasswd`, `smtp_pass`, `PGPWD`.
const PASSWORD_ENDINGS: &[&str] = &["password", "passwd", "pass", "pwd", "passphrase"];

/// A password too short for [`generic`] (8 to 15 characters) under a password name, counted only
/// when it is built like a chosen password (three of lower case, upper case, digits and symbols)
/// and is not a stand-in; low confidence, as the name is the only evidence.
pub(crate) fn short_password(name: &str, value: &str, span: Span) -> Option<SecretMatch> {
    let n = value.chars().count();
    if !(8..16).contains(&n) || value.contains(char::is_whitespace) {
        return None;
    }
    let words = words(name);
    let last = words.last()?;
    if !PASSWORD_ENDINGS.iter().any(|e| last.ends_with(e)) || !is_secret_name(name) {
        return None;
    }
    let classes = [
        value.bytes().any(|b| b.is_ascii_lowercase()),
        value.bytes().any(|b| b.is_ascii_uppercase()),
        value.bytes().any(|b| b.is_ascii_digit()),
        value.bytes().any(|b| b.is_ascii_punctuation()),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    let code_like = value.contains(['(', ')', '[', ']', '{', '}', '<', '>'])
        || value.starts_with(['/', '.', '~'])
        || is_expression_path(value);
    if classes < 3 || code_like || entropy(value) < 2.8 || is_placeholder(value) {
        return None;
    }
    Some(SecretMatch::from_id(
        "generic-secret",
        span,
        Confidence::Low,
    ))
}

/// Words in the names that [`named_rule`] reads, upper case (a name is upper-cased and `-`/`.`
/// become `_` before the rules read it).
const PROVIDER_NAME_WORDS: &[&str] = &[
    "RAILWAY",
    "HEROKU",
    "CLOUDFLARE",
    "CF_",
    "X_AUTH_KEY",
    "STORAGE",
    "ACCOUNT_KEY",
    "ACCOUNTKEY",
    "DEVOPS",
    "ADO",
    "AZDO",
    "VSTS",
    "SECRET",
    "TWILIO",
    "DD_",
    "DATADOG",
    "MAILGUN",
    "NEON",
    "CODECOV",
    "SNYK",
    "NPM",
    "AUTHTOKEN",
    "SUMO",
    "CONTRIBSYS",
];

/// A cheap first question, without allocating: could the name be secret-bearing or a provider's
/// at all? Every word of [`SECRET_SUBSTRINGS`], [`SECRET_WORDS`], [`KEY_QUALIFIERS`]` + key` and
/// [`PROVIDER_NAME_WORDS`] contains one of these fragments (a test checks it).
pub(crate) fn may_be_evidence(name: &str) -> bool {
    let b = name.as_bytes();
    EVIDENCE_FRAGMENTS.iter().any(|f| {
        b.windows(f.len())
            .any(|w| w.eq_ignore_ascii_case(f.as_bytes()))
    })
}

const EVIDENCE_FRAGMENTS: &[&str] = &[
    "pass",
    "pwd",
    "secret",
    "cred",
    "token",
    "key",
    "auth",
    "railway",
    "heroku",
    "cloudflare",
    "cf_",
    "storage",
    "devops",
    "ado",
    "azdo",
    "vsts",
    "twilio",
    "dd_",
    "datadog",
    "mailgun",
    "neon",
    "codecov",
    "snyk",
    "npm",
    "sumo",
    "contribsys",
];

/// Whether [`named_rule`] may read this name.
pub(crate) fn is_provider_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase().replace(['-', '.'], "_");
    PROVIDER_NAME_WORDS.iter().any(|w| n.contains(w))
}

/// Words that make a name secret-bearing.
const SECRET_SUBSTRINGS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "credential",
    "apikey",
    "authtoken",
];
const SECRET_WORDS: &[&str] = &[
    "pwd",
    "pass",
    "token",
    "tokens",
    "auth",
    "creds",
    "privatekey",
    "accesskey",
    "secretkey",
];
/// Second words that make `api key`, `private key`… secret-bearing.
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "private",
    "access",
    "secret",
    "signing",
    "encryption",
    "master",
    "account",
    "session",
    "license",
    "app",
];
/// Words that say the value is public or not a credential (a URL, an id, a file, a flag…).
const PUBLIC_WORDS: &[&str] = &[
    "public",
    "publishable",
    "pub",
    "url",
    "uri",
    "endpoint",
    "id",
    "ids",
    "name",
    "names",
    "file",
    "path",
    "dir",
    "enabled",
    "disabled",
    "enable",
    "host",
    "hostname",
    "port",
    "type",
    "region",
    "user",
    "username",
    "email",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "length",
    "len",
    "header",
    "format",
    "count",
    "version",
    "mode",
    "prefix",
    "suffix",
    "arn",
    "location",
    "domain",
    "size",
    "timeout",
    "label",
    "kind",
    "hash",
    "field",
    "policy",
    "role",
    "scope",
    "scopes",
    "audience",
    "issuer",
    "algorithm",
    "alg",
    "rotation",
    "min",
    "max",
    "required",
    "description",
    "env",
    "ref",
    "placeholder",
    "example",
    "sample",
    "namespace",
];

/// Splits `apiKey`, `API_KEY`, `api-key`, `APIKey` into lower-case words.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether a name says "this holds a secret" and does not also say "this is public / not a secret".
pub(crate) fn is_secret_name(name: &str) -> bool {
    let w = words(name);
    if w.iter().any(|x| PUBLIC_WORDS.contains(&x.as_str())) {
        return false;
    }
    let single = w.iter().any(|x| {
        SECRET_WORDS.contains(&x.as_str())
            || SECRET_SUBSTRINGS.iter().any(|s| x.contains(s))
            || (x.ends_with("token") && x.len() > 5)
            || (x.ends_with("password") || x.ends_with("passwd"))
    });
    let pair = w
        .windows(2)
        .any(|p| p[1] == "key" && KEY_QUALIFIERS.contains(&p[0].as_str()));
    single || pair
}

/// Whether a value looks machine-generated: long, mixed, high entropy, and not a word, path, URL,
/// version, number, boolean, e-mail or identifier.
pub(crate) fn looks_random(v: &str) -> bool {
    if v.chars().count() < 16 || v.contains(char::is_whitespace) || v.contains("://") {
        return false;
    }
    if v.starts_with(['/', '~', '.'])
        || v.contains('\\')
        || v.starts_with("arn:")
        || v.starts_with("sha256:")
    {
        return false;
    }
    const EXTENSIONS: &[&str] = &[
        ".pem", ".key", ".json", ".txt", ".yaml", ".yml", ".p12", ".crt", ".env",
    ];
    let lower = v.to_ascii_lowercase();
    if EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    if v.contains('@') && v.contains('.') && !v.contains('/') {
        return false;
    }
    if v.bytes()
        .all(|b| b.is_ascii_digit() || b"-:.+TZ".contains(&b))
    {
        return false;
    }
    if v.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && v.contains('_')
    {
        return false;
    }
    // Code, not data: calls, indexing, and `each.value.secret`-style expression paths.
    if is_call_or_index(v)
        || is_expression_path(v)
        || is_resource_name(v)
        || (v.contains('.') && v.contains('/'))
    {
        return false;
    }
    let letters = v.bytes().any(|b| b.is_ascii_alphabetic());
    let digits = v.bytes().any(|b| b.is_ascii_digit());
    let e = entropy(v);
    ((letters && digits) || (v.len() >= 32 && e >= 4.0)) && e >= 2.5 && !is_placeholder(v)
}

/// `f(x)`, `list[0]`, `${join(",", x)}`: a word directly followed by an opening bracket that is
/// closed later. Generated secrets contain brackets too (Django's `…%(gi4ly&8-70)f)…`), but not
/// after a word.
fn is_call_or_index(v: &str) -> bool {
    let b = v.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        let close = match w[1] {
            b'(' => b')',
            b'[' => b']',
            _ => return false,
        };
        (w[0].is_ascii_alphanumeric() || w[0] == b'_' || w[0] == b'.')
            && b[i + 2..].contains(&close)
    }) || v.starts_with(['(', '['])
}

/// A random-looking value under a secret-bearing name: provider unknown, so Low or Medium.
pub(crate) fn generic(name: &str, value: &str, span: Span) -> Option<SecretMatch> {
    if !is_secret_name(name) || !looks_random(value) {
        return None;
    }
    let strong = entropy(value) >= 3.5 && value.len() >= 20 && !is_uuid(value);
    let c = if strong {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    Some(SecretMatch::from_id("generic-secret", span, c))
}

/// `tfc-agent-k8s-secrets`, `prod_db_admin_password`: a lower-case name of something (a
/// Kubernetes secret, a vault path), words joined by `-` or `_`, rather than a generated value.
fn is_resource_name(v: &str) -> bool {
    let segments: Vec<&str> = v.split(['-', '_']).collect();
    segments.len() >= 3
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && segments.iter().all(|s| !s.is_empty() && s.len() <= 10)
        && segments
            .iter()
            .filter(|s| s.bytes().all(|b| b.is_ascii_lowercase()))
            .count()
            * 2
            >= segments.len()
}

/// `random_id.secret.b64_url`, `iap.value.client_secret`: a dotted path of lower-case identifiers
/// (an HCL/JS expression) rather than a literal. JWTs and base64 have upper-case or symbols.
fn is_expression_path(v: &str) -> bool {
    v.contains('.')
        && v.split('.').all(|seg| {
            seg.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::{generic, named_rule, short_password, MIN_NAMED_VALUE_LEN};
    use super::{may_be_evidence, PROVIDER_NAME_WORDS, SECRET_SUBSTRINGS, SECRET_WORDS};
    use crate::syntax::Span;

    /// The fast pre-check must not turn away a name the full rules would accept.
    #[test]
    fn every_evidence_word_passes_the_fast_check() {
        let words = SECRET_SUBSTRINGS
            .iter()
            .chain(SECRET_WORDS)
            .chain(PROVIDER_NAME_WORDS);
        for word in words {
            assert!(may_be_evidence(word), "{word}");
        }
        assert!(may_be_evidence("signingKey") && may_be_evidence("X_AUTH_KEY"));
        assert!(!may_be_evidence("description") && !may_be_evidence("LOG_LEVEL"));
    }

    /// The early return in `classify_assignment` must not hide anything the rules would report.
    #[test]
    fn no_name_rule_accepts_a_value_shorter_than_the_gate() {
        let names = [
            "RAILWAY_TOKEN",
            "RAILWAY_API_TOKEN",
            "HEROKU_API_KEY",
            "CLOUDFLARE_API_KEY",
            "CF_API_TOKEN",
            "X_AUTH_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "SECRET_KEY",
            "TWILIO_AUTH_TOKEN",
            "TWILIO_API_SECRET",
            "DD_API_KEY",
            "DATADOG_APP_KEY",
            "MAILGUN_API_KEY",
            "NEON_API_KEY",
            "password",
            "apiKey",
            "client_secret",
        ];
        let long = "k9Qz7Xw2Lp4Rt8Vn6Bm3Hc5Jd1Fg0Ys-deadbeefcafe0123456789";
        for name in names {
            for len in 1..MIN_NAMED_VALUE_LEN {
                for source in [long, "0123456789abcdef0123", "1b4e28ba-2fa1-11d2-883f"] {
                    let value = &source[..len.min(source.len())];
                    let span = Span::new(0, value.len());
                    assert!(
                        named_rule(name, value, span, &|| true).is_none(),
                        "{name}={value}"
                    );
                    assert!(generic(name, value, span).is_none(), "{name}={value}");
                    assert!(
                        short_password(name, value, span).is_none(),
                        "{name}={value}"
                    );
                }
            }
        }
        // And the same rules do accept a long random value, so the loop above tests something.
        let value = &long[..40];
        let span = Span::new(0, value.len());
        for name in ["RAILWAY_TOKEN", "NEON_API_KEY", "password", "client_secret"] {
            let any =
                named_rule(name, value, span, &|| true).or_else(|| generic(name, value, span));
            assert!(any.is_some(), "{name}");
        }
    }
}
