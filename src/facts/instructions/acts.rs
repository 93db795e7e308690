//! Destructive acts named in instruction text: commands in inline code (read with the command
//! model), raw SQL, and prose ("wipe the staging DB", "recreate the volume", "tear down the
//! stack").

use super::lexicon;
use super::text::{inline_code, prose_only, without_placeholders};
use crate::environments::{env_of_word, Env};
use crate::facts::destructive::catalogue::Family;
use crate::facts::destructive::{self, sql, Confirmation};
use crate::syntax::{shell, Span};

/// One destructive act an instruction names.
#[derive(Debug, Clone)]
pub struct Act {
    pub span: Span,
    /// The operation as shown to users: `terraform destroy`, `DROP DATABASE`, "wipe the staging DB".
    pub shown: String,
    /// What it does, when the command model knows.
    pub effect: Option<&'static str>,
    pub how: How,
    /// The environment the act itself names (its target, or words of the clause around it).
    pub env: Option<Env>,
    /// The clause names a hosted or shared place (Railway, RDS, "the shared warehouse").
    pub remote: bool,
    /// Prose whose object alone does not say it is data ("delete the records").
    pub vague: bool,
    /// What it destroys is a backup or production itself.
    pub precious: bool,
    /// A container or compose project: the developer's own unless the text names a target.
    pub own_copy: bool,
}

/// How an act shows itself, which decides how much licence it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A command that turns its own confirmation off (`--yes`, `-auto-approve`) or an HTTP API
    /// call, which never asks.
    SkipsConfirmation,
    /// A command that never asks (`kubectl delete`, `DROP DATABASE`).
    NeverAsks,
    /// A command that asks at a terminal (`terraform destroy`).
    Asks,
    /// Destruction described in words.
    Prose,
}

impl Act {
    /// Aimed at the developer's own disposable copy (a test or development target).
    pub fn is_local(&self) -> bool {
        match self.env {
            Some(env) => matches!(env, Env::Test | Env::Development),
            None => self.own_copy && !self.remote,
        }
    }

    /// Aimed at a shared environment the text names (staging, production, a hosted service).
    pub fn names_shared_environment(&self) -> bool {
        matches!(self.env, Some(Env::Production | Env::Staging)) || self.remote
    }
}

/// Hosted or shared places: a target there is nobody's local copy.
static REMOTE: crate::lazy_regex::LazyRegex = crate::lazy_regex::LazyRegex::new(
    r"(?i)(?-u:\b)(?:shared|remote|hosted|live|cloud|railway|fly\.io|heroku|render|supabase|neon|planetscale|vercel|netlify|aws|rds|aurora|dynamodb|s3|gcp|gcs|cloud\s+sql|bigquery|azure|cosmos|kubernetes|k8s|eks|gke|aks|atlas|snowflake|warehouse|redshift|digitalocean|linode|hetzner|cloudflare|d1|r2|firebase|firestore|mongodb\s+atlas|elasticache|upstash|turso)(?-u:\b)",
);

/// The text names a hosted or shared place.
pub fn names_remote(text: &str) -> bool {
    REMOTE.is_match(text)
}

/// Words that name the developer's own copy.
const LOCAL_WORDS: &[&str] = &[
    "test",
    "tests",
    "testing",
    "dev",
    "development",
    "local",
    "localhost",
];

/// The environment words of a text say: shared environments win over local ones, since "drop the
/// staging DB and your local one" still reaches staging.
pub fn env_of_text(text: &str) -> Option<Env> {
    let mut found = None;
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        // Environment words are 2 to 11 letters: most words are not looked up at all.
        if !(2..=11).contains(&word.len()) {
            continue;
        }
        match env_of_word(word) {
            Some(env @ (Env::Production | Env::Staging))
                if env == Env::Production || found != Some(Env::Production) =>
            {
                found = Some(env);
            }
            Some(Env::Production | Env::Staging) => {}
            // "After a demo, …" names no target: only plain local words count.
            _ if found.is_none() && LOCAL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) => {
                found = Some(Env::Development);
            }
            _ => {}
        }
    }
    if found.is_none() && lexicon::LOCAL_TARGET.is_match(text) {
        return Some(Env::Development);
    }
    found
}

/// Destructive acts in one clause. `context` is the clause text the environment is read from.
pub fn in_clause(text: &str, clause: Span) -> Vec<Act> {
    let body = clause.slice(text);
    let clause_env = env_of_text(&prose_only(body)).or_else(|| env_of_text(body));
    let remote = REMOTE.is_match(body);
    let mut acts = Vec::new();
    let prose = prose_only(body);
    for (code, span) in inline_code(body, clause.start) {
        // Only code that names a destructive word or tool is parsed as a command.
        if !lexicon::Cues::of(code).destructive && !lexicon::FORCE_FLAG.is_match(code.trim()) {
            continue;
        }
        if let Some(act) = command(code, span) {
            acts.push(act);
        } else if lexicon::FORCE_FLAG.is_match(code.trim()) {
            // "Delete each with `--force-delete-without-recovery`": the flag names the command's
            // safety turned off; the verb says what it does.
            if let Some(verb) = lexicon::STRONG_VERB.get().and_then(|re| re.find(&prose)) {
                acts.push(Act {
                    span,
                    shown: format!(
                        "{} with `{}`",
                        verb.as_str().to_ascii_lowercase(),
                        code.trim()
                    ),
                    effect: None,
                    how: How::SkipsConfirmation,
                    env: None,
                    remote: false,
                    vague: false,
                    precious: false,
                    own_copy: false,
                });
            }
        }
    }
    acts.extend(prose_acts(body, clause.start));
    acts.into_iter()
        .map(|a| in_context(a, clause_env, remote))
        .collect()
}

/// The act read with its clause: the clause's environment when the act names none, the clause's
/// hosting words.
pub fn in_context(mut act: Act, clause_env: Option<Env>, remote: bool) -> Act {
    if act.env.is_none() {
        act.env = clause_env;
    }
    act.remote |= remote;
    act
}

/// A command (or a raw SQL statement) written as inline code.
pub fn command(code: &str, span: Span) -> Option<Act> {
    if let Some(statement) = sql::destructive_statement(code) {
        // Only SQL-shaped code: `DROP TABLE` as the first words.
        let first = code.split_whitespace().next().unwrap_or("");
        if matches!(
            first.to_ascii_uppercase().as_str(),
            "DROP" | "TRUNCATE" | "DELETE"
        ) {
            return Some(Act {
                span,
                shown: statement.to_owned(),
                effect: Some("destroys data with no prompt"),
                how: How::NeverAsks,
                env: env_of_text(code).filter(|e| *e != Env::Development),
                remote: false,
                vague: false,
                precious: false,
                own_copy: false,
            });
        }
    }
    let code = without_placeholders(code);
    let script = shell::parse(&code, span.start);
    let found = script.commands.iter().find_map(destructive::classify)?;
    Some(from_destructive(&found, span))
}

/// An act from the command model's verdict.
pub fn from_destructive(found: &destructive::Destructive, span: Span) -> Act {
    let how = match found.confirmation {
        Confirmation::Skipped(_) => How::SkipsConfirmation,
        Confirmation::NeverAsks if found.family == Family::Http => How::SkipsConfirmation,
        Confirmation::NeverAsks => How::NeverAsks,
        _ if found.unconfirmed => How::NeverAsks,
        _ => How::Asks,
    };
    let env = found.target.as_ref().map(|t| t.env);
    Act {
        span,
        shown: found.shown.clone(),
        effect: Some(found.effect),
        how,
        env,
        remote: false,
        vague: false,
        precious: false,
        own_copy: found.family == Family::Container,
    }
}

/// Destruction described in words: a destructive verb and, a few words on, what it destroys.
fn prose_acts(body: &str, base: usize) -> Vec<Act> {
    let prose = prose_only(body);
    let mut acts = Vec::new();
    for (verbs, objects, strong) in [
        (&lexicon::STRONG_VERB, &lexicon::DATA_OBJECT, true),
        (&lexicon::WEAK_VERB, &lexicon::STORE_OBJECT, false),
    ] {
        let (Some(verbs), Some(objects)) = (verbs.get(), objects.get()) else {
            continue;
        };
        for verb in verbs.find_iter(&prose) {
            // The object: within four words after the verb (code spans count as words, so
            // "delete the `acme-uploads` bucket" reads), before the clause moves on.
            let window_end = word_window(body, verb.end(), 5);
            let window = &body[verb.end()..window_end];
            // "delete the staging Kubernetes cluster": the last object before the phrase ends.
            let Some(object) = objects.find_iter(window).last() else {
                continue;
            };
            let object_text = object.as_str().to_ascii_lowercase();
            // "delete the records" is code talk unless the clause names where.
            let vague = strong && lexicon::VAGUE_OBJECTS.contains(&object_text.as_str());
            let end = verb.end() + object.end();
            let phrase = &body[verb.start()..end];
            let shown = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            // "Drop the database" at the start of a sentence reads "drop the database" in a message.
            let shown = match shown.chars().next() {
                Some(first) if first.is_uppercase() && !shown.starts_with("DROP") => {
                    first.to_lowercase().collect::<String>() + &shown[first.len_utf8()..]
                }
                _ => shown,
            };
            acts.push(Act {
                span: Span::new(base + verb.start(), base + end),
                shown,
                effect: None,
                how: How::Prose,
                env: env_of_text(phrase),
                remote: false,
                own_copy: false,
                vague,
                precious: PRECIOUS.is_match(phrase),
            });
        }
    }
    acts.sort_by_key(|a| a.span.start);
    acts.dedup_by_key(|a| a.span.start);
    acts
}

/// What is never the developer's own copy: backups, snapshots, production.
static PRECIOUS: crate::lazy_regex::LazyRegex = crate::lazy_regex::LazyRegex::new(
    r"(?i)(?-u:\b)(?:backups?|snapshots?|prod|production)(?-u:\b)",
);

/// Words that end a verb's object phrase.
const PHRASE_ENDS: &[&str] = &[
    "then", "to", "with", "from", "in", "on", "for", "before", "after", "when", "if", "so",
    "because", "using", "via", "by", "at", "into", "once", "whenever", "but",
];

/// The byte offset after `words` more words from `from` (stopping at a clause's punctuation).
fn word_window(body: &str, from: usize, words: usize) -> usize {
    let rest = &body[from..];
    let mut count = 0;
    let mut in_word = false;
    let mut in_code = false;
    for (i, c) in rest.char_indices() {
        if c == '`' {
            in_code = !in_code;
        }
        // Punctuation ends the phrase ("Fly.io" does not: a stop must be followed by a space).
        let stop = matches!(c, ',' | '.' | ';' | ':' | '(' | '!' | '?')
            && rest[i + c.len_utf8()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
        if !in_code && stop {
            return from + i;
        }
        let space = c.is_whitespace() && !in_code;
        if !space && !in_word {
            // A joining word ends the phrase: "delete old volumes or services", "drop tables in
            // the staging Postgres".
            let word: String = rest[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase();
            if count > 0 && PHRASE_ENDS.contains(&word.as_str()) {
                return from + i;
            }
            count += 1;
            if count > words {
                return from + i;
            }
        }
        in_word = !space;
    }
    body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        in_clause(text, Span::new(0, text.len()))
            .into_iter()
            .map(|a| a.shown)
            .collect()
    }

    #[test]
    fn prose_destruction_needs_a_store() {
        assert_eq!(
            shown("wipe the staging DB and redeploy"),
            vec!["wipe the staging DB"]
        );
        assert_eq!(shown("recreate the volume"), vec!["recreate the volume"]);
        assert!(shown("remove the unused imports").is_empty());
        assert!(shown("reset the form state").is_empty());
        let vague = in_clause("delete the records you created", Span::new(0, 30));
        assert!(vague.iter().all(|a| a.vague));
    }

    #[test]
    fn inline_commands_and_sql() {
        assert_eq!(
            shown("run `DROP DATABASE acme_staging;`"),
            vec!["DROP DATABASE"]
        );
        let acts = in_clause("run `fly apps destroy pr-<n> --yes`", Span::new(0, 35));
        assert_eq!(acts.len(), 1);
        assert_eq!(acts[0].how, How::SkipsConfirmation);
    }

    #[test]
    fn environment_of_text() {
        assert_eq!(
            env_of_text("drop the staging DB and your local one"),
            Some(Env::Staging)
        );
        assert_eq!(
            env_of_text("reset your local database"),
            Some(Env::Development)
        );
        assert_eq!(env_of_text("reset the database"), None);
    }
}
