//! What agent instructions mean. Rule files (CLAUDE.md, AGENTS.md, `.cursorrules`, Copilot,
//! Windsurf, Cline, Roo, Kiro, Junie, Goose, Continue rules) are read as orders, so the reader
//! works like one: sentences and clauses; headings that scope the items under them ("## You may
//! do these without asking"); lead-in lines that scope a list or a code block ("NEVER:", "Run
//! these without confirmation:"); quoted bad examples; licences, prohibitions and conditions, each
//! with its reach; destructive acts as commands, SQL or prose; and credential hunting.
//!
//! The output is a list of [`Directive`]s: each names the clause that licenses (or hunts) and the
//! acts it reaches, so a rule can quote the clause and relate the command.

pub mod acts;
pub mod hunting;
pub mod lexicon;
pub mod text;

pub use acts::{Act, How};
pub use hunting::{Hunt, PathMention};

use crate::environments::Env;
use crate::facts::{destructive, CommandFact, Origin};
use crate::syntax::{MarkdownDoc, MdBlock, MdBlockKind, MdListItem, Span};

/// One thing an instruction file tells the agent that removes a human from a destructive
/// decision, or sends it after credentials.
#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: Kind,
    /// The clause that licenses or hunts (a heading or lead-in line for [`Kind::Scope`]).
    pub clause: Span,
    /// The destructive acts it reaches.
    pub acts: Vec<Act>,
    /// Paths the clause names (for hunts: where the credential is said to be).
    pub paths: Vec<PathMention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "Do not ask before …", "without confirmation", "always pass `--yes`".
    NoConfirmation,
    /// "Feel free to …", "you are allowed to …", "you have full authority over …".
    Permission,
    /// A heading or lead-in line that licenses the items under it.
    Scope,
    /// An order to destroy a shared environment ("wipe the staging DB"), or a command given with
    /// its confirmation turned off.
    Order,
    /// A code block that shows a raw destructive API call (the incident's `volumeDelete`).
    ShownCall,
    /// "Never ask for confirmation again", "AUTO-RUN EVERYTHING": every command, destructive ones
    /// included, runs with nobody asked.
    Blanket,
    Hunt(Hunt),
}

/// Reads an instruction file. `commands` are the file's command facts (code blocks, in source
/// order).
pub fn read(text: &str, doc: &MarkdownDoc, commands: &[CommandFact]) -> Vec<Directive> {
    let mut reader = Reader {
        text,
        commands,
        out: Vec::new(),
        headings: Vec::new(),
        lead_in: None,
        pending: None,
        last_acts: None,
        gate: false,
        credential_headings: Vec::new(),
        unchecked: Vec::new(),
        gate_scope: (usize::MAX, None),
        previous: Previous::default(),
    };
    for block in &doc.blocks {
        reader.block(block);
    }
    reader.out
}

/// What a heading or lead-in line does to the blocks it scopes.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Licenses them; `directive` is the finding under construction, once an act is seen.
    Licence {
        clause: Span,
        directive: Option<usize>,
    },
    /// Orders them run ("When the staging schema drifts, run:").
    Order {
        clause: Span,
    },
    /// Forbids them or shows them as what not to do.
    Example,
    Neutral,
}

struct LeadIn {
    scope: Scope,
    /// The lead-in's own list depth (a list item ending in ":"), or `None` for a paragraph.
    depth: Option<u8>,
    /// Blocks read under it so far (a code block must come right after).
    seen: usize,
}

/// A licence that named no act yet: the next sentence, or the next item of its list, may.
#[derive(Clone, Copy)]
struct Pending {
    kind: Kind,
    clause: Span,
    item: Option<MdListItem>,
    block_start: usize,
}

/// The last prose block (or heading), read again only when a code block or a quotation follows
/// it: most blocks are followed by prose.
#[derive(Default)]
struct Previous {
    span: Option<Span>,
    /// It was read in an example scope, or is a heading that opens one.
    example_scope: bool,
    /// It hunted for credentials.
    hunted: bool,
}

/// Words that introduce a quotation or an example.
const QUOTE_INTROS: &[&str] = &[
    "example",
    "e.g.",
    "for instance",
    "says",
    "said",
    "wrote",
    "writes",
    "quote",
];

struct Reader<'a> {
    text: &'a str,
    commands: &'a [CommandFact],
    out: Vec<Directive>,
    headings: Vec<(u8, Scope)>,
    lead_in: Option<LeadIn>,
    pending: Option<Pending>,
    /// The acts of the last sentence read, with its block's start.
    last_acts: Option<(usize, Vec<Act>)>,
    /// A gate read in this block or list: what follows it waits for the human it names.
    gate: bool,
    /// Levels of the open headings that name credentials ("## Master Credentials").
    credential_headings: Vec<u8>,
    /// Sentences of the current block or list not yet asked whether they gate.
    unchecked: Vec<Span>,
    /// The block and list `unchecked` and `gate` belong to.
    gate_scope: (usize, Option<u32>),
    previous: Previous,
}

/// How one clause stands.
#[derive(Debug, Default)]
struct Stance {
    licence: Option<Kind>,
    prohibited: bool,
    /// The prohibition points back at what the sentence described ("never run it").
    refers_back: bool,
}

/// Licence markers of a text, as byte ranges of `prose` (the text with code and quotations
/// blanked; advice to pass `--yes` is read on the raw text, where the flag is).
fn licence_marks(
    raw: &str,
    prose: &str,
    cues: lexicon::Cues,
) -> (Option<Kind>, Vec<(usize, usize)>) {
    let mut marks = Vec::new();
    let mut kind = None;
    if !cues.licence {
        return (kind, marks);
    }
    if let Some(re) = lexicon::SKIP_FLAG_ADVICE.get().filter(|_| cues.flags) {
        for m in re.find_iter(raw) {
            marks.push((m.start(), m.end()));
            kind = Some(Kind::NoConfirmation);
        }
    }
    if let Some(re) = lexicon::NO_CONFIRMATION
        .get()
        .filter(|_| cues.no_confirmation)
    {
        for m in re.find_iter(prose) {
            marks.push((m.start(), m.end()));
            kind = Some(Kind::NoConfirmation);
        }
    }
    if let Some(re) = lexicon::PERMISSION.get().filter(|_| cues.permission) {
        for m in re.find_iter(prose) {
            let next = prose[m.end()..].trim_start().to_ascii_lowercase();
            let possibility = m.as_str().to_ascii_lowercase().ends_with("may")
                && lexicon::MAY_NOT_PERMISSION.iter().any(|w| {
                    next.starts_with(w) && next[w.len()..].starts_with([' ', ',']) || next == *w
                });
            if possibility {
                continue;
            }
            marks.push((m.start(), m.end()));
            kind = kind.or(Some(Kind::Permission));
        }
    }
    (kind, marks)
}

fn masked(prose: &str, marks: &[(usize, usize)]) -> String {
    let mut out = prose.as_bytes().to_vec();
    for &(from, to) in marks {
        for b in out.iter_mut().take(to).skip(from) {
            if b.is_ascii() {
                *b = b' ';
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| prose.to_owned())
}

/// How a clause stands; `prose` is the clause with code and quotations blanked.
/// `cues` are the sentence's (a superset of the clause's): regexes whose words are absent do not run.
fn stance(clause: &str, prose: &str, cues: lexicon::Cues) -> Stance {
    let (licence, marks) = licence_marks(clause, prose, cues);
    if !cues.prohibition {
        return Stance {
            licence: licence.filter(|_| !describes_command(clause)),
            prohibited: false,
            refers_back: false,
        };
    }
    let mut rest = masked(prose, &marks);
    // "so it does not hang": a purpose, not a prohibition.
    if let Some(re) = lexicon::PURPOSE.get() {
        let purposes: Vec<(usize, usize)> =
            re.find_iter(&rest).map(|m| (m.start(), m.end())).collect();
        rest = masked(&rest, &purposes);
    }
    let prohibited = lexicon::PROHIBITION.is_match(&rest);
    Stance {
        // "`yarn build:preview` runs `prisma db push` auto-confirmed": a description of a
        // command, not a licence.
        licence: licence.filter(|_| !describes_command(clause)),
        prohibited,
        refers_back: prohibited && lexicon::REFERS_BACK.is_match(&rest),
    }
}

/// A clause that opens with a command and goes on with a verb about it ("`rails db:reset` drops
/// and re-creates the database"): documentation.
fn describes_command(clause: &str) -> bool {
    let s = strip_decoration(clause);
    let Some(rest) = s.strip_prefix('`') else {
        return false;
    };
    let after = rest.split_once('`').map_or("", |(_, a)| a).trim_start();
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_ascii_lowercase();
    next.len() > 3 && next.ends_with('s') && !next.ends_with("ss")
        || DESCRIBING.contains(&next.as_str())
}

/// A sentence puts a human back in the loop ("…, but ask first", "only after the user confirms").
fn gated(sentence: &str) -> bool {
    let prose = text::prose_only(sentence);
    let (_, marks) = licence_marks(sentence, &prose, lexicon::Cues::of(sentence));
    lexicon::GATE.is_match(&masked(&prose, &marks))
}

/// Markdown decoration at the start of a line: list markers, emphasis, task boxes, heading marks.
fn strip_decoration(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        let before = s.len();
        s = s.trim_start_matches(['#', '*', '_', '>', '-', '+', ' ', '\t']);
        if let Some(rest) = s.strip_prefix("[ ]").or_else(|| s.strip_prefix("[x]")) {
            s = rest;
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Words that open an order.
const ORDER_VERBS: &[&str] = &[
    "run", "execute", "exec", "use", "call", "invoke", "issue", "apply", "do", "perform", "type",
    "trigger", "fire", "send", "then",
];
/// Words after a leading command that make the sentence describe it.
const DESCRIBING: &[&str] = &[
    "is", "was", "will", "can", "may", "might", "should", "must", "would", "could", "only", "also",
    "never", "always", "does", "did", "has", "had", "needs", "requires", "resets",
];

/// Words that may come before the verb of an order.
const ORDER_ADVERBS: &[&str] = &[
    "just",
    "simply",
    "always",
    "also",
    "first",
    "now",
    "please",
    "then",
    "immediately",
    "quickly",
    "and",
];

/// An order: the clause starts with a verb (after an optional "When …," and adverbs), or with
/// the command itself.
fn imperative(clause: &str) -> bool {
    let mut s = strip_decoration(clause);
    let lower = s.to_ascii_lowercase();
    // "When the volume fills up, recreate it", "At the end of each sprint, delete …".
    const SUBORDINATE: &[&str] = &[
        "when ",
        "if ",
        "after ",
        "once ",
        "before ",
        "whenever ",
        "to ",
        "for ",
        "in ",
        "on ",
        "at ",
        "during ",
        "every ",
        "each ",
        "while ",
        "as soon as ",
        "should ",
    ];
    if SUBORDINATE.iter().any(|w| lower.starts_with(w)) {
        if let Some(comma) = s.find(", ").filter(|c| *c < 120) {
            s = &s[comma + 2..];
        }
    }
    // "`cmd --yes`" as the order itself, but not "`cmd` deletes all data" (a description).
    if s.starts_with('`') {
        return !describes_command(s);
    }
    let mut words = s.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_ascii_lowercase()
    });
    let mut first = words.next().unwrap_or_default();
    while ORDER_ADVERBS.contains(&first.as_str()) {
        first = words.next().unwrap_or_default();
    }
    // "Deleting resources", "Deleted volumes": a title or a report, not an order.
    if first.ends_with("ing") || first.ends_with("ed") {
        return false;
    }
    ORDER_VERBS.contains(&first.as_str())
        || lexicon::STRONG_VERB
            .get()
            .and_then(|re| re.find(&first))
            .is_some_and(|m| m.start() == 0)
        || lexicon::WEAK_VERB
            .get()
            .and_then(|re| re.find(s))
            .is_some_and(|m| m.start() == 0)
        || lexicon::STRONG_VERB
            .get()
            .and_then(|re| re.find(s))
            .is_some_and(|m| m.start() == 0)
}

/// An act that is an order by itself: a command with its confirmation off, or an imperative to
/// destroy something shared (or backups, or production).
fn ordered(act: &Act, clause: &str) -> bool {
    let named = if act.vague {
        // "delete all data" is only an order about real systems when it says which, or when it
        // sweeps a hosted account ("delete all billable resources in the AWS account").
        matches!(act.env, Some(Env::Production | Env::Staging))
            || act.remote && UNIVERSAL.is_match(&act.shown)
    } else {
        act.names_shared_environment() || act.precious
    };
    act.how == How::SkipsConfirmation || act.how != How::Asks && named && imperative(clause)
}

/// Everything of a kind: "all", "every", "the entire".
static UNIVERSAL: crate::lazy_regex::LazyRegex = crate::lazy_regex::LazyRegex::new(
    r"(?i)(?-u:\b)(?:all|every|each|entire|whole|everything)(?-u:\b)",
);

/// The older, broader reading of a "do not ask" licence: it is about operating on real systems
/// even when no act is named ("you can run migrations without approval").
static OPERATIONS: crate::lazy_regex::LazyRegex = crate::lazy_regex::LazyRegex::new(
    r"(?i)(?-u:\b)(?:migrat\w*|deploy\w*|production|prod|databases?|volumes?|infrastructure|terraform|kubectl|railway|rollbacks?|force[- ]push\w*|rm -rf)(?-u:\b)",
);

impl Reader<'_> {
    fn block(&mut self, block: &MdBlock) {
        match &block.kind {
            MdBlockKind::Html => {}
            MdBlockKind::Prose if block.place.heading > 0 => self.heading(block),
            MdBlockKind::Prose => self.prose(block),
            MdBlockKind::Code { lang } => self.code(block, lang),
        }
    }

    fn heading(&mut self, block: &MdBlock) {
        self.gate = false;
        self.unchecked.clear();
        let level = block.place.heading;
        self.credential_headings.retain(|l| *l < level);
        if lexicon::CREDENTIAL.is_match(block.span.slice(self.text)) {
            self.credential_headings.push(level);
        }
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
        // Most headings ("## Testing", "### API") can neither license nor forbid: no regex.
        let scope = self.scope_of(block.span, true);
        self.headings.push((level, scope));
        self.lead_in = None;
        self.pending = None;
        self.previous = Previous {
            span: None,
            example_scope: matches!(scope, Scope::Example),
            hunted: false,
        };
    }

    /// The previous block forbade, gated or introduced an example: a code block after "never run
    /// this:" or "only after approval:" is not an order.
    fn previous_guarded(&self) -> bool {
        self.previous.example_scope
            || self.previous.span.is_some_and(|span| {
                let prose = text::prose_only(span.slice(self.text));
                lexicon::PROHIBITION.is_match(&prose) || lexicon::GATE.is_match(&prose)
            })
    }

    /// The previous block introduced a quotation or an example.
    fn previous_example(&self) -> bool {
        self.previous.example_scope
            || self.previous.span.is_some_and(|span| {
                let prose = text::prose_only(span.slice(self.text));
                let lower = prose.to_ascii_lowercase();
                lexicon::EXAMPLE.is_match(&prose) || QUOTE_INTROS.iter().any(|w| lower.contains(w))
            })
    }

    /// Whether a sentence read so far in this block or list (this one included) gates what
    /// follows: "2. Confirm with the user" before "3. Run `terraform destroy -auto-approve`",
    /// "feel free to drop it, but ask first". Asked only when something would be reported, which
    /// is rare, and each sentence at most once.
    fn gate_holds(&mut self) -> bool {
        if self.gate {
            return true;
        }
        let text = self.text;
        if self.unchecked.iter().any(|s| gated(s.slice(text))) {
            self.gate = true;
            self.unchecked.clear();
            return true;
        }
        // Checked once: these sentences do not gate.
        self.unchecked.clear();
        false
    }

    /// What a heading or a lead-in line does to what it scopes.
    fn scope_of(&self, span: Span, heading: bool) -> Scope {
        let body = span.slice(self.text);
        // Most lines ("## Testing", "Examples:") can neither license nor forbid: no regex.
        if !lexicon::Cues::of(body).licence && !lexicon::may_guard(body) {
            return if !heading && imperative(body) {
                Scope::Order { clause: span }
            } else {
                Scope::Neutral
            };
        }
        let prose = text::prose_only(body);
        let st = stance(body, &prose, lexicon::Cues::of(body));
        if lexicon::EXAMPLE.is_match(&prose) || (st.prohibited && st.licence.is_none()) {
            return Scope::Example;
        }
        if gated(body) {
            // "Only after approval:" gates its list; a heading such as "When asked where the
            // token is" is a trigger, not a gate.
            return if heading {
                Scope::Neutral
            } else {
                Scope::Example
            };
        }
        if st.licence.is_some() && !st.prohibited {
            return Scope::Licence {
                clause: span,
                directive: None,
            };
        }
        if !heading && imperative(body) {
            return Scope::Order { clause: span };
        }
        Scope::Neutral
    }

    /// The scope the headings above give: an example anywhere wins, then the innermost licence.
    fn heading_scope(&mut self) -> Option<&mut Scope> {
        if self
            .headings
            .iter()
            .any(|(_, s)| matches!(s, Scope::Example))
        {
            return self
                .headings
                .iter_mut()
                .rev()
                .find(|(_, s)| matches!(s, Scope::Example))
                .map(|(_, s)| s);
        }
        self.headings
            .iter_mut()
            .rev()
            .find(|(_, s)| matches!(s, Scope::Licence { .. }))
            .map(|(_, s)| s)
    }

    /// Keeps the lead-in only while the blocks are its items (or the code block right after it).
    fn follow_lead_in(&mut self, block: &MdBlock) {
        let Some(lead) = &mut self.lead_in else {
            return;
        };
        let under = match (block.place.item, lead.depth) {
            (Some(_), None) => true,
            (Some(item), Some(depth)) => item.depth > depth,
            (None, _) => matches!(block.kind, MdBlockKind::Code { .. }) && lead.seen == 0,
        };
        lead.seen += 1;
        if !under {
            self.lead_in = None;
        }
    }

    /// The scope a block is read in: its lead-in, else its headings.
    fn context(&mut self) -> Scope {
        if let Some(lead) = &self.lead_in {
            if !matches!(lead.scope, Scope::Neutral) {
                return lead.scope;
            }
        }
        self.heading_scope().copied().unwrap_or(Scope::Neutral)
    }

    /// Adds acts to the directive of the scope the block is read in.
    fn add_to_scope(&mut self, acts: Vec<Act>) {
        let acts: Vec<Act> = acts.into_iter().filter(|a| !a.is_local()).collect();
        if acts.is_empty() || self.gate_holds() {
            return;
        }
        let from_lead_in = self
            .lead_in
            .as_ref()
            .is_some_and(|l| !matches!(l.scope, Scope::Neutral));
        let out = &mut self.out;
        let scope: Option<&mut Scope> = if from_lead_in {
            self.lead_in.as_mut().map(|l| &mut l.scope)
        } else {
            self.headings
                .iter_mut()
                .rev()
                .find(|(_, s)| matches!(s, Scope::Licence { .. }))
                .map(|(_, s)| s)
        };
        match scope {
            Some(Scope::Licence { clause, directive }) => match directive {
                Some(index) => out[*index].acts.extend(acts),
                None => {
                    *directive = Some(out.len());
                    out.push(Directive {
                        kind: Kind::Scope,
                        clause: *clause,
                        acts,
                        paths: Vec::new(),
                    });
                }
            },
            Some(Scope::Order { clause }) => {
                let lead_env = acts::env_of_text(clause.slice(self.text));
                let ordered: Vec<Act> = acts
                    .into_iter()
                    .map(|mut a| {
                        a.env = a.env.or(lead_env);
                        a
                    })
                    .filter(|a| {
                        a.how == How::SkipsConfirmation
                            || a.names_shared_environment() && a.how != How::Asks
                    })
                    .collect();
                if !ordered.is_empty() {
                    out.push(Directive {
                        kind: Kind::Order,
                        clause: *clause,
                        acts: ordered,
                        paths: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }

    fn prose(&mut self, block: &MdBlock) {
        self.follow_lead_in(block);
        // A gate holds over the rest of its block and the later items of its list.
        let list = block.place.item.map(|i| i.list);
        let same_list = list.is_some() && list == self.gate_scope.1;
        if self.gate_scope.0 != block.span.start && !same_list {
            self.gate = false;
            self.unchecked.clear();
        }
        self.gate_scope = (block.span.start, list);
        let body = block.span.slice(self.text);
        let is_quote = block.place.quote_depth > 0;
        let context = self.context();
        let example = matches!(context, Scope::Example) || (is_quote && self.previous_example());
        // A pending licence reaches only the next sibling item of its list.
        if let Some(p) = self.pending {
            let sibling = match (p.item, block.place.item) {
                (Some(a), Some(b)) => a.list == b.list && a.item != b.item,
                _ => false,
            };
            if p.block_start != block.span.start && !sibling {
                self.pending = None;
            }
        }
        let directives_before = self.out.len();
        // A block with no cue at all (most of a rule file) is not cut into sentences; it is only
        // kept for the lazy gate check. The cue words are found once for the whole block.
        let hits = lexicon::cue_hits(body);
        let block_cues = lexicon::Cues::within(hits.as_deref(), 0, body.len());
        if !example && !block_cues.any() {
            self.unchecked.push(block.span);
            self.pending = None;
        } else if !example {
            let in_scope = matches!(context, Scope::Licence { .. } | Scope::Order { .. });
            let sentences = text::sentences(self.text, block.span);
            for (i, sentence) in sentences.iter().enumerate() {
                let from = sentence.start - block.span.start;
                let cues = lexicon::Cues::within(hits.as_deref(), from, from + sentence.len());
                self.sentence(
                    *sentence,
                    sentences.get(i + 1).copied(),
                    block,
                    in_scope,
                    cues,
                );
            }
        }
        // A line ending in ":" scopes the list or code block after it.
        let trimmed = body.trim_end().trim_end_matches(['*', '_', ' ']);
        if trimmed.ends_with(':') && !is_quote {
            let last = text::sentences(self.text, block.span)
                .last()
                .copied()
                .unwrap_or(block.span);
            let scope = if example {
                Scope::Example
            } else {
                self.scope_of(last, false)
            };
            self.lead_in = Some(LeadIn {
                scope,
                depth: block.place.item.map(|i| i.depth),
                seen: 0,
            });
        }
        // Directives are only appended: a hunt read in this block is one of the new ones.
        let hunted = self.out[directives_before..]
            .iter()
            .any(|d| matches!(d.kind, Kind::Hunt(_)));
        if !is_quote {
            self.previous = Previous {
                span: Some(block.span),
                example_scope: example,
                hunted,
            };
        }
    }

    /// Reads one sentence. `next` is the following sentence of the same block.
    fn sentence(
        &mut self,
        sentence: Span,
        next: Option<Span>,
        block: &MdBlock,
        in_scope: bool,
        cues: lexicon::Cues,
    ) {
        let body = sentence.slice(self.text);
        // Whether a sentence gates what follows is asked only when something would be reported
        // (see `gate_holds`): most sentences are never asked.
        self.unchecked.push(sentence);
        if !cues.any() {
            return;
        }
        let prose = text::prose_only(body);
        // An act whose clause names no environment takes the sentence's: "on the prod host —
        // `docker volume rm` anything attached".
        let mut sentence_context: Option<(Option<Env>, bool)> = None;
        let mut clauses: Vec<(Span, Stance, Vec<Act>)> = Vec::new();
        for c in text::clauses(self.text, sentence) {
            let acts: Vec<Act> = if cues.destructive {
                acts::in_clause(self.text, c)
            } else {
                Vec::new()
            };
            let acts = if acts.is_empty() {
                acts
            } else {
                let (env, remote) = *sentence_context
                    .get_or_insert_with(|| (acts::env_of_text(&prose), acts::names_remote(body)));
                acts.into_iter()
                    .map(|a| acts::in_context(a, env, remote))
                    .collect()
            };
            let st = if cues.licence || cues.credential || !acts.is_empty() {
                let from = c.start - sentence.start;
                stance(c.slice(self.text), &prose[from..from + c.len()], cues)
            } else {
                Stance::default()
            };
            clauses.push((c, st, acts));
        }
        // "… wipe data — never run it": a prohibition that points back forbids the whole sentence.
        if clauses.iter().any(|(_, st, _)| st.refers_back) {
            for (_, st, _) in &mut clauses {
                st.prohibited = true;
            }
        }
        let any_prohibited = clauses.iter().any(|(_, st, _)| st.prohibited);
        let local_acts = clauses
            .iter()
            .any(|(_, st, acts)| !st.prohibited && acts.iter().any(Act::is_local));
        let free_acts: Vec<Act> = clauses
            .iter()
            .filter(|(_, st, _)| !st.prohibited)
            .flat_map(|(_, _, acts)| acts.iter().filter(|a| !a.is_local()).cloned())
            .collect();
        let previous_acts = self
            .last_acts
            .take()
            .filter(|(start, _)| *start == block.span.start)
            .map(|(_, acts)| acts);
        if !free_acts.is_empty() {
            self.last_acts = Some((block.span.start, free_acts.clone()));
        }
        // Credential hunting, clause by clause: "we don't have a key here — grab the one from
        // `../billing/.env`" hunts in its second clause.
        if cues.credential {
            let next_text = next.map(|n| n.slice(self.text));
            let under_credentials = !self.credential_headings.is_empty();
            let hunt = if any_prohibited {
                clauses
                    .iter()
                    .filter(|(_, st, _)| !st.prohibited)
                    .find_map(|(c, _, _)| {
                        hunting::hunt(self.text, *c, next_text, under_credentials)
                    })
            } else {
                hunting::hunt(self.text, sentence, next_text, under_credentials)
            };
            if let Some((how, paths)) = hunt {
                if !self.gate_holds() {
                    self.out.push(Directive {
                        kind: Kind::Hunt(how),
                        clause: sentence,
                        acts: Vec::new(),
                        paths,
                    });
                }
                return;
            }
        }
        // Items under a licensing heading or lead-in.
        if in_scope {
            self.add_to_scope(free_acts.clone());
        }
        // A licence in this sentence: it reaches the acts of its sentence, else those of the
        // sentence before ("Deleting stale volumes? No need to check with anyone."), else it
        // waits for the next sentence or list item.
        let licence = clauses
            .iter()
            .find(|(_, st, _)| st.licence.is_some() && !st.prohibited)
            .map(|(c, st, _)| (*c, st.licence));
        if let Some((clause, Some(kind))) = licence {
            let reached = if free_acts.is_empty() {
                previous_acts.unwrap_or_default()
            } else {
                free_acts
            };
            let ends_lead_in = prose.trim_end().ends_with(':');
            if !reached.is_empty() {
                self.push(kind, clause, reached);
            } else if kind == Kind::NoConfirmation
                && lexicon::BLANKET.is_match(&prose)
                && lexicon::ASKING_LICENCE.is_match(&prose)
            {
                // "Never ask for confirmation again in this session."
                self.push(Kind::Blanket, clause, Vec::new());
            } else if kind == Kind::NoConfirmation
                && !local_acts
                && !ends_lead_in
                && OPERATIONS.is_match(&prose)
                && !acts::env_of_text(body)
                    .is_some_and(|e| matches!(e, Env::Test | Env::Development))
            {
                // "You can run migrations without approval": about real systems, no act named.
                self.push(kind, clause, Vec::new());
            } else if !local_acts {
                self.pending = Some(Pending {
                    kind,
                    clause,
                    item: block.place.item,
                    block_start: block.span.start,
                });
            }
            return;
        }
        // The next sentence, or the next item, after a licence that named no act.
        if let Some(p) = self.pending.take() {
            if !free_acts.is_empty() {
                self.push(p.kind, p.clause, free_acts);
                return;
            }
        }
        // Orders: a command with its confirmation off, or destruction of a shared environment.
        if !in_scope {
            for (clause, st, acts) in &clauses {
                if st.prohibited {
                    continue;
                }
                let clause_text = clause.slice(self.text);
                let ordered: Vec<Act> = acts
                    .iter()
                    .filter(|a| !a.is_local() && ordered(a, clause_text))
                    .cloned()
                    .collect();
                if !ordered.is_empty() {
                    self.push(Kind::Order, *clause, ordered);
                }
            }
        }
    }

    fn push(&mut self, kind: Kind, clause: Span, acts: Vec<Act>) {
        if self.gate_holds() {
            return;
        }
        self.out.push(Directive {
            kind,
            clause,
            acts,
            paths: Vec::new(),
        });
    }

    fn code(&mut self, block: &MdBlock, lang: &str) {
        self.follow_lead_in(block);
        let context = self.context();
        if matches!(context, Scope::Example) {
            return;
        }
        let scoped = matches!(context, Scope::Licence { .. } | Scope::Order { .. });
        // Asked once, and only if the block holds something to report.
        let mut guarded: Option<bool> = None;
        let mut guarded =
            |reader: &Self| *guarded.get_or_insert_with(|| !scoped && reader.previous_guarded());
        // Commands that read a secret file: `source /mnt/c/…/.env`, `cat ~/.config/x/credentials.json`.
        let code = block.span.slice(self.text);
        let mut offset = block.span.start;
        let said = self.previous.hunted;
        for line in code.split_inclusive('\n') {
            // Once per instruction: a block under "read credentials from .env:" is that line's.
            if let Some(how) = hunting::command_reads_secret(line)
                .filter(|_| !said)
                .filter(|_| !guarded(self))
            {
                let span = text::trim_span(self.text, Span::new(offset, offset + line.len()));
                self.out.push(Directive {
                    kind: Kind::Hunt(how),
                    clause: span,
                    acts: Vec::new(),
                    paths: hunting::paths(
                        &format!("`{}`", line.trim_end()),
                        offset.saturating_sub(1),
                    ),
                });
            }
            offset += line.len();
        }
        let mut found = Vec::new();
        let commands = self.commands;
        let first = commands.partition_point(|c| c.command.span.start < block.span.start);
        for fact in commands[first..]
            .iter()
            .take_while(|c| c.command.span.start < block.span.end)
        {
            if fact.origin != Origin::AgentInstructions || !block.span.contains(fact.command.span) {
                continue;
            }
            if let Some(d) = destructive::classify_fact(fact) {
                let words = fact.command.span.slice(self.text);
                let act = acts::in_context(
                    acts::from_destructive(&d, fact.command.span),
                    acts::env_of_text(words),
                    false,
                );
                found.push((act, Some(d)));
            }
        }
        if matches!(
            lang,
            "sql" | "psql" | "postgres" | "postgresql" | "mysql" | "plsql" | "tsql"
        ) {
            let code = block.span.slice(self.text);
            if let Some(statement) = destructive::sql::destructive_statement(code) {
                found.push((
                    Act {
                        span: block.span,
                        shown: statement.to_owned(),
                        effect: Some("destroys data with no prompt"),
                        how: How::NeverAsks,
                        env: acts::env_of_text(code),
                        remote: false,
                        vague: false,
                        precious: false,
                        own_copy: false,
                    },
                    None,
                ));
            }
        }
        if found.is_empty() || guarded(self) {
            return;
        }
        if matches!(context, Scope::Licence { .. } | Scope::Order { .. }) {
            self.add_to_scope(found.into_iter().map(|(a, _)| a).collect());
            return;
        }
        // Outside any scope: a command given with its confirmation off against a shared
        // environment, and raw API calls that destroy remote data.
        for (act, d) in found {
            if act.how == How::SkipsConfirmation && act.names_shared_environment() {
                self.push(Kind::Order, act.span, vec![act]);
                continue;
            }
            let Some(d) = d else { continue };
            if d.unconfirmed && (d.shown.contains("Delete") || d.shown.starts_with("railway")) {
                self.out.push(Directive {
                    kind: Kind::ShownCall,
                    clause: act.span,
                    acts: vec![act],
                    paths: Vec::new(),
                });
            }
        }
    }
}
