use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{FileId, Finding, Label, Severity};
use crate::environments::EnvInfo;
use crate::facts::stateful::{Shared, BACKEND_STATE_KEYS, PROVIDER_IDENTITIES};
use crate::model::terraform::{self, Instance};
use crate::model::Workspace;
use crate::rules::TerraformRule;
use crate::syntax::{HclBlock, Span};

declare_rule! {
    /// ## What it does
    /// Compares the Terraform roots of different environments and finds what they share, in every
    /// cloud (the tables are in `facts/stateful.rs`):
    /// - one state object: the same bucket and key (`s3`, `gcs`, `oss`, `cos`), storage account,
    ///   container and key (`azurerm`), organization and workspace (`remote`, `cloud`), address
    ///   (`http`, `consul`) or connection (`pg`);
    /// - one identity applying the plan: an assumed IAM role, an impersonated Google service
    ///   account, an Azure client;
    /// - one credentials source: an AWS profile, a Google credentials file;
    /// - one Kubernetes context (`kubernetes` and `helm` providers);
    /// - one boundary: an AWS account (from role ARNs and `allowed_account_ids`), a Google Cloud
    ///   project (the provider's, or the impersonated account's), an Azure subscription.
    ///
    /// One finding per shared thing, on the non-production root, with the production root as
    /// related. A shared boundary is a warning; the rest is an error when production is involved.
    ///
    /// ## Why is this bad?
    /// Separate directories are not separate environments. When staging and production apply with
    /// the same role, in the same account, or write the same state, a `terraform destroy` run for
    /// staging, by a person or an agent, can reach production resources, and one state file holds
    /// both environments' secrets.
    ///
    /// ## Example
    /// ```envs/staging/backend.tf
    /// terraform {
    ///   backend "s3" {
    ///     bucket = "pocketos-terraform-state"
    ///     key    = "app/terraform.tfstate"
    ///   }
    /// }
    /// ```
    /// ```envs/prod/backend.tf
    /// terraform {
    ///   backend "s3" {
    ///     bucket = "pocketos-terraform-state"
    ///     key    = "app/terraform.tfstate"
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```envs/staging/backend.tf
    /// terraform {
    ///   backend "s3" {
    ///     bucket = "pocketos-terraform-state-staging"
    ///     key    = "app/terraform.tfstate"
    ///   }
    /// }
    /// ```
    /// ```envs/prod/backend.tf
    /// terraform {
    ///   backend "s3" {
    ///     bucket = "pocketos-terraform-state-prod"
    ///     key    = "app/terraform.tfstate"
    ///   }
    /// }
    /// ```
    pub struct TerraformEnvironmentsShareAccess {
        id: "AL204",
        name: "terraform-environments-share-access",
        category: CrossEnvironmentCredential,
        severity: Error,
        summary: "Terraform roots of different environments share state, a role or an account",
        input: Terraform,
    }
}

/// One thing a root uses, where it is written, and the root's environment.
struct Place {
    file: FileId,
    span: Span,
    env: EnvInfo,
}

impl TerraformRule for TerraformEnvironmentsShareAccess {
    fn check(
        &self,
        workspace: &Workspace,
        instances: &[terraform::Instance<'_, '_>],
        findings: &mut Vec<Finding>,
    ) {
        // (what is shared, its value) → places.
        let mut shared: BTreeMap<(Shared, &'static str, String), Vec<Place>> = BTreeMap::new();
        for instance in instances {
            if !instance.calls.is_empty() {
                continue;
            }
            let Some(env) = instance.env.clone() else {
                continue;
            };
            for file_id in &instance.module.files {
                let Some(hcl) = workspace.file(*file_id).syntax.hcl() else {
                    continue;
                };
                for block in &hcl.body.blocks {
                    collect(instance, *file_id, block, &env, &mut shared);
                }
            }
        }
        for ((what, noun, value), mut places) in shared {
            // One place per root: a project named twice in one root (provider and service
            // account) is one fact.
            places.dedup_by(|a, b| a.file == b.file && a.env == b.env);
            let mut envs: Vec<_> = places.iter().map(|p| p.env.env).collect();
            envs.sort();
            envs.dedup();
            if envs.len() < 2 {
                continue;
            }
            let anchor_index = places
                .iter()
                .position(|p| !p.env.env.is_production())
                .unwrap_or(0);
            let Some(anchor) = places.get(anchor_index) else {
                continue;
            };
            let production = envs.iter().any(|e| e.is_production());
            let names: Vec<&str> = envs.iter().map(|e| e.as_str()).collect();
            let envs_named = names.join(" and ");
            let (message, why, help) = match what {
                Shared::State => (
                    format!("{envs_named} share one Terraform state object (`{value}`)"),
                    "one state file holds both environments; a mistaken apply or destroy in one rewrites the other",
                    "give each environment its own state bucket (or at least its own key and access policy)",
                ),
                Shared::Identity => (
                    format!("{envs_named} apply with the same {noun} (`{value}`)"),
                    "whoever can run the staging plan holds the identity that changes production",
                    "use one identity per environment, each trusted only by that environment's pipeline",
                ),
                Shared::Credentials => (
                    format!("{envs_named} apply with the same {noun} (`{value}`)"),
                    "the credential that plans staging changes production too",
                    "give each environment its own credentials, scoped to its own account or project",
                ),
                Shared::Context => (
                    format!("{envs_named} deploy through the same {noun} (`{value}`)"),
                    "a staging apply reaches the production cluster",
                    "point each environment's provider at its own cluster context",
                ),
                Shared::Boundary => (
                    format!("{envs_named} deploy into the same {noun} ({value})"),
                    "without an account boundary, any staging credential policy mistake reaches production resources",
                    match noun {
                        "Google Cloud project" => "put production in its own Google Cloud project",
                        "Azure subscription" => "put production in its own Azure subscription",
                        _ => "put production in its own AWS account",
                    },
                ),
            };
            let mut finding = Finding::new(
                TerraformEnvironmentsShareAccess::META,
                Label::new(anchor.file, anchor.span, format!("{}", anchor.env.env)),
                message,
            )
            .severity(if production && what != Shared::Boundary {
                Severity::Error
            } else {
                Severity::Warning
            })
            .environment(Some(anchor.env.clone()))
            .why(why)
            .help(help)
            .key(format!("{}:{value}", what.key()));
            for (i, place) in places.iter().enumerate() {
                if i == anchor_index {
                    continue;
                }
                finding.related.push(Label::new(
                    place.file,
                    place.span,
                    format!("the same, in {}", place.env.env),
                ));
                if !finding.related_environments.contains(&place.env) && place.env != anchor.env {
                    finding.related_environments.push(place.env.clone());
                }
            }
            findings.push(finding);
        }
    }
}

fn collect(
    instance: &Instance<'_, '_>,
    file: FileId,
    block: &HclBlock,
    env: &EnvInfo,
    shared: &mut BTreeMap<(Shared, &'static str, String), Vec<Place>>,
) {
    let mut add = |what: Shared, noun: &'static str, value: String, span: Span| {
        shared.entry((what, noun, value)).or_default().push(Place {
            file,
            span,
            env: env.clone(),
        });
    };
    let text = |body: &HclBlock, path: &str| -> Option<(Span, String)> {
        let (span, resolution) = nested_attr(instance, body, path)?;
        Some((span, resolution?))
    };
    match block.kind.as_str() {
        "terraform" => {
            for backend in block
                .body
                .blocks_of("backend")
                .chain(block.body.blocks_of("cloud"))
            {
                let kind = if backend.kind == "cloud" {
                    "cloud"
                } else {
                    backend.labels.first().map_or("", |l| l.0.as_str())
                };
                let Some((_, keys)) = BACKEND_STATE_KEYS.iter().find(|(k, _)| *k == kind) else {
                    continue;
                };
                let mut parts = Vec::new();
                let mut span = backend.kind_span;
                for key in *keys {
                    match text(backend, key) {
                        Some((at, value)) => {
                            span = at;
                            parts.push(value);
                        }
                        // A GCS backend without a prefix keeps its state at the bucket's root.
                        None if kind == "gcs" && *key == "prefix" => parts.push(String::new()),
                        None => {
                            parts.clear();
                            break;
                        }
                    }
                }
                if !parts.is_empty() {
                    add(Shared::State, "state", parts.join("/"), span);
                }
            }
        }
        "provider" => {
            let provider = block.labels.first().map_or("", |l| l.0.as_str());
            let provider = provider.strip_suffix("-beta").unwrap_or(provider);
            for identity in PROVIDER_IDENTITIES
                .iter()
                .filter(|i| i.provider == provider)
            {
                let Some((span, value)) = text(block, identity.path) else {
                    continue;
                };
                if identity.path == "assume_role.role_arn" {
                    if let Some(account) = arn_account(&value) {
                        add(Shared::Boundary, "AWS account", account, span);
                    }
                }
                // A service account's email names its project.
                if identity.path == "impersonate_service_account" {
                    if let Some(project) = service_account_project(&value) {
                        add(Shared::Boundary, "Google Cloud project", project, span);
                    }
                }
                add(identity.shared, identity.noun, value, span);
            }
            if provider == "aws" {
                if let Some(attr) = block.body.attribute("allowed_account_ids") {
                    if let crate::syntax::HclExprKind::Tuple(items) = &attr.expr.kind {
                        for item in items {
                            if let Some(id) = instance.resolve(item).value.as_str_value() {
                                add(Shared::Boundary, "AWS account", id, attr.span);
                            }
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// An attribute at a dotted path, resolved to a string: `(span, Some(value))`, or `(span, None)`
/// when written but not resolvable. `credentials = file("keys/prod.json")` resolves to the path.
fn nested_attr(
    instance: &Instance<'_, '_>,
    block: &HclBlock,
    path: &str,
) -> Option<(Span, Option<String>)> {
    let mut body = &block.body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            let attribute = body.attribute(part)?;
            let value = match &attribute.expr.kind {
                crate::syntax::HclExprKind::Call { name, args } if name == "file" => args
                    .first()
                    .and_then(|a| instance.resolve(a).value.as_str_value()),
                _ => instance.resolve(&attribute.expr).value.as_str_value(),
            };
            return Some((attribute.span, value.filter(|v| !v.is_empty())));
        }
        body = &body.blocks_of(part).next()?.body;
    }
    None
}

/// The project of a service account's email: `deploy@acme-prod.iam.gserviceaccount.com` →
/// `acme-prod`.
fn service_account_project(email: &str) -> Option<String> {
    let (_, domain) = email.split_once('@')?;
    domain
        .strip_suffix(".iam.gserviceaccount.com")
        .filter(|p| !p.is_empty())
        .map(str::to_string)
}

/// The 12-digit account of an ARN (`arn:aws:iam::123456789012:role/x`).
fn arn_account(arn: &str) -> Option<String> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12 && account.chars().all(|c| c.is_ascii_digit()))
        .then(|| account.to_string())
}

#[cfg(test)]
mod tests {
    use super::arn_account;

    #[test]
    fn accounts_from_arns() {
        assert_eq!(
            arn_account("arn:aws:iam::123456789012:role/deploy"),
            Some("123456789012".to_string())
        );
        assert_eq!(arn_account("arn:aws:iam::${var.account}:role/deploy"), None);
    }
}
