//! String literals given a name in source code, so that a name is evidence in a `.py` or `.ts` file
//! as it is in a `.env` file.
//!
//! Read, in any language, without a grammar: `API_KEY = "…"` (Python, Ruby, shell-like),
//! `const apiKey = '…'`, `apiKey: string = "…"` and `API_KEY: &str = "…"` (type annotations),
//! `var apiKey string = "…"` and `String apiKey = "…"`, `api_key := "…"` (Go), `"api_key": "…"`
//! and `api_key: "…"` (object literals, JSON, Ruby keywords), `:api_key => '…'` and `'k' => '…'`,
//! `ENV["API_KEY"] = "…"` / `$config['db_password'] = '…'`, keyword arguments
//! `Client(api_key="…")`, and setters `os.environ.setdefault("API_KEY", "…")`, `setenv(…)`,
//! `props.setProperty(…)`.
//!
//! Only literals that open and close on one line are read; what they hold is judged by the secret
//! classifier, which also drops interpolations and placeholders.

use super::Span;

/// A string literal and the name it is given, both as spans of the file's text (the name is
/// only read by callers that want it: most names are not evidence of anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedLiteral {
    pub name: Span,
    /// The literal's text, without its quotes.
    pub value: Span,
}

/// Every named one-line string literal in `text`.
pub fn code_assignments(text: &str) -> Vec<NamedLiteral> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    // Only lines with a quote are looked at; most lines of code have none.
    while let Some(q) = memchr::memchr3(b'"', b'\'', b'`', &bytes[from..]) {
        let q = from + q;
        let start = memchr::memrchr(b'\n', &bytes[..q]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[q..]).map_or(bytes.len(), |i| q + i + 1);
        if let Some(line) = text.get(start..end) {
            line_literals(line, start, &mut out);
        }
        from = end;
    }
    out
}

/// Lines longer than this are minified or generated: not read for names.
const MAX_LINE: usize = 4096;

/// The shortest literal worth a name lookup: no name rule accepts fewer characters.
const MIN_VALUE: usize = 8;

fn line_literals(line: &str, at: usize, out: &mut Vec<NamedLiteral>) {
    let bytes = line.as_bytes();
    if bytes.len() > MAX_LINE {
        return;
    }
    let mut i = 0;
    while let Some(next) = memchr::memchr3(b'"', b'\'', b'`', &bytes[i..]) {
        i += next;
        let quote = bytes[i];
        // An unpaired quote (a Rust lifetime, an apostrophe) opens nothing.
        let Some(close) = closing_quote(bytes, i + 1, quote) else {
            i += 1;
            continue;
        };
        let value = Span::new(at + i + 1, at + close);
        if value.len() >= MIN_VALUE {
            if let Some(name) = name_before(line, i) {
                out.push(NamedLiteral {
                    name: Span::new(at + name.start, at + name.end),
                    value,
                });
            }
        }
        i = close + 1;
    }
}

/// The index of the quote closing a literal whose text starts at `from`, honouring backslashes.
fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut j = from;
    while let Some(next) = bytes
        .get(j..)
        .and_then(|rest| memchr::memchr3(quote, b'\\', b'\n', rest))
    {
        j += next;
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' => return None,
            _ => return Some(j),
        }
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Where the name a literal opening at `quote` is given sits in `line`, if the text before it
/// assigns one.
fn name_before(line: &str, quote: usize) -> Option<Span> {
    let b = line.as_bytes();
    let mut i = quote;
    // String prefixes: r"…", b'…', f"…", u"…", C#'s @"…" and $"…".
    let mut prefix = 0;
    while i > 0
        && prefix < 2
        && matches!(
            b[i - 1],
            b'r' | b'b' | b'f' | b'u' | b'R' | b'B' | b'F' | b'U' | b'@' | b'$'
        )
    {
        i -= 1;
        prefix += 1;
    }
    if prefix > 0 && i > 0 && is_ident(b[i - 1]) {
        // Not a prefix: the end of a word (`concat"…"` does not occur; `hr"` is not a prefix).
        i = quote;
    }
    let i = skip_blanks_back(b, i);
    // The operator between the name and the literal.
    let (op_start, is_comma) = match (
        i.checked_sub(1).map(|k| b[k]),
        i.checked_sub(2).map(|k| b[k]),
    ) {
        (Some(b'='), Some(b'=' | b'!' | b'<' | b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'^')) => {
            return None
        }
        (Some(b'='), Some(b':')) => (i - 2, false),
        (Some(b'='), Some(b'|' | b'?')) => {
            let mut k = i - 2;
            while k > 0 && matches!(b[k - 1], b'|' | b'?') {
                k -= 1;
            }
            (k, false)
        }
        (Some(b'='), _) => (i - 1, false),
        (Some(b'>'), Some(b'=')) => (i - 2, false),
        (Some(b':'), Some(b':')) => return None,
        (Some(b':'), _) => (i - 1, false),
        (Some(b','), _) => (i - 1, true),
        _ => return None,
    };
    let end = skip_blanks_back(b, op_start);
    if is_comma {
        return setter_name(line, end);
    }
    let name = name_ending_at(line, end)?;
    // A type between the name and `=`: `apiKey: string =`, `API_KEY: &str =`, `var apiKey string =`.
    if TYPE_WORDS.contains(&name.slice(line)) {
        let mut k = skip_blanks_back(b, name.start);
        while k > 0 && matches!(b[k - 1], b'&' | b'\'' | b'*') {
            k -= 1;
        }
        // `'static`
        if line[..k].ends_with("'static ") || line[..k].ends_with("&'static") {
            k = line[..k].rfind('&').unwrap_or(k);
        }
        k = skip_blanks_back(b, k);
        if k > 0 && b[k - 1] == b':' {
            k = skip_blanks_back(b, k - 1);
        }
        return name_ending_at(line, k);
    }
    Some(name)
}

/// Type names that may stand between a name and its `=`.
const TYPE_WORDS: &[&str] = &["string", "str", "String", "char", "const", "final", "var"];

/// Setter calls whose first argument names the second: `setenv("API_KEY", "…")`.
const SETTERS: &[&str] = &[
    "setenv",
    "Setenv",
    "putenv",
    "setdefault",
    "setProperty",
    "SetEnvironmentVariable",
    "set_var",
];

/// `setter("NAME", ` ending at `end` (just past the name's closing quote).
fn setter_name(line: &str, end: usize) -> Option<Span> {
    let b = line.as_bytes();
    let close = end.checked_sub(1)?;
    if !matches!(b[close], b'"' | b'\'') {
        return None;
    }
    let open = line[..close].rfind(b[close] as char)?;
    let name = &line[open + 1..close];
    let before = skip_blanks_back(b, open);
    if before == 0 || b[before - 1] != b'(' {
        return None;
    }
    let callee = &line[..before - 1];
    if !SETTERS.iter().any(|s| callee.ends_with(s)) || !is_plain_name(name) {
        return None;
    }
    Some(Span::new(open + 1, close))
}

/// The name ending at byte `end`: an identifier (its last dotted segment, without `$`, `@` or `:`
/// sigils), a quoted key, or a quoted key in brackets (`ENV["API_KEY"]`).
fn name_ending_at(line: &str, end: usize) -> Option<Span> {
    let b = line.as_bytes();
    let last = end.checked_sub(1)?;
    let (inner_end, bracket) = if b[last] == b']' {
        (last, true)
    } else {
        (end, false)
    };
    let last = inner_end.checked_sub(1)?;
    if matches!(b[last], b'"' | b'\'') {
        let open = line[..last].rfind(b[last] as char)?;
        let name = &line[open + 1..last];
        if bracket && (open == 0 || b[open - 1] != b'[') {
            return None;
        }
        return is_key_name(name).then(|| Span::new(open + 1, last));
    }
    if bracket {
        return None;
    }
    let mut start = end;
    while start > 0 && is_ident(b[start - 1]) {
        start -= 1;
    }
    if start == end || b[start].is_ascii_digit() {
        return None;
    }
    Some(Span::new(start, end))
}

/// A quoted key: a name, or a scoped setting such as `//registry.npmjs.org/:_authToken`.
fn is_key_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name
            .bytes()
            .all(|b| is_ident(b) || matches!(b, b'-' | b'.' | b'/' | b':' | b'@'))
}

/// A key that reads as a name: identifier characters, dots and dashes, at most 64 of them.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| is_ident(b) || b == b'-' || b == b'.')
}

fn skip_blanks_back(b: &[u8], mut i: usize) -> usize {
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::code_assignments;

    fn named(text: &str) -> Vec<(String, String)> {
        code_assignments(text)
            .into_iter()
            .map(|a| {
                (
                    a.name.slice(text).to_string(),
                    a.value.slice(text).to_string(),
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let found = named(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        found.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn reads_the_assignments_of_common_languages() {
        let cases = [
            ("API_KEY = \"abcdefgh1234\"\n", "API_KEY"),
            ("const apiKey = 'abcdefgh1234';", "apiKey"),
            ("let apiKey: string = \"abcdefgh1234\";", "apiKey"),
            ("const API_KEY: &str = \"abcdefgh1234\";", "API_KEY"),
            (
                "pub const API_KEY: &'static str = \"abcdefgh1234\";",
                "API_KEY",
            ),
            ("var apiKey string = \"abcdefgh1234\"", "apiKey"),
            (
                "private static final String apiKey = \"abcdefgh1234\";",
                "apiKey",
            ),
            ("apiKey := \"abcdefgh1234\"", "apiKey"),
            ("  \"api_key\": \"abcdefgh1234\",", "api_key"),
            ("  api_key: `abcdefgh1234`,", "api_key"),
            ("  :api_key => 'abcdefgh1234',", "api_key"),
            ("  'api_key' => 'abcdefgh1234',", "api_key"),
            (
                "  \"//registry.npmjs.org/:_authToken\": \"abcdefgh1234\",",
                "//registry.npmjs.org/:_authToken",
            ),
            ("ENV[\"API_KEY\"] = \"abcdefgh1234\"", "API_KEY"),
            ("$config['db_password'] = 'abcdefgh1234';", "db_password"),
            ("client = Client(api_key=\"abcdefgh1234\")", "api_key"),
            ("self.api_key = r'abcdefgh1234'", "api_key"),
            ("@api_key ||= \"abcdefgh1234\"", "api_key"),
            (
                "os.environ.setdefault(\"API_KEY\", \"abcdefgh1234\")",
                "API_KEY",
            ),
            ("os.Setenv(\"API_KEY\", \"abcdefgh1234\")", "API_KEY"),
            ("string ApiKey = @\"abcdefgh1234\";", "ApiKey"),
        ];
        for (text, name) in cases {
            assert_eq!(
                one(text),
                (name.to_string(), "abcdefgh1234".to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn comparisons_calls_and_short_literals_are_not_assignments() {
        for text in [
            "if api_key == \"abcdefgh1234\":",
            "if (apiKey !== 'abcdefgh1234') {}",
            "apiKey += \"abcdefgh1234\"",
            "print(\"abcdefgh1234\")",
            "log(\"API_KEY\", \"abcdefgh1234\")",
            "API_KEY = \"short\"",
            "std::env::var(\"abcdefgh1234\")",
            "x = \"unterminated",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
    }

    #[test]
    fn spans_are_the_literal_without_its_quotes_across_lines() {
        let text = "a = 1\nTOKEN = \"abc\\\"defgh123\"\n";
        let found = code_assignments(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value.slice(text), "abc\\\"defgh123");
    }
}
