//! YAML streams → [`DataDoc`], read with tree-sitter-yaml.
//!
//! tree-sitter is used instead of a YAML library because it never gives up: on broken input it still
//! returns a tree with `ERROR`/`MISSING` nodes, so a half-edited workflow still gets linted, and every
//! node carries exact byte offsets. What this module adds on top:
//!
//! * scalar decoding (quotes, escapes, line folding, block scalars) done by hand from the source,
//!   because tree-sitter only gives the raw span;
//! * aliases kept as [`Value::Alias`] and never expanded, so alias bombs cost nothing;
//! * a bounded walk ([`MAX_DEPTH`]) so hostile nesting cannot overflow our stack, plus a guard against
//!   a crash inside tree-sitter-yaml's own scanner on very deep block indentation (see `guard`);
//! * salvage of the readable parts of `ERROR` nodes (see `Conv::error_value`).

use std::sync::LazyLock;

use tree_sitter::Node as TsNode;

use super::tree::{DataDoc, Entry, Node, ParseIssue, Span, Value, MAX_DEPTH};
#[cfg(test)]
use super::ts::MAX_ISSUES;
use super::ts::{children, push_issue, span_of};

/// tree-sitter-yaml 0.7's scanner keeps one stack entry per open block level and serializes the stack
/// into a 1024-byte buffer; past ~250 levels that trips a C `assert` and aborts the whole process.
/// Block levels need growing indentation (or compact `- - -` chains), so lines whose structure starts
/// beyond this column are blanked before parsing. Real files never come near it.
const MAX_BLOCK_COLUMN: usize = 100;

/// tree-sitter-yaml 0.7's scanner stores rows as `int16_t`; past this line its indentation tracking
/// breaks (a long flat file turns into one big `ERROR`). Reported, not fixed.
const MAX_LINES: usize = 32_767;

/// Parse a YAML stream. Never fails and never panics: unreadable parts become [`ParseIssue`]s.
pub fn parse(text: &str) -> DataDoc {
    let mut doc = DataDoc::default();
    let source = guard(text, &mut doc.issues);
    let Some(tree) = super::ts::parse_or_issue(
        "yaml",
        "YAML",
        &tree_sitter_yaml::LANGUAGE.into(),
        text,
        &source,
        &mut doc.issues,
    ) else {
        return doc;
    };
    let root = tree.root_node();
    let vague = if root.has_error() {
        scan(root, text, &mut doc)
    } else {
        doc.comments = comments(root, &source);
        Vec::new()
    };
    let mut conv = Conv {
        text,
        issues: Vec::new(),
        cursor: root.walk(),
    };
    match kind(root) {
        "stream" => {
            for child in children(root) {
                match kind(child) {
                    "document" => doc.roots.push(conv.document(child)),
                    "ERROR" => doc.roots.push(conv.node(child, 0)),
                    _ => {}
                }
            }
        }
        _ => doc.roots.push(conv.node(root, 0)),
    }
    // After an error tree-sitter sometimes ends the tree early; the first unread line is then
    // usually the culprit (typically bad indentation).
    let rest = text.get(root.end_byte()..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start().len();
    if let Some(line) = rest.trim_start().lines().next() {
        let start = root.end_byte() + skipped;
        let span = Span::new(start, start + line.trim_end().len());
        let msg = format!(
            "cannot parse `{}` (bad indentation?); the rest of the file is not read",
            snippet(line)
        );
        push_issue(&mut doc.issues, span, msg);
    }
    // tree-sitter-yaml 0.7 keeps line numbers in 16 bits and goes wrong past this many lines.
    if text.lines().nth(MAX_LINES).is_some() {
        let start = text
            .lines()
            .take(MAX_LINES)
            .map(|l| l.len() + 1)
            .sum::<usize>()
            .min(text.len());
        let msg =
            format!("YAML files longer than {MAX_LINES} lines may be read wrongly from here on");
        push_issue(&mut doc.issues, Span::new(start, start), msg);
    }
    // "unexpected <whole region>" only helps when nothing more precise was found.
    if doc.issues.iter().all(|i| i.message.starts_with("nesting")) {
        for issue in vague {
            push_issue(&mut doc.issues, issue.span, issue.message);
        }
    }
    for issue in conv.issues {
        push_issue(&mut doc.issues, issue.span, issue.message);
    }
    doc
}

/// Node kind names by kind id, read from the grammar once. `Node::kind` measures and validates the
/// C string on every call, and the conversion asks for kinds of every node several times.
static KIND_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let language: &'static tree_sitter::Language = &LANGUAGE;
    (0..language.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| language.node_kind_for_id(id))
                .unwrap_or("")
        })
        .collect()
});

static LANGUAGE: LazyLock<tree_sitter::Language> =
    LazyLock::new(|| tree_sitter_yaml::LANGUAGE.into());

/// Field ids of `key` and `value`: `child_by_field_name` looks the name up on every call.
static FIELDS: LazyLock<(u16, u16)> = LazyLock::new(|| {
    let id = |name| LANGUAGE.field_id_for_name(name).map_or(0, u16::from);
    (id("key"), id("value"))
});

/// The `key` (`false`) or `value` (`true`) child of a pair.
fn field(node: TsNode<'_>, value: bool) -> Option<TsNode<'_>> {
    let (key_id, value_id) = *FIELDS;
    let id = if value { value_id } else { key_id };
    if id == 0 {
        // Not in the grammar (never expected): fall back to the lookup by name.
        return node.child_by_field_name(if value { "value" } else { "key" });
    }
    node.child_by_field_id(id)
}

/// The same as `node.kind()`, from the table.
fn kind(node: TsNode<'_>) -> &'static str {
    if node.is_error() {
        return "ERROR";
    }
    KIND_NAMES
        .get(usize::from(node.kind_id()))
        .copied()
        .unwrap_or("")
}

/// Blank (with spaces, keeping every byte offset) whatever lies beyond [`MAX_BLOCK_COLUMN`] on lines
/// whose block structure starts there, so tree-sitter-yaml's scanner cannot overflow; the outer
/// levels are still read. Borrowed when nothing changes.
fn guard<'t>(text: &'t str, issues: &mut Vec<ParseIssue>) -> std::borrow::Cow<'t, str> {
    let mut bytes: Option<Vec<u8>> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        if structure_column(line) > MAX_BLOCK_COLUMN {
            // Anchor names may be non-ASCII: back the cut up to a character boundary, so blanking
            // whole characters keeps the text UTF-8.
            let mut cut = start + MAX_BLOCK_COLUMN;
            while cut > start && !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if bytes.is_none() {
                let msg = format!(
                    "nesting deeper than {MAX_BLOCK_COLUMN} columns; the rest of this line (and of any \
                     other line this deep) is not read"
                );
                push_issue(issues, Span::new(cut, end), msg);
            }
            let buf = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
            if let Some(slot) = buf.get_mut(cut..end) {
                slot.fill(b' ');
            }
        }
        start += line.len();
    }
    match bytes.map(String::from_utf8) {
        Some(Ok(s)) => std::borrow::Cow::Owned(s),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// The column where a line's innermost block node could start: its indentation plus any chain of
/// compact indicators (`- `, `? `, `: `), anchors and tags.
fn structure_column(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'-' | b'?' | b':'), Some(b' ' | b'\t')) => i += 2,
            (Some(b'&' | b'!'), _) => {
                while !matches!(bytes.get(i), None | Some(b' ' | b'\t' | b'\n' | b'\r')) {
                    i += 1;
                }
            }
            _ => return i,
        }
    }
}

/// The comments of a tree without errors: every comment starts at a `#`, so only the `#`s of the
/// parsed text are looked up, instead of walking every node (a fifth of the YAML parse time).
fn comments(root: TsNode<'_>, parsed: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut next = 0;
    for (at, _) in parsed.match_indices('#') {
        if at < next {
            continue;
        }
        let Some(node) = root.descendant_for_byte_range(at, at + 1) else {
            continue;
        };
        if kind(node) == "comment" && node.start_byte() == at {
            out.push(span_of(node));
            next = node.end_byte();
        }
    }
    out
}

/// One iterative pass over the whole tree: comments and syntax errors. Iterative because the tree
/// may be 100,000 levels deep. Precise issues go straight into `doc`; vague ones are returned.
fn scan(root: TsNode<'_>, text: &str, doc: &mut DataDoc) -> Vec<ParseIssue> {
    let mut vague = Vec::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if kind(node) == "comment" {
            doc.comments.push(span_of(node));
        } else if node.is_missing() {
            let what = match kind(node) {
                "\"" | "'" => "closing quote".to_string(),
                k => format!("`{k}`"),
            };
            push_issue(&mut doc.issues, span_of(node), format!("missing {what}"));
        } else if node.is_error() {
            match describe_error(node, text) {
                (span, message, true) => push_issue(&mut doc.issues, span, message),
                (span, message, false) => push_issue(&mut vague, span, message),
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return vague;
            }
        }
    }
}

/// Name the likeliest cause of an `ERROR` node: an unclosed bracket or quote among its tokens
/// (precise: `true`), or else its first line (vague: `false`).
fn describe_error(node: TsNode<'_>, text: &str) -> (Span, String, bool) {
    let kids = children(node);
    for (open, close) in [("[", "]"), ("{", "}"), ("\"", "\""), ("'", "'")] {
        let opens: Vec<_> = kids.iter().filter(|k| kind(**k) == open).collect();
        let closes = kids.iter().filter(|k| kind(**k) == close).count();
        let unclosed = if open == close {
            opens.len() % 2 == 1
        } else {
            opens.len() > closes
        };
        if let (true, Some(last)) = (unclosed, opens.last()) {
            let what = if open == close { "quote" } else { open };
            return (span_of(**last), format!("unclosed `{what}`"), true);
        }
    }
    let span = span_of(node);
    let first = span
        .slice(text)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    (span, format!("syntax error in `{}`", snippet(first)), false)
}

/// The start of a line, short enough for a message.
fn snippet(line: &str) -> String {
    let line = line.trim();
    let mut out: String = line.chars().take(40).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}

/// Converts tree-sitter nodes to [`Node`]s. Recursive, but every call carries its depth and stops at
/// [`MAX_DEPTH`], so the output (whose `Drop`, `Clone` and `PartialEq` also recurse) stays shallow.
struct Conv<'t, 'tree> {
    text: &'t str,
    issues: Vec<ParseIssue>,
    /// One cursor for the whole conversion: a new one per node allocated its stack each time.
    cursor: tree_sitter::TreeCursor<'tree>,
}

impl<'t, 'tree> Conv<'t, 'tree> {
    fn children(&mut self, node: TsNode<'tree>) -> Vec<TsNode<'tree>> {
        node.children(&mut self.cursor).collect()
    }

    fn src(&self, span: Span) -> &'t str {
        span.slice(self.text)
    }

    fn document(&mut self, doc: TsNode<'tree>) -> Node {
        let content = self.children(doc).into_iter().find(|c| is_value(kind(*c)));
        match content {
            Some(c) => self.node(c, 0),
            None => Node {
                span: Span::new(doc.end_byte(), doc.end_byte()),
                value: Value::Null,
            },
        }
    }

    fn too_deep(&mut self, node: TsNode<'tree>) -> Node {
        let span = span_of(node);
        let message =
            format!("nesting deeper than {MAX_DEPTH} levels; the rest of this value is not read");
        // One issue per cut-off point is plenty; siblings at the same depth would repeat it.
        if !self.issues.iter().any(|i| i.message == message) {
            self.issues.push(ParseIssue { span, message });
        }
        Node {
            span,
            value: Value::Null,
        }
    }

    fn node(&mut self, node: TsNode<'tree>, depth: usize) -> Node {
        if depth > MAX_DEPTH {
            return self.too_deep(node);
        }
        let span = span_of(node);
        let value = match kind(node) {
            // Wrappers around one value, with optional anchor and tag (both ignored).
            "block_node" | "flow_node" | "document" => {
                let inner = self.children(node).into_iter().find(|c| is_value(kind(*c)));
                return match inner {
                    Some(inner) => self.node(inner, depth),
                    None => Node {
                        span,
                        value: Value::Null,
                    },
                };
            }
            "block_mapping" | "flow_mapping" => Value::Map(self.map_entries(node, depth)),
            "block_sequence" | "flow_sequence" => Value::Seq(self.seq_items(node, depth)),
            "alias" => {
                let name = self
                    .children(node)
                    .into_iter()
                    .find(|c| kind(*c) == "alias_name");
                Value::Alias(name.map_or("", |n| self.src(span_of(n))).to_string())
            }
            "plain_scalar" => self.plain(node),
            "string_scalar" | "boolean_scalar" | "null_scalar" | "integer_scalar"
            | "float_scalar" | "timestamp_scalar" => plain_value(kind(node), self.src(span), span),
            "double_quote_scalar" | "single_quote_scalar" => {
                // The closing quote is only there when the scalar is closed: an unterminated one
                // (recovered by tree-sitter) may end on any character, even a multi-byte one.
                let quote = if kind(node) == "double_quote_scalar" {
                    b'"'
                } else {
                    b'\''
                };
                let closed = span.len() >= 2
                    && self.text.as_bytes().get(span.end.saturating_sub(1)) == Some(&quote);
                let end = if closed { span.end - 1 } else { span.end };
                let content = Span::new(span.start + 1, end.max(span.start + 1));
                let raw = self.src(content);
                let value = if kind(node) == "double_quote_scalar" {
                    fold(raw, true)
                } else {
                    fold(&raw.replace("''", "'"), false)
                };
                Value::Str { value, content }
            }
            "block_scalar" => self.block_scalar(span),
            "ERROR" => self.error_value(node, depth),
            _ => Value::Null,
        };
        Node { span, value }
    }

    fn plain(&mut self, node: TsNode<'tree>) -> Value {
        let span = span_of(node);
        let kind = self
            .children(node)
            .first()
            .map_or("string_scalar", |c| kind(*c));
        plain_value(kind, self.src(span), span)
    }

    fn map_entries(&mut self, node: TsNode<'tree>, depth: usize) -> Vec<Entry> {
        let mut entries: Vec<Entry> = Vec::new();
        // `key: [1, 2` leaves the pair without a value and the broken value as the next child.
        let mut wants_value = false;
        for child in self.children(node) {
            let waiting = std::mem::take(&mut wants_value);
            match kind(child) {
                "block_mapping_pair" | "flow_pair" => {
                    wants_value = field(child, true).is_none();
                    entries.push(self.pair(child, depth));
                }
                // `{a, b}`: keys without values.
                "flow_node" => {
                    let key = self.node(child, depth + 1);
                    entries.push(self.entry_from_key(key, None));
                }
                "ERROR" => match (self.error_value(child, depth), entries.last_mut()) {
                    (Value::Map(more), _) if !waiting => entries.extend(more),
                    (value, Some(last)) if waiting => {
                        last.value = Node {
                            span: span_of(child),
                            value,
                        }
                    }
                    _ => {}
                },
                "comment" => wants_value = waiting,
                _ => {}
            }
        }
        entries
    }

    fn seq_items(&mut self, node: TsNode<'tree>, depth: usize) -> Vec<Node> {
        let mut items = Vec::new();
        for child in self.children(node) {
            match kind(child) {
                "block_sequence_item" => {
                    let inner = self
                        .children(child)
                        .into_iter()
                        .find(|c| is_value(kind(*c)));
                    items.push(match inner {
                        Some(inner) => self.node(inner, depth + 1),
                        None => Node {
                            span: Span::new(child.end_byte(), child.end_byte()),
                            value: Value::Null,
                        },
                    });
                }
                "flow_node" => items.push(self.node(child, depth + 1)),
                // `[a: b]` is a sequence holding a one-entry map.
                "flow_pair" => {
                    let entry = self.pair(child, depth + 1);
                    items.push(Node {
                        span: span_of(child),
                        value: Value::Map(vec![entry]),
                    });
                }
                "ERROR" => match self.error_value(child, depth) {
                    Value::Seq(more) => items.extend(more),
                    Value::Null => {}
                    other => items.push(Node {
                        span: span_of(child),
                        value: other,
                    }),
                },
                _ => {}
            }
        }
        items
    }

    fn pair(&mut self, pair: TsNode<'tree>, depth: usize) -> Entry {
        let key = field(pair, false).map(|k| self.node(k, depth + 1));
        let value = field(pair, true).map(|v| self.node(v, depth + 1));
        let key = key.unwrap_or(Node {
            span: Span::new(pair.start_byte(), pair.start_byte()),
            value: Value::Null,
        });
        let value = value.unwrap_or(Node {
            span: Span::new(pair.end_byte(), pair.end_byte()),
            value: Value::Null,
        });
        self.entry_from_key(key, Some(value))
    }

    /// Keys are strings in the output: decoded for string keys, as written for anything else.
    fn entry_from_key(&self, key: Node, value: Option<Node>) -> Entry {
        let name = match &key.value {
            Value::Str { value, .. } => value.clone(),
            _ => self.src(key.span).to_string(),
        };
        let value = value.unwrap_or(Node {
            span: Span::new(key.span.end, key.span.end),
            value: Value::Null,
        });
        Entry {
            key: name,
            key_span: key.span,
            value,
        }
    }

    /// Decode `|` / `>` block scalars from the source: the header, then body lines down to the node's
    /// end. Indentation is auto-detected from the first non-empty line unless an indicator gives it.
    fn block_scalar(&self, span: Span) -> Value {
        let raw = self.src(span);
        let header_len = raw.find('\n').unwrap_or(raw.len());
        let header = raw.get(..header_len).unwrap_or("");
        let header = header.split('#').next().unwrap_or("").trim();
        let folded = header.starts_with('>');
        let chomp = if header.contains('-') {
            Chomp::Strip
        } else if header.contains('+') {
            Chomp::Keep
        } else {
            Chomp::Clip
        };
        let explicit = header
            .chars()
            .find_map(|c| c.to_digit(10))
            .filter(|d| *d > 0);
        let body_start = (span.start + header_len + 1).min(span.end);
        let body = self.src(Span::new(body_start, span.end));
        let lines: Vec<&str> = body
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let indent = match explicit {
            Some(d) => line_indent(self.text, span.start) + d as usize,
            None => lines
                .iter()
                .find(|l| !l.trim().is_empty())
                .map_or(0, |l| l.len() - l.trim_start_matches(' ').len()),
        };
        let mut out = String::new();
        let mut pending = 0usize; // empty lines not yet emitted
        let mut prev_normal: Option<bool> = None; // kind of the previous content line
        let mut content_start = None;
        let mut offset = body_start;
        for line in &lines {
            let text = line.get(indent.min(line.len())..).unwrap_or("");
            let blank = line.trim().is_empty() && line.len() <= indent;
            if blank || text.is_empty() {
                pending += 1;
            } else {
                content_start.get_or_insert(offset + indent.min(line.len()));
                let normal = !text.starts_with([' ', '\t']);
                match prev_normal {
                    None => out.push_str(&"\n".repeat(pending)),
                    Some(prev) if folded && prev && normal => {
                        out.push_str(if pending == 0 { " " } else { "" });
                        out.push_str(&"\n".repeat(pending));
                    }
                    Some(_) => out.push_str(&"\n".repeat(pending + 1)),
                }
                out.push_str(text);
                pending = 0;
                prev_normal = Some(normal);
            }
            offset += line.len()
                + 1
                + usize::from(
                    self.text
                        .get(offset + line.len()..)
                        .is_some_and(|r| r.starts_with("\r\n")),
                );
        }
        if prev_normal.is_some() {
            match chomp {
                Chomp::Strip => {}
                Chomp::Clip => out.push('\n'),
                Chomp::Keep => {
                    out.push('\n');
                    out.push_str(&"\n".repeat(pending + trailing_blank_lines(self.text, span.end)));
                }
            }
        }
        let start = content_start.unwrap_or(span.end).min(span.end);
        Value::Str {
            value: out,
            content: Span::new(start, span.end),
        }
    }

    /// Salvage what is readable inside an `ERROR` node. tree-sitter-yaml flattens the broken region
    /// into a list of pairs, `key :` tokens, `-` items and values; the keys' columns tell how they
    /// nested, so the original shape is rebuilt from indentation.
    fn error_value(&mut self, node: TsNode<'tree>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return self.too_deep(node).value;
        }
        let kids = self.children(node);
        match kids.first().map(|k| kind(*k)) {
            Some("[") => return Value::Seq(self.seq_items(node, depth)),
            Some("{") => return Value::Map(self.map_entries(node, depth)),
            _ => {}
        }
        let mut keyed: Vec<(usize, Entry, bool)> = Vec::new(); // (column, entry, has value)
        let mut loose: Vec<Node> = Vec::new();
        let mut i = 0;
        while let Some(kid) = kids.get(i) {
            let next_is_colon = kids.get(i + 1).is_some_and(|n| kind(*n) == ":");
            match kind(*kid) {
                "block_mapping_pair" | "flow_pair" => {
                    let mut entry = self.pair(*kid, depth);
                    let mut has_value = field(*kid, true).is_some();
                    // `key: [1, 2` leaves the broken value as the next, separate node.
                    if let (false, Some(v)) = (has_value, value_after(&kids, i)) {
                        entry.value = self.node(v, depth + 1);
                        has_value = true;
                        i += 1;
                    }
                    keyed.push((column(self.text, kid.start_byte()), entry, has_value));
                }
                k if is_value(k) && next_is_colon => {
                    let key = self.node(*kid, depth + 1);
                    let value = value_after(&kids, i + 1).map(|v| self.node(v, depth + 1));
                    i += usize::from(value.is_some());
                    let has_value = value.is_some();
                    keyed.push((
                        column(self.text, kid.start_byte()),
                        self.entry_from_key(key, value),
                        has_value,
                    ));
                    i += 1;
                }
                "-" => {
                    if let Some(v) = kids.get(i + 1).filter(|v| is_value(kind(**v))) {
                        loose.push(self.node(*v, depth + 1));
                        i += 1;
                    }
                }
                "block_sequence_item" => loose.extend(self.seq_items_of_one(*kid, depth)),
                k if is_value(k) || k.ends_with("_scalar") => {
                    loose.push(self.node(*kid, depth + 1))
                }
                _ => {}
            }
            i += 1;
        }
        if !keyed.is_empty() {
            return Value::Map(self.nest(keyed, depth));
        }
        match loose.len() {
            0 => Value::Null,
            1 if kids
                .iter()
                .all(|k| kind(*k) != "block_sequence_item" && kind(*k) != "-") =>
            {
                loose.pop().map_or(Value::Null, |n| n.value)
            }
            _ => Value::Seq(loose),
        }
    }

    fn seq_items_of_one(&mut self, item: TsNode<'tree>, depth: usize) -> Vec<Node> {
        let inner = self.children(item).into_iter().find(|c| is_value(kind(*c)));
        vec![match inner {
            Some(inner) => self.node(inner, depth + 1),
            None => Node {
                span: Span::new(item.end_byte(), item.end_byte()),
                value: Value::Null,
            },
        }]
    }

    /// Rebuild nesting from key columns: a key without a value owns the following keys that sit
    /// further right. Iterative, and capped so the result never exceeds [`MAX_DEPTH`].
    fn nest(&mut self, keyed: Vec<(usize, Entry, bool)>, depth: usize) -> Vec<Entry> {
        let mut root: Vec<Entry> = Vec::new();
        let mut open: Vec<(usize, Entry, Vec<Entry>)> = Vec::new();
        fn close(open: &mut Vec<(usize, Entry, Vec<Entry>)>, root: &mut Vec<Entry>) {
            if let Some((_, mut parent, kids)) = open.pop() {
                if let Some(last) = kids.last() {
                    let span = Span::new(
                        parent.key_span.start,
                        last.value.span.end.max(last.key_span.end),
                    );
                    parent.value = Node {
                        span,
                        value: Value::Map(kids),
                    };
                }
                match open.last_mut() {
                    Some((_, _, siblings)) => siblings.push(parent),
                    None => root.push(parent),
                }
            }
        }
        for (col, entry, has_value) in keyed {
            while open.last().is_some_and(|(c, _, _)| *c >= col) {
                close(&mut open, &mut root);
            }
            if !has_value && depth + 2 * (open.len() + 1) < MAX_DEPTH {
                open.push((col, entry, Vec::new()));
            } else {
                match open.last_mut() {
                    Some((_, _, siblings)) => siblings.push(entry),
                    None => root.push(entry),
                }
            }
        }
        while !open.is_empty() {
            close(&mut open, &mut root);
        }
        root
    }
}

#[derive(Clone, Copy)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// The node after `kids[i]` when it is a value and not itself a key (not followed by `:`).
fn value_after<'a>(kids: &[TsNode<'a>], i: usize) -> Option<TsNode<'a>> {
    let next = kids.get(i + 1).filter(|v| is_value(kind(**v)))?;
    let is_key = kids.get(i + 2).is_some_and(|n| kind(*n) == ":");
    (!is_key).then_some(*next)
}

/// Node kinds that hold a value (as opposed to punctuation, anchors, tags and comments).
fn is_value(kind: &str) -> bool {
    matches!(
        kind,
        "block_node"
            | "flow_node"
            | "block_mapping"
            | "flow_mapping"
            | "block_sequence"
            | "flow_sequence"
            | "plain_scalar"
            | "double_quote_scalar"
            | "single_quote_scalar"
            | "block_scalar"
            | "alias"
            | "ERROR"
    )
}

/// A plain scalar by the core schema, restricted as the linter wants: only the six spellings of
/// true/false are booleans (no YAML 1.1 `yes`/`on`), numbers are kept as written.
fn plain_value(kind: &str, raw: &str, span: Span) -> Value {
    match (kind, raw) {
        (_, "true" | "True" | "TRUE") => Value::Bool(true),
        (_, "false" | "False" | "FALSE") => Value::Bool(false),
        (_, "" | "~" | "null" | "Null" | "NULL") => Value::Null,
        ("integer_scalar" | "float_scalar", _) => Value::Num(raw.to_string()),
        _ => Value::Str {
            value: fold(raw, false),
            content: span,
        },
    }
}

/// Fold a flow scalar's lines the YAML way (one line break → space, n+1 breaks → n newlines,
/// surrounding whitespace dropped) and, for double quotes, apply escapes.
fn fold(raw: &str, escapes: bool) -> String {
    if !raw.contains(['\n', '\\']) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    // Whitespace before a line break is trimmed, but not whitespace an escape produced.
    let mut keep = 0;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if escapes => {
                match chars.next() {
                    Some('\r' | '\n') => {
                        // Escaped line break: join without a space.
                        while chars
                            .next_if(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
                            .is_some()
                        {}
                    }
                    Some(e) => escape(e, &mut chars, &mut out),
                    None => out.push('\\'),
                }
                keep = out.len();
            }
            '\r' | '\n' => {
                let trimmed = out.trim_end_matches([' ', '\t']).len().max(keep);
                out.truncate(trimmed);
                let mut breaks = usize::from(c == '\n');
                while let Some(n) = chars.next_if(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
                    breaks += usize::from(n == '\n');
                }
                if breaks <= 1 {
                    out.push(' ');
                } else {
                    out.push_str(&"\n".repeat(breaks - 1));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// One double-quoted escape (the character after the backslash). Unknown escapes are kept as written.
fn escape(e: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    let simple = match e {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\x0b'),
        'f' => Some('\x0c'),
        'r' => Some('\r'),
        'e' => Some('\x1b'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(c) = simple {
        out.push(c);
        return;
    }
    let digits = match e {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => 0,
    };
    let hex: String = (0..digits)
        .map_while(|_| chars.next_if(char::is_ascii_hexdigit))
        .collect();
    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        Some(c) if hex.len() == digits && digits > 0 => out.push(c),
        _ => {
            out.push('\\');
            out.push(e);
            out.push_str(&hex);
        }
    }
}

/// Column (in bytes) of `offset` on its line.
fn column(text: &str, offset: usize) -> usize {
    let before = text.get(..offset).unwrap_or("");
    offset - before.rfind('\n').map_or(0, |p| p + 1)
}

/// Leading spaces of the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> usize {
    let start = offset - column(text, offset);
    let line = text.get(start..).unwrap_or("");
    line.len() - line.trim_start_matches(' ').len()
}

/// Blank lines right after a block scalar, which only `|+` / `>+` keep.
fn trailing_blank_lines(text: &str, end: usize) -> usize {
    let rest = text.get(end..).unwrap_or("");
    let mut lines = rest.split('\n');
    lines.next(); // the rest of the scalar's last line
    let blanks = lines.take_while(|l| l.trim().is_empty()).count();
    // The last "line" of a file ending in '\n' is empty but is not a line.
    if rest.trim().is_empty() {
        blanks.saturating_sub(1)
    } else {
        blanks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let doc = parse(text);
        assert_eq!(doc.roots.len(), 1, "{doc:?}");
        doc.roots.into_iter().next().expect("one root")
    }

    fn s(node: &Node) -> &str {
        node.as_str().expect("a string")
    }

    fn content(node: &Node) -> Span {
        match &node.value {
            Value::Str { content, .. } => *content,
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn nested_maps_and_sequences() {
        let text = "a:\n  b: [1, x]\n  c:\n    - {d: e}\n    - f\n";
        let root = one(text);
        assert_eq!(root.span, Span::new(0, text.len()));
        let a = root.get("a").expect("a");
        assert_eq!(root.entries()[0].key_span, Span::new(0, 1));
        let b = a.get("b").expect("b");
        assert_eq!(b.span, Span::new(8, 14));
        assert_eq!(b.items()[0].value, Value::Num("1".into()));
        assert_eq!(
            b.items()[1].value,
            Value::Str {
                value: "x".into(),
                content: Span::new(12, 13)
            }
        );
        let c = a.get("c").expect("c").items();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].entry("d").expect("d").key_span.slice(text), "d");
        assert_eq!(s(c[0].get("d").expect("d")), "e");
        assert_eq!(s(&c[1]), "f");
        assert_eq!(c[1].span, Span::new(39, 40));
        assert!(parse(text).issues.is_empty());
    }

    #[test]
    fn scalar_styles() {
        let text = concat!(
            "p: plain text\n",
            "s: 'it''s'\n",
            "d: \"tab\\there \\u00e9 \\x41\\\"\"\n",
            "m: first\n  second\n\n  third\n",
            "t: true\nf: FALSE\ny: yes\nn: null\nz: ~\ne:\n",
            "i: 42\nx: 0x1F\nr: -1.5e3\nq: \"true\"\nts: 2001-12-14\n",
        );
        let root = one(text);
        let get = |k: &str| root.get(k).unwrap_or_else(|| panic!("{k}"));
        assert_eq!(s(get("p")), "plain text");
        assert_eq!(content(get("p")).slice(text), "plain text");
        assert_eq!(s(get("s")), "it's");
        assert_eq!(content(get("s")).slice(text), "it''s");
        assert_eq!(get("s").span.slice(text), "'it''s'");
        assert_eq!(s(get("d")), "tab\there é A\"");
        assert_eq!(
            content(get("d")).slice(text),
            "tab\\there \\u00e9 \\x41\\\""
        );
        assert_eq!(s(get("m")), "first second\nthird");
        assert_eq!(get("t").value, Value::Bool(true));
        assert_eq!(get("f").value, Value::Bool(false));
        assert_eq!(s(get("y")), "yes");
        assert_eq!(get("n").value, Value::Null);
        assert_eq!(get("z").value, Value::Null);
        assert_eq!(get("e").value, Value::Null);
        assert_eq!(get("i").value, Value::Num("42".into()));
        assert_eq!(get("x").value, Value::Num("0x1F".into()));
        assert_eq!(get("r").value, Value::Num("-1.5e3".into()));
        assert_eq!(s(get("q")), "true");
        assert_eq!(s(get("ts")), "2001-12-14");
        assert!(parse(text).issues.is_empty());
    }

    #[test]
    fn quoted_line_folding_and_escaped_breaks() {
        let root = one("a: \"one\n  two\n\n  three \\\n  four\"\nb: 'x\n  y'\n");
        assert_eq!(s(root.get("a").expect("a")), "one two\nthree four");
        assert_eq!(s(root.get("b").expect("b")), "x y");
    }

    #[test]
    fn github_actions_run_block() {
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Test\n        run: |\n          set -eu\n          if [ -n \"$X\" ]; then\n            curl -fsSL https://x | sh\n          fi\n\n          echo done # not a YAML comment\n      - run: echo last\n";
        let root = one(text);
        let steps = root
            .get("jobs")
            .and_then(|j| j.get("build"))
            .and_then(|b| b.get("steps"))
            .expect("steps");
        assert_eq!(steps.items().len(), 3);
        let run = steps.items()[1].get("run").expect("run");
        let script = "set -eu\nif [ -n \"$X\" ]; then\n  curl -fsSL https://x | sh\nfi\n\necho done # not a YAML comment\n";
        assert_eq!(s(run), script);
        let body = content(run).slice(text);
        assert!(body.starts_with("set -eu\n          if ["), "{body:?}");
        assert!(body.ends_with("echo done # not a YAML comment"), "{body:?}");
        assert_eq!(content(run).start, text.find("set -eu").expect("body"));
        assert_eq!(run.span.slice(text).lines().next(), Some("|"));
        assert_eq!(s(steps.items()[2].get("run").expect("run")), "echo last");
        let doc = parse(text);
        assert!(doc.issues.is_empty() && doc.comments.is_empty(), "{doc:?}");
    }

    #[test]
    fn block_scalar_indicators() {
        let root = one("f: >\n  a\n  b\n\n  c\n    d\n  e\ns: |-\n  x\n\nk: |+\n  y\n\nz: >2\n   lead\n  rest\n");
        assert_eq!(s(root.get("f").expect("f")), "a b\nc\n  d\ne\n");
        assert_eq!(s(root.get("s").expect("s")), "x");
        assert_eq!(s(root.get("k").expect("k")), "y\n\n");
        assert_eq!(s(root.get("z").expect("z")), " lead\nrest\n");
        let empty = one("a: |\nb: 1\n");
        assert_eq!(s(empty.get("a").expect("a")), "");
    }

    #[test]
    fn comments_are_collected() {
        let text = "# top\na: 1 # trailing\nb: |  # header\n  x\n# end\n";
        let doc = parse(text);
        let got: Vec<&str> = doc.comments.iter().map(|c| c.slice(text)).collect();
        assert_eq!(got, ["# top", "# trailing", "# header", "# end"]);
        assert_eq!(doc.comments[0], Span::new(0, 5));
        assert_eq!(doc.roots[0].get("b").and_then(Node::as_str), Some("x\n"));
    }

    #[test]
    fn multi_document_stream() {
        let text = "a: 1\n---\n- x\n--- \"s\"\n...\n";
        let doc = parse(text);
        assert_eq!(doc.roots.len(), 3, "{doc:?}");
        assert_eq!(
            doc.roots[0].get("a").map(|n| &n.value),
            Some(&Value::Num("1".into()))
        );
        assert_eq!(doc.roots[1].items().len(), 1);
        assert_eq!(doc.roots[2].as_str(), Some("s"));
        assert_eq!(doc.roots[2].span, Span::new(17, 20));
        assert!(doc.issues.is_empty());
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = "base: &b {x: 1}\nuse:\n  <<: *b\n  y: !!str 2\nlist: [*b, &c z, *c]\n";
        let root = one(text);
        assert_eq!(
            root.get("base").expect("base").get("x").map(|n| &n.value),
            Some(&Value::Num("1".into()))
        );
        let merge = root.get("use").expect("use").entry("<<").expect("<<");
        assert_eq!(merge.value.value, Value::Alias("b".into()));
        assert_eq!(merge.value.span.slice(text), "*b");
        let list = root.get("list").expect("list").items();
        assert_eq!(list[0].value, Value::Alias("b".into()));
        assert_eq!(s(&list[1]), "z");
        assert_eq!(list[1].span.slice(text), "z");
        assert_eq!(list[2].value, Value::Alias("c".into()));
    }

    #[test]
    fn alias_bomb_is_not_expanded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            text.push_str(&format!(
                "l{i}: &l{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                p = if i == 1 {
                    "a".to_string()
                } else {
                    format!("l{}", i - 1)
                }
            ));
        }
        let root = one(&text);
        assert_eq!(root.entries().len(), 30);
        assert_eq!(
            root.get("l29").expect("l29").items()[0].value,
            Value::Alias("l28".into())
        );
    }

    #[test]
    fn unclosed_quote_keeps_the_rest() {
        let text = "a: 1\nb: \"oops\n";
        let doc = parse(text);
        assert!(!doc.issues.is_empty());
        assert_eq!(doc.issues[0].message, "unclosed `quote`");
        assert_eq!(doc.issues[0].span, Span::new(8, 9));
        assert_eq!(
            doc.roots[0].get("a").map(|n| &n.value),
            Some(&Value::Num("1".into()))
        );
    }

    #[test]
    fn unterminated_quote_never_cuts_a_character() {
        // tree-sitter can end an unterminated quoted scalar right after a multi-byte character;
        // the content must not then stop one byte short of the end. Found by fuzzing.
        let bytes = include_bytes!(
            "../../fuzz/regressions/fuzz_yaml/unterminated-quote-before-multibyte-char"
        );
        let text = String::from_utf8_lossy(bytes);
        let syntax = super::super::Syntax::Data(parse(&text));
        assert_eq!(super::super::spans::first_bad(&syntax, &text), None);
    }

    #[test]
    fn unterminated_flow_sequence() {
        let text = "key: [1, 2\nother: x\n";
        let doc = parse(text);
        assert!(
            doc.issues
                .iter()
                .any(|i| i.message == "unclosed `[`" && i.span == Span::new(5, 6)),
            "{doc:?}"
        );
        let key = doc.roots[0].get("key").expect("key");
        let nums: Vec<_> = key.items().iter().map(|n| n.value.clone()).collect();
        assert_eq!(nums, [Value::Num("1".into()), Value::Num("2".into())]);
        assert_eq!(doc.roots[0].entries()[1].key, "other");
    }

    #[test]
    fn bad_indentation_reports_and_keeps_the_start() {
        let text =
            "on: push\njobs:\n  build:\n    steps:\n     - run: echo\n   - uses: x\nafter: 1\n";
        let doc = parse(text);
        let root = &doc.roots[0];
        assert_eq!(root.get("on").and_then(Node::as_str), Some("push"));
        let steps = root
            .get("jobs")
            .and_then(|j| j.get("build"))
            .and_then(|b| b.get("steps"))
            .expect("steps");
        assert_eq!(
            steps.items()[0].get("run").and_then(Node::as_str),
            Some("echo")
        );
        let issue = doc.issues.first().expect("an issue");
        assert_eq!(issue.span.slice(text), "- uses: x");
        assert!(issue.message.contains("bad indentation"), "{issue:?}");
    }

    #[test]
    fn deep_flow_nesting_is_cut_at_max_depth() {
        let text = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let doc = parse(&text);
        let mut node = &doc.roots[0];
        let mut depth = 0;
        while let Some(inner) = node.items().first() {
            node = inner;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH + 1);
        assert_eq!(node.value, Value::Null);
        assert!(doc
            .issues
            .iter()
            .any(|i| i.message.starts_with("nesting deeper than 128 levels")));
    }

    #[test]
    fn hundred_thousand_open_brackets() {
        let text = "[".repeat(100_000);
        let doc = parse(&text);
        assert!(!doc.issues.is_empty());
        assert!(doc.issues.len() <= MAX_ISSUES);
    }

    #[test]
    fn hundred_thousand_dashes() {
        // One line of compact nested sequences: the scanner-overflow guard cuts it at column 100.
        let text = "- ".repeat(100_000);
        let doc = parse(&text);
        assert!(
            doc.issues
                .iter()
                .any(|i| i.message.contains("deeper than 100 columns")),
            "{:?}",
            doc.issues
        );
        assert!(doc.roots.len() <= 1);
        // 100,000 lines, each nested one step deeper than the last (2,000 lines keep the file small;
        // depth past the guard is what matters).
        let lines: String = (0..2_000)
            .map(|i| format!("{}- \n", " ".repeat(i * 2)))
            .collect();
        let doc = parse(&lines);
        assert!(!doc.issues.is_empty());
        // And 30,000 flat ones (tree-sitter-yaml 0.7 loses track past 32,767 lines; see `parse`).
        let flat = "- \n".repeat(30_000);
        let doc = parse(&flat);
        assert_eq!(doc.roots[0].items().len(), 30_000);
        assert!(doc.issues.is_empty());
    }

    #[test]
    fn deep_indentation_does_not_crash_the_scanner() {
        // Without the guard, tree-sitter-yaml 0.7 aborts the process past ~250 levels.
        let text: String = (0..400)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let doc = parse(&text);
        assert!(doc
            .issues
            .iter()
            .any(|i| i.message.contains("deeper than 100 columns")));
        assert!(doc.roots[0].get("k0").is_some());
        let text = "? ".repeat(1000);
        assert!(!parse(&text).issues.is_empty());
        // A cut inside a multi-byte anchor name must still blank whole characters.
        let text = format!("{}- &{}\n", "- ".repeat(49), "é".repeat(300));
        assert!(parse(&text)
            .issues
            .iter()
            .any(|i| i.message.contains("100 columns")));
    }

    #[test]
    fn garbage_and_empty_input_do_not_panic() {
        assert_eq!(parse(""), DataDoc::default());
        assert!(parse("   \n\n").roots.is_empty());
        assert!(parse("# only a comment\n").roots.is_empty());
        let alphabet: Vec<char> = "ab: -?[]{},'\"|>&*!#%@`\n\n  \t\r\\é\u{feff}0.~"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..400 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for _ in 0..(seed % 120) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let doc = parse(&text);
            let mut stack: Vec<&Node> = doc.roots.iter().collect();
            while let Some(n) = stack.pop() {
                assert!(
                    text.get(n.span.start..n.span.end).is_some(),
                    "{text:?} {n:?}"
                );
                if let Value::Str { content, .. } = &n.value {
                    assert!(
                        text.get(content.start..content.end).is_some(),
                        "{text:?} {n:?}"
                    );
                }
                stack.extend(n.items());
                stack.extend(n.entries().iter().map(|e| &e.value));
            }
            assert!(doc.issues.iter().all(|i| i.span.end <= text.len()));
        }
        let bytes: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let _ = parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"q\r\n  r\"\r\n";
        let root = one(text);
        assert_eq!(root.entries()[0].key_span, Span::new(3, 4));
        let b = root.get("b").expect("b");
        assert_eq!(s(b), "x\ny\n");
        assert_eq!(content(b).slice(text), "x\r\n  y");
        assert_eq!(s(root.get("c").expect("c")), "q r");
        assert!(parse(text).issues.is_empty());
    }
}
