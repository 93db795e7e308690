//! The catalogue of destructive operations, as data: per tool, the options that take a value and
//! those that name the target (account, project, cluster, environment), how the tool confirms;
//! per operation, the subcommand path, what it destroys, whether backups go with it, and how its
//! confirmation differs from the tool's. Sources: each tool's own documentation (the command
//! reference pages of the AWS, Google Cloud and Azure CLIs, Terraform, kubectl, Helm, the
//! database clients, ORMs and PaaS CLIs), summarised in `shared/docs` section B.
//!
//! Matching is by words, never by regex per tool: the program name picks the tool, its positional
//! words (options and their values skipped) are compared with each operation's path.

/// The families `explain` and the inventory group operations by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Iac,
    Kubernetes,
    Aws,
    Gcp,
    Azure,
    Database,
    Orm,
    Paas,
    Storage,
    Container,
    Http,
    Shell,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Iac => "infrastructure as code",
            Family::Kubernetes => "Kubernetes",
            Family::Aws => "AWS CLI",
            Family::Gcp => "Google Cloud CLI",
            Family::Azure => "Azure CLI",
            Family::Database => "database clients and SQL",
            Family::Orm => "ORMs and migration tools",
            Family::Paas => "PaaS CLIs",
            Family::Storage => "object storage tools",
            Family::Container => "containers",
            Family::Http => "HTTP APIs",
            Family::Shell => "shell",
        }
    }
}

/// Whether the backups of what an operation deletes survive it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backups {
    /// The provider deletes them with the data (Railway volume backups, Cloud SQL automated
    /// backups, Neon branches, a whole project or resource group).
    GoWith,
    /// Kept unless asked otherwise (RDS final snapshots unless skipped, AWS Backup recovery points).
    Survive,
    /// Depends on how backups were set up, or there are none by default.
    Unknown,
    /// The operation deletes backups themselves.
    AreTheTarget,
    /// The command keeps a final copy of what it deletes (`--final-db-snapshot-identifier`).
    FinalSnapshot,
}

/// How a tool asks before a destructive operation.
#[derive(Debug, Clone, Copy)]
pub enum Confirm {
    /// It never asks (the AWS CLI, kubectl, curl, SQL clients).
    Never,
    /// It asks; without a terminal it fails instead of proceeding. These flags and environment
    /// variables (name, and a value it must contain; `""` for any value) answer yes for it.
    Asks {
        skip_flags: &'static [&'static str],
        skip_env: &'static [(&'static str, &'static str)],
    },
    /// It asks on a terminal, and without one (CI, an agent's shell) goes ahead.
    AsksOnTerminal {
        skip_flags: &'static [&'static str],
        skip_env: &'static [(&'static str, &'static str)],
    },
}

/// A tool: the program names it goes by and how its command line reads.
pub struct Tool {
    pub names: &'static [&'static str],
    pub family: Family,
    /// Options that take the next word as their value (unless written `--opt=value`).
    pub value_options: &'static [&'static str],
    /// Options whose value names the target: `--context`, `--profile`, `--project`, `-chdir`.
    pub target_options: &'static [&'static str],
    pub confirm: Confirm,
}

/// What else an operation needs besides its path.
#[derive(Debug, Clone, Copy)]
pub enum Needs {
    Nothing,
    /// One of these options (`aws s3 rm` deletes many objects only with `--recursive`).
    AnyFlag(&'static [&'static str]),
    /// One of these words anywhere among the arguments (`rails db:drop` after other tasks).
    AnyWord(&'static [&'static str]),
    /// An option with this value (`--mode complete`, `--mode=complete`).
    FlagValue(&'static str, &'static str),
}

/// A destructive operation of a tool.
pub struct Operation {
    /// The tool's first name in [`TOOLS`].
    pub tool: &'static str,
    /// The subcommand path: each position lists the words accepted there (aliases included; `*`
    /// accepts any word). A word also matches by what precedes a `/` (`namespace/prod`) or any
    /// `,`-separated part.
    pub path: &'static [&'static [&'static str]],
    pub needs: Needs,
    /// What it destroys, for messages.
    pub destroys: &'static str,
    pub backups: Backups,
    /// When the operation confirms differently from its tool.
    pub confirm: Option<Confirm>,
}

/// Options that make any operation harmless: it only shows what it would do.
pub const HARMLESS_FLAGS: &[&str] = &[
    "--dry-run",
    "--dryrun",
    "--dry-run=client",
    "--dry-run=server",
    "--preview-only",
    "--help",
    "-help",
    "--what-if",
    "--plan",
];

const YES: &[&str] = &["--yes", "-y"];
const FORCE: &[&str] = &["--force", "-f"];

/// Every tool the catalogue knows.
pub const TOOLS: &[Tool] = &[
    Tool {
        names: &["terraform", "tofu"],
        family: Family::Iac,
        value_options: &[
            "-var",
            "-var-file",
            "-target",
            "-state",
            "-lock-timeout",
            "-parallelism",
        ],
        target_options: &["-chdir", "-var-file", "-state"],
        confirm: Confirm::Asks {
            skip_flags: &["-auto-approve", "--auto-approve"],
            skip_env: &[
                ("TF_CLI_ARGS", "-auto-approve"),
                ("TF_CLI_ARGS_destroy", "-auto-approve"),
                ("TF_CLI_ARGS_apply", "-auto-approve"),
            ],
        },
    },
    Tool {
        names: &["terragrunt"],
        family: Family::Iac,
        value_options: &[
            "--terragrunt-working-dir",
            "--working-dir",
            "-var",
            "-var-file",
            "-target",
            "--terragrunt-config",
            "--config",
        ],
        target_options: &["--terragrunt-working-dir", "--working-dir", "-var-file"],
        confirm: Confirm::Asks {
            skip_flags: &[
                "-auto-approve",
                "--auto-approve",
                "--terragrunt-non-interactive",
                "--non-interactive",
            ],
            skip_env: &[
                ("TF_CLI_ARGS", "-auto-approve"),
                ("TF_CLI_ARGS_destroy", "-auto-approve"),
                ("TERRAGRUNT_NON_INTERACTIVE", ""),
            ],
        },
    },
    Tool {
        names: &["pulumi"],
        family: Family::Iac,
        value_options: &[
            "-C",
            "--cwd",
            "-s",
            "--stack",
            "--target",
            "-t",
            "--exclude",
            "--config-file",
        ],
        target_options: &["-s", "--stack", "-C", "--cwd"],
        confirm: Confirm::Asks {
            skip_flags: &["--yes", "-y", "--skip-preview", "-f"],
            skip_env: &[
                ("PULUMI_SKIP_CONFIRMATIONS", "true"),
                ("PULUMI_SKIP_CONFIRMATIONS", "1"),
            ],
        },
    },
    Tool {
        names: &["cdk"],
        family: Family::Iac,
        value_options: &["--profile", "-a", "--app", "-c", "--context", "--role-arn"],
        target_options: &["--profile", "-c", "--context"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["serverless", "sls"],
        family: Family::Iac,
        value_options: &[
            "--stage",
            "-s",
            "--region",
            "-r",
            "--aws-profile",
            "--config",
            "-c",
        ],
        target_options: &["--stage", "-s", "--aws-profile"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["sam"],
        family: Family::Iac,
        value_options: &["--stack-name", "--region", "--profile", "--config-env"],
        target_options: &["--stack-name", "--profile", "--config-env"],
        confirm: Confirm::Asks {
            skip_flags: &["--no-prompts"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["eksctl"],
        family: Family::Aws,
        value_options: &[
            "--name",
            "-n",
            "--region",
            "-r",
            "--profile",
            "-f",
            "--config-file",
            "--cluster",
        ],
        target_options: &["--name", "-n", "--profile", "--cluster"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["kubectl", "oc"],
        family: Family::Kubernetes,
        value_options: &[
            "-n",
            "--namespace",
            "--context",
            "--cluster",
            "--kubeconfig",
            "--user",
            "-s",
            "--server",
            "--as",
            "--request-timeout",
            "-l",
            "--selector",
            "-f",
            "--filename",
            "-k",
            "--kustomize",
            "-o",
            "--output",
            "--grace-period",
            "--field-selector",
            "--timeout",
            "--cascade",
        ],
        target_options: &[
            "--context",
            "--cluster",
            "-n",
            "--namespace",
            "--kubeconfig",
        ],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["helm"],
        family: Family::Kubernetes,
        value_options: &[
            "-n",
            "--namespace",
            "--kube-context",
            "--kubeconfig",
            "--timeout",
        ],
        target_options: &["--kube-context", "-n", "--namespace", "--kubeconfig"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["helmfile"],
        family: Family::Kubernetes,
        value_options: &[
            "-e",
            "--environment",
            "-f",
            "--file",
            "-l",
            "--selector",
            "--kube-context",
            "-n",
            "--namespace",
        ],
        target_options: &["-e", "--environment", "--kube-context"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["aws"],
        family: Family::Aws,
        value_options: &[
            "--profile",
            "--region",
            "--output",
            "--endpoint-url",
            "--query",
            "--cli-input-json",
            "--cli-input-yaml",
            "--ca-bundle",
            "--color",
            "--cli-read-timeout",
            "--cli-connect-timeout",
        ],
        target_options: &["--profile"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["gcloud"],
        family: Family::Gcp,
        value_options: &[
            "--project",
            "--account",
            "--configuration",
            "--format",
            "--region",
            "--zone",
            "--impersonate-service-account",
            "--verbosity",
            "--filter",
            "--location",
            "--instance",
            "--database",
        ],
        target_options: &[
            "--project",
            "--configuration",
            "--impersonate-service-account",
        ],
        confirm: Confirm::AsksOnTerminal {
            skip_flags: &["--quiet", "-q"],
            skip_env: &[("CLOUDSDK_CORE_DISABLE_PROMPTS", "")],
        },
    },
    Tool {
        names: &["gsutil"],
        family: Family::Storage,
        value_options: &["-o", "-h", "-u"],
        target_options: &[],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["bq"],
        family: Family::Gcp,
        value_options: &["--project_id", "--location", "--dataset_id", "--format"],
        target_options: &["--project_id"],
        confirm: Confirm::Asks {
            skip_flags: &["-f", "--force"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["az"],
        family: Family::Azure,
        value_options: &[
            "--subscription",
            "-g",
            "--resource-group",
            "-n",
            "--name",
            "-o",
            "--output",
            "--query",
            "--account-name",
            "--server",
            "-s",
            "--vault-name",
            "--location",
            "-l",
            "--container-name",
            "-c",
            "--source",
            "--ids",
        ],
        target_options: &["--subscription", "-g", "--resource-group", "-n", "--name"],
        confirm: Confirm::Asks {
            skip_flags: YES,
            skip_env: &[],
        },
    },
    Tool {
        names: &["railway"],
        family: Family::Paas,
        value_options: &[
            "-e",
            "--environment",
            "-s",
            "--service",
            "-p",
            "--project",
            "-v",
            "--volume",
        ],
        target_options: &["-e", "--environment"],
        confirm: Confirm::Asks {
            skip_flags: YES,
            skip_env: &[],
        },
    },
    Tool {
        names: &["fly", "flyctl"],
        family: Family::Paas,
        value_options: &[
            "-a", "--app", "-c", "--config", "-o", "--org", "-r", "--region",
        ],
        target_options: &["-a", "--app"],
        confirm: Confirm::Asks {
            skip_flags: YES,
            skip_env: &[],
        },
    },
    Tool {
        names: &["heroku"],
        family: Family::Paas,
        value_options: &["-a", "--app", "-r", "--remote", "-c", "--confirm"],
        target_options: &["-a", "--app", "-r", "--remote", "--confirm", "-c"],
        confirm: Confirm::Asks {
            skip_flags: &["--confirm", "-c"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["vercel"],
        family: Family::Paas,
        value_options: &["--scope", "-S", "--token", "-t", "--cwd"],
        target_options: &["--scope"],
        confirm: Confirm::Asks {
            skip_flags: YES,
            skip_env: &[],
        },
    },
    Tool {
        names: &["netlify"],
        family: Family::Paas,
        value_options: &["--site", "--auth"],
        target_options: &["--site"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["supabase"],
        family: Family::Paas,
        value_options: &["--project-ref", "--db-url", "--workdir"],
        target_options: &["--project-ref", "--db-url"],
        confirm: Confirm::Asks {
            skip_flags: YES,
            skip_env: &[],
        },
    },
    Tool {
        names: &["neonctl", "neon"],
        family: Family::Paas,
        value_options: &["--project-id", "--org-id", "--api-key", "-o", "--output"],
        target_options: &["--project-id"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["pscale"],
        family: Family::Paas,
        value_options: &["--org", "--service-token", "--service-token-id"],
        target_options: &["--org"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["turso"],
        family: Family::Paas,
        value_options: &["--group", "--location"],
        target_options: &[],
        confirm: Confirm::Asks {
            skip_flags: YES,
            skip_env: &[],
        },
    },
    Tool {
        names: &["wrangler"],
        family: Family::Paas,
        value_options: &[
            "--env",
            "-e",
            "--config",
            "-c",
            "--name",
            "--command",
            "--file",
        ],
        target_options: &["--env", "-e"],
        confirm: Confirm::AsksOnTerminal {
            skip_flags: &["-y", "--yes", "--skip-confirmation"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["doctl"],
        family: Family::Paas,
        value_options: &[
            "--context",
            "-t",
            "--access-token",
            "-o",
            "--output",
            "--format",
        ],
        target_options: &["--context"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["firebase"],
        family: Family::Paas,
        value_options: &["--project", "-P", "--database", "--instance"],
        target_options: &["--project", "-P"],
        confirm: Confirm::Asks {
            skip_flags: &["--force", "-f", "--non-interactive"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["gh"],
        family: Family::Http,
        value_options: &[
            "-R",
            "--repo",
            "-H",
            "--header",
            "-f",
            "--raw-field",
            "-F",
            "--field",
            "--jq",
            "-q",
            "--hostname",
        ],
        target_options: &["-R", "--repo"],
        confirm: Confirm::Asks {
            skip_flags: &["--yes"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["docker", "podman"],
        family: Family::Container,
        value_options: &[
            "-H",
            "--host",
            "-c",
            "--context",
            "--config",
            "-f",
            "--file",
            "-p",
            "--project-name",
            "--profile",
            "--env-file",
            "--project-directory",
            "-l",
            "--log-level",
        ],
        target_options: &[
            "-c",
            "--context",
            "-H",
            "--host",
            "-f",
            "--file",
            "-p",
            "--project-name",
            "--env-file",
        ],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["docker-compose"],
        family: Family::Container,
        value_options: &[
            "-f",
            "--file",
            "-p",
            "--project-name",
            "--profile",
            "--env-file",
            "--project-directory",
        ],
        target_options: &["-f", "--file", "-p", "--project-name", "--env-file"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["prisma"],
        family: Family::Orm,
        value_options: &["--schema"],
        target_options: &["--schema"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["rails", "rake", "bin/rails"],
        family: Family::Orm,
        value_options: &["-e", "--environment"],
        target_options: &["-e", "--environment"],
        // Rails refuses destructive database tasks against a production database unless told not
        // to: that check is its confirmation.
        confirm: Confirm::Asks {
            skip_flags: &[],
            skip_env: &[("DISABLE_DATABASE_ENVIRONMENT_CHECK", "")],
        },
    },
    Tool {
        names: &["django-admin"],
        family: Family::Orm,
        value_options: &["--settings", "--database", "--pythonpath"],
        target_options: &["--settings", "--database"],
        confirm: Confirm::Asks {
            skip_flags: &["--noinput", "--no-input"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["python", "python3"],
        family: Family::Orm,
        value_options: &["--settings", "--database"],
        target_options: &["--settings", "--database"],
        confirm: Confirm::Asks {
            skip_flags: &["--noinput", "--no-input"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["alembic"],
        family: Family::Orm,
        value_options: &["-c", "--config", "-n", "--name", "-x"],
        target_options: &["-n", "--name", "-x"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["knex"],
        family: Family::Orm,
        value_options: &["--env", "--knexfile", "--cwd"],
        target_options: &["--env"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["sequelize", "sequelize-cli"],
        family: Family::Orm,
        value_options: &["--env", "--config", "--url"],
        target_options: &["--env", "--url"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["typeorm", "typeorm-ts-node-commonjs", "typeorm-ts-node-esm"],
        family: Family::Orm,
        value_options: &["-d", "--dataSource"],
        target_options: &["-d", "--dataSource"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["mix"],
        family: Family::Orm,
        value_options: &["-r", "--repo"],
        target_options: &[],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["php"],
        family: Family::Orm,
        value_options: &["--env", "--database"],
        target_options: &["--env", "--database"],
        confirm: Confirm::Asks {
            skip_flags: &["--force"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["flyway"],
        family: Family::Orm,
        value_options: &["-url", "-user", "-password", "-environment", "-configFiles"],
        target_options: &["-url", "-environment"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["liquibase"],
        family: Family::Orm,
        value_options: &["--url", "--username", "--password", "--changelog-file"],
        target_options: &["--url"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["dotnet-ef"],
        family: Family::Orm,
        value_options: &[
            "--project",
            "-p",
            "--startup-project",
            "-s",
            "--context",
            "-c",
            "--connection",
        ],
        target_options: &["--connection", "--context"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["pg_restore"],
        family: Family::Database,
        value_options: &[
            "-h",
            "--host",
            "-p",
            "--port",
            "-U",
            "--username",
            "-d",
            "--dbname",
            "-f",
            "--file",
            "-j",
            "--jobs",
            "-n",
            "--schema",
            "-t",
            "--table",
            "-F",
            "--format",
        ],
        target_options: &["-h", "--host", "-d", "--dbname"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["mongorestore", "mongoimport"],
        family: Family::Database,
        value_options: &[
            "--uri",
            "-h",
            "--host",
            "-d",
            "--db",
            "-c",
            "--collection",
            "--archive",
            "--file",
            "-u",
            "--username",
            "-p",
            "--password",
            "--nsInclude",
        ],
        target_options: &["--uri", "-h", "--host"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["mvn", "mvnw"],
        family: Family::Orm,
        value_options: &["-f", "--file", "-P", "-pl", "-s"],
        target_options: &["-P"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["gradle", "gradlew"],
        family: Family::Orm,
        value_options: &["-p", "--project-dir", "-b", "--build-file"],
        target_options: &[],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["dropdb"],
        family: Family::Database,
        value_options: &[
            "-h",
            "--host",
            "-p",
            "--port",
            "-U",
            "--username",
            "--maintenance-db",
        ],
        target_options: &["-h", "--host"],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["mysqladmin"],
        family: Family::Database,
        value_options: &[
            "-h", "--host", "-u", "--user", "-P", "--port", "-S", "--socket",
        ],
        target_options: &["-h", "--host"],
        confirm: Confirm::Asks {
            skip_flags: FORCE,
            skip_env: &[],
        },
    },
    Tool {
        names: &["rclone"],
        family: Family::Storage,
        value_options: &[
            "--min-size",
            "--max-size",
            "--max-depth",
            "--bwlimit",
            "--config",
            "--include",
            "--exclude",
            "--filter",
            "--min-age",
            "--max-age",
            "--transfers",
            "--checkers",
            "--backup-dir",
            "--log-file",
        ],
        target_options: &[],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["mc"],
        family: Family::Storage,
        value_options: &["--config-dir", "-C", "--older-than", "--newer-than"],
        target_options: &[],
        confirm: Confirm::Asks {
            skip_flags: &["--force"],
            skip_env: &[],
        },
    },
    Tool {
        names: &["azcopy"],
        family: Family::Storage,
        value_options: &[
            "--include-pattern",
            "--exclude-pattern",
            "--log-level",
            "--from-to",
        ],
        target_options: &[],
        confirm: Confirm::Never,
    },
    Tool {
        names: &["s5cmd"],
        family: Family::Storage,
        value_options: &["--endpoint-url", "--profile", "--numworkers"],
        target_options: &["--profile"],
        confirm: Confirm::Never,
    },
];

/// Every operation the catalogue knows, beyond the cloud CLIs' generic verbs ([`CLOUD_VERBS`]) and
/// the content-read tools (SQL clients, Redis, MongoDB, HTTP), which have their own modules.
pub const OPERATIONS: &[Operation] = &[
    // --- infrastructure as code ---
    Operation { tool: "terraform", path: &[&["destroy"]], needs: Needs::AnyFlag(&["-target"]), destroys: "destroys the targeted resources and everything that depends on them", backups: Backups::Unknown, confirm: None },
    Operation { tool: "terraform", path: &[&["destroy"]], needs: Needs::Nothing, destroys: "destroys every resource of the configuration", backups: Backups::Unknown, confirm: None },
    Operation { tool: "terraform", path: &[&["apply"]], needs: Needs::AnyFlag(&["-destroy", "--destroy"]), destroys: "destroys every resource of the configuration", backups: Backups::Unknown, confirm: None },
    // Not destruction itself, but whatever the plan deletes goes without review: rules weigh it
    // lower (see `Destructive::applies_plan`).
    Operation { tool: "terraform", path: &[&["apply"]], needs: Needs::AnyFlag(&["-auto-approve", "--auto-approve"]), destroys: "applies whatever the plan holds, deletions included, without review", backups: Backups::Unknown, confirm: None },
    Operation { tool: "terraform", path: &[&["workspace"], &["delete"]], needs: Needs::AnyFlag(&["-force"]), destroys: "deletes a workspace whose state still tracks resources", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    Operation { tool: "terragrunt", path: &[&["destroy"]], needs: Needs::Nothing, destroys: "destroys every resource of the configuration", backups: Backups::Unknown, confirm: None },
    Operation { tool: "terragrunt", path: &[&["destroy-all"]], needs: Needs::Nothing, destroys: "destroys every resource of every module below", backups: Backups::Unknown, confirm: None },
    Operation { tool: "terragrunt", path: &[&["run-all", "run"], &["destroy"]], needs: Needs::Nothing, destroys: "destroys every resource of every module below", backups: Backups::Unknown, confirm: None },
    Operation { tool: "terragrunt", path: &[&["apply"]], needs: Needs::AnyFlag(&["-destroy"]), destroys: "destroys every resource of the configuration", backups: Backups::Unknown, confirm: None },
    Operation { tool: "pulumi", path: &[&["destroy", "down", "dn"]], needs: Needs::Nothing, destroys: "destroys every resource of the stack", backups: Backups::Unknown, confirm: None },
    Operation { tool: "pulumi", path: &[&["stack"], &["rm"]], needs: Needs::Nothing, destroys: "removes a stack, its configuration and its history", backups: Backups::Unknown, confirm: None },
    Operation { tool: "cdk", path: &[&["destroy"]], needs: Needs::Nothing, destroys: "deletes the CloudFormation stacks of the app", backups: Backups::Unknown, confirm: None },
    Operation { tool: "serverless", path: &[&["remove"]], needs: Needs::Nothing, destroys: "deletes the service's stack and its resources", backups: Backups::Unknown, confirm: None },
    Operation { tool: "sam", path: &[&["delete"]], needs: Needs::Nothing, destroys: "deletes the application's stack and its resources", backups: Backups::Unknown, confirm: None },
    // --- Kubernetes ---
    Operation {
        tool: "kubectl",
        path: &[&["delete"], &[
            "namespace", "namespaces", "ns", "pvc", "pvcs", "persistentvolumeclaim", "persistentvolumeclaims",
            "pv", "pvs", "persistentvolume", "persistentvolumes", "statefulset", "statefulsets", "sts",
            "deployment", "deployments", "deploy", "daemonset", "daemonsets", "ds", "service",
            "services", "svc", "secret", "secrets", "cronjob", "cronjobs", "cj", "all", "ingress",
            "ingresses", "ing", "cluster", "database", "databases", "crd", "crds",
            "customresourcedefinition", "customresourcedefinitions", "replicaset", "replicasets", "rs",
        ]],
        needs: Needs::Nothing,
        destroys: "deletes Kubernetes workloads or storage; dynamically provisioned disks go with their claims",
        backups: Backups::Unknown,
        confirm: None,
    },
    Operation { tool: "kubectl", path: &[&["delete"]], needs: Needs::AnyFlag(&["-f", "--filename", "-k", "--kustomize", "--all", "--all-namespaces", "-A"]), destroys: "deletes every object the manifests or the selection name", backups: Backups::Unknown, confirm: None },
    Operation { tool: "helm", path: &[&["uninstall", "un", "delete", "del"]], needs: Needs::Nothing, destroys: "removes a release and every resource it created", backups: Backups::Unknown, confirm: None },
    Operation { tool: "helmfile", path: &[&["destroy", "delete"]], needs: Needs::Nothing, destroys: "removes every release of the helmfile", backups: Backups::Unknown, confirm: None },
    // --- AWS specifics (the generic verbs are in CLOUD_VERBS) ---
    Operation { tool: "aws", path: &[&["rds", "docdb", "neptune"], &["delete-db-instance", "delete-db-cluster"]], needs: Needs::AnyFlag(&["--skip-final-snapshot"]), destroys: "deletes a database without a final snapshot; automated backups go with it unless retained", backups: Backups::GoWith, confirm: None },
    Operation { tool: "aws", path: &[&["rds", "docdb", "neptune"], &["delete-db-instance", "delete-db-cluster"]], needs: Needs::AnyFlag(&["--final-db-snapshot-identifier"]), destroys: "deletes a database, keeping a final snapshot", backups: Backups::FinalSnapshot, confirm: None },
    Operation { tool: "aws", path: &[&["rds", "docdb", "neptune"], &["delete-db-instance", "delete-db-cluster"]], needs: Needs::Nothing, destroys: "deletes a database; automated backups go with it unless retained", backups: Backups::Unknown, confirm: None },
    Operation { tool: "aws", path: &[&["s3"], &["rb"]], needs: Needs::Nothing, destroys: "deletes a bucket (with `--force`, every object in it first)", backups: Backups::Unknown, confirm: None },
    Operation { tool: "aws", path: &[&["s3"], &["rm"]], needs: Needs::AnyFlag(&["--recursive"]), destroys: "deletes every matching object", backups: Backups::Unknown, confirm: None },
    Operation { tool: "aws", path: &[&["s3"], &["sync"]], needs: Needs::AnyFlag(&["--delete"]), destroys: "deletes objects at the destination that the source lacks", backups: Backups::Unknown, confirm: None },
    // --- Google Cloud specifics ---
    Operation { tool: "gcloud", path: &[&["storage"], &["rm"]], needs: Needs::Nothing, destroys: "deletes bucket contents", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    Operation { tool: "gsutil", path: &[&["rm"]], needs: Needs::AnyFlag(&["-r", "-R", "-a"]), destroys: "deletes bucket contents", backups: Backups::Unknown, confirm: None },
    Operation { tool: "gsutil", path: &[&["rb"]], needs: Needs::Nothing, destroys: "deletes a bucket", backups: Backups::Unknown, confirm: None },
    Operation { tool: "gsutil", path: &[&["rsync"]], needs: Needs::AnyFlag(&["-d"]), destroys: "deletes objects at the destination that the source lacks", backups: Backups::Unknown, confirm: None },
    Operation { tool: "bq", path: &[&["rm"]], needs: Needs::Nothing, destroys: "deletes a BigQuery dataset or table", backups: Backups::Unknown, confirm: None },
    Operation { tool: "eksctl", path: &[&["delete"], &["cluster", "nodegroup", "ng", "fargateprofile", "addon"]], needs: Needs::Nothing, destroys: "deletes an EKS cluster or its nodes", backups: Backups::Unknown, confirm: None },
    Operation { tool: "az", path: &[&["deployment"], &["group", "sub", "mg", "tenant"], &["create"]], needs: Needs::FlagValue("--mode", "complete"), destroys: "deletes every resource of the group that the template does not name", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    // --- PaaS ---
    Operation { tool: "railway", path: &[&["project", "projects"], &["delete", "rm", "remove"]], needs: Needs::Nothing, destroys: "deletes a Railway project and all its data", backups: Backups::GoWith, confirm: None },
    Operation { tool: "railway", path: &[&["service", "services"], &["delete", "rm", "remove"]], needs: Needs::Nothing, destroys: "deletes a Railway service and its data", backups: Backups::GoWith, confirm: None },
    Operation { tool: "railway", path: &[&["down"]], needs: Needs::Nothing, destroys: "removes the latest deployment of a service", backups: Backups::Unknown, confirm: None },
    Operation { tool: "railway", path: &[&["delete", "remove"]], needs: Needs::Nothing, destroys: "deletes a Railway project and all its data", backups: Backups::GoWith, confirm: None },
    Operation { tool: "railway", path: &[&["volume", "volumes"], &["delete", "rm", "remove"]], needs: Needs::Nothing, destroys: "deletes a Railway volume and the backups stored inside it", backups: Backups::GoWith, confirm: None },
    Operation { tool: "railway", path: &[&["environment", "env"], &["delete", "rm", "remove"]], needs: Needs::Nothing, destroys: "deletes a Railway environment and its services", backups: Backups::GoWith, confirm: None },
    Operation { tool: "fly", path: &[&["volumes", "volume", "vol"], &["destroy", "delete", "rm"]], needs: Needs::Nothing, destroys: "destroys a Fly volume", backups: Backups::Unknown, confirm: None },
    Operation { tool: "fly", path: &[&["apps", "app"], &["destroy", "delete", "remove"]], needs: Needs::Nothing, destroys: "destroys a Fly app, its volumes included", backups: Backups::GoWith, confirm: None },
    Operation { tool: "fly", path: &[&["destroy"]], needs: Needs::Nothing, destroys: "destroys a Fly app, its volumes included", backups: Backups::GoWith, confirm: None },
    Operation { tool: "fly", path: &[&["postgres", "pg", "mpg", "mysql", "redis", "consul", "tigris", "storage", "litefs", "extensions", "ext", "planetscale", "supabase", "upstash", "kafka", "mpg"], &["destroy", "delete"]], needs: Needs::Nothing, destroys: "destroys a Fly resource (a database, a volume, an app)", backups: Backups::GoWith, confirm: None },
    Operation { tool: "heroku", path: &[&["apps:destroy", "destroy", "addons:destroy", "addons:remove"]], needs: Needs::Nothing, destroys: "destroys a Heroku app or add-on, databases included", backups: Backups::GoWith, confirm: None },
    Operation { tool: "heroku", path: &[&["pg:reset"]], needs: Needs::Nothing, destroys: "wipes a Heroku Postgres database", backups: Backups::Survive, confirm: None },
    Operation { tool: "heroku", path: &[&["pg:backups:delete", "pg:backups:destroy"]], needs: Needs::Nothing, destroys: "deletes a Heroku Postgres backup", backups: Backups::AreTheTarget, confirm: None },
    Operation { tool: "heroku", path: &[&["pg:backups:restore", "pg:copy", "pg:push"]], needs: Needs::Nothing, destroys: "overwrites a Heroku Postgres database with other data", backups: Backups::Survive, confirm: None },
    Operation { tool: "heroku", path: &[&["pg:backups"], &["delete", "destroy"]], needs: Needs::Nothing, destroys: "deletes a Heroku Postgres backup", backups: Backups::AreTheTarget, confirm: None },
    Operation { tool: "vercel", path: &[&["remove", "rm"]], needs: Needs::Nothing, destroys: "removes deployments or a whole project", backups: Backups::Unknown, confirm: None },
    Operation { tool: "vercel", path: &[&["project", "projects"], &["rm", "remove"]], needs: Needs::Nothing, destroys: "deletes a Vercel project", backups: Backups::Unknown, confirm: None },
    Operation { tool: "netlify", path: &[&["sites:delete"]], needs: Needs::Nothing, destroys: "deletes a Netlify site", backups: Backups::Unknown, confirm: None },
    Operation { tool: "supabase", path: &[&["db"], &["reset"]], needs: Needs::AnyFlag(&["--linked", "--db-url"]), destroys: "resets a remote Supabase database, dropping its data", backups: Backups::Unknown, confirm: None },
    Operation { tool: "supabase", path: &[&["db"], &["reset"]], needs: Needs::Nothing, destroys: "resets the local Supabase database, dropping its data", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    Operation { tool: "supabase", path: &[&["projects"], &["delete"]], needs: Needs::Nothing, destroys: "deletes a Supabase project and its database", backups: Backups::GoWith, confirm: None },
    Operation { tool: "neonctl", path: &[&["projects", "project"], &["delete"]], needs: Needs::Nothing, destroys: "deletes a Neon project, its branches and their history", backups: Backups::GoWith, confirm: None },
    Operation { tool: "neonctl", path: &[&["branches", "branch"], &["delete", "reset"]], needs: Needs::Nothing, destroys: "deletes or resets a Neon branch", backups: Backups::GoWith, confirm: None },
    Operation { tool: "neonctl", path: &[&["databases", "database", "db"], &["delete"]], needs: Needs::Nothing, destroys: "deletes a Neon database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "pscale", path: &[&["database", "db", "branch"], &["delete"]], needs: Needs::Nothing, destroys: "deletes a PlanetScale database or branch", backups: Backups::GoWith, confirm: None },
    Operation { tool: "turso", path: &[&["db", "database", "group"], &["destroy", "delete"]], needs: Needs::Nothing, destroys: "destroys a Turso database", backups: Backups::GoWith, confirm: None },
    Operation { tool: "wrangler", path: &[&["d1"], &["delete"]], needs: Needs::Nothing, destroys: "deletes a D1 database", backups: Backups::GoWith, confirm: None },
    Operation { tool: "wrangler", path: &[&["r2"], &["bucket"], &["delete"]], needs: Needs::Nothing, destroys: "deletes an R2 bucket", backups: Backups::Unknown, confirm: None },
    Operation { tool: "wrangler", path: &[&["r2"], &["object"], &["delete"]], needs: Needs::Nothing, destroys: "deletes an R2 object", backups: Backups::Unknown, confirm: None },
    Operation { tool: "wrangler", path: &[&["kv", "kv:namespace"], &["namespace", "delete"]], needs: Needs::Nothing, destroys: "deletes a KV namespace", backups: Backups::Unknown, confirm: None },
    Operation { tool: "wrangler", path: &[&["delete"]], needs: Needs::Nothing, destroys: "deletes a Worker", backups: Backups::Unknown, confirm: None },
    Operation { tool: "doctl", path: &[&["databases", "database", "db"], &["delete", "rm", "d"]], needs: Needs::Nothing, destroys: "deletes a managed database cluster and its backups", backups: Backups::GoWith, confirm: None },
    Operation { tool: "doctl", path: &[&["databases", "database"], &["db"], &["delete", "rm"]], needs: Needs::Nothing, destroys: "deletes a database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "doctl", path: &[&["compute"], &["volume", "droplet", "snapshot", "image"], &["delete", "rm", "d"]], needs: Needs::Nothing, destroys: "deletes DigitalOcean compute storage", backups: Backups::Unknown, confirm: None },
    Operation { tool: "doctl", path: &[&["kubernetes", "k8s"], &["cluster", "c"], &["delete", "rm", "d"]], needs: Needs::Nothing, destroys: "deletes a Kubernetes cluster", backups: Backups::Unknown, confirm: None },
    Operation { tool: "firebase", path: &[&["firestore:delete"]], needs: Needs::AnyFlag(&["--all-collections", "-r", "--recursive"]), destroys: "deletes Firestore collections", backups: Backups::Unknown, confirm: None },
    Operation { tool: "firebase", path: &[&["database:remove"]], needs: Needs::Nothing, destroys: "deletes Realtime Database data", backups: Backups::Unknown, confirm: None },
    Operation { tool: "firebase", path: &[&["firestore:databases:delete"]], needs: Needs::Nothing, destroys: "deletes a Firestore database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "gh", path: &[&["repo"], &["delete"]], needs: Needs::Nothing, destroys: "deletes a GitHub repository", backups: Backups::GoWith, confirm: None },
    // --- containers ---
    Operation { tool: "docker", path: &[&["compose"], &["down"]], needs: Needs::AnyFlag(&["-v", "--volumes"]), destroys: "removes the project's named volumes with their data", backups: Backups::Unknown, confirm: None },
    Operation { tool: "docker-compose", path: &[&["down"]], needs: Needs::AnyFlag(&["-v", "--volumes"]), destroys: "removes the project's named volumes with their data", backups: Backups::Unknown, confirm: None },
    Operation { tool: "docker", path: &[&["volume"], &["rm", "remove", "prune"]], needs: Needs::Nothing, destroys: "removes Docker volumes with their data", backups: Backups::Unknown, confirm: None },
    Operation { tool: "docker", path: &[&["system"], &["prune"]], needs: Needs::AnyFlag(&["--volumes"]), destroys: "removes unused volumes with their data", backups: Backups::Unknown, confirm: None },
    Operation { tool: "docker", path: &[&["system"], &["reset"]], needs: Needs::Nothing, destroys: "removes every container, image and volume", backups: Backups::Unknown, confirm: None },
    // --- ORMs and migration tools ---
    Operation { tool: "prisma", path: &[&["migrate"], &["reset"]], needs: Needs::Nothing, destroys: "drops the database and re-creates it from migrations", backups: Backups::Unknown, confirm: None },
    Operation { tool: "prisma", path: &[&["db"], &["push"]], needs: Needs::AnyFlag(&["--force-reset", "--accept-data-loss"]), destroys: "drops or rewrites tables, losing data", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    Operation { tool: "rails", path: &[], needs: Needs::AnyWord(&["db:drop", "db:drop:all", "db:reset", "db:purge", "db:purge:all", "db:schema:load", "db:structure:load", "db:migrate:reset", "db:truncate_all", "db:seed:replant"]), destroys: "drops or reloads the database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "django-admin", path: &[&["flush", "reset_db"]], needs: Needs::Nothing, destroys: "deletes every row of the database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "python", path: &[&["manage.py"], &["flush", "reset_db"]], needs: Needs::Nothing, destroys: "deletes every row of the database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "alembic", path: &[&["downgrade"], &["base"]], needs: Needs::Nothing, destroys: "reverts every migration, dropping the tables they made", backups: Backups::Unknown, confirm: None },
    Operation { tool: "knex", path: &[&["migrate:rollback"]], needs: Needs::AnyFlag(&["--all"]), destroys: "reverts every migration, dropping the tables they made", backups: Backups::Unknown, confirm: None },
    Operation { tool: "sequelize", path: &[&["db:drop", "db:migrate:undo:all", "db:seed:undo:all"]], needs: Needs::Nothing, destroys: "drops the database, or reverts every migration or seed", backups: Backups::Unknown, confirm: None },
    Operation { tool: "typeorm", path: &[&["schema:drop"]], needs: Needs::Nothing, destroys: "drops every table of the schema", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mix", path: &[&["ecto.drop", "ecto.reset"]], needs: Needs::Nothing, destroys: "drops the database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mix", path: &[&["ecto.rollback"]], needs: Needs::AnyFlag(&["--all"]), destroys: "reverts every migration", backups: Backups::Unknown, confirm: None },
    Operation { tool: "php", path: &[&["artisan"], &["migrate:fresh", "migrate:reset", "migrate:refresh", "db:wipe"]], needs: Needs::Nothing, destroys: "drops every table", backups: Backups::Unknown, confirm: None },
    Operation { tool: "flyway", path: &[], needs: Needs::AnyWord(&["clean"]), destroys: "drops every object of the configured schemas", backups: Backups::Unknown, confirm: None },
    Operation { tool: "liquibase", path: &[], needs: Needs::AnyWord(&["drop-all", "dropAll"]), destroys: "drops every database object", backups: Backups::Unknown, confirm: None },
    Operation { tool: "dotnet-ef", path: &[&["database"], &["drop"]], needs: Needs::Nothing, destroys: "drops the database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mvn", path: &[], needs: Needs::AnyWord(&["flyway:clean", "liquibase:dropAll"]), destroys: "drops every object of the configured schemas", backups: Backups::Unknown, confirm: None },
    Operation { tool: "gradle", path: &[], needs: Needs::AnyWord(&["flywayClean", "dropAll"]), destroys: "drops every object of the configured schemas", backups: Backups::Unknown, confirm: None },
    // --- database tools ---
    Operation { tool: "pg_restore", path: &[], needs: Needs::AnyFlag(&["-c", "--clean"]), destroys: "drops the database objects it restores before re-creating them", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mongorestore", path: &[], needs: Needs::AnyFlag(&["--drop"]), destroys: "drops each collection before restoring it", backups: Backups::Unknown, confirm: None },
    Operation { tool: "dropdb", path: &[], needs: Needs::Nothing, destroys: "drops a PostgreSQL database", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mysqladmin", path: &[&["drop"]], needs: Needs::Nothing, destroys: "drops a MySQL database", backups: Backups::Unknown, confirm: None },
    // --- storage tools ---
    Operation { tool: "rclone", path: &[&["purge", "delete", "deletefile", "cleanup"]], needs: Needs::Nothing, destroys: "deletes remote files", backups: Backups::Unknown, confirm: None },
    Operation { tool: "rclone", path: &[&["sync"]], needs: Needs::Nothing, destroys: "deletes files at the destination that the source lacks", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mc", path: &[&["rb"]], needs: Needs::Nothing, destroys: "deletes a bucket (with `--force`, its objects first)", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    Operation { tool: "mc", path: &[&["rm"]], needs: Needs::AnyFlag(&["--recursive", "-r"]), destroys: "deletes objects recursively", backups: Backups::Unknown, confirm: None },
    Operation { tool: "mc", path: &[&["mirror"]], needs: Needs::AnyFlag(&["--remove"]), destroys: "deletes objects at the destination that the source lacks", backups: Backups::Unknown, confirm: Some(Confirm::Never) },
    Operation { tool: "azcopy", path: &[&["remove", "rm"]], needs: Needs::AnyFlag(&["--recursive"]), destroys: "deletes blobs or files recursively", backups: Backups::Unknown, confirm: None },
    Operation { tool: "azcopy", path: &[&["sync"]], needs: Needs::FlagValue("--delete-destination", "true"), destroys: "deletes files at the destination that the source lacks", backups: Backups::Unknown, confirm: None },
    Operation { tool: "s5cmd", path: &[&["rm", "rb"]], needs: Needs::Nothing, destroys: "deletes objects or a bucket", backups: Backups::Unknown, confirm: None },
    Operation { tool: "s5cmd", path: &[&["sync"]], needs: Needs::AnyFlag(&["--delete"]), destroys: "deletes objects at the destination that the source lacks", backups: Backups::Unknown, confirm: None },
];

/// The cloud CLIs' verbs: an operation named `delete-*` (AWS) or a `delete` / `purge` command
/// (Google Cloud, Azure) destroys what it names, unless the name says it only changes settings.
pub struct CloudVerbs {
    pub tool: &'static str,
    /// Where the verb sits: AWS's operation is the second word; gcloud's and az's verb ends the
    /// command group path, within its first words.
    pub position: VerbPosition,
    /// Verbs, or verb prefixes ending in `-`.
    pub verbs: &'static [&'static str],
    /// Top-level command groups that only change settings or the local CLI (`gcloud config`,
    /// `az account`).
    pub top_groups: &'static [&'static str],
    /// Words in the operation (AWS: contained in it) or in the command group path (whole words)
    /// that make it a settings change, not destruction.
    pub settings: &'static [&'static str],
    pub destroys: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub enum VerbPosition {
    /// The operation is the n-th positional word.
    At(usize),
    /// The verb is one of the first n positional words.
    Within(usize),
}

pub const CLOUD_VERBS: &[CloudVerbs] = &[
    CloudVerbs {
        tool: "aws",
        position: VerbPosition::At(1),
        verbs: &[
            "delete-",
            "terminate-",
            "remove-",
            "purge-",
            "schedule-key-deletion",
            "drop-",
        ],
        top_groups: &[],
        settings: &[
            "tag",
            "policy",
            "alarm",
            "notification",
            "lifecycle",
            "cors",
            "website",
            "encryption",
            "metrics",
            "analytics",
            "inventory",
            "ownership",
            "accelerate",
            "logging",
            "message",
            "permission",
            "subscription",
            "alias",
            "public-access-block",
            "intelligent-tiering",
            "access-key",
            "login-profile",
            "ssh-public-key",
            "rule",
            "dashboard",
            "member",
            "from-",
            "attribute",
            "association",
            "role-from",
            "user-from",
            "targets",
        ],
        destroys: "deletes AWS resources or data",
    },
    CloudVerbs {
        tool: "gcloud",
        position: VerbPosition::Within(5),
        verbs: &["delete", "purge"],
        top_groups: &["config", "auth", "components"],
        settings: &[
            "keys",
            "iam-policy",
            "labels",
            "bindings",
            "tags",
            "operations",
        ],
        destroys: "deletes Google Cloud resources or data",
    },
    CloudVerbs {
        tool: "az",
        position: VerbPosition::Within(5),
        verbs: &["delete", "purge", "delete-batch"],
        top_groups: &[
            "config",
            "extension",
            "account",
            "role",
            "lock",
            "tag",
            "feature",
            "cache",
            "policy",
            "ad",
        ],
        settings: &[
            "rule",
            "firewall-rule",
            "network-rule",
            "alert",
            "diagnostic-settings",
            "lock",
            "role-assignment",
        ],
        destroys: "deletes Azure resources or data",
    },
];

/// Directories `rm -rf` must never reach: home, the working directory, the filesystem root and
/// database and volume data directories.
pub const DANGEROUS_RM_TARGETS: &[&str] = &[
    "", "/*", "~", "~/", "$HOME", "${HOME}", ".", "..", "*", "./*", "$PWD", "${PWD}",
];

/// Path segments that name a database's data: `rm -rf` of a path holding one loses the database
/// (`/var/lib/pgsql/12/data`, `~/postgres/data`).
pub const DATA_DIRECTORY_WORDS: &[&str] = &[
    "postgres",
    "postgresql",
    "pgsql",
    "pgdata",
    "mysql",
    "mariadb",
    "mongodb",
    "mongo",
    "redis",
    "elasticsearch",
    "clickhouse",
    "cassandra",
    "etcd",
];

/// Prefixes of directories whose deletion loses database data.
pub const DATA_DIRECTORIES: &[&str] = &[
    "/var/lib/pgsql",
    "/var/lib/postgresql",
    "/var/lib/mysql",
    "/var/lib/mongodb",
    "/data/db",
    "/var/lib/docker/volumes",
    "/var/lib/redis",
];

/// Tools whose arguments carry SQL, with the options that introduce it and whether a positional
/// word after the database can be SQL (`sqlite3 app.db 'DROP TABLE x'`).
pub struct SqlClient {
    pub names: &'static [&'static str],
    pub sql_options: &'static [&'static str],
    /// Options that take a value (so their value is not SQL).
    pub value_options: &'static [&'static str],
    pub target_options: &'static [&'static str],
    /// The positional word (0-based) that holds SQL, if any.
    pub sql_positional: Option<usize>,
    /// The subcommand that must come first for any of this to apply (`bq query`, `wrangler d1`).
    pub subcommand: Option<&'static str>,
}

pub const SQL_CLIENTS: &[SqlClient] = &[
    SqlClient {
        names: &["psql"],
        sql_options: &["-c", "--command"],
        value_options: &[
            "-h",
            "--host",
            "-p",
            "--port",
            "-U",
            "--username",
            "-d",
            "--dbname",
            "-f",
            "--file",
            "-v",
            "--set",
            "--variable",
            "-o",
            "--output",
            "-P",
            "--pset",
            "-F",
            "-R",
            "-L",
        ],
        target_options: &["-h", "--host", "-d", "--dbname"],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["mysql", "mariadb"],
        sql_options: &["-e", "--execute"],
        value_options: &[
            "-h",
            "--host",
            "-u",
            "--user",
            "-P",
            "--port",
            "-D",
            "--database",
            "-S",
            "--socket",
            "--default-character-set",
            "--defaults-file",
        ],
        target_options: &["-h", "--host", "-D", "--database"],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["sqlcmd"],
        sql_options: &["-Q", "-q", "--query"],
        value_options: &["-S", "-U", "-P", "-d", "-i", "-o", "-v"],
        target_options: &["-S", "-d"],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["cockroach"],
        sql_options: &["-e", "--execute"],
        value_options: &[
            "--url",
            "--host",
            "--database",
            "-d",
            "--user",
            "-u",
            "--certs-dir",
        ],
        target_options: &["--url", "--host"],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["clickhouse-client", "clickhouse"],
        sql_options: &["-q", "--query"],
        value_options: &[
            "-h",
            "--host",
            "--port",
            "-u",
            "--user",
            "--password",
            "-d",
            "--database",
        ],
        target_options: &["-h", "--host"],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["sqlite3", "sqlite"],
        sql_options: &["-cmd"],
        value_options: &["-separator", "-nullvalue"],
        target_options: &[],
        sql_positional: Some(1),
        subcommand: None,
    },
    SqlClient {
        names: &["duckdb"],
        sql_options: &["-c"],
        value_options: &[],
        target_options: &[],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["bq"],
        sql_options: &[],
        value_options: &["--project_id", "--location", "--format", "--max_rows"],
        target_options: &["--project_id"],
        sql_positional: Some(1),
        subcommand: Some("query"),
    },
    SqlClient {
        names: &["wrangler"],
        sql_options: &["--command"],
        value_options: &["--env", "-e", "--config", "-c", "--file"],
        target_options: &["--env", "-e"],
        sql_positional: None,
        subcommand: Some("d1"),
    },
    SqlClient {
        names: &["snowsql"],
        sql_options: &["-q", "--query"],
        value_options: &["-a", "-u", "-d", "-s", "-w", "-r", "-c", "--connection"],
        target_options: &["-c", "--connection", "-d"],
        sql_positional: None,
        subcommand: None,
    },
    SqlClient {
        names: &["prisma"],
        sql_options: &[],
        value_options: &["--schema", "--url", "--file"],
        target_options: &["--url"],
        sql_positional: None,
        subcommand: Some("db"),
    },
    SqlClient {
        names: &["pscale"],
        sql_options: &["--query", "-q", "--execute", "-e"],
        value_options: &["--org", "--role"],
        target_options: &["--org"],
        sql_positional: None,
        subcommand: Some("sql"),
    },
    SqlClient {
        names: &["pscale"],
        sql_options: &["--execute", "-e"],
        value_options: &["--org", "--role"],
        target_options: &["--org"],
        sql_positional: None,
        subcommand: Some("shell"),
    },
];
