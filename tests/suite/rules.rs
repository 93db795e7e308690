//! Every rule against its fixtures: `test-data/rules/<rule-name>/fires/` must make the rule report,
//! `quiet/` must not. The rendered human output of the firing fixtures is snapshotted, so a change
//! to any message, span or label shows up in review.

use crate::common;

use std::path::Path;

use agentlint::render;
use agentlint::rules;

#[test]
fn every_rule_has_fixtures_that_fire_and_stay_quiet() {
    let base = common::root().join("test-data/rules");
    let mut missing = Vec::new();
    for meta in rules::catalogue() {
        let dir = base.join(meta.name);
        if !dir.join("fires").is_dir() || !dir.join("quiet").is_dir() {
            missing.push(meta.name);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without fires/ and quiet/ fixtures: {missing:?}"
    );
}

#[test]
fn fixtures_fire_and_stay_quiet() {
    let mut failures = Vec::new();
    for meta in rules::catalogue() {
        let rel = format!("test-data/rules/{}", meta.name);
        if !Path::new(&common::root().join(&rel)).is_dir() {
            continue;
        }
        let fires = common::lint_relative(&format!("{rel}/fires"));
        let fired: Vec<_> = fires
            .findings
            .iter()
            .filter(|f| f.rule.id == meta.id)
            .collect();
        if fired.is_empty() {
            failures.push(format!("{} did not fire on {rel}/fires", meta.id));
        }
        let quiet = common::lint_relative(&format!("{rel}/quiet"));
        for f in quiet.findings.iter().filter(|f| f.rule.id == meta.id) {
            let file = quiet.workspace.file(f.primary.file);
            let (line, _) = file.source.line_col(f.primary.span.start);
            failures.push(format!(
                "{} fired on {}:{line}: {}",
                meta.id, file.source.path, f.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn firing_fixtures_render_as_snapshotted() {
    for meta in rules::catalogue() {
        let rel = format!("test-data/rules/{}/fires", meta.name);
        if !common::root().join(&rel).is_dir() {
            continue;
        }
        let outcome = common::lint_relative(&rel);
        let own: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| f.rule.id == meta.id)
            .cloned()
            .collect();
        let text = render::human::render_plain(&outcome.workspace, &own);
        insta::assert_snapshot!(format!("{}-{}", meta.id, meta.name), text);
    }
}

#[test]
fn messages_follow_the_style() {
    // clippy's convention: lowercase start (unless a name or code), no trailing period.
    for meta in rules::catalogue() {
        let rel = format!("test-data/rules/{}/fires", meta.name);
        if !common::root().join(&rel).is_dir() {
            continue;
        }
        for f in common::lint_relative(&rel).findings {
            assert!(
                !f.message.ends_with('.'),
                "{}: message ends with a period: {}",
                f.rule.id,
                f.message
            );
            let first = f.message.chars().next().unwrap_or('a');
            let allowed_upper = [
                "Claude",
                "Codex",
                "Aider",
                "VS Code",
                "Cursor",
                "MCP",
                "CI",
                "Stripe",
                "Railway",
                "GitHub",
                "AWS",
                "Google",
                "Supabase",
                "OpenAI",
                "Anthropic",
                "Cloudflare",
                "Slack",
                "Heroku",
                "Vercel",
                "Fly",
                "DigitalOcean",
                "PlanetScale",
                "Neon",
                "Twilio",
                "SendGrid",
                "Doppler",
                "Pulumi",
                "Vault",
                "Terraform",
                "GitLab",
                "Azure",
                "PEM",
                "npm",
                "PyPI",
                "HashiCorp",
                "HTTP",
                "Amp",
                "Kiro",
                "OpenCode",
                "Zed",
                "Roo Code",
                "Gemini",
                "Junie",
                "Goose",
                "Continue",
                "Windsurf",
                "Cline",
            ];
            // A credential's provider is a proper noun too.
            let provider = agentlint::secrets::catalogue()
                .iter()
                .any(|e| f.message.starts_with(e.provider));
            assert!(
                !first.is_uppercase()
                    || provider
                    || allowed_upper.iter().any(|p| f.message.starts_with(p)),
                "{}: message starts with an uppercase word: {}",
                f.rule.id,
                f.message
            );
        }
    }
}
