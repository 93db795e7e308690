//! Shared checks for the fuzz targets. Each target feeds bytes to one parser (or to the whole
//! pipeline) and panics when an invariant breaks, which libFuzzer reports as a crash.

use agentlint::config::Config;
use agentlint::discover::{self, Format};
use agentlint::model::Workspace;
use agentlint::pipeline::build::Input;
use agentlint::pipeline::{self, Overrides};
use agentlint::syntax::{spans, Syntax};

/// Parse `data` (decoded lossily, as files on disk are) as `format` and check every span.
pub fn parse_and_check(format: Format, data: &[u8]) -> Syntax {
    let text = String::from_utf8_lossy(data);
    let syntax = Syntax::parse(format, &text);
    check_spans(&syntax, &text);
    syntax
}

/// Panic when a span of `syntax` leaves `text` or cuts a character.
pub fn check_spans(syntax: &Syntax, text: &str) {
    if let Some(bad) = spans::first_bad(syntax, text) {
        panic!(
            "span {}..{} does not fit a text of {} bytes on character boundaries",
            bad.start,
            bad.end,
            text.len()
        );
    }
}

/// The names the pipeline target gives to the pieces of its input, in order.
pub const PIPELINE_NAMES: &[&str] = &[
    ".env.staging",
    ".github/workflows/x.yml",
    "main.tf",
    "CLAUDE.md",
    ".mcp.json",
    ".env.production",
    ".codex/config.toml",
    "scripts/deploy.sh",
    "envs/prod/prod.tfvars",
    "docker-compose.yml",
    ".gitlab-ci.yml",
    ".cursor/rules/db.mdc",
    ".claude/settings.json",
    "ci/anything.yml",
];

/// Split `data` on NUL bytes into virtual files named from [`PIPELINE_NAMES`], lint them with the
/// default configuration, render every format and check the invariants: spans fit their files, and
/// no output contains a credential value.
pub fn pipeline(data: &[u8]) {
    let inputs: Vec<Input> = data
        .split(|b| *b == 0)
        .zip(PIPELINE_NAMES)
        .map(|(bytes, name)| Input {
            display_path: (*name).to_string(),
            rel_path: (*name).to_string(),
            kind: discover::classify_path(std::path::Path::new(name)),
            content: discover::decode(bytes.to_vec()),
        })
        .collect();
    let config = Config::default();
    let workspace = pipeline::build::from_inputs(inputs, &config.environments);
    let findings = pipeline::lint(&workspace, &config, &Overrides::default());
    for file in &workspace.files {
        check_spans(&file.syntax, &file.source.text);
        for credential in &file.facts.credentials {
            assert!(
                spans::fits(credential.span, &file.source.text),
                "credential span out of its file"
            );
        }
    }
    for finding in &findings {
        for label in std::iter::once(&finding.primary).chain(&finding.related) {
            let text = &workspace.file(label.file).source.text;
            assert!(
                spans::fits(label.span, text),
                "finding {} label {}..{} does not fit {} bytes",
                finding.rule.id,
                label.span.start,
                label.span.end,
                text.len()
            );
        }
    }
    let outputs = [
        agentlint::render::human::render_plain(&workspace, &findings),
        agentlint::render::json::render(&workspace, &findings),
        agentlint::render::sarif::render(&workspace, &findings),
        agentlint::render::github::render(&workspace, &findings),
    ];
    for secret in leak_candidates(&workspace) {
        for output in &outputs {
            assert!(
                !output.contains(secret.as_str()),
                "a credential value appears in the output: {secret:?}"
            );
        }
    }
}

/// Credential values long enough to be recognisable that occur nowhere else in the workspace (a
/// value that also appears as a key, a path or a word elsewhere may be shown legitimately there).
fn leak_candidates(workspace: &Workspace) -> Vec<String> {
    let mut out = Vec::new();
    for file in &workspace.files {
        for credential in &file.facts.credentials {
            let value = credential.span.slice(&file.source.text);
            if value.chars().count() < 12 {
                continue;
            }
            let elsewhere = workspace.files.iter().any(|other| {
                other.source.path.contains(value)
                    || other.source.text.match_indices(value).any(|(at, _)| {
                        !other
                            .facts
                            .credentials
                            .iter()
                            .any(|c| c.span.start <= at && at < c.span.end)
                    })
            });
            if !elsewhere {
                out.push(value.to_string());
            }
        }
    }
    out
}
