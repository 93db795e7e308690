//! `key = value` configuration text in its common spellings, read leniently for the values it
//! assigns: INI and `.properties` (`key = value`, `key: value`, `[section]`, `;`/`#`/`!`
//! comments), `.npmrc` (`//registry/:_authToken=…`), `.netrc` (`machine h login u password p`),
//! `.pgpass` (`host:port:db:user:password`) and Dockerfile `ENV`/`ARG`.
//!
//! These files have no single grammar, so nothing here is a parse error: a line that assigns
//! nothing is skipped. The result has the dotenv file's shape, so every consumer of assignments
//! reads it the same way.

use super::assignments::shell_assignments;
use super::{DotenvEntry, DotenvFile, Span};

pub fn parse(text: &str) -> DotenvFile {
    let mut out = DotenvFile::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        read_line(line, offset, &mut out);
        offset += line.len();
    }
    out
}

fn entry(out: &mut DotenvFile, text: &str, key: (usize, usize), value: (usize, usize), at: usize) {
    let (mut vs, mut ve) = value;
    let raw = &text[vs..ve];
    let mut quote = None;
    if raw.len() >= 2 {
        let first = raw.as_bytes()[0];
        if (first == b'"' || first == b'\'') && raw.as_bytes()[raw.len() - 1] == first {
            vs += 1;
            ve -= 1;
            quote = Some(first as char);
        }
    }
    if ve <= vs || key.1 <= key.0 {
        return;
    }
    out.entries.push(DotenvEntry {
        key: text[key.0..key.1].to_string(),
        key_span: Span::new(at + key.0, at + key.1),
        value: text[vs..ve].to_string(),
        value_span: Span::new(at + vs, at + ve),
        quote,
        exported: false,
        span: Span::new(at, at + text.trim_end_matches(['\n', '\r']).len()),
    });
}

/// The byte range of `line` without its leading and trailing blanks.
fn trimmed(line: &str, from: usize, to: usize) -> (usize, usize) {
    let s = &line[from..to];
    let start = from + (s.len() - s.trim_start().len());
    let end = to - (s.len() - s.trim_end().len());
    (start, end.max(start))
}

fn read_line(line: &str, at: usize, out: &mut DotenvFile) {
    let content_end = line.trim_end_matches(['\n', '\r']).len();
    let (start, end) = trimmed(line, 0, content_end);
    let body = &line[start..end];
    if body.is_empty() {
        return;
    }
    if body.starts_with(['#', ';', '!']) {
        out.comments.push(Span::new(at + start, at + end));
        return;
    }
    if body.starts_with('[') {
        return;
    }
    let lower = body.to_ascii_lowercase();
    // Dockerfile: `ENV A=1 B=2`, `ENV A 1`, `ARG TOKEN=…`: the shell assignment reader knows them.
    if lower.starts_with("env ") || lower.starts_with("arg ") {
        for a in shell_assignments(line, Span::new(start, end)) {
            let ks = line[start..end].find(&a.name).map_or(start, |i| start + i);
            entry(
                out,
                line,
                (ks, ks + a.name.len()),
                (a.value.start, a.value.end),
                at,
            );
        }
        return;
    }
    // `.netrc`: whitespace-separated pairs, the password after `password`.
    if lower.starts_with("machine ") || lower.starts_with("default") || lower.contains(" password ")
    {
        let words: Vec<(usize, &str)> = body
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
            .collect();
        for pair in words.windows(2) {
            let ((ks, key), (vs, value)) = (pair[0], pair[1]);
            if matches!(key, "password" | "login" | "account") {
                entry(out, line, (ks, ks + key.len()), (vs, vs + value.len()), at);
            }
        }
        return;
    }
    // `.pgpass`: the password is the fifth field.
    if !body.contains('=') && body.matches(':').count() == 4 && !body.contains(' ') {
        if let Some(colon) = body.rfind(':') {
            let vs = start + colon + 1;
            if vs < end {
                // The field has no name in the file: it is the password by position.
                out.entries.push(DotenvEntry {
                    key: "password".to_string(),
                    key_span: Span::new(at + vs, at + vs),
                    value: line[vs..end].to_string(),
                    value_span: Span::new(at + vs, at + end),
                    quote: None,
                    exported: false,
                    span: Span::new(at + start, at + end),
                });
            }
        }
        return;
    }
    // `key = value`, `key=value`, `key: value` (the first `=`, else the first `: `).
    let separator = body
        .find('=')
        .or_else(|| body.find(": "))
        .or_else(|| body.strip_suffix(':').map(|_| body.len() - 1));
    let Some(sep) = separator else {
        return;
    };
    let (ks, ke) = trimmed(line, start, start + sep);
    let skip = if body[sep..].starts_with(": ") { 2 } else { 1 };
    let (vs, ve) = trimmed(line, (start + sep + skip).min(end), end);
    // `.npmrc` scopes a key to a registry: `//registry.npmjs.org/:_authToken`.
    let key = &line[ks..ke];
    let ks = key
        .rfind(':')
        .filter(|_| key.starts_with("//"))
        .map_or(ks, |i| ks + i + 1);
    entry(out, line, (ks, ke), (vs, ve), at);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse(text)
            .entries
            .into_iter()
            .map(|e| (e.key, e.value))
            .collect()
    }

    #[test]
    fn every_spelling_gives_its_pairs() {
        let text = "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc\n\
                    ; a comment\n//registry.npmjs.org/:_authToken=npm_AbC123\n\
                    spring.datasource.password: s3cr3tValue\n\
                    machine api.heroku.com login me@example.com password hrk-123abc\n\
                    db.internal:5432:app:app:pgPassw0rd9\n\
                    ENV API_TOKEN=\"tok123\" OTHER=1\n";
        assert_eq!(
            pairs(text),
            [
                ("username", "__token__"),
                ("password", "pypi-AgEIcHlwaS5vcmc"),
                ("_authToken", "npm_AbC123"),
                ("spring.datasource.password", "s3cr3tValue"),
                ("login", "me@example.com"),
                ("password", "hrk-123abc"),
                ("password", "pgPassw0rd9"),
                ("API_TOKEN", "tok123"),
                ("OTHER", "1"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert!(parse(text).issues.is_empty());
    }

    #[test]
    fn spans_point_at_the_value() {
        let text = "[x]\npassword = \"abc def\"\n";
        let file = parse(text);
        let e = &file.entries[0];
        assert_eq!(e.value_span.slice(text), "abc def");
        assert_eq!(e.key_span.slice(text), "password");
    }
}
