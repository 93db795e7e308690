//! Which shell commands destroy data, and whether they skip their own confirmation: the one
//! catalogue every rule, the inventory and `explain` consult.
//!
//! The table follows the domain knowledge base (section B): cloud CLIs, infrastructure tools,
//! database clients and framework tasks, and raw API calls whose body names a delete mutation.

use crate::syntax::ShellCommand;

/// A destructive command as recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destructive {
    /// What it does, for messages: "deletes a Railway volume and the backups inside it".
    pub effect: &'static str,
    /// The command as recognised, e.g. `railway volume delete --yes`.
    pub shown: String,
    /// It asks nobody: a `--yes`/`-auto-approve`/`--force` flag, or an API call that never asks.
    pub unconfirmed: bool,
}

/// Tools that reach networks, clouds or databases: allowing them with any argument allows
/// destruction.
pub const NETWORK_TOOLS: &[&str] = &[
    "curl",
    "wget",
    "http",
    "aws",
    "gcloud",
    "gsutil",
    "az",
    "terraform",
    "tofu",
    "terragrunt",
    "pulumi",
    "railway",
    "psql",
    "mysql",
    "mongosh",
    "redis-cli",
    "kubectl",
    "helm",
    "fly",
    "flyctl",
    "heroku",
    "supabase",
    "prisma",
    "docker",
    "gh",
    "rm",
    "ssh",
    "sudo",
    "vercel",
    "neonctl",
    "pscale",
    "doctl",
];

/// Words that name the tools [`classify`] knows (a few with a trailing space, so `az ` is not found
/// inside `lazy`). Text that holds none of them holds no destructive command, so callers scanning
/// prose (agent instructions) skip it without parsing. A test keeps this list in step with
/// [`classify`].
pub const TOOL_WORDS: &[&str] = &[
    "terraform",
    "tofu",
    "terragrunt",
    "pulumi",
    "railway",
    "curl",
    "wget",
    "http",
    "aws",
    "gcloud",
    "gsutil",
    "az ",
    "kubectl",
    "helm",
    "fly",
    "heroku",
    "supabase",
    "neonctl",
    "pscale",
    "gh ",
    "docker",
    "podman",
    "prisma",
    "rails",
    "rake",
    "artisan",
    "flush",
    "dropdb",
    "psql",
    "mysql",
    "mariadb",
    "sqlcmd",
    "cockroach",
    "redis",
    "mongo",
    "rm ",
];

/// Wrappers whose first non-option argument is the real command.
const WRAPPERS: &[&str] = &[
    "sudo", "env", "time", "nohup", "exec", "npx", "bunx", "command",
];

/// The words of the real command: wrappers, their options and `VAR=value` prefixes removed.
pub fn effective_words(command: &ShellCommand) -> Vec<&str> {
    let mut words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
    while let Some(first) = words.first().copied() {
        let name = first.rsplit('/').next().unwrap_or(first);
        let wrapper = WRAPPERS.contains(&name)
            || (matches!(name, "pnpm" | "yarn" | "poetry" | "uv" | "bundle")
                && matches!(words.get(1), Some(&("exec" | "dlx" | "run"))));
        if !wrapper {
            break;
        }
        let skip = if matches!(name, "pnpm" | "yarn" | "poetry" | "uv" | "bundle") {
            2
        } else {
            1
        };
        words.drain(..skip.min(words.len()));
        while words
            .first()
            .is_some_and(|w| w.starts_with('-') || is_assignment(w))
        {
            words.remove(0);
        }
    }
    if let Some(first) = words.first_mut() {
        *first = first.rsplit('/').next().unwrap_or(first);
    }
    words
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

fn has(words: &[&str], flag: &str) -> bool {
    words
        .iter()
        .any(|w| *w == flag || w.split_once('=').is_some_and(|(f, _)| f == flag))
}

fn any(words: &[&str], flags: &[&str]) -> bool {
    flags.iter().any(|f| has(words, f))
}

/// GraphQL mutations that delete data or the backups of data (Railway's public API).
const DELETE_MUTATIONS: &[&str] = &[
    "volumeDelete",
    "volumeInstanceBackupDelete",
    "volumeInstanceBackupBatchDelete",
    "serviceDelete",
    "environmentDelete",
    "projectDelete",
];

const SQL_DESTRUCTIVE: &[&str] = &["DROP DATABASE", "DROP SCHEMA", "DROP TABLE", "TRUNCATE"];

/// Targets of `rm -rf` that take far more than a build directory with them.
fn dangerous_rm_target(target: &str) -> bool {
    let target = target.trim_end_matches('/');
    matches!(
        target,
        "" | "/*" | "~" | "$HOME" | "${HOME}" | "." | ".." | "*" | "./*" | "$PWD" | "${PWD}"
    ) || [
        "/var/lib/postgresql",
        "/var/lib/mysql",
        "/data/db",
        "/var/lib/docker/volumes",
    ]
    .iter()
    .any(|dir| target.starts_with(dir))
}

/// Recognise a destructive command.
pub fn classify(command: &ShellCommand) -> Option<Destructive> {
    let words = effective_words(command);
    let name = *words.first()?;
    let args = &words[1..];
    let sub = |i: usize| args.get(i).copied().unwrap_or("");
    let shown = |n: usize| words[..(n + 1).min(words.len())].join(" ");
    let found = |effect, n: usize, unconfirmed| {
        Some(Destructive {
            effect,
            shown: shown(n),
            unconfirmed,
        })
    };
    let yes = any(args, &["--yes", "-y", "--force", "-f"]);
    match name {
        "terraform" | "tofu" | "terragrunt" => {
            let auto = any(args, &["-auto-approve", "--auto-approve"]);
            match sub(0) {
                "destroy" => found("destroys every resource of the configuration", 1, auto),
                "apply" if has(args, "-destroy") => {
                    found("destroys every resource of the configuration", 1, auto)
                }
                "apply" if auto => found(
                    "applies whatever the plan holds, deletions included, without review",
                    1,
                    true,
                ),
                _ => None,
            }
        }
        "pulumi" if sub(0) == "destroy" => found("destroys every resource of the stack", 1, yes),
        "railway" => match (sub(0), sub(1)) {
            ("delete" | "rm" | "remove", _) => {
                found("deletes a Railway project and all its data", 1, yes)
            }
            ("volume", "delete") => found(
                "deletes a Railway volume and the backups stored inside it",
                2,
                yes,
            ),
            ("environment", "delete") => {
                found("deletes a Railway environment and its services", 2, yes)
            }
            _ => None,
        },
        "curl" | "wget" | "http" | "xh" | "httpie" => {
            let body = args.join(" ");
            DELETE_MUTATIONS
                .iter()
                .find(|m| body.contains(*m))
                .map(|m| Destructive {
                    effect: if m.starts_with("volume") {
                        "deletes data through the API; a Railway volume takes its backups with it"
                    } else {
                        "deletes infrastructure through the API"
                    },
                    shown: format!("{name} … {m}"),
                    unconfirmed: true,
                })
        }
        "aws" => match (sub(0), sub(1)) {
            ("rds", "delete-db-instance" | "delete-db-cluster") => found(
                "deletes an RDS database; automated backups go with it unless retained",
                2,
                has(args, "--skip-final-snapshot"),
            ),
            ("s3", "rb") if has(args, "--force") => {
                found("deletes every object and then the bucket", 2, true)
            }
            ("s3", "rm") if has(args, "--recursive") => {
                found("deletes every matching object", 2, true)
            }
            ("ec2", "delete-volume" | "delete-snapshot" | "terminate-instances") => {
                found("deletes EC2 data", 2, true)
            }
            ("dynamodb", "delete-table") => found("deletes a DynamoDB table", 2, true),
            ("backup", "delete-recovery-point" | "delete-backup-vault") => {
                found("deletes backups", 2, true)
            }
            _ => None,
        },
        "gcloud" => match (sub(0), sub(1), sub(2)) {
            ("sql", "instances", "delete") => found(
                "deletes a Cloud SQL instance and its backups",
                3,
                has(args, "--quiet") || has(args, "-q"),
            ),
            ("projects", "delete", _) => found(
                "shuts down a whole project",
                2,
                has(args, "--quiet") || has(args, "-q"),
            ),
            ("storage", "rm", _) if any(args, &["-r", "--recursive"]) => {
                found("deletes bucket contents", 2, true)
            }
            _ => None,
        },
        "gsutil" if sub(0) == "rm" && any(args, &["-r", "-R"]) => {
            found("deletes bucket contents", 1, true)
        }
        "az" if sub(0) == "group" && sub(1) == "delete" => found(
            "deletes a resource group and everything inside it",
            2,
            has(args, "--yes") || has(args, "-y"),
        ),
        "kubectl" if sub(0) == "delete" => match sub(1) {
            "namespace" | "ns" | "pvc" | "pv" | "persistentvolumeclaim" | "persistentvolume" => {
                found(
                    "deletes Kubernetes storage; dynamically provisioned disks go with it",
                    2,
                    true,
                )
            }
            _ if has(args, "--all") => found("deletes every object of a kind", 2, true),
            _ => None,
        },
        "helm" if matches!(sub(0), "uninstall" | "delete") => {
            found("removes a release and its resources", 1, true)
        }
        "fly" | "flyctl" => match (sub(0), sub(1)) {
            ("volumes" | "volume" | "vol", "destroy" | "delete") => {
                found("destroys a Fly volume", 2, yes)
            }
            ("apps" | "app", "destroy" | "delete") => found("destroys a Fly app", 2, yes),
            _ => None,
        },
        "heroku" => match sub(0) {
            "apps:destroy" | "addons:destroy" => found(
                "destroys a Heroku app or add-on, databases included",
                1,
                has(args, "--confirm"),
            ),
            "pg:reset" => found(
                "wipes a Heroku Postgres database",
                1,
                has(args, "--confirm"),
            ),
            _ => None,
        },
        "supabase"
            if sub(0) == "db" && sub(1) == "reset" && any(args, &["--linked", "--db-url"]) =>
        {
            found(
                "resets a remote Supabase database, dropping its data",
                2,
                yes,
            )
        }
        "neonctl" if matches!(sub(0), "projects" | "branches") && sub(1) == "delete" => {
            found("deletes a Neon project or branch", 2, true)
        }
        "pscale" if matches!(sub(0), "database" | "branch") && sub(1) == "delete" => found(
            "deletes a PlanetScale database or branch",
            2,
            has(args, "--force"),
        ),
        "gh" if sub(0) == "repo" && sub(1) == "delete" => {
            found("deletes a GitHub repository", 2, has(args, "--yes"))
        }
        "docker" | "docker-compose" | "podman" => {
            let (rest, n) = if name == "docker" && sub(0) == "compose" {
                (&args[1..], 2)
            } else {
                (args, 1)
            };
            let verb = rest.first().copied().unwrap_or("");
            let object = rest.get(1).copied().unwrap_or("");
            match (verb, object) {
                ("down", _) if any(rest, &["-v", "--volumes"]) => found(
                    "removes the project's named volumes with their data",
                    n,
                    true,
                ),
                ("volume", "rm" | "prune") => found("removes Docker volumes", n + 1, true),
                ("system", "prune") if has(rest, "--volumes") => {
                    found("removes unused volumes", n + 1, true)
                }
                _ => None,
            }
        }
        "prisma" => match (sub(0), sub(1)) {
            ("migrate", "reset") => found(
                "drops the database and re-creates it from migrations",
                2,
                has(args, "--force") || has(args, "-f"),
            ),
            ("db", "push") if any(args, &["--force-reset", "--accept-data-loss"]) => {
                found("drops or rewrites tables, losing data", 2, true)
            }
            _ => None,
        },
        "rails" | "rake"
            if args
                .iter()
                .any(|a| matches!(*a, "db:drop" | "db:reset" | "db:purge" | "db:schema:load")) =>
        {
            found(
                "drops or reloads the database",
                1,
                command
                    .assignments
                    .iter()
                    .any(|a| a.text.starts_with("DISABLE_DATABASE_ENVIRONMENT_CHECK")),
            )
        }
        "php" if sub(0) == "artisan" && matches!(sub(1), "migrate:fresh" | "db:wipe") => {
            found("drops every table", 2, has(args, "--force"))
        }
        "python" | "python3" | "django-admin" if args.contains(&"flush") => found(
            "deletes every row of the database",
            2,
            has(args, "--noinput"),
        ),
        "dropdb" => found("drops a PostgreSQL database", 0, true),
        "rm" => {
            // Recursive and forced: `-rf`, `-fr`, `-r -f`, `--recursive --force`.
            let flags: String = args
                .iter()
                .filter(|a| a.starts_with('-') && !a.starts_with("--"))
                .flat_map(|a| a.chars().skip(1))
                .collect();
            let recursive = flags.contains('r') || flags.contains('R') || has(args, "--recursive");
            let forced = flags.contains('f') || has(args, "--force");
            let target = args
                .iter()
                .find(|a| !a.starts_with('-') && dangerous_rm_target(a));
            match (recursive && forced, target) {
                (true, Some(target)) => Some(Destructive {
                    effect: "deletes a whole directory tree without asking",
                    shown: format!("rm -rf {target}"),
                    unconfirmed: true,
                }),
                _ => None,
            }
        }
        "psql" | "mysql" | "mariadb" | "sqlcmd" | "cockroach" => {
            let body = args.join(" ").to_ascii_uppercase();
            SQL_DESTRUCTIVE
                .iter()
                .find(|s| body.contains(*s))
                .map(|s| Destructive {
                    effect: "drops or empties database objects",
                    shown: format!("{name} … {s}"),
                    unconfirmed: true,
                })
        }
        "redis-cli" => {
            let body = args.join(" ").to_ascii_uppercase();
            (body.contains("FLUSHALL") || body.contains("FLUSHDB")).then(|| Destructive {
                effect: "deletes every key",
                shown: format!("{name} FLUSHALL"),
                unconfirmed: true,
            })
        }
        "mongosh" | "mongo" => {
            let body = args.join(" ");
            body.contains("dropDatabase").then(|| Destructive {
                effect: "drops a MongoDB database",
                shown: format!("{name} … dropDatabase"),
                unconfirmed: true,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell;

    fn first(script: &str) -> Option<Destructive> {
        shell::parse(script, 0).commands.iter().find_map(classify)
    }

    #[test]
    fn recognises_the_incident_call() {
        let d = first(
            r#"curl -X POST https://backboard.railway.com/graphql/v2 -H "Authorization: Bearer $T" -d '{"query":"mutation { volumeDelete(volumeId: \"v\") }"}'"#,
        );
        assert!(d.is_some_and(|d| d.unconfirmed && d.shown.contains("volumeDelete")));
    }

    #[test]
    fn flags_decide_confirmation() {
        assert_eq!(
            first("terraform destroy").map(|d| d.unconfirmed),
            Some(false)
        );
        assert_eq!(
            first("terraform destroy -auto-approve").map(|d| d.unconfirmed),
            Some(true)
        );
        assert_eq!(
            first("sudo railway volume delete --volume v --yes").map(|d| d.unconfirmed),
            Some(true)
        );
        assert_eq!(
            first("npx prisma migrate reset --force").map(|d| d.shown),
            Some("prisma migrate reset".to_string())
        );
        assert!(first("terraform plan").is_none());
        assert!(first("docker compose down").is_none());
        assert!(first("docker compose down -v").is_some());
        assert!(first("echo terraform destroy").is_none());
        assert!(first("rm -rf ~/").is_some());
        assert!(first("rm -r -f /var/lib/postgresql/data").is_some());
        assert!(first("rm -rf node_modules dist").is_none());
        assert!(first("rm -r ~").is_none());
    }

    /// Every tool [`classify`] knows, by one destructive sample: the prose prefilter
    /// ([`TOOL_WORDS`]) must find each, or instructions naming that tool would be skipped unread.
    #[test]
    fn tool_words_cover_every_tool_classify_knows() {
        let samples = [
            "terraform destroy",
            "tofu destroy",
            "terragrunt destroy",
            "pulumi destroy",
            "railway volume delete --volume v",
            "xh POST https://backboard.railway.com/graphql/v2 query=volumeDelete",
            "aws rds delete-db-instance --db-instance-identifier x",
            "gcloud sql instances delete x",
            "gsutil rm -r gs://bucket",
            "az group delete --name rg",
            "kubectl delete namespace prod",
            "helm uninstall app",
            "flyctl volumes destroy vol_1",
            "heroku pg:reset DATABASE",
            "neonctl projects delete p",
            "pscale database delete db",
            "gh repo delete org/repo",
            "docker-compose down -v",
            "podman volume rm data",
            "prisma migrate reset",
            "rails db:drop",
            "php artisan migrate:fresh",
            "django-admin flush",
            "dropdb app",
            "rm -rf /var/lib/postgresql/data",
            "psql -c 'DROP DATABASE app'",
            "sqlcmd -Q 'DROP DATABASE app'",
            "redis-cli FLUSHALL",
            "mongosh --eval 'db.dropDatabase()'",
        ];
        let finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(TOOL_WORDS)
            .ok();
        for sample in samples {
            assert!(first(sample).is_some(), "classify misses `{sample}`");
            assert!(
                finder.as_ref().is_some_and(|f| f.is_match(sample)),
                "TOOL_WORDS misses `{sample}`"
            );
        }
    }
}
