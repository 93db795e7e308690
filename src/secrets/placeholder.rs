//! Telling real values from stand-ins: placeholders, documented example keys and references.
//!
//! Templates, READMEs and `.env.example` files are full of credential-shaped text that is not a
//! credential. Reporting them would bury the real findings, so every rule passes its candidate
//! through these checks before it reports anything.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Whole values (compared case-insensitively) that stand in for a secret.
const PLACEHOLDER_WORDS: &[&str] = &[
    "todo",
    "tbd",
    "none",
    "null",
    "nil",
    "undefined",
    "n/a",
    "na",
    "secret",
    "password",
    "passwd",
    "token",
    "apikey",
    "api_key",
    "key",
    "value",
    "foo",
    "bar",
    "foobar",
    "baz",
    "abc",
    "abc123",
    "123",
    "1234",
    "12345",
    "123456",
    "qwerty",
    "test",
    "testing",
    "mysecret",
    "supersecret",
    "s3cr3t",
    "hunter2",
    "pass",
    "pwd",
    "default",
    "string",
    "empty",
    "blank",
    "required",
    "optional",
    "true",
    "false",
    "yes",
    "no",
];

/// Fragments (lower-case) whose presence anywhere marks a placeholder. Real random tokens contain
/// them with negligible probability.
const PLACEHOLDER_FRAGMENTS: &[&str] = &[
    "example",
    "changeme",
    "change_me",
    "change-me",
    "changethis",
    "replace_me",
    "replace-me",
    "replaceme",
    "replacethis",
    "replace_this",
    "replace_with",
    "replace-with",
    "placeholder",
    "dummy",
    "redacted",
    "your_",
    "your-",
    "your ",
    "yourkey",
    "yourtoken",
    "yoursecret",
    "xxxx",
    "****",
    "...",
    "…",
    "•••",
    "test123",
    "notreal",
    "not_real",
    "not-a-real",
    "insert_",
    "insert-",
    "fake_",
    "fake-",
    "_here",
    "-here",
    "sample_",
    "12345678",
    "abcdefgh",
    // Sequential runs and words that say so inside a token's shape (`sk-ant-api03-abc123…`,
    // `…AccessTokenHere`, `SK…fake…`).
    "abc123",
    "123456",
    "fake",
    "tokenhere",
    "keyhere",
    "secrethere",
    "<",
    ">",
];

/// Values published in providers' documentation as examples (Stripe's sample test keys,
/// Telegram's and Discord's documented tokens, Supabase's local default): public, and not the
/// secret of anyone who copies them.
const DOCUMENTED_EXAMPLES: &[&str] = &[
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    "pk_test_TYooMQauvdEDq54NiTphI7jx",
    "110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw",
    "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
    "CZhtkLDpNYXgPH9Ml6shqh2OwykChw",
    "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz",
    // Azurite's well-known development storage key.
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
];

/// Whether `value` is a stand-in rather than a credential: empty, a known placeholder word or
/// fragment (`your-key-here`, `<token>`, `xxxx`, `changeme`, `****`, `...`, anything containing
/// `EXAMPLE`, such as AWS's documented example keys), `TODO`, or one character repeated.
pub fn is_placeholder(value: &str) -> bool {
    let v = strip_quotes(value.trim());
    if v.is_empty() || v.contains("TODO") || v.contains("FIXME") {
        return true;
    }
    // Documented examples, and Mapbox's public (`pk.`) tokens, which are meant to be shipped.
    if DOCUMENTED_EXAMPLES.contains(&v) || v.starts_with("pk.eyJ") {
        return true;
    }
    if PLACEHOLDER_WORDS.iter().any(|w| w.eq_ignore_ascii_case(v))
        || v.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("your"))
    {
        return true;
    }
    if has_placeholder_fragment(v) {
        return true;
    }
    if (v.starts_with('[') && v.ends_with(']')) || (v.starts_with('{') && v.ends_with('}')) {
        return true;
    }
    is_one_repeated_char(v) || is_hexspeak(v) || is_wordy(v)
}

/// Hex made of "hexspeak" words (`deadbeef`, `cafebabe`, `c0ffee`, `feedface`), or of one digit
/// repeated in groups: test values in a hex shape, never generated ones.
pub(crate) fn is_hexspeak(v: &str) -> bool {
    const WORDS: &[&str] = &[
        "dead", "beef", "cafe", "babe", "face", "feed", "fade", "bead", "deaf", "c0de", "c0ffee",
        "coffee", "f00d", "d00d", "abba", "decade", "facade", "decaf", "0ff1ce", "b00b", "1337",
        "bad", "bed", "bee", "add", "dad", "ace", "0000", "1111", "ffff",
    ];
    let lower = v.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    if bytes.len() < 8 || !is_hex(&lower) {
        return false;
    }
    // Greedy is enough for these words: none is a prefix of a longer word that would fail.
    let mut i = 0;
    while i < bytes.len() {
        let Some(w) = WORDS.iter().find(|w| lower[i..].starts_with(**w)) else {
            return false;
        };
        i += w.len();
    }
    true
}

/// One case-insensitive automaton for all of [`PLACEHOLDER_FRAGMENTS`]: this check runs on most
/// string values of every file, and 45 substring searches each were a visible part of a run.
static FRAGMENTS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(PLACEHOLDER_FRAGMENTS)
        .ok()
});

fn has_placeholder_fragment(v: &str) -> bool {
    match FRAGMENTS.as_ref() {
        Some(ac) => ac.is_match(v),
        None => {
            let lower = v.to_ascii_lowercase();
            PLACEHOLDER_FRAGMENTS.iter().any(|f| lower.contains(f))
        }
    }
}

/// Whether every character of `v` (ignoring separators) is the same, e.g. `0000-0000` or `aaaa`.
pub(crate) fn is_one_repeated_char(v: &str) -> bool {
    let mut chars = v.chars().filter(|c| !matches!(c, '-' | '_' | '.' | ' '));
    match chars.next() {
        Some(first) => chars.all(|c| c == first),
        None => true,
    }
}

/// Whether `value` points at a secret kept elsewhere instead of holding one: shell and CI
/// interpolation (`$VAR`, `${VAR:-x}`, `${{ secrets.X }}`, `${env:X}`, `${input:x}`), templates
/// (`{{ .Values.x }}`, `<%= … %>`, `%(x)s`, `#{x}`, `%{x}`), Terraform expressions (`var.x`,
/// `local.x`), and secret-manager URIs (`op://`, `vault:`, Key Vault references).
pub fn is_reference(value: &str) -> bool {
    let v = strip_quotes(value.trim());
    if v.is_empty() {
        return false;
    }
    if v.contains("${") || v.contains("{{") || v.contains("<%") || v.contains("#{") {
        return true;
    }
    if v.contains("%{") || (v.contains("%(") && v.contains(")s")) {
        return true;
    }
    if let Some(rest) = v.strip_prefix('$') {
        if rest.starts_with(['(', '{']) || reads_as_variable(rest) {
            return true;
        }
    }
    const PREFIXES: &[&str] = &[
        "op://",
        "vault:",
        "vault://",
        "sm://",
        "gcpsm://",
        "awssm:",
        "ssm:",
        "arn:aws:secretsmanager:",
        "arn:aws:ssm:",
        "@microsoft.keyvault(",
        "process.env.",
        "os.environ",
        "os.getenv(",
        "env(",
        "env.",
        "secrets.",
        "secret(",
        "file(",
        "lookup(",
        "data.",
        "var.",
        "local.",
        "module.",
        "each.",
        "!ref",
        "!sub",
        "!getatt",
        "ref:",
        "secretref:",
        "keyvault:",
    ];
    let starts_with_ci = |p: &str| v.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if PREFIXES.iter().any(|p| starts_with_ci(p)) {
        // `var.x` etc. only when the whole value is an expression path, not a random string.
        return !v.contains(' ') || v.starts_with('!') || v.contains('(');
    }
    false
}

/// Removes one pair of matching surrounding quotes.
pub(crate) fn strip_quotes(v: &str) -> &str {
    for q in ['"', '\'', '`'] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// Shannon entropy in bits per character.
pub(crate) fn entropy(v: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in v.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether the body of a prefixed token (the part after the vendor prefix) is a stand-in:
/// a placeholder, or too few distinct characters to be random (`ghp_aaaa…`, `sk_live_0000…`).
pub(crate) fn body_is_fake(token: &str, body: &str) -> bool {
    if is_placeholder(token) || is_placeholder(body) {
        return true;
    }
    let mut seen = [false; 128];
    let mut distinct = 0usize;
    for b in body.bytes().filter(u8::is_ascii) {
        if !seen[b as usize] {
            seen[b as usize] = true;
            distinct += 1;
        }
    }
    let needed = (body.len() / 4).clamp(2, 8);
    distinct < needed
}

/// Words that documentation writes inside a token's shape (`sk_live_ThisIsNotARealKeyJustDocs`).
const STAND_IN_WORDS: &[&str] = &[
    "not",
    "real",
    "key",
    "keys",
    "token",
    "secret",
    "your",
    "test",
    "testing",
    "example",
    "dummy",
    "fake",
    "sample",
    "here",
    "this",
    "that",
    "just",
    "demo",
    "value",
    "replace",
    "insert",
    "some",
    "api",
    "the",
    "for",
    "docs",
    "only",
    "use",
    "dont",
    "invalid",
    "valid",
    "live",
    "access",
    "private",
    "public",
    "password",
    "word",
    "our",
    "abc",
    "xyz",
    "foo",
    "bar",
    "baz",
    "qux",
    "hello",
    "world",
    "lorem",
    "ipsum",
    "dolor",
    "amet",
    "redacted",
    "hidden",
    "change",
    "placeholder",
    "template",
    "default",
    "local",
    "goes",
    "put",
    "paste",
    "actual",
    "random",
    "string",
    "generated",
    "one",
    "two",
    "three",
    "and",
    "with",
    "from",
    "own",
    "new",
    "bogus",
    "mock",
    "stub",
    "never",
    "commit",
    "would",
    "look",
    "like",
    "what",
    "should",
    "must",
    "fill",
    "enter",
    "put",
    "copy",
    "org",
    "user",
    "app",
    "project",
    "account",
];

/// Whether most of a token body's letters spell stand-in words: at least two words of three
/// letters or more covering 60% of the letters. Generated bodies are random base62; a run of
/// dictionary words in them is vanishingly rare.
pub(crate) fn is_wordy(body: &str) -> bool {
    // Prose (a description, a sentence) is not a token body; tokens have no blanks.
    if body.contains(char::is_whitespace) {
        return false;
    }
    let letters = body.bytes().filter(u8::is_ascii_alphabetic).count();
    if letters < 12 {
        return false;
    }
    let Some(words_automaton) = STAND_IN_AUTOMATON.as_ref() else {
        return false;
    };
    // Leftmost-longest, non-overlapping: at each place the longest word, as a reader splits.
    let (mut covered, mut words) = (0, 0);
    for found in words_automaton.find_iter(body) {
        covered += found.len();
        words += 1;
    }
    words >= 2 && covered * 10 >= letters * 6
}

/// [`STAND_IN_WORDS`] in one case-insensitive automaton: `is_wordy` runs on most values.
static STAND_IN_AUTOMATON: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(STAND_IN_WORDS)
        .ok()
});

/// Whether `$…` starts with a variable's name: `DB_PASSWORD`, `password`, `dbPassword`. A short
/// mixed-case run (`$yP@R.@=ibxI`) is the start of a generated password, not a name.
fn reads_as_variable(rest: &str) -> bool {
    let name: &str = rest
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return false;
    }
    let single_case = !name.bytes().any(|b| b.is_ascii_uppercase())
        || !name.bytes().any(|b| b.is_ascii_lowercase());
    single_case || name.len() >= 4
}

/// Canonical lower-case UUID shape (8-4-4-4-12 hex).
pub(crate) fn is_uuid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub(crate) fn is_hex(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|c| c.is_ascii_hexdigit())
}
