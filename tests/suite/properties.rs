//! Property tests for the invariants every rule relies on: spans lie inside their file on character
//! boundaries, byte ↔ line/column ↔ UTF-16 conversions round-trip, redaction never shows the
//! secret, and the same workspace gives the same findings in the same order.

use crate::common;

use std::path::Path;

use agentlint::config::Config;
use agentlint::discover::{self, Format, ReadOutcome};
use agentlint::pipeline::build::Input;
use agentlint::pipeline::{self, Overrides};
use agentlint::secrets::redact;
use agentlint::source::LineIndex;
use agentlint::syntax::{hcl, spans, Syntax};
use proptest::prelude::*;

/// Pieces that mean something to at least one parser, mixed with arbitrary text, so generated
/// files reach past the first token.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    ":",
    ",",
    "\"",
    "'",
    "`",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "- ",
    "=",
    "#",
    "//",
    "/*",
    "*/",
    "$(",
    "${",
    "$((",
    "))",
    "\\",
    "---\n",
    "```",
    "```sh\n",
    "~~~",
    "<<EOF\n",
    "EOF\n",
    "<<-X\n",
    "|\n",
    ">-\n",
    "&a",
    "*a",
    "!!str",
    "key",
    "KEY=",
    "export ",
    "resource \"a\" \"b\" {",
    "x = ",
    "<<EOT\n",
    "EOT\n",
    "%{",
    "[[t]]",
    "[t]",
    "\"\"\"",
    "'''",
    "<!--",
    "-->",
    "<div>",
    "é",
    "€",
    "😀",
    "\u{feff}",
    "\u{0}",
    "\u{fffd}",
    "true",
    "null",
    "1e9",
    "sk_live_",
    "AKIA",
    "ghp_",
    "eyJ",
    "; ",
    "&&",
    "|",
    ">",
    "<",
    "if ",
    "then ",
    "fi",
    "case ",
    "esac",
    ";;",
    "do ",
    "done",
];

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..64).prop_map(|pieces| pieces.concat())
}

fn unicode_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => any::<char>().prop_map(|c| c.to_string()),
        1 => proptest::sample::select(&["\n", "\r\n", "\r", "😀", "€", "é", "a"][..])
            .prop_map(str::to_string),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// Offsets sitting between a line's `\r` and its `\n` (or the end of the text): not a position an
/// editor can name, since a line's columns stop before its terminator.
fn inside_line_terminator(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes().get(offset - 1) == Some(&b'\r')
        && matches!(text.as_bytes().get(offset), None | Some(b'\n'))
}

fn check_parsers(text: &str) -> Result<(), TestCaseError> {
    let formats = [
        Format::Yaml,
        Format::Json,
        Format::Toml,
        Format::Hcl,
        Format::Markdown,
        Format::Dotenv,
        Format::Shell,
    ];
    for format in formats {
        let syntax = Syntax::parse(format, text);
        let bad = spans::first_bad(&syntax, text);
        prop_assert!(bad.is_none(), "{format:?}: bad span {bad:?} in {text:?}");
    }
    let tfvars = Syntax::Hcl(hcl::parse_tfvars(text));
    let bad = spans::first_bad(&tfvars, text);
    prop_assert!(bad.is_none(), "tfvars: bad span {bad:?} in {text:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn byte_to_line_column_and_back(text in unicode_text()) {
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            let (line, column) = index.line_col(&text, offset);
            let start = index.line_start(line - 1).unwrap_or(usize::MAX);
            prop_assert!(start <= offset);
            // The column counts characters from the line start.
            let back = start + text[start..].chars().take(column - 1).map(char::len_utf8).sum::<usize>();
            prop_assert_eq!(back, offset, "line {} column {}", line, column);
        }
    }

    #[test]
    fn byte_to_utf16_and_back(text in unicode_text()) {
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            let (line, column) = index.utf16_position(&text, offset);
            let start = index.line_start(line as usize).unwrap_or(usize::MAX);
            prop_assert_eq!(text[start..offset].encode_utf16().count(), column as usize);
            if !inside_line_terminator(&text, offset) {
                prop_assert_eq!(index.offset_of_utf16(&text, line, column), offset);
            }
        }
    }

    #[test]
    fn offsets_inside_characters_clamp_to_a_boundary(text in unicode_text(), at in any::<usize>()) {
        let index = LineIndex::new(&text);
        let offset = at % (text.len() + 2);
        let (line, column) = index.utf16_position(&text, offset);
        let back = index.offset_of_utf16(&text, line, column);
        prop_assert!(back <= text.len() && text.is_char_boundary(back));
        let _ = index.line_col(&text, offset);
    }

    #[test]
    fn redaction_never_shows_the_secret(secret in "\\PC{8,80}") {
        let shown = redact(&secret);
        prop_assert_ne!(&shown, &secret);
        prop_assert!(!shown.contains(secret.as_str()), "{shown:?} shows {secret:?}");
    }

    #[test]
    fn redaction_of_redaction_shaped_text(n in 0usize..200, dots in any::<bool>()) {
        let secret = format!("{}({n} chars)", if dots { "…" } else { "" });
        if secret.chars().count() >= 8 {
            prop_assert!(!redact(&secret).contains(secret.as_str()));
        }
    }

    #[test]
    fn every_parser_keeps_spans_inside_the_text(text in hostile_text()) {
        check_parsers(&text)?;
    }

    #[test]
    fn every_parser_keeps_spans_inside_arbitrary_text(text in "\\PC{0,200}") {
        check_parsers(&text)?;
    }
}

#[test]
fn redaction_shaped_secrets_are_not_shown() {
    for secret in ["…(11 chars)", "(10 chars)", "(9 chars)", "x…(11 chars)"] {
        assert!(!redact(secret).contains(secret), "{}", redact(secret));
    }
}

/// Every file under test-data, as in-memory inputs with their paths relative to test-data.
fn test_data_inputs() -> Vec<(String, Vec<u8>)> {
    let root = common::root().join("test-data");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(&root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.push((rel, bytes));
            }
        }
    }
    out.sort();
    out
}

fn lint_json(files: &[(String, Vec<u8>)]) -> String {
    let inputs = files
        .iter()
        .map(|(rel, bytes)| Input {
            display_path: rel.clone(),
            rel_path: rel.clone(),
            kind: discover::classify_path(Path::new(rel)),
            content: discover::decode(bytes.clone()),
        })
        .collect();
    let config = Config::default();
    let workspace = pipeline::build::from_inputs(inputs, &config.environments);
    let findings = pipeline::lint(&workspace, &config, &Overrides::default());
    agentlint::render::json::render(&workspace, &findings)
}

#[test]
fn the_same_workspace_gives_the_same_findings_in_the_same_order() {
    let files = test_data_inputs();
    assert!(files.len() > 50, "test-data not found");
    let first = lint_json(&files);
    assert!(first.contains("\"rule\""), "no findings at all");
    // In parallel on a pool of several threads, and in other input orders.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    for round in 0..3 {
        let mut shuffled = files.clone();
        if round % 2 == 1 {
            shuffled.reverse();
        } else {
            shuffled.rotate_left(files.len() / 3);
        }
        let again = pool.install(|| lint_json(&shuffled));
        assert!(again == first, "round {round}: output differs");
    }
}

#[test]
fn decoded_bytes_keep_every_span_inside_the_text() {
    // Latin-1 and stray bytes become replacement characters (3 bytes each in UTF-8): spans must
    // follow the decoded text, not the bytes on disk.
    let bytes = b"K\xe9Y=caf\xe9 \xff\xfe\n# comment \xa0\nexport T=\"\xe9\xe9\"\n".to_vec();
    let ReadOutcome::Text { text, lossy } = discover::decode(bytes) else {
        panic!("not text");
    };
    assert!(lossy);
    for format in [Format::Dotenv, Format::Yaml, Format::Shell, Format::Hcl] {
        let syntax = Syntax::parse(format, &text);
        assert_eq!(spans::first_bad(&syntax, &text), None, "{format:?}");
    }
}
