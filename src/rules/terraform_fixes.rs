//! Edits that Terraform fixes are made of, shared by the rules that offer them: set a literal
//! attribute to another literal, or add an attribute to a block. Format-preserving: only the
//! expression or the new line changes, comments and order stay, and the new line takes the
//! indentation of the block's attributes (`terraform fmt` aligns `=` signs within a group; the
//! added line is its own group).

use crate::diagnostic::{Applicability, Edit, FileId};
use crate::model::resources::{Origin, Resource};
use crate::model::terraform::Instance;
use crate::model::Workspace;
use crate::syntax::{HclBlock, HclExpr, HclExprKind, Span};

/// Replace the value of `name` in the resource's block with `value`, when what is written there
/// is a literal: a value reached through a variable, a local or a module input is shared with
/// other uses and is not rewritten, and a module call's inputs are the module's names, not the
/// provider's.
pub fn set_literal(resource: &Resource<'_>, name: &str, value: &str) -> Option<Edit> {
    resource.block()?;
    rewrite_literal(resource, resource.written(name)?, value)
}

/// `expr` replaced by `value` when it is a literal (not a reference, call or template).
fn rewrite_literal(resource: &Resource<'_>, expr: &HclExpr, value: &str) -> Option<Edit> {
    rewrite_literal_in(resource.file, expr, value)
}

fn rewrite_literal_in(file: FileId, expr: &HclExpr, value: &str) -> Option<Edit> {
    let literal = matches!(
        expr.kind,
        HclExprKind::Bool(_) | HclExprKind::Num(_) | HclExprKind::Null | HclExprKind::Str { .. }
    );
    literal.then(|| Edit {
        file,
        span: expr.span,
        replacement: value.to_string(),
    })
}

/// The literal value of `name` in a block the resource model does not follow (backup vaults,
/// recovery vaults) rewritten as `value`.
pub fn set_block_literal(file: FileId, block: &HclBlock, name: &str, value: &str) -> Option<Edit> {
    rewrite_literal_in(file, &block.body.attribute(name)?.expr, value)
}

/// `block.attribute = value` inside the resource's one nested `block` (`settings {
/// deletion_protection_enabled = true }`): a literal rewritten, an absent attribute added as the
/// block's last line. Only on a resource block (not a module call), and only when the nested block
/// is written once, literally (not `dynamic`).
pub fn set_nested(
    workspace: &Workspace,
    resource: &Resource<'_>,
    path: &str,
    value: &str,
) -> Option<Edit> {
    let (outer, name) = path.split_once('.')?;
    let mut nested = resource.block()?.body.blocks_of(outer);
    let (block, None) = (nested.next()?, nested.next()) else {
        return None;
    };
    if let Some(attr) = block.body.attribute(name) {
        return rewrite_literal(resource, &attr.expr, value);
    }
    let text = &workspace.file(resource.file).source.text;
    line_edit(resource.file, text, block, &format!("{name} = {value}"))
}

/// A new top-level block after `block` (itself at the start of a line), a blank line between, its
/// `=` signs aligned as `terraform fmt` does.
pub fn add_block_after(
    file: FileId,
    text: &str,
    block: &HclBlock,
    header: &str,
    body: &[String],
) -> Option<Edit> {
    let start = block.span.start;
    if start > 0 && text.as_bytes().get(start - 1) != Some(&b'\n') {
        return None;
    }
    let end = block.span.end;
    if text.as_bytes().get(end.checked_sub(1)?) != Some(&b'}') {
        return None;
    }
    let mut added = format!("\n\n{header} {{\n");
    for line in align(body) {
        added.push_str("  ");
        added.push_str(&line);
        added.push('\n');
    }
    added.push('}');
    Some(Edit {
        file,
        span: Span::new(end, end),
        replacement: added,
    })
}

/// Set `attribute` to `value` on a resource block or a registry-module call: a literal written there
/// is rewritten, an absent one added. On a module call the name is the module's input for the
/// attribute (from the registry-module table), and only a plain input (not a key of an object or
/// map input) is written.
pub fn set_attribute(
    workspace: &Workspace,
    resource: &Resource<'_>,
    attribute: &str,
    value: &str,
) -> Option<Edit> {
    let (block, name) = match resource.origin {
        // A nested path is `set_nested`'s: here it would be written as one invalid name.
        Origin::Block(_) if attribute.contains('.') => return None,
        Origin::Block(block) => (block, attribute),
        Origin::Module { call, spec } => {
            let input = spec.inputs.iter().find(|i| i.attribute == attribute)?.input;
            let plain = input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
            (call, plain.then_some(input)?)
        }
    };
    match block.body.attribute(name) {
        Some(written) => rewrite_literal(resource, &written.expr, value),
        None => {
            let text = &workspace.file(resource.file).source.text;
            line_edit(resource.file, text, block, &format!("{name} = {value}"))
        }
    }
}

/// Safe in a root module; unsafe in a module that other configurations call (or that sits under a
/// `modules/` folder, the convention for reusable ones), where the change reaches every caller,
/// whatever their environment.
pub fn applicability(instance: &Instance<'_, '_>) -> Applicability {
    let reusable = instance.module.dir.split('/').any(|s| s == "modules");
    if instance.calls.is_empty() && !reusable {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    }
}

/// Add several lines at the end of the resource's block, as one edit (two insertions at the same
/// place would be two guesses about their order). A line's own leading spaces nest it further
/// (`point_in_time_recovery {`, `  enabled = true`, `}`). Attributes already written are the
/// caller's to leave out.
pub fn add_lines(workspace: &Workspace, resource: &Resource<'_>, lines: &[String]) -> Option<Edit> {
    let block = resource.block()?;
    let text = &workspace.file(resource.file).source.text;
    line_edit(resource.file, text, block, &align(lines).join("\n"))
}

/// `lifecycle { prevent_destroy = true }` in the resource's block: a line in its `lifecycle` block
/// when it has one (a second block would not parse), else a new block at the end. Unsafe always:
/// it stops `terraform destroy` and every plan that replaces the resource, which some workflows
/// rely on, and it does nothing against a direct API call.
pub fn prevent_destroy(workspace: &Workspace, resource: &Resource<'_>) -> Option<Edit> {
    let block = resource.block()?;
    let text = &workspace.file(resource.file).source.text;
    match block.body.blocks_of("lifecycle").next() {
        Some(lifecycle) if lifecycle.body.attribute("prevent_destroy").is_some() => None,
        Some(lifecycle) => line_edit(resource.file, text, lifecycle, "prevent_destroy = true"),
        None => line_edit(
            resource.file,
            text,
            block,
            "lifecycle {\n  prevent_destroy = true\n}",
        ),
    }
}

/// `terraform fmt`'s alignment: the `=` of consecutive top-level `name = value` lines in one column.
fn align(lines: &[String]) -> Vec<String> {
    let assignment = |l: &str| {
        (!l.starts_with(' '))
            .then(|| l.split_once(" = "))
            .flatten()
            .filter(|(name, _)| name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
            .map(|(name, value)| (name.to_string(), value.to_string()))
    };
    let width = lines
        .iter()
        .filter_map(|l| assignment(l))
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| match assignment(l) {
            Some((name, value)) => format!("{name:<width$} = {value}"),
            None => l.clone(),
        })
        .collect()
}

/// The edit that makes `line` (one or more lines joined by `\n`) end `block`'s body.
fn line_edit(file: FileId, text: &str, block: &HclBlock, line: &str) -> Option<Edit> {
    add_line(text, block, line).map(|(at, insertion)| Edit {
        file,
        span: Span::new(at, at),
        replacement: insertion,
    })
}

/// [`line_edit`]'s insertion: where, and what (above a closing `lifecycle` block and its
/// comment, else before the closing brace).
fn add_line(text: &str, block: &HclBlock, line: &str) -> Option<(usize, String)> {
    let close = block.span.end.checked_sub(1)?;
    if text.as_bytes().get(close) != Some(&b'}') {
        return None;
    }
    let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..close].trim().is_empty() {
        return None;
    }
    let indent = body_indent(text, block)?;
    // Meta-arguments close a block by convention: new attributes go above a final `lifecycle`.
    if let Some(lifecycle) = block
        .body
        .blocks
        .iter()
        .filter(|b| b.kind == "lifecycle")
        .find(|b| last_item_end(block) == Some(b.span.end))
        .filter(|_| !line.starts_with("lifecycle"))
    {
        let mut at = text[..lifecycle.span.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        // Comment lines right above the block belong to it.
        while at > 0 {
            let above = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
            let line = text[above..at - 1].trim_start();
            if !(line.starts_with('#') || line.starts_with("//")) {
                break;
            }
            at = above;
        }
        if text[at..lifecycle.span.start]
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with(['#', '/']))
        {
            let body: String = line.split('\n').map(|l| format!("{indent}{l}\n")).collect();
            return Some((at, format!("{body}\n")));
        }
    }
    // A blank line before the new one keeps it out of the `=` alignment of the group above.
    let blank_before = text[..line_start].ends_with("\n\n") || text[..line_start].ends_with("{\n");
    let lead = if blank_before { "" } else { "\n" };
    let body: String = line.split('\n').map(|l| format!("{indent}{l}\n")).collect();
    Some((line_start, format!("{lead}{body}")))
}

/// Where the block's last attribute or nested block ends.
fn last_item_end(block: &HclBlock) -> Option<usize> {
    block
        .body
        .attributes
        .iter()
        .map(|a| a.span.end)
        .chain(block.body.blocks.iter().map(|b| b.span.end))
        .max()
}

/// The indentation of the block's first attribute or nested block, else the block's own plus two
/// spaces.
fn body_indent(text: &str, block: &HclBlock) -> Option<String> {
    let first = block
        .body
        .attributes
        .iter()
        .map(|a| a.span.start)
        .chain(block.body.blocks.iter().map(|b| b.span.start))
        .min();
    let at = first.unwrap_or(block.span.start);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..at]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if indent.len() != at - line_start {
        return None;
    }
    Some(if first.is_some() {
        indent
    } else {
        format!("{indent}  ")
    })
}

#[cfg(test)]
mod tests {
    use super::add_line;
    use crate::syntax::hcl;

    fn insert(text: &str, line: &str) -> Option<String> {
        let file = hcl::parse(text);
        let block = file.body.blocks.first()?;
        let (at, insertion) = add_line(text, block, line)?;
        Some(format!("{}{insertion}{}", &text[..at], &text[at..]))
    }

    #[test]
    fn a_line_joins_the_block_with_its_indentation() {
        let text = "resource \"a\" \"b\" {\n  engine = \"postgres\" # main\n}\n";
        assert_eq!(
            insert(text, "deletion_protection = true").as_deref(),
            Some("resource \"a\" \"b\" {\n  engine = \"postgres\" # main\n\n  deletion_protection = true\n}\n")
        );
        let empty = "resource \"a\" \"b\" {\n}\n";
        assert_eq!(
            insert(empty, "x = true").as_deref(),
            Some("resource \"a\" \"b\" {\n  x = true\n}\n")
        );
        // A final `lifecycle` block (and its comment) stays last.
        let meta = "resource \"a\" \"b\" {\n  engine = \"postgres\"\n\n  # keep\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n";
        assert_eq!(
            insert(meta, "deletion_protection = true").as_deref(),
            Some("resource \"a\" \"b\" {\n  engine = \"postgres\"\n\n  deletion_protection = true\n\n  # keep\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n")
        );
        // A block that closes on the line of its last attribute is left alone.
        assert_eq!(insert("resource \"a\" \"b\" { x = 1 }\n", "y = 2"), None);
    }
}
