//! End to end: every secret shape the catalogue knows, through the whole pipeline and every output
//! format. Here, at the renderers' layer, because it reads the pipeline, the renderers and the
//! inventory at once.

use crate::config::Config;
use crate::pipeline::{self, Overrides};
use crate::render;
use crate::secrets::tests::shaped_tokens;

/// Every catalogued shape, written into every kind of file an agent reads, goes through the whole
/// pipeline: each is reported as an exposed secret, and no output format (human, JSON, SARIF,
/// GitHub annotations, inventory) prints any of them whole.
#[test]
fn every_provider_fires_in_every_file_kind_and_no_format_prints_it() {
    let tokens = shaped_tokens();
    assert!(tokens.len() >= 30, "only {} shapes", tokens.len());
    let dir = std::env::temp_dir().join(format!("agentlint-providers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    };
    // One token per line, each in a different kind of file in turn.
    let mut dotenv = String::new();
    let mut markdown = String::from("# Notes for the agent\n\n");
    let mut workflow =
        String::from("on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n");
    let mut mcp_env = Vec::new();
    let mut terraform = String::from("locals {\n");
    for (i, (token, _, _)) in tokens.iter().enumerate() {
        match i % 5 {
            0 => dotenv.push_str(&format!("TOKEN_{i}={token}\n")),
            1 => markdown.push_str(&format!("- the deploy token is `{token}` for now\n")),
            2 => workflow.push_str(&format!("      TOKEN_{i}: \"{token}\"\n")),
            3 => mcp_env.push(format!("\"TOKEN_{i}\": \"{token}\"")),
            _ => terraform.push_str(&format!("  token_{i} = \"{token}\"\n")),
        }
    }
    workflow.push_str("    steps:\n      - run: ./deploy.sh\n");
    terraform.push_str("}\n");
    write(".env.production", &dotenv);
    write("CLAUDE.md", &markdown);
    write(".github/workflows/deploy.yml", &workflow);
    write(
        ".mcp.json",
        &format!(
            "{{\"mcpServers\": {{\"api\": {{\"command\": \"node\", \"args\": [\"server.js\"], \"env\": {{{}}}}}}}}}",
            mcp_env.join(", ")
        ),
    );
    write("infra/main.tf", &terraform);
    let config = Config::default();
    let outcome = pipeline::run(std::slice::from_ref(&dir), &config, &Overrides::default());
    let found: Vec<String> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.id == "AL101")
        .map(|f| {
            f.primary
                .span
                .slice(&outcome.workspace.file(f.primary.file).source.text)
                .to_string()
        })
        .collect();
    let mut missed = Vec::new();
    for (token, id, _) in &tokens {
        // Multi-line shapes (PEM blocks) are checked by their own tests.
        if token.contains('\n') {
            continue;
        }
        if !found
            .iter()
            .any(|f| token.contains(f.as_str()) && f.len() * 2 >= token.len())
        {
            missed.push(*id);
        }
    }
    assert!(
        missed.is_empty(),
        "not reported through the pipeline: {missed:?}"
    );
    let inventory = crate::inventory::build(&outcome.workspace, &outcome.findings, &config);
    let outputs = [
        (
            "human",
            render::human::render_plain(&outcome.workspace, &outcome.findings),
        ),
        (
            "json",
            render::json::render(&outcome.workspace, &outcome.findings),
        ),
        (
            "sarif",
            render::sarif::render(&outcome.workspace, &outcome.findings),
        ),
        (
            "github",
            render::github::render(&outcome.workspace, &outcome.findings),
        ),
        ("inventory", crate::inventory::markdown::render(&inventory)),
        ("inventory-json", crate::inventory::to_json(&inventory)),
    ];
    for (name, text) in &outputs {
        for (token, id, _) in &tokens {
            // The longest line of the token: a printed secret would contain it.
            let probe = token.lines().max_by_key(|l| l.len()).unwrap_or(token);
            assert!(!text.contains(probe), "{name} prints the {id} token whole");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
