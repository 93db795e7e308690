//! Environments and the evidence for them.
//!
//! An environment is never guessed silently: every assignment carries the evidence a person can
//! check ("staging: file name `.env.staging`"). Evidence comes from the configuration file's globs,
//! CI `environment:` keys and branch conditions, path segments and file names, variable-name
//! prefixes and hostnames, in that order of strength.
//!
//! A leaf module: it knows words, paths and globs, and nothing of files, facts or rules, so every
//! step of the flow can ask it.

use std::fmt;

use globset::GlobMatcher;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Env {
    Production,
    Staging,
    Development,
    Test,
}

impl Env {
    pub fn as_str(self) -> &'static str {
        match self {
            Env::Production => "production",
            Env::Staging => "staging",
            Env::Development => "development",
            Env::Test => "test",
        }
    }

    pub fn parse(text: &str) -> Option<Env> {
        match text {
            "production" => Some(Env::Production),
            "staging" => Some(Env::Staging),
            "development" => Some(Env::Development),
            "test" => Some(Env::Test),
            _ => None,
        }
    }

    pub fn is_production(self) -> bool {
        self == Env::Production
    }
}

impl fmt::Display for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An environment with the evidence for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EnvInfo {
    pub env: Env,
    /// E.g. "file name `.env.staging`", "path segment `envs/prod/`", "job `environment: production`".
    pub evidence: String,
}

impl EnvInfo {
    pub fn new(env: Env, evidence: impl Into<String>) -> Self {
        EnvInfo {
            env,
            evidence: evidence.into(),
        }
    }
}

impl fmt::Display for EnvInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.env, self.evidence)
    }
}

/// The environments a configuration file assigns by glob (`[environments]` in `agentlint.toml`),
/// strongest evidence first: what the workspace consults before the path itself.
#[derive(Debug, Default, Clone)]
pub struct EnvironmentGlobs {
    /// The file the globs were written in, named in the evidence.
    source: &'static str,
    globs: Vec<(Env, String, GlobMatcher)>,
}

impl EnvironmentGlobs {
    pub fn new(source: &'static str) -> Self {
        EnvironmentGlobs {
            source,
            globs: Vec::new(),
        }
    }

    pub fn push(&mut self, env: Env, glob: String, matcher: GlobMatcher) {
        self.globs.push((env, glob, matcher));
    }

    /// The environment a glob assigns to a path relative to the root.
    pub fn environment_of(&self, rel_path: &str) -> Option<EnvInfo> {
        self.globs
            .iter()
            .find(|(_, _, matcher)| matcher.is_match(rel_path))
            .map(|(env, glob, _)| EnvInfo::new(*env, format!("`{glob}` in {}", self.source)))
    }

    /// A path's environment: a configured glob first, then what the path itself shows.
    pub fn resolve(&self, rel_path: &str) -> Option<EnvInfo> {
        self.environment_of(rel_path)
            .or_else(|| env_of_path(rel_path))
    }
}

/// `.env.example`, `.env.sample`, `secrets.template.json`, `.env.dist`: a file name that holds
/// shapes without values (a template to copy), not a deployed configuration.
pub fn is_template_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["example", "sample", "template", "tmpl", "default", "schema"]
        .iter()
        .any(|w| lower.contains(w))
        || [".dist", ".copy", ".in", ".orig"]
            .iter()
            .any(|w| lower.ends_with(w))
}

/// The environment a word names, if any. `live` is not one: Terragrunt's `live/` holds every
/// environment, and Stripe's live mode is read from the key itself.
pub fn env_of_word(word: &str) -> Option<Env> {
    let lower = word.to_ascii_lowercase();
    let env = match lower.as_str() {
        "prod" | "production" | "prd" | "prod1" | "production1" => Env::Production,
        "staging" | "stage" | "stg" | "preprod" | "pre-prod" | "uat" | "preview" => Env::Staging,
        "dev" | "development" | "develop" | "local" => Env::Development,
        // Example and demo configurations are not deployed environments: judged like tests.
        "test" | "testing" | "tests" | "qa" | "examples" | "example" | "samples" | "sample"
        | "demo" | "demos" | "fixtures" | "patterns" | "tutorial" | "tutorials" | "quickstart"
        | "quickstarts" | "playground" => Env::Test,
        _ => return None,
    };
    Some(env)
}

/// Whether a path is test code by the conventions of its language: `foo_test.go`,
/// `test_foo.py`, `foo.test.ts`, `foo.spec.js`, `FooTest.java`, `FooTests.cs`, `conftest.py`, or
/// a file under `__tests__/`, `spec/`, `testdata/`, `__mocks__/`, `mocks/`.
pub fn is_test_source(path: &str) -> bool {
    let normalized = path.replace('\\', "/");
    let mut segments = normalized
        .split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>();
    let name = segments.pop().unwrap_or("");
    let stem = name.split('.').next().unwrap_or(name);
    let in_test_dir = segments.iter().any(|s| {
        matches!(
            s.to_ascii_lowercase().as_str(),
            "__tests__"
                | "spec"
                | "specs"
                | "testdata"
                | "test_data"
                | "__mocks__"
                | "mocks"
                | "e2e"
        )
    });
    in_test_dir
        || stem.ends_with("_test")
        || stem.ends_with("_spec")
        || stem.starts_with("test_")
        || stem.ends_with("Test")
        || stem.ends_with("Tests")
        || stem == "conftest"
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// Words that name an environment in a path only (`examples/complete/`), not in a hostname
/// (`example.com`) or a variable name.
fn path_only(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "examples"
            | "example"
            | "samples"
            | "sample"
            | "demo"
            | "demos"
            | "fixtures"
            | "patterns"
            | "tutorial"
            | "tutorials"
            | "quickstart"
            | "quickstarts"
            | "playground"
    )
}

/// The environment a path shows, from its directory segments and its file name.
///
/// The file name wins over directories (`envs/staging/.env.production` is production). Template
/// names such as `.env.example` give no environment.
pub fn env_of_path(path: &str) -> Option<EnvInfo> {
    let normalized = path.replace('\\', "/");
    let mut segments: Vec<&str> = normalized.split('/').filter(|s| !s.is_empty()).collect();
    let file_name = segments.pop().unwrap_or("");
    if let Some(env) = env_of_file_name(file_name) {
        return Some(EnvInfo::new(env, format!("file name `{file_name}`")));
    }
    // The nearest directory that names an environment.
    for segment in segments.iter().rev() {
        if let Some(env) = env_of_word(segment) {
            return Some(EnvInfo::new(env, format!("path segment `{segment}/`")));
        }
        // `prod-us-east-1/`, `staging_eu/`
        if let Some(env) = segment
            .split(['-', '_', '.'])
            .next()
            .filter(|first| first.len() < segment.len())
            .and_then(env_of_word)
        {
            return Some(EnvInfo::new(env, format!("path segment `{segment}/`")));
        }
    }
    None
}

fn env_of_file_name(name: &str) -> Option<Env> {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(['.', '-', '_'])
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| matches!(*w, "example" | "sample" | "template" | "dist" | "defaults"))
    {
        return None;
    }
    // Skip the extension-like words: `.env.production` → ["env", "production"], `prod.tfvars`.
    words
        .iter()
        .filter(|w| {
            !matches!(
                **w,
                "env" | "tfvars" | "tf" | "yml" | "yaml" | "json" | "local"
            )
        })
        .find_map(|w| env_of_word(w))
}

/// The environment a variable name's prefix or suffix shows (`PROD_DATABASE_URL`, `DB_URL_STAGING`).
pub fn env_of_variable(name: &str) -> Option<EnvInfo> {
    let upper = name.to_ascii_uppercase();
    let parts: Vec<&str> = upper.split('_').filter(|p| !p.is_empty()).collect();
    let first = parts.first().copied();
    let last = parts.last().copied();
    for part in [first, last].into_iter().flatten() {
        if parts.len() < 2 {
            break;
        }
        if path_only(part) {
            continue;
        }
        if let Some(env) = env_of_word(part).filter(|e| *e != Env::Development || part != "LOCAL") {
            return Some(EnvInfo::new(env, format!("variable name `{name}`")));
        }
    }
    None
}

/// The environment a hostname shows (`prod-db.internal`, `db.staging.example.com`).
pub fn env_of_host(host: &str) -> Option<EnvInfo> {
    let lower = host.to_ascii_lowercase();
    lower
        .split(['.', '-', '_'])
        .filter(|w| !path_only(w))
        .find_map(env_of_word)
        .filter(|env| *env != Env::Development || !lower.starts_with("localhost"))
        .map(|env| EnvInfo::new(env, format!("hostname `{host}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(path: &str) -> Option<Env> {
        env_of_path(path).map(|e| e.env)
    }

    #[test]
    fn test_code_by_language_conventions() {
        for path in [
            "pkg/client_test.go",
            "tests/test_settings.py",
            "app/test_settings.py",
            "web/src/api.test.ts",
            "web/src/api.spec.js",
            "src/main/java/FooTest.java",
            "Foo.Tests/ClientTests.cs",
            "conftest.py",
            "web/__tests__/api.js",
            "spec/models/user_spec.rb",
            "internal/testdata/config.json",
        ] {
            assert!(is_test_source(path), "{path}");
        }
        for path in [
            "app/settings.py",
            "src/latest.ts",
            "contest/entry.py",
            "src/Attestation.java",
        ] {
            assert!(!is_test_source(path), "{path}");
        }
    }

    #[test]
    fn paths_and_file_names() {
        assert_eq!(env(".env.staging"), Some(Env::Staging));
        assert_eq!(env("app/.env.production"), Some(Env::Production));
        assert_eq!(env(".env.production.local"), Some(Env::Production));
        assert_eq!(env(".env.example"), None);
        assert_eq!(env("envs/prod/main.tf"), Some(Env::Production));
        assert_eq!(
            env("live/prod/us-east-1/rds/terragrunt.hcl"),
            Some(Env::Production)
        );
        assert_eq!(env("terraform/prod.tfvars"), Some(Env::Production));
        assert_eq!(env("envs/staging/.env.production"), Some(Env::Production));
        assert_eq!(env("deploy/prod-us-east-1/main.tf"), Some(Env::Production));
        assert_eq!(env("modules/db/main.tf"), None);
        assert_eq!(env(".env"), None);
        assert_eq!(env("products/main.tf"), None);
        assert_eq!(env("examples/complete/main.tf"), Some(Env::Test));
    }

    #[test]
    fn evidence_is_shown() {
        let info = env_of_path("envs/staging/main.tf");
        assert_eq!(
            info.map(|i| i.to_string()),
            Some("staging (path segment `staging/`)".to_string())
        );
    }

    #[test]
    fn variables_and_hosts() {
        assert_eq!(
            env_of_variable("PROD_DATABASE_URL").map(|e| e.env),
            Some(Env::Production)
        );
        assert_eq!(env_of_variable("PRODUCT_KEY").map(|e| e.env), None);
        assert_eq!(env_of_variable("STAGING").map(|e| e.env), None);
        assert_eq!(
            env_of_host("prod-db.internal").map(|e| e.env),
            Some(Env::Production)
        );
        assert_eq!(env_of_host("db.example.com").map(|e| e.env), None);
    }
}
