//! A hand-written scanner for `.env` files, read the way the common dotenv libraries read them.
//!
//! The format has no grammar worth a generator: one assignment per line, with quoted values that may
//! run over several lines. The scanner walks the bytes once, never backtracks past the current
//! assignment, and cuts the text only at ASCII delimiters, so every slice falls on a character
//! boundary and a file of any size or content is read in linear time without panicking.
//!
//! What it accepts (the union of python-dotenv, Node `dotenv` and `godotenv` habits):
//! * blank lines and `# comments` (their spans are collected for suppression handling);
//! * an optional `export ` prefix;
//! * `KEY=value` with blanks tolerated around `=`;
//! * unquoted values (trailing blanks trimmed, `` #`` after a blank starts an inline comment);
//! * `'single'` (literal) and `` `backtick` `` (literal) values, which may span lines;
//! * `"double"` values (escapes `\n \r \t \" \\ \$ \'`), which may span lines;
//! * `${VAR}` references, kept literally.
//!
//! Broken lines become [`ParseIssue`]s and scanning resumes at the next line.

use super::tree::{DotenvEntry, DotenvFile, ParseIssue, Span};

/// At most this many issues are recorded, so a large binary file does not produce a flood.
const MAX_ISSUES: usize = 1000;

/// Parses a whole `.env` file. Never fails: broken lines are reported in `issues`.
pub fn parse(text: &str) -> DotenvFile {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        out: DotenvFile::default(),
    };
    if text.starts_with('\u{feff}') {
        scanner.pos = '\u{feff}'.len_utf8();
    }
    while scanner.pos < scanner.bytes.len() {
        scanner.statement();
    }
    scanner.out
}

/// The value part of an assignment once read.
struct ValueRead {
    value: String,
    span: Span,
    quote: Option<char>,
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: DotenvFile,
}

/// Blanks inside a line. `\r` counts so that CRLF files read like LF files.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

impl<'a> Scanner<'a> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Index of the `\n` ending the line that contains `from`, or the end of the text.
    fn line_end(&self, from: usize) -> usize {
        self.bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(self.bytes.len(), |i| from + i)
    }

    /// End of the line's visible content: before the newline and any trailing `\r`.
    fn content_end(&self, from: usize) -> usize {
        let mut end = self.line_end(from);
        while end > from && self.byte(end - 1) == Some(b'\r') {
            end -= 1;
        }
        end
    }

    /// Moves past the newline of the line containing `pos`.
    fn next_line(&mut self) {
        self.pos = (self.line_end(self.pos) + 1).min(self.bytes.len());
    }

    fn skip_blanks(&mut self) {
        while self.byte(self.pos).is_some_and(is_blank) {
            self.pos += 1;
        }
    }

    fn issue(&mut self, span: Span, message: impl Into<String>) {
        if self.out.issues.len() < MAX_ISSUES {
            self.out.issues.push(ParseIssue {
                span,
                message: message.into(),
            });
        }
    }

    /// Reads one line (or one multi-line assignment) starting at `pos`.
    fn statement(&mut self) {
        self.skip_blanks();
        match self.byte(self.pos) {
            None => {}
            Some(b'\n') => self.pos += 1,
            Some(b'#') => {
                let end = self.content_end(self.pos);
                self.out.comments.push(Span::new(self.pos, end));
                self.next_line();
            }
            Some(_) => self.assignment(),
        }
    }

    /// Consumes `export` followed by a blank; `export=1` is a key named `export`.
    fn eat_export(&mut self) -> bool {
        let after = self.pos + "export".len();
        let is_prefix = self.bytes.get(self.pos..after) == Some(b"export".as_slice())
            && self.byte(after).is_some_and(|b| b == b' ' || b == b'\t');
        if is_prefix {
            self.pos = after;
            self.skip_blanks();
        }
        is_prefix
    }

    fn assignment(&mut self) {
        let start = self.pos;
        let exported = self.eat_export();
        let key_start = self.pos;
        while self
            .byte(self.pos)
            .is_some_and(|b| !matches!(b, b'=' | b' ' | b'\t' | b'\r' | b'\n'))
        {
            self.pos += 1;
        }
        let key_span = Span::new(key_start, self.pos);
        self.skip_blanks();
        // A bare name passes the variable through from the environment (`docker --env-file`,
        // python-dotenv; Windows names such as `ProgramFiles(x86)` too): valid, and it holds no
        // value.
        let bare_name = !exported
            && key_span.end > key_span.start
            && self.slice(key_span.start, key_span.end).bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'(' | b')' | b'-')
            })
            && matches!(self.byte(self.pos), None | Some(b'\n' | b'\r' | b'#'));
        if bare_name {
            self.next_line();
            return;
        }
        if self.byte(self.pos) != Some(b'=') {
            let end = self.content_end(start);
            self.issue(Span::new(start, end), "expected `KEY=value`");
            self.next_line();
            return;
        }
        self.pos += 1;
        self.skip_blanks();
        let key = self.slice(key_span.start, key_span.end).to_string();
        self.check_key(&key, key_span);
        let value = self.value();
        let end = self.finish_line();
        self.out.entries.push(DotenvEntry {
            key,
            key_span,
            value: value.value,
            value_span: value.span,
            quote: value.quote,
            exported,
            span: Span::new(start, end),
        });
    }

    /// Keys are kept even when odd, so rules still see them; the oddity is reported.
    fn check_key(&mut self, key: &str, span: Span) {
        if key.is_empty() {
            self.issue(span, "missing key before `=`");
        } else if !is_valid_key(key) {
            self.issue(span, format!("invalid key `{key}`"));
        }
    }

    /// After a value: an inline comment is collected, other text is reported. Returns the end of the
    /// line's content (the end of the entry's span) and moves to the next line.
    fn finish_line(&mut self) -> usize {
        let end = self.content_end(self.pos);
        self.skip_blanks();
        if self.pos < end {
            let rest = Span::new(self.pos, end);
            if self.byte(self.pos) == Some(b'#') {
                self.out.comments.push(rest);
            } else {
                self.issue(rest, "unexpected text after the closing quote");
            }
        }
        self.pos = end;
        self.next_line();
        end
    }

    fn value(&mut self) -> ValueRead {
        match self.byte(self.pos) {
            Some(q @ (b'\'' | b'"' | b'`')) => self.quoted(q),
            _ => self.unquoted(),
        }
    }

    /// An unquoted value runs to the end of the line; ` #` (a `#` after a blank) starts a comment.
    fn unquoted(&mut self) -> ValueRead {
        let start = self.pos;
        let end = self.content_end(start);
        let mut value_end = end;
        for i in start..end {
            let after_blank = i > 0 && self.byte(i - 1).is_some_and(is_blank);
            if self.byte(i) == Some(b'#') && after_blank {
                value_end = i;
                break;
            }
        }
        while value_end > start && self.byte(value_end - 1).is_some_and(is_blank) {
            value_end -= 1;
        }
        // Leave `pos` at the comment (or line end) so `finish_line` collects it.
        self.pos = value_end;
        ValueRead {
            value: self.slice(start, value_end).to_string(),
            span: Span::new(start, value_end),
            quote: None,
        }
    }

    /// A quoted value. An unterminated quote is reported at the opening quote and the value is
    /// taken to the end of that line, so one stray quote cannot swallow the rest of the file.
    fn quoted(&mut self, quote: u8) -> ValueRead {
        let open = self.pos;
        let content_start = open + 1;
        let close = self.find_close(content_start, quote);
        let content_end = match close {
            Some(c) => c,
            None => {
                self.issue(Span::new(open, content_start), "unterminated quoted value");
                self.content_end(content_start)
            }
        };
        let raw = self.slice(content_start, content_end);
        let value = if quote == b'"' {
            decode_double(raw)
        } else {
            raw.replace("\r\n", "\n")
        };
        self.pos = close.map_or(content_end, |c| c + 1);
        ValueRead {
            value,
            span: Span::new(content_start, content_end),
            quote: Some(char::from(quote)),
        }
    }

    /// The closing quote's index. Double quotes honour backslash escapes; the others are literal.
    ///
    /// A failed search only happens when no closing quote is left in the file, so later values
    /// cannot open another quote of that kind: the worst case stays linear.
    fn find_close(&self, from: usize, quote: u8) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        if quote != b'"' {
            return rest.iter().position(|&b| b == quote).map(|i| from + i);
        }
        let mut i = 0;
        while let Some(&b) = rest.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => return Some(from + i),
                _ => i += 1,
            }
        }
        None
    }
}

/// `[A-Za-z_][A-Za-z0-9_.-]*`: what shells and the dotenv libraries accept as a variable name,
/// plus the dots and dashes some libraries allow.
fn is_valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Applies the escapes dotenv libraries apply inside double quotes. Unknown escapes are kept as
/// written; CRLF line breaks inside the value become `\n`, as a text-mode read would give.
fn decode_double(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some(e @ ('"' | '\\' | '$' | '\'')) => out.push(e),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '\r' if chars.peek() == Some(&'\n') => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'f>(file: &'f DotenvFile, key: &str) -> &'f DotenvEntry {
        file.entries
            .iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no entry {key}: {file:#?}"))
    }

    fn messages(file: &DotenvFile) -> Vec<&str> {
        file.issues.iter().map(|i| i.message.as_str()).collect()
    }

    #[test]
    fn empty_input() {
        assert_eq!(parse(""), DotenvFile::default());
        assert_eq!(parse("\n\n  \n"), DotenvFile::default());
    }

    #[test]
    fn simple_assignment_spans() {
        let text = "API_KEY=abc123\n";
        let f = parse(text);
        assert!(f.issues.is_empty());
        let e = entry(&f, "API_KEY");
        assert_eq!(e.value, "abc123");
        assert_eq!(e.key_span, Span::new(0, 7));
        assert_eq!(e.value_span, Span::new(8, 14));
        assert_eq!(e.value_span.slice(text), "abc123");
        assert_eq!(e.span, Span::new(0, 14));
        assert_eq!(e.quote, None);
        assert!(!e.exported);
    }

    #[test]
    fn spaces_around_equals_and_export() {
        let text = "export  DB_URL = postgres://u:p@h/db  \n";
        let f = parse(text);
        assert!(f.issues.is_empty(), "{:?}", f.issues);
        let e = entry(&f, "DB_URL");
        assert!(e.exported);
        assert_eq!(e.value, "postgres://u:p@h/db");
        assert_eq!(e.key_span.slice(text), "DB_URL");
        assert_eq!(e.value_span.slice(text), "postgres://u:p@h/db");
        assert_eq!(e.span.slice(text), "export  DB_URL = postgres://u:p@h/db  ");
    }

    #[test]
    fn export_as_key() {
        let f = parse("export=1\n");
        assert_eq!(entry(&f, "export").value, "1");
        assert!(!f.entries[0].exported);
    }

    #[test]
    fn comments_and_inline_comments() {
        let text = "# header\nA=1 # one\nB=x#y\nC= # empty\nD='q' # quoted\n";
        let f = parse(text);
        assert!(f.issues.is_empty(), "{:?}", f.issues);
        let comments: Vec<&str> = f.comments.iter().map(|s| s.slice(text)).collect();
        assert_eq!(comments, ["# header", "# one", "# empty", "# quoted"]);
        assert_eq!(entry(&f, "A").value, "1");
        assert_eq!(entry(&f, "A").span.slice(text), "A=1 # one");
        assert_eq!(entry(&f, "B").value, "x#y");
        assert_eq!(entry(&f, "C").value, "");
        assert_eq!(entry(&f, "C").value_span, Span::new(28, 28));
        assert_eq!(entry(&f, "D").value, "q");
    }

    #[test]
    fn single_quotes_are_literal() {
        let text = "S='a\\nb $X ${Y}'\n";
        let f = parse(text);
        let e = entry(&f, "S");
        assert_eq!(e.value, "a\\nb $X ${Y}");
        assert_eq!(e.quote, Some('\''));
        assert_eq!(e.value_span.slice(text), "a\\nb $X ${Y}");
        assert_eq!(e.span.slice(text), "S='a\\nb $X ${Y}'");
    }

    #[test]
    fn double_quote_escapes() {
        let text = r#"D="line1\nline2 \"q\" \\ \$HOME \x""#;
        let f = parse(text);
        assert!(f.issues.is_empty());
        let e = entry(&f, "D");
        assert_eq!(e.value, "line1\nline2 \"q\" \\ $HOME \\x");
        assert_eq!(e.quote, Some('"'));
        assert_eq!(e.value_span, Span::new(3, text.len() - 1));
    }

    #[test]
    fn backtick_value() {
        let f = parse("B=`a \"b\" 'c'`\n");
        let e = entry(&f, "B");
        assert_eq!(e.value, "a \"b\" 'c'");
        assert_eq!(e.quote, Some('`'));
    }

    #[test]
    fn references_kept_literally() {
        let f = parse("URL=${HOST}:${PORT}\nQ=\"$USER-${X:-y}\"\n");
        assert_eq!(entry(&f, "URL").value, "${HOST}:${PORT}");
        assert_eq!(entry(&f, "Q").value, "$USER-${X:-y}");
    }

    #[test]
    fn multi_line_pem_in_double_quotes() {
        let text = "PRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIB\nAAKCAQEA\n-----END RSA PRIVATE KEY-----\"\nNEXT=1\n";
        let f = parse(text);
        assert!(f.issues.is_empty(), "{:?}", f.issues);
        let e = entry(&f, "PRIVATE_KEY");
        assert_eq!(
            e.value,
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIB\nAAKCAQEA\n-----END RSA PRIVATE KEY-----"
        );
        assert_eq!(e.value_span.slice(text), e.value);
        assert_eq!(e.span.start, 0);
        assert_eq!(e.span.end, text.find("\nNEXT").unwrap_or(0));
        assert_eq!(entry(&f, "NEXT").value, "1");
    }

    #[test]
    fn multi_line_single_quotes() {
        let f = parse("K='a\nb'\nL=2");
        assert_eq!(entry(&f, "K").value, "a\nb");
        assert_eq!(entry(&f, "L").value, "2");
    }

    #[test]
    fn bare_names_pass_variables_through() {
        let f = parse("PATH\nHOME # from the host\nProgramFiles(x86)\nA=1\n");
        assert!(f.issues.is_empty(), "{:?}", messages(&f));
        assert_eq!(f.entries.len(), 1);
    }

    #[test]
    fn garbage_lines_reported_and_skipped() {
        let text = "A=1\nthis is not an assignment\nB=2\n";
        let f = parse(text);
        assert_eq!(f.entries.len(), 2);
        assert_eq!(messages(&f), ["expected `KEY=value`"]);
        assert_eq!(f.issues[0].span.slice(text), "this is not an assignment");
        assert_eq!(entry(&f, "B").value, "2");
    }

    #[test]
    fn unterminated_quote() {
        let text = "A=\"open value\nB=2\n";
        let f = parse(text);
        assert_eq!(messages(&f), ["unterminated quoted value"]);
        assert_eq!(f.issues[0].span, Span::new(2, 3));
        let a = entry(&f, "A");
        assert_eq!(a.value, "open value");
        assert_eq!(a.value_span.slice(text), "open value");
        assert_eq!(entry(&f, "B").value, "2");
    }

    #[test]
    fn unterminated_single_quote_at_eof() {
        let f = parse("A='x");
        assert_eq!(entry(&f, "A").value, "x");
        assert_eq!(f.issues.len(), 1);
    }

    #[test]
    fn invalid_keys_are_reported_but_kept() {
        let text = "1BAD=x\nMY-KEY=y\n=z\nOK=1\n";
        let f = parse(text);
        assert_eq!(
            messages(&f),
            ["invalid key `1BAD`", "missing key before `=`"]
        );
        assert_eq!(f.issues[0].span, Span::new(0, 4));
        assert_eq!(entry(&f, "1BAD").value, "x");
        assert_eq!(entry(&f, "MY-KEY").value, "y");
        assert_eq!(entry(&f, "OK").value, "1");
    }

    #[test]
    fn trailing_text_after_quote() {
        let f = parse("A=\"x\"y\n");
        assert_eq!(entry(&f, "A").value, "x");
        assert_eq!(messages(&f), ["unexpected text after the closing quote"]);
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}A=1\r\n# c\r\nB=\"x\r\ny\"\r\nC='q'\r\n";
        let f = parse(text);
        assert!(f.issues.is_empty(), "{:?}", f.issues);
        let a = entry(&f, "A");
        assert_eq!(a.key_span, Span::new(3, 4));
        assert_eq!(a.value, "1");
        assert_eq!(a.span.slice(text), "A=1");
        assert_eq!(f.comments[0].slice(text), "# c");
        assert_eq!(entry(&f, "B").value, "x\ny");
        assert_eq!(entry(&f, "C").value, "q");
    }

    #[test]
    fn non_ascii_values() {
        let text = "NAME=héllo wörld # ünï\n";
        let f = parse(text);
        assert_eq!(entry(&f, "NAME").value, "héllo wörld");
        assert_eq!(f.comments[0].slice(text), "# ünï");
    }

    #[test]
    fn random_bytes_do_not_panic() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300 {
            let mut bytes = Vec::new();
            for _ in 0..200 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let pick = b"=\"'`#\\\n\r \tAZ_ex$\x00\xc3\xa9";
                bytes.push(pick[(seed % pick.len() as u64) as usize]);
            }
            let text = String::from_utf8_lossy(&bytes);
            let f = parse(&text);
            for e in &f.entries {
                assert!(e.span.end <= text.len());
                assert!(e.value_span.end <= text.len());
            }
        }
    }

    #[test]
    fn very_long_line_is_linear() {
        let mut text = String::from("K=");
        text.push_str(&"x \"' #".repeat(1_000_000));
        let lines = "\"\n".repeat(200_000);
        text.push_str(&lines);
        let start = std::time::Instant::now();
        let f = parse(&text);
        assert!(!f.entries.is_empty());
        assert!(f.issues.len() <= MAX_ISSUES);
        assert!(start.elapsed().as_secs() < 5);
    }
}
