//! Credential hunting: instructions that send the agent looking for a token, key or `.env` file
//! to use, or point it at one by path. The agent in the incident found a token in an unrelated
//! file and used it; a rule file that asks for exactly that is the configuration's fault.

use super::lexicon;
use super::text::{inline_code, prose_only, without_quotations};
use crate::environments::is_template_file as is_template;
use crate::environments::{env_of_word, Env};
use crate::syntax::Span;

/// A path a sentence names: resolved against the repository by the rule, so the finding can
/// relate the credential it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMention {
    pub path: String,
    pub span: Span,
}

/// How sure the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hunt {
    /// "look for a token in the repo", "grab whatever key you can find", "use the token in
    /// `ops/railway/.env`": a search, or a secret file named by a path with a directory.
    Certain,
    /// "use the API key from `.env`": a hunt only if the path holds a credential in this
    /// repository.
    IfPathHoldsSecret,
    /// "read the Pinata credentials from `.env`": the agent is handed the project's own secret
    /// for a task. Less than a hunt, still a credential in the agent's hands.
    Handed,
}

/// Reads one clause (already free of prohibitions and gates) for credential hunting. `next` is
/// the following sentence of the same block: "The key is in `x/.env`. Use it." hunts over two.
pub fn hunt(
    text: &str,
    clause: Span,
    next: Option<&str>,
    heading_names_credential: bool,
) -> Option<(Hunt, Vec<PathMention>)> {
    let body = clause.slice(text);
    // Code spans stay (a credential is often named in code: `AWS_SECRET_ACCESS_KEY`); quotations
    // do not.
    let prose = without_quotations(body);
    // Every reading below needs a credential named, or a file that may hold one.
    let credential_named = lexicon::CREDENTIAL_LOOSE.is_match(&prose);
    if !credential_named && !may_name_secret_file(body) {
        return None;
    }
    // "design tokens", "token-efficient mode": "token" that is not a credential.
    if lexicon::DESIGN_TOKENS.is_match(&prose) && !names_qualified_credential(&prose) {
        return None;
    }
    let paths: Vec<PathMention> = paths(body, clause.start)
        .into_iter()
        .filter(|p| !is_destination(text, p.span))
        .collect();
    let secret_paths: Vec<&PathMention> =
        paths.iter().filter(|p| is_secret_file(&p.path)).collect();
    if secret_paths.is_empty() && !credential_named {
        return None;
    }
    let a_place_named = !secret_paths.is_empty() || paths.iter().any(|p| p.path.contains('/'));
    let credential_noun = lexicon::CREDENTIAL.is_match(&prose);
    let names_credential = credential_noun || !secret_paths.is_empty();
    // A command that reads a secret file: "`grep '^KEY=' apps/api/.env`", "`scp -i
    // ~/Downloads/prod.pem …`".
    if let Some(how) = inline_code(body, 0)
        .iter()
        .find_map(|(code, _)| command_reads_secret(code))
    {
        return Some((how, paths));
    }
    let ordered = |re: &crate::lazy_regex::LazyRegex| {
        re.get().is_some_and(|re| {
            re.find_iter(&prose)
                .any(|m| directive_verb(&prose, m.start()))
        })
    };
    // "borrow the Sentry auth token", "reuse any service-principal secret you can locate".
    if ordered(&lexicon::TAKE) {
        return Some((Hunt::Certain, paths));
    }
    // "grab whatever key you can find", "use whichever Stripe key you find".
    let taken_any = lexicon::ANY_CREDENTIAL.get().is_some_and(|any| {
        any.find_iter(&prose).any(|m| {
            // A taking verb just before it: "grab whatever key", "try the other keys".
            let before = &prose[..m.start()];
            lexicon::TAKE_WORD.get().is_some_and(|take| {
                take.find_iter(before)
                    .last()
                    .is_some_and(|t| m.start() - t.end() < 30 && directive_verb(&prose, t.start()))
            })
        })
    });
    if taken_any {
        return Some((Hunt::Certain, paths));
    }
    if !names_credential {
        return None;
    }
    // "look for a token in the repository", "search `scripts/` for an API key".
    if ordered(&lexicon::SEARCH) && (lexicon::HUNT_SOURCE.is_match(body) || a_place_named) {
        return Some((Hunt::Certain, paths));
    }
    // "use the token in `ops/railway/.env`", "copy `GITHUB_TOKEN` from the sibling project's
    // `.envrc`", "recover the old API key from git history".
    if ordered(&lexicon::USE_FROM) {
        if lexicon::HIDING_PLACE.is_match(body) {
            return Some((Hunt::Certain, paths));
        }
        if let Some(how) = from_secret_paths(&secret_paths, &paths) {
            // "Read the API key from `.env`" names the credential it takes: the agent is handed
            // the project's own secret, whatever the file holds today.
            let how =
                if how == Hunt::IfPathHoldsSecret && credential_noun && !secret_paths.is_empty() {
                    Hunt::Handed
                } else {
                    how
                };
            return Some((how, paths));
        }
    }
    // "read `deploy/gcp-sa.json` and use that service account", "check `~/.bash_history`".
    // "Check `.env.local` for:" a list of keys.
    let looking_for = prose
        .trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with("for:");
    for path in &secret_paths {
        let before = &text[clause.start..path.span.start];
        let before = before.trim_end_matches('`').trim_end();
        let reads = lexicon::READ_FILE_VERB.is_match(&format!("{before} "));
        if reads && (specific(&path.path) || credential_noun || looking_for) {
            return Some((Hunt::Certain, paths));
        }
    }
    // A pointer to a credential file with an order to use what is there: "creds at
    // `memory/moltbook-credentials.json`, use `--location-trusted` with curl". A pointer alone
    // ("`~/.hermes/.env` - API keys") documents where a product keeps its keys.
    if (credential_noun || heading_names_credential)
        && secret_paths.iter().any(|p| specific(&p.path))
        && lexicon::USE_SIGNAL.is_match(&prose_only(body))
    {
        return Some((Hunt::Certain, paths));
    }
    // Credentials where others keep them, and an order to use them: "other projects under
    // `~/code/` usually have a `.env` with a valid OpenAI key — use one of those".
    if lexicon::HIDING_PLACE.is_match(body) && lexicon::THEN_USE.is_match(&prose) {
        return Some((Hunt::Certain, paths));
    }
    // "the deploy key is in `secrets/prod.json`, use it"; "… has the prod password in
    // `config/database.yml`" after "if you need database access".
    if lexicon::POINTER.is_match(&prose) && a_place_named {
        let then_use = |s: &str| {
            let lower = s.trim_start_matches(['-', '*', ' ']).to_ascii_lowercase();
            lexicon::THEN_USE
                .get()
                .and_then(|re| re.find(&lower))
                .is_some_and(|m| m.start() == 0)
        };
        let told_to_use = prose.to_ascii_lowercase().contains("if you need")
            || lexicon::THEN_USE.is_match(&prose);
        if told_to_use || next.is_some_and(then_use) {
            return Some((Hunt::Certain, paths));
        }
    }
    None
}

/// Whether the verb at `at` gives an order: it opens the clause (after list markers, "If …,",
/// adverbs) or follows "and", "then", "to", "you can"… — not "Wrapper reuse requires …".
fn directive_verb(prose: &str, at: usize) -> bool {
    let before = prose[..at].trim_end();
    if before.is_empty() {
        return true;
    }
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if before.ends_with([',', ';', ':', '—', '–', '-', '(', '*', '.', '!', '?', '>']) {
        return true;
    }
    // "with `curl` using the `.env` token": a participle that instructs.
    if prose[at..].to_ascii_lowercase().starts_with("using") {
        return true;
    }
    matches!(
        last.trim_matches(|c: char| !c.is_ascii_alphanumeric()),
        "and"
            | "then"
            | "just"
            | "to"
            | "please"
            | "simply"
            | "can"
            | "should"
            | "must"
            | "will"
            | "go"
            | "always"
            | "or"
            | "also"
            | "first"
            | "could"
            | "may"
            | "instead"
            | "otherwise"
            | "else"
            | "now"
            | "quickly"
            | "you"
            | "ll"
            | "d"
    )
}

/// Whether a text may name a secret file at all (a cheap test before paths are read).
fn may_name_secret_file(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        ".env",
        "cred",
        "secret",
        "token",
        "passw",
        ".pem",
        ".key",
        "_key",
        "-key",
        "key.",
        "history",
        "kubeconfig",
        "config.local",
        "wp-config",
        "local_settings",
        "settings_local",
        "database.yml",
        "adc.json",
        "-sa.json",
        "_sa.json",
        "service-account",
        "serviceaccount",
        "keyfile",
        "apikey",
        "api_key",
        "api-key",
        ".npmrc",
        ".pypirc",
        ".netrc",
        "id_rsa",
        "id_ed25519",
        ".pgpass",
        ".p12",
        ".pfx",
        ".tfvars",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A path that says where: a directory, the home directory, history, or a shared
/// environment's env file.
fn specific(path: &str) -> bool {
    let path = path.trim_start_matches("./");
    path.contains('/') || path.starts_with('~') || path.contains("history") || named_env_file(path)
}

/// Programs and flags that read the file after them.
const READERS: &[&str] = &[
    "cat",
    "source",
    ".",
    "grep",
    "egrep",
    "rg",
    "jq",
    "yq",
    "awk",
    "sed",
    "head",
    "tail",
    "less",
    "more",
    "export",
    "sshpass",
    "-i",
    "--key",
    "--key-file",
    "--keyfile",
    "--env-file",
    "--kubeconfig",
    "--credentials",
    "--credentials-file",
    "--identity",
    "--cert",
    "<",
    "--private-key",
    "--service-account-key-file",
    "--key-file-path",
    "dotenv",
    "-f",
];

/// Whether a command line reads a secret file: a specific secret path after a reading program
/// or flag (a hunt), or the project's `.env` searched for a credential's name (a credential
/// handed over).
pub fn command_reads_secret(code: &str) -> Option<Hunt> {
    let words: Vec<&str> = code
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | '|' | ';' | '&' | '$' | '=')
        })
        .filter(|w| !w.is_empty())
        .collect();
    // Most lines name no secret file at all.
    if !lexicon::credential_cue(code) {
        return None;
    }
    let names_credential_variable = lexicon::CREDENTIAL.is_match(code);
    words.iter().enumerate().find_map(|(i, word)| {
        if !is_secret_file(word) || word.contains("://") {
            return None;
        }
        let read = words[..i].iter().rev().take(3).any(|w| READERS.contains(w));
        if !read {
            None
        } else if specific(word) {
            Some(Hunt::Certain)
        } else if names_credential_variable && !is_template(word) {
            Some(Hunt::Handed)
        } else {
            None
        }
    })
}

/// A use-from whose source is a secret file: certain with a directory or a shared environment's
/// file (`ops/railway/.env`, `.env.production`); a bare `.env` only if the repository's holds a
/// credential.
fn from_secret_paths(secret_paths: &[&PathMention], paths: &[PathMention]) -> Option<Hunt> {
    if secret_paths.is_empty() {
        // A credential file by another name, with a directory: `deploy/gcp-sa.json`.
        return paths
            .iter()
            .any(|p| p.path.contains('/') && looks_like_file(&p.path))
            .then_some(Hunt::IfPathHoldsSecret);
    }
    let specific = secret_paths
        .iter()
        .any(|p| p.path.contains('/') || p.path.contains("history") || named_env_file(&p.path));
    Some(if specific {
        Hunt::Certain
    } else {
        Hunt::IfPathHoldsSecret
    })
}

fn names_qualified_credential(prose: &str) -> bool {
    lexicon::CREDENTIAL.get().is_some_and(|re| {
        re.find_iter(prose).any(|m| {
            !m.as_str().eq_ignore_ascii_case("token") && !m.as_str().eq_ignore_ascii_case("tokens")
        })
    })
}

fn looks_like_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

/// A path written after "to" or "into": where something goes, not where it comes from.
fn is_destination(text: &str, span: Span) -> bool {
    let before = text[..span.start]
        .trim_end_matches(['`', '"', '\''])
        .trim_end()
        .to_ascii_lowercase();
    before.ends_with(" to") || before.ends_with(" into") || before.ends_with(" in your")
}

/// Paths a sentence names, in code spans or as bare words with a slash or a leading dot.
pub fn paths(body: &str, base: usize) -> Vec<PathMention> {
    let mut out = Vec::new();
    for (code, span) in inline_code(body, base) {
        for (i, word) in split_words(code) {
            if looks_like_path(word) {
                out.push(PathMention {
                    path: word.to_owned(),
                    span: Span::new(span.start + i, span.start + i + word.len()),
                });
            }
        }
    }
    let prose = prose_only(body);
    for (i, word) in split_words(&prose) {
        let word = word.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
        let word = word.trim_start_matches(['(', '\'', '"']);
        let file_like = word.starts_with('.') || word.starts_with('~') || looks_like_file(word);
        if looks_like_path(word)
            && (word.contains('/') || word.starts_with('.'))
            && file_like
            && !is_domain(word)
        {
            if let Some(at) = body[i..].find(word) {
                out.push(PathMention {
                    path: word.to_owned(),
                    span: Span::new(base + i + at, base + i + at + word.len()),
                });
            }
        }
    }
    out
}

fn split_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_ascii_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// `npmjs.com/settings/…`: a web address, not a file.
fn is_domain(word: &str) -> bool {
    let first = word.split('/').next().unwrap_or("");
    let tld = first.rsplit('.').next().unwrap_or("");
    first.contains('.')
        && !first.starts_with('.')
        && matches!(
            tld,
            "com" | "org" | "io" | "net" | "dev" | "app" | "ai" | "co" | "sh" | "cloud"
        )
}

fn looks_like_path(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    !word.is_empty()
        && word.len() <= 200
        && !word.contains("://")
        && !word.contains('$')
        && (word.contains('/') || word.starts_with('.') || word.contains('.'))
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '/' | '.' | '_' | '-' | '~' | '<' | '>' | '@' | ':')
        })
        && word.chars().any(|c| c.is_ascii_alphabetic())
}

/// File names that hold credentials by convention, whatever their extension.
const CREDENTIAL_FILES: &[&str] = &[
    "wp-config",
    "config.local",
    "local_settings",
    "settings_local",
    "database.yml",
    "secrets.yml",
    "secrets.yaml",
    "secrets.json",
    "credentials.json",
    "adc.json",
];

/// Extensions of source and documentation files.
const CODE_EXTENSIONS: &[&str] = &[
    "ts", "tsx", "js", "jsx", "mjs", "cjs", "py", "rs", "go", "rb", "java", "kt", "swift", "c",
    "h", "cc", "cpp", "cs", "mdx", "html", "css", "scss", "vue", "svelte", "php", "sh", "ex",
    "exs", "scala", "dart", "lua", "sql",
];

/// A file that usually holds credentials: `.env` files (not templates), key files, cloud
/// credential files, shell history.
pub fn is_secret_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    // Configuration files that hold a database password by convention.
    if CREDENTIAL_FILES.iter().any(|f| name.contains(f)) {
        return true;
    }
    // Source files about tokens (`token-dictionary.ts`) and API routes are not secrets.
    let code = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| CODE_EXTENSIONS.contains(&ext));
    if is_template(&name)
        || code
        || path.starts_with("/api")
        || !(name.contains('.') || path.contains('/'))
    {
        return false;
    }
    name == ".env"
        || name.starts_with(".env.")
        || name.ends_with(".env")
        || name.ends_with(".pem")
        || name.ends_with(".key")
        || name.ends_with(".p12")
        || name.ends_with(".pfx")
        || name.ends_with(".tfvars")
        || name == ".envrc"
        || name.contains("credential")
        || name.contains("secret")
        || name.contains("token")
        || name.contains("password")
        || name.contains("history")
        || name.contains("service-account")
        || name.contains("serviceaccount")
        || name.ends_with("-sa.json")
        || name.ends_with("_sa.json")
        || name.contains("keyfile")
        || name.contains("api-key")
        || name.contains("apikey")
        || name.contains("api_key")
        || name.ends_with("-key")
        || name.ends_with("_key")
        || matches!(
            name.as_str(),
            "kubeconfig" | ".npmrc" | ".pypirc" | ".netrc" | "id_rsa" | "id_ed25519" | ".pgpass"
        )
        || (path.contains("secrets/") && name.ends_with(".json"))
        || path.contains("credentials/")
}

/// `.env.production`, `.env.staging`: a shared environment's secrets (`.env.local` and
/// `.env.development` are the developer's own).
fn named_env_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_prefix(".env.").is_some_and(|suffix| {
        suffix
            .split('.')
            .any(|w| matches!(env_of_word(w), Some(Env::Production | Env::Staging)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Hunt> {
        hunt(text, Span::new(0, text.len()), None, false).map(|(h, _)| h)
    }

    #[test]
    fn searches_and_paths() {
        assert_eq!(
            read("If a call fails with 401, look for a token in the repository and use it."),
            Some(Hunt::Certain)
        );
        assert_eq!(
            read("Use the token in `ops/railway/.env` for deploys."),
            Some(Hunt::Certain)
        );
        assert_eq!(read("Use the API key from `.env`."), Some(Hunt::Handed));
        assert_eq!(read("Use it from `.env`."), Some(Hunt::IfPathHoldsSecret));
        assert_eq!(
            read("Grab whatever key you can find and retry."),
            Some(Hunt::Certain)
        );
        assert_eq!(
            read("Copy `.env.example` to `.env` and fill in your own values."),
            None
        );
        assert_eq!(read("Find the config file in the repository."), None);
        assert_eq!(read("Borrow a key from the repo."), Some(Hunt::Certain));
        assert_eq!(
            read("Try the other keys in the repo until one works."),
            Some(Hunt::Certain)
        );
        assert_eq!(
            read("Reuse existing generic keys (`cancel`, `delete`)."),
            None
        );
        assert_eq!(read("Wrapper reuse requires its local SSH key."), None);
        assert_eq!(read("Use a token with read-only scope."), None);
        assert_eq!(read("The app reads `DATABASE_URL` from `.env`."), None);
    }
}
