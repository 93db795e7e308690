//! Fast path for valid HCL: the pure-Rust `hcl-edit` parser (about 4× faster than tree-sitter-hcl
//! on the Terraform corpus) converted into the very same [`HclFile`] the tree-sitter path in
//! [`super::hcl`] builds.
//!
//! Why both: `hcl-edit` rejects the whole file at the first syntax error, while tree-sitter
//! recovers and reports [`ParseIssue`](super::tree::ParseIssue)s. So [`parse`] returns `None`
//! whenever `hcl-edit` refuses the input (or anything looks off, e.g. a missing span), and the
//! caller falls back to tree-sitter; broken input therefore behaves exactly as before.
//!
//! To stay identical to the tree-sitter conversion, `hcl-edit` is used only for structure and
//! spans: string values, template literals and reference segments are decoded from the original
//! text with the same helpers ([`decode_literal`], [`common_indent`]) and the same rules.
//! Comments are found by a scan of the text that skips every string and template literal, whose
//! spans the parse provides.

use std::ops::Range;

use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{BlockLabel, Body, Structure};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::visit::Visit;
use hcl_edit::{Decorated, Spanned};

use super::literal::{common_indent, decode_literal, push_literal, LiteralMode};
use crate::syntax::tree::{
    HclAttribute, HclBlock, HclBody, HclExpr, HclExprKind, HclFile, HclObjectItem, Span,
    TemplatePart, MAX_DEPTH,
};

const BOM: &str = "\u{feff}";

/// Parses `text` with `hcl-edit`; `None` when it is not valid HCL (or not convertible), so the
/// caller must use the error-tolerant tree-sitter path.
pub(super) fn parse(text: &str) -> Option<HclFile> {
    // `$$${x}` / `%%%{x}`: tree-sitter reads `$$` then an interpolation, `hcl-edit` a `$` and an
    // escaped `$${`. Rare enough to leave to tree-sitter, so the result does not depend on the path.
    if text.contains("$$${") || text.contains("%%%{") {
        return None;
    }
    // `hcl-edit` descends recursively, one set of parser frames per level, before its own nesting
    // limit applies: deep input would overflow a worker's stack (in debug builds well before 64
    // levels). tree-sitter does not recurse, so deeply nested files go to it.
    if bracket_depth_exceeds(text, MAX_FAST_DEPTH) {
        return None;
    }
    // `hcl-edit` does not skip a BOM; three spaces keep every offset (as the tree-sitter path does).
    let replaced;
    let src = match text.strip_prefix(BOM) {
        Some(rest) => {
            replaced = format!("   {rest}");
            replaced.as_str()
        }
        None => text,
    };
    let parsed = hcl_edit::parser::parse_body(src).ok()?;
    let conv = Conv { text };
    let body = conv.body(&parsed, 1)?;
    let comments = comments(text, &parsed)?;
    Some(HclFile {
        body,
        comments,
        issues: Vec::new(),
    })
}

/// Deepest bracket nesting the fast path accepts. Real Terraform stays below it: the deepest file
/// of the corpus nests 31 levels. Release builds use about 8 KiB of stack per level (depth 63
/// parsed on a 512 KiB stack; threads here have 2 MiB); unoptimised builds use far more, so they
/// keep a lower bound and send deeper files to tree-sitter. Either path gives the same tree.
const MAX_FAST_DEPTH: usize = if cfg!(debug_assertions) { 24 } else { 48 };

/// Whether `(`, `[`, `{` (and so `${`, `%{`) nest deeper than `limit` anywhere. Brackets inside
/// strings count too: an over-estimate only sends a file to the slower, equally correct path.
/// Branch-free over a table (it runs over every byte of every Terraform file).
fn bracket_depth_exceeds(text: &str, limit: usize) -> bool {
    const DELTA: [i8; 256] = {
        let mut table = [0i8; 256];
        table[b'(' as usize] = 1;
        table[b'[' as usize] = 1;
        table[b'{' as usize] = 1;
        table[b')' as usize] = -1;
        table[b']' as usize] = -1;
        table[b'}' as usize] = -1;
        table
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut depth = 0i64;
    let mut deepest = 0i64;
    for &byte in text.as_bytes() {
        depth = (depth + i64::from(DELTA[usize::from(byte)])).max(0);
        deepest = deepest.max(depth);
    }
    deepest > limit
}

fn span_of(r: Option<Range<usize>>) -> Option<Span> {
    r.map(|r| Span::new(r.start, r.end))
}

/// The conversion. Every method returns `None` when a span is missing or the nesting passes
/// [`MAX_DEPTH`] (`hcl-edit` caps nesting at 64, so the latter should not happen; if it did, the
/// tree-sitter path reports the depth issue).
struct Conv<'t> {
    text: &'t str,
}

impl<'t> Conv<'t> {
    fn src(&self, span: Span) -> &'t str {
        span.slice(self.text)
    }

    fn body(&self, body: &Body, depth: usize) -> Option<HclBody> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut out = HclBody::default();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(a) => {
                    let name_span = span_of(hcl_edit::Span::span(&a.key))?;
                    out.attributes.push(HclAttribute {
                        name: self.src(name_span).to_string(),
                        name_span,
                        expr: self.expr(&a.value, depth)?,
                        span: span_of(hcl_edit::Span::span(a))?,
                    });
                }
                Structure::Block(b) => {
                    let kind_span = span_of(hcl_edit::Span::span(&b.ident))?;
                    let mut labels = Vec::with_capacity(b.labels.len());
                    for label in &b.labels {
                        let span = span_of(hcl_edit::Span::span(label))?;
                        labels.push(match label {
                            BlockLabel::Ident(_) => (self.src(span).to_string(), span),
                            BlockLabel::String(_) => {
                                let content = quoted_content(span);
                                (
                                    decode_literal(self.text, content, LiteralMode::Quoted),
                                    content,
                                )
                            }
                        });
                    }
                    out.blocks.push(HclBlock {
                        kind: self.src(kind_span).to_string(),
                        kind_span,
                        labels,
                        body: self.body(&b.body, depth + 1)?,
                        span: span_of(hcl_edit::Span::span(b))?,
                    });
                }
            }
        }
        Some(out)
    }

    /// Mirrors `Converter::expr` of the tree-sitter path: `depth` grows at collections, calls,
    /// conditionals, parentheses and templates.
    fn expr(&self, expr: &Expression, depth: usize) -> Option<HclExpr> {
        if depth > MAX_DEPTH {
            return None;
        }
        let span = span_of(hcl_edit::Span::span(expr))?;
        let kind = match expr {
            Expression::Null(_) => HclExprKind::Null,
            Expression::Bool(b) => HclExprKind::Bool(*b.value()),
            Expression::Number(_) => {
                let raw = self.src(span);
                // `hcl-edit` folds `-1` into the literal; tree-sitter has a unary operation.
                if raw.starts_with('-') {
                    HclExprKind::Other
                } else {
                    HclExprKind::Num(raw.to_string())
                }
            }
            Expression::String(_) => {
                let content = quoted_content(span);
                HclExprKind::Str {
                    value: decode_literal(self.text, content, LiteralMode::Quoted),
                    content,
                }
            }
            Expression::Variable(_) => HclExprKind::Reference(vec![self.src(span).to_string()]),
            Expression::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items.iter() {
                    out.push(self.expr(item, depth + 1)?);
                }
                HclExprKind::Tuple(out)
            }
            Expression::Object(object) => {
                let mut out = Vec::with_capacity(object.len());
                for (key, value) in object.iter() {
                    out.push(self.object_item(key, value.expr(), depth + 1)?);
                }
                HclExprKind::Object(out)
            }
            Expression::FuncCall(call) => {
                let mut args = Vec::with_capacity(call.args.len());
                for arg in call.args.iter() {
                    args.push(self.expr(arg, depth + 1)?);
                }
                // tree-sitter's name of `provider::aws::f` is the whole source text.
                let end = span_of(hcl_edit::Span::span(&call.name.name))?;
                let start = match call.name.namespace.first() {
                    Some(ns) => span_of(hcl_edit::Span::span(ns))?,
                    None => end,
                };
                HclExprKind::Call {
                    name: self.src(Span::new(start.start, end.end)).to_string(),
                    args,
                }
            }
            Expression::Conditional(c) => HclExprKind::Conditional {
                condition: Box::new(self.expr(&c.cond_expr, depth + 1)?),
                then: Box::new(self.expr(&c.true_expr, depth + 1)?),
                otherwise: Box::new(self.expr(&c.false_expr, depth + 1)?),
            },
            // tree-sitter keeps the inner expression (and its span) for `(x)`.
            Expression::Parenthesis(p) => return self.expr(p.inner(), depth + 1),
            Expression::Traversal(t) => self.traversal(t)?,
            Expression::StringTemplate(t) => {
                let content = quoted_content(span);
                let elements: Vec<&Element> = t.iter().collect();
                self.template(&elements, content, LiteralMode::Quoted, depth + 1)?
            }
            Expression::HeredocTemplate(h) => {
                let content = span_of(hcl_edit::Span::span(&h.template))?;
                let strip = if self.heredoc_is_indented(span) {
                    common_indent(content.slice(self.text))
                } else {
                    0
                };
                let mode = LiteralMode::Heredoc {
                    strip,
                    body_start: content.start,
                };
                let elements: Vec<&Element> = h.template.iter().collect();
                self.template(&elements, content, mode, depth + 1)?
            }
            Expression::UnaryOp(_) | Expression::BinaryOp(_) | Expression::ForExpr(_) => {
                HclExprKind::Other
            }
        };
        Some(HclExpr { span, kind })
    }

    /// `<<-EOF` (indented) rather than `<<EOF`, read from the source like the tree-sitter path.
    fn heredoc_is_indented(&self, span: Span) -> bool {
        self.src(span).as_bytes().get(2) == Some(&b'-')
    }

    /// A variable followed by `.attr` / `[index]` / legacy `.0` steps is a reference; splats and
    /// traversals of anything else are `Other`, as in the tree-sitter path.
    fn traversal(&self, t: &hcl_edit::expr::Traversal) -> Option<HclExprKind> {
        let Expression::Variable(_) = &t.expr else {
            return Some(HclExprKind::Other);
        };
        let base = span_of(hcl_edit::Span::span(&t.expr))?;
        let mut segments = Vec::with_capacity(t.operators.len() + 1);
        segments.push(self.src(base).to_string());
        for op in &t.operators {
            let raw = self.src(span_of(hcl_edit::Span::span(op))?);
            match op.value() {
                TraversalOperator::GetAttr(_) => {
                    segments.push(raw.trim_start_matches('.').trim().to_string());
                }
                TraversalOperator::LegacyIndex(_) => {
                    segments.push(format!("[{}]", raw.trim().trim_start_matches('.').trim()));
                }
                TraversalOperator::Index(_) => {
                    let inner = raw.trim();
                    let inner = inner
                        .strip_prefix('[')
                        .and_then(|s| s.strip_suffix(']'))
                        .unwrap_or(inner)
                        .trim();
                    segments.push(format!("[{inner}]"));
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    return Some(HclExprKind::Other)
                }
            }
        }
        Some(HclExprKind::Reference(segments))
    }

    fn object_item(
        &self,
        key: &ObjectKey,
        value: &Expression,
        depth: usize,
    ) -> Option<HclObjectItem> {
        let (key, key_span) = match key {
            ObjectKey::Ident(ident) => {
                let span = span_of(hcl_edit::Span::span(ident))?;
                (self.src(span).to_string(), span)
            }
            ObjectKey::Expression(e) => {
                // The key's own span: for `(k)` it includes the parentheses, which `self.expr`
                // would drop.
                let span = span_of(hcl_edit::Span::span(e))?;
                let converted = self.expr(e, depth)?;
                match converted.kind {
                    HclExprKind::Str { value, content } => (value, content),
                    HclExprKind::Reference(segs) if segs.len() == 1 => {
                        (segs.into_iter().next().unwrap_or_default(), converted.span)
                    }
                    _ => (self.src(span).to_string(), span),
                }
            }
        };
        Some(HclObjectItem {
            key,
            key_span,
            value: self.expr(value, depth)?,
        })
    }

    /// A quoted template or heredoc body: `Str` when nothing is interpolated, else `Template`
    /// whose literals are the gaps between interpolations and directive markers (exactly how the
    /// tree-sitter path cuts them).
    fn template(
        &self,
        elements: &[&Element],
        content: Span,
        mode: LiteralMode,
        depth: usize,
    ) -> Option<HclExprKind> {
        let mut parts = Vec::new();
        let mut pos = content.start;
        let mut dynamic = false;
        for el in elements {
            dynamic |= self.element(el, content, mode, depth, &mut pos, &mut parts)?;
        }
        if !dynamic {
            return Some(HclExprKind::Str {
                value: decode_literal(self.text, content, mode),
                content,
            });
        }
        push_literal(
            self.text,
            Span::new(pos, content.end),
            content,
            mode,
            &mut parts,
        );
        Some(HclExprKind::Template(parts))
    }

    /// Handles one template element; returns whether it was dynamic (not a literal).
    fn element(
        &self,
        el: &Element,
        region: Span,
        mode: LiteralMode,
        depth: usize,
        pos: &mut usize,
        parts: &mut Vec<TemplatePart>,
    ) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        let span = span_of(hcl_edit::Span::span(el))?;
        match el {
            Element::Literal(_) => Some(false),
            Element::Interpolation(i) => {
                push_literal(self.text, Span::new(*pos, span.start), region, mode, parts);
                *pos = (*pos).max(span.end);
                parts.push(TemplatePart::Interpolation(self.expr(&i.expr, depth)?));
                Some(true)
            }
            Element::Directive(d) => {
                // Markers: `%{ if c }` / `%{ for x in c }` (whose expression becomes an
                // interpolation), `%{ else }`, `%{ endif }` / `%{ endfor }`; the templates between
                // them are walked in place. Directive contents count one level deeper.
                push_literal(self.text, Span::new(*pos, span.start), region, mode, parts);
                let inner = depth + 1;
                let (intro, bodies): (&Expression, Vec<&Template>) = match d.as_ref() {
                    Directive::If(i) => {
                        let mut bodies = vec![&i.if_expr.template];
                        if let Some(e) = &i.else_expr {
                            bodies.push(&e.template);
                        }
                        (&i.if_expr.cond_expr, bodies)
                    }
                    Directive::For(f) => (&f.for_expr.collection_expr, vec![&f.for_expr.template]),
                };
                parts.push(TemplatePart::Interpolation(self.expr(intro, inner)?));
                for body in bodies {
                    let body_span = span_of(hcl_edit::Span::span(body))?;
                    *pos = body_span.start;
                    for el in body.iter() {
                        self.element(el, span, mode, inner, pos, parts)?;
                    }
                    push_literal(self.text, Span::new(*pos, body_span.end), span, mode, parts);
                }
                *pos = span.end;
                Some(true)
            }
        }
    }
}

/// The span between the quotes of a (valid, hence closed) quoted string.
fn quoted_content(span: Span) -> Span {
    let start = (span.start + 1).min(span.end);
    Span::new(start, span.end.saturating_sub(1).max(start))
}

/// Collects the spans of everything in which `#`, `//` and `/*` are text, not comments: quoted
/// strings (labels, values, keys) and template literals (quoted and heredoc).
#[derive(Default)]
struct Opaque {
    spans: Vec<Span>,
    missing: bool,
}

impl Opaque {
    fn add(&mut self, span: Option<Range<usize>>) {
        match span_of(span) {
            Some(s) => self.spans.push(s),
            None => self.missing = true,
        }
    }
}

impl Visit for Opaque {
    fn visit_string(&mut self, node: &Decorated<String>) {
        self.add(hcl_edit::Span::span(node));
    }

    fn visit_literal(&mut self, node: &Spanned<String>) {
        self.add(hcl_edit::Span::span(node));
    }
}

/// Comment spans in source order: a scan of the text that jumps over the opaque spans. `#` and
/// `//` comments end before the line break (and before the `\r` of a CRLF), like the tree-sitter
/// path reports them.
fn comments(text: &str, body: &Body) -> Option<Vec<Span>> {
    let bytes = text.as_bytes();
    // Fast exit: no comment character at all.
    if !bytes.iter().any(|&b| b == b'#' || b == b'/') {
        return Some(Vec::new());
    }
    let mut opaque = Opaque::default();
    opaque.visit_body(body);
    if opaque.missing {
        return None;
    }
    let mut spans = opaque.spans;
    spans.sort_unstable_by_key(|s| s.start);
    let mut out = Vec::new();
    let mut next_opaque = spans.iter().peekable();
    let mut i = 0;
    while i < bytes.len() {
        while next_opaque.peek().is_some_and(|s| s.end <= i) {
            next_opaque.next();
        }
        if let Some(s) = next_opaque.peek() {
            if s.start <= i {
                i = s.end;
                continue;
            }
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        let next = bytes.get(i + 1).copied();
        if b == b'#' || (b == b'/' && next == Some(b'/')) {
            let len = bytes
                .get(i..)
                .and_then(|r| r.iter().position(|&c| c == b'\n'))
                .unwrap_or(bytes.len() - i);
            let mut end = i + len;
            if end > i && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
            out.push(Span::new(i, end));
            i += len;
        } else if b == b'/' && next == Some(b'*') {
            let close = bytes
                .get(i + 2..)
                .and_then(|r| r.windows(2).position(|w| w == b"*/"))?;
            let end = i + 2 + close + 2;
            out.push(Span::new(i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::bracket_depth_exceeds;

    #[test]
    fn bracket_depth() {
        assert!(!bracket_depth_exceeds("", 0));
        assert!(!bracket_depth_exceeds("a = [1, (2), {b = 3}]", 2));
        assert!(bracket_depth_exceeds("a = [1, ({b = 3})]", 2));
        // Stray closers do not go below zero, so they cannot hide a deep nest that follows.
        assert!(bracket_depth_exceeds(")))]]]}}}[[[", 2));
        assert!(!bracket_depth_exceeds("[[]][[]][[]]", 2));
        assert!(bracket_depth_exceeds(&"(".repeat(49), 48));
        assert!(!bracket_depth_exceeds(&"()".repeat(1000), 1));
    }
}
