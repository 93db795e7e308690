//! tree-sitter-hcl's concrete syntax tree turned into the format-neutral [`HclFile`], with byte
//! spans everywhere and strings, labels and keys decoded.

use std::ops::Range;

use tree_sitter::{Node, Tree, TreeCursor};

use super::literal::{common_indent, decode_literal, push_literal, LiteralMode};
use crate::syntax::tree::{
    HclAttribute, HclBlock, HclBody, HclExpr, HclExprKind, HclObjectItem, ParseIssue, Span,
    TemplatePart, MAX_DEPTH,
};
use crate::syntax::ts::span_of;

/// The tree-to-[`HclFile`](crate::syntax::tree::HclFile) conversion. Children are gathered into one shared stack (`kids`) instead
/// of a `Vec` per node, and one cursor is reused, so the walk allocates only for the output. Every
/// recursive entry point remembers the stack height and truncates back to it on return.
pub(super) struct Converter<'t> {
    text: &'t str,
    cursor: TreeCursor<'t>,
    kids: Vec<Node<'t>>,
    pub(super) issues: Vec<ParseIssue>,
    /// Nodes starting here or later are left to the next (resynchronised) parse.
    cut: usize,
}

impl<'t> Converter<'t> {
    pub(super) fn new(text: &'t str, tree: &'t Tree, cut: usize) -> Self {
        Converter {
            text,
            cursor: tree.walk(),
            kids: Vec::new(),
            issues: Vec::new(),
            cut,
        }
    }

    /// Pushes `node`'s children (comments left out: they are extras that may appear between any
    /// two tokens; so are children at or after the resync cut) and returns their index range in
    /// `kids`.
    fn push_children(&mut self, node: Node<'t>) -> Range<usize> {
        let start = self.kids.len();
        self.cursor.reset(node);
        if self.cursor.goto_first_child() {
            loop {
                let child = self.cursor.node();
                if child.start_byte() >= self.cut {
                    break;
                }
                if child.kind() != "comment" {
                    self.kids.push(child);
                }
                if !self.cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        start..self.kids.len()
    }

    fn kid(&self, i: usize) -> Option<Node<'t>> {
        self.kids.get(i).copied()
    }

    fn src(&self, node: Node<'_>) -> &'t str {
        span_of(node).slice(self.text)
    }

    fn too_deep(&mut self, node: Node<'_>) {
        push_issue(
            &mut self.issues,
            Span::new(node.start_byte(), node.start_byte()),
            format!("nesting deeper than {MAX_DEPTH} levels; the inner part is not analysed"),
        );
    }

    /// Converts the top level and appends it to `body` (a resynchronised parse adds to what the
    /// earlier passes found).
    pub(super) fn convert_root(&mut self, root: Node<'t>, body: &mut HclBody) {
        let top = self.push_children(root);
        for i in top {
            let Some(node) = self.kid(i) else { continue };
            match node.kind() {
                "body" => {
                    let converted = self.body(node, 1);
                    body.attributes.extend(converted.attributes);
                    body.blocks.extend(converted.blocks);
                }
                "object" => {
                    // JSON-style tfvars: `{ "region": "x" }` – keys become attributes.
                    let expr = self.expr(node, 0);
                    if let HclExprKind::Object(items) = expr.kind {
                        for item in items {
                            body.attributes.push(HclAttribute {
                                span: Span::new(item.key_span.start, item.value.span.end),
                                name: item.key,
                                name_span: item.key_span,
                                expr: item.value,
                            });
                        }
                    }
                }
                "ERROR" => self.salvage(node, body, 1),
                _ => {}
            }
        }
    }

    /// Blocks and attributes that tree-sitter kept as direct children of an `ERROR` node are still
    /// whole; converting them loses nothing and keeps rules seeing them.
    fn salvage(&mut self, node: Node<'t>, body: &mut HclBody, depth: usize) {
        let mark = self.kids.len();
        let items = self.push_children(node);
        for i in items {
            let Some(child) = self.kid(i) else { continue };
            match child.kind() {
                "attribute" => {
                    if let Some(a) = self.attribute(child, depth) {
                        body.attributes.push(a);
                    }
                }
                "block" => {
                    let b = self.block(child, depth);
                    body.blocks.push(b);
                }
                _ => {}
            }
        }
        self.kids.truncate(mark);
    }

    fn body(&mut self, node: Node<'t>, depth: usize) -> HclBody {
        let mut body = HclBody::default();
        if depth > MAX_DEPTH {
            self.too_deep(node);
            return body;
        }
        let mark = self.kids.len();
        let items = self.push_children(node);
        for i in items {
            let Some(child) = self.kid(i) else { continue };
            match child.kind() {
                "attribute" => {
                    if let Some(a) = self.attribute(child, depth) {
                        body.attributes.push(a);
                    }
                }
                "block" => {
                    let b = self.block(child, depth);
                    body.blocks.push(b);
                }
                "ERROR" => self.salvage(child, &mut body, depth),
                _ => {}
            }
        }
        self.kids.truncate(mark);
        body
    }

    fn attribute(&mut self, node: Node<'t>, depth: usize) -> Option<HclAttribute> {
        let mark = self.kids.len();
        let parts = self.push_children(node);
        let mut name = None;
        let mut value = None;
        for i in parts {
            let Some(child) = self.kid(i) else { continue };
            match child.kind() {
                "identifier" if name.is_none() => name = Some(child),
                "expression" if value.is_none() => value = Some(child),
                _ => {}
            }
        }
        let result = name.map(|name| {
            let expr = match value {
                Some(v) => self.expr(v, depth),
                // `x =` with the value missing: keep the attribute, its value is unknown.
                None => HclExpr {
                    span: Span::new(node.end_byte(), node.end_byte()),
                    kind: HclExprKind::Other,
                },
            };
            HclAttribute {
                name: self.src(name).to_string(),
                name_span: span_of(name),
                expr,
                span: span_of(node),
            }
        });
        self.kids.truncate(mark);
        result
    }

    fn block(&mut self, node: Node<'t>, depth: usize) -> HclBlock {
        let mark = self.kids.len();
        let parts = self.push_children(node);
        let mut kind: Option<Node<'t>> = None;
        let mut labels = Vec::new();
        let mut body = HclBody::default();
        for i in parts {
            let Some(child) = self.kid(i) else { continue };
            match child.kind() {
                "identifier" if kind.is_none() => kind = Some(child),
                "identifier" => labels.push((self.src(child).to_string(), span_of(child))),
                "string_lit" => {
                    if let HclExprKind::Str { value, content } = self.string_lit(child) {
                        labels.push((value, content));
                    }
                }
                "body" => body = self.body(child, depth + 1),
                _ => {}
            }
        }
        self.kids.truncate(mark);
        let (kind, kind_span) = match kind {
            Some(k) => (self.src(k).to_string(), span_of(k)),
            None => (
                String::new(),
                Span::new(node.start_byte(), node.start_byte()),
            ),
        };
        HclBlock {
            kind,
            kind_span,
            labels,
            body,
            span: span_of(node),
        }
    }

    /// Converts an expression-ish node. `depth` counts real nesting (collections, calls,
    /// conditionals, parentheses, interpolations); the grammar's wrapper nodes pass it on unchanged
    /// because their chains are short and bounded.
    fn expr(&mut self, node: Node<'t>, depth: usize) -> HclExpr {
        if depth > MAX_DEPTH {
            self.too_deep(node);
            return other(node);
        }
        let mark = self.kids.len();
        let e = self.expr_inner(node, depth);
        self.kids.truncate(mark);
        e
    }

    fn expr_inner(&mut self, node: Node<'t>, depth: usize) -> HclExpr {
        let span = span_of(node);
        let kind = match node.kind() {
            "expression" => return self.expression(node, depth),
            "literal_value" | "collection_value" | "template_expr" => {
                let kids = self.push_children(node);
                return match self.kid(kids.start) {
                    Some(inner) if kids.len() == 1 => self.expr(inner, depth),
                    _ => other(node),
                };
            }
            "numeric_lit" => HclExprKind::Num(self.src(node).to_string()),
            "bool_lit" => HclExprKind::Bool(self.src(node) == "true"),
            "null_lit" => HclExprKind::Null,
            "string_lit" => self.string_lit(node),
            "variable_expr" => HclExprKind::Reference(vec![self.src(node).to_string()]),
            "tuple" => {
                let kids = self.push_children(node);
                let mut items = Vec::new();
                for i in kids {
                    if let Some(c) = self.kid(i).filter(|c| c.kind() == "expression") {
                        items.push(self.expr(c, depth + 1));
                    }
                }
                HclExprKind::Tuple(items)
            }
            "object" => {
                let kids = self.push_children(node);
                let mut items = Vec::new();
                for i in kids {
                    if let Some(c) = self.kid(i).filter(|c| c.kind() == "object_elem") {
                        if let Some(item) = self.object_elem(c, depth + 1) {
                            items.push(item);
                        }
                    }
                }
                HclExprKind::Object(items)
            }
            "function_call" => {
                let kids = self.push_children(node);
                let mut name = String::new();
                let mut args = Vec::new();
                for i in kids {
                    let Some(c) = self.kid(i) else { continue };
                    match c.kind() {
                        "identifier" => name = self.src(c).to_string(),
                        "function_arguments" => {
                            let arg_kids = self.push_children(c);
                            for j in arg_kids {
                                if let Some(a) = self.kid(j).filter(|a| a.kind() == "expression") {
                                    args.push(self.expr(a, depth + 1));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                HclExprKind::Call { name, args }
            }
            "conditional" => {
                let kids = self.push_children(node);
                let exprs: Vec<Node<'t>> = kids
                    .filter_map(|i| self.kid(i))
                    .filter(|c| c.kind() == "expression")
                    .collect();
                match exprs.as_slice() {
                    [c, t, o] => {
                        let condition = Box::new(self.expr(*c, depth + 1));
                        let then = Box::new(self.expr(*t, depth + 1));
                        let otherwise = Box::new(self.expr(*o, depth + 1));
                        HclExprKind::Conditional {
                            condition,
                            then,
                            otherwise,
                        }
                    }
                    _ => HclExprKind::Other,
                }
            }
            "quoted_template" | "heredoc_template" => return self.template(node, depth),
            _ => HclExprKind::Other,
        };
        HclExpr { span, kind }
    }

    /// An `expression` node: a single term, a parenthesised expression, or a term followed by
    /// traversal steps (`.attr`, `[i]`, splats).
    fn expression(&mut self, node: Node<'t>, depth: usize) -> HclExpr {
        let kids = self.push_children(node);
        let Some(first) = self.kid(kids.start) else {
            return other(node);
        };
        if kids.len() == 1 {
            return self.expr(first, depth);
        }
        if first.kind() == "(" {
            return match self.kid(kids.start + 1) {
                Some(inner) if kids.len() == 3 && inner.kind() == "expression" => {
                    self.expr(inner, depth + 1)
                }
                // `(a).b`, `(x)[0]`: a traversal of a computed value.
                _ => other(node),
            };
        }
        if first.kind() != "variable_expr" {
            return other(node);
        }
        let mut segments = Vec::with_capacity(kids.len());
        segments.push(self.src(first).to_string());
        for i in kids.start + 1..kids.end {
            let Some(step) = self.kid(i) else { continue };
            let raw = self.src(step);
            match step.kind() {
                "get_attr" => segments.push(raw.trim_start_matches('.').trim().to_string()),
                "index" => {
                    let inner = raw.trim();
                    let inner = if let Some(legacy) = inner.strip_prefix('.') {
                        legacy.trim()
                    } else {
                        inner
                            .strip_prefix('[')
                            .and_then(|s| s.strip_suffix(']'))
                            .unwrap_or(inner)
                            .trim()
                    };
                    segments.push(format!("[{inner}]"));
                }
                // Splats and anything unexpected: not a plain reference.
                _ => return other(node),
            }
        }
        HclExpr {
            span: span_of(node),
            kind: HclExprKind::Reference(segments),
        }
    }

    fn object_elem(&mut self, node: Node<'t>, depth: usize) -> Option<HclObjectItem> {
        let kids = self.push_children(node);
        let exprs: Vec<Node<'t>> = kids
            .filter_map(|i| self.kid(i))
            .filter(|c| c.kind() == "expression")
            .collect();
        let (key_node, value_node) = match exprs.as_slice() {
            [k, v] => (*k, *v),
            _ => return None,
        };
        let key_expr = self.expr(key_node, depth);
        let (key, key_span) = match key_expr.kind {
            HclExprKind::Str { value, content } => (value, content),
            HclExprKind::Reference(segs) if segs.len() == 1 => {
                (segs.into_iter().next().unwrap_or_default(), key_expr.span)
            }
            _ => (self.src(key_node).to_string(), span_of(key_node)),
        };
        let value = self.expr(value_node, depth);
        Some(HclObjectItem {
            key,
            key_span,
            value,
        })
    }

    /// A quoted string without interpolation.
    fn string_lit(&mut self, node: Node<'t>) -> HclExprKind {
        let content = self.quoted_content(node);
        HclExprKind::Str {
            value: decode_literal(self.text, content, LiteralMode::Quoted),
            content,
        }
    }

    /// The span between the quotes; when the closing quote is missing, up to the node's end.
    fn quoted_content(&mut self, node: Node<'t>) -> Span {
        let start = (node.start_byte() + 1).min(node.end_byte());
        let closed = node.child_count() >= 2
            && node
                .child(node.child_count().saturating_sub(1))
                .is_some_and(|c| c.kind() == "quoted_template_end" && !c.is_missing());
        let end = if closed {
            node.end_byte().saturating_sub(1).max(start)
        } else {
            node.end_byte()
        };
        Span::new(start, end)
    }

    /// A quoted template or a heredoc: `Str` when nothing is interpolated, else `Template`.
    fn template(&mut self, node: Node<'t>, depth: usize) -> HclExpr {
        let span = span_of(node);
        let (content, mode) = if node.kind() == "heredoc_template" {
            let (content, strip_marker) = self.heredoc_body(node);
            let strip = if strip_marker {
                common_indent(content.slice(self.text))
            } else {
                0
            };
            (
                content,
                LiteralMode::Heredoc {
                    strip,
                    body_start: content.start,
                },
            )
        } else {
            (self.quoted_content(node), LiteralMode::Quoted)
        };
        let mut parts = Vec::new();
        let dynamic = self.template_parts(node, content, mode, depth + 1, &mut parts);
        let kind = if dynamic {
            HclExprKind::Template(parts)
        } else {
            HclExprKind::Str {
                value: decode_literal(self.text, content, mode),
                content,
            }
        };
        HclExpr { span, kind }
    }

    /// The body of a heredoc: from the line after `<<EOF` to the start of the terminator's line
    /// (so it ends with the last line's newline, as Terraform's value does). Also says whether it
    /// is the indented `<<-` form.
    fn heredoc_body(&mut self, node: Node<'t>) -> (Span, bool) {
        let kids = self.push_children(node);
        let mut strip = false;
        let mut open: Option<Node<'t>> = None;
        let mut close: Option<Node<'t>> = None;
        for i in kids {
            let Some(c) = self.kid(i) else { continue };
            match c.kind() {
                "heredoc_start" => strip = self.src(c).contains('-'),
                "heredoc_identifier" if open.is_none() => open = Some(c),
                "heredoc_identifier" => close = Some(c),
                _ => {}
            }
        }
        let bytes = self.text.as_bytes();
        let after_open = open.map_or(node.start_byte(), |o| o.end_byte());
        let start = bytes
            .get(after_open..node.end_byte())
            .and_then(|s| s.iter().position(|&b| b == b'\n'))
            .map_or(node.end_byte(), |p| after_open + p + 1);
        let end = match close.filter(|c| !c.is_missing() && c.start_byte() >= start) {
            Some(c) => bytes
                .get(start..c.start_byte())
                .and_then(|s| s.iter().rposition(|&b| b == b'\n'))
                .map_or(start, |p| start + p + 1),
            None => node.end_byte().max(start),
        };
        (Span::new(start, end), strip)
    }

    /// Appends the parts of a template (or of a directive inside one) found in `region`: literal
    /// text is taken from the gaps between interpolations and directive markers (tree-sitter's
    /// literal tokens leave out whitespace, so positions are the reliable source). Returns whether
    /// anything was interpolated.
    ///
    /// Directives (`%{ if }`, `%{ for }`) have no part of their own: their condition or collection
    /// becomes an `Interpolation` and the text of every branch becomes literals, in source order.
    fn template_parts(
        &mut self,
        node: Node<'t>,
        region: Span,
        mode: LiteralMode,
        depth: usize,
        parts: &mut Vec<TemplatePart>,
    ) -> bool {
        if depth > MAX_DEPTH {
            self.too_deep(node);
            return true;
        }
        let mark = self.kids.len();
        let kids = self.push_children(node);
        let mut dynamic = false;
        let mut pos = region.start;
        for i in kids {
            let Some(c) = self.kid(i) else { continue };
            let kind = c.kind();
            let marker = matches!(
                kind,
                "template_if_intro"
                    | "template_for_start"
                    | "template_else_intro"
                    | "template_if_end"
                    | "template_for_end"
            );
            if kind != "template_interpolation"
                && kind != "template_directive"
                && kind != "template_if"
                && kind != "template_for"
                && !marker
            {
                continue;
            }
            dynamic = true;
            push_literal(
                self.text,
                Span::new(pos, c.start_byte()),
                region,
                mode,
                parts,
            );
            pos = pos.max(c.end_byte());
            match kind {
                "template_interpolation" => {
                    if let Some(e) = self.first_expression(c) {
                        let e = self.expr(e, depth);
                        parts.push(TemplatePart::Interpolation(e));
                    }
                }
                "template_if_intro" | "template_for_start" => {
                    if let Some(e) = self.first_expression(c) {
                        let e = self.expr(e, depth);
                        parts.push(TemplatePart::Interpolation(e));
                    }
                }
                "template_directive" | "template_if" | "template_for" => {
                    self.template_parts(c, span_of(c), mode, depth + 1, parts);
                }
                _ => {}
            }
        }
        if dynamic {
            push_literal(self.text, Span::new(pos, region.end), region, mode, parts);
        }
        self.kids.truncate(mark);
        dynamic
    }

    fn first_expression(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        let mark = self.kids.len();
        let kids = self.push_children(node);
        let found = kids
            .filter_map(|i| self.kid(i))
            .find(|c| c.kind() == "expression");
        self.kids.truncate(mark);
        found
    }
}

fn other(node: Node<'_>) -> HclExpr {
    HclExpr {
        span: span_of(node),
        kind: HclExprKind::Other,
    }
}

/// More issues than this only repeat the first ones' message; a broken file needs one good pointer.
/// (Unlike the other parsers, HCL keeps issues with equal spans: each resync reports its own.)
const MAX_ISSUES: usize = crate::syntax::ts::MAX_ISSUES;

pub(super) fn push_issue(issues: &mut Vec<ParseIssue>, span: Span, message: String) {
    if issues.len() < MAX_ISSUES {
        issues.push(ParseIssue { span, message });
    }
}

pub(super) fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    if start <= end {
        Span::new(start, end)
    } else {
        span
    }
}
