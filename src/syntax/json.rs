//! JSON and JSONC → [`DataDoc`], read with tree-sitter-json.
//!
//! Agent and editor configs (`.mcp.json`, `.vscode/settings.json`, `devcontainer.json`) are JSONC:
//! comments and trailing commas are normal there, so both are accepted silently. tree-sitter-json
//! parses comments natively but reports trailing commas as errors (a `MISSING` value before `]`, an
//! `ERROR` holding only `,` before `}`); exactly those are filtered out. Everything else broken becomes
//! a [`ParseIssue`] while the readable rest is still returned.

use tree_sitter::Node as TsNode;

use super::tree::{DataDoc, Entry, Node, ParseIssue, Span, Value, MAX_DEPTH};
#[cfg(test)]
use super::ts::MAX_ISSUES;
use super::ts::{children, push_issue, span_of};

/// Parse a JSON or JSONC document. Never fails and never panics.
pub fn parse(text: &str) -> DataDoc {
    let mut doc = DataDoc::default();
    let Some(tree) = super::ts::parse_or_issue(
        "json",
        "JSON",
        &tree_sitter_json::LANGUAGE.into(),
        text,
        text,
        &mut doc.issues,
    ) else {
        return doc;
    };
    let root = tree.root_node();
    scan(root, text, &mut doc);
    let mut conv = Conv {
        text,
        issues: Vec::new(),
    };
    let values: Vec<_> = children(root)
        .into_iter()
        .filter(|c| is_value(c.kind()))
        .collect();
    if root.kind() == "document" {
        for (i, value) in values.into_iter().enumerate() {
            if i == 0 {
                doc.roots.push(conv.node(value, 0));
            } else {
                push_issue(
                    &mut doc.issues,
                    span_of(value),
                    "unexpected second top-level value".into(),
                );
            }
        }
    } else {
        doc.roots.push(conv.node(root, 0));
    }
    for issue in conv.issues {
        push_issue(&mut doc.issues, issue.span, issue.message);
    }
    doc
}

fn is_value(kind: &str) -> bool {
    matches!(
        kind,
        "object" | "array" | "string" | "number" | "true" | "false" | "null" | "ERROR"
    )
}

/// Which of a node's children are trailing commas as tree-sitter-json reports them: an `ERROR` of
/// nothing but commas, or a zero-width `MISSING` value after a comma, right before the closing
/// bracket (comments may sit in between). Works on a child list because tree-sitter's
/// `prev_sibling`/`next_sibling` recurse from the root and overflow the stack on deep trees.
fn trailing_commas(kids: &[TsNode<'_>]) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, kid) in kids.iter().enumerate() {
        let after_comma = || {
            let before = kids
                .get(..i)
                .unwrap_or_default()
                .iter()
                .rev()
                .find(|p| p.kind() != "comment");
            before.is_some_and(|p| p.kind() == ",")
        };
        let missing = kid.is_missing() && kid.start_byte() == kid.end_byte() && after_comma();
        if !(only_commas(*kid) || missing) {
            continue;
        }
        let next = kids.iter().skip(i + 1).find(|n| n.kind() != "comment");
        if next.is_some_and(|n| matches!(n.kind(), "]" | "}")) {
            found.push(i);
        }
    }
    found
}

/// An `ERROR` holding nothing but commas (`[1,,2]`, or a trailing comma): no value to salvage.
fn only_commas(node: TsNode<'_>) -> bool {
    node.is_error() && children(node).iter().all(|c| c.kind() == ",")
}

/// One iterative pass (the tree may be 100,000 levels deep): comments and syntax errors.
fn scan(root: TsNode<'_>, text: &str, doc: &mut DataDoc) {
    let mut allowed = std::collections::HashSet::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.child_count() > 0 {
            let kids = children(node);
            allowed.extend(
                trailing_commas(&kids)
                    .into_iter()
                    .filter_map(|i| kids.get(i))
                    .map(|k| k.id()),
            );
        }
        if node.kind() == "comment" {
            doc.comments.push(span_of(node));
        } else if allowed.contains(&node.id()) {
            // JSONC allows trailing commas.
        } else if node.is_missing() {
            let what = match node.kind() {
                "\"" => "closing quote".to_string(),
                "number" | "string" | "object" | "array" => "a value".to_string(),
                k => format!("`{k}`"),
            };
            push_issue(&mut doc.issues, span_of(node), format!("missing {what}"));
        } else if node.is_error() {
            let kids = children(node);
            let unclosed = ["{", "["].into_iter().find_map(|open| {
                let close = if open == "{" { "}" } else { "]" };
                let opens: Vec<_> = kids.iter().filter(|k| k.kind() == open).collect();
                let closes = kids.iter().filter(|k| k.kind() == close).count();
                (opens.len() > closes)
                    .then(|| opens.last().map(|n| (span_of(**n), open)))
                    .flatten()
            });
            let (span, message) = match unclosed {
                Some((span, open)) => (span, format!("unclosed `{open}`")),
                None => {
                    let span = span_of(node);
                    let first = span
                        .slice(text)
                        .lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty())
                        .unwrap_or("");
                    let mut snippet: String = first.chars().take(40).collect();
                    if snippet.len() < first.len() {
                        snippet.push('…');
                    }
                    (span, format!("unexpected `{snippet}`"))
                }
            };
            push_issue(&mut doc.issues, span, message);
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Converts tree-sitter nodes to [`Node`]s, recursively but never deeper than [`MAX_DEPTH`], so the
/// output (whose `Drop`, `Clone` and `PartialEq` also recurse) stays shallow.
struct Conv<'t> {
    text: &'t str,
    issues: Vec<ParseIssue>,
}

impl Conv<'_> {
    fn node(&mut self, node: TsNode<'_>, depth: usize) -> Node {
        let span = span_of(node);
        if depth > MAX_DEPTH {
            let message = format!(
                "nesting deeper than {MAX_DEPTH} levels; the rest of this value is not read"
            );
            if !self.issues.iter().any(|i| i.message == message) {
                self.issues.push(ParseIssue { span, message });
            }
            return Node {
                span,
                value: Value::Null,
            };
        }
        let value = match node.kind() {
            "object" => Value::Map(self.entries(node, depth)),
            "array" => Value::Seq(self.items(node, depth)),
            "string" => {
                let (value, content) = self.string(node);
                Value::Str { value, content }
            }
            "number" => Value::Num(span.slice(self.text).to_string()),
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "ERROR" => self.error_value(node, depth),
            _ => Value::Null,
        };
        Node { span, value }
    }

    /// A string's decoded value and the span between its quotes (up to the end of an unclosed one).
    fn string(&self, node: TsNode<'_>) -> (String, Span) {
        let span = span_of(node);
        let start = (span.start + 1).min(span.end);
        let closed = span.len() >= 2 && span.slice(self.text).ends_with('"');
        let content = Span::new(start, if closed { span.end - 1 } else { span.end });
        (unescape(content.slice(self.text)), content)
    }

    fn entries(&mut self, node: TsNode<'_>, depth: usize) -> Vec<Entry> {
        let mut entries = Vec::new();
        for child in children(node) {
            match child.kind() {
                "pair" => entries.push(self.pair(child, depth)),
                "ERROR" if !only_commas(child) => {
                    if let Value::Map(more) = self.error_value(child, depth) {
                        entries.extend(more);
                    }
                }
                _ => {}
            }
        }
        entries
    }

    fn items(&mut self, node: TsNode<'_>, depth: usize) -> Vec<Node> {
        children(node)
            .into_iter()
            .filter(|c| is_value(c.kind()) && !c.is_missing() && !only_commas(*c))
            .map(|c| self.node(c, depth + 1))
            .collect()
    }

    fn pair(&mut self, pair: TsNode<'_>, depth: usize) -> Entry {
        let key = pair.child_by_field_name("key");
        let value = pair
            .child_by_field_name("value")
            .filter(|v| !v.is_missing());
        self.entry(key, value, pair, depth)
    }

    fn entry(
        &mut self,
        key: Option<TsNode<'_>>,
        value: Option<TsNode<'_>>,
        at: TsNode<'_>,
        depth: usize,
    ) -> Entry {
        let (name, key_span) = match key {
            Some(k) if k.kind() == "string" => (self.string(k).0, span_of(k)),
            Some(k) => (span_of(k).slice(self.text).to_string(), span_of(k)),
            None => (String::new(), Span::new(at.start_byte(), at.start_byte())),
        };
        let value = match value {
            Some(v) => self.node(v, depth + 1),
            None => Node {
                span: Span::new(at.end_byte(), at.end_byte()),
                value: Value::Null,
            },
        };
        Entry {
            key: name,
            key_span,
            value,
        }
    }

    /// Salvage an `ERROR` node: tree-sitter-json flattens the broken region into strings, `:` tokens
    /// and values; `"key" : value` runs become entries, anything else becomes sequence items.
    fn error_value(&mut self, node: TsNode<'_>, depth: usize) -> Value {
        let kids = children(node);
        let mut entries = Vec::new();
        let mut loose = Vec::new();
        let mut i = 0;
        while let Some(kid) = kids.get(i) {
            let colon_next = kids.get(i + 1).is_some_and(|k| k.kind() == ":");
            match kid.kind() {
                "pair" => entries.push(self.pair(*kid, depth)),
                "string" if colon_next && kids.get(i + 2).is_some_and(|k| k.kind() == "[") => {
                    // `"key": [1, 2` with the array never closed: its items follow as loose nodes.
                    let mut entry = self.entry(Some(*kid), None, *kid, depth);
                    let mut items = Vec::new();
                    i += 3;
                    while let Some(item) = kids.get(i).filter(|k| k.kind() != "]") {
                        if is_value(item.kind()) && !item.is_missing() && depth + 2 <= MAX_DEPTH {
                            items.push(self.node(*item, depth + 2));
                        }
                        i += 1;
                    }
                    let start = kids
                        .get(i.saturating_sub(1))
                        .map_or(entry.key_span.end, |k| k.end_byte());
                    let open = entry.key_span.end;
                    entry.value = Node {
                        span: Span::new(open, start.max(open)),
                        value: Value::Seq(items),
                    };
                    entries.push(entry);
                }
                "string" if colon_next => {
                    let value = kids
                        .get(i + 2)
                        .filter(|v| is_value(v.kind()) && !v.is_missing());
                    let value = value.filter(|_| kids.get(i + 3).is_none_or(|k| k.kind() != ":"));
                    entries.push(self.entry(Some(*kid), value.copied(), *kid, depth));
                    i += 1 + usize::from(value.is_some());
                }
                k if is_value(k) && !kid.is_missing() => loose.push(self.node(*kid, depth + 1)),
                _ => {}
            }
            i += 1;
        }
        if !entries.is_empty() {
            Value::Map(entries)
        } else if loose.len() == 1 {
            loose.pop().map_or(Value::Null, |n| n.value)
        } else if loose.is_empty() {
            Value::Null
        } else {
            Value::Seq(loose)
        }
    }
}

/// Decode JSON escapes, including `\uXXXX` surrogate pairs. Invalid escapes are kept as written and
/// lone surrogates become U+FFFD, so decoding never fails.
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => match hex4(&mut chars) {
                Some(hi @ 0xD800..=0xDBFF) => {
                    // A high surrogate needs a `\uDC00`–`\uDFFF` right after it.
                    let mut ahead = chars.clone();
                    let lo = (ahead.next() == Some('\\') && ahead.next() == Some('u'))
                        .then(|| hex4(&mut ahead))
                        .flatten()
                        .filter(|lo| (0xDC00..=0xDFFF).contains(lo));
                    match lo {
                        Some(lo) => {
                            chars = ahead;
                            let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        None => out.push('\u{FFFD}'),
                    }
                }
                Some(code) => out.push(char::from_u32(code).unwrap_or('\u{FFFD}')),
                None => out.push_str("\\u"),
            },
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Four hex digits, consumed only if all four are there.
fn hex4(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<u32> {
    let mut ahead = chars.clone();
    let digits: String = (0..4)
        .map_while(|_| ahead.next_if(char::is_ascii_hexdigit))
        .collect();
    let code = u32::from_str_radix(&digits, 16)
        .ok()
        .filter(|_| digits.len() == 4)?;
    *chars = ahead;
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(node: &Node) -> Span {
        match &node.value {
            Value::Str { content, .. } => *content,
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn mcp_config_with_comments_and_trailing_commas() {
        let text = r#"{
  // project MCP servers
  "mcpServers": {
    "db": {
      "command": "npx",
      "args": ["-y", "x",], /* pinned later */
      "env": {"K": "v",},
    },
  },
}
"#;
        let doc = parse(text);
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        let got: Vec<&str> = doc.comments.iter().map(|c| c.slice(text)).collect();
        assert_eq!(got, ["// project MCP servers", "/* pinned later */"]);
        let root = &doc.roots[0];
        assert_eq!(root.span, Span::new(0, text.trim_end().len()));
        let db = root
            .get("mcpServers")
            .and_then(|m| m.get("db"))
            .expect("db");
        let command = db.get("command").expect("command");
        assert_eq!(command.as_str(), Some("npx"));
        assert_eq!(command.span.slice(text), "\"npx\"");
        assert_eq!(
            content(command),
            Span::new(command.span.start + 1, command.span.end - 1)
        );
        assert_eq!(
            db.entry("command").expect("command").key_span.slice(text),
            "\"command\""
        );
        let args: Vec<_> = db
            .get("args")
            .expect("args")
            .items()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        assert_eq!(args, ["-y", "x"]);
        assert_eq!(
            db.get("env")
                .and_then(|e| e.get("K"))
                .and_then(Node::as_str),
            Some("v")
        );
    }

    #[test]
    fn gcp_service_account_key() {
        let text = r#"{
  "type": "service_account",
  "project_id": "demo-123",
  "private_key_id": "abc",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n",
  "client_email": "sa@demo-123.iam.gserviceaccount.com",
  "token_uri": "https:\/\/oauth2.googleapis.com\/token"
}"#;
        let doc = parse(text);
        assert!(doc.issues.is_empty());
        let root = &doc.roots[0];
        assert_eq!(
            root.get("type").and_then(Node::as_str),
            Some("service_account")
        );
        let key = root.get("private_key").expect("key");
        assert_eq!(
            key.as_str(),
            Some("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n")
        );
        assert!(content(key)
            .slice(text)
            .starts_with("-----BEGIN PRIVATE KEY-----\\nMIIE"));
        assert_eq!(
            root.get("token_uri").and_then(Node::as_str),
            Some("https://oauth2.googleapis.com/token")
        );
    }

    #[test]
    fn scalars_and_escapes() {
        let text = r#"[1, -2.5e3, true, false, null, "a\"b\\c\u00e9\ud83d\ude00\ud800x\q", ""]"#;
        let root = &parse(text).roots[0];
        let items = root.items();
        assert_eq!(items[0].value, Value::Num("1".into()));
        assert_eq!(items[1].value, Value::Num("-2.5e3".into()));
        assert_eq!(items[2].value, Value::Bool(true));
        assert_eq!(items[3].value, Value::Bool(false));
        assert_eq!(items[4].value, Value::Null);
        assert_eq!(items[5].as_str(), Some("a\"b\\cé😀\u{fffd}x\\q"));
        assert_eq!(
            items[6].value,
            Value::Str {
                value: String::new(),
                content: Span::new(text.len() - 2, text.len() - 2)
            }
        );
        assert_eq!(items[1].span, Span::new(4, 10));
    }

    #[test]
    fn duplicate_keys_are_all_kept() {
        let root = &parse(r#"{"a": 1, "a": 2}"#).roots[0];
        let keys: Vec<_> = root
            .entries()
            .iter()
            .map(|e| (e.key.as_str(), e.key_span))
            .collect();
        assert_eq!(keys, [("a", Span::new(1, 4)), ("a", Span::new(9, 12))]);
        assert_eq!(
            root.get("a").map(|n| &n.value),
            Some(&Value::Num("1".into()))
        );
    }

    #[test]
    fn malformed_input_keeps_the_readable_part() {
        let doc = parse(r#"{"a": [1, 2"#);
        assert!(
            doc.issues.iter().any(|i| i.message == "unclosed `{`"),
            "{:?}",
            doc.issues
        );
        let nums: Vec<_> = doc.roots[0]
            .get("a")
            .expect("a")
            .items()
            .iter()
            .map(|n| n.value.clone())
            .collect();
        assert_eq!(nums, [Value::Num("1".into()), Value::Num("2".into())]);

        let doc = parse("{\"a\": 1, \"b\": }");
        assert_eq!(doc.issues.len(), 1, "{:?}", doc.issues);
        assert_eq!(
            doc.roots[0].get("a").map(|n| &n.value),
            Some(&Value::Num("1".into()))
        );

        let doc = parse("[1,,2]");
        assert_eq!(doc.issues[0].span, Span::new(2, 3));
        assert_eq!(doc.roots[0].items().len(), 2);

        let doc = parse("{\"a\": \"open\n}");
        assert!(!doc.issues.is_empty());
    }

    #[test]
    fn deep_nesting() {
        let doc = parse(&"[".repeat(100_000));
        assert!(!doc.issues.is_empty() && doc.issues.len() <= MAX_ISSUES);
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let doc = parse(&text);
        assert!(doc
            .issues
            .iter()
            .any(|i| i.message.starts_with("nesting deeper than 128 levels")));
        let text = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        let doc = parse(&text);
        let mut node = &doc.roots[0];
        let mut depth = 0;
        while let Some(inner) = node.get("a") {
            node = inner;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH + 1);
    }

    #[test]
    fn garbage_empty_bom_crlf() {
        assert_eq!(parse(""), DataDoc::default());
        let text = "\u{feff}{\"a\":\r\n 1}\r\n";
        let doc = parse(text);
        assert!(doc.issues.is_empty());
        assert_eq!(doc.roots[0].entries()[0].key_span, Span::new(4, 7));
        let alphabet: Vec<char> = "{}[]:,\"\\u/*1e-.tn a\n\u{feff}é".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(seed % 80) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            seed = seed.wrapping_add(0x9e37_79b9);
            let doc = parse(&text);
            let mut stack: Vec<&Node> = doc.roots.iter().collect();
            while let Some(n) = stack.pop() {
                assert!(
                    text.get(n.span.start..n.span.end).is_some(),
                    "{text:?} {n:?}"
                );
                stack.extend(n.items());
                stack.extend(n.entries().iter().map(|e| &e.value));
            }
        }
    }
}
