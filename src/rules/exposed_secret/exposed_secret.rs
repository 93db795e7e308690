use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::environments::Env;
use crate::model::Workspace;
use crate::rules::WorkspaceRule;
use crate::secrets::describe;
use crate::secrets::{self, Confidence, Mode};

declare_rule! {
    /// ## What it does
    /// Finds credential values written in plaintext in any file an agent or a CI job reads: `.env`
    /// files, agent rule files (prose and code blocks), agent settings, MCP configurations,
    /// Terraform, CI workflows, compose files, scripts and the configuration files tools read
    /// credentials from (`.npmrc`, `.pypirc`, `.netrc`, AWS `credentials`, kubeconfig,
    /// `Dockerfile`, `*.ini`, `*.properties`, `config/*.yml`…), where a value is judged by its
    /// name too; and any other text (source code, notes, JSON and YAML of other tools), where only
    /// sure token shapes count. Files ignored by git are read too.
    ///
    /// ## Why is this bad?
    /// A coding agent reads the whole working tree. In the incident that started this project, an
    /// agent on a staging task found an API token in an unrelated file and used it to delete a
    /// production volume. A secret in a file is a secret handed to every process and every agent
    /// that can open it.
    ///
    /// Test-mode keys are reported at `info`; values that only look random under a secret-like name
    /// are reported at `warning`, and at `info` in test, example and demo folders (`test/`,
    /// `examples/`, `patterns/`…), where they are most often samples for a local emulator.
    ///
    /// ## Example
    /// ```.env.production
    /// STRIPE_SECRET_KEY=sk_live_51Hx7Qm2Wk9Rt4Yp6Zc8Vb3Nd5LfJa0Gs1Ue
    /// ```
    ///
    /// ## Use instead
    /// ```.env.production
    /// # injected at deploy time from the secret store
    /// STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}
    /// ```
    pub struct ExposedSecret {
        id: "AL101",
        name: "exposed-secret",
        category: ExposedSecret,
        severity: Error,
        summary: "a credential value in plaintext in a file agents and CI jobs read",
        input: Workspace,
    }
}

impl WorkspaceRule for ExposedSecret {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        for file in &workspace.files {
            // One finding per value and file: the same password in seven resources is one thing
            // to move and rotate, shown with every place it is written.
            let mut first_of: Vec<(&str, usize)> = Vec::new();
            for credential in &file.facts.credentials {
                if let Some((_, at)) = first_of
                    .iter()
                    .find(|(fingerprint, _)| *fingerprint == credential.fingerprint)
                {
                    if let Some(finding) = findings.get_mut(*at) {
                        finding.related.push(Label::new(
                            file.id,
                            credential.span,
                            "the same value again",
                        ));
                    }
                    continue;
                }
                first_of.push((credential.fingerprint.as_str(), findings.len()));
                let secret = &credential.secret;
                let value = credential.span.slice(&file.source.text);
                // A value recognised only by its name, in a test, example or demo folder, is most
                // often a sample for a local emulator: a note, not a warning. A real token shape
                // stays an error wherever it lies.
                let sample_place = file.env.as_ref().is_some_and(|e| e.env == Env::Test);
                let severity = match (secret.mode, secret.confidence) {
                    (Some(Mode::Test), _) => Severity::Info,
                    (_, Confidence::Low) if sample_place => Severity::Info,
                    (_, Confidence::Low) => Severity::Warning,
                    _ => Severity::Error,
                };
                let holder = match &credential.name {
                    Some(name) => format!(" assigned to `{name}`"),
                    None => String::new(),
                };
                let article = if credential
                    .context
                    .starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U'])
                    || credential.context.starts_with("MCP")
                {
                    "an"
                } else {
                    "a"
                };
                let message = format!(
                    "{}{holder} in plaintext in {article} {}",
                    describe(secret),
                    credential.context
                );
                let label = format!(
                    "{}, fingerprint {}",
                    secrets::redact(value),
                    credential.fingerprint
                );
                let mut help = "move the value to a secret store or the deployment platform's \
                                variables, reference it by name, and rotate it"
                    .to_string();
                if let Some(narrower) = secret.narrower {
                    help.push_str(&format!("; prefer {narrower}"));
                }
                let key = if credential.location.is_empty() {
                    credential.fingerprint.clone()
                } else {
                    credential.location.clone()
                };
                findings.push(
                    Finding::new(
                        ExposedSecret::META,
                        Label::new(file.id, credential.span, label),
                        message,
                    )
                    .severity(severity)
                    .environment(credential.env.clone())
                    .why(format!(
                        "any agent or job that can read this file can use it: {}",
                        secret.reach
                    ))
                    .help(help)
                    .fingerprint(credential.fingerprint.clone())
                    .key(key),
                );
            }
        }
    }
}
