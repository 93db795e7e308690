//! HCL (Terraform `.tf` / `.tfvars`) parser: tree-sitter-hcl's concrete syntax tree turned into the
//! format-neutral [`HclFile`].
//!
//! Valid files first go through the `hcl-edit` fast path (`hcl_fast.rs`, ~6× less CPU), which
//! builds the same tree; only what it rejects comes here. One known, deliberate difference: a chain
//! `a ? b : c ? d : e` is nested right-associatively there (as HCL evaluates it), while
//! tree-sitter-hcl nests it as `(a ? b : c) ? d : e`.
//!
//! Why tree-sitter: it never fails, it recovers from broken input and keeps going, so a linter still
//! sees every block before (and usually after) a typo. What this module adds on top:
//!
//! * a conversion that keeps byte spans everywhere and decodes strings, labels and object keys, so
//!   rules compare plain `String`s but can still point at exact characters;
//! * a depth limit ([`MAX_DEPTH`]) on the recursive conversion, so hostile nesting cannot overflow
//!   the stack (tree-sitter itself parses iteratively);
//! * a time budget on tree-sitter ([`super::budget::parse_budget`]), so pathological input is cut off;
//! * resynchronisation after a syntax error: tree-sitter sometimes swallows the following blocks
//!   into one `ERROR` node, so we restart the parse at the next line inside it that starts in
//!   column 0 with an identifier (how every formatted top-level block or attribute starts);
//! * UTF-8 BOM and a missing final newline handled by feeding tree-sitter a slightly different byte
//!   stream of the same length (the BOM becomes spaces), so spans stay offsets into the caller's
//!   text.

use std::ops::{ControlFlow, Range};
use std::time::Instant;

use tree_sitter::{Node, ParseOptions, ParseState, Parser, Point, Tree, TreeCursor};

use super::tree::{
    HclAttribute, HclBlock, HclBody, HclExpr, HclExprKind, HclFile, HclObjectItem, ParseIssue,
    Span, TemplatePart, MAX_DEPTH,
};

/// More issues than this only repeat the first ones' message; a broken file needs one good pointer.
const MAX_ISSUES: usize = 20;

/// Restarts after a top-level error. Each restart re-parses the rest of the file, so the bound keeps
/// a file full of garbage linear-ish.
const MAX_RESYNCS: usize = 8;

/// Tree levels (from the root) at which [`scan_comments_and_errors`] checks whether a subtree can
/// hold a comment at all.
const SHORTCUT_LEVELS: usize = 12;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses a Terraform / HCL file. Never fails and never panics: what could not be read is reported
/// in [`HclFile::issues`] and the rest is converted.
///
/// Spans: block labels and string object keys point between the quotes (like
/// [`HclExprKind::Str::content`]); every other span covers the construct as written.
pub fn parse(text: &str) -> HclFile {
    // Valid files (nearly all of them) take the fast path; it declines anything it cannot convert
    // exactly, and tree-sitter then recovers and reports issues as before.
    if let Some(file) = super::hcl_fast::parse(text) {
        return file;
    }
    parse_tree_sitter(text)
}

/// The error-tolerant tree-sitter path on its own: what [`parse`] falls back to for files
/// `hcl-edit` rejects. Public so the differential check (`examples/hcl_diff.rs`) can compare both
/// paths on a corpus.
pub fn parse_tree_sitter(text: &str) -> HclFile {
    let mut file = HclFile::default();
    if text.len() >= u32::MAX as usize - 16 {
        // tree-sitter offsets are u32.
        file.issues.push(ParseIssue {
            span: Span::new(0, 0),
            message: "file too large to parse (4 GiB or more)".to_string(),
        });
        return file;
    }
    let mut parser = Parser::new();
    if parser
        .set_language(&tree_sitter_hcl::LANGUAGE.into())
        .is_err()
    {
        file.issues.push(ParseIssue {
            span: Span::new(0, 0),
            message: "the HCL grammar could not be loaded".to_string(),
        });
        return file;
    }
    let budget = super::budget::parse_budget(text.len());
    let deadline = Instant::now() + budget;
    let mut start = 0;
    let mut resyncs = 0;
    loop {
        let Some(tree) = parse_from(&mut parser, text, start, deadline) else {
            push_issue(
                &mut file.issues,
                Span::new(start, text.len()),
                format!(
                    "parsing gave up after {} s (pathological input); the rest of the file was skipped",
                    budget.as_secs()
                ),
            );
            break;
        };
        let cut = scan_comments_and_errors(
            text,
            &tree,
            resyncs < MAX_RESYNCS,
            &mut file.comments,
            &mut file.issues,
        );
        let mut conv = Converter::new(text, &tree, cut.unwrap_or(usize::MAX));
        conv.convert_root(tree.root_node(), &mut file.body);
        for issue in conv.issues {
            push_issue(&mut file.issues, issue.span, issue.message);
        }
        match cut {
            Some(next) if next > start => {
                start = next;
                resyncs += 1;
            }
            _ => break,
        }
    }
    file.issues.sort_by_key(|i| (i.span.start, i.span.end));
    file.comments.sort();
    if !text.ends_with('\n') {
        // The newline we appended for tree-sitter may end up in a span.
        clamp_file(&mut file, text.len());
    }
    file
}

/// Parses a `.tfvars` file. Such files are plain HCL attributes (or a JSON-style object, which the
/// grammar also accepts and which becomes attributes), so this is [`parse`]; it exists so callers
/// say what they mean and a future difference has one place to go.
pub fn parse_tfvars(text: &str) -> HclFile {
    parse(text)
}

/// Only the `hcl-edit` fast path: `None` when it declines the input. Public for the differential
/// check (`examples/hcl_diff.rs`).
pub fn parse_fast(text: &str) -> Option<HclFile> {
    super::hcl_fast::parse(text)
}

/// Runs tree-sitter over `text[start..]` (as an included range, so node offsets are file offsets).
/// `None` when the time budget ran out.
fn parse_from(parser: &mut Parser, text: &str, start: usize, deadline: Instant) -> Option<Tree> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    // The BOM is not whitespace to the grammar; three spaces are, and keep every offset.
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    // The grammar only closes a heredoc whose terminator is followed by a newline.
    let pad_newline = !bytes.ends_with(b"\n");
    const SPACES: &[u8] = b"   ";
    let ranges = if start == 0 {
        Vec::new() // the whole document
    } else {
        vec![tree_sitter::Range {
            start_byte: start,
            end_byte: u32::MAX as usize,
            start_point: point_at(text, start),
            end_point: Point::new(u32::MAX as usize, u32::MAX as usize),
        }]
    };
    if parser.set_included_ranges(&ranges).is_err() {
        return None;
    }
    let mut read = |i: usize, _: Point| -> &[u8] {
        if i < bom {
            SPACES.get(i..bom).unwrap_or_default()
        } else if i < len {
            bytes.get(i..).unwrap_or_default()
        } else if i == len && pad_newline {
            b"\n"
        } else {
            &[]
        }
    };
    let mut progress = |_: &ParseState| {
        if Instant::now() >= deadline {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let options = ParseOptions::new().progress_callback(&mut progress);
    let tree = parser.parse_with_options(&mut read, None, Some(options));
    if tree.is_none() {
        // A cancelled parser keeps its half-done state; clear it before any next parse.
        parser.reset();
    }
    tree
}

/// Row/column of a byte offset, which tree-sitter wants for an included range.
fn point_at(text: &str, offset: usize) -> Point {
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    Point::new(row, offset - line_start)
}

fn push_issue(issues: &mut Vec<ParseIssue>, span: Span, message: String) {
    if issues.len() < MAX_ISSUES {
        issues.push(ParseIssue { span, message });
    }
}

fn span_of(node: Node<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

/// Walks the whole tree once, iteratively (no recursion, so any depth is fine), collecting comment
/// spans and one issue per `ERROR` / `MISSING` node. Done apart from the conversion because comments
/// and errors can sit inside constructs the conversion skips (operators, for-expressions, nodes
/// past the depth limit).
///
/// When `resync` is allowed and an `ERROR` region contains a later line that starts in column 0
/// with an identifier, tree-sitter has swallowed what is almost certainly the next top-level block
/// into the error; the walk stops there and returns that offset, so the caller converts only what
/// lies before it and parses again from it.
///
/// The comment-free-subtree shortcut rescans a node's bytes at every tree level, which on very deep
/// trees would be quadratic; it is therefore only tried in the top [`SHORTCUT_LEVELS`] levels.
fn scan_comments_and_errors(
    text: &str,
    tree: &Tree,
    resync: bool,
    comments: &mut Vec<Span>,
    issues: &mut Vec<ParseIssue>,
) -> Option<usize> {
    let mut end = usize::MAX;
    // Only a broken file gets the unterminated-string check below, so a valid multi-line
    // interpolation is never second-guessed.
    let broken = tree.root_node().has_error();
    let mut cursor = tree.walk();
    // Errors inside an already reported error region add nothing.
    let mut last_error = Span::new(0, 0);
    let mut level = 0usize;
    loop {
        let node = cursor.node();
        let mut descend = node.child_count() > 0;
        if node.start_byte() >= end {
            descend = false;
        } else if node.is_missing() {
            let at = Span::new(node.start_byte(), node.start_byte());
            if last_error.is_empty() || !last_error.contains(at) {
                push_issue(issues, at, missing_message(node.kind()));
            }
        } else if node.is_error() {
            if resync && end == usize::MAX {
                if let Some(p) = resync_point(text, node.start_byte(), node.end_byte()) {
                    end = p;
                }
            }
            let span = trim_span(text, Span::new(node.start_byte(), node.end_byte().min(end)));
            if last_error.is_empty() || !last_error.contains(span) {
                push_issue(issues, span, unexpected_message(span.slice(text)));
                last_error = span;
            }
        } else if resync
            && broken
            && end == usize::MAX
            && matches!(node.kind(), "string_lit" | "quoted_template")
        {
            // The grammar lets a quoted string run across lines, so an unclosed `"` eats the
            // following blocks up to the next quote without any ERROR node around them.
            let bytes = text
                .as_bytes()
                .get(node.start_byte()..node.end_byte().min(text.len()));
            if let Some(nl) = bytes.and_then(|b| b.iter().position(|&c| c == b'\n')) {
                if let Some(p) = resync_point(text, node.start_byte(), node.end_byte()) {
                    end = p;
                    let first_line = Span::new(node.start_byte(), node.start_byte() + nl);
                    push_issue(
                        issues,
                        trim_span(text, first_line),
                        "unterminated string".to_string(),
                    );
                }
            }
        } else if node.kind() == "comment" {
            let span = span_of(node);
            // `#…` comments run to the line end, which in CRLF files includes the `\r`.
            let span = if span.slice(text).ends_with('\r') {
                Span::new(span.start, span.end - 1)
            } else {
                span
            };
            comments.push(span);
            descend = false;
        } else if descend && level < SHORTCUT_LEVELS && !broken {
            // In a file without errors only comments are left to find, and a comment needs a `#`
            // or `/`; skipping comment-free subtrees halves the cost of this walk on big files.
            let bytes = text
                .as_bytes()
                .get(node.start_byte()..node.end_byte().min(text.len()));
            descend = bytes.is_some_and(|b| b.iter().any(|&c| c == b'#' || c == b'/'));
        }
        if descend && cursor.goto_first_child() {
            level += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return (end != usize::MAX).then_some(end);
            }
            level = level.saturating_sub(1);
        }
    }
}

/// `block_end` → "missing `}`" and so on: name the character the user has to type.
fn missing_message(kind: &str) -> String {
    let what = match kind {
        "block_end" | "object_end" | "template_interpolation_end" | "template_directive_end" => "}",
        "block_start" | "object_start" => "{",
        "tuple_end" => "]",
        "tuple_start" => "[",
        "quoted_template_end" | "quoted_template_start" => "\"",
        "_function_call_end" => ")",
        "heredoc_identifier" => return "missing heredoc terminator".to_string(),
        other => other,
    };
    if what.chars().all(|c| c.is_alphanumeric() || c == '_') {
        format!("missing {}", what.replace('_', " "))
    } else {
        format!("missing `{what}`")
    }
}

/// Names the first token of an error region, which is where the reader should look.
fn unexpected_message(region: &str) -> String {
    let trimmed = region.trim_start();
    let token: String = trimmed
        .split(char::is_whitespace)
        .next()
        .unwrap_or("")
        .chars()
        .take(24)
        .collect();
    if token.is_empty() {
        "syntax error".to_string()
    } else {
        format!("unexpected `{}`", token.escape_debug())
    }
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    if start <= end {
        Span::new(start, end)
    } else {
        span
    }
}

/// How a template literal's characters are decoded.
#[derive(Clone, Copy)]
pub(super) enum LiteralMode {
    /// Between double quotes: backslash escapes apply.
    Quoted,
    /// A heredoc body: no backslash escapes; `strip` columns of leading whitespace come off every
    /// line (`<<-`), counting lines from `body_start`.
    Heredoc { strip: usize, body_start: usize },
}

/// The tree-to-[`HclFile`] conversion. Children are gathered into one shared stack (`kids`) instead
/// of a `Vec` per node, and one cursor is reused, so the walk allocates only for the output. Every
/// recursive entry point remembers the stack height and truncates back to it on return.
struct Converter<'t> {
    text: &'t str,
    cursor: TreeCursor<'t>,
    kids: Vec<Node<'t>>,
    issues: Vec<ParseIssue>,
    /// Nodes starting here or later are left to the next (resynchronised) parse.
    cut: usize,
}

impl<'t> Converter<'t> {
    fn new(text: &'t str, tree: &'t Tree, cut: usize) -> Self {
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
    fn convert_root(&mut self, root: Node<'t>, body: &mut HclBody) {
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

/// Pulls every span back inside `len` (see the newline [`parse_from`] appends). The output tree is
/// at most [`MAX_DEPTH`] deep, so recursion is safe here.
fn clamp_file(file: &mut HclFile, len: usize) {
    fn clamp(span: &mut Span, len: usize) {
        span.start = span.start.min(len);
        span.end = span.end.min(len);
    }
    fn body(b: &mut HclBody, len: usize) {
        for a in &mut b.attributes {
            clamp(&mut a.span, len);
            clamp(&mut a.name_span, len);
            expr(&mut a.expr, len);
        }
        for blk in &mut b.blocks {
            clamp(&mut blk.span, len);
            clamp(&mut blk.kind_span, len);
            for (_, s) in &mut blk.labels {
                clamp(s, len);
            }
            body(&mut blk.body, len);
        }
    }
    fn expr(e: &mut HclExpr, len: usize) {
        clamp(&mut e.span, len);
        match &mut e.kind {
            HclExprKind::Str { content, .. } => clamp(content, len),
            HclExprKind::Template(parts) => {
                for part in parts {
                    match part {
                        TemplatePart::Literal { span, .. } => clamp(span, len),
                        TemplatePart::Interpolation(inner) => expr(inner, len),
                    }
                }
            }
            HclExprKind::Tuple(items) => items.iter_mut().for_each(|i| expr(i, len)),
            HclExprKind::Object(items) => {
                for item in items {
                    clamp(&mut item.key_span, len);
                    expr(&mut item.value, len);
                }
            }
            HclExprKind::Call { args, .. } => args.iter_mut().for_each(|a| expr(a, len)),
            HclExprKind::Conditional {
                condition,
                then,
                otherwise,
            } => {
                expr(condition, len);
                expr(then, len);
                expr(otherwise, len);
            }
            HclExprKind::Num(_)
            | HclExprKind::Bool(_)
            | HclExprKind::Null
            | HclExprKind::Reference(_)
            | HclExprKind::Other => {}
        }
    }
    body(&mut file.body, len);
    file.comments.iter_mut().for_each(|c| clamp(c, len));
    file.issues.iter_mut().for_each(|i| clamp(&mut i.span, len));
}

fn other(node: Node<'_>) -> HclExpr {
    HclExpr {
        span: span_of(node),
        kind: HclExprKind::Other,
    }
}

/// Where to restart after a top-level error spanning `[start, end)`: the first later line that
/// begins in column 0 with an identifier character, as formatted top-level blocks and attributes
/// do.
fn resync_point(text: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let region = bytes.get(start..end.min(bytes.len()))?;
    region
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| start + i + 1)
        .find(|&p| {
            bytes
                .get(p)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
        })
}

/// The smallest indentation of the non-blank lines of an indented heredoc body, which `<<-`
/// removes from every line.
pub(super) fn common_indent(body: &str) -> usize {
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0)
}

/// Adds the literal text of `gap` (clipped to `region`) to a template's parts, unless it is
/// empty. Shared by both HCL parse paths, so they cut templates the same way.
pub(super) fn push_literal(
    text: &str,
    gap: Span,
    region: Span,
    mode: LiteralMode,
    parts: &mut Vec<TemplatePart>,
) {
    let span = Span::new(gap.start.max(region.start), gap.end.min(region.end));
    if span.is_empty() {
        return;
    }
    parts.push(TemplatePart::Literal {
        value: decode_literal(text, span, mode),
        span,
    });
}

/// Decodes literal template text: `$${` → `${`, `%%{` → `%{`, and in quoted strings the backslash
/// escapes; in `<<-` heredocs the common indentation comes off each line.
pub(super) fn decode_literal(text: &str, span: Span, mode: LiteralMode) -> String {
    let raw = span.slice(text);
    // Most literals have nothing to decode: no indentation to strip, no escape, no `$${`.
    let unchanged = match mode {
        LiteralMode::Quoted => !raw.contains(['$', '%', '\\']),
        LiteralMode::Heredoc { strip, .. } => strip == 0 && !raw.contains(['$', '%']),
    };
    if unchanged {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let (strip, mut at_line_start) = match mode {
        LiteralMode::Quoted => (0, false),
        LiteralMode::Heredoc { strip, body_start } => (
            strip,
            span.start == body_start
                || text.as_bytes().get(span.start.wrapping_sub(1)) == Some(&b'\n'),
        ),
    };
    let mut chars = raw.char_indices().peekable();
    let mut stripped = 0;
    while let Some((i, c)) = chars.next() {
        if at_line_start {
            if stripped < strip && (c == ' ' || c == '\t') {
                stripped += 1;
                continue;
            }
            at_line_start = false;
        }
        match c {
            '\n' => {
                out.push('\n');
                if strip > 0 {
                    at_line_start = true;
                    stripped = 0;
                }
            }
            '$' | '%' if raw.get(i + 1..i + 3) == Some(if c == '$' { "${" } else { "%{" }) => {
                // `$${` / `%%{`: the doubled sign is the escape.
                out.push(c);
                chars.next();
            }
            '\\' if matches!(mode, LiteralMode::Quoted) => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, 't')) => out.push('\t'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((j, u @ ('u' | 'U'))) => {
                    let width = if u == 'u' { 4 } else { 8 };
                    let decoded = raw
                        .get(j + 1..j + 1 + width)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    match decoded {
                        Some(ch) => {
                            out.push(ch);
                            for _ in 0..width {
                                chars.next();
                            }
                        }
                        None => {
                            out.push('\\');
                            out.push(u);
                        }
                    }
                }
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of the only occurrence of `needle` in `text` (panics in tests if absent or repeated).
    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle present");
        assert_eq!(
            text.rfind(needle),
            Some(start),
            "needle {needle:?} is not unique"
        );
        Span::new(start, start + needle.len())
    }

    fn attr<'a>(body: &'a HclBody, name: &str) -> &'a HclAttribute {
        body.attribute(name).expect("attribute present")
    }

    fn str_value(expr: &HclExpr) -> (&str, Span) {
        match &expr.kind {
            HclExprKind::Str { value, content } => (value, *content),
            other => panic!("expected Str, got {other:?}"),
        }
    }

    fn reference(parts: &[&str]) -> HclExprKind {
        HclExprKind::Reference(parts.iter().map(|s| s.to_string()).collect())
    }

    fn clean(text: &str) -> HclFile {
        let f = parse(text);
        assert!(f.issues.is_empty(), "unexpected issues: {:?}", f.issues);
        f
    }

    const DB: &str = r#"resource "aws_db_instance" "main" {
  deletion_protection = false
  skip_final_snapshot = var.skip
  lifecycle {
    prevent_destroy = true
  }
}
"#;

    /// Parses with both paths, asserts the fast path accepted the input and agrees exactly with
    /// tree-sitter, and returns the tree.
    fn both(text: &str) -> HclFile {
        let slow = parse_tree_sitter(text);
        assert!(
            slow.issues.is_empty(),
            "tree-sitter issues: {:?}",
            slow.issues
        );
        let fast = parse_fast(text).expect("fast path accepts valid input");
        assert_eq!(fast, slow, "paths differ on {text:?}");
        fast
    }

    #[test]
    fn fast_path_agrees_on_tricky_constructs() {
        let cases = [
            DB,
            "policy = <<EOF\n{\n  \"Action\": \"*\" # not a comment\n}\nEOF\n",
            "x = <<-EOT\n    a ${var.b}\n      c // no comment\n    EOT\n",
            "x = <<EOF\nbody\nEOF",
            "x = <<EOF\nEOF\n",
            "t = \"pre ${var.a} mid %{ if var.on }yes${x}%{ else }no%{ endif } post\"\n",
            "t = \"%{ for k, v in var.m }${k}=${v},%{ endfor }\"\n",
            "t = \"${~ var.a ~}\"\ne = \"\"\ns = \"a\\\"b\\\\c\\u00e9 $${lit} %%{lit}\"\n",
            "l = [for s in var.l : upper(s) if s != \"\"]\nm = {for k, v in var.m : k => v...}\n",
            "a = aws_instance.web[*].id\nb = var.x.*.y\nc = var.x[0][\"k\"].y\nd = x.0\ne = var.list[count.index]\n",
            "c = var.a ? \"x\" : null\nd = (var.z)\ne = (var.a).b\nf = -1\ng = !var.b\nh = 1 + 2 * 3\n",
            "o = { a = 1, \"b-c\" = 2, (var.k) = 3, d : null, \"${x}\" = 4, e.f = 5 }\n",
            "o = {\n  a = 1 # trailing\n  b = 2\n}\n",
            "f = merge(local.a, { x = 1 }, [1, 2]...)\ng = jsonencode({})\nh = provider::aws::arn_parse(\"x\")\n",
            "n = [1, 2.5, 1.5e3, 0.5E-2, 42]\nz = null\nt = true\nu = false\n",
            "a \"b\" c {\n  d {\n    e {\n      f = 1\n    }\n  }\n}\none { x = 1 }\nempty {}\n",
            "# hash\n// slashes\n/* block\n comment */\na = [ # inside\n  1, /* mid */ 2 ]\nb = x + /* op */ y\nc = \"# no\" // yes\n",
            "resource \"x\" \"y\" {\r\n  enabled = true # c\r\n  name = \"n\"\r\n  h = <<EOF\r\nline\r\nEOF\r\n}\r\n",
            "\u{feff}# c\nresource \"x\" \"y\" {\n  a = 1\n}\n",
            "a = 1",
            "",
        ];
        for case in cases {
            both(case);
        }
    }

    #[test]
    fn fast_path_declines_broken_and_ambiguous_input() {
        for text in [
            "resource \"a\" \"b\" {\n  x = 1\n",
            "a = [1, 2\nb = 3\n",
            "a = 1\na = 2\n",
            "{\n  \"region\": \"x\"\n}\n",
            "k = \"a/$$${var.x}\"\n",
        ] {
            assert!(parse_fast(text).is_none(), "{text:?}");
        }
        // Duplicate attributes are valid for tree-sitter: the fallback still converts them.
        assert_eq!(parse("a = 1\na = 2\n").body.attributes.len(), 2);
    }

    #[test]
    fn fast_path_reads_chained_conditionals_right_associatively() {
        // tree-sitter-hcl nests `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL evaluates
        // `a ? b : (c ? d : e)`, which is what the fast path (and so `parse`) returns.
        let t = "x = a ? b : c ? d : e\n";
        let f = parse(t);
        let HclExprKind::Conditional {
            condition,
            otherwise,
            ..
        } = &attr(&f.body, "x").expr.kind
        else {
            panic!("conditional expected")
        };
        assert_eq!(condition.kind, reference(&["a"]));
        assert_eq!(otherwise.span, at(t, "c ? d : e"));
    }

    #[test]
    fn resource_with_nested_lifecycle() {
        let f = clean(DB);
        assert_eq!(f.body.blocks.len(), 1);
        let b = &f.body.blocks[0];
        assert_eq!(b.kind, "resource");
        assert_eq!(b.kind_span, Span::new(0, 8));
        assert_eq!(
            b.labels,
            vec![
                ("aws_db_instance".to_string(), Span::new(10, 25)),
                ("main".to_string(), Span::new(28, 32)),
            ]
        );
        assert_eq!(b.span, Span::new(0, DB.len() - 1));
        let dp = attr(&b.body, "deletion_protection");
        assert_eq!(dp.name_span, at(DB, "deletion_protection"));
        assert_eq!(dp.span, at(DB, "deletion_protection = false"));
        assert_eq!(dp.expr.kind, HclExprKind::Bool(false));
        assert_eq!(dp.expr.span, at(DB, "false"));
        let skip = attr(&b.body, "skip_final_snapshot");
        assert_eq!(skip.expr.kind, reference(&["var", "skip"]));
        assert_eq!(skip.expr.span, at(DB, "var.skip"));
        let lc = b.body.blocks_of("lifecycle").next().expect("lifecycle");
        assert!(lc.labels.is_empty());
        assert_eq!(lc.kind_span, at(DB, "lifecycle"));
        let pd = attr(&lc.body, "prevent_destroy");
        assert_eq!(pd.expr.kind, HclExprKind::Bool(true));
        assert_eq!(pd.expr.span, at(DB, "true"));
        assert!(f.comments.is_empty());
    }

    #[test]
    fn provider_with_literal_key() {
        let t = "provider \"aws\" {\n  region     = \"us-east-1\"\n  access_key = \"AKIAIOSFODNN7EXAMPLE\"\n}\n";
        let f = clean(t);
        let p = &f.body.blocks[0];
        assert_eq!(p.kind, "provider");
        assert_eq!(p.labels, vec![("aws".to_string(), Span::new(10, 13))]);
        let key = attr(&p.body, "access_key");
        let (value, content) = str_value(&key.expr);
        assert_eq!(value, "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(content, at(t, "AKIAIOSFODNN7EXAMPLE"));
        assert_eq!(key.expr.span, at(t, "\"AKIAIOSFODNN7EXAMPLE\""));
    }

    #[test]
    fn terraform_backend_s3() {
        let t = "terraform {\n  backend \"s3\" {\n    bucket = \"state-bucket\"\n    key    = \"prod/terraform.tfstate\"\n    encrypt = true\n  }\n}\n";
        let f = clean(t);
        let tf = &f.body.blocks[0];
        assert_eq!(tf.kind, "terraform");
        let backend = &tf.body.blocks[0];
        assert_eq!(backend.kind, "backend");
        assert_eq!(backend.labels, vec![("s3".to_string(), at(t, "s3"))]);
        assert_eq!(
            str_value(&attr(&backend.body, "bucket").expr).0,
            "state-bucket"
        );
        let (key, key_content) = str_value(&attr(&backend.body, "key").expr);
        assert_eq!(key, "prod/terraform.tfstate");
        assert_eq!(key_content, at(t, "prod/terraform.tfstate"));
        assert_eq!(
            attr(&backend.body, "encrypt").expr.kind,
            HclExprKind::Bool(true)
        );
    }

    #[test]
    fn module_with_arguments() {
        let t = r#"module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  cidr    = var.cidr
  azs     = ["eu-west-1a", "eu-west-1b"]
  count   = 2
  tags    = merge(local.tags, { Name = "vpc" })
}
"#;
        let f = clean(t);
        let m = &f.body.blocks[0];
        assert_eq!(m.kind, "module");
        assert_eq!(m.labels[0].0, "vpc");
        assert_eq!(
            str_value(&attr(&m.body, "source").expr),
            (
                "terraform-aws-modules/vpc/aws",
                at(t, "terraform-aws-modules/vpc/aws")
            )
        );
        assert_eq!(
            attr(&m.body, "count").expr.kind,
            HclExprKind::Num("2".into())
        );
        let HclExprKind::Tuple(azs) = &attr(&m.body, "azs").expr.kind else {
            panic!("tuple expected")
        };
        assert_eq!(azs.len(), 2);
        assert_eq!(str_value(&azs[1]), ("eu-west-1b", at(t, "eu-west-1b")));
        let HclExprKind::Call { name, args } = &attr(&m.body, "tags").expr.kind else {
            panic!("call expected")
        };
        assert_eq!(name, "merge");
        assert_eq!(args[0].kind, reference(&["local", "tags"]));
        let HclExprKind::Object(items) = &args[1].kind else {
            panic!("object expected")
        };
        assert_eq!(items[0].key, "Name");
        assert_eq!(items[0].key_span, at(t, "Name"));
        assert_eq!(str_value(&items[0].value).0, "vpc");
    }

    #[test]
    fn variable_with_default() {
        let t = "variable \"env\" {\n  type    = string\n  default = \"dev\"\n  sensitive = false\n}\nvariable \"m\" {\n  default = { \"a-b\" = 1, c : null, (var.k) = 2 }\n}\n";
        let f = clean(t);
        let v = &f.body.blocks[0];
        assert_eq!(v.labels[0].0, "env");
        assert_eq!(attr(&v.body, "type").expr.kind, reference(&["string"]));
        assert_eq!(
            str_value(&attr(&v.body, "default").expr),
            ("dev", at(t, "dev"))
        );
        let HclExprKind::Object(items) = &attr(&f.body.blocks[1].body, "default").expr.kind else {
            panic!("object expected")
        };
        let keys: Vec<(&str, Span)> = items.iter().map(|i| (i.key.as_str(), i.key_span)).collect();
        let c = at(t, "c :").start;
        assert_eq!(
            keys,
            vec![
                ("a-b", at(t, "a-b")),
                ("c", Span::new(c, c + 1)),
                ("(var.k)", at(t, "(var.k)")),
            ]
        );
        assert_eq!(items[1].value.kind, HclExprKind::Null);
    }

    #[test]
    fn locals_with_conditional() {
        let t = "locals {\n  is_prod = var.env == \"prod\" ? true : false\n}\n";
        let f = clean(t);
        let l = &f.body.blocks[0];
        assert_eq!(l.kind, "locals");
        let e = &attr(&l.body, "is_prod").expr;
        assert_eq!(e.span, at(t, "var.env == \"prod\" ? true : false"));
        let HclExprKind::Conditional {
            condition,
            then,
            otherwise,
        } = &e.kind
        else {
            panic!("conditional expected")
        };
        assert_eq!(condition.kind, HclExprKind::Other);
        assert_eq!(condition.span, at(t, "var.env == \"prod\""));
        assert_eq!(then.kind, HclExprKind::Bool(true));
        assert_eq!(then.span, at(t, "true"));
        assert_eq!(otherwise.kind, HclExprKind::Bool(false));
    }

    #[test]
    fn template_interpolation() {
        let t = "x = \"${var.env}-db\"\n";
        let f = clean(t);
        let e = &attr(&f.body, "x").expr;
        assert_eq!(e.span, Span::new(4, 19));
        assert_eq!(
            e.kind,
            HclExprKind::Template(vec![
                TemplatePart::Interpolation(HclExpr {
                    span: Span::new(7, 14),
                    kind: reference(&["var", "env"]),
                }),
                TemplatePart::Literal {
                    value: "-db".into(),
                    span: Span::new(15, 18),
                },
            ])
        );
    }

    #[test]
    fn template_directive_and_escapes() {
        let t = r#"a = "say \"hi\"\n\t\\ $${literal} %%{x} \u00e9"
b = "pre %{ if var.on }yes%{ else }no%{ endif } post"
"#;
        let f = clean(t);
        let (value, _) = str_value(&attr(&f.body, "a").expr);
        assert_eq!(value, "say \"hi\"\n\t\\ ${literal} %{x} é");
        let HclExprKind::Template(parts) = &attr(&f.body, "b").expr.kind else {
            panic!("template expected")
        };
        let rendered: Vec<String> = parts
            .iter()
            .map(|p| match p {
                TemplatePart::Literal { value, .. } => value.clone(),
                TemplatePart::Interpolation(e) => format!("<{}>", e.span.slice(t)),
            })
            .collect();
        assert_eq!(rendered, vec!["pre ", "<var.on>", "yes", "no", " post"]);
    }

    #[test]
    fn heredocs() {
        let t = "policy = <<EOF\n{\n  \"Action\": \"*\"\n}\nEOF\nindented = <<-EOT\n    line one\n      line two\n    EOT\ntpl = <<EOT\nhello ${var.name}!\nEOT\n";
        let f = clean(t);
        let (value, content) = str_value(&attr(&f.body, "policy").expr);
        assert_eq!(value, "{\n  \"Action\": \"*\"\n}\n");
        assert_eq!(content, at(t, "{\n  \"Action\": \"*\"\n}\n"));
        assert_eq!(
            attr(&f.body, "policy").expr.span,
            at(t, "<<EOF\n{\n  \"Action\": \"*\"\n}\nEOF")
        );
        let (value, content) = str_value(&attr(&f.body, "indented").expr);
        assert_eq!(value, "line one\n  line two\n");
        assert_eq!(content, at(t, "    line one\n      line two\n"));
        let HclExprKind::Template(parts) = &attr(&f.body, "tpl").expr.kind else {
            panic!("template expected")
        };
        assert_eq!(
            parts,
            &vec![
                TemplatePart::Literal {
                    value: "hello ".into(),
                    span: at(t, "hello "),
                },
                TemplatePart::Interpolation(HclExpr {
                    span: at(t, "var.name"),
                    kind: reference(&["var", "name"]),
                }),
                TemplatePart::Literal {
                    value: "!\n".into(),
                    span: at(t, "!\n"),
                },
            ]
        );
    }

    #[test]
    fn heredoc_at_end_of_file_without_newline() {
        let t = "x = <<EOF\nbody\nEOF";
        let f = clean(t);
        assert_eq!(
            str_value(&attr(&f.body, "x").expr),
            ("body\n", Span::new(10, 15))
        );
        assert_eq!(attr(&f.body, "x").span, Span::new(0, t.len()));
    }

    #[test]
    fn dynamic_blocks() {
        let t = r#"resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port = ingress.value.port
      cidr      = ingress.value["cidr"]
    }
  }
}
"#;
        let f = clean(t);
        let d = &f.body.blocks[0].body.blocks[0];
        assert_eq!(d.kind, "dynamic");
        assert_eq!(d.labels, vec![("ingress".to_string(), Span::new(48, 55))]);
        assert_eq!(
            attr(&d.body, "for_each").expr.kind,
            reference(&["var", "rules"])
        );
        let content = &d.body.blocks[0];
        assert_eq!(content.kind, "content");
        assert_eq!(
            attr(&content.body, "from_port").expr.kind,
            reference(&["ingress", "value", "port"])
        );
        assert_eq!(
            attr(&content.body, "cidr").expr.kind,
            reference(&["ingress", "value", "[\"cidr\"]"])
        );
    }

    #[test]
    fn references_with_indexes() {
        let t = "a = aws_instance.web[0].id\nb = data.aws_iam_policy_document.x.json\nc = module.m.out\nd = each.value\ne = var.list[count.index]\nf = x.0\ng = aws_instance.web[*].id\nh = (var.z)\ni = -1\nj = [for s in var.l : upper(s)]\nk = a + b\n";
        let f = clean(t);
        let kind = |n: &str| attr(&f.body, n).expr.kind.clone();
        assert_eq!(kind("a"), reference(&["aws_instance", "web", "[0]", "id"]));
        assert_eq!(
            kind("b"),
            reference(&["data", "aws_iam_policy_document", "x", "json"])
        );
        assert_eq!(kind("c"), reference(&["module", "m", "out"]));
        assert_eq!(kind("d"), reference(&["each", "value"]));
        assert_eq!(kind("e"), reference(&["var", "list", "[count.index]"]));
        assert_eq!(kind("f"), reference(&["x", "[0]"]));
        assert_eq!(kind("g"), HclExprKind::Other);
        assert_eq!(kind("h"), reference(&["var", "z"]));
        assert_eq!(attr(&f.body, "h").expr.span, at(t, "var.z"));
        assert_eq!(kind("i"), HclExprKind::Other);
        assert_eq!(kind("j"), HclExprKind::Other);
        assert_eq!(kind("k"), HclExprKind::Other);
        assert_eq!(attr(&f.body, "k").expr.span, at(t, "a + b"));
    }

    #[test]
    fn tfvars_file() {
        let t = "region = \"eu-west-1\"\ninstance_count = 3\nenable = true\nsubnets = [\"a\", \"b\"]\ntags = {\n  Owner = \"me\"\n}\n";
        let f = parse_tfvars(t);
        assert!(f.issues.is_empty());
        assert!(f.body.blocks.is_empty());
        let names: Vec<&str> = f.body.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["region", "instance_count", "enable", "subnets", "tags"]
        );
        assert_eq!(
            str_value(&attr(&f.body, "region").expr),
            ("eu-west-1", at(t, "eu-west-1"))
        );
        assert_eq!(
            attr(&f.body, "instance_count").expr.kind,
            HclExprKind::Num("3".into())
        );
    }

    #[test]
    fn json_style_tfvars_object() {
        let t = "{\n  \"region\": \"eu-west-1\",\n  \"count\": 2\n}\n";
        let f = parse_tfvars(t);
        assert!(f.issues.is_empty(), "{:?}", f.issues);
        assert_eq!(f.body.attributes.len(), 2);
        assert_eq!(f.body.attributes[0].name, "region");
        assert_eq!(f.body.attributes[0].name_span, Span::new(5, 11));
        assert_eq!(f.body.attributes[1].expr.kind, HclExprKind::Num("2".into()));
    }

    #[test]
    fn missing_closing_brace() {
        let t = "resource \"a\" \"b\" {\n  x = 1\n}\nresource \"c\" \"d\" {\n  y = 2\n";
        let f = parse(t);
        assert_eq!(f.body.blocks.len(), 2);
        assert_eq!(f.body.blocks[0].labels[1].0, "b");
        assert_eq!(
            attr(&f.body.blocks[1].body, "y").expr.kind,
            HclExprKind::Num("2".into())
        );
        assert_eq!(
            f.issues,
            vec![ParseIssue {
                span: Span::new(t.len(), t.len()),
                message: "missing `}`".into(),
            }]
        );
    }

    #[test]
    fn missing_bracket_in_tuple() {
        let t = "a = [1, 2\nb = 3\n";
        let f = parse(t);
        assert_eq!(f.issues.len(), 1);
        assert_eq!(f.issues[0].message, "missing `]`");
        assert_eq!(attr(&f.body, "b").expr.kind, HclExprKind::Num("3".into()));
    }

    #[test]
    fn garbage_between_blocks() {
        let t = "resource \"a\" \"b\" {\n  x = 1\n}\n\u{1}\u{2} @@@ ~~~\nvariable \"v\" {\n  default = 3\n}\n";
        let f = parse(t);
        let kinds: Vec<&str> = f.body.blocks.iter().map(|b| b.kind.as_str()).collect();
        assert_eq!(kinds, vec!["resource", "variable"]);
        assert_eq!(
            attr(&f.body.blocks[1].body, "default").expr.span,
            at(t, "3")
        );
        assert_eq!(
            f.issues,
            vec![ParseIssue {
                span: at(t, "\u{1}\u{2} @@@ ~~~"),
                message: "unexpected `\\u{1}\\u{2}`".into(),
            }]
        );
    }

    #[test]
    fn garbage_inside_a_block_keeps_the_rest() {
        let t = "resource \"a\" \"b\" {\n  x = 1\n  = = =\n  y = 2\n}\nvariable \"v\" {}\n";
        let f = parse(t);
        // tree-sitter folds `1 … variable "v"` into one error inside `x`'s value; the parse restarts
        // at `variable`, so the resource keeps `x` (value unknown) and the variable survives.
        assert_eq!(
            f.issues,
            vec![ParseIssue {
                span: at(t, "1\n  = = =\n  y = 2\n}"),
                message: "unexpected `1`".into(),
            }]
        );
        let kinds: Vec<&str> = f.body.blocks.iter().map(|b| b.kind.as_str()).collect();
        assert_eq!(kinds, vec!["resource", "variable"]);
        assert_eq!(
            attr(&f.body.blocks[0].body, "x").expr.kind,
            HclExprKind::Other
        );
        assert_eq!(f.body.blocks[1].labels[0].0, "v");
    }

    #[test]
    fn unterminated_string_keeps_following_blocks() {
        let t = "resource \"a\" \"b\" {\n  x = \"unterminated\n  y = 2\n}\nvariable \"v\" {\n  default = 1\n}\n";
        let f = parse(t);
        assert_eq!(f.issues[0].message, "unterminated string");
        assert_eq!(f.issues[0].span, at(t, "\"unterminated"));
        let kinds: Vec<&str> = f.body.blocks.iter().map(|b| b.kind.as_str()).collect();
        assert_eq!(kinds, vec!["resource", "variable"]);
        assert_eq!(
            attr(&f.body.blocks[1].body, "default").expr.kind,
            HclExprKind::Num("1".into())
        );
    }

    #[test]
    fn issues_are_capped() {
        let t = "ok = 1\n".to_string() + &"@@ $$ ]]\n".repeat(200) + "last = 2\n";
        let f = parse(&t);
        assert!(!f.issues.is_empty() && f.issues.len() <= MAX_ISSUES);
        assert_eq!(attr(&f.body, "ok").expr.kind, HclExprKind::Num("1".into()));
    }

    #[test]
    fn empty_and_blank_input() {
        assert_eq!(parse(""), HclFile::default());
        assert_eq!(parse("\n\n  \t\n"), HclFile::default());
        let f = parse("# only a comment");
        assert_eq!(f.comments, vec![Span::new(0, 16)]);
        assert!(f.issues.is_empty() && f.body == HclBody::default());
    }

    #[test]
    fn comments_of_all_styles() {
        let t = "# hash\n// slashes\n/* block\n comment */\na = [ # inside\n  1, /* mid */ 2 ]\nb = x + /* op */ y\n";
        let f = clean(t);
        assert_eq!(
            f.comments,
            vec![
                at(t, "# hash"),
                at(t, "// slashes"),
                at(t, "/* block\n comment */"),
                at(t, "# inside"),
                at(t, "/* mid */"),
                at(t, "/* op */"),
            ]
        );
        let HclExprKind::Tuple(items) = &attr(&f.body, "a").expr.kind else {
            panic!("tuple expected")
        };
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn bom_and_crlf() {
        let t =
            "\u{feff}# c\r\nresource \"x\" \"y\" {\r\n  enabled = true\r\n  name = \"n\"\r\n}\r\n";
        let f = clean(t);
        assert_eq!(f.comments, vec![Span::new(3, 6)]);
        let b = &f.body.blocks[0];
        assert_eq!(b.kind_span, at(t, "resource"));
        assert_eq!(attr(&b.body, "enabled").expr.span, at(t, "true"));
        let quoted = at(t, "\"n\"");
        assert_eq!(
            str_value(&attr(&b.body, "name").expr),
            ("n", Span::new(quoted.start + 1, quoted.end - 1))
        );
    }

    #[test]
    fn deep_tuple_nesting_is_cut_off() {
        let t = format!("x = {}\n", "[".repeat(100_000));
        let f = parse(&t);
        assert!(!f.issues.is_empty());
        let t = format!(
            "x = {}{}\ny = 1\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let f = parse(&t);
        assert!(f
            .issues
            .iter()
            .any(|i| i.message.contains("nesting deeper than")));
        assert_eq!(attr(&f.body, "y").expr.kind, HclExprKind::Num("1".into()));
        let mut depth = 0;
        let mut e = &attr(&f.body, "x").expr;
        while let HclExprKind::Tuple(items) = &e.kind {
            depth += 1;
            match items.first() {
                Some(inner) => e = inner,
                None => break,
            }
        }
        assert!(depth <= MAX_DEPTH + 1, "depth {depth}");
    }

    #[test]
    fn deep_block_nesting_is_cut_off() {
        let t = format!("{}{}", "a {\n".repeat(10_000), "}\n".repeat(10_000));
        let f = parse(&t);
        assert_eq!(f.body.blocks.len(), 1);
        assert!(f
            .issues
            .iter()
            .any(|i| i.message.contains("nesting deeper than")));
        let t = "a {\n".repeat(10_000);
        let f = parse(&t);
        assert!(!f.issues.is_empty());
    }

    #[test]
    fn deep_parentheses_and_templates() {
        let t = format!("x = {}1{}\n", "(".repeat(20_000), ")".repeat(20_000));
        let f = parse(&t);
        assert!(f
            .issues
            .iter()
            .any(|i| i.message.contains("nesting deeper than")));
        let t = format!("x = \"{}\n", "${\"".repeat(3_000));
        let f = parse(&t);
        assert!(!f.issues.is_empty());
    }

    #[test]
    fn many_resources() {
        let mut t = String::new();
        for i in 0..2_000 {
            t.push_str(&format!(
                "resource \"aws_db_instance\" \"r{i}\" {{\n  deletion_protection = false\n  name = \"db-${{var.env}}-{i}\"\n}}\n\n"
            ));
        }
        let f = clean(&t);
        assert_eq!(f.body.blocks.len(), 2_000);
        assert_eq!(f.body.blocks[1_999].labels[1].0, "r1999");
    }

    /// Every prefix of a realistic file (cut on character boundaries) parses without panicking and
    /// with all spans inside the text.
    #[test]
    fn prefixes_never_panic() {
        let t = format!("{DB}locals {{\n  s = \"a${{b}}c\" # é\n  h = <<-EOT\n    x ${{y}}\n  EOT\n  o = {{ k = [1, 2.5e3, null] }}\n}}\n");
        for end in 0..=t.len() {
            let Some(prefix) = t.get(..end) else { continue };
            let f = parse(prefix);
            for issue in &f.issues {
                assert!(issue.span.end <= prefix.len(), "{issue:?} in {prefix:?}");
            }
            for c in &f.comments {
                assert!(c.end <= prefix.len());
            }
            check_spans(&f.body, prefix.len());
        }
    }

    fn check_spans(body: &HclBody, len: usize) {
        for a in &body.attributes {
            assert!(a.span.end <= len && a.name_span.end <= len && a.expr.span.end <= len);
        }
        for b in &body.blocks {
            assert!(b.span.end <= len && b.labels.iter().all(|(_, s)| s.end <= len));
            check_spans(&b.body, len);
        }
    }
}
