//! Assignments written as lines of shell or environment text: the same name-based evidence in a
//! Markdown code block, a shell script or a Dockerfile as in a `.env` file.
//!
//! `export NAME=value`, `NAME=value command`, `A=1 B=2 command`, `set NAME=value` (cmd),
//! `$env:NAME = "value"` (PowerShell), `ENV NAME=value` and `ENV NAME value` (Dockerfile), with an
//! optional `$ ` prompt before them. Quotes are not part of the value.

use super::Span;

/// A name and the span of the value it is given (quotes excluded), in the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub name: String,
    pub value: Span,
}

/// Every assignment the lines of `text[within]` make.
pub fn shell_assignments(text: &str, within: Span) -> Vec<Assignment> {
    let mut out = Vec::new();
    let Some(slice) = text.get(within.start..within.end) else {
        return out;
    };
    let mut offset = within.start;
    for line in slice.split_inclusive('\n') {
        line_assignments(line, offset, &mut out);
        offset += line.len();
    }
    out
}

fn is_name_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_name(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// The assignments of one line starting at byte `at` of the file.
fn line_assignments(line: &str, at: usize, out: &mut Vec<Assignment>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let skip_blanks = |i: &mut usize| {
        while bytes.get(*i).is_some_and(|b| *b == b' ' || *b == b'\t') {
            *i += 1;
        }
    };
    skip_blanks(&mut i);
    // A prompt (`$ export …`, `> set …`).
    if matches!(bytes.get(i), Some(b'$' | b'>')) && bytes.get(i + 1) == Some(&b' ') {
        i += 2;
        skip_blanks(&mut i);
    }
    // PowerShell: `$env:NAME = "value"`.
    if line[i..].starts_with("$env:") {
        let start = i + 5;
        let mut end = start;
        while bytes.get(end).is_some_and(|b| is_name(*b)) {
            end += 1;
        }
        let mut j = end;
        skip_blanks(&mut j);
        if end > start && bytes.get(j) == Some(&b'=') {
            j += 1;
            skip_blanks(&mut j);
            if let Some(value) = value_at(line, j, at) {
                out.push(Assignment {
                    name: line[start..end].to_string(),
                    value,
                });
            }
        }
        return;
    }
    let mut dockerfile_env = false;
    for keyword in [
        "export ",
        "set ",
        "setx ",
        "ENV ",
        "declare -x ",
        "local ",
        "readonly ",
    ] {
        if line[i..].starts_with(keyword) {
            dockerfile_env = keyword == "ENV ";
            i += keyword.len();
            skip_blanks(&mut i);
            break;
        }
    }
    // `NAME=value` words, as many as follow each other (`A=1 B=2 command`).
    loop {
        if !bytes.get(i).is_some_and(|b| is_name_start(*b)) {
            return;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| is_name(*b)) {
            i += 1;
        }
        let name = &line[start..i];
        match bytes.get(i) {
            Some(b'=') => {
                let value_start = i + 1;
                let Some(value) = value_at(line, value_start, at) else {
                    return;
                };
                out.push(Assignment {
                    name: name.to_string(),
                    value,
                });
                i = value.end - at;
                // Past a closing quote.
                if matches!(bytes.get(i), Some(b'"' | b'\'')) {
                    i += 1;
                }
                skip_blanks(&mut i);
            }
            // `ENV NAME value` (the older Dockerfile form).
            Some(b' ') if dockerfile_env => {
                skip_blanks(&mut i);
                if let Some(value) = value_at(line, i, at) {
                    out.push(Assignment {
                        name: name.to_string(),
                        value,
                    });
                }
                return;
            }
            _ => return,
        }
    }
}

/// The value starting at `start` in `line`: quoted (without its quotes) or up to the next blank
/// or shell operator. `None` when empty.
fn value_at(line: &str, start: usize, at: usize) -> Option<Span> {
    let bytes = line.as_bytes();
    let (from, to) = match bytes.get(start) {
        Some(quote @ (b'"' | b'\'')) => {
            let from = start + 1;
            let len = line.get(from..)?.find(*quote as char)?;
            (from, from + len)
        }
        _ => {
            let len = line
                .get(start..)?
                .find(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '`'))
                .unwrap_or(line.len() - start);
            (start, start + len)
        }
    };
    (to > from).then(|| Span::new(at + from, at + to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_and_values(text: &str) -> Vec<(String, String)> {
        shell_assignments(text, Span::new(0, text.len()))
            .into_iter()
            .map(|a| (a.name, a.value.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn every_shell_form_gives_its_name() {
        let text = "export DB_PASSWORD=Xk29vLq81mZt\n\
                    $ export API_TOKEN=\"tok en\"\n\
                    AWS_PROFILE=prod SECRET_KEY='abc123' ./deploy.sh\n\
                    set SENTRY_AUTH_TOKEN=sntrys_abc\n\
                    $env:OPENAI_API_KEY = \"sk-proj-abc\"\n\
                    ENV NPM_TOKEN=npm_abc\n\
                    ENV LEGACY_TOKEN legacyvalue\n\
                    echo DB_PASSWORD=notthis\n";
        assert_eq!(
            names_and_values(text),
            [
                ("DB_PASSWORD", "Xk29vLq81mZt"),
                ("API_TOKEN", "tok en"),
                ("AWS_PROFILE", "prod"),
                ("SECRET_KEY", "abc123"),
                ("SENTRY_AUTH_TOKEN", "sntrys_abc"),
                ("OPENAI_API_KEY", "sk-proj-abc"),
                ("NPM_TOKEN", "npm_abc"),
                ("LEGACY_TOKEN", "legacyvalue"),
            ]
            .map(|(n, v)| (n.to_string(), v.to_string()))
        );
    }

    #[test]
    fn empty_values_and_prose_are_not_assignments() {
        assert!(names_and_values("export EMPTY=\nif [ x = y ]; then\nA == B\n").is_empty());
    }
}
