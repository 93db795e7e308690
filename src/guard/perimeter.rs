//! The repository's perimeter as the guard needs it at the moment of a call: which variables hold
//! which credentials (kind, scope, environment, file), which files hold secrets, what each MCP
//! server acts with, and which backups die with their data. Built by the same pipeline as
//! `check`, then cached under `.agentlint_cache/` keyed by the metadata of every file it was
//! built from, so a warm decision reads one small file instead of linting the repository.
//!
//! No secret value is kept: names, kinds, scopes and paths only.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::discover::FileKind;
use crate::facts::mcp;
use crate::pipeline::{self, Overrides};
use crate::secrets::{Confidence, Mode, Scope};

/// Bumped when the cached shape changes: an old cache is rebuilt, never misread.
const VERSION: u32 = 3;

/// The longest a perimeter is trusted without a rebuild, in seconds.
pub const MAX_AGE: u64 = 600;

/// Where the cache lives, under the project root (a `.gitignore` inside keeps it out of commits).
pub const CACHE_DIR: &str = ".agentlint_cache";
const CACHE_FILE: &str = "guard-perimeter.json";

/// One credential of the repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Credential {
    /// The variable or key it is assigned to (`RAILWAY_TOKEN`), when it has one.
    pub name: Option<String>,
    /// "Railway account/workspace token".
    pub kind: String,
    pub provider: String,
    /// Account-wide, admin or root, or a live key: whoever holds it reaches everything.
    pub broad: bool,
    /// "account-wide", "one project/environment"…
    pub scope: String,
    /// The environment of the file or context it is defined in.
    pub env: Option<String>,
    /// Relative path of the file that holds it.
    pub file: String,
}

/// One MCP server and what it acts with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct McpServer {
    pub name: String,
    /// Its command line (words joined by one space) or URL, for payloads that name no server.
    pub launch: String,
    pub file: String,
    /// A broad credential sits in its declaration.
    pub broad: bool,
    /// Its configuration file's environment.
    pub env: Option<String>,
}

/// The perimeter, as cached.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Perimeter {
    pub version: u32,
    /// `(relative path, size, modification time in ns)` of every file a credential, an MCP
    /// server or a backup finding came from, of every `.env` and agent settings file, and of the
    /// directories above them and at the top two levels (a file added or removed there changes
    /// its directory's time). Stat-ing them is most of what a warm decision costs, so other
    /// directories are left to [`MAX_AGE`].
    pub stamp: Vec<(String, u64, u64)>,
    /// When it was built (seconds since the epoch): an edit to a file that added nothing to the
    /// perimeter is not stamped, so the cache is also rebuilt after [`MAX_AGE`].
    pub built_at: u64,
    pub credentials: Vec<Credential>,
    pub mcp_servers: Vec<McpServer>,
    /// Backups that share their data's blast radius: "`railway volume` backups kept in the volume".
    pub backups_with_data: Vec<String>,
}

impl Perimeter {
    /// The credentials a variable name stands for.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Credential> + 'a {
        self.credentials
            .iter()
            .filter(move |c| c.name.as_deref() == Some(name))
    }
}

/// The perimeter of the project at `root`: the cache when every file it was built from is
/// unchanged, else built and cached again.
pub fn load_or_build(root: &Path, config: &Config) -> Perimeter {
    let cache = root.join(CACHE_DIR).join(CACHE_FILE);
    if let Some(cached) = std::fs::read(&cache)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Perimeter>(&bytes).ok())
        .filter(|p| p.version == VERSION && now().saturating_sub(p.built_at) < MAX_AGE)
        .filter(|p| fresh(root, &p.stamp))
    {
        return cached;
    }
    // The folder first: creating it changes the root's time, which the stamp records.
    let dir = root.join(CACHE_DIR);
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(".gitignore"), "# Created by agentlint guard.\n*\n");
    let perimeter = build(root, config);
    store(root, &perimeter);
    perimeter
}

/// Whether every stamped file still has the size and time it had (asked on every core: the stat
/// calls are most of a warm decision).
fn fresh(root: &Path, stamp: &[(String, u64, u64)]) -> bool {
    use rayon::prelude::*;
    !stamp.is_empty()
        && stamp
            .par_iter()
            .with_min_len(256)
            .all(|(path, size, time)| metadata(&root.join(path)) == Some((*size, *time)))
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn metadata(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    let time = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((
        meta.len(),
        u64::try_from(time.as_nanos()).unwrap_or(u64::MAX),
    ))
}

/// Written best-effort: a read-only checkout still gets decisions, only slower ones.
fn store(root: &Path, perimeter: &Perimeter) {
    let dir = root.join(CACHE_DIR);
    if let Ok(bytes) = serde_json::to_vec(perimeter) {
        let _ = crate::safe_write::write_atomic(
            &dir.join(CACHE_FILE),
            &bytes,
            std::slice::from_ref(&dir),
        );
    }
}

/// Lint the project and keep what decisions need.
pub fn build(root: &Path, config: &Config) -> Perimeter {
    let outcome = pipeline::run(&[root.to_path_buf()], config, &Overrides::default());
    let workspace = &outcome.workspace;
    let mut perimeter = Perimeter {
        version: VERSION,
        built_at: now(),
        ..Perimeter::default()
    };
    let rel = |file: &crate::model::FileModel| relative(root, &file.source.path);
    let mut stamped: BTreeSet<String> = BTreeSet::new();
    stamped.insert(".".to_string());
    for file in &workspace.files {
        let path = rel(file);
        let decisive = matches!(
            file.source.kind,
            FileKind::Dotenv | FileKind::AgentSettings(_) | FileKind::McpConfig(_)
        ) || !file.facts.credentials.is_empty();
        if decisive {
            stamp_with_directories(&mut stamped, &path);
        } else if let Some((top, _)) = path.split_once('/') {
            stamped.insert(top.to_string());
            if let Some((second, _)) = path[top.len() + 1..].split_once('/') {
                stamped.insert(format!("{top}/{second}"));
            }
        }
        for credential in &file.facts.credentials {
            let secret = &credential.secret;
            if secret.confidence == Confidence::Low || secret.mode == Some(Mode::Test) {
                continue;
            }
            perimeter.credentials.push(Credential {
                name: credential.name.clone(),
                kind: crate::secrets::describe(secret),
                provider: secret.provider.to_string(),
                broad: is_broad(secret.scope, secret.mode),
                scope: secret.scope.to_string(),
                env: credential
                    .env
                    .as_ref()
                    .or(file.env.as_ref())
                    .map(|e| e.env.as_str().to_string()),
                file: path.clone(),
            });
        }
        for server in mcp::servers(file.source.kind, &file.syntax) {
            let body = server.body().span;
            let broad = file
                .facts
                .credentials
                .iter()
                .any(|c| body.contains(c.span) && is_broad(c.secret.scope, c.secret.mode));
            let launch = match server.body().get("url").and_then(|u| u.as_str()) {
                Some(url) => url.to_string(),
                None => server.words().join(" "),
            };
            perimeter.mcp_servers.push(McpServer {
                name: server.name().to_string(),
                launch,
                file: path.clone(),
                broad,
                env: file.env.as_ref().map(|e| e.env.as_str().to_string()),
            });
        }
    }
    // Backups that die with the data: the findings of the backup rules say where.
    for finding in &outcome.findings {
        if matches!(finding.rule.id, "AL402" | "AL403" | "AL405") {
            perimeter.backups_with_data.push(finding.message.clone());
            if let Some(file) = workspace.files.get(finding.primary.file) {
                stamp_with_directories(&mut stamped, &rel(file));
            }
        }
    }
    perimeter.backups_with_data.sort();
    perimeter.backups_with_data.dedup();
    perimeter.stamp = stamped
        .into_iter()
        .filter_map(|path| metadata(&root.join(&path)).map(|(size, time)| (path, size, time)))
        .collect();
    perimeter
}

/// A file and every directory above it.
fn stamp_with_directories(stamped: &mut BTreeSet<String>, path: &str) {
    stamped.insert(path.to_string());
    let mut dir = path;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if !stamped.insert(parent.to_string()) {
            break;
        }
        dir = parent;
    }
}

fn is_broad(scope: Scope, mode: Option<Mode>) -> bool {
    matches!(scope, Scope::Account | Scope::Admin) || mode == Some(Mode::Live)
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &str) -> String {
    let absolute = crate::config::absolute_path(&PathBuf::from(path));
    let rel = absolute.strip_prefix(root).unwrap_or(&absolute);
    rel.to_string_lossy().replace('\\', "/")
}
