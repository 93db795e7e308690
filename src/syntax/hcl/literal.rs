//! Literal template text: how both HCL paths decode `$${`, `%%{`, backslash escapes and `<<-`
//! indentation, and cut templates into parts. A leaf, so the fast path and the tree-sitter path
//! share it without importing each other.

use crate::syntax::tree::{Span, TemplatePart};

/// How a template literal's characters are decoded.
#[derive(Clone, Copy)]
pub(crate) enum LiteralMode {
    /// Between double quotes: backslash escapes apply.
    Quoted,
    /// A heredoc body: no backslash escapes; `strip` columns of leading whitespace come off every
    /// line (`<<-`), counting lines from `body_start`.
    Heredoc { strip: usize, body_start: usize },
}

/// The smallest indentation of the non-blank lines of an indented heredoc body, which `<<-`
/// removes from every line.
pub(crate) fn common_indent(body: &str) -> usize {
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0)
}

/// Adds the literal text of `gap` (clipped to `region`) to a template's parts, unless it is
/// empty. Shared by both HCL parse paths, so they cut templates the same way.
pub(crate) fn push_literal(
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
pub(crate) fn decode_literal(text: &str, span: Span, mode: LiteralMode) -> String {
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
