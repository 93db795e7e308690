//! The README's "Adding a rule" checklist, checked for every rule: the file named after the rule in
//! the folder named after its category, one declaration per file, the category module and the
//! registry, the documentation headings, fixtures, the snapshot and the catalogue page. A failure
//! names the rule and the step that is missing.

use std::path::Path;

use agentlint::rules;

use crate::common;

/// `destructive-command-without-gate` → `destructive_command_without_gate`.
fn snake(name: &str) -> String {
    name.replace('-', "_")
}

/// `destructive-command-without-gate` → `DestructiveCommandWithoutGate`.
fn camel(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

const HEADINGS: [&str; 4] = ["What it does", "Why is this bad?", "Example", "Use instead"];

#[test]
fn every_rule_follows_the_checklist() {
    let root = common::root();
    let runnable: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    let mut missing = Vec::new();
    for meta in rules::catalogue() {
        let category = snake(meta.category.as_str());
        let module = snake(meta.name);
        let rel = format!("src/rules/{category}/{module}.rs");
        let source = read(&root.join(&rel));
        let step = |what: String| format!("{} {}: {what}", meta.id, meta.name);
        if source.is_empty() {
            missing.push(step(format!("step 1: no file {rel}")));
            continue;
        }
        if !source.contains(&format!("id: \"{}\"", meta.id))
            || !source.contains(&format!("pub struct {} {{", camel(meta.name)))
        {
            missing.push(step(format!(
                "step 1: {rel} does not declare `pub struct {}` with id {}",
                camel(meta.name),
                meta.id
            )));
        }
        if source.matches("declare_rule! {").count() != 1 {
            missing.push(step(format!("step 1: {rel} must declare exactly one rule")));
        }
        for heading in HEADINGS {
            if meta.section(heading).is_none() {
                missing.push(step(format!("step 1: docs lack `## {heading}`")));
            }
        }
        let category_mod = read(&root.join(format!("src/rules/{category}/mod.rs")));
        if !category_mod.contains(&format!("pub mod {module};")) {
            missing.push(step(format!(
                "step 3: src/rules/{category}/mod.rs lacks `pub mod {module};`"
            )));
        }
        let pipeline_rule = source.contains("input: Pipeline");
        if !pipeline_rule && !runnable.contains(&meta.id) {
            missing.push(step("step 3: not in rules::registry::all()".to_string()));
        }
        let fixtures = root.join("test-data/rules").join(meta.name);
        for kind in ["fires", "quiet"] {
            if !fixtures.join(kind).is_dir() {
                missing.push(step(format!(
                    "step 4: no test-data/rules/{}/{kind}/",
                    meta.name
                )));
            }
        }
        let snapshot = format!(
            "tests/suite/snapshots/suite__rules__{}-{}.snap",
            meta.id, meta.name
        );
        if !root.join(&snapshot).is_file() {
            missing.push(step(format!("step 5: no snapshot {snapshot}")));
        }
        if !root.join(format!("lints/{}.md", meta.id)).is_file() {
            missing.push(step(format!("step 5: no lints/{}.md", meta.id)));
        }
    }
    assert!(
        missing.is_empty(),
        "rules that miss a step of the README's checklist:\n{}",
        missing.join("\n")
    );
}

/// A rule declared in a file but registered nowhere would never run and never be listed: every
/// declaration under `src/rules/` must reach the catalogue.
#[test]
fn every_declared_rule_is_in_the_catalogue() {
    let catalogue: Vec<&str> = rules::catalogue().iter().map(|m| m.id).collect();
    let mut unregistered = Vec::new();
    let mut declared = 0;
    for path in common::rust_files(&common::root().join("src/rules")) {
        let text = read(&path);
        if !text.contains("declare_rule! {") {
            continue;
        }
        for line in text.lines() {
            let Some(id) = line
                .trim()
                .strip_prefix("id: \"")
                .and_then(|rest| rest.strip_suffix("\","))
            else {
                continue;
            };
            declared += 1;
            if !catalogue.contains(&id) {
                unregistered.push(format!("{id} ({})", path.display()));
            }
        }
    }
    assert_eq!(declared, catalogue.len(), "declarations found: {declared}");
    assert!(
        unregistered.is_empty(),
        "declared but not registered in src/rules/registry.rs: {unregistered:?}"
    );
}
