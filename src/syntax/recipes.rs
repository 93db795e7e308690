//! Makefiles and justfiles, read as far as a linter needs: each rule's target names and its recipe
//! lines, with spans. A recipe line starts with a tab (make) or any indentation (just); `@`, `-`
//! and `+` prefixes are dropped, `\` continuations joined, and make's `$$` read as `$`.
//! Variables (`$(VAR)`, `{{var}}`) are kept as written: the shell reader keeps them as opaque words.

use super::tree::{ParseIssue, Span};

/// A Makefile or justfile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecipeFile {
    pub recipes: Vec<Recipe>,
    pub issues: Vec<ParseIssue>,
}

/// One rule: the targets it names and the shell lines of its recipe.
#[derive(Clone, Debug, PartialEq)]
pub struct Recipe {
    pub targets: Vec<String>,
    pub span: Span,
    pub lines: Vec<RecipeLine>,
}

/// A recipe line as the shell receives it, and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct RecipeLine {
    pub text: String,
    pub span: Span,
}

/// Reads a Makefile (`make = true`) or a justfile. Never fails.
pub fn parse(text: &str, make: bool) -> RecipeFile {
    let mut out = RecipeFile::default();
    let mut current: Option<Recipe> = None;
    let mut offset = 0;
    let mut pending: Option<RecipeLine> = None;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let span = Span::new(start, start + line.len());
        // A continuation of the previous recipe line.
        if let Some(mut open) = pending.take() {
            open.text.push(' ');
            open.text.push_str(line.trim());
            open.span = Span::new(open.span.start, span.end);
            if open.text.ends_with('\\') {
                open.text.pop();
                pending = Some(open);
            } else if let Some(recipe) = current.as_mut() {
                recipe.lines.push(open);
            }
            continue;
        }
        let indented = if make {
            line.starts_with('\t')
        } else {
            line.starts_with([' ', '\t'])
        };
        if indented {
            let Some(recipe) = current.as_mut() else {
                continue;
            };
            let body = line.trim().trim_start_matches(['@', '-', '+']).trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let mut text = if make {
                body.replace("$$", "$")
            } else {
                body.to_string()
            };
            if text.ends_with('\\') {
                text.pop();
                pending = Some(RecipeLine { text, span });
                continue;
            }
            recipe.lines.push(RecipeLine { text, span });
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        // A rule line: `targets: prerequisites` (not an assignment `:=`, `::=`, `?=`).
        if let Some(recipe) = current.take() {
            out.recipes.push(recipe);
        }
        if let Some(targets) = rule_targets(line, make) {
            current = Some(Recipe {
                targets,
                span,
                lines: Vec::new(),
            });
        }
    }
    if let (Some(open), Some(recipe)) = (pending, current.as_mut()) {
        recipe.lines.push(open);
    }
    if let Some(recipe) = current {
        out.recipes.push(recipe);
    }
    out
}

/// The targets a rule line names, or `None` for assignments, directives and other lines.
fn rule_targets(line: &str, make: bool) -> Option<Vec<String>> {
    let colon = line.find(':')?;
    let after = &line[colon + 1..];
    if after.starts_with('=') || after.starts_with(":=") || (make && line[..colon].contains('=')) {
        return None;
    }
    let head = &line[..colon];
    let first = head.split_whitespace().next()?;
    // Directives (`ifeq`, `include`, `export`, `set`, `alias` in just) are not rules.
    if matches!(
        first,
        "ifeq"
            | "ifneq"
            | "ifdef"
            | "ifndef"
            | "else"
            | "endif"
            | "include"
            | "-include"
            | "export"
            | "override"
            | "define"
            | "set"
            | "alias"
            | "import"
            | "mod"
    ) {
        return None;
    }
    let targets: Vec<String> = if make {
        head.split_whitespace().map(str::to_string).collect()
    } else {
        // just: `name param1 param="x":` — the first word is the recipe; `@name` is quiet.
        vec![first.trim_start_matches('@').to_string()]
    };
    let valid = targets.iter().all(|t| {
        !t.is_empty()
            && t.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '-' | '_' | '.' | '/' | '%' | '$' | '(' | ')')
            })
    });
    (valid && !targets.is_empty()).then_some(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makefile_rules_and_recipes() {
        let text = "DB ?= app\nCC := gcc\n.PHONY: destroy\n\ndestroy: init\n\t@echo going\n\t-terraform destroy \\\n\t  -auto-approve\n\nclean:\n\trm -rf build\n\tpsql -c \"DROP TABLE $$T\"\n";
        let file = parse(text, true);
        let names: Vec<&str> = file
            .recipes
            .iter()
            .flat_map(|r| r.targets.iter().map(String::as_str))
            .collect();
        assert_eq!(names, vec![".PHONY", "destroy", "clean"]);
        let destroy = &file.recipes[1];
        assert_eq!(destroy.lines[0].text, "echo going");
        assert_eq!(destroy.lines[1].text, "terraform destroy  -auto-approve");
        assert_eq!(file.recipes[2].lines[1].text, "psql -c \"DROP TABLE $T\"");
        assert_eq!(destroy.lines[0].span.slice(text), "\t@echo going");
    }

    #[test]
    fn justfile_recipes() {
        let text = "set dotenv-load\n\n# wipe it\nreset env=\"dev\":\n    prisma migrate reset --force\n    echo {{env}}\n";
        let file = parse(text, false);
        assert_eq!(file.recipes.len(), 1);
        assert_eq!(file.recipes[0].targets, vec!["reset"]);
        assert_eq!(
            file.recipes[0].lines[0].text,
            "prisma migrate reset --force"
        );
    }
}
