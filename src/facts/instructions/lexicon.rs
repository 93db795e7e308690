//! The words of instruction files, as tables every reader of agent rules shares: what licenses
//! acting without a human, what forbids, what gates, what marks an example, what destroys, what
//! hunts for credentials. Phrasings are grouped by meaning so one addition covers a whole class
//! ("do not ask", "don't bother asking", "no need to check with us" are one marker).

use crate::lazy_regex::LazyRegex;

/// Licences to act with nobody asked: the agent is told not to ask, wait or check, or that a
/// step needs no approval. Matched spans are masked before prohibitions are looked for, so the
/// "don't" of "don't bother asking" is not read as a prohibition.
pub static NO_CONFIRMATION: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    // "do not ask", "no need to check with us", "you don't have to wait for approval"
    r"(?:do\s+not|don'?t|dont|never|no\s+need\s+(?:for\s+you\s+)?to|needn'?t|(?:you\s+)?(?:do\s+not|don'?t|dont)\s+(?:have|need)\s+to|(?:there'?s|there\s+is)\s+no\s+need\s+to|no\s+reason\s+to|(?:it'?s\s+)?not\s+necessary\s+to|(?:do\s+not|don'?t|dont)\s+bother(?:\s+to)?)",
    r"\s+(?:ask(?:ing)?|wait(?:ing)?|prompt(?:ing)?|check(?:ing)?(?:\s+(?:with|in|back))?|confirm(?:ing)?|seek(?:ing)?|request(?:ing)?|get(?:ting)?|run\s+it\s+by|clear\s+it\s+with|ping(?:ing)?|loop\s+in)",
    r"(?:\s+(?:me|us|the\s+user|the\s+team|anyone|anybody|a\s+human|someone|first|for|about\s+it|before(?:hand)?|on\s+(?:it|this|that)))*",
    r"(?:\s+(?:explicit\s+|an?\s+|any\s+|human\s+|their\s+|my\s+|our\s+)?(?:confirmation|approval|permission|sign-?off|review|go-?ahead|ok|okay))?",
    r"|don'?t\s+bother(?:\s+(?:asking|checking|confirming|waiting))?",
    // "you don't need approval", "nobody needs to approve"
    r"|(?:you\s+|we\s+|it\s+)?(?:do\s+not|don'?t|dont|does\s+not|doesn'?t|won'?t|will\s+not)\s+(?:need|require|have\s+to\s+get)\s+(?:any\s+|an?\s+|my\s+|our\s+|explicit\s+|human\s+)?(?:approval|confirmation|permission|sign-?off|review|go-?ahead|a\s+human)",
    r"|(?:nobody|no\s+one|no-one)\s+(?:needs?|has|have)\s+to\s+(?:approve|confirm|sign\s+off|review|check|be\s+asked|okay|ok)",
    r"|no\s+(?:need|reason)\s+(?:for|to\s+wait\s+for)\s+(?:approval|confirmation|permission|sign-?off)",
    // "without asking", "without human review", "without anyone's sign-off"
    r"|without\s+(?:first\s+)?(?:ask(?:ing)?|confirm(?:ing|ation)?|approv(?:al|ing)|permission|prompt(?:ing|s)?|check(?:ing)?(?:\s+(?:with|in))?|wait(?:ing)?|(?:a\s+|any\s+)?(?:human|manual|user)\s+(?:review|approval|confirmation|sign-?off|input|in\s+the\s+loop)|sign-?off|review(?:ing)?|anyone'?s?\s+(?:approval|ok|okay|sign-?off)|(?:a\s+)?(?:second\s+)?(?:prompt|review)|hesitation)",
    r"(?:\s+(?:me|us|the\s+user|anyone|anybody|first|for\s+(?:confirmation|approval|permission)))*",
    // "no confirmation needed", "approval is not required"
    r"|no\s+(?:confirmation|approval|permission|sign-?off|review|human\s+review)s?\s+(?:is\s+|are\s+)?(?:needed|required|necessary)",
    r"|(?:confirmation|approval|permission|sign-?off)\s+(?:is\s+)?(?:not|never)\s+(?:needed|required|necessary)",
    r"|auto-?approv\w*|auto-?confirm\w*|pre-?approved|preapproved|(?:already\s+)?(?:approved|authori[sz]ed)\s+in\s+advance|standing\s+approval",
    r"|skip(?:ping)?\s+(?:the\s+)?(?:confirmation|approval|prompt)s?",
    // "AUTO-RUN EVERYTHING", "the user never wants to manually approve any command"
    r"|auto-?run\s+(?:everything|all|every|any)|(?:never|doesn'?t|does\s+not|don'?t)\s+wants?\s+to\s+(?:manually\s+)?(?:accept|approve|confirm|be\s+asked|click)",
    r"|(?:unattended|autonomously|on\s+your\s+own|at\s+will|without\s+hesitation|whenever\s+you\s+(?:want|like|see\s+fit|need\s+to|think|feel)|as\s+(?:often|many\s+times)\s+as\s+you\s+(?:like|want|need))",
    r")",
));

/// Advice to turn a command's own confirmation off ("always pass `--yes` to …", "add
/// `-auto-approve`"). Read on the raw text: the flag is usually in code.
pub static SKIP_FLAG_ADVICE: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:pass|add|use|append|include|set|with)(?:ing)?\s+(?:the\s+|a\s+)?`?",
    r"(?:--yes|-y|--force|--auto-approve|-auto-approve|--no-confirm|--confirm|--assume-yes|--non-interactive|--noinput|--no-input|--quiet|-q|-f|--skip-confirmation|--no-prompt)",
    r"(?:[=\s][^`\n]{0,30})?`?(?:\s+flags?)?",
));

/// A licence with no limit: every command, for the whole session.
pub static BLANKET: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:again|anything|everything|ever|at\s+all|in\s+this\s+session|(?:any|every|all)\s+(?:\w+\s+)?(?:commands?|actions?|tool\s+calls?|tools?|operations?|steps?))(?-u:\b)",
);

/// The licence of a blanket must be about asking: "never ask for confirmation again", not
/// "submit a pull request without checking anything".
pub static ASKING_LICENCE: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:(?:never|don'?t|do\s+not|no\s+need\s+to|without)\s+(?:\w+\s+){0,2}?(?:ask\w*|confirm\w*|approv\w*|prompt\w*|permission)|auto-?run|wants?\s+to\s+(?:manually\s+)?(?:accept|approve|confirm))",
);

/// A prohibition that points back at what the sentence just described: "never run it".
pub static REFERS_BACK: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:run|do|execute|use|try|call|invoke|touch)\s+(?:it|that|this|them|those|these)(?-u:\b)",
);

/// Flags that make a destructive command skip its question or its safety net.
pub static FORCE_FLAG: LazyRegex = LazyRegex::new(
    r"^(?:--yes|-y|--force|-f|--auto-approve|-auto-approve|--no-confirm|--confirm|--assume-yes|--quiet|-q|--force-delete\S*|--skip-final-snapshot|--delete-(?:all|data)\S*|--purge|--recursive)(?:[=\s]\S*)*$",
);

/// Permission and encouragement: a licence when a destructive step is what it allows.
pub static PERMISSION: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"feel\s+free\s+to|go\s+ahead\s+and|(?:do\s+not|don'?t)\s+hesitate\s+to|(?:you|the\s+agent|agents|claude|copilot|the\s+assistant)\s+may|(?:you|the\s+agent|agents|claude)\s+can\s+(?:always|freely|just|safely)|freely|as\s+you\s+see\s+fit",
    r"|(?:you\s+are|you'?re|you\s+have\s+been|agents?\s+(?:are|is)|claude\s+is|the\s+agent\s+is)\s+(?:(?:fully|hereby|explicitly|always)\s+)?(?:allowed|permitted|authori[sz]ed|free|welcome|cleared|trusted|empowered|encouraged)\s+to",
    r"|you\s+have\s+(?:my\s+|our\s+|full\s+|explicit\s+|standing\s+|blanket\s+)*(?:permission|authority|authori[sz]ation|clearance|the\s+go-?ahead|carte\s+blanche|free\s+rein|control|autonomy|the\s+green\s+light|admin\s+rights)",
    r"|(?:it'?s|it\s+is|that'?s|that\s+is)\s+(?:totally\s+|perfectly\s+|always\s+)?(?:fine|ok|okay|safe|alright|all\s+right|acceptable)\s+(?:for\s+you\s+)?to",
    r"|(?:are|is)\s+(?:always\s+)?(?:safe|fine|ok|okay)\s+to\s+(?:run|execute|do|use)",
    r"|(?:is|are)\s+(?:fully\s+)?delegated\s+to\s+you|(?:is|are)\s+yours\s+to|you\s+own\s+(?:the|this|these|that)|up\s+to\s+you|your\s+call|at\s+your\s+(?:own\s+)?discretion",
    r"|allowed\s+(?:actions|commands|operations)|permitted\s+(?:actions|commands|operations)",
    r")",
));

/// Words after "you may" that make it a possibility ("you may need to"), not a permission.
pub const MAY_NOT_PERMISSION: &[&str] = &[
    "need",
    "want",
    "be",
    "see",
    "notice",
    "find",
    "have",
    "encounter",
    "also",
    "wish",
    "get",
    "run into",
    "not",
    "only",
    "never",
    "still",
    "hit",
    "receive",
    "come",
    "experience",
    "use",
    "prefer",
    "choose",
    "optionally",
    "consider",
    "refer",
    "look",
    "read",
];

/// Prohibitions. Looked for after licence markers are masked.
pub static PROHIBITION: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"never|don'?t|dont|do\s+not|does\s+not|must\s+not|mustn'?t|should\s+not|shouldn'?t|shall\s+not|cannot|can'?t|can\s+not|may\s+not|will\s+not|won'?t",
    r"|avoid\w*|forbid\w*|prohibit\w*|not\s+(?:allowed|permitted|authori[sz]ed|ok|okay|acceptable)|under\s+no\s+circumstances|refrain|off[- ]limits|disallow\w*|no\s+one\s+(?:may|should)|nobody\s+(?:may|should)",
    r"|dangerous|bad\s+examples?|anti-?patterns?|hard\s+no|no-?go|banned|blocked|deny\s*list|denylist|blacklist\w*|restricted",
    r")",
));

/// Words without which a sentence can neither license, destroy nor hunt: one case-insensitive
/// pass over each sentence decides whether the regexes run at all (the reader's cost is the
/// regexes, and most sentences of a rule file are about code style).
const NO_CONFIRMATION_CUES: &[&str] = &[
    // a negation of asking, or a word that is a licence by itself
    "not ",
    "n't",
    "never",
    "no need",
    "needn",
    "without",
    "nobody",
    "no one",
    "no-one",
    "bother",
    "auto-approv",
    "auto-confirm",
    "autoapprov",
    "autoconfirm",
    "auto-run",
    "autorun",
    "pre-approv",
    "preapprov",
    "in advance",
    "standing approval",
    "skip",
    "unattended",
    "autonom",
    "on your own",
    "at will",
    "whenever you",
    "as often as",
    "as many times",
    "no confirmation",
    "no approval",
    "no permission",
    "no sign",
    "no review",
    "no human",
];
const PERMISSION_CUES: &[&str] = &[
    "feel free",
    "allowed",
    "permitted",
    "authori",
    "free to",
    "welcome to",
    "cleared to",
    "trusted to",
    "empowered",
    "encouraged",
    "you may",
    "agent may",
    "agents may",
    "claude may",
    "copilot may",
    "assistant may",
    "can always",
    "can freely",
    "can just",
    "can safely",
    "freely",
    "see fit",
    "authority",
    "clearance",
    "carte",
    "free rein",
    "control",
    "autonomy",
    "green light",
    "admin rights",
    "fine to",
    "fine for",
    "ok to",
    "okay to",
    "safe to",
    "alright to",
    "all right to",
    "acceptable to",
    "delegated",
    "yours to",
    "you own",
    "up to you",
    "your call",
    "discretion",
    "go ahead",
    "go-ahead",
    "hesitate",
    "permission",
];
/// Flags passed to turn a confirmation off.
const FLAG_CUES: &[&str] = &[
    "--yes",
    "-y",
    "--force",
    "auto-approve",
    "--no-confirm",
    "--confirm",
    "--assume-yes",
    "--non-interactive",
    "--noinput",
    "--no-input",
    "--quiet",
    "-q",
    "-f",
    "--no-prompt",
];
/// Words without which nothing is forbidden.
const PROHIBITION_CUES: &[&str] = &[
    "never",
    "n't",
    "not",
    "cannot",
    "avoid",
    "forbid",
    "prohibit",
    "refrain",
    "off-limits",
    "off limits",
    "disallow",
    "no one",
    "nobody",
    "danger",
    "bad example",
    "anti-pattern",
    "antipattern",
    "hard no",
    "no-go",
    "nogo",
    "banned",
    "blocked",
    "deny",
    "denylist",
    "blacklist",
    "restricted",
    "under no circumstances",
];
/// Destruction in prose; the command words are the catalogue's (`destructive::TOOL_WORDS`).
const DESTRUCTIVE_CUES: &[&str] = &[
    "delet",
    "drop",
    "destroy",
    "wipe",
    "wiping",
    "truncat",
    "purg",
    "nuke",
    "nuking",
    "tear",
    "eras",
    "blow away",
    "blowing away",
    "decommission",
    "deprovision",
    "terminat",
    "obliterat",
    "zap",
    "remov",
    "clear",
    "reset",
    "recreat",
    "re-creat",
    "clean up",
    "clean out",
    "cleaning",
    "empty",
    "emptying",
    "flush",
    "overwrit",
    "prune",
    "pruning",
    "rebuild",
    "roll back",
    "rollback",
    "uninstall",
    "downgrad",
    "restore over",
    "reprovision",
    "re-provision",
    "rm ",
    "rb ",
];
const CREDENTIAL_CUES: &[&str] = &[
    "token",
    "key",
    "cred",
    "secret",
    "passw",
    "passwd",
    ".env",
    "kubeconfig",
    "service account",
    "service-account",
    "service principal",
    "jwt",
    "history",
    ".pem",
    "auth",
];

/// One automaton per kind of cue: `is_match` stops at the first hit, and most sentences hit
/// early or not at all.
fn finder<'a>(words: impl IntoIterator<Item = &'a &'a str>) -> Option<aho_corasick::AhoCorasick> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .ok()
}

/// Every cue word in one automaton; each pattern's kind is kept beside it.
struct CueFinder {
    automaton: aho_corasick::AhoCorasick,
    kinds: Vec<u8>,
}

const CUE_NO_CONFIRMATION: u8 = 1;
const CUE_PERMISSION: u8 = 2;
const CUE_FLAG: u8 = 4;
const CUE_PROHIBITION: u8 = 8;
const CUE_DESTRUCTIVE: u8 = 16;
const CUE_CREDENTIAL: u8 = 32;

static CUE_FINDER: std::sync::LazyLock<Option<CueFinder>> = std::sync::LazyLock::new(|| {
    let groups: [(&[&str], u8); 7] = [
        (NO_CONFIRMATION_CUES, CUE_NO_CONFIRMATION),
        (PERMISSION_CUES, CUE_PERMISSION),
        (FLAG_CUES, CUE_FLAG),
        (PROHIBITION_CUES, CUE_PROHIBITION),
        (DESTRUCTIVE_CUES, CUE_DESTRUCTIVE),
        (crate::facts::destructive::TOOL_WORDS, CUE_DESTRUCTIVE),
        (CREDENTIAL_CUES, CUE_CREDENTIAL),
    ];
    let mut words = Vec::new();
    let mut kinds = Vec::new();
    for (group, kind) in groups {
        for word in group {
            words.push(*word);
            kinds.push(kind);
        }
    }
    Some(CueFinder {
        automaton: finder(words.iter())?,
        kinds,
    })
});

static CREDENTIAL_FINDER: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| finder(CREDENTIAL_CUES));

/// Whether a text holds a credential cue word (one automaton, for code lines).
pub fn credential_cue(text: &str) -> bool {
    CREDENTIAL_FINDER.as_ref().is_none_or(|f| f.is_match(text))
}

/// Where the cue words of a text are, with their kinds: found once per block, then read for
/// each sentence with [`Cues::within`].
pub fn cue_hits(text: &str) -> Option<Vec<(usize, u8)>> {
    let finder = CUE_FINDER.as_ref()?;
    Some(
        finder
            .automaton
            .find_overlapping_iter(text)
            .map(|m| (m.start(), finder.kinds[m.pattern().as_usize()]))
            .collect(),
    )
}

/// Which readings a sentence can need: a regex runs only when a word it cannot match without is
/// there.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cues {
    pub licence: bool,
    pub no_confirmation: bool,
    pub permission: bool,
    pub flags: bool,
    pub prohibition: bool,
    pub destructive: bool,
    pub credential: bool,
}

impl Cues {
    pub fn of(text: &str) -> Cues {
        Cues::within(cue_hits(text).as_deref(), 0, text.len())
    }

    /// The cues of `from..to` among a block's hits; without an automaton every reading runs.
    pub fn within(hits: Option<&[(usize, u8)]>, from: usize, to: usize) -> Cues {
        let mask = match hits {
            Some(hits) => hits
                .iter()
                .filter(|(at, _)| (from..to).contains(at))
                .fold(0u8, |mask, (_, kind)| mask | kind),
            None => u8::MAX,
        };
        let has = |kind: u8| mask & kind != 0;
        Cues {
            licence: has(CUE_NO_CONFIRMATION | CUE_PERMISSION | CUE_FLAG),
            no_confirmation: has(CUE_NO_CONFIRMATION),
            permission: has(CUE_PERMISSION),
            flags: has(CUE_FLAG),
            prohibition: has(CUE_PROHIBITION),
            destructive: has(CUE_DESTRUCTIVE),
            credential: has(CUE_CREDENTIAL),
        }
    }

    /// A licence needs something destructive (or a blanket's "ask"); a hunt needs a credential.
    pub fn any(self) -> bool {
        self.credential || self.destructive || self.licence
    }
}

/// Words without which a heading or lead-in can neither forbid, gate nor introduce an example.
const GUARD_CUES: &[&str] = &[
    "never",
    "don",
    "do not",
    "not ",
    "n't",
    "avoid",
    "forbid",
    "prohibit",
    "danger",
    "bad",
    "anti",
    "hard no",
    "no-go",
    "banned",
    "blocked",
    "deny",
    "blacklist",
    "restricted",
    "wrong",
    "incorrect",
    "example",
    "only",
    "unless",
    "until",
    "approv",
    "confirm",
    "ask",
    "review",
    "caution",
    "warning",
    "refrain",
    "off-limits",
    "off limits",
    "disallow",
    "nobody",
    "no one",
    "propos",
    "suggest",
    "wait",
    "check with",
    "require",
    "discuss",
    "human",
    "❌",
    "🚫",
    "⛔",
    "✗",
    "says",
    "writes",
];

static GUARD_FINDER: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| finder(GUARD_CUES));

/// Whether a text may forbid, gate or introduce an example (a cheap test before the regexes).
pub fn may_guard(text: &str) -> bool {
    GUARD_FINDER.as_ref().is_none_or(|f| f.is_match(text))
}

/// Purpose clauses, whose negation is not a prohibition: "so it does not hang", "so that the
/// command doesn't wait for input".
pub static PURPOSE: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:so|so\s+that|to\s+make\s+sure|because|since|otherwise)\s+(?:\w+\s+){0,3}?(?:does\s+not|doesn'?t|do\s+not|don'?t|won'?t|will\s+not|can'?t|cannot|never)(?-u:\b)",
);

/// Conditions that put a human back in the loop ("only after the user confirms", "unless I say
/// so", "ask first"). One in a sentence gates every clause of it.
pub static GATE: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"only\s+(?:after|if|when|with|once|upon|on|ever)|unless|until\s+(?:the\s+user|a\s+human|i|we|someone|you\s+(?:get|have|receive))",
    r"|(?:after|once|when|if)\s+(?:the\s+user|a\s+human|someone|i|we|a\s+maintainer|the\s+developer|a\s+reviewer|you\s+(?:get|have|receive|'ve|got))\s+(?:\w+\s+){0,2}(?:confirm|approv|agree|say|said|ok|okay|explicitly|give|gave|ask|request|sign|authori|tell|told)",
    r"|with\s+(?:the\s+)?(?:explicit\s+|my\s+|our\s+|the\s+user'?s\s+|human\s+|prior\s+|written\s+|a\s+human'?s\s+)?(?:approval|confirmation|permission|sign-?off|consent)",
    r"|ask(?:ing)?\s+(?:the\s+user|me|us|first|before|for|a\s+human|someone|them|permission|a\s+maintainer)",
    r"|get\s+(?:explicit\s+)?(?:approval|confirmation|permission|sign-?off)|(?:seek|request|obtain)\s+(?:explicit\s+)?(?:approval|confirmation|permission)",
    r"|propos\w+|suggest\w*|wait\s+for|check\s+with|confirm\s+with|(?:require|need)s?\s+(?:[\w-]+\s+){0,2}(?:approvals?|confirmations?|reviews?|sign-?offs?)",
    r"|after\s+(?:confirmation|approval|review)|explicit(?:ly)?\s+(?:request|ask|approv|confirm|permission|instruct|told|say)",
    r"|(?:user|human)\s+(?:must|should|has\s+to)\s+(?:confirm|approve)|treat\s+(?:that|it|this)\s+as\s+a\s+request|discuss|double[- ]check\s+with|human[- ]in[- ]the[- ]loop",
    r")",
));

/// Markers that what follows is an example to avoid or a quotation, not an order.
pub static EXAMPLE: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?:(?-u:\b)(?:",
    r"bad\s+examples?|anti-?patterns?|wrong|incorrect|don'?t\s+(?:copy|do\s+this|write|say)|do\s+not\s+(?:copy|do\s+this|write|say)|what\s+not\s+to|never\s+do|avoid|forbidden|prohibited|not\s+allowed|dangerous|bad|examples?\s+of\s+what|(?:user|users|someone|people)\s+(?:says?|writes?|asks?|might\s+say)",
    r")(?-u:\b)|❌|🚫|⛔|✗)",
));

/// Targets that are the developer's own and disposable: a licence to wipe them is harmless.
pub static LOCAL_TARGET: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"local(?:ly|host)?|your\s+(?:own\s+)?(?:machine|laptop|computer|workstation|sandbox|branch|fork)|on\s+your\s+(?:machine|laptop)",
    r"|(?:test(?:ing)?|dev|development|e2e|ci|unit|integration)[\s_-]+(?:db|dbs|database|databases|data|schema|fixtures?|tables?|env\w*|containers?|volumes?|buckets?|instance|cluster)",
    r"|in-?memory|sqlite|tmp|temp(?:orary)?|scratch|throwaway|throw-away|disposable|ephemeral\s+test|node_modules|build\s+(?:dir\w*|artifacts?|output|folder)|dist|caches?|fixtures?|docker\s+compose|docker-compose|testcontainers?",
    r"|(?:RAILS_ENV|NODE_ENV|MIX_ENV|APP_ENV|DJANGO_ENV|FLASK_ENV)=(?:test|development|dev)",
    r")(?-u:\b)",
));

/// Verbs of destruction in prose. `strong` verbs destroy whatever they name; the others only when
/// their object is data ("reset the database", not "reset the form").
pub static STRONG_VERB: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:delet(?:e|es|ed|ing)|drop(?:s|ped|ping)?|destroy(?:s|ed|ing)?|wip(?:e|es|ed|ing)|truncat(?:e|es|ed|ing)|purg(?:e|es|ed|ing)|nuk(?:e|es|ed|ing)|tear(?:s|ing)?\s+(?:down|(?:it|them|that|this)\s+down)|teardown|eras(?:e|es|ed|ing)|blow(?:s|ing)?\s+away|decommission\w*|deprovision\w*|terminat(?:e|es|ed|ing)|obliterat\w*|zap)(?-u:\b)",
);
pub static WEAK_VERB: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:remov(?:e|es|ed|ing)|clear(?:s|ed|ing)?|reset(?:s|ting)?|re-?creat(?:e|es|ed|ing)|clean(?:s|ed|ing)?\s+(?:up|out)|empty(?:ing)?|flush(?:es|ed|ing)?|overwrit(?:e|es|ing)|prun(?:e|es|ed|ing)|rebuild(?:s|ing)?|re-?provision\w*|roll(?:s|ed|ing)?\s+back|rollback|uninstall\w*|downgrad\w*|restor(?:e|es|ing)\s+over)(?-u:\b)",
);

/// What a strong verb destroys.
pub static DATA_OBJECT: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"databases?|dbs?|schemas?|tables?|volumes?|buckets?|clusters?|environments?|stacks?|namespaces?|infrastructure|infra|backups?|snapshots?|data|records|rows|collections?|keyspaces?",
    r"|resources|secrets|repositories|images|registries|certificates|vaults|functions|resource[\s-]groups?|storage(?:\s+accounts?)?|instances?|droplets?|vms?|disks?|pvcs?|persistent\s+volumes?|subscriptions?|tenants?|projects?|apps?|applications?|releases?|deployments?|services?|servers?|queues?|topics?|indices|indexes|state|migrations?",
    r"|prod|production|staging|preview\s+(?:apps?|environments?|envs?)|everything|it\s+all",
    r")(?-u:\b)",
));
/// What a weak verb destroys: only stores of data.
pub static STORE_OBJECT: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"databases?|dbs?|schemas?|volumes?|buckets?|clusters?|environments?|stacks?|namespaces?|infrastructure|infra|backups?|snapshots?|keyspaces?|all\s+(?:the\s+)?data|the\s+data|production\s+data|staging\s+data|tables?\s+in|resource[\s-]groups?|storage\s+accounts?|persistent\s+volumes?|pvcs?|prod|production|staging",
    r")(?-u:\b)",
));

/// Objects too vague to be read as data without an environment named next to them.
pub const VAGUE_OBJECTS: &[&str] = &[
    "apps",
    "app",
    "application",
    "applications",
    "services",
    "service",
    "deployments",
    "deployment",
    "releases",
    "release",
    "projects",
    "project",
    "instances",
    "instance",
    "state",
    "migrations",
    "migration",
    "indices",
    "indexes",
    "queues",
    "queue",
    "topics",
    "topic",
    "rows",
    "records",
    "tables",
    "table",
    "data",
    "servers",
    "server",
    "everything",
    "it all",
    "collections",
    "collection",
    "disks",
    "disk",
    "vms",
    "vm",
    "resources",
    "secrets",
    "repositories",
    "images",
    "registries",
    "certificates",
    "vaults",
    "functions",
];

/// Credentials as nouns, strictly: a bare "key" is too common a word ("translation keys", "the
/// cache key") to count, so keys are qualified.
macro_rules! credential {
    () => {
        concat!(
            r"(?:(?i:(?:api|access|auth|deploy|service[- ]account|secret|private|ssh|signing|admin|root|master|personal\s+access|bearer|session|cloud|aws|gcp|azure|stripe|railway|vercel|fly|heroku|github|gitlab|npm|pypi|openai|anthropic|cloudflare|supabase|sentry|database|db|prod|production|staging|live|test)[\s_-]*(?:tokens?|keys?|credentials?|secrets?|passwords?|creds)",
            r"|tokens?|credentials?|creds|secrets?|passwords?|passwd|kubeconfig|service[- ]account(?:\s+(?:json|file|key))?|service[- ]principal)",
            r"|[A-Z][A-Z0-9_]*(?:TOKEN|KEY|SECRET|PASSWORD|CREDENTIALS?|PAT|JWT)|PATs?)"
        )
    };
}

/// The same, with bare "key" ("grab whatever key you can find"): only after a taking or
/// searching verb.
macro_rules! credential_loose {
    () => {
        concat!(r"(?:", credential!(), r"|(?i:keys?))")
    };
}

/// Credentials named anywhere in a text.
pub static CREDENTIAL: LazyRegex = LazyRegex::new(concat!(r"(?-u:\b)", credential!(), r"(?-u:\b)"));

/// Filler words between a verb and its object ("grab the old staging `DEPLOY_TOKEN`").
macro_rules! filler {
    () => {
        r"(?:(?:[\w'’.-]+|`[^`]{1,60}`)\s+){0,4}?`?"
    };
}

/// Credentials named anywhere, bare "key" included.
pub static CREDENTIAL_LOOSE: LazyRegex =
    LazyRegex::new(concat!(r"(?-u:\b)", credential_loose!(), r"(?-u:\b)|\.env"));

/// "borrow the Sentry token", "reuse any service-principal secret": taking a credential is a
/// hunt whatever the source. The verb must give an order (see `directive_verb`).
pub static TAKE: LazyRegex = LazyRegex::new(concat!(
    r"(?i:(?-u:\b)(?:grab|borrow|steal|reuse|re-use|fish\s+out|scrape|dig\s+up|nick|swipe|lift|snag|recover|retrieve)\s+)",
    filler!(),
    r"(?:",
    credential!(),
    r"(?-u:\b)|(?i:keys?\s+(?:from|out\s+of|in)(?-u:\b)))",
));

/// Verbs that take: with "any credential" they make a hunt.
pub static TAKE_WORD: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:grab|borrow|steal|reuse|use|try|take|copy|pull|fall\s+back)(?-u:\b)",
);

/// "use whatever key", "try any token that works": any credential at all.
pub static ANY_CREDENTIAL: LazyRegex = LazyRegex::new(concat!(
    r"(?i:(?-u:\b)(?:whatever|whichever|any(?:\s+other)?|some|the\s+first|(?:the\s+)?other|a\s+working|a\s+valid|one\s+of\s+the)\s+(?:[\w'’.-]+\s+){0,3}?)",
    credential_loose!(),
    r"(?-u:\b)",
));

/// "look for a token", "search the codebase for an `AWS_SECRET_ACCESS_KEY`", "find one": a search
/// whose object is a credential (or a pronoun for one the sentence names).
pub static SEARCH: LazyRegex = LazyRegex::new(concat!(
    r"(?i:(?-u:\b)(?:look(?:ing)?\s+(?:around\s+|through\s+)?(?:[^.;:]{0,60}?\s+)?for|search(?:ing)?\s+(?:[^.;:]{0,60}?\s+)?for|scan(?:ning)?\s+(?:[^.;:]{0,60}?\s+)?for|grep(?:ping)?\s+(?:[^.;:]{0,60}?\s+)?for|dig(?:ging)?\s+(?:through|around)\s+(?:[^.;:]{0,60}?\s+)?for|hunt(?:ing)?\s+(?:for|down)|find|locate|fall(?:ing)?\s+back\s+(?:on|to)|try)\s+)",
    filler!(),
    r"(?:",
    credential_loose!(),
    r"|(?i:\.env|it|one|them|some))(?-u:\b)",
));

/// "use the token in …", "take it from …", "copy `GITHUB_TOKEN` from …": a credential taken from a
/// place the rest of the sentence names.
pub static USE_FROM: LazyRegex = LazyRegex::new(concat!(
    r"(?i:(?-u:\b)(?:use|take|copy|pull|get|fetch|read|source|extract|retrieve|recover|load|export|grab|try)\s+)",
    filler!(),
    r"(?:",
    credential!(),
    r"|(?i:it|them|that|one))",
    r"(?i:`?\s+(?:[\w'’-]+\s+){0,3}?\(?(?:from|in|at|inside|out\s+of|stored\s+in|found\s+in|under))(?-u:\b)",
    // "using the `.env` token": a credential named by the file it comes from.
    r"|(?i:(?-u:\b)(?:use|using|take|grab)\s+the\s+`?\.env[\w.]*`?\s+(?:tokens?|keys?|credentials?|secrets?|passwords?))",
));

/// Use of what was found: "use it", "source it", "copy them over", "use one of those".
pub static THEN_USE: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:use|source|export|load|take|grab|copy|pass|set|reuse|try)\s+(?:it|them|that|those|this|one\s+of\s+(?:those|them|these))(?-u:\b)",
);

/// A use verb giving an order to read a file: "read `deploy/gcp-sa.json`", "check
/// `~/.bash_history`", "look in `~/.zsh_history`".
pub static READ_FILE_VERB: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:use|read|source|cat|load|open|copy|take|check|look\s+(?:in|at|through)|search|grep|less|head|tail|dig\s+through|go\s+through|inspect|see|refer\s+to|point\s+\S+\s+at(?:\s+the\s+(?:\S+\s+){1,3}file\s+at)?)\s+(?:the\s+|its\s+)?(?:file\s+)?`?$",
);

/// Words that make a pointer an order to use: "use", "source it", "pass it to curl".
pub static USE_SIGNAL: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:use|using|source|export|pass|load|with\s+curl|authenticate|log\s+in\s+with)(?-u:\b)",
);

/// A sentence that says where a credential lies ("the deploy key is in `secrets/prod.json`").
pub static POINTER: LazyRegex = LazyRegex::new(concat!(
    credential!(),
    r"(?i:`?\s+(?:[^.;]{0,40}?\s)?(?:is|are|lives?|sits?|stored|kept|saved|can\s+be\s+found)\s+(?:[^.;]{0,30}?\s)?(?:in|at|under|inside))(?-u:\b)",
    r"|(?i:(?-u:\b)(?:has|have)\s+)",
    filler!(),
    credential!(),
    r"(?i:`?\s+(?:in|at|under|inside))(?-u:\b)",
));

/// Places to hunt, for a search: the repository, files, other checkouts, history.
pub static HUNT_SOURCE: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?:(?-u:\b)(?:",
    r"(?:in|from|across|anywhere\s+in|within|through|under|inside|out\s+of)\s+(?:the\s+|this\s+|our\s+|any\s+|other\s+|another\s+|some\s+|an?\s+old\s+)?(?:`[^`]{1,60}`\s+|[\w-]+\s+)?(?:repo\w*|codebase|code\s+base|files?|project|folders?|director(?:y|ies)|config\w*|scripts?|checkouts?|git\s+history|commits?|\.env\w*|env\s+files?|logs?|workspace|machine|disk|filesystem|home\s+directory|ci\s+(?:logs?|variables))",
    r"|you\s+(?:can\s+|could\s+|might\s+)?(?:find|locate|dig\s+up|get\s+hold\s+of)|(?:can|could)\s+be\s+found|lying\s+around|(?:and\s+)?(?:re-?)?use\s+(?:it|that|them|those)|retry|try\s+(?:it|again|that)|whatever|whichever|(?:that|one)\s+works|until\s+one|shell\s+history|terminal\s+(?:history|sessions?)|bash_history|zsh_history|other\s+(?:repo|project|service|checkout)s?|another\s+(?:repo|project|service|checkout)|sibling|next\s+door|somewhere",
    r")(?-u:\b)|\|\s*grep)",
));

/// Places where credentials lie around: strong enough that "use the key in …" is a hunt without a
/// path.
pub static HIDING_PLACE: LazyRegex = LazyRegex::new(concat!(
    r"(?i)(?-u:\b)(?:",
    r"(?:in|from|across|anywhere\s+in|through|out\s+of)\s+(?:the\s+|this\s+|our\s+|any\s+|other\s+|another\s+|some\s+|an?\s+old\s+)?(?:`[^`]{1,60}`\s+|[\w-]+\s+)?(?:repo\w*|codebase|code\s+base|git\s+history|commits?|checkouts?|other\s+projects?)",
    r"|you\s+(?:can\s+|could\s+|might\s+)?(?:find|locate|dig\s+up|get\s+hold\s+of)|(?:can|could)\s+be\s+found|lying\s+around|whatever|whichever|(?:that|one)\s+works|until\s+one|shell\s+history|terminal\s+(?:history|sessions?)|bash_history|zsh_history|other\s+(?:repo|project|service|checkout)s?|another\s+(?:repo|project|service|checkout)|sibling|next\s+door|somewhere",
    r")(?-u:\b)",
));

/// Design tokens, LLM tokens, tokenisers: "token" that is not a credential.
pub static DESIGN_TOKENS: LazyRegex = LazyRegex::new(
    r"(?i)(?-u:\b)(?:design|colou?rs?|theme|theming|css|spacing|spacer|typography|palette|semantic|figma|tailwind|style|tokeni[sz]\w*|lexer|parser|llm|prompt|context\s+window|max_tokens|max\s+tokens|token[- ]efficient|token\s+(?:count|usage|budget|limit)s?|erc-?20|solana|crypto|nft|defi|coins?|swap)(?-u:\b)",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_compiles() {
        for re in [
            &NO_CONFIRMATION,
            &SKIP_FLAG_ADVICE,
            &PERMISSION,
            &PROHIBITION,
            &GATE,
            &EXAMPLE,
            &LOCAL_TARGET,
            &STRONG_VERB,
            &WEAK_VERB,
            &DATA_OBJECT,
            &STORE_OBJECT,
            &CREDENTIAL,
            &CREDENTIAL_LOOSE,
            &TAKE,
            &ANY_CREDENTIAL,
            &TAKE_WORD,
            &SEARCH,
            &USE_FROM,
            &THEN_USE,
            &READ_FILE_VERB,
            &POINTER,
            &HUNT_SOURCE,
            &HIDING_PLACE,
            &DESIGN_TOKENS,
            &BLANKET,
            &REFERS_BACK,
            &FORCE_FLAG,
            &USE_SIGNAL,
            &ASKING_LICENCE,
            &PURPOSE,
        ] {
            assert!(re.compiles());
        }
    }
}
