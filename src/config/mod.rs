//! `agentlint.toml`: rule selection, severities, environment globs, per-path ignores and the
//! allow-list of secret fingerprints.
//!
//! Mistakes in the file are errors with a span, never silence: a misspelt rule id that quietly
//! matched nothing would switch a check off without anyone noticing.

pub mod schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;

use crate::diagnostic::{Category, Severity};
use crate::environments::{Env, EnvInfo, EnvironmentGlobs};
use crate::rules::{self, RuleMeta};
use crate::syntax::Span;

pub const FILE_NAME: &str = "agentlint.toml";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<toml::Spanned<String>>>,
    ignore: Option<Vec<toml::Spanned<String>>>,
    fail_on: Option<toml::Spanned<String>>,
    respect_gitignore: Option<bool>,
    allow: Option<Vec<String>>,
    rules: Option<BTreeMap<toml::Spanned<String>, RawRule>>,
    environments: Option<BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>>,
    per_path_ignores: Option<BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>>,
    guard: Option<RawGuard>,
}

/// `[guard]`: how `agentlint guard` answers.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGuard {
    secret_files: Option<GuardAnswer>,
    production: Option<GuardAnswer>,
    destructive: Option<GuardAnswer>,
    approve_safe: Option<bool>,
    /// `[guard.tools.codex]`: the same keys for one agent, over the ones above.
    tools: Option<BTreeMap<toml::Spanned<String>, RawGuard>>,
}

impl RawGuard {
    fn over(&self, base: GuardPolicy) -> GuardPolicy {
        GuardPolicy {
            secret_files: self.secret_files.unwrap_or(base.secret_files),
            production: self.production.unwrap_or(base.production),
            destructive: self.destructive.unwrap_or(base.destructive),
            approve_safe: self.approve_safe.unwrap_or(base.approve_safe),
        }
    }
}

/// The agents `[guard.tools.<agent>]` names.
pub const GUARD_TOOLS: &[&str] = &["claude", "codex", "gemini", "cursor", "copilot", "vscode"];

/// An answer of `agentlint guard`, ordered from the most to the least permissive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuardAnswer {
    /// No objection: the agent's own permission flow goes on (or, with `approve-safe`, the call
    /// is approved).
    Allow,
    Ask,
    Deny,
}

/// The guard's policy (`[guard]` in `agentlint.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuardPolicy {
    /// Reading a file that holds secrets (`cat .env.production`, a `Read` of `.env`).
    pub secret_files: GuardAnswer,
    /// A destructive call that reaches production, or an unknown environment with an
    /// account-wide credential in reach or backups that die with the data.
    pub production: GuardAnswer,
    /// Any other destructive call (staging, development, unknown without broad reach).
    pub destructive: GuardAnswer,
    /// Answer "allow" to calls judged safe instead of leaving them to the agent's own prompts.
    pub approve_safe: bool,
}

impl Default for GuardPolicy {
    fn default() -> Self {
        GuardPolicy {
            secret_files: GuardAnswer::Ask,
            production: GuardAnswer::Deny,
            destructive: GuardAnswer::Ask,
            approve_safe: false,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    severity: Option<toml::Spanned<String>>,
}

/// A selector: a rule id or name, or a whole category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Rule(&'static str),
    Category(Category),
}

impl Selector {
    pub fn parse(text: &str) -> Option<Selector> {
        if let Some(category) = Category::parse(text) {
            return Some(Selector::Category(category));
        }
        if text.eq_ignore_ascii_case("all") {
            return None;
        }
        rules::lookup(text).map(|meta| Selector::Rule(meta.id))
    }

    pub fn matches(&self, meta: &RuleMeta) -> bool {
        match self {
            Selector::Rule(id) => *id == meta.id,
            Selector::Category(category) => *category == meta.category,
        }
    }
}

#[derive(Debug, Default)]
pub struct Config {
    /// Where the configuration came from, for messages.
    pub path: Option<String>,
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    pub fail_on: Option<Severity>,
    pub respect_gitignore: bool,
    pub allow: Vec<String>,
    pub severities: BTreeMap<&'static str, Severity>,
    pub environments: EnvironmentGlobs,
    pub per_path_ignores: Vec<(String, GlobMatcher, Vec<Selector>)>,
    pub guard: GuardPolicy,
    /// `[guard.tools.<agent>]` policies, by the names of [`GUARD_TOOLS`].
    pub guard_tools: BTreeMap<String, GuardPolicy>,
    /// The project root: the configuration file's directory, else the repository the paths lie
    /// in. Paths are read relative to it (environment evidence, globs), however they were named
    /// on the command line.
    pub root: Option<PathBuf>,
}

/// A configuration error with the place it points at.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub message: String,
    pub span: Option<Span>,
}

impl ConfigError {
    fn at(span: std::ops::Range<usize>, message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            span: Some(Span::new(span.start, span.end)),
        }
    }
}

impl Config {
    /// The guard's policy for one agent (`[guard.tools.<agent>]` over `[guard]`).
    pub fn guard_for(&self, tool: &str) -> GuardPolicy {
        self.guard_tools.get(tool).copied().unwrap_or(self.guard)
    }

    /// Parse the text of an `agentlint.toml`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError {
            message: err.message().to_string(),
            span: err.span().map(|r| Span::new(r.start, r.end)),
        })?;
        let selectors = |list: Vec<toml::Spanned<String>>| -> Result<Vec<Selector>, ConfigError> {
            list.into_iter()
                .map(|item| {
                    Selector::parse(item.get_ref()).ok_or_else(|| {
                        ConfigError::at(
                            item.span(),
                            format!(
                                "unknown rule or category `{}` (see `agentlint rules`)",
                                item.get_ref()
                            ),
                        )
                    })
                })
                .collect()
        };
        let mut config = Config {
            select: raw.select.map(selectors).transpose()?,
            environments: EnvironmentGlobs::new(FILE_NAME),
            ignore: raw.ignore.map(selectors).transpose()?.unwrap_or_default(),
            respect_gitignore: raw.respect_gitignore.unwrap_or(false),
            allow: raw.allow.unwrap_or_default(),
            ..Config::default()
        };
        if let Some(guard) = raw.guard {
            config.guard = guard.over(GuardPolicy::default());
            for (tool, policy) in guard.tools.iter().flatten() {
                if !GUARD_TOOLS.contains(&tool.get_ref().as_str()) {
                    return Err(ConfigError::at(
                        tool.span(),
                        format!(
                            "unknown agent `{}` in [guard.tools] (one of: {})",
                            tool.get_ref(),
                            GUARD_TOOLS.join(", ")
                        ),
                    ));
                }
                config
                    .guard_tools
                    .insert(tool.get_ref().clone(), policy.over(config.guard));
            }
        }
        if let Some(fail_on) = raw.fail_on {
            config.fail_on = Some(parse_severity(&fail_on)?);
        }
        for (id, rule) in raw.rules.unwrap_or_default() {
            let meta = rules::lookup(id.get_ref()).ok_or_else(|| {
                ConfigError::at(id.span(), format!("unknown rule `{}`", id.get_ref()))
            })?;
            if let Some(severity) = rule.severity {
                config
                    .severities
                    .insert(meta.id, parse_severity(&severity)?);
            }
        }
        for (env, globs) in raw.environments.unwrap_or_default() {
            let parsed = Env::parse(env.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    env.span(),
                    format!(
                        "unknown environment `{}` (expected production, staging, development or test)",
                        env.get_ref()
                    ),
                )
            })?;
            for glob in globs {
                let matcher = compile_glob(&glob)?;
                config
                    .environments
                    .push(parsed, glob.get_ref().clone(), matcher);
            }
        }
        for (glob, ids) in raw.per_path_ignores.unwrap_or_default() {
            let matcher = compile_glob(&glob)?;
            config
                .per_path_ignores
                .push((glob.get_ref().clone(), matcher, selectors(ids)?));
        }
        Ok(config)
    }

    /// Whether a rule runs at all.
    pub fn enabled(&self, meta: &RuleMeta) -> bool {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|list| list.iter().any(|s| s.matches(meta)));
        selected && !self.ignore.iter().any(|s| s.matches(meta))
    }

    /// The severity a rule's findings are reported at, given what the rule chose.
    pub fn severity(&self, meta: &RuleMeta, chosen: Severity) -> Severity {
        self.severities.get(meta.id).copied().unwrap_or(chosen)
    }

    /// The environment the configuration assigns to a path relative to the root.
    pub fn environment_of(&self, rel_path: &str) -> Option<EnvInfo> {
        self.environments.environment_of(rel_path)
    }

    /// Whether a rule is switched off for a path.
    pub fn ignored_for_path(&self, meta: &RuleMeta, rel_path: &str) -> bool {
        self.per_path_ignores.iter().any(|(_, matcher, selectors)| {
            matcher.is_match(rel_path) && selectors.iter().any(|s| s.matches(meta))
        })
    }
}

/// Why a configuration could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    Invalid {
        path: PathBuf,
        text: String,
        error: ConfigError,
    },
}

/// The configuration of a run, found in one place for `check`, `inventory` and the language
/// server: the explicit file when one is given, else `agentlint.toml` in the first of `paths`
/// when it is a directory, else in the current directory; the defaults when there is none.
///
/// Without `--config`, the file is looked for in the first path's directory and upward, as ruff
/// and git do, stopping at the repository's root (the directory holding `.git`).
pub fn discover(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config, LoadError> {
    let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let start = absolute_path(&start);
    let start_dir = if start.is_dir() {
        start
    } else {
        start.parent().map(Path::to_path_buf).unwrap_or(start)
    };
    let (path, repository) = match explicit {
        Some(path) => (Some(path.to_path_buf()), repository_root(&start_dir)),
        None => find_upward(&start_dir),
    };
    let mut config = match &path {
        Some(path) => load(path)?,
        None => Config::default(),
    };
    config.root = match (explicit, &path) {
        (None, Some(path)) => path.parent().map(Path::to_path_buf),
        _ => repository,
    };
    Ok(config)
}

/// The configuration of each named path, found upward from it as [`discover`] does for one: paths
/// under the same `agentlint.toml` (or the same repository without one) form one group, in the
/// order they were named, so `agentlint check api/ web/` applies `api/agentlint.toml` to `api/`
/// and `web/agentlint.toml` to `web/`. With an explicit file, every path shares it.
pub fn discover_each(
    explicit: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Vec<(Config, Vec<PathBuf>)>, LoadError> {
    if explicit.is_some() || paths.len() < 2 {
        return Ok(vec![(discover(explicit, paths)?, paths.to_vec())]);
    }
    // (configuration file, repository root) → the paths under them.
    type Place = (Option<PathBuf>, Option<PathBuf>);
    let mut groups: Vec<(Place, Vec<PathBuf>)> = Vec::new();
    for path in paths {
        let start = absolute_path(path);
        let start_dir = if start.is_dir() {
            start
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or(start)
        };
        let key = find_upward(&start_dir);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(path.clone()),
            None => groups.push((key, vec![path.clone()])),
        }
    }
    groups
        .into_iter()
        .map(|(_, members)| Ok((discover(None, &members)?, members)))
        .collect()
}

/// The configuration file in `dir` or above it, and the repository root met on the way (the
/// search stops there).
fn find_upward(dir: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    for ancestor in dir.ancestors() {
        if let Some(found) = find(ancestor) {
            return (Some(found), repository_root(ancestor));
        }
        if ancestor.join(".git").exists() {
            return (None, Some(ancestor.to_path_buf()));
        }
    }
    (None, None)
}

/// `path` made absolute and `.`/`..` resolved lexically (without following symlinks), so that
/// `../shared/repo` is not taken for a directory inside the current one.
pub fn absolute_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The nearest directory at or above `dir` that holds `.git`.
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The configuration file that applies to a directory: its `agentlint.toml`, if any. The one place
/// every entry point (`check`, `inventory`, the language server) asks.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let candidate = dir.join(FILE_NAME);
    candidate.is_file().then_some(candidate)
}

/// Reads and parses the configuration file at `path`.
pub fn load(path: &Path) -> Result<Config, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|error| LoadError::Unreadable {
        path: path.to_path_buf(),
        error,
    })?;
    match Config::parse(&text) {
        Ok(mut config) => {
            config.path = Some(path.display().to_string());
            Ok(config)
        }
        Err(error) => Err(LoadError::Invalid {
            path: path.to_path_buf(),
            text,
            error,
        }),
    }
}

fn parse_severity(value: &toml::Spanned<String>) -> Result<Severity, ConfigError> {
    Severity::parse(value.get_ref()).ok_or_else(|| {
        ConfigError::at(
            value.span(),
            format!(
                "unknown severity `{}` (expected error, warning or info)",
                value.get_ref()
            ),
        )
    })
}

fn compile_glob(glob: &toml::Spanned<String>) -> Result<GlobMatcher, ConfigError> {
    Glob::new(glob.get_ref())
        .map(|g| g.compile_matcher())
        .map_err(|err| ConfigError::at(glob.span(), format!("bad glob: {}", err.kind())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = Config::parse(
            r#"
select = ["exposed-secret", "AL201"]
ignore = ["AL101"]
fail-on = "error"
allow = ["3a9c1e0b"]
[rules.AL201]
severity = "warning"
[environments]
production = ["deploy/prod/**"]
[per-path-ignores]
"tests/**" = ["exposed-secret"]
"#,
        );
        let config = match config {
            Ok(config) => config,
            Err(err) => panic!("{}", err.message),
        };
        assert_eq!(config.fail_on, Some(Severity::Error));
        assert_eq!(
            config.environment_of("deploy/prod/main.tf").map(|e| e.env),
            Some(Env::Production)
        );
        assert_eq!(config.severities.get("AL201"), Some(&Severity::Warning));
        assert_eq!(config.allow, vec!["3a9c1e0b".to_string()]);
    }

    #[test]
    fn unknown_things_are_errors_with_spans() {
        let text = "select = [\"AL999\"]\n";
        let err = Config::parse(text).err();
        let span = err.as_ref().and_then(|e| e.span).unwrap_or_default();
        assert_eq!(span.slice(text), "\"AL999\"");
        assert!(Config::parse("colour = true\n").is_err());
        assert!(Config::parse("[environments]\nprod = [\"x\"]\n").is_err());
        assert!(Config::parse("[environments]\nproduction = [\"a[\"]\n").is_err());
    }
}
