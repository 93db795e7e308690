//! The format-neutral trees every parser produces.
//!
//! Parsers live one per format beside this file and share nothing but these types. Every node keeps
//! the byte span it came from, so a rule can point at the exact characters it is talking about, and a
//! parser that meets broken input returns what it could read plus [`ParseIssue`]s instead of failing.
//! Nothing here knows about rules.

/// A half-open byte range `[start, end)` into the file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The same length, moved by `base` bytes (for text parsed out of a larger file).
    pub const fn offset(self, base: usize) -> Self {
        Span {
            start: self.start + base,
            end: self.end + base,
        }
    }

    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or `""` when it does not fit `text` or cuts a character.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Where and why a parser could not read part of a file. The rest of the file is still returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseIssue {
    pub span: Span,
    pub message: String,
}

/// Deepest nesting any parser follows. Deeper input is reported as a [`ParseIssue`] and cut off, so a
/// hostile file cannot overflow the stack of a recursive walk.
pub const MAX_DEPTH: usize = 128;

// ---------------------------------------------------------------------------------------------
// Data trees: YAML, JSON/JSONC, TOML
// ---------------------------------------------------------------------------------------------

/// A YAML, JSON or TOML value with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The whole value in the source, quotes and block-scalar indicators included.
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Map(Vec<Entry>),
    Seq(Vec<Node>),
    /// A string scalar. `value` is decoded (quotes removed, escapes applied, block scalars joined);
    /// `content` is the span of the characters between the quotes (for block scalars: the body), so a
    /// rule can scan the raw source and keep exact offsets.
    Str {
        value: String,
        content: Span,
    },
    /// A number, kept as written.
    Num(String),
    Bool(bool),
    Null,
    /// A YAML alias (`*name`). Aliases are never expanded, so alias bombs cost nothing.
    Alias(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key as a string (non-string keys are written as they appear).
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// A parsed YAML stream, JSON document or TOML file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataDoc {
    /// One root per document (YAML streams may hold several; JSON and TOML hold one).
    pub roots: Vec<Node>,
    /// Spans of comments (`# …`, `// …`, `/* … */`), for suppression handling.
    pub comments: Vec<Span>,
    pub issues: Vec<ParseIssue>,
}

impl Node {
    /// The entry of a map by key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The entries of a map, or nothing.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence, or nothing.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// A string scalar's decoded value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str { value, .. } => Some(value),
            _ => None,
        }
    }

    /// A scalar written as text: strings, numbers and booleans.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str { value, .. } => Some(value.clone()),
            Value::Num(n) => Some(n.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::Str { value, .. } => match value.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HCL (Terraform)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclBody {
    pub attributes: Vec<HclAttribute>,
    pub blocks: Vec<HclBlock>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HclAttribute {
    pub name: String,
    pub name_span: Span,
    pub expr: HclExpr,
    /// The whole `name = expr`.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HclBlock {
    /// `resource`, `variable`, `lifecycle`, …
    pub kind: String,
    pub kind_span: Span,
    /// Labels with quotes removed: `resource "aws_db_instance" "main"` → `["aws_db_instance", "main"]`.
    pub labels: Vec<(String, Span)>,
    pub body: HclBody,
    /// From the block type to the closing brace.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HclExpr {
    pub span: Span,
    pub kind: HclExprKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum HclExprKind {
    /// A string with no interpolation; `content` is the span between the quotes (or the heredoc body).
    Str {
        value: String,
        content: Span,
    },
    /// A string with `${…}` interpolations or `%{…}` directives.
    Template(Vec<TemplatePart>),
    Num(String),
    Bool(bool),
    Null,
    /// A traversal such as `var.x`, `local.y`, `aws_db_instance.main.id`, `module.m.out`; index steps
    /// are written as `[0]` or `["k"]` segments.
    Reference(Vec<String>),
    Tuple(Vec<HclExpr>),
    Object(Vec<HclObjectItem>),
    Call {
        name: String,
        args: Vec<HclExpr>,
    },
    Conditional {
        condition: Box<HclExpr>,
        then: Box<HclExpr>,
        otherwise: Box<HclExpr>,
    },
    /// Anything else (operators, for-expressions, splats): kept as its source span only.
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TemplatePart {
    Literal { value: String, span: Span },
    Interpolation(HclExpr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct HclObjectItem {
    pub key: String,
    pub key_span: Span,
    pub value: HclExpr,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclFile {
    pub body: HclBody,
    pub comments: Vec<Span>,
    pub issues: Vec<ParseIssue>,
}

impl HclBody {
    pub fn attribute(&self, name: &str) -> Option<&HclAttribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a HclBlock> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown (agent rule files)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkdownDoc {
    /// The YAML between `---` lines at the very top (`.mdc` front matter), without the fences.
    pub front_matter: Option<Span>,
    pub blocks: Vec<MdBlock>,
    pub issues: Vec<ParseIssue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MdBlock {
    pub kind: MdBlockKind,
    /// For prose: the paragraph, heading, list item or table row as written (inline code and
    /// emphasis markers included). For code: the lines between the fences (or the indented block).
    pub span: Span,
    /// Where the block sits in the document's structure.
    pub place: MdPlace,
}

/// Where a markdown block sits: instruction files scope meaning by structure (a heading over a
/// list, a lead-in line before its items, a quoted bad example), so readers need more than text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MdPlace {
    /// Heading level 1–6; 0 for anything that is not a heading.
    pub heading: u8,
    /// How many block quotes hold the block.
    pub quote_depth: u8,
    /// The innermost list item holding the block.
    pub item: Option<MdListItem>,
    /// A table row (header row included).
    pub table_row: bool,
}

/// A list item's identity: lists and items are numbered in document order, so two blocks are
/// siblings when they share `list`, and parts of one item when they share `item`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MdListItem {
    pub list: u32,
    pub item: u32,
    /// 1 for a top-level list, 2 for a list inside an item, …
    pub depth: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MdBlockKind {
    Prose,
    /// A fenced or indented code block; `lang` is the info string's first word, lowercased
    /// (`""` when absent).
    Code {
        lang: String,
    },
    /// A raw HTML block or an HTML comment.
    Html,
}

// ---------------------------------------------------------------------------------------------
// dotenv
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DotenvFile {
    pub entries: Vec<DotenvEntry>,
    pub comments: Vec<Span>,
    pub issues: Vec<ParseIssue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DotenvEntry {
    pub key: String,
    pub key_span: Span,
    /// Decoded value: quotes removed, escapes applied in double quotes, inline comment dropped.
    pub value: String,
    /// The value's characters in the source, without the quotes.
    pub value_span: Span,
    pub quote: Option<char>,
    pub exported: bool,
    /// The whole line(s) of the assignment.
    pub span: Span,
}

// ---------------------------------------------------------------------------------------------
// Shell
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShellScript {
    /// Simple commands in source order, whether joined by `;`, `&&`, `||`, `|` or newlines, and
    /// including those inside `$(…)`, backticks, subshells, `if`/`for`/`while` bodies.
    pub commands: Vec<ShellCommand>,
    pub comments: Vec<Span>,
    pub issues: Vec<ParseIssue>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShellCommand {
    /// `NAME=value` words before the command name.
    pub assignments: Vec<ShellWord>,
    /// The command name and its arguments, after the assignments.
    pub words: Vec<ShellWord>,
    /// Here-document bodies fed to this command, as spans of their text.
    pub heredocs: Vec<Span>,
    /// The command before a `|` whose output this one reads (`echo "DROP …" | psql`), as an index
    /// into [`ShellScript::commands`].
    pub piped_from: Option<usize>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShellWord {
    /// The word with quotes removed and escapes applied; `$VAR` and `$(…)` are kept as written.
    pub text: String,
    pub span: Span,
}

impl ShellCommand {
    /// The command name, with any leading path removed (`/usr/bin/curl` → `curl`).
    pub fn name(&self) -> Option<&str> {
        let word = self.words.first()?;
        Some(word.text.rsplit('/').next().unwrap_or(&word.text))
    }

    pub fn args(&self) -> &[ShellWord] {
        self.words.get(1..).unwrap_or(&[])
    }
}
