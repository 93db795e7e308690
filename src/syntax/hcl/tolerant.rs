//! The error-tolerant path: tree-sitter-hcl with a time budget, resynchronisation after top-level
//! errors, and issues named after what the user has to type. What it reads is converted by
//! [`super::convert`].

use std::ops::ControlFlow;
use std::time::Instant;

use tree_sitter::{ParseOptions, ParseState, Parser, Point, Tree};

use super::convert::{push_issue, trim_span, Converter};
use crate::syntax::tree::{HclBody, HclExpr, HclExprKind, HclFile, ParseIssue, Span, TemplatePart};
use crate::syntax::ts::span_of;

/// Restarts after a top-level error. Each restart re-parses the rest of the file, so the bound keeps
/// a file full of garbage linear-ish.
const MAX_RESYNCS: usize = 8;

/// Tree levels (from the root) at which [`scan_comments_and_errors`] checks whether a subtree can
/// hold a comment at all.
const SHORTCUT_LEVELS: usize = 12;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The error-tolerant tree-sitter path on its own: what [`super::parse`] falls back to for files
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
    let budget = crate::syntax::budget::parse_budget(text.len());
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
