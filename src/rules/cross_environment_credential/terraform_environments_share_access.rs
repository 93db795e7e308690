use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{FileId, Finding, Label, Severity};
use crate::environments::EnvInfo;
use crate::model::terraform::{self, Instance};
use crate::model::Workspace;
use crate::rules::TerraformRule;
use crate::syntax::{HclBlock, Span};

declare_rule! {
    /// ## What it does
    /// Compares the Terraform roots of different environments and finds what they share: one state
    /// object (the same backend bucket and key), one assumed IAM role (`assume_role { role_arn }`),
    /// or one AWS account (the account in role ARNs and `allowed_account_ids`). One finding per
    /// shared thing, on the non-production root, with the production root as related.
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
        let mut shared: BTreeMap<(&'static str, String), Vec<Place>> = BTreeMap::new();
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
        for ((what, value), places) in shared {
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
            let (message, why) = match what {
                "state" => (
                    format!("{} share one Terraform state object (`{value}`)", names.join(" and ")),
                    "one state file holds both environments; a mistaken apply or destroy in one rewrites the other",
                ),
                "role" => (
                    format!("{} apply with the same IAM role (`{value}`)", names.join(" and ")),
                    "whoever can run the staging plan holds the role that changes production",
                ),
                _ => (
                    format!("{} deploy into the same AWS account ({value})", names.join(" and ")),
                    "without an account boundary, any staging credential policy mistake reaches production resources",
                ),
            };
            let mut finding = Finding::new(
                TerraformEnvironmentsShareAccess::META,
                Label::new(anchor.file, anchor.span, format!("{}", anchor.env.env)),
                message,
            )
            .severity(if production && what != "account" {
                Severity::Error
            } else {
                Severity::Warning
            })
            .environment(Some(anchor.env.clone()))
            .why(why)
            .help(match what {
                "state" => "give each environment its own state bucket (or at least its own key and access policy)",
                "role" => "use one role per environment, each trusted only by that environment's pipeline",
                _ => "put production in its own AWS account",
            })
            .key(format!("{what}:{value}"));
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
    shared: &mut BTreeMap<(&'static str, String), Vec<Place>>,
) {
    let mut add = |what: &'static str, value: String, span: Span| {
        shared.entry((what, value)).or_default().push(Place {
            file,
            span,
            env: env.clone(),
        });
    };
    match block.kind.as_str() {
        "terraform" => {
            for backend in block.body.blocks_of("backend") {
                let bucket = instance
                    .attr(backend, "bucket")
                    .and_then(|(_, r)| r.value.as_str_value());
                let key = instance
                    .attr(backend, "key")
                    .and_then(|(_, r)| r.value.as_str_value());
                let prefix = instance
                    .attr(backend, "prefix")
                    .and_then(|(_, r)| r.value.as_str_value());
                if let (Some(bucket), Some(path)) = (bucket, key.or(prefix)) {
                    let span = backend
                        .body
                        .attribute("key")
                        .or_else(|| backend.body.attribute("prefix"))
                        .map_or(backend.kind_span, |a| a.span);
                    add("state", format!("{bucket}/{path}"), span);
                }
            }
        }
        "provider" => {
            for assume in block.body.blocks_of("assume_role") {
                if let Some((span, r)) = instance.attr(assume, "role_arn") {
                    if let Some(arn) = r.value.as_str_value() {
                        if let Some(account) = arn_account(&arn) {
                            add("account", account, span);
                        }
                        add("role", arn, span);
                    }
                }
            }
            if let Some(attr) = block.body.attribute("allowed_account_ids") {
                if let crate::syntax::HclExprKind::Tuple(items) = &attr.expr.kind {
                    for item in items {
                        if let Some(id) = instance.resolve(item).value.as_str_value() {
                            add("account", id, attr.span);
                        }
                    }
                }
            }
        }
        _ => {}
    }
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
