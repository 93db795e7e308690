use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{Finding, Label, Severity};
use crate::environments::Env;
use crate::facts::Credential;
use crate::model::{FileModel, Workspace};
use crate::rules::WorkspaceRule;
use crate::secrets;
use crate::secrets::describe;

declare_rule! {
    /// ## What it does
    /// Finds the same secret value (compared by fingerprint, never by printing it) in files or jobs
    /// of different environments: a `.env.staging` and a `.env.production` holding one key, a staging
    /// tfvars and a production one sharing a password. One finding per secret, anchored on the
    /// non-production side, with every other place listed.
    ///
    /// ## Why is this bad?
    /// A credential shared by staging and production turns every staging task into a production
    /// task. The agent in the incident was working on staging; what it found could touch
    /// production because nothing separated the two.
    ///
    /// ## Example
    /// ```.env.staging
    /// DATABASE_PASSWORD=Tz4kW9pQx2MnB7rY5cJ8
    /// ```
    /// ```.env.production
    /// DATABASE_PASSWORD=Tz4kW9pQx2MnB7rY5cJ8
    /// ```
    ///
    /// ## Use instead
    /// ```.env.staging
    /// DATABASE_PASSWORD=Hs5nP1qWc8ZrY6tB3kLm
    /// ```
    /// ```.env.production
    /// DATABASE_PASSWORD=${DATABASE_PASSWORD}
    /// ```
    pub struct SharedCredentialAcrossEnvironments {
        id: "AL201",
        name: "shared-credential-across-environments",
        category: CrossEnvironmentCredential,
        severity: Error,
        summary: "the same secret value is used by two environments",
        input: Workspace,
    }
}

impl WorkspaceRule for SharedCredentialAcrossEnvironments {
    fn check(&self, workspace: &Workspace, findings: &mut Vec<Finding>) {
        let mut by_fingerprint: BTreeMap<&str, Vec<(&FileModel, &Credential)>> = BTreeMap::new();
        for file in &workspace.files {
            for credential in &file.facts.credentials {
                if credential.env.is_some() {
                    by_fingerprint
                        .entry(&credential.fingerprint)
                        .or_default()
                        .push((file, credential));
                }
            }
        }
        for (fingerprint, places) in by_fingerprint {
            let envs: Vec<Env> = places
                .iter()
                .filter_map(|(_, c)| c.env.as_ref().map(|e| e.env))
                .collect();
            let mut distinct = envs.clone();
            distinct.sort();
            distinct.dedup();
            if distinct.len() < 2 {
                continue;
            }
            let touches_production = distinct.contains(&Env::Production);
            // Anchor on the first non-production place.
            let anchor = places
                .iter()
                .position(|(_, c)| c.env.as_ref().is_some_and(|e| !e.env.is_production()))
                .unwrap_or(0);
            let Some((file, credential)) = places.get(anchor) else {
                continue;
            };
            let value = credential.span.slice(&file.source.text);
            let anchor_env = credential
                .env
                .as_ref()
                .map(|e| e.env.as_str())
                .unwrap_or("?");
            let names: Vec<&str> = distinct.iter().map(|e| e.as_str()).collect();
            let mut finding = Finding::new(
                SharedCredentialAcrossEnvironments::META,
                Label::new(
                    file.id,
                    credential.span,
                    format!("{} in {anchor_env}", secrets::redact(value)),
                ),
                format!(
                    "the same {} is used by {}",
                    describe(&credential.secret),
                    names.join(" and ")
                ),
            )
            .severity(if touches_production {
                Severity::Error
            } else {
                Severity::Warning
            })
            .environment(credential.env.clone())
            .why(if touches_production {
                "anything that runs against the non-production environment, an agent included, can act on production"
            } else {
                "a leak or a mistake in one environment is a leak or a mistake in the other"
            })
            .help("give each environment its own credential, and rotate this one")
            .fingerprint(fingerprint)
            .key(credential.location.clone());
            for (index, (other_file, other)) in places.iter().enumerate() {
                if index == anchor {
                    continue;
                }
                let env = other.env.as_ref().map(|e| e.env.as_str()).unwrap_or("?");
                finding = finding.related(Label::new(
                    other_file.id,
                    other.span,
                    format!("the same value (fingerprint {fingerprint}) in {env}"),
                ));
                if let Some(info) = &other.env {
                    if !finding.related_environments.contains(info) {
                        finding.related_environments.push(info.clone());
                    }
                }
            }
            findings.push(finding);
        }
    }
}
