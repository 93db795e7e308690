//! Facts drawn from one parsed file: the credentials it holds, the secrets it references, the CI
//! jobs it defines, the commands it runs and the endpoints it names.
//!
//! Extraction is per file and runs in parallel; rules and the workspace model join facts across
//! files. Facts carry spans into their file and the environment evidence that applies to them.

pub mod agent_cli;
pub mod agent_settings;
pub mod ci;
pub mod commands;
pub mod compose;
pub mod credentials;
pub mod destructive;
pub mod endpoints;
pub mod instructions;
pub mod invocation;
pub mod mcp;
pub mod recipes;
pub mod registry_modules;
pub mod selectors;
pub mod stateful;

use crate::discover::FileKind;
use crate::environments::{Env, EnvInfo};
use crate::secrets::SecretMatch;
use crate::source::SourceFile;
use crate::syntax::{ShellCommand, Span, Syntax};

/// A credential value written in plaintext.
#[derive(Debug, Clone)]
pub struct Credential {
    /// Exactly the secret's characters.
    pub span: Span,
    /// The variable, key or attribute that holds it, when there is one.
    pub name: Option<String>,
    /// A logical location that survives edits moving lines: a key path or variable name.
    pub location: String,
    pub secret: SecretMatch,
    pub fingerprint: String,
    /// The credential's own environment: a variable-name prefix or its CI job, else the file's.
    pub env: Option<EnvInfo>,
    /// Where in the file it sits, for messages ("MCP server `db` env").
    pub context: String,
}

/// A use of a secret by name, not by value: `${{ secrets.X }}`, `$X` in a CI variable, `var.x`.
#[derive(Debug, Clone)]
pub struct SecretReference {
    pub span: Span,
    /// The secret's name in the secret store (`RAILWAY_API_TOKEN`).
    pub secret_name: String,
    /// The variable it is handed to (`env: { RAILWAY_TOKEN: ${{ secrets.X }} }` → `RAILWAY_TOKEN`).
    pub holder: Option<String>,
    /// Index into [`FileFacts::jobs`] when the reference is inside a CI job.
    pub job: Option<usize>,
}

/// A CI job (GitHub Actions or GitLab CI).
#[derive(Debug, Clone)]
pub struct CiJob {
    pub name: String,
    pub name_span: Span,
    pub env: Option<EnvInfo>,
    pub gate: Gate,
    /// What starts it: `push`, `workflow_dispatch`, `schedule`…
    pub triggers: Vec<String>,
    /// The names people gave it and its workflow (`name:` of the job and of the file), which say
    /// what it is for ("Run e2e test").
    pub titles: Vec<String>,
    /// Its `if:` condition reads a `workflow_dispatch` input: the person who starts it chooses
    /// whether this job runs.
    pub chosen_by_dispatch_input: bool,
}

impl CiJob {
    /// The environment its names show when nothing stronger does: an end-to-end or test job
    /// (`e2e`, `integration-test`, `preview`) works on throwaway infrastructure.
    pub fn env_from_titles(&self) -> Option<EnvInfo> {
        std::iter::once(&self.name)
            .chain(&self.titles)
            .find_map(|title| {
                title
                    .split(['-', '_', ' ', '.', '/', ':', '(', ')'])
                    .find_map(|word| match word.to_ascii_lowercase().as_str() {
                        "e2e" | "test" | "tests" | "testing" | "integration" | "acceptance"
                        | "smoke" => Some(Env::Test),
                        "preview" | "ephemeral" | "review" => Some(Env::Staging),
                        _ => None,
                    })
                    .map(|env| EnvInfo::new(env, format!("named `{title}`")))
            })
    }
}

/// What stands between a CI job and its execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Nothing: it runs when triggered.
    None,
    /// A GitHub deployment environment, which can require reviewers before secrets are released.
    Environment(String),
    /// A GitLab manual job (`when: manual`), started by a person.
    Manual,
}

impl Gate {
    pub fn is_gated(&self) -> bool {
        !matches!(self, Gate::None)
    }
}

/// Where a command comes from, which decides who can run it and whether anyone confirms it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A `run:` step or `script:` line of the CI job with this index.
    CiJob(usize),
    /// A shell script in the repository.
    Script,
    /// A hook an agent runs by itself (Claude Code hooks).
    AgentHook,
    /// A code block in an agent rule file: an example the agent may copy and run.
    AgentInstructions,
    /// A compose service's `command:`.
    Compose,
}

#[derive(Debug, Clone)]
pub struct CommandFact {
    pub command: ShellCommand,
    pub origin: Origin,
    /// What the command reads on stdin: its here-documents and a literal piped into it
    /// (`echo "DROP …" | psql`).
    pub stdin: String,
    /// Variables its job or step sets (`env:`, `variables:`), which the command inherits:
    /// `TF_CLI_ARGS_destroy=-auto-approve`, `AWS_PROFILE=prod`.
    pub env: Vec<(String, String)>,
    /// The target an earlier command of the same script selected (`cd envs/prod`,
    /// `terraform workspace select prod`) or the step's `working-directory` names.
    pub context: Option<EnvInfo>,
}

/// A host named in a connection string or URL.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The host's characters.
    pub span: Span,
    pub host: String,
    /// `postgres`, `mysql`, `redis`, …
    pub scheme: String,
    pub env: Option<EnvInfo>,
}

#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    pub credentials: Vec<Credential>,
    pub references: Vec<SecretReference>,
    pub jobs: Vec<CiJob>,
    pub commands: Vec<CommandFact>,
    pub endpoints: Vec<Endpoint>,
    /// A task runner's recipes (Makefile rules, npm scripts…), run when something calls them.
    pub recipes: Vec<recipes::RecipeFact>,
    /// Steps that run a local action (`uses: ./.github/actions/teardown`).
    pub action_calls: Vec<ActionCall>,
}

/// A CI step that runs an action from the repository: its commands run in the calling job.
#[derive(Debug, Clone)]
pub struct ActionCall {
    /// The calling job's index in [`FileFacts::jobs`].
    pub job: usize,
    /// The action's directory as written, relative to the repository root (`.github/actions/x`).
    pub path: String,
    /// The `uses:` value.
    pub span: Span,
}

/// Draw every fact from one file.
pub fn extract(source: &SourceFile, syntax: &Syntax, file_env: Option<&EnvInfo>) -> FileFacts {
    let mut facts = FileFacts::default();
    // Source code and other text: only the sure token shapes, and values a name vouches for
    // (`API_KEY = "…"` with a random-looking value), not weak guesses. Test code is full of
    // random-looking fixtures under secret names; there only the sure shapes count.
    if source.kind == FileKind::TextFile {
        credentials::extract(source, syntax, file_env, &mut facts);
        let test_code = file_env.is_some_and(|e| e.env == crate::environments::Env::Test)
            || crate::environments::is_test_source(&source.path);
        facts.credentials.retain(|c| match c.secret.confidence {
            crate::secrets::Confidence::High => true,
            crate::secrets::Confidence::Medium => c.name.is_some() && !test_code,
            crate::secrets::Confidence::Low => false,
        });
        return facts;
    }
    match (source.kind, syntax) {
        (FileKind::GhaWorkflow | FileKind::GhaAction, Syntax::Data(doc)) => {
            ci::github(source, doc, file_env, &mut facts)
        }
        (FileKind::GitlabCi, Syntax::Data(doc)) => ci::gitlab(source, doc, file_env, &mut facts),
        _ => {}
    }
    commands::extract(source, syntax, &mut facts);
    facts.recipes = recipes::extract(source, syntax);
    credentials::extract(source, syntax, file_env, &mut facts);
    endpoints::extract(source, file_env, &mut facts);
    facts
}
