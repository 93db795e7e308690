//! A JSON Schema for `agentlint.toml`, generated from what the parser accepts and from the rule
//! catalogue, so that editors (Taplo, Even Better TOML, JetBrains) complete keys and rule ids and
//! flag typos as they are typed. `agentlint schema` prints it; `agentlint.schema.json` at the
//! repository root is this output, kept current by a test.

use serde_json::{json, Value};

use crate::diagnostic::Category;
use crate::rules;

/// The schema's own address, as published with the repository.
const SCHEMA_ID: &str =
    "https://raw.githubusercontent.com/agentlint/agentlint/main/agentlint.schema.json";

/// The keys of the file, in the order the README documents them (the parser's `RawConfig`; a
/// test checks each is accepted and that nothing else is).
pub const KEYS: &[&str] = &[
    "select",
    "ignore",
    "fail-on",
    "respect-gitignore",
    "allow",
    "rules",
    "environments",
    "per-path-ignores",
    "guard",
];

/// Every selector the file accepts: rule ids, rule names and categories.
fn selectors() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for meta in rules::catalogue() {
        out.push(meta.id.to_string());
        out.push(meta.name.to_string());
    }
    for category in Category::ALL {
        out.push(category.as_str().to_string());
    }
    out.sort();
    out.dedup();
    out
}

/// The schema, as a JSON value.
pub fn json_schema() -> Value {
    let selector = json!({
        "type": "string",
        "enum": selectors(),
    });
    let selector_list = json!({"type": "array", "items": selector, "uniqueItems": true});
    let severity = json!({"type": "string", "enum": ["error", "warning", "info"]});
    let mut rule_properties = serde_json::Map::new();
    for meta in rules::catalogue() {
        let entry = json!({
            "type": "object",
            "description": format!("{} ({}): {}", meta.id, meta.name, meta.summary),
            "properties": {"severity": severity},
            "additionalProperties": false,
        });
        rule_properties.insert(meta.id.to_string(), entry.clone());
        rule_properties.insert(meta.name.to_string(), entry);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "agentlint.toml",
        "description": "Configuration of agentlint, the linter for the permission perimeter of coding agents. `agentlint explain RULE` documents each rule.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "select": {
                "description": "Only these rules or categories run (ids like AL101, names, or categories).",
                "allOf": [selector_list],
            },
            "ignore": {
                "description": "These rules or categories do not run.",
                "allOf": [selector_list],
            },
            "fail-on": {
                "description": "Exit 1 when a finding reaches this severity (default warning; info never fails). `--fail-on` overrides it.",
                "type": "string",
                "enum": ["error", "warning", "info"],
            },
            "respect-gitignore": {
                "description": "Skip files that .gitignore hides (by default they are linted: agents read them).",
                "type": "boolean",
            },
            "allow": {
                "description": "Accepted secrets, by the 8-hex-digit fingerprint findings show (never by value).",
                "type": "array",
                "items": {"type": "string", "pattern": "^[0-9a-f]{8,64}$"},
            },
            "rules": {
                "description": "Per-rule settings, by id or name.",
                "type": "object",
                "properties": rule_properties,
                "additionalProperties": false,
            },
            "environments": {
                "description": "Globs that place files in an environment, relative to the project root.",
                "type": "object",
                "propertyNames": {"enum": ["production", "staging", "development", "test"]},
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "per-path-ignores": {
                "description": "Rules or categories ignored in files matching a glob.",
                "type": "object",
                "additionalProperties": selector_list,
            },
            "guard": {
                "description": "How `agentlint guard` answers a tool call.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "secret-files": {"description": "Reading a file that holds secrets (default ask).", "enum": ["allow", "ask", "deny"]},
                    "production": {"description": "A destructive call that reaches production, or an unknown environment with an account-wide credential in reach (default deny).", "enum": ["allow", "ask", "deny"]},
                    "destructive": {"description": "Any other destructive call (default ask).", "enum": ["allow", "ask", "deny"]},
                    "approve-safe": {"description": "Answer allow to calls judged safe instead of leaving them to the agent's prompts (default false).", "type": "boolean"},
                    "tools": {
                        "description": "The same keys for one agent, over the ones above.",
                        "type": "object",
                        "propertyNames": {"enum": crate::config::GUARD_TOOLS},
                        "additionalProperties": {
                            "type": "object",
                            "additionalProperties": false,
                            "properties": {
                                "secret-files": {"enum": ["allow", "ask", "deny"]},
                                "production": {"enum": ["allow", "ask", "deny"]},
                                "destructive": {"enum": ["allow", "ask", "deny"]},
                                "approve-safe": {"type": "boolean"},
                            },
                        },
                    },
                },
            },
        },
    })
}

/// The schema as the committed file holds it: pretty-printed, with a final newline.
pub fn render() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
