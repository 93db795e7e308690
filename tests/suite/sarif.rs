//! SARIF output checked against the official SARIF 2.1.0 schema (a copy lives in
//! `tests/schemas/`, so the test needs nothing outside the repository), plus the properties code
//! scanning relies on that a schema cannot express: rule metadata, levels, related locations, and
//! partial fingerprints that survive edits which only move lines.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use agentlint::pipeline::Outcome;
use serde_json::Value;

fn schema_validator() -> jsonschema::Validator {
    let path = common::root().join("tests/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("schema: {e}"));
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the SARIF schema does not compile: {e}"))
}

fn sarif(outcome: &Outcome) -> Value {
    let text = agentlint::render::sarif::render(&outcome.workspace, &outcome.findings);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("SARIF is not JSON: {e}"))
}

/// The scenario and every rule's `fires` fixture: the directories with findings.
fn fixture_dirs() -> Vec<String> {
    let mut dirs = vec!["test-data/scenarios/pocketos".to_string()];
    let rules = common::root().join("test-data/rules");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&rules)
        .unwrap_or_else(|e| panic!("{}: {e}", rules.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path().join("fires")))
        .filter(|path| path.is_dir())
        .collect();
    entries.sort();
    for path in entries {
        if let Ok(rel) = path.strip_prefix(common::root()) {
            dirs.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    dirs
}

fn results(document: &Value) -> &[Value] {
    document["runs"][0]["results"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

#[test]
fn sarif_validates_against_the_schema() {
    let validator = schema_validator();
    let dirs = fixture_dirs();
    assert!(
        dirs.len() > 5,
        "expected rule fixtures under test-data/rules, got {dirs:?}"
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let outcome = common::lint_relative(dir);
        let document = sarif(&outcome);
        assert!(
            !results(&document).is_empty()
                || dir.contains("parse-error")
                || dir.contains("file-skipped"),
            "{dir}: no results to validate"
        );
        for error in validator.iter_errors(&document) {
            failures.push(format!("{dir}: {} at {}", error, error.instance_path()));
        }
    }
    assert!(
        failures.is_empty(),
        "SARIF schema violations:\n{}",
        failures.join("\n")
    );
}

#[test]
fn rules_carry_help_and_levels_map_severities() {
    let outcome = common::lint_relative("test-data/scenarios/pocketos");
    let document = sarif(&outcome);
    let rules = document["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // Every rule, then a variant per rule and severity its findings were graded at.
    assert!(rules.len() >= agentlint::rules::catalogue().len());
    for rule in &rules {
        let id = rule["id"].as_str().unwrap_or("?");
        for pointer in [
            "/shortDescription/text",
            "/fullDescription/text",
            "/help/text",
            "/help/markdown",
            "/helpUri",
            "/name",
        ] {
            let text = rule.pointer(pointer).and_then(Value::as_str).unwrap_or("");
            assert!(!text.trim().is_empty(), "{id}: {pointer} is empty");
        }
        let base = id.split('/').next().unwrap_or(id);
        assert!(rule["helpUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://") && u.ends_with(&format!("{base}.md"))));
        // Parse errors and suppression notes stay out of the security view.
        let security = !base.starts_with("AL9");
        assert_eq!(
            rule.pointer("/properties/security-severity")
                .and_then(Value::as_str)
                .is_some(),
            security,
            "{id}: security-severity"
        );
        let tagged = rule
            .pointer("/properties/tags")
            .and_then(Value::as_array)
            .is_some_and(|tags| tags.iter().any(|t| t == "security"));
        assert_eq!(tagged, security, "{id}: security tag");
    }
    let expected: BTreeMap<&str, &str> =
        [("error", "error"), ("warning", "warning"), ("info", "note")].into();
    for (result, finding) in results(&document).iter().zip(&outcome.findings) {
        let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(
            rules.get(index).and_then(|r| r["id"].as_str()),
            result["ruleId"].as_str()
        );
        // A finding graded below its rule's default points at the variant for its severity, so
        // code scanning shows a weak match as what it is.
        let expected_id =
            if finding.severity == finding.rule.severity || finding.rule.id.starts_with("AL9") {
                finding.rule.id.to_string()
            } else {
                format!("{}/{}", finding.rule.id, finding.severity.as_str())
            };
        assert_eq!(result["ruleId"].as_str(), Some(expected_id.as_str()));
        assert_eq!(
            result["level"].as_str(),
            expected.get(finding.severity.as_str()).copied()
        );
    }
}

#[test]
fn cross_file_findings_have_related_locations_in_other_files() {
    let outcome = common::lint_relative("test-data/scenarios/pocketos");
    let document = sarif(&outcome);
    let shared: Vec<&Value> = results(&document)
        .iter()
        .filter(|r| r["ruleId"] == "AL201")
        .collect();
    assert!(
        !shared.is_empty(),
        "pocketos should share a credential across environments"
    );
    for result in shared {
        let primary = result.pointer("/locations/0/physicalLocation/artifactLocation/uri");
        let related = result["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!related.is_empty());
        assert!(related
            .iter()
            .any(|r| r.pointer("/physicalLocation/artifactLocation/uri") != primary));
        for r in &related {
            assert!(r
                .pointer("/message/text")
                .and_then(Value::as_str)
                .is_some_and(|t| !t.is_empty()));
        }
        // The message links to the related locations the way SARIF viewers render them.
        assert!(result
            .pointer("/message/text")
            .and_then(Value::as_str)
            .is_some_and(|t| t.contains("](1)")));
    }
}

fn fingerprints(document: &Value) -> BTreeMap<String, (String, u64)> {
    results(document)
        .iter()
        .map(|r| {
            let fp = r
                .pointer("/partialFingerprints/agentlint~1v1")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let rule = r["ruleId"].as_str().unwrap_or("").to_string();
            let line = r
                .pointer("/locations/0/physicalLocation/region/startLine")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            (fp, (rule, line))
        })
        .collect()
}

/// Copy a directory, inserting a blank line near the top of every file (after a shebang or a
/// front-matter opener, which must stay first).
fn copy_shifted(from: &Path, to: &Path, shift: bool) {
    for entry in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
        .flatten()
    {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
            copy_shifted(&path, &target, shift);
            continue;
        }
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let shifted = if !shift {
            text
        } else if text.starts_with("#!") || text.starts_with("---") {
            match text.split_once('\n') {
                Some((first, rest)) => format!("{first}\n\n\n{rest}"),
                None => text,
            }
        } else {
            format!("\n\n{text}")
        };
        std::fs::write(&target, shifted).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn partial_fingerprints_are_unique_and_survive_moved_lines() {
    let source = common::root().join("test-data/scenarios/pocketos");
    let base = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (before_dir, after_dir) = (
        base.path().join("before/repo"),
        base.path().join("after/repo"),
    );
    for (dir, shift) in [(&before_dir, false), (&after_dir, true)] {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
        copy_shifted(&source, dir, shift);
    }
    let before = sarif(&common::lint(&before_dir));
    let after = sarif(&common::lint(&after_dir));
    let (fp_before, fp_after) = (fingerprints(&before), fingerprints(&after));
    assert_eq!(
        fp_before.len(),
        results(&before).len(),
        "partial fingerprints collide within one run"
    );
    let keys_before: BTreeSet<_> = fp_before.iter().map(|(fp, (rule, _))| (fp, rule)).collect();
    let keys_after: BTreeSet<_> = fp_after.iter().map(|(fp, (rule, _))| (fp, rule)).collect();
    assert_eq!(
        keys_before, keys_after,
        "fingerprints changed when only lines moved"
    );
    let moved = fp_before
        .iter()
        .filter(|(fp, (_, line))| fp_after.get(*fp).is_some_and(|(_, l)| l != line))
        .count();
    assert!(
        moved > 0,
        "the shifted copy should move findings to other lines"
    );
}

#[test]
fn the_schema_check_is_not_vacuous() {
    let validator = schema_validator();
    let mut document = sarif(&common::lint_relative("test-data/scenarios/pocketos"));
    assert!(validator.is_valid(&document));
    document["runs"][0]["results"][0]["level"] = Value::from("fatal");
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.len() >= 2, "expected two violations, got {errors:?}");
}

/// Fixes travel in SARIF as `fixes[].artifactChanges[].replacements[]` (the schema test above
/// validates their shape on every fixture).
#[test]
fn fixes_are_sarif_replacements() {
    let outcome =
        common::lint_relative("test-data/rules/database-without-deletion-protection/fires");
    let document = sarif(&outcome);
    let fixed: Vec<&Value> = results(&document)
        .iter()
        .filter(|r| r["fixes"].is_array())
        .filter(|r| {
            r["ruleId"]
                .as_str()
                .is_some_and(|id| id.starts_with("AL401"))
        })
        .collect();
    assert!(!fixed.is_empty(), "no SARIF result carries a fix");
    for result in fixed {
        let change = &result["fixes"][0]["artifactChanges"][0];
        assert!(change["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with(".tf")));
        let replacement = &change["replacements"][0];
        assert!(replacement["deletedRegion"]["startLine"].as_u64().is_some());
        assert!(replacement["insertedContent"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("true") || t.contains("PROTECT")));
    }
}
