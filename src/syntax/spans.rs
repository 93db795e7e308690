//! Every span a parsed tree holds, collected without recursion: the fuzz targets and the property
//! tests use it to check that each one lies inside the text, on character boundaries.

use super::tree::*;
use super::Syntax;

enum Item<'a> {
    Node(&'a Node),
    Hcl(&'a HclExpr),
    Body(&'a HclBody),
}

/// All spans of `syntax`, in no particular order.
pub fn all(syntax: &Syntax) -> Vec<Span> {
    let mut out = Vec::new();
    let mut stack: Vec<Item<'_>> = Vec::new();
    match syntax {
        Syntax::Data(doc) => {
            out.extend(doc.comments.iter().copied());
            out.extend(doc.issues.iter().map(|i| i.span));
            stack.extend(doc.roots.iter().map(Item::Node));
        }
        Syntax::Hcl(file) => {
            out.extend(file.comments.iter().copied());
            out.extend(file.issues.iter().map(|i| i.span));
            stack.push(Item::Body(&file.body));
        }
        Syntax::Markdown(doc) => {
            out.extend(doc.front_matter);
            out.extend(doc.blocks.iter().map(|b| b.span));
            out.extend(doc.issues.iter().map(|i| i.span));
        }
        Syntax::Dotenv(file) => {
            out.extend(file.comments.iter().copied());
            out.extend(file.issues.iter().map(|i| i.span));
            for entry in &file.entries {
                out.extend([entry.key_span, entry.value_span, entry.span]);
            }
        }
        Syntax::Shell(script) => {
            out.extend(script.comments.iter().copied());
            out.extend(script.issues.iter().map(|i| i.span));
            for command in &script.commands {
                out.push(command.span);
                out.extend(command.heredocs.iter().copied());
                out.extend(
                    command
                        .assignments
                        .iter()
                        .chain(&command.words)
                        .map(|w| w.span),
                );
            }
        }
        Syntax::Recipes(file) => {
            out.extend(file.issues.iter().map(|i| i.span));
            for recipe in &file.recipes {
                out.push(recipe.span);
                out.extend(recipe.lines.iter().map(|l| l.span));
            }
        }
        Syntax::None => {}
    }
    while let Some(item) = stack.pop() {
        match item {
            Item::Node(node) => {
                out.push(node.span);
                match &node.value {
                    Value::Map(entries) => {
                        for entry in entries {
                            out.push(entry.key_span);
                            stack.push(Item::Node(&entry.value));
                        }
                    }
                    Value::Seq(items) => stack.extend(items.iter().map(Item::Node)),
                    Value::Str { content, .. } => out.push(*content),
                    Value::Num(_) | Value::Bool(_) | Value::Null | Value::Alias(_) => {}
                }
            }
            Item::Body(body) => {
                for attribute in &body.attributes {
                    out.extend([attribute.span, attribute.name_span]);
                    stack.push(Item::Hcl(&attribute.expr));
                }
                for block in &body.blocks {
                    out.extend([block.span, block.kind_span]);
                    out.extend(block.labels.iter().map(|(_, span)| *span));
                    stack.push(Item::Body(&block.body));
                }
            }
            Item::Hcl(expr) => {
                out.push(expr.span);
                match &expr.kind {
                    HclExprKind::Str { content, .. } => out.push(*content),
                    HclExprKind::Template(parts) => {
                        for part in parts {
                            match part {
                                TemplatePart::Literal { span, .. } => out.push(*span),
                                TemplatePart::Interpolation(inner) => stack.push(Item::Hcl(inner)),
                            }
                        }
                    }
                    HclExprKind::Tuple(items) => stack.extend(items.iter().map(Item::Hcl)),
                    HclExprKind::Object(items) => {
                        for item in items {
                            out.push(item.key_span);
                            stack.push(Item::Hcl(&item.value));
                        }
                    }
                    HclExprKind::Call { args, .. } => stack.extend(args.iter().map(Item::Hcl)),
                    HclExprKind::Conditional {
                        condition,
                        then,
                        otherwise,
                    } => {
                        stack.extend([Item::Hcl(condition), Item::Hcl(then), Item::Hcl(otherwise)])
                    }
                    HclExprKind::Num(_)
                    | HclExprKind::Bool(_)
                    | HclExprKind::Null
                    | HclExprKind::Reference(_)
                    | HclExprKind::Other => {}
                }
            }
        }
    }
    out
}

/// The first span of `syntax` that does not lie inside `text` on character boundaries.
pub fn first_bad(syntax: &Syntax, text: &str) -> Option<Span> {
    all(syntax).into_iter().find(|span| !fits(*span, text))
}

/// Whether `span` is ordered, inside `text`, and starts and ends on character boundaries.
pub fn fits(span: Span, text: &str) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}
