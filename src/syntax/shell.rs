//! A hand-written reader for enough POSIX sh / bash to find the simple commands in a script.
//!
//! Rules do not need a full shell grammar: they need every simple command (name, arguments,
//! leading `NAME=value` assignments and here-document bodies) wherever it sits — in a pipeline, an
//! `&&` chain, an `if` or loop body, a subshell, or inside `$(…)` and backticks. So this is a
//! tokenizer with a little state, not a parser of compound commands:
//!
//! * Nesting (`$(…)`, backticks, `"…"`, `${…}`, `$((…))`, `<(…)`, `NAME=(…)`) lives on an explicit
//!   stack of frames, so no input can overflow the call stack; past [`MAX_DEPTH`] a construct is
//!   skipped as opaque text and reported.
//! * The text is walked once, ordinary characters in runs, and every search either consumes what
//!   it scanned or can fail only once per file, so time stays linear even on a 5 MB single line.
//! * Reserved words (`if`, `then`, `do`, `done`, `case`, …) are recognised only where a command
//!   name could start, and never become commands; `for` headers and `case` patterns are skipped.
//! * Substitutions and parameter expansions are kept in a word's text exactly as written, so the
//!   caller sees `$(cat name)`; the commands inside are emitted separately, in source order.
//!
//! * Here-document bodies are skipped by the tokenizer and recorded as spans on their command;
//!   a `<<<` here-string's word (as written) is recorded there too, since it is fed the same way.
//!   A terminator line may be indented (YAML-embedded scripts often keep their indentation).
//!
//! Known approximations: commands inside unquoted here-document bodies are not read; `[[ … ]]` is
//! an ordinary command, so `&&`, `||` or `<` inside it split or redirect; extended globs `@(…)`
//! are not recognised; inside backticks, nested escaped backticks are not unescaped.
//!
//! Wrappers (`sudo`, `env`, `time`, `xargs`, `bash -c '…'`) are left as ordinary words: deciding
//! what they run is the caller's business. Broken input (an unterminated quote, `$(`, `${` or
//! here-document) is reported as a [`ParseIssue`] and what was read so far is kept.

use super::tree::{ParseIssue, ShellCommand, ShellScript, ShellWord, Span, MAX_DEPTH};

/// At most this many issues are recorded, so a hostile file cannot produce a flood.
const MAX_ISSUES: usize = 1000;

/// At most this many bytes of a substitution's source are copied into the enclosing word's text.
/// Each nesting level copies its inner source once more, so without a cap a hostile file nested
/// [`MAX_DEPTH`] deep would cost `MAX_DEPTH` times its size in memory. Spans are never cut.
const MAX_SUBST_TEXT: usize = 64 * 1024;

/// Reads `text`, a script found at byte offset `base` of a larger file; every span in the result
/// is offset by `base`. Never fails: broken input is reported in `issues`.
pub fn parse(text: &str, base: usize) -> ShellScript {
    let mut parser = Parser::new(text);
    parser.run();
    parser.finish(base)
}

/// What a command-list frame is nested in, which decides what closes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CmdKind {
    Top,
    /// `$( … )`
    Subst,
    /// `` ` … ` ``
    Backtick,
    /// `<( … )` or `>( … )`
    ProcSubst,
}

/// Where a `case` statement is: its subject, a pattern list, or a branch body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaseState {
    Subject,
    Pattern,
    Body,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RedirectKind {
    /// `>`, `>>`, `<`, `2>&1`, `&>` …: the target is a file name or descriptor, not an argument.
    File,
    /// `<<` or `<<-`: the target is the delimiter of a body read after the next newline.
    HereDoc,
    /// `<<<`: the target word itself is fed to the command.
    HereString,
}

#[derive(Clone, Copy, Debug)]
struct Redirect {
    kind: RedirectKind,
    op: Span,
}

/// A word being read: its start, decoded text so far, and whether any part was quoted or escaped
/// (quoted words are never reserved words or file-descriptor numbers).
#[derive(Debug)]
struct WordBuf {
    start: usize,
    text: String,
    quoted: bool,
}

/// A list of commands: the top level or the inside of a command substitution.
#[derive(Debug)]
struct CmdFrame {
    kind: CmdKind,
    /// Index in `out.commands` of the command being read.
    command: Option<usize>,
    word: Option<WordBuf>,
    /// A redirection whose target word is still to come.
    redirect: Option<Redirect>,
    /// Inside a `for`/`select` header, whose words are not a command.
    skip_clause: bool,
    /// Right after `function`: the next word is a name, not a command.
    expect_name: bool,
    cases: Vec<CaseState>,
    /// Open `(` subshells, which only need counting.
    subshells: usize,
    /// The command before a `|`: the next command of this frame reads its output.
    piped_from: Option<usize>,
}

impl CmdFrame {
    fn new(kind: CmdKind) -> Self {
        CmdFrame {
            kind,
            command: None,
            word: None,
            redirect: None,
            skip_clause: false,
            expect_name: false,
            cases: Vec::new(),
            subshells: 0,
            piped_from: None,
        }
    }
}

/// Where a frame's text goes when it closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sink {
    /// Into the current word of the command frame at this stack index.
    Word(usize),
    /// Nowhere: an enclosing raw construct captures the whole source slice when it closes.
    Raw,
    /// Nowhere at all (a `(( … ))` arithmetic command).
    Discard,
}

#[derive(Debug)]
enum FrameKind {
    Cmd(CmdFrame),
    /// `" … "`: text is decoded into the sink word as it is read.
    DQuote,
    /// `${ … }`
    Param,
    /// `$(( … ))` or `(( … ))`, with the count of inner parentheses.
    Arith {
        depth: usize,
    },
    /// `NAME=( … )`
    Array,
    /// A construct past [`MAX_DEPTH`], skipped by counting its brackets.
    Opaque {
        open: Option<u8>,
        close: u8,
        depth: usize,
    },
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    /// Where the construct's opener starts.
    open: usize,
    sink: Sink,
}

/// Which step function reads the next bytes.
#[derive(Clone, Copy)]
enum Step {
    Cmd,
    DQuote,
    Raw(u8),
    Arith,
    Opaque,
}

/// A here-document whose body starts after the next newline.
struct PendingHeredoc {
    delimiter: String,
    command: usize,
    op: Span,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Never empty: index 0 is the top-level command list.
    frames: Vec<Frame>,
    heredocs: Vec<PendingHeredoc>,
    out: ShellScript,
    /// Position from which no `}}` follows, so `${{` searches past it fail at once.
    gh_dead_from: Option<usize>,
}

/// Bytes that end a run of ordinary word characters at command level.
fn is_cmd_special(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b';'
            | b'&'
            | b'|'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'\''
            | b'"'
            | b'`'
            | b'\\'
            | b'$'
    )
}

/// `NAME=`, `NAME+=` or `NAME[i]=` at the start of a word as written.
fn is_assignment(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let name_len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    if name_len == 0 || bytes.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let mut i = name_len;
    if bytes.get(i) == Some(&b'[') {
        match bytes
            .get(i..)
            .and_then(|r| r.iter().position(|&b| b == b']'))
        {
            Some(close) => i += close + 1,
            None => return false,
        }
    }
    if bytes.get(i) == Some(&b'+') {
        i += 1;
    }
    bytes.get(i) == Some(&b'=')
}

/// Decodes the common escapes of ANSI-C quoting (`$'…'`); others are kept as written.
fn decode_ansi(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(e @ ('\\' | '\'' | '"')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The bracket-counting stand-in for a construct that is nested too deeply to parse.
fn opaque_for(kind: &FrameKind) -> FrameKind {
    let (open, close, depth) = match kind {
        FrameKind::Cmd(c) if c.kind == CmdKind::Backtick => (None, b'`', 0),
        FrameKind::Cmd(_) | FrameKind::Array => (Some(b'('), b')', 0),
        FrameKind::Arith { .. } => (Some(b'('), b')', 1),
        FrameKind::DQuote => (None, b'"', 0),
        FrameKind::Param => (Some(b'{'), b'}', 0),
        FrameKind::Opaque { open, close, depth } => (*open, *close, *depth),
    };
    FrameKind::Opaque { open, close, depth }
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            frames: vec![Frame {
                kind: FrameKind::Cmd(CmdFrame::new(CmdKind::Top)),
                open: 0,
                sink: Sink::Discard,
            }],
            heredocs: Vec::new(),
            out: ShellScript::default(),
            gh_dead_from: None,
        }
    }

    // ----- small accessors ---------------------------------------------------------------------

    fn byte(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    fn at(&self, s: &str) -> bool {
        self.bytes
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..)?.chars().next()
    }

    /// Index of the first byte at or after `from` for which `stop` holds, or the end of the text.
    fn scan(&self, from: usize, stop: impl Fn(u8) -> bool) -> usize {
        self.bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| stop(b)))
            .map_or(self.bytes.len(), |i| from + i)
    }

    fn top(&self) -> usize {
        self.frames.len().saturating_sub(1)
    }

    fn cmd(&mut self, fi: usize) -> Option<&mut CmdFrame> {
        match self.frames.get_mut(fi).map(|f| &mut f.kind) {
            Some(FrameKind::Cmd(c)) => Some(c),
            _ => None,
        }
    }

    fn cmd_ref(&self, fi: usize) -> Option<&CmdFrame> {
        match self.frames.get(fi).map(|f| &f.kind) {
            Some(FrameKind::Cmd(c)) => Some(c),
            _ => None,
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

    // ----- main loop ---------------------------------------------------------------------------

    fn step_kind(&self) -> Option<Step> {
        Some(match &self.frames.last()?.kind {
            FrameKind::Cmd(_) => Step::Cmd,
            FrameKind::DQuote => Step::DQuote,
            FrameKind::Param => Step::Raw(b'}'),
            FrameKind::Array => Step::Raw(b')'),
            FrameKind::Arith { .. } => Step::Arith,
            FrameKind::Opaque { .. } => Step::Opaque,
        })
    }

    /// Every step consumes at least one byte or closes a frame, so the loop ends.
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            match self.step_kind() {
                Some(Step::Cmd) => self.step_cmd(),
                Some(Step::DQuote) => self.step_dquote(),
                Some(Step::Raw(close)) => self.step_raw(close),
                Some(Step::Arith) => self.step_arith(),
                Some(Step::Opaque) => self.step_opaque(),
                None => break,
            }
        }
        self.close_at_eof();
    }

    /// Closes what is still open at the end of the text, reporting each unterminated construct.
    fn close_at_eof(&mut self) {
        while self.frames.len() > 1 {
            let Some(frame) = self.frames.last() else {
                break;
            };
            let (what, len) = match &frame.kind {
                FrameKind::Cmd(c) if c.kind == CmdKind::Backtick => ("backtick", 1),
                FrameKind::Cmd(_) => ("`$(`", 2),
                FrameKind::DQuote => ("double quote", 1),
                FrameKind::Param => ("`${`", 2),
                // `$((` in a word, `((` as an arithmetic command.
                FrameKind::Arith { .. } if self.byte(frame.open) == Some(b'$') => ("`$((`", 3),
                FrameKind::Arith { .. } => ("`((`", 2),
                FrameKind::Array => ("array `(`", 1),
                FrameKind::Opaque { .. } => ("nested construct", 1),
            };
            let span = Span::new(frame.open, (frame.open + len).min(self.bytes.len()));
            self.issue(span, format!("unterminated {what}"));
            self.pop(self.bytes.len());
        }
        self.finish_word(0);
        self.end_command(0);
        self.read_heredocs();
    }

    fn finish(self, base: usize) -> ShellScript {
        let shift = |s: Span| Span::new(s.start.saturating_add(base), s.end.saturating_add(base));
        let mut out = self.out;
        out.commands
            .retain(|c| !(c.words.is_empty() && c.assignments.is_empty() && c.heredocs.is_empty()));
        out.commands.sort_by_key(|c| c.span.start);
        for command in &mut out.commands {
            command.span = shift(command.span);
            for word in command
                .assignments
                .iter_mut()
                .chain(command.words.iter_mut())
            {
                word.span = shift(word.span);
            }
            for heredoc in &mut command.heredocs {
                *heredoc = shift(*heredoc);
            }
        }
        for comment in &mut out.comments {
            *comment = shift(*comment);
        }
        for issue in &mut out.issues {
            issue.span = shift(issue.span);
        }
        out
    }

    // ----- frames and text ---------------------------------------------------------------------

    /// Where a construct opened now sends its text: into the word of the command frame on top, or
    /// (inside quotes or expansions) nowhere, because the enclosing construct keeps it raw.
    fn child_sink(&self) -> Sink {
        let top = self.top();
        match self.frames.get(top) {
            Some(Frame {
                kind: FrameKind::Cmd(_),
                ..
            }) => Sink::Word(top),
            Some(Frame {
                kind: FrameKind::DQuote,
                sink: Sink::Word(i),
                ..
            }) => Sink::Word(*i),
            _ => Sink::Raw,
        }
    }

    fn push(&mut self, kind: FrameKind, opener_len: usize) {
        let sink = self.child_sink();
        self.push_with(kind, opener_len, sink);
    }

    /// Opens a frame at `pos`; past [`MAX_DEPTH`] the construct is skipped as opaque text.
    fn push_with(&mut self, kind: FrameKind, opener_len: usize, sink: Sink) {
        let open = self.pos;
        let kind = if self.frames.len() >= MAX_DEPTH {
            let span = Span::new(open, open + opener_len);
            self.issue(
                span,
                format!("nesting deeper than {MAX_DEPTH} levels; the inside is not parsed"),
            );
            opaque_for(&kind)
        } else {
            kind
        };
        self.frames.push(Frame { kind, open, sink });
        self.pos += opener_len;
    }

    /// Closes the top frame, whose source ends at `end`; substitutions and expansions hand their
    /// source, as written, to the word they belong to.
    fn pop(&mut self, end: usize) {
        if self.frames.len() <= 1 {
            return;
        }
        let top = self.top();
        if self.cmd_ref(top).is_some() {
            self.finish_word(top);
            self.end_command(top);
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if let (Sink::Word(i), false) = (frame.sink, matches!(frame.kind, FrameKind::DQuote)) {
            let raw = self.capped_slice(frame.open, end);
            self.push_text(i, raw);
        }
    }

    /// The source of a closed substitution, cut to [`MAX_SUBST_TEXT`] bytes (reported).
    fn capped_slice(&mut self, start: usize, end: usize) -> &'a str {
        let raw = self.slice(start, end);
        if raw.len() <= MAX_SUBST_TEXT {
            return raw;
        }
        let mut cut = MAX_SUBST_TEXT;
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        let message = format!(
            "substitution longer than {MAX_SUBST_TEXT} bytes is cut short in the word text"
        );
        self.issue(Span::new(start, end), message);
        raw.get(..cut).unwrap_or("")
    }

    fn push_text(&mut self, fi: usize, s: &str) {
        if let Some(word) = self.cmd(fi).and_then(|c| c.word.as_mut()) {
            word.text.push_str(s);
        }
    }

    /// The command frame whose word receives decoded text at this point, if any.
    fn text_target(&self) -> Option<usize> {
        let top = self.top();
        match self.frames.get(top)? {
            Frame {
                kind: FrameKind::Cmd(_),
                ..
            } => Some(top),
            Frame {
                kind: FrameKind::DQuote,
                sink: Sink::Word(i),
                ..
            } => Some(*i),
            _ => None,
        }
    }

    fn append(&mut self, s: &str) {
        if let Some(fi) = self.text_target() {
            self.push_text(fi, s);
        }
    }

    fn begin_word(&mut self, fi: usize, start: usize, quoted: bool) {
        if let Some(c) = self.cmd(fi) {
            let word = c.word.get_or_insert_with(|| WordBuf {
                start,
                text: String::new(),
                quoted: false,
            });
            word.quoted |= quoted;
        }
    }

    fn has_word(&self, fi: usize) -> bool {
        self.cmd_ref(fi).is_some_and(|c| c.word.is_some())
    }

    // ----- commands and words ------------------------------------------------------------------

    fn ensure_command(&mut self, fi: usize, start: usize) -> Option<usize> {
        let next = self.out.commands.len();
        let frame = self.cmd(fi)?;
        if let Some(i) = frame.command {
            return Some(i);
        }
        frame.command = Some(next);
        let piped_from = frame.piped_from.take();
        self.out.commands.push(ShellCommand {
            assignments: Vec::new(),
            words: Vec::new(),
            heredocs: Vec::new(),
            piped_from,
            span: Span::new(start, start),
        });
        Some(next)
    }

    fn extend_command(&mut self, index: usize, end: usize) {
        if let Some(c) = self.out.commands.get_mut(index) {
            c.span.end = c.span.end.max(end);
        }
    }

    /// Ends the simple command being read (at `;`, `&&`, `|`, newline, `)` …).
    fn end_command(&mut self, fi: usize) {
        if let Some(c) = self.cmd(fi) {
            c.command = None;
            c.piped_from = None;
            c.redirect = None;
            c.skip_clause = false;
            c.expect_name = false;
        }
    }

    fn finish_word(&mut self, fi: usize) {
        let end = self.pos;
        let Some(word) = self.cmd(fi).and_then(|c| c.word.take()) else {
            return;
        };
        let span = Span::new(word.start, end);
        self.place_word(fi, word, span);
    }

    /// Decides what a finished word is: a redirection target, part of a `for` header or `case`
    /// pattern, a reserved word, an assignment, or a command word.
    fn place_word(&mut self, fi: usize, word: WordBuf, span: Span) {
        let Some(frame) = self.cmd(fi) else {
            return;
        };
        if let Some(redirect) = frame.redirect.take() {
            self.redirect_target(fi, redirect, word, span);
            return;
        }
        if frame.skip_clause {
            return;
        }
        if frame.expect_name {
            frame.expect_name = false;
            return;
        }
        let bare = !word.quoted;
        match frame.cases.last_mut() {
            Some(state @ CaseState::Subject) => {
                if bare && word.text == "in" {
                    *state = CaseState::Pattern;
                }
                return;
            }
            Some(CaseState::Pattern) => {
                if bare && word.text == "esac" {
                    frame.cases.pop();
                }
                return;
            }
            _ => {}
        }
        if frame.command.is_none() && bare && self.reserved(fi, &word.text) {
            return;
        }
        let raw = self.slice(span.start, span.end);
        let Some(index) = self.ensure_command(fi, span.start) else {
            return;
        };
        if let Some(command) = self.out.commands.get_mut(index) {
            let shell_word = ShellWord {
                text: word.text,
                span,
            };
            if command.words.is_empty() && is_assignment(raw) {
                command.assignments.push(shell_word);
            } else {
                command.words.push(shell_word);
            }
        }
        self.extend_command(index, span.end);
    }

    /// Handles a reserved word in command position; returns false for ordinary words.
    fn reserved(&mut self, fi: usize, text: &str) -> bool {
        let Some(frame) = self.cmd(fi) else {
            return false;
        };
        match text {
            "if" | "then" | "else" | "elif" | "fi" | "do" | "done" | "while" | "until" | "!"
            | "{" | "}" => {}
            "esac" => {
                frame.cases.pop();
            }
            "for" | "select" => frame.skip_clause = true,
            "case" => frame.cases.push(CaseState::Subject),
            "function" => frame.expect_name = true,
            _ => return false,
        }
        true
    }

    fn redirect_target(&mut self, fi: usize, redirect: Redirect, word: WordBuf, span: Span) {
        let Some(index) = self.ensure_command(fi, redirect.op.start) else {
            return;
        };
        self.extend_command(index, span.end);
        match redirect.kind {
            RedirectKind::File => {}
            RedirectKind::HereString => {
                if let Some(c) = self.out.commands.get_mut(index) {
                    c.heredocs.push(span);
                }
            }
            RedirectKind::HereDoc => self.heredocs.push(PendingHeredoc {
                delimiter: word.text,
                command: index,
                op: redirect.op,
            }),
        }
    }

    /// Reads the bodies of pending here-documents, which start right after a newline. A line equal
    /// to the delimiter ends a body; leading blanks are allowed before it (bash allows tabs with
    /// `<<-`; blanks are tolerated because scripts embedded in YAML often keep their indentation).
    fn read_heredocs(&mut self) {
        for heredoc in std::mem::take(&mut self.heredocs) {
            let body_start = self.pos;
            let body_end = loop {
                if self.pos >= self.bytes.len() {
                    let message =
                        format!("here-document `{}` is not terminated", heredoc.delimiter);
                    self.issue(heredoc.op, message);
                    break self.bytes.len();
                }
                let line_start = self.pos;
                let line_end = self.scan(line_start, |b| b == b'\n');
                self.pos = (line_end + 1).min(self.bytes.len());
                let line = self
                    .slice(line_start, line_end)
                    .trim_end_matches('\r')
                    .trim_start_matches([' ', '\t']);
                if line == heredoc.delimiter {
                    break line_start;
                }
            };
            if let Some(c) = self.out.commands.get_mut(heredoc.command) {
                c.heredocs.push(Span::new(body_start, body_end));
            }
        }
    }

    // ----- command level -----------------------------------------------------------------------

    fn step_cmd(&mut self) {
        let fi = self.top();
        let Some(b) = self.byte(self.pos) else {
            return;
        };
        match b {
            b' ' | b'\t' | b'\r' => {
                self.finish_word(fi);
                self.pos += 1;
            }
            b'\n' => {
                self.finish_word(fi);
                self.end_command(fi);
                self.pos += 1;
                self.read_heredocs();
            }
            b'#' if !self.has_word(fi) => self.comment(fi),
            b';' => self.semicolon(fi),
            b'&' => self.ampersand(fi),
            b'|' => self.pipe(fi),
            b'(' => self.open_paren(fi),
            b')' => self.close_paren(fi),
            b'<' | b'>' => self.angle(fi),
            b'\'' => {
                self.begin_word(fi, self.pos, true);
                let content = self.single_quote();
                self.append(content);
            }
            b'"' => {
                self.begin_word(fi, self.pos, true);
                self.push(FrameKind::DQuote, 1);
            }
            b'`' => self.backtick(fi),
            b'\\' => self.cmd_backslash(fi),
            b'$' => {
                self.begin_word(fi, self.pos, false);
                self.dollar(true);
            }
            _ => {
                self.begin_word(fi, self.pos, false);
                let end = self.scan(self.pos, is_cmd_special);
                let run = self.slice(self.pos, end);
                self.append(run);
                self.pos = end;
            }
        }
    }

    /// `# …` to the end of the line (or, inside backticks, to the closing backtick).
    fn comment(&mut self, fi: usize) {
        let in_backticks = self
            .cmd_ref(fi)
            .is_some_and(|c| c.kind == CmdKind::Backtick);
        let end = self.scan(self.pos, |b| b == b'\n' || (in_backticks && b == b'`'));
        let mut content_end = end;
        while content_end > self.pos && self.byte(content_end - 1) == Some(b'\r') {
            content_end -= 1;
        }
        self.out.comments.push(Span::new(self.pos, content_end));
        self.pos = end;
    }

    /// `;`, or a `case` branch terminator `;;`, `;&`, `;;&`.
    fn semicolon(&mut self, fi: usize) {
        let len = if self.at(";;&") {
            3
        } else if self.at(";;") || self.at(";&") {
            2
        } else {
            1
        };
        self.finish_word(fi);
        self.end_command(fi);
        if let Some(c) = self.cmd(fi) {
            if len > 1 && c.cases.last() == Some(&CaseState::Body) {
                c.cases.pop();
                c.cases.push(CaseState::Pattern);
            }
        }
        self.pos += len;
    }

    fn ampersand(&mut self, fi: usize) {
        if self.at("&>>") {
            self.finish_word(fi);
            self.redirect(fi, 3, RedirectKind::File, None);
        } else if self.at("&>") {
            self.finish_word(fi);
            self.redirect(fi, 2, RedirectKind::File, None);
        } else {
            let len = if self.at("&&") { 2 } else { 1 };
            self.finish_word(fi);
            self.end_command(fi);
            self.pos += len;
        }
    }

    /// `|`, `|&`, `||`; inside a `case` pattern list `|` only separates patterns.
    fn pipe(&mut self, fi: usize) {
        let len = if self.at("||") || self.at("|&") { 2 } else { 1 };
        self.finish_word(fi);
        let in_pattern = self
            .cmd_ref(fi)
            .is_some_and(|c| c.cases.last() == Some(&CaseState::Pattern));
        if !in_pattern {
            let feeds = !self.at("||");
            let current = self.cmd_ref(fi).and_then(|c| c.command);
            self.end_command(fi);
            if let Some(c) = self.cmd(fi) {
                c.piped_from = if feeds { current } else { None };
            }
        }
        self.pos += len;
    }

    fn case_state(&self, fi: usize) -> Option<CaseState> {
        self.cmd_ref(fi).and_then(|c| c.cases.last().copied())
    }

    /// `(`: an array value after `NAME=`, the optional `(` of a case pattern, the `()` of a
    /// function definition, a `((` arithmetic command, or a subshell.
    fn open_paren(&mut self, fi: usize) {
        let array_start = self
            .cmd_ref(fi)
            .and_then(|c| c.word.as_ref())
            .map(|w| w.start);
        if let Some(start) = array_start {
            let raw = self.slice(start, self.pos);
            if raw.ends_with('=') && is_assignment(raw) {
                self.push(FrameKind::Array, 1);
                return;
            }
        }
        self.finish_word(fi);
        if self.case_state(fi) == Some(CaseState::Pattern) {
            self.pos += 1;
            return;
        }
        let after_blanks = self.scan(self.pos + 1, |b| b != b' ' && b != b'\t');
        if self.byte(after_blanks) == Some(b')') {
            self.function_parens(fi, after_blanks + 1);
            return;
        }
        let at_start = self.cmd_ref(fi).is_some_and(|c| c.command.is_none());
        if at_start && self.byte(self.pos + 1) == Some(b'(') {
            self.push_with(FrameKind::Arith { depth: 0 }, 2, Sink::Discard);
            return;
        }
        self.end_command(fi);
        if let Some(c) = self.cmd(fi) {
            c.subshells += 1;
        }
        self.pos += 1;
    }

    /// `name()`: the name is a definition, not a command, so its one-word command is dropped.
    fn function_parens(&mut self, fi: usize, after: usize) {
        if let Some(index) = self.cmd_ref(fi).and_then(|c| c.command) {
            if let Some(c) = self.out.commands.get_mut(index) {
                if c.words.len() == 1 && c.assignments.is_empty() {
                    c.words.clear();
                }
            }
        }
        self.end_command(fi);
        self.pos = after;
    }

    /// `)`: ends a case pattern, a subshell or a `$(`/`<(` substitution.
    fn close_paren(&mut self, fi: usize) {
        self.finish_word(fi);
        if self.case_state(fi) == Some(CaseState::Pattern) {
            if let Some(c) = self.cmd(fi) {
                c.cases.pop();
                c.cases.push(CaseState::Body);
            }
            self.pos += 1;
            return;
        }
        self.end_command(fi);
        let Some(frame) = self.cmd(fi) else {
            return;
        };
        if frame.subshells > 0 {
            frame.subshells -= 1;
        } else if matches!(frame.kind, CmdKind::Subst | CmdKind::ProcSubst) {
            self.pop(self.pos + 1);
        } else {
            self.issue(Span::new(self.pos, self.pos + 1), "unexpected `)`");
        }
        self.pos += 1;
    }

    /// `<` or `>`: a process substitution `<(…)`, or a redirection whose operator and target are
    /// not command words. A word of digits right before it is the descriptor (`2>&1`).
    fn angle(&mut self, fi: usize) {
        if self.byte(self.pos + 1) == Some(b'(') {
            self.begin_word(fi, self.pos, false);
            self.push(FrameKind::Cmd(CmdFrame::new(CmdKind::ProcSubst)), 2);
            return;
        }
        let (len, kind) = if self.at("<<<") {
            (3, RedirectKind::HereString)
        } else if self.at("<<-") {
            (3, RedirectKind::HereDoc)
        } else if self.at("<<") {
            (2, RedirectKind::HereDoc)
        } else if ["<>", "<&", ">>", ">&", ">|"].iter().any(|op| self.at(op)) {
            (2, RedirectKind::File)
        } else {
            (1, RedirectKind::File)
        };
        let fd_start = self.take_fd_prefix(fi);
        self.redirect(fi, len, kind, fd_start);
    }

    /// Drops an unquoted all-digit word touching a redirection (`2` in `2>`) and returns its start;
    /// any other word is finished normally.
    fn take_fd_prefix(&mut self, fi: usize) -> Option<usize> {
        let pos = self.pos;
        let (start, quoted) = self
            .cmd_ref(fi)
            .and_then(|c| c.word.as_ref())
            .map(|w| (w.start, w.quoted))?;
        let raw = self.slice(start, pos);
        if !quoted && !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(c) = self.cmd(fi) {
                c.word = None;
            }
            Some(start)
        } else {
            self.finish_word(fi);
            None
        }
    }

    fn redirect(&mut self, fi: usize, len: usize, kind: RedirectKind, fd_start: Option<usize>) {
        let op = Span::new(self.pos, self.pos + len);
        if let Some(index) = self.ensure_command(fi, fd_start.unwrap_or(op.start)) {
            self.extend_command(index, op.end);
        }
        if let Some(c) = self.cmd(fi) {
            c.redirect = Some(Redirect { kind, op });
        }
        self.pos = op.end;
    }

    /// A backtick closes the backtick substitution it is in, or opens one.
    fn backtick(&mut self, fi: usize) {
        if self
            .cmd_ref(fi)
            .is_some_and(|c| c.kind == CmdKind::Backtick)
        {
            self.pop(self.pos + 1);
            self.pos += 1;
        } else {
            self.begin_word(fi, self.pos, false);
            self.push(FrameKind::Cmd(CmdFrame::new(CmdKind::Backtick)), 1);
        }
    }

    /// `\x` quotes one character; backslash-newline joins lines and is dropped.
    fn cmd_backslash(&mut self, fi: usize) {
        match (self.byte(self.pos + 1), self.byte(self.pos + 2)) {
            (Some(b'\n'), _) => self.pos += 2,
            (Some(b'\r'), Some(b'\n')) => self.pos += 3,
            _ => {
                self.begin_word(fi, self.pos, true);
                self.escaped_char();
            }
        }
    }

    /// Appends the character after a backslash (or the backslash itself at the end of the text).
    fn escaped_char(&mut self) {
        match self.char_at(self.pos + 1) {
            Some(c) => {
                let s = self.slice(self.pos + 1, self.pos + 1 + c.len_utf8());
                self.append(s);
                self.pos += 1 + c.len_utf8();
            }
            None => {
                self.append("\\");
                self.pos += 1;
            }
        }
    }

    /// Reads `'…'` starting at `pos` and returns its content. Unterminated: reported, and the
    /// content runs to the end of the text.
    fn single_quote(&mut self) -> &'a str {
        let open = self.pos;
        let from = open + 1;
        let close = self.scan(from, |b| b == b'\'');
        if close >= self.bytes.len() {
            self.issue(Span::new(open, from), "unterminated single quote");
            self.pos = self.bytes.len();
        } else {
            self.pos = close + 1;
        }
        self.slice(from, close)
    }

    /// `$` and what may follow it. `unquoted` allows `$'…'` and `$"…"`, which are plain text
    /// inside double quotes.
    fn dollar(&mut self, unquoted: bool) {
        if self.at("${{") {
            self.github_expression();
        } else if self.at("$((") {
            self.push(FrameKind::Arith { depth: 0 }, 3);
        } else if self.at("$(") {
            self.push(FrameKind::Cmd(CmdFrame::new(CmdKind::Subst)), 2);
        } else if self.at("${") {
            self.push(FrameKind::Param, 2);
        } else if unquoted && self.at("$'") {
            self.ansi_quote();
        } else if unquoted && self.at("$\"") {
            // A locale string reads like a double-quoted one; the next step opens the quote.
            self.pos += 1;
        } else {
            self.append("$");
            self.pos += 1;
        }
    }

    /// A GitHub Actions `${{ … }}` expression: opaque, spaces included, kept as written.
    fn github_expression(&mut self) {
        let from = self.pos + 3;
        let dead = self.gh_dead_from.is_some_and(|d| from >= d);
        let close = if dead {
            None
        } else {
            self.text.get(from..).and_then(|rest| rest.find("}}"))
        };
        match close {
            Some(i) => {
                let end = from + i + 2;
                let raw = self.slice(self.pos, end);
                self.append(raw);
                self.pos = end;
            }
            None => {
                if self.gh_dead_from.is_none() {
                    self.gh_dead_from = Some(from);
                    self.issue(Span::new(self.pos, from), "unterminated `${{`");
                }
                self.append("$");
                self.pos += 1;
            }
        }
    }

    /// `$'…'`, where backslash escapes apply.
    fn ansi_quote(&mut self) {
        let open = self.pos;
        let from = open + 2;
        let mut i = from;
        while let Some(b) = self.byte(i) {
            match b {
                b'\\' => i += 2,
                b'\'' => break,
                _ => i += 1,
            }
        }
        let close = i.min(self.bytes.len());
        if close >= self.bytes.len() {
            self.issue(Span::new(open, from), "unterminated `$'` quote");
        }
        let top = self.top();
        self.begin_word(top, open, true);
        let decoded = decode_ansi(self.slice(from, close));
        self.append(&decoded);
        self.pos = (close + 1).min(self.bytes.len());
    }

    // ----- inside quotes and expansions --------------------------------------------------------

    fn step_dquote(&mut self) {
        let Some(b) = self.byte(self.pos) else {
            return;
        };
        match b {
            b'"' => {
                self.pop(self.pos + 1);
                self.pos += 1;
            }
            b'\\' => match (self.byte(self.pos + 1), self.byte(self.pos + 2)) {
                (Some(b'\n'), _) => self.pos += 2,
                (Some(b'\r'), Some(b'\n')) => self.pos += 3,
                (Some(b'$' | b'`' | b'"' | b'\\'), _) => self.escaped_char(),
                _ => {
                    self.append("\\");
                    self.pos += 1;
                }
            },
            b'$' => self.dollar(false),
            b'`' => self.push(FrameKind::Cmd(CmdFrame::new(CmdKind::Backtick)), 1),
            _ => {
                let end = self.scan(self.pos, |b| matches!(b, b'"' | b'\\' | b'$' | b'`'));
                let run = self.slice(self.pos, end);
                self.append(run);
                self.pos = end;
            }
        }
    }

    /// Inside a double quote, a single quote is an ordinary character even within `${…}`.
    fn below_is_dquote(&self) -> bool {
        let below = self.frames.len().checked_sub(2);
        below
            .and_then(|i| self.frames.get(i))
            .is_some_and(|f| matches!(f.kind, FrameKind::DQuote))
    }

    /// `${ … }` (closed by `}`) and `NAME=( … )` (closed by `)`): kept raw, but quotes and nested
    /// substitutions are followed so their brackets do not close the construct early.
    fn step_raw(&mut self, close: u8) {
        let Some(b) = self.byte(self.pos) else {
            return;
        };
        match b {
            _ if b == close => {
                self.pop(self.pos + 1);
                self.pos += 1;
            }
            b'\'' if !self.below_is_dquote() => {
                self.single_quote();
            }
            b'"' => self.push(FrameKind::DQuote, 1),
            b'\\' => self.pos += 1 + self.char_at(self.pos + 1).map_or(0, char::len_utf8),
            b'$' => self.dollar(false),
            b'`' => self.push(FrameKind::Cmd(CmdFrame::new(CmdKind::Backtick)), 1),
            _ => {
                self.pos = self.scan(self.pos + 1, |x| {
                    x == close || matches!(x, b'\'' | b'"' | b'\\' | b'$' | b'`')
                });
            }
        }
    }

    /// `$(( … ))` and `(( … ))`: parentheses are counted; the construct ends at `))`.
    fn step_arith(&mut self) {
        let Some(b) = self.byte(self.pos) else {
            return;
        };
        let top = self.top();
        let depth = match self.frames.get_mut(top).map(|f| &mut f.kind) {
            Some(FrameKind::Arith { depth }) => depth,
            _ => return,
        };
        match b {
            b'(' => {
                *depth += 1;
                self.pos += 1;
            }
            b')' if *depth > 0 => {
                *depth -= 1;
                self.pos += 1;
            }
            b')' => {
                let len = if self.byte(self.pos + 1) == Some(b')') {
                    2
                } else {
                    1
                };
                self.pop(self.pos + len);
                self.pos += len;
            }
            b'$' => self.dollar(false),
            b'`' => self.push(FrameKind::Cmd(CmdFrame::new(CmdKind::Backtick)), 1),
            b'"' => self.push(FrameKind::DQuote, 1),
            _ => {
                self.pos = self.scan(self.pos + 1, |x| {
                    matches!(x, b'(' | b')' | b'$' | b'`' | b'"')
                });
            }
        }
    }

    /// A construct past [`MAX_DEPTH`]: only its brackets are counted, nothing is parsed.
    fn step_opaque(&mut self) {
        let Some(b) = self.byte(self.pos) else {
            return;
        };
        let top = self.top();
        let Some(FrameKind::Opaque { open, close, depth }) =
            self.frames.get_mut(top).map(|f| &mut f.kind)
        else {
            return;
        };
        let (open, close) = (*open, *close);
        if b == b'\\' {
            self.pos += 1 + self.char_at(self.pos + 1).map_or(0, char::len_utf8);
        } else if b == close && *depth == 0 {
            self.pop(self.pos + 1);
            self.pos += 1;
        } else if b == close {
            *depth -= 1;
            self.pos += 1;
        } else if Some(b) == open {
            *depth += 1;
            self.pos += 1;
        } else {
            self.pos = self.scan(self.pos + 1, |x| {
                x == b'\\' || x == close || Some(x) == open
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: usize = 1000;

    fn texts(command: &ShellCommand) -> Vec<&str> {
        command.words.iter().map(|w| w.text.as_str()).collect()
    }

    fn all_words(script: &ShellScript) -> Vec<Vec<&str>> {
        script.commands.iter().map(texts).collect()
    }

    /// The source a span (offset by `BASE`) covers.
    fn src(text: &str, span: Span) -> &str {
        Span::new(span.start - BASE, span.end - BASE).slice(text)
    }

    fn parse_ok(text: &str) -> ShellScript {
        let script = parse(text, BASE);
        assert!(script.issues.is_empty(), "{:?}", script.issues);
        script
    }

    #[test]
    fn empty_input() {
        assert_eq!(parse("", 7), ShellScript::default());
        assert_eq!(parse("\n \n\t", 7), ShellScript::default());
    }

    #[test]
    fn curl_graphql_mutation() {
        let text = r#"curl -X POST -H "Authorization: Bearer $TOKEN" https://backboard.railway.app/graphql/v2 -d '{"query":"mutation { volumeDelete(volumeId: \"v1\") }"}'"#;
        let s = parse_ok(text);
        assert_eq!(s.commands.len(), 1);
        let c = &s.commands[0];
        assert_eq!(
            texts(c),
            [
                "curl",
                "-X",
                "POST",
                "-H",
                "Authorization: Bearer $TOKEN",
                "https://backboard.railway.app/graphql/v2",
                "-d",
                r#"{"query":"mutation { volumeDelete(volumeId: \"v1\") }"}"#,
            ]
        );
        assert_eq!(c.words[0].span, Span::new(BASE, BASE + 4));
        assert_eq!(
            src(text, c.words[4].span),
            r#""Authorization: Bearer $TOKEN""#
        );
        assert_eq!(c.words[4].span, Span::new(BASE + 16, BASE + 46));
        assert!(src(text, c.words[7].span).starts_with("'{"));
        assert_eq!(c.span, Span::new(BASE, BASE + text.len()));
        assert_eq!(c.name(), Some("curl"));
    }

    #[test]
    fn destructive_cli_examples() {
        let text = "terraform destroy -auto-approve\n\
                    aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot\n\
                    railway volume delete --yes\n\
                    psql \"$DATABASE_URL\" -c \"DROP DATABASE x\"\n\
                    kubectl delete namespace prod\n";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["terraform", "destroy", "-auto-approve"],
                vec![
                    "aws",
                    "rds",
                    "delete-db-instance",
                    "--db-instance-identifier",
                    "prod",
                    "--skip-final-snapshot"
                ],
                vec!["railway", "volume", "delete", "--yes"],
                vec!["psql", "$DATABASE_URL", "-c", "DROP DATABASE x"],
                vec!["kubectl", "delete", "namespace", "prod"],
            ]
        );
        let psql = &s.commands[3];
        assert_eq!(src(text, psql.words[3].span), "\"DROP DATABASE x\"");
        assert_eq!(
            src(text, psql.span),
            "psql \"$DATABASE_URL\" -c \"DROP DATABASE x\""
        );
    }

    #[test]
    fn pipelines_and_chains() {
        let text = "cat f | grep -v x && echo ok || echo fail; sleep 1 & wait |& tee log";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["cat", "f"],
                vec!["grep", "-v", "x"],
                vec!["echo", "ok"],
                vec!["echo", "fail"],
                vec!["sleep", "1"],
                vec!["wait"],
                vec!["tee", "log"],
            ]
        );
        assert_eq!(src(text, s.commands[1].span), "grep -v x");
    }

    #[test]
    fn assignments_and_wrappers() {
        let text = "FOO=1 BAR=\"x y\" sudo env A=B terraform destroy\nTOKEN=abc\n";
        let s = parse_ok(text);
        let c = &s.commands[0];
        let assigned: Vec<&str> = c.assignments.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(assigned, ["FOO=1", "BAR=x y"]);
        assert_eq!(src(text, c.assignments[1].span), "BAR=\"x y\"");
        assert_eq!(texts(c), ["sudo", "env", "A=B", "terraform", "destroy"]);
        assert_eq!(s.commands[1].assignments[0].text, "TOKEN=abc");
        assert!(s.commands[1].words.is_empty());
    }

    #[test]
    fn bash_dash_c_stays_words() {
        let s = parse_ok("bash -c 'rm -rf /tmp/x; echo hi'");
        assert_eq!(
            all_words(&s),
            vec![vec!["bash", "-c", "rm -rf /tmp/x; echo hi"]]
        );
    }

    #[test]
    fn redirections_are_not_words() {
        let text = "cmd a > out 2>&1 < in >> log &> all 2> err b >|f <>rw 3<&0";
        let s = parse_ok(text);
        assert_eq!(all_words(&s), vec![vec!["cmd", "a", "b"]]);
        assert_eq!(s.commands[0].span, Span::new(BASE, BASE + text.len()));
        let s = parse_ok(">out echo hi");
        assert_eq!(all_words(&s), vec![vec!["echo", "hi"]]);
    }

    #[test]
    fn here_documents() {
        let text = "psql \"$DB\" <<EOF\nDROP TABLE users;\nEOF\necho done\n";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![vec!["psql", "$DB"], vec!["echo", "done"]]
        );
        assert_eq!(s.commands[0].heredocs.len(), 1);
        assert_eq!(src(text, s.commands[0].heredocs[0]), "DROP TABLE users;\n");
    }

    #[test]
    fn here_document_variants() {
        let text = "cat <<-'END' | sh\n\trm -rf $X\n\tEND\ncat <<\"A\" <<B\na\nA\nb\nB\nkubectl apply -f - <<< \"$MANIFEST\"\n";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["cat"],
                vec!["sh"],
                vec!["cat"],
                vec!["kubectl", "apply", "-f", "-"]
            ]
        );
        assert_eq!(src(text, s.commands[0].heredocs[0]), "\trm -rf $X\n");
        let bodies: Vec<&str> = s.commands[2]
            .heredocs
            .iter()
            .map(|h| src(text, *h))
            .collect();
        assert_eq!(bodies, ["a\n", "b\n"]);
        assert_eq!(src(text, s.commands[3].heredocs[0]), "\"$MANIFEST\"");
    }

    #[test]
    fn unterminated_here_document() {
        let text = "cat <<EOF\nline";
        let s = parse(text, BASE);
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].message, "here-document `EOF` is not terminated");
        assert_eq!(src(text, s.issues[0].span), "<<");
        assert_eq!(src(text, s.commands[0].heredocs[0]), "line");
    }

    #[test]
    fn nested_command_substitution() {
        let text = "echo \"$(kubectl get ns $(cat name))\" `date -u`";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["echo", "$(kubectl get ns $(cat name))", "`date -u`"],
                vec!["kubectl", "get", "ns", "$(cat name)"],
                vec!["cat", "name"],
                vec!["date", "-u"],
            ]
        );
        assert_eq!(src(text, s.commands[2].words[1].span), "name");
        assert_eq!(src(text, s.commands[1].words[3].span), "$(cat name)");
        assert_eq!(
            src(text, s.commands[0].words[1].span),
            "\"$(kubectl get ns $(cat name))\""
        );
    }

    #[test]
    fn assignment_from_substitution_keeps_source_order() {
        let s = parse_ok("ID=$(aws sts get-caller-identity) deploy");
        assert_eq!(
            all_words(&s),
            vec![vec!["deploy"], vec!["aws", "sts", "get-caller-identity"]]
        );
        assert_eq!(
            s.commands[0].assignments[0].text,
            "ID=$(aws sts get-caller-identity)"
        );
    }

    #[test]
    fn if_block() {
        let text =
            "if [ -f x ]; then\n  rm -rf x\nelif test -d y\nthen echo a\nelse\n  echo b\nfi\n";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["[", "-f", "x", "]"],
                vec!["rm", "-rf", "x"],
                vec!["test", "-d", "y"],
                vec!["echo", "a"],
                vec!["echo", "b"],
            ]
        );
        assert_eq!(src(text, s.commands[1].span), "rm -rf x");
    }

    #[test]
    fn loops_case_functions_groups() {
        let text = "for f in a b $(ls); do rm \"$f\"; done\n\
                    while read -r l; do echo \"$l\"; done < file\n\
                    until false; do :; done\n\
                    case \"$1\" in\n  prod|production) terraform destroy ;;\n  (dev) echo dev;;\n  *) exit 1;;\nesac\n\
                    function cleanup() { rm -f tmp; }\n\
                    deploy() {\n  kubectl apply -f k8s\n}\n\
                    ( cd dir && make ) ; { echo a; echo b; } | cat\n\
                    for ((i=0; i<3; i++)); do echo $i; done\n";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["ls"],
                vec!["rm", "$f"],
                vec!["read", "-r", "l"],
                vec!["echo", "$l"],
                vec!["false"],
                vec![":"],
                vec!["terraform", "destroy"],
                vec!["echo", "dev"],
                vec!["exit", "1"],
                vec!["rm", "-f", "tmp"],
                vec!["kubectl", "apply", "-f", "k8s"],
                vec!["cd", "dir"],
                vec!["make"],
                vec!["echo", "a"],
                vec!["echo", "b"],
                vec!["cat"],
                vec!["echo", "$i"],
            ]
        );
    }

    #[test]
    fn case_inside_substitution() {
        let s = parse_ok("x=$(case $a in y) echo yes;; esac); echo after");
        assert_eq!(
            all_words(&s),
            vec![vec![], vec!["echo", "yes"], vec!["echo", "after"]]
        );
    }

    #[test]
    fn reserved_words_only_in_command_position() {
        let s = parse_ok("echo if then fi done; \"if\" x");
        assert_eq!(
            all_words(&s),
            vec![vec!["echo", "if", "then", "fi", "done"], vec!["if", "x"]]
        );
    }

    #[test]
    fn comments() {
        let text = "# leading\necho a # trailing\necho b#c $# ${#x}\n  # indented\r\n";
        let s = parse_ok(text);
        let comments: Vec<&str> = s.comments.iter().map(|c| src(text, *c)).collect();
        assert_eq!(comments, ["# leading", "# trailing", "# indented"]);
        assert_eq!(
            all_words(&s),
            vec![vec!["echo", "a"], vec!["echo", "b#c", "$#", "${#x}"]]
        );
    }

    #[test]
    fn crlf_lines() {
        let text = "echo a\r\nrm -rf b \\\r\n  c\r\n";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![vec!["echo", "a"], vec!["rm", "-rf", "b", "c"]]
        );
        assert_eq!(src(text, s.commands[0].span), "echo a");
    }

    #[test]
    fn line_continuation() {
        let text = "terraform destroy \\\n  -auto-approve \\\n  -target=x\nec\\\nho joined";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["terraform", "destroy", "-auto-approve", "-target=x"],
                vec!["echo", "joined"]
            ]
        );
        assert_eq!(src(text, s.commands[0].words[2].span), "-auto-approve");
        assert_eq!(src(text, s.commands[1].words[0].span), "ec\\\nho");
    }

    #[test]
    fn quotes_and_escapes() {
        let text = r#"echo \"a\" 'b'"c"\ d "x\$y \q \\ \`" $'l1\nl2' $"loc""#;
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![vec![
                "echo",
                "\"a\"",
                "bc d",
                "x$y \\q \\ `",
                "l1\nl2",
                "loc"
            ]]
        );
        assert_eq!(src(text, s.commands[0].words[2].span), r#"'b'"c"\ d"#);
    }

    #[test]
    fn github_expressions_are_opaque() {
        let text = "curl -H \"Authorization: Bearer ${{ secrets.RAILWAY_TOKEN }}\" ${{ github.api_url }}/repos && echo ${{ a }}";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec![
                    "curl",
                    "-H",
                    "Authorization: Bearer ${{ secrets.RAILWAY_TOKEN }}",
                    "${{ github.api_url }}/repos"
                ],
                vec!["echo", "${{ a }}"],
            ]
        );
        assert_eq!(
            src(text, s.commands[0].words[3].span),
            "${{ github.api_url }}/repos"
        );
    }

    #[test]
    fn parameter_and_arithmetic_expansions() {
        let text = "echo ${X:-\"a b\"} ${Y:-$(date)} $((1 + (2 * 3))) \"${M:-don't}\"\narr=(a \"b c\" d) next\n((i++)); echo $i";
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec![
                    "echo",
                    "${X:-\"a b\"}",
                    "${Y:-$(date)}",
                    "$((1 + (2 * 3)))",
                    "${M:-don't}"
                ],
                vec!["date"],
                vec!["next"],
                vec!["echo", "$i"],
            ]
        );
        assert_eq!(s.commands[2].assignments[0].text, "arr=(a \"b c\" d)");
    }

    #[test]
    fn process_substitution() {
        let s = parse_ok("diff <(sort a) <(sort b)");
        assert_eq!(
            all_words(&s),
            vec![
                vec!["diff", "<(sort a)", "<(sort b)"],
                vec!["sort", "a"],
                vec!["sort", "b"]
            ]
        );
    }

    #[test]
    fn unterminated_quotes_and_substitutions() {
        let text = "echo 'abc";
        let s = parse(text, BASE);
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].message, "unterminated single quote");
        assert_eq!(src(text, s.issues[0].span), "'");
        assert_eq!(all_words(&s), vec![vec!["echo", "abc"]]);

        let text = "echo \"abc $(rm -rf x";
        let s = parse(text, BASE);
        let messages: Vec<&str> = s.issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(messages, ["unterminated `$(`", "unterminated double quote"]);
        assert_eq!(src(text, s.issues[0].span), "$(");
        assert_eq!(
            all_words(&s),
            vec![vec!["echo", "abc $(rm -rf x"], vec!["rm", "-rf", "x"]]
        );

        let s = parse("echo ${{ x", 0);
        assert_eq!(s.issues[0].message, "unterminated `${{`");
        assert_eq!(all_words(&s), vec![vec!["echo", "${{", "x"]]);
    }

    #[test]
    fn unexpected_close_paren() {
        let s = parse("echo a ) echo b", 0);
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.issues[0].span, Span::new(7, 8));
        assert_eq!(all_words(&s), vec![vec!["echo", "a"], vec!["echo", "b"]]);
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let depth = 500;
        let text = format!("{}rm x{}", "$(".repeat(depth), ")".repeat(depth));
        let s = parse(&text, BASE);
        assert_eq!(s.issues.len(), 1);
        assert!(s.issues[0].message.starts_with("nesting deeper than 128"));
        assert_eq!(s.commands.len(), MAX_DEPTH);
        assert!(s.commands.iter().all(|c| c.words.len() == 1));
        let quotes = "\"$(".repeat(depth);
        let s = parse(&quotes, 0);
        assert!(!s.issues.is_empty());
    }

    #[test]
    fn huge_inputs_are_linear() {
        let five_mb = 5 * 1024 * 1024;
        let inputs = [
            "echo a b; ".repeat(five_mb / 10),
            "$(".repeat(five_mb / 2),
            "${{".repeat(five_mb / 3),
            "\"".repeat(five_mb),
            "'".repeat(five_mb),
            "${".repeat(five_mb / 2),
            "<<E ".repeat(five_mb / 4),
            "((".repeat(five_mb / 2),
            "x".repeat(five_mb),
            "\\".repeat(five_mb),
            "case ".repeat(five_mb / 5),
        ];
        for input in &inputs {
            let start = std::time::Instant::now();
            let s = parse(input, BASE);
            assert!(s.issues.len() <= MAX_ISSUES);
            let elapsed = start.elapsed();
            // Linear work: seconds in release; debug builds on a loaded machine get more room.
            let limit = if cfg!(debug_assertions) { 40 } else { 5 };
            assert!(
                elapsed.as_secs() < limit,
                "{:?} for {:?}",
                elapsed,
                &input[..8]
            );
        }
    }

    #[test]
    fn random_bytes_do_not_panic() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let alphabet = b"$(){}'\"`\\|&;<>#\n\r\t =-abc0123{{}}[]\xc3\xa9\x00";
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..120 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let text = String::from_utf8_lossy(&bytes);
            let s = parse(&text, BASE);
            let len = BASE + text.len();
            for c in &s.commands {
                assert!(c.span.end <= len);
                for w in c.words.iter().chain(&c.assignments) {
                    assert!(w.span.start >= BASE && w.span.end <= len);
                    assert!(w.span.start <= w.span.end);
                }
            }
        }
    }

    #[test]
    fn heredoc_inside_substitution() {
        let text = "x=$(cat <<EOF\nhello ) world\nEOF\n)\necho \"$x\"";
        let s = parse_ok(text);
        assert_eq!(all_words(&s), vec![vec![], vec!["cat"], vec!["echo", "$x"]]);
        assert_eq!(src(text, s.commands[1].heredocs[0]), "hello ) world\n");
    }

    #[test]
    fn negation_and_json_payloads() {
        let text = r#"if ! command -v jq >/dev/null 2>&1; then curl --data "{\"a\": 1}" "$U"; fi"#;
        let s = parse_ok(text);
        assert_eq!(
            all_words(&s),
            vec![
                vec!["command", "-v", "jq"],
                vec!["curl", "--data", r#"{"a": 1}"#, "$U"]
            ]
        );
    }

    #[test]
    fn long_substitution_text_is_capped() {
        let text = format!("echo $(echo {})", "y".repeat(MAX_SUBST_TEXT));
        let s = parse(&text, BASE);
        assert_eq!(s.issues.len(), 1);
        assert_eq!(s.commands[0].words[1].text.len(), MAX_SUBST_TEXT);
        assert_eq!(s.commands[0].words[1].span.end, BASE + text.len());
    }

    #[test]
    fn huge_base_does_not_overflow() {
        let s = parse("echo hi", usize::MAX - 2);
        assert_eq!(s.commands[0].words[1].span.end, usize::MAX);
    }
}
