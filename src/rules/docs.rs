//! Rule documentation as users read it: the examples a test executes, the text `explain` prints,
//! and the generated catalogue under `lints/`.

use crate::diagnostic::RuleMeta;

use super::registry::catalogue;

/// A fenced example in the docs: the path it is written to and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocExample {
    pub path: String,
    pub content: String,
}

/// The fenced blocks of a docs section whose info string is a path.
pub fn doc_examples(section: &str) -> Vec<DocExample> {
    let mut examples = Vec::new();
    let mut current: Option<DocExample> = None;
    for line in section.lines() {
        // Doc comments keep the space after `///`.
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(info) = line.trim_end().strip_prefix("```") {
            match current.take() {
                Some(example) => examples.push(example),
                None => {
                    current = Some(DocExample {
                        path: info.trim().to_string(),
                        content: String::new(),
                    })
                }
            }
        } else if let Some(example) = current.as_mut() {
            example.content.push_str(line);
            example.content.push('\n');
        }
    }
    examples
}

/// The docs as a user reads them: the leading space of each doc-comment line removed.
pub fn docs_text(meta: &RuleMeta) -> String {
    let mut text = meta
        .docs
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    if CONSULTS_COMMAND_CATALOGUE.contains(&meta.id) {
        text.push_str(&command_catalogue_section());
    }
    text
}

/// Rules that judge commands with the catalogue of destructive operations.
const CONSULTS_COMMAND_CATALOGUE: &[&str] = &["AL301", "AL302", "AL303"];

/// The catalogue's families and tools, generated from `facts::destructive::catalogue`, so the page
/// says what is known without a list to keep in step by hand.
fn command_catalogue_section() -> String {
    let mut out = String::from(
        "\n\n## Destructive operations it knows\n\nCommands are read as a shell runs them \
         (wrappers such as `sudo`, `env`, `timeout`, `xargs`, `op run --`, `npx`, `bash -c`, \
         `ssh host '…'` and `docker exec` unwrapped; options before the subcommand skipped; \
         here-documents and piped `echo` read as input), including the recipes a CI job calls \
         through `make`, `just`, `task` or `npm run`. Known tools, by family:\n\n",
    );
    for (family, tools) in crate::facts::destructive::families() {
        let list: Vec<String> = tools.iter().map(|t| format!("`{t}`")).collect();
        out.push_str(&format!("- {}: {}\n", family.as_str(), list.join(", ")));
    }
    out.push_str(
        "\nOptions that only show what would happen (`--dry-run`, `--dryrun`, `--preview-only`, \
         `plan`) make a command harmless.",
    );
    out
}

/// The generated catalogue under `lints/`: one page per rule and an index, as (file name, text).
/// A test compares this with the files on disk, so the catalogue can never drift from the code.
pub fn catalogue_pages() -> Vec<(String, String)> {
    let catalogue = catalogue();
    let mut index = String::from(
        "# agentlint rules\n\n<!-- Generated from the rule declarations in src/rules/ by \
         `AGENTLINT_BLESS=1 cargo test --test suite catalogue`; do not edit. -->\n\n\
         | id | name | category | default severity | summary |\n|---|---|---|---|---|\n",
    );
    let mut pages = Vec::new();
    for meta in &catalogue {
        index.push_str(&format!(
            "| [{id}]({id}.md) | `{}` | `{}` | {} | {} |\n",
            meta.name,
            meta.category.as_str(),
            meta.severity,
            meta.summary,
            id = meta.id
        ));
        let page = format!(
            "# {} `{}`\n\n<!-- Generated from src/rules/; do not edit. -->\n\n\
             - category: `{}`\n- default severity: {}\n- summary: {}\n\n{}\n",
            meta.id,
            meta.name,
            meta.category.as_str(),
            meta.severity,
            meta.summary,
            docs_text(meta).trim()
        );
        pages.push((format!("{}.md", meta.id), page));
    }
    pages.push(("README.md".to_string(), index));
    pages
}
