//! TOML (Codex `.codex/config.toml`, `agentlint.toml`) mapped into the shared [`Node`] tree with
//! byte spans.
//!
//! The `toml` crate's [`DeTable::parse_recoverable`](::toml::de::DeTable::parse_recoverable) already
//! builds the table tree TOML's rules require (dotted keys, `[table]` headers reopening implicit
//! tables, `[[array of tables]]`, duplicate-key checks) and keeps a span on every key and value, so
//! this module only converts its output. It does not give comments, order or the raw text of
//! numbers, so those are recovered from the source here:
//!
//! - entries are stored in key order (the crate's `preserve_order` feature is off), so they are
//!   re-sorted by key position to give source order;
//! - numbers and datetimes are sliced from the source so `0x1_0` stays `0x1_0`;
//! - string content spans are the value span minus its quotes (and the newline that may follow an
//!   opening `"""`);
//! - comments come from a small scan that skips strings.
//!
//! Spans of tables: a table opened by a header spans the header (`[mcp_servers.db]`), an implicit
//! table (the `mcp_servers` of that header, the `a` of `a.b = 1`) spans its key, the root spans the
//! whole file.

use ::toml::de::{DeTable, DeValue};
use ::toml::Spanned;

use super::tree::{DataDoc, Entry, Node, ParseIssue, Span, Value, MAX_DEPTH};

/// Parses a TOML file. Never fails: syntax errors become one [`ParseIssue`] and whatever the
/// crate recovered is still returned as the root.
pub fn parse(text: &str) -> DataDoc {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut doc = DataDoc {
        comments: comment_spans(text),
        ..DataDoc::default()
    };
    // The first error is the real one; later ones are usually fallout of the recovery.
    if let Some(err) = errors.first() {
        let span = err
            .span()
            .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
        doc.issues.push(ParseIssue {
            span,
            message: err.message().lines().next().unwrap_or("").to_owned(),
        });
    }
    let mut conv = Converter {
        text,
        depth_issue: None,
    };
    let table = root.into_inner();
    let value = conv.table(table, 1);
    doc.roots.push(Node {
        span: Span::new(0, text.len()),
        value,
    });
    if let Some(issue) = conv.depth_issue {
        doc.issues.push(issue);
    }
    doc
}

struct Converter<'t> {
    text: &'t str,
    /// The first value cut off for nesting deeper than [`MAX_DEPTH`]; one report is enough.
    depth_issue: Option<ParseIssue>,
}

impl Converter<'_> {
    /// `depth` counts the node being built (the root is 1). The crate caps inline nesting and key
    /// length at 80 each, but a long header path plus a long dotted key plus inline nesting can
    /// still reach ~240 levels, so this recursion is guarded by [`MAX_DEPTH`] too.
    fn node(&mut self, value: Spanned<DeValue<'_>>, depth: usize) -> Node {
        let range = value.span();
        let span = Span::new(range.start, range.end);
        if depth > MAX_DEPTH {
            if self.depth_issue.is_none() {
                self.depth_issue = Some(ParseIssue {
                    span,
                    message: format!("nesting deeper than {MAX_DEPTH} levels is not read"),
                });
            }
            return Node {
                span,
                value: Value::Null,
            };
        }
        let raw = span.slice(self.text);
        let value = match value.into_inner() {
            DeValue::String(s) => Value::Str {
                value: s.into_owned(),
                content: string_content(raw, span),
            },
            DeValue::Integer(i) => Value::Num(as_written(raw, || i.to_string())),
            DeValue::Float(f) => Value::Num(as_written(raw, || f.to_string())),
            DeValue::Datetime(d) => Value::Num(as_written(raw, || d.to_string())),
            DeValue::Boolean(b) => Value::Bool(b),
            DeValue::Array(items) => Value::Seq(
                items
                    .into_iter()
                    .map(|item| self.node(item, depth + 1))
                    .collect(),
            ),
            DeValue::Table(table) => self.table(table, depth),
        };
        Node { span, value }
    }

    /// The entries of a table in source order.
    fn table(&mut self, table: DeTable<'_>, depth: usize) -> Value {
        let mut entries: Vec<Entry> = table
            .into_iter()
            .map(|(key, value)| {
                let range = key.span();
                Entry {
                    key: key.into_inner().into_owned(),
                    key_span: Span::new(range.start, range.end),
                    value: self.node(value, depth + 1),
                }
            })
            .collect();
        entries.sort_by_key(|e| e.key_span.start);
        Value::Map(entries)
    }
}

/// A number or datetime as written in the source, falling back to the crate's rendering when the
/// span does not cover it (only after error recovery).
fn as_written(raw: &str, fallback: impl FnOnce() -> String) -> String {
    if raw.is_empty() {
        fallback()
    } else {
        raw.to_owned()
    }
}

/// The span between a string's quotes. For `"""`/`'''` strings the newline right after the
/// opening delimiter is not content (TOML trims it), so it is skipped too.
fn string_content(raw: &str, span: Span) -> Span {
    for delim in ["\"\"\"", "'''"] {
        if raw.len() >= 6 && raw.starts_with(delim) && raw.ends_with(delim) {
            let body = &raw[3..raw.len() - 3];
            let skip = if body.starts_with("\r\n") {
                2
            } else if body.starts_with('\n') {
                1
            } else {
                0
            };
            return Span::new(span.start + 3 + skip, span.end - 3);
        }
    }
    let quoted = raw.len() >= 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')));
    if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// Spans of `# …` comments (without the line ending), skipping `#` inside all four string kinds.
/// Quotes, `\`, `#` and newlines are ASCII, so a byte scan cannot split a character.
fn comment_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let end = if end > i && bytes[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
                comments.push(Span::new(i, end));
                i = end;
            }
            q @ (b'"' | b'\'') => {
                let escapes = q == b'"';
                if bytes[i..].starts_with(&[q, q, q]) {
                    i = skip_multiline(bytes, i + 3, q, escapes);
                } else {
                    i = skip_single_line(bytes, i + 1, q, escapes);
                }
            }
            _ => i += 1,
        }
    }
    comments
}

/// Index just past the closing quote of a one-line string starting at `i`; an unterminated string
/// ends at the line break so one stray quote does not hide every later comment.
fn skip_single_line(bytes: &[u8], mut i: usize, quote: u8, escapes: bool) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escapes => i += 2,
            b'\n' => return i,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index just past the closing delimiter of a multi-line string whose body starts at `i`. TOML
/// lets up to two quotes sit against the closing delimiter, so the whole run of quotes is taken.
fn skip_multiline(bytes: &[u8], mut i: usize, quote: u8, escapes: bool) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escapes => i += 2,
            b if b == quote && bytes[i..].starts_with(&[quote, quote, quote]) => {
                while i < bytes.len() && bytes[i] == quote {
                    i += 1;
                }
                return i;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(doc: &DataDoc) -> &Node {
        assert_eq!(doc.roots.len(), 1);
        &doc.roots[0]
    }

    /// The source text of a span, for readable assertions.
    fn at(text: &str, span: Span) -> &str {
        span.slice(text)
    }

    fn str_node<'a>(text: &'a str, node: &Node) -> (&'a str, String) {
        match &node.value {
            Value::Str { value, content } => (at(text, *content), value.clone()),
            other => panic!("not a string: {other:?}"),
        }
    }

    const CODEX: &str = r#"# Codex settings
approval_policy = "never"
sandbox_mode = "danger-full-access" # yolo

[mcp_servers.db]
command = "npx"
args = ["-y", "@modelcontextprotocol/server-postgres"]
env = { DATABASE_URL = "postgres://admin:hunter2@prod-db:5432/app" }

[projects."/home/x"]
trust_level = "trusted"
"#;

    #[test]
    fn codex_config() {
        let doc = parse(CODEX);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        let root = root(&doc);
        assert_eq!(root.span, Span::new(0, CODEX.len()));
        let keys: Vec<&str> = root.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            ["approval_policy", "sandbox_mode", "mcp_servers", "projects"]
        );

        let ap = root.entry("approval_policy").cloned();
        let ap = ap.unwrap_or_else(|| panic!("approval_policy"));
        assert_eq!(ap.key_span, Span::new(17, 32));
        assert_eq!(ap.value.span, Span::new(35, 42));
        assert_eq!(at(CODEX, ap.value.span), "\"never\"");
        assert_eq!(
            ap.value.value,
            Value::Str {
                value: "never".to_owned(),
                content: Span::new(36, 41)
            }
        );

        let sandbox = root.get("sandbox_mode").unwrap_or_else(|| panic!());
        assert_eq!(
            str_node(CODEX, sandbox),
            ("danger-full-access", "danger-full-access".to_owned())
        );

        let servers = root.entry("mcp_servers").unwrap_or_else(|| panic!());
        assert_eq!(at(CODEX, servers.key_span), "mcp_servers");
        // Implicit table: spans its key in the header.
        assert_eq!(servers.value.span, servers.key_span);
        let db = servers.value.entry("db").unwrap_or_else(|| panic!());
        assert_eq!(at(CODEX, db.key_span), "db");
        assert_eq!(at(CODEX, db.value.span), "[mcp_servers.db]");
        let db_keys: Vec<&str> = db.value.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(db_keys, ["command", "args", "env"]);
        let args = db.value.get("args").unwrap_or_else(|| panic!());
        assert_eq!(
            at(CODEX, args.span),
            r#"["-y", "@modelcontextprotocol/server-postgres"]"#
        );
        let items: Vec<(&str, String)> = args.items().iter().map(|n| str_node(CODEX, n)).collect();
        assert_eq!(
            items,
            [
                ("-y", "-y".to_owned()),
                (
                    "@modelcontextprotocol/server-postgres",
                    "@modelcontextprotocol/server-postgres".to_owned()
                )
            ]
        );
        let env = db.value.get("env").unwrap_or_else(|| panic!());
        assert!(at(CODEX, env.span).starts_with("{ DATABASE_URL"));
        let url = env.entry("DATABASE_URL").unwrap_or_else(|| panic!());
        assert_eq!(at(CODEX, url.key_span), "DATABASE_URL");
        let start = CODEX.find("postgres://").unwrap_or(0);
        assert_eq!(
            url.value.value,
            Value::Str {
                value: "postgres://admin:hunter2@prod-db:5432/app".to_owned(),
                content: Span::new(start, start + 41),
            }
        );

        let projects = root.get("projects").unwrap_or_else(|| panic!());
        let home = projects.entry("/home/x").unwrap_or_else(|| panic!());
        assert_eq!(at(CODEX, home.key_span), "\"/home/x\"");
        assert_eq!(
            home.value.get("trust_level").and_then(Node::as_str),
            Some("trusted")
        );

        assert_eq!(
            doc.comments
                .iter()
                .map(|c| at(CODEX, *c))
                .collect::<Vec<_>>(),
            ["# Codex settings", "# yolo"]
        );
    }

    const AGENTLINT: &str = r#"select = ["AL1", "AL201"]
max = 0x1_F
ratio = 1.5e3
since = 1979-05-27T07:32:00Z
enabled = true

[rules.AL201]
severity = "warning"

[environments]
production = ["deploy/prod/**"]
staging.paths = ['deploy/staging/**']

[[ignore]]
path = "a"
[[ignore]]
path = "b"
"#;

    #[test]
    fn agentlint_config() {
        let doc = parse(AGENTLINT);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        let root = root(&doc);
        let select = root.get("select").unwrap_or_else(|| panic!());
        assert_eq!(select.span, Span::new(9, 25));
        assert_eq!(
            select.items().iter().map(|n| n.span).collect::<Vec<_>>(),
            [Span::new(10, 15), Span::new(17, 24)]
        );
        assert_eq!(
            root.get("max").map(|n| n.value.clone()),
            Some(Value::Num("0x1_F".to_owned()))
        );
        assert_eq!(
            root.get("ratio").map(|n| n.value.clone()),
            Some(Value::Num("1.5e3".to_owned()))
        );
        assert_eq!(
            root.get("since").map(|n| n.value.clone()),
            Some(Value::Num("1979-05-27T07:32:00Z".to_owned()))
        );
        assert_eq!(
            root.get("enabled").map(|n| n.value.clone()),
            Some(Value::Bool(true))
        );

        let rules = root.get("rules").unwrap_or_else(|| panic!());
        let al201 = rules.entry("AL201").unwrap_or_else(|| panic!());
        assert_eq!(at(AGENTLINT, al201.key_span), "AL201");
        assert_eq!(at(AGENTLINT, al201.value.span), "[rules.AL201]");
        let severity = al201.value.entry("severity").unwrap_or_else(|| panic!());
        let sev_at = AGENTLINT.find("severity").unwrap_or(0);
        assert_eq!(severity.key_span, Span::new(sev_at, sev_at + 8));
        assert_eq!(
            str_node(AGENTLINT, &severity.value),
            ("warning", "warning".to_owned())
        );

        let envs = root.entry("environments").unwrap_or_else(|| panic!());
        assert_eq!(at(AGENTLINT, envs.value.span), "[environments]");
        let prod = envs.value.get("production").unwrap_or_else(|| panic!());
        assert_eq!(
            str_node(AGENTLINT, &prod.items()[0]),
            ("deploy/prod/**", "deploy/prod/**".to_owned())
        );
        let staging = envs.value.entry("staging").unwrap_or_else(|| panic!());
        assert_eq!(at(AGENTLINT, staging.key_span), "staging");
        let paths = staging.value.get("paths").unwrap_or_else(|| panic!());
        assert_eq!(
            str_node(AGENTLINT, &paths.items()[0]),
            ("deploy/staging/**", "deploy/staging/**".to_owned())
        );

        let ignore = root.entry("ignore").unwrap_or_else(|| panic!());
        assert_eq!(at(AGENTLINT, ignore.key_span), "ignore");
        let paths: Vec<Option<&str>> = ignore
            .value
            .items()
            .iter()
            .map(|t| t.get("path").and_then(Node::as_str))
            .collect();
        assert_eq!(paths, [Some("a"), Some("b")]);
        assert_eq!(
            ignore
                .value
                .items()
                .iter()
                .map(|t| at(AGENTLINT, t.span))
                .collect::<Vec<_>>(),
            ["[[ignore]]", "[[ignore]]"]
        );
    }

    #[test]
    fn multiline_and_literal_strings() {
        let text = "a = \"\"\"\nline1\n\"\"\"\nb = '''x'''\nc = \"\"\"q\"\"\"\"\"\nd = 'e\\s#'\n";
        let doc = parse(text);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        let root = root(&doc);
        let a = root.get("a").unwrap_or_else(|| panic!());
        assert_eq!(str_node(text, a), ("line1\n", "line1\n".to_owned()));
        let b = root.get("b").unwrap_or_else(|| panic!());
        assert_eq!(str_node(text, b), ("x", "x".to_owned()));
        let c = root.get("c").unwrap_or_else(|| panic!());
        assert_eq!(str_node(text, c), ("q\"\"", "q\"\"".to_owned()));
        let d = root.get("d").unwrap_or_else(|| panic!());
        assert_eq!(str_node(text, d), ("e\\s#", "e\\s#".to_owned()));
        assert!(doc.comments.is_empty());
    }

    #[test]
    fn syntax_error_has_span_and_partial_root() {
        let text = "approval_policy = \"never\"\nsandbox_mode = \n";
        let doc = parse(text);
        assert_eq!(doc.issues.len(), 1);
        let issue = &doc.issues[0];
        assert_eq!(issue.span, Span::new(41, 41));
        // The crate points at the empty place where the value should be.
        assert_eq!(
            issue.message,
            "string values must be quoted, expected literal string"
        );
        assert!(!issue.message.is_empty());
        assert!(!issue.message.contains('\n'));
        let root = root(&doc);
        assert_eq!(
            root.get("approval_policy").and_then(Node::as_str),
            Some("never")
        );

        let dup = "a = 1\na = 2\n";
        let doc = parse(dup);
        assert_eq!(doc.issues.len(), 1);
        assert_eq!(doc.issues[0].span, Span::new(6, 7));
        assert_eq!(doc.issues[0].message, "duplicate key");
    }

    #[test]
    fn comments_skip_strings_and_crlf() {
        let text = "a = \"#no\" # yes\r\nb = '''\n# no\n''' #also\n# last";
        let doc = parse(text);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        let got: Vec<&str> = doc.comments.iter().map(|c| at(text, *c)).collect();
        assert_eq!(got, ["# yes", "#also", "# last"]);
        // Unterminated string stops at the line end.
        assert_eq!(comment_spans("a = \"x\n# c"), [Span::new(7, 10)]);
    }

    #[test]
    fn empty_input() {
        let doc = parse("");
        assert!(doc.issues.is_empty());
        assert!(doc.comments.is_empty());
        assert_eq!(
            doc.roots,
            [Node {
                span: Span::new(0, 0),
                value: Value::Map(Vec::new())
            }]
        );
    }

    #[test]
    fn deep_nesting_is_cut_off_without_overflow() {
        // Inline nesting beyond the crate's own limit is an error, not a crash.
        let text = format!("a = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let doc = parse(&text);
        assert!(!doc.issues.is_empty());

        // Header path + dotted key + arrays: legal for the crate, deeper than MAX_DEPTH.
        let header = vec!["h"; 70].join(".");
        let dotted = vec!["d"; 70].join(".");
        let text = format!("[{header}]\n{dotted} = [[1]]\n");
        let doc = parse(&text);
        assert_eq!(doc.issues.len(), 1, "{:?}", doc.issues);
        assert!(doc.issues[0].message.contains("nesting deeper"));
        let mut node = root(&doc);
        let mut depth = 1;
        while let Some(next) = node.entries().first().map(|e| &e.value) {
            node = next;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH + 1);
        assert_eq!(node.value, Value::Null);
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "[",
            "[[",
            "a.",
            "= 1",
            "a = \"",
            "a = '''",
            "a = {",
            "a = [1,",
            "\u{feff}a = 1",
            "a = 1\n[a]\n",
            "[a]\n[a]\n",
            "a = [1]\n[[a]]\n",
            "x = 1979-13-99",
            "é = \"ü\" # ß",
        ] {
            let doc = parse(text);
            for issue in &doc.issues {
                assert!(issue.span.end <= text.len(), "{text:?}: {issue:?}");
            }
        }
    }
}
