//! Mistakes in `agentlint.toml` are errors (exit 2) that point into the file, never silence: a
//! misspelt key or rule id that quietly matched nothing would switch a check off unnoticed.

use assert_cmd::Command;

/// Run `agentlint check` on a repository whose `agentlint.toml` is `config`; exit code and stderr.
fn check_with(config: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("agentlint.toml"), config).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join(".env"), "NODE_ENV=production\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = Command::cargo_bin("agentlint")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Assert exit 2, the file and line of the pointer, and words of the message.
fn assert_points(config: &str, line: usize, words: &[&str]) {
    let (code, err) = check_with(config);
    assert_eq!(code, Some(2), "{config}\n{err}");
    assert!(
        err.contains(&format!("agentlint.toml:{line}:")),
        "no pointer to line {line}:\n{err}"
    );
    // The excerpt shows the offending line under a caret.
    assert!(err.contains('^'), "no caret:\n{err}");
    for word in words {
        assert!(err.contains(word), "`{word}` missing:\n{err}");
    }
}

#[test]
fn a_valid_configuration_is_accepted() {
    let (code, err) = check_with(
        "select = [\"exposed-secret\", \"AL201\"]\nfail-on = \"error\"\n\n[rules.AL201]\nseverity = \"warning\"\n\n[environments]\nproduction = [\"deploy/prod/**\"]\n\n[per-path-ignores]\n\"docs/**\" = [\"exposed-secret\"]\n",
    );
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn unknown_key() {
    assert_points("select = [\"AL101\"]\ncolour = true\n", 2, &["colour"]);
}

#[test]
fn unknown_key_in_a_rule_table() {
    assert_points("[rules.AL101]\nlevel = \"warning\"\n", 2, &["level"]);
}

#[test]
fn bad_glob() {
    assert_points(
        "[environments]\nproduction = [\"deploy/[prod/**\"]\n",
        2,
        &["glob"],
    );
    assert_points(
        "[per-path-ignores]\n\"docs/{a,b\" = [\"AL101\"]\n",
        2,
        &["glob"],
    );
}

#[test]
fn unknown_rule_id() {
    assert_points("[rules.AL999]\nseverity = \"warning\"\n", 1, &["AL999"]);
    assert_points("ignore = [\"AL101\", \"not-a-rule\"]\n", 1, &["not-a-rule"]);
    assert_points(
        "[per-path-ignores]\n\"docs/**\" = [\"AL777\"]\n",
        2,
        &["AL777"],
    );
}

#[test]
fn unknown_severity() {
    assert_points("[rules.AL101]\nseverity = \"fatal\"\n", 2, &["fatal"]);
    assert_points("fail-on = \"critical\"\n", 1, &["critical"]);
}

#[test]
fn unknown_environment() {
    assert_points("[environments]\nprod = [\"deploy/**\"]\n", 2, &["prod"]);
}

#[test]
fn a_toml_syntax_error() {
    assert_points("select = [\"AL101\"\n", 1, &["invalid configuration"]);
}
