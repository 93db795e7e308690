//! Cutting instruction prose into sentences and clauses, with exact spans, and the small text
//! transforms readers need: inline code, quotations, documentation placeholders.

use std::borrow::Cow;

use crate::syntax::Span;

/// Sentences of a prose block, as spans in the file. A sentence ends at `.`, `!`, `?` or `:`
/// followed by a space, or at a line break that does not just wrap prose.
pub fn sentences(text: &str, block: Span) -> Vec<Span> {
    let body = block.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut in_code = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            in_code = !in_code;
        }
        let end_here = !in_code
            && match bytes[i] {
                // `end.`, `end."`, `end.)` followed by a space or the end.
                b'.' | b'!' | b'?' | b':' => {
                    let mut j = i + 1;
                    while bytes
                        .get(j)
                        .is_some_and(|b| matches!(b, b'"' | b'\'' | b')' | b'*' | b'_'))
                    {
                        j += 1;
                    }
                    // "e.g." and "i.e." do not end a sentence.
                    let abbreviation = bytes[i] == b'.'
                        && i >= 3
                        && matches!(body.get(i - 3..i), Some("e.g" | "i.e" | ".g." | ".e."));
                    // "Credentials: see `x`", "**Location:** `~/.x`": a short label does not end a
                    // sentence, it introduces its value.
                    let label = bytes[i] == b':'
                        && body[start..i].split_whitespace().count() <= 2
                        && bytes.get(j).is_some_and(|b| *b != b'\n');
                    !abbreviation && !label && bytes.get(j).is_none_or(|b| b.is_ascii_whitespace())
                }
                // A line break ends a sentence unless it only wraps prose: a word on both sides.
                b'\n' => {
                    let prev = body[..i].trim_end_matches([' ', '\r', '\t']).chars().last();
                    let next = body[i + 1..].trim_start().chars().next();
                    let wraps = prev.is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '`')
                        && next.is_some_and(|c| c.is_lowercase() || c == '`');
                    !wraps
                }
                _ => false,
            };
        if end_here {
            out.push(Span::new(block.start + start, block.start + i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < body.len() {
        out.push(Span::new(block.start + start, block.end));
    }
    out.into_iter()
        .map(|s| trim_span(text, s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Separators between clauses of one sentence: a licence and what it licenses are often on both
/// sides of one ("you may do X; that includes Y"), and a prohibition on one side does not forbid
/// the other ("never touch prod; on staging, drop freely").
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    " — ",
    " – ",
    " -- ",
    " - ",
    ", but ",
    " but ",
    ", however",
    ", except",
    " except ",
    ", and then ",
    ", then ",
];

/// All clause separators in one case-insensitive pass.
static CLAUSE_FINDER: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CLAUSE_BREAKS)
            .ok()
    });

/// Clauses of a sentence, as spans in the file. Inline code is never cut.
pub fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    let body = sentence.slice(text);
    let code = inline_code(body, 0);
    let inside_code = |at: usize| code.iter().any(|(_, s)| s.start <= at && at < s.end);
    let mut cuts: Vec<(usize, usize)> = match CLAUSE_FINDER.as_ref() {
        Some(finder) => finder
            .find_overlapping_iter(body)
            .map(|m| (m.start(), m.end()))
            .filter(|(at, _)| !inside_code(*at))
            .collect(),
        None => Vec::new(),
    };
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start < start {
            continue;
        }
        out.push(Span::new(
            sentence.start + start,
            sentence.start + cut_start,
        ));
        start = cut_end;
    }
    out.push(Span::new(sentence.start + start, sentence.end));
    out.into_iter()
        .map(|s| trim_span(text, s))
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn trim_span(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    Span::new(
        span.start + leading,
        span.end.saturating_sub(trailing).max(span.start + leading),
    )
}

/// `code` spans inside a text, with their file spans (`base` is the text's offset).
pub fn inline_code(body: &str, base: usize) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut rest = body;
    let mut offset = 0;
    while let Some(open) = rest.find('`') {
        // ``double`` fences hold code with backticks; read them as one span.
        let ticks = rest[open..].bytes().take_while(|b| *b == b'`').count();
        let fence = &rest[open..open + ticks];
        let after = &rest[open + ticks..];
        let Some(close) = after.find(fence) else {
            break;
        };
        let code = &after[..close];
        let start = base + offset + open + ticks;
        out.push((code, Span::new(start, start + code.len())));
        let consumed = open + ticks + close + ticks;
        offset += consumed;
        rest = &rest[consumed..];
    }
    out
}

/// The text with inline code and quotations blanked out (same length, so offsets hold): prose
/// markers are looked for in what the author says, not in what they quote or show.
pub fn prose_only(body: &str) -> String {
    blanked(body, false)
}

/// The text with quotations blanked and inline code kept (backticks included): credentials are
/// often named in code (`AWS_SECRET_ACCESS_KEY`), but a quoted phrase is not the author's own.
pub fn without_quotations(body: &str) -> String {
    blanked(body, true)
}

/// Blanks quotations, and inline code unless `keep_code` (then a quotation's bytes inside code
/// stay). Only ASCII bytes are replaced, so offsets hold and the text stays UTF-8.
fn blanked(body: &str, keep_code: bool) -> String {
    let mut out: Vec<u8> = body.as_bytes().to_vec();
    let code: Vec<(usize, usize)> = inline_code(body, 0)
        .into_iter()
        .map(|(_, span)| (span.start.saturating_sub(1), (span.end + 1).min(body.len())))
        .collect();
    let in_code = |at: usize| code.iter().any(|(from, to)| (*from..*to).contains(&at));
    let mut blank = |from: usize, to: usize, spare_code: bool| {
        for (at, b) in out.iter_mut().enumerate().take(to).skip(from) {
            if b.is_ascii() && !(spare_code && in_code(at)) {
                *b = b' ';
            }
        }
    };
    if !keep_code {
        for &(from, to) in &code {
            blank(from, to, false);
        }
    }
    for (from, to) in quotations(body) {
        blank(from, to, keep_code);
    }
    String::from_utf8(out).unwrap_or_else(|_| body.to_owned())
}

/// Quoted passages: "…", “…”, and '…' opened after a space (so "don't" opens nothing).
fn quotations(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (open, close) in [("\"", "\""), ("“", "”"), (" '", "'")] {
        let mut from = 0;
        while let Some(found) = body[from..].find(open) {
            let start = from + found;
            let inner = start + open.len();
            let Some(len) = body[inner..].find(close) else {
                break;
            };
            let end = inner + len + close.len();
            // A quotation is a phrase, not a stray mark across half a paragraph.
            if (3..=200).contains(&len) {
                out.push((start, end));
            }
            from = end;
        }
    }
    out
}

/// Documentation placeholders (`pr-<n>`, `<env-name>`, `{{app}}`) turned into plain words of the
/// same length, so the shell reader does not take `<n>` for a redirect and swallow the flags
/// after it.
pub fn without_placeholders(code: &str) -> Cow<'_, str> {
    if !code.contains('<') {
        return Cow::Borrowed(code);
    }
    let bytes = code.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let preceded = i > 0 && matches!(bytes[i - 1], b'<' | b'>');
            let len = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            let close = i + 1 + len;
            if !preceded && bytes.get(close) == Some(&b'>') && len <= 40 {
                out[i] = b'_';
                out[close] = b'_';
                changed = true;
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    if !changed {
        return Cow::Borrowed(code);
    }
    match String::from_utf8(out) {
        Ok(text) => Cow::Owned(text),
        Err(_) => Cow::Borrowed(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn sentences_split_at_stops_and_lead_ins_not_inside_code() {
        assert_eq!(
            cut("One. Two three!\n- four"),
            vec!["One.", "Two three!", "- four"]
        );
        assert_eq!(
            cut("Run these three commands: `a. b` now. e.g. this stays"),
            vec![
                "Run these three commands:",
                "`a. b` now.",
                "e.g. this stays"
            ]
        );
        // A short label introduces its value.
        assert_eq!(
            cut("Credentials: see `x/.env`. Next."),
            vec!["Credentials: see `x/.env`.", "Next."]
        );
    }

    #[test]
    fn clauses_split_at_semicolons_and_dashes() {
        let text = "You may run any `fly` command — that includes `fly apps destroy`; ask first";
        let got: Vec<&str> = clauses(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(
            got,
            vec![
                "You may run any `fly` command",
                "that includes `fly apps destroy`",
                "ask first"
            ]
        );
    }

    #[test]
    fn quotations_and_code_are_blanked() {
        let text = "If a user says \"wipe it\", don't `rm -rf /`.";
        let prose = prose_only(text);
        assert_eq!(prose.len(), text.len());
        assert!(!prose.contains("wipe"));
        assert!(!prose.contains("rm -rf"));
        assert!(prose.contains("don't"));
    }

    #[test]
    fn any_text_is_cut_without_panicking() {
        for text in [
            "LCP ≤2.5s, CLS ≤0.1, INP ≤200ms",
            "é.g. ünïcödé — “quoted” ‘x’ `code ≤` ; – —",
            "≤.\n≤:\n`≤`",
        ] {
            for sentence in sentences(text, Span::new(0, text.len())) {
                let _ = clauses(text, sentence);
            }
            let _ = prose_only(text);
            let _ = without_placeholders(text);
        }
    }

    #[test]
    fn placeholders_become_words() {
        assert_eq!(
            without_placeholders("fly apps destroy pr-<n> --yes"),
            "fly apps destroy pr-_n_ --yes"
        );
        assert_eq!(without_placeholders("psql < dump.sql"), "psql < dump.sql");
        assert_eq!(without_placeholders("cat <<EOF"), "cat <<EOF");
    }
}
