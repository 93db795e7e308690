//! agentlint against the labels of checkov's and trivy's public Terraform test resources
//! (`test-data/terraform/labelled/`, built and sourced in its README).
//!
//! Where the two tools judge the property agentlint judges, agentlint must agree with their label,
//! except for the cases in `verdicts.tsv`: deliberate disagreements (with the reason, e.g. a
//! provider default that protects) and resources outside agentlint's scope. A listed disagreement
//! that has come to agree fails too, so the list stays true.

use std::collections::BTreeMap;

use crate::common::lint_relative;

const DIR: &str = "test-data/terraform/labelled";

/// The rule that judges each labelled property.
fn rule_for(property: &str) -> &'static str {
    match property {
        "deletion_protection" => "AL401",
        "force_destroy" => "AL404",
        "backup_retention" | "backups_enabled" | "final_snapshot" => "AL402",
        "backup_vault_lock" => "AL405",
        other => panic!("labels.tsv: unknown property `{other}`"),
    }
}

/// Whether a finding's key (the resource address, with the attribute for AL402's several
/// judgements) is about this property of this resource.
fn judges(property: &str, key: &str, address: &str) -> bool {
    let attributes: &[&str] = match property {
        "backup_retention" => &[
            "backup_retention_period",
            "automated_snapshot_retention_period",
        ],
        "backups_enabled" => &[
            "backup_retention_period",
            "automated_snapshot_retention_period",
            "point_in_time_recovery",
            "backup_configuration.enabled",
        ],
        "final_snapshot" => &["skip_final_snapshot", "retain_backups_on_delete"],
        _ => return key == address,
    };
    attributes.iter().any(|a| key == format!("{address}.{a}"))
}

fn rows(name: &str) -> Vec<Vec<String>> {
    let path = crate::common::root().join(DIR).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn agentlint_agrees_with_checkov_and_trivy_labels() {
    let outcome = lint_relative(DIR);
    let verdicts: BTreeMap<(String, String), (String, String)> = rows("verdicts.tsv")
        .into_iter()
        .map(|r| ((r[0].clone(), r[1].clone()), (r[2].clone(), r[3].clone())))
        .collect();
    let mut agree = 0;
    let mut disagree_listed = 0;
    let mut out_of_scope = 0;
    let mut problems = Vec::new();
    for row in rows("labels.tsv") {
        let [case, address, property, expected, ..] = row.as_slice() else {
            panic!("labels.tsv: short row {row:?}");
        };
        let rule = rule_for(property);
        let dir = format!("{DIR}/{case}/");
        let fired = outcome.findings.iter().any(|f| {
            f.rule.id == rule
                && outcome
                    .workspace
                    .file(f.primary.file)
                    .source
                    .path
                    .starts_with(&dir)
                && judges(property, &f.key, address)
        });
        let agrees = fired == (expected == "fail");
        match verdicts.get(&(case.clone(), address.clone())) {
            Some((verdict, _)) if verdict == "out-of-scope" => out_of_scope += 1,
            Some((verdict, reason)) if verdict == "disagree" => {
                disagree_listed += 1;
                if agrees {
                    problems.push(format!("{case} {address}: listed as a disagreement ({reason}) but agentlint now agrees ({rule} {})", if fired { "fires" } else { "is quiet" }));
                }
            }
            Some((verdict, _)) => {
                problems.push(format!("verdicts.tsv: unknown verdict `{verdict}`"))
            }
            None if agrees => agree += 1,
            None => problems.push(format!(
                "{case} {address}: labelled {expected} for {property}, but {rule} {}",
                if fired { "fires" } else { "is quiet" }
            )),
        }
    }
    eprintln!("labelled Terraform: {agree} agree, {disagree_listed} deliberate disagreements, {out_of_scope} out of scope");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(agree >= 40, "too few labels agree: {agree}");
}

/// Every row of the Rust tables has its research, with a source, in `test-data/terraform/`.
#[test]
fn tables_have_their_research() {
    let read = |name: &str| {
        std::fs::read_to_string(crate::common::root().join("test-data/terraform").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .to_ascii_lowercase()
    };
    let resources = read("stateful-resources.tsv");
    for guards in agentlint::facts::stateful::DELETION_GUARDS {
        let row = resources
            .lines()
            .find(|l| l.starts_with(&format!("{}\t", guards.resource_type)))
            .unwrap_or_else(|| {
                panic!(
                    "{} has no row in stateful-resources.tsv",
                    guards.resource_type
                )
            });
        for guard in guards.guards {
            assert!(
                row.contains(guard.path),
                "{}: `{}` is not in its research row",
                guards.resource_type,
                guard.path
            );
        }
        assert!(row.contains("http"), "{}: no source", guards.resource_type);
    }
    for spec in agentlint::facts::stateful::FINAL_SNAPSHOTS {
        let row = resources
            .lines()
            .find(|l| l.starts_with(&format!("{}\t", spec.resource_type)))
            .unwrap_or_else(|| {
                panic!(
                    "{} has no row in stateful-resources.tsv",
                    spec.resource_type
                )
            });
        assert!(
            row.contains(spec.skip),
            "{}: `{}` is not in its research row",
            spec.resource_type,
            spec.skip
        );
    }
    let modules = read("registry-modules.tsv");
    for module in agentlint::facts::registry_modules::REGISTRY_MODULES {
        for source in module.sources {
            for input in module.inputs {
                let variable = input.input.split(['.', '[']).next().unwrap_or("");
                assert!(
                    modules
                        .lines()
                        .any(|l| l.starts_with(&format!("{source}\t"))
                            && l.contains(&format!("\t{variable}"))),
                    "{source}: input `{variable}` has no row in registry-modules.tsv"
                );
            }
        }
    }
}
