//! HCL (Terraform `.tf` / `.tfvars`) parser: tree-sitter-hcl's concrete syntax tree turned into the
//! format-neutral [`HclFile`].
//!
//! Valid files first go through the `hcl-edit` fast path (`fast.rs`, ~6× less CPU), which
//! builds the same tree; only what it rejects comes here. One known, deliberate difference: a chain
//! `a ? b : c ? d : e` is nested right-associatively there (as HCL evaluates it), while
//! tree-sitter-hcl nests it as `(a ? b : c) ? d : e`.
//!
//! Why tree-sitter: it never fails, it recovers from broken input and keeps going, so a linter still
//! sees every block before (and usually after) a typo. What this module adds on top:
//!
//! * a conversion that keeps byte spans everywhere and decodes strings, labels and object keys, so
//!   rules compare plain `String`s but can still point at exact characters;
//! * a depth limit ([`MAX_DEPTH`](crate::syntax::tree::MAX_DEPTH)) on the recursive conversion, so hostile nesting cannot overflow
//!   the stack (tree-sitter itself parses iteratively);
//! * a time budget on tree-sitter ([`super::budget::parse_budget`]), so pathological input is cut off;
//! * resynchronisation after a syntax error: tree-sitter sometimes swallows the following blocks
//!   into one `ERROR` node, so we restart the parse at the next line inside it that starts in
//!   column 0 with an identifier (how every formatted top-level block or attribute starts);
//! * UTF-8 BOM and a missing final newline handled by feeding tree-sitter a slightly different byte
//!   stream of the same length (the BOM becomes spaces), so spans stay offsets into the caller's
//!   text.
//!
//! The folder, one job a file: `fast.rs` (hcl-edit), `tolerant.rs` (tree-sitter, with recovery and
//! budgets), `convert.rs` (tree-sitter's tree to [`HclFile`]), `literal.rs` (template text decoding,
//! shared by both paths so they cut and decode strings alike).

mod convert;
mod fast;
mod literal;
#[cfg(test)]
mod tests;
mod tolerant;

use super::tree::HclFile;

pub use tolerant::parse_tree_sitter;

/// Parses a Terraform / HCL file. Never fails and never panics: what could not be read is reported
/// in [`HclFile::issues`] and the rest is converted.
///
/// Spans: block labels and string object keys point between the quotes (like
/// `HclExprKind::Str::content`); every other span covers the construct as written.
pub fn parse(text: &str) -> HclFile {
    // Valid files (nearly all of them) take the fast path; it declines anything it cannot convert
    // exactly, and tree-sitter then recovers and reports issues as before.
    if let Some(file) = fast::parse(text) {
        return file;
    }
    parse_tree_sitter(text)
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
    fast::parse(text)
}
