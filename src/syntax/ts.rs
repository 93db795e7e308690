//! Running a tree-sitter grammar: one parser per grammar per thread, reused across files (creating
//! a parser and loading a grammar for every small file costs more than parsing it), and a time
//! budget after which the parse is cancelled.

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::time::Instant;

use tree_sitter::{Language, Node, ParseOptions, Parser, Tree};

use super::tree::{ParseIssue, Span};

/// Why no tree came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The grammar could not be loaded (an ABI mismatch: a build problem, not an input problem).
    Grammar,
    /// The parse ran past its budget and was cancelled.
    TimedOut,
    /// tree-sitter gave up for another reason.
    Failed,
}

thread_local! {
    static PARSERS: RefCell<Vec<(&'static str, Parser)>> = const { RefCell::new(Vec::new()) };
}

/// Parse `text` with the grammar named `name`, within [`super::budget::parse_budget`].
pub fn parse(name: &'static str, language: &Language, text: &[u8]) -> Result<Tree, Failure> {
    PARSERS.with(|cell| {
        let Ok(mut parsers) = cell.try_borrow_mut() else {
            // Re-entered on this thread (never expected): use a fresh parser.
            return parse_with(&mut new_parser(language)?, text);
        };
        let index = match parsers.iter().position(|(n, _)| *n == name) {
            Some(index) => index,
            None => {
                parsers.push((name, new_parser(language)?));
                parsers.len() - 1
            }
        };
        let parser = &mut parsers[index].1;
        let result = parse_with(parser, text);
        // A cancelled parse leaves state behind that the next parse would try to resume.
        parser.reset();
        result
    })
}

fn new_parser(language: &Language) -> Result<Parser, Failure> {
    let mut parser = Parser::new();
    parser
        .set_language(language)
        .map_err(|_| Failure::Grammar)?;
    Ok(parser)
}

fn parse_with(parser: &mut Parser, text: &[u8]) -> Result<Tree, Failure> {
    let budget = super::budget::parse_budget(text.len());
    let started = Instant::now();
    let mut timed_out = false;
    let mut progress = |_: &tree_sitter::ParseState| {
        if started.elapsed() > budget {
            timed_out = true;
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let tree = parser.parse_with_options(
        &mut |i, _| text.get(i..).unwrap_or_default(),
        None,
        Some(ParseOptions::new().progress_callback(&mut progress)),
    );
    match tree {
        Some(tree) => Ok(tree),
        None if timed_out => Err(Failure::TimedOut),
        None => Err(Failure::Failed),
    }
}

/// Parse, or record why not: the issue every tree-sitter format reports when no tree comes back.
/// `label` names the format in messages ("YAML").
pub fn parse_or_issue(
    name: &'static str,
    label: &str,
    language: &Language,
    text: &str,
    parsed: &str,
    issues: &mut Vec<super::ParseIssue>,
) -> Option<Tree> {
    let failure = match parse(name, language, parsed.as_bytes()) {
        Ok(tree) => return Some(tree),
        Err(failure) => failure,
    };
    let (span, message) = match failure {
        Failure::Grammar => (
            super::Span::new(0, 0),
            format!("{label} grammar could not be loaded"),
        ),
        Failure::TimedOut => (
            super::Span::new(0, text.len()),
            format!("{label} parsing took too long; this file is not read"),
        ),
        Failure::Failed => (
            super::Span::new(0, text.len()),
            format!("{label} parser failed; this file is not read"),
        ),
    };
    issues.push(super::ParseIssue { span, message });
    None
}

/// The issues a parser reports on one file, at most this many: a broken file needs one good
/// pointer, and more only repeat the first ones' message.
pub const MAX_ISSUES: usize = 20;

/// A node's byte span in the text it was parsed from.
pub fn span_of(node: Node<'_>) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

/// A node's children, in order.
pub fn children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

/// Records a parse issue unless [`MAX_ISSUES`] are already recorded or one has the same span
/// (tree-sitter can report one error region through several nodes).
pub fn push_issue(issues: &mut Vec<ParseIssue>, span: Span, message: String) {
    if issues.len() < MAX_ISSUES && !issues.iter().any(|i| i.span == span) {
        issues.push(ParseIssue { span, message });
    }
}
