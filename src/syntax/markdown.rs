//! Markdown agent rule files (`CLAUDE.md`, `AGENTS.md`, `.cursorrules`, `.cursor/rules/*.mdc`,
//! `copilot-instructions.md`) cut into prose, code and HTML blocks with exact byte spans.
//!
//! Rules look for instructions ("run `prisma migrate reset --force` without asking") and secrets, so
//! what matters is that every piece of prose lands in exactly one small [`MdBlock`] (one paragraph,
//! heading, table row or list-item line group) and that code blocks are separated from prose with
//! their language. Markdown has no syntax errors; the only issue reported is broken front matter.
//!
//! pulldown-cmark builds its tree in an arena and emits a flat event stream, so 100,000 nested `>`
//! or 50,000 nested list markers cost time linear in the input and no stack. The walk below keeps
//! its own explicit stack of open blocks instead of recursing, for the same reason.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::tree::{MarkdownDoc, MdBlock, MdBlockKind, MdListItem, MdPlace, ParseIssue, Span};

/// Parses an agent rule file. Never fails: anything unreadable as markdown is still prose.
pub fn parse(text: &str) -> MarkdownDoc {
    let mut doc = MarkdownDoc::default();
    let body_start = split_front_matter(text, &mut doc);
    let body = text.get(body_start..).unwrap_or("");
    doc.blocks = collect_blocks(body, body_start);
    doc
}

const BOM: &str = "\u{feff}";

/// Finds `.mdc`-style YAML front matter and returns the offset where the markdown body starts.
///
/// The front matter must open on the first line (after an optional BOM) with a line holding only
/// `---` and close with the next such line. An unclosed fence is reported and the whole file is read
/// as markdown, because a lone `---` at the top is also a valid thematic break and we would rather
/// lint too much prose than silently skip the file.
fn split_front_matter(text: &str, doc: &mut MarkdownDoc) -> usize {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = Lines::new(text, start);
    let Some(first) = lines.next() else {
        return start;
    };
    if !is_fence_line(first.content) {
        return start;
    }
    let yaml_start = first.next;
    for line in lines {
        if is_fence_line(line.content) {
            doc.front_matter = Some(Span::new(yaml_start, line.start));
            return line.next;
        }
    }
    doc.issues.push(ParseIssue {
        span: Span::new(first.start, first.start + first.content.trim_end().len()),
        message: "front matter opened with `---` is never closed; the file is read as markdown"
            .to_owned(),
    });
    start
}

/// `---` with optional trailing blanks (`\r` of a CRLF line ending included).
fn is_fence_line(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == "---"
}

/// One line of the source: where it starts, its text without `\n`, and where the next line starts.
struct Line<'a> {
    start: usize,
    content: &'a str,
    next: usize,
}

/// Line iterator that keeps byte offsets (`str::lines` loses them).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        Lines { text, pos }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let start = self.pos;
        let (content, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, self.text.len()),
        };
        self.pos = next;
        Some(Line {
            start,
            content,
            next,
        })
    }
}

/// What an open block does with the inline events inside it.
enum Frame {
    /// Paragraph, heading, table row: emitted whole as one prose block when it ends.
    Prose {
        start: usize,
        end: usize,
        heading: u8,
        table_row: bool,
    },
    /// A code block: its text events give the content span.
    Code {
        lang: String,
        block: Span,
        content: Option<Span>,
    },
    /// An HTML block: emitted whole.
    Html { start: usize, end: usize },
    /// List item, block quote, list, table, footnote: holds other blocks, and (in tight lists) bare
    /// inline text that forms a prose block of its own between child blocks.
    Container(Holder),
}

/// What a container frame is, as far as a block's [`MdPlace`] cares.
enum Holder {
    Quote,
    List(u32),
    Item(u32),
    Other,
}

/// What holds a block: its place, and the innermost list with its depth. One is kept per open
/// frame, computed from the one below when the frame opens, so a block's place costs O(1) however
/// deep the nesting (100,000 nested `>` stay linear).
#[derive(Clone, Copy, Default)]
struct Inside {
    place: MdPlace,
    list: Option<u32>,
    depth: u8,
}

impl Inside {
    /// Inside `frame`, opened within `self`.
    fn enter(self, frame: &Frame) -> Inside {
        let mut inside = self;
        match frame {
            Frame::Container(Holder::Quote) => {
                inside.place.quote_depth = inside.place.quote_depth.saturating_add(1);
            }
            Frame::Container(Holder::List(id)) => {
                inside.list = Some(*id);
                inside.depth = inside.depth.saturating_add(1);
            }
            Frame::Container(Holder::Item(item)) => {
                inside.place.item = inside.list.map(|list| MdListItem {
                    list,
                    item: *item,
                    depth: inside.depth,
                });
            }
            _ => {}
        }
        inside
    }
}

/// The place of a block emitted inside the innermost open frame.
fn place_in(insides: &[Inside]) -> MdPlace {
    insides.last().map(|i| i.place).unwrap_or_default()
}

/// Options matching what GitHub, Cursor and Claude render: tables and task lists matter because
/// rules are often written as checklists and permission tables. YAML metadata blocks stay off
/// because front matter is split off before parsing; math stays off so `$VAR` in prose is not
/// swallowed as a formula.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// Walks the event stream with an explicit stack and returns the blocks in source order.
fn collect_blocks(body: &str, base: usize) -> Vec<MdBlock> {
    let mut out = Blocks {
        text: body,
        base,
        blocks: Vec::new(),
    };
    let mut stack: Vec<Frame> = Vec::new();
    // One per open frame, in step with `stack`.
    let mut insides: Vec<Inside> = Vec::new();
    // Inline text sitting directly in a container (a tight list item's text), not yet emitted.
    let mut run: Option<(usize, usize)> = None;
    // Lists and items are numbered in document order (see [`MdListItem`]).
    let mut numbered = 0u32;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let (start, end) = (range.start, range.end);
        match event {
            Event::Start(tag) => {
                let Some(mut frame) = frame_for(&tag, start, end) else {
                    extend_inline(&stack, &mut run, start, end);
                    continue;
                };
                if let Frame::Container(Holder::List(id) | Holder::Item(id)) = &mut frame {
                    numbered += 1;
                    *id = numbered;
                }
                out.flush_run(&mut run, &insides);
                insides.push(insides.last().copied().unwrap_or_default().enter(&frame));
                stack.push(frame);
            }
            Event::End(tag_end) => {
                if !is_block_end(tag_end) {
                    extend_inline(&stack, &mut run, start, end);
                    continue;
                }
                out.flush_run(&mut run, &insides);
                let popped = stack.pop();
                insides.pop();
                let place = place_in(&insides);
                match popped {
                    Some(Frame::Prose {
                        start,
                        end,
                        heading,
                        table_row,
                    }) => out.push(
                        MdBlockKind::Prose,
                        start,
                        end,
                        MdPlace {
                            heading,
                            table_row,
                            ..place
                        },
                    ),
                    Some(Frame::Html { start, end }) => {
                        out.push(MdBlockKind::Html, start, end, place)
                    }
                    Some(Frame::Code {
                        lang,
                        block,
                        content,
                    }) => {
                        let content = content.unwrap_or_else(|| empty_content(body, block));
                        out.blocks.push(MdBlock {
                            kind: MdBlockKind::Code { lang },
                            span: content.offset(base),
                            place,
                        });
                    }
                    Some(Frame::Container(_)) | None => {}
                }
            }
            Event::Text(_) => match stack.last_mut() {
                Some(Frame::Code { content, .. }) => {
                    *content = Some(match *content {
                        Some(c) => Span::new(c.start.min(start), c.end.max(end)),
                        None => Span::new(start, end),
                    });
                }
                _ => extend_inline(&stack, &mut run, start, end),
            },
            Event::InlineHtml(html) => {
                // An inline comment is where suppressions like `<!-- agentlint: ignore[...] -->`
                // live, so it is reported on its own as well as inside its prose block.
                if html.starts_with("<!--") {
                    out.push(MdBlockKind::Html, start, end, place_in(&insides));
                }
                extend_inline(&stack, &mut run, start, end);
            }
            Event::Html(_) => {
                // Raw HTML lines only come inside an HTML block; anywhere else keep them anyway.
                if !matches!(stack.last(), Some(Frame::Html { .. })) {
                    out.flush_run(&mut run, &insides);
                    out.push(MdBlockKind::Html, start, end, place_in(&insides));
                }
            }
            Event::Rule => out.flush_run(&mut run, &insides),
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::TaskListMarker(_) => extend_inline(&stack, &mut run, start, end),
        }
    }
    out.flush_run(&mut run, &insides);
    // Inline comments are pushed before the paragraph holding them ends; a stable sort by start
    // restores source order and keeps a paragraph before the comments inside it.
    out.blocks.sort_by_key(|b| b.span.start);
    out.blocks
}

/// Output under construction: spans are trimmed and moved to file offsets here.
struct Blocks<'a> {
    text: &'a str,
    base: usize,
    blocks: Vec<MdBlock>,
}

impl Blocks<'_> {
    /// Pushes a block, dropping the trailing line break and blanks pulldown-cmark includes in
    /// block ranges, so a span covers exactly what was written.
    fn push(&mut self, kind: MdBlockKind, start: usize, end: usize, place: MdPlace) {
        let slice = self.text.get(start..end).unwrap_or("");
        let end = start + slice.trim_end().len();
        if end > start {
            self.blocks.push(MdBlock {
                kind,
                span: Span::new(start, end).offset(self.base),
                place,
            });
        }
    }

    /// Emits the pending inline run (bare text of a tight list item) placed inside `insides`.
    fn flush_run(&mut self, run: &mut Option<(usize, usize)>, insides: &[Inside]) {
        if let Some((start, end)) = run.take() {
            self.push(MdBlockKind::Prose, start, end, place_in(insides));
        }
    }
}

/// Adds an inline event to the pending run when it sits directly in a container; inside a
/// paragraph, heading, code or HTML block the enclosing block already covers it.
fn extend_inline(stack: &[Frame], run: &mut Option<(usize, usize)>, start: usize, end: usize) {
    if matches!(stack.last(), None | Some(Frame::Container(_))) {
        *run = Some(match *run {
            Some((s, e)) => (s.min(start), e.max(end)),
            None => (start, end),
        });
    }
}

/// The frame a block-level tag opens, or `None` for inline tags (emphasis, links, table cells),
/// whose text belongs to the enclosing block.
fn frame_for(tag: &Tag<'_>, start: usize, end: usize) -> Option<Frame> {
    Some(match tag {
        Tag::Paragraph | Tag::DefinitionListTitle => Frame::Prose {
            start,
            end,
            heading: 0,
            table_row: false,
        },
        Tag::Heading { level, .. } => Frame::Prose {
            start,
            end,
            heading: *level as u8,
            table_row: false,
        },
        Tag::TableHead | Tag::TableRow => Frame::Prose {
            start,
            end,
            heading: 0,
            table_row: true,
        },
        Tag::CodeBlock(kind) => Frame::Code {
            lang: match kind {
                CodeBlockKind::Fenced(info) => info_lang(info),
                CodeBlockKind::Indented => String::new(),
            },
            block: Span::new(start, end),
            content: None,
        },
        Tag::HtmlBlock => Frame::Html { start, end },
        // Not enabled, but if it ever is, its YAML must not be read as prose.
        Tag::MetadataBlock(_) => Frame::Html { start, end },
        Tag::BlockQuote(_) => Frame::Container(Holder::Quote),
        // Numbered by the caller, in document order.
        Tag::List(_) => Frame::Container(Holder::List(0)),
        Tag::Item => Frame::Container(Holder::Item(0)),
        Tag::FootnoteDefinition(_)
        | Tag::DefinitionList
        | Tag::DefinitionListDefinition
        | Tag::Table(_) => Frame::Container(Holder::Other),
        Tag::TableCell
        | Tag::Emphasis
        | Tag::Strong
        | Tag::Strikethrough
        | Tag::Superscript
        | Tag::Subscript
        | Tag::Link { .. }
        | Tag::Image { .. } => return None,
    })
}

/// Must agree with [`frame_for`]: every tag that pushes a frame pops one.
fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The info string's first word, lowercased. Also cut at `,` and `{` so `rust,ignore` and
/// `bash{.numberLines}` give the language a rule can match on.
fn info_lang(info: &str) -> String {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The empty span where an empty code block's content would be: just after the opening fence line.
fn empty_content(body: &str, block: Span) -> Span {
    let at = block
        .slice(body)
        .find('\n')
        .map_or(block.end, |i| block.start + i + 1);
    Span::new(at, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(kind, text)` pairs, which make the expected output readable.
    fn blocks(text: &str) -> Vec<(MdBlockKind, &str)> {
        parse(text)
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.span.slice(text)))
            .collect()
    }

    fn prose(s: &str) -> (MdBlockKind, &str) {
        (MdBlockKind::Prose, s)
    }

    fn code<'a>(lang: &str, s: &'a str) -> (MdBlockKind, &'a str) {
        (
            MdBlockKind::Code {
                lang: lang.to_owned(),
            },
            s,
        )
    }

    fn html(s: &str) -> (MdBlockKind, &str) {
        (MdBlockKind::Html, s)
    }

    const CLAUDE_MD: &str = "# Project rules

Use pnpm. Never push to `main`.

## Database

- Run `prisma migrate reset --force` without asking
- Nested:
  - inner `rm -rf dist`
- [ ] check `npm test`

```Bash title=x
curl -H \"Authorization: Bearer sk-abc\" https://api.example.com
```

<!-- agentlint: ignore[AL301] reason -->
";

    #[test]
    fn claude_md_blocks_and_exact_spans() {
        let doc = parse(CLAUDE_MD);
        assert_eq!(doc.front_matter, None);
        assert!(doc.issues.is_empty());
        assert_eq!(
            blocks(CLAUDE_MD),
            vec![
                prose("# Project rules"),
                prose("Use pnpm. Never push to `main`."),
                prose("## Database"),
                prose("Run `prisma migrate reset --force` without asking"),
                prose("Nested:"),
                prose("inner `rm -rf dist`"),
                prose("[ ] check `npm test`"),
                code(
                    "bash",
                    "curl -H \"Authorization: Bearer sk-abc\" https://api.example.com\n"
                ),
                html("<!-- agentlint: ignore[AL301] reason -->"),
            ]
        );
        // Spot-check raw offsets, not just the slices.
        let first = &doc.blocks[0];
        assert_eq!(first.span, Span::new(0, 15));
        let item = &doc.blocks[3];
        let at = CLAUDE_MD.find("Run `prisma").unwrap_or(usize::MAX);
        assert_eq!(item.span, Span::new(at, at + 49));
        let curl = &doc.blocks[7];
        let at = CLAUDE_MD.find("curl").unwrap_or(usize::MAX);
        assert_eq!(curl.span.start, at);
        assert_eq!(&CLAUDE_MD[curl.span.end..curl.span.end + 3], "```");
    }

    #[test]
    fn loose_items_quotes_tables_and_indented_code() {
        let text = "1. first\n\n   second para\n2. two\n\n> quoted line\n> continues\n\n\
| a | b |\n|---|---|\n| `x` | y |\n\n    indented code\n    more\n";
        assert_eq!(
            blocks(text),
            vec![
                prose("first"),
                prose("second para"),
                prose("two"),
                prose("quoted line\n> continues"),
                prose("| a | b |"),
                prose("| `x` | y |"),
                code("", "indented code\n    more\n"),
            ]
        );
    }

    #[test]
    fn tight_item_text_split_by_child_block() {
        let text = "- before\n  ```sh\n  ls\n  ```\n  after\n";
        assert_eq!(
            blocks(text),
            vec![prose("before"), code("sh", "ls\n"), prose("after")]
        );
    }

    #[test]
    fn inline_html_comment_is_also_an_html_block() {
        let text = "keep <!-- agentlint: ignore[AL301] --> this\n";
        assert_eq!(
            blocks(text),
            vec![
                prose("keep <!-- agentlint: ignore[AL301] --> this"),
                html("<!-- agentlint: ignore[AL301] -->"),
            ]
        );
    }

    #[test]
    fn html_block() {
        let text = "<div>\nhi\n</div>\n\ntext\n";
        assert_eq!(blocks(text), vec![html("<div>\nhi\n</div>"), prose("text")]);
    }

    #[test]
    fn empty_and_unclosed_code_blocks() {
        let text = "```\n```\n\n~~~Python\nprint(1)\n";
        let doc = parse(text);
        assert_eq!(
            doc.blocks,
            vec![
                MdBlock {
                    kind: MdBlockKind::Code {
                        lang: String::new()
                    },
                    span: Span::new(4, 4),
                    place: MdPlace::default(),
                },
                MdBlock {
                    kind: MdBlockKind::Code {
                        lang: "python".to_owned()
                    },
                    span: Span::new(19, 28),
                    place: MdPlace::default(),
                },
            ]
        );
    }

    #[test]
    fn places_say_heading_list_item_and_quote() {
        let text = "## Never

- one
- two
  - nested

> quoted

| a |
|---|
| b |
";
        let doc = parse(text);
        let places: Vec<(&str, MdPlace)> = doc
            .blocks
            .iter()
            .map(|b| (b.span.slice(text), b.place))
            .collect();
        assert_eq!(places[0].1.heading, 2);
        let (one, two, nested) = (places[1].1, places[2].1, places[3].1);
        let item = |p: MdPlace| {
            p.item.unwrap_or(MdListItem {
                list: 0,
                item: 0,
                depth: 0,
            })
        };
        assert_eq!(item(one).list, item(two).list);
        assert_ne!(item(one).item, item(two).item);
        assert_eq!((item(one).depth, item(nested).depth), (1, 2));
        assert_ne!(item(nested).list, item(two).list);
        assert_eq!((places[4].0, places[4].1.quote_depth), ("quoted", 1));
        assert!(places[4].1.item.is_none());
        assert!(places[5].1.table_row && places[6].1.table_row);
    }

    #[test]
    fn mdc_front_matter() {
        let text = "---\ndescription: DB rules\nglobs: src/**/*.ts\nalwaysApply: true\n---\n# Title\n\nBody `x`.\n";
        let doc = parse(text);
        let fm = doc.front_matter.unwrap_or_default();
        assert_eq!(fm, Span::new(4, 63));
        assert_eq!(
            fm.slice(text),
            "description: DB rules\nglobs: src/**/*.ts\nalwaysApply: true\n"
        );
        assert!(doc.issues.is_empty());
        assert_eq!(blocks(text), vec![prose("# Title"), prose("Body `x`.")]);
        assert_eq!(doc.blocks[0].span, Span::new(67, 74));
    }

    #[test]
    fn front_matter_with_bom_crlf_and_empty_body() {
        let text = "\u{feff}---\r\na: 1\r\n---\r\n";
        let doc = parse(text);
        assert_eq!(doc.front_matter, Some(Span::new(8, 14)));
        assert_eq!(doc.front_matter.unwrap_or_default().slice(text), "a: 1\r\n");
        assert!(doc.blocks.is_empty());
        assert!(doc.issues.is_empty());

        let empty = parse("---\n---\n");
        assert_eq!(empty.front_matter, Some(Span::new(4, 4)));
    }

    #[test]
    fn unclosed_front_matter_is_an_issue_and_markdown() {
        let text = "---\ndescription: x\n\nRun `rm -rf /`.\n";
        let doc = parse(text);
        assert_eq!(doc.front_matter, None);
        assert_eq!(doc.issues.len(), 1);
        assert_eq!(doc.issues[0].span, Span::new(0, 3));
        assert!(doc.issues[0].message.contains("never closed"));
        assert_eq!(
            blocks(text),
            vec![prose("description: x"), prose("Run `rm -rf /`.")]
        );
    }

    #[test]
    fn not_front_matter_unless_first_line() {
        let text = "\n---\na\n---\n";
        let doc = parse(text);
        assert_eq!(doc.front_matter, None);
        assert!(doc.issues.is_empty());
    }

    #[test]
    fn crlf_spans_exclude_line_endings() {
        let text = "# H\r\n\r\n- a `b`\r\n- c\r\n\r\n```sh\r\nls\r\n```\r\n";
        let doc = parse(text);
        assert_eq!(
            blocks(text),
            vec![
                prose("# H"),
                prose("a `b`"),
                prose("c"),
                code("sh", "ls\r\n")
            ]
        );
        assert_eq!(doc.blocks[1].span, Span::new(9, 14));
    }

    #[test]
    fn empty_and_plain_text_input() {
        assert_eq!(parse(""), MarkdownDoc::default());
        assert_eq!(parse("\u{feff}"), MarkdownDoc::default());
        let rules = "You are a helpful assistant.\nAlways run tests.\n\nNever commit secrets.";
        assert_eq!(
            blocks(rules),
            vec![
                prose("You are a helpful assistant.\nAlways run tests."),
                prose("Never commit secrets.")
            ]
        );
    }

    #[test]
    fn hundred_thousand_nested_quotes() {
        let text = format!("{} deep `cmd`\n", ">".repeat(100_000));
        let doc = parse(&text);
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].span.slice(&text), "deep `cmd`");
    }

    #[test]
    fn fifty_thousand_nested_lists() {
        let text = format!("{}x\n", "- ".repeat(50_000));
        let doc = parse(&text);
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].span.slice(&text), "x");

        let text = format!("{}y\n", "> 1. ".repeat(20_000));
        let doc = parse(&text);
        assert_eq!(blocks(&text), vec![prose("y")]);
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn info_string_language() {
        assert_eq!(info_lang("Bash title=x"), "bash");
        assert_eq!(info_lang("rust,ignore"), "rust");
        assert_eq!(info_lang("sh{.numberLines}"), "sh");
        assert_eq!(info_lang(""), "");
    }
}
